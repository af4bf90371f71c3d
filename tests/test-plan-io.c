/* test-plan-io.c — plans imported from JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ret-demo.h"
#include "ret-plan-io.h"
#include "ret-store.h"

/* One transfer of the plan JSON, every field given */
#define TRANSFER(id, mode, facility, point, depart, handover, seats, persons) \
  "{\"id\": " id ", \"mode\": " mode ", \"facility\": " facility ", \"point\": " point \
  ", \"depart\": " depart ", \"handover\": " handover ", \"seats\": " seats \
  ", \"persons\": " persons "}"

#define DEPART "\"2026-12-03T08:00:00-07:00\""
#define HANDOVER "\"2026-12-03T10:00:00-07:00\""

/* Tucson to Nogales, and San Diego to Ciudad Acuña: a point outside the
 * sector's arrangement is for the rule check (R01, R15), not an import
 * problem. */
#define GOOD_PLAN \
  "{\"transfers\": [" \
  TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", \
            "[\"DEMO-000001\", \"DEMO-000002\"]") ", " \
  TRANSFER ("\"T-2\"", "\"van\"", "\"SDC\"", "\"ACU\"", "\"2026-12-04T20:00:00-08:00\"", \
            "\"2026-12-05T06:00:00-06:00\"", "12.0", "[\"DEMO-000003\"]") \
  "], \"unassigned\": [{\"a_number\": \"DEMO-000004\", \"reason\": \"no seat left\"}]," \
  " \"violations\": [{\"rule\": \"R01\", \"severity\": \"hard\", \"transfer\": \"T-2\"," \
  " \"persons\": [], \"message\": \"not a point of the arrangement\"}]}"

typedef struct
{
  RetStore *store;
  char     *dir;
  char     *db_path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_build_filename (g_get_user_data_dir (), "plan-io", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);

  fixture->db_path = g_build_filename (fixture->dir, "retorno.db", NULL);
  g_remove (fixture->db_path);
  fixture->store = ret_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  ret_store_load_reference_data (fixture->store, &error);
  g_assert_no_error (error);
  ret_demo_populate_roster (fixture->store, 100, 7, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->db_path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
write_plan (Fixture    *fixture,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "plan.json", NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_transfers (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transfers = ret_store_list_transfers (fixture->store, G_MININT64,
                                                             G_MAXINT64, &error);

  g_assert_no_error (error);
  return transfers->len;
}

static RetPerson *
get_person (Fixture    *fixture,
            const char *a_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  RetPersonQuery query = { a_number, RET_PERSON_FILTER_NONE };
  RetPerson *person;

  ids = ret_store_query_person_ids (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  person = ret_store_get_person (fixture->store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->a_number, ==, a_number);
  return person;
}

static RetPersonStatus
person_status (Fixture    *fixture,
               const char *a_number)
{
  g_autoptr(RetPerson) person = get_person (fixture, a_number);

  return person->status;
}

/* Imports @contents, which must fail, and returns the problems, each
 * formatted; checks that nothing was written. */
static GStrv
import_bad (Fixture    *fixture,
            const char *contents,
            gssize      length,
            guint      *n_problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autofree char *path = write_plan (fixture, contents, length);
  guint n_before = count_transfers (fixture);
  gint64 audit_before = ret_store_count_audit (fixture->store, NULL);
  gint64 plan_id = -1;
  gboolean ok;

  ok = ret_plan_import_file (fixture->store, path, "tester", &plan_id, NULL, NULL,
                             &problems, &error);
  g_assert_false (ok);
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "plan.json has "));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_cmpint (plan_id, ==, -1);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);

  /* Nothing written */
  g_assert_cmpuint (count_transfers (fixture), ==, n_before);
  g_assert_cmpint (ret_store_count_audit (fixture->store, NULL), ==, audit_before);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = ret_plan_problem_format (g_ptr_array_index (problems, i));

      /* Problems name the file as it was given: here, the full path */
      g_assert_true (g_str_has_prefix (line, path));
      g_test_message ("%s", line);
      g_strv_builder_add (lines, line + strlen (fixture->dir) + 1);
    }

  if (n_problems != NULL)
    *n_problems = problems->len;
  return g_strv_builder_end (lines);
}

