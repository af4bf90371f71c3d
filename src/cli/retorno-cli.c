/* retorno-cli.c — the command-line face of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 success, 1 a check found hard violations (or approval was
 * refused because of them), 2 bad input or usage (with a message on
 * stderr naming file, line and field).
 */

#define G_LOG_DOMAIN "retorno-cli"

#include "config.h"

#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ret-demo.h"
#include "ret-plan-io.h"
#include "ret-roster-import.h"
#include "ret-solar.h"
#include "ret-store.h"
#include "ret-store-schedule.h"
#include "ret-time.h"

#define EXIT_VIOLATIONS 1
#define EXIT_USAGE      2

static char *db_path = NULL;

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("retorno-cli: %s\n", message);
  g_printerr (_("Try “retorno-cli --help” for usage.\n"));
  return EXIT_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("retorno-cli: %s\n", error->message);
  return EXIT_USAGE;
}

static const char *
database_path (void)
{
  if (db_path == NULL)
    db_path = ret_store_dup_default_path ();

  return db_path;
}

/* Opens the database, which must already be initialised. */
static RetStore *
open_store (GError **error)
{
  g_autoptr(RetStore) store = NULL;

  if (!g_file_test (database_path (), G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("%s does not exist; create it with “retorno-cli init”"), database_path ());
      return NULL;
    }

  store = ret_store_open (database_path (), error);
  if (store == NULL)
    return NULL;

  if (!ret_store_has_reference_data (store))
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_OPEN,
                   _("%s has no reference data; run “retorno-cli init”"), database_path ());
      return NULL;
    }

  return g_steal_pointer (&store);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *value)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL);
}

/* init [--demo [--persons N] [--seed S]] */
static int
cmd_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *persons_text = NULL;
  g_autofree char *seed_text = NULL;
  gboolean demo = FALSE;
  guint64 n_persons = RET_DEMO_DEFAULT_PERSONS;
  guint64 seed = RET_DEMO_DEFAULT_SEED;
  gint64 existing;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Add a synthetic demo roster"), NULL },
    { "persons", 0, 0, G_OPTION_ARG_STRING, &persons_text, N_("Number of demo persons (default 1200)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the demo roster (default 2004)"), "S" },
    { NULL }
  };

  context = g_option_context_new (_("— create a database with the reference data"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("init: %s", error->message);
  if (argc > 1)
    return usage_error (_("init: unexpected argument “%s”"), argv[1]);
  if (!demo && (persons_text != NULL || seed_text != NULL))
    return usage_error (_("init: --persons and --seed need --demo"));
  if (persons_text != NULL && (!parse_uint (persons_text, 1000000, &n_persons) || n_persons == 0))
    return usage_error (_("init: --persons: “%s” is not a number from 1 to 1000000"), persons_text);
  if (seed_text != NULL && !parse_uint (seed_text, G_MAXUINT64, &seed))
    return usage_error (_("init: --seed: “%s” is not a whole number"), seed_text);

  store = ret_store_open (database_path (), &error);
  if (store == NULL || !ret_store_load_reference_data (store, &error))
    return fail (error);

  if (demo)
    {
      existing = ret_store_count_persons (store, NULL, &error);
      if (existing < 0)
        return fail (error);
      if (existing > 0)
        {
          g_printerr (_("retorno-cli: %s already holds %" PRId64 " persons; "
                        "demo data goes into a new database only (use --db)\n"),
                      database_path (), (int64_t) existing);
          return EXIT_USAGE;
        }

      if (!ret_demo_populate (store, n_persons, seed, &error))
        return fail (error);

      g_print (_("Created %s with reference data and %" PRIu64 " synthetic demo persons (seed %" PRIu64 ").\n"),
               database_path (), (uint64_t) n_persons, (uint64_t) seed);
    }
  else
    {
      g_print (_("%s is ready, with the reference data.\n"), database_path ());
    }

  return EXIT_SUCCESS;
}

static int
cmd_import_persons (const char *path)
{
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_imported = 0;

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  if (!ret_roster_import_file (store, path, g_get_user_name (), &n_imported, &problems,
                               NULL, NULL, NULL, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          g_autofree char *line = ret_import_problem_format (g_ptr_array_index (problems, i));

          g_printerr ("%s\n", line);
        }
      return fail (error);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u person from %s.\n",
                        "Imported %u persons from %s.\n", n_imported),
           n_imported, path);
  return EXIT_SUCCESS;
}

static int
cmd_import_plan (const char *path)
{
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 plan_id = 0;
  guint n_transfers = 0;
  guint n_persons = 0;

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  if (!ret_plan_import_file (store, path, g_get_user_name (), &plan_id, &n_transfers,
                             &n_persons, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          g_autofree char *line = ret_plan_problem_format (g_ptr_array_index (problems, i));

          g_printerr ("%s\n", line);
        }
      return fail (error);
    }

  {
    g_autofree char *transfers =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transfer", "%u transfers", n_transfers),
                       n_transfers);
    g_autofree char *persons =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u persons", n_persons),
                       n_persons);

    /* TRANSLATORS: the plan's number, then "4 transfers", "150 persons" */
    g_print (_("Imported plan %" PRId64 ": %s, %s.\n"), (int64_t) plan_id, transfers, persons);
  }
  return EXIT_SUCCESS;
}

