/* ret-map-render.c — draws the offline base map's tiles with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tile at a time, from the immutable RetGeo data, with no GTK: the
 * map source calls it from worker threads, the transfer sheet into its
 * own context.  Nothing here is shared between calls, so any number of
 * threads may render at once (Pango's cairo font map is per thread).
 *
 * Labels are drawn whole across tile edges: a tile draws every label
 * whose text reaches into it, not only those whose anchor it holds, and
 * the tile's clip cuts the text.  Neighbouring tiles draw the same label
 * at the same place (their origins differ by whole pixels), so the two
 * halves meet.  Of two labels that would overlap, the lesser one is left
 * out (draw_labels() says which); labels are never moved.
 */

#define G_LOG_DOMAIN "ret-map-render"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ret-map-render.h"

typedef struct
{
  double red, green, blue;
  double width;        /* logical pixels; 0 for fills */
  double dash;         /* dash length, 0 for solid lines */
  const char *font;    /* labels only */
} RetMapStyle;

/* The whole look of the base map.  A calm background for the data
 * layers drawn over it: pale sea, warm light land, thin light lines;
 * only the US–Mexico border, what the map is about, stands out. */
static const RetMapStyle styles[RET_MAP_N_STYLES] = {
  [RET_MAP_STYLE_SEA]             = { 0.784, 0.867, 0.925, 0,   0, NULL },
  [RET_MAP_STYLE_LAND]            = { 0.957, 0.945, 0.914, 0,   0, NULL },
  [RET_MAP_STYLE_COASTLINE]       = { 0.541, 0.675, 0.769, 0.8, 0, NULL },
  [RET_MAP_STYLE_US_STATE_LINES]  = { 0.733, 0.710, 0.675, 0.8, 3, NULL },
  [RET_MAP_STYLE_COUNTRY_BORDERS] = { 0.545, 0.525, 0.510, 1.2, 0, NULL },
  [RET_MAP_STYLE_BORDER_US_MX]    = { 0.424, 0.318, 0.416, 2.2, 0, NULL },
  [RET_MAP_STYLE_STATE_LABEL]     = { 0.490, 0.455, 0.420, 0,   0, "Sans Bold 7" },
  [RET_MAP_STYLE_CITY_LABEL]      = { 0.200, 0.200, 0.200, 0,   0, "Sans 8" },
  [RET_MAP_STYLE_HALO]            = { 1.000, 1.000, 1.000, 3.0, 0, NULL },
};

/* The radius of a city's dot, its gap to the name, and how far a label
 * may reach from its anchor (the longest name, "COAHUILA DE ZARAGOZA",
 * is about 120 pixels wide in the state font). */
#define CITY_DOT_RADIUS 2.0
#define CITY_LABEL_GAP  3.0
#define LABEL_REACH     160.0

/* State labels say where one is at a glance; past this zoom the cities
 * and the data layers do, and a state name in the middle of nowhere
 * only gets in the way. */
#define STATE_LABEL_MAX_ZOOM 10

typedef struct
{
  RetGeo *geo;
  cairo_t *cr;
  guint x, y, zoom;
  double scale_factor;
  double origin_x, origin_y;  /* the tile's top-left corner, world pixels */
  PangoLayout *state_layout;
  PangoLayout *city_layout;
} Tile;

void
ret_map_render_get_color (RetMapStyleItem  item,
                          double          *red,
                          double          *green,
                          double          *blue)
{
  g_return_if_fail (item < RET_MAP_N_STYLES);

  if (red != NULL)
    *red = styles[item].red;
  if (green != NULL)
    *green = styles[item].green;
  if (blue != NULL)
    *blue = styles[item].blue;
}

static void
project (const Tile        *tile,
         const RetGeoPoint *p,
         double            *x,
         double            *y)
{
  ret_tiles_latlon_to_world (p->lat * 1e-6, p->lon * 1e-6, tile->zoom, 1.0, x, y);
  *x -= tile->origin_x;
  *y -= tile->origin_y;
}

static void
set_color (cairo_t           *cr,
           const RetMapStyle *style)
{
  cairo_set_source_rgb (cr, style->red, style->green, style->blue);
}

/* Lines are a little thinner when zoomed out, where they crowd, but
 * never thinner than a device pixel: antialiasing turns a thinner line
 * into a faint grey smear at scale factor 1. */
static double
line_width (const Tile        *tile,
            const RetMapStyle *style)
{
  double width = tile->zoom <= 5 ? style->width * 0.75 : style->width;

  return MAX (width, 1.0 / tile->scale_factor);
}

