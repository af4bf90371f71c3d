/* ret-store-rules.c — the store's side of the safety rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a rule check reads from the database (ret_store_load_check_data()),
 * and what it leads to: approving a plan, overrides and acknowledgements,
 * rule parameters, and the records the rules look at (screenings,
 * belongings, notices, lateral pairs, point closures, handovers).
 *
 * Every write is one transaction with its audit entry, then a "changed"
 * signal naming what changed: "plans", "transfers", "resolutions",
 * "rule-params", "persons" or "points".
 */

#define G_LOG_DOMAIN "ret-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ret-store.h"
#include "ret-store-private.h"
#include "ret-time.h"

/* A reason or an approver: long enough for a paragraph, short enough to
 * print on a transfer sheet. */
#define TEXT_MAX_BYTES 1000

/* A subject lists the A-numbers of everyone a violation concerns: a full
 * flight's is about 1,500 bytes. */
#define SUBJECT_MAX_BYTES (64 * 1024)

/* A handover or a notice may be recorded a little ahead of the clock of
 * this computer (another office's clock), not more. */
#define CLOCK_SLACK (5 * 60)

/* Transfers are selected by the local date of their handover at the
 * point; no zone is further than this from UTC. */
#define MAX_ZONE_OFFSET (14 * 3600)

/* The names the schema's CHECK constraints accept, in enum order. */
static const char * const belonging_kinds[] = {
  [RET_BELONGING_DOCUMENTS] = "documents",
  [RET_BELONGING_MONEY] = "money",
  [RET_BELONGING_MEDICINES] = "medicines",
  [RET_BELONGING_OTHER] = "other",
};

static const char * const belonging_statuses[] = {
  [RET_BELONGING_HELD] = "held",
  [RET_BELONGING_ON_BOARD] = "on-board",
  [RET_BELONGING_RETURNED] = "returned",
  [RET_BELONGING_MISSING] = "missing",
};

static const char * const notice_kinds[] = {
  [RET_NOTICE_CONSULATE] = "consulate",
  [RET_NOTICE_INM] = "inm",
  [RET_NOTICE_PROSECUTOR] = "prosecutor-attache",
};

static int
name_index (const char * const *names,
            guint               n_names,
            const char         *text)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (names[i], text))
      return (int) i;

  return -1;
}

/* Rules are stored by code ("R07"); the enum follows the catalogue. */
static char *
rule_code (RetRuleId rule)
{
  return g_strdup_printf ("R%02d", (int) rule + 1);
}

static gboolean
rule_from_code (const char *code,
                RetRuleId  *rule)
{
  guint64 n;

  if (code == NULL || code[0] != 'R' ||
      !g_ascii_string_to_unsigned (code + 1, 10, 1, RET_N_RULES, &n, NULL))
    return FALSE;

  *rule = (RetRuleId) (n - 1);
  return TRUE;
}

/* The audit detail: a JSON object of string members, from NULL-ended
 * name, value pairs; a NULL value is written as null. */
static char *
detail_json (const char *first_name,
             ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (builder, name);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
_ret_store_int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* "2026-12-03T23:30:00Z", for the audit log */
static char *
utc_text (gint64 utc)
{
  g_autoptr(GDateTime) dt = utc > 0 ? g_date_time_new_from_unix_utc (utc) : NULL;

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* Refuses blank text, text over @max_bytes and control characters other
 * than those in @allowed; @what names the field for the coordinator. */
static gboolean
check_text (const char  *text,
            gboolean     required,
            gsize        max_bytes,
            const char  *allowed,
            const char  *what,
            GError     **error)
{
  if (required && _ret_store_is_blank (text))
    {
      /* TRANSLATORS: %s is a field, e.g. "Reason" */
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID, _("%s: required"), what);
      return FALSE;
    }

  if (!_ret_store_is_clean_text (text, max_bytes, allowed))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("%s: longer than %u bytes, or holds control characters"),
                   what, (guint) max_bytes);
      return FALSE;
    }

  return TRUE;
}

/* Refuses a time stamp ahead of this computer's clock by more than
 * CLOCK_SLACK, and with @required (the message when it is missing) one
 * earlier than any apprehension. */
static gboolean
check_past (gint64       at,
            const char  *required,
            const char  *future,
            GError     **error)
{
  if (required != NULL && at < RET_EARLIEST_APPREHENSION)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID, required);
      return FALSE;
    }
  if (at > _ret_store_now () + CLOCK_SLACK)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID, future);
      return FALSE;
    }

  return TRUE;
}

void
_ret_store_transfer_state_clear (RetStoreTransferState *state)
{
  g_clear_pointer (&state->plan_status, g_free);
}

/* Looks a transfer up by code; NOT_FOUND names the code. */
gboolean
_ret_store_find_transfer (RetStore               *self,
                          const char             *code,
                          RetStoreTransferState  *state,
                          GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT t.id, t.plan_id, t.status, p.status, t.pinned "
                               "FROM transfers t JOIN plans p ON p.id = t.plan_id WHERE t.code = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _ret_store_set_db_error (self, rc, error, "read");

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("No transfer %s"), code != NULL ? code : "");
      return FALSE;
    }

  state->id = sqlite3_column_int64 (stmt, 0);
  state->plan_id = sqlite3_column_int64 (stmt, 1);
  if (!ret_transfer_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &state->status))
    state->status = RET_TRANSFER_PLANNED;
  g_free (state->plan_status);
  state->plan_status = _ret_store_column_dup (stmt, 3);
  state->pinned = sqlite3_column_int (stmt, 4) != 0;
  sqlite3_reset (stmt);

  return TRUE;
}

/* The parts of a transfer's state the rules' records need */
static gboolean
find_transfer (RetStore           *self,
               const char         *code,
               gint64             *id,
               gint64             *plan_id,
               RetTransferStatus  *status,
               GError            **error)
{
  g_auto(RetStoreTransferState) state = { 0 };

  if (!_ret_store_find_transfer (self, code, &state, error))
    return FALSE;

  if (id != NULL)
    *id = state.id;
  if (plan_id != NULL)
    *plan_id = state.plan_id;
  if (status != NULL)
    *status = state.status;
  return TRUE;
}

static gboolean
person_exists (RetStore  *self,
               gint64     person_id,
               GError   **error)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, "SELECT 1 FROM persons WHERE id = ?1", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id);
  found = _ret_store_step_exists (stmt);
  if (!found)
    g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                         _("This person is no longer in the database"));
  return found;
}

gboolean
_ret_store_code_exists (RetStore    *self,
                        const char  *sql,
                        const char  *code)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, code);
  return _ret_store_step_exists (stmt);
}

/* NOT_FOUND unless @point is a repatriation point's code. */
gboolean
_ret_store_check_point (RetStore    *self,
                        const char  *point,
                        GError     **error)
{
  if (_ret_store_code_exists (self, "SELECT 1 FROM points WHERE code = ?1", point))
    return TRUE;

  g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
               _("Unknown repatriation point “%s”"), point != NULL ? point : "");
  return FALSE;
}

/* Writes the audit entry and commits, then tells the store's users
 * that @changed (if not NULL) changed; rolls back on failure. */
gboolean
_ret_store_audit_and_commit (RetStore    *self,
                             const char  *actor,
                             const char  *action,
                             const char  *entity,
                             const char  *entity_id,
                             const char  *detail,
                             const char  *changed,
                             GError     **error)
{
  if (!_ret_store_audit (self, actor, action, entity, entity_id, detail, error) ||
      !_ret_store_commit (self, error))
    {
      _ret_store_rollback (self);
      return FALSE;
    }

  if (changed != NULL)
    _ret_store_emit (self, changed);
  return TRUE;
}

/* After a committed change to one person: the person's own signal, then
 * the list's. */
static void
person_changed (RetStore *self,
                gint64    person_id)
{
  g_signal_emit_by_name (self, "person-changed", person_id);
  _ret_store_emit (self, "persons");
}

/* ------------------------------------------------------------------ */
/* Small records                                                      */

void
ret_plan_info_free (RetPlanInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->from_date);
  g_free (info->status);
  g_free (info->approved_by);
  g_free (info);
}

RetBelonging *
ret_belonging_new (void)
{
  RetBelonging *belonging = g_new0 (RetBelonging, 1);

  belonging->kind = RET_BELONGING_OTHER;
  belonging->status = RET_BELONGING_HELD;
  return belonging;
}

