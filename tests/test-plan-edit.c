/* test-plan-edit.c — moving persons between transfers by hand, and what the move would break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plans built by hand with ret-check-builder: Tucson (TCA) to Nogales
 * (NOG), open 06:00–21:00, minors until 18:00, on Thursday 3 December
 * 2026.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ret-check-builder.h"
#include "ret-plan-edit.h"

#define ADULT  "1990-01-01"
#define CHILD  "2016-06-01"   /* 10 on 2026-12-03 */
#define TEEN   "2011-06-01"   /* 15 */
#define DAY    "2026-12-03"

#define UAM    RET_PERSON_FLAG_UNACCOMPANIED_MINOR

/* The plan every move test starts from:
 *   VAN-1  12:00  10 seats  an unaccompanied 15-year-old (no screening
 *                           recorded: a hard R05 already, which must not
 *                           count as new when she moves)
 *   BUS-1  13:00  45 seats  two adults, and the Ruiz family (a mother
 *                           and her son of 10)
 *   BUS-2  14:00   2 seats  two adults: full
 *   BUS-3  15:00  45 seats  one adult */
typedef struct
{
  RetCheckData *data;
  guint         van1, bus1, bus2, bus3;
} Plan;

static void
plan_build (Plan *plan)
{
  RetCheckData *data = ret_builder_new ();

  plan->data = data;
  plan->van1 = ret_builder_transfer (data, "VAN-1", "van", "TCA", "NOG", DAY "T12:00", 10);
  plan->bus1 = ret_builder_transfer (data, "BUS-1", "bus", "TCA", "NOG", DAY "T13:00", 45);
  plan->bus2 = ret_builder_transfer (data, "BUS-2", "bus", "TCA", "NOG", DAY "T14:00", 2);
  plan->bus3 = ret_builder_transfer (data, "BUS-3", "bus", "TCA", "NOG", DAY "T15:00", 45);

  ret_builder_board (data, plan->van1, ret_builder_person (data, "U1", TEEN, UAM, NULL, "TCA"));
  ret_builder_board (data, plan->bus1, ret_builder_person (data, "A1", ADULT, 0, NULL, "TCA"));
  ret_builder_board (data, plan->bus1, ret_builder_person (data, "A2", ADULT, 0, NULL, "TCA"));
  ret_builder_board (data, plan->bus1, ret_builder_person (data, "F1", ADULT, 0, "RUIZ-1", "TCA"));
  ret_builder_board (data, plan->bus1, ret_builder_person (data, "F2", CHILD, 0, "RUIZ-1", "TCA"));
  ret_builder_board (data, plan->bus2, ret_builder_person (data, "B1", ADULT, 0, NULL, "TCA"));
  ret_builder_board (data, plan->bus2, ret_builder_person (data, "B2", ADULT, 0, NULL, "TCA"));
  ret_builder_board (data, plan->bus3, ret_builder_person (data, "C1", ADULT, 0, NULL, "TCA"));

  /* A recorded string on a manifest entry: the preview must hand back
   * the very same entry, not a copy */
  ret_builder_get_entry (data, plan->bus1, 2)->receiving_official = g_strdup ("Lic. Prueba");
}

static gint64
person_id (RetCheckData *data,
           const char   *a_number)
{
  for (guint i = 0; i < data->persons->len; i++)
    {
      const RetCheckPerson *p = g_ptr_array_index (data->persons, i);

      if (g_strcmp0 (p->person->a_number, a_number) == 0)
        return p->person->id;
    }
  g_assert_not_reached ();
}

static char *
result_to_string (RetCheckResult *result)
{
  g_autoptr(JsonNode) node = ret_check_result_to_json (result);

  return json_to_string (node, FALSE);
}

/* The manifests as text: person indexes and the address of each
 * entry's strings, so that a copy is told from the original. */
