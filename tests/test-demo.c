/* test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "ret-core.h"
#include "ret-demo.h"
#include "ret-gazetteer.h"
#include "ret-roster-import.h"
#include "ret-store.h"
#include "ret-time.h"

/* 1 June 2024, 12:00 UTC: a fixed "now" keeps the rosters comparable. */
#define NOW G_GINT64_CONSTANT (1717243200)
#define WINDOW (72 * 3600)

static void
today_of (gint64  now,
          GDate  *today)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now);

  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static gboolean
persons_equal (const RetPerson *a,
               const RetPerson *b)
{
  return g_strcmp0 (a->a_number, b->a_number) == 0 &&
         g_strcmp0 (a->family_name, b->family_name) == 0 &&
         g_strcmp0 (a->given_names, b->given_names) == 0 &&
         a->sex == b->sex &&
         g_date_valid (&a->birth_date) && g_date_valid (&b->birth_date) &&
         g_date_compare (&a->birth_date, &b->birth_date) == 0 &&
         g_strcmp0 (a->nationality, b->nationality) == 0 &&
         !a->nationality_verified == !b->nationality_verified &&
         g_strcmp0 (a->facility, b->facility) == 0 &&
         a->apprehended_at == b->apprehended_at &&
         g_strcmp0 (a->origin_code, b->origin_code) == 0 &&
         g_strcmp0 (a->origin_locality, b->origin_locality) == 0 &&
         g_strcmp0 (a->family_group, b->family_group) == 0 &&
         a->flags == b->flags &&
         !a->medical_fit == !b->medical_fit &&
         !a->interior_consent == !b->interior_consent &&
         g_strcmp0 (a->notes, b->notes) == 0 &&
         a->status == b->status;
}

static void
assert_persons_equal (const RetPerson *a,
                      const RetPerson *b)
{
  g_assert_cmpstr (a->a_number, ==, b->a_number);
  g_assert_cmpstr (a->family_name, ==, b->family_name);
  g_assert_cmpstr (a->given_names, ==, b->given_names);
  g_assert_cmpint (a->sex, ==, b->sex);
  g_assert_true (g_date_valid (&a->birth_date));
  g_assert_true (g_date_valid (&b->birth_date));
  g_assert_cmpint (g_date_compare (&a->birth_date, &b->birth_date), ==, 0);
  g_assert_cmpstr (a->nationality, ==, b->nationality);
  g_assert_cmpint (!a->nationality_verified, ==, !b->nationality_verified);
  g_assert_cmpstr (a->facility, ==, b->facility);
  g_assert_cmpint (a->apprehended_at, ==, b->apprehended_at);
  g_assert_cmpstr (a->origin_code, ==, b->origin_code);
  g_assert_cmpstr (a->origin_locality, ==, b->origin_locality);
  g_assert_cmpstr (a->family_group, ==, b->family_group);
  g_assert_cmpuint (a->flags, ==, b->flags);
  g_assert_cmpint (!a->medical_fit, ==, !b->medical_fit);
  g_assert_cmpint (!a->interior_consent, ==, !b->interior_consent);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_true (persons_equal (a, b));
}

static void
test_determinism (void)
{
  g_autoptr(GPtrArray) a = ret_demo_generate (600, 7, NOW);
  g_autoptr(GPtrArray) b = ret_demo_generate (600, 7, NOW);
  g_autoptr(GPtrArray) c = ret_demo_generate (600, 8, NOW);
  guint n_different = 0;

  g_assert_cmpuint (a->len, ==, 600);
  g_assert_cmpuint (b->len, ==, 600);
  g_assert_cmpuint (c->len, ==, 600);

  for (guint i = 0; i < a->len; i++)
    assert_persons_equal (a->pdata[i], b->pdata[i]);

  for (guint i = 0; i < a->len; i++)
    {
      if (!persons_equal (a->pdata[i], c->pdata[i]))
        n_different++;
    }
  /* Another seed gives another roster, not a few changed persons. */
  g_assert_cmpuint (n_different, >, a->len * 9 / 10);
}

/* The roster does not depend on the time of the day it is made, other
 * than through its own "now": a later now shifts, it does not reshuffle. */
static void
test_determinism_now (void)
{
  g_autoptr(GPtrArray) a = ret_demo_generate (200, 11, NOW);
  g_autoptr(GPtrArray) b = ret_demo_generate (200, 11, NOW + 3600);

  for (guint i = 0; i < a->len; i++)
    {
      const RetPerson *pa = a->pdata[i];
      const RetPerson *pb = b->pdata[i];

      g_assert_cmpstr (pa->a_number, ==, pb->a_number);
      g_assert_cmpstr (pa->given_names, ==, pb->given_names);
      g_assert_cmpint (pb->apprehended_at - pa->apprehended_at, ==, 3600);
    }
}

