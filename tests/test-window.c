/* test-window.c — the main window on a demo database, as a user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-demo.h"
#include "ret-import-dialog.h"
#include "ret-main-window.h"
#include "ret-people-view.h"
#include "ret-renderer.h"
#include "ret-person-details.h"
#include "ret-test-gui-util.h"

static gboolean
is_label_with_prefix (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL &&
         gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static gboolean
is_revealed_revealer (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_REVEALER (widget) && gtk_revealer_get_reveal_child (GTK_REVEALER (widget));
}

static RetStore *
demo_store (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = ret_test_store_new ("window.db");

  ret_demo_populate (store, n, 5, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static void
test_people_view (void)
{
  g_autoptr(RetStore) store = demo_store (1200);
  g_autoptr(GError) error = NULL;
  RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
  RetPeopleView *view = RET_PEOPLE_VIEW (ret_main_window_get_people_view (window));
  GtkColumnView *column_view = ret_people_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  RetPersonList *list = ret_people_view_get_list (view);
  g_autoptr(RetPersonItem) first = NULL;
  g_autofree char *first_name = NULL;
  guint rendered;

  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (10);

  /* What the coordinator sees first: everyone, counted, in a table. */
  g_assert_cmpstr (ret_main_window_get_visible_view (window), ==, "people");
  g_assert_cmpstr (ret_people_view_get_count_text (view), ==, "1200 persons");
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 9);
  {
    static const char *titles[] = { "A-number", "Name", "Age", "Sex", "Flags", "Facility",
                                    "Origin", "Family group", "Status" };

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      }
  }

  /* Rows are on screen, but only the visible ones were built. */
  rendered = ret_test_count_widgets (GTK_WIDGET (column_view), is_label_with_prefix, "DEMO-");
  g_assert_cmpuint (rendered, >, 5);
  g_assert_cmpuint (rendered, <, 200);

  /* The banner says this is demo data. */
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (window), is_revealed_revealer, NULL));

  /* Selecting a person shows them in the details pane. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  first_name = ret_person_dup_display_name (ret_person_item_get_person (first));
  ret_people_view_select (view, 0);
  ret_test_wait_frames (2);
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (window), is_label_with_prefix, first_name));

  /* Editing and saving writes the store and the audit log. */
  {
    GtkWidget *given = ret_test_find_with_property (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "title", "Given names");
    GtkWidget *birth = ret_test_find_with_property (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "title",
                                                    "Birth date (YYYY-MM-DD)");
    g_autofree char *old_birth = g_strdup (gtk_editable_get_text (GTK_EDITABLE (birth)));
    gint64 audits = ret_store_count_audit (store, "update");
    g_autoptr(RetPerson) saved = NULL;

    g_assert_nonnull (given);
    gtk_editable_set_text (GTK_EDITABLE (given), "Nombre Editado");

    /* An impossible date is refused with the field named, nothing saved. */
    gtk_editable_set_text (GTK_EDITABLE (birth), "2001-02-30");
    ret_people_view_save (view);
    g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits);

    gtk_editable_set_text (GTK_EDITABLE (birth), old_birth);
    ret_people_view_save (view);
    g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits + 1);

    saved = ret_store_get_person (store, ret_person_item_get_person (first)->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->given_names, ==, "Nombre Editado");
  }

  /* The minors filter shows exactly the minors. */
  {
    GtkWidget *minors = ret_test_find_with_property (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "label", "Minors");
    RetPersonQuery query = { NULL, RET_PERSON_FILTER_MINORS };

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (minors), TRUE);
    g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                     ret_store_count_persons (store, &query, NULL));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (minors), FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1200);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_wait_frames (2);
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_person_details (GtkWidget     *widget,
                   gconstpointer  data)
{
  return RET_IS_PERSON_DETAILS (widget);
}

static GtkSingleSelection *
people_selection (RetPeopleView *view)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (ret_people_view_get_column_view (view)));
}

static gint64
selected_person_id (RetPeopleView *view)
{
  RetPersonItem *item = gtk_single_selection_get_selected_item (people_selection (view));

  return item != NULL ? ret_person_item_get_person (item)->id : 0;
}

/* The selection holds the person with @id, at their current position. */
static void
assert_selected (RetPeopleView *view,
                 gint64         id)
{
  RetPersonList *list = ret_people_view_get_list (view);

  g_assert_cmpint (selected_person_id (view), ==, id);
  g_assert_cmpuint (gtk_single_selection_get_selected (people_selection (view)), ==,
                    ret_person_list_find (list, id));
}

