/* ret-plan-io.c — plans as JSON, in from other tools and by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan file is checked whole before anything is written, and every
 * problem is reported, each at its place in the document
 * ("transfers[3].point"): a coordinator who fixes a hand-edited plan
 * should not have to run the import once per mistake.  json-glib gives
 * a line and column for syntax errors only, so those name the line and
 * everything else names its JSON path.
 *
 * What the rule check judges (a point outside the sector's arrangement,
 * handover hours, families split) is not an import problem: the plan is
 * stored as a draft and the check says what is wrong with it.
 */

#define G_LOG_DOMAIN "ret-plan-io"

#include "config.h"

#include <sys/stat.h>

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ret-plan-io.h"
#include "ret-store-private.h"
#include "ret-time.h"

/* Past this many problems the list only grows, it no longer helps. */
#define MAX_PROBLEMS 1000

/* The longest part of a value quoted back in a message */
#define EXCERPT_CHARS 40

#define MAX_CODE_CHARS 64

typedef struct
{
  RetStore     *store;
  const char   *display_name;

  GPtrArray    *problems;
  guint         n_problems;

  GHashTable   *codes;        /* transfer code → path of its first use */
  GHashTable   *on_transfer;  /* A-number → path of its first use */
  GHashTable   *unassigned;   /* A-number → path of its first use */
  GHashTable   *facilities;   /* code → GINT_TO_POINTER (known + 1) */
  GHashTable   *points;       /* code → GINT_TO_POINTER (known + 1) */
  GHashTable   *persons;      /* A-number → GINT_TO_POINTER (known + 1),
                               * for the unassigned */
} Checker;

void
ret_plan_problem_free (RetPlanProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

/*
 * ret_plan_problem_format:
 *
 * Formats @problem the way compilers do: `FILE:LINE:COLUMN: problem`
 * for a syntax error, `FILE: path: problem` for a value, `FILE: problem`
 * for the whole file.
 */
char *
ret_plan_problem_format (const RetPlanProblem *problem)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  text = g_string_new (problem->file != NULL ? problem->file : "");
  if (problem->line > 0)
    g_string_append_printf (text, ":%u:%u", problem->line, problem->column);
  g_string_append (text, ": ");
  if (problem->path != NULL)
    g_string_append_printf (text, "%s: ", problem->path);
  g_string_append (text, problem->message != NULL ? problem->message : "");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void add_problem (Checker    *self,
                         guint       line,
                         guint       column,
                         const char *path,
                         const char *format,
                         ...) G_GNUC_PRINTF (5, 6);

static void
add_problem (Checker    *self,
             guint       line,
             guint       column,
             const char *path,
             const char *format,
             ...)
{
  RetPlanProblem *problem;
  va_list args;

  self->n_problems++;
  if (self->n_problems > MAX_PROBLEMS)
    return;

  problem = g_new0 (RetPlanProblem, 1);
  problem->file = g_strdup (self->display_name);
  problem->line = line;
  problem->column = column;
  problem->path = g_strdup (path);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, problem);
}

/* A value quoted back to the user: short, and on one line, so that one
 * long or odd value does not bury the message. */
static char *
excerpt (const char *value)
{
  gboolean cut = g_utf8_strlen (value, -1) > EXCERPT_CHARS;
  g_autofree char *head = cut ? g_utf8_substring (value, 0, EXCERPT_CHARS - 1) : g_strdup (value);
  g_autoptr(GString) text = g_string_new (NULL);

  for (const char *p = head; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (text, '?');
      else
        g_string_append_unichar (text, c);
    }
  if (cut)
    g_string_append (text, "…");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    default:
      return _("an unknown value");
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The string member @name of @object, or NULL after reporting why not. */
static const char *
get_string (Checker    *self,
            JsonObject *object,
            const char *parent,
            const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s.%s", parent, name);
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL)
    {
      add_problem (self, 0, 0, path, _("missing"));
      return NULL;
    }

  if (!is_string (node))
    {
      add_problem (self, 0, 0, path, _("expected a string, found %s"), node_kind (node));
      return NULL;
    }

  value = json_node_get_string (node);
  if (*value == '\0')
    {
      add_problem (self, 0, 0, path, _("is empty"));
      return NULL;
    }

  return value;
}

static gboolean
known (GHashTable *cache,
       const char *key,
       gboolean  (*lookup) (RetStore *, const char *),
       RetStore   *store)
{
  gpointer cached = g_hash_table_lookup (cache, key);
  gboolean found;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;

  found = lookup (store, key);
  g_hash_table_insert (cache, g_strdup (key), GINT_TO_POINTER (found + 1));
  return found;
}

