/* test-transfer-dialog.c — one transfer's document chain, as a coordinator works it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-plan-edit.h"
#include "ret-solar.h"
#include "ret-store-schedule.h"
#include "ret-test-gui-util.h"
#include "ret-timeline-row.h"
#include "ret-transfer-dialog.h"

#define TRANSFER_CODE "T-20261120-TEST-01"
/* the rest of the day, for the moves */
#define BUS_CODE      "T-20261120-TEST-02"   /* TCA, 15:00, a bus with room */
#define UAM_VAN_CODE  "T-20261120-TEST-03"   /* TCA, 14:00, a child travelling alone */
#define EPT_CODE      "T-20261120-TEST-04"   /* another facility */
#define NEXT_DAY_CODE "T-20261121-TEST-05"   /* the next day */
#define NOTIFIED_CODE "T-20261120-TEST-06"   /* no longer planned */

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget);
}

/* A row of the checks: named after its rule, "R16" */
static gboolean
is_violation_row (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *name = gtk_widget_get_name (widget);

  return ADW_IS_ACTION_ROW (widget) && strlen (name) == 3 && name[0] == 'R' &&
         g_ascii_isdigit (name[1]) && g_ascii_isdigit (name[2]);
}

/* Fills the record dialog and answers it as the "Record" button does */
static void
fill_and_record (const char *who,
                 const char *when)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "who")), who);
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "when")), when);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));

  adw_message_dialog_response (dialog, "record");
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  ret_test_wait_frames (2);
}

