/* ret-resolve-dialog.h — override a hard violation, acknowledge a warning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-rules.h"
#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_RESOLVE_DIALOG (ret_resolve_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RetResolveDialog, ret_resolve_dialog, RET, RESOLVE_DIALOG, AdwWindow)

/* A window, modal to @parent, that asks the reason and the approver of
 * an override (for a hard violation) or an acknowledgement (for a
 * warning) and stores it.  @approver prefills the approver; @actor is
 * the name the audit log records.  The caller presents it; it closes
 * itself once stored, after emitting "resolved". */
GtkWidget  *ret_resolve_dialog_new          (GtkWindow          *parent,
                                             RetStore           *store,
                                             const RetViolation *violation,
                                             const char         *approver,
                                             const char         *actor);

void        ret_resolve_dialog_set_reason   (RetResolveDialog   *self,
                                             const char         *reason);
void        ret_resolve_dialog_set_approver (RetResolveDialog   *self,
                                             const char         *approver);
const char *ret_resolve_dialog_get_approver (RetResolveDialog   *self);
gboolean    ret_resolve_dialog_can_resolve  (RetResolveDialog   *self);
gboolean    ret_resolve_dialog_resolve      (RetResolveDialog   *self);
const char *ret_resolve_dialog_get_error    (RetResolveDialog   *self);

/* Both the reason and the approver are needed, and blanks do not count. */
gboolean    ret_resolve_inputs_valid        (const char         *reason,
                                             const char         *approver);

G_END_DECLS
