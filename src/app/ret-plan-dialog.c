/* ret-plan-dialog.c — "Plan…": choose the days, plan, see what came of it, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages in one modal window: the options (first day, number of
 * days, flights, how long to improve), the progress of the planning
 * thread with Cancel, and the summary of the stored plan — who was
 * planned, who was not and why (the reasons a coordinator acts on, with
 * the persons under each), vehicles, distance, and what the rule check
 * found.  From there: Show Plan, or Undo.
 *
 * The window tells its parent what became of the plan through the
 * parent's actions, so that the main window can say it in a toast with
 * an Undo of its own once this window is gone:
 *   win.plan-saved (xuu): plan id, persons planned, transfers;
 *   win.plan-undone: the plan was undone here;
 *   win.show-plan-day (s): the first day, YYYY-MM-DD, to show.
 */

#define G_LOG_DOMAIN "ret-plan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-plan-dialog.h"
#include "ret-schedule-task.h"

/* A reason's list of persons stops here: beyond it a list is no longer
 * read, and a long one makes the window slow to open. */
#define MAX_PERSONS_PER_REASON 100

struct _RetPlanDialog
{
  AdwWindow            parent_instance;

  /* template widgets */
  GtkCalendar         *calendar;
  GtkButton           *cancel_button;
  GtkSpinButton       *days_spin;
  GtkLabel            *error_label;
  GtkSwitch           *flights_switch;
  GtkMenuButton       *from_button;
  GtkPopover          *from_popover;
  AdwComboRow         *improvement_row;
  AdwPreferencesGroup *intro_group;
  GtkLabel            *intro_label;
  GtkLabel            *notice_label;
  GtkButton           *plan_button;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_heading;
  GtkLabel            *progress_span_label;
  AdwPreferencesGroup *result_group;
  GtkButton           *show_plan_button;
  GtkStack            *stack;
  GtkButton           *stop_button;
  GtkLabel            *summary_error_label;
  GtkButton           *undo_button;
  AdwPreferencesGroup *unplanned_group;
  AdwWindowTitle      *window_title;

  /* borrowed references */
  GtkWindow           *parent;          /* weak */

  /* owned references */
  RetStore            *store;
  char                *actor;
  GCancellable        *cancellable;
  GStrv                replace;         /* re-planning after a closure */
  RetScheduleResult   *result;
  RetScheduleInput    *input;
  GPtrArray           *summary_rows;    /* GtkWidget, in result_group or unplanned_group */
  char                *error;

  GDate                from;
  guint                replan_days;
  gint64               plan_id;
  gboolean             running;
  gboolean             cancel_requested;
  gboolean             close_when_done;
  gboolean             told_parent;
  gboolean             syncing_calendar;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (RetPlanDialog, ret_plan_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------ */
/* Pure helpers                                                        */

guint
ret_plan_improvement_iterations (RetPlanImprovement improvement)
{
  switch (improvement)
    {
    case RET_PLAN_IMPROVEMENT_QUICK:
      return RET_SCHEDULE_DEFAULT_ITERATIONS / 10;
    case RET_PLAN_IMPROVEMENT_THOROUGH:
      return RET_SCHEDULE_DEFAULT_ITERATIONS * 10;
    case RET_PLAN_IMPROVEMENT_NORMAL:
    default:
      return RET_SCHEDULE_DEFAULT_ITERATIONS;
    }
}

void
ret_unplanned_group_free (RetUnplannedGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->reason);
  g_clear_pointer (&group->persons, g_array_unref);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const RetUnplannedGroup *x = *(const RetUnplannedGroup * const *) a;
  const RetUnplannedGroup *y = *(const RetUnplannedGroup * const *) b;

  if (x->eligible != y->eligible)
    return x->eligible ? -1 : 1;
  if (x->persons->len != y->persons->len)
    return x->persons->len > y->persons->len ? -1 : 1;
  return g_strcmp0 (x->reason, y->reason);
}

GPtrArray *
ret_plan_group_unplanned (const RetScheduleResult *result)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_unplanned_group_free);
  g_autoptr(GHashTable) by_reason = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; result->unplanned != NULL && i < result->unplanned->len; i++)
    {
      const RetUnplanned *unplanned = g_ptr_array_index (result->unplanned, i);
      const char *reason = unplanned->reason != NULL ? unplanned->reason : "";
      /* the same sentence can be said of persons who could and who could
       * not travel; they are told apart */
      g_autofree char *key = g_strdup_printf ("%c%s", unplanned->eligible ? '1' : '0', reason);
      RetUnplannedGroup *group = g_hash_table_lookup (by_reason, key);

      if (group == NULL)
        {
          group = g_new0 (RetUnplannedGroup, 1);
          group->reason = g_strdup (reason);
          group->eligible = unplanned->eligible;
          group->persons = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (groups, group);
          g_hash_table_insert (by_reason, g_steal_pointer (&key), group);
        }
      g_array_append_val (group->persons, unplanned->person);
    }

  g_ptr_array_sort (groups, compare_groups);

  return g_steal_pointer (&groups);
}

