/* test-rules-people.c — the rules about who travels, and with whom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R05 R06 R08 R09 R10 R11 R12 R13 R19, each as a table of small plans:
 * one transfer, a few persons, one thing wrong (or nothing), and what
 * the checks panel must then show: how many hard violations and
 * warnings of the rule, and exactly which persons they name.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib.h>

#include "ret-check-builder.h"

/* Ages on the handover date of every case, 2026-12-03 */
#define ADULT    "1990-01-01"
#define ELDER    "1950-01-01"
#define CHILD    "2015-06-01"   /* 11 */
#define TEEN     "2010-06-01"   /* 16 */
#define AGE_14   "2012-12-03"   /* 14 on the day */
#define AGE_13   "2012-12-04"   /* 14 only the next day */
#define AGE_18   "2008-12-03"   /* 18 on the day */

#define HANDOVER "2026-12-03T10:00"

#define UAM      RET_PERSON_FLAG_UNACCOMPANIED_MINOR
#define RECORD   RET_PERSON_FLAG_CRIMINAL_RECORD
#define ILL      RET_PERSON_FLAG_ILL
#define PREGNANT RET_PERSON_FLAG_PREGNANT

/* What a case changes in a person the builder made clean */
enum
{
  P_WITHDRAWN        = 1 << 0,
  P_FOREIGN          = 1 << 1,   /* Guatemalan */
  P_UNVERIFIED       = 1 << 2,
  P_UNFIT            = 1 << 3,
  P_CONSENT          = 1 << 4,
  P_NOTES            = 1 << 5,
  P_SCREEN_CLEARED   = 1 << 6,
  P_SCREEN_FEAR      = 1 << 7,
  P_SCREEN_RISK      = 1 << 8,
  P_SCREEN_UNABLE    = 1 << 9,
  P_NOT_INVENTORIED  = 1 << 10,
  P_OUTSTANDING      = 1 << 11,  /* two items still held */
  P_OWN_ACTUALS      = 1 << 12,  /* time and official on the entry */
  P_OWN_TIME_ONLY    = 1 << 13,
};

/* What a case changes in the transfer */
enum
{
  T_INM_SENT          = 1 << 0,
  T_ACTUALS           = 1 << 1,  /* transfer-level time and official */
  T_TIME_ONLY         = 1 << 2,  /* transfer-level time, no official */
};

typedef struct
{
  const char     *birth;   /* NULL: no person */
  RetPersonFlags  flags;
  const char     *family;
  guint           changes;
} PersonSpec;

#define MAX_PERSONS 5

typedef struct
{
  const char        *path;
  RetRuleId          rule;
  PersonSpec         persons[MAX_PERSONS];
  /* NULL: a bus from San Diego to Tijuana */
  const char        *mode;
  const char        *facility;
  const char        *point;
  RetTransferStatus  status;
  guint              changes;
  int                voluntary;    /* R13's parameter; -1: leave it */
  guint              n_hard;
  guint              n_warning;
  guint              named;        /* bit i: person i is named */
  /* Not NULL: the rule's only violation says this, and names exactly
   * the persons of @named */
  const char        *message;
} Case;

static const char *
a_number_of (guint i)
{
  static const char * const a_numbers[MAX_PERSONS] = {
    "A000000001", "A000000002", "A000000003", "A000000004", "A000000005",
  };

  return a_numbers[i];
}

static RetScreening *
screening_new (gboolean trafficking_risk,
               gboolean fear_of_return,
               gboolean able_to_decide)
{
  RetScreening *screening = g_new0 (RetScreening, 1);

  screening->screened_at = G_GINT64_CONSTANT (1796083200);
  screening->screener = g_strdup ("Consular officer");
  screening->trafficking_risk = trafficking_risk;
  screening->fear_of_return = fear_of_return;
  screening->able_to_decide = able_to_decide;
  screening->notes = g_strdup ("");

  return screening;
}

