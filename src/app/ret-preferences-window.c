/* ret-preferences-window.c — the rules' parameters, lateral pairs, closures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-preferences-window.h"

/* One editable parameter of one rule; the widgets belong to the rule's
 * expander row. */
typedef struct
{
  RetRuleId   rule;
  guint       index;
  GtkWidget  *row;           /* AdwEntryRow, or AdwActionRow for a switch */
  GtkWidget  *toggle;        /* GtkSwitch for a yes/no parameter, else NULL */
  GtkWidget  *sample_tag;
  GtkWidget  *error_label;
} ParamRow;

struct _RetPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  GtkButton            *add_exception_button;
  GtkButton            *add_pair_button;
  AdwEntryRow          *approver_row;
  AdwComboRow          *arrangement_row;
  AdwComboRow          *closure_point_row;
  GtkLabel             *exception_error_label;
  AdwEntryRow          *exception_from_row;
  AdwComboRow          *exception_kind_row;
  AdwEntryRow          *exception_reason_row;
  AdwEntryRow          *exception_to_row;
  AdwPreferencesGroup  *exceptions_group;
  AdwComboRow          *pair_point_row;
  AdwEntryRow          *pair_reason_row;
  AdwPreferencesGroup  *pairs_group;
  AdwPreferencesGroup  *rules_group;
  AdwComboRow          *sector_row;

  /* owned */
  RetStore             *store;
  GPtrArray            *arrangements;   /* RetCheckArrangement, in the combo's order */
  GPtrArray            *points;         /* RetPoint, in the point combos' order */
  GPtrArray            *sectors;        /* sector codes, in the sector combo's order */
  GPtrArray            *param_rows;     /* ParamRow */
  GPtrArray            *pair_rows;      /* rows added to pairs_group */
  GPtrArray            *exception_rows; /* rows added to exceptions_group */
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (RetPreferencesWindow, ret_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_error (RetPreferencesWindow *self,
            const GError         *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* Points are shown with their city: codes alone mean little to a new
 * coordinator. */
static char *
point_label (const RetPoint *point)
{
  return g_strdup_printf ("%s (%s)", point->city, point->code);
}

static const RetPoint *
find_point (RetPreferencesWindow *self,
            const char           *code)
{
  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (self->points, i);

      if (g_strcmp0 (point->code, code) == 0)
        return point;
    }

  return NULL;
}

/* -------------------------------------------------------------------- */
/* Rules                                                                  */

static const RetCheckArrangement *
selected_arrangement (RetPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->arrangement_row);

  if (self->arrangements == NULL || selected >= self->arrangements->len)
    return NULL;

  return g_ptr_array_index (self->arrangements, selected);
}

static void
param_set_error (ParamRow   *param,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (param->row, "error");
  else
    gtk_widget_remove_css_class (param->row, "error");

  gtk_label_set_label (GTK_LABEL (param->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (param->error_label, message != NULL);
}

/* Shows the selected arrangement's values; whatever was being typed and
 * refused is dropped with its error. */
static void
update_param_values (RetPreferencesWindow *self)
{
  const RetCheckArrangement *arrangement = selected_arrangement (self);
  RetRuleParams defaults;

  ret_rule_params_init (&defaults);
  self->loading = TRUE;

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      ParamRow *param = g_ptr_array_index (self->param_rows, i);
      const RetRule *rule = ret_rule_get (param->rule);
      const RetRuleParams *params = arrangement != NULL ? &arrangement->params : &defaults;
      int value = params->value[param->rule][param->index];

      if (param->toggle != NULL)
        gtk_switch_set_active (GTK_SWITCH (param->toggle), value != 0);
      else
        {
          g_autofree char *text = ret_rule_param_format (&rule->params[param->index], value);

          gtk_editable_set_text (GTK_EDITABLE (param->row), text);
        }

      gtk_widget_set_visible (param->sample_tag, params->sample[param->rule][param->index]);
      gtk_widget_set_sensitive (param->row, arrangement != NULL);
      param_set_error (param, NULL);
    }

  self->loading = FALSE;
}

static void
param_save (RetPreferencesWindow *self,
            ParamRow             *param,
            int                   value)
{
  const RetCheckArrangement *arrangement = selected_arrangement (self);
  const RetRule *rule = ret_rule_get (param->rule);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));

  if (arrangement == NULL)
    return;

  if (!ret_store_set_rule_param (self->store, arrangement->code, param->rule,
                                 rule->params[param->index].key, value, actor, &error))
    {
      param_set_error (param, error->message);
      /* A switch must not show what was not stored */
      if (param->toggle != NULL)
        {
          self->loading = TRUE;
          gtk_switch_set_active (GTK_SWITCH (param->toggle), value == 0);
          self->loading = FALSE;
        }
      return;
    }

  g_debug ("Set %s %s for %s", rule->code, rule->params[param->index].key, arrangement->code);
}

