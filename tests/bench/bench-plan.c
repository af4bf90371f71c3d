/* bench-plan.c — the scheduler against the coordinator's way, the proven optimum and a bound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates planning problems (ret-instance.c), plans each with
 * ret_schedule_run() and measures the plan against references built here
 * from the same RetScheduleInput:
 *
 *   - the baseline, a coordinator's way: first come, first served by
 *     apprehension, each family or person alone to the designated point
 *     nearest the facility, on the first day and in the first vehicle
 *     with room, every hard rule respected;
 *   - on small problems, the optimum of an exact model solved with GLPK
 *     (most persons planned first, then least cost), proven or reported
 *     "not proven" when its time runs out;
 *   - on large problems, a lower bound on the cost: the same model's
 *     linear relaxation.
 *
 * The model.  An item is a family, two siblings travelling alone, or a
 * person alone; its category says which vehicles it may share:
 *   plain adults with anyone but minors; vulnerable adults and families
 *   without a record together (and with plain adults); persons alone with
 *   a record together (and with plain adults); a family with a record, or
 *   a vulnerable adult with one, alone with plain adults (one such item a
 *   vehicle); unaccompanied minors only in minors-only vans.
 * A bucket is (facility, vehicle type, day, point, class) with an integer
 * count of vehicles; an item goes to a (day, point) at its cost (km from
 * the point to each member's origin, the facility's when unknown, and the
 * days waited), and the items of each category and size there are shared
 * among its buckets.  Seats, one trip per vehicle and day, the points'
 * daily capacities and the classes are constraints; when a bucket's time
 * (window, night, daylight and vulnerable window, minors cut-off, the
 * departure not before planning, the flight's own time) has no handover
 * minute on that day, the bucket does not exist.  Counting seats per
 * bucket rather than per vehicle makes the model a relaxation of the real
 * one; every solution is then packed into its vehicles (anchors first,
 * largest first) and checked by the rule engine, so an optimum that packs
 * is the real optimum.  Slot capacities (R16, 150 persons an hour by
 * default), which the scheduler keeps, are rows per point and day: its
 * persons at most what the slots its handovers can use take, those
 * handed over in daylight at most what the daylight slots take, and
 * the flights landing in one slot at most what it takes.  A row that
 * cannot bind is left out, so where no point gets more persons than
 * its slots take (the small instances) the model is as it would be
 * without them.
 * For the bound, an item's share at a point and day is also at most
 * the vehicles of its facility that may carry it there: implied by whole
 * items, not by fractional ones, which could otherwise travel with a
 * 45th of a bus.
 *
 * A benchmark reports: a missed target is printed, not failed; only a run
 * that could not measure fails.
 */

#define G_LOG_DOMAIN "ret-bench-plan"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#ifdef HAVE_GLPK
#include <glpk.h>
#endif

#include "ret-instance.h"
#include "ret-scheduler.h"
#include "ret-solar.h"
#include "ret-store.h"
#include "ret-test-util.h"

#define BOUND_SECONDS        120

/* The time for the exact optimum of a small instance (--mip-seconds). */
static int opt_mip_seconds = 300;
#define TARGET_SECONDS       1.0
#define TARGET_SMALL_GAP     0.5
#define TARGET_LARGE_GAP     0.2

/* ------------------------------------------------------------------ */
/* The problem, as both references see it                             */

typedef enum
{
  CAT_PLAIN,      /* an adult alone, not vulnerable, no record */
  CAT_RECORD,     /* an adult alone with a record, not vulnerable */
  CAT_VULNERABLE, /* a family, or a vulnerable adult alone, no record */
  CAT_ANCHOR_V,   /* a family with a record, or a vulnerable adult with one */
  CAT_ANCHOR_N,   /* the same, nobody vulnerable */
  CAT_MINORS,     /* unaccompanied minors, alone or siblings */
  N_CATS
} Cat;

typedef enum
{
  CLS_PLAIN,      /* plain adults only: no daylight needed */
  CLS_VULNERABLE,
  CLS_RECORD,
  CLS_ANCHOR_V,
  CLS_ANCHOR_N,
  CLS_MINORS,
  N_CLASSES
} Cls;

typedef enum
{
  TIME_GENERAL,
  TIME_VULNERABLE,
  TIME_MINORS,
  N_TIMES
} TimeKind;

static const TimeKind class_time[N_CLASSES] = {
  TIME_GENERAL, TIME_VULNERABLE, TIME_GENERAL, TIME_VULNERABLE, TIME_GENERAL, TIME_MINORS,
};

#define MAX_SIZE 8   /* families are 2–6; a bigger one is unplannable here */

