/* ret-rules-people.c — the rules about who travels, and with whom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R05 R06 R08 R09 R10 R11 R12 R13 R19: each looks at one transfer's
 * manifest, in one pass, and reports at most one violation per kind of
 * problem, naming every person concerned.  A plan of a hundred transfers
 * then shows a hundred lines in the checks panel, not thousands, and a
 * coordinator still finds every person from the line.
 *
 * Subjects carry the kind of problem ("unscreened:…", "inm-late:…") as well
 * as the persons, so that an override given for one problem does not
 * silently cover another one that appears later for the same persons
 * (a screening recorded, then found wanting).
 *
 * The precise semantics are in ret-rules-private.h.
 */

#define G_LOG_DOMAIN "ret-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ret-rules-private.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static inline RetCheckPerson *
check_person (RetCheckData *data,
              guint         person)
{
  return g_ptr_array_index (data->persons, person);
}

static inline const RetCheckEntry *
transfer_entry (const RetCheckTransfer *transfer,
                guint                   i)
{
  return &g_array_index (transfer->entries, RetCheckEntry, i);
}

static inline gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static inline gboolean
is_mexican (const RetPerson *person)
{
  return person->nationality != NULL && g_ascii_strcasecmp (person->nationality, "MEX") == 0;
}

static inline gboolean
same_family (const RetPerson *a,
             const RetPerson *b)
{
  return a->family_group != NULL && b->family_group != NULL &&
         *a->family_group != '\0' &&
         strcmp (a->family_group, b->family_group) == 0;
}

static inline gboolean
in_family (const RetPerson *person)
{
  return person->family_group != NULL && *person->family_group != '\0';
}

static gboolean
is_unaccompanied_minor (RetCheckContext *ctx,
                        guint            transfer,
                        guint            person)
{
  RetCheckData *data = _ret_check_get_data (ctx);

  /* A child flagged unaccompanied who has turned 18 by the handover is
   * an adult on that day, as every other rule sees him. */
  return (check_person (data, person)->person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) != 0 &&
         _ret_check_is_minor (ctx, transfer, person);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "KIND:A1,A2": stable from one check to the next whatever the manifest
 * order, and different for each kind of problem of the same rule. */
static char *
make_subject (RetCheckData *data,
              const char   *kind,
              const GArray *persons)
{
  g_autoptr(GPtrArray) a_numbers = g_ptr_array_sized_new (persons->len);
  g_autoptr(GString) subject = g_string_new (kind);

  for (guint i = 0; i < persons->len; i++)
    g_ptr_array_add (a_numbers, check_person (data, g_array_index (persons, guint, i))->person->a_number);
  g_ptr_array_sort (a_numbers, compare_strings);

  g_string_append_c (subject, ':');
  for (guint i = 0; i < a_numbers->len; i++)
    {
      if (i > 0)
        g_string_append_c (subject, ',');
      g_string_append (subject, g_ptr_array_index (a_numbers, i));
    }

  return g_string_free (g_steal_pointer (&subject), FALSE);
}

static void report (RetCheckContext *ctx,
                    RetRuleId        rule,
                    RetSeverity      severity,
                    guint            transfer,
                    const GArray    *persons,
                    const char      *kind,
                    const char      *format,
                    ...) G_GNUC_PRINTF (7, 8);

/* One violation naming @persons, its subject made from @kind */
static void
report (RetCheckContext *ctx,
        RetRuleId        rule,
        RetSeverity      severity,
        guint            transfer,
        const GArray    *persons,
        const char      *kind,
        const char      *format,
        ...)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  g_autofree char *subject = make_subject (data, kind, persons);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _ret_check_report (ctx, rule, severity, transfer,
                     (const guint *) (gpointer) persons->data, persons->len,
                     subject, "%s", message);
}

/* Sized for the whole manifest at once: no growing inside the pass */
static inline GArray *
person_array_new (const RetCheckTransfer *transfer)
{
  return g_array_sized_new (FALSE, FALSE, sizeof (guint), transfer->entries->len);
}

