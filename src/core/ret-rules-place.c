/* ret-rules-place.c — the rules about where and when: R01 R02 R03 R04 R14 R15 R16 R17 R18
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each rule checks is written once, in ret-rules-private.h.  Here
 * every time of day is the point's local time, worked out by the engine
 * from the point's own zone, and every message names the point by its
 * city, the way coordinators on both sides speak of it.
 */

#define G_LOG_DOMAIN "ret-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-rules-private.h"

static const char * const weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static RetCheckTransfer *
get_transfer (RetCheckContext *ctx,
              guint            transfer)
{
  return g_ptr_array_index (_ret_check_get_data (ctx)->transfers, transfer);
}

static RetCheckPerson *
get_person (RetCheckContext *ctx,
            guint            person)
{
  return g_ptr_array_index (_ret_check_get_data (ctx)->persons, person);
}

static const char *
point_name (const RetPoint *point)
{
  return point->city != NULL && *point->city != '\0' ? point->city : point->code;
}

static const char *
weekday_name (int weekday)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= RET_N_WEEKDAYS, "");
  return _(weekday_names[weekday - 1]);
}

static void
format_minute (char *buf,
               gsize size,
               int   minute)
{
  g_snprintf (buf, size, "%02d:%02d", minute / 60, minute % 60);
}

/* An instant as the point's clock shows it: "17:01" */
static void
format_local (char      *buf,
              gsize      size,
              GTimeZone *zone,
              gint64     utc)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);
  gint64 local = utc + g_time_zone_get_offset (zone, interval);
  gint64 second = ((local % 86400) + 86400) % 86400;

  format_minute (buf, size, (int) (second / 60));
}

/* The hours the point keeps under the arrangement in force; under
 * another arrangement if this one has none for it (R01 then says the
 * point is not this arrangement's). */
static const RetPointHours *
point_hours (RetCheckContext *ctx,
             guint            transfer)
{
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const RetCheckArrangement *arrangement = _ret_check_transfer_arrangement (ctx, transfer);
  const RetPointHours *hours = NULL;

  if (point == NULL || point->hours == NULL)
    return NULL;
  if (arrangement != NULL)
    hours = ret_point_get_hours (point, arrangement->code);
  if (hours == NULL)
    hours = ret_point_get_hours (point, NULL);
  return hours;
}

/* [open, close), a window that may run past midnight */
static gboolean
in_window (int minute,
           int open,
           int close)
{
  if (open <= close)
    return minute >= open && minute < close;
  return minute >= open || minute < close;
}

static gboolean
is_unaccompanied_minor (RetCheckContext *ctx,
                        guint            transfer,
                        guint            person)
{
  const RetPerson *p = get_person (ctx, person)->person;
  int age;

  if (!(p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR))
    return FALSE;
  /* Without a birth date the flag is all we know: believe it. */
  age = _ret_check_age (ctx, transfer, person);
  return age < RET_ADULT_AGE;
}

/* -------------------------------------------------------------------- */
/* R01 designated-point                                                  */

