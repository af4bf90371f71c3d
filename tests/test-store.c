/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ret-store.h"
#include "ret-store-private.h"
#include "ret-test-util.h"

static RetPerson *
make_person (const char     *a_number,
             const char     *family_name,
             const char     *given_names,
             int             age,
             RetPersonFlags  flags,
             const char     *family_group)
{
  RetPerson *p = ret_person_new ();
  GDate today;

  ret_date_today (&today);
  p->a_number = g_strdup (a_number);
  p->family_name = g_strdup (family_name);
  p->given_names = g_strdup (given_names);
  p->sex = (flags & RET_PERSON_FLAG_PREGNANT) ? RET_SEX_FEMALE : RET_SEX_MALE;
  /* Born a day after the birthday: exactly @age today. */
  g_date_set_dmy (&p->birth_date, 1, 1, 2000);
  p->birth_date = today;
  g_date_subtract_years (&p->birth_date, age);
  g_date_subtract_days (&p->birth_date, 1);
  p->nationality = g_strdup ("MEX");
  p->nationality_verified = TRUE;
  p->facility = g_strdup ("TCA");
  p->apprehended_at = g_get_real_time () / G_USEC_PER_SEC - 3600;
  p->origin_code = g_strdup ("11020");
  p->flags = flags;
  p->family_group = g_strdup (family_group);
  p->notes = g_strdup ("");

  return p;
}

static GPtrArray *
sample_persons (void)
{
  GPtrArray *persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);

  g_ptr_array_add (persons, make_person ("A100", "Hernández", "Ana", 34, 0, "F-1"));
  g_ptr_array_add (persons, make_person ("A101", "Hernández", "Luis", 8, 0, "F-1"));
  g_ptr_array_add (persons, make_person ("A102", "Álvarez", "José", 16, RET_PERSON_FLAG_UNACCOMPANIED_MINOR, NULL));
  g_ptr_array_add (persons, make_person ("A103", "Zamora", "Pedro", 41, RET_PERSON_FLAG_CRIMINAL_RECORD, NULL));
  g_ptr_array_add (persons, make_person ("A104", "Bravo", "Rosa", 29, RET_PERSON_FLAG_PREGNANT, NULL));
  g_ptr_array_add (persons, make_person ("A105", "Cruz", "Elena", 67, 0, NULL));

  return persons;
}

static void
test_create_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path ("mode/new.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(RetStore) store = NULL;
  GStatBuf st;
  mode_t old_umask = umask (0);  /* the worst case: nothing masked */

  store = ret_store_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (ret_store_get_schema_version (store), ==, ret_store_get_latest_schema_version ());

  /* Write-ahead log in use, and no wider readable than the file. */
  ret_store_load_reference_data (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

/* Every earlier schema version, with data in it, upgrades to the latest
 * without losing what it held. */
static void
test_migrate_every_version (void)
{
  int latest = ret_store_get_latest_schema_version ();

  g_assert_cmpint (latest, >=, 1);

  for (int v = 0; v < latest; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("migrate-%d.db", v);
      g_autofree char *path = ret_test_data_path (name);
      g_autoptr(RetStore) old = NULL;
      g_autoptr(RetStore) store = NULL;

      old = _ret_store_open_at_version (path, v, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ret_store_get_schema_version (old), ==, v);
      if (v >= 1)
        {
          ret_store_set_meta (old, "marker", "kept", &error);
          g_assert_no_error (error);
        }
      g_clear_object (&old);

      store = ret_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ret_store_get_schema_version (store), ==, latest);
      if (v >= 1)
        {
          g_autofree char *marker = ret_store_dup_meta (store, "marker");

          g_assert_cmpstr (marker, ==, "kept");
        }
      /* One audit entry per migration step that ran. */
      g_assert_cmpint (ret_store_count_audit (store, "migrate"), ==, latest);
    }
}

static void
test_refuse_foreign (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = ret_test_data_path ("other.db");
  g_autofree char *text = ret_test_data_path ("notes.txt");
  g_autofree char *newer = ret_test_data_path ("newer.db");
  g_autoptr(RetStore) store = NULL;
  sqlite3 *db = NULL;

  /* Another program's database */
  g_autofree char *dir = g_path_get_dirname (other);

  g_assert_true (g_mkdir_with_parents (dir, 0700) == 0);
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ret_store_open (other, &error);
  g_assert_null (store);
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_RETORNO);
  g_clear_error (&error);

  /* Not a database at all */
  g_assert_true (g_file_set_contents (text, "just some text, long enough to not be a header ....................................", -1, NULL));
  store = ret_store_open (text, &error);
  g_assert_null (store);
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_RETORNO);
  g_clear_error (&error);

  /* Written by a newer Retorno */
  store = ret_store_open (newer, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ret_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_TOO_NEW);
}

