/* test-scheduler.c — who travels when, where and in which vehicle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every plan here is made on the fixed border of ret-check-builder.c
 * (windows 06:00–21:00, vulnerable 07:00–20:00, minors until 18:00) and
 * checked for what a coordinator would see go wrong: a family split, a
 * child next to an adult, a handover in the dark, a seat too many.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "ret-check-builder.h"
#include "ret-scheduler.h"
#include "ret-solar.h"

/* The builder's "now" is 2026-12-01T00:00Z; the plans start the day after. */
#define PLAN_YEAR  2026
#define PLAN_MONTH G_DATE_DECEMBER
#define PLAN_DAY   2

static RetScheduleInput *
input_new (void)
{
  RetScheduleInput *input = ret_schedule_input_new ();

  ret_check_data_free (input->data);
  input->data = ret_builder_new ();
  input->not_before = input->data->now;
  return input;
}

static guint
add_person (RetScheduleInput *input,
            const char       *a_number,
            const char       *birth_date,
            RetPersonFlags    flags,
            const char       *family,
            const char       *facility)
{
  guint index = ret_builder_person (input->data, a_number, birth_date, flags, family, facility);

  ret_builder_get_person (input->data, index)->person->status = RET_PERSON_STATUS_AWAITING;
  g_array_append_val (input->candidates, index);
  return index;
}

static void
set_origin (RetScheduleInput *input,
            guint             person,
            double            latitude,
            double            longitude)
{
  RetCheckPerson *cp = ret_builder_get_person (input->data, person);

  cp->origin_known = TRUE;
  cp->origin_latitude = latitude;
  cp->origin_longitude = longitude;
}

static void
screen (RetScheduleInput *input,
        guint             person,
        gboolean          cleared)
{
  RetCheckPerson *cp = ret_builder_get_person (input->data, person);

  cp->screening = g_new0 (RetScreening, 1);
  cp->screening->screener = g_strdup ("Screener");
  cp->screening->able_to_decide = TRUE;
  cp->screening->fear_of_return = !cleared;
}

static RetVehicle *
add_vehicle (RetScheduleInput *input,
             const char       *facility,
             RetVehicleKind    kind,
             int               seats,
             gboolean          minors_only)
{
  RetVehicle *vehicle = ret_vehicle_new ();

  vehicle->id = input->vehicles->len + 1;
  vehicle->facility = g_strdup (facility);
  vehicle->kind = kind;
  vehicle->seats = seats;
  vehicle->minors_only = minors_only;
  vehicle->label = g_strdup_printf ("%s %u", ret_vehicle_kind_to_string (kind), input->vehicles->len + 1);
  g_ptr_array_add (input->vehicles, vehicle);
  return vehicle;
}

static RetVehicle *
add_flight (RetScheduleInput *input,
            const char       *facility,
            const char       *point,
            int               seats,
            int               depart_minute)
{
  RetVehicle *vehicle = add_vehicle (input, facility, RET_VEHICLE_FLIGHT, seats, FALSE);

  vehicle->point = g_strdup (point);
  vehicle->depart_minute = depart_minute;
  return vehicle;
}

static RetPoint *
get_point (RetScheduleInput *input,
           const char       *code)
{
  for (guint i = 0; i < input->data->points->len; i++)
    {
      RetPoint *point = g_ptr_array_index (input->data->points, i);

      if (g_strcmp0 (point->code, code) == 0)
        return point;
    }
  g_assert_not_reached ();
  return NULL;
}

static RetScheduleResult *
plan_days (RetScheduleInput *input,
           guint             day,
           guint             days,
           guint32           seed)
{
  g_autoptr(GError) error = NULL;
  RetScheduleOptions options;
  RetScheduleResult *result;
  GDate from;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, day, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, days);
  options.seed = seed;
  options.iterations = 300;

  result = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* Whatever the case, the rule engine finds nothing hard. */
  for (guint i = 0; i < result->violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (result->violations, i);

      if (v->severity == RET_SEVERITY_HARD)
        g_test_message ("hard: %s %s", v->transfer_code, v->message);
    }
  g_assert_cmpuint (result->n_hard, ==, 0);
  return result;
}

static RetScheduleResult *
plan (RetScheduleInput *input)
{
  return plan_days (input, PLAN_DAY, 1, 1);
}

/* The transfer that carries @person, or NULL */
static const RetCheckTransfer *
transfer_of (const RetScheduleResult *result,
             guint                    person)
{
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (result->transfers, t);

      for (guint e = 0; e < transfer->entries->len; e++)
        if (g_array_index (transfer->entries, RetCheckEntry, e).person == person)
          return transfer;
    }
  return NULL;
}

static const RetUnplanned *
unplanned_of (const RetScheduleResult *result,
              guint                    person)
{
  for (guint i = 0; i < result->unplanned->len; i++)
    {
      const RetUnplanned *u = g_ptr_array_index (result->unplanned, i);

      if (u->person == person)
        return u;
    }
  return NULL;
}

