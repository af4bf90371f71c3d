/* ret-transfer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Plan page's day as a list to read down: every transfer handed
 * over on the chosen date, under its point (in the timeline's order),
 * by handover in the point's own local time, with where it comes from,
 * its vehicle, how full it is, how far along its documents are and
 * whether it is pinned.  Points with nothing that day are named once,
 * under the list, rather than given a header each.
 *
 * The rows are a GtkListBox so that Up, Down and Enter work as in any
 * list; activating a row does what a click on a timeline block does,
 * "win.show-transfer" with its code.  The page hands in the transfers
 * it has already read for the timeline: the list does not read them
 * again.
 */

#define G_LOG_DOMAIN "ret-transfer-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-store-schedule.h"
#include "ret-timeline.h"
#include "ret-transfer-list.h"

#define CODE_KEY  "ret-transfer-code"
#define GROUP_KEY "ret-transfer-group"

/* The cells of a row, lined up with the column titles above the list. */
typedef enum
{
  COLUMN_TIME,
  COLUMN_CODE,
  COLUMN_FACILITY,
  COLUMN_VEHICLE,
  COLUMN_PERSONS,
  COLUMN_STATUS,
  N_COLUMNS
} Column;

struct _RetTransferList
{
  AdwBin             parent_instance;

  /* template widgets */
  GtkBox            *columns_box;
  AdwStatusPage     *empty_page;
  GtkLabel          *idle_label;
  GtkListBox        *list_box;
  GtkScrolledWindow *scrolled_window;
  GtkStack          *stack;

  /* owned references */
  RetStore          *store;
  GPtrArray         *points;      /* RetPoint, as the page read them */
  GPtrArray         *transfers;   /* RetTransfer, as the page read them */
  GPtrArray         *groups;      /* RetTransferGroup, borrowing from both */
  GtkSizeGroup      *columns[N_COLUMNS];
  char              *selected_code;
  guint              scroll_id;

  GDate              date;
  gboolean           selecting;   /* the selection is set from outside */
};

G_DEFINE_FINAL_TYPE (RetTransferList, ret_transfer_list, ADW_TYPE_BIN)

enum
{
  TRANSFER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Display decisions                                                  */

void
ret_transfer_group_free (RetTransferGroup *group)
{
  if (group == NULL)
    return;

  g_clear_pointer (&group->transfers, g_ptr_array_unref);
  g_free (group);
}

static int
compare_handover (gconstpointer a,
                  gconstpointer b)
{
  const RetTransfer *x = *(RetTransfer * const *) a;
  const RetTransfer *y = *(RetTransfer * const *) b;

  if (x->handover_at != y->handover_at)
    return x->handover_at < y->handover_at ? -1 : 1;

  return g_strcmp0 (x->code, y->code);
}

/**
 * ret_transfer_list_group:
 * @points: (element-type RetPoint): the points, in the timeline's order
 * @transfers: (element-type RetTransfer) (nullable): at least those of
 *   the day, wherever they are handed over
 * @date: the day, a date at each point's own clock
 *
 * Groups the day's transfers by point.  A transfer belongs to the day
 * when its handover falls between the point's local midnights, as on
 * the timeline, whatever the zone of the facility it leaves.  A point
 * whose zone is unknown is left out, as the timeline leaves it out.
 *
 * Returns: (transfer full) (element-type RetTransferGroup): one group
 *   per point, empty ones included, borrowing from @points and
 *   @transfers
 */
GPtrArray *
ret_transfer_list_group (GPtrArray   *points,
                         GPtrArray   *transfers,
                         const GDate *date)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_transfer_group_free);

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const RetPoint *point = g_ptr_array_index (points, i);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (point->timezone);
      RetTransferGroup *group;
      gint64 start, end;

      if (zone == NULL || !ret_timeline_day_bounds (zone, date, &start, &end))
        continue;

      group = g_new0 (RetTransferGroup, 1);
      group->point = point;
      group->transfers = g_ptr_array_new ();

      for (guint k = 0; transfers != NULL && k < transfers->len; k++)
        {
          RetTransfer *transfer = g_ptr_array_index (transfers, k);

          if (g_strcmp0 (transfer->point, point->code) != 0 ||
              transfer->handover_at < start || transfer->handover_at >= end ||
              g_strcmp0 (transfer->status, ret_transfer_status_to_string (RET_TRANSFER_CANCELLED)) == 0)
            continue;

          g_ptr_array_add (group->transfers, transfer);
          group->n_persons += (guint) MAX (transfer->n_persons, 0);
        }
      g_ptr_array_sort (group->transfers, compare_handover);
      g_ptr_array_add (groups, group);
    }

  return g_steal_pointer (&groups);
}

