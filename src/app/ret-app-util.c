/* ret-app-util.c — blank text, local times, plain rows and windows, as the pages share them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-app-util"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-application.h"
#include "ret-time.h"

gboolean
ret_app_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

GtkWindow *
ret_app_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Outside the application (a test, a widget not yet in a window) the
 * login name stands in, as it does when no name is set. */
char *
ret_app_dup_actor (GtkWidget *widget)
{
  GtkWindow *window = ret_app_get_window (widget);
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;

  if (RET_IS_APPLICATION (app))
    return ret_application_dup_actor (RET_APPLICATION (app));

  return g_strdup (g_get_user_name ());
}

gpointer
ret_app_new_child_window (GType      type,
                          GtkWindow *parent)
{
  GtkWindow *window;

  g_return_val_if_fail (g_type_is_a (type, GTK_TYPE_WINDOW), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  window = g_object_new (type,
                         "transient-for", parent,
                         "destroy-with-parent", TRUE,
                         NULL);
  /* In the application's windows, so that it knows the actor's name */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (parent));

  return window;
}

gboolean
ret_app_replace_store (RetStore  **slot,
                       gulong     *changed_id,
                       RetStore   *store,
                       GCallback   changed_cb,
                       gpointer    user_data)
{
  g_return_val_if_fail (slot != NULL && changed_id != NULL, FALSE);
  g_return_val_if_fail (store == NULL || changed_cb != NULL, FALSE);

  if (*slot == store)
    return FALSE;

  if (*slot != NULL)
    g_clear_signal_handler (changed_id, *slot);
  g_set_object (slot, store);
  if (store != NULL)
    *changed_id = g_signal_connect (store, "changed", changed_cb, user_data);

  return TRUE;
}

GTimeZone *
ret_app_point_zone (const RetPoint *point)
{
  GTimeZone *zone = point != NULL ? g_time_zone_new_identifier (point->timezone) : NULL;

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

char *
ret_app_format_local_time (GTimeZone  *zone,
                           gint64      utc,
                           const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  if (dt == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (dt, zone);
  return g_date_time_format (local, format);
}

gboolean
ret_app_parse_local_time (GTimeZone   *zone,
                          const char  *text,
                          gint64      *utc,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  int year, month, day, hour, minute;
  int end = -1;

  if (sscanf (stripped, "%4d-%2d-%2d %2d:%2d%n", &year, &month, &day, &hour, &minute, &end) != 5 ||
      end != (int) strlen (stripped))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Write the time as YYYY-MM-DD HH:MM"));
      return FALSE;
    }

  return ret_local_time_resolve (zone, year, month, day, hour, minute,
                                 RET_AMBIGUITY_REFUSE, utc, error);
}

GtkWidget *
ret_app_new_row (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names, reasons and officials are typed by people: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

GArray *
ret_app_list_draft_plans (RetStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = ret_store_list_plans (store, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (plans == NULL)
    {
      g_warning ("Cannot list the plans: %s", error->message);
      return ids;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      const RetPlanInfo *info = g_ptr_array_index (plans, i);

      if (g_strcmp0 (info->status, "draft") == 0)
        g_array_append_val (ids, info->id);
    }

  return ids;
}

/* One question wherever a person is moved by hand: the timeline's drop
 * and the transfer window's "Move to…" ask it alike. */
GtkWidget *
ret_app_new_breaking_move_dialog (GtkWindow  *parent,
                                  const char *problem)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is "Would break: R06 Minors travel apart from adults" */
  body = g_strdup_printf (_("%s.\n\nThe move is allowed, but the check will show the problem, and the plan "
                            "cannot be approved until it is put right or overridden."), problem);
  dialog = adw_message_dialog_new (parent, _("Move and Break a Safety Rule?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}