static void
test_count (void)
{
  static const guint counts[] = { 0, 1, 2, 3, 5, 7, 13, 100, 1201 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      for (guint64 seed = 1; seed <= 20; seed++)
        {
          g_autoptr(GPtrArray) persons = ret_demo_generate (counts[c], seed, NOW);
          g_autoptr(GHashTable) family_sizes = g_hash_table_new (g_str_hash, g_str_equal);

          g_assert_nonnull (persons);
          g_assert_cmpuint (persons->len, ==, counts[c]);

          for (guint i = 0; i < persons->len; i++)
            {
              const RetPerson *person = persons->pdata[i];
              g_autofree char *expected = g_strdup_printf ("DEMO-%06u", i + 1);

              g_assert_cmpstr (person->a_number, ==, expected);
              if (person->family_group != NULL)
                {
                  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (family_sizes,
                                                                   person->family_group));

                  g_hash_table_insert (family_sizes, person->family_group,
                                       GUINT_TO_POINTER (n + 1));
                }
            }

          /* The cut at the end never leaves a family of one. */
          {
            GHashTableIter iter;
            gpointer value;

            g_hash_table_iter_init (&iter, family_sizes);
            while (g_hash_table_iter_next (&iter, NULL, &value))
              g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, 2);
          }
        }
    }
}

typedef struct
{
  guint n;
  guint minors;
  guint adults;
  guint uams;
  guint in_families;
  guint families;
  guint accompanied_minors;
  guint infants;
  guint pregnant;
  guint ill;
  guint disabled;
  guint elderly;
  guint criminal;
  guint foreign;
  guint mex;
  guint mex_verified;
  guint unfit;
  guint consent;
  guint female;
  guint other_sex;
  guint facility[9];
} Shares;

static const char * const facilities[] = {
  "SDC", "ELC", "YUM", "TCA", "EPT", "BBT", "DRT", "LRT", "RGV",
};

static double
share (guint part,
       guint whole)
{
  return whole > 0 ? 100.0 * part / whole : 0.0;
}

