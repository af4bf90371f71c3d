/* ret-preferences-window.c — the rules' parameters, lateral pairs, closures, the fleet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ret-app-util.h"
#include "ret-preferences-window.h"
#include "ret-store-schedule.h"

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
  GtkButton            *add_vehicle_button;
  AdwEntryRow          *approver_row;
  AdwComboRow          *arrangement_row;
  AdwComboRow          *closure_point_row;
  GtkLabel             *exception_error_label;
  AdwEntryRow          *exception_from_row;
  AdwComboRow          *exception_kind_row;
  AdwEntryRow          *exception_reason_row;
  AdwEntryRow          *exception_to_row;
  AdwPreferencesGroup  *exceptions_group;
  GtkLabel             *fleet_error_label;
  AdwComboRow          *fleet_facility_row;
  GtkLabel             *new_vehicle_error_label;
  AdwPreferencesGroup  *new_vehicle_group;
  AdwComboRow          *pair_point_row;
  AdwEntryRow          *pair_reason_row;
  AdwPreferencesGroup  *pairs_group;
  AdwEntryRow          *road_speed_row;
  AdwPreferencesGroup  *rules_group;
  AdwComboRow          *sector_row;
  AdwPreferencesGroup  *travel_group;
  AdwPreferencesGroup  *vehicles_group;

  /* owned */
  RetStore             *store;
  GPtrArray            *arrangements;   /* RetCheckArrangement, in the combo's order */
  GPtrArray            *points;         /* RetPoint, in the point combos' order */
  GPtrArray            *sectors;        /* sector codes, in the sector combo's order */
  GPtrArray            *param_rows;     /* ParamRow */
  GPtrArray            *pair_rows;      /* rows added to pairs_group */
  GPtrArray            *exception_rows; /* rows added to exceptions_group */
  GPtrArray            *facilities;     /* RetFacility, in the fleet's facility combo order */
  GPtrArray            *airports;       /* borrowed from points, in the airport combos' order */
  GPtrArray            *vehicle_rows;   /* rows added to vehicles_group */
  GPtrArray            *vehicle_editors; /* VehicleEditor, each owned by its expander row */
  struct VehicleEditor *new_vehicle;    /* the "Add a Vehicle" form */
  GPtrArray            *travel_rows;    /* rows added to travel_group */
  char                 *travel_facility; /* whose points travel_rows are */
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

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "error");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (label, FALSE);

  return label;
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
  param->error_label = new_error_label ();

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
/* Fleet and travel times                                                 */

/* Rows of the fleet carry their own error label, found again by
 * row_set_error(). */
static void
row_add_error_label (GtkWidget *row)
{
  GtkWidget *label = new_error_label ();

  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  g_object_set_data (G_OBJECT (row), "error-label", label);
}

static void
row_set_error (GtkWidget  *row,
               const char *message)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "error-label");

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  if (label != NULL)
    {
      gtk_label_set_label (GTK_LABEL (label), message != NULL ? message : "");
      gtk_widget_set_visible (label, message != NULL);
    }
}

static char *
strip_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

/* Widgets are set from the store without their handlers storing the
 * value again; this nests, as a reload can happen inside a handler. */
static gboolean
begin_loading (RetPreferencesWindow *self)
{
  gboolean was = self->loading;

  self->loading = TRUE;
  return was;
}

static const RetFacility *
selected_facility (RetPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->fleet_facility_row);

  if (self->facilities == NULL || selected >= self->facilities->len)
    return NULL;

  return g_ptr_array_index (self->facilities, selected);
}

static void
fleet_set_error (RetPreferencesWindow *self,
                 const char           *message)
{
  gtk_label_set_label (self->fleet_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->fleet_error_label), message != NULL);
}

static const char *
kind_label (RetVehicleKind kind)
{
  const char *label = ret_vehicle_kind_label (kind);

  return label != NULL ? label : "";
}

/* The localised abbreviation of a weekday, 0 = Monday */
static char *
weekday_abbreviation (guint day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, 1 + day, 12, 0, 0); /* a Monday */
  char *name = g_date_time_format (date, "%a");

  return name != NULL ? name : g_strdup_printf ("%u", day + 1);
}

static char *
weekdays_summary (guint weekdays)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

  if ((weekdays & RET_WEEKDAYS_ALL) == RET_WEEKDAYS_ALL)
    return g_strdup (_("Every day"));
  if ((weekdays & RET_WEEKDAYS_ALL) == 0)
    return g_strdup (_("No day"));

  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    if (weekdays & (1u << d))
      g_ptr_array_add (days, weekday_abbreviation (d));
  g_ptr_array_add (days, NULL);

  /* Translators: the separator of a list of weekdays, "Mon, Wed, Fri" */
  return g_strjoinv (_(", "), (char **) days->pdata);
}

static char *
format_duration (int minutes)
{
  return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
}

