/* bench-check.c — the rule check of a 10,000-person plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a database with a synthetic roster, plans it for three days
 * border-wide with a fleet grown to carry it (ret_demo_add_plan(): the
 * scheduler's plan, the demo's seeded problems and all), then times
 * three things with the database warm:
 * loading what the check needs (ret_store_load_check_data()), the check
 * of the whole plan (ret_check_run()), and the check after moving one
 * family to another bus (ret_check_result_update()).  Medians are
 * printed.  A benchmark reports: a missed target is printed, not failed;
 * only a run that could not measure fails.
 */

#include "config.h"

#include <stdlib.h>

#include "ret-demo.h"
#include "ret-store.h"
#include "ret-store-schedule.h"
#include "ret-test-util.h"

/* The planner leaves some of a roster awaiting (nationality not verified
 * yet, not fit to travel, …): this roster puts 10,000 or a little more
 * on the transfers of three days, within the points' daily capacities,
 * once every facility has EXTRA_BUSES more buses than the sample fleet. */
#define N_ROSTER     12300
#define N_PLANNED    10000
#define N_DAYS       3
#define EXTRA_BUSES  12
#define SEED         2004
#define N_LOADS      5
#define N_CHECKS     20
#define N_UPDATES    20

#define TARGET_CHECK_MS        50.0
#define TARGET_LOAD_MS         500.0
#define TARGET_INCREMENTAL_MS  5.0

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A family on a bus, and another bus of the same facility, point and
 * day with room for it: where a coordinator would move it. */
