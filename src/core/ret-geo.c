/* ret-geo.c — the offline base map's geodata and its spatial index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data is made once by tools/geodata/convert.mjs and compiled into
 * the core's GResource as geo/mx-border.geo.  The file format, version 1,
 * all integers little-endian:
 *
 *   header, 40 bytes
 *     0  char[4]  magic "RGEO"
 *     4  u32      format version (1)
 *     8  u32      n_features
 *    12  u32      n_parts
 *    16  u32      n_points
 *    20  u32      string_bytes
 *    24  i32[4]   extent: min_lon, min_lat, max_lon, max_lat (µdeg)
 *   features, n_features × 32 bytes
 *     0  u8       layer (RetGeoLayer)
 *     1  u8       level of detail 0–2, or 255 for every level
 *     2  u8       minimum zoom (labels and cities; else 0)
 *     3  u8       reserved, 0
 *     4  u32      first part
 *     8  u32      number of parts (at least 1)
 *    12  i32[4]   bounding box: min_lon, min_lat, max_lon, max_lat (µdeg)
 *    28  u32      name: offset into the strings, 0 for none
 *   parts, (n_parts + 1) × u32
 *            the index of each part's first point; the extra last entry
 *            is n_points, so part i has points [parts[i], parts[i+1])
 *   points, n_points × 8 bytes: i32 lon, i32 lat (micro-degrees)
 *   strings, string_bytes: NUL-terminated UTF-8 names, the first byte 0
 *
 * The file must be exactly that long.  Everything is checked on load —
 * counts, ranges, that each feature's box holds its points — so a
 * damaged file is an error, never a crash, and the index can trust the
 * boxes.  Once loaded a RetGeo never changes, which is what lets tile
 * renderers on several threads read it without locks.
 *
 * The spatial index is a uniform grid of CELL_DEGREES cells over the
 * extent, one per layer, in compressed rows: a feature is listed in every
 * cell its box touches.  A query visits the cells under its box and
 * reports a feature only from the cell that holds the south-west corner
 * of the overlap of the two boxes — one cell per feature, so nothing is
 * reported twice and no per-query "seen" set (shared state) is needed.
 */

#define G_LOG_DOMAIN "ret-geo"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-core.h"
#include "ret-geo.h"

#define MAGIC          "RGEO"
#define FORMAT_VERSION 1
#define HEADER_SIZE    40
#define FEATURE_SIZE   32
#define MICRO          1e6

/* Half a degree: a zoom-10 tile is about a third of one, so a tile's
 * query looks at one to four cells. */
#define CELL_DEGREES   0.5
/* More cells than any sane extent needs; refuses absurd extents. */
#define MAX_CELLS      (1u << 20)

struct _RetGeo
{
  gatomicrefcount  ref_count;

  RetGeoFeature   *features;
  guint            n_features;
  guint32         *parts;         /* n_parts + 1 */
  guint            n_parts;
  RetGeoPoint     *points;
  guint            n_points;
  char            *strings;

  /* The grid. */
  double           min_lon;
  double           min_lat;
  guint            n_cols;
  guint            n_rows;
  guint32         *cell_start;    /* N_LAYERS × n_cells + 1 */
  guint32         *cell_items;
};

G_DEFINE_QUARK (ret-geo-error-quark, ret_geo_error)

static guint32
read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static gint32
read_i32 (const guint8 *p)
{
  return (gint32) read_u32 (p);
}

static gboolean
data_error (GError     **error,
            const char  *what)
{
  g_set_error (error, RET_GEO_ERROR, RET_GEO_ERROR_DATA,
               _("The map data is damaged: %s"), what);
  return FALSE;
}

static void
ret_geo_free (RetGeo *self)
{
  g_free (self->features);
  g_free (self->parts);
  g_free (self->points);
  g_free (self->strings);
  g_free (self->cell_start);
  g_free (self->cell_items);
  g_free (self);
}

static gboolean
valid_point (gint32 lon,
             gint32 lat)
{
  return lon >= -180000000 && lon <= 180000000 && lat >= -90000000 && lat <= 90000000;
}

static guint
cell_col (const RetGeo *self,
          double        lon)
{
  double c = floor ((lon - self->min_lon) / CELL_DEGREES);

  return (guint) CLAMP (c, 0, self->n_cols - 1);
}