/* "H:MM", as the rows show it; blank is 0, the estimate. */
static gboolean
parse_duration (const char  *text,
                int         *minutes,
                GError     **error)
{
  const char *colon;
  guint64 hours, mins;

  if (ret_app_text_is_blank (text))
    {
      *minutes = 0;
      return TRUE;
    }

  colon = strchr (text, ':');
  if (colon == NULL || colon == text || strlen (colon + 1) != 2 || colon - text > 2)
    goto invalid;

  {
    g_autofree char *h = g_strndup (text, colon - text);

    if (!g_ascii_string_to_unsigned (h, 10, 0, 99, &hours, NULL) ||
        !g_ascii_string_to_unsigned (colon + 1, 10, 0, 59, &mins, NULL))
      goto invalid;
  }

  if (hours == 0 && mins == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No trip takes no time: clear the field to use the estimate"));
      return FALSE;
    }

  *minutes = (int) (hours * 60 + mins);
  return TRUE;

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Type hours and minutes, as 2:45"));
  return FALSE;
}

/* The estimate needs the distance in a straight line; the rule engine's
 * own function is private to the core, and this one is four lines. */
static double
great_circle_km (double lat1,
                 double lon1,
                 double lat2,
                 double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * 6371.0088 * atan2 (sqrt (a), sqrt (MAX (0.0, 1 - a)));
}

/* One vehicle's rows: in its expander row, or in the "Add a Vehicle"
 * form (@expander and @draft NULL: the form is read when it is sent). */
typedef struct VehicleEditor
{
  RetPreferencesWindow *self;       /* borrowed: the window outlives its rows */
  RetVehicle           *draft;      /* stored, or with a refused flight waiting */
  GtkWidget            *expander;
  GtkWidget            *sample_tag;
  GtkWidget            *label_row;
  GtkWidget            *kind_row;
  GtkWidget            *seats_row;
  GtkWidget            *minors_row;
  GtkWidget            *minors_switch;
  GtkWidget            *days_row;
  GtkWidget            *day_toggles[RET_N_WEEKDAYS];
  GtkWidget            *airport_row;
  GtkWidget            *depart_row;
} VehicleEditor;

static void
vehicle_editor_free (VehicleEditor *editor)
{
  g_clear_pointer (&editor->draft, ret_vehicle_free);
  g_free (editor);
}

static const RetPoint *
selected_airport (VehicleEditor *editor)
{
  RetPreferencesWindow *self = editor->self;
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->airport_row));

  if (selected >= self->airports->len)
    return NULL;

  return g_ptr_array_index (self->airports, selected);
}

static RetVehicleKind
selected_kind (VehicleEditor *editor)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->kind_row));

  return selected < RET_N_VEHICLE_KINDS ? (RetVehicleKind) selected : RET_VEHICLE_BUS;
}

/* Minors-only is for vans; airport and departure for flights */
static void
vehicle_editor_update_visibility (VehicleEditor *editor)
{
  RetVehicleKind kind = selected_kind (editor);

  gtk_widget_set_visible (editor->minors_row, kind == RET_VEHICLE_VAN);
  gtk_widget_set_visible (editor->airport_row, kind == RET_VEHICLE_FLIGHT);
  gtk_widget_set_visible (editor->depart_row, kind == RET_VEHICLE_FLIGHT);
}

static char *
vehicle_summary (RetPreferencesWindow *self,
                 const RetVehicle     *vehicle)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (kind_label (vehicle->kind)));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d seat", "%d seats", vehicle->seats), vehicle->seats));
  if (vehicle->kind == RET_VEHICLE_VAN && vehicle->minors_only)
    g_ptr_array_add (parts, g_strdup (_("unaccompanied minors only")));
  if (vehicle->kind == RET_VEHICLE_FLIGHT)
    {
      const RetPoint *point = find_point (self, vehicle->point);
      g_autofree char *time = ret_minute_format (vehicle->depart_minute);

      /* Translators: a flight's airport and departure time, "to Mexico City airport at 08:00" */
      g_ptr_array_add (parts, g_strdup_printf (_("to %s at %s"), point != NULL ? point->city : vehicle->point, time));
    }
  g_ptr_array_add (parts, weekdays_summary (vehicle->weekdays));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
vehicle_editor_clear_errors (VehicleEditor *editor)
{
  row_set_error (editor->label_row, NULL);
  row_set_error (editor->kind_row, NULL);
  row_set_error (editor->seats_row, NULL);
  row_set_error (editor->minors_row, NULL);
  row_set_error (editor->days_row, NULL);
  row_set_error (editor->airport_row, NULL);
  row_set_error (editor->depart_row, NULL);
}

