/* ret-solar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sunrise, sunset and civil twilight, written here rather than taken
 * from a library.  Debian's libnova (0.16) was the candidate, but its
 * ln_get_solar_rst() answers for a UT day, not for a local date in a
 * zone, and reports only "circumpolar" without saying above or below:
 * the date and polar handling below would be needed on top of it
 * anyway, for a new dependency that replaces some fifty lines of
 * astronomy.  It was not measured against the reference.
 *
 * The solar position is Meeus' (Astronomical Algorithms, 2nd ed.,
 * ch. 12, 22 and 25), good to about 0.01°, i.e. a few seconds of time.
 * Each event is then found by re-solving the hour angle with the
 * declination and right ascension at the candidate instant until it
 * moves by less than a second, so the sun's motion during the day is
 * taken into account; a single solve with the noon declination would be
 * up to a minute or two out.  tests/test-solar.c holds the result to
 * Astronomy Engine at all 13 points on every day of 2026–2030: within
 * 60 s required, at most 5 s found.
 *
 * Near the polar circles, on the few days when the sun only grazes the
 * horizon, the time of a grazing event is ill-conditioned and may be a
 * few minutes out; those days are still classified correctly.
 */

#define G_LOG_DOMAIN "ret-solar"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "ret-solar.h"

G_DEFINE_QUARK (ret-solar-error-quark, ret_solar_error)

#define DEG (G_PI / 180.0)

/* Seconds from the Unix epoch to J2000.0 (2000-01-01 12:00 TT taken as
 * UT; ΔT is added separately). */
#define J2000_UNIX 946728000.0

/* TT − UT.  About 69 s through the 2020s; the sun moves so slowly that
 * an error of a minute here changes event times by well under a
 * second, so a constant serves. */
#define DELTA_T 69.0

#define SECONDS_PER_DAY 86400.0

/* GDate's Julian day number of 1970-01-01 (its day 1 is 0001-01-01). */
#define GDATE_UNIX_EPOCH_DAY 719163

/* Sidereal time gained per second of UT, degrees. */
#define SIDEREAL_RATE (360.98564736629 / SECONDS_PER_DAY)

/* Sunrise and sunset: the upper limb (16′) under standard refraction
 * (34′).  Civil twilight: the centre, geometrically at −6°. */
#define ALTITUDE_RISE_SET (-0.833)
#define ALTITUDE_CIVIL    (-6.0)

/* How far an event may still move before we stop refining it. */
#define CONVERGED_SECONDS 0.5
#define MAX_ITERATIONS    8

typedef struct
{
  double ra;    /* apparent right ascension, degrees */
  double sin_dec;
  double gast;  /* Greenwich apparent sidereal time, degrees */
} SunPosition;

/*
 * SunTrack:
 *
 * The sun's right ascension and declination at three instants a day
 * apart, interpolated between them (Meeus ch. 3).  Over a day both
 * are smooth enough that the interpolation is good to well under an
 * arcsecond, and it saves the trigonometry of a full solar position on
 * every step of every event's iteration: the difference between
 * meeting the benchmark and not.
 */
typedef struct
{
  double t_mid;      /* Unix seconds of the middle node */
  double ra[3];      /* degrees, unwrapped around ra[1] */
  double sin_dec[3];
  double gast_mid;   /* sidereal time at t_mid, degrees */
} SunTrack;

typedef struct
{
  double sin_lat;
  double cos_lat;
  double lon;
} Observer;

static double
wrap_180 (double degrees)
{
  return degrees - 360.0 * floor ((degrees + 180.0) / 360.0);
}

