/* ret-time.h — strict parsing and formatting of dates and instants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  ret_date_parse             (const char  *text,
                                      GDate       *date,
                                      GError     **error);
char     *ret_date_format            (const GDate *date);
gboolean  ret_instant_parse          (const char  *text,
                                      gint64      *utc_seconds,
                                      GError     **error);
char     *ret_instant_format         (gint64       utc_seconds,
                                      const char  *zone);

/**
 * RetAmbiguity:
 * @RET_AMBIGUITY_REFUSE: refuse a local time that happens twice
 * @RET_AMBIGUITY_EARLIER: take the first of the two instants (the one
 *   still on the offset in force before the clocks went back)
 * @RET_AMBIGUITY_LATER: take the second of the two instants
 *
 * What to do with a local time entered on a fall-back night, when the
 * clocks show it twice.
 */
typedef enum
{
  RET_AMBIGUITY_REFUSE,
  RET_AMBIGUITY_EARLIER,
  RET_AMBIGUITY_LATER,
} RetAmbiguity;

gboolean  ret_local_time_resolve     (GTimeZone    *zone,
                                      int           year,
                                      int           month,
                                      int           day,
                                      int           hour,
                                      int           minute,
                                      RetAmbiguity  choice,
                                      gint64       *utc,
                                      GError      **error);
char     *ret_local_time_format      (gint64        utc,
                                      GTimeZone    *zone);

G_END_DECLS
