/* ret-rules.c — the catalogue of safety rules, and the engine that checks a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check is a pass over a RetCheckData: first the per-transfer rules for
 * every transfer, then the rules that look across transfers (family unity,
 * the point's daily and per-slot capacity).  Every violation carries the
 * "group" it was found in, so that an edit to a few transfers redoes only
 * the groups those transfers were in, before and after the edit.
 *
 * What is expensive to work out (time zones, sunrise and sunset, the
 * family index) is worked out once and kept in the data's cache; what
 * depends on the transfers (local handover time, arrangement in force)
 * is worked out once per run, per transfer.
 */

#define G_LOG_DOMAIN "ret-rules"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ret-enum-names.h"
#include "ret-rules-private.h"

/* -------------------------------------------------------------------- */
/* The catalogue                                                         */

#define PARAM(k, l, u, d, lo, hi, s) { k, l, u, d, lo, hi, s }

static const RetRule catalogue[RET_N_RULES] = {
  { RET_RULE_DESIGNATED_POINT, "R01", "designated-point",
    N_("Designated point"), "Punto de repatriación designado",
    N_("The handover takes place only at a point of the arrangement in force "
       "for the sector of the facility the transfer leaves from."),
    N_("DHS, Local Repatriation Arrangements (2016): nine arrangements "
       "limiting repatriation to twelve designated points; 2004 Action Plan "
       "and Memorandum of Understanding on safe, orderly, dignified and "
       "humane repatriation."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_POINT_HOURS, "R02", "point-hours",
    N_("Point hours"), "Horario del punto",
    N_("The handover, in the point's local time, falls inside the window the "
       "arrangement agrees for that weekday, outside any closure, and never "
       "in the border-wide night."),
    N_("DHS, Local Repatriation Arrangements (2016): repatriation at "
       "specifically determined times; border-wide no repatriation between "
       "22:00 and 05:00, as agreed under the 2004 Action Plan."),
    RET_SEVERITY_HARD, NULL, 2,
    { PARAM ("night_start", N_("Night starts"), RET_PARAM_MINUTE, 1320, 0, 1439, FALSE),
      PARAM ("night_end", N_("Night ends"), RET_PARAM_MINUTE, 300, 0, 1439, FALSE) } },
  { RET_RULE_DAYLIGHT_VULNERABLE, "R03", "daylight-vulnerable",
    N_("Vulnerable persons in daylight"), "Personas vulnerables con luz de día",
    N_("Minors, the elderly, pregnant women, women with infants, and persons "
       "who are ill or disabled are handed over only between sunrise and "
       "sunset at the point, and inside the point's narrower window for "
       "vulnerable persons."),
    N_("2004 Memorandum of Understanding on safe, orderly, dignified and "
       "humane repatriation; DHS, Local Repatriation Arrangements (2016): "
       "vulnerable persons repatriated in daylight hours."),
    RET_SEVERITY_HARD, NULL, 1,
    { PARAM ("civil_twilight", N_("Count civil twilight as daylight"), RET_PARAM_BOOL, 0, 0, 1, FALSE) } },
  { RET_RULE_MINORS_RECEPTION, "R04", "minors-reception",
    N_("Child reception"), "Recepción de menores",
    N_("Unaccompanied minors are handed over only at points with child "
       "reception (DIF and consular staff), no later than the point's minors "
       "cut-off."),
    N_("US DOJ Office of the Inspector General, report I-2001-010 on the "
       "repatriation of juveniles: children handed to Mexican consular or "
       "DIF officials during their hours; DHS, Local Repatriation "
       "Arrangements (2016)."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_MINORS_SCREENING, "R05", "minors-screening",
    N_("Screening of unaccompanied children"), "Evaluación de menores no acompañados",
    N_("A Mexican unaccompanied child is returned only after a documented "
       "screening found no risk of trafficking, no fear of return, and the "
       "child able to decide; a young child is presumed unable to decide."),
    N_("GAO-15-521 (2015), screening of Mexican unaccompanied children under "
       "the TVPRA 2008; children under 14 are presumed unable to decide."),
    RET_SEVERITY_HARD, NULL, 1,
    { PARAM ("presumed_unable_below", N_("Presumed unable to decide below"), RET_PARAM_YEARS, 14, 0, 17, FALSE) } },
  { RET_RULE_MINORS_SEPARATE, "R06", "minors-separate",
    N_("Minors travel apart from adults"), "Menores separados de adultos",
    N_("A vehicle carrying unaccompanied minors carries no adult passenger; "
       "escorts are staff, not passengers."),
    N_("CBP, National Standards on Transport, Escort, Detention and Search "
       "(TEDS, 2015): juveniles kept apart from unrelated adults; US DOJ OIG "
       "report I-2001-010."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_FAMILY_UNITY, "R07", "family-unity",
    N_("Family unity"), "Unidad familiar",
    N_("Members of one family group travel together: on the same transfer, "
       "to the same point, at the same time."),
    N_("CBP, National Standards on Transport, Escort, Detention and Search "
       "(TEDS, 2015): family unity maintained; 2004 Action Plan: families "
       "repatriated together."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_ADVANCE_NOTICE, "R08", "advance-notice",
    N_("Advance notice"), "Aviso anticipado",
    N_("The manifest is sent to the Mexican consulate and the INM receiving "
       "office ahead of departure; with criminal records, also to the "
       "prosecutor's attaché."),
    N_("2004 Action Plan and Memorandum of Understanding: advance notice to "
       "the consulate; DHS, Local Repatriation Arrangements (2016): "
       "notification to the INM receiving office."),
    RET_SEVERITY_HARD, N_("Hard if never sent before departure, warning if late"), 1,
    { PARAM ("lead_hours", N_("Notice ahead of departure"), RET_PARAM_HOURS, 24, 0, 168, TRUE) } },
  { RET_RULE_CRIMINAL_SEPARATE, "R09", "criminal-separate",
    N_("Criminal records travel apart"), "Antecedentes penales por separado",
    N_("Persons with a criminal record do not travel with minors, families or "
       "other vulnerable persons, except their own family."),
    N_("DHS, Local Repatriation Arrangements (2016); CBP TEDS (2015) on "
       "separating detainees with criminal records from vulnerable persons."),
    RET_SEVERITY_HARD, N_("Hard with minors or families, warning with other vulnerable adults"), 0,
    { { 0 } } },
  { RET_RULE_BELONGINGS, "R10", "belongings",
    N_("Belongings"), "Pertenencias",
    N_("Every person's belongings, documents, money and medicines are "
       "inventoried, and returned or on board at handover."),
    N_("CBP, National Standards on Transport, Escort, Detention and Search "
       "(TEDS, 2015): personal property returned on removal."),
    RET_SEVERITY_HARD, N_("Hard once the transfer has left"), 0, { { 0 } } },
  { RET_RULE_MEDICAL, "R11", "medical",
    N_("Fit to travel"), "Aptitud para viajar",
    N_("Every person is fit to travel, and conditions and medicines are "
       "notified to the receiving side."),
    N_("CBP TEDS (2015), medical care and medicines in custody; 2004 "
       "Memorandum of Understanding: receiving side told of health needs."),
    RET_SEVERITY_HARD, N_("Hard if unfit, warning if not notified"), 0, { { 0 } } },
  { RET_RULE_MEXICAN_ONLY, "R12", "mexican-only",
    N_("Mexican nationals only"), "Solo nacionales mexicanos",
    N_("Only persons whose Mexican nationality was verified by consular "
       "interview are handed over."),
    N_("2004 Action Plan and Memorandum of Understanding: repatriation of "
       "Mexican nationals whose nationality the consulate verified."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_INTERIOR_CONSENT, "R13", "interior-consent",
    N_("Consent to interior repatriation"), "Consentimiento para repatriación al interior",
    N_("Flights to the interior carry only persons who consented, where the "
       "programme is voluntary."),
    N_("2004 interior repatriation pilot: voluntary flights from Tucson to "
       "Mexico City and Guadalajara."),
    RET_SEVERITY_HARD, NULL, 1,
    { PARAM ("voluntary", N_("Voluntary programme"), RET_PARAM_BOOL, 1, 0, 1, FALSE) } },
  { RET_RULE_ORIGIN_PROXIMITY, "R14", "origin-proximity",
    N_("Close to home"), "Cerca del lugar de origen",
    N_("Persons are handed over at the point nearest their place of origin, "
       "within a margin."),
    N_("2004 interior repatriation pilot and Memorandum of Understanding: "
       "return close to the place of origin."),
    RET_SEVERITY_WARNING, NULL, 1,
    { PARAM ("margin_km", N_("Margin"), RET_PARAM_KM, 100, 0, 3000, TRUE) } },
  { RET_RULE_NO_LATERAL, "R15", "no-lateral",
    N_("No lateral repatriation"), "Sin repatriación lateral",
    N_("Persons are handed over at a point of their own sector's "
       "arrangement, unless an approved lateral pair allows another."),
    N_("DHS, Local Repatriation Arrangements (2016): each sector repatriates "
       "through its own points; lateral repatriation only where approved."),
    RET_SEVERITY_HARD, NULL, 0, { { 0 } } },
  { RET_RULE_CAPACITY, "R16", "capacity",
    N_("Capacity"), "Capacidad",
    N_("A vehicle never carries more persons than seats; a point receives no "
       "more than its daily and per-slot capacity."),
    N_("Vehicle seats: transport safety under CBP TEDS (2015); point "
       "capacity: DHS, Local Repatriation Arrangements (2016), capacity agreed "
       "per point (sample values)."),
    RET_SEVERITY_HARD, N_("Hard for seats, warning for the point's capacity"), 2,
    { PARAM ("slot_minutes", N_("Slot length"), RET_PARAM_MINUTES, 60, 15, 1440, TRUE),
      PARAM ("slot_capacity", N_("Persons per slot"), RET_PARAM_PERSONS, 150, 1, 5000, TRUE) } },
  { RET_RULE_HEAT_SEASON, "R17", "heat-season",
    N_("Heat season"), "Temporada de calor",
    N_("In the Arizona–Sonora summer, no handovers at remote desert points, "
       "and those who consented are flown to the interior."),
    N_("Arizona–Sonora Local Repatriation Arrangement and the 2004 interior "
       "repatriation pilot, begun in summer to prevent deaths in the desert."),
    RET_SEVERITY_WARNING, NULL, 3,
    { PARAM ("applies", N_("Applies to this arrangement"), RET_PARAM_BOOL, 0, 0, 1, FALSE),
      PARAM ("season_from", N_("Season starts"), RET_PARAM_MONTH_DAY, 601, 101, 1231, TRUE),
      PARAM ("season_to", N_("Season ends"), RET_PARAM_MONTH_DAY, 930, 101, 1231, TRUE) } },
  { RET_RULE_CUSTODY_TIME, "R18", "custody-time",
    N_("Time in custody"), "Tiempo bajo custodia",
    N_("Handover no more than 72 hours after apprehension, and no more than "
       "24 hours for minors."),
    N_("CBP, National Standards on Transport, Escort, Detention and Search "
       "(TEDS, 2015): no more than 72 hours in hold rooms; 24 hours for minors "
       "follows TEDS and the Flores settlement practice."),
    RET_SEVERITY_WARNING, NULL, 2,
    { PARAM ("adult_hours", N_("Adults"), RET_PARAM_HOURS, 72, 1, 720, FALSE),
      PARAM ("minor_hours", N_("Minors"), RET_PARAM_HOURS, 24, 1, 720, FALSE) } },
  { RET_RULE_RECORD_ACTUALS, "R19", "record-actuals",
    N_("Record the handover"), "Registro de la entrega",
    N_("Once handed over, every person has an actual handover time and a "
       "receiving official on record; for minors, their own."),
    N_("US DOJ OIG report I-2001-010: juveniles handed to a named official, "
       "on record; DHS, Local Repatriation Arrangements (2016)."),
    RET_SEVERITY_HARD, N_("Hard at close-out"), 0, { { 0 } } },
};

#undef PARAM

/* Per-transfer checks in catalogue order; NULL where the rule looks
 * across transfers only (R07). */
static const RetTransferCheck transfer_checks[RET_N_RULES] = {
  _ret_check_designated_point,
  _ret_check_point_hours,
  _ret_check_daylight_vulnerable,
  _ret_check_minors_reception,
  _ret_check_minors_screening,
  _ret_check_minors_separate,
  NULL,
  _ret_check_advance_notice,
  _ret_check_criminal_separate,
  _ret_check_belongings,
  _ret_check_medical,
  _ret_check_mexican_only,
  _ret_check_interior_consent,
  _ret_check_origin_proximity,
  _ret_check_no_lateral,
  _ret_check_seats,
  _ret_check_heat_season,
  _ret_check_custody_time,
  _ret_check_record_actuals,
};

const RetRule *
ret_rule_get (RetRuleId id)
{
  g_return_val_if_fail ((guint) id < RET_N_RULES, NULL);

  return &catalogue[id];
}

const RetRule *
ret_rule_lookup (const char *code_or_slug)
{
  g_return_val_if_fail (code_or_slug != NULL, NULL);

  for (guint i = 0; i < RET_N_RULES; i++)
    if (g_ascii_strcasecmp (catalogue[i].code, code_or_slug) == 0 ||
        g_strcmp0 (catalogue[i].slug, code_or_slug) == 0)
      return &catalogue[i];

  return NULL;
}

int
ret_rule_param_index (RetRuleId   id,
                      const char *key)
{
  const RetRule *rule;

  g_return_val_if_fail ((guint) id < RET_N_RULES, -1);
  g_return_val_if_fail (key != NULL, -1);

  rule = &catalogue[id];
  for (guint i = 0; i < rule->n_params; i++)
    if (strcmp (rule->params[i].key, key) == 0)
      return (int) i;

  return -1;
}

const char *
ret_severity_to_string (RetSeverity severity)
{
  return severity == RET_SEVERITY_HARD ? "hard" : "warning";
}

const char *
ret_severity_label (RetSeverity severity)
{
  return severity == RET_SEVERITY_HARD ? _("Hard") : _("Warning");
}

void
ret_rule_params_init (RetRuleParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  for (guint r = 0; r < RET_N_RULES; r++)
    for (guint i = 0; i < catalogue[r].n_params; i++)
      {
        params->value[r][i] = catalogue[r].params[i].default_value;
        params->sample[r][i] = catalogue[r].params[i].sample;
      }
}

/* -------------------------------------------------------------------- */
/* Parameter values as text                                              */

static const char * const month_names[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
  N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
  N_("November"), N_("December"),
};

char *
ret_rule_param_format (const RetRuleParam *param,
                       int                 value)
{
  g_return_val_if_fail (param != NULL, NULL);

  switch (param->unit)
    {
    case RET_PARAM_MINUTE:
      return g_strdup_printf ("%02d:%02d", value / 60, value % 60);
    case RET_PARAM_HOURS:
      /* TRANSLATORS: a number of hours, short: "24 h" */
      return g_strdup_printf (_("%d h"), value);
    case RET_PARAM_YEARS:
      return g_strdup_printf (ngettext ("%d year", "%d years", value), value);
    case RET_PARAM_KM:
      return g_strdup_printf (_("%d km"), value);
    case RET_PARAM_PERSONS:
      return g_strdup_printf (ngettext ("%d person", "%d persons", value), value);
    case RET_PARAM_MINUTES:
      /* TRANSLATORS: a duration in minutes, short: "60 min" */
      return g_strdup_printf (_("%d min"), value);
    case RET_PARAM_BOOL:
      return g_strdup (value ? _("yes") : _("no"));
    case RET_PARAM_MONTH_DAY:
      if (value / 100 >= 1 && value / 100 <= 12)
        /* TRANSLATORS: a day of the year: "1 June" */
        return g_strdup_printf (_("%d %s"), value % 100, _(month_names[value / 100 - 1]));
      return g_strdup_printf ("%d", value);
    default:
      break;
    }

  /* A unit added to the catalogue but not here: show the number. */
  return g_strdup_printf ("%d", value);
}

/* Reads an integer, then optional spaces and @unit words; anything else
 * is an error. */
static gboolean
parse_number_with_unit (const char         *text,
                        const char * const *units,
                        int                *value)
{
  const char *p = text;
  char *end = NULL;
  gint64 n;

  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p) && *p != '-')
    return FALSE;

  n = g_ascii_strtoll (p, &end, 10);
  if (end == p || n < G_MININT || n > G_MAXINT)
    return FALSE;

  p = end;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    {
      gboolean known = FALSE;
      g_autofree char *rest = g_strstrip (g_utf8_casefold (p, -1));

      /* The unit as shown, in English or in the user's language */
      for (guint i = 0; units[i] != NULL && !known; i++)
        {
          g_autofree char *unit = g_utf8_casefold (units[i], -1);
          g_autofree char *local = g_utf8_casefold (_(units[i]), -1);

          known = strcmp (rest, unit) == 0 || strcmp (rest, local) == 0;
        }
      if (!known)
        return FALSE;
    }

  *value = (int) n;
  return TRUE;
}

static gboolean
parse_month_day (const char *text,
                 int        *value)
{
  int month = 0, day = 0;
  g_autofree char *folded = g_strstrip (g_utf8_casefold (text, -1));
  g_auto(GStrv) words = NULL;

  /* "06-01", as stored and in scripts */
  if (strlen (folded) == 5 && g_ascii_isdigit (folded[0]) && g_ascii_isdigit (folded[1]) &&
      folded[2] == '-' && g_ascii_isdigit (folded[3]) && g_ascii_isdigit (folded[4]))
    {
      month = (folded[0] - '0') * 10 + (folded[1] - '0');
      day = (folded[3] - '0') * 10 + (folded[4] - '0');
    }
  else
    {
      /* TRANSLATORS: the word that may join day and month, as in
       * "1 of June" ("1 de junio"); it is skipped when read back */
      g_autofree char *joining = g_utf8_casefold (_("of"), -1);

      /* "1 June" or "June 1", in English or the user's language */
      words = g_strsplit_set (folded, " \t", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0' || strcmp (words[i], "of") == 0 || strcmp (words[i], joining) == 0)
            continue;
          if (g_ascii_isdigit (*words[i]) && day == 0)
            {
              char *end = NULL;

              day = (int) g_ascii_strtoll (words[i], &end, 10);
              if (*end != '\0')
                return FALSE;
              continue;
            }
          for (guint m = 0; m < G_N_ELEMENTS (month_names) && month == 0; m++)
            {
              g_autofree char *english = g_utf8_casefold (month_names[m], -1);
              g_autofree char *local = g_utf8_casefold (_(month_names[m]), -1);

              if (strcmp (words[i], english) == 0 || strcmp (words[i], local) == 0)
                month = (int) m + 1;
            }
          if (month == 0)
            return FALSE;
        }
    }

  if (month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, 2024))
    return FALSE;

  *value = month * 100 + day;
  return TRUE;
}

gboolean
ret_rule_param_parse (const RetRuleParam *param,
                      const char         *text,
                      int                *value,
                      GError            **error)
{
  /* TRANSLATORS: units a coordinator may type after a number, as in
   * "24 h" or "150 persons"; English is understood too. */
  static const char * const hours_units[] = { N_("h"), N_("hour"), N_("hours"), NULL };
  static const char * const years_units[] = { N_("year"), N_("years"), NULL };
  static const char * const km_units[] = { N_("km"), NULL };
  static const char * const persons_units[] = { N_("person"), N_("persons"), N_("people"), NULL };
  static const char * const minutes_units[] = { N_("min"), N_("minutes"), NULL };
  static const char * const no_units[] = { NULL };
  int v = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (param != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  switch (param->unit)
    {
    case RET_PARAM_MINUTE:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        ok = ret_minute_parse (stripped, &v) && v != RET_MINUTE_NONE && v < RET_MINUTES_PER_DAY;
        if (!ok)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s: “%s” is not a time of day; write it as 18:00"),
                         _(param->label), text);
            return FALSE;
          }
      }
      break;
    case RET_PARAM_HOURS:
    case RET_PARAM_YEARS:
    case RET_PARAM_KM:
    case RET_PARAM_PERSONS:
    case RET_PARAM_MINUTES:
      {
        const char * const *units =
          param->unit == RET_PARAM_HOURS ? hours_units :
          param->unit == RET_PARAM_YEARS ? years_units :
          param->unit == RET_PARAM_KM ? km_units :
          param->unit == RET_PARAM_PERSONS ? persons_units :
          param->unit == RET_PARAM_MINUTES ? minutes_units : no_units;
        g_autofree char *example = ret_rule_param_format (param, param->default_value);

        ok = parse_number_with_unit (text, units, &v);
        if (!ok)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s: “%s” is not a whole number; write it as %s"),
                         _(param->label), text, example);
            return FALSE;
          }
      }
      break;
    case RET_PARAM_BOOL:
      {
        g_autofree char *t = g_strstrip (g_utf8_casefold (text, -1));
        g_autofree char *yes = g_utf8_casefold (_("yes"), -1);
        g_autofree char *no = g_utf8_casefold (_("no"), -1);

        if (strcmp (t, "yes") == 0 || strcmp (t, "1") == 0 || strcmp (t, "true") == 0 ||
            strcmp (t, yes) == 0)
          v = 1, ok = TRUE;
        else if (strcmp (t, "no") == 0 || strcmp (t, "0") == 0 || strcmp (t, "false") == 0 ||
                 strcmp (t, no) == 0)
          v = 0, ok = TRUE;
        if (!ok)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("%s: “%s” is neither yes nor no"), _(param->label), text);
            return FALSE;
          }
      }
      break;
    case RET_PARAM_MONTH_DAY:
      ok = parse_month_day (text, &v);
      if (!ok)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: “%s” is not a day of the year; write it as 1 June or 06-01"),
                       _(param->label), text);
          return FALSE;
        }
      break;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: this kind of value cannot be typed in"), _(param->label));
      return FALSE;
    }

  if (v < param->min || v > param->max)
    {
      g_autofree char *lo = ret_rule_param_format (param, param->min);
      g_autofree char *hi = ret_rule_param_format (param, param->max);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: %s is outside the allowed range, %s to %s"),
                   _(param->label), text, lo, hi);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

