/* ret-scheduler.h — who travels when, where and in which vehicle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler plans the transfers of a span of days for everyone
 * awaiting transfer.  It works on an in-memory problem (RetScheduleInput,
 * built by the store or by a benchmark's generator) and never touches the
 * database, so the CLI, the GUI, the tests and the benchmarks plan the
 * same way.
 *
 * One vehicle makes one trip a day, facility → point, so planning is an
 * assignment problem: indivisible items (a family, or a person alone)
 * into vehicles, with conflict classes, seats and point capacities.  The
 * objective is lexicographic:
 *
 *   1. as few persons left unplanned as possible (of those who can be
 *      planned at all);
 *   2. then the weighted cost: km_weight per person and km from the
 *      point to their place of origin (to the facility when the origin is
 *      unknown) + day_weight per person and day after the plan's first
 *      day + vehicle_weight per vehicle used.
 *
 * Hard rules hold by construction, and the rule engine checks the result
 * (RetScheduleResult.n_hard counts what it found; it is 0 unless the
 * scheduler has a bug):
 *   - R01/R15: only points designated by an arrangement in force for the
 *     facility's sector on the handover's date (or an approved lateral
 *     pair);
 *   - R02: handover inside the point's window that weekday, outside the
 *     night, not during a closure (temporary extensions are used);
 *   - R03: a vehicle carrying a vulnerable person hands over in daylight
 *     (civil twilight where the arrangement says so) and inside the
 *     vulnerable window;
 *   - R04/R06: unaccompanied minors travel only in minors-only vans, with
 *     no adult, to points with minors reception, at or before the cut-off;
 *   - R05: an unaccompanied minor travels only with a screening that
 *     clears them and at or above the presumed-unable age;
 *   - R07: a family travels whole, in one vehicle;
 *   - R09: a person with a criminal record travels with no minor, family
 *     or vulnerable person other than their own family;
 *   - R11: nobody unfit to travel (nor their family);
 *   - R12: only verified Mexican nationals;
 *   - R13: flights only for persons (whole families) who all consented;
 *   - R16: never more persons than seats, nor than a point's daily
 *     capacity (kept transfers included), nor than a slot's capacity.
 *
 * A person not planned gets a reason a coordinator can act on ("No
 * minors van free at Del Rio on 2 Dec; next possible: 3 Dec 09:00 at
 * Piedras Negras", "Nationality not verified by a consul").
 *
 * The same input, options and seed give the same plan.
 */

#pragma once

#include <gio/gio.h>

#include "ret-rules.h"

G_BEGIN_DECLS

typedef enum
{
  RET_VEHICLE_BUS,
  RET_VEHICLE_VAN,
  RET_VEHICLE_FLIGHT,
} RetVehicleKind;

#define RET_N_VEHICLE_KINDS 3

/* "bus", "van", "flight": also a transfer's mode */
const char     *ret_vehicle_kind_to_string   (RetVehicleKind  kind);
gboolean        ret_vehicle_kind_from_string (const char     *text,
                                              RetVehicleKind *kind);
const char     *ret_vehicle_kind_label       (RetVehicleKind  kind);  /* translated */

/* Bit (GDateWeekday - 1): Monday is 1 << 0, Sunday 1 << 6 */
#define RET_WEEKDAYS_ALL 0x7f

/**
 * RetVehicle:
 * @id: 0 until stored
 * @facility: the facility it leaves from
 * @label: what a coordinator calls it ("Bus 2", "Flight TUS–MEX")
 * @minors_only: a van fitted and staffed for unaccompanied minors (R06);
 *   it carries nobody else
 * @weekdays: the days it is available (RET_WEEKDAYS_ALL: every day)
 * @point: flights only: the airport it flies to; NULL for road vehicles,
 *   which go to any point
 * @depart_minute: flights only: scheduled departure, minutes after
 *   midnight in the facility's zone; RET_MINUTE_NONE for road vehicles,
 *   whose departure follows from the handover time
 * @sample: a sample value (the reference fleet), not the office's own
 *
 * One vehicle of a facility's fleet: one trip a day at most.
 */
