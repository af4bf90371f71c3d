/* ret-plan-edit.c — editing a plan by hand: what a move of persons would break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-plan-edit"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-plan-edit.h"

#define DRAG_PREFIX "retorno-move\n"

static const RetPerson *
person_at (RetCheckData *data,
           guint         index)
{
  return ((RetCheckPerson *) g_ptr_array_index (data->persons, index))->person;
}

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Adds to @ids the person at manifest index @index of @transfer and the
 * members of their family on it. */
static void
add_with_family (RetCheckData     *data,
                 RetCheckTransfer *transfer,
                 guint             index,
                 GArray           *ids)
{
  const RetPerson *person = person_at (data, index);
  const char *family = person->family_group;

  if (family == NULL || *family == '\0')
    {
      if (!id_in (ids, person->id))
        g_array_append_val (ids, person->id);
      return;
    }

  /* In manifest order, so that the move keeps the family's order */
  for (guint e = 0; e < transfer->entries->len; e++)
    {
      const RetPerson *other = person_at (data, g_array_index (transfer->entries, RetCheckEntry, e).person);

      if (g_strcmp0 (other->family_group, family) == 0 && !id_in (ids, other->id))
        g_array_append_val (ids, other->id);
    }
}

GArray *
ret_plan_expand_move (RetCheckData *data,
                      const char   *from_code,
                      const gint64 *person_ids,
                      guint         n_persons)
{
  GArray *ids;
  RetCheckTransfer *from;
  int t;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (from_code != NULL, NULL);
  g_return_val_if_fail (person_ids != NULL || n_persons == 0, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  t = ret_check_data_find_transfer (data, from_code);
  if (t < 0)
    return ids;
  from = g_ptr_array_index (data->transfers, t);

  for (guint i = 0; i < n_persons; i++)
    for (guint e = 0; e < from->entries->len; e++)
      {
        guint p = g_array_index (from->entries, RetCheckEntry, e).person;

        if (person_at (data, p)->id == person_ids[i])
          {
            add_with_family (data, from, p, ids);
            break;
          }
      }

  return ids;
}

GArray *
ret_plan_family_on_transfer (RetCheckData *data,
                             const char   *code,
                             gint64        person_id)
{
  return ret_plan_expand_move (data, code, &person_id, 1);
}

/* A violation about the same persons for the same reason is the same
 * problem wherever they travel: a child without a screening (R05) stays
 * one when moved, and is not news to the coordinator.  The subject names
 * the persons (and the kind of problem); the transfer does not.  Only
 * while unresolved: an override is given on one transfer and does not
 * follow the child to another. */
static char *
subject_key (const RetViolation *v)
{
  return g_strdup_printf ("s\x1f%d\x1f%s", (int) v->rule, v->subject ? v->subject : "");
}

/* A transfer that already breaks a rule, unresolved, and breaks it about
 * more persons after the move: the check shows it and approval is
 * blocked already, so that is no news either.  One that was overridden
 * and grows is: the override no longer covers it. */
static char *
transfer_key (const RetViolation *v)
{
  return g_strdup_printf ("t\x1f%d\x1f%s", (int) v->rule, v->transfer_code ? v->transfer_code : "");
}

/* An array for a manifest during a preview: without a clear function,
 * because it shares the entries' strings with the real manifests, which
 * are put back untouched afterwards. */
static GArray *
borrowed_entries (guint n)
{
  return g_array_sized_new (FALSE, TRUE, sizeof (RetCheckEntry), n);
}

GPtrArray *
ret_plan_preview_move (RetCheckData   *data,
                       RetCheckResult *result,
                       const char     *from_code,
                       const char     *to_code,
                       const gint64   *person_ids,
                       guint           n_persons)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GArray) moving = NULL;
  g_autoptr(GArray) from_entries = NULL;
  g_autoptr(GArray) to_entries = NULL;
  RetCheckTransfer *from;
  RetCheckTransfer *to;
  GArray *from_saved;
  GArray *to_saved;
  GPtrArray *problems;
  GPtrArray *violations;
  int from_index, to_index;
  guint changed[2];

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (from_code != NULL && to_code != NULL, NULL);
  g_return_val_if_fail (person_ids != NULL || n_persons == 0, NULL);

  from_index = ret_check_data_find_transfer (data, from_code);
  to_index = ret_check_data_find_transfer (data, to_code);
  if (from_index < 0 || to_index < 0 || from_index == to_index)
    return NULL;

  from = g_ptr_array_index (data->transfers, from_index);
  to = g_ptr_array_index (data->transfers, to_index);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);

  moving = ret_plan_expand_move (data, from_code, person_ids, n_persons);
  if (moving->len == 0)
    return problems;

  /* What the plan has now: a problem that stays is not one the move
   * brings. */
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  violations = ret_check_result_get_violations (result);
  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if (v->severity != RET_SEVERITY_HARD || ret_violation_is_resolved (v))
        continue;
      g_hash_table_add (before, subject_key (v));
      g_hash_table_add (before, transfer_key (v));
    }

  /* The manifests after the move */
  from_entries = borrowed_entries (from->entries->len);
  to_entries = borrowed_entries (to->entries->len + moving->len);
  g_array_append_vals (to_entries, to->entries->data, to->entries->len);
  for (guint e = 0; e < from->entries->len; e++)
    {
      const RetCheckEntry *entry = &g_array_index (from->entries, RetCheckEntry, e);

      if (id_in (moving, person_at (data, entry->person)->id))
        g_array_append_vals (to_entries, entry, 1);
      else
        g_array_append_vals (from_entries, entry, 1);
    }

  from_saved = from->entries;
  to_saved = to->entries;
  from->entries = from_entries;
  to->entries = to_entries;
  changed[0] = (guint) from_index;
  changed[1] = (guint) to_index;
  ret_check_result_update (result, data, changed, 2);

  violations = ret_check_result_get_violations (result);
  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);
      g_autofree char *by_subject = NULL;
      g_autofree char *by_transfer = NULL;

      if (v->severity != RET_SEVERITY_HARD || ret_violation_is_resolved (v))
        continue;
      by_subject = subject_key (v);
      by_transfer = transfer_key (v);
      if (!g_hash_table_contains (before, by_subject) && !g_hash_table_contains (before, by_transfer))
        g_ptr_array_add (problems, ret_violation_copy (v));
    }

  /* Back as it was: the same arrays, then the same groups checked again */
  from->entries = from_saved;
  to->entries = to_saved;
  ret_check_result_update (result, data, changed, 2);

  return problems;
}

