/* test-gazetteer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "ret-core.h"
#include "ret-gazetteer.h"

static RetGazetteer *
gazetteer (void)
{
  RetGazetteer *self = ret_gazetteer_get_default ();

  g_assert_nonnull (self);
  return self;
}

static const RetPlace *
state (const char *name_or_code)
{
  g_autoptr(GError) error = NULL;
  const RetPlace *place;

  place = ret_gazetteer_lookup_state (gazetteer (), name_or_code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (place);
  return place;
}

static RetGazetteer *
parse (const char  *text,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return ret_gazetteer_new_from_bytes (bytes, error);
}

/* ---------------------------------------------------------------------- */

static gpointer
load_in_thread (gpointer data)
{
  RetGazetteer *self = ret_gazetteer_get_default ();
  const RetPlace *place;

  place = ret_gazetteer_resolve (self, "Sonora", "Ciudad Obregón", NULL, NULL);
  g_assert_nonnull (place);
  g_assert_cmpstr (place->code, ==, "26018");

  return self;
}

/* Runs first, so that the threads race to load the data. */
static void
test_default_threads (void)
{
  GThread *threads[4];
  gpointer first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("gazetteer", load_in_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      gpointer self = g_thread_join (threads[i]);

      g_assert_nonnull (self);
      if (first == NULL)
        first = self;
      g_assert_true (self == first);
    }

  g_assert_true (first == ret_gazetteer_get_default ());
}

static void
test_default_counts (void)
{
  RetGazetteer *self = gazetteer ();
  guint n_states = 0;
  guint n_municipalities = 0;
  guint n_approximate = 0;
  guint n = ret_gazetteer_get_n_places (self);

  for (guint i = 0; i < n; i++)
    {
      const RetPlace *place = ret_gazetteer_get_nth (self, i);

      g_assert_nonnull (place);
      if (place->kind == RET_PLACE_STATE)
        n_states++;
      else
        n_municipalities++;
      if (place->approximate)
        n_approximate++;
    }

  g_assert_null (ret_gazetteer_get_nth (self, n));
  g_assert_cmpuint (n_states, ==, 32);
  g_assert_cmpuint (n_municipalities, >=, 2460);
  g_assert_cmpuint (n_municipalities, <=, 2480);
  /* Estimated coordinates are the exception, not the rule. */
  g_assert_cmpuint (n_approximate, <, n_municipalities / 10);
  g_test_message ("%u states, %u municipalities, %u approximate",
                  n_states, n_municipalities, n_approximate);
}

static void
test_default_codes (void)
{
  RetGazetteer *self = gazetteer ();
  guint n = ret_gazetteer_get_n_places (self);
  const RetPlace *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      const RetPlace *place = ret_gazetteer_get_nth (self, i);
      const RetPlace *own_state = ret_gazetteer_get (self, place->state_code);

      g_assert_true (ret_gazetteer_get (self, place->code) == place);
      g_assert_nonnull (own_state);
      g_assert_cmpint (own_state->kind, ==, RET_PLACE_STATE);
      g_assert_cmpstr (place->name, !=, "");

      if (place->kind == RET_PLACE_STATE)
        {
          g_assert_cmpuint (strlen (place->code), ==, 2);
          g_assert_cmpstr (place->state_code, ==, place->code);
        }
      else
        {
          g_assert_cmpuint (strlen (place->code), ==, 5);
          g_assert_true (g_str_has_prefix (place->code, place->state_code));
        }

      /* Mexico's bounding box. */
      g_assert_cmpfloat (place->latitude, >, 14.0);
      g_assert_cmpfloat (place->latitude, <, 33.0);
      g_assert_cmpfloat (place->longitude, >, -118.5);
      g_assert_cmpfloat (place->longitude, <, -86.5);

      /* States by code, then municipalities by code. */
      if (previous != NULL)
        {
          if (previous->kind == place->kind)
            g_assert_cmpstr (previous->code, <, place->code);
          else
            g_assert_cmpint (previous->kind, ==, RET_PLACE_STATE);
        }
      previous = place;
    }
}