static void
count_shares (GPtrArray *persons,
              gint64     now,
              Shares    *s)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  GDate today;

  today_of (now, &today);
  memset (s, 0, sizeof *s);
  s->n = persons->len;

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = persons->pdata[i];
      int age = ret_person_get_age (p, &today);
      gboolean found = FALSE;

      if (age < 18)
        s->minors++;
      else
        s->adults++;
      if (age == 0)
        s->infants++;
      if (age >= 60)
        s->elderly++;
      if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        s->uams++;
      if (p->family_group != NULL)
        {
          s->in_families++;
          if (age < 18)
            s->accompanied_minors++;
          g_hash_table_add (groups, p->family_group);
        }
      if (p->flags & RET_PERSON_FLAG_PREGNANT)
        s->pregnant++;
      if (p->flags & RET_PERSON_FLAG_ILL)
        s->ill++;
      if (p->flags & RET_PERSON_FLAG_DISABLED)
        s->disabled++;
      if (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD)
        s->criminal++;
      if (g_strcmp0 (p->nationality, "MEX") == 0)
        {
          s->mex++;
          if (p->nationality_verified)
            s->mex_verified++;
        }
      else
        {
          s->foreign++;
        }
      if (!p->medical_fit)
        s->unfit++;
      if (p->interior_consent)
        s->consent++;
      if (p->sex == RET_SEX_FEMALE)
        s->female++;
      else if (p->sex == RET_SEX_OTHER)
        s->other_sex++;

      for (guint f = 0; f < G_N_ELEMENTS (facilities); f++)
        {
          if (g_strcmp0 (p->facility, facilities[f]) == 0)
            {
              s->facility[f]++;
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  s->families = g_hash_table_size (groups);
}

static void
test_shares (void)
{
  g_autoptr(GPtrArray) persons = ret_demo_generate (5000, RET_DEMO_DEFAULT_SEED, NOW);
  Shares s;

  count_shares (persons, NOW, &s);

  g_test_message ("minors %.1f %%, unaccompanied %.1f %% (%.0f %% of minors), "
                  "in families %.1f %% (%u families), infants %u",
                  share (s.minors, s.n), share (s.uams, s.n),
                  share (s.uams, s.minors), share (s.in_families, s.n),
                  s.families, s.infants);
  g_test_message ("pregnant %.1f %%, ill %.1f %%, disabled %.1f %%, "
                  "elderly %.1f %%, criminal %.1f %% of adults, foreign %.1f %%",
                  share (s.pregnant, s.n), share (s.ill, s.n),
                  share (s.disabled, s.n), share (s.elderly, s.n),
                  share (s.criminal, s.adults), share (s.foreign, s.n));
  g_test_message ("MEX verified %.1f %%, unfit %.2f %%, interior consent %.1f %% "
                  "of adults, female %.1f %%, sex X %u",
                  share (s.mex_verified, s.mex), share (s.unfit, s.n),
                  share (s.consent, s.adults), share (s.female, s.n),
                  s.other_sex);
  for (guint f = 0; f < G_N_ELEMENTS (facilities); f++)
    g_test_message ("facility %s %.1f %%", facilities[f], share (s.facility[f], s.n));

  g_assert_cmpuint (s.n, ==, 5000);
  g_assert_cmpfloat (share (s.minors, s.n), >=, 12.0);
  g_assert_cmpfloat (share (s.minors, s.n), <=, 18.0);
  g_assert_cmpfloat (share (s.uams, s.minors), >=, 20.0);
  g_assert_cmpfloat (share (s.uams, s.minors), <=, 45.0);
  g_assert_cmpuint (s.families, >, 100);
  g_assert_cmpuint (s.infants, >, 0);
  g_assert_cmpfloat (share (s.pregnant, s.n), >=, 1.0);
  g_assert_cmpfloat (share (s.pregnant, s.n), <=, 3.0);
  g_assert_cmpfloat (share (s.ill, s.n), >=, 2.0);
  g_assert_cmpfloat (share (s.ill, s.n), <=, 4.0);
  g_assert_cmpfloat (share (s.disabled, s.n), >=, 0.8);
  g_assert_cmpfloat (share (s.disabled, s.n), <=, 2.2);
  g_assert_cmpfloat (share (s.elderly, s.n), >=, 2.0);
  g_assert_cmpfloat (share (s.elderly, s.n), <=, 4.5);
  g_assert_cmpfloat (share (s.criminal, s.adults), >=, 2.5);
  g_assert_cmpfloat (share (s.criminal, s.adults), <=, 5.5);
  g_assert_cmpfloat (share (s.foreign, s.n), >=, 0.4);
  g_assert_cmpfloat (share (s.foreign, s.n), <=, 2.0);
  g_assert_cmpfloat (share (s.mex_verified, s.mex), >=, 80.0);
  g_assert_cmpfloat (share (s.mex_verified, s.mex), <=, 90.0);
  g_assert_cmpuint (s.unfit, >, 0);
  g_assert_cmpfloat (share (s.unfit, s.n), <=, 1.2);
  g_assert_cmpfloat (share (s.consent, s.adults), >=, 15.0);
  g_assert_cmpfloat (share (s.consent, s.adults), <=, 25.0);
  g_assert_cmpfloat (share (s.female, s.n), >=, 20.0);
  g_assert_cmpfloat (share (s.female, s.n), <=, 45.0);

  /* The busiest sectors lead, Big Bend is the quietest. */
  for (guint f = 0; f < G_N_ELEMENTS (facilities); f++)
    {
      g_assert_cmpuint (s.facility[f], >, 0);
      if (!g_str_equal (facilities[f], "BBT"))
        g_assert_cmpuint (s.facility[f], >, s.facility[5]);
    }
  g_assert_cmpuint (s.facility[8], >, s.facility[1]);  /* RGV > ELC */
  g_assert_cmpuint (s.facility[3], >, s.facility[7]);  /* TCA > LRT */
}

static void
test_minors (void)
{
  g_autoptr(GPtrArray) persons = ret_demo_generate (5000, 99, NOW);
  GDate today;
  guint uams = 0;
  guint teen_uams = 0;

  today_of (NOW, &today);

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = persons->pdata[i];
      int age = ret_person_get_age (p, &today);

      if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        {
          uams++;
          if (age >= 12)
            teen_uams++;
          g_assert_cmpint (age, <, 18);
          g_assert_cmpint (age, >=, 0);
          g_assert_null (p->family_group);
        }

      if (age < 18)
        {
          g_assert_false (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD);
          g_assert_false (p->flags & RET_PERSON_FLAG_PREGNANT);
          g_assert_false (p->interior_consent);
          /* A minor is either unaccompanied or with the family. */
          g_assert_true ((p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) ||
                         p->family_group != NULL);
        }
    }

  g_assert_cmpuint (uams, >, 0);
  g_assert_cmpuint (teen_uams, >=, uams * 8 / 10);
}

