/* test-import.c — roster import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ret-roster-import.h"
#include "ret-store.h"

/* The columns in the order of the contract, and one good person. */
static const char * const columns[] = {
  "a_number", "family_name", "given_names", "sex", "birth_date",
  "nationality", "nationality_verified", "facility", "apprehended_at",
  "origin_state", "origin_municipality", "family_group",
  "unaccompanied_minor", "pregnant", "disabled", "ill", "criminal_record",
  "medical_fit", "interior_consent", "notes",
};

static const char * const good_values[] = {
  "A100000001", "Hernández", "María", "F", "1990-04-12",
  "MEX", "yes", "SDC", "2025-06-01T08:15:00-07:00",
  "Guanajuato", "León", "",
  "no", "no", "no", "no", "no",
  "yes", "no", "",
};

#define N_COLUMNS G_N_ELEMENTS (columns)

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (good_values));

typedef struct
{
  RetStore *store;
  char     *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  fixture->dir = g_build_filename (g_get_user_data_dir (), "import", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);

  db_path = g_build_filename (fixture->dir, "retorno.db", NULL);
  fixture->store = ret_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  ret_store_load_reference_data (fixture->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->dir, g_free);
}

static gint64
count_persons (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 count = ret_store_count_persons (fixture->store, NULL, &error);

  g_assert_no_error (error);
  return count;
}

static GPtrArray *
all_persons (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *persons;

  ids = ret_store_query_person_ids (fixture->store, NULL, &error);
  g_assert_no_error (error);
  persons = ret_store_get_persons (fixture->store, (const gint64 *) (gpointer) ids->data,
                                   ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (persons->len, ==, ids->len);

  return persons;
}

static const RetPerson *
find_person (GPtrArray  *persons,
             const char *a_number)
{
  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *person = g_ptr_array_index (persons, i);

      if (g_strcmp0 (person->a_number, a_number) == 0)
        return person;
    }

  g_assert_not_reached ();
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
append_cell (GString    *csv,
             const char *value)
{
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, value);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_row (GString            *csv,
            const char * const *values,
            guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_cell (csv, values[i]);
    }
  g_string_append_c (csv, '\n');
}

static void
append_header (GString *csv)
{
  append_row (csv, columns, N_COLUMNS);
}

static guint
column_index (const char *name)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    if (strcmp (columns[i], name) == 0)
      return i;

  g_assert_not_reached ();
}

/* A good row with the given A-number and up to two cells changed. */
static void
append_person (GString    *csv,
               const char *a_number,
               const char *column1,
               const char *value1,
               const char *column2,
               const char *value2)
{
  const char *values[N_COLUMNS];

  memcpy (values, good_values, sizeof values);
  values[0] = a_number;
  if (column1 != NULL)
    values[column_index (column1)] = value1;
  if (column2 != NULL)
    values[column_index (column2)] = value2;

  append_row (csv, values, N_COLUMNS);
}

/* Imports @path and expects it to fail with problems, all of them
 * returned (formatted) in a NULL-terminated array. */
static GStrv
import_expecting_problems_keeping (Fixture    *fixture,
                                   const char *path,
                                   gint64      n_stored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_imported = 12345;
  gboolean ok;

  ok = ret_roster_import_file (fixture->store, path, "tester", &n_imported,
                               &problems, NULL, NULL, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_cmpint (count_persons (fixture), ==, n_stored);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = ret_import_problem_format (g_ptr_array_index (problems, i));

      g_strv_builder_add (builder, line);
    }

  return g_strv_builder_end (builder);
}

static GStrv
import_expecting_problems (Fixture    *fixture,
                           const char *path)
{
  return import_expecting_problems_keeping (fixture, path, 0);
}

static void
import_expecting_success (Fixture    *fixture,
                          const char *path,
                          guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_imported = 0;
  gboolean ok;

  ok = ret_roster_import_file (fixture->store, path, "tester", &n_imported,
                               &problems, NULL, NULL, NULL, &error);
  if (problems != NULL)
    for (guint i = 0; i < problems->len; i++)
      {
        g_autofree char *line = ret_import_problem_format (g_ptr_array_index (problems, i));

        g_test_message ("unexpected problem: %s", line);
      }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (problems);
  g_assert_cmpuint (n_imported, ==, expected);
}

static char *
test_data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

/* ------------------------------------------------------------------ */

