/* test-geo.c — the base map's geodata, its index and the tile arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "ret-core.h"
#include "ret-geo.h"
#include "ret-tiles.h"

static RetGeo *
geo (void)
{
  RetGeo *self = ret_geo_get_default ();

  g_assert_nonnull (self);
  return self;
}

/* ---------------------------------------------------------------------- */

/* Expected tiles worked out by hand with the slippy-map formulas
 * x = ⌊(lon + 180) / 360 · 2^z⌋,
 * y = ⌊(1 − ln(tan φ + sec φ) / π) / 2 · 2^z⌋:
 * - lat 0, lon 0 at z 1: x = 1.0, y = 1.0 exactly, on the corner of the
 *   four tiles; the point belongs to the tile south-east of it, (1, 1).
 * - Ciudad Juárez, 31.69, −106.42 at z 10: x = 73.58 / 360 · 1024 =
 *   209.29; tan φ + sec φ = 0.61724 + 1.17521 = 1.79245, ln = 0.58360,
 *   / π = 0.18577, (1 − 0.18577) / 2 · 1024 = 416.88 → (209, 416).
 * - Mexico City, 19.4326, −99.1332 at z 12: x = 920.08, y = 1822.54.
 * - Tijuana, 32.5149, −117.0382 at z 5: x = 5.60, y = 12.96 → (5, 12). */
static void
test_tiles_known (void)
{
  static const struct {
    double lat, lon;
    guint zoom, x, y;
  } cases[] = {
    { 0.0, 0.0, 1, 1, 1 },
    { 31.69, -106.42, 10, 209, 416 },
    { 19.4326, -99.1332, 12, 920, 1822 },
    { 32.5149, -117.0382, 5, 5, 12 },
    { 85.0511, -180.0, 0, 0, 0 },
    { -85.0511, 180.0, 3, 7, 7 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint x, y;

      ret_tiles_latlon_to_tile (cases[i].lat, cases[i].lon, cases[i].zoom, &x, &y);
      g_assert_cmpuint (x, ==, cases[i].x);
      g_assert_cmpuint (y, ==, cases[i].y);
    }
}

/* A point goes to world pixels and back unchanged, lies in the box of
 * its own tile, and the centre of every tile's box is in that tile. */
static void
test_tiles_round_trip (void)
{
  for (guint zoom = 3; zoom <= 12; zoom++)
    for (double lat = 12.0; lat <= 38.0; lat += 1.3)
      for (double lon = -122.0; lon <= -84.0; lon += 1.7)
        {
          double x, y, lat2, lon2, x2, y2;
          guint tx, ty, tx2, ty2;
          RetLatLonBox box;

          ret_tiles_latlon_to_world (lat, lon, zoom, 1.0, &x, &y);
          ret_tiles_world_to_latlon (x, y, zoom, 1.0, &lat2, &lon2);
          g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
          g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);

          /* Scale factor 2: the same place, twice as many pixels. */
          ret_tiles_latlon_to_world (lat, lon, zoom, 2.0, &x2, &y2);
          g_assert_cmpfloat_with_epsilon (x2, 2 * x, 1e-6);
          g_assert_cmpfloat_with_epsilon (y2, 2 * y, 1e-6);

          ret_tiles_latlon_to_tile (lat, lon, zoom, &tx, &ty);
          g_assert_cmpuint (tx, ==, (guint) floor (x / RET_TILE_SIZE));
          g_assert_cmpuint (ty, ==, (guint) floor (y / RET_TILE_SIZE));
          ret_tiles_tile_to_box (tx, ty, zoom, &box);
          g_assert_cmpfloat (box.min_lat, <=, lat);
          g_assert_cmpfloat (lat, <=, box.max_lat);
          g_assert_cmpfloat (box.min_lon, <=, lon);
          g_assert_cmpfloat (lon, <=, box.max_lon);

          ret_tiles_latlon_to_tile ((box.min_lat + box.max_lat) / 2,
                                    (box.min_lon + box.max_lon) / 2, zoom, &tx2, &ty2);
          g_assert_cmpuint (tx2, ==, tx);
          g_assert_cmpuint (ty2, ==, ty);
        }
}

