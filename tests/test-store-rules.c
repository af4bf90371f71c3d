/* test-store-rules.c — the store's side of the safety rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ret-rules.h"
#include "ret-store.h"
#include "ret-store-private.h"
#include "ret-test-util.h"

static RetPerson *
make_person (const char     *a_number,
             int             age,
             RetPersonFlags  flags,
             const char     *family_group,
             const char     *facility)
{
  RetPerson *p = ret_test_person_new (a_number, age, family_group, facility, "11020");

  p->flags = flags;
  return p;
}

static void
insert_persons (RetStore  *store,
                GPtrArray *persons)
{
  g_autoptr(GError) error = NULL;

  ret_store_insert_persons (store, persons, "tester", "test", &error);
  g_assert_no_error (error);
}

static gint64
person_id (RetStore   *store,
           const char *a_number)
{
  RetPersonQuery query = { a_number, 0 };
  g_autoptr(GArray) ids = ret_store_query_person_ids (store, &query, NULL);

  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 1);
  return g_array_index (ids, gint64, 0);
}

/* UTC seconds of a local wall-clock time in @zone */
static gint64
local_utc (const char *zone,
           int         year,
           int         month,
           int         day,
           int         hour,
           int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

/* @call fails (FALSE or NULL) with @code in the test's own @error, which
 * is cleared for the next call. */
#define assert_refused(code, call) \
  G_STMT_START { \
    g_assert_false ((call) != 0); \
    g_assert_error (error, RET_STORE_ERROR, (code)); \
    g_clear_error (&error); \
  } G_STMT_END

static RetPlanDraftTransfer *
draft_transfer (const char *code,
                const char *facility,
                const char *point,
                gint64      handover_at,
                const char *first_a_number,
                ...)
{
  RetPlanDraftTransfer *t = ret_plan_draft_transfer_new ();
  va_list args;

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup (facility);
  t->point = g_strdup (point);
  t->depart_at = handover_at - 2 * 3600;
  t->handover_at = handover_at;
  t->seats = 40;

  va_start (args, first_a_number);
  for (const char *a = first_a_number; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (t->a_numbers, g_strdup (a));
  va_end (args);

  return t;
}

static gint64
store_plan (RetStore             *store,
            RetPlanDraftTransfer *first,
            ...)
{
  g_autoptr(RetPlanDraft) plan = ret_plan_draft_new ();
  g_autoptr(GError) error = NULL;
  gint64 plan_id = 0;
  va_list args;

  va_start (args, first);
  for (RetPlanDraftTransfer *t = first; t != NULL; t = va_arg (args, RetPlanDraftTransfer *))
    g_ptr_array_add (plan->transfers, t);
  va_end (args);

  ret_store_insert_plan (store, plan, "tester", NULL, &plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan_id, >, 0);

  return plan_id;
}

static int
find_transfer (RetCheckData *data,
               const char   *code)
{
  for (guint i = 0; i < data->transfers->len; i++)
    {
      RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);

      if (g_strcmp0 (t->code, code) == 0)
        return (int) i;
    }

  return -1;
}

static RetCheckPerson *
find_person (RetCheckData *data,
             const char   *a_number)
{
  for (guint i = 0; i < data->persons->len; i++)
    {
      RetCheckPerson *p = g_ptr_array_index (data->persons, i);

      if (g_strcmp0 (p->person->a_number, a_number) == 0)
        return p;
    }

  return NULL;
}

static RetCheckData *
load_day (RetStore *store,
          int       year,
          int       month,
          int       day,
          guint     days)
{
  g_autoptr(GError) error = NULL;
  RetCheckData *data;
  GDate from;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, day, month, year);
  data = ret_store_load_check_data (store, &from, days, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);

  return data;
}

/* ------------------------------------------------------------------ */

/* A database written by the first release, with a person, a plan, an
 * override and a closure in it, upgrades to version 2 keeping them all
 * and gains the reference data version 2 adds. */
