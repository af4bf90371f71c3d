/* bench-import.c — importing a roster of 100,000 rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a synthetic roster of 100,000 rows to a file, then imports it
 * into a fresh database, several times, and prints the median time of
 * the import call alone.  A benchmark reports: a missed target is
 * printed, not failed; only a run that could not measure fails.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ret-demo.h"
#include "ret-roster-import.h"
#include "ret-store.h"
#include "ret-test-util.h"

#define N_ROWS   100000
#define N_RUNS   3
#define SEED     2004

#define TARGET_SECONDS 3.0

/* Imports @csv_path into a new database in @dir; the time of the
 * import call alone, in seconds, or a negative number on failure. */
static double
import_once (const char *dir,
             guint       run,
             const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autofree char *name = g_strdup_printf ("import-%u.db", run);
  g_autofree char *db_path = g_build_filename (dir, name, NULL);
  guint n = 0;
  gint64 start, end;
  gboolean ok;

  store = ret_store_open (db_path, &error);
  if (store == NULL || !ret_store_load_reference_data (store, &error))
    {
      g_printerr ("bench-import: cannot prepare the database: %s\n", error->message);
      return -1;
    }

  start = g_get_monotonic_time ();
  ok = ret_roster_import_file (store, csv_path, "bench", &n, &problems,
                               NULL, NULL, NULL, &error);
  end = g_get_monotonic_time ();

  if (!ok)
    {
      g_printerr ("bench-import: the import failed: %s\n", error->message);
      for (guint i = 0; problems != NULL && i < MIN (problems->len, 10); i++)
        {
          g_autofree char *text = ret_import_problem_format (g_ptr_array_index (problems, i));

          g_printerr ("  %s\n", text);
        }
      return -1;
    }

  if (n != N_ROWS)
    {
      g_printerr ("bench-import: imported %u rows, expected %u\n", n, N_ROWS);
      return -1;
    }

  g_printerr ("# run %u: %.3f s\n", run + 1, (end - start) / (double) G_USEC_PER_SEC);

  return (end - start) / (double) G_USEC_PER_SEC;
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = g_build_filename (dir, "roster-100k.csv", NULL);
  double seconds[N_RUNS];
  double best;

  /* Ages and the 72-hour apprehension window are judged against today,
   * so the roster is generated for now. */
  csv = ret_demo_roster_csv (N_ROWS, SEED, g_get_real_time () / G_USEC_PER_SEC);
  if (!g_file_set_contents (csv_path, csv, -1, &error))
    {
      g_printerr ("bench-import: cannot write the roster: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_printerr ("# roster: %u rows, %zu bytes\n", N_ROWS, strlen (csv));
  g_clear_pointer (&csv, g_free);

  for (guint run = 0; run < N_RUNS; run++)
    {
      seconds[run] = import_once (dir, run, csv_path);
      if (seconds[run] < 0)
        return EXIT_FAILURE;
    }

  best = ret_test_median (seconds, N_RUNS);
  g_print ("bench import-100k: %.2f s (target <= %g s)\n", best, TARGET_SECONDS);
  g_print ("bench import-100k-rate: %.0f rows/s (target >= %.0f rows/s)\n",
           N_ROWS / best, N_ROWS / TARGET_SECONDS);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  return ret_test_run_in_private_home ("bench-import", run_benchmark);
}
