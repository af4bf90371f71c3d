/* ret-checks-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside the day timeline: what the agreed safety rules find in the
 * transfers of the day shown, grouped by severity and rule, checked
 * again whenever the database changes.  From here a coordinator jumps
 * to the transfer or the person concerned, overrides a hard violation
 * or acknowledges a warning, and approves the day's draft plan once
 * nothing blocks it.
 *
 * On a border-wide day the check reads thousands of persons: it runs in
 * a thread, on a connection of its own to the database, and only its
 * answer comes back to the widgets.
 */

#define G_LOG_DOMAIN "ret-checks-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-checks-panel.h"
#include "ret-main-window.h"
#include "ret-resolve-dialog.h"

/* Edits come in bursts (an import, a plan stored transfer by
 * transfer): one check after the burst is enough. */
#define REFRESH_DELAY_MS 150

struct _RetChecksPanel
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkButton      *approve_button;
  GtkLabel       *count_label;
  GtkLabel       *resolved_label;
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkListBox     *violation_list;

  /* owned references */
  RetStore       *store;
  gulong          store_changed_id;
  GSettings      *settings;
  RetCheckData   *data;
  RetCheckResult *result;
  char           *count_text;
  char           *selected_key;   /* of the selected violation, across re-checks */
  char           *shown;          /* what the rows show, to rebuild them only when it changes */
  guint           refresh_id;
  GCancellable   *cancellable;    /* of the check under way; NULL when none is */
  guint           generation;     /* of the latest check asked for */
  gboolean        current;        /* what is shown is of the day and database shown */

  GDate           date;
  gint64          plan_id;        /* the draft plan the button approves; 0 for none */
  guint           unresolved_hard;
  gboolean        selecting_quietly;
};

G_DEFINE_FINAL_TYPE (RetChecksPanel, ret_checks_panel, ADW_TYPE_BIN)

enum
{
  TRANSFER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_UNRESOLVED_HARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_unresolved_hard (RetChecksPanel *self,
                     guint           n)
{
  if (self->unresolved_hard == n)
    return;

  self->unresolved_hard = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNRESOLVED_HARD]);
}

/* ------------------------------------------------------------------ */
/* Display decisions                                                  */

/*
 * ret_checks_format_counts:
 *
 * The header's count of what still needs a decision:
 * "2 hard · 5 warnings".
 */
char *
ret_checks_format_counts (guint unresolved_hard,
                          guint unresolved_warnings)
{
  g_autofree char *hard = NULL;
  g_autofree char *warnings = NULL;

  if (unresolved_hard == 0 && unresolved_warnings == 0)
    return g_strdup (_("No unresolved violations"));

  /* Translators: a count of hard violations of the safety rules, "2 hard" */
  hard = g_strdup_printf (ngettext ("%u hard", "%u hard", unresolved_hard), unresolved_hard);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", unresolved_warnings),
                              unresolved_warnings);

  /* Translators: "2 hard · 5 warnings" */
  return g_strdup_printf (_("%s · %s"), hard, warnings);
}

/*
 * ret_checks_format_resolved:
 *
 * "1 overridden · 2 acknowledged"; %NULL when there is neither.
 */
char *
ret_checks_format_resolved (guint overridden,
                            guint acknowledged)
{
  g_autofree char *overrides = NULL;
  g_autofree char *acks = NULL;

  if (overridden == 0 && acknowledged == 0)
    return NULL;

  /* Translators: hard violations accepted with a reason, "1 overridden" */
  overrides = g_strdup_printf (ngettext ("%u overridden", "%u overridden", overridden), overridden);
  /* Translators: warnings accepted with a reason, "2 acknowledged" */
  acks = g_strdup_printf (ngettext ("%u acknowledged", "%u acknowledged", acknowledged), acknowledged);

  if (acknowledged == 0)
    return g_steal_pointer (&overrides);
  if (overridden == 0)
    return g_steal_pointer (&acks);

  /* Translators: "1 overridden · 2 acknowledged" */
  return g_strdup_printf (_("%s · %s"), overrides, acks);
}

/* "R03 · Vulnerable persons in daylight" */
char *
ret_checks_format_rule_header (RetRuleId rule)
{
  const RetRule *info = ret_rule_get (rule);

  if (info == NULL)
    return g_strdup ("");

  /* Translators: a rule's code and title, "R03 · Vulnerable persons in daylight" */
  return g_strdup_printf (_("%s · %s"), info->code, _(info->title));
}

/* "3 persons"; %NULL when the violation names no one (a notice). */
char *
ret_checks_format_persons (const RetViolation *violation)
{
  guint n;

  g_return_val_if_fail (violation != NULL, NULL);

  n = violation->persons != NULL ? violation->persons->len : 0;
  if (n == 0)
    return NULL;

  return g_strdup_printf (ngettext ("%u person", "%u persons", n), n);
}