char *
ret_plan_format_planned (guint n_persons,
                         guint n_transfers)
{
  g_autofree char *persons = g_strdup_printf (ngettext ("%u person", "%u persons", n_persons), n_persons);
  g_autofree char *transfers = g_strdup_printf (ngettext ("%u transfer", "%u transfers", n_transfers),
                                                n_transfers);

  /* Translators: "Planned 12 persons in 2 transfers" */
  return g_strdup_printf (_("Planned %s in %s"), persons, transfers);
}

/* "Thursday, 3 December 2026" or "3 Dec – 9 Dec 2026" */
static char *
format_span (const GDate *from,
             guint        days)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (g_date_get_year (from), g_date_get_month (from),
                                                    g_date_get_day (from), 12, 0, 0);
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  if (days <= 1)
    /* Translators: one day planned, as strftime; e.g. "Thursday, 3 December 2026" */
    return g_date_time_format (first, _("%A, %-d %B %Y"));

  last = g_date_time_add_days (first, days - 1);
  /* Translators: the first day of a span, as strftime; e.g. "3 Dec" */
  first_text = g_date_time_format (first, _("%-d %b"));
  /* Translators: the last day of a span, as strftime; e.g. "9 Dec 2026" */
  last_text = g_date_time_format (last, _("%-d %b %Y"));

  /* Translators: a span of days, "3 Dec – 9 Dec 2026" */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

/* ------------------------------------------------------------------ */
/* The pages                                                           */

static guint
current_days (RetPlanDialog *self)
{
  if (self->replace != NULL)
    return self->replan_days;

  return (guint) gtk_spin_button_get_value_as_int (self->days_spin);
}

static void
update_from_button (RetPlanDialog *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *label = NULL;
  g_autofree char *span = NULL;

  /* the template's spin button speaks before a date is set */
  if (!g_date_valid (&self->from))
    return;

  dt = g_date_time_new_utc (g_date_get_year (&self->from), g_date_get_month (&self->from),
                            g_date_get_day (&self->from), 12, 0, 0);
  /* Translators: the first day to plan, as strftime; e.g. "Thu 3 Dec 2026" */
  label = g_date_time_format (dt, _("%a %-d %b %Y"));
  span = format_span (&self->from, current_days (self));
  gtk_menu_button_set_label (self->from_button, label);
  adw_window_title_set_subtitle (self->window_title, span);
}

/* The summary's first group holds only what there is to say before the
 * figures; empty, it would leave a gap. */
static void
update_intro_group (RetPlanDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->intro_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->intro_label)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->summary_error_label)));
}

static void
set_error (RetPlanDialog *self,
           GtkLabel      *label,
           const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_label (self->summary_error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_error_label), FALSE);

  if (label != NULL && message != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
    }

  update_intro_group (self);
}

static void
set_notice (RetPlanDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->notice_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), message != NULL);
}

