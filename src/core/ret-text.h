/* ret-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *ret_text_fold             (const char *text);
char       *ret_text_fold_unicode     (const char *text);
const char *ret_text_fold_into        (GString    *out,
                                       const char *text);
gboolean  ret_text_is_formula_like    (const char *text);
char     *ret_text_csv_safe           (const char *text);

G_END_DECLS
