/* ret-check-builder.c — small plans for the rule tests, built by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One fixed picture of the border, so that a test states only what its
 * case is about: the points, facilities and arrangements below never
 * change, every person starts out clean (Mexican, verified, fit,
 * inventoried) and every transfer starts out planned with no notice.
 * A rule test then breaks exactly one thing and checks that the rule
 * notices.
 */

#undef G_DISABLE_ASSERT

#define G_LOG_DOMAIN "ret-check-builder"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ret-check-builder.h"

/* 2026-12-01T00:00:00Z: before every handover the tests plan, so that
 * deadlines (R08) only pass when a test moves "now". */
#define BUILDER_NOW G_GINT64_CONSTANT (1796083200)

/* 2026-12-02T12:00:00Z */
#define BUILDER_APPREHENDED G_GINT64_CONSTANT (1796212800)

#define BUILDER_DEPARTURE_LEAD (2 * 3600)

typedef struct
{
  const char *code;
  const char *us_port;
  const char *city;
  double      latitude;
  double      longitude;
  const char *timezone;
  gboolean    minors_reception;
  gboolean    airport;
  gboolean    remote_desert;
} PointSpec;

static const PointSpec point_specs[] = {
  { "TIJ", "San Ysidro", "Tijuana", 32.543, -117.035, "America/Tijuana", TRUE, FALSE, FALSE },
  { "MXL", "Calexico West", "Mexicali", 32.679, -115.498, "America/Tijuana", TRUE, FALSE, FALSE },
  { "NOG", "Nogales", "Nogales", 31.333, -110.945, "America/Hermosillo", TRUE, FALSE, FALSE },
  { "OJI", "Presidio", "Ojinaga", 29.561, -104.372, "America/Ojinaga", FALSE, FALSE, FALSE },
  { "CJS", "El Paso", "Ciudad Juárez", 31.748, -106.487, "America/Ciudad_Juarez", TRUE, FALSE, FALSE },
  { "MEX", NULL, "Mexico City", 19.436, -99.072, "America/Mexico_City", FALSE, TRUE, FALSE },
  { "GDL", NULL, "Guadalajara", 20.522, -103.311, "America/Mexico_City", FALSE, TRUE, FALSE },
  { "SLR", "San Luis", "San Luis Río Colorado", 32.486, -114.782, "America/Hermosillo", TRUE, FALSE, TRUE },
};

typedef struct
{
  const char *code;
  const char *name;
  const char *sector_name;
  double      latitude;
  double      longitude;
  const char *timezone;
} FacilitySpec;

static const FacilitySpec facility_specs[] = {
  { "SDC", "San Diego station", "San Diego", 32.716, -117.161, "America/Los_Angeles" },
  { "TCA", "Tucson station", "Tucson", 32.222, -110.975, "America/Phoenix" },
  { "BBT", "Big Bend station", "Big Bend", 30.309, -104.021, "America/Chicago" },
  { "EPT", "El Paso station", "El Paso", 31.762, -106.485, "America/Denver" },
  { "YUM", "Yuma station", "Yuma", 32.693, -114.628, "America/Phoenix" },
};

typedef struct
{
  const char *code;
  const char *name;
  const char *sector;
  const char *points[4];
  gboolean    heat_season;   /* R17 applies */
} ArrangementSpec;

static const ArrangementSpec arrangement_specs[] = {
  { "san-diego", "San Diego", "SDC", { "TIJ", "MXL", NULL }, FALSE },
  { "nogales", "Nogales", "TCA", { "NOG", "MEX", "GDL", NULL }, TRUE },
  { "presidio", "Presidio", "BBT", { "OJI", NULL }, FALSE },
  { "el-paso", "El Paso", "EPT", { "CJS", "MEX", "GDL", NULL }, FALSE },
  { "yuma", "Yuma", "YUM", { "SLR", NULL }, TRUE },
};

static RetPointHours *
hours_new (const ArrangementSpec *arrangement)
{
  RetPointHours *hours = g_new0 (RetPointHours, 1);

  hours->arrangement = g_strdup (arrangement->code);
  hours->arrangement_name = g_strdup (arrangement->name);
  hours->sample = TRUE;
  for (guint day = 0; day < RET_N_WEEKDAYS; day++)
    {
      hours->week[day].open = 6 * 60;
      hours->week[day].close = 21 * 60;
      hours->week[day].vulnerable_open = 7 * 60;
      hours->week[day].vulnerable_close = 20 * 60;
      hours->week[day].minors_cutoff = 18 * 60;
    }

  return hours;
}

