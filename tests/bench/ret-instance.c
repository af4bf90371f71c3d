/* ret-instance.c — synthetic planning problems for the planning benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shares follow what is known of real repatriations: about 12 % of
 * persons travel in families of 2 to 6, 4 % are unaccompanied minors of
 * 14 to 17 (some of them siblings), 8 % are vulnerable adults, 10 % have
 * a criminal record (a few inside families), 15 % consent to interior
 * repatriation.  A few cannot be planned at all (nationality not yet
 * verified, not fit to travel), as in every real roster, so that the
 * planner's reasons are exercised too.
 *
 * The random numbers are our own (splitmix64): GRand's sequence is not
 * promised to stay the same across GLib versions, and an instance must.
 */

#define G_LOG_DOMAIN "ret-instance"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ret-gazetteer.h"
#include "ret-instance.h"

/* ------------------------------------------------------------------ */
/* Random numbers                                                     */

typedef struct
{
  guint64 state;
} InstRng;

static guint64
rng_next (InstRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in [0, bound); the modulo bias is below 2^-40 for our bounds. */
static guint
rng_below (InstRng *rng,
           guint    bound)
{
  g_assert (bound > 0);
  return (guint) (rng_next (rng) % bound);
}

static int
rng_range (InstRng *rng,
           int      lo,
           int      hi)
{
  return lo + (int) rng_below (rng, (guint) (hi - lo + 1));
}

/* @per_mille out of 1000, so that no floating point decides a draw. */
static gboolean
rng_chance (InstRng *rng,
            guint    per_mille)
{
  return rng_below (rng, 1000) < per_mille;
}

static guint
rng_weighted (InstRng     *rng,
              const guint *weights,
              guint        n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

/* ------------------------------------------------------------------ */
/* Places                                                             */

/* The nine sector facilities, weighted by their share of apprehensions
 * of Mexican nationals (Rio Grande Valley and Tucson the largest). */
static const char * const all_facilities[] = {
  "RGV", "TCA", "EPT", "SDC", "DRT", "YUM", "LRT", "ELC", "BBT",
};
static const guint all_facility_weights[] = {
  19, 18, 16, 15, 11, 7, 6, 5, 3,
};
G_STATIC_ASSERT (G_N_ELEMENTS (all_facilities) == G_N_ELEMENTS (all_facility_weights));

/* The small instances' facilities: between them two with flights, one
 * with two points under one arrangement and one under two. */
static const char * const small_facilities[] = { "DRT", "TCA", "RGV", "EPT", "SDC" };

/* States of origin (INEGI codes), weighted towards those returned
 * migrants most often come from. */
static const struct
{
  const char *code;
  guint       weight;
} state_weights[] = {
  { "16", 90 },  /* Michoacán */
  { "12", 80 },  /* Guerrero */
  { "11", 80 },  /* Guanajuato */
  { "20", 75 },  /* Oaxaca */
  { "14", 70 },  /* Jalisco */
  { "07", 60 },  /* Chiapas */
  { "21", 60 },  /* Puebla */
  { "15", 50 },  /* México */
  { "30", 45 },  /* Veracruz */
  { "08", 30 },  /* Chihuahua */
  { "32", 30 },  /* Zacatecas */
  { "26", 25 },  /* Sonora */
  { "24", 25 },  /* San Luis Potosí */
  { "13", 25 },  /* Hidalgo */
  { "09", 20 },  /* Ciudad de México */
  { "25", 20 },  /* Sinaloa */
  { "10", 20 },  /* Durango */
  { "17", 15 },  /* Morelos */
  { "28", 15 },  /* Tamaulipas */
  { "18", 10 },  /* Nayarit */
  { "22", 10 },  /* Querétaro */
  { "27", 10 },  /* Tabasco */
  { "05", 8 },   /* Coahuila */
  { "19", 8 },   /* Nuevo León */
  { "02", 8 },   /* Baja California */
  { "01", 6 },   /* Aguascalientes */
  { "29", 6 },   /* Tlaxcala */
  { "06", 4 },   /* Colima */
  { "31", 3 },   /* Yucatán */
};

typedef struct
{
  GPtrArray *by_state[G_N_ELEMENTS (state_weights)];  /* const RetPlace *, by code */
  guint      weights[G_N_ELEMENTS (state_weights)];
  gboolean   any;
} Origins;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  return strcmp ((*(const RetPlace * const *) a)->code, (*(const RetPlace * const *) b)->code);
}

static const Origins *
origins_get (void)
{
  static Origins *origins = NULL;

  if (g_once_init_enter (&origins))
    {
      Origins *o = g_new0 (Origins, 1);
      RetGazetteer *gazetteer = ret_gazetteer_get_default ();
      guint n = gazetteer != NULL ? ret_gazetteer_get_n_places (gazetteer) : 0;

      for (guint s = 0; s < G_N_ELEMENTS (state_weights); s++)
        o->by_state[s] = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        {
          const RetPlace *place = ret_gazetteer_get_nth (gazetteer, i);

          if (place == NULL || place->kind != RET_PLACE_MUNICIPALITY || place->state_code == NULL)
            continue;
          for (guint s = 0; s < G_N_ELEMENTS (state_weights); s++)
            if (g_str_equal (place->state_code, state_weights[s].code))
              g_ptr_array_add (o->by_state[s], (gpointer) place);
        }

      for (guint s = 0; s < G_N_ELEMENTS (state_weights); s++)
        {
          /* The gazetteer's order is not a promise; the codes' is. */
          g_ptr_array_sort (o->by_state[s], compare_places);
          o->weights[s] = o->by_state[s]->len > 0 ? state_weights[s].weight : 0;
          o->any |= o->by_state[s]->len > 0;
        }

      g_once_init_leave (&origins, o);
    }

  return origins;
}

/* ------------------------------------------------------------------ */
/* The roster                                                         */

typedef struct
{
  InstRng       rng;
  RetCheckData *data;
  const Origins *origins;
  GDate         from;
  guint         days;
  gint64        now;
  const char * const *facilities;
  const guint  *facility_weights;
  guint         n_facilities;
  guint         n_groups;
} Gen;

/* What the members of a family (or a person alone) share. */
typedef struct
{
  const char     *facility;
  gint64          apprehended_at;
  const RetPlace *origin;
  gboolean        verified;
  gboolean        consent;
  char           *family_group;
  guint           number;
} Group;

static void
group_init (Gen   *gen,
            Group *group,
            gboolean family)
{
  const Origins *origins = gen->origins;
  gint64 t;

  memset (group, 0, sizeof *group);
  group->number = ++gen->n_groups;
  group->facility = gen->facilities[rng_weighted (&gen->rng, gen->facility_weights,
                                                  gen->n_facilities)];
  t = gen->now - rng_range (&gen->rng, 600, 72 * 3600 - 600);
  group->apprehended_at = t - t % 60;
  group->verified = !rng_chance (&gen->rng, 10);
  group->consent = rng_chance (&gen->rng, 150);

  /* About 2 % with no known place of origin: they count from the
   * facility. */
  if (origins->any && !rng_chance (&gen->rng, 20))
    {
      guint s = rng_weighted (&gen->rng, origins->weights, G_N_ELEMENTS (origins->weights));
      GPtrArray *list = origins->by_state[s];

      group->origin = g_ptr_array_index (list, rng_below (&gen->rng, list->len));
    }

  if (family)
    group->family_group = g_strdup_printf ("SYNTH-F-%05u", group->number);
}

/* A birth date giving @age on every day of the span and a little around
 * it, so that nobody turns 18 or 60 while the plan runs. */
static void
pick_birth_date (Gen   *gen,
                 GDate *birth,
                 int    age)
{
  *birth = gen->from;
  g_date_subtract_years (birth, (guint) age);
  g_date_subtract_days (birth, (guint) rng_range (&gen->rng, (int) gen->days + 3, 360));
}

static RetCheckPerson *
add_person (Gen          *gen,
            const Group  *group,
            RetSex        sex,
            int           age,
            RetPersonFlags flags)
{
  RetPerson *person = ret_person_new ();
  RetCheckPerson *cp;
  guint n = gen->data->persons->len + 1;

  person->id = n;
  person->a_number = g_strdup_printf ("A9%08u", n);
  person->family_name = g_strdup_printf ("Synthetic %05u", group->number);
  person->given_names = g_strdup_printf ("Person %u", n);
  person->sex = sex;
  pick_birth_date (gen, &person->birth_date, age);
  person->nationality = g_strdup ("MEX");
  person->nationality_verified = group->verified;
  person->facility = g_strdup (group->facility);
  person->apprehended_at = group->apprehended_at + rng_range (&gen->rng, 0, 2) * 60;
  person->origin_code = group->origin != NULL ? g_strdup (group->origin->code) : NULL;
  person->family_group = g_strdup (group->family_group);
  person->flags = flags;
  person->medical_fit = TRUE;
  person->medical_notes = g_strdup ("");
  /* Families consent as one: a flight takes all of them or none. */
  person->interior_consent = group->consent;
  person->notes = g_strdup ("Synthetic person of a planning benchmark");
  person->status = RET_PERSON_STATUS_AWAITING;

  if (flags & RET_PERSON_FLAG_ILL)
    {
      g_free (person->medical_notes);
      person->medical_notes = g_strdup ("Synthetic: takes daily medication");
    }

  /* About 0.5 % cannot travel yet. */
  if (rng_chance (&gen->rng, 5))
    {
      person->medical_fit = FALSE;
      person->flags |= RET_PERSON_FLAG_ILL;
    }

  cp = ret_check_person_new (person);
  g_free (cp->medical_notes);
  cp->medical_notes = g_strdup (person->medical_notes);
  cp->belongings_inventoried = TRUE;
  if (group->origin != NULL)
    {
      cp->origin_known = TRUE;
      cp->origin_latitude = group->origin->latitude;
      cp->origin_longitude = group->origin->longitude;
      cp->origin_name = g_strdup (group->origin->name);
    }

  if (flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
    {
      RetScreening *screening = g_new0 (RetScreening, 1);

      /* Every child in the instances was screened and cleared: a child
       * who cannot be planned for that reason teaches the benchmark
       * nothing. */
      screening->screened_at = person->apprehended_at + 3600;
      screening->screener = g_strdup ("Synthetic screener");
      screening->able_to_decide = TRUE;
      screening->notes = g_strdup ("");
      cp->screening = screening;
    }

  ret_check_data_add_person (gen->data, cp);
  return cp;
}

static int
pick_adult_age (Gen *gen)
{
  static const guint weights[] = { 30, 38, 20, 12 };
  static const int lo[] = { 18, 25, 35, 45 };
  static const int hi[] = { 24, 34, 44, 59 };
  guint band = rng_weighted (&gen->rng, weights, G_N_ELEMENTS (weights));

  return rng_range (&gen->rng, lo[band], hi[band]);
}

static void
add_single_adult (Gen *gen)
{
  Group group;
  RetPersonFlags flags = RET_PERSON_FLAG_NONE;
  RetSex sex = rng_chance (&gen->rng, 220) ? RET_SEX_FEMALE : RET_SEX_MALE;
  int age = pick_adult_age (gen);

  group_init (gen, &group, FALSE);

  /* Vulnerable adults: about 8 % of all persons, 9.5 % of those alone. */
  if (rng_chance (&gen->rng, 95))
    {
      static const guint weights[] = { 35, 25, 25, 15 };

      switch (rng_weighted (&gen->rng, weights, G_N_ELEMENTS (weights)))
        {
        case 0:
          age = rng_range (&gen->rng, RET_ELDERLY_AGE, 80);
          break;
        case 1:
          sex = RET_SEX_FEMALE;
          age = rng_range (&gen->rng, 18, 40);
          flags |= RET_PERSON_FLAG_PREGNANT;
          break;
        case 2:
          flags |= RET_PERSON_FLAG_ILL;
          break;
        default:
          flags |= RET_PERSON_FLAG_DISABLED;
          break;
        }
    }

  /* Records: about 10 % of all persons, 11 % of those alone. */
  if (rng_chance (&gen->rng, 110))
    flags |= RET_PERSON_FLAG_CRIMINAL_RECORD;

  add_person (gen, &group, sex, age, flags);
  g_free (group.family_group);
}

/* One child alone, or two siblings travelling together. */
static guint
add_unaccompanied (Gen      *gen,
                   gboolean  siblings)
{
  Group group;
  guint n = siblings ? 2 : 1;

  group_init (gen, &group, siblings);
  /* Children do not consent to a flight for themselves. */
  group.consent = FALSE;
  for (guint i = 0; i < n; i++)
    add_person (gen, &group, rng_chance (&gen->rng, 700) ? RET_SEX_MALE : RET_SEX_FEMALE,
                rng_range (&gen->rng, 14, 17), RET_PERSON_FLAG_UNACCOMPANIED_MINOR);
  g_free (group.family_group);

  return n;
}

static guint
add_family (Gen   *gen,
            guint  size)
{
  Group group;
  guint n_parents = size == 2 ? 1 : (rng_chance (&gen->rng, 750) ? 2 : 1);
  gboolean record = rng_chance (&gen->rng, 80);
  int oldest = 0;
  int ages[6];

  group_init (gen, &group, TRUE);

  for (guint i = n_parents; i < size; i++)
    {
      ages[i] = rng_range (&gen->rng, 0, 17);
      oldest = MAX (oldest, ages[i]);
    }

  for (guint i = 0; i < n_parents; i++)
    {
      RetSex sex = n_parents == 2 ? (i == 0 ? RET_SEX_MALE : RET_SEX_FEMALE)
                                  : (rng_chance (&gen->rng, 700) ? RET_SEX_FEMALE : RET_SEX_MALE);
      int age = CLAMP (oldest + 18 + rng_range (&gen->rng, 0, 12), 18, 59);
      RetPersonFlags flags = RET_PERSON_FLAG_NONE;

      /* The record is a parent's, never a child's. */
      if (record && i == 0)
        flags |= RET_PERSON_FLAG_CRIMINAL_RECORD;
      add_person (gen, &group, sex, age, flags);
    }

  for (guint i = n_parents; i < size; i++)
    add_person (gen, &group, rng_chance (&gen->rng, 500) ? RET_SEX_MALE : RET_SEX_FEMALE,
                ages[i], RET_PERSON_FLAG_NONE);

  g_free (group.family_group);
  return size;
}

/* A woman whose family group has a child under 2 is vulnerable; the
 * store works it out when it reads persons, so must we. */
static void
mark_infants (Gen *gen)
{
  g_autoptr(GHashTable) with_infant = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *persons = gen->data->persons;

  for (guint i = 0; i < persons->len; i++)
    {
      RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (persons, i))->person;

      if (p->family_group != NULL && ret_person_get_age (p, &gen->from) < RET_INFANT_AGE)
        g_hash_table_add (with_infant, p->family_group);
    }

  for (guint i = 0; i < persons->len; i++)
    {
      RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (persons, i))->person;

      p->travelling_with_infant = p->family_group != NULL && p->sex == RET_SEX_FEMALE &&
                                  !ret_person_is_minor (p, &gen->from) &&
                                  g_hash_table_contains (with_infant, p->family_group);
    }
}

