/* test-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the day timeline, without a display.  Sun times are given
 * by hand: what is tested here is where things fall in the day, not the
 * astronomy.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ret-timeline.h"

/* seconds since the epoch of a local wall-clock time in @zone */
static gint64
local_utc (const char *zone_id,
           int         year,
           int         month,
           int         day,
           int         hour,
           int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (zone);
  dt = g_date_time_new (zone, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

static RetSunEvent
event_at (gint64 utc)
{
  RetSunEvent e = { RET_SUN_EVENT_OCCURS, utc };

  return e;
}

static void
set_daylight (RetDaylight *daylight,
              const char  *zone,
              const GDate *date,
              int          dawn,
              int          rise,
              int          set,
              int          dusk)
{
  int y = g_date_get_year (date), m = g_date_get_month (date), d = g_date_get_day (date);

  memset (daylight, 0, sizeof *daylight);
  daylight->date = *date;
  daylight->civil_dawn = event_at (local_utc (zone, y, m, d, dawn / 60, dawn % 60));
  daylight->sunrise = event_at (local_utc (zone, y, m, d, rise / 60, rise % 60));
  daylight->sunset = event_at (local_utc (zone, y, m, d, set / 60, set % 60));
  daylight->civil_dusk = event_at (local_utc (zone, y, m, d, dusk / 60, dusk % 60));
}

static RetPoint *
make_point (const char *code,
            const char *city,
            const char *zone,
            gboolean    minors_reception)
{
  RetPoint *point = ret_point_new ();
  RetPointHours *hours = g_new0 (RetPointHours, 1);

  point->code = g_strdup (code);
  point->city = g_strdup (city);
  point->timezone = g_strdup (zone);
  point->minors_reception = minors_reception;

  hours->arrangement = g_strdup ("TEST");
  hours->arrangement_name = g_strdup ("Test");
  for (guint i = 0; i < RET_N_WEEKDAYS; i++)
    {
      RetWindow w = { 6 * 60, 21 * 60, 7 * 60, 20 * 60, 18 * 60 };

      hours->week[i] = w;
    }
  g_ptr_array_add (point->hours, hours);

  return point;
}

static RetTransfer *
make_transfer (const char *code,
               const char *point,
               gint64      depart,
               gint64      handover,
               int         n_persons)
{
  RetTransfer *t = g_new0 (RetTransfer, 1);

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup ("TCA");
  t->point = g_strdup (point);
  t->depart_at = depart;
  t->handover_at = handover;
  t->seats = 45;
  t->n_persons = n_persons;

  return t;
}

#define HOUR 3600

static void
assert_segment (const RetTimeline *tl,
                guint              i,
                RetTimelineLight   light,
                gint64             start,
                gint64             end)
{
  const RetTimelineSegment *seg;

  g_assert_cmpuint (i, <, tl->segments->len);
  seg = &g_array_index (tl->segments, RetTimelineSegment, i);
  g_assert_cmpint (seg->light, ==, light);
  g_assert_cmpint (seg->start_utc, ==, start);
  g_assert_cmpint (seg->end_utc, ==, end);
  g_assert_cmpfloat_with_epsilon (seg->start, ret_timeline_fraction (tl, start), 1e-9);
  g_assert_cmpfloat_with_epsilon (seg->end, ret_timeline_fraction (tl, end), 1e-9);
}

/* Nogales keeps no DST: a 24-hour day with five bands in order. */
static void
test_normal_day (void)
{
  const char *zone = "America/Hermosillo";
  g_autoptr(RetPoint) point = make_point ("NOG", "Nogales", zone, TRUE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  RetDaylight daylight;
  GDate date;
  gint64 midnight = local_utc (zone, 2026, 12, 3, 0, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_DECEMBER, 2026);
  set_daylight (&daylight, zone, &date, 6 * 60 + 46, 7 * 60 + 12, 17 * 60 + 31, 17 * 60 + 57);

  tl = ret_timeline_compute (point, &date, &daylight, NULL, midnight + 14 * HOUR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tl);

  g_assert_cmpint (tl->day_start_utc, ==, midnight);
  g_assert_cmpint (tl->day_end_utc - tl->day_start_utc, ==, 24 * HOUR);

  g_assert_cmpuint (tl->segments->len, ==, 5);
  assert_segment (tl, 0, RET_TIMELINE_NIGHT, midnight, daylight.civil_dawn.utc);
  assert_segment (tl, 1, RET_TIMELINE_TWILIGHT, daylight.civil_dawn.utc, daylight.sunrise.utc);
  assert_segment (tl, 2, RET_TIMELINE_DAYLIGHT, daylight.sunrise.utc, daylight.sunset.utc);
  assert_segment (tl, 3, RET_TIMELINE_TWILIGHT, daylight.sunset.utc, daylight.civil_dusk.utc);
  assert_segment (tl, 4, RET_TIMELINE_NIGHT, daylight.civil_dusk.utc, midnight + 24 * HOUR);
  g_assert_cmpfloat (g_array_index (tl->segments, RetTimelineSegment, 0).start, ==, 0.0);
  g_assert_cmpfloat (g_array_index (tl->segments, RetTimelineSegment, 4).end, ==, 1.0);

  g_assert_true (tl->window.open);
  g_assert_cmpint (tl->window.start_utc, ==, midnight + 6 * HOUR);
  g_assert_cmpint (tl->window.end_utc, ==, midnight + 21 * HOUR);
  g_assert_cmpfloat_with_epsilon (tl->window.start, 6.0 / 24.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl->window.end, 21.0 / 24.0, 1e-9);
  g_assert_true (tl->vulnerable.open);
  g_assert_cmpfloat_with_epsilon (tl->vulnerable.start, 7.0 / 24.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl->vulnerable.end, 20.0 / 24.0, 1e-9);
  g_assert_true (tl->has_minors_cutoff);
  g_assert_cmpfloat_with_epsilon (tl->minors_cutoff, 18.0 / 24.0, 1e-9);

  /* in December the vulnerable window outlasts the light: only
   * 07:12–17:31 of 07:00–20:00 counts */
  g_assert_true (tl->vulnerable_daylight.open);
  g_assert_cmpint (tl->vulnerable_daylight.start_utc, ==, daylight.sunrise.utc);
  g_assert_cmpint (tl->vulnerable_daylight.end_utc, ==, daylight.sunset.utc);

  g_assert_true (tl->has_now);
  g_assert_cmpfloat_with_epsilon (tl->now, 14.0 / 24.0, 1e-9);
  g_assert_cmpuint (tl->blocks->len, ==, 0);

  g_assert_true (ret_timeline_segment_at (tl, 0.5)->light == RET_TIMELINE_DAYLIGHT);
  g_assert_true (ret_timeline_segment_at (tl, 0.01)->light == RET_TIMELINE_NIGHT);
}

/* America/Tijuana falls back on 1 November 2026: 25 hours from
 * midnight to midnight, and the afternoon sits an hour further along. */
static void
test_dst_day (void)
{
  const char *zone = "America/Tijuana";
  g_autoptr(RetPoint) point = make_point ("TIJ", "Tijuana", zone, TRUE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(RetTimeline) spring = NULL;
  g_autoptr(GError) error = NULL;
  RetDaylight daylight;
  GDate date;
  gint64 noon = local_utc (zone, 2026, 11, 1, 12, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_NOVEMBER, 2026);
  set_daylight (&daylight, zone, &date, 5 * 60 + 48, 6 * 60 + 13, 16 * 60 + 58, 17 * 60 + 23);

  tl = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_no_error (error);

  /* 00:00 PDT (07:00 UTC) to 00:00 PST (08:00 UTC next day) */
  g_assert_cmpint (tl->day_start_utc, ==, 1793516400); /* 2026-11-01T07:00:00Z */
  g_assert_cmpint (tl->day_end_utc - tl->day_start_utc, ==, 25 * HOUR);

  /* local noon is 13 hours after local midnight: 13/25 of the row */
  g_assert_cmpint (noon - tl->day_start_utc, ==, 13 * HOUR);
  g_assert_cmpfloat_with_epsilon (ret_timeline_fraction (tl, noon), 13.0 / 25.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tl->window.start, 7.0 / 25.0, 1e-9);   /* 06:00 PST */
  g_assert_cmpfloat_with_epsilon (tl->window.end, 22.0 / 25.0, 1e-9);    /* 21:00 PST */
  g_assert_cmpfloat_with_epsilon (tl->minors_cutoff, 19.0 / 25.0, 1e-9); /* 18:00 PST */
  g_assert_false (tl->has_now);

  g_assert_cmpuint (tl->segments->len, ==, 5);
  assert_segment (tl, 4, RET_TIMELINE_NIGHT, daylight.civil_dusk.utc, tl->day_end_utc);
  g_assert_cmpfloat (g_array_index (tl->segments, RetTimelineSegment, 4).end, ==, 1.0);

  {
    g_autofree char *s = ret_timeline_format_time (tl, tl->window.start_utc);
    g_assert_cmpstr (s, ==, "06:00");
  }

  /* and spring forward: 23 hours */
  g_date_set_dmy (&date, 8, G_DATE_MARCH, 2026);
  set_daylight (&daylight, zone, &date, 5 * 60 + 40, 6 * 60 + 5, 17 * 60 + 45, 18 * 60 + 10);
  spring = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (spring->day_end_utc - spring->day_start_utc, ==, 23 * HOUR);
  g_assert_cmpfloat_with_epsilon (spring->window.start, 5.0 / 23.0, 1e-9); /* 06:00 PDT */
}

static void
test_closed_day (void)
{
  const char *zone = "America/Matamoros";
  g_autoptr(RetPoint) point = make_point ("MAM", "Matamoros", zone, TRUE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  RetPointHours *hours = g_ptr_array_index (point->hours, 0);
  RetWindow closed = { RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE };
  RetDaylight daylight;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 6, G_DATE_DECEMBER, 2026); /* a Sunday */
  hours->week[G_DATE_SUNDAY - 1] = closed;
  set_daylight (&daylight, zone, &date, 6 * 60 + 40, 7 * 60 + 5, 17 * 60 + 40, 18 * 60 + 5);

  tl = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_false (tl->window.open);
  g_assert_false (tl->vulnerable.open);
  g_assert_false (tl->has_minors_cutoff);
  g_assert_cmpuint (tl->segments->len, ==, 5);
  g_assert_nonnull (strstr (tl->description, ", closed,"));
  g_assert_nonnull (strstr (tl->description, "no window for vulnerable persons"));
  g_assert_nonnull (strstr (tl->description, "no minors cut-off"));
}

static void
test_no_minors_reception (void)
{
  const char *zone = "America/Ojinaga";
  g_autoptr(RetPoint) point = make_point ("OJI", "Ojinaga", zone, FALSE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  RetDaylight daylight;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_DECEMBER, 2026);
  set_daylight (&daylight, zone, &date, 7 * 60, 7 * 60 + 26, 17 * 60 + 50, 18 * 60 + 16);

  /* the hours say 18:00, but the point receives no minors at all */
  tl = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (tl->window.open);
  g_assert_false (tl->has_minors_cutoff);
  g_assert_cmpint (tl->minors_cutoff_minute, ==, RET_MINUTE_NONE);
  g_assert_nonnull (strstr (tl->description, "no minors reception"));
}

static void
test_transfer_clipped (void)
{
  const char *zone = "America/Hermosillo";
  g_autoptr(RetPoint) point = make_point ("NOG", "Nogales", zone, TRUE);
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_transfer_free);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  const RetTimelineBlock *b;
  RetDaylight daylight;
  GDate date;
  gint64 midnight = local_utc (zone, 2026, 12, 3, 0, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_DECEMBER, 2026);
  set_daylight (&daylight, zone, &date, 6 * 60 + 46, 7 * 60 + 12, 17 * 60 + 31, 17 * 60 + 57);

  /* left at 22:00 the evening before, handed over at 01:00 */
  g_ptr_array_add (transfers, make_transfer ("T-A", "NOG", midnight - 2 * HOUR, midnight + HOUR, 30));
  /* no departure known, handed over at 23:50: the block runs past midnight */
  g_ptr_array_add (transfers, make_transfer ("T-B", "NOG", 0, midnight + 23 * HOUR + 50 * 60, 12));
  /* another point's transfer is not this row's */
  g_ptr_array_add (transfers, make_transfer ("T-C", "TIJ", midnight + 9 * HOUR, midnight + 10 * HOUR, 40));

  tl = ret_timeline_compute (point, &date, &daylight, transfers, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tl->blocks->len, ==, 2);

  b = g_ptr_array_index (tl->blocks, 0);
  g_assert_cmpstr (b->code, ==, "T-A");
  g_assert_true (b->clipped_start);
  g_assert_false (b->clipped_end);
  g_assert_cmpint (b->start_utc, ==, midnight);
  g_assert_cmpfloat (b->start, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (b->end, 1.0 / 24.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->handover, 1.0 / 24.0, 1e-9);
  g_assert_cmpstr (b->label, ==, "Bus · 30/45");

  b = g_ptr_array_index (tl->blocks, 1);
  g_assert_cmpstr (b->code, ==, "T-B");
  g_assert_false (b->clipped_start);
  g_assert_true (b->clipped_end);
  g_assert_cmpint (b->start_utc, ==, midnight + 23 * HOUR + 20 * 60);
  g_assert_cmpint (b->end_utc, ==, midnight + 24 * HOUR);
  g_assert_cmpfloat (b->end, ==, 1.0);
}

static void
test_description (void)
{
  const char *zone = "America/Hermosillo";
  g_autoptr(RetPoint) point = make_point ("NOG", "Nogales", zone, TRUE);
  g_autoptr(GPtrArray) transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_transfer_free);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tooltip = NULL;
  RetDaylight daylight;
  GDate date;
  gint64 midnight = local_utc (zone, 2026, 12, 3, 0, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_DECEMBER, 2026);
  set_daylight (&daylight, zone, &date, 6 * 60 + 46, 7 * 60 + 12, 17 * 60 + 31, 17 * 60 + 57);
  g_ptr_array_add (transfers, make_transfer ("T-1", "NOG", midnight + 8 * HOUR, midnight + 10 * HOUR, 42));
  g_ptr_array_add (transfers, make_transfer ("T-2", "NOG", midnight + 13 * HOUR, midnight + 15 * HOUR, 38));

  tl = ret_timeline_compute (point, &date, &daylight, transfers, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl->description, ==,
                   "Nogales, Thursday 3 December: daylight 07:12–17:31, window 06:00–21:00, "
                   "vulnerable 07:00–20:00, minors until 18:00, 2 transfers");

  /* hovering 09:30 names the time, the light and the transfer under it */
  tooltip = ret_timeline_describe_at (tl, 9.5 / 24.0);
  g_assert_nonnull (strstr (tooltip, "09:30 (America/Hermosillo)"));
  g_assert_nonnull (strstr (tooltip, "Daylight 07:12–17:31"));
  g_assert_nonnull (strstr (tooltip, "Vulnerable persons in daylight 07:12–17:31"));
  g_assert_nonnull (strstr (tooltip, "Bus T-1: departs 08:00, handover 10:00, 42 of 45 seats"));
  g_assert_null (strstr (tooltip, "T-2"));
}

/* Near the polar circles the sun can rise and not set on one date: dark
 * until sunrise, light after it; never light before it. */
static void
test_rises_but_does_not_set (void)
{
  const char *zone = "Europe/Oslo";
  g_autoptr(RetPoint) point = make_point ("NOR", "North", zone, TRUE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  RetDaylight daylight;
  GDate date;
  gint64 rise = local_utc (zone, 2026, 5, 16, 0, 42);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, G_DATE_MAY, 2026);
  daylight.date = date;
  daylight.sunrise = event_at (rise);
  daylight.sunset = (RetSunEvent) { RET_SUN_EVENT_NEVER_DOWN, 0 };
  daylight.civil_dawn = (RetSunEvent) { RET_SUN_EVENT_NEVER_DOWN, 0 };
  daylight.civil_dusk = (RetSunEvent) { RET_SUN_EVENT_NEVER_DOWN, 0 };

  tl = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_no_error (error);

  /* twilight (the sun is above -6 all day) until sunrise, then daylight */
  g_assert_cmpuint (tl->segments->len, ==, 2);
  assert_segment (tl, 0, RET_TIMELINE_TWILIGHT, tl->day_start_utc, rise);
  assert_segment (tl, 1, RET_TIMELINE_DAYLIGHT, rise, tl->day_end_utc);
}

/* On the nights the clocks change the description says so. */
static void
test_dst_description (void)
{
  const char *zone = "America/Tijuana";
  g_autoptr(RetPoint) point = make_point ("TIJ", "Tijuana", zone, TRUE);
  g_autoptr(RetTimeline) fall = NULL;
  g_autoptr(RetTimeline) plain = NULL;
  RetDaylight daylight;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_NOVEMBER, 2026);
  set_daylight (&daylight, zone, &date, 5 * 60 + 48, 6 * 60 + 13, 16 * 60 + 58, 17 * 60 + 23);
  fall = ret_timeline_compute (point, &date, &daylight, NULL, 0, NULL);
  g_assert_true (g_str_has_suffix (fall->description, "(a 25-hour day: the clocks change)"));

  g_date_set_dmy (&date, 2, G_DATE_NOVEMBER, 2026);
  set_daylight (&daylight, zone, &date, 5 * 60 + 48, 6 * 60 + 13, 16 * 60 + 58, 17 * 60 + 23);
  plain = ret_timeline_compute (point, &date, &daylight, NULL, 0, NULL);
  g_assert_null (strstr (plain->description, "clocks change"));
}

static void
test_unknown_zone (void)
{
  g_autoptr(RetPoint) point = make_point ("XXX", "Nowhere", "Not/A_Zone", TRUE);
  g_autoptr(RetTimeline) tl = NULL;
  g_autoptr(GError) error = NULL;
  RetDaylight daylight = { 0 };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_DECEMBER, 2026);
  tl = ret_timeline_compute (point, &date, &daylight, NULL, 0, &error);
  g_assert_null (tl);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timeline/normal-day", test_normal_day);
  g_test_add_func ("/timeline/dst-day", test_dst_day);
  g_test_add_func ("/timeline/closed-day", test_closed_day);
  g_test_add_func ("/timeline/no-minors-reception", test_no_minors_reception);
  g_test_add_func ("/timeline/transfer-clipped", test_transfer_clipped);
  g_test_add_func ("/timeline/description", test_description);
  g_test_add_func ("/timeline/unknown-zone", test_unknown_zone);
  g_test_add_func ("/timeline/rises-but-does-not-set", test_rises_but_does_not_set);
  g_test_add_func ("/timeline/dst-description", test_dst_description);

  return g_test_run ();
}
