/* ret-demo.c — a synthetic roster for demonstration and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is invented.  The roster has the shape of a real one
 * (share of minors and families, states of origin, sectors) so that the
 * planner, the rule check and the benchmarks meet realistic work, but
 * every A-number starts with "DEMO-" and every note says that the person
 * is synthetic, so that nobody mistakes a demo database for a real one.
 *
 * The same (n_persons, seed, now) always gives the same roster, on every
 * machine and with every GLib: the generator below is our own, because
 * the sequences of GRand and rand() are not promised to stay the same.
 */

#define G_LOG_DOMAIN "ret-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ret-demo.h"
#include "ret-gazetteer.h"
#include "ret-plan-edit.h"
#include "ret-scheduler.h"
#include "ret-solar.h"
#include "ret-store-schedule.h"
#include "ret-store-private.h"
#include "ret-time.h"

/* Probabilities are in parts per 100,000, so that no floating point
 * rounding can make two machines draw differently. */
#define PER_CENT(x) ((guint) ((x) * 1000))

#define DEMO_WINDOW_SECONDS (72 * 3600)

/* ----------------------------------------------------------------------
 * Random numbers: xoshiro256** seeded through splitmix64
 * (Blackman and Vigna, public domain reference implementations).
 */

typedef struct
{
  guint64 s[4];
} DemoRng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (DemoRng *rng,
          guint64  seed)
{
  guint64 state = seed;

  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (DemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl64 (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64 (s[3], 45);

  return result;
}

/* Uniform in [0, bound), without the bias of a plain modulo. */
static guint32
rng_below (DemoRng *rng,
           guint32  bound)
{
  guint64 limit;
  guint64 x;

  g_assert (bound > 0);

  limit = G_MAXUINT64 - G_MAXUINT64 % bound;
  do
    x = rng_next (rng);
  while (x >= limit);

  return (guint32) (x % bound);
}

/* Uniform in [lo, hi]. */
static int
rng_range (DemoRng *rng,
           int      lo,
           int      hi)
{
  g_assert (hi >= lo);

  return lo + (int) rng_below (rng, (guint32) (hi - lo + 1));
}

static gboolean
rng_chance (DemoRng *rng,
            guint    per_100k)
{
  return rng_below (rng, 100000) < per_100k;
}

static guint
rng_weighted (DemoRng     *rng,
              const guint *weights,
              guint        n_weights)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  g_assert (total > 0);

  pick = rng_below (rng, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }

  g_assert_not_reached ();
}

/* An index into a list ordered from most to least common: the smaller of
 * two draws favours the head of the list without leaving out the tail. */
static guint
rng_skewed (DemoRng *rng,
            guint    n)
{
  guint a = rng_below (rng, n);
  guint b = rng_below (rng, n);

  return MIN (a, b);
}

/* ----------------------------------------------------------------------
 * Names, places, facilities
 */

static const char * const male_names[] = {
  "José", "Juan", "Luis", "Carlos", "Jesús", "Miguel", "Francisco",
  "Jorge", "Antonio", "Alejandro", "Pedro", "Manuel", "Ricardo",
  "Fernando", "Roberto", "Javier", "Eduardo", "Daniel", "Sergio",
  "Martín", "Raúl", "Arturo", "Alberto", "Enrique", "Ángel", "Rafael",
  "Héctor", "Gerardo", "Víctor", "Mario", "Omar", "Óscar", "Ramón",
  "Andrés", "Diego", "Adrián", "Iván", "Salvador", "Julio", "Rubén",
  "Edgar", "Hugo", "Israel", "Emilio", "Santiago", "Mateo", "Leonardo",
  "Armando", "Gustavo", "Felipe", "Alfredo", "Ernesto", "Tomás",
};

static const char * const female_names[] = {
  "María", "Guadalupe", "Juana", "Margarita", "Verónica", "Leticia",
  "Rosa", "Patricia", "Elizabeth", "Alejandra", "Gabriela", "Adriana",
  "Claudia", "Araceli", "Silvia", "Martha", "Yolanda", "Sandra", "Laura",
  "Ana", "Diana", "Karina", "Brenda", "Mónica", "Norma", "Teresa",
  "Lucía", "Fernanda", "Daniela", "Valeria", "Ximena", "Sofía", "Camila",
  "Itzel", "Jimena", "Alondra", "Beatriz", "Carmen", "Esperanza",
  "Maribel", "Rocío", "Susana", "Josefina", "Reyna", "Natalia",
};

static const char * const family_names[] = {
  "Hernández", "García", "Martínez", "López", "González", "Pérez",
  "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez",
  "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz",
  "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno",
  "Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera",
  "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro",
  "Vargas", "Guzmán", "Velázquez", "Muñoz", "Rojas", "De la Cruz",
  "Contreras", "Salazar", "Luna", "Ortega", "Santiago", "Guerrero",
  "Bautista", "Estrada", "Cortés", "Soto", "Alvarado", "Espinoza",
  "Lara", "Ávila", "Ríos", "Cervantes", "Silva", "Delgado", "Vega",
  "Márquez", "Sandoval", "Carrillo", "León", "Mejía", "Solís", "Rosas",
  "Núñez", "Campos", "Cabrera", "Ibarra", "Navarro", "Pacheco", "Ochoa",
};

/* The sector facilities, weighted roughly by recent apprehensions. */
static const char * const facility_codes[] = {
  "RGV", "TCA", "EPT", "SDC", "DRT", "YUM", "LRT", "ELC", "BBT",
};
static const guint facility_weights[] = {
  19, 18, 16, 15, 11, 7, 6, 5, 3,
};
G_STATIC_ASSERT (G_N_ELEMENTS (facility_codes) == G_N_ELEMENTS (facility_weights));

/* States of origin by INEGI code, weighted roughly as the surveys of
 * returned migrants find them: a dozen states of the centre, west and
 * south give most, the rest share the remainder. */
static const struct
{
  const char *code;
  guint       weight;
} state_weights[] = {
  { "11", 100 },  /* Guanajuato */
  { "14", 80 },   /* Jalisco */
  { "16", 80 },   /* Michoacán */
  { "12", 70 },   /* Guerrero */
  { "20", 70 },   /* Oaxaca */
  { "21", 60 },   /* Puebla */
  { "15", 60 },   /* México */
  { "30", 50 },   /* Veracruz */
  { "07", 50 },   /* Chiapas */
  { "32", 35 },   /* Zacatecas */
  { "24", 35 },   /* San Luis Potosí */
  { "13", 30 },   /* Hidalgo */
  { "09", 25 },   /* Ciudad de México */
  { "08", 20 },   /* Chihuahua */
  { "25", 20 },   /* Sinaloa */
  { "10", 20 },   /* Durango */
  { "17", 20 },   /* Morelos */
  { "28", 15 },   /* Tamaulipas */
  { "26", 15 },   /* Sonora */
  { "18", 15 },   /* Nayarit */
  { "22", 15 },   /* Querétaro */
  { "27", 15 },   /* Tabasco */
  { "05", 10 },   /* Coahuila */
  { "19", 10 },   /* Nuevo León */
  { "29", 10 },   /* Tlaxcala */
  { "01", 10 },   /* Aguascalientes */
  { "02", 10 },   /* Baja California */
  { "06", 8 },    /* Colima */
  { "23", 5 },    /* Quintana Roo */
  { "31", 5 },    /* Yucatán */
  { "04", 5 },    /* Campeche */
  { "03", 3 },    /* Baja California Sur */
};

static const char * const other_nationalities[] = { "GTM", "HND", "SLV" };

static const char * const illness_notes[] = {
  "Diabetic; carries insulin",
  "Hypertension; takes daily medication",
  "Asthma; carries an inhaler",
  "Sprained ankle; walks with difficulty",
  "Dehydration, treated at the station",
  "Cuts on both hands, dressed",
  "Fever and cough since apprehension",
  "Epilepsy; takes daily medication",
  "Blisters on both feet, dressed",
};

static const char * const disability_notes[] = {
  "Uses a wheelchair",
  "Walks with crutches",
  "Hearing impaired",
  "Visually impaired",
  "Needs help walking",
};

/* Share of a state's people given to its capital, which is bigger than
 * a typical municipality but cannot be told apart from the data. */
#define CAPITAL_SHARE PER_CENT (12)

typedef struct
{
  const RetPlace  *capital;
  const RetPlace **municipalities;
  guint            n_municipalities;
} DemoState;

typedef struct
{
  DemoState states[G_N_ELEMENTS (state_weights)];
  guint     weights[G_N_ELEMENTS (state_weights)];
  gboolean  any;
} DemoOrigins;

static int
compare_places_by_code (gconstpointer a,
                        gconstpointer b)
{
  const RetPlace *pa = *(const RetPlace * const *) a;
  const RetPlace *pb = *(const RetPlace * const *) b;

  return strcmp (pa->code, pb->code);
}

static double
squared_distance (const RetPlace *a,
                  const RetPlace *b)
{
  double dlat = a->latitude - b->latitude;
  double dlon = (a->longitude - b->longitude) * cos (a->latitude * G_PI / 180.0);

  return dlat * dlat + dlon * dlon;
}

static DemoOrigins *
demo_origins_build (void)
{
  RetGazetteer *gazetteer = ret_gazetteer_get_default ();
  DemoOrigins *origins = g_new0 (DemoOrigins, 1);
  g_autoptr(GHashTable) by_state = NULL;
  guint n_places;

  if (gazetteer == NULL)
    {
      g_warning ("No gazetteer: the demo roster has no places of origin");
      return origins;
    }

  by_state = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  n_places = ret_gazetteer_get_n_places (gazetteer);
  for (guint i = 0; i < n_places; i++)
    {
      const RetPlace *place = ret_gazetteer_get_nth (gazetteer, i);
      GPtrArray *list;

      if (place == NULL || place->kind != RET_PLACE_MUNICIPALITY ||
          place->state_code == NULL)
        continue;

      list = g_hash_table_lookup (by_state, place->state_code);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_state, (gpointer) place->state_code, list);
        }
      g_ptr_array_add (list, (gpointer) place);
    }

  for (guint i = 0; i < G_N_ELEMENTS (state_weights); i++)
    {
      DemoState *state = &origins->states[i];
      const RetPlace *state_place;
      GPtrArray *list;
      double best = G_MAXDOUBLE;

      list = g_hash_table_lookup (by_state, state_weights[i].code);
      if (list == NULL || list->len == 0)
        continue;

      /* The gazetteer's order is not a promise; the code order is. */
      g_ptr_array_sort (list, compare_places_by_code);

      state->n_municipalities = list->len;
      state->municipalities = g_new (const RetPlace *, list->len);
      memcpy (state->municipalities, list->pdata,
              list->len * sizeof (gpointer));

      /* A state's coordinates are its capital's, so the municipality
       * nearest them is the capital's. */
      state_place = ret_gazetteer_get (gazetteer, state_weights[i].code);
      if (state_place != NULL)
        {
          for (guint j = 0; j < list->len; j++)
            {
              double d = squared_distance (state_place, list->pdata[j]);

              if (d < best)
                {
                  best = d;
                  state->capital = list->pdata[j];
                }
            }
        }

      origins->weights[i] = state_weights[i].weight;
      origins->any = TRUE;
    }

  return origins;
}

