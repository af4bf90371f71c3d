/* test-plan-dialog.c — "Plan…" and "Close Point…" as a coordinator uses them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ret-close-point-dialog.h"
#include "ret-demo.h"
#include "ret-main-window.h"
#include "ret-plan-dialog.h"
#include "ret-plan-view.h"
#include "ret-test-gui-util.h"
#include "ret-timeline-row.h"

/* Generous: planning a demo day takes well under a second; this is no
 * timing assertion, only a bound on a hung test. */
#define PLAN_DEADLINE_MS 60000

#define DEMO_PERSONS 200

static RetStore *
demo_store (const char *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_test_store_new (file_name);

  ret_demo_populate_roster (store, DEMO_PERSONS, 11, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* Tomorrow: a whole day ahead, wherever the clock is when the test
 * runs, so that the points' hours are all still to come. */
static void
tomorrow (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_add_days (date, 1);
}

/* Transfers and persons on them that the store holds for @day (of
 * @plan_id only, when > 0). */
static guint
count_transfers (RetStore    *store,
                 const GDate *day,
                 gint64       plan_id,
                 guint       *n_persons)
{
  g_autoptr(GError) error = NULL;
  RetCheckData *data = ret_store_load_check_data (store, day, 1, plan_id, &error);
  guint n;

  g_assert_no_error (error);
  if (n_persons != NULL)
    {
      *n_persons = 0;
      for (guint i = 0; i < data->transfers->len; i++)
        {
          const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, i);

          *n_persons += transfer->entries->len;
        }
    }
  n = data->transfers->len;
  ret_check_data_free (data);

  return n;
}

static guint
count_plans (RetStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = ret_store_list_plans (store, &error);

  g_assert_no_error (error);
  return plans->len;
}

static gboolean
wait_while_running (RetPlanDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + PLAN_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;

  while (ret_plan_dialog_is_running (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return !ret_plan_dialog_is_running (dialog);
}

/* The transfers the Plan page draws on its day. */
static guint
count_timeline_blocks (RetPlanView *view)
{
  GtkListBox *list = ret_plan_view_get_list (view);
  guint n = 0;

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *child = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i));
      const RetTimeline *timeline = ret_timeline_row_get_timeline (RET_TIMELINE_ROW (child));

      n += timeline->blocks->len;
    }

  return n;
}

static const char *
figure (GtkWidget  *root,
        const char *name)
{
  return gtk_label_get_label (GTK_LABEL (ret_test_find_named (root, name)));
}

/* Plans @day in a dialog of @window and waits for the summary. */
static RetPlanDialog *
plan_day (RetMainWindow *window,
          RetStore      *store,
          const GDate   *day)
{
  RetPlanDialog *dialog = ret_plan_dialog_new (GTK_WINDOW (window), store, day);

  ret_test_show_window (GTK_WIDGET (dialog));
  ret_plan_dialog_set_days (dialog, 1);
  ret_plan_dialog_set_improvement (dialog, RET_PLAN_IMPROVEMENT_QUICK);
  g_assert_cmpstr (ret_plan_dialog_get_page (dialog), ==, "options");

  g_assert_true (ret_plan_dialog_plan (dialog));
  g_assert_cmpstr (ret_plan_dialog_get_page (dialog), ==, "progress");
  g_assert_true (wait_while_running (dialog));
  ret_test_wait_frames (2);

  return dialog;
}

/* ------------------------------------------------------------------ */
/* Pure decisions                                                     */

static void
test_improvement_iterations (void)
{
  /* the choice a coordinator makes is "how long", never a number */
  g_assert_cmpuint (ret_plan_improvement_iterations (RET_PLAN_IMPROVEMENT_NORMAL), ==,
                    RET_SCHEDULE_DEFAULT_ITERATIONS);
  g_assert_cmpuint (ret_plan_improvement_iterations (RET_PLAN_IMPROVEMENT_QUICK), <,
                    ret_plan_improvement_iterations (RET_PLAN_IMPROVEMENT_NORMAL));
  g_assert_cmpuint (ret_plan_improvement_iterations (RET_PLAN_IMPROVEMENT_NORMAL), <,
                    ret_plan_improvement_iterations (RET_PLAN_IMPROVEMENT_THOROUGH));
}

