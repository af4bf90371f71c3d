/* ret-store-schedule.c — the fleet, travel times, and stored plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the scheduler reads from the database, and how its plans are
 * stored, pinned, edited by hand, undone and re-made when a point
 * closes (the rules are at the top of ret-store-schedule.h).
 *
 * Every write is one transaction with its audit entry (counts, codes and
 * ids, never names), then a "changed" signal naming what changed:
 * "vehicles", "travel-times", "plans", "transfers", "persons", "points".
 */

#define G_LOG_DOMAIN "ret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ret-store-schedule.h"
#include "ret-store-private.h"
#include "ret-time.h"

/* What the schema's CHECK accepts, in RetVehicleKind order; kept here
 * rather than borrowed so that the store reads its own columns. */
static const char * const kind_names[RET_N_VEHICLE_KINDS] = { "bus", "van", "flight" };

#define LABEL_MAX_BYTES 100
#define SEATS_MAX 1000
/* Door to door: two days is more than any facility → point trip */
#define TRAVEL_MINUTES_MAX (48 * 60)
#define ROAD_SPEED_MIN 10
#define ROAD_SPEED_MAX 130
#define ROAD_SPEED_KEY "road_speed_kmh"


/* ------------------------------------------------------------------ */
/* Small helpers                                                      */

static gboolean
kind_from_name (const char     *name,
                RetVehicleKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (RetVehicleKind) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
check_facility (RetStore    *self,
                const char  *facility,
                GError     **error)
{
  if (ret_store_has_facility (self, facility))
    return TRUE;
  g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
               _("Unknown facility “%s”"), facility != NULL ? facility : "");
  return FALSE;
}

/* {"key": value, …} from pairs of a name and a JsonNode (taken); for
 * the audit log. */
static char *
detail_json (const char *first_name,
             ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *name = first_name;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  while (name != NULL)
    {
      JsonNode *value = va_arg (args, JsonNode *);

      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, value);
      name = va_arg (args, const char *);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);
  return node;
}

static JsonNode *
string_node (const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value != NULL ? value : "");
  return node;
}

static JsonNode *
strings_node (GPtrArray *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && i < values->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (values, i));
  json_node_take_array (node, array);
  return node;
}


/* Appends to @ids the ids in the first column of @sql, with ?1 bound
 * to @id. */
static gboolean
read_ids (RetStore    *self,
          const char  *sql,
          gint64       id,
          GArray      *ids,
          GError     **error)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, value);
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/* ------------------------------------------------------------------ */
/* The fleet                                                          */

static RetVehicle *
vehicle_from_row (sqlite3_stmt *stmt)
{
  RetVehicle *v = ret_vehicle_new ();

  v->id = sqlite3_column_int64 (stmt, 0);
  v->facility = _ret_store_column_dup (stmt, 1);
  if (!kind_from_name ((const char *) sqlite3_column_text (stmt, 2), &v->kind))
    v->kind = RET_VEHICLE_BUS;
  v->label = _ret_store_column_dup (stmt, 3);
  v->seats = sqlite3_column_int (stmt, 4);
  v->minors_only = sqlite3_column_int (stmt, 5) != 0;
  v->weekdays = (guint) sqlite3_column_int (stmt, 6) & RET_WEEKDAYS_ALL;
  v->point = _ret_store_column_dup (stmt, 7);
  v->depart_minute = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                     ? RET_MINUTE_NONE : sqlite3_column_int (stmt, 8);
  v->sample = sqlite3_column_int (stmt, 9) != 0;

  return v;
}

/*
 * ret_store_list_vehicles:
 * @facility: (nullable): a facility's code, or NULL for every facility
 *
 * Returns: (transfer full) (element-type RetVehicle): the fleet, by
 *   facility then label
 */
GPtrArray *
ret_store_list_vehicles (RetStore    *self,
                         const char  *facility,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT id, facility, kind, label, seats, minors_only, weekdays, point, "
                               "depart_minute, sample FROM vehicles WHERE ?1 IS NULL OR facility = ?1 "
                               "ORDER BY facility, label, id", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, facility);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) vehicle_from_row,
                                  (GDestroyNotify) ret_vehicle_free, error);
}

static gboolean
validate_vehicle (RetStore          *self,
                  const RetVehicle  *v,
                  GError           **error)
{
  if ((guint) v->kind >= RET_N_VEHICLE_KINDS)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Kind: must be a bus, a van or a flight"));
      return FALSE;
    }
  if (_ret_store_is_blank (v->label))
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID, _("Label: required"));
      return FALSE;
    }
  if (!_ret_store_is_clean_text (v->label, LABEL_MAX_BYTES, NULL))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Label: at most %d bytes of text, without control characters"), LABEL_MAX_BYTES);
      return FALSE;
    }
  if (v->seats < 1 || v->seats > SEATS_MAX)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Seats: must be a number from 1 to %d"), SEATS_MAX);
      return FALSE;
    }
  if ((v->weekdays & RET_WEEKDAYS_ALL) == 0 || (v->weekdays & ~(guint) RET_WEEKDAYS_ALL) != 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Days: the vehicle must run on at least one day of the week"));
      return FALSE;
    }
  if (!check_facility (self, v->facility, error))
    return FALSE;

  if (v->kind == RET_VEHICLE_FLIGHT)
    {
      if (v->point == NULL || v->depart_minute == RET_MINUTE_NONE)
        {
          g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                               _("A flight needs the airport it flies to and its departure time"));
          return FALSE;
        }
      if (!_ret_store_check_point (self, v->point, error))
        return FALSE;
      if (!_ret_store_code_exists (self, "SELECT 1 FROM points WHERE code = ?1 AND airport != 0", v->point))
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                       _("A flight flies to an airport; %s is a border point"), v->point);
          return FALSE;
        }
      if (v->depart_minute < 0 || v->depart_minute >= RET_MINUTES_PER_DAY)
        {
          g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                               _("Departure: must be a time of day from 00:00 to 23:59"));
          return FALSE;
        }
    }
  else if (v->point != NULL || v->depart_minute != RET_MINUTE_NONE)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Only a flight has a fixed destination and departure time; a bus or a van goes to any point"));
      return FALSE;
    }

  return TRUE;
}

/*
 * ret_store_save_vehicle:
 *
 * Adds @vehicle when its id is 0 (and sets the id), else updates it.
 * What the office enters is its own: no longer a sample.
 */