static void
test_reference (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (store, &error);
  g_autoptr(GPtrArray) facilities = ret_store_list_facilities (store, &error);
  g_autoptr(RetPoint) oji = NULL;
  g_autoptr(RetPoint) mex = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 13);
  g_assert_cmpuint (facilities->len, ==, 9);
  /* West to east along the border, the airports last */
  g_assert_cmpstr (((RetPoint *) g_ptr_array_index (points, 0))->code, ==, "TIJ");
  g_assert_cmpstr (((RetPoint *) g_ptr_array_index (points, 10))->code, ==, "MAM");

  oji = ret_store_get_point (store, "OJI", &error);
  g_assert_no_error (error);
  g_assert_false (oji->minors_reception);
  g_assert_cmpstr (oji->timezone, ==, "America/Ojinaga");
  g_assert_true (oji->capacity_sample);
  g_assert_cmpuint (oji->hours->len, ==, 1);
  g_assert_true (((RetPointHours *) g_ptr_array_index (oji->hours, 0))->sample);

  /* Mexico City receives flights under two arrangements. */
  mex = ret_store_get_point (store, "MEX", &error);
  g_assert_no_error (error);
  g_assert_true (mex->airport);
  g_assert_cmpuint (mex->hours->len, ==, 2);
  g_assert_cmpint (ret_point_get_hours (mex, "NOGALES")->week[0].minors_cutoff, ==, RET_MINUTE_NONE);

  /* Loading twice changes nothing. */
  g_assert_true (ret_store_load_reference_data (store, &error));
  g_clear_pointer (&points, g_ptr_array_unref);
  points = ret_store_list_points (store, &error);
  g_assert_cmpuint (points->len, ==, 13);

  g_assert_false (ret_store_get_point (store, "XXX", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
}

static void
test_update_point (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPoint) point = ret_store_get_point (store, "NOG", &error);
  g_autoptr(RetPoint) saved = NULL;
  g_autoptr(RetPoint) unchanged = NULL;
  RetPointHours *hours;
  gint64 audits = ret_store_count_audit (store, "update");

  g_assert_no_error (error);
  point->daily_capacity = 480;
  hours = g_ptr_array_index (point->hours, 0);
  hours->week[5].close = 19 * 60;            /* Saturday */
  hours->week[5].vulnerable_close = 18 * 60;
  hours->week[5].minors_cutoff = 17 * 60;

  g_assert_true (ret_store_update_point (store, point, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits + 1);

  saved = ret_store_get_point (store, "NOG", &error);
  g_assert_cmpint (saved->daily_capacity, ==, 480);
  g_assert_false (saved->capacity_sample);
  g_assert_cmpint (((RetPointHours *) g_ptr_array_index (saved->hours, 0))->week[5].close, ==, 19 * 60);
  /* Edited days are no longer sample values; the untouched ones are. */
  g_assert_true (((RetPointHours *) g_ptr_array_index (saved->hours, 0))->sample);

  /* A window for vulnerable persons outside the general window, or a
   * handover at 23:00: refused, nothing written. */
  hours->week[0].vulnerable_close = 21 * 60 + 30;
  g_assert_false (ret_store_update_point (store, point, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
  g_clear_error (&error);
  hours->week[0].vulnerable_close = 20 * 60;
  hours->week[0].close = 23 * 60;
  point->daily_capacity = 1;
  g_assert_false (ret_store_update_point (store, point, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
  g_assert_true (strstr (error->message, "22:00") != NULL);

  unchanged = ret_store_get_point (store, "NOG", NULL);
  g_assert_cmpint (unchanged->daily_capacity, ==, 480);
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits + 1);
}

static guint
count_matching (RetStore        *store,
                const char      *search,
                RetPersonFilter  filter)
{
  RetPersonQuery query = { search, filter };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ret_store_query_person_ids (store, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_persons (store, &query, NULL), ==, ids->len);
  return ids->len;
}

static void
test_persons_query (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) family = NULL;
  const RetPerson *first;

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_matching (store, NULL, 0), ==, 6);
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_MINORS), ==, 2);
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_UNACCOMPANIED), ==, 1);
  /* two minors, the pregnant woman and the 67-year-old */
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_VULNERABLE), ==, 4);
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_CRIMINAL), ==, 1);
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_UNPLANNED), ==, 6);
  g_assert_cmpuint (count_matching (store, NULL, RET_PERSON_FILTER_MINORS | RET_PERSON_FILTER_UNACCOMPANIED), ==, 1);

  /* Search folds case and accents, and knows origins. */
  g_assert_cmpuint (count_matching (store, "hernandez", 0), ==, 2);
  g_assert_cmpuint (count_matching (store, "ÁLVAREZ", 0), ==, 1);
  g_assert_cmpuint (count_matching (store, "a103", 0), ==, 1);
  g_assert_cmpuint (count_matching (store, "leon", 0), ==, 6);
  g_assert_cmpuint (count_matching (store, "guanajuato", 0), ==, 6);
  g_assert_cmpuint (count_matching (store, "50%", 0), ==, 0);

  /* Sorted by family name with accents folded: Álvarez first. */
  ids = ret_store_query_person_ids (store, NULL, &error);
  rows = ret_store_get_persons (store, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (first->family_name, ==, "Álvarez");
  g_assert_cmpstr (first->origin_label, ==, "León, Guanajuato");
  g_assert_cmpstr (first->facility_tz, ==, "America/Phoenix");

  family = ret_store_list_family (store, "F-1", &error);
  g_assert_cmpuint (family->len, ==, 2);
}

