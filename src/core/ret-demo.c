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

/**
 * ret_demo_populate:
 * @store: a store holding the reference data
 * @n_persons: how many persons
 * @seed: the roster's seed
 * @error: return location for a #GError
 *
 * Adds a synthetic roster, apprehended in the last 72 hours, to @store
 * and marks the store as a demo database.
 *
 * Returns: TRUE on success
 */
gboolean
ret_demo_populate (RetStore  *store,
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
