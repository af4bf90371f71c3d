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
 *
 * Each block is also where a person dragged from a transfer's manifest
 * can be dropped: while the drag hovers a block, the row tries the move
 * on the day's check data (loaded once per drag and kept on the drop)
 * and says what it would break; a harmless drop moves at once, one that
 * breaks a hard rule asks first.  Pinned transfers carry a pin.
 */

#define G_LOG_DOMAIN "ret-timeline-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-plan-edit.h"
#include "ret-plan-view.h"
#include "ret-store-schedule.h"
#include "ret-timeline-row.h"

#define ROW_HEIGHT 46
#define RULER_HEIGHT 24

/* What a drop on the block under the pointer would do */
typedef enum
{
  DROP_NONE,      /* not over a block another transfer's person can go to */
  DROP_OK,        /* moves, and breaks nothing new */
  DROP_BLOCKED,   /* moves after a confirmation: breaks a hard rule */
  DROP_REFUSED,   /* cannot move there: another facility or day, or not editable */
} DropState;

struct _RetTimelineRow
{
  GtkWidget    parent_instance;

  /* owned references */
  RetTimeline *timeline;
  char        *selected_code;  /* the transfer to outline; NULL for none */

  gboolean     ruler;
  double       hover_x;     /* < 0 when the pointer is elsewhere */

  /* the store; set, or found on the Plan page the row is in */
  RetStore    *store;
  gulong       store_changed_id;
  GHashTable  *pinned;      /* codes of the pinned transfers shown */
  guint        pinned_id;   /* idle that reads them again */

  /* the drag over the row: the block under it and what dropping there
   * would do */
  GtkDropTarget *drop_target;
  char          *drop_code;
  DropState      drop_state;
  char          *drop_message;
  double         drop_x;
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
/* the block under a drag: green where the move is harmless, red where it
 * breaks a rule or cannot be made */
static const GdkRGBA drop_ok_color    = { 0.15, 0.60, 0.32, 1.0 };
static const GdkRGBA drop_bad_color   = { 0.80, 0.11, 0.14, 1.0 };
static const GdkRGBA drop_label_bg    = { 1.0, 1.0, 1.0, 0.95 };
static const GdkRGBA pin_color        = { 1.0, 1.0, 1.0, 1.0 };

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

#define PIN_SIZE 12

/* A pin on a pinned transfer's block: white inside the block, in the
 * text colour above a block too short to hold it. */
static void
snapshot_pin (GtkWidget   *widget,
              GtkSnapshot *snapshot,
              double       x,
              double       y,
              gboolean     inside)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA color = pin_color;

  icon = gtk_icon_theme_lookup_icon (theme, "view-pin-symbolic", NULL, PIN_SIZE,
                                     gtk_widget_get_scale_factor (widget), GTK_TEXT_DIR_NONE, 0);
  if (!inside)
    {
      get_fg_color (widget, &color);
      y = 0;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, PIN_SIZE, PIN_SIZE,
                                            &color, 1);
  gtk_snapshot_restore (snapshot);
}

/* The message of a drag over a block, on a pale label beside it (to its
 * right, or to its left when the row ends there): tooltips are not
 * shown while dragging. */
