/* ret-roster-import.c — custody rosters (CSV) into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A roster is read whole, checked whole, and written in one transaction
 * or not at all: a coordinator who imports a roster with one bad row
 * must be able to fix the file and import it again without first
 * finding out which half of it is already in the database.
 *
 * The CSV itself is split by libcsv (RFC 4180 quoting, strict mode).
 * libcsv reports neither where a record starts nor which line it is
 * on, so the data is fed to it one physical line at a time and the line
 * on which each record's first character appears is remembered: that
 * is the line every problem of the record names.
 */

#define G_LOG_DOMAIN "ret-import"

#include "config.h"

#include <sys/stat.h>

#include <string.h>

#include <csv.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ret-gazetteer.h"
#include "ret-roster-import.h"
#include "ret-store-private.h"
#include "ret-time.h"

/* Past this many problems the list only grows, it no longer helps. */
#define MAX_PROBLEMS 1000

#define MAX_FIELD_BYTES 1000
#define MAX_NOTES_BYTES 4000
#define MAX_A_NUMBER_CHARS 20

/* The longest part of a cell quoted back in a message */
#define EXCERPT_CHARS 40

#define SECONDS_PER_DAY (24 * 60 * 60)

G_DEFINE_QUARK (ret-import-error-quark, ret_import_error)

typedef enum
{
  COL_A_NUMBER,
  COL_FAMILY_NAME,
  COL_GIVEN_NAMES,
  COL_SEX,
  COL_BIRTH_DATE,
  COL_NATIONALITY,
  COL_NATIONALITY_VERIFIED,
  COL_FACILITY,
  COL_APPREHENDED_AT,
  COL_ORIGIN_STATE,
  COL_ORIGIN_MUNICIPALITY,
  COL_FAMILY_GROUP,
  COL_UNACCOMPANIED_MINOR,
  COL_PREGNANT,
  COL_DISABLED,
  COL_ILL,
  COL_CRIMINAL_RECORD,
  COL_MEDICAL_FIT,
  COL_INTERIOR_CONSENT,
  COL_NOTES,
  N_COLUMNS,
  COL_NONE = -1,
} Column;

/* The names are a contract with other offices' tools: never rename. */
static const char * const column_names[N_COLUMNS] = {
  [COL_A_NUMBER] = "a_number",
  [COL_FAMILY_NAME] = "family_name",
  [COL_GIVEN_NAMES] = "given_names",
  [COL_SEX] = "sex",
  [COL_BIRTH_DATE] = "birth_date",
  [COL_NATIONALITY] = "nationality",
  [COL_NATIONALITY_VERIFIED] = "nationality_verified",
  [COL_FACILITY] = "facility",
  [COL_APPREHENDED_AT] = "apprehended_at",
  [COL_ORIGIN_STATE] = "origin_state",
  [COL_ORIGIN_MUNICIPALITY] = "origin_municipality",
  [COL_FAMILY_GROUP] = "family_group",
  [COL_UNACCOMPANIED_MINOR] = "unaccompanied_minor",
  [COL_PREGNANT] = "pregnant",
  [COL_DISABLED] = "disabled",
  [COL_ILL] = "ill",
  [COL_CRIMINAL_RECORD] = "criminal_record",
  [COL_MEDICAL_FIT] = "medical_fit",
  [COL_INTERIOR_CONSENT] = "interior_consent",
  [COL_NOTES] = "notes",
};

typedef struct
{
  gsize offset;
  gsize length;
} Span;

/* One resolved (or refused) pair of origin cells; rosters repeat the
 * same few hundred places thousands of times. */
typedef struct
{
  char   *code;
  char   *locality;
  Column  column;      /* the cell to blame when @message is set */
  char   *message;
} Origin;

typedef struct
{
  RetStore      *store;
  RetGazetteer  *gazetteer;
  const char    *display_name;

  struct csv_parser csv;
  gboolean       csv_ready;

  guint          line;             /* physical line being fed, 1-based */
  guint          record_line;      /* line where the current record starts */
  gboolean       between_records;
  gboolean       header_done;
  gboolean       header_complete;  /* every column present, once */
  gboolean       stop;

  /* The current record: its fields one after another, each followed
   * by a NUL, so that they can be used as C strings in place. */
  GByteArray    *record;
  GArray        *spans;

  int            columns[N_COLUMNS];
  guint          n_header_fields;

  GDate          today;
  gint64         now;

  GPtrArray     *persons;
  GPtrArray     *problems;
  guint          n_problems;
  guint          n_rows;           /* rows with someone on them */
  guint          n_stored;         /* of which already in the database */

  GHashTable    *a_numbers;        /* A-number → first line */
  GHashTable    *facilities;       /* code → known */
  GHashTable    *origins;          /* "state\x1fmunicipality" → Origin */
  GString       *origin_key;
} Parser;

typedef enum
{
  FLAG_BLANK,
  FLAG_YES,
  FLAG_NO,
  FLAG_INVALID,
} FlagValue;

void
ret_import_problem_free (RetImportProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/*
 * ret_import_problem_format:
 *
 * Formats @problem the way compilers do, so that editors and terminals
 * can jump to it: `FILE:LINE: field: problem`, or `FILE:LINE: problem`
 * when the problem is the whole row, or `FILE: problem` for the file.
 */
char *
ret_import_problem_format (const RetImportProblem *problem)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  text = g_string_new (problem->file != NULL ? problem->file : "");
  if (problem->line > 0)
    g_string_append_printf (text, ":%u", problem->line);
  g_string_append (text, ": ");
  if (problem->field != NULL)
    g_string_append_printf (text, "%s: ", problem->field);
  g_string_append (text, problem->message != NULL ? problem->message : "");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
origin_free (gpointer data)
{
  Origin *origin = data;

  g_free (origin->code);
  g_free (origin->locality);
  g_free (origin->message);
  g_free (origin);
}

/* A cell quoted back to the user: short, so one long cell does not
 * bury the message. */
static char *
excerpt (const char *value)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (value, -1) <= EXCERPT_CHARS)
    return g_strdup (value);

  head = g_utf8_substring (value, 0, EXCERPT_CHARS - 1);
  return g_strconcat (head, "…", NULL);
}

