/* test-cli.c — retorno-cli as a user's script sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) RETORNO_CLI);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "cli", name, NULL);
}

static void
test_init_demo (void)
{
  g_autofree char *db = db_path ("demo.db");
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  GStatBuf st;

  run_cli (&run, "--db", db, "init", "--demo", "--persons", "50", "--seed", "7", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "50 synthetic demo persons"));
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Demo data never goes into a database that already holds persons. */
  run_cli (&again, "--db", db, "init", "--demo", NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "already holds 50 persons"));
}

static void
test_usage_errors (void)
{
  g_autofree char *db = db_path ("usage.db");
  static const struct { const char *args[5]; const char *message; } cases[] = {
    { { "frobnicate", NULL }, "unknown command “frobnicate”" },
    { { "init", "--persons", "10", NULL }, "--persons and --seed need --demo" },
    { { "init", "--demo", "--persons", "lots", NULL }, "--persons: “lots” is not a number" },
    { { "import", "people", "x.csv", NULL }, "unknown kind “people”" },
    { { "points", NULL }, "does not exist" },
    { { NULL }, "no command given" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", db, cases[i].args[0], cases[i].args[1], cases[i].args[2],
               cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      /* A usage error creates no database. */
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

static void
test_import_errors (void)
{
  g_autofree char *db = db_path ("import.db");
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "roster.csv", NULL);
  g_auto(Run) init = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) good = { 0 };
  const char *header =
    "a_number,family_name,given_names,sex,birth_date,nationality,nationality_verified,facility,"
    "apprehended_at,origin_state,origin_municipality,family_group,unaccompanied_minor,pregnant,"
    "disabled,ill,criminal_record,medical_fit,interior_consent,notes\n";
  g_autofree char *bad = g_strconcat (header,
    "A1,Pérez,Juan,M,1990-01-01,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n"
    "A2,Pérez,Ana,F,1990-02-30,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n"
    "A3,Pérez,Eva,F,1991-01-01,MEX,yes,XXX,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n",
    NULL);
  g_autofree char *ok = g_strconcat (header,
    "A1,Pérez,Juan,M,1990-01-01,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n",
    NULL);

  run_cli (&init, "--db", db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);

  g_assert_true (g_file_set_contents (csv, bad, -1, NULL));
  run_cli (&run, "--db", db, "import", "persons", csv, NULL);
  g_assert_cmpint (run.status, ==, 2);
  /* Every bad row, each naming file, line and field */
  {
    g_autofree char *line3 = g_strdup_printf ("%s:3: birth_date:", csv);
    g_autofree char *line4 = g_strdup_printf ("%s:4: facility:", csv);

    g_assert_nonnull (strstr (run.err, line3));
    g_assert_nonnull (strstr (run.err, line4));
  }

  /* Nothing was imported: the good row alone now imports. */
  g_assert_true (g_file_set_contents (csv, ok, -1, NULL));
  run_cli (&good, "--db", db, "import", "persons", csv, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "Imported 1 person"));
}

static void
test_points_json (void)
{
  g_autofree char *db = db_path ("points.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) table = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *points;
  JsonObject *tij;

  run_cli (&init, "--db", db, "init", NULL);
  run_cli (&run, "--db", db, "points", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);

  points = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 13);
  tij = json_array_get_object_element (points, 0);
  g_assert_cmpstr (json_object_get_string_member (tij, "code"), ==, "TIJ");
  g_assert_cmpstr (json_object_get_string_member (tij, "timezone"), ==, "America/Tijuana");
  g_assert_true (json_object_get_boolean_member (tij, "capacity_sample"));

  run_cli (&table, "--db", db, "points", NULL);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "OJI"));
  g_assert_nonnull (strstr (table.out, "sample"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/init/demo", test_init_demo);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/import/errors", test_import_errors);
  g_test_add_func ("/cli/points/json", test_points_json);

  return g_test_run ();
}
