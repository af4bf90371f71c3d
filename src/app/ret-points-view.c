/* ret-points-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Points" page: the repatriation points on the left, the selected
 * point on the right with what no public source gives and a coordinator
 * therefore edits — minors reception, daily capacity, the hours of each
 * arrangement the point belongs to.  Edits stay in the widgets until
 * Save writes them in one transaction; nothing is thrown away without
 * asking.
 */

#define G_LOG_DOMAIN "ret-points-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-app-util.h"
#include "ret-close-point-dialog.h"
#include "ret-points-view.h"
#include "ret-unsaved-dialog.h"

#define CLOCK_INTERVAL_SECONDS 30
#define CAPACITY_MAX 100000

enum
{
  FIELD_OPEN,
  FIELD_CLOSE,
  FIELD_VULNERABLE_OPEN,
  FIELD_VULNERABLE_CLOSE,
  FIELD_MINORS_CUTOFF,
  N_FIELDS
};

/* The hours of one arrangement: a group of the details page and its
 * grid of entries.  The widgets belong to the page. */
typedef struct
{
  char                *arrangement;
  AdwPreferencesGroup *group;
  GtkLabel            *sample_label;
  GtkLabel            *error_label;
  GtkEntry            *entries[RET_N_WEEKDAYS][N_FIELDS];
} HoursGroup;

struct _RetPointsView
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkLabel            *capacity_sample_label;
  GtkSpinButton       *capacity_spin;
  GtkLabel            *city_label;
  GtkLabel            *coordinates_label;
  AdwPreferencesPage  *details_page;
  AdwStatusPage       *empty_page;
  GtkLabel            *local_time_label;
  GtkStack            *main_stack;
  GtkSwitch           *minors_switch;
  GtkListBox          *point_list;
  GtkLabel            *status_label;
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *us_port_label;
  GtkLabel            *zone_label;

  /* borrowed references */
  GtkWindow           *root_window;
  gulong               close_request_id;

  /* owned references */
  RetStore            *store;
  gulong               store_changed_id;
  RetPoint            *point;          /* the selected point as stored */
  GPtrArray           *hours_groups;   /* HoursGroup, parallel to point->hours */
  GTimeZone           *zone;
  guint                clock_id;
  char                *pending_code;   /* point to show once the edits are dealt with */
  AdwMessageDialog    *unsaved_dialog;

  /* while the widgets are filled from the store, their signals are not edits */
  gboolean             populating;
  gboolean             dirty;
  gboolean             valid;
  gboolean             closing;        /* the question was asked by closing the window */
};

G_DEFINE_FINAL_TYPE (RetPointsView, ret_points_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const field_titles[N_FIELDS] = {
  N_("Opens"),
  N_("Closes"),
  N_("Vulnerable from"),
  N_("Vulnerable until"),
  N_("Minors until"),
};

static const char *const field_tooltips[N_FIELDS] = {
  N_("The point starts receiving persons"),
  N_("The last handover of the day"),
  N_("Vulnerable persons (minors, families, pregnant, ill, elderly) are received from"),
  N_("Vulnerable persons are received until"),
  N_("The last handover of unaccompanied minors"),
};

static void load_point          (RetPointsView *self,
                                 const char    *code);
static void update_state        (RetPointsView *self);
static gboolean save_point      (RetPointsView *self);

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

static void
hours_group_free (gpointer data)
{
  HoursGroup *hg = data;

  g_free (hg->arrangement);
  g_free (hg);
}

static int *
window_field (RetWindow *window,
              guint      field)
{
  switch (field)
    {
    case FIELD_OPEN:
      return &window->open;
    case FIELD_CLOSE:
      return &window->close;
    case FIELD_VULNERABLE_OPEN:
      return &window->vulnerable_open;
    case FIELD_VULNERABLE_CLOSE:
      return &window->vulnerable_close;
    case FIELD_MINORS_CUTOFF:
      return &window->minors_cutoff;
    default:
      g_assert_not_reached ();
    }
}

/* The localised name of a weekday, 0 = Monday, capitalised because it
 * starts a line or a label (some languages write weekdays in lower case). */
static char *
weekday_name (guint day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 1, 1 + day, 12, 0, 0); /* a Monday */
  g_autofree char *name = g_date_time_format (date, "%A");
  g_autofree char *first = NULL;
  const char *rest;

  if (name == NULL || *name == '\0')
    return g_strdup_printf ("%u", day + 1);

  rest = g_utf8_next_char (name);
  first = g_utf8_strup (name, rest - name);

  return g_strconcat (first, rest, NULL);
}