void
_ret_check_designated_point (RetCheckContext *ctx,
                             guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const RetFacility *facility = _ret_check_get_facility (ctx, t->facility);
  const RetCheckArrangement *arrangement;
  const char *subject = t->point ? t->point : "";
  GDate date;

  if (facility == NULL)
    {
      _ret_check_report (ctx, RET_RULE_DESIGNATED_POINT, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("The transfer leaves from %s, a facility not in the reference data, so no arrangement applies"),
                         t->facility ? t->facility : "?");
      return;
    }
  if (point == NULL)
    {
      _ret_check_report (ctx, RET_RULE_DESIGNATED_POINT, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s, which is not a known repatriation point"),
                         t->point ? t->point : "?");
      return;
    }
  if (!_ret_check_local_handover (ctx, transfer, &date, NULL, NULL))
    {
      _ret_check_report (ctx, RET_RULE_DESIGNATED_POINT, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s has no time, so no arrangement can be found for it"),
                         point_name (point));
      return;
    }

  arrangement = _ret_check_transfer_arrangement (ctx, transfer);
  if (arrangement == NULL)
    {
      char iso[16];

      g_snprintf (iso, sizeof iso, "%04d-%02d-%02d", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
      _ret_check_report (ctx, RET_RULE_DESIGNATED_POINT, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s on %s, when no arrangement is in force for the %s sector"),
                         point_name (point), iso,
                         facility->sector_name ? facility->sector_name : facility->sector);
      return;
    }

  if (arrangement->points == NULL ||
      !g_strv_contains ((const char * const *) arrangement->points, point->code))
    _ret_check_report (ctx, RET_RULE_DESIGNATED_POINT, RET_SEVERITY_HARD, transfer,
                       NULL, 0, subject,
                       _("Handover at %s, which is not a point of the %s arrangement"),
                       point_name (point),
                       arrangement->name ? arrangement->name : arrangement->code);
}

/* -------------------------------------------------------------------- */
/* R02 point-hours                                                       */

static const RetPointException *
exception_at (RetCheckContext *ctx,
              const char      *point,
              gint64           instant,
              gboolean         closed)
{
  RetCheckData *data = _ret_check_get_data (ctx);

  for (guint i = 0; i < data->exceptions->len; i++)
    {
      const RetPointException *e = g_ptr_array_index (data->exceptions, i);

      if (!e->closed != !closed || g_strcmp0 (e->point, point) != 0)
        continue;
      if (e->starts_at <= instant && (e->ends_at == 0 || instant < e->ends_at))
        return e;
    }
  return NULL;
}

void
_ret_check_point_hours (RetCheckContext *ctx,
                        guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const RetPointException *closure;
  const RetPointHours *hours;
  const RetWindow *window;
  int minute, weekday, night_start, night_end;
  char at[8], from[8], to[8];
  g_autofree char *subject = NULL;

  if (point == NULL || !_ret_check_local_handover (ctx, transfer, NULL, &minute, &weekday))
    return;

  format_minute (at, sizeof at, minute);
  subject = g_strdup_printf ("%s %s", point->code, at);

  closure = exception_at (ctx, point->code, t->handover_at, TRUE);
  if (closure != NULL)
    {
      if (closure->reason != NULL && *closure->reason != '\0')
        _ret_check_report (ctx, RET_RULE_POINT_HOURS, RET_SEVERITY_HARD, transfer,
                           NULL, 0, subject,
                           _("Handover at %s at %s, while the point is closed (%s)"),
                           at, point_name (point), closure->reason);
      else
        _ret_check_report (ctx, RET_RULE_POINT_HOURS, RET_SEVERITY_HARD, transfer,
                           NULL, 0, subject,
                           _("Handover at %s at %s, while the point is closed"),
                           at, point_name (point));
      return;
    }

  /* The night is border-wide: no extension opens a point in it. */
  night_start = _ret_check_param (ctx, transfer, RET_RULE_POINT_HOURS, "night_start");
  night_end = _ret_check_param (ctx, transfer, RET_RULE_POINT_HOURS, "night_end");
  if (night_start != night_end && in_window (minute, night_start, night_end))
    {
      format_minute (from, sizeof from, night_start);
      format_minute (to, sizeof to, night_end);
      _ret_check_report (ctx, RET_RULE_POINT_HOURS, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s at %s, in the border-wide night (%s–%s)"),
                         at, point_name (point), from, to);
      return;
    }

  if (exception_at (ctx, point->code, t->handover_at, FALSE) != NULL)
    return;

  hours = point_hours (ctx, transfer);
  if (hours == NULL)
    return;

  window = &hours->week[weekday - 1];
  if (window->open == RET_MINUTE_NONE || window->close == RET_MINUTE_NONE)
    {
      _ret_check_report (ctx, RET_RULE_POINT_HOURS, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s at %s on %s, a day the point receives no one"),
                         at, point_name (point), weekday_name (weekday));
      return;
    }

  if (!in_window (minute, window->open, window->close))
    {
      format_minute (from, sizeof from, window->open);
      format_minute (to, sizeof to, window->close);
      _ret_check_report (ctx, RET_RULE_POINT_HOURS, RET_SEVERITY_HARD, transfer,
                         NULL, 0, subject,
                         _("Handover at %s at %s, outside the point’s hours on %s (%s–%s)"),
                         at, point_name (point), weekday_name (weekday), from, to);
    }
}

/* -------------------------------------------------------------------- */
/* R03 daylight-vulnerable                                               */

void
_ret_check_daylight_vulnerable (RetCheckContext *ctx,
                                guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  GTimeZone *zone = _ret_check_get_point_zone (ctx, transfer);
  const GArray *all = NULL;
  g_autoptr(GArray) vulnerable = NULL;
  const RetDaylight *daylight;
  const RetPointHours *hours;
  const RetSunEvent *rise, *set;
  gboolean civil, early;
  int minute, weekday;
  guint n;
  char at[8], sun[8], from[8], to[8];

  if (point == NULL || zone == NULL ||
      !_ret_check_local_handover (ctx, transfer, NULL, &minute, &weekday))
    return;

  all = _ret_check_counted_persons (ctx, transfer);
  vulnerable = g_array_sized_new (FALSE, FALSE, sizeof (guint), all->len);
  for (guint i = 0; i < all->len; i++)
    if (_ret_check_is_vulnerable (ctx, transfer, g_array_index (all, guint, i)))
      g_array_append_val (vulnerable, g_array_index (all, guint, i));
  n = vulnerable->len;
  if (n == 0)
    return;

  format_minute (at, sizeof at, minute);

  daylight = _ret_check_daylight (ctx, transfer);
  civil = _ret_check_param (ctx, transfer, RET_RULE_DAYLIGHT_VULNERABLE, "civil_twilight") != 0;
  if (daylight != NULL)
    {
      rise = civil ? &daylight->civil_dawn : &daylight->sunrise;
      set = civil ? &daylight->civil_dusk : &daylight->sunset;

      if (rise->kind == RET_SUN_EVENT_NEVER_UP || set->kind == RET_SUN_EVENT_NEVER_UP)
        {
          _ret_check_report (ctx, RET_RULE_DAYLIGHT_VULNERABLE, RET_SEVERITY_HARD, transfer,
                             (const guint *) vulnerable->data, n, "no-daylight:",
                             ngettext ("Handover at %s at %s, on a day without daylight: %u vulnerable person",
                                       "Handover at %s at %s, on a day without daylight: %u vulnerable persons", n),
                             at, point_name (point), n);
          return;
        }
      /* Exactly at sunset is already too late: the window is half-open. */
      early = rise->kind == RET_SUN_EVENT_OCCURS && t->handover_at < rise->utc;
      if (early || (set->kind == RET_SUN_EVENT_OCCURS && t->handover_at >= set->utc))
        {
          g_autofree char *kind = g_strdup_printf (early ? "before-daylight@%s:" : "after-daylight@%s:", at);

          format_local (sun, sizeof sun, zone, early ? rise->utc : set->utc);
          _ret_check_report (ctx, RET_RULE_DAYLIGHT_VULNERABLE, RET_SEVERITY_HARD, transfer,
                             (const guint *) vulnerable->data, n, kind,
                             early && civil
                             ? ngettext ("Handover at %s at %s, before civil dawn (%s): %u vulnerable person",
                                         "Handover at %s at %s, before civil dawn (%s): %u vulnerable persons", n)
                             : early
                             ? ngettext ("Handover at %s at %s, before sunrise (%s): %u vulnerable person",
                                         "Handover at %s at %s, before sunrise (%s): %u vulnerable persons", n)
                             : civil
                             ? ngettext ("Handover at %s at %s, after civil dusk (%s): %u vulnerable person",
                                         "Handover at %s at %s, after civil dusk (%s): %u vulnerable persons", n)
                             : ngettext ("Handover at %s at %s, after sunset (%s): %u vulnerable person",
                                         "Handover at %s at %s, after sunset (%s): %u vulnerable persons", n),
                             at, point_name (point), sun, n);
          return;
        }
    }

  hours = point_hours (ctx, transfer);
  if (hours == NULL)
    return;

  {
    const RetWindow *window = &hours->week[weekday - 1];

    if (window->vulnerable_open == RET_MINUTE_NONE || window->vulnerable_close == RET_MINUTE_NONE)
      {
        _ret_check_report (ctx, RET_RULE_DAYLIGHT_VULNERABLE, RET_SEVERITY_HARD, transfer,
                           (const guint *) vulnerable->data, n, "no-vulnerable-day:",
                           ngettext ("Handover at %s at %s on %s, a day the point receives no vulnerable persons: %u vulnerable person",
                                     "Handover at %s at %s on %s, a day the point receives no vulnerable persons: %u vulnerable persons", n),
                           at, point_name (point), weekday_name (weekday), n);
        return;
      }
    if (!in_window (minute, window->vulnerable_open, window->vulnerable_close))
      {
        g_autofree char *kind = g_strdup_printf ("outside-window@%s:", at);

        format_minute (from, sizeof from, window->vulnerable_open);
        format_minute (to, sizeof to, window->vulnerable_close);
        _ret_check_report (ctx, RET_RULE_DAYLIGHT_VULNERABLE, RET_SEVERITY_HARD, transfer,
                           (const guint *) vulnerable->data, n, kind,
                           ngettext ("Handover at %s at %s, outside the window for vulnerable persons (%s–%s): %u vulnerable person",
                                     "Handover at %s at %s, outside the window for vulnerable persons (%s–%s): %u vulnerable persons", n),
                           at, point_name (point), from, to, n);
      }
  }
}

/* -------------------------------------------------------------------- */
/* R04 minors-reception                                                  */

void
_ret_check_minors_reception (RetCheckContext *ctx,
                             guint            transfer)
{
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const GArray *all = NULL;
  g_autoptr(GArray) minors = NULL;
  const RetPointHours *hours;
  const RetWindow *window;
  int minute, weekday;
  guint n;
  char at[8], cutoff[8];

  if (point == NULL)
    return;

  all = _ret_check_counted_persons (ctx, transfer);
  minors = g_array_sized_new (FALSE, FALSE, sizeof (guint), all->len);
  for (guint i = 0; i < all->len; i++)
    if (is_unaccompanied_minor (ctx, transfer, g_array_index (all, guint, i)))
      g_array_append_val (minors, g_array_index (all, guint, i));
  n = minors->len;
  if (n == 0)
    return;

  if (!point->minors_reception)
    {
      _ret_check_report (ctx, RET_RULE_MINORS_RECEPTION, RET_SEVERITY_HARD, transfer,
                         (const guint *) minors->data, n, "no-reception:",
                         ngettext ("%u unaccompanied minor handed over at %s, which has no child reception",
                                   "%u unaccompanied minors handed over at %s, which has no child reception", n),
                         n, point_name (point));
      return;
    }

  if (!_ret_check_local_handover (ctx, transfer, NULL, &minute, &weekday))
    return;
  hours = point_hours (ctx, transfer);
  if (hours == NULL)
    return;

  window = &hours->week[weekday - 1];
  format_minute (at, sizeof at, minute);
  if (window->minors_cutoff == RET_MINUTE_NONE)
    {
      _ret_check_report (ctx, RET_RULE_MINORS_RECEPTION, RET_SEVERITY_HARD, transfer,
                         (const guint *) minors->data, n, "no-minors-day:",
                         ngettext ("%u unaccompanied minor handed over at %s on %s, a day it receives no minors",
                                   "%u unaccompanied minors handed over at %s on %s, a day it receives no minors", n),
                         n, point_name (point), weekday_name (weekday));
      return;
    }
  /* The cut-off minute itself is still allowed. */
  if (minute > window->minors_cutoff)
    {
      g_autofree char *kind = g_strdup_printf ("after-cutoff@%s:", at);

      format_minute (cutoff, sizeof cutoff, window->minors_cutoff);
      _ret_check_report (ctx, RET_RULE_MINORS_RECEPTION, RET_SEVERITY_HARD, transfer,
                         (const guint *) minors->data, n, kind,
                         ngettext ("%u unaccompanied minor handed over at %s at %s, after the minors cut-off (%s)",
                                   "%u unaccompanied minors handed over at %s at %s, after the minors cut-off (%s)", n),
                         n, point_name (point), at, cutoff);
    }
}

/* -------------------------------------------------------------------- */
/* R14 origin-proximity                                                  */

typedef struct
{
  guint  person;
  guint  nearest;   /* index into the candidates */
} FarPerson;

static int
compare_far (gconstpointer a,
             gconstpointer b)
{
  const FarPerson *x = a, *y = b;

  return x->nearest < y->nearest ? -1 : x->nearest > y->nearest ? 1 : 0;
}

void
_ret_check_origin_proximity (RetCheckContext *ctx,
                             guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const RetCheckArrangement *arrangement = _ret_check_transfer_arrangement (ctx, transfer);
  g_autoptr(GPtrArray) candidates = NULL;
  const GArray *all = NULL;
  g_autoptr(GArray) far = NULL;
  int margin;

  if (point == NULL || arrangement == NULL || arrangement->points == NULL)
    return;

  /* The arrangement's own points, looked up once for the whole manifest. */
  candidates = g_ptr_array_new ();
  for (guint i = 0; arrangement->points[i] != NULL; i++)
    for (guint j = 0; j < data->points->len; j++)
      {
        const RetPoint *p = g_ptr_array_index (data->points, j);

        if (g_strcmp0 (p->code, arrangement->points[i]) == 0)
          {
            g_ptr_array_add (candidates, (gpointer) p);
            break;
          }
      }
  if (candidates->len == 0)
    return;

  margin = _ret_check_param (ctx, transfer, RET_RULE_ORIGIN_PROXIMITY, "margin_km");
  all = _ret_check_counted_persons (ctx, transfer);
  far = g_array_new (FALSE, FALSE, sizeof (FarPerson));

  for (guint i = 0; i < all->len; i++)
    {
      guint p = g_array_index (all, guint, i);
      RetCheckPerson *cp = get_person (ctx, p);
      double here, best = G_MAXDOUBLE;
      guint nearest = 0;

      if (!cp->origin_known)
        continue;

      here = ret_great_circle_km (point->latitude, point->longitude,
                                   cp->origin_latitude, cp->origin_longitude);
      for (guint c = 0; c < candidates->len; c++)
        {
          const RetPoint *candidate = g_ptr_array_index (candidates, c);
          double d;

          /* An airport is nearer only for those who agreed to fly. */
          if (candidate->airport && !cp->person->interior_consent)
            continue;
          d = ret_great_circle_km (candidate->latitude, candidate->longitude,
                                    cp->origin_latitude, cp->origin_longitude);
          if (d < best)
            {
              best = d;
              nearest = c;
            }
        }

      if (best < G_MAXDOUBLE && here - best > margin)
        {
          FarPerson f = { p, nearest };

          g_array_append_val (far, f);
        }
    }

  if (far->len == 0)
    return;

  g_array_sort (far, compare_far);
  for (guint i = 0; i < far->len;)
    {
      guint nearest = g_array_index (far, FarPerson, i).nearest;
      const RetPoint *closer = g_ptr_array_index (candidates, nearest);
      g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (guint));
      guint n;

      for (; i < far->len && g_array_index (far, FarPerson, i).nearest == nearest; i++)
        g_array_append_val (persons, g_array_index (far, FarPerson, i).person);
      n = persons->len;

      _ret_check_report (ctx, RET_RULE_ORIGIN_PROXIMITY, RET_SEVERITY_WARNING, transfer,
                         (const guint *) persons->data, n, NULL,
                         ngettext ("%u person handed over at %s would be more than %d km closer to home at %s",
                                   "%u persons handed over at %s would be more than %d km closer to home at %s", n),
                         n, point_name (point), margin, point_name (closer));
    }
}

