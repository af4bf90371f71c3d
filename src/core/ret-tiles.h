/* ret-tiles.h — Web Mercator tile arithmetic and distances on the Earth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Tiles are RET_TILE_SIZE logical pixels square, as in OpenStreetMap and
 * libshumate; at a scale factor of 2 they are drawn with twice as many
 * device pixels.  Web Mercator (EPSG:3857) cannot show the poles: it
 * stops at the latitude where the world becomes a square. */
#define RET_TILE_SIZE 256
#define RET_TILES_MAX_LATITUDE 85.05112877980659

/* Average radius of the Earth (IUGG mean radius R1), in km. */
#define RET_EARTH_RADIUS_KM 6371.0088

/*
 * RET_ROAD_CIRCUITY_FACTOR:
 *
 * How much longer a road journey is than the great circle between its
 * ends.  A sample value, not measured on Mexico's roads: studies of
 * national road networks report averages between about 1.2 and 1.4
 * (e.g. Ballou, Rahardja & Sakai, "Selected country circuity factors for
 * road travel distance estimation", Transportation Research Part A 36,
 * 2002).  Any distance computed with it is shown as an estimate.
 */
#define RET_ROAD_CIRCUITY_FACTOR 1.3

/**
 * RetLatLonBox:
 *
 * A box of latitudes and longitudes in degrees, edges included.  It never
 * crosses the antimeridian (min_lon <= max_lon): the map covers Mexico.
 */
typedef struct
{
  double min_lat;
  double min_lon;
  double max_lat;
  double max_lon;
} RetLatLonBox;

double   ret_tiles_world_size          (guint         zoom,
                                        double        scale_factor);
void     ret_tiles_latlon_to_world     (double        lat,
                                        double        lon,
                                        guint         zoom,
                                        double        scale_factor,
                                        double       *x,
                                        double       *y);
void     ret_tiles_world_to_latlon     (double        x,
                                        double        y,
                                        guint         zoom,
                                        double        scale_factor,
                                        double       *lat,
                                        double       *lon);
void     ret_tiles_latlon_to_tile      (double        lat,
                                        double        lon,
                                        guint         zoom,
                                        guint        *tile_x,
                                        guint        *tile_y);
void     ret_tiles_tile_to_box         (guint         tile_x,
                                        guint         tile_y,
                                        guint         zoom,
                                        RetLatLonBox *box);

gboolean ret_lat_lon_box_intersects    (const RetLatLonBox *a,
                                        const RetLatLonBox *b);

double   ret_great_circle_km           (double        lat1,
                                        double        lon1,
                                        double        lat2,
                                        double        lon2);
double   ret_estimated_road_km         (double        lat1,
                                        double        lon1,
                                        double        lat2,
                                        double        lon2);

G_END_DECLS