static void
apply_person_changes (RetCheckPerson *cp,
                      guint           changes)
{
  RetPerson *p = cp->person;

  if (changes & P_WITHDRAWN)
    p->status = RET_PERSON_STATUS_WITHDRAWN;
  if (changes & P_FOREIGN)
    {
      g_free (p->nationality);
      p->nationality = g_strdup ("GTM");
    }
  if (changes & P_UNVERIFIED)
    p->nationality_verified = FALSE;
  if (changes & P_UNFIT)
    p->medical_fit = FALSE;
  if (changes & P_CONSENT)
    p->interior_consent = TRUE;
  if (changes & P_NOTES)
    {
      g_free (cp->medical_notes);
      cp->medical_notes = g_strdup ("Insulin twice a day");
    }
  if (changes & P_SCREEN_CLEARED)
    cp->screening = screening_new (FALSE, FALSE, TRUE);
  if (changes & P_SCREEN_FEAR)
    cp->screening = screening_new (FALSE, TRUE, TRUE);
  if (changes & P_SCREEN_RISK)
    cp->screening = screening_new (TRUE, FALSE, TRUE);
  if (changes & P_SCREEN_UNABLE)
    cp->screening = screening_new (FALSE, FALSE, FALSE);
  if (changes & P_NOT_INVENTORIED)
    cp->belongings_inventoried = FALSE;
  if (changes & P_OUTSTANDING)
    cp->belongings_outstanding = 2;
}

/* One transfer with the case's persons */
static RetCheckData *
case_data_new (const Case *c)
{
  g_autoptr(RetCheckData) data = ret_builder_new ();
  RetCheckTransfer *t;
  guint transfer;
  gint64 handover;

  transfer = ret_builder_transfer (data, "T-TEST-01",
                                   c->mode != NULL ? c->mode : "bus",
                                   c->facility != NULL ? c->facility : "SDC",
                                   c->point != NULL ? c->point : "TIJ",
                                   HANDOVER, 40);
  t = ret_builder_get_transfer (data, transfer);
  t->status = c->status;
  handover = t->handover_at;

  if (c->changes & T_INM_SENT)
    t->notice_sent_at[RET_NOTICE_INM] = data->now;
  if (c->changes & (T_ACTUALS | T_TIME_ONLY))
    t->actual_handover_at = handover + 300;
  if (c->changes & T_ACTUALS)
    t->receiving_official = g_strdup ("INM officer on duty");

  if (c->voluntary >= 0)
    ret_builder_set_param (data, "nogales", RET_RULE_INTERIOR_CONSENT, "voluntary", c->voluntary);

  for (guint i = 0; i < MAX_PERSONS && c->persons[i].birth != NULL; i++)
    {
      const PersonSpec *spec = &c->persons[i];
      guint person = ret_builder_person (data, a_number_of (i), spec->birth, spec->flags,
                                         spec->family, c->facility != NULL ? c->facility : "SDC");
      RetCheckEntry *entry;

      apply_person_changes (ret_builder_get_person (data, person), spec->changes);
      ret_builder_board (data, transfer, person);

      entry = ret_builder_get_entry (data, transfer, person);
      g_assert_nonnull (entry);
      if (spec->changes & (P_OWN_ACTUALS | P_OWN_TIME_ONLY))
        entry->actual_handover_at = handover + 600;
      if (spec->changes & P_OWN_ACTUALS)
        entry->receiving_official = g_strdup ("DIF officer on duty");
    }

  ret_check_data_invalidate (data);

  return g_steal_pointer (&data);
}

/* The data stays with the caller: violations point into it */
static RetCheckResult *
check_case (const Case    *c,
            RetCheckData **data)
{
  *data = case_data_new (c);
  return ret_check_run (*data);
}

static void
test_case (gconstpointer user_data)
{
  const Case *c = user_data;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = check_case (c, &data);

  g_assert_cmpuint (ret_builder_count_severity (result, c->rule, RET_SEVERITY_HARD), ==, c->n_hard);
  g_assert_cmpuint (ret_builder_count_severity (result, c->rule, RET_SEVERITY_WARNING), ==, c->n_warning);

  for (guint i = 0; i < MAX_PERSONS && c->persons[i].birth != NULL; i++)
    {
      gboolean named = ret_builder_names (result, c->rule, a_number_of (i));

      if (named != ((c->named & (1u << i)) != 0))
        g_error ("%s: person %u is %s", c->path, i, named ? "named but should not be" : "not named");
    }

  if (c->message != NULL)
    {
      const RetViolation *violation = ret_builder_first (result, c->rule);
      guint n_named = 0;

      for (guint i = 0; i < MAX_PERSONS; i++)
        n_named += (c->named >> i) & 1;
      g_assert_cmpuint (ret_builder_count (result, c->rule), ==, 1);
      g_assert_cmpstr (violation->message, ==, c->message);
      g_assert_cmpstr (violation->transfer_code, ==, "T-TEST-01");
      g_assert_cmpuint (violation->persons->len, ==, n_named);
      g_assert_cmpuint (violation->person_ids->len, ==, n_named);
    }
}