static gboolean
has_line (const char * const *lines,
          const char         *prefix)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;

  return FALSE;
}

static void
test_import_good (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) transfers = NULL;
  g_autofree char *path = write_plan (fixture, GOOD_PLAN, -1);
  gint64 audit_before = ret_store_count_audit (fixture->store, "import");
  gint64 plan_id = 0;
  guint n_transfers = 0, n_persons = 0;
  gboolean ok;

  g_assert_cmpint (person_status (fixture, "DEMO-000001"), ==, RET_PERSON_STATUS_AWAITING);

  ok = ret_plan_import_file (fixture->store, path, "tester", &plan_id, &n_transfers,
                             &n_persons, &problems, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (problems);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_cmpuint (n_transfers, ==, 2);
  g_assert_cmpuint (n_persons, ==, 3);

  transfers = ret_store_list_transfers (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (transfers->len, ==, 2);
  for (guint i = 0; i < transfers->len; i++)
    {
      const RetTransfer *t = g_ptr_array_index (transfers, i);

      if (g_strcmp0 (t->code, "T-1") == 0)
        {
          g_assert_cmpstr (t->mode, ==, "bus");
          g_assert_cmpstr (t->facility, ==, "TCA");
          g_assert_cmpstr (t->point, ==, "NOG");
          g_assert_cmpint (t->depart_at, ==, 1796310000);   /* 15:00 UTC */
          g_assert_cmpint (t->handover_at, ==, 1796317200);
          g_assert_cmpint (t->seats, ==, 40);
          g_assert_cmpint (t->n_persons, ==, 2);
        }
      else
        {
          g_assert_cmpstr (t->code, ==, "T-2");
          g_assert_cmpstr (t->point, ==, "ACU");
          g_assert_cmpint (t->seats, ==, 12);
          g_assert_cmpint (t->handover_at - t->depart_at, ==, 8 * 3600);  /* 04:00 to 12:00 UTC */
          g_assert_cmpint (t->n_persons, ==, 1);
        }
    }

  g_assert_cmpint (person_status (fixture, "DEMO-000001"), ==, RET_PERSON_STATUS_PLANNED);
  g_assert_cmpint (person_status (fixture, "DEMO-000002"), ==, RET_PERSON_STATUS_PLANNED);
  g_assert_cmpint (person_status (fixture, "DEMO-000003"), ==, RET_PERSON_STATUS_PLANNED);
  /* Unassigned: left as it was */
  g_assert_cmpint (person_status (fixture, "DEMO-000004"), ==, RET_PERSON_STATUS_AWAITING);

  g_assert_cmpint (ret_store_count_audit (fixture->store, "import"), ==, audit_before + 1);

  /* One draft plan over the UTC dates of the handovers: 12-03 to 12-05 */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, from_date, days, status FROM plans", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, plan_id);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2026-12-03");
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 3);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "draft");
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT detail FROM audit_log WHERE action = 'import' "
                                         "AND entity = 'plan'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                     "{\"transfers\":2,\"persons\":3,\"from_date\":\"2026-12-03\",\"days\":3,"
                     "\"source\":\"plan.json\"}");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
changed_cb (RetStore   *store,
            const char *entity,
            GString    *seen)
{
  g_string_append_printf (seen, "%s;", entity);
}

static void
test_import_signals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *path = write_plan (fixture, GOOD_PLAN, -1);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), seen);
  g_assert_true (ret_plan_import_file (fixture->store, path, "tester", NULL, NULL, NULL,
                                       NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "transfers;persons;");
  g_signal_handlers_disconnect_by_func (fixture->store, changed_cb, seen);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *problem;   /* the start of one formatted problem */
} ProblemCase;

#define ONE(t) "{\"transfers\": [" t "]}"
#define PERSONS_1 "[\"DEMO-000001\"]"