gboolean
ret_store_save_vehicle (RetStore    *self,
                        RetVehicle  *vehicle,
                        const char  *actor,
                        GError     **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  gboolean adding;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (vehicle != NULL, FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!validate_vehicle (self, vehicle, error))
    goto fail;

  adding = vehicle->id == 0;
  stmt = _ret_store_statement (self,
                               adding
                               ? "INSERT INTO vehicles (facility, kind, label, seats, minors_only, weekdays, "
                                 "point, depart_minute, sample) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0) "
                                 "RETURNING id"
                               : "UPDATE vehicles SET facility = ?2, kind = ?3, label = ?4, seats = ?5, "
                                 "minors_only = ?6, weekdays = ?7, point = ?8, depart_minute = ?9, "
                                 "sample = 0 WHERE id = ?1 RETURNING id",
                               error);
  if (stmt == NULL)
    goto fail;
  if (!adding)
    sqlite3_bind_int64 (stmt, 1, vehicle->id);
  _ret_store_bind_text (stmt, 2, vehicle->facility);
  _ret_store_bind_text (stmt, 3, kind_names[vehicle->kind]);
  _ret_store_bind_text (stmt, 4, vehicle->label);
  sqlite3_bind_int (stmt, 5, vehicle->seats);
  sqlite3_bind_int (stmt, 6, vehicle->minors_only ? 1 : 0);
  sqlite3_bind_int (stmt, 7, (int) vehicle->weekdays);
  _ret_store_bind_text (stmt, 8, vehicle->point);
  if (vehicle->depart_minute != RET_MINUTE_NONE)
    sqlite3_bind_int (stmt, 9, vehicle->depart_minute);
  else
    sqlite3_bind_null (stmt, 9);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      vehicle->id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      break;
    case SQLITE_DONE:
      sqlite3_reset (stmt);
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                           _("This vehicle is no longer in the database"));
      goto fail;
    default:
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "vehicle");
      goto fail;
    }

  vehicle->sample = FALSE;
  id = _ret_store_int_text (vehicle->id);
  detail = detail_json ("facility", string_node (vehicle->facility),
                        "kind", string_node (kind_names[vehicle->kind]),
                        "seats", int_node (vehicle->seats), NULL);
  return _ret_store_audit_and_commit (self, actor, adding ? "add" : "update", "vehicle", id,
                                      detail, "vehicles", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

gboolean
ret_store_delete_vehicle (RetStore    *self,
                          gint64       id,
                          const char  *actor,
                          GError     **error)
{
  g_autofree char *id_str = _ret_store_int_text (id);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  stmt = _ret_store_statement (self, "SELECT 1 FROM vehicles WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_ret_store_step_exists (stmt))
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                           _("This vehicle is no longer in the database"));
      goto fail;
    }

  stmt = _ret_store_statement (self,
                               "SELECT code FROM transfers WHERE vehicle_id = ?1 AND "
                               "(status = 'planned' OR status = 'notified' OR status = 'reviewed') "
                               "ORDER BY handover_at, code LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("Transfer %s uses this vehicle; move it to another vehicle or cancel it first"),
                   (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  /* Transfers that have left keep their record, without the vehicle. */
  stmt = _ret_store_statement (self, "UPDATE transfers SET vehicle_id = NULL WHERE vehicle_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  stmt = _ret_store_statement (self, "DELETE FROM vehicles WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  return _ret_store_audit_and_commit (self, actor, "delete", "vehicle", id_str, NULL, "vehicles",
                                      error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Travel times and road speed                                        */

static RetTravelTime *
travel_time_from_row (sqlite3_stmt *stmt)
{
  RetTravelTime *t = g_new0 (RetTravelTime, 1);

  t->facility = _ret_store_column_dup (stmt, 0);
  t->point = _ret_store_column_dup (stmt, 1);
  t->minutes = sqlite3_column_int (stmt, 2);
  t->sample = sqlite3_column_int (stmt, 3) != 0;

  return t;
}

/*
 * ret_store_list_travel_times:
 *
 * Returns: (transfer full) (element-type RetTravelTime): the travel
 *   times the office set, by facility then point
 */
GPtrArray *
ret_store_list_travel_times (RetStore  *self,
                             GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT facility, point, minutes, sample FROM travel_times "
                               "ORDER BY facility, point", error);
  if (stmt == NULL)
    return NULL;

  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) travel_time_from_row,
                                  (GDestroyNotify) ret_travel_time_free, error);
}

gboolean
ret_store_set_travel_time (RetStore    *self,
                           const char  *facility,
                           const char  *point,
                           int          minutes,
                           const char  *actor,
                           GError     **error)
{
  g_autofree char *pair = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (minutes > TRAVEL_MINUTES_MAX)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Travel time: must be from 1 to %d minutes"), TRAVEL_MINUTES_MAX);
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!check_facility (self, facility, error) || !_ret_store_check_point (self, point, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               minutes > 0
                               ? "INSERT INTO travel_times (facility, point, minutes, sample) "
                                 "VALUES (?1, ?2, ?3, 0) ON CONFLICT (facility, point) "
                                 "DO UPDATE SET minutes = excluded.minutes, sample = 0"
                               : "DELETE FROM travel_times WHERE facility = ?1 AND point = ?2",
                               error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, facility);
  _ret_store_bind_text (stmt, 2, point);
  if (minutes > 0)
    sqlite3_bind_int (stmt, 3, minutes);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  pair = g_strdup_printf ("%s→%s", facility, point);
  detail = detail_json ("minutes", int_node (MAX (minutes, 0)), NULL);
  return _ret_store_audit_and_commit (self, actor, minutes > 0 ? "set" : "remove", "travel-time",
                                      pair, detail, "travel-times", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* The average road speed for travel estimates; the default when the
 * office has set none. */
int
ret_store_get_road_speed (RetStore *self)
{
  g_autofree char *value = NULL;
  guint64 kmh = 0;

  g_return_val_if_fail (RET_IS_STORE (self), RET_DEFAULT_ROAD_SPEED_KMH);

  value = ret_store_dup_meta (self, ROAD_SPEED_KEY);
  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, ROAD_SPEED_MIN, ROAD_SPEED_MAX, &kmh, NULL))
    return RET_DEFAULT_ROAD_SPEED_KMH;

  return (int) kmh;
}

gboolean
ret_store_set_road_speed (RetStore    *self,
                          int          kmh,
                          const char  *actor,
                          GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (kmh < ROAD_SPEED_MIN || kmh > ROAD_SPEED_MAX)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Average road speed: must be from %d to %d km/h"), ROAD_SPEED_MIN, ROAD_SPEED_MAX);
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  value = g_strdup_printf ("%d", kmh);
  stmt = _ret_store_statement (self,
                               "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, ROAD_SPEED_KEY);
  _ret_store_bind_text (stmt, 2, value);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  detail = detail_json ("kmh", int_node (kmh), NULL);
  return _ret_store_audit_and_commit (self, actor, "set", "road-speed", NULL, detail,
                                      "travel-times", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* What the scheduler reads                                           */

static gboolean
before_departure (RetTransferStatus status)
{
  return status == RET_TRANSFER_PLANNED || status == RET_TRANSFER_NOTIFIED ||
         status == RET_TRANSFER_REVIEWED;
}

/* A person the scheduler may place: not withdrawn, not gone. */
static gboolean
may_plan (const RetCheckPerson *person)
{
  return person->person->status == RET_PERSON_STATUS_AWAITING ||
         person->person->status == RET_PERSON_STATUS_PLANNED;
}

/* What the check data does not hold about a stored transfer. */
typedef struct
{
  gboolean  pinned;
  gboolean  draft;
  gint64    vehicle_id;
} StoredTransfer;

static gboolean
load_stored_transfers (RetStore      *self,
                       RetCheckData  *data,
                       GHashTable    *stored,      /* id → StoredTransfer */
                       GHashTable    *pinned,      /* "transfer:person" set */
                       GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);

      g_array_append_val (ids, t->id);
    }
  json = _ret_store_ids_json (ids);

  stmt = _ret_store_statement (self,
                               "SELECT t.id, t.pinned, p.status = 'draft', t.vehicle_id FROM transfers t "
                               "JOIN plans p ON p.id = t.plan_id "
                               "WHERE t.id IN (SELECT value FROM json_each(?1))", error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredTransfer *s = g_new0 (StoredTransfer, 1);

      s->pinned = sqlite3_column_int (stmt, 1) != 0;
      s->draft = sqlite3_column_int (stmt, 2) != 0;
      s->vehicle_id = sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (stored, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)), s);
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return FALSE;

  stmt = _ret_store_statement (self,
                               "SELECT transfer_id, person_id FROM manifest_entries "
                               "WHERE pinned != 0 AND transfer_id IN (SELECT value FROM json_each(?1))",
                               error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (pinned, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                               (gint64) sqlite3_column_int64 (stmt, 0),
                                               (gint64) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

static gboolean
is_pinned_entry (GHashTable       *pinned,
                 const RetCheckTransfer *t,
                 const RetCheckPerson   *p)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          t->id, p->person->id);

  return g_hash_table_contains (pinned, key);
}

/* Keeps on @t only its pinned persons and their families; the others
 * become candidates, counted in @n_stripped.  Returns whether anyone was
 * pinned. */
static gboolean
keep_pinned_only (RetCheckData      *data,
                  RetCheckTransfer  *t,
                  GHashTable        *pinned,
                  GHashTable        *candidates,
                  guint             *n_stripped)
{
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any = FALSE;

  for (guint e = 0; e < t->entries->len; e++)
    {
      const RetCheckEntry *entry = &g_array_index (t->entries, RetCheckEntry, e);
      const RetCheckPerson *p = g_ptr_array_index (data->persons, entry->person);

      if (is_pinned_entry (pinned, t, p))
        {
          any = TRUE;
          if (p->person->family_group != NULL)
            g_hash_table_add (families, p->person->family_group);
        }
    }
  if (!any)
    return FALSE;

  for (guint e = t->entries->len; e-- > 0;)
    {
      const RetCheckEntry *entry = &g_array_index (t->entries, RetCheckEntry, e);
      const RetCheckPerson *p = g_ptr_array_index (data->persons, entry->person);

      if (is_pinned_entry (pinned, t, p) ||
          (p->person->family_group != NULL &&
           g_hash_table_contains (families, p->person->family_group)))
        continue;

      if (may_plan (p))
        g_hash_table_add (candidates, GUINT_TO_POINTER (entry->person + 1));
      g_array_remove_index (t->entries, e);
      (*n_stripped)++;
    }

  return TRUE;
}

/* Everyone awaiting, and their families, with what the rules look at;
 * those already in @data are left as they are. */
static gboolean
load_awaiting (RetStore      *self,
               RetCheckData  *data,
               GArray        *screened,
               GError       **error)
{
  g_autoptr(GHashTable) loaded = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < data->persons->len; i++)
    {
      const RetCheckPerson *p = g_ptr_array_index (data->persons, i);

      g_hash_table_add (loaded, GSIZE_TO_POINTER ((gsize) p->person->id));
    }

  stmt = _ret_store_statement (self,
                               "WITH families(id) AS ("
                               "  SELECT DISTINCT family_group_id FROM persons"
                               "  WHERE status = 'awaiting' AND family_group_id IS NOT NULL),"
                               " wanted(id) AS ("
                               "  SELECT id FROM persons WHERE status = 'awaiting' UNION"
                               "  SELECT id FROM persons WHERE family_group_id IN (SELECT id FROM families)) "
                               "SELECT " _RET_STORE_CHECK_PERSON_COLUMNS ","
                               " EXISTS (SELECT 1 FROM screenings sc WHERE sc.person_id = p.id), "
                               _RET_STORE_LATEST_TRANSFER_SQL
                               _RET_STORE_PERSON_FROM
                               " WHERE p.id IN (SELECT id FROM wanted) ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const int c = _RET_STORE_N_CHECK_PERSON_COLUMNS;
      RetCheckPerson *cp;
      guint index;

      if (g_hash_table_contains (loaded, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0))))
        continue;

      cp = _ret_store_check_person_from_row (stmt);
      cp->elsewhere_transfer = _ret_store_column_dup (stmt, c + 1);

      index = ret_check_data_add_person (data, cp);
      if (sqlite3_column_int (stmt, c) != 0)
        g_array_append_val (screened, index);
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return FALSE;

  /* Screenings are for unaccompanied children only: a handful. */
  for (guint i = 0; i < screened->len; i++)
    {
      RetCheckPerson *cp = g_ptr_array_index (data->persons, g_array_index (screened, guint, i));
      g_autoptr(GError) local_error = NULL;

      cp->screening = ret_store_get_screening (self, cp->person->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/*
 * ret_store_load_schedule_input:
 *
 * What the scheduler needs to plan [@from, @from + @days): the check
 * data of the span without the transfers a new plan replaces, the
 * candidates, the fleet, the travel times.  See the top of
 * ret-store-schedule.h for what is kept and what is replaced.
 */
RetScheduleInput *
ret_store_load_schedule_input (RetStore           *self,
                               const GDate        *from,
                               guint               days,
                               const char * const *replace,
                               GError            **error)
{
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GHashTable) pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) on_kept = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) replaced_codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) screened = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  if (days == 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("A plan covers at least one day"));
      return NULL;
    }

  data = ret_store_load_check_data (self, from, days, 0, error);
  if (data == NULL || !load_stored_transfers (self, data, stored, pinned, error))
    return NULL;

  /* Backwards, so that removing a transfer leaves those still to see
   * where they were. */
  for (guint i = data->transfers->len; i-- > 0;)
    {
      RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);
      const StoredTransfer *s = g_hash_table_lookup (stored, GSIZE_TO_POINTER ((gsize) t->id));
      gboolean replaced;
      guint n_stripped = 0;

      if (s == NULL)
        continue;

      if (replace != NULL)
        replaced = g_strv_contains (replace, t->code) && before_departure (t->status);
      else if (s->draft && t->status == RET_TRANSFER_PLANNED && !s->pinned)
        {
          if (keep_pinned_only (data, t, pinned, candidates, &n_stripped))
            {
              /* Kept with its pinned persons, re-made in the new plan so
               * that undo can give the others back; as it is when
               * everyone on it is pinned. */
              if (n_stripped > 0)
                g_ptr_array_add (replaced_codes, g_strdup (t->code));
              continue;
            }
          replaced = TRUE;
        }
      else
        replaced = FALSE;

      if (!replaced)
        continue;

      for (guint e = 0; e < t->entries->len; e++)
        {
          guint person = g_array_index (t->entries, RetCheckEntry, e).person;

          if (may_plan (g_ptr_array_index (data->persons, person)))
            g_hash_table_add (candidates, GUINT_TO_POINTER (person + 1));
        }
      g_ptr_array_add (replaced_codes, g_strdup (t->code));
      g_ptr_array_remove_index (data->transfers, i);
    }

  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);

      for (guint e = 0; e < t->entries->len; e++)
        g_hash_table_add (on_kept, GUINT_TO_POINTER (g_array_index (t->entries, RetCheckEntry, e).person + 1));
    }
  /* Those on a transfer that stays are planned already. */
  g_hash_table_iter_init (&iter, on_kept);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_remove (candidates, key);

  if (replace == NULL)
    {
      ret_check_data_invalidate (data);
      if (!load_awaiting (self, data, screened, error))
        return NULL;

      for (guint i = 0; i < data->persons->len; i++)
        {
          const RetCheckPerson *p = g_ptr_array_index (data->persons, i);

          /* Someone on a transfer outside the span is planned once,
           * there. */
          if (p->person->status == RET_PERSON_STATUS_AWAITING &&
              !g_hash_table_contains (on_kept, GUINT_TO_POINTER (i + 1)) &&
              p->elsewhere_transfer == NULL)
            g_hash_table_add (candidates, GUINT_TO_POINTER (i + 1));
        }
    }
  ret_check_data_invalidate (data);

  input = ret_schedule_input_new ();
  g_clear_pointer (&input->data, ret_check_data_free);
  input->data = g_steal_pointer (&data);

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint person = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (input->candidates, person);
    }
  g_array_sort (input->candidates, compare_guint);

  for (guint i = 0; i < input->data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (input->data->transfers, i);
      const StoredTransfer *s = g_hash_table_lookup (stored, GSIZE_TO_POINTER ((gsize) t->id));
      gint64 vehicle_id = s != NULL ? s->vehicle_id : 0;

      g_array_append_val (input->kept_vehicles, vehicle_id);
    }

  /* Earliest first, as the transfers were */
  for (guint i = replaced_codes->len; i-- > 0;)
    g_ptr_array_add (input->replace, g_strdup (g_ptr_array_index (replaced_codes, i)));

  if (!_ret_store_take_all (input->vehicles, ret_store_list_vehicles (self, NULL, error)) ||
      !_ret_store_take_all (input->travel, ret_store_list_travel_times (self, error)))
    return NULL;
  input->road_speed_kmh = ret_store_get_road_speed (self);
  input->not_before = _ret_store_now ();

  g_debug ("Schedule input: %u candidates, %u kept transfers, %u replaced",
           input->candidates->len, input->data->transfers->len, input->replace->len);

  return g_steal_pointer (&input);
}

