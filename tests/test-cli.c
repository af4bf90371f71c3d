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

#include "ret-core.h"
#include "ret-demo.h"
#include "ret-store.h"

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
    { { "import", "plan", NULL }, "import plan: give exactly one plan file" },
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
test_import_plan (void)
{
  g_autofree char *db = db_path ("plan.db");
  g_autofree char *good_path = g_build_filename (g_get_user_data_dir (), "good-plan.json", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "bad-plan.json", NULL);
  g_autofree char *missing_path = g_build_filename (g_get_user_data_dir (), "nowhere.json", NULL);
  g_auto(Run) init = { 0 };
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) missing = { 0 };
  const char *good_json =
    "{\"transfers\": ["
    "{\"id\": \"T-20261203-NOG-01\", \"mode\": \"bus\", \"facility\": \"TCA\", \"point\": \"NOG\","
    " \"depart\": \"2026-12-03T08:00:00-07:00\", \"handover\": \"2026-12-03T10:00:00-07:00\","
    " \"seats\": 40, \"persons\": [\"DEMO-000001\", \"DEMO-000002\"]},"
    "{\"id\": \"T-20261203-MEX-01\", \"mode\": \"flight\", \"facility\": \"TCA\", \"point\": \"MEX\","
    " \"depart\": \"2026-12-03T09:00:00-07:00\", \"handover\": \"2026-12-03T13:30:00-06:00\","
    " \"seats\": 135, \"persons\": [\"DEMO-000003\"]}],"
    " \"unassigned\": [], \"violations\": []}";
  const char *bad_json =
    "{\"transfers\": ["
    "{\"id\": \"T-1\", \"mode\": \"bus\", \"facility\": \"TCA\", \"point\": \"XXX\","
    " \"depart\": \"2026-12-03T08:00:00\", \"handover\": \"2026-12-03T10:00:00-07:00\","
    " \"seats\": 40, \"persons\": [\"DEMO-000004\", \"NOBODY\"]}]}";

  /* The demo roster without its plan: the persons named here are all
   * awaiting. */
  run_cli (&init, "--db", db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RetStore) store = ret_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (ret_demo_populate_roster (store, 20, 7, &error));
    g_assert_no_error (error);
  }

  g_assert_true (g_file_set_contents (bad_path, bad_json, -1, NULL));
  run_cli (&bad, "--db", db, "import", "plan", bad_path, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpstr (bad.out, ==, "");
  {
    g_autofree char *point = g_strdup_printf ("%s: transfers[0].point: unknown point “XXX”\n", bad_path);
    g_autofree char *depart = g_strdup_printf ("%s: transfers[0].depart: “2026-12-03T08:00:00” has no UTC offset", bad_path);
    g_autofree char *person = g_strdup_printf ("%s: transfers[0].persons[1]: unknown A-number “NOBODY”\n", bad_path);

    g_assert_nonnull (strstr (bad.err, point));
    g_assert_nonnull (strstr (bad.err, depart));
    g_assert_nonnull (strstr (bad.err, person));
    g_assert_nonnull (strstr (bad.err, "retorno-cli: bad-plan.json has 3 problems; nothing was imported\n"));
  }

  g_assert_true (g_file_set_contents (good_path, good_json, -1, NULL));
  run_cli (&good, "--db", db, "import", "plan", good_path, NULL);
  g_assert_cmpstr (good.err, ==, "");
  g_assert_cmpint (good.status, ==, 0);
  /* The bad file wrote nothing, so this is the first plan. */
  g_assert_cmpstr (good.out, ==, "Imported plan 1: 2 transfers, 3 persons.\n");

  /* The same transfer ids again */
  run_cli (&again, "--db", db, "import", "plan", good_path, NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "transfers[0].id: a transfer “T-20261203-NOG-01” is already in the database"));
  g_assert_nonnull (strstr (again.err, "nothing was imported"));

  run_cli (&missing, "--db", db, "import", "plan", missing_path, NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "nowhere.json"));
  g_assert_nonnull (strstr (missing.err, "No such file"));
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

