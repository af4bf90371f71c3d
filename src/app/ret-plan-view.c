/* ret-plan-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Plan" page: one day at every repatriation point, one row per
 * point, each in the point's own local time — when it is light, when
 * the point receives persons, when it receives vulnerable persons and
 * unaccompanied minors, and where the stored transfers fall.  Beside
 * it, the checks panel: what the safety rules find in that day's
 * transfers; choosing a violation there outlines its transfer here.
 * The same day can be read as a list instead of the timeline (the
 * "plan.layout" action): the transfers under their points, by handover.
 */

#define G_LOG_DOMAIN "ret-plan-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-checks-panel.h"
#include "ret-plan-view.h"
#include "ret-solar.h"
#include "ret-timeline-row.h"
#include "ret-transfer-list.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _RetPlanView
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkCalendar  *calendar;
  AdwButtonContent *checks_button_content;
  RetChecksPanel *checks_panel;
  GtkRevealer  *checks_revealer;
  GtkMenuButton *date_button;
  GtkPopover   *date_popover;
  AdwStatusPage *empty_page;
  GtkLabel     *focus_label;
  GtkStack     *layout_stack;
  GtkFlowBox   *legend;
  GtkStack     *main_stack;
  GtkListBox   *point_list;
  GtkBox       *ruler_box;
  GtkScrolledWindow *scrolled_window;
  GtkLabel     *summary_label;
  RetTransferList *transfer_list;

  /* owned references */
  RetStore     *store;
  GSettings    *settings;
  gulong        store_changed_id;
  guint         clock_id;
  guint         scroll_id;
  char         *selected_code;  /* the transfer outlined on the timeline */
  char         *layout;         /* "timeline" or "list" */
  gboolean      show_checks;

  GDate         date;
  gboolean      syncing_calendar;
};

G_DEFINE_FINAL_TYPE (RetPlanView, ret_plan_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SHOW_CHECKS,
  PROP_LAYOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gint64
now_utc (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
update_date_button (RetPlanView *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&self->date),
                                                 g_date_get_month (&self->date),
                                                 g_date_get_day (&self->date), 12, 0, 0);
  /* Translators: the date shown on the Plan page, as strftime; e.g. "Thursday, 3 December 2026" */
  g_autofree char *label = g_date_time_format (dt, _("%A, %-d %B %Y"));
  GDate now;

  gtk_menu_button_set_label (self->date_button, label);

  today (&now);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.today",
                                 gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                                 g_date_compare (&now, &self->date) != 0);
}

/* The sun at a point; when it cannot be computed the row shows night
 * and the log says why, rather than showing no row at all. */
static void
compute_daylight (const RetPoint *point,
                  GTimeZone      *zone,
                  const GDate    *date,
                  RetDaylight    *daylight)
{
  g_autoptr(GError) error = NULL;

  memset (daylight, 0, sizeof *daylight);
  daylight->date = *date;

  if (!ret_daylight_compute (point->latitude, point->longitude, zone, date, daylight, &error))
    {
      g_warning ("Cannot compute daylight at %s: %s", point->code, error->message);
      memset (daylight, 0, sizeof *daylight);
      daylight->date = *date;
      daylight->sunrise.kind = RET_SUN_EVENT_NOT_ON_DATE;
      daylight->sunset.kind = RET_SUN_EVENT_NOT_ON_DATE;
      daylight->civil_dawn.kind = RET_SUN_EVENT_NOT_ON_DATE;
      daylight->civil_dusk.kind = RET_SUN_EVENT_NOT_ON_DATE;
    }
}

/* The focused point's day in words under the rows, for keyboard users
 * (pointer users have the tooltip). */
static void
timeline_row_focus_changed_cb (GtkWidget   *timeline_row,
                               GParamSpec  *pspec,
                               RetPlanView *self)
{
  const RetTimeline *timeline = ret_timeline_row_get_timeline (RET_TIMELINE_ROW (timeline_row));

  if (gtk_widget_has_focus (timeline_row) && timeline != NULL)
    {
      gtk_label_set_label (self->focus_label, timeline->description);
      gtk_widget_set_visible (GTK_WIDGET (self->focus_label), TRUE);
    }
  else if (!gtk_widget_has_focus (timeline_row))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->focus_label), FALSE);
    }
}