/* The local minute of the handover at the transfer's point */
static int
local_minute (RetScheduleInput       *input,
              const RetCheckTransfer *transfer)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (get_point (input, transfer->point)->timezone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (transfer->handover_at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
}

static gboolean
carries_adult (RetScheduleInput       *input,
               const RetCheckTransfer *transfer)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  for (guint e = 0; e < transfer->entries->len; e++)
    {
      guint p = g_array_index (transfer->entries, RetCheckEntry, e).person;

      if (!ret_person_is_minor (ret_builder_get_person (input->data, p)->person, &date))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */

static void
test_small_values (void)
{
  g_autoptr(RetVehicle) vehicle = ret_vehicle_new ();
  g_autoptr(RetVehicle) copy = NULL;
  RetVehicleKind kind;
  GDate wednesday, thursday;

  g_assert_cmpstr (ret_vehicle_kind_to_string (RET_VEHICLE_FLIGHT), ==, "flight");
  g_assert_true (ret_vehicle_kind_from_string ("van", &kind));
  g_assert_cmpint (kind, ==, RET_VEHICLE_VAN);
  g_assert_false (ret_vehicle_kind_from_string ("boat", &kind));
  g_assert_cmpstr (ret_vehicle_kind_label (RET_VEHICLE_BUS), ==, "Bus");

  /* 100 km by road: 30 + 130 minutes; by air 120 + 8.6, on the grid */
  g_assert_cmpint (ret_travel_estimate_minutes (RET_VEHICLE_BUS, 100, 60), ==, 160);
  g_assert_cmpint (ret_travel_estimate_minutes (RET_VEHICLE_FLIGHT, 100, 60), ==, 130);
  g_assert_cmpint (ret_travel_estimate_minutes (RET_VEHICLE_VAN, 0, 60), ==, 30);

  g_assert_cmpuint (vehicle->weekdays, ==, RET_WEEKDAYS_ALL);
  vehicle->weekdays = 1 << (G_DATE_WEDNESDAY - 1);
  vehicle->facility = g_strdup ("TCA");
  g_date_clear (&wednesday, 1);
  g_date_set_dmy (&wednesday, 2, G_DATE_DECEMBER, 2026);
  thursday = wednesday;
  g_date_add_days (&thursday, 1);
  g_assert_true (ret_vehicle_runs_on (vehicle, &wednesday));
  g_assert_false (ret_vehicle_runs_on (vehicle, &thursday));
  copy = ret_vehicle_copy (vehicle);
  g_assert_cmpstr (copy->facility, ==, "TCA");
  g_assert_true (copy->facility != vehicle->facility);
}

static void
test_no_days (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  RetScheduleOptions options;
  GDate from;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, 0);
  result = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (result);
}

/* A bit of everything from Tucson: nothing hard, everyone planned. */
static void
test_mixed (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint n = 0;
  char a[16];

  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 12, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 12, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 12, TRUE);
  add_flight (input, "TCA", "MEX", 40, 9 * 60);

  for (guint f = 0; f < 4; f++)
    {
      g_autofree char *family = g_strdup_printf ("FAM-%u", f);

      g_snprintf (a, sizeof a, "A%03u", n++);
      add_person (input, a, "1985-03-01", 0, family, "TCA");
      g_snprintf (a, sizeof a, "A%03u", n++);
      add_person (input, a, "1987-03-01", 0, family, "TCA");
      g_snprintf (a, sizeof a, "A%03u", n++);
      add_person (input, a, "2015-03-01", 0, family, "TCA");
    }
  /* A family with a record */
  add_person (input, "B001", "1980-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, "REC-1", "TCA");
  add_person (input, "B002", "2012-01-01", 0, "REC-1", "TCA");
  /* Two sisters travelling as unaccompanied minors */
  screen (input, add_person (input, "C001", "2010-05-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "SIS-1", "TCA"), TRUE);
  screen (input, add_person (input, "C002", "2011-05-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "SIS-1", "TCA"), TRUE);
  screen (input, add_person (input, "C003", "2009-05-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, "TCA"), TRUE);
  /* The vulnerable alone */
  add_person (input, "D001", "1950-01-01", 0, NULL, "TCA");
  add_person (input, "D002", "1990-01-01", RET_PERSON_FLAG_PREGNANT, NULL, "TCA");
  add_person (input, "D003", "1955-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, NULL, "TCA");
  /* Records alone, and everyone else */
  for (guint i = 0; i < 5; i++)
    {
      g_snprintf (a, sizeof a, "E%03u", i);
      add_person (input, a, "1991-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, NULL, "TCA");
    }
  for (guint i = 0; i < 30; i++)
    {
      guint p;

      g_snprintf (a, sizeof a, "F%03u", i);
      p = add_person (input, a, "1993-01-01", 0, NULL, "TCA");
      /* A third consented to go home by air, and come from near Mexico City */
      if (i % 3 == 0)
        {
          ret_builder_get_person (input->data, p)->person->interior_consent = TRUE;
          set_origin (input, p, 19.3, -99.1);
        }
    }

  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, input->candidates->len);
  g_assert_cmpuint (result->unplanned->len, ==, 0);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 0);
  g_assert_cmpuint (result->vehicle_ids->len, ==, result->transfers->len);
  g_assert_cmpuint (result->n_vehicles, ==, result->transfers->len);
  g_assert_cmpfloat (result->cost, >, 0);

  /* The family with a record has its vehicle to itself but for adults alone */
  {
    const RetCheckTransfer *own = transfer_of (result, 12);

    for (guint e = 0; e < own->entries->len; e++)
      {
        guint p = g_array_index (own->entries, RetCheckEntry, e).person;
        const RetPerson *person = ret_builder_get_person (input->data, p)->person;

        if (p != 12 && p != 13)
          {
            g_assert_null (person->family_group);
            g_assert_false (person->flags & RET_PERSON_FLAG_CRIMINAL_RECORD);
          }
      }
  }

  /* Every code is unique and in the format */
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *x = g_ptr_array_index (result->transfers, t);

      g_assert_true (g_str_has_prefix (x->code, "T-20261202-"));
      g_assert_cmpint (x->status, ==, RET_TRANSFER_PLANNED);
      g_assert_cmpint ((int) x->entries->len, <=, x->seats);
      g_assert_cmpint (x->depart_at, <, x->handover_at);
      g_assert_cmpint (x->depart_at, >=, input->not_before);
      for (guint u = t + 1; u < result->transfers->len; u++)
        g_assert_cmpstr (x->code, !=, ((RetCheckTransfer *) g_ptr_array_index (result->transfers, u))->code);
      if (t > 0)
        g_assert_cmpint (((RetCheckTransfer *) g_ptr_array_index (result->transfers, t - 1))->handover_at,
                         <=, x->handover_at);
    }
  /* The data is as it was given */
  g_assert_cmpuint (input->data->transfers->len, ==, 0);
}

/* A family travels whole, or not at all. */
static void
test_families_never_split (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint members[6];
  guint singles[8];
  const RetCheckTransfer *t;

  /* Two vans of six: the family of six fits one only if no single is put in it */
  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 6, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 6, FALSE);
  for (guint i = 0; i < 8; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "S%u", i);
      singles[i] = add_person (input, a, "1990-01-01", 0, NULL, "SDC");
    }
  for (guint i = 0; i < 6; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "M%u", i);
      members[i] = add_person (input, a, i < 2 ? "1980-01-01" : "2014-01-01", 0, "BIG", "SDC");
    }

  result = plan (input);
  t = transfer_of (result, members[0]);
  g_assert_nonnull (t);
  for (guint i = 1; i < 6; i++)
    g_assert_true (transfer_of (result, members[i]) == t);
  /* The family rode whole; the singles got the other six seats */
  g_assert_cmpuint (result->n_planned, ==, 12);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 2);
  for (guint i = 0; i < 8; i++)
    if (transfer_of (result, singles[i]) == NULL)
      {
        const RetUnplanned *u = unplanned_of (result, singles[i]);

        g_assert_nonnull (u);
        g_assert_true (u->eligible);
        /* There is a next day, with the same vans */
        g_assert_nonnull (strstr (u->reason, "next possible: 3 Dec"));
      }
}

static void
test_family_too_big (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;

  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 3, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 3, FALSE);
  for (guint i = 0; i < 4; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "M%u", i);
      add_person (input, a, "1980-01-01", 0, "FOUR", "SDC");
    }
  result = plan (input);
  g_assert_cmpuint (result->transfers->len, ==, 0);
  g_assert_cmpuint (result->unplanned->len, ==, 4);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 4);
}

