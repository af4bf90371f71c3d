/* ret-gazetteer.c — Mexican states, municipalities and localities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-gazetteer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-core.h"
#include "ret-gazetteer.h"
#include "ret-text.h"

/*
 * The data is a TSV file (data/gazetteer/mx-places.tsv, made by
 * tools/gazetteer/convert.mjs).  Lines starting with '#' and blank lines
 * are skipped; every other line has seven tab-separated fields:
 *
 *   kind  code  name  latitude  longitude  approximate  aliases
 *
 * kind is S (state, 2-digit INEGI code), M (municipality, 5-digit code
 * whose first two digits are its state's) or L (locality; the code is its
 * municipality's).  approximate is 0 or 1; aliases are other names,
 * separated by '|', possibly none.  A state comes before its
 * municipalities and a municipality before its localities.
 */

#define N_FIELDS 7
#define MAX_CANDIDATES_SHOWN 5

/* How well a name fits a municipality: an official name beats an
 * alias, and an alias beats the name of a locality in it. */
typedef enum
{
  TIER_NAME,
  TIER_ALIAS,
  TIER_LOCALITY,
} Tier;

typedef struct _Place Place;

typedef struct _Match Match;
struct _Match
{
  const Place *place;
  const char  *locality;  /* the locality's own name, for TIER_LOCALITY */
  Tier         tier;
  Match       *next;      /* further places the same folded name fits */
};

struct _Place
{
  RetPlace    public;     /* first, so that a RetPlace * is a Place * */
  GHashTable *names;      /* states only: folded name → Match chain */
};

#define MATCH_BLOCK 1024

struct _RetGazetteer
{
  char         *text;     /* the file, cut into fields in place */
  GStringChunk *keys;     /* folded names */
  GPtrArray    *places;   /* (element-type Place) states, then municipalities */
  GHashTable   *by_code;  /* code → Place */
  GHashTable   *states;   /* folded state name or alias → Place */
  GPtrArray    *match_blocks;
  guint         n_matches_in_block;
  GString      *scratch;  /* while parsing */
};

G_DEFINE_QUARK (ret-gazetteer-error-quark, ret_gazetteer_error)

static RetGazetteer *default_gazetteer = NULL;

static void
place_free (gpointer data)
{
  Place *place = data;

  g_clear_pointer (&place->names, g_hash_table_unref);
  g_free (place);
}

/*
 * ret_gazetteer_free:
 *
 * Frees a gazetteer made by ret_gazetteer_new_from_bytes().  The default
 * gazetteer lives as long as the process and must not be freed.
 */
void
ret_gazetteer_free (RetGazetteer *self)
{
  if (self == NULL)
    return;

  g_return_if_fail (self != default_gazetteer);

  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->match_blocks, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  g_clear_pointer (&self->text, g_free);
  if (self->scratch != NULL)
    g_string_free (g_steal_pointer (&self->scratch), TRUE);
  g_free (self);
}

static Match *
new_match (RetGazetteer *self)
{
  Match *block;

  /* Matches are many, small and freed all at once: carve them out of
   * blocks instead of allocating each. */
  if (self->match_blocks->len == 0 || self->n_matches_in_block == MATCH_BLOCK)
    {
      g_ptr_array_add (self->match_blocks, g_new (Match, MATCH_BLOCK));
      self->n_matches_in_block = 0;
    }

  block = g_ptr_array_index (self->match_blocks, self->match_blocks->len - 1);
  return &block[self->n_matches_in_block++];
}

/* Folds @text into @out as ret_text_fold() does, without allocating. */
static const char *
fold_key (GString    *out,
          const char *text)
{
  return ret_text_fold_into (out, text);
}

static gboolean
is_digits (const char *s,
           gsize       length)
{
  if (length == 0 || strlen (s) != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;

  return TRUE;
}

static gboolean
all_digits (const char *s)
{
  return is_digits (s, strlen (s));
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *value)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;

  *value = g_ascii_strtod (text, &end);

  return end != NULL && *end == '\0' && isfinite (*value) && fabs (*value) <= limit;
}