static inline void
person_array_add (GArray *persons,
                  guint   person)
{
  g_array_append_val (persons, person);
}

/* A UTC instant on the point's clock, as the plan shows departure and
 * handover times (the zone is the engine's, built once per check: a
 * GTimeZone read from disk per message would cost a millisecond each).
 * HH:MM when it falls on the departure's local date; with the date
 * otherwise (a notice due a day ahead), so that "due by 08:00" is never
 * read as the wrong day. */
static char *
format_departure_time (RetCheckContext        *ctx,
                       guint                   transfer,
                       const RetCheckTransfer *t,
                       gint64                  instant)
{
  GTimeZone *zone = _ret_check_get_point_zone (ctx, transfer);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) departure = NULL;

  if (zone == NULL)
    zone = utc = g_time_zone_new_utc ();

  {
    g_autoptr(GDateTime) instant_utc = g_date_time_new_from_unix_utc (instant);
    g_autoptr(GDateTime) departure_utc = g_date_time_new_from_unix_utc (t->depart_at);

    if (instant_utc == NULL || departure_utc == NULL)
      return g_strdup ("?");
    local = g_date_time_to_timezone (instant_utc, zone);
    departure = g_date_time_to_timezone (departure_utc, zone);
  }

  if (g_date_time_get_year (local) == g_date_time_get_year (departure) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (departure))
    return g_date_time_format (local, "%H:%M");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* ------------------------------------------------------------------ */
/* R05 minors-screening                                               */

void
_ret_check_minors_screening (RetCheckContext *ctx,
                             guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) unscreened = person_array_new (t);
  g_autoptr(GArray) presumed = person_array_new (t);
  g_autoptr(GArray) concerns = person_array_new (t);
  int presumed_below = -1;

  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);
      const RetCheckPerson *cp = check_person (data, person);
      const RetScreening *screening = cp->screening;

      if (!is_mexican (cp->person) ||
          !is_unaccompanied_minor (ctx, transfer, person))
        continue;

      if (screening == NULL)
        {
          person_array_add (unscreened, person);
          continue;
        }

      if (presumed_below < 0)
        presumed_below = _ret_check_param (ctx, transfer, RET_RULE_MINORS_SCREENING,
                                           "presumed_unable_below");

      /* GAO-15-521: under the age the law sets, a child cannot decide on
       * return, whatever a screener wrote; someone must answer for it. */
      if (_ret_check_age (ctx, transfer, person) < presumed_below)
        person_array_add (presumed, person);
      else if (screening->trafficking_risk || screening->fear_of_return ||
               !screening->able_to_decide)
        person_array_add (concerns, person);
    }

  if (unscreened->len > 0)
    report (ctx, RET_RULE_MINORS_SCREENING, RET_SEVERITY_HARD, transfer, unscreened, "unscreened",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u unaccompanied minor has no documented screening",
                         "%u unaccompanied minors have no documented screening",
                         unscreened->len),
            unscreened->len);

  if (presumed->len > 0)
    report (ctx, RET_RULE_MINORS_SCREENING, RET_SEVERITY_HARD, transfer, presumed, "presumed-unable",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u unaccompanied minor is under %d and presumed unable to decide on return",
                         "%u unaccompanied minors are under %d and presumed unable to decide on return",
                         presumed->len),
            presumed->len, presumed_below);

  if (concerns->len > 0)
    report (ctx, RET_RULE_MINORS_SCREENING, RET_SEVERITY_HARD, transfer, concerns, "screening-concerns",
            g_dngettext (GETTEXT_PACKAGE,
                         "The screening of %u unaccompanied minor found a risk of trafficking, fear of return or inability to decide",
                         "The screening of %u unaccompanied minors found a risk of trafficking, fear of return or inability to decide",
                         concerns->len),
            concerns->len);
}

/* ------------------------------------------------------------------ */
/* R06 minors-separate                                                */