/* The persons in the order asked, a repeated id twice, a missing one
 * skipped: what the lists built on ret_store_get_persons() show. */
static void
test_persons_get_in_order (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) none = NULL;
  gint64 asked[4];

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);
  ids = ret_store_query_person_ids (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >=, 3);

  asked[0] = g_array_index (ids, gint64, 2);
  asked[1] = g_array_index (ids, gint64, 0);
  asked[2] = G_GINT64_CONSTANT (987654321);
  asked[3] = g_array_index (ids, gint64, 2);
  rows = ret_store_get_persons (store, asked, G_N_ELEMENTS (asked), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((RetPerson *) g_ptr_array_index (rows, 0))->id, ==, asked[0]);
  g_assert_cmpint (((RetPerson *) g_ptr_array_index (rows, 1))->id, ==, asked[1]);
  g_assert_cmpint (((RetPerson *) g_ptr_array_index (rows, 2))->id, ==, asked[0]);
  g_assert_true (g_ptr_array_index (rows, 0) != g_ptr_array_index (rows, 2));
  g_assert_cmpstr (((RetPerson *) g_ptr_array_index (rows, 2))->a_number, ==,
                   ((RetPerson *) g_ptr_array_index (rows, 0))->a_number);

  none = ret_store_get_persons (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* A batch: the calls in it keep their own all-or-nothing, and the batch
 * lands whole at its end, or not at all. */
static void
test_batch (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RetScreening) kept = NULL;
  g_autoptr(RetScreening) dropped = NULL;
  g_autoptr(RetScreening) after = NULL;
  RetScreening screening = {
    .screened_at = g_get_real_time () / G_USEC_PER_SEC - 600,
    .screener = (char *) "Consular officer",
    .able_to_decide = TRUE,
    .notes = (char *) "",
  };
  gint64 first, second;

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);
  ids = ret_store_query_person_ids (store, NULL, &error);
  g_assert_no_error (error);
  first = g_array_index (ids, gint64, 0);
  second = g_array_index (ids, gint64, 1);

  /* A failing call in the batch undoes only itself. */
  g_assert_true (_ret_store_begin_batch (store, &error));
  g_assert_true (ret_store_set_screening (store, first, &screening, "tester", &error));
  g_assert_no_error (error);
  g_assert_false (ret_store_set_screening (store, G_GINT64_CONSTANT (987654321), &screening,
                                           "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (_ret_store_end_batch (store, TRUE, &error));
  g_assert_no_error (error);
  kept = ret_store_get_screening (store, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->screener, ==, "Consular officer");
  g_assert_cmpint (ret_store_count_audit (store, "screen"), ==, 1);

  /* A batch rolled back leaves nothing, its audit entries included. */
  g_assert_true (_ret_store_begin_batch (store, &error));
  g_assert_true (ret_store_set_screening (store, second, &screening, "tester", &error));
  g_assert_true (_ret_store_end_batch (store, FALSE, &error));
  g_assert_no_error (error);
  dropped = ret_store_get_screening (store, second, &error);
  g_assert_no_error (error);
  g_assert_null (dropped);
  g_assert_cmpint (ret_store_count_audit (store, "screen"), ==, 1);

  /* Outside a batch, calls commit on their own again. */
  g_assert_true (ret_store_set_screening (store, second, &screening, "tester", &error));
  g_assert_no_error (error);
  after = ret_store_get_screening (store, second, &error);
  g_assert_nonnull (after);
  g_assert_cmpint (ret_store_count_audit (store, "screen"), ==, 2);
}

static void
test_persons_all_or_nothing (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));

  g_ptr_array_add (again, make_person ("B200", "Nuevo", "Uno", 30, 0, NULL));
  g_ptr_array_add (again, make_person ("A103", "Repetido", "Dos", 30, 0, NULL));
  g_assert_false (ret_store_insert_persons (store, again, "tester", "test", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT);
  g_assert_true (strstr (error->message, "A103") != NULL);

  /* B200 came before the conflict and is not there either. */
  g_assert_false (ret_store_has_a_number (store, "B200"));
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 6);
  g_assert_cmpint (ret_store_count_audit (store, "import"), ==, 1);
}