static void
generate_roster (Gen   *gen,
                 guint  n_persons)
{
  static const guint size_weights[] = { 35, 30, 20, 10, 5 };
  guint family_quota = (guint) (n_persons * 0.12 + 0.5);
  guint minors_quota = (guint) (n_persons * 0.04 + 0.5);
  guint in_families = 0;
  guint minors = 0;

  /* Families first, then children alone, then adults alone: the order
   * only decides A-numbers, which the planner must not care about. */
  while (in_families + 2 <= family_quota)
    {
      guint size = 2 + rng_weighted (&gen->rng, size_weights, G_N_ELEMENTS (size_weights));

      size = MIN (size, family_quota - in_families);
      in_families += add_family (gen, size);
    }

  while (minors < minors_quota)
    minors += add_unaccompanied (gen, minors + 2 <= minors_quota && rng_chance (&gen->rng, 150));

  while (gen->data->persons->len < n_persons)
    add_single_adult (gen);

  mark_infants (gen);
}

/* ------------------------------------------------------------------ */
/* Fleet and capacities                                               */

static gboolean
person_vulnerable (const RetPerson *p,
                   const GDate     *from)
{
  return ret_person_is_vulnerable (p, from);
}

typedef struct
{
  const char *code;
  double      minors;     /* persons a day */
  double      anchors;    /* criminal families and vulnerable adults with a record, a day */
  double      others;     /* persons a day */
} FacilityLoad;

