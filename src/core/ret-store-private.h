/* ret-store-private.h — for the core's own modules and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ret-store.h"

G_BEGIN_DECLS

RetStore  *_ret_store_open_at_version (const char  *path,
                                       int          target,
                                       GError     **error);
gboolean   _ret_store_migrate         (RetStore    *self,
                                       int          target,
                                       GError     **error);
gboolean   _ret_store_begin           (RetStore    *self,
                                       GError     **error);
gboolean   _ret_store_begin_read      (RetStore    *self,
                                       GError     **error);
void       _ret_store_end_read        (RetStore    *self);
gboolean   _ret_store_commit          (RetStore    *self,
                                       GError     **error);
void       _ret_store_rollback        (RetStore    *self);
gboolean   _ret_store_audit           (RetStore    *self,
                                       const char  *actor,
                                       const char  *action,
                                       const char  *entity,
                                       const char  *entity_id,
                                       const char  *detail_json,
                                       GError     **error);

gint64     _ret_store_add_transfer    (RetStore           *self,
                                       const RetTransfer  *transfer,
                                       GError            **error);

G_END_DECLS