static const ProblemCase problem_cases[] = {
  { "syntax", "{\"transfers\": [\n  {\"id\": }\n]}", "plan.json:2:" },
  { "not-object", "[1, 2]", "plan.json: expected a JSON object with a “transfers” array, found an array" },
  { "empty-file", "", "plan.json: the file is empty" },
  { "no-transfers", "{\"unassigned\": []}", "plan.json: transfers: missing" },
  { "transfers-type", "{\"transfers\": {}}", "plan.json: transfers: expected an array, found an object" },
  { "transfers-empty", "{\"transfers\": []}", "plan.json: transfers: the plan has no transfers" },
  { "transfer-type", ONE ("\"T-1\""), "plan.json: transfers[0]: expected an object, found a string" },
  { "missing-point",
    ONE ("{\"id\": \"T-1\", \"mode\": \"bus\", \"facility\": \"TCA\", \"depart\": " DEPART
         ", \"handover\": " HANDOVER ", \"seats\": 40, \"persons\": " PERSONS_1 "}"),
    "plan.json: transfers[0].point: missing" },
  { "missing-persons",
    ONE ("{\"id\": \"T-1\", \"mode\": \"bus\", \"facility\": \"TCA\", \"point\": \"NOG\", \"depart\": "
         DEPART ", \"handover\": " HANDOVER ", \"seats\": 40}"),
    "plan.json: transfers[0].persons: missing" },
  { "id-type", ONE (TRANSFER ("17", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)),
    "plan.json: transfers[0].id: expected a string, found a number" },
  { "seats-type", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "\"40\"", PERSONS_1)),
    "plan.json: transfers[0].seats: expected a number, found a string" },
  { "persons-type", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", "\"DEMO-000001\"")),
    "plan.json: transfers[0].persons: expected an array of A-numbers, found a string" },
  { "person-type", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", "[1]")),
    "plan.json: transfers[0].persons[0]: expected an A-number (a string), found a number" },
  { "mode", ONE (TRANSFER ("\"T-1\"", "\"ship\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)),
    "plan.json: transfers[0].mode: unknown mode “ship”" },
  { "facility", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"ZZZ\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)),
    "plan.json: transfers[0].facility: unknown facility “ZZZ”" },
  { "point", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"XXX\"", DEPART, HANDOVER, "40", PERSONS_1)),
    "plan.json: transfers[0].point: unknown point “XXX”" },
  { "no-offset", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", "\"2026-12-03T08:00:00\"", HANDOVER, "40", PERSONS_1)),
    "plan.json: transfers[0].depart: “2026-12-03T08:00:00” has no UTC offset" },
  { "invalid-time", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, "\"2026-02-30T10:00:00-07:00\"", "40", PERSONS_1)),
    "plan.json: transfers[0].handover: “2026-02-30T10:00:00-07:00” is not a valid date and time" },
  { "handover-before-depart", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", HANDOVER, DEPART, "40", PERSONS_1)),
    "plan.json: transfers[0].handover: 2026-12-03T08:00:00-07:00 is before the departure" },
  { "seats-zero", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "0", PERSONS_1)),
    "plan.json: transfers[0].seats: 0 is not a number of seats from 1 to 500" },
  { "seats-many", ONE (TRANSFER ("\"T-1\"", "\"flight\"", "\"TCA\"", "\"MEX\"", DEPART, HANDOVER, "501", PERSONS_1)),
    "plan.json: transfers[0].seats: 501 is not a number of seats from 1 to 500" },
  { "seats-fraction", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "4.5", PERSONS_1)),
    "plan.json: transfers[0].seats: 4.5 is not a whole number of seats" },
  { "seats-huge", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "1e30", PERSONS_1)),
    "plan.json: transfers[0].seats: 1000000000000 is not a number of seats from 1 to 500" },
  { "overfull", ONE (TRANSFER ("\"T-1\"", "\"van\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "1",
                               "[\"DEMO-000001\", \"DEMO-000002\"]")),
    "plan.json: transfers[0].persons: 2 persons on a vehicle with 1 seat" },
  { "unknown-person", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40",
                                     "[\"DEMO-000001\", \"A999\"]")),
    "plan.json: transfers[0].persons[1]: unknown A-number “A999”" },
  { "person-twice", ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40",
                                   "[\"DEMO-000001\", \"DEMO-000001\"]")),
    "plan.json: transfers[0].persons[1]: “DEMO-000001” is also at transfers[0].persons[0]" },
  { "person-two-transfers",
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1) ", "
    TRANSFER ("\"T-2\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", "[\"DEMO-000002\", \"DEMO-000001\"]")
    "]}",
    "plan.json: transfers[1].persons[1]: “DEMO-000001” is also at transfers[0].persons[0]" },
  { "duplicate-id",
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1) ", "
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", "[\"DEMO-000002\"]")
    "]}",
    "plan.json: transfers[1].id: “T-1” is also the id of transfers[0]" },
  { "unassigned-on-transfer",
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)
    "], \"unassigned\": [{\"a_number\": \"DEMO-000001\", \"reason\": \"late\"}]}",
    "plan.json: unassigned[0].a_number: “DEMO-000001” is unassigned here but on a transfer at transfers[0].persons[0]" },
  { "unassigned-unknown",
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)
    "], \"unassigned\": [{\"a_number\": \"A999\", \"reason\": \"late\"}]}",
    "plan.json: unassigned[0].a_number: unknown A-number “A999”" },
  { "unassigned-type",
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER, "40", PERSONS_1)
    "], \"unassigned\": [\"DEMO-000002\"]}",
    "plan.json: unassigned[0]: expected an object, found a string" },
};