static void
test_families (void)
{
  g_autoptr(GPtrArray) persons = ret_demo_generate (5000, 3, NOW);
  g_autoptr(GHashTable) groups = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GDate today;
  guint n_groups = 0;
  guint with_children = 0;

  today_of (NOW, &today);
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                  (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < persons->len; i++)
    {
      RetPerson *p = persons->pdata[i];
      GPtrArray *members;

      if (p->family_group == NULL)
        continue;

      g_assert_true (g_str_has_prefix (p->family_group, "DEMO-F-"));
      members = g_hash_table_lookup (groups, p->family_group);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (groups, p->family_group, members);
        }
      g_ptr_array_add (members, p);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *members = value;
      const RetPerson *first = members->pdata[0];
      guint adults = 0;
      guint children = 0;

      n_groups++;
      g_assert_cmpuint (members->len, >=, 2);
      g_assert_cmpuint (members->len, <=, 6);

      for (guint i = 0; i < members->len; i++)
        {
          const RetPerson *p = members->pdata[i];

          g_assert_cmpstr (p->family_name, ==, first->family_name);
          g_assert_cmpstr (p->facility, ==, first->facility);
          g_assert_cmpstr (p->origin_code, ==, first->origin_code);
          g_assert_cmpstr (p->nationality, ==, first->nationality);
          g_assert_cmpint (ABS (p->apprehended_at - first->apprehended_at), <=, 300);
          g_assert_false (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR);
          if (ret_person_is_minor (p, &today))
            children++;
          else
            adults++;
        }

      /* Children travel with a grown-up of their family. */
      g_assert_cmpuint (adults, >=, 1);
      if (children > 0)
        with_children++;
    }

  g_assert_cmpuint (n_groups, >, 100);
  g_assert_cmpuint (with_children, >=, n_groups / 2);
}

static void
test_origins (void)
{
  g_autoptr(GPtrArray) persons = ret_demo_generate (5000, 5, NOW);
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  guint guanajuato = 0;
  guint baja_sur = 0;

  g_assert_nonnull (gazetteer);

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = persons->pdata[i];
      const RetPlace *place;

      if (g_strcmp0 (p->nationality, "MEX") != 0)
        {
          g_assert_true (g_strcmp0 (p->nationality, "GTM") == 0 ||
                         g_strcmp0 (p->nationality, "HND") == 0 ||
                         g_strcmp0 (p->nationality, "SLV") == 0);
          g_assert_null (p->origin_code);
          g_assert_false (p->nationality_verified);
          g_assert_null (p->family_group);
          continue;
        }

      g_assert_nonnull (p->origin_code);
      g_assert_cmpuint (strlen (p->origin_code), ==, 5);
      place = ret_gazetteer_get (gazetteer, p->origin_code);
      g_assert_nonnull (place);
      g_assert_cmpint (place->kind, ==, RET_PLACE_MUNICIPALITY);
      g_assert_true (g_str_has_prefix (p->origin_code, place->state_code));
      g_hash_table_add (states, (gpointer) place->state_code);

      if (g_str_equal (place->state_code, "11"))
        guanajuato++;
      else if (g_str_equal (place->state_code, "03"))
        baja_sur++;
    }

  g_test_message ("%u states of origin; Guanajuato %u, Baja California Sur %u",
                  g_hash_table_size (states), guanajuato, baja_sur);
  g_assert_cmpuint (g_hash_table_size (states), >=, 25);
  g_assert_cmpuint (guanajuato, >, 5 * baja_sur);
}

static void
test_times_and_fields (void)
{
  g_autoptr(GPtrArray) persons = ret_demo_generate (3000, 17, NOW);
  GDate today;

  today_of (NOW, &today);

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = persons->pdata[i];

      g_assert_true (g_str_has_prefix (p->a_number, "DEMO-"));
      g_assert_cmpint (p->apprehended_at, <, NOW);
      g_assert_cmpint (p->apprehended_at, >=, NOW - WINDOW);
      g_assert_true (g_str_has_prefix (p->notes, "Synthetic demo person"));
      g_assert_cmpint (p->status, ==, RET_PERSON_STATUS_AWAITING);
      g_assert_true (p->sex == RET_SEX_FEMALE || p->sex == RET_SEX_MALE ||
                     p->sex == RET_SEX_OTHER);
      g_assert_true (g_date_valid (&p->birth_date));
      g_assert_cmpint (g_date_compare (&p->birth_date, &today), <, 0);
      g_assert_cmpint (ret_person_get_age (p, &today), <=, 90);
      g_assert_nonnull (p->family_name);
      g_assert_nonnull (strchr (p->family_name, ' '));
      g_assert_nonnull (p->given_names);
      g_assert_true (g_utf8_validate (p->family_name, -1, NULL));
      g_assert_true (g_utf8_validate (p->given_names, -1, NULL));
      g_assert_cmpuint (p->flags & ~RET_PERSON_FLAGS_ALL, ==, 0);

      if (p->flags & RET_PERSON_FLAG_PREGNANT)
        g_assert_cmpint (p->sex, ==, RET_SEX_FEMALE);
      if (p->flags & RET_PERSON_FLAG_ILL)
        g_assert_cmpuint (strlen (p->notes), >, strlen ("Synthetic demo person"));
      if (!p->medical_fit)
        g_assert_true (p->flags & RET_PERSON_FLAG_ILL);
    }
}

