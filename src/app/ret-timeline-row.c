/* ret-timeline-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One point's day, drawn: night, civil twilight and daylight shaded
 * across the row; the agreed window outlined, the narrower window for
 * vulnerable persons filled inside it; the minors cut-off and the
 * current time as lines; transfers as rounded blocks, the one chosen
 * in the checks panel outlined.  What to draw is computed by
 * ret-timeline.c; this only paints it.  The same widget, without a
 * timeline, is the hour ruler above the rows.
 *
 * A click on a transfer's block activates "win.show-transfer" with its
 * code.
 */

#define G_LOG_DOMAIN "ret-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-timeline-row.h"

#define ROW_HEIGHT 46
#define RULER_HEIGHT 24

struct _RetTimelineRow
{
  GtkWidget    parent_instance;

  /* owned references */
  RetTimeline *timeline;
  char        *selected_code;  /* the transfer to outline; NULL for none */

  gboolean     ruler;
  double       hover_x;     /* < 0 when the pointer is elsewhere */
};

G_DEFINE_FINAL_TYPE (RetTimelineRow, ret_timeline_row, GTK_TYPE_WIDGET)

/* Colours that read on both the light and the dark style. */
static const GdkRGBA night_color      = { 0.16, 0.20, 0.30, 1.0 };
static const GdkRGBA twilight_color   = { 0.42, 0.49, 0.64, 1.0 };
static const GdkRGBA daylight_color   = { 0.99, 0.93, 0.68, 1.0 };
static const GdkRGBA window_fill      = { 0.21, 0.52, 0.89, 0.18 };
static const GdkRGBA window_border    = { 0.11, 0.38, 0.78, 1.0 };
static const GdkRGBA vulnerable_color = { 0.15, 0.60, 0.32, 1.0 };
static const GdkRGBA vulnerable_dark  = { 0.15, 0.60, 0.32, 0.35 };
static const GdkRGBA minors_color     = { 0.57, 0.25, 0.67, 1.0 };
static const GdkRGBA now_color        = { 0.88, 0.11, 0.14, 1.0 };
static const GdkRGBA transfer_color   = { 0.90, 0.38, 0.0, 0.95 };
static const GdkRGBA transfer_edge    = { 0.55, 0.20, 0.0, 1.0 };
static const GdkRGBA transfer_text    = { 1.0, 1.0, 1.0, 1.0 };
static const GdkRGBA hour_grid_color  = { 0.5, 0.5, 0.5, 0.35 };
/* the selected transfer: a ring that stands out from the orange of the
 * blocks, the yellow of daylight and the dark of night alike */
static const GdkRGBA selected_ring    = { 0.11, 0.38, 0.78, 1.0 };
static const GdkRGBA selected_halo    = { 1.0, 1.0, 1.0, 0.9 };

static void
track_bounds (RetTimelineRow *self,
              double         *x0,
              double         *x1)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  *x0 = RET_TIMELINE_ROW_LABEL_WIDTH;
  *x1 = MAX (*x0 + 1, width - RET_TIMELINE_ROW_END_PADDING);
}

static double
x_at (double x0,
      double x1,
      double fraction)
{
  return x0 + (x1 - x0) * CLAMP (fraction, 0.0, 1.0);
}