/* -------------------------------------------------------------------- */
/* Small enums as text                                                   */

static const char * const notice_kind_names[] = { "consulate", "inm", "prosecutor-attache" };
static const char * const notice_kind_labels[] = {
  N_("Consulate"), N_("INM receiving office"), N_("Prosecutor’s attaché"),
};
static const char * const belonging_status_names[] = { "held", "on-board", "returned", "missing" };
static const char * const belonging_status_labels[] = {
  N_("Held in custody"), N_("On board"), N_("Returned"), N_("Missing"),
};
static const char * const belonging_kind_names[] = { "documents", "money", "medicines", "other" };
static const char * const belonging_kind_labels[] = {
  N_("Documents"), N_("Money"), N_("Medicines"), N_("Other"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (notice_kind_names) == RET_N_NOTICE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (notice_kind_labels) == RET_N_NOTICE_KINDS);

const char *
ret_notice_kind_to_string (RetNoticeKind kind)
{
  return ret_enum_names_to_string (RET_ENUM_NAMES (notice_kind_names), kind);
}

gboolean
ret_notice_kind_from_string (const char    *text,
                             RetNoticeKind *kind)
{
  int i = ret_enum_names_lookup (RET_ENUM_NAMES (notice_kind_names), text);

  if (i >= 0)
    *kind = (RetNoticeKind) i;
  return i >= 0;
}

const char *
ret_notice_kind_label (RetNoticeKind kind)
{
  return ret_enum_names_label (RET_ENUM_NAMES (notice_kind_labels), kind);
}

const char *
ret_belonging_status_to_string (RetBelongingStatus status)
{
  return ret_enum_names_to_string (RET_ENUM_NAMES (belonging_status_names), status);
}

gboolean
ret_belonging_status_from_string (const char         *text,
                                  RetBelongingStatus *status)
{
  int i = ret_enum_names_lookup (RET_ENUM_NAMES (belonging_status_names), text);

  if (i >= 0)
    *status = (RetBelongingStatus) i;
  return i >= 0;
}

const char *
ret_belonging_status_label (RetBelongingStatus status)
{
  return ret_enum_names_label (RET_ENUM_NAMES (belonging_status_labels), status);
}

const char *
ret_belonging_kind_to_string (RetBelongingKind kind)
{
  return ret_enum_names_to_string (RET_ENUM_NAMES (belonging_kind_names), kind);
}

gboolean
ret_belonging_kind_from_string (const char       *text,
                                RetBelongingKind *kind)
{
  int i = ret_enum_names_lookup (RET_ENUM_NAMES (belonging_kind_names), text);

  if (i >= 0)
    *kind = (RetBelongingKind) i;
  return i >= 0;
}

const char *
ret_belonging_kind_label (RetBelongingKind kind)
{
  return ret_enum_names_label (RET_ENUM_NAMES (belonging_kind_labels), kind);
}

const char *
ret_resolution_kind_to_string (RetResolutionKind kind)
{
  switch (kind)
    {
    case RET_RESOLUTION_OVERRIDE:
      return "override";
    case RET_RESOLUTION_ACKNOWLEDGEMENT:
      return "acknowledgement";
    case RET_RESOLUTION_NONE:
    default:
      return "none";
    }
}

/* -------------------------------------------------------------------- */
/* Copies and frees                                                      */

RetScreening *
ret_screening_copy (const RetScreening *screening)
{
  RetScreening *copy;

  if (screening == NULL)
    return NULL;

  copy = g_memdup2 (screening, sizeof *screening);
  copy->screener = g_strdup (screening->screener);
  copy->notes = g_strdup (screening->notes);
  return copy;
}

void
ret_screening_free (RetScreening *screening)
{
  if (screening == NULL)
    return;
  g_free (screening->screener);
  g_free (screening->notes);
  g_free (screening);
}

RetResolution *
ret_resolution_copy (const RetResolution *resolution)
{
  RetResolution *copy;

  if (resolution == NULL)
    return NULL;

  copy = g_memdup2 (resolution, sizeof *resolution);
  copy->transfer_code = g_strdup (resolution->transfer_code);
  copy->subject = g_strdup (resolution->subject);
  copy->reason = g_strdup (resolution->reason);
  copy->approver = g_strdup (resolution->approver);
  return copy;
}

void
ret_resolution_free (RetResolution *resolution)
{
  if (resolution == NULL)
    return;
  g_free (resolution->transfer_code);
  g_free (resolution->subject);
  g_free (resolution->reason);
  g_free (resolution->approver);
  g_free (resolution);
}

RetCheckPerson *
ret_check_person_new (RetPerson *person)
{
  RetCheckPerson *self = g_new0 (RetCheckPerson, 1);

  self->person = person;
  self->medical_notes = g_strdup ("");
  return self;
}

void
ret_check_person_free (RetCheckPerson *person)
{
  if (person == NULL)
    return;
  g_clear_pointer (&person->person, ret_person_free);
  g_clear_pointer (&person->screening, ret_screening_free);
  g_free (person->medical_notes);
  g_free (person->origin_name);
  g_free (person->elsewhere_transfer);
  g_free (person);
}

static void
check_entry_clear (gpointer data)
{
  RetCheckEntry *entry = data;

  g_clear_pointer (&entry->receiving_official, g_free);
}

RetCheckTransfer *
ret_check_transfer_new (void)
{
  RetCheckTransfer *self = g_new0 (RetCheckTransfer, 1);

  self->status = RET_TRANSFER_PLANNED;
  self->entries = g_array_new (FALSE, TRUE, sizeof (RetCheckEntry));
  g_array_set_clear_func (self->entries, check_entry_clear);
  return self;
}

void
ret_check_transfer_free (RetCheckTransfer *transfer)
{
  if (transfer == NULL)
    return;
  g_free (transfer->code);
  g_free (transfer->mode);
  g_free (transfer->facility);
  g_free (transfer->point);
  g_free (transfer->receiving_official);
  g_clear_pointer (&transfer->entries, g_array_unref);
  g_free (transfer);
}

void
ret_check_transfer_add_person (RetCheckTransfer *transfer,
                               guint             person)
{
  RetCheckEntry entry = { person, 0, NULL };

  g_return_if_fail (transfer != NULL);
  g_array_append_val (transfer->entries, entry);
}

RetCheckArrangement *
ret_check_arrangement_new (void)
{
  RetCheckArrangement *self = g_new0 (RetCheckArrangement, 1);

  g_date_clear (&self->effective_from, 1);
  g_date_clear (&self->effective_to, 1);
  ret_rule_params_init (&self->params);
  return self;
}

void
ret_check_arrangement_free (RetCheckArrangement *arrangement)
{
  if (arrangement == NULL)
    return;
  g_free (arrangement->code);
  g_free (arrangement->name);
  g_strfreev (arrangement->sectors);
  g_strfreev (arrangement->points);
  g_free (arrangement);
}

void
ret_lateral_pair_free (RetLateralPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->sector);
  g_free (pair->point);
  g_free (pair->approved_by);
  g_free (pair->reason);
  g_free (pair);
}

