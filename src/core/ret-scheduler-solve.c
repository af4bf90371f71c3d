/* ret-scheduler-solve.c — the planning: items into vehicles, points and times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One vehicle makes at most one trip a day, from its facility to one
 * point, so a plan is an assignment of indivisible items (a family, or a
 * person alone) to trips (vehicle, day), each trip going to one point.
 * What may share a trip follows from each item's class:
 *
 *   MINORS        unaccompanied minors (alone or siblings): minors-only
 *                 vans, with other MINORS only;
 *   MINORS_ALONE  the same with a criminal record: alone in a minors van
 *                 (R09: no other minor next to a record);
 *   VULN          families and vulnerable persons: never with a record;
 *   CRIM          a single non-vulnerable adult with a record;
 *   OWN           a family with a record, or a vulnerable single with
 *                 one: one per vehicle, with NEUTRAL singles only;
 *   NEUTRAL       a single non-vulnerable adult without a record: rides
 *                 with anything but minors.
 *
 * Where and when a trip may hand over is worked out once per point, day
 * and arrangement on a five-minute grid (general, vulnerable and minors
 * minutes), so the search itself only compares small integers.
 *
 * The search: every item inserted greedily, hardest first; then rounds
 * of moves, each undone unless the plan is no worse (fewer persons left
 * out first, then the cost) or, early on, only a little worse than the
 * best plan seen, which is kept and restored at the end:
 *   - ruin-and-recreate: remove the items of a few trips, a share of one
 *     facility's items, or those handed over at one point that day
 *     together with those elsewhere who would save most there (so that
 *     a chain through a shared capacity, such as one flight's people
 *     making room in a slot for another facility's, can be found), and
 *     put them back in regret order;
 *   - send a vehicle (idle, or emptied) to a point and fill it with those
 *     it saves most: what no single item pays for on its own; a flight,
 *     whose point is fixed, is emptied and refilled the same way (the
 *     first to board decides who may share it, and a family with a
 *     record aboard keeps every other family off a 135-seat plane);
 *   - let someone left out take the place of those dearer to carry;
 * and at the end, on the best plan, every vehicle of a facility and
 * day, the emptiest first, is closed when the vehicles already going
 * can take its people for less than the vehicle costs, and any two
 * that fit in one are merged when that costs less.  A vehicle costs
 * vehicle_weight however few it carries, so half-empty ones are what
 * these look for.  Last, each item is moved to any vehicle of its
 * facility already going where it costs less, or traded with someone
 * aboard, and someone left out takes the seat of someone dearer to
 * carry, until none of that pays; ruin and recreate, which puts many
 * back at once, leaves such single trades behind.
 *
 * A family with a record (or a vulnerable person with one) needs a
 * vehicle of its own, shared only with persons alone without a record:
 * where a day has seats to spare it takes a bus, which those persons
 * then fill, rather than a van that leaves a bus half empty.
 *
 * A backlog far beyond the seats (100,000 waiting for a few thousand
 * seats a day) must not cost the search its rounds: items alike in all
 * but where their people come from form a group with the same places
 * open to it, looked for once; putting someone in a vehicle only ever
 * takes places away, so once one of a group finds none the rest of it
 * is passed over until someone leaves a vehicle.  A vehicle sent
 * somewhere new takes those waiting group by group, nearest first, only
 * as far as they board; and someone waiting is drawn at random from a
 * count kept as they come and go, not by going through them all.  The
 * search weighs the same moves the same way; it only sees sooner what
 * it need not look at.
 *
 * Handover times are chosen at the end, per point and day, so that the
 * slots' capacity holds with the kept transfers counted.  The search
 * keeps in view what the slots can take (a vehicle with someone
 * vulnerable on board hands over inside the narrower vulnerable
 * window), and a vehicle hands everyone on board over in one slot, so
 * a road vehicle carries no more than the roomiest slot its passengers
 * may use takes, and the flights landing in one slot no more than it
 * takes together; the end then seldom finds a vehicle without a slot
 * (only when the day's slots are nearly full), and when it does, its
 * people move to the other vehicles of that point and day where they
 * fit.
 *
 * Not used: approved lateral pairs (R15).  Everyone is planned from
 * their own facility, whose arrangement names the points (R01); a
 * lateral handover means taking a person to another sector's facility
 * first, which is decided for one person at a time, not planned here.
 */

#define G_LOG_DOMAIN "ret-scheduler"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-rules-private.h"
#include "ret-scheduler-private.h"

#define GRID_MINUTES 5
#define GRID_SIZE (RET_MINUTES_PER_DAY / GRID_MINUTES)
#define JULIAN_EPOCH 719163   /* GDate julian day of 1970-01-01 */
#define NO_CAPACITY_LIMIT G_MAXINT

/* The search's settings, tuned on the planning benchmark's instances:
 * one move per round and per ITEMS_PER_MOVE items, MIN_MOVES at least,
 * and up to MAX_MOVES on problems of fewer than SMALL_WORK / MIN_MOVES
 * items, whose moves are cheaper (10,000 persons then plan in about
 * half a second, 3,000 in about the same, and the small problems get a
 * search at least as thorough for far less); of those, OPEN_SHARE %
 * send an idle vehicle somewhere new and SWAP_SHARE % trade someone left
 * out for someone dearer to carry; a ruin takes 15 % of a facility's
 * items, RUIN_MAX at most; a move may leave the plan worse than
 * the best by THRESHOLD_SHARE of one facility-day's cost, less and less
 * as the rounds go.  At the end, CONSOLIDATE_PASSES rounds of closing
 * and merging vehicles at most. */
#define ITEMS_PER_MOVE     5000
#define MIN_MOVES          3
#define SMALL_WORK         24000
#define MAX_MOVES          16
#define OPEN_SHARE         20
#define SWAP_SHARE         35
#define SWAP_ATTEMPTS      24
#define RUIN_MAX           60
#define THRESHOLD_SHARE    0.01
#define CONSOLIDATE_PASSES 3

typedef enum
{
  CLASS_NEUTRAL,
  CLASS_VULN,
  CLASS_CRIM,
  CLASS_OWN,
  CLASS_MINORS,
  CLASS_MINORS_ALONE,
  N_CLASSES,
  CLASS_NONE = 0xff,   /* not plannable that day */
} ItemClass;

typedef enum
{
  NEED_GENERAL,
  NEED_VULNERABLE,
  NEED_MINORS,
  N_NEEDS,
} Need;

#define NEED_BIT(need) (1u << (need))

typedef struct
{
  guint8  bits[GRID_SIZE];   /* NEED_BIT of what each grid minute allows */
  gint64  utc[GRID_SIZE];
} DayMask;

/* A point a facility may use on a day, under the arrangement that
 * governs handovers there. */
typedef struct
{
  guint   point;
  guint   arrangement;
  guint8  feasible;          /* NEED_BITs with a road handover time */
} Site;

typedef struct
{
  guint     first;           /* into Solver.members */
  guint     n;
  guint     size;
  int       facility;        /* -1: unknown */
  gboolean  flight_ok;
  gboolean  eligible;        /* on some day */
  char     *reason;          /* why not, when not eligible */
  guint     order;           /* the first candidate's position, for ties */

  int       trip;            /* -1: unplanned */
  guint8    cls;             /* its class on its trip's day */
  guint8    need;
} Item;

typedef struct
{
  guint           vehicle;
  guint           day;
  guint           facility;
  RetVehicleKind  kind;
  int             seats;
  gboolean        minors_only;
  int             flight_point;   /* -1: a road vehicle */
  guint8          flight_bits;    /* NEED_BITs its fixed handover allows */
  gint64          flight_handover;
  int             flight_minute;
  gboolean        usable;

  int             point;          /* -1: idle */
  guint8          feasible;       /* NEED_BITs with a time at that point */
  int             load;
  guint           n_class[N_CLASSES];
  guint           n_need[N_NEEDS];
  GArray         *items;          /* guint */

  int             minute;
  gint64          handover_at;
  gint64          depart_at;
} Trip;

typedef struct
{
  guint64 state;
} Rng;

/* A mark per group, all cleared at once by a new stamp. */
typedef struct
{
  guint *stamp;   /* [group] */
  guint  now;
} GroupMarks;

/* A place open to an item, with what it costs on top of its distance:
 * ((km_weight * km + day_cost) + extra) + tiebreak, summed in that
 * order so that every item's cost is exactly what item_options_in()
 * would find. */
typedef struct
{
  int    trip;
  int    point;
  double day_cost;
  double extra;
  double tiebreak;
} Place;

typedef struct
{
  RetScheduleInput         *input;
  const RetScheduleOptions *options;
  RetCheckData             *data;
  Rng                       rng;

  guint                     n_days;     /* the plan's */
  guint                     n_site_days; /* and the day after, for reasons */
  GDate                    *dates;      /* n_site_days */

  guint                     n_points;
  GTimeZone               **point_zones;
  GPtrArray               **point_exceptions; /* RetPointException, borrowed */
  guint                     n_facilities;
  GTimeZone               **facility_zones;
  guint                     n_arrangements;

  DayMask                 **masks;      /* [(point * n_arr + arr) * n_site_days + day] */
  GArray                  **sites;      /* [facility * n_site_days + day]: Site */
  int                      *travel;     /* [(facility * n_points + point) * 2 + flight] */
  int                      *capacity;   /* [point * n_days + day]: persons left */
  int                     **slot_load;  /* [point * n_days + day]: per slot, kept ones */
  int                      *slot_minutes; /* [point * n_days + day] */
  int                      *slot_capacity;
  /* The slots' room, for the search: persons a point-day can still
   * take in the slots that allow a vulnerable (or minor) handover, and
   * in all its slots; and what the plan puts there. */
  int                      *vulnerable_room; /* [point * n_days + day] */
  int                      *slot_room;
  int                      *vulnerable_load;
  int                      *slot_total;
  /* A vehicle hands everyone over in one slot: the most one road
   * vehicle may carry there, by what its passengers need (the largest
   * room the kept transfers leave in a slot allowing that); and what
   * the plan's flights, whose slot is fixed, take of each slot. */
  int                      *trip_room;       /* [(point * n_days + day) * N_NEEDS + need] */
  int                     **flight_load;     /* [point * n_days + day]: per slot */

  guint                    *members;    /* into data->persons */
  guint                     n_members;
  GArray                   *items;      /* Item */
  guint8                   *item_class; /* [item * n_days + day] */
  guint8                   *item_need;
  double                   *km;         /* [item * n_points + point] */
  double                   *km_known;
  GArray                  **facility_items; /* eligible items per facility */
  gboolean                 *seats_to_spare; /* [facility * n_days + day] */

  /* Items alike in all but where their people come from (facility,
   * size, flights, and class and need each day) have the same places
   * open to them, at different costs.  With a backlog far beyond the
   * seats, most of the search would otherwise go into asking thousands
   * of them, one by one, for a place none of them has. */
  guint                    *item_group;   /* [item] */
  guint                     n_groups;
  GroupMarks                full;         /* groups with no place at all */
  GroupMarks                listed;       /* groups whose places are in places */
  guint                    *group_places; /* [group * 2]: first, count in places */
  GArray                   *places;       /* Place */
  GArray                   *item_places;  /* Place: scratch of item_options_in() */
  guint8                   *item_mark;    /* [item]: scratch, all 0 between uses */
  guint                    *group_first;  /* [group]: an item of it */
  GArray                  **group_items;  /* [group]: its eligible items */
  GArray                  **facility_groups; /* [facility]: groups with eligible items */
  guint                   **by_distance;  /* [group * n_points + point]: its items, nearest
                                           * first; made when first needed */
  /* Who of each facility waits, to pick one at random without going
   * through them all: a Fenwick tree over facility_items, 1 for each
   * item waiting. */
  guint                    *item_pos;     /* [item]: in facility_items, or G_MAXUINT */
  int                     **waiting_tree; /* [facility] */
  /* What changed since the best plan was last taken down, so that
   * taking it down again copies only that. */
  guint8                   *item_changed; /* [item] */
  guint8                   *trip_changed; /* [trip] */
  GArray                   *changed_items; /* guint */
  GArray                   *changed_trips; /* guint */

  GArray                   *trips;      /* Trip */
  GArray                  **day_trips;  /* [facility * n_days + day]: guint */

  guint                     n_unplanned;  /* eligible persons */
  double                    cost;
  guint                     n_used;       /* trips with someone */

  guint                    *order_pref;   /* grid indexes, preferred first */
  /* format_day() of each site day and format_days(), for the reasons
   * of thousands left out: made once, when first needed. */
  char                    **day_names;    /* [site day] */
  char                     *span_name;
} Solver;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static guint64
rng_next (Rng *rng)
{
  /* xorshift64*: small, fast and the same everywhere */
  guint64 x = rng->state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng->state = x;
  return x * G_GUINT64_CONSTANT (2685821657736338717);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return n == 0 ? 0 : (guint) ((rng_next (rng) >> 11) % n);
}

static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
}

static gboolean
in_window (int minute,
           int open,
           int close)
{
  if (open <= close)
    return minute >= open && minute < close;
  return minute >= open || minute < close;
}

static inline RetCheckPerson *
check_person (Solver *s,
              guint   index)
{
  return g_ptr_array_index (s->data->persons, index);
}

static inline Item *
item_at (Solver *s,
         guint   i)
{
  return &g_array_index (s->items, Item, i);
}

static inline Trip *
trip_at (Solver *s,
         guint   t)
{
  return &g_array_index (s->trips, Trip, t);
}

static int
find_point (Solver     *s,
            const char *code)
{
  for (guint i = 0; code != NULL && i < s->n_points; i++)
    if (g_strcmp0 (((RetPoint *) g_ptr_array_index (s->data->points, i))->code, code) == 0)
      return (int) i;
  return -1;
}

static int
find_facility (Solver     *s,
               const char *code)
{
  for (guint i = 0; code != NULL && i < s->n_facilities; i++)
    if (g_strcmp0 (((RetFacility *) g_ptr_array_index (s->data->facilities, i))->code, code) == 0)
      return (int) i;
  return -1;
}

static const RetPoint *
point_at (Solver *s,
          guint   p)
{
  return g_ptr_array_index (s->data->points, p);
}

static const RetFacility *
facility_at (Solver *s,
             guint   f)
{
  return g_ptr_array_index (s->data->facilities, f);
}

static const RetCheckArrangement *
arrangement_at (Solver *s,
                guint   a)
{
  return g_ptr_array_index (s->data->arrangements, a);
}

static int
param_value (const RetCheckArrangement *arrangement,
             RetRuleId                  rule,
             const char                *key)
{
  int i = ret_rule_param_index (rule, key);

  g_return_val_if_fail (i >= 0, 0);
  if (arrangement != NULL)
    return arrangement->params.value[rule][i];
  return ret_rule_get (rule)->params[i].default_value;
}

/* The local date and minute of @utc in @zone, as the rule engine works
 * them out. */
static void
local_of (GTimeZone *zone,
          gint64     utc,
          guint32   *julian,
          int       *minute)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);
  gint64 local = utc + g_time_zone_get_offset (zone, interval);
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;

  *julian = (guint32) (days + JULIAN_EPOCH);
  *minute = (int) ((local - days * 86400) / 60);
}

/* The instant the clocks in @zone show @minute on @date; FALSE when they
 * never do (the hour skipped when the clocks go forward). */
static gboolean
utc_of (GTimeZone   *zone,
        const GDate *date,
        int          minute,
        gint64      *utc)
{
  gint64 local = ((gint64) g_date_get_julian (date) - JULIAN_EPOCH) * 86400 + minute * 60;
  gint64 guess = local;
  guint32 julian;
  int back;

  for (int round = 0; round < 2; round++)
    {
      int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, guess);

      guess = local - g_time_zone_get_offset (zone, interval);
    }

  local_of (zone, guess, &julian, &back);
  if (julian != g_date_get_julian (date) || back != minute)
    return FALSE;
  *utc = guess;
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  char buf[64];

  /* TRANSLATORS: a day in a reason for not planning someone, strftime format: "2 Dec" */
  if (g_date_strftime (buf, sizeof buf, _("%-d %b"), date) == 0)
    return g_strdup ("?");
  return g_strdup (buf);
}

static char *
format_days (Solver *s)
{
  g_autofree char *first = format_day (&s->dates[0]);
  g_autofree char *last = NULL;

  if (s->n_days == 1)
    return g_steal_pointer (&first);
  last = format_day (&s->dates[s->n_days - 1]);
  /* TRANSLATORS: a span of days, "2 Dec–4 Dec" */
  return g_strdup_printf (_("%s–%s"), first, last);
}

static const char *
day_name (Solver *s,
          guint   d)
{
  if (s->day_names == NULL)
    s->day_names = g_new0 (char *, s->n_site_days);
  if (s->day_names[d] == NULL)
    s->day_names[d] = format_day (&s->dates[d]);
  return s->day_names[d];
}

static const char *
span_name (Solver *s)
{
  if (s->span_name == NULL)
    s->span_name = format_days (s);
  return s->span_name;
}

static const char *
point_name (const RetPoint *point)
{
  return point->city != NULL ? point->city : point->code;
}

static const char *
facility_name (const RetFacility *facility)
{
  return facility->name != NULL ? facility->name : facility->code;
}

/* ------------------------------------------------------------------ */
/* Arrangements, points, masks                                         */

static gboolean
strv_has (GStrv       strv,
          const char *s)
{
  return strv != NULL && s != NULL && g_strv_contains ((const char * const *) strv, s);
}

static gboolean
arrangement_in_force (const RetCheckArrangement *a,
                      const GDate               *date)
{
  if (g_date_valid (&a->effective_from) && g_date_compare (date, &a->effective_from) < 0)
    return FALSE;
  if (g_date_valid (&a->effective_to) && g_date_compare (date, &a->effective_to) > 0)
    return FALSE;
  return TRUE;
}

static gboolean
arrangement_newer (const RetCheckArrangement *a,
                   const RetCheckArrangement *b)
{
  if (!g_date_valid (&b->effective_from))
    return g_date_valid (&a->effective_from);
  if (!g_date_valid (&a->effective_from))
    return FALSE;
  return g_date_compare (&a->effective_from, &b->effective_from) > 0;
}

/* As the rule engine picks it (R01, R15): the newest arrangement for the
 * sector, or one as new that designates the point. */
static int
arrangement_for_point (Solver      *s,
                       const char  *sector,
                       const char  *point,
                       const GDate *date)
{
  int newest = -1;

  for (guint i = 0; sector != NULL && i < s->n_arrangements; i++)
    {
      const RetCheckArrangement *a = arrangement_at (s, i);

      if (strv_has (a->sectors, sector) && arrangement_in_force (a, date) &&
          (newest < 0 || arrangement_newer (a, arrangement_at (s, newest))))
        newest = (int) i;
    }

  if (newest < 0 || strv_has (arrangement_at (s, newest)->points, point))
    return newest;

  for (guint i = 0; i < s->n_arrangements; i++)
    {
      const RetCheckArrangement *a = arrangement_at (s, i);
      const RetCheckArrangement *n = arrangement_at (s, newest);

      if ((int) i != newest && strv_has (a->sectors, sector) && strv_has (a->points, point) &&
          arrangement_in_force (a, date) && !arrangement_newer (n, a) && !arrangement_newer (a, n))
        return (int) i;
    }
  return newest;
}

static const RetPointException *
exception_at (Solver   *s,
              guint     point,
              gint64    utc,
              gboolean  closed)
{
  GPtrArray *list = s->point_exceptions[point];

  for (guint i = 0; i < list->len; i++)
    {
      const RetPointException *e = g_ptr_array_index (list, i);

      if (!e->closed == !closed && e->starts_at <= utc && (e->ends_at == 0 || utc < e->ends_at))
        return e;
    }
  return NULL;
}