/* Shows @vehicle (stored), dropping what was refused; NULL: the empty form */
static void
vehicle_editor_show (VehicleEditor    *editor,
                     const RetVehicle *vehicle)
{
  RetPreferencesWindow *self = editor->self;
  gboolean was_loading = begin_loading (self);
  g_autofree char *seats = NULL;
  g_autofree char *time = NULL;
  guint airport = 0;

  if (vehicle != NULL)
    {
      g_clear_pointer (&editor->draft, ret_vehicle_free);
      editor->draft = ret_vehicle_copy (vehicle);
      seats = g_strdup_printf ("%d", vehicle->seats);
      time = ret_minute_format (vehicle->depart_minute);
      for (guint i = 0; i < self->airports->len; i++)
        if (g_strcmp0 (((RetPoint *) g_ptr_array_index (self->airports, i))->code, vehicle->point) == 0)
          airport = i;
    }

  gtk_editable_set_text (GTK_EDITABLE (editor->label_row), vehicle != NULL ? vehicle->label : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->kind_row), vehicle != NULL ? (guint) vehicle->kind : RET_VEHICLE_BUS);
  gtk_editable_set_text (GTK_EDITABLE (editor->seats_row), seats != NULL ? seats : "");
  gtk_switch_set_active (GTK_SWITCH (editor->minors_switch), vehicle != NULL && vehicle->minors_only);
  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (editor->day_toggles[d]),
                                  vehicle == NULL || (vehicle->weekdays & (1u << d)) != 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor->airport_row), airport);
  gtk_editable_set_text (GTK_EDITABLE (editor->depart_row), time != NULL ? time : "");

  if (editor->expander != NULL && vehicle != NULL)
    {
      g_autofree char *summary = vehicle_summary (self, vehicle);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander), vehicle->label);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (editor->expander), summary);
      gtk_widget_set_visible (editor->sample_tag, vehicle->sample);
    }

  vehicle_editor_clear_errors (editor);
  vehicle_editor_update_visibility (editor);
  self->loading = was_loading;
}

/* The draft with one more edit, to be stored by vehicle_editor_save() */
static RetVehicle *
vehicle_editor_edit (VehicleEditor *editor)
{
  return editor->draft != NULL ? ret_vehicle_copy (editor->draft) : NULL;
}

/* Stores @edited (taken) after an edit of @row.  Refused, the row keeps
 * what was typed, marked with the store's reason, and the draft stays as
 * it was, unless @keep_refused: a kind changed to flight, or its
 * airport, waits in the draft for the departure that makes it whole. */
static void
vehicle_editor_save (VehicleEditor *editor,
                     RetVehicle    *edited,
                     GtkWidget     *row,
                     gboolean       keep_refused)
{
  RetPreferencesWindow *self = editor->self;
  g_autoptr(RetVehicle) vehicle = edited;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));

  if (!ret_store_save_vehicle (self->store, vehicle, actor, &error))
    {
      row_set_error (row, error->message);
      if (keep_refused)
        {
          g_clear_pointer (&editor->draft, ret_vehicle_free);
          editor->draft = g_steal_pointer (&vehicle);
        }
      return;
    }

  /* The store's "changed" has shown the stored vehicle in the rows, or
   * rebuilt them (a new name sorts elsewhere) and freed @editor: it is
   * not used after this. */
  g_debug ("Saved vehicle %" G_GINT64_FORMAT, vehicle->id);
}

static void
vehicle_label_applied_cb (GtkWidget     *row,
                          VehicleEditor *editor)
{
  g_autofree char *text = strip_text (row);
  RetVehicle *vehicle;

  if (*text == '\0')
    {
      row_set_error (row, _("Give the vehicle a name"));
      return;
    }

  if ((vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  g_free (vehicle->label);
  vehicle->label = g_steal_pointer (&text);
  vehicle_editor_save (editor, vehicle, row, FALSE);
}

static gboolean
parse_seats (GtkWidget *row,
             int       *seats)
{
  g_autofree char *text = strip_text (row);
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &value, NULL))
    {
      row_set_error (row, _("Type the number of seats"));
      return FALSE;
    }

  *seats = (int) value;
  return TRUE;
}