/* The header's buttons follow the page. */
static void
show_page (RetPlanDialog *self,
           const char    *page)
{
  gboolean options = g_str_equal (page, "options");
  gboolean summary = g_str_equal (page, "summary");

  gtk_stack_set_visible_child_name (self->stack, page);
  /* a re-plan that failed has no figures to show, only why */
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), self->result != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->unplanned_group), self->result != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), options || (summary && self->plan_id == 0));
  gtk_button_set_label (self->cancel_button, options ? _("_Cancel") : _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->plan_button), options);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), summary && self->plan_id > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->show_plan_button), summary && self->plan_id > 0);

  if (options)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->plan_button));
  else if (summary && self->plan_id > 0)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->show_plan_button));
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  /* the focus leaves the progress page's Cancel, and would land on the
   * first selectable label, selecting all of it */
  if (summary)
    {
      gtk_widget_grab_focus (self->plan_id > 0 ? GTK_WIDGET (self->show_plan_button)
                                               : GTK_WIDGET (self->cancel_button));
      gtk_label_select_region (self->intro_label, 0, 0);
      gtk_label_select_region (self->summary_error_label, 0, 0);
    }
}

static void
clear_summary (RetPlanDialog *self)
{
  for (guint i = 0; i < self->summary_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->summary_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->summary_rows, 0);
}

static void
add_row (RetPlanDialog       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->summary_rows, row);
}

/* A row of the summary with its figure at the end; the figure is named
 * so that it can be found (and read out) apart from its title. */
static GtkWidget *
figure_row_new (const char *title,
                const char *subtitle,
                const char *figure,
                const char *name)
{
  GtkWidget *row = ret_app_new_row (title, subtitle);
  GtkWidget *label = gtk_label_new (figure);

  gtk_widget_set_name (label, name);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/* AdwExpanderRow 1.2 cuts its title to one line, and a reason is a
 * sentence: let the row inside its header wrap. */
static void
let_expander_title_wrap (GtkWidget *expander)
{
  for (GtkWidget *child = gtk_widget_get_first_child (expander);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child))
        {
          adw_action_row_set_title_lines (ADW_ACTION_ROW (child), 0);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 0);
          return;
        }
      let_expander_title_wrap (child);
    }
}

static void
fill_unplanned (RetPlanDialog *self)
{
  g_autoptr(GPtrArray) groups = ret_plan_group_unplanned (self->result);
  guint n_unplanned = self->result->unplanned != NULL ? self->result->unplanned->len : 0;
  guint n_eligible = self->result->n_eligible_unplanned;
  g_autofree char *description = NULL;

  if (n_unplanned == 0)
    {
      adw_preferences_group_set_description (self->unplanned_group,
                                             _("Everyone awaiting transfer in these days has a seat."));
      return;
    }

  if (n_eligible == 0)
    description = g_strdup_printf (ngettext ("%u person was not planned; as things stand they cannot travel yet. "
                                             "Each reason says what is missing.",
                                             "%u persons were not planned; as things stand they cannot travel yet. "
                                             "Each reason says what is missing.",
                                             n_unplanned),
                                   n_unplanned);
  else if (n_eligible == n_unplanned)
    description = g_strdup_printf (ngettext ("%u person was not planned; they could travel with more vehicles or capacity.",
                                             "%u persons were not planned; they could travel with more vehicles or capacity.",
                                             n_unplanned),
                                   n_unplanned);
  else
    {
      g_autofree char *could = g_strdup_printf (ngettext ("%u could travel with more vehicles or capacity",
                                                          "%u could travel with more vehicles or capacity",
                                                          n_eligible),
                                                n_eligible);
      g_autofree char *cannot = g_strdup_printf (ngettext ("%u cannot travel as things stand",
                                                           "%u cannot travel as things stand",
                                                           n_unplanned - n_eligible),
                                                 n_unplanned - n_eligible);
      g_autofree char *total = g_strdup_printf (ngettext ("%u person was not planned",
                                                          "%u persons were not planned",
                                                          n_unplanned),
                                                n_unplanned);

      /* Translators: "7 persons were not planned: 5 could travel with more
       * vehicles or capacity, 2 cannot travel as things stand." */
      description = g_strdup_printf (_("%s: %s, %s."), total, could, cannot);
    }
  adw_preferences_group_set_description (self->unplanned_group, description);

  for (guint i = 0; i < groups->len; i++)
    {
      const RetUnplannedGroup *group = g_ptr_array_index (groups, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *count = g_strdup_printf (ngettext ("%u person", "%u persons", group->persons->len),
                                                group->persons->len);
      g_autofree char *subtitle = NULL;

      if (group->eligible)
        /* Translators: "3 persons · could travel with more vehicles or capacity" */
        subtitle = g_strdup_printf (_("%s · could travel with more vehicles or capacity"), count);
      else
        /* Translators: "2 persons · cannot travel as things stand" */
        subtitle = g_strdup_printf (_("%s · cannot travel as things stand"), count);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), group->reason);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                                   gtk_image_new_from_icon_name (group->eligible ? "dialog-warning-symbolic"
                                                                                 : "action-unavailable-symbolic"));
      let_expander_title_wrap (expander);

      for (guint j = 0; j < group->persons->len && j < MAX_PERSONS_PER_REASON; j++)
        {
          guint index = g_array_index (group->persons, guint, j);
          const RetCheckPerson *person = NULL;
          g_autofree char *name = NULL;

          if (self->input != NULL && self->input->data != NULL && index < self->input->data->persons->len)
            person = g_ptr_array_index (self->input->data->persons, index);
          if (person == NULL || person->person == NULL)
            continue;

          name = ret_person_dup_display_name (person->person);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    ret_app_new_row (name, person->person->a_number));
        }

      if (group->persons->len > MAX_PERSONS_PER_REASON)
        {
          guint more = group->persons->len - MAX_PERSONS_PER_REASON;
          g_autofree char *text = g_strdup_printf (ngettext ("And %u more person; the People page lists everyone not planned",
                                                             "And %u more persons; the People page lists everyone not planned",
                                                             more),
                                                   more);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), ret_app_new_row (text, NULL));
        }

      add_row (self, self->unplanned_group, expander);
    }
}

