/* ret-map-view.h — the Map page: the offline base map and the points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_MAP_VIEW (ret_map_view_get_type ())
G_DECLARE_FINAL_TYPE (RetMapView, ret_map_view, RET, MAP_VIEW, GtkWidget)

RetMapView         *ret_map_view_new              (void);
void                ret_map_view_set_store        (RetMapView *self,
                                                   RetStore   *store);
void                ret_map_view_reload           (RetMapView *self);
ShumateMap         *ret_map_view_get_map          (RetMapView *self);
ShumateMarkerLayer *ret_map_view_get_point_layer  (RetMapView *self);
void                ret_map_view_go_to            (RetMapView *self,
                                                   double      latitude,
                                                   double      longitude,
                                                   double      zoom);

G_END_DECLS