void
_ret_check_minors_separate (RetCheckContext *ctx,
                            guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) persons = person_array_new (t);
  g_autoptr(GArray) adults = person_array_new (t);
  g_autofree char *adults_text = NULL;
  g_autofree char *message = NULL;
  guint n_minors, n_adults;

  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);

      /* Any adult, their own parent included: escorts are staff, not
       * passengers, and a child travelling with a parent is not
       * unaccompanied (the flag must then be corrected, not overridden). */
      if (!_ret_check_is_minor (ctx, transfer, person))
        person_array_add (adults, person);
      else if (is_unaccompanied_minor (ctx, transfer, person))
        person_array_add (persons, person);
    }

  n_minors = persons->len;
  n_adults = adults->len;
  if (n_minors == 0 || n_adults == 0)
    return;

  /* Minors first, then adults: the order the panel lists them in. */
  g_array_append_vals (persons, adults->data, adults->len);

  adults_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u adult", "%u adults", n_adults),
                                 n_adults);
  if (n_minors == 1)
    /* TRANSLATORS: %s is "1 adult", "3 adults" */
    message = g_strdup_printf (_("Unaccompanied minor on a transfer with %s"), adults_text);
  else
    /* TRANSLATORS: %s is "1 adult", "3 adults" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u unaccompanied minor on a transfer with %s",
                                            "%u unaccompanied minors on a transfer with %s",
                                            n_minors),
                               n_minors, adults_text);

  report (ctx, RET_RULE_MINORS_SEPARATE, RET_SEVERITY_HARD, transfer,
          persons, "with-adults", "%s", message);
}

/* ------------------------------------------------------------------ */
/* R08 advance-notice                                                 */

typedef enum
{
  NOTICE_OK,
  NOTICE_MISSING,   /* not sent, and the transfer has left */
  NOTICE_DUE,       /* not sent, and the lead time has begun */
  NOTICE_LATE,      /* sent after the lead time began */
} NoticeState;

static const char * const notice_state_names[] = { "ok", "missing", "due", "late" };

static NoticeState
notice_state (const RetCheckData     *data,
              const RetCheckTransfer *t,
              RetNoticeKind           kind,
              gint64                  due)
{
  gint64 sent = t->notice_sent_at[kind];

  if (sent == 0)
    {
      if (data->now >= t->depart_at)
        return NOTICE_MISSING;
      if (data->now >= due)
        return NOTICE_DUE;
      return NOTICE_OK;
    }

  /* Sent exactly at departure − lead is on time. */
  return sent > due ? NOTICE_LATE : NOTICE_OK;
}

static char *
notice_message (RetNoticeKind  kind,
                NoticeState    state,
                const char    *depart_text,
                const char    *due_text,
                const char    *sent_text,
                guint          n_records)
{
  /* One sentence per recipient and state, so that each reads naturally
   * once translated. */
  switch (kind)
    {
    case RET_NOTICE_CONSULATE:
      switch (state)
        {
        case NOTICE_MISSING:
          return g_strdup_printf (_("The consulate was not notified; the transfer left at %s"),
                                  depart_text);
        case NOTICE_DUE:
          return g_strdup_printf (_("The consulate has not been notified; the notice was due by %s"),
                                  due_text);
        case NOTICE_LATE:
          return g_strdup_printf (_("The consulate was notified late, at %s; it was due by %s"),
                                  sent_text, due_text);
        case NOTICE_OK:
        default:
          break;
        }
      break;

    case RET_NOTICE_INM:
      switch (state)
        {
        case NOTICE_MISSING:
          return g_strdup_printf (_("The INM receiving office was not notified; the transfer left at %s"),
                                  depart_text);
        case NOTICE_DUE:
          return g_strdup_printf (_("The INM receiving office has not been notified; the notice was due by %s"),
                                  due_text);
        case NOTICE_LATE:
          return g_strdup_printf (_("The INM receiving office was notified late, at %s; it was due by %s"),
                                  sent_text, due_text);
        case NOTICE_OK:
        default:
          break;
        }
      break;

    case RET_NOTICE_PROSECUTOR:
      switch (state)
        {
        case NOTICE_MISSING:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The prosecutor’s attaché was not notified of %u person with a criminal record; the transfer left at %s",
                                               "The prosecutor’s attaché was not notified of %u persons with a criminal record; the transfer left at %s",
                                               n_records),
                                  n_records, depart_text);
        case NOTICE_DUE:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The prosecutor’s attaché has not been notified of %u person with a criminal record; the notice was due by %s",
                                               "The prosecutor’s attaché has not been notified of %u persons with a criminal record; the notice was due by %s",
                                               n_records),
                                  n_records, due_text);
        case NOTICE_LATE:
          return g_strdup_printf (_("The prosecutor’s attaché was notified late, at %s; it was due by %s"),
                                  sent_text, due_text);
        case NOTICE_OK:
        default:
          break;
        }
      break;

    case RET_N_NOTICE_KINDS:
    default:
      break;
    }

  g_assert_not_reached ();
  return NULL;
}

