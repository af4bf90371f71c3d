/* ret-people-view.c — the persons awaiting repatriation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-people-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-people-view.h"
#include "ret-person-details.h"
#include "ret-unsaved-dialog.h"

struct _RetPeopleView
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkToggleButton    *criminal_button;
  RetPersonDetails   *details;
  GtkStack           *list_stack;
  GtkToggleButton    *minors_button;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *unaccompanied_button;
  GtkToggleButton    *unplanned_button;
  GtkToggleButton    *vulnerable_button;

  /* owned */
  RetStore           *store;
  RetPersonList      *list;
  GtkSingleSelection *selection;
  char               *count_text;
  gint64              shown_id;     /* the person in the details pane */
  gint64              wanted_id;    /* selected while asking about unsaved changes */
  gboolean            selecting_quietly;
};

G_DEFINE_FINAL_TYPE (RetPeopleView, ret_people_view, ADW_TYPE_BIN)

enum {
  COLUMN_A_NUMBER,
  COLUMN_NAME,
  COLUMN_AGE,
  COLUMN_SEX,
  COLUMN_FLAGS,
  COLUMN_FACILITY,
  COLUMN_ORIGIN,
  COLUMN_FAMILY,
  COLUMN_STATUS,
  N_COLUMNS
};

/* The flags shown as icons, in this order. */
static const RetPersonFlags shown_flags[] = {
  RET_PERSON_FLAG_UNACCOMPANIED_MINOR,
  RET_PERSON_FLAG_PREGNANT,
  RET_PERSON_FLAG_DISABLED,
  RET_PERSON_FLAG_ILL,
  RET_PERSON_FLAG_CRIMINAL_RECORD,
};
#define ELDERLY_ICON G_N_ELEMENTS (shown_flags)

static void
update_count (RetPeopleView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  g_free (self->count_text);
  self->count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u persons", n), n);
  gtk_label_set_label (self->count_label, self->count_text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

/* Tooltips of cells are looked up when shown, not set when a row is
 * bound: gtk_widget_set_tooltip_text() asks the X server where the
 * pointer is, two round trips a call, which made scrolling and opening
 * the window several times slower. */
#define TOOLTIP_KEY "ret-tooltip"

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_cell_tooltip (GtkWidget  *widget,
                  const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
}

static void
setup_cell_tooltip (GtkWidget  *widget,
                    const char *text)
{
  set_cell_tooltip (widget, text);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == COLUMN_AGE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  if (GPOINTER_TO_INT (user_data) == COLUMN_A_NUMBER)
    gtk_widget_add_css_class (label, "monospace");
  if (GPOINTER_TO_INT (user_data) == COLUMN_FACILITY ||
      GPOINTER_TO_INT (user_data) == COLUMN_ORIGIN)
    setup_cell_tooltip (label, NULL);

  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RetPersonItem *person_item = gtk_list_item_get_item (item);
  const RetPerson *p = ret_person_item_get_person (person_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case COLUMN_A_NUMBER:
      text = g_strdup (p->a_number);
      break;
    case COLUMN_NAME:
      text = ret_person_dup_display_name (p);
      break;
    case COLUMN_AGE:
      {
        GDate today;
        int age;

        /* Only this column needs the date: binding runs per cell while
         * the list scrolls. */
        ret_date_today (&today);
        age = ret_person_get_age (p, &today);

        text = age >= 0 ? g_strdup_printf ("%d", age) : g_strdup ("");
      }
      break;
    case COLUMN_SEX:
      text = g_strdup_printf ("%c", (char) p->sex);
      break;
    case COLUMN_FACILITY:
      text = g_strdup (p->facility);
      set_cell_tooltip (GTK_WIDGET (label), p->facility_name);
      break;
    case COLUMN_ORIGIN:
      if (p->origin_label != NULL)
        text = g_strdup (p->origin_label);
      else
        text = g_strdup_printf (_("— (%s)"), p->nationality);
      set_cell_tooltip (GTK_WIDGET (label), p->origin_locality);
      break;
    case COLUMN_FAMILY:
      text = g_strdup (p->family_group ? p->family_group : "");
      break;
    case COLUMN_STATUS:
      text = g_strdup (ret_person_status_label (p->status));
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text);
}

static void
setup_flags_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  for (guint i = 0; i < G_N_ELEMENTS (shown_flags); i++)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (ret_person_flag_icon_name (shown_flags[i]));

      setup_cell_tooltip (image, ret_person_flag_label (shown_flags[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ret_person_flag_label (shown_flags[i]), -1);
      if (shown_flags[i] == RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        gtk_widget_add_css_class (image, "flag-minor");
      if (shown_flags[i] == RET_PERSON_FLAG_CRIMINAL_RECORD)
        gtk_widget_add_css_class (image, "flag-criminal");
      gtk_box_append (GTK_BOX (box), image);
    }

  {
    GtkWidget *image = gtk_image_new_from_icon_name ("ret-elderly-symbolic");

    setup_cell_tooltip (image, _("Aged 60 or more"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Aged 60 or more"), -1);
    gtk_box_append (GTK_BOX (box), image);
  }

  gtk_list_item_set_child (item, box);
}

static void
bind_flags_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const RetPerson *p = ret_person_item_get_person (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *description = NULL;
  GtkWidget *child = gtk_widget_get_first_child (box);
  GDate today;

  ret_date_today (&today);

  for (guint i = 0; child != NULL; i++, child = gtk_widget_get_next_sibling (child))
    {
      gboolean visible;

      if (i < G_N_ELEMENTS (shown_flags))
        visible = (p->flags & shown_flags[i]) != 0;
      else
        visible = ret_person_is_elderly (p, &today);

      gtk_widget_set_visible (child, visible);
    }

  description = ret_person_dup_flags_description (p, &today);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  *description ? description : _("No flags"), -1);
}

static void
add_column (RetPeopleView *self,
            int            column,
            const char    *title,
            gboolean       expand,
            int            fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  if (column == COLUMN_FLAGS)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_flags_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_flags_cb), NULL);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (column));
    }

  col = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->column_view, col);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   RetPeopleView  *self)
{
  if (self->list != NULL)
    ret_person_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   RetPeopleView   *self)
{
  RetPersonFilter filter = 0;

  if (self->list == NULL)
    return;

  if (gtk_toggle_button_get_active (self->minors_button))
    filter |= RET_PERSON_FILTER_MINORS;
  if (gtk_toggle_button_get_active (self->unaccompanied_button))
    filter |= RET_PERSON_FILTER_UNACCOMPANIED;
  if (gtk_toggle_button_get_active (self->vulnerable_button))
    filter |= RET_PERSON_FILTER_VULNERABLE;
  if (gtk_toggle_button_get_active (self->criminal_button))
    filter |= RET_PERSON_FILTER_CRIMINAL;
  if (gtk_toggle_button_get_active (self->unplanned_button))
    filter |= RET_PERSON_FILTER_UNPLANNED;

  ret_person_list_set_filter (self->list, filter);
}