static int
cmd_import (int    argc,
            char **argv)
{
  if (argc < 2)
    return usage_error (_("import: say what to import: “import persons FILE.csv” or “import plan FILE.json”"));

  if (g_strcmp0 (argv[1], "persons") == 0)
    {
      if (argc != 3)
        return usage_error (_("import persons: give exactly one roster file"));
      return cmd_import_persons (argv[2]);
    }

  if (g_strcmp0 (argv[1], "plan") == 0)
    {
      if (argc != 3)
        return usage_error (_("import plan: give exactly one plan file"));
      return cmd_import_plan (argv[2]);
    }

  return usage_error (_("import: unknown kind “%s” (expected “persons” or “plan”)"), argv[1]);
}

static void
add_window_json (JsonBuilder     *builder,
                 const RetWindow *w)
{
  struct { const char *name; int minute; } fields[] = {
    { "open", w->open },
    { "close", w->close },
    { "vulnerable_open", w->vulnerable_open },
    { "vulnerable_close", w->vulnerable_close },
    { "minors_cutoff", w->minors_cutoff },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = ret_minute_format (fields[i].minute);

      json_builder_set_member_name (builder, fields[i].name);
      if (fields[i].minute == RET_MINUTE_NONE)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);
}

/* Pads to @width characters (not bytes), for tables with accents. */
static void
append_cell (GString    *line,
             const char *text,
             int         width)
{
  int n = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (int i = n; i < width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

static const char * const weekday_keys[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static int
cmd_points (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— the repatriation points"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("points: %s", error->message);
  if (argc > 1)
    return usage_error (_("points: unexpected argument “%s”"), argv[1]);

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  points = ret_store_list_points (store, &error);
  if (points == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "points");
      json_builder_begin_array (builder);
      for (guint i = 0; i < points->len; i++)
        {
          const RetPoint *p = g_ptr_array_index (points, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, p->code);
          json_builder_set_member_name (builder, "us_port");
          if (p->us_port != NULL)
            json_builder_add_string_value (builder, p->us_port);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "city");
          json_builder_add_string_value (builder, p->city);
          json_builder_set_member_name (builder, "lat");
          json_builder_add_double_value (builder, p->latitude);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_double_value (builder, p->longitude);
          json_builder_set_member_name (builder, "timezone");
          json_builder_add_string_value (builder, p->timezone);
          json_builder_set_member_name (builder, "airport");
          json_builder_add_boolean_value (builder, p->airport);
          json_builder_set_member_name (builder, "minors_reception");
          json_builder_add_boolean_value (builder, p->minors_reception);
          json_builder_set_member_name (builder, "daily_capacity");
          json_builder_add_int_value (builder, p->daily_capacity);
          json_builder_set_member_name (builder, "capacity_sample");
          json_builder_add_boolean_value (builder, p->capacity_sample);
          json_builder_set_member_name (builder, "arrangements");
          json_builder_begin_array (builder);
          for (guint j = 0; j < p->hours->len; j++)
            {
              const RetPointHours *h = g_ptr_array_index (p->hours, j);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "arrangement");
              json_builder_add_string_value (builder, h->arrangement);
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, h->arrangement_name);
              json_builder_set_member_name (builder, "sample");
              json_builder_add_boolean_value (builder, h->sample);
              json_builder_set_member_name (builder, "hours");
              json_builder_begin_object (builder);
              for (guint d = 0; d < RET_N_WEEKDAYS; d++)
                {
                  json_builder_set_member_name (builder, weekday_keys[d]);
                  add_window_json (builder, &h->week[d]);
                }
              json_builder_end_object (builder);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return EXIT_SUCCESS;
    }

  {
    g_autoptr(GString) line = g_string_new (NULL);

    append_cell (line, _("code"), 4);
    append_cell (line, _("point"), 24);
    append_cell (line, _("zone"), 21);
    append_cell (line, _("minors"), 6);
    append_cell (line, _("window"), 11);
    append_cell (line, _("vulnerable"), 11);
    append_cell (line, _("cut-off"), 7);
    g_string_append (line, _("capacity/day"));
    g_print ("%s\n", line->str);
  }

  for (guint i = 0; i < points->len; i++)
    {
      const RetPoint *p = g_ptr_array_index (points, i);
      const RetPointHours *h = ret_point_get_hours (p, NULL);
      /* Monday's window stands for the week in the table; --json has all. */
      const RetWindow *w = h != NULL ? &h->week[0] : NULL;
      g_autofree char *open = w ? ret_minute_format (w->open) : g_strdup ("");
      g_autofree char *close = w ? ret_minute_format (w->close) : g_strdup ("");
      g_autofree char *vopen = w ? ret_minute_format (w->vulnerable_open) : g_strdup ("");
      g_autofree char *vclose = w ? ret_minute_format (w->vulnerable_close) : g_strdup ("");
      g_autofree char *cutoff = w ? ret_minute_format (w->minors_cutoff) : g_strdup ("");
      g_autofree char *window = g_strdup_printf ("%s–%s", open, close);
      g_autofree char *vwindow = g_strdup_printf ("%s–%s", vopen, vclose);
      g_autoptr(GString) line = g_string_new (NULL);

      append_cell (line, p->code, 4);
      append_cell (line, p->city, 24);
      append_cell (line, p->timezone, 21);
      append_cell (line, p->minors_reception ? _("yes") : _("no"), 6);
      append_cell (line, window, 11);
      append_cell (line, vwindow, 11);
      append_cell (line, *cutoff ? cutoff : "—", 7);
      g_string_append_printf (line, "%d", p->daily_capacity);
      if (p->capacity_sample)
        g_string_append (line, _(" (sample)"));
      g_print ("%s\n", line->str);
    }

  if (points->len > 0)
    g_print ("\n%s\n", _("Hours and capacities marked sample are not from a public source: check them against the arrangement in force."));

  return EXIT_SUCCESS;
}

/* A coordinate: a plain decimal number within [min, max]. */
static gboolean
parse_coordinate (const char  *option,
                  const char  *text,
                  double       min,
                  double       max,
                  double      *value,
                  GError     **error)
{
  char *end = NULL;
  double v;

  /* Decimal degrees only: strtod would also take "0x10" (16), " 10"
   * and "1e1", and a typo would give plausible wrong sun times. */
  if (!g_regex_match_simple ("^[-+]?[0-9]+(\\.[0-9]+)?$", text, 0, 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not a number in decimal degrees, such as 31.333 or -110.945"),
                   option, text);
      return FALSE;
    }

  v = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not a number"), option, text);
      return FALSE;
    }

  if (v < min || v > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: %s is outside %g to %g"), option, text, min, max);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static void
append_event (GString           *line,
              const RetSunEvent *event,
              GTimeZone         *zone)
{
  g_string_append_c (line, ',');
  /* An event that does not happen that date is an empty cell. */
  if (event->kind == RET_SUN_EVENT_OCCURS)
    {
      g_autofree char *text = ret_local_time_format (event->utc, zone);

      g_string_append (line, text);
    }
}

#define DAYLIGHT_MAX_DAYS 3660

/* daylight (--point CODE | --lat L --lon L --tz ZONE) --from YYYY-MM-DD [--days N] */
static int
cmd_daylight (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *point_code = NULL;
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;
  g_autofree char *tz_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *days_text = NULL;
  g_autoptr(GString) out = NULL;
  GDate from;
  guint64 n_days = 1;
  double latitude = 0.0;
  double longitude = 0.0;
  gboolean any_place;
  GOptionEntry entries[] = {
    { "point", 0, 0, G_OPTION_ARG_STRING, &point_code, N_("The repatriation point (needs the database)"), N_("CODE") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &lat_text, N_("Latitude in degrees, north positive"), "L" },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &lon_text, N_("Longitude in degrees, east positive"), "L" },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &tz_text, N_("IANA time zone of the place, e.g. America/Tijuana"), N_("ZONE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First local date"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Number of dates (default 1)"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("— sunrise, sunset and civil twilight as CSV"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("daylight: %s", error->message);
  if (argc > 1)
    return usage_error (_("daylight: unexpected argument “%s”"), argv[1]);

  any_place = lat_text != NULL || lon_text != NULL || tz_text != NULL;
  if (point_code != NULL && any_place)
    return usage_error (_("daylight: give either --point or --lat, --lon and --tz, not both"));
  if (point_code == NULL && !any_place)
    return usage_error (_("daylight: say where: --point CODE, or --lat, --lon and --tz"));
  if (any_place && (lat_text == NULL || lon_text == NULL || tz_text == NULL))
    return usage_error (_("daylight: --lat, --lon and --tz go together; give all three"));

  if (from_text == NULL)
    return usage_error (_("daylight: --from YYYY-MM-DD is required"));
  if (!ret_date_parse (from_text, &from, &error))
    return usage_error ("daylight: --from: %s", error->message);
  /* Four-digit years keep the output ISO 8601; and before 1900 or after
   * 2200 no time zone rule or use of this program makes sense. */
  if (g_date_get_year (&from) < 1900 || g_date_get_year (&from) > 2200)
    return usage_error (_("daylight: --from: %s is outside the years 1900 to 2200"), from_text);
  if (days_text != NULL &&
      (!parse_uint (days_text, DAYLIGHT_MAX_DAYS, &n_days) || n_days == 0))
    return usage_error (_("daylight: --days: “%s” is not a number from 1 to %d"),
                        days_text, DAYLIGHT_MAX_DAYS);

  if (any_place)
    {
      if (!parse_coordinate ("--lat", lat_text, -90.0, 90.0, &latitude, &error) ||
          !parse_coordinate ("--lon", lon_text, -180.0, 180.0, &longitude, &error))
        return usage_error ("daylight: %s", error->message);

      /* An IANA name, not a file: GLib would also read "/etc/localtime". */
      zone = (tz_text[0] != '/' && tz_text[0] != '.' && strstr (tz_text, "..") == NULL)
             ? g_time_zone_new_identifier (tz_text) : NULL;
      if (zone == NULL)
        return usage_error (_("daylight: --tz: “%s” is not a known time zone"), tz_text);
    }
  else
    {
      g_autoptr(RetStore) store = NULL;
      g_autoptr(RetPoint) point = NULL;

      store = open_store (&error);
      if (store == NULL)
        return fail (error);

      point = ret_store_get_point (store, point_code, &error);
      if (point == NULL)
        {
          g_autoptr(GPtrArray) points = NULL;
          g_autoptr(GString) known = g_string_new (NULL);

          if (!g_error_matches (error, RET_STORE_ERROR, RET_STORE_ERROR_NOT_FOUND))
            return fail (error);

          points = ret_store_list_points (store, NULL);
          for (guint i = 0; points != NULL && i < points->len; i++)
            {
              const RetPoint *p = g_ptr_array_index (points, i);

              if (i > 0)
                g_string_append (known, ", ");
              g_string_append (known, p->code);
            }

          return usage_error (_("daylight: --point: unknown point “%s” (known points: %s)"),
                              point_code, known->str);
        }

      latitude = point->latitude;
      longitude = point->longitude;
      zone = g_time_zone_new_identifier (point->timezone);
      if (zone == NULL)
        {
          g_printerr (_("retorno-cli: point %s has time zone “%s”, which this system does not know\n"),
                      point->code, point->timezone);
          return EXIT_USAGE;
        }
    }

  /* Built whole first, so that a failure halfway prints no partial CSV. */
  out = g_string_new ("date,sunrise,sunset,civil_dawn,civil_dusk\n");
  for (guint64 i = 0; i < n_days; i++)
    {
      g_autofree char *date_text = NULL;
      RetDaylight daylight;
      GDate date = from;

      g_date_add_days (&date, (guint) i);
      if (!ret_daylight_compute (latitude, longitude, zone, &date, &daylight, &error))
        return fail (error);

      date_text = ret_date_format (&date);
      g_string_append (out, date_text);
      append_event (out, &daylight.sunrise, zone);
      append_event (out, &daylight.sunset, zone);
      append_event (out, &daylight.civil_dawn, zone);
      append_event (out, &daylight.civil_dusk, zone);
      g_string_append_c (out, '\n');
    }

  g_print ("%s", out->str);
  return EXIT_SUCCESS;
}

/* The resolution of a violation as the check's text shows it. */
static char *
format_resolution (const RetResolution *resolution)
{
  if (resolution->kind == RET_RESOLUTION_OVERRIDE)
    /* TRANSLATORS: the approver's name, then the reason given */
    return g_strdup_printf (_("[overridden by %s: %s]"), resolution->approver, resolution->reason);

  /* TRANSLATORS: the approver's name, then the reason given */
  return g_strdup_printf (_("[acknowledged by %s: %s]"), resolution->approver, resolution->reason);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
print_violation (const RetViolation *v)
{
  g_autoptr(GString) line = g_string_new ("  ");

  g_string_append_printf (line, "%s: %s", v->transfer_code, v->message);
  if (v->persons != NULL && v->persons->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      /* Sorted, so that a coordinator can find a person in a long list;
       * borrows the strings. */
      g_autoptr(GPtrArray) sorted = g_ptr_array_copy (v->persons, NULL, NULL);

      g_ptr_array_set_free_func (sorted, NULL);
      g_ptr_array_sort (sorted, compare_strings);
      for (guint i = 0; i < sorted->len; i++)
        {
          if (i > 0)
            g_string_append (list, ", ");
          g_string_append (list, g_ptr_array_index (sorted, i));
        }
      g_string_append_c (line, ' ');
      /* TRANSLATORS: the A-numbers of the persons a violation concerns */
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "(A-number %s)", "(A-numbers %s)",
                                                 v->persons->len),
                              list->str);
    }
  if (v->resolution != NULL)
    {
      g_autofree char *resolution = format_resolution (v->resolution);

      g_string_append_c (line, ' ');
      g_string_append (line, resolution);
    }
  g_print ("%s\n", line->str);
}

static void
print_check_text (RetCheckResult *result,
                  guint           n_transfers)
{
  GPtrArray *violations = ret_check_result_get_violations (result);
  guint n_hard = ret_check_result_count (result, RET_SEVERITY_HARD, FALSE);
  guint n_hard_open = ret_check_result_count (result, RET_SEVERITY_HARD, TRUE);
  guint n_warnings = ret_check_result_count (result, RET_SEVERITY_WARNING, FALSE);
  guint n_warnings_open = ret_check_result_count (result, RET_SEVERITY_WARNING, TRUE);
  g_autofree char *hard = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *transfers = NULL;
  int severity = -1;
  int rule = -1;

  /* Sorted by severity (hard first), then rule: a heading at each change. */
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if ((int) v->severity != severity)
        {
          severity = (int) v->severity;
          rule = -1;
          g_print ("%s%s\n", i > 0 ? "\n" : "",
                   v->severity == RET_SEVERITY_HARD ? _("Hard violations") : _("Warnings"));
        }
      if ((int) v->rule != rule)
        {
          const RetRule *r = ret_rule_get (v->rule);

          rule = (int) v->rule;
          if (r != NULL)
            g_print ("%s %s — %s\n", r->code, r->slug, _(r->title));
        }
      print_violation (v);
    }
  if (violations != NULL && violations->len > 0)
    g_print ("\n");

  if (n_hard - n_hard_open > 0)
    /* TRANSLATORS: "3 hard violations (1 overridden)" */
    hard = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hard violation (%u overridden)",
                                         "%u hard violations (%u overridden)", n_hard),
                            n_hard, n_hard - n_hard_open);
  else
    hard = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hard violation",
                                         "%u hard violations", n_hard), n_hard);

  if (n_warnings - n_warnings_open > 0)
    /* TRANSLATORS: "5 warnings (2 acknowledged)" */
    warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning (%u acknowledged)",
                                             "%u warnings (%u acknowledged)", n_warnings),
                                n_warnings, n_warnings - n_warnings_open);
  else
    warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                             "%u warnings", n_warnings), n_warnings);

  transfers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u transfer", "%u transfers",
                                            n_transfers), n_transfers);

  /* TRANSLATORS: "3 hard violations (1 overridden)", "5 warnings", "12 transfers" */
  g_print (_("%s, %s in %s\n"), hard, warnings, transfers);
}

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_check_json (RetCheckResult *result,
                  guint           n_transfers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  struct { const char *name; guint value; } counts[] = {
    { "transfers", n_transfers },
    { "hard", ret_check_result_count (result, RET_SEVERITY_HARD, FALSE) },
    { "hard_unresolved", ret_check_result_count (result, RET_SEVERITY_HARD, TRUE) },
    { "warnings", ret_check_result_count (result, RET_SEVERITY_WARNING, FALSE) },
    { "warnings_unresolved", ret_check_result_count (result, RET_SEVERITY_WARNING, TRUE) },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "violations");
  json_builder_add_value (builder, ret_check_result_to_json (result));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, counts[i].value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

/* --from and --days of @command (its name, for the messages): a local
 * date in the years 1900 to 2200 and a number of dates from 1 to
 * @max_days.  Without --from, @from stays cleared, or with @required
 * that is an error.  Returns EXIT_SUCCESS, or the exit status of the
 * usage error it printed. */
static int
parse_date_span (const char  *command,
                 const char  *from_text,
                 const char  *days_text,
                 gboolean     required,
                 guint        max_days,
                 GDate       *from,
                 guint64     *n_days)
{
  g_autoptr(GError) error = NULL;

  /* TRANSLATORS: in the messages below, the first %s is the command,
   * e.g. "plan" */
  if (days_text != NULL && from_text == NULL)
    return usage_error (_("%s: --days needs --from"), command);
  if (from_text == NULL)
    return required ? usage_error (_("%s: --from YYYY-MM-DD is required"), command) : EXIT_SUCCESS;
  if (!ret_date_parse (from_text, from, &error))
    return usage_error ("%s: --from: %s", command, error->message);
  if (g_date_get_year (from) < 1900 || g_date_get_year (from) > 2200)
    return usage_error (_("%s: --from: %s is outside the years 1900 to 2200"), command, from_text);
  if (days_text != NULL &&
      (!parse_uint (days_text, max_days, n_days) || *n_days == 0))
    return usage_error (_("%s: --days: “%s” is not a number from 1 to %u"),
                        command, days_text, max_days);

  return EXIT_SUCCESS;
}

#define CHECK_MAX_DAYS 366

/* check [--from YYYY-MM-DD [--days N]] [--plan ID] [--json] */
static int
cmd_check (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *plan_text = NULL;
  gboolean json = FALSE;
  guint64 n_days = 1;
  guint64 plan_id = 0;
  GDate from;
  guint n_transfers;
  int status;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First local date of the handovers to check (default: every plan not closed)"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Number of dates from --from (default 1)"), "N" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, N_("Check only this plan"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  g_date_clear (&from, 1);

  context = g_option_context_new (_("— check the stored plans against the safety rules"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("check: %s", error->message);
  if (argc > 1)
    return usage_error (_("check: unexpected argument “%s”"), argv[1]);

  status = parse_date_span ("check", from_text, days_text, FALSE, CHECK_MAX_DAYS, &from, &n_days);
  if (status != EXIT_SUCCESS)
    return status;
  if (plan_text != NULL && (!parse_uint (plan_text, G_MAXINT64, &plan_id) || plan_id == 0))
    return usage_error (_("check: --plan: “%s” is not a plan number"), plan_text);

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  data = ret_store_load_check_data (store, g_date_valid (&from) ? &from : NULL, (guint) n_days,
                                    (gint64) plan_id, &error);
  if (data == NULL)
    return fail (error);

  n_transfers = data->transfers->len;
  result = ret_check_run (data);

  if (json)
    print_check_json (result, n_transfers);
  else if (n_transfers == 0 && g_date_valid (&from))
    {
      g_autofree char *first = ret_date_format (&from);

      if (n_days == 1)
        g_print (_("No transfers to check on %s: nothing is planned for that date.\n"), first);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "No transfers to check in the %u day from %s: nothing is planned for those dates.\n",
                              "No transfers to check in the %u days from %s: nothing is planned for those dates.\n",
                              (gulong) n_days),
                 (guint) n_days, first);
    }
  else if (n_transfers == 0 && plan_id > 0)
    g_print (_("No transfers to check in plan %" PRIu64 ": there is no such plan, "
               "or it is closed or empty.\n"), (uint64_t) plan_id);
  else if (n_transfers == 0)
    g_print (_("No transfers to check: no plan is stored, or every plan is closed.\n"));
  else
    print_check_text (result, n_transfers);

  return ret_check_result_count (result, RET_SEVERITY_HARD, TRUE) > 0
         ? EXIT_VIOLATIONS : EXIT_SUCCESS;
}

#define PLAN_MAX_DAYS 366
/* A group of unplanned persons lists this many A-numbers, then a count */
#define PLAN_LIST_A_NUMBERS 10

typedef struct
{
  const char *reason;
  GPtrArray  *a_numbers;   /* borrowed strings */
} ReasonGroup;

static void
reason_group_free (ReasonGroup *group)
{
  g_ptr_array_unref (group->a_numbers);
  g_free (group);
}

/* Largest group first, then by reason, so that the same plan prints the
 * same way. */
static int
compare_reason_groups (gconstpointer a,
                       gconstpointer b)
{
  const ReasonGroup *x = *(const ReasonGroup * const *) a;
  const ReasonGroup *y = *(const ReasonGroup * const *) b;

  if (x->a_numbers->len != y->a_numbers->len)
    return x->a_numbers->len > y->a_numbers->len ? -1 : 1;
  return g_strcmp0 (x->reason, y->reason);
}

static void
print_plan_text (const RetScheduleInput  *input,
                 const RetScheduleResult *result,
                 const GDate             *from,
                 guint                    n_days,
                 gint64                   plan_id)
{
  g_autoptr(GHashTable) by_reason = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_group_free);
  g_autofree char *first = ret_date_format (from);
  g_autofree char *plan_text = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  g_autofree char *km_text = g_strdup_printf ("%.0f", result->total_km);
  guint n_unplanned = result->unplanned != NULL ? result->unplanned->len : 0;

  if (n_days == 1)
    /* TRANSLATORS: the plan's number, then its date */
    g_print (_("Plan %s stored as a draft for %s.\n"), plan_text, first);
  else
    /* TRANSLATORS: the plan's number, the number of days, the first date */
    g_print (g_dngettext (GETTEXT_PACKAGE, "Plan %s stored as a draft for %u day from %s.\n",
                          "Plan %s stored as a draft for %u days from %s.\n", n_days),
             plan_text, n_days, first);

  /* TRANSLATORS: "Planned: 120 persons in 5 transfers, 4 vehicles" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Planned: %u person", "Planned: %u persons", result->n_planned),
           result->n_planned);
  g_print (g_dngettext (GETTEXT_PACKAGE, " in %u transfer", " in %u transfers", result->transfers->len),
           result->transfers->len);
  g_print (g_dngettext (GETTEXT_PACKAGE, ", %u vehicle\n", ", %u vehicles\n", result->n_vehicles),
           result->n_vehicles);
  /* TRANSLATORS: the kilometres, already formatted */
  g_print (_("Distance from the points to the places of origin: %s km\n"), km_text);

  for (guint i = 0; i < n_unplanned; i++)
    {
      const RetUnplanned *u = g_ptr_array_index (result->unplanned, i);
      const RetCheckPerson *p = u->person < input->data->persons->len
                                ? g_ptr_array_index (input->data->persons, u->person) : NULL;
      const char *reason = u->reason != NULL ? u->reason : "";
      ReasonGroup *group = g_hash_table_lookup (by_reason, reason);

      if (group == NULL)
        {
          group = g_new0 (ReasonGroup, 1);
          group->reason = reason;
          group->a_numbers = g_ptr_array_new ();
          g_hash_table_insert (by_reason, (gpointer) reason, group);
          g_ptr_array_add (groups, group);
        }
      if (p != NULL)
        g_ptr_array_add (group->a_numbers, p->person->a_number);
    }
  g_ptr_array_sort (groups, compare_reason_groups);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Not planned: %u person\n", "Not planned: %u persons\n",
                        n_unplanned), n_unplanned);
  for (guint i = 0; i < groups->len; i++)
    {
      const ReasonGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GString) list = g_string_new (NULL);
      guint shown = MIN (group->a_numbers->len, PLAN_LIST_A_NUMBERS);

      g_ptr_array_sort (group->a_numbers, compare_strings);
      for (guint k = 0; k < shown; k++)
        g_string_append_printf (list, "%s%s", k > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (group->a_numbers, k));
      if (group->a_numbers->len > shown)
        {
          g_string_append (list, " ");
          /* TRANSLATORS: after a list of A-numbers cut short */
          g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                     group->a_numbers->len - shown),
                                  group->a_numbers->len - shown);
        }
      g_print ("  %u × %s (%s)\n", group->a_numbers->len, group->reason, list->str);
    }

  g_print (_("Hard violations found: %u\n"), result->n_hard);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Warnings: %u (see “retorno-cli check”)\n",
                        "Warnings: %u (see “retorno-cli check”)\n", result->n_warnings),
           result->n_warnings);
}