static gboolean
cat_fits_class (Cat cat,
                Cls cls)
{
  switch (cat)
    {
    case CAT_PLAIN:
      return cls != CLS_MINORS;
    case CAT_RECORD:
      return cls == CLS_RECORD;
    case CAT_VULNERABLE:
      return cls == CLS_VULNERABLE;
    case CAT_ANCHOR_V:
      return cls == CLS_ANCHOR_V;
    case CAT_ANCHOR_N:
      return cls == CLS_ANCHOR_N || cls == CLS_ANCHOR_V;
    case CAT_MINORS:
      return cls == CLS_MINORS;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
cat_is_anchor (Cat cat)
{
  return cat == CAT_ANCHOR_V || cat == CAT_ANCHOR_N;
}

typedef struct
{
  GArray   *members;     /* guint, into data->persons */
  guint     facility;    /* into Problem.facilities */
  guint     size;
  Cat       cat;
  gboolean  consent;
  gboolean  vulnerable;
  gint64    apprehended_at;
  const char *a_number;  /* the first member's, to order ties */
  double   *cost;        /* [day * n_points + point]; < 0: not allowed */
} Item;

typedef struct
{
  guint          facility;
  RetVehicleKind kind;
  int            seats;
  gboolean       minors_only;
  int            point;          /* flights: into data->points; -1 road */
  int            depart_minute;
  guint          weekdays;
  GArray        *vehicle_ids;    /* gint64 */
} VType;

typedef struct
{
  RetScheduleInput   *input;
  RetScheduleOptions  options;
  RetCheckData       *data;
  guint               days;
  guint               n_points;
  GPtrArray          *facilities;   /* const RetFacility *, borrowed */
  GArray             *items;        /* Item */
  GArray             *types;        /* VType */
  guint              *count;        /* [type * days + day]: vehicles running */
  gint64             *handover;     /* [((type * days + day) * n_points + point) * N_TIMES + time]; 0: none */
  gint64             *depart;       /* the same, the departure */
  gint64             *until;        /* the same, the end of the handover window (exclusive) */
  int                *slot_minutes; /* [day * n_points + point]: R16's slots there */
  int                *slot_capacity; /* the same, persons a slot; 0 for no limit */
  int                *capacity;     /* [point]: persons a day, 0 for no limit */
  guint               n_ineligible; /* persons who cannot be planned at all */
} Problem;

static void
problem_free (Problem *pb)
{
  for (guint i = 0; pb->items != NULL && i < pb->items->len; i++)
    {
      Item *item = &g_array_index (pb->items, Item, i);

      g_array_unref (item->members);
      g_free (item->cost);
    }
  for (guint i = 0; pb->types != NULL && i < pb->types->len; i++)
    g_array_unref (g_array_index (pb->types, VType, i).vehicle_ids);
  g_clear_pointer (&pb->items, g_array_unref);
  g_clear_pointer (&pb->types, g_array_unref);
  g_clear_pointer (&pb->facilities, g_ptr_array_unref);
  g_free (pb->count);
  g_free (pb->handover);
  g_free (pb->depart);
  g_free (pb->until);
  g_free (pb->slot_minutes);
  g_free (pb->slot_capacity);
  g_free (pb->capacity);
  g_free (pb);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Problem, problem_free)

static double
km_between (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  const double r = 6371.0;
  double p1 = lat1 * G_PI / 180.0;
  double p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1;
  double dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

static const RetPoint *
pb_point (const Problem *pb,
          guint          p)
{
  return g_ptr_array_index (pb->data->points, p);
}

static int
pb_find_point (const Problem *pb,
               const char    *code)
{
  for (guint p = 0; p < pb->n_points; p++)
    if (g_strcmp0 (pb_point (pb, p)->code, code) == 0)
      return (int) p;
  return -1;
}

static int
pb_find_facility (const Problem *pb,
                  const char    *code)
{
  for (guint f = 0; f < pb->facilities->len; f++)
    if (g_strcmp0 (((const RetFacility *) g_ptr_array_index (pb->facilities, f))->code, code) == 0)
      return (int) f;
  return -1;
}

static void
pb_date (const Problem *pb,
         guint          day,
         GDate         *date)
{
  *date = pb->options.from;
  g_date_add_days (date, day);
}

static gboolean
arrangement_in_force (const RetCheckArrangement *arr,
                      const GDate               *date)
{
  return !(g_date_valid (&arr->effective_from) && g_date_compare (date, &arr->effective_from) < 0) &&
         !(g_date_valid (&arr->effective_to) && g_date_compare (date, &arr->effective_to) > 0);
}

/* The arrangement in force on @date for @facility's sector that
 * designates @point, or NULL (R01, R15). */
static const RetCheckArrangement *
pb_arrangement (const Problem     *pb,
                const RetFacility *facility,
                const RetPoint    *point,
                const GDate       *date)
{
  for (guint a = 0; a < pb->data->arrangements->len; a++)
    {
      const RetCheckArrangement *arr = g_ptr_array_index (pb->data->arrangements, a);

      if (arr->sectors == NULL || arr->points == NULL ||
          !g_strv_contains ((const char * const *) arr->sectors, facility->sector) ||
          !g_strv_contains ((const char * const *) arr->points, point->code))
        continue;
      if (arrangement_in_force (arr, date))
        return arr;
    }
  return NULL;
}

/* Whose slots a point has on @date (R16): the newest arrangement in
 * force that names it, whatever the sector; NULL for the defaults. */
static const RetCheckArrangement *
pb_point_arrangement (const Problem  *pb,
                      const RetPoint *point,
                      const GDate    *date)
{
  const RetCheckArrangement *best = NULL;

  for (guint a = 0; a < pb->data->arrangements->len; a++)
    {
      const RetCheckArrangement *arr = g_ptr_array_index (pb->data->arrangements, a);

      if (arr->points == NULL || !g_strv_contains ((const char * const *) arr->points, point->code) ||
          !arrangement_in_force (arr, date))
        continue;
      if (best == NULL ||
          (g_date_valid (&arr->effective_from) &&
           (!g_date_valid (&best->effective_from) ||
            g_date_compare (&arr->effective_from, &best->effective_from) > 0)))
        best = arr;
    }
  return best;
}

static int
param (const RetCheckArrangement *arr,
       RetRuleId                  rule,
       const char                *key)
{
  int index = ret_rule_param_index (rule, key);

  g_assert (index >= 0);
  return arr != NULL ? arr->params.value[rule][index]
                     : ret_rule_get (rule)->params[index].default_value;
}

static gint64
local_midnight (GTimeZone   *zone,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

/* The earliest handover minute of @time for vehicle type @t at point @p on
 * @day, its departure and the end of the window; FALSE when there is
 * none.  What R02, R03 and R04 ask, and a departure no earlier than
 * planning. */
static gboolean
time_feasible (Problem  *pb,
               guint     t,
               guint     day,
               guint     p,
               TimeKind  time,
               gint64   *handover_at,
               gint64   *depart_at,
               gint64   *until_at)
{
  const VType *type = &g_array_index (pb->types, VType, t);
  const RetFacility *facility = g_ptr_array_index (pb->facilities, type->facility);
  const RetPoint *point = pb_point (pb, p);
  const RetCheckArrangement *arr;
  const RetPointHours *hours;
  const RetWindow *w;
  g_autoptr(GTimeZone) zone = NULL;
  GDate date;
  int lo, hi;
  int travel;
  gint64 midnight;

  pb_date (pb, day, &date);
  if ((type->kind == RET_VEHICLE_FLIGHT) != (point->airport != FALSE))
    return FALSE;
  if (type->kind == RET_VEHICLE_FLIGHT && type->point != (int) p)
    return FALSE;
  if (time == TIME_MINORS && (!point->minors_reception || !type->minors_only))
    return FALSE;
  if (time != TIME_MINORS && type->minors_only)
    return FALSE;

  arr = pb_arrangement (pb, facility, point, &date);
  if (arr == NULL)
    return FALSE;
  hours = ret_point_get_hours (point, arr->code);
  if (hours == NULL)
    return FALSE;
  w = &hours->week[g_date_get_weekday (&date) - 1];
  if (w->open == RET_MINUTE_NONE || w->close == RET_MINUTE_NONE)
    return FALSE;

  lo = MAX (w->open, param (arr, RET_RULE_POINT_HOURS, "night_end"));
  hi = MIN (w->close, param (arr, RET_RULE_POINT_HOURS, "night_start"));

  zone = g_time_zone_new_identifier (point->timezone);
  if (zone == NULL)
    return FALSE;
  midnight = local_midnight (zone, &date);

  if (time != TIME_GENERAL)
    {
      RetDaylight daylight;
      const RetSunEvent *rise, *set;

      if (w->vulnerable_open == RET_MINUTE_NONE || w->vulnerable_close == RET_MINUTE_NONE)
        return FALSE;
      lo = MAX (lo, w->vulnerable_open);
      hi = MIN (hi, w->vulnerable_close);

      if (!ret_daylight_compute (point->latitude, point->longitude, zone, &date, &daylight, NULL))
        return FALSE;
      if (param (arr, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight"))
        rise = &daylight.civil_dawn, set = &daylight.civil_dusk;
      else
        rise = &daylight.sunrise, set = &daylight.sunset;
      if (rise->kind != RET_SUN_EVENT_OCCURS || set->kind != RET_SUN_EVENT_OCCURS)
        return FALSE;
      lo = MAX (lo, (int) ceil ((rise->utc - midnight) / 60.0));
      hi = MIN (hi, (int) ceil ((set->utc - midnight) / 60.0));
    }
  if (time == TIME_MINORS)
    {
      if (w->minors_cutoff == RET_MINUTE_NONE)
        return FALSE;
      hi = MIN (hi, w->minors_cutoff + 1);
    }
  if (hi <= lo)
    return FALSE;

  travel = ret_schedule_input_travel_minutes (pb->input, facility, point, type->kind);

  if (type->kind == RET_VEHICLE_FLIGHT)
    {
      g_autoptr(GTimeZone) fzone = g_time_zone_new_identifier (facility->timezone);
      gint64 dep;
      gint64 at;
      int minute;

      if (fzone == NULL)
        return FALSE;
      dep = local_midnight (fzone, &date) + type->depart_minute * 60;
      at = dep + travel * 60;
      minute = (int) ((at - midnight) / 60);
      if (dep < pb->input->not_before || at < midnight || minute < lo || minute >= hi ||
          (at - midnight) % 60 != 0)
        return FALSE;
      *handover_at = at;
      *depart_at = dep;
      *until_at = at + 60;
      return TRUE;
    }
  else
    {
      gint64 earliest = pb->input->not_before + travel * 60;
      int minute = lo;

      if (midnight + (gint64) minute * 60 < earliest)
        minute = (int) ((earliest - midnight + 59) / 60);
      /* On the five minutes, as a schedule is written. */
      if (minute % 5 != 0 && minute + 5 - minute % 5 < hi)
        minute += 5 - minute % 5;
      if (minute >= hi)
        return FALSE;
      *handover_at = midnight + (gint64) minute * 60;
      *depart_at = *handover_at - travel * 60;
      *until_at = midnight + (gint64) hi * 60;
      return TRUE;
    }
}

static gsize
slot (const Problem *pb,
      guint          t,
      guint          day,
      guint          p,
      TimeKind       time)
{
  return (((gsize) t * pb->days + day) * pb->n_points + p) * N_TIMES + time;
}

static gboolean
screening_clears (const RetCheckPerson *cp,
                  const GDate          *from,
                  int                   presumed_below)
{
  return cp->screening != NULL && !cp->screening->trafficking_risk &&
         !cp->screening->fear_of_return && cp->screening->able_to_decide &&
         ret_person_get_age (cp->person, from) >= presumed_below;
}

static gint
compare_vtypes (gconstpointer a,
                gconstpointer b)
{
  const VType *x = a;
  const VType *y = b;

  if (x->facility != y->facility)
    return x->facility < y->facility ? -1 : 1;
  /* Buses first: the baseline takes the first vehicle with room. */
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->minors_only != y->minors_only)
    return x->minors_only ? 1 : -1;
  return y->seats - x->seats;
}

static gboolean
item_has_bucket (const Problem *pb,
                 const Item    *item)
{
  for (guint t = 0; t < pb->types->len; t++)
    {
      const VType *type = &g_array_index (pb->types, VType, t);

      if (type->facility != item->facility || (guint) type->seats < item->size)
        continue;
      for (guint d = 0; d < pb->days; d++)
        for (guint p = 0; p < pb->n_points; p++)
          for (guint k = 0; k < N_CLASSES; k++)
            if (item->cost[d * pb->n_points + p] >= 0 && cat_fits_class (item->cat, k) &&
                pb->count[t * pb->days + d] > 0 &&
                pb->handover[slot (pb, t, d, p, class_time[k])] != 0)
              return TRUE;
    }
  return FALSE;
}

static Problem *
problem_new (RetScheduleInput         *input,
             const RetScheduleOptions *options)
{
  g_autoptr(Problem) pb = g_new0 (Problem, 1);
  RetCheckData *data = input->data;
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GDate last;

  pb->input = input;
  pb->options = *options;
  pb->data = data;
  pb->days = options->days;
  pb->n_points = data->points->len;
  pb->facilities = g_ptr_array_new ();
  for (guint f = 0; f < data->facilities->len; f++)
    g_ptr_array_add (pb->facilities, g_ptr_array_index (data->facilities, f));
  pb_date (pb, pb->days - 1, &last);

  pb->capacity = g_new0 (int, pb->n_points);
  for (guint p = 0; p < pb->n_points; p++)
    pb->capacity[p] = pb_point (pb, p)->daily_capacity;
  pb->slot_minutes = g_new0 (int, pb->days * pb->n_points);
  pb->slot_capacity = g_new0 (int, pb->days * pb->n_points);
  for (guint d = 0; d < pb->days; d++)
    {
      GDate date;

      pb_date (pb, d, &date);
      for (guint p = 0; p < pb->n_points; p++)
        {
          const RetCheckArrangement *arr = pb_point_arrangement (pb, pb_point (pb, p), &date);
          int minutes = param (arr, RET_RULE_CAPACITY, "slot_minutes");
          int persons = param (arr, RET_RULE_CAPACITY, "slot_capacity");

          if (minutes > 0 && persons > 0)
            {
              pb->slot_minutes[d * pb->n_points + p] = minutes;
              pb->slot_capacity[d * pb->n_points + p] = persons;
            }
        }
    }

  /* Vehicle types: the identical vehicles of a facility. */
  pb->types = g_array_new (FALSE, TRUE, sizeof (VType));
  for (guint v = 0; v < input->vehicles->len; v++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (input->vehicles, v);
      int f = pb_find_facility (pb, vehicle->facility);
      int point = vehicle->point != NULL ? pb_find_point (pb, vehicle->point) : -1;
      VType *type = NULL;

      if (f < 0)
        continue;
      for (guint t = 0; t < pb->types->len && type == NULL; t++)
        {
          VType *u = &g_array_index (pb->types, VType, t);

          if (u->facility == (guint) f && u->kind == vehicle->kind && u->seats == vehicle->seats &&
              u->minors_only == vehicle->minors_only && u->point == point &&
              u->depart_minute == vehicle->depart_minute && u->weekdays == vehicle->weekdays)
            type = u;
        }
      if (type == NULL)
        {
          VType fresh = { (guint) f, vehicle->kind, vehicle->seats, vehicle->minors_only, point,
                          vehicle->depart_minute, vehicle->weekdays,
                          g_array_new (FALSE, FALSE, sizeof (gint64)) };

          g_array_append_val (pb->types, fresh);
          type = &g_array_index (pb->types, VType, pb->types->len - 1);
        }
      g_array_append_val (type->vehicle_ids, vehicle->id);
    }
  g_array_sort (pb->types, compare_vtypes);

  pb->count = g_new0 (guint, pb->types->len * pb->days);
  pb->handover = g_new0 (gint64, pb->types->len * pb->days * pb->n_points * N_TIMES);
  pb->depart = g_new0 (gint64, pb->types->len * pb->days * pb->n_points * N_TIMES);
  pb->until = g_new0 (gint64, pb->types->len * pb->days * pb->n_points * N_TIMES);
  for (guint t = 0; t < pb->types->len; t++)
    {
      const VType *type = &g_array_index (pb->types, VType, t);

      if (type->kind == RET_VEHICLE_FLIGHT && !options->flights)
        continue;
      for (guint d = 0; d < pb->days; d++)
        {
          GDate date;

          pb_date (pb, d, &date);
          if (type->weekdays & (1u << (g_date_get_weekday (&date) - 1)))
            pb->count[t * pb->days + d] = type->vehicle_ids->len;
          for (guint p = 0; p < pb->n_points; p++)
            for (guint k = 0; k < N_TIMES; k++)
              {
                gsize s = slot (pb, t, d, p, k);

                if (pb->count[t * pb->days + d] > 0 &&
                    !time_feasible (pb, t, d, p, k, &pb->handover[s], &pb->depart[s], &pb->until[s]))
                  pb->handover[s] = 0;
              }
        }
    }

  /* Items: families whole, persons alone. */
  for (guint c = 0; c < input->candidates->len; c++)
    {
      guint i = g_array_index (input->candidates, guint, c);
      const RetPerson *p = ((const RetCheckPerson *) g_ptr_array_index (data->persons, i))->person;
      GArray *members = p->family_group != NULL ? g_hash_table_lookup (families, p->family_group) : NULL;

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (groups, members);
          if (p->family_group != NULL)
            g_hash_table_insert (families, p->family_group, members);
        }
      g_array_append_val (members, i);
    }

  pb->items = g_array_new (FALSE, TRUE, sizeof (Item));
  for (guint g = 0; g < groups->len; g++)
    {
      GArray *members = g_ptr_array_index (groups, g);
      const RetCheckPerson *first = g_ptr_array_index (data->persons, g_array_index (members, guint, 0));
      int f = pb_find_facility (pb, first->person->facility);
      const RetFacility *facility = f >= 0 ? g_ptr_array_index (pb->facilities, f) : NULL;
      Item item = { 0, };
      gboolean eligible = f >= 0 && members->len <= MAX_SIZE;
      guint n_minors_alone = 0;
      gboolean record = FALSE;

      item.consent = TRUE;
      item.apprehended_at = G_MAXINT64;
      for (guint m = 0; m < members->len; m++)
        {
          const RetCheckPerson *cp = g_ptr_array_index (data->persons, g_array_index (members, guint, m));
          const RetPerson *p = cp->person;

          if (g_strcmp0 (p->nationality, "MEX") != 0 || !p->nationality_verified || !p->medical_fit ||
              p->status != RET_PERSON_STATUS_AWAITING)
            eligible = FALSE;
          if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
            {
              n_minors_alone++;
              if (!screening_clears (cp, &pb->options.from,
                                     param (NULL, RET_RULE_MINORS_SCREENING, "presumed_unable_below")) ||
                  !ret_person_is_minor (p, &last))
                eligible = FALSE;
            }
          record |= (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD) != 0;
          item.consent &= p->interior_consent;
          item.vulnerable |= ret_person_is_vulnerable (p, &pb->options.from) ||
                             ret_person_is_vulnerable (p, &last);
          if (p->apprehended_at < item.apprehended_at ||
              (p->apprehended_at == item.apprehended_at && strcmp (p->a_number, item.a_number) < 0))
            {
              item.apprehended_at = p->apprehended_at;
              item.a_number = p->a_number;
            }
        }
      if (n_minors_alone > 0 && n_minors_alone != members->len)
        eligible = FALSE;   /* a minor "alone" with adults: not a case of ours */
      if (!eligible)
        {
          pb->n_ineligible += members->len;
          continue;
        }

      item.members = g_array_ref (members);
      item.facility = (guint) f;
      item.size = members->len;
      if (n_minors_alone > 0)
        item.cat = CAT_MINORS;
      else if (record && (members->len > 1 || first->person->family_group != NULL || item.vulnerable))
        item.cat = item.vulnerable ? CAT_ANCHOR_V : CAT_ANCHOR_N;
      else if (record)
        item.cat = CAT_RECORD;
      else if (members->len > 1 || first->person->family_group != NULL || item.vulnerable)
        item.cat = CAT_VULNERABLE;
      else
        item.cat = CAT_PLAIN;

      item.cost = g_new (double, pb->days * pb->n_points);
      for (guint d = 0; d < pb->days; d++)
        {
          GDate date;

          pb_date (pb, d, &date);
          for (guint p = 0; p < pb->n_points; p++)
            {
              const RetPoint *point = pb_point (pb, p);
              double km = 0;

              item.cost[d * pb->n_points + p] = -1;
              if (pb_arrangement (pb, facility, point, &date) == NULL ||
                  (point->airport && !item.consent))
                continue;
              for (guint m = 0; m < members->len; m++)
                {
                  const RetCheckPerson *cp = g_ptr_array_index (data->persons, g_array_index (members, guint, m));

                  km += cp->origin_known
                        ? km_between (point->latitude, point->longitude, cp->origin_latitude, cp->origin_longitude)
                        : km_between (point->latitude, point->longitude, facility->latitude, facility->longitude);
                }
              item.cost[d * pb->n_points + p] = options->km_weight * km +
                                                options->day_weight * item.size * d;
            }
        }
      /* A family or person no vehicle of their facility can take on any
       * day (children alone where no point receives them, say) cannot be
       * planned at all, whatever the plan. */
      if (!item_has_bucket (pb, &item))
        {
          pb->n_ineligible += item.size;
          g_array_unref (item.members);
          g_free (item.cost);
          continue;
        }
      g_array_append_val (pb->items, item);
    }

  return g_steal_pointer (&pb);
}

/* ------------------------------------------------------------------ */
/* Plans: trips, their cost, their check                              */

typedef struct
{
  guint     type;
  gint64    vehicle_id;
  guint     day;
  guint     point;
  TimeKind  time;
  guint     seats_used;
  gboolean  has_vulnerable_items;
  gboolean  has_record_items;
  gboolean  has_anchor;
  GArray   *items;       /* guint, into pb->items */
} Trip;

static void
trip_clear (Trip *trip)
{
  g_clear_pointer (&trip->items, g_array_unref);
}

typedef struct
{
  guint   planned;
  guint   unplanned_eligible;
  guint   vehicles;
  double  km;
  double  cost;
  guint   hard;
  guint   warnings;
} Outcome;

static guint
count_hard (RetCheckResult *result,
            guint          *warnings)
{
  GPtrArray *violations = ret_check_result_get_violations (result);
  guint hard = 0;

  *warnings = 0;
  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      /* Notices, belongings and actuals are later steps than planning. */
      if (v->rule == RET_RULE_ADVANCE_NOTICE || v->rule == RET_RULE_BELONGINGS ||
          v->rule == RET_RULE_RECORD_ACTUALS || ret_violation_is_resolved (v))
        continue;
      if (v->severity == RET_SEVERITY_HARD)
        {
          hard++;
          g_printerr ("#   hard %s on %s: %s\n", ret_rule_get (v->rule)->code, v->transfer_code, v->message);
        }
      else
        (*warnings)++;
    }
  return hard;
}

/* Runs the rule engine on @transfers (stolen from the array) with the
 * problem's data, then takes them out again. */
static guint
check_transfers (Problem   *pb,
                 GPtrArray *transfers,
                 guint     *warnings)
{
  g_autoptr(RetCheckResult) result = NULL;
  guint n_kept = pb->data->transfers->len;
  guint hard;

  for (guint i = 0; i < transfers->len; i++)
    g_ptr_array_add (pb->data->transfers, g_ptr_array_index (transfers, i));
  ret_check_data_invalidate (pb->data);
  result = ret_check_run (pb->data);
  hard = count_hard (result, warnings);
  g_clear_pointer (&result, ret_check_result_free);

  /* The check's data gets back what it had. */
  while (pb->data->transfers->len > n_kept)
    g_ptr_array_steal_index (pb->data->transfers, pb->data->transfers->len - 1);
  ret_check_data_invalidate (pb->data);

  return hard;
}

static const char *
kind_mode (RetVehicleKind kind)
{
  return kind == RET_VEHICLE_BUS ? "bus" : kind == RET_VEHICLE_VAN ? "van" : "flight";
}

/* The trips as transfers, their cost, and what the rule engine finds. */
static void
evaluate_trips (Problem *pb,
                GArray  *trips,
                Outcome *out)
{
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_transfer_free);
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint planned = 0;

  memset (out, 0, sizeof *out);
  for (guint r = 0; r < trips->len; r++)
    {
      const Trip *trip = &g_array_index (trips, Trip, r);
      const VType *type = &g_array_index (pb->types, VType, trip->type);
      const RetPoint *point = pb_point (pb, trip->point);
      RetCheckTransfer *t;
      gsize s = slot (pb, trip->type, trip->day, trip->point, trip->time);
      GDate date;
      g_autofree char *key = NULL;
      guint n;

      if (trip->items->len == 0)
        continue;
      g_assert (pb->handover[s] != 0);

      pb_date (pb, trip->day, &date);
      key = g_strdup_printf ("%s-%u", point->code, trip->day);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counters, key)) + 1;
      t = ret_check_transfer_new ();
      t->code = g_strdup_printf ("T-%04u%02u%02u-%s-%02u", g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), point->code, n);
      g_hash_table_replace (counters, g_steal_pointer (&key), GUINT_TO_POINTER (n));
      t->mode = g_strdup (kind_mode (type->kind));
      t->facility = g_strdup (((const RetFacility *) g_ptr_array_index (pb->facilities, type->facility))->code);
      t->point = g_strdup (point->code);
      t->handover_at = pb->handover[s];
      t->depart_at = pb->depart[s];
      t->seats = type->seats;
      t->status = RET_TRANSFER_PLANNED;

      for (guint k = 0; k < trip->items->len; k++)
        {
          const Item *item = &g_array_index (pb->items, Item, g_array_index (trip->items, guint, k));

          out->cost += item->cost[trip->day * pb->n_points + trip->point];
          for (guint m = 0; m < item->members->len; m++)
            {
              guint person = g_array_index (item->members, guint, m);
              const RetCheckPerson *cp = g_ptr_array_index (pb->data->persons, person);

              ret_check_transfer_add_person (t, person);
              if (cp->origin_known)
                out->km += km_between (point->latitude, point->longitude,
                                       cp->origin_latitude, cp->origin_longitude);
              planned++;
            }
        }
      out->vehicles++;
      g_ptr_array_add (transfers, t);
    }

  out->planned = planned;
  out->unplanned_eligible = pb->input->candidates->len - pb->n_ineligible - planned;
  out->cost += pb->options.vehicle_weight * out->vehicles;
  out->hard = check_transfers (pb, transfers, &out->warnings);
}

