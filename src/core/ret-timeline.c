/* ret-timeline.c — what one point's row of the day timeline shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local day is not always 24 hours: on the days the clocks change it
 * has 23 or 25.  Everything here is therefore placed by UTC instant, and
 * the drawing position is the instant's share of the span from local
 * midnight to the next local midnight — never minutes / 1440.
 */

#define G_LOG_DOMAIN "ret-timeline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-timeline.h"

#define MAX_TRAVEL_SECONDS (24 * 60 * 60)

typedef struct
{
  gint64 start;
  gint64 end;
} Interval;

gboolean
ret_timeline_day_bounds (GTimeZone   *zone,
                         const GDate *date,
                         gint64      *start_utc,
                         gint64      *end_utc)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate next;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  next = *date;
  g_date_add_days (&next, 1);

  start = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0);
  end = g_date_time_new (zone, g_date_get_year (&next), g_date_get_month (&next),
                         g_date_get_day (&next), 0, 0, 0);
  if (start == NULL || end == NULL)
    return FALSE;

  *start_utc = g_date_time_to_unix (start);
  *end_utc = g_date_time_to_unix (end);

  return *end_utc > *start_utc;
}

/* A wall-clock time of the date, as agreed in an arrangement. */
static gint64
minute_to_utc (const RetTimeline *self,
               int                minute)
{
  g_autoptr(GDateTime) dt = NULL;

  if (minute >= RET_MINUTES_PER_DAY)
    return self->day_end_utc;
  if (minute <= 0)
    return self->day_start_utc;

  dt = g_date_time_new (self->zone, g_date_get_year (&self->date), g_date_get_month (&self->date),
                        g_date_get_day (&self->date), minute / 60, minute % 60, 0);
  if (dt == NULL)
    return self->day_start_utc;

  return CLAMP (g_date_time_to_unix (dt), self->day_start_utc, self->day_end_utc);
}

double
ret_timeline_fraction (const RetTimeline *self,
                       gint64             utc)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (utc <= self->day_start_utc)
    return 0.0;
  if (utc >= self->day_end_utc)
    return 1.0;

  return (double) (utc - self->day_start_utc) / (double) (self->day_end_utc - self->day_start_utc);
}

char *
ret_timeline_format_time (const RetTimeline *self,
                          gint64             utc)
{
  g_autoptr(GDateTime) dt_utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* The next midnight is the end of this day, not 00:00 of the next. */
  if (utc == self->day_end_utc)
    return g_strdup ("24:00");

  dt_utc = g_date_time_new_from_unix_utc (utc);
  local = g_date_time_to_timezone (dt_utc, self->zone);

  return g_date_time_format (local, "%H:%M");
}

static void
set_span (RetTimeline     *self,
          RetTimelineSpan *span,
          int              open_minute,
          int              close_minute)
{
  memset (span, 0, sizeof *span);
  span->open_minute = open_minute;
  span->close_minute = close_minute;

  if (open_minute == RET_MINUTE_NONE || close_minute == RET_MINUTE_NONE ||
      open_minute >= close_minute)
    return;

  span->open = TRUE;
  span->start_utc = minute_to_utc (self, open_minute);
  span->end_utc = minute_to_utc (self, close_minute);
  span->start = ret_timeline_fraction (self, span->start_utc);
  span->end = ret_timeline_fraction (self, span->end_utc);
}

/* The part of the day the sun is above an altitude, from the instants it
 * crosses it: one interval, two (it sets after midnight and rises again
 * before the next), the whole day or none. */
