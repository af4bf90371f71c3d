/* test-zones.c — local times at the border, the cases that break naive code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every zone is named explicitly through g_time_zone_new_identifier, so
 * the TZ of the machine running the tests plays no part.  The expected
 * offsets are what the IANA database says; where a row needs a tzdata
 * release newer than the one installed, it is skipped with the reason.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ret-time.h"

#define HOUR 3600

/* America/Ciudad_Juarez first appeared in tzdata 2022g, the same release
 * that moved Ojinaga to Central time; its presence dates the database. */
static gboolean
tzdata_has_2022g (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Ciudad_Juarez");

  return zone != NULL;
}

static gint64
instant (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 utc = 0;

  g_assert_true (ret_instant_parse (text, &utc, &error));
  g_assert_no_error (error);
  return utc;
}

/* Offsets of specific UTC instants */

typedef struct
{
  const char *name;
  const char *zone;
  const char *utc;        /* an instant, in UTC */
  int         offset;     /* seconds east of UTC in force then */
  const char *local;      /* how the instant shows in the zone */
  gboolean    needs_2022g;
} OffsetCase;

static const OffsetCase offset_cases[] = {
  /* Sonora and Arizona keep no DST: UTC−7 all year. */
  { "hermosillo/january", "America/Hermosillo", "2026-01-15T19:00:00Z", -7 * HOUR, "2026-01-15T12:00:00-07:00", FALSE },
  { "hermosillo/july", "America/Hermosillo", "2026-07-15T19:00:00Z", -7 * HOUR, "2026-07-15T12:00:00-07:00", FALSE },
  { "phoenix/january", "America/Phoenix", "2026-01-15T19:00:00Z", -7 * HOUR, "2026-01-15T12:00:00-07:00", FALSE },
  { "phoenix/july", "America/Phoenix", "2026-07-15T19:00:00Z", -7 * HOUR, "2026-07-15T12:00:00-07:00", FALSE },

  /* Baja California follows US DST: second Sunday of March at 02:00,
   * first Sunday of November at 02:00. */
  { "tijuana/2026-spring/before", "America/Tijuana", "2026-03-08T09:59:59Z", -8 * HOUR, "2026-03-08T01:59:59-08:00", FALSE },
  { "tijuana/2026-spring/after", "America/Tijuana", "2026-03-08T10:00:00Z", -7 * HOUR, "2026-03-08T03:00:00-07:00", FALSE },
  { "tijuana/2026-fall/before", "America/Tijuana", "2026-11-01T08:59:59Z", -7 * HOUR, "2026-11-01T01:59:59-07:00", FALSE },
  { "tijuana/2026-fall/after", "America/Tijuana", "2026-11-01T09:00:00Z", -8 * HOUR, "2026-11-01T01:00:00-08:00", FALSE },

  /* The Tamaulipas/Coahuila/Nuevo León strip too, on Central time. */
  { "matamoros/2026-spring/before", "America/Matamoros", "2026-03-08T07:59:59Z", -6 * HOUR, "2026-03-08T01:59:59-06:00", FALSE },
  { "matamoros/2026-spring/after", "America/Matamoros", "2026-03-08T08:00:00Z", -5 * HOUR, "2026-03-08T03:00:00-05:00", FALSE },
  { "matamoros/2026-fall/before", "America/Matamoros", "2026-11-01T06:59:59Z", -5 * HOUR, "2026-11-01T01:59:59-05:00", FALSE },
  { "matamoros/2026-fall/after", "America/Matamoros", "2026-11-01T07:00:00Z", -6 * HOUR, "2026-11-01T01:00:00-06:00", FALSE },

  /* 2007–2009: the US had moved its DST dates (second Sunday of March –
   * first Sunday of November) but all of Mexico, the border strip
   * included, kept the first Sunday of April – last Sunday of October.
   * The border strip took the US dates only from 2010, so in 2008
   * Matamoros differs from Brownsville across the river, and Tijuana
   * from San Diego, while it agrees with Mexico City. */
  { "2008/march/matamoros", "America/Matamoros", "2008-03-20T18:00:00Z", -6 * HOUR, "2008-03-20T12:00:00-06:00", FALSE },
  { "2008/march/brownsville", "America/Chicago", "2008-03-20T18:00:00Z", -5 * HOUR, "2008-03-20T13:00:00-05:00", FALSE },
  { "2008/march/mexico-city", "America/Mexico_City", "2008-03-20T18:00:00Z", -6 * HOUR, "2008-03-20T12:00:00-06:00", FALSE },
  { "2008/march/tijuana", "America/Tijuana", "2008-03-20T18:00:00Z", -8 * HOUR, "2008-03-20T10:00:00-08:00", FALSE },
  { "2008/march/san-diego", "America/Los_Angeles", "2008-03-20T18:00:00Z", -7 * HOUR, "2008-03-20T11:00:00-07:00", FALSE },
  { "2008/october/matamoros", "America/Matamoros", "2008-10-28T18:00:00Z", -6 * HOUR, "2008-10-28T12:00:00-06:00", FALSE },
  { "2008/october/brownsville", "America/Chicago", "2008-10-28T18:00:00Z", -5 * HOUR, "2008-10-28T13:00:00-05:00", FALSE },
  { "2008/october/mexico-city", "America/Mexico_City", "2008-10-28T18:00:00Z", -6 * HOUR, "2008-10-28T12:00:00-06:00", FALSE },

  /* From 2010 the strip follows the US and differs from central Mexico
   * for three weeks each spring and one week each autumn. */
  { "2010/march/matamoros", "America/Matamoros", "2010-03-20T18:00:00Z", -5 * HOUR, "2010-03-20T13:00:00-05:00", FALSE },
  { "2010/march/mexico-city", "America/Mexico_City", "2010-03-20T18:00:00Z", -6 * HOUR, "2010-03-20T12:00:00-06:00", FALSE },
  { "2010/november/matamoros", "America/Matamoros", "2010-11-02T18:00:00Z", -5 * HOUR, "2010-11-02T13:00:00-05:00", FALSE },
  { "2010/november/mexico-city", "America/Mexico_City", "2010-11-02T18:00:00Z", -6 * HOUR, "2010-11-02T12:00:00-06:00", FALSE },

  /* Central Mexico dropped DST after 30 October 2022. */
  { "mexico-city/2022-july", "America/Mexico_City", "2022-07-01T18:00:00Z", -5 * HOUR, "2022-07-01T13:00:00-05:00", FALSE },
  { "mexico-city/2023-july", "America/Mexico_City", "2023-07-01T18:00:00Z", -6 * HOUR, "2023-07-01T12:00:00-06:00", FALSE },
  { "mexico-city/2026-july", "America/Mexico_City", "2026-07-01T18:00:00Z", -6 * HOUR, "2026-07-01T12:00:00-06:00", FALSE },

  /* Ojinaga: Mountain time until 30 October 2022, then Central, with US
   * DST from 2023 (tzdata 2022g). */
  { "ojinaga/2021-january", "America/Ojinaga", "2021-01-15T18:00:00Z", -7 * HOUR, "2021-01-15T11:00:00-07:00", FALSE },
  { "ojinaga/2023-january", "America/Ojinaga", "2023-01-15T18:00:00Z", -6 * HOUR, "2023-01-15T12:00:00-06:00", TRUE },
  { "ojinaga/2023-july", "America/Ojinaga", "2023-07-15T18:00:00Z", -5 * HOUR, "2023-07-15T13:00:00-05:00", TRUE },
  { "ojinaga/2026-fall/before", "America/Ojinaga", "2026-11-01T06:59:59Z", -5 * HOUR, "2026-11-01T01:59:59-05:00", TRUE },
  { "ojinaga/2026-fall/after", "America/Ojinaga", "2026-11-01T07:00:00Z", -6 * HOUR, "2026-11-01T01:00:00-06:00", TRUE },

  /* Ciudad Juárez: split from Ojinaga in tzdata 2022g; briefly Central
   * (30 October – 30 November 2022), then back to Mountain with US DST. */
  { "ciudad-juarez/2022-november", "America/Ciudad_Juarez", "2022-11-29T18:00:00Z", -6 * HOUR, "2022-11-29T12:00:00-06:00", TRUE },
  { "ciudad-juarez/2022-december", "America/Ciudad_Juarez", "2022-12-01T18:00:00Z", -7 * HOUR, "2022-12-01T11:00:00-07:00", TRUE },
  { "ciudad-juarez/2026-spring/before", "America/Ciudad_Juarez", "2026-03-08T08:59:59Z", -7 * HOUR, "2026-03-08T01:59:59-07:00", TRUE },
  { "ciudad-juarez/2026-spring/after", "America/Ciudad_Juarez", "2026-03-08T09:00:00Z", -6 * HOUR, "2026-03-08T03:00:00-06:00", TRUE },
  { "ciudad-juarez/2026-july", "America/Ciudad_Juarez", "2026-07-15T18:00:00Z", -6 * HOUR, "2026-07-15T12:00:00-06:00", TRUE },
  { "ciudad-juarez/2026-fall/after", "America/Ciudad_Juarez", "2026-11-01T08:00:00Z", -7 * HOUR, "2026-11-01T01:00:00-07:00", TRUE },
};