/* ------------------------------------------------------------------ */
/* The coordinator's way                                              */

static gint
compare_items_fcfs (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Problem *pb = user_data;
  const Item *x = &g_array_index (pb->items, Item, *(const guint *) a);
  const Item *y = &g_array_index (pb->items, Item, *(const guint *) b);

  if (x->apprehended_at != y->apprehended_at)
    return x->apprehended_at < y->apprehended_at ? -1 : 1;
  return strcmp (x->a_number, y->a_number);
}

/* The designated border point nearest the facility that takes the item
 * (minors: with minors reception), on @day; -1 when none. */
static int
nearest_point (Problem    *pb,
               const Item *item,
               guint       day)
{
  const RetFacility *facility = g_ptr_array_index (pb->facilities, item->facility);
  int best = -1;
  double best_km = G_MAXDOUBLE;

  for (guint p = 0; p < pb->n_points; p++)
    {
      const RetPoint *point = pb_point (pb, p);
      double km;

      if (point->airport || item->cost[day * pb->n_points + p] < 0 ||
          (item->cat == CAT_MINORS && !point->minors_reception))
        continue;
      km = km_between (facility->latitude, facility->longitude, point->latitude, point->longitude);
      if (km < best_km)
        {
          best_km = km;
          best = (int) p;
        }
    }
  return best;
}

static TimeKind
item_time (const Item *item)
{
  return item->cat == CAT_MINORS ? TIME_MINORS : item->vulnerable ? TIME_VULNERABLE : TIME_GENERAL;
}