char *
ret_plan_describe_preview (GPtrArray *problems)
{
  g_autoptr(GString) rules = NULL;
  gboolean seen[RET_N_RULES] = { FALSE, };

  if (problems == NULL || problems->len == 0)
    return g_strdup (_("No new problem"));

  rules = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (problems, i);
      const RetRule *rule = ret_rule_get (v->rule);

      if (v->rule >= RET_N_RULES || seen[v->rule])
        continue;
      seen[v->rule] = TRUE;
      if (rules->len > 0)
        /* Translators: between two broken rules in "Would break: …" */
        g_string_append (rules, _(", "));
      g_string_append_printf (rules, "%s %s", rule->code, _(rule->title));
    }

  /* Translators: %s is one or more rules, "R06 Minors travel apart from adults" */
  return g_strdup_printf (_("Would break: %s"), rules->str);
}

static gboolean
plan_is_draft (gint64        plan_id,
               const gint64 *draft_plans,
               guint         n_draft_plans)
{
  for (guint i = 0; i < n_draft_plans; i++)
    if (draft_plans[i] == plan_id)
      return TRUE;
  return FALSE;
}

gboolean
ret_plan_transfer_is_editable (RetCheckData *data,
                               guint         transfer,
                               const gint64 *draft_plans,
                               guint         n_draft_plans)
{
  const RetCheckTransfer *t;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (draft_plans != NULL || n_draft_plans == 0, FALSE);

  if (transfer >= data->transfers->len)
    return FALSE;
  t = g_ptr_array_index (data->transfers, transfer);

  return t->status == RET_TRANSFER_PLANNED && plan_is_draft (t->plan_id, draft_plans, n_draft_plans);
}

