/* ret-enum-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-enum-names"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-enum-names.h"

const char *
ret_enum_names_to_string (const char * const *names,
                          guint               n_names,
                          guint               value)
{
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (value < n_names, NULL);

  return names[value];
}

int
ret_enum_names_lookup (const char * const *names,
                       guint               n_names,
                       const char         *text)
{
  g_return_val_if_fail (names != NULL, -1);

  for (guint i = 0; text != NULL && i < n_names; i++)
    if (strcmp (text, names[i]) == 0)
      return (int) i;

  return -1;
}

const char *
ret_enum_names_label (const char * const *labels,
                      guint               n_labels,
                      guint               value)
{
  const char *label = ret_enum_names_to_string (labels, n_labels, value);

  return label != NULL ? _(label) : NULL;
}