/* Built once: the gazetteer is a process-wide singleton, and the lists
 * of municipalities are wanted by every call of the benchmark. */
static const DemoOrigins *
demo_origins_get (void)
{
  static DemoOrigins *origins = NULL;

  if (g_once_init_enter (&origins))
    g_once_init_leave (&origins, demo_origins_build ());

  return origins;
}

/* ----------------------------------------------------------------------
 * The generator
 */

typedef struct
{
  DemoRng            rng;
  const DemoOrigins *origins;
  gint64             now;
  GDate              today;
  GPtrArray         *persons;
  guint              n_persons;
  guint              n_families;
} DemoGen;

/* What the members of one group (a family, or a person alone) share. */
typedef struct
{
  char       *family_name;
  char       *nationality;
  gboolean    nationality_verified;
  const char *facility;
  char       *origin_code;
  gint64      apprehended_at;
  char       *family_group;
  gboolean    interior_consent;
} DemoGroup;

static void
demo_group_clear (DemoGroup *group)
{
  g_clear_pointer (&group->family_name, g_free);
  g_clear_pointer (&group->nationality, g_free);
  g_clear_pointer (&group->origin_code, g_free);
  g_clear_pointer (&group->family_group, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoGroup, demo_group_clear)

static char *
pick_family_name (DemoGen *gen)
{
  guint n = G_N_ELEMENTS (family_names);
  const char *first = family_names[rng_skewed (&gen->rng, n)];
  const char *second = family_names[rng_skewed (&gen->rng, n)];

  return g_strdup_printf ("%s %s", first, second);
}

static char *
pick_given_names (DemoGen *gen,
                  RetSex   sex)
{
  const char * const *names;
  guint n;
  const char *first;
  const char *second;
  guint second_chance;

  if (sex == RET_SEX_FEMALE ||
      (sex == RET_SEX_OTHER && rng_chance (&gen->rng, PER_CENT (50))))
    {
      names = female_names;
      n = G_N_ELEMENTS (female_names);
    }
  else
    {
      names = male_names;
      n = G_N_ELEMENTS (male_names);
    }

  first = names[rng_skewed (&gen->rng, n)];

  /* "María Guadalupe", "José Luis": a second given name is common, and
   * all but usual after María and José. */
  second_chance = (g_str_equal (first, "María") || g_str_equal (first, "José"))
                  ? PER_CENT (70) : PER_CENT (25);
  if (!rng_chance (&gen->rng, second_chance))
    return g_strdup (first);

  second = names[rng_below (&gen->rng, n)];
  if (g_str_equal (first, second))
    return g_strdup (first);

  return g_strdup_printf ("%s %s", first, second);
}

static char *
pick_origin (DemoGen *gen)
{
  const DemoState *state;
  guint i;

  if (!gen->origins->any)
    return NULL;

  i = rng_weighted (&gen->rng, gen->origins->weights,
                    G_N_ELEMENTS (gen->origins->weights));
  state = &gen->origins->states[i];

  if (state->capital != NULL && rng_chance (&gen->rng, CAPITAL_SHARE))
    return g_strdup (state->capital->code);

  return g_strdup (state->municipalities[rng_below (&gen->rng, state->n_municipalities)]->code);
}

static const char *
pick_facility (DemoGen *gen)
{
  return facility_codes[rng_weighted (&gen->rng, facility_weights,
                                      G_N_ELEMENTS (facility_weights))];
}

/* A time in the last 72 hours, on the minute as rosters record it, and
 * with room left for the members of a family to follow within minutes. */
static gint64
pick_apprehension (DemoGen *gen)
{
  gint64 t = gen->now - rng_range (&gen->rng, 600, DEMO_WINDOW_SECONDS - 120);

  return t - (((t % 60) + 60) % 60);
}

static void
demo_group_init (DemoGen   *gen,
                 DemoGroup *group,
                 gboolean   may_be_foreign)
{
  if (may_be_foreign && rng_chance (&gen->rng, PER_CENT (1.5)))
    {
      guint i = rng_below (&gen->rng, G_N_ELEMENTS (other_nationalities));

      /* Not Mexican, so no place of origin in Mexico, and the consulate
       * has not (and will not) verify a Mexican nationality. */
      group->nationality = g_strdup (other_nationalities[i]);
      group->nationality_verified = FALSE;
    }
  else
    {
      group->nationality = g_strdup ("MEX");
      group->nationality_verified = rng_chance (&gen->rng, PER_CENT (85));
      group->origin_code = pick_origin (gen);
    }

  group->family_name = pick_family_name (gen);
  group->facility = pick_facility (gen);
  group->apprehended_at = pick_apprehension (gen);
  group->interior_consent = rng_chance (&gen->rng, PER_CENT (20));
}

/* A birth date that makes the person exactly @age years old today. */
static void
pick_birth_date (DemoGen *gen,
                 GDate   *birth,
                 int      age)
{
  /* Nobody was born after being apprehended. */
  int min_days = age == 0 ? 20 : 0;

  *birth = gen->today;
  g_date_subtract_years (birth, age);
  g_date_subtract_days (birth, rng_range (&gen->rng, min_days, 364));
}

static int
pick_adult_age (DemoGen *gen)
{
  static const guint weights[] = {
    /* 18–24, 25–34, 35–44, 45–59 */
    30, 38, 20, 12,
  };
  static const int lo[] = { 18, 25, 35, 45 };
  static const int hi[] = { 24, 34, 44, 59 };
  guint band = rng_weighted (&gen->rng, weights, G_N_ELEMENTS (weights));

  return rng_range (&gen->rng, lo[band], hi[band]);
}

static RetPerson *
demo_person_new (DemoGen         *gen,
                 const DemoGroup *group,
                 RetSex           sex,
                 int              age)
{
  RetPerson *person = ret_person_new ();

  person->a_number = g_strdup_printf ("DEMO-%06u", gen->persons->len + 1);
  person->family_name = g_strdup (group->family_name);
  person->given_names = pick_given_names (gen, sex);
  person->sex = sex;
  pick_birth_date (gen, &person->birth_date, age);
  person->nationality = g_strdup (group->nationality);
  person->nationality_verified = group->nationality_verified;
  person->facility = g_strdup (group->facility);
  person->apprehended_at = group->apprehended_at;
  person->origin_code = g_strdup (group->origin_code);
  person->family_group = g_strdup (group->family_group);
  person->interior_consent = age >= RET_ADULT_AGE && group->interior_consent;
  person->medical_fit = TRUE;
  person->status = RET_PERSON_STATUS_AWAITING;

  return person;
}

/* Health and the notes that go with it, then the person joins the
 * roster. */
static void
demo_person_finish (DemoGen   *gen,
                    RetPerson *person,
                    int        age)
{
  g_autoptr(GString) notes = g_string_new ("Synthetic demo person");

  if (person->sex == RET_SEX_FEMALE && age >= 18 && age <= 42 &&
      rng_chance (&gen->rng, PER_CENT (11)))
    {
      person->flags |= RET_PERSON_FLAG_PREGNANT;
      g_string_append_printf (notes, ". About %d months pregnant",
                              rng_range (&gen->rng, 2, 8));
    }

  if (rng_chance (&gen->rng, PER_CENT (3)))
    {
      person->flags |= RET_PERSON_FLAG_ILL;
      g_string_append_printf (notes, ". %s",
                              illness_notes[rng_below (&gen->rng, G_N_ELEMENTS (illness_notes))]);

      /* One in six of the ill cannot travel yet. */
      if (rng_chance (&gen->rng, PER_CENT (17)))
        person->medical_fit = FALSE;
    }

  if (rng_chance (&gen->rng, PER_CENT (1.5)))
    {
      person->flags |= RET_PERSON_FLAG_DISABLED;
      g_string_append_printf (notes, ". %s",
                              disability_notes[rng_below (&gen->rng, G_N_ELEMENTS (disability_notes))]);
    }

  person->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  g_ptr_array_add (gen->persons, person);
}

static guint
remaining (DemoGen *gen)
{
  return gen->n_persons - gen->persons->len;
}

static void
add_single_adult (DemoGen *gen)
{
  g_auto(DemoGroup) group = { 0, };
  RetPerson *person;
  RetSex sex;
  int age;

  demo_group_init (gen, &group, TRUE);

  if (rng_chance (&gen->rng, PER_CENT (0.3)))
    sex = RET_SEX_OTHER;
  else if (rng_chance (&gen->rng, PER_CENT (22)))
    sex = RET_SEX_FEMALE;
  else
    sex = RET_SEX_MALE;

  if (rng_chance (&gen->rng, PER_CENT (3.2)))
    age = rng_range (&gen->rng, RET_ELDERLY_AGE, 78);
  else
    age = pick_adult_age (gen);

  person = demo_person_new (gen, &group, sex, age);
  if (rng_chance (&gen->rng, PER_CENT (4.6)))
    person->flags |= RET_PERSON_FLAG_CRIMINAL_RECORD;
  demo_person_finish (gen, person, age);
}

static void
add_unaccompanied_minor (DemoGen *gen)
{
  static const guint weights[] = {
    /* 8–11, 12, 13, 14, 15, 16, 17 */
    5, 5, 7, 12, 18, 25, 28,
  };
  g_auto(DemoGroup) group = { 0, };
  RetPerson *person;
  RetSex sex;
  guint band;
  int age;

  demo_group_init (gen, &group, FALSE);

  band = rng_weighted (&gen->rng, weights, G_N_ELEMENTS (weights));
  age = band == 0 ? rng_range (&gen->rng, 8, 11) : 11 + (int) band;
  sex = rng_chance (&gen->rng, PER_CENT (75)) ? RET_SEX_MALE : RET_SEX_FEMALE;

  person = demo_person_new (gen, &group, sex, age);
  person->flags |= RET_PERSON_FLAG_UNACCOMPANIED_MINOR;
  demo_person_finish (gen, person, age);
}

static RetSex
pick_child_sex (DemoGen *gen)
{
  return rng_chance (&gen->rng, PER_CENT (50)) ? RET_SEX_MALE : RET_SEX_FEMALE;
}

/* Parents, their children under 18 and now and then a grandparent or a
 * grown-up child, all from one place, taken together. */
static void
add_family (DemoGen *gen,
            guint    size)
{
  static const guint size_weights[] = { 0, 0, 35, 30, 20, 10, 5 };
  g_auto(DemoGroup) group = { 0, };
  int child_ages[6];
  guint n_children;
  guint n_parents;
  gboolean extra_adult;
  int oldest = 0;
  int parent_age;

  if (size == 0)
    size = rng_weighted (&gen->rng, size_weights, G_N_ELEMENTS (size_weights));
  size = MIN (size, remaining (gen));
  g_assert (size >= 2);

  demo_group_init (gen, &group, FALSE);
  group.family_group = g_strdup_printf ("DEMO-F-%04u", ++gen->n_families);

  /* Who is in it: one or two parents, maybe one more adult, children. */
  extra_adult = size >= 4 && rng_chance (&gen->rng, PER_CENT (20));
  if (size == 2)
    n_parents = rng_chance (&gen->rng, PER_CENT (25)) ? 2 : 1;
  else
    n_parents = rng_chance (&gen->rng, PER_CENT (75)) ? 2 : 1;
  n_children = size - n_parents - (extra_adult ? 1 : 0);

  for (guint i = 0; i < n_children; i++)
    {
      /* An infant now and then, as the youngest. */
      if (i == n_children - 1 && i > 0 && rng_chance (&gen->rng, PER_CENT (20)))
        child_ages[i] = 0;
      else if (i == 0 && n_children == 1 && rng_chance (&gen->rng, PER_CENT (12)))
        child_ages[i] = 0;
      else
        child_ages[i] = rng_range (&gen->rng, 1, 17);
      oldest = MAX (oldest, child_ages[i]);
    }

  parent_age = MIN (59, MAX (oldest + 18, 18) + rng_range (&gen->rng, 0, 14));

  for (guint i = 0; i < n_parents; i++)
    {
      RetSex sex;
      RetPerson *person;
      int age;

      /* A parent alone is most often the mother. */
      if (n_parents == 2)
        sex = i == 0 ? RET_SEX_MALE : RET_SEX_FEMALE;
      else
        sex = rng_chance (&gen->rng, PER_CENT (70)) ? RET_SEX_FEMALE : RET_SEX_MALE;

      age = CLAMP (parent_age + rng_range (&gen->rng, -3, 3), oldest + 16, 59);
      age = MAX (age, RET_ADULT_AGE);
      person = demo_person_new (gen, &group, sex, age);
      person->apprehended_at += rng_range (&gen->rng, 0, 2) * 60;
      if (rng_chance (&gen->rng, PER_CENT (1.5)))
        person->flags |= RET_PERSON_FLAG_CRIMINAL_RECORD;
      demo_person_finish (gen, person, age);
    }

  if (extra_adult)
    {
      RetPerson *person;
      RetSex sex = pick_child_sex (gen);
      int age;

      if (parent_age >= 38 && rng_chance (&gen->rng, PER_CENT (40)))
        age = rng_range (&gen->rng, RET_ADULT_AGE, parent_age - 18);
      else
        age = rng_range (&gen->rng, MAX (parent_age + 20, RET_ELDERLY_AGE), 80);

      person = demo_person_new (gen, &group, sex, age);
      person->apprehended_at += rng_range (&gen->rng, 0, 2) * 60;
      demo_person_finish (gen, person, age);
    }

  for (guint i = 0; i < n_children; i++)
    {
      RetPerson *person = demo_person_new (gen, &group, pick_child_sex (gen),
                                           child_ages[i]);

      person->apprehended_at += rng_range (&gen->rng, 0, 2) * 60;
      demo_person_finish (gen, person, child_ages[i]);
    }
}

/**
 * ret_demo_generate:
 * @n_persons: how many persons
 * @seed: any number; the same seed gives the same roster
 * @now_utc: the current time, UTC seconds; apprehensions fall in the
 *   72 hours before it and ages are counted on its date
 *
 * Makes a synthetic roster.  Same arguments, same roster, person for
 * person.
 *
 * Returns: (transfer full) (element-type RetPerson): exactly @n_persons
 *   persons, awaiting transfer
 */
GPtrArray *
ret_demo_generate (guint   n_persons,
                   guint64 seed,
                   gint64  now_utc)
{
  g_autoptr(GDateTime) now = NULL;
  DemoGen gen = { 0, };
  g_autoptr(GPtrArray) persons = NULL;

  now = g_date_time_new_from_unix_utc (now_utc);
  g_return_val_if_fail (now != NULL, NULL);

  persons = g_ptr_array_new_full (n_persons, (GDestroyNotify) ret_person_free);

  rng_init (&gen.rng, seed);
  gen.origins = demo_origins_get ();
  gen.now = now_utc;
  g_date_clear (&gen.today, 1);
  g_date_set_dmy (&gen.today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
  gen.persons = persons;
  gen.n_persons = n_persons;

  while (persons->len < n_persons)
    {
      static const guint unit_weights[] = {
        /* single adult, unaccompanied minor, family */
        8650, 580, 770,
      };
      guint left = remaining (&gen);

      switch (rng_weighted (&gen.rng, unit_weights, G_N_ELEMENTS (unit_weights)))
        {
        case 0:
          add_single_adult (&gen);
          break;

        case 1:
          add_unaccompanied_minor (&gen);
          break;

        case 2:
          /* A family cut down to one person would be no family. */
          if (left >= 2)
            add_family (&gen, 0);
          else
            add_single_adult (&gen);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_assert (persons->len == n_persons);

  return g_steal_pointer (&persons);
}

/* ----------------------------------------------------------------------
 * The roster CSV
 */

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    value = "";

  /* RFC 4180: quote what holds a separator, a quote or a line break. */
  if (strpbrk (value, ",\"\r\n") != NULL ||
      (value[0] != '\0' && (value[0] == ' ' || value[strlen (value) - 1] == ' ')))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, value);
    }
}

static void
append_next (GString    *out,
             const char *value)
{
  g_string_append_c (out, ',');
  append_field (out, value);
}

static void
append_flag (GString  *out,
             gboolean  value)
{
  g_string_append (out, value ? ",yes" : ",no");
}

/* The municipality as the roster writes it: its name, which is what
 * offices type, unless the name alone would not lead back to it. */
static const char *
municipality_column (RetGazetteer   *gazetteer,
                     GHashTable     *cache,
                     const RetPlace *place,
                     const RetPlace *state)
{
  const char *column;

  column = g_hash_table_lookup (cache, place);
  if (column == NULL)
    {
      const RetPlace *found = NULL;
      const char *locality = NULL;

      if (state != NULL)
        found = ret_gazetteer_lookup_municipality (gazetteer, state, place->name,
                                                   &locality, NULL);
      column = found == place && locality == NULL ? place->name : place->code;
      g_hash_table_insert (cache, (gpointer) place, (gpointer) column);
    }

  return column;
}

/**
 * ret_demo_roster_csv:
 *
 * The roster ret_demo_generate() makes for the same arguments, as a
 * roster CSV file that the import accepts: all columns, a header row,
 * RFC 4180 quoting, places by state code and municipality name.
 *
 * Returns: (transfer full): the CSV text
 */
char *
ret_demo_roster_csv (guint   n_persons,
                     guint64 seed,
                     gint64  now_utc)
{
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autoptr(GString) out = NULL;
  RetGazetteer *gazetteer;

  persons = ret_demo_generate (n_persons, seed, now_utc);
  g_return_val_if_fail (persons != NULL, NULL);

  gazetteer = ret_gazetteer_get_default ();
  cache = g_hash_table_new (NULL, NULL);
  out = g_string_sized_new (256 + persons->len * 200);

  g_string_append (out,
                   "a_number,family_name,given_names,sex,birth_date,"
                   "nationality,nationality_verified,facility,apprehended_at,"
                   "origin_state,origin_municipality,family_group,"
                   "unaccompanied_minor,pregnant,disabled,ill,criminal_record,"
                   "medical_fit,interior_consent,notes\r\n");

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *person = persons->pdata[i];
      const RetPlace *place = NULL;
      const RetPlace *state = NULL;
      g_autoptr(GDateTime) apprehended = NULL;
      g_autofree char *birth = NULL;
      g_autofree char *when = NULL;
      char sex[2] = { (char) person->sex, '\0' };

      if (person->origin_code != NULL && gazetteer != NULL)
        {
          place = ret_gazetteer_get (gazetteer, person->origin_code);
          if (place != NULL)
            state = ret_gazetteer_get (gazetteer, place->state_code);
        }

      birth = ret_date_format (&person->birth_date);
      apprehended = g_date_time_new_from_unix_utc (person->apprehended_at);
      when = g_date_time_format (apprehended, "%Y-%m-%dT%H:%M:%SZ");

      append_field (out, person->a_number);
      append_next (out, person->family_name);
      append_next (out, person->given_names);
      append_next (out, sex);
      append_next (out, birth);
      append_next (out, person->nationality);
      append_flag (out, person->nationality_verified);
      append_next (out, person->facility);
      append_next (out, when);
      append_next (out, place != NULL ? place->state_code : NULL);
      append_next (out, place != NULL
                        ? municipality_column (gazetteer, cache, place, state)
                        : NULL);
      append_next (out, person->family_group);
      append_flag (out, person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR);
      append_flag (out, person->flags & RET_PERSON_FLAG_PREGNANT);
      append_flag (out, person->flags & RET_PERSON_FLAG_DISABLED);
      append_flag (out, person->flags & RET_PERSON_FLAG_ILL);
      append_flag (out, person->flags & RET_PERSON_FLAG_CRIMINAL_RECORD);
      append_flag (out, person->medical_fit);
      append_flag (out, person->interior_consent);
      append_next (out, person->notes);
      g_string_append (out, "\r\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ----------------------------------------------------------------------
 * The demo plan
 *
 * What the office would have recorded before planning (the medical notes
 * of the ill, a cleared screening for every unaccompanied minor), then
 * the scheduler's plan with the sample fleet, and then the problems a
 * coordinator would still have to fix, chosen by the seed and always
 * these four (hard violations, so the plan cannot be approved as it is):
 *   1. R03: one bus carrying an elderly person is handed over 45 minutes
 *      after sunset (after civil dusk too), or 5 where the point's window
 *      closes sooner;
 *   2. R07: one member of a family (the youngest) rides another bus to
 *      the same point the same day;
 *   3. R05: one unaccompanied minor on a van has no screening recorded;
 *   4. R12: one person whose nationality is not verified is on a bus.
 * The manifests are sent to the consulate and the INM (and the
 * prosecutor's attaché where a record travels) in time, and the warnings
 * the roster itself brings (custody time of people apprehended up to
 * three days before, a consenting parent who travels with the family by
 * road) are acknowledged with a reason, as a coordinator does.
 *
 * Who stays awaiting is whom the scheduler leaves: non-Mexicans and
 * persons whose nationality is not verified yet, persons not fit to
 * travel (with their whole family), children presumed unable to decide,
 * and whoever finds no seat in these days.
 */

typedef struct
{
  RetStore      *store;
  gint64         now;
  DemoRng        rng;
  RetCheckData  *data;      /* the stored plan, as the check sees it */
} DemoPlan;

static void
demo_plan_clear (DemoPlan *plan)
{
  g_clear_pointer (&plan->data, ret_check_data_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DemoPlan, demo_plan_clear)

/*
 * load_matching:
 * @ids: person ids, in an order that matters
 * @where: the SQL condition on "persons" of those wanted, with ?1 bound
 *   to @arg
 * @positions: (out) (optional): for each person returned, its index in @ids
 *
 * The persons of @ids that meet @where, in the order of @ids: the demo
 * looks closer at a few thousand of a roster of up to 100,000, and
 * loading all of them was seconds.
 */
static GPtrArray *
load_matching (RetStore      *store,
               GArray        *ids,
               const char    *where,
               gint64         arg,
               GArray       **positions,
               GError       **error)
{
  g_autoptr(GHashTable) matching = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) wanted_at = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) persons = NULL;
  g_autofree char *sql = g_strconcat ("SELECT id FROM persons WHERE ", where, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* Not through _ret_store_statement(): that keeps its SQL by pointer. */
  rc = sqlite3_prepare_v2 (_ret_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (_ret_store_get_db (store)));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (found, id);
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, RET_STORE_ERROR, RET_STORE_ERROR_FAILED, "%s",
                 sqlite3_errmsg (_ret_store_get_db (store)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (matching, &g_array_index (found, gint64, i));
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (matching, &g_array_index (ids, gint64, i)))
      {
        g_array_append_val (wanted, g_array_index (ids, gint64, i));
        g_array_append_val (wanted_at, i);
      }

  persons = ret_store_get_persons (store, (const gint64 *) (gconstpointer) wanted->data,
                                   wanted->len, error);
  if (persons == NULL)
    return NULL;

  if (positions != NULL)
    {
      /* ret_store_get_persons() skips an id gone meanwhile: match by id. */
      *positions = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0, j = 0; k < persons->len; k++)
        {
          const RetPerson *person = g_ptr_array_index (persons, k);

          while (j < wanted->len && g_array_index (wanted, gint64, j) != person->id)
            j++;
          g_return_val_if_fail (j < wanted->len, NULL);
          g_array_append_val (*positions, g_array_index (wanted_at, guint, j));
          j++;
        }
    }

  return g_steal_pointer (&persons);
}

/* The medical notes the receiving side needs, for the ill: the roster's
 * note on their illness, marked as a sample; and a cleared screening for
 * every unaccompanied minor.  @ids: everyone unplanned, in the order of
 * the list; where a person is in it sets the screening's time. */
static gboolean
demo_record_before (DemoPlan   *plan,
                    GArray     *ids,
                    GError    **error)
{
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GArray) positions = NULL;

  /* Nobody else is looked at below. */
  persons = load_matching (plan->store, ids, "flags & ?1 != 0",
                           RET_PERSON_FLAG_UNACCOMPANIED_MINOR | RET_PERSON_FLAG_ILL,
                           &positions, error);
  if (persons == NULL)
    return FALSE;

  for (guint k = 0; k < persons->len; k++)
    {
      RetPerson *person = g_ptr_array_index (persons, k);
      guint i = g_array_index (positions, guint, k);

      if (person->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        {
          RetScreening screening = {
            .screened_at = MAX (plan->now - 3600 - (gint64) (i % 600) * 60,
                                person->apprehended_at),
            .screener = (char *) "Demo screener, consular protection (sample)",
            .trafficking_risk = FALSE,
            .fear_of_return = FALSE,
            .able_to_decide = TRUE,
            .notes = (char *) "Synthetic demo screening",
          };

          if (!ret_store_set_screening (plan->store, person->id, &screening, "demo", error))
            return FALSE;
        }

      if (!(person->flags & RET_PERSON_FLAG_ILL) ||
          (person->medical_notes != NULL && *person->medical_notes != '\0'))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (illness_notes); j++)
        if (person->notes != NULL && strstr (person->notes, illness_notes[j]) != NULL)
          {
            g_free (person->medical_notes);
            person->medical_notes = g_strdup_printf ("%s (sample)", illness_notes[j]);
            break;
          }
      if (person->medical_notes == NULL || *person->medical_notes == '\0')
        continue;

      if (!ret_store_update_person (plan->store, person, "demo", error))
        return FALSE;
    }

  return TRUE;
}

static const RetFacility *
demo_facility (const RetCheckData *data,
               const char         *code)
{
  for (guint i = 0; i < data->facilities->len; i++)
    {
      const RetFacility *f = g_ptr_array_index (data->facilities, i);

      if (g_strcmp0 (f->code, code) == 0)
        return f;
    }

  return NULL;
}

/* The arrangement of the transfer's sector that designates its point. */
static const RetCheckArrangement *
demo_arrangement (const RetCheckData     *data,
                  const RetCheckTransfer *t)
{
  const RetFacility *facility = demo_facility (data, t->facility);

  for (guint i = 0; facility != NULL && i < data->arrangements->len; i++)
    {
      const RetCheckArrangement *a = g_ptr_array_index (data->arrangements, i);

      if (a->sectors != NULL && a->points != NULL &&
          g_strv_contains ((const char * const *) a->sectors, facility->sector) &&
          g_strv_contains ((const char * const *) a->points, t->point))
        return a;
    }

  return NULL;
}

static int
arrangement_param (const RetCheckArrangement *arrangement,
                   RetRuleId                  rule,
                   const char                *key,
                   int                        fallback)
{
  int index = ret_rule_param_index (rule, key);

  if (index < 0)
    return fallback;
  if (arrangement == NULL)
    return ret_rule_get (rule)->params[index].default_value;
  return arrangement->params.value[rule][index];
}

/* A point's time zone, kept once read: reading it from its file for
 * every transfer looked at was most of the time of seeding the problems
 * of a large plan.  Zones never change; the few points keep theirs. */
static GTimeZone *
demo_zone (const char *identifier)
{
  static GMutex lock;
  static GHashTable *zones;
  GTimeZone *zone;

  if (identifier == NULL)
    return g_time_zone_new_identifier (NULL);

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);
  zone = g_hash_table_lookup (zones, identifier);
  if (zone == NULL && (zone = g_time_zone_new_identifier (identifier)) != NULL)
    g_hash_table_insert (zones, g_strdup (identifier), zone);
  if (zone != NULL)
    g_time_zone_ref (zone);
  g_mutex_unlock (&lock);

  return zone;
}

/* The local date of a transfer's handover at its point. */
static gboolean
demo_local_date (const RetPoint *point,
                 gint64          utc,
                 GDate          *date,
                 int            *minute)
{
  g_autoptr(GTimeZone) zone = demo_zone (point->timezone);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) there = NULL;

  if (zone == NULL || dt == NULL || (there = g_date_time_to_timezone (dt, zone)) == NULL)
    return FALSE;

  g_date_set_dmy (date, g_date_time_get_day_of_month (there), g_date_time_get_month (there),
                  g_date_time_get_year (there));
  if (minute != NULL)
    *minute = g_date_time_get_hour (there) * 60 + g_date_time_get_minute (there);
  return TRUE;
}