static void
sun_intervals (const RetTimeline *self,
               const RetSunEvent *rise,
               const RetSunEvent *set,
               GArray            *out)
{
  Interval whole = { self->day_start_utc, self->day_end_utc };

  /* The whole day up or down only when neither crossing happens that
   * date: near the polar circles the sun can rise and then not set (or
   * set and not rise), and the part before the crossing is the other
   * state. */
  if (rise->kind != RET_SUN_EVENT_OCCURS && set->kind != RET_SUN_EVENT_OCCURS)
    {
      if (rise->kind == RET_SUN_EVENT_NEVER_DOWN || set->kind == RET_SUN_EVENT_NEVER_DOWN)
        g_array_append_val (out, whole);
      return;
    }

  if (rise->kind == RET_SUN_EVENT_OCCURS && set->kind == RET_SUN_EVENT_OCCURS)
    {
      if (rise->utc < set->utc)
        {
          Interval i = { rise->utc, set->utc };
          g_array_append_val (out, i);
        }
      else
        {
          Interval a = { self->day_start_utc, set->utc };
          Interval b = { rise->utc, self->day_end_utc };
          g_array_append_val (out, a);
          g_array_append_val (out, b);
        }
    }
  else if (rise->kind == RET_SUN_EVENT_OCCURS)
    {
      Interval i = { rise->utc, self->day_end_utc };
      g_array_append_val (out, i);
    }
  else if (set->kind == RET_SUN_EVENT_OCCURS)
    {
      Interval i = { self->day_start_utc, set->utc };
      g_array_append_val (out, i);
    }
  /* neither on the date: nothing known to draw */

  for (guint i = 0; i < out->len; i++)
    {
      Interval *iv = &g_array_index (out, Interval, i);

      iv->start = CLAMP (iv->start, self->day_start_utc, self->day_end_utc);
      iv->end = CLAMP (iv->end, self->day_start_utc, self->day_end_utc);
    }
}

static gboolean
intervals_contain (GArray *intervals,
                   gint64  t)
{
  for (guint i = 0; i < intervals->len; i++)
    {
      const Interval *iv = &g_array_index (intervals, Interval, i);

      if (t >= iv->start && t < iv->end)
        return TRUE;
    }
  return FALSE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
compute_light (RetTimeline       *self,
               const RetDaylight *daylight)
{
  g_autoptr(GArray) day = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GArray) civil = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gint64));

  sun_intervals (self, &daylight->sunrise, &daylight->sunset, day);
  sun_intervals (self, &daylight->civil_dawn, &daylight->civil_dusk, civil);

  g_array_append_val (cuts, self->day_start_utc);
  g_array_append_val (cuts, self->day_end_utc);
  for (guint i = 0; i < day->len; i++)
    {
      g_array_append_val (cuts, g_array_index (day, Interval, i).start);
      g_array_append_val (cuts, g_array_index (day, Interval, i).end);
    }
  for (guint i = 0; i < civil->len; i++)
    {
      g_array_append_val (cuts, g_array_index (civil, Interval, i).start);
      g_array_append_val (cuts, g_array_index (civil, Interval, i).end);
    }
  g_array_sort (cuts, compare_gint64);

  for (guint i = 0; i + 1 < cuts->len; i++)
    {
      gint64 a = g_array_index (cuts, gint64, i);
      gint64 b = g_array_index (cuts, gint64, i + 1);
      RetTimelineLight light;
      RetTimelineSegment *last;

      if (b <= a)
        continue;

      if (intervals_contain (day, a))
        light = RET_TIMELINE_DAYLIGHT;
      else if (intervals_contain (civil, a))
        light = RET_TIMELINE_TWILIGHT;
      else
        light = RET_TIMELINE_NIGHT;

      last = self->segments->len > 0
        ? &g_array_index (self->segments, RetTimelineSegment, self->segments->len - 1)
        : NULL;
      if (last != NULL && last->light == light)
        {
          last->end_utc = b;
          last->end = ret_timeline_fraction (self, b);
        }
      else
        {
          RetTimelineSegment seg = { light, a, b,
                                     ret_timeline_fraction (self, a),
                                     ret_timeline_fraction (self, b) };
          g_array_append_val (self->segments, seg);
        }
    }

  memset (&self->daylight, 0, sizeof self->daylight);
  self->daylight.open_minute = RET_MINUTE_NONE;
  self->daylight.close_minute = RET_MINUTE_NONE;
  if (day->len > 0)
    {
      self->daylight.open = TRUE;
      self->daylight.start_utc = g_array_index (day, Interval, 0).start;
      self->daylight.end_utc = g_array_index (day, Interval, day->len - 1).end;
      self->daylight.start = ret_timeline_fraction (self, self->daylight.start_utc);
      self->daylight.end = ret_timeline_fraction (self, self->daylight.end_utc);
    }
}