static guint
cell_row (const RetGeo *self,
          double        lat)
{
  double r = floor ((lat - self->min_lat) / CELL_DEGREES);

  return (guint) CLAMP (r, 0, self->n_rows - 1);
}

static void
build_index (RetGeo *self)
{
  guint n_cells = self->n_cols * self->n_rows;
  g_autofree guint32 *fill = NULL;
  guint64 total = 0;

  self->cell_start = g_new0 (guint32, (gsize) RET_GEO_N_LAYERS * n_cells + 1);

  /* Count first, then fill, so each cell's features sit together. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < self->n_features; i++)
        {
          const RetGeoFeature *f = &self->features[i];
          guint c0 = cell_col (self, f->box.min_lon), c1 = cell_col (self, f->box.max_lon);
          guint r0 = cell_row (self, f->box.min_lat), r1 = cell_row (self, f->box.max_lat);

          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                gsize cell = (gsize) f->layer * n_cells + (gsize) r * self->n_cols + c;

                if (pass == 0)
                  self->cell_start[cell + 1]++;
                else
                  self->cell_items[fill[cell]++] = i;
              }
        }

      if (pass == 0)
        {
          for (gsize cell = 0; cell < (gsize) RET_GEO_N_LAYERS * n_cells; cell++)
            self->cell_start[cell + 1] += self->cell_start[cell];
          total = self->cell_start[(gsize) RET_GEO_N_LAYERS * n_cells];
          self->cell_items = g_new (guint32, MAX (total, 1));
          fill = g_memdup2 (self->cell_start,
                            ((gsize) RET_GEO_N_LAYERS * n_cells + 1) * sizeof (guint32));
        }
    }

  g_debug ("Map index: %u x %u cells, %" G_GUINT64_FORMAT " entries",
           self->n_cols, self->n_rows, total);
}

static gboolean
parse (RetGeo        *self,
       const guint8  *data,
       gsize          size,
       GError       **error)
{
  guint32 string_bytes;
  gint32 extent[4];
  guint64 expected;
  const guint8 *p;

  if (size < HEADER_SIZE || memcmp (data, MAGIC, 4) != 0)
    return data_error (error, _("it is not a map data file"));

  if (read_u32 (data + 4) != FORMAT_VERSION)
    {
      g_set_error (error, RET_GEO_ERROR, RET_GEO_ERROR_VERSION,
                   _("The map data is in a format this version of Retorno cannot read"));
      return FALSE;
    }

  self->n_features = read_u32 (data + 8);
  self->n_parts = read_u32 (data + 12);
  self->n_points = read_u32 (data + 16);
  string_bytes = read_u32 (data + 20);
  for (guint i = 0; i < 4; i++)
    extent[i] = read_i32 (data + 24 + 4 * i);

  /* In 64 bits: counts near 2³² must not wrap round to a small size. */
  expected = HEADER_SIZE + (guint64) FEATURE_SIZE * self->n_features +
             4 * ((guint64) self->n_parts + 1) + 8 * (guint64) self->n_points + string_bytes;
  if (expected != size)
    return data_error (error, _("its length does not match its contents"));

  if (!valid_point (extent[0], extent[1]) || !valid_point (extent[2], extent[3]) ||
      extent[0] >= extent[2] || extent[1] >= extent[3])
    return data_error (error, _("its extent is invalid"));

  self->min_lon = extent[0] / MICRO;
  self->min_lat = extent[1] / MICRO;
  self->n_cols = (guint) ceil ((extent[2] - extent[0]) / MICRO / CELL_DEGREES);
  self->n_rows = (guint) ceil ((extent[3] - extent[1]) / MICRO / CELL_DEGREES);
  if ((guint64) self->n_cols * self->n_rows > MAX_CELLS)
    return data_error (error, _("its extent is invalid"));

  /* The sections after the features, read first so features can be
   * checked against them. */
  p = data + HEADER_SIZE + (gsize) FEATURE_SIZE * self->n_features;
  self->parts = g_new (guint32, (gsize) self->n_parts + 1);
  for (guint i = 0; i <= self->n_parts; i++, p += 4)
    {
      self->parts[i] = read_u32 (p);
      if ((i == 0 && self->parts[i] != 0) ||
          (i > 0 && self->parts[i] <= self->parts[i - 1]) ||
          self->parts[i] > self->n_points ||
          (i == self->n_parts && self->parts[i] != self->n_points))
        return data_error (error, _("its parts are out of order"));
    }

  self->points = g_new (RetGeoPoint, MAX (self->n_points, 1));
  for (guint i = 0; i < self->n_points; i++, p += 8)
    {
      self->points[i].lon = read_i32 (p);
      self->points[i].lat = read_i32 (p + 4);
      if (!valid_point (self->points[i].lon, self->points[i].lat))
        return data_error (error, _("a point is off the Earth"));
    }

  if (string_bytes == 0 || p[0] != '\0' || p[string_bytes - 1] != '\0')
    return data_error (error, _("its names are not terminated"));
  self->strings = g_memdup2 (p, string_bytes);

  self->features = g_new0 (RetGeoFeature, MAX (self->n_features, 1));
  p = data + HEADER_SIZE;
  for (guint i = 0; i < self->n_features; i++, p += FEATURE_SIZE)
    {
      RetGeoFeature *f = &self->features[i];
      gint32 box[4];
      guint32 name;

      f->layer = p[0];
      f->lod = p[1];
      f->min_zoom = p[2];
      f->first_part = read_u32 (p + 4);
      f->n_parts = read_u32 (p + 8);
      for (guint k = 0; k < 4; k++)
        box[k] = read_i32 (p + 12 + 4 * k);
      name = read_u32 (p + 28);

      if (f->layer >= RET_GEO_N_LAYERS ||
          (f->lod >= RET_GEO_N_LODS && f->lod != RET_GEO_LOD_ANY))
        return data_error (error, _("a feature has an unknown layer"));
      if (f->n_parts == 0 || f->first_part > self->n_parts ||
          f->n_parts > self->n_parts - f->first_part)
        return data_error (error, _("a feature points beyond the end of the data"));
      if (name >= string_bytes || !g_utf8_validate (self->strings + name, -1, NULL))
        return data_error (error, _("a name is out of range"));
      f->name = name == 0 ? NULL : self->strings + name;

      /* The index trusts the boxes: make sure each holds its points. */
      for (guint32 k = self->parts[f->first_part]; k < self->parts[f->first_part + f->n_parts]; k++)
        {
          const RetGeoPoint *pt = &self->points[k];

          if (pt->lon < box[0] || pt->lon > box[2] || pt->lat < box[1] || pt->lat > box[3])
            return data_error (error, _("a feature lies outside its box"));
        }

      f->box.min_lon = box[0] / MICRO;
      f->box.min_lat = box[1] / MICRO;
      f->box.max_lon = box[2] / MICRO;
      f->box.max_lat = box[3] / MICRO;
    }

  return TRUE;
}