typedef struct
{
  gint64          id;
  char           *facility;
  RetVehicleKind  kind;
  char           *label;
  int             seats;
  gboolean        minors_only;
  guint           weekdays;
  char           *point;
  int             depart_minute;
  gboolean        sample;
} RetVehicle;

RetVehicle     *ret_vehicle_new              (void);   /* every day, road, not sample */
RetVehicle     *ret_vehicle_copy             (const RetVehicle *vehicle);
void            ret_vehicle_free             (RetVehicle       *vehicle);
gboolean        ret_vehicle_runs_on          (const RetVehicle *vehicle,
                                              const GDate      *date);  /* in the facility's zone */

/**
 * RetTravelTime:
 * @minutes: door to door, boarding included
 *
 * A travel time the office set for one facility → point pair.
 */
typedef struct
{
  char     *facility;
  char     *point;
  int       minutes;
  gboolean  sample;
} RetTravelTime;

RetTravelTime  *ret_travel_time_copy         (const RetTravelTime *travel);
void            ret_travel_time_free         (RetTravelTime       *travel);

/* Where the office set no travel time: by road, 30 minutes to board and
 * the great-circle distance × RET_ROAD_CIRCUITY at the average road
 * speed; by air, 120 minutes and the distance at 700 km/h.  Rounded up to
 * 5 minutes. */
#define RET_ROAD_CIRCUITY            1.3
#define RET_DEFAULT_ROAD_SPEED_KMH   60
int             ret_travel_estimate_minutes  (RetVehicleKind  kind,
                                              double          km,
                                              int             road_speed_kmh);

/**
 * RetScheduleOptions:
 * @from: the first day (in each point's local time)
 * @days: how many days, 1 or more
 * @seed: the improvement's random choices; the same seed, the same plan
 * @iterations: improvement rounds after construction (0: construction
 *   only); RET_SCHEDULE_DEFAULT_ITERATIONS by default
 * @km_weight: cost per person and km from the point to the origin
 * @day_weight: cost per person and day after @from
 * @vehicle_weight: cost per vehicle used
 * @flights: whether interior flights may be used
 */
typedef struct
{
  GDate     from;
  guint     days;
  guint32   seed;
  guint     iterations;
  double    km_weight;
  double    day_weight;
  double    vehicle_weight;
  gboolean  flights;
} RetScheduleOptions;

#define RET_SCHEDULE_DEFAULT_ITERATIONS 2000
#define RET_SCHEDULE_DEFAULT_KM_WEIGHT      1.0
#define RET_SCHEDULE_DEFAULT_DAY_WEIGHT     200.0
#define RET_SCHEDULE_DEFAULT_VEHICLE_WEIGHT 300.0

void            ret_schedule_options_init    (RetScheduleOptions *options,
                                              const GDate        *from,
                                              guint               days);

/**
 * RetScheduleInput:
 * @data: the reference data (points, facilities, arrangements, lateral
 *   pairs, closures and extensions), the persons (the candidates, everyone
 *   on the kept transfers, and their families) and, in @data->transfers,
 *   the kept transfers: they stay as they are, use their vehicles and
 *   their points' capacity.  Owned.
 * @candidates: (element-type guint): indexes into @data->persons of the
 *   persons to plan
 * @kept_vehicles: (element-type gint64): for each of @data->transfers, the
 *   vehicle it uses (0: none recorded; then one vehicle of its mode at
 *   its facility that day counts as taken)
 * @vehicles: (element-type RetVehicle): the fleet
 * @travel: (element-type RetTravelTime): travel times the office set;
 *   other pairs are estimated
 * @road_speed_kmh: for the estimate
 * @not_before: UTC seconds: no departure earlier (the time of planning)
 * @replace: (element-type utf8): codes of the stored transfers this plan
 *   replaces (the store cancels them when it saves the plan)
 */
typedef struct
{
  RetCheckData *data;
  GArray       *candidates;
  GArray       *kept_vehicles;
  GPtrArray    *vehicles;
  GPtrArray    *travel;
  int           road_speed_kmh;
  gint64        not_before;
  GPtrArray    *replace;
} RetScheduleInput;

