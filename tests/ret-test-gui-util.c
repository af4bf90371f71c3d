/* ret-test-gui-util.c — helpers shared by the programs that show windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ret-renderer.h"
#include "ret-test-gui-util.h"

/* Initialises GTK and libadwaita, and sets the display up as the
 * application does, without a GtkApplication. */
void
ret_test_gui_init_as_application (void)
{
  gtk_init ();
  adw_init ();
  /* As the application does at start-up */
  ret_renderer_choose (gdk_display_get_default ());

  /* What GtkApplication does with the resource base path: the icons of
   * the flags are found there. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_BASE "/icons");
}

/* Prints which renderer the realized @window draws with, as a `#` line
 * on standard error. */
void
ret_test_print_renderer (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_printerr ("# renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
}