static gint64
selected_id (RetPeopleView *self)
{
  RetPersonItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? ret_person_item_get_person (item)->id : 0;
}

static void
show_person (RetPeopleView *self,
             gint64         id)
{
  self->shown_id = id;
  ret_person_details_set_person_id (self->details, id);
}

/* Moves the selection to the row of the person with @id, wherever the
 * list now shows them, or to no row when it does not, without the
 * details pane hearing of it: its edits stay as they are. */
static void
select_id_quietly (RetPeopleView *self,
                   gint64         id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (id != 0)
    position = ret_person_list_find (self->list, id);

  self->selecting_quietly = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting_quietly = FALSE;
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RetPeopleView    *self)
{
  gint64 wanted = self->wanted_id;

  self->wanted_id = 0;

  if (g_strcmp0 (response, "save") == 0)
    {
      if (!ret_person_details_save (self->details))
        {
          /* The edit is invalid: go back to it rather than lose it. */
          select_id_quietly (self, self->shown_id);
          return;
        }
    }
  else if (g_strcmp0 (response, "discard") != 0)
    {
      /* Keep editing: the person being edited, wherever they now are in
       * the list; if they left it, the pane stays on them all the same. */
      select_id_quietly (self, self->shown_id);
      return;
    }

  select_id_quietly (self, wanted);
  show_person (self, wanted);
}

static void
selection_changed_cb (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      RetPeopleView     *self)
{
  GtkRoot *root;
  AdwMessageDialog *dialog;
  gint64 id;

  if (self->selecting_quietly)
    return;

  id = selected_id (self);
  if (id == self->shown_id)
    return;

  if (!ret_person_details_get_modified (self->details))
    {
      show_person (self, id);
      return;
    }

  /* Never drop an edit silently when the selection moves on. */
  self->wanted_id = id;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ret_unsaved_dialog_new (GTK_WINDOW (root),
                                   _("The person you were editing has unsaved changes."),
                                   TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RetPeopleView    *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_strcmp0 (response, "save") == 0 && !ret_person_details_save (self->details))
    return;
  if (g_strcmp0 (response, "discard") == 0)
    ret_person_details_revert (self->details);
  if (g_strcmp0 (response, "keep") != 0 && GTK_IS_WINDOW (root))
    gtk_window_close (GTK_WINDOW (root));
}

static gboolean
window_close_requested_cb (GtkWindow     *window,
                           RetPeopleView *self)
{
  AdwMessageDialog *dialog;

  if (!ret_person_details_get_modified (self->details))
    return FALSE;

  dialog = ret_unsaved_dialog_new (window, _("The person you are editing has unsaved changes."), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
root_changed (RetPeopleView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_requested_cb), self, 0);
}