static void
param_applied_cb (AdwEntryRow *row,
                  ParamRow    *param)
{
  RetPreferencesWindow *self = RET_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (row)));
  const RetRule *rule = ret_rule_get (param->rule);
  g_autoptr(GError) error = NULL;
  int value;

  if (!ret_rule_param_parse (&rule->params[param->index], gtk_editable_get_text (GTK_EDITABLE (row)),
                             &value, &error))
    {
      param_set_error (param, error->message);
      return;
    }

  param_set_error (param, NULL);
  param_save (self, param, value);
}

static void
param_text_changed_cb (GtkEditable *editable,
                       ParamRow    *param)
{
  RetPreferencesWindow *self = RET_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (editable)));

  /* A refused value stays marked until it is applied again or edited */
  if (self != NULL && !self->loading)
    param_set_error (param, NULL);
}

static void
param_toggled_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  ParamRow   *param)
{
  RetPreferencesWindow *self = RET_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (toggle)));

  if (self == NULL || self->loading)
    return;

  param_save (self, param, gtk_switch_get_active (toggle) ? 1 : 0);
}

static GtkWidget *
new_tag (const char *text,
         const char *css_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, css_class);

  return tag;
}

static void
add_param_row (RetPreferencesWindow *self,
               AdwExpanderRow       *expander,
               const RetRule        *rule,
               guint                 index)
{
  const RetRuleParam *spec = &rule->params[index];
  g_autofree char *name = g_strdup_printf ("%s-%s", rule->code, spec->key);
  ParamRow *param = g_new0 (ParamRow, 1);

  param->rule = rule->id;
  param->index = index;
  param->sample_tag = new_tag (_("Sample value"), "sample-tag");
  gtk_widget_set_tooltip_text (param->sample_tag, _("No public source gives this value: check it against the arrangement"));
  param->error_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (param->error_label, "error");
  gtk_label_set_wrap (GTK_LABEL (param->error_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (param->error_label), 32);
  gtk_label_set_xalign (GTK_LABEL (param->error_label), 1);
  gtk_widget_set_valign (param->error_label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (param->error_label, FALSE);

  if (spec->unit == RET_PARAM_BOOL)
    {
      param->row = ret_app_new_row (_(spec->label), NULL);
      param->toggle = gtk_switch_new ();
      gtk_widget_set_valign (param->toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (param->row), param->sample_tag);
      adw_action_row_add_suffix (ADW_ACTION_ROW (param->row), param->error_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (param->row), param->toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (param->row), param->toggle);
      g_signal_connect (param->toggle, "notify::active", G_CALLBACK (param_toggled_cb), param);
    }
  else
    {
      param->row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (param->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (param->row), _(spec->label));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (param->row), TRUE);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (param->row), param->error_label);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (param->row), param->sample_tag);
      g_signal_connect (param->row, "apply", G_CALLBACK (param_applied_cb), param);
      g_signal_connect (param->row, "changed", G_CALLBACK (param_text_changed_cb), param);
    }

  gtk_widget_set_name (param->row, name);
  adw_expander_row_add_row (expander, param->row);
  g_ptr_array_add (self->param_rows, param);
}