static gboolean
trip_accepts (const Problem *pb,
              const Trip    *trip,
              const Item    *item)
{
  const VType *type = &g_array_index (pb->types, VType, trip->type);
  TimeKind time = MAX (trip->time, item_time (item));

  if (trip->seats_used + item->size > (guint) type->seats)
    return FALSE;
  if ((item->cat == CAT_MINORS) != type->minors_only)
    return FALSE;
  if (pb->handover[slot (pb, trip->type, trip->day, trip->point, time)] == 0)
    return FALSE;

  switch (item->cat)
    {
    case CAT_VULNERABLE:
      return !trip->has_record_items && !trip->has_anchor;
    case CAT_RECORD:
      return !trip->has_vulnerable_items && !trip->has_anchor;
    case CAT_ANCHOR_V:
    case CAT_ANCHOR_N:
      return !trip->has_vulnerable_items && !trip->has_record_items && !trip->has_anchor;
    case CAT_PLAIN:
    case CAT_MINORS:
    default:
      return TRUE;
    }
}

static void
trip_add (Trip       *trip,
          const Item *item,
          guint       index)
{
  trip->time = MAX (trip->time, item_time (item));
  trip->seats_used += item->size;
  trip->has_vulnerable_items |= item->cat == CAT_VULNERABLE;
  trip->has_record_items |= item->cat == CAT_RECORD;
  trip->has_anchor |= cat_is_anchor (item->cat);
  g_array_append_val (trip->items, index);
}

static GArray *
baseline_plan (Problem *pb)
{
  GArray *trips = g_array_new (FALSE, TRUE, sizeof (Trip));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *used = g_new0 (guint, pb->types->len * pb->days);
  g_autofree guint *at_point = g_new0 (guint, pb->n_points * pb->days);

  g_array_set_clear_func (trips, (GDestroyNotify) trip_clear);
  for (guint i = 0; i < pb->items->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_items_fcfs, pb);

  for (guint o = 0; o < order->len; o++)
    {
      guint index = g_array_index (order, guint, o);
      const Item *item = &g_array_index (pb->items, Item, index);
      gboolean placed = FALSE;

      for (guint d = 0; d < pb->days && !placed; d++)
        {
          int p = nearest_point (pb, item, d);

          if (p < 0)
            continue;
          if (pb->capacity[p] > 0 && at_point[d * pb->n_points + p] + item->size > (guint) pb->capacity[p])
            continue;

          for (guint r = 0; r < trips->len && !placed; r++)
            {
              Trip *trip = &g_array_index (trips, Trip, r);

              if (trip->day == d && trip->point == (guint) p &&
                  g_array_index (pb->types, VType, trip->type).facility == item->facility &&
                  trip_accepts (pb, trip, item))
                {
                  trip_add (trip, item, index);
                  placed = TRUE;
                }
            }

          /* A new vehicle: the first free one that can take the item;
           * a family with a record takes a van before a bus. */
          for (guint pass = 0; pass < 2 && !placed; pass++)
            for (guint t = 0; t < pb->types->len && !placed; t++)
              {
                const VType *type = &g_array_index (pb->types, VType, t);
                Trip trip = { 0, };

                if (type->facility != item->facility || type->kind == RET_VEHICLE_FLIGHT ||
                    used[t * pb->days + d] >= pb->count[t * pb->days + d])
                  continue;
                if (cat_is_anchor (item->cat) && pass == 0 && type->kind != RET_VEHICLE_VAN)
                  continue;
                if (!cat_is_anchor (item->cat) && pass == 1)
                  continue;

                trip.type = t;
                trip.vehicle_id = g_array_index (type->vehicle_ids, gint64, used[t * pb->days + d]);
                trip.day = d;
                trip.point = (guint) p;
                trip.time = TIME_GENERAL;
                if (!trip_accepts (pb, &trip, item))
                  continue;
                trip.items = g_array_new (FALSE, FALSE, sizeof (guint));
                trip_add (&trip, item, index);
                g_array_append_val (trips, trip);
                used[t * pb->days + d]++;
                placed = TRUE;
              }

          if (placed)
            at_point[d * pb->n_points + p] += item->size;
        }
    }

  return trips;
}

/* ------------------------------------------------------------------ */
/* The exact model and its relaxation                                 */

#ifdef HAVE_GLPK

typedef struct
{
  guint type;
  guint day;
  guint point;
  Cls   cls;
  int   col;      /* n, the vehicles */
  int   seat_row;
  int   anchor_row;
} Bucket;

typedef struct
{
  glp_prob *lp;
  GArray   *ia, *ja;
  GArray   *ar;
  GArray   *buckets;        /* Bucket */
  GArray   *x_cols;         /* int: first column of each item's (day, point) */
  GArray   *x_where;        /* guint (day * n_points + point) of x column c at c - 1: they come first */
  int       planned_row;
  /* y columns: (bucket, cat, size) */
  GArray   *y_bucket;       /* guint: for each y, its bucket, category, size, column */
  GArray   *y_cat;
  GArray   *y_size;
  GArray   *y_col;          /* int */
  int       n_cols;
} Model;

static void
model_free (Model *m)
{
  if (m->lp != NULL)
    glp_delete_prob (m->lp);
  g_array_unref (m->ia);
  g_array_unref (m->ja);
  g_array_unref (m->ar);
  g_array_unref (m->buckets);
  g_array_unref (m->x_cols);
  g_array_unref (m->x_where);
  g_array_unref (m->y_bucket);
  g_array_unref (m->y_cat);
  g_array_unref (m->y_size);
  g_array_unref (m->y_col);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

static void
model_nz (Model  *m,
          int     row,
          int     col,
          double  value)
{
  g_array_append_val (m->ia, row);
  g_array_append_val (m->ja, col);
  g_array_append_val (m->ar, value);
}

static int
model_row (Model  *m,
           int     type,
           double  lb,
           double  ub)
{
  int row = glp_add_rows (m->lp, 1);

  glp_set_row_bnds (m->lp, row, type, lb, ub);
  return row;
}

static gsize
cons_key (const Problem *pb,
          guint          facility,
          guint          day,
          guint          point,
          Cat            cat,
          guint          size)
{
  return ((((gsize) facility * pb->days + day) * pb->n_points + point) * N_CATS + cat) * (MAX_SIZE + 1) + size;
}

/* Which handovers a slot row counts: all, those that need daylight
 * (vulnerable persons and minors), and each of the two. */
typedef enum
{
  SLOTS_ALL,
  SLOTS_DAYLIGHT,
  SLOTS_VULNERABLE,
  SLOTS_MINORS,
  N_SLOT_SETS
} SlotSet;

static gboolean
slot_set_counts (SlotSet  set,
                 TimeKind time)
{
  switch (set)
    {
    case SLOTS_ALL:
      return TRUE;
    case SLOTS_DAYLIGHT:
      return time != TIME_GENERAL;
    case SLOTS_VULNERABLE:
      return time == TIME_VULNERABLE;
    case SLOTS_MINORS:
      return time == TIME_MINORS;
    default:
      g_assert_not_reached ();
    }
}

/* R16's slots, which the scheduler keeps: every vehicle hands its load
 * over within one slot, and no slot takes more than its capacity.  As
 * linear rows that every plan keeping them satisfies: the persons of a
 * point-day's buckets of a set of times are at most the capacity of
 * the slots those times can use, and the flights landing in one slot
 * carry at most what it takes.  A row that cannot bind (fewer persons
 * could come there than it allows) is left out. */
static void
model_add_slot_rows (Problem *pb,
                     Model   *m)
{
  guint n_pd = pb->days * pb->n_points;
  g_autofree int *rows = g_new0 (int, n_pd * N_SLOT_SETS);
  g_autofree double *reach = g_new0 (double, n_pd);
  g_autofree gint64 *midnights = g_new0 (gint64, n_pd);
  g_autoptr(GHashTable) flight_seats = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) flight_rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  int n_rows = 0;

  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);

      for (guint k = 0; k < n_pd; k++)
        if (item->cost[k] >= 0)
          reach[k] += item->size;
    }

  for (guint d = 0; d < pb->days; d++)
    for (guint p = 0; p < pb->n_points; p++)
      {
        guint k = d * pb->n_points + p;
        int minutes = pb->slot_minutes[k];
        /* A day has up to 25 hours, the day summer time ends. */
        int n_slots = 25 * 60 / MAX (minutes, 1) + 1;
        g_autofree guint8 *bits = NULL;
        g_autoptr(GTimeZone) zone = NULL;
        GDate date;

        if (minutes == 0 || reach[k] <= pb->slot_capacity[k])
          continue;
        zone = g_time_zone_new_identifier (pb_point (pb, p)->timezone);
        if (zone == NULL)
          continue;
        pb_date (pb, d, &date);
        midnights[k] = local_midnight (zone, &date);
        bits = g_new0 (guint8, n_slots);

        for (guint t = 0; t < pb->types->len; t++)
          {
            const VType *type = &g_array_index (pb->types, VType, t);

            if (pb->count[t * pb->days + d] == 0)
              continue;
            for (guint time = 0; time < N_TIMES; time++)
              {
                gsize s = slot (pb, t, d, p, time);
                int from, to;

                if (pb->handover[s] == 0)
                  continue;
                from = (int) ((pb->handover[s] - midnights[k]) / 60) / minutes;
                to = (int) ((pb->until[s] - 1 - midnights[k]) / 60) / minutes;
                for (int j = MAX (from, 0); j <= to && j < n_slots; j++)
                  bits[j] |= 1u << time;
                if (type->kind == RET_VEHICLE_FLIGHT && time == TIME_GENERAL)
                  {
                    gpointer key = GUINT_TO_POINTER (k * n_slots + from);
                    guint seats = GPOINTER_TO_UINT (g_hash_table_lookup (flight_seats, key));

                    g_hash_table_insert (flight_seats, key,
                                         GUINT_TO_POINTER (seats + pb->count[t * pb->days + d] * type->seats));
                  }
              }
          }

        for (guint set = 0; set < N_SLOT_SETS; set++)
          {
            int usable = 0;

            for (int j = 0; j < n_slots; j++)
              for (guint time = 0; time < N_TIMES; time++)
                if ((bits[j] & (1u << time)) && slot_set_counts (set, time))
                  {
                    usable++;
                    break;
                  }
            if ((double) usable * pb->slot_capacity[k] < reach[k])
              {
                rows[k * N_SLOT_SETS + set] = model_row (m, GLP_UP, 0, (double) usable * pb->slot_capacity[k]);
                n_rows++;
              }
          }
      }

  for (guint y = 0; y < m->y_col->len; y++)
    {
      const Bucket *b = &g_array_index (m->buckets, Bucket, g_array_index (m->y_bucket, guint, y));
      const VType *type = &g_array_index (pb->types, VType, b->type);
      guint k = b->day * pb->n_points + b->point;
      int col = g_array_index (m->y_col, int, y);
      guint size = g_array_index (m->y_size, guint, y);

      for (guint set = 0; set < N_SLOT_SETS; set++)
        if (rows[k * N_SLOT_SETS + set] != 0 && slot_set_counts (set, class_time[b->cls]))
          model_nz (m, rows[k * N_SLOT_SETS + set], col, size);

      if (type->kind == RET_VEHICLE_FLIGHT && pb->slot_minutes[k] > 0)
        {
          int minutes = pb->slot_minutes[k];
          int n_slots = 25 * 60 / minutes + 1;
          gsize s = slot (pb, b->type, b->day, b->point, class_time[b->cls]);
          int j = (int) ((pb->handover[s] - midnights[k]) / 60) / minutes;
          gpointer key = GUINT_TO_POINTER (k * n_slots + j);
          int row = GPOINTER_TO_INT (g_hash_table_lookup (flight_rows, key));

          if (midnights[k] == 0 ||
              GPOINTER_TO_UINT (g_hash_table_lookup (flight_seats, key)) <= (guint) pb->slot_capacity[k])
            continue;
          if (row == 0)
            {
              row = model_row (m, GLP_UP, 0, pb->slot_capacity[k]);
              g_hash_table_insert (flight_rows, key, GINT_TO_POINTER (row));
              n_rows++;
            }
          model_nz (m, row, col, size);
        }
    }
  if (n_rows > 0)
    g_printerr ("#   model: %d slot rows (R16)\n", n_rows);
}