/* What a handover at @utc (@minute local on @date) allows, exactly as
 * R02, R03 and R04 judge it. */
static guint8
instant_bits (Solver                    *s,
              guint                      p,
              const RetCheckArrangement *arrangement,
              const RetPointHours       *hours,
              const RetDaylight         *daylight,
              const GDate               *date,
              int                        minute,
              gint64                     utc)
{
  const RetPoint *point = point_at (s, p);
  const RetWindow *w;
  int night_start = param_value (arrangement, RET_RULE_POINT_HOURS, "night_start");
  int night_end = param_value (arrangement, RET_RULE_POINT_HOURS, "night_end");
  gboolean civil = param_value (arrangement, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight") != 0;
  const RetSunEvent *rise, *set;
  guint8 bits = 0;

  if (hours == NULL)
    return 0;
  if (night_start != night_end && in_window (minute, night_start, night_end))
    return 0;
  if (exception_at (s, p, utc, TRUE) != NULL)
    return 0;

  w = &hours->week[g_date_get_weekday (date) - 1];
  if (exception_at (s, p, utc, FALSE) != NULL)
    bits = NEED_BIT (NEED_GENERAL);
  else if (w->open != RET_MINUTE_NONE && w->close != RET_MINUTE_NONE &&
           in_window (minute, w->open, w->close))
    bits = NEED_BIT (NEED_GENERAL);
  if (bits == 0 || daylight == NULL)
    return bits;

  rise = civil ? &daylight->civil_dawn : &daylight->sunrise;
  set = civil ? &daylight->civil_dusk : &daylight->sunset;
  if (rise->kind == RET_SUN_EVENT_NEVER_UP || set->kind == RET_SUN_EVENT_NEVER_UP)
    return bits;
  if (rise->kind == RET_SUN_EVENT_OCCURS && utc < rise->utc)
    return bits;
  /* Exactly at sunset is already too late. */
  if (set->kind == RET_SUN_EVENT_OCCURS && utc >= set->utc)
    return bits;
  if (w->vulnerable_open == RET_MINUTE_NONE || w->vulnerable_close == RET_MINUTE_NONE ||
      !in_window (minute, w->vulnerable_open, w->vulnerable_close))
    return bits;
  bits |= NEED_BIT (NEED_VULNERABLE);

  /* The cut-off minute itself is still allowed. */
  if (point->minors_reception && w->minors_cutoff != RET_MINUTE_NONE && minute <= w->minors_cutoff)
    bits |= NEED_BIT (NEED_MINORS);
  return bits;
}

static const RetPointHours *
hours_for (const RetPoint            *point,
           const RetCheckArrangement *arrangement)
{
  const RetPointHours *hours = NULL;

  if (point->hours == NULL)
    return NULL;
  if (arrangement != NULL)
    hours = ret_point_get_hours (point, arrangement->code);
  if (hours == NULL)
    hours = ret_point_get_hours (point, NULL);
  return hours;
}

static gboolean
daylight_for (Solver      *s,
              guint        p,
              guint        day,
              RetDaylight *daylight)
{
  const RetPoint *point = point_at (s, p);
  g_autoptr(GError) error = NULL;

  if (!ret_daylight_compute (point->latitude, point->longitude, s->point_zones[p],
                             &s->dates[day], daylight, &error))
    {
      g_debug ("No daylight for point %s: %s", point->code, error->message);
      return FALSE;
    }
  return TRUE;
}

static const DayMask *
mask_get (Solver *s,
          guint   p,
          guint   arrangement,
          guint   day)
{
  gsize index = ((gsize) p * s->n_arrangements + arrangement) * s->n_site_days + day;
  const RetCheckArrangement *a = arrangement_at (s, arrangement);
  const RetPointHours *hours;
  RetDaylight daylight;
  gboolean have_daylight;
  DayMask *mask;

  if (s->masks[index] != NULL)
    return s->masks[index];

  mask = g_new0 (DayMask, 1);
  s->masks[index] = mask;
  if (s->point_zones[p] == NULL)
    return mask;

  hours = hours_for (point_at (s, p), a);
  have_daylight = daylight_for (s, p, day, &daylight);
  for (guint g = 0; g < GRID_SIZE; g++)
    {
      int minute = (int) g * GRID_MINUTES;
      gint64 utc;
      guint8 bits;

      if (!utc_of (s->point_zones[p], &s->dates[day], minute, &utc))
        continue;
      bits = instant_bits (s, p, a, hours, have_daylight ? &daylight : NULL,
                           &s->dates[day], minute, utc);
      /* Without the sun's times nobody vulnerable can be placed safely. */
      if (!have_daylight)
        bits &= NEED_BIT (NEED_GENERAL);
      mask->bits[g] = bits;
      mask->utc[g] = utc;
    }
  return mask;
}

static inline int
travel_minutes (Solver  *s,
                guint    f,
                guint    p,
                gboolean flight)
{
  return s->travel[((gsize) f * s->n_points + p) * 2 + (flight ? 1 : 0)];
}

/* The preferred handover minute of a road trip from @f to @site on
 * @day for @need, ignoring slots; -1 when there is none. */
static int
first_road_minute (Solver     *s,
                   guint       f,
                   const Site *site,
                   guint       day,
                   Need        need)
{
  const DayMask *mask = mask_get (s, site->point, site->arrangement, day);
  gint64 travel = (gint64) travel_minutes (s, f, site->point, FALSE) * 60;

  for (guint k = 0; k < GRID_SIZE; k++)
    {
      guint g = s->order_pref[k];

      if ((mask->bits[g] & NEED_BIT (need)) && mask->utc[g] - travel >= s->input->not_before)
        return (int) g;
    }
  return -1;
}

static void
build_sites (Solver *s)
{
  s->sites = g_new0 (GArray *, (gsize) s->n_facilities * s->n_site_days);

  for (guint f = 0; f < s->n_facilities; f++)
    for (guint d = 0; d < s->n_site_days; d++)
      {
        const RetFacility *facility = facility_at (s, f);
        GArray *list = g_array_new (FALSE, TRUE, sizeof (Site));

        s->sites[f * s->n_site_days + d] = list;
        for (guint p = 0; p < s->n_points && facility->sector != NULL; p++)
          {
            const RetPoint *point = point_at (s, p);
            int a = arrangement_for_point (s, facility->sector, point->code, &s->dates[d]);
            Site site = { p, 0, 0 };

            /* Only designated points: R01 looks at the facility's own
             * arrangement, which a lateral pair does not change. */
            if (a < 0 || !strv_has (arrangement_at (s, a)->points, point->code) ||
                s->point_zones[p] == NULL)
              continue;
            site.arrangement = (guint) a;
            for (Need n = 0; n < N_NEEDS; n++)
              if (first_road_minute (s, f, &site, d, n) >= 0)
                site.feasible |= NEED_BIT (n);
            g_array_append_val (list, site);
          }
      }
}

static const Site *
site_find (Solver *s,
           guint   f,
           guint   day,
           guint   p)
{
  GArray *list = s->sites[f * s->n_site_days + day];

  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, Site, i).point == p)
      return &g_array_index (list, Site, i);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Items: who travels together, and what they may do each day          */

static gboolean
is_mexican (const RetPerson *person)
{
  return person->nationality != NULL && g_ascii_strcasecmp (person->nationality, "MEX") == 0;
}

static gboolean
is_candidate_status (RetPersonStatus status)
{
  return status != RET_PERSON_STATUS_WITHDRAWN && status != RET_PERSON_STATUS_REPATRIATED &&
         status != RET_PERSON_STATUS_DEPARTED;
}

static gboolean
in_family (const RetPerson *person)
{
  return person->family_group != NULL && *person->family_group != '\0';
}

/* The code of a kept transfer that carries @person, or NULL. */
static const char *
kept_transfer_of (Solver *s,
                  guint   person)
{
  const RetCheckPerson *cp = check_person (s, person);

  for (guint t = 0; t < s->data->transfers->len; t++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (s->data->transfers, t);

      if (transfer->status == RET_TRANSFER_CANCELLED || transfer->entries == NULL)
        continue;
      for (guint e = 0; e < transfer->entries->len; e++)
        if (g_array_index (transfer->entries, RetCheckEntry, e).person == person)
          return transfer->code;
    }
  return cp->elsewhere_transfer;
}

/* Why the item cannot go at all, whatever the day; NULL if it may. */
static char *
item_static_reason (Solver *s,
                    Item   *item,
                    GArray *family_outside)
{
  gboolean family = item->n > 1 || in_family (check_person (s, s->members[item->first])->person);

  for (guint m = 0; m < item->n; m++)
    {
      const RetPerson *p = check_person (s, s->members[item->first + m])->person;

      if (!is_mexican (p))
        return family ? g_strdup (_("A member of the family is not a Mexican national"))
                      : g_strdup_printf (_("Not a Mexican national (%s)"),
                                         p->nationality != NULL ? p->nationality : "?");
      if (!p->nationality_verified)
        return family ? g_strdup (_("The nationality of a member of the family is not verified by a consul"))
                      : g_strdup (_("Nationality not verified by a consul"));
      if (!p->medical_fit)
        return family ? g_strdup (_("A member of the family is not fit to travel; the family stays together"))
                      : g_strdup (_("Not fit to travel"));
      if ((p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) && !g_date_valid (&p->birth_date))
        return g_strdup (_("Unaccompanied minor with no birth date: record it before planning"));
    }

  for (guint m = 1; m < item->n; m++)
    if (g_strcmp0 (check_person (s, s->members[item->first + m])->person->facility,
                   check_person (s, s->members[item->first])->person->facility) != 0)
      return g_strdup (_("The family is held at different facilities: bring them together first"));

  if (item->facility < 0)
    {
      const char *code = check_person (s, s->members[item->first])->person->facility;

      return g_strdup_printf (_("Held at %s, a facility not in the reference data"),
                              code != NULL ? code : "?");
    }

  /* A member who already left comes first: no plan can bring the
   * family together again (R07), so a coordinator decides. */
  for (guint i = 0; family_outside != NULL && i < family_outside->len; i++)
    {
      guint other = g_array_index (family_outside, guint, i);
      const char *code;

      if (check_person (s, other)->person->status != RET_PERSON_STATUS_DEPARTED)
        continue;
      code = kept_transfer_of (s, other);
      if (code != NULL)
        return g_strdup_printf (_("Part of the family already left on transfer %s; a coordinator must decide"),
                                code);
      return g_strdup (_("Part of the family already left; a coordinator must decide"));
    }

  for (guint i = 0; family_outside != NULL && i < family_outside->len; i++)
    {
      guint other = g_array_index (family_outside, guint, i);
      const char *code = kept_transfer_of (s, other);

      if (code != NULL)
        return g_strdup_printf (_("Part of the family is already on transfer %s: add them to it or re-plan it"),
                                code);
      return g_strdup (_("Part of the family is not among those to plan: plan the family together"));
    }
  return NULL;
}

/* The item's class on @date, or CLASS_NONE with @reason set. */
static guint8
item_day_class (Solver      *s,
                Item        *item,
                guint        day,
                guint8      *need,
                char       **reason)
{
  const GDate *date = &s->dates[day];
  const RetFacility *facility = facility_at (s, (guint) item->facility);
  guint n_uam = 0, n_adults = 0, n_vulnerable = 0, n_records = 0;
  gboolean family;

  family = item->n > 1 || in_family (check_person (s, s->members[item->first])->person);
  *need = NEED_GENERAL;

  for (guint m = 0; m < item->n; m++)
    {
      const RetCheckPerson *cp = check_person (s, s->members[item->first + m]);
      const RetPerson *p = cp->person;
      int age = ret_person_get_age (p, date);
      gboolean minor = age >= 0 && age < RET_ADULT_AGE;

      if (!minor)
        n_adults++;
      if (ret_person_is_vulnerable (p, date))
        n_vulnerable++;
      if (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD)
        n_records++;
      if ((p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) && minor)
        {
          const RetScreening *screening = cp->screening;
          int presumed = 0;
          GArray *sites = s->sites[item->facility * s->n_site_days + day];

          n_uam++;
          if (screening == NULL)
            {
              *reason = g_strdup (_("Unaccompanied minor with no documented screening"));
              return CLASS_NONE;
            }
          if (screening->trafficking_risk || screening->fear_of_return || !screening->able_to_decide)
            {
              *reason = g_strdup (_("The screening found a risk of trafficking, fear of return or inability to decide"));
              return CLASS_NONE;
            }
          /* The strictest of the arrangements the facility may use. */
          for (guint i = 0; i < sites->len; i++)
            presumed = MAX (presumed,
                            param_value (arrangement_at (s, g_array_index (sites, Site, i).arrangement),
                                         RET_RULE_MINORS_SCREENING, "presumed_unable_below"));
          if (sites->len == 0)
            presumed = param_value (NULL, RET_RULE_MINORS_SCREENING, "presumed_unable_below");
          if (age < presumed)
            {
              *reason = g_strdup_printf (_("Under %d: presumed unable to decide on return; a consul must decide"),
                                         presumed);
              return CLASS_NONE;
            }
        }
    }

  if (s->sites[item->facility * s->n_site_days + day]->len == 0)
    {
      g_autofree char *when = format_day (date);

      *reason = g_strdup_printf (_("No arrangement designates a point for the %s sector on %s"),
                                 facility->sector_name != NULL ? facility->sector_name
                                                               : facility->sector,
                                 when);
      return CLASS_NONE;
    }

  if (n_uam > 0)
    {
      if (n_adults > 0)
        {
          *reason = g_strdup (_("The family mixes unaccompanied minors and adults: correct the roster"));
          return CLASS_NONE;
        }
      *need = NEED_MINORS;
      return n_records > 0 ? CLASS_MINORS_ALONE : CLASS_MINORS;
    }

  if (n_vulnerable > 0)
    *need = NEED_VULNERABLE;
  if (family)
    return n_records > 0 ? CLASS_OWN : CLASS_VULN;
  if (n_records > 0)
    return n_vulnerable > 0 ? CLASS_OWN : CLASS_CRIM;
  return n_vulnerable > 0 ? CLASS_VULN : CLASS_NEUTRAL;
}

static int
compare_person_family (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  Solver *s = user_data;
  guint pa = *(const guint *) a, pb = *(const guint *) b;
  const RetPerson *x = check_person (s, pa)->person;
  const RetPerson *y = check_person (s, pb)->person;
  int c = g_strcmp0 (x->family_group, y->family_group);

  if (c != 0)
    return c;
  return pa < pb ? -1 : pa > pb;
}

static void
build_items (Solver *s)
{
  guint n_cand = s->input->candidates->len;
  g_autoptr(GArray) singles = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) families = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) candidate_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) order = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) family_members = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                (GDestroyNotify) g_array_unref);
  guint n = 0;

  s->members = g_new (guint, MAX (n_cand, 1));
  s->items = g_array_new (FALSE, TRUE, sizeof (Item));

  for (guint i = 0; i < n_cand; i++)
    {
      guint person = g_array_index (s->input->candidates, guint, i);
      const RetPerson *p;

      if (person >= s->data->persons->len ||
          g_hash_table_contains (candidate_set, GUINT_TO_POINTER (person + 1)))
        continue;
      p = check_person (s, person)->person;
      if (!is_candidate_status (p->status))
        continue;
      g_hash_table_add (candidate_set, GUINT_TO_POINTER (person + 1));
      g_hash_table_insert (order, GUINT_TO_POINTER (person + 1), GUINT_TO_POINTER (i));
      if (in_family (p))
        g_array_append_val (families, person);
      else
        g_array_append_val (singles, person);
    }

  /* Everyone of each family who still travels, candidate or not. */
  for (guint i = 0; i < s->data->persons->len; i++)
    {
      const RetPerson *p = check_person (s, i)->person;
      GArray *list;

      if (!in_family (p) || p->status == RET_PERSON_STATUS_WITHDRAWN ||
          p->status == RET_PERSON_STATUS_REPATRIATED)
        continue;
      list = g_hash_table_lookup (family_members, p->family_group);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (family_members, p->family_group, list);
        }
      g_array_append_val (list, i);
    }

  g_array_sort_with_data (families, compare_person_family, s);

  for (guint i = 0; i < singles->len; i++)
    {
      guint person = g_array_index (singles, guint, i);
      Item item = { 0 };

      item.first = n;
      item.n = 1;
      item.order = GPOINTER_TO_UINT (g_hash_table_lookup (order, GUINT_TO_POINTER (person + 1)));
      s->members[n++] = person;
      g_array_append_val (s->items, item);
    }

  for (guint i = 0; i < families->len;)
    {
      const char *group = check_person (s, g_array_index (families, guint, i))->person->family_group;
      g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *all = g_hash_table_lookup (family_members, group);
      Item item = { 0 };
      guint j = i;

      item.first = n;
      item.order = G_MAXUINT;
      for (; j < families->len &&
             g_strcmp0 (check_person (s, g_array_index (families, guint, j))->person->family_group,
                        group) == 0; j++)
        {
          guint person = g_array_index (families, guint, j);

          s->members[n++] = person;
          item.order = MIN (item.order, GPOINTER_TO_UINT (g_hash_table_lookup (order, GUINT_TO_POINTER (person + 1))));
        }
      item.n = j - i;

      for (guint k = 0; all != NULL && k < all->len; k++)
        {
          guint other = g_array_index (all, guint, k);

          /* A member who already departed counts too: R07 wants the
           * family on one transfer, and theirs has left. */
          if (!g_hash_table_contains (candidate_set, GUINT_TO_POINTER (other + 1)))
            g_array_append_val (outside, other);
        }

      /* Stash who of the family is elsewhere in the reason right away. */
      item.reason = outside->len > 0 ? item_static_reason (s, &item, outside) : NULL;
      g_array_append_val (s->items, item);
      i = j;
    }
  s->n_members = n;
}

static void
classify_items (Solver *s)
{
  guint n_items = s->items->len;

  s->item_class = g_new (guint8, (gsize) n_items * s->n_days);
  s->item_need = g_new0 (guint8, (gsize) n_items * s->n_days);
  s->km = g_new0 (double, (gsize) n_items * MAX (s->n_points, 1));
  s->km_known = g_new0 (double, (gsize) n_items * MAX (s->n_points, 1));
  s->facility_items = g_new0 (GArray *, MAX (s->n_facilities, 1));
  for (guint f = 0; f < s->n_facilities; f++)
    s->facility_items[f] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_items; i++)
    {
      Item *item = item_at (s, i);
      const RetPerson *first = check_person (s, s->members[item->first])->person;

      item->trip = -1;
      item->size = item->n;
      item->facility = find_facility (s, first->facility);
      item->flight_ok = s->options->flights;
      memset (&s->item_class[(gsize) i * s->n_days], CLASS_NONE, s->n_days);

      if (item->reason == NULL)
        item->reason = item_static_reason (s, item, NULL);
      if (item->reason != NULL)
        continue;

      for (guint m = 0; m < item->n; m++)
        if (!check_person (s, s->members[item->first + m])->person->interior_consent)
          item->flight_ok = FALSE;

      for (guint d = 0; d < s->n_days; d++)
        {
          g_autofree char *reason = NULL;
          guint8 need;
          guint8 cls = item_day_class (s, item, d, &need, &reason);

          s->item_class[(gsize) i * s->n_days + d] = cls;
          s->item_need[(gsize) i * s->n_days + d] = need;
          if (cls != CLASS_NONE)
            item->eligible = TRUE;
          else if (item->reason == NULL)
            item->reason = g_steal_pointer (&reason);
        }

      if (item->eligible)
        {
          g_clear_pointer (&item->reason, g_free);
          g_array_append_val (s->facility_items[item->facility], i);
        }

      for (guint p = 0; p < s->n_points; p++)
        {
          const RetPoint *point = point_at (s, p);
          const RetFacility *facility = facility_at (s, (guint) item->facility);
          double sum = 0, known = 0;

          for (guint m = 0; m < item->n; m++)
            {
              const RetCheckPerson *cp = check_person (s, s->members[item->first + m]);

              if (cp->origin_known)
                {
                  double km = ret_great_circle_km (point->latitude, point->longitude,
                                                    cp->origin_latitude, cp->origin_longitude);
                  sum += km;
                  known += km;
                }
              else
                sum += ret_great_circle_km (point->latitude, point->longitude,
                                             facility->latitude, facility->longitude);
            }
          s->km[(gsize) i * s->n_points + p] = sum;
          s->km_known[(gsize) i * s->n_points + p] = known;
        }
    }
}

