/* ret-reference.h — points, arrangements, sectors and facilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A time of day in minutes after local midnight; RET_MINUTE_NONE when
 * the window is closed that day. */
#define RET_MINUTE_NONE (-1)
#define RET_MINUTES_PER_DAY (24 * 60)

/**
 * RetWindow:
 *
 * What an arrangement agrees for one point on one weekday, in the
 * point's local time: the general window [@open, @close), the narrower
 * window for vulnerable persons [@vulnerable_open, @vulnerable_close) and
 * the last minute unaccompanied minors may be handed over.
 */
typedef struct
{
  int      open;
  int      close;
  int      vulnerable_open;
  int      vulnerable_close;
  int      minors_cutoff;
} RetWindow;

/* 1 = Monday … 7 = Sunday, as GDateWeekday */
#define RET_N_WEEKDAYS 7

typedef struct
{
  char      *arrangement;        /* arrangement code */
  char      *arrangement_name;
  RetWindow  week[RET_N_WEEKDAYS]; /* index 0 = Monday */
  gboolean   sample;             /* hours are sample values */
} RetPointHours;

typedef struct
{
  char      *code;
  char      *us_port;            /* NULL for airports */
  char      *city;
  double     latitude;
  double     longitude;
  char      *timezone;           /* IANA zone of the Mexican side */
  gboolean   minors_reception;
  gboolean   airport;
  gboolean   remote_desert;      /* R17: a remote desert point */
  int        daily_capacity;
  gboolean   capacity_sample;
  GPtrArray *hours;              /* RetPointHours, one per arrangement */
} RetPoint;

typedef struct
{
  char      *code;
  char      *name;
  char      *sector;
  char      *sector_name;
  char      *kind;               /* "station", "ice-office", … */
  double     latitude;
  double     longitude;
  gboolean   coordinates_approximate;
  char      *timezone;
} RetFacility;

#define RET_TYPE_POINT    (ret_point_get_type ())
#define RET_TYPE_FACILITY (ret_facility_get_type ())

GType          ret_point_get_type           (void) G_GNUC_CONST;
RetPoint      *ret_point_new                (void);
RetPoint      *ret_point_copy               (const RetPoint *point);
void           ret_point_free               (RetPoint       *point);
const RetPointHours *ret_point_get_hours    (const RetPoint *point,
                                             const char     *arrangement);

RetPointHours *ret_point_hours_copy         (const RetPointHours *hours);
void           ret_point_hours_free         (RetPointHours       *hours);

GType          ret_facility_get_type        (void) G_GNUC_CONST;
RetFacility   *ret_facility_copy            (const RetFacility *facility);
void           ret_facility_free            (RetFacility       *facility);

gboolean       ret_window_validate          (const RetWindow *window,
                                             GError         **error);
char          *ret_minute_format            (int              minute);
gboolean       ret_minute_parse             (const char      *text,
                                             int             *minute);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPoint, ret_point_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetPointHours, ret_point_hours_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetFacility, ret_facility_free)

G_END_DECLS