static void
vehicle_seats_applied_cb (GtkWidget     *row,
                          VehicleEditor *editor)
{
  RetVehicle *vehicle;
  int seats;

  if (!parse_seats (row, &seats) || (vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  vehicle->seats = seats;
  vehicle_editor_save (editor, vehicle, row, FALSE);
}

static gboolean
parse_departure (GtkWidget *row,
                 int       *minute)
{
  g_autofree char *text = strip_text (row);

  if (!ret_minute_parse (text, minute) || *minute >= RET_MINUTES_PER_DAY)
    {
      row_set_error (row, _("Type the time as HH:MM"));
      return FALSE;
    }

  return TRUE;
}

static void
vehicle_departure_applied_cb (GtkWidget     *row,
                              VehicleEditor *editor)
{
  RetVehicle *vehicle;
  int minute;

  if (!parse_departure (row, &minute) || (vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  vehicle->depart_minute = minute;
  vehicle_editor_save (editor, vehicle, row, FALSE);
}

static void
vehicle_text_changed_cb (GtkWidget     *row,
                         VehicleEditor *editor)
{
  /* A refused value stays marked until it is applied again or edited */
  if (!editor->self->loading)
    row_set_error (row, NULL);
}

static void
vehicle_kind_selected_cb (GtkWidget     *row,
                          GParamSpec    *pspec,
                          VehicleEditor *editor)
{
  RetVehicleKind kind = selected_kind (editor);
  RetVehicle *vehicle;

  vehicle_editor_update_visibility (editor);

  if (editor->self->loading || (vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  vehicle->kind = kind;
  if (kind != RET_VEHICLE_VAN)
    vehicle->minors_only = FALSE;
  if (kind == RET_VEHICLE_FLIGHT)
    {
      const RetPoint *airport = selected_airport (editor);

      if (vehicle->point == NULL && airport != NULL)
        vehicle->point = g_strdup (airport->code);
    }
  else
    {
      g_clear_pointer (&vehicle->point, g_free);
      vehicle->depart_minute = RET_MINUTE_NONE;
    }

  vehicle_editor_save (editor, vehicle, row, TRUE);
}

static void
vehicle_airport_selected_cb (GtkWidget     *row,
                             GParamSpec    *pspec,
                             VehicleEditor *editor)
{
  const RetPoint *airport = selected_airport (editor);
  RetVehicle *vehicle;

  if (editor->self->loading || editor->draft == NULL || airport == NULL ||
      editor->draft->kind != RET_VEHICLE_FLIGHT)
    return;

  vehicle = vehicle_editor_edit (editor);
  g_free (vehicle->point);
  vehicle->point = g_strdup (airport->code);
  vehicle_editor_save (editor, vehicle, row, TRUE);
}

static void
vehicle_minors_toggled_cb (GtkSwitch     *toggle,
                           GParamSpec    *pspec,
                           VehicleEditor *editor)
{
  RetVehicle *vehicle;

  if (editor->self->loading || (vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  vehicle->minors_only = gtk_switch_get_active (toggle);
  vehicle_editor_save (editor, vehicle, editor->minors_row, FALSE);
}

static guint
selected_weekdays (VehicleEditor *editor)
{
  guint weekdays = 0;

  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (editor->day_toggles[d])))
      weekdays |= 1u << d;

  return weekdays;
}

static void
vehicle_day_toggled_cb (GtkToggleButton *toggle,
                        VehicleEditor   *editor)
{
  RetVehicle *vehicle;

  if (editor->self->loading || (vehicle = vehicle_editor_edit (editor)) == NULL)
    return;

  vehicle->weekdays = selected_weekdays (editor);
  vehicle_editor_save (editor, vehicle, editor->days_row, FALSE);
}

static void
vehicle_remove_clicked_cb (GtkButton     *button,
                           VehicleEditor *editor)
{
  RetPreferencesWindow *self = editor->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));

  /* On success the reload frees @editor: nothing of it is used after */
  if (editor->draft != NULL &&
      !ret_store_delete_vehicle (self->store, editor->draft->id, actor, &error))
    show_error (self, error);
}

static GtkWidget *
new_entry_row (const char *name,
               const char *title,
               gboolean    apply)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), apply);
  row_add_error_label (row);

  return row;
}

static GtkWidget *
new_combo_row (const char *name,
               const char *title,
               GListModel *model)
{
  GtkWidget *row = adw_combo_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
  row_add_error_label (row);

  return row;
}

/* The rows of one vehicle, named "@prefix-label", "@prefix-seats"…, added
 * to @container: an expander row, or the form's group. */
static VehicleEditor *
vehicle_editor_new (RetPreferencesWindow *self,
                    const char           *prefix,
                    GtkWidget            *container,
                    gboolean              listed)
{
  VehicleEditor *editor = g_new0 (VehicleEditor, 1);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) airports = gtk_string_list_new (NULL);
  char name[128];
  GtkWidget *rows[7];
  GtkWidget *box;

  editor->self = self;
  if (listed)
    editor->expander = container;

  for (RetVehicleKind k = 0; k < RET_N_VEHICLE_KINDS; k++)
    gtk_string_list_append (kinds, kind_label (k));
  for (guint i = 0; i < self->airports->len; i++)
    {
      g_autofree char *label = point_label (g_ptr_array_index (self->airports, i));

      gtk_string_list_append (airports, label);
    }

  g_snprintf (name, sizeof name, "%s-label", prefix);
  editor->label_row = new_entry_row (name, _("Name"), listed);
  g_snprintf (name, sizeof name, "%s-kind", prefix);
  editor->kind_row = new_combo_row (name, _("Kind"), G_LIST_MODEL (kinds));
  g_snprintf (name, sizeof name, "%s-seats", prefix);
  editor->seats_row = new_entry_row (name, _("Seats"), listed);
  gtk_editable_set_width_chars (GTK_EDITABLE (editor->seats_row), 4);

  g_snprintf (name, sizeof name, "%s-minors", prefix);
  editor->minors_row = ret_app_new_row (_("Unaccompanied minors only"),
                                        _("Fitted and staffed for children travelling alone; it carries nobody else (R06)"));
  gtk_widget_set_name (editor->minors_row, name);
  editor->minors_switch = gtk_switch_new ();
  gtk_widget_set_valign (editor->minors_switch, GTK_ALIGN_CENTER);
  row_add_error_label (editor->minors_row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (editor->minors_row), editor->minors_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (editor->minors_row), editor->minors_switch);

  g_snprintf (name, sizeof name, "%s-days", prefix);
  editor->days_row = ret_app_new_row (_("Runs on"), NULL);
  gtk_widget_set_name (editor->days_row, name);
  row_add_error_label (editor->days_row);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, 1 + d, 12, 0, 0); /* a Monday */
      g_autofree char *day = weekday_abbreviation (d);
      g_autofree char *day_full = g_date_time_format (date, "%A");
      g_autofree char *day_name = g_strdup_printf ("%s-day-%u", prefix, d + 1);

      editor->day_toggles[d] = gtk_toggle_button_new_with_label (day);
      gtk_widget_set_name (editor->day_toggles[d], day_name);
      gtk_widget_set_tooltip_text (editor->day_toggles[d], day_full);
      gtk_box_append (GTK_BOX (box), editor->day_toggles[d]);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (editor->days_row), box);

  g_snprintf (name, sizeof name, "%s-airport", prefix);
  editor->airport_row = new_combo_row (name, _("Airport"), G_LIST_MODEL (airports));
  g_snprintf (name, sizeof name, "%s-departure", prefix);
  editor->depart_row = new_entry_row (name, _("Departure (the facility's time, HH:MM)"), listed);

  rows[0] = editor->label_row;
  rows[1] = editor->kind_row;
  rows[2] = editor->seats_row;
  rows[3] = editor->minors_row;
  rows[4] = editor->airport_row;
  rows[5] = editor->depart_row;
  rows[6] = editor->days_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (listed)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (container), rows[i]);
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), rows[i]);
    }

  vehicle_editor_show (editor, NULL);

  g_signal_connect (editor->kind_row, "notify::selected", G_CALLBACK (vehicle_kind_selected_cb), editor);
  g_signal_connect (editor->airport_row, "notify::selected", G_CALLBACK (vehicle_airport_selected_cb), editor);
  g_signal_connect (editor->minors_switch, "notify::active", G_CALLBACK (vehicle_minors_toggled_cb), editor);
  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    g_signal_connect (editor->day_toggles[d], "toggled", G_CALLBACK (vehicle_day_toggled_cb), editor);
  g_signal_connect (editor->label_row, "apply", G_CALLBACK (vehicle_label_applied_cb), editor);
  g_signal_connect (editor->seats_row, "apply", G_CALLBACK (vehicle_seats_applied_cb), editor);
  g_signal_connect (editor->depart_row, "apply", G_CALLBACK (vehicle_departure_applied_cb), editor);
  g_signal_connect (editor->label_row, "changed", G_CALLBACK (vehicle_text_changed_cb), editor);
  g_signal_connect (editor->seats_row, "changed", G_CALLBACK (vehicle_text_changed_cb), editor);
  g_signal_connect (editor->depart_row, "changed", G_CALLBACK (vehicle_text_changed_cb), editor);

  return editor;
}