static void
block_free (gpointer data)
{
  RetTimelineBlock *block = data;

  g_free (block->code);
  g_free (block->label);
  g_free (block->mode);
  g_free (block);
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const RetTimelineBlock *x = *(RetTimelineBlock * const *) a;
  const RetTimelineBlock *y = *(RetTimelineBlock * const *) b;

  return x->start_utc < y->start_utc ? -1 : x->start_utc > y->start_utc ? 1 : 0;
}

static void
compute_blocks (RetTimeline *self,
                GPtrArray   *transfers)
{
  for (guint i = 0; transfers != NULL && i < transfers->len; i++)
    {
      const RetTransfer *t = g_ptr_array_index (transfers, i);
      RetTimelineBlock *block;
      gint64 start, end;

      if (g_strcmp0 (t->point, self->point_code) != 0)
        continue;

      /* The vehicle on its way, ending at the handover; a block around
       * the handover when the departure is unknown or implausible. */
      if (t->depart_at > 0 && t->depart_at < t->handover_at &&
          t->handover_at - t->depart_at <= MAX_TRAVEL_SECONDS)
        {
          start = t->depart_at;
          end = t->handover_at;
        }
      else
        {
          start = t->handover_at - RET_TIMELINE_HANDOVER_MARGIN;
          end = t->handover_at + RET_TIMELINE_HANDOVER_MARGIN;
        }

      if (end <= self->day_start_utc || start >= self->day_end_utc)
        continue;

      block = g_new0 (RetTimelineBlock, 1);
      block->code = g_strdup (t->code);
      block->mode = g_strdup (t->mode);
      block->n_persons = t->n_persons;
      block->seats = t->seats;
      block->depart_utc = t->depart_at;
      block->handover_utc = t->handover_at;
      block->clipped_start = start < self->day_start_utc;
      block->clipped_end = end > self->day_end_utc;
      block->start_utc = MAX (start, self->day_start_utc);
      block->end_utc = MIN (end, self->day_end_utc);
      block->start = ret_timeline_fraction (self, block->start_utc);
      block->end = ret_timeline_fraction (self, block->end_utc);
      block->handover = (t->handover_at >= self->day_start_utc && t->handover_at < self->day_end_utc)
        ? ret_timeline_fraction (self, t->handover_at) : -1.0;
      /* Translators: drawn in a transfer's block: the vehicle, persons on
       * its manifest and its seats, e.g. "Bus · 42/45" */
      block->label = g_strdup_printf (_("%s · %d/%d"), ret_transfer_mode_label (t->mode), t->n_persons, t->seats);

      g_ptr_array_add (self->blocks, block);
    }

  g_ptr_array_sort (self->blocks, compare_blocks);
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

static char *
format_span (const RetTimeline     *self,
             const RetTimelineSpan *span)
{
  g_autofree char *a = ret_timeline_format_time (self, span->start_utc);
  g_autofree char *b = ret_timeline_format_time (self, span->end_utc);

  /* Translators: a span of time, e.g. "07:00–20:00" */
  return g_strdup_printf (_("%s–%s"), a, b);
}

static gboolean
daylight_whole_day (const RetTimeline *self)
{
  return self->segments->len == 1 &&
         g_array_index (self->segments, RetTimelineSegment, 0).light == RET_TIMELINE_DAYLIGHT;
}

static char *
describe_daylight (const RetTimeline *self)
{
  g_autofree char *span = NULL;

  if (!self->daylight.open)
    return g_strdup (_("no daylight"));
  if (daylight_whole_day (self))
    return g_strdup (_("daylight all day"));

  span = format_span (self, &self->daylight);
  /* Translators: part of a point's day description; %s is e.g. "07:12–17:31" */
  return g_strdup_printf (_("daylight %s"), span);
}

static char *
describe_window (const RetTimeline *self)
{
  g_autofree char *span = NULL;

  if (!self->window.open)
    return g_strdup (_("closed"));

  span = format_span (self, &self->window);
  /* Translators: part of a point's day description; %s is e.g. "06:00–21:00" */
  return g_strdup_printf (_("window %s"), span);
}

static char *
describe_vulnerable (const RetTimeline *self)
{
  g_autofree char *span = NULL;

  if (!self->vulnerable.open)
    return g_strdup (_("no window for vulnerable persons"));

  span = format_span (self, &self->vulnerable);
  /* Translators: part of a point's day description; %s is e.g. "07:00–20:00" */
  return g_strdup_printf (_("vulnerable %s"), span);
}

static char *
describe_minors (const RetTimeline *self,
                 gboolean           reception)
{
  g_autofree char *time = NULL;

  if (!reception)
    return g_strdup (_("no minors reception"));
  if (!self->has_minors_cutoff)
    return g_strdup (_("no minors cut-off"));

  time = ret_timeline_format_time (self, self->minors_cutoff_utc);
  /* Translators: part of a point's day description; %s is e.g. "18:00" */
  return g_strdup_printf (_("minors until %s"), time);
}

static char *
describe_transfers (const RetTimeline *self)
{
  if (self->blocks->len == 0)
    return g_strdup (_("no transfers"));

  return g_strdup_printf (ngettext ("%u transfer", "%u transfers", self->blocks->len),
                          self->blocks->len);
}

static char *
describe (const RetTimeline *self,
          gboolean           reception)
{
  /* Translators: a date in a point's day description, as strftime; e.g. "Thursday 3 December" */
  g_autofree char *date = format_date (&self->date, C_("timeline", "%A %-d %B"));
  g_autofree char *daylight = describe_daylight (self);
  g_autofree char *window = describe_window (self);
  g_autofree char *vulnerable = describe_vulnerable (self);
  g_autofree char *minors = describe_minors (self, reception);
  g_autofree char *transfers = describe_transfers (self);

  gint64 hours = (self->day_end_utc - self->day_start_utc) / 3600;
  g_autofree char *line = NULL;

  /* Translators: one point's day, read by screen readers: city, date,
   * daylight, window, window for vulnerable persons, minors, transfers */
  line = g_strdup_printf (_("%s, %s: %s, %s, %s, %s, %s"),
                          self->city, date, daylight, window, vulnerable, minors, transfers);

  /* The clocks change that night: say so, the hours of the row are not
   * the hours of a ruler. */
  if (hours != 24)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "a %d-hour day: the clocks change",
                                                            "a %d-hour day: the clocks change",
                                                            (int) hours),
                                               (int) hours);

      return g_strdup_printf ("%s (%s)", line, note);
    }

  return g_steal_pointer (&line);
}