static void
fill_summary (RetPlanDialog *self)
{
  const RetScheduleResult *result = self->result;
  guint n_transfers = result->transfers != NULL ? result->transfers->len : 0;
  g_autofree char *planned = g_strdup_printf ("%u", result->n_planned);
  g_autofree char *transfers = g_strdup_printf ("%u", n_transfers);
  g_autofree char *vehicles = g_strdup_printf ("%u", result->n_vehicles);
  /* Translators: a distance in kilometres, e.g. "12840 km" */
  g_autofree char *km = g_strdup_printf (_("%.0f km"), result->total_km);
  g_autofree char *km_subtitle = NULL;
  GtkWidget *row;

  clear_summary (self);

  add_row (self, self->result_group, figure_row_new (_("Persons planned"), NULL, planned, "planned-figure"));
  add_row (self, self->result_group, figure_row_new (_("Transfers"), NULL, transfers, "transfers-figure"));
  add_row (self, self->result_group,
           figure_row_new (_("Vehicles"), _("Buses, vans and flights used"), vehicles, "vehicles-figure"));

  if (result->n_planned > 0)
    /* Translators: average distance, e.g. "112 km a person on average" */
    km_subtitle = g_strdup_printf (_("From the point to the place of origin; %.0f km a person on average"),
                                   result->total_km / result->n_planned);
  add_row (self, self->result_group,
           figure_row_new (_("Distance to the places of origin"),
                           km_subtitle != NULL ? km_subtitle : _("From the point to the place of origin"),
                           km, "distance-figure"));

  /* What the rule check found: nothing, unless the scheduler is wrong */
  {
    GtkWidget *icon;
    g_autofree char *title = NULL;
    g_autofree char *subtitle = NULL;

    if (result->n_hard == 0)
      title = g_strdup (_("No hard violations"));
    else
      title = g_strdup_printf (ngettext ("%u hard violation", "%u hard violations", result->n_hard),
                               result->n_hard);

    if (result->n_warnings > 0)
      subtitle = g_strdup_printf (ngettext ("%u warning to review in the checks",
                                            "%u warnings to review in the checks",
                                            result->n_warnings),
                                  result->n_warnings);
    else if (result->n_hard > 0)
      subtitle = g_strdup (_("The plan cannot be approved until they are dealt with in the checks"));
    else
      subtitle = g_strdup (_("The safety rules check found nothing to review"));

    row = ret_app_new_row (title, subtitle);
    gtk_widget_set_name (row, "safety-row");
    icon = gtk_image_new_from_icon_name (result->n_hard == 0 ? "emblem-ok-symbolic" : "dialog-error-symbolic");
    gtk_widget_add_css_class (icon, result->n_hard == 0 ? "success" : "error");
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    add_row (self, self->result_group, row);
  }

  fill_unplanned (self);
}