void
_ret_check_advance_notice (RetCheckContext *ctx,
                           guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *persons = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) records = NULL;
  gint64 due;

  /* Nobody to announce: there is no manifest to send. */
  if (persons->len == 0)
    return;

  records = person_array_new (t);
  for (guint i = 0; i < persons->len; i++)
    {
      guint person = g_array_index (persons, guint, i);

      if (check_person (data, person)->person->flags & RET_PERSON_FLAG_CRIMINAL_RECORD)
        person_array_add (records, person);
    }

  due = t->depart_at - (gint64) _ret_check_param (ctx, transfer, RET_RULE_ADVANCE_NOTICE,
                                                  "lead_hours") * 3600;

  for (RetNoticeKind kind = 0; kind < RET_N_NOTICE_KINDS; kind++)
    {
      const GArray *concerned = kind == RET_NOTICE_PROSECUTOR ? records : persons;
      NoticeState state;
      RetSeverity severity;
      g_autofree char *kind_name = NULL;
      g_autofree char *depart_text = NULL;
      g_autofree char *due_text = NULL;
      g_autofree char *sent_text = NULL;
      g_autofree char *message = NULL;

      if (concerned->len == 0)
        continue;

      state = notice_state (data, t, kind, due);
      if (state == NOTICE_OK)
        continue;

      /* The prosecutor's attaché's notice is agreed as a warning only:
       * it never blocks the plan. */
      severity = state == NOTICE_MISSING && kind != RET_NOTICE_PROSECUTOR
                 ? RET_SEVERITY_HARD : RET_SEVERITY_WARNING;

      if (state == NOTICE_MISSING)
        depart_text = format_departure_time (ctx, transfer, t, t->depart_at);
      else
        due_text = format_departure_time (ctx, transfer, t, due);
      if (state == NOTICE_LATE)
        sent_text = format_departure_time (ctx, transfer, t, t->notice_sent_at[kind]);

      message = notice_message (kind, state, depart_text, due_text, sent_text, records->len);
      kind_name = g_strdup_printf ("%s-%s", ret_notice_kind_to_string (kind),
                                   notice_state_names[state]);

      report (ctx, RET_RULE_ADVANCE_NOTICE, severity, transfer, concerned, kind_name, "%s", message);
    }
}

/* ------------------------------------------------------------------ */
/* R09 criminal-separate                                              */

enum
{
  /* a record that exposes a minor or a family, and those exposed */
  MARK_RECORD_HARD = 1 << 0,
  MARK_EXPOSED_HARD = 1 << 1,
  /* a record that exposes a vulnerable adult, and those exposed */
  MARK_RECORD_WARNING = 1 << 2,
  MARK_EXPOSED_WARNING = 1 << 3,
};

typedef struct
{
  RetSeverity  severity;
  guint8       record_mark;
  guint8       exposed_mark;
  const char  *name;
} CriminalKind;

static const CriminalKind criminal_kinds[] = {
  { RET_SEVERITY_HARD, MARK_RECORD_HARD, MARK_EXPOSED_HARD, "minors-families" },
  { RET_SEVERITY_WARNING, MARK_RECORD_WARNING, MARK_EXPOSED_WARNING, "vulnerable" },
};