/* Adds @place under the folded form of @name in @state's index.  Returns
 * FALSE when @name has nothing to match on. */
static gboolean
index_name (RetGazetteer *self,
            Place        *state,
            const char   *name,
            const Place  *place,
            Tier          tier,
            const char   *locality)
{
  const char *key = fold_key (self->scratch, name);
  Match *match;
  Match *head;

  if (*key == '\0')
    return FALSE;

  match = new_match (self);
  match->place = place;
  match->locality = locality;
  match->tier = tier;
  match->next = NULL;

  head = g_hash_table_lookup (state->names, key);
  if (head == NULL)
    {
      g_hash_table_insert (state->names, g_string_chunk_insert (self->keys, key), match);
    }
  else
    {
      /* Kept in file order, so that the first locality of a name is the
       * one reported. */
      while (head->next != NULL)
        head = head->next;
      head->next = match;
    }

  return TRUE;
}

static gboolean
index_state_name (RetGazetteer  *self,
                  Place         *state,
                  const char    *name,
                  guint          line,
                  GError       **error)
{
  const char *key = fold_key (self->scratch, name);
  Place *other;

  if (*key == '\0')
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: the name “%s” has no letters or digits"), line, name);
      return FALSE;
    }

  other = g_hash_table_lookup (self->states, key);
  if (other != NULL && other != state)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: “%s” already names the state %s"),
                   line, name, other->public.code);
      return FALSE;
    }

  g_hash_table_insert (self->states, g_string_chunk_insert (self->keys, key), state);
  return TRUE;
}

/* Cuts @aliases at each '|' in place; empty pieces are dropped. */
static GPtrArray *
split_aliases (char *aliases)
{
  GPtrArray *list = g_ptr_array_new ();
  char *p = aliases;

  while (*p != '\0')
    {
      char *bar = strchr (p, '|');

      if (bar != NULL)
        *bar = '\0';
      if (*p != '\0')
        g_ptr_array_add (list, p);
      if (bar == NULL)
        break;
      p = bar + 1;
    }

  return list;
}

