/* test-solar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib.h>

#include "ret-solar.h"

/* The bar the planner needs: vulnerable persons are handed over in
 * daylight, and times are shown to the minute. */
#define TOLERANCE_SECONDS 60

typedef struct
{
  const char *code;
  double      lat;
  double      lon;
  const char *zone;
} Point;

/* The points of data/reference/points.json. */
static const Point points[] = {
  { "TIJ", 32.543, -117.035, "America/Tijuana" },
  { "MXL", 32.679, -115.498, "America/Tijuana" },
  { "SLR", 32.486, -114.782, "America/Hermosillo" },
  { "NOG", 31.333, -110.945, "America/Hermosillo" },
  { "CJS", 31.748, -106.487, "America/Ciudad_Juarez" },
  { "OJI", 29.561, -104.372, "America/Ojinaga" },
  { "ACU", 29.327, -100.928, "America/Matamoros" },
  { "PDN", 28.709, -100.499, "America/Matamoros" },
  { "NLD", 27.502, -99.504, "America/Matamoros" },
  { "REX", 26.100, -98.272, "America/Matamoros" },
  { "MAM", 25.901, -97.503, "America/Matamoros" },
  { "MEX", 19.436, -99.072, "America/Mexico_City" },
  { "GDL", 20.522, -103.311, "America/Mexico_City" },
};

static GTimeZone *
zone_new (const char *identifier)
{
  GTimeZone *zone = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (zone);
  return zone;
}

static void
compute_or_fail (const Point *pt,
                 GTimeZone   *zone,
                 const GDate *date,
                 RetDaylight *out)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ret_daylight_compute (pt->lat, pt->lon, zone, date, out, &error));
  g_assert_no_error (error);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;

  if (sscanf (text, "%u-%u-%u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

typedef struct
{
  double max_error;
  double sum_error;
  guint  n_events;
  guint  n_absent;
} ErrorStats;

static void
check_against_reference (const char        *where,
                         const char        *what,
                         const char        *field,
                         const RetSunEvent *event,
                         ErrorStats        *stats)
{
  gint64 expected, delta;

  if (*field == '\0')
    {
      if (event->kind == RET_SUN_EVENT_OCCURS)
        g_error ("%s: %s found, but the reference has none on that date", where, what);
      g_assert_cmpint (event->utc, ==, 0);
      stats->n_absent++;
      return;
    }

  expected = g_ascii_strtoll (field, NULL, 10);
  if (event->kind != RET_SUN_EVENT_OCCURS)
    g_error ("%s: no %s found (kind %d), the reference has %" G_GINT64_FORMAT,
             where, what, event->kind, expected);

  delta = ABS (event->utc - expected);
  if (delta > TOLERANCE_SECONDS)
    g_error ("%s: %s is %" G_GINT64_FORMAT " s off the reference", where, what, delta);

  stats->max_error = MAX (stats->max_error, (double) delta);
  stats->sum_error += (double) delta;
  stats->n_events++;
}

/* Every point, every day of 2026–2030, against Astronomy Engine; see
 * tools/solar/README.md for how the file was made. */
static void
test_reference_all_points (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "solar-reference.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_auto(GStrv) lines = NULL;
  const Point *pt = NULL;
  ErrorStats stats = { 0 };
  guint n_days = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      RetDaylight dl;
      GDate date;
      g_autofree char *where = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], ",", -1);
      if (g_str_equal (fields[0], "point"))
        {
          g_assert_cmpuint (g_strv_length (fields), ==, 5);
          pt = NULL;
          for (guint p = 0; p < G_N_ELEMENTS (points); p++)
            if (g_str_equal (points[p].code, fields[1]))
              pt = &points[p];
          g_assert_nonnull (pt);
          /* The reference was made for these very coordinates. */
          g_assert_cmpfloat_with_epsilon (pt->lat, g_ascii_strtod (fields[2], NULL), 1e-9);
          g_assert_cmpfloat_with_epsilon (pt->lon, g_ascii_strtod (fields[3], NULL), 1e-9);
          g_assert_cmpstr (pt->zone, ==, fields[4]);
          g_clear_pointer (&zone, g_time_zone_unref);
          zone = zone_new (pt->zone);
          continue;
        }

      g_assert_nonnull (pt);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_true (parse_date (fields[0], &date));
      compute_or_fail (pt, zone, &date, &dl);
      n_days++;

      where = g_strdup_printf ("%s %s", pt->code, fields[0]);
      check_against_reference (where, "sunrise", fields[1], &dl.sunrise, &stats);
      check_against_reference (where, "sunset", fields[2], &dl.sunset, &stats);
      check_against_reference (where, "civil dawn", fields[3], &dl.civil_dawn, &stats);
      check_against_reference (where, "civil dusk", fields[4], &dl.civil_dusk, &stats);
    }

  /* 13 points × 1826 days. */
  g_assert_cmpuint (n_days, ==, G_N_ELEMENTS (points) * 1826);
  g_assert_cmpuint (stats.n_absent, ==, 0);
  g_test_message ("%u events on %u point-days: max error %.0f s, mean %.2f s",
                  stats.n_events, n_days, stats.max_error,
                  stats.sum_error / stats.n_events);
}