/* Unaccompanied minors: minors vans only, points with reception, by the cut-off. */
static void
test_minors (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint tucson[5], big_bend, yuma;
  RetPoint *nog = get_point (input, "NOG");

  /* An early cut-off at Nogales on Wednesdays: 09:30 */
  for (guint i = 0; i < nog->hours->len; i++)
    ((RetPointHours *) g_ptr_array_index (nog->hours, i))->week[G_DATE_WEDNESDAY - 1].minors_cutoff = 9 * 60 + 30;

  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 4, TRUE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 4, TRUE);
  add_vehicle (input, "BBT", RET_VEHICLE_VAN, 12, TRUE);
  add_vehicle (input, "YUM", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 5; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "U%u", i);
      tucson[i] = add_person (input, a, "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, "TCA");
      screen (input, tucson[i], TRUE);
    }
  add_person (input, "ADULT", "1990-01-01", 0, NULL, "TCA");
  /* Ojinaga receives no minors */
  big_bend = add_person (input, "BB", "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, "BBT");
  screen (input, big_bend, TRUE);
  /* Yuma has no minors van */
  yuma = add_person (input, "YU", "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, "YUM");
  screen (input, yuma, TRUE);

  result = plan (input);
  for (guint i = 0; i < 5; i++)
    {
      const RetCheckTransfer *t = transfer_of (result, tucson[i]);
      const RetVehicle *vehicle = NULL;

      g_assert_nonnull (t);
      g_assert_cmpstr (t->point, ==, "NOG");
      g_assert_cmpstr (t->mode, ==, "van");
      g_assert_false (carries_adult (input, t));
      g_assert_cmpint (local_minute (input, t), <=, 9 * 60 + 30);
      for (guint k = 0; k < result->transfers->len; k++)
        if (g_ptr_array_index (result->transfers, k) == t)
          vehicle = g_ptr_array_index (input->vehicles,
                                       g_array_index (result->vehicle_ids, gint64, k) - 1);
      g_assert_true (vehicle->minors_only);
    }

  g_assert_null (transfer_of (result, big_bend));
  g_assert_false (unplanned_of (result, big_bend)->eligible);
  g_assert_nonnull (strstr (unplanned_of (result, big_bend)->reason, "receives unaccompanied minors"));

  g_assert_null (transfer_of (result, yuma));
  g_test_message ("%s", unplanned_of (result, yuma)->reason);
  g_test_message ("%s", unplanned_of (result, big_bend)->reason);
  g_assert_true (unplanned_of (result, yuma)->eligible);
  g_assert_nonnull (strstr (unplanned_of (result, yuma)->reason, "No minors-only van"));
}

/* On the shortest days the sun decides for the vulnerable. */
static void
test_vulnerable_daylight (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  RetPoint *tij = get_point (input, "TIJ");
  RetPoint *mxl = get_point (input, "MXL");
  RetDaylight daylight;
  GDate date;
  guint elderly, neutral;

  /* The points take the vulnerable from dawn to late at night on paper;
   * only the sun stops them. */
  for (guint i = 0; i < tij->hours->len; i++)
    for (guint d = 0; d < RET_N_WEEKDAYS; d++)
      {
        RetWindow *w = &((RetPointHours *) g_ptr_array_index (tij->hours, i))->week[d];

        w->open = 5 * 60;
        w->close = 22 * 60;
        w->vulnerable_open = 5 * 60;
        w->vulnerable_close = 22 * 60;
      }
  mxl->daily_capacity = 1;
  /* Departures only from 15:30 Tijuana time: late in a December afternoon */
  input->not_before = ret_builder_local_time (input->data, "TIJ", "2026-12-21T15:30");

  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  elderly = add_person (input, "OLD", "1940-01-01", 0, NULL, "SDC");
  neutral = add_person (input, "N", "1990-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, NULL, "SDC");

  result = plan_days (input, 21, 1, 1);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 21, G_DATE_DECEMBER, 2026);
  zone = g_time_zone_new_identifier (tij->timezone);
  g_assert_true (ret_daylight_compute (tij->latitude, tij->longitude, zone, &date, &daylight, &error));
  g_assert_no_error (error);

  /* Planned, before sunset */
  g_assert_nonnull (transfer_of (result, elderly));
  g_assert_cmpint (transfer_of (result, elderly)->handover_at, >=, daylight.sunrise.utc);
  g_assert_cmpint (transfer_of (result, elderly)->handover_at, <, daylight.sunset.utc);
  /* Someone not vulnerable may go after dark, within the window */
  g_assert_nonnull (transfer_of (result, neutral));
  g_assert_true (transfer_of (result, neutral) != transfer_of (result, elderly));

  /* An hour later, the sun has set before anyone could be there: the
   * elderly man waits for tomorrow, the other goes tonight. */
  input->not_before = ret_builder_local_time (input->data, "TIJ", "2026-12-21T16:30");
  g_clear_pointer (&result, ret_schedule_result_free);
  result = plan_days (input, 21, 1, 1);
  g_assert_null (transfer_of (result, elderly));
  g_test_message ("%s", unplanned_of (result, elderly)->reason);
  g_assert_nonnull (strstr (unplanned_of (result, elderly)->reason, "vulnerable"));
  g_assert_nonnull (strstr (unplanned_of (result, elderly)->reason, "next possible: 22 Dec"));
  g_assert_nonnull (transfer_of (result, neutral));
  g_assert_cmpint (transfer_of (result, neutral)->handover_at, >=, daylight.sunset.utc);
}

/* A record travels with no family and no minor. */
static void
test_criminal_apart (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint record, family[3], elderly, other;
  const RetCheckTransfer *t;

  add_vehicle (input, "EPT", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "EPT", RET_VEHICLE_BUS, 45, FALSE);
  record = add_person (input, "R", "1990-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, NULL, "EPT");
  family[0] = add_person (input, "F0", "1985-01-01", 0, "FAM", "EPT");
  family[1] = add_person (input, "F1", "2016-01-01", 0, "FAM", "EPT");
  family[2] = add_person (input, "F2", "2012-01-01", 0, "FAM", "EPT");
  elderly = add_person (input, "OLD", "1945-01-01", 0, NULL, "EPT");
  other = add_person (input, "N", "1992-01-01", 0, NULL, "EPT");

  result = plan (input);
  t = transfer_of (result, record);
  g_assert_nonnull (t);
  for (guint i = 0; i < 3; i++)
    g_assert_true (transfer_of (result, family[i]) != t);
  g_assert_true (transfer_of (result, elderly) != t);
  g_assert_nonnull (transfer_of (result, other));
  g_assert_cmpuint (result->n_planned, ==, 6);
  /* Not even a warning: the vulnerable adult was kept apart too */
  for (guint i = 0; i < result->violations->len; i++)
    g_assert_cmpint (((RetViolation *) g_ptr_array_index (result->violations, i))->rule, !=,
                     RET_RULE_CRIMINAL_SEPARATE);
}

typedef struct
{
  const char     *path;
  const char     *birth_date;
  RetPersonFlags  flags;
  const char     *nationality;
  gboolean        verified;
  gboolean        fit;
  int             screening;   /* -1 none, 0 fear of return, 1 cleared */
  const char     *reason;
} EligibilityCase;

static const EligibilityCase eligibility_cases[] = {
  { "/scheduler/eligibility/unverified", "1990-01-01", 0, "MEX", FALSE, TRUE, -1, "not verified" },
  { "/scheduler/eligibility/not-mexican", "1990-01-01", 0, "GTM", TRUE, TRUE, -1, "Not a Mexican national" },
  { "/scheduler/eligibility/unfit", "1990-01-01", 0, "MEX", TRUE, FALSE, -1, "fit to travel" },
  { "/scheduler/eligibility/unscreened", "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "MEX", TRUE, TRUE, -1, "screening" },
  { "/scheduler/eligibility/fear-of-return", "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "MEX", TRUE, TRUE, 0, "fear of return" },
  { "/scheduler/eligibility/presumed-unable", "2016-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "MEX", TRUE, TRUE, 1, "presumed unable" },
};

static void
test_eligibility (gconstpointer user_data)
{
  const EligibilityCase *c = user_data;
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  RetPerson *person;
  const RetUnplanned *u;
  guint index, fine;

  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 12, TRUE);
  index = add_person (input, "X", c->birth_date, c->flags, NULL, "TCA");
  person = ret_builder_get_person (input->data, index)->person;
  g_free (person->nationality);
  person->nationality = g_strdup (c->nationality);
  person->nationality_verified = c->verified;
  person->medical_fit = c->fit;
  if (c->screening >= 0)
    screen (input, index, c->screening == 1);
  fine = add_person (input, "OK", "1990-01-01", 0, NULL, "TCA");

  result = plan (input);
  g_assert_null (transfer_of (result, index));
  g_assert_nonnull (transfer_of (result, fine));
  u = unplanned_of (result, index);
  g_assert_nonnull (u);
  g_assert_false (u->eligible);
  g_assert_nonnull (strstr (u->reason, c->reason));
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 0);
}

static void
test_family_stays_together (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint parent, child, mixed_minor, mixed_adult;

  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_VAN, 12, TRUE);
  parent = add_person (input, "P", "1980-01-01", 0, "ILL", "TCA");
  child = add_person (input, "C", "2015-01-01", 0, "ILL", "TCA");
  ret_builder_get_person (input->data, child)->person->medical_fit = FALSE;
  mixed_adult = add_person (input, "MA", "1980-01-01", 0, "MIX", "TCA");
  mixed_minor = add_person (input, "MM", "2010-01-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, "MIX", "TCA");
  screen (input, mixed_minor, TRUE);

  result = plan (input);
  g_assert_cmpuint (result->transfers->len, ==, 0);
  g_assert_false (unplanned_of (result, parent)->eligible);
  g_assert_nonnull (strstr (unplanned_of (result, parent)->reason, "fit to travel"));
  g_assert_false (unplanned_of (result, mixed_adult)->eligible);
  g_assert_nonnull (strstr (unplanned_of (result, mixed_minor)->reason, "roster"));
}

/* Seats and a point's daily capacity are never exceeded. */
static void
test_capacity (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(RetScheduleResult) tight = NULL;
  g_autoptr(RetScheduleInput) second = input_new ();
  guint at_nog = 0;

  /* One bus of 45 for 60 persons */
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 60; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%02u", i);
      add_person (input, a, "1990-01-01", 0, NULL, "TCA");
    }
  tight = plan (input);
  g_assert_cmpuint (tight->n_planned, ==, 45);
  g_assert_cmpuint (tight->n_eligible_unplanned, ==, 15);
  for (guint i = 0; i < tight->unplanned->len; i++)
    {
      const RetUnplanned *u = g_ptr_array_index (tight->unplanned, i);

      g_test_message ("%s", u->reason);
      g_assert_true (u->eligible);
      g_assert_nonnull (strstr (u->reason, "next possible: 3 Dec"));
      g_assert_nonnull (strstr (u->reason, "Nogales"));
    }

  /* Nogales takes 20 a day; two buses; two days */
  get_point (second, "NOG")->daily_capacity = 20;
  add_vehicle (second, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (second, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 50; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "Q%02u", i);
      add_person (second, a, "1990-01-01", 0, NULL, "TCA");
    }
  result = plan_days (second, PLAN_DAY, 2, 7);
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *x = g_ptr_array_index (result->transfers, t);

      if (g_strcmp0 (x->point, "NOG") == 0 && g_str_has_prefix (x->code, "T-20261202"))
        at_nog += x->entries->len;
    }
  g_assert_cmpuint (at_nog, <=, 20);
  /* 20 a day on two days; the rest cannot go */
  g_assert_cmpuint (result->n_planned, ==, 40);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 10);
  g_assert_nonnull (strstr (((RetUnplanned *) g_ptr_array_index (result->unplanned, 0))->reason,
                            "capacity"));
  /* Nobody waits a day they need not: 20 on the first day */
  g_assert_cmpuint (at_nog, ==, 20);
}

