/* sk-deletion-usage.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-deletion-usage.h"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

guint
sk_delete_count_stores (GHashTable *usage,
                        GPtrArray  *file_ids)
{
  g_autoptr (GHashTable) stores = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (file_ids != NULL, 0);

  if (usage == NULL)
    return 0;
  for (guint i = 0; i < file_ids->len; i++)
    {
      GPtrArray *ids = g_hash_table_lookup (usage, g_ptr_array_index (file_ids, i));

      for (guint j = 0; ids != NULL && j < ids->len; j++)
        g_hash_table_add (stores, g_ptr_array_index (ids, j));
    }
  return g_hash_table_size (stores);
}

void
sk_delete_files_of_stores (GHashTable  *usage,
                           GPtrArray   *store_ids,
                           GPtrArray  **all,
                           GPtrArray  **exclusive)
{
  g_autoptr (GHashTable) selected = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (store_ids != NULL);
  g_return_if_fail (all != NULL && exclusive != NULL);

  *all = g_ptr_array_new_with_free_func (g_free);
  *exclusive = g_ptr_array_new_with_free_func (g_free);
  if (usage == NULL)
    return;

  for (guint i = 0; i < store_ids->len; i++)
    g_hash_table_add (selected, g_ptr_array_index (store_ids, i));

  g_hash_table_iter_init (&iter, usage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *stores = value;
      guint n_in = 0;

      for (guint j = 0; j < stores->len; j++)
        if (g_hash_table_contains (selected, g_ptr_array_index (stores, j)))
          n_in++;
      if (n_in == 0)
        continue;
      g_ptr_array_add (*all, g_strdup (key));
      if (n_in == stores->len)
        g_ptr_array_add (*exclusive, g_strdup (key));
    }
  g_ptr_array_sort (*all, compare_ids);
  g_ptr_array_sort (*exclusive, compare_ids);
}
