/* ret-unsaved-dialog.c — the one question asked before an edit is left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-unsaved-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-unsaved-dialog.h"

/*
 * ret_unsaved_dialog_new:
 * @can_save: whether the edit is valid and may be saved as it is
 *
 * A dialog with the responses "keep" (also what closing it means),
 * "discard" and "save"; the caller connects to "response" and presents
 * it.  Every view that edits records asks the same way, so an edit is
 * never dropped silently.
 */
AdwMessageDialog *
ret_unsaved_dialog_new (GtkWindow  *parent,
                        const char *body,
                        gboolean    can_save)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", can_save);
  adw_message_dialog_set_default_response (dialog, can_save ? "save" : "keep");
  adw_message_dialog_set_close_response (dialog, "keep");

  return dialog;
}