typedef struct
{
  const char *code;
  const char *date;
  const char *sunrise;
  const char *sunset;
  const char *civil_dawn;
  const char *civil_dusk;
} Published;

/* Local times as a sunrise table prints them.  No USNO or NOAA table
 * could be consulted where these tests were written, so the values come
 * from the reference engine (Astronomy Engine 2.1.19) rather than from a
 * published page.  Unlike the bulk file they are written as local
 * times with their offsets, so they also pin down which zone offset
 * applies on each date. */
static const Published published[] = {
  { "CJS", "2026-06-21",
    "2026-06-21T06:01:07-06:00", "2026-06-21T20:14:32-06:00",
    "2026-06-21T05:32:54-06:00", "2026-06-21T20:42:45-06:00" },
  { "TIJ", "2026-12-21",
    "2026-12-21T06:46:01-08:00", "2026-12-21T16:46:43-08:00",
    "2026-12-21T06:18:48-08:00", "2026-12-21T17:13:56-08:00" },
  { "MEX", "2026-03-20",
    "2026-03-20T06:40:14-06:00", "2026-03-20T18:47:20-06:00",
    "2026-03-20T06:18:20-06:00", "2026-03-20T19:09:15-06:00" },
};

static const Point *
point_by_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (g_str_equal (points[i].code, code))
      return &points[i];
  g_assert_not_reached ();
}

static void
assert_event_near (const RetSunEvent *event,
                   const char        *iso)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (expected);
  g_assert_cmpint (event->kind, ==, RET_SUN_EVENT_OCCURS);
  g_assert_cmpint (ABS (event->utc - g_date_time_to_unix (expected)), <=, TOLERANCE_SECONDS);
}

static void
test_published (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (published); i++)
    {
      const Published *p = &published[i];
      const Point *pt = point_by_code (p->code);
      g_autoptr(GTimeZone) zone = zone_new (pt->zone);
      RetDaylight dl;
      GDate date;

      g_test_message ("%s %s", p->code, p->date);
      g_assert_true (parse_date (p->date, &date));
      compute_or_fail (pt, zone, &date, &dl);
      g_assert_cmpint (g_date_compare (&dl.date, &date), ==, 0);
      assert_event_near (&dl.sunrise, p->sunrise);
      assert_event_near (&dl.sunset, p->sunset);
      assert_event_near (&dl.civil_dawn, p->civil_dawn);
      assert_event_near (&dl.civil_dusk, p->civil_dusk);
    }
}

/* The local date, in @zone, of an event. */
static void
assert_on_local_date (const RetSunEvent *event,
                      GTimeZone         *zone,
                      const GDate       *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (event->utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  g_assert_cmpint (event->kind, ==, RET_SUN_EVENT_OCCURS);
  g_assert_cmpint (g_date_time_get_year (local), ==, g_date_get_year (date));
  g_assert_cmpint (g_date_time_get_month (local), ==, g_date_get_month (date));
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, g_date_get_day (date));
}

static void
test_invariants_order (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      g_autoptr(GTimeZone) zone = zone_new (points[p].zone);
      GDate date;

      for (g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
           g_date_get_year (&date) == 2026;
           g_date_add_days (&date, 1))
        {
          RetDaylight dl;

          compute_or_fail (&points[p], zone, &date, &dl);
          assert_on_local_date (&dl.civil_dawn, zone, &date);
          assert_on_local_date (&dl.sunrise, zone, &date);
          assert_on_local_date (&dl.sunset, zone, &date);
          assert_on_local_date (&dl.civil_dusk, zone, &date);
          g_assert_cmpint (dl.civil_dawn.utc, <, dl.sunrise.utc);
          g_assert_cmpint (dl.sunrise.utc, <, dl.sunset.utc);
          g_assert_cmpint (dl.sunset.utc, <, dl.civil_dusk.utc);
        }
    }
}

