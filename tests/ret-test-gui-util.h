/* ret-test-gui-util.h — helpers shared by the programs that show windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ret-test-util.h"

G_BEGIN_DECLS

void ret_test_gui_init_as_application (void);
void ret_test_print_renderer          (GtkWidget *window);

G_END_DECLS