static gboolean
parse_row (RetGazetteer  *self,
           char         **field,
           guint          line,
           GError       **error)
{
  const char *kind = field[0];
  const char *code = field[1];
  const char *name = field[2];
  g_autoptr(GPtrArray) aliases = NULL;
  double latitude;
  double longitude;
  gboolean approximate;
  Place *state;
  Place *place;

  if (strcmp (kind, "S") != 0 && strcmp (kind, "M") != 0 && strcmp (kind, "L") != 0)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: unknown row kind “%s”"), line, kind);
      return FALSE;
    }

  if (!is_digits (code, kind[0] == 'S' ? 2 : 5))
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: “%s” is not a valid INEGI code here"), line, code);
      return FALSE;
    }

  if (*name == '\0')
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: the name is empty"), line);
      return FALSE;
    }

  if (!parse_coordinate (field[3], 90.0, &latitude) ||
      !parse_coordinate (field[4], 180.0, &longitude))
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: “%s, %s” are not valid coordinates"),
                   line, field[3], field[4]);
      return FALSE;
    }

  if (strcmp (field[5], "0") != 0 && strcmp (field[5], "1") != 0)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: the approximate flag is “%s”, not 0 or 1"),
                   line, field[5]);
      return FALSE;
    }
  approximate = field[5][0] == '1';

  aliases = split_aliases (field[6]);

  if (kind[0] == 'L')
    {
      Place *municipality = g_hash_table_lookup (self->by_code, code);

      if (municipality == NULL || municipality->public.kind != RET_PLACE_MUNICIPALITY)
        {
          g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                       _("line %u: the locality “%s” is in municipality %s, "
                         "which is not listed before it"), line, name, code);
          return FALSE;
        }

      /* Localities are only names to find their municipality by; their
       * coordinates are kept in the file for other uses. */
      state = g_hash_table_lookup (self->by_code, municipality->public.state_code);
      if (!index_name (self, state, name, municipality, TIER_LOCALITY, name))
        goto no_letters;
      for (guint i = 0; i < aliases->len; i++)
        if (!index_name (self, state, aliases->pdata[i], municipality, TIER_LOCALITY, name))
          {
            name = aliases->pdata[i];
            goto no_letters;
          }

      return TRUE;
    }

  if (g_hash_table_contains (self->by_code, code))
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: the code %s appears twice"), line, code);
      return FALSE;
    }

  place = g_new0 (Place, 1);
  place->public.code = code;
  place->public.name = name;
  place->public.latitude = latitude;
  place->public.longitude = longitude;
  place->public.approximate = approximate;
  g_ptr_array_add (self->places, place);

  if (kind[0] == 'S')
    {
      place->public.kind = RET_PLACE_STATE;
      place->public.state_code = code;
      place->names = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->by_code, (gpointer) code, place);

      if (!index_state_name (self, place, name, line, error))
        return FALSE;
      for (guint i = 0; i < aliases->len; i++)
        if (!index_state_name (self, place, aliases->pdata[i], line, error))
          return FALSE;

      return TRUE;
    }

  /* A municipality: its state code is the first two digits, kept as the
   * state's own string so that it lives as long as the gazetteer. */
  {
    char state_code[3] = { code[0], code[1], '\0' };

    state = g_hash_table_lookup (self->by_code, state_code);
  }
  if (state == NULL || state->public.kind != RET_PLACE_STATE)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: the municipality %s belongs to no state listed before it"),
                   line, code);
      return FALSE;
    }

  place->public.kind = RET_PLACE_MUNICIPALITY;
  place->public.state_code = state->public.code;
  g_hash_table_insert (self->by_code, (gpointer) code, place);

  if (!index_name (self, state, name, place, TIER_NAME, NULL))
    goto no_letters;
  for (guint i = 0; i < aliases->len; i++)
    if (!index_name (self, state, aliases->pdata[i], place, TIER_ALIAS, NULL))
      {
        name = aliases->pdata[i];
        goto no_letters;
      }

  return TRUE;

no_letters:
  g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
               _("line %u: the name “%s” has no letters or digits"), line, name);
  return FALSE;
}

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const RetPlace *pa = *(const RetPlace * const *) a;
  const RetPlace *pb = *(const RetPlace * const *) b;

  if (pa->kind != pb->kind)
    return pa->kind == RET_PLACE_STATE ? -1 : 1;

  return strcmp (pa->code, pb->code);
}

/*
 * ret_gazetteer_new_from_bytes:
 * @data: a gazetteer file (see the top of this file for its format)
 *
 * Parses @data into a gazetteer.  Fails with %RET_GAZETTEER_ERROR_DATA,
 * naming the line, when the data is malformed.
 *
 * Returns: (transfer full) (nullable): the gazetteer
 */