static void
marks_init (GroupMarks *marks,
            guint       n_groups)
{
  marks->stamp = g_new0 (guint, MAX (n_groups, 1));
  marks->now = 1;
}

/* Every mark cleared. */
static inline void
marks_clear (GroupMarks *marks,
             guint       n_groups)
{
  if (++marks->now == 0)
    {
      memset (marks->stamp, 0, sizeof (guint) * MAX (n_groups, 1));
      marks->now = 1;
    }
}

static inline gboolean
marks_has (const GroupMarks *marks,
           guint             group)
{
  return marks->stamp[group] == marks->now;
}

static inline void
marks_set (GroupMarks *marks,
           guint       group)
{
  marks->stamp[group] = marks->now;
}

/* Numbers the groups of alike items, in the order they first appear. */
static void
build_groups (Solver *s)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                     (GDestroyNotify) g_bytes_unref, NULL);
  gsize head = sizeof (int) + sizeof (guint) + 1;
  gsize len = head + 2 * (gsize) s->n_days;
  g_autofree guint8 *key = g_malloc (len);

  s->item_group = g_new0 (guint, MAX (s->items->len, 1));
  for (guint i = 0; i < s->items->len; i++)
    {
      const Item *item = item_at (s, i);
      g_autoptr(GBytes) bytes = NULL;
      gpointer id;

      memcpy (key, &item->facility, sizeof (int));
      memcpy (key + sizeof (int), &item->size, sizeof (guint));
      key[head - 1] = item->flight_ok ? 1 : 0;
      memcpy (key + head, &s->item_class[(gsize) i * s->n_days], s->n_days);
      memcpy (key + head + s->n_days, &s->item_need[(gsize) i * s->n_days], s->n_days);
      bytes = g_bytes_new (key, len);
      if (!g_hash_table_lookup_extended (ids, bytes, NULL, &id))
        {
          id = GUINT_TO_POINTER (s->n_groups);
          s->n_groups++;
          g_hash_table_insert (ids, g_bytes_ref (bytes), id);
        }
      s->item_group[i] = GPOINTER_TO_UINT (id);
    }

  s->group_first = g_new0 (guint, MAX (s->n_groups, 1));
  s->group_items = g_new0 (GArray *, MAX (s->n_groups, 1));
  s->facility_groups = g_new0 (GArray *, MAX (s->n_facilities, 1));
  s->by_distance = g_new0 (guint *, MAX ((gsize) s->n_groups * s->n_points, 1));
  for (guint f = 0; f < s->n_facilities; f++)
    s->facility_groups[f] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint f = 0; f < s->n_facilities; f++)
    for (guint k = 0; k < s->facility_items[f]->len; k++)
      {
        guint i = g_array_index (s->facility_items[f], guint, k);
        guint g = s->item_group[i];

        if (s->group_items[g] == NULL)
          {
            s->group_items[g] = g_array_new (FALSE, FALSE, sizeof (guint));
            s->group_first[g] = i;
            g_array_append_val (s->facility_groups[f], g);
          }
        g_array_append_val (s->group_items[g], i);
      }

  marks_init (&s->full, s->n_groups);
  marks_init (&s->listed, s->n_groups);
  s->group_places = g_new0 (guint, MAX ((gsize) s->n_groups * 2, 1));
  s->places = g_array_new (FALSE, FALSE, sizeof (Place));
  s->item_places = g_array_new (FALSE, FALSE, sizeof (Place));
  s->item_mark = g_new0 (guint8, MAX (s->items->len, 1));
}

/* Everyone waits at first: each node of a facility's tree counts the
 * positions it covers. */
