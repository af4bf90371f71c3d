/* test-person-details.c — the person pane: medical notes, screening and
 * belongings, as a coordinator edits them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-demo.h"
#include "ret-person-details.h"
#include "ret-test-gui-util.h"

/* 2026-12-02 10:15 in Tucson (UTC-7, no DST) */
#define DEC_2_1015_TUCSON G_GINT64_CONSTANT (1796231700)

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The widget under @root of @type whose @property reads @value, as a
 * user finds it by what it says; fails the test when there is none. */
static GtkWidget *
find_with (GtkWidget  *root,
           GType       type,
           const char *property,
           const char *value)
{
  GtkWidget *found = ret_test_find_with_property (root, type, property, value);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  return find_with (root, ADW_TYPE_PREFERENCES_GROUP, "title", title);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return find_with (root, ADW_TYPE_PREFERENCES_ROW, "title", title);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_with (root, GTK_TYPE_BUTTON, "label", label);
}

/* Clicks @button as a user would: only when it can be clicked. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ret_test_wait_frames (1);
}

static void
set_switch (GtkWidget  *root,
            const char *row_title,
            gboolean    active)
{
  GtkWidget *row = find_row (root, row_title);
  GtkWidget *widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (GTK_IS_SWITCH (widget));
  gtk_switch_set_active (GTK_SWITCH (widget), active);
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *row_title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (root, row_title)));
}

typedef struct
{
  RetStore         *store;
  GtkWindow        *window;
  RetPersonDetails *details;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = ret_demo_generate (150, 11, g_get_real_time () / G_USEC_PER_SEC);

  /* The demo roster without its plan: the pane is about persons, and a
   * plan would only slow every test down. */
  fixture->store = ret_test_store_new ("person-details.db");
  ret_store_insert_persons (fixture->store, persons, "test", "demo roster", &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 420, 880);
  fixture->details = g_object_new (RET_TYPE_PERSON_DETAILS, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->details));
  ret_person_details_set_store (fixture->details, fixture->store);
  gtk_window_present (fixture->window);
  ret_test_wait_frames (3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ret_test_wait_frames (2);
  g_clear_object (&fixture->store);
}

/* The first person the demo roster has that matches @filter, and is
 * (or is not) an unaccompanied minor. */
static gint64
find_person (RetStore        *store,
             RetPersonFilter  filter,
             gboolean         unaccompanied)
{
  RetPersonQuery query = { NULL, filter };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ret_store_query_person_ids (store, &query, &error);
  GDate today;

  g_assert_no_error (error);
  ret_date_today (&today);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RetPerson) person = ret_store_get_person (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      if (unaccompanied == ((person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) != 0) &&
          (unaccompanied || !ret_person_is_minor (person, &today)))
        return person->id;
    }

  g_assert_not_reached ();
  return 0;
}

static GtkWidget *
medical_notes_view (Fixture *fixture)
{
  GtkWidget *group = find_group (GTK_WIDGET (fixture->details), "Medical");
  GtkWidget *view = ret_test_find_widget (group, is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));

  g_assert_nonnull (view);
  return view;
}

/* Typed conditions and medicines are stored with the person by the
 * pane's Save, and shown again when the person is opened again. */
static void
test_medical_notes_saved (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char notes[] = "Type 1 diabetes\nInsulin travels with her, keep cool";
  gint64 id = find_person (fixture->store, RET_PERSON_FILTER_NONE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetPerson) stored = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  ret_person_details_set_person_id (fixture->details, id);
  ret_test_wait_frames (1);
  g_assert_false (ret_person_details_get_modified (fixture->details));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (medical_notes_view (fixture)));
  /* Typed with a trailing blank line, which says nothing. */
  gtk_text_buffer_set_text (buffer, notes, -1);
  gtk_text_buffer_insert_at_cursor (buffer, "\n\n", -1);
  g_assert_true (ret_person_details_get_modified (fixture->details));
  click (find_button (GTK_WIDGET (fixture->details), "_Save"));
  g_assert_null (ret_person_details_get_error (fixture->details));
  g_assert_false (ret_person_details_get_modified (fixture->details));

  stored = ret_store_get_person (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->medical_notes, ==, notes);

  /* Away and back: the notes are read from the store. */
  ret_person_details_set_person_id (fixture->details, 0);
  ret_person_details_set_person_id (fixture->details, id);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (medical_notes_view (fixture)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, notes);
}

/* The screening group is for unaccompanied children: an adult never
 * sees it; a child does; marking someone unaccompanied shows it. */
