/* ret-demo.h — a synthetic roster for demonstration and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ret-store.h"

G_BEGIN_DECLS

#define RET_DEMO_DEFAULT_PERSONS 1200
#define RET_DEMO_DEFAULT_SEED    2004
#define RET_DEMO_PLAN_DAYS       3

GPtrArray   *ret_demo_generate   (guint       n_persons,
                                  guint64     seed,
                                  gint64      now_utc);
gboolean     ret_demo_populate   (RetStore   *store,
                                  guint       n_persons,
                                  guint64     seed,
                                  GError    **error);
gboolean     ret_demo_populate_roster (RetStore   *store,
                                       guint       n_persons,
                                       guint64     seed,
                                       GError    **error);
char        *ret_demo_roster_csv (guint       n_persons,
                                  guint64     seed,
                                  gint64      now_utc);
gboolean     ret_demo_add_plan   (RetStore     *store,
                                  const GDate  *from,
                                  guint         days,
                                  guint64       seed,
                                  GError      **error);

G_END_DECLS
