/* ret-person-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over the persons of a store that stays cheap with 100,000
 * persons: it holds only the sorted ids of the matching persons, and
 * reads the rows themselves from the store a page at a time when a view
 * asks for them, keeping a bounded number of pages.
 *
 * Every change of the ids goes through begin_change () and end_change (),
 * which emit RetPersonList::items-changing and then items-changed.
 */

#define G_LOG_DOMAIN "ret-person-list"

#include "config.h"

#include <string.h>

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

enum {
  ITEMS_CHANGING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* Takes @person, or makes a blank placeholder for a person deleted since
 * the ids were read, rather than shifting every row after it. */
static RetPersonItem *
new_item (gint64     id,
          RetPerson *person)
{
  if (person == NULL)
    {
      person = ret_person_new ();
      person->id = id;
      person->a_number = g_strdup ("");
      person->family_name = g_strdup ("");
      person->given_names = g_strdup ("");
    }

  return ret_person_item_new (person);
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

  /* One slot per position. */
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, start + i);
      RetPerson *person = NULL;

      if (j < persons->len && ((RetPerson *) g_ptr_array_index (persons, j))->id == id)
        person = g_ptr_array_steal_index (persons, j);

      g_ptr_array_add (items, new_item (id, person));
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

/* Drops the loaded pages from @first to @last, both included. */
static void
drop_page_range (RetPersonList *self,
                 guint          first,
                 guint          last)
{
  GList *link = self->page_lru.head;

  while (link != NULL)
    {
      GList *next = link->next;
      guint page = GPOINTER_TO_UINT (link->data);

      if (page >= first && page <= last)
        {
          g_hash_table_remove (self->pages, link->data);
          g_queue_delete_link (&self->page_lru, link);
        }
      link = next;
    }
}

static void
begin_change (RetPersonList *self)
{
  g_signal_emit (self, signals[ITEMS_CHANGING], 0);
}

/* Takes @ids (may be the current array) as the new ids of the list and
 * tells the views. */
static void
end_change (RetPersonList *self,
            GArray        *ids,
            guint          position,
            guint          removed,
            guint          added)
{
  guint old_len = self->ids->len;

  if (ids != self->ids)
    {
      g_array_unref (self->ids);
      self->ids = ids;
      g_clear_pointer (&self->positions, g_hash_table_unref);
    }

  g_assert (position + removed <= old_len);
  g_assert (position + added == ids->len - (old_len - position - removed));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GArray *
query_ids (RetPersonList *self)
{
  g_autoptr(GError) error = NULL;
  RetPersonQuery query = { self->search, self->filter };
  GArray *ids;

  ids = ret_store_query_person_ids (self->store, &query, &error);
  if (ids == NULL)
    {
      g_warning ("Could not list persons: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  return ids;
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

  /**
   * RetPersonList::items-changing:
   *
   * Emitted just before each #GListModel::items-changed, while the list
   * still holds its old items.  Each change hands out new item objects
   * for the rows it covers, which a #GtkSingleSelection would search
   * for its selected object one by one (all 100,000 after a search)
   * and then drop silently; a view unselects here and selects the row
   * it wants again after items-changed.
   */
  signals[ITEMS_CHANGING] =
    g_signal_new ("items-changing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  GArray *ids;
  guint old_len;

  g_return_if_fail (RET_IS_PERSON_LIST (self));

  ids = query_ids (self);
  old_len = self->ids->len;
  if (old_len == 0 && ids->len == 0)
    {
      g_array_unref (ids);
      return;
    }

  /* Any row may have changed, not only the ids: read them all again. */
  begin_change (self);
  drop_pages (self);
  end_change (self, ids, 0, old_len, ids->len);
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

static guint
find_in (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

/* Puts a fresh item for @id at @position, if its page is loaded; the
 * other items of the page stay the same objects. */
static void
refresh_item (RetPersonList *self,
              guint          position,
              gint64         id)
{
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  RetPerson *person = NULL;

  if (items == NULL)
    return;

  persons = ret_store_get_persons (self->store, &id, 1, &error);
  if (persons == NULL)
    g_warning ("Could not read a person: %s", error->message);
  else if (persons->len == 1)
    person = g_ptr_array_steal_index (persons, 0);

  g_object_unref (g_ptr_array_index (items, position % PAGE_SIZE));
  g_ptr_array_index (items, position % PAGE_SIZE) = new_item (id, person);
}

/*
 * ret_person_list_person_changed:
 *
 * Brings the list up to date after one person was edited.  The edit may
 * take them into or out of the search or filter, or move them in the
 * sort order, so the ids are read again; but views only hear of the
 * rows between the first and the last that differ (and the person's
 * own), so they keep their scroll.  When the order is the same, that is
 * the one row: items-changed (position, 1, 1).
 */
void
ret_person_list_person_changed (RetPersonList *self,
                                gint64         id)
{
  GArray *ids;
  guint old_len, new_len, old_position, new_position;
  guint prefix = 0, suffix = 0;

  g_return_if_fail (RET_IS_PERSON_LIST (self));

  ids = query_ids (self);
  old_len = self->ids->len;
  new_len = ids->len;
  old_position = ret_person_list_find (self, id);

  if (old_len == new_len &&
      (old_len == 0 || memcmp (ids->data, self->ids->data, old_len * sizeof (gint64)) == 0))
    {
      g_array_unref (ids);
      if (old_position == G_MAXUINT)
        return;

      begin_change (self);
      refresh_item (self, old_position, id);
      end_change (self, self->ids, old_position, 1, 1);
      return;
    }

  while (prefix < MIN (old_len, new_len) &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < MIN (old_len, new_len) - prefix &&
         g_array_index (self->ids, gint64, old_len - 1 - suffix) ==
         g_array_index (ids, gint64, new_len - 1 - suffix))
    suffix++;

  /* The person's own row changed even where the ids around it did not. */
  new_position = find_in (ids, id);
  if (old_position != G_MAXUINT)
    {
      prefix = MIN (prefix, old_position);
      suffix = MIN (suffix, old_len - 1 - old_position);
    }
  if (new_position != G_MAXUINT)
    {
      prefix = MIN (prefix, new_position);
      suffix = MIN (suffix, new_len - 1 - new_position);
    }

  begin_change (self);
  /* Pages before the change keep their positions, and so do those after
   * it when the length is the same. */
  drop_page_range (self, prefix / PAGE_SIZE,
                   old_len == new_len ? (old_len - suffix - 1) / PAGE_SIZE : G_MAXUINT);
  end_change (self, ids, prefix, old_len - prefix - suffix, new_len - prefix - suffix);
}

guint
ret_person_list_get_n_loaded (RetPersonList *self)
{
  g_return_val_if_fail (RET_IS_PERSON_LIST (self), 0);

  return g_hash_table_size (self->pages) * PAGE_SIZE;
}