static void
test_good (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autoptr(GPtrArray) persons = NULL;
  const RetPerson *person;
  GDate today;

  import_expecting_success (fixture, path, 6);
  g_assert_cmpint (count_persons (fixture), ==, 6);
  g_assert_cmpint (ret_store_count_audit (fixture->store, "import"), ==, 1);

  ret_date_today (&today);
  persons = all_persons (fixture);

  person = find_person (persons, "A200000001");
  g_assert_cmpstr (person->family_name, ==, "Hernández López");
  g_assert_cmpstr (person->given_names, ==, "María José");
  g_assert_cmpint (person->sex, ==, RET_SEX_FEMALE);
  g_assert_cmpuint (g_date_get_year (&person->birth_date), ==, 1990);
  g_assert_cmpuint (g_date_get_month (&person->birth_date), ==, 4);
  g_assert_cmpuint (g_date_get_day (&person->birth_date), ==, 12);
  g_assert_cmpstr (person->nationality, ==, "MEX");
  g_assert_true (person->nationality_verified);
  g_assert_cmpstr (person->facility, ==, "SDC");
  /* 2025-06-01T08:15:00-07:00 */
  g_assert_cmpint (person->apprehended_at, ==, 1748790900);
  g_assert_cmpstr (person->origin_code, ==, "11020");
  g_assert_null (person->origin_locality);
  g_assert_null (person->family_group);
  g_assert_cmpint (person->flags, ==, RET_PERSON_FLAG_NONE);
  g_assert_true (person->medical_fit);
  g_assert_false (person->interior_consent);

  /* Quoted cells with commas and doubled quotes; state by INEGI code */
  person = find_person (persons, "A200000002");
  g_assert_cmpstr (person->family_name, ==, "García, Jr.");
  g_assert_cmpstr (person->notes, ==, "Says \"hola\", then waits");
  g_assert_cmpstr (person->origin_code, ==, "11020");
  g_assert_cmpstr (person->family_group, ==, "FAM-1");
  g_assert_true (person->nationality_verified);
  g_assert_cmpint (person->flags, ==, RET_PERSON_FLAG_CRIMINAL_RECORD);

  /* A line break inside a quoted cell; flags as 1/0 and TRUE */
  person = find_person (persons, "A200000003");
  g_assert_cmpstr (person->notes, ==, "first line\nsecond line");
  g_assert_cmpstr (person->origin_code, ==, "16053");
  g_assert_cmpstr (person->family_group, ==, "FAM-1");
  g_assert_cmpint (person->flags, ==, RET_PERSON_FLAG_ILL);
  g_assert_true (person->medical_fit);
  g_assert_true (ret_person_is_minor (person, &today));

  /* Not Mexican: no origin needed */
  person = find_person (persons, "A200000004");
  g_assert_cmpstr (person->nationality, ==, "GTM");
  g_assert_false (person->nationality_verified);
  g_assert_null (person->origin_code);
  g_assert_cmpint (person->sex, ==, RET_SEX_OTHER);
  g_assert_cmpint (person->apprehended_at, ==, 1748952000);

  /* Blank state with a municipality code; an unaccompanied minor */
  person = find_person (persons, "A200000005");
  g_assert_cmpstr (person->origin_code, ==, "11020");
  g_assert_cmpint (person->flags, ==, RET_PERSON_FLAG_UNACCOMPANIED_MINOR);

  /* A locality named instead of a municipality; blank flags are no */
  person = find_person (persons, "A200000006");
  g_assert_cmpstr (person->origin_code, ==, "14003");
  g_assert_cmpstr (person->origin_locality, ==, "Santa Cruz de Bárcenas");
  g_assert_cmpint (person->flags, ==, RET_PERSON_FLAG_PREGNANT | RET_PERSON_FLAG_DISABLED);
  g_assert_false (person->medical_fit);
  g_assert_true (person->interior_consent);
  g_assert_false (person->nationality_verified);
}

/* Cells a spreadsheet would run as formulas are data here: stored as
 * they are, neither evaluated nor escaped (exports escape them). */
static void
test_formula_cells (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autoptr(GPtrArray) persons = NULL;
  const RetPerson *person;

  import_expecting_success (fixture, path, 6);
  persons = all_persons (fixture);

  person = find_person (persons, "A200000004");
  g_assert_cmpstr (person->family_name, ==, "=1+1");
  g_assert_cmpstr (person->given_names, ==, "+52 55 1234");
  g_assert_cmpstr (person->notes, ==, "@SUM(A1:A9)");

  person = find_person (persons, "A200000005");
  g_assert_cmpstr (person->given_names, ==, "-Luis");
  g_assert_cmpstr (person->notes, ==, "-2+3");
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *column1;
  const char *value1;
  const char *column2;
  const char *value2;
  const char *expected;   /* after "FILE:3: " */
} BadRowCase;