/* A closure covering the day sends everyone to the other point. */
static void
test_closure (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  RetPointException *closure = g_new0 (RetPointException, 1);

  closure->point = g_strdup ("TIJ");
  closure->starts_at = ret_builder_local_time (input->data, "TIJ", "2026-12-01T00:00");
  closure->ends_at = ret_builder_local_time (input->data, "TIJ", "2026-12-04T00:00");
  closure->closed = TRUE;
  closure->reason = g_strdup ("Flooding");
  g_ptr_array_add (input->data->exceptions, closure);

  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 10; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%u", i);
      /* From Tijuana itself: without the closure, they would go there */
      set_origin (input, add_person (input, a, "1990-01-01", 0, NULL, "SDC"), 32.5, -117.0);
    }
  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 10);
  for (guint t = 0; t < result->transfers->len; t++)
    g_assert_cmpstr (((RetCheckTransfer *) g_ptr_array_index (result->transfers, t))->point, ==, "MXL");

  /* Lifted, they go home to Tijuana */
  g_ptr_array_set_size (input->data->exceptions, 0);
  ret_check_data_invalidate (input->data);
  g_clear_pointer (&result, ret_schedule_result_free);
  result = plan (input);
  g_assert_cmpstr (((RetCheckTransfer *) g_ptr_array_index (result->transfers, 0))->point, ==, "TIJ");
}