static RetPoint *
point_new (const PointSpec *spec)
{
  RetPoint *point = ret_point_new ();

  point->code = g_strdup (spec->code);
  point->us_port = g_strdup (spec->us_port);
  point->city = g_strdup (spec->city);
  point->latitude = spec->latitude;
  point->longitude = spec->longitude;
  point->timezone = g_strdup (spec->timezone);
  point->minors_reception = spec->minors_reception;
  point->airport = spec->airport;
  point->remote_desert = spec->remote_desert;
  point->daily_capacity = 700;
  point->capacity_sample = TRUE;

  /* Hours for every arrangement that designates the point: MEX and GDL
   * serve both Tucson and El Paso. */
  for (guint i = 0; i < G_N_ELEMENTS (arrangement_specs); i++)
    for (guint j = 0; arrangement_specs[i].points[j] != NULL; j++)
      if (strcmp (arrangement_specs[i].points[j], spec->code) == 0)
        g_ptr_array_add (point->hours, hours_new (&arrangement_specs[i]));

  return point;
}

static RetFacility *
facility_new (const FacilitySpec *spec)
{
  RetFacility *facility = g_new0 (RetFacility, 1);

  facility->code = g_strdup (spec->code);
  facility->name = g_strdup (spec->name);
  facility->sector = g_strdup (spec->code);
  facility->sector_name = g_strdup (spec->sector_name);
  facility->kind = g_strdup ("station");
  facility->latitude = spec->latitude;
  facility->longitude = spec->longitude;
  facility->coordinates_approximate = TRUE;
  facility->timezone = g_strdup (spec->timezone);

  return facility;
}

static RetCheckArrangement *
arrangement_new (const ArrangementSpec *spec)
{
  RetCheckArrangement *arrangement = ret_check_arrangement_new ();
  const char *sectors[] = { spec->sector, NULL };

  arrangement->code = g_strdup (spec->code);
  arrangement->name = g_strdup (spec->name);
  g_date_clear (&arrangement->effective_from, 1);
  g_date_set_dmy (&arrangement->effective_from, 1, G_DATE_JANUARY, 2016);
  g_date_clear (&arrangement->effective_to, 1);
  g_strfreev (arrangement->sectors);
  arrangement->sectors = g_strdupv ((char **) sectors);
  g_strfreev (arrangement->points);
  arrangement->points = g_strdupv ((char **) spec->points);

  if (spec->heat_season)
    {
      int i = ret_rule_param_index (RET_RULE_HEAT_SEASON, "applies");

      g_assert_cmpint (i, >=, 0);
      arrangement->params.value[RET_RULE_HEAT_SEASON][i] = 1;
      arrangement->params.sample[RET_RULE_HEAT_SEASON][i] = FALSE;
    }

  return arrangement;
}

RetCheckData *
ret_builder_new (void)
{
  RetCheckData *data = ret_check_data_new ();

  data->now = BUILDER_NOW;

  for (guint i = 0; i < G_N_ELEMENTS (point_specs); i++)
    g_ptr_array_add (data->points, point_new (&point_specs[i]));
  for (guint i = 0; i < G_N_ELEMENTS (facility_specs); i++)
    g_ptr_array_add (data->facilities, facility_new (&facility_specs[i]));
  for (guint i = 0; i < G_N_ELEMENTS (arrangement_specs); i++)
    g_ptr_array_add (data->arrangements, arrangement_new (&arrangement_specs[i]));

  ret_check_data_invalidate (data);

  return data;
}

guint
ret_builder_person (RetCheckData   *data,
                    const char     *a_number,
                    const char     *birth_date,
                    RetPersonFlags  flags,
                    const char     *family,
                    const char     *facility)
{
  RetPerson *person = ret_person_new ();
  RetCheckPerson *check_person;
  int year, month, day;
  guint index;

  g_assert_nonnull (a_number);
  g_assert_nonnull (birth_date);
  g_assert_cmpint (sscanf (birth_date, "%d-%d-%d", &year, &month, &day), ==, 3);
  g_assert_true (g_date_valid_dmy (day, month, year));

  person->id = data->persons->len + 1;
  person->a_number = g_strdup (a_number);
  person->family_name = g_strdup ("Test");
  person->given_names = g_strdup (a_number);
  g_date_set_dmy (&person->birth_date, day, month, year);
  person->nationality = g_strdup ("MEX");
  person->nationality_verified = TRUE;
  person->facility = g_strdup (facility);
  person->apprehended_at = BUILDER_APPREHENDED;
  person->family_group = g_strdup (family);
  person->flags = flags;
  person->medical_fit = TRUE;
  person->interior_consent = FALSE;
  person->status = RET_PERSON_STATUS_PLANNED;

  check_person = ret_check_person_new (person);
  check_person->belongings_inventoried = TRUE;
  check_person->belongings_outstanding = 0;
  if (check_person->medical_notes == NULL)
    check_person->medical_notes = g_strdup ("");
  check_person->origin_known = FALSE;

  index = ret_check_data_add_person (data, check_person);
  ret_check_data_invalidate (data);

  return index;
}

static GTimeZone *
builder_zone (RetCheckData *data,
              const char   *place)
{
  for (guint i = 0; i < data->points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (data->points, i);

      if (g_strcmp0 (point->code, place) == 0)
        return g_time_zone_new_identifier (point->timezone);
    }

  for (guint i = 0; i < data->facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (data->facilities, i);

      if (g_strcmp0 (facility->code, place) == 0)
        return g_time_zone_new_identifier (facility->timezone);
    }

  g_error ("builder: no point or facility %s", place);
  return NULL;
}

