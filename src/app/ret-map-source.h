/* ret-map-source.h — the offline base map as a libshumate map source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define RET_MAP_SOURCE_ID "retorno-offline"

#define RET_TYPE_MAP_SOURCE (ret_map_source_get_type ())
G_DECLARE_FINAL_TYPE (RetMapSource, ret_map_source, RET, MAP_SOURCE, ShumateMapSource)

RetMapSource *ret_map_source_new              (void);
void          ret_map_source_set_scale_factor (RetMapSource *self,
                                               guint         scale_factor);
guint         ret_map_source_get_scale_factor (RetMapSource *self);

G_END_DECLS