static GtkWidget *
new_vehicle_expander (RetPreferencesWindow *self,
                      const RetVehicle     *vehicle,
                      VehicleEditor       **editor_out)
{
  g_autofree char *name = g_strdup_printf ("vehicle-%" G_GINT64_FORMAT, vehicle->id);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  VehicleEditor *editor;

  gtk_widget_set_name (expander, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);

  editor = vehicle_editor_new (self, name, expander, TRUE);
  /* The rows go with their expander, and the editor with them */
  g_object_set_data_full (G_OBJECT (expander), "editor", editor, (GDestroyNotify) vehicle_editor_free);

  /* Actions are packed from the end: the tag comes before the button */
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove the Vehicle"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (vehicle_remove_clicked_cb), editor);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);

  editor->sample_tag = new_tag (_("Sample value"), "sample-tag");
  gtk_widget_set_tooltip_text (editor->sample_tag, _("From the reference data, not the office's own fleet: check it"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), editor->sample_tag);

  vehicle_editor_show (editor, vehicle);
  *editor_out = editor;

  return expander;
}

static gboolean
same_vehicles (GPtrArray *editors,
               GPtrArray *vehicles)
{
  /* With none, the row saying so is there, or an error was */
  if (editors->len != vehicles->len || vehicles->len == 0)
    return FALSE;

  for (guint i = 0; i < editors->len; i++)
    {
      VehicleEditor *editor = g_ptr_array_index (editors, i);
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, i);

      if (editor->draft == NULL || editor->draft->id != vehicle->id)
        return FALSE;
    }

  return TRUE;
}

static VehicleEditor *
find_vehicle_editor (RetPreferencesWindow *self,
                     gint64                id)
{
  for (guint i = 0; i < self->vehicle_editors->len; i++)
    {
      VehicleEditor *editor = g_ptr_array_index (self->vehicle_editors, i);

      if (editor->draft != NULL && editor->draft->id == id)
        return editor;
    }

  return NULL;
}