/* Kept transfers keep their vehicle and their share of the point. */
static void
test_kept (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  gint64 kept_vehicle = 1;
  guint kept;
  guint at_nog = 0;

  get_point (input, "NOG")->daily_capacity = 30;
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);

  kept = ret_builder_transfer (input->data, "T-20261202-NOG-01", "bus", "TCA", "NOG",
                               "2026-12-02T11:00", 45);
  for (guint i = 0; i < 20; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "K%02u", i);
      ret_builder_board (input->data, kept,
                         ret_builder_person (input->data, a, "1990-01-01", 0, NULL, "TCA"));
    }
  g_array_append_val (input->kept_vehicles, kept_vehicle);

  for (guint i = 0; i < 30; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%02u", i);
      add_person (input, a, "1990-01-01", 0, NULL, "TCA");
    }

  result = plan (input);
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *x = g_ptr_array_index (result->transfers, t);

      g_assert_cmpint (g_array_index (result->vehicle_ids, gint64, t), !=, kept_vehicle);
      g_assert_cmpstr (x->code, !=, "T-20261202-NOG-01");
      at_nog += x->entries->len;
      g_assert_cmpstr (x->code, ==, "T-20261202-NOG-02");
    }
  /* 30 a day at Nogales, 20 of them already on the kept bus */
  g_assert_cmpuint (at_nog, ==, 10);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 20);
  /* The kept transfer is as it was, and the only one in the data */
  g_assert_cmpuint (input->data->transfers->len, ==, 1);
  g_assert_cmpuint (ret_builder_get_transfer (input->data, kept)->entries->len, ==, 20);
}

static RetScheduleInput *
random_input (guint32 seed)
{
  RetScheduleInput *input = input_new ();
  GRand *rand = g_rand_new_with_seed (seed);
  static const char * const facilities[] = { "SDC", "TCA", "EPT", "YUM" };

  for (guint f = 0; f < G_N_ELEMENTS (facilities); f++)
    {
      add_vehicle (input, facilities[f], RET_VEHICLE_BUS, 45, FALSE);
      add_vehicle (input, facilities[f], RET_VEHICLE_BUS, 45, FALSE);
      add_vehicle (input, facilities[f], RET_VEHICLE_VAN, 12, FALSE);
      add_vehicle (input, facilities[f], RET_VEHICLE_VAN, 12, TRUE);
    }
  add_flight (input, "TCA", "GDL", 60, 8 * 60);

  for (guint i = 0; i < 200; i++)
    {
      const char *facility = facilities[g_rand_int_range (rand, 0, G_N_ELEMENTS (facilities))];
      char a[16];
      guint p;
      int kind = g_rand_int_range (rand, 0, 10);

      g_snprintf (a, sizeof a, "R%03u", i);
      if (kind == 0)
        {
          p = add_person (input, a, "2009-06-01", RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, facility);
          screen (input, p, TRUE);
        }
      else if (kind == 1)
        p = add_person (input, a, "1980-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, NULL, facility);
      else
        p = add_person (input, a, kind == 2 ? "1950-01-01" : "1990-01-01", 0, NULL, facility);
      set_origin (input, p, g_rand_double_range (rand, 17, 32), g_rand_double_range (rand, -117, -97));
      ret_builder_get_person (input->data, p)->person->interior_consent = g_rand_boolean (rand);
    }
  g_rand_free (rand);
  return input;
}

static char *
plan_json (RetScheduleInput *input,
           guint32           seed)
{
  g_autoptr(RetScheduleResult) result = plan_days (input, PLAN_DAY, 2, seed);
  g_autoptr(JsonNode) node = ret_schedule_result_to_json (input, result);

  return json_to_string (node, FALSE);
}

static void
test_determinism (void)
{
  g_autoptr(RetScheduleInput) a = random_input (5);
  g_autoptr(RetScheduleInput) b = random_input (5);
  g_autofree char *first = plan_json (a, 42);
  g_autofree char *again = plan_json (b, 42);

  g_assert_cmpstr (first, ==, again);
  g_assert_nonnull (strstr (first, "\"transfers\":[{\"id\":\"T-2026120"));
  g_assert_nonnull (strstr (first, "\"unassigned\":"));
  /* Times in the point's offset: Mexico's border points in winter */
  g_assert_true (strstr (first, "-07:00\"") != NULL || strstr (first, "-08:00\"") != NULL ||
                 strstr (first, "-06:00\"") != NULL);
}

/* Interior flights: for those who consented and live far from the border. */
static void
test_flights (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(RetScheduleResult) no_flights = NULL;
  g_autoptr(GError) error = NULL;
  RetScheduleOptions options;
  GDate from;
  guint far_consent, far_refused, near_consent;
  const RetCheckTransfer *t;

  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_flight (input, "TCA", "MEX", 120, 10 * 60);
  far_consent = add_person (input, "FC", "1990-01-01", 0, NULL, "TCA");
  far_refused = add_person (input, "FR", "1990-01-01", 0, NULL, "TCA");
  near_consent = add_person (input, "NC", "1990-01-01", 0, NULL, "TCA");
  for (guint i = 0; i < 3; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "G%u", i);
      ret_builder_get_person (input->data,
                              add_person (input, a, "1990-01-01", 0, NULL, "TCA"))->person->interior_consent = TRUE;
      set_origin (input, input->data->persons->len - 1, 19.4, -99.1);
    }
  ret_builder_get_person (input->data, far_consent)->person->interior_consent = TRUE;
  ret_builder_get_person (input->data, near_consent)->person->interior_consent = TRUE;
  set_origin (input, far_consent, 19.4, -99.1);      /* Mexico City */
  set_origin (input, far_refused, 19.4, -99.1);
  set_origin (input, near_consent, 30.9, -110.9);    /* near Nogales */

  result = plan (input);
  t = transfer_of (result, far_consent);
  g_assert_cmpstr (t->mode, ==, "flight");
  g_assert_cmpstr (t->point, ==, "MEX");
  g_assert_cmpstr (transfer_of (result, far_refused)->point, ==, "NOG");
  g_assert_cmpstr (transfer_of (result, near_consent)->point, ==, "NOG");

  /* Without flights, everyone goes by road */
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, 1);
  options.flights = FALSE;
  no_flights = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transfer_of (no_flights, far_consent)->mode, ==, "bus");
  g_assert_cmpuint (no_flights->n_hard, ==, 0);
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  (*calls)++;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(RetScheduleInput) input = random_input (9);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  RetScheduleOptions options;
  GDate from;
  guint calls = 0;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, 1);
  options.iterations = 200;

  result = ret_schedule_run (input, &options, count_progress, &calls, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (calls, >=, 10);
  g_assert_cmpuint (result->n_hard, ==, 0);
  g_clear_pointer (&result, ret_schedule_result_free);

  g_cancellable_cancel (cancellable);
  result = ret_schedule_run (input, &options, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (input->data->transfers->len, ==, 0);
}

/* Greedy, each person joins the bus already going somewhere rather than
 * pay for a second one; together, those from Tijuana are worth a bus of
 * their own.  The search finds it; construction alone does not. */
static void
test_improvement (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) greedy = NULL;
  g_autoptr(RetScheduleResult) improved = NULL;
  g_autoptr(GArray) tijuana = g_array_new (FALSE, FALSE, sizeof (guint));
  RetScheduleOptions options;
  GDate from;

  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 40; i++)
    {
      char a[8];
      guint p;

      g_snprintf (a, sizeof a, "P%02u", i);
      p = add_person (input, a, "1990-01-01", 0, NULL, "SDC");
      /* Alternately from Mexicali's valley and from Tijuana */
      if (i % 2 == 0)
        set_origin (input, p, 32.6, -115.4);
      else
        {
          set_origin (input, p, 32.5, -117.0);
          g_array_append_val (tijuana, p);
        }
    }

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, 1);
  options.iterations = 0;
  greedy = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  options.iterations = RET_SCHEDULE_DEFAULT_ITERATIONS;
  improved = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("greedy: %u vehicles, cost %.1f; improved: %u vehicles, cost %.1f",
                  greedy->n_vehicles, greedy->cost, improved->n_vehicles, improved->cost);
  g_assert_cmpuint (greedy->n_planned, ==, 40);
  g_assert_cmpuint (improved->n_planned, ==, 40);
  g_assert_cmpuint (greedy->n_vehicles, ==, 1);
  g_assert_cmpuint (improved->n_vehicles, ==, 2);
  g_assert_cmpfloat (improved->cost, <, greedy->cost);
  for (guint i = 0; i < tijuana->len; i++)
    g_assert_cmpstr (transfer_of (improved, g_array_index (tijuana, guint, i))->point, ==, "TIJ");
  g_assert_cmpuint (greedy->n_hard, ==, 0);
  g_assert_cmpuint (improved->n_hard, ==, 0);
}