static void
build_rules (RetPreferencesWindow *self)
{
  for (RetRuleId id = 0; id < RET_N_RULES; id++)
    {
      const RetRule *rule = ret_rule_get (id);
      g_autofree char *title = g_strdup_printf ("%s · %s", rule->code, _(rule->title));
      g_autofree char *subtitle = NULL;
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *row;

      /* The tag at the end of the row gives the severity; the subtitle
       * says when it depends on the case */
      if (rule->severity_note != NULL)
        /* Translators: when a rule is hard and when a warning, then where
         * the rule comes from */
        subtitle = g_strdup_printf (_("%s · Source: %s"), _(rule->severity_note), _(rule->source));
      else
        subtitle = g_strdup_printf (_("Source: %s"), _(rule->source));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      gtk_widget_set_name (expander, rule->code);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander),
                                   new_tag (ret_severity_label (rule->severity),
                                            rule->severity == RET_SEVERITY_HARD ? "error" : "warning"));

      row = ret_app_new_row (_("What it asks"), _(rule->description));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      row = ret_app_new_row (_("Title in Spanish"), rule->title_es);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

      if (rule->n_params == 0)
        {
          row = ret_app_new_row (_("Parameters"), _("None: the rule applies as it stands"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }

      for (guint i = 0; i < rule->n_params; i++)
        add_param_row (self, ADW_EXPANDER_ROW (expander), rule, i);

      adw_preferences_group_add (self->rules_group, expander);
    }
}

static void
load_arrangements (RetPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) arrangements = ret_store_list_arrangements (self->store, &error);
  const RetCheckArrangement *old = selected_arrangement (self);
  g_autofree char *old_code = old != NULL ? g_strdup (old->code) : NULL;
  gboolean same = arrangements != NULL && self->arrangements != NULL &&
                  arrangements->len == self->arrangements->len;
  guint select = 0;

  if (arrangements == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (arrangements, i);

      if (same && g_strcmp0 (a->code, ((RetCheckArrangement *) g_ptr_array_index (self->arrangements, i))->code) != 0)
        same = FALSE;
      if (g_strcmp0 (a->code, old_code) == 0)
        select = i;
    }

  g_clear_pointer (&self->arrangements, g_ptr_array_unref);
  self->arrangements = g_steal_pointer (&arrangements);

  /* Rebuilding the list would lose the selection for nothing */
  if (!same)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

      for (guint i = 0; i < self->arrangements->len; i++)
        {
          const RetCheckArrangement *a = g_ptr_array_index (self->arrangements, i);
          gtk_string_list_append (model, a->name != NULL ? a->name : a->code);
        }

      self->loading = TRUE;
      adw_combo_row_set_model (self->arrangement_row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (self->arrangement_row, select);
      self->loading = FALSE;
    }

  update_param_values (self);
}

static void
arrangement_selected_cb (RetPreferencesWindow *self)
{
  if (!self->loading)
    update_param_values (self);
}

/* -------------------------------------------------------------------- */
/* Lateral pairs (R15)                                                    */

static void
remove_pair_clicked_cb (GtkButton            *button,
                        RetPreferencesWindow *self)
{
  const char *sector = g_object_get_data (G_OBJECT (button), "sector");
  const char *point = g_object_get_data (G_OBJECT (button), "point");
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));

  if (!ret_store_remove_lateral_pair (self->store, sector, point, actor, &error))
    show_error (self, error);
}

static const char *
sector_name (RetPreferencesWindow *self,
             const char           *sector,
             GPtrArray            *facilities)
{
  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (facilities, i);

      if (g_strcmp0 (facility->sector, sector) == 0 && facility->sector_name != NULL)
        return facility->sector_name;
    }

  return sector;
}