static void
build_waiting (Solver *s)
{
  s->item_pos = g_new (guint, MAX (s->items->len, 1));
  memset (s->item_pos, 0xff, sizeof (guint) * MAX (s->items->len, 1));
  s->waiting_tree = g_new0 (int *, MAX (s->n_facilities, 1));
  for (guint f = 0; f < s->n_facilities; f++)
    {
      GArray *own = s->facility_items[f];

      s->waiting_tree[f] = g_new (int, MAX (own->len, 1));
      for (guint k = 1; k <= own->len; k++)
        {
          s->item_pos[g_array_index (own, guint, k - 1)] = k - 1;
          s->waiting_tree[f][k - 1] = (int) (k & -k);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Trips, capacity and kept transfers                                  */

static guint
plan_day_of (Solver *s,
             guint32 julian)
{
  guint32 first = g_date_get_julian (&s->dates[0]);

  if (julian < first || julian - first >= s->n_days)
    return G_MAXUINT;
  return julian - first;
}

static void
build_trips (Solver *s)
{
  GPtrArray *vehicles = s->input->vehicles;

  s->trips = g_array_new (FALSE, TRUE, sizeof (Trip));
  s->day_trips = g_new0 (GArray *, MAX ((gsize) s->n_facilities * s->n_days, 1));
  for (guint k = 0; k < s->n_facilities * s->n_days; k++)
    s->day_trips[k] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint v = 0; vehicles != NULL && v < vehicles->len; v++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, v);
      int f = find_facility (s, vehicle->facility);
      int fp = -1;

      if (f < 0 || vehicle->seats < 1)
        continue;
      if (vehicle->kind == RET_VEHICLE_FLIGHT)
        {
          fp = find_point (s, vehicle->point);
          if (fp < 0 || vehicle->depart_minute < 0 || vehicle->depart_minute >= RET_MINUTES_PER_DAY ||
              vehicle->minors_only)
            continue;
        }

      for (guint d = 0; d < s->n_days; d++)
        {
          Trip trip = { 0 };
          guint index;

          if (!ret_vehicle_runs_on (vehicle, &s->dates[d]))
            continue;
          trip.vehicle = v;
          trip.day = d;
          trip.facility = (guint) f;
          trip.kind = vehicle->kind;
          trip.seats = vehicle->seats;
          trip.minors_only = vehicle->minors_only;
          trip.flight_point = fp;
          trip.point = -1;
          trip.usable = TRUE;
          trip.minute = -1;

          if (fp >= 0)
            {
              const Site *site = site_find (s, (guint) f, d, (guint) fp);
              gint64 depart, handover;
              guint32 julian;
              int minute;

              trip.usable = FALSE;
              if (site != NULL && s->facility_zones[f] != NULL &&
                  utc_of (s->facility_zones[f], &s->dates[d], vehicle->depart_minute, &depart) &&
                  depart >= s->input->not_before)
                {
                  handover = depart + (gint64) travel_minutes (s, (guint) f, (guint) fp, TRUE) * 60;
                  local_of (s->point_zones[fp], handover, &julian, &minute);
                  if (julian == g_date_get_julian (&s->dates[d]))
                    {
                      const RetCheckArrangement *a = arrangement_at (s, site->arrangement);
                      RetDaylight daylight;
                      gboolean have = daylight_for (s, (guint) fp, d, &daylight);

                      trip.flight_bits = instant_bits (s, (guint) fp, a,
                                                       hours_for (point_at (s, (guint) fp), a),
                                                       have ? &daylight : NULL,
                                                       &s->dates[d], minute, handover);
                      if (!have)
                        trip.flight_bits &= NEED_BIT (NEED_GENERAL);
                      /* Never minors on a flight. */
                      trip.flight_bits &= ~NEED_BIT (NEED_MINORS);
                      trip.flight_handover = handover;
                      trip.flight_minute = minute;
                      trip.usable = trip.flight_bits != 0;
                    }
                }
            }

          trip.items = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (s->trips, trip);
          index = s->trips->len - 1;
          g_array_append_val (s->day_trips[(guint) f * s->n_days + d], index);
        }
    }
}

/* The trip of the vehicle @vehicle_id on @day, wherever it is based. */
static int
find_vehicle_trip (Solver *s,
                   guint   day,
                   gint64  vehicle_id)
{
  for (guint t = 0; t < s->trips->len; t++)
    {
      const Trip *trip = trip_at (s, t);
      const RetVehicle *v = g_ptr_array_index (s->input->vehicles, trip->vehicle);

      if (trip->day == day && v->id == vehicle_id)
        return (int) t;
    }
  return -1;
}

static void
apply_kept (Solver *s)
{
  gsize n_pd = (gsize) s->n_points * s->n_days;

  s->capacity = g_new (int, MAX (n_pd, 1));
  s->slot_load = g_new0 (int *, MAX (n_pd, 1));
  s->slot_minutes = g_new0 (int, MAX (n_pd, 1));
  s->slot_capacity = g_new0 (int, MAX (n_pd, 1));

  for (guint p = 0; p < s->n_points; p++)
    for (guint d = 0; d < s->n_days; d++)
      {
        const RetPoint *point = point_at (s, p);
        gsize k = (gsize) p * s->n_days + d;
        int best = -1;

        s->capacity[k] = point->daily_capacity > 0 ? point->daily_capacity : NO_CAPACITY_LIMIT;

        /* The slots belong to the point: the newest arrangement naming it. */
        for (guint a = 0; a < s->n_arrangements; a++)
          {
            const RetCheckArrangement *arr = arrangement_at (s, a);

            if (strv_has (arr->points, point->code) && arrangement_in_force (arr, &s->dates[d]) &&
                (best < 0 || arrangement_newer (arr, arrangement_at (s, best))))
              best = (int) a;
          }
        s->slot_minutes[k] = param_value (best >= 0 ? arrangement_at (s, best) : NULL,
                                          RET_RULE_CAPACITY, "slot_minutes");
        s->slot_capacity[k] = param_value (best >= 0 ? arrangement_at (s, best) : NULL,
                                           RET_RULE_CAPACITY, "slot_capacity");
        if (s->slot_minutes[k] <= 0 || s->slot_capacity[k] <= 0)
          {
            s->slot_minutes[k] = RET_MINUTES_PER_DAY;
            s->slot_capacity[k] = NO_CAPACITY_LIMIT;
          }
        s->slot_load[k] = g_new0 (int, RET_MINUTES_PER_DAY / s->slot_minutes[k] + 1);
      }

  for (guint t = 0; t < s->data->transfers->len; t++)
    {
      const RetCheckTransfer *kept = g_ptr_array_index (s->data->transfers, t);
      int p = find_point (s, kept->point);
      int f = find_facility (s, kept->facility);
      gint64 vehicle_id = t < s->input->kept_vehicles->len
                          ? g_array_index (s->input->kept_vehicles, gint64, t) : 0;
      guint n = 0, day;
      guint32 julian;
      int minute, trip = -1;

      if (kept->status == RET_TRANSFER_CANCELLED || p < 0 || s->point_zones[p] == NULL)
        continue;
      local_of (s->point_zones[p], kept->handover_at, &julian, &minute);
      day = plan_day_of (s, julian);
      if (day == G_MAXUINT)
        continue;

      for (guint e = 0; kept->entries != NULL && e < kept->entries->len; e++)
        {
          guint person = g_array_index (kept->entries, RetCheckEntry, e).person;

          if (person < s->data->persons->len &&
              check_person (s, person)->person->status != RET_PERSON_STATUS_WITHDRAWN)
            n++;
        }

      {
        gsize k = (gsize) p * s->n_days + day;

        if (s->capacity[k] != NO_CAPACITY_LIMIT)
          s->capacity[k] -= (int) n;
        s->slot_load[k][minute / s->slot_minutes[k]] += (int) n;
      }

      if (vehicle_id != 0)
        trip = find_vehicle_trip (s, day, vehicle_id);
      else if (f >= 0)
        {
          RetVehicleKind kind = RET_VEHICLE_BUS;
          GArray *list = s->day_trips[(guint) f * s->n_days + day];

          ret_vehicle_kind_from_string (kept->mode, &kind);
          /* Any one vehicle of its kind: a general one first, so the
           * minors vans stay for the minors. */
          for (int pass = 0; pass < 2 && trip < 0; pass++)
            for (guint k = 0; k < list->len && trip < 0; k++)
              {
                const Trip *candidate = trip_at (s, g_array_index (list, guint, k));

                if (candidate->usable && candidate->kind == kind &&
                    candidate->minors_only == (pass == 1))
                  trip = (int) g_array_index (list, guint, k);
              }
        }
      if (trip >= 0)
        trip_at (s, (guint) trip)->usable = FALSE;
    }
}

/* The room the search leaves in each point-day's slots: the slots
 * any facility's handover there may use, less the kept transfers, and
 * a tenth of each less again since whole vehicles seldom fill a slot
 * exactly. */
static void
build_slot_room (Solver *s)
{
  gsize n_pd = (gsize) s->n_points * s->n_days;

  s->vulnerable_room = g_new0 (int, MAX (n_pd, 1));
  s->slot_room = g_new0 (int, MAX (n_pd, 1));
  s->vulnerable_load = g_new0 (int, MAX (n_pd, 1));
  s->slot_total = g_new0 (int, MAX (n_pd, 1));
  s->trip_room = g_new0 (int, MAX (n_pd, 1) * N_NEEDS);
  s->flight_load = g_new0 (int *, MAX (n_pd, 1));

  for (guint p = 0; p < s->n_points; p++)
    for (guint d = 0; d < s->n_days; d++)
      {
        gsize k = (gsize) p * s->n_days + d;
        int n_slots = RET_MINUTES_PER_DAY / s->slot_minutes[k] + 1;
        g_autofree guint8 *bits = NULL;

        if (s->slot_capacity[k] == NO_CAPACITY_LIMIT)
          {
            s->vulnerable_room[k] = s->slot_room[k] = NO_CAPACITY_LIMIT;
            for (guint need = 0; need < N_NEEDS; need++)
              s->trip_room[k * N_NEEDS + need] = NO_CAPACITY_LIMIT;
            continue;
          }
        s->flight_load[k] = g_new0 (int, n_slots);
        bits = g_new0 (guint8, n_slots);
        for (guint f = 0; f < s->n_facilities; f++)
          {
            const Site *site = site_find (s, f, d, p);
            const DayMask *mask;

            if (site == NULL)
              continue;
            mask = mask_get (s, p, site->arrangement, d);
            for (guint g = 0; g < GRID_SIZE; g++)
              bits[g * GRID_MINUTES / s->slot_minutes[k]] |= mask->bits[g];
          }
        for (int j = 0; j < n_slots; j++)
          {
            int room = MAX (s->slot_capacity[k] - s->slot_load[k][j], 0);

            if (bits[j] != 0)
              s->slot_room[k] += room - room / 10;
            if (bits[j] & (NEED_BIT (NEED_VULNERABLE) | NEED_BIT (NEED_MINORS)))
              s->vulnerable_room[k] += room - room / 10;
            for (guint need = 0; need < N_NEEDS; need++)
              if (bits[j] & NEED_BIT (need))
                s->trip_room[k * N_NEEDS + need] = MAX (s->trip_room[k * N_NEEDS + need], room);
          }
      }
}

/* ------------------------------------------------------------------ */
/* Moves                                                               */

static inline guint8
class_on (Solver *s,
          guint   i,
          guint   day)
{
  return s->item_class[(gsize) i * s->n_days + day];
}

static inline guint8
need_on (Solver *s,
         guint   i,
         guint   day)
{
  return s->item_need[(gsize) i * s->n_days + day];
}

static guint8
first_class (Solver *s,
             guint   i)
{
  for (guint d = 0; d < s->n_days; d++)
    if (class_on (s, i, d) != CLASS_NONE)
      return class_on (s, i, d);
  return CLASS_NONE;
}

/* Whether a facility's vehicles of a day have clearly more seats than
 * it has persons to carry in all.  A family with a record must have a
 * vehicle to itself (with persons alone who have none): with seats to
 * spare it had better take a bus, which the persons alone then fill,
 * than a van that leaves a bus half empty; where seats are short, as
 * on the first of several days that everyone would rather travel, a
 * van wastes fewer of them. */
static void
build_seats_to_spare (Solver *s)
{
  s->seats_to_spare = g_new0 (gboolean, MAX ((gsize) s->n_facilities * s->n_days, 1));

  for (guint f = 0; f < s->n_facilities; f++)
    {
      GArray *own = s->facility_items[f];
      gint64 persons = 0;

      for (guint k = 0; k < own->len; k++)
        {
          guint i = g_array_index (own, guint, k);
          guint8 cls = first_class (s, i);

          if (cls != CLASS_MINORS && cls != CLASS_MINORS_ALONE)
            persons += item_at (s, i)->size;
        }
      for (guint d = 0; d < s->n_days; d++)
        {
          GArray *list = s->day_trips[f * s->n_days + d];
          gint64 seats = 0;

          for (guint k = 0; k < list->len; k++)
            {
              const Trip *trip = trip_at (s, g_array_index (list, guint, k));

              if (trip->usable && !trip->minors_only && trip->flight_point < 0)
                seats += trip->seats;
            }
          s->seats_to_spare[f * s->n_days + d] = seats * 5 >= persons * 6;
        }
    }
}

static inline Need
trip_need (const Trip *trip)
{
  if (trip->n_need[NEED_MINORS] > 0)
    return NEED_MINORS;
  if (trip->n_need[NEED_VULNERABLE] > 0)
    return NEED_VULNERABLE;
  return NEED_GENERAL;
}

/* Whether an item of class @cls may join @trip as it is now. */
static inline gboolean
class_fits (const Trip *trip,
            guint8      cls)
{
  const guint *n = trip->n_class;

  switch (cls)
    {
    case CLASS_MINORS:
      return trip->minors_only && n[CLASS_MINORS_ALONE] == 0;
    case CLASS_MINORS_ALONE:
      return trip->minors_only && trip->items->len == 0;
    case CLASS_NEUTRAL:
      return !trip->minors_only;
    case CLASS_VULN:
      return !trip->minors_only && n[CLASS_CRIM] == 0 && n[CLASS_OWN] == 0;
    case CLASS_CRIM:
      return !trip->minors_only && n[CLASS_VULN] == 0 && n[CLASS_OWN] == 0;
    case CLASS_OWN:
      return !trip->minors_only && n[CLASS_VULN] == 0 && n[CLASS_CRIM] == 0 && n[CLASS_OWN] == 0;
    default:
      return FALSE;
    }
}

/* What item @i costs on a trip to @point on @day, vehicle aside. */
static inline double
item_cost_at (Solver *s,
              guint   i,
              guint   point,
              guint   day)
{
  return s->options->km_weight * s->km[(gsize) i * s->n_points + point] +
         s->options->day_weight * day * item_at (s, i)->size;
}

typedef struct
{
  int    trip;
  int    point;
  double cost;
} Option;

static inline void
option_consider (Option *best,
                 Option *second,
                 int     trip,
                 int     point,
                 double  cost)
{
  if (trip == best->trip)
    {
      if (cost < best->cost)
        {
          best->cost = cost;
          best->point = point;
        }
      return;
    }
  if (cost < best->cost)
    {
      *second = *best;
      best->trip = trip;
      best->point = point;
      best->cost = cost;
    }
  else if (cost < second->cost)
    {
      second->trip = trip;
      second->point = point;
      second->cost = cost;
    }
}

/* Idle vehicles alike in kind, seats and destination are one option. */
typedef struct
{
  RetVehicleKind kind;
  int            seats;
  gboolean       minors_only;
  int            flight_point;
} Signature;

static gboolean
signature_seen (Signature  *seen,
                guint      *n_seen,
                const Trip *trip)
{
  for (guint k = 0; k < *n_seen; k++)
    if (seen[k].kind == trip->kind && seen[k].seats == trip->seats &&
        seen[k].minors_only == trip->minors_only && seen[k].flight_point == trip->flight_point)
      return TRUE;
  if (*n_seen < 32)
    {
      seen[*n_seen].kind = trip->kind;
      seen[*n_seen].seats = trip->seats;
      seen[*n_seen].minors_only = trip->minors_only;
      seen[*n_seen].flight_point = trip->flight_point;
      (*n_seen)++;
    }
  return FALSE;
}

/* What @trip, going where it goes, takes of its point-day's slots
 * (@sign 1) or gives back (-1). */
static inline void
slot_account (Solver     *s,
              const Trip *trip,
              int         sign)
{
  gsize k = (gsize) trip->point * s->n_days + trip->day;

  s->slot_total[k] += sign * trip->load;
  if (trip_need (trip) != NEED_GENERAL)
    s->vulnerable_load[k] += sign * trip->load;
  if (trip->flight_point >= 0 && s->flight_load[k] != NULL)
    s->flight_load[k][trip->flight_minute / s->slot_minutes[k]] += sign * trip->load;
}

/* Whether the slots of point @p that day still have room for item @i
 * in @trip, which goes there: the handover times are chosen at the
 * end, and a vehicle that finds no slot loses everyone on board, so
 * the search keeps what the slots can take in view.  A vehicle with
 * someone vulnerable on board hands over in the vulnerable window,
 * everyone on board with them. */
static inline gboolean
slots_allow (Solver     *s,
             const Trip *trip,
             guint       p,
             guint       i)
{
  gsize k = (gsize) p * s->n_days + trip->day;
  int size = (int) item_at (s, i)->size;
  gboolean vulnerable_before = trip->items->len > 0 && trip_need (trip) != NEED_GENERAL;
  Need need = MAX (trip_need (trip), (Need) need_on (s, i, trip->day));
  int added;

  if (s->slot_room[k] == NO_CAPACITY_LIMIT)
    return TRUE;
  if (s->slot_total[k] + size > s->slot_room[k])
    return FALSE;
  /* Everyone on board in one slot: a flight's, which is fixed, with
   * the other flights of that slot; a road vehicle's, the roomiest its
   * passengers may use. */
  if (trip->flight_point >= 0)
    {
      int slot = trip->flight_minute / s->slot_minutes[k];

      if (s->slot_load[k][slot] + s->flight_load[k][slot] + size > s->slot_capacity[k])
        return FALSE;
    }
  else if (trip->load + size > s->trip_room[k * N_NEEDS + need])
    return FALSE;
  if (vulnerable_before)
    added = size;
  else if (need_on (s, i, trip->day) != NEED_GENERAL)
    added = trip->load + size;
  else
    return TRUE;
  return s->vulnerable_load[k] + added <= s->vulnerable_room[k];
}

static inline void
place_add (GArray *places,
           int     trip,
           int     point,
           double  day_cost,
           double  extra,
           double  tiebreak)
{
  Place place = { trip, point, day_cost, extra, tiebreak };

  g_array_append_val (places, place);
}

/* The places open to item @i as the plan stands, appended to @places in
 * the order they are weighed: the same for every item of its group. */
static void
collect_places (Solver   *s,
                guint     i,
                gboolean  open_only,
                GArray   *places)
{
  const Item *item = item_at (s, i);
  const RetScheduleOptions *o = s->options;
  guint f = (guint) item->facility;

  for (guint d = 0; d < s->n_days; d++)
    {
      guint8 cls = class_on (s, i, d);
      Need need;
      double day_cost;
      GArray *list;
      GArray *sites;
      Signature seen[32];
      guint n_seen = 0;
      /* A vehicle to itself is better small; a shared one, big. */
      gboolean prefer_small;

      if (cls == CLASS_NONE)
        continue;
      need = need_on (s, i, d);
      prefer_small = cls == CLASS_MINORS_ALONE ||
                     (cls == CLASS_OWN && !s->seats_to_spare[f * s->n_days + d]);
      day_cost = o->day_weight * d * item->size;
      list = s->day_trips[f * s->n_days + d];
      sites = s->sites[f * s->n_site_days + d];

      for (guint k = 0; k < list->len; k++)
        {
          guint t = g_array_index (list, guint, k);
          const Trip *trip = trip_at (s, t);
          Need nn;

          if (!trip->usable || trip->load + (int) item->size > trip->seats || !class_fits (trip, cls) ||
              (open_only && trip->items->len == 0))
            continue;
          nn = MAX (trip_need (trip), need);

          if (trip->flight_point >= 0)
            {
              guint p = (guint) trip->flight_point;

              if (!item->flight_ok || !(trip->flight_bits & NEED_BIT (nn)) ||
                  s->capacity[p * s->n_days + d] < (int) item->size || !slots_allow (s, trip, p, i))
                continue;
              if (trip->items->len == 0 && signature_seen (seen, &n_seen, trip))
                continue;
              place_add (places, (int) t, (int) p, day_cost,
                         trip->items->len == 0 ? o->vehicle_weight : 0, 0);
              continue;
            }

          if (trip->point >= 0)
            {
              guint p = (guint) trip->point;

              if (!(trip->feasible & NEED_BIT (nn)) ||
                  s->capacity[p * s->n_days + d] < (int) item->size || !slots_allow (s, trip, p, i))
                continue;
              place_add (places, (int) t, (int) p, day_cost, 0, 0);
              continue;
            }

          if (signature_seen (seen, &n_seen, trip))
            continue;
          for (guint k2 = 0; k2 < sites->len; k2++)
            {
              const Site *site = &g_array_index (sites, Site, k2);

              if (point_at (s, site->point)->airport || !(site->feasible & NEED_BIT (need)) ||
                  s->capacity[site->point * s->n_days + d] < (int) item->size ||
                  !slots_allow (s, trip, site->point, i))
                continue;
              place_add (places, (int) t, (int) site->point, day_cost, o->vehicle_weight,
                         (prefer_small ? 1e-6 : -1e-6) * trip->seats);
            }
        }
    }
}

/* The cheapest of @places for item @i, and the cheapest in another
 * vehicle (for the regret). */
static void
places_weigh (Solver      *s,
              guint        i,
              const Place *places,
              guint        n,
              Option      *best,
              Option      *second)
{
  const double *km = &s->km[(gsize) i * s->n_points];
  double km_weight = s->options->km_weight;

  best->trip = second->trip = -1;
  best->point = second->point = -1;
  best->cost = second->cost = INFINITY;
  for (guint k = 0; k < n; k++)
    option_consider (best, second, places[k].trip, places[k].point,
                     km_weight * km[places[k].point] + places[k].day_cost + places[k].extra +
                     places[k].tiebreak);
}

/* The cheapest places for item @i as the plan stands, and the cheapest
 * in another vehicle (for the regret). */
static void
item_options_in (Solver   *s,
                 guint     i,
                 gboolean  open_only,
                 Option   *best,
                 Option   *second)
{
  g_array_set_size (s->item_places, 0);
  collect_places (s, i, open_only, s->item_places);
  places_weigh (s, i, (const Place *) (gconstpointer) s->item_places->data, s->item_places->len,
                best, second);
}

static void
item_options (Solver *s,
              guint   i,
              Option *best,
              Option *second)
{
  item_options_in (s, i, FALSE, best, second);
}

static inline void
waiting_update (Solver *s,
                guint   i,
                int     delta)
{
  const Item *item = item_at (s, i);
  guint n;
  int *tree;

  if (s->item_pos[i] == G_MAXUINT)
    return;
  n = s->facility_items[item->facility]->len;
  tree = s->waiting_tree[item->facility];
  for (guint k = s->item_pos[i] + 1; k <= n; k += k & -k)
    tree[k - 1] += delta;
}

/* How many of facility @f wait. */
static guint
waiting_count (Solver *s,
               guint   f)
{
  GArray *own = s->facility_items[f];
  int sum = 0;

  for (guint k = own->len; k > 0; k -= k & -k)
    sum += s->waiting_tree[f][k - 1];
  return (guint) sum;
}

/* The @r-th (from 0) of those waiting of facility @f, in its order. */
static guint
waiting_nth (Solver *s,
             guint   f,
             guint   r)
{
  GArray *own = s->facility_items[f];
  const int *tree = s->waiting_tree[f];
  guint pos = 0, step = 1;

  while (step * 2 <= own->len)
    step *= 2;
  for (; step > 0; step /= 2)
    if (pos + step <= own->len && tree[pos + step - 1] <= (int) r)
      {
        pos += step;
        r -= (guint) tree[pos - 1];
      }
  g_assert (pos < own->len);
  return g_array_index (own, guint, pos);
}

static void
track_changes (Solver *s)
{
  s->item_changed = g_new0 (guint8, MAX (s->items->len, 1));
  s->trip_changed = g_new0 (guint8, MAX (s->trips->len, 1));
  s->changed_items = g_array_new (FALSE, FALSE, sizeof (guint));
  s->changed_trips = g_array_new (FALSE, FALSE, sizeof (guint));
}

static inline void
note_change (Solver *s,
             guint   i,
             guint   t)
{
  if (!s->item_changed[i])
    {
      s->item_changed[i] = 1;
      g_array_append_val (s->changed_items, i);
    }
  if (!s->trip_changed[t])
    {
      s->trip_changed[t] = 1;
      g_array_append_val (s->changed_trips, t);
    }
}

static void
trip_add (Solver *s,
          guint   t,
          guint   i,
          int     point)
{
  Trip *trip = trip_at (s, t);
  Item *item = item_at (s, i);
  guint d = trip->day;

  g_assert (item->trip < 0);
  if (trip->items->len > 0)
    slot_account (s, trip, -1);
  else
    {
      if (trip->flight_point >= 0)
        {
          trip->point = trip->flight_point;
          trip->feasible = trip->flight_bits;
        }
      else
        {
          const Site *site = site_find (s, trip->facility, d, (guint) point);

          g_assert (site != NULL);
          trip->point = point;
          trip->feasible = site->feasible;
        }
      s->cost += s->options->vehicle_weight;
      s->n_used++;
    }
  g_assert (trip->point == point);

  item->trip = (int) t;
  item->cls = class_on (s, i, d);
  item->need = need_on (s, i, d);
  trip->n_class[item->cls]++;
  trip->n_need[item->need]++;
  trip->load += (int) item->size;
  g_array_append_val (trip->items, i);
  s->capacity[(guint) point * s->n_days + d] -= (int) item->size;
  s->cost += s->options->km_weight * s->km[(gsize) i * s->n_points + (guint) point] +
             s->options->day_weight * d * item->size;
  s->n_unplanned -= item->size;
  waiting_update (s, i, -1);
  note_change (s, i, t);
  slot_account (s, trip, 1);
}

static void
trip_remove (Solver *s,
             guint   i)
{
  Item *item = item_at (s, i);
  Trip *trip;
  guint d;

  g_assert (item->trip >= 0);
  trip = trip_at (s, (guint) item->trip);
  d = trip->day;
  slot_account (s, trip, -1);

  for (guint k = 0; k < trip->items->len; k++)
    if (g_array_index (trip->items, guint, k) == i)
      {
        g_array_remove_index_fast (trip->items, k);
        break;
      }
  trip->n_class[item->cls]--;
  trip->n_need[item->need]--;
  trip->load -= (int) item->size;
  s->capacity[(guint) trip->point * s->n_days + d] += (int) item->size;
  s->cost -= s->options->km_weight * s->km[(gsize) i * s->n_points + (guint) trip->point] +
             s->options->day_weight * d * item->size;
  s->n_unplanned += item->size;
  waiting_update (s, i, 1);
  note_change (s, i, (guint) item->trip);
  item->trip = -1;
  /* Room again: any group may have a place now. */
  marks_clear (&s->full, s->n_groups);

  if (trip->items->len == 0)
    {
      trip->point = -1;
      trip->feasible = 0;
      s->cost -= s->options->vehicle_weight;
      s->n_used--;
    }
  else
    slot_account (s, trip, 1);
}

/* Whether item @i found a place, and took it.  Putting someone in a
 * vehicle only ever takes places away (seats, the point's and slots'
 * room, who may share), so once an item finds none, no item of its group
 * will until someone leaves a vehicle. */
static gboolean
item_insert_best (Solver *s,
                  guint   i)
{
  Option best, second;

  if (marks_has (&s->full, s->item_group[i]))
    return FALSE;
  item_options (s, i, &best, &second);
  if (best.trip < 0)
    {
      marks_set (&s->full, s->item_group[i]);
      return FALSE;
    }
  trip_add (s, (guint) best.trip, i, best.point);
  return TRUE;
}

/* Hardest first: minors, families with a record, large families, the
 * vulnerable, records, then everyone else. */
static int
class_rank (guint8 cls)
{
  switch (cls)
    {
    case CLASS_MINORS_ALONE: return 0;
    case CLASS_MINORS: return 1;
    case CLASS_OWN: return 2;
    case CLASS_VULN: return 3;
    case CLASS_CRIM: return 4;
    case CLASS_NEUTRAL: return 5;
    default: return 6;
    }
}

static int
compare_construction (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  Solver *s = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const Item *x = item_at (s, ia), *y = item_at (s, ib);
  int ra = class_rank (first_class (s, ia)), rb = class_rank (first_class (s, ib));

  if (ra != rb)
    return ra - rb;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct
{
  guint  item;
  double key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;
  return x->item < y->item ? -1 : x->item > y->item;
}

/* How much an item loses if it does not get its best place: those
 * with nowhere else first, those with nowhere at all last. */
static double
regret_key (Solver       *s,
            guint         i,
            const Option *best,
            const Option *second,
            double        noise)
{
  if (best->trip < 0)
    return -1e18;
  if (second->trip < 0)
    return 1e15 + item_at (s, i)->size;
  return (second->cost - best->cost) * (1.0 + noise * (rng_unit (&s->rng) - 0.5)) +
         1e-3 * item_at (s, i)->size;
}

/* Puts the items of @set back, those with the most to lose first. */
static void
recreate (Solver *s,
          GArray *set,
          GArray *inserted,
          double  noise)
{
  g_autoptr(GArray) keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), set->len);

  /* Nothing changes until the sort, so a group's places are looked
   * for once.  Those with none would come last and find none then
   * either: they are left out of it. */
  marks_clear (&s->listed, s->n_groups);
  g_array_set_size (s->places, 0);
  for (guint k = 0; k < set->len; k++)
    {
      guint i = g_array_index (set, guint, k);
      guint g = s->item_group[i];
      Option best, second;
      Keyed entry = { i, 0 };

      if (marks_has (&s->full, g))
        continue;
      if (!marks_has (&s->listed, g))
        {
          s->group_places[2 * g] = s->places->len;
          collect_places (s, i, FALSE, s->places);
          s->group_places[2 * g + 1] = s->places->len - s->group_places[2 * g];
          marks_set (&s->listed, g);
        }
      if (s->group_places[2 * g + 1] == 0)
        {
          marks_set (&s->full, g);
          continue;
        }
      places_weigh (s, i, &g_array_index (s->places, Place, s->group_places[2 * g]),
                    s->group_places[2 * g + 1], &best, &second);
      entry.key = regret_key (s, i, &best, &second, noise);
      g_array_append_val (keyed, entry);
    }
  g_array_sort (keyed, compare_keyed);

  for (guint k = 0; k < keyed->len; k++)
    {
      guint i = g_array_index (keyed, Keyed, k).item;

      if (item_insert_best (s, i) && inserted != NULL)
        g_array_append_val (inserted, i);
    }
}

/* recreate() of everyone of facility @f waiting, without a noise.  A
 * group with no place at all is passed over whole: its items are not
 * even looked at. */
static void
recreate_waiting (Solver *s,
                  guint   f,
                  GArray *inserted)
{
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *groups = s->facility_groups[f];

  for (guint k = 0; k < groups->len; k++)
    {
      guint g = g_array_index (groups, guint, k);
      GArray *items = s->group_items[g];

      if (marks_has (&s->full, g))
        continue;
      g_array_set_size (s->item_places, 0);
      collect_places (s, s->group_first[g], FALSE, s->item_places);
      if (s->item_places->len == 0)
        {
          marks_set (&s->full, g);
          continue;
        }
      for (guint m = 0; m < items->len; m++)
        if (item_at (s, g_array_index (items, guint, m))->trip < 0)
          g_array_append_val (left, g_array_index (items, guint, m));
    }
  /* Without a noise the order they come in makes no difference: they
   * are sorted by what they stand to lose, then by number. */
  recreate (s, left, inserted, 0.0);
}

typedef struct
{
  guint item;
  int   trip;
  int   point;
} Removed;

/* Puts back what a move took out, and takes out what it put in, in
 * the reverse order of the move. */
static void
undo_move (Solver *s,
           GArray *inserted,
           GArray *removed)
{
  for (guint k = inserted->len; k > 0; k--)
    trip_remove (s, g_array_index (inserted, guint, k - 1));
  for (guint k = removed->len; k > 0; k--)
    {
      const Removed *r = &g_array_index (removed, Removed, k - 1);

      trip_add (s, (guint) r->trip, r->item, r->point);
    }
}

static void
ruin_item (Solver *s,
           guint   i,
           GArray *removed,
           GArray *set)
{
  Item *item = item_at (s, i);
  Removed r = { i, item->trip, -1 };

  if (item->trip < 0)
    return;
  r.point = trip_at (s, (guint) item->trip)->point;
  trip_remove (s, i);
  g_array_append_val (removed, r);
  g_array_append_val (set, i);
}

static void
ruin_trip (Solver *s,
           guint   t,
           GArray *removed,
           GArray *set)
{
  Trip *trip = trip_at (s, t);

  while (trip->items->len > 0)
    ruin_item (s, g_array_index (trip->items, guint, trip->items->len - 1), removed, set);
}

static gboolean
is_better (guint  unplanned,
           double cost,
           guint  old_unplanned,
           double old_cost)
{
  if (unplanned != old_unplanned)
    return unplanned < old_unplanned;
  return cost <= old_cost + 1e-7;
}

/* The best plan seen, to come back to: the search may accept a slightly
 * worse plan to leave a dead end.  There is one: after the first time,
 * taking it down copies only what changed since the last. */
typedef struct
{
  int      *item_trip;
  int      *trip_point;
  guint     unplanned;
  double    cost;
  gboolean  taken;
} Snapshot;

static void
snapshot_take (Solver   *s,
               Snapshot *snap)
{
  if (!snap->taken)
    {
      for (guint i = 0; i < s->items->len; i++)
        snap->item_trip[i] = item_at (s, i)->trip;
      for (guint t = 0; t < s->trips->len; t++)
        snap->trip_point[t] = trip_at (s, t)->point;
      snap->taken = TRUE;
    }
  for (guint k = 0; k < s->changed_items->len; k++)
    {
      guint i = g_array_index (s->changed_items, guint, k);

      snap->item_trip[i] = item_at (s, i)->trip;
      s->item_changed[i] = 0;
    }
  for (guint k = 0; k < s->changed_trips->len; k++)
    {
      guint t = g_array_index (s->changed_trips, guint, k);

      snap->trip_point[t] = trip_at (s, t)->point;
      s->trip_changed[t] = 0;
    }
  g_array_set_size (s->changed_items, 0);
  g_array_set_size (s->changed_trips, 0);
  snap->unplanned = s->n_unplanned;
  snap->cost = s->cost;
}