/* Not everyone fits: those left out are the dearest to carry. */
static void
test_swap (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(GArray) far = g_array_new (FALSE, FALSE, sizeof (guint));

  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 10, FALSE);
  for (guint i = 0; i < 15; i++)
    {
      char a[8];
      guint p;

      g_snprintf (a, sizeof a, "P%02u", i);
      p = add_person (input, a, "1990-01-01", 0, NULL, "SDC");
      /* The first five listed come from Yucatán; the rest from Tijuana */
      if (i < 5)
        {
          set_origin (input, p, 20.97, -89.62);
          g_array_append_val (far, p);
        }
      else
        set_origin (input, p, 32.5, -117.0);
    }
  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 10);
  for (guint i = 0; i < far->len; i++)
    g_assert_null (transfer_of (result, g_array_index (far, guint, i)));
}

/* A vehicle costs the plan the same whatever its size; a family of
 * three still goes in the van, not a 45-seat bus, which stays free. */
static void
test_right_size (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  const RetCheckTransfer *transfer;
  guint p;

  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 12, FALSE);
  add_vehicle (input, "SDC", RET_VEHICLE_BUS, 45, FALSE);
  p = add_person (input, "F1", "1985-03-01", 0, "FAM-1", "SDC");
  add_person (input, "F2", "1987-06-01", 0, "FAM-1", "SDC");
  add_person (input, "F3", "2015-09-01", 0, "FAM-1", "SDC");

  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 3);
  g_assert_cmpuint (result->transfers->len, ==, 1);
  transfer = transfer_of (result, p);
  g_assert_nonnull (transfer);
  g_assert_cmpint (transfer->seats, ==, 12);
  g_assert_cmpstr (transfer->mode, ==, "van");
}

/* Each family with a record needs a vehicle of its own, but persons
 * alone without one may ride with it: four families and 150 persons
 * alone fill four buses, and the vans meant for such families stay in
 * the yard rather than leave more vehicles half empty. */
static void
test_fewer_vehicles (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(RetScheduleResult) greedy = NULL;
  g_autoptr(GError) error = NULL;
  RetScheduleOptions options;
  GDate from;
  guint family[4][2];

  for (guint v = 0; v < 4; v++)
    {
      add_vehicle (input, "EPT", RET_VEHICLE_BUS, 45, FALSE);
      add_vehicle (input, "EPT", RET_VEHICLE_VAN, 12, FALSE);
    }
  for (guint f = 0; f < 4; f++)
    {
      char a[8], group[8];

      g_snprintf (group, sizeof group, "REC%u", f);
      g_snprintf (a, sizeof a, "R%uA", f);
      family[f][0] = add_person (input, a, "1985-01-01", RET_PERSON_FLAG_CRIMINAL_RECORD, group, "EPT");
      g_snprintf (a, sizeof a, "R%uB", f);
      family[f][1] = add_person (input, a, "1987-01-01", 0, group, "EPT");
    }
  for (guint i = 0; i < 150; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%03u", i);
      add_person (input, a, "1990-01-01", 0, NULL, "EPT");
    }

  /* The first placement does so already, before any improvement */
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, PLAN_DAY, PLAN_MONTH, PLAN_YEAR);
  ret_schedule_options_init (&options, &from, 1);
  options.iterations = 0;
  greedy = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (greedy->n_planned, ==, 158);
  g_assert_cmpuint (greedy->n_vehicles, ==, 4);
  g_assert_cmpuint (greedy->n_hard, ==, 0);

  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 158);
  g_assert_cmpuint (result->n_vehicles, ==, 4);
  for (guint f = 0; f < 4; f++)
    {
      g_assert_true (transfer_of (result, family[f][0]) == transfer_of (result, family[f][1]));
      g_assert_cmpstr (transfer_of (result, family[f][0])->mode, ==, "bus");
      for (guint g = 0; g < f; g++)
        g_assert_true (transfer_of (result, family[f][0]) != transfer_of (result, family[g][0]));
    }
}