static void
test_default_inegi_states (void)
{
  /* GeoNames numbers some of these differently; these are INEGI's. */
  static const struct
  {
    const char *code;
    const char *name;
  } cases[] = {
    { "05", "Coahuila de Zaragoza" },
    { "06", "Colima" },
    { "07", "Chiapas" },
    { "08", "Chihuahua" },
    { "09", "Ciudad de México" },
    { "15", "México" },
    { "16", "Michoacán de Ocampo" },
    { "22", "Querétaro" },
    { "30", "Veracruz de Ignacio de la Llave" },
    { "31", "Yucatán" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RetPlace *place = ret_gazetteer_get (gazetteer (), cases[i].code);

      g_assert_nonnull (place);
      g_assert_cmpint (place->kind, ==, RET_PLACE_STATE);
      g_assert_cmpstr (place->name, ==, cases[i].name);
    }
}

static void
test_lookup_state (void)
{
  static const struct
  {
    const char *input;
    const char *code;
  } cases[] = {
    { "michoacan", "16" },
    { "Michoacán de Ocampo", "16" },
    { "MICH", "16" },
    { "16", "16" },
    { "Estado de Mexico", "15" },
    { "Edomex", "15" },
    { "México", "15" },
    { "CDMX", "09" },
    { "Distrito Federal", "09" },
    { "D.F.", "09" },
    { "9", "09" },
    { "7", "07" },
    { "07", "07" },
    { "Chiapas", "07" },
    { "Chihuahua", "08" },
    { "Coahuila", "05" },
    { "Colima", "06" },
    { "GTO", "11" },
    { "JAL", "14" },
    { "Veracruz", "30" },
    { "Queretaro", "22" },
    { "Nuevo Leon", "19" },
    { "  yucatan ", "31" },
    { "San Luis Potosi", "24" },
    { "BC", "02" },
    { "BCS", "03" },
    { "Q. Roo", "23" },
    { "quintana roo", "23" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RetPlace *place = state (cases[i].input);

      g_assert_cmpstr (place->code, ==, cases[i].code);
    }

  g_assert_cmpstr (state ("michoacan")->name, ==, "Michoacán de Ocampo");
  g_assert_cmpstr (state ("Estado de Mexico")->name, ==, "México");
}

static void
test_lookup_state_unknown (void)
{
  static const char * const cases[] = {
    "Michoacanx", "33", "00", "0", "016", "Texas", "", "   ", "16053",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const RetPlace *place;

      place = ret_gazetteer_lookup_state (gazetteer (), cases[i], &error);
      g_assert_null (place);
      g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_STATE);
    }

  {
    g_autoptr(GError) error = NULL;

    ret_gazetteer_lookup_state (gazetteer (), "Michoacanx", &error);
    g_assert_nonnull (strstr (error->message, "“Michoacanx”"));
  }

  g_assert_null (ret_gazetteer_lookup_state (gazetteer (), NULL, NULL));
}

static void
test_lookup_municipality (void)
{
  static const struct
  {
    const char *state;
    const char *input;
    const char *code;
    const char *name;
    const char *locality;
  } cases[] = {
    { "Guanajuato", "Leon", "11020", "León", NULL },
    { "11", "LEÓN", "11020", "León", NULL },
    { "11", "020", "11020", "León", NULL },
    { "11", "20", "11020", "León", NULL },
    { "11", "11020", "11020", "León", NULL },
    { "Sonora", "Cajeme", "26018", "Cajeme", NULL },
    { "Sonora", "Ciudad Obregon", "26018", "Cajeme", "Ciudad Obregón" },
    { "Sonora", "ciudad obregón", "26018", "Cajeme", "Ciudad Obregón" },
    { "Chiapas", "San Cristobal de las Casas", "07078", "San Cristóbal de las Casas", NULL },
    { "Chiapas", "San Cristóbal", "07078", "San Cristóbal de las Casas", NULL },
    { "Chiapas", "Tuxtla Gutiérrez", "07101", "Tuxtla Gutiérrez", NULL },
    { "Michoacán", "Morelia", "16053", "Morelia", NULL },
    { "Michoacán", "53", "16053", "Morelia", NULL },
    { "Jalisco", "Guadalajara", "14039", "Guadalajara", NULL },
    { "Puebla", "Puebla", "21114", "Puebla", NULL },
    { "CDMX", "Iztapalapa", "09007", "Iztapalapa", NULL },
    { "CDMX", "Cuauhtemoc", "09015", "Cuauhtémoc", NULL },
    { "CDMX", "Gustavo A. Madero", "09005", "Gustavo A. Madero", NULL },
    { "Baja California", "Tijuana", "02004", "Tijuana", NULL },
    { "Chihuahua", "Juárez", "08037", "Juárez", NULL },
    { "Chihuahua", "Ciudad Juarez", "08037", "Juárez", "Ciudad Juárez" },
    { "Coahuila", "Piedras Negras", "05025", "Piedras Negras", NULL },
    { "Tamaulipas", "Nuevo Laredo", "28027", "Nuevo Laredo", NULL },
    { "Tlaxcala", "Tlaxcala", "29033", "Tlaxcala", NULL },
    { "Oaxaca", "Juchitan", "20043", "Heroica Ciudad de Juchitán de Zaragoza", NULL },
    { "Sinaloa", "Eldorado", "25019", "Eldorado", NULL },
    { "Estado de México", "Ciudad Nezahualcóyotl", "15058", "Nezahualcóyotl", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *locality = "unset";
      const RetPlace *place;

      place = ret_gazetteer_lookup_municipality (gazetteer (), state (cases[i].state),
                                                 cases[i].input, &locality, &error);
      g_assert_no_error (error);
      g_assert_nonnull (place);
      g_assert_cmpint (place->kind, ==, RET_PLACE_MUNICIPALITY);
      g_assert_cmpstr (place->code, ==, cases[i].code);
      g_assert_cmpstr (place->name, ==, cases[i].name);
      g_assert_cmpstr (locality, ==, cases[i].locality);
    }

  /* The locality is optional. */
  g_assert_nonnull (ret_gazetteer_lookup_municipality (gazetteer (), state ("Sonora"),
                                                       "Ciudad Obregón", NULL, NULL));
}

static void
test_lookup_municipality_unknown (void)
{
  static const struct
  {
    const char *state;
    const char *input;
    const char *in_message;
  } cases[] = {
    { "Sonora", "Atlantis", "“Atlantis”" },
    { "Sonora", "999", "999" },
    { "Sonora", "0", "0" },
    { "Sonora", "16053", "16053" },
    { "Sonora", "260180", "260180" },
    { "Sonora", "", "Sonora" },
    { "Michoacán", "Cajeme", "“Cajeme”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *locality = "unset";
      const RetPlace *place;

      place = ret_gazetteer_lookup_municipality (gazetteer (), state (cases[i].state),
                                                 cases[i].input, &locality, &error);
      g_assert_null (place);
      g_assert_null (locality);
      g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

static void
test_lookup_municipality_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  const RetPlace *place;

  /* INEGI has two of them, told apart only by their districts. */
  place = ret_gazetteer_lookup_municipality (gazetteer (), state ("Oaxaca"),
                                             "San Juan Mixtepec", NULL, &error);
  g_assert_null (place);
  g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "“San Juan Mixtepec”"));
  g_assert_nonnull (strstr (error->message, "(20208)"));
  g_assert_nonnull (strstr (error->message, "(20209)"));
  g_assert_nonnull (strstr (error->message, "Oaxaca"));
  g_assert_nonnull (strstr (error->message, "INEGI code"));
}

/* Every municipality is found by its own name, however it is written:
 * the names are folded one way when loaded and may be folded another
 * way when looked up (decomposed accents, capitals). */
static void
test_lookup_every_name (void)
{
  RetGazetteer *self = gazetteer ();
  guint n = ret_gazetteer_get_n_places (self);
  guint n_ambiguous = 0;

  for (guint i = 0; i < n; i++)
    {
      const RetPlace *place = ret_gazetteer_get_nth (self, i);
      const RetPlace *own_state = ret_gazetteer_get (self, place->state_code);
      g_autofree char *decomposed = g_utf8_normalize (place->name, -1, G_NORMALIZE_NFD);
      g_autofree char *upper = g_utf8_strup (place->name, -1);
      const char *forms[] = { place->name, decomposed, upper };

      if (place->kind == RET_PLACE_STATE)
        {
          for (guint j = 0; j < G_N_ELEMENTS (forms); j++)
            g_assert_true (ret_gazetteer_lookup_state (self, forms[j], NULL) == place);
          continue;
        }

      for (guint j = 0; j < G_N_ELEMENTS (forms); j++)
        {
          g_autoptr(GError) error = NULL;
          const char *locality = "unset";
          const RetPlace *found;

          found = ret_gazetteer_lookup_municipality (self, own_state, forms[j],
                                                     &locality, &error);
          if (found == NULL)
            {
              /* Only two municipalities with the same name may fail. */
              g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS);
              g_assert_nonnull (strstr (error->message, place->code));
              n_ambiguous++;
              continue;
            }

          g_assert_true (found == place);
          g_assert_null (locality);
        }
    }

  g_test_message ("%u lookups ambiguous", n_ambiguous);
  g_assert_cmpuint (n_ambiguous, <, 10);
}

/* A small gazetteer to pin down the rules of precedence. */
static const char precedence_tsv[] =
  "# test data\n"
  "S\t01\tPrimero\t20.0\t-100.0\t0\tUno|P1\n"
  "S\t02\tSegundo\t21.0\t-101.0\t0\t\n"
  "M\t01001\tAlfa\t20.1\t-100.1\t0\tAlfita\n"
  "M\t01002\tBeta\t20.2\t-100.2\t0\t\n"
  "M\t01003\tGama\t20.3\t-100.3\t1\tBetilla\n"
  "M\t01004\tDelta\t20.4\t-100.4\t0\t\n"
  "M\t01005\tÉpsilon\t20.5\t-100.5\t0\t\n"
  "M\t01006\tDzeta\t20.6\t-100.6\t0\t\n"
  "M\t01007\tEta\t20.7\t-100.7\t0\t\n"
  "M\t02001\tAlfa\t21.1\t-101.1\t0\t\n"
  "L\t01002\tAlfa\t20.21\t-100.21\t0\t\n"
  "L\t01002\tBetilla\t20.22\t-100.22\t0\t\n"
  "L\t01002\tRío Frío\t20.23\t-100.23\t0\tEl Frío\n"
  "L\t01003\tRío Frío\t20.31\t-100.31\t0\t\n"
  "L\t01002\tSanto\t20.24\t-100.24\t0\t\n"
  "L\t01003\tSanto\t20.32\t-100.32\t0\t\n"
  "L\t01004\tSanto\t20.41\t-100.41\t0\t\n"
  "L\t01005\tSanto\t20.51\t-100.51\t0\t\n"
  "L\t01006\tSanto\t20.61\t-100.61\t0\t\n"
  "L\t01007\tSanto\t20.71\t-100.71\t0\t\n"
  "L\t01004\tSolo\t20.42\t-100.42\t0\tSolito\n"
  "L\t01004\tsolo\t20.43\t-100.43\t0\t\n";

static void
test_precedence (void)
{
  static const struct
  {
    const char *state;
    const char *input;
    const char *code;          /* NULL: ambiguous */
    const char *locality;
  } cases[] = {
    /* Its own name beats a locality of another municipality. */
    { "01", "Alfa", "01001", NULL },
    { "01", "ALFA", "01001", NULL },
    /* Another state's municipality of the same name is not looked at. */
    { "02", "alfa", "02001", NULL },
    /* An alias beats a locality. */
    { "01", "Betilla", "01003", NULL },
    { "01", "Alfita", "01001", NULL },
    /* Localities, by name or by their own other name. */
    { "01", "Solo", "01004", "Solo" },
    { "01", "Solito", "01004", "Solo" },
    { "01", "El Frio", "01002", "Río Frío" },
    /* The same locality name in two municipalities. */
    { "01", "Rio Frio", NULL, NULL },
    { "01", "Santo", NULL, NULL },
    { "Uno", "003", "01003", NULL },
    { "P1", "01005", "01005", NULL },
    { "primero", "epsilon", "01005", NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RetGazetteer) self = parse (precedence_tsv, &error);

  g_assert_no_error (error);
  g_assert_nonnull (self);
  g_assert_cmpuint (ret_gazetteer_get_n_places (self), ==, 10);
  g_assert_true (ret_gazetteer_get (self, "01003")->approximate);
  g_assert_false (ret_gazetteer_get (self, "01002")->approximate);
  g_assert_cmpfloat_with_epsilon (ret_gazetteer_get (self, "01002")->latitude, 20.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (ret_gazetteer_get (self, "01002")->longitude, -100.2, 1e-9);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) lookup_error = NULL;
      const char *locality = "unset";
      const RetPlace *place;

      place = ret_gazetteer_resolve (self, cases[i].state, cases[i].input,
                                     &locality, &lookup_error);
      if (cases[i].code == NULL)
        {
          g_assert_null (place);
          g_assert_error (lookup_error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS);
          continue;
        }

      g_assert_no_error (lookup_error);
      g_assert_nonnull (place);
      g_assert_cmpstr (place->code, ==, cases[i].code);
      g_assert_cmpstr (locality, ==, cases[i].locality);
    }
}

static void
test_ambiguous_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RetGazetteer) self = parse (precedence_tsv, &error);
  const RetPlace *place;

  g_assert_no_error (error);

  place = ret_gazetteer_resolve (self, "Primero", "Rio Frio", NULL, &error);
  g_assert_null (place);
  g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==,
                   "“Rio Frio” matches 2 municipalities of Primero: Beta (01002), "
                   "Gama (01003); use the INEGI code");
  g_clear_error (&error);

  /* Six candidates: five are shown, by code. */
  place = ret_gazetteer_resolve (self, "Primero", "Santo", NULL, &error);
  g_assert_null (place);
  g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==,
                   "“Santo” matches 6 municipalities of Primero: Beta (01002), "
                   "Gama (01003), Delta (01004), Épsilon (01005), Dzeta (01006), …; "
                   "use the INEGI code");
}