static char *
criminal_message (guint n_records,
                  guint n_minors,
                  guint n_family_adults,
                  guint n_vulnerable)
{
  g_autofree char *with = NULL;

  if (n_vulnerable > 0)
    with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u vulnerable adult",
                                         "%u vulnerable adults",
                                         n_vulnerable),
                            n_vulnerable);
  else
    {
      g_autofree char *minors = NULL;
      g_autofree char *families = NULL;

      if (n_minors > 0)
        minors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u minor",
                                               "%u minors",
                                               n_minors),
                                  n_minors);
      if (n_family_adults > 0)
        families = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u adult of another family",
                                                 "%u adults of other families",
                                                 n_family_adults),
                                    n_family_adults);

      if (minors != NULL && families != NULL)
        /* TRANSLATORS: "2 minors and 3 adults of other families" */
        with = g_strdup_printf (_("%s and %s"), minors, families);
      else
        with = g_strdup (minors != NULL ? minors : families);
    }

  /* TRANSLATORS: %s is "2 minors", "1 vulnerable adult", … */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u person with a criminal record travels with %s",
                                       "%u persons with a criminal record travel with %s",
                                       n_records),
                          n_records, with);
}

void
_ret_check_criminal_separate (RetCheckContext *ctx,
                              guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  guint n = counted->len;
  g_autofree guint8 *marks = NULL;
  g_autoptr(GArray) records = person_array_new (t);   /* positions in counted */
  guint n_minors = 0, n_family_adults = 0, n_vulnerable = 0;

  for (guint i = 0; i < n; i++)
    if (check_person (data, g_array_index (counted, guint, i))->person->flags &
        RET_PERSON_FLAG_CRIMINAL_RECORD)
      person_array_add (records, i);

  if (records->len == 0)
    return;

  marks = g_new0 (guint8, n);

  /* Everyone else once, against the few persons with a record: minors
   * and families (hard) or other vulnerable adults (warning), unless
   * every record on board is their own family's. */
  for (guint i = 0; i < n; i++)
    {
      guint person = g_array_index (counted, guint, i);
      const RetPerson *other = check_person (data, person)->person;
      gboolean minor;
      guint8 record_mark, exposed_mark;

      minor = _ret_check_is_minor (ctx, transfer, person);
      if (minor || in_family (other))
        {
          record_mark = MARK_RECORD_HARD;
          exposed_mark = MARK_EXPOSED_HARD;
        }
      else if (_ret_check_is_vulnerable (ctx, transfer, person))
        {
          record_mark = MARK_RECORD_WARNING;
          exposed_mark = MARK_EXPOSED_WARNING;
        }
      else
        continue;

      for (guint r = 0; r < records->len; r++)
        {
          guint at = g_array_index (records, guint, r);
          const RetPerson *record = check_person (data, g_array_index (counted, guint, at))->person;

          if (at == i || same_family (record, other))
            continue;

          marks[at] |= record_mark;
          if (!(marks[i] & exposed_mark))
            {
              marks[i] |= exposed_mark;
              if (exposed_mark == MARK_EXPOSED_WARNING)
                n_vulnerable++;
              else if (minor)
                n_minors++;
              else
                n_family_adults++;
            }
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (criminal_kinds); k++)
    {
      const CriminalKind *kind = &criminal_kinds[k];
      g_autoptr(GArray) persons = person_array_new (t);
      g_autofree char *message = NULL;
      guint n_records = 0;

      /* Records first, then those they travel with */
      for (guint i = 0; i < n; i++)
        if (marks[i] & kind->record_mark)
          {
            person_array_add (persons, g_array_index (counted, guint, i));
            n_records++;
          }

      if (n_records == 0)
        continue;

      for (guint i = 0; i < n; i++)
        if ((marks[i] & kind->exposed_mark) && !(marks[i] & kind->record_mark))
          person_array_add (persons, g_array_index (counted, guint, i));

      if (kind->severity == RET_SEVERITY_HARD)
        message = criminal_message (n_records, n_minors, n_family_adults, 0);
      else
        message = criminal_message (n_records, 0, 0, n_vulnerable);

      report (ctx, RET_RULE_CRIMINAL_SEPARATE, kind->severity, transfer, persons,
              kind->name, "%s", message);
    }
}

/* ------------------------------------------------------------------ */
/* R10 belongings                                                     */

void
_ret_check_belongings (RetCheckContext *ctx,
                       guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) uninventoried = person_array_new (t);
  g_autoptr(GArray) outstanding = person_array_new (t);
  guint n_items = 0;

  /* Before departure there is still time to bring things on board; the
   * check is about what actually left with the person. */
  if (t->status != RET_TRANSFER_DEPARTED && t->status != RET_TRANSFER_HANDED_OVER)
    return;

  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);
      const RetCheckPerson *cp = check_person (data, person);

      if (!cp->belongings_inventoried)
        person_array_add (uninventoried, person);
      else if (cp->belongings_outstanding > 0)
        {
          person_array_add (outstanding, person);
          n_items += cp->belongings_outstanding;
        }
    }

  if (uninventoried->len > 0)
    report (ctx, RET_RULE_BELONGINGS, RET_SEVERITY_HARD, transfer, uninventoried, "not-inventoried",
            g_dngettext (GETTEXT_PACKAGE,
                         "The belongings of %u person were never inventoried",
                         "The belongings of %u persons were never inventoried",
                         uninventoried->len),
            uninventoried->len);

  if (outstanding->len > 0)
    {
      g_autofree char *items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u item",
                                                             "%u items",
                                                             n_items),
                                                n_items);

      /* TRANSLATORS: %s is "1 item", "3 items" */
      report (ctx, RET_RULE_BELONGINGS, RET_SEVERITY_HARD, transfer, outstanding, "outstanding",
              g_dngettext (GETTEXT_PACKAGE,
                           "%u person left without belongings still held or missing: %s",
                           "%u persons left without belongings still held or missing: %s",
                           outstanding->len),
              outstanding->len, items);
    }
}