/*
 * ret_geo_new_from_bytes:
 * @data: a geodata file (see the top of ret-geo.c)
 *
 * Returns: (transfer full) (nullable): the data with its index, or %NULL
 *   with @error set when @data is not valid geodata
 */
RetGeo *
ret_geo_new_from_bytes (GBytes  *data,
                        GError **error)
{
  RetGeo *self;
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &size);

  self = g_new0 (RetGeo, 1);
  g_atomic_ref_count_init (&self->ref_count);

  if (bytes == NULL || !parse (self, bytes, size, error))
    {
      if (bytes == NULL)
        data_error (error, _("it is empty"));
      ret_geo_free (self);
      return NULL;
    }

  build_index (self);
  return self;
}

RetGeo *
ret_geo_new_from_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;

  bytes = g_mapped_file_get_bytes (file);
  return ret_geo_new_from_bytes (bytes, error);
}

/*
 * ret_geo_get_default:
 *
 * The geodata bundled with the program, loaded on first use from any
 * thread and never freed.
 *
 * Returns: (transfer none) (nullable): the data, or %NULL if the bundled
 *   file cannot be loaded (a broken installation)
 */
RetGeo *
ret_geo_get_default (void)
{
  static RetGeo *default_geo = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      bytes = ret_core_lookup_data ("geo/mx-border.geo", &error);
      if (bytes != NULL)
        default_geo = ret_geo_new_from_bytes (bytes, &error);

      if (default_geo == NULL)
        g_warning ("The bundled map data cannot be loaded: %s", error->message);
      else
        g_debug ("Map data loaded: %u features, %u points in %.1f ms",
                 default_geo->n_features, default_geo->n_points,
                 (g_get_monotonic_time () - start) / 1000.0);

      g_once_init_leave (&initialized, 1);
    }

  return default_geo;
}

