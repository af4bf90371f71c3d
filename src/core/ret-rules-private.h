/* ret-rules-private.h — between the rule engine and the rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each rule checks, precisely (the catalogue in ret-rules.c gives
 * titles, sources and parameters).  "Age" is the age on the local date of
 * the handover at the point; "minor" is under 18; "vulnerable" is
 * ret_person_is_vulnerable() on that date.  Persons on a manifest whose
 * status is withdrawn are ignored by every rule.
 *
 * R01 designated-point (hard, per transfer).  The arrangement in force
 *   for the facility's sector on the handover's local date must exist and
 *   list the transfer's point.
 * R02 point-hours (hard, per transfer).  At the handover's local time at
 *   the point: never in the border-wide night [night_start, night_end);
 *   inside that weekday's general window [open, close) of the arrangement
 *   in force, unless a temporary extension covers the instant; never
 *   while a closure covers it; a weekday with no window is closed.
 * R03 daylight-vulnerable (hard, per transfer).  Every vulnerable person:
 *   handover in [sunrise, sunset) (or [civil dawn, civil dusk) when
 *   civil_twilight is 1) at the point on the local date, and inside the
 *   vulnerable window [vulnerable_open, vulnerable_close).  Exactly at
 *   sunset is too late.
 * R04 minors-reception (hard, per transfer).  Unaccompanied minors only
 *   at a point with minors reception, and at or before the minors
 *   cut-off minute (a handover at 18:00 with cut-off 18:00 is allowed;
 *   18:01 is not).  No cut-off that weekday = no minors that day.
 * R05 minors-screening (hard, per transfer).  Every unaccompanied minor
 *   who is Mexican: a screening is recorded; it found no trafficking risk
 *   and no fear of return, and the child able to decide.  A child under
 *   presumed_unable_below years is presumed unable: the violation stands
 *   until overridden with a reason, whatever the screening says.
 * R06 minors-separate (hard, per transfer).  A transfer with an
 *   unaccompanied minor carries no adult (18 or over).
 * R07 family-unity (hard, per family).  All members of a family group
 *   who are not withdrawn or already repatriated are on one transfer.
 *   Fires for members on different transfers (even at the same point and
 *   time) and for members left awaiting while others are planned.  The
 *   violation is reported on the first of the family's checked transfers
 *   (by code); persons = every member; subject = the kind of split, the
 *   family label, its transfers and its members
 *   ("split@RUIZ-1[T1, T2]:A1,A2"), matched by resolutions whatever plan
 *   and transfer it is reported on.
 * R08 advance-notice (per transfer).  Consulate and INM notices: not sent
 *   and now >= departure: hard ("left without notice"); not sent and now
 *   >= departure - lead_hours: warning ("due"); sent later than
 *   departure - lead_hours: warning ("late").  A transfer with a
 *   criminal-record person needs the prosecutor's attaché notice too, as
 *   a warning only.
 * R09 criminal-separate (per transfer).  For each person with a criminal
 *   record, the others on the transfer who are not of their own family:
 *   any minor or any member of a family group: hard; any other vulnerable
 *   adult: warning.  One violation per kind per transfer.
 * R10 belongings (hard at handover, per transfer).  Only when the
 *   transfer is departed or handed over: every person's inventory taken,
 *   and no item still held or missing.
 * R11 medical (per transfer).  medical_fit false: hard.  Ill, pregnant or
 *   disabled, or medical notes not empty, and the INM notice not sent:
 *   warning ("not notified").
 * R12 mexican-only (hard, per transfer).  Nationality MEX and verified.
 * R13 interior-consent (hard, per transfer).  To an airport point or by
 *   flight, when the arrangement's voluntary parameter is 1: every person
 *   gave consent.
 * R14 origin-proximity (warning, per transfer).  For persons with a known
 *   origin: the great-circle distance from the point to the origin exceeds
 *   that of the nearest designated point of the arrangement in force
 *   (airports only for persons who consented) by more than margin_km.
 * R15 no-lateral (hard, per transfer).  For each person: the transfer's
 *   point is designated by the arrangement in force for the sector of the
 *   person's own facility, or an approved lateral pair (that sector, that
 *   point) allows it.
 * R16 capacity.  Per transfer: persons > seats: hard.  Per point and local
 *   date: persons handed over > the point's daily capacity: warning,
 *   reported on the transfer whose handover crosses the limit; per slot of
 *   slot_minutes from local midnight > slot_capacity: warning likewise.
 * R17 heat-season (warning, per transfer).  When the arrangement's applies
 *   is 1 and the handover's local date is within [season_from, season_to]
 *   (month-day, inclusive): a handover at a remote desert point; and, to
 *   any border point, persons who consented to interior repatriation
 *   ("prefer a flight").
 * R18 custody-time (warning, per transfer).  Handover more than
 *   adult_hours after apprehension; for minors, more than minor_hours.
 * R19 record-actuals (hard at close-out, per transfer).  When the
 *   transfer is handed over: every person has an actual handover time and
 *   a receiving official, from their entry or from the transfer's; minors
 *   from their own entry only.
 */