void
ret_belonging_free (RetBelonging *belonging)
{
  if (belonging == NULL)
    return;

  g_free (belonging->description);
  g_free (belonging);
}

void
ret_notice_free (RetNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->transfer_code);
  g_free (notice->recipient);
  g_free (notice->sent_by);
  g_free (notice);
}

/* ------------------------------------------------------------------ */
/* Arrangements and their rule parameters                             */

/* Adds the codes of column 1 to the list @lists holds for the
 * arrangement of column 0; rows of unknown arrangements are skipped. */
static gboolean
read_arrangement_codes (RetStore    *self,
                        const char  *sql,
                        GHashTable  *lists,
                        GError     **error)
{
  sqlite3_stmt *stmt = _ret_store_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *list = g_hash_table_lookup (lists, sqlite3_column_text (stmt, 0));

      if (list != NULL)
        g_ptr_array_add (list, _ret_store_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/* The list @lists holds for @code, NULL-ended, as a GStrv. */
static GStrv
steal_strv (GHashTable *lists,
            const char *code)
{
  GPtrArray *list = g_hash_table_lookup (lists, code);

  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_steal (list, NULL);
}

/*
 * ret_store_list_arrangements:
 *
 * Returns: (transfer full) (element-type RetCheckArrangement): every
 *   arrangement with its sectors, points and rule parameters (stored
 *   values over the catalogue's defaults)
 */
GPtrArray *
ret_store_list_arrangements (RetStore  *self,
                             GError   **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_arrangement_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sectors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) points = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT code, name, effective_from, effective_to FROM arrangements "
                               "ORDER BY name, code", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RetCheckArrangement *a = ret_check_arrangement_new ();

      a->code = _ret_store_column_dup (stmt, 0);
      a->name = _ret_store_column_dup (stmt, 1);
      g_date_clear (&a->effective_from, 1);
      g_date_clear (&a->effective_to, 1);
      ret_date_parse ((const char *) sqlite3_column_text (stmt, 2), &a->effective_from, NULL);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        ret_date_parse ((const char *) sqlite3_column_text (stmt, 3), &a->effective_to, NULL);
      g_ptr_array_add (result, a);
      g_hash_table_insert (by_code, a->code, a);
      g_hash_table_insert (sectors, a->code, g_ptr_array_new_with_free_func (g_free));
      g_hash_table_insert (points, a->code, g_ptr_array_new_with_free_func (g_free));
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return NULL;

  /* Points west to east along the border, then the airports, as
   * everywhere. */
  if (!read_arrangement_codes (self,
                               "SELECT arrangement, sector FROM arrangement_sectors "
                               "ORDER BY arrangement, sector", sectors, error) ||
      !read_arrangement_codes (self,
                               "SELECT ap.arrangement, ap.point FROM arrangement_points ap "
                               "JOIN points p ON p.code = ap.point "
                               "ORDER BY ap.arrangement, p.airport, p.longitude", points, error))
    return NULL;

  for (guint i = 0; i < result->len; i++)
    {
      RetCheckArrangement *a = g_ptr_array_index (result, i);

      a->sectors = steal_strv (sectors, a->code);
      a->points = steal_strv (points, a->code);
    }

  /* Stored values over the catalogue's defaults */
  stmt = _ret_store_statement (self,
                               "SELECT arrangement, rule, key, value, sample FROM rule_params",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RetCheckArrangement *a = g_hash_table_lookup (by_code, sqlite3_column_text (stmt, 0));
      const char *key = (const char *) sqlite3_column_text (stmt, 2);
      RetRuleId rule;
      int index;

      if (a == NULL || !rule_from_code ((const char *) sqlite3_column_text (stmt, 1), &rule))
        continue;

      /* A parameter a later catalogue dropped is kept, unused. */
      index = ret_rule_param_index (rule, key);
      if (index < 0)
        {
          g_debug ("Ignoring the stored parameter %s of rule %s", key,
                   sqlite3_column_text (stmt, 1));
          continue;
        }

      a->params.value[rule][index] = sqlite3_column_int (stmt, 3);
      a->params.sample[rule][index] = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (_ret_store_read_failed (self, rc, error))
    return NULL;

  return g_steal_pointer (&result);
}

/*
 * ret_store_set_rule_param:
 *
 * Sets one parameter of @rule for @arrangement.  The value is checked
 * against the catalogue's bounds and is no longer a sample.  Audited
 * with the old and the new value.
 */
gboolean
ret_store_set_rule_param (RetStore    *self,
                          const char  *arrangement,
                          RetRuleId    rule,
                          const char  *key,
                          int          value,
                          const char  *actor,
                          GError     **error)
{
  const RetRule *info;
  const RetRuleParam *param;
  g_autofree char *code = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int index, old;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if ((guint) rule >= RET_N_RULES || (info = ret_rule_get (rule)) == NULL)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Unknown safety rule %d"), (int) rule + 1);
      return FALSE;
    }

  index = key != NULL ? ret_rule_param_index (rule, key) : -1;
  if (index < 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   /* TRANSLATORS: "Rule R08 has no parameter “lead”" */
                   _("Rule %s has no parameter “%s”"), info->code, key != NULL ? key : "");
      return FALSE;
    }

  param = &info->params[index];
  if (value < param->min || value > param->max)
    {
      g_autofree char *min = ret_rule_param_format (param, param->min);
      g_autofree char *max = ret_rule_param_format (param, param->max);

      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   /* TRANSLATORS: "R08, lead time: must be between 0 and 72 h" */
                   _("%s, %s: must be between %s and %s"),
                   info->code, _(param->label), min, max);
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_code_exists (self, "SELECT 1 FROM arrangements WHERE code = ?1", arrangement))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("No arrangement %s"), arrangement != NULL ? arrangement : "");
      goto fail;
    }

  code = rule_code (rule);
  old = param->default_value;
  stmt = _ret_store_statement (self,
                               "SELECT value FROM rule_params WHERE arrangement = ?1 AND rule = ?2 "
                               "AND key = ?3", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, arrangement);
  _ret_store_bind_text (stmt, 2, code);
  _ret_store_bind_text (stmt, 3, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    old = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _ret_store_statement (self,
                               "INSERT INTO rule_params (arrangement, rule, key, value, sample) "
                               "VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT (arrangement, rule, key) "
                               "DO UPDATE SET value = excluded.value, sample = 0", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, arrangement);
  _ret_store_bind_text (stmt, 2, code);
  _ret_store_bind_text (stmt, 3, key);
  sqlite3_bind_int (stmt, 4, value);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  old_value = _ret_store_int_text (old);
  new_value = _ret_store_int_text (value);
  old_text = ret_rule_param_format (param, old);
  new_text = ret_rule_param_format (param, value);
  entity_id = g_strdup_printf ("%s %s %s", arrangement, code, key);
  detail = detail_json ("arrangement", arrangement, "rule", code, "key", key,
                        "old", old_value, "new", new_value,
                        "old_text", old_text, "new_text", new_text, NULL);
  return _ret_store_audit_and_commit (self, actor, "update", "rule-param", entity_id, detail,
                                      "rule-params", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Lateral pairs and point exceptions                                 */

static RetLateralPair *
lateral_pair_from_row (sqlite3_stmt *stmt)
{
  RetLateralPair *pair = g_new0 (RetLateralPair, 1);

  pair->sector = _ret_store_column_dup (stmt, 0);
  pair->point = _ret_store_column_dup (stmt, 1);
  pair->approved_by = _ret_store_column_dup (stmt, 2);
  pair->reason = _ret_store_column_dup (stmt, 3);

  return pair;
}

/*
 * ret_store_list_lateral_pairs:
 *
 * Returns: (transfer full) (element-type RetLateralPair)
 */
GPtrArray *
ret_store_list_lateral_pairs (RetStore  *self,
                              GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT sector, point, approved_by, reason FROM lateral_pairs "
                               "ORDER BY sector, point", error);

  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) lateral_pair_from_row,
                                  (GDestroyNotify) ret_lateral_pair_free, error);
}

/*
 * ret_store_add_lateral_pair:
 *
 * Allows @pair->sector to hand over at @pair->point, outside its own
 * arrangement (R15).  Approver and reason are required.
 */