/* Types into the people search entry and waits for the list to search. */
static void
type_search (RetPeopleView *view,
             const char    *text)
{
  GtkWidget *entry = ret_test_find_widget (GTK_WIDGET (view), is_search_entry, NULL);
  RetPersonList *list = ret_people_view_get_list (view);
  gint64 until = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (g_strcmp0 (ret_person_list_get_search (list), *text ? text : NULL) != 0 &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (ret_person_list_get_search (list), ==, *text ? text : NULL);
  ret_test_wait_frames (1);
}

/* Answers the open unsaved-changes dialog with @response. */
static void
answer_unsaved_dialog (GtkWidget  *main,
                       const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_autoptr(GtkWidget) dialog = NULL;

  g_assert_nonnull (found);
  g_assert_true (GTK_WIDGET (found) != main);
  /* Held: answering the dialog may destroy it */
  dialog = g_object_ref (GTK_WIDGET (found));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == dialog)
        {
          gtk_window_destroy (GTK_WINDOW (dialog));
          break;
        }
    }
  ret_test_wait_frames (1);
}

/* The selection follows the person shown in the details pane, by who
 * they are rather than where they were, through saves, searches and
 * the unsaved-changes question; and a search never loses an edit. */
static void
test_people_selection (void)
{
  g_autoptr(RetStore) store = demo_store (1200);
  RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
  RetPeopleView *view = RET_PEOPLE_VIEW (ret_main_window_get_people_view (window));
  RetPersonList *list = ret_people_view_get_list (view);
  RetPersonDetails *details;
  GtkWidget *given;
  g_autoptr(RetPersonItem) item = NULL;
  g_autoptr(RetPersonItem) other_item = NULL;
  g_autofree char *family = NULL;
  g_autofree char *a_number = NULL;
  g_autofree char *other_a_number = NULL;
  gint64 id, other_id;
  guint position;

  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (10);

  details = RET_PERSON_DETAILS (ret_test_find_widget (GTK_WIDGET (window), is_person_details, NULL));
  given = ret_test_find_with_property (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "title", "Given names");
  g_assert_nonnull (details);
  g_assert_nonnull (given);

  item = g_list_model_get_item (G_LIST_MODEL (list), 600);
  id = ret_person_item_get_person (item)->id;
  family = g_strdup (ret_person_item_get_person (item)->family_name);
  a_number = g_strdup (ret_person_item_get_person (item)->a_number);
  ret_people_view_select (view, 600);
  ret_test_wait_frames (2);
  assert_selected (view, id);
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, id);

  /* Saved: the row is refreshed, and still selected. */
  gtk_editable_set_text (GTK_EDITABLE (given), "Zoe Editada");
  ret_people_view_save (view);
  ret_test_wait_frames (2);
  g_assert_false (ret_person_details_get_modified (details));
  assert_selected (view, id);

  /* A search that still finds them: the selection moves with them. */
  type_search (view, family);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 600);
  position = ret_person_list_find (list, id);
  g_assert_cmpuint (position, <, 600);
  assert_selected (view, id);

  /* An edit survives searching, also while the person is not listed. */
  gtk_editable_set_text (GTK_EDITABLE (given), "Texto Sin Guardar");
  g_assert_true (ret_person_details_get_modified (details));
  type_search (view, a_number);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  assert_selected (view, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Texto Sin Guardar");

  type_search (view, "no such person anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (people_selection (view)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, id);
  g_assert_true (ret_person_details_get_modified (details));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Texto Sin Guardar");

  type_search (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1200);
  assert_selected (view, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Texto Sin Guardar");

  /* Edit, search, click another row, keep editing: back on the edited
   * person, where the search put them, not on the old position. */
  type_search (view, family);
  position = ret_person_list_find (list, id);
  other_item = g_list_model_get_item (G_LIST_MODEL (list), position == 0 ? 1 : 0);
  other_id = ret_person_item_get_person (other_item)->id;
  other_a_number = g_strdup (ret_person_item_get_person (other_item)->a_number);
  g_assert_cmpint (other_id, !=, id);
  ret_people_view_select (view, position == 0 ? 1 : 0);
  answer_unsaved_dialog (GTK_WIDGET (window), "keep");
  assert_selected (view, id);
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Texto Sin Guardar");

  /* The same while the edited person is not listed: nothing selected,
   * the pane stays on them. */
  type_search (view, other_a_number);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  ret_people_view_select (view, 0);
  answer_unsaved_dialog (GTK_WIDGET (window), "keep");
  g_assert_cmpuint (gtk_single_selection_get_selected (people_selection (view)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Texto Sin Guardar");

  /* Discarding moves on to the person clicked. */
  ret_people_view_select (view, 0);
  answer_unsaved_dialog (GTK_WIDGET (window), "discard");
  assert_selected (view, other_id);
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, other_id);
  g_assert_false (ret_person_details_get_modified (details));

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_wait_frames (2);
}

static gboolean
is_text_view_containing (GtkWidget     *widget,
                         gconstpointer  needle)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!GTK_IS_TEXT_VIEW (widget))
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return strstr (text, needle) != NULL;
}

/* Waits until some toplevel other than @main shows a widget that
 * matches; returns that toplevel. */
static GtkWidget *
wait_for_toplevel_with (GtkWidget          *main,
                        RetTestWidgetMatch  match,
                        gconstpointer       data)
{
  gint64 until = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < until)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

          if (toplevel != main && ret_test_find_widget (toplevel, match, data) != NULL)
            return toplevel;
        }
      g_main_context_iteration (NULL, FALSE);
    }

  return NULL;
}

