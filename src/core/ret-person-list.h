/* ret-person-list.h — the persons of a store as a lazily filled list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_PERSON_LIST (ret_person_list_get_type ())
G_DECLARE_FINAL_TYPE (RetPersonList, ret_person_list, RET, PERSON_LIST, GObject)

RetPersonList   *ret_person_list_new          (RetStore        *store);
RetStore        *ret_person_list_get_store    (RetPersonList   *self);
void             ret_person_list_set_search   (RetPersonList   *self,
                                               const char      *search);
const char      *ret_person_list_get_search   (RetPersonList   *self);
void             ret_person_list_set_filter   (RetPersonList   *self,
                                               RetPersonFilter  filter);
RetPersonFilter  ret_person_list_get_filter   (RetPersonList   *self);
void             ret_person_list_reload       (RetPersonList   *self);
void             ret_person_list_person_changed (RetPersonList *self,
                                               gint64           id);
guint            ret_person_list_find         (RetPersonList   *self,
                                               gint64           id);
guint            ret_person_list_get_n_loaded (RetPersonList   *self);

G_END_DECLS