RetGeo *
ret_geo_ref (RetGeo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ret_geo_unref (RetGeo *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    ret_geo_free (self);
}

/*
 * ret_geo_lod_for_zoom:
 *
 * The level of detail to draw at @zoom: its simplification is below
 * half a device pixel at scale factor 2 over the whole band.
 */
guint
ret_geo_lod_for_zoom (guint zoom)
{
  if (zoom <= 5)
    return 0;
  if (zoom <= 8)
    return 1;
  return 2;
}

guint
ret_geo_get_n_features (RetGeo *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_features;
}

const RetGeoFeature *
ret_geo_get_feature (RetGeo *self,
                     guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_features, NULL);

  return &self->features[index];
}

/*
 * ret_geo_feature_get_part:
 * @feature: a feature of @self
 * @part: less than @feature's n_parts
 * @n_points: (out): how many points the part has
 *
 * Returns: (transfer none) (array length=n_points): the part's points; a
 *   ring's last point is not repeated
 */
const RetGeoPoint *
ret_geo_feature_get_part (RetGeo              *self,
                          const RetGeoFeature *feature,
                          guint                part,
                          guint               *n_points)
{
  guint32 start;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (feature >= self->features &&
                        feature < self->features + self->n_features, NULL);
  g_return_val_if_fail (part < feature->n_parts, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  start = self->parts[feature->first_part + part];
  *n_points = self->parts[feature->first_part + part + 1] - start;
  return &self->points[start];
}

/*
 * ret_geo_query_foreach:
 * @lod: a level of detail from ret_geo_lod_for_zoom(); features of every
 *   level (labels) match any
 * @box: the area drawn
 * @func: called once for each feature of @layer and @lod whose box
 *   intersects @box (edges included), in no particular order
 *
 * Safe to call from several threads at once.
 */
void
ret_geo_query_foreach (RetGeo             *self,
                       RetGeoLayer         layer,
                       guint               lod,
                       const RetLatLonBox *box,
                       RetGeoFunc          func,
                       gpointer            user_data)
{
  guint n_cells;
  guint c0, c1, r0, r1;

  g_return_if_fail (self != NULL);
  g_return_if_fail (layer < RET_GEO_N_LAYERS);
  g_return_if_fail (box != NULL);
  g_return_if_fail (func != NULL);

  if (box->min_lat > box->max_lat || box->min_lon > box->max_lon)
    return;

  n_cells = self->n_cols * self->n_rows;
  c0 = cell_col (self, box->min_lon);
  c1 = cell_col (self, box->max_lon);
  r0 = cell_row (self, box->min_lat);
  r1 = cell_row (self, box->max_lat);

  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        gsize cell = (gsize) layer * n_cells + (gsize) r * self->n_cols + c;

        for (guint32 k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          {
            guint index = self->cell_items[k];
            const RetGeoFeature *f = &self->features[index];

            if (f->lod != lod && f->lod != RET_GEO_LOD_ANY)
              continue;
            if (!ret_lat_lon_box_intersects (&f->box, box))
              continue;
            /* Only from the cell of the overlap's south-west corner. */
            if (cell_col (self, MAX (f->box.min_lon, box->min_lon)) != c ||
                cell_row (self, MAX (f->box.min_lat, box->min_lat)) != r)
              continue;
            if (!func (f, index, user_data))
              return;
          }
      }
}

static gboolean
append_index_cb (const RetGeoFeature *feature,
                 guint                index,
                 gpointer             user_data)
{
  g_array_append_val ((GArray *) user_data, index);
  return TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/*
 * ret_geo_query:
 *
 * Like ret_geo_query_foreach(), collecting the features' indices.
 *
 * Returns: (transfer full) (element-type guint): the indices for
 *   ret_geo_get_feature(), in increasing order, which is the order the
 *   file lists them in
 */
GArray *
ret_geo_query (RetGeo             *self,
               RetGeoLayer         layer,
               guint               lod,
               const RetLatLonBox *box)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (self != NULL, NULL);

  ret_geo_query_foreach (self, layer, lod, box, append_index_cb, found);
  g_array_sort (found, compare_guint);

  return g_steal_pointer (&found);
}