static void
snapshot_restore (Solver         *s,
                  const Snapshot *snap)
{
  for (guint i = 0; i < s->items->len; i++)
    if (item_at (s, i)->trip >= 0)
      trip_remove (s, i);
  for (guint i = 0; i < s->items->len; i++)
    if (snap->item_trip[i] >= 0)
      trip_add (s, (guint) snap->item_trip[i], i, snap->trip_point[snap->item_trip[i]]);
}

static void ruin_attracted (Solver *s,
                            guint   point,
                            guint   day,
                            GArray *removed,
                            GArray *set);

static void
improve_round (Solver         *s,
               GArray         *eligible,
               const Snapshot *best,
               double          threshold)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Removed));
  g_autoptr(GArray) set = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_unplanned = s->n_unplanned;
  double old_cost = s->cost;
  guint i0 = g_array_index (eligible, guint, rng_below (&s->rng, eligible->len));
  const Item *seed = item_at (s, i0);
  GArray *own = s->facility_items[seed->facility];
  guint strategy = rng_below (&s->rng, 10);
  guint n_extra = 0;

  /* Whoever of that facility is left out gets another chance. */
  for (guint k = 0; k < own->len && n_extra < 20; k++)
    {
      guint i = g_array_index (own, guint, k);

      if (item_at (s, i)->trip < 0)
        {
          g_array_append_val (set, i);
          n_extra++;
        }
    }

  if (strategy < 4 && seed->trip >= 0)
    {
      /* Close a vehicle or two: their people into the others. */
      const Trip *trip = trip_at (s, (guint) seed->trip);
      GArray *list = s->day_trips[trip->facility * s->n_days + trip->day];
      guint n_more = rng_below (&s->rng, 3);

      ruin_trip (s, (guint) seed->trip, removed, set);
      for (guint k = 0; k < n_more && list->len > 0; k++)
        {
          guint t = g_array_index (list, guint, rng_below (&s->rng, list->len));

          if (trip_at (s, t)->items->len > 0)
            ruin_trip (s, t, removed, set);
        }
    }
  else if (strategy < 8 || seed->trip < 0)
    {
      /* A share of one facility's people, whatever their vehicle. */
      guint n = CLAMP (own->len * 15 / 100, 3, RUIN_MAX);

      for (guint k = 0; k < n; k++)
        ruin_item (s, g_array_index (own, guint, rng_below (&s->rng, own->len)), removed, set);
    }
  else
    {
      /* Those handed over at one point that day, from every facility:
       * they share its capacity. */
      const Trip *trip = trip_at (s, (guint) seed->trip);
      int point = trip->point;
      guint day = trip->day;
      guint n = 0;

      for (guint k = 0; k < s->trips->len && n < 40; k++)
        {
          const Trip *other = trip_at (s, (k + (guint) seed->trip) % s->trips->len);

          if (other->point == point && other->day == day && rng_below (&s->rng, 2) == 0)
            {
              guint before = set->len;

              ruin_trip (s, (k + (guint) seed->trip) % s->trips->len, removed, set);
              n += set->len - before;
            }
        }
      ruin_attracted (s, (guint) point, day, removed, set);
    }

  recreate (s, set, inserted, 0.5);

  if (is_better (s->n_unplanned, s->cost, old_unplanned, old_cost))
    return;
  /* A little worse than the best is allowed while the threshold lasts,
   * never with more persons left out. */
  if (s->n_unplanned <= best->unplanned && s->cost <= best->cost + threshold)
    return;

  /* Worse: put everything back as it was. */
  for (guint k = 0; k < inserted->len; k++)
    trip_remove (s, g_array_index (inserted, guint, k));
  for (guint k = removed->len; k > 0; k--)
    {
      const Removed *r = &g_array_index (removed, Removed, k - 1);

      trip_add (s, (guint) r->trip, r->item, r->point);
    }
}

/* What item @i costs where it is now; unplanned, far more than anywhere. */
static double
current_cost (Solver *s,
              guint   i)
{
  const Item *item = item_at (s, i);
  const Trip *trip;

  if (item->trip < 0)
    return 1e12;
  trip = trip_at (s, (guint) item->trip);
  return s->options->km_weight * s->km[(gsize) i * s->n_points + (guint) trip->point] +
         s->options->day_weight * trip->day * item->size;
}

/* What item @i saves by going to @point on day @d in trip @t, when it
 * may and saves something there. */
static inline gboolean
saving_of (Solver *s,
           guint   i,
           int     t,
           guint   point,
           guint   d,
           Keyed *entry)
{
  const Item *item = item_at (s, i);
  const Trip *trip = trip_at (s, (guint) t);

  if (class_on (s, i, d) == CLASS_NONE)
    return FALSE;
  if (trip->flight_point >= 0 && !item->flight_ok)
    return FALSE;
  if (item->trip == t && point == (guint) trip->point)
    return FALSE;
  entry->item = i;
  entry->key = current_cost (s, i) -
                  (s->options->km_weight * s->km[(gsize) i * s->n_points + point] +
                   s->options->day_weight * d * item->size);
  return entry->key > 0;
}

typedef struct
{
  const Solver *s;
  guint         point;
} DistanceOrder;

static int
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DistanceOrder *order = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  double ka = order->s->km[(gsize) ia * order->s->n_points + order->point];
  double kb = order->s->km[(gsize) ib * order->s->n_points + order->point];

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* The items of group @g, nearest to point @p first. */
static const guint *
group_by_distance (Solver *s,
                   guint   g,
                   guint   p)
{
  guint **list = &s->by_distance[(gsize) g * s->n_points + p];

  if (*list == NULL)
    {
      DistanceOrder order = { s, p };
      GArray *items = s->group_items[g];

      *list = g_memdup2 (items->data, sizeof (guint) * items->len);
      g_qsort_with_data (*list, (int) items->len, sizeof (guint), compare_distance, &order);
    }
  return *list;
}

/* Where a group's next one waiting is, in the order those waiting
 * board: the cheapest there first, then the nearest, then the first. */
typedef struct
{
  guint  group;
  guint  pos;
  guint  item;
  double cost;
  double km;
} Cursor;

static int
compare_cursors (const Cursor *x,
                 const Cursor *y)
{
  if (x->cost != y->cost)
    return x->cost < y->cost ? -1 : 1;
  if (x->km != y->km)
    return x->km < y->km ? -1 : 1;
  return x->item < y->item ? -1 : x->item > y->item;
}

/* Moves @c to the next of its group waiting, not marked; FALSE when
 * there is none. */
static gboolean
cursor_next (Solver *s,
             Cursor *c,
             guint   point,
             guint   d)
{
  GArray *items = s->group_items[c->group];
  const guint *list = group_by_distance (s, c->group, point);

  for (; c->pos < items->len; c->pos++)
    {
      guint i = list[c->pos];

      if (item_at (s, i)->trip >= 0 || s->item_mark[i])
        continue;
      c->item = i;
      c->km = s->km[(gsize) i * s->n_points + point];
      c->cost = s->options->km_weight * c->km + s->options->day_weight * d * item_at (s, i)->size;
      return TRUE;
    }
  return FALSE;
}

static void
cursors_sift_down (Cursor *heap,
                   guint   n,
                   guint   k)
{
  for (;;)
    {
      guint c = 2 * k + 1;
      Cursor swap;

      if (c >= n)
        return;
      if (c + 1 < n && compare_cursors (&heap[c + 1], &heap[c]) < 0)
        c++;
      if (compare_cursors (&heap[c], &heap[k]) >= 0)
        return;
      swap = heap[k];
      heap[k] = heap[c];
      heap[c] = swap;
      k = c;
    }
}

/* Whether item @i may get on @trip, at @point on day @d. */
static gboolean
may_board (Solver     *s,
           const Trip *trip,
           const Site *site,
           guint       d,
           guint       i)
{
  const Item *item = item_at (s, i);
  Need need = MAX (trip_need (trip), (Need) need_on (s, i, d));
  guint8 feasible = trip->flight_point >= 0 ? trip->flight_bits : site->feasible;
  int room = s->capacity[site->point * s->n_days + d];

  if (trip->load + (int) item->size > trip->seats || !class_fits (trip, class_on (s, i, d)) ||
      !(feasible & NEED_BIT (need)))
    return FALSE;
  /* Leaving this point-day frees room in it for oneself. */
  if (item->trip >= 0 && trip_at (s, (guint) item->trip)->point == (int) site->point &&
      trip_at (s, (guint) item->trip)->day == d)
    room += (int) item->size;
  return room >= (int) item->size && slots_allow (s, trip, site->point, i);
}

/* Whether anyone waiting could still get on @trip at @point on day @d:
 * seats, and the point's and its slots' room, only shrink while it
 * fills. */
static gboolean
waiting_may_board (Solver     *s,
                   const Trip *trip,
                   guint       point,
                   guint       d)
{
  gsize k = (gsize) point * s->n_days + d;

  return trip->load < trip->seats && s->capacity[k] > 0 &&
         (s->slot_room[k] == NO_CAPACITY_LIMIT || s->slot_total[k] < s->slot_room[k]);
}

/* The move one item at a time never makes: a vehicle sent to a point
 * where none goes, filled with those who gain most by it.  Together
 * they may pay for the vehicle, though none of them alone does. */
/* Those elsewhere who would save most at @point on @day, of any
 * facility that may go there: with the point's own people out, they
 * may take their places while those go to a next best that costs them
 * little (a chain through a shared capacity no single move finds). */
#define ATTRACTED_MAX 24

static void
ruin_attracted (Solver *s,
                guint   point,
                guint   day,
                GArray *removed,
                GArray *set)
{
  g_autoptr(GArray) savings = g_array_new (FALSE, FALSE, sizeof (Keyed));

  /* Those aboard a vehicle going elsewhere: the backlog may be far
   * larger than the plan. */
  for (guint t = 0; t < s->trips->len; t++)
    {
      const Trip *trip = trip_at (s, t);

      if (trip->items->len == 0 || trip->point == (int) point)
        continue;
      for (guint m = 0; m < trip->items->len; m++)
        {
          guint i = g_array_index (trip->items, guint, m);
          const Item *item = item_at (s, i);
          Keyed entry = { i, 0 };

          if (class_on (s, i, day) == CLASS_NONE ||
              site_find (s, (guint) item->facility, day, point) == NULL ||
              (point_at (s, point)->airport && !item->flight_ok))
            continue;
          entry.key = current_cost (s, i) - item_cost_at (s, i, point, day);
          if (entry.key > 0)
            g_array_append_val (savings, entry);
        }
    }
  g_array_sort (savings, compare_keyed);
  for (guint k = 0; k < MIN (savings->len, ATTRACTED_MAX); k++)
    ruin_item (s, g_array_index (savings, Keyed, k).item, removed, set);
}

static void
open_vehicle_round (Solver         *s,
                    GArray         *eligible,
                    const Snapshot *best,
                    double          threshold)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Removed));
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) savings = g_array_new (FALSE, FALSE, sizeof (Keyed));
  g_autoptr(GArray) set = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_unplanned = s->n_unplanned;
  double old_cost = s->cost;
  const Item *seed = item_at (s, g_array_index (eligible, guint, rng_below (&s->rng, eligible->len)));
  guint f = (guint) seed->facility;
  guint d = rng_below (&s->rng, s->n_days);
  GArray *list = s->day_trips[f * s->n_days + d];
  GArray *sites = s->sites[f * s->n_site_days + d];
  int t = -1;
  const Site *site;
  Trip *trip;
  gboolean repoint;

  if (list->len == 0 || sites->len == 0)
    return;

  /* An idle vehicle, starting anywhere in the list; or, half the time,
   * one already going somewhere, to be sent elsewhere with others. */
  repoint = rng_below (&s->rng, 2) == 0;
  for (guint k = 0, start = rng_below (&s->rng, list->len); k < list->len && t < 0; k++)
    {
      guint candidate = g_array_index (list, guint, (start + k) % list->len);
      const Trip *x = trip_at (s, candidate);

      if (x->usable && (repoint ? x->items->len > 0 : x->items->len == 0))
        t = (int) candidate;
    }
  if (t < 0)
    return;
  trip = trip_at (s, (guint) t);

  if (trip->flight_point >= 0)
    site = site_find (s, f, d, (guint) trip->flight_point);
  else
    {
      site = &g_array_index (sites, Site, rng_below (&s->rng, sites->len));
      if (point_at (s, site->point)->airport)
        return;
    }
  if (site == NULL)
    return;

  /* Those already going somewhere, by what the new point saves them:
   * they are found in the vehicles, not among the many waiting. */
  for (guint day = 0; day < s->n_days; day++)
    {
      GArray *going = s->day_trips[f * s->n_days + day];

      for (guint k = 0; k < going->len; k++)
        {
          const Trip *x = trip_at (s, g_array_index (going, guint, k));

          for (guint m = 0; m < x->items->len; m++)
            {
              Keyed entry;

              if (saving_of (s, g_array_index (x->items, guint, m), t, site->point, d, &entry))
                g_array_append_val (savings, entry);
            }
        }
    }
  g_array_sort (savings, compare_keyed);

  /* Those on board get off; each gets back on by what the new point
   * saves them, like everyone else. */
  if (trip->items->len > 0)
    ruin_trip (s, (guint) t, removed, set);

  /* Those waiting gain the most, a place: they board first, the
   * cheapest there first.  They are many and few get on, so they come
   * group by group, each group nearest first, only as far as they
   * board.  Whatever refuses one of a group (seats, who may share, the
   * point's and slots' room) refuses the rest of it: those only shrink
   * as the vehicle fills. */
  if (waiting_may_board (s, trip, site->point, d))
    {
      GArray *groups = s->facility_groups[f];
      guint n_heap = 0;
      g_autofree Cursor *heap = g_new (Cursor, MAX (groups->len, 1));

      for (guint k = 0; k < set->len; k++)
        s->item_mark[g_array_index (set, guint, k)] = 1;
      for (guint k = 0; k < groups->len; k++)
        {
          Cursor c = { g_array_index (groups, guint, k), 0, 0, 0, 0 };
          guint first = s->group_first[c.group];

          if (class_on (s, first, d) == CLASS_NONE ||
              (trip->flight_point >= 0 && !item_at (s, first)->flight_ok))
            continue;
          if (cursor_next (s, &c, site->point, d))
            heap[n_heap++] = c;
        }
      for (guint k = n_heap / 2; k > 0; k--)
        cursors_sift_down (heap, n_heap, k - 1);

      while (n_heap > 0 && waiting_may_board (s, trip, site->point, d))
        {
          guint i = heap[0].item;

          if (may_board (s, trip, site, d, i))
            {
              trip_add (s, (guint) t, i, (int) site->point);
              g_array_append_val (inserted, i);
              heap[0].pos++;
              if (cursor_next (s, &heap[0], site->point, d))
                {
                  cursors_sift_down (heap, n_heap, 0);
                  continue;
                }
            }
          heap[0] = heap[--n_heap];
          cursors_sift_down (heap, n_heap, 0);
        }
      for (guint k = 0; k < set->len; k++)
        s->item_mark[g_array_index (set, guint, k)] = 0;
    }

  /* Then those who were going elsewhere, by what they save. */
  for (guint k = 0; k < savings->len && trip->load < trip->seats; k++)
    {
      guint i = g_array_index (savings, Keyed, k).item;

      if (!may_board (s, trip, site, d, i))
        continue;
      ruin_item (s, i, removed, set);
      trip_add (s, (guint) t, i, (int) site->point);
      g_array_append_val (inserted, i);
    }

  /* Whoever the move emptied a seat for may take it. */
  if (inserted->len > 0)
    recreate_waiting (s, f, inserted);

  if (is_better (s->n_unplanned, s->cost, old_unplanned, old_cost))
    return;
  if (s->n_unplanned <= best->unplanned && s->cost <= best->cost + threshold)
    return;

  undo_move (s, inserted, removed);
}

/* Who gets off first: those with somewhere else to go, at the least
 * extra cost per person (a flight for someone who consented, another
 * vehicle); then, of those with nowhere else, the dearest to carry. */
static void
order_to_eject (Solver *s,
                GArray *aboard)
{
  g_autoptr(GArray) keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), aboard->len);

  for (guint k = 0; k < aboard->len; k++)
    {
      guint i = g_array_index (aboard, guint, k);
      const Item *item = item_at (s, i);
      Option best, second;
      const Option *elsewhere;
      Keyed entry = { i, 0 };

      item_options (s, i, &best, &second);
      elsewhere = best.trip == item->trip ? &second : &best;
      if (elsewhere->trip >= 0)
        entry.key = 1e9 - (elsewhere->cost - current_cost (s, i)) / item->size;
      else
        entry.key = current_cost (s, i) / item->size;
      g_array_append_val (keyed, entry);
    }
  g_array_sort (keyed, compare_keyed);
  for (guint k = 0; k < aboard->len; k++)
    g_array_index (aboard, guint, k) = g_array_index (keyed, Keyed, k).item;
}

/* A vehicle costs vehicle_weight whoever it carries: a half-empty one
 * is closed and its people put in vehicles already going, each where
 * they cost least, even at a slightly farther point, if the plan is no
 * worse for it.  Ruin and recreate seldom finds this, since the first
 * person put back would rather reopen the closed vehicle than travel a
 * little farther. */
static gboolean
close_trip (Solver *s,
            guint   t)
{
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Removed));
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) set = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) keyed = NULL;
  guint old_unplanned = s->n_unplanned;
  double old_cost = s->cost;

  ruin_trip (s, t, removed, set);

  /* Those with fewest places left first: the largest, the most constrained. */
  keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), set->len);
  for (guint k = 0; k < set->len; k++)
    {
      guint i = g_array_index (set, guint, k);
      Option best, second;
      Keyed entry = { i, 0 };

      item_options_in (s, i, TRUE, &best, &second);
      if (best.trip < 0)
        {
          undo_move (s, inserted, removed);
          return FALSE;
        }
      entry.key = regret_key (s, i, &best, &second, 0.0);
      g_array_append_val (keyed, entry);
    }
  g_array_sort (keyed, compare_keyed);

  for (guint k = 0; k < keyed->len; k++)
    {
      guint i = g_array_index (keyed, Keyed, k).item;
      Option best, second;

      item_options_in (s, i, TRUE, &best, &second);
      if (best.trip < 0)
        break;
      trip_add (s, (guint) best.trip, i, best.point);
      g_array_append_val (inserted, i);
    }

  if (inserted->len == set->len && is_better (s->n_unplanned, s->cost, old_unplanned, old_cost))
    return TRUE;
  undo_move (s, inserted, removed);
  return FALSE;
}

/* Whether everyone of @a and @b may travel together. */
static gboolean
trips_merge (const Trip *a,
             const Trip *b)
{
  guint n[N_CLASSES];

  if (a->minors_only != b->minors_only)
    return FALSE;
  for (guint c = 0; c < N_CLASSES; c++)
    n[c] = a->n_class[c] + b->n_class[c];
  if (n[CLASS_MINORS_ALONE] > 0 || n[CLASS_OWN] > 1)
    return FALSE;
  if (n[CLASS_VULN] > 0 && (n[CLASS_CRIM] > 0 || n[CLASS_OWN] > 0))
    return FALSE;
  return n[CLASS_CRIM] == 0 || n[CLASS_OWN] == 0;
}