static void
click_button_in (GtkWidget *root)
{
  GtkWidget *button = GTK_IS_BUTTON (root) ? root : ret_test_find_widget (root, is_button, NULL);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ret_test_wait_frames (2);
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gint64
point_time (const char *point_zone,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (point_zone);
  g_autoptr(GDateTime) dt = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

typedef struct
{
  RetStore  *store;
  RetPoint  *point;
  GtkWidget *dialog;
} Fixture;

static RetPerson *
make_person (const char *a_number,
             const char *given_names,
             int         birth_year)
{
  RetPerson *p = ret_person_new ();

  p->a_number = g_strdup (a_number);
  p->family_name = g_strdup ("Prueba");
  p->given_names = g_strdup (given_names);
  p->sex = RET_SEX_FEMALE;
  g_date_set_dmy (&p->birth_date, 1, 1, birth_year);
  p->nationality = g_strdup ("MEX");
  p->nationality_verified = TRUE;
  p->facility = g_strdup ("TCA");
  p->apprehended_at = point_time ("UTC", 2026, 11, 19, 6, 0);
  p->origin_code = g_strdup ("26043");
  p->family_group = g_strdup ("FAM-PRUEBA");
  p->medical_fit = TRUE;
  p->notes = g_strdup ("");

  return p;
}

/* A person travelling alone, not of the family */
static RetPerson *
make_single (const char     *a_number,
             int             birth_year,
             RetPersonFlags  flags)
{
  RetPerson *p = make_person (a_number, "Sola", birth_year);

  g_clear_pointer (&p->family_group, g_free);
  p->flags = flags;
  return p;
}

static RetPlanDraftTransfer *
add_transfer (RetPlanDraft *plan,
              const char   *code,
              const char   *mode,
              const char   *facility,
              const char   *point,
              gint64        handover_at,
              int           seats,
              const char   *a_number)
{
  RetPlanDraftTransfer *transfer = ret_plan_draft_transfer_new ();

  transfer->code = g_strdup (code);
  transfer->mode = g_strdup (mode);
  transfer->facility = g_strdup (facility);
  transfer->point = g_strdup (point);
  transfer->handover_at = handover_at;
  transfer->depart_at = transfer->handover_at - 3 * 3600;
  transfer->seats = seats;
  if (a_number != NULL)
    g_ptr_array_add (transfer->a_numbers, g_strdup (a_number));
  g_ptr_array_add (plan->transfers, transfer);

  return transfer;
}

/* One transfer from Tucson to Nogales on 20 November 2026 at 13:00, a
 * mother and her 15-year-old daughter on a one-seat van: a hard
 * violation of R16 whatever the clock says.  With @whole_day, the rest
 * of the day in the same draft plan: a bus with room, a van with a
 * child travelling alone, and transfers the two cannot be moved to. */
static void
fixture_build (Fixture  *fixture,
               gboolean  whole_day,
               gboolean  show_dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) plan = ret_plan_draft_new ();
  RetPlanDraftTransfer *transfer;
  const char *zone;

  fixture->store = ret_test_store_new ("transfer-dialog.db");
  fixture->point = ret_store_get_point (fixture->store, "NOG", &error);
  g_assert_no_error (error);
  zone = fixture->point->timezone;

  g_ptr_array_add (persons, make_person ("TEST-0001", "Madre", 1990));
  g_ptr_array_add (persons, make_person ("TEST-0002", "Hija", 2011));
  if (whole_day)
    {
      g_ptr_array_add (persons, make_single ("TEST-0003", 1985, 0));
      g_ptr_array_add (persons, make_single ("TEST-0004", 2012, RET_PERSON_FLAG_UNACCOMPANIED_MINOR));
      g_ptr_array_add (persons, make_single ("TEST-0005", 1980, 0));
      g_ptr_array_add (persons, make_single ("TEST-0006", 1981, 0));
      g_ptr_array_add (persons, make_single ("TEST-0007", 1982, 0));
    }
  g_assert_true (ret_store_insert_persons (fixture->store, persons, "tester", "test", &error));
  g_assert_no_error (error);

  transfer = add_transfer (plan, TRANSFER_CODE, "van", "TCA", "NOG",
                           point_time (zone, 2026, 11, 20, 13, 0), 1, "TEST-0001");
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0002"));
  if (whole_day)
    {
      add_transfer (plan, BUS_CODE, "bus", "TCA", "NOG", point_time (zone, 2026, 11, 20, 15, 0), 45, "TEST-0003");
      add_transfer (plan, UAM_VAN_CODE, "van", "TCA", "NOG", point_time (zone, 2026, 11, 20, 14, 0), 10, "TEST-0004");
      add_transfer (plan, EPT_CODE, "bus", "EPT", "CJS", point_time ("America/Ciudad_Juarez", 2026, 11, 20, 12, 0),
                    45, "TEST-0005");
      add_transfer (plan, NEXT_DAY_CODE, "bus", "TCA", "NOG", point_time (zone, 2026, 11, 21, 10, 0), 45, "TEST-0006");
      add_transfer (plan, NOTIFIED_CODE, "bus", "TCA", "NOG", point_time (zone, 2026, 11, 20, 16, 0), 45, "TEST-0007");
    }

  ret_store_insert_plan (fixture->store, plan, "tester", NULL, NULL, &error);
  g_assert_no_error (error);
  if (whole_day)
    {
      ret_store_set_transfer_status (fixture->store, NOTIFIED_CODE, RET_TRANSFER_NOTIFIED, "tester", &error);
      g_assert_no_error (error);
    }

  if (show_dialog)
    fixture->dialog = ret_test_show_window (ret_transfer_dialog_new (NULL, fixture->store, TRANSFER_CODE));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_build (fixture, FALSE, TRUE);
}

static void
fixture_set_up_day (Fixture       *fixture,
                    gconstpointer  data)
{
  fixture_build (fixture, TRUE, TRUE);
}

/* The day in the store, and no transfer's window: for the timeline */
static void
fixture_set_up_day_only (Fixture       *fixture,
                         gconstpointer  data)
{
  fixture_build (fixture, TRUE, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    ret_test_destroy_window (&fixture->dialog);
  g_clear_pointer (&fixture->point, ret_point_free);
  g_clear_object (&fixture->store);
}

static void
test_notice_record_inm (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  GtkWidget *row = ret_test_find_named (fixture->dialog, "inm");
  const RetNotice *notice;

  /* Before: the INM office has not been told */
  g_assert_cmpstr (row_subtitle (row), ==, "Not sent");
  g_assert_cmpstr (row_subtitle (ret_test_find_named (fixture->dialog, "consulate")), ==, "Not sent");

  click_button_in (row);
  fill_and_record ("Oficina INM", "2026-11-19 09:10");

  notices = ret_store_list_notices (fixture->store, TRANSFER_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  notice = g_ptr_array_index (notices, 0);
  g_assert_cmpint (notice->kind, ==, RET_NOTICE_INM);
  g_assert_cmpstr (notice->recipient, ==, "Oficina INM");
  g_assert_cmpint (notice->sent_at, ==, point_time (fixture->point->timezone, 2026, 11, 19, 9, 10));

  /* The row says so at once; the consulate's still does not */
  row = ret_test_find_named (fixture->dialog, "inm");
  g_assert_true (g_str_has_prefix (row_subtitle (row), "Sent 19 Nov 09:10 to Oficina INM by "));
  g_assert_cmpstr (row_subtitle (ret_test_find_named (fixture->dialog, "consulate")), ==, "Not sent");

  /* A notice recorded elsewhere (another window, the CLI's store) shows too */
  ret_store_record_notice (fixture->store, TRANSFER_CODE, RET_NOTICE_CONSULATE, "Consulado",
                           point_time (fixture->point->timezone, 2026, 11, 19, 9, 30), "otra", &error);
  g_assert_no_error (error);
  /* by the next frame */
  ret_test_wait_frames (1);
  g_assert_cmpstr (row_subtitle (ret_test_find_named (fixture->dialog, "consulate")), ==,
                   "Sent 19 Nov 09:30 to Consulado by otra");
}

static void
test_notice_future_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  AdwMessageDialog *dialog;

  click_button_in (ret_test_find_named (fixture->dialog, "consulate"));
  dialog = ADW_MESSAGE_DIALOG (ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);

  /* A notice cannot have been sent tomorrow, nor at no time at all */
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "who")), "Consulado");
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "when")), "2099-01-01 10:00");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "when")), "yesterday");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "when")), "2026-11-19 08:00");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (ret_test_find_named (GTK_WIDGET (dialog), "who")), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  ret_test_wait_frames (1);
}