void
ret_point_exception_free (RetPointException *exception)
{
  if (exception == NULL)
    return;
  g_free (exception->point);
  g_free (exception->reason);
  g_free (exception);
}

RetViolation *
ret_violation_copy (const RetViolation *violation)
{
  RetViolation *copy;

  g_return_val_if_fail (violation != NULL, NULL);

  copy = g_memdup2 (violation, sizeof *violation);
  copy->transfer_code = g_strdup (violation->transfer_code);
  copy->persons = g_ptr_array_new_full (violation->persons->len, g_free);
  for (guint i = 0; i < violation->persons->len; i++)
    g_ptr_array_add (copy->persons, g_strdup (g_ptr_array_index (violation->persons, i)));
  copy->person_ids = g_array_copy (violation->person_ids);
  copy->subject = g_strdup (violation->subject);
  copy->message = g_strdup (violation->message);
  copy->group = g_strdup (violation->group);
  copy->resolution = ret_resolution_copy (violation->resolution);
  return copy;
}

void
ret_violation_free (RetViolation *violation)
{
  if (violation == NULL)
    return;
  g_free (violation->transfer_code);
  g_clear_pointer (&violation->persons, g_ptr_array_unref);
  g_clear_pointer (&violation->person_ids, g_array_unref);
  g_free (violation->subject);
  g_free (violation->message);
  g_free (violation->group);
  g_clear_pointer (&violation->resolution, ret_resolution_free);
  g_free (violation);
}

