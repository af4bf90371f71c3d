/* ret-main-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-main-window"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-import-dialog.h"
#include "ret-people-view.h"
#include "ret-plan-dialog.h"
#include "ret-plan-view.h"
#include "ret-map-view.h"
#include "ret-points-view.h"
#include "ret-transfer-dialog.h"
#include "ret-main-window.h"

struct _RetMainWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkRevealer          *demo_revealer;
  AdwStatusPage        *error_page;
  GtkStack             *main_stack;
  RetPeopleView        *people_view;
  RetPlanView          *plan_view;
  RetMapView           *map_view;
  RetPointsView        *points_view;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;

  /* owned */
  RetStore             *store;
  GSettings            *settings;
  guint                 show_person_source;
  gint64                show_person_id;
};

G_DEFINE_FINAL_TYPE (RetMainWindow, ret_main_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_actions (RetMainWindow *self)
{
  gboolean have_store = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-roster", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-person", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-transfer", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.plan", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.plan-saved", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.plan-undone", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-plan", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-plan-day", have_store);
}

static void
import_roster_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  g_autofree char *actor = NULL;

  if (self->store == NULL)
    return;

  actor = ret_application_dup_actor (RET_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  ret_import_dialog_run (GTK_WINDOW (self), self->store, actor);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "people");
  ret_people_view_focus_search (self->people_view);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);

  /* Ctrl+S is the application's accelerator, which GTK handles before
   * the pages' own bindings: hand it to the page on screen. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "people") == 0)
    ret_people_view_save (self->people_view);
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "points") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->points_view), "points.save", NULL);
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* Selects the person asked for, and scrolls to them, once the People
 * page just switched to has been laid out: a GtkColumnView in GTK 4.8
 * scrolls to a row only once it has a size, and only through its inner
 * list view's action. */
static gboolean
show_person_cb (gpointer user_data)
{
  RetMainWindow *self = RET_MAIN_WINDOW (user_data);
  GtkWidget *column_view = GTK_WIDGET (ret_people_view_get_column_view (self->people_view));
  guint position;

  self->show_person_source = 0;

  position = ret_person_list_find (ret_people_view_get_list (self->people_view), self->show_person_id);
  g_debug ("Showing person %" G_GINT64_FORMAT " at row %u", self->show_person_id, position);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* the page's search or filters hide them; the user chose those */
      ret_main_window_show_toast (self, _("The search or the filters of the People page hide this person"));
      return G_SOURCE_REMOVE;
    }

  ret_people_view_select (self->people_view, position);
  for (GtkWidget *child = gtk_widget_get_first_child (column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          /* GTK 4.8 may leave the rows unpainted after that jump until
           * something else moves: lay them out again now */
          gtk_widget_queue_resize (child);
          break;
        }
    }

  return G_SOURCE_REMOVE;
}

static void
show_person_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);

  if (self->store == NULL)
    return;

  self->show_person_id = g_variant_get_int64 (parameter);
  adw_view_stack_set_visible_child_name (self->view_stack, "people");
  if (self->show_person_source == 0)
    self->show_person_source = g_idle_add_full (G_PRIORITY_LOW, show_person_cb, self, NULL);
}

static void
show_transfer_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog;

  if (self->store == NULL || code == NULL || *code == '\0')
    return;

  dialog = ret_transfer_dialog_new (GTK_WINDOW (self), self->store, code);
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  RetPlanDialog *dialog;
  GDate from;

  if (self->store == NULL)
    return;

  /* the day the coordinator is looking at is the day they mean */
  ret_plan_view_get_date (self->plan_view, &from);
  dialog = ret_plan_dialog_new (GTK_WINDOW (self), self->store, &from);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A plan window closed on a stored plan: say what it did, and offer to
 * undo it for as long as the toast is there. */
static void
plan_saved_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  g_autofree char *title = NULL;
  gint64 plan_id;
  guint n_persons, n_transfers;
  AdwToast *toast;

  g_variant_get (parameter, "(xuu)", &plan_id, &n_persons, &n_transfers);
  title = ret_plan_format_planned (n_persons, n_transfers);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-plan");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (plan_id));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
plan_undone_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ret_main_window_show_toast (RET_MAIN_WINDOW (widget), _("Plan undone"));
}