static void
test_offset (gconstpointer data)
{
  const OffsetCase *c = data;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (c->zone);
  g_autofree char *by_name = NULL;
  g_autofree char *by_zone = NULL;
  gint64 utc;
  int interval;

  if (zone == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not in this system's tzdata", c->zone);

      g_test_skip (why);
      return;
    }
  if (c->needs_2022g && !tzdata_has_2022g ())
    {
      g_test_skip ("this system's tzdata predates 2022g (no America/Ciudad_Juarez), "
                   "which encodes Chihuahua's 2022 zone changes");
      return;
    }

  utc = instant (c->utc);
  interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);
  g_assert_cmpint (interval, >=, 0);
  g_assert_cmpint (g_time_zone_get_offset (zone, interval), ==, c->offset);

  by_name = ret_instant_format (utc, c->zone);
  by_zone = ret_local_time_format (utc, zone);
  g_assert_cmpstr (by_name, ==, c->local);
  g_assert_cmpstr (by_zone, ==, c->local);
}

/* Entering a local time */

typedef struct
{
  const char   *name;
  const char   *zone;
  int           year, month, day, hour, minute;
  RetAmbiguity  choice;
  const char   *expected;   /* the instant as shown in the zone, or NULL */
  const char   *message;    /* the whole error message, or NULL */
  gboolean      needs_2022g;
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  /* Spring forward: 02:00–02:59 never shows on the clocks. Refused
   * whatever the choice for the fall-back night says. */
  { "gap/tijuana/refuse", "America/Tijuana", 2026, 3, 8, 2, 30, RET_AMBIGUITY_REFUSE, NULL,
    "02:30 does not exist on 2026-03-08 in America/Tijuana: clocks go from 02:00 to 03:00", FALSE },
  { "gap/tijuana/earlier", "America/Tijuana", 2026, 3, 8, 2, 0, RET_AMBIGUITY_EARLIER, NULL,
    "02:00 does not exist on 2026-03-08 in America/Tijuana: clocks go from 02:00 to 03:00", FALSE },
  { "gap/tijuana/later", "America/Tijuana", 2026, 3, 8, 2, 59, RET_AMBIGUITY_LATER, NULL,
    "02:59 does not exist on 2026-03-08 in America/Tijuana: clocks go from 02:00 to 03:00", FALSE },
  { "gap/matamoros", "America/Matamoros", 2026, 3, 8, 2, 15, RET_AMBIGUITY_REFUSE, NULL,
    "02:15 does not exist on 2026-03-08 in America/Matamoros: clocks go from 02:00 to 03:00", FALSE },
  { "gap/mexico-city-2022", "America/Mexico_City", 2022, 4, 3, 2, 30, RET_AMBIGUITY_REFUSE, NULL,
    "02:30 does not exist on 2022-04-03 in America/Mexico_City: clocks go from 02:00 to 03:00", FALSE },

  /* The edges of the gap exist. */
  { "gap-edge/tijuana/before", "America/Tijuana", 2026, 3, 8, 1, 59, RET_AMBIGUITY_REFUSE,
    "2026-03-08T01:59:00-08:00", NULL, FALSE },
  { "gap-edge/tijuana/after", "America/Tijuana", 2026, 3, 8, 3, 0, RET_AMBIGUITY_REFUSE,
    "2026-03-08T03:00:00-07:00", NULL, FALSE },

  /* No DST, no gap: the same night in Sonora and, since 2023, in
   * central Mexico. */
  { "no-gap/hermosillo", "America/Hermosillo", 2026, 3, 8, 2, 30, RET_AMBIGUITY_REFUSE,
    "2026-03-08T02:30:00-07:00", NULL, FALSE },
  { "no-gap/mexico-city-2026", "America/Mexico_City", 2026, 4, 5, 2, 30, RET_AMBIGUITY_REFUSE,
    "2026-04-05T02:30:00-06:00", NULL, FALSE },
  { "no-repeat/hermosillo", "America/Hermosillo", 2026, 11, 1, 1, 30, RET_AMBIGUITY_REFUSE,
    "2026-11-01T01:30:00-07:00", NULL, FALSE },

  /* Fall back: 01:00–01:59 shows twice. */
  { "repeat/tijuana/refuse", "America/Tijuana", 2026, 11, 1, 1, 30, RET_AMBIGUITY_REFUSE, NULL,
    "01:30 on 2026-11-01 in America/Tijuana happens twice: 01:30 -07:00 or 01:30 -08:00; say which", FALSE },
  { "repeat/tijuana/earlier", "America/Tijuana", 2026, 11, 1, 1, 30, RET_AMBIGUITY_EARLIER,
    "2026-11-01T01:30:00-07:00", NULL, FALSE },
  { "repeat/tijuana/later", "America/Tijuana", 2026, 11, 1, 1, 30, RET_AMBIGUITY_LATER,
    "2026-11-01T01:30:00-08:00", NULL, FALSE },
  { "repeat/matamoros/refuse", "America/Matamoros", 2026, 11, 1, 1, 0, RET_AMBIGUITY_REFUSE, NULL,
    "01:00 on 2026-11-01 in America/Matamoros happens twice: 01:00 -05:00 or 01:00 -06:00; say which", FALSE },
  { "repeat-edge/tijuana", "America/Tijuana", 2026, 11, 1, 2, 0, RET_AMBIGUITY_REFUSE,
    "2026-11-01T02:00:00-08:00", NULL, FALSE },

  /* Ciudad Juárez went back from Central to Mountain at midnight on
   * 30 November 2022: 23:00–23:59 on the 29th shows twice. */
  { "repeat/ciudad-juarez-2022", "America/Ciudad_Juarez", 2022, 11, 29, 23, 30, RET_AMBIGUITY_REFUSE, NULL,
    "23:30 on 2022-11-29 in America/Ciudad_Juarez happens twice: 23:30 -06:00 or 23:30 -07:00; say which", TRUE },

  /* Not a date or time at all */
  { "invalid/february-30", "America/Tijuana", 2026, 2, 30, 10, 0, RET_AMBIGUITY_REFUSE, NULL,
    "2026-02-30 10:00 is not a date and time that exists", FALSE },
  { "invalid/hour-24", "America/Tijuana", 2026, 2, 3, 24, 0, RET_AMBIGUITY_REFUSE, NULL,
    "2026-02-03 24:00 is not a date and time that exists", FALSE },
};