static void
test_group_unplanned (void)
{
  static const struct { guint person; const char *reason; gboolean eligible; } cases[] = {
    { 4, "Nationality not verified by a consul", FALSE },
    { 1, "No van free at Del Rio on 2 Dec", TRUE },
    { 2, "Nationality not verified by a consul", FALSE },
    { 7, "No bus free at Nogales on 2 Dec", TRUE },
    { 3, "No van free at Del Rio on 2 Dec", TRUE },
    { 9, "Nationality not verified by a consul", FALSE },
    { 5, "No van free at Del Rio on 2 Dec", FALSE },
  };
  /* who could travel comes first (the coordinator can act on it), then
   * the larger groups; the same sentence apart by eligibility */
  static const struct { const char *reason; gboolean eligible; guint n; guint first; } expected[] = {
    { "No van free at Del Rio on 2 Dec", TRUE, 2, 1 },
    { "No bus free at Nogales on 2 Dec", TRUE, 1, 7 },
    { "Nationality not verified by a consul", FALSE, 3, 4 },
    { "No van free at Del Rio on 2 Dec", FALSE, 1, 5 },
  };
  RetScheduleResult result = { 0 };
  g_autoptr(GPtrArray) unplanned = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_unplanned_free);
  g_autoptr(GPtrArray) groups = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RetUnplanned *u = g_new0 (RetUnplanned, 1);

      u->person = cases[i].person;
      u->reason = g_strdup (cases[i].reason);
      u->eligible = cases[i].eligible;
      g_ptr_array_add (unplanned, u);
    }
  result.unplanned = unplanned;

  groups = ret_plan_group_unplanned (&result);
  g_assert_cmpuint (groups->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RetUnplannedGroup *group = g_ptr_array_index (groups, i);

      g_assert_cmpstr (group->reason, ==, expected[i].reason);
      g_assert_cmpint (group->eligible, ==, expected[i].eligible);
      g_assert_cmpuint (group->persons->len, ==, expected[i].n);
      g_assert_cmpuint (g_array_index (group->persons, guint, 0), ==, expected[i].first);
    }

  /* and the toast that follows a plan */
  {
    g_autofree char *one = ret_plan_format_planned (1, 1);
    g_autofree char *many = ret_plan_format_planned (45, 2);

    g_assert_cmpstr (one, ==, "Planned 1 person in 1 transfer");
    g_assert_cmpstr (many, ==, "Planned 45 persons in 2 transfers");
  }
}

/* ------------------------------------------------------------------ */
/* Planning                                                           */

