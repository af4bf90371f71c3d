/* test-checks-panel.c — the safety rules checks beside the day timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-checks-panel.h"
#include "ret-main-window.h"
#include "ret-plan-view.h"
#include "ret-resolve-dialog.h"
#include "ret-test-gui-util.h"
#include "ret-timeline-row.h"
#include "ret-transfer-dialog.h"

#define NIGHT_CODE "T-TEST-NOG-01"
#define NIGHT_CODE_2 "T-TEST-NOG-02"
#define NIGHT_CODE_3 "T-TEST-NOG-03"
#define NIGHT_CODE_4 "T-TEST-NOG-04"

/* 2030-03-12: far enough ahead that no notice is due yet, at Nogales,
 * whose zone keeps no daylight saving time. */
#define DAY_Y 2030
#define DAY_M 3
#define DAY_D 12

/* Lets the panel's own delayed check run, as it does after an edit, and
 * waits for its answer from the checking thread; no refresh by hand. */
static void
wait_for_check (RetChecksPanel *panel)
{
  gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  ret_test_wait_frames (1);
  while (ret_checks_panel_is_refresh_pending (panel) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (ret_checks_panel_is_refresh_pending (panel));
  ret_test_wait_frames (2);
}

static RetPerson *
make_person (const char *a_number,
             int         age)
{
  RetPerson *p = ret_person_new ();

  p->a_number = g_strdup (a_number);
  p->family_name = g_strdup ("Prueba");
  p->given_names = g_strdup ("Persona");
  p->sex = RET_SEX_MALE;
  g_date_set_dmy (&p->birth_date, 1, 1, DAY_Y - age);
  p->nationality = g_strdup ("MEX");
  p->nationality_verified = TRUE;
  p->facility = g_strdup ("TCA");
  p->apprehended_at = g_get_real_time () / G_USEC_PER_SEC - 3600;
  p->origin_code = g_strdup ("26043");
  p->medical_fit = TRUE;
  p->notes = g_strdup ("");

  return p;
}

static void
the_day (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, DAY_D, DAY_M, DAY_Y);
}

/* A draft plan with one bus handing two new adults over at Nogales at
 * @hour local time on the day. */
static void
insert_plan_at_nogales (RetStore   *store,
                        const char *code,
                        int         hour,
                        const char *a_number_1,
                        const char *a_number_2,
                        gint64     *plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) draft = ret_plan_draft_new ();
  RetPlanDraftTransfer *transfer = ret_plan_draft_transfer_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Hermosillo");
  g_autoptr(GDateTime) handover = g_date_time_new (zone, DAY_Y, DAY_M, DAY_D, hour, 0, 0);

  g_ptr_array_add (persons, make_person (a_number_1, 30));
  g_ptr_array_add (persons, make_person (a_number_2, 41));
  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);

  transfer->code = g_strdup (code);
  transfer->mode = g_strdup ("bus");
  transfer->facility = g_strdup ("TCA");
  transfer->point = g_strdup ("NOG");
  transfer->handover_at = g_date_time_to_unix (handover);
  transfer->depart_at = transfer->handover_at - 3600;
  transfer->seats = 40;
  g_ptr_array_add (transfer->a_numbers, g_strdup (a_number_1));
  g_ptr_array_add (transfer->a_numbers, g_strdup (a_number_2));
  g_ptr_array_add (draft->transfers, transfer);

  g_assert_true (ret_store_insert_plan (store, draft, "tester", "test", plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (*plan_id, >, 0);
}

/* The night plan: a bus handing two adults over at Nogales at 02:00
 * local time, inside the border-wide night, a hard violation of R02. */
static RetStore *
store_with_night_plan (gint64 *plan_id)
{
  g_autoptr(RetStore) store = ret_test_store_new ("checks-panel.db");

  insert_plan_at_nogales (store, NIGHT_CODE, 2, "TEST-0001", "TEST-0002", plan_id);

  return g_steal_pointer (&store);
}

/* The check as the panel should see it, made apart from the panel. */
static RetCheckResult *
check_day (RetStore     *store,
           RetCheckData **data_out)
{
  g_autoptr(GError) error = NULL;
  GDate day;
  RetCheckData *data;

  the_day (&day);
  data = ret_store_load_check_data (store, &day, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  *data_out = data;

  return ret_check_run (data);
}

static char *
plan_status (RetStore *store,
             gint64    plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = ret_store_list_plans (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < plans->len; i++)
    {
      const RetPlanInfo *plan = g_ptr_array_index (plans, i);

      if (plan->id == plan_id)
        return g_strdup (plan->status);
    }

  return NULL;
}

static GtkListBoxRow *
find_row (RetChecksPanel *panel,
          RetRuleId       rule,
          const char     *code)
{
  GtkListBox *list = ret_checks_panel_get_list (panel);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      const RetViolation *violation;

      if (row == NULL)
        return NULL;

      violation = g_object_get_data (G_OBJECT (row), "ret-violation");
      if (violation != NULL && violation->rule == rule && g_strcmp0 (violation->transfer_code, code) == 0)
        return row;
    }
}

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static gboolean
is_button_content (GtkWidget     *widget,
                   gconstpointer  data)
{
  return ADW_IS_BUTTON_CONTENT (widget);
}

static gboolean
is_status_page (GtkWidget     *widget,
                gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_is_drawable (widget);
}

typedef struct
{
  RetStore       *store;
  gint64          plan_id;
  RetMainWindow  *window;
  RetPlanView    *view;
  RetChecksPanel *panel;
} Fixture;

/* The night plan's day on the Plan page of the main window, with the
 * panel shown; @user_data, when set, the window's height in pixels. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  int height = user_data != NULL ? GPOINTER_TO_INT (user_data) : 900;
  GDate day;

  fixture->store = store_with_night_plan (&fixture->plan_id);
  fixture->window = ret_main_window_new (NULL, fixture->store, NULL);
  fixture->view = RET_PLAN_VIEW (ret_main_window_get_plan_view (fixture->window));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "plan");
  the_day (&day);
  ret_plan_view_set_date (fixture->view, &day);
  ret_plan_view_set_show_checks (fixture->view, TRUE);
  ret_test_wait_frames (10);

  fixture->panel = ret_plan_view_get_checks_panel (fixture->view);
  wait_for_check (fixture->panel);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->store);
}

/* Overrides the unresolved hard violations of the day, or only those of
 * the transfer @code when it is set. */
static void
override_hard (RetStore   *store,
               const char *code,
               const char *approver)
{
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = check_day (store, &data);
  GPtrArray *violations = ret_check_result_get_violations (result);

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *violation = g_ptr_array_index (violations, i);
      g_autoptr(GError) error = NULL;
      RetResolution resolution = { 0 };
      gint64 id = 0;

      if (violation->severity != RET_SEVERITY_HARD || ret_violation_is_resolved (violation) ||
          (code != NULL && g_strcmp0 (violation->transfer_code, code) != 0))
        continue;

      resolution.plan_id = violation->plan_id;
      resolution.transfer_code = violation->transfer_code;
      resolution.rule = violation->rule;
      resolution.subject = violation->subject;
      resolution.kind = RET_RESOLUTION_OVERRIDE;
      resolution.reason = (char *) "INM opened the module at night for this bus";
      resolution.approver = (char *) approver;
      g_assert_true (ret_store_add_resolution (store, &resolution, "tester", &id, &error));
      g_assert_no_error (error);
    }
}

