/* bench-map.c — rendering the offline base map's tiles along the border
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map source renders every tile it shows with ret_map_render_tile
 * on a worker thread; panning at zoom 10 brings in a few tiles a frame,
 * so one tile must take a few milliseconds.  Renders every tile of
 * zooms 5 to 10 near the US–Mexico border, at scale factors 1 and 2,
 * and prints the median time of a tile.  A benchmark reports: a missed
 * target is printed, not failed; only a run that could not measure
 * fails.
 */

#include "config.h"

#include <stdlib.h>

#include "ret-geo.h"
#include "ret-map-render.h"
#include "ret-tiles.h"

#define MIN_ZOOM  5
#define MAX_ZOOM  10
#define BAND_DEG  1.5
#define TARGET_MS 5.0

typedef struct
{
  guint zoom, x, y;
  gboolean on_border;  /* touches a piece's own box, not only the band */
} Tile;

typedef struct
{
  GHashTable *seen;
  GArray *tiles;
  guint zoom;
} Sweep;

static void
add_tiles (Sweep               *sweep,
           const RetGeoFeature *feature)
{
  guint x0, y0, x1, y1, bx0, by0, bx1, by1;

  /* North-west and south-east corners of the piece's box widened by
   * the band: tile rows grow southwards. */
  ret_tiles_latlon_to_tile (feature->box.max_lat + BAND_DEG, feature->box.min_lon - BAND_DEG,
                            sweep->zoom, &x0, &y0);
  ret_tiles_latlon_to_tile (feature->box.min_lat - BAND_DEG, feature->box.max_lon + BAND_DEG,
                            sweep->zoom, &x1, &y1);
  ret_tiles_latlon_to_tile (feature->box.max_lat, feature->box.min_lon, sweep->zoom, &bx0, &by0);
  ret_tiles_latlon_to_tile (feature->box.min_lat, feature->box.max_lon, sweep->zoom, &bx1, &by1);
  for (guint y = y0; y <= y1; y++)
    for (guint x = x0; x <= x1; x++)
      {
        g_autofree char *key = g_strdup_printf ("%u/%u/%u", sweep->zoom, x, y);
        gboolean on_border = x >= bx0 && x <= bx1 && y >= by0 && y <= by1;
        gpointer value;

        if (g_hash_table_lookup_extended (sweep->seen, key, NULL, &value))
          {
            g_array_index (sweep->tiles, Tile, GPOINTER_TO_UINT (value)).on_border |= on_border;
          }
        else
          {
            Tile tile = { sweep->zoom, x, y, on_border };

            g_hash_table_insert (sweep->seen, g_steal_pointer (&key),
                                 GUINT_TO_POINTER (sweep->tiles->len));
            g_array_append_val (sweep->tiles, tile);
          }
      }
}

/* Every tile of zooms MIN_ZOOM..MAX_ZOOM whose box touches the box of a
 * piece of the border widened by BAND_DEG on every side, in the order
 * the index gives them (the same on every run). */
static GArray *
border_tiles (RetGeo *geo)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *tiles = g_array_new (FALSE, FALSE, sizeof (Tile));
  RetLatLonBox everywhere = { -90, -180, 90, 180 };

  for (guint zoom = MIN_ZOOM; zoom <= MAX_ZOOM; zoom++)
    {
      g_autoptr(GArray) pieces = ret_geo_query (geo, RET_GEO_LAYER_BORDER_US_MX,
                                                ret_geo_lod_for_zoom (zoom), &everywhere);
      Sweep sweep = { seen, tiles, zoom };

      for (guint i = 0; i < pieces->len; i++)
        add_tiles (&sweep, ret_geo_get_feature (geo, g_array_index (pieces, guint, i)));
    }

  return tiles;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Renders every tile once; returns the sorted times in ms, or NULL if
 * a tile could not be drawn.  @border_times gets those of the tiles on
 * the border's own boxes, the busiest ones. */
static GArray *
run (RetGeo       *geo,
     const GArray *tiles,
     double        scale_factor,
     GArray       *border_times)
{
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), tiles->len);

  for (guint i = 0; i < tiles->len; i++)
    {
      const Tile *tile = &g_array_index (tiles, Tile, i);
      cairo_surface_t *surface;
      gint64 start, end;
      double ms;
      cairo_status_t status;

      start = g_get_monotonic_time ();
      surface = ret_map_render_tile_surface (geo, tile->x, tile->y, tile->zoom, scale_factor);
      end = g_get_monotonic_time ();
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_printerr ("# tile %u/%u/%u: %s\n", tile->zoom, tile->x, tile->y,
                      cairo_status_to_string (status));
          return NULL;
        }
      ms = (end - start) / 1000.0;
      g_array_append_val (times, ms);
      if (tile->on_border)
        g_array_append_val (border_times, ms);
    }
  g_array_sort (times, compare_double);
  g_array_sort (border_times, compare_double);

  return g_steal_pointer (&times);
}

static double
percentile (const GArray *sorted,
            double        fraction)
{
  guint i = (guint) (fraction * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, i);
}

int
main (int   argc,
      char *argv[])
{
  RetGeo *geo = ret_geo_get_default ();
  g_autoptr(GArray) tiles = NULL;
  static const struct {
    const char *name;
    double scale_factor;
  } figures[] = {
    { "map-tile-render", 1 },
    { "map-tile-render-2x", 2 },
  };

  if (geo == NULL)
    return EXIT_FAILURE;

  tiles = border_tiles (geo);
  if (tiles->len == 0)
    {
      g_printerr ("# no border tiles\n");
      return EXIT_FAILURE;
    }
  for (guint zoom = MIN_ZOOM; zoom <= MAX_ZOOM; zoom++)
    {
      guint n = 0;

      for (guint i = 0; i < tiles->len; i++)
        n += g_array_index (tiles, Tile, i).zoom == zoom;
      g_printerr ("# zoom %u: %u tiles\n", zoom, n);
    }

  /* Not timed: the first label loads the fonts, once per process. */
  cairo_surface_destroy (ret_map_render_tile_surface (geo, 209, 416, 10, 1));

  for (gsize f = 0; f < G_N_ELEMENTS (figures); f++)
    {
      g_autoptr(GArray) border_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) times = run (geo, tiles, figures[f].scale_factor, border_times);

      if (times == NULL || border_times->len == 0)
        return EXIT_FAILURE;
      g_print ("bench %s: %.2f ms (target <= %g ms)\n",
               figures[f].name, percentile (times, 0.5), TARGET_MS);
      g_printerr ("# %s: %u tiles, median %.2f ms, p95 %.2f ms, max %.2f ms\n",
                  figures[f].name, times->len, percentile (times, 0.5),
                  percentile (times, 0.95), g_array_index (times, double, times->len - 1));
      g_printerr ("# %s, the %u tiles on the border itself: median %.2f ms, p95 %.2f ms\n",
                  figures[f].name, border_times->len, percentile (border_times, 0.5),
                  percentile (border_times, 0.95));
    }

  return EXIT_SUCCESS;
}