/* ------------------------------------------------------------------ */
/* Planning                                                            */

static void
planning_progress (GObject *target,
                   double   fraction)
{
  RetPlanDialog *self = RET_PLAN_DIALOG (target);
  g_autofree char *text = NULL;

  if (!self->running)
    return;

  /* Translators: progress of planning, e.g. "40 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100 + 0.5));
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
tell_parent (RetPlanDialog *self,
             const char    *action,
             GVariant      *parameter)
{
  g_autoptr(GVariant) sunk = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  if (self->parent == NULL)
    return;

  gtk_widget_activate_action_variant (GTK_WIDGET (self->parent), action, sunk);
}

static void
planning_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RetPlanDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) schedule = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  gint64 plan_id = 0;
  gboolean ok;

  self->running = FALSE;
  ok = ret_schedule_task_run_finish (result, &schedule, &input, &plan_id, &error);

  /* the window went with its parent while it planned: its widgets are
   * gone, and the store has told the pages already */
  if (self->disposed)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), TRUE);

  if (!ok)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      if (self->close_when_done)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      if (self->replace != NULL)
        {
          /* nothing to choose in a re-plan: the summary page says it */
          g_autofree char *message = NULL;

          if (cancelled)
            message = g_strdup (_("Re-planning was cancelled: the transfers listed above still hand over at the "
                                  "closed point, and the safety rules checks flag them."));
          else
            message = g_strdup_printf (_("The transfers could not be re-planned: %s"), error->message);
          set_error (self, self->summary_error_label, message);
          show_page (self, "summary");
        }
      else if (cancelled)
        {
          set_error (self, NULL, NULL);
          set_notice (self, _("Planning was cancelled; nothing was changed."));
          show_page (self, "options");
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("No plan was made: %s"), error->message);

          set_error (self, self->error_label, message);
          show_page (self, "options");
        }
      return;
    }

  g_clear_pointer (&self->result, ret_schedule_result_free);
  g_clear_pointer (&self->input, ret_schedule_input_free);
  self->result = g_steal_pointer (&schedule);
  self->input = g_steal_pointer (&input);
  self->plan_id = plan_id;

  g_debug ("Plan %" G_GINT64_FORMAT ": %u planned, %u unplanned, %u hard", plan_id,
           self->result->n_planned, self->result->unplanned != NULL ? self->result->unplanned->len : 0,
           self->result->n_hard);

  set_error (self, NULL, NULL);
  if (self->cancel_requested)
    set_error (self, self->summary_error_label,
               _("The plan was already being stored when you cancelled, so it was completed. Undo removes it."));
  fill_summary (self);
  show_page (self, "summary");

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