static char *
manifests_to_string (RetCheckData *data)
{
  GString *text = g_string_new (NULL);

  for (guint t = 0; t < data->transfers->len; t++)
    {
      const RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, t);

      g_string_append_printf (text, "%s@%p:", transfer->code, (gpointer) transfer->entries);
      for (guint e = 0; e < transfer->entries->len; e++)
        {
          const RetCheckEntry *entry = &g_array_index (transfer->entries, RetCheckEntry, e);

          g_string_append_printf (text, " %u/%p", entry->person, (gpointer) entry->receiving_official);
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static gboolean
has_rule (GPtrArray *problems,
          RetRuleId  rule)
{
  for (guint i = 0; i < problems->len; i++)
    if (((const RetViolation *) g_ptr_array_index (problems, i))->rule == rule)
      return TRUE;
  return FALSE;
}

/* -------------------------------------------------------------------- */
/* The preview                                                           */

typedef struct
{
  const char *path;
  const char *from;
  const char *to;
  const char *a_number;
  int         rule;          /* the first new problem; -1 for none */
  const char *description;
} PreviewCase;

static const PreviewCase preview_cases[] = {
  /* A child travelling alone put on a bus with adults: R06, and nothing
   * about her missing screening, which she has wherever she travels */
  { "/plan-edit/preview/minor-onto-adult-bus", "VAN-1", "BUS-1", "U1",
    RET_RULE_MINORS_SEPARATE, "Would break: R06 Minors travel apart from adults" },
  /* One more on a full bus */
  { "/plan-edit/preview/full-bus", "BUS-1", "BUS-2", "A1",
    RET_RULE_CAPACITY, "Would break: R16 Capacity" },
  /* An adult to a bus with room */
  { "/plan-edit/preview/harmless", "BUS-1", "BUS-3", "A2", -1, "No new problem" },
  /* The son alone would split his family (R07): his mother goes with
   * him, and nothing breaks */
  { "/plan-edit/preview/family-moves-whole", "BUS-1", "BUS-3", "F2", -1, "No new problem" },
  /* Adults put in the children's van: R06 again */
  { "/plan-edit/preview/adult-into-minors-van", "BUS-3", "VAN-1", "C1",
    RET_RULE_MINORS_SEPARATE, "Would break: R06 Minors travel apart from adults" },
};

static void
test_preview (gconstpointer user_data)
{
  const PreviewCase *c = user_data;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(RetCheckResult) fresh = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *result_before = NULL;
  g_autofree char *result_after = NULL;
  g_autofree char *fresh_text = NULL;
  g_autofree char *manifests_before = NULL;
  g_autofree char *manifests_after = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  Plan plan;

  plan_build (&plan);
  data = plan.data;
  result = ret_check_run (data);
  result_before = result_to_string (result);
  manifests_before = manifests_to_string (data);

  id = person_id (data, c->a_number);
  problems = ret_plan_preview_move (data, result, c->from, c->to, &id, 1);
  g_assert_nonnull (problems);

  if (c->rule < 0)
    g_assert_cmpuint (problems->len, ==, 0);
  else
    {
      const RetViolation *first;

      g_assert_cmpuint (problems->len, >, 0);
      first = g_ptr_array_index (problems, 0);
      g_assert_cmpint (first->rule, ==, c->rule);
      g_assert_cmpint (first->severity, ==, RET_SEVERITY_HARD);
      g_assert_null (first->resolution);
    }

  /* Never a problem the persons had already, nor a split family */
  g_assert_false (has_rule (problems, RET_RULE_MINORS_SCREENING));
  g_assert_false (has_rule (problems, RET_RULE_FAMILY_UNITY));

  description = ret_plan_describe_preview (problems);
  g_assert_cmpstr (description, ==, c->description);

  /* The data and the check exactly as before, and still what a fresh
   * check of the data finds */
  manifests_after = manifests_to_string (data);
  g_assert_cmpstr (manifests_after, ==, manifests_before);
  result_after = result_to_string (result);
  g_assert_cmpstr (result_after, ==, result_before);
  fresh = ret_check_run (data);
  fresh_text = result_to_string (fresh);
  g_assert_cmpstr (fresh_text, ==, result_before);
}

/* Moving the son by himself would have broken R07: the preview moves
 * the family, and the store is told to move both. */
static void
test_family_on_transfer (void)
{
  g_autoptr(GArray) family = NULL;
  g_autoptr(GArray) alone = NULL;
  g_autoptr(GArray) several = NULL;
  g_autoptr(GArray) absent = NULL;
  Plan plan;
  RetCheckData *data;
  gint64 ids[3];

  plan_build (&plan);
  data = plan.data;

  family = ret_plan_family_on_transfer (data, "BUS-1", person_id (data, "F2"));
  g_assert_cmpuint (family->len, ==, 2);
  /* in manifest order: the mother first */
  g_assert_cmpint (g_array_index (family, gint64, 0), ==, person_id (data, "F1"));
  g_assert_cmpint (g_array_index (family, gint64, 1), ==, person_id (data, "F2"));

  alone = ret_plan_family_on_transfer (data, "BUS-1", person_id (data, "A1"));
  g_assert_cmpuint (alone->len, ==, 1);
  g_assert_cmpint (g_array_index (alone, gint64, 0), ==, person_id (data, "A1"));

  /* Both members and one stranger: three persons, no repeats */
  ids[0] = person_id (data, "F1");
  ids[1] = person_id (data, "F2");
  ids[2] = person_id (data, "A2");
  several = ret_plan_expand_move (data, "BUS-1", ids, 3);
  g_assert_cmpuint (several->len, ==, 3);

  /* Someone who is not on the transfer does not move */
  absent = ret_plan_family_on_transfer (data, "BUS-2", person_id (data, "F1"));
  g_assert_cmpuint (absent->len, ==, 0);

  ret_check_data_free (data);
}

/* A move to the transfer itself, or to one the data does not have, is
 * no move. */
static void
test_preview_refused (void)
{
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  Plan plan;
  gint64 id;

  plan_build (&plan);
  result = ret_check_run (plan.data);
  id = person_id (plan.data, "A1");

  same = ret_plan_preview_move (plan.data, result, "BUS-1", "BUS-1", &id, 1);
  g_assert_null (same);
  unknown = ret_plan_preview_move (plan.data, result, "BUS-1", "BUS-9", &id, 1);
  g_assert_null (unknown);
  /* A1 is not on BUS-2: nothing moves, nothing breaks */
  nobody = ret_plan_preview_move (plan.data, result, "BUS-2", "BUS-3", &id, 1);
  g_assert_nonnull (nobody);
  g_assert_cmpuint (nobody->len, ==, 0);

  ret_check_data_free (plan.data);
}

/* A problem the plan has already is no news: a bus over its seats
 * stays over them when one more boards, and the check shows it already.
 * Once overridden, it is news: the override covered the persons on board
 * then, and approval would be blocked again. */
static void
test_preview_existing_problem (void)
{
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) overridden = NULL;
  const RetViolation *seats;
  RetResolution *resolution;
  Plan plan;
  gint64 id;

  plan_build (&plan);
  ret_builder_board (plan.data, plan.bus2, ret_builder_person (plan.data, "B3", ADULT, 0, NULL, "TCA"));
  result = ret_check_run (plan.data);
  g_assert_cmpuint (ret_builder_count_severity (result, RET_RULE_CAPACITY, RET_SEVERITY_HARD), ==, 1);

  /* Taking one off the overfull bus breaks nothing new */
  id = person_id (plan.data, "B3");
  problems = ret_plan_preview_move (plan.data, result, "BUS-2", "BUS-3", &id, 1);
  g_assert_cmpuint (problems->len, ==, 0);

  /* One more on it: the same problem, unresolved already */
  id = person_id (plan.data, "C1");
  again = ret_plan_preview_move (plan.data, result, "BUS-3", "BUS-2", &id, 1);
  g_assert_cmpuint (again->len, ==, 0);

  /* Overridden, then one more boards: the override does not cover it */
  seats = ret_builder_first (result, RET_RULE_CAPACITY);
  resolution = g_new0 (RetResolution, 1);
  resolution->plan_id = seats->plan_id;
  resolution->transfer_code = g_strdup (seats->transfer_code);
  resolution->rule = RET_RULE_CAPACITY;
  resolution->subject = g_strdup (seats->subject);
  resolution->kind = RET_RESOLUTION_OVERRIDE;
  resolution->reason = g_strdup ("A child on a lap");
  resolution->approver = g_strdup ("Supervisor");
  g_ptr_array_add (plan.data->resolutions, resolution);
  ret_check_result_resolve (result, plan.data);
  g_assert_true (ret_violation_is_resolved (ret_builder_first (result, RET_RULE_CAPACITY)));

  overridden = ret_plan_preview_move (plan.data, result, "BUS-3", "BUS-2", &id, 1);
  g_assert_true (has_rule (overridden, RET_RULE_CAPACITY));
  /* and the override is still there, on the bus as it is */
  g_assert_true (ret_violation_is_resolved (ret_builder_first (result, RET_RULE_CAPACITY)));

  ret_check_data_free (plan.data);
}

/* An override is given on one transfer: a child whose missing screening
 * was accepted there has it again, unaccepted, on another. */
static void
test_preview_override_stays (void)
{
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const RetViolation *screening;
  RetResolution *resolution;
  Plan plan;
  gint64 id;

  plan_build (&plan);
  ret_builder_transfer (plan.data, "VAN-2", "van", "TCA", "NOG", DAY "T16:00", 10);
  result = ret_check_run (plan.data);
  screening = ret_builder_first (result, RET_RULE_MINORS_SCREENING);
  g_assert_nonnull (screening);

  resolution = g_new0 (RetResolution, 1);
  resolution->plan_id = screening->plan_id;
  resolution->transfer_code = g_strdup (screening->transfer_code);
  resolution->rule = RET_RULE_MINORS_SCREENING;
  resolution->subject = g_strdup (screening->subject);
  resolution->kind = RET_RESOLUTION_OVERRIDE;
  resolution->reason = g_strdup ("Screened by phone, record to follow");
  resolution->approver = g_strdup ("Supervisor");
  g_ptr_array_add (plan.data->resolutions, resolution);
  ret_check_result_resolve (result, plan.data);
  g_assert_true (ret_violation_is_resolved (ret_builder_first (result, RET_RULE_MINORS_SCREENING)));

  /* To another children's van: nothing but the screening, again */
  id = person_id (plan.data, "U1");
  problems = ret_plan_preview_move (plan.data, result, "VAN-1", "VAN-2", &id, 1);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((const RetViolation *) g_ptr_array_index (problems, 0))->rule, ==, RET_RULE_MINORS_SCREENING);
  g_assert_true (ret_violation_is_resolved (ret_builder_first (result, RET_RULE_MINORS_SCREENING)));

  ret_check_data_free (plan.data);
}