/* "Overridden by NAME: reason"; %NULL while unresolved. */
char *
ret_checks_format_resolution (const RetViolation *violation)
{
  const RetResolution *resolution;

  g_return_val_if_fail (violation != NULL, NULL);

  resolution = violation->resolution;
  if (resolution == NULL || resolution->kind == RET_RESOLUTION_NONE)
    return NULL;

  if (resolution->kind == RET_RESOLUTION_OVERRIDE)
    /* Translators: "Overridden by Ana Ruiz: the family asked to travel apart" */
    return g_strdup_printf (_("Overridden by %s: %s"), resolution->approver, resolution->reason);

  /* Translators: "Acknowledged by Ana Ruiz: the point was told by phone" */
  return g_strdup_printf (_("Acknowledged by %s: %s"), resolution->approver, resolution->reason);
}

/* Which button a row gets. */
RetCheckRowAction
ret_checks_row_action (const RetViolation *violation)
{
  g_return_val_if_fail (violation != NULL, RET_CHECK_ROW_ACTION_NONE);

  if (ret_violation_is_resolved (violation))
    return RET_CHECK_ROW_ACTION_NONE;

  return violation->severity == RET_SEVERITY_HARD
    ? RET_CHECK_ROW_ACTION_OVERRIDE
    : RET_CHECK_ROW_ACTION_ACKNOWLEDGE;
}

/* Resolved rows stay in their group, dimmed: the decision remains
 * visible next to what it decided about. */
gboolean
ret_checks_row_dimmed (const RetViolation *violation)
{
  g_return_val_if_fail (violation != NULL, FALSE);

  return ret_violation_is_resolved (violation);
}

/*
 * ret_checks_approve_sensitive:
 * @tooltip: (out) (optional): what the button says when pointed at
 *
 * Returns: whether the Approve Plan button may be pressed
 */
gboolean
ret_checks_approve_sensitive (guint   unresolved_hard,
                              char  **tooltip)
{
  if (tooltip != NULL)
    {
      if (unresolved_hard == 0)
        *tooltip = g_strdup (_("Approve the draft plan of this day"));
      else
        *tooltip = g_strdup_printf (ngettext ("Fix or override the hard violation first",
                                              "Fix or override the %u hard violations first",
                                              unresolved_hard),
                                    unresolved_hard);
    }

  return unresolved_hard == 0;
}

/*
 * ret_checks_pick_draft_plan:
 * @plans: (element-type RetPlanInfo): every plan
 *
 * The draft plan that the transfers of @data belong to; when they
 * belong to several, the one with the most of them (then the oldest).
 *
 * Returns: its id, or 0 when no checked transfer is in a draft plan
 */
gint64
ret_checks_pick_draft_plan (const RetCheckData *data,
                            GPtrArray          *plans)
{
  gint64 best = 0;
  guint best_count = 0;

  g_return_val_if_fail (data != NULL, 0);

  if (plans == NULL)
    return 0;

  for (guint i = 0; i < plans->len; i++)
    {
      const RetPlanInfo *plan = g_ptr_array_index (plans, i);
      guint count = 0;

      if (g_strcmp0 (plan->status, "draft") != 0)
        continue;

      for (guint j = 0; j < data->transfers->len; j++)
        {
          const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, j);

          if (transfer->plan_id == plan->id)
            count++;
        }

      if (count > best_count || (count == best_count && count > 0 && plan->id < best))
        {
          best = plan->id;
          best_count = count;
        }
    }

  return best;
}

/* ------------------------------------------------------------------ */
/* Rows                                                               */

static char *
violation_key (const RetViolation *violation)
{
  return g_strdup_printf ("%d\n%s\n%s", violation->rule, violation->transfer_code,
                          violation->subject != NULL ? violation->subject : "");
}

/* Everything a row shows of @violation, on one line: a row whose
 * violation still reads the same need not be made again. */
static void
describe_violation (GString            *out,
                    const RetViolation *v)
{
  const RetResolution *r = v->resolution;

  g_string_append_printf (out, "%d\t%d\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%u\t%" G_GINT64_FORMAT "\t%d\t%s\t%s\n",
                          v->rule, v->severity, v->plan_id, v->transfer_code, v->subject, v->message,
                          v->persons != NULL ? v->persons->len : 0,
                          v->person_ids != NULL && v->person_ids->len > 0
                            ? g_array_index (v->person_ids, gint64, 0) : 0,
                          r != NULL ? (int) r->kind : 0,
                          r != NULL ? r->approver : "", r != NULL ? r->reason : "");
}

static const RetViolation *
row_violation (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "ret-violation") : NULL;
}

static void
resolved_cb (RetResolveDialog *dialog,
             gint64            id,
             RetChecksPanel   *self)
{
  /* the next decision is most likely the same person's */
  g_settings_set_string (self->settings, "approver-name", ret_resolve_dialog_get_approver (dialog));

  /* the store has said "changed"; show the decision without waiting */
  ret_checks_panel_refresh (self);
}