static RetPerson *
entry_person (const RetCheckData     *data,
              const RetCheckTransfer *t,
              guint                   j)
{
  guint index = g_array_index (t->entries, RetCheckEntry, j).person;

  return ((RetCheckPerson *) g_ptr_array_index (data->persons, index))->person;
}

static guint
count_persons (const RetCheckTransfer *t)
{
  return t->entries->len;
}

/* When a bus would be handed over after sunset but still inside the
 * point's window (so that only R03 finds it): 45 minutes after sunset,
 * past civil dusk too, or, where the window closes sooner (the long days
 * of June), 5 minutes after; 0 if neither fits. */
static gint64
after_sunset (const RetCheckData     *data,
              const RetCheckTransfer *t)
{
  const RetPoint *point = ret_plan_find_point (data, t->point);
  const RetCheckArrangement *arrangement = demo_arrangement (data, t);
  g_autoptr(GTimeZone) zone = NULL;
  const RetPointHours *hours;
  const int delays[] = { 45, 5 };
  RetDaylight daylight;
  const RetWindow *w;
  GDate date;

  if (point == NULL || arrangement == NULL ||
      (hours = ret_point_get_hours (point, arrangement->code)) == NULL ||
      !demo_local_date (point, t->handover_at, &date, NULL))
    return 0;

  zone = demo_zone (point->timezone);
  if (!ret_daylight_compute (point->latitude, point->longitude, zone, &date, &daylight, NULL) ||
      daylight.sunset.kind != RET_SUN_EVENT_OCCURS)
    return 0;

  w = &hours->week[g_date_get_weekday (&date) - 1];
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    {
      gint64 late = daylight.sunset.utc + delays[i] * 60;
      GDate late_date;
      int minute;

      late += (300 - late % 300) % 300;
      if (!demo_local_date (point, late, &late_date, &minute) ||
          g_date_compare (&late_date, &date) != 0)
        continue;
      if (minute > w->open && minute < w->close && minute < 22 * 60)
        return late;
    }

  return 0;
}