RetGazetteer *
ret_gazetteer_new_from_bytes (GBytes  *data,
                              GError **error)
{
  g_autoptr(RetGazetteer) self = NULL;
  const char *bytes;
  const char *invalid = NULL;
  gsize length;
  guint line = 0;
  char *p;
  char *end;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &length);

  if (length > 0 && !g_utf8_validate_len (bytes, length, &invalid))
    {
      guint bad_line = 1;

      for (const char *q = bytes; q < invalid; q++)
        if (*q == '\n')
          bad_line++;
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                   _("line %u: not valid UTF-8 text"), bad_line);
      return NULL;
    }

  self = g_new0 (RetGazetteer, 1);
  /* One copy of the file holds every name: fields are cut in place. */
  self->text = g_malloc (length + 1);
  if (length > 0)
    memcpy (self->text, bytes, length);
  self->text[length] = '\0';
  self->keys = g_string_chunk_new (64 * 1024);
  self->places = g_ptr_array_new_with_free_func (place_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->states = g_hash_table_new (g_str_hash, g_str_equal);
  self->match_blocks = g_ptr_array_new_with_free_func (g_free);
  self->scratch = g_string_sized_new (256);

  end = self->text + length;
  for (p = self->text; p < end; )
    {
      char *eol = memchr (p, '\n', end - p);
      char *field[N_FIELDS];
      guint n_fields = 1;

      if (eol == NULL)
        eol = end;
      *eol = '\0';
      line++;

      if (eol > p && eol[-1] == '\r')
        eol[-1] = '\0';

      if (*p == '\0' || *p == '#')
        {
          p = eol + 1;
          continue;
        }

      field[0] = p;
      for (char *q = p; *q != '\0'; q++)
        {
          if (*q != '\t')
            continue;
          *q = '\0';
          if (n_fields < N_FIELDS)
            field[n_fields] = q + 1;
          n_fields++;
        }

      if (n_fields != N_FIELDS)
        {
          g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                       _("line %u: %u fields instead of %u"), line, n_fields, N_FIELDS);
          return NULL;
        }

      if (!parse_row (self, field, line, error))
        return NULL;

      p = eol + 1;
    }

  if (self->places->len == 0)
    {
      g_set_error_literal (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA,
                           _("the gazetteer data lists no places"));
      return NULL;
    }

  g_ptr_array_sort (self->places, compare_places);
  g_string_free (g_steal_pointer (&self->scratch), TRUE);

  return g_steal_pointer (&self);
}

/*
 * ret_gazetteer_get_default:
 *
 * The gazetteer bundled with the program, loaded on first use from any
 * thread.  It is never freed; it is safe to look places up in it from
 * several threads at once, since lookups only read.
 *
 * Returns: (transfer none) (nullable): the gazetteer, or %NULL if the
 *   bundled data cannot be loaded (a broken installation)
 */
RetGazetteer *
ret_gazetteer_get_default (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      bytes = ret_core_lookup_data ("gazetteer/mx-places.tsv", &error);
      if (bytes != NULL)
        default_gazetteer = ret_gazetteer_new_from_bytes (bytes, &error);

      if (default_gazetteer == NULL)
        g_warning ("The bundled gazetteer cannot be loaded: %s", error->message);
      else
        g_debug ("Gazetteer loaded: %u places in %.1f ms",
                 default_gazetteer->places->len,
                 (g_get_monotonic_time () - start) / 1000.0);

      g_once_init_leave (&initialized, 1);
    }

  return default_gazetteer;
}

/*
 * ret_gazetteer_get:
 * @code: an INEGI code exactly as written in the data: "16" or "16053"
 *
 * Returns: (transfer none) (nullable): the place with that code
 */
const RetPlace *
ret_gazetteer_get (RetGazetteer *self,
                   const char   *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (code == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_code, code);
}

/*
 * ret_gazetteer_lookup_state:
 * @name_or_code: an INEGI state code ("16", or "7" for "07"), the state's
 *   official name, or one of its other names or abbreviations ("CDMX",
 *   "Edomex", "Mich."); case, accents and punctuation do not matter
 *
 * Returns: (transfer none) (nullable): the state, or %NULL with
 *   %RET_GAZETTEER_ERROR_UNKNOWN_STATE
 */
const RetPlace *
ret_gazetteer_lookup_state (RetGazetteer  *self,
                            const char    *name_or_code,
                            GError       **error)
{
  g_autofree char *wanted = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  const Place *state = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wanted = g_strstrip (g_strdup (name_or_code != NULL ? name_or_code : ""));
  if (*wanted == '\0')
    {
      g_set_error_literal (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_STATE,
                           _("no state given"));
      return NULL;
    }

  if (all_digits (wanted))
    {
      if (strlen (wanted) <= 2)
        {
          char code[3] = { '0', '0', '\0' };

          memcpy (code + 2 - strlen (wanted), wanted, strlen (wanted));
          state = g_hash_table_lookup (self->by_code, code);
        }
    }
  else
    {
      state = g_hash_table_lookup (self->states, fold_key (key, wanted));
    }

  if (state == NULL || state->public.kind != RET_PLACE_STATE)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_STATE,
                   _("unknown state “%s”"), wanted);
      return NULL;
    }

  return &state->public;
}