static GPtrArray *
split_csv_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));

  return fields;
}

static void
test_csv_format (void)
{
  g_autofree char *csv = ret_demo_roster_csv (400, 21, NOW);
  g_autoptr(GPtrArray) persons = ret_demo_generate (400, 21, NOW);
  g_auto(GStrv) lines = NULL;
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();

  g_assert_nonnull (csv);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));

  lines = g_strsplit (csv, "\r\n", -1);
  /* header, 400 rows, and the empty string after the last line end */
  g_assert_cmpuint (g_strv_length (lines), ==, 402);
  g_assert_cmpstr (lines[401], ==, "");
  g_assert_cmpstr (lines[0], ==,
                   "a_number,family_name,given_names,sex,birth_date,"
                   "nationality,nationality_verified,facility,apprehended_at,"
                   "origin_state,origin_municipality,family_group,"
                   "unaccompanied_minor,pregnant,disabled,ill,criminal_record,"
                   "medical_fit,interior_consent,notes");

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = persons->pdata[i];
      g_autoptr(GPtrArray) f = split_csv_line (lines[i + 1]);
      g_autoptr(GDateTime) when = NULL;

      g_assert_cmpuint (f->len, ==, 20);
      g_assert_cmpstr (f->pdata[0], ==, p->a_number);
      g_assert_cmpstr (f->pdata[1], ==, p->family_name);
      g_assert_cmpstr (f->pdata[2], ==, p->given_names);
      g_assert_cmpint (((char *) f->pdata[3])[0], ==, p->sex);
      g_assert_cmpstr (f->pdata[5], ==, p->nationality);
      g_assert_cmpstr (f->pdata[6], ==, p->nationality_verified ? "yes" : "no");
      g_assert_cmpstr (f->pdata[7], ==, p->facility);
      g_assert_true (g_str_has_suffix (f->pdata[8], "Z"));
      when = g_date_time_new_from_iso8601 (f->pdata[8], NULL);
      g_assert_nonnull (when);
      g_assert_cmpint (g_date_time_to_unix (when), ==, p->apprehended_at);
      if (p->origin_code != NULL)
        {
          const RetPlace *place = ret_gazetteer_get (gazetteer, p->origin_code);

          g_assert_cmpstr (f->pdata[9], ==, place->state_code);
          g_assert_true (g_strcmp0 (f->pdata[10], place->name) == 0 ||
                         g_strcmp0 (f->pdata[10], place->code) == 0);
        }
      else
        {
          g_assert_cmpstr (f->pdata[9], ==, "");
          g_assert_cmpstr (f->pdata[10], ==, "");
        }
      g_assert_cmpstr (f->pdata[11], ==, p->family_group ? p->family_group : "");
      g_assert_cmpstr (f->pdata[12], ==,
                       (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR) ? "yes" : "no");
      g_assert_cmpstr (f->pdata[16], ==,
                       (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD) ? "yes" : "no");
      g_assert_cmpstr (f->pdata[17], ==, p->medical_fit ? "yes" : "no");
      g_assert_cmpstr (f->pdata[19], ==, p->notes);
    }
}