static void
sun_position (double       unix_time,
              SunPosition *pos)
{
  double d_ut = (unix_time - J2000_UNIX) / SECONDS_PER_DAY;
  double t = (d_ut + DELTA_T / SECONDS_PER_DAY) / 36525.0;
  double l0, m, c, omega, lambda, epsilon, nutation_lon;
  double sin_m, cos_m, sin_lambda;

  l0 = 280.46646 + t * (36000.76983 + t * 0.0003032);
  m = (357.52911 + t * (35999.05029 - t * 0.0001537)) * DEG;
  sin_m = sin (m);
  cos_m = cos (m);
  /* sin 2M and sin 3M from sin M and cos M: three fewer calls into
   * libm, on the path the benchmark measures. */
  c = (1.914602 - t * (0.004817 + t * 0.000014)) * sin_m
      + (0.019993 - t * 0.000101) * 2.0 * sin_m * cos_m
      + 0.000289 * sin_m * (3.0 - 4.0 * sin_m * sin_m);
  omega = (125.04 - 1934.136 * t) * DEG;

  /* Apparent longitude: aberration (−0.00569°) and the main term of
   * the nutation in longitude. */
  nutation_lon = -0.00478 * sin (omega);
  lambda = (l0 + c - 0.00569 + nutation_lon) * DEG;

  epsilon = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
  epsilon = (epsilon + 0.00256 * cos (omega)) * DEG;

  sin_lambda = sin (lambda);
  pos->ra = atan2 (cos (epsilon) * sin_lambda, cos (lambda)) / DEG;
  pos->sin_dec = sin (epsilon) * sin_lambda;

  /* Sidereal time runs on UT; the equation of the equinoxes keeps it
   * consistent with the nutated right ascension above. */
  pos->gast = 280.46061837 + 360.98564736629 * d_ut
              + t * t * (0.000387933 - t / 38710000.0)
              + nutation_lon * cos (epsilon);
}

static void
sun_track_init (SunTrack *track,
                double    t_mid)
{
  for (int i = 0; i < 3; i++)
    {
      SunPosition pos;

      sun_position (t_mid + (i - 1) * SECONDS_PER_DAY, &pos);
      track->ra[i] = pos.ra;
      track->sin_dec[i] = pos.sin_dec;
      if (i == 1)
        track->gast_mid = pos.gast;
    }

  /* The right ascension wraps at 0h each March. */
  track->ra[0] = track->ra[1] + wrap_180 (track->ra[0] - track->ra[1]);
  track->ra[2] = track->ra[1] + wrap_180 (track->ra[2] - track->ra[1]);
  track->t_mid = t_mid;
}

static double
interpolate (const double y[3],
             double       n)
{
  double a = y[1] - y[0];
  double b = y[2] - y[1];

  return y[1] + n / 2.0 * (a + b + n * (b - a));
}

/* The sun's local hour angle at @t, in degrees in [−180, 180), and the
 * sine of its declination. */
static double
hour_angle_at (const Observer *obs,
               const SunTrack *track,
               double          t,
               double         *sin_dec)
{
  double n = (t - track->t_mid) / SECONDS_PER_DAY;

  if (sin_dec != NULL)
    *sin_dec = interpolate (track->sin_dec, n);

  return wrap_180 (track->gast_mid + SIDEREAL_RATE * (t - track->t_mid)
                   + obs->lon - interpolate (track->ra, n));
}

/* The cosine of the hour angle at which the sun's centre stands at the
 * altitude whose sine is @sin_alt; outside [−1, 1] when it never
 * reaches that altitude. */
static double
cos_event_hour_angle (const Observer *obs,
                      double          sin_dec,
                      double          sin_alt)
{
  double cos_dec = sqrt (1.0 - sin_dec * sin_dec);

  return (sin_alt - obs->sin_lat * sin_dec) / (obs->cos_lat * cos_dec);
}

/*
 * refine_event:
 * @sign: −1 for a rising event, +1 for a setting one
 * @guess: a first estimate of the instant, Unix seconds
 * @out: the instant found
 *
 * Moves @guess to where the hour angle equals ∓H₀(δ), H₀ computed from
 * the declination at the current estimate, until it settles.  The hour
 * angle grows by 360° a day less the sun's own ~1° a day, so one step
 * lands within a second or so of the answer.
 *
 * Returns: %FALSE if the sun does not reach the altitude near @guess.
 */
