/* test-preferences.c — the rules' parameters, lateral pairs, closures and the fleet, as set in the window
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
#include "ret-rules-private.h"
#include "ret-store-schedule.h"
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
  /* The whole catalogue, with or without parameters, on its page */
  GtkWidget *page = ret_test_find_with_property (fixture->window, ADW_TYPE_PREFERENCES_PAGE, "name", "rules");

  g_assert_nonnull (page);
  g_assert_cmpuint (ret_test_count_widgets (page, is_expander_row, NULL), ==, RET_N_RULES);

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

/* The fleet page ------------------------------------------------------- */

/* The Tucson sector has buses, vans and the sample flights */
#define FLEET_FACILITY "TCA"

static const RetFacility *
select_fleet_facility (Fixture    *fixture,
                       const char *code,
                       GPtrArray **facilities_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = ret_store_list_facilities (fixture->store, &error);
  GtkWidget *combo = ret_test_find_named (fixture->window, "fleet-facility");
  const RetFacility *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (facilities, i);

      if (g_strcmp0 (facility->code, code) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
          found = facility;
        }
    }
  g_assert_nonnull (found);
  ret_test_wait_frames (1);

  *facilities_out = g_steal_pointer (&facilities);
  return found;
}

static GPtrArray *
stored_vehicles (Fixture    *fixture,
                 const char *facility)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *vehicles = ret_store_list_vehicles (fixture->store, facility, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vehicles);

  return vehicles;
}

static RetVehicle *
stored_vehicle (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GPtrArray) vehicles = stored_vehicles (fixture, NULL);

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, i);

      if (vehicle->id == id)
        return ret_vehicle_copy (vehicle);
    }

  return NULL;
}

/* The first vehicle of FLEET_FACILITY of @kind */
static RetVehicle *
first_vehicle_of_kind (Fixture        *fixture,
                       RetVehicleKind  kind)
{
  g_autoptr(GPtrArray) vehicles = stored_vehicles (fixture, FLEET_FACILITY);

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, i);

      if (vehicle->kind == kind)
        return ret_vehicle_copy (vehicle);
    }

  g_assert_not_reached ();
}

static GtkWidget *
vehicle_row (Fixture    *fixture,
             gint64      id,
             const char *field)
{
  g_autofree char *name = field != NULL ? g_strdup_printf ("vehicle-%" G_GINT64_FORMAT "-%s", id, field)
                                        : g_strdup_printf ("vehicle-%" G_GINT64_FORMAT, id);

  return ret_test_find_named (fixture->window, name);
}

static gboolean
is_vehicle_expander (GtkWidget     *widget,
                     gconstpointer  data)
{
  const char *name = gtk_widget_get_name (widget);

  return ADW_IS_EXPANDER_ROW (widget) && g_str_has_prefix (name, "vehicle-");
}

static void
test_fleet_reference (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  gboolean flight = FALSE;

  select_fleet_facility (fixture, FLEET_FACILITY, &facilities);
  vehicles = stored_vehicles (fixture, FLEET_FACILITY);

  /* The reference data gives every facility a sample fleet */
  g_assert_cmpuint (vehicles->len, >, 0);
  g_assert_false (gtk_widget_get_visible (ret_test_find_named (fixture->window, "fleet-error")));
  g_assert_cmpuint (ret_test_count_widgets (fixture->window, is_vehicle_expander, NULL), ==, vehicles->len);

  for (guint i = 0; i < vehicles->len; i++)
    {
      const RetVehicle *vehicle = g_ptr_array_index (vehicles, i);
      GtkWidget *row = vehicle_row (fixture, vehicle->id, NULL);
      GtkWidget *tag = ret_test_find_with_property (row, GTK_TYPE_LABEL, "label", "Sample value");
      const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      g_autofree char *seats = g_strdup_printf ("%d seats", vehicle->seats);
      g_autofree char *seats_value = g_strdup_printf ("%d", vehicle->seats);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, vehicle->label);
      g_assert_nonnull (strstr (subtitle, seats));
      g_assert_true (vehicle->sample);
      g_assert_nonnull (tag);
      g_assert_true (gtk_widget_get_visible (tag));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vehicle_row (fixture, vehicle->id, "seats"))), ==,
                       seats_value);

      /* A flight says where it goes and when it leaves */
      if (vehicle->kind == RET_VEHICLE_FLIGHT)
        {
          g_autofree char *time = ret_minute_format (vehicle->depart_minute);

          flight = TRUE;
          g_assert_nonnull (strstr (subtitle, time));
          g_assert_true (gtk_widget_get_visible (vehicle_row (fixture, vehicle->id, "departure")));
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (vehicle_row (fixture, vehicle->id, "departure"))),
                           ==, time);
        }
      else
        g_assert_false (gtk_widget_get_visible (vehicle_row (fixture, vehicle->id, "departure")));
    }
  g_assert_true (flight);
}

