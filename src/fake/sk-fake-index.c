/* sk-fake-index.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-index.h"

struct _SkFakeIndex
{
  GHashTable *live;    /* id -> SkFakeItem*, owned */
  GHashTable *tomb;    /* id -> SkFakeItem*, owned */
  GPtrArray  *asc;     /* SkFakeItem*, borrowed; may hold dead items until prepared */
  GPtrArray  *desc;
  gboolean    unsorted;
  guint       n_dead;
};

/* By created_at in @direction (1 or -1), then in insertion order. */
static int
item_cmp (gconstpointer a,
          gconstpointer b,
          int           direction)
{
  const SkFakeItem *x = *(const SkFakeItem * const *) a;
  const SkFakeItem *y = *(const SkFakeItem * const *) b;

  if (x->created_at != y->created_at)
    return (x->created_at < y->created_at ? -1 : 1) * direction;
  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return 0;
}

static int
item_cmp_asc (gconstpointer a,
              gconstpointer b)
{
  return item_cmp (a, b, 1);
}

static int
item_cmp_desc (gconstpointer a,
               gconstpointer b)
{
  return item_cmp (a, b, -1);
}

static gboolean
item_is_live (SkFakeIndex *idx,
              SkFakeItem  *item)
{
  return g_hash_table_lookup (idx->live, item->id) == item;
}

/* Drops dead items from the views and sorts them if needed (lazily, so that
 * bulk insertions and deletions stay linear). */
static void
prepare (SkFakeIndex *idx)
{
  if (idx->n_dead > 0)
    {
      GPtrArray *arrays[2] = { idx->asc, idx->desc };

      for (guint a = 0; a < 2; a++)
        {
          GPtrArray *arr = arrays[a];
          guint j = 0;

          for (guint i = 0; i < arr->len; i++)
            {
              SkFakeItem *item = g_ptr_array_index (arr, i);

              if (item_is_live (idx, item))
                arr->pdata[j++] = item;
            }
          g_ptr_array_set_size (arr, j);
        }
      idx->n_dead = 0;
    }

  if (idx->unsorted)
    {
      g_ptr_array_sort (idx->asc, item_cmp_asc);
      g_ptr_array_sort (idx->desc, item_cmp_desc);
      idx->unsorted = FALSE;
    }
}

/* Position in @arr (sorted by @cmp) of the first item after @key
 * (@after TRUE) or of the first item not before it. */