static void
resolve_clicked_cb (GtkButton      *button,
                    RetChecksPanel *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const RetViolation *violation = row_violation (GTK_LIST_BOX_ROW (row));
  g_autofree char *approver = NULL;
  g_autofree char *actor = NULL;
  GtkWidget *dialog;

  if (violation == NULL || self->store == NULL)
    return;

  /* selecting the row shows the transfer behind the dialog */
  gtk_list_box_select_row (self->violation_list, GTK_LIST_BOX_ROW (row));

  approver = g_settings_get_string (self->settings, "approver-name");
  actor = ret_app_dup_actor (GTK_WIDGET (self));
  dialog = ret_resolve_dialog_new (ret_app_get_window (GTK_WIDGET (self)), self->store, violation,
                                   approver, actor);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (resolved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GMenuModel *
create_row_menu (const RetViolation *violation)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) details = g_menu_item_new (_("_Transfer Details"), NULL);

  g_menu_item_set_action_and_target_value (details, "win.show-transfer",
                                           g_variant_new_string (violation->transfer_code));
  g_menu_append_item (menu, details);

  if (violation->person_ids != NULL && violation->person_ids->len > 0)
    {
      g_autoptr(GMenuItem) persons = g_menu_item_new (_("Show _Persons"), NULL);

      g_menu_item_set_action_and_target_value (persons, "win.show-person",
                                               g_variant_new_int64 (g_array_index (violation->person_ids,
                                                                                   gint64, 0)));
      g_menu_append_item (menu, persons);
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GtkWidget *
create_row (RetChecksPanel     *self,
            const RetViolation *violation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *message = gtk_label_new (violation->message);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *meta;
  GtkWidget *menu_button;
  g_autoptr(GMenuModel) menu = create_row_menu (violation);
  g_autofree char *persons = ret_checks_format_persons (violation);
  g_autofree char *resolution = ret_checks_format_resolution (violation);
  g_autofree char *meta_text = NULL;
  g_autofree char *accessible = NULL;
  RetCheckRowAction action = ret_checks_row_action (violation);

  g_object_set_data_full (G_OBJECT (row), "ret-violation", ret_violation_copy (violation),
                          (GDestroyNotify) ret_violation_free);
  gtk_widget_add_css_class (row, "checks-row");
  /* not Adwaita's .warning and .error, which colour all the text */
  gtk_widget_add_css_class (row, violation->severity == RET_SEVERITY_HARD ? "checks-hard" : "checks-warning");

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_box_append (GTK_BOX (box), message);

  if (resolution != NULL)
    {
      GtkWidget *label = gtk_label_new (resolution);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "checks-resolution");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Translators: under a violation: the transfer's code and how many
   * persons it concerns, "T-20261203-NOG-01 · 3 persons" */
  meta_text = persons != NULL ? g_strdup_printf (_("%s · %s"), violation->transfer_code, persons)
                              : g_strdup (violation->transfer_code);
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  /* a transfer's code is read out over the radio: never cut short */
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (meta), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (footer), meta);

  if (action != RET_CHECK_ROW_ACTION_NONE)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (action == RET_CHECK_ROW_ACTION_OVERRIDE
                                                        ? _("_Override…") : _("_Acknowledge…"));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "checks-resolve-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (footer), button);
    }

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_tooltip_text (menu_button, _("Go to the Transfer or the Persons"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_box_append (GTK_BOX (footer), menu_button);

  gtk_box_append (GTK_BOX (box), footer);

  if (ret_checks_row_dimmed (violation))
    {
      gtk_widget_add_css_class (row, "resolved");
      gtk_widget_add_css_class (message, "dim-label");
    }

  accessible = g_strjoin (" ", violation->message, meta_text, resolution, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
create_rule_header (RetRuleId rule)
{
  const RetRule *info = ret_rule_get (rule);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *title = ret_checks_format_rule_header (rule);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  if (info != NULL && info->source != NULL)
    {
      GtkWidget *source = gtk_label_new (_(info->source));

      gtk_label_set_xalign (GTK_LABEL (source), 0);
      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (source, "caption");
      gtk_widget_add_css_class (source, "dim-label");
      gtk_box_append (GTK_BOX (box), source);
      /* the whole source, for when it is cut short */
      gtk_widget_set_tooltip_text (box, _(info->source));
    }

  gtk_widget_add_css_class (box, "checks-rule-header");
  return box;
}

/* What a header shows, as a number that is never 0. */
static guint
header_kind (const RetViolation *violation,
             gboolean            with_severity)
{
  return 1 + ((guint) violation->rule << 8) + ((guint) violation->severity << 1) + (with_severity ? 1 : 0);
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const RetViolation *violation = row_violation (row);
  const RetViolation *previous = row_violation (before);
  GtkWidget *header;
  guint kind;

  if (violation == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (previous != NULL && previous->severity == violation->severity && previous->rule == violation->rule)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Rows come and go one at a time, and each makes the headers of its
   * neighbours again: a header that says the same stays. */
  kind = header_kind (violation, previous == NULL || previous->severity != violation->severity);
  header = gtk_list_box_row_get_header (row);
  if (header != NULL && gtk_widget_get_parent (header) == gtk_widget_get_parent (GTK_WIDGET (row)) &&
      GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (header), "ret-header-kind")) == kind)
    return;

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_set_data (G_OBJECT (header), "ret-header-kind", GUINT_TO_POINTER (kind));
  if (previous == NULL || previous->severity != violation->severity)
    {
      GtkWidget *label = gtk_label_new (violation->severity == RET_SEVERITY_HARD
                                        ? _("Hard Violations") : _("Warnings"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "checks-severity-header");
      gtk_widget_add_css_class (label, violation->severity == RET_SEVERITY_HARD ? "checks-hard" : "checks-warning");
      gtk_box_append (GTK_BOX (header), label);
    }
  gtk_box_append (GTK_BOX (header), create_rule_header (violation->rule));
  gtk_list_box_row_set_header (row, header);
}

static void
row_selected_cb (RetChecksPanel *self,
                 GtkListBoxRow  *row)
{
  const RetViolation *violation = row_violation (row);

  g_clear_pointer (&self->selected_key, g_free);
  if (violation != NULL)
    self->selected_key = violation_key (violation);

  if (self->selecting_quietly)
    return;

  g_signal_emit (self, signals[TRANSFER_SELECTED], 0, violation != NULL ? violation->transfer_code : NULL);
}

/* A click selects (and shows the transfer on the timeline); a double
 * click or Enter opens the transfer itself. */
static void
row_activated_cb (RetChecksPanel *self,
                  GtkListBoxRow  *row)
{
  const RetViolation *violation = row_violation (row);

  if (violation != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-transfer", "s", violation->transfer_code);
}

/* ------------------------------------------------------------------ */
/* Checking                                                           */

static void
show_status (RetChecksPanel *self,
             const char     *icon_name,
             const char     *title,
             const char     *description)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "clean");
}

static void
set_count_text (RetChecksPanel *self,
                char           *text)
{
  g_free (self->count_text);
  self->count_text = text;
  gtk_label_set_label (self->count_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), text != NULL);
}

static void
clear_rows (RetChecksPanel *self)
{
  GtkWidget *child;

  self->selecting_quietly = TRUE;
  /* without headers while the rows go, or each removal would make the
   * header of the row after it again */
  gtk_list_box_set_header_func (self->violation_list, NULL, NULL, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->violation_list))) != NULL)
    gtk_list_box_remove (self->violation_list, child);
  gtk_list_box_set_header_func (self->violation_list, update_header_cb, NULL, NULL);
  self->selecting_quietly = FALSE;
}