/* Seats that are no seats are refused with the reason next to them, and
 * the vehicle keeps its own; a right number is stored at once */
static void
test_fleet_seats (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *refused[] = { "0", "-4", "many", "" };
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(RetVehicle) bus = NULL;
  g_autoptr(RetVehicle) after = NULL;
  GtkWidget *row;
  gint64 audits = ret_store_count_audit (fixture->store, NULL);
  int seats;

  select_fleet_facility (fixture, FLEET_FACILITY, &facilities);
  bus = first_vehicle_of_kind (fixture, RET_VEHICLE_BUS);
  row = vehicle_row (fixture, bus->id, "seats");
  seats = bus->seats == 52 ? 51 : 52;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(RetVehicle) unchanged = NULL;

      g_test_message ("input: “%s”", refused[i]);
      apply_text (row, refused[i]);

      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_nonnull (ret_test_find_widget (row, is_visible_error_label, NULL));
      unchanged = stored_vehicle (fixture, bus->id);
      g_assert_cmpint (unchanged->seats, ==, bus->seats);
      g_assert_true (unchanged->sample);
      g_assert_cmpint (ret_store_count_audit (fixture->store, NULL), ==, audits);
    }

  /* Editing again clears the mark */
  gtk_editable_set_text (GTK_EDITABLE (row), "8");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  {
    g_autofree char *text = g_strdup_printf ("%d", seats);
    g_autofree char *shown = g_strdup_printf ("%d seats", seats);

    apply_text (row, text);
    after = stored_vehicle (fixture, bus->id);
    g_assert_nonnull (after);
    g_assert_cmpint (after->seats, ==, seats);
    /* Set by the office: no longer a sample, and audited */
    g_assert_false (after->sample);
    g_assert_cmpstr (after->label, ==, bus->label);
    g_assert_cmpint (after->kind, ==, bus->kind);
    g_assert_cmpint (ret_store_count_audit (fixture->store, NULL), ==, audits + 1);

    g_assert_false (gtk_widget_has_css_class (row, "error"));
    row = vehicle_row (fixture, bus->id, NULL);
    g_assert_false (gtk_widget_get_visible (ret_test_find_with_property (row, GTK_TYPE_LABEL, "label",
                                                                         "Sample value")));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), shown));
  }
}

/* A bus made a flight is stored once it has its departure: until then
 * the store refuses it and the vehicle stays a bus */
static void
test_fleet_flight_needs_departure (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(RetVehicle) bus = NULL;
  g_autoptr(RetVehicle) after = NULL;
  GtkWidget *kind;
  GtkWidget *departure;

  select_fleet_facility (fixture, FLEET_FACILITY, &facilities);
  bus = first_vehicle_of_kind (fixture, RET_VEHICLE_BUS);
  kind = vehicle_row (fixture, bus->id, "kind");
  departure = vehicle_row (fixture, bus->id, "departure");
  g_assert_false (gtk_widget_get_visible (departure));

  /* A refused value does not slip in with the next edit */
  apply_text (vehicle_row (fixture, bus->id, "seats"), "0");

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), RET_VEHICLE_FLIGHT);
  ret_test_wait_frames (1);
  g_assert_true (gtk_widget_has_css_class (kind, "error"));
  g_assert_nonnull (ret_test_find_widget (kind, is_visible_error_label, NULL));
  g_assert_true (gtk_widget_get_visible (departure));
  g_assert_true (gtk_widget_get_visible (vehicle_row (fixture, bus->id, "airport")));
  after = stored_vehicle (fixture, bus->id);
  g_assert_cmpint (after->kind, ==, RET_VEHICLE_BUS);
  g_clear_pointer (&after, ret_vehicle_free);

  apply_text (departure, "09:30");
  after = stored_vehicle (fixture, bus->id);
  g_assert_cmpint (after->kind, ==, RET_VEHICLE_FLIGHT);
  g_assert_cmpint (after->depart_minute, ==, 9 * 60 + 30);
  g_assert_nonnull (after->point);
  g_assert_cmpint (after->seats, ==, bus->seats);
  g_assert_false (gtk_widget_has_css_class (kind, "error"));
}