gboolean
ret_violation_is_resolved (const RetViolation *violation)
{
  g_return_val_if_fail (violation != NULL, FALSE);
  return violation->resolution != NULL;
}

/* -------------------------------------------------------------------- */
/* The data, and what is cached from it                                  */

/* Kept across runs until ret_check_data_invalidate(): nothing in here
 * depends on the transfers, which change between runs. */
struct _RetCheckCache
{
  GHashTable *points;      /* code → RetPoint (borrowed) */
  GHashTable *point_index; /* code → index + 1 into data->points */
  GHashTable *zones;       /* IANA id → GTimeZone */
  GHashTable *facilities;  /* code → RetFacility (borrowed) */
  GHashTable *families;    /* label → GArray of guint person indexes */
  GHashTable *person_ids;  /* id → index + 1 */
  GHashTable *daylight;    /* "point index:julian" → RetDaylight */
};

static void
check_cache_free (RetCheckCache *cache)
{
  g_hash_table_unref (cache->points);
  g_hash_table_unref (cache->point_index);
  g_hash_table_unref (cache->zones);
  g_hash_table_unref (cache->facilities);
  g_hash_table_unref (cache->families);
  g_hash_table_unref (cache->person_ids);
  g_hash_table_unref (cache->daylight);
  g_free (cache);
}

static RetCheckCache *
check_cache_get (RetCheckData *data)
{
  RetCheckCache *cache;

  if (data->cache != NULL)
    return data->cache;

  cache = g_new0 (RetCheckCache, 1);
  cache->points = g_hash_table_new (g_str_hash, g_str_equal);
  cache->point_index = g_hash_table_new (g_str_hash, g_str_equal);
  cache->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_time_zone_unref);
  cache->facilities = g_hash_table_new (g_str_hash, g_str_equal);
  cache->families = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_array_unref);
  cache->person_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  cache->daylight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < data->points->len; i++)
    {
      RetPoint *point = g_ptr_array_index (data->points, i);

      if (point->code == NULL)
        continue;
      g_hash_table_insert (cache->points, point->code, point);
      g_hash_table_insert (cache->point_index, point->code, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < data->facilities->len; i++)
    {
      RetFacility *facility = g_ptr_array_index (data->facilities, i);

      if (facility->code != NULL)
        g_hash_table_insert (cache->facilities, facility->code, facility);
    }

  for (guint i = 0; i < data->persons->len; i++)
    {
      RetCheckPerson *cp = g_ptr_array_index (data->persons, i);
      const char *label = cp->person->family_group;
      GArray *members;

      g_hash_table_insert (cache->person_ids, &cp->person->id, GUINT_TO_POINTER (i + 1));

      if (label == NULL || *label == '\0')
        continue;
      members = g_hash_table_lookup (cache->families, label);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (cache->families, (gpointer) label, members);
        }
      g_array_append_val (members, i);
    }

  data->cache = cache;
  return cache;
}

static GTimeZone *
check_cache_zone (RetCheckCache *cache,
                  const char    *identifier)
{
  GTimeZone *zone;

  if (identifier == NULL)
    return NULL;

  zone = g_hash_table_lookup (cache->zones, identifier);
  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (identifier);
      if (zone == NULL)
        {
          g_debug ("Unknown time zone “%s”", identifier);
          return NULL;
        }
      g_hash_table_insert (cache->zones, g_strdup (identifier), zone);
    }
  return zone;
}

RetCheckData *
ret_check_data_new (void)
{
  RetCheckData *self = g_new0 (RetCheckData, 1);

  self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_free);
  self->facilities = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_facility_free);
  self->arrangements = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_arrangement_free);
  self->lateral_pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_lateral_pair_free);
  self->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_point_exception_free);
  self->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_person_free);
  self->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_check_transfer_free);
  self->resolutions = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_resolution_free);
  return self;
}

void
ret_check_data_free (RetCheckData *data)
{
  if (data == NULL)
    return;
  ret_check_data_invalidate (data);
  g_ptr_array_unref (data->points);
  g_ptr_array_unref (data->facilities);
  g_ptr_array_unref (data->arrangements);
  g_ptr_array_unref (data->lateral_pairs);
  g_ptr_array_unref (data->exceptions);
  g_ptr_array_unref (data->persons);
  g_ptr_array_unref (data->transfers);
  g_ptr_array_unref (data->resolutions);
  g_free (data);
}

void
ret_check_data_invalidate (RetCheckData *data)
{
  g_return_if_fail (data != NULL);
  g_clear_pointer (&data->cache, check_cache_free);
}

guint
ret_check_data_add_person (RetCheckData   *data,
                           RetCheckPerson *person)
{
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (person != NULL && person->person != NULL, 0);

  ret_check_data_invalidate (data);
  g_ptr_array_add (data->persons, person);
  return data->persons->len - 1;
}

guint
ret_check_data_add_transfer (RetCheckData     *data,
                             RetCheckTransfer *transfer)
{
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (transfer != NULL, 0);

  g_ptr_array_add (data->transfers, transfer);
  return data->transfers->len - 1;
}

int
ret_check_data_find_person (RetCheckData *data,
                            gint64        person_id)
{
  RetCheckCache *cache;

  g_return_val_if_fail (data != NULL, -1);

  cache = check_cache_get (data);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (cache->person_ids, &person_id)) - 1;
}

int
ret_check_data_find_transfer (RetCheckData *data,
                              const char   *code)
{
  g_return_val_if_fail (data != NULL, -1);
  g_return_val_if_fail (code != NULL, -1);

  for (guint i = 0; i < data->transfers->len; i++)
    {
      RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, i);

      if (g_strcmp0 (transfer->code, code) == 0)
        return (int) i;
    }
  return -1;
}

/* -------------------------------------------------------------------- */
/* One run                                                               */

/* What every rule asks about a transfer, worked out once per run. */
typedef struct
{
  const RetPoint            *point;
  guint                      point_index;   /* into data->points */
  GTimeZone                 *zone;          /* borrowed from the cache */
  gboolean                   local_known;
  GDate                      date;
  int                        year, month, day;
  int                        minute;
  int                        weekday;       /* 1 = Monday */
  gboolean                   arrangement_done;
  const RetCheckArrangement *arrangement;
  gboolean                   daylight_done;
  const RetDaylight         *daylight;
  char                      *point_day;     /* group name, NULL if unknown */
  GArray                    *counted;       /* guint persons, NULL until asked */
} TransferInfo;

