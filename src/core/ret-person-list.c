/* ret-person-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the persons of a store that stays cheap with 100,000
 * persons: it holds only the sorted ids of the matching persons, and
 * reads the rows themselves from the store a page at a time when a view
 * asks for them, keeping a bounded number of pages.
 */

#define G_LOG_DOMAIN "ret-person-list"

#include "config.h"

#include "ret-person-list.h"

#define PAGE_SIZE 128
#define MAX_PAGES 32

struct _RetPersonList
{
  GObject          parent_instance;

  RetStore        *store;
  char            *search;
  RetPersonFilter  filter;

  GArray          *ids;       /* gint64, sorted as shown */
  GHashTable      *pages;     /* page number → GPtrArray of RetPersonItem */
  GQueue           page_lru;  /* page numbers, most recent first */
  GHashTable      *positions; /* id → position + 1, built on demand */
};

static void ret_person_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RetPersonList, ret_person_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ret_person_list_model_init))

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
ret_person_list_get_item_type (GListModel *model)
{
  return RET_TYPE_PERSON_ITEM;
}

static guint
ret_person_list_get_n_items (GListModel *model)
{
  RetPersonList *self = RET_PERSON_LIST (model);

  return self->ids->len;
}

static void
touch_page (RetPersonList *self,
            guint          page)
{
  GList *link = g_queue_find (&self->page_lru, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_unlink (&self->page_lru, link);
  else
    link = g_list_alloc ();

  link->data = GUINT_TO_POINTER (page);
  g_queue_push_head_link (&self->page_lru, link);

  while (self->page_lru.length > MAX_PAGES)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->page_lru));

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
    }
}

static GPtrArray *
load_page (RetPersonList *self,
           guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  GPtrArray *items;
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);
  guint j = 0;

  persons = ret_store_get_persons (self->store,
                                   &g_array_index (self->ids, gint64, start), n,
                                   &error);
  if (persons == NULL)
    {
      g_warning ("Could not read persons: %s", error->message);
      persons = g_ptr_array_new ();
    }

  /* One slot per position; a person deleted since the ids were read
   * gets a placeholder rather than shifting every row after it. */
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, start + i);
      RetPerson *person;

      if (j < persons->len && ((RetPerson *) g_ptr_array_index (persons, j))->id == id)
        person = g_ptr_array_steal_index (persons, j);
      else
        {
          person = ret_person_new ();
          person->id = id;
          person->a_number = g_strdup ("");
          person->family_name = g_strdup ("");
          person->given_names = g_strdup ("");
        }

      g_ptr_array_add (items, ret_person_item_new (person));
    }

  return items;
}

static gpointer
ret_person_list_get_item (GListModel *model,
                          guint       position)
{
  RetPersonList *self = RET_PERSON_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->ids->len)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  touch_page (self, page);

  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
ret_person_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ret_person_list_get_item_type;
  iface->get_n_items = ret_person_list_get_n_items;
  iface->get_item = ret_person_list_get_item;
}

static void
drop_pages (RetPersonList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_lru);
  g_clear_pointer (&self->positions, g_hash_table_unref);
}

static void
store_changed_cb (RetStore      *store,
                  const char    *entity,
                  RetPersonList *self)
{
  if (g_strcmp0 (entity, "persons") == 0)
    ret_person_list_reload (self);
}

static void
store_person_changed_cb (RetStore      *store,
                         gint64         id,
                         RetPersonList *self)
{
  ret_person_list_person_changed (self, id);
}

static void
ret_person_list_dispose (GObject *object)
{
  RetPersonList *self = RET_PERSON_LIST (object);

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, store_person_changed_cb, self);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ret_person_list_parent_class)->dispose (object);
}

static void
ret_person_list_finalize (GObject *object)
{
  RetPersonList *self = RET_PERSON_LIST (object);

  drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->search);

  G_OBJECT_CLASS (ret_person_list_parent_class)->finalize (object);
}