/* -------------------------------------------------------------------- */
/* Where persons can be moved                                            */

static void
test_move_targets (void)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) from_locked = NULL;
  g_autoptr(GPtrArray) no_drafts = NULL;
  RetCheckData *data;
  const gint64 drafts[] = { 1, 7 };
  guint other_day, other_facility, notified, approved, other_draft;
  Plan plan;

  plan_build (&plan);
  data = plan.data;

  other_day = ret_builder_transfer (data, "BUS-DAY", "bus", "TCA", "NOG", "2026-12-04T09:00", 45);
  other_facility = ret_builder_transfer (data, "BUS-EPT", "bus", "EPT", "CJS", DAY "T10:00", 45);
  notified = ret_builder_transfer (data, "BUS-NOTIFIED", "bus", "TCA", "NOG", DAY "T11:00", 45);
  ret_builder_get_transfer (data, notified)->status = RET_TRANSFER_NOTIFIED;
  approved = ret_builder_transfer (data, "BUS-APPROVED", "bus", "TCA", "NOG", DAY "T11:30", 45);
  ret_builder_get_transfer (data, approved)->plan_id = 2;
  /* another draft plan of the same day, and an early hour: first */
  other_draft = ret_builder_transfer (data, "VAN-0", "van", "TCA", "NOG", DAY "T08:00", 10);
  ret_builder_get_transfer (data, other_draft)->plan_id = 7;
  (void) other_day;
  (void) other_facility;

  targets = ret_plan_list_move_targets (data, "BUS-1", drafts, G_N_ELEMENTS (drafts));
  g_assert_cmpuint (targets->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (targets, 0), ==, "VAN-0");
  g_assert_cmpstr (g_ptr_array_index (targets, 1), ==, "VAN-1");
  g_assert_cmpstr (g_ptr_array_index (targets, 2), ==, "BUS-2");
  g_assert_cmpstr (g_ptr_array_index (targets, 3), ==, "BUS-3");

  g_assert_true (ret_plan_transfer_is_editable (data, plan.bus1, drafts, 2));
  g_assert_false (ret_plan_transfer_is_editable (data, notified, drafts, 2));
  g_assert_false (ret_plan_transfer_is_editable (data, approved, drafts, 2));

  /* Nobody leaves a transfer that is no longer editable */
  from_locked = ret_plan_list_move_targets (data, "BUS-NOTIFIED", drafts, 2);
  g_assert_cmpuint (from_locked->len, ==, 0);
  no_drafts = ret_plan_list_move_targets (data, "BUS-1", NULL, 0);
  g_assert_cmpuint (no_drafts->len, ==, 0);

  ret_check_data_free (data);
}