#define P(...) { __VA_ARGS__ }

static const Case cases[] = {
  /* R05: the documented screening of a Mexican unaccompanied child */
  { "/rules/minors-screening/unscreened", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, 0) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/minors-screening/cleared", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-screening/exactly-14-cleared", RET_RULE_MINORS_SCREENING,
    { P (AGE_14, UAM, NULL, P_SCREEN_CLEARED) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-screening/13-presumed-unable", RET_RULE_MINORS_SCREENING,
    { P (AGE_13, UAM, NULL, P_SCREEN_CLEARED) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/minors-screening/fear-of-return", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_SCREEN_FEAR) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/minors-screening/trafficking-risk", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_SCREEN_RISK) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/minors-screening/unable-to-decide", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_SCREEN_UNABLE) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/minors-screening/not-mexican", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_FOREIGN) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-screening/accompanied-minor", RET_RULE_MINORS_SCREENING,
    { P (CHILD, 0, "F1", 0), P (ADULT, 0, "F1", 0) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-screening/withdrawn", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, P_WITHDRAWN) }, NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-screening/two-kinds-two-violations", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, 0), P (AGE_13, UAM, NULL, P_SCREEN_CLEARED), P (TEEN, UAM, NULL, P_SCREEN_CLEARED) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 2, 0, 0x3 },
  { "/rules/minors-screening/message", RET_RULE_MINORS_SCREENING,
    { P (TEEN, UAM, NULL, 0), P (CHILD, UAM, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x3,
    "2 unaccompanied minors have no documented screening" },

  /* R06: unaccompanied minors in minors-only vehicles */
  { "/rules/minors-separate/alone", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED), P (TEEN, UAM, NULL, P_SCREEN_CLEARED) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-separate/with-adult", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x3 },
  { "/rules/minors-separate/with-own-parent", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, "F1", P_SCREEN_CLEARED), P (ADULT, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x3 },
  { "/rules/minors-separate/accompanied-minor", RET_RULE_MINORS_SEPARATE,
    { P (CHILD, 0, "F1", 0), P (ADULT, 0, "F1", 0), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-separate/adult-withdrawn", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED), P (ADULT, 0, NULL, P_WITHDRAWN) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-separate/turned-18", RET_RULE_MINORS_SEPARATE,
    { P (AGE_18, UAM, NULL, 0), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/minors-separate/one-violation-for-all", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED), P (TEEN, UAM, NULL, P_SCREEN_CLEARED),
      P (ADULT, 0, NULL, 0), P (ELDER, 0, NULL, 0), P (CHILD, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0xf },
  { "/rules/minors-separate/message", RET_RULE_MINORS_SEPARATE,
    { P (TEEN, UAM, NULL, P_SCREEN_CLEARED), P (ADULT, 0, NULL, 0), P (ADULT, 0, NULL, 0),
      P (ELDER, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0xf,
    "Unaccompanied minor on a transfer with 3 adults" },

  /* R09: criminal records apart from minors, families and the vulnerable */
  { "/rules/criminal-separate/own-family-only", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, "F1", 0), P (CHILD, 0, "F1", 0), P (ADULT, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/criminal-separate/minor-of-another-family", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (CHILD, 0, "F2", 0), P (ADULT, 0, "F2", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x7 },
  { "/rules/criminal-separate/own-child-not-named", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, "F1", 0), P (CHILD, 0, "F1", 0), P (CHILD, 0, "F2", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x5 },
  { "/rules/criminal-separate/unaccompanied-minor", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (TEEN, UAM, NULL, P_SCREEN_CLEARED) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x3 },
  { "/rules/criminal-separate/elderly-adult", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (ELDER, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 1, 0x3 },
  { "/rules/criminal-separate/pregnant-adult", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (ADULT, PREGNANT, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 1, 0x3 },
  { "/rules/criminal-separate/other-adults", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (ADULT, 0, NULL, 0), P (ADULT, RECORD, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/criminal-separate/both-kinds", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, 0), P (CHILD, 0, "F2", 0), P (ELDER, 0, NULL, 0), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 1, 0x7 },
  { "/rules/criminal-separate/record-withdrawn", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, NULL, P_WITHDRAWN), P (CHILD, 0, "F2", 0), P (ADULT, 0, "F2", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  /* The record's own child is not counted, nor named */
  { "/rules/criminal-separate/message", RET_RULE_CRIMINAL_SEPARATE,
    { P (ADULT, RECORD, "F1", 0), P (CHILD, 0, "F1", 0), P (CHILD, 0, "F2", 0), P (TEEN, 0, "F2", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0xd,
    "1 person with a criminal record travels with 2 minors" },

  /* R10: belongings inventoried, and returned or on board */
  { "/rules/belongings/planned-not-yet", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_NOT_INVENTORIED), P (ADULT, 0, NULL, P_OUTSTANDING) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/belongings/reviewed-not-yet", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_NOT_INVENTORIED) },
    NULL, NULL, NULL, RET_TRANSFER_REVIEWED, 0, -1, 0, 0, 0 },
  { "/rules/belongings/departed-not-inventoried", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_NOT_INVENTORIED), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_DEPARTED, 0, -1, 1, 0, 0x1 },
  { "/rules/belongings/handed-over-outstanding", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_OUTSTANDING), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 1, 0, 0x1 },
  { "/rules/belongings/both-kinds", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_OUTSTANDING), P (ADULT, 0, NULL, P_NOT_INVENTORIED), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_DEPARTED, 0, -1, 2, 0, 0x3 },
  { "/rules/belongings/all-returned", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, 0), P (CHILD, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 0, 0, 0 },
  { "/rules/belongings/withdrawn", RET_RULE_BELONGINGS,
    { P (ADULT, 0, NULL, P_NOT_INVENTORIED | P_WITHDRAWN) },
    NULL, NULL, NULL, RET_TRANSFER_DEPARTED, 0, -1, 0, 0, 0 },

  /* R11: fit to travel, conditions notified */
  { "/rules/medical/unfit", RET_RULE_MEDICAL,
    { P (ADULT, 0, NULL, P_UNFIT), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, T_INM_SENT, -1, 1, 0, 0x1 },
  { "/rules/medical/ill-not-notified", RET_RULE_MEDICAL,
    { P (ADULT, ILL, NULL, 0), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 1, 0x1 },
  { "/rules/medical/ill-notified", RET_RULE_MEDICAL,
    { P (ADULT, ILL, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, T_INM_SENT, -1, 0, 0, 0 },
  { "/rules/medical/pregnant-not-notified", RET_RULE_MEDICAL,
    { P (ADULT, PREGNANT, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 1, 0x1 },
  { "/rules/medical/notes-not-notified", RET_RULE_MEDICAL,
    { P (ADULT, 0, NULL, P_NOTES), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 1, 0x1 },
  { "/rules/medical/healthy-not-notified", RET_RULE_MEDICAL,
    { P (ADULT, 0, NULL, 0), P (ELDER, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/medical/unfit-and-ill", RET_RULE_MEDICAL,
    { P (ADULT, ILL, NULL, P_UNFIT) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 1, 0x1 },
  { "/rules/medical/withdrawn", RET_RULE_MEDICAL,
    { P (ADULT, ILL, NULL, P_UNFIT | P_WITHDRAWN) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  /* One line for the three of them, not three lines */
  { "/rules/medical/one-violation-for-all", RET_RULE_MEDICAL,
    { P (ADULT, 0, NULL, P_UNFIT), P (ADULT, 0, NULL, P_UNFIT), P (ADULT, 0, NULL, P_UNFIT) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, T_INM_SENT, -1, 1, 0, 0x7,
    "3 persons are not fit to travel" },

  /* R12: Mexican nationality, verified */
  { "/rules/mexican-only/guatemalan", RET_RULE_MEXICAN_ONLY,
    { P (ADULT, 0, NULL, P_FOREIGN), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/mexican-only/not-verified", RET_RULE_MEXICAN_ONLY,
    { P (ADULT, 0, NULL, P_UNVERIFIED), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 },
  { "/rules/mexican-only/both-kinds", RET_RULE_MEXICAN_ONLY,
    { P (ADULT, 0, NULL, P_UNVERIFIED), P (ADULT, 0, NULL, P_FOREIGN | P_UNVERIFIED), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 2, 0, 0x3 },
  { "/rules/mexican-only/verified", RET_RULE_MEXICAN_ONLY,
    { P (ADULT, 0, NULL, 0), P (CHILD, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },
  { "/rules/mexican-only/withdrawn", RET_RULE_MEXICAN_ONLY,
    { P (ADULT, 0, NULL, P_FOREIGN | P_WITHDRAWN) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 0, 0, 0 },

  /* R13: consent to interior repatriation */
  { "/rules/interior-consent/flight-without-consent", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, 0), P (ADULT, 0, NULL, P_CONSENT) },
    "flight", "TCA", "MEX", RET_TRANSFER_PLANNED, 0, 1, 1, 0, 0x1 },
  { "/rules/interior-consent/flight-with-consent", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, P_CONSENT) },
    "flight", "TCA", "MEX", RET_TRANSFER_PLANNED, 0, 1, 0, 0, 0 },
  { "/rules/interior-consent/not-voluntary", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, 0) },
    "flight", "TCA", "MEX", RET_TRANSFER_PLANNED, 0, 0, 0, 0, 0 },
  { "/rules/interior-consent/bus-to-airport", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, 0) },
    "bus", "TCA", "GDL", RET_TRANSFER_PLANNED, 0, 1, 1, 0, 0x1 },
  { "/rules/interior-consent/border-point", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, 0) },
    "bus", "TCA", "NOG", RET_TRANSFER_PLANNED, 0, 1, 0, 0, 0 },
  { "/rules/interior-consent/withdrawn", RET_RULE_INTERIOR_CONSENT,
    { P (ADULT, 0, NULL, P_WITHDRAWN), P (ADULT, 0, NULL, P_CONSENT) },
    "flight", "TCA", "MEX", RET_TRANSFER_PLANNED, 0, 1, 0, 0, 0 },

  /* R19: actual handover and receiving official, at close-out */
  { "/rules/record-actuals/nothing-recorded", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, NULL, 0), P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 1, 0, 0x3 },
  { "/rules/record-actuals/transfer-level-adults", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, NULL, 0), P (ELDER, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, T_ACTUALS, -1, 0, 0, 0 },
  { "/rules/record-actuals/transfer-level-minor", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, "F1", 0), P (CHILD, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, T_ACTUALS, -1, 1, 0, 0x2 },
  { "/rules/record-actuals/minor-own-time-only", RET_RULE_RECORD_ACTUALS,
    { P (CHILD, 0, "F1", P_OWN_TIME_ONLY), P (ADULT, 0, "F1", 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, T_ACTUALS, -1, 1, 0, 0x1 },
  { "/rules/record-actuals/time-without-official", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, T_TIME_ONLY, -1, 1, 0, 0x1 },
  { "/rules/record-actuals/all-recorded", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, "F1", P_OWN_ACTUALS), P (CHILD, 0, "F1", P_OWN_ACTUALS), P (ADULT, 0, NULL, P_OWN_ACTUALS) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 0, 0, 0 },
  { "/rules/record-actuals/adults-and-minors", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, "F1", 0), P (CHILD, 0, "F1", 0), P (ADULT, 0, NULL, P_OWN_ACTUALS) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 2, 0, 0x3 },
  { "/rules/record-actuals/departed-not-yet", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, NULL, 0), P (CHILD, 0, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_DEPARTED, 0, -1, 0, 0, 0 },
  { "/rules/record-actuals/withdrawn", RET_RULE_RECORD_ACTUALS,
    { P (ADULT, 0, NULL, P_WITHDRAWN), P (ADULT, 0, NULL, P_OWN_ACTUALS) },
    NULL, NULL, NULL, RET_TRANSFER_HANDED_OVER, 0, -1, 0, 0, 0 },
};

/* ------------------------------------------------------------------ */
/* R08: notices before departure                                      */

typedef enum
{
  NOW_BEFORE_DUE,     /* a minute before departure − lead */
  NOW_AT_DUE,
  NOW_AT_DEPARTURE,
  NOW_AFTER_HANDOVER,
} NowAt;

typedef enum
{
  SENT_NEVER,
  SENT_AT_DUE,        /* exactly departure − lead */
  SENT_MINUTE_LATE,   /* one minute after */
} SentAt;

typedef struct
{
  const char *path;
  NowAt       now;
  SentAt      consulate;
  SentAt      inm;
  SentAt      prosecutor;
  guint       record_changes;   /* a person with a criminal record on board */
  gboolean    record;
  guint       n_hard;
  guint       n_warning;
  const char *message;          /* not NULL: what the first violation says */
} NoticeCase;

static const NoticeCase notice_cases[] = {
  { "/rules/advance-notice/on-time", NOW_AFTER_HANDOVER, SENT_AT_DUE, SENT_AT_DUE, SENT_NEVER, 0, FALSE, 0, 0 },
  { "/rules/advance-notice/consulate-minute-late", NOW_AFTER_HANDOVER, SENT_MINUTE_LATE, SENT_AT_DUE, SENT_NEVER, 0, FALSE, 0, 1 },
  { "/rules/advance-notice/both-minute-late", NOW_AFTER_HANDOVER, SENT_MINUTE_LATE, SENT_MINUTE_LATE, SENT_NEVER, 0, FALSE, 0, 2 },
  { "/rules/advance-notice/left-without-notice", NOW_AT_DEPARTURE, SENT_NEVER, SENT_NEVER, SENT_NEVER, 0, FALSE, 2, 0 },
  { "/rules/advance-notice/inm-left-without-notice", NOW_AFTER_HANDOVER, SENT_AT_DUE, SENT_NEVER, SENT_NEVER, 0, FALSE, 1, 0 },
  { "/rules/advance-notice/due", NOW_AT_DUE, SENT_NEVER, SENT_NEVER, SENT_NEVER, 0, FALSE, 0, 2 },
  { "/rules/advance-notice/not-yet-due", NOW_BEFORE_DUE, SENT_NEVER, SENT_NEVER, SENT_NEVER, 0, FALSE, 0, 0 },
  { "/rules/advance-notice/prosecutor-missing", NOW_AFTER_HANDOVER, SENT_AT_DUE, SENT_AT_DUE, SENT_NEVER, 0, TRUE, 0, 1 },
  { "/rules/advance-notice/prosecutor-sent", NOW_AFTER_HANDOVER, SENT_AT_DUE, SENT_AT_DUE, SENT_AT_DUE, 0, TRUE, 0, 0 },
  { "/rules/advance-notice/prosecutor-record-withdrawn", NOW_AFTER_HANDOVER, SENT_AT_DUE, SENT_AT_DUE, SENT_NEVER, P_WITHDRAWN, TRUE, 0, 0 },
  /* Handover 10:00 at Tijuana, departure two hours earlier from San
   * Diego, on the same clock. */
  { "/rules/advance-notice/message", NOW_AFTER_HANDOVER, SENT_NEVER, SENT_AT_DUE, SENT_NEVER, 0, FALSE, 1, 0,
    "The consulate was not notified; the transfer left at 08:00" },
  /* A notice due a day ahead says which day */
  { "/rules/advance-notice/message-due", NOW_AT_DUE, SENT_NEVER, SENT_NEVER, SENT_NEVER, 0, FALSE, 0, 2,
    "The consulate has not been notified; the notice was due by 2026-12-02 08:00" },
};

static int
default_param (RetRuleId   rule,
               const char *key)
{
  int i = ret_rule_param_index (rule, key);

  g_assert_cmpint (i, >=, 0);
  return ret_rule_get (rule)->params[i].default_value;
}

static gint64
sent_time (SentAt sent,
           gint64 due)
{
  switch (sent)
    {
    case SENT_NEVER:
      return 0;
    case SENT_AT_DUE:
      return due;
    case SENT_MINUTE_LATE:
      return due + 60;
    default:
      g_assert_not_reached ();
    }
}

static RetCheckData *
notice_data_new (const NoticeCase *c,
                 guint            *transfer_out)
{
  g_autoptr(RetCheckData) data = ret_builder_new ();
  gint64 lead = (gint64) default_param (RET_RULE_ADVANCE_NOTICE, "lead_hours") * 3600;
  guint transfer = ret_builder_transfer (data, "T-TEST-01", "bus", "SDC", "TIJ", HANDOVER, 40);
  RetCheckTransfer *t = ret_builder_get_transfer (data, transfer);
  gint64 due = t->depart_at - lead;
  guint person;

  person = ret_builder_person (data, a_number_of (0), ADULT, 0, NULL, "SDC");
  ret_builder_board (data, transfer, person);
  if (c->record)
    {
      person = ret_builder_person (data, a_number_of (1), ADULT, RECORD, NULL, "SDC");
      apply_person_changes (ret_builder_get_person (data, person), c->record_changes);
      ret_builder_board (data, transfer, person);
    }

  switch (c->now)
    {
    case NOW_BEFORE_DUE:
      data->now = due - 60;
      break;
    case NOW_AT_DUE:
      data->now = due;
      break;
    case NOW_AT_DEPARTURE:
      data->now = t->depart_at;
      break;
    case NOW_AFTER_HANDOVER:
      data->now = t->handover_at + 3600;
      break;
    default:
      g_assert_not_reached ();
    }

  t->notice_sent_at[RET_NOTICE_CONSULATE] = sent_time (c->consulate, due);
  t->notice_sent_at[RET_NOTICE_INM] = sent_time (c->inm, due);
  t->notice_sent_at[RET_NOTICE_PROSECUTOR] = sent_time (c->prosecutor, due);

  ret_check_data_invalidate (data);
  if (transfer_out != NULL)
    *transfer_out = transfer;

  return g_steal_pointer (&data);
}

static void
test_notice_case (gconstpointer user_data)
{
  const NoticeCase *c = user_data;
  g_autoptr(RetCheckData) data = notice_data_new (c, NULL);
  g_autoptr(RetCheckResult) result = ret_check_run (data);

  g_assert_cmpuint (ret_builder_count_severity (result, RET_RULE_ADVANCE_NOTICE, RET_SEVERITY_HARD), ==, c->n_hard);
  g_assert_cmpuint (ret_builder_count_severity (result, RET_RULE_ADVANCE_NOTICE, RET_SEVERITY_WARNING), ==, c->n_warning);
  if (c->message != NULL)
    g_assert_cmpstr (ret_builder_first (result, RET_RULE_ADVANCE_NOTICE)->message, ==, c->message);
}

/* ------------------------------------------------------------------ */
/* What the coordinator reads                                         */

static const RetViolation *
only_violation (RetCheckResult *result,
                RetRuleId       rule)
{
  g_assert_cmpuint (ret_builder_count (result, rule), ==, 1);
  return ret_builder_first (result, rule);
}

/* An override given for a missing screening must not cover the child
 * once screened and found under 14: the problem is a different one. */
static void
test_subject_changes_with_problem (void)
{
  static const Case before = {
    NULL, RET_RULE_MINORS_SCREENING,
    { P (AGE_13, UAM, NULL, 0) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 };
  static const Case after = {
    NULL, RET_RULE_MINORS_SCREENING,
    { P (AGE_13, UAM, NULL, P_SCREEN_CLEARED) },
    NULL, NULL, NULL, RET_TRANSFER_PLANNED, 0, -1, 1, 0, 0x1 };
  g_autoptr(RetCheckData) data1 = NULL;
  g_autoptr(RetCheckData) data2 = NULL;
  g_autoptr(RetCheckResult) result1 = check_case (&before, &data1);
  g_autoptr(RetCheckResult) result2 = check_case (&after, &data2);
  const RetViolation *v1 = only_violation (result1, RET_RULE_MINORS_SCREENING);
  const RetViolation *v2 = only_violation (result2, RET_RULE_MINORS_SCREENING);

  g_assert_nonnull (v1->subject);
  g_assert_nonnull (v2->subject);
  g_assert_cmpstr (v1->subject, !=, v2->subject);
  g_assert_nonnull (strstr (v2->message, "14"));
}

/* The same plan checked twice gives the same subjects: resolutions
 * match on them. */
static void
test_subject_stable (void)
{
  const Case *c = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) first = NULL;
  g_autoptr(RetCheckResult) second = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].path, "/rules/criminal-separate/both-kinds"))
      c = &cases[i];
  g_assert_nonnull (c);

  first = check_case (c, &data);
  second = ret_check_run (data);

  g_assert_cmpuint (ret_builder_count (first, c->rule), ==, 2);
  g_assert_cmpstr (ret_builder_first (first, c->rule)->subject, ==,
                   ret_builder_first (second, c->rule)->subject);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);
  for (guint i = 0; i < G_N_ELEMENTS (notice_cases); i++)
    g_test_add_data_func (notice_cases[i].path, &notice_cases[i], test_notice_case);

  g_test_add_func ("/rules/minors-screening/subject-changes-with-problem", test_subject_changes_with_problem);
  g_test_add_func ("/rules/criminal-separate/subject-stable", test_subject_stable);

  return g_test_run ();
}