/* "3 transfers · 112 of 700 persons": against the point's daily
 * capacity, which is what a coordinator weighs a day's load with. */
char *
ret_transfer_list_format_counts (guint n_transfers,
                                 guint n_persons,
                                 int   capacity)
{
  g_autofree char *transfers_text = NULL;
  g_autofree char *persons_text = NULL;

  if (n_transfers == 0)
    transfers_text = g_strdup (_("No transfers"));
  else
    transfers_text = g_strdup_printf (ngettext ("%u transfer", "%u transfers", n_transfers), n_transfers);

  if (capacity > 0)
    /* Translators: persons handed over at a point in a day, of its
     * daily capacity, e.g. "112 of 700 persons" */
    persons_text = g_strdup_printf (ngettext ("%u of %d person", "%u of %d persons", (gulong) capacity),
                                    n_persons, capacity);
  else
    persons_text = g_strdup_printf (ngettext ("%u person", "%u persons", n_persons), n_persons);

  /* Translators: a point's header in the list of transfers, its transfers
   * then its persons: "3 transfers · 112 of 700 persons" */
  return g_strdup_printf (_("%s · %s"), transfers_text, persons_text);
}

/* "Nogales · 3 transfers · 112 of 700 persons" */
char *
ret_transfer_list_format_header (const RetTransferGroup *group)
{
  g_autofree char *counts = NULL;

  g_return_val_if_fail (group != NULL && group->point != NULL, NULL);

  counts = ret_transfer_list_format_counts (group->transfers->len, group->n_persons,
                                            group->point->daily_capacity);

  /* Translators: a point's header in the list of transfers: the point,
   * then its counts, e.g. "Nogales · 3 transfers · 112 of 700 persons" */
  return g_strdup_printf (_("%s · %s"), group->point->city, counts);
}

/* The time at the point's clock, as the timeline shows it. */
char *
ret_transfer_list_format_time (const RetPoint *point,
                               gint64          utc)
{
  g_autoptr(GTimeZone) zone = ret_app_point_zone (point);

  return ret_app_format_local_time (zone, utc, "%H:%M");
}

const char *
ret_transfer_list_status_title (const char *status)
{
  RetTransferStatus value;

  if (!ret_transfer_status_from_string (status, &value))
    return status != NULL ? status : "";

  return ret_transfer_status_label (value);
}

/* The whole row in words, for screen readers, which have no columns to
 * read the cells under. */
char *
ret_transfer_list_describe (const RetPoint    *point,
                            const RetTransfer *transfer,
                            const char        *facility_name,
                            gboolean           pinned)
{
  g_autofree char *time = NULL;
  g_autofree char *persons = NULL;
  g_autofree char *load = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (point != NULL && transfer != NULL, NULL);

  time = ret_transfer_list_format_time (point, transfer->handover_at);
  persons = g_strdup_printf (ngettext ("%d person", "%d persons", (gulong) MAX (transfer->n_persons, 0)),
                             transfer->n_persons);
  /* Translators: persons on a transfer's manifest, then its seats:
   * "42 persons on 45 seats" */
  load = g_strdup_printf (ngettext ("%s on %d seat", "%s on %d seats", (gulong) MAX (transfer->seats, 0)),
                          persons, transfer->seats);

  /* Translators: a transfer in the list, read aloud: point, handover time
   * at the point, code, facility, vehicle, load and status, e.g.
   * "Nogales, handover at 14:30, T-20261203-NOG-01, from Tucson Sector,
   * Bus, 42 persons on 45 seats, Planned" */
  text = g_strdup_printf (_("%s, handover at %s, %s, from %s, %s, %s, %s"),
                          point->city, time, transfer->code,
                          facility_name != NULL ? facility_name : transfer->facility,
                          ret_transfer_mode_label (transfer->mode), load,
                          ret_transfer_list_status_title (transfer->status));
  if (!pinned)
    return g_steal_pointer (&text);

  /* Translators: a pinned transfer read aloud: the text above, then that
   * a new plan keeps it as it is */
  return g_strdup_printf (_("%s, pinned"), text);
}