#pragma once

#include "ret-rules.h"
#include "ret-solar.h"
#include "ret-tiles.h"

G_BEGIN_DECLS

typedef struct _RetCheckContext RetCheckContext;

/* One check of one transfer, appending to the context's output. */
typedef void (*RetTransferCheck) (RetCheckContext        *ctx,
                                  guint                   transfer);

/* The per-transfer checks of each rule (NULL for a rule that has only
 * group checks); defined in ret-rules-place.c and ret-rules-people.c. */
void  _ret_check_designated_point    (RetCheckContext *ctx, guint transfer);
void  _ret_check_point_hours         (RetCheckContext *ctx, guint transfer);
void  _ret_check_daylight_vulnerable (RetCheckContext *ctx, guint transfer);
void  _ret_check_minors_reception    (RetCheckContext *ctx, guint transfer);
void  _ret_check_minors_screening    (RetCheckContext *ctx, guint transfer);
void  _ret_check_minors_separate     (RetCheckContext *ctx, guint transfer);
void  _ret_check_advance_notice      (RetCheckContext *ctx, guint transfer);
void  _ret_check_criminal_separate   (RetCheckContext *ctx, guint transfer);
void  _ret_check_belongings          (RetCheckContext *ctx, guint transfer);
void  _ret_check_medical             (RetCheckContext *ctx, guint transfer);
void  _ret_check_mexican_only        (RetCheckContext *ctx, guint transfer);
void  _ret_check_interior_consent    (RetCheckContext *ctx, guint transfer);
void  _ret_check_origin_proximity    (RetCheckContext *ctx, guint transfer);
void  _ret_check_no_lateral          (RetCheckContext *ctx, guint transfer);
void  _ret_check_seats               (RetCheckContext *ctx, guint transfer);
void  _ret_check_heat_season         (RetCheckContext *ctx, guint transfer);
void  _ret_check_custody_time        (RetCheckContext *ctx, guint transfer);
void  _ret_check_record_actuals      (RetCheckContext *ctx, guint transfer);

/* Helpers the engine gives the rules. */
RetCheckData        *_ret_check_get_data        (RetCheckContext *ctx);
const RetPoint      *_ret_check_get_point       (RetCheckContext *ctx, guint transfer);  /* NULL if unknown */
const RetFacility   *_ret_check_get_facility    (RetCheckContext *ctx, const char *code); /* NULL if unknown */
GTimeZone           *_ret_check_get_point_zone  (RetCheckContext *ctx, guint transfer);  /* NULL if unknown point */
/* The handover's local date and minute of day at the point. */
gboolean             _ret_check_local_handover  (RetCheckContext *ctx, guint transfer,
                                                 GDate *date, int *minute, int *weekday);
const RetCheckArrangement *_ret_check_arrangement_for (RetCheckContext *ctx,
                                                 const char *sector, const GDate *date);
const RetCheckArrangement *_ret_check_arrangement_for_point (RetCheckContext *ctx,
                                                 const char *sector, const char *point,
                                                 const GDate *date);
/* The arrangement in force for the transfer's facility on its date (of
 * those covering its sector, the one that designates its point). */
const RetCheckArrangement *_ret_check_transfer_arrangement (RetCheckContext *ctx, guint transfer);
int                  _ret_check_param           (RetCheckContext *ctx, guint transfer,
                                                 RetRuleId rule, const char *key);
const RetDaylight   *_ret_check_daylight        (RetCheckContext *ctx, guint transfer); /* NULL if unknown */
int                  _ret_check_age             (RetCheckContext *ctx, guint transfer, guint person);
gboolean             _ret_check_is_minor        (RetCheckContext *ctx, guint transfer, guint person);
gboolean             _ret_check_is_vulnerable   (RetCheckContext *ctx, guint transfer, guint person);
gboolean             _ret_check_is_counted      (RetCheckContext *ctx, guint person); /* not withdrawn */
/* The guint persons on the manifest who are counted, in manifest order;
 * owned by the context, worked out once per run. */
const GArray        *_ret_check_counted_persons (RetCheckContext *ctx, guint transfer);

/* Report a violation of @rule on @transfer concerning @persons (indexes
 * into data->persons); @subject NULL = the persons' sorted A-numbers. */
void                 _ret_check_report          (RetCheckContext *ctx,
                                                 RetRuleId        rule,
                                                 RetSeverity      severity,
                                                 guint            transfer,
                                                 const guint     *persons,
                                                 guint            n_persons,
                                                 const char      *subject,
                                                 const char      *format,
                                                 ...) G_GNUC_PRINTF (8, 9);

G_END_DECLS