struct _RetCheckContext
{
  RetCheckData  *data;
  RetCheckCache *cache;
  TransferInfo  *info;            /* one per transfer */
  guint          n_info;
  int           *person_transfer; /* person → checked transfer, or -1 */
  GPtrArray     *out;             /* RetViolation, borrowed */
  const char    *group;           /* set while a group check runs */
};

typedef struct
{
  GArray *persons;    /* guint person indexes on the manifest at the last check */
  char   *point_day;
} TransferSnapshot;

struct _RetCheckResult
{
  GPtrArray *violations;   /* RetViolation */
  GArray    *snapshots;    /* TransferSnapshot, one per transfer */
};

static gboolean
transfer_is_checked (const RetCheckTransfer *transfer)
{
  return transfer->status != RET_TRANSFER_CANCELLED;
}

static void
transfer_info_compute (RetCheckContext *ctx,
                       guint            t)
{
  RetCheckTransfer *transfer = g_ptr_array_index (ctx->data->transfers, t);
  TransferInfo *info = &ctx->info[t];
  gint64 local;
  gint64 days;
  int interval;

  memset (info, 0, sizeof *info);
  g_date_clear (&info->date, 1);

  if (transfer->point == NULL)
    return;
  info->point = g_hash_table_lookup (ctx->cache->points, transfer->point);
  if (info->point == NULL)
    return;
  info->point_index = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->cache->point_index,
                                                             transfer->point)) - 1;
  info->zone = check_cache_zone (ctx->cache, info->point->timezone);
  if (info->zone == NULL || transfer->handover_at == 0)
    return;

  /* The offset in force at the instant, from the zone's own rules: a
   * fixed offset would be wrong on the days the clocks change. */
  interval = g_time_zone_find_interval (info->zone, G_TIME_TYPE_UNIVERSAL, transfer->handover_at);
  local = transfer->handover_at + g_time_zone_get_offset (info->zone, interval);
  days = local >= 0 ? local / 86400 : (local - 86399) / 86400;

  /* 719163 is the GDate julian day of 1970-01-01 */
  if (days + 719163 < 1 || days + 719163 > G_MAXUINT32)
    return;
  g_date_set_julian (&info->date, (guint32) (days + 719163));
  info->year = g_date_get_year (&info->date);
  info->month = g_date_get_month (&info->date);
  info->day = g_date_get_day (&info->date);
  info->minute = (int) ((local - days * 86400) / 60);
  info->weekday = g_date_get_weekday (&info->date);
  info->local_known = TRUE;
  info->point_day = g_strdup_printf ("point-day:%s:%04d-%02d-%02d", info->point->code,
                                     info->year, info->month, info->day);
}

static void
context_compute_person_transfers (RetCheckContext *ctx)
{
  RetCheckData *data = ctx->data;

  for (guint i = 0; i < data->persons->len; i++)
    ctx->person_transfer[i] = -1;

  for (guint t = 0; t < data->transfers->len; t++)
    {
      RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, t);

      if (!transfer_is_checked (transfer))
        continue;
      for (guint e = 0; e < transfer->entries->len; e++)
        {
          guint p = g_array_index (transfer->entries, RetCheckEntry, e).person;

          if (p < data->persons->len)
            ctx->person_transfer[p] = (int) t;
        }
    }
}

static void
context_init (RetCheckContext *ctx,
              RetCheckData    *data,
              GPtrArray       *out)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->data = data;
  ctx->cache = check_cache_get (data);
  ctx->n_info = data->transfers->len;
  ctx->info = g_new0 (TransferInfo, MAX (ctx->n_info, 1));
  for (guint t = 0; t < ctx->n_info; t++)
    transfer_info_compute (ctx, t);
  ctx->person_transfer = g_new (int, MAX (data->persons->len, 1));
  context_compute_person_transfers (ctx);
  ctx->out = out;
}

static void
context_clear (RetCheckContext *ctx)
{
  for (guint t = 0; t < ctx->n_info; t++)
    {
      g_free (ctx->info[t].point_day);
      g_clear_pointer (&ctx->info[t].counted, g_array_unref);
    }
  g_clear_pointer (&ctx->info, g_free);
  g_clear_pointer (&ctx->person_transfer, g_free);
}

RetCheckData *
_ret_check_get_data (RetCheckContext *ctx)
{
  return ctx->data;
}

const RetPoint *
_ret_check_get_point (RetCheckContext *ctx,
                      guint            transfer)
{
  g_assert (transfer < ctx->n_info);
  return ctx->info[transfer].point;
}

const RetFacility *
_ret_check_get_facility (RetCheckContext *ctx,
                         const char      *code)
{
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (ctx->cache->facilities, code);
}

GTimeZone *
_ret_check_get_point_zone (RetCheckContext *ctx,
                           guint            transfer)
{
  g_assert (transfer < ctx->n_info);
  return ctx->info[transfer].zone;
}

gboolean
_ret_check_local_handover (RetCheckContext *ctx,
                           guint            transfer,
                           GDate           *date,
                           int             *minute,
                           int             *weekday)
{
  const TransferInfo *info;

  g_assert (transfer < ctx->n_info);
  info = &ctx->info[transfer];
  if (!info->local_known)
    return FALSE;
  if (date != NULL)
    *date = info->date;
  if (minute != NULL)
    *minute = info->minute;
  if (weekday != NULL)
    *weekday = info->weekday;
  return TRUE;
}

static gboolean
strv_has (GStrv       strv,
          const char *s)
{
  return strv != NULL && s != NULL && g_strv_contains ((const char * const *) strv, s);
}

static gboolean
arrangement_in_force (const RetCheckArrangement *arrangement,
                      const GDate               *date)
{
  if (g_date_valid (&arrangement->effective_from) &&
      g_date_compare (date, &arrangement->effective_from) < 0)
    return FALSE;
  if (g_date_valid (&arrangement->effective_to) &&
      g_date_compare (date, &arrangement->effective_to) > 0)
    return FALSE;
  return TRUE;
}

/* When two versions of an arrangement overlap, the newer one wins. */
static gboolean
arrangement_newer (const RetCheckArrangement *a,
                   const RetCheckArrangement *b)
{
  if (!g_date_valid (&b->effective_from))
    return g_date_valid (&a->effective_from);
  if (!g_date_valid (&a->effective_from))
    return FALSE;
  return g_date_compare (&a->effective_from, &b->effective_from) > 0;
}

const RetCheckArrangement *
_ret_check_arrangement_for (RetCheckContext *ctx,
                            const char      *sector,
                            const GDate     *date)
{
  const RetCheckArrangement *best = NULL;

  if (sector == NULL || date == NULL || !g_date_valid (date))
    return NULL;

  for (guint i = 0; i < ctx->data->arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (ctx->data->arrangements, i);

      if (strv_has (a->sectors, sector) && arrangement_in_force (a, date) &&
          (best == NULL || arrangement_newer (a, best)))
        best = a;
    }
  return best;
}

/* A sector may be covered by more than one arrangement at once (Rio
 * Grande Valley: McAllen for Reynosa, Brownsville for Matamoros, both of
 * 2016): of the newest arrangements for the sector, the one that
 * designates @point governs a handover there.  An older version stays
 * superseded even if it named the point. */
const RetCheckArrangement *
_ret_check_arrangement_for_point (RetCheckContext *ctx,
                                  const char      *sector,
                                  const char      *point,
                                  const GDate     *date)
{
  const RetCheckArrangement *newest = _ret_check_arrangement_for (ctx, sector, date);

  if (newest == NULL || point == NULL || strv_has (newest->points, point))
    return newest;

  for (guint i = 0; i < ctx->data->arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (ctx->data->arrangements, i);

      if (a != newest && strv_has (a->sectors, sector) && strv_has (a->points, point) &&
          arrangement_in_force (a, date) &&
          !arrangement_newer (newest, a) && !arrangement_newer (a, newest))
        return a;
    }
  return newest;
}

/* The arrangement in force on @date that designates @point; for what
 * belongs to the point rather than to a sector (its slots). */
static const RetCheckArrangement *
arrangement_for_point (RetCheckContext *ctx,
                       const char      *point,
                       const GDate     *date)
{
  const RetCheckArrangement *best = NULL;

  for (guint i = 0; i < ctx->data->arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (ctx->data->arrangements, i);

      if (strv_has (a->points, point) && arrangement_in_force (a, date) &&
          (best == NULL || arrangement_newer (a, best)))
        best = a;
    }
  return best;
}

const RetCheckArrangement *
_ret_check_transfer_arrangement (RetCheckContext *ctx,
                                 guint            transfer)
{
  TransferInfo *info;

  g_assert (transfer < ctx->n_info);
  info = &ctx->info[transfer];
  if (!info->arrangement_done)
    {
      RetCheckTransfer *t = g_ptr_array_index (ctx->data->transfers, transfer);
      const RetFacility *facility = _ret_check_get_facility (ctx, t->facility);

      info->arrangement_done = TRUE;
      if (facility != NULL && info->local_known)
        info->arrangement = _ret_check_arrangement_for_point (ctx, facility->sector,
                                                              t->point, &info->date);
    }
  return info->arrangement;
}

static int
params_value (const RetCheckArrangement *arrangement,
              RetRuleId                  rule,
              const char                *key)
{
  int i = ret_rule_param_index (rule, key);

  g_return_val_if_fail (i >= 0, 0);
  if (arrangement != NULL)
    return arrangement->params.value[rule][i];
  return catalogue[rule].params[i].default_value;
}