static void
start (RetPlanDialog *self)
{
  RetScheduleOptions options;
  g_autofree char *span = NULL;
  guint days = current_days (self);

  ret_schedule_options_init (&options, &self->from, days);
  if (self->replace == NULL)
    {
      options.flights = gtk_switch_get_active (self->flights_switch);
      options.iterations = ret_plan_improvement_iterations (adw_combo_row_get_selected (self->improvement_row));
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->cancel_requested = FALSE;

  span = format_span (&self->from, days);
  gtk_label_set_label (self->progress_span_label, span);
  gtk_label_set_label (self->progress_heading, self->replace != NULL ? _("Re-planning…") : _("Planning…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading who is awaiting transfer…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), TRUE);
  set_notice (self, NULL);
  set_error (self, NULL, NULL);
  show_page (self, "progress");
  gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));

  ret_schedule_task_run_async (self->store, &options, (const char * const *) self->replace, self->actor,
                               planning_progress, G_OBJECT (self), self->cancellable,
                               planning_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
plan_clicked_cb (RetPlanDialog *self)
{
  ret_plan_dialog_plan (self);
}

static void
cancel_clicked_cb (RetPlanDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
stop_clicked_cb (RetPlanDialog *self)
{
  ret_plan_dialog_cancel_planning (self);
}

static void
undo_clicked_cb (RetPlanDialog *self)
{
  ret_plan_dialog_undo (self);
}

static void
show_plan_clicked_cb (RetPlanDialog *self)
{
  ret_plan_dialog_show_plan (self);
}

static void
days_changed_cb (RetPlanDialog *self)
{
  update_from_button (self);
}

static void
from_popover_shown_cb (RetPlanDialog *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&self->from),
                                                   g_date_get_month (&self->from),
                                                   g_date_get_day (&self->from), 12, 0, 0);

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->syncing_calendar = FALSE;
}

static void
calendar_day_selected_cb (RetPlanDialog *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (self->syncing_calendar)
    return;

  dt = gtk_calendar_get_date (self->calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  ret_plan_dialog_set_from (self, &date);
  gtk_popover_popdown (self->from_popover);
}

static gboolean
close_requested_cb (RetPlanDialog *self)
{
  if (self->running)
    {
      /* stay until the thread says how it ended: it may have stored
       * the plan already, and the user is told so */
      self->close_when_done = TRUE;
      ret_plan_dialog_cancel_planning (self);
      return TRUE;
    }

  if (self->plan_id > 0 && !self->told_parent)
    {
      guint n_transfers = self->result->transfers != NULL ? self->result->transfers->len : 0;

      self->told_parent = TRUE;
      tell_parent (self, "win.plan-saved",
                   g_variant_new ("(xuu)", self->plan_id, self->result->n_planned, n_transfers));
    }

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
ret_plan_dialog_dispose (GObject *object)
{
  RetPlanDialog *self = RET_PLAN_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->store);
  if (self->summary_rows != NULL)
    g_ptr_array_set_size (self->summary_rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_PLAN_DIALOG);

  G_OBJECT_CLASS (ret_plan_dialog_parent_class)->dispose (object);
}

static void
ret_plan_dialog_finalize (GObject *object)
{
  RetPlanDialog *self = RET_PLAN_DIALOG (object);

  g_free (self->actor);
  g_strfreev (self->replace);
  g_clear_pointer (&self->result, ret_schedule_result_free);
  g_clear_pointer (&self->input, ret_schedule_input_free);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (ret_plan_dialog_parent_class)->finalize (object);
}

static void
ret_plan_dialog_class_init (RetPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_plan_dialog_dispose;
  object_class->finalize = ret_plan_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, days_spin);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, flights_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, from_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, from_popover);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, improvement_row);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, intro_group);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, plan_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, progress_heading);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, progress_span_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, result_group);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, show_plan_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, summary_error_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, unplanned_group);
  gtk_widget_class_bind_template_child (widget_class, RetPlanDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ret_plan_dialog_init (RetPlanDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->summary_rows = g_ptr_array_new ();
  g_date_clear (&self->from, 1);
  g_date_set_dmy (&self->from, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  update_from_button (self);
  show_page (self, "options");
}

static RetPlanDialog *
plan_dialog_new (GtkWindow   *parent,
                 RetStore    *store,
                 const GDate *from)
{
  RetPlanDialog *self = ret_app_new_child_window (RET_TYPE_PLAN_DIALOG, parent);

  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (store);
  self->actor = ret_app_dup_actor (GTK_WIDGET (parent != NULL ? parent : GTK_WINDOW (self)));
  if (from != NULL && g_date_valid (from))
    self->from = *from;
  update_from_button (self);

  return self;
}

RetPlanDialog *
ret_plan_dialog_new (GtkWindow   *parent,
                     RetStore    *store,
                     const GDate *from)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);

  return plan_dialog_new (parent, store, from);
}