static void
load_vehicles (RetPreferencesWindow *self)
{
  const RetFacility *facility = selected_facility (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (facility != NULL)
    vehicles = ret_store_list_vehicles (self->store, facility->code, &error);

  if (vehicles == NULL)
    {
      remove_rows (self->vehicles_group, self->vehicle_rows);
      g_ptr_array_set_size (self->vehicle_editors, 0);
      if (facility != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The fleet could not be read: %s"),
                                                      error != NULL ? error->message : _("unknown error"));

          fleet_set_error (self, message);
        }
      return;
    }

  fleet_set_error (self, NULL);

  /* Values change in place, so that an expanded vehicle stays open */
  if (same_vehicles (self->vehicle_editors, vehicles))
    {
      for (guint i = 0; i < vehicles->len; i++)
        vehicle_editor_show (g_ptr_array_index (self->vehicle_editors, i), g_ptr_array_index (vehicles, i));
      return;
    }

  for (guint i = 0; i < self->vehicle_editors->len; i++)
    {
      VehicleEditor *editor = g_ptr_array_index (self->vehicle_editors, i);

      if (editor->draft != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (editor->expander)))
        g_array_append_val (expanded, editor->draft->id);
    }

  remove_rows (self->vehicles_group, self->vehicle_rows);
  g_ptr_array_set_size (self->vehicle_editors, 0);

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, i);
      VehicleEditor *editor = NULL;
      GtkWidget *row = new_vehicle_expander (self, vehicle, &editor);

      for (guint j = 0; j < expanded->len; j++)
        if (g_array_index (expanded, gint64, j) == vehicle->id)
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

      adw_preferences_group_add (self->vehicles_group, row);
      g_ptr_array_add (self->vehicle_rows, row);
      g_ptr_array_add (self->vehicle_editors, editor);
    }

  if (vehicles->len == 0)
    {
      GtkWidget *row = ret_app_new_row (_("No vehicle at this facility"),
                                        _("The planner sends nobody from here until one is added"));

      adw_preferences_group_add (self->vehicles_group, row);
      g_ptr_array_add (self->vehicle_rows, row);
    }
}

static void
new_vehicle_changed_cb (RetPreferencesWindow *self)
{
  VehicleEditor *form = self->new_vehicle;
  gboolean ok = form != NULL && selected_facility (self) != NULL &&
                !ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (form->label_row))) &&
                !ret_app_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (form->seats_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_vehicle_button), ok);
  gtk_widget_set_visible (GTK_WIDGET (self->new_vehicle_error_label), FALSE);
}

static void
add_vehicle_clicked_cb (RetPreferencesWindow *self)
{
  VehicleEditor *form = self->new_vehicle;
  const RetFacility *facility = selected_facility (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  g_autofree char *label = strip_text (form->label_row);
  const RetPoint *airport = selected_airport (form);
  RetVehicle vehicle = { 0, };
  VehicleEditor *added;

  if (facility == NULL)
    return;

  vehicle.facility = facility->code;
  vehicle.label = label;
  vehicle.kind = selected_kind (form);
  vehicle.minors_only = vehicle.kind == RET_VEHICLE_VAN &&
                        gtk_switch_get_active (GTK_SWITCH (form->minors_switch));
  vehicle.weekdays = selected_weekdays (form);
  vehicle.point = NULL;
  vehicle.depart_minute = RET_MINUTE_NONE;

  if (*label == '\0')
    {
      row_set_error (form->label_row, _("Give the vehicle a name"));
      return;
    }
  if (!parse_seats (form->seats_row, &vehicle.seats))
    return;
  if (vehicle.kind == RET_VEHICLE_FLIGHT)
    {
      vehicle.point = airport != NULL ? airport->code : NULL;
      if (!parse_departure (form->depart_row, &vehicle.depart_minute))
        return;
    }

  if (!ret_store_save_vehicle (self->store, &vehicle, actor, &error))
    {
      gtk_label_set_label (self->new_vehicle_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_vehicle_error_label), TRUE);
      return;
    }

  g_debug ("Added vehicle %" G_GINT64_FORMAT, vehicle.id);

  /* The store's "changed" listed it; open it, and clear the form for the
   * next one */
  load_vehicles (self);
  added = find_vehicle_editor (self, vehicle.id);
  if (added != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (added->expander), TRUE);

  vehicle_editor_show (form, NULL);
  new_vehicle_changed_cb (self);
}

static void
build_new_vehicle_form (RetPreferencesWindow *self)
{
  VehicleEditor *form = vehicle_editor_new (self, "new-vehicle", GTK_WIDGET (self->new_vehicle_group), FALSE);

  self->new_vehicle = form;
  g_signal_connect_swapped (form->label_row, "changed", G_CALLBACK (new_vehicle_changed_cb), self);
  g_signal_connect_swapped (form->seats_row, "changed", G_CALLBACK (new_vehicle_changed_cb), self);
  g_signal_connect_swapped (form->kind_row, "notify::selected", G_CALLBACK (new_vehicle_changed_cb), self);
  g_signal_connect_swapped (form->depart_row, "changed", G_CALLBACK (new_vehicle_changed_cb), self);
}

/* Travel times ---------------------------------------------------------- */

static void load_travel (RetPreferencesWindow *self);

static void
travel_applied_cb (GtkWidget            *row,
                   RetPreferencesWindow *self)
{
  const RetFacility *facility = selected_facility (self);
  const char *point = g_object_get_data (G_OBJECT (row), "point");
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  int minutes;

  if (facility == NULL)
    return;

  if (!parse_duration (gtk_editable_get_text (GTK_EDITABLE (row)), &minutes, &error))
    {
      row_set_error (row, error->message);
      return;
    }

  /* 0: back to the estimate */
  if (!ret_store_set_travel_time (self->store, facility->code, point, minutes, actor, &error))
    {
      row_set_error (row, error->message);
      return;
    }

  g_debug ("Set the travel time from %s to %s", facility->code, point);
  /* The row shows the estimate again when the time was cleared */
  load_travel (self);
}

