/* ret-solar.h — sunrise, sunset and civil twilight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RetSunEvent:
 * @RET_SUN_EVENT_OCCURS: the event happens on that local date; its
 *   instant is set
 * @RET_SUN_EVENT_NEVER_UP: the sun stays below the event's altitude all
 *   that date (polar night for sunrise/sunset; no civil twilight)
 * @RET_SUN_EVENT_NEVER_DOWN: the sun stays above the event's altitude
 *   all that date (midnight sun; white night for civil twilight)
 * @RET_SUN_EVENT_NOT_ON_DATE: it happens on the neighbouring dates but
 *   not on this local date (possible near the poles and the date line)
 */
typedef enum
{
  RET_SUN_EVENT_OCCURS,
  RET_SUN_EVENT_NEVER_UP,
  RET_SUN_EVENT_NEVER_DOWN,
  RET_SUN_EVENT_NOT_ON_DATE,
} RetSunEventKind;

typedef struct
{
  RetSunEventKind kind;
  gint64          utc;      /* UTC seconds; 0 unless kind is OCCURS */
} RetSunEvent;

/**
 * RetDaylight:
 *
 * The sun on one local date at one place.  Sunrise and sunset are for the
 * upper limb with standard refraction (−0.833°); civil dawn and dusk for
 * the centre at −6°.
 */
typedef struct
{
  GDate       date;        /* the local date */
  RetSunEvent sunrise;
  RetSunEvent sunset;
  RetSunEvent civil_dawn;
  RetSunEvent civil_dusk;
} RetDaylight;

#define RET_SOLAR_ERROR (ret_solar_error_quark ())

typedef enum
{
  RET_SOLAR_ERROR_INVALID,
} RetSolarError;

GQuark    ret_solar_error_quark  (void);

gboolean  ret_daylight_compute   (double        latitude,
                                  double        longitude,
                                  GTimeZone    *zone,
                                  const GDate  *local_date,
                                  RetDaylight  *daylight,
                                  GError      **error);

G_END_DECLS