/* ------------------------------------------------------------------ */
/* R11 medical                                                        */

void
_ret_check_medical (RetCheckContext *ctx,
                    guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) unfit = person_array_new (t);
  g_autoptr(GArray) unnotified = person_array_new (t);
  gboolean inm_notified = t->notice_sent_at[RET_NOTICE_INM] != 0;

  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);
      const RetCheckPerson *cp = check_person (data, person);
      const RetPerson *p = cp->person;

      if (!p->medical_fit)
        person_array_add (unfit, person);

      /* The notes travel with the INM notice; without it the receiving
       * side meets an ill person unprepared. */
      if (!inm_notified &&
          ((p->flags & (RET_PERSON_FLAG_ILL | RET_PERSON_FLAG_PREGNANT | RET_PERSON_FLAG_DISABLED)) ||
           !text_is_blank (cp->medical_notes) || !text_is_blank (p->medical_notes)))
        person_array_add (unnotified, person);
    }

  if (unfit->len > 0)
    report (ctx, RET_RULE_MEDICAL, RET_SEVERITY_HARD, transfer, unfit, "unfit",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u person is not fit to travel",
                         "%u persons are not fit to travel",
                         unfit->len),
            unfit->len);

  if (unnotified->len > 0)
    report (ctx, RET_RULE_MEDICAL, RET_SEVERITY_WARNING, transfer, unnotified, "not-notified",
            g_dngettext (GETTEXT_PACKAGE,
                         "The conditions and medicines of %u person were not notified to the INM",
                         "The conditions and medicines of %u persons were not notified to the INM",
                         unnotified->len),
            unnotified->len);
}

/* ------------------------------------------------------------------ */
/* R12 mexican-only                                                   */