/* Solstices of 2026: June 21 08:24 UTC, December 21 20:50 UTC. */
static void
test_invariants_solstices (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      g_autoptr(GTimeZone) zone = zone_new (points[p].zone);
      gint64 longest = 0, shortest = G_MAXINT64;
      guint longest_day = 0, shortest_day = 0;
      GDate date, june, december;

      g_date_set_dmy (&june, 21, G_DATE_JUNE, 2026);
      g_date_set_dmy (&december, 21, G_DATE_DECEMBER, 2026);

      for (g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
           g_date_get_year (&date) == 2026;
           g_date_add_days (&date, 1))
        {
          RetDaylight dl;
          gint64 length;

          compute_or_fail (&points[p], zone, &date, &dl);
          length = dl.sunset.utc - dl.sunrise.utc;
          /* Strict comparisons: near a solstice the length changes by
           * under a second a day, so the first of equal days counts. */
          if (length > longest)
            {
              longest = length;
              longest_day = g_date_get_julian (&date);
            }
          if (length < shortest)
            {
              shortest = length;
              shortest_day = g_date_get_julian (&date);
            }
        }

      g_test_message ("%s: longest day %.2f h, shortest %.2f h", points[p].code,
                      longest / 3600.0, shortest / 3600.0);
      g_assert_cmpint (ABS ((int) longest_day - (int) g_date_get_julian (&june)), <=, 3);
      g_assert_cmpint (ABS ((int) shortest_day - (int) g_date_get_julian (&december)), <=, 3);
    }
}

static void
test_polar (void)
{
  const Point svalbard = { "LYR", 78.2, 15.6, "Arctic/Longyearbyen" };
  g_autoptr(GTimeZone) zone = zone_new (svalbard.zone);
  RetDaylight dl;
  GDate date;

  g_date_set_dmy (&date, 21, G_DATE_JUNE, 2026);
  compute_or_fail (&svalbard, zone, &date, &dl);
  g_assert_cmpint (dl.sunrise.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.sunset.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.civil_dawn.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.civil_dusk.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.sunrise.utc, ==, 0);
  g_assert_cmpint (dl.sunset.utc, ==, 0);
  g_assert_cmpint (dl.civil_dawn.utc, ==, 0);
  g_assert_cmpint (dl.civil_dusk.utc, ==, 0);

  /* At 78° the sun at noon on the December solstice is 35° below the
   * horizon: no civil twilight either. */
  g_date_set_dmy (&date, 21, G_DATE_DECEMBER, 2026);
  compute_or_fail (&svalbard, zone, &date, &dl);
  g_assert_cmpint (dl.sunrise.kind, ==, RET_SUN_EVENT_NEVER_UP);
  g_assert_cmpint (dl.sunset.kind, ==, RET_SUN_EVENT_NEVER_UP);
  g_assert_cmpint (dl.civil_dawn.kind, ==, RET_SUN_EVENT_NEVER_UP);
  g_assert_cmpint (dl.civil_dusk.kind, ==, RET_SUN_EVENT_NEVER_UP);
  g_assert_cmpint (dl.sunrise.utc, ==, 0);
  g_assert_cmpint (dl.civil_dusk.utc, ==, 0);

  /* In mid-April the sun still sets there, but not far enough for
   * civil twilight to end: a sunset without a dusk. */
  g_date_set_dmy (&date, 10, G_DATE_APRIL, 2026);
  compute_or_fail (&svalbard, zone, &date, &dl);
  g_assert_cmpint (dl.civil_dawn.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.civil_dusk.kind, ==, RET_SUN_EVENT_NEVER_DOWN);
  g_assert_cmpint (dl.sunrise.kind, ==, RET_SUN_EVENT_OCCURS);
  g_assert_cmpint (dl.sunset.kind, ==, RET_SUN_EVENT_OCCURS);
  g_assert_cmpint (dl.sunrise.utc, <, dl.sunset.utc);

  /* Every day of a year there: each event either happens on its local
   * date or says why not, and never leaves an instant behind. */
  for (g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
       g_date_get_year (&date) == 2026;
       g_date_add_days (&date, 1))
    {
      const RetSunEvent *events[4];

      compute_or_fail (&svalbard, zone, &date, &dl);
      events[0] = &dl.sunrise;
      events[1] = &dl.sunset;
      events[2] = &dl.civil_dawn;
      events[3] = &dl.civil_dusk;
      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        {
          if (events[i]->kind == RET_SUN_EVENT_OCCURS)
            assert_on_local_date (events[i], zone, &date);
          else
            g_assert_cmpint (events[i]->utc, ==, 0);
        }
    }
}