int
_ret_check_param (RetCheckContext *ctx,
                  guint            transfer,
                  RetRuleId        rule,
                  const char      *key)
{
  return params_value (_ret_check_transfer_arrangement (ctx, transfer), rule, key);
}

const RetDaylight *
_ret_check_daylight (RetCheckContext *ctx,
                     guint            transfer)
{
  TransferInfo *info;

  g_assert (transfer < ctx->n_info);
  info = &ctx->info[transfer];
  if (!info->daylight_done)
    {
      char key[32];
      RetDaylight *daylight;

      info->daylight_done = TRUE;
      if (!info->local_known)
        return NULL;

      /* Many transfers go to the same point on the same day: the sun is
       * worked out once for each. */
      g_snprintf (key, sizeof key, "%u:%u", info->point_index, g_date_get_julian (&info->date));
      daylight = g_hash_table_lookup (ctx->cache->daylight, key);
      if (daylight == NULL)
        {
          g_autoptr(GError) error = NULL;

          daylight = g_new0 (RetDaylight, 1);
          if (!ret_daylight_compute (info->point->latitude, info->point->longitude,
                                     info->zone, &info->date, daylight, &error))
            {
              g_debug ("No daylight for point %s: %s", info->point->code, error->message);
              g_free (daylight);
              return NULL;
            }
          g_hash_table_insert (ctx->cache->daylight, g_strdup (key), daylight);
        }
      info->daylight = daylight;
    }
  return info->daylight;
}

int
_ret_check_age (RetCheckContext *ctx,
                guint            transfer,
                guint            person)
{
  const TransferInfo *info;
  const RetPerson *p;
  int by, bm, bd, age;

  g_assert (transfer < ctx->n_info);
  g_assert (person < ctx->data->persons->len);

  info = &ctx->info[transfer];
  p = ((RetCheckPerson *) g_ptr_array_index (ctx->data->persons, person))->person;
  if (!g_date_valid (&p->birth_date))
    return -1;
  if (!info->local_known)
    {
      GDate today;

      ret_date_today (&today);
      return ret_person_get_age (p, &today);
    }

  by = g_date_get_year (&p->birth_date);
  bm = g_date_get_month (&p->birth_date);
  bd = g_date_get_day (&p->birth_date);
  age = info->year - by;
  if (info->month < bm || (info->month == bm && info->day < bd))
    age--;
  return MAX (age, 0);
}

gboolean
_ret_check_is_minor (RetCheckContext *ctx,
                     guint            transfer,
                     guint            person)
{
  int age = _ret_check_age (ctx, transfer, person);

  return age >= 0 && age < RET_ADULT_AGE;
}

gboolean
_ret_check_is_vulnerable (RetCheckContext *ctx,
                          guint            transfer,
                          guint            person)
{
  const RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (ctx->data->persons, person))->person;
  int age;

  if (p->flags & (RET_PERSON_FLAG_UNACCOMPANIED_MINOR | RET_PERSON_FLAG_PREGNANT |
                  RET_PERSON_FLAG_DISABLED | RET_PERSON_FLAG_ILL))
    return TRUE;
  if (p->travelling_with_infant)
    return TRUE;
  age = _ret_check_age (ctx, transfer, person);
  return age >= 0 && (age < RET_ADULT_AGE || age >= RET_ELDERLY_AGE);
}

gboolean
_ret_check_is_counted (RetCheckContext *ctx,
                       guint            person)
{
  const RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (ctx->data->persons, person))->person;

  return p->status != RET_PERSON_STATUS_WITHDRAWN;
}

/* Every rule looks at the same persons of a manifest: they are picked
 * out once per run. */
const GArray *
_ret_check_counted_persons (RetCheckContext *ctx,
                            guint            transfer)
{
  TransferInfo *info;

  g_assert (transfer < ctx->n_info);
  info = &ctx->info[transfer];
  if (info->counted == NULL)
    {
      RetCheckTransfer *t = g_ptr_array_index (ctx->data->transfers, transfer);

      info->counted = g_array_sized_new (FALSE, FALSE, sizeof (guint), t->entries->len);
      for (guint e = 0; e < t->entries->len; e++)
        {
          guint p = g_array_index (t->entries, RetCheckEntry, e).person;

          if (_ret_check_is_counted (ctx, p))
            g_array_append_val (info->counted, p);
        }
    }
  return info->counted;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
_ret_check_report (RetCheckContext *ctx,
                   RetRuleId        rule,
                   RetSeverity      severity,
                   guint            transfer,
                   const guint     *persons,
                   guint            n_persons,
                   const char      *subject,
                   const char      *format,
                   ...)
{
  RetCheckTransfer *t;
  RetViolation *v;
  va_list args;

  g_return_if_fail ((guint) rule < RET_N_RULES);
  g_return_if_fail (transfer < ctx->data->transfers->len);

  t = g_ptr_array_index (ctx->data->transfers, transfer);
  v = g_new0 (RetViolation, 1);
  v->rule = rule;
  v->severity = severity;
  v->plan_id = t->plan_id;
  v->transfer = transfer;
  v->transfer_code = g_strdup (t->code);
  v->persons = g_ptr_array_new_full (n_persons, g_free);
  v->person_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_persons);
  for (guint i = 0; i < n_persons; i++)
    {
      const RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (ctx->data->persons, persons[i]))->person;

      g_ptr_array_add (v->persons, g_strdup (p->a_number ? p->a_number : ""));
      g_array_append_val (v->person_ids, p->id);
    }

  /* A subject that ends in ":" names the kind of problem; the persons
   * follow, so that an override given for one problem and these persons
   * resolves neither another problem nor more persons. */
  if (subject != NULL && !g_str_has_suffix (subject, ":"))
    v->subject = g_strdup (subject);
  else
    {
      /* Borrows the strings: no free function. */
      g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (n_persons + 1);
      g_autofree char *joined = NULL;

      for (guint i = 0; i < n_persons; i++)
        g_ptr_array_add (sorted, g_ptr_array_index (v->persons, i));
      g_ptr_array_sort (sorted, compare_strings);
      g_ptr_array_add (sorted, NULL);
      joined = g_strjoinv (",", (char **) sorted->pdata);
      v->subject = g_strconcat (subject != NULL ? subject : "", joined, NULL);
    }

  va_start (args, format);
  v->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (ctx->group != NULL)
    v->group = g_strdup (ctx->group);
  else
    v->group = g_strconcat ("transfer:", t->code ? t->code : "", NULL);

  g_ptr_array_add (ctx->out, v);
}

/* -------------------------------------------------------------------- */
/* The checks that look across transfers                                 */

static const char *
transfer_code (RetCheckContext *ctx,
               guint            t)
{
  const char *code = ((RetCheckTransfer *) g_ptr_array_index (ctx->data->transfers, t))->code;

  return code ? code : "";
}

/* R07.  A family is one group: where its members travel is a property of
 * the family, not of one transfer. */
static void
check_family (RetCheckContext *ctx,
              const char      *label)
{
  RetCheckData *data = ctx->data;
  GArray *members = g_hash_table_lookup (ctx->cache->families, label);
  g_autoptr(GArray) concerned = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autofree char *group = NULL;
  g_autofree char *list = NULL;
  g_autofree char *subject = NULL;
  const char *first_code = NULL;
  int first = -1;
  guint n_awaiting = 0;

  if (members == NULL)
    return;

  concerned = g_array_sized_new (FALSE, FALSE, sizeof (guint), members->len);
  places = g_ptr_array_new ();  /* transfer codes, borrowed */

  for (guint i = 0; i < members->len; i++)
    {
      guint p = g_array_index (members, guint, i);
      RetCheckPerson *cp = g_ptr_array_index (data->persons, p);
      int t = ctx->person_transfer[p];
      const char *place = NULL;

      if (cp->person->status == RET_PERSON_STATUS_WITHDRAWN ||
          cp->person->status == RET_PERSON_STATUS_REPATRIATED)
        continue;

      g_array_append_val (concerned, p);
      if (t >= 0)
        {
          place = transfer_code (ctx, (guint) t);
          if (first_code == NULL || strcmp (place, first_code) < 0)
            {
              first_code = place;
              first = t;
            }
        }
      else if (cp->elsewhere_transfer != NULL)
        place = cp->elsewhere_transfer;
      else
        n_awaiting++;

      if (place != NULL && !g_ptr_array_find_with_equal_func (places, place, g_str_equal, NULL))
        g_ptr_array_add (places, (gpointer) place);
    }

  /* Nothing to say unless someone travels on a checked transfer, and
   * they do not all travel together. */
  if (first < 0)
    return;
  if (places->len <= 1 && n_awaiting == 0)
    return;

  g_ptr_array_sort (places, compare_strings);
  g_ptr_array_add (places, NULL);
  list = g_strjoinv (", ", (char **) places->pdata);
  g_ptr_array_set_size (places, places->len - 1);

  /* The kind of split, the family, where its members are and who they
   * are: an override given for one arrangement of the family does not
   * cover another (a member left behind later, another transfer). */
  subject = g_strdup_printf ("%s@%s[%s]:",
                             places->len > 1 && n_awaiting > 0 ? "split+awaiting"
                             : places->len > 1 ? "split" : "awaiting",
                             label, list);
  group = g_strconcat ("family:", label, NULL);
  ctx->group = group;
  if (places->len > 1 && n_awaiting > 0)
    _ret_check_report (ctx, RET_RULE_FAMILY_UNITY, RET_SEVERITY_HARD, (guint) first,
                       (const guint *) concerned->data, concerned->len, subject,
                       ngettext ("Family %s is split across %u transfers (%s), and %u member is left awaiting",
                                 "Family %s is split across %u transfers (%s), and %u members are left awaiting",
                                 n_awaiting),
                       label, places->len, list, n_awaiting);
  else if (places->len > 1)
    _ret_check_report (ctx, RET_RULE_FAMILY_UNITY, RET_SEVERITY_HARD, (guint) first,
                       (const guint *) concerned->data, concerned->len, subject,
                       _("Family %s is split across %u transfers: %s"),
                       label, places->len, list);
  else
    _ret_check_report (ctx, RET_RULE_FAMILY_UNITY, RET_SEVERITY_HARD, (guint) first,
                       (const guint *) concerned->data, concerned->len, subject,
                       ngettext ("Family %s: %u member is left awaiting while the others travel on %s",
                                 "Family %s: %u members are left awaiting while the others travel on %s",
                                 n_awaiting),
                       label, n_awaiting, list);
  ctx->group = NULL;
}

