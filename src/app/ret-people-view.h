/* ret-people-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-person-list.h"
#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_PEOPLE_VIEW (ret_people_view_get_type ())
G_DECLARE_FINAL_TYPE (RetPeopleView, ret_people_view, RET, PEOPLE_VIEW, AdwBin)

void           ret_people_view_set_store       (RetPeopleView *self,
                                                RetStore      *store);
RetPersonList *ret_people_view_get_list        (RetPeopleView *self);
GtkColumnView *ret_people_view_get_column_view (RetPeopleView *self);
void           ret_people_view_select          (RetPeopleView *self,
                                                guint          position);
void           ret_people_view_focus_search    (RetPeopleView *self);
void           ret_people_view_save            (RetPeopleView *self);
const char    *ret_people_view_get_count_text  (RetPeopleView *self);

G_END_DECLS