/* ------------------------------------------------------------------ */
/* Rows                                                               */

static GtkWidget *
add_cell (RetTransferList *self,
          GtkWidget       *box,
          Column           column,
          const char      *text,
          float            xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_size_group_add_widget (self->columns[column], label);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static GtkWidget *
create_row (RetTransferList        *self,
            const RetTransferGroup *group,
            const RetTransfer      *transfer,
            GHashTable             *facility_names)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *cell;
  const char *facility_name = g_hash_table_lookup (facility_names, transfer->facility);
  g_autofree char *time = ret_transfer_list_format_time (group->point, transfer->handover_at);
  g_autofree char *load = g_strdup_printf ("%d/%d", transfer->n_persons, transfer->seats);
  g_autofree char *description = NULL;
  gboolean pinned = FALSE;

  if (self->store != NULL && !ret_store_get_transfer_pinned (self->store, transfer->code, &pinned, NULL))
    pinned = FALSE;

  cell = add_cell (self, box, COLUMN_TIME, time, 0.0f);
  gtk_widget_add_css_class (cell, "numeric");
  gtk_widget_add_css_class (cell, "heading");

  add_cell (self, box, COLUMN_CODE, transfer->code, 0.0f);

  cell = add_cell (self, box, COLUMN_FACILITY, facility_name != NULL ? facility_name : transfer->facility, 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (cell), 36);
  gtk_widget_set_tooltip_text (cell, transfer->facility);

  add_cell (self, box, COLUMN_VEHICLE, ret_transfer_mode_label (transfer->mode), 0.0f);

  cell = add_cell (self, box, COLUMN_PERSONS, load, 1.0f);
  gtk_widget_add_css_class (cell, "numeric");
  /* more persons than seats is what the eye must catch */
  if (transfer->n_persons > transfer->seats)
    gtk_widget_add_css_class (cell, "error");

  add_cell (self, box, COLUMN_STATUS, ret_transfer_list_status_title (transfer->status), 0.0f);

  if (pinned)
    {
      GtkWidget *pin = gtk_image_new_from_icon_name ("view-pin-symbolic");

      gtk_widget_set_tooltip_text (pin, _("Pinned: a new plan keeps it as it is"));
      gtk_box_append (GTK_BOX (box), pin);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), CODE_KEY, g_strdup (transfer->code), g_free);
  g_object_set_data (G_OBJECT (row), GROUP_KEY, (gpointer) group);

  description = ret_transfer_list_describe (group->point, transfer, facility_name, pinned);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  return row;
}

/* A point's name and counts above its first transfer: a header, not a
 * row, so the keys and the selection pass it by. */