static void
test_screening_visibility (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->details);
  GtkWidget *group = find_group (root, "Screening");
  gint64 adult = find_person (fixture->store, RET_PERSON_FILTER_NONE, FALSE);
  gint64 child = find_person (fixture->store, RET_PERSON_FILTER_UNACCOMPANIED, TRUE);

  ret_person_details_set_person_id (fixture->details, adult);
  ret_test_wait_frames (1);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_false (gtk_widget_get_mapped (group));

  ret_person_details_set_person_id (fixture->details, child);
  ret_test_wait_frames (1);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_mapped (group));
  g_assert_cmpstr (row_subtitle (root, "On record"), ==, "Not screened");

  ret_person_details_set_person_id (fixture->details, adult);
  set_switch (root, "Unaccompanied minor", TRUE);
  ret_test_wait_frames (1);
  g_assert_true (gtk_widget_get_visible (group));
}

/* Recording a screening from the pane stores it, and the line on record
 * says what was found; an incomplete one is refused and says why. */
static void
test_screening_recorded (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->details);
  gint64 child = find_person (fixture->store, RET_PERSON_FILTER_UNACCOMPANIED, TRUE);
  GtkWidget *record = find_button (root, "Record _Screening");
  GtkWidget *screener = find_row (root, "Screener");
  g_autoptr(RetScreening) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *summary;

  ret_person_details_set_person_id (fixture->details, child);
  ret_test_wait_frames (1);
  g_assert_false (gtk_widget_is_sensitive (record));

  /* No screener: refused, nothing stored, the user is told. */
  set_switch (root, "Able to decide on return", TRUE);
  g_assert_true (ret_person_details_get_modified (fixture->details));
  click (record);
  g_assert_nonnull (ret_person_details_get_error (fixture->details));
  g_assert_nonnull (strstr (ret_person_details_get_error (fixture->details), "screened the child"));
  stored = ret_store_get_screening (fixture->store, child, &error);
  g_assert_no_error (error);
  g_assert_null (stored);

  gtk_editable_set_text (GTK_EDITABLE (screener), "Ana Ruiz");
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, "Screened (ISO 8601 with UTC offset)")),
                         "2026-11-20T10:15:00-07:00");
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, "Screening notes")), "Wants to join her aunt");
  click (record);
  g_assert_null (ret_person_details_get_error (fixture->details));
  g_assert_false (gtk_widget_is_sensitive (record));
  g_assert_false (ret_person_details_get_modified (fixture->details));

  stored = ret_store_get_screening (fixture->store, child, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->screener, ==, "Ana Ruiz");
  g_assert_cmpint (stored->screened_at, ==, G_GINT64_CONSTANT (1795194900));
  g_assert_false (stored->trafficking_risk);
  g_assert_false (stored->fear_of_return);
  g_assert_true (stored->able_to_decide);
  g_assert_cmpstr (stored->notes, ==, "Wants to join her aunt");

  summary = row_subtitle (root, "On record");
  g_assert_true (g_str_has_prefix (summary, "Screened "));
  g_assert_true (g_str_has_suffix (summary, " by Ana Ruiz: no risk found"));

  /* Screened again, with a fear of return: the record and the line
   * follow. */
  set_switch (root, "Fear of return", TRUE);
  click (record);
  g_clear_pointer (&stored, ret_screening_free);
  stored = ret_store_get_screening (fixture->store, child, &error);
  g_assert_no_error (error);
  g_assert_true (stored->fear_of_return);
  g_assert_true (g_str_has_suffix (row_subtitle (root, "On record"), ": fear of return"));
}

static GtkWidget *
belongings_group (Fixture *fixture)
{
  return find_group (GTK_WIDGET (fixture->details), "Belongings");
}

static void
add_belonging (Fixture          *fixture,
               RetBelongingKind  kind,
               const char       *description)
{
  GtkWidget *group = belongings_group (fixture);

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (group, "Kind of item to add")), kind);
  gtk_editable_set_text (GTK_EDITABLE (find_row (group, "Description of item to add")), description);
  click (find_with (group, GTK_TYPE_BUTTON, "tooltip-text", "Add Item"));
}

static int
compare_by_description (gconstpointer a,
                        gconstpointer b)
{
  const RetBelonging *x = *(RetBelonging **) a;
  const RetBelonging *y = *(RetBelonging **) b;

  return g_strcmp0 (x->description, y->description);
}

/* Two items added, one put on board, the inventory saved: both are
 * stored with their statuses, and the pane says one is still held. */
