/* ret-tiles.c — Web Mercator tile arithmetic and distances on the Earth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same projection as OpenStreetMap and libshumate (EPSG:3857, the
 * "slippy map" scheme): at zoom z the world is a square of
 * 256 · 2^z logical pixels, x growing east from longitude −180 and y
 * growing south from latitude +85.0511.  Tile (x, y) covers the world
 * pixels [256·x, 256·(x+1)) × [256·y, 256·(y+1)).
 */

#define G_LOG_DOMAIN "ret-tiles"

#include "config.h"

#include <math.h>

#include "ret-tiles.h"

static double
clamp_latitude (double lat)
{
  return CLAMP (lat, -RET_TILES_MAX_LATITUDE, RET_TILES_MAX_LATITUDE);
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

/*
 * ret_tiles_world_size:
 *
 * Returns: the width (and height) of the whole world at @zoom, in pixels
 *   of @scale_factor (device pixels when it is the widget's scale factor)
 */
double
ret_tiles_world_size (guint  zoom,
                      double scale_factor)
{
  return RET_TILE_SIZE * scale_factor * ldexp (1.0, (int) zoom);
}

/*
 * ret_tiles_latlon_to_world:
 *
 * Projects a point to world pixels at @zoom.  Latitudes beyond
 * ±85.0511° are clamped to the edge of the map rather than sent to
 * infinity.
 */
void
ret_tiles_latlon_to_world (double  lat,
                           double  lon,
                           guint   zoom,
                           double  scale_factor,
                           double *x,
                           double *y)
{
  double size, phi;

  g_return_if_fail (x != NULL && y != NULL);

  size = ret_tiles_world_size (zoom, scale_factor);
  phi = radians (clamp_latitude (lat));
  *x = (lon + 180.0) / 360.0 * size;
  *y = (1.0 - asinh (tan (phi)) / G_PI) / 2.0 * size;
}

void
ret_tiles_world_to_latlon (double  x,
                           double  y,
                           guint   zoom,
                           double  scale_factor,
                           double *lat,
                           double *lon)
{
  double size;

  g_return_if_fail (lat != NULL && lon != NULL);

  size = ret_tiles_world_size (zoom, scale_factor);
  *lon = x / size * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y / size))) * 180.0 / G_PI;
  *lat = clamp_latitude (*lat);
}

/*
 * ret_tiles_latlon_to_tile:
 *
 * The tile that contains the point at @zoom.  A point exactly on a tile
 * edge belongs to the tile east or south of it; the east and south edges
 * of the world belong to the last tile.
 */
void
ret_tiles_latlon_to_tile (double  lat,
                          double  lon,
                          guint   zoom,
                          guint  *tile_x,
                          guint  *tile_y)
{
  double x, y;
  double n = ldexp (1.0, (int) zoom);

  g_return_if_fail (tile_x != NULL && tile_y != NULL);

  ret_tiles_latlon_to_world (lat, lon, zoom, 1.0, &x, &y);
  *tile_x = (guint) CLAMP (floor (x / RET_TILE_SIZE), 0, n - 1);
  *tile_y = (guint) CLAMP (floor (y / RET_TILE_SIZE), 0, n - 1);
}

/*
 * ret_tiles_tile_to_box:
 *
 * The latitudes and longitudes a tile covers, its edges included.
 */
void
ret_tiles_tile_to_box (guint         tile_x,
                       guint         tile_y,
                       guint         zoom,
                       RetLatLonBox *box)
{
  g_return_if_fail (box != NULL);

  ret_tiles_world_to_latlon ((double) tile_x * RET_TILE_SIZE,
                             (double) (tile_y + 1) * RET_TILE_SIZE,
                             zoom, 1.0, &box->min_lat, &box->min_lon);
  ret_tiles_world_to_latlon ((double) (tile_x + 1) * RET_TILE_SIZE,
                             (double) tile_y * RET_TILE_SIZE,
                             zoom, 1.0, &box->max_lat, &box->max_lon);
}

gboolean
ret_lat_lon_box_intersects (const RetLatLonBox *a,
                            const RetLatLonBox *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->min_lat <= b->max_lat && b->min_lat <= a->max_lat &&
         a->min_lon <= b->max_lon && b->min_lon <= a->max_lon;
}

/*
 * ret_great_circle_km:
 *
 * The distance between two points over a spherical Earth of mean radius
 * (haversine formula, which stays accurate for short distances).  Within
 * about 0.5 % of the distance on the WGS 84 ellipsoid.
 */
double
ret_great_circle_km (double lat1,
                     double lon1,
                     double lat2,
                     double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * RET_EARTH_RADIUS_KM * atan2 (sqrt (a), sqrt (MAX (0.0, 1 - a)));
}

/*
 * ret_estimated_road_km:
 *
 * The great-circle distance times %RET_ROAD_CIRCUITY_FACTOR: what a leg
 * drawn as a straight line is labelled with when no road geometry is
 * known.  Always an estimate, and to be shown as one.
 */
double
ret_estimated_road_km (double lat1,
                       double lon1,
                       double lat2,
                       double lon2)
{
  return ret_great_circle_km (lat1, lon1, lat2, lon2) * RET_ROAD_CIRCUITY_FACTOR;
}