static void
load_pairs (RetPreferencesWindow *self,
            GPtrArray            *facilities)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = ret_store_list_lateral_pairs (self->store, &error);

  remove_rows (self->pairs_group, self->pair_rows);

  if (pairs == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      const RetLateralPair *pair = g_ptr_array_index (pairs, i);
      const RetPoint *point = find_point (self, pair->point);
      g_autofree char *point_text = point != NULL ? point_label (point) : g_strdup (pair->point);
      g_autofree char *title = g_strdup_printf ("%s → %s", sector_name (self, pair->sector, facilities), point_text);
      /* Translators: "Approved by NAME: REASON" */
      g_autofree char *subtitle = g_strdup_printf (_("Approved by %s: %s"), pair->approved_by, pair->reason);
      GtkWidget *row = ret_app_new_row (title, subtitle);
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Remove the Pair"));
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "sector", g_strdup (pair->sector), g_free);
      g_object_set_data_full (G_OBJECT (button), "point", g_strdup (pair->point), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_pair_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->pairs_group, row);
      g_ptr_array_add (self->pair_rows, row);
    }

  if (pairs->len == 0)
    {
      GtkWidget *row = ret_app_new_row (_("No lateral pair is approved"), NULL);

      adw_preferences_group_add (self->pairs_group, row);
      g_ptr_array_add (self->pair_rows, row);
    }
}

static void
pair_field_changed_cb (RetPreferencesWindow *self)
{
  gboolean ok = !ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->approver_row))) &&
                !ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->pair_reason_row))) &&
                adw_combo_row_get_selected (self->sector_row) < self->sectors->len &&
                self->points != NULL &&
                adw_combo_row_get_selected (self->pair_point_row) < self->points->len;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_pair_button), ok);
}

static void
add_pair_clicked_cb (RetPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  g_autofree char *approver = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approver_row))));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pair_reason_row))));
  guint sector = adw_combo_row_get_selected (self->sector_row);
  guint point = adw_combo_row_get_selected (self->pair_point_row);
  RetLateralPair pair = { 0, };

  if (sector >= self->sectors->len || self->points == NULL || point >= self->points->len ||
      *approver == '\0' || *reason == '\0')
    return;

  pair.sector = g_ptr_array_index (self->sectors, sector);
  pair.point = ((RetPoint *) g_ptr_array_index (self->points, point))->code;
  pair.approved_by = approver;
  pair.reason = reason;

  if (!ret_store_add_lateral_pair (self->store, &pair, actor, &error))
    {
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->approver_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pair_reason_row), "");
}

/* -------------------------------------------------------------------- */
/* Closures and extensions (R02)                                          */

static const RetPoint *
selected_closure_point (RetPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->closure_point_row);

  if (self->points == NULL || selected >= self->points->len)
    return NULL;

  return g_ptr_array_index (self->points, selected);
}

static char *
format_local (GTimeZone *zone,
              gint64     utc)
{
  /* Translators: a g_date_time_format() format */
  return ret_app_format_local_time (zone, utc, _("%a %-d %b %Y, %H:%M"));
}