static void
test_fleet_add_and_remove (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const RetVehicle *added = NULL;
  GtkWidget *add = ret_test_find_named (fixture->window, "add-vehicle");
  GtkWidget *row;

  select_fleet_facility (fixture, FLEET_FACILITY, &facilities);
  before = stored_vehicles (fixture, FLEET_FACILITY);

  /* A van for children travelling alone, on weekdays only */
  g_assert_false (gtk_widget_get_sensitive (add));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "new-vehicle-label")), "Van UAM 9");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ret_test_find_named (fixture->window, "new-vehicle-kind")),
                              RET_VEHICLE_VAN);
  gtk_switch_set_active (GTK_SWITCH (ret_test_find_widget (ret_test_find_named (fixture->window, "new-vehicle-minors"),
                                                           is_switch, NULL)), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ret_test_find_named (fixture->window, "new-vehicle-day-6")), FALSE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ret_test_find_named (fixture->window, "new-vehicle-day-7")), FALSE);

  /* 0 seats: the store's reason, and nothing added */
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "new-vehicle-seats")), "0");
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  ret_test_wait_frames (1);
  after = stored_vehicles (fixture, FLEET_FACILITY);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_nonnull (ret_test_find_widget (fixture->window, is_visible_error_label, NULL));

  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "new-vehicle-seats")), "8");
  g_signal_emit_by_name (add, "clicked");
  ret_test_wait_frames (1);

  after = stored_vehicles (fixture, FLEET_FACILITY);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    if (g_strcmp0 (((RetVehicle *) g_ptr_array_index (after, i))->label, "Van UAM 9") == 0)
      added = g_ptr_array_index (after, i);
  g_assert_nonnull (added);
  g_assert_cmpint (added->kind, ==, RET_VEHICLE_VAN);
  g_assert_cmpint (added->seats, ==, 8);
  g_assert_true (added->minors_only);
  g_assert_cmpuint (added->weekdays, ==, 0x1f);
  g_assert_false (added->sample);

  /* Listed, opened for more edits, and the form is empty again */
  row = vehicle_row (fixture, added->id, NULL);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpuint (ret_test_count_widgets (fixture->window, is_vehicle_expander, NULL), ==, after->len);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ret_test_find_named (fixture->window, "new-vehicle-label"))),
                   ==, "");
  g_assert_false (gtk_widget_get_sensitive (add));

  /* Renamed, it sorts elsewhere and stays open */
  apply_text (vehicle_row (fixture, added->id, "label"), "A van for minors");
  {
    g_autoptr(RetVehicle) renamed = stored_vehicle (fixture, added->id);

    g_assert_cmpstr (renamed->label, ==, "A van for minors");
  }
  row = vehicle_row (fixture, added->id, NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "A van for minors");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* Nothing uses it yet: it can go */
  g_signal_emit_by_name (ret_test_find_with_property (row, GTK_TYPE_BUTTON, "tooltip-text", "Remove the Vehicle"),
                         "clicked");
  ret_test_wait_frames (1);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = stored_vehicles (fixture, FLEET_FACILITY);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (ret_test_count_widgets (fixture->window, is_vehicle_expander, NULL), ==, before->len);
}

static char *
expected_estimate (Fixture           *fixture,
                   const RetFacility *facility,
                   const RetPoint    *point)
{
  double km = ret_great_circle_km (facility->latitude, facility->longitude, point->latitude, point->longitude);
  int minutes = ret_travel_estimate_minutes (point->airport ? RET_VEHICLE_FLIGHT : RET_VEHICLE_BUS, km,
                                             ret_store_get_road_speed (fixture->store));

  return g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
}

static const RetTravelTime *
find_stored_travel (GPtrArray  *travel,
                    const char *facility,
                    const char *point)
{
  for (guint i = 0; i < travel->len; i++)
    {
      const RetTravelTime *t = g_ptr_array_index (travel, i);

      if (g_strcmp0 (t->facility, facility) == 0 && g_strcmp0 (t->point, point) == 0)
        return t;
    }

  return NULL;
}

/* A time set by the office replaces the estimate; cleared, the
 * estimate is back, at the average road speed */