static GtkWidget *
create_row (RetPlanView *self,
            RetTimeline *timeline)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *timeline_row = ret_timeline_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* the drawing itself takes the focus, so that its tooltip and its
   * description reach keyboard and screen-reader users */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), timeline_row);
  ret_timeline_row_set_timeline (RET_TIMELINE_ROW (timeline_row), timeline);
  ret_timeline_row_set_selected_transfer (RET_TIMELINE_ROW (timeline_row), self->selected_code);
  g_signal_connect (timeline_row, "notify::has-focus", G_CALLBACK (timeline_row_focus_changed_cb), self);

  return row;
}

static RetTimelineRow *
find_transfer_row (RetPlanView *self,
                   const char  *code)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->point_list));
       row != NULL && code != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (RET_IS_TIMELINE_ROW (child) && ret_timeline_row_has_transfer (RET_TIMELINE_ROW (child), code))
        return RET_TIMELINE_ROW (child);
    }

  return NULL;
}

/* Scrolls the point's row of the selected transfer into view, without
 * taking the focus from the checks panel: keyboard users go on down
 * the list of violations and watch the timeline follow. */
static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  RetPlanView *self = RET_PLAN_VIEW (user_data);
  RetTimelineRow *row = find_transfer_row (self, self->selected_code);
  GtkWidget *list_row;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  self->scroll_id = 0;

  if (row == NULL)
    return G_SOURCE_REMOVE;

  list_row = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_LIST_BOX_ROW);
  if (list_row == NULL ||
      !gtk_widget_compute_bounds (list_row, GTK_WIDGET (self->point_list), &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);

  return G_SOURCE_REMOVE;
}

static void
queue_scroll_to_selected (RetPlanView *self)
{
  RetTimelineRow *row = find_transfer_row (self, self->selected_code);

  /* at once when the rows have their place; after a reload, which has
   * just undone it, once they have it again */
  if (row != NULL && gtk_widget_get_height (GTK_WIDGET (row)) > 0)
    {
      g_clear_handle_id (&self->scroll_id, g_source_remove);
      scroll_to_selected_cb (self);
    }
  else if (self->scroll_id == 0)
    self->scroll_id = g_idle_add (scroll_to_selected_cb, self);
}

static void
unresolved_hard_changed_cb (RetPlanView    *self,
                            GParamSpec     *pspec,
                            RetChecksPanel *panel)
{
  g_autofree char *label = ret_checks_format_toggle_label (ret_checks_panel_get_unresolved_hard (panel));

  adw_button_content_set_label (self->checks_button_content, label);
}

static void
transfer_selected_cb (RetPlanView    *self,
                      const char     *code,
                      RetChecksPanel *panel)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  ret_plan_view_select_transfer (self, code);
}

/* Outlines @code on the timeline, so that it is the same transfer when
 * the coordinator switches back to it. */
static void
outline_transfer (RetPlanView *self,
                  const char  *code)
{
  if (self->selected_code != code)
    {
      g_free (self->selected_code);
      self->selected_code = g_strdup (code);
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->point_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (RET_IS_TIMELINE_ROW (child))
        ret_timeline_row_set_selected_transfer (RET_TIMELINE_ROW (child), code);
    }
}

/* A row chosen in the list, with the pointer or the keys. */
static void
list_transfer_selected_cb (RetPlanView     *self,
                           const char      *code,
                           RetTransferList *list)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  outline_transfer (self, code);
}