static void
test_migrate_keeps_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path ("migrate-v1.db");
  g_autoptr(RetStore) old = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetPerson) person = NULL;
  g_autoptr(RetPoint) slr = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GPtrArray) manifest = NULL;
  g_autoptr(RetTransfer) transfer = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_remove (path);
  old = _ret_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_get_schema_version (old), ==, 1);
  g_clear_object (&old);

  /* What a version-1 office holds, written with version 1's columns. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO sectors VALUES ('YUM', 'Yuma');"
    "INSERT INTO facilities VALUES ('YUM', 'Yuma Station', 'YUM', 'station', 32.7, -114.6, 1, 'America/Phoenix');"
    "INSERT INTO points VALUES ('SLR', 'San Luis, AZ', 'San Luis Río Colorado', 32.486, -114.782, "
    "  'America/Hermosillo', 1, 0, 250, 1);"
    "INSERT INTO arrangements VALUES ('YUMA', 'Yuma', '2016-01-01', NULL, 1);"
    "INSERT INTO arrangements VALUES ('OTHER', 'Other', '2016-01-01', NULL, 1);"
    "INSERT INTO arrangement_sectors VALUES ('YUMA', 'YUM');"
    "INSERT INTO arrangement_points VALUES ('YUMA', 'SLR');"
    "INSERT INTO persons (id, a_number, family_name, given_names, sex, birth_date, nationality, "
    "  nationality_verified, facility, apprehended_at, flags, notes, status, sort_key, search_key, "
    "  created_at, updated_at) VALUES (7, 'A700', 'Ruiz', 'Marta', 'F', '1990-05-04', 'MEX', 1, "
    "  'YUM', 1700000000, 0, 'diabetic', 'planned', 'ruiz marta', 'a700 ruiz marta', 1, 1);"
    "INSERT INTO plans (id, from_date, days, created_at) VALUES (3, '2026-12-02', 1, 1);"
    "INSERT INTO transfers (id, plan_id, code, mode, facility, point, depart_at, handover_at, seats) "
    "  VALUES (5, 3, 'T-OLD', 'bus', 'YUM', 'SLR', 1800000000, 1800003600, 40);"
    "INSERT INTO manifest_entries (transfer_id, person_id) VALUES (5, 7);"
    "INSERT INTO overrides (plan_id, transfer_id, rule, kind, reason, approver, created_at) "
    "  VALUES (3, 5, 'R02', 'override', 'road closed', 'J. Pérez', 1);"
    "INSERT INTO notices (transfer_id, recipient_kind, recipient, sent_at) "
    "  VALUES (5, 'consulate', 'Consulado en Yuma', 1799990000);"
    "INSERT INTO point_closures (point, starts_at, ends_at, reason) VALUES ('SLR', 1800000000, NULL, 'works');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_get_schema_version (store), ==, ret_store_get_latest_schema_version ());

  /* The person, with the new fields at their defaults */
  person = ret_store_get_person (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->a_number, ==, "A700");
  g_assert_cmpstr (person->notes, ==, "diabetic");
  g_assert_cmpstr (person->medical_notes, ==, "");

  /* The plan's transfer, manifest and notice */
  transfer = ret_store_get_transfer (store, "T-OLD", &error);
  g_assert_no_error (error);
  g_assert_cmpint (transfer->n_persons, ==, 1);
  manifest = ret_store_list_manifest (store, "T-OLD", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (manifest->len, ==, 1);
  {
    g_autoptr(GPtrArray) notices = ret_store_list_notices (store, "T-OLD", &error);
    RetNotice *n;

    g_assert_no_error (error);
    g_assert_cmpuint (notices->len, ==, 1);
    n = g_ptr_array_index (notices, 0);
    g_assert_cmpint (n->kind, ==, RET_NOTICE_CONSULATE);
    g_assert_cmpint (n->sent_at, ==, 1799990000);
    g_assert_null (n->sent_by);
  }

  /* A closure stays a closure */
  closures = ret_store_list_point_exceptions (store, "SLR", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (closures->len, ==, 1);
  g_assert_true (((RetPointException *) g_ptr_array_index (closures, 0))->closed);
  g_assert_cmpint (((RetPointException *) g_ptr_array_index (closures, 0))->ends_at, ==, 0);

  /* The reference data version 2 adds: the remote desert crossing, and
   * the heat season for the Arizona–Sonora arrangement only */
  slr = ret_store_get_point (store, "SLR", &error);
  g_assert_no_error (error);
  g_assert_true (slr->remote_desert);

  db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT arrangement, rule, key, value, sample FROM rule_params",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "YUMA");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "R17");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "applies");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The old override is still there, about no particular subject */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rule, subject, reason FROM overrides",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "R02");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "road closed");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The bundled reference data: SLR is the one remote desert point; the
 * heat season applies to the Yuma and Nogales arrangements only. */
static void
test_reference_v2 (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("reference.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (store, &error);
  g_autoptr(GPtrArray) arrangements = NULL;
  const RetRule *r17 = ret_rule_get (RET_RULE_HEAT_SEASON);
  int applies = ret_rule_param_index (RET_RULE_HEAT_SEASON, "applies");

  g_assert_no_error (error);
  for (guint i = 0; i < points->len; i++)
    {
      RetPoint *p = g_ptr_array_index (points, i);

      g_assert_cmpint (p->remote_desert, ==, g_str_equal (p->code, "SLR"));
    }

  g_assert_nonnull (r17);
  g_assert_cmpint (applies, >=, 0);
  arrangements = ret_store_list_arrangements (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (arrangements->len, ==, 9);
  for (guint i = 0; i < arrangements->len; i++)
    {
      RetCheckArrangement *a = g_ptr_array_index (arrangements, i);
      gboolean arizona = g_str_equal (a->code, "YUMA") || g_str_equal (a->code, "NOGALES");

      if (arizona)
        {
          g_assert_cmpint (a->params.value[RET_RULE_HEAT_SEASON][applies], ==, 1);
          /* No public source decides it: a sample */
          g_assert_true (a->params.sample[RET_RULE_HEAT_SEASON][applies]);
        }
      else
        {
          g_assert_cmpint (a->params.value[RET_RULE_HEAT_SEASON][applies], ==,
                           r17->params[applies].default_value);
        }
      g_assert_nonnull (a->sectors);
      g_assert_nonnull (a->points);
    }
}

/* The remote desert flag is edited like the rest of a point, audited
 * with its old and new value. */
static void
test_remote_desert_edit (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("desert.db");
  g_autoptr(RetPoint) point = NULL;
  g_autoptr(RetPoint) back = NULL;
  g_autoptr(GError) error = NULL;

  point = ret_store_get_point (store, "NOG", &error);
  g_assert_no_error (error);
  g_assert_false (point->remote_desert);
  point->remote_desert = TRUE;
  ret_store_update_point (store, point, "coordinator", &error);
  g_assert_no_error (error);

  back = ret_store_get_point (store, "NOG", &error);
  g_assert_no_error (error);
  g_assert_true (back->remote_desert);
  g_assert_cmpint (back->daily_capacity, ==, point->daily_capacity);
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, 1);
}

/* A handover at 23:30 on the 2nd at Matamoros is the 3rd in UTC; it
 * belongs to the 2nd all the same. */
static void
test_load_local_date (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("local-date.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetCheckData) day2 = NULL;
  g_autoptr(RetCheckData) day3 = NULL;
  g_autoptr(RetCheckData) both = NULL;
  gint64 late = local_utc ("America/Matamoros", 2026, 12, 2, 23, 30);
  RetCheckTransfer *t;

  g_ptr_array_add (persons, make_person ("A1", 30, 0, NULL, "RGV"));
  g_ptr_array_add (persons, make_person ("A2", 30, 0, NULL, "RGV"));
  g_ptr_array_add (persons, make_person ("A3", 30, 0, NULL, "SDC"));
  insert_persons (store, persons);

  /* The UTC date of the late handover is the 3rd */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (late);

    g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 3);
  }

  store_plan (store,
              draft_transfer ("T-LATE", "RGV", "MAM", late, "A1", NULL),
              draft_transfer ("T-NEXT", "RGV", "MAM",
                              local_utc ("America/Matamoros", 2026, 12, 3, 0, 30), "A2", NULL),
              /* 23:00 on the 1st at Tijuana is 07:00 UTC on the 2nd */
              draft_transfer ("T-TIJ", "SDC", "TIJ",
                              local_utc ("America/Tijuana", 2026, 12, 1, 23, 0), "A3", NULL),
              NULL);

  day2 = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpuint (day2->transfers->len, ==, 1);
  t = g_ptr_array_index (day2->transfers, 0);
  g_assert_cmpstr (t->code, ==, "T-LATE");
  g_assert_cmpint (t->handover_at, ==, late);
  g_assert_cmpuint (t->entries->len, ==, 1);
  g_assert_cmpstr (find_person (day2, "A1")->person->a_number, ==, "A1");
  g_assert_null (find_person (day2, "A2"));
  g_assert_cmpint (day2->now, >, 0);
  g_assert_cmpuint (day2->points->len, ==, 13);
  g_assert_cmpuint (day2->arrangements->len, ==, 9);
  g_assert_cmpuint (day2->facilities->len, >=, 9);

  day3 = load_day (store, 2026, 12, 3, 1);
  g_assert_cmpuint (day3->transfers->len, ==, 1);
  g_assert_cmpstr (((RetCheckTransfer *) g_ptr_array_index (day3->transfers, 0))->code, ==, "T-NEXT");

  both = load_day (store, 2026, 12, 1, 3);
  g_assert_cmpuint (both->transfers->len, ==, 3);
  g_assert_cmpint (find_transfer (both, "T-TIJ"), >=, 0);
}