/* An item goes to a point on a day only if a vehicle of its facility
 * that may carry it goes there: x <= the vehicles of the buckets it
 * fits.  Implied by the integer model, but not by its relaxation,
 * which would otherwise send a lone person with a 45th of a bus. */
static void
model_add_vehicle_rows (Problem *pb,
                        Model   *m)
{
  guint n_w = pb->days * pb->n_points;
  g_autofree GArray **fits = g_new0 (GArray *, (gsize) pb->facilities->len * n_w * N_CATS);
  int n_rows = 0;

  for (guint b = 0; b < m->buckets->len; b++)
    {
      const Bucket *bk = &g_array_index (m->buckets, Bucket, b);
      guint f = g_array_index (pb->types, VType, bk->type).facility;
      guint w = bk->day * pb->n_points + bk->point;

      for (guint c = 0; c < N_CATS; c++)
        {
          gsize key = ((gsize) f * n_w + w) * N_CATS + c;

          if (!cat_fits_class (c, bk->cls))
            continue;
          if (fits[key] == NULL)
            fits[key] = g_array_new (FALSE, FALSE, sizeof (int));
          g_array_append_val (fits[key], bk->col);
        }
    }

  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);
      int first = g_array_index (m->x_cols, int, i), end = g_array_index (m->x_cols, int, i + 1);

      for (int c = first; c < end; c++)
        {
          guint w = g_array_index (m->x_where, guint, c - 1);
          GArray *cols = fits[((gsize) item->facility * n_w + w) * N_CATS + item->cat];
          int row;

          if (cols == NULL)
            continue;
          row = model_row (m, GLP_UP, 0, 0);
          model_nz (m, row, c, 1);
          for (guint k = 0; k < cols->len; k++)
            model_nz (m, row, g_array_index (cols, int, k), -1);
          n_rows++;
        }
    }
  for (gsize k = 0; k < (gsize) pb->facilities->len * n_w * N_CATS; k++)
    if (fits[k] != NULL)
      g_array_unref (fits[k]);
  g_printerr ("#   model: %d vehicle rows\n", n_rows);
}

/* How much of the model is integer. */
typedef enum
{
  MODEL_EXACT,   /* everything: the optimum */
  MODEL_BOUND,   /* the vehicle counts only: a lower bound */
} ModelMode;

static Model *
model_build (Problem   *pb,
             ModelMode  mode)
{
  g_autoptr(Model) m = g_new0 (Model, 1);
  g_autoptr(GHashTable) cons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree int *cap_rows = g_new0 (int, pb->n_points * pb->days);
  g_autofree int *fleet_rows = g_new0 (int, pb->types->len * pb->days);
  g_autofree int *item_rows = g_new0 (int, pb->items->len + 1);
  int col;

  m->lp = glp_create_prob ();
  m->ia = g_array_new (FALSE, FALSE, sizeof (int));
  m->ja = g_array_new (FALSE, FALSE, sizeof (int));
  m->ar = g_array_new (FALSE, FALSE, sizeof (double));
  m->buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  m->x_cols = g_array_new (FALSE, FALSE, sizeof (int));
  m->x_where = g_array_new (FALSE, FALSE, sizeof (guint));
  m->y_bucket = g_array_new (FALSE, FALSE, sizeof (guint));
  m->y_cat = g_array_new (FALSE, FALSE, sizeof (guint));
  m->y_size = g_array_new (FALSE, FALSE, sizeof (guint));
  m->y_col = g_array_new (FALSE, FALSE, sizeof (int));
  /* GLPK counts from 1: a dummy entry 0. */
  model_nz (m, 0, 0, 0);

  /* The conservation rows: one per (facility, day, point, category, size)
   * that some item may reach; the keys are owned by the table. */
  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);

      for (guint w = 0; w < pb->days * pb->n_points; w++)
        {
          gint64 key;

          if (item->cost[w] < 0)
            continue;
          key = cons_key (pb, item->facility, w / pb->n_points, w % pb->n_points, item->cat, item->size);
          if (!g_hash_table_contains (cons, &key))
            g_hash_table_insert (cons, g_memdup2 (&key, sizeof key),
                                 GINT_TO_POINTER (model_row (m, GLP_FX, 0, 0)));
        }
    }

  for (guint i = 0; i < pb->items->len; i++)
    item_rows[i] = model_row (m, GLP_UP, 0, 1);
  for (guint w = 0; w < pb->n_points * pb->days; w++)
    if (pb->capacity[w % pb->n_points] > 0)
      cap_rows[w] = model_row (m, GLP_UP, 0, pb->capacity[w % pb->n_points]);
  for (guint w = 0; w < pb->types->len * pb->days; w++)
    if (pb->count[w] > 0)
      fleet_rows[w] = model_row (m, GLP_UP, 0, pb->count[w]);
  m->planned_row = model_row (m, GLP_FR, 0, 0);

  /* x: item to (day, point). */
  col = 0;
  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);
      int first = col + 1;

      g_array_append_val (m->x_cols, first);
      for (guint w = 0; w < pb->days * pb->n_points; w++)
        {
          gint64 key;
          int row;

          if (item->cost[w] < 0)
            continue;
          key = cons_key (pb, item->facility, w / pb->n_points, w % pb->n_points, item->cat, item->size);
          row = GPOINTER_TO_INT (g_hash_table_lookup (cons, &key));
          col = glp_add_cols (m->lp, 1);
          g_array_append_val (m->x_where, w);
          glp_set_col_kind (m->lp, col, mode == MODEL_EXACT ? GLP_BV : GLP_CV);
          glp_set_col_bnds (m->lp, col, GLP_DB, 0, 1);
          glp_set_obj_coef (m->lp, col, item->cost[w]);
          model_nz (m, item_rows[i], col, 1);
          model_nz (m, row, col, 1);
          if (cap_rows[w] > 0)
            model_nz (m, cap_rows[w], col, item->size);
          model_nz (m, m->planned_row, col, item->size);
        }
    }
  {
    int end = col + 1;
    g_array_append_val (m->x_cols, end);
  }

  /* Buckets and y. */
  for (guint t = 0; t < pb->types->len; t++)
    {
      const VType *type = &g_array_index (pb->types, VType, t);

      for (guint d = 0; d < pb->days; d++)
        for (guint p = 0; p < pb->n_points; p++)
          for (guint k = 0; k < N_CLASSES; k++)
            {
              Bucket b = { t, d, p, k, 0, 0, 0 };
              gboolean any = FALSE;

              if (pb->count[t * pb->days + d] == 0 || pb->handover[slot (pb, t, d, p, class_time[k])] == 0)
                continue;
              /* Where a vulnerable person may travel, a class that only
               * differs by needing no daylight takes nobody the other
               * does not: leaving it out removes symmetric solutions. */
              if ((k == CLS_PLAIN || k == CLS_ANCHOR_N) &&
                  pb->handover[slot (pb, t, d, p, TIME_VULNERABLE)] != 0)
                continue;

              for (guint c = 0; c < N_CATS && !any; c++)
                for (guint s = 1; s <= MAX_SIZE && !any; s++)
                  {
                    gint64 key = cons_key (pb, type->facility, d, p, c, s);

                    any = cat_fits_class (c, k) && g_hash_table_contains (cons, &key);
                  }
              if (!any)
                continue;

              b.col = glp_add_cols (m->lp, 1);
              glp_set_col_kind (m->lp, b.col, GLP_IV);
              glp_set_col_bnds (m->lp, b.col, GLP_DB, 0, pb->count[t * pb->days + d]);
              glp_set_obj_coef (m->lp, b.col, pb->options.vehicle_weight);
              model_nz (m, fleet_rows[t * pb->days + d], b.col, 1);
              b.seat_row = model_row (m, GLP_UP, 0, 0);
              model_nz (m, b.seat_row, b.col, -type->seats);
              if (k == CLS_ANCHOR_V || k == CLS_ANCHOR_N)
                {
                  b.anchor_row = model_row (m, GLP_UP, 0, 0);
                  model_nz (m, b.anchor_row, b.col, -1);
                }

              for (guint c = 0; c < N_CATS; c++)
                for (guint s = 1; s <= MAX_SIZE; s++)
                  {
                    gint64 key = cons_key (pb, type->facility, d, p, c, s);
                    gpointer row;
                    int y;
                    guint bi = m->buckets->len;

                    if (!cat_fits_class (c, k) || !g_hash_table_lookup_extended (cons, &key, NULL, &row) ||
                        s > (guint) type->seats)
                      continue;
                    y = glp_add_cols (m->lp, 1);
                    g_array_append_val (m->y_col, y);
                    g_array_append_val (m->y_bucket, bi);
                    g_array_append_val (m->y_cat, c);
                    g_array_append_val (m->y_size, s);
                    glp_set_col_kind (m->lp, y, mode == MODEL_EXACT ? GLP_IV : GLP_CV);
                    glp_set_col_bnds (m->lp, y, GLP_LO, 0, 0);
                    model_nz (m, GPOINTER_TO_INT (row), y, -1);
                    model_nz (m, b.seat_row, y, s);
                    if (cat_is_anchor (c))
                      model_nz (m, b.anchor_row, y, 1);
                  }
              g_array_append_val (m->buckets, b);
            }
    }
  model_add_slot_rows (pb, m);
  /* The exact model needs them not: its items are whole. */
  if (mode == MODEL_BOUND)
    model_add_vehicle_rows (pb, m);
  m->n_cols = glp_get_num_cols (m->lp);

  glp_load_matrix (m->lp, m->ia->len - 1, (int *) m->ia->data, (int *) m->ja->data, (double *) m->ar->data);

  return g_steal_pointer (&m);
}

typedef struct
{
  gboolean solved;       /* a solution was found */
  gboolean planned_proven; /* the most persons that can be planned is proven */
  gboolean proven;       /* and proven optimal */
  double   bound;        /* what is proven of the least cost */
  guint    planned;
  double   cost;
  double   seconds;
} Solve;