static void
reload (RetPlanView *self)
{
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GPtrArray) transfers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) midnight_utc = NULL;
  GtkWidget *child;
  gint64 from, now = now_utc ();
  guint n_transfers = 0;
  int focused_index = -1;

  update_date_button (self);
  ret_checks_panel_set_date (self->checks_panel, &self->date);

  /* a new day keeps the keyboard on the same point */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->point_list)))
      {
        GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);

        if (row != NULL)
          focused_index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
      }
  }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->point_list))) != NULL)
    gtk_list_box_remove (self->point_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->focus_label), FALSE);

  if (self->store == NULL)
    {
      ret_transfer_list_set_day (self->transfer_list, &self->date, NULL, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  points = ret_store_list_points (self->store, &error);
  if (points == NULL)
    {
      g_warning ("Cannot list the points: %s", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      ret_transfer_list_set_day (self->transfer_list, &self->date, NULL, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }
  if (points->len == 0)
    {
      ret_transfer_list_set_day (self->transfer_list, &self->date, NULL, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  /* Wide enough for every zone of the points, and for a vehicle that
   * left the evening before or arrives after the next midnight. */
  midnight_utc = g_date_time_new_utc (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                      g_date_get_day (&self->date), 0, 0, 0);
  from = g_date_time_to_unix (midnight_utc) - SECONDS_PER_DAY;
  transfers = ret_store_list_transfers (self->store, from, from + 3 * SECONDS_PER_DAY, &error);
  if (transfers == NULL)
    {
      g_warning ("Cannot list the transfers: %s", error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (point->timezone);
      RetDaylight daylight;
      RetTimeline *timeline;

      if (zone == NULL)
        {
          g_warning ("Point %s has an unknown time zone %s", point->code, point->timezone);
          continue;
        }

      compute_daylight (point, zone, &self->date, &daylight);
      timeline = ret_timeline_compute (point, &self->date, &daylight, transfers, now, &error);
      if (timeline == NULL)
        {
          g_warning ("%s", error->message);
          g_clear_error (&error);
          continue;
        }

      n_transfers += timeline->blocks->len;
      gtk_list_box_append (self->point_list, create_row (self, timeline));
    }

  /* the same points and transfers, read once for both layouts */
  ret_transfer_list_set_day (self->transfer_list, &self->date, points, transfers);
  ret_transfer_list_select_transfer (self->transfer_list, self->selected_code);

  {
    g_autofree char *points_text = g_strdup_printf (ngettext ("%u point", "%u points", points->len),
                                                    points->len);
    g_autofree char *transfers_text = n_transfers == 0
      ? g_strdup (_("no transfers planned"))
      : g_strdup_printf (ngettext ("%u transfer", "%u transfers", n_transfers), n_transfers);
    /* Translators: summary above the timeline: "13 points · 2 transfers" */
    g_autofree char *summary = g_strdup_printf (_("%s · %s"), points_text, transfers_text);

    gtk_label_set_label (self->summary_label, summary);
  }

  if (focused_index >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->point_list, focused_index);

      if (row != NULL)
        gtk_widget_grab_focus (gtk_list_box_row_get_child (row));
    }

  gtk_stack_set_visible_child_name (self->main_stack, "plan");
}

static void
update_now (RetPlanView *self)
{
  gint64 now = now_utc ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->point_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (RET_IS_TIMELINE_ROW (child))
        ret_timeline_row_set_now (RET_TIMELINE_ROW (child), now);
    }

  update_date_button (self);

  /* notices fall due as time passes (R08): the check has news too */
  ret_checks_panel_refresh (self->checks_panel);
}

static gboolean
clock_minute_cb (gpointer user_data)
{
  update_now (RET_PLAN_VIEW (user_data));
  return G_SOURCE_CONTINUE;
}

/* The first tick waits for the next whole minute, then one a minute. */
static gboolean
clock_align_cb (gpointer user_data)
{
  RetPlanView *self = RET_PLAN_VIEW (user_data);

  update_now (self);
  self->clock_id = g_timeout_add_seconds (60, clock_minute_cb, self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (RetStore    *store,
                  const char  *entity,
                  RetPlanView *self)
{
  if (g_strcmp0 (entity, "points") == 0 || g_strcmp0 (entity, "transfers") == 0 ||
      g_strcmp0 (entity, "plans") == 0)
    reload (self);
}

/* Up, Down, Home and End move between the points: the drawings hold
 * the focus (for their tooltips), so the list's own row keys do not. */
static gboolean
list_key_pressed_cb (RetPlanView           *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  GtkListBoxRow *target = NULL;
  int index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || row == NULL)
    return GDK_EVENT_PROPAGATE;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = gtk_list_box_get_row_at_index (self->point_list, index - 1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = gtk_list_box_get_row_at_index (self->point_list, index + 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = gtk_list_box_get_row_at_index (self->point_list, 0);
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->point_list));
        target = GTK_IS_LIST_BOX_ROW (last) ? GTK_LIST_BOX_ROW (last) : NULL;
      }
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (target != NULL && index >= 0)
    gtk_widget_grab_focus (gtk_list_box_row_get_child (target));

  /* the window shows where the focus is once keys move it; this key
   * stops here, before the window would notice */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);

  return GDK_EVENT_STOP;
}

static void
date_popover_shown_cb (RetPlanView *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&self->date),
                                                   g_date_get_month (&self->date),
                                                   g_date_get_day (&self->date), 12, 0, 0);

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->syncing_calendar = FALSE;
}

/* Shows the calendar's date when it differs from the page's. */
static gboolean
apply_calendar_date (RetPlanView *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  if (g_date_compare (&date, &self->date) == 0)
    return FALSE;

  ret_plan_view_set_date (self, &date);
  return TRUE;
}

static void
calendar_day_selected_cb (RetPlanView *self)
{
  if (self->syncing_calendar)
    return;

  apply_calendar_date (self);
  gtk_popover_popdown (self->date_popover);
}

/* GtkCalendar moves its date without "day-selected" when the month is
 * changed with its arrows, and says nothing when the selected day is
 * clicked again: whatever it shows when the popover closes is the
 * date the user chose. */
static void
date_popover_closed_cb (RetPlanView *self)
{
  apply_calendar_date (self);
}

/* The day keys are window-wide; while the page is hidden they must
 * reach whatever has the focus, so the actions are off then. */
static void
set_day_actions_enabled (RetPlanView *self,
                         gboolean     enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.previous-day", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.next-day", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.show-checks", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.layout", enabled);
  update_date_button (self);
}