static const BadRowCase bad_rows[] = {
  { "sex", "sex", "Q", NULL, NULL, "sex: “Q” is not F, M or X" },
  { "sex-word", "sex", "female", NULL, NULL, "sex: “female” is not F, M or X" },
  { "birth-date-format", "birth_date", "12/04/1990", NULL, NULL,
    "birth_date: “12/04/1990” is not a date in the form YYYY-MM-DD" },
  { "birth-date-impossible", "birth_date", "1990-02-30", NULL, NULL,
    "birth_date: 1990-02-30 is not a date that exists" },
  { "birth-date-future", "birth_date", "2999-01-01", NULL, NULL,
    "birth_date: 2999-01-01 is in the future" },
  { "birth-date-blank", "birth_date", "", NULL, NULL,
    "birth_date: must not be blank" },
  { "apprehended-format", "apprehended_at", "01/06/2025 08:15", NULL, NULL,
    "apprehended_at: “01/06/2025 08:15” is not a date and time in ISO 8601 "
    "form (YYYY-MM-DDTHH:MM:SS±HH:MM)" },
  { "apprehended-no-offset", "apprehended_at", "2025-06-01T08:15:00", NULL, NULL,
    "apprehended_at: “2025-06-01T08:15:00” has no UTC offset (add e.g. -07:00 or Z)" },
  { "apprehended-impossible", "apprehended_at", "2025-02-30T08:15:00Z", NULL, NULL,
    "apprehended_at: “2025-02-30T08:15:00Z” is not a valid date and time" },
  { "apprehended-future", "apprehended_at", "2999-01-01T00:00:00Z", NULL, NULL,
    "apprehended_at: 2999-01-01T00:00:00Z is in the future" },
  { "apprehended-before-birth", "birth_date", "2010-05-01",
    "apprehended_at", "2010-04-30T23:00:00-07:00",
    "apprehended_at: 2010-04-30T23:00:00-07:00 is before the birth date" },
  { "facility-unknown", "facility", "XYZ", NULL, NULL,
    "facility: “XYZ” is not a facility of this database" },
  { "facility-blank", "facility", "", NULL, NULL, "facility: must not be blank" },
  { "origin-state-unknown", "origin_state", "Atlantis", NULL, NULL, "origin_state: " },
  { "origin-municipality-unknown", "origin_municipality", "Ciudad Gótica", NULL, NULL,
    "origin_municipality: " },
  { "origin-missing", "origin_state", "", "origin_municipality", "",
    "origin_municipality: must not be blank for a Mexican national: give "
    "origin_state and origin_municipality, or the municipality's 5-digit "
    "INEGI code" },
  { "origin-municipality-missing", "origin_municipality", "", NULL, NULL,
    "origin_municipality: must not be blank when origin_state is given" },
  { "origin-state-missing", "origin_state", "", NULL, NULL,
    "origin_state: must not be blank unless origin_municipality is a 5-digit "
    "INEGI code" },
  { "origin-code-unknown", "origin_state", "", "origin_municipality", "99999",
    "origin_municipality: no municipality has the code 99999" },
  { "flag-maybe", "pregnant", "maybe", NULL, NULL, "pregnant: “maybe” is not yes or no" },
  { "flag-verified", "nationality_verified", "verified", NULL, NULL,
    "nationality_verified: “verified” is not yes or no" },
  { "flag-consent", "interior_consent", "2", NULL, NULL,
    "interior_consent: “2” is not yes or no" },
  { "medical-fit-blank", "medical_fit", "", NULL, NULL,
    "medical_fit: must be yes or no; a blank is not taken to mean fit" },
  { "medical-fit-bad", "medical_fit", "ok", NULL, NULL,
    "medical_fit: “ok” is not yes or no" },
  { "nationality-lowercase", "nationality", "mex", NULL, NULL,
    "nationality: “mex” is not an ISO 3166 alpha-3 country code (three "
    "capital letters, such as MEX)" },
  { "nationality-alpha2", "nationality", "MX", NULL, NULL,
    "nationality: “MX” is not an ISO 3166 alpha-3 country code (three "
    "capital letters, such as MEX)" },
  { "nationality-blank", "nationality", "", NULL, NULL, "nationality: must not be blank" },
  { "a-number-characters", "a_number", "A12 345", NULL, NULL,
    "a_number: may hold only letters, digits and “-”" },
  { "a-number-slash", "a_number", "A12/345", NULL, NULL,
    "a_number: may hold only letters, digits and “-”" },
  { "a-number-long", "a_number", "A1234567890123456789012", NULL, NULL,
    "a_number: is longer than 20 characters" },
  { "a-number-blank", "a_number", "", NULL, NULL, "a_number: must not be blank" },
  { "a-number-duplicate", "a_number", "A100000001", NULL, NULL,
    "a_number: the same A-number is already on line 2" },
  { "family-name-blank", "family_name", "", NULL, NULL, "family_name: must not be blank" },
  { "given-names-blank", "given_names", "  ", NULL, NULL, "given_names: must not be blank" },
  { "name-line-break", "family_name", "Ruiz\nSoto", NULL, NULL,
    "family_name: contains a line break or a control character" },
  { "name-control", "given_names", "Ana\x01", NULL, NULL,
    "given_names: contains a line break or a control character" },
  { "unaccompanied-adult", "unaccompanied_minor", "yes", NULL, NULL,
    "unaccompanied_minor: is yes, but by the birth date the person is " },
  { "unaccompanied-with-family", "unaccompanied_minor", "yes",
    "birth_date", "2015-01-01", NULL },
  { "pregnant-male", "pregnant", "yes", "sex", "M", "pregnant: is yes, but sex is M" },
};

static void
test_bad_row (Fixture       *fixture,
              gconstpointer  data)
{
  const BadRowCase *test = data;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *prefix = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  if (g_str_equal (test->name, "unaccompanied-with-family"))
    {
      /* the group is the third change of this row */
      const char *values[N_COLUMNS];

      memcpy (values, good_values, sizeof values);
      values[0] = "A100000002";
      values[column_index ("unaccompanied_minor")] = "yes";
      values[column_index ("birth_date")] = "2015-01-01";
      values[column_index ("family_group")] = "F-9";
      append_row (csv, values, N_COLUMNS);
    }
  else
    {
      append_person (csv, "A100000002", test->column1, test->value1,
                     test->column2, test->value2);
    }
  /* a good row after the bad one: the parser must not lose its place */
  append_person (csv, "A100000003", NULL, NULL, NULL, NULL);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);

  for (guint i = 0; problems[i] != NULL; i++)
    g_test_message ("%s", problems[i]);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);

  if (test->expected == NULL)
    prefix = g_strdup_printf ("%s:3: family_group: must be blank for an "
                              "unaccompanied minor", path);
  else
    prefix = g_strdup_printf ("%s:3: %s", path, test->expected);
  g_assert_true (g_str_has_prefix (problems[0], prefix));
}

static void
test_too_long (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *expected_notes = NULL;
  g_autofree char *long_name = g_strnfill (1001, 'x');
  g_autofree char *longest_name = g_strnfill (1000, 'x');
  g_autofree char *long_notes = g_strnfill (4001, 'n');
  g_autofree char *longest_notes = g_strnfill (4000, 'n');
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", "family_name", longest_name, "notes", longest_notes);
  append_person (csv, "A100000002", "family_name", long_name, NULL, NULL);
  append_person (csv, "A100000003", "notes", long_notes, NULL, NULL);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);

  expected_name = g_strdup_printf ("%s:3: family_name: is 1001 bytes long; "
                                   "at most 1000 are allowed", path);
  expected_notes = g_strdup_printf ("%s:4: notes: is 4001 bytes long; "
                                    "at most 4000 are allowed", path);
  g_assert_cmpuint (g_strv_length (problems), ==, 2);
  g_assert_cmpstr (problems[0], ==, expected_name);
  g_assert_cmpstr (problems[1], ==, expected_notes);
}