static void
test_plan_summary_and_undo (void)
{
  g_autoptr(RetStore) store = demo_store ("plan-summary.db");
  GtkWidget *window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, store, NULL)));
  RetPlanView *view = RET_PLAN_VIEW (ret_main_window_get_plan_view (RET_MAIN_WINDOW (window)));
  GtkWidget *dialog;
  const RetScheduleResult *result;
  GDate day;
  guint before, n_persons = 0, n_planned_figure;
  guint plans_before = count_plans (store);
  gint64 plan_id;

  tomorrow (&day);
  before = count_transfers (store, &day, 0, NULL);
  ret_plan_view_set_date (view, &day);
  g_assert_cmpuint (count_timeline_blocks (view), ==, before);

  dialog = GTK_WIDGET (plan_day (RET_MAIN_WINDOW (window), store, &day));
  g_assert_cmpstr (ret_plan_dialog_get_error (RET_PLAN_DIALOG (dialog)), ==, NULL);
  g_assert_cmpstr (ret_plan_dialog_get_page (RET_PLAN_DIALOG (dialog)), ==, "summary");

  result = ret_plan_dialog_get_result (RET_PLAN_DIALOG (dialog));
  plan_id = ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (dialog));
  g_assert_nonnull (result);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_cmpuint (count_plans (store), ==, plans_before + 1);

  /* a demo roster and its fleet: people travel */
  g_assert_cmpuint (result->n_planned, >, 0);

  /* what the summary says is what the store now holds for the day */
  n_planned_figure = (guint) g_ascii_strtoull (figure (dialog, "planned-figure"), NULL, 10);
  g_assert_cmpuint (n_planned_figure, ==, result->n_planned);
  g_assert_cmpuint (count_transfers (store, &day, plan_id, &n_persons), ==, result->transfers->len);
  g_assert_cmpuint (n_persons, ==, result->n_planned);
  g_assert_cmpuint ((guint) g_ascii_strtoull (figure (dialog, "transfers-figure"), NULL, 10), ==,
                    result->transfers->len);

  /* the rule check found nothing, and says so as a success */
  g_assert_cmpuint (result->n_hard, ==, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ret_test_find_named (dialog, "safety-row"))),
                   ==, "No hard violations");

  /* the plan page shows the new transfers: it heard of them */
  g_assert_cmpuint (count_timeline_blocks (view), ==, before + result->transfers->len);

  /* Undo restores what there was */
  g_assert_true (ret_plan_dialog_undo (RET_PLAN_DIALOG (dialog)));
  ret_test_wait_frames (2);
  g_assert_cmpint (ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (dialog)), ==, 0);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_transfers (store, &day, 0, NULL), ==, before);
  g_assert_cmpuint (count_plans (store), ==, plans_before);
  g_assert_cmpuint (count_timeline_blocks (view), ==, before);

  g_clear_object (&dialog);
  ret_test_destroy_window (&window);
}

/* Show Plan closes the window and puts the plan's first day on screen;
 * the main window's toast then offers Undo, which works. */
static void
test_plan_show_plan_then_undo_from_toast (void)
{
  g_autoptr(RetStore) store = demo_store ("plan-show.db");
  GtkWidget *window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, store, NULL)));
  RetPlanView *view = RET_PLAN_VIEW (ret_main_window_get_plan_view (RET_MAIN_WINDOW (window)));
  GtkWidget *dialog;
  GDate day, shown;
  guint before;
  gint64 plan_id;

  tomorrow (&day);
  before = count_transfers (store, &day, 0, NULL);

  dialog = GTK_WIDGET (plan_day (RET_MAIN_WINDOW (window), store, &day));
  plan_id = ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (dialog));
  g_assert_cmpint (plan_id, >, 0);

  ret_plan_dialog_show_plan (RET_PLAN_DIALOG (dialog));
  ret_test_wait_frames (3);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (ret_main_window_get_visible_view (RET_MAIN_WINDOW (window)), ==, "plan");
  ret_plan_view_get_date (view, &shown);
  g_assert_cmpint (g_date_compare (&shown, &day), ==, 0);
  g_assert_cmpuint (count_transfers (store, &day, 0, NULL), >, before);

  /* the toast's button */
  g_assert_true (gtk_widget_activate_action (window, "win.undo-plan", "x", plan_id));
  ret_test_wait_frames (2);
  g_assert_cmpuint (count_transfers (store, &day, 0, NULL), ==, before);

  g_clear_object (&dialog);
  ret_test_destroy_window (&window);
}

