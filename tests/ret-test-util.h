/* ret-test-util.h — helpers shared by the tests and the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Displayless: the core only.  What needs GTK is in
 * ret-test-gui-util.h.
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ret-store.h"

G_BEGIN_DECLS

/* The work done in a private home, @home; returns the exit status. */
typedef int (*RetTestHomeFunc) (const char *home);

char     *ret_test_private_home_new    (const char      *tmpl,
                                        GError         **error);
void      ret_test_private_home_remove (const char      *home);
int       ret_test_run_in_private_home (const char      *program,
                                        RetTestHomeFunc  func);

double    ret_test_median              (const double    *values,
                                        guint            n);
double    ret_test_percentile          (double          *values,
                                        guint            n,
                                        double           p);

gboolean  ret_test_iterate_until       (const gboolean  *flag,
                                        guint            timeout_ms);
void      ret_test_settle              (guint            ms);

gboolean  ret_test_fill_demo_store     (RetStore        *store,
                                        guint            n_persons,
                                        guint64          seed,
                                        GError         **error);
RetStore *ret_test_demo_store_new      (const char      *path,
                                        guint            n_persons,
                                        guint64          seed,
                                        GError         **error);

/* Inline, so that the displayless tests, which link the core only, have
 * them too. */

/* @name (a file, or a path below the folder) in the test's own data
 * folder */
static inline char *
ret_test_data_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "retorno-test", name, NULL);
}

/* A new database @name in the test's data folder, holding the
 * reference data (facilities, points, places) and nothing else; what a
 * test left there before is removed first. */
static inline RetStore *
ret_test_store_new (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ret_test_data_path (name);
  g_autoptr(RetStore) store = NULL;

  g_remove (path);
  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  ret_store_load_reference_data (store, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* A man of Mexican nationality, verified, aged @age today (born the day
 * after his birthday), apprehended an hour ago, held at @facility, from
 * the place @origin_code; his A-number stands for his given names. */
static inline RetPerson *
ret_test_person_new (const char *a_number,
                     int         age,
                     const char *family_group,
                     const char *facility,
                     const char *origin_code)
{
  RetPerson *p = ret_person_new ();
  GDate today;

  ret_date_today (&today);
  p->a_number = g_strdup (a_number);
  p->family_name = g_strdup ("Hernández");
  p->given_names = g_strdup (a_number);
  p->sex = RET_SEX_MALE;
  p->birth_date = today;
  g_date_subtract_years (&p->birth_date, age);
  g_date_subtract_days (&p->birth_date, 1);
  p->nationality = g_strdup ("MEX");
  p->nationality_verified = TRUE;
  p->facility = g_strdup (facility);
  p->apprehended_at = g_get_real_time () / G_USEC_PER_SEC - 3600;
  p->origin_code = g_strdup (origin_code);
  p->family_group = g_strdup (family_group);
  p->notes = g_strdup ("");

  return p;
}

G_END_DECLS