/* The lowest bound of the open nodes, as the search goes: what is
 * proven of the optimum when the time runs out. */
static void
bound_cb (glp_tree *tree,
          void     *info)
{
  double *bound = info;
  int node = glp_ios_best_node (tree);

  if (node != 0)
    *bound = MAX (*bound, glp_ios_node_bound (tree, node));
}

/* The same for a maximisation: the highest bound of the open nodes. */
static void
bound_max_cb (glp_tree *tree,
              void     *info)
{
  double *bound = info;
  int node = glp_ios_best_node (tree);

  if (node != 0)
    *bound = MIN (*bound, glp_ios_node_bound (tree, node));
}

/* At most how many persons can be planned: the first step alone, with
 * what the search proved when its time ran out.  Leaves the model's
 * objective as it found it. */
static guint
model_max_planned (Model    *m,
                   int       seconds,
                   gboolean *proven)
{
  int n = glp_get_num_cols (m->lp);
  g_autofree double *costs = g_new (double, n + 1);
  g_autofree int *ind = g_new (int, n + 1);
  g_autofree double *val = g_new (double, n + 1);
  int len = glp_get_mat_row (m->lp, m->planned_row, ind, val);
  glp_smcp smcp;
  glp_iocp iocp;
  double bound = G_MAXDOUBLE;

  *proven = FALSE;
  for (int c = 1; c <= n; c++)
    {
      costs[c] = glp_get_obj_coef (m->lp, c);
      glp_set_obj_coef (m->lp, c, 0);
    }
  for (int k = 1; k <= len; k++)
    glp_set_obj_coef (m->lp, ind[k], val[k]);
  glp_set_obj_dir (m->lp, GLP_MAX);

  glp_init_smcp (&smcp);
  smcp.msg_lev = GLP_MSG_OFF;
  smcp.tm_lim = seconds * 1000;
  if (glp_simplex (m->lp, &smcp) == 0 && glp_get_status (m->lp) == GLP_OPT)
    {
      bound = glp_get_obj_val (m->lp);
      glp_init_iocp (&iocp);
      iocp.msg_lev = GLP_MSG_OFF;
      iocp.mip_gap = 0;
      iocp.tm_lim = seconds * 1000;
      iocp.mir_cuts = GLP_ON;
      iocp.cb_func = bound_max_cb;
      iocp.cb_info = &bound;
      if (glp_intopt (m->lp, &iocp) == 0 && glp_mip_status (m->lp) == GLP_OPT)
        {
          bound = glp_mip_obj_val (m->lp);
          *proven = TRUE;
        }
    }

  for (int c = 1; c <= n; c++)
    glp_set_obj_coef (m->lp, c, costs[c]);
  glp_set_obj_dir (m->lp, GLP_MIN);

  return bound >= G_MAXDOUBLE / 2 ? G_MAXUINT : (guint) floor (bound + 1e-6);
}

/* Runs the branch and bound on what the simplex left; whether it ended
 * with a solution, the best bound known in *@bound. */
static int
model_intopt (Model  *m,
              int     milliseconds,
              double *bound)
{
  glp_iocp iocp;

  glp_init_iocp (&iocp);
  iocp.msg_lev = GLP_MSG_OFF;
  iocp.mip_gap = 0;
  iocp.presolve = GLP_OFF;
  iocp.tm_lim = MAX (1000, milliseconds);
  /* Cuts, pseudocost branching and best-projection backtracking prove
   * the tight problems' optimum in time where GLPK's defaults do not. */
  iocp.mir_cuts = GLP_ON;
  iocp.gmi_cuts = GLP_ON;
  iocp.br_tech = GLP_BR_PCH;
  iocp.bt_tech = GLP_BT_BPH;
  iocp.cb_func = bound_cb;
  iocp.cb_info = bound;
  return glp_intopt (m->lp, &iocp);
}

/* Most persons first, then least cost: two solves.  @min_planned > 0
 * skips the first and asks at least that many (for a bound against a
 * given plan).  EXACT: out->cost is the optimum when out->proven; BOUND:
 * out->cost is a lower bound on the cost of any plan with that many
 * persons planned. */
static void
model_solve (Model     *m,
             ModelMode  mode,
             guint      min_planned,
             int        seconds,
             Solve     *out)
{
  gint64 start = g_get_monotonic_time ();
  int n = glp_get_num_cols (m->lp);
  g_autofree double *costs = g_new (double, n + 1);
  glp_smcp smcp;
  double bound;
  int left;

  memset (out, 0, sizeof *out);
  glp_init_smcp (&smcp);
  smcp.msg_lev = GLP_MSG_OFF;
  smcp.presolve = GLP_OFF;

  for (int c = 1; c <= n; c++)
    costs[c] = glp_get_obj_coef (m->lp, c);

  if (min_planned == 0)
    {
      g_autofree int *ind = g_new (int, n + 1);
      g_autofree double *val = g_new (double, n + 1);
      int len = glp_get_mat_row (m->lp, m->planned_row, ind, val);
      double planned;

      /* Phase 1: the persons planned, the sum of the x columns' sizes. */
      glp_set_obj_dir (m->lp, GLP_MAX);
      for (int c = 1; c <= n; c++)
        glp_set_obj_coef (m->lp, c, 0);
      for (int k = 1; k <= len; k++)
        glp_set_obj_coef (m->lp, ind[k], val[k]);

      smcp.tm_lim = seconds * 1000;
      if (glp_simplex (m->lp, &smcp) != 0 || glp_get_status (m->lp) != GLP_OPT)
        return;
      bound = -G_MAXDOUBLE;
      if (model_intopt (m, seconds * 1000 / 2, &bound) != 0 || glp_mip_status (m->lp) != GLP_OPT)
        return;
      planned = glp_mip_obj_val (m->lp);
      min_planned = (guint) floor (planned + 1e-6);
      out->planned_proven = TRUE;
    }
  out->planned = min_planned;

  /* Phase 2: least cost with at least that many planned. */
  glp_set_row_bnds (m->lp, m->planned_row, GLP_LO, min_planned - 1e-6, 0);
  glp_set_obj_dir (m->lp, GLP_MIN);
  for (int c = 1; c <= n; c++)
    glp_set_obj_coef (m->lp, c, costs[c]);

  left = MAX (1, seconds - (int) ((g_get_monotonic_time () - start) / 1000000));
  smcp.tm_lim = left * 1000;
  if (glp_simplex (m->lp, &smcp) != 0 || glp_get_status (m->lp) != GLP_OPT)
    return;
  bound = glp_get_obj_val (m->lp);
  left = MAX (1, seconds - (int) ((g_get_monotonic_time () - start) / 1000000));
  model_intopt (m, left * 1000, &bound);

  if (mode == MODEL_BOUND)
    {
      if (glp_mip_status (m->lp) == GLP_OPT || glp_mip_status (m->lp) == GLP_FEAS)
        {
          double vehicles = 0;

          for (guint b = 0; b < m->buckets->len; b++)
            vehicles += glp_mip_col_val (m->lp, g_array_index (m->buckets, Bucket, b).col);
          g_printerr ("#   bound: best relaxed plan found %.1f with %.0f vehicles\n",
                      glp_mip_obj_val (m->lp), vehicles);
        }
      out->solved = TRUE;
      out->proven = glp_mip_status (m->lp) == GLP_OPT;
      out->cost = out->proven ? glp_mip_obj_val (m->lp) : bound;
    }
  else if (glp_mip_status (m->lp) == GLP_OPT || glp_mip_status (m->lp) == GLP_FEAS)
    {
      out->solved = TRUE;
      out->proven = glp_mip_status (m->lp) == GLP_OPT;
      out->cost = glp_mip_obj_val (m->lp);
      out->bound = out->proven ? out->cost : bound;
    }
  out->seconds = (g_get_monotonic_time () - start) / 1e6;
}

/* The MIP's solution as trips: each bucket's items packed into its
 * vehicles, anchors first, the largest first; FALSE when they do not
 * fit (the relaxation's optimum is then not a plan). */