static gboolean
refine_event (const Observer *obs,
              const SunTrack *track,
              double          sin_alt,
              int             sign,
              double          guess,
              double         *out)
{
  double t = guess;

  for (int i = 0; i < MAX_ITERATIONS; i++)
    {
      double sin_dec, hour_angle, cos_h0, step;

      hour_angle = hour_angle_at (obs, track, t, &sin_dec);
      cos_h0 = cos_event_hour_angle (obs, sin_dec, sin_alt);
      if (cos_h0 < -1.0 || cos_h0 > 1.0)
        return FALSE;

      step = wrap_180 (sign * acos (cos_h0) / DEG - hour_angle) / 360.0 * SECONDS_PER_DAY;
      t += step;
      if (fabs (step) < CONVERGED_SECONDS)
        {
          *out = t;
          return TRUE;
        }
    }

  /* Not settling means the sun only grazes the altitude: a day at the
   * edge of polar day or night, where any instant found is doubtful. */
  return FALSE;
}

/* Candidates whose first guess lies further than this outside the
 * local date are not refined: refining moves a guess by minutes, or by
 * a few hours only where the sun grazes the altitude near the poles. */
#define CANDIDATE_MARGIN_SECONDS (6 * 3600.0)

/*
 * find_event:
 * @transit: the upper transit nearest the middle of the local date
 * @sin_dec_transit: the sine of the declination then
 *
 * Looks at the events of the solar day of @transit and of the days
 * either side, earliest first, and keeps the first that falls on the
 * local date: where the local date is far from the solar day (a zone
 * far from its meridian, or 23- and 25-hour days), the sunset of a
 * local date can belong to the previous solar day, and near the poles
 * a local date can hold two sunsets.
 */
static void
find_event (const Observer *obs,
            const SunTrack *track,
            double          altitude,
            int             sign,
            double          transit,
            double          sin_dec_transit,
            double          start,
            double          end,
            RetSunEvent    *event)
{
  double sin_alt = sin (altitude * DEG);
  double cos_h0 = cos_event_hour_angle (obs, sin_dec_transit, sin_alt);
  double h0;

  /* Where the sun misses the altitude at transit, start from noon or
   * midnight: a neighbouring day may still reach it. */
  h0 = acos (CLAMP (cos_h0, -1.0, 1.0)) / DEG;

  for (int day = -1; day <= 1; day++)
    {
      double guess = transit + day * SECONDS_PER_DAY + sign * h0 / 360.0 * SECONDS_PER_DAY;
      double t;

      if (guess < start - CANDIDATE_MARGIN_SECONDS || guess >= end + CANDIDATE_MARGIN_SECONDS)
        continue;

      if (refine_event (obs, track, sin_alt, sign, guess, &t)
          && t >= start && t < end)
        {
          event->kind = RET_SUN_EVENT_OCCURS;
          event->utc = (gint64) floor (t + 0.5);
          return;
        }
    }

  event->utc = 0;
  if (cos_h0 > 1.0)
    event->kind = RET_SUN_EVENT_NEVER_UP;
  else if (cos_h0 < -1.0)
    event->kind = RET_SUN_EVENT_NEVER_DOWN;
  else
    event->kind = RET_SUN_EVENT_NOT_ON_DATE;
}

/* The Unix time at which local date @date starts in @zone.  Where a
 * zone skips midnight, GLib moves to the first time that exists, which
 * is where that local date starts: the same rule as g_date_time_new(),
 * without allocating a GDateTime twice for every date. */
static gint64
local_midnight (GTimeZone   *zone,
                const GDate *date)
{
  gint64 local = ((gint64) g_date_get_julian (date) - GDATE_UNIX_EPOCH_DAY) * 86400;
  int interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &local);

  return local - g_time_zone_get_offset (zone, interval);
}