/* Two vehicles of a facility that day, each partly empty, become one
 * (either of them, or a larger one standing idle) going to the point
 * that costs their people least, if the plan is no worse for it. */
static gboolean
merge_trips (Solver *s,
             guint   ta,
             guint   tb)
{
  g_autoptr(GArray) removed = NULL;
  g_autoptr(GArray) inserted = NULL;
  g_autoptr(GArray) set = NULL;
  guint old_unplanned = s->n_unplanned;
  double old_cost = s->cost;
  const Trip *a = trip_at (s, ta), *b = trip_at (s, tb);
  guint d = a->day;
  GArray *list = s->day_trips[a->facility * s->n_days + d];
  GArray *sites = s->sites[a->facility * s->n_site_days + d];
  int target = -1, best_point = -1, load = a->load + b->load;
  double best_cost = INFINITY;
  Need need = MAX (trip_need (a), trip_need (b));

  if (a->flight_point >= 0 || b->flight_point >= 0 || a->items->len == 0 || b->items->len == 0 ||
      !trips_merge (a, b))
    return FALSE;

  /* The vehicle: the larger of the two, else the smallest idle one
   * that takes them all. */
  if (a->seats >= load && a->seats >= b->seats)
    target = (int) ta;
  else if (b->seats >= load)
    target = (int) tb;
  else
    for (guint k = 0; k < list->len; k++)
      {
        guint t = g_array_index (list, guint, k);
        const Trip *x = trip_at (s, t);

        if (x->usable && x->items->len == 0 && x->flight_point < 0 && x->minors_only == a->minors_only &&
            x->seats >= load && (target < 0 || x->seats < trip_at (s, (guint) target)->seats))
          target = (int) t;
      }
  if (target < 0)
    return FALSE;

  /* The point: the cheapest for them all that allows them all. */
  for (guint k = 0; k < sites->len; k++)
    {
      const Site *site = &g_array_index (sites, Site, k);
      double cost = 0;

      if (point_at (s, site->point)->airport || !(site->feasible & NEED_BIT (need)))
        continue;
      for (guint m = 0; m < a->items->len; m++)
        cost += s->km[(gsize) g_array_index (a->items, guint, m) * s->n_points + site->point];
      for (guint m = 0; m < b->items->len; m++)
        cost += s->km[(gsize) g_array_index (b->items, guint, m) * s->n_points + site->point];
      if (cost < best_cost)
        {
          best_cost = cost;
          best_point = (int) site->point;
        }
    }
  if (best_point < 0)
    return FALSE;

  removed = g_array_new (FALSE, FALSE, sizeof (Removed));
  inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  set = g_array_new (FALSE, FALSE, sizeof (guint));
  ruin_trip (s, ta, removed, set);
  ruin_trip (s, tb, removed, set);
  /* A family with a record boards first: nobody is in its way then. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < set->len; k++)
      {
        guint i = g_array_index (set, guint, k);
        const Trip *trip = trip_at (s, (guint) target);

        if ((class_on (s, i, d) == CLASS_OWN) != (pass == 0))
          continue;
        if (!class_fits (trip, class_on (s, i, d)) || trip->load + (int) item_at (s, i)->size > trip->seats ||
            s->capacity[(guint) best_point * s->n_days + d] < (int) item_at (s, i)->size ||
            !slots_allow (s, trip, (guint) best_point, i))
          {
            undo_move (s, inserted, removed);
            return FALSE;
          }
        trip_add (s, (guint) target, i, best_point);
        g_array_append_val (inserted, i);
      }

  if (is_better (s->n_unplanned, s->cost, old_unplanned, old_cost))
    return TRUE;
  undo_move (s, inserted, removed);
  return FALSE;
}

static int
compare_trips_by_load_up (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  Solver *s = user_data;
  guint ta = *(const guint *) a, tb = *(const guint *) b;
  int la = trip_at (s, ta)->load, lb = trip_at (s, tb)->load;

  if (la != lb)
    return la < lb ? -1 : 1;
  return ta < tb ? -1 : ta > tb;
}

/* A vehicle costs the plan the same whatever its size, so a lone
 * family may have ended up in a bus while a van stood idle: each road
 * vehicle's people move, to the same point, into the smallest idle
 * vehicle of the same kind of service that seats them all, leaving the
 * larger one free and the vehicle sheet sensible. */
static void
right_size (Solver *s)
{
  for (guint fd = 0; fd < s->n_facilities * s->n_days; fd++)
    {
      GArray *list = s->day_trips[fd];

      for (guint k = 0; k < list->len; k++)
        {
          guint t = g_array_index (list, guint, k);
          Trip *trip = trip_at (s, t);
          int into = -1;
          int point = trip->point;

          if (trip->items->len == 0 || trip->flight_point >= 0)
            continue;
          for (guint m = 0; m < list->len; m++)
            {
              guint u = g_array_index (list, guint, m);
              const Trip *other = trip_at (s, u);

              if (other->usable && other->items->len == 0 && other->flight_point < 0 &&
                  other->minors_only == trip->minors_only && other->seats >= trip->load &&
                  other->seats < (into < 0 ? trip->seats : trip_at (s, (guint) into)->seats))
                into = (int) u;
            }
          if (into < 0)
            continue;
          while (trip->items->len > 0)
            {
              guint i = g_array_index (trip->items, guint, trip->items->len - 1);

              trip_remove (s, i);
              trip_add (s, (guint) into, i, point);
            }
        }
    }
}

/* The last step of the search, on the best plan: every vehicle of each
 * facility and day, the emptiest first, is closed if the others can
 * take its people for less than it costs, and every two that fit in
 * one are merged if that costs less. */
static void
consolidate (Solver *s)
{
  for (guint fd = 0; fd < s->n_facilities * s->n_days; fd++)
    {
      g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));
      GArray *list = s->day_trips[fd];

      for (guint k = 0; k < list->len; k++)
        if (trip_at (s, g_array_index (list, guint, k))->items->len > 0)
          g_array_append_val (used, g_array_index (list, guint, k));
      g_array_sort_with_data (used, compare_trips_by_load_up, s);

      for (guint k = 0; k < used->len; k++)
        {
          guint t = g_array_index (used, guint, k);

          if (trip_at (s, t)->items->len > 0 && trip_at (s, t)->flight_point < 0)
            close_trip (s, t);
        }
      for (guint k = 0; k < used->len; k++)
        for (guint m = k + 1; m < used->len; m++)
          {
            guint ta = g_array_index (used, guint, k), tb = g_array_index (used, guint, m);

            if (trip_at (s, ta)->items->len > 0 && trip_at (s, tb)->items->len > 0)
              merge_trips (s, ta, tb);
          }
    }
}

/* What of item_fits_trip() holds for @i, on another vehicle, before it
 * leaves that one: seats, who may share, consent to fly, the window for
 * those who need daylight, and (when @other_point_day, so that leaving
 * frees nothing there) the point's capacity that day. */
static gboolean
item_may_join (Solver     *s,
               guint       i,
               const Trip *trip,
               gboolean    other_point_day)
{
  const Item *item = item_at (s, i);
  guint8 cls = class_on (s, i, trip->day);
  Need nn;

  if (trip->point < 0 || !trip->usable || trip->facility != (guint) item->facility ||
      trip->load + (int) item->size > trip->seats || cls == CLASS_NONE || !class_fits (trip, cls) ||
      (trip->flight_point >= 0 && !item->flight_ok))
    return FALSE;
  nn = MAX (trip_need (trip), (Need) need_on (s, i, trip->day));
  if (!(trip->feasible & NEED_BIT (nn)))
    return FALSE;
  return !other_point_day || s->capacity[(guint) trip->point * s->n_days + trip->day] >= (int) item->size;
}

/* Whether item @i, on no trip, may join @trip, which is going somewhere. */
static gboolean
item_fits_trip (Solver     *s,
                guint       i,
                const Trip *trip)
{
  return item_may_join (s, i, trip, TRUE) && slots_allow (s, trip, (guint) trip->point, i);
}

/* Two items of one facility on different vehicles trade places, or one
 * moves to a vehicle already going, when the plan costs less for it:
 * what ruin and recreate, which puts many back at once, leaves behind
 * when two persons would each be nearer home at the other's point. */
static gboolean
exchange_items (Solver *s,
                guint   i,
                guint   j)
{
  Item *a = item_at (s, i), *b = item_at (s, j);
  guint ta = (guint) a->trip, tb = (guint) b->trip;
  const Trip *x = trip_at (s, ta), *y = trip_at (s, tb);
  double old_cost = s->cost;
  guint old_unplanned = s->n_unplanned;
  int px = x->point, py = y->point;

  if (item_cost_at (s, i, (guint) py, y->day) + item_cost_at (s, j, (guint) px, x->day) >=
      item_cost_at (s, i, (guint) px, x->day) + item_cost_at (s, j, (guint) py, y->day) - 1e-7)
    return FALSE;

  if (y->load - (int) b->size + (int) a->size > y->seats ||
      x->load - (int) a->size + (int) b->size > x->seats)
    return FALSE;

  trip_remove (s, i);
  trip_remove (s, j);
  /* A trip emptied by the removal has lost its point. */
  if (trip_at (s, tb)->point < 0 || trip_at (s, ta)->point < 0 ||
      !item_fits_trip (s, i, trip_at (s, tb)))
    goto undo;
  trip_add (s, tb, i, py);
  if (!item_fits_trip (s, j, trip_at (s, ta)))
    {
      trip_remove (s, i);
      goto undo;
    }
  trip_add (s, ta, j, px);
  if (is_better (s->n_unplanned, s->cost, old_unplanned, old_cost) && s->cost < old_cost - 1e-7)
    return TRUE;
  trip_remove (s, i);
  trip_remove (s, j);

undo:
  trip_add (s, tb, j, py);
  trip_add (s, ta, i, px);
  return FALSE;
}

static gboolean
relocate_item (Solver *s,
               guint   i,
               guint   t)
{
  Item *a = item_at (s, i);
  guint ta = (guint) a->trip;
  int pa = trip_at (s, ta)->point;
  const Trip *y = trip_at (s, t);
  double old_cost = s->cost;
  guint old_unplanned = s->n_unplanned;

  if (t == ta || y->point < 0 ||
      (trip_at (s, ta)->items->len > 1 &&
       item_cost_at (s, i, (guint) y->point, y->day) >= item_cost_at (s, i, (guint) pa, trip_at (s, ta)->day) - 1e-7))
    return FALSE;
  /* What taking @i off its vehicle cannot change, looked at first: most
   * tries end here, without moving anyone. */
  if (!item_may_join (s, i, y, y->day != trip_at (s, ta)->day || y->point != pa))
    return FALSE;
  trip_remove (s, i);
  if (item_fits_trip (s, i, trip_at (s, t)))
    {
      trip_add (s, t, i, trip_at (s, t)->point);
      if (is_better (s->n_unplanned, s->cost, old_unplanned, old_cost) && s->cost < old_cost - 1e-7)
        return TRUE;
      trip_remove (s, i);
    }
  trip_add (s, ta, i, pa);
  return FALSE;
}

/* Someone left out takes the seat of @j, as large or smaller, who is
 * dearer to carry; @j is then left out, or goes where there is room. */
static gboolean
exchange_left_out (Solver *s,
                   guint   u,
                   guint   j)
{
  Item *b = item_at (s, j);
  guint tb = (guint) b->trip;
  int pb = trip_at (s, tb)->point;
  double old_cost = s->cost;
  guint old_unplanned = s->n_unplanned;

  if (item_at (s, u)->size < b->size)
    return FALSE;
  trip_remove (s, j);
  if (trip_at (s, tb)->point >= 0 && item_fits_trip (s, u, trip_at (s, tb)))
    {
      trip_add (s, tb, u, pb);
      item_insert_best (s, j);
      if (s->n_unplanned < old_unplanned ||
          (s->n_unplanned == old_unplanned && s->cost < old_cost - 1e-7))
        return TRUE;
      if (b->trip >= 0)
        trip_remove (s, j);
      trip_remove (s, u);
    }
  trip_add (s, tb, j, pb);
  return FALSE;
}

/* Those of facility @f left out take the seats of dearer ones: on each
 * vehicle going somewhere, the few left out who would cost least there
 * try the place of those aboard who cost most.  Per vehicle rather than
 * per person left out, since a backlog may be a hundred times the
 * seats. */
#define LEFT_OUT_TRIES 8

static gboolean
polish_left_out (Solver *s,
                 guint   f,
                 GArray *used)
{
  GArray *own = s->facility_items[f];
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) priced = g_array_new (FALSE, FALSE, sizeof (Keyed));   /* key: minus the cost */
  gboolean improved = FALSE;

  for (guint k = 0; k < own->len; k++)
    if (item_at (s, g_array_index (own, guint, k))->trip < 0)
      g_array_append_val (out, g_array_index (own, guint, k));
  if (out->len == 0)
    return FALSE;

  for (guint q = 0; q < used->len; q++)
    {
      guint tb = g_array_index (used, guint, q);
      const Trip *b = trip_at (s, tb);
      double dearest = -INFINITY;

      if (b->items->len == 0)
        continue;
      for (guint m = 0; m < b->items->len; m++)
        dearest = MAX (dearest, item_cost_at (s, g_array_index (b->items, guint, m), (guint) b->point, b->day));

      /* The LEFT_OUT_TRIES cheapest, kept in order as they come. */
      g_array_set_size (priced, 0);
      for (guint k = 0; k < out->len; k++)
        {
          Keyed entry = { g_array_index (out, guint, k), 0 };
          guint at;

          if (item_at (s, entry.item)->trip >= 0)
            continue;
          entry.key = -item_cost_at (s, entry.item, (guint) b->point, b->day);
          if (-entry.key >= dearest - 1e-7 ||
              (priced->len == LEFT_OUT_TRIES &&
               compare_keyed (&entry, &g_array_index (priced, Keyed, LEFT_OUT_TRIES - 1)) >= 0))
            continue;
          for (at = priced->len; at > 0 && compare_keyed (&entry, &g_array_index (priced, Keyed, at - 1)) < 0; at--)
            ;
          g_array_insert_val (priced, at, entry);
          if (priced->len > LEFT_OUT_TRIES)
            g_array_set_size (priced, LEFT_OUT_TRIES);
        }

      for (guint n = 0; n < MIN (priced->len, LEFT_OUT_TRIES); n++)
        {
          const Keyed *entry = &g_array_index (priced, Keyed, n);

          b = trip_at (s, tb);
          if (b->items->len == 0)
            break;
          if (item_at (s, entry->item)->trip >= 0)
            continue;
          for (guint m = 0; m < b->items->len; m++)
            {
              guint j = g_array_index (b->items, guint, m);

              if (-entry->key < item_cost_at (s, j, (guint) b->point, b->day) - 1e-7 &&
                  exchange_left_out (s, entry->item, j))
                {
                  improved = TRUE;
                  break;
                }
            }
        }
    }
  return improved;
}

/* Relocations and exchanges, facility by facility, until none pays:
 * each item against every vehicle of its facility going where it would
 * cost less, and against the items aboard that one; and those left out
 * against the dearest aboard. */
#define POLISH_PASSES 4

static void
polish (Solver       *s,
        GCancellable *cancellable)
{
  for (guint f = 0; f < s->n_facilities && !g_cancellable_is_cancelled (cancellable); f++)
    {
      GArray *own = s->facility_items[f];
      g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean improved = TRUE;

      for (guint d = 0; d < s->n_days; d++)
        {
          GArray *list = s->day_trips[f * s->n_days + d];

          for (guint q = 0; q < list->len; q++)
            if (trip_at (s, g_array_index (list, guint, q))->usable)
              g_array_append_val (used, g_array_index (list, guint, q));
        }

      for (guint pass = 0; pass < POLISH_PASSES && improved; pass++)
        {
          improved = FALSE;
          for (guint k = 0; k < own->len; k++)
            {
              guint i = g_array_index (own, guint, k);

              if (k % 256 == 0 && g_cancellable_is_cancelled (cancellable))
                return;
              if (item_at (s, i)->trip < 0)
                continue;
              for (guint q = 0; q < used->len && item_at (s, i)->trip >= 0; q++)
                {
                  guint tb = g_array_index (used, guint, q);
                  const Trip *a = trip_at (s, (guint) item_at (s, i)->trip);
                  const Trip *b = trip_at (s, tb);
                  double gain;

                  if (b->items->len == 0 || tb == (guint) item_at (s, i)->trip)
                    continue;
                  gain = item_cost_at (s, i, (guint) a->point, a->day) -
                         item_cost_at (s, i, (guint) b->point, b->day);
                  if (gain <= 1e-7 && a->items->len > 1)
                    continue;
                  if (relocate_item (s, i, tb))
                    {
                      improved = TRUE;
                      continue;
                    }
                  if (gain <= 1e-7)
                    continue;
                  for (guint m = 0; m < b->items->len; m++)
                    {
                      guint j = g_array_index (b->items, guint, m);

                      if (gain + item_cost_at (s, j, (guint) b->point, b->day) -
                          item_cost_at (s, j, (guint) a->point, a->day) > 1e-7 &&
                          exchange_items (s, i, j))
                        {
                          improved = TRUE;
                          break;
                        }
                    }
                }
            }
          if (polish_left_out (s, f, used))
            improved = TRUE;
        }
    }
}

/* When not everyone fits, who is left out does not change the count
 * but does change the cost: someone left out takes the place of those
 * dearer to carry in a vehicle they could share, who then go wherever
 * there is room, or stay. */
static gboolean
swap_round (Solver *s,
            GArray *eligible)
{
  const Item *seed = item_at (s, g_array_index (eligible, guint, rng_below (&s->rng, eligible->len)));
  GArray *own = s->facility_items[seed->facility];
  guint n_out = waiting_count (s, (guint) seed->facility);
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (Removed));
  g_autoptr(GArray) set = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) aboard = NULL;
  guint old_unplanned = s->n_unplanned;
  double old_cost = s->cost;
  const Item *iu;
  const Trip *trip = NULL;
  guint u, t = 0;

  if (n_out == 0)
    return FALSE;
  u = waiting_nth (s, (guint) seed->facility, rng_below (&s->rng, n_out));
  iu = item_at (s, u);

  /* A vehicle of theirs, that day, that could take them but for the seats */
  for (guint attempt = 0; attempt < SWAP_ATTEMPTS && trip == NULL; attempt++)
    {
      guint v = g_array_index (own, guint, rng_below (&s->rng, own->len));
      const Item *iv = item_at (s, v);
      const Trip *x;
      guint8 cls;

      if (iv->trip < 0)
        continue;
      x = trip_at (s, (guint) iv->trip);
      cls = class_on (s, u, x->day);
      if (cls == CLASS_NONE || x->seats < (int) iu->size || (x->flight_point >= 0 && !iu->flight_ok) ||
          !(x->feasible & NEED_BIT (MAX (trip_need (x), (Need) need_on (s, u, x->day)))))
        continue;
      /* The class test against those who would stay is done below. */
      t = (guint) iv->trip;
      trip = x;
    }
  if (trip == NULL)
    return TRUE;

  aboard = g_array_copy (trip->items);
  order_to_eject (s, aboard);
  for (guint k = 0; k < aboard->len; k++)
    {
      const Trip *now = trip_at (s, t);
      guint8 cls = class_on (s, u, now->day);
      gboolean fits = now->items->len > 0 && class_fits (now, cls) &&
                      now->load + (int) iu->size <= now->seats &&
                      s->capacity[(guint) now->point * s->n_days + now->day] >= (int) iu->size;

      if (fits)
        break;
      ruin_item (s, g_array_index (aboard, guint, k), removed, set);
    }

  if (trip_at (s, t)->items->len > 0 && class_fits (trip_at (s, t), class_on (s, u, trip_at (s, t)->day)) &&
      trip_at (s, t)->load + (int) iu->size <= trip_at (s, t)->seats &&
      s->capacity[(guint) trip_at (s, t)->point * s->n_days + trip_at (s, t)->day] >= (int) iu->size &&
      slots_allow (s, trip_at (s, t), (guint) trip_at (s, t)->point, u))
    {
      trip_add (s, t, u, trip_at (s, t)->point);
      g_array_append_val (inserted, u);
      recreate (s, set, inserted, 0.0);
    }

  if (s->n_unplanned < old_unplanned ||
      (s->n_unplanned == old_unplanned && s->cost < old_cost - 1e-7))
    return TRUE;

  undo_move (s, inserted, removed);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Handover times                                                      */