static void
ret_plan_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ret_plan_view_parent_class)->map (widget);
  set_day_actions_enabled (RET_PLAN_VIEW (widget), TRUE);
}

static void
ret_plan_view_unmap (GtkWidget *widget)
{
  set_day_actions_enabled (RET_PLAN_VIEW (widget), FALSE);
  GTK_WIDGET_CLASS (ret_plan_view_parent_class)->unmap (widget);
}

/* Shows the day as "timeline" or "list"; the keyboard, when it was in
 * the layout put away, goes into the one shown, where it was chosen. */
static void
set_layout (RetPlanView *self,
            const char  *layout)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean focus_inside;

  if (g_strcmp0 (layout, "timeline") != 0 && g_strcmp0 (layout, "list") != 0)
    {
      g_warning ("Unknown layout of the Plan page: %s", layout != NULL ? layout : "(null)");
      return;
    }
  if (g_strcmp0 (layout, self->layout) == 0)
    return;

  focus_inside = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->layout_stack));

  g_free (self->layout);
  self->layout = g_strdup (layout);
  gtk_stack_set_visible_child_name (self->layout_stack, layout);

  if (focus_inside)
    {
      if (g_str_equal (layout, "list"))
        {
          GtkListBox *list = ret_transfer_list_get_list_box (self->transfer_list);
          GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

          if (row == NULL)
            row = gtk_list_box_get_row_at_index (list, 0);
          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      else
        {
          RetTimelineRow *row = find_transfer_row (self, self->selected_code);
          GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->point_list, 0);

          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          else if (first != NULL)
            gtk_widget_grab_focus (gtk_list_box_row_get_child (first));
        }
    }

  /* the transfer chosen in one layout is in sight in the other */
  if (g_str_equal (layout, "timeline") && self->selected_code != NULL)
    queue_scroll_to_selected (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}

/* Moves the page @days days on (back when negative). */
static void
shift_date (RetPlanView *self,
            int          days)
{
  GDate date = self->date;

  if (days < 0)
    g_date_subtract_days (&date, -days);
  else
    g_date_add_days (&date, days);

  ret_plan_view_set_date (self, &date);
}

