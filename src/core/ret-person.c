/* ret-person.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-person"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-person.h"

G_DEFINE_BOXED_TYPE (RetPerson, ret_person, ret_person_copy, ret_person_free)

RetPerson *
ret_person_new (void)
{
  RetPerson *person = g_new0 (RetPerson, 1);

  g_date_clear (&person->birth_date, 1);
  person->sex = RET_SEX_OTHER;
  person->medical_fit = TRUE;
  person->status = RET_PERSON_STATUS_AWAITING;

  return person;
}

RetPerson *
ret_person_copy (const RetPerson *person)
{
  RetPerson *copy;

  g_return_val_if_fail (person != NULL, NULL);

  copy = g_memdup2 (person, sizeof *person);
  copy->a_number = g_strdup (person->a_number);
  copy->family_name = g_strdup (person->family_name);
  copy->given_names = g_strdup (person->given_names);
  copy->nationality = g_strdup (person->nationality);
  copy->facility = g_strdup (person->facility);
  copy->origin_code = g_strdup (person->origin_code);
  copy->origin_locality = g_strdup (person->origin_locality);
  copy->family_group = g_strdup (person->family_group);
  copy->medical_notes = g_strdup (person->medical_notes);
  copy->notes = g_strdup (person->notes);
  copy->origin_label = g_strdup (person->origin_label);
  copy->facility_name = g_strdup (person->facility_name);
  copy->facility_tz = g_strdup (person->facility_tz);

  return copy;
}

void
ret_person_free (RetPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->a_number);
  g_free (person->family_name);
  g_free (person->given_names);
  g_free (person->nationality);
  g_free (person->facility);
  g_free (person->origin_code);
  g_free (person->origin_locality);
  g_free (person->family_group);
  g_free (person->medical_notes);
  g_free (person->notes);
  g_free (person->origin_label);
  g_free (person->facility_name);
  g_free (person->facility_tz);
  g_free (person);
}

/*
 * ret_date_today:
 *
 * Today's date where Retorno runs: the coordinator's calendar.  Ages,
 * and so who counts as a minor, change at local midnight, not at UTC
 * midnight (which is late afternoon on the border).
 */
void
ret_date_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/*
 * ret_person_get_age:
 *
 * Age in whole years on @today, or -1 when the birth date is unknown.
 * Someone born on 29 February turns a year older on 1 March in common
 * years.
 */
int
ret_person_get_age (const RetPerson *person,
                    const GDate     *today)
{
  const GDate *birth;
  int age;

  g_return_val_if_fail (person != NULL, -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  birth = &person->birth_date;
  if (!g_date_valid (birth))
    return -1;

  age = g_date_get_year (today) - g_date_get_year (birth);
  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    age--;

  return MAX (age, 0);
}

gboolean
ret_person_is_minor (const RetPerson *person,
                     const GDate     *today)
{
  int age = ret_person_get_age (person, today);

  return age >= 0 && age < RET_ADULT_AGE;
}

gboolean
ret_person_is_elderly (const RetPerson *person,
                       const GDate     *today)
{
  return ret_person_get_age (person, today) >= RET_ELDERLY_AGE;
}

/*
 * ret_person_is_vulnerable:
 *
 * Vulnerable persons are the ones the arrangements protect with the
 * narrower daylight window: minors, pregnant women, women travelling
 * with an infant, persons who are disabled, ill or injured, and the
 * elderly.
 */
gboolean
ret_person_is_vulnerable (const RetPerson *person,
                          const GDate     *today)
{
  if (person->flags & (RET_PERSON_FLAG_UNACCOMPANIED_MINOR |
                       RET_PERSON_FLAG_PREGNANT |
                       RET_PERSON_FLAG_DISABLED |
                       RET_PERSON_FLAG_ILL))
    return TRUE;

  if (person->travelling_with_infant)
    return TRUE;

  return ret_person_is_minor (person, today) ||
         ret_person_is_elderly (person, today);
}

char *
ret_person_dup_display_name (const RetPerson *person)
{
  /* Mexican usage: family names first in lists, as on the roster. */
  return g_strdup_printf ("%s, %s",
                          person->family_name ? person->family_name : "",
                          person->given_names ? person->given_names : "");
}

static const char * const status_names[] = {
  [RET_PERSON_STATUS_AWAITING] = "awaiting",
  [RET_PERSON_STATUS_PLANNED] = "planned",
  [RET_PERSON_STATUS_DEPARTED] = "departed",
  [RET_PERSON_STATUS_REPATRIATED] = "repatriated",
  [RET_PERSON_STATUS_WITHDRAWN] = "withdrawn",
};

const char *
ret_person_status_to_string (RetPersonStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), "awaiting");

  return status_names[status];
}