static RetStore *
open_fresh_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(RetStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  ret_store_load_reference_data (store, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* What ret_demo_roster_csv() writes, the import reads back as the
 * same persons, without a single problem.  The import judges ages on
 * today's date, so this roster is made for now, not for NOW. */
static void
test_csv_import (void)
{
  g_autoptr(RetStore) store = open_fresh_store ("csv-import.db");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *csv = ret_demo_roster_csv (2000, 4, now);
  g_autoptr(GPtrArray) expected = ret_demo_generate (2000, 4, now);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) parsed = NULL;

  parsed = ret_roster_parse (store, "demo.csv", csv, strlen (csv), &problems);

  if (problems != NULL)
    {
      for (guint i = 0; i < MIN (problems->len, 10); i++)
        {
          g_autofree char *text = ret_import_problem_format (problems->pdata[i]);

          g_test_message ("%s", text);
        }
      g_assert_cmpuint (problems->len, ==, 0);
    }

  g_assert_nonnull (parsed);
  g_assert_cmpuint (parsed->len, ==, expected->len);
  for (guint i = 0; i < parsed->len; i++)
    assert_persons_equal (parsed->pdata[i], expected->pdata[i]);
}

static void
test_populate (void)
{
  g_autoptr(RetStore) store = open_fresh_store ("populate.db");
  g_autoptr(GError) error = NULL;
  RetPersonQuery all = { NULL, RET_PERSON_FILTER_NONE };
  RetPersonQuery unaccompanied = { NULL, RET_PERSON_FILTER_UNACCOMPANIED };
  g_autoptr(GPtrArray) generated = NULL;
  gint64 n_unaccompanied = 0;

  g_assert_false (ret_store_is_demo (store));

  g_assert_true (ret_demo_populate (store, 750, RET_DEMO_DEFAULT_SEED, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ret_store_count_persons (store, &all, &error), ==, 750);
  g_assert_no_error (error);
  g_assert_true (ret_store_is_demo (store));
  g_assert_true (ret_store_has_a_number (store, "DEMO-000001"));
  g_assert_true (ret_store_has_a_number (store, "DEMO-000750"));
  g_assert_false (ret_store_has_a_number (store, "DEMO-000751"));

  /* Ages and times move with the clock, the flags do not. */
  generated = ret_demo_generate (750, RET_DEMO_DEFAULT_SEED, NOW);
  for (guint i = 0; i < generated->len; i++)
    {
      const RetPerson *p = generated->pdata[i];

      if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        n_unaccompanied++;
    }
  g_assert_cmpint (ret_store_count_persons (store, &unaccompanied, &error), ==,
                   n_unaccompanied);
  g_assert_no_error (error);
}

/* A second demo roster into the same store would repeat A-numbers: it is
 * refused and leaves the store as it was. */
static void
test_populate_twice (void)
{
  g_autoptr(RetStore) store = open_fresh_store ("twice.db");
  g_autoptr(GError) error = NULL;
  RetPersonQuery all = { NULL, RET_PERSON_FILTER_NONE };

  g_assert_true (ret_demo_populate (store, 50, 1, &error));
  g_assert_no_error (error);

  g_assert_false (ret_demo_populate (store, 60, 2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (ret_store_count_persons (store, &all, &error), ==, 50);
  g_assert_no_error (error);
}

/* ----------------------------------------------------------------------
 * The demo plan
 */

/* A demo database of the default size with its plan, as `retorno-cli
 * init --demo` makes it, and what the check needs from it. */
static RetCheckData *
demo_plan_check_data (RetStore **store_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = open_fresh_store ("demo-plan.db");
  gint64 start = g_get_monotonic_time ();
  RetCheckData *data;

  g_assert_true (ret_demo_populate (store, RET_DEMO_DEFAULT_PERSONS, RET_DEMO_DEFAULT_SEED,
                                    &error));
  g_assert_no_error (error);
  g_test_message ("default demo with its plan: %.2f s", (g_get_monotonic_time () - start) / 1e6);

  data = ret_store_load_check_data (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);

  if (store_out != NULL)
    *store_out = g_steal_pointer (&store);
  return data;
}

static void
test_plan_exists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetCheckData) data = demo_plan_check_data (&store);
  g_autoptr(GPtrArray) plans = ret_store_list_plans (store, &error);
  const RetPlanInfo *plan;
  GDate tomorrow;
  g_autofree char *tomorrow_text = NULL;
  guint n_persons = 0;
  guint n_modes[3] = { 0, };

  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  plan = g_ptr_array_index (plans, 0);
  g_assert_cmpstr (plan->status, ==, "draft");
  g_assert_cmpuint (plan->n_transfers, ==, data->transfers->len);

  ret_date_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  tomorrow_text = ret_date_format (&tomorrow);

  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);
      const char * const modes[] = { "bus", "van", "flight" };
      const int seats[] = { 45, 12, 137 };
      gboolean known = FALSE;

      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        if (g_strcmp0 (t->mode, modes[m]) == 0)
          {
            known = TRUE;
            n_modes[m]++;
            g_assert_cmpint (t->seats, ==, seats[m]);
          }
      g_assert_true (known);
      g_assert_cmpuint (t->entries->len, >, 0);
      g_assert_cmpuint (t->entries->len, <=, (guint) t->seats);
      g_assert_cmpint (t->depart_at, <, t->handover_at);
      n_persons += t->entries->len;
    }

  /* Buses, the minors' vans and the interior flights of Tucson and El
   * Paso, for most of the roster. */
  g_assert_cmpuint (n_modes[0], >, 10);
  g_assert_cmpuint (n_modes[1], >, 0);
  g_assert_cmpuint (n_modes[2], >, 0);
  g_assert_cmpuint (n_persons, >, RET_DEMO_DEFAULT_PERSONS / 2);
  g_test_message ("%u transfers (%u buses, %u vans, %u flights), %u persons",
                  data->transfers->len, n_modes[0], n_modes[1], n_modes[2], n_persons);
}