/**
 * ret_daylight_compute:
 * @latitude: degrees north, −90 … 90
 * @longitude: degrees east, −180 … 180
 * @zone: the zone @local_date is in
 * @local_date: the local date
 * @daylight: (out caller-allocates): the result
 * @error: return location for a #GError
 *
 * Finds sunrise, sunset and civil dawn and dusk whose local time in
 * @zone falls on @local_date.  An event that does not happen on that
 * date gets a kind other than %RET_SUN_EVENT_OCCURS and a zero instant.
 *
 * Returns: %FALSE with %RET_SOLAR_ERROR_INVALID for coordinates out of
 *   range or an invalid date.
 */
gboolean
ret_daylight_compute (double        latitude,
                      double        longitude,
                      GTimeZone    *zone,
                      const GDate  *local_date,
                      RetDaylight  *daylight,
                      GError      **error)
{
  GDate next;
  Observer obs;
  SunTrack track;
  double start, end, transit, sin_dec;

  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (local_date != NULL, FALSE);
  g_return_val_if_fail (daylight != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (isnan (latitude) || latitude < -90.0 || latitude > 90.0)
    {
      g_set_error (error, RET_SOLAR_ERROR, RET_SOLAR_ERROR_INVALID,
                   _("The latitude %g is not between −90 and 90 degrees"), latitude);
      return FALSE;
    }
  if (isnan (longitude) || longitude < -180.0 || longitude > 180.0)
    {
      g_set_error (error, RET_SOLAR_ERROR, RET_SOLAR_ERROR_INVALID,
                   _("The longitude %g is not between −180 and 180 degrees"), longitude);
      return FALSE;
    }
  if (!g_date_valid (local_date))
    {
      g_set_error_literal (error, RET_SOLAR_ERROR, RET_SOLAR_ERROR_INVALID,
                           _("The date is not a valid date"));
      return FALSE;
    }
  /* The instants must stay within GDateTime's range for callers to
   * show them. */
  if (g_date_get_year (local_date) > 9998)
    {
      g_set_error_literal (error, RET_SOLAR_ERROR, RET_SOLAR_ERROR_INVALID,
                           _("The date is after the year 9998"));
      return FALSE;
    }

  daylight->date = *local_date;
  next = *local_date;
  g_date_add_days (&next, 1);
  start = (double) local_midnight (zone, local_date);
  end = (double) local_midnight (zone, &next);

  /* At a pole every direction is south (or north) and the hour angle
   * means nothing; nudging the latitude keeps the formulas finite and
   * changes nothing measurable. */
  latitude = CLAMP (latitude, -89.9999, 89.9999);
  obs.sin_lat = sin (latitude * DEG);
  obs.cos_lat = cos (latitude * DEG);
  obs.lon = longitude;

  /* The upper transit nearest the middle of the local date; a second
   * pass takes the sun's motion over the interval into account. */
  sun_track_init (&track, (start + end) / 2.0);
  transit = track.t_mid;
  for (int i = 0; i < 2; i++)
    transit -= hour_angle_at (&obs, &track, transit, NULL) / 360.0 * SECONDS_PER_DAY;
  hour_angle_at (&obs, &track, transit, &sin_dec);

  find_event (&obs, &track, ALTITUDE_RISE_SET, -1, transit, sin_dec, start, end,
              &daylight->sunrise);
  find_event (&obs, &track, ALTITUDE_RISE_SET, +1, transit, sin_dec, start, end,
              &daylight->sunset);
  find_event (&obs, &track, ALTITUDE_CIVIL, -1, transit, sin_dec, start, end,
              &daylight->civil_dawn);
  find_event (&obs, &track, ALTITUDE_CIVIL, +1, transit, sin_dec, start, end,
              &daylight->civil_dusk);

  return TRUE;
}