static void
fill_rect (GtkSnapshot   *snapshot,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         w,
           double         h)
{
  if (w <= 0 || h <= 0)
    return;

  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
get_fg_color (GtkWidget *widget,
              GdkRGBA   *color)
{
  /* GTK 4.8 has no gtk_widget_get_color () yet. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_text (GtkWidget     *widget,
             GtkSnapshot   *snapshot,
             const char    *markup,
             double         x,
             double         y,
             double         max_width,
             gboolean       centred,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int lw, lh;

  pango_layout_set_markup (layout, markup, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &lw, &lh);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (centred ? x - lw / 2.0 : x),
                                                          (float) (y - lh / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_ruler (RetTimelineRow *self,
                GtkSnapshot    *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int height = gtk_widget_get_height (widget);
  double x0, x1;
  GdkRGBA fg, tick;
  g_autofree char *title = NULL;

  track_bounds (self, &x0, &x1);
  get_fg_color (widget, &fg);
  tick = fg;
  tick.alpha *= 0.5;

  /* Each row runs from its own local midnight to the next; on the nights
   * the clocks change that is 23 or 25 hours, and those rows say so. */
  title = g_markup_printf_escaped ("<small>%s</small>", _("Local time"));
  append_text (widget, snapshot, title, 12, height / 2.0, x0 - 20, FALSE, &fg);

  for (int hour = 0; hour <= 24; hour++)
    {
      double x = x_at (x0, x1, hour / 24.0);

      if (hour % 3 == 0)
        {
          g_autofree char *label = g_strdup_printf ("<small>%02d</small>", hour);

          fill_rect (snapshot, &tick, x - 0.5, height - 6, 1, 6);
          append_text (widget, snapshot, label, x, height / 2.0 - 2, -1, TRUE, &fg);
        }
      else
        fill_rect (snapshot, &tick, x - 0.5, height - 3, 1, 3);
    }
}

static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *fill,
                const GdkRGBA *border,
                float          border_width,
                double         x,
                double         y,
                double         w,
                double         h,
                float          radius)
{
  GskRoundedRect rect;
  float widths[4] = { border_width, border_width, border_width, border_width };
  GdkRGBA colors[4];

  if (w <= 0 || h <= 0)
    return;

  radius = MIN (radius, (float) MIN (w, h) / 2.0f);
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), radius);

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, fill, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }

  if (border != NULL && border_width > 0)
    {
      for (guint i = 0; i < 4; i++)
        colors[i] = *border;
      gtk_snapshot_append_border (snapshot, &rect, widths, colors);
    }
}

/* Where a block is drawn; a short block stays visible and clickable. */
static void
block_bounds (double                  x0,
              double                  x1,
              const RetTimelineBlock *block,
              double                 *a,
              double                 *b)
{
  *a = x_at (x0, x1, block->start);
  *b = x_at (x0, x1, block->end);

  if (*b - *a < 8)
    {
      double mid = (*a + *b) / 2;

      *a = mid - 4;
      *b = mid + 4;
    }
}