/* A family one of whom already left: R07 wants them all on one
 * transfer, and theirs has gone, so the rest wait for a coordinator
 * rather than travel apart.  The departed transfer is in the plan's
 * span (kept) or before it (only named on the person). */
typedef struct
{
  const char *path;
  gboolean    kept;
} DepartedCase;

static const DepartedCase departed_cases[] = {
  { "/scheduler/families/departed-member/kept-transfer", TRUE },
  { "/scheduler/families/departed-member/before-the-span", FALSE },
};

static void
test_family_departed (gconstpointer user_data)
{
  const DepartedCase *c = user_data;
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  const char *code = c->kept ? "T-20261202-NOG-01" : "T-20261201-NOG-01";
  guint gone, mother, child, single;

  /* One bus for the kept transfer, one for the plan */
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  gone = ret_builder_person (input->data, "F1", "1980-01-01", 0, "RUIZ-1", "TCA");
  ret_builder_get_person (input->data, gone)->person->status = RET_PERSON_STATUS_DEPARTED;
  if (c->kept)
    {
      guint kept = ret_builder_transfer (input->data, code, "bus", "TCA", "NOG", "2026-12-02T07:00", 45);
      gint64 no_vehicle = 0;

      ret_builder_board (input->data, kept, gone);
      ret_builder_get_transfer (input->data, kept)->status = RET_TRANSFER_DEPARTED;
      g_array_append_val (input->kept_vehicles, no_vehicle);
    }
  else
    ret_builder_get_person (input->data, gone)->elsewhere_transfer = g_strdup (code);
  mother = add_person (input, "F2", "1982-01-01", 0, "RUIZ-1", "TCA");
  child = add_person (input, "F3", "2015-01-01", 0, "RUIZ-1", "TCA");
  single = add_person (input, "S1", "1990-01-01", 0, NULL, "TCA");

  /* plan() also asserts that the rule engine finds nothing hard,
   * the family's split included, wherever it is reported. */
  result = plan (input);
  g_assert_nonnull (transfer_of (result, single));
  for (guint m = 0; m < 2; m++)
    {
      guint member = m == 0 ? mother : child;
      const RetUnplanned *u = unplanned_of (result, member);

      g_assert_null (transfer_of (result, member));
      g_assert_nonnull (u);
      g_assert_false (u->eligible);
      g_assert_nonnull (strstr (u->reason, "already left"));
      g_assert_nonnull (strstr (u->reason, code));
    }
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 0);
}

/* The handover slots take 30 persons an hour: every busload fits one
 * slot, so nobody is left out for want of a slot while buses have seats
 * and the day has hours. */
static void
test_slot_capacity (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(GHashTable) per_slot = g_hash_table_new (NULL, NULL);

  ret_builder_set_param (input->data, "nogales", RET_RULE_CAPACITY, "slot_capacity", 30);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 60; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%02u", i);
      add_person (input, a, "1990-01-01", 0, NULL, "TCA");
    }

  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 60);
  g_assert_cmpuint (result->unplanned->len, ==, 0);
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *x = g_ptr_array_index (result->transfers, t);
      gpointer hour = GINT_TO_POINTER (local_minute (input, x) / 60 + 1);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_slot, hour)) + x->entries->len;

      g_assert_cmpuint (x->entries->len, <=, 30);
      g_assert_cmpuint (n, <=, 30);
      g_hash_table_insert (per_slot, hour, GUINT_TO_POINTER (n));
    }
  for (guint i = 0; i < result->violations->len; i++)
    g_assert_cmpint (((RetViolation *) g_ptr_array_index (result->violations, i))->rule, !=,
                     RET_RULE_CAPACITY);

  /* Twenty more: the buses have seats, but not the slots; the reason
   * says why the half-empty buses do not take them. */
  for (guint i = 60; i < 80; i++)
    {
      char a[8];

      g_snprintf (a, sizeof a, "P%02u", i);
      add_person (input, a, "1990-01-01", 0, NULL, "TCA");
    }
  g_clear_pointer (&result, ret_schedule_result_free);
  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 60);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 20);
  for (guint i = 0; i < result->unplanned->len; i++)
    {
      const RetUnplanned *u = g_ptr_array_index (result->unplanned, i);

      g_test_message ("%s", u->reason);
      g_assert_nonnull (strstr (u->reason, "at most 30 persons in one slot"));
    }
}

/* Two flights landing in the same hour share its slot: together they
 * carry no more than it takes, and the others who consented go by road. */
static void
test_slot_capacity_flights (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  guint by_air = 0;

  ret_builder_set_param (input->data, "nogales", RET_RULE_CAPACITY, "slot_capacity", 100);
  add_flight (input, "TCA", "MEX", 80, 10 * 60);
  add_flight (input, "TCA", "MEX", 80, 10 * 60);
  add_vehicle (input, "TCA", RET_VEHICLE_BUS, 45, FALSE);
  for (guint i = 0; i < 120; i++)
    {
      char a[8];
      guint p;

      g_snprintf (a, sizeof a, "M%03u", i);
      p = add_person (input, a, "1990-01-01", 0, NULL, "TCA");
      ret_builder_get_person (input->data, p)->person->interior_consent = TRUE;
      set_origin (input, p, 19.4, -99.1);     /* Mexico City */
    }

  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 120);
  for (guint t = 0; t < result->transfers->len; t++)
    {
      const RetCheckTransfer *x = g_ptr_array_index (result->transfers, t);

      if (g_strcmp0 (x->mode, "flight") == 0)
        by_air += x->entries->len;
    }
  g_assert_cmpuint (by_air, ==, 100);
  for (guint i = 0; i < result->violations->len; i++)
    g_assert_cmpint (((RetViolation *) g_ptr_array_index (result->violations, i))->rule, !=,
                     RET_RULE_CAPACITY);
}

/* More waiting than seats.  Once one of a kind finds no seat, the rest
 * of that kind are passed over; those who differ in anything that
 * decides where they may go (a smaller family, another station) must
 * still get the seats left. */