/* plan --from YYYY-MM-DD [--days N] [--seed S] [--json] */
static int
cmd_plan (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *seed_text = NULL;
  gboolean json = FALSE;
  guint64 n_days = 1;
  guint64 seed = 0;
  gint64 plan_id = 0;
  RetScheduleOptions options;
  GDate from;
  int status;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First local date to plan"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_STRING, &days_text, N_("Number of dates from --from (default 1)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the improvement's random choices (default 0)"), "S" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the plan as JSON"), NULL },
    { NULL }
  };

  g_date_clear (&from, 1);

  context = g_option_context_new (_("— plan the transfers of everyone awaiting transfer, and store the plan"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("plan: %s", error->message);
  if (argc > 1)
    return usage_error (_("plan: unexpected argument “%s”"), argv[1]);

  status = parse_date_span ("plan", from_text, days_text, TRUE, PLAN_MAX_DAYS, &from, &n_days);
  if (status != EXIT_SUCCESS)
    return status;
  if (seed_text != NULL && !parse_uint (seed_text, G_MAXUINT32, &seed))
    return usage_error (_("plan: --seed: “%s” is not a whole number from 0 to %u"),
                        seed_text, G_MAXUINT32);

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  ret_schedule_options_init (&options, &from, (guint) n_days);
  options.seed = (guint32) seed;

  if (!ret_store_schedule (store, &options, NULL, NULL, NULL, NULL, g_get_user_name (),
                           &result, &input, &plan_id, &error))
    {
      g_printerr ("retorno-cli: %s\n", error->message);
      return g_error_matches (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED)
             ? EXIT_VIOLATIONS : EXIT_USAGE;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = ret_schedule_result_to_json (input, result);

      print_json (root);
    }
  else
    print_plan_text (input, result, &from, (guint) n_days, plan_id);

  return EXIT_SUCCESS;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  return text == NULL || *g_strstrip (copy) == '\0';
}

/* approve PLAN --by NAME */
static int
cmd_approve (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  guint64 plan_id = 0;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who approves the plan"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (_("PLAN — approve a draft plan"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("approve: %s", error->message);
  if (argc < 2)
    return usage_error (_("approve: say which plan: “approve PLAN --by NAME”"));
  if (argc > 2)
    return usage_error (_("approve: unexpected argument “%s”"), argv[2]);
  if (!parse_uint (argv[1], G_MAXINT64, &plan_id) || plan_id == 0)
    return usage_error (_("approve: “%s” is not a plan number"), argv[1]);
  if (is_blank (by))
    return usage_error (_("approve: --by NAME is required: who approves the plan"));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  if (!ret_store_approve_plan (store, (gint64) plan_id, by, &error))
    {
      /* Blocked by the rules is a finding, not a mistake of the caller. */
      if (g_error_matches (error, RET_STORE_ERROR, RET_STORE_ERROR_BLOCKED))
        {
          g_printerr ("retorno-cli: %s\n", error->message);
          g_printerr (_("Run “retorno-cli check --plan %" PRIu64 "” to see them; "
                        "override with “retorno-cli override”.\n"), (uint64_t) plan_id);
          return EXIT_VIOLATIONS;
        }
      return fail (error);
    }

  g_print (_("Plan %" PRIu64 " approved by %s.\n"), (uint64_t) plan_id, by);
  return EXIT_SUCCESS;
}

/* override TRANSFER RULE --reason TEXT --by NAME [--subject S] */
/* A family split is reported on one of the family's transfers, but a
 * coordinator may name any transfer that carries one of its members. */
static gboolean
violation_concerns_transfer (RetCheckData       *data,
                             const RetViolation *violation,
                             int                 transfer)
{
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);

  if (g_strcmp0 (violation->transfer_code, t->code) == 0)
    return TRUE;
  if (violation->rule != RET_RULE_FAMILY_UNITY)
    return FALSE;

  for (guint i = 0; i < t->entries->len; i++)
    {
      const RetCheckEntry *entry = &g_array_index (t->entries, RetCheckEntry, i);
      const RetCheckPerson *person = g_ptr_array_index (data->persons, entry->person);

      for (guint j = 0; j < violation->person_ids->len; j++)
        if (g_array_index (violation->person_ids, gint64, j) == person->person->id)
          return TRUE;
    }
  return FALSE;
}