static char *
field_label (const char *day,
             guint       field)
{
  switch (field)
    {
    case FIELD_OPEN:
      /* Translators: accessible name of a time entry; %s is a weekday */
      return g_strdup_printf (_("%s, opens"), day);
    case FIELD_CLOSE:
      /* Translators: accessible name of a time entry; %s is a weekday */
      return g_strdup_printf (_("%s, closes"), day);
    case FIELD_VULNERABLE_OPEN:
      /* Translators: accessible name of a time entry; %s is a weekday */
      return g_strdup_printf (_("%s, vulnerable persons from"), day);
    case FIELD_VULNERABLE_CLOSE:
      /* Translators: accessible name of a time entry; %s is a weekday */
      return g_strdup_printf (_("%s, vulnerable persons until"), day);
    case FIELD_MINORS_CUTOFF:
      /* Translators: accessible name of a time entry; %s is a weekday */
      return g_strdup_printf (_("%s, minors cut-off"), day);
    default:
      g_assert_not_reached ();
    }
}

/* Reads a time as typed: "HH:MM", also "H:MM"; empty is "none". */
static gboolean
parse_time_text (const char *text,
                 int        *minute)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (g_ascii_isdigit (copy[0]) && copy[1] == ':' && strlen (copy) == 4)
    {
      g_autofree char *padded = g_strconcat ("0", copy, NULL);

      return ret_minute_parse (padded, minute);
    }

  return ret_minute_parse (copy, minute);
}

static gboolean
parse_capacity_text (const char *text,
                     int        *capacity)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  gint64 value;

  if (!g_ascii_string_to_signed (copy, 10, 0, CAPACITY_MAX, &value, NULL))
    return FALSE;

  *capacity = (int) value;
  return TRUE;
}

static void
show_toast (RetPointsView *self,
            const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (RetPointsView *self,
            const char    *heading,
            const char    *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (ret_app_get_window (GTK_WIDGET (self)), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* the list of points                                                  */

static const char *
row_get_code (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "ret-point-code") : NULL;
}

static GtkListBoxRow *
find_row (RetPointsView *self,
          const char    *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->point_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) &&
          g_strcmp0 (row_get_code (GTK_LIST_BOX_ROW (child)), code) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
select_row_quietly (RetPointsView *self,
                    GtkListBoxRow *row)
{
  gboolean was_populating = self->populating;

  self->populating = TRUE;
  gtk_list_box_select_row (self->point_list, row);
  self->populating = was_populating;
}

static GtkWidget *
create_point_row (const RetPoint *point)
{
  GtkWidget *row, *box, *text_box, *title, *subtitle;
  g_autofree char *title_text = NULL;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "ret-point-code", g_strdup (point->code), g_free);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  /* Translators: a point in the list: its code and its Mexican city */
  title_text = g_strdup_printf (_("%s · %s"), point->code, point->city);
  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text_box), title);

  subtitle = gtk_label_new (point->airport || point->us_port == NULL ? _("Airport") : point->us_port);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text_box), subtitle);

  if (point->minors_reception)
    {
      GtkWidget *tag = gtk_label_new (_("minors"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (tag, _("Receives unaccompanied minors"));
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "accent");
      gtk_box_append (GTK_BOX (box), tag);
    }

  return row;
}

