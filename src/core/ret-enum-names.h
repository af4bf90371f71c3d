/* ret-enum-names.h — a small enum as text, through a static table of names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names a small enum is stored and scripted by are a table indexed by
 * the value; these turn a value into its name (or label) and back, so that
 * each enum only writes down its table.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @names and their number, for the functions below: RET_ENUM_NAMES (table) */
#define RET_ENUM_NAMES(names) (names), G_N_ELEMENTS (names)

/* The name of @value, or NULL (with a critical) if it has none */
const char *ret_enum_names_to_string   (const char * const *names,
                                        guint               n_names,
                                        guint               value);
/* The value named @text, or -1 if none is (or @text is NULL) */
int         ret_enum_names_lookup      (const char * const *names,
                                        guint               n_names,
                                        const char         *text);
/* The translated label of @value, from a table marked with N_() */
const char *ret_enum_names_label       (const char * const *labels,
                                        guint               n_labels,
                                        guint               value);

G_END_DECLS