static int
compare_trips_for_time (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  Solver *s = user_data;
  guint ta = *(const guint *) a, tb = *(const guint *) b;
  const Trip *x = trip_at (s, ta), *y = trip_at (s, tb);
  Need nx = trip_need (x), ny = trip_need (y);

  /* The narrowest windows choose first, then the fullest vehicles. */
  if (nx != ny)
    return nx > ny ? -1 : 1;
  if (x->load != y->load)
    return x->load > y->load ? -1 : 1;
  return ta < tb ? -1 : ta > tb;
}

#define ARRIVAL_GAP_MINUTES 30

/* Whether a vehicle already hands over within ARRIVAL_GAP_MINUTES of
 * grid minute @g. */
static gboolean
arrival_near (const gboolean *taken,
              guint           g)
{
  guint gap = ARRIVAL_GAP_MINUTES / GRID_MINUTES;
  guint lo = g >= gap ? g - gap + 1 : 0;

  for (guint k = lo; k < MIN (g + gap, GRID_SIZE); k++)
    if (taken[k])
      return TRUE;
  return FALSE;
}

/* The fullest vehicles first, whatever their window: the small ones
 * then fill what the large ones leave of each slot. */
static int
compare_trips_by_load (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  Solver *s = user_data;
  guint ta = *(const guint *) a, tb = *(const guint *) b;
  const Trip *x = trip_at (s, ta), *y = trip_at (s, tb);
  Need nx = trip_need (x), ny = trip_need (y);

  if (x->load != y->load)
    return x->load > y->load ? -1 : 1;
  if (nx != ny)
    return nx > ny ? -1 : 1;
  return ta < tb ? -1 : ta > tb;
}

/* Times for the trips of one point and day (@k) in the order of @list,
 * slot by slot, from the slots' load @load of the kept transfers; the
 * number of road trips that found no slot. */
static guint
assign_point_day (Solver *s,
                  GArray *list,
                  gsize   k,
                  int    *load)
{
  int slot_minutes = s->slot_minutes[k];
  int slot_capacity = s->slot_capacity[k];
  gboolean taken[GRID_SIZE];
  guint n_failed = 0;

  memset (taken, 0, sizeof taken);

  /* Flights leave when they leave. */
  for (guint j = 0; j < list->len; j++)
    {
      Trip *trip = trip_at (s, g_array_index (list, guint, j));

      if (trip->flight_point < 0)
        continue;
      trip->minute = trip->flight_minute;
      trip->handover_at = trip->flight_handover;
      trip->depart_at = trip->flight_handover -
                        (gint64) travel_minutes (s, trip->facility, (guint) trip->point, TRUE) * 60;
      load[trip->minute / slot_minutes] += trip->load;
      taken[trip->minute / GRID_MINUTES] = TRUE;
    }

  for (guint j = 0; j < list->len; j++)
    {
      guint t = g_array_index (list, guint, j);
      Trip *trip = trip_at (s, t);
      const Site *site;
      const DayMask *mask;
      gint64 travel;
      Need need = trip_need (trip);

      if (trip->flight_point >= 0)
        continue;
      site = site_find (s, trip->facility, trip->day, (guint) trip->point);
      mask = mask_get (s, site->point, site->arrangement, trip->day);
      travel = (gint64) travel_minutes (s, trip->facility, (guint) trip->point, FALSE) * 60;

      /* Vehicles of one point and day arrive apart where the
       * window allows, so the receiving officials take one at a
       * time; else together, as the slots allow. */
      trip->minute = -1;
      for (guint pass = 0; pass < 2 && trip->minute < 0; pass++)
        for (guint q = 0; q < GRID_SIZE && trip->minute < 0; q++)
          {
            guint g = s->order_pref[q];
            int slot = (int) g * GRID_MINUTES / slot_minutes;

            if ((mask->bits[g] & NEED_BIT (need)) && mask->utc[g] - travel >= s->input->not_before &&
                (slot_capacity == NO_CAPACITY_LIMIT || load[slot] + trip->load <= slot_capacity) &&
                (pass == 1 || !arrival_near (taken, g)))
              {
                trip->minute = (int) g * GRID_MINUTES;
                trip->handover_at = mask->utc[g];
                trip->depart_at = mask->utc[g] - travel;
                load[slot] += trip->load;
                taken[g] = TRUE;
              }
          }
      if (trip->minute < 0)
        n_failed++;
    }
  return n_failed;
}

/* Times for every trip of each point and day, slot by slot; a trip
 * that finds no slot loses its passengers to the other vehicles of
 * that point and day where they fit, else they are listed as
 * unplanned, which the search's view of the slots makes very rare. */
static void
assign_times (Solver     *s,
              GHashTable *slot_failures)
{
  gsize n_pd = (gsize) s->n_points * s->n_days;
  g_autofree GArray **per_pd = g_new0 (GArray *, MAX (n_pd, 1));

  for (guint t = 0; t < s->trips->len; t++)
    {
      const Trip *trip = trip_at (s, t);
      gsize k;

      if (trip->items->len == 0)
        continue;
      k = (gsize) trip->point * s->n_days + trip->day;
      if (per_pd[k] == NULL)
        per_pd[k] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (per_pd[k], t);
    }

  for (gsize k = 0; k < n_pd; k++)
    {
      GArray *list = per_pd[k];
      int *load = s->slot_load[k];
      int slot_minutes = s->slot_minutes[k];
      int slot_capacity = s->slot_capacity[k];
      gsize n_slots = (gsize) (RET_MINUTES_PER_DAY / slot_minutes + 1);
      g_autofree int *kept = NULL;
      guint n_first;

      if (list == NULL)
        continue;

      /* The narrowest windows choose first; when that leaves a vehicle
       * without a slot, the fullest first, which packs the slots
       * tighter, if it leaves fewer. */
      kept = g_memdup2 (load, n_slots * sizeof (int));
      g_array_sort_with_data (list, compare_trips_for_time, s);
      n_first = assign_point_day (s, list, k, load);
      if (n_first > 0)
        {
          g_autoptr(GArray) by_load = g_array_copy (list);
          guint n_second;

          memcpy (load, kept, n_slots * sizeof (int));
          g_array_sort_with_data (by_load, compare_trips_by_load, s);
          n_second = assign_point_day (s, by_load, k, load);
          if (n_second >= n_first)
            {
              memcpy (load, kept, n_slots * sizeof (int));
              assign_point_day (s, list, k, load);
            }
        }

      /* Those on a vehicle that found no slot ride, where a seat and the
       * slot allow, in another vehicle of that point and day. */
      for (guint j = 0; j < list->len; j++)
        {
          Trip *failed = trip_at (s, g_array_index (list, guint, j));

          if (failed->minute >= 0)
            continue;
          while (failed->items->len > 0)
            {
              guint i = g_array_index (failed->items, guint, failed->items->len - 1);
              int size = (int) item_at (s, i)->size;
              int into = -1;

              for (guint j2 = 0; j2 < list->len && into < 0; j2++)
                {
                  guint t2 = g_array_index (list, guint, j2);
                  const Trip *other = trip_at (s, t2);
                  const Site *site;
                  const DayMask *mask;
                  Need nn;

                  if (other->minute < 0 || other->items->len == 0 || other->flight_point >= 0 ||
                      other->load + size > other->seats || !class_fits (other, class_on (s, i, other->day)))
                    continue;
                  if (slot_capacity != NO_CAPACITY_LIMIT &&
                      load[other->minute / slot_minutes] + size > slot_capacity)
                    continue;
                  nn = MAX (trip_need (other), (Need) need_on (s, i, other->day));
                  site = site_find (s, other->facility, other->day, (guint) other->point);
                  mask = mask_get (s, site->point, site->arrangement, other->day);
                  if (mask->bits[other->minute / GRID_MINUTES] & NEED_BIT (nn))
                    into = (int) t2;
                }

              trip_remove (s, i);
              if (into < 0)
                {
                  g_hash_table_add (slot_failures, GUINT_TO_POINTER (i + 1));
                  continue;
                }
              trip_add (s, (guint) into, i, trip_at (s, (guint) into)->point);
              load[trip_at (s, (guint) into)->minute / slot_minutes] += size;
            }
        }
      g_array_unref (list);
    }
}

/* ------------------------------------------------------------------ */
/* Reasons                                                             */

static gboolean
vehicle_kind_exists (Solver   *s,
                     guint     f,
                     guint     day,
                     gboolean  minors,
                     gboolean  flight_ok)
{
  for (guint v = 0; s->input->vehicles != NULL && v < s->input->vehicles->len; v++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (s->input->vehicles, v);

      if (g_strcmp0 (vehicle->facility, facility_at (s, f)->code) != 0 ||
          vehicle->seats < 1 || !ret_vehicle_runs_on (vehicle, &s->dates[day]))
        continue;
      if (minors ? vehicle->minors_only && vehicle->kind != RET_VEHICLE_FLIGHT
                 : !vehicle->minors_only && (vehicle->kind != RET_VEHICLE_FLIGHT || flight_ok))
        return TRUE;
    }
  return FALSE;
}

/* The earliest day (from @from_day) a vehicle of the right kind runs
 * and a point takes them, ignoring what others took. */
static gboolean
next_possible (Solver  *s,
               guint    i,
               guint    from_day,
               char   **text)
{
  const Item *item = item_at (s, i);
  guint f = (guint) item->facility;
  guint last = s->n_days - 1;
  guint8 cls = class_on (s, i, last) != CLASS_NONE ? class_on (s, i, last) : first_class (s, i);
  gboolean minors = cls == CLASS_MINORS || cls == CLASS_MINORS_ALONE;
  Need need = minors ? NEED_MINORS : (Need) need_on (s, i, last);

  for (guint d = from_day; d < s->n_site_days; d++)
    {
      GArray *sites = s->sites[f * s->n_site_days + d];
      const Site *best = NULL;
      double best_km = INFINITY;

      if (!vehicle_kind_exists (s, f, d, minors, FALSE))
        continue;
      for (guint k = 0; k < sites->len; k++)
        {
          const Site *site = &g_array_index (sites, Site, k);
          double km = s->km[(gsize) i * s->n_points + site->point];

          if (!point_at (s, site->point)->airport && (site->feasible & NEED_BIT (need)) && km < best_km)
            {
              best = site;
              best_km = km;
            }
        }
      if (best != NULL)
        {
          int g = first_road_minute (s, f, best, d, need);
          const char *day = day_name (s, d);
          g_autofree char *at = ret_minute_format (g * GRID_MINUTES);

          /* TRANSLATORS: "3 Dec 09:00 at Piedras Negras" */
          *text = g_strdup_printf (_("%s %s at %s"), day, at, point_name (point_at (s, best->point)));
          return TRUE;
        }
    }
  return FALSE;
}

static char *
unplanned_reason (Solver   *s,
                  guint     i,
                  gboolean  slot_failure,
                  gboolean *eligible)
{
  const Item *item = item_at (s, i);
  guint f = (guint) item->facility;
  const RetFacility *facility = facility_at (s, f);
  const char *sector = facility->sector_name != NULL ? facility->sector_name : facility->sector;
  guint8 cls = first_class (s, i);
  gboolean minors = cls == CLASS_MINORS || cls == CLASS_MINORS_ALONE;
  gboolean any_site = FALSE, any_reception = FALSE, any_vehicle = FALSE, any_room = FALSE;
  gboolean any_slot = FALSE, slots_full = FALSE;
  int slot_limit = -1;
  const char *days = span_name (s);
  g_autofree char *next = NULL;
  g_autofree char *what = NULL;

  *eligible = TRUE;

  for (guint d = 0; d < s->n_days; d++)
    {
      GArray *sites = s->sites[f * s->n_site_days + d];
      Need need;

      if (class_on (s, i, d) == CLASS_NONE)
        continue;
      need = need_on (s, i, d);
      for (guint k = 0; k < sites->len; k++)
        {
          const Site *site = &g_array_index (sites, Site, k);
          const RetPoint *point = point_at (s, site->point);
          gboolean by_flight = point->airport;

          if (point->minors_reception)
            any_reception = TRUE;
          if (by_flight && !item->flight_ok)
            continue;
          if (by_flight || (site->feasible & NEED_BIT (need)))
            {
              gsize pd = (gsize) site->point * s->n_days + d;

              any_site = TRUE;
              if (s->capacity[pd] >= (int) item->size)
                {
                  any_room = TRUE;
                  /* Room in the slots, as the search sees it. */
                  if (by_flight || s->slot_room[pd] == NO_CAPACITY_LIMIT ||
                      (s->slot_total[pd] + (int) item->size <= s->slot_room[pd] &&
                       (int) item->size <= s->trip_room[pd * N_NEEDS + need]))
                    any_slot = TRUE;
                }
            }
        }
      if (vehicle_kind_exists (s, f, d, minors, item->flight_ok))
        any_vehicle = TRUE;

      /* A vehicle going with seats to spare that the slots keep from
       * taking them: say so, or the half-empty bus contradicts the
       * reason. */
      for (guint k = 0; k < s->day_trips[f * s->n_days + d]->len; k++)
        {
          const Trip *trip = trip_at (s, g_array_index (s->day_trips[f * s->n_days + d], guint, k));
          gsize pd;
          int room;

          if (trip->items->len == 0 || trip->flight_point >= 0 || !class_fits (trip, class_on (s, i, d)) ||
              trip->load + (int) item->size > trip->seats)
            continue;
          pd = (gsize) trip->point * s->n_days + d;
          room = s->trip_room[pd * N_NEEDS + MAX (trip_need (trip), need)];
          if (room != NO_CAPACITY_LIMIT && trip->load + (int) item->size > room)
            slot_limit = MAX (slot_limit, s->slot_capacity[pd]);
          else if (s->capacity[pd] >= (int) item->size && !slots_allow (s, trip, (guint) trip->point, i))
            slots_full = TRUE;
        }
    }

  if (minors && !any_reception)
    {
      *eligible = FALSE;
      return g_strdup_printf (_("No point of the %s sector’s arrangement receives unaccompanied minors"),
                              sector);
    }
  if (!any_site)
    {
      *eligible = FALSE;
      what = g_strdup_printf (minors
                              ? _("No point of the %s sector receives unaccompanied minors on %s (hours, closures, daylight)")
                              : cls == CLASS_NEUTRAL || cls == CLASS_CRIM
                              ? _("No point of the %s sector is open on %s (hours, closures)")
                              : _("No point of the %s sector receives vulnerable persons on %s (hours, closures, daylight)"),
                              sector, days);
    }
  else if (slot_failure || (any_vehicle && any_room && (!any_slot || slots_full)))
    what = g_strdup_printf (_("Every handover slot at the points of the %s sector is full on %s"),
                            sector, days);
  else if (!any_vehicle)
    what = g_strdup_printf (minors ? _("No minors-only van at %s on %s")
                                   : _("No vehicle at %s on %s"),
                            facility_name (facility), days);
  else if (!any_room)
    what = g_strdup_printf (_("Every seat and point capacity of the %s sector is taken on %s"),
                            sector, days);
  else if (slot_limit > 0)
    what = g_strdup_printf (ngettext ("No seat left in the vehicles of %s on %s: a vehicle hands over at most %d person in one slot",
                                      "No seat left in the vehicles of %s on %s: a vehicle hands over at most %d persons in one slot",
                                      slot_limit),
                            facility_name (facility), days, slot_limit);
  else
    what = g_strdup_printf (minors ? _("No minors-only van free at %s on %s")
                                   : _("No seat left in the vehicles of %s on %s"),
                            facility_name (facility), days);

  if (next_possible (s, i, s->n_days, &next))
    /* TRANSLATORS: "No minors-only van free at Del Rio on 2 Dec; next possible: 3 Dec 09:00 at Piedras Negras" */
    return g_strdup_printf (_("%s; next possible: %s"), what, next);
  return g_steal_pointer (&what);
}

/* ------------------------------------------------------------------ */
/* The result                                                          */

static int
compare_unplanned (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Solver *s = user_data;
  const RetUnplanned *x = *(RetUnplanned * const *) a;
  const RetUnplanned *y = *(RetUnplanned * const *) b;
  int c = g_strcmp0 (check_person (s, x->person)->person->a_number,
                     check_person (s, y->person)->person->a_number);

  if (c != 0)
    return c;
  return x->person < y->person ? -1 : x->person > y->person;
}

typedef struct
{
  guint trip;
  guint point;
  guint day;
} CodeKey;

static int
compare_code_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  Solver *s = user_data;
  const CodeKey *x = a, *y = b;
  const Trip *tx = trip_at (s, x->trip), *ty = trip_at (s, y->trip);

  if (x->point != y->point)
    return x->point < y->point ? -1 : 1;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (tx->handover_at != ty->handover_at)
    return tx->handover_at < ty->handover_at ? -1 : 1;
  return x->trip < y->trip ? -1 : x->trip > y->trip;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The highest NN in use for a "T-YYYYMMDD-PNT-" prefix. */
static int
highest_number (Solver     *s,
                const char *prefix)
{
  gsize len = strlen (prefix);
  int highest = 0;

  for (guint t = 0; t < s->data->transfers->len; t++)
    {
      const RetCheckTransfer *kept = g_ptr_array_index (s->data->transfers, t);

      if (kept->code != NULL && g_str_has_prefix (kept->code, prefix))
        highest = MAX (highest, atoi (kept->code + len));
    }
  for (guint t = 0; s->input->replace != NULL && t < s->input->replace->len; t++)
    {
      const char *code = g_ptr_array_index (s->input->replace, t);

      if (code != NULL && g_str_has_prefix (code, prefix))
        highest = MAX (highest, atoi (code + len));
    }
  return highest;
}

