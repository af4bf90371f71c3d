/* ret-test-util.c — helpers shared by the tests and the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ret-demo.h"
#include "ret-test-util.h"

/* ------------------------------------------------------------------ */
/* A private home                                                     */

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL &&
         g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);

  g_file_delete (file, NULL, NULL);
}

/* Makes a temporary folder from @tmpl (as g_dir_make_tmp ()) and points
 * XDG_DATA_HOME and XDG_CONFIG_HOME into it; its path, or NULL on
 * failure.  Call it before anything reads them: GLib reads them once.
 *
 * XDG_DATA_DIRS stays (unlike with G_TEST_OPTION_ISOLATE_DIRS): GTK
 * finds the MIME database there, which it needs to load its own SVG
 * icons. */
char *
ret_test_private_home_new (const char  *tmpl,
                           GError     **error)
{
  g_autofree char *home = g_dir_make_tmp (tmpl, error);
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;

  if (home == NULL)
    return NULL;

  /* Before anything reads them: nothing of the user's may be touched. */
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  return g_steal_pointer (&home);
}

/* Removes @home and everything in it; nothing when @home is NULL. */
void
ret_test_private_home_remove (const char *home)
{
  g_autoptr(GFile) file = NULL;

  if (home == NULL)
    return;

  file = g_file_new_for_path (home);
  remove_tree (file);
}

/* Runs @func in a private home made for @program (a folder
 * retorno-@program-XXXXXX), then removes it; the exit status of @func,
 * or EXIT_FAILURE when no home could be made. */
int
ret_test_run_in_private_home (const char      *program,
                              RetTestHomeFunc  func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("retorno-%s-XXXXXX", program);
  g_autofree char *home = ret_test_private_home_new (tmpl, &error);
  int status;

  if (home == NULL)
    {
      g_printerr ("%s: cannot make a temporary folder: %s\n", program, error->message);
      return EXIT_FAILURE;
    }

  status = func (home);
  ret_test_private_home_remove (home);

  return status;
}

/* ------------------------------------------------------------------ */
/* Figures                                                            */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the @n values; leaves them as they are. */
double
ret_test_median (const double *values,
                 guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), compare_doubles);

  if (n % 2 == 1)
    return sorted[n / 2];

  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* The @p-th percentile (nearest rank) of the @n values; sorts them. */
double
ret_test_percentile (double *values,
                     guint   n,
                     double  p)
{
  guint rank;

  g_assert (n > 0);

  qsort (values, n, sizeof (double), compare_doubles);
  rank = (guint) (p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);

  return values[rank - 1];
}

/* ------------------------------------------------------------------ */
/* The main loop                                                      */

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop, sleeping when idle, until *@flag is set or
 * @timeout_ms have passed; whether *@flag was set. */
gboolean
ret_test_iterate_until (const gboolean *flag,
                        guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, set_flag_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return *flag;
}

/* Runs the main loop, sleeping when idle, for @ms. */
void
ret_test_settle (guint ms)
{
  gboolean done = FALSE;

  ret_test_iterate_until (&done, ms);
}

/* ------------------------------------------------------------------ */
/* Demo databases                                                     */

/* Loads the reference data into @store and fills it with @n_persons
 * synthetic persons made from @seed. */
gboolean
ret_test_fill_demo_store (RetStore  *store,
                          guint      n_persons,
                          guint64    seed,
                          GError   **error)
{
  return ret_store_load_reference_data (store, error) &&
         ret_demo_populate (store, n_persons, seed, error);
}

/* Opens (or creates) the database at @path and fills it as
 * ret_test_fill_demo_store () does; the store, or NULL on failure. */
RetStore *
ret_test_demo_store_new (const char  *path,
                         guint        n_persons,
                         guint64      seed,
                         GError     **error)
{
  g_autoptr(RetStore) store = ret_store_open (path, error);

  if (store == NULL || !ret_test_fill_demo_store (store, n_persons, seed, error))
    return NULL;

  return g_steal_pointer (&store);
}