static void
override_every_hard (RetStore   *store,
                     const char *approver)
{
  override_hard (store, NULL, approver);
}

/* A hard violation is listed under "Hard Violations", counted in the
 * header, and blocks approval; overriding it through the store shows at
 * once in the panel, after which the plan is approved. */
static void
test_hard_violation_and_approval (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) expected = check_day (fixture->store, &data);
  g_autofree char *expected_counts = NULL;
  g_autofree char *status = NULL;
  GtkListBoxRow *row;
  GtkWidget *approve;
  GtkWidget *header;

  /* the store's check finds the night handover */
  g_assert_cmpuint (ret_check_result_count (expected, RET_SEVERITY_HARD, TRUE), >=, 1);
  expected_counts = ret_checks_format_counts (ret_check_result_count (expected, RET_SEVERITY_HARD, TRUE),
                                              ret_check_result_count (expected, RET_SEVERITY_WARNING, TRUE));

  /* ... and so does the panel, with the same counts in its header */
  g_assert_cmpstr (ret_checks_panel_get_count_text (fixture->panel), ==, expected_counts);
  g_assert_true (g_str_has_suffix (ret_checks_panel_get_count_text (fixture->panel), "warnings") ||
                 g_str_has_suffix (ret_checks_panel_get_count_text (fixture->panel), "warning"));
  g_assert_nonnull (strstr (ret_checks_panel_get_count_text (fixture->panel), " hard · "));

  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "checks-hard"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "resolved"));
  g_assert_nonnull (ret_test_find_with_property (GTK_WIDGET (row), GTK_TYPE_BUTTON, "label", "_Override…"));
  /* the hours concern the bus, not its passengers: no count of persons */
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label_with_prefix, NIGHT_CODE));
  g_assert_null (ret_test_find_widget (GTK_WIDGET (row), is_label_with_prefix, NIGHT_CODE " · "));

  /* the list opens with the hard violations, under their heading */
  header = gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (ret_checks_panel_get_list (fixture->panel), 0));
  g_assert_nonnull (header);
  g_assert_nonnull (ret_test_find_widget (header, is_label_with_prefix, "Hard Violations"));
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (fixture->panel), is_label_with_prefix, "R02 · "));

  /* the button that hides the panel keeps the count in sight */
  {
    g_autofree char *label = ret_checks_format_toggle_label (ret_check_result_count (expected, RET_SEVERITY_HARD, TRUE));
    GtkWidget *content = ret_test_find_widget (GTK_WIDGET (fixture->view), is_button_content, NULL);

    g_assert_nonnull (content);
    g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), ==, label);
    g_assert_true (g_str_has_suffix (label, " hard"));
  }

  /* approval: offered for the draft plan, but not while it is blocked */
  g_assert_cmpint (ret_checks_panel_get_plan_id (fixture->panel), ==, fixture->plan_id);
  approve = ret_test_find_with_property (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON, "label", "_Approve Plan…");
  g_assert_nonnull (approve);
  g_assert_true (gtk_widget_get_visible (approve));
  g_assert_false (gtk_widget_get_sensitive (approve));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (approve), "hard violation"));

  /* the store refuses it all the same, and the user is told why */
  g_assert_false (ret_checks_panel_approve (fixture->panel, "Ana Ruiz"));
  status = plan_status (fixture->store, fixture->plan_id);
  g_assert_cmpstr (status, ==, "draft");
  {
    GtkWindow *dialog = ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Plan Not Approved");
    g_assert_nonnull (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
    gtk_window_destroy (dialog);
  }

  /* an override stored elsewhere reaches the panel by itself */
  override_every_hard (fixture->store, "Ana Ruiz");
  wait_for_check (fixture->panel);

  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "resolved"));
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label_with_prefix, "Overridden by Ana Ruiz: "));
  g_assert_null (ret_test_find_with_property (GTK_WIDGET (row), GTK_TYPE_BUTTON, "label", "_Override…"));
  g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (ret_test_find_widget (GTK_WIDGET (fixture->view),
                                                                                       is_button_content, NULL))),
                   ==, "_Checks");
  g_assert_true (g_str_has_prefix (ret_checks_panel_get_count_text (fixture->panel), "0 hard") ||
                 g_strcmp0 (ret_checks_panel_get_count_text (fixture->panel), "No unresolved violations") == 0);
  {
    g_autofree char *overridden = ret_checks_format_resolved (ret_check_result_count (expected, RET_SEVERITY_HARD, TRUE), 0);

    g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (fixture->panel), is_label_with_prefix, overridden));
  }

  /* now the plan can be approved, and then it is no draft to approve */
  g_assert_true (gtk_widget_get_sensitive (approve));
  g_signal_emit_by_name (approve, "clicked");
  ret_test_wait_frames (3);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *entry;

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Approve Plan?");
    /* the name given last time is offered again */
    entry = adw_message_dialog_get_extra_child (dialog);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ana Ruiz");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "approve"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "approve"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Ana Ruiz");
    adw_message_dialog_response (dialog, "approve");
    ret_test_wait_frames (3);
  }
  g_clear_pointer (&status, g_free);
  status = plan_status (fixture->store, fixture->plan_id);
  g_assert_cmpstr (status, ==, "approved");
  wait_for_check (fixture->panel);
  g_assert_false (gtk_widget_get_visible (approve));
}