/**
 * ret_timeline_compute:
 * @point: the point; the hours of its first arrangement are used
 * @date: the local date at the point
 * @daylight: the sun at the point on @date
 * @transfers: (nullable) (element-type RetTransfer): transfers; those of
 *   other points are ignored
 * @now_utc: the current instant, marked when it falls in the day
 *
 * Returns: (transfer full): the row, or %NULL with @error set when the
 *   point's zone is unknown
 */
RetTimeline *
ret_timeline_compute (const RetPoint     *point,
                      const GDate        *date,
                      const RetDaylight  *daylight,
                      GPtrArray          *transfers,
                      gint64              now_utc,
                      GError            **error)
{
  g_autoptr(RetTimeline) self = NULL;
  const RetWindow *w = NULL;

  g_return_val_if_fail (point != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (daylight != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (RetTimeline, 1);
  self->point_code = g_strdup (point->code);
  self->city = g_strdup (point->city != NULL ? point->city : point->code);
  self->timezone = g_strdup (point->timezone);
  self->date = *date;
  self->segments = g_array_new (FALSE, FALSE, sizeof (RetTimelineSegment));
  self->blocks = g_ptr_array_new_with_free_func (block_free);

  if (point->timezone != NULL)
    self->zone = g_time_zone_new_identifier (point->timezone);
  if (self->zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown time zone “%s” for point %s"),
                   point->timezone != NULL ? point->timezone : "", point->code);
      return NULL;
    }

  if (!ret_timeline_day_bounds (self->zone, date, &self->day_start_utc, &self->day_end_utc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The date cannot be placed in time zone %s"), point->timezone);
      return NULL;
    }

  compute_light (self, daylight);

  if (point->hours != NULL && point->hours->len > 0)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, 0);

      w = &hours->week[g_date_get_weekday (date) - 1];
    }

  if (w != NULL)
    {
      set_span (self, &self->window, w->open, w->close);
      if (self->window.open)
        set_span (self, &self->vulnerable, w->vulnerable_open, w->vulnerable_close);
      else
        set_span (self, &self->vulnerable, RET_MINUTE_NONE, RET_MINUTE_NONE);
    }
  else
    {
      set_span (self, &self->window, RET_MINUTE_NONE, RET_MINUTE_NONE);
      set_span (self, &self->vulnerable, RET_MINUTE_NONE, RET_MINUTE_NONE);
    }

  memset (&self->vulnerable_daylight, 0, sizeof self->vulnerable_daylight);
  self->vulnerable_daylight.open_minute = RET_MINUTE_NONE;
  self->vulnerable_daylight.close_minute = RET_MINUTE_NONE;
  if (self->vulnerable.open && self->daylight.open)
    {
      gint64 a = MAX (self->vulnerable.start_utc, self->daylight.start_utc);
      gint64 b = MIN (self->vulnerable.end_utc, self->daylight.end_utc);

      if (a < b)
        {
          self->vulnerable_daylight.open = TRUE;
          self->vulnerable_daylight.start_utc = a;
          self->vulnerable_daylight.end_utc = b;
          self->vulnerable_daylight.start = ret_timeline_fraction (self, a);
          self->vulnerable_daylight.end = ret_timeline_fraction (self, b);
        }
    }

  self->minors_cutoff_minute = RET_MINUTE_NONE;
  if (w != NULL && point->minors_reception && self->window.open &&
      w->minors_cutoff != RET_MINUTE_NONE)
    {
      self->has_minors_cutoff = TRUE;
      self->minors_cutoff_minute = w->minors_cutoff;
      self->minors_cutoff_utc = minute_to_utc (self, w->minors_cutoff);
      self->minors_cutoff = ret_timeline_fraction (self, self->minors_cutoff_utc);
    }

  ret_timeline_set_now (self, now_utc);

  compute_blocks (self, transfers);

  self->description = describe (self, point->minors_reception);

  return g_steal_pointer (&self);
}