/* The members of a family on the checked transfers bring the others:
 * one on a transfer of another day (named), one still awaiting. */
static void
test_load_family_elsewhere (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("family.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetCheckData) data = NULL;
  RetCheckPerson *mother, *son, *daughter;
  RetCheckTransfer *t;

  g_ptr_array_add (persons, make_person ("F1", 40, 0, "FAM-1", "RGV"));
  g_ptr_array_add (persons, make_person ("F2", 12, 0, "FAM-1", "RGV"));
  g_ptr_array_add (persons, make_person ("F3", 9, 0, "FAM-1", "RGV"));
  g_ptr_array_add (persons, make_person ("X1", 30, 0, "FAM-2", "RGV"));
  insert_persons (store, persons);

  store_plan (store,
              draft_transfer ("T-DAY2", "RGV", "MAM",
                              local_utc ("America/Matamoros", 2026, 12, 2, 10, 0), "F1", NULL),
              draft_transfer ("T-DAY4", "RGV", "MAM",
                              local_utc ("America/Matamoros", 2026, 12, 4, 10, 0), "F2", "X1", NULL),
              NULL);

  data = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpuint (data->transfers->len, ==, 1);
  t = g_ptr_array_index (data->transfers, 0);
  g_assert_cmpuint (t->entries->len, ==, 1);

  /* Everyone of FAM-1, and no one of FAM-2 */
  g_assert_cmpuint (data->persons->len, ==, 3);
  mother = find_person (data, "F1");
  son = find_person (data, "F2");
  daughter = find_person (data, "F3");
  g_assert_nonnull (mother);
  g_assert_nonnull (son);
  g_assert_nonnull (daughter);
  g_assert_null (find_person (data, "X1"));

  g_assert_null (mother->elsewhere_transfer);
  g_assert_cmpstr (son->elsewhere_transfer, ==, "T-DAY4");
  g_assert_null (daughter->elsewhere_transfer);
  g_assert_cmpstr (son->person->family_group, ==, "FAM-1");
  g_assert_true (g_ptr_array_index (data->persons,
                                     g_array_index (t->entries, RetCheckEntry, 0).person) == mother);

  /* The origin's coordinates, for R14 */
  g_assert_true (mother->origin_known);
  g_assert_cmpfloat (mother->origin_latitude, >, 20.0);
  g_assert_cmpfloat (mother->origin_latitude, <, 22.0);
}

static const struct
{
  RetBelongingKind kind;
  const char *what;
  RetBelongingStatus status;
} inventory[] = {
  { RET_BELONGING_DOCUMENTS, "Mexican voter card", RET_BELONGING_ON_BOARD },
  { RET_BELONGING_MONEY, "US$ 40", RET_BELONGING_HELD },
  { RET_BELONGING_MEDICINES, "insulin", RET_BELONGING_RETURNED },
  { RET_BELONGING_OTHER, "phone", RET_BELONGING_MISSING },
};

/* Saves the whole of inventory[] for @person_id, through @items. */
static void
save_inventory (RetStore  *store,
                gint64     person_id,
                GPtrArray *items)
{
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < G_N_ELEMENTS (inventory); i++)
    {
      RetBelonging *b = ret_belonging_new ();

      b->kind = inventory[i].kind;
      b->description = g_strdup (inventory[i].what);
      b->status = inventory[i].status;
      g_ptr_array_add (items, b);
    }
  ret_store_save_belongings (store, person_id, items, "tester", &error);
  g_assert_no_error (error);
}

/* A screening and an inventory saved through the store come back, and
 * reach the check: inventoried, and held + missing outstanding. */
