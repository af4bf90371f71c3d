/* ret-geo.h — the offline base map's geodata and its spatial index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ret-tiles.h"

G_BEGIN_DECLS

#define RET_GEO_ERROR (ret_geo_error_quark ())

/**
 * RetGeoError:
 * @RET_GEO_ERROR_DATA: the data is not a geodata file, or it is damaged
 *   (truncated, counts beyond its end, indices out of range)
 * @RET_GEO_ERROR_VERSION: a geodata file of a format version this
 *   program does not read
 */
typedef enum
{
  RET_GEO_ERROR_DATA,
  RET_GEO_ERROR_VERSION,
} RetGeoError;

/**
 * RetGeoLayer:
 * @RET_GEO_LAYER_LAND: land polygons (fill; each part is a ring, fill
 *   even-odd), cut into grid cells so a tile fills only what it shows.
 *   Append every piece a tile finds to one path and fill it once:
 *   filling the pieces one by one leaves antialiased seams between them
 * @RET_GEO_LAYER_COASTLINE: the outline of the land, as lines
 * @RET_GEO_LAYER_BORDER_US_MX: the US–Mexico international border, lines
 * @RET_GEO_LAYER_COUNTRY_BORDERS: the other international borders in
 *   the area (Mexico–Guatemala, Mexico–Belize, …), lines
 * @RET_GEO_LAYER_US_STATE_LINES: borders between US states, lines
 * @RET_GEO_LAYER_US_STATE_LABELS: one point per US state with its name
 * @RET_GEO_LAYER_MX_STATE_LABELS: one point per Mexican state with its
 *   name (there are no Mexican state polygons in the data)
 * @RET_GEO_LAYER_CITIES: cities with their names and the zoom from which
 *   they are shown
 *
 * The numbers are those stored in the file; never renumber them.
 */
typedef enum
{
  RET_GEO_LAYER_LAND,
  RET_GEO_LAYER_COASTLINE,
  RET_GEO_LAYER_BORDER_US_MX,
  RET_GEO_LAYER_COUNTRY_BORDERS,
  RET_GEO_LAYER_US_STATE_LINES,
  RET_GEO_LAYER_US_STATE_LABELS,
  RET_GEO_LAYER_MX_STATE_LABELS,
  RET_GEO_LAYER_CITIES,
  RET_GEO_N_LAYERS,
} RetGeoLayer;

/* Levels of detail 0 (zoom ≤ 5), 1 (zoom 6–8) and 2 (zoom ≥ 9).  Point
 * layers have one feature per place, with lod RET_GEO_LOD_ANY, returned
 * whatever level is asked for. */
#define RET_GEO_N_LODS  3
#define RET_GEO_LOD_ANY 255

/**
 * RetGeoPoint:
 * @lon, @lat: in micro-degrees (degrees × 10⁶)
 */
typedef struct
{
  gint32 lon;
  gint32 lat;
} RetGeoPoint;

/**
 * RetGeoFeature:
 * @layer: the layer it belongs to
 * @lod: its level of detail, or %RET_GEO_LOD_ANY
 * @min_zoom: for labels and cities, the lowest zoom they are shown at;
 *   0 for lines and polygons
 * @box: the smallest box holding all its points
 * @name: (nullable): the label of a point feature
 * @n_parts: the number of rings (land) or lines or points (labels: 1)
 *
 * Owned by the #RetGeo; valid as long as it is.
 */
typedef struct
{
  RetGeoLayer   layer;
  guint         lod;
  guint         min_zoom;
  RetLatLonBox  box;
  const char   *name;
  guint         n_parts;

  /*< private >*/
  guint         first_part;
} RetGeoFeature;

/* Called for each feature a query finds; return FALSE to stop. */
typedef gboolean (*RetGeoFunc) (const RetGeoFeature *feature,
                                guint                index,
                                gpointer             user_data);

typedef struct _RetGeo RetGeo;

GQuark               ret_geo_error_quark       (void);

RetGeo              *ret_geo_get_default       (void);
RetGeo              *ret_geo_new_from_bytes    (GBytes               *data,
                                                GError              **error);
RetGeo              *ret_geo_new_from_file     (const char           *path,
                                                GError              **error);
RetGeo              *ret_geo_ref               (RetGeo               *self);
void                 ret_geo_unref             (RetGeo               *self);

guint                ret_geo_lod_for_zoom      (guint                 zoom);

guint                ret_geo_get_n_features    (RetGeo               *self);
const RetGeoFeature *ret_geo_get_feature       (RetGeo               *self,
                                                guint                 index);
const RetGeoPoint   *ret_geo_feature_get_part  (RetGeo               *self,
                                                const RetGeoFeature  *feature,
                                                guint                 part,
                                                guint                *n_points);

void                 ret_geo_query_foreach     (RetGeo               *self,
                                                RetGeoLayer           layer,
                                                guint                 lod,
                                                const RetLatLonBox   *box,
                                                RetGeoFunc            func,
                                                gpointer              user_data);
GArray              *ret_geo_query             (RetGeo               *self,
                                                RetGeoLayer           layer,
                                                guint                 lod,
                                                const RetLatLonBox   *box);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetGeo, ret_geo_unref)

G_END_DECLS