/* Choosing a violation outlines its transfer on the timeline. */
static void
test_select_shows_transfer (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkListBoxRow *row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  GtkListBox *points = ret_plan_view_get_list (fixture->view);
  GtkAdjustment *adjustment;
  guint outlined = 0;

  g_assert_nonnull (row);
  g_assert_null (ret_plan_view_get_selected_transfer (fixture->view));

  /* the timeline scrolled to its last points, far from Nogales */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (points),
                                                                                                   GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  ret_test_wait_frames (2);

  gtk_list_box_select_row (ret_checks_panel_get_list (fixture->panel), row);
  ret_test_wait_frames (3);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE);

  /* Nogales' row has the block, and it is the one told to outline it */
  for (int i = 0;; i++)
    {
      GtkListBoxRow *point_row = gtk_list_box_get_row_at_index (points, i);
      RetTimelineRow *timeline_row;

      if (point_row == NULL)
        break;
      timeline_row = RET_TIMELINE_ROW (gtk_list_box_row_get_child (point_row));
      if (ret_timeline_row_has_transfer (timeline_row, NIGHT_CODE))
        {
          g_assert_cmpstr (ret_timeline_row_get_timeline (timeline_row)->point_code, ==, "NOG");
          g_assert_cmpstr (ret_timeline_row_get_selected_transfer (timeline_row), ==, NIGHT_CODE);
          outlined++;

          /* ... and it is scrolled into view */
          {
            graphene_rect_t bounds;
            double value = gtk_adjustment_get_value (adjustment);

            g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (point_row), GTK_WIDGET (points), &bounds));
            g_assert_cmpfloat (bounds.origin.y, >=, value);
            g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                               value + gtk_adjustment_get_page_size (adjustment));
          }
        }
    }
  g_assert_cmpuint (outlined, ==, 1);

  /* a click on the block finds that transfer, and nothing beside it */
  {
    RetTimelineRow *timeline_row = NULL;
    const RetTimelineBlock *block;
    double x0 = RET_TIMELINE_ROW_LABEL_WIDTH, x1;

    for (int i = 0; timeline_row == NULL; i++)
      {
        GtkListBoxRow *point_row = gtk_list_box_get_row_at_index (points, i);
        RetTimelineRow *candidate = RET_TIMELINE_ROW (gtk_list_box_row_get_child (point_row));

        if (ret_timeline_row_has_transfer (candidate, NIGHT_CODE))
          timeline_row = candidate;
      }
    x1 = gtk_widget_get_width (GTK_WIDGET (timeline_row)) - RET_TIMELINE_ROW_END_PADDING;
    block = g_ptr_array_index (ret_timeline_row_get_timeline (timeline_row)->blocks, 0);
    g_assert_cmpstr (ret_timeline_row_get_transfer_at (timeline_row,
                                                       x0 + (x1 - x0) * (block->start + block->end) / 2),
                     ==, NIGHT_CODE);
    g_assert_null (ret_timeline_row_get_transfer_at (timeline_row, x1 - 1));
  }

  /* Enter (or a double click) on the violation opens the transfer */
  g_signal_emit_by_name (ret_checks_panel_get_list (fixture->panel), "row-activated", row);
  ret_test_wait_frames (3);
  {
    GtkWindow *dialog = ret_test_find_toplevel (RET_TYPE_TRANSFER_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (ret_transfer_dialog_get_code (RET_TRANSFER_DIALOG (dialog)), ==, NIGHT_CODE);
    gtk_window_destroy (dialog);
  }

  /* a new check that finds the same leaves the list as it is (its
   * open menus, its scroll position), selection included */
  ret_checks_panel_refresh (fixture->panel);
  wait_for_check (fixture->panel);
  g_assert_true (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE) == row);
  g_assert_true (gtk_list_box_get_selected_row (ret_checks_panel_get_list (fixture->panel)) == row);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE);
}

