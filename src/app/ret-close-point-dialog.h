/* ret-close-point-dialog.h — "Close Point…": an emergency closure and the re-plan it needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

/* Reads the form as the dialog does: @from_text and @until_text
 * "YYYY-MM-DD HH:MM" at @zone's clock, @until_text blank for "until
 * further notice" (*@until_utc 0), @reason not blank.  %FALSE with
 * @error naming the field otherwise. */
gboolean     ret_close_point_read_form        (GTimeZone   *zone,
                                               const char  *from_text,
                                               const char  *until_text,
                                               const char  *reason,
                                               gint64      *from_utc,
                                               gint64      *until_utc,
                                               GError     **error);

#define RET_TYPE_CLOSE_POINT_DIALOG (ret_close_point_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RetClosePointDialog, ret_close_point_dialog, RET, CLOSE_POINT_DIALOG, AdwWindow)

RetClosePointDialog *ret_close_point_dialog_new (GtkWindow      *parent,
                                                 RetStore       *store,
                                                 const RetPoint *point);

void         ret_close_point_dialog_set_from   (RetClosePointDialog *self,
                                                const char          *text);
void         ret_close_point_dialog_set_until  (RetClosePointDialog *self,
                                                const char          *text);
void         ret_close_point_dialog_set_reason (RetClosePointDialog *self,
                                                const char          *text);
/* Whether the Close Point button may be pressed. */
gboolean     ret_close_point_dialog_can_close  (RetClosePointDialog *self);

/*
 * Records the closure, as the button does.  With transfers affected, a
 * re-plan window (RetPlanDialog, transient for this window's parent)
 * opens on them and this window closes; with none, this window says so.
 * On refusal the window stays, with the reason shown.
 */
gboolean     ret_close_point_dialog_close_point (RetClosePointDialog *self);

const char  *ret_close_point_dialog_get_error  (RetClosePointDialog *self);
/* The codes of the transfers the closure affected; %NULL before it is
 * recorded. */
const char * const *ret_close_point_dialog_get_affected (RetClosePointDialog *self);
/* The re-plan window it opened, or %NULL. */
GtkWindow   *ret_close_point_dialog_get_replan_window (RetClosePointDialog *self);

G_END_DECLS
