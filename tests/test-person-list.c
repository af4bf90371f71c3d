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
  guint n_changing;
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

/* Views unselect here: it must come once before each items-changed,
 * with the old items still in place. */
static void
items_changing_cb (RetPersonList *list,
                   Emissions     *e)
{
  g_assert_cmpuint (e->n_changing, ==, e->n_emissions);
  e->n_changing++;
}

static void
count_emissions (RetPersonList *list,
                 Emissions     *e)
{
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), e);
  g_signal_connect (list, "items-changing", G_CALLBACK (items_changing_cb), e);
}

static void
assert_emission (const Emissions *e,
                 guint            n_emissions,
                 guint            position,
                 guint            removed,
                 guint            added)
{
  g_assert_cmpuint (e->n_emissions, ==, n_emissions);
  g_assert_cmpuint (e->n_changing, ==, n_emissions);
  g_assert_cmpuint (e->position, ==, position);
  g_assert_cmpuint (e->removed, ==, removed);
  g_assert_cmpuint (e->added, ==, added);
}

/* The stored person as it is now, to edit (the store refuses an edit
 * made on an older revision). */
static RetPerson *
fresh_person (RetStore *store,
              gint64    id)
{
  g_autoptr(GError) error = NULL;
  RetPerson *person = ret_store_get_person (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return person;
}

static void
update (RetStore  *store,
        RetPerson *person)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ret_store_update_person (store, person, "tester", &error));
  g_assert_no_error (error);
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

  count_emissions (list, &e);

  /* A filter: one emission that replaces the whole list. */
  ret_person_list_set_filter (list, RET_PERSON_FILTER_MINORS);
  n_minors = g_list_model_get_n_items (model);
  assert_emission (&e, 1, 0, n_all, n_minors);
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
  g_autoptr(RetPersonItem) neighbour = g_list_model_get_item (G_LIST_MODEL (list), 251);
  g_autoptr(RetPersonItem) fresh = NULL;
  g_autoptr(RetPersonItem) neighbour_after = NULL;
  g_autoptr(RetPerson) edited = fresh_person (store, ret_person_item_get_person (item)->id);
  Emissions e = { 0 };

  count_emissions (list, &e);

  g_free (edited->notes);
  edited->notes = g_strdup ("Edited note");
  update (store, edited);

  /* Only that row changes, so a view keeps its scroll and selection. */
  assert_emission (&e, 1, 250, 1, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);

  fresh = g_list_model_get_item (G_LIST_MODEL (list), 250);
  g_assert_true (fresh != item);
  g_assert_cmpstr (ret_person_item_get_person (fresh)->notes, ==, "Edited note");
  g_assert_cmpuint (ret_person_list_find (list, edited->id), ==, 250);

  /* The rest of the page is still the same objects. */
  neighbour_after = g_list_model_get_item (G_LIST_MODEL (list), 251);
  g_assert_true (neighbour_after == neighbour);
}

/* An edit that does not touch who is listed, or where, of a person the
 * list does not show: nothing to tell. */
static void
test_unlisted_changed (void)
{
  g_autoptr(RetStore) store = demo_store (300);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  g_autoptr(RetPersonItem) item = g_list_model_get_item (G_LIST_MODEL (list), 10);
  g_autoptr(RetPerson) edited = NULL;
  Emissions e = { 0 };

  ret_person_list_set_search (list, ret_person_item_get_person (item)->a_number);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(RetPersonItem) other = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpint (ret_person_item_get_person (other)->id, ==, ret_person_item_get_person (item)->id);
  }
  ret_person_list_set_search (list, "no such person anywhere");
  count_emissions (list, &e);

  edited = fresh_person (store, ret_person_item_get_person (item)->id);
  g_free (edited->notes);
  edited->notes = g_strdup ("Seen by nobody");
  update (store, edited);

  g_assert_cmpuint (e.n_emissions, ==, 0);
  g_assert_cmpuint (e.n_changing, ==, 0);
}

/* A person edited out of the filter leaves the list, and back in comes
 * back, each with one emission of that row alone. */
static void
test_edited_out_of_filter (void)
{
  g_autoptr(RetStore) store = demo_store (500);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  RetPersonQuery minors = { NULL, RET_PERSON_FILTER_MINORS };
  g_autoptr(RetPersonItem) item = NULL;
  g_autoptr(RetPerson) edited = NULL;
  GDate birth;
  guint n, position;
  gint64 id;
  Emissions e = { 0 };

  ret_person_list_set_filter (list, RET_PERSON_FILTER_MINORS);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 4);
  g_assert_cmpint (n, ==, ret_store_count_persons (store, &minors, NULL));
  count_emissions (list, &e);

  position = n / 2;
  item = g_list_model_get_item (model, position);
  id = ret_person_item_get_person (item)->id;

  /* Now born in 1970: an adult. */
  edited = fresh_person (store, id);
  birth = edited->birth_date;
  g_date_set_dmy (&edited->birth_date, 1, G_DATE_JANUARY, 1970);
  edited->flags &= ~RET_PERSON_FLAG_UNACCOMPANIED_MINOR;
  update (store, edited);

  assert_emission (&e, 1, position, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_assert_cmpint (n - 1, ==, ret_store_count_persons (store, &minors, NULL));
  g_assert_cmpuint (ret_person_list_find (list, id), ==, G_MAXUINT);
  for (guint i = 0; i < n - 1; i++)
    {
      g_autoptr(RetPersonItem) other = g_list_model_get_item (model, i);

      g_assert_cmpint (ret_person_item_get_person (other)->id, !=, id);
    }

  /* A minor again: back where they were. */
  g_clear_pointer (&edited, ret_person_free);
  edited = fresh_person (store, id);
  edited->birth_date = birth;
  update (store, edited);

  assert_emission (&e, 2, position, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (ret_person_list_find (list, id), ==, position);
}

/* A new family name moves the person in the sort order: the rows from
 * the old place to the new one change, the list keeps its length, and
 * rows after both keep their objects. */
static void
test_edited_sort_moves (void)
{
  g_autoptr(RetStore) store = demo_store (500);
  g_autoptr(RetPersonList) list = ret_person_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(RetPersonItem) item = g_list_model_get_item (model, 250);
  g_autoptr(RetPersonItem) later = g_list_model_get_item (model, 450);
  g_autoptr(RetPersonItem) later_after = NULL;
  g_autoptr(RetPersonItem) first = NULL;
  g_autoptr(RetPerson) edited = fresh_person (store, ret_person_item_get_person (item)->id);
  Emissions e = { 0 };

  count_emissions (list, &e);

  g_free (edited->family_name);
  edited->family_name = g_strdup ("Aaaaaa");
  update (store, edited);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 500);
  g_assert_cmpuint (ret_person_list_find (list, edited->id), ==, 0);
  assert_emission (&e, 1, 0, 251, 251);

  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (ret_person_item_get_person (first)->family_name, ==, "Aaaaaa");
  later_after = g_list_model_get_item (model, 450);
  g_assert_true (later_after == later);
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
  g_test_add_func ("/person-list/unlisted-changed", test_unlisted_changed);
  g_test_add_func ("/person-list/edited-out-of-filter", test_edited_out_of_filter);
  g_test_add_func ("/person-list/edited-sort-moves", test_edited_sort_moves);
  g_test_add_func ("/person-list/bounded-cache", test_bounded_cache);

  return g_test_run ();
}
