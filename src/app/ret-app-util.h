/* ret-app-util.h — blank text, local times, plain rows and windows, as the pages share them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

/* %TRUE for %NULL, "" and ASCII white space only: the same test the
 * store applies, so a form never offers what the store would refuse. */
gboolean   ret_app_text_is_blank (const char *text);

/* The window @widget is shown in, or %NULL while it is in none. */
GtkWindow *ret_app_get_window    (GtkWidget  *widget);

/* Who is recorded in the audit log for what is done in @widget. */
char      *ret_app_dup_actor     (GtkWidget  *widget);

/* A window transient for @parent that goes with it, in @parent's
 * application; @type is a #GtkWindow subclass. */
gpointer   ret_app_new_child_window (GType      type,
                                     GtkWindow *parent);

/* Points *@slot at @store, moving the handler of the store's "changed"
 * signal kept in *@changed_id along; %FALSE when @store was already
 * there.  @store %NULL drops the old one, as dispose wants. */
gboolean   ret_app_replace_store (RetStore  **slot,
                                  gulong     *changed_id,
                                  RetStore   *store,
                                  GCallback   changed_cb,
                                  gpointer    user_data);

/* The time zone of @point, or UTC when it is unknown. */
GTimeZone *ret_app_point_zone    (const RetPoint *point);

/* @utc at @zone's clock, in a g_date_time_format() @format; "" for a
 * time out of range. */
char      *ret_app_format_local_time (GTimeZone  *zone,
                                      gint64      utc,
                                      const char *format);

/* A local time as a coordinator types it, "YYYY-MM-DD HH:MM" at @zone's
 * clock; a time of the clock-change night that happens twice is refused
 * rather than guessed. */
gboolean   ret_app_parse_local_time  (GTimeZone   *zone,
                                      const char  *text,
                                      gint64      *utc,
                                      GError     **error);

/* A row of plain text; @subtitle may be %NULL. */
GtkWidget *ret_app_new_row       (const char *title,
                                  const char *subtitle);

/* The ids of the draft plans, the ones a coordinator may change by
 * hand; none when they cannot be read. */
GArray    *ret_app_list_draft_plans (RetStore *store);

/* The question before a move that breaks a hard rule, over @parent;
 * @problem says which ("Would break: …").  Its responses are "cancel"
 * and "move": connect to "response", then present it. */
GtkWidget *ret_app_new_breaking_move_dialog (GtkWindow  *parent,
                                             const char *problem);

G_END_DECLS