gboolean
ret_store_add_lateral_pair (RetStore              *self,
                            const RetLateralPair  *pair,
                            const char            *actor,
                            GError               **error)
{
  g_autofree char *entity_id = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (pair != NULL, FALSE);

  if (!check_text (pair->approved_by, TRUE, RET_NAME_MAX_BYTES, "", _("Approved by"), error) ||
      !check_text (pair->reason, TRUE, TEXT_MAX_BYTES, "\t\n\r", _("Reason"), error))
    return FALSE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_code_exists (self, "SELECT 1 FROM sectors WHERE code = ?1", pair->sector))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("No sector %s"), pair->sector != NULL ? pair->sector : "");
      goto fail;
    }
  if (!_ret_store_check_point (self, pair->point, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "INSERT INTO lateral_pairs (sector, point, approved_by, reason, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, pair->sector);
  _ret_store_bind_text (stmt, 2, pair->point);
  _ret_store_bind_text (stmt, 3, pair->approved_by);
  _ret_store_bind_text (stmt, 4, pair->reason);
  sqlite3_bind_int64 (stmt, 5, _ret_store_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_CONFLICT,
                   _("Sector %s may already hand over at %s"), pair->sector, pair->point);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _ret_store_set_db_error (self, rc, error, "lateral pair");
      goto fail;
    }

  entity_id = g_strdup_printf ("%s %s", pair->sector, pair->point);
  detail = detail_json ("approved_by", pair->approved_by, "reason", pair->reason, NULL);
  return _ret_store_audit_and_commit (self, actor, "add", "lateral-pair", entity_id, detail,
                                      "rule-params", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

gboolean
ret_store_remove_lateral_pair (RetStore    *self,
                               const char  *sector,
                               const char  *point,
                               const char  *actor,
                               GError     **error)
{
  g_autofree char *entity_id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!_ret_store_begin (self, error))
    return FALSE;

  stmt = _ret_store_statement (self,
                               "DELETE FROM lateral_pairs WHERE sector = ?1 AND point = ?2", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, sector);
  _ret_store_bind_text (stmt, 2, point);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_ret_store_get_db (self)) == 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("Sector %s has no lateral pair with %s"),
                   sector != NULL ? sector : "", point != NULL ? point : "");
      goto fail;
    }

  entity_id = g_strdup_printf ("%s %s", sector, point);
  return _ret_store_audit_and_commit (self, actor, "remove", "lateral-pair", entity_id, NULL,
                                      "rule-params", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

static RetPointException *
point_exception_from_row (sqlite3_stmt *stmt)
{
  RetPointException *e = g_new0 (RetPointException, 1);

  e->point = _ret_store_column_dup (stmt, 0);
  e->starts_at = sqlite3_column_int64 (stmt, 1);
  e->ends_at = sqlite3_column_int64 (stmt, 2);   /* NULL reads as 0 */
  e->closed = sqlite3_column_int (stmt, 3);
  e->reason = _ret_store_column_dup (stmt, 4);

  return e;
}

/*
 * ret_store_list_point_exceptions:
 * @point: (nullable): a point's code, or NULL for every point
 *
 * Returns: (transfer full) (element-type RetPointException): closures
 *   and temporary extensions, earliest first
 */
GPtrArray *
ret_store_list_point_exceptions (RetStore    *self,
                                 const char  *point,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT point, starts_at, ends_at, closed, reason FROM point_closures "
                               "WHERE ?1 IS NULL OR point = ?1 ORDER BY starts_at, id", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, point);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) point_exception_from_row,
                                  (GDestroyNotify) ret_point_exception_free, error);
}

/*
 * ret_store_add_point_exception:
 *
 * Records a closure of a point, or a temporary extension of its window.
 * An extension needs an end: "until further notice" would silently
 * change the agreed hours.
 */