static const RetCheckTransfer *
load_transfer (RetCheckData *data)
{
  int index = ret_check_data_find_transfer (data, TRANSFER_CODE);

  g_assert_cmpint (index, >=, 0);
  return g_ptr_array_index (data->transfers, index);
}

static RetCheckData *
load_check_data (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GDate date;
  RetCheckData *data;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_NOVEMBER, 2026);
  data = ret_store_load_check_data (fixture->store, &date, 1, 0, &error);
  g_assert_no_error (error);

  return data;
}

static void
test_handover_record_transfer (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RetCheckData) check = NULL;
  const RetCheckTransfer *transfer;
  GtkWidget *row = ret_test_find_named (fixture->dialog, "transfer-handover");

  g_assert_cmpstr (row_subtitle (row), ==, "Not recorded");

  click_button_in (ret_test_find_named (fixture->dialog, "record-handover"));
  fill_and_record ("Lic. Receptora", "2026-11-20 13:25");

  check = load_check_data (fixture);
  transfer = load_transfer (check);
  g_assert_cmpint (transfer->actual_handover_at, ==,
                   point_time (fixture->point->timezone, 2026, 11, 20, 13, 25));
  g_assert_cmpstr (transfer->receiving_official, ==, "Lic. Receptora");

  row = ret_test_find_named (fixture->dialog, "transfer-handover");
  g_assert_cmpstr (row_subtitle (row), ==, "Handed over 20 Nov 13:25 to Lic. Receptora");
}

