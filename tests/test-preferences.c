/* test-preferences.c — the rules' parameters, lateral pairs and closures, as set in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-application.h"
#include "ret-main-window.h"
#include "ret-preferences-window.h"
#include "ret-test-gui-util.h"

static gboolean
is_expander_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_EXPANDER_ROW (widget);
}

static gboolean
is_switch (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_visible_error_label (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget) && *gtk_label_get_label (GTK_LABEL (widget)) != '\0';
}

static gboolean
is_row_titled_with (GtkWidget     *widget,
                    gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

typedef struct
{
  RetStore  *store;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = ret_test_store_new ("preferences.db");
  fixture->window = ret_test_show_window (ret_preferences_window_new (NULL, fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ret_test_destroy_window (&fixture->window);
  g_clear_object (&fixture->store);
}

/* The value and sample mark of @rule's parameter @key for the
 * arrangement at @index of the store's list */
static int
stored_param (Fixture    *fixture,
              guint       index,
              RetRuleId   rule,
              const char *key,
              gboolean   *sample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) arrangements = ret_store_list_arrangements (fixture->store, &error);
  const RetCheckArrangement *arrangement;
  int param = ret_rule_param_index (rule, key);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, arrangements->len);
  g_assert_cmpint (param, >=, 0);
  arrangement = g_ptr_array_index (arrangements, index);
  if (sample != NULL)
    *sample = arrangement->params.sample[rule][param];

  return arrangement->params.value[rule][param];
}

static void
apply_text (GtkWidget  *entry_row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "apply");
  ret_test_wait_frames (1);
}

static void
test_rules_catalogue (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The whole catalogue, with or without parameters */
  g_assert_cmpuint (ret_test_count_widgets (fixture->window, is_expander_row, NULL), ==, RET_N_RULES);

  for (RetRuleId id = 0; id < RET_N_RULES; id++)
    {
      const RetRule *rule = ret_rule_get (id);
      GtkWidget *row = ret_test_find_named (fixture->window, rule->code);
      g_autofree char *title = g_strdup_printf ("%s · %s", rule->code, rule->title);

      g_assert_true (ADW_IS_EXPANDER_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
      /* Where the rule comes from is on the row itself */
      g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), rule->source));

      for (guint i = 0; i < rule->n_params; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s", rule->code, rule->params[i].key);

          ret_test_find_named (row, name);
        }
    }
}

static void
test_rules_lead_hours_per_arrangement (Fixture       *fixture,
                                       gconstpointer  data)
{
  const RetRule *rule = ret_rule_get (RET_RULE_ADVANCE_NOTICE);
  int index = ret_rule_param_index (RET_RULE_ADVANCE_NOTICE, "lead_hours");
  const RetRuleParam *param;
  GtkWidget *combo = ret_test_find_named (fixture->window, "arrangement");
  GtkWidget *row = ret_test_find_named (fixture->window, "R08-lead_hours");
  GtkWidget *tag;
  g_autofree char *text = NULL;
  int other_before;
  int value;
  gboolean sample;

  g_assert_cmpint (index, >=, 0);
  param = &rule->params[index];
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))), >=, 2);

  other_before = stored_param (fixture, 0, RET_RULE_ADVANCE_NOTICE, "lead_hours", NULL);
  value = stored_param (fixture, 1, RET_RULE_ADVANCE_NOTICE, "lead_hours", NULL) == param->max
          ? param->max - 1 : param->max;

  /* The second arrangement shows its own value */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  ret_test_wait_frames (1);
  {
    g_autofree char *shown = ret_rule_param_format (param, stored_param (fixture, 1, RET_RULE_ADVANCE_NOTICE,
                                                                         "lead_hours", NULL));

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  }

  text = ret_rule_param_format (param, value);
  apply_text (row, text);

  g_assert_cmpint (stored_param (fixture, 1, RET_RULE_ADVANCE_NOTICE, "lead_hours", &sample), ==, value);
  g_assert_false (sample);
  g_assert_cmpint (stored_param (fixture, 0, RET_RULE_ADVANCE_NOTICE, "lead_hours", NULL), ==, other_before);

  /* A value set by a coordinator is no longer a sample */
  row = ret_test_find_named (fixture->window, "R08-lead_hours");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, text);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  tag = ret_test_find_with_property (row, GTK_TYPE_LABEL, "label", "Sample value");
  g_assert_nonnull (tag);
  g_assert_false (gtk_widget_get_visible (tag));

  /* Back on the first arrangement: its own value, untouched */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  ret_test_wait_frames (1);
  {
    g_autofree char *shown = ret_rule_param_format (param, other_before);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
  }
}