static void
travel_changed_cb (GtkWidget            *row,
                   RetPreferencesWindow *self)
{
  if (!self->loading)
    row_set_error (row, NULL);
}

/* The points designated for @facility's sector, in the arrangements'
 * order, each once (a sector may be under two arrangements). */
static GPtrArray *
designated_points (RetPreferencesWindow *self,
                   const RetFacility    *facility)
{
  GPtrArray *codes = g_ptr_array_new ();

  for (guint i = 0; self->arrangements != NULL && i < self->arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (self->arrangements, i);

      if (a->sectors == NULL || a->points == NULL ||
          !g_strv_contains ((const char * const *) a->sectors, facility->sector))
        continue;

      for (guint j = 0; a->points[j] != NULL; j++)
        {
          const RetPoint *point = find_point (self, a->points[j]);

          if (point != NULL && !g_ptr_array_find (codes, point, NULL))
            g_ptr_array_add (codes, (gpointer) point);
        }
    }

  return codes;
}

static void
build_travel_rows (RetPreferencesWindow *self,
                   const RetFacility    *facility)
{
  g_autoptr(GPtrArray) points = NULL;

  remove_rows (self->travel_group, self->travel_rows);
  g_clear_pointer (&self->travel_facility, g_free);
  if (facility == NULL)
    return;

  self->travel_facility = g_strdup (facility->code);
  points = designated_points (self, facility);

  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);
      g_autofree char *name = g_strdup_printf ("travel-%s", point->code);
      g_autofree char *title = point_label (point);
      GtkWidget *row = new_entry_row (name, title, TRUE);
      GtkWidget *tag = new_tag ("", "dim-label");

      gtk_editable_set_width_chars (GTK_EDITABLE (row), 6);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), tag);
      g_object_set_data_full (G_OBJECT (row), "point", g_strdup (point->code), g_free);
      g_object_set_data (G_OBJECT (row), "tag", tag);
      g_signal_connect (row, "apply", G_CALLBACK (travel_applied_cb), self);
      g_signal_connect (row, "changed", G_CALLBACK (travel_changed_cb), self);

      adw_preferences_group_add (self->travel_group, row);
      g_ptr_array_add (self->travel_rows, row);
    }
}

static const RetTravelTime *
find_travel (GPtrArray  *travel,
             const char *facility,
             const char *point)
{
  for (guint i = 0; travel != NULL && i < travel->len; i++)
    {
      const RetTravelTime *t = g_ptr_array_index (travel, i);

      if (g_strcmp0 (t->facility, facility) == 0 && g_strcmp0 (t->point, point) == 0)
        return t;
    }

  return NULL;
}

static void
load_travel (RetPreferencesWindow *self)
{
  const RetFacility *facility = selected_facility (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) travel = ret_store_list_travel_times (self->store, &error);
  int speed = ret_store_get_road_speed (self->store);
  g_autofree char *speed_text = NULL;
  gboolean was_loading;

  if (facility == NULL || g_strcmp0 (facility->code, self->travel_facility) != 0)
    build_travel_rows (self, facility);

  if (speed <= 0)
    speed = RET_DEFAULT_ROAD_SPEED_KMH;

  if (travel == NULL && !gtk_widget_get_visible (GTK_WIDGET (self->fleet_error_label)))
    {
      g_autofree char *message = g_strdup_printf (_("The travel times could not be read: %s"),
                                                  error != NULL ? error->message : _("unknown error"));

      /* The estimates alone could hide a time the office set */
      fleet_set_error (self, message);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->travel_group), travel != NULL);

  was_loading = begin_loading (self);
  speed_text = g_strdup_printf ("%d", speed);
  gtk_editable_set_text (GTK_EDITABLE (self->road_speed_row), speed_text);
  row_set_error (GTK_WIDGET (self->road_speed_row), NULL);

  for (guint i = 0; facility != NULL && i < self->travel_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->travel_rows, i);
      GtkWidget *tag = g_object_get_data (G_OBJECT (row), "tag");
      const RetPoint *point = find_point (self, g_object_get_data (G_OBJECT (row), "point"));
      const RetTravelTime *set = point != NULL ? find_travel (travel, facility->code, point->code) : NULL;
      double km = point != NULL ? great_circle_km (facility->latitude, facility->longitude,
                                                   point->latitude, point->longitude) : 0;
      RetVehicleKind kind = point != NULL && point->airport ? RET_VEHICLE_FLIGHT : RET_VEHICLE_BUS;
      int minutes = set != NULL ? set->minutes : ret_travel_estimate_minutes (kind, km, speed);
      g_autofree char *text = format_duration (minutes);
      g_autofree char *tooltip = NULL;

      gtk_editable_set_text (GTK_EDITABLE (row), text);
      row_set_error (row, NULL);

      if (set == NULL)
        {
          gtk_label_set_label (GTK_LABEL (tag), _("Estimate"));
          if (kind == RET_VEHICLE_FLIGHT)
            tooltip = g_strdup_printf (_("By air: %.0f km in a straight line"), km);
          else
            tooltip = g_strdup_printf (_("By road: %.0f km in a straight line, at %d km/h"), km, speed);
        }
      else if (set->sample)
        {
          gtk_label_set_label (GTK_LABEL (tag), _("Sample value"));
          tooltip = g_strdup (_("From the reference data, not the office's own: check it"));
        }
      else
        gtk_label_set_label (GTK_LABEL (tag), _("Set by the office"));
      gtk_widget_set_tooltip_text (tag, tooltip);
    }

  self->loading = was_loading;
}