static void
load_exceptions (RetPreferencesWindow *self)
{
  const RetPoint *point = selected_closure_point (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GTimeZone) zone = ret_app_point_zone (point);

  remove_rows (self->exceptions_group, self->exception_rows);

  if (point == NULL)
    return;

  exceptions = ret_store_list_point_exceptions (self->store, point->code, &error);
  if (exceptions == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < exceptions->len; i++)
    {
      const RetPointException *exception = g_ptr_array_index (exceptions, i);
      g_autofree char *from = format_local (zone, exception->starts_at);
      g_autofree char *to = exception->ends_at != 0 ? format_local (zone, exception->ends_at) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (to != NULL)
        /* Translators: "from DATE TIME until DATE TIME: REASON" */
        subtitle = g_strdup_printf (_("From %s until %s: %s"), from, to, exception->reason);
      else
        subtitle = g_strdup_printf (_("From %s until further notice: %s"), from, exception->reason);

      row = ret_app_new_row (exception->closed ? _("Closed") : _("Open beyond its hours"), subtitle);
      adw_preferences_group_add (self->exceptions_group, row);
      g_ptr_array_add (self->exception_rows, row);
    }

  if (exceptions->len == 0)
    {
      GtkWidget *row = ret_app_new_row (_("Open at its agreed hours"), _("No closure or extension is recorded"));

      adw_preferences_group_add (self->exceptions_group, row);
      g_ptr_array_add (self->exception_rows, row);
    }
}

/* Reads the form; FALSE with @error naming the field when it is not
 * complete and right. */
static gboolean
read_exception (RetPreferencesWindow *self,
                RetPointException    *exception,
                GError              **error)
{
  const RetPoint *point = selected_closure_point (self);
  g_autoptr(GTimeZone) zone = ret_app_point_zone (point);
  g_autoptr(GError) local_error = NULL;
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->exception_to_row));

  if (point == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose a point"));
      return FALSE;
    }

  if (!ret_app_parse_local_time (zone, gtk_editable_get_text (GTK_EDITABLE (self->exception_from_row)),
                                 &exception->starts_at, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("From: %s"), local_error->message);
      return FALSE;
    }

  exception->ends_at = 0;
  if (!ret_app_text_is_blank (to))
    {
      if (!ret_app_parse_local_time (zone, to, &exception->ends_at, &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Until: %s"), local_error->message);
          return FALSE;
        }
      if (exception->ends_at <= exception->starts_at)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Until: the end must come after the start"));
          return FALSE;
        }
    }

  if (ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->exception_reason_row))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Reason: say why"));
      return FALSE;
    }

  exception->point = point->code;
  exception->closed = adw_combo_row_get_selected (self->exception_kind_row) == 0;
  exception->reason = (char *) gtk_editable_get_text (GTK_EDITABLE (self->exception_reason_row));

  return TRUE;
}

static void
exception_field_changed_cb (RetPreferencesWindow *self)
{
  RetPointException exception = { 0, };
  g_autoptr(GError) error = NULL;
  gboolean ok = read_exception (self, &exception, &error);
  /* Say nothing about a form still empty */
  gboolean started = !ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->exception_from_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_exception_button), ok);
  gtk_label_set_label (self->exception_error_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->exception_error_label), !ok && started);
}

static void
add_exception_clicked_cb (RetPreferencesWindow *self)
{
  RetPointException exception = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  g_autofree char *reason = NULL;

  if (!read_exception (self, &exception, &error))
    {
      show_error (self, error);
      return;
    }

  reason = g_strstrip (g_strdup (exception.reason));
  exception.reason = reason;

  if (!ret_store_add_point_exception (self->store, &exception, actor, &error))
    {
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->exception_from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->exception_to_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->exception_reason_row), "");
}

static void
closure_point_selected_cb (RetPreferencesWindow *self)
{
  if (self->loading)
    return;

  load_exceptions (self);
  exception_field_changed_cb (self);
}