gboolean
ret_store_add_point_exception (RetStore                 *self,
                               const RetPointException  *exception,
                               const char               *actor,
                               GError                  **error)
{
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (exception != NULL, FALSE);

  if (!check_text (exception->reason, TRUE, TEXT_MAX_BYTES, "\t\n\r", _("Reason"), error))
    return FALSE;
  if (exception->starts_at <= 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Starts: required"));
      return FALSE;
    }
  if (exception->ends_at != 0 && exception->ends_at <= exception->starts_at)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Ends: must be after the start"));
      return FALSE;
    }
  if (!exception->closed && exception->ends_at == 0)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Ends: a temporary extension needs an end"));
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!_ret_store_check_point (self, exception->point, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "INSERT INTO point_closures (point, starts_at, ends_at, reason, closed) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  _ret_store_bind_text (stmt, 1, exception->point);
  sqlite3_bind_int64 (stmt, 2, exception->starts_at);
  if (exception->ends_at != 0)
    sqlite3_bind_int64 (stmt, 3, exception->ends_at);
  else
    sqlite3_bind_null (stmt, 3);
  _ret_store_bind_text (stmt, 4, exception->reason);
  sqlite3_bind_int (stmt, 5, exception->closed ? 1 : 0);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  starts = utc_text (exception->starts_at);
  ends = utc_text (exception->ends_at);
  detail = detail_json ("kind", exception->closed ? "closure" : "extension",
                        "starts_at", starts, "ends_at", ends,
                        "reason", exception->reason, NULL);
  return _ret_store_audit_and_commit (self, actor, "add", "point-exception", exception->point, detail,
                                      "points", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Screenings (R05)                                                   */

/* The columns screened_at, screener, trafficking_risk, fear_of_return,
 * able_to_decide and notes, in that order from @first. */
static RetScreening *
screening_from_row (sqlite3_stmt *stmt,
                    int           first)
{
  RetScreening *screening = g_new0 (RetScreening, 1);

  screening->screened_at = sqlite3_column_int64 (stmt, first);
  screening->screener = _ret_store_column_dup (stmt, first + 1);
  screening->trafficking_risk = sqlite3_column_int (stmt, first + 2);
  screening->fear_of_return = sqlite3_column_int (stmt, first + 3);
  screening->able_to_decide = sqlite3_column_int (stmt, first + 4);
  screening->notes = _ret_store_column_dup (stmt, first + 5);

  return screening;
}

RetScreening *
ret_store_get_screening (RetStore  *self,
                         gint64     person_id,
                         GError   **error)
{
  RetScreening *screening = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT screened_at, screener, trafficking_risk, fear_of_return, "
                               "able_to_decide, notes FROM screenings WHERE person_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    screening = screening_from_row (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && _ret_store_read_failed (self, rc, error))
    return NULL;

  return screening;
}

/*
 * ret_store_set_screening:
 *
 * Records the screening of a child (R05), replacing any earlier one.
 * The audit entry keeps the findings, not the notes.
 */
gboolean
ret_store_set_screening (RetStore            *self,
                         gint64               person_id,
                         const RetScreening  *screening,
                         const char          *actor,
                         GError             **error)
{
  g_autofree char *id_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (screening != NULL, FALSE);

  if (!check_text (screening->screener, TRUE, RET_NAME_MAX_BYTES, "", _("Screener"), error) ||
      !check_text (screening->notes, FALSE, RET_NOTES_MAX_BYTES, "\t\n\r", _("Notes"), error))
    return FALSE;
  if (!check_past (screening->screened_at, _("Screened: required"), _("Screened: in the future"),
                   error))
    return FALSE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!person_exists (self, person_id, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "INSERT INTO screenings (person_id, screened_at, screener, "
                               "trafficking_risk, fear_of_return, able_to_decide, notes) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (person_id) DO UPDATE SET "
                               "screened_at = excluded.screened_at, screener = excluded.screener, "
                               "trafficking_risk = excluded.trafficking_risk, "
                               "fear_of_return = excluded.fear_of_return, "
                               "able_to_decide = excluded.able_to_decide, notes = excluded.notes",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, screening->screened_at);
  _ret_store_bind_text (stmt, 3, screening->screener);
  sqlite3_bind_int (stmt, 4, screening->trafficking_risk ? 1 : 0);
  sqlite3_bind_int (stmt, 5, screening->fear_of_return ? 1 : 0);
  sqlite3_bind_int (stmt, 6, screening->able_to_decide ? 1 : 0);
  _ret_store_bind_text (stmt, 7, screening->notes != NULL ? screening->notes : "");
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  id_text = _ret_store_int_text (person_id);
  at_text = utc_text (screening->screened_at);
  detail = detail_json ("screened_at", at_text, "screener", screening->screener,
                        "trafficking_risk", screening->trafficking_risk ? "yes" : "no",
                        "fear_of_return", screening->fear_of_return ? "yes" : "no",
                        "able_to_decide", screening->able_to_decide ? "yes" : "no", NULL);
  if (!_ret_store_audit_and_commit (self, actor, "screen", "person", id_text, detail, NULL, error))
    return FALSE;

  person_changed (self, person_id);
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Belongings (R10)                                                   */

static RetBelonging *
belonging_from_row (sqlite3_stmt *stmt)
{
  RetBelonging *b = ret_belonging_new ();
  int kind = name_index (belonging_kinds, G_N_ELEMENTS (belonging_kinds),
                         (const char *) sqlite3_column_text (stmt, 2));
  int status = name_index (belonging_statuses, G_N_ELEMENTS (belonging_statuses),
                           (const char *) sqlite3_column_text (stmt, 4));

  b->id = sqlite3_column_int64 (stmt, 0);
  b->person_id = sqlite3_column_int64 (stmt, 1);
  b->kind = kind >= 0 ? (RetBelongingKind) kind : RET_BELONGING_OTHER;
  b->description = _ret_store_column_dup (stmt, 3);
  b->status = status >= 0 ? (RetBelongingStatus) status : RET_BELONGING_HELD;

  return b;
}

/*
 * ret_store_list_belongings:
 * @inventoried: (out) (optional): whether the inventory was taken
 *
 * Returns: (transfer full) (element-type RetBelonging): the person's
 *   belongings in the order they were listed
 */
GPtrArray *
ret_store_list_belongings (RetStore  *self,
                           gint64     person_id,
                           gboolean  *inventoried,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT belongings_inventoried FROM persons WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (!_ret_store_read_failed (self, rc, error))
        g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                             _("This person is no longer in the database"));
      return NULL;
    }
  if (inventoried != NULL)
    *inventoried = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  stmt = _ret_store_statement (self,
                               "SELECT id, person_id, kind, description, status FROM belongings "
                               "WHERE person_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) belonging_from_row,
                                  (GDestroyNotify) ret_belonging_free, error);
}

/*
 * ret_store_save_belongings:
 * @belongings: (element-type RetBelonging): the whole inventory; empty
 *   when the person holds nothing
 *
 * Replaces the person's inventory and marks it taken, in one
 * transaction.  The audit entry counts the items by status.
 */
gboolean
ret_store_save_belongings (RetStore    *self,
                           gint64       person_id,
                           GPtrArray   *belongings,
                           const char  *actor,
                           GError     **error)
{
  guint counts[G_N_ELEMENTS (belonging_statuses)] = { 0, };
  g_autofree char *id_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *n_items = NULL;
  g_autofree char *n_held = NULL;
  g_autofree char *n_on_board = NULL;
  g_autofree char *n_returned = NULL;
  g_autofree char *n_missing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (belongings != NULL, FALSE);

  for (guint i = 0; i < belongings->len; i++)
    {
      const RetBelonging *b = g_ptr_array_index (belongings, i);

      if ((guint) b->kind >= G_N_ELEMENTS (belonging_kinds) ||
          (guint) b->status >= G_N_ELEMENTS (belonging_statuses))
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                       _("Item %u: unknown kind or status"), i + 1);
          return FALSE;
        }
      if (!check_text (b->description, FALSE, TEXT_MAX_BYTES, "", _("Description"), error))
        {
          g_prefix_error (error, _("Item %u: "), i + 1);
          return FALSE;
        }
      counts[b->status]++;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!person_exists (self, person_id, error))
    goto fail;

  stmt = _ret_store_statement (self, "DELETE FROM belongings WHERE person_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  for (guint i = 0; i < belongings->len; i++)
    {
      const RetBelonging *b = g_ptr_array_index (belongings, i);

      stmt = _ret_store_statement (self,
                                   "INSERT INTO belongings (person_id, kind, description, status) "
                                   "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, person_id);
      _ret_store_bind_text (stmt, 2, belonging_kinds[b->kind]);
      _ret_store_bind_text (stmt, 3, b->description != NULL ? b->description : "");
      _ret_store_bind_text (stmt, 4, belonging_statuses[b->status]);
      if (!_ret_store_step_done (self, stmt, error))
        goto fail;
    }

  stmt = _ret_store_statement (self,
                               "UPDATE persons SET belongings_inventoried = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  id_text = _ret_store_int_text (person_id);
  n_items = _ret_store_int_text (belongings->len);
  n_held = _ret_store_int_text (counts[RET_BELONGING_HELD]);
  n_on_board = _ret_store_int_text (counts[RET_BELONGING_ON_BOARD]);
  n_returned = _ret_store_int_text (counts[RET_BELONGING_RETURNED]);
  n_missing = _ret_store_int_text (counts[RET_BELONGING_MISSING]);
  detail = detail_json ("items", n_items, "held", n_held, "on-board", n_on_board,
                        "returned", n_returned, "missing", n_missing, NULL);
  if (!_ret_store_audit_and_commit (self, actor, "inventory", "person", id_text, detail, NULL, error))
    return FALSE;

  person_changed (self, person_id);
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Notices (R08)                                                      */

/* All but the transfer's code, which the query has as an id */
static RetNotice *
notice_from_row (sqlite3_stmt *stmt)
{
  RetNotice *n = g_new0 (RetNotice, 1);
  int kind = name_index (notice_kinds, G_N_ELEMENTS (notice_kinds),
                         (const char *) sqlite3_column_text (stmt, 1));

  n->id = sqlite3_column_int64 (stmt, 0);
  n->kind = kind >= 0 ? (RetNoticeKind) kind : RET_NOTICE_CONSULATE;
  n->recipient = _ret_store_column_dup (stmt, 2);
  n->sent_at = sqlite3_column_int64 (stmt, 3);
  n->sent_by = _ret_store_column_dup (stmt, 4);

  return n;
}

/*
 * ret_store_list_notices:
 *
 * Returns: (transfer full) (element-type RetNotice): the notices sent
 *   for the transfer, earliest first
 */
GPtrArray *
ret_store_list_notices (RetStore    *self,
                        const char  *transfer_code,
                        GError     **error)
{
  GPtrArray *list;
  sqlite3_stmt *stmt;
  gint64 transfer_id;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  if (!find_transfer (self, transfer_code, &transfer_id, NULL, NULL, error))
    return NULL;

  stmt = _ret_store_statement (self,
                               "SELECT id, recipient_kind, recipient, sent_at, sent_by FROM notices "
                               "WHERE transfer_id = ?1 ORDER BY sent_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  list = _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) notice_from_row,
                                  (GDestroyNotify) ret_notice_free, error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      RetNotice *n = g_ptr_array_index (list, i);

      n->transfer_code = g_strdup (transfer_code);
    }

  return list;
}

/*
 * ret_store_record_notice:
 * @recipient: who received it ("Consulado de México en Tucson")
 * @sent_at: when it was sent, UTC seconds; not in the future
 *
 * Records that the manifest of a transfer was sent; @actor is kept as
 * the sender.
 */
gboolean
ret_store_record_notice (RetStore       *self,
                         const char     *transfer_code,
                         RetNoticeKind   kind,
                         const char     *recipient,
                         gint64          sent_at,
                         const char     *actor,
                         GError        **error)
{
  g_autofree char *at_text = NULL;
  g_autofree char *detail = NULL;
  const char *sender = actor != NULL && *actor != '\0' ? actor : g_get_user_name ();
  sqlite3_stmt *stmt;
  gint64 transfer_id;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if ((guint) kind >= G_N_ELEMENTS (notice_kinds))
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Unknown kind of notice"));
      return FALSE;
    }
  if (!check_text (recipient, TRUE, RET_NAME_MAX_BYTES, "", _("Recipient"), error))
    return FALSE;
  if (!check_past (sent_at, _("Sent: required"), _("Sent: in the future"), error))
    return FALSE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!find_transfer (self, transfer_code, &transfer_id, NULL, NULL, error))
    goto fail;

  stmt = _ret_store_statement (self,
                               "INSERT INTO notices (transfer_id, recipient_kind, recipient, sent_at, "
                               "sent_by) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  _ret_store_bind_text (stmt, 2, notice_kinds[kind]);
  _ret_store_bind_text (stmt, 3, recipient);
  sqlite3_bind_int64 (stmt, 4, sent_at);
  _ret_store_bind_text (stmt, 5, sender);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  at_text = utc_text (sent_at);
  detail = detail_json ("kind", notice_kinds[kind], "recipient", recipient,
                        "sent_at", at_text, NULL);
  return _ret_store_audit_and_commit (self, actor, "notify", "transfer", transfer_code, detail,
                                      "transfers", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Transfers: the document chain and R19                              */

RetTransfer *
ret_store_get_transfer (RetStore    *self,
                        const char  *code,
                        GError     **error)
{
  RetTransfer *t;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT " _RET_STORE_TRANSFER_COLUMNS " FROM transfers t "
                               "WHERE t.code = ?1", error);
  if (stmt == NULL)
    return NULL;

  _ret_store_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (!_ret_store_read_failed (self, rc, error))
        g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                     _("No transfer %s"), code != NULL ? code : "");
      return NULL;
    }

  t = _ret_store_transfer_from_row (stmt);
  sqlite3_reset (stmt);

  return t;
}

/*
 * ret_store_list_manifest:
 *
 * Returns: (transfer full) (element-type RetPerson): the persons on the
 *   transfer, by name
 */
GPtrArray *
ret_store_list_manifest (RetStore    *self,
                         const char  *transfer_code,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 transfer_id;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  if (!find_transfer (self, transfer_code, &transfer_id, NULL, NULL, error))
    return NULL;

  stmt = _ret_store_statement (self,
                               "SELECT " _RET_STORE_PERSON_COLUMNS _RET_STORE_PERSON_FROM
                               " JOIN manifest_entries me ON me.person_id = p.id"
                               " WHERE me.transfer_id = ?1 ORDER BY p.sort_key, p.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, transfer_id);
  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) _ret_store_person_from_row,
                                  (GDestroyNotify) ret_person_free, error);
}