static gboolean
exec_bound (RetStore    *store,
            const char  *sql,
            gint64       a,
            gint64       b,
            gint64       c,
            GError     **error)
{
  sqlite3_stmt *stmt = _ret_store_statement (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  return _ret_store_step_done (store, stmt, error);
}

/* The seeded R05: one unaccompanied minor on a van, screening removed. */
static gboolean
seed_unscreened (DemoPlan  *plan,
                 GError   **error)
{
  g_autoptr(GArray) minors = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < plan->data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (plan->data->transfers, i);

      for (guint j = 0; g_strcmp0 (t->mode, "van") == 0 && j < count_persons (t); j++)
        {
          const RetPerson *p = entry_person (plan->data, t, j);

          if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
            g_array_append_val (minors, p->id);
        }
    }

  if (minors->len == 0)
    {
      g_debug ("Demo plan: no minor on a van to leave unscreened");
      return TRUE;
    }

  return exec_bound (plan->store, "DELETE FROM screenings WHERE person_id = ?1 AND ?2 = ?3",
                     g_array_index (minors, gint64, rng_below (&plan->rng, minors->len)),
                     0, 0, error);
}

static gboolean
same_point_day (const RetCheckData     *data,
                const RetCheckTransfer *a,
                const RetCheckTransfer *b)
{
  const RetPoint *point = ret_plan_find_point (data, a->point);
  GDate da, db;

  return point != NULL && g_strcmp0 (a->point, b->point) == 0 &&
         g_strcmp0 (a->facility, b->facility) == 0 &&
         demo_local_date (point, a->handover_at, &da, NULL) &&
         demo_local_date (point, b->handover_at, &db, NULL) &&
         g_date_compare (&da, &db) == 0;
}