static void
test_plan_cancel_leaves_store (void)
{
  g_autoptr(RetStore) store = demo_store ("plan-cancel.db");
  GtkWidget *window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, store, NULL)));
  GtkWidget *dialog;
  guint plans_before = count_plans (store);
  GDate day;
  guint before;

  tomorrow (&day);
  before = count_transfers (store, &day, 0, NULL);

  dialog = ret_test_show_window (GTK_WIDGET (ret_plan_dialog_new (GTK_WINDOW (window), store, &day)));
  ret_plan_dialog_set_days (RET_PLAN_DIALOG (dialog), 3);
  ret_plan_dialog_set_improvement (RET_PLAN_DIALOG (dialog), RET_PLAN_IMPROVEMENT_THOROUGH);
  g_assert_true (ret_plan_dialog_plan (RET_PLAN_DIALOG (dialog)));
  ret_plan_dialog_cancel_planning (RET_PLAN_DIALOG (dialog));
  g_assert_true (wait_while_running (RET_PLAN_DIALOG (dialog)));
  ret_test_wait_frames (2);

  /* back to the options, nothing stored, and the window says so */
  g_assert_cmpstr (ret_plan_dialog_get_page (RET_PLAN_DIALOG (dialog)), ==, "options");
  g_assert_cmpint (ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (dialog)), ==, 0);
  g_assert_cmpuint (count_plans (store), ==, plans_before);
  g_assert_cmpuint (count_transfers (store, &day, 0, NULL), ==, before);

  ret_test_destroy_window (&dialog);
  ret_test_destroy_window (&window);
}

/* A failure is shown in the window, not only logged: here the database
 * the planning thread opens has gone. */
static void
test_plan_error_shown (void)
{
  g_autoptr(RetStore) store = demo_store ("plan-error.db");
  g_autofree char *moved = g_strconcat (ret_store_get_path (store), ".moved", NULL);
  GtkWidget *dialog;
  GtkWidget *label;
  GDate day;

  tomorrow (&day);
  dialog = ret_test_show_window (GTK_WIDGET (ret_plan_dialog_new (NULL, store, &day)));

  g_assert_cmpint (g_rename (ret_store_get_path (store), moved), ==, 0);
  g_assert_true (ret_plan_dialog_plan (RET_PLAN_DIALOG (dialog)));
  g_assert_true (wait_while_running (RET_PLAN_DIALOG (dialog)));
  g_assert_cmpint (g_rename (moved, ret_store_get_path (store)), ==, 0);
  ret_test_wait_frames (2);

  g_assert_cmpstr (ret_plan_dialog_get_page (RET_PLAN_DIALOG (dialog)), ==, "options");
  g_assert_nonnull (ret_plan_dialog_get_error (RET_PLAN_DIALOG (dialog)));
  g_assert_true (g_str_has_prefix (ret_plan_dialog_get_error (RET_PLAN_DIALOG (dialog)), "No plan was made: "));
  label = ret_test_find_with_property (dialog, GTK_TYPE_LABEL, "label",
                                       ret_plan_dialog_get_error (RET_PLAN_DIALOG (dialog)));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));

  ret_test_destroy_window (&dialog);
}

/* A button activated from the keyboard shows itself pressed for a
 * moment before it acts: wait for the window it opens. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + PLAN_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;
  GtkWindow *window = NULL;

  while ((window = ret_test_find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ret_test_wait_frames (2);

  return window;
}

/* "Plan…" on the Plan page opens the window on the day shown there, and
 * "Close Point…" on the Points page on the point chosen there. */