void
ret_timeline_free (RetTimeline *self)
{
  if (self == NULL)
    return;

  g_free (self->point_code);
  g_free (self->city);
  g_free (self->timezone);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_free (self->description);
  g_free (self);
}

/* Moves the current-time marker; it shows only inside the day. */
void
ret_timeline_set_now (RetTimeline *self,
                      gint64       now_utc)
{
  g_return_if_fail (self != NULL);

  self->has_now = now_utc >= self->day_start_utc && now_utc < self->day_end_utc;
  self->now_utc = self->has_now ? now_utc : 0;
  self->now = self->has_now ? ret_timeline_fraction (self, now_utc) : 0.0;
}

const RetTimelineSegment *
ret_timeline_segment_at (const RetTimeline *self,
                         double             fraction)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const RetTimelineSegment *seg = &g_array_index (self->segments, RetTimelineSegment, i);

      if (fraction < seg->end || i + 1 == self->segments->len)
        return seg;
    }

  return NULL;
}

static const char *
light_title (RetTimelineLight light)
{
  switch (light)
    {
    case RET_TIMELINE_NIGHT:
      return _("Night");
    case RET_TIMELINE_TWILIGHT:
      return _("Civil twilight");
    case RET_TIMELINE_DAYLIGHT:
      return _("Daylight");
    default:
      g_return_val_if_reached ("");
    }
}