static RetVehicle *
vehicle_new (const char     *facility,
             RetVehicleKind  kind,
             const char     *label,
             int             seats,
             gboolean        minors_only)
{
  RetVehicle *v = ret_vehicle_new ();

  v->facility = g_strdup (facility);
  v->kind = kind;
  v->label = g_strdup (label);
  v->seats = seats;
  v->minors_only = minors_only;
  v->weekdays = RET_WEEKDAYS_ALL;
  v->point = NULL;
  v->depart_minute = RET_MINUTE_NONE;
  v->sample = FALSE;

  return v;
}

static void
add_flight (GPtrArray  *vehicles,
            const char *facility,
            const char *label,
            const char *airport,
            int         depart_minute,
            guint       weekdays)
{
  RetVehicle *v = vehicle_new (facility, RET_VEHICLE_FLIGHT, label, RET_INSTANCE_FLIGHT_SEATS, FALSE);

  g_free (v->point);
  v->point = g_strdup (airport);
  v->depart_minute = depart_minute;
  v->weekdays = weekdays;
  g_ptr_array_add (vehicles, v);
}

#define MON (1 << 0)
#define TUE (1 << 1)
#define WED (1 << 2)
#define THU (1 << 3)
#define FRI (1 << 4)
#define SAT (1 << 5)
#define SUN (1 << 6)