static gboolean
model_trips (Problem *pb,
             Model   *m,
             GArray  *trips)
{
  g_autoptr(GHashTable) pool = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  g_autofree guint *used = g_new0 (guint, pb->types->len * pb->days);
  gboolean ok = TRUE;

  /* The items at each (facility, day, point, category, size). */
  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);
      int first = g_array_index (m->x_cols, int, i);
      int end = g_array_index (m->x_cols, int, i + 1);

      for (int c = first; c < end; c++)
        if (glp_mip_col_val (m->lp, c) > 0.5)
          {
            guint w = g_array_index (m->x_where, guint, c - 1);
            gint64 key = cons_key (pb, item->facility, w / pb->n_points, w % pb->n_points, item->cat, item->size);
            GArray *list = g_hash_table_lookup (pool, &key);

            if (list == NULL)
              {
                list = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (pool, g_memdup2 (&key, sizeof key), list);
              }
            g_array_append_val (list, i);
          }
    }

  for (guint bi = 0; bi < m->buckets->len; bi++)
    {
      const Bucket *b = &g_array_index (m->buckets, Bucket, bi);
      const VType *type = &g_array_index (pb->types, VType, b->type);
      int n = (int) floor (glp_mip_col_val (m->lp, b->col) + 0.5);
      g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
      guint first_trip = trips->len;

      if (n == 0)
        continue;

      for (guint y = 0; y < m->y_bucket->len; y++)
        {
          int count;
          gint64 key;
          GArray *list;

          if (g_array_index (m->y_bucket, guint, y) != bi)
            continue;
          count = (int) floor (glp_mip_col_val (m->lp, g_array_index (m->y_col, int, y)) + 0.5);
          key = cons_key (pb, type->facility, b->day, b->point,
                          g_array_index (m->y_cat, guint, y), g_array_index (m->y_size, guint, y));
          list = g_hash_table_lookup (pool, &key);
          for (int k = 0; k < count; k++)
            {
              guint item;

              g_assert (list != NULL && list->len > 0);
              item = g_array_index (list, guint, list->len - 1);
              g_array_set_size (list, list->len - 1);
              g_array_append_val (chosen, item);
            }
        }

      for (int v = 0; v < n; v++)
        {
          Trip trip = { 0, };

          trip.type = b->type;
          trip.vehicle_id = g_array_index (type->vehicle_ids, gint64, used[b->type * pb->days + b->day]++);
          trip.day = b->day;
          trip.point = b->point;
          trip.time = class_time[b->cls];
          trip.items = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (trips, trip);
        }

      /* Anchors first, one a vehicle; then the largest first. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint s = MAX_SIZE; s >= 1; s--)
          for (guint k = 0; k < chosen->len; k++)
            {
              guint index = g_array_index (chosen, guint, k);
              const Item *item = &g_array_index (pb->items, Item, index);
              gboolean placed = FALSE;

              if (item->size != s || cat_is_anchor (item->cat) != (pass == 0))
                continue;
              for (guint r = first_trip; r < trips->len && !placed; r++)
                {
                  Trip *trip = &g_array_index (trips, Trip, r);

                  if (trip->seats_used + item->size <= (guint) type->seats &&
                      !(cat_is_anchor (item->cat) && trip->has_anchor))
                    {
                      trip_add (trip, item, index);
                      trip->time = class_time[b->cls];
                      placed = TRUE;
                    }
                }
              if (!placed)
                ok = FALSE;
            }
    }

  return ok;
}

#endif /* HAVE_GLPK */

/* ------------------------------------------------------------------ */
/* The scheduler's plan                                               */

static void
evaluate_result (Problem           *pb,
                 RetScheduleResult *result,
                 Outcome           *out)
{
  g_autoptr(GPtrArray) transfers = g_ptr_array_new ();
  g_autoptr(GHashTable) item_of = g_hash_table_new (NULL, NULL);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < pb->items->len; i++)
    {
      const Item *item = &g_array_index (pb->items, Item, i);

      for (guint m = 0; m < item->members->len; m++)
        g_hash_table_insert (item_of, GUINT_TO_POINTER (g_array_index (item->members, guint, m) + 1),
                             GUINT_TO_POINTER (i + 1));
    }

  for (guint t = 0; t < result->transfers->len; t++)
    {
      RetCheckTransfer *transfer = g_ptr_array_index (result->transfers, t);
      int p = pb_find_point (pb, transfer->point);
      const RetPoint *point = p >= 0 ? pb_point (pb, p) : NULL;
      g_autoptr(GTimeZone) zone = point != NULL ? g_time_zone_new_identifier (point->timezone) : NULL;
      g_autoptr(GDateTime) at = NULL;
      GDate date;
      int day;

      g_ptr_array_add (transfers, transfer);
      if (point == NULL || zone == NULL)
        continue;
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (transfer->handover_at);

        at = g_date_time_to_timezone (utc, zone);
      }
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                      g_date_time_get_year (at));
      day = g_date_days_between (&pb->options.from, &date);

      out->vehicles++;
      for (guint e = 0; e < transfer->entries->len; e++)
        {
          guint person = g_array_index (transfer->entries, RetCheckEntry, e).person;
          const RetCheckPerson *cp = g_ptr_array_index (pb->data->persons, person);
          const RetFacility *facility = g_ptr_array_index (pb->facilities,
                                                           MAX (0, pb_find_facility (pb, cp->person->facility)));

          out->planned++;
          if (cp->origin_known)
            {
              double km = km_between (point->latitude, point->longitude, cp->origin_latitude, cp->origin_longitude);

              out->km += km;
              out->cost += pb->options.km_weight * km;
            }
          else
            out->cost += pb->options.km_weight * km_between (point->latitude, point->longitude,
                                                             facility->latitude, facility->longitude);
          out->cost += pb->options.day_weight * MAX (0, day);
          if (!g_hash_table_contains (item_of, GUINT_TO_POINTER (person + 1)))
            g_printerr ("#   the scheduler planned a person the model holds ineligible\n");
        }
    }
  out->cost += pb->options.vehicle_weight * out->vehicles;

  /* Where the scheduler and the model disagree on who can be planned at
   * all, say who (by category: the persons are synthetic all the same). */
  for (guint u = 0; u < result->unplanned->len; u++)
    {
      const RetUnplanned *unplanned = g_ptr_array_index (result->unplanned, u);
      gpointer found = g_hash_table_lookup (item_of, GUINT_TO_POINTER (unplanned->person + 1));

      if (found != NULL && !unplanned->eligible)
        {
          const Item *item = &g_array_index (pb->items, Item, GPOINTER_TO_UINT (found) - 1);

          g_printerr ("#   NOTE: the model can plan a person of category %d (item of %u) the scheduler "
                      "holds ineligible: %s\n", item->cat, item->size, unplanned->reason);
        }
    }

  out->unplanned_eligible = pb->input->candidates->len - pb->n_ineligible - MIN (out->planned, pb->input->candidates->len - pb->n_ineligible);

  /* An independent check of the scheduler's own count. */
  {
    guint n = transfers->len;
    GPtrArray *copy = g_ptr_array_new ();

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (copy, g_ptr_array_index (transfers, i));
    out->hard = check_transfers (pb, copy, &out->warnings);
    g_ptr_array_unref (copy);
  }
}

/* ------------------------------------------------------------------ */
/* The suites                                                         */

typedef struct
{
  guint             persons;
  guint             days;
  guint32           seed;
  RetInstanceFleet  fleet;
  gboolean          flights;
  guint             n_facilities;   /* 0: all nine */
} Spec;

static const Spec small_suite[] = {
  { 50, 1, 1, RET_INSTANCE_FLEET_SLACK, FALSE, 1 },
  { 100, 1, 2, RET_INSTANCE_FLEET_TIGHT, TRUE, 1 },
  { 150, 2, 3, RET_INSTANCE_FLEET_SLACK, TRUE, 2 },
  { 200, 1, 4, RET_INSTANCE_FLEET_TIGHT, FALSE, 2 },
  { 250, 3, 5, RET_INSTANCE_FLEET_SLACK, TRUE, 1 },
  { 300, 2, 6, RET_INSTANCE_FLEET_TIGHT, TRUE, 3 },
  { 350, 1, 7, RET_INSTANCE_FLEET_SLACK, FALSE, 3 },
  { 400, 3, 8, RET_INSTANCE_FLEET_TIGHT, FALSE, 2 },
  { 450, 2, 9, RET_INSTANCE_FLEET_SLACK, TRUE, 2 },
  { 500, 1, 10, RET_INSTANCE_FLEET_TIGHT, TRUE, 3 },
};

static const Spec large_suite[] = {
  { 3000, 1, 21, RET_INSTANCE_FLEET_SLACK, TRUE, 0 },
  { 3000, 3, 22, RET_INSTANCE_FLEET_TIGHT, TRUE, 0 },
  { 10000, 1, 23, RET_INSTANCE_FLEET_SLACK, TRUE, 0 },
  { 10000, 3, 24, RET_INSTANCE_FLEET_SLACK, TRUE, 0 },
};

typedef struct
{
  gboolean quick;
  gboolean exact;
  guint    hard;              /* the scheduler's, over every instance */
  guint    reference_hard;    /* the references', which must be 0 too */
  gboolean scheduler_failed;
  guint    n_gaps;
  double   gap_sum;
  double   gap_max;
  guint    unplanned_excess;
  guint    not_proven;
  guint    n_small;
  double   large_gap_max;
  guint    large_unplanned_above;
  gboolean large_unplanned_any;
  gboolean large_gap_any;
  guint    sched_unplanned, base_unplanned;
  double   sched_cost_per_person_sum, base_cost_per_person_sum;
  guint    n_vs_baseline;
} Totals;