static void
ret_timeline_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (widget);
  const RetTimeline *tl = self->timeline;
  int height = gtk_widget_get_height (widget);
  double x0, x1, top, bottom;
  GdkRGBA fg;

  if (self->ruler)
    {
      snapshot_ruler (self, snapshot);
      return;
    }
  if (tl == NULL)
    return;

  track_bounds (self, &x0, &x1);
  get_fg_color (widget, &fg);
  top = 3;
  bottom = height - 3;

  /* the label column: code and city, and a warning on the nights the
   * clocks change, when the row's hours no longer match the ruler */
  {
    gint64 hours = (tl->day_end_utc - tl->day_start_utc) / 3600;
    g_autofree char *markup = NULL;

    if (hours != 24)
      {
        g_autofree char *badge = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d-hour day",
                                                               "%d-hour day", (int) hours),
                                                  (int) hours);

        markup = g_markup_printf_escaped ("<b>%s</b> <small><i>%s</i></small>\n<small>%s</small>",
                                          tl->point_code, badge, tl->city);
      }
    else
      markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", tl->point_code, tl->city);

    append_text (widget, snapshot, markup, 12, height / 2.0, x0 - 20, FALSE, &fg);
  }

  /* the light of the day */
  for (guint i = 0; i < tl->segments->len; i++)
    {
      const RetTimelineSegment *seg = &g_array_index (tl->segments, RetTimelineSegment, i);
      const GdkRGBA *color;
      double a = x_at (x0, x1, seg->start), b = x_at (x0, x1, seg->end);

      switch (seg->light)
        {
        case RET_TIMELINE_DAYLIGHT:
          color = &daylight_color;
          break;
        case RET_TIMELINE_TWILIGHT:
          color = &twilight_color;
          break;
        case RET_TIMELINE_NIGHT:
        default:
          color = &night_color;
          break;
        }
      fill_rect (snapshot, color, a, top, b - a, bottom - top);
    }

  /* every third local hour; on a day the clocks change these are not
   * evenly spaced, and the row shows it */
  for (int hour = 3; hour < 24; hour += 3)
    {
      g_autoptr(GDateTime) dt = g_date_time_new (tl->zone, g_date_get_year (&tl->date),
                                                 g_date_get_month (&tl->date),
                                                 g_date_get_day (&tl->date), hour, 0, 0);
      double x;

      if (dt == NULL)
        continue;
      x = x_at (x0, x1, ret_timeline_fraction (tl, g_date_time_to_unix (dt)));
      fill_rect (snapshot, &hour_grid_color, x - 0.5, top, 1, bottom - top);
    }

  /* the agreed window, outlined, and the vulnerable window inside it */
  if (tl->window.open)
    {
      double a = x_at (x0, x1, tl->window.start), b = x_at (x0, x1, tl->window.end);

      append_rounded (snapshot, &window_fill, &window_border, 2, a, top + 5, b - a, bottom - top - 10, 4);
    }
  /* the vulnerable window pale where the sun is down, solid where a
   * handover is really allowed */
  if (tl->vulnerable.open)
    {
      double a = x_at (x0, x1, tl->vulnerable.start), b = x_at (x0, x1, tl->vulnerable.end);
      double band_top = height / 2.0 - 5;

      append_rounded (snapshot, &vulnerable_dark, &vulnerable_color, 1, a, band_top, b - a, 10, 2);
      if (tl->vulnerable_daylight.open)
        {
          a = x_at (x0, x1, tl->vulnerable_daylight.start);
          b = x_at (x0, x1, tl->vulnerable_daylight.end);
          append_rounded (snapshot, &vulnerable_color, NULL, 0, a, band_top, b - a, 10, 2);
        }
    }

  /* transfers */
  for (guint i = 0; i < tl->blocks->len; i++)
    {
      const RetTimelineBlock *block = g_ptr_array_index (tl->blocks, i);
      double a, b;

      block_bounds (x0, x1, block, &a, &b);
      if (self->selected_code != NULL && g_strcmp0 (block->code, self->selected_code) == 0)
        {
          append_rounded (snapshot, NULL, &selected_halo, 2, a - 5, top + 1, b - a + 10, bottom - top - 2, 8);
          append_rounded (snapshot, NULL, &selected_ring, 3, a - 3, top + 3, b - a + 6, bottom - top - 6, 7);
        }

      append_rounded (snapshot, &transfer_color, &transfer_edge, 1, a, top + 8, b - a, bottom - top - 16, 5);
      if (block->handover >= 0)
        {
          double h = x_at (x0, x1, block->handover);
          fill_rect (snapshot, &transfer_edge, h - 1.5, top + 6, 3, bottom - top - 12);
        }
      if (b - a > 40)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<small><b>%s</b></small>", block->label);

          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (a, top, b - a, bottom - top));
          append_text (widget, snapshot, markup, a + 5, height / 2.0, b - a - 8, FALSE, &transfer_text);
          gtk_snapshot_pop (snapshot);
        }
    }

  /* the minors cut-off */
  if (tl->has_minors_cutoff)
    {
      double x = x_at (x0, x1, tl->minors_cutoff);

      fill_rect (snapshot, &minors_color, x - 1.5, top, 3, bottom - top);
      fill_rect (snapshot, &minors_color, x - 5, top, 10, 3);
      fill_rect (snapshot, &minors_color, x - 5, bottom - 3, 10, 3);
    }

  /* now */
  if (tl->has_now)
    {
      double x = x_at (x0, x1, tl->now);

      fill_rect (snapshot, &now_color, x - 1, 0, 2, height);
    }

  /* where the pointer is, for the tooltip's time */
  if (self->hover_x >= x0 && self->hover_x <= x1)
    {
      GdkRGBA hover = fg;

      hover.alpha *= 0.6;
      fill_rect (snapshot, &hover, self->hover_x - 0.5, top, 1, bottom - top);
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA focus = { 0.21, 0.52, 0.89, 1.0 };

      append_rounded (snapshot, NULL, &focus, 2, x0 - 3, 1, x1 - x0 + 6, height - 2, 4);
    }
}