/* -------------------------------------------------------------------- */
/* R15 no-lateral                                                        */

typedef struct
{
  const RetFacility *facility;  /* the first one seen of the sector */
  gboolean           allowed;
  GArray            *persons;
} SectorVerdict;

static void
sector_verdict_clear (gpointer p)
{
  SectorVerdict *v = p;

  g_clear_pointer (&v->persons, g_array_unref);
}

static gboolean
lateral_allowed (RetCheckContext *ctx,
                 const char      *sector,
                 const char      *point)
{
  RetCheckData *data = _ret_check_get_data (ctx);

  for (guint i = 0; i < data->lateral_pairs->len; i++)
    {
      const RetLateralPair *pair = g_ptr_array_index (data->lateral_pairs, i);

      if (g_strcmp0 (pair->sector, sector) == 0 && g_strcmp0 (pair->point, point) == 0)
        return TRUE;
    }
  return FALSE;
}

void
_ret_check_no_lateral (RetCheckContext *ctx,
                       guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const GArray *all = NULL;
  g_autoptr(GArray) verdicts = NULL;
  GDate date;

  if (point == NULL || !_ret_check_local_handover (ctx, transfer, &date, NULL, NULL))
    return;

  all = _ret_check_counted_persons (ctx, transfer);
  /* A manifest holds persons of one or two sectors: a short list beats
   * a hash table. */
  verdicts = g_array_new (FALSE, TRUE, sizeof (SectorVerdict));
  g_array_set_clear_func (verdicts, sector_verdict_clear);

  for (guint i = 0; i < all->len; i++)
    {
      guint p = g_array_index (all, guint, i);
      const RetPerson *person = get_person (ctx, p)->person;
      const RetFacility *facility =
        _ret_check_get_facility (ctx, person->facility ? person->facility : t->facility);
      SectorVerdict *verdict = NULL;

      if (facility == NULL || facility->sector == NULL)
        continue;

      for (guint v = 0; v < verdicts->len && verdict == NULL; v++)
        if (g_strcmp0 (g_array_index (verdicts, SectorVerdict, v).facility->sector,
                       facility->sector) == 0)
          verdict = &g_array_index (verdicts, SectorVerdict, v);

      if (verdict == NULL)
        {
          const RetCheckArrangement *own = _ret_check_arrangement_for_point (ctx, facility->sector,
                                                                              point->code, &date);
          SectorVerdict fresh = { facility, FALSE, g_array_new (FALSE, FALSE, sizeof (guint)) };

          fresh.allowed = (own != NULL && own->points != NULL &&
                           g_strv_contains ((const char * const *) own->points, point->code)) ||
                          lateral_allowed (ctx, facility->sector, point->code);
          g_array_append_val (verdicts, fresh);
          verdict = &g_array_index (verdicts, SectorVerdict, verdicts->len - 1);
        }

      if (!verdict->allowed)
        g_array_append_val (verdict->persons, p);
    }

  for (guint v = 0; v < verdicts->len; v++)
    {
      SectorVerdict *verdict = &g_array_index (verdicts, SectorVerdict, v);
      guint n = verdict->persons->len;

      if (n == 0)
        continue;
      _ret_check_report (ctx, RET_RULE_NO_LATERAL, RET_SEVERITY_HARD, transfer,
                         (const guint *) verdict->persons->data, n, NULL,
                         ngettext ("%u person from the %s sector handed over at %s, which is not one of that sector’s points, and no approved lateral pair allows it",
                                   "%u persons from the %s sector handed over at %s, which is not one of that sector’s points, and no approved lateral pair allows it", n),
                         n,
                         verdict->facility->sector_name ? verdict->facility->sector_name
                                                        : verdict->facility->sector,
                         point_name (point));
    }
}