/* The tile's box widened by @pixels on every side.  A pixel is never
 * more degrees of latitude than of longitude in Web Mercator, so the
 * longitude's span is enough for both. */
static void
tile_box (guint         x,
          guint         y,
          guint         zoom,
          double        pixels,
          RetLatLonBox *box)
{
  double degrees = pixels * 360.0 / ret_tiles_world_size (zoom, 1.0);

  ret_tiles_tile_to_box (x, y, zoom, box);
  box->min_lat -= degrees;
  box->max_lat += degrees;
  box->min_lon -= degrees;
  box->max_lon += degrees;
}

static gboolean
append_parts_cb (const RetGeoFeature *feature,
                 guint                index,
                 gpointer             user_data)
{
  Tile *tile = user_data;

  for (guint part = 0; part < feature->n_parts; part++)
    {
      guint n_points;
      const RetGeoPoint *points = ret_geo_feature_get_part (tile->geo, feature, part, &n_points);

      for (guint i = 0; i < n_points; i++)
        {
          double px, py;

          project (tile, &points[i], &px, &py);
          if (i == 0)
            cairo_move_to (tile->cr, px, py);
          else
            cairo_line_to (tile->cr, px, py);
        }
      if (feature->layer == RET_GEO_LAYER_LAND)
        cairo_close_path (tile->cr);
    }

  return TRUE;
}