static int
cmd_override (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GPtrArray) matching = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *by = NULL;
  g_autofree char *subject = NULL;
  const RetViolation *violation = NULL;
  const RetRule *rule;
  const char *transfer_code;
  GPtrArray *violations;
  RetResolution resolution = { 0 };
  gint64 id = 0;
  int transfer;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the violation is accepted"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who accepts it"), N_("NAME") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Which violation, when the rule has several on the transfer"), "S" },
    { NULL }
  };

  context = g_option_context_new (_("TRANSFER RULE — override a hard violation or acknowledge a warning"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("override: %s", error->message);
  if (argc < 3)
    return usage_error (_("override: say which violation: “override TRANSFER RULE --reason TEXT --by NAME”"));
  if (argc > 3)
    return usage_error (_("override: unexpected argument “%s”"), argv[3]);

  transfer_code = argv[1];
  rule = ret_rule_lookup (argv[2]);
  if (rule == NULL)
    return usage_error (_("override: unknown rule “%s” (give its code, e.g. R07, or its name, e.g. family-unity)"),
                        argv[2]);
  /* Checked here too so that the message names the option. */
  if (is_blank (reason))
    return usage_error (_("override: --reason must say why the violation is accepted; it cannot be blank"));
  if (is_blank (by))
    return usage_error (_("override: --by NAME is required: who accepts the violation"));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  data = ret_store_load_check_data (store, NULL, 0, 0, &error);
  if (data == NULL)
    return fail (error);
  transfer = ret_check_data_find_transfer (data, transfer_code);
  if (transfer < 0)
    return usage_error (_("override: no transfer “%s” in a plan that is not closed"), transfer_code);

  result = ret_check_run (data);
  violations = ret_check_result_get_violations (result);
  matching = g_ptr_array_new ();
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if (v->rule == rule->id && violation_concerns_transfer (data, v, transfer) &&
          (subject == NULL || g_strcmp0 (v->subject, subject) == 0))
        g_ptr_array_add (matching, (gpointer) v);
    }

  if (matching->len == 0 && subject != NULL)
    return usage_error (_("override: %s has no current violation of %s about “%s”"),
                        transfer_code, rule->code, subject);
  if (matching->len == 0)
    return usage_error (_("override: %s has no current violation of %s"), transfer_code, rule->code);
  if (matching->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < matching->len; i++)
        {
          const RetViolation *v = g_ptr_array_index (matching, i);

          g_string_append_printf (list, "\n  --subject '%s'  %s", v->subject, v->message);
        }
      return usage_error (_("override: %s has %u violations of %s; say which with --subject:%s"),
                          transfer_code, matching->len, rule->code, list->str);
    }

  violation = g_ptr_array_index (matching, 0);
  if (violation->resolution != NULL)
    {
      g_autofree char *text = format_resolution (violation->resolution);

      g_printerr (_("retorno-cli: that violation of %s on %s is already resolved %s\n"),
                  rule->code, transfer_code, text);
      return EXIT_USAGE;
    }

  resolution.plan_id = violation->plan_id;
  resolution.transfer_code = (char *) violation->transfer_code;
  resolution.rule = violation->rule;
  resolution.subject = violation->subject;
  resolution.kind = violation->severity == RET_SEVERITY_HARD
                    ? RET_RESOLUTION_OVERRIDE : RET_RESOLUTION_ACKNOWLEDGEMENT;
  resolution.reason = reason;
  resolution.approver = by;

  if (!ret_store_add_resolution (store, &resolution, g_get_user_name (), &id, &error))
    return fail (error);

  if (resolution.kind == RET_RESOLUTION_OVERRIDE)
    g_print (_("Overrode %s on %s (%s), approved by %s.\n"),
             rule->code, transfer_code, violation->subject, by);
  else
    g_print (_("Acknowledged %s on %s (%s), by %s.\n"),
             rule->code, transfer_code, violation->subject, by);

  return EXIT_SUCCESS;
}