/* The Override… button opens the dialog; it stores nothing until both
 * a reason and an approver are given, and remembers the approver. */
static void
test_resolve_dialog (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkListBoxRow *row;
  GtkWidget *button;
  RetResolveDialog *dialog;
  GtkWidget *resolve;

  g_settings_set_string (settings, "approver-name", "");
  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (row);
  button = ret_test_find_with_property (GTK_WIDGET (row), GTK_TYPE_BUTTON, "label", "_Override…");
  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  ret_test_wait_frames (3);
  dialog = RET_RESOLVE_DIALOG (ret_test_find_toplevel (RET_TYPE_RESOLVE_DIALOG));
  g_assert_nonnull (dialog);
  resolve = ret_test_find_with_property (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "label", "_Override");
  g_assert_nonnull (resolve);

  /* nothing filled in: the button stays off */
  g_assert_false (ret_resolve_dialog_can_resolve (dialog));
  g_assert_false (gtk_widget_get_sensitive (resolve));

  /* a reason alone, or spaces for a name, are not enough */
  ret_resolve_dialog_set_reason (dialog, "The module stays open for this bus");
  g_assert_false (gtk_widget_get_sensitive (resolve));
  ret_resolve_dialog_set_approver (dialog, "   ");
  g_assert_false (gtk_widget_get_sensitive (resolve));

  ret_resolve_dialog_set_approver (dialog, "Luis Peña");
  g_assert_true (gtk_widget_get_sensitive (resolve));

  g_signal_emit_by_name (resolve, "clicked");
  wait_for_check (fixture->panel);

  /* stored, shown, remembered */
  g_assert_null (ret_test_find_toplevel (RET_TYPE_RESOLVE_DIALOG));
  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label_with_prefix,
                                          "Overridden by Luis Peña: The module stays open for this bus"));
  /* the row overridden stays the one selected, its bus outlined */
  g_assert_true (gtk_list_box_get_selected_row (ret_checks_panel_get_list (fixture->panel)) == row);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE);
  {
    g_autofree char *remembered = g_settings_get_string (settings, "approver-name");

    g_assert_cmpstr (remembered, ==, "Luis Peña");
  }

  /* the next override starts with that name */
  {
    g_autoptr(RetCheckData) data = NULL;
    g_autoptr(RetCheckResult) result = check_day (fixture->store, &data);
    GPtrArray *violations = ret_check_result_get_violations (result);
    GtkWidget *next = ret_resolve_dialog_new (GTK_WINDOW (fixture->window), fixture->store,
                                              g_ptr_array_index (violations, 0), "Luis Peña", "tester");

    g_assert_cmpstr (ret_resolve_dialog_get_approver (RET_RESOLVE_DIALOG (next)), ==, "Luis Peña");
    gtk_window_destroy (GTK_WINDOW (next));
  }
}