/* Everything the list shows of a check.  A new check that shows the
 * same (most of them: an edit elsewhere, the clock) leaves the rows
 * alone, with their open menus, scroll position and focus. */
static char *
describe_shown (GPtrArray *violations,
                guint      n_transfers)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u\n", violations->len == 0 ? n_transfers : 0);
  for (guint i = 0; i < violations->len; i++)
    describe_violation (out, g_ptr_array_index (violations, i));

  return g_string_free (out, FALSE);
}

/* The identity of each violation, under which its row is found again in
 * the next check: its rule, transfer and subject.  Should two share
 * one, the later ones are told apart by their rank. */
static GPtrArray *
row_keys (GPtrArray *violations)
{
  GPtrArray *keys = g_ptr_array_new_full (violations->len, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < violations->len; i++)
    {
      char *key = violation_key (g_ptr_array_index (violations, i));
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

      if (rank > 0)
        {
          char *ranked = g_strdup_printf ("%s\n#%u", key, rank);

          g_free (key);
          key = ranked;
        }
      g_ptr_array_add (keys, key);
      g_hash_table_insert (seen, violation_key (g_ptr_array_index (violations, i)), GUINT_TO_POINTER (rank + 1));
    }

  return keys;
}

/* More changes than this at once, and the headers are made once at the
 * end rather than next to each row as it comes or goes. */
#define FEW_ROW_CHANGES 32

/*
 * update_rows:
 * @violations: (element-type RetViolation): sorted as they are shown
 *
 * Makes the list show @violations.  One decision or one edit changes one
 * row or a few among hundreds, and making a row costs about a
 * millisecond: rows of violations that read the same are kept (with
 * their open menus and focus, and the scroll position), only the rows
 * of violations gone or changed go, and only those of violations new or
 * changed are made.  The same violation stays selected.
 */