static void
undo_plan_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  gint64 plan_id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;

  actor = ret_app_dup_actor (widget);
  if (!ret_store_undo_schedule (self->store, plan_id, actor, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The plan could not be undone: %s"), error->message);

      g_debug ("Undo of plan %" G_GINT64_FORMAT " refused (%s %d)", plan_id,
               g_quark_to_string (error->domain), error->code);
      ret_main_window_show_toast (self, message);
      return;
    }

  ret_main_window_show_toast (self, _("Plan undone"));
}

static void
show_plan_day_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RetMainWindow *self = RET_MAIN_WINDOW (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  int year, month, day;
  GDate date;

  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  adw_view_stack_set_visible_child_name (self->view_stack, "plan");
  ret_plan_view_set_date (self->plan_view, &date);
}

static gboolean
ret_main_window_close_request (GtkWindow *window)
{
  RetMainWindow *self = RET_MAIN_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ret_main_window_parent_class)->close_request (window);
}

static void
ret_main_window_dispose (GObject *object)
{
  RetMainWindow *self = RET_MAIN_WINDOW (object);

  /* The switchers hold the stack's pages; let go of them before the
   * stack goes, or libadwaita 1.2 unparents buttons already gone. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);

  g_clear_handle_id (&self->show_person_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_MAIN_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ret_main_window_parent_class)->dispose (object);
}

static void
ret_main_window_class_init (RetMainWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ret_main_window_dispose;
  window_class->close_request = ret_main_window_close_request;

  g_type_ensure (RET_TYPE_MAP_VIEW);
  g_type_ensure (RET_TYPE_PEOPLE_VIEW);
  g_type_ensure (RET_TYPE_PLAN_VIEW);
  g_type_ensure (RET_TYPE_POINTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-main-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, people_view);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, plan_view);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, points_view);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RetMainWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_activated);
  gtk_widget_class_install_action (widget_class, "win.show-person", "x", show_person_activated);
  gtk_widget_class_install_action (widget_class, "win.show-transfer", "s", show_transfer_activated);
  gtk_widget_class_install_action (widget_class, "win.plan", NULL, plan_activated);
  gtk_widget_class_install_action (widget_class, "win.plan-saved", "(xuu)", plan_saved_activated);
  gtk_widget_class_install_action (widget_class, "win.plan-undone", NULL, plan_undone_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-plan", "x", undo_plan_activated);
  gtk_widget_class_install_action (widget_class, "win.show-plan-day", "s", show_plan_day_activated);
}

static void
ret_main_window_init (RetMainWindow *self)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The application adds this path too, from its resource base; doing it
   * here keeps the window whole wherever it is shown (tests, benchmarks). */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

    if (!gtk_icon_theme_has_icon (theme, "ret-family-symbolic"))
      gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");
  }

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

/*
 * ret_main_window_new:
 * @store: (nullable): the open database, or %NULL when it could not be
 *   opened; @open_error then says why, and the window shows it
 */
RetMainWindow *
ret_main_window_new (RetApplication *application,
                RetStore       *store,
                const GError   *open_error)
{
  RetMainWindow *self;

  self = g_object_new (RET_TYPE_MAIN_WINDOW, "application", application, NULL);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      ret_people_view_set_store (self->people_view, store);
      ret_points_view_set_store (self->points_view, store);
      ret_map_view_set_store (self->map_view, store);
      ret_plan_view_set_store (self->plan_view, store);
      gtk_revealer_set_reveal_child (self->demo_revealer, ret_store_is_demo (store));
      gtk_stack_set_visible_child_name (self->main_stack, "content");
    }
  else
    {
      adw_status_page_set_description (self->error_page,
                                       open_error != NULL ? open_error->message : NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }

  update_actions (self);
  return self;
}

RetStore *
ret_main_window_get_store (RetMainWindow *self)
{
  g_return_val_if_fail (RET_IS_MAIN_WINDOW (self), NULL);

  return self->store;
}

void
ret_main_window_show_toast (RetMainWindow  *self,
                       const char *message)
{
  g_return_if_fail (RET_IS_MAIN_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

GtkWidget *
ret_main_window_get_people_view (RetMainWindow *self)
{
  g_return_val_if_fail (RET_IS_MAIN_WINDOW (self), NULL);

  return GTK_WIDGET (self->people_view);
}

const char *
ret_main_window_get_visible_view (RetMainWindow *self)
{
  g_return_val_if_fail (RET_IS_MAIN_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
ret_main_window_get_plan_view (RetMainWindow *self)
{
  g_return_val_if_fail (RET_IS_MAIN_WINDOW (self), NULL);

  return GTK_WIDGET (self->plan_view);
}