/* A day with nothing wrong says so, rather than showing an empty list. */
static void
test_clean_day (Fixture       *fixture,
                gconstpointer  user_data)
{
  GDate other;
  GtkWidget *status;

  the_day (&other);
  g_date_add_days (&other, 5);
  ret_plan_view_set_date (fixture->view, &other);
  wait_for_check (fixture->panel);

  status = ret_test_find_widget (GTK_WIDGET (fixture->panel), is_status_page, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Problems Found");
  g_assert_null (ret_checks_panel_get_count_text (fixture->panel));
  g_assert_cmpint (ret_checks_panel_get_plan_id (fixture->panel), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (ret_checks_panel_get_list (fixture->panel), 0));
}

static void
unresolved_hard_notified_cb (GObject    *object,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  GArray *seen = user_data;
  guint n = ret_checks_panel_get_unresolved_hard (RET_CHECKS_PANEL (object));

  g_array_append_val (seen, n);
}

/* Waits for the panel's check, and a little more for any answer that
 * comes late; returns every count of unresolved hard violations the
 * panel showed meanwhile. */
static GArray *
watch_until_checked (RetChecksPanel *panel)
{
  GArray *seen = g_array_new (FALSE, FALSE, sizeof (guint));
  gulong id = g_signal_connect (panel, "notify::unresolved-hard",
                                G_CALLBACK (unresolved_hard_notified_cb), seen);

  wait_for_check (panel);
  ret_test_wait_frames (10);
  g_signal_handler_disconnect (panel, id);

  return seen;
}

/* The day shown changes twice in quick succession, first to the night
 * plan's: the check of that day, asked for and at once superseded, is
 * never shown, however late it ends; the panel shows the last day's. */
static void
test_last_day_shown (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GArray) seen = NULL;
  GDate night, clean, other_clean;
  GtkWidget *status;

  the_day (&night);
  clean = night;
  g_date_add_days (&clean, 5);
  other_clean = night;
  g_date_add_days (&other_clean, 6);

  ret_plan_view_set_date (fixture->view, &clean);
  wait_for_check (fixture->panel);
  g_assert_cmpuint (ret_checks_panel_get_unresolved_hard (fixture->panel), ==, 0);

  ret_plan_view_set_date (fixture->view, &night);
  g_assert_true (ret_checks_panel_is_refresh_pending (fixture->panel));
  ret_plan_view_set_date (fixture->view, &other_clean);
  /* until the day is checked, what the panel shows is another day's:
   * dimmed, and nothing in it can be pressed */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ret_checks_panel_get_list (fixture->panel))));
  seen = watch_until_checked (fixture->panel);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (ret_checks_panel_get_list (fixture->panel))));

  /* the night's hard violation never reached the panel */
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_cmpuint (ret_checks_panel_get_unresolved_hard (fixture->panel), ==, 0);
  g_assert_null (ret_checks_panel_get_count_text (fixture->panel));
  g_assert_null (gtk_list_box_get_row_at_index (ret_checks_panel_get_list (fixture->panel), 0));
  g_assert_nonnull (ret_checks_panel_get_result (fixture->panel));
  g_assert_cmpuint (ret_check_result_get_violations (ret_checks_panel_get_result (fixture->panel))->len, ==, 0);
  status = ret_test_find_widget (GTK_WIDGET (fixture->panel), is_status_page, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Problems Found");
}

/* Two edits in quick succession, each checked at once: the panel ends
 * with what the second left (another night bus, unresolved), not with
 * what the first did (the night bus overridden, nothing unresolved). */
static void
test_last_edit_shown (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GArray) seen = NULL;
  gint64 second_plan_id = 0;

  g_assert_cmpuint (ret_checks_panel_get_unresolved_hard (fixture->panel), ==, 1);

  override_every_hard (fixture->store, "Ana Ruiz");
  ret_checks_panel_refresh (fixture->panel);
  insert_plan_at_nogales (fixture->store, NIGHT_CODE_2, 3, "TEST-0003", "TEST-0004", &second_plan_id);
  ret_checks_panel_refresh (fixture->panel);
  seen = watch_until_checked (fixture->panel);

  /* one hard violation unresolved all along: the first edit's check,
   * which would have shown none, was never shown */
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, 1);
  g_assert_cmpuint (ret_checks_panel_get_unresolved_hard (fixture->panel), ==, 1);

  g_assert_nonnull (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_2));
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE)),
                                          is_label_with_prefix, "Overridden by Ana Ruiz: "));
  g_assert_true (g_str_has_prefix (ret_checks_panel_get_count_text (fixture->panel), "1 hard · "));
}

static gboolean
is_severity_label (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_WIDGET (widget) && gtk_widget_has_css_class (widget, "checks-severity-header");
}

/* Each group of rows, and only its first row, has the header of its
 * rule; the first of each severity, that of the severity too. */