static void
update_rows (RetChecksPanel *self,
             GPtrArray      *violations)
{
  GtkListBox *list = self->violation_list;
  g_autofree char *previous_key = g_steal_pointer (&self->selected_key);
  g_autoptr(GPtrArray) keys = row_keys (violations);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_full (violations->len, g_free);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GtkListBoxRow *reselect = NULL;
  GtkListBoxRow *row;
  gboolean few;

  for (guint i = 0; i < violations->len; i++)
    {
      GString *content = g_string_new (NULL);

      describe_violation (content, g_ptr_array_index (violations, i));
      g_ptr_array_add (contents, g_string_free (content, FALSE));
      g_hash_table_insert (wanted, g_ptr_array_index (keys, i), GUINT_TO_POINTER (i + 1));
    }

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      const char *key = g_object_get_data (G_OBJECT (row), "ret-row-key");
      guint index = key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (wanted, key)) : 0;

      if (index > 0 && g_strcmp0 (g_object_get_data (G_OBJECT (row), "ret-row-content"),
                                  g_ptr_array_index (contents, index - 1)) == 0)
        g_hash_table_insert (kept, (gpointer) key, row);
      else
        g_ptr_array_add (gone, row);
    }

  few = g_hash_table_size (kept) > 0 &&
        gone->len + (violations->len - g_hash_table_size (kept)) <= FEW_ROW_CHANGES;

  self->selecting_quietly = TRUE;
  /* without headers while many rows come and go, or each would make the
   * header of the row after it again */
  if (!few)
    gtk_list_box_set_header_func (list, NULL, NULL, NULL);
  for (guint i = 0; i < gone->len; i++)
    gtk_list_box_remove (list, g_ptr_array_index (gone, i));

  /* The rows kept are already in order, unless an edit moved one (the
   * order reads more than a row's identity): row i is made the one of
   * violation i, from the first row on. */
  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);
      const char *key = g_ptr_array_index (keys, i);

      row = g_hash_table_lookup (kept, key);
      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (create_row (self, violation));
          g_object_set_data_full (G_OBJECT (row), "ret-row-key", g_strdup (key), g_free);
          g_object_set_data_full (G_OBJECT (row), "ret-row-content",
                                  g_strdup (g_ptr_array_index (contents, i)), g_free);
          gtk_list_box_insert (list, GTK_WIDGET (row), (int) i);
        }
      else
        {
          if (gtk_list_box_row_get_index (row) != (int) i)
            {
              g_object_ref (row);
              gtk_list_box_remove (list, GTK_WIDGET (row));
              gtk_list_box_insert (list, GTK_WIDGET (row), (int) i);
              g_object_unref (row);
            }
          /* what the row does not show (the other persons) is of this check */
          g_object_set_data_full (G_OBJECT (row), "ret-violation", ret_violation_copy (violation),
                                  (GDestroyNotify) ret_violation_free);
        }

      if (previous_key != NULL && reselect == NULL && strcmp (key, previous_key) == 0)
        reselect = row;
    }

  if (!few)
    gtk_list_box_set_header_func (list, update_header_cb, NULL, NULL);
  else if (gone->len > 0 || violations->len > g_hash_table_size (kept))
    /* each row that came or went made its neighbours' headers again;
     * this makes sure of all of them, and makes none that is right */
    gtk_list_box_invalidate_headers (list);

  /* the same violation stays selected across checks, and the timeline
   * keeps showing its transfer */
  if (reselect != NULL && gtk_list_box_get_selected_row (list) != reselect)
    gtk_list_box_select_row (list, reselect);
  self->selecting_quietly = FALSE;
  if (reselect != NULL)
    {
      g_free (self->selected_key);
      self->selected_key = g_steal_pointer (&previous_key);
    }
  else if (previous_key != NULL)
    g_signal_emit (self, signals[TRANSFER_SELECTED], 0, NULL);
}

static void
update_approve_button (RetChecksPanel *self,
                       GPtrArray      *violations)
{
  g_autofree char *tooltip = NULL;
  guint unresolved_hard = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), self->plan_id > 0);
  if (self->plan_id <= 0)
    return;

  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);

      if (violation->plan_id == self->plan_id && violation->severity == RET_SEVERITY_HARD &&
          !ret_violation_is_resolved (violation))
        unresolved_hard++;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button),
                            ret_checks_approve_sensitive (unresolved_hard, &tooltip));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->approve_button), tooltip);
}

/* ------------------------------------------------------------------ */
/* The check, in a thread                                             */

/* What the thread reads and finds.  It is handed to the thread whole
 * and back whole: neither side touches it while the other has it. */
typedef struct
{
  char           *db_path;
  GDate           date;
  RetCheckData   *data;
  RetCheckResult *result;
  GPtrArray      *plans;      /* NULL when they cannot be listed */
  char           *plans_error;
  gint64          elapsed;    /* µs of loading and checking */
} DayCheck;

static void
day_check_free (gpointer data)
{
  DayCheck *check = data;

  g_free (check->db_path);
  g_clear_pointer (&check->result, ret_check_result_free);
  g_clear_pointer (&check->data, ret_check_data_free);
  g_clear_pointer (&check->plans, g_ptr_array_unref);
  g_free (check->plans_error);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DayCheck, day_check_free)

static void
check_day_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DayCheck *check = task_data;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) plans_error = NULL;
  GError *error = NULL;
  gint64 started = g_get_monotonic_time ();

  /* superseded while it waited for a thread */
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The panel's connection belongs to the main thread: this thread
   * reads through a connection of its own to the same file, closed
   * when the check is done. */
  store = ret_store_open_existing (check->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  check->data = ret_store_load_check_data (store, &check->date, 1, 0, &error);
  if (check->data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  check->result = ret_check_run (check->data);
  check->plans = ret_store_list_plans (store, &plans_error);
  if (check->plans == NULL)
    check->plans_error = g_strdup (plans_error->message);
  check->elapsed = g_get_monotonic_time () - started;

  g_task_return_boolean (task, TRUE);
}

/*
 * check_day_async:
 * @db_path: the database file, opened again by the thread
 *
 * Loads the transfers of @date and checks them, in a thread.
 */
static void
check_day_async (const char          *db_path,
                 const GDate         *date,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DayCheck *check;

  g_assert (db_path != NULL);
  g_assert (date != NULL && g_date_valid (date));

  /* no source object: the last reference to the task may be dropped in
   * the thread, where no widget may be finalized */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, check_day_async);
  g_task_set_name (task, "[retorno] check day");

  check = g_new0 (DayCheck, 1);
  check->db_path = g_strdup (db_path);
  check->date = *date;
  g_task_set_task_data (task, check, day_check_free);

  g_task_run_in_thread (task, check_day_thread);
}

