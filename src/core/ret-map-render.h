/* ret-map-render.h — draws the offline base map's tiles with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ret-geo.h"

G_BEGIN_DECLS

/**
 * RetMapStyleItem:
 * @RET_MAP_STYLE_SEA: the background (and everything outside the data)
 * @RET_MAP_STYLE_LAND: land fill
 * @RET_MAP_STYLE_COASTLINE: the outline of the land
 * @RET_MAP_STYLE_US_STATE_LINES: borders between US states
 * @RET_MAP_STYLE_COUNTRY_BORDERS: international borders other than the
 *   US–Mexico one
 * @RET_MAP_STYLE_BORDER_US_MX: the US–Mexico border
 * @RET_MAP_STYLE_STATE_LABEL: US and Mexican state names
 * @RET_MAP_STYLE_CITY_LABEL: city names and their dots
 * @RET_MAP_STYLE_HALO: the light outline around every label
 *
 * The parts of the map that have a colour of their own, for
 * ret_map_render_get_color() (tests, legends).
 */
typedef enum
{
  RET_MAP_STYLE_SEA,
  RET_MAP_STYLE_LAND,
  RET_MAP_STYLE_COASTLINE,
  RET_MAP_STYLE_US_STATE_LINES,
  RET_MAP_STYLE_COUNTRY_BORDERS,
  RET_MAP_STYLE_BORDER_US_MX,
  RET_MAP_STYLE_STATE_LABEL,
  RET_MAP_STYLE_CITY_LABEL,
  RET_MAP_STYLE_HALO,
  RET_MAP_N_STYLES,
} RetMapStyleItem;

void             ret_map_render_get_color    (RetMapStyleItem  item,
                                              double          *red,
                                              double          *green,
                                              double          *blue);

void             ret_map_render_tile         (RetGeo          *geo,
                                              guint            x,
                                              guint            y,
                                              guint            zoom,
                                              double           scale_factor,
                                              cairo_t         *cr);
cairo_surface_t *ret_map_render_tile_surface (RetGeo          *geo,
                                              guint            x,
                                              guint            y,
                                              guint            zoom,
                                              double           scale_factor);

G_END_DECLS