static void
test_resolve (gconstpointer data)
{
  const ResolveCase *c = data;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (c->zone);
  g_autoptr(GError) error = NULL;
  gint64 utc = -1;
  gboolean ok;

  if (zone == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not in this system's tzdata", c->zone);

      g_test_skip (why);
      return;
    }
  if (c->needs_2022g && !tzdata_has_2022g ())
    {
      g_test_skip ("this system's tzdata predates 2022g (no America/Ciudad_Juarez)");
      return;
    }

  ok = ret_local_time_resolve (zone, c->year, c->month, c->day, c->hour, c->minute,
                               c->choice, &utc, &error);
  if (c->message != NULL)
    {
      g_assert_false (ok);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, c->message);
      /* A refusal leaves the output alone. */
      g_assert_cmpint (utc, ==, -1);
    }
  else
    {
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      text = ret_local_time_format (utc, zone);
      g_assert_cmpstr (text, ==, c->expected);
    }
}

/* The two readings of 01:30 on the fall-back night are one hour apart,
 * earlier first. */
static void
test_resolve_earlier_later (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Tijuana");
  g_autoptr(GError) error = NULL;
  gint64 earlier = 0;
  gint64 later = 0;

  g_assert_true (ret_local_time_resolve (zone, 2026, 11, 1, 1, 30, RET_AMBIGUITY_EARLIER,
                                         &earlier, &error));
  g_assert_no_error (error);
  g_assert_true (ret_local_time_resolve (zone, 2026, 11, 1, 1, 30, RET_AMBIGUITY_LATER,
                                         &later, &error));
  g_assert_no_error (error);

  g_assert_cmpint (earlier, ==, instant ("2026-11-01T08:30:00Z"));
  g_assert_cmpint (later, ==, instant ("2026-11-01T09:30:00Z"));
  g_assert_cmpint (later - earlier, ==, HOUR);
}