static void
clear_details (RetPointsView *self)
{
  if (self->hours_groups != NULL)
    {
      for (guint i = 0; i < self->hours_groups->len; i++)
        {
          HoursGroup *hg = g_ptr_array_index (self->hours_groups, i);

          adw_preferences_page_remove (self->details_page, hg->group);
        }
      g_ptr_array_set_size (self->hours_groups, 0);
    }

  g_clear_pointer (&self->point, ret_point_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->dirty = FALSE;
  self->valid = TRUE;
}

/* Fills the list from the store, keeping the selected point selected. */
static void
reload_list (RetPointsView *self)
{
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected = NULL;
  GtkWidget *child;
  GtkListBoxRow *row;

  if (self->point != NULL)
    selected = g_strdup (self->point->code);

  self->populating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->point_list))) != NULL)
    gtk_list_box_remove (self->point_list, child);
  self->populating = FALSE;

  if (self->store != NULL)
    {
      points = ret_store_list_points (self->store, &error);
      if (points == NULL)
        g_warning ("Cannot list the points: %s", error->message);
    }

  if (points == NULL || points->len == 0)
    {
      clear_details (self);
      adw_status_page_set_description (self->empty_page,
                                       error != NULL ? error->message
                                                     : _("This database holds no reference data."));
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      update_state (self);
      return;
    }

  self->populating = TRUE;
  for (guint i = 0; i < points->len; i++)
    gtk_list_box_append (self->point_list, create_point_row (g_ptr_array_index (points, i)));
  self->populating = FALSE;

  gtk_stack_set_visible_child_name (self->main_stack, "points");

  row = selected != NULL ? find_row (self, selected) : NULL;
  if (row == NULL)
    {
      row = gtk_list_box_get_row_at_index (self->point_list, 0);
      select_row_quietly (self, row);
      clear_details (self);
      load_point (self, row_get_code (row));
    }
  else
    {
      select_row_quietly (self, row);
    }
}

/* ------------------------------------------------------------------ */
/* the details                                                         */

static gboolean
update_clock (RetPointsView *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  if (self->zone == NULL)
    {
      gtk_label_set_label (self->local_time_label, self->point != NULL ? _("Unknown time zone") : "");
      return G_SOURCE_CONTINUE;
    }

  now = g_date_time_new_now (self->zone);
  /* Translators: the time now at a point, a g_date_time_format() format:
   * weekday, 24-hour time and offset from UTC, e.g. "Tuesday 14:05 (UTC-07:00)" */
  text = g_date_time_format (now, C_("local time", "%A %H:%M (UTC%:z)"));
  gtk_label_set_label (self->local_time_label, text != NULL ? text : "");

  return G_SOURCE_CONTINUE;
}

static gboolean
clock_timeout_cb (gpointer user_data)
{
  return update_clock (RET_POINTS_VIEW (user_data));
}

static void
time_entry_changed_cb (GtkEditable   *editable,
                       RetPointsView *self)
{
  if (!self->populating)
    update_state (self);
}