static void
test_handover_record_person (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) manifest = ret_store_list_manifest (fixture->store, TRANSFER_CODE, &error);
  g_autoptr(RetCheckData) check = NULL;
  const RetPerson *person = NULL;
  const RetCheckTransfer *transfer;
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (manifest->len, ==, 2);
  for (guint i = 0; i < manifest->len; i++)
    if (g_strcmp0 (((RetPerson *) g_ptr_array_index (manifest, i))->a_number, "TEST-0002") == 0)
      person = g_ptr_array_index (manifest, i);
  g_assert_nonnull (person);

  /* The daughter is a minor: she needs her own record, and it shows */
  g_assert_nonnull (strstr (row_subtitle (ret_test_find_named (fixture->dialog, "TEST-0002")),
                            "a minor needs their own record"));

  /* Every person of the manifest is listed with their A-number */
  for (guint i = 0; i < manifest->len; i++)
    {
      const RetPerson *p = g_ptr_array_index (manifest, i);
      GtkWidget *row = ret_test_find_named (fixture->dialog, p->a_number);

      g_assert_true (g_str_has_prefix (row_subtitle (row), p->a_number));
      g_assert_nonnull (strstr (row_subtitle (row), "Not recorded"));
    }

  click_button_in (ret_test_find_named (fixture->dialog, person->a_number));
  fill_and_record ("Oficial DIF", "2026-11-20 13:40");

  check = load_check_data (fixture);
  transfer = load_transfer (check);
  for (guint i = 0; i < transfer->entries->len; i++)
    {
      const RetCheckEntry *entry = &g_array_index (transfer->entries, RetCheckEntry, i);
      const RetCheckPerson *p = g_ptr_array_index (check->persons, entry->person);

      if (p->person->id == person->id)
        {
          found = TRUE;
          g_assert_cmpstr (entry->receiving_official, ==, "Oficial DIF");
          g_assert_cmpint (entry->actual_handover_at, ==,
                           point_time (fixture->point->timezone, 2026, 11, 20, 13, 40));
        }
    }
  g_assert_true (found);

  g_assert_nonnull (strstr (row_subtitle (ret_test_find_named (fixture->dialog, person->a_number)),
                            "Handed over 20 Nov 13:40 to Oficial DIF"));
}

static void
test_checks_lists_violations (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RetCheckData) check = load_check_data (fixture);
  g_autoptr(RetCheckResult) result = ret_check_run (check);
  g_autoptr(GPtrArray) expected = ret_check_result_for_transfer (result, TRANSFER_CODE);
  const char *seats_code = ret_rule_get (RET_RULE_CAPACITY)->code;
  gboolean seats_found = FALSE;

  /* Two persons on a one-seat van */
  for (guint i = 0; i < expected->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (expected, i);

      if (v->rule == RET_RULE_CAPACITY && v->severity == RET_SEVERITY_HARD)
        {
          GtkWidget *row = ret_test_find_named (fixture->dialog, seats_code);

          seats_found = TRUE;
          g_assert_true (g_str_has_prefix (row_subtitle (row), v->message));
        }
    }
  g_assert_true (seats_found);

  /* Each violation of the transfer, and no other, has its row */
  g_assert_cmpuint (ret_test_count_widgets (fixture->dialog, is_violation_row, NULL), ==, expected->len);
}

static void
test_status_advance (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetTransfer) transfer = NULL;
  GtkWidget *advance = ret_test_find_named (fixture->dialog, "advance");

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (advance)), ==, "Mark Notified");
  click_button_in (advance);

  transfer = ret_store_get_transfer (fixture->store, TRANSFER_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (transfer->status, ==, ret_transfer_status_to_string (RET_TRANSFER_NOTIFIED));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (advance)), ==, "Mark Reviewed");
}


/* -------------------------------------------------------------------- */
/* pins and moves                                                        */