/*
 * Every half hour of 2026 in Tijuana: what resolves shows back the same
 * clock reading (nothing is shifted); exactly the two readings in the
 * spring gap are refused, and exactly the two in the autumn overlap are
 * ambiguous.
 */
static void
test_resolve_year_sweep (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Tijuana");
  GDate date;
  guint n_gaps = 0;
  guint n_repeats = 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2026);
  for (; g_date_get_year (&date) == 2026; g_date_add_days (&date, 1))
    for (int minutes = 0; minutes < 24 * 60; minutes += 30)
      {
        int y = g_date_get_year (&date);
        int m = g_date_get_month (&date);
        int d = g_date_get_day (&date);
        int h = minutes / 60;
        int min = minutes % 60;
        g_autoptr(GError) error = NULL;
        g_autofree char *wanted = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00", y, m, d, h, min);
        gint64 earlier, later;

        if (!ret_local_time_resolve (zone, y, m, d, h, min, RET_AMBIGUITY_EARLIER, &earlier, &error))
          {
            g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
            g_assert_nonnull (strstr (error->message, "does not exist"));
            n_gaps++;
            continue;
          }

        g_assert_true (ret_local_time_resolve (zone, y, m, d, h, min, RET_AMBIGUITY_LATER,
                                               &later, NULL));
        if (later != earlier)
          {
            g_assert_cmpint (later - earlier, ==, HOUR);
            n_repeats++;
          }

        {
          g_autofree char *a = ret_local_time_format (earlier, zone);
          g_autofree char *b = ret_local_time_format (later, zone);

          g_assert_true (g_str_has_prefix (a, wanted));
          g_assert_true (g_str_has_prefix (b, wanted));
        }
      }

  g_assert_cmpuint (n_gaps, ==, 2);
  g_assert_cmpuint (n_repeats, ==, 2);
}

