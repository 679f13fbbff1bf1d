/* sk-list-select.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-list-select.h"

/**
 * sk_list_select_items:
 * @page: a list page
 * @items: (element-type GObject): objects with an "id" property
 *
 * Selects, in @page as it is shown, exactly the rows whose ID is one of
 * @items'; every other row is unselected.
 */
void
sk_list_select_items (SkListPage *page,
                      GPtrArray  *items)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr (GtkBitset) every = NULL;
  GtkSelectionModel *selection;
  guint n;

  g_return_if_fail (SK_IS_LIST_PAGE (page));
  g_return_if_fail (items != NULL);

  selection = sk_list_page_get_selection (page);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  for (guint i = 0; i < items->len; i++)
    {
      char *id = NULL;

      g_object_get (g_ptr_array_index (items, i), "id", &id, NULL);
      g_hash_table_add (ids, id);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autofree char *id = NULL;

      g_object_get (item, "id", &id, NULL);
      if (id != NULL && g_hash_table_contains (ids, id))
        gtk_bitset_add (wanted, i);
    }
  every = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (selection, wanted, every);
}