/* Returns: (transfer full): what the check found, or %NULL with @error
 * set (G_IO_ERROR_CANCELLED when it was cancelled) */
static DayCheck *
check_day_finish (GAsyncResult  *result,
                  GError       **error)
{
  DayCheck *check;
  DayCheck *out;

  g_assert (g_task_is_valid (result, NULL));
  g_assert (g_task_get_source_tag (G_TASK (result)) == check_day_async);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  /* the task frees what is left in its data when it goes */
  check = g_task_get_task_data (G_TASK (result));
  out = g_new0 (DayCheck, 1);
  out->data = g_steal_pointer (&check->data);
  out->result = g_steal_pointer (&check->result);
  out->plans = g_steal_pointer (&check->plans);
  out->plans_error = g_steal_pointer (&check->plans_error);
  out->elapsed = check->elapsed;

  return out;
}

/* ------------------------------------------------------------------ */
/* Showing a check                                                    */

/* The panel with nothing to show, or with what prevented the check. */
/* While the check of another day (or database) runs, what is shown is
 * not about what the timeline shows.  Violations stay, dimmed and out of
 * reach, rather than the list flashing empty; but "No Problems Found"
 * is never said of a day not checked yet. */
static void
show_outdated (RetChecksPanel *self)
{
  GtkWidget *content = adw_bin_get_child (ADW_BIN (self));

  if (content != NULL)
    gtk_widget_set_sensitive (content, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "clean") == 0)
    {
      show_status (self, NULL, NULL, NULL);
      /* the next check shows its status, even one like the last */
      g_clear_pointer (&self->shown, g_free);
    }
}

static void
show_current (RetChecksPanel *self)
{
  GtkWidget *content = adw_bin_get_child (ADW_BIN (self));

  self->current = TRUE;
  if (content != NULL)
    gtk_widget_set_sensitive (content, TRUE);
}

static void
show_unchecked (RetChecksPanel *self,
                const char     *icon_name,
                const char     *title,
                const char     *description)
{
  show_current (self);
  g_clear_pointer (&self->result, ret_check_result_free);
  g_clear_pointer (&self->data, ret_check_data_free);
  self->plan_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->resolved_label), FALSE);
  set_unresolved_hard (self, 0);
  clear_rows (self);
  g_clear_pointer (&self->shown, g_free);
  set_count_text (self, NULL);
  update_approve_button (self, NULL);
  show_status (self, icon_name, title, description);
}

/* Takes the data and result of @check. */
static void
show_check (RetChecksPanel *self,
            DayCheck       *check)
{
  g_autofree char *shown = NULL;
  GPtrArray *violations;
  guint overridden, acknowledged;

  show_current (self);
  g_clear_pointer (&self->result, ret_check_result_free);
  g_clear_pointer (&self->data, ret_check_data_free);
  self->data = g_steal_pointer (&check->data);
  self->result = g_steal_pointer (&check->result);

  violations = ret_check_result_get_violations (self->result);

  set_unresolved_hard (self, ret_check_result_count (self->result, RET_SEVERITY_HARD, TRUE));
  set_count_text (self, ret_checks_format_counts (ret_check_result_count (self->result, RET_SEVERITY_HARD, TRUE),
                                                  ret_check_result_count (self->result, RET_SEVERITY_WARNING, TRUE)));

  overridden = ret_check_result_count (self->result, RET_SEVERITY_HARD, FALSE) -
               ret_check_result_count (self->result, RET_SEVERITY_HARD, TRUE);
  acknowledged = ret_check_result_count (self->result, RET_SEVERITY_WARNING, FALSE) -
                 ret_check_result_count (self->result, RET_SEVERITY_WARNING, TRUE);
  {
    g_autofree char *resolved = ret_checks_format_resolved (overridden, acknowledged);

    gtk_label_set_label (self->resolved_label, resolved != NULL ? resolved : "");
    gtk_widget_set_visible (GTK_WIDGET (self->resolved_label), resolved != NULL);
  }

  if (check->plans == NULL)
    g_warning ("Cannot list the plans: %s", check->plans_error);
  self->plan_id = ret_checks_pick_draft_plan (self->data, check->plans);
  update_approve_button (self, violations);

  shown = describe_shown (violations, self->data->transfers->len);
  if (g_strcmp0 (shown, self->shown) == 0)
    {
      if (violations->len == 0)
        set_count_text (self, NULL);
      return;
    }
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);

  if (violations->len == 0)
    {
      guint n = self->data->transfers->len;
      g_autofree char *description = NULL;

      g_clear_pointer (&self->selected_key, g_free);
      clear_rows (self);

      if (n == 0)
        description = g_strdup (_("No transfers are planned on this day."));
      else
        description = g_strdup_printf (ngettext ("The transfer of this day meets every agreed safety rule.",
                                                 "The %u transfers of this day meet every agreed safety rule.",
                                                 n),
                                       n);
      set_count_text (self, NULL);
      show_status (self, "emblem-ok-symbolic", _("No Problems Found"), description);
      return;
    }

  update_rows (self, violations);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Which check a finished thread answers. */