static void
test_pin_transfer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSwitch *pinned = GTK_SWITCH (ret_test_find_named (fixture->dialog, "pinned"));
  gboolean stored = TRUE;

  /* Not pinned to begin with, and the switch says so */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (pinned)));
  g_assert_false (gtk_switch_get_active (pinned));

  /* Pinned elsewhere: the switch follows by the next frame */
  ret_store_set_transfer_pinned (fixture->store, TRANSFER_CODE, TRUE, "otra", &error);
  g_assert_no_error (error);
  ret_test_wait_frames (1);
  pinned = GTK_SWITCH (ret_test_find_named (fixture->dialog, "pinned"));
  g_assert_true (gtk_switch_get_active (pinned));

  /* Unpinned with the switch: stored */
  gtk_switch_set_active (pinned, FALSE);
  ret_test_wait_frames (1);
  g_assert_true (ret_store_get_transfer_pinned (fixture->store, TRANSFER_CODE, &stored, &error));
  g_assert_no_error (error);
  g_assert_false (stored);
  g_assert_false (gtk_switch_get_active (pinned));

  /* and pinned again */
  gtk_switch_set_active (pinned, TRUE);
  ret_test_wait_frames (1);
  g_assert_true (ret_store_get_transfer_pinned (fixture->store, TRANSFER_CODE, &stored, &error));
  g_assert_true (stored);
}

static GtkToggleButton *
person_pin (Fixture    *fixture,
            const char *a_number)
{
  GtkWidget *row = ret_test_find_named (fixture->dialog, a_number);

  g_assert_nonnull (row);
  return GTK_TOGGLE_BUTTON (ret_test_find_named (row, "pin"));
}

static void
test_pin_person (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) none = NULL;

  g_assert_false (gtk_toggle_button_get_active (person_pin (fixture, "TEST-0001")));
  g_assert_false (gtk_toggle_button_get_active (person_pin (fixture, "TEST-0002")));

  /* Pinning the mother pins her daughter with her: they travel together */
  gtk_toggle_button_set_active (person_pin (fixture, "TEST-0001"), TRUE);
  ret_test_wait_frames (2);
  ids = ret_store_list_pinned_persons (fixture->store, TRANSFER_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (gtk_toggle_button_get_active (person_pin (fixture, "TEST-0001")));
  g_assert_true (gtk_toggle_button_get_active (person_pin (fixture, "TEST-0002")));

  gtk_toggle_button_set_active (person_pin (fixture, "TEST-0002"), FALSE);
  ret_test_wait_frames (2);
  none = ret_store_list_pinned_persons (fixture->store, TRANSFER_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (gtk_toggle_button_get_active (person_pin (fixture, "TEST-0001")));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/* As ret_test_find_named (), for a widget that may well be absent */
static GtkWidget *
find_named_or_null (GtkWidget  *root,
                    const char *name)
{
  return ret_test_find_widget (root, is_named, name);
}

static gboolean
is_list_box_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget);
}

/* Opens the "Move to…" menu of a person; its list of transfers, or NULL
 * when there is none to move to. */
static GtkWidget *
open_move_menu (Fixture    *fixture,
                const char *a_number,
                GtkWidget **popover)
{
  GtkWidget *row = ret_test_find_named (fixture->dialog, a_number);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = ret_test_find_named (row, "move");
  g_assert_nonnull (button);
  /* Into view first, as a user sees it: a popover of a button scrolled
   * below the window's edge has no monitor to be placed on */
  gtk_widget_grab_focus (button);
  ret_test_wait_frames (2);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ret_test_wait_frames (2);

  *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (*popover);
  return find_named_or_null (*popover, "move-targets");
}

static const char *
target_preview (GtkWidget *list,
                const char *code)
{
  GtkWidget *row = ret_test_find_named (list, code);

  g_assert_nonnull (row);
  return gtk_label_get_label (GTK_LABEL (ret_test_find_named (row, "preview")));
}

static guint
manifest_length (Fixture    *fixture,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) manifest = ret_store_list_manifest (fixture->store, code, &error);

  g_assert_no_error (error);
  return manifest->len;
}