static guint
count_at_least_one (double   demand,
                    double   factor,
                    int      seats)
{
  double n = ceil (demand * factor / seats - 1e-9);

  if (demand <= 0)
    return 0;
  return MAX (1, (guint) n);
}

static gboolean
is_airport (RetCheckData *data,
            const char   *code)
{
  for (guint i = 0; i < data->points->len; i++)
    {
      const RetPoint *p = g_ptr_array_index (data->points, i);

      if (g_strcmp0 (p->code, code) == 0)
        return p->airport;
    }
  return FALSE;
}

static const RetFacility *
find_facility (RetCheckData *data,
               const char   *code)
{
  for (guint i = 0; i < data->facilities->len; i++)
    {
      const RetFacility *f = g_ptr_array_index (data->facilities, i);

      if (g_strcmp0 (f->code, code) == 0)
        return f;
    }
  return NULL;
}

static void
build_fleet (Gen              *gen,
             RetScheduleInput *input,
             RetInstanceFleet  fleet,
             gboolean          flights)
{
  double factor = fleet == RET_INSTANCE_FLEET_SLACK ? 1.5 : 0.9;
  g_autofree FacilityLoad *loads = g_new0 (FacilityLoad, gen->n_facilities);
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) unfit_families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) point_load = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *persons = gen->data->persons;

  for (guint i = 0; i < gen->n_facilities; i++)
    loads[i].code = gen->facilities[i];

  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (persons, i))->person;

      if (p->family_group != NULL && (!p->medical_fit || !p->nationality_verified))
        g_hash_table_add (unfit_families, p->family_group);
    }

  /* What each facility must move a day, by the kind of vehicle it needs. */
  for (guint i = 0; i < persons->len; i++)
    {
      const RetPerson *p = ((RetCheckPerson *) g_ptr_array_index (persons, i))->person;
      FacilityLoad *load = NULL;

      for (guint f = 0; f < gen->n_facilities; f++)
        if (g_str_equal (loads[f].code, p->facility))
          load = &loads[f];
      g_assert (load != NULL);

      if (!p->medical_fit || !p->nationality_verified ||
          (p->family_group != NULL && g_hash_table_contains (unfit_families, p->family_group)))
        continue;

      if (p->flags & RET_PERSON_FLAG_UNACCOMPANIED_MINOR)
        load->minors += 1.0 / gen->days;
      else if (p->family_group != NULL && (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD))
        {
          load->anchors += 1.0 / gen->days;
          g_hash_table_add (families, p->family_group);
        }
      else if (p->family_group == NULL && (p->flags & RET_PERSON_FLAG_CRIMINAL_RECORD) &&
               person_vulnerable (p, &gen->from))
        load->anchors += 1.0 / gen->days;
      else if (p->family_group == NULL || !g_hash_table_contains (families, p->family_group))
        load->others += 1.0 / gen->days;
    }

  for (guint f = 0; f < gen->n_facilities; f++)
    {
      const FacilityLoad *load = &loads[f];
      const RetFacility *facility = find_facility (gen->data, load->code);
      guint n_buses = count_at_least_one (load->others, factor, RET_INSTANCE_BUS_SEATS);
      guint n_vans = load->anchors > 0 ? MAX (1, (guint) ceil (load->anchors * factor - 1e-9)) : 0;
      guint n_minors = count_at_least_one (load->minors, factor, RET_INSTANCE_MINORS_VAN_SEATS);
      double total = load->others + load->minors + load->anchors * 4;
      guint n_points = 0;

      /* A slack fleet has a bus to spare even where few travel, since
       * criminal records and families cannot share one. */
      if (fleet == RET_INSTANCE_FLEET_SLACK && load->others > 0)
        n_buses += 1;

      for (guint i = 0; i < n_buses; i++)
        {
          g_autofree char *label = g_strdup_printf ("Bus %u", i + 1);
          g_ptr_array_add (input->vehicles, vehicle_new (load->code, RET_VEHICLE_BUS, label,
                                                         RET_INSTANCE_BUS_SEATS, FALSE));
        }
      for (guint i = 0; i < n_vans; i++)
        {
          g_autofree char *label = g_strdup_printf ("Van %u", i + 1);
          g_ptr_array_add (input->vehicles, vehicle_new (load->code, RET_VEHICLE_VAN, label,
                                                         RET_INSTANCE_VAN_SEATS, FALSE));
        }
      for (guint i = 0; i < n_minors; i++)
        {
          g_autofree char *label = g_strdup_printf ("Minors van %u", i + 1);
          g_ptr_array_add (input->vehicles, vehicle_new (load->code, RET_VEHICLE_VAN, label,
                                                         RET_INSTANCE_MINORS_VAN_SEATS, TRUE));
        }

      if (flights && g_str_equal (load->code, "TCA"))
        {
          add_flight (input->vehicles, "TCA", "Flight TUS–MEX", "MEX", 9 * 60, RET_WEEKDAYS_ALL);
          add_flight (input->vehicles, "TCA", "Flight TUS–GDL", "GDL", 10 * 60, TUE | THU | SAT);
        }
      else if (flights && g_str_equal (load->code, "EPT"))
        {
          add_flight (input->vehicles, "EPT", "Flight ELP–MEX", "MEX", 9 * 60 + 30, RET_WEEKDAYS_ALL);
          add_flight (input->vehicles, "EPT", "Flight ELP–GDL", "GDL", 8 * 60 + 30, MON | WED | FRI | SUN);
        }

      /* The facility's share of each border point it may use. */
      if (facility == NULL)
        continue;
      for (guint a = 0; a < gen->data->arrangements->len; a++)
        {
          const RetCheckArrangement *arr = g_ptr_array_index (gen->data->arrangements, a);

          if (arr->sectors != NULL && g_strv_contains ((const char * const *) arr->sectors, facility->sector))
            for (guint k = 0; arr->points != NULL && arr->points[k] != NULL; k++)
              n_points += !is_airport (gen->data, arr->points[k]);
        }
      for (guint a = 0; a < gen->data->arrangements->len; a++)
        {
          const RetCheckArrangement *arr = g_ptr_array_index (gen->data->arrangements, a);

          if (arr->sectors == NULL || !g_strv_contains ((const char * const *) arr->sectors, facility->sector))
            continue;
          for (guint k = 0; arr->points != NULL && arr->points[k] != NULL; k++)
            {
              double *sum;

              if (is_airport (gen->data, arr->points[k]))
                continue;
              sum = g_hash_table_lookup (point_load, arr->points[k]);

              if (sum == NULL)
                {
                  sum = g_new0 (double, 1);
                  g_hash_table_insert (point_load, arr->points[k], sum);
                }
              *sum += total / n_points;
            }
        }
    }

  /* Capacities: the reference values where they are enough; a slack
   * instance never lets them bind, a tight one cuts every other point
   * that has traffic below its share. */
  for (guint i = 0; i < gen->data->points->len; i++)
    {
      RetPoint *point = g_ptr_array_index (gen->data->points, i);
      double *load = g_hash_table_lookup (point_load, point->code);

      if (load == NULL || point->airport)
        continue;
      if (fleet == RET_INSTANCE_FLEET_TIGHT && i % 2 == 0)
        point->daily_capacity = MAX (1, (int) floor (*load * 0.7));
      else
        point->daily_capacity = MAX (point->daily_capacity, (int) ceil (*load * 1.6));
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, point_load);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_free (value);
  }
}