static void
test_buttons_open_dialogs (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("buttons.db");
  GtkWidget *window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, store, NULL)));
  RetPlanView *view = RET_PLAN_VIEW (ret_main_window_get_plan_view (RET_MAIN_WINDOW (window)));
  GtkWidget *button;
  GtkWindow *dialog;
  GDate day, from;

  gtk_widget_activate_action (window, "win.show-view", "s", "plan");
  tomorrow (&day);
  g_date_add_days (&day, 3);
  ret_plan_view_set_date (view, &day);
  ret_test_wait_frames (3);

  button = ret_test_find_with_property (window, GTK_TYPE_BUTTON, "action-name", "win.plan");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  dialog = wait_for_toplevel (RET_TYPE_PLAN_DIALOG);
  g_assert_nonnull (dialog);
  ret_plan_dialog_get_from (RET_PLAN_DIALOG (dialog), &from);
  g_assert_cmpint (g_date_compare (&from, &day), ==, 0);
  g_assert_cmpuint (ret_plan_dialog_get_days (RET_PLAN_DIALOG (dialog)), ==, 1);
  /* closed before planning, it leaves nothing behind */
  gtk_window_close (dialog);
  ret_test_wait_frames (3);
  g_assert_null (ret_test_find_toplevel (RET_TYPE_PLAN_DIALOG));
  g_assert_cmpuint (count_plans (store), ==, 0);

  gtk_widget_activate_action (window, "win.show-view", "s", "points");
  ret_test_wait_frames (3);
  button = ret_test_find_with_property (window, GTK_TYPE_BUTTON, "action-name", "points.close-point");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  dialog = wait_for_toplevel (RET_TYPE_CLOSE_POINT_DIALOG);
  g_assert_nonnull (dialog);
  /* the reason is missing; nothing can be closed yet */
  g_assert_false (ret_close_point_dialog_can_close (RET_CLOSE_POINT_DIALOG (dialog)));
  gtk_window_close (dialog);
  ret_test_wait_frames (3);

  ret_test_destroy_window (&window);
}

/* ------------------------------------------------------------------ */
/* Closing a point                                                    */

static RetPoint *
get_point (RetStore   *store,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  RetPoint *point = ret_store_get_point (store, code, &error);

  g_assert_no_error (error);
  return point;
}

static guint
count_exceptions (RetStore   *store,
                  const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exceptions = ret_store_list_point_exceptions (store, code, &error);

  g_assert_no_error (error);
  return exceptions->len;
}

static void
test_close_point_refuses_blank_reason (void)
{
  static const struct { const char *from; const char *until; const char *reason; const char *field; } cases[] = {
    { "2030-06-01 08:00", "", "", "Reason: " },
    { "2030-06-01 08:00", "", "   ", "Reason: " },
    { "tomorrow", "", "Flooding", "From: " },
    { "2030-06-01 08:00", "2030-06-01 07:00", "Flooding", "Until: " },
  };
  g_autoptr(RetStore) store = ret_test_store_new ("close-blank.db");
  g_autoptr(RetPoint) point = get_point (store, "NOG");
  guint exceptions = count_exceptions (store, "NOG");
  GtkWidget *dialog = ret_test_show_window (GTK_WIDGET (ret_close_point_dialog_new (NULL, store, point)));

  /* from is filled in with the time now; a reason is what is missing */
  g_assert_false (ret_close_point_dialog_can_close (RET_CLOSE_POINT_DIALOG (dialog)));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ret_close_point_dialog_set_from (RET_CLOSE_POINT_DIALOG (dialog), cases[i].from);
      ret_close_point_dialog_set_until (RET_CLOSE_POINT_DIALOG (dialog), cases[i].until);
      ret_close_point_dialog_set_reason (RET_CLOSE_POINT_DIALOG (dialog), cases[i].reason);

      g_assert_false (ret_close_point_dialog_can_close (RET_CLOSE_POINT_DIALOG (dialog)));
      g_assert_false (ret_close_point_dialog_close_point (RET_CLOSE_POINT_DIALOG (dialog)));
      g_assert_true (g_str_has_prefix (ret_close_point_dialog_get_error (RET_CLOSE_POINT_DIALOG (dialog)),
                                       cases[i].field));
      g_assert_null (ret_close_point_dialog_get_affected (RET_CLOSE_POINT_DIALOG (dialog)));
      g_assert_cmpuint (count_exceptions (store, "NOG"), ==, exceptions);
    }

  /* with a reason, it may */
  ret_close_point_dialog_set_from (RET_CLOSE_POINT_DIALOG (dialog), "2030-06-01 08:00");
  ret_close_point_dialog_set_until (RET_CLOSE_POINT_DIALOG (dialog), "");
  ret_close_point_dialog_set_reason (RET_CLOSE_POINT_DIALOG (dialog), "Flooding at the crossing");
  g_assert_true (ret_close_point_dialog_can_close (RET_CLOSE_POINT_DIALOG (dialog)));

  ret_test_destroy_window (&dialog);
}