static void
test_problem (Fixture       *fixture,
              gconstpointer  data)
{
  const ProblemCase *c = data;
  g_auto(GStrv) lines = import_bad (fixture, c->json, -1, NULL);

  if (!has_line ((const char * const *) lines, c->problem))
    {
      g_autofree char *all = g_strjoinv ("\n", lines);

      g_error ("%s: expected a problem starting “%s”, got:\n%s", c->name, c->problem, all);
    }
}

static void
test_not_utf8 (Fixture       *fixture,
               gconstpointer  data)
{
  const char latin1[] = "{\"transfers\": [\n  {\"id\": \"T\xf1-1\"}]}";
  g_auto(GStrv) lines = import_bad (fixture, latin1, sizeof latin1 - 1, NULL);

  g_assert_cmpstr (lines[0], ==, "plan.json:2:12: the file is not UTF-8 text; save the plan as JSON in UTF-8");
}

/* Every problem, not only the first, in the order of the file */
static void
test_several (Fixture       *fixture,
              gconstpointer  data)
{
  const char *json =
    "{\"transfers\": ["
    TRANSFER ("\"T-1\"", "\"ship\"", "\"ZZZ\"", "\"XXX\"", "\"2026-12-03T08:00:00\"", HANDOVER, "1",
              "[\"DEMO-000001\", \"A999\"]") ", "
    TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", HANDOVER, DEPART, "40", "[\"DEMO-000001\"]")
    "], \"unassigned\": [{\"a_number\": \"A998\", \"reason\": \"late\"}]}";
  static const char * const expected[] = {
    "plan.json: transfers[0].mode: unknown mode “ship” (expected “bus”, “van” or “flight”)",
    "plan.json: transfers[0].facility: unknown facility “ZZZ”",
    "plan.json: transfers[0].point: unknown point “XXX”",
    "plan.json: transfers[0].depart: “2026-12-03T08:00:00” has no UTC offset (add e.g. -07:00 or Z)",
    "plan.json: transfers[0].persons[1]: unknown A-number “A999”",
    "plan.json: transfers[0].persons: 2 persons on a vehicle with 1 seat",
    "plan.json: transfers[1].id: “T-1” is also the id of transfers[0]",
    "plan.json: transfers[1].handover: 2026-12-03T08:00:00-07:00 is before the departure, 2026-12-03T10:00:00-07:00",
    "plan.json: transfers[1].persons[0]: “DEMO-000001” is also at transfers[0].persons[0]; a person goes on one transfer only",
    "plan.json: unassigned[0].a_number: unknown A-number “A998”",
  };
  guint n = 0;
  g_auto(GStrv) lines = import_bad (fixture, json, -1, &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
  g_assert_cmpint (person_status (fixture, "DEMO-000001"), ==, RET_PERSON_STATUS_AWAITING);
}

static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_plan (fixture, GOOD_PLAN, -1);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) again = NULL;
  /* New ids, same people: they are on the first plan's transfers. */
  const char *other_ids = ONE (TRANSFER ("\"T-9\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART, HANDOVER,
                                         "40", "[\"DEMO-000005\", \"DEMO-000002\"]"));

  g_assert_true (ret_plan_import_file (fixture->store, path, "tester", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_transfers (fixture), ==, 2);

  lines = import_bad (fixture, GOOD_PLAN, -1, NULL);
  g_assert_true (has_line ((const char * const *) lines,
                           "plan.json: transfers[0].id: a transfer “T-1” is already in the database"));
  g_assert_true (has_line ((const char * const *) lines,
                           "plan.json: transfers[1].id: a transfer “T-2” is already in the database"));

  again = import_bad (fixture, other_ids, -1, NULL);
  g_assert_cmpstr (again[0], ==,
                   "plan.json: transfers[0].persons[1]: “DEMO-000002” is already on the stored transfer “T-1”");
  g_assert_null (again[1]);
  g_assert_cmpuint (count_transfers (fixture), ==, 2);
}