static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const RetTransferGroup *group = g_object_get_data (G_OBJECT (row), GROUP_KEY);
  const RetTransferGroup *previous = before != NULL ? g_object_get_data (G_OBJECT (before), GROUP_KEY) : NULL;
  GtkWidget *header = gtk_list_box_row_get_header (row);
  GtkWidget *box, *name, *counts;
  g_autofree char *counts_text = NULL;

  if (group == NULL || group == previous)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (header != NULL && g_object_get_data (G_OBJECT (header), GROUP_KEY) == group)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "transfer-list-header");
  g_object_set_data (G_OBJECT (box), GROUP_KEY, (gpointer) group);

  name = gtk_label_new (group->point->city);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);

  counts_text = ret_transfer_list_format_counts (group->transfers->len, group->n_persons,
                                                 group->point->daily_capacity);
  counts = gtk_label_new (counts_text);
  gtk_label_set_xalign (GTK_LABEL (counts), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (counts), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (counts, "dim-label");
  /* a day above what the point takes stands out */
  if (group->point->daily_capacity > 0 && group->n_persons > (guint) group->point->daily_capacity)
    {
      gtk_widget_remove_css_class (counts, "dim-label");
      gtk_widget_add_css_class (counts, "error");
    }
  gtk_box_append (GTK_BOX (box), counts);

  gtk_list_box_row_set_header (row, box);
}

static GtkListBoxRow *
find_row (RetTransferList *self,
          const char      *code)
{
  if (code == NULL)
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (ret_transfer_list_row_get_code (GTK_LIST_BOX_ROW (child)), code) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

/* Brings the selected row into view without taking the focus: the
 * checks panel keeps it while the list follows. */
static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  RetTransferList *self = RET_TRANSFER_LIST (user_data);
  GtkListBoxRow *row = find_row (self, self->selected_code);
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->list_box));
  GtkWidget *header;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page, top;

  self->scroll_id = 0;

  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), content, &bounds))
    return G_SOURCE_REMOVE;

  /* the point's header with its first transfer */
  top = bounds.origin.y;
  header = gtk_list_box_row_get_header (row);
  if (header != NULL)
    {
      graphene_rect_t header_bounds;

      if (gtk_widget_compute_bounds (header, content, &header_bounds))
        top = MIN (top, header_bounds.origin.y);
    }

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);

  return G_SOURCE_REMOVE;
}

static void
queue_scroll_to_selected (RetTransferList *self)
{
  GtkListBoxRow *row = find_row (self, self->selected_code);

  /* at once when the row has its place; after a rebuild, once it has */
  if (row != NULL && gtk_widget_get_height (GTK_WIDGET (row)) > 0)
    {
      g_clear_handle_id (&self->scroll_id, g_source_remove);
      scroll_to_selected_cb (self);
    }
  else if (row != NULL && self->scroll_id == 0)
    self->scroll_id = g_idle_add (scroll_to_selected_cb, self);
}

static void
sync_selection (RetTransferList *self)
{
  GtkListBoxRow *row = find_row (self, self->selected_code);

  self->selecting = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  else
    gtk_list_box_unselect_all (self->list_box);
  self->selecting = FALSE;

  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_scroll_to_selected (self);
}

static GHashTable *
load_facility_names (RetTransferList *self)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return names;

  facilities = ret_store_list_facilities (self->store, &error);
  if (facilities == NULL)
    {
      /* the codes stand in for the names */
      g_warning ("Cannot list the facilities: %s", error->message);
      return names;
    }

  for (guint i = 0; i < facilities->len; i++)
    {
      const RetFacility *facility = g_ptr_array_index (facilities, i);

      g_hash_table_insert (names, g_strdup (facility->code), g_strdup (facility->name));
    }

  return names;
}