static void
person_changed_cb (RetStore *store,
                   gint64    id,
                   gint64   *changed_id)
{
  *changed_id = id;
}

static void
test_update_person (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RetPerson) p = NULL;
  g_autoptr(RetPerson) saved = NULL;
  RetPersonQuery query = { "A104", 0 };
  gint64 audits;
  gint64 changed_id = 0;

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  ids = ret_store_query_person_ids (store, &query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  p = ret_store_get_person (store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);

  g_signal_connect (store, "person-changed", G_CALLBACK (person_changed_cb), &changed_id);
  audits = ret_store_count_audit (store, "update");

  /* Saving an unchanged person writes nothing. */
  g_assert_true (ret_store_update_person (store, p, "tester", &error));
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits);

  g_free (p->given_names);
  p->given_names = g_strdup ("Rosa María");
  p->flags |= RET_PERSON_FLAG_ILL;
  g_assert_true (ret_store_update_person (store, p, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed_id, ==, p->id);
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits + 1);

  saved = ret_store_get_person (store, p->id, &error);
  g_assert_cmpstr (saved->given_names, ==, "Rosa María");
  g_assert_cmpuint (saved->flags, ==, RET_PERSON_FLAG_PREGNANT | RET_PERSON_FLAG_ILL);

  /* An adult cannot be an unaccompanied minor; nothing is written. */
  p->flags |= RET_PERSON_FLAG_UNACCOMPANIED_MINOR;
  g_assert_false (ret_store_update_person (store, p, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Unaccompanied minor:"));
  g_clear_error (&error);
  p->flags &= ~RET_PERSON_FLAG_UNACCOMPANIED_MINOR;

  /* Another person's A-number */
  g_free (p->a_number);
  p->a_number = g_strdup ("A100");
  g_assert_false (ret_store_update_person (store, p, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Unknown facility, unknown origin */
  g_free (p->a_number);
  p->a_number = g_strdup ("A104");
  g_free (p->facility);
  p->facility = g_strdup ("NOPE");
  g_assert_false (ret_store_update_person (store, p, "tester", &error));
  g_assert_true (g_str_has_prefix (error->message, "Facility:"));
  g_clear_error (&error);

  g_clear_object (&store);
}

/* What another connection commits (an import thread, the CLI) is seen
 * by a connection that has already read: no read is left open. */
static void
test_second_connection (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(RetStore) other = NULL;
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;
  g_autoptr(RetPoint) point = NULL;

  /* Every kind of read, once, on the first connection */
  g_assert_true (ret_store_has_facility (store, "TCA"));
  g_assert_false (ret_store_has_a_number (store, "A100"));
  meta = ret_store_dup_meta (store, "demo");
  g_assert_cmpint (ret_store_count_audit (store, NULL), >, 0);
  point = ret_store_get_point (store, "TIJ", &error);
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 0);

  other = ret_store_open (ret_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_true (ret_store_insert_persons (other, persons, "tester", "test", &error));
  g_assert_no_error (error);

  g_assert_true (ret_store_has_a_number (store, "A100"));
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 6);
}

/* A save made from a record another program has changed since is
 * refused; nothing of either edit is lost silently. */
static void
test_update_conflict (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(RetStore) other = NULL;
  g_autoptr(GPtrArray) persons = sample_persons ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(RetPerson) mine = NULL;
  g_autoptr(RetPerson) theirs = NULL;
  g_autoptr(RetPerson) stored = NULL;

  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  ids = ret_store_query_person_ids (store, NULL, &error);
  mine = ret_store_get_person (store, g_array_index (ids, gint64, 0), &error);

  other = ret_store_open (ret_store_get_path (store), &error);
  theirs = ret_store_get_person (other, mine->id, &error);
  theirs->nationality_verified = FALSE;
  g_assert_true (ret_store_update_person (other, theirs, "consulate", &error));
  g_assert_no_error (error);

  g_free (mine->notes);
  mine->notes = g_strdup ("my edit");
  g_assert_false (ret_store_update_person (store, mine, "coordinator", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT);

  stored = ret_store_get_person (store, mine->id, NULL);
  g_assert_false (stored->nationality_verified);
  g_assert_cmpstr (stored->notes, ==, "");

  /* Read again, the same edit saves. */
  g_free (stored->notes);
  stored->notes = g_strdup ("my edit");
  g_clear_error (&error);
  g_assert_true (ret_store_update_person (store, stored, "coordinator", &error));
}

/* What every write of a person must satisfy, whoever writes it. */
static void
test_validate_person (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  static const struct { const char *field; const char *prefix; } cases[] = {
    { "a_number-space", "A-number:" },
    { "a_number-long", "A-number:" },
    { "family-newline", "Family name:" },
    { "given-control", "Given names:" },
    { "birth-too-old", "Birth date:" },
    { "apprehended-1999", "Apprehended:" },
    { "apprehended-future", "Apprehended:" },
    { "apprehended-before-birth", "Apprehended:" },
    { "notes-control", "Notes:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RetPerson) p = make_person ("V1", "Vega", "Ana", 30, 0, NULL);
      g_autoptr(GError) error = NULL;
      const char *f = cases[i].field;

      if (g_str_equal (f, "a_number-space"))
        { g_free (p->a_number); p->a_number = g_strdup ("A 1;DROP"); }
      else if (g_str_equal (f, "a_number-long"))
        { g_free (p->a_number); p->a_number = g_strdup ("A123456789012345678901"); }
      else if (g_str_equal (f, "family-newline"))
        { g_free (p->family_name); p->family_name = g_strdup ("Vega\nRuiz"); }
      else if (g_str_equal (f, "given-control"))
        { g_free (p->given_names); p->given_names = g_strdup ("Ana\x01"); }
      else if (g_str_equal (f, "birth-too-old"))
        g_date_set_dmy (&p->birth_date, 1, 1, 1850);
      else if (g_str_equal (f, "apprehended-1999"))
        p->apprehended_at = 915148800;  /* 1999-01-01 */
      else if (g_str_equal (f, "apprehended-future"))
        p->apprehended_at = g_get_real_time () / G_USEC_PER_SEC + 3 * 24 * 3600;
      else if (g_str_equal (f, "apprehended-before-birth"))
        g_date_set_dmy (&p->birth_date, 1, 1, 2026), p->apprehended_at = 1735689600;  /* 2025-01-01 */
      else if (g_str_equal (f, "notes-control"))
        { g_free (p->notes); p->notes = g_strdup ("bell \a"); }

      g_assert_false (ret_store_validate_person (store, p, &error));
      g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
    }

  /* and a line break in notes is fine */
  {
    g_autoptr(RetPerson) p = make_person ("V2", "Vega", "Ana", 30, 0, NULL);
    g_autoptr(GError) error = NULL;

    g_free (p->notes);
    p->notes = g_strdup ("line one\nline two\twith a tab");
    g_assert_true (ret_store_validate_person (store, p, &error));
    g_assert_no_error (error);
  }
}

/* A woman travelling with a baby is vulnerable; the baby's father and a
 * woman whose child is 5 are not, on that ground. */
static void
test_travelling_with_infant (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GError) error = NULL;
  RetPersonQuery query = { NULL, RET_PERSON_FILTER_VULNERABLE };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) vulnerable = NULL;
  RetPerson *mother, *other_mother;
  GDate today;

  ret_date_today (&today);
  mother = make_person ("I1", "Luna", "Rosa", 28, 0, "F-INF");
  mother->sex = RET_SEX_FEMALE;
  g_ptr_array_add (persons, mother);
  g_ptr_array_add (persons, make_person ("I2", "Luna", "Juan", 30, 0, "F-INF"));
  g_ptr_array_add (persons, make_person ("I3", "Luna", "Bebé", 1, 0, "F-INF"));
  other_mother = make_person ("K1", "Mar", "Eva", 28, 0, "F-KID");
  other_mother->sex = RET_SEX_FEMALE;
  g_ptr_array_add (persons, other_mother);
  g_ptr_array_add (persons, make_person ("K2", "Mar", "Leo", 5, 0, "F-KID"));
  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));

  ids = ret_store_query_person_ids (store, &query, &error);
  vulnerable = ret_store_get_persons (store, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);

  /* Rosa (with her baby), the baby, and the 5-year-old: minors */
  g_assert_cmpuint (vulnerable->len, ==, 3);
  for (guint i = 0; i < vulnerable->len; i++)
    {
      const RetPerson *p = g_ptr_array_index (vulnerable, i);

      g_assert_true (ret_person_is_vulnerable (p, &today));
      if (g_str_equal (p->a_number, "I1"))
        g_assert_true (p->travelling_with_infant);
      else
        g_assert_false (p->travelling_with_infant);
    }
}