static int
compare_by_handover (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  RetCheckContext *ctx = user_data;
  guint ta = *(const guint *) a, tb = *(const guint *) b;
  RetCheckTransfer *x = g_ptr_array_index (ctx->data->transfers, ta);
  RetCheckTransfer *y = g_ptr_array_index (ctx->data->transfers, tb);

  if (x->handover_at != y->handover_at)
    return x->handover_at < y->handover_at ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

/* R16, the point's side: how many a point receives in a day and in each
 * slot.  The warning goes on the transfer that takes it over the limit,
 * the one a coordinator would move. */
static void
check_point_day (RetCheckContext *ctx,
                 const char      *group,
                 GArray          *transfers)
{
  const TransferInfo *info0;
  const RetCheckArrangement *arrangement;
  int slot_minutes, slot_capacity;
  guint total = 0, cumulative = 0;
  int crossing = -1;
  char date[16];

  if (transfers->len == 0)
    return;

  g_array_sort_with_data (transfers, compare_by_handover, ctx);
  info0 = &ctx->info[g_array_index (transfers, guint, 0)];
  g_snprintf (date, sizeof date, "%04d-%02d-%02d", info0->year, info0->month, info0->day);

  ctx->group = group;

  for (guint i = 0; i < transfers->len; i++)
    {
      guint n = _ret_check_counted_persons (ctx, g_array_index (transfers, guint, i))->len;

      total += n;
      if (crossing < 0 && info0->point->daily_capacity > 0 &&
          total > (guint) info0->point->daily_capacity)
        crossing = (int) g_array_index (transfers, guint, i);
    }

  if (crossing >= 0)
    {
      g_autofree char *subject = g_strdup_printf ("%s %s", info0->point->code, date);

      _ret_check_report (ctx, RET_RULE_CAPACITY, RET_SEVERITY_WARNING, (guint) crossing,
                         NULL, 0, subject,
                         ngettext ("%u person handed over at %s on %s, over its daily capacity of %d",
                                   "%u persons handed over at %s on %s, over its daily capacity of %d",
                                   total),
                         total, info0->point->city ? info0->point->city : info0->point->code,
                         date, info0->point->daily_capacity);
    }

  arrangement = arrangement_for_point (ctx, info0->point->code, &info0->date);
  if (arrangement == NULL)
    arrangement = _ret_check_transfer_arrangement (ctx, g_array_index (transfers, guint, 0));
  slot_minutes = params_value (arrangement, RET_RULE_CAPACITY, "slot_minutes");
  slot_capacity = params_value (arrangement, RET_RULE_CAPACITY, "slot_capacity");
  if (slot_minutes <= 0 || slot_capacity <= 0)
    {
      ctx->group = NULL;
      return;
    }

  /* Sorted by time, so each slot's transfers come together. */
  for (guint i = 0; i < transfers->len;)
    {
      int slot = ctx->info[g_array_index (transfers, guint, i)].minute / slot_minutes;
      guint j = i;

      cumulative = 0;
      crossing = -1;
      for (; j < transfers->len &&
             ctx->info[g_array_index (transfers, guint, j)].minute / slot_minutes == slot; j++)
        {
          cumulative += _ret_check_counted_persons (ctx, g_array_index (transfers, guint, j))->len;
          if (crossing < 0 && cumulative > (guint) slot_capacity)
            crossing = (int) g_array_index (transfers, guint, j);
        }

      if (crossing >= 0)
        {
          int from = slot * slot_minutes;
          int to = MIN (from + slot_minutes, RET_MINUTES_PER_DAY);
          g_autofree char *subject = g_strdup_printf ("%s %s %02d:%02d", info0->point->code,
                                                      date, from / 60, from % 60);

          _ret_check_report (ctx, RET_RULE_CAPACITY, RET_SEVERITY_WARNING, (guint) crossing,
                             NULL, 0, subject,
                             ngettext ("%u person handed over at %s on %s between %02d:%02d and %02d:%02d, over the slot capacity of %d",
                                       "%u persons handed over at %s on %s between %02d:%02d and %02d:%02d, over the slot capacity of %d",
                                       cumulative),
                             cumulative,
                             info0->point->city ? info0->point->city : info0->point->code,
                             date, from / 60, from % 60, to / 60, to % 60, slot_capacity);
        }
      i = j;
    }

  ctx->group = NULL;
}

/* point-day group → GArray of the checked transfers in it */
static GHashTable *
collect_point_days (RetCheckContext *ctx)
{
  GHashTable *days = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_array_unref);

  for (guint t = 0; t < ctx->n_info; t++)
    {
      RetCheckTransfer *transfer = g_ptr_array_index (ctx->data->transfers, t);
      const char *group = ctx->info[t].point_day;
      GArray *list;

      if (group == NULL || !transfer_is_checked (transfer))
        continue;
      list = g_hash_table_lookup (days, group);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (days, (gpointer) group, list);
        }
      g_array_append_val (list, t);
    }
  return days;
}

static void
check_transfer (RetCheckContext *ctx,
                guint            t)
{
  RetCheckTransfer *transfer = g_ptr_array_index (ctx->data->transfers, t);

  /* A cancelled transfer carries no one. */
  if (!transfer_is_checked (transfer))
    return;

  for (guint r = 0; r < RET_N_RULES; r++)
    if (transfer_checks[r] != NULL)
      transfer_checks[r] (ctx, t);
}

/* -------------------------------------------------------------------- */
/* Results                                                               */

static int
compare_violations (gconstpointer a,
                    gconstpointer b)
{
  const RetViolation *x = *(const RetViolation * const *) a;
  const RetViolation *y = *(const RetViolation * const *) b;
  int c;

  if (x->severity != y->severity)
    return x->severity == RET_SEVERITY_HARD ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;
  if ((c = g_strcmp0 (x->transfer_code, y->transfer_code)) != 0)
    return c;
  if ((c = g_strcmp0 (x->subject, y->subject)) != 0)
    return c;
  return g_strcmp0 (x->message, y->message);
}

static char *
resolution_key (gint64      plan_id,
                const char *transfer_code,
                RetRuleId   rule,
                const char *subject)
{
  /* A family split is one problem wherever it is seen from: a check of
   * one day, of one plan, or of all reports it on the first transfer
   * it can see.  Its subject names the family, its transfers and its
   * members, which is enough. */
  if (rule == RET_RULE_FAMILY_UNITY)
    {
      plan_id = 0;
      transfer_code = NULL;
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%d\x1f%s", plan_id,
                          transfer_code ? transfer_code : "", (int) rule,
                          subject ? subject : "");
}

static void
result_resolve (RetCheckResult *result,
                RetCheckData   *data)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < data->resolutions->len; i++)
    {
      RetResolution *r = g_ptr_array_index (data->resolutions, i);
      char *key;
      RetResolution *seen;

      if (r->kind == RET_RESOLUTION_NONE)
        continue;
      key = resolution_key (r->plan_id, r->transfer_code, r->rule, r->subject);
      /* An override and an acknowledgement may share a key when a
       * violation changed severity: keep both apart by kind. */
      {
        g_autofree char *full = g_strdup_printf ("%s\x1f%d", key, (int) r->kind);

        g_free (key);
        key = g_steal_pointer (&full);
      }
      seen = g_hash_table_lookup (index, key);
      if (seen == NULL || r->created_at >= seen->created_at)
        g_hash_table_insert (index, key, r);
      else
        g_free (key);
    }

  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);
      RetResolutionKind kind = v->severity == RET_SEVERITY_HARD
                               ? RET_RESOLUTION_OVERRIDE : RET_RESOLUTION_ACKNOWLEDGEMENT;
      g_autofree char *base = resolution_key (v->plan_id, v->transfer_code, v->rule, v->subject);
      g_autofree char *key = g_strdup_printf ("%s\x1f%d", base, (int) kind);
      RetResolution *r = g_hash_table_lookup (index, key);

      g_clear_pointer (&v->resolution, ret_resolution_free);
      if (r != NULL)
        v->resolution = ret_resolution_copy (r);
    }
}