static void
ret_timeline_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = RET_TIMELINE_ROW_LABEL_WIDTH + RET_TIMELINE_ROW_END_PADDING + 24 * 12;
      *natural = RET_TIMELINE_ROW_LABEL_WIDTH + RET_TIMELINE_ROW_END_PADDING + 24 * 40;
    }
  else
    {
      *minimum = *natural = self->ruler ? RULER_HEIGHT : ROW_HEIGHT;
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (widget);
  g_autofree char *text = NULL;
  double x0, x1, fraction = -1;

  if (self->timeline == NULL)
    return FALSE;

  track_bounds (self, &x0, &x1);
  if (!keyboard_mode && x >= x0 && x <= x1)
    fraction = (x - x0) / (x1 - x0);

  text = ret_timeline_describe_at (self->timeline, fraction);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RetTimelineRow           *self)
{
  self->hover_x = x;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          RetTimelineRow           *self)
{
  self->hover_x = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_changed_cb (RetTimelineRow *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RetTimelineRow  *self)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             RetTimelineRow  *self)
{
  const char *code = ret_timeline_row_get_transfer_at (self, x);

  if (n_press == 1 && code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-transfer", "s", code);
}

static void
ret_timeline_row_dispose (GObject *object)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (object);

  g_clear_pointer (&self->timeline, ret_timeline_free);
  g_clear_pointer (&self->selected_code, g_free);

  G_OBJECT_CLASS (ret_timeline_row_parent_class)->dispose (object);
}

static void
ret_timeline_row_class_init (RetTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_timeline_row_dispose;
  widget_class->snapshot = ret_timeline_row_snapshot;
  widget_class->measure = ret_timeline_row_measure;

  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ret_timeline_row_init (RetTimelineRow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover_x = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ret_timeline_row_new (void)
{
  GtkWidget *row = g_object_new (RET_TYPE_TIMELINE_ROW, NULL);

  gtk_widget_set_focusable (row, TRUE);
  return row;
}

/* The hours 00–24 above the rows, aligned with them. */
GtkWidget *
ret_timeline_row_new_ruler (void)
{
  RetTimelineRow *self = g_object_new (RET_TYPE_TIMELINE_ROW, NULL);

  self->ruler = TRUE;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return GTK_WIDGET (self);
}

/**
 * ret_timeline_row_set_timeline:
 * @timeline: (transfer full) (nullable): what to draw
 */
void
ret_timeline_row_set_timeline (RetTimelineRow *self,
                               RetTimeline    *timeline)
{
  g_return_if_fail (RET_IS_TIMELINE_ROW (self));

  g_clear_pointer (&self->timeline, ret_timeline_free);
  self->timeline = timeline;

  if (timeline != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, timeline->description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const RetTimeline *
ret_timeline_row_get_timeline (RetTimelineRow *self)
{
  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), NULL);

  return self->timeline;
}

void
ret_timeline_row_set_now (RetTimelineRow *self,
                          gint64          now_utc)
{
  g_return_if_fail (RET_IS_TIMELINE_ROW (self));

  if (self->timeline == NULL)
    return;

  ret_timeline_set_now (self->timeline, now_utc);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ret_timeline_row_set_selected_transfer:
 * @code: (nullable): the transfer to outline, wherever it is; %NULL for
 *   none
 */
void
ret_timeline_row_set_selected_transfer (RetTimelineRow *self,
                                        const char     *code)
{
  g_return_if_fail (RET_IS_TIMELINE_ROW (self));

  if (g_strcmp0 (self->selected_code, code) == 0)
    return;

  g_free (self->selected_code);
  self->selected_code = g_strdup (code);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ret_timeline_row_get_selected_transfer (RetTimelineRow *self)
{
  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), NULL);

  return self->selected_code;
}

/* Whether the row shows a block of the transfer @code. */
gboolean
ret_timeline_row_has_transfer (RetTimelineRow *self,
                               const char     *code)
{
  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), FALSE);

  if (self->timeline == NULL || code == NULL)
    return FALSE;

  for (guint i = 0; i < self->timeline->blocks->len; i++)
    {
      const RetTimelineBlock *block = g_ptr_array_index (self->timeline->blocks, i);

      if (g_strcmp0 (block->code, code) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The code of the transfer whose block is drawn at @x, or %NULL; the
 * last drawn (topmost) wins where blocks overlap. */
const char *
ret_timeline_row_get_transfer_at (RetTimelineRow *self,
                                  double          x)
{
  double x0, x1;

  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), NULL);

  if (self->timeline == NULL || self->ruler)
    return NULL;

  track_bounds (self, &x0, &x1);
  for (guint i = self->timeline->blocks->len; i > 0; i--)
    {
      const RetTimelineBlock *block = g_ptr_array_index (self->timeline->blocks, i - 1);
      double a, b;

      block_bounds (x0, x1, block, &a, &b);
      if (x >= a && x <= b)
        return block->code;
    }

  return NULL;
}