static void
assert_headers (RetChecksPanel *panel)
{
  GtkListBox *list = ret_checks_panel_get_list (panel);
  const RetViolation *previous = NULL;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      const RetViolation *violation = g_object_get_data (G_OBJECT (row), "ret-violation");
      GtkWidget *header = gtk_list_box_row_get_header (row);
      g_autofree char *title = ret_checks_format_rule_header (violation->rule);
      GtkWidget *severity;

      if (previous != NULL && previous->severity == violation->severity && previous->rule == violation->rule)
        {
          g_assert_null (header);
          previous = violation;
          continue;
        }

      g_assert_nonnull (header);
      g_assert_nonnull (ret_test_find_widget (header, is_label_with_prefix, title));
      severity = ret_test_find_widget (header, is_severity_label, NULL);
      if (previous == NULL || previous->severity != violation->severity)
        {
          g_assert_nonnull (severity);
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (severity)), ==,
                           violation->severity == RET_SEVERITY_HARD ? "Hard Violations" : "Warnings");
        }
      else
        g_assert_null (severity);
      previous = violation;
    }
}

/* The rows of the list, in order; held, so that a new row is never
 * taken for one gone at the same address. */
static GPtrArray *
list_rows (RetChecksPanel *panel)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (ret_checks_panel_get_list (panel), i)) != NULL; i++)
    g_ptr_array_add (rows, g_object_ref (row));

  return rows;
}

static const char *
row_code (GtkListBoxRow *row)
{
  return ((const RetViolation *) g_object_get_data (G_OBJECT (row), "ret-violation"))->transfer_code;
}

/* A new check that differs from the last in a row or two changes those
 * rows only: the others stay the same widgets, the selection stays, a
 * violation gone takes its row with it and a new one gets a row in its
 * group, under the right headers. */
static void
test_rows_kept (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkListBox *list = ret_checks_panel_get_list (fixture->panel);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *selected;
  GtkListBoxRow *overridden;
  GtkListBoxRow *row;
  gint64 plan_id = 0;

  insert_plan_at_nogales (fixture->store, NIGHT_CODE_2, 3, "TEST-0003", "TEST-0004", &plan_id);
  insert_plan_at_nogales (fixture->store, NIGHT_CODE_3, 4, "TEST-0005", "TEST-0006", &plan_id);
  wait_for_check (fixture->panel);
  assert_headers (fixture->panel);

  selected = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_2);
  overridden = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (selected);
  g_assert_nonnull (overridden);
  g_assert_nonnull (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_3));
  gtk_list_box_select_row (list, selected);
  ret_test_wait_frames (2);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE_2);
  before = list_rows (fixture->panel);

  /* one override: its row changes, and no other */
  override_hard (fixture->store, NIGHT_CODE, "Ana Ruiz");
  wait_for_check (fixture->panel);
  after = list_rows (fixture->panel);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      row = g_ptr_array_index (before, i);
      if (row == overridden)
        g_assert_false (g_ptr_array_find (after, row, NULL));
      else
        g_assert_true (g_ptr_array_find (after, row, NULL));
    }
  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE);
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (row), is_label_with_prefix, "Overridden by Ana Ruiz: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "resolved"));
  g_assert_true (gtk_list_box_get_selected_row (list) == selected);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE_2);
  assert_headers (fixture->panel);

  /* a transfer cancelled and another planned: the first's rows go, the
   * second's come, the rest stay */
  g_clear_pointer (&before, g_ptr_array_unref);
  before = g_steal_pointer (&after);
  g_assert_true (ret_store_set_transfer_status (fixture->store, NIGHT_CODE_3, RET_TRANSFER_CANCELLED,
                                                "tester", &error));
  g_assert_no_error (error);
  insert_plan_at_nogales (fixture->store, NIGHT_CODE_4, 5, "TEST-0007", "TEST-0008", &plan_id);
  wait_for_check (fixture->panel);
  after = list_rows (fixture->panel);

  g_assert_null (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_3));
  row = find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_4);
  g_assert_nonnull (row);
  g_assert_false (g_ptr_array_find (before, row, NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "checks-hard"));
  for (guint i = 0; i < before->len; i++)
    {
      row = g_ptr_array_index (before, i);
      g_assert_true (g_ptr_array_find (after, row, NULL) == (g_strcmp0 (row_code (row), NIGHT_CODE_3) != 0));
    }
  for (guint i = 0; i < after->len; i++)
    {
      row = g_ptr_array_index (after, i);
      g_assert_cmpstr (row_code (row), !=, NIGHT_CODE_3);
      if (!g_ptr_array_find (before, row, NULL))
        g_assert_cmpstr (row_code (row), ==, NIGHT_CODE_4);
    }
  g_assert_true (gtk_list_box_get_selected_row (list) == selected);
  g_assert_cmpstr (ret_plan_view_get_selected_transfer (fixture->view), ==, NIGHT_CODE_2);
  assert_headers (fixture->panel);

  /* the selected violation gone, nothing is selected */
  g_assert_true (ret_store_set_transfer_status (fixture->store, NIGHT_CODE_2, RET_TRANSFER_CANCELLED,
                                                "tester", &error));
  g_assert_no_error (error);
  wait_for_check (fixture->panel);
  g_assert_null (find_row (fixture->panel, RET_RULE_POINT_HOURS, NIGHT_CODE_2));
  g_assert_null (gtk_list_box_get_selected_row (list));
  g_assert_null (ret_plan_view_get_selected_transfer (fixture->view));
  assert_headers (fixture->panel);
}