/* Splits CSV output into lines, dropping the empty one after the last
 * newline. */
static GStrv
csv_lines (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);
  return g_steal_pointer (&lines);
}

static void
test_daylight_point (void)
{
  g_autofree char *db = db_path ("daylight.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cells = NULL;

  run_cli (&init, "--db", db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);

  run_cli (&run, "--db", db, "daylight", "--point", "NOG", "--from", "2026-06-21", "--days", "3", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  lines = csv_lines (run.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "date,sunrise,sunset,civil_dawn,civil_dusk");

  /* Nogales, Sonora keeps no DST: UTC−7 at the June solstice too. */
  cells = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 5);
  g_assert_cmpstr (cells[0], ==, "2026-06-21");
  g_assert_true (g_str_has_prefix (cells[1], "2026-06-21T05:"));
  g_assert_true (g_str_has_suffix (cells[1], "-07:00"));
  for (guint i = 1; i < 5; i++)
    g_assert_true (g_str_has_suffix (cells[i], "-07:00"));
  g_assert_true (g_str_has_prefix (lines[2], "2026-06-22,"));
  g_assert_true (g_str_has_prefix (lines[3], "2026-06-23,"));

  /* An unknown point names the known ones. */
  run_cli (&unknown, "--db", db, "daylight", "--point", "XXX", "--from", "2026-06-21", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_nonnull (strstr (unknown.err, "unknown point “XXX”"));
  g_assert_nonnull (strstr (unknown.err, "NOG"));
  g_assert_nonnull (strstr (unknown.err, "TIJ"));
}

/* Coordinates and a zone need no database, and the offset of each cell is
 * the one in force that date: Tijuana springs forward on 2026-03-08. */
static void
test_daylight_coordinates (void)
{
  g_autofree char *db = db_path ("none.db");
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "--db", db, "daylight", "--lat", "32.543", "--lon", "-117.035",
           "--tz", "America/Tijuana", "--from", "2026-03-07", "--days", "3", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  lines = csv_lines (run.out);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "date,sunrise,sunset,civil_dawn,civil_dusk");
  for (guint i = 1; i < 4; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      const char *offset = i == 1 ? "-08:00" : "-07:00";

      g_assert_cmpuint (g_strv_length (cells), ==, 5);
      g_assert_true (g_str_has_prefix (cells[1], cells[0]));
      for (guint j = 1; j < 5; j++)
        g_assert_true (g_str_has_suffix (cells[j], offset));
    }
}

static void
test_daylight_errors (void)
{
  g_autofree char *db = db_path ("daylight-usage.db");
  static const struct { const char *args[12]; const char *message; } cases[] = {
    { { "--point", "NOG", "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo",
        "--from", "2026-06-21", NULL }, "not both" },
    { { "--from", "2026-06-21", NULL }, "say where" },
    { { "--lat", "31", "--lon", "-110", "--from", "2026-06-21", NULL }, "give all three" },
    { { "--lat", "abc", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lat: “abc” is not a number" },
    { { "--lat", "91", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lat: 91 is outside -90 to 90" },
    { { "--lat", "-90.5", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lat: -90.5 is outside -90 to 90" },
    { { "--lat", "31", "--lon", "180.1", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lon: 180.1 is outside -180 to 180" },
    { { "--lat", "31", "--lon", "12x", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lon: “12x” is not a number" },
    { { "--lat", "31", "--lon", "-110", "--tz", "Mars/Olympus", "--from", "2026-06-21", NULL },
      "--tz: “Mars/Olympus” is not a known time zone" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", NULL },
      "--from YYYY-MM-DD is required" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-02-30", NULL },
      "2026-02-30 is not a date that exists" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "21/06/2026", NULL },
      "“21/06/2026” is not a date in the form YYYY-MM-DD" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21",
        "--days", "0", NULL }, "--days: “0” is not a number from 1 to 3660" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21",
        "--days", "3661", NULL }, "--days: “3661” is not a number from 1 to 3660" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21",
        "--days", "many", NULL }, "--days: “many” is not a number" },
    /* Typos that strtod would have taken as numbers, a file as a zone,
     * and a year the output could not write in four digits */
    { { "--lat", "0x10", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lat: “0x10” is not a number in decimal degrees" },
    { { "--lat", "31", "--lon", "1e2", "--tz", "America/Hermosillo", "--from", "2026-06-21", NULL },
      "--lon: “1e2” is not a number in decimal degrees" },
    { { "--lat", "31", "--lon", "-110", "--tz", "/etc/localtime", "--from", "2026-06-21", NULL },
      "--tz: “/etc/localtime” is not a known time zone" },
    { { "--lat", "31", "--lon", "-110", "--tz", "America/Hermosillo", "--from", "0001-01-01", NULL },
      "--from: 0001-01-01 is outside the years 1900 to 2200" },
    /* A point needs the database, which does not exist here. */
    { { "--point", "NOG", "--from", "2026-06-21", NULL }, "does not exist" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", db, "daylight", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
               a[8], a[9], a[10], a[11], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].message, run.err);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

/* ----------------------------------------------------------------------
 * check, approve, override
 */

#define CHECK_TRANSFER_CLEAN "T-CLI-NOG-01"
#define CHECK_TRANSFER_HARD  "T-CLI-NOG-02"

static RetPerson *
check_person (const char *a_number,
              gboolean    verified,
              gint64      apprehended_at)
{
  RetPerson *person = ret_person_new ();

  person->a_number = g_strdup (a_number);
  person->family_name = g_strdup ("Prueba Ejemplo");
  person->given_names = g_strdup ("Persona");
  person->sex = RET_SEX_MALE;
  g_date_set_dmy (&person->birth_date, 1, 1, 1990);
  person->nationality = g_strdup ("MEX");
  person->nationality_verified = verified;
  person->facility = g_strdup ("TCA");
  person->apprehended_at = apprehended_at;
  person->medical_fit = TRUE;
  person->notes = g_strdup ("");
  person->status = RET_PERSON_STATUS_AWAITING;
  return person;
}

/* One bus from Tucson to Nogales at noon, local time, @days_ahead days
 * from now.  Two days ahead, with its manifest sent now (more than a day
 * before departure), nothing in it breaks a rule unless @verified is
 * FALSE. */
static void
store_plan_full (RetStore   *store,
                 const char *code,
                 const char *a_number,
                 gboolean    verified,
                 int         days_ahead,
                 gboolean    notify)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) plan = ret_plan_draft_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Hermosillo");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days_ahead);
  g_autoptr(GDateTime) noon = g_date_time_new (zone, g_date_time_get_year (day),
                                               g_date_time_get_month (day),
                                               g_date_time_get_day_of_month (day),
                                               12, 0, 0);
  RetPlanDraftTransfer *t = ret_plan_draft_transfer_new ();
  gint64 sent = g_date_time_to_unix (now) - 60;

  g_ptr_array_add (persons, check_person (a_number, verified, g_date_time_to_unix (now) - 3600));
  g_assert_true (ret_store_insert_persons (store, persons, "test", "test", &error));
  g_assert_no_error (error);

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup ("TCA");
  t->point = g_strdup ("NOG");
  t->handover_at = g_date_time_to_unix (noon);
  t->depart_at = t->handover_at - 2 * 3600;
  t->seats = 45;
  g_ptr_array_add (t->a_numbers, g_strdup (a_number));
  g_ptr_array_add (plan->transfers, t);
  g_assert_true (ret_store_insert_plan (store, plan, "test", "test", NULL, &error));
  g_assert_no_error (error);

  for (RetNoticeKind kind = RET_NOTICE_CONSULATE; notify && kind <= RET_NOTICE_INM; kind++)
    {
      g_assert_true (ret_store_record_notice (store, code, kind, "Recipient (test)", sent, "test",
                                              &error));
      g_assert_no_error (error);
    }
}

static void
store_check_plan (RetStore   *store,
                  const char *code,
                  const char *a_number,
                  gboolean    verified)
{
  store_plan_full (store, code, a_number, verified, 2, TRUE);
}

static char *
check_db_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autofree char *db = db_path ("check.db");
  g_auto(Run) init = { 0 };

  run_cli (&init, "--db", db, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);

  store = ret_store_open (db, &error);
  g_assert_no_error (error);
  store_check_plan (store, CHECK_TRANSFER_CLEAN, "CLI-000001", TRUE);

  return g_steal_pointer (&db);
}

static void
add_hard_violation (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_store_open (db, &error);

  g_assert_no_error (error);
  /* Plan 2: a person whose nationality the consulate has not verified */
  store_check_plan (store, CHECK_TRANSFER_HARD, "CLI-000002", FALSE);
}

static void
test_check_exit_status (void)
{
  g_autofree char *db = check_db_new ();
  g_auto(Run) clean = { 0 };
  g_auto(Run) hard = { 0 };
  g_auto(Run) override = { 0 };
  g_auto(Run) after = { 0 };
  g_auto(Run) empty = { 0 };

  run_cli (&clean, "--db", db, "check", NULL);
  g_assert_cmpstr (clean.err, ==, "");
  g_assert_cmpint (clean.status, ==, 0);
  g_assert_nonnull (strstr (clean.out, "0 hard violations, 0 warnings in 1 transfer\n"));

  add_hard_violation (db);
  run_cli (&hard, "--db", db, "check", NULL);
  g_assert_cmpint (hard.status, ==, 1);
  g_assert_nonnull (strstr (hard.out, "Hard violations\n"));
  g_assert_nonnull (strstr (hard.out, "R12 mexican-only — "));
  g_assert_nonnull (strstr (hard.out, "  " CHECK_TRANSFER_HARD ": "));
  g_assert_nonnull (strstr (hard.out, "(A-number CLI-000002)"));
  g_assert_nonnull (strstr (hard.out, "1 hard violation, 0 warnings in 2 transfers\n"));

  run_cli (&override, "--db", db, "override", CHECK_TRANSFER_HARD, "R12",
           "--reason", "Consulate confirmed by phone; interview at the port", "--by", "Ana Ruiz", NULL);
  g_assert_cmpstr (override.err, ==, "");
  g_assert_cmpint (override.status, ==, 0);

  run_cli (&after, "--db", db, "check", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out,
                            "[overridden by Ana Ruiz: Consulate confirmed by phone; interview at the port]"));
  g_assert_nonnull (strstr (after.out, "1 hard violation (1 overridden), 0 warnings in 2 transfers\n"));

  /* Nothing planned in the dates asked for is said plainly. */
  run_cli (&empty, "--db", db, "check", "--from", "2099-01-01", "--days", "7", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_nonnull (strstr (empty.out, "No transfers to check in the 7 days from 2099-01-01"));
}

static void
test_check_json (void)
{
  g_autofree char *db = check_db_new ();
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *violations;
  JsonObject *v = NULL;

  add_hard_violation (db);
  run_cli (&run, "--db", db, "check", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "transfers"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "hard"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "hard_unresolved"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "warnings"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "warnings_unresolved"), ==, 0);

  violations = json_object_get_array_member (root, "violations");
  g_assert_cmpuint (json_array_get_length (violations), ==, 1);
  v = json_array_get_object_element (violations, 0);
  g_assert_cmpstr (json_object_get_string_member (v, "rule"), ==, "R12");
  g_assert_cmpstr (json_object_get_string_member (v, "severity"), ==, "hard");
  g_assert_cmpstr (json_object_get_string_member (v, "transfer"), ==, CHECK_TRANSFER_HARD);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (v, "persons")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (v, "persons"), 0),
                   ==, "CLI-000002");
  g_assert_cmpstr (json_object_get_string_member (v, "message"), !=, "");
}

static void
test_check_usage (void)
{
  g_autofree char *db = db_path ("check-usage.db");
  static const struct { const char *args[5]; const char *message; } cases[] = {
    { { "--from", "2026-02-30", NULL }, "--from: 2026-02-30 is not a date that exists" },
    { { "--from", "tomorrow", NULL }, "--from: “tomorrow” is not a date in the form YYYY-MM-DD" },
    { { "--from", "2026-12-01", "--days", "0", NULL }, "--days: “0” is not a number from 1 to 366" },
    { { "--from", "2026-12-01", "--days", "367", NULL }, "--days: “367” is not a number from 1 to 366" },
    { { "--from", "2026-12-01", "--days", "-1", NULL }, "--days: “-1” is not a number" },
    { { "--days", "3", NULL }, "--days needs --from" },
    { { "--plan", "x", NULL }, "--plan: “x” is not a plan number" },
    { { "--verbose", NULL }, "Unknown option --verbose" },
    { { "today", NULL }, "unexpected argument “today”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", db, "check", cases[i].args[0], cases[i].args[1], cases[i].args[2],
               cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].message, run.err);
      /* Bad input is refused before the database is touched. */
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

static void
test_approve (void)
{
  g_autofree char *db = check_db_new ();
  g_auto(Run) blocked = { 0 };
  g_auto(Run) override = { 0 };
  g_auto(Run) approved = { 0 };
  g_auto(Run) no_name = { 0 };
  g_auto(Run) clean = { 0 };

  add_hard_violation (db);

  run_cli (&no_name, "--db", db, "approve", "2", NULL);
  g_assert_cmpint (no_name.status, ==, 2);
  g_assert_nonnull (strstr (no_name.err, "--by NAME is required"));

  run_cli (&blocked, "--db", db, "approve", "2", "--by", "Ana Ruiz", NULL);
  g_assert_cmpint (blocked.status, ==, 1);
  g_assert_cmpstr (blocked.out, ==, "");
  g_assert_nonnull (strstr (blocked.err, "1 hard violation"));

  /* The first plan has nothing to fix. */
  run_cli (&clean, "--db", db, "approve", "1", "--by", "Ana Ruiz", NULL);
  g_assert_cmpint (clean.status, ==, 0);
  g_assert_cmpstr (clean.out, ==, "Plan 1 approved by Ana Ruiz.\n");

  run_cli (&override, "--db", db, "override", CHECK_TRANSFER_HARD, "mexican-only",
           "--reason", "Consulate confirmed by phone", "--by", "Luis Soto", NULL);
  g_assert_cmpint (override.status, ==, 0);

  run_cli (&approved, "--db", db, "approve", "2", "--by", "Ana Ruiz", NULL);
  g_assert_cmpstr (approved.err, ==, "");
  g_assert_cmpint (approved.status, ==, 0);
  g_assert_cmpstr (approved.out, ==, "Plan 2 approved by Ana Ruiz.\n");
}

static void
test_override_refused (void)
{
  g_autofree char *db = check_db_new ();
  static const struct { const char *args[8]; const char *message; } cases[] = {
    { { CHECK_TRANSFER_HARD, "R12", "--reason", "   ", "--by", "Ana", NULL },
      "--reason must say why" },
    { { CHECK_TRANSFER_HARD, "R12", "--reason", "", "--by", "Ana", NULL },
      "--reason must say why" },
    { { CHECK_TRANSFER_HARD, "R12", "--by", "Ana", NULL }, "--reason must say why" },
    { { CHECK_TRANSFER_HARD, "R12", "--reason", "Confirmed", NULL }, "--by NAME is required" },
    { { CHECK_TRANSFER_HARD, "R99", "--reason", "Confirmed", "--by", "Ana", NULL },
      "unknown rule “R99”" },
    { { "T-NOWHERE", "R12", "--reason", "Confirmed", "--by", "Ana", NULL },
      "no transfer “T-NOWHERE”" },
    { { CHECK_TRANSFER_HARD, "R07", "--reason", "Confirmed", "--by", "Ana", NULL },
      CHECK_TRANSFER_HARD " has no current violation of R07" },
    { { CHECK_TRANSFER_HARD, NULL }, "say which violation" },
  };
  g_auto(Run) still = { 0 };

  add_hard_violation (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", db, "override", a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (run.status, ==, 2);
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].message, run.err);
    }

  /* Nothing was recorded: the violation still blocks. */
  run_cli (&still, "--db", db, "check", NULL);
  g_assert_cmpint (still.status, ==, 1);
  g_assert_null (strstr (still.out, "overridden"));
}

/* A bus leaving within the day whose manifest has gone to nobody yet
 * has two warnings of R08, one per office: override asks which, and
 * acknowledges the one named. */
static void
test_override_subject (void)
{
  g_autofree char *db = check_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Hermosillo");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_auto(Run) ambiguous = { 0 };
  g_auto(Run) one = { 0 };
  g_auto(Run) after = { 0 };

  {
    g_autoptr(RetStore) store = ret_store_open (db, &error);
    /* The bus leaves at 10:00: the next 10:00, less than a day away, so
     * that the notices are due now but the bus has not left. */
    int days_ahead = g_date_time_get_hour (now) < 10 ? 0 : 1;

    g_assert_no_error (error);
    store_plan_full (store, "T-CLI-NOG-03", "CLI-000003", TRUE, days_ahead, FALSE);
  }

  run_cli (&ambiguous, "--db", db, "override", "T-CLI-NOG-03", "R08",
           "--reason", "Sent by fax", "--by", "Ana", NULL);
  g_assert_cmpint (ambiguous.status, ==, 2);
  g_assert_nonnull (strstr (ambiguous.err, "T-CLI-NOG-03 has 2 violations of R08; say which with --subject"));
  g_assert_nonnull (strstr (ambiguous.err, "--subject 'consulate-"));
  g_assert_nonnull (strstr (ambiguous.err, "--subject 'inm-"));

  run_cli (&one, "--db", db, "override", "T-CLI-NOG-03", "advance-notice",
           "--reason", "Sent by fax", "--by", "Ana", "--subject", "consulate-due:CLI-000003", NULL);
  g_assert_cmpstr (one.err, ==, "");
  g_assert_cmpint (one.status, ==, 0);
  g_assert_nonnull (strstr (one.out, "Acknowledged R08 on T-CLI-NOG-03"));

  run_cli (&after, "--db", db, "check", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_nonnull (strstr (after.out, "[acknowledged by Ana: Sent by fax]"));
  g_assert_nonnull (strstr (after.out, "2 warnings (1 acknowledged)"));
}

/* The demo database shows what the check finds: the problems it leaves
 * on purpose keep its plan from approval. */
static void
test_check_demo (void)
{
  g_autofree char *db = db_path ("check-demo.db");
  g_auto(Run) init = { 0 };
  g_auto(Run) run = { 0 };

  run_cli (&init, "--db", db, "init", "--demo", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run_cli (&run, "--db", db, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "R07 family-unity — "));
  g_assert_nonnull (strstr (run.out, "R12 mexican-only — "));
}

/* The R07 violation of the demo (its one family split) as JSON */
static JsonObject *
demo_family_split (const char  *db,
                   JsonParser  *parser)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  JsonArray *violations;

  run_cli (&run, "--db", db, "check", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  violations = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                             "violations");
  for (guint i = 0; i < json_array_get_length (violations); i++)
    {
      JsonObject *v = json_array_get_object_element (violations, i);

      if (g_str_equal (json_object_get_string_member (v, "rule"), "R07"))
        return v;
    }
  g_assert_not_reached ();
}

/* A family split is reported on the first of its transfers; the
 * coordinator may override it from the other one, and then it is
 * resolved in every view. */
static void
test_override_family_from_other_transfer (void)
{
  g_autofree char *db = db_path ("family-split.db");
  g_autoptr(JsonParser) before = json_parser_new ();
  g_autoptr(JsonParser) after = json_parser_new ();
  g_auto(Run) init = { 0 };
  g_auto(Run) override = { 0 };
  g_auto(GStrv) transfers = NULL;
  g_autofree char *list = NULL;
  JsonObject *v;
  const char *subject;

  run_cli (&init, "--db", db, "init", "--demo", NULL);
  g_assert_cmpint (init.status, ==, 0);

  v = demo_family_split (db, before);
  g_assert_true (json_node_is_null (json_object_get_member (v, "resolution")));
  /* "split@LABEL[T-A, T-B]:…" */
  subject = json_object_get_string_member (v, "subject");
  g_assert_true (g_str_has_prefix (subject, "split@"));
  list = g_strndup (strchr (subject, '[') + 1, strchr (subject, ']') - strchr (subject, '[') - 1);
  transfers = g_strsplit (list, ", ", -1);
  g_assert_cmpuint (g_strv_length (transfers), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (v, "transfer"), ==, transfers[0]);

  run_cli (&override, "--db", db, "override", transfers[1], "R07",
           "--reason", "Father in hospital; joins the family at the point", "--by", "Lic. Ruiz", NULL);
  g_assert_cmpstr (override.err, ==, "");
  g_assert_cmpint (override.status, ==, 0);

  v = demo_family_split (db, after);
  g_assert_false (json_node_is_null (json_object_get_member (v, "resolution")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (v, "resolution"), "approver"),
                   ==, "Lic. Ruiz");
}

static void
test_plan_usage (void)
{
  g_autofree char *db = db_path ("plan-usage.db");
  static const struct { const char *args[5]; const char *message; } cases[] = {
    { { NULL }, "plan: --from YYYY-MM-DD is required" },
    { { "--from", "2026-02-30", NULL }, "plan: --from: 2026-02-30 is not a date that exists" },
    { { "--from", "tomorrow", NULL }, "--from: “tomorrow” is not a date in the form YYYY-MM-DD" },
    { { "--from", "2026-12-01", "--days", "0", NULL }, "--days: “0” is not a number from 1 to 366" },
    { { "--from", "2026-12-01", "--days", "367", NULL }, "--days: “367” is not a number from 1 to 366" },
    { { "--days", "3", NULL }, "plan: --days needs --from" },
    { { "--from", "2026-12-01", "--seed", "x", NULL }, "--seed: “x” is not a whole number" },
    { { "--from", "2026-12-01", "--verbose", NULL }, "Unknown option --verbose" },
    { { "--from", "2026-12-01", "today", NULL }, "plan: unexpected argument “today”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", db, "plan", cases[i].args[0], cases[i].args[1], cases[i].args[2],
               cases[i].args[3], cases[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].message, run.err);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }

  /* A database that is not there is not created */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "--db", db, "plan", "--from", "2026-12-01", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "does not exist"));
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
}

/* Tomorrow, local date, as YYYY-MM-DD */
static char *
tomorrow_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  return g_date_time_format (tomorrow, "%Y-%m-%d");
}