static HoursGroup *
create_hours_group (RetPointsView       *self,
                    const RetPointHours *hours,
                    guint                n_arrangements)
{
  HoursGroup *hg = g_new0 (HoursGroup, 1);
  GtkWidget *frame, *grid, *sample;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  hg->arrangement = g_strdup (hours->arrangement);
  hg->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (n_arrangements > 1)
    {
      /* Translators: %s is the name of a Local Repatriation Arrangement, e.g. "Nogales" */
      title = g_strdup_printf (_("Hours — %s arrangement"), hours->arrangement_name);
      description = g_strdup (_("Local time at the point, 24-hour clock. An empty day is closed; an empty field does not apply."));
    }
  else
    {
      title = g_strdup (_("Hours"));
      /* Translators: %s is the name of a Local Repatriation Arrangement, e.g. "San Diego" */
      description = g_strdup_printf (_("As agreed in the %s arrangement; local time at the point, 24-hour clock. An empty day is closed; an empty field does not apply."),
                                     hours->arrangement_name);
    }
  adw_preferences_group_set_title (hg->group, title);
  adw_preferences_group_set_description (hg->group, description);

  sample = gtk_label_new (_("Sample values"));
  gtk_widget_set_valign (sample, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sample, _("The texts of the arrangements are not public: hours not yet saved here are examples. Edit them to match the arrangement in force."));
  gtk_widget_add_css_class (sample, "sample-tag");
  adw_preferences_group_set_header_suffix (hg->group, sample);
  hg->sample_label = GTK_LABEL (sample);

  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "card");
  adw_preferences_group_add (hg->group, frame);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_frame_set_child (GTK_FRAME (frame), grid);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      GtkWidget *header = gtk_label_new (_(field_titles[f]));

      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_label_set_justify (GTK_LABEL (header), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 9);
      gtk_widget_set_valign (header, GTK_ALIGN_END);
      gtk_widget_set_hexpand (header, TRUE);
      gtk_widget_set_tooltip_text (header, _(field_tooltips[f]));
      gtk_widget_add_css_class (header, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), header, 1 + f, 0, 1, 1);
    }

  for (guint d = 0; d < RET_N_WEEKDAYS; d++)
    {
      g_autofree char *day = weekday_name (d);
      GtkWidget *day_label = gtk_label_new (day);

      gtk_label_set_xalign (GTK_LABEL (day_label), 0);
      gtk_grid_attach (GTK_GRID (grid), day_label, 0, 1 + d, 1, 1);

      for (guint f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *label = field_label (day, f);
          GtkWidget *entry = gtk_entry_new ();

          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 0.5);
          gtk_entry_set_max_length (GTK_ENTRY (entry), 5);
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "—");
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
          gtk_widget_set_hexpand (entry, TRUE);
          gtk_widget_set_tooltip_text (entry, label);
          gtk_widget_add_css_class (entry, "numeric");
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          g_signal_connect (entry, "changed", G_CALLBACK (time_entry_changed_cb), self);
          gtk_grid_attach (GTK_GRID (grid), entry, 1 + f, 1 + d, 1, 1);
          hg->entries[d][f] = GTK_ENTRY (entry);
        }
    }

  hg->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (hg->error_label, 0);
  gtk_label_set_wrap (hg->error_label, TRUE);
  gtk_label_set_selectable (hg->error_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (hg->error_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (hg->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (hg->error_label), FALSE);
  adw_preferences_group_add (hg->group, GTK_WIDGET (hg->error_label));

  adw_preferences_page_add (self->details_page, hg->group);

  return hg;
}

static gboolean
same_arrangements (RetPointsView  *self,
                   const RetPoint *point)
{
  if (self->hours_groups->len != point->hours->len)
    return FALSE;

  for (guint i = 0; i < point->hours->len; i++)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, i);
      const HoursGroup *hg = g_ptr_array_index (self->hours_groups, i);

      if (g_strcmp0 (hours->arrangement, hg->arrangement) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Shows @point (taking it) in the details, reusing the hours groups when
 * the arrangements are the same, so that saving keeps the focus where it
 * was. */
static void
show_point (RetPointsView *self,
            RetPoint      *point)
{
  g_autofree char *coordinates = NULL;

  if (self->point == NULL || !same_arrangements (self, point))
    {
      clear_details (self);
      for (guint i = 0; i < point->hours->len; i++)
        g_ptr_array_add (self->hours_groups,
                         create_hours_group (self, g_ptr_array_index (point->hours, i),
                                             point->hours->len));
    }

  g_clear_pointer (&self->point, ret_point_free);
  self->point = point;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  if (point->timezone != NULL)
    self->zone = g_time_zone_new_identifier (point->timezone);

  self->populating = TRUE;

  gtk_label_set_label (self->city_label, point->city);
  gtk_label_set_label (self->us_port_label,
                       point->airport || point->us_port == NULL
                         ? _("None — airport receiving interior flights")
                         : point->us_port);
  coordinates = g_strdup_printf ("%.3f° %s, %.3f° %s",
                                 fabs (point->latitude),
                                 point->latitude >= 0 ? C_("compass", "N") : C_("compass", "S"),
                                 fabs (point->longitude),
                                 point->longitude >= 0 ? C_("compass", "E") : C_("compass", "W"));
  gtk_label_set_label (self->coordinates_label, coordinates);
  gtk_label_set_label (self->zone_label, point->timezone != NULL ? point->timezone : "");
  update_clock (self);

  gtk_switch_set_active (self->minors_switch, point->minors_reception);
  gtk_spin_button_set_value (self->capacity_spin, point->daily_capacity);
  {
    g_autofree char *capacity = g_strdup_printf ("%d", point->daily_capacity);

    /* set_value leaves the text alone when the value did not change */
    gtk_editable_set_text (GTK_EDITABLE (self->capacity_spin), capacity);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->capacity_sample_label), point->capacity_sample);

  for (guint i = 0; i < point->hours->len; i++)
    {
      const RetPointHours *hours = g_ptr_array_index (point->hours, i);
      HoursGroup *hg = g_ptr_array_index (self->hours_groups, i);

      gtk_widget_set_visible (GTK_WIDGET (hg->sample_label), hours->sample);
      for (guint d = 0; d < RET_N_WEEKDAYS; d++)
        for (guint f = 0; f < N_FIELDS; f++)
          {
            RetWindow window = hours->week[d];
            g_autofree char *text = ret_minute_format (*window_field (&window, f));

            gtk_editable_set_text (GTK_EDITABLE (hg->entries[d][f]), text);
          }
    }

  self->populating = FALSE;

  update_state (self);
}

static void
load_point (RetPointsView *self,
            const char    *code)
{
  g_autoptr(GError) error = NULL;
  RetPoint *point;

  if (self->store == NULL || code == NULL)
    return;

  point = ret_store_get_point (self->store, code, &error);
  if (point == NULL)
    {
      g_warning ("Cannot read point %s: %s", code, error->message);
      show_error (self, _("Cannot Show Point"), error->message);
      return;
    }

  show_point (self, point);
}

/* Reads the widgets into a copy of the stored point.  FALSE when a value
 * cannot be read (the marked entries say which). */
static RetPoint *
read_edited_point (RetPointsView *self)
{
  g_autoptr(RetPoint) edited = NULL;
  int capacity;

  if (self->point == NULL)
    return NULL;

  edited = ret_point_copy (self->point);
  edited->minors_reception = gtk_switch_get_active (self->minors_switch);
  if (!parse_capacity_text (gtk_editable_get_text (GTK_EDITABLE (self->capacity_spin)), &capacity))
    return NULL;
  edited->daily_capacity = capacity;

  for (guint i = 0; i < edited->hours->len; i++)
    {
      RetPointHours *hours = g_ptr_array_index (edited->hours, i);
      HoursGroup *hg = g_ptr_array_index (self->hours_groups, i);

      for (guint d = 0; d < RET_N_WEEKDAYS; d++)
        for (guint f = 0; f < N_FIELDS; f++)
          if (!parse_time_text (gtk_editable_get_text (GTK_EDITABLE (hg->entries[d][f])),
                                window_field (&hours->week[d], f)))
            return NULL;
    }

  return g_steal_pointer (&edited);
}

static void
set_error_class (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Checks every value, marks what is wrong, and decides what can be done:
 * the one place where Save and Revert are enabled. */
static void
update_state (RetPointsView *self)
{
  g_autofree char *first_problem = NULL;
  gboolean dirty = FALSE;
  gboolean valid = TRUE;
  int capacity;

  if (self->point != NULL)
    {
      if (gtk_switch_get_active (self->minors_switch) != self->point->minors_reception)
        dirty = TRUE;

      if (parse_capacity_text (gtk_editable_get_text (GTK_EDITABLE (self->capacity_spin)), &capacity))
        {
          set_error_class (GTK_WIDGET (self->capacity_spin), FALSE);
          dirty |= capacity != self->point->daily_capacity;
        }
      else
        {
          set_error_class (GTK_WIDGET (self->capacity_spin), TRUE);
          dirty = TRUE;
          valid = FALSE;
          first_problem = g_strdup (_("Daily capacity: write a whole number from 0 to 100000"));
        }

      for (guint i = 0; i < self->hours_groups->len; i++)
        {
          const RetPointHours *hours = g_ptr_array_index (self->point->hours, i);
          HoursGroup *hg = g_ptr_array_index (self->hours_groups, i);
          g_autoptr(GString) errors = g_string_new (NULL);

          for (guint d = 0; d < RET_N_WEEKDAYS; d++)
            {
              g_autofree char *day = weekday_name (d);
              RetWindow window = hours->week[d];
              gboolean readable = TRUE;
              g_autoptr(GError) error = NULL;

              for (guint f = 0; f < N_FIELDS; f++)
                {
                  GtkEditable *entry = GTK_EDITABLE (hg->entries[d][f]);
                  int *value = window_field (&window, f);
                  int stored = *value;

                  if (parse_time_text (gtk_editable_get_text (entry), value))
                    {
                      set_error_class (GTK_WIDGET (entry), FALSE);
                      dirty |= *value != stored;
                    }
                  else
                    {
                      g_autofree char *label = field_label (day, f);

                      set_error_class (GTK_WIDGET (entry), TRUE);
                      readable = FALSE;
                      dirty = TRUE;
                      if (errors->len > 0)
                        g_string_append_c (errors, '\n');
                      /* Translators: %s is e.g. "Monday, opens" */
                      g_string_append_printf (errors, _("%s: not a time; write it as HH:MM (24-hour clock), or leave it empty"),
                                              label);
                    }
                }

              if (readable && !ret_window_validate (&window, &error))
                {
                  RetWindow stored = hours->week[d];
                  gboolean any_edited = FALSE;

                  /* the values just typed are the likely culprits; when
                   * the stored values themselves disagree, mark the day */
                  for (guint f = 0; f < N_FIELDS; f++)
                    any_edited |= *window_field (&window, f) != *window_field (&stored, f);
                  for (guint f = 0; f < N_FIELDS; f++)
                    if (!any_edited || *window_field (&window, f) != *window_field (&stored, f))
                      set_error_class (GTK_WIDGET (hg->entries[d][f]), TRUE);
                  if (errors->len > 0)
                    g_string_append_c (errors, '\n');
                  /* Translators: a weekday and what is wrong with its hours */
                  g_string_append_printf (errors, _("%s: %s"), day, error->message);
                }
            }

          gtk_label_set_label (hg->error_label, errors->str);
          gtk_widget_set_visible (GTK_WIDGET (hg->error_label), errors->len > 0);
          if (errors->len > 0)
            {
              if (first_problem == NULL)
                first_problem = g_strndup (errors->str, strcspn (errors->str, "\n"));
              valid = FALSE;
            }
        }
    }

  self->dirty = dirty;
  self->valid = valid;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "points.save", dirty && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "points.revert", dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "points.close-point", self->point != NULL);

  if (!valid)
    {
      /* Translators: %s says what is wrong, e.g. "Monday: No handover is allowed between 22:00 and 05:00" */
      g_autofree char *status = g_strdup_printf (_("Not saved — %s"), first_problem);

      gtk_label_set_label (self->status_label, status);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), first_problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->status_label, dirty ? _("Unsaved changes") : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static gboolean
save_point (RetPointsView *self)
{
  g_autoptr(RetPoint) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  update_state (self);
  if (self->point == NULL || !self->dirty)
    return TRUE;

  edited = read_edited_point (self);
  if (!self->valid || edited == NULL)
    {
      show_error (self, _("Cannot Save Point"),
                  _("Some values are not valid. Correct the marked values first."));
      return FALSE;
    }

  actor = ret_app_dup_actor (GTK_WIDGET (self));
  if (!ret_store_update_point (self->store, edited, actor, &error))
    {
      g_warning ("Cannot save point %s: %s", edited->code, error->message);
      show_error (self, _("Cannot Save Point"), error->message);
      return FALSE;
    }

  code = g_strdup (edited->code);
  /* the store re-reads what it wrote: saved values are no sample values */
  self->dirty = FALSE;
  load_point (self, code);

  /* Translators: %s is the code of a point, e.g. "TIJ" */
  message = g_strdup_printf (_("%s saved"), code);
  show_toast (self, message);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* unsaved changes                                                     */

static void
unsaved_dialog_responded_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             RetPointsView    *self)
{
  g_autofree char *pending = g_steal_pointer (&self->pending_code);
  gboolean proceed = FALSE;

  self->unsaved_dialog = NULL;

  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      proceed = TRUE;
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      proceed = save_point (self);
    }

  if (!proceed)
    {
      self->closing = FALSE;
      return;
    }

  if (self->closing)
    {
      GtkWindow *window = ret_app_get_window (GTK_WIDGET (self));

      self->closing = FALSE;
      if (window != NULL)
        gtk_window_close (window);
      return;
    }

  if (pending != NULL && find_row (self, pending) != NULL)
    {
      select_row_quietly (self, find_row (self, pending));
      load_point (self, pending);
    }
  else if (self->point != NULL)
    {
      /* the other point is gone: show the current one as stored */
      g_autofree char *code = g_strdup (self->point->code);

      load_point (self, code);
    }
}

/* Asks what to do with the edits; @code is the point to show next, or
 * NULL when the window is closing. */
static void
ask_about_unsaved (RetPointsView *self,
                   const char    *code)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_free (self->pending_code);
  self->pending_code = g_strdup (code);

  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return;
    }

  /* Translators: %s is the code of a point, e.g. "TIJ" */
  body = g_strdup_printf (_("The changes to %s are not saved yet. If you discard them, they are lost."),
                          self->point->code);
  dialog = GTK_WIDGET (ret_unsaved_dialog_new (ret_app_get_window (GTK_WIDGET (self)), body, self->valid));
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_dialog_responded_cb), self, 0);

  self->unsaved_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