/* Families travel whole, all but the one the demo splits on purpose:
 * across two buses to the same point on the same day. */
static void
test_plan_families (void)
{
  g_autoptr(RetCheckData) data = demo_plan_check_data (NULL);
  g_autoptr(GHashTable) transfer_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) family_transfer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) split = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_families = 0;

  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);

      for (guint j = 0; j < t->entries->len; j++)
        g_hash_table_insert (transfer_of,
                             GUINT_TO_POINTER (g_array_index (t->entries, RetCheckEntry, j).person),
                             (gpointer) t);
    }

  for (guint i = 0; i < data->persons->len; i++)
    {
      const RetCheckPerson *cp = g_ptr_array_index (data->persons, i);
      const RetCheckTransfer *t = g_hash_table_lookup (transfer_of, GUINT_TO_POINTER (i));
      const RetCheckTransfer *other;
      const char *family = cp->person->family_group;

      if (family == NULL)
        continue;

      /* A family is planned whole or not at all. */
      g_assert_nonnull (t);

      other = g_hash_table_lookup (family_transfer, family);
      if (other == NULL)
        {
          g_hash_table_insert (family_transfer, (gpointer) family, (gpointer) t);
          n_families++;
        }
      else if (other != t)
        {
          g_assert_cmpstr (other->point, ==, t->point);
          g_assert_cmpstr (other->facility, ==, t->facility);
          /* Two road vehicles to one point: the seeded split. */
          g_assert_cmpstr (other->mode, !=, "flight");
          g_assert_cmpstr (t->mode, !=, "flight");
          g_hash_table_add (split, (gpointer) family);
        }
    }

  g_assert_cmpuint (n_families, >, 10);
  g_assert_cmpuint (g_hash_table_size (split), ==, 1);
}

/* What the check finds is exactly what the demo leaves on purpose: one
 * hard violation each of R03, R05, R07 and R12, unresolved; every other
 * finding is a warning, acknowledged with a reason. */
static void
test_plan_violations (void)
{
  static const RetRuleId seeded[] = {
    RET_RULE_DAYLIGHT_VULNERABLE,
    RET_RULE_MINORS_SCREENING,
    RET_RULE_FAMILY_UNITY,
    RET_RULE_MEXICAN_ONLY,
  };
  g_autoptr(RetCheckData) data = demo_plan_check_data (NULL);
  g_autoptr(RetCheckResult) result = ret_check_run (data);
  GPtrArray *violations = ret_check_result_get_violations (result);
  guint n_open[RET_N_RULES] = { 0, };
  guint n_acknowledged = 0;

  for (guint i = 0; i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);

      if (ret_violation_is_resolved (v))
        {
          g_assert_cmpint (v->severity, ==, RET_SEVERITY_WARNING);
          g_assert_cmpint (v->resolution->kind, ==, RET_RESOLUTION_ACKNOWLEDGEMENT);
          g_assert_cmpstr (v->resolution->approver, ==, "Demo coordinator");
          n_acknowledged++;
          continue;
        }

      g_test_message ("%s on %s: %s", ret_rule_get (v->rule)->code, v->transfer_code, v->message);
      n_open[v->rule]++;
      g_assert_cmpint (v->severity, ==, RET_SEVERITY_HARD);
    }

  for (guint r = 0; r < RET_N_RULES; r++)
    {
      gboolean is_seeded = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (seeded); s++)
        is_seeded |= seeded[s] == r;
      if (n_open[r] != (is_seeded ? 1u : 0u))
        g_error ("%s: %u unresolved violations, expected %u", ret_rule_get (r)->code, n_open[r],
                 is_seeded ? 1u : 0u);
    }

  g_test_message ("%u warnings acknowledged", n_acknowledged);
  g_assert_cmpuint (ret_check_result_count (result, RET_SEVERITY_HARD, TRUE), ==,
                    G_N_ELEMENTS (seeded));
  g_assert_true (ret_check_result_blocks_approval (result, 1));
}

/* Whatever the season the plan is made for, the same four problems and
 * nothing else: in June, when the sun sets late at the border, on the
 * days the US side of the border changes the clock, and in winter. */