static gboolean
has_point (RetStore   *store,
           const char *code)
{
  g_autoptr(RetPoint) point = ret_store_get_point (store, code, NULL);

  return point != NULL;
}

static gboolean
parse_instant (Checker    *self,
               JsonObject *object,
               const char *parent,
               const char *name,
               gint64     *utc)
{
  const char *text = get_string (self, object, parent, name);
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return FALSE;

  if (!ret_instant_parse (text, utc, &error))
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", parent, name);

      add_problem (self, 0, 0, path, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_seats (Checker    *self,
             JsonObject *object,
             const char *parent,
             int        *seats)
{
  g_autofree char *path = g_strdup_printf ("%s.seats", parent);
  JsonNode *node = json_object_get_member (object, "seats");
  gint64 value;

  if (node == NULL)
    {
      add_problem (self, 0, 0, path, _("missing"));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      add_problem (self, 0, 0, path, _("expected a number, found %s"), node_kind (node));
      return FALSE;
    }

  /* 40.0 is 40 seats, as other tools may write it; 40.5 is not. */
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d != floor (d))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          add_problem (self, 0, 0, path, _("%s is not a whole number of seats"),
                       g_ascii_dtostr (buffer, sizeof buffer, d));
          return FALSE;
        }
      value = (gint64) CLAMP (d, -1e12, 1e12);
    }
  else
    {
      value = json_node_get_int (node);
    }

  if (value < 1 || value > RET_PLAN_MAX_SEATS)
    {
      add_problem (self, 0, 0, path, _("%" PRId64 " is not a number of seats from 1 to %d"),
                   (int64_t) value, RET_PLAN_MAX_SEATS);
      return FALSE;
    }

  *seats = (int) value;
  return TRUE;
}

/* Checks one A-number of a manifest at @path: a known person, who
 * awaits transfer and is on no other manifest.  Returns whether they
 * may go on this one. */
static gboolean
check_person (Checker    *self,
              const char *path,
              const char *a_number)
{
  g_autofree char *quoted = excerpt (a_number);
  g_autofree char *elsewhere = NULL;
  RetPersonStatus status = RET_PERSON_STATUS_AWAITING;
  const char *first;

  if (!ret_store_lookup_a_number (self->store, a_number, &status, &elsewhere))
    {
      add_problem (self, 0, 0, path, _("unknown A-number “%s”"), quoted);
      return FALSE;
    }

  /* One person, one seat: a second plan would put them on two vehicles. */
  if (elsewhere != NULL)
    {
      g_autofree char *code = excerpt (elsewhere);

      add_problem (self, 0, 0, path,
                   _("“%s” is already on the stored transfer “%s”"), quoted, code);
      return FALSE;
    }

  if (status != RET_PERSON_STATUS_AWAITING && status != RET_PERSON_STATUS_PLANNED)
    {
      add_problem (self, 0, 0, path, _("“%s” cannot go on a transfer: their status is %s"),
                   quoted, ret_person_status_label (status));
      return FALSE;
    }

  first = g_hash_table_lookup (self->on_transfer, a_number);
  if (first != NULL)
    {
      add_problem (self, 0, 0, path, _("“%s” is also at %s; a person goes on one transfer only"),
                   quoted, first);
      return FALSE;
    }

  g_hash_table_insert (self->on_transfer, g_strdup (a_number), g_strdup (path));
  return TRUE;
}

