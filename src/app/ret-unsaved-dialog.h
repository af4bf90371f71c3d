/* ret-unsaved-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *ret_unsaved_dialog_new (GtkWindow  *parent,
                                          const char *body,
                                          gboolean    can_save);

G_END_DECLS