static void
test_rules_invalid_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  const RetRule *rule = ret_rule_get (RET_RULE_ADVANCE_NOTICE);
  int index = ret_rule_param_index (RET_RULE_ADVANCE_NOTICE, "lead_hours");
  g_autofree char *too_big = ret_rule_param_format (&rule->params[index], rule->params[index].max + 1);
  const char *inputs[] = { "abc", "", "12 days", too_big };
  GtkWidget *row = ret_test_find_named (fixture->window, "R08-lead_hours");
  int before = stored_param (fixture, 0, RET_RULE_ADVANCE_NOTICE, "lead_hours", NULL);
  gint64 audits = ret_store_count_audit (fixture->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_test_message ("input: “%s”", inputs[i]);
      apply_text (row, inputs[i]);

      /* The row says what is wrong, and nothing is stored */
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_nonnull (ret_test_find_widget (row, is_visible_error_label, NULL));
      g_assert_cmpint (stored_param (fixture, 0, RET_RULE_ADVANCE_NOTICE, "lead_hours", NULL), ==, before);
      g_assert_cmpint (ret_store_count_audit (fixture->store, NULL), ==, audits);
    }

  /* Editing again clears the mark */
  gtk_editable_set_text (GTK_EDITABLE (row), "1");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

/* A yes/no parameter is a switch, stored as soon as it is flipped */
static void
test_rules_switch (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *row = ret_test_find_named (fixture->window, "R03-civil_twilight");
  GtkWidget *toggle = ret_test_find_widget (row, is_switch, NULL);
  int before = stored_param (fixture, 0, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight", NULL);

  g_assert_nonnull (toggle);
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (toggle)), ==, before != 0);

  gtk_switch_set_active (GTK_SWITCH (toggle), before == 0);
  ret_test_wait_frames (1);
  g_assert_cmpint (stored_param (fixture, 0, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight", NULL), ==,
                   before == 0);
  /* Only that arrangement */
  g_assert_cmpint (stored_param (fixture, 1, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight", NULL), ==, before);
}

static void
test_lateral_pair_add (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (fixture->store, &error);
  GtkWidget *add = ret_test_find_named (fixture->window, "add-pair");
  GtkWidget *sector = ret_test_find_named (fixture->window, "sector");
  const RetPoint *point;
  const RetLateralPair *pair;
  GtkStringObject *sector_item;

  g_assert_no_error (error);
  pairs = ret_store_list_lateral_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  adw_combo_row_set_selected (ADW_COMBO_ROW (sector), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ret_test_find_named (fixture->window, "pair-point")), 1);
  point = g_ptr_array_index (points, 1);
  sector_item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (sector));

  /* Approver and reason are both required */
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "approver")), "Jefa de sector");
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "pair-reason")),
                         "Puerto cerrado por obras");
  g_assert_true (gtk_widget_get_sensitive (add));

  g_signal_emit_by_name (add, "clicked");
  ret_test_wait_frames (1);

  pairs = ret_store_list_lateral_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  pair = g_ptr_array_index (pairs, 0);
  g_assert_cmpstr (pair->point, ==, point->code);
  g_assert_nonnull (strstr (gtk_string_object_get_string (sector_item), pair->sector));
  g_assert_cmpstr (pair->approved_by, ==, "Jefa de sector");
  g_assert_cmpstr (pair->reason, ==, "Puerto cerrado por obras");

  /* It is listed, and the form is ready for the next one */
  g_assert_nonnull (ret_test_find_widget (fixture->window, is_row_titled_with, point->city));
  g_assert_false (gtk_widget_get_sensitive (add));
}

