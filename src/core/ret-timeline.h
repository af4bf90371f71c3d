/* ret-timeline.h — what one point's row of the day timeline shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over plain structs: the Plan page draws what these
 * compute, and the tests check it without a display.
 */

#pragma once

#include <glib.h>

#include "ret-reference.h"
#include "ret-solar.h"
#include "ret-transfer.h"

G_BEGIN_DECLS

typedef enum
{
  RET_TIMELINE_NIGHT,
  RET_TIMELINE_TWILIGHT,
  RET_TIMELINE_DAYLIGHT,
} RetTimelineLight;

/* Positions are UTC instants and, for drawing, fractions of the local
 * day [0, 1]: the day runs from local midnight to the next local
 * midnight, 23, 24 or 25 hours long. */
typedef struct
{
  RetTimelineLight light;
  gint64           start_utc;
  gint64           end_utc;
  double           start;
  double           end;
} RetTimelineSegment;

typedef struct
{
  gboolean open;           /* FALSE: no such window that day */
  int      open_minute;    /* as agreed, minutes after local midnight */
  int      close_minute;
  gint64   start_utc;
  gint64   end_utc;
  double   start;
  double   end;
} RetTimelineSpan;

typedef struct
{
  char     *code;
  char     *label;         /* short text drawn in the block */
  char     *mode;
  int       n_persons;
  int       seats;
  gint64    depart_utc;
  gint64    handover_utc;
  gint64    start_utc;     /* the block, clipped to the day */
  gint64    end_utc;
  double    start;
  double    end;
  double    handover;      /* where the handover falls; -1 outside the day */
  gboolean  clipped_start;
  gboolean  clipped_end;
} RetTimelineBlock;

typedef struct
{
  char             *point_code;
  char             *city;
  char             *timezone;
  GTimeZone        *zone;
  GDate             date;
  gint64            day_start_utc;  /* local midnight */
  gint64            day_end_utc;    /* the next local midnight */

  GArray           *segments;       /* RetTimelineSegment, in order, covering the day */
  RetTimelineSpan   daylight;       /* sunrise → sunset, when both fall on the date */
  RetTimelineSpan   window;
  RetTimelineSpan   vulnerable;
  /* when vulnerable persons may really be handed over: inside their
   * window and in daylight (rule R03); the agreed minutes are not set */
  RetTimelineSpan   vulnerable_daylight;

  gboolean          has_minors_cutoff;
  int               minors_cutoff_minute;
  gint64            minors_cutoff_utc;
  double            minors_cutoff;

  gboolean          has_now;
  gint64            now_utc;
  double            now;

  GPtrArray        *blocks;         /* RetTimelineBlock, by start */
  char             *description;    /* one line, for assistive technologies */
} RetTimeline;

/* A transfer block without a usable departure spans the handover ± this. */
#define RET_TIMELINE_HANDOVER_MARGIN (30 * 60)

gboolean     ret_timeline_day_bounds (GTimeZone          *zone,
                                      const GDate        *date,
                                      gint64             *start_utc,
                                      gint64             *end_utc);

RetTimeline *ret_timeline_compute    (const RetPoint     *point,
                                      const GDate        *date,
                                      const RetDaylight  *daylight,
                                      GPtrArray          *transfers,
                                      gint64              now_utc,
                                      GError            **error);
void         ret_timeline_free       (RetTimeline        *timeline);
void         ret_timeline_set_now    (RetTimeline        *timeline,
                                      gint64              now_utc);

double       ret_timeline_fraction   (const RetTimeline  *timeline,
                                      gint64              utc);
char        *ret_timeline_format_time (const RetTimeline *timeline,
                                       gint64             utc);
const RetTimelineSegment *
             ret_timeline_segment_at (const RetTimeline  *timeline,
                                      double              fraction);
char        *ret_timeline_describe_at (const RetTimeline *timeline,
                                       double             fraction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetTimeline, ret_timeline_free)

G_END_DECLS
