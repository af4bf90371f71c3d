/* test-map-render.c — the offline base map's tiles, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "ret-geo.h"
#include "ret-map-render.h"
#include "ret-tiles.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

/* The tile over El Paso and Ciudad Juárez at zoom 10 (test-geo works it
 * out by hand: 31.69, −106.42 is in tile 209, 416). */
#define JUAREZ_X    209
#define JUAREZ_Y    416
#define JUAREZ_ZOOM 10

/* Antialiasing blends a line's edge with what is under it; its middle
 * keeps its colour. */
#define LINE_TOLERANCE 0.08
#define FILL_TOLERANCE (2.0 / 255.0)

static RetGeo *
geo (void)
{
  RetGeo *self = ret_geo_get_default ();

  g_assert_nonnull (self);
  return self;
}

static void
pixel_color (cairo_surface_t *surface,
             int              x,
             int              y,
             double           rgb[3])
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&pixel, data + (gsize) y * stride + (gsize) x * 4, sizeof pixel);
  /* The tiles are opaque, so premultiplication changes nothing. */
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  rgb[0] = ((pixel >> 16) & 0xff) / 255.0;
  rgb[1] = ((pixel >> 8) & 0xff) / 255.0;
  rgb[2] = (pixel & 0xff) / 255.0;
}

static double
color_distance (const double    rgb[3],
                RetMapStyleItem item)
{
  double want[3];

  ret_map_render_get_color (item, &want[0], &want[1], &want[2]);
  return MAX (fabs (rgb[0] - want[0]), MAX (fabs (rgb[1] - want[1]), fabs (rgb[2] - want[2])));
}

/* The pixel nearest @item's colour among those around (@x, @y): a line
 * through a point covers that point's pixel or one next to it. */
static double
nearest_distance (cairo_surface_t *surface,
                  int              x,
                  int              y,
                  RetMapStyleItem  item)
{
  double best = G_MAXDOUBLE;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        double rgb[3];

        pixel_color (surface, x + dx, y + dy, rgb);
        best = MIN (best, color_distance (rgb, item));
      }

  return best;
}

static void
tile_pixel (double  lat,
            double  lon,
            guint   tile_x,
            guint   tile_y,
            guint   zoom,
            double *x,
            double *y)
{
  ret_tiles_latlon_to_world (lat, lon, zoom, 1.0, x, y);
  *x -= tile_x * (double) RET_TILE_SIZE;
  *y -= tile_y * (double) RET_TILE_SIZE;
}

typedef struct
{
  RetGeo *geo;
  double x, y;          /* the chosen border point, tile pixels */
  double clearance;     /* its distance to the nearest label anchor */
  GArray *anchors;      /* of double pairs: label anchors, tile pixels */
} BorderSearch;

static gboolean
collect_anchor_cb (const RetGeoFeature *feature,
                   guint                index,
                   gpointer             user_data)
{
  BorderSearch *search = user_data;
  guint n_points;
  const RetGeoPoint *p = ret_geo_feature_get_part (search->geo, feature, 0, &n_points);
  double xy[2];

  tile_pixel (p->lat * 1e-6, p->lon * 1e-6, JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, &xy[0], &xy[1]);
  g_array_append_vals (search->anchors, xy, 2);
  return TRUE;
}

/* Of the border's own points well inside the tile, the one furthest
 * from every label (a label's halo is drawn over the lines). */
static gboolean
find_border_point_cb (const RetGeoFeature *feature,
                      guint                index,
                      gpointer             user_data)
{
  BorderSearch *search = user_data;

  for (guint part = 0; part < feature->n_parts; part++)
    {
      guint n_points;
      const RetGeoPoint *points = ret_geo_feature_get_part (search->geo, feature, part, &n_points);

      for (guint i = 0; i < n_points; i++)
        {
          double x, y, clearance = G_MAXDOUBLE;

          tile_pixel (points[i].lat * 1e-6, points[i].lon * 1e-6,
                      JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, &x, &y);
          if (x < 16 || y < 16 || x > RET_TILE_SIZE - 16 || y > RET_TILE_SIZE - 16)
            continue;
          for (guint k = 0; k + 1 < search->anchors->len; k += 2)
            {
              double ax = g_array_index (search->anchors, double, k);
              double ay = g_array_index (search->anchors, double, k + 1);

              clearance = MIN (clearance, hypot (x - ax, y - ay));
            }
          if (clearance > search->clearance)
            {
              search->x = x;
              search->y = y;
              search->clearance = clearance;
            }
        }
    }

  return TRUE;
}

static void
find_border_point (double *x,
                   double *y)
{
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (double));
  BorderSearch search = { geo (), 0, 0, -1, anchors };
  RetLatLonBox box, wide;

  ret_tiles_tile_to_box (JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, &box);
  wide = box;
  wide.min_lat -= 1;
  wide.max_lat += 1;
  wide.min_lon -= 1;
  wide.max_lon += 1;
  for (RetGeoLayer layer = RET_GEO_LAYER_US_STATE_LABELS; layer <= RET_GEO_LAYER_CITIES; layer++)
    ret_geo_query_foreach (geo (), layer, RET_GEO_LOD_ANY, &wide, collect_anchor_cb, &search);
  ret_geo_query_foreach (geo (), RET_GEO_LAYER_BORDER_US_MX, ret_geo_lod_for_zoom (JUAREZ_ZOOM),
                         &box, find_border_point_cb, &search);

  /* Juárez's own label is on the river, but most of the border in the
   * tile is well away from it. */
  g_test_message ("border point at %.1f, %.1f, %.0f px from the nearest label",
                  search.x, search.y, search.clearance);
  g_assert_cmpfloat (search.clearance, >, 60);
  *x = search.x;
  *y = search.y;
}