static void
snapshot_clear (gpointer p)
{
  TransferSnapshot *s = p;

  g_clear_pointer (&s->persons, g_array_unref);
  g_clear_pointer (&s->point_day, g_free);
}

/* What the transfer looked like at this check, so that the next update
 * can find the groups it leaves. */
static void
snapshot_take (RetCheckResult  *result,
               RetCheckContext *ctx,
               guint            t)
{
  RetCheckTransfer *transfer = g_ptr_array_index (ctx->data->transfers, t);
  TransferSnapshot *s;

  if (result->snapshots->len <= t)
    g_array_set_size (result->snapshots, t + 1);
  s = &g_array_index (result->snapshots, TransferSnapshot, t);
  snapshot_clear (s);
  s->persons = g_array_sized_new (FALSE, FALSE, sizeof (guint), transfer->entries->len);
  for (guint e = 0; e < transfer->entries->len; e++)
    g_array_append_val (s->persons, g_array_index (transfer->entries, RetCheckEntry, e).person);
  s->point_day = g_strdup (ctx->info[t].point_day);
}

static RetCheckResult *
result_new (void)
{
  RetCheckResult *result = g_new0 (RetCheckResult, 1);

  result->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);
  result->snapshots = g_array_new (FALSE, TRUE, sizeof (TransferSnapshot));
  g_array_set_clear_func (result->snapshots, snapshot_clear);
  return result;
}

RetCheckResult *
ret_check_run (RetCheckData *data)
{
  RetCheckResult *result;
  RetCheckContext ctx;
  g_autoptr(GHashTable) point_days = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (data != NULL, NULL);

  result = result_new ();
  context_init (&ctx, data, result->violations);

  for (guint t = 0; t < data->transfers->len; t++)
    check_transfer (&ctx, t);

  g_hash_table_iter_init (&iter, ctx.cache->families);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    check_family (&ctx, key);

  point_days = collect_point_days (&ctx);
  g_hash_table_iter_init (&iter, point_days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    check_point_day (&ctx, key, value);

  for (guint t = 0; t < data->transfers->len; t++)
    snapshot_take (result, &ctx, t);

  g_clear_pointer (&point_days, g_hash_table_unref);
  context_clear (&ctx);

  result_resolve (result, data);
  g_ptr_array_sort (result->violations, compare_violations);
  return result;
}

static void
add_family_groups (GHashTable   *groups,
                   RetCheckData *data,
                   GArray       *persons)
{
  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      guint p = g_array_index (persons, guint, i);
      const char *label;

      if (p >= data->persons->len)
        continue;
      label = ((RetCheckPerson *) g_ptr_array_index (data->persons, p))->person->family_group;
      if (label != NULL && *label != '\0')
        g_hash_table_add (groups, g_strconcat ("family:", label, NULL));
    }
}

void
ret_check_result_update (RetCheckResult *result,
                         RetCheckData   *data,
                         const guint    *transfers,
                         guint           n_transfers)
{
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GHashTable) point_days = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  RetCheckContext ctx;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (result != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (transfers != NULL || n_transfers == 0);
  for (guint i = 0; i < n_transfers; i++)
    g_return_if_fail (transfers[i] < data->transfers->len);

  /* Transfers were taken out of the data since the last check: the
   * indexes the result holds no longer mean the same transfers, so only
   * a whole check can be trusted. */
  if (result->snapshots->len > data->transfers->len)
    {
      g_autoptr(RetCheckResult) fresh = ret_check_run (data);
      GPtrArray *violations = result->violations;
      GArray *snapshots = result->snapshots;

      result->violations = fresh->violations;
      result->snapshots = fresh->snapshots;
      fresh->violations = violations;
      fresh->snapshots = snapshots;
      return;
    }

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  changed = g_hash_table_new (NULL, NULL);
  context_init (&ctx, data, NULL);

  /* The groups each changed transfer was in at the last check, and is
   * in now. */
  for (guint i = 0; i < n_transfers; i++)
    {
      guint t = transfers[i];
      RetCheckTransfer *transfer = g_ptr_array_index (data->transfers, t);

      g_hash_table_add (changed, GUINT_TO_POINTER (t + 1));
      g_hash_table_add (groups, g_strconcat ("transfer:", transfer->code ? transfer->code : "", NULL));

      if (t < result->snapshots->len)
        {
          TransferSnapshot *s = &g_array_index (result->snapshots, TransferSnapshot, t);

          add_family_groups (groups, data, s->persons);
          if (s->point_day != NULL)
            g_hash_table_add (groups, g_strdup (s->point_day));
        }

      {
        g_autoptr(GArray) now = g_array_sized_new (FALSE, FALSE, sizeof (guint), transfer->entries->len);

        for (guint e = 0; e < transfer->entries->len; e++)
          g_array_append_val (now, g_array_index (transfer->entries, RetCheckEntry, e).person);
        add_family_groups (groups, data, now);
      }
      if (ctx.info[t].point_day != NULL)
        g_hash_table_add (groups, g_strdup (ctx.info[t].point_day));
    }

  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);

      if (g_hash_table_contains (changed, GUINT_TO_POINTER (v->transfer + 1)))
        g_hash_table_add (groups, g_strdup (v->group));
    }

  /* Drop everything found in those groups, then find it again. */
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) ret_violation_free);
  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);

      if (!g_hash_table_contains (groups, v->group))
        g_ptr_array_add (kept, g_steal_pointer (&result->violations->pdata[i]));
    }
  g_ptr_array_unref (result->violations);
  result->violations = g_steal_pointer (&kept);
  ctx.out = result->violations;

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *group = key;

      if (g_str_has_prefix (group, "transfer:"))
        {
          int t = ret_check_data_find_transfer (data, group + strlen ("transfer:"));

          if (t >= 0)
            check_transfer (&ctx, (guint) t);
        }
      else if (g_str_has_prefix (group, "family:"))
        check_family (&ctx, group + strlen ("family:"));
    }

  point_days = collect_point_days (&ctx);
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "point-day:"))
      {
        GArray *list = g_hash_table_lookup (point_days, key);

        if (list != NULL)
          check_point_day (&ctx, key, list);
      }

  for (guint i = 0; i < n_transfers; i++)
    snapshot_take (result, &ctx, transfers[i]);
  /* Transfers added since the last check have no snapshot yet. */
  for (guint t = result->snapshots->len; t < data->transfers->len; t++)
    snapshot_take (result, &ctx, t);

  g_clear_pointer (&point_days, g_hash_table_unref);
  context_clear (&ctx);

  result_resolve (result, data);
  g_ptr_array_sort (result->violations, compare_violations);
}

void
ret_check_result_resolve (RetCheckResult *result,
                          RetCheckData   *data)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (data != NULL);

  result_resolve (result, data);
}

void
ret_check_result_free (RetCheckResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->violations);
  g_array_unref (result->snapshots);
  g_free (result);
}

GPtrArray *
ret_check_result_get_violations (RetCheckResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->violations;
}

guint
ret_check_result_count (RetCheckResult *result,
                        RetSeverity     severity,
                        gboolean        unresolved_only)
{
  guint n = 0;

  g_return_val_if_fail (result != NULL, 0);

  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);

      if (v->severity == severity && (!unresolved_only || v->resolution == NULL))
        n++;
    }
  return n;
}

gboolean
ret_check_result_blocks_approval (RetCheckResult *result,
                                  gint64          plan_id)
{
  g_return_val_if_fail (result != NULL, FALSE);

  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);

      if (v->plan_id == plan_id && v->severity == RET_SEVERITY_HARD && v->resolution == NULL)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
ret_check_result_for_transfer (RetCheckResult *result,
                               const char     *transfer_code)
{
  GPtrArray *list;

  g_return_val_if_fail (result != NULL, NULL);

  list = g_ptr_array_new ();
  for (guint i = 0; i < result->violations->len; i++)
    {
      RetViolation *v = g_ptr_array_index (result->violations, i);

      if (g_strcmp0 (v->transfer_code, transfer_code) == 0)
        g_ptr_array_add (list, v);
    }
  return list;
}

JsonNode *
ret_violation_to_json (const RetViolation *violation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const RetRule *rule;

  g_return_val_if_fail (violation != NULL, NULL);

  rule = ret_rule_get (violation->rule);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, rule->code);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, ret_severity_to_string (violation->severity));
  json_builder_set_member_name (builder, "transfer");
  json_builder_add_string_value (builder, violation->transfer_code);
  json_builder_set_member_name (builder, "persons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < violation->persons->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (violation->persons, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, violation->message);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, rule->title);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, violation->subject);
  json_builder_set_member_name (builder, "resolution");
  if (violation->resolution == NULL)
    json_builder_add_null_value (builder);
  else
    {
      const RetResolution *r = violation->resolution;
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (r->created_at);
      g_autofree char *iso = at ? g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ") : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, ret_resolution_kind_to_string (r->kind));
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, r->reason);
      json_builder_set_member_name (builder, "approver");
      json_builder_add_string_value (builder, r->approver);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, iso);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ret_check_result_to_json (RetCheckResult *result)
{
  g_autoptr(JsonArray) array = NULL;
  JsonNode *node;

  g_return_val_if_fail (result != NULL, NULL);

  array = json_array_sized_new (result->violations->len);
  for (guint i = 0; i < result->violations->len; i++)
    json_array_add_element (array, ret_violation_to_json (g_ptr_array_index (result->violations, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}