static void add_problem (Parser     *self,
                         guint       line,
                         Column      column,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Parser     *self,
             guint       line,
             Column      column,
             const char *format,
             ...)
{
  RetImportProblem *problem;
  va_list args;

  self->n_problems++;
  if (self->n_problems > MAX_PROBLEMS)
    return;

  problem = g_new0 (RetImportProblem, 1);
  problem->file = g_strdup (self->display_name);
  problem->line = line;
  problem->field = column != COL_NONE ? g_strdup (column_names[column]) : NULL;
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, problem);
}

static void
field_cb (void   *data,
          size_t  length,
          void   *user_data)
{
  Parser *self = user_data;
  Span span = { self->record->len, length };

  /* One resize for the cell and its NUL: this runs for every cell. */
  g_byte_array_set_size (self->record, span.offset + length + 1);
  memcpy (self->record->data + span.offset, data, length);
  self->record->data[span.offset + length] = '\0';
  g_array_append_val (self->spans, span);
}

static const char *
field_text (Parser *self,
            guint   index,
            gsize  *length)
{
  const Span *span = &g_array_index (self->spans, Span, index);

  *length = span->length;
  return (const char *) self->record->data + span->offset;
}

static Column
column_from_name (const char *name)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (strcmp (name, column_names[i]) == 0)
      return i;

  return COL_NONE;
}

static gboolean
has_control_chars (const char *value,
                   gsize       length,
                   gboolean    allow_line_breaks)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = value[i];

      if (c >= 0x20 && c != 0x7f)
        continue;
      if (allow_line_breaks && (c == '\t' || c == '\n' || c == '\r'))
        continue;
      return TRUE;
    }

  return FALSE;
}

static void
process_header (Parser *self)
{
  guint n_known = 0;

  self->header_done = TRUE;
  self->n_header_fields = self->spans->len;

  for (guint i = 0; i < N_COLUMNS; i++)
    self->columns[i] = -1;

  for (guint i = 0; i < self->spans->len; i++)
    {
      gsize length;
      const char *name = field_text (self, i, &length);

      /* Binary files and spreadsheets saved in a legacy encoding end up
       * here; one clear problem says more than twenty odd ones. */
      if (memchr (name, '\0', length) != NULL ||
          !g_utf8_validate_len (name, length, NULL))
        {
          add_problem (self, self->record_line, COL_NONE,
                       _("the header row is not UTF-8 text; save the roster as "
                         "CSV in UTF-8"));
          self->stop = TRUE;
          return;
        }

      if (column_from_name (name) != COL_NONE)
        n_known++;
    }

  if (n_known == 0)
    {
      add_problem (self, self->record_line, COL_NONE,
                   _("the first row is not a header row: a roster starts with "
                     "a row of column names (a_number, family_name, "
                     "given_names, …)"));
      self->stop = TRUE;
      return;
    }

  for (guint i = 0; i < self->spans->len; i++)
    {
      gsize length;
      const char *name = field_text (self, i, &length);
      Column column = column_from_name (name);

      if (column == COL_NONE)
        {
          g_autofree char *down = g_ascii_strdown (name, -1);
          Column near = column_from_name (g_strstrip (down));

          if (length == 0)
            add_problem (self, self->record_line, COL_NONE,
                         _("column %u has no name"), i + 1);
          else if (has_control_chars (name, length, FALSE))
            add_problem (self, self->record_line, COL_NONE,
                         _("column %u has a name with a line break or a "
                           "control character in it"), i + 1);
          else if (near != COL_NONE)
            add_problem (self, self->record_line, COL_NONE,
                         _("unknown column “%s” (did you mean “%s”? Column "
                           "names are lowercase)"),
                         name, column_names[near]);
          else
            {
              g_autofree char *shown = excerpt (name);

              add_problem (self, self->record_line, COL_NONE,
                           _("unknown column “%s”"), shown);
            }
        }
      else if (self->columns[column] >= 0)
        {
          add_problem (self, self->record_line, COL_NONE,
                       _("column “%s” appears twice (columns %d and %u)"),
                       name, self->columns[column] + 1, i + 1);
        }
      else
        {
          self->columns[column] = i;
        }
    }

  self->header_complete = TRUE;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->columns[i] < 0)
      {
        add_problem (self, self->record_line, COL_NONE,
                     _("missing column “%s”"), column_names[i]);
        self->header_complete = FALSE;
      }
}

/*
 * parse_flag:
 *
 * Lenient about spelling, strict about meaning: every accepted word has
 * one reading, English or Spanish.
 */
static FlagValue
parse_flag (const char *value,
            gsize       length)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "si", "s\xc3\xad" };
  static const char * const no[] = { "no", "n", "false", "0" };
  char folded[8];

  if (length == 0)
    return FLAG_BLANK;
  if (length >= sizeof folded)
    return FLAG_INVALID;

  for (gsize i = 0; i < length; i++)
    folded[i] = g_ascii_tolower (value[i]);
  folded[length] = '\0';

  /* "SÍ": the only non-ASCII letter we accept, lowered by hand */
  if (strcmp (folded, "s\xc3\x8d") == 0)
    return FLAG_YES;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (folded, yes[i]) == 0)
      return FLAG_YES;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (folded, no[i]) == 0)
      return FLAG_NO;

  return FLAG_INVALID;
}

typedef struct
{
  const char *value[N_COLUMNS];
  gsize       length[N_COLUMNS];
  gboolean    ok[N_COLUMNS];     /* present, and the text itself is sound */
} Row;

