/* ret-timeline-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ret-store.h"
#include "ret-timeline.h"

G_BEGIN_DECLS

/* The label column on the left of every row and of the ruler, so that
 * the hours line up. */
#define RET_TIMELINE_ROW_LABEL_WIDTH 150
#define RET_TIMELINE_ROW_END_PADDING 12

#define RET_TYPE_TIMELINE_ROW (ret_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (RetTimelineRow, ret_timeline_row, RET, TIMELINE_ROW, GtkWidget)

GtkWidget         *ret_timeline_row_new          (void);
GtkWidget         *ret_timeline_row_new_ruler    (void);
void               ret_timeline_row_set_timeline (RetTimelineRow *self,
                                                  RetTimeline    *timeline);
const RetTimeline *ret_timeline_row_get_timeline (RetTimelineRow *self);
void               ret_timeline_row_set_now      (RetTimelineRow *self,
                                                  gint64          now_utc);
void               ret_timeline_row_set_selected_transfer (RetTimelineRow *self,
                                                           const char     *code);
const char        *ret_timeline_row_get_selected_transfer (RetTimelineRow *self);
gboolean           ret_timeline_row_has_transfer (RetTimelineRow *self,
                                                  const char     *code);
const char        *ret_timeline_row_get_transfer_at (RetTimelineRow *self,
                                                     double          x);
void               ret_timeline_row_set_store    (RetTimelineRow *self,
                                                  RetStore       *store);
gboolean           ret_timeline_row_is_transfer_pinned (RetTimelineRow *self,
                                                        const char     *code);
const char        *ret_timeline_row_preview_drop (RetTimelineRow *self,
                                                  GObject        *drag,
                                                  const char     *text,
                                                  double          x);

G_END_DECLS
