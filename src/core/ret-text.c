/* ret-text.c — text folding shared by search and the gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-text"

#include "config.h"

#include <string.h>

#include "ret-text.h"

/*
 * ret_text_fold:
 * @text: UTF-8 text
 *
 * Folds @text for matching: decomposes it, drops combining marks,
 * case-folds, and turns every run of punctuation or spaces into one
 * space, trimmed.  "Michoacán de Ocampo" and "MICHOACAN  DE-OCAMPO" fold
 * to the same string.  Invalid UTF-8 folds to an empty string.
 *
 * Returns: (transfer full): the folded text
 */
char *
ret_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) out = NULL;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK ||
          type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;

      if (!g_unichar_isalnum (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/*
 * ret_text_is_formula_like:
 *
 * Whether a spreadsheet would run @text as a formula when it opens a CSV
 * file holding it.
 */
gboolean
ret_text_is_formula_like (const char *text)
{
  if (text == NULL)
    return FALSE;

  return text[0] == '=' || text[0] == '+' || text[0] == '-' ||
         text[0] == '@' || text[0] == '\t' || text[0] == '\r';
}

/*
 * ret_text_csv_safe:
 *
 * Returns @text as it may go into an exported CSV cell: a leading
 * apostrophe keeps spreadsheets from evaluating formula-like cells.
 */
char *
ret_text_csv_safe (const char *text)
{
  if (ret_text_is_formula_like (text))
    return g_strconcat ("'", text, NULL);

  return g_strdup (text != NULL ? text : "");
}
