/* test-transfer-dialog.c — one transfer's document chain, as a coordinator works it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ret-test-gui-util.h"
#include "ret-transfer-dialog.h"

#define TRANSFER_CODE "T-20261120-TEST-01"

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

/* One transfer from Tucson to Nogales on 20 November 2026 at 13:00, a
 * mother and her 15-year-old daughter on a one-seat van: a hard
 * violation of R16 whatever the clock says. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_person_free);
  g_autoptr(RetPlanDraft) plan = ret_plan_draft_new ();
  RetPlanDraftTransfer *transfer = ret_plan_draft_transfer_new ();

  fixture->store = ret_test_store_new ("transfer-dialog.db");
  fixture->point = ret_store_get_point (fixture->store, "NOG", &error);
  g_assert_no_error (error);

  g_ptr_array_add (persons, make_person ("TEST-0001", "Madre", 1990));
  g_ptr_array_add (persons, make_person ("TEST-0002", "Hija", 2011));
  g_assert_true (ret_store_insert_persons (fixture->store, persons, "tester", "test", &error));
  g_assert_no_error (error);

  transfer->code = g_strdup (TRANSFER_CODE);
  transfer->mode = g_strdup ("van");
  transfer->facility = g_strdup ("TCA");
  transfer->point = g_strdup ("NOG");
  transfer->handover_at = point_time (fixture->point->timezone, 2026, 11, 20, 13, 0);
  transfer->depart_at = transfer->handover_at - 3 * 3600;
  transfer->seats = 1;
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0001"));
  g_ptr_array_add (transfer->a_numbers, g_strdup ("TEST-0002"));
  g_ptr_array_add (plan->transfers, transfer);

  ret_store_insert_plan (fixture->store, plan, "tester", NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->dialog = ret_test_show_window (ret_transfer_dialog_new (NULL, fixture->store, TRANSFER_CODE));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
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

  return g_test_run ();
}