static RetPlanDraftTransfer *
parse_transfer (Checker  *self,
                guint     index,
                JsonNode *node)
{
  g_autoptr(RetPlanDraftTransfer) transfer = ret_plan_draft_transfer_new ();
  g_autofree char *path = g_strdup_printf ("transfers[%u]", index);
  guint problems_before = self->n_problems;
  gboolean times_ok, seats_ok, persons_ok = FALSE;
  JsonObject *object;
  JsonNode *persons;
  const char *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (self, 0, 0, path, _("expected an object, found %s"), node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);

  /* id: the transfer's code, unique in the file and in the database */
  value = get_string (self, object, path, "id");
  if (value != NULL)
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      g_autofree char *quoted = excerpt (value);
      const char *first = g_hash_table_lookup (self->codes, value);

      if (g_utf8_strlen (value, -1) > MAX_CODE_CHARS || has_control_chars (value))
        add_problem (self, 0, 0, id_path,
                     _("“%s” is not a usable transfer id: at most %d characters, on one line"),
                     quoted, MAX_CODE_CHARS);
      else if (first != NULL)
        add_problem (self, 0, 0, id_path, _("“%s” is also the id of %s"), quoted, first);
      else if (ret_store_has_transfer_code (self->store, value))
        add_problem (self, 0, 0, id_path,
                     _("a transfer “%s” is already in the database; give this one another id"),
                     quoted);
      else
        g_hash_table_insert (self->codes, g_strdup (value), g_strdup (path));
      transfer->code = g_strdup (value);
    }

  value = get_string (self, object, path, "mode");
  if (value != NULL)
    {
      if (g_strcmp0 (value, "bus") != 0 && g_strcmp0 (value, "van") != 0 &&
          g_strcmp0 (value, "flight") != 0)
        {
          g_autofree char *mode_path = g_strdup_printf ("%s.mode", path);
          g_autofree char *quoted = excerpt (value);

          add_problem (self, 0, 0, mode_path,
                       _("unknown mode “%s” (expected “bus”, “van” or “flight”)"), quoted);
        }
      transfer->mode = g_strdup (value);
    }

  value = get_string (self, object, path, "facility");
  if (value != NULL)
    {
      if (!known (self->facilities, value, ret_store_has_facility, self->store))
        {
          g_autofree char *facility_path = g_strdup_printf ("%s.facility", path);
          g_autofree char *quoted = excerpt (value);

          add_problem (self, 0, 0, facility_path, _("unknown facility “%s”"), quoted);
        }
      transfer->facility = g_strdup (value);
    }

  value = get_string (self, object, path, "point");
  if (value != NULL)
    {
      if (!known (self->points, value, has_point, self->store))
        {
          g_autofree char *point_path = g_strdup_printf ("%s.point", path);
          g_autofree char *quoted = excerpt (value);

          add_problem (self, 0, 0, point_path, _("unknown point “%s”"), quoted);
        }
      transfer->point = g_strdup (value);
    }

  times_ok = parse_instant (self, object, path, "depart", &transfer->depart_at);
  times_ok = parse_instant (self, object, path, "handover", &transfer->handover_at) && times_ok;
  if (times_ok && transfer->handover_at < transfer->depart_at)
    {
      g_autofree char *handover_path = g_strdup_printf ("%s.handover", path);

      add_problem (self, 0, 0, handover_path, _("%s is before the departure, %s"),
                   json_object_get_string_member (object, "handover"),
                   json_object_get_string_member (object, "depart"));
    }

  seats_ok = parse_seats (self, object, path, &transfer->seats);

  persons = json_object_get_member (object, "persons");
  if (persons == NULL)
    {
      g_autofree char *persons_path = g_strdup_printf ("%s.persons", path);

      add_problem (self, 0, 0, persons_path, _("missing"));
    }
  else if (!JSON_NODE_HOLDS_ARRAY (persons))
    {
      g_autofree char *persons_path = g_strdup_printf ("%s.persons", path);

      add_problem (self, 0, 0, persons_path, _("expected an array of A-numbers, found %s"),
                   node_kind (persons));
    }
  else
    {
      JsonArray *array = json_node_get_array (persons);
      guint n = json_array_get_length (array);

      persons_ok = TRUE;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *person_path = g_strdup_printf ("%s.persons[%u]", path, i);
          JsonNode *element = json_array_get_element (array, i);
          const char *a_number;

          if (!is_string (element))
            {
              add_problem (self, 0, 0, person_path, _("expected an A-number (a string), found %s"),
                           node_kind (element));
              continue;
            }

          a_number = json_node_get_string (element);
          if (*a_number == '\0')
            {
              add_problem (self, 0, 0, person_path, _("is empty"));
              continue;
            }

          if (check_person (self, person_path, a_number))
            g_ptr_array_add (transfer->a_numbers, g_strdup (a_number));
        }

      if (seats_ok && n > (guint) transfer->seats)
        {
          g_autofree char *persons_path = g_strdup_printf ("%s.persons", path);

          add_problem (self, 0, 0, persons_path,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u persons on a vehicle with %d seat",
                                    "%u persons on a vehicle with %d seats",
                                    transfer->seats),
                       n, transfer->seats);
        }
    }

  if (!persons_ok || self->n_problems != problems_before)
    return NULL;

  return g_steal_pointer (&transfer);
}