static gboolean
check_text (Parser     *self,
            Column      column,
            const char *value,
            gsize       length)
{
  gsize max = column == COL_NOTES ? MAX_NOTES_BYTES : MAX_FIELD_BYTES;

  if (memchr (value, '\0', length) != NULL)
    {
      add_problem (self, self->record_line, column,
                   _("contains a NUL byte; the file is not plain text"));
      return FALSE;
    }

  if (!g_utf8_validate_len (value, length, NULL))
    {
      add_problem (self, self->record_line, column,
                   _("is not valid UTF-8 text; save the roster as CSV in "
                     "UTF-8"));
      return FALSE;
    }

  if (length > max)
    {
      add_problem (self, self->record_line, column,
                   _("is %zu bytes long; at most %zu are allowed"),
                   length, max);
      return FALSE;
    }

  /* Line breaks belong in notes only: in a name or a code they are a
   * sign of a mangled cell, and they would break every list and sheet. */
  if (has_control_chars (value, length, column == COL_NOTES))
    {
      add_problem (self, self->record_line, column,
                   column == COL_NOTES
                   ? _("contains a control character")
                   : _("contains a line break or a control character"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank_text (const char *value,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (value[i]))
      return FALSE;

  return TRUE;
}

/* A required cell: present and sound, and not blank. */
static gboolean
require (Parser    *self,
         const Row *row,
         Column     column)
{
  if (!row->ok[column])
    return FALSE;

  if (is_blank_text (row->value[column], row->length[column]))
    {
      add_problem (self, self->record_line, column, _("must not be blank"));
      return FALSE;
    }

  return TRUE;
}

static FlagValue
check_flag (Parser    *self,
            const Row *row,
            Column     column)
{
  FlagValue flag;

  if (!row->ok[column])
    return FLAG_INVALID;

  flag = parse_flag (row->value[column], row->length[column]);
  if (flag == FLAG_INVALID)
    {
      g_autofree char *shown = excerpt (row->value[column]);

      add_problem (self, self->record_line, column,
                   _("“%s” is not yes or no"), shown);
    }

  return flag;
}

static void
check_a_number (Parser    *self,
                const Row *row,
                RetPerson *person)
{
  const char *value = row->value[COL_A_NUMBER];
  gsize length = row->length[COL_A_NUMBER];
  gpointer first_line;

  if (!require (self, row, COL_A_NUMBER))
    return;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (value[i]) && value[i] != '-')
        {
          add_problem (self, self->record_line, COL_A_NUMBER,
                       _("may hold only letters, digits and “-”"));
          return;
        }
    }

  if (length > MAX_A_NUMBER_CHARS)
    {
      add_problem (self, self->record_line, COL_A_NUMBER,
                   _("is longer than %u characters"), MAX_A_NUMBER_CHARS);
      return;
    }

  /* The A-number is personal data: the messages point at lines, they
   * do not repeat it. */
  if (g_hash_table_lookup_extended (self->a_numbers, value, NULL, &first_line))
    {
      add_problem (self, self->record_line, COL_A_NUMBER,
                   _("the same A-number is already on line %u"),
                   GPOINTER_TO_UINT (first_line));
      return;
    }

  g_hash_table_insert (self->a_numbers, g_strndup (value, length),
                       GUINT_TO_POINTER (self->record_line));

  if (ret_store_has_a_number (self->store, value))
    {
      add_problem (self, self->record_line, COL_A_NUMBER,
                   _("this A-number is already in the database"));
      self->n_stored++;
      return;
    }

  person->a_number = g_strndup (value, length);
}

static void
check_facility (Parser    *self,
                const Row *row,
                RetPerson *person)
{
  const char *value = row->value[COL_FACILITY];
  gpointer known;

  if (!require (self, row, COL_FACILITY))
    return;

  /* A handful of codes, tens of thousands of rows: ask the store once
   * per code. */
  if (!g_hash_table_lookup_extended (self->facilities, value, NULL, &known))
    {
      known = GINT_TO_POINTER (ret_store_has_facility (self->store, value));
      g_hash_table_insert (self->facilities, g_strdup (value), known);
    }

  if (!GPOINTER_TO_INT (known))
    {
      g_autofree char *shown = excerpt (value);

      add_problem (self, self->record_line, COL_FACILITY,
                   _("“%s” is not a facility of this database"), shown);
      return;
    }

  person->facility = g_strdup (value);
}

static gboolean
is_municipality_code (const char *value,
                      gsize       length)
{
  if (length != 5)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;

  return TRUE;
}

static Origin *
resolve_origin (Parser     *self,
                const char *state,
                const char *municipality)
{
  g_autoptr(GError) error = NULL;
  const RetPlace *place;
  const char *locality = NULL;
  Origin *origin;

  /* Control characters are refused before this point, so the separator
   * cannot occur in either cell. */
  g_string_truncate (self->origin_key, 0);
  g_string_append (self->origin_key, state);
  g_string_append_c (self->origin_key, '\x1f');
  g_string_append (self->origin_key, municipality);

  origin = g_hash_table_lookup (self->origins, self->origin_key->str);
  if (origin != NULL)
    return origin;

  origin = g_new0 (Origin, 1);
  origin->column = COL_NONE;

  /* Without a state the gazetteer takes a 5-digit municipality code,
   * which names the state too. */
  place = ret_gazetteer_resolve (self->gazetteer, state, municipality,
                                 &locality, &error);
  if (place != NULL && place->kind == RET_PLACE_MUNICIPALITY)
    {
      origin->code = g_strdup (place->code);
      origin->locality = g_strdup (locality);
    }
  else if (place != NULL)
    {
      /* Only a blank municipality resolves to a state, and that is
       * refused before this point; stay safe all the same. */
      origin->column = COL_ORIGIN_MUNICIPALITY;
      origin->message = g_strdup (_("must name a municipality, not only a state"));
    }
  else
    {
      origin->column =
        g_error_matches (error, RET_GAZETTEER_ERROR,
                         RET_GAZETTEER_ERROR_UNKNOWN_STATE)
        ? COL_ORIGIN_STATE : COL_ORIGIN_MUNICIPALITY;
      origin->message = g_strdup (error != NULL ? error->message : "");
    }

  g_hash_table_insert (self->origins, g_strdup (self->origin_key->str), origin);
  return origin;
}

static void
check_origin (Parser    *self,
              const Row *row,
              RetPerson *person)
{
  const char *state = row->value[COL_ORIGIN_STATE];
  const char *municipality = row->value[COL_ORIGIN_MUNICIPALITY];
  gsize state_length = row->length[COL_ORIGIN_STATE];
  gsize municipality_length = row->length[COL_ORIGIN_MUNICIPALITY];
  const Origin *origin;

  /* A missing column is already reported, and a broken cell too. */
  if (!row->ok[COL_ORIGIN_STATE] || !row->ok[COL_ORIGIN_MUNICIPALITY])
    return;

  if (state_length == 0 && municipality_length == 0)
    {
      /* Only someone who is not Mexican may come without a place of
       * origin in Mexico; when the nationality is itself broken that
       * problem is reported and this one would be a guess. */
      if (person->nationality != NULL &&
          strcmp (person->nationality, "MEX") == 0)
        add_problem (self, self->record_line, COL_ORIGIN_MUNICIPALITY,
                     _("must not be blank for a Mexican national: give "
                       "origin_state and origin_municipality, or the "
                       "municipality's 5-digit INEGI code"));
      return;
    }

  if (municipality_length == 0)
    {
      add_problem (self, self->record_line, COL_ORIGIN_MUNICIPALITY,
                   _("must not be blank when origin_state is given"));
      return;
    }

  if (state_length == 0 &&
      !is_municipality_code (municipality, municipality_length))
    {
      add_problem (self, self->record_line, COL_ORIGIN_STATE,
                   _("must not be blank unless origin_municipality is a "
                     "5-digit INEGI code"));
      return;
    }

  origin = resolve_origin (self, state, municipality);
  if (origin->message != NULL)
    {
      add_problem (self, self->record_line, origin->column, "%s",
                   origin->message);
      return;
    }

  person->origin_code = g_strdup (origin->code);
  person->origin_locality = g_strdup (origin->locality);
}

static gboolean
is_nationality_code (const char *value,
                     gsize       length)
{
  return length == 3 &&
         g_ascii_isupper (value[0]) &&
         g_ascii_isupper (value[1]) &&
         g_ascii_isupper (value[2]);
}

/* The local calendar date an ISO 8601 instant names, as YYYYMMDD; its
 * form was already checked by ret_instant_parse(). */
static guint
instant_local_date (const char *text)
{
  static const int digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint value = 0;

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    {
      if (!g_ascii_isdigit (text[digits[i]]))
        return 0;
      value = value * 10 + (text[digits[i]] - '0');
    }

  return value;
}

static guint
date_as_number (const GDate *date)
{
  return g_date_get_year (date) * 10000 +
         g_date_get_month (date) * 100 +
         g_date_get_day (date);
}

static void
check_dates (Parser    *self,
             const Row *row,
             RetPerson *person)
{
  g_autoptr(GError) error = NULL;
  gboolean have_birth = FALSE;

  if (require (self, row, COL_BIRTH_DATE))
    {
      const char *value = row->value[COL_BIRTH_DATE];

      if (row->length[COL_BIRTH_DATE] > EXCERPT_CHARS)
        {
          g_autofree char *shown = excerpt (value);

          add_problem (self, self->record_line, COL_BIRTH_DATE,
                       _("“%s” is not a date in the form YYYY-MM-DD"), shown);
        }
      else if (!ret_date_parse (value, &person->birth_date, &error))
        {
          add_problem (self, self->record_line, COL_BIRTH_DATE, "%s",
                       error->message);
          g_clear_error (&error);
        }
      else if (g_date_compare (&person->birth_date, &self->today) > 0)
        {
          add_problem (self, self->record_line, COL_BIRTH_DATE,
                       _("%s is in the future"), value);
        }
      else
        {
          have_birth = TRUE;
        }
    }

  if (require (self, row, COL_APPREHENDED_AT))
    {
      const char *value = row->value[COL_APPREHENDED_AT];

      if (row->length[COL_APPREHENDED_AT] > EXCERPT_CHARS)
        {
          g_autofree char *shown = excerpt (value);

          add_problem (self, self->record_line, COL_APPREHENDED_AT,
                       _("“%s” is not a date and time in ISO 8601 form "
                         "(YYYY-MM-DDTHH:MM:SS±HH:MM)"), shown);
        }
      else if (!ret_instant_parse (value, &person->apprehended_at, &error))
        {
          add_problem (self, self->record_line, COL_APPREHENDED_AT, "%s",
                       error->message);
          g_clear_error (&error);
        }
      /* A day of slack: clocks and zones of other offices are not ours
       * to correct, but a roster from next week is a mistake. */
      else if (person->apprehended_at > self->now + SECONDS_PER_DAY)
        {
          add_problem (self, self->record_line, COL_APPREHENDED_AT,
                       _("%s is in the future"), value);
        }
      /* Compared as calendar dates where it happened: a birth date has no
       * time and no zone. */
      else if (have_birth &&
               instant_local_date (value) < date_as_number (&person->birth_date))
        {
          add_problem (self, self->record_line, COL_APPREHENDED_AT,
                       _("%s is before the birth date"), value);
        }
    }
}

/* Rosters put together by concatenating exports repeat the header; one
 * problem says so better than twenty odd ones about its cells. */
static gboolean
is_header_again (Parser *self)
{
  static const Column telling[] = { COL_A_NUMBER, COL_SEX, COL_BIRTH_DATE };

  for (guint i = 0; i < G_N_ELEMENTS (telling); i++)
    {
      int index = self->columns[telling[i]];
      gsize length;

      if (index < 0 || (guint) index >= self->spans->len ||
          strcmp (field_text (self, index, &length), column_names[telling[i]]) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
process_row (Parser *self)
{
  g_autoptr(RetPerson) person = NULL;
  gboolean all_blank = TRUE;
  guint problems_before;
  Row row;
  static const struct
  {
    Column         column;
    RetPersonFlags flag;
  } flag_columns[] = {
    { COL_UNACCOMPANIED_MINOR, RET_PERSON_FLAG_UNACCOMPANIED_MINOR },
    { COL_PREGNANT, RET_PERSON_FLAG_PREGNANT },
    { COL_DISABLED, RET_PERSON_FLAG_DISABLED },
    { COL_ILL, RET_PERSON_FLAG_ILL },
    { COL_CRIMINAL_RECORD, RET_PERSON_FLAG_CRIMINAL_RECORD },
  };

  /* Spreadsheets save rows they think are empty as ",,,,": nobody is
   * on such a row. */
  for (guint i = 0; i < self->spans->len && all_blank; i++)
    if (g_array_index (self->spans, Span, i).length > 0)
      all_blank = FALSE;
  if (all_blank)
    return;

  if (is_header_again (self))
    {
      add_problem (self, self->record_line, COL_NONE,
                   _("the header row appears again; were two rosters "
                     "joined into one file?"));
      return;
    }

  self->n_rows++;
  problems_before = self->n_problems;

  if (self->spans->len != self->n_header_fields)
    {
      add_problem (self, self->record_line, COL_NONE,
                   ngettext ("row has %u field; the header has %u",
                             "row has %u fields; the header has %u",
                             self->spans->len),
                   self->spans->len, self->n_header_fields);
      return;
    }

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      row.ok[i] = FALSE;
      row.value[i] = NULL;
      row.length[i] = 0;

      if (self->columns[i] < 0)
        continue;

      row.value[i] = field_text (self, self->columns[i], &row.length[i]);
      row.ok[i] = check_text (self, i, row.value[i], row.length[i]);
    }

  person = ret_person_new ();

  check_a_number (self, &row, person);

  if (require (self, &row, COL_FAMILY_NAME))
    person->family_name = g_strndup (row.value[COL_FAMILY_NAME],
                                     row.length[COL_FAMILY_NAME]);
  if (require (self, &row, COL_GIVEN_NAMES))
    person->given_names = g_strndup (row.value[COL_GIVEN_NAMES],
                                     row.length[COL_GIVEN_NAMES]);

  if (require (self, &row, COL_SEX))
    {
      char sex = g_ascii_toupper (row.value[COL_SEX][0]);

      if (row.length[COL_SEX] == 1 &&
          (sex == RET_SEX_FEMALE || sex == RET_SEX_MALE || sex == RET_SEX_OTHER))
        {
          person->sex = sex;
        }
      else
        {
          g_autofree char *shown = excerpt (row.value[COL_SEX]);

          add_problem (self, self->record_line, COL_SEX,
                       _("“%s” is not F, M or X"), shown);
        }
    }

  check_dates (self, &row, person);

  if (require (self, &row, COL_NATIONALITY))
    {
      if (is_nationality_code (row.value[COL_NATIONALITY],
                               row.length[COL_NATIONALITY]))
        {
          person->nationality = g_strdup (row.value[COL_NATIONALITY]);
        }
      else
        {
          g_autofree char *shown = excerpt (row.value[COL_NATIONALITY]);

          add_problem (self, self->record_line, COL_NATIONALITY,
                       _("“%s” is not an ISO 3166 alpha-3 country code "
                         "(three capital letters, such as MEX)"), shown);
        }
    }

  person->nationality_verified =
    check_flag (self, &row, COL_NATIONALITY_VERIFIED) == FLAG_YES;

  check_facility (self, &row, person);
  check_origin (self, &row, person);

  /* libcsv trims unquoted cells only; a quoted "  " is no group either,
   * which is also how the store reads it. */
  if (row.ok[COL_FAMILY_GROUP] &&
      !is_blank_text (row.value[COL_FAMILY_GROUP], row.length[COL_FAMILY_GROUP]))
    person->family_group = g_strndup (row.value[COL_FAMILY_GROUP],
                                      row.length[COL_FAMILY_GROUP]);

  for (guint i = 0; i < G_N_ELEMENTS (flag_columns); i++)
    if (check_flag (self, &row, flag_columns[i].column) == FLAG_YES)
      person->flags |= flag_columns[i].flag;

  /* Blank is not "fit": a person nobody assessed must not be put on a
   * bus by default. */
  if (row.ok[COL_MEDICAL_FIT])
    {
      switch (check_flag (self, &row, COL_MEDICAL_FIT))
        {
        case FLAG_YES:
          person->medical_fit = TRUE;
          break;
        case FLAG_NO:
          person->medical_fit = FALSE;
          break;
        case FLAG_BLANK:
          add_problem (self, self->record_line, COL_MEDICAL_FIT,
                       _("must be yes or no; a blank is not taken to mean fit"));
          break;
        case FLAG_INVALID:
        default:
          break;
        }
    }

  person->interior_consent =
    check_flag (self, &row, COL_INTERIOR_CONSENT) == FLAG_YES;

  if (row.ok[COL_NOTES] && row.length[COL_NOTES] > 0)
    person->notes = g_strndup (row.value[COL_NOTES], row.length[COL_NOTES]);

  if ((person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) &&
      g_date_valid (&person->birth_date) &&
      g_date_compare (&person->birth_date, &self->today) <= 0)
    {
      int age = ret_person_get_age (person, &self->today);

      if (age >= RET_ADULT_AGE)
        add_problem (self, self->record_line, COL_UNACCOMPANIED_MINOR,
                     ngettext ("is yes, but by the birth date the person "
                               "is %d year old, not a minor",
                               "is yes, but by the birth date the person "
                               "is %d years old, not a minor",
                               age),
                     age);
    }

  /* The store refuses these combinations whatever writes the person;
   * saying so here names the line. */
  if ((person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) &&
      person->family_group != NULL)
    add_problem (self, self->record_line, COL_FAMILY_GROUP,
                 _("must be blank for an unaccompanied minor, who travels "
                   "without family"));

  if ((person->flags & RET_PERSON_FLAG_PREGNANT) && person->sex == RET_SEX_MALE &&
      row.ok[COL_SEX])
    add_problem (self, self->record_line, COL_PREGNANT,
                 _("is yes, but sex is M"));

  /* Rosters number their families 1, 2, 3…: a label already in the
   * database is almost surely another roster's family, and joining them
   * would put strangers on one bus as "family". */
  if (person->family_group != NULL &&
      ret_store_has_family_group (self->store, person->family_group))
    {
      g_autofree char *shown = excerpt (person->family_group);

      add_problem (self, self->record_line, COL_FAMILY_GROUP,
                   _("“%s” is already the label of a family in the database; "
                     "give this roster's families labels of their own "
                     "(e.g. with the date or facility in front)"), shown);
    }

  /* The store's own rules, which every write of a person passes, as the
   * last word: a row that satisfies the checks above but not those is
   * still reported here, with its line. */
  if (self->header_complete && self->n_problems == problems_before)
    {
      g_autoptr(GError) local_error = NULL;

      if (!ret_store_validate_person (self->store, person, &local_error))
        add_problem (self, self->record_line, COL_NONE, "%s", local_error->message);
    }

  /* Once anything is wrong nothing will be written: keep checking, stop
   * collecting. */
  if (self->n_problems == 0)
    g_ptr_array_add (self->persons, g_steal_pointer (&person));
}

static void
record_cb (int   c,
           void *user_data)
{
  Parser *self = user_data;

  if (!self->stop)
    {
      if (!self->header_done)
        process_header (self);
      else
        process_row (self);
    }

  g_byte_array_set_size (self->record, 0);
  g_array_set_size (self->spans, 0);
  self->between_records = TRUE;
}

static void
csv_setup (Parser *self)
{
  if (self->csv_ready)
    csv_free (&self->csv);

  /* Strict: a stray quote is a mistake to report, not to guess at. */
  csv_init (&self->csv, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_blk_size (&self->csv, 1024);
  self->csv_ready = TRUE;
}

static void
parser_clear (Parser *self)
{
  if (self->csv_ready)
    csv_free (&self->csv);
  g_clear_pointer (&self->record, g_byte_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->a_numbers, g_hash_table_unref);
  g_clear_pointer (&self->facilities, g_hash_table_unref);
  g_clear_pointer (&self->origins, g_hash_table_unref);
  if (self->origin_key != NULL)
    g_string_free (g_steal_pointer (&self->origin_key), TRUE);
}

static gboolean
is_blank_byte (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * parse_roster:
 *
 * The work of ret_roster_parse(), with progress and cancellation for
 * the importer.  Sets *cancelled and returns NULL when @cancellable
 * fires.
 */
static GPtrArray *
parse_roster_in_snapshot (RetStore              *store,
                          const char            *display_name,
                          const char            *data,
                          gsize                  length,
                          GCancellable          *cancellable,
                          RetImportProgressFunc  progress,
                          gpointer               progress_data,
                          GPtrArray            **problems,
                          guint                 *n_problems,
                          gboolean              *cancelled)
{
  Parser self = { 0 };
  GPtrArray *persons = NULL;
  const char *p = data;
  const char *end = data + length;
  gsize report_step = MAX (length / 100, 64 * 1024);
  gsize next_report = report_step;
  guint n_chunks = 0;
  const char *next_lf = NULL;
  const char *next_cr = NULL;

  *cancelled = FALSE;
  *n_problems = 0;
  if (problems != NULL)
    *problems = NULL;

  self.store = store;
  self.gazetteer = ret_gazetteer_get_default ();
  self.display_name = display_name;
  self.line = 1;
  self.between_records = TRUE;
  self.record = g_byte_array_sized_new (1024);
  self.spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), N_COLUMNS);
  self.persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  self.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_import_problem_free);
  self.a_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, origin_free);
  self.origin_key = g_string_sized_new (64);
  ret_date_today (&self.today);
  self.now = g_get_real_time () / G_USEC_PER_SEC;
  csv_setup (&self);

  if (self.gazetteer == NULL)
    {
      /* Nothing about the file: the installation is broken. */
      add_problem (&self, 0, COL_NONE,
                   _("the gazetteer of Mexican places cannot be loaded, so "
                     "places of origin cannot be checked"));
      self.stop = TRUE;
    }

  /* Excel's "CSV UTF-8" starts with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end && !self.stop)
    {
      const char *chunk_end;
      gsize chunk_length;

      /* Each search is kept until it is passed, so that a file with only
       * one kind of line end is not searched to its end on every line. */
      if (next_lf == NULL || next_lf < p)
        {
          next_lf = memchr (p, '\n', end - p);
          if (next_lf == NULL)
            next_lf = end;
        }
      if (next_cr == NULL || next_cr < p)
        {
          next_cr = memchr (p, '\r', end - p);
          if (next_cr == NULL)
            next_cr = end;
        }

      /* A lone CR ends a line too (old Mac spreadsheets save that way);
       * the CR of a CRLF stays in its line. */
      chunk_end = next_lf < end ? next_lf + 1 : end;
      if (next_cr < next_lf && next_cr + 1 < end && next_cr[1] != '\n')
        chunk_end = next_cr + 1;
      chunk_length = chunk_end - p;

      if (self.between_records)
        {
          /* libcsv skips blank lines and leading blanks: the record starts
           * on the first line with anything else on it. */
          for (const char *q = p; q < chunk_end; q++)
            {
              if (!is_blank_byte (*q))
                {
                  self.record_line = self.line;
                  self.between_records = FALSE;
                  break;
                }
            }
        }

      if (csv_parse (&self.csv, p, chunk_length, field_cb, record_cb, &self) != chunk_length)
        {
          if (csv_error (&self.csv) == CSV_EPARSE)
            add_problem (&self, self.record_line, COL_NONE,
                         _("a double quote is out of place: a field with "
                           "commas, quotes or line breaks must be enclosed "
                           "in double quotes, and each double quote inside "
                           "it doubled"));
          else
            add_problem (&self, self.record_line, COL_NONE, "%s",
                         csv_strerror (csv_error (&self.csv)));

          /* The header decides what every later cell means: without it
           * there is nothing sound to check. */
          if (!self.header_done)
            self.stop = TRUE;

          /* Drop the broken record and pick up again on the next line. */
          csv_setup (&self);
          g_byte_array_set_size (self.record, 0);
          g_array_set_size (self.spans, 0);
          self.between_records = TRUE;
        }

      if (chunk_end[-1] == '\n' || chunk_end[-1] == '\r')
        self.line++;
      p = chunk_end;

      if (progress != NULL && (gsize) (p - data) >= next_report)
        {
          progress (p - data, length, progress_data);
          next_report = (p - data) + report_step;
        }

      if ((++n_chunks & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          *cancelled = TRUE;
          parser_clear (&self);
          return NULL;
        }
    }

  if (!self.stop)
    {
      if (csv_fini (&self.csv, field_cb, record_cb, &self) != 0)
        add_problem (&self, self.record_line, COL_NONE,
                     _("a quoted field is not closed: a double quote is "
                       "missing"));
    }

  if (!self.header_done && self.n_problems == 0)
    add_problem (&self, 0, COL_NONE,
                 _("the file is empty; a roster starts with a header row "
                   "of column names"));

  if (g_cancellable_is_cancelled (cancellable))
    {
      *cancelled = TRUE;
      parser_clear (&self);
      return NULL;
    }

  /* Importing the same roster twice is the likeliest mistake of all;
   * say so once, before a thousand lines that each say it again. */
  if (self.n_rows > 1 && self.n_stored == self.n_rows)
    {
      RetImportProblem *problem = g_new0 (RetImportProblem, 1);

      problem->file = g_strdup (display_name);
      problem->message = g_strdup (_("every person on this roster is already in "
                                     "the database; was it imported before?"));
      g_ptr_array_insert (self.problems, 0, problem);
      self.n_problems++;
    }

  if (self.n_problems > MAX_PROBLEMS)
    {
      guint more = self.n_problems - MAX_PROBLEMS;
      RetImportProblem *problem = g_new0 (RetImportProblem, 1);

      problem->file = g_strdup (display_name);
      problem->message = g_strdup_printf (ngettext ("… and %u more problem",
                                                    "… and %u more problems",
                                                    more),
                                          more);
      g_ptr_array_add (self.problems, problem);
    }

  *n_problems = self.n_problems;
  if (self.n_problems == 0)
    persons = g_steal_pointer (&self.persons);
  else if (problems != NULL)
    *problems = g_steal_pointer (&self.problems);

  parser_clear (&self);
  return persons;
}

/* Checks every row against one snapshot of the database: one read
 * transaction rather than one per looked-up A-number and facility
 * (100,000 lock round trips on a large roster).  A person another
 * program adds meanwhile is still caught: the insert refuses a taken
 * A-number. */
static GPtrArray *
parse_roster (RetStore              *store,
              const char            *display_name,
              const char            *data,
              gsize                  length,
              GCancellable          *cancellable,
              RetImportProgressFunc  progress,
              gpointer               progress_data,
              GPtrArray            **problems,
              guint                 *n_problems,
              gboolean              *cancelled)
{
  gboolean in_snapshot = _ret_store_begin_read (store, NULL);
  GPtrArray *persons;

  persons = parse_roster_in_snapshot (store, display_name, data, length, cancellable,
                                      progress, progress_data, problems, n_problems,
                                      cancelled);
  if (in_snapshot)
    _ret_store_end_read (store);

  return persons;
}

/*
 * ret_roster_parse:
 * @store: the database the roster is meant for: facilities and
 *   A-numbers are checked against it
 * @display_name: how problems name the file, e.g. the path as typed
 * @data: the file's contents
 * @problems: (out) (optional): every problem found, when there are any
 *
 * Reads and checks a roster without writing anything.
 *
 * Returns: (transfer full) (nullable): the persons (RetPerson), or NULL
 *   when the roster has problems
 */
GPtrArray *
ret_roster_parse (RetStore    *store,
                  const char  *display_name,
                  const char  *data,
                  gsize        length,
                  GPtrArray  **problems)
{
  gboolean cancelled;
  guint n_problems;

  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return parse_roster (store, display_name, data != NULL ? data : "", length,
                       NULL, NULL, NULL, problems, &n_problems, &cancelled);
}

static gboolean
set_cancelled (GError **error)
{
  g_set_error_literal (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was imported"));
  return FALSE;
}

/*
 * ret_roster_import_file:
 * @store: the database to import into; used from the calling thread
 * @path: the roster, as the user named it (problems repeat it)
 * @actor: who imports, for the audit log
 * @n_imported: (out) (optional): how many persons were imported
 * @problems: (out) (optional): with RET_IMPORT_ERROR_INVALID, every
 *   problem of the file (RetImportProblem); NULL otherwise
 * @progress: (nullable): called with the bytes checked so far, at the
 *   start, now and then, and at the end, from the calling thread
 *
 * Imports a roster all or nothing: when the file has any problem, or
 * the import is cancelled, the database is left as it was.
 */
gboolean
ret_roster_import_file (RetStore              *store,
                        const char            *path,
                        const char            *actor,
                        guint                 *n_imported,
                        GPtrArray            **problems,
                        GCancellable          *cancellable,
                        RetImportProgressFunc  progress,
                        gpointer               progress_data,
                        GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_problems = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  display_name = g_filename_display_name (path);

  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled (error);

  /* Only a regular file of a plausible size: a device, a pipe or a
   * multi-gigabyte file chosen by mistake would hang the import or
   * exhaust memory before a single row is checked. */
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
      {
        g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                     _("%s is not a regular file"), display_name);
        return FALSE;
      }
    if (g_stat (path, &st) == 0 && st.st_size > RET_ROSTER_MAX_BYTES)
      {
        g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                     _("%s is larger than %d MB; split the roster into smaller files"),
                     display_name, RET_ROSTER_MAX_BYTES / (1024 * 1024));
        return FALSE;
      }
  }

  /* Read whole rather than mapped: a file cut short on a network share
   * while mapped would kill the program instead of failing the import. */
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* GLib's message already names the file and says why. */
      g_set_error_literal (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                           local_error->message);
      return FALSE;
    }

  if (progress != NULL)
    progress (0, length, progress_data);

  persons = parse_roster (store, display_name, contents, length, cancellable,
                          progress, progress_data, &found, &n_problems,
                          &cancelled);
  g_clear_pointer (&contents, g_free);

  if (cancelled)
    return set_cancelled (error);

  if (persons == NULL)
    {
      g_autofree char *basename = g_filename_display_basename (path);

      g_set_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID,
                   ngettext ("%s has %u problem; nothing was imported",
                             "%s has %u problems; nothing was imported",
                             n_problems),
                   basename, n_problems);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return FALSE;
    }

  /* The last moment a cancellation can still leave everything as it was:
   * once the transaction runs, it is seen through. */
  if (g_cancellable_is_cancelled (cancellable))
    return set_cancelled (error);

  if (persons->len > 0 &&
      !ret_store_insert_persons (store, persons, actor, display_name, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Nothing was imported from %s: "),
                                  display_name);
      return FALSE;
    }

  g_debug ("Imported %u persons", persons->len);

  if (progress != NULL)
    progress (length, length, progress_data);

  if (n_imported != NULL)
    *n_imported = persons->len;

  return TRUE;
}