/* Beyond ±85.0511° the map has an edge, not infinity. */
static void
test_tiles_clamp (void)
{
  double x, y, lat, lon;
  RetLatLonBox box;

  ret_tiles_latlon_to_world (89.9, 10.0, 4, 1.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-6);
  ret_tiles_latlon_to_world (-90.0, 10.0, 4, 1.0, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, ret_tiles_world_size (4, 1.0), 1e-6);
  g_assert_true (isfinite (y));

  ret_tiles_world_to_latlon (0, -500.0, 4, 1.0, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, RET_TILES_MAX_LATITUDE, 1e-9);

  ret_tiles_tile_to_box (0, 0, 0, &box);
  g_assert_cmpfloat_with_epsilon (box.max_lat, RET_TILES_MAX_LATITUDE, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.min_lat, -RET_TILES_MAX_LATITUDE, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.min_lon, -180.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (box.max_lon, 180.0, 1e-9);
}

/* Tijuana (32.5149, −117.0382) to Mexico City (19.4326, −99.1332):
 * 2,299.25 km on the WGS 84 ellipsoid (Vincenty's inverse formula,
 * computed separately). */
static void
test_distance (void)
{
  double km = ret_great_circle_km (32.5149, -117.0382, 19.4326, -99.1332);
  double road = ret_estimated_road_km (32.5149, -117.0382, 19.4326, -99.1332);

  g_assert_cmpfloat (fabs (km - 2299.25) / 2299.25, <, 0.01);
  g_assert_cmpfloat_with_epsilon (road, km * RET_ROAD_CIRCUITY_FACTOR, 1e-9);
  g_assert_cmpfloat (road, >, km);

  g_assert_cmpfloat_with_epsilon (ret_great_circle_km (25.0, -100.0, 25.0, -100.0), 0.0, 1e-12);
  /* A degree of latitude is about 111.2 km. */
  g_assert_cmpfloat_with_epsilon (ret_great_circle_km (20.0, -100.0, 21.0, -100.0), 111.195, 0.01);
}

/* ---------------------------------------------------------------------- */

static const char * const layer_names[] = {
  "land", "coastline", "US–Mexico border", "other borders", "US state lines",
  "US state labels", "Mexican state labels", "cities",
};
G_STATIC_ASSERT (G_N_ELEMENTS (layer_names) == RET_GEO_N_LAYERS);

/* Every layer has data, and the line and polygon layers have it at
 * every level of detail, coarser at the lower levels. */
static void
test_data_layers (void)
{
  RetGeo *self = geo ();
  guint count[RET_GEO_N_LAYERS][RET_GEO_N_LODS + 1] = { { 0 } };
  guint points[RET_GEO_N_LODS] = { 0 };

  for (guint i = 0; i < ret_geo_get_n_features (self); i++)
    {
      const RetGeoFeature *f = ret_geo_get_feature (self, i);
      guint lod = f->lod == RET_GEO_LOD_ANY ? RET_GEO_N_LODS : f->lod;

      count[f->layer][lod]++;
      if (f->layer == RET_GEO_LAYER_COASTLINE)
        for (guint p = 0; p < f->n_parts; p++)
          {
            guint n;

            ret_geo_feature_get_part (self, f, p, &n);
            points[f->lod] += n;
          }
    }

  for (guint layer = RET_GEO_LAYER_LAND; layer <= RET_GEO_LAYER_US_STATE_LINES; layer++)
    for (guint lod = 0; lod < RET_GEO_N_LODS; lod++)
      {
        g_test_message ("%s, level %u: %u features", layer_names[layer], lod, count[layer][lod]);
        g_assert_cmpuint (count[layer][lod], >, 0);
      }

  g_assert_cmpuint (points[0], <, points[1]);
  g_assert_cmpuint (points[1], <, points[2]);

  g_assert_cmpuint (count[RET_GEO_LAYER_MX_STATE_LABELS][RET_GEO_N_LODS], ==, 32);
  g_assert_cmpuint (count[RET_GEO_LAYER_US_STATE_LABELS][RET_GEO_N_LODS], >=, 4);
  g_assert_cmpuint (count[RET_GEO_LAYER_CITIES][RET_GEO_N_LODS], >=, 32);

  g_assert_cmpuint (ret_geo_lod_for_zoom (3), ==, 0);
  g_assert_cmpuint (ret_geo_lod_for_zoom (7), ==, 1);
  g_assert_cmpuint (ret_geo_lod_for_zoom (12), ==, 2);
}

static const RetGeoFeature *
find_named (RetGeoLayer  layer,
            const char  *name)
{
  RetGeo *self = geo ();

  for (guint i = 0; i < ret_geo_get_n_features (self); i++)
    {
      const RetGeoFeature *f = ret_geo_get_feature (self, i);

      if (f->layer == layer && g_strcmp0 (f->name, name) == 0)
        return f;
    }
  return NULL;
}

/* Labels sit where the places are. */
static void
test_data_labels (void)
{
  static const struct {
    RetGeoLayer layer;
    const char *name;
    double lat, lon, within;
    guint max_min_zoom;
  } cases[] = {
    { RET_GEO_LAYER_CITIES, "Ciudad de México", 19.43, -99.13, 0.2, 3 },
    { RET_GEO_LAYER_CITIES, "Tijuana", 32.52, -117.03, 0.2, 4 },
    { RET_GEO_LAYER_CITIES, "Nuevo Laredo", 27.48, -99.51, 0.2, 6 },
    { RET_GEO_LAYER_CITIES, "Hermosillo", 29.07, -110.96, 0.2, 5 },
    /* State labels near the middle of the state, not at its capital. */
    { RET_GEO_LAYER_MX_STATE_LABELS, "Chihuahua", 28.8, -106.5, 2.0, 5 },
    { RET_GEO_LAYER_MX_STATE_LABELS, "Yucatán", 20.8, -89.0, 1.5, 5 },
    { RET_GEO_LAYER_US_STATE_LABELS, "Texas", 31.2, -99.3, 1.5, 5 },
    { RET_GEO_LAYER_US_STATE_LABELS, "Arizona", 34.2, -111.6, 1.5, 5 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RetGeoFeature *f = find_named (cases[i].layer, cases[i].name);
      const RetGeoPoint *pt;
      guint n;

      g_test_message ("%s", cases[i].name);
      g_assert_nonnull (f);
      pt = ret_geo_feature_get_part (geo (), f, 0, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpfloat_with_epsilon (pt->lat / 1e6, cases[i].lat, cases[i].within);
      g_assert_cmpfloat_with_epsilon (pt->lon / 1e6, cases[i].lon, cases[i].within);
      g_assert_cmpuint (f->min_zoom, <=, cases[i].max_min_zoom);
    }
}

/* ---------------------------------------------------------------------- */

static GArray *
brute_force (RetGeo             *self,
             RetGeoLayer         layer,
             guint               lod,
             const RetLatLonBox *box)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ret_geo_get_n_features (self); i++)
    {
      const RetGeoFeature *f = ret_geo_get_feature (self, i);

      if (f->layer == layer && (f->lod == lod || f->lod == RET_GEO_LOD_ANY) &&
          ret_lat_lon_box_intersects (&f->box, box))
        g_array_append_val (found, i);
    }
  return found;
}

static void
assert_same (GArray *a,
             GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (g_array_index (a, guint, i), ==, g_array_index (b, guint, i));
}

/* Every tile along the border, zoom 5 to 10: the index finds exactly the
 * features a scan of all of them finds — none missing, none extra, none
 * twice. */
static void
test_index_exact (void)
{
  RetGeo *self = geo ();
  guint n_tiles = 0, n_found = 0;

  for (guint zoom = 5; zoom <= 10; zoom++)
    {
      guint x0, y0, x1, y1;
      guint lod = ret_geo_lod_for_zoom (zoom);

      /* From the Pacific to the Gulf, San Diego to Brownsville. */
      ret_tiles_latlon_to_tile (33.5, -118.0, zoom, &x0, &y0);
      ret_tiles_latlon_to_tile (25.0, -96.5, zoom, &x1, &y1);

      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          {
            RetLatLonBox box;

            ret_tiles_tile_to_box (x, y, zoom, &box);
            n_tiles++;
            for (guint layer = 0; layer < RET_GEO_N_LAYERS; layer++)
              {
                g_autoptr(GArray) got = ret_geo_query (self, layer, lod, &box);
                g_autoptr(GArray) want = brute_force (self, layer, lod, &box);

                assert_same (got, want);
                n_found += got->len;
              }
          }
    }

  g_test_message ("%u tiles, %u features found", n_tiles, n_found);
  g_assert_cmpuint (n_found, >, n_tiles);
}

/* Boxes larger than the data, outside it, a single point, and on cell
 * edges: still exactly what a scan finds. */
static void
test_index_odd_boxes (void)
{
  static const RetLatLonBox boxes[] = {
    { -90, -180, 90, 180 },
    { 50, 0, 60, 10 },
    { 31.5, -106.5, 31.5, -106.5 },
    { 30.0, -110.0, 30.0, -100.0 },
    { 29.5, -107.0, 31.0, -106.5 },
    { 9.0, -125.0, 10.5, -123.0 },
  };
  RetGeo *self = geo ();

  for (gsize i = 0; i < G_N_ELEMENTS (boxes); i++)
    for (guint layer = 0; layer < RET_GEO_N_LAYERS; layer++)
      for (guint lod = 0; lod < RET_GEO_N_LODS; lod++)
        {
          g_autoptr(GArray) got = ret_geo_query (self, layer, lod, &boxes[i]);
          g_autoptr(GArray) want = brute_force (self, layer, lod, &boxes[i]);

          assert_same (got, want);
        }
}

/* ---------------------------------------------------------------------- */

static double
cross (double ax, double ay, double bx, double by, double cx, double cy)
{
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

static gboolean
segments_cross (double ax, double ay, double bx, double by,
                double cx, double cy, double dx, double dy)
{
  double d1 = cross (cx, cy, dx, dy, ax, ay);
  double d2 = cross (cx, cy, dx, dy, bx, by);
  double d3 = cross (ax, ay, bx, by, cx, cy);
  double d4 = cross (ax, ay, bx, by, dx, dy);

  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

/* How many times the straight line between two places crosses the lines
 * of @layer at @lod. */
static guint
count_crossings (RetGeoLayer layer,
                 guint       lod,
                 double      lat1,
                 double      lon1,
                 double      lat2,
                 double      lon2)
{
  RetGeo *self = geo ();
  RetLatLonBox box = { MIN (lat1, lat2), MIN (lon1, lon2), MAX (lat1, lat2), MAX (lon1, lon2) };
  g_autoptr(GArray) found = ret_geo_query (self, layer, lod, &box);
  guint crossings = 0;

  for (guint i = 0; i < found->len; i++)
    {
      const RetGeoFeature *f = ret_geo_get_feature (self, g_array_index (found, guint, i));

      for (guint p = 0; p < f->n_parts; p++)
        {
          guint n;
          const RetGeoPoint *pt = ret_geo_feature_get_part (self, f, p, &n);

          for (guint k = 0; k + 1 < n; k++)
            if (segments_cross (lon1, lat1, lon2, lat2,
                                pt[k].lon / 1e6, pt[k].lat / 1e6,
                                pt[k + 1].lon / 1e6, pt[k + 1].lat / 1e6))
              crossings++;
        }
    }
  return crossings;
}

/* The border runs between the twin cities, at every level of detail:
 * El Paso and Ciudad Juárez across the Rio Grande; San Diego (San
 * Ysidro) and Tijuana; Laredo and Nuevo Laredo.  The coarsest level,
 * drawn at zoom 5 and below where twin cities are a pixel or two apart,
 * is only asked to separate cities further apart: Tucson and Hermosillo,
 * Albuquerque and Chihuahua.  No border runs between two Mexican
 * cities. */
static void
test_data_border (void)
{
  static const struct {
    const char *what;
    double lat1, lon1, lat2, lon2;
    gboolean crosses;
    guint min_lod;
  } cases[] = {
    { "El Paso – Ciudad Juárez", 31.76, -106.49, 31.69, -106.42, TRUE, 1 },
    { "San Diego – Tijuana", 32.7157, -117.1611, 32.5149, -117.0382, TRUE, 1 },
    { "San Ysidro – Tijuana", 32.5556, -117.0470, 32.5149, -117.0382, TRUE, 1 },
    { "Laredo – Nuevo Laredo", 27.5306, -99.4803, 27.4763, -99.5164, TRUE, 1 },
    { "Tucson – Hermosillo", 32.2226, -110.9747, 29.0729, -110.9559, TRUE, 0 },
    { "Albuquerque – Chihuahua", 35.0844, -106.6504, 28.6353, -106.0889, TRUE, 0 },
    { "Monterrey – Saltillo", 25.6866, -100.3161, 25.4232, -101.0053, FALSE, 0 },
    { "Hermosillo – Chihuahua", 29.0729, -110.9559, 28.6353, -106.0889, FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint lod = cases[i].min_lod; lod < RET_GEO_N_LODS; lod++)
      {
        guint n = count_crossings (RET_GEO_LAYER_BORDER_US_MX, lod, cases[i].lat1, cases[i].lon1,
                                   cases[i].lat2, cases[i].lon2);

        g_test_message ("%s, level %u: %u crossings", cases[i].what, lod, n);
        if (cases[i].crosses)
          g_assert_cmpuint (n % 2, ==, 1);
        else
          g_assert_cmpuint (n, ==, 0);

        /* The border is its own layer, not repeated in the others. */
        g_assert_cmpuint (count_crossings (RET_GEO_LAYER_COUNTRY_BORDERS, lod, cases[i].lat1,
                                           cases[i].lon1, cases[i].lat2, cases[i].lon2), ==, 0);
      }

  /* Mexico–Guatemala, between Tapachula and Quetzaltenango. */
  for (guint lod = 0; lod < RET_GEO_N_LODS; lod++)
    g_assert_cmpuint (count_crossings (RET_GEO_LAYER_COUNTRY_BORDERS, lod, 14.9060, -92.2635,
                                       14.8347, -91.5181) % 2, ==, 1);
}

/* ---------------------------------------------------------------------- */

static GBytes *
bundled_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = ret_core_lookup_data ("geo/mx-border.geo", &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
put_u32 (guint8 *p,
         guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

typedef enum { TRUNCATE, PATCH } Damage;

/* Damaged data gives an error, never a crash or a half-loaded map. */
static void
test_corrupt (void)
{
  static const struct {
    const char *what;
    Damage damage;
    gssize offset;     /* negative: from the end */
    guint32 value;     /* PATCH: the u32 written; TRUNCATE: bytes kept */
    int code;
  } cases[] = {
    { "empty", TRUNCATE, 0, 0, RET_GEO_ERROR_DATA },
    { "header only in part", TRUNCATE, 0, 20, RET_GEO_ERROR_DATA },
    { "header only", TRUNCATE, 0, 40, RET_GEO_ERROR_DATA },
    { "half the file", TRUNCATE, 0, G_MAXUINT32 / 2, RET_GEO_ERROR_DATA },
    { "last byte missing", TRUNCATE, 0, G_MAXUINT32, RET_GEO_ERROR_DATA },
    { "bad magic", PATCH, 0, 0x4f45474a, RET_GEO_ERROR_DATA },
    { "newer version", PATCH, 4, 2, RET_GEO_ERROR_VERSION },
    { "one point too many", PATCH, -1, 0, RET_GEO_ERROR_DATA },
    { "features beyond the end", PATCH, 8, 0x7fffffff, RET_GEO_ERROR_DATA },
    { "points wrapping 32 bits", PATCH, 16, 0x20000000, RET_GEO_ERROR_DATA },
    { "extent upside down", PATCH, 24, 50000000, RET_GEO_ERROR_DATA },
    { "first feature's layer", PATCH, 40, 99, RET_GEO_ERROR_DATA },
    { "first feature's parts beyond the end", PATCH, 44, 0x7fffffff, RET_GEO_ERROR_DATA },
    { "first feature's box", PATCH, 52, 179000000, RET_GEO_ERROR_DATA },
    { "first feature's name beyond the strings", PATCH, 68, 0x7fffffff, RET_GEO_ERROR_DATA },
    { "strings not terminated", PATCH, -4, 0x41414141, RET_GEO_ERROR_DATA },
  };
  g_autoptr(GBytes) good = bundled_bytes ();
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      gsize len = size;
      g_autoptr(GBytes) bad = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RetGeo) self = NULL;

      g_test_message ("%s", cases[i].what);
      if (cases[i].damage == TRUNCATE)
        {
          if (cases[i].value == G_MAXUINT32)
            len = size - 1;
          else if (cases[i].value == G_MAXUINT32 / 2)
            len = size / 2;
          else
            len = cases[i].value;
        }
      else if (cases[i].offset == -1)
        {
          guint32 n_points;

          memcpy (&n_points, copy + 16, 4);
          put_u32 (copy + 16, GUINT32_FROM_LE (n_points) + 1);
        }
      else if (cases[i].offset < 0)
        put_u32 (copy + size + cases[i].offset, cases[i].value);
      else
        {
          if (cases[i].offset == 40)
            copy[40] = (guint8) cases[i].value;
          else
            put_u32 (copy + cases[i].offset, cases[i].value);
        }

      bad = g_bytes_new (copy, len);
      self = ret_geo_new_from_bytes (bad, &error);
      g_assert_null (self);
      g_assert_error (error, RET_GEO_ERROR, cases[i].code);
    }
}

/* The same bytes load from a file as from the resource. */
static void
test_from_file (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "map.geo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetGeo) self = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  self = ret_geo_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ret_geo_get_n_features (self), ==, ret_geo_get_n_features (geo ()));

  g_clear_pointer (&self, ret_geo_unref);
  self = ret_geo_new_from_file ("/nonexistent/map.geo", &error);
  g_assert_null (self);
  g_assert_nonnull (error);
}

/* ---------------------------------------------------------------------- */

static gpointer
query_in_thread (gpointer data)
{
  guint total = 0;

  for (guint zoom = 5; zoom <= 9; zoom++)
    {
      guint x0, y0, x1, y1;

      ret_tiles_latlon_to_tile (33.0, -117.5, zoom, &x0, &y0);
      ret_tiles_latlon_to_tile (26.0, -97.0, zoom, &x1, &y1);
      for (guint y = y0; y <= y1; y++)
        for (guint x = x0; x <= x1; x++)
          {
            RetLatLonBox box;

            ret_tiles_tile_to_box (x, y, zoom, &box);
            for (guint layer = 0; layer < RET_GEO_N_LAYERS; layer++)
              {
                g_autoptr(GArray) found = ret_geo_query (geo (), layer,
                                                         ret_geo_lod_for_zoom (zoom), &box);
                total += found->len;
              }
          }
    }
  return GUINT_TO_POINTER (total);
}

/* Tile renderers query from several threads at once, starting before
 * the data is loaded; each sees the same answers. */
static void
test_threads (void)
{
  GThread *threads[4];
  guint totals[G_N_ELEMENTS (threads)];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("geo-query", query_in_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    totals[i] = GPOINTER_TO_UINT (g_thread_join (threads[i]));

  g_assert_cmpuint (totals[0], >, 0);
  for (gsize i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (totals[i], ==, totals[0]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* First, so that the threads race to load the data. */
  g_test_add_func ("/geo/threads/concurrent-queries", test_threads);
  g_test_add_func ("/geo/tiles/known-values", test_tiles_known);
  g_test_add_func ("/geo/tiles/round-trip", test_tiles_round_trip);
  g_test_add_func ("/geo/tiles/clamp", test_tiles_clamp);
  g_test_add_func ("/geo/distance/tijuana-mexico-city", test_distance);
  g_test_add_func ("/geo/data/layers", test_data_layers);
  g_test_add_func ("/geo/data/labels", test_data_labels);
  g_test_add_func ("/geo/data/border-between-twin-cities", test_data_border);
  g_test_add_func ("/geo/index/exact-on-border-tiles", test_index_exact);
  g_test_add_func ("/geo/index/odd-boxes", test_index_odd_boxes);
  g_test_add_func ("/geo/load/corrupt", test_corrupt);
  g_test_add_func ("/geo/load/from-file", test_from_file);

  return g_test_run ();
}