static void
ret_people_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ret_people_view_parent_class)->root (widget);
  root_changed (RET_PEOPLE_VIEW (widget));
}

static void
ret_people_view_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, window_close_requested_cb, widget);
  GTK_WIDGET_CLASS (ret_people_view_parent_class)->unroot (widget);
}

/* The list is about to hand out new items (a search, a filter, an
 * import, an edit).  Unselecting first spares GtkSingleSelection a search
 * through every new item for the selected one; items_changed_cb ()
 * selects the shown person again by id. */
static void
items_changing_cb (RetPersonList *list,
                   RetPeopleView *self)
{
  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    select_id_quietly (self, 0);
}

/* Connected after the other handlers of the selection model, which
 * re-emits the list's change once it is up to date itself: the column
 * view has then rebuilt its rows before the selection moves. */
static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  RetPeopleView *self)
{
  update_count (self);

  if (self->shown_id != 0)
    select_id_quietly (self, self->shown_id);
}

static void
ret_people_view_dispose (GObject *object)
{
  RetPeopleView *self = RET_PEOPLE_VIEW (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, items_changing_cb, self);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
    }

  /* AdwBin 1.2 unparents its child itself; a bound template child that
   * is the bin's child would otherwise be unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RET_TYPE_PEOPLE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ret_people_view_parent_class)->dispose (object);
}

static void
ret_people_view_finalize (GObject *object)
{
  RetPeopleView *self = RET_PEOPLE_VIEW (object);

  g_free (self->count_text);

  G_OBJECT_CLASS (ret_people_view_parent_class)->finalize (object);
}

static void
ret_people_view_class_init (RetPeopleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ret_people_view_dispose;
  object_class->finalize = ret_people_view_finalize;
  widget_class->root = ret_people_view_root;
  widget_class->unroot = ret_people_view_unroot;

  g_type_ensure (RET_TYPE_PERSON_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ret-people-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, column_view);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, criminal_button);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, details);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, minors_button);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, unaccompanied_button);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, unplanned_button);
  gtk_widget_class_bind_template_child (widget_class, RetPeopleView, vulnerable_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
ret_people_view_init (RetPeopleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, COLUMN_A_NUMBER, _("A-number"), FALSE, 118);
  add_column (self, COLUMN_NAME, _("Name"), TRUE, 130);
  add_column (self, COLUMN_AGE, _("Age"), FALSE, 44);
  add_column (self, COLUMN_SEX, _("Sex"), FALSE, 44);
  add_column (self, COLUMN_FLAGS, _("Flags"), FALSE, 96);
  add_column (self, COLUMN_FACILITY, _("Facility"), FALSE, 84);
  add_column (self, COLUMN_ORIGIN, _("Origin"), TRUE, 130);
  add_column (self, COLUMN_FAMILY, _("Family group"), FALSE, 106);
  add_column (self, COLUMN_STATUS, _("Status"), FALSE, 84);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

void
ret_people_view_set_store (RetPeopleView *self,
                           RetStore      *store)
{
  g_return_if_fail (RET_IS_PEOPLE_VIEW (self));
  g_return_if_fail (RET_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, items_changing_cb, self);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_set_object (&self->store, store);
  self->shown_id = 0;
  self->wanted_id = 0;

  self->list = ret_person_list_new (store);
  g_signal_connect (self->list, "items-changing", G_CALLBACK (items_changing_cb), self);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_after (self->selection, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  ret_person_details_set_store (self->details, store);
  update_count (self);
}

RetPersonList *
ret_people_view_get_list (RetPeopleView *self)
{
  g_return_val_if_fail (RET_IS_PEOPLE_VIEW (self), NULL);

  return self->list;
}

GtkColumnView *
ret_people_view_get_column_view (RetPeopleView *self)
{
  g_return_val_if_fail (RET_IS_PEOPLE_VIEW (self), NULL);

  return self->column_view;
}

void
ret_people_view_select (RetPeopleView *self,
                        guint          position)
{
  g_return_if_fail (RET_IS_PEOPLE_VIEW (self));

  gtk_single_selection_set_selected (self->selection, position);
}

void
ret_people_view_focus_search (RetPeopleView *self)
{
  g_return_if_fail (RET_IS_PEOPLE_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ret_people_view_save (RetPeopleView *self)
{
  g_return_if_fail (RET_IS_PEOPLE_VIEW (self));

  if (ret_person_details_get_modified (self->details))
    ret_person_details_save (self->details);
}

const char *
ret_people_view_get_count_text (RetPeopleView *self)
{
  g_return_val_if_fail (RET_IS_PEOPLE_VIEW (self), NULL);

  return self->count_text;
}