static RetStore *
store_new (const char *dir,
           GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
  g_autoptr(RetStore) store = ret_store_open (path, error);

  if (store == NULL || !ret_store_load_reference_data (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static char *
spec_name (const Spec *spec)
{
  return g_strdup_printf ("%u-%ud-%s%s-f%u-s%u", spec->persons, spec->days,
                          spec->fleet == RET_INSTANCE_FLEET_SLACK ? "slack" : "tight",
                          spec->flights ? "-flights" : "", spec->n_facilities, spec->seed);
}

static void
print_outcome (const char    *who,
               const Outcome *o)
{
  g_printerr ("#   %-9s planned %5u, eligible unplanned %4u, vehicles %4u, cost %12.1f, "
              "km %11.1f, hard %u, warnings %u\n",
              who, o->planned, o->unplanned_eligible, o->vehicles, o->cost, o->km, o->hard, o->warnings);
}

static gboolean
run_one (RetStore   *store,
         const Spec *spec,
         gboolean    small,
         Totals     *totals,
         double     *runtime)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(Problem) pb = NULL;
  g_autofree char *name = spec_name (spec);
  g_autoptr(GArray) base_trips = NULL;
  RetScheduleOptions options;
  Outcome base, sched = { 0, };
  GDate from;
  gint64 start;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 2, G_DATE_DECEMBER, 2026);

  input = spec->n_facilities > 0
          ? ret_instance_generate_small (store, spec->persons, spec->days, spec->seed, spec->fleet,
                                         spec->flights, spec->n_facilities, &from, &error)
          : ret_instance_generate (store, spec->persons, spec->days, spec->seed, spec->fleet,
                                   spec->flights, &from, &error);
  if (input == NULL)
    {
      g_printerr ("bench-plan: cannot make instance %s: %s\n", name, error->message);
      return FALSE;
    }

  ret_schedule_options_init (&options, &from, spec->days);
  options.seed = spec->seed;
  options.flights = spec->flights;

  pb = problem_new (input, &options);
  g_printerr ("# %s: %u persons (%u cannot be planned), %u items, %u vehicles in %u types\n",
              name, input->candidates->len, pb->n_ineligible, pb->items->len,
              input->vehicles->len, pb->types->len);

  base_trips = baseline_plan (pb);
  evaluate_trips (pb, base_trips, &base);
  print_outcome ("baseline", &base);
  totals->reference_hard += base.hard;

  start = g_get_monotonic_time ();
  result = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  *runtime = (g_get_monotonic_time () - start) / 1e6;
  if (result == NULL)
    {
      g_printerr ("#   scheduler failed: %s\n", error->message);
      totals->scheduler_failed = TRUE;
    }
  else
    {
      evaluate_result (pb, result, &sched);
      print_outcome ("scheduler", &sched);
      g_printerr ("#   scheduler's own figures: planned %u, eligible unplanned %u, vehicles %u, "
                  "cost %.1f, hard %u; %.3f s\n",
                  result->n_planned, result->n_eligible_unplanned, result->n_vehicles, result->cost,
                  result->n_hard, *runtime);
      if (fabs (result->cost - sched.cost) > 1e-5 * MAX (1.0, sched.cost))
        g_printerr ("#   NOTE: the scheduler's cost and the benchmark's differ by %.1f\n",
                    result->cost - sched.cost);
      if (sched.unplanned_eligible != result->n_eligible_unplanned)
        g_printerr ("#   NOTE: eligible unplanned: scheduler says %u, benchmark counts %u\n",
                    result->n_eligible_unplanned, sched.unplanned_eligible);
      totals->hard += MAX (sched.hard, result->n_hard);
      totals->sched_unplanned += sched.unplanned_eligible;
      totals->base_unplanned += base.unplanned_eligible;
      if (sched.planned > 0 && base.planned > 0)
        {
          totals->sched_cost_per_person_sum += sched.cost / sched.planned;
          totals->base_cost_per_person_sum += base.cost / base.planned;
          totals->n_vs_baseline++;
        }
    }

#ifdef HAVE_GLPK
  if (totals->exact && small)
    {
      g_autoptr(Model) m = model_build (pb, MODEL_EXACT);
      Solve opt;

      totals->n_small++;
      model_solve (m, MODEL_EXACT, 0, opt_mip_seconds, &opt);
      if (!opt.solved)
        {
          g_printerr ("#   exact: no solution in %d s: not proven\n", opt_mip_seconds);
          totals->not_proven++;
        }
      else
        {
          g_autoptr(GArray) trips = g_array_new (FALSE, TRUE, sizeof (Trip));
          gboolean packed;
          Outcome best;

          g_array_set_clear_func (trips, (GDestroyNotify) trip_clear);
          packed = model_trips (pb, m, trips);
          evaluate_trips (pb, trips, &best);
          print_outcome ("optimum", &best);
          g_printerr ("#   exact: %s, %u planned, cost %.1f (bound %.1f), %.1f s%s\n",
                      opt.proven ? "proven" : "NOT proven (time limit)", opt.planned, opt.cost,
                      opt.bound, opt.seconds, packed ? "" : "; its seats do not pack into the vehicles");
          totals->reference_hard += best.hard;
          if (!opt.proven || !packed)
            totals->not_proven++;
          if (fabs (best.cost - opt.cost) > 1e-6 * MAX (1.0, opt.cost) + 0.5)
            g_printerr ("#   NOTE: the model's cost %.1f and its plan's %.1f differ\n", opt.cost, best.cost);

          /* The most persons is proven by the first step, and real when
           * the second step's plan packs. */
          if (result != NULL && opt.planned_proven && packed)
            {
              guint opt_unplanned = pb->input->candidates->len - pb->n_ineligible - opt.planned;

              if (sched.unplanned_eligible > opt_unplanned)
                totals->unplanned_excess += sched.unplanned_eligible - opt_unplanned;
              if (sched.unplanned_eligible < opt_unplanned)
                g_printerr ("#   MODEL DISAGREEMENT: the scheduler planned %u more than the proven optimum\n",
                            opt_unplanned - sched.unplanned_eligible);
              if (sched.unplanned_eligible == opt_unplanned && opt.cost > 0)
                {
                  double gap = 100.0 * (sched.cost - opt.cost) / opt.cost;

                  if (!opt.proven)
                    g_printerr ("#   gap: %.3f %% to the best plan found, %.3f %% to the bound\n", gap,
                                100.0 * (sched.cost - opt.bound) / opt.bound);
                  else
                    {
                      g_printerr ("#   gap to the optimum: %.3f %%\n", gap);
                      if (gap < -1e-6)
                        g_printerr ("#   MODEL DISAGREEMENT: the scheduler beats the proven optimum\n");
                      totals->gap_sum += gap;
                      totals->gap_max = MAX (totals->gap_max, gap);
                      totals->n_gaps++;
                    }
                }
            }
        }
    }
  else if (totals->exact && result != NULL)
    {
      g_autoptr(Model) m = model_build (pb, MODEL_BOUND);
      Solve bound;
      gboolean most_proven;
      guint most = model_max_planned (m, BOUND_SECONDS / 2, &most_proven);
      guint eligible = pb->input->candidates->len - pb->n_ineligible;

      if (most != G_MAXUINT)
        {
          guint least_unplanned = eligible - MIN (most, eligible);

          g_printerr ("#   bound: at most %u can be planned (%s): at least %u left\n", most,
                      most_proven ? "proven" : "time limit", least_unplanned);
          if (sched.unplanned_eligible > least_unplanned)
            totals->large_unplanned_above += sched.unplanned_eligible - least_unplanned;
          totals->large_unplanned_any = TRUE;
        }

      model_solve (m, MODEL_BOUND, sched.planned, BOUND_SECONDS / 2, &bound);
      if (!bound.solved)
        g_printerr ("#   bound: the relaxation has no solution with %u planned\n", sched.planned);
      else
        {
          double gap = bound.cost > 0 ? 100.0 * (sched.cost - bound.cost) / bound.cost : 0;

          g_printerr ("#   bound: cost >= %.1f with %u planned (%.1f s); gap %.3f %%\n",
                      bound.cost, sched.planned, bound.seconds, gap);
          totals->large_gap_max = totals->large_gap_any ? MAX (totals->large_gap_max, gap) : gap;
          totals->large_gap_any = TRUE;
        }
    }
#endif

  return TRUE;
}

/* What a problem is made of, as a checksum: two generations with the
 * same arguments must give the same. */
static char *
instance_fingerprint (const RetScheduleInput *input)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < input->data->persons->len; i++)
    {
      const RetCheckPerson *cp = g_ptr_array_index (input->data->persons, i);
      const RetPerson *p = cp->person;
      g_autofree char *line = g_strdup_printf ("%s|%s|%s|%s|%u|%d|%d|%d|%" G_GINT64_FORMAT "|%u/%u/%u\n",
                                               p->a_number, p->facility, p->origin_code ? p->origin_code : "",
                                               p->family_group ? p->family_group : "", p->flags,
                                               p->medical_fit, p->nationality_verified, p->interior_consent,
                                               p->apprehended_at, g_date_get_year (&p->birth_date),
                                               g_date_get_month (&p->birth_date), g_date_get_day (&p->birth_date));

      g_checksum_update (sum, (const guchar *) line, -1);
    }
  for (guint i = 0; i < input->vehicles->len; i++)
    {
      const RetVehicle *v = g_ptr_array_index (input->vehicles, i);
      g_autofree char *line = g_strdup_printf ("%s|%s|%d|%d|%u|%s|%d\n", v->facility, v->label, v->seats,
                                               v->minors_only, v->weekdays, v->point ? v->point : "",
                                               v->depart_minute);

      g_checksum_update (sum, (const guchar *) line, -1);
    }
  for (guint i = 0; i < input->data->points->len; i++)
    {
      const RetPoint *p = g_ptr_array_index (input->data->points, i);
      g_autofree char *line = g_strdup_printf ("%s|%d\n", p->code, p->daily_capacity);

      g_checksum_update (sum, (const guchar *) line, -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

/* The same seed, the same problem: otherwise no figure can be compared
 * with another run's. */
static gboolean
generator_is_deterministic (const char *dir)
{
  g_autofree char *first = NULL;
  GDate from;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 2, G_DATE_DECEMBER, 2026);
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RetStore) store = store_new (dir, &error);
      g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
      g_autoptr(RetScheduleInput) input = NULL;
      g_autofree char *print = NULL;

      if (store != NULL)
        input = ret_instance_generate (store, 2000, 2, 77, RET_INSTANCE_FLEET_TIGHT, TRUE, &from, &error);
      if (input == NULL)
        {
          g_printerr ("bench-plan: cannot make an instance: %s\n", error->message);
          return FALSE;
        }
      print = instance_fingerprint (input);
      g_clear_object (&store);
      g_unlink (path);
      if (first == NULL)
        first = g_steal_pointer (&print);
      else if (!g_str_equal (first, print))
        {
          g_printerr ("bench-plan: the same seed gave two different instances\n");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean opt_quick = FALSE;
static gboolean opt_no_exact = FALSE;
static char *opt_only = NULL;

/* --only: the instances whose name contains it, to look into one. */
static gboolean
spec_wanted (const Spec *spec)
{
  g_autofree char *name = spec_name (spec);

  return opt_only == NULL || strstr (name, opt_only) != NULL;
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(GError) error = NULL;
  Totals totals = { 0, };
  guint n_small = opt_quick ? 4 : G_N_ELEMENTS (small_suite);
  guint n_large = opt_quick ? 2 : G_N_ELEMENTS (large_suite);

  totals.quick = opt_quick;
#ifdef HAVE_GLPK
  totals.exact = !opt_no_exact;
#else
  g_printerr ("# built without GLPK: the exact optimum and the bound are skipped\n");
  totals.exact = FALSE;
#endif

  if (!generator_is_deterministic (dir))
    return EXIT_FAILURE;

  for (guint i = 0; i < n_small; i++)
    {
      g_autoptr(RetStore) store = store_new (dir, &error);
      g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
      double runtime;

      if (!spec_wanted (&small_suite[opt_quick ? i * 2 : i]))
        continue;
      if (store == NULL)
        {
          g_printerr ("bench-plan: cannot make the database: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (!run_one (store, &small_suite[opt_quick ? i * 2 : i], TRUE, &totals, &runtime))
        return EXIT_FAILURE;
      g_clear_object (&store);
      g_unlink (path);
    }

  for (guint i = 0; i < n_large; i++)
    {
      const Spec *spec = &large_suite[opt_quick ? i * 2 : i];
      g_autoptr(RetStore) store = store_new (dir, &error);
      g_autofree char *path = g_build_filename (dir, "plan.db", NULL);
      double runtime;

      if (!spec_wanted (spec))
        continue;
      if (store == NULL)
        {
          g_printerr ("bench-plan: cannot make the database: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (!run_one (store, spec, FALSE, &totals, &runtime))
        return EXIT_FAILURE;
      if (!totals.scheduler_failed)
        g_print ("bench plan-%u-%ud: %.2f s (target <= %g s)\n", spec->persons, spec->days,
                 runtime, TARGET_SECONDS);
      g_clear_object (&store);
      g_unlink (path);
    }

  g_print ("bench plan-reference-hard-violations: %u (target <= 0)\n", totals.reference_hard);
  if (totals.scheduler_failed)
    {
      g_printerr ("bench-plan: the scheduler failed: nothing of it measured\n");
      return EXIT_FAILURE;
    }

  g_print ("bench plan-hard-violations: %u (target <= 0)\n", totals.hard);
  if (totals.exact)
    {
      g_print ("bench plan-small-unplanned-excess: %u persons (target <= 0 persons)\n",
               totals.unplanned_excess);
      if (totals.n_gaps > 0)
        {
          g_print ("bench plan-small-gap-mean: %.3f %% (target <= %g %%)\n",
                   totals.gap_sum / totals.n_gaps, TARGET_SMALL_GAP);
          g_print ("bench plan-small-gap-max: %.3f %% (target <= %g %%)\n",
                   totals.gap_max, TARGET_SMALL_GAP);
        }
      g_print ("bench plan-small-not-proven: %u (target <= 0)\n", totals.not_proven);
      if (totals.large_unplanned_any)
        g_print ("bench plan-large-unplanned-above-bound: %u persons (target <= 0 persons)\n",
                 totals.large_unplanned_above);
      if (totals.large_gap_any)
        g_print ("bench plan-large-gap-to-bound: %.3f %% (target <= %g %%)\n",
                 totals.large_gap_max, TARGET_LARGE_GAP);
    }
  g_print ("bench plan-vs-baseline-unplanned: %u persons (target <= %u persons)\n",
           totals.sched_unplanned, totals.base_unplanned);
  if (totals.n_vs_baseline > 0)
    g_print ("bench plan-vs-baseline-cost-per-person: %.3f (target <= 1)\n",
             totals.sched_cost_per_person_sum / totals.base_cost_per_person_sum);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick, "Fewer instances", NULL },
    { "no-exact", 0, 0, G_OPTION_ARG_NONE, &opt_no_exact, "No exact optimum nor bound", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Only the instances whose name contains TEXT", "TEXT" },
    { "mip-seconds", 0, 0, G_OPTION_ARG_INT, &opt_mip_seconds, "Time for the exact optimum of a small instance (default 300)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the planning benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-plan: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return ret_test_run_in_private_home ("bench-plan", run_benchmark);
}