const RetPoint *
ret_plan_find_point (const RetCheckData *data,
                     const char         *code)
{
  for (guint i = 0; i < data->points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (data->points, i);

      if (g_strcmp0 (point->code, code) == 0)
        return point;
    }

  return NULL;
}

/* The handover's date at the point's clock, as the rules and the
 * timeline see it; UTC for a point the data does not know. */
static void
handover_local_date (RetCheckData           *data,
                     const RetCheckTransfer *transfer,
                     GDate                  *date)
{
  const RetPoint *point = ret_plan_find_point (data, transfer->point);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (point != NULL && point->timezone != NULL)
    zone = g_time_zone_new_identifier (point->timezone);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  g_date_clear (date, 1);
  utc = g_date_time_new_from_unix_utc (transfer->handover_at);
  if (utc == NULL)
    return;
  local = g_date_time_to_timezone (utc, zone);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const RetCheckTransfer *ta = *(const RetCheckTransfer * const *) a;
  const RetCheckTransfer *tb = *(const RetCheckTransfer * const *) b;

  if (ta->handover_at != tb->handover_at)
    return ta->handover_at < tb->handover_at ? -1 : 1;
  return g_strcmp0 (ta->code, tb->code);
}

GPtrArray *
ret_plan_list_move_targets (RetCheckData *data,
                            const char   *from_code,
                            const gint64 *draft_plans,
                            guint         n_draft_plans)
{
  g_autoptr(GPtrArray) found = NULL;
  GPtrArray *codes;
  const RetCheckTransfer *from;
  GDate from_date;
  int from_index;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (from_code != NULL, NULL);

  codes = g_ptr_array_new_with_free_func (g_free);
  from_index = ret_check_data_find_transfer (data, from_code);
  if (from_index < 0 || !ret_plan_transfer_is_editable (data, (guint) from_index, draft_plans, n_draft_plans))
    return codes;

  from = g_ptr_array_index (data->transfers, from_index);
  handover_local_date (data, from, &from_date);

  found = g_ptr_array_new ();
  for (guint t = 0; t < data->transfers->len; t++)
    {
      const RetCheckTransfer *other = g_ptr_array_index (data->transfers, t);
      GDate date;

      if (t == (guint) from_index || g_strcmp0 (other->facility, from->facility) != 0 ||
          !ret_plan_transfer_is_editable (data, t, draft_plans, n_draft_plans))
        continue;

      handover_local_date (data, other, &date);
      if (g_date_valid (&date) && g_date_valid (&from_date) && g_date_compare (&date, &from_date) == 0)
        g_ptr_array_add (found, (gpointer) other);
    }

  g_ptr_array_sort (found, compare_targets);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (codes, g_strdup (((const RetCheckTransfer *) g_ptr_array_index (found, i))->code));

  return codes;
}

char *
ret_plan_drag_format (const char *code,
                      gint64      person_id)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_strdup_printf (DRAG_PREFIX "%s\n%" G_GINT64_FORMAT, code, person_id);
}

gboolean
ret_plan_drag_parse (const char  *text,
                     char       **code,
                     gint64      *person_id)
{
  const char *rest;
  const char *newline;
  gint64 id;

  if (text == NULL || !g_str_has_prefix (text, DRAG_PREFIX))
    return FALSE;

  rest = text + strlen (DRAG_PREFIX);
  newline = strchr (rest, '\n');
  if (newline == NULL || newline == rest)
    return FALSE;
  if (!g_ascii_string_to_signed (newline + 1, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;

  if (code != NULL)
    *code = g_strndup (rest, newline - rest);
  if (person_id != NULL)
    *person_id = id;

  return TRUE;
}