/* Everyone awaiting on the demo roster is planned or named with a
 * reason; nobody unknown, nobody twice, no hard violation. */
static void
test_plan_demo (void)
{
  g_autofree char *db = db_path ("plan-demo.db");
  g_autofree char *from = tomorrow_text ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) init = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  JsonObject *root;
  JsonArray *transfers, *unassigned, *violations;
  guint n_persons = 0;

  run_cli (&init, "--db", db, "init", "--demo", "--persons", "300", "--seed", "11", NULL);
  g_assert_cmpint (init.status, ==, 0);

  run_cli (&run, "--db", db, "plan", "--from", from, "--days", "2", "--seed", "3", "--json", NULL);
  if (run.status != 0)
    g_error ("plan failed (%d): %s", run.status, run.err);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  transfers = json_object_get_array_member (root, "transfers");
  unassigned = json_object_get_array_member (root, "unassigned");
  violations = json_object_get_array_member (root, "violations");
  g_assert_nonnull (transfers);
  g_assert_nonnull (unassigned);
  g_assert_nonnull (violations);
  g_assert_cmpuint (json_array_get_length (transfers), >, 0);

  store = ret_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < json_array_get_length (transfers); i++)
    {
      JsonObject *t = json_array_get_object_element (transfers, i);
      JsonArray *persons = json_object_get_array_member (t, "persons");
      g_autoptr(RetTransfer) stored = NULL;

      /* The plan printed is the plan stored */
      stored = ret_store_get_transfer (store, json_object_get_string_member (t, "id"), &error);
      g_assert_no_error (error);
      g_assert_cmpint (stored->n_persons, ==, json_array_get_length (persons));
      g_assert_cmpint (json_array_get_length (persons), <=, json_object_get_int_member (t, "seats"));

      for (guint k = 0; k < json_array_get_length (persons); k++)
        {
          const char *a_number = json_array_get_string_element (persons, k);

          g_assert_true (ret_store_has_a_number (store, a_number));
          g_assert_true (g_hash_table_add (seen, (gpointer) a_number));
          n_persons++;
        }
    }
  for (guint i = 0; i < json_array_get_length (unassigned); i++)
    {
      JsonObject *u = json_array_get_object_element (unassigned, i);
      const char *a_number = json_object_get_string_member (u, "a_number");

      g_assert_true (ret_store_has_a_number (store, a_number));
      g_assert_true (g_hash_table_add (seen, (gpointer) a_number));
      g_assert_cmpstr (json_object_get_string_member (u, "reason"), !=, "");
    }
  for (guint i = 0; i < json_array_get_length (violations); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (violations, i),
                                                    "severity"), !=, "hard");
  g_assert_cmpuint (n_persons, >, 0);
  g_clear_object (&store);

  /* Again, as text: the summary replaces the plan just made */
  run_cli (&text, "--db", db, "plan", "--from", from, "--days", "2", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "stored as a draft"));
  g_assert_nonnull (strstr (text.out, "Planned: "));
  g_assert_nonnull (strstr (text.out, "Not planned: "));
  g_assert_nonnull (strstr (text.out, "Hard violations found: 0"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ret_core_init ();

  g_test_add_func ("/cli/init/demo", test_init_demo);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/import/errors", test_import_errors);
  g_test_add_func ("/cli/import/plan", test_import_plan);
  g_test_add_func ("/cli/points/json", test_points_json);
  g_test_add_func ("/cli/daylight/point", test_daylight_point);
  g_test_add_func ("/cli/daylight/coordinates", test_daylight_coordinates);
  g_test_add_func ("/cli/daylight/errors", test_daylight_errors);
  g_test_add_func ("/cli/check/exit-status", test_check_exit_status);
  g_test_add_func ("/cli/check/json", test_check_json);
  g_test_add_func ("/cli/check/usage", test_check_usage);
  g_test_add_func ("/cli/check/demo", test_check_demo);
  g_test_add_func ("/cli/plan/usage", test_plan_usage);
  g_test_add_func ("/cli/plan/demo", test_plan_demo);
  g_test_add_func ("/cli/approve/blocked-then-allowed", test_approve);
  g_test_add_func ("/cli/override/refused", test_override_refused);
  g_test_add_func ("/cli/override/subject", test_override_subject);
  g_test_add_func ("/cli/override/family-from-other-transfer", test_override_family_from_other_transfer);

  return g_test_run ();
}