static int
compare_transfers (gconstpointer a,
                   gconstpointer b)
{
  const RetCheckTransfer *x = *(RetCheckTransfer * const *) a;
  const RetCheckTransfer *y = *(RetCheckTransfer * const *) b;

  if (x->handover_at != y->handover_at)
    return x->handover_at < y->handover_at ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

static void
build_transfers (Solver            *s,
                 RetScheduleResult *result)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (CodeKey));
  g_autoptr(GHashTable) vehicle_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) transfers = g_ptr_array_new ();
  int number = 0;

  for (guint t = 0; t < s->trips->len; t++)
    {
      const Trip *trip = trip_at (s, t);
      CodeKey key = { t, (guint) trip->point, trip->day };

      if (trip->items->len > 0)
        g_array_append_val (keys, key);
    }
  g_array_sort_with_data (keys, compare_code_keys, s);

  for (guint k = 0; k < keys->len; k++)
    {
      const CodeKey *key = &g_array_index (keys, CodeKey, k);
      const Trip *trip = trip_at (s, key->trip);
      const RetPoint *point = point_at (s, key->point);
      const GDate *date = &s->dates[key->day];
      RetCheckTransfer *transfer = ret_check_transfer_new ();
      g_autofree char *prefix = g_strdup_printf ("T-%04d%02d%02d-%s-", g_date_get_year (date),
                                                 g_date_get_month (date), g_date_get_day (date),
                                                 point->code);
      g_autoptr(GArray) sorted = g_array_copy (trip->items);

      if (k == 0 || key->point != g_array_index (keys, CodeKey, k - 1).point ||
          key->day != g_array_index (keys, CodeKey, k - 1).day)
        number = highest_number (s, prefix);

      transfer->code = g_strdup_printf ("%s%02d", prefix, ++number);
      transfer->mode = g_strdup (ret_vehicle_kind_to_string (trip->kind));
      transfer->facility = g_strdup (facility_at (s, trip->facility)->code);
      transfer->point = g_strdup (point->code);
      transfer->depart_at = trip->depart_at;
      transfer->handover_at = trip->handover_at;
      transfer->seats = trip->seats;
      transfer->status = RET_TRANSFER_PLANNED;

      /* The manifest in a stable order: families together, as listed. */
      g_array_sort (sorted, compare_guint);
      for (guint j = 0; j < sorted->len; j++)
        {
          const Item *item = item_at (s, g_array_index (sorted, guint, j));

          for (guint m = 0; m < item->n; m++)
            ret_check_transfer_add_person (transfer, s->members[item->first + m]);
        }

      g_hash_table_insert (vehicle_of, transfer, GUINT_TO_POINTER (trip->vehicle + 1));
      g_ptr_array_add (transfers, transfer);
    }

  g_ptr_array_sort (transfers, compare_transfers);
  for (guint k = 0; k < transfers->len; k++)
    {
      RetCheckTransfer *transfer = g_ptr_array_index (transfers, k);
      guint v = GPOINTER_TO_UINT (g_hash_table_lookup (vehicle_of, transfer)) - 1;
      gint64 id = ((const RetVehicle *) g_ptr_array_index (s->input->vehicles, v))->id;

      g_ptr_array_add (result->transfers, transfer);
      g_array_append_val (result->vehicle_ids, id);
    }
}

/* The A-number of everyone the plan placed, to the index of their new
 * transfer. */
static GHashTable *
placed_transfers (Solver            *s,
                  RetScheduleResult *result)
{
  GHashTable *placed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (result->transfers, t);

      for (guint e = 0; transfer->entries != NULL && e < transfer->entries->len; e++)
        {
          const RetPerson *person = check_person (s, g_array_index (transfer->entries, RetCheckEntry, e).person)->person;

          if (person->a_number != NULL)
            g_hash_table_insert (placed, person->a_number, GINT_TO_POINTER ((int) t));
        }
    }
  return placed;
}

/* The rule engine on the new transfers, next to the kept ones. */
static void
verify (Solver            *s,
        RetScheduleResult *result)
{
  RetCheckData *data = s->data;
  guint n_kept = data->transfers->len;
  g_autoptr(RetCheckResult) check = NULL;
  g_autoptr(GHashTable) placed = NULL;
  GPtrArray *violations;

  for (guint k = 0; k < result->transfers->len; k++)
    g_ptr_array_add (data->transfers, g_ptr_array_index (result->transfers, k));
  ret_check_data_invalidate (data);
  check = ret_check_run (data);
  violations = ret_check_result_get_violations (check);

  for (guint k = 0; k < violations->len; k++)
    {
      const RetViolation *v = g_ptr_array_index (violations, k);
      RetViolation *copy;
      int into = -1;

      if (v->rule == RET_RULE_ADVANCE_NOTICE ||
          v->rule == RET_RULE_BELONGINGS || v->rule == RET_RULE_RECORD_ACTUALS)
        continue;
      if (ret_violation_is_resolved (v))
        continue;
      if (v->transfer >= n_kept)
        into = (int) (v->transfer - n_kept);   /* into result->transfers */
      else
        {
          /* A rule about a group (a family split, a point-day) is
           * reported on the first transfer by code, which may be a kept
           * one; it is still the plan's doing when it names someone the
           * plan placed, and is then reported on that person's new
           * transfer. */
          if (placed == NULL)
            placed = placed_transfers (s, result);
          for (guint m = 0; v->persons != NULL && m < v->persons->len && into < 0; m++)
            {
              gpointer where;

              if (g_hash_table_lookup_extended (placed, g_ptr_array_index (v->persons, m), NULL, &where))
                into = GPOINTER_TO_INT (where);
            }
          if (into < 0)
            continue;
        }
      if (v->severity == RET_SEVERITY_HARD)
        result->n_hard++;
      else
        result->n_warnings++;
      copy = ret_violation_copy (v);
      if (v->transfer < n_kept)
        {
          const RetCheckTransfer *transfer = g_ptr_array_index (result->transfers, into);

          g_free (copy->transfer_code);
          copy->transfer_code = g_strdup (transfer->code);
        }
      copy->transfer = (guint) into;
      g_ptr_array_add (result->violations, copy);
    }

  g_clear_pointer (&check, ret_check_result_free);
  for (guint k = result->transfers->len; k > 0; k--)
    g_ptr_array_steal_index (data->transfers, n_kept + k - 1);
  ret_check_data_invalidate (data);

  if (result->n_hard > 0)
    g_debug ("The plan breaks %u hard rules: a scheduler bug", result->n_hard);
}

/* ------------------------------------------------------------------ */
/* Setting up and tearing down                                         */

static void
solver_clear (Solver *s)
{
  gsize n_masks = (gsize) s->n_points * s->n_arrangements * s->n_site_days;

  for (guint p = 0; s->point_zones != NULL && p < s->n_points; p++)
    {
      g_clear_pointer (&s->point_zones[p], g_time_zone_unref);
      g_clear_pointer (&s->point_exceptions[p], g_ptr_array_unref);
    }
  g_clear_pointer (&s->point_zones, g_free);
  g_clear_pointer (&s->point_exceptions, g_free);
  for (guint f = 0; s->facility_zones != NULL && f < s->n_facilities; f++)
    g_clear_pointer (&s->facility_zones[f], g_time_zone_unref);
  g_clear_pointer (&s->facility_zones, g_free);

  for (gsize k = 0; s->masks != NULL && k < n_masks; k++)
    g_free (s->masks[k]);
  g_clear_pointer (&s->masks, g_free);
  for (gsize k = 0; s->sites != NULL && k < (gsize) s->n_facilities * s->n_site_days; k++)
    g_array_unref (s->sites[k]);
  g_clear_pointer (&s->sites, g_free);
  g_clear_pointer (&s->travel, g_free);
  g_clear_pointer (&s->capacity, g_free);
  for (gsize k = 0; s->slot_load != NULL && k < (gsize) s->n_points * s->n_days; k++)
    g_free (s->slot_load[k]);
  for (gsize k = 0; s->flight_load != NULL && k < (gsize) s->n_points * s->n_days; k++)
    g_free (s->flight_load[k]);
  g_clear_pointer (&s->flight_load, g_free);
  g_clear_pointer (&s->trip_room, g_free);
  g_clear_pointer (&s->slot_load, g_free);
  g_clear_pointer (&s->slot_minutes, g_free);
  g_clear_pointer (&s->slot_capacity, g_free);
  g_clear_pointer (&s->vulnerable_room, g_free);
  g_clear_pointer (&s->slot_room, g_free);
  g_clear_pointer (&s->vulnerable_load, g_free);
  g_clear_pointer (&s->slot_total, g_free);

  g_clear_pointer (&s->members, g_free);
  for (guint i = 0; s->items != NULL && i < s->items->len; i++)
    g_free (item_at (s, i)->reason);
  g_clear_pointer (&s->items, g_array_unref);
  g_clear_pointer (&s->item_class, g_free);
  g_clear_pointer (&s->item_need, g_free);
  g_clear_pointer (&s->km, g_free);
  g_clear_pointer (&s->km_known, g_free);
  for (guint f = 0; s->facility_items != NULL && f < s->n_facilities; f++)
    g_array_unref (s->facility_items[f]);
  g_clear_pointer (&s->facility_items, g_free);
  g_clear_pointer (&s->seats_to_spare, g_free);
  g_clear_pointer (&s->item_group, g_free);
  g_clear_pointer (&s->full.stamp, g_free);
  g_clear_pointer (&s->listed.stamp, g_free);
  g_clear_pointer (&s->group_places, g_free);
  g_clear_pointer (&s->places, g_array_unref);
  g_clear_pointer (&s->item_places, g_array_unref);
  g_clear_pointer (&s->item_mark, g_free);
  g_clear_pointer (&s->group_first, g_free);
  g_clear_pointer (&s->item_pos, g_free);
  g_clear_pointer (&s->item_changed, g_free);
  g_clear_pointer (&s->trip_changed, g_free);
  g_clear_pointer (&s->changed_items, g_array_unref);
  g_clear_pointer (&s->changed_trips, g_array_unref);
  for (guint f = 0; s->waiting_tree != NULL && f < s->n_facilities; f++)
    g_free (s->waiting_tree[f]);
  g_clear_pointer (&s->waiting_tree, g_free);
  for (guint g = 0; s->group_items != NULL && g < s->n_groups; g++)
    if (s->group_items[g] != NULL)
      g_array_unref (s->group_items[g]);
  g_clear_pointer (&s->group_items, g_free);
  for (guint f = 0; s->facility_groups != NULL && f < s->n_facilities; f++)
    g_array_unref (s->facility_groups[f]);
  g_clear_pointer (&s->facility_groups, g_free);
  for (gsize k = 0; s->by_distance != NULL && k < (gsize) s->n_groups * s->n_points; k++)
    g_free (s->by_distance[k]);
  g_clear_pointer (&s->by_distance, g_free);

  for (guint t = 0; s->trips != NULL && t < s->trips->len; t++)
    g_array_unref (trip_at (s, t)->items);
  g_clear_pointer (&s->trips, g_array_unref);
  for (gsize k = 0; s->day_trips != NULL && k < (gsize) s->n_facilities * s->n_days; k++)
    g_array_unref (s->day_trips[k]);
  g_clear_pointer (&s->day_trips, g_free);
  g_clear_pointer (&s->order_pref, g_free);
  for (guint d = 0; s->day_names != NULL && d < s->n_site_days; d++)
    g_free (s->day_names[d]);
  g_clear_pointer (&s->day_names, g_free);
  g_clear_pointer (&s->span_name, g_free);
  g_clear_pointer (&s->dates, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Solver, solver_clear)

static void
solver_init (Solver                   *s,
             RetScheduleInput         *input,
             const RetScheduleOptions *options)
{
  RetCheckData *data = input->data;
  guint k = 0;

  s->input = input;
  s->options = options;
  s->data = data;
  s->rng.state = ((guint64) options->seed << 1) ^ G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  for (int warm = 0; warm < 4; warm++)
    rng_next (&s->rng);

  s->n_days = options->days;
  s->n_site_days = options->days + 1;
  s->dates = g_new (GDate, s->n_site_days);
  for (guint d = 0; d < s->n_site_days; d++)
    {
      s->dates[d] = options->from;
      g_date_add_days (&s->dates[d], d);
    }

  s->n_points = data->points->len;
  s->n_facilities = data->facilities->len;
  s->n_arrangements = data->arrangements->len;

  s->point_zones = g_new0 (GTimeZone *, MAX (s->n_points, 1));
  s->point_exceptions = g_new0 (GPtrArray *, MAX (s->n_points, 1));
  for (guint p = 0; p < s->n_points; p++)
    {
      const RetPoint *point = point_at (s, p);

      if (point->timezone != NULL)
        s->point_zones[p] = g_time_zone_new_identifier (point->timezone);
      s->point_exceptions[p] = g_ptr_array_new ();
      for (guint e = 0; e < data->exceptions->len; e++)
        {
          RetPointException *exception = g_ptr_array_index (data->exceptions, e);

          if (g_strcmp0 (exception->point, point->code) == 0)
            g_ptr_array_add (s->point_exceptions[p], exception);
        }
    }
  s->facility_zones = g_new0 (GTimeZone *, MAX (s->n_facilities, 1));
  for (guint f = 0; f < s->n_facilities; f++)
    {
      const RetFacility *facility = facility_at (s, f);

      if (facility->timezone != NULL)
        s->facility_zones[f] = g_time_zone_new_identifier (facility->timezone);
    }

  s->travel = g_new0 (int, MAX ((gsize) s->n_facilities * s->n_points * 2, 1));
  for (guint f = 0; f < s->n_facilities; f++)
    for (guint p = 0; p < s->n_points; p++)
      for (int flight = 0; flight < 2; flight++)
        s->travel[((gsize) f * s->n_points + p) * 2 + flight] =
          ret_schedule_input_travel_minutes (input, facility_at (s, f), point_at (s, p),
                                             flight ? RET_VEHICLE_FLIGHT : RET_VEHICLE_BUS);

  /* Late morning first (10:00–16:00): departures then fall in the day;
   * then the afternoon, then the morning backwards from 10:00. */
  s->order_pref = g_new (guint, GRID_SIZE);
  for (guint g = 600 / GRID_MINUTES; g < GRID_SIZE; g++)
    s->order_pref[k++] = g;
  for (guint g = 600 / GRID_MINUTES; g > 0; g--)
    s->order_pref[k++] = g - 1;
  g_assert (k == GRID_SIZE);

  s->masks = g_new0 (DayMask *, MAX ((gsize) s->n_points * s->n_arrangements * s->n_site_days, 1));
}

static void
report_progress (RetScheduleProgress progress,
                 gpointer            user_data,
                 double              fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), user_data);
}

RetScheduleResult *
_ret_schedule_solve (RetScheduleInput         *input,
                     const RetScheduleOptions *options,
                     RetScheduleProgress       progress,
                     gpointer                  user_data,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  g_auto(Solver) s = { 0 };
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) slot_failures = g_hash_table_new (NULL, NULL);
  guint report_every, moves_per_round, active;
  Snapshot best = { 0 };

  solver_init (&s, input, options);
  build_sites (&s);
  build_items (&s);
  classify_items (&s);
  build_groups (&s);
  build_waiting (&s);
  build_trips (&s);
  track_changes (&s);
  apply_kept (&s);
  build_slot_room (&s);
  build_seats_to_spare (&s);
  report_progress (progress, user_data, 0.05);

  for (guint i = 0; i < s.items->len; i++)
    if (item_at (&s, i)->eligible)
      {
        g_array_append_val (eligible, i);
        s.n_unplanned += item_at (&s, i)->size;
      }

  /* Construction: everyone where they cost least, hardest first. */
  {
    g_autoptr(GArray) order = g_array_copy (eligible);

    g_array_sort_with_data (order, compare_construction, &s);
    for (guint k = 0; k < order->len; k++)
      {
        if (k % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
          return NULL;
        item_insert_best (&s, g_array_index (order, guint, k));
      }
  }
  report_progress (progress, user_data, 0.15);
  g_debug ("Construction: %u eligible persons unplanned, cost %.1f, %u vehicles",
           s.n_unplanned, s.cost, s.n_used);

  /* A round is one ruin-and-recreate per ITEMS_PER_MOVE items: the
   * budget then covers a large problem about as well as a small one. */
  moves_per_round = MAX (MIN (MAX_MOVES, SMALL_WORK / MAX (eligible->len, 1)),
                         MAX (MIN_MOVES, 1 + eligible->len / ITEMS_PER_MOVE));
  active = 0;
  for (guint f = 0; f < s.n_facilities; f++)
    if (s.facility_items[f]->len > 0)
      active++;
  best.item_trip = g_new (int, MAX (s.items->len, 1));
  best.trip_point = g_new (int, MAX (s.trips->len, 1));
  snapshot_take (&s, &best);

  report_every = MAX (options->iterations / 40, 1);
  for (guint it = 0; it < options->iterations && eligible->len > 0; it++)
    {
      /* Local moves, so a local allowance: a share of one facility's cost. */
      double threshold = THRESHOLD_SHARE * best.cost / MAX (active * s.n_days, 1) *
                         (1.0 - (double) it / options->iterations);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto cancelled;
      for (guint m = 0; m < moves_per_round; m++)
        {
          guint pick = rng_below (&s.rng, 100);

          if (pick < OPEN_SHARE)
            open_vehicle_round (&s, eligible, &best, threshold);
          else if (pick < OPEN_SHARE + SWAP_SHARE && s.n_unplanned > 0 && swap_round (&s, eligible))
            ;
          else
            improve_round (&s, eligible, &best, threshold);
          if (is_better (s.n_unplanned, s.cost, best.unplanned, best.cost) &&
              (s.n_unplanned < best.unplanned || s.cost < best.cost - 1e-7))
            snapshot_take (&s, &best);
        }
      if (it % report_every == 0)
        report_progress (progress, user_data, 0.15 + 0.8 * it / options->iterations);
    }
  if (s.n_unplanned != best.unplanned || s.cost > best.cost + 1e-7)
    snapshot_restore (&s, &best);
  g_debug ("Searched: %u eligible persons unplanned, cost %.1f, %u vehicles",
           s.n_unplanned, s.cost, s.n_used);
  /* Then vehicles closed or merged while that pays. */
  for (guint pass = 0; pass < CONSOLIDATE_PASSES && options->iterations > 0; pass++)
    {
      double before = s.cost;

      consolidate (&s);
      if (s.cost >= before - 1e-7)
        break;
    }
  /* Then items moved and traded one by one, and vehicles that leaves
   * emptier closed. */
  if (options->iterations > 0)
    {
      report_progress (progress, user_data, 0.95);
      polish (&s, cancellable);
      consolidate (&s);
    }
  right_size (&s);
  g_free (best.item_trip);
  g_free (best.trip_point);
  g_debug ("Improved: %u eligible persons unplanned, cost %.1f, %u vehicles",
           s.n_unplanned, s.cost, s.n_used);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  assign_times (&s, slot_failures);
  g_debug ("Handover times: %u items found no slot", g_hash_table_size (slot_failures));

  result = _ret_schedule_result_new ();
  build_transfers (&s, result);

  for (guint i = 0; i < s.items->len; i++)
    {
      const Item *item = item_at (&s, i);
      gboolean item_eligible = item->eligible;
      g_autofree char *reason = NULL;

      if (item->trip >= 0)
        {
          const Trip *trip = trip_at (&s, (guint) item->trip);

          result->n_planned += item->size;
          result->total_km += s.km_known[(gsize) i * s.n_points + (guint) trip->point];
          result->person_days += (double) trip->day * item->size;
          result->cost += options->km_weight * s.km[(gsize) i * s.n_points + (guint) trip->point] +
                          options->day_weight * trip->day * item->size;
          continue;
        }

      if (item->eligible)
        reason = unplanned_reason (&s, i,
                                   g_hash_table_contains (slot_failures, GUINT_TO_POINTER (i + 1)),
                                   &item_eligible);
      else
        reason = g_strdup (item->reason);

      for (guint m = 0; m < item->n; m++)
        {
          RetUnplanned *u = g_new0 (RetUnplanned, 1);

          u->person = s.members[item->first + m];
          u->reason = g_strdup (reason);
          u->eligible = item_eligible;
          if (item_eligible)
            result->n_eligible_unplanned++;
          g_ptr_array_add (result->unplanned, u);
        }
    }
  g_ptr_array_sort_with_data (result->unplanned, compare_unplanned, &s);

  result->n_vehicles = result->transfers->len;
  result->cost += options->vehicle_weight * result->n_vehicles;

  report_progress (progress, user_data, 0.97);
  verify (&s, result);
  report_progress (progress, user_data, 1.0);

  return g_steal_pointer (&result);

cancelled:
  g_free (best.item_trip);
  g_free (best.trip_point);
  return NULL;
}