/* -------------------------------------------------------------------- */
/* What a drag carries                                                   */

static void
test_drag_text (void)
{
  g_autofree char *text = ret_plan_drag_format ("T-20261203-NOG-01", 42);
  g_autofree char *code = NULL;
  gint64 id = 0;
  static const char *refused[] = {
    "", "T-20261203-NOG-01", "retorno-move\n", "retorno-move\nT-1\n", "retorno-move\nT-1\nabc",
    "retorno-move\n\n42", "retorno-move\nT-1\n-3", "retorno-move\nT-1\n0", "some text a user dropped",
  };

  g_assert_true (ret_plan_drag_parse (text, &code, &id));
  g_assert_cmpstr (code, ==, "T-20261203-NOG-01");
  g_assert_cmpint (id, ==, 42);

  /* Text from anywhere else is not a move */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (ret_plan_drag_parse (refused[i], NULL, NULL));
  g_assert_false (ret_plan_drag_parse (NULL, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (preview_cases); i++)
    g_test_add_data_func (preview_cases[i].path, &preview_cases[i], test_preview);
  g_test_add_func ("/plan-edit/preview/refused", test_preview_refused);
  g_test_add_func ("/plan-edit/preview/existing-problem", test_preview_existing_problem);
  g_test_add_func ("/plan-edit/preview/override-stays-behind", test_preview_override_stays);
  g_test_add_func ("/plan-edit/family/on-transfer", test_family_on_transfer);
  g_test_add_func ("/plan-edit/targets/same-facility-day-draft", test_move_targets);
  g_test_add_func ("/plan-edit/drag/text", test_drag_text);

  return g_test_run ();
}
