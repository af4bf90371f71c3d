/* test-store-schedule.c — the fleet, travel times and stored plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ret-scheduler.h"
#include "ret-store.h"
#include "ret-store-private.h"
#include "ret-test-util.h"
#include "ret-store-schedule.h"
#include "ret-demo.h"
#include "ret-time.h"

/* The reference fleet: buses 6 × 3 + 4 × 4 + 2 × 2, vans 2 × 9, minors
 * vans 2 × 3 + 6, flights 3. */
#define N_REFERENCE_VEHICLES 71

/* @call fails (FALSE or NULL) with @code in the test's own @error, which
 * is cleared for the next call. */
#define assert_refused(code, call) \
  G_STMT_START { \
    g_assert_false ((call) != 0); \
    g_assert_error (error, RET_STORE_ERROR, (int) (code)); \
    g_clear_error (&error); \
  } G_STMT_END

static RetPerson *
make_person (const char *a_number,
             int         age,
             const char *family_group)
{
  return ret_test_person_new (a_number, age, family_group, "RGV", "28032");
}

static void
add_persons (RetStore           *store,
             const char * const *a_numbers)
{
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; a_numbers[i] != NULL; i++)
    /* A3 and A4 are one family */
    g_ptr_array_add (persons, make_person (a_numbers[i], 30,
                                           g_str_equal (a_numbers[i], "A3") ||
                                           g_str_equal (a_numbers[i], "A4") ? "LOPEZ-1" : NULL));
  ret_store_insert_persons (store, persons, "tester", "test", &error);
  g_assert_no_error (error);
}

