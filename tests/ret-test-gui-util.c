/* ret-test-gui-util.c — helpers shared by the programs that show windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "ret-renderer.h"
#include "ret-test-gui-util.h"

/* ------------------------------------------------------------------ */
/* Start-up                                                           */

/* G_TEST_OPTION_ISOLATE_DIRS also hides the system's MIME database,
 * without which GTK cannot tell that its own symbolic icons are SVG, and
 * warns (which fails a test): keep the real one.  Called before
 * g_test_init () moves the data directories away. */
static void
keep_system_mime_dirs (void)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) mime_dirs = NULL;

  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "mime", NULL);

      g_strv_builder_add (builder, dir);
    }
  mime_dirs = g_strv_builder_end (builder);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);
}

/* Starts a test program that shows windows: each test in folders of its
 * own, so that nothing of the user's is read or touched and no test
 * sees what another left; then GTK and libadwaita, whose styles and
 * widgets the application's own need. */
void
ret_test_gui_init (int    *argc,
                   char ***argv)
{
  keep_system_mime_dirs ();
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
}

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

/* ------------------------------------------------------------------ */
/* Waiting and data                                                   */

/* Runs the main loop without sleeping for @n spans of 20 ms, about a
 * frame each: long enough for what a user's action queued (layout,
 * idle handlers, the delayed refreshes of a view) to happen. */
void
ret_test_wait_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_MILLISECOND;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Presents @window, new, and waits until it is laid out; returns it with
 * a reference of the caller's own, so that it stays valid to the end
 * even when the code under test closes it. */
GtkWidget *
ret_test_show_window (GtkWidget *window)
{
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (5);

  return window;
}

/* Destroys a window shown by ret_test_show_window (), and drops the
 * reference it returned. */
void
ret_test_destroy_window (GtkWidget **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
}

/* ------------------------------------------------------------------ */
/* Finding widgets                                                    */

/* The first widget under @root, @root included and depth first, that
 * @match accepts; NULL when none does, or when @root is NULL. */
GtkWidget *
ret_test_find_widget (GtkWidget          *root,
                      RetTestWidgetMatch  match,
                      gconstpointer       data)
{
  if (root == NULL)
    return NULL;
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ret_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* How many widgets under @root, @root included, @match accepts. */
guint
ret_test_count_widgets (GtkWidget          *root,
                        RetTestWidgetMatch  match,
                        gconstpointer       data)
{
  guint n = match (root, data) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += ret_test_count_widgets (child, match, data);

  return n;
}

typedef struct
{
  GType       type;
  const char *property;
  const char *value;
} PropertyMatch;

static gboolean
has_property_value (GtkWidget     *widget,
                    gconstpointer  data)
{
  const PropertyMatch *wanted = data;
  g_autofree char *value = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type))
    return FALSE;

  g_object_get (widget, wanted->property, &value, NULL);
  return g_strcmp0 (value, wanted->value) == 0;
}

/* The first widget under @root of @type whose string @property is
 * @value: a group or row by its "title", a button by its "label" or
 * "tooltip-text", as a user finds them on screen.  NULL when none is. */
GtkWidget *
ret_test_find_with_property (GtkWidget  *root,
                             GType       type,
                             const char *property,
                             const char *value)
{
  PropertyMatch wanted = { type, property, value };

  return ret_test_find_widget (root, has_property_value, &wanted);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The widget under @root that the template named @name (its
 * gtk_widget_set_name ()); fails the test when there is none. */
GtkWidget *
ret_test_find_named (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *found = ret_test_find_widget (root, is_named, name);

  g_assert_nonnull (found);
  return found;
}

/* The first visible toplevel window of @type (a dialog the code under
 * test opened by itself), or NULL; it belongs to GTK's list of
 * toplevels. */
GtkWindow *
ret_test_find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