static void
previous_day_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  shift_date (RET_PLAN_VIEW (widget), -1);
}

static void
next_day_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shift_date (RET_PLAN_VIEW (widget), 1);
}

static void
today_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RetPlanView *self = RET_PLAN_VIEW (widget);
  GDate date;

  today (&date);
  ret_plan_view_set_date (self, &date);
}

static void
add_legend_item (RetPlanView *self,
                 const char  *css_class,
                 const char  *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text = gtk_label_new (label);

  gtk_widget_add_css_class (swatch, "plan-swatch");
  gtk_widget_add_css_class (swatch, css_class);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), text);
  gtk_flow_box_append (self->legend, box);
  /* a key to the drawing, not something to choose */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
}

static void
ret_plan_view_dispose (GObject *object)
{
  RetPlanView *self = RET_PLAN_VIEW (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  ret_app_replace_store (&self->store, &self->store_changed_id, NULL, NULL, NULL);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->selected_code, g_free);
  g_clear_pointer (&self->layout, g_free);

  /* AdwBin 1.2 unparents its child itself; a bound template child that
   * is the bin's child would otherwise be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_PLAN_VIEW);

  G_OBJECT_CLASS (ret_plan_view_parent_class)->dispose (object);
}

static void
ret_plan_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RetPlanView *self = RET_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_CHECKS:
      g_value_set_boolean (value, self->show_checks);
      break;
    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_plan_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RetPlanView *self = RET_PLAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ret_plan_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_SHOW_CHECKS:
      ret_plan_view_set_show_checks (self, g_value_get_boolean (value));
      break;
    case PROP_LAYOUT:
      set_layout (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_plan_view_class_init (RetPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_plan_view_dispose;
  object_class->get_property = ret_plan_view_get_property;
  widget_class->map = ret_plan_view_map;
  widget_class->unmap = ret_plan_view_unmap;
  object_class->set_property = ret_plan_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the checks panel beside the timeline; a setting, and F9 */
  properties[PROP_SHOW_CHECKS] =
    g_param_spec_boolean ("show-checks", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the day as a timeline of each point, or as a list of its transfers;
   * for this window only (no setting keeps it) */
  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "timeline",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RET_TYPE_CHECKS_PANEL);
  g_type_ensure (RET_TYPE_TRANSFER_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, calendar);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, checks_button_content);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, checks_panel);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, checks_revealer);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, date_button);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, date_popover);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, focus_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, layout_stack);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, legend);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, point_list);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, ruler_box);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RetPlanView, transfer_list);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_transfer_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, transfer_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, unresolved_hard_changed_cb);

  gtk_widget_class_install_action (widget_class, "plan.previous-day", NULL, previous_day_activated);
  gtk_widget_class_install_action (widget_class, "plan.next-day", NULL, next_day_activated);
  gtk_widget_class_install_action (widget_class, "plan.today", NULL, today_activated);
  gtk_widget_class_install_property_action (widget_class, "plan.show-checks", "show-checks");
  gtk_widget_class_install_property_action (widget_class, "plan.layout", "layout");
}