static void
draw_land (Tile               *tile,
           const RetLatLonBox *box)
{
  /* Every piece into one path, filled once: pieces filled one by one
   * leave faint antialiased seams along the grid they were cut on. */
  cairo_new_path (tile->cr);
  ret_geo_query_foreach (tile->geo, RET_GEO_LAYER_LAND, ret_geo_lod_for_zoom (tile->zoom),
                         box, append_parts_cb, tile);
  cairo_set_fill_rule (tile->cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_color (tile->cr, &styles[RET_MAP_STYLE_LAND]);
  cairo_fill (tile->cr);
}

static void
draw_lines (Tile               *tile,
            const RetLatLonBox *box,
            RetGeoLayer         layer,
            RetMapStyleItem     item)
{
  const RetMapStyle *style = &styles[item];
  double width = line_width (tile, style);

  cairo_new_path (tile->cr);
  ret_geo_query_foreach (tile->geo, layer, ret_geo_lod_for_zoom (tile->zoom),
                         box, append_parts_cb, tile);
  set_color (tile->cr, style);
  cairo_set_line_width (tile->cr, width);
  if (style->dash > 0)
    {
      double dashes[2] = { style->dash, style->dash * 0.7 };

      cairo_set_dash (tile->cr, dashes, 2, 0);
    }
  else
    cairo_set_dash (tile->cr, NULL, 0, 0);
  cairo_stroke (tile->cr);
}

/* A label the tile may draw: where its text goes and the box it takes
 * with its dot and halo, in tile pixels. */
typedef struct
{
  const RetGeoFeature *feature;
  guint index;
  char *text;
  double dot_x, dot_y;      /* cities only */
  double text_x, text_y;
  double x0, y0, x1, y1;
} Label;

static void
label_clear (gpointer data)
{
  g_free (((Label *) data)->text);
}

static gboolean
is_city (const Label *label)
{
  return label->feature->layer == RET_GEO_LAYER_CITIES;
}

/* Cities before state names (a state's name is only a hint of where
 * one is), then the cities shown from lower zooms (the larger ones),
 * then the file's order.  It depends on nothing but the data, so every
 * tile ranks the same labels the same way. */
static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *x = a, *y = b;

  if (is_city (x) != is_city (y))
    return is_city (x) ? -1 : 1;
  if (x->feature->min_zoom != y->feature->min_zoom)
    return x->feature->min_zoom < y->feature->min_zoom ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

typedef struct
{
  Tile *tile;
  GArray *labels;
} LabelSearch;

static gboolean
collect_label_cb (const RetGeoFeature *feature,
                  guint                index,
                  gpointer             user_data)
{
  LabelSearch *search = user_data;
  Tile *tile = search->tile;
  const RetGeoPoint *point;
  PangoLayout *layout;
  PangoRectangle ink, logical;
  double halo = styles[RET_MAP_STYLE_HALO].width;
  guint n_points;
  double x, y;
  Label label = { feature, index, NULL };

  if (feature->name == NULL || tile->zoom < feature->min_zoom)
    return TRUE;

  point = ret_geo_feature_get_part (tile->geo, feature, 0, &n_points);
  project (tile, point, &x, &y);
  if (feature->layer == RET_GEO_LAYER_CITIES)
    {
      layout = tile->city_layout;
      label.text = g_strdup (feature->name);
    }
  else
    {
      layout = tile->state_layout;
      label.text = g_utf8_strup (feature->name, -1);
    }
  pango_layout_set_text (layout, label.text, -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);

  if (feature->layer == RET_GEO_LAYER_CITIES)
    {
      /* The name to the right of the dot, centred on it vertically. */
      label.dot_x = x;
      label.dot_y = y;
      label.text_x = x + CITY_DOT_RADIUS + CITY_LABEL_GAP;
      label.text_y = y - logical.height / 2.0;
      label.x0 = x - CITY_DOT_RADIUS;
    }
  else
    {
      /* Centred on the anchor. */
      label.text_x = x - logical.width / 2.0;
      label.text_y = y - logical.height / 2.0;
      label.x0 = label.text_x;
    }
  label.x0 -= halo;
  label.y0 = label.text_y - halo;
  label.x1 = label.text_x + logical.width + halo;
  label.y1 = label.text_y + logical.height + halo;
  g_array_append_val (search->labels, label);

  return TRUE;
}

static gboolean
labels_overlap (const Label *a,
                const Label *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static void
draw_text (Tile        *tile,
           PangoLayout *layout,
           const Label *label,
           RetMapStyleItem item)
{
  const RetMapStyle *halo = &styles[RET_MAP_STYLE_HALO];

  pango_layout_set_text (layout, label->text, -1);

  cairo_new_path (tile->cr);
  cairo_move_to (tile->cr, label->text_x, label->text_y);
  pango_cairo_layout_path (tile->cr, layout);
  set_color (tile->cr, halo);
  cairo_set_line_width (tile->cr, halo->width);
  cairo_stroke (tile->cr);

  cairo_move_to (tile->cr, label->text_x, label->text_y);
  set_color (tile->cr, &styles[item]);
  pango_cairo_show_layout (tile->cr, layout);
}

static void
draw_label (Tile        *tile,
            const Label *label)
{
  if (!is_city (label))
    {
      draw_text (tile, tile->state_layout, label, RET_MAP_STYLE_STATE_LABEL);
      return;
    }

  cairo_new_path (tile->cr);
  cairo_arc (tile->cr, label->dot_x, label->dot_y, CITY_DOT_RADIUS, 0, 2 * G_PI);
  set_color (tile->cr, &styles[RET_MAP_STYLE_HALO]);
  cairo_set_line_width (tile->cr, 2.0);
  cairo_stroke_preserve (tile->cr);
  set_color (tile->cr, &styles[RET_MAP_STYLE_CITY_LABEL]);
  cairo_fill (tile->cr);

  draw_text (tile, tile->city_layout, label, RET_MAP_STYLE_CITY_LABEL);
}

/* A label is left out when one ranked before it would overlap it,
 * whether or not that one is drawn itself: so the choice depends only
 * on the two labels, never on which tile is asking, and a label cut by
 * a tile's edge is drawn in both tiles or in neither. */
static void
draw_labels (Tile *tile)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (Label));
  LabelSearch search = { tile, labels };
  RetLatLonBox box;

  g_array_set_clear_func (labels, label_clear);
  /* Labels that may reach into the tile, and those that may overlap
   * them. */
  tile_box (tile->x, tile->y, tile->zoom, 2 * LABEL_REACH, &box);
  ret_geo_query_foreach (tile->geo, RET_GEO_LAYER_CITIES, RET_GEO_LOD_ANY, &box,
                         collect_label_cb, &search);
  if (tile->zoom <= STATE_LABEL_MAX_ZOOM)
    {
      ret_geo_query_foreach (tile->geo, RET_GEO_LAYER_US_STATE_LABELS, RET_GEO_LOD_ANY, &box,
                             collect_label_cb, &search);
      ret_geo_query_foreach (tile->geo, RET_GEO_LAYER_MX_STATE_LABELS, RET_GEO_LOD_ANY, &box,
                             collect_label_cb, &search);
    }
  g_array_sort (labels, compare_labels);

  cairo_set_dash (tile->cr, NULL, 0, 0);
  /* Drawn from the last to the first, so a city's name is over a state
   * name's halo and not under it. */
  for (guint i = labels->len; i-- > 0;)
    {
      const Label *label = &g_array_index (labels, Label, i);
      gboolean blocked = FALSE;

      if (label->x1 < 0 || label->x0 > RET_TILE_SIZE ||
          label->y1 < 0 || label->y0 > RET_TILE_SIZE)
        continue;
      for (guint j = 0; j < i && !blocked; j++)
        blocked = labels_overlap (&g_array_index (labels, Label, j), label);
      if (!blocked)
        draw_label (tile, label);
    }
}