gboolean
ret_person_status_from_string (const char      *text,
                               RetPersonStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
ret_person_status_label (RetPersonStatus status)
{
  switch (status)
    {
    case RET_PERSON_STATUS_AWAITING:
      return C_("person status", "Awaiting");
    case RET_PERSON_STATUS_PLANNED:
      return C_("person status", "Planned");
    case RET_PERSON_STATUS_DEPARTED:
      return C_("person status", "Departed");
    case RET_PERSON_STATUS_REPATRIATED:
      return C_("person status", "Repatriated");
    case RET_PERSON_STATUS_WITHDRAWN:
      return C_("person status", "Withdrawn");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
ret_person_flag_label (RetPersonFlags flag)
{
  switch ((int) flag)
    {
    case RET_PERSON_FLAG_UNACCOMPANIED_MINOR:
      return _("Unaccompanied minor");
    case RET_PERSON_FLAG_PREGNANT:
      return _("Pregnant");
    case RET_PERSON_FLAG_DISABLED:
      return _("Disabled");
    case RET_PERSON_FLAG_ILL:
      return _("Ill or injured");
    case RET_PERSON_FLAG_CRIMINAL_RECORD:
      return _("Criminal record");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
ret_person_flag_icon_name (RetPersonFlags flag)
{
  switch ((int) flag)
    {
    case RET_PERSON_FLAG_UNACCOMPANIED_MINOR:
      return "ret-unaccompanied-minor-symbolic";
    case RET_PERSON_FLAG_PREGNANT:
      return "ret-pregnant-symbolic";
    case RET_PERSON_FLAG_DISABLED:
      return "ret-disabled-symbolic";
    case RET_PERSON_FLAG_ILL:
      return "ret-ill-symbolic";
    case RET_PERSON_FLAG_CRIMINAL_RECORD:
      return "ret-criminal-record-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

struct _RetPersonItem
{
  GObject    parent_instance;
  RetPerson *person;
};

G_DEFINE_FINAL_TYPE (RetPersonItem, ret_person_item, G_TYPE_OBJECT)

static void
ret_person_item_finalize (GObject *object)
{
  RetPersonItem *self = RET_PERSON_ITEM (object);

  g_clear_pointer (&self->person, ret_person_free);

  G_OBJECT_CLASS (ret_person_item_parent_class)->finalize (object);
}

static void
ret_person_item_class_init (RetPersonItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ret_person_item_finalize;
}

static void
ret_person_item_init (RetPersonItem *self)
{
}

/*
 * ret_person_item_new:
 * @person: (transfer full): the person
 */
RetPersonItem *
ret_person_item_new (RetPerson *person)
{
  RetPersonItem *self;

  g_return_val_if_fail (person != NULL, NULL);

  self = g_object_new (RET_TYPE_PERSON_ITEM, NULL);
  self->person = person;

  return self;
}

const RetPerson *
ret_person_item_get_person (RetPersonItem *self)
{
  g_return_val_if_fail (RET_IS_PERSON_ITEM (self), NULL);

  return self->person;
}

/*
 * ret_person_dup_flags_description:
 *
 * The person's flags as a sentence for tooltips and screen readers
 * ("Unaccompanied minor, Ill or injured"), including the ones that
 * follow from age; an empty string when there are none.
 */
char *
ret_person_dup_flags_description (const RetPerson *person,
                                  const GDate     *today)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint bit = 0; bit < 5; bit++)
    {
      RetPersonFlags flag = 1u << bit;

      if (!(person->flags & flag))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, ret_person_flag_label (flag));
    }

  if (person->travelling_with_infant)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _("Travelling with an infant"));
    }

  if (ret_person_is_elderly (person, today))
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, _("Aged 60 or more"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