window_close_requested_cb (GtkWindow     *window,
                           RetPointsView *self)
{
  /* after Discard or Save nothing is left unsaved, so the second
   * close goes through */
  if (!self->dirty)
    return FALSE;

  self->closing = TRUE;
  ask_about_unsaved (self, NULL);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* callbacks                                                           */

static void
point_row_selected_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       RetPointsView *self)
{
  const char *code = row_get_code (row);

  if (self->populating || code == NULL)
    return;

  if (self->point != NULL && g_strcmp0 (code, self->point->code) == 0)
    return;

  if (self->dirty)
    {
      /* stay on the edited point until the user decides */
      select_row_quietly (self, find_row (self, self->point->code));
      self->closing = FALSE;
      ask_about_unsaved (self, code);
      return;
    }

  load_point (self, code);
}

static void
minors_active_changed_cb (RetPointsView *self,
                          GParamSpec    *pspec,
                          GtkSwitch     *sw)
{
  if (!self->populating)
    update_state (self);
}

static void
capacity_changed_cb (RetPointsView *self,
                     GtkSpinButton *spin)
{
  if (!self->populating)
    update_state (self);
}

static void
store_changed_cb (RetStore      *store,
                  const char    *entity,
                  RetPointsView *self)
{
  if (g_strcmp0 (entity, "points") != 0)
    return;

  reload_list (self);

  /* Never overwrite edits in progress; a save re-reads the point itself. */
  if (self->point != NULL && !self->dirty)
    {
      g_autofree char *code = g_strdup (self->point->code);

      load_point (self, code);
    }
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RetPointsView *self = RET_POINTS_VIEW (widget);

  /* a number typed but not yet confirmed in the spin button counts */
  gtk_spin_button_update (self->capacity_spin);
  save_point (self);
}