/* ------------------------------------------------------------------ */
/* Storing a plan                                                     */

/* A person's status follows the transfers that carry them: planned on a
 * live one, awaiting otherwise.  Those withdrawn, departed or
 * repatriated are left as they are. */
#define PERSON_STATUS_SQL \
  "(CASE WHEN EXISTS (SELECT 1 FROM manifest_entries m JOIN transfers t ON t.id = m.transfer_id" \
  "  WHERE m.person_id = persons.id AND t.status != 'cancelled') THEN 'planned' ELSE 'awaiting' END)"

/* Sets the status of the persons in @ids_json, and of everyone on the
 * transfers of @plan_id or replaced by it. */
static gboolean
update_person_statuses (RetStore    *self,
                        const char  *ids,
                        gint64       plan_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _ret_store_statement (self,
                               "UPDATE persons SET status = " PERSON_STATUS_SQL ", updated_at = ?3, "
                               "revision = revision + 1 "
                               "WHERE (id IN (SELECT value FROM json_each(?1)) OR id IN ("
                               "  SELECT m.person_id FROM manifest_entries m JOIN transfers t ON t.id = m.transfer_id"
                               "  WHERE t.plan_id = ?2 OR t.replaced_by = ?2)) "
                               "AND (status = 'awaiting' OR status = 'planned') "
                               "AND status != " PERSON_STATUS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, ids);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  sqlite3_bind_int64 (stmt, 3, _ret_store_now ());

  return _ret_store_step_done (self, stmt, error);
}