RetPlanDialog *
ret_plan_dialog_new_replan (GtkWindow          *parent,
                            RetStore           *store,
                            const GDate        *from,
                            guint               days,
                            const char * const *replace,
                            const char         *intro)
{
  RetPlanDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (days >= 1, NULL);
  g_return_val_if_fail (replace != NULL && replace[0] != NULL, NULL);

  self = plan_dialog_new (parent, store, from);
  self->replace = g_strdupv ((char **) replace);
  self->replan_days = days;

  gtk_window_set_title (GTK_WINDOW (self), _("Re-plan Transfers"));
  adw_window_title_set_title (self->window_title, _("Re-plan Transfers"));
  update_from_button (self);
  if (intro != NULL)
    {
      gtk_label_set_label (self->intro_label, intro);
      gtk_widget_set_visible (GTK_WIDGET (self->intro_label), TRUE);
      update_intro_group (self);
    }

  start (self);
  return self;
}

/* ------------------------------------------------------------------ */
/* Public                                                              */

void
ret_plan_dialog_set_from (RetPlanDialog *self,
                          const GDate   *from)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));
  g_return_if_fail (from != NULL && g_date_valid (from));

  self->from = *from;
  update_from_button (self);
}

void
ret_plan_dialog_get_from (RetPlanDialog *self,
                          GDate         *from)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));
  g_return_if_fail (from != NULL);

  *from = self->from;
}

void
ret_plan_dialog_set_days (RetPlanDialog *self,
                          guint          days)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));

  gtk_spin_button_set_value (self->days_spin, days);
}

guint
ret_plan_dialog_get_days (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), 0);

  return current_days (self);
}

void
ret_plan_dialog_set_flights (RetPlanDialog *self,
                             gboolean       flights)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));

  gtk_switch_set_active (self->flights_switch, flights);
}

void
ret_plan_dialog_set_improvement (RetPlanDialog      *self,
                                 RetPlanImprovement  improvement)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));
  g_return_if_fail (improvement <= RET_PLAN_IMPROVEMENT_THOROUGH);

  adw_combo_row_set_selected (self->improvement_row, improvement);
}

/*
 * ret_plan_dialog_plan:
 *
 * Starts planning with the options shown, as the Plan button does.
 *
 * Returns: %FALSE when the window is not showing its options
 */
gboolean
ret_plan_dialog_plan (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), FALSE);

  if (self->running || self->replace != NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "options") != 0)
    return FALSE;

  /* a number typed but not yet confirmed in the spin button counts */
  gtk_spin_button_update (self->days_spin);
  start (self);
  return TRUE;
}

void
ret_plan_dialog_cancel_planning (RetPlanDialog *self)
{
  g_return_if_fail (RET_IS_PLAN_DIALOG (self));

  if (!self->running || self->cancel_requested)
    return;

  self->cancel_requested = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->progress_heading, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
}

/*
 * ret_plan_dialog_undo:
 *
 * Deletes the plan just made and restores what it replaced, then
 * closes; on refusal the window stays, saying why.
 */
gboolean
ret_plan_dialog_undo (RetPlanDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), FALSE);

  if (self->plan_id <= 0)
    return FALSE;

  if (!ret_store_undo_schedule (self->store, self->plan_id, self->actor, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The plan could not be undone: %s"), error->message);

      g_debug ("Undo of plan %" G_GINT64_FORMAT " refused (%s %d)", self->plan_id,
               g_quark_to_string (error->domain), error->code);
      set_error (self, self->summary_error_label, message);
      return FALSE;
    }

  self->plan_id = 0;
  self->told_parent = TRUE;
  tell_parent (self, "win.plan-undone", NULL);
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}

void
ret_plan_dialog_show_plan (RetPlanDialog *self)
{
  char text[16];

  g_return_if_fail (RET_IS_PLAN_DIALOG (self));

  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (&self->from),
              g_date_get_month (&self->from), g_date_get_day (&self->from));
  tell_parent (self, "win.show-plan-day", g_variant_new_string (text));
  gtk_window_close (GTK_WINDOW (self));
}

const char *
ret_plan_dialog_get_page (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
ret_plan_dialog_is_running (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), FALSE);

  return self->running;
}

const char *
ret_plan_dialog_get_error (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), NULL);

  return self->error;
}

gint64
ret_plan_dialog_get_plan_id (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), 0);

  return self->plan_id;
}

const RetScheduleResult *
ret_plan_dialog_get_result (RetPlanDialog *self)
{
  g_return_val_if_fail (RET_IS_PLAN_DIALOG (self), NULL);

  return self->result;
}