void
_ret_check_mexican_only (RetCheckContext *ctx,
                         guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  g_autoptr(GArray) foreign = person_array_new (t);
  g_autoptr(GArray) unverified = person_array_new (t);

  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);
      const RetPerson *p = check_person (data, person)->person;

      if (!is_mexican (p))
        person_array_add (foreign, person);
      else if (!p->nationality_verified)
        person_array_add (unverified, person);
    }

  if (foreign->len > 0)
    report (ctx, RET_RULE_MEXICAN_ONLY, RET_SEVERITY_HARD, transfer, foreign, "foreign",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u person is not a Mexican national",
                         "%u persons are not Mexican nationals",
                         foreign->len),
            foreign->len);

  if (unverified->len > 0)
    report (ctx, RET_RULE_MEXICAN_ONLY, RET_SEVERITY_HARD, transfer, unverified, "unverified",
            g_dngettext (GETTEXT_PACKAGE,
                         "The Mexican nationality of %u person was not verified by a consular interview",
                         "The Mexican nationality of %u persons was not verified by a consular interview",
                         unverified->len),
            unverified->len);
}

/* ------------------------------------------------------------------ */
/* R13 interior-consent                                               */

void
_ret_check_interior_consent (RetCheckContext *ctx,
                             guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  const GArray *counted = _ret_check_counted_persons (ctx, transfer);
  const RetPoint *point = _ret_check_get_point (ctx, transfer);
  g_autoptr(GArray) persons = NULL;
  gboolean interior;

  interior = g_strcmp0 (t->mode, "flight") == 0 || (point != NULL && point->airport);
  if (!interior ||
      _ret_check_param (ctx, transfer, RET_RULE_INTERIOR_CONSENT, "voluntary") != 1)
    return;

  persons = person_array_new (t);
  for (guint i = 0; i < counted->len; i++)
    {
      guint person = g_array_index (counted, guint, i);

      if (!check_person (data, person)->person->interior_consent)
        person_array_add (persons, person);
    }

  if (persons->len > 0)
    report (ctx, RET_RULE_INTERIOR_CONSENT, RET_SEVERITY_HARD, transfer, persons, "no-consent",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u person on an interior repatriation gave no consent",
                         "%u persons on an interior repatriation gave no consent",
                         persons->len),
            persons->len);
}

/* ------------------------------------------------------------------ */
/* R19 record-actuals                                                 */

void
_ret_check_record_actuals (RetCheckContext *ctx,
                           guint            transfer)
{
  RetCheckData *data = _ret_check_get_data (ctx);
  const RetCheckTransfer *t = g_ptr_array_index (data->transfers, transfer);
  g_autoptr(GArray) adults = NULL;
  g_autoptr(GArray) minors = NULL;
  gboolean transfer_official;

  if (t->status != RET_TRANSFER_HANDED_OVER)
    return;

  transfer_official = !text_is_blank (t->receiving_official);
  adults = person_array_new (t);
  minors = person_array_new (t);

  for (guint i = 0; i < t->entries->len; i++)
    {
      const RetCheckEntry *entry = transfer_entry (t, i);
      gboolean own_time, own_official;

      if (!_ret_check_is_counted (ctx, entry->person))
        continue;

      own_time = entry->actual_handover_at != 0;
      own_official = !text_is_blank (entry->receiving_official);

      /* A child is handed to a named official, in person: the
       * transfer's figures say nothing about who took the child. */
      if (_ret_check_is_minor (ctx, transfer, entry->person))
        {
          if (!own_time || !own_official)
            person_array_add (minors, entry->person);
        }
      else if (!((own_time || t->actual_handover_at != 0) &&
                 (own_official || transfer_official)))
        person_array_add (adults, entry->person);
    }

  if (adults->len > 0)
    report (ctx, RET_RULE_RECORD_ACTUALS, RET_SEVERITY_HARD, transfer, adults, "persons",
            g_dngettext (GETTEXT_PACKAGE,
                         "The actual handover time or receiving official is missing for %u person",
                         "The actual handover time or receiving official is missing for %u persons",
                         adults->len),
            adults->len);

  if (minors->len > 0)
    report (ctx, RET_RULE_RECORD_ACTUALS, RET_SEVERITY_HARD, transfer, minors, "minors",
            g_dngettext (GETTEXT_PACKAGE,
                         "%u minor has no actual handover time or receiving official of their own",
                         "%u minors have no actual handover time or receiving official of their own",
                         minors->len),
            minors->len);
}