static gboolean
code_taken (RetStore    *self,
            GHashTable  *used,
            const char  *code)
{
  return g_hash_table_contains (used, code) || ret_store_has_transfer_code (self, code);
}

/* @code if it is free, else the next free number after its prefix:
 * "T-20261202-NLD-01" → "T-20261202-NLD-02". */
static char *
free_code (RetStore    *self,
           GHashTable  *used,
           const char  *code)
{
  const char *dash = strrchr (code, '-');
  g_autofree char *prefix = NULL;

  if (!code_taken (self, used, code))
    return g_strdup (code);

  if (dash != NULL && dash[1] != '\0' && strspn (dash + 1, "0123456789") == strlen (dash + 1))
    prefix = g_strndup (code, dash - code);
  else
    prefix = g_strdup (code);

  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%02u", prefix, n);

      if (!code_taken (self, used, candidate))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
insert_manifest_entry (RetStore    *self,
                       gint64       transfer_id,
                       gint64       person_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _ret_store_statement (self,
                               "INSERT INTO manifest_entries (transfer_id, person_id) VALUES (?1, ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  return _ret_store_step_done (self, stmt, error);
}

static gboolean
insert_new_transfer (RetStore                *self,
                     gint64                   plan_id,
                     const RetScheduleInput  *input,
                     const RetCheckTransfer  *t,
                     const char              *code,
                     gint64                   vehicle_id,
                     GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _ret_store_statement (self,
                               "INSERT INTO transfers (plan_id, code, mode, facility, point, vehicle_id, "
                               "depart_at, handover_at, seats) VALUES (?1, ?2, ?3, ?4, ?5, "
                               "(SELECT id FROM vehicles WHERE id = ?6), ?7, ?8, ?9) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  _ret_store_bind_text (stmt, 2, code);
  _ret_store_bind_text (stmt, 3, t->mode);
  _ret_store_bind_text (stmt, 4, t->facility);
  _ret_store_bind_text (stmt, 5, t->point);
  sqlite3_bind_int64 (stmt, 6, vehicle_id);
  sqlite3_bind_int64 (stmt, 7, t->depart_at);
  sqlite3_bind_int64 (stmt, 8, t->handover_at);
  sqlite3_bind_int (stmt, 9, t->seats);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "transfer");
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint e = 0; e < t->entries->len; e++)
    {
      guint person = g_array_index (t->entries, RetCheckEntry, e).person;
      const RetCheckPerson *p;

      if (person >= input->data->persons->len)
        {
          g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                               _("The plan names a person who is not in its input"));
          return FALSE;
        }
      p = g_ptr_array_index (input->data->persons, person);
      if (!insert_manifest_entry (self, id, p->person->id, error))
        return FALSE;
    }

  return TRUE;
}

