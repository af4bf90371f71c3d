/* ret-person-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_PERSON_DETAILS (ret_person_details_get_type ())
G_DECLARE_FINAL_TYPE (RetPersonDetails, ret_person_details, RET, PERSON_DETAILS, AdwBin)

void        ret_person_details_set_store     (RetPersonDetails *self,
                                              RetStore         *store);
void        ret_person_details_set_person_id (RetPersonDetails *self,
                                              gint64            id);
gint64      ret_person_details_get_person_id (RetPersonDetails *self);
gboolean    ret_person_details_get_modified  (RetPersonDetails *self);
gboolean    ret_person_details_save          (RetPersonDetails *self);
void        ret_person_details_revert        (RetPersonDetails *self);
const char *ret_person_details_get_error     (RetPersonDetails *self);

/* What the pane says about a record; pure, for tests without a display */
char       *ret_person_details_format_screening (const RetScreening *screening,
                                                 const char         *zone,
                                                 gint64              now);
char       *ret_person_details_format_inventory (GPtrArray          *belongings,
                                                 gboolean            inventoried);

G_END_DECLS