/* -------------------------------------------------------------------- */
/* R16 capacity: the vehicle's seats (the point's side is in the engine) */

void
_ret_check_seats (RetCheckContext *ctx,
                  guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const GArray *all = _ret_check_counted_persons (ctx, transfer);
  guint n = all->len;

  if (n == 0 || (gint64) n <= (gint64) t->seats)
    return;

  _ret_check_report (ctx, RET_RULE_CAPACITY, RET_SEVERITY_HARD, transfer,
                     (const guint *) all->data, n, NULL,
                     ngettext ("%u person on board, but the vehicle has %d seats",
                               "%u persons on board, but the vehicle has %d seats", n),
                     n, t->seats);
}

/* -------------------------------------------------------------------- */
/* R17 heat-season                                                       */

void
_ret_check_heat_season (RetCheckContext *ctx,
                        guint            transfer)
{
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  const RetRule *rule = ret_rule_get (RET_RULE_HEAT_SEASON);
  const GArray *all = NULL;
  g_autoptr(GArray) consented = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  int from, to, today;
  gboolean in_season;
  GDate date;

  if (point == NULL || !_ret_check_local_handover (ctx, transfer, &date, NULL, NULL))
    return;
  if (_ret_check_param (ctx, transfer, RET_RULE_HEAT_SEASON, "applies") == 0)
    return;

  from = _ret_check_param (ctx, transfer, RET_RULE_HEAT_SEASON, "season_from");
  to = _ret_check_param (ctx, transfer, RET_RULE_HEAT_SEASON, "season_to");
  today = g_date_get_month (&date) * 100 + g_date_get_day (&date);
  /* A season may run over the new year. */
  in_season = from <= to ? (today >= from && today <= to) : (today >= from || today <= to);
  if (!in_season)
    return;

  all = _ret_check_counted_persons (ctx, transfer);
  if (all->len == 0)
    return;

  from_text = ret_rule_param_format (&rule->params[ret_rule_param_index (RET_RULE_HEAT_SEASON, "season_from")], from);
  to_text = ret_rule_param_format (&rule->params[ret_rule_param_index (RET_RULE_HEAT_SEASON, "season_to")], to);

  if (point->remote_desert)
    _ret_check_report (ctx, RET_RULE_HEAT_SEASON, RET_SEVERITY_WARNING, transfer,
                       (const guint *) all->data, all->len, "remote-desert:",
                       _("Handover at %s, a remote desert point, in the heat season (%s to %s)"),
                       point_name (point), from_text, to_text);

  if (point->airport)
    return;

  consented = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < all->len; i++)
    if (get_person (ctx, g_array_index (all, guint, i))->person->interior_consent)
      g_array_append_val (consented, g_array_index (all, guint, i));
  if (consented->len > 0)
    _ret_check_report (ctx, RET_RULE_HEAT_SEASON, RET_SEVERITY_WARNING, transfer,
                       (const guint *) consented->data, consented->len, "prefer-flight:",
                       ngettext ("%u person who agreed to fly to the interior handed over at %s in the heat season; prefer a flight",
                                 "%u persons who agreed to fly to the interior handed over at %s in the heat season; prefer a flight",
                                 consented->len),
                       consented->len, point_name (point));
}