static void
test_field_count (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected_short = NULL;
  g_autofree char *expected_long = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_row (csv, good_values, N_COLUMNS - 1);
  g_string_append (csv, "A100000002,");
  append_row (csv, good_values + 1, N_COLUMNS - 1);
  g_string_truncate (csv, csv->len - 1);
  g_string_append (csv, ",extra\n");

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);

  expected_short = g_strdup_printf ("%s:2: row has 19 fields; the header has 20", path);
  expected_long = g_strdup_printf ("%s:3: row has 21 fields; the header has 20", path);
  g_assert_cmpuint (g_strv_length (problems), ==, 2);
  g_assert_cmpstr (problems[0], ==, expected_short);
  g_assert_cmpstr (problems[1], ==, expected_long);
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *header;     /* the header row */
  const char *row;        /* one row to go with it */
  const char *expected[4];
} HeaderCase;

#define HEADER_REST "family_name,given_names,sex,birth_date,nationality," \
  "nationality_verified,facility,apprehended_at,origin_state,origin_municipality," \
  "family_group,unaccompanied_minor,pregnant,disabled,ill,criminal_record," \
  "medical_fit,interior_consent"
#define GOOD_HEADER "a_number," HEADER_REST
#define GOOD_ROW "A100000001,Ruiz,Ana,F,1990-04-12,MEX,yes,SDC," \
  "2025-06-01T08:15:00-07:00,11,León,,no,no,no,no,no,yes,no"

static const HeaderCase header_cases[] = {
  { "missing", GOOD_HEADER, GOOD_ROW,
    { ":1: missing column “notes”" } },
  { "unknown", GOOD_HEADER ",notes,nombre", GOOD_ROW ",,Ana",
    { ":1: unknown column “nombre”" } },
  { "duplicated", GOOD_HEADER ",notes,sex", GOOD_ROW ",,F",
    { ":1: column “sex” appears twice (columns 4 and 21)" } },
  { "uppercase", "A_Number," HEADER_REST ",notes", GOOD_ROW ",",
    { ":1: unknown column “A_Number” (did you mean “a_number”? Column names are lowercase)",
      ":1: missing column “a_number”" } },
  { "unnamed", GOOD_HEADER ",notes,", GOOD_ROW ",,",
    { ":1: column 21 has no name" } },
  { "no-header", GOOD_ROW ",", GOOD_ROW ",",
    { ":1: the first row is not a header row: a roster starts with a row of "
      "column names (a_number, family_name, given_names, …)" } },
};

static void
test_header (Fixture       *fixture,
             gconstpointer  data)
{
  const HeaderCase *test = data;
  g_autofree char *contents = g_strdup_printf ("%s\n%s\n", test->header, test->row);
  g_autofree char *path = write_file (fixture, "roster.csv", contents, -1);
  g_auto(GStrv) problems = import_expecting_problems (fixture, path);
  guint n_expected = 0;

  for (guint i = 0; problems[i] != NULL; i++)
    g_test_message ("%s", problems[i]);

  while (n_expected < G_N_ELEMENTS (test->expected) && test->expected[n_expected] != NULL)
    {
      g_autofree char *expected = g_strconcat (path, test->expected[n_expected], NULL);

      g_assert_cmpstr (problems[n_expected], ==, expected);
      n_expected++;
    }
  g_assert_cmpuint (g_strv_length (problems), ==, n_expected);
}

/* Columns may come in any order. */
static void
test_column_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  const char *names[N_COLUMNS], *values[N_COLUMNS];
  const RetPerson *person;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      names[i] = columns[N_COLUMNS - 1 - i];
      values[i] = good_values[N_COLUMNS - 1 - i];
    }
  append_row (csv, names, N_COLUMNS);
  append_row (csv, values, N_COLUMNS);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  import_expecting_success (fixture, path, 1);

  persons = all_persons (fixture);
  person = find_person (persons, "A100000001");
  g_assert_cmpstr (person->family_name, ==, "Hernández");
  g_assert_cmpstr (person->origin_code, ==, "11020");
}

/* ------------------------------------------------------------------ */

static void
assert_problems (GStrv               problems,
                 const char         *path,
                 const char * const *expected)
{
  guint n_expected = g_strv_length ((GStrv) expected);

  for (guint i = 0; problems[i] != NULL; i++)
    g_test_message ("%s", problems[i]);

  g_assert_cmpuint (g_strv_length (problems), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autofree char *line = g_strconcat (path, expected[i], NULL);

      g_assert_cmpstr (problems[i], ==, line);
    }
}

static void
test_several_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: birth_date: 1991-02-30 is not a date that exists",
    ":5: apprehended_at: “2025-06-01T08:15:00” has no UTC offset (add e.g. -07:00 or Z)",
    ":5: nationality: “mex” is not an ISO 3166 alpha-3 country code (three "
      "capital letters, such as MEX)",
    ":5: facility: “NOPE” is not a facility of this database",
    ":5: medical_fit: must be yes or no; a blank is not taken to mean fit",
    ":6: row has 19 fields; the header has 20",
    ":7: a_number: the same A-number is already on line 2",
    NULL
  };
  g_autofree char *path = test_data_path ("roster-several-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_false (ret_roster_import_file (fixture->store, path, "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "roster-several-bad.csv has 7 problems; nothing was imported");

  lines = import_expecting_problems (fixture, path);
  assert_problems (lines, path, expected);

  /* The fields of a problem, for a UI that lists them in a table */
  {
    const RetImportProblem *problem = g_ptr_array_index (problems, 0);

    g_assert_cmpstr (problem->file, ==, path);
    g_assert_cmpuint (problem->line, ==, 3);
    g_assert_cmpstr (problem->field, ==, "birth_date");
    g_assert_cmpstr (problem->message, ==, "1991-02-30 is not a date that exists");

    problem = g_ptr_array_index (problems, 5);
    g_assert_cmpuint (problem->line, ==, 6);
    g_assert_null (problem->field);
  }
}