static void
test_move_menu_lists_eligible (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *popover = NULL;
  GtkWidget *list = open_move_menu (fixture, "TEST-0001", &popover);
  GtkWidget *first;

  /* Only the planned transfers of the same facility and day: not the
   * other facility's, not the next day's, not the one already notified,
   * and not this one.  By handover. */
  g_assert_nonnull (list);
  g_assert_cmpuint (ret_test_count_widgets (list, is_list_box_row, NULL), ==, 2);
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (gtk_widget_get_name (first), ==, UAM_VAN_CODE);
  g_assert_nonnull (ret_test_find_named (list, BUS_CODE));
  g_assert_null (find_named_or_null (list, EPT_CODE));
  g_assert_null (find_named_or_null (list, NEXT_DAY_CODE));
  g_assert_null (find_named_or_null (list, NOTIFIED_CODE));

  /* The preview of each: adults with a child travelling alone break R06;
   * the bus with room breaks nothing */
  g_assert_cmpstr (target_preview (list, UAM_VAN_CODE), ==, "Would break: R06 Minors travel apart from adults");
  g_assert_true (gtk_widget_has_css_class (ret_test_find_named (ret_test_find_named (list, UAM_VAN_CODE), "preview"),
                                           "error"));
  g_assert_cmpstr (target_preview (list, BUS_CODE), ==, "No new problem");

  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* A harmless move is made at once, family and all */
static void
test_move_harmless (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *popover = NULL;
  GtkWidget *list = open_move_menu (fixture, "TEST-0002", &popover);

  g_assert_cmpuint (manifest_length (fixture, TRANSFER_CODE), ==, 2);
  g_assert_cmpuint (manifest_length (fixture, BUS_CODE), ==, 1);

  g_signal_emit_by_name (list, "row-activated", ret_test_find_named (list, BUS_CODE));
  ret_test_wait_frames (2);

  /* The daughter did not go alone: her mother went with her */
  g_assert_null (ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (manifest_length (fixture, TRANSFER_CODE), ==, 0);
  g_assert_cmpuint (manifest_length (fixture, BUS_CODE), ==, 3);
  /* and the window shows the manifest as it is now */
  g_assert_null (find_named_or_null (fixture->dialog, "TEST-0001"));
  g_assert_null (find_named_or_null (fixture->dialog, "TEST-0002"));
}

/* Answers the question on screen, which must name @rule */
static void
answer_question (const char *rule,
                 const char *response)
{
  AdwMessageDialog *question = ADW_MESSAGE_DIALOG (ret_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), rule));
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  adw_message_dialog_response (question, response);
  if (question != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (question), (gpointer *) &question);
      gtk_window_destroy (GTK_WINDOW (question));
    }
  ret_test_wait_frames (2);
}

/* A move that breaks a hard rule asks first: cancelled, nothing moves;
 * confirmed, it moves, and the check will show it */
static void
test_move_breaking_confirmed (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *popover = NULL;
  GtkWidget *list = open_move_menu (fixture, "TEST-0001", &popover);

  g_signal_emit_by_name (list, "row-activated", ret_test_find_named (list, UAM_VAN_CODE));
  ret_test_wait_frames (1);
  answer_question ("R06", "cancel");
  g_assert_cmpuint (manifest_length (fixture, TRANSFER_CODE), ==, 2);
  g_assert_cmpuint (manifest_length (fixture, UAM_VAN_CODE), ==, 1);

  list = open_move_menu (fixture, "TEST-0001", &popover);
  g_signal_emit_by_name (list, "row-activated", ret_test_find_named (list, UAM_VAN_CODE));
  ret_test_wait_frames (1);
  answer_question ("R06", "move");
  g_assert_cmpuint (manifest_length (fixture, TRANSFER_CODE), ==, 0);
  g_assert_cmpuint (manifest_length (fixture, UAM_VAN_CODE), ==, 3);
}

/* Nobody leaves a transfer that is no longer planned: no menu, no drag */
static void
test_move_not_editable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  g_assert_nonnull (ret_test_find_named (ret_test_find_named (fixture->dialog, "TEST-0001"), "move"));

  ret_store_set_transfer_status (fixture->store, TRANSFER_CODE, RET_TRANSFER_NOTIFIED, "tester", &error);
  g_assert_no_error (error);
  ret_test_wait_frames (1);

  row = ret_test_find_named (fixture->dialog, "TEST-0001");
  g_assert_nonnull (row);
  g_assert_null (find_named_or_null (row, "move"));
}