static void
test_withdrawn (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPerson) person = get_person (fixture, "DEMO-000001");
  g_auto(GStrv) lines = NULL;

  person->status = RET_PERSON_STATUS_WITHDRAWN;
  g_assert_true (ret_store_update_person (fixture->store, person, "tester", &error));
  g_assert_no_error (error);

  lines = import_bad (fixture, ONE (TRANSFER ("\"T-1\"", "\"bus\"", "\"TCA\"", "\"NOG\"", DEPART,
                                              HANDOVER, "40", PERSONS_1)), -1, NULL);
  g_assert_cmpstr (lines[0], ==,
                   "plan.json: transfers[0].persons[0]: “DEMO-000001” cannot go on a transfer: "
                   "their status is Withdrawn");
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.json", NULL);

  g_assert_false (ret_plan_import_file (fixture->store, path, "tester", NULL, NULL, NULL,
                                        &problems, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "nowhere.json"));
  g_assert_null (problems);
  g_assert_cmpuint (count_transfers (fixture), ==, 0);
}

static void
test_format (void)
{
  RetPlanProblem syntax = { (char *) "p.json", 3, 7, NULL, (char *) "not valid JSON" };
  RetPlanProblem value = { (char *) "p.json", 0, 0, (char *) "transfers[1].seats", (char *) "too many" };
  RetPlanProblem file = { (char *) "p.json", 0, 0, NULL, (char *) "empty" };
  g_autofree char *a = ret_plan_problem_format (&syntax);
  g_autofree char *b = ret_plan_problem_format (&value);
  g_autofree char *c = ret_plan_problem_format (&file);

  g_assert_cmpstr (a, ==, "p.json:3:7: not valid JSON");
  g_assert_cmpstr (b, ==, "p.json: transfers[1].seats: too many");
  g_assert_cmpstr (c, ==, "p.json: empty");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

  ADD ("/plan-io/import/good", test_import_good, NULL);
  ADD ("/plan-io/import/signals", test_import_signals, NULL);
  ADD ("/plan-io/import/twice", test_import_twice, NULL);
  ADD ("/plan-io/import/missing-file", test_missing_file, NULL);
  ADD ("/plan-io/problems/not-utf8", test_not_utf8, NULL);
  ADD ("/plan-io/problems/several", test_several, NULL);
  ADD ("/plan-io/problems/withdrawn", test_withdrawn, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (problem_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan-io/problems/%s", problem_cases[i].name);

      ADD (path, test_problem, &problem_cases[i]);
    }
  g_test_add_func ("/plan-io/format", test_format);

#undef ADD

  return g_test_run ();
}
