/* ret-main-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-application.h"
#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_MAIN_WINDOW (ret_main_window_get_type ())
G_DECLARE_FINAL_TYPE (RetMainWindow, ret_main_window, RET, MAIN_WINDOW, AdwApplicationWindow)

RetMainWindow *ret_main_window_new             (RetApplication *application,
                                       RetStore       *store,
                                       const GError   *open_error);
RetStore  *ret_main_window_get_store       (RetMainWindow      *self);
void       ret_main_window_show_toast      (RetMainWindow      *self,
                                       const char     *message);
GtkWidget *ret_main_window_get_people_view (RetMainWindow      *self);
GtkWidget *ret_main_window_get_plan_view (RetMainWindow        *self);
const char *ret_main_window_get_visible_view (RetMainWindow    *self);

G_END_DECLS