/* The seeded R07: the youngest member of a family on a road vehicle
 * rides another with a free seat to the same point the same day.  Sets
 * the two vehicles in @used. */
static gboolean
seed_split_family (DemoPlan   *plan,
                   GHashTable *used,
                   GError    **error)
{
  typedef struct { guint from, to, member; } Move;
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (Move));
  Move pick;

  for (guint i = 0; i < plan->data->transfers->len; i++)
    {
      const RetCheckTransfer *from = g_ptr_array_index (plan->data->transfers, i);

      if (g_strcmp0 (from->mode, "flight") == 0)
        continue;

      for (guint k = 0; k < plan->data->transfers->len; k++)
        {
          const RetCheckTransfer *to = g_ptr_array_index (plan->data->transfers, k);
          gboolean with_record = FALSE;

          if (k == i || g_strcmp0 (to->mode, "flight") == 0 ||
              count_persons (to) >= (guint) to->seats ||
              !same_point_day (plan->data, from, to))
            continue;

          /* A child among persons with a record would be R09 too, and
           * anyone in a van of children travelling alone R06. */
          for (guint j = 0; j < count_persons (to); j++)
            with_record |= (entry_person (plan->data, to, j)->flags &
                            (RET_PERSON_FLAG_CRIMINAL_RECORD | RET_PERSON_FLAG_UNACCOMPANIED_MINOR)) != 0;
          if (with_record)
            continue;

          for (guint j = 0; j < count_persons (from); j++)
            {
              const RetPerson *p = entry_person (plan->data, from, j);
              gboolean youngest = p->family_group != NULL;

              for (guint m = 0; youngest && m < count_persons (from); m++)
                {
                  const RetPerson *q = entry_person (plan->data, from, m);

                  if (m != j && g_strcmp0 (q->family_group, p->family_group) == 0 &&
                      g_date_compare (&q->birth_date, &p->birth_date) >= 0 &&
                      (g_date_compare (&q->birth_date, &p->birth_date) > 0 || m > j))
                    youngest = FALSE;
                }
              /* Not a family of one on this bus. */
              if (youngest)
                {
                  guint others = 0;

                  for (guint m = 0; m < count_persons (from); m++)
                    others += m != j &&
                              g_strcmp0 (entry_person (plan->data, from, m)->family_group,
                                         p->family_group) == 0;
                  if (others > 0)
                    {
                      Move move = { i, k, j };

                      g_array_append_val (moves, move);
                    }
                }
            }
          break;
        }
    }

  if (moves->len == 0)
    {
      g_debug ("Demo plan: no family to split");
      return TRUE;
    }

  pick = g_array_index (moves, Move, rng_below (&plan->rng, moves->len));
  {
    const RetCheckTransfer *from = g_ptr_array_index (plan->data->transfers, pick.from);
    const RetCheckTransfer *to = g_ptr_array_index (plan->data->transfers, pick.to);

    g_hash_table_add (used, (gpointer) from);
    g_hash_table_add (used, (gpointer) to);
    return exec_bound (plan->store,
                       "UPDATE manifest_entries SET transfer_id = ?2, pinned = 0 "
                       "WHERE transfer_id = ?1 AND person_id = ?3",
                       from->id, to->id, entry_person (plan->data, from, pick.member)->id, error);
  }
}

