/* ret-map-source.c — the offline base map as a libshumate map source
 *
 * Tiles are drawn from the bundled geodata by ret_map_render_tile_surface()
 * in a worker thread; the surface becomes a texture on the main thread,
 * because libshumate 1.0.3 expects the tile's paintable and state to be
 * set there.  Nothing here goes to the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-map"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-map-render.h"
#include "ret-map-source.h"

struct _RetMapSource
{
  ShumateMapSource parent_instance;

  /* owned references */
  RetGeo *geo;

  /* libshumate 1.0.3's tiles do not know the display's scale factor; the
   * view passes it on so tiles have as many pixels as the screen shows. */
  guint   scale_factor;
};

G_DEFINE_FINAL_TYPE (RetMapSource, ret_map_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct
{
  RetGeo      *geo;
  ShumateTile *tile;
  guint        x;
  guint        y;
  guint        zoom;
  guint        scale_factor;
} FillData;

static void
fill_data_free (FillData *data)
{
  g_clear_pointer (&data->geo, ret_geo_unref);
  g_clear_object (&data->tile);
  g_free (data);
}

static void
fill_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FillData *data = task_data;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->geo == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "The base map's data is missing");
      return;
    }

  surface = ret_map_render_tile_surface (data->geo, data->x, data->y, data->zoom,
                                         data->scale_factor);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/* On the main thread: the tile is libshumate's widget-side object. */
static void
fill_tile_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  FillData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  int width, height, stride;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The tile could not be drawn");
      /* Cancelled or failed: the map layer drops the tile and asks again. */
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The bytes keep the surface alive instead of copying its pixels. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height,
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                    GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                    GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                    bytes, stride);

  shumate_tile_set_paintable (data->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (data->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (outer, TRUE);
}

static void
ret_map_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  RetMapSource *self = RET_MAP_SOURCE (source);
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  FillData *data;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ret_map_source_fill_tile_async);

  data = g_new0 (FillData, 1);
  data->geo = self->geo != NULL ? ret_geo_ref (self->geo) : NULL;
  data->tile = g_object_ref (tile);
  data->x = shumate_tile_get_x (tile);
  data->y = shumate_tile_get_y (tile);
  data->zoom = shumate_tile_get_zoom_level (tile);
  data->scale_factor = self->scale_factor;

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  task = g_task_new (self, cancellable, fill_tile_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, ret_map_source_fill_tile_async);
  g_task_set_task_data (task, data, (GDestroyNotify) fill_data_free);
  g_task_run_in_thread (task, fill_tile_thread);
}

static gboolean
ret_map_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ret_map_source_finalize (GObject *object)
{
  RetMapSource *self = RET_MAP_SOURCE (object);

  g_clear_pointer (&self->geo, ret_geo_unref);

  G_OBJECT_CLASS (ret_map_source_parent_class)->finalize (object);
}

static void
ret_map_source_class_init (RetMapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = ret_map_source_finalize;

  source_class->fill_tile_async = ret_map_source_fill_tile_async;
  source_class->fill_tile_finish = ret_map_source_fill_tile_finish;
}

static void
ret_map_source_init (RetMapSource *self)
{
  RetGeo *geo = ret_geo_get_default ();

  self->scale_factor = 1;

  /* A broken installation: tiles then fail, the rest of the app works. */
  if (geo != NULL)
    self->geo = ret_geo_ref (geo);
}

/**
 * ret_map_source_new:
 *
 * The offline base map, zoom 3 to 12; the tile cache keys on its id.
 */
RetMapSource *
ret_map_source_new (void)
{
  return g_object_new (RET_TYPE_MAP_SOURCE,
                       "id", RET_MAP_SOURCE_ID,
                       "name", _("Offline base map"),
                       "license", _("Base map: Natural Earth (public domain) and US Census Bureau "
                                    "cartographic boundaries (public domain); place names from "
                                    "GeoNames (CC BY 4.0)"),
                       "license-uri", "https://www.naturalearthdata.com/about/terms-of-use/",
                       "min-zoom-level", 3,
                       "max-zoom-level", 12,
                       "tile-size", RET_TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}

/**
 * ret_map_source_set_scale_factor:
 *
 * Tiles filled from now on are drawn with @scale_factor device pixels
 * per logical pixel (1 or 2), so that they are crisp on that display.
 */
void
ret_map_source_set_scale_factor (RetMapSource *self,
                                 guint         scale_factor)
{
  g_return_if_fail (RET_IS_MAP_SOURCE (self));

  self->scale_factor = CLAMP (scale_factor, 1u, 4u);
}

guint
ret_map_source_get_scale_factor (RetMapSource *self)
{
  g_return_val_if_fail (RET_IS_MAP_SOURCE (self), 1);

  return self->scale_factor;
}