/* -------------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Points and sectors change rarely (reference data); they are read once. */
static void
load_reference (RetPreferencesWindow *self,
                GPtrArray           **facilities_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = ret_store_list_facilities (self->store, &error);
  g_autoptr(GtkStringList) points_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) closure_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sectors_model = gtk_string_list_new (NULL);

  self->points = ret_store_list_points (self->store, &error);
  if (self->points == NULL)
    {
      show_error (self, error);
      g_clear_error (&error);
    }

  for (guint i = 0; self->points != NULL && i < self->points->len; i++)
    {
      g_autofree char *label = point_label (g_ptr_array_index (self->points, i));

      gtk_string_list_append (points_model, label);
      gtk_string_list_append (closure_model, label);
    }

  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (facilities, i);

      if (facility->sector != NULL &&
          !g_ptr_array_find_with_equal_func (self->sectors, facility->sector, g_str_equal, NULL))
        g_ptr_array_add (self->sectors, g_strdup (facility->sector));
    }
  g_ptr_array_sort (self->sectors, compare_strings);

  for (guint i = 0; i < self->sectors->len; i++)
    {
      const char *code = g_ptr_array_index (self->sectors, i);
      const char *name = sector_name (self, code, facilities);
      g_autofree char *label = g_strcmp0 (name, code) != 0 ? g_strdup_printf ("%s (%s)", name, code)
                                                            : g_strdup (code);

      gtk_string_list_append (sectors_model, label);
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->pair_point_row, G_LIST_MODEL (points_model));
  adw_combo_row_set_model (self->closure_point_row, G_LIST_MODEL (closure_model));
  adw_combo_row_set_model (self->sector_row, G_LIST_MODEL (sectors_model));
  self->loading = FALSE;

  *facilities_out = g_steal_pointer (&facilities);
}

static void
store_changed_cb (RetPreferencesWindow *self,
                  const char           *entity)
{
  static const char * const unrelated[] = { "persons", "transfers", "plans", "resolutions", NULL };
  g_autoptr(GPtrArray) facilities = NULL;

  /* Reloading resets the parameter rows: a value being typed must not
   * vanish because someone else planned a transfer meanwhile. */
  if (entity != NULL && g_strv_contains (unrelated, entity))
    return;

  facilities = ret_store_list_facilities (self->store, NULL);

  load_arrangements (self);
  load_pairs (self, facilities);
  load_exceptions (self);
}

static void
param_row_free (ParamRow *param)
{
  g_free (param);
}

static void
ret_preferences_window_dispose (GObject *object)
{
  RetPreferencesWindow *self = RET_PREFERENCES_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ret_preferences_window_parent_class)->dispose (object);
}

static void
ret_preferences_window_finalize (GObject *object)
{
  RetPreferencesWindow *self = RET_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->arrangements, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_ptr_array_unref (self->sectors);
  g_ptr_array_unref (self->param_rows);
  g_ptr_array_unref (self->pair_rows);
  g_ptr_array_unref (self->exception_rows);

  G_OBJECT_CLASS (ret_preferences_window_parent_class)->finalize (object);
}

static void
ret_preferences_window_class_init (RetPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_preferences_window_dispose;
  object_class->finalize = ret_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, add_exception_button);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, add_pair_button);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, approver_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, arrangement_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, closure_point_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_from_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_kind_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_to_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exceptions_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pair_point_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pair_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pairs_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, rules_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, sector_row);
  gtk_widget_class_bind_template_callback (widget_class, add_exception_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_pair_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, arrangement_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, closure_point_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, exception_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pair_field_changed_cb);
}

static void
ret_preferences_window_init (RetPreferencesWindow *self)
{
  self->sectors = g_ptr_array_new_with_free_func (g_free);
  self->param_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) param_row_free);
  self->pair_rows = g_ptr_array_new ();
  self->exception_rows = g_ptr_array_new ();

  /* The callbacks of the template look at these: set them up first */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  build_rules (self);
}

GtkWidget *
ret_preferences_window_new (GtkWindow *parent,
                            RetStore  *store)
{
  RetPreferencesWindow *self;
  g_autoptr(GPtrArray) facilities = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);

  self = ret_app_new_child_window (RET_TYPE_PREFERENCES_WINDOW, parent);

  self->store = g_object_ref (store);

  load_reference (self, &facilities);
  load_arrangements (self);
  load_pairs (self, facilities);
  load_exceptions (self);
  pair_field_changed_cb (self);
  exception_field_changed_cb (self);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);

  return GTK_WIDGET (self);
}