/* ------------------------------------------------------------------ */
/* The instance                                                       */

static RetScheduleInput *
generate (RetStore          *store,
          guint              n_persons,
          guint              days,
          guint32            seed,
          RetInstanceFleet   fleet,
          gboolean           flights,
          const char * const *facilities,
          const guint       *weights,
          guint              n_facilities,
          const GDate       *from,
          GError           **error)
{
  g_autoptr(RetScheduleInput) input = NULL;
  RetCheckData *data;
  g_autoptr(GDateTime) midnight = NULL;
  Gen gen = { 0, };

  g_return_val_if_fail (RET_IS_STORE (store), NULL);
  g_return_val_if_fail (days >= 1, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  data = ret_store_load_check_data (store, from, days, 0, error);
  if (data == NULL)
    return NULL;
  if (data->transfers->len > 0 || data->persons->len > 0)
    {
      ret_check_data_free (data);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "The store for an instance must hold no transfers");
      return NULL;
    }

  input = ret_schedule_input_new ();
  ret_check_data_free (input->data);
  input->data = data;

  /* Planned the evening before the first day, UTC: every facility's
   * afternoon, so that the first day is whole. */
  midnight = g_date_time_new_utc (g_date_get_year (from), g_date_get_month (from),
                                  g_date_get_day (from), 0, 0, 0);
  input->not_before = g_date_time_to_unix (midnight) - 4 * 3600;
  input->road_speed_kmh = RET_DEFAULT_ROAD_SPEED_KMH;
  data->now = input->not_before;

  gen.rng.state = ((guint64) seed << 32) ^ G_GUINT64_CONSTANT (0x5265746f726e6f21) ^ n_persons;
  gen.data = data;
  gen.origins = origins_get ();
  gen.from = *from;
  gen.days = days;
  gen.now = input->not_before;
  gen.facilities = facilities;
  gen.facility_weights = weights;
  gen.n_facilities = n_facilities;

  generate_roster (&gen, n_persons);
  for (guint i = 0; i < data->persons->len; i++)
    g_array_append_val (input->candidates, i);

  build_fleet (&gen, input, fleet, flights);
  for (guint i = 0; i < input->vehicles->len; i++)
    ((RetVehicle *) g_ptr_array_index (input->vehicles, i))->id = i + 1;

  ret_check_data_invalidate (data);

  return g_steal_pointer (&input);
}

