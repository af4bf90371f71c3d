/* ret-preferences-window.h — the rules' parameters, lateral pairs, closures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_PREFERENCES_WINDOW (ret_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RetPreferencesWindow, ret_preferences_window, RET, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The preferences of the rule engine, modal to @parent: the parameters
 * of every rule per arrangement, the approved lateral pairs (R15) and the
 * closures and extensions of the points (R02).  Every change is stored
 * at once. */
GtkWidget *ret_preferences_window_new (GtkWindow *parent,
                                       RetStore  *store);

G_END_DECLS
