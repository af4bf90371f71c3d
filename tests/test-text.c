/* test-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "ret-text.h"
#include "ret-time.h"

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Michoacán de Ocampo", "michoacan de ocampo" },
    { "  MICHOACAN--de   Ocampo ", "michoacan de ocampo" },
    { "León", "leon" },
    { "Ñuñoa", "nunoa" },
    { "Peña-Nieto", "pena nieto" },
    { "", "" },
    { "\xff\xfe", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = ret_text_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

/* The fast path gives exactly what the Unicode definition gives, for
 * every character of the Latin scripts and for mixed text. */
static void
test_fold_fast_path (void)
{
  static const char *samples[] = {
    "Hernández López, María José", "ÑUÑOA", "Ça va", "Æsir", "São Paulo",
    "Ðiðrik", "Ÿ", "Łódź", "Straße", "a\xcc\x81" "b", "x\xc3", "\xc3\x41", "  ",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (gunichar c = 1; c < 0x250; c++)
    {
      char text[8] = { 'x', 0 };
      g_autofree char *reference = NULL;

      g_unichar_to_utf8 (c, text + 1);
      reference = ret_text_fold_unicode (text);
      g_assert_cmpstr (ret_text_fold_into (out, text), ==, reference);
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *reference = ret_text_fold_unicode (samples[i]);
      g_autofree char *fast = ret_text_fold (samples[i]);

      g_assert_cmpstr (fast, ==, reference);
    }
}

static void
test_csv_safe (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")" },
    { "+1", "'+1" },
    { "-2", "'-2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "Hernández", "Hernández" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = ret_text_csv_safe (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
    }
}

static void
test_dates (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "2024-02-29", TRUE },
    { "2025-02-29", FALSE },
    { "2026-13-01", FALSE },
    { "2026-1-01", FALSE },
    { "01/02/2026", FALSE },
    { "2026-11-29", TRUE },
    { "2026-11-29x", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;
      gboolean ok = ret_date_parse (cases[i].text, &date, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_instants (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;
  gint64 t = 0;

  g_assert_true (ret_instant_parse ("2026-11-28T14:05:00-07:00", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, 1795899900);

  /* Without an offset the zone would be a guess: refused. */
  g_assert_false (ret_instant_parse ("2026-11-28T14:05:00", &t, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_false (ret_instant_parse ("2026-02-30T10:00:00Z", &t, &error));
  g_clear_error (&error);

  /* Shown in the zone of the place, with its offset of that day. */
  formatted = ret_instant_format (1795899900, "America/Phoenix");
  g_assert_cmpstr (formatted, ==, "2026-11-28T14:05:00-07:00");
  g_free (g_steal_pointer (&formatted));
  formatted = ret_instant_format (1795899900, "America/Tijuana");
  g_assert_cmpstr (formatted, ==, "2026-11-28T13:05:00-08:00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/fold-fast-path", test_fold_fast_path);
  g_test_add_func ("/text/csv-safe", test_csv_safe);
  g_test_add_func ("/time/dates", test_dates);
  g_test_add_func ("/time/instants", test_instants);

  return g_test_run ();
}