static void
snapshot_drop_message (RetTimelineRow *self,
                       GtkSnapshot    *snapshot,
                       double          x0,
                       double          x1,
                       double          top,
                       double          bottom)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autofree char *markup = g_markup_printf_escaped ("<small><b>%s</b></small>", self->drop_message);
  const GdkRGBA *color = self->drop_state == DROP_OK ? &drop_ok_color : &drop_bad_color;
  double a = self->drop_x, b = self->drop_x, x;
  int lw, lh;

  for (guint i = 0; self->timeline != NULL && i < self->timeline->blocks->len; i++)
    {
      const RetTimelineBlock *block = g_ptr_array_index (self->timeline->blocks, i);

      if (g_strcmp0 (block->code, self->drop_code) == 0)
        block_bounds (x0, x1, block, &a, &b);
    }

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, (int) ((x1 - x0) * 0.6 * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &lw, &lh);

  x = b + 10;
  if (x + lw + 12 > x1)
    x = MAX (x0, a - 10 - lw - 12);

  append_rounded (snapshot, &drop_label_bg, color, 1.5, x, (top + bottom - lh) / 2 - 3, lw + 12, lh + 6, 4);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (x + 6), (float) ((top + bottom - lh) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
ret_timeline_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (widget);
  const RetTimeline *tl = self->timeline;
  int height = gtk_widget_get_height (widget);
  double x0, x1, top, bottom;
  gboolean pinned;
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

      if (self->drop_code != NULL && self->drop_state != DROP_NONE &&
          g_strcmp0 (block->code, self->drop_code) == 0)
        append_rounded (snapshot, NULL, self->drop_state == DROP_OK ? &drop_ok_color : &drop_bad_color,
                        3, a - 4, top + 2, b - a + 8, bottom - top - 4, 7);

      append_rounded (snapshot, &transfer_color, &transfer_edge, 1, a, top + 8, b - a, bottom - top - 16, 5);
      if (block->handover >= 0)
        {
          double h = x_at (x0, x1, block->handover);
          fill_rect (snapshot, &transfer_edge, h - 1.5, top + 6, 3, bottom - top - 12);
        }
      pinned = self->pinned != NULL && g_hash_table_contains (self->pinned, block->code);
      if (b - a > 40)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<small><b>%s</b></small>", block->label);

          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (a, top, b - a, bottom - top));
          append_text (widget, snapshot, markup, a + 5, height / 2.0, b - a - 8 - (pinned ? PIN_SIZE : 0),
                       FALSE, &transfer_text);
          gtk_snapshot_pop (snapshot);
        }
      if (pinned)
        snapshot_pin (widget, snapshot, b - a > PIN_SIZE + 4 ? b - PIN_SIZE - 3 : (a + b - PIN_SIZE) / 2,
                      height / 2.0 - PIN_SIZE / 2.0, b - a > PIN_SIZE + 4);
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

  /* what dropping the dragged person here would do */
  if (self->drop_message != NULL && self->drop_state != DROP_NONE)
    snapshot_drop_message (self, snapshot, x0, x1, top, bottom);

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

/* -------------------------------------------------------------------- */
/* the store, and the pins                                               */

static void store_changed_cb (RetStore       *store,
                              const char     *entity,
                              RetTimelineRow *self);

static void
replace_store (RetTimelineRow *self,
               RetStore       *store)
{
  ret_app_replace_store (&self->store, &self->store_changed_id, store,
                         G_CALLBACK (store_changed_cb), self);
}

/* The store set on the row, or else the one of the Plan page it is in. */
static RetStore *
get_store (RetTimelineRow *self)
{
  if (self->store == NULL)
    {
      GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), RET_TYPE_PLAN_VIEW);
      RetStore *store = view != NULL ? ret_plan_view_get_store (RET_PLAN_VIEW (view)) : NULL;

      if (store != NULL)
        replace_store (self, store);
    }

  return self->store;
}