static guint
bound (GPtrArray    *arr,
       SkFakeItem   *key,
       GCompareFunc  cmp,
       gboolean      after)
{
  guint lo = 0, hi = arr->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = cmp (&g_ptr_array_index (arr, mid), &key);

      if (c < 0 || (after && c == 0))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* A live or deleted item: where a cursor points. */
static SkFakeItem *
cursor_item (SkFakeIndex *idx,
             const char  *id)
{
  SkFakeItem *item = g_hash_table_lookup (idx->live, id);

  if (item == NULL)
    item = g_hash_table_lookup (idx->tomb, id);
  return item;
}

static gboolean
matches (SkFakeMatchFunc  match,
         SkFakeItem      *item,
         gpointer         data)
{
  return match == NULL || match (item, data);
}

static void
reverse (GPtrArray *arr)
{
  for (guint a = 0, b = arr->len; a + 1 < b; a++, b--)
    {
      gpointer t = arr->pdata[a];

      arr->pdata[a] = arr->pdata[b - 1];
      arr->pdata[b - 1] = t;
    }
}

SkFakeIndex *
sk_fake_index_new (GDestroyNotify item_free)
{
  SkFakeIndex *idx = g_new0 (SkFakeIndex, 1);

  idx->live = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  idx->tomb = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  idx->asc = g_ptr_array_new ();
  idx->desc = g_ptr_array_new ();
  return idx;
}

void
sk_fake_index_free (SkFakeIndex *idx)
{
  if (idx == NULL)
    return;
  g_ptr_array_unref (idx->asc);
  g_ptr_array_unref (idx->desc);
  g_hash_table_unref (idx->live);
  g_hash_table_unref (idx->tomb);
  g_free (idx);
}

/* The live item with @id, or NULL (also for a NULL @id). */
gpointer
sk_fake_index_lookup (SkFakeIndex *idx,
                      const char  *id)
{
  g_return_val_if_fail (idx != NULL, NULL);

  return id ? g_hash_table_lookup (idx->live, id) : NULL;
}

/* Takes @item, whose id must not be live in @idx; a deleted item of the
 * same id is forgotten. */
void
sk_fake_index_add (SkFakeIndex *idx,
                   SkFakeItem  *item)
{
  g_return_if_fail (idx != NULL);
  g_return_if_fail (item != NULL && item->id != NULL);

  if (g_hash_table_contains (idx->tomb, item->id))
    {
      /* drop the dead copy from the views before freeing it */
      prepare (idx);
      g_hash_table_remove (idx->tomb, item->id);
    }

  g_hash_table_insert (idx->live, item->id, item);

  if (idx->asc->len > 0 && !idx->unsorted &&
      item_cmp_asc (&g_ptr_array_index (idx->asc, idx->asc->len - 1), &item) > 0)
    idx->unsorted = TRUE;
  if (idx->desc->len > 0 && !idx->unsorted &&
      item_cmp_desc (&g_ptr_array_index (idx->desc, idx->desc->len - 1), &item) > 0)
    idx->unsorted = TRUE;

  g_ptr_array_add (idx->asc, item);
  g_ptr_array_add (idx->desc, item);
}

/* Moves the item to the tombstones and returns it, or NULL when @id is not
 * live; it stays valid (owned by the index) until the index is freed or
 * the id is added again. */
gpointer
sk_fake_index_remove (SkFakeIndex *idx,
                      const char  *id)
{
  SkFakeItem *item = NULL;

  g_return_val_if_fail (idx != NULL, NULL);

  if (!g_hash_table_steal_extended (idx->live, id, NULL, (gpointer *) &item))
    return NULL;

  g_hash_table_replace (idx->tomb, item->id, item);
  idx->n_dead++;
  return item;
}

guint
sk_fake_index_size (SkFakeIndex *idx)
{
  g_return_val_if_fail (idx != NULL, 0);

  return g_hash_table_size (idx->live);
}

/* The live items, oldest first (transfer container). */
GPtrArray *
sk_fake_index_list_items (SkFakeIndex *idx)
{
  g_return_val_if_fail (idx != NULL, NULL);

  prepare (idx);
  return g_ptr_array_copy (idx->asc, NULL, NULL);
}

/* The ids of the live items, oldest first (transfer container). */
GPtrArray *
sk_fake_index_list_ids (SkFakeIndex *idx)
{
  GPtrArray *ids;

  g_return_val_if_fail (idx != NULL, NULL);

  prepare (idx);
  ids = g_ptr_array_new_full (idx->asc->len, NULL);
  for (guint i = 0; i < idx->asc->len; i++)
    g_ptr_array_add (ids, ((SkFakeItem *) g_ptr_array_index (idx->asc, i))->id);
  return ids;
}

/**
 * sk_fake_index_page:
 * @idx: the index
 * @query: limit, order and cursors
 * @match: (nullable): keeps only the items it accepts
 * @match_data: passed to @match
 * @stuck: answer a page that does not move: the item named by the after
 *   cursor (or the first match), with has_more set
 * @has_more: (out): whether matching items follow the page
 * @bad_cursor: (out): "after" or "before" when that cursor names no item
 *   ever stored
 *
 * One page of a list, in list order. The after cursor starts the page after
 * it; a before cursor alone gives the @limit matching items just before it.
 * Cursors may name deleted items.
 *
 * Returns: (transfer container) (nullable): the items of the page, or
 *   %NULL when a cursor is unknown
 */
GPtrArray *
sk_fake_index_page (SkFakeIndex           *idx,
                    const SkFakePageQuery *query,
                    SkFakeMatchFunc        match,
                    gpointer               match_data,
                    gboolean               stuck,
                    gboolean              *has_more,
                    const char           **bad_cursor)
{
  GCompareFunc cmp;
  GPtrArray *arr;
  GPtrArray *page;
  guint start = 0, end;

  g_return_val_if_fail (idx != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (has_more != NULL, NULL);

  *has_more = FALSE;
  if (bad_cursor != NULL)
    *bad_cursor = NULL;

  prepare (idx);
  cmp = query->asc ? item_cmp_asc : item_cmp_desc;
  arr = query->asc ? idx->asc : idx->desc;
  end = arr->len;

  if (query->after != NULL)
    {
      SkFakeItem *key = cursor_item (idx, query->after);

      if (key == NULL)
        {
          if (bad_cursor != NULL)
            *bad_cursor = "after";
          return NULL;
        }
      start = bound (arr, key, cmp, TRUE);
    }
  if (query->before != NULL)
    {
      SkFakeItem *key = cursor_item (idx, query->before);

      if (key == NULL)
        {
          if (bad_cursor != NULL)
            *bad_cursor = "before";
          return NULL;
        }
      end = MAX (start, bound (arr, key, cmp, FALSE));
    }

  page = g_ptr_array_sized_new (MIN (query->limit, end - start));

  if (stuck)
    {
      SkFakeItem *item = query->after ? sk_fake_index_lookup (idx, query->after) : NULL;

      if (item == NULL && query->after == NULL)
        {
          for (guint i = start; i < end && item == NULL; i++)
            if (matches (match, g_ptr_array_index (arr, i), match_data))
              item = g_ptr_array_index (arr, i);
        }
      if (item != NULL)
        g_ptr_array_add (page, item);
      *has_more = TRUE;
    }
  else if (query->before != NULL && query->after == NULL)
    {
      /* the @limit matching items just before the cursor */
      guint i = end;

      while (i > start && page->len < query->limit)
        {
          SkFakeItem *item = g_ptr_array_index (arr, --i);

          if (matches (match, item, match_data))
            g_ptr_array_add (page, item);
        }
      for (; i > start && !*has_more; i--)
        if (matches (match, g_ptr_array_index (arr, i - 1), match_data))
          *has_more = TRUE;
      reverse (page);
    }
  else
    {
      guint i = start;

      for (; i < end && page->len < query->limit; i++)
        {
          SkFakeItem *item = g_ptr_array_index (arr, i);

          if (matches (match, item, match_data))
            g_ptr_array_add (page, item);
        }
      for (; i < end && !*has_more; i++)
        if (matches (match, g_ptr_array_index (arr, i), match_data))
          *has_more = TRUE;
    }

  return page;
}

/* @id, or a new random one from @make_id when @id is NULL; NULL when @id
 * is already taken in @idx. */
char *
sk_fake_index_claim_id (SkFakeIndex  *idx,
                        const char   *id,
                        char       *(*make_id) (GRand *rand),
                        GRand        *rand)
{
  char *new_id = NULL;

  if (id != NULL)
    return sk_fake_index_lookup (idx, id) == NULL ? g_strdup (id) : NULL;

  do
    {
      g_free (new_id);
      new_id = make_id (rand);
    }
  while (sk_fake_index_lookup (idx, new_id) != NULL);

  return new_id;
}