typedef struct
{
  char                  *db_path;
  char                  *path;
  char                  *actor;
  RetImportProgressFunc  progress;
  gpointer               progress_data;

  /* results, written by the worker, read after it returned */
  guint                  n_imported;
  GPtrArray             *problems;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->db_path);
  g_free (import->path);
  g_free (import->actor);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *import = task_data;
  g_autoptr(RetStore) store = NULL;
  GError *error = NULL;

  /* The caller's connection belongs to the main thread: this thread
   * works on a connection of its own to the same file. */
  store = ret_store_open_existing (import->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!ret_roster_import_file (store, import->path, import->actor,
                               &import->n_imported, &import->problems,
                               cancellable, import->progress,
                               import->progress_data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/*
 * ret_roster_import_file_async:
 * @store: the database to import into; it must be a file, since the
 *   import runs in a thread on a second connection to it
 * @progress: (nullable): called FROM THE IMPORTING THREAD; a caller that
 *   updates widgets must pass the figures to the main thread itself
 *   (e.g. with g_main_context_invoke() or an atomic it polls)
 * @progress_data: must stay valid until @callback runs
 *
 * Imports a roster like ret_roster_import_file(), in a thread.
 * Cancelling stops the import unless its transaction has begun; the
 * result then says which of the two happened.
 */
void
ret_roster_import_file_async (RetStore              *store,
                              const char            *path,
                              const char            *actor,
                              GCancellable          *cancellable,
                              RetImportProgressFunc  progress,
                              gpointer               progress_data,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *import;
  const char *db_path;

  g_return_if_fail (RET_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (actor != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ret_roster_import_file_async);
  g_task_set_name (task, "[retorno] import roster");
  /* What happened is what the worker reports: a cancellation that comes
   * after the transaction committed must not be turned into "nothing
   * imported". */
  g_task_set_check_cancellable (task, FALSE);

  db_path = ret_store_get_path (store);
  if (db_path == NULL)
    {
      g_task_return_new_error (task, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ,
                               _("This database is not a file, so rosters "
                                 "cannot be imported into it in the "
                                 "background"));
      return;
    }

  import = g_new0 (ImportData, 1);
  import->db_path = g_strdup (db_path);
  import->path = g_strdup (path);
  import->actor = g_strdup (actor);
  import->progress = progress;
  import->progress_data = progress_data;
  g_task_set_task_data (task, import, import_data_free);

  g_task_run_in_thread (task, import_thread);
}

/*
 * ret_roster_import_file_finish:
 * @n_imported: (out) (optional): how many persons were imported
 * @problems: (out) (optional): with RET_IMPORT_ERROR_INVALID, every
 *   problem of the file; NULL otherwise
 */
gboolean
ret_roster_import_file_finish (RetStore      *store,
                               GAsyncResult  *result,
                               guint         *n_imported,
                               GPtrArray    **problems,
                               GError       **error)
{
  ImportData *import;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ret_roster_import_file_async, FALSE);

  import = g_task_get_task_data (G_TASK (result));

  if (n_imported != NULL)
    *n_imported = import != NULL ? import->n_imported : 0;
  if (problems != NULL)
    *problems = import != NULL ? g_steal_pointer (&import->problems) : NULL;

  return g_task_propagate_boolean (G_TASK (result), error);
}