static void
ret_person_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RetPersonList *self = RET_PERSON_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_FILTER:
      g_value_set_uint (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_person_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RetPersonList *self = RET_PERSON_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      ret_person_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_FILTER:
      ret_person_list_set_filter (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ret_person_list_class_init (RetPersonListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ret_person_list_dispose;
  object_class->finalize = ret_person_list_finalize;
  object_class->get_property = ret_person_list_get_property;
  object_class->set_property = ret_person_list_set_property;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_uint ("filter", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ret_person_list_init (RetPersonList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_lru);
}

RetPersonList *
ret_person_list_new (RetStore *store)
{
  RetPersonList *self;

  g_return_val_if_fail (RET_IS_STORE (store), NULL);

  self = g_object_new (RET_TYPE_PERSON_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect (store, "person-changed", G_CALLBACK (store_person_changed_cb), self);
  ret_person_list_reload (self);

  return self;
}

RetStore *
ret_person_list_get_store (RetPersonList *self)
{
  g_return_val_if_fail (RET_IS_PERSON_LIST (self), NULL);

  return self->store;
}

/*
 * ret_person_list_reload:
 *
 * Reads the matching ids again (after a filter change, an import, or a
 * change made by another program) and tells the views with one
 * items-changed covering the old and new lengths.
 */
void
ret_person_list_reload (RetPersonList *self)
{
  g_autoptr(GError) error = NULL;
  RetPersonQuery query = { self->search, self->filter };
  GArray *ids;
  guint old_len;

  g_return_if_fail (RET_IS_PERSON_LIST (self));

  ids = ret_store_query_person_ids (self->store, &query, &error);
  if (ids == NULL)
    {
      g_warning ("Could not list persons: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  old_len = self->ids->len;
  drop_pages (self);
  g_array_unref (self->ids);
  self->ids = ids;

  if (old_len == 0 && ids->len == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
ret_person_list_set_search (RetPersonList *self,
                            const char    *search)
{
  g_return_if_fail (RET_IS_PERSON_LIST (self));

  if (search != NULL && *search == '\0')
    search = NULL;

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  ret_person_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
ret_person_list_get_search (RetPersonList *self)
{
  g_return_val_if_fail (RET_IS_PERSON_LIST (self), NULL);

  return self->search;
}

void
ret_person_list_set_filter (RetPersonList   *self,
                            RetPersonFilter  filter)
{
  g_return_if_fail (RET_IS_PERSON_LIST (self));

  if (self->filter == filter)
    return;

  self->filter = filter;
  ret_person_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

RetPersonFilter
ret_person_list_get_filter (RetPersonList *self)
{
  g_return_val_if_fail (RET_IS_PERSON_LIST (self), 0);

  return self->filter;
}

/*
 * ret_person_list_find:
 *
 * Returns: the position of the person with @id, or GTK_INVALID_LIST_POSITION
 *   (G_MAXUINT) when the list does not show them
 */
guint
ret_person_list_find (RetPersonList *self,
                      gint64         id)
{
  gpointer position;

  g_return_val_if_fail (RET_IS_PERSON_LIST (self), G_MAXUINT);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
      for (guint i = 0; i < self->ids->len; i++)
        g_hash_table_insert (self->positions, &g_array_index (self->ids, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }

  position = g_hash_table_lookup (self->positions, &id);
  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
}

/*
 * ret_person_list_person_changed:
 *
 * Refreshes one row after the person was edited, without disturbing the
 * rest of the list (or the selection).
 */
void
ret_person_list_person_changed (RetPersonList *self,
                                gint64         id)
{
  guint position = ret_person_list_find (self, id);

  if (position == G_MAXUINT)
    return;

  g_hash_table_remove (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  {
    GList *link = g_queue_find (&self->page_lru, GUINT_TO_POINTER (position / PAGE_SIZE));

    if (link != NULL)
      g_queue_delete_link (&self->page_lru, link);
  }

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
ret_person_list_get_n_loaded (RetPersonList *self)
{
  g_return_val_if_fail (RET_IS_PERSON_LIST (self), 0);

  return g_hash_table_size (self->pages) * PAGE_SIZE;
}