static int
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  const RetPlace *pa = *(const RetPlace * const *) a;
  const RetPlace *pb = *(const RetPlace * const *) b;

  return strcmp (pa->code, pb->code);
}

static void
set_ambiguous (GError        **error,
               const char     *wanted,
               const RetPlace *state,
               GPtrArray      *candidates)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_ptr_array_sort (candidates, compare_by_code);
  for (guint i = 0; i < candidates->len && i < MAX_CANDIDATES_SHOWN; i++)
    {
      const RetPlace *place = candidates->pdata[i];

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "%s (%s)", place->name, place->code);
    }
  if (candidates->len > MAX_CANDIDATES_SHOWN)
    g_string_append (list, ", …");

  g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS,
               ngettext ("“%s” matches %u municipality of %s: %s; use the INEGI code",
                         "“%s” matches %u municipalities of %s: %s; use the INEGI code",
                         candidates->len),
               wanted, candidates->len, state->name, list->str);
}

static const RetPlace *
lookup_municipality_code (RetGazetteer    *self,
                          const RetPlace  *state,
                          const char      *wanted,
                          GError         **error)
{
  gsize length = strlen (wanted);
  const RetPlace *place = NULL;
  char code[6];

  if (length == 5 && strncmp (wanted, state->code, 2) != 0)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
                   _("the municipality %s is not in %s"), wanted, state->name);
      return NULL;
    }

  if (length == 5)
    {
      memcpy (code, wanted, 6);
      place = g_hash_table_lookup (self->by_code, code);
    }
  else if (length <= 3)
    {
      /* "53", "053": the municipality's number within the state. */
      memcpy (code, state->code, 2);
      memset (code + 2, '0', 3);
      memcpy (code + 5 - length, wanted, length);
      code[5] = '\0';
      place = g_hash_table_lookup (self->by_code, code);
    }

  if (place == NULL || place->kind != RET_PLACE_MUNICIPALITY)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
                   _("no municipality of %s has the code %s"), state->name, wanted);
      return NULL;
    }

  return place;
}

/*
 * ret_gazetteer_lookup_municipality:
 * @state: a state of this gazetteer
 * @name_or_code: the municipality's number within the state ("053" or
 *   "53"), its 5-digit INEGI code (which must be in @state), its name,
 *   another name of it, or the name of a locality in it; case, accents
 *   and punctuation do not matter
 * @locality: (out) (optional) (transfer none): set to the locality's own
 *   name when @name_or_code matched a locality, to %NULL otherwise
 *
 * A municipality's own name wins over its other names, and those win
 * over locality names.  A name that still fits several municipalities
 * fails with %RET_GAZETTEER_ERROR_AMBIGUOUS, listing them.
 *
 * Returns: (transfer none) (nullable): the municipality, or %NULL with
 *   %RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY or
 *   %RET_GAZETTEER_ERROR_AMBIGUOUS
 */
const RetPlace *
ret_gazetteer_lookup_municipality (RetGazetteer    *self,
                                   const RetPlace  *state,
                                   const char      *name_or_code,
                                   const char     **locality,
                                   GError         **error)
{
  g_autofree char *wanted = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GPtrArray) candidates = NULL;
  const Match *chain;
  const Match *first = NULL;
  Tier best = TIER_LOCALITY;

  if (locality != NULL)
    *locality = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (state != NULL && state->kind == RET_PLACE_STATE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (g_hash_table_lookup (self->by_code, state->code) == (gpointer) state, NULL);

  wanted = g_strstrip (g_strdup (name_or_code != NULL ? name_or_code : ""));
  if (*wanted == '\0')
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
                   _("no municipality of %s given"), state->name);
      return NULL;
    }

  if (all_digits (wanted))
    return lookup_municipality_code (self, state, wanted, error);

  chain = g_hash_table_lookup (((const Place *) state)->names, fold_key (key, wanted));
  if (chain == NULL)
    {
      g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
                   _("unknown municipality “%s” in %s"), wanted, state->name);
      return NULL;
    }

  for (const Match *m = chain; m != NULL; m = m->next)
    if (m->tier < best)
      best = m->tier;

  candidates = g_ptr_array_new ();
  for (const Match *m = chain; m != NULL; m = m->next)
    {
      if (m->tier != best)
        continue;
      if (first == NULL)
        first = m;
      if (!g_ptr_array_find (candidates, &m->place->public, NULL))
        g_ptr_array_add (candidates, (gpointer) &m->place->public);
    }

  if (candidates->len > 1)
    {
      set_ambiguous (error, wanted, state, candidates);
      return NULL;
    }

  if (locality != NULL && best == TIER_LOCALITY)
    *locality = first->locality;

  return &first->place->public;
}