/* A closed day cannot keep hours for vulnerable persons or minors. */
static void
test_closed_day (void)
{
  g_autoptr(GError) error = NULL;
  RetWindow closed = { RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE };
  RetWindow half = { RET_MINUTE_NONE, RET_MINUTE_NONE, 7 * 60, 20 * 60, RET_MINUTE_NONE };

  g_assert_true (ret_window_validate (&closed, &error));
  g_assert_false (ret_window_validate (&half, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* The audit entry of a point edit says what each value was and became. */
static void
test_point_audit_values (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPoint) point = ret_store_get_point (store, "ACU", &error);
  g_autofree char *path = g_strdup (ret_store_get_path (store));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *detail;

  point->daily_capacity = 180;
  ((RetPointHours *) g_ptr_array_index (point->hours, 0))->week[6] =
    (RetWindow) { RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE, RET_MINUTE_NONE };
  g_assert_true (ret_store_update_point (store, point, "tester", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT detail FROM audit_log WHERE entity = 'point' "
                                           "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  detail = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_nonnull (strstr (detail, "\"daily_capacity\":[\"250\",\"180\"]"));
  g_assert_nonnull (strstr (detail, "\"hours DEL-RIO sunday\":[\"06:00-21:00 vulnerable 07:00-20:00 minors until 18:00\",\"closed\"]"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_transfers_between (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) day = NULL;
  RetTransfer t = { 0, (char *) "T-1", (char *) "bus", (char *) "TCA", (char *) "NOG",
                    1796140800, 1796148000, 45, 0, NULL };  /* 2026-12-01 16:00 → 18:00 UTC */
  RetTransfer late = t;

  late.code = (char *) "T-2";
  late.depart_at += 24 * 3600;
  late.handover_at += 24 * 3600;
  g_assert_cmpint (_ret_store_add_transfer (store, &t, &error), >, 0);
  g_assert_cmpint (_ret_store_add_transfer (store, &late, &error), >, 0);
  g_assert_no_error (error);

  day = ret_store_list_transfers (store, 1796140800, 1796140800 + 24 * 3600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (day, 0))->code, ==, "T-1");
  g_assert_cmpint (((RetTransfer *) g_ptr_array_index (day, 0))->seats, ==, 45);
  g_assert_cmpstr (((RetTransfer *) g_ptr_array_index (day, 0))->status, ==, "planned");
}

static void
test_audit_append_only (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("store.db");
  g_autofree char *path = g_strdup (ret_store_get_path (store));
  sqlite3 *db = NULL;
  char *message = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'x'", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

/* A worker's second connection does not put an empty database where
 * the user's has gone. */
static void
test_open_existing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path ("gone.db");
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetStore) second = NULL;

  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  second = ret_store_open_existing (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_clear_object (&second);
  g_clear_object (&store);

  g_assert_cmpint (g_remove (path), ==, 0);
  second = ret_store_open_existing (path, &error);
  g_assert_null (second);
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create/mode", test_create_mode);
  g_test_add_func ("/store/migrate/every-version", test_migrate_every_version);
  g_test_add_func ("/store/open/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/store/open/existing-only", test_open_existing);
  g_test_add_func ("/store/reference/load", test_reference);
  g_test_add_func ("/store/points/update", test_update_point);
  g_test_add_func ("/store/persons/query", test_persons_query);
  g_test_add_func ("/store/persons/get-in-order", test_persons_get_in_order);
  g_test_add_func ("/store/persons/all-or-nothing", test_persons_all_or_nothing);
  g_test_add_func ("/store/batch/savepoints", test_batch);
  g_test_add_func ("/store/persons/update", test_update_person);
  g_test_add_func ("/store/persons/second-connection", test_second_connection);
  g_test_add_func ("/store/persons/update-conflict", test_update_conflict);
  g_test_add_func ("/store/persons/validate", test_validate_person);
  g_test_add_func ("/store/persons/travelling-with-infant", test_travelling_with_infant);
  g_test_add_func ("/store/points/closed-day", test_closed_day);
  g_test_add_func ("/store/points/audit-values", test_point_audit_values);
  g_test_add_func ("/store/transfers/between", test_transfers_between);
  g_test_add_func ("/store/audit/append-only", test_audit_append_only);

  return g_test_run ();
}