/* A closure with nothing planned there is recorded, and only that. */
static void
test_close_point_nothing_affected (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("close-none.db");
  g_autoptr(RetPoint) point = get_point (store, "NOG");
  guint exceptions = count_exceptions (store, "NOG");
  GtkWidget *dialog = ret_test_show_window (GTK_WIDGET (ret_close_point_dialog_new (NULL, store, point)));
  const char * const *affected;

  ret_close_point_dialog_set_from (RET_CLOSE_POINT_DIALOG (dialog), "2030-06-01 08:00");
  ret_close_point_dialog_set_until (RET_CLOSE_POINT_DIALOG (dialog), "2030-06-02 08:00");
  ret_close_point_dialog_set_reason (RET_CLOSE_POINT_DIALOG (dialog), "Flooding at the crossing");
  g_assert_true (ret_close_point_dialog_close_point (RET_CLOSE_POINT_DIALOG (dialog)));
  ret_test_wait_frames (2);

  affected = ret_close_point_dialog_get_affected (RET_CLOSE_POINT_DIALOG (dialog));
  g_assert_nonnull (affected);
  g_assert_null (affected[0]);
  g_assert_null (ret_close_point_dialog_get_replan_window (RET_CLOSE_POINT_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_exceptions (store, "NOG"), ==, exceptions + 1);
  /* pressed again, nothing more is recorded */
  g_assert_false (ret_close_point_dialog_close_point (RET_CLOSE_POINT_DIALOG (dialog)));
  g_assert_cmpuint (count_exceptions (store, "NOG"), ==, exceptions + 1);

  ret_test_destroy_window (&dialog);
}

static RetPerson *
make_person (const char *a_number)
{
  RetPerson *p = ret_person_new ();

  p->a_number = g_strdup (a_number);
  p->family_name = g_strdup ("Prueba");
  p->given_names = g_strdup ("Persona");
  p->sex = RET_SEX_MALE;
  g_date_set_dmy (&p->birth_date, 1, 1, 1990);
  p->nationality = g_strdup ("MEX");
  p->nationality_verified = TRUE;
  p->facility = g_strdup ("TCA");
  p->apprehended_at = g_get_real_time () / G_USEC_PER_SEC - 3600;
  p->origin_code = g_strdup ("26043");
  p->medical_fit = TRUE;
  p->notes = g_strdup ("");

  return p;
}

/* When the re-plan cannot be made, the point is closed all the same and
 * the re-plan window says why, with nothing to undo: here the database
 * the planning thread opens has gone. */
static void
test_close_point_replan_error_shown (void)
{
  g_autoptr(RetStore) store = ret_test_store_new ("close-error.db");
  g_autofree char *moved = g_strconcat (ret_store_get_path (store), ".moved", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) draft = ret_plan_draft_new ();
  RetPlanDraftTransfer *transfer = ret_plan_draft_transfer_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Hermosillo");
  g_autoptr(GDateTime) handover = NULL;
  g_autoptr(RetPoint) point = get_point (store, "NOG");
  g_autofree char *from_text = NULL;
  GtkWidget *dialog, *replan;
  const char * const *affected;
  gint64 plan_id = 0;
  GDate day;

  tomorrow (&day);
  handover = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                              10, 0, 0);
  g_ptr_array_add (persons, make_person ("TEST-0001"));
  g_ptr_array_add (persons, make_person ("TEST-0002"));
  g_assert_true (ret_store_insert_persons (store, persons, "tester", "test", &error));
  g_assert_no_error (error);
  transfer->code = g_strdup ("T-TEST-NOG-01");
  transfer->mode = g_strdup ("bus");
  transfer->facility = g_strdup ("TCA");
  transfer->point = g_strdup ("NOG");
  transfer->handover_at = g_date_time_to_unix (handover);
  transfer->depart_at = transfer->handover_at - 3600;
  transfer->seats = 40;
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0001"));
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0002"));
  g_ptr_array_add (draft->transfers, transfer);
  g_assert_true (ret_store_insert_plan (store, draft, "tester", "test", &plan_id, &error));
  g_assert_no_error (error);

  from_text = g_strdup_printf ("%04d-%02d-%02d 06:00", g_date_get_year (&day), g_date_get_month (&day),
                               g_date_get_day (&day));
  dialog = ret_test_show_window (GTK_WIDGET (ret_close_point_dialog_new (NULL, store, point)));
  ret_close_point_dialog_set_from (RET_CLOSE_POINT_DIALOG (dialog), from_text);
  ret_close_point_dialog_set_reason (RET_CLOSE_POINT_DIALOG (dialog), "Bridge closed for repairs");

  g_assert_cmpint (g_rename (ret_store_get_path (store), moved), ==, 0);
  g_assert_true (ret_close_point_dialog_close_point (RET_CLOSE_POINT_DIALOG (dialog)));
  affected = ret_close_point_dialog_get_affected (RET_CLOSE_POINT_DIALOG (dialog));
  g_assert_cmpuint (g_strv_length ((char **) affected), ==, 1);
  g_assert_cmpstr (affected[0], ==, "T-TEST-NOG-01");

  replan = GTK_WIDGET (ret_close_point_dialog_get_replan_window (RET_CLOSE_POINT_DIALOG (dialog)));
  g_assert_nonnull (replan);
  g_object_ref (replan);
  g_assert_true (wait_while_running (RET_PLAN_DIALOG (replan)));
  g_assert_cmpint (g_rename (moved, ret_store_get_path (store)), ==, 0);
  ret_test_wait_frames (2);

  /* the summary page says what happened, and offers no Undo */
  g_assert_cmpstr (ret_plan_dialog_get_page (RET_PLAN_DIALOG (replan)), ==, "summary");
  g_assert_cmpint (ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (replan)), ==, 0);
  g_assert_true (g_str_has_prefix (ret_plan_dialog_get_error (RET_PLAN_DIALOG (replan)),
                                   "The transfers could not be re-planned: "));
  g_assert_false (ret_plan_dialog_undo (RET_PLAN_DIALOG (replan)));
  g_assert_true (gtk_widget_get_mapped (ret_test_find_with_property (replan, GTK_TYPE_LABEL, "label",
                                                                     ret_plan_dialog_get_error (RET_PLAN_DIALOG (replan)))));
  g_assert_false (gtk_widget_get_mapped (ret_test_find_with_property (replan, ADW_TYPE_PREFERENCES_GROUP,
                                                                      "title", "Result")));
  /* and the transfer is still there, flagged by the checks */
  g_assert_cmpuint (count_transfers (store, &day, 0, NULL), ==, 1);

  ret_test_destroy_window (&replan);
  ret_test_destroy_window (&dialog);
}