/* A kept transfer with pinned persons only, under @code in @plan_id: its
 * vehicle, times and pins as they were. */
static gboolean
remake_transfer (RetStore                *self,
                 gint64                   plan_id,
                 const RetScheduleInput  *input,
                 const RetCheckTransfer  *t,
                 const char              *code,
                 GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _ret_store_statement (self,
                               "INSERT INTO transfers (plan_id, code, mode, facility, point, vehicle_id, "
                               "depart_at, handover_at, seats, escort, pinned) "
                               "SELECT ?1, ?2, mode, facility, point, vehicle_id, depart_at, handover_at, "
                               "seats, escort, pinned FROM transfers WHERE id = ?3 RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  _ret_store_bind_text (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, t->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "transfer");
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint e = 0; e < t->entries->len; e++)
    {
      const RetCheckPerson *p = g_ptr_array_index (input->data->persons,
                                                   g_array_index (t->entries, RetCheckEntry, e).person);

      stmt = _ret_store_statement (self,
                                   "INSERT INTO manifest_entries (transfer_id, person_id, pinned, "
                                   "belongings_checked) SELECT ?1, person_id, pinned, belongings_checked "
                                   "FROM manifest_entries WHERE transfer_id = ?2 AND person_id = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, t->id);
      sqlite3_bind_int64 (stmt, 3, p->person->id);
      if (!_ret_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The transfers a plan replaces must still be as they were loaded:
 * before departure and not cancelled. */
static gboolean
check_replaceable (RetStore    *self,
                   GPtrArray   *codes,
                   GError     **error)
{
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_auto(RetStoreTransferState) state = { 0 };

      if (!_ret_store_find_transfer (self, code, &state, error))
        return FALSE;
      if (!before_departure (state.status))
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                       _("Transfer %s changed while the plan was made (it is now %s); plan again"),
                       code, ret_transfer_status_to_string (state.status));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
strv_array_contains (GPtrArray  *codes,
                     const char *code)
{
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return TRUE;
  return FALSE;
}

/* Those placed by @placed_json (person ids) must still be free: another
 * plan stored since this one was loaded (another office, or the window
 * and the command line at once) may have placed them, and storing this
 * one too would put them on two transfers.  Transfers this plan replaces
 * do not count: it cancels them. */
static gboolean
check_still_free (RetStore    *self,
                  const char  *placed_json,
                  GPtrArray   *replace,
                  GError     **error)
{
  g_autoptr(JsonNode) replace_node = strings_node (replace);
  g_autofree char *replace_json = json_to_string (replace_node, FALSE);
  g_autofree char *a_number = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT p.a_number, t.code FROM manifest_entries m "
                               "JOIN transfers t ON t.id = m.transfer_id "
                               "JOIN persons p ON p.id = m.person_id "
                               "WHERE m.person_id IN (SELECT value FROM json_each(?1)) "
                               "AND t.status != 'cancelled' "
                               "AND t.code NOT IN (SELECT value FROM json_each(?2)) "
                               "ORDER BY t.handover_at, t.code LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, placed_json);
  _ret_store_bind_text (stmt, 2, replace_json);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      a_number = _ret_store_column_dup (stmt, 0);
      code = _ret_store_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return !_ret_store_read_failed (self, rc, error);

  /* Translators: "A123456789 was planned meanwhile, on transfer T-…" */
  g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
               _("%s was planned meanwhile, on transfer %s; plan again"),
               a_number != NULL ? a_number : "", code != NULL ? code : "");
  return FALSE;
}

/* What the caller shows must be what is stored: @result's transfers,
 * and what the rule engine said about them, under their stored codes. */
static void
rename_result_codes (RetScheduleResult *result,
                     GPtrArray         *codes)
{
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < result->transfers->len && i < codes->len; i++)
    {
      RetCheckTransfer *t = g_ptr_array_index (result->transfers, i);
      const char *code = g_ptr_array_index (codes, i);

      if (g_strcmp0 (t->code, code) == 0)
        continue;
      if (t->code != NULL)
        g_hash_table_insert (renamed, g_strdup (t->code), g_strdup (code));
      g_free (t->code);
      t->code = g_strdup (code);
    }
  if (g_hash_table_size (renamed) == 0 || result->violations == NULL)
    return;

  /* The scheduler's codes are unique among its transfers and the kept
   * ones, so an old code names one new transfer only. */
  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);
      const char *code = v->transfer_code != NULL ? g_hash_table_lookup (renamed, v->transfer_code) : NULL;

      if (code == NULL)
        continue;
      if (v->group != NULL && g_str_has_prefix (v->group, "transfer:") &&
          g_strcmp0 (v->group + strlen ("transfer:"), v->transfer_code) == 0)
        {
          g_free (v->group);
          v->group = g_strconcat ("transfer:", code, NULL);
        }
      g_free (v->transfer_code);
      v->transfer_code = g_strdup (code);
    }
}

/*
 * ret_store_save_schedule:
 * @plan_id: (out) (optional): the new plan's id
 *
 * Stores @result as a new draft plan of @options' span and cancels what
 * it replaces, in one transaction with one audit entry; once stored,
 * @result's transfers carry their stored codes.  Refused
 * (RET_STORE_ERROR_BLOCKED) when the rule engine found a hard violation
 * in @result: that is a bug of the scheduler, and no such plan is
 * stored; (RET_STORE_ERROR_CONFLICT) when someone it places was planned
 * by another plan since @input was loaded.
 */
