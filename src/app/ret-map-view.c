/* ret-map-view.c — the Map page: the offline base map and the points
 *
 * A ShumateSimpleMap over RetMapSource (drawn locally, no tile server),
 * with a marker layer holding one dot per repatriation point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-map"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-map-source.h"
#include "ret-map-view.h"

/* Where the map opens: the middle of the border, showing all of it. */
#define HOME_LATITUDE  29.5
#define HOME_LONGITUDE -104.0
#define HOME_ZOOM      5.0

#define DOT_SIZE 16

struct _RetMapView
{
  GtkWidget parent_instance;

  /* child widgets */
  ShumateSimpleMap   *simple_map;

  /* owned references */
  RetStore           *store;
  RetMapSource       *source;
  ShumateMarkerLayer *point_layer;
};

G_DEFINE_FINAL_TYPE (RetMapView, ret_map_view, GTK_TYPE_WIDGET)

/* Open points are a filled dot; a point that receives unaccompanied
 * minors gets a ring around it, so both can be told apart without
 * relying on colour alone. */
static void
draw_point_dot (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  gboolean minors = GPOINTER_TO_INT (user_data);
  double cx = width / 2.0, cy = height / 2.0;
  double radius = minors ? 4.5 : 5.5;

  if (minors)
    {
      cairo_arc (cr, cx, cy, 7.0, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, 0.57, 0.25, 0.67);   /* purple ring */
      cairo_set_line_width (cr, 1.8);
      cairo_stroke (cr);
    }

  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);     /* open point: blue */
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static ShumateMarker *
create_point_marker (const RetPoint *point)
{
  ShumateMarker *marker = shumate_marker_new ();
  GtkWidget *dot = gtk_drawing_area_new ();
  g_autofree char *tooltip = NULL;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), DOT_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_point_dot,
                                  GINT_TO_POINTER (point->minors_reception), NULL);

  if (point->minors_reception)
    /* Translators: a repatriation point on the map: its code and city */
    tooltip = g_strdup_printf (_("%s, %s — receives unaccompanied minors"),
                               point->code, point->city != NULL ? point->city : "");
  else
    /* Translators: a repatriation point on the map: its code and city */
    tooltip = g_strdup_printf (_("%s, %s"), point->code, point->city != NULL ? point->city : "");
  gtk_widget_set_tooltip_text (dot, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dot),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  shumate_marker_set_child (marker, dot);
  shumate_location_set_location (SHUMATE_LOCATION (marker), point->latitude, point->longitude);
  gtk_widget_set_name (GTK_WIDGET (marker), point->code);

  return marker;
}

/**
 * ret_map_view_reload:
 *
 * Puts one marker per stored point on the map again, after points were
 * added or moved.
 */
void
ret_map_view_reload (RetMapView *self)
{
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RET_IS_MAP_VIEW (self));

  shumate_marker_layer_remove_all (self->point_layer);
  if (self->store == NULL)
    return;

  points = ret_store_list_points (self->store, &error);
  if (points == NULL)
    {
      g_warning ("Cannot list the points for the map: %s", error->message);
      return;
    }

  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);

      shumate_marker_layer_add_marker (self->point_layer, create_point_marker (point));
    }
}

void
ret_map_view_set_store (RetMapView *self,
                        RetStore   *store)
{
  g_return_if_fail (RET_IS_MAP_VIEW (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  ret_map_view_reload (self);
}

ShumateMap *
ret_map_view_get_map (RetMapView *self)
{
  g_return_val_if_fail (RET_IS_MAP_VIEW (self), NULL);

  return shumate_simple_map_get_map (self->simple_map);
}

ShumateMarkerLayer *
ret_map_view_get_point_layer (RetMapView *self)
{
  g_return_val_if_fail (RET_IS_MAP_VIEW (self), NULL);

  return self->point_layer;
}

/**
 * ret_map_view_go_to:
 *
 * Centres the map on @latitude, @longitude at @zoom (clamped to the
 * source's 3–12).
 */
void
ret_map_view_go_to (RetMapView *self,
                    double      latitude,
                    double      longitude,
                    double      zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (RET_IS_MAP_VIEW (self));

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (ret_map_view_get_map (self), latitude, longitude);
}

static void
scale_factor_changed_cb (RetMapView *self)
{
  ret_map_source_set_scale_factor (self->source, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static void
ret_map_view_dispose (GObject *object)
{
  RetMapView *self = RET_MAP_VIEW (object);

  if (self->simple_map != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->simple_map));
      self->simple_map = NULL;
    }
  g_clear_object (&self->point_layer);
  g_clear_object (&self->source);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ret_map_view_parent_class)->dispose (object);
}

static void
ret_map_view_class_init (RetMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_map_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "retmapview");
}

static void
ret_map_view_init (RetMapView *self)
{
  ShumateViewport *viewport;
  ShumateMap *map;

  self->source = ret_map_source_new ();
  scale_factor_changed_cb (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  self->simple_map = shumate_simple_map_new ();
  gtk_widget_set_hexpand (GTK_WIDGET (self->simple_map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->simple_map), TRUE);
  shumate_simple_map_set_map_source (self->simple_map, SHUMATE_MAP_SOURCE (self->source));
  gtk_widget_set_parent (GTK_WIDGET (self->simple_map), GTK_WIDGET (self));

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  map = shumate_simple_map_get_map (self->simple_map);

  self->point_layer = g_object_ref_sink (shumate_marker_layer_new (viewport));
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->point_layer));

  shumate_viewport_set_zoom_level (viewport, HOME_ZOOM);
  shumate_map_center_on (map, HOME_LATITUDE, HOME_LONGITUDE);
}

RetMapView *
ret_map_view_new (void)
{
  return g_object_new (RET_TYPE_MAP_VIEW, NULL);
}