/*
 * ret_gazetteer_resolve:
 * @state: (nullable): a state as ret_gazetteer_lookup_state() takes it
 * @municipality: (nullable): a municipality as
 *   ret_gazetteer_lookup_municipality() takes it
 * @locality: (out) (optional) (transfer none): as for
 *   ret_gazetteer_lookup_municipality()
 *
 * Resolves a place of origin as a roster gives it.  Without a state,
 * @municipality must be a 5-digit INEGI code; without a municipality,
 * the state itself is returned.
 *
 * Returns: (transfer none) (nullable): the place, or %NULL with an error
 */
const RetPlace *
ret_gazetteer_resolve (RetGazetteer  *self,
                       const char    *state,
                       const char    *municipality,
                       const char   **locality,
                       GError       **error)
{
  g_autofree char *state_wanted = NULL;
  g_autofree char *municipality_wanted = NULL;
  const RetPlace *state_place;

  if (locality != NULL)
    *locality = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  state_wanted = g_strstrip (g_strdup (state != NULL ? state : ""));
  municipality_wanted = g_strstrip (g_strdup (municipality != NULL ? municipality : ""));

  if (*state_wanted == '\0')
    {
      const RetPlace *place;

      if (*municipality_wanted == '\0')
        {
          g_set_error_literal (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_STATE,
                               _("no state given"));
          return NULL;
        }

      if (!is_digits (municipality_wanted, 5))
        {
          g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_STATE,
                       _("no state given for the municipality “%s”"), municipality_wanted);
          return NULL;
        }

      place = g_hash_table_lookup (self->by_code, municipality_wanted);
      if (place == NULL || place->kind != RET_PLACE_MUNICIPALITY)
        {
          g_set_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY,
                       _("no municipality has the code %s"), municipality_wanted);
          return NULL;
        }

      return place;
    }

  state_place = ret_gazetteer_lookup_state (self, state_wanted, error);
  if (state_place == NULL)
    return NULL;

  if (*municipality_wanted == '\0')
    return state_place;

  return ret_gazetteer_lookup_municipality (self, state_place, municipality_wanted,
                                            locality, error);
}

/*
 * ret_gazetteer_get_n_places:
 *
 * Returns: the number of states and municipalities
 */
guint
ret_gazetteer_get_n_places (RetGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->places->len;
}

/*
 * ret_gazetteer_get_nth:
 *
 * The states by code, then the municipalities by code.
 *
 * Returns: (transfer none) (nullable): the place at @index, or %NULL past
 *   the end
 */
const RetPlace *
ret_gazetteer_get_nth (RetGazetteer *self,
                       guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->places->len)
    return NULL;

  return g_ptr_array_index (self->places, index);
}

/*
 * ret_gazetteer_dup_label:
 *
 * Returns: (transfer full): "León, Guanajuato" for a municipality, the
 *   name for a state
 */
char *
ret_gazetteer_dup_label (RetGazetteer   *self,
                         const RetPlace *place)
{
  const RetPlace *state;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (place != NULL, NULL);

  if (place->kind == RET_PLACE_STATE)
    return g_strdup (place->name);

  state = g_hash_table_lookup (self->by_code, place->state_code);
  if (state == NULL)
    return g_strdup (place->name);

  return g_strdup_printf ("%s, %s", place->name, state->name);
}
