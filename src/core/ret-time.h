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

G_END_DECLS