/* Format then parse gives back the instant, through both transitions of
 * a DST night, minute by minute. */
static void
test_round_trip (void)
{
  static const struct { const char *zone; const char *from; } days[] = {
    { "America/Tijuana", "2026-11-01T06:00:00Z" },
    { "America/Tijuana", "2026-03-08T07:00:00Z" },
    { "America/Matamoros", "2026-11-01T04:00:00Z" },
    { "America/Hermosillo", "2026-11-01T06:00:00Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      gint64 start = instant (days[i].from);

      for (gint64 utc = start; utc < start + 6 * HOUR; utc += 60)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *text = ret_instant_format (utc, days[i].zone);
          gint64 parsed = 0;

          g_assert_true (ret_instant_parse (text, &parsed, &error));
          g_assert_no_error (error);
          g_assert_cmpint (parsed, ==, utc);
        }
    }

  /* The two 01:30s print differently and parse back to themselves. */
  {
    gint64 parsed = 0;

    g_assert_true (ret_instant_parse ("2026-11-01T01:30:00-07:00", &parsed, NULL));
    g_assert_cmpint (parsed, ==, instant ("2026-11-01T08:30:00Z"));
    g_assert_true (ret_instant_parse ("2026-11-01T01:30:00-08:00", &parsed, NULL));
    g_assert_cmpint (parsed, ==, instant ("2026-11-01T09:30:00Z"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (offset_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/zones/offset/%s", offset_cases[i].name);

      g_test_add_data_func (path, &offset_cases[i], test_offset);
    }

  for (guint i = 0; i < G_N_ELEMENTS (resolve_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/zones/resolve/%s", resolve_cases[i].name);

      g_test_add_data_func (path, &resolve_cases[i], test_resolve);
    }

  g_test_add_func ("/zones/resolve/earlier-later", test_resolve_earlier_later);
  g_test_add_func ("/zones/resolve/year-sweep", test_resolve_year_sweep);
  g_test_add_func ("/zones/round-trip", test_round_trip);

  return g_test_run ();
}