static void
test_closure_add (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (fixture->store, &error);
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) from = NULL;
  GtkWidget *add = ret_test_find_named (fixture->window, "add-exception");
  const RetPoint *point;
  const RetPointException *exception;

  g_assert_no_error (error);
  point = g_ptr_array_index (points, 0);
  zone = g_time_zone_new_identifier (point->timezone);
  from = g_date_time_new (zone, 2026, 12, 24, 8, 0, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (ret_test_find_named (fixture->window, "closure-point")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ret_test_find_named (fixture->window, "exception-kind")), 0);

  /* A start that is no time is refused before anything is stored */
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "exception-reason")), "Nochebuena");
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "exception-from")), "2026-12-32 08:00");
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "exception-from")), "2026-12-24 08:00");
  g_assert_true (gtk_widget_get_sensitive (add));

  g_signal_emit_by_name (add, "clicked");
  ret_test_wait_frames (1);

  exceptions = ret_store_list_point_exceptions (fixture->store, point->code, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exceptions->len, ==, 1);
  exception = g_ptr_array_index (exceptions, 0);
  g_assert_true (exception->closed);
  g_assert_cmpint (exception->starts_at, ==, g_date_time_to_unix (from));
  g_assert_cmpint (exception->ends_at, ==, 0);
  g_assert_cmpstr (exception->reason, ==, "Nochebuena");

  g_assert_nonnull (ret_test_find_widget (fixture->window, is_row_titled_with, "Closed"));
}

static guint
count_preferences_windows_over (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* The fixture's own window has no parent */
      if (RET_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent)
        {
          g_assert_true (gtk_window_get_modal (window));
          n++;
        }
    }

  return n;
}

/* Ctrl+comma, or Preferences in the menu, opens the window over the main
 * window, on that window's database */
static void
test_application_action (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RetApplication) app = ret_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  RetMainWindow *window;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));

  window = ret_main_window_new (app, fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (2);

  g_assert_cmpuint (count_preferences_windows_over (GTK_WINDOW (window)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ret_test_wait_frames (2);
  g_assert_cmpuint (count_preferences_windows_over (GTK_WINDOW (window)), ==, 1);

  /* Pressed again: the same window, not a second one */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ret_test_wait_frames (2);
  g_assert_cmpuint (count_preferences_windows_over (GTK_WINDOW (window)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_wait_frames (1);
}

int
main (int argc, char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add ("/preferences/rules/catalogue", Fixture, NULL,
              fixture_set_up, test_rules_catalogue, fixture_tear_down);
  g_test_add ("/preferences/rules/lead-hours-per-arrangement", Fixture, NULL,
              fixture_set_up, test_rules_lead_hours_per_arrangement, fixture_tear_down);
  g_test_add ("/preferences/rules/invalid-refused", Fixture, NULL,
              fixture_set_up, test_rules_invalid_refused, fixture_tear_down);
  g_test_add ("/preferences/rules/switch", Fixture, NULL,
              fixture_set_up, test_rules_switch, fixture_tear_down);
  g_test_add ("/preferences/lateral-pairs/add", Fixture, NULL,
              fixture_set_up, test_lateral_pair_add, fixture_tear_down);
  g_test_add ("/preferences/closures/add", Fixture, NULL,
              fixture_set_up, test_closure_add, fixture_tear_down);
  g_test_add ("/preferences/application/action", Fixture, NULL,
              fixture_set_up, test_application_action, fixture_tear_down);

  return g_test_run ();
}