/* The seeded R03: a bus with an elderly person handed over after
 * sunset, still inside the point's window. */
static gboolean
seed_late_bus (DemoPlan   *plan,
               GHashTable *used,
               GError    **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  const RetCheckTransfer *t;
  gint64 late;
  guint pick;

  for (guint i = 0; i < plan->data->transfers->len; i++)
    {
      const RetCheckTransfer *candidate = g_ptr_array_index (plan->data->transfers, i);
      const RetPoint *point = ret_plan_find_point (plan->data, candidate->point);
      gboolean elderly = FALSE;
      GDate date;

      if (g_strcmp0 (candidate->mode, "bus") != 0 || g_hash_table_contains (used, candidate) ||
          point == NULL || !demo_local_date (point, candidate->handover_at, &date, NULL))
        continue;

      for (guint j = 0; j < count_persons (candidate) && !elderly; j++)
        elderly = ret_person_is_elderly (entry_person (plan->data, candidate, j), &date);
      if (!elderly || (late = after_sunset (plan->data, candidate)) == 0)
        continue;

      g_ptr_array_add (candidates, (gpointer) candidate);
      g_array_append_val (times, late);
    }

  if (candidates->len == 0)
    {
      g_debug ("Demo plan: no bus with an elderly person to hand over late");
      return TRUE;
    }

  pick = rng_below (&plan->rng, candidates->len);
  t = g_ptr_array_index (candidates, pick);
  g_hash_table_add (used, (gpointer) t);
  late = g_array_index (times, gint64, pick);
  return exec_bound (plan->store,
                     "UPDATE transfers SET handover_at = ?2, depart_at = depart_at + ?3 "
                     "WHERE id = ?1",
                     t->id, late, late - t->handover_at, error);
}