/* -------------------------------------------------------------------- */
/* the day's timeline, where the persons are dropped                     */

/* Nogales on 20 November, in a window wide enough that each transfer's
 * block shows: the van 10:00–13:00, the children's van 11:00–14:00, the
 * bus 12:00–15:00, the notified bus 13:00–16:00, drawn over each other
 * in that order. */
static GtkWidget *
timeline_window (Fixture         *fixture,
                 RetTimelineRow **row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (fixture->point->timezone);
  g_autoptr(GPtrArray) transfers = NULL;
  RetTimeline *timeline;
  RetDaylight daylight = { 0, };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = ret_timeline_row_new ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_NOVEMBER, 2026);
  g_assert_true (ret_daylight_compute (fixture->point->latitude, fixture->point->longitude, zone, &date,
                                       &daylight, &error));
  transfers = ret_store_list_transfers (fixture->store, point_time ("UTC", 2026, 11, 19, 0, 0),
                                        point_time ("UTC", 2026, 11, 22, 0, 0), &error);
  g_assert_no_error (error);
  timeline = ret_timeline_compute (fixture->point, &date, &daylight, transfers, 0, &error);
  g_assert_no_error (error);

  ret_timeline_row_set_store (RET_TIMELINE_ROW (widget), fixture->store);
  ret_timeline_row_set_timeline (RET_TIMELINE_ROW (widget), timeline);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 60);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  *row = RET_TIMELINE_ROW (widget);

  return ret_test_show_window (window);
}

/* The middle of where the block of @code is on top */
static double
block_x (RetTimelineRow *row,
         const char     *code)
{
  int width = gtk_widget_get_width (GTK_WIDGET (row));
  int first = -1, last = -1;

  for (int x = 0; x < width; x++)
    if (g_strcmp0 (ret_timeline_row_get_transfer_at (row, x), code) == 0)
      {
        if (first < 0)
          first = x;
        last = x;
      }

  g_assert_cmpint (first, >=, 0);
  return (first + last) / 2.0;
}

static gint64
person_id_of (Fixture    *fixture,
              const char *a_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) manifest = ret_store_list_manifest (fixture->store, TRANSFER_CODE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < manifest->len; i++)
    {
      const RetPerson *p = g_ptr_array_index (manifest, i);

      if (g_strcmp0 (p->a_number, a_number) == 0)
        return p->id;
    }
  g_assert_not_reached ();
}

/* While a person is dragged over a block, the row says what the drop
 * would do, and shows it in red or green. */
static void
test_timeline_drop_preview (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GObject) drag = g_object_new (G_TYPE_OBJECT, NULL);
  g_autofree char *text = ret_plan_drag_format (TRANSFER_CODE, person_id_of (fixture, "TEST-0001"));
  GtkWidget *widget;
  RetTimelineRow *row;
  GtkWidget *window = timeline_window (fixture, &row);

  widget = GTK_WIDGET (row);

  /* The mother, and her daughter with her, with a child travelling alone */
  g_assert_cmpstr (ret_timeline_row_preview_drop (row, drag, text, block_x (row, UAM_VAN_CODE)), ==,
                   "Would break: R06 Minors travel apart from adults");
  g_assert_true (gtk_widget_has_css_class (widget, "drop-blocked"));
  g_assert_false (gtk_widget_has_css_class (widget, "drop-ok"));

  /* On the bus with room, nothing breaks */
  g_assert_cmpstr (ret_timeline_row_preview_drop (row, drag, text, block_x (row, BUS_CODE)), ==, "No new problem");
  g_assert_true (gtk_widget_has_css_class (widget, "drop-ok"));
  g_assert_false (gtk_widget_has_css_class (widget, "drop-blocked"));

  /* A transfer already notified takes no one */
  g_assert_cmpstr (ret_timeline_row_preview_drop (row, drag, text, block_x (row, NOTIFIED_CODE)), ==,
                   "Cannot move here");
  g_assert_true (gtk_widget_has_css_class (widget, "drop-blocked"));

  /* Over their own transfer, or over no block, nothing happens */
  g_assert_null (ret_timeline_row_preview_drop (row, drag, text, block_x (row, TRANSFER_CODE)));
  g_assert_false (gtk_widget_has_css_class (widget, "drop-ok"));
  g_assert_false (gtk_widget_has_css_class (widget, "drop-blocked"));
  g_assert_null (ret_timeline_row_preview_drop (row, drag, text, 5));

  /* Text from elsewhere is no person */
  g_assert_null (ret_timeline_row_preview_drop (row, drag, "T-20261120-TEST-01", block_x (row, BUS_CODE)));

  ret_test_destroy_window (&window);
}