/* 99 good rows and one bad one: nothing is written. */
static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *a_number = g_strdup_printf ("A%09u", 100 + i);

      if (i == 73)
        append_person (csv, a_number, "ill", "perhaps", NULL, NULL);
      else
        append_person (csv, a_number, NULL, NULL, NULL, NULL);
    }

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);

  expected = g_strdup_printf ("%s:75: ill: “perhaps” is not yes or no", path);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, expected);
  g_assert_cmpint (count_persons (fixture), ==, 0);
  g_assert_cmpint (ret_store_count_audit (fixture->store, "import"), ==, 0);
}

/* The same file twice: the second time every A-number is taken, and so
 * are the family labels (one problem for each row with a family). */
static void
test_duplicate_in_store (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autofree char *expected = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  RetImportProblem *problem;

  import_expecting_success (fixture, path, 6);
  g_assert_cmpint (count_persons (fixture), ==, 6);

  g_assert_false (ret_roster_import_file (fixture->store, path, "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "roster-good.csv has 9 problems; nothing was imported");
  g_assert_cmpuint (problems->len, ==, 9);

  /* one word for the whole file first, then each row */
  problem = g_ptr_array_index (problems, 0);
  expected = g_strdup_printf ("%s: every person on this roster is already in the "
                              "database; was it imported before?", path);
  formatted = ret_import_problem_format (problem);
  g_assert_cmpstr (formatted, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&formatted, g_free);

  problem = g_ptr_array_index (problems, 1);
  expected = g_strdup_printf ("%s:2: a_number: this A-number is already in the database", path);
  formatted = ret_import_problem_format (problem);
  g_assert_cmpstr (formatted, ==, expected);
  /* the third person's notes span lines 4 and 5: the fourth starts on 6;
   * and the third's family label is taken too */
  {
    gboolean fourth_named = FALSE, family_named = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        RetImportProblem *p = g_ptr_array_index (problems, i);

        fourth_named |= p->line == 6 && g_strcmp0 (p->field, "a_number") == 0;
        family_named |= p->line == 4 && g_strcmp0 (p->field, "family_group") == 0;
      }
    g_assert_true (fourth_named);
    g_assert_true (family_named);
  }

  g_assert_cmpint (count_persons (fixture), ==, 6);
  g_assert_cmpint (ret_store_count_audit (fixture->store, "import"), ==, 1);
}

/* Two rosters that both number their families from 1: the second is
 * refused rather than putting strangers in one family. */
static void
test_family_label_reused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *first = write_file (fixture, "monday.csv",
    "a_number,family_name,given_names,sex,birth_date,nationality,nationality_verified,facility,"
    "apprehended_at,origin_state,origin_municipality,family_group,unaccompanied_minor,pregnant,"
    "disabled,ill,criminal_record,medical_fit,interior_consent,notes\n"
    "M1,Ruiz,Ana,F,1990-04-12,MEX,yes,SDC,2025-06-01T08:15:00-07:00,11,León,1,no,no,no,no,no,yes,no,\n"
    "M2,Ruiz,Luis,M,2019-04-12,MEX,yes,SDC,2025-06-01T08:15:00-07:00,11,León,1,no,no,no,no,no,yes,no,\n", -1);
  g_autofree char *second = write_file (fixture, "tuesday.csv",
    "a_number,family_name,given_names,sex,birth_date,nationality,nationality_verified,facility,"
    "apprehended_at,origin_state,origin_municipality,family_group,unaccompanied_minor,pregnant,"
    "disabled,ill,criminal_record,medical_fit,interior_consent,notes\n"
    "T1,Soto,Pedro,M,1980-01-01,MEX,yes,RGV,2025-06-02T08:15:00-05:00,16,Morelia,1,no,no,no,no,yes,yes,no,\n", -1);
  g_auto(GStrv) problems = NULL;
  g_autofree char *expected = NULL;

  import_expecting_success (fixture, first, 2);
  problems = import_expecting_problems_keeping (fixture, second, 2);

  expected = g_strdup_printf ("%s:2: family_group: “1” is already the label of a family in the "
                              "database; give this roster's families labels of their own "
                              "(e.g. with the date or facility in front)", second);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, expected);
  g_assert_cmpint (count_persons (fixture), ==, 2);
}

/* A device or a folder is not read at all. */
static void
test_not_a_regular_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_false (ret_roster_import_file (fixture->store, "/dev/zero", "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "/dev/zero is not a regular file");
  g_assert_cmpint (count_persons (fixture), ==, 0);
}

/* Some persons already stored: each is named, no word for the file. */
static void
test_duplicate_some_in_store (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: a_number: this A-number is already in the database",
    NULL
  };
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (first);
  append_person (first, "A100000001", NULL, NULL, NULL, NULL);
  first_path = write_file (fixture, "first.csv", first->str, first->len);
  import_expecting_success (fixture, first_path, 1);

  append_header (second);
  append_person (second, "A100000002", NULL, NULL, NULL, NULL);
  append_person (second, "A100000001", NULL, NULL, NULL, NULL);
  second_path = write_file (fixture, "second.csv", second->str, second->len);

  problems = import_expecting_problems_keeping (fixture, second_path, 1);
  assert_problems (problems, second_path, expected);
}