static gboolean
pinned_idle_cb (gpointer user_data)
{
  RetTimelineRow *self = user_data;
  RetStore *store;

  self->pinned_id = 0;
  g_hash_table_remove_all (self->pinned);

  store = get_store (self);
  for (guint i = 0; store != NULL && self->timeline != NULL && i < self->timeline->blocks->len; i++)
    {
      const RetTimelineBlock *block = g_ptr_array_index (self->timeline->blocks, i);
      gboolean pinned = FALSE;

      if (ret_store_get_transfer_pinned (store, block->code, &pinned, NULL) && pinned)
        g_hash_table_add (self->pinned, g_strdup (block->code));
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Read after the row is in the page (a row is given its timeline before
 * it is placed, when the page's store cannot be found yet), and before
 * the next frame, so that a pin shows as soon as it is stored. */
static void
queue_pinned_refresh (RetTimelineRow *self)
{
  if (!self->ruler && self->pinned_id == 0)
    self->pinned_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, pinned_idle_cb, self, NULL);
}

static void
store_changed_cb (RetStore       *store,
                  const char     *entity,
                  RetTimelineRow *self)
{
  queue_pinned_refresh (self);
}

/* -------------------------------------------------------------------- */
/* a person dragged over the row                                         */

#define MOVE_PREVIEW_KEY "ret-move-preview"

/* What one drag needs, loaded once and kept on the drop: every row the
 * drag crosses shares it. */
typedef struct
{
  RetStore       *store;
  GDate           date;
  char           *from_code;
  gint64          person_id;
  RetCheckData   *data;       /* NULL when the day cannot be read */
  RetCheckResult *result;
  GPtrArray      *targets;    /* codes where the person may go */
  GHashTable     *previews;   /* code → GPtrArray of RetViolation */
} MovePreview;

static void
move_preview_free (MovePreview *preview)
{
  g_clear_object (&preview->store);
  g_free (preview->from_code);
  g_clear_pointer (&preview->result, ret_check_result_free);
  g_clear_pointer (&preview->data, ret_check_data_free);
  g_clear_pointer (&preview->targets, g_ptr_array_unref);
  g_clear_pointer (&preview->previews, g_hash_table_unref);
  g_free (preview);
}

/* @drag: what the preview is kept on (the drop) */
static MovePreview *
move_preview_get (RetTimelineRow *self,
                  GObject        *drag,
                  const char     *text)
{
  g_autofree char *from_code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) drafts = NULL;
  RetStore *store = get_store (self);
  MovePreview *preview;
  gint64 person_id;

  if (store == NULL || self->timeline == NULL || !ret_plan_drag_parse (text, &from_code, &person_id))
    return NULL;

  preview = g_object_get_data (drag, MOVE_PREVIEW_KEY);
  if (preview != NULL && preview->store == store && preview->person_id == person_id &&
      g_strcmp0 (preview->from_code, from_code) == 0 && g_date_compare (&preview->date, &self->timeline->date) == 0)
    return preview;

  preview = g_new0 (MovePreview, 1);
  preview->store = g_object_ref (store);
  preview->date = self->timeline->date;
  preview->from_code = g_steal_pointer (&from_code);
  preview->person_id = person_id;
  preview->previews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  preview->data = ret_store_load_check_data (store, &preview->date, 1, 0, &error);
  if (preview->data != NULL)
    {
      preview->result = ret_check_run (preview->data);
      drafts = ret_app_list_draft_plans (store);
      preview->targets = ret_plan_list_move_targets (preview->data, preview->from_code,
                                                     (const gint64 *) (gpointer) drafts->data, drafts->len);
    }
  else
    g_warning ("Cannot check a move: %s", error->message);

  g_object_set_data_full (drag, MOVE_PREVIEW_KEY, preview, (GDestroyNotify) move_preview_free);
  return preview;
}

static gboolean
move_preview_is_target (MovePreview *preview,
                        const char  *code)
{
  for (guint i = 0; preview->targets != NULL && i < preview->targets->len; i++)
    if (g_strcmp0 (g_ptr_array_index (preview->targets, i), code) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
move_preview_problems (MovePreview *preview,
                       const char  *code)
{
  GPtrArray *problems = g_hash_table_lookup (preview->previews, code);

  if (problems == NULL)
    {
      problems = ret_plan_preview_move (preview->data, preview->result, preview->from_code, code,
                                        &preview->person_id, 1);
      if (problems == NULL)
        problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);
      g_hash_table_insert (preview->previews, g_strdup (code), problems);
    }

  return problems;
}

static void
set_drop_state (RetTimelineRow *self,
                const char     *code,
                DropState       state,
                const char     *message,
                double          x)
{
  self->drop_x = x;
  if (self->drop_state == state && g_strcmp0 (self->drop_code, code) == 0 &&
      g_strcmp0 (self->drop_message, message) == 0)
    return;

  self->drop_state = state;
  g_free (self->drop_code);
  self->drop_code = g_strdup (code);
  g_free (self->drop_message);
  self->drop_message = g_strdup (message);

  if (state == DROP_OK)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-ok");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-ok");
  if (state == DROP_BLOCKED || state == DROP_REFUSED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-blocked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-blocked");

  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What dropping @text at @x would do, shown on the row; the preview it
 * was worked out from in *@out_preview. */
static DropState
evaluate_drop (RetTimelineRow  *self,
               GObject         *drag,
               const char      *text,
               double           x,
               MovePreview    **out_preview)
{
  const char *code = ret_timeline_row_get_transfer_at (self, x);
  g_autofree char *message = NULL;
  MovePreview *preview = NULL;
  DropState state;

  if (out_preview != NULL)
    *out_preview = NULL;

  if (drag != NULL && text != NULL && code != NULL)
    preview = move_preview_get (self, drag, text);

  if (preview == NULL || g_strcmp0 (code, preview->from_code) == 0)
    {
      set_drop_state (self, NULL, DROP_NONE, NULL, x);
      return DROP_NONE;
    }

  if (preview->data == NULL)
    {
      state = DROP_REFUSED;
      message = g_strdup (_("The move cannot be checked"));
    }
  else if (!move_preview_is_target (preview, code))
    {
      state = DROP_REFUSED;
      /* the "Move to…" menu of the transfer's window says where to */
      message = g_strdup (_("Cannot move here"));
    }
  else
    {
      GPtrArray *problems = move_preview_problems (preview, code);

      state = problems->len == 0 ? DROP_OK : DROP_BLOCKED;
      message = ret_plan_describe_preview (problems);
    }

  set_drop_state (self, code, state, message, x);
  if (out_preview != NULL)
    *out_preview = preview;

  return state;
}

static const char *
drop_text (const GValue *value)
{
  return value != NULL && G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget  *target,
                double          x,
                double          y,
                RetTimelineRow *self)
{
  DropState state = evaluate_drop (self, G_OBJECT (gtk_drop_target_get_current_drop (target)),
                                   drop_text (gtk_drop_target_get_value (target)), x, NULL);

  return state == DROP_OK || state == DROP_BLOCKED ? GDK_ACTION_MOVE : 0;
}

/* The text arrives a moment after the drag enters */
static void
drop_value_cb (GtkDropTarget  *target,
               GParamSpec     *pspec,
               RetTimelineRow *self)
{
  if (gtk_drop_target_get_current_drop (target) != NULL)
    evaluate_drop (self, G_OBJECT (gtk_drop_target_get_current_drop (target)),
                   drop_text (gtk_drop_target_get_value (target)), self->drop_x, NULL);
}

static void
drop_leave_cb (GtkDropTarget  *target,
               RetTimelineRow *self)
{
  set_drop_state (self, NULL, DROP_NONE, NULL, -1);
}

typedef struct
{
  RetTimelineRow *self;
  RetStore       *store;
  char           *from_code;
  char           *to_code;
  GArray         *ids;
} PendingMove;

static void
pending_move_free (PendingMove *move)
{
  g_object_unref (move->self);
  g_object_unref (move->store);
  g_free (move->from_code);
  g_free (move->to_code);
  g_array_unref (move->ids);
  g_free (move);
}

static void
pending_move_run (PendingMove *move)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ret_app_dup_actor (GTK_WIDGET (move->self));

  if (!ret_store_move_persons (move->store, move->from_code, move->to_code,
                               (const gint64 *) (gpointer) move->ids->data, move->ids->len, actor, &error))
    {
      GtkWindow *window = ret_app_get_window (GTK_WIDGET (move->self));
      GtkWidget *dialog = adw_message_dialog_new (window, _("The Move Failed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
confirm_move_responded_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           PendingMove      *move)
{
  if (g_strcmp0 (response, "move") == 0)
    pending_move_run (move);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         RetTimelineRow *self)
{
  MovePreview *preview = NULL;
  g_autofree char *message = NULL;
  DropState state;
  PendingMove *move;

  state = evaluate_drop (self, G_OBJECT (gtk_drop_target_get_current_drop (target)), drop_text (value), x,
                         &preview);
  message = g_strdup (self->drop_message);
  set_drop_state (self, NULL, DROP_NONE, NULL, -1);
  if ((state != DROP_OK && state != DROP_BLOCKED) || preview == NULL)
    return FALSE;

  move = g_new0 (PendingMove, 1);
  move->self = g_object_ref (self);
  move->store = g_object_ref (preview->store);
  move->from_code = g_strdup (preview->from_code);
  move->to_code = g_strdup (ret_timeline_row_get_transfer_at (self, x));
  /* the family moves with the person, as the preview showed */
  move->ids = ret_plan_family_on_transfer (preview->data, preview->from_code, preview->person_id);
  if (move->ids->len == 0)
    g_array_append_val (move->ids, preview->person_id);

  if (state == DROP_OK)
    {
      pending_move_run (move);
      pending_move_free (move);
    }
  else
    {
      GtkWidget *dialog = ret_app_new_breaking_move_dialog (ret_app_get_window (GTK_WIDGET (self)),
                                                            message);

      g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_move_responded_cb), move,
                             (GClosureNotify) (void (*) (void)) pending_move_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  return TRUE;
}

static void
ret_timeline_row_dispose (GObject *object)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (object);

  g_clear_pointer (&self->timeline, ret_timeline_free);
  g_clear_pointer (&self->selected_code, g_free);
  g_clear_handle_id (&self->pinned_id, g_source_remove);
  replace_store (self, NULL);
  g_clear_pointer (&self->drop_code, g_free);
  g_clear_pointer (&self->drop_message, g_free);

  G_OBJECT_CLASS (ret_timeline_row_parent_class)->dispose (object);
}

static void
ret_timeline_row_finalize (GObject *object)
{
  RetTimelineRow *self = RET_TIMELINE_ROW (object);

  g_hash_table_unref (self->pinned);

  G_OBJECT_CLASS (ret_timeline_row_parent_class)->finalize (object);
}

static void
ret_timeline_row_class_init (RetTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_timeline_row_dispose;
  object_class->finalize = ret_timeline_row_finalize;
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
  self->drop_x = -1;
  self->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
  RetTimelineRow *self = g_object_new (RET_TYPE_TIMELINE_ROW, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  /* a person dragged from a transfer's manifest; the ruler takes none */
  self->drop_target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (self->drop_target, TRUE);
  g_signal_connect (self->drop_target, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (self->drop_target, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (self->drop_target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (self->drop_target, "notify::value", G_CALLBACK (drop_value_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));

  return GTK_WIDGET (self);
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

  queue_pinned_refresh (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ret_timeline_row_set_store:
 * @store: (nullable): where the row reads its pins and moves persons
 *   dropped on it
 *
 * Without one, the row uses the store of the Plan page it is in.
 */
void
ret_timeline_row_set_store (RetTimelineRow *self,
                            RetStore       *store)
{
  g_return_if_fail (RET_IS_TIMELINE_ROW (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  replace_store (self, store);
  queue_pinned_refresh (self);
}

/**
 * ret_timeline_row_preview_drop:
 * @drag: (nullable): what keeps the day's check for one drag (the
 *   drop, while dragging)
 * @text: (nullable): a dragged person, ret_plan_drag_format()
 *
 * Shows what dropping @text at @x would do, as while a drag hovers the
 * row: a ring on the block and the "drop-ok" or "drop-blocked" style
 * class on the row.  @text %NULL clears it.
 *
 * Returns: (nullable): the message shown ("No new problem", "Would
 *   break: …", "Cannot move here"); %NULL over no block the person can
 *   be moved to
 */
const char *
ret_timeline_row_preview_drop (RetTimelineRow *self,
                               GObject        *drag,
                               const char     *text,
                               double          x)
{
  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), NULL);
  g_return_val_if_fail (drag == NULL || G_IS_OBJECT (drag), NULL);

  evaluate_drop (self, drag, text, x, NULL);
  return self->drop_message;
}

/* Whether the block of @code carries a pin, as last read. */
gboolean
ret_timeline_row_is_transfer_pinned (RetTimelineRow *self,
                                     const char     *code)
{
  g_return_val_if_fail (RET_IS_TIMELINE_ROW (self), FALSE);

  return code != NULL && g_hash_table_contains (self->pinned, code);
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