static void
test_belongings_saved (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = find_person (fixture->store, RET_PERSON_FILTER_NONE, FALSE);
  GtkWidget *group, *row, *drop_down, *save;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  gboolean inventoried = TRUE;

  ret_person_details_set_person_id (fixture->details, id);
  ret_test_wait_frames (1);
  group = belongings_group (fixture);
  save = find_button (group, "Save _Inventory");
  g_assert_cmpstr (row_subtitle (group, "Inventory"), ==, "No inventory taken");

  /* A blank description is refused, and nothing is added. */
  add_belonging (fixture, RET_BELONGING_MONEY, "  ");
  g_assert_nonnull (ret_person_details_get_error (fixture->details));
  g_assert_false (ret_person_details_get_modified (fixture->details));

  add_belonging (fixture, RET_BELONGING_DOCUMENTS, "Mexican passport");
  add_belonging (fixture, RET_BELONGING_MONEY, "40 US dollars");
  g_assert_true (ret_person_details_get_modified (fixture->details));

  row = find_row (group, "40 US dollars");
  drop_down = ret_test_find_widget (row, is_type, GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, RET_BELONGING_HELD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), RET_BELONGING_ON_BOARD);

  click (save);
  g_assert_null (ret_person_details_get_error (fixture->details));
  g_assert_false (ret_person_details_get_modified (fixture->details));
  g_assert_false (gtk_widget_is_sensitive (save));

  stored = ret_store_list_belongings (fixture->store, id, &inventoried, &error);
  g_assert_no_error (error);
  g_assert_true (inventoried);
  g_assert_cmpuint (stored->len, ==, 2);
  g_ptr_array_sort (stored, compare_by_description);
  {
    const RetBelonging *money = g_ptr_array_index (stored, 0);
    const RetBelonging *passport = g_ptr_array_index (stored, 1);

    g_assert_cmpstr (money->description, ==, "40 US dollars");
    g_assert_cmpint (money->kind, ==, RET_BELONGING_MONEY);
    g_assert_cmpint (money->status, ==, RET_BELONGING_ON_BOARD);
    g_assert_cmpstr (passport->description, ==, "Mexican passport");
    g_assert_cmpint (passport->kind, ==, RET_BELONGING_DOCUMENTS);
    g_assert_cmpint (passport->status, ==, RET_BELONGING_HELD);
  }
  g_assert_cmpstr (row_subtitle (group, "Inventory"), ==, "Inventory taken: 2 items, 1 still held");

  /* Removed and saved with the pane's own Save (Ctrl+S): one left. */
  click (find_with (find_row (group, "Mexican passport"), GTK_TYPE_BUTTON, "tooltip-text", "Remove Item"));
  g_assert_null (ret_test_find_with_property (group, ADW_TYPE_PREFERENCES_ROW, "title", "Mexican passport"));
  g_assert_true (ret_person_details_get_modified (fixture->details));
  g_assert_true (ret_person_details_save (fixture->details));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = ret_store_list_belongings (fixture->store, id, &inventoried, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (row_subtitle (group, "Inventory"), ==,
                   "Inventory taken: 1 item, all returned or on board");
}

/* Leaving a person with an inventory being typed counts as unsaved, and
 * Revert brings back what is stored. */
static void
test_belongings_revert (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 id = find_person (fixture->store, RET_PERSON_FILTER_NONE, FALSE);
  GtkWidget *group;

  ret_person_details_set_person_id (fixture->details, id);
  ret_test_wait_frames (1);
  group = belongings_group (fixture);

  add_belonging (fixture, RET_BELONGING_MEDICINES, "Insulin pen");
  g_assert_true (ret_person_details_get_modified (fixture->details));
  g_assert_nonnull (find_row (group, "Insulin pen"));

  click (find_button (GTK_WIDGET (fixture->details), "_Revert"));
  g_assert_false (ret_person_details_get_modified (fixture->details));
  g_assert_null (ret_test_find_with_property (group, ADW_TYPE_PREFERENCES_ROW, "title", "Insulin pen"));
  g_assert_cmpstr (row_subtitle (group, "Inventory"), ==, "No inventory taken");
}

/* Someone else changed the person since the pane read them: saving the
 * pane's edit is refused and says so, Revert shows the record as it now
 * is, and an inventory can still be saved meanwhile. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->details);
  gint64 id = find_person (fixture->store, RET_PERSON_FILTER_NONE, FALSE);
  g_autoptr(RetPerson) elsewhere = NULL;
  g_autoptr(RetPerson) stored = NULL;
  g_autoptr(GPtrArray) belongings = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;

  ret_person_details_set_person_id (fixture->details, id);
  ret_test_wait_frames (1);

  elsewhere = ret_store_get_person (fixture->store, id, &error);
  g_assert_no_error (error);
  g_free (elsewhere->given_names);
  elsewhere->given_names = g_strdup ("Cambiado Fuera");
  ret_store_update_person (fixture->store, elsewhere, "another office", &error);
  g_assert_no_error (error);

  /* An inventory does not depend on the person's revision. */
  add_belonging (fixture, RET_BELONGING_DOCUMENTS, "Birth certificate");
  g_assert_true (ret_person_details_save (fixture->details));
  belongings = ret_store_list_belongings (fixture->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (belongings->len, ==, 1);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (medical_notes_view (fixture)));
  gtk_text_buffer_set_text (buffer, "Asthma", -1);
  g_assert_false (ret_person_details_save (fixture->details));
  g_assert_nonnull (strstr (ret_person_details_get_error (fixture->details), "changed elsewhere"));
  g_assert_true (ret_person_details_get_modified (fixture->details));

  click (find_button (root, "_Revert"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (root, "Given names"))), ==, "Cambiado Fuera");
  gtk_text_buffer_set_text (buffer, "Asthma", -1);
  g_assert_true (ret_person_details_save (fixture->details));
  stored = ret_store_get_person (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->medical_notes, ==, "Asthma");
  g_assert_cmpstr (stored->given_names, ==, "Cambiado Fuera");
}