/* The border is drawn where the data puts it, in its own colour, and
 * the land on both sides of it is land. */
static void
test_border_where_it_is (void)
{
  static const struct {
    const char *where;
    double lat, lon;
  } land[] = {
    /* South-west of the river, in Ciudad Juárez's outskirts. */
    { "Mexico", 31.68, -106.47 },
    /* North-east of it, in El Paso's. */
    { "United States", 31.91, -106.24 },
  };
  g_autoptr(cairo_surface_t) surface = NULL;
  double bx, by;

  find_border_point (&bx, &by);
  surface = ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, 1);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 256);
  g_assert_cmpfloat (nearest_distance (surface, (int) bx, (int) by, RET_MAP_STYLE_BORDER_US_MX),
                     <=, LINE_TOLERANCE);
  /* Not everything is that colour: a few pixels off the line is land. */
  g_assert_cmpfloat (nearest_distance (surface, (int) bx + 12, (int) by, RET_MAP_STYLE_BORDER_US_MX),
                     >, 0.3);

  for (gsize i = 0; i < G_N_ELEMENTS (land); i++)
    {
      double x, y, rgb[3];

      tile_pixel (land[i].lat, land[i].lon, JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, &x, &y);
      g_test_message ("%s at %.0f, %.0f", land[i].where, x, y);
      pixel_color (surface, (int) x, (int) y, rgb);
      g_assert_cmpfloat (color_distance (rgb, RET_MAP_STYLE_LAND), <=, FILL_TOLERANCE);
    }
}

/* At scale factor 2 the tile has twice the pixels, the border still
 * under the same point. */
static void
test_scale_factor_2 (void)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  double bx, by;

  find_border_point (&bx, &by);
  surface = ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, 2);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 512);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 512);
  g_assert_cmpfloat (nearest_distance (surface, (int) (bx * 2), (int) (by * 2),
                                       RET_MAP_STYLE_BORDER_US_MX),
                     <=, LINE_TOLERANCE);
}

/* Tiles with nothing but water on them: the middle of the Gulf of
 * Mexico, and the North Atlantic, outside the data altogether. */
static void
test_all_sea (void)
{
  static const struct {
    const char *where;
    double lat, lon;
    guint zoom;
  } cases[] = {
    { "Gulf of Mexico", 24.0, -92.0, 8 },
    { "outside the data", 50.0, -40.0, 6 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(cairo_surface_t) surface = NULL;
      guint tx, ty;

      g_test_message ("%s", cases[i].where);
      ret_tiles_latlon_to_tile (cases[i].lat, cases[i].lon, cases[i].zoom, &tx, &ty);
      surface = ret_map_render_tile_surface (geo (), tx, ty, cases[i].zoom, 1);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      for (int y = 0; y < RET_TILE_SIZE; y++)
        for (int x = 0; x < RET_TILE_SIZE; x++)
          {
            double rgb[3];

            pixel_color (surface, x, y, rgb);
            g_assert_cmpfloat (color_distance (rgb, RET_MAP_STYLE_SEA), <=, FILL_TOLERANCE);
          }
    }
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return height == cairo_image_surface_get_height (b) &&
         stride == cairo_image_surface_get_stride (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) stride * height) == 0;
}

/* The same tile twice is the same image, byte for byte: a tile cache
 * and a screenshot compared by eye both rely on it. */
static void
test_deterministic (void)
{
  g_autoptr(cairo_surface_t) first = NULL;
  g_autoptr(cairo_surface_t) second = NULL;

  first = ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, 2);
  second = ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y, JUAREZ_ZOOM, 2);
  g_assert_true (same_pixels (first, second));
}

/* The map source renders from several threads at once; every thread
 * gets the image one thread alone gets. */
static gpointer
render_thread (gpointer data)
{
  return ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y - 1, JUAREZ_ZOOM, 1);
}

static void
test_threads (void)
{
  g_autoptr(cairo_surface_t) alone = NULL;
  GThread *threads[4];

  alone = ret_map_render_tile_surface (geo (), JUAREZ_X, JUAREZ_Y - 1, JUAREZ_ZOOM, 1);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(cairo_surface_t) surface = g_thread_join (threads[i]);

      g_assert_true (same_pixels (alone, surface));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-render/border/where-it-is", test_border_where_it_is);
  g_test_add_func ("/map-render/border/scale-factor-2", test_scale_factor_2);
  g_test_add_func ("/map-render/sea/all-sea", test_all_sea);
  g_test_add_func ("/map-render/deterministic", test_deterministic);
  g_test_add_func ("/map-render/threads", test_threads);

  return g_test_run ();
}