/* The persons' status that goes with a transfer's; NULL: unchanged. */
static const char *
person_status_for (RetTransferStatus status)
{
  switch (status)
    {
    case RET_TRANSFER_DEPARTED:
      return "departed";
    case RET_TRANSFER_HANDED_OVER:
      return "repatriated";
    case RET_TRANSFER_CANCELLED:
      return "awaiting";
    case RET_TRANSFER_PLANNED:
    case RET_TRANSFER_NOTIFIED:
    case RET_TRANSFER_REVIEWED:
    default:
      return NULL;
    }
}

/*
 * ret_store_set_transfer_status:
 *
 * Moves a transfer along its document chain (planned, notified,
 * reviewed, departed, handed over), or cancels it before it departs.
 * The chain only goes forward, and a handed-over or cancelled transfer
 * is closed.  The persons on it follow: departed, repatriated, or back
 * to awaiting when the transfer is cancelled (unless another transfer
 * carries them).
 */
gboolean
ret_store_set_transfer_status (RetStore           *self,
                               const char         *code,
                               RetTransferStatus   status,
                               const char         *actor,
                               GError            **error)
{
  g_autofree char *detail = NULL;
  RetTransferStatus old;
  const char *person_status;
  sqlite3_stmt *stmt;
  gint64 transfer_id;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (ret_transfer_status_to_string (status) == NULL)
    {
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Unknown transfer status"));
      return FALSE;
    }

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!find_transfer (self, code, &transfer_id, NULL, &old, error))
    goto fail;

  if (old == status)
    {
      _ret_store_rollback (self);
      return TRUE;
    }

  if (old == RET_TRANSFER_CANCELLED || old == RET_TRANSFER_HANDED_OVER)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   old == RET_TRANSFER_CANCELLED
                   ? _("Transfer %s was cancelled; plan a new one instead")
                   : _("Transfer %s was handed over; its record is closed"), code);
      goto fail;
    }
  if (status == RET_TRANSFER_CANCELLED && old >= RET_TRANSFER_DEPARTED)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s has departed and can no longer be cancelled"), code);
      goto fail;
    }
  if (status != RET_TRANSFER_CANCELLED && status < old)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s cannot go back to an earlier step"), code);
      goto fail;
    }
  /* Approval is where the hard violations are settled; a vehicle that
   * leaves from a draft plan would carry them out unexamined. */
  if (status >= RET_TRANSFER_DEPARTED && status != RET_TRANSFER_CANCELLED)
    {
      g_autofree char *plan_status = NULL;

      stmt = _ret_store_statement (self,
                                   "SELECT p.status FROM plans p JOIN transfers t ON t.plan_id = p.id "
                                   "WHERE t.id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, transfer_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        plan_status = _ret_store_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      if (g_strcmp0 (plan_status, "draft") == 0 || plan_status == NULL)
        {
          g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED,
                       _("Transfer %s belongs to a plan that is not approved; approve the plan before the transfer departs"),
                       code);
          goto fail;
        }
    }

  stmt = _ret_store_statement (self, "UPDATE transfers SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  _ret_store_bind_text (stmt, 2, ret_transfer_status_to_string (status));
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  person_status = person_status_for (status);
  if (person_status != NULL)
    {
      /* Withdrawn persons stay withdrawn; a cancelled transfer leaves
       * planned those that another live transfer carries. */
      stmt = _ret_store_statement (self,
                                   "UPDATE persons SET status = ?2, updated_at = ?3, "
                                   "revision = revision + 1 "
                                   "WHERE id IN (SELECT person_id FROM manifest_entries "
                                   "             WHERE transfer_id = ?1) "
                                   "AND status != 'withdrawn' AND status != ?2 "
                                   "AND (?2 != 'awaiting' OR NOT EXISTS ("
                                   "  SELECT 1 FROM manifest_entries m JOIN transfers t ON t.id = m.transfer_id"
                                   "  WHERE m.person_id = persons.id AND t.id != ?1"
                                   "  AND t.status != 'cancelled'))", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, transfer_id);
      _ret_store_bind_text (stmt, 2, person_status);
      sqlite3_bind_int64 (stmt, 3, _ret_store_now ());
      if (!_ret_store_step_done (self, stmt, error))
        goto fail;
    }

  detail = detail_json ("old", ret_transfer_status_to_string (old),
                        "new", ret_transfer_status_to_string (status), NULL);
  if (!_ret_store_audit_and_commit (self, actor, "status", "transfer", code, detail, "transfers", error))
    return FALSE;

  if (person_status != NULL)
    _ret_store_emit (self, "persons");
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/*
 * ret_store_record_handover:
 * @person_id: a person on the transfer, or 0 for the transfer as a whole
 * @handed_over_at: UTC seconds; not before departure, not in the future
 * @official: the receiving official (INM, DIF, consulate)
 *
 * R19: records when and to whom a person (or the whole transfer) was
 * handed over.  Recording again corrects the earlier record; the audit
 * log keeps both.
 */
gboolean
ret_store_record_handover (RetStore    *self,
                           const char  *transfer_code,
                           gint64       person_id,
                           gint64       handed_over_at,
                           const char  *official,
                           const char  *actor,
                           GError     **error)
{
  g_autofree char *at_text = NULL;
  g_autofree char *person_text = NULL;
  g_autofree char *detail = NULL;
  RetTransferStatus status;
  sqlite3_stmt *stmt;
  gint64 transfer_id, depart_at;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!check_text (official, TRUE, RET_NAME_MAX_BYTES, "", _("Receiving official"), error) ||
      !check_past (handed_over_at, NULL, _("Handed over: in the future"), error))
    return FALSE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  if (!find_transfer (self, transfer_code, &transfer_id, NULL, &status, error))
    goto fail;
  if (status == RET_TRANSFER_CANCELLED)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s was cancelled"), transfer_code);
      goto fail;
    }

  stmt = _ret_store_statement (self, "SELECT depart_at FROM transfers WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  depart_at = _ret_store_step_int64 (stmt, 0);
  if (handed_over_at < depart_at)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Handed over: before transfer %s departed"), transfer_code);
      goto fail;
    }

  if (person_id == 0)
    stmt = _ret_store_statement (self,
                                 "UPDATE transfers SET actual_handover_at = ?2, receiving_official = ?3 "
                                 "WHERE id = ?1", error);
  else
    stmt = _ret_store_statement (self,
                                 "UPDATE manifest_entries SET actual_handover_at = ?2, "
                                 "receiving_official = ?3, handed_over = 1 "
                                 "WHERE transfer_id = ?1 AND person_id = ?4", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, transfer_id);
  sqlite3_bind_int64 (stmt, 2, handed_over_at);
  _ret_store_bind_text (stmt, 3, official);
  if (person_id != 0)
    sqlite3_bind_int64 (stmt, 4, person_id);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_ret_store_get_db (self)) == 0)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("This person is not on transfer %s"), transfer_code);
      goto fail;
    }

  at_text = utc_text (handed_over_at);
  person_text = person_id != 0 ? _ret_store_int_text (person_id) : NULL;
  detail = detail_json ("person_id", person_text, "handed_over_at", at_text,
                        "official", official, NULL);
  return _ret_store_audit_and_commit (self, actor, "handover", "transfer", transfer_code, detail,
                                      "transfers", error);

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Loading what a check needs                                         */