/* The lines the pane shows, without a display. */
static void
test_format_screening (void)
{
  static const struct
  {
    gboolean    trafficking;
    gboolean    fear;
    gboolean    able;
    gint64      now;
    const char *expected;
  } cases[] = {
    { FALSE, FALSE, TRUE, DEC_2_1015_TUCSON, "Screened 2 Dec 10:15 by Ana Ruiz: no risk found" },
    { TRUE, FALSE, TRUE, DEC_2_1015_TUCSON, "Screened 2 Dec 10:15 by Ana Ruiz: risk of trafficking" },
    { TRUE, TRUE, FALSE, DEC_2_1015_TUCSON,
      "Screened 2 Dec 10:15 by Ana Ruiz: risk of trafficking, fear of return, not able to decide" },
    { FALSE, FALSE, FALSE, DEC_2_1015_TUCSON, "Screened 2 Dec 10:15 by Ana Ruiz: not able to decide" },
    /* A screening of another year says which */
    { FALSE, FALSE, TRUE, DEC_2_1015_TUCSON + 60 * 86400, "Screened 2 Dec 2026 10:15 by Ana Ruiz: no risk found" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RetScreening screening = {
        .screened_at = DEC_2_1015_TUCSON,
        .screener = (char *) "Ana Ruiz",
        .trafficking_risk = cases[i].trafficking,
        .fear_of_return = cases[i].fear,
        .able_to_decide = cases[i].able,
      };
      g_autofree char *text = ret_person_details_format_screening (&screening, "America/Phoenix", cases[i].now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *none = ret_person_details_format_screening (NULL, "America/Phoenix", DEC_2_1015_TUCSON);

    g_assert_cmpstr (none, ==, "Not screened");
  }
}

static void
test_format_inventory (void)
{
  static const struct
  {
    gboolean                 inventoried;
    const char              *statuses;  /* H held, B on board, R returned, M missing */
    const char              *expected;
  } cases[] = {
    { FALSE, "", "No inventory taken" },
    { TRUE, "", "Inventory taken: nothing held" },
    { TRUE, "HBB", "Inventory taken: 3 items, 1 still held" },
    { TRUE, "HHM", "Inventory taken: 3 items, 2 still held, 1 missing" },
    { TRUE, "B", "Inventory taken: 1 item, all returned or on board" },
    { TRUE, "RB", "Inventory taken: 2 items, all returned or on board" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) belongings = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_belonging_free);
      g_autofree char *text = NULL;

      for (const char *c = cases[i].statuses; *c != '\0'; c++)
        {
          RetBelonging *b = ret_belonging_new ();

          b->kind = RET_BELONGING_OTHER;
          b->description = g_strdup ("item");
          b->status = *c == 'H' ? RET_BELONGING_HELD
                      : *c == 'B' ? RET_BELONGING_ON_BOARD
                      : *c == 'R' ? RET_BELONGING_RETURNED
                      : RET_BELONGING_MISSING;
          g_ptr_array_add (belongings, b);
        }

      text = ret_person_details_format_inventory (belongings, cases[i].inventoried);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add_func ("/person-details/format/screening", test_format_screening);
  g_test_add_func ("/person-details/format/inventory", test_format_inventory);
  g_test_add ("/person-details/medical/notes-saved", Fixture, NULL,
              fixture_set_up, test_medical_notes_saved, fixture_tear_down);
  g_test_add ("/person-details/medical/conflict-then-revert", Fixture, NULL,
              fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/person-details/screening/shown-for-unaccompanied-only", Fixture, NULL,
              fixture_set_up, test_screening_visibility, fixture_tear_down);
  g_test_add ("/person-details/screening/recorded", Fixture, NULL,
              fixture_set_up, test_screening_recorded, fixture_tear_down);
  g_test_add ("/person-details/belongings/two-saved-with-status", Fixture, NULL,
              fixture_set_up, test_belongings_saved, fixture_tear_down);
  g_test_add ("/person-details/belongings/revert", Fixture, NULL,
              fixture_set_up, test_belongings_revert, fixture_tear_down);

  return g_test_run ();
}