RetScheduleInput *ret_schedule_input_new     (void);  /* empty data, arrays ready */
void            ret_schedule_input_free      (RetScheduleInput *input);
/* The minutes from @facility to @point by @kind: the office's, else the
 * estimate. */
int             ret_schedule_input_travel_minutes (const RetScheduleInput *input,
                                              const RetFacility      *facility,
                                              const RetPoint         *point,
                                              RetVehicleKind          kind);

/**
 * RetUnplanned:
 * @person: index into RetScheduleInput.data->persons
 * @reason: a translated sentence a coordinator can act on
 * @eligible: %FALSE when the person cannot be planned at all as things
 *   stand (nationality not verified, unfit, no screening…); %TRUE when
 *   only vehicles, seats or capacity were missing
 */
typedef struct
{
  guint     person;
  char     *reason;
  gboolean  eligible;
} RetUnplanned;

void            ret_unplanned_free           (RetUnplanned *unplanned);

/**
 * RetScheduleResult:
 * @transfers: (element-type RetCheckTransfer): the new transfers, sorted
 *   by handover then code, with codes "T-YYYYMMDD-PNT-NN" (local date at
 *   the point) unique among themselves and the kept transfers; entries
 *   index RetScheduleInput.data->persons
 * @vehicle_ids: (element-type gint64): the vehicle of each transfer
 * @unplanned: (element-type RetUnplanned): every candidate not planned,
 *   by A-number
 * @n_planned: persons planned
 * @n_eligible_unplanned: unplanned persons who were eligible
 * @total_km: Σ over planned persons with a known origin of the km from
 *   their point to their origin
 * @person_days: Σ over planned persons of days after the first
 * @cost: the weighted cost of the plan (the unplanned not included)
 * @n_hard: unresolved hard violations the rule engine finds on the new
 *   transfers (R08, R10 and R19 are about later steps and not counted)
 * @n_warnings: warnings it finds on them
 * @violations: (element-type RetViolation): what the rule engine found on
 *   the new transfers, hard and warning, sorted as a check sorts them
 */
typedef struct
{
  GPtrArray *transfers;
  GArray    *vehicle_ids;
  GPtrArray *unplanned;
  guint      n_planned;
  guint      n_eligible_unplanned;
  guint      n_vehicles;
  double     total_km;
  double     person_days;
  double     cost;
  guint      n_hard;
  guint      n_warnings;
  GPtrArray *violations;
} RetScheduleResult;

void            ret_schedule_result_free     (RetScheduleResult *result);

/* Called from the thread that plans, with the share done (0 to 1). */
typedef void  (*RetScheduleProgress)         (double    fraction,
                                              gpointer  user_data);

/**
 * ret_schedule_run:
 *
 * Plans @input's candidates.  Never fails on a candidate that cannot be
 * planned (that is a RetUnplanned); fails with G_IO_ERROR_CANCELLED when
 * @cancellable is cancelled, and G_IO_ERROR_INVALID_ARGUMENT on options
 * that make no sense (no days).  @input->data->transfers is left as it
 * was given.
 */
RetScheduleResult *ret_schedule_run          (RetScheduleInput         *input,
                                              const RetScheduleOptions *options,
                                              RetScheduleProgress       progress,
                                              gpointer                  user_data,
                                              GCancellable             *cancellable,
                                              GError                  **error);

/* {"transfers": [...], "unassigned": [{"a_number", "reason"}],
 *  "violations": [...]} as DESIGN.md and `retorno-cli plan --json` give it;
 * transfers as `import plan` reads them, times in the point's offset. */
JsonNode       *ret_schedule_result_to_json  (const RetScheduleInput  *input,
                                              const RetScheduleResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetVehicle, ret_vehicle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetTravelTime, ret_travel_time_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetScheduleInput, ret_schedule_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetScheduleResult, ret_schedule_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetUnplanned, ret_unplanned_free)

G_END_DECLS