/* Moves the elements of @from, a list just read, to @to and frees
 * @from; FALSE when @from is NULL because its read failed. */
gboolean
_ret_store_take_all (GPtrArray *to,
                     GPtrArray *from)
{
  if (from == NULL)
    return FALSE;

  g_ptr_array_set_free_func (from, NULL);
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_ptr_array_index (from, i));
  g_ptr_array_unref (from);

  return TRUE;
}

/* "[1,2,3]": a set of ids for json_each(), so that one statement serves
 * every size of plan. */
char *
_ret_store_ids_json (GArray *ids)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static GTimeZone *
zone_for (GHashTable *zones,
          const char *identifier)
{
  GTimeZone *zone;

  if (identifier == NULL)
    identifier = "UTC";

  zone = g_hash_table_lookup (zones, identifier);
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
      g_hash_table_insert (zones, g_strdup (identifier), zone);
    }

  return zone;
}

/* The Julian day of @utc's local date in @zone. */
static guint32
local_julian (GTimeZone *zone,
              gint64     utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = dt != NULL ? g_date_time_to_timezone (dt, zone) : NULL;
  GDate date;

  if (local == NULL)
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

/* Positions in a RetCheckData's arrays by row id, plus one so that 0
 * means "not loaded". */
static void
index_add (GHashTable *index,
           gint64      id,
           guint       position)
{
  g_hash_table_insert (index, GSIZE_TO_POINTER ((gsize) id), GUINT_TO_POINTER (position + 1));
}

/* The position plus one of the id in @column, or 0. */
static gsize
index_lookup (GHashTable   *index,
              sqlite3_stmt *stmt,
              int           column)
{
  gint64 id = sqlite3_column_int64 (stmt, column);

  return GPOINTER_TO_SIZE (g_hash_table_lookup (index, GSIZE_TO_POINTER ((gsize) id)));
}

static gboolean
load_transfers (RetStore      *self,
                RetCheckData  *data,
                const GDate   *from,
                guint          days,
                gint64         plan_id,
                GArray        *transfer_ids,
                GArray        *plan_ids,
                GHashTable    *transfer_index,
                GError       **error)
{
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_time_zone_unref);
  g_autoptr(GHashTable) plans_seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint32 first_day = 0, end_day = 0;
  gint64 from_utc = 0, to_utc = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (from != NULL)
    {
      GDate end = *from;
      g_autoptr(GDateTime) start = NULL;

      g_date_add_days (&end, days);
      first_day = g_date_get_julian (from);
      end_day = g_date_get_julian (&end);
      start = g_date_time_new_utc (g_date_get_year (from), g_date_get_month (from),
                                   g_date_get_day (from), 0, 0, 0);
      from_utc = g_date_time_to_unix (start) - MAX_ZONE_OFFSET;
      to_utc = g_date_time_to_unix (start) + (gint64) days * 24 * 3600 + MAX_ZONE_OFFSET;
    }

  stmt = _ret_store_statement (self,
                               "SELECT t.id, t.plan_id, t.code, t.mode, t.facility, t.point, "
                               "t.depart_at, t.handover_at, t.seats, t.status, t.actual_handover_at, "
                               "t.receiving_official, p.timezone "
                               "FROM transfers t JOIN plans pl ON pl.id = t.plan_id "
                               "LEFT JOIN points p ON p.code = t.point "
                               "WHERE t.status != 'cancelled' AND (?1 <= 0 OR t.plan_id = ?1) "
                               "AND (?2 = 0 OR (t.handover_at >= ?3 AND t.handover_at < ?4)) "
                               "AND (?2 != 0 OR pl.status != 'closed') "
                               "ORDER BY t.handover_at, t.code", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int (stmt, 2, from != NULL);
  sqlite3_bind_int64 (stmt, 3, from_utc);
  sqlite3_bind_int64 (stmt, 4, to_utc);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 handover_at = sqlite3_column_int64 (stmt, 7);
      RetCheckTransfer *t;

      /* The day of a handover is the point's, not UTC's: 23:30 at
       * Matamoros on the 2nd is the 3rd in UTC. */
      if (from != NULL)
        {
          GTimeZone *zone = zone_for (zones, (const char *) sqlite3_column_text (stmt, 12));
          guint32 day = local_julian (zone, handover_at);

          if (day < first_day || day >= end_day)
            continue;
        }

      t = ret_check_transfer_new ();
      t->id = sqlite3_column_int64 (stmt, 0);
      t->plan_id = sqlite3_column_int64 (stmt, 1);
      t->code = _ret_store_column_dup (stmt, 2);
      t->mode = _ret_store_column_dup (stmt, 3);
      t->facility = _ret_store_column_dup (stmt, 4);
      t->point = _ret_store_column_dup (stmt, 5);
      t->depart_at = sqlite3_column_int64 (stmt, 6);
      t->handover_at = handover_at;
      t->seats = sqlite3_column_int (stmt, 8);
      if (!ret_transfer_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &t->status))
        t->status = RET_TRANSFER_PLANNED;
      t->actual_handover_at = sqlite3_column_int64 (stmt, 10);
      t->receiving_official = _ret_store_column_dup (stmt, 11);

      g_array_append_val (transfer_ids, t->id);
      if (g_hash_table_add (plans_seen, GSIZE_TO_POINTER ((gsize) t->plan_id)))
        g_array_append_val (plan_ids, t->plan_id);

      index_add (transfer_index, t->id, ret_check_data_add_transfer (data, t));
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/* A row of _RET_STORE_CHECK_PERSON_COLUMNS; the columns after them are
 * the caller's. */
RetCheckPerson *
_ret_store_check_person_from_row (sqlite3_stmt *stmt)
{
  const int c = _RET_STORE_N_PERSON_COLUMNS;
  RetPerson *person = _ret_store_person_from_row (stmt);
  RetCheckPerson *cp = ret_check_person_new (person);

  cp->belongings_inventoried = sqlite3_column_int (stmt, c) != 0;
  cp->belongings_outstanding = sqlite3_column_int (stmt, c + 1);
  g_free (cp->medical_notes);
  cp->medical_notes = g_strdup (person->medical_notes != NULL ? person->medical_notes : "");
  cp->origin_known = sqlite3_column_type (stmt, c + 2) != SQLITE_NULL;
  if (cp->origin_known)
    {
      cp->origin_latitude = sqlite3_column_double (stmt, c + 2);
      cp->origin_longitude = sqlite3_column_double (stmt, c + 3);
      cp->origin_name = g_strdup (person->origin_label);
    }

  return cp;
}

/* The persons on the transfers, and every member of their families
 * wherever they are, with what R05, R10, R11 and R14 look at. */
static gboolean
load_persons (RetStore      *self,
              RetCheckData  *data,
              const char    *transfers_json,
              GHashTable    *person_index,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "WITH onboard(id) AS ("
                               "  SELECT person_id FROM manifest_entries"
                               "  WHERE transfer_id IN (SELECT value FROM json_each(?1))),"
                               " families(id) AS ("
                               "  SELECT DISTINCT family_group_id FROM persons"
                               "  WHERE id IN (SELECT id FROM onboard) AND family_group_id IS NOT NULL),"
                               " wanted(id) AS ("
                               "  SELECT id FROM onboard UNION"
                               "  SELECT id FROM persons WHERE family_group_id IN (SELECT id FROM families)) "
                               "SELECT " _RET_STORE_CHECK_PERSON_COLUMNS ","
                               " sc.person_id, sc.screened_at, sc.screener, sc.trafficking_risk,"
                               " sc.fear_of_return, sc.able_to_decide, sc.notes, "
                               _RET_STORE_LATEST_TRANSFER_SQL
                               _RET_STORE_PERSON_FROM
                               " LEFT JOIN screenings sc ON sc.person_id = p.id"
                               " WHERE p.id IN (SELECT id FROM wanted) ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, transfers_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const int c = _RET_STORE_N_CHECK_PERSON_COLUMNS;
      RetCheckPerson *cp = _ret_store_check_person_from_row (stmt);

      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        cp->screening = screening_from_row (stmt, c + 1);
      /* Kept for now; cleared below for those on a checked transfer. */
      cp->elsewhere_transfer = _ret_store_column_dup (stmt, c + 7);

      index_add (person_index, cp->person->id, ret_check_data_add_person (data, cp));
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

static gboolean
load_entries (RetStore      *self,
              RetCheckData  *data,
              const char    *transfers_json,
              GHashTable    *transfer_index,
              GHashTable    *person_index,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT e.transfer_id, e.person_id, e.actual_handover_at, "
                               "e.receiving_official FROM manifest_entries e "
                               "JOIN persons p ON p.id = e.person_id "
                               "WHERE e.transfer_id IN (SELECT value FROM json_each(?1)) "
                               "ORDER BY e.transfer_id, p.sort_key, p.id", error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, transfers_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize t = index_lookup (transfer_index, stmt, 0);
      gsize p = index_lookup (person_index, stmt, 1);
      RetCheckTransfer *transfer;
      RetCheckPerson *person;
      RetCheckEntry *entry;

      if (t == 0 || p == 0)
        continue;

      transfer = g_ptr_array_index (data->transfers, t - 1);
      person = g_ptr_array_index (data->persons, p - 1);
      g_clear_pointer (&person->elsewhere_transfer, g_free);

      ret_check_transfer_add_person (transfer, p - 1);
      entry = &g_array_index (transfer->entries, RetCheckEntry, transfer->entries->len - 1);
      entry->actual_handover_at = sqlite3_column_int64 (stmt, 2);
      entry->receiving_official = _ret_store_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/* The latest notice of each kind for each transfer */
static gboolean
load_notices (RetStore      *self,
              RetCheckData  *data,
              const char    *transfers_json,
              GHashTable    *transfer_index,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT transfer_id, recipient_kind, max(sent_at) FROM notices "
                               "WHERE transfer_id IN (SELECT value FROM json_each(?1)) "
                               "AND sent_at IS NOT NULL GROUP BY transfer_id, recipient_kind", error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, transfers_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize t = index_lookup (transfer_index, stmt, 0);
      int kind = name_index (notice_kinds, G_N_ELEMENTS (notice_kinds),
                             (const char *) sqlite3_column_text (stmt, 1));
      RetCheckTransfer *transfer;

      if (t == 0 || kind < 0)
        continue;

      transfer = g_ptr_array_index (data->transfers, t - 1);
      transfer->notice_sent_at[kind] = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

static RetResolution *
resolution_from_row (sqlite3_stmt *stmt)
{
  RetResolution *r = g_new0 (RetResolution, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 5);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->plan_id = sqlite3_column_int64 (stmt, 1);
  r->transfer_code = _ret_store_column_dup (stmt, 2);
  if (!rule_from_code ((const char *) sqlite3_column_text (stmt, 3), &r->rule))
    r->rule = RET_N_RULES;
  r->subject = _ret_store_column_dup (stmt, 4);
  r->kind = g_strcmp0 (kind, "override") == 0 ? RET_RESOLUTION_OVERRIDE
          : g_strcmp0 (kind, "acknowledgement") == 0 ? RET_RESOLUTION_ACKNOWLEDGEMENT
          : RET_RESOLUTION_NONE;
  r->reason = _ret_store_column_dup (stmt, 6);
  r->approver = _ret_store_column_dup (stmt, 7);
  r->created_at = sqlite3_column_int64 (stmt, 8);

  return r;
}

static gboolean
load_resolutions (RetStore      *self,
                  RetCheckData  *data,
                  const char    *plans_json,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _ret_store_statement (self,
                               "SELECT o.id, o.plan_id, t.code, o.rule, o.subject, o.kind, o.reason, "
                               "o.approver, o.created_at FROM overrides o "
                               "LEFT JOIN transfers t ON t.id = o.transfer_id "
                               /* family splits are matched whatever plan they
                                * were seen in (see ret-rules.c) */
                               "WHERE o.plan_id IN (SELECT value FROM json_each(?1)) "
                               "OR o.rule = 'R07' ORDER BY o.id",
                               error);
  if (stmt == NULL)
    return FALSE;

  _ret_store_bind_text (stmt, 1, plans_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RetResolution *r = resolution_from_row (stmt);

      /* A rule a later catalogue dropped resolves nothing. */
      if (r->rule >= RET_N_RULES || r->kind == RET_RESOLUTION_NONE)
        {
          ret_resolution_free (r);
          continue;
        }
      g_ptr_array_add (data->resolutions, r);
    }
  sqlite3_reset (stmt);

  return !_ret_store_read_failed (self, rc, error);
}

/* Everything, in the transaction the caller holds (a read snapshot, or
 * the write transaction of an approval). */
static RetCheckData *
load_check_data (RetStore     *self,
                 const GDate  *from,
                 guint         days,
                 gint64        plan_id,
                 GError      **error)
{
  g_autoptr(RetCheckData) data = ret_check_data_new ();
  g_autoptr(GArray) transfer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) plan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) transfer_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) person_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *transfers_json = NULL;
  g_autofree char *plans_json = NULL;

  data->now = _ret_store_now ();

  if (!_ret_store_take_all (data->points, ret_store_list_points (self, error)) ||
      !_ret_store_take_all (data->facilities, ret_store_list_facilities (self, error)) ||
      !_ret_store_take_all (data->arrangements, ret_store_list_arrangements (self, error)) ||
      !_ret_store_take_all (data->lateral_pairs, ret_store_list_lateral_pairs (self, error)) ||
      !_ret_store_take_all (data->exceptions, ret_store_list_point_exceptions (self, NULL, error)))
    return NULL;

  if (!load_transfers (self, data, from, days, plan_id, transfer_ids, plan_ids,
                       transfer_index, error))
    return NULL;

  transfers_json = _ret_store_ids_json (transfer_ids);
  plans_json = _ret_store_ids_json (plan_ids);

  if (!load_persons (self, data, transfers_json, person_index, error) ||
      !load_entries (self, data, transfers_json, transfer_index, person_index, error) ||
      !load_notices (self, data, transfers_json, transfer_index, error) ||
      !load_resolutions (self, data, plans_json, error))
    return NULL;

  ret_check_data_invalidate (data);

  return g_steal_pointer (&data);
}

/*
 * ret_store_load_check_data:
 * @from: (nullable): the first local date, or NULL for every transfer of
 *   every plan that is not closed
 * @days: how many dates from @from
 * @plan_id: a plan's id to keep its transfers only, or 0
 *
 * Reads, in one snapshot and a handful of set-based queries, everything
 * a rule check looks at.
 *
 * Returns: (transfer full): the data, data->now set to the current time
 */
RetCheckData *
ret_store_load_check_data (RetStore     *self,
                           const GDate  *from,
                           guint         days,
                           gint64        plan_id,
                           GError      **error)
{
  RetCheckData *data;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (RET_IS_STORE (self), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);

  if (!_ret_store_begin_read (self, error))
    return NULL;

  data = load_check_data (self, from, days, plan_id, error);
  _ret_store_end_read (self);

  if (data != NULL)
    g_debug ("Loaded %u transfers and %u persons for a check in %.1f ms",
             data->transfers->len, data->persons->len,
             (g_get_monotonic_time () - started) / 1000.0);

  return data;
}

/* ------------------------------------------------------------------ */
/* Plans                                                              */

static RetPlanInfo *
plan_info_from_row (sqlite3_stmt *stmt)
{
  RetPlanInfo *info = g_new0 (RetPlanInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->from_date = _ret_store_column_dup (stmt, 1);
  info->days = sqlite3_column_int (stmt, 2);
  info->status = _ret_store_column_dup (stmt, 3);
  info->created_at = sqlite3_column_int64 (stmt, 4);
  info->approved_at = sqlite3_column_int64 (stmt, 5);
  info->approved_by = _ret_store_column_dup (stmt, 6);
  info->n_transfers = sqlite3_column_int (stmt, 7);

  return info;
}

/*
 * ret_store_list_plans:
 *
 * Returns: (transfer full) (element-type RetPlanInfo): every plan, the
 *   latest dates first; n_transfers counts those not cancelled
 */
GPtrArray *
ret_store_list_plans (RetStore  *self,
                      GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RET_IS_STORE (self), NULL);

  stmt = _ret_store_statement (self,
                               "SELECT p.id, p.from_date, p.days, p.status, p.created_at, "
                               "p.approved_at, p.approved_by, "
                               "(SELECT count(*) FROM transfers t WHERE t.plan_id = p.id "
                               " AND t.status != 'cancelled') "
                               "FROM plans p ORDER BY p.from_date DESC, p.id DESC", error);

  return _ret_store_collect_rows (self, stmt, (RetStoreRowFunc) plan_info_from_row,
                                  (GDestroyNotify) ret_plan_info_free, error);
}

/* The plan's hard violations that nothing resolves, and its warnings
 * approved as acknowledged. */
static void
count_plan_violations (RetCheckResult *result,
                       gint64          plan_id,
                       guint          *n_hard,
                       guint          *n_overridden,
                       guint          *n_warnings)
{
  GPtrArray *violations = ret_check_result_get_violations (result);

  *n_hard = *n_overridden = *n_warnings = 0;
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if (v->plan_id != plan_id)
        continue;
      if (v->severity == RET_SEVERITY_HARD && !ret_violation_is_resolved (v))
        (*n_hard)++;
      else if (v->severity == RET_SEVERITY_HARD)
        (*n_overridden)++;
      else
        (*n_warnings)++;
    }
}

