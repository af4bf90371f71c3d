/* ret-points-view.h — the repatriation points and what a coordinator edits of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_POINTS_VIEW (ret_points_view_get_type ())
G_DECLARE_FINAL_TYPE (RetPointsView, ret_points_view, RET, POINTS_VIEW, AdwBin)

GtkWidget *ret_points_view_new       (void);
RetStore  *ret_points_view_get_store (RetPointsView *self);
void       ret_points_view_set_store (RetPointsView *self,
                                      RetStore      *store);

G_END_DECLS