static void
test_screening_belongings (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("screening.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_belonging_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(RetScreening) screening = NULL;
  g_autoptr(RetScreening) back = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 child, adult, n_audit;
  gboolean inventoried = TRUE;
  RetCheckPerson *cp;

  g_ptr_array_add (persons, make_person ("C1", 15, RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL, "TCA"));
  g_ptr_array_add (persons, make_person ("C2", 35, 0, NULL, "TCA"));
  insert_persons (store, persons);
  child = person_id (store, "C1");
  adult = person_id (store, "C2");

  /* Nothing recorded yet: no screening, no inventory */
  back = ret_store_get_screening (store, child, &error);
  g_assert_no_error (error);
  g_assert_null (back);
  read = ret_store_list_belongings (store, adult, &inventoried, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 0);
  g_assert_false (inventoried);
  g_clear_pointer (&read, g_ptr_array_unref);

  n_audit = ret_store_count_audit (store, NULL);
  screening = g_new0 (RetScreening, 1);
  screening->screened_at = g_get_real_time () / G_USEC_PER_SEC - 600;
  screening->screener = g_strdup ("CBP agent 42");
  screening->trafficking_risk = FALSE;
  screening->fear_of_return = TRUE;
  screening->able_to_decide = TRUE;
  screening->notes = g_strdup ("afraid of a gang at home");
  ret_store_set_screening (store, child, screening, "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_audit (store, "screen"), ==, 1);

  back = ret_store_get_screening (store, child, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (back->screened_at, ==, screening->screened_at);
  g_assert_cmpstr (back->screener, ==, "CBP agent 42");
  g_assert_false (back->trafficking_risk);
  g_assert_true (back->fear_of_return);
  g_assert_true (back->able_to_decide);
  g_assert_cmpstr (back->notes, ==, "afraid of a gang at home");

  /* A screening needs a screener */
  g_free (screening->screener);
  screening->screener = g_strdup ("  ");
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_screening (store, child, screening, "tester", &error));

  save_inventory (store, adult, items);

  /* An empty inventory is an inventory all the same */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_belonging_free);

    ret_store_save_belongings (store, child, none, "tester", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (ret_store_count_audit (store, "inventory"), ==, 2);
  g_assert_cmpint (ret_store_count_audit (store, NULL), ==, n_audit + 3);

  read = ret_store_list_belongings (store, adult, &inventoried, &error);
  g_assert_no_error (error);
  g_assert_true (inventoried);
  g_assert_cmpuint (read->len, ==, G_N_ELEMENTS (inventory));
  for (guint i = 0; i < read->len; i++)
    {
      RetBelonging *b = g_ptr_array_index (read, i);

      g_assert_cmpint (b->kind, ==, inventory[i].kind);
      g_assert_cmpstr (b->description, ==, inventory[i].what);
      g_assert_cmpint (b->status, ==, inventory[i].status);
      g_assert_cmpint (b->person_id, ==, adult);
    }

  /* Saving replaces: one item left, returned */
  g_ptr_array_set_size (items, 1);
  ((RetBelonging *) g_ptr_array_index (items, 0))->status = RET_BELONGING_RETURNED;
  ret_store_save_belongings (store, adult, items, "tester", &error);
  g_assert_no_error (error);
  g_clear_pointer (&read, g_ptr_array_unref);
  read = ret_store_list_belongings (store, adult, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 1);

  /* Back to the four items, for the check's counts */
  save_inventory (store, adult, items);

  store_plan (store,
              draft_transfer ("T-KID", "TCA", "NOG",
                              local_utc ("America/Hermosillo", 2026, 12, 2, 10, 0), "C1", NULL),
              draft_transfer ("T-ADULT", "TCA", "NOG",
                              local_utc ("America/Hermosillo", 2026, 12, 2, 11, 0), "C2", NULL),
              NULL);
  data = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpuint (data->transfers->len, ==, 2);

  cp = find_person (data, "C1");
  g_assert_nonnull (cp->screening);
  g_assert_true (cp->screening->fear_of_return);
  g_assert_true (cp->belongings_inventoried);
  g_assert_cmpuint (cp->belongings_outstanding, ==, 0);

  cp = find_person (data, "C2");
  g_assert_null (cp->screening);
  g_assert_true (cp->belongings_inventoried);
  g_assert_cmpuint (cp->belongings_outstanding, ==, 2);   /* money held, phone missing */
  g_assert_cmpstr (cp->medical_notes, ==, "");

  /* Unknown person */
  g_assert_null (ret_store_list_belongings (store, 999999, NULL, &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
}

/* Medical notes are written, read, audited and validated like notes. */
static void
test_medical_notes (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("medical.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPerson) person = NULL;
  g_autoptr(RetPerson) back = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_notes = g_strnfill (RET_NOTES_MAX_BYTES + 1, 'x');
  gint64 id;

  g_ptr_array_add (persons, make_person ("M1", 50, RET_PERSON_FLAG_ILL, NULL, "TCA"));
  insert_persons (store, persons);
  id = person_id (store, "M1");

  person = ret_store_get_person (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->medical_notes, ==, "");

  g_free (person->medical_notes);
  person->medical_notes = g_strdup ("Type 1 diabetes;\ninsulin twice a day");
  ret_store_update_person (store, person, "tester", &error);
  g_assert_no_error (error);

  back = ret_store_get_person (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->medical_notes, ==, "Type 1 diabetes;\ninsulin twice a day");

  g_free (back->medical_notes);
  back->medical_notes = g_strdup (long_notes);
  g_assert_false (ret_store_update_person (store, back, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Medical notes"));
  g_clear_error (&error);

  store_plan (store,
              draft_transfer ("T-MED", "TCA", "NOG",
                              local_utc ("America/Hermosillo", 2026, 12, 2, 10, 0), "M1", NULL),
              NULL);
  data = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpstr (find_person (data, "M1")->medical_notes, ==,
                   "Type 1 diabetes;\ninsulin twice a day");
}

/* Notices, handovers and status changes reach the check; notices keep
 * the latest of each kind. */
static void
test_notices_handover (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("notices.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetTransfer) transfer = NULL;
  g_autoptr(RetPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 handover = now - 3600;
  gint64 plan_id;
  gint64 id;
  RetCheckTransfer *t;
  RetCheckEntry *entry;

  g_ptr_array_add (persons, make_person ("N1", 30, 0, NULL, "TCA"));
  g_ptr_array_add (persons, make_person ("N2", 30, 0, NULL, "TCA"));
  insert_persons (store, persons);
  id = person_id (store, "N1");

  plan_id = store_plan (store, draft_transfer ("T-N", "TCA", "NOG", handover, "N1", "N2", NULL), NULL);

  ret_store_record_notice (store, "T-N", RET_NOTICE_CONSULATE, "Consulado de México en Tucson",
                           now - 20 * 3600, "coordinator", &error);
  g_assert_no_error (error);
  ret_store_record_notice (store, "T-N", RET_NOTICE_CONSULATE, "Consulado de México en Tucson",
                           now - 10 * 3600, "coordinator", &error);
  g_assert_no_error (error);
  ret_store_record_notice (store, "T-N", RET_NOTICE_INM, "INM Nogales", now - 15 * 3600,
                           "coordinator", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_audit (store, "notify"), ==, 3);

  /* Refused: unknown transfer, blank recipient, sent in the future */
  g_assert_false (ret_store_record_notice (store, "T-NONE", RET_NOTICE_INM, "INM", now, NULL, &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "T-NONE"));
  g_clear_error (&error);
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_record_notice (store, "T-N", RET_NOTICE_INM, " ", now, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_record_notice (store, "T-N", RET_NOTICE_INM, "INM", now + 86400, NULL, &error));
  g_assert_cmpint (ret_store_count_audit (store, "notify"), ==, 3);

  notices = ret_store_list_notices (store, "T-N", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 3);
  g_assert_cmpstr (((RetNotice *) g_ptr_array_index (notices, 0))->sent_by, ==, "coordinator");

  /* The document chain, and the persons with it; nothing departs from
   * a draft plan */
  assert_refused (RET_STORE_ERROR_BLOCKED,
                  ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_DEPARTED, "coordinator", &error));
  ret_store_approve_plan (store, plan_id, "Lic. Ruiz", &error);
  g_assert_no_error (error);
  ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_DEPARTED, "coordinator", &error);
  g_assert_no_error (error);
  person = ret_store_get_person (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (person->status, ==, RET_PERSON_STATUS_DEPARTED);
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_PLANNED, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_CANCELLED, NULL, &error));

  /* R19: per person, and for the transfer */
  ret_store_record_handover (store, "T-N", id, handover + 60, "Lic. Ana Soto (INM)", "coordinator", &error);
  g_assert_no_error (error);
  ret_store_record_handover (store, "T-N", 0, handover, "Lic. Ana Soto (INM)", "coordinator", &error);
  g_assert_no_error (error);
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_record_handover (store, "T-N", id, handover, "", NULL, &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_record_handover (store, "T-N", 999999, handover, "X", NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_record_handover (store, "T-N", id, handover - 3 * 3600, "X", NULL, &error));
  g_assert_cmpint (ret_store_count_audit (store, "handover"), ==, 2);

  ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_HANDED_OVER, "coordinator", &error);
  g_assert_no_error (error);
  transfer = ret_store_get_transfer (store, "T-N", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transfer->status, ==, "handed-over");
  g_assert_cmpint (ret_store_count_audit (store, "status"), ==, 2);

  data = ret_store_load_check_data (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->transfers->len, ==, 1);
  t = g_ptr_array_index (data->transfers, 0);
  g_assert_cmpint (t->status, ==, RET_TRANSFER_HANDED_OVER);
  g_assert_cmpint (t->notice_sent_at[RET_NOTICE_CONSULATE], ==, now - 10 * 3600);
  g_assert_cmpint (t->notice_sent_at[RET_NOTICE_INM], ==, now - 15 * 3600);
  g_assert_cmpint (t->notice_sent_at[RET_NOTICE_PROSECUTOR], ==, 0);
  g_assert_cmpint (t->actual_handover_at, ==, handover);
  g_assert_cmpstr (t->receiving_official, ==, "Lic. Ana Soto (INM)");
  g_assert_cmpuint (t->entries->len, ==, 2);
  for (guint i = 0; i < t->entries->len; i++)
    {
      entry = &g_array_index (t->entries, RetCheckEntry, i);
      if (((RetCheckPerson *) g_ptr_array_index (data->persons, entry->person))->person->id == id)
        {
          g_assert_cmpint (entry->actual_handover_at, ==, handover + 60);
          g_assert_cmpstr (entry->receiving_official, ==, "Lic. Ana Soto (INM)");
        }
      else
        {
          g_assert_cmpint (entry->actual_handover_at, ==, 0);
          g_assert_null (entry->receiving_official);
        }
    }
}

/* A cancelled transfer leaves the check, and its persons wait again
 * unless another transfer carries them. */
static void
test_cancel_transfer (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("cancel.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetPerson) alone = NULL;
  g_autoptr(RetPerson) also = NULL;
  g_autoptr(GError) error = NULL;
  gint64 day2 = local_utc ("America/Hermosillo", 2026, 12, 2, 10, 0);

  g_ptr_array_add (persons, make_person ("K1", 30, 0, NULL, "TCA"));
  g_ptr_array_add (persons, make_person ("K2", 30, 0, NULL, "TCA"));
  insert_persons (store, persons);
  store_plan (store, draft_transfer ("T-C1", "TCA", "NOG", day2, "K1", "K2", NULL), NULL);
  store_plan (store, draft_transfer ("T-C2", "TCA", "NOG", day2 + 3600, "K2", NULL), NULL);

  ret_store_set_transfer_status (store, "T-C1", RET_TRANSFER_CANCELLED, "coordinator", &error);
  g_assert_no_error (error);

  alone = ret_store_get_person (store, person_id (store, "K1"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (alone->status, ==, RET_PERSON_STATUS_AWAITING);
  also = ret_store_get_person (store, person_id (store, "K2"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (also->status, ==, RET_PERSON_STATUS_PLANNED);

  data = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpuint (data->transfers->len, ==, 1);
  g_assert_cmpstr (((RetCheckTransfer *) g_ptr_array_index (data->transfers, 0))->code, ==, "T-C2");

  /* Closed for good */
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_transfer_status (store, "T-C1", RET_TRANSFER_PLANNED, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_record_handover (store, "T-C1", 0, day2, "INM", NULL, &error));
  g_assert_false (ret_store_set_transfer_status (store, "T-NONE", RET_TRANSFER_DEPARTED, NULL, &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No transfer T-NONE");
  g_assert_cmpint (ret_store_count_audit (store, "status"), ==, 1);
}

/* Lateral pairs and point closures: stored, listed, refused when
 * incomplete, audited, and loaded for the check. */
static void
test_lateral_and_closures (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("lateral.db");
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RetLateralPair pair = { (char *) "TCA", (char *) "SLR", (char *) "Chief J. Pérez",
                          (char *) "Nogales module closed for works" };
  RetPointException closure = { (char *) "NOG", now, now + 86400, TRUE, (char *) "works" };
  RetPointException extension = { (char *) "MAM", now, 0, FALSE, (char *) "late bus" };

  ret_store_add_lateral_pair (store, &pair, "coordinator", &error);
  g_assert_no_error (error);
  assert_refused (RET_STORE_ERROR_CONFLICT,
                  ret_store_add_lateral_pair (store, &pair, "coordinator", &error));
  pair.point = (char *) "XXX";
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_add_lateral_pair (store, &pair, "coordinator", &error));
  pair.point = (char *) "MAM";
  pair.reason = (char *) "";
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_add_lateral_pair (store, &pair, "coordinator", &error));

  pairs = ret_store_list_lateral_pairs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpstr (((RetLateralPair *) g_ptr_array_index (pairs, 0))->approved_by, ==, "Chief J. Pérez");

  ret_store_add_point_exception (store, &closure, "coordinator", &error);
  g_assert_no_error (error);
  /* An extension until further notice would change the agreed hours */
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_add_point_exception (store, &extension, "coordinator", &error));
  extension.ends_at = now + 3600;
  ret_store_add_point_exception (store, &extension, "coordinator", &error);
  g_assert_no_error (error);

  exceptions = ret_store_list_point_exceptions (store, "MAM", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_false (((RetPointException *) g_ptr_array_index (exceptions, 0))->closed);

  data = ret_store_load_check_data (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->lateral_pairs->len, ==, 1);
  g_assert_cmpuint (data->exceptions->len, ==, 2);

  ret_store_remove_lateral_pair (store, "TCA", "SLR", "coordinator", &error);
  g_assert_no_error (error);
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_remove_lateral_pair (store, "TCA", "SLR", "coordinator", &error));

  g_assert_cmpint (ret_store_count_audit (store, "add"), ==, 3);
  g_assert_cmpint (ret_store_count_audit (store, "remove"), ==, 1);
}

/* A plan valid in every way but one: the single person's nationality is
 * not verified (R12, hard).  Handover tomorrow at Nogales, 10:00 local,
 * well inside the hours, in daylight, within a day and a half of the
 * apprehension. */
static gint64
store_plan_with_r12 (RetStore *store)
{
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Hermosillo");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) handover = g_date_time_new (tz, g_date_time_get_year (later),
                                                   g_date_time_get_month (later),
                                                   g_date_time_get_day_of_month (later), 10, 0, 0);
  RetPerson *p = make_person ("V1", 30, 0, NULL, "TCA");

  p->nationality_verified = FALSE;
  g_ptr_array_add (persons, p);
  insert_persons (store, persons);

  return store_plan (store,
                     draft_transfer ("T-V", "TCA", "NOG", g_date_time_to_unix (handover), "V1", NULL),
                     NULL);
}

static const RetViolation *
find_violation (RetCheckResult *result,
                RetRuleId       rule)
{
  GPtrArray *violations = ret_check_result_get_violations (result);

  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if (v->rule == rule)
        return v;
    }

  return NULL;
}

/* Blank or oversized reasons and approvers, unknown transfers and plans,
 * and kinds that are none are refused, and nothing is written. */
static void
test_resolution_refused (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("refused.db");
  g_autofree char *too_long = g_strnfill (1001, 'r');
  gint64 plan_id = store_plan_with_r12 (store);
  gint64 n_audit = ret_store_count_audit (store, NULL);
  const struct {
    const char        *transfer;
    gint64             plan;
    RetRuleId          rule;
    RetResolutionKind  kind;
    const char        *reason;
    const char        *approver;
    int                code;
  } cases[] = {
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "", "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, " \t ", "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, NULL, "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "verified by phone", "", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "verified by phone", "  ", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, too_long, "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "verified", too_long, RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_N_RULES, RET_RESOLUTION_OVERRIDE, "verified", "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-V", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_NONE, "verified", "J. Pérez", RET_STORE_ERROR_INVALID },
    { "T-NONE", 0, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "verified", "J. Pérez", RET_STORE_ERROR_NOT_FOUND },
    { "T-V", 99999, RET_RULE_MEXICAN_ONLY, RET_RESOLUTION_OVERRIDE, "verified", "J. Pérez", RET_STORE_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      RetResolution r = { 0, };
      gint64 id = -1;

      r.plan_id = cases[i].plan != 0 ? cases[i].plan : plan_id;
      r.transfer_code = (char *) cases[i].transfer;
      r.rule = cases[i].rule;
      r.subject = (char *) "V1";
      r.kind = cases[i].kind;
      r.reason = (char *) cases[i].reason;
      r.approver = (char *) cases[i].approver;

      g_test_message ("case %u", i);
      g_assert_false (ret_store_add_resolution (store, &r, "coordinator", &id, &error));
      g_assert_error (error, RET_STORE_ERROR, cases[i].code);
      g_assert_cmpint (id, ==, -1);
    }

  g_assert_cmpint (ret_store_count_audit (store, NULL), ==, n_audit);
}

/* A plan with an unresolved hard violation is not approved; overridden
 * with a reason and an approver, it is, once. */
static void
test_approve_blocked_then_override (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("approve.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  const RetViolation *v;
  RetResolution r = { 0, };
  RetPlanInfo *info;
  gint64 plan_id = store_plan_with_r12 (store);
  gint64 resolution_id = 0;
  g_autofree char *subject = NULL;

  g_assert_false (ret_store_approve_plan (store, plan_id, "Chief J. Pérez", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "1 hard violation"));
  g_clear_error (&error);
  g_assert_cmpint (ret_store_count_audit (store, "approve"), ==, 0);

  /* The approver is required */
  assert_refused (RET_STORE_ERROR_INVALID, ret_store_approve_plan (store, plan_id, " ", &error));

  /* Override exactly what the check reports */
  data = ret_store_load_check_data (store, NULL, 0, plan_id, &error);
  g_assert_no_error (error);
  result = ret_check_run (data);
  v = find_violation (result, RET_RULE_MEXICAN_ONLY);
  g_assert_nonnull (v);
  g_assert_cmpint (v->severity, ==, RET_SEVERITY_HARD);
  g_assert_cmpint (ret_check_result_count (result, RET_SEVERITY_HARD, TRUE), ==, 1);

  subject = g_strdup (v->subject);
  r.plan_id = plan_id;
  r.transfer_code = (char *) "T-V";
  g_assert_cmpstr (v->transfer_code, ==, "T-V");
  r.rule = v->rule;
  r.subject = subject;
  r.kind = RET_RESOLUTION_OVERRIDE;
  r.reason = (char *) "Nationality confirmed by the consulate by phone";
  r.approver = (char *) "Chief J. Pérez";
  ret_store_add_resolution (store, &r, "coordinator", &resolution_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resolution_id, >, 0);
  g_assert_cmpint (ret_store_count_audit (store, "override"), ==, 1);

  /* The audit entry says what was overridden, by whom and why, and
   * names no one: A-numbers at most */
  {
    g_autofree char *detail = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (ret_store_get_path (store), &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT entity, detail FROM audit_log "
                                         "WHERE action = 'override'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "resolution");
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    g_assert_nonnull (strstr (detail, "\"rule\":\"R12\""));
    g_assert_nonnull (strstr (detail, "\"transfer\":\"T-V\""));
    g_assert_nonnull (strstr (detail, "\"kind\":\"override\""));
    g_assert_nonnull (strstr (detail, "Chief J. Pérez"));
    g_assert_nonnull (strstr (detail, "Nationality confirmed by the consulate by phone"));
    g_assert_nonnull (strstr (detail, "\"subject\":"));
    g_assert_null (strstr (detail, "Hernández"));
  }

  /* The override comes back with the plan's data */
  g_clear_pointer (&result, ret_check_result_free);
  g_clear_pointer (&data, ret_check_data_free);
  data = ret_store_load_check_data (store, NULL, 0, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->resolutions->len, ==, 1);
  {
    RetResolution *back = g_ptr_array_index (data->resolutions, 0);

    g_assert_cmpint (back->rule, ==, RET_RULE_MEXICAN_ONLY);
    g_assert_cmpstr (back->transfer_code, ==, "T-V");
    g_assert_cmpstr (back->subject, ==, r.subject);
    g_assert_cmpint (back->kind, ==, RET_RESOLUTION_OVERRIDE);
    g_assert_cmpstr (back->approver, ==, "Chief J. Pérez");
  }

  ret_store_approve_plan (store, plan_id, "Chief J. Pérez", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_audit (store, "approve"), ==, 1);

  plans = ret_store_list_plans (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  info = g_ptr_array_index (plans, 0);
  g_assert_cmpstr (info->status, ==, "approved");
  g_assert_cmpstr (info->approved_by, ==, "Chief J. Pérez");
  g_assert_cmpint (info->approved_at, >, 0);
  g_assert_cmpuint (info->n_transfers, ==, 1);

  /* Not twice */
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_approve_plan (store, plan_id, "Chief J. Pérez", &error));
  g_assert_false (ret_store_approve_plan (store, plan_id + 100, "Chief J. Pérez", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (ret_store_count_audit (store, "approve"), ==, 1);
}

/* A rule parameter set within the catalogue's bounds is stored, no
 * longer a sample; outside them, or unknown, it is refused. */
static void
test_rule_param (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("params.db");
  g_autoptr(GPtrArray) arrangements = NULL;
  g_autoptr(GError) error = NULL;
  const RetRule *r08 = ret_rule_get (RET_RULE_ADVANCE_NOTICE);
  const RetRuleParam *param;
  int value;

  g_assert_nonnull (r08);
  g_assert_cmpuint (r08->n_params, >, 0);
  param = &r08->params[0];
  value = param->default_value != param->max ? param->max : param->min;

  ret_store_set_rule_param (store, "NOGALES", RET_RULE_ADVANCE_NOTICE, param->key, value,
                            "coordinator", &error);
  g_assert_no_error (error);

  arrangements = ret_store_list_arrangements (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < arrangements->len; i++)
    {
      RetCheckArrangement *a = g_ptr_array_index (arrangements, i);

      if (g_str_equal (a->code, "NOGALES"))
        {
          g_assert_cmpint (a->params.value[RET_RULE_ADVANCE_NOTICE][0], ==, value);
          g_assert_false (a->params.sample[RET_RULE_ADVANCE_NOTICE][0]);
        }
      else
        {
          g_assert_cmpint (a->params.value[RET_RULE_ADVANCE_NOTICE][0], ==, param->default_value);
        }
    }
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, 1);

  /* Refused: out of range either side, unknown key, unknown arrangement */
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_rule_param (store, "NOGALES", RET_RULE_ADVANCE_NOTICE, param->key,
                                            param->max + 1, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_rule_param (store, "NOGALES", RET_RULE_ADVANCE_NOTICE, param->key,
                                            param->min - 1, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_set_rule_param (store, "NOGALES", RET_RULE_ADVANCE_NOTICE, "no_such_key",
                                            1, NULL, &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_set_rule_param (store, "ATLANTIS", RET_RULE_ADVANCE_NOTICE, param->key,
                                            value, NULL, &error));
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, 1);
}

/* Every write tells the application what changed, once, and leaves
 * one audit entry. */
static void
count_changed_cb (RetStore   *store,
                  const char *entity,
                  GString    *log)
{
  g_string_append_printf (log, "%s;", entity);
}

static void
test_changed_signals (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("signals.db");
  g_autoptr(GString) log = g_string_new ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_belonging_free);
  gint64 plan_id = store_plan_with_r12 (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RetLateralPair pair = { (char *) "TCA", (char *) "SLR", (char *) "Chief", (char *) "works" };
  RetPointException closure = { (char *) "NOG", now, now + 3600, TRUE, (char *) "works" };
  RetResolution r = { 0, plan_id, (char *) "T-V", RET_RULE_MEXICAN_ONLY, (char *) "V1",
                      RET_RESOLUTION_OVERRIDE, (char *) "checked", (char *) "Chief", 0 };

  gint64 n_audit = ret_store_count_audit (store, NULL);

  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), log);

  ret_store_add_resolution (store, &r, NULL, NULL, &error);
  g_assert_no_error (error);
  ret_store_save_belongings (store, person_id (store, "V1"), none, NULL, &error);
  g_assert_no_error (error);
  ret_store_record_notice (store, "T-V", RET_NOTICE_INM, "INM", now, NULL, &error);
  g_assert_no_error (error);
  ret_store_add_lateral_pair (store, &pair, NULL, &error);
  g_assert_no_error (error);
  ret_store_add_point_exception (store, &closure, NULL, &error);
  g_assert_no_error (error);
  ret_store_set_rule_param (store, "NOGALES", RET_RULE_HEAT_SEASON, "applies", 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (log->str, ==, "resolutions;persons;transfers;rule-params;points;rule-params;");
  /* One audit entry per write */
  g_assert_cmpint (ret_store_count_audit (store, NULL), ==, n_audit + 6);
}

/* A 10,000-person plan loads whole: every transfer and every person
 * (its speed is measured by tests/bench/bench-check, not here). */
static void
test_load_large_plan (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("large.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) plan = ret_plan_draft_new ();
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(GError) error = NULL;
  const guint n_persons = 10000, per_transfer = 40;
  gint64 base = local_utc ("America/Hermosillo", 2026, 12, 2, 6, 0);

  for (guint i = 0; i < n_persons; i++)
    {
      g_autofree char *a = g_strdup_printf ("L%05u", i);
      g_autofree char *family = i % 4 == 0 ? NULL : g_strdup_printf ("FAM-%u", i / 4);

      g_ptr_array_add (persons, make_person (a, 20 + i % 50, 0, family, "TCA"));
    }
  insert_persons (store, persons);

  for (guint i = 0; i < n_persons / per_transfer; i++)
    {
      RetPlanDraftTransfer *t = ret_plan_draft_transfer_new ();

      t->code = g_strdup_printf ("T-L%03u", i);
      t->mode = g_strdup ("bus");
      t->facility = g_strdup ("TCA");
      t->point = g_strdup ("NOG");
      t->handover_at = base + (i % 14) * 3600;
      t->depart_at = t->handover_at - 3600;
      t->seats = per_transfer;
      for (guint j = 0; j < per_transfer; j++)
        g_ptr_array_add (t->a_numbers, g_strdup_printf ("L%05u", i * per_transfer + j));
      g_ptr_array_add (plan->transfers, t);
    }
  ret_store_insert_plan (store, plan, "tester", NULL, NULL, &error);
  g_assert_no_error (error);

  data = load_day (store, 2026, 12, 2, 1);
  g_assert_cmpuint (data->transfers->len, ==, n_persons / per_transfer);
  g_assert_cmpuint (data->persons->len, ==, n_persons);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-rules/migrate/v1-keeps-data", test_migrate_keeps_data);
  g_test_add_func ("/store-rules/reference/heat-season", test_reference_v2);
  g_test_add_func ("/store-rules/reference/remote-desert-edit", test_remote_desert_edit);
  g_test_add_func ("/store-rules/load/local-date", test_load_local_date);
  g_test_add_func ("/store-rules/load/family-elsewhere", test_load_family_elsewhere);
  g_test_add_func ("/store-rules/load/large-plan", test_load_large_plan);
  g_test_add_func ("/store-rules/persons/screening-belongings", test_screening_belongings);
  g_test_add_func ("/store-rules/persons/medical-notes", test_medical_notes);
  g_test_add_func ("/store-rules/transfers/notices-handover", test_notices_handover);
  g_test_add_func ("/store-rules/transfers/cancel", test_cancel_transfer);
  g_test_add_func ("/store-rules/reference/lateral-closures", test_lateral_and_closures);
  g_test_add_func ("/store-rules/resolutions/refused", test_resolution_refused);
  g_test_add_func ("/store-rules/plans/approve-blocked-then-override", test_approve_blocked_then_override);
  g_test_add_func ("/store-rules/rule-params/set-and-refuse", test_rule_param);
  g_test_add_func ("/store-rules/signals/changed", test_changed_signals);

  return g_test_run ();
}