static gboolean
find_family_move (RetCheckData *data,
                  guint        *from,
                  guint        *to,
                  GArray      **family)
{
  for (guint i = 0; i < data->transfers->len; i++)
    {
      const RetCheckTransfer *t = g_ptr_array_index (data->transfers, i);
      const char *label = NULL;
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

      if (g_strcmp0 (t->mode, "bus") != 0)
        continue;

      for (guint j = 0; j < t->entries->len; j++)
        {
          guint p = g_array_index (t->entries, RetCheckEntry, j).person;
          const RetCheckPerson *cp = g_ptr_array_index (data->persons, p);

          if (label == NULL && cp->person->family_group != NULL)
            label = cp->person->family_group;
          if (label != NULL && g_strcmp0 (cp->person->family_group, label) == 0)
            g_array_append_val (members, j);
        }
      if (members->len < 2)
        continue;

      for (guint k = 0; k < data->transfers->len; k++)
        {
          const RetCheckTransfer *u = g_ptr_array_index (data->transfers, k);

          if (k != i && g_strcmp0 (u->mode, "bus") == 0 &&
              g_strcmp0 (u->facility, t->facility) == 0 &&
              g_strcmp0 (u->point, t->point) == 0 &&
              ABS (u->handover_at - t->handover_at) < 12 * 3600 &&
              u->entries->len + members->len <= (guint) u->seats)
            {
              *from = i;
              *to = k;
              *family = g_steal_pointer (&members);
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Moves the entries at @indexes (ascending) of @from to the end of @to. */
static void
move_entries (RetCheckTransfer *from,
              RetCheckTransfer *to,
              GArray           *indexes)
{
  for (guint n = indexes->len; n > 0; n--)
    {
      guint j = g_array_index (indexes, guint, n - 1);
      RetCheckEntry entry = g_array_index (from->entries, RetCheckEntry, j);

      g_array_append_val (to->entries, entry);
      g_array_remove_index (from->entries, j);
    }
}

static gboolean
grow_fleet (RetStore  *store,
            GError   **error)
{
  g_autoptr(GPtrArray) facilities = ret_store_list_facilities (store, error);

  if (facilities == NULL)
    return FALSE;

  for (guint i = 0; i < facilities->len; i++)
    for (guint b = 0; b < EXTRA_BUSES; b++)
      {
        const RetFacility *facility = g_ptr_array_index (facilities, i);
        g_autoptr(RetVehicle) bus = ret_vehicle_new ();

        bus->facility = g_strdup (facility->code);
        bus->kind = RET_VEHICLE_BUS;
        bus->label = g_strdup_printf ("Bench bus %u", b + 1);
        bus->seats = 45;
        if (!ret_store_save_vehicle (store, bus, "bench", error))
          return FALSE;
      }

  return TRUE;
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "check.db", NULL);
  g_autoptr(RetStore) store = NULL;
  g_autoptr(RetCheckData) data = NULL;
  g_autoptr(RetCheckResult) result = NULL;
  g_autoptr(GArray) family = NULL;
  double load_ms[N_LOADS];
  double check_ms[N_CHECKS];
  double update_ms[N_UPDATES];
  guint n_persons = 0;
  guint from, to;
  GDate tomorrow;
  gint64 start;

  store = ret_store_open (path, &error);
  if (store == NULL || !ret_store_load_reference_data (store, &error) ||
      !ret_demo_populate_roster (store, N_ROSTER, SEED, &error))
    {
      g_printerr ("bench-check: cannot fill the database: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (!grow_fleet (store, &error))
    {
      g_printerr ("bench-check: cannot add buses: %s\n", error->message);
      return EXIT_FAILURE;
    }

  ret_date_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  start = g_get_monotonic_time ();
  if (!ret_demo_add_plan (store, &tomorrow, N_DAYS, SEED, &error))
    {
      g_printerr ("bench-check: cannot plan: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_printerr ("# demo plan: %.0f ms\n", ms_since (start));

  for (guint i = 0; i < N_LOADS; i++)
    {
      g_clear_pointer (&data, ret_check_data_free);
      start = g_get_monotonic_time ();
      data = ret_store_load_check_data (store, NULL, 0, 0, &error);
      load_ms[i] = ms_since (start);
      if (data == NULL)
        {
          g_printerr ("bench-check: cannot load the check data: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  for (guint i = 0; i < data->transfers->len; i++)
    n_persons += ((const RetCheckTransfer *) g_ptr_array_index (data->transfers, i))->entries->len;
  g_printerr ("# %u transfers, %u persons on them, %u persons in the data\n",
              data->transfers->len, n_persons, data->persons->len);
  if (n_persons < N_PLANNED)
    {
      g_printerr ("bench-check: only %u persons were planned, expected %u\n", n_persons, N_PLANNED);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < N_CHECKS; i++)
    {
      g_clear_pointer (&result, ret_check_result_free);
      start = g_get_monotonic_time ();
      result = ret_check_run (data);
      check_ms[i] = ms_since (start);
    }
  g_printerr ("# %u hard violations, %u warnings\n",
              ret_check_result_count (result, RET_SEVERITY_HARD, FALSE),
              ret_check_result_count (result, RET_SEVERITY_WARNING, FALSE));

  if (!find_family_move (data, &from, &to, &family))
    {
      g_printerr ("bench-check: no family to move\n");
      return EXIT_FAILURE;
    }

  /* There and back: each round moves the family to the other bus, one
   * edit of two transfers, as dragging it in the plan does. */
  for (guint i = 0; i < N_UPDATES; i++)
    {
      guint changed[2] = { from, to };
      RetCheckTransfer *a = g_ptr_array_index (data->transfers, from);
      RetCheckTransfer *b = g_ptr_array_index (data->transfers, to);
      guint base = b->entries->len;
      guint n = family->len;

      move_entries (a, b, family);

      start = g_get_monotonic_time ();
      ret_check_result_update (result, data, changed, G_N_ELEMENTS (changed));
      update_ms[i] = ms_since (start);

      g_array_set_size (family, 0);
      for (guint j = 0; j < n; j++)
        {
          guint index = base + j;

          g_array_append_val (family, index);
        }
      from = changed[1];
      to = changed[0];
    }

  g_print ("bench check-10k: %.2f ms (target <= %g ms)\n",
           ret_test_median (check_ms, N_CHECKS), TARGET_CHECK_MS);
  g_print ("bench check-load-10k: %.1f ms (target <= %g ms)\n",
           ret_test_median (load_ms, N_LOADS), TARGET_LOAD_MS);
  g_print ("bench check-incremental: %.3f ms (target <= %g ms)\n",
           ret_test_median (update_ms, N_UPDATES), TARGET_INCREMENTAL_MS);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  return ret_test_run_in_private_home ("bench-check", run_benchmark);
}