/* Pinned transfers carry a pin on their block */
static void
test_timeline_pinned (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RetTimelineRow *row;
  GtkWidget *window = timeline_window (fixture, &row);

  ret_test_wait_frames (1);
  g_assert_false (ret_timeline_row_is_transfer_pinned (row, BUS_CODE));

  ret_store_set_transfer_pinned (fixture->store, BUS_CODE, TRUE, "tester", &error);
  g_assert_no_error (error);
  ret_test_wait_frames (2);
  g_assert_true (ret_timeline_row_is_transfer_pinned (row, BUS_CODE));
  g_assert_false (ret_timeline_row_is_transfer_pinned (row, TRANSFER_CODE));

  ret_test_destroy_window (&window);
}

int
main (int argc, char **argv)
{
  ret_test_gui_init (&argc, &argv);

  g_test_add ("/transfer-dialog/notice/record-inm", Fixture, NULL,
              fixture_set_up, test_notice_record_inm, fixture_tear_down);
  g_test_add ("/transfer-dialog/notice/bad-input-refused", Fixture, NULL,
              fixture_set_up, test_notice_future_refused, fixture_tear_down);
  g_test_add ("/transfer-dialog/handover/record-transfer", Fixture, NULL,
              fixture_set_up, test_handover_record_transfer, fixture_tear_down);
  g_test_add ("/transfer-dialog/handover/record-person", Fixture, NULL,
              fixture_set_up, test_handover_record_person, fixture_tear_down);
  g_test_add ("/transfer-dialog/checks/lists-violations", Fixture, NULL,
              fixture_set_up, test_checks_lists_violations, fixture_tear_down);
  g_test_add ("/transfer-dialog/status/advance", Fixture, NULL,
              fixture_set_up, test_status_advance, fixture_tear_down);
  g_test_add ("/transfer-dialog/pin/transfer", Fixture, NULL,
              fixture_set_up, test_pin_transfer, fixture_tear_down);
  g_test_add ("/transfer-dialog/pin/person-with-family", Fixture, NULL,
              fixture_set_up, test_pin_person, fixture_tear_down);
  g_test_add ("/transfer-dialog/move/lists-eligible", Fixture, NULL,
              fixture_set_up_day, test_move_menu_lists_eligible, fixture_tear_down);
  g_test_add ("/transfer-dialog/move/harmless-at-once", Fixture, NULL,
              fixture_set_up_day, test_move_harmless, fixture_tear_down);
  g_test_add ("/transfer-dialog/move/breaking-asks-first", Fixture, NULL,
              fixture_set_up_day, test_move_breaking_confirmed, fixture_tear_down);
  g_test_add ("/transfer-dialog/move/not-editable", Fixture, NULL,
              fixture_set_up_day, test_move_not_editable, fixture_tear_down);
  g_test_add ("/transfer-dialog/timeline/drop-preview", Fixture, NULL,
              fixture_set_up_day_only, test_timeline_drop_preview, fixture_tear_down);
  g_test_add ("/transfer-dialog/timeline/pinned", Fixture, NULL,
              fixture_set_up_day_only, test_timeline_pinned, fixture_tear_down);

  return g_test_run ();
}