static const char *not_yet[] = { "export", "sheet" };

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *command;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file (default: the one the application uses)"), N_("FILE") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* RETORNO_LOCALEDIR: translations of an uninstalled build (tools/run) */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RETORNO_LOCALEDIR") ? g_getenv ("RETORNO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  summary = g_strdup_printf ("%s\n\n  init [--demo [--persons N] [--seed S]]\n"
                             "  import persons FILE.csv\n"
                             "  import plan FILE.json\n"
                             "  daylight (--point CODE | --lat L --lon L --tz ZONE) --from YYYY-MM-DD [--days N]\n"
                             "  points [--json]\n"
                             "  plan --from YYYY-MM-DD [--days N] [--seed S] [--json]\n"
                             "  check [--from YYYY-MM-DD [--days N]] [--plan ID] [--json]\n"
                             "  approve PLAN --by NAME\n"
                             "  override TRANSFER RULE --reason TEXT --by NAME [--subject S]\n\n"
                             "%s",
                             _("Commands:"),
                             _("“plan” schedules everyone awaiting transfer over N days from a date,\n"
                               "keeps pinned and approved transfers, and stores the result as a draft plan.\n"
                               "“check” prints the violations of the safety rules in the stored plans;\n"
                               "it exits with 1 while a hard violation is neither fixed nor overridden.\n"
                               "“approve” refuses a plan with such a violation.\n"
                               "“override” accepts a hard violation of RULE (R07 or family-unity) on\n"
                               "TRANSFER, or acknowledges a warning, with a reason and who accepts it;\n"
                               "--subject picks one when the rule has several there."));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  if (argc < 2)
    return usage_error (_("no command given"));

  command = argv[1];
  if (g_strcmp0 (command, "init") == 0)
    return cmd_init (argc - 1, argv + 1);
  if (g_strcmp0 (command, "import") == 0)
    return cmd_import (argc - 1, argv + 1);
  if (g_strcmp0 (command, "points") == 0)
    return cmd_points (argc - 1, argv + 1);
  if (g_strcmp0 (command, "daylight") == 0)
    return cmd_daylight (argc - 1, argv + 1);
  if (g_strcmp0 (command, "plan") == 0)
    return cmd_plan (argc - 1, argv + 1);
  if (g_strcmp0 (command, "check") == 0)
    return cmd_check (argc - 1, argv + 1);
  if (g_strcmp0 (command, "approve") == 0)
    return cmd_approve (argc - 1, argv + 1);
  if (g_strcmp0 (command, "override") == 0)
    return cmd_override (argc - 1, argv + 1);

  for (guint i = 0; i < G_N_ELEMENTS (not_yet); i++)
    if (g_strcmp0 (command, not_yet[i]) == 0)
      return usage_error (_("“%s” is not available in this version of Retorno"), command);

  return usage_error (_("unknown command “%s”"), command);
}