static void
rebuild (RetTransferList *self)
{
  g_autoptr(GHashTable) facility_names = NULL;
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *focused_code = NULL;
  GtkWidget *child;
  guint n_rows = 0;

  /* the keyboard stays on the same transfer when the day is read again */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
    GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

    if (row != NULL && gtk_widget_is_ancestor (row, GTK_WIDGET (self->list_box)))
      focused_code = g_strdup (ret_transfer_list_row_get_code (GTK_LIST_BOX_ROW (row)));
  }

  /* the rows go before the groups they borrow */
  self->selecting = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  self->selecting = FALSE;
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  if (self->points == NULL || !g_date_valid (&self->date))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->idle_label), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  facility_names = load_facility_names (self);
  self->groups = ret_transfer_list_group (self->points, self->transfers, &self->date);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const RetTransferGroup *group = g_ptr_array_index (self->groups, i);

      if (group->transfers->len == 0)
        g_ptr_array_add (idle, g_strdup (group->point->city));

      for (guint k = 0; k < group->transfers->len; k++)
        {
          gtk_list_box_append (self->list_box,
                               create_row (self, group, g_ptr_array_index (group->transfers, k), facility_names));
          n_rows++;
        }
    }

  if (idle->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (idle, NULL);
      /* Translators: joins the names of points in a list, e.g. "Ojinaga, Reynosa" */
      names = g_strjoinv (_(", "), (char **) idle->pdata);
      /* Translators: under the list of transfers, the points that receive
       * none that day, e.g. "No transfers at Ojinaga, Reynosa" */
      text = g_strdup_printf (_("No transfers at %s"), names);
      gtk_label_set_label (self->idle_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->idle_label), idle->len > 0);

  gtk_stack_set_visible_child_name (self->stack, n_rows > 0 ? "list" : "empty");

  sync_selection (self);

  if (focused_code != NULL)
    {
      GtkListBoxRow *row = find_row (self, focused_code);

      if (row == NULL)
        row = gtk_list_box_get_row_at_index (self->list_box, 0);
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* ------------------------------------------------------------------ */
/* Signals                                                            */

static void
row_activated_cb (RetTransferList *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  const char *code = ret_transfer_list_row_get_code (row);

  if (code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-transfer", "s", code);
}

static void
row_selected_cb (RetTransferList *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list_box)
{
  const char *code;

  if (self->selecting || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  code = row != NULL ? ret_transfer_list_row_get_code (row) : NULL;
  if (g_strcmp0 (code, self->selected_code) == 0)
    return;

  g_free (self->selected_code);
  self->selected_code = g_strdup (code);
  g_signal_emit (self, signals[TRANSFER_SELECTED], 0, code);
}

static void
ret_transfer_list_map (GtkWidget *widget)
{
  RetTransferList *self = RET_TRANSFER_LIST (widget);

  GTK_WIDGET_CLASS (ret_transfer_list_parent_class)->map (widget);

  /* chosen while the timeline was shown: show it now */
  if (self->selected_code != NULL)
    queue_scroll_to_selected (self);
}

static void
ret_transfer_list_dispose (GObject *object)
{
  RetTransferList *self = RET_TRANSFER_LIST (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_object (&self->store);
  /* the rows go: that is no choice of the user's */
  self->selecting = TRUE;

  /* AdwBin 1.2 unparents its child itself; a bound template child that
   * is the bin's child would otherwise be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_TRANSFER_LIST);

  /* the rows, gone with the template, borrowed these */
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->transfers, g_ptr_array_unref);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);

  G_OBJECT_CLASS (ret_transfer_list_parent_class)->dispose (object);
}

static void
ret_transfer_list_finalize (GObject *object)
{
  RetTransferList *self = RET_TRANSFER_LIST (object);

  g_free (self->selected_code);

  G_OBJECT_CLASS (ret_transfer_list_parent_class)->finalize (object);
}

static void
ret_transfer_list_class_init (RetTransferListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_transfer_list_dispose;
  object_class->finalize = ret_transfer_list_finalize;
  widget_class->map = ret_transfer_list_map;

  /**
   * RetTransferList::transfer-selected:
   * @code: (nullable): the transfer chosen in the list, or %NULL
   *
   * The user chose another row (with the pointer or the keys); not
   * emitted for ret_transfer_list_select_transfer().
   */
  signals[TRANSFER_SELECTED] =
    g_signal_new ("transfer-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-transfer-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, columns_box);
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, idle_label);
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, list_box);
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RetTransferList, stack);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
ret_transfer_list_init (RetTransferList *self)
{
  static const struct { const char *title; float xalign; } titles[N_COLUMNS] = {
    [COLUMN_TIME] = { N_("Local time"), 0.0f },
    [COLUMN_CODE] = { N_("Transfer"), 0.0f },
    [COLUMN_FACILITY] = { N_("From"), 0.0f },
    [COLUMN_VEHICLE] = { N_("Vehicle"), 0.0f },
    [COLUMN_PERSONS] = { N_("Persons"), 1.0f },
    [COLUMN_STATUS] = { N_("Status"), 0.0f },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  g_date_clear (&self->date, 1);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkWidget *label = gtk_label_new (_(titles[i].title));

      self->columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
      gtk_label_set_xalign (GTK_LABEL (label), titles[i].xalign);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_size_group_add_widget (self->columns[i], label);
      gtk_box_append (self->columns_box, label);
    }
  /* the titles are a key to the cells; the rows are read whole */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->columns_box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_list_box_set_header_func (self->list_box, update_header_cb, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */

GtkWidget *
ret_transfer_list_new (void)
{
  return g_object_new (RET_TYPE_TRANSFER_LIST, NULL);
}

/**
 * ret_transfer_list_set_store:
 * @store: (nullable): where the pins and the facilities' names are read
 *
 * The transfers themselves come with ret_transfer_list_set_day().
 */
void
ret_transfer_list_set_store (RetTransferList *self,
                             RetStore        *store)
{
  g_return_if_fail (RET_IS_TRANSFER_LIST (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  g_set_object (&self->store, store);
}

/**
 * ret_transfer_list_set_day:
 * @date: the day shown
 * @points: (element-type RetPoint) (nullable): the points, in the
 *   timeline's order; %NULL shows nothing
 * @transfers: (element-type RetTransfer) (nullable): at least the
 *   transfers handed over on @date at any point
 *
 * Shows the day; the list keeps a reference to both arrays.
 */
void
ret_transfer_list_set_day (RetTransferList *self,
                           const GDate     *date,
                           GPtrArray       *points,
                           GPtrArray       *transfers)
{
  g_return_if_fail (RET_IS_TRANSFER_LIST (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  /* another day's choice means nothing here */
  if (g_date_valid (&self->date) && g_date_compare (date, &self->date) != 0)
    g_clear_pointer (&self->selected_code, g_free);
  self->date = *date;

  /* the old arrays live on until the rows that borrow them are gone */
  {
    g_autoptr(GPtrArray) old_points = g_steal_pointer (&self->points);
    g_autoptr(GPtrArray) old_transfers = g_steal_pointer (&self->transfers);

    self->points = points != NULL ? g_ptr_array_ref (points) : NULL;
    self->transfers = transfers != NULL ? g_ptr_array_ref (transfers) : NULL;
    rebuild (self);
  }
}

/**
 * ret_transfer_list_select_transfer:
 * @code: (nullable): the transfer to select, or %NULL for none
 *
 * Selects the transfer's row and scrolls it into view when the list is
 * shown; "transfer-selected" is not emitted.
 */
void
ret_transfer_list_select_transfer (RetTransferList *self,
                                   const char      *code)
{
  g_return_if_fail (RET_IS_TRANSFER_LIST (self));

  if (self->selected_code != code)
    {
      g_free (self->selected_code);
      self->selected_code = g_strdup (code);
    }
  sync_selection (self);
}

const char *
ret_transfer_list_get_selected_transfer (RetTransferList *self)
{
  g_return_val_if_fail (RET_IS_TRANSFER_LIST (self), NULL);

  return self->selected_code;
}

GtkListBox *
ret_transfer_list_get_list_box (RetTransferList *self)
{
  g_return_val_if_fail (RET_IS_TRANSFER_LIST (self), NULL);

  return self->list_box;
}

/* The code of the transfer a row of the list shows; %NULL for a row of
 * another list. */
const char *
ret_transfer_list_row_get_code (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), CODE_KEY);
}

/* The code of the point under whose header a row of the list is. */
const char *
ret_transfer_list_row_get_point (GtkListBoxRow *row)
{
  const RetTransferGroup *group;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  group = g_object_get_data (G_OBJECT (row), GROUP_KEY);
  return group != NULL ? group->point->code : NULL;
}