static gint64
person_id (RetStore   *store,
           const char *a_number)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (_ret_store_get_db (store),
                                       "SELECT id FROM persons WHERE a_number = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a_number, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static char *
person_status (RetStore   *store,
               const char *a_number)
{
  g_autoptr(RetPerson) p = ret_store_get_person (store, person_id (store, a_number), NULL);

  g_assert_nonnull (p);
  return g_strdup (ret_person_status_to_string (p->status));
}

/* UTC seconds of a local wall-clock time at Reynosa and Matamoros */
static gint64
tamaulipas (int day,
            int hour,
            int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Matamoros");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, 2027, 3, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static RetPlanDraftTransfer *
draft_transfer (const char         *code,
                const char         *point,
                gint64              handover,
                const char * const *a_numbers)
{
  RetPlanDraftTransfer *t = ret_plan_draft_transfer_new ();

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup ("RGV");
  t->point = g_strdup (point);
  t->depart_at = handover - 3600;
  t->handover_at = handover;
  t->seats = 45;
  for (guint i = 0; a_numbers[i] != NULL; i++)
    g_ptr_array_add (t->a_numbers, g_strdup (a_numbers[i]));
  return t;
}

static gint64
insert_plan (RetStore *store,
             ...)
{
  g_autoptr(RetPlanDraft) draft = ret_plan_draft_new ();
  g_autoptr(GError) error = NULL;
  RetPlanDraftTransfer *t;
  gint64 id = 0;
  va_list args;

  va_start (args, store);
  while ((t = va_arg (args, RetPlanDraftTransfer *)) != NULL)
    g_ptr_array_add (draft->transfers, t);
  va_end (args);

  ret_store_insert_plan (store, draft, "tester", "test", &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
exec (RetStore   *store,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (_ret_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
query_int (RetStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_ret_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every transfer (code, status, plan, pins, vehicle, manifest with
 * pins) and every person's status, as text to compare. */
static char *
snapshot (RetStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_ret_store_get_db (store),
                                       "SELECT t.code || ' ' || t.status || ' ' || t.plan_id || ' ' || t.pinned"
                                       " || ' ' || coalesce(t.vehicle_id, 0) || ' ' || coalesce(t.replaced_by, '-')"
                                       " || ' [' || coalesce((SELECT group_concat(x, ',') FROM"
                                       "   (SELECT p.a_number || (CASE WHEN m.pinned THEN '*' ELSE '' END) AS x"
                                       "    FROM manifest_entries m JOIN persons p ON p.id = m.person_id"
                                       "    WHERE m.transfer_id = t.id ORDER BY p.a_number)), '') || ']'"
                                       " FROM transfers t ORDER BY t.code", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (_ret_store_get_db (store),
                                       "SELECT a_number || ' ' || status FROM persons ORDER BY a_number",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Migration and the reference fleet                                  */

static char *
fleet_text (GPtrArray *vehicles)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *v = g_ptr_array_index (vehicles, i);

      g_string_append_printf (out, "%s %d %s %d %d %u %s %d %d\n", v->facility, v->kind, v->label,
                              v->seats, v->minors_only, v->weekdays, v->point ? v->point : "-",
                              v->depart_minute, v->sample);
    }
  return g_string_free (out, FALSE);
}

static guint
count_vehicles (GPtrArray      *vehicles,
                const char     *facility,
                RetVehicleKind  kind,
                gboolean        minors_only)
{
  guint n = 0;

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *v = g_ptr_array_index (vehicles, i);

      if (g_strcmp0 (v->facility, facility) == 0 && v->kind == kind &&
          v->minors_only == minors_only)
        n++;
    }
  return n;
}

static const RetVehicle *
find_vehicle (GPtrArray  *vehicles,
              const char *label)
{
  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *v = g_ptr_array_index (vehicles, i);

      if (g_strcmp0 (v->label, label) == 0)
        return v;
    }
  return NULL;
}

/* A new database has the sample fleet: buses, vans, minors vans and the
 * interior flights on their days. */
static void
test_reference_fleet (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("fleet.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = ret_store_list_vehicles (store, NULL, &error);
  g_autoptr(GPtrArray) rgv = ret_store_list_vehicles (store, "RGV", &error);
  const RetVehicle *mex;

  g_assert_no_error (error);
  g_assert_cmpuint (vehicles->len, ==, N_REFERENCE_VEHICLES);
  g_assert_cmpuint (count_vehicles (vehicles, "SDC", RET_VEHICLE_BUS, FALSE), ==, 6);
  g_assert_cmpuint (count_vehicles (vehicles, "YUM", RET_VEHICLE_BUS, FALSE), ==, 2);
  g_assert_cmpuint (count_vehicles (vehicles, "DRT", RET_VEHICLE_VAN, FALSE), ==, 2);
  g_assert_cmpuint (count_vehicles (vehicles, "RGV", RET_VEHICLE_VAN, TRUE), ==, 2);
  g_assert_cmpuint (count_vehicles (vehicles, "LRT", RET_VEHICLE_VAN, TRUE), ==, 1);
  g_assert_cmpuint (count_vehicles (vehicles, "TCA", RET_VEHICLE_FLIGHT, FALSE), ==, 2);
  g_assert_cmpuint (count_vehicles (vehicles, "EPT", RET_VEHICLE_FLIGHT, FALSE), ==, 1);
  g_assert_cmpuint (rgv->len, ==, 6 + 2 + 2);

  mex = find_vehicle (vehicles, "Flight TUS–MEX");
  g_assert_nonnull (mex);
  g_assert_cmpstr (mex->point, ==, "MEX");
  g_assert_cmpint (mex->seats, ==, 137);
  g_assert_cmpint (mex->depart_minute, ==, 8 * 60);
  /* Tuesday and Thursday */
  g_assert_cmpuint (mex->weekdays, ==, (1 << 1) | (1 << 3));
  g_assert_true (mex->sample);
  g_assert_cmpint (find_vehicle (vehicles, "Bus 1")->depart_minute, ==, RET_MINUTE_NONE);
  g_assert_cmpuint (find_vehicle (vehicles, "Bus 1")->weekdays, ==, RET_WEEKDAYS_ALL);
}

/* A version-2 office keeps its persons and plans, and gets the fleet a
 * new database gets, once. */
static void
test_migrate_v2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path ("migrate-v2.db");
  g_autoptr(RetStore) old = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetStore) fresh = ret_test_store_new ("migrate-fresh.db");
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GPtrArray) fresh_vehicles = NULL;
  g_autoptr(RetTransfer) transfer = NULL;
  g_autofree char *migrated_text = NULL;
  g_autofree char *fresh_text = NULL;
  g_autofree char *status = NULL;
  const char *persons[] = { "A1", "A2", "A3", NULL };
  const char *on_t1[] = { "A1", NULL };

  g_remove (path);
  old = _ret_store_open_at_version (path, 2, &error);
  g_assert_no_error (error);
  ret_store_load_reference_data (old, &error);
  g_assert_no_error (error);
  add_persons (old, persons);
  insert_plan (old, draft_transfer ("T-OLD", "REX", tamaulipas (2, 10, 0), on_t1), NULL);
  g_clear_object (&old);

  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_get_schema_version (store), ==, 3);

  transfer = ret_store_get_transfer (store, "T-OLD", &error);
  g_assert_no_error (error);
  g_assert_cmpint (transfer->n_persons, ==, 1);
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 3);
  status = person_status (store, "A1");
  g_assert_cmpstr (status, ==, "planned");

  vehicles = ret_store_list_vehicles (store, NULL, &error);
  g_assert_no_error (error);
  fresh_vehicles = ret_store_list_vehicles (fresh, NULL, &error);
  g_assert_no_error (error);
  migrated_text = fleet_text (vehicles);
  fresh_text = fleet_text (fresh_vehicles);
  g_assert_cmpstr (migrated_text, ==, fresh_text);

  /* Opening again adds nothing */
  g_clear_object (&store);
  g_clear_pointer (&vehicles, g_ptr_array_unref);
  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  vehicles = ret_store_list_vehicles (store, NULL, &error);
  g_assert_cmpuint (vehicles->len, ==, N_REFERENCE_VEHICLES);
  g_assert_cmpint (ret_store_get_road_speed (store), ==, RET_DEFAULT_ROAD_SPEED_KMH);
}

/* ------------------------------------------------------------------ */
/* The fleet and travel times                                         */

static RetVehicle *
flight (const char *facility,
        const char *point,
        int         depart)
{
  RetVehicle *v = ret_vehicle_new ();

  v->facility = g_strdup (facility);
  v->kind = RET_VEHICLE_FLIGHT;
  v->label = g_strdup ("Charter");
  v->seats = 150;
  v->point = g_strdup (point);
  v->depart_minute = depart;
  return v;
}

static void
test_vehicle_crud (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("vehicles.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(RetVehicle) van = ret_vehicle_new ();
  g_autoptr(GPtrArray) list = NULL;
  gint64 audits = ret_store_count_audit (store, "add");
  const RetVehicle *stored;

  van->facility = g_strdup ("DRT");
  van->kind = RET_VEHICLE_VAN;
  van->label = g_strdup ("Van 9");
  van->seats = 15;
  van->weekdays = 1 << 0;   /* Mondays */
  g_assert_true (ret_store_save_vehicle (store, van, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (van->id, >, 0);
  g_assert_cmpint (ret_store_count_audit (store, "add"), ==, audits + 1);

  list = ret_store_list_vehicles (store, "DRT", &error);
  stored = find_vehicle (list, "Van 9");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->seats, ==, 15);
  g_assert_cmpuint (stored->weekdays, ==, 1);
  g_assert_false (stored->sample);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Updating a sample vehicle makes it the office's own */
  list = ret_store_list_vehicles (store, "DRT", &error);
  {
    g_autoptr(RetVehicle) bus = ret_vehicle_copy (find_vehicle (list, "Bus 1"));

    g_assert_true (bus->sample);
    bus->seats = 50;
    g_assert_true (ret_store_save_vehicle (store, bus, "tester", &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ret_store_list_vehicles (store, "DRT", &error);
  g_assert_cmpint (find_vehicle (list, "Bus 1")->seats, ==, 50);
  g_assert_false (find_vehicle (list, "Bus 1")->sample);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A flight to an airport is fine */
  {
    g_autoptr(RetVehicle) ok = flight ("TCA", "GDL", 7 * 60);

    g_assert_true (ret_store_save_vehicle (store, ok, "tester", &error));
    g_assert_no_error (error);
  }
}

typedef struct
{
  const char *facility;
  RetVehicleKind kind;
  int seats;
  const char *point;
  int depart;
  guint weekdays;
  RetStoreError code;
} BadVehicle;

static void
test_vehicle_refused (void)
{
  static const BadVehicle cases[] = {
    { "DRT", RET_VEHICLE_BUS, 0, NULL, RET_MINUTE_NONE, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "DRT", RET_VEHICLE_BUS, -3, NULL, RET_MINUTE_NONE, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "XXX", RET_VEHICLE_BUS, 45, NULL, RET_MINUTE_NONE, RET_WEEKDAYS_ALL, RET_STORE_ERROR_NOT_FOUND },
    { "DRT", RET_VEHICLE_BUS, 45, NULL, RET_MINUTE_NONE, 0, RET_STORE_ERROR_INVALID },
    /* a flight without an airport, or without a departure */
    { "TCA", RET_VEHICLE_FLIGHT, 137, NULL, 480, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "TCA", RET_VEHICLE_FLIGHT, 137, "MEX", RET_MINUTE_NONE, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "TCA", RET_VEHICLE_FLIGHT, 137, "ZZZ", 480, RET_WEEKDAYS_ALL, RET_STORE_ERROR_NOT_FOUND },
    { "TCA", RET_VEHICLE_FLIGHT, 137, "NOG", 480, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "TCA", RET_VEHICLE_FLIGHT, 137, "MEX", 24 * 60, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    /* a road vehicle with one */
    { "TCA", RET_VEHICLE_BUS, 45, "NOG", RET_MINUTE_NONE, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
    { "TCA", RET_VEHICLE_VAN, 12, NULL, 600, RET_WEEKDAYS_ALL, RET_STORE_ERROR_INVALID },
  };
  g_autoptr(RetStore) store = ret_test_store_new ("vehicles-bad.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = ret_store_list_vehicles (store, NULL, NULL);
  g_autofree char *before_text = fleet_text (before);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RetVehicle) v = ret_vehicle_new ();
      g_autoptr(GPtrArray) after = NULL;
      g_autofree char *after_text = NULL;

      v->facility = g_strdup (cases[i].facility);
      v->kind = cases[i].kind;
      v->label = g_strdup ("Extra");
      v->seats = cases[i].seats;
      v->point = g_strdup (cases[i].point);
      v->depart_minute = cases[i].depart;
      v->weekdays = cases[i].weekdays;

      g_test_message ("case %u", i);
      assert_refused (cases[i].code, ret_store_save_vehicle (store, v, "tester", &error));
      g_assert_cmpint (v->id, ==, 0);

      after = ret_store_list_vehicles (store, NULL, NULL);
      after_text = fleet_text (after);
      g_assert_cmpstr (after_text, ==, before_text);
    }

  /* A blank label, and an update of a vehicle that is gone */
  {
    g_autoptr(RetVehicle) v = ret_vehicle_copy (g_ptr_array_index (before, 0));

    g_free (v->label);
    v->label = g_strdup ("  ");
    assert_refused (RET_STORE_ERROR_INVALID, ret_store_save_vehicle (store, v, "tester", &error));
    g_free (v->label);
    v->label = g_strdup ("Bus 99");
    v->id = 99999;
    assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_save_vehicle (store, v, "tester", &error));
  }
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, 0);
}

/* A vehicle in use by a transfer that has not left stays. */
static void
test_vehicle_delete (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("vehicles-delete.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rgv = ret_store_list_vehicles (store, "RGV", NULL);
  const RetVehicle *bus1 = find_vehicle (rgv, "Bus 1");
  const RetVehicle *bus2 = find_vehicle (rgv, "Bus 2");
  const char *persons[] = { "A1", NULL };
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) after = NULL;

  add_persons (store, persons);
  insert_plan (store, draft_transfer ("T-1", "REX", tamaulipas (2, 10, 0), persons), NULL);
  sql = g_strdup_printf ("UPDATE transfers SET vehicle_id = %" G_GINT64_FORMAT " WHERE code = 'T-1'",
                         bus1->id);
  exec (store, sql);

  assert_refused (RET_STORE_ERROR_CONFLICT, ret_store_delete_vehicle (store, bus1->id, "tester", &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_delete_vehicle (store, 99999, "tester", &error));

  g_assert_true (ret_store_delete_vehicle (store, bus2->id, "tester", &error));
  g_assert_no_error (error);
  after = ret_store_list_vehicles (store, "RGV", NULL);
  g_assert_cmpuint (after->len, ==, rgv->len - 1);
  g_assert_nonnull (find_vehicle (after, "Bus 1"));
  g_assert_null (find_vehicle (after, "Bus 2"));

  /* Once the transfer is cancelled, the vehicle can go */
  g_assert_true (ret_store_set_transfer_status (store, "T-1", RET_TRANSFER_CANCELLED, "tester", &error));
  g_assert_true (ret_store_delete_vehicle (store, bus1->id, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM transfers WHERE vehicle_id IS NOT NULL"), ==, 0);
}

static void
test_travel_times (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("travel.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) times = NULL;
  const RetTravelTime *t;

  times = ret_store_list_travel_times (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (times->len, ==, 0);
  g_clear_pointer (&times, g_ptr_array_unref);

  g_assert_true (ret_store_set_travel_time (store, "RGV", "REX", 75, "tester", &error));
  g_assert_true (ret_store_set_travel_time (store, "RGV", "MAM", 90, "tester", &error));
  g_assert_true (ret_store_set_travel_time (store, "RGV", "REX", 80, "tester", &error));
  g_assert_no_error (error);
  times = ret_store_list_travel_times (store, &error);
  g_assert_cmpuint (times->len, ==, 2);
  t = g_ptr_array_index (times, 1);
  g_assert_cmpstr (t->point, ==, "REX");
  g_assert_cmpint (t->minutes, ==, 80);
  g_assert_false (t->sample);
  g_clear_pointer (&times, g_ptr_array_unref);

  /* Refused, and nothing changed */
  assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_set_travel_time (store, "XXX", "REX", 60, NULL, &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_set_travel_time (store, "RGV", "ZZZ", 60, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID, ret_store_set_travel_time (store, "RGV", "REX", 100000, NULL, &error));
  times = ret_store_list_travel_times (store, &error);
  g_assert_cmpuint (times->len, ==, 2);
  g_assert_cmpint (((RetTravelTime *) g_ptr_array_index (times, 1))->minutes, ==, 80);
  g_clear_pointer (&times, g_ptr_array_unref);

  /* 0: back to the estimate */
  g_assert_true (ret_store_set_travel_time (store, "RGV", "REX", 0, "tester", &error));
  times = ret_store_list_travel_times (store, &error);
  g_assert_cmpuint (times->len, ==, 1);
  g_assert_cmpstr (((RetTravelTime *) g_ptr_array_index (times, 0))->point, ==, "MAM");

  /* Road speed */
  g_assert_cmpint (ret_store_get_road_speed (store), ==, RET_DEFAULT_ROAD_SPEED_KMH);
  g_assert_true (ret_store_set_road_speed (store, 80, "tester", &error));
  g_assert_cmpint (ret_store_get_road_speed (store), ==, 80);
  assert_refused (RET_STORE_ERROR_INVALID, ret_store_set_road_speed (store, 9, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID, ret_store_set_road_speed (store, 131, NULL, &error));
  g_assert_cmpint (ret_store_get_road_speed (store), ==, 80);
}

/* ------------------------------------------------------------------ */
/* Loading what the scheduler needs                                   */

/*
 * On 2 March 2027 (plan 1, a draft):
 *   T-20270302-REX-01 10:00  A1 A2          nothing pinned: replaced
 *   T-20270302-REX-02 11:00  A3 A4 A5       A3 pinned (A4 is family): kept with A3, A4
 *   T-20270302-REX-03 12:00  A6             the transfer pinned: kept
 *   T-20270302-MAM-01 12:00  A7             notified: kept
 * On 10 March (plan 2): T-20270310-REX-01 with A8, outside the span.
 * A9 and A10 await; A11 withdrew.
 */
static RetStore *
scenario_store (const char *name,
                gint64     *plan_id)
{
  RetStore *store = ret_test_store_new (name);
  g_autoptr(GError) error = NULL;
  const char *everyone[] = { "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", NULL };
  const char *t1[] = { "A1", "A2", NULL };
  const char *t2[] = { "A3", "A4", "A5", NULL };
  const char *t3[] = { "A6", NULL };
  const char *t4[] = { "A7", NULL };
  const char *t5[] = { "A8", NULL };
  gint64 id;

  add_persons (store, everyone);
  id = insert_plan (store,
                    draft_transfer ("T-20270302-REX-01", "REX", tamaulipas (2, 10, 0), t1),
                    draft_transfer ("T-20270302-REX-02", "REX", tamaulipas (2, 11, 0), t2),
                    draft_transfer ("T-20270302-REX-03", "REX", tamaulipas (2, 12, 0), t3),
                    draft_transfer ("T-20270302-MAM-01", "MAM", tamaulipas (2, 12, 0), t4),
                    NULL);
  insert_plan (store, draft_transfer ("T-20270310-REX-01", "REX", tamaulipas (10, 10, 0), t5), NULL);
  exec (store, "UPDATE persons SET status = 'withdrawn' WHERE a_number = 'A11'");

  g_assert_true (ret_store_set_person_pinned (store, "T-20270302-REX-02", person_id (store, "A3"), TRUE,
                                              "tester", &error));
  g_assert_true (ret_store_set_transfer_pinned (store, "T-20270302-REX-03", TRUE, "tester", &error));
  g_assert_true (ret_store_set_transfer_status (store, "T-20270302-MAM-01", RET_TRANSFER_NOTIFIED,
                                                "tester", &error));
  g_assert_no_error (error);

  if (plan_id != NULL)
    *plan_id = id;
  return store;
}

static char *
transfers_text (const RetScheduleInput *input)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < input->data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (input->data->transfers, i);

      g_string_append_printf (out, "%s%s:", i > 0 ? " " : "", t->code);
      for (guint e = 0; e < t->entries->len; e++)
        {
          const RetCheckPerson *p = g_ptr_array_index (input->data->persons,
                                                       g_array_index (t->entries, RetCheckEntry, e).person);

          g_string_append_printf (out, "%s%s", e > 0 ? "," : "", p->person->a_number);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
strings_text (GPtrArray *strings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (strings, i));
  return g_string_free (out, FALSE);
}

static GDate
march (int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, G_DATE_MARCH, 2027);
  return date;
}

static int
compare_a_numbers (gconstpointer a,
                   gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;

  /* "A10" after "A9" */
  if (strlen (x) != strlen (y))
    return strlen (x) < strlen (y) ? -1 : 1;
  return strcmp (x, y);
}

static char *
sorted_candidates (const RetScheduleInput *input)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < input->candidates->len; i++)
    {
      const RetCheckPerson *p = g_ptr_array_index (input->data->persons,
                                                   g_array_index (input->candidates, guint, i));

      g_ptr_array_add (names, p->person->a_number);
    }
  g_ptr_array_sort (names, compare_a_numbers);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (out, FALSE);
}

static void
test_load_input (void)
{
  g_autoptr(RetStore) store = scenario_store ("load.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autofree char *candidates = NULL;
  g_autofree char *transfers = NULL;
  g_autofree char *replace = NULL;
  GDate from = march (2);

  input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (input);

  candidates = sorted_candidates (input);
  g_assert_cmpstr (candidates, ==, "A1 A2 A5 A9 A10");
  transfers = transfers_text (input);
  g_assert_cmpstr (transfers, ==,
                   "T-20270302-REX-02:A3,A4 T-20270302-MAM-01:A7 T-20270302-REX-03:A6");
  replace = strings_text (input->replace);
  g_assert_cmpstr (replace, ==, "T-20270302-REX-01 T-20270302-REX-02");

  g_assert_cmpuint (input->kept_vehicles->len, ==, input->data->transfers->len);
  g_assert_cmpuint (input->vehicles->len, ==, N_REFERENCE_VEHICLES);
  g_assert_cmpuint (input->travel->len, ==, 0);
  g_assert_cmpint (input->road_speed_kmh, ==, RET_DEFAULT_ROAD_SPEED_KMH);
  g_assert_cmpint (input->not_before, >, 0);
  /* A8, on a transfer outside the span, is there for nobody */
  g_assert_cmpint (ret_check_data_find_person (input->data, person_id (store, "A8")), <, 0);
  /* Origins come from the gazetteer */
  {
    int a9 = ret_check_data_find_person (input->data, person_id (store, "A9"));
    const RetCheckPerson *p;

    g_assert_cmpint (a9, >=, 0);
    p = g_ptr_array_index (input->data->persons, a9);
    g_assert_true (p->origin_known);
    g_assert_cmpfloat (p->origin_latitude, >, 14.0);
  }
}

/* An emergency re-plans exactly the transfers named, whatever their
 * pins or status before departure. */
static void
test_load_input_replace (void)
{
  g_autoptr(RetStore) store = scenario_store ("load-replace.db", NULL);
  g_autoptr(GError) error = NULL;
  GDate from = march (2);
  const char *pinned[] = { "T-20270302-REX-03", "T-20270302-MAM-01", NULL };
  g_autoptr(RetScheduleInput) input = NULL;
  g_autofree char *candidates = NULL;
  g_autofree char *transfers = NULL;
  g_autofree char *replace = NULL;

  input = ret_store_load_schedule_input (store, &from, 1, pinned, &error);
  g_assert_no_error (error);
  candidates = sorted_candidates (input);
  g_assert_cmpstr (candidates, ==, "A6 A7");
  transfers = transfers_text (input);
  g_assert_cmpstr (transfers, ==, "T-20270302-REX-01:A1,A2 T-20270302-REX-02:A3,A4,A5");
  replace = strings_text (input->replace);
  g_assert_cmpstr (replace, ==, "T-20270302-MAM-01 T-20270302-REX-03");

  /* Bad input */
  g_clear_pointer (&input, ret_schedule_input_free);
  input = ret_store_load_schedule_input (store, &from, 0, NULL, &error);
  g_assert_null (input);
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID);
}

/* ------------------------------------------------------------------ */
/* Saving and undoing                                                 */

static RetScheduleResult *
result_new (void)
{
  RetScheduleResult *r = g_new0 (RetScheduleResult, 1);

  r->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_transfer_free);
  r->vehicle_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  r->unplanned = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_unplanned_free);
  r->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);
  return r;
}

static void
result_add (RetScheduleResult      *result,
            const RetScheduleInput *input,
            RetStore               *store,
            const char             *code,
            gint64                  handover,
            gint64                  vehicle_id,
            const char * const     *a_numbers)
{
  RetCheckTransfer *t = ret_check_transfer_new ();

  t->code = g_strdup (code);
  t->mode = g_strdup ("bus");
  t->facility = g_strdup ("RGV");
  t->point = g_strdup ("REX");
  t->depart_at = handover - 3600;
  t->handover_at = handover;
  t->seats = 45;
  for (guint i = 0; a_numbers[i] != NULL; i++)
    {
      int person = ret_check_data_find_person (input->data, person_id (store, a_numbers[i]));

      g_assert_cmpint (person, >=, 0);
      ret_check_transfer_add_person (t, (guint) person);
      result->n_planned++;
    }
  g_ptr_array_add (result->transfers, t);
  g_array_append_val (result->vehicle_ids, vehicle_id);
  result->n_vehicles++;
}

static gint64
rgv_bus (RetStore   *store,
         const char *label)
{
  g_autoptr(GPtrArray) rgv = ret_store_list_vehicles (store, "RGV", NULL);

  return find_vehicle (rgv, label)->id;
}

static gint64
save (RetStore               *store,
      const RetScheduleInput *input,
      RetScheduleResult      *result)
{
  g_autoptr(GError) error = NULL;
  RetScheduleOptions options;
  GDate from = march (2);
  gint64 plan_id = 0;

  ret_schedule_options_init (&options, &from, 1);
  g_assert_true (ret_store_save_schedule (store, input, result, &options, "tester", &plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan_id, >, 0);
  return plan_id;
}

static char *
transfer_line (RetStore   *store,
               const char *code)
{
  g_autofree char *all = snapshot (store);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], code) && lines[i][strlen (code)] == ' ')
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_save_and_undo (void)
{
  g_autoptr(RetStore) store = scenario_store ("save.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = result_new ();
  g_autofree char *before = snapshot (store);
  g_autofree char *after_undo = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *status = NULL;
  const char *planned[] = { "A1", "A2", "A5", "A9", NULL };
  gint64 plans = query_int (store, "SELECT count(*) FROM plans");
  gint64 bus = rgv_bus (store, "Bus 4");
  GDate from = march (2);
  gint64 plan_id;

  input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  /* The scheduler's code is taken in the database: renumbered */
  result_add (result, input, store, "T-20270302-REX-01", tamaulipas (2, 9, 0), bus, planned);
  {
    RetUnplanned *u = g_new0 (RetUnplanned, 1);

    u->person = (guint) ret_check_data_find_person (input->data, person_id (store, "A10"));
    u->reason = g_strdup ("No bus free");
    u->eligible = TRUE;
    g_ptr_array_add (result->unplanned, u);
  }
  {
    RetViolation *v = g_new0 (RetViolation, 1);

    v->rule = RET_RULE_CAPACITY;
    v->severity = RET_SEVERITY_WARNING;
    v->transfer_code = g_strdup ("T-20270302-REX-01");
    v->group = g_strdup ("transfer:T-20270302-REX-01");
    v->message = g_strdup ("A warning");
    g_ptr_array_add (result->violations, v);
    result->n_warnings = 1;
  }

  plan_id = save (store, input, result);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plans"), ==, plans + 1);
  /* What the caller prints (the summary, `plan --json`) is what was
   * stored, renumbered code included */
  g_assert_cmpstr (((RetCheckTransfer *) g_ptr_array_index (result->transfers, 0))->code, ==,
                   "T-20270302-REX-04");
  g_assert_cmpstr (((RetViolation *) g_ptr_array_index (result->violations, 0))->transfer_code, ==,
                   "T-20270302-REX-04");
  g_assert_cmpstr (((RetViolation *) g_ptr_array_index (result->violations, 0))->group, ==,
                   "transfer:T-20270302-REX-04");
  g_assert_cmpint (ret_store_count_audit (store, "plan"), ==, 1);

  /* The new transfer, with its vehicle */
  line = transfer_line (store, "T-20270302-REX-04");
  expected = g_strdup_printf ("T-20270302-REX-04 planned %" G_GINT64_FORMAT " 0 %" G_GINT64_FORMAT
                              " - [A1,A2,A5,A9]", plan_id, bus);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&expected, g_free);

  /* The partly pinned transfer, re-made with its pinned persons */
  line = transfer_line (store, "T-20270302-REX-05");
  expected = g_strdup_printf ("T-20270302-REX-05 planned %" G_GINT64_FORMAT " 0 0 - [A3*,A4*]", plan_id);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&expected, g_free);

  /* What it replaced: cancelled, and by which plan */
  line = transfer_line (store, "T-20270302-REX-01");
  g_assert_true (g_str_has_prefix (line, "T-20270302-REX-01 cancelled"));
  expected = g_strdup_printf (" %" G_GINT64_FORMAT " [A1,A2]", plan_id);
  g_assert_true (g_str_has_suffix (line, expected));
  g_clear_pointer (&line, g_free);
  line = transfer_line (store, "T-20270302-REX-02");
  g_assert_true (g_str_has_prefix (line, "T-20270302-REX-02 cancelled"));
  g_clear_pointer (&line, g_free);
  /* What it kept is as it was */
  line = transfer_line (store, "T-20270302-MAM-01");
  g_assert_true (g_str_has_prefix (line, "T-20270302-MAM-01 notified"));
  g_clear_pointer (&line, g_free);

  status = person_status (store, "A9");
  g_assert_cmpstr (status, ==, "planned");
  g_clear_pointer (&status, g_free);
  status = person_status (store, "A10");
  g_assert_cmpstr (status, ==, "awaiting");
  g_clear_pointer (&status, g_free);
  status = person_status (store, "A11");
  g_assert_cmpstr (status, ==, "withdrawn");

  /* Undo gives back exactly what was there */
  g_assert_true (ret_store_undo_schedule (store, plan_id, "tester", &error));
  g_assert_no_error (error);
  after_undo = snapshot (store);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plans"), ==, plans);
  g_assert_cmpint (ret_store_count_audit (store, "undo"), ==, 1);

  assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_undo_schedule (store, plan_id, "tester", &error));
}

/* A plan with a hard violation is not stored, nor one that plans
 * someone twice. */
static void
test_save_refuses_hard (void)
{
  g_autoptr(RetStore) store = scenario_store ("save-hard.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = result_new ();
  g_autofree char *before = snapshot (store);
  g_autofree char *after = NULL;
  const char *planned[] = { "A9", NULL };
  RetScheduleOptions options;
  GDate from = march (2);

  input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (result, input, store, "T-X", tamaulipas (2, 9, 0), 0, planned);
  result->n_hard = 1;

  ret_schedule_options_init (&options, &from, 1);
  assert_refused (RET_STORE_ERROR_BLOCKED,
                  ret_store_save_schedule (store, input, result, &options, "tester", NULL, &error));

  /* Nor one that plans someone a kept transfer carries (A6), or someone
   * twice (A9) */
  {
    g_autoptr(RetScheduleResult) kept = result_new ();
    g_autoptr(RetScheduleResult) twice = result_new ();
    const char *a6[] = { "A6", NULL };

    result_add (kept, input, store, "T-Y", tamaulipas (2, 9, 0), 0, a6);
    assert_refused (RET_STORE_ERROR_INVALID,
                    ret_store_save_schedule (store, input, kept, &options, "tester", NULL, &error));
    result_add (twice, input, store, "T-Y", tamaulipas (2, 9, 0), 0, planned);
    result_add (twice, input, store, "T-Z", tamaulipas (2, 9, 30), 0, planned);
    assert_refused (RET_STORE_ERROR_INVALID,
                    ret_store_save_schedule (store, input, twice, &options, "tester", NULL, &error));
  }

  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (ret_store_count_audit (store, "plan"), ==, 0);
}

/* A second plan of the same days replaces the first's unpinned
 * transfers; the first can be undone only after the second. */
static void
test_second_save (void)
{
  g_autoptr(RetStore) store = scenario_store ("save-twice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) first_input = NULL;
  g_autoptr(RetScheduleInput) second_input = NULL;
  g_autoptr(RetScheduleResult) first = result_new ();
  g_autoptr(RetScheduleResult) second = result_new ();
  g_autofree char *before = snapshot (store);
  g_autofree char *between = NULL;
  g_autofree char *after = NULL;
  g_autofree char *candidates = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *line = NULL;
  g_autofree char *suffix = NULL;
  const char *group_1[] = { "A1", "A2", "A5", "A9", "A10", NULL };
  const char *group_2[] = { "A1", "A2", NULL };
  const char *group_3[] = { "A5", "A9", "A10", NULL };
  GDate from = march (2);
  gint64 plan_1, plan_2;

  first_input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (first, first_input, store, "T-20270302-REX-06", tamaulipas (2, 9, 0), 0, group_1);
  plan_1 = save (store, first_input, first);
  between = snapshot (store);

  second_input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  candidates = sorted_candidates (second_input);
  g_assert_cmpstr (candidates, ==, "A1 A2 A5 A9 A10");
  /* The re-made transfer holds pinned persons only: kept as it is */
  replace = strings_text (second_input->replace);
  g_assert_cmpstr (replace, ==, "T-20270302-REX-06");

  result_add (second, second_input, store, "T-20270302-REX-07", tamaulipas (2, 9, 30), 0, group_2);
  result_add (second, second_input, store, "T-20270302-REX-08", tamaulipas (2, 10, 30), 0, group_3);
  plan_2 = save (store, second_input, second);

  line = transfer_line (store, "T-20270302-REX-06");
  suffix = g_strdup_printf (" %" G_GINT64_FORMAT " [A1,A10,A2,A5,A9]", plan_2);
  g_assert_true (g_str_has_prefix (line, "T-20270302-REX-06 cancelled"));
  g_assert_true (g_str_has_suffix (line, suffix));

  assert_refused (RET_STORE_ERROR_CONFLICT, ret_store_undo_schedule (store, plan_1, "tester", &error));

  g_assert_true (ret_store_undo_schedule (store, plan_2, "tester", &error));
  g_assert_no_error (error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, between);
  g_clear_pointer (&after, g_free);

  g_assert_true (ret_store_undo_schedule (store, plan_1, "tester", &error));
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
}

/* Undo is refused once the plan is approved or a transfer moved on. */
static void
test_undo_refused (void)
{
  g_autoptr(RetStore) store = scenario_store ("undo-refused.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = result_new ();
  const char *planned[] = { "A9", NULL };
  GDate from = march (2);
  gint64 plan_id;

  input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  result_add (result, input, store, "T-N", tamaulipas (2, 9, 0), 0, planned);
  plan_id = save (store, input, result);

  g_assert_true (ret_store_set_transfer_status (store, "T-N", RET_TRANSFER_NOTIFIED, "tester", &error));
  assert_refused (RET_STORE_ERROR_INVALID, ret_store_undo_schedule (store, plan_id, "tester", &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM transfers WHERE code = 'T-20270302-REX-01' "
                                     "AND status = 'cancelled'"), ==, 1);
}


/* ------------------------------------------------------------------ */
/* What changed since a plan was loaded or stored                     */

static gint64
count_live (RetStore   *store,
            const char *a_number)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM manifest_entries m "
                                          "JOIN transfers t ON t.id = m.transfer_id "
                                          "JOIN persons p ON p.id = m.person_id "
                                          "WHERE p.a_number = '%s' AND t.status != 'cancelled'", a_number);

  return query_int (store, sql);
}

/* Stores @result as a plan of @day alone. */
static gboolean
save_on (RetStore               *store,
         int                     day,
         const RetScheduleInput *input,
         RetScheduleResult      *result,
         gint64                 *plan_id,
         GError                **error)
{
  RetScheduleOptions options;
  GDate from = march (day);

  ret_schedule_options_init (&options, &from, 1);
  return ret_store_save_schedule (store, input, result, &options, "tester", plan_id, error);
}

/* Plan A of 2 March replaces T-20270302-REX-01 (A1, A2) and leaves A2
 * awaiting; plan B of 3 March places A2.  Undoing A would put A2 back on
 * T-20270302-REX-01 as well: refused, and nothing changes. */
static void
test_undo_refused_planned_elsewhere (void)
{
  g_autoptr(RetStore) store = scenario_store ("undo-elsewhere.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input_a = NULL;
  g_autoptr(RetScheduleInput) input_b = NULL;
  g_autoptr(RetScheduleResult) result_a = result_new ();
  g_autoptr(RetScheduleResult) result_b = result_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *on_a[] = { "A1", "A5", "A9", "A10", NULL };
  const char *on_b[] = { "A2", NULL };
  GDate day_2 = march (2), day_3 = march (3);
  gint64 plan_a = 0, plan_b = 0;

  input_a = ret_store_load_schedule_input (store, &day_2, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (result_a, input_a, store, "T-20270302-REX-09", tamaulipas (2, 9, 0), 0, on_a);
  g_assert_true (save_on (store, 2, input_a, result_a, &plan_a, &error));
  g_assert_no_error (error);

  input_b = ret_store_load_schedule_input (store, &day_3, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (result_b, input_b, store, "T-20270303-REX-01", tamaulipas (3, 9, 0), 0, on_b);
  g_assert_true (save_on (store, 3, input_b, result_b, &plan_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_live (store, "A2"), ==, 1);

  before = snapshot (store);
  g_assert_false (ret_store_undo_schedule (store, plan_a, "tester", &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT);
  /* The coordinator is told who and where */
  g_assert_nonnull (strstr (error->message, "A2"));
  g_assert_nonnull (strstr (error->message, "T-20270303-REX-01"));
  g_clear_error (&error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_live (store, "A2"), ==, 1);

  /* Once B is undone, A can be */
  g_assert_true (ret_store_undo_schedule (store, plan_b, "tester", &error));
  g_assert_true (ret_store_undo_schedule (store, plan_a, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_live (store, "A2"), ==, 1);
}

typedef struct
{
  const char *name;
  const char *from;   /* the move's transfers */
  const char *to;
  const char *who;
  gboolean    refused;
} HandEdit;

/* Persons moved by hand into or out of a plan's transfers after it was
 * stored: undo would drop them (moved in: A8 would end up awaiting) or
 * leave them on two transfers (moved out: A1): refused.  Moves between
 * the plan's own transfers go with it. */
static void
test_undo_refused_hand_edits (void)
{
  static const HandEdit cases[] = {
    { "in", "T-20270310-REX-01", "T-20270302-REX-09", "A8", TRUE },
    { "out", "T-20270302-REX-09", "T-20270310-REX-01", "A1", TRUE },
    { "within", "T-20270302-REX-09", "T-20270302-REX-10", "A1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("undo-edits-%s.db", cases[i].name);
      g_autoptr(RetStore) store = scenario_store (name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(RetScheduleInput) input = NULL;
      g_autoptr(RetScheduleResult) result = result_new ();
      g_autofree char *before = snapshot (store);
      g_autofree char *edited = NULL;
      g_autofree char *after = NULL;
      const char *first[] = { "A1", "A2", "A5", NULL };
      const char *second[] = { "A9", "A10", NULL };
      GDate from = march (2);
      gint64 plan_id, id = person_id (store, cases[i].who);

      g_test_message ("moved %s", cases[i].name);
      input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
      g_assert_no_error (error);
      result_add (result, input, store, "T-20270302-REX-09", tamaulipas (2, 9, 0), 0, first);
      result_add (result, input, store, "T-20270302-REX-10", tamaulipas (2, 9, 30), 0, second);
      plan_id = save (store, input, result);

      g_assert_true (ret_store_move_persons (store, cases[i].from, cases[i].to, &id, 1, "tester", &error));
      g_assert_no_error (error);
      edited = snapshot (store);

      if (cases[i].refused)
        {
          assert_refused (RET_STORE_ERROR_CONFLICT, ret_store_undo_schedule (store, plan_id, "tester", &error));
          after = snapshot (store);
          g_assert_cmpstr (after, ==, edited);
        }
      else
        {
          g_assert_true (ret_store_undo_schedule (store, plan_id, "tester", &error));
          g_assert_no_error (error);
          after = snapshot (store);
          g_assert_cmpstr (after, ==, before);
        }
      /* Nobody is left off, nobody is on two transfers */
      g_assert_cmpint (count_live (store, cases[i].who), ==, 1);
    }
}

/* A plan replaced a transfer of plan 1, and plan 1 was approved since:
 * undo would change an approved plan. */
static void
test_undo_refused_approved (void)
{
  gint64 plan_1 = 0;
  g_autoptr(RetStore) store = scenario_store ("undo-approved.db", &plan_1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = result_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  const char *planned[] = { "A1", "A2", "A5", "A9", "A10", NULL };
  GDate from = march (2);
  gint64 plan_id;

  input = ret_store_load_schedule_input (store, &from, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (result, input, store, "T-20270302-REX-09", tamaulipas (2, 9, 0), 0, planned);
  plan_id = save (store, input, result);

  sql = g_strdup_printf ("UPDATE plans SET status = 'approved', approved_by = 'tester' "
                         "WHERE id = %" G_GINT64_FORMAT, plan_1);
  exec (store, sql);
  before = snapshot (store);
  assert_refused (RET_STORE_ERROR_CONFLICT, ret_store_undo_schedule (store, plan_id, "tester", &error));
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_live (store, "A1"), ==, 1);
}

/* Two plans loaded before either is stored (two offices, or the window
 * and the command line) both place A9 and A10: the second is refused. */
static void
test_save_refused_planned_meanwhile (void)
{
  g_autoptr(RetStore) store = scenario_store ("save-meanwhile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleInput) input_2 = NULL;
  g_autoptr(RetScheduleInput) input_4 = NULL;
  g_autoptr(RetScheduleResult) result_2 = result_new ();
  g_autoptr(RetScheduleResult) result_4 = result_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *awaiting[] = { "A9", "A10", NULL };
  GDate day_2 = march (2), day_4 = march (4);
  gint64 plans;

  input_2 = ret_store_load_schedule_input (store, &day_2, 1, NULL, &error);
  input_4 = ret_store_load_schedule_input (store, &day_4, 1, NULL, &error);
  g_assert_no_error (error);
  result_add (result_2, input_2, store, "T-20270302-REX-09", tamaulipas (2, 9, 0), 0, awaiting);
  result_add (result_4, input_4, store, "T-20270304-REX-01", tamaulipas (4, 9, 0), 0, awaiting);
  save (store, input_2, result_2);

  before = snapshot (store);
  plans = query_int (store, "SELECT count(*) FROM plans");
  g_assert_false (save_on (store, 4, input_4, result_4, NULL, &error));
  g_assert_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "T-20270302-REX-09"));
  g_clear_error (&error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plans"), ==, plans);
  g_assert_cmpint (count_live (store, "A9"), ==, 1);
  g_assert_cmpint (count_live (store, "A10"), ==, 1);
}

/* ------------------------------------------------------------------ */
/* Pins, moves, closing a point                                       */

static void
test_pins (void)
{
  g_autoptr(RetStore) store = scenario_store ("pins.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pinned = NULL;
  gboolean value = FALSE;

  g_assert_true (ret_store_get_transfer_pinned (store, "T-20270302-REX-03", &value, &error));
  g_assert_true (value);
  g_assert_true (ret_store_get_transfer_pinned (store, "T-20270302-REX-01", &value, &error));
  g_assert_false (value);
  assert_refused (RET_STORE_ERROR_NOT_FOUND, ret_store_get_transfer_pinned (store, "T-NONE", &value, &error));

  /* Pinning A3 pinned the family: A3 and A4, not A5 */
  pinned = ret_store_list_pinned_persons (store, "T-20270302-REX-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pinned->len, ==, 2);
  g_assert_cmpint (g_array_index (pinned, gint64, 0), ==, person_id (store, "A3"));
  g_assert_cmpint (g_array_index (pinned, gint64, 1), ==, person_id (store, "A4"));
  g_clear_pointer (&pinned, g_array_unref);

  /* Unpinning A4 unpins the family */
  g_assert_true (ret_store_set_person_pinned (store, "T-20270302-REX-02", person_id (store, "A4"), FALSE,
                                              "tester", &error));
  pinned = ret_store_list_pinned_persons (store, "T-20270302-REX-02", &error);
  g_assert_cmpuint (pinned->len, ==, 0);

  /* Someone who is not on it */
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_set_person_pinned (store, "T-20270302-REX-02", person_id (store, "A9"), TRUE,
                                               "tester", &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_set_transfer_pinned (store, "T-NONE", TRUE, "tester", &error));

  g_assert_cmpint (ret_store_count_audit (store, "pin-person"), ==, 1);
  g_assert_cmpint (ret_store_count_audit (store, "unpin-person"), ==, 1);
}

static void
test_move_persons (void)
{
  g_autoptr(RetStore) store = scenario_store ("move.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *line = NULL;
  gint64 a1 = person_id (store, "A1");
  gint64 a2 = person_id (store, "A2");
  gint64 a9 = person_id (store, "A9");
  gint64 mixed[] = { a2, a9 };

  g_assert_true (ret_store_move_persons (store, "T-20270302-REX-01", "T-20270302-REX-03", &a1, 1,
                                         "tester", &error));
  g_assert_no_error (error);
  line = transfer_line (store, "T-20270302-REX-01");
  g_assert_true (g_str_has_suffix (line, "[A2]"));
  g_clear_pointer (&line, g_free);
  line = transfer_line (store, "T-20270302-REX-03");
  g_assert_true (g_str_has_suffix (line, "[A1,A6]"));
  g_assert_cmpint (ret_store_count_audit (store, "move"), ==, 1);

  before = snapshot (store);
  /* To a notified transfer; unknown codes; someone not on it (A2 is, A9
   * is not: A2 stays too); nobody; the same transfer */
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_move_persons (store, "T-20270302-REX-01", "T-20270302-MAM-01", &a2, 1, NULL, &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_move_persons (store, "T-20270302-REX-01", "T-NONE", &a2, 1, NULL, &error));
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_move_persons (store, "T-20270302-REX-01", "T-20270302-REX-02", mixed, 2, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_move_persons (store, "T-20270302-REX-01", "T-20270302-REX-02", &a2, 0, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_move_persons (store, "T-20270302-REX-01", "T-20270302-REX-01", &a2, 1, NULL, &error));
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (ret_store_count_audit (store, "move"), ==, 1);
}

static void
test_close_point (void)
{
  g_autoptr(RetStore) store = scenario_store ("close.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) affected = NULL;
  g_auto(GStrv) departed = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autofree char *joined = NULL;
  const char *nobody[] = { NULL };

  /* One more at Reynosa in the closure, already gone: not affected, but
   * on its way there; and one gone before the closure */
  insert_plan (store, draft_transfer ("T-GONE", "REX", tamaulipas (2, 11, 30), nobody),
               draft_transfer ("T-EARLY", "REX", tamaulipas (2, 8, 0), nobody), NULL);
  exec (store, "UPDATE transfers SET status = 'departed' WHERE code IN ('T-GONE', 'T-EARLY')");

  g_assert_true (ret_store_close_point (store, "REX", tamaulipas (2, 10, 30), tamaulipas (2, 12, 30),
                                        "Road blocked", "tester", &affected, &departed, &error));
  g_assert_no_error (error);
  joined = g_strjoinv (" ", affected);
  g_assert_cmpstr (joined, ==, "T-20270302-REX-02 T-20270302-REX-03");
  /* The coordinator is told whom to call */
  g_assert_nonnull (departed);
  g_assert_cmpuint (g_strv_length (departed), ==, 1);
  g_assert_cmpstr (departed[0], ==, "T-GONE");
  closures = ret_store_list_point_exceptions (store, "REX", &error);
  g_assert_cmpuint (closures->len, ==, 1);
  g_assert_true (((RetPointException *) g_ptr_array_index (closures, 0))->closed);
  g_clear_pointer (&affected, g_strfreev);
  g_clear_pointer (&departed, g_strfreev);
  g_clear_pointer (&joined, g_free);

  /* Until further notice: the 10 March transfer too */
  g_assert_true (ret_store_close_point (store, "REX", tamaulipas (2, 10, 30), 0,
                                        "Flooding", "tester", &affected, NULL, &error));
  joined = g_strjoinv (" ", affected);
  g_assert_cmpstr (joined, ==, "T-20270302-REX-02 T-20270302-REX-03 T-20270310-REX-01");
  g_clear_pointer (&affected, g_strfreev);

  /* Refused, and no closure added */
  assert_refused (RET_STORE_ERROR_NOT_FOUND,
                  ret_store_close_point (store, "ZZZ", tamaulipas (2, 10, 30), 0, "x", NULL, &affected, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_close_point (store, "REX", tamaulipas (2, 10, 30), tamaulipas (2, 9, 0),
                                         "x", NULL, &affected, NULL, &error));
  assert_refused (RET_STORE_ERROR_INVALID,
                  ret_store_close_point (store, "REX", tamaulipas (2, 10, 30), 0, " ", NULL, &affected, &departed, &error));
  g_assert_null (affected);
  g_assert_null (departed);
  g_clear_pointer (&closures, g_ptr_array_unref);
  closures = ret_store_list_point_exceptions (store, NULL, &error);
  g_assert_cmpuint (closures->len, ==, 2);
}

/* ------------------------------------------------------------------ */
/* With the scheduler                                                 */

static gboolean
scheduler_available (RetScheduleInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  RetScheduleOptions options;
  GDate from = march (2);

  ret_schedule_options_init (&options, &from, 1);
  options.iterations = 0;
  result = ret_schedule_run (input, &options, NULL, NULL, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return FALSE;
  g_assert_no_error (error);
  return TRUE;
}

/* A store holding the demo roster of 300 persons made from @seed, and
 * in @from the first day the tests plan (two days, three weeks ahead);
 * NULL, the test skipped, while the scheduler cannot plan. */
static RetStore *
demo_schedule_store (const char *name,
                     guint64     seed,
                     GDate      *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_test_store_new (name);
  g_autoptr(RetScheduleInput) probe = NULL;

  g_assert_true (ret_demo_populate_roster (store, 300, seed, &error));
  g_assert_no_error (error);

  ret_date_today (from);
  g_date_add_days (from, 20);
  probe = ret_store_load_schedule_input (store, from, 2, NULL, &error);
  g_assert_no_error (error);
  if (!scheduler_available (probe))
    {
      g_test_skip ("the scheduler is not available yet");
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* Plan, store, plan again, undo both: on the demo roster. */
static void
test_schedule_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) check = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RetScheduleOptions options;
  GDate from;
  gint64 plan_id = 0;

  store = demo_schedule_store ("schedule-demo.db", 7, &from);
  if (store == NULL)
    return;

  before = snapshot (store);
  ret_schedule_options_init (&options, &from, 2);
  options.iterations = 100;
  g_assert_true (ret_store_schedule (store, &options, NULL, NULL, NULL, NULL, "tester",
                                     &result, &input, &plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_hard, ==, 0);
  g_assert_cmpuint (result->n_planned + result->unplanned->len, ==, input->candidates->len);

  /* What was stored checks clean */
  data = ret_store_load_check_data (store, NULL, 0, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->transfers->len, ==, result->transfers->len);
  check = ret_check_run (data);
  g_assert_false (ret_check_result_blocks_approval (check, plan_id));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM persons WHERE status = 'planned' AND NOT EXISTS "
                                     "(SELECT 1 FROM manifest_entries m JOIN transfers t ON t.id = m.transfer_id "
                                     " WHERE m.person_id = persons.id AND t.status != 'cancelled')"), ==, 0);

  g_assert_true (ret_store_undo_schedule (store, plan_id, "tester", &error));
  g_assert_no_error (error);
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
}

/* A point closes: exactly its transfers in the closure are re-planned,
 * elsewhere or later, and nothing else moves. */
static void
test_schedule_close_point (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetScheduleResult) first = NULL;
  g_autoptr(RetScheduleResult) second = NULL;
  g_autoptr(RetScheduleInput) first_input = NULL;
  g_autoptr(RetScheduleInput) second_input = NULL;
  g_auto(GStrv) affected = NULL;
  const RetCheckTransfer *closed;
  RetScheduleOptions options;
  GDate from;
  gint64 plan_id = 0;
  guint n_unaffected;

  store = demo_schedule_store ("schedule-close.db", 9, &from);
  if (store == NULL)
    return;

  ret_schedule_options_init (&options, &from, 2);
  options.iterations = 100;
  g_assert_true (ret_store_schedule (store, &options, NULL, NULL, NULL, NULL, "tester",
                                     &first, &first_input, &plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->transfers->len, >, 0);

  /* Its first transfer's point closes for the rest of that day */
  closed = g_ptr_array_index (first->transfers, 0);
  g_assert_true (ret_store_close_point (store, closed->point, closed->handover_at - 60,
                                        closed->handover_at + 12 * 3600, "Protest at the crossing",
                                        "tester", &affected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (affected), >=, 1);
  g_assert_true (g_strv_contains ((const char * const *) affected, closed->code));
  n_unaffected = first->transfers->len - g_strv_length (affected);

  g_assert_true (ret_store_schedule (store, &options, (const char * const *) affected, NULL, NULL, NULL,
                                     "tester", &second, &second_input, &plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_hard, ==, 0);
  /* Only the persons of the affected transfers were planned again */
  g_assert_cmpuint (second_input->data->transfers->len, ==, n_unaffected);
  for (guint i = 0; affected[i] != NULL; i++)
    {
      g_autofree char *line = transfer_line (store, affected[i]);

      g_assert_true (g_str_has_prefix (line + strlen (affected[i]), " cancelled"));
    }
  for (guint i = 0; i < second->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (second->transfers, i);

      g_assert_false (g_strcmp0 (t->point, closed->point) == 0 &&
                      t->handover_at >= closed->handover_at - 60 &&
                      t->handover_at < closed->handover_at + 12 * 3600);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-schedule/fleet/reference", test_reference_fleet);
  g_test_add_func ("/store-schedule/fleet/migrate-v2", test_migrate_v2);
  g_test_add_func ("/store-schedule/fleet/crud", test_vehicle_crud);
  g_test_add_func ("/store-schedule/fleet/refused", test_vehicle_refused);
  g_test_add_func ("/store-schedule/fleet/delete", test_vehicle_delete);
  g_test_add_func ("/store-schedule/travel-times", test_travel_times);
  g_test_add_func ("/store-schedule/load/kept-replaced-pinned", test_load_input);
  g_test_add_func ("/store-schedule/load/replace-named", test_load_input_replace);
  g_test_add_func ("/store-schedule/save/undo-restores", test_save_and_undo);
  g_test_add_func ("/store-schedule/save/refuses-hard", test_save_refuses_hard);
  g_test_add_func ("/store-schedule/save/second-replaces-first", test_second_save);
  g_test_add_func ("/store-schedule/undo/refused", test_undo_refused);
  g_test_add_func ("/store-schedule/undo/refused-planned-elsewhere", test_undo_refused_planned_elsewhere);
  g_test_add_func ("/store-schedule/undo/refused-hand-edits", test_undo_refused_hand_edits);
  g_test_add_func ("/store-schedule/undo/refused-approved", test_undo_refused_approved);
  g_test_add_func ("/store-schedule/save/refused-planned-meanwhile", test_save_refused_planned_meanwhile);
  g_test_add_func ("/store-schedule/pins", test_pins);
  g_test_add_func ("/store-schedule/move-persons", test_move_persons);
  g_test_add_func ("/store-schedule/close-point", test_close_point);
  g_test_add_func ("/store-schedule/schedule/demo", test_schedule_demo);
  g_test_add_func ("/store-schedule/schedule/close-point", test_schedule_close_point);

  return g_test_run ();
}