static void
test_fleet_travel_time (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (fixture->store, &error);
  g_autoptr(GPtrArray) travel = NULL;
  const RetFacility *facility = select_fleet_facility (fixture, "DRT", &facilities);
  const RetPoint *point = NULL;
  const RetTravelTime *set;
  g_autofree char *estimate = NULL;
  GtkWidget *row;
  GtkWidget *speed;
  int kmh;

  g_assert_no_error (error);
  /* Del Rio's arrangement designates Ciudad Acuña and Piedras Negras */
  for (guint i = 0; i < points->len; i++)
    if (g_strcmp0 (((RetPoint *) g_ptr_array_index (points, i))->code, "PDN") == 0)
      point = g_ptr_array_index (points, i);
  g_assert_nonnull (point);
  g_assert_nonnull (ret_test_find_named (fixture->window, "travel-ACU"));
  row = ret_test_find_named (fixture->window, "travel-PDN");
  estimate = expected_estimate (fixture, facility, point);

  /* What the page shows at first: the reference data's time, or the estimate */
  travel = ret_store_list_travel_times (fixture->store, &error);
  g_assert_no_error (error);
  set = find_stored_travel (travel, "DRT", "PDN");
  if (set != NULL)
    {
      g_autofree char *shown = g_strdup_printf ("%d:%02d", set->minutes / 60, set->minutes % 60);

      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown);
    }
  else
    {
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, estimate);
      g_assert_nonnull (ret_test_find_with_property (row, GTK_TYPE_LABEL, "label", "Estimate"));
    }
  g_clear_pointer (&travel, g_ptr_array_unref);

  apply_text (row, "3:15");
  travel = ret_store_list_travel_times (fixture->store, &error);
  g_assert_no_error (error);
  set = find_stored_travel (travel, "DRT", "PDN");
  g_assert_nonnull (set);
  g_assert_cmpint (set->minutes, ==, 3 * 60 + 15);
  g_assert_false (set->sample);
  g_clear_pointer (&travel, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "3:15");
  g_assert_nonnull (ret_test_find_with_property (row, GTK_TYPE_LABEL, "label", "Set by the office"));

  /* A time that is no time is refused, the office's stays */
  apply_text (row, "0:00");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  travel = ret_store_list_travel_times (fixture->store, &error);
  g_assert_cmpint (find_stored_travel (travel, "DRT", "PDN")->minutes, ==, 3 * 60 + 15);
  g_clear_pointer (&travel, g_ptr_array_unref);

  apply_text (row, "");
  travel = ret_store_list_travel_times (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (find_stored_travel (travel, "DRT", "PDN"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, estimate);
  g_assert_nonnull (ret_test_find_with_property (row, GTK_TYPE_LABEL, "label", "Estimate"));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* The average road speed: refused out of range, else every road
   * estimate follows it */
  speed = ret_test_find_named (fixture->window, "road-speed");
  kmh = ret_store_get_road_speed (fixture->store);
  apply_text (speed, "500");
  g_assert_true (gtk_widget_has_css_class (speed, "error"));
  g_assert_cmpint (ret_store_get_road_speed (fixture->store), ==, kmh);

  apply_text (speed, kmh == 90 ? "100" : "90");
  g_assert_false (gtk_widget_has_css_class (speed, "error"));
  g_assert_cmpint (ret_store_get_road_speed (fixture->store), ==, kmh == 90 ? 100 : 90);
  g_clear_pointer (&estimate, g_free);
  estimate = expected_estimate (fixture, facility, point);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, estimate);
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
  g_test_add ("/preferences/fleet/reference", Fixture, NULL,
              fixture_set_up, test_fleet_reference, fixture_tear_down);
  g_test_add ("/preferences/fleet/seats", Fixture, NULL,
              fixture_set_up, test_fleet_seats, fixture_tear_down);
  g_test_add ("/preferences/fleet/flight-needs-departure", Fixture, NULL,
              fixture_set_up, test_fleet_flight_needs_departure, fixture_tear_down);
  g_test_add ("/preferences/fleet/add-and-remove", Fixture, NULL,
              fixture_set_up, test_fleet_add_and_remove, fixture_tear_down);
  g_test_add ("/preferences/fleet/travel-time", Fixture, NULL,
              fixture_set_up, test_fleet_travel_time, fixture_tear_down);
  g_test_add ("/preferences/application/action", Fixture, NULL,
              fixture_set_up, test_application_action, fixture_tear_down);

  return g_test_run ();
}