static const char roster_header[] =
  "a_number,family_name,given_names,sex,birth_date,nationality,nationality_verified,facility,"
  "apprehended_at,origin_state,origin_municipality,family_group,unaccompanied_minor,pregnant,"
  "disabled,ill,criminal_record,medical_fit,interior_consent,notes\n";

static void
test_import_from_gui (void)
{
  g_autoptr(RetStore) store = demo_store (40);
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "bad-roster.csv", NULL);
  g_autofree char *good_path = g_build_filename (g_get_user_data_dir (), "good-roster.csv", NULL);
  g_autofree char *bad = g_strconcat (roster_header,
    "X1,Prueba,Uno,M,1990-01-01,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n"
    "X2,Prueba,Dos,M,1990-02-30,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n",
    NULL);
  g_autofree char *good = g_strconcat (roster_header,
    "X1,Prueba,Uno,M,1990-01-01,MEX,yes,TCA,2026-11-27T10:00:00-07:00,Guanajuato,León,,no,no,no,no,no,yes,no,\n",
    NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GFile) good_file = NULL;
  RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
  RetPeopleView *view = RET_PEOPLE_VIEW (ret_main_window_get_people_view (window));
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (3);
  g_assert_cmpstr (ret_people_view_get_count_text (view), ==, "40 persons");

  /* A file with a bad row: every problem listed, nothing imported. */
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  bad_file = g_file_new_for_path (bad_path);
  ret_import_dialog_run_for_file (GTK_WINDOW (window), store, "tester", bad_file);
  expected = g_strdup_printf ("%s:3: birth_date:", bad_path);
  dialog = wait_for_toplevel_with (GTK_WIDGET (window), is_text_view_containing, expected);
  g_assert_nonnull (dialog);
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 40);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A good file: imported, and the list shows it without a restart. */
  g_assert_true (g_file_set_contents (good_path, good, -1, NULL));
  good_file = g_file_new_for_path (good_path);
  ret_import_dialog_run_for_file (GTK_WINDOW (window), store, "tester", good_file);
  dialog = wait_for_toplevel_with (GTK_WIDGET (window), is_label_with_prefix, "Imported 1 person");
  g_assert_nonnull (dialog);
  g_assert_cmpint (ret_store_count_persons (store, NULL, NULL), ==, 41);
  g_assert_cmpstr (ret_people_view_get_count_text (view), ==, "41 persons");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_wait_frames (2);
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* A coordinator corrects a sample capacity on the Points page. */
static void
test_points_edit (void)
{
  g_autoptr(RetStore) store = demo_store (10);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPoint) saved = NULL;
  RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
  GtkWidget *spin, *save;
  gint64 audits = ret_store_count_audit (store, "update");

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "points");
  ret_test_wait_frames (5);
  g_assert_cmpstr (ret_main_window_get_visible_view (window), ==, "points");

  /* The first point, west to east, is Tijuana, shown with its zone. */
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (window), is_label_with_prefix, "America/Tijuana"));

  spin = ret_test_find_widget (GTK_WIDGET (window), is_spin_button, NULL);
  save = ret_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Save");
  g_assert_nonnull (spin);
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (save));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 650);
  ret_test_wait_frames (1);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  ret_test_wait_frames (2);

  saved = ret_store_get_point (store, "TIJ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->daily_capacity, ==, 650);
  g_assert_false (saved->capacity_sample);
  g_assert_cmpint (ret_store_count_audit (store, "update"), ==, audits + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  ret_test_wait_frames (2);
}

/* Which OpenGL renderers count as software, where Retorno draws with
 * cairo instead. */
static void
test_software_gl_names (void)
{
  static const struct { const char *name; gboolean software; } cases[] = {
    { "llvmpipe (LLVM 15.0.6, 256 bits)", TRUE },
    { "softpipe", TRUE },
    { "Software Rasterizer", TRUE },
    { "Mesa Intel(R) UHD Graphics 620 (KBL GT2)", FALSE },
    { "NVIDIA GeForce GTX 1050/PCIe/SSE2", FALSE },
    { "AMD Radeon RX 580 (radeonsi, polaris10, LLVM 15.0.6, DRM 3.49)", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (ret_renderer_is_software_gl (cases[i].name), ==, cases[i].software);
}

/* "Show Persons" in the checks panel: the People page, with the person
 * selected and in the details pane, wherever they are in the list. */
static void
test_show_person_action (void)
{
  g_autoptr(RetStore) store = demo_store (1200);
  RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
  RetPeopleView *view = RET_PEOPLE_VIEW (ret_main_window_get_people_view (window));
  RetPersonList *list = ret_people_view_get_list (view);
  g_autoptr(RetPersonItem) item = NULL;
  RetPersonDetails *details;
  gint64 id;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "plan");
  ret_test_wait_frames (10);
  g_assert_cmpstr (ret_main_window_get_visible_view (window), ==, "plan");

  item = g_list_model_get_item (G_LIST_MODEL (list), 900);
  id = ret_person_item_get_person (item)->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-person", "x", id));
  ret_test_wait_frames (10);

  g_assert_cmpstr (ret_main_window_get_visible_view (window), ==, "people");
  assert_selected (view, id);
  details = RET_PERSON_DETAILS (ret_test_find_widget (GTK_WIDGET (window), is_person_details, NULL));
  g_assert_cmpint (ret_person_details_get_person_id (details), ==, id);

  /* the row itself is on screen, not only selected */
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (ret_people_view_get_column_view (view)), is_label_with_prefix,
                                          ret_person_item_get_person (item)->a_number));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The main menu offers the preferences of the rules. */
static void
test_main_menu (void)
{
  gboolean found = FALSE;

  {
    g_autoptr(RetStore) store = demo_store (10);
    RetMainWindow *window = ret_main_window_new (NULL, store, NULL);
    GtkWidget *menu_button = ret_test_find_widget (GTK_WIDGET (window), is_menu_button, NULL);
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));

    for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

        for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
          {
            g_autofree char *action = NULL;
            g_autofree char *label = NULL;

            g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
            g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
            if (g_strcmp0 (action, "app.preferences") == 0)
              {
                g_assert_cmpstr (label, ==, "_Preferences");
                found = TRUE;
              }
          }
      }

    gtk_window_destroy (GTK_WINDOW (window));
  }

  g_assert_true (found);
}

static void
test_open_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (RET_STORE_ERROR, RET_STORE_ERROR_NOT_RETORNO,
                                                 "/tmp/x.db is not a Retorno database");
  RetMainWindow *window = ret_main_window_new (NULL, NULL, error);

  gtk_window_present (GTK_WINDOW (window));
  ret_test_wait_frames (3);

  /* The reason is shown, not an empty window. */
  g_assert_nonnull (ret_test_find_widget (GTK_WIDGET (window), is_label_with_prefix,
                                          "/tmp/x.db is not a Retorno database"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add_func ("/window/people-view", test_people_view);
  g_test_add_func ("/window/people-selection", test_people_selection);
  g_test_add_func ("/window/import-from-gui", test_import_from_gui);
  g_test_add_func ("/window/points-edit", test_points_edit);
  g_test_add_func ("/window/open-error", test_open_error);
  g_test_add_func ("/window/show-person-action", test_show_person_action);
  g_test_add_func ("/window/main-menu", test_main_menu);
  g_test_add_func ("/renderer/software-gl-names", test_software_gl_names);

  return g_test_run ();
}