/* The seeded R12: a single adult awaiting, Mexican, fit, with no record
 * and no flag, whose nationality the consulate has not verified yet,
 * rides a bus of their facility with a free seat. */
static gboolean
seed_unverified (DemoPlan   *plan,
                 GPtrArray  *awaiting,
                 GHashTable *used,
                 GError    **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  GDate today;

  /* Once: today's date asks for the local time zone each time. */
  ret_date_today (&today);
  for (guint i = 0; i < awaiting->len; i++)
    {
      const RetPerson *p = g_ptr_array_index (awaiting, i);

      if (p->family_group != NULL || g_strcmp0 (p->nationality, "MEX") != 0 ||
          p->nationality_verified || !p->medical_fit || p->flags != RET_PERSON_FLAG_NONE ||
          p->interior_consent || ret_person_is_minor (p, &today) ||
          ret_person_is_elderly (p, &today))
        continue;

      for (guint k = 0; k < plan->data->transfers->len; k++)
        {
          const RetCheckTransfer *t = g_ptr_array_index (plan->data->transfers, k);

          if (g_strcmp0 (t->mode, "bus") == 0 && !g_hash_table_contains (used, t) &&
              g_strcmp0 (t->facility, p->facility) == 0 &&
              count_persons (t) < (guint) t->seats)
            {
              g_ptr_array_add (pairs, (gpointer) p);
              g_ptr_array_add (pairs, (gpointer) t);
              break;
            }
        }
    }

  if (pairs->len == 0)
    {
      g_debug ("Demo plan: nobody unverified to put on a bus");
      return TRUE;
    }

  {
    guint pick = rng_below (&plan->rng, pairs->len / 2) * 2;
    const RetPerson *p = g_ptr_array_index (pairs, pick);
    const RetCheckTransfer *t = g_ptr_array_index (pairs, pick + 1);

    return exec_bound (plan->store,
                       "INSERT INTO manifest_entries (transfer_id, person_id) VALUES (?1, ?2)",
                       t->id, p->id, 0, error) &&
           exec_bound (plan->store,
                       "UPDATE persons SET status = 'planned' WHERE id = ?1 AND ?2 = ?3",
                       p->id, 0, 0, error);
  }
}

/* The four problems, in one transaction: all of them or none. */
static gboolean
demo_seed_problems (DemoPlan   *plan,
                    GPtrArray  *awaiting,
                    GError    **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

  if (!_ret_store_begin (plan->store, error))
    return FALSE;

  if (!seed_unscreened (plan, error) ||
      !seed_split_family (plan, used, error) ||
      !seed_late_bus (plan, used, error) ||
      !seed_unverified (plan, awaiting, used, error) ||
      !_ret_store_commit (plan->store, error))
    {
      _ret_store_rollback (plan->store);
      return FALSE;
    }

  _ret_store_emit (plan->store, "transfers");
  _ret_store_emit (plan->store, "persons");
  return TRUE;
}

/* The manifests went out in time: to the consulate and the INM office
 * at the point, and to the prosecutor's attaché where a record travels. */
static gboolean
demo_send_notices (DemoPlan  *plan,
                   GError   **error)
{
  for (guint i = 0; i < plan->data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (plan->data->transfers, i);
      const RetFacility *facility = demo_facility (plan->data, t->facility);
      const RetPoint *point = ret_plan_find_point (plan->data, t->point);
      int lead_hours = arrangement_param (demo_arrangement (plan->data, t),
                                          RET_RULE_ADVANCE_NOTICE, "lead_hours", 24);
      gint64 sent_at = MIN (plan->now, t->depart_at - (gint64) lead_hours * 3600 - 3600);
      g_autofree char *consulate = NULL;
      g_autofree char *inm = NULL;
      gboolean record = FALSE;

      if (facility == NULL || point == NULL)
        continue;
      consulate = g_strdup_printf ("Consulado de México, %s (sample)", facility->name);
      inm = g_strdup_printf ("INM, módulo de repatriación %s (sample)", point->city);

      for (guint j = 0; j < count_persons (t); j++)
        record |= (entry_person (plan->data, t, j)->flags & RET_PERSON_FLAG_CRIMINAL_RECORD) != 0;

      if (!ret_store_record_notice (plan->store, t->code, RET_NOTICE_CONSULATE, consulate,
                                    sent_at, "demo", error) ||
          !ret_store_record_notice (plan->store, t->code, RET_NOTICE_INM, inm,
                                    sent_at, "demo", error))
        return FALSE;
      if (record &&
          !ret_store_record_notice (plan->store, t->code, RET_NOTICE_PROSECUTOR,
                                    "Agregaduría de la FGR (sample)", sent_at, "demo", error))
        return FALSE;
    }

  return TRUE;
}