/* The point with the most transfers planned tomorrow closes for the
 * day: exactly its transfers are re-planned, elsewhere. */
static void
test_close_point_replans_affected (void)
{
  g_autoptr(RetStore) store = demo_store ("close-replan.db");
  GtkWidget *window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, store, NULL)));
  g_autoptr(GHashTable) per_point = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPoint) point = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  RetCheckData *data;
  GtkWidget *plan_dialog, *dialog, *replan;
  const char * const *affected;
  g_autofree char *busiest = NULL;
  guint busiest_n = 0;
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  GDate day;

  tomorrow (&day);
  plan_dialog = GTK_WIDGET (plan_day (RET_MAIN_WINDOW (window), store, &day));
  g_assert_cmpint (ret_plan_dialog_get_plan_id (RET_PLAN_DIALOG (plan_dialog)), >, 0);
  gtk_window_close (GTK_WINDOW (plan_dialog));
  g_clear_object (&plan_dialog);

  data = ret_store_load_check_data (store, &day, 1, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_point, transfer->point)) + 1;

      g_hash_table_insert (per_point, transfer->point, GUINT_TO_POINTER (n));
      if (n > busiest_n)
        {
          g_free (busiest);
          busiest = g_strdup (transfer->point);
          busiest_n = n;
        }
    }
  g_assert_nonnull (busiest);
  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, i);

      if (g_str_equal (transfer->point, busiest))
        g_ptr_array_add (expected, g_strdup (transfer->code));
    }
  point = get_point (store, busiest);
  ret_check_data_free (data);

  from_text = g_strdup_printf ("%04d-%02d-%02d 00:00", g_date_get_year (&day), g_date_get_month (&day),
                               g_date_get_day (&day));
  until_text = g_strdup_printf ("%04d-%02d-%02d 23:59", g_date_get_year (&day), g_date_get_month (&day),
                                g_date_get_day (&day));

  dialog = ret_test_show_window (GTK_WIDGET (ret_close_point_dialog_new (GTK_WINDOW (window), store, point)));
  ret_close_point_dialog_set_from (RET_CLOSE_POINT_DIALOG (dialog), from_text);
  ret_close_point_dialog_set_until (RET_CLOSE_POINT_DIALOG (dialog), until_text);
  ret_close_point_dialog_set_reason (RET_CLOSE_POINT_DIALOG (dialog), "Bridge closed for repairs");
  g_assert_true (ret_close_point_dialog_close_point (RET_CLOSE_POINT_DIALOG (dialog)));

  affected = ret_close_point_dialog_get_affected (RET_CLOSE_POINT_DIALOG (dialog));
  g_assert_cmpuint (g_strv_length ((char **) affected), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_strv_contains (affected, g_ptr_array_index (expected, i)));

  /* the re-plan runs at once, in its own window, to the same summary */
  replan = GTK_WIDGET (ret_close_point_dialog_get_replan_window (RET_CLOSE_POINT_DIALOG (dialog)));
  g_assert_nonnull (replan);
  g_object_ref (replan);
  g_assert_true (wait_while_running (RET_PLAN_DIALOG (replan)));
  ret_test_wait_frames (2);
  g_assert_false (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (ret_plan_dialog_get_page (RET_PLAN_DIALOG (replan)), ==, "summary");
  g_assert_cmpstr (ret_plan_dialog_get_error (RET_PLAN_DIALOG (replan)), ==, NULL);
  g_assert_cmpuint (ret_plan_dialog_get_result (RET_PLAN_DIALOG (replan))->n_hard, ==, 0);

  /* nobody hands over at the closed point that day any more */
  data = ret_store_load_check_data (store, &day, 1, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, i);

      g_assert_cmpstr (transfer->point, !=, busiest);
    }
  ret_check_data_free (data);

  ret_test_destroy_window (&replan);
  ret_test_destroy_window (&dialog);
  ret_test_destroy_window (&window);
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add_func ("/plan-dialog/improvement/iterations", test_improvement_iterations);
  g_test_add_func ("/plan-dialog/summary/unplanned-by-reason", test_group_unplanned);
  g_test_add_func ("/plan-dialog/plan/summary-then-undo", test_plan_summary_and_undo);
  g_test_add_func ("/plan-dialog/plan/show-plan-then-undo-from-toast", test_plan_show_plan_then_undo_from_toast);
  g_test_add_func ("/plan-dialog/plan/cancel-leaves-store", test_plan_cancel_leaves_store);
  g_test_add_func ("/plan-dialog/plan/error-shown", test_plan_error_shown);
  g_test_add_func ("/plan-dialog/buttons-open-dialogs", test_buttons_open_dialogs);
  g_test_add_func ("/close-point-dialog/refuses-blank-reason", test_close_point_refuses_blank_reason);
  g_test_add_func ("/close-point-dialog/nothing-affected", test_close_point_nothing_affected);
  g_test_add_func ("/close-point-dialog/replans-affected", test_close_point_replans_affected);
  g_test_add_func ("/close-point-dialog/replan-error-shown", test_close_point_replan_error_shown);

  return g_test_run ();
}
