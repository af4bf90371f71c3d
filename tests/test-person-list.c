/* test-person-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ret-demo.h"
#include "ret-person-list.h"
#include "ret-text.h"

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
} Emissions;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Emissions  *e)
{
  e->n_emissions++;
  e->position = position;
  e->removed = removed;
  e->added = added;
}

static RetStore *
demo_store (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "list.db", NULL);
  g_autoptr(RetStore) store = NULL;

  g_remove (path);
  store = ret_store_open (path, &error);
  g_assert_no_error (error);
  ret_store_load_reference_data (store, &error);
  g_assert_no_error (error);
  ret_demo_populate (store, n, 11, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static void
test_items_changed (void)
{
  g_autoptr(RetStore) store = demo_store (3000);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  Emissions e = { 0 };
  guint n_all, n_minors;

  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, ==, 3000);
  g_assert_true (g_list_model_get_item_type (model) == RET_TYPE_PERSON_ITEM);

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &e);

  /* A filter: one emission that replaces the whole list. */
  ret_person_list_set_filter (list, RET_PERSON_FILTER_MINORS);
  n_minors = g_list_model_get_n_items (model);
  g_assert_cmpuint (e.n_emissions, ==, 1);
  g_assert_cmpuint (e.position, ==, 0);
  g_assert_cmpuint (e.removed, ==, n_all);
  g_assert_cmpuint (e.added, ==, n_minors);
  g_assert_cmpuint (n_minors, >, 0);
  g_assert_cmpuint (n_minors, <, n_all);

  /* Setting the same filter again is silent. */
  ret_person_list_set_filter (list, RET_PERSON_FILTER_MINORS);
  g_assert_cmpuint (e.n_emissions, ==, 1);

  /* Every item is a minor. */
  for (guint i = 0; i < n_minors; i++)
    {
      g_autoptr(RetPersonItem) item = g_list_model_get_item (model, i);
      GDate today;

      ret_date_today (&today);
      g_assert_true (ret_person_is_minor (ret_person_item_get_person (item), &today));
    }
  g_assert_null (g_list_model_get_item (model, n_minors));

  /* A search that matches nobody empties the list. */
  ret_person_list_set_search (list, "no such person anywhere");
  g_assert_cmpuint (e.n_emissions, ==, 2);
  g_assert_cmpuint (e.removed, ==, n_minors);
  g_assert_cmpuint (e.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* And back: a search for an A-number finds exactly one. */
  ret_person_list_set_filter (list, 0);
  ret_person_list_set_search (list, "DEMO-000042");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(RetPersonItem) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (ret_person_item_get_person (item)->a_number, ==, "DEMO-000042");
  }
}

static void
test_row_changed (void)
{
  g_autoptr(RetStore) store = demo_store (500);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  g_autoptr(RetPersonItem) item = g_list_model_get_item (G_LIST_MODEL (list), 250);
  g_autoptr(RetPersonItem) fresh = NULL;
  g_autoptr(RetPerson) edited = ret_person_copy (ret_person_item_get_person (item));
  g_autoptr(GError) error = NULL;
  Emissions e = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &e);

  g_free (edited->notes);
  edited->notes = g_strdup ("Edited note");
  g_assert_true (ret_store_update_person (store, edited, "tester", &error));
  g_assert_no_error (error);

  /* Only that row changes, so a view keeps its scroll and selection. */
  g_assert_cmpuint (e.n_emissions, ==, 1);
  g_assert_cmpuint (e.position, ==, 250);
  g_assert_cmpuint (e.removed, ==, 1);
  g_assert_cmpuint (e.added, ==, 1);

  fresh = g_list_model_get_item (G_LIST_MODEL (list), 250);
  g_assert_cmpstr (ret_person_item_get_person (fresh)->notes, ==, "Edited note");
  g_assert_cmpuint (ret_person_list_find (list, edited->id), ==, 250);
}

/* Scrolling through everything keeps a bounded number of rows in memory. */
static void
test_bounded_cache (void)
{
  g_autoptr(RetStore) store = demo_store (10000);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree char *previous = g_strdup ("");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RetPersonItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      const RetPerson *p = ret_person_item_get_person (item);

      g_autofree char *joined = g_strconcat (p->family_name, " ", p->given_names, NULL);
      g_autofree char *key = ret_text_fold (joined);

      /* Sorted by family name, then given names, accents folded */
      g_assert_cmpint (strcmp (previous, key), <=, 0);
      g_free (previous);
      previous = g_steal_pointer (&key);
    }

  g_assert_cmpuint (ret_person_list_get_n_loaded (list), <=, 32 * 128);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/person-list/items-changed", test_items_changed);
  g_test_add_func ("/person-list/row-changed", test_row_changed);
  g_test_add_func ("/person-list/bounded-cache", test_bounded_cache);

  return g_test_run ();
}