/* An emergency closure works on the point as stored: edits still in
 * the form are the coordinator's to save or revert, and stay. */
static void
close_point_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RetPointsView *self = RET_POINTS_VIEW (widget);
  RetClosePointDialog *dialog;

  if (self->point == NULL || self->store == NULL)
    return;

  dialog = ret_close_point_dialog_new (ret_app_get_window (widget), self->store, self->point);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
revert_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RetPointsView *self = RET_POINTS_VIEW (widget);
  g_autofree char *code = NULL;

  if (self->point == NULL)
    return;

  code = g_strdup (self->point->code);
  self->dirty = FALSE;
  load_point (self, code);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
ret_points_view_root (GtkWidget *widget)
{
  RetPointsView *self = RET_POINTS_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ret_points_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->root_window = GTK_WINDOW (root);
      self->close_request_id = g_signal_connect (root, "close-request",
                                                 G_CALLBACK (window_close_requested_cb), self);
    }
}

static void
ret_points_view_unroot (GtkWidget *widget)
{
  RetPointsView *self = RET_POINTS_VIEW (widget);

  g_clear_signal_handler (&self->close_request_id, self->root_window);
  self->root_window = NULL;

  GTK_WIDGET_CLASS (ret_points_view_parent_class)->unroot (widget);
}