/*
 * ret_store_approve_plan:
 *
 * Approves a draft plan after checking it, inside the write
 * transaction, so that nothing can change between the check and the
 * approval.  Refused with RET_STORE_ERROR_BLOCKED while a hard
 * violation is unresolved.
 */
gboolean
ret_store_approve_plan (RetStore    *self,
                        gint64       plan_id,
                        const char  *approver,
                        GError     **error)
{
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autofree char *status = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *n_transfers = NULL;
  g_autofree char *n_overrides = NULL;
  g_autofree char *n_warning_text = NULL;
  guint n_hard, n_overridden, n_warnings;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);

  if (!check_text (approver, TRUE, RET_NAME_MAX_BYTES, "", _("Approver"), error))
    return FALSE;

  id_text = _ret_store_int_text (plan_id);
  if (!_ret_store_begin (self, error))
    return FALSE;

  stmt = _ret_store_statement (self, "SELECT status FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    status = _ret_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (status == NULL)
    {
      if (!_ret_store_read_failed (self, rc, error))
        g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                     _("No plan %s"), id_text);
      goto fail;
    }
  if (!g_str_equal (status, "draft"))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   g_str_equal (status, "approved")
                   ? _("Plan %s is already approved")
                   : _("Plan %s is closed"), id_text);
      goto fail;
    }

  data = load_check_data (self, NULL, 0, plan_id, error);
  if (data == NULL)
    goto fail;

  result = ret_check_run (data);
  count_plan_violations (result, plan_id, &n_hard, &n_overridden, &n_warnings);
  if (ret_check_result_blocks_approval (result, plan_id))
    {
      n_hard = MAX (n_hard, 1);
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED,
                   ngettext ("Plan %s cannot be approved: %u hard violation of the safety "
                             "rules is unresolved; fix it, or override it with a reason and an "
                             "approver",
                             "Plan %s cannot be approved: %u hard violations of the safety "
                             "rules are unresolved; fix them, or override them with a reason and "
                             "an approver", n_hard),
                   id_text, n_hard);
      goto fail;
    }

  stmt = _ret_store_statement (self,
                               "UPDATE plans SET status = 'approved', approved_at = ?2, approved_by = ?3 "
                               "WHERE id = ?1 AND status = 'draft'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, _ret_store_now ());
  _ret_store_bind_text (stmt, 3, approver);
  if (!_ret_store_step_done (self, stmt, error))
    goto fail;

  n_transfers = _ret_store_int_text (data->transfers->len);
  n_overrides = _ret_store_int_text (n_overridden);
  n_warning_text = _ret_store_int_text (n_warnings);
  detail = detail_json ("approver", approver, "transfers", n_transfers,
                        "overridden", n_overrides, "warnings", n_warning_text, NULL);
  if (!_ret_store_audit_and_commit (self, approver, "approve", "plan", id_text, detail, "plans", error))
    return FALSE;

  g_debug ("Approved plan %" G_GINT64_FORMAT, plan_id);
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Overrides and acknowledgements                                     */

/*
 * ret_store_add_resolution:
 * @resolution: plan_id, transfer_code, rule, subject, kind, reason and
 *   approver are read; id and created_at are set here
 * @id: (out) (optional): the new resolution's id
 *
 * Records an override of a hard violation or the acknowledgement of a
 * warning.  The audit entry names the rule, the transfer, the subject
 * (A-numbers, never names), the kind, the approver and the reason.
 */
gboolean
ret_store_add_resolution (RetStore             *self,
                          const RetResolution  *resolution,
                          const char           *actor,
                          gint64               *id,
                          GError              **error)
{
  g_autofree char *code = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *plan_text = NULL;
  g_autofree char *detail = NULL;
  const char *kind;
  sqlite3_stmt *stmt;
  gint64 transfer_id, transfer_plan, new_id;

  g_return_val_if_fail (RET_IS_STORE (self), FALSE);
  g_return_val_if_fail (resolution != NULL, FALSE);

  switch (resolution->kind)
    {
    case RET_RESOLUTION_OVERRIDE:
      kind = "override";
      break;
    case RET_RESOLUTION_ACKNOWLEDGEMENT:
      kind = "acknowledgement";
      break;
    case RET_RESOLUTION_NONE:
    default:
      g_set_error_literal (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                           _("Choose an override or an acknowledgement"));
      return FALSE;
    }

  if ((guint) resolution->rule >= RET_N_RULES)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Unknown safety rule %d"), (int) resolution->rule + 1);
      return FALSE;
    }

  if (!check_text (resolution->reason, TRUE, TEXT_MAX_BYTES, "\t\n\r", _("Reason"), error) ||
      !check_text (resolution->approver, TRUE, TEXT_MAX_BYTES, "", _("Approver"), error) ||
      !check_text (resolution->subject, FALSE, SUBJECT_MAX_BYTES, "", _("Subject"), error))
    return FALSE;

  if (!_ret_store_begin (self, error))
    return FALSE;

  plan_text = _ret_store_int_text (resolution->plan_id);
  if (!find_transfer (self, resolution->transfer_code, &transfer_id, &transfer_plan, NULL, error))
    goto fail;
  stmt = _ret_store_statement (self, "SELECT 1 FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, resolution->plan_id);
  if (!_ret_store_step_exists (stmt))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND,
                   _("No plan %s"), plan_text);
      goto fail;
    }
  if (transfer_plan != resolution->plan_id)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_INVALID,
                   _("Transfer %s is not part of plan %s"),
                   resolution->transfer_code, plan_text);
      goto fail;
    }

  code = rule_code (resolution->rule);
  stmt = _ret_store_statement (self,
                               "INSERT INTO overrides (plan_id, transfer_id, rule, kind, reason, approver, "
                               "created_at, subject) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, resolution->plan_id);
  sqlite3_bind_int64 (stmt, 2, transfer_id);
  _ret_store_bind_text (stmt, 3, code);
  _ret_store_bind_text (stmt, 4, kind);
  _ret_store_bind_text (stmt, 5, resolution->reason);
  _ret_store_bind_text (stmt, 6, resolution->approver);
  sqlite3_bind_int64 (stmt, 7, _ret_store_now ());
  _ret_store_bind_text (stmt, 8, resolution->subject != NULL ? resolution->subject : "");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _ret_store_set_db_error (self, sqlite3_reset (stmt), error, "resolution");
      goto fail;
    }
  new_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  id_text = _ret_store_int_text (new_id);
  detail = detail_json ("plan", plan_text, "rule", code, "transfer", resolution->transfer_code,
                        "subject", resolution->subject != NULL ? resolution->subject : "",
                        "kind", kind, "approver", resolution->approver,
                        "reason", resolution->reason, NULL);
  if (!_ret_store_audit_and_commit (self, actor, kind, "resolution", id_text, detail, "resolutions", error))
    return FALSE;

  if (id != NULL)
    *id = new_id;
  return TRUE;

fail:
  _ret_store_rollback (self);
  return FALSE;
}