static void
parse_unassigned (Checker  *self,
                  JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (self, 0, 0, "unassigned", _("expected an array, found %s"), node_kind (node));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("unassigned[%u]", i);
      g_autofree char *a_path = g_strdup_printf ("unassigned[%u].a_number", i);
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *a_number;
      const char *first;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          add_problem (self, 0, 0, path, _("expected an object, found %s"), node_kind (element));
          continue;
        }
      object = json_node_get_object (element);

      /* The reason is not stored (the scheduler recomputes it), but a
       * file without one is not what `plan --json` writes. */
      {
        JsonNode *reason = json_object_get_member (object, "reason");
        g_autofree char *reason_path = g_strdup_printf ("%s.reason", path);

        if (reason == NULL)
          add_problem (self, 0, 0, reason_path, _("missing"));
        else if (!is_string (reason))
          add_problem (self, 0, 0, reason_path, _("expected a string, found %s"),
                       node_kind (reason));
      }

      a_number = get_string (self, object, path, "a_number");
      if (a_number == NULL)
        continue;

      {
        g_autofree char *quoted = excerpt (a_number);

        if (!known (self->persons, a_number, ret_store_has_a_number, self->store))
          add_problem (self, 0, 0, a_path, _("unknown A-number “%s”"), quoted);
        else if ((first = g_hash_table_lookup (self->on_transfer, a_number)) != NULL)
          add_problem (self, 0, 0, a_path, _("“%s” is unassigned here but on a transfer at %s"),
                       quoted, first);
        else if ((first = g_hash_table_lookup (self->unassigned, a_number)) != NULL)
          add_problem (self, 0, 0, a_path, _("“%s” is listed twice, also at %s"), quoted, first);
        else
          g_hash_table_insert (self->unassigned, g_strdup (a_number), g_strdup (a_path));
      }
    }
}

/* The line and column (1-based, in characters) of byte @offset. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }

  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static void
add_syntax_problem (Checker    *self,
                    const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("^<data>:([0-9]+):([0-9]+): (?:Parse error: )?(.*)$", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (regex != NULL && g_regex_match (regex, message, 0, &match))
    {
      g_autofree char *line = g_match_info_fetch (match, 1);
      g_autofree char *column = g_match_info_fetch (match, 2);
      g_autofree char *rest = g_match_info_fetch (match, 3);

      add_problem (self, (guint) g_ascii_strtoull (line, NULL, 10),
                   (guint) g_ascii_strtoull (column, NULL, 10), NULL,
                   _("not valid JSON: %s"), rest);
    }
  else
    {
      add_problem (self, 0, 0, NULL, _("not valid JSON: %s"), message);
    }
}

static void
check_document (Checker      *self,
                RetPlanDraft *draft,
                const char   *data,
                gsize         length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  const char *end = NULL;
  JsonNode *root, *transfers, *unassigned;
  JsonObject *object;
  JsonArray *array;

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line, column;

      locate (data, end - data, &line, &column);
      add_problem (self, line, column, NULL,
                   _("the file is not UTF-8 text; save the plan as JSON in UTF-8"));
      return;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      add_syntax_problem (self, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      add_problem (self, 0, 0, NULL,
                   _("the file is empty; a plan is a JSON object with a “transfers” array"));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_problem (self, 0, 0, NULL,
                   _("expected a JSON object with a “transfers” array, found %s"),
                   node_kind (root));
      return;
    }
  object = json_node_get_object (root);

  /* "violations" is what the rule check said about the plan where it
   * was made; it runs again here, so the file's list is not read. */
  transfers = json_object_get_member (object, "transfers");
  if (transfers == NULL)
    {
      add_problem (self, 0, 0, "transfers", _("missing"));
    }
  else if (!JSON_NODE_HOLDS_ARRAY (transfers))
    {
      add_problem (self, 0, 0, "transfers", _("expected an array, found %s"),
                   node_kind (transfers));
    }
  else
    {
      array = json_node_get_array (transfers);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          RetPlanDraftTransfer *t = parse_transfer (self, i, json_array_get_element (array, i));

          if (t != NULL)
            g_ptr_array_add (draft->transfers, t);
        }

      if (json_array_get_length (array) == 0)
        add_problem (self, 0, 0, "transfers", _("the plan has no transfers; there is nothing to import"));
    }

  unassigned = json_object_get_member (object, "unassigned");
  if (unassigned != NULL)
    parse_unassigned (self, unassigned);
}

