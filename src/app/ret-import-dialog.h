/* ret-import-dialog.h — importing a custody roster from the GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ret-store.h"

G_BEGIN_DECLS

/* Asks for a roster file (CSV), imports it in the background behind a
 * modal, cancellable progress window, then says what happened: how many
 * persons were imported, or every problem of the file (nothing is
 * imported then), in a list that can be selected and copied. */
void ret_import_dialog_run          (GtkWindow  *parent,
                                     RetStore   *store,
                                     const char *actor);

/* The same, for a file already chosen (drag and drop, tests). */
void ret_import_dialog_run_for_file (GtkWindow  *parent,
                                     RetStore   *store,
                                     const char *actor,
                                     GFile      *file);

G_END_DECLS
