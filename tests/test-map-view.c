/* test-map-view.c — the Map page: offline tiles and the points on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ret-main-window.h"
#include "ret-map-source.h"
#include "ret-map-view.h"
#include "ret-test-gui-util.h"
#include "ret-test-util.h"

#define DEMO_PERSONS 60
#define DEMO_SEED    7

typedef struct
{
  RetStore   *store;
  GtkWidget  *window;
  RetMapView *view;
} Fixture;

static gboolean
is_map_view (GtkWidget     *widget,
             gconstpointer  data)
{
  return RET_IS_MAP_VIEW (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path ("map-view.db");
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_remove (path);
  fixture->store = ret_test_demo_store_new (path, DEMO_PERSONS, DEMO_SEED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->window = ret_test_show_window (GTK_WIDGET (ret_main_window_new (NULL, fixture->store, NULL)));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  ret_test_wait_frames (3);
  fixture->view = RET_MAP_VIEW (ret_test_find_widget (fixture->window, is_map_view, NULL));
  g_assert_nonnull (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  ret_test_destroy_window (&fixture->window);
  ret_test_wait_frames (1);
  g_assert_finalize_object (fixture->store);
}

/* The Map page is in the window's views and "win.show-view" opens it. */
static void
test_page (Fixture       *fixture,
           gconstpointer  user_data)
{
  gtk_widget_activate_action (fixture->window, "win.show-view", "s", "map");
  ret_test_wait_frames (3);

  g_assert_cmpstr (ret_main_window_get_visible_view (RET_MAIN_WINDOW (fixture->window)), ==, "map");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
}

/* Every stored point, and only those, is a marker where the point is. */
static void
test_markers (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = ret_store_list_points (fixture->store, &error);
  g_autoptr(GList) markers = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_cmpuint (points->len, >, 0);

  markers = shumate_marker_layer_get_markers (ret_map_view_get_point_layer (fixture->view));
  g_assert_cmpuint (g_list_length (markers), ==, points->len);

  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);
      gboolean found = FALSE;

      for (GList *l = markers; l != NULL; l = l->next)
        {
          ShumateLocation *location = SHUMATE_LOCATION (l->data);

          if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (l->data)), point->code) != 0)
            continue;
          g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (location), point->latitude, 1e-6);
          g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (location), point->longitude, 1e-6);
          g_assert_false (g_hash_table_contains (seen, point->code));
          g_hash_table_add (seen, point->code);
          found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
fill_tile_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* A tile on the border (El Paso / Ciudad Juárez at zoom 7) is drawn, at
 * both scale factors, with as many pixels as the screen shows. */
static void
test_fill_tile (void)
{
  static const guint scales[] = { 1, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(RetMapSource) source = ret_map_source_new ();
      g_autoptr(ShumateTile) tile = shumate_tile_new_full (27, 52, 256, 7);
      gboolean done = FALSE;
      GdkPaintable *paintable;

      g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (source)), ==, RET_MAP_SOURCE_ID);
      g_assert_cmpuint (shumate_map_source_get_min_zoom_level (SHUMATE_MAP_SOURCE (source)), ==, 3);
      g_assert_cmpuint (shumate_map_source_get_max_zoom_level (SHUMATE_MAP_SOURCE (source)), ==, 12);

      ret_map_source_set_scale_factor (source, scales[i]);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL,
                                          fill_tile_done_cb, &done);
      g_assert_true (ret_test_iterate_until (&done, 10000));

      g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
      paintable = shumate_tile_get_paintable (tile);
      g_assert_nonnull (paintable);
      g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 256 * scales[i]);
      g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 256 * scales[i]);
    }
}

static void
fill_tile_cancelled_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

/* A tile scrolled away before it is drawn is not drawn nor marked done. */
static void
test_fill_tile_cancelled (void)
{
  g_autoptr(RetMapSource) source = ret_map_source_new ();
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (27, 52, 256, 7);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_cancellable_cancel (cancellable);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable,
                                      fill_tile_cancelled_cb, &done);
  g_assert_true (ret_test_iterate_until (&done, 10000));

  g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
  g_assert_null (shumate_tile_get_paintable (tile));
}

/* With RET_TEST_MAP_SNAPSHOTS set to a folder, saves the Map page at
 * zoom 4, 7 and 11 there, to look at. */
static void
test_snapshots (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct
  {
    const char *name;
    double      latitude;
    double      longitude;
    double      zoom;
  } views[] = {
    { "map-zoom4", 27.0, -104.0, 4 },
    { "map-zoom7", 31.0, -108.0, 7 },
    { "map-zoom11", 32.52, -117.02, 11 },
  };
  const char *dir = g_getenv ("RET_TEST_MAP_SNAPSHOTS");

  if (dir == NULL)
    {
      g_test_skip ("RET_TEST_MAP_SNAPSHOTS is not set");
      return;
    }

  gtk_widget_activate_action (fixture->window, "win.show-view", "s", "map");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (fixture->window);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *file = g_strdup_printf ("%s/%s.png", dir, views[i].name);
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
      int width = gtk_widget_get_width (fixture->window);
      int height = gtk_widget_get_height (fixture->window);

      ret_map_view_go_to (fixture->view, views[i].latitude, views[i].longitude, views[i].zoom);
      ret_test_settle (1500);
      ret_test_wait_frames (5);

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_assert_true (gdk_texture_save_to_png (texture, file));
    }
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add_func ("/map-view/fill-tile", test_fill_tile);
  g_test_add_func ("/map-view/fill-tile-cancelled", test_fill_tile_cancelled);
  g_test_add ("/map-view/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/map-view/markers", Fixture, NULL, fixture_set_up, test_markers, fixture_tear_down);
  g_test_add ("/map-view/snapshots", Fixture, NULL, fixture_set_up, test_snapshots, fixture_tear_down);

  return g_test_run ();
}