/*
 * ret_plan_parse:
 * @display_name: how problems name the file, e.g. the path as typed
 * @problems: (out) (optional) (element-type RetPlanProblem): every
 *   problem found (up to a thousand and a line that counts the rest),
 *   when there are any
 * @n_problems: (out) (optional): how many problems there are
 *
 * Reads a plan in the JSON of `retorno-cli plan --json` and checks it
 * against @store: the people, points and facilities it names, its times,
 * seats and manifests.  Nothing is written.
 *
 * Returns: (transfer full) (nullable): the plan, or NULL when it has
 *   problems
 */
RetPlanDraft *
ret_plan_parse (RetStore    *store,
                const char  *display_name,
                const char  *data,
                gsize        length,
                GPtrArray  **problems,
                guint       *n_problems)
{
  g_autoptr(RetPlanDraft) draft = ret_plan_draft_new ();
  Checker self = { 0 };

  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (n_problems != NULL)
    *n_problems = 0;

  self.store = store;
  self.display_name = display_name;
  self.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_plan_problem_free);
  self.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.on_transfer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.unassigned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One snapshot for all the look-ups, and no lock taken per look-up */
  if (!_ret_store_begin_read (store, NULL))
    g_debug ("Checking the plan outside a read transaction");
  check_document (&self, draft, data != NULL ? data : "", length);
  _ret_store_end_read (store);

  if (self.n_problems > MAX_PROBLEMS)
    {
      guint more = self.n_problems - MAX_PROBLEMS;
      RetPlanProblem *problem = g_new0 (RetPlanProblem, 1);

      problem->file = g_strdup (display_name);
      problem->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "… and %u more problem",
                                                       "… and %u more problems", more),
                                          more);
      g_ptr_array_add (self.problems, problem);
    }

  g_hash_table_unref (self.codes);
  g_hash_table_unref (self.on_transfer);
  g_hash_table_unref (self.unassigned);
  g_hash_table_unref (self.facilities);
  g_hash_table_unref (self.points);
  g_hash_table_unref (self.persons);

  if (self.n_problems > 0)
    {
      if (n_problems != NULL)
        *n_problems = self.n_problems;
      if (problems != NULL)
        *problems = g_steal_pointer (&self.problems);
      g_clear_pointer (&self.problems, g_ptr_array_unref);
      return NULL;
    }

  g_ptr_array_unref (self.problems);
  return g_steal_pointer (&draft);
}

/*
 * ret_plan_import_file:
 * @path: the plan, as the user named it (problems repeat it)
 * @actor: who imports, for the audit log
 * @plan_id: (out) (optional): the new draft plan's id
 * @n_transfers, @n_persons: (out) (optional): what it holds
 * @problems: (out) (optional) (element-type RetPlanProblem): with
 *   RET_IMPORT_ERROR_INVALID, every problem of the file; NULL otherwise
 *
 * Imports a plan file as one draft plan, all or nothing: when the file
 * has any problem the database is left as it was.
 */
gboolean
ret_plan_import_file (RetStore    *store,
                      const char  *path,
                      const char  *actor,
                      gint64      *plan_id,
                      guint       *n_transfers,
                      guint       *n_persons,
                      GPtrArray  **problems,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(RetPlanDraft) draft = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 id = 0;
  guint n = 0;
  GStatBuf st;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;

  display_name = g_filename_display_name (path);
  basename = g_filename_display_basename (path);

  /* Only a regular file of a plausible size: a device or a huge file
   * chosen by mistake would hang the import or exhaust memory. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                   _("%s is not a regular file"), display_name);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && st.st_size > RET_PLAN_MAX_BYTES)
    {
      g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                   _("%s is larger than %d MB, too large for a plan"),
                   display_name, RET_PLAN_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* GLib's message already names the file and says why. */
      g_set_error_literal (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                           local_error->message);
      return FALSE;
    }

  draft = ret_plan_parse (store, display_name, contents, length, &found, &n);
  g_clear_pointer (&contents, g_free);

  if (draft == NULL)
    {
      g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u problem; nothing was imported",
                                "%s has %u problems; nothing was imported", n),
                   basename, n);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return FALSE;
    }

  if (!ret_store_insert_plan (store, draft, actor, basename, &id, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Nothing was imported from %s: "), display_name);
      return FALSE;
    }

  g_debug ("Imported plan %" G_GINT64_FORMAT ": %u transfers", id, draft->transfers->len);

  if (plan_id != NULL)
    *plan_id = id;
  if (n_transfers != NULL)
    *n_transfers = draft->transfers->len;
  if (n_persons != NULL)
    *n_persons = ret_plan_draft_count_persons (draft);
  return TRUE;
}
