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

  tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  return ret_local_time_format (utc_seconds, tz);
}

/*
 * ret_local_time_format:
 * @zone: the zone to show the instant in
 *
 * Formats @utc as ISO 8601 local time in @zone with the offset in force
 * at that instant: "2026-11-01T01:30:00-07:00".  Returns "" for an
 * instant GDateTime cannot represent.
 */
char *
ret_local_time_format (gint64     utc,
                       GTimeZone *zone)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (zone != NULL, NULL);

  if (dt == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (dt, zone);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The offset in force at the UTC instant @utc, in seconds east of UTC. */
static gint32
offset_at (GTimeZone *zone,
           gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return g_time_zone_get_offset (zone, interval);
}

/* "-07:00" */
static char *
offset_format (gint32 offset)
{
  gint32 magnitude = ABS (offset) / 60;

  return g_strdup_printf ("%c%02d:%02d", offset < 0 ? '-' : '+',
                          magnitude / 60, magnitude % 60);
}

/* "02:00", the wall-clock time of @local_seconds (local time counted as
 * if it were UTC). */
static char *
clock_format (gint64 local_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (local_seconds);

  return dt != NULL ? g_date_time_format (dt, "%H:%M") : g_strdup ("?");
}

/*
 * Offsets are never further than UTC−12 and UTC+14, so every instant that
 * shows @local on the clocks lies in [local − 14 h, local + 12 h].  The
 * offsets in force across that span, sampled every quarter of an hour (no
 * zone keeps an offset for less), are the only candidates.
 */
#define SPAN_BEFORE (15 * 3600)
#define SPAN_AFTER  (13 * 3600)
#define SAMPLE_STEP (15 * 60)

/* The first UTC second after @from at which the offset is no longer the
 * one in force at @from; @to must be on the new offset. */
static gint64
transition_between (GTimeZone *zone,
                    gint64     from,
                    gint64     to)
{
  gint32 before = offset_at (zone, from);

  while (to - from > 1)
    {
      gint64 mid = from + (to - from) / 2;

      if (offset_at (zone, mid) == before)
        from = mid;
      else
        to = mid;
    }

  return to;
}

/*
 * ret_local_time_resolve:
 * @zone: the IANA zone of the point or facility
 * @choice: what to do if the time happens twice that night
 * @utc: (out): the instant
 *
 * Turns a wall-clock time entered by a user into an instant.  A time
 * skipped by a spring-forward gap is refused; one repeated by a fall-back
 * night is refused unless @choice says which of the two is meant.  The
 * time is never shifted silently: an hour off is a person handed over
 * outside the agreed window.
 *
 * Errors are G_IO_ERROR_INVALID_DATA with a message that names the zone,
 * the date and what the clocks do.
 */
gboolean
ret_local_time_resolve (GTimeZone     *zone,
                        int            year,
                        int            month,
                        int            day,
                        int            hour,
                        int            minute,
                        RetAmbiguity   choice,
                        gint64        *utc,
                        GError       **error)
{
  g_autoptr(GDateTime) naive = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *time_text = NULL;
  const char *zone_name;
  gint64 local;
  gint64 found[4];
  guint n_found = 0;
  gint32 previous = 0;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (utc != NULL, FALSE);

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%04d-%02d-%02d %02d:%02d is not a date and time that exists"),
                   year, month, day, hour, minute);
      return FALSE;
    }

  /* The wall-clock reading counted as seconds, as if the zone were UTC */
  naive = g_date_time_new_utc (year, month, day, hour, minute, 0);
  local = g_date_time_to_unix (naive);
  date_text = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  time_text = g_strdup_printf ("%02d:%02d", hour, minute);
  zone_name = g_time_zone_get_identifier (zone);

  /* Every distinct candidate offset o gives the instant local − o, which
   * is a solution when o is the offset actually in force then. */
  for (gint64 s = local - SPAN_BEFORE; s <= local + SPAN_AFTER; s += SAMPLE_STEP)
    {
      gint32 offset = offset_at (zone, s);
      gint64 candidate = local - offset;
      gboolean seen = FALSE;

      if (s != local - SPAN_BEFORE && offset == previous)
        continue;
      previous = offset;

      if (offset_at (zone, candidate) != offset)
        continue;
      for (guint i = 0; i < n_found; i++)
        seen = seen || found[i] == candidate;
      if (!seen && n_found < G_N_ELEMENTS (found))
        found[n_found++] = candidate;
    }

  if (n_found == 0)
    {
      /* Find the transition that skipped over @local to say what the
       * clocks did. */
      gint32 before = offset_at (zone, local - SPAN_BEFORE);

      for (gint64 s = local - SPAN_BEFORE + SAMPLE_STEP; s <= local + SPAN_AFTER; s += SAMPLE_STEP)
        {
          gint32 after = offset_at (zone, s);

          if (after != before)
            {
              gint64 t = transition_between (zone, s - SAMPLE_STEP, s);
              gint32 old_offset = offset_at (zone, t - 1);
              gint32 new_offset = offset_at (zone, t);

              if (t + old_offset <= local && local < t + new_offset)
                {
                  g_autofree char *from = clock_format (t + old_offset);
                  g_autofree char *to = clock_format (t + new_offset);

                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               /* Translators: "02:30 does not exist on 2026-03-08 in
                                * America/Tijuana: clocks go from 02:00 to 03:00" */
                               _("%s does not exist on %s in %s: clocks go from %s to %s"),
                               time_text, date_text, zone_name, from, to);
                  return FALSE;
                }
            }
          before = after;
        }

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s does not exist on %s in %s"), time_text, date_text, zone_name);
      return FALSE;
    }

  /* Earliest first */
  for (guint i = 1; i < n_found; i++)
    for (guint j = i; j > 0 && found[j] < found[j - 1]; j--)
      {
        gint64 tmp = found[j];

        found[j] = found[j - 1];
        found[j - 1] = tmp;
      }

  if (n_found > 1)
    {
      switch (choice)
        {
        case RET_AMBIGUITY_EARLIER:
          *utc = found[0];
          return TRUE;

        case RET_AMBIGUITY_LATER:
          *utc = found[n_found - 1];
          return TRUE;

        case RET_AMBIGUITY_REFUSE:
          {
            g_autoptr(GString) options = g_string_new (NULL);

            for (guint i = 0; i < n_found; i++)
              {
                g_autofree char *offset = offset_format ((gint32) (local - found[i]));

                if (i > 0)
                  /* Translators: between the instants a time may mean,
                   * "01:30 -07:00 or 01:30 -08:00" */
                  g_string_append (options, _(" or "));
                g_string_append_printf (options, "%s %s", time_text, offset);
              }

            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         /* Translators: "01:30 on 2026-11-01 in America/Tijuana happens
                          * twice: 01:30 -07:00 or 01:30 -08:00; say which" */
                         _("%s on %s in %s happens twice: %s; say which"),
                         time_text, date_text, zone_name, options->str);
            return FALSE;
          }

        default:
          g_return_val_if_reached (FALSE);
        }
    }

  *utc = found[0];
  return TRUE;
}