typedef struct
{
  RetChecksPanel *self;
  guint           generation;
} CheckRequest;

static void
check_request_free (CheckRequest *request)
{
  g_clear_object (&request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckRequest, check_request_free)

static void
check_day_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CheckRequest) request = user_data;
  RetChecksPanel *self = request->self;
  g_autoptr(DayCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  check = check_day_finish (result, &error);

  /* A newer check was asked for (the database changed again, another
   * day is shown) or the panel is gone: this answer is out of date. */
  if (request->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (check == NULL)
    {
      g_warning ("Cannot load the day's transfers for the check: %s", error->message);
      show_unchecked (self, "dialog-error-symbolic", _("The Plan Cannot Be Checked"), error->message);
      return;
    }

  started = g_get_monotonic_time ();
  g_debug ("Checked %u transfers in %.1f ms: %u violations", check->data->transfers->len,
           check->elapsed / 1000.0, ret_check_result_get_violations (check->result)->len);
  show_check (self, check);
  g_debug ("Showed the check in %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
}

/* Whatever check is under way answers a question no longer asked. */
static void
cancel_check (RetChecksPanel *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/*
 * ret_checks_panel_refresh:
 *
 * Checks the day now, rather than after the short wait that follows a
 * change to the database.  The check runs in a thread: what it finds
 * is shown when it ends, unless a newer check was asked for meanwhile.
 * Until then the panel keeps showing the previous check.
 */
void
ret_checks_panel_refresh (RetChecksPanel *self)
{
  CheckRequest *request;

  g_return_if_fail (RET_IS_CHECKS_PANEL (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_check (self);

  if (self->store == NULL || !g_date_valid (&self->date))
    {
      show_unchecked (self, "emblem-ok-symbolic", _("No Problems Found"), NULL);
      return;
    }

  if (!self->current)
    show_outdated (self);

  self->cancellable = g_cancellable_new ();
  request = g_new0 (CheckRequest, 1);
  request->self = g_object_ref (self);
  request->generation = self->generation;
  check_day_async (ret_store_get_path (self->store), &self->date, self->cancellable,
                   check_day_finished_cb, request);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  RetChecksPanel *self = RET_CHECKS_PANEL (user_data);

  self->refresh_id = 0;
  ret_checks_panel_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RetChecksPanel *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

/* Almost anything the store holds can change a rule's answer (persons,
 * transfers, notices, screenings, belongings, parameters, points,
 * resolutions, plans): every change leads to a new check. */
static void
store_changed_cb (RetStore       *store,
                  const char     *entity,
                  RetChecksPanel *self)
{
  queue_refresh (self);
}

/* ------------------------------------------------------------------ */
/* Approving                                                          */

static void
show_approval_error (RetChecksPanel *self,
                     const char     *message)
{
  GtkWindow *parent = ret_app_get_window (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Plan Not Approved"), message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * ret_checks_panel_approve:
 * @approver: who approves
 *
 * Approves the draft plan of the day shown, as the Approve Plan dialog
 * does.  A refusal (an unresolved hard violation anywhere in the plan)
 * is shown to the user and changes nothing.
 *
 * Returns: %TRUE when the plan was approved
 */
gboolean
ret_checks_panel_approve (RetChecksPanel *self,
                          const char     *approver)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), FALSE);

  if (self->store == NULL || self->plan_id <= 0)
    return FALSE;

  if (!ret_resolve_inputs_valid ("-", approver))
    {
      show_approval_error (self, _("The approver’s name is needed."));
      return FALSE;
    }

  g_settings_set_string (self->settings, "approver-name", approver);

  if (!ret_store_approve_plan (self->store, self->plan_id, approver, &error))
    {
      g_debug ("Approval of plan %" G_GINT64_FORMAT " refused (error %d)", self->plan_id, error->code);
      show_approval_error (self, error->message);
      return FALSE;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (RET_IS_MAIN_WINDOW (root))
    ret_main_window_show_toast (RET_MAIN_WINDOW (root), _("Plan approved"));

  ret_checks_panel_refresh (self);
  return TRUE;
}

static void
approve_entry_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "approve", *name != '\0');
}

static void
approve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RetChecksPanel   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "approve") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*name != '\0')
    ret_checks_panel_approve (self, name);
}

static void
approve_clicked_cb (RetChecksPanel *self)
{
  GtkWindow *parent = ret_app_get_window (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *approver = g_settings_get_string (self->settings, "approver-name");

  if (self->plan_id <= 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Approve Plan?"),
                                                       _("The plan is checked once more, whole, and "
                                                         "approved under the name below. The approval "
                                                         "is recorded in the audit log.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "approve", _("_Approve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "approve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "approve");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Approver’s name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Approver’s name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), approver);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (approve_entry_changed_cb), dialog);
  approve_entry_changed_cb (GTK_EDITABLE (entry), dialog);

  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */

static void
ret_checks_panel_dispose (GObject *object)
{
  RetChecksPanel *self = RET_CHECKS_PANEL (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_check (self);
  ret_app_replace_store (&self->store, &self->store_changed_id, NULL, NULL, NULL);
  g_clear_object (&self->settings);

  /* the list unselects its rows as it goes: no one is to hear of it */
  self->selecting_quietly = TRUE;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_CHECKS_PANEL);

  G_OBJECT_CLASS (ret_checks_panel_parent_class)->dispose (object);
}

static void
ret_checks_panel_finalize (GObject *object)
{
  RetChecksPanel *self = RET_CHECKS_PANEL (object);

  g_clear_pointer (&self->result, ret_check_result_free);
  g_clear_pointer (&self->data, ret_check_data_free);
  g_free (self->count_text);
  g_free (self->selected_key);
  g_free (self->shown);

  G_OBJECT_CLASS (ret_checks_panel_parent_class)->finalize (object);
}

static void
ret_checks_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RetChecksPanel *self = RET_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_UNRESOLVED_HARD:
      g_value_set_uint (value, self->unresolved_hard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_checks_panel_class_init (RetChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_checks_panel_dispose;
  object_class->finalize = ret_checks_panel_finalize;
  object_class->get_property = ret_checks_panel_get_property;

  /**
   * RetChecksPanel:unresolved-hard:
   *
   * How many hard violations of the day shown still wait for a fix or
   * an override; for whoever shows it while the panel is hidden.
   */
  properties[PROP_UNRESOLVED_HARD] =
    g_param_spec_uint ("unresolved-hard", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RetChecksPanel::transfer-selected:
   * @code: (nullable): the code of the transfer of the selected
   *   violation, or %NULL when none is selected
   */
  signals[TRANSFER_SELECTED] =
    g_signal_new ("transfer-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, approve_button);
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, resolved_label);
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, RetChecksPanel, violation_list);
  gtk_widget_class_bind_template_callback (widget_class, approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
ret_checks_panel_init (RetChecksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_date_clear (&self->date, 1);
  gtk_list_box_set_header_func (self->violation_list, update_header_cb, NULL, NULL);
  ret_checks_panel_refresh (self);
}

GtkWidget *
ret_checks_panel_new (void)
{
  return g_object_new (RET_TYPE_CHECKS_PANEL, NULL);
}

void
ret_checks_panel_set_store (RetChecksPanel *self,
                            RetStore       *store)
{
  g_return_if_fail (RET_IS_CHECKS_PANEL (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  if (!ret_app_replace_store (&self->store, &self->store_changed_id, store,
                              G_CALLBACK (store_changed_cb), self))
    return;

  self->current = FALSE;
  ret_checks_panel_refresh (self);
}

RetStore *
ret_checks_panel_get_store (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), NULL);

  return self->store;
}

void
ret_checks_panel_set_date (RetChecksPanel *self,
                           const GDate    *date)
{
  g_return_if_fail (RET_IS_CHECKS_PANEL (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_valid (&self->date) && g_date_compare (date, &self->date) == 0)
    return;

  self->date = *date;
  self->current = FALSE;
  /* another day's violations: nothing to keep selected */
  g_clear_pointer (&self->selected_key, g_free);
  ret_checks_panel_refresh (self);
}

/* Whether a change to the store waits to be checked, or a check is
 * under way whose answer the panel does not show yet. */
gboolean
ret_checks_panel_is_refresh_pending (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), FALSE);

  return self->refresh_id != 0 || self->cancellable != NULL;
}

/* (transfer none) (nullable): the last check's result */
RetCheckResult *
ret_checks_panel_get_result (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), NULL);

  return self->result;
}

/* The header's count, "2 hard · 5 warnings"; %NULL when the status
 * page is shown instead. */
const char *
ret_checks_panel_get_count_text (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), NULL);

  return self->count_text;
}

gint64
ret_checks_panel_get_plan_id (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), 0);

  return self->plan_id;
}

GtkListBox *
ret_checks_panel_get_list (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), NULL);

  return self->violation_list;
}

guint
ret_checks_panel_get_unresolved_hard (RetChecksPanel *self)
{
  g_return_val_if_fail (RET_IS_CHECKS_PANEL (self), 0);

  return self->unresolved_hard;
}

/* The label of the button that shows the panel: the hard violations
 * stay in sight while it is hidden. */
char *
ret_checks_format_toggle_label (guint unresolved_hard)
{
  if (unresolved_hard == 0)
    return g_strdup (_("_Checks"));

  /* Translators: the button that shows the checks panel, "Checks · 2 hard" */
  return g_strdup_printf (ngettext ("_Checks · %u hard", "_Checks · %u hard", unresolved_hard), unresolved_hard);
}