/* -------------------------------------------------------------------- */
/* R18 custody-time                                                      */

void
_ret_check_custody_time (RetCheckContext *ctx,
                         guint            transfer)
{
  RetCheckTransfer *t = get_transfer (ctx, transfer);
  const GArray *all = NULL;
  g_autoptr(GArray) adults = NULL;
  g_autoptr(GArray) minors = NULL;
  gint64 longest_adult = 0, longest_minor = 0;
  int adult_hours, minor_hours;

  if (t->handover_at == 0)
    return;

  adult_hours = _ret_check_param (ctx, transfer, RET_RULE_CUSTODY_TIME, "adult_hours");
  minor_hours = _ret_check_param (ctx, transfer, RET_RULE_CUSTODY_TIME, "minor_hours");
  all = _ret_check_counted_persons (ctx, transfer);
  adults = g_array_new (FALSE, FALSE, sizeof (guint));
  minors = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < all->len; i++)
    {
      guint p = g_array_index (all, guint, i);
      const RetPerson *person = get_person (ctx, p)->person;
      gboolean minor;
      gint64 waited;

      if (person->apprehended_at <= 0)
        continue;
      waited = t->handover_at - person->apprehended_at;
      minor = _ret_check_is_minor (ctx, transfer, p) ||
              is_unaccompanied_minor (ctx, transfer, p);
      if (minor && waited > (gint64) minor_hours * 3600)
        {
          g_array_append_val (minors, p);
          longest_minor = MAX (longest_minor, waited);
        }
      else if (!minor && waited > (gint64) adult_hours * 3600)
        {
          g_array_append_val (adults, p);
          longest_adult = MAX (longest_adult, waited);
        }
    }

  if (minors->len > 0)
    _ret_check_report (ctx, RET_RULE_CUSTODY_TIME, RET_SEVERITY_WARNING, transfer,
                       (const guint *) minors->data, minors->len, "minors:",
                       ngettext ("%u minor handed over more than %d h after apprehension (the longest after %d h)",
                                 "%u minors handed over more than %d h after apprehension (the longest after %d h)",
                                 minors->len),
                       minors->len, minor_hours, (int) (longest_minor / 3600));
  if (adults->len > 0)
    _ret_check_report (ctx, RET_RULE_CUSTODY_TIME, RET_SEVERITY_WARNING, transfer,
                       (const guint *) adults->data, adults->len, "adults:",
                       ngettext ("%u person handed over more than %d h after apprehension (the longest after %d h)",
                                 "%u persons handed over more than %d h after apprehension (the longest after %d h)",
                                 adults->len),
                       adults->len, adult_hours, (int) (longest_adult / 3600));
}
