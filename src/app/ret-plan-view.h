/* ret-plan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-checks-panel.h"
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
void         ret_plan_view_set_show_checks (RetPlanView *self,
                                            gboolean     show_checks);
gboolean     ret_plan_view_get_show_checks (RetPlanView *self);
RetChecksPanel *ret_plan_view_get_checks_panel (RetPlanView *self);
void         ret_plan_view_select_transfer (RetPlanView *self,
                                            const char  *code);
const char  *ret_plan_view_get_selected_transfer (RetPlanView *self);

G_END_DECLS