static const char *
acknowledgement_reason (RetRuleId rule)
{
  switch (rule)
    {
    case RET_RULE_CUSTODY_TIME:
      return "Apprehended before the plan's first day; this is the earliest transfer (sample)";
    case RET_RULE_ORIGIN_PROXIMITY:
      return "Travels with the family by road; a flight would split it (sample)";
    default:
      return "Seen; no better transfer in these days (sample)";
    }
}

/* Warnings that the roster brings with it are acknowledged, as a
 * coordinator does before sending a plan for approval; the hard
 * violations (the seeded ones) are left to fix. */
static gboolean
demo_acknowledge_warnings (DemoPlan  *plan,
                           gint64     plan_id,
                           GError   **error)
{
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  GPtrArray *violations;

  data = ret_store_load_check_data (plan->store, NULL, 0, plan_id, error);
  if (data == NULL)
    return FALSE;

  result = ret_check_run (data);
  violations = ret_check_result_get_violations (result);
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const RetViolation *v = g_ptr_array_index (violations, i);
      RetResolution resolution = { 0 };

      if (v->severity != RET_SEVERITY_WARNING || ret_violation_is_resolved (v))
        continue;

      resolution.plan_id = v->plan_id;
      resolution.transfer_code = v->transfer_code;
      resolution.rule = v->rule;
      resolution.subject = v->subject;
      resolution.kind = RET_RESOLUTION_ACKNOWLEDGEMENT;
      resolution.reason = (char *) acknowledgement_reason (v->rule);
      resolution.approver = (char *) "Demo coordinator";
      if (!ret_store_add_resolution (plan->store, &resolution, "demo", NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ret_demo_add_plan:
 * @store: a store holding the reference data and a demo roster
 * @from: the first local date of the plan
 * @days: how many dates, at least 1
 * @seed: the scheduler's seed and the seeded problems; the same seed,
 *   the same plan
 * @error: return location for a #GError
 *
 * Adds a draft plan for the persons awaiting, made by the scheduler,
 * with four problems left in it (see the comment at the top of this
 * part).  Nothing is planned, and %TRUE returned, when nobody can travel.
 *
 * Returns: %TRUE on success
 */
gboolean
ret_demo_add_plan (RetStore     *store,
                   const GDate  *from,
                   guint         days,
                   guint64       seed,
                   GError      **error)
{
  g_auto(DemoPlan) plan = { 0, };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) awaiting = NULL;
  g_autoptr(RetScheduleInput) input = NULL;
  g_autoptr(RetScheduleResult) result = NULL;
  RetPersonQuery query = { NULL, RET_PERSON_FILTER_UNPLANNED };
  RetScheduleOptions options;
  gint64 plan_id = 0;
  gboolean ok;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (days >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  plan.store = store;
  plan.now = g_get_real_time () / G_USEC_PER_SEC;
  /* Apart from the roster's draws, so that the same roster seed does
   * not pick the same positions here. */
  rng_init (&plan.rng, seed ^ G_GUINT64_CONSTANT (0x706c616e));

  ids = ret_store_query_person_ids (store, &query, error);
  if (ids == NULL)
    return FALSE;

  /* What goes in here is a few large transactions (the batches below,
   * the plan, the seeded problems), each waiting for the disk at the
   * store's FULL synchronous level.  NORMAL still survives a crash of the
   * program; a power cut could lose the last of them, and this is
   * synthetic data made in one go. */
  sqlite3_exec (_ret_store_get_db (store), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);

  /* Several thousand screenings and notes, each a transaction of the
   * store's: one commit for all, not one each. */
  ok = _ret_store_begin_batch (store, error);
  if (ok)
    {
      ok = demo_record_before (&plan, ids, error);
      ok = _ret_store_end_batch (store, ok, ok ? error : NULL) && ok;
    }
  if (ok)
    {
      ret_schedule_options_init (&options, from, days);
      options.seed = (guint32) (seed ^ (seed >> 32));
      input = ret_store_load_schedule_input (store, from, days, NULL, error);
      ok = input != NULL &&
           (result = ret_schedule_run (input, &options, NULL, NULL, NULL, error)) != NULL;
    }

  if (ok && result->transfers->len > 0)
    {
      ok = ret_store_save_schedule (store, input, result, &options, "demo", &plan_id, error) &&
           (plan.data = ret_store_load_check_data (store, NULL, 0, plan_id, error)) != NULL;
      if (ok)
        {
          g_autoptr(GArray) left = ret_store_query_person_ids (store, &query, error);

          /* Only who seed_unverified() could pick: the rest of its test
           * (age) is done there. */
          ok = left != NULL &&
               (awaiting = load_matching (store, left,
                                          "family_group_id IS NULL AND nationality = 'MEX' "
                                          "AND nationality_verified = 0 AND medical_fit != 0 "
                                          "AND flags = ?1 AND interior_consent = 0",
                                          RET_PERSON_FLAG_NONE, NULL, error)) != NULL;
        }
      ok = ok && demo_seed_problems (&plan, awaiting, error);
      /* Each notice and each acknowledgement is a transaction of the
       * store's: several hundred, in one commit. */
      if (ok && (ok = _ret_store_begin_batch (store, error)))
        {
          ok = demo_send_notices (&plan, error) &&
               demo_acknowledge_warnings (&plan, plan_id, error);
          ok = _ret_store_end_batch (store, ok, ok ? error : NULL) && ok;
        }
    }

  sqlite3_exec (_ret_store_get_db (store), "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  if (ok)
    g_debug ("Demo plan %" G_GINT64_FORMAT ": %u transfers", plan_id,
             result != NULL ? result->transfers->len : 0);
  return ok;
}

/**
 * ret_demo_populate_roster:
 * @store: a store holding the reference data
 * @n_persons: how many persons
 * @seed: the roster's seed
 * @error: return location for a #GError
 *
 * Adds a synthetic roster, apprehended in the last 72 hours, to @store
 * and marks the store as a demo database; no plan.
 *
 * Returns: TRUE on success
 */
gboolean
ret_demo_populate_roster (RetStore  *store,
                          guint      n_persons,
                          guint64    seed,
                          GError   **error)
{
  g_autoptr(GPtrArray) persons = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  persons = ret_demo_generate (n_persons, seed, now);

  /* Persons first, in their one transaction: a store marked as a demo
   * must hold the demo roster, and one whose roster failed stays as it
   * was. */
  if (!ret_store_insert_persons (store, persons, "demo", "demo roster", error))
    return FALSE;

  if (!ret_store_set_meta (store, "demo", "1", error))
    return FALSE;

  g_debug ("Added %u demo persons", persons->len);

  return TRUE;
}

/**
 * ret_demo_populate:
 * @store: a store holding the reference data
 * @n_persons: how many persons
 * @seed: the roster's seed
 * @error: return location for a #GError
 *
 * What a demo database holds: the roster of ret_demo_populate_roster()
 * and a draft plan for it from tomorrow, for RET_DEMO_PLAN_DAYS days
 * (ret_demo_add_plan()), so that the demo shows transfers and what the
 * check finds in them.
 *
 * Returns: TRUE on success
 */
gboolean
ret_demo_populate (RetStore  *store,
                   guint      n_persons,
                   guint64    seed,
                   GError   **error)
{
  GDate tomorrow;

  g_return_val_if_fail (RET_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ret_demo_populate_roster (store, n_persons, seed, error))
    return FALSE;

  ret_date_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  return ret_demo_add_plan (store, &tomorrow, RET_DEMO_PLAN_DAYS, seed, error);
}