static void
test_bom_crlf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-bom-crlf.csv");
  g_autoptr(GPtrArray) persons = NULL;
  const RetPerson *person;

  import_expecting_success (fixture, path, 2);

  persons = all_persons (fixture);
  person = find_person (persons, "A500000001");
  g_assert_cmpstr (person->family_name, ==, "Vega");
  /* inside quotes the CRLF is the cell's own */
  g_assert_cmpstr (person->notes, ==, "one\r\ntwo");
  g_assert_cmpstr (person->origin_code, ==, "26030");
  person = find_person (persons, "A500000002");
  g_assert_cmpstr (person->given_names, ==, "Saúl");
  /* no notes; the store reads that back as empty */
  g_assert_true (person->notes == NULL || person->notes[0] == '\0');
}

/* With CRLF and a BOM, problems still name the right lines. */
static void
test_crlf_lines (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const expected[] = {
    ":4: sex: “Q” is not F, M or X",
    ":6: pregnant: “maybe” is not yes or no",
    NULL
  };
  g_autoptr(GString) csv = g_string_new ("\xef\xbb\xbf");
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", "notes", "one\r\ntwo", NULL, NULL);
  append_person (csv, "A100000002", "sex", "Q", NULL, NULL);
  g_string_append (csv, "\n");
  append_person (csv, "A100000003", "pregnant", "maybe", NULL, NULL);
  g_string_replace (csv, "\n", "\r\n", 0);
  /* the replacement doubled the CR of the quoted CRLF; undo that */
  g_string_replace (csv, "\r\r\n", "\r\n", 0);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

/* Lone CRs, as old Mac spreadsheets save, end lines too. */
static void
test_cr_lines (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: sex: “Q” is not F, M or X",
    ":5: pregnant: “maybe” is not yes or no",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000002", "sex", "Q", NULL, NULL);
  g_string_append (csv, "\n");
  append_person (csv, "A100000003", "pregnant", "maybe", NULL, NULL);
  g_string_replace (csv, "\n", "\r", 0);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

/* Line breaks inside quoted cells count as lines: later problems name
 * the physical line their record starts on. */
static void
test_multiline_lines (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const expected[] = {
    ":6: sex: “Q” is not F, M or X",
    ":7: pregnant: “maybe” is not yes or no",
    ":9: facility: “XXX” is not a facility of this database",
    NULL
  };
  g_autofree char *path = test_data_path ("roster-multiline.csv");
  g_auto(GStrv) problems = import_expecting_problems (fixture, path);

  assert_problems (problems, path, expected);
}

/* Blank lines are skipped, and so are rows of nothing but commas, as
 * spreadsheets save them; lines still count. */
static void
test_blank_lines (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const expected[] = {
    ":7: sex: “Q” is not F, M or X",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *good_path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  g_string_append (csv, "\n");
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  g_string_append (csv, ",,,,,,,,,,,,,,,,,,,\n");
  g_string_append (csv, "   \n");
  g_string_append (csv, "\n");
  good_path = write_file (fixture, "good.csv", csv->str, csv->len);
  append_person (csv, "A100000002", "sex", "Q", NULL, NULL);
  g_string_append (csv, "\n\n");

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);

  import_expecting_success (fixture, good_path, 1);
}

/* Two exports joined into one file */
static void
test_header_again (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const expected[] = {
    ":4: the header row appears again; were two rosters joined into one file?",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000002", NULL, NULL, NULL, NULL);
  append_header (csv);
  append_person (csv, "A100000003", NULL, NULL, NULL, NULL);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

static void
test_no_final_newline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000002", "notes", "last, \"quoted\"", NULL, NULL);
  g_string_truncate (csv, csv->len - 1);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  import_expecting_success (fixture, path, 2);
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: family_name: is not valid UTF-8 text; save the roster as CSV in UTF-8",
    ":5: notes: is not valid UTF-8 text; save the roster as CSV in UTF-8",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  /* "Núñez" in Latin-1 */
  append_person (csv, "A100000002", "family_name", "N\xfa\xf1" "ez", NULL, NULL);
  append_person (csv, "A100000003", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000004", "notes", "ok\nthen \xc3\x28", NULL, NULL);

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

/* A header in a legacy encoding: one problem, not twenty. */
static void
test_invalid_utf8_header (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const expected[] = {
    ":1: the header row is not UTF-8 text; save the roster as CSV in UTF-8",
    NULL
  };
  g_autoptr(GString) csv = g_string_new ("a_number,fam\xedly_name\n");
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

static void
test_nul_byte (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: given_names: contains a NUL byte; the file is not plain text",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;
  gsize at;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000002", "given_names", "Ana@Luisa", NULL, NULL);
  append_person (csv, "A100000003", NULL, NULL, NULL, NULL);
  at = strstr (csv->str, "Ana@Luisa") - csv->str + 3;
  csv->str[at] = '\0';

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

/* A stray quote is reported, and the parser picks up on the next line. */
static void
test_bad_quoting (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const expected[] = {
    ":3: a double quote is out of place: a field with commas, quotes or line "
      "breaks must be enclosed in double quotes, and each double quote inside "
      "it doubled",
    ":4: a double quote is out of place: a field with commas, quotes or line "
      "breaks must be enclosed in double quotes, and each double quote inside "
      "it doubled",
    ":6: sex: “Q” is not F, M or X",
    ":7: a quoted field is not closed: a double quote is missing",
    NULL
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(GStrv) problems = NULL;

  append_header (csv);
  append_person (csv, "A100000001", NULL, NULL, NULL, NULL);
  g_string_append (csv, "A100000002,Ru\"iz,Ana,F,1990-04-12,MEX,yes,SDC,"
                   "2025-06-01T08:15:00-07:00,11,León,,no,no,no,no,no,yes,no,\n");
  g_string_append (csv, "A100000003,\"Ruiz\"x,Ana,F,1990-04-12,MEX,yes,SDC,"
                   "2025-06-01T08:15:00-07:00,11,León,,no,no,no,no,no,yes,no,\n");
  append_person (csv, "A100000004", NULL, NULL, NULL, NULL);
  append_person (csv, "A100000005", "sex", "Q", NULL, NULL);
  g_string_append (csv, "A100000006,Ruiz,Ana,F,1990-04-12,MEX,yes,SDC,"
                   "2025-06-01T08:15:00-07:00,11,León,,no,no,no,no,no,yes,no,\"open\n"
                   "and never closed\n");

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  problems = import_expecting_problems (fixture, path);
  assert_problems (problems, path, expected);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const expected[] = {
    ": the file is empty; a roster starts with a header row of column names",
    NULL
  };
  g_autofree char *path = write_file (fixture, "roster.csv", "\xef\xbb\xbf\n\n", -1);
  g_auto(GStrv) problems = import_expecting_problems (fixture, path);
  g_autofree char *header_only = NULL;

  assert_problems (problems, path, expected);

  /* A header and nobody on it is an empty roster, not a mistake. */
  header_only = write_file (fixture, "header.csv", GOOD_HEADER ",notes\r\n", -1);
  import_expecting_success (fixture, header_only, 0);
  g_assert_cmpint (count_persons (fixture), ==, 0);
}

/* Accepted spellings of yes and no, and blanks. */
static void
test_flag_values (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    const char *value;
    gboolean    yes;
  } values[] = {
    { "yes", TRUE }, { "YES", TRUE }, { "Yes", TRUE }, { "y", TRUE },
    { "true", TRUE }, { "TRUE", TRUE }, { "1", TRUE }, { "sí", TRUE },
    { "SÍ", TRUE }, { "Sí", TRUE }, { "si", TRUE }, { "SI", TRUE },
    { "no", FALSE }, { "NO", FALSE }, { "n", FALSE }, { "false", FALSE },
    { "False", FALSE }, { "0", FALSE }, { "", FALSE },
  };
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  append_header (csv);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *a_number = g_strdup_printf ("A%09u", i + 1);

      append_person (csv, a_number, "disabled", values[i].value,
                     "medical_fit", values[i].value[0] != '\0' ? values[i].value : "no");
    }

  persons = ret_roster_parse (fixture->store, "flags.csv", csv->str, csv->len, &problems);
  g_assert_null (problems);
  g_assert_nonnull (persons);
  g_assert_cmpuint (persons->len, ==, G_N_ELEMENTS (values));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const RetPerson *person = g_ptr_array_index (persons, i);

      g_test_message ("%s", values[i].value);
      g_assert_cmpint (!!(person->flags & RET_PERSON_FLAG_DISABLED), ==, values[i].yes);
      g_assert_cmpint (person->medical_fit, ==, values[i].yes);
    }

  /* parse writes nothing */
  g_assert_cmpint (count_persons (fixture), ==, 0);
}

/* Past a thousand problems the list says how many more there are. */
static void
test_problem_cap (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *last = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  append_header (csv);
  for (guint i = 0; i < 1250; i++)
    {
      g_autofree char *a_number = g_strdup_printf ("A%09u", i + 1);

      append_person (csv, a_number, "sex", "?", NULL, NULL);
    }

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  g_assert_false (ret_roster_import_file (fixture->store, path, "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "roster.csv has 1250 problems; nothing was imported");
  g_assert_cmpuint (problems->len, ==, 1001);
  g_assert_cmpuint (((RetImportProblem *) g_ptr_array_index (problems, 999))->line, ==, 1001);

  last = g_strdup_printf ("%s: … and 250 more problems", path);
  formatted = ret_import_problem_format (g_ptr_array_index (problems, 1000));
  g_assert_cmpstr (formatted, ==, last);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-roster.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_false (ret_roster_import_file (fixture->store, path, "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (problems);

  g_clear_error (&error);
  g_assert_false (ret_roster_import_file (fixture->store, fixture->dir, "tester", NULL,
                                          &problems, NULL, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_READ);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (ret_roster_import_file (fixture->store, path, "tester", NULL,
                                          NULL, cancellable, NULL, NULL, &error));
  g_assert_error (error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_CANCELLED);
  g_assert_cmpint (count_persons (fixture), ==, 0);
}

typedef struct
{
  guint   calls;
  guint64 first_done;
  guint64 last_done;
  guint64 total;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->calls == 0)
    progress->first_done = done;
  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  guint n_imported = 0;

  append_header (csv);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *a_number = g_strdup_printf ("A%09u", i + 1);

      append_person (csv, a_number, NULL, NULL, NULL, NULL);
    }

  path = write_file (fixture, "roster.csv", csv->str, csv->len);
  g_assert_true (ret_roster_import_file (fixture->store, path, "tester", &n_imported,
                                         NULL, NULL, progress_cb, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 3000);
  g_assert_cmpuint (progress.calls, >=, 3);
  g_assert_cmpuint (progress.first_done, ==, 0);
  g_assert_cmpuint (progress.total, ==, csv->len);
  g_assert_cmpuint (progress.last_done, ==, csv->len);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint      n_imported;
  GPtrArray *problems;
  GError    *error;
} AsyncResult;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->ok = ret_roster_import_file_finish (RET_STORE (source), result,
                                             &async->n_imported, &async->problems,
                                             &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autofree char *bad_path = test_data_path ("roster-several-bad.csv");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(RetStore) other = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult async = { loop };
  Progress progress = { 0 };

  ret_roster_import_file_async (fixture->store, path, "tester", NULL,
                                progress_cb, &progress, import_done_cb, &async);
  g_main_loop_run (loop);

  g_assert_no_error (async.error);
  g_assert_true (async.ok);
  g_assert_cmpuint (async.n_imported, ==, 6);
  g_assert_null (async.problems);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, progress.total);

  /* Written on the thread's own connection to the file.  Read back on
   * a fresh connection: what the import promises is the committed file. */
  other = ret_store_open (ret_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ret_store_count_persons (other, NULL, NULL), ==, 6);
  ids = ret_store_query_person_ids (other, NULL, &error);
  g_assert_no_error (error);
  persons = ret_store_get_persons (other, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_person (persons, "A200000001")->origin_code, ==, "11020");

  /* problems come back through finish() */
  ret_roster_import_file_async (fixture->store, bad_path, "tester", NULL,
                                NULL, NULL, import_done_cb, &async);
  g_main_loop_run (loop);

  g_assert_false (async.ok);
  g_assert_error (async.error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_INVALID);
  g_assert_nonnull (async.problems);
  g_assert_cmpuint (async.problems->len, ==, 7);
  g_assert_cmpint (ret_store_count_persons (other, NULL, NULL), ==, 6);
  g_clear_error (&async.error);
  g_clear_pointer (&async.problems, g_ptr_array_unref);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = test_data_path ("roster-good.csv");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult async = { loop };

  g_cancellable_cancel (cancellable);
  ret_roster_import_file_async (fixture->store, path, "tester", cancellable,
                                NULL, NULL, import_done_cb, &async);
  g_main_loop_run (loop);

  g_assert_false (async.ok);
  g_assert_error (async.error, RET_IMPORT_ERROR, RET_IMPORT_ERROR_CANCELLED);
  g_assert_cmpint (count_persons (fixture), ==, 0);
  g_clear_error (&async.error);
}

static void
test_problem_format (void)
{
  RetImportProblem problem = { (char *) "roster.csv", 12, (char *) "sex", (char *) "“Q” is not F, M or X" };
  g_autofree char *field = NULL;
  g_autofree char *row = NULL;
  g_autofree char *file = NULL;

  field = ret_import_problem_format (&problem);
  g_assert_cmpstr (field, ==, "roster.csv:12: sex: “Q” is not F, M or X");

  problem.field = NULL;
  problem.message = (char *) "row has 19 fields; the header has 20";
  row = ret_import_problem_format (&problem);
  g_assert_cmpstr (row, ==, "roster.csv:12: row has 19 fields; the header has 20");

  problem.line = 0;
  problem.message = (char *) "the file is empty";
  file = ret_import_problem_format (&problem);
  g_assert_cmpstr (file, ==, "roster.csv: the file is empty");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/import/problem-format", test_problem_format);
  ADD ("/import/good", test_good);
  ADD ("/import/formula-cells", test_formula_cells);
  ADD ("/import/column-order", test_column_order);
  ADD ("/import/flag-values", test_flag_values);
  ADD ("/import/bom-crlf", test_bom_crlf);
  ADD ("/import/no-final-newline", test_no_final_newline);
  ADD ("/import/header-again", test_header_again);

  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad-row/%s", bad_rows[i].name);

      g_test_add (path, Fixture, &bad_rows[i], fixture_setup, test_bad_row, fixture_teardown);
    }
  ADD ("/import/bad-row/too-long", test_too_long);
  ADD ("/import/bad-row/field-count", test_field_count);

  for (guint i = 0; i < G_N_ELEMENTS (header_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/header/%s", header_cases[i].name);

      g_test_add (path, Fixture, &header_cases[i], fixture_setup, test_header, fixture_teardown);
    }

  ADD ("/import/several-problems", test_several_problems);
  ADD ("/import/all-or-nothing", test_all_or_nothing);
  ADD ("/import/duplicate-in-store", test_duplicate_in_store);
  ADD ("/import/family-label-reused", test_family_label_reused);
  ADD ("/import/not-a-regular-file", test_not_a_regular_file);
  ADD ("/import/duplicate-some-in-store", test_duplicate_some_in_store);
  ADD ("/import/lines/crlf", test_crlf_lines);
  ADD ("/import/lines/cr", test_cr_lines);
  ADD ("/import/lines/multiline", test_multiline_lines);
  ADD ("/import/lines/blank", test_blank_lines);
  ADD ("/import/invalid-utf8", test_invalid_utf8);
  ADD ("/import/invalid-utf8-header", test_invalid_utf8_header);
  ADD ("/import/nul-byte", test_nul_byte);
  ADD ("/import/bad-quoting", test_bad_quoting);
  ADD ("/import/empty", test_empty);
  ADD ("/import/problem-cap", test_problem_cap);
  ADD ("/import/unreadable", test_unreadable);
  ADD ("/import/cancelled", test_cancelled);
  ADD ("/import/progress", test_progress);
  ADD ("/import/async", test_async);
  ADD ("/import/async-cancelled", test_async_cancelled);

#undef ADD

  return g_test_run ();
}