static void
assert_invalid (double       lat,
                double       lon,
                const GDate *date)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  RetDaylight dl;

  g_assert_false (ret_daylight_compute (lat, lon, zone, date, &dl, &error));
  g_assert_error (error, RET_SOLAR_ERROR, RET_SOLAR_ERROR_INVALID);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%g, %g: %s", lat, lon, error->message);
}

static void
test_invalid (void)
{
  GDate date, bad;

  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
  assert_invalid (NAN, 0.0, &date);
  assert_invalid (0.0, NAN, &date);
  assert_invalid (90.5, 0.0, &date);
  assert_invalid (-91.0, 0.0, &date);
  assert_invalid (0.0, 180.1, &date);
  assert_invalid (0.0, -181.0, &date);
  assert_invalid (INFINITY, 0.0, &date);
  assert_invalid (0.0, -INFINITY, &date);

  g_date_clear (&bad, 1);
  assert_invalid (32.5, -117.0, &bad);

  /* The edges of the ranges are valid. */
  {
    g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
    g_autoptr(GError) error = NULL;
    RetDaylight dl;

    g_assert_true (ret_daylight_compute (90.0, 180.0, zone, &date, &dl, &error));
    g_assert_no_error (error);
    g_assert_true (ret_daylight_compute (-90.0, -180.0, zone, &date, &dl, &error));
    g_assert_no_error (error);
  }
}

typedef struct
{
  const char *date;
  int         offset_before;  /* hours, on the day before */
  int         offset_after;   /* hours, at the events on the day */
} DstCase;

/* Tijuana follows US DST: 2026-03-08 02:00 PST → PDT and 2026-11-01
 * 02:00 PDT → PST, both before any of the day's events. */
static void
test_dst (void)
{
  static const DstCase cases[] = {
    { "2026-03-08", -8, -7 },
    { "2026-11-01", -7, -8 },
  };
  const Point *pt = point_by_code ("TIJ");
  g_autoptr(GTimeZone) zone = zone_new (pt->zone);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RetDaylight before, day;
      GDate date, prev;
      const RetSunEvent *events[4];

      g_assert_true (parse_date (cases[i].date, &date));
      prev = date;
      g_date_subtract_days (&prev, 1);
      compute_or_fail (pt, zone, &prev, &before);
      compute_or_fail (pt, zone, &date, &day);

      events[0] = &day.sunrise;
      events[1] = &day.sunset;
      events[2] = &day.civil_dawn;
      events[3] = &day.civil_dusk;
      for (guint e = 0; e < G_N_ELEMENTS (events); e++)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (events[e]->utc);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

          assert_on_local_date (events[e], zone, &date);
          g_assert_cmpint (g_date_time_get_utc_offset (local), ==,
                           (gint64) cases[i].offset_after * G_TIME_SPAN_HOUR);
        }

      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (before.sunrise.utc);
        g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

        g_assert_cmpint (g_date_time_get_utc_offset (local), ==,
                         (gint64) cases[i].offset_before * G_TIME_SPAN_HOUR);
      }

      /* In UTC the sun keeps its pace (a day apart within two
       * minutes); only the clock on the wall jumps. */
      g_assert_cmpint (ABS (day.sunrise.utc - before.sunrise.utc - 86400), <=, 120);
      g_assert_cmpint (ABS (day.sunset.utc - before.sunset.utc - 86400), <=, 120);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/solar/reference/all-points", test_reference_all_points);
  g_test_add_func ("/solar/published", test_published);
  g_test_add_func ("/solar/invariants/order", test_invariants_order);
  g_test_add_func ("/solar/invariants/solstices", test_invariants_solstices);
  g_test_add_func ("/solar/polar", test_polar);
  g_test_add_func ("/solar/invalid", test_invalid);
  g_test_add_func ("/solar/dst/tijuana", test_dst);

  return g_test_run ();
}