gboolean
ret_store_save_schedule (RetStore                 *self,
                         const RetScheduleInput   *input,
                         RetScheduleResult        *result,
                         const RetScheduleOptions *options,
                         const char               *actor,
                         gint64                   *plan_id,
                         GError                  **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) placed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *from_date = NULL;
  g_autofree char *candidates_json = NULL;
  g_autofree char *placed_json = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *id_str = NULL;
  sqlite3_stmt *stmt;
  guint n_remade = 0;
  gint64 id;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL && input->data != NULL, FALSE);
  g_return_val_if_fail (result != NULL && result->transfers != NULL, FALSE);
  g_return_val_if_fail (options != NULL && g_date_valid (&options->from), FALSE);

  if (result->n_hard > 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The plan breaks a safety rule (%u hard violation) and was not stored",
                                "The plan breaks safety rules (%u hard violations) and was not stored",
                                result->n_hard),
                   result->n_hard);
      return FALSE;
    }
  if (options->days == 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("A plan covers at least one day"));
      return FALSE;
    }

  from_date = ret_date_format (&options->from);
  for (guint i = 0; i < input->candidates->len; i++)
    {
      guint person = g_array_index (input->candidates, guint, i);

      if (person < input->data->persons->len)
        {
          const RetCheckPerson *p = g_ptr_array_index (input->data->persons, person);

          g_array_append_val (candidate_ids, p->person->id);
          g_hash_table_add (candidates, GUINT_TO_POINTER (person + 1));
        }
    }
  candidates_json = _ret_store_ids_json (candidate_ids);

  /* A person is planned once: only candidates, each on one transfer */
  for (guint i = 0; i < result->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (result->transfers, i);

      for (guint e = 0; e < t->entries->len; e++)
        {
          guint person = g_array_index (t->entries, RetCheckEntry, e).person;
          const RetCheckPerson *p;

          if (!g_hash_table_remove (candidates, GUINT_TO_POINTER (person + 1)))
            {
              g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Transfer %s of the plan carries someone who was not to be planned, "
                             "or who is on another transfer"), t->code != NULL ? t->code : "");
              return FALSE;
            }
          p = g_ptr_array_index (input->data->persons, person);
          g_array_append_val (placed_ids, p->person->id);
        }
    }
  placed_json = _ret_store_ids_json (placed_ids);

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!check_replaceable (self, input->replace, error) ||
      !check_still_free (self, placed_json, input->replace, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "INSERT INTO plans (from_date, days, status, created_at) "
                               "VALUES (?1, ?2, 'draft', ?3) RETURNING id", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, from_date);
  sqlite3_bind_int (stmt, 2, (int) options->days);
  sqlite3_bind_int64 (stmt, 3, _ret_store_now ());
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "plan");
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* The scheduler's codes where they are free, so that what it showed
   * is what is stored; the others renumbered after them. */
  for (guint i = 0; i < result->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (result->transfers, i);

      if (t->code != NULL && !code_taken (self, used, t->code))
        {
          g_hash_table_add (used, g_strdup (t->code));
          g_ptr_array_add (codes, g_strdup (t->code));
        }
      else
        g_ptr_array_add (codes, NULL);
    }
  for (guint i = 0; i < result->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (result->transfers, i);
      gint64 vehicle_id = result->vehicle_ids != NULL && i < result->vehicle_ids->len
                          ? g_array_index (result->vehicle_ids, gint64, i) : 0;

      if (g_ptr_array_index (codes, i) == NULL)
        {
          char *code = free_code (self, used, t->code != NULL ? t->code : "T");

          g_hash_table_add (used, g_strdup (code));
          g_ptr_array_index (codes, i) = code;
        }
      if (!insert_new_transfer (self, id, input, t, g_ptr_array_index (codes, i), vehicle_id, error))
        goto fail;
    }

  /* Kept with their pinned persons only: re-made here, so that undoing
   * this plan gives back the whole transfer. */
  for (guint i = 0; i < input->data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (input->data->transfers, i);
      g_autofree char *code = NULL;

      if (!strv_array_contains (input->replace, t->code))
        continue;
      code = free_code (self, used, t->code);
      g_hash_table_add (used, g_strdup (code));
      if (!remake_transfer (self, id, input, t, code, error))
        goto fail;
      n_remade++;
    }

  for (guint i = 0; input->replace != NULL && i < input->replace->len; i++)
    {
      stmt = _ret_store_statement (self,
                                   "UPDATE transfers SET replaced_status = status, status = 'cancelled', "
                                   "replaced_by = ?2 WHERE code = ?1", error);
      if (stmt == NULL)
        goto fail;
      _ret_store_bind_text (stmt, 1, g_ptr_array_index (input->replace, i));
      sqlite3_bind_int64 (stmt, 2, id);
      if (!_ret_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!update_person_statuses (self, candidates_json, id, error))
    goto fail;

  id_str = _ret_store_int_text (id);
  detail = detail_json ("from_date", string_node (from_date),
                        "days", int_node (options->days),
                        "transfers", int_node (result->transfers->len),
                        "persons", int_node (result->n_planned),
                        "unplanned", int_node (result->unplanned != NULL ? result->unplanned->len : 0),
                        "kept_pinned", int_node (n_remade),
                        "replaced", strings_node (input->replace),
                        "seed", int_node (options->seed), NULL);
  if (!_ret_store_audit_and_commit (self, actor, "plan", "plan", id_str, detail, "plans", error))
    return FALSE;

  g_debug ("Stored plan %" G_GINT64_FORMAT ": %u transfers, %u replaced",
           id, result->transfers->len, input->replace != NULL ? input->replace->len : 0);

  rename_result_codes (result, codes);
  _ret_store_emit (self, "transfers");
  _ret_store_emit (self, "persons");

  if (plan_id != NULL)
    *plan_id = id;
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/*
 * ret_store_schedule:
 *
 * Loads what the scheduler needs, plans and stores the plan.  Runs in the
 * caller's thread: give it a store of its own off the main thread.
 */
gboolean
ret_store_schedule (RetStore                 *self,
                    const RetScheduleOptions *options,
                    const char * const       *replace,
                    RetScheduleProgress       progress,
                    gpointer                  user_data,
                    GCancellable             *cancellable,
                    const char               *actor,
                    RetScheduleResult       **result,
                    RetScheduleInput        **input,
                    gint64                   *plan_id,
                    GError                  **error)
{
  g_autoptr(RetScheduleInput) loaded = NULL;
  g_autoptr(RetScheduleResult) planned = NULL;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  loaded = ret_store_load_schedule_input (self, &options->from, options->days, replace, error);
  if (loaded == NULL)
    return FALSE;

  planned = ret_schedule_run (loaded, options, progress, user_data, cancellable, error);
  if (planned == NULL)
    return FALSE;

  /* Cancelled after planning: nothing is stored either. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!ret_store_save_schedule (self, loaded, planned, options, actor, plan_id, error))
    return FALSE;

  if (result != NULL)
    *result = g_steal_pointer (&planned);
  if (input != NULL)
    *input = g_steal_pointer (&loaded);
  return TRUE;
}

/* Undo gives back what a plan replaced as it was; refused
 * (RET_STORE_ERROR_CONFLICT) when that is no longer possible without
 * losing or breaking what happened since:
 *   - a transfer to restore belongs to a plan that has been approved
 *     since (or is otherwise no longer a draft): undo must not change it;
 *   - persons were moved by hand into or out of the plan's transfers
 *     after it was stored: deleting them would drop those persons or
 *     leave them on two transfers;
 *   - someone on a transfer to restore is now on a live transfer outside
 *     the plan (a later plan of other days placed them): restoring would
 *     put them on two transfers. */
static gboolean
check_undoable (RetStore    *self,
                gint64       plan_id,
                const char  *id_str,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT t.code, t.plan_id, p.status FROM transfers t "
                               "JOIN plans p ON p.id = t.plan_id "
                               "WHERE t.replaced_by = ?1 AND p.status != 'draft' "
                               "ORDER BY t.handover_at, t.code LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *other = _ret_store_int_text (sqlite3_column_int64 (stmt, 1));

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("Undoing plan %s would restore transfer %s of plan %s, which is %s now; "
                     "the plan can no longer be undone"),
                   id_str, (const char *) sqlite3_column_text (stmt, 0), other,
                   (const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return FALSE;

  /* ret_store_move_persons() audits each move under the transfer left,
   * with the one joined in "to".  Plan ids and codes can come back after
   * an undo, so only what was audited after this plan was stored (or
   * imported) counts; moves between two of its own transfers go with it. */
  stmt = _ret_store_statement (self,
                               "WITH mine(code) AS (SELECT code FROM transfers WHERE plan_id = ?1), "
                               " since(id) AS (SELECT coalesce(max(id), 0) FROM audit_log "
                               "  WHERE entity = 'plan' AND entity_id = ?2 "
                               "  AND (action = 'plan' OR action = 'import')) "
                               "SELECT a.entity_id, json_extract(a.detail, '$.to') FROM audit_log a "
                               "WHERE a.action = 'move' AND a.entity = 'transfer' "
                               "AND a.id > (SELECT id FROM since) "
                               "AND (a.entity_id IN (SELECT code FROM mine)) != "
                               "    (coalesce(json_extract(a.detail, '$.to'), '') IN (SELECT code FROM mine)) "
                               "ORDER BY a.id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  _ret_store_bind_text (stmt, 2, id_str);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("Plan %s was edited by hand (persons moved from transfer %s to %s); "
                     "undo would lose those edits"),
                   id_str, (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return FALSE;

  stmt = _ret_store_statement (self,
                               "SELECT p.a_number, t.code, o.code FROM transfers t "
                               "JOIN manifest_entries m ON m.transfer_id = t.id "
                               "JOIN persons p ON p.id = m.person_id "
                               "JOIN manifest_entries mo ON mo.person_id = m.person_id "
                               "JOIN transfers o ON o.id = mo.transfer_id "
                               "WHERE t.replaced_by = ?1 AND o.status != 'cancelled' AND o.plan_id != ?1 "
                               "ORDER BY o.handover_at, o.code, p.a_number LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      /* Translators: a plan's number, an A-number, two transfer codes */
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("Undoing plan %s would put %s back on transfer %s, but they are on "
                     "transfer %s now; the plan can no longer be undone"),
                   id_str, (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/*
 * ret_store_undo_schedule:
 *
 * Deletes a draft plan and restores, as they were, the transfers it
 * replaced; the persons' statuses follow.
 */
gboolean
ret_store_undo_schedule (RetStore    *self,
                         gint64       plan_id,
                         const char  *actor,
                         GError     **error)
{
  g_autofree char *status = NULL;
  g_autofree char *id_str = _ret_store_int_text (plan_id);
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *affected_json = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  guint n_restored;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  stmt = _ret_store_statement (self, "SELECT status FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = _ret_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (status == NULL)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND, _("No plan %s"), id_str);
      goto fail;
    }
  if (g_strcmp0 (status, "draft") != 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Plan %s is %s; only a draft plan can be undone"), id_str, status);
      goto fail;
    }

  stmt = _ret_store_statement (self,
                               "SELECT code, status, replaced_by IS NOT NULL FROM transfers "
                               "WHERE plan_id = ?1 AND (replaced_by IS NOT NULL OR "
                               "(status != 'planned' AND status != 'cancelled')) "
                               "ORDER BY handover_at, code LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 2) != 0)
        g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                     _("A later plan replaced transfer %s of plan %s; undo that plan first"),
                     (const char *) sqlite3_column_text (stmt, 0), id_str);
      else
        g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                     _("Transfer %s of plan %s is already %s; the plan can no longer be undone"),
                     (const char *) sqlite3_column_text (stmt, 0), id_str,
                     (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  if (!check_undoable (self, plan_id, id_str, error))
    goto fail;

  /* Everyone it touched, read before its transfers go */
  if (!read_ids (self,
                 "SELECT DISTINCT m.person_id FROM manifest_entries m "
                 "JOIN transfers t ON t.id = m.transfer_id "
                 "WHERE t.plan_id = ?1 OR t.replaced_by = ?1", plan_id, affected, error))
    goto fail;
  affected_json = _ret_store_ids_json (affected);

  stmt = _ret_store_statement (self,
                               "UPDATE transfers SET status = coalesce(replaced_status, 'planned'), "
                               "replaced_by = NULL, replaced_status = NULL WHERE replaced_by = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;
  n_restored = (guint) sqlite3_changes (_ret_store_get_db (self));

  stmt = _ret_store_statement (self, "DELETE FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  if (!update_person_statuses (self, affected_json, plan_id, error))
    goto fail;

  detail = detail_json ("restored", int_node (n_restored), "persons", int_node (affected->len), NULL);
  if (!_ret_store_audit_and_commit (self, actor, "undo", "plan", id_str, detail, "plans", error))
    return FALSE;

  _ret_store_emit (self, "transfers");
  _ret_store_emit (self, "persons");
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Pins                                                               */

gboolean
ret_store_set_transfer_pinned (RetStore    *self,
                               const char  *code,
                               gboolean     pinned,
                               const char  *actor,
                               GError     **error)
{
  g_auto(RetStoreTransferState) state = { 0 };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_find_transfer (self, code, &state, error))
    goto fail;
  if (state.status == RET_TRANSFER_CANCELLED)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s was cancelled; there is nothing to keep"), code);
      goto fail;
    }
  if (state.pinned == (pinned != FALSE))
    {
      _ret_store_rollback (self);
      return TRUE;
    }

  stmt = _ret_store_statement (self, "UPDATE transfers SET pinned = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, state.id);
  sqlite3_bind_int (stmt, 2, pinned ? 1 : 0);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  return _ret_store_audit_and_commit (self, actor, pinned ? "pin" : "unpin", "transfer", code,
                                      NULL, "transfers", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

gboolean
ret_store_get_transfer_pinned (RetStore    *self,
                               const char  *code,
                               gboolean    *pinned,
                               GError     **error)
{
  g_auto(RetStoreTransferState) state = { 0 };

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_find_transfer (self, code, &state, error))
    return FALSE;
  if (pinned != NULL)
    *pinned = state.pinned;
  return TRUE;
}

/*
 * ret_store_set_person_pinned:
 *
 * Pins (or unpins) a person where they travel, and with them the members
 * of their family on the same transfer: a family travels whole (R07).
 */
gboolean
ret_store_set_person_pinned (RetStore    *self,
                             const char  *code,
                             gint64       person_id,
                             gboolean     pinned,
                             const char  *actor,
                             GError     **error)
{
  g_auto(RetStoreTransferState) state = { 0 };
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  guint changed;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_find_transfer (self, code, &state, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "SELECT 1 FROM manifest_entries WHERE transfer_id = ?1 AND person_id = ?2",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, state.id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!_ret_store_step_exists (stmt))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("This person is not on transfer %s"), code);
      goto fail;
    }

  stmt = _ret_store_statement (self,
                               "UPDATE manifest_entries SET pinned = ?3 WHERE transfer_id = ?1 AND "
                               "person_id IN (SELECT id FROM persons WHERE id = ?2 OR "
                               "  (family_group_id IS NOT NULL AND family_group_id = "
                               "   (SELECT family_group_id FROM persons WHERE id = ?2)))",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, state.id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int (stmt, 3, pinned ? 1 : 0);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;
  changed = (guint) sqlite3_changes (_ret_store_get_db (self));

  detail = detail_json ("person_id", int_node (person_id), "persons", int_node (changed), NULL);
  return _ret_store_audit_and_commit (self, actor, pinned ? "pin-person" : "unpin-person",
                                      "transfer", code, detail, "transfers", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/*
 * ret_store_list_pinned_persons:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the pinned
 *   persons of the transfer @code, in order
 */
GArray *
ret_store_list_pinned_persons (RetStore    *self,
                               const char  *code,
                               GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(RetStoreTransferState) state = { 0 };

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  if (!_ret_store_find_transfer (self, code, &state, error) ||
      !read_ids (self,
                 "SELECT person_id FROM manifest_entries WHERE transfer_id = ?1 "
                 "AND pinned != 0 ORDER BY person_id", state.id, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------------------ */
/* Editing by hand                                                    */

static gboolean
check_editable (const char                   *code,
                const RetStoreTransferState  *state,
                GError                      **error)
{
  if (state->status != RET_TRANSFER_PLANNED)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s is %s; only a planned transfer can be changed"),
                   code, ret_transfer_status_to_string (state->status));
      return FALSE;
    }
  if (g_strcmp0 (state->plan_status, "draft") != 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s belongs to a plan that is %s; only a draft plan can be changed"),
                   code, state->plan_status != NULL ? state->plan_status : "");
      return FALSE;
    }
  return TRUE;
}

/*
 * ret_store_move_persons:
 *
 * Moves persons from one transfer to another by hand, in one
 * transaction; their pins go with them.  The rules are not enforced
 * here: the check shows what the move breaks.
 */
gboolean
ret_store_move_persons (RetStore      *self,
                        const char    *from_code,
                        const char    *to_code,
                        const gint64  *person_ids,
                        guint          n_persons,
                        const char    *actor,
                        GError       **error)
{
  g_auto(RetStoreTransferState) from = { 0 };
  g_auto(RetStoreTransferState) to = { 0 };
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (person_ids != NULL || n_persons == 0, FALSE);

  if (n_persons == 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Choose at least one person to move"));
      return FALSE;
    }
  if (g_strcmp0 (from_code, to_code) == 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("The persons are on transfer %s already"), to_code != NULL ? to_code : "");
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_find_transfer (self, from_code, &from, error) ||
      !_ret_store_find_transfer (self, to_code, &to, error) ||
      !check_editable (from_code, &from, error) ||
      !check_editable (to_code, &to, error))
    goto fail;

  for (guint i = 0; i < n_persons; i++)
    {
      stmt = _ret_store_statement (self,
                                   "INSERT INTO manifest_entries (transfer_id, person_id, pinned, "
                                   "belongings_checked) SELECT ?2, person_id, pinned, belongings_checked "
                                   "FROM manifest_entries WHERE transfer_id = ?1 AND person_id = ?3",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, from.id);
      sqlite3_bind_int64 (stmt, 2, to.id);
      sqlite3_bind_int64 (stmt, 3, person_ids[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          int rc = sqlite3_reset (stmt);

          if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                         _("A person to move is on transfer %s already"), to_code);
          else
            _ret_store_set_db_error (self, rc, error, "move");
          goto fail;
        }
      sqlite3_reset (stmt);
      if (sqlite3_changes (_ret_store_get_db (self)) != 1)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                       _("A person to move is not on transfer %s"), from_code);
          goto fail;
        }

      stmt = _ret_store_statement (self,
                                   "DELETE FROM manifest_entries WHERE transfer_id = ?1 AND person_id = ?2",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, from.id);
      sqlite3_bind_int64 (stmt, 2, person_ids[i]);
      if (!_ret_store_step_done (self, stmt, error))
        goto fail;
    }

  detail = detail_json ("to", string_node (to_code), "persons", int_node (n_persons), NULL);
  return _ret_store_audit_and_commit (self, actor, "move", "transfer", from_code, detail,
                                      "transfers", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Closing a point                                                    */

/*
 * ret_store_close_point:
 * @until_utc: the end of the closure, or 0 until further notice
 * @affected: (out) (optional) (transfer full): the codes of the
 *   transfers not yet departed whose handover falls in the closure, by
 *   handover
 * @departed: (out) (optional) (transfer full): the codes of those
 *   already on their way there, by handover: they cannot be re-planned,
 *   but the coordinator has to call them
 *
 * An emergency: records the closure as any closure is recorded (R02
 * then flags what still goes there) and says which transfers to re-plan.
 */
gboolean
ret_store_close_point (RetStore    *self,
                       const char  *point,
                       gint64       from_utc,
                       gint64       until_utc,
                       const char  *reason,
                       const char  *actor,
                       GStrv       *affected,
                       GStrv       *departed,
                       GError     **error)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) on_the_road = g_strv_builder_new ();
  RetPointException closure = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (affected != NULL)
    *affected = NULL;
  if (departed != NULL)
    *departed = NULL;

  if (until_utc < 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Ends: must be after the start"));
      return FALSE;
    }

  closure.point = (char *) point;
  closure.starts_at = from_utc;
  closure.ends_at = until_utc;
  closure.closed = TRUE;
  closure.reason = (char *) reason;
  if (!ret_store_add_point_exception (self, &closure, actor, error))
    return FALSE;

  stmt = _ret_store_statement (self,
                               "SELECT code, status = 'departed' FROM transfers WHERE point = ?1 "
                               "AND (status = 'planned' OR status = 'notified' OR status = 'reviewed' "
                               "     OR status = 'departed') "
                               "AND handover_at >= ?2 AND (?3 = 0 OR handover_at < ?3) "
                               "ORDER BY handover_at, code", error);
  if (stmt == NULL)
    return FALSE;
  _ret_store_bind_text (stmt, 1, point);
  sqlite3_bind_int64 (stmt, 2, from_utc);
  sqlite3_bind_int64 (stmt, 3, until_utc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (sqlite3_column_int (stmt, 1) != 0 ? on_the_road : codes,
                        (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return FALSE;

  if (affected != NULL)
    *affected = g_strv_builder_end (codes);
  if (departed != NULL)
    *departed = g_strv_builder_end (on_the_road);
  return TRUE;
}