static void
append_block (const RetTimeline      *self,
              const RetTimelineBlock *block,
              GString                *text)
{
  g_autofree char *handover = ret_timeline_format_time (self, block->handover_utc);

  g_string_append_c (text, '\n');
  if (block->depart_utc > 0 && block->depart_utc < block->handover_utc)
    {
      g_autoptr(GDateTime) d_utc = g_date_time_new_from_unix_utc (block->depart_utc);
      g_autoptr(GDateTime) d_local = g_date_time_to_timezone (d_utc, self->zone);
      g_autoptr(GDateTime) h_utc = g_date_time_new_from_unix_utc (block->handover_utc);
      g_autoptr(GDateTime) h_local = g_date_time_to_timezone (h_utc, self->zone);
      g_autofree char *depart = NULL;

      /* a departure on another date says which */
      if (g_date_time_get_day_of_year (d_local) != g_date_time_get_day_of_year (h_local))
        depart = g_date_time_format (d_local, C_("timeline", "%-d %b %H:%M"));
      else
        depart = g_date_time_format (d_local, "%H:%M");

      /* Translators: a transfer in a tooltip: vehicle, code, departure,
       * handover, persons on the manifest, seats */
      g_string_append_printf (text, _("%s %s: departs %s, handover %s, %d of %d seats"),
                              ret_transfer_mode_label (block->mode), block->code, depart, handover,
                              block->n_persons, block->seats);
    }
  else
    {
      /* Translators: a transfer in a tooltip: vehicle, code, handover,
       * persons on the manifest, seats */
      g_string_append_printf (text, _("%s %s: handover %s, %d of %d seats"),
                              ret_transfer_mode_label (block->mode), block->code, handover,
                              block->n_persons, block->seats);
    }
}

/**
 * ret_timeline_describe_at:
 * @fraction: a position in the day, or a negative value for the whole day
 *
 * Returns: (transfer full): several lines with the exact times, in the
 *   point's zone, of what lies at @fraction (or of everything)
 */
char *
ret_timeline_describe_at (const RetTimeline *self,
                          double             fraction)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = NULL;
  gboolean whole = fraction < 0;
  gint64 at = 0;

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: a date in a tooltip, as strftime */
  date = format_date (&self->date, C_("timeline", "%A %-d %B %Y"));

  if (whole)
    {
      /* Translators: tooltip heading: point code, city, date */
      g_string_append_printf (text, _("%s · %s, %s"), self->point_code, self->city, date);
    }
  else
    {
      g_autofree char *time = NULL;

      fraction = CLAMP (fraction, 0.0, 1.0);
      at = self->day_start_utc + (gint64) (fraction * (double) (self->day_end_utc - self->day_start_utc));
      time = ret_timeline_format_time (self, at);
      /* Translators: tooltip heading: point code, city, local time, zone */
      g_string_append_printf (text, _("%s · %s, %s (%s)"), self->point_code, self->city, time,
                              self->timezone);
    }

  for (guint i = 0; i < self->segments->len; i++)
    {
      const RetTimelineSegment *seg = &g_array_index (self->segments, RetTimelineSegment, i);
      g_autofree char *a = NULL, *b = NULL;

      if (!whole && (at < seg->start_utc || at >= seg->end_utc))
        continue;
      if (whole && seg->light == RET_TIMELINE_NIGHT)
        continue;

      a = ret_timeline_format_time (self, seg->start_utc);
      b = ret_timeline_format_time (self, seg->end_utc);
      /* Translators: in a tooltip: "Daylight 07:12–17:31" */
      g_string_append_printf (text, _("\n%s %s–%s"), light_title (seg->light), a, b);
    }

  if (self->window.open)
    {
      g_autofree char *span = format_span (self, &self->window);
      g_string_append_printf (text, _("\nWindow %s"), span);
    }
  else
    g_string_append (text, _("\nClosed all day"));

  if (self->vulnerable.open)
    {
      g_autofree char *span = format_span (self, &self->vulnerable);
      g_string_append_printf (text, _("\nVulnerable persons %s"), span);
      if (self->vulnerable_daylight.open)
        {
          g_autofree char *in_day = format_span (self, &self->vulnerable_daylight);
          g_string_append_printf (text, _("\nVulnerable persons in daylight %s"), in_day);
        }
      else
        g_string_append (text, _("\nNo daylight inside the window for vulnerable persons"));
    }
  else if (self->window.open)
    g_string_append (text, _("\nNo window for vulnerable persons"));

  if (self->has_minors_cutoff)
    {
      g_autofree char *time = ret_timeline_format_time (self, self->minors_cutoff_utc);
      g_string_append_printf (text, _("\nUnaccompanied minors until %s"), time);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RetTimelineBlock *block = g_ptr_array_index (self->blocks, i);

      if (whole || (fraction >= block->start - 0.005 && fraction <= block->end + 0.005))
        append_block (self, block, text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
