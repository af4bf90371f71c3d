/* ret-text.c — text folding shared by search and the gazetteer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-text"

#include "config.h"

#include <string.h>

#include "ret-text.h"

/*
 * ret_text_fold_unicode:
 * @text: UTF-8 text
 *
 * Folds @text for matching: decomposes it, drops combining marks,
 * case-folds, and turns every run of punctuation or spaces into one
 * space, trimmed.  "Michoacán de Ocampo" and "MICHOACAN  DE-OCAMPO" fold
 * to the same string.  Invalid UTF-8 folds to an empty string.
 *
 * This is the definition; ret_text_fold() gives the same result faster.
 *
 * Returns: (transfer full): the folded text
 */
char *
ret_text_fold_unicode (const char *text)
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

/* What folding makes of the Latin-1 letters U+00C0..U+00FF, indexed by
 * the second byte of their UTF-8 form; 0 where it is not one ASCII
 * letter. */
static const char latin1_folded[64] = {
  'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
  0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 0, 'u', 'u', 'u', 'u', 'y', 0, 0,
  'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
  0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 0, 'u', 'u', 'u', 'u', 'y', 0, 'y',
};

/*
 * ret_text_fold_into:
 * @out: where the folded text goes (its contents are replaced)
 *
 * Folds @text as ret_text_fold_unicode() does.  Names and places are
 * ASCII with the odd accented vowel or ñ; normalising each of them is
 * most of the cost of an import or of loading the gazetteer, so those
 * are folded directly and anything else takes the Unicode path.
 *
 * Returns: @out's string
 */
const char *
ret_text_fold_into (GString    *out,
                    const char *text)
{
  gboolean pending_space = FALSE;

  g_string_truncate (out, 0);
  if (text == NULL)
    return out->str;

  for (const guchar *p = (const guchar *) text; *p != '\0'; )
    {
      char c;

      if (*p < 0x80)
        {
          c = g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '\0';
          p++;
        }
      else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF &&
               latin1_folded[p[1] - 0x80] != '\0')
        {
          c = latin1_folded[p[1] - 0x80];
          p += 2;
        }
      else
        {
          g_autofree char *folded = ret_text_fold_unicode (text);

          g_string_assign (out, folded);
          return out->str;
        }

      if (c == '\0')
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, c);
    }

  return out->str;
}

/*
 * ret_text_fold:
 *
 * Returns: (transfer full): @text folded for matching; see
 *   ret_text_fold_unicode()
 */
char *
ret_text_fold (const char *text)
{
  GString *out = g_string_sized_new (text != NULL ? strlen (text) : 0);

  ret_text_fold_into (out, text);
  return g_string_free (out, FALSE);
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