static void
ret_plan_view_init (RetPlanView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_box_append (self->ruler_box, ret_timeline_row_new_ruler ());

  /* The day keys work wherever the focus is in the window while the
   * page is shown, not only inside it. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    static const struct { guint key; const char *action; } keys[] = {
      { GDK_KEY_Left, "plan.previous-day" },
      { GDK_KEY_Right, "plan.next-day" },
      { GDK_KEY_Home, "plan.today" },
    };
    static const struct { guint key; const char *layout; } layouts[] = {
      { GDK_KEY_1, "timeline" },
      { GDK_KEY_2, "list" },
    };

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, GDK_ALT_MASK),
                                                              gtk_named_action_new (keys[i].action)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F9, 0),
                                                            gtk_named_action_new ("plan.show-checks")));
    for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
      {
        GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (layouts[i].key, GDK_CONTROL_MASK),
                                                  gtk_named_action_new ("plan.layout"));

        gtk_shortcut_set_arguments (shortcut, g_variant_new_string (layouts[i].layout));
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
      }
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  add_legend_item (self, "plan-night", _("Night"));
  add_legend_item (self, "plan-twilight", _("Civil twilight"));
  add_legend_item (self, "plan-daylight", _("Daylight"));
  add_legend_item (self, "plan-window", _("Agreed window"));
  add_legend_item (self, "plan-vulnerable", _("Vulnerable persons, in daylight"));
  add_legend_item (self, "plan-vulnerable-dark", _("Vulnerable window after dark"));
  add_legend_item (self, "plan-minors", _("Minors cut-off"));
  add_legend_item (self, "plan-transfer", _("Transfer"));
  add_legend_item (self, "plan-now", _("Now"));

  self->show_checks = TRUE;
  self->layout = g_strdup ("timeline");
  g_object_bind_property (self, "show-checks", self->checks_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "show-checks-panel", self, "show-checks", G_SETTINGS_BIND_DEFAULT);

  today (&self->date);
  ret_checks_panel_set_date (self->checks_panel, &self->date);
  /* the day keys are off until the page is on screen (map turns them on) */
  set_day_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");

  self->clock_id = g_timeout_add_seconds (60 - g_date_time_get_second (now), clock_align_cb, self);
}

void
ret_plan_view_set_store (RetPlanView *self,
                         RetStore    *store)
{
  g_return_if_fail (RET_IS_PLAN_VIEW (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  if (!ret_app_replace_store (&self->store, &self->store_changed_id, store,
                              G_CALLBACK (store_changed_cb), self))
    return;

  ret_checks_panel_set_store (self->checks_panel, store);
  ret_transfer_list_set_store (self->transfer_list, store);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

RetStore *
ret_plan_view_get_store (RetPlanView *self)
{
  g_return_val_if_fail (RET_IS_PLAN_VIEW (self), NULL);

  return self->store;
}

void
ret_plan_view_set_date (RetPlanView *self,
                        const GDate *date)
{
  g_return_if_fail (RET_IS_PLAN_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_compare (date, &self->date) == 0)
    return;

  self->date = *date;
  /* the panel lists another day's violations now */
  g_clear_pointer (&self->selected_code, g_free);
  reload (self);
}

void
ret_plan_view_get_date (RetPlanView *self,
                        GDate       *date)
{
  g_return_if_fail (RET_IS_PLAN_VIEW (self));

  *date = self->date;
}

GtkListBox *
ret_plan_view_get_list (RetPlanView *self)
{
  g_return_val_if_fail (RET_IS_PLAN_VIEW (self), NULL);

  return self->point_list;
}

void
ret_plan_view_set_show_checks (RetPlanView *self,
                               gboolean     show_checks)
{
  g_return_if_fail (RET_IS_PLAN_VIEW (self));

  show_checks = !!show_checks;
  if (self->show_checks == show_checks)
    return;

  self->show_checks = show_checks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CHECKS]);
}

gboolean
ret_plan_view_get_show_checks (RetPlanView *self)
{
  g_return_val_if_fail (RET_IS_PLAN_VIEW (self), FALSE);

  return self->show_checks;
}

RetChecksPanel *
ret_plan_view_get_checks_panel (RetPlanView *self)
{
  g_return_val_if_fail (RET_IS_PLAN_VIEW (self), NULL);

  return self->checks_panel;
}

/**
 * ret_plan_view_select_transfer:
 * @code: (nullable): the transfer to show, or %NULL for none
 *
 * Outlines the transfer's block on the timeline and scrolls its point's
 * row into view; selects its row in the list of transfers, scrolled
 * into view when the list is shown.
 */
void
ret_plan_view_select_transfer (RetPlanView *self,
                               const char  *code)
{
  g_return_if_fail (RET_IS_PLAN_VIEW (self));

  outline_transfer (self, code);
  ret_transfer_list_select_transfer (self->transfer_list, code);

  if (code != NULL)
    queue_scroll_to_selected (self);
}

const char *
ret_plan_view_get_selected_transfer (RetPlanView *self)
{
  g_return_val_if_fail (RET_IS_PLAN_VIEW (self), NULL);

  return self->selected_code;
}