/* A layout whose text looks the same whatever the tile: no hinting,
 * which would snap glyphs differently depending on where the label
 * falls, and metrics in fractions of a pixel. */
static PangoLayout *
create_layout (cairo_t         *cr,
               RetMapStyleItem  item)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(PangoFontDescription) font = NULL;

  font = pango_font_description_from_string (styles[item].font);
  pango_layout_set_font_description (layout, font);

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  return layout;
}

/**
 * ret_map_render_tile:
 * @geo: the geodata
 * @x, @y, @zoom: the tile, in the OpenStreetMap numbering
 * @scale_factor: how many device pixels a logical one is (it keeps the
 *   thinnest lines at least one device pixel wide); the caller has
 *   already scaled @cr by it
 * @cr: a context whose user space (0, 0)–(256, 256) is the tile
 *
 * Draws the base map of one tile: sea, land, coastline, borders, state
 * and city names.  Outside the data's extent everything is sea.  Leaves
 * @cr's state as it found it.  Safe to call from any thread.
 */
void
ret_map_render_tile (RetGeo  *geo,
                     guint    x,
                     guint    y,
                     guint    zoom,
                     double   scale_factor,
                     cairo_t *cr)
{
  g_autoptr(PangoLayout) state_layout = NULL;
  g_autoptr(PangoLayout) city_layout = NULL;
  RetLatLonBox box;
  double widest = 0;
  Tile tile = { 0 };

  g_return_if_fail (geo != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (zoom < 31 && x < (1u << zoom) && y < (1u << zoom));
  g_return_if_fail (scale_factor > 0);

  tile.geo = geo;
  tile.cr = cr;
  tile.x = x;
  tile.y = y;
  tile.zoom = zoom;
  tile.scale_factor = scale_factor;
  tile.origin_x = (double) x * RET_TILE_SIZE;
  tile.origin_y = (double) y * RET_TILE_SIZE;

  for (guint i = 0; i < RET_MAP_N_STYLES; i++)
    widest = MAX (widest, styles[i].width);
  /* Lines just outside the tile still show half their width in it. */
  tile_box (x, y, zoom, widest, &box);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, RET_TILE_SIZE, RET_TILE_SIZE);
  cairo_clip (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  set_color (cr, &styles[RET_MAP_STYLE_SEA]);
  cairo_paint (cr);

  draw_land (&tile, &box);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  draw_lines (&tile, &box, RET_GEO_LAYER_COASTLINE, RET_MAP_STYLE_COASTLINE);
  draw_lines (&tile, &box, RET_GEO_LAYER_US_STATE_LINES, RET_MAP_STYLE_US_STATE_LINES);
  draw_lines (&tile, &box, RET_GEO_LAYER_COUNTRY_BORDERS, RET_MAP_STYLE_COUNTRY_BORDERS);
  draw_lines (&tile, &box, RET_GEO_LAYER_BORDER_US_MX, RET_MAP_STYLE_BORDER_US_MX);

  state_layout = create_layout (cr, RET_MAP_STYLE_STATE_LABEL);
  city_layout = create_layout (cr, RET_MAP_STYLE_CITY_LABEL);
  tile.state_layout = state_layout;
  tile.city_layout = city_layout;
  draw_labels (&tile);

  cairo_restore (cr);
}

/**
 * ret_map_render_tile_surface:
 * @scale_factor: 1, or 2 on a high-resolution screen
 *
 * Like ret_map_render_tile(), into a new image.
 *
 * Returns: (transfer full): an ARGB32 image surface of 256 × @scale_factor
 *   pixels square
 */
cairo_surface_t *
ret_map_render_tile_surface (RetGeo *geo,
                             guint   x,
                             guint   y,
                             guint   zoom,
                             double  scale_factor)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  int size;

  g_return_val_if_fail (geo != NULL, NULL);
  g_return_val_if_fail (scale_factor > 0, NULL);

  size = (int) ceil (RET_TILE_SIZE * scale_factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_scale (cr, scale_factor, scale_factor);
  ret_map_render_tile (geo, x, y, zoom, scale_factor, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