/* F9 (the panel's action) hides and shows the panel, and the choice is
 * kept for the next start. */
static void
test_toggle (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *revealer;

  revealer = gtk_widget_get_ancestor (GTK_WIDGET (fixture->panel), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "plan.show-checks", NULL));
  g_assert_false (ret_plan_view_get_show_checks (fixture->view));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (g_settings_get_boolean (settings, "show-checks-panel"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "plan.show-checks", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (g_settings_get_boolean (settings, "show-checks-panel"));
}

/* What the panel shows, as decided apart from the widgets. */
static void
test_display_decisions (void)
{
  static const struct
  {
    guint       hard;
    guint       warnings;
    const char *text;
  } counts[] = {
    { 2, 5, "2 hard · 5 warnings" },
    { 1, 1, "1 hard · 1 warning" },
    { 0, 3, "0 hard · 3 warnings" },
    { 4, 0, "4 hard · 0 warnings" },
    { 0, 0, "No unresolved violations" },
  };
  static const struct
  {
    guint       overridden;
    guint       acknowledged;
    const char *text;
  } resolved[] = {
    { 1, 2, "1 overridden · 2 acknowledged" },
    { 3, 0, "3 overridden" },
    { 0, 1, "1 acknowledged" },
    { 0, 0, NULL },
  };
  static const struct
  {
    RetSeverity        severity;
    RetResolutionKind  resolution;
    RetCheckRowAction  action;
    gboolean           dimmed;
    const char        *text;
  } rows[] = {
    { RET_SEVERITY_HARD, RET_RESOLUTION_NONE, RET_CHECK_ROW_ACTION_OVERRIDE, FALSE, NULL },
    { RET_SEVERITY_WARNING, RET_RESOLUTION_NONE, RET_CHECK_ROW_ACTION_ACKNOWLEDGE, FALSE, NULL },
    { RET_SEVERITY_HARD, RET_RESOLUTION_OVERRIDE, RET_CHECK_ROW_ACTION_NONE, TRUE,
      "Overridden by Ana Ruiz: the module opens early" },
    { RET_SEVERITY_WARNING, RET_RESOLUTION_ACKNOWLEDGEMENT, RET_CHECK_ROW_ACTION_NONE, TRUE,
      "Acknowledged by Ana Ruiz: the module opens early" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = ret_checks_format_counts (counts[i].hard, counts[i].warnings);

      g_assert_cmpstr (text, ==, counts[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (resolved); i++)
    {
      g_autofree char *text = ret_checks_format_resolved (resolved[i].overridden, resolved[i].acknowledged);

      g_assert_cmpstr (text, ==, resolved[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RetViolation) violation = g_new0 (RetViolation, 1);
      g_autofree char *text = NULL;
      g_autofree char *persons = NULL;

      violation->rule = RET_RULE_DAYLIGHT_VULNERABLE;
      violation->severity = rows[i].severity;
      violation->transfer_code = g_strdup (NIGHT_CODE);
      violation->persons = g_ptr_array_new_with_free_func (g_free);
      violation->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      violation->subject = g_strdup ("TEST-0001 TEST-0002 TEST-0003");
      violation->message = g_strdup ("3 vulnerable persons handed over after sunset");
      violation->group = g_strdup ("transfer:" NIGHT_CODE);
      for (guint j = 1; j <= 3; j++)
        g_ptr_array_add (violation->persons, g_strdup_printf ("TEST-000%u", j));
      if (rows[i].resolution != RET_RESOLUTION_NONE)
        {
          violation->resolution = g_new0 (RetResolution, 1);
          violation->resolution->kind = rows[i].resolution;
          violation->resolution->rule = violation->rule;
          violation->resolution->transfer_code = g_strdup (NIGHT_CODE);
          violation->resolution->subject = g_strdup (violation->subject);
          violation->resolution->approver = g_strdup ("Ana Ruiz");
          violation->resolution->reason = g_strdup ("the module opens early");
        }

      g_assert_cmpint (ret_checks_row_action (violation), ==, rows[i].action);
      g_assert_cmpint (ret_checks_row_dimmed (violation), ==, rows[i].dimmed);
      text = ret_checks_format_resolution (violation);
      g_assert_cmpstr (text, ==, rows[i].text);
      persons = ret_checks_format_persons (violation);
      g_assert_cmpstr (persons, ==, "3 persons");
    }

  /* the button that shows the panel counts what blocks */
  {
    g_autofree char *none = ret_checks_format_toggle_label (0);
    g_autofree char *one = ret_checks_format_toggle_label (1);
    g_autofree char *three = ret_checks_format_toggle_label (3);

    g_assert_cmpstr (none, ==, "_Checks");
    g_assert_cmpstr (one, ==, "_Checks · 1 hard");
    g_assert_cmpstr (three, ==, "_Checks · 3 hard");
  }

  /* the group heading names the rule as the catalogue does */
  {
    g_autofree char *header = ret_checks_format_rule_header (RET_RULE_DAYLIGHT_VULNERABLE);
    const RetRule *rule = ret_rule_get (RET_RULE_DAYLIGHT_VULNERABLE);
    g_autofree char *expected = g_strdup_printf ("R03 · %s", rule->title);

    g_assert_cmpstr (header, ==, expected);
  }

  /* approval waits for the last hard violation */
  {
    g_autofree char *tooltip = NULL;

    g_assert_false (ret_checks_approve_sensitive (2, &tooltip));
    g_assert_cmpstr (tooltip, ==, "Fix or override the 2 hard violations first");
    g_clear_pointer (&tooltip, g_free);
    g_assert_true (ret_checks_approve_sensitive (0, &tooltip));
    g_assert_nonnull (tooltip);
  }

  /* blanks are no reason and no name */
  g_assert_true (ret_resolve_inputs_valid ("the module opens early", "Ana Ruiz"));
  g_assert_false (ret_resolve_inputs_valid ("", "Ana Ruiz"));
  g_assert_false (ret_resolve_inputs_valid (" \t", "Ana Ruiz"));
  g_assert_false (ret_resolve_inputs_valid ("the module opens early", NULL));
  g_assert_false (ret_resolve_inputs_valid ("the module opens early", "  "));
}

/* Which plan the Approve button approves: a draft that the day's
 * transfers belong to, the one with most of them. */
static void
test_pick_draft_plan (void)
{
  static const struct
  {
    gint64      plan_ids[4];    /* of the day's transfers, 0-ended */
    const char *statuses[3];    /* of plans 1, 2, 3 */
    gint64      expected;
  } cases[] = {
    { { 1, 1, 0 }, { "draft", "draft", "draft" }, 1 },
    { { 2, 1, 2, 0 }, { "draft", "draft", "draft" }, 2 },
    { { 1, 2, 0 }, { "draft", "draft", "draft" }, 1 },
    { { 1, 1, 2, 0 }, { "approved", "draft", "draft" }, 2 },
    { { 1, 0 }, { "approved", "draft", "draft" }, 0 },
    { { 0 }, { "draft", "draft", "draft" }, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RetCheckData) data = ret_check_data_new ();
      g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_plan_info_free);

      for (guint j = 0; cases[i].plan_ids[j] != 0; j++)
        {
          RetCheckTransfer *transfer = ret_check_transfer_new ();

          transfer->code = g_strdup_printf ("T-%u", j);
          transfer->plan_id = cases[i].plan_ids[j];
          ret_check_data_add_transfer (data, transfer);
        }
      for (guint j = 0; j < 3; j++)
        {
          RetPlanInfo *plan = g_new0 (RetPlanInfo, 1);

          plan->id = j + 1;
          plan->status = g_strdup (cases[i].statuses[j]);
          plan->from_date = g_strdup ("2030-03-12");
          g_ptr_array_add (plans, plan);
        }

      g_assert_cmpint (ret_checks_pick_draft_plan (data, plans), ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);


  g_test_add_func ("/checks-panel/display-decisions", test_display_decisions);
  g_test_add_func ("/checks-panel/pick-draft-plan", test_pick_draft_plan);
  g_test_add ("/checks-panel/hard-violation-and-approval", Fixture, NULL,
              fixture_set_up, test_hard_violation_and_approval, fixture_tear_down);
  /* a short window: the timeline scrolls */
  g_test_add ("/checks-panel/select-shows-transfer", Fixture, GINT_TO_POINTER (520),
              fixture_set_up, test_select_shows_transfer, fixture_tear_down);
  g_test_add ("/checks-panel/resolve-dialog", Fixture, NULL,
              fixture_set_up, test_resolve_dialog, fixture_tear_down);
  g_test_add ("/checks-panel/clean-day", Fixture, NULL,
              fixture_set_up, test_clean_day, fixture_tear_down);
  g_test_add ("/checks-panel/toggle", Fixture, NULL,
              fixture_set_up, test_toggle, fixture_tear_down);
  g_test_add ("/checks-panel/last-day-shown", Fixture, NULL,
              fixture_set_up, test_last_day_shown, fixture_tear_down);
  g_test_add ("/checks-panel/last-edit-shown", Fixture, NULL,
              fixture_set_up, test_last_edit_shown, fixture_tear_down);
  g_test_add ("/checks-panel/rows-kept", Fixture, NULL,
              fixture_set_up, test_rows_kept, fixture_tear_down);

  return g_test_run ();
}