static void
ret_points_view_dispose (GObject *object)
{
  RetPointsView *self = RET_POINTS_VIEW (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->root_window != NULL)
    g_clear_signal_handler (&self->close_request_id, self->root_window);
  self->root_window = NULL;
  ret_app_replace_store (&self->store, &self->store_changed_id, NULL, NULL, NULL);
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  self->unsaved_dialog = NULL;

  /* AdwBin 1.2 unparents its child itself; a bound template child that
   * is the bin's child would otherwise be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_POINTS_VIEW);

  G_OBJECT_CLASS (ret_points_view_parent_class)->dispose (object);
}

static void
ret_points_view_finalize (GObject *object)
{
  RetPointsView *self = RET_POINTS_VIEW (object);

  g_clear_pointer (&self->point, ret_point_free);
  g_clear_pointer (&self->hours_groups, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->pending_code, g_free);

  G_OBJECT_CLASS (ret_points_view_parent_class)->finalize (object);
}

static void
ret_points_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RetPointsView *self = RET_POINTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_points_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RetPointsView *self = RET_POINTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ret_points_view_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_points_view_class_init (RetPointsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_points_view_dispose;
  object_class->finalize = ret_points_view_finalize;
  object_class->get_property = ret_points_view_get_property;
  object_class->set_property = ret_points_view_set_property;

  widget_class->root = ret_points_view_root;
  widget_class->unroot = ret_points_view_unroot;

  /**
   * RetPointsView:store:
   *
   * The database whose points are shown and edited.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RET_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-points-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, capacity_sample_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, city_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, coordinates_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, details_page);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, local_time_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, minors_switch);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, point_list);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, us_port_label);
  gtk_widget_class_bind_template_child (widget_class, RetPointsView, zone_label);
  gtk_widget_class_bind_template_callback (widget_class, capacity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, minors_active_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, point_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "points.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "points.revert", NULL, revert_activated);
  gtk_widget_class_install_action (widget_class, "points.close-point", NULL, close_point_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "points.save", NULL);
}

static void
ret_points_view_init (RetPointsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->hours_groups = g_ptr_array_new_with_free_func (hours_group_free);
  self->valid = TRUE;
  self->clock_id = g_timeout_add_seconds (CLOCK_INTERVAL_SECONDS, clock_timeout_cb, self);

  gtk_widget_set_visible (GTK_WIDGET (self->capacity_sample_label), FALSE);
  update_state (self);
}

GtkWidget *
ret_points_view_new (void)
{
  return g_object_new (RET_TYPE_POINTS_VIEW, NULL);
}

RetStore *
ret_points_view_get_store (RetPointsView *self)
{
  g_return_val_if_fail (RET_IS_POINTS_VIEW (self), NULL);

  return self->store;
}

void
ret_points_view_set_store (RetPointsView *self,
                           RetStore      *store)
{
  g_return_if_fail (RET_IS_POINTS_VIEW (self));
  g_return_if_fail (store == NULL || RET_IS_STORE (store));

  if (!ret_app_replace_store (&self->store, &self->store_changed_id, store,
                              G_CALLBACK (store_changed_cb), self))
    return;

  /* another database: whatever was shown belongs to the old one */
  clear_details (self);
  reload_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
