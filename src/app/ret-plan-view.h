/* ret-plan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_PLAN_VIEW (ret_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (RetPlanView, ret_plan_view, RET, PLAN_VIEW, AdwBin)

void         ret_plan_view_set_store (RetPlanView *self,
                                      RetStore    *store);
RetStore    *ret_plan_view_get_store (RetPlanView *self);
void         ret_plan_view_set_date  (RetPlanView *self,
                                      const GDate *date);
void         ret_plan_view_get_date  (RetPlanView *self,
                                      GDate       *date);
GtkListBox  *ret_plan_view_get_list  (RetPlanView *self);

G_END_DECLS