RetScheduleInput *
ret_instance_generate (RetStore          *store,
                       guint              persons,
                       guint              days,
                       guint32            seed,
                       RetInstanceFleet   fleet,
                       gboolean           flights,
                       const GDate       *from,
                       GError           **error)
{
  return generate (store, persons, days, seed, fleet, flights, all_facilities,
                   all_facility_weights, G_N_ELEMENTS (all_facilities), from, error);
}

RetScheduleInput *
ret_instance_generate_small (RetStore          *store,
                             guint              persons,
                             guint              days,
                             guint32            seed,
                             RetInstanceFleet   fleet,
                             gboolean           flights,
                             guint              n_facilities,
                             const GDate       *from,
                             GError           **error)
{
  const char *chosen[G_N_ELEMENTS (small_facilities)];
  guint weights[G_N_ELEMENTS (small_facilities)];
  guint start = seed % G_N_ELEMENTS (small_facilities);

  g_return_val_if_fail (n_facilities >= 1 && n_facilities <= G_N_ELEMENTS (small_facilities), NULL);

  for (guint i = 0; i < n_facilities; i++)
    {
      chosen[i] = small_facilities[(start + i) % G_N_ELEMENTS (small_facilities)];
      weights[i] = 0;
      for (guint k = 0; k < G_N_ELEMENTS (all_facilities); k++)
        if (g_str_equal (all_facilities[k], chosen[i]))
          weights[i] = all_facility_weights[k];
    }

  return generate (store, persons, days, seed, fleet, flights, chosen, weights,
                   n_facilities, from, error);
}
