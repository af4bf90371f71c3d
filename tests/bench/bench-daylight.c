/* bench-daylight.c — sun times for every point over a leap year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The day timeline asks for the daylight of every point whenever the
 * date changes, and a year view asks for 366 days at once: all of that
 * has to fit well inside a frame.  Computes sunrise, sunset and civil
 * twilight for the 13 points on each day of 2028, five times, and
 * prints the median.  A benchmark reports: a missed target is printed,
 * not failed; only a run that could not measure fails.
 */

#include "config.h"

#include <stdlib.h>

#include "ret-solar.h"
#include "ret-test-util.h"

#define N_RUNS 5
#define N_DAYS 366
#define YEAR   2028  /* a leap year: 366 days */

#define TARGET_MS 10.0

typedef struct
{
  double      lat;
  double      lon;
  const char *zone;
} Point;

/* The 13 points of data/reference/points.json; the core's reference
 * data needs a store to read, which is no part of this measurement. */
static const Point points[] = {
  { 32.543, -117.035, "America/Tijuana" },
  { 32.679, -115.498, "America/Tijuana" },
  { 32.486, -114.782, "America/Hermosillo" },
  { 31.333, -110.945, "America/Hermosillo" },
  { 31.748, -106.487, "America/Ciudad_Juarez" },
  { 29.561, -104.372, "America/Ojinaga" },
  { 29.327, -100.928, "America/Matamoros" },
  { 28.709, -100.499, "America/Matamoros" },
  { 27.502, -99.504, "America/Matamoros" },
  { 26.100, -98.272, "America/Matamoros" },
  { 25.901, -97.503, "America/Matamoros" },
  { 19.436, -99.072, "America/Mexico_City" },
  { 20.522, -103.311, "America/Mexico_City" },
};

/* One pass over all points and days, in milliseconds; negative on a
 * failure.  @checksum keeps the work from being optimised away. */
static double
run_once (GTimeZone **zones,
          guint       run,
          gint64     *checksum)
{
  gint64 start, end;

  start = g_get_monotonic_time ();
  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      GDate date;

      g_date_set_dmy (&date, 1, G_DATE_JANUARY, YEAR);
      for (guint d = 0; d < N_DAYS; d++, g_date_add_days (&date, 1))
        {
          g_autoptr(GError) error = NULL;
          RetDaylight dl;

          if (!ret_daylight_compute (points[p].lat, points[p].lon, zones[p],
                                     &date, &dl, &error))
            {
              g_printerr ("bench-daylight: %s\n", error->message);
              return -1;
            }
          *checksum += dl.sunrise.utc + dl.sunset.utc + dl.civil_dawn.utc + dl.civil_dusk.utc;
        }
    }
  end = g_get_monotonic_time ();

  g_printerr ("# run %u: %.3f ms\n", run + 1, (end - start) / 1000.0);

  return (end - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  GTimeZone *zones[G_N_ELEMENTS (points)];
  double ms[N_RUNS];
  gint64 checksum = 0;
  int status = EXIT_SUCCESS;

  /* Zones are loaded once by the app too; loading is not measured. */
  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    {
      zones[p] = g_time_zone_new_identifier (points[p].zone);
      if (zones[p] == NULL)
        {
          g_printerr ("bench-daylight: unknown zone %s\n", points[p].zone);
          for (guint q = 0; q < p; q++)
            g_time_zone_unref (zones[q]);
          return EXIT_FAILURE;
        }
    }

  for (guint run = 0; run < N_RUNS && status == EXIT_SUCCESS; run++)
    {
      ms[run] = run_once (zones, run, &checksum);
      if (ms[run] < 0)
        status = EXIT_FAILURE;
    }

  if (status == EXIT_SUCCESS)
    {
      g_printerr ("# checksum %" G_GINT64_FORMAT "\n", checksum);
      g_print ("bench daylight-%ux%u: %.2f ms (target <= %g ms)\n",
               (guint) G_N_ELEMENTS (points), N_DAYS,
               ret_test_median (ms, N_RUNS), TARGET_MS);
    }

  for (guint p = 0; p < G_N_ELEMENTS (points); p++)
    g_time_zone_unref (zones[p]);

  return status;
}
