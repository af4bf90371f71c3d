/* ret-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-time"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-time.h"

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/*
 * ret_date_parse:
 *
 * Parses exactly YYYY-MM-DD and refuses dates that do not exist
 * (2025-02-29, 2026-13-01).  Errors are G_IO_ERROR_INVALID_DATA with a
 * message that says what is wrong with the value.
 */
gboolean
ret_date_parse (const char  *text,
                GDate       *date,
                GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !all_digits (text, 4) || !all_digits (text + 5, 2) ||
      !all_digits (text + 8, 2))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date in the form YYYY-MM-DD"), text);
      return FALSE;
    }

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a date that exists"), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
ret_date_format (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/*
 * ret_instant_parse:
 *
 * Parses an ISO 8601 date and time that carries its UTC offset
 * ("2026-11-28T14:05:00-07:00" or "…Z").  A time without an offset is
 * refused: guessing the zone of a custody record is how people end up
 * handed over an hour off.
 */
gboolean
ret_instant_parse (const char  *text,
                   gint64      *utc_seconds,
                   GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  len = strlen (text);
  /* At least YYYY-MM-DDTHH:MM and an offset or Z */
  if (len < 17 || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date and time in ISO 8601 form "
                     "(YYYY-MM-DDTHH:MM:SS±HH:MM)"), text);
      return FALSE;
    }

  if (!(text[len - 1] == 'Z' || text[len - 1] == 'z' ||
        ((text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':') ||
        ((text[len - 5] == '+' || text[len - 5] == '-') && all_digits (text + len - 4, 4)) ||
        ((text[len - 3] == '+' || text[len - 3] == '-') && all_digits (text + len - 2, 2))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” has no UTC offset (add e.g. -07:00 or Z)"), text);
      return FALSE;
    }

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a valid date and time"), text);
      return FALSE;
    }

  *utc_seconds = g_date_time_to_unix (dt);
  return TRUE;
}

/*
 * ret_instant_format:
 * @zone: an IANA zone name, or NULL for UTC
 *
 * Formats @utc_seconds as ISO 8601 local time in @zone with its offset.
 */
char *
ret_instant_format (gint64      utc_seconds,
                    const char *zone)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}