typedef struct
{
  int   seats;          /* Tucson's one van */
  guint family_size;    /* two adults, the rest children */
  guint n_families;
  guint n_singles;
  guint planned;        /* of Tucson's */
} BacklogCase;

static void
test_backlog_alike (void)
{
  static const BacklogCase cases[] = {
    /* Two families fill 10 seats; the third does not fit, two alone do */
    { 12, 5, 3, 6, 12 },
    /* Families of three only: three of them, a seat stays empty */
    { 10, 3, 4, 0, 9 },
    /* Two families of four; the third waits, one alone takes the 9th seat */
    { 10, 4, 3, 1, 9 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const BacklogCase *bc = &cases[c];
      g_autoptr(RetScheduleInput) input = input_new ();
      g_autoptr(RetScheduleResult) result = NULL;
      g_autoptr(GArray) san_diego = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      char a[16];

      add_vehicle (input, "TCA", RET_VEHICLE_VAN, bc->seats, FALSE);
      for (guint f = 0; f < bc->n_families; f++)
        {
          g_autofree char *family = g_strdup_printf ("FAM-%u", f);
          GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));

          for (guint m = 0; m < bc->family_size; m++)
            {
              guint p;

              g_snprintf (a, sizeof a, "F%u-%u", f, m);
              p = add_person (input, a, m < 2 ? "1985-03-01" : "2015-03-01", 0, family, "TCA");
              g_array_append_val (members, p);
            }
          g_ptr_array_add (families, members);
        }
      for (guint i = 0; i < bc->n_singles; i++)
        {
          g_snprintf (a, sizeof a, "S%02u", i);
          add_person (input, a, "1990-01-01", 0, NULL, "TCA");
        }
      /* Alike those alone in Tucson in all but the station, listed last */
      add_vehicle (input, "SDC", RET_VEHICLE_VAN, 12, FALSE);
      for (guint i = 0; i < 3; i++)
        {
          guint p;

          g_snprintf (a, sizeof a, "D%02u", i);
          p = add_person (input, a, "1990-01-01", 0, NULL, "SDC");
          g_array_append_val (san_diego, p);
        }

      result = plan (input);
      g_test_message ("case %u: %u planned", c, result->n_planned);
      g_assert_cmpuint (result->n_planned, ==, bc->planned + san_diego->len);
      g_assert_cmpuint (result->n_eligible_unplanned, ==,
                        bc->family_size * bc->n_families + bc->n_singles - bc->planned);
      for (guint i = 0; i < san_diego->len; i++)
        g_assert_nonnull (transfer_of (result, g_array_index (san_diego, guint, i)));
      /* Whole families, or none of them */
      for (guint f = 0; f < families->len; f++)
        {
          GArray *members = g_ptr_array_index (families, f);
          const RetCheckTransfer *first = transfer_of (result, g_array_index (members, guint, 0));

          for (guint m = 1; m < members->len; m++)
            g_assert_true (transfer_of (result, g_array_index (members, guint, m)) == first);
        }
    }
}

/* Two hundred waiting for one van: the ten who cost least to carry (from
 * Tijuana, next to the point) get it, however far down the list they
 * are, and not the first ten listed. */
static void
test_backlog_nearest (void)
{
  g_autoptr(RetScheduleInput) input = input_new ();
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  add_vehicle (input, "SDC", RET_VEHICLE_VAN, 10, FALSE);
  for (guint i = 0; i < 200; i++)
    {
      char a[8];
      guint p;

      g_snprintf (a, sizeof a, "P%03u", i);
      p = add_person (input, a, "1990-01-01", 0, NULL, "SDC");
      if (i % 20 == 7)
        {
          set_origin (input, p, 32.5, -117.0);
          g_array_append_val (near, p);
        }
      else
        set_origin (input, p, 20.97, -89.62);
    }
  result = plan (input);
  g_assert_cmpuint (result->n_planned, ==, 10);
  g_assert_cmpuint (result->n_eligible_unplanned, ==, 190);
  for (guint i = 0; i < near->len; i++)
    g_assert_nonnull (transfer_of (result, g_array_index (near, guint, i)));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scheduler/values/small", test_small_values);
  g_test_add_func ("/scheduler/options/no-days", test_no_days);
  g_test_add_func ("/scheduler/mixed/no-hard-violations", test_mixed);
  g_test_add_func ("/scheduler/families/never-split", test_families_never_split);
  g_test_add_func ("/scheduler/families/too-big-for-any-vehicle", test_family_too_big);
  g_test_add_func ("/scheduler/families/unfit-or-mixed-stay", test_family_stays_together);
  for (guint i = 0; i < G_N_ELEMENTS (departed_cases); i++)
    g_test_add_data_func (departed_cases[i].path, &departed_cases[i], test_family_departed);
  g_test_add_func ("/scheduler/minors/vans-reception-cutoff", test_minors);
  g_test_add_func ("/scheduler/vulnerable/daylight-winter", test_vulnerable_daylight);
  g_test_add_func ("/scheduler/criminal/apart", test_criminal_apart);
  for (guint i = 0; i < G_N_ELEMENTS (eligibility_cases); i++)
    g_test_add_data_func (eligibility_cases[i].path, &eligibility_cases[i], test_eligibility);
  g_test_add_func ("/scheduler/capacity/seats-and-points", test_capacity);
  g_test_add_func ("/scheduler/capacity/slot-takes-whole-busloads", test_slot_capacity);
  g_test_add_func ("/scheduler/capacity/flights-share-their-slot", test_slot_capacity_flights);
  g_test_add_func ("/scheduler/closure/other-point", test_closure);
  g_test_add_func ("/scheduler/kept/vehicle-and-capacity", test_kept);
  g_test_add_func ("/scheduler/determinism/same-seed", test_determinism);
  g_test_add_func ("/scheduler/flights/consent-and-origin", test_flights);
  g_test_add_func ("/scheduler/run/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/scheduler/search/opens-a-second-vehicle", test_improvement);
  g_test_add_func ("/scheduler/search/leaves-out-the-dearest", test_swap);
  g_test_add_func ("/scheduler/search/families-with-a-record-share-buses", test_fewer_vehicles);
  g_test_add_func ("/scheduler/search/smallest-vehicle-that-seats-them", test_right_size);
  g_test_add_func ("/scheduler/backlog/alike-passed-over-together", test_backlog_alike);
  g_test_add_func ("/scheduler/backlog/seats-to-the-nearest", test_backlog_nearest);

  return g_test_run ();
}