static void
test_plan_seasons (void)
{
  static const char * const froms[] = {
    "2027-03-13",  /* spring forward on the 14th in Tijuana, Juárez, Matamoros */
    "2027-06-20",
    "2027-11-06",  /* fall back on the 7th */
    "2027-12-30",  /* across the new year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (froms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("season-%u.db", i);
      g_autoptr(RetStore) store = open_fresh_store (name);
      g_autoptr(RetCheckData) data = NULL;
      g_autoptr(RetCheckResult) result = NULL;
      GPtrArray *violations;
      guint seen = 0;
      GDate from;

      g_assert_true (ret_date_parse (froms[i], &from, NULL));
      g_assert_true (ret_demo_populate_roster (store, RET_DEMO_DEFAULT_PERSONS,
                                               RET_DEMO_DEFAULT_SEED, &error));
      g_assert_no_error (error);
      g_assert_true (ret_demo_add_plan (store, &from, RET_DEMO_PLAN_DAYS, 1 + i, &error));
      g_assert_no_error (error);

      data = ret_store_load_check_data (store, NULL, 0, 0, &error);
      g_assert_no_error (error);
      result = ret_check_run (data);
      violations = ret_check_result_get_violations (result);
      for (guint j = 0; j < violations->len; j++)
        {
          const RetViolation *v = g_ptr_array_index (violations, j);

          if (ret_violation_is_resolved (v))
            continue;
          if (v->severity != RET_SEVERITY_HARD ||
              (v->rule != RET_RULE_DAYLIGHT_VULNERABLE && v->rule != RET_RULE_MINORS_SCREENING &&
               v->rule != RET_RULE_FAMILY_UNITY && v->rule != RET_RULE_MEXICAN_ONLY))
            g_error ("from %s: %s on %s: %s", froms[i], ret_rule_get (v->rule)->code,
                     v->transfer_code, v->message);
          seen |= 1u << v->rule;
        }
      g_assert_cmpuint (seen, ==, (1u << RET_RULE_DAYLIGHT_VULNERABLE) |
                                  (1u << RET_RULE_MINORS_SCREENING) |
                                  (1u << RET_RULE_FAMILY_UNITY) |
                                  (1u << RET_RULE_MEXICAN_ONLY));
    }
}

/* The same seed, the same plan: the codes, times and manifests. */
static void
test_plan_determinism (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) a = open_fresh_store ("plan-a.db");
  g_autoptr(RetStore) b = open_fresh_store ("plan-b.db");
  g_autoptr(RetCheckData) da = NULL;
  g_autoptr(RetCheckData) db = NULL;

  g_assert_true (ret_demo_populate (a, 300, 9, &error));
  g_assert_no_error (error);
  g_assert_true (ret_demo_populate (b, 300, 9, &error));
  g_assert_no_error (error);

  da = ret_store_load_check_data (a, NULL, 0, 0, &error);
  g_assert_no_error (error);
  db = ret_store_load_check_data (b, NULL, 0, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (da->transfers->len, ==, db->transfers->len);
  g_assert_cmpuint (da->transfers->len, >, 0);
  for (guint i = 0; i < da->transfers->len; i++)
    {
      const RetCheckTransfer *ta = g_ptr_array_index (da->transfers, i);
      int j = ret_check_data_find_transfer (db, ta->code);
      const RetCheckTransfer *tb;

      g_assert_cmpint (j, >=, 0);
      tb = g_ptr_array_index (db->transfers, j);
      g_assert_cmpint (ta->handover_at, ==, tb->handover_at);
      g_assert_cmpuint (ta->entries->len, ==, tb->entries->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ret_core_init ();

  g_test_add_func ("/demo/determinism/seed", test_determinism);
  g_test_add_func ("/demo/determinism/now", test_determinism_now);
  g_test_add_func ("/demo/count", test_count);
  g_test_add_func ("/demo/shares", test_shares);
  g_test_add_func ("/demo/minors", test_minors);
  g_test_add_func ("/demo/families", test_families);
  g_test_add_func ("/demo/origins", test_origins);
  g_test_add_func ("/demo/times-and-fields", test_times_and_fields);
  g_test_add_func ("/demo/csv/format", test_csv_format);
  g_test_add_func ("/demo/csv/import", test_csv_import);
  g_test_add_func ("/demo/populate/count", test_populate);
  g_test_add_func ("/demo/populate/twice", test_populate_twice);
  g_test_add_func ("/demo/plan/exists", test_plan_exists);
  g_test_add_func ("/demo/plan/families", test_plan_families);
  g_test_add_func ("/demo/plan/violations", test_plan_violations);
  g_test_add_func ("/demo/plan/seasons", test_plan_seasons);
  g_test_add_func ("/demo/plan/determinism", test_plan_determinism);

  return g_test_run ();
}
