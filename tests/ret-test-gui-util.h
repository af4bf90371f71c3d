/* ret-test-gui-util.h — helpers shared by the programs that show windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ret-test-util.h"

G_BEGIN_DECLS

/* Whether @widget is the one a search looks for; @data as given to it. */
typedef gboolean (*RetTestWidgetMatch) (GtkWidget *widget, gconstpointer data);

void       ret_test_gui_init                (int                 *argc,
                                             char              ***argv);
void       ret_test_gui_init_as_application (void);
void       ret_test_print_renderer          (GtkWidget           *window);

void       ret_test_wait_frames             (guint                n);
GtkWidget *ret_test_show_window             (GtkWidget           *window);
void       ret_test_destroy_window          (GtkWidget          **window);

GtkWidget *ret_test_find_widget             (GtkWidget           *root,
                                             RetTestWidgetMatch   match,
                                             gconstpointer        data);
guint      ret_test_count_widgets           (GtkWidget           *root,
                                             RetTestWidgetMatch   match,
                                             gconstpointer        data);
GtkWidget *ret_test_find_with_property      (GtkWidget           *root,
                                             GType                type,
                                             const char          *property,
                                             const char          *value);
GtkWidget *ret_test_find_named              (GtkWidget           *root,
                                             const char          *name);
GtkWindow *ret_test_find_toplevel           (GType                type);

G_END_DECLS