/* "YYYY-MM-DDTHH:MM" in the zone of a point (or facility) */
gint64
ret_builder_local_time (RetCheckData *data,
                        const char   *point,
                        const char   *local)
{
  g_autoptr(GTimeZone) zone = builder_zone (data, point);
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute;

  g_assert_nonnull (zone);
  g_assert_cmpint (sscanf (local, "%d-%d-%dT%d:%d", &year, &month, &day, &hour, &minute), ==, 5);
  time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  g_assert_nonnull (time);

  return g_date_time_to_unix (time);
}

guint
ret_builder_transfer (RetCheckData *data,
                      const char   *code,
                      const char   *mode,
                      const char   *facility,
                      const char   *point,
                      const char   *handover_local,
                      int           seats)
{
  RetCheckTransfer *transfer = ret_check_transfer_new ();

  transfer->id = data->transfers->len + 1;
  transfer->plan_id = 1;
  transfer->code = g_strdup (code);
  transfer->mode = g_strdup (mode);
  transfer->facility = g_strdup (facility);
  transfer->point = g_strdup (point);
  transfer->handover_at = ret_builder_local_time (data, point, handover_local);
  transfer->depart_at = transfer->handover_at - BUILDER_DEPARTURE_LEAD;
  transfer->seats = seats;
  transfer->status = RET_TRANSFER_PLANNED;
  for (guint i = 0; i < RET_N_NOTICE_KINDS; i++)
    transfer->notice_sent_at[i] = 0;

  return ret_check_data_add_transfer (data, transfer);
}

void
ret_builder_board (RetCheckData *data,
                   guint         transfer,
                   guint         person)
{
  g_assert_cmpuint (person, <, data->persons->len);
  ret_check_transfer_add_person (ret_builder_get_transfer (data, transfer), person);
}

RetCheckPerson *
ret_builder_get_person (RetCheckData *data,
                        guint         person)
{
  g_assert_cmpuint (person, <, data->persons->len);
  return g_ptr_array_index (data->persons, person);
}

RetCheckTransfer *
ret_builder_get_transfer (RetCheckData *data,
                          guint         transfer)
{
  g_assert_cmpuint (transfer, <, data->transfers->len);
  return g_ptr_array_index (data->transfers, transfer);
}

RetCheckEntry *
ret_builder_get_entry (RetCheckData *data,
                       guint         transfer,
                       guint         person)
{
  RetCheckTransfer *t = ret_builder_get_transfer (data, transfer);

  for (guint i = 0; i < t->entries->len; i++)
    {
      RetCheckEntry *entry = &g_array_index (t->entries, RetCheckEntry, i);

      if (entry->person == person)
        return entry;
    }

  return NULL;
}

void
ret_builder_set_param (RetCheckData *data,
                       const char   *arrangement,
                       RetRuleId     rule,
                       const char   *key,
                       int           value)
{
  int i = ret_rule_param_index (rule, key);

  g_assert_cmpint (i, >=, 0);

  for (guint j = 0; j < data->arrangements->len; j++)
    {
      RetCheckArrangement *a = g_ptr_array_index (data->arrangements, j);

      if (g_strcmp0 (a->code, arrangement) == 0)
        {
          a->params.value[rule][i] = value;
          a->params.sample[rule][i] = FALSE;
          ret_check_data_invalidate (data);
          return;
        }
    }

  g_error ("builder: no arrangement %s", arrangement);
}

guint
ret_builder_count_severity (RetCheckResult *result,
                            RetRuleId       rule,
                            RetSeverity     severity)
{
  GPtrArray *violations = ret_check_result_get_violations (result);
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);

      if (violation->rule == rule && violation->severity == severity)
        n++;
    }

  return n;
}

guint
ret_builder_count (RetCheckResult *result,
                   RetRuleId       rule)
{
  return ret_builder_count_severity (result, rule, RET_SEVERITY_HARD) +
         ret_builder_count_severity (result, rule, RET_SEVERITY_WARNING);
}

const RetViolation *
ret_builder_find (RetCheckResult *result,
                  RetRuleId       rule,
                  const char     *subject)
{
  GPtrArray *violations = ret_check_result_get_violations (result);

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);

      if (violation->rule == rule && (subject == NULL || g_strcmp0 (violation->subject, subject) == 0))
        return violation;
    }

  return NULL;
}

const RetViolation *
ret_builder_first (RetCheckResult *result,
                   RetRuleId       rule)
{
  return ret_builder_find (result, rule, NULL);
}

gboolean
ret_builder_names (RetCheckResult *result,
                   RetRuleId       rule,
                   const char     *a_number)
{
  GPtrArray *violations = ret_check_result_get_violations (result);

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);

      if (violation->rule != rule || violation->persons == NULL)
        continue;

      for (guint j = 0; j < violation->persons->len; j++)
        if (g_strcmp0 (g_ptr_array_index (violation->persons, j), a_number) == 0)
          return TRUE;
    }

  return FALSE;
}
