/* ret-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-reference"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-reference.h"

G_DEFINE_BOXED_TYPE (RetPoint, ret_point, ret_point_copy, ret_point_free)
G_DEFINE_BOXED_TYPE (RetFacility, ret_facility, ret_facility_copy, ret_facility_free)

RetPointHours *
ret_point_hours_copy (const RetPointHours *hours)
{
  RetPointHours *copy = g_memdup2 (hours, sizeof *hours);

  copy->arrangement = g_strdup (hours->arrangement);
  copy->arrangement_name = g_strdup (hours->arrangement_name);

  return copy;
}

void
ret_point_hours_free (RetPointHours *hours)
{
  if (hours == NULL)
    return;

  g_free (hours->arrangement);
  g_free (hours->arrangement_name);
  g_free (hours);
}

RetPoint *
ret_point_new (void)
{
  RetPoint *point = g_new0 (RetPoint, 1);

  point->hours = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_hours_free);

  return point;
}

RetPoint *
ret_point_copy (const RetPoint *point)
{
  RetPoint *copy;

  g_return_val_if_fail (point != NULL, NULL);

  copy = g_memdup2 (point, sizeof *point);
  copy->code = g_strdup (point->code);
  copy->us_port = g_strdup (point->us_port);
  copy->city = g_strdup (point->city);
  copy->timezone = g_strdup (point->timezone);
  copy->hours = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_hours_free);
  for (guint i = 0; point->hours != NULL && i < point->hours->len; i++)
    g_ptr_array_add (copy->hours, ret_point_hours_copy (g_ptr_array_index (point->hours, i)));

  return copy;
}

void
ret_point_free (RetPoint *point)
{
  if (point == NULL)
    return;

  g_free (point->code);
  g_free (point->us_port);
  g_free (point->city);
  g_free (point->timezone);
  g_clear_pointer (&point->hours, g_ptr_array_unref);
  g_free (point);
}

const RetPointHours *
ret_point_get_hours (const RetPoint *point,
                     const char     *arrangement)
{
  for (guint i = 0; i < point->hours->len; i++)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, i);

      if (arrangement == NULL || g_strcmp0 (hours->arrangement, arrangement) == 0)
        return hours;
    }

  return NULL;
}

RetFacility *
ret_facility_copy (const RetFacility *facility)
{
  RetFacility *copy = g_memdup2 (facility, sizeof *facility);

  copy->code = g_strdup (facility->code);
  copy->name = g_strdup (facility->name);
  copy->sector = g_strdup (facility->sector);
  copy->sector_name = g_strdup (facility->sector_name);
  copy->kind = g_strdup (facility->kind);
  copy->timezone = g_strdup (facility->timezone);

  return copy;
}

void
ret_facility_free (RetFacility *facility)
{
  if (facility == NULL)
    return;

  g_free (facility->code);
  g_free (facility->name);
  g_free (facility->sector);
  g_free (facility->sector_name);
  g_free (facility->kind);
  g_free (facility->timezone);
  g_free (facility);
}

/* The 2004 MOU: no handover anywhere on the border between 22:00 and
 * 05:00, whatever a local arrangement says. */
#define BORDER_EARLIEST (5 * 60)
#define BORDER_LATEST   (22 * 60)

/*
 * ret_window_validate:
 *
 * Checks that a day's window makes sense: either closed (open and close
 * both RET_MINUTE_NONE) or open before close, inside 05:00–22:00, with
 * the vulnerable window inside the general one and the minors cut-off
 * inside the general window.
 */
gboolean
ret_window_validate (const RetWindow  *window,
                     GError          **error)
{
  if (window->open == RET_MINUTE_NONE && window->close == RET_MINUTE_NONE)
    {
      /* A closed day receives nobody, vulnerable or not. */
      if (window->vulnerable_open != RET_MINUTE_NONE ||
          window->vulnerable_close != RET_MINUTE_NONE ||
          window->minors_cutoff != RET_MINUTE_NONE)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("A closed day has no window for vulnerable persons and no minors cut-off"));
          return FALSE;
        }
      return TRUE;
    }

  if (window->open == RET_MINUTE_NONE || window->close == RET_MINUTE_NONE ||
      window->open >= window->close)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The window must open before it closes"));
      return FALSE;
    }

  if (window->open < BORDER_EARLIEST || window->close > BORDER_LATEST)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No handover is allowed between 22:00 and 05:00"));
      return FALSE;
    }

  if (window->vulnerable_open != RET_MINUTE_NONE || window->vulnerable_close != RET_MINUTE_NONE)
    {
      if (window->vulnerable_open == RET_MINUTE_NONE ||
          window->vulnerable_close == RET_MINUTE_NONE ||
          window->vulnerable_open >= window->vulnerable_close)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The window for vulnerable persons must open before it closes"));
          return FALSE;
        }

      if (window->vulnerable_open < window->open || window->vulnerable_close > window->close)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The window for vulnerable persons must lie inside the general window"));
          return FALSE;
        }
    }

  if (window->minors_cutoff != RET_MINUTE_NONE &&
      (window->minors_cutoff <= window->open || window->minors_cutoff > window->close))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The minors cut-off must lie inside the general window"));
      return FALSE;
    }

  return TRUE;
}

char *
ret_minute_format (int minute)
{
  if (minute == RET_MINUTE_NONE)
    return g_strdup ("");

  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

/*
 * ret_minute_parse:
 *
 * Parses "HH:MM" (24-hour clock, "24:00" allowed as end of day) into
 * minutes after midnight; an empty string is RET_MINUTE_NONE.
 */
gboolean
ret_minute_parse (const char *text,
                  int        *minute)
{
  int h, m;

  if (text == NULL || *text == '\0')
    {
      *minute = RET_MINUTE_NONE;
      return TRUE;
    }

  if (!(g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && text[2] == ':' &&
        g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) && text[5] == '\0'))
    return FALSE;

  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;

  *minute = h * 60 + m;
  return TRUE;
}
