/* ret-test-util.h — helpers shared by the tests and the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Displayless: the core only.  What needs GTK is in
 * ret-test-gui-util.h.
 */

#pragma once

#include <gio/gio.h>

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

G_END_DECLS