static void
road_speed_applied_cb (RetPreferencesWindow *self)
{
  GtkWidget *row = GTK_WIDGET (self->road_speed_row);
  g_autofree char *text = strip_text (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (self));
  gint64 kmh;

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &kmh, NULL))
    {
      row_set_error (row, _("Type a speed in km/h"));
      return;
    }

  if (!ret_store_set_road_speed (self->store, (int) kmh, actor, &error))
    {
      row_set_error (row, error->message);
      return;
    }

  load_travel (self);
}

static void
road_speed_changed_cb (RetPreferencesWindow *self)
{
  if (!self->loading)
    row_set_error (GTK_WIDGET (self->road_speed_row), NULL);
}

static void
load_fleet (RetPreferencesWindow *self)
{
  load_vehicles (self);
  load_travel (self);
}

static void
fleet_facility_selected_cb (RetPreferencesWindow *self)
{
  if (self->loading)
    return;

  load_fleet (self);
  new_vehicle_changed_cb (self);
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
  g_autoptr(GtkStringList) facilities_model = gtk_string_list_new (NULL);

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
      if (((RetPoint *) g_ptr_array_index (self->points, i))->airport)
        g_ptr_array_add (self->airports, g_ptr_array_index (self->points, i));
    }

  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (facilities, i);

      if (facility->sector != NULL &&
          !g_ptr_array_find_with_equal_func (self->sectors, facility->sector, g_str_equal, NULL))
        g_ptr_array_add (self->sectors, g_strdup (facility->sector));
      gtk_string_list_append (facilities_model, facility->name != NULL ? facility->name : facility->code);
    }
  if (facilities != NULL)
    self->facilities = g_ptr_array_ref (facilities);
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
  adw_combo_row_set_model (self->fleet_facility_row, G_LIST_MODEL (facilities_model));
  self->loading = FALSE;

  *facilities_out = g_steal_pointer (&facilities);
}

static void
store_changed_cb (RetPreferencesWindow *self,
                  const char           *entity)
{
  static const char * const unrelated[] = { "persons", "transfers", "plans", "resolutions", NULL };
  static const char * const fleet[] = { "vehicles", "travel-times", NULL };
  g_autoptr(GPtrArray) facilities = NULL;

  /* Reloading resets the parameter rows: a value being typed must not
   * vanish because someone else planned a transfer meanwhile. */
  if (entity != NULL && g_strv_contains (unrelated, entity))
    return;

  /* Nor because a vehicle was edited on the next page */
  if (entity != NULL && g_strv_contains (fleet, entity))
    {
      load_fleet (self);
      return;
    }

  facilities = ret_store_list_facilities (self->store, NULL);

  load_arrangements (self);
  load_pairs (self, facilities);
  load_exceptions (self);
  /* The arrangements say which points the travel times are for */
  g_clear_pointer (&self->travel_facility, g_free);
  load_fleet (self);
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
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_ptr_array_unref (self->airports);
  g_ptr_array_unref (self->vehicle_rows);
  g_ptr_array_unref (self->vehicle_editors);
  g_clear_pointer (&self->new_vehicle, vehicle_editor_free);
  g_ptr_array_unref (self->travel_rows);
  g_free (self->travel_facility);

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
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, add_vehicle_button);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, approver_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, arrangement_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, closure_point_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_from_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_kind_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exception_to_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, exceptions_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, fleet_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, fleet_facility_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, new_vehicle_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, new_vehicle_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pair_point_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pair_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, pairs_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, road_speed_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, rules_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, sector_row);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, travel_group);
  gtk_widget_class_bind_template_child (widget_class, RetPreferencesWindow, vehicles_group);
  gtk_widget_class_bind_template_callback (widget_class, add_exception_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_pair_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_vehicle_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, arrangement_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, closure_point_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, exception_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fleet_facility_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, pair_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, road_speed_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, road_speed_changed_cb);
}

static void
ret_preferences_window_init (RetPreferencesWindow *self)
{
  self->sectors = g_ptr_array_new_with_free_func (g_free);
  self->param_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) param_row_free);
  self->pair_rows = g_ptr_array_new ();
  self->exception_rows = g_ptr_array_new ();
  self->airports = g_ptr_array_new ();
  self->vehicle_rows = g_ptr_array_new ();
  self->vehicle_editors = g_ptr_array_new ();
  self->travel_rows = g_ptr_array_new ();

  /* The callbacks of the template look at these: set them up first */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  build_rules (self);
  row_add_error_label (GTK_WIDGET (self->road_speed_row));
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
  build_new_vehicle_form (self);
  load_fleet (self);
  new_vehicle_changed_cb (self);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);

  return GTK_WIDGET (self);
}