static void
test_resolve (void)
{
  static const struct
  {
    const char *state;
    const char *municipality;
    const char *code;          /* NULL: fails */
    const char *locality;
    int         error_code;
  } cases[] = {
    { NULL, "26018", "26018", NULL, 0 },
    { "", " 26018 ", "26018", NULL, 0 },
    { "Sonora", "Cajeme", "26018", NULL, 0 },
    { "Son.", "Ciudad Obregón", "26018", "Ciudad Obregón", 0 },
    { "26", "018", "26018", NULL, 0 },
    { "Sonora", "", "26", NULL, 0 },
    { "Sonora", NULL, "26", NULL, 0 },
    { "Chiapas", "San Cristobal de las Casas", "07078", NULL, 0 },
    { NULL, "Cajeme", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_STATE },
    { NULL, NULL, NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_STATE },
    { NULL, "99999", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY },
    { NULL, "26", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_STATE },
    { "Michoacanx", "Morelia", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_STATE },
    { "16", "99999", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY },
    { "16", "26018", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY },
    { "Sonora", "Morelia", NULL, NULL, RET_GAZETTEER_ERROR_UNKNOWN_MUNICIPALITY },
    { "Oaxaca", "San Juan Mixtepec", NULL, NULL, RET_GAZETTEER_ERROR_AMBIGUOUS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *locality = "unset";
      const RetPlace *place;

      place = ret_gazetteer_resolve (gazetteer (), cases[i].state, cases[i].municipality,
                                     &locality, &error);
      g_assert_cmpstr (locality, ==, cases[i].locality);
      if (cases[i].code == NULL)
        {
          g_assert_null (place);
          g_assert_error (error, RET_GAZETTEER_ERROR, cases[i].error_code);
          continue;
        }

      g_assert_no_error (error);
      g_assert_nonnull (place);
      g_assert_cmpstr (place->code, ==, cases[i].code);
    }
}

static void
test_label (void)
{
  RetGazetteer *self = gazetteer ();
  g_autofree char *leon = ret_gazetteer_dup_label (self, ret_gazetteer_get (self, "11020"));
  g_autofree char *guanajuato = ret_gazetteer_dup_label (self, ret_gazetteer_get (self, "11"));
  g_autofree char *obregon = ret_gazetteer_dup_label (self, ret_gazetteer_get (self, "26018"));

  g_assert_cmpstr (leon, ==, "León, Guanajuato");
  g_assert_cmpstr (guanajuato, ==, "Guanajuato");
  g_assert_cmpstr (obregon, ==, "Cajeme, Sonora");
}

static void
test_get (void)
{
  RetGazetteer *self = gazetteer ();

  g_assert_cmpstr (ret_gazetteer_get (self, "16053")->name, ==, "Morelia");
  g_assert_cmpstr (ret_gazetteer_get (self, "16053")->state_code, ==, "16");
  g_assert_cmpint (ret_gazetteer_get (self, "16")->kind, ==, RET_PLACE_STATE);
  g_assert_null (ret_gazetteer_get (self, "16999"));
  g_assert_null (ret_gazetteer_get (self, "Morelia"));
  g_assert_null (ret_gazetteer_get (self, NULL));
}

static void
test_data_good (void)
{
  /* Comments, blank lines, CRLF line ends and a last line without one. */
  static const char text[] =
    "# a comment\r\n"
    "\r\n"
    "S\t01\tPrimero\t20.5\t-100\t0\t\r\n"
    "M\t01001\tAlfa\t20\t-100.25\t1\tA|B||\r\n"
    "L\t01001\tAldea\t20\t-100\t0\t";
  g_autoptr(GError) error = NULL;
  g_autoptr(RetGazetteer) self = parse (text, &error);
  const RetPlace *place;
  const char *locality = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (self);
  g_assert_cmpuint (ret_gazetteer_get_n_places (self), ==, 2);

  place = ret_gazetteer_resolve (self, "1", "aldea", &locality, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (place->code, ==, "01001");
  g_assert_cmpstr (place->name, ==, "Alfa");
  g_assert_cmpstr (locality, ==, "Aldea");
  g_assert_true (place->approximate);
  g_assert_cmpfloat_with_epsilon (place->longitude, -100.25, 1e-9);

  g_assert_nonnull (ret_gazetteer_resolve (self, "01", "B", NULL, &error));
  g_assert_no_error (error);
}

static void
test_data_malformed (void)
{
  static const struct
  {
    const char *text;
    const char *in_message;
  } cases[] = {
    { "S\t01\tUno\t20\t-100\t0\n"
      "M\t01001\tAlfa\t20\t-100\t0\n", "line 1:" },
    { "# header\n"
      "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAlfa\t20\t-100\t0\t\textra\n", "line 3:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "X\t01001\tAlfa\t20\t-100\t0\t\n", "line 2:" },
    { "S\t1\tUno\t20\t-100\t0\t\n", "line 1:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t0100A\tAlfa\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\t\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAlfa\tnorth\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "\n"
      "M\t01001\tAlfa\t20\t-200\t0\t\n", "line 3:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAlfa\t20\t-100\tyes\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t02001\tAlfa\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "L\t01001\tAldea\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAlfa\t20\t-100\t0\t\n"
      "M\t01001\tBeta\t20\t-100\t0\t\n", "line 3:" },
    { "S\t01\tUno\t20\t-100\t0\tU\n"
      "S\t02\tDos\t20\t-100\t0\tu\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\t¿?\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAl\xfa\t20\t-100\t0\t\n", "line 2:" },
    { "S\t01\tUno\t20\t-100\t0\t\n"
      "M\t01001\tAlfa\t20\t\t0\t\n", "line 2:" },
    { "# only comments\n", "no places" },
    { "", "no places" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RetGazetteer) self = parse (cases[i].text, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (self);
      g_assert_error (error, RET_GAZETTEER_ERROR, RET_GAZETTEER_ERROR_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

static void
test_load_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ret_core_lookup_data ("gazetteer/mx-places.tsv", &error);
  double best = G_MAXDOUBLE;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 1024 * 1024);

  for (guint i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RetGazetteer) self = ret_gazetteer_new_from_bytes (bytes, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_assert_no_error (error);
      g_assert_nonnull (self);
      best = MIN (best, ms);
    }

  /* Reported, not asserted: the valgrind set-up runs this too. */
  g_test_message ("gazetteer parse: %.1f ms for %" G_GSIZE_FORMAT " bytes",
                  best, g_bytes_get_size (bytes));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/gazetteer/default/threads", test_default_threads);
  g_test_add_func ("/gazetteer/default/counts", test_default_counts);
  g_test_add_func ("/gazetteer/default/codes", test_default_codes);
  g_test_add_func ("/gazetteer/default/inegi-states", test_default_inegi_states);
  g_test_add_func ("/gazetteer/default/get", test_get);
  g_test_add_func ("/gazetteer/default/load-time", test_load_time);
  g_test_add_func ("/gazetteer/lookup-state/found", test_lookup_state);
  g_test_add_func ("/gazetteer/lookup-state/unknown", test_lookup_state_unknown);
  g_test_add_func ("/gazetteer/lookup-municipality/found", test_lookup_municipality);
  g_test_add_func ("/gazetteer/lookup-municipality/unknown", test_lookup_municipality_unknown);
  g_test_add_func ("/gazetteer/lookup-municipality/ambiguous", test_lookup_municipality_ambiguous);
  g_test_add_func ("/gazetteer/lookup-municipality/every-name", test_lookup_every_name);
  g_test_add_func ("/gazetteer/lookup-municipality/precedence", test_precedence);
  g_test_add_func ("/gazetteer/lookup-municipality/ambiguous-message", test_ambiguous_message);
  g_test_add_func ("/gazetteer/resolve/table", test_resolve);
  g_test_add_func ("/gazetteer/label/places", test_label);
  g_test_add_func ("/gazetteer/data/good", test_data_good);
  g_test_add_func ("/gazetteer/data/malformed", test_data_malformed);

  return g_test_run ();
}
