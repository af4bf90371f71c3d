/* ret-transfer-dialog.h — one transfer and its document chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_TYPE_TRANSFER_DIALOG (ret_transfer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RetTransferDialog, ret_transfer_dialog, RET, TRANSFER_DIALOG, AdwWindow)

/* A window, modal to @parent, showing the transfer @code: its header and
 * status, the advance notices (R08), the handover record of the
 * transfer and of each person on it (R19), and the checks that concern
 * it.  The caller presents it; it follows the store's "changed" signal
 * until it is closed. */
GtkWidget  *ret_transfer_dialog_new      (GtkWindow  *parent,
                                          RetStore   *store,
                                          const char *code);

const char *ret_transfer_dialog_get_code (RetTransferDialog *self);

G_END_DECLS
