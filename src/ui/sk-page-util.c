/* sk-page-util.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-page-util.h"

#include "sk-format.h"

#include <string.h>

gboolean
sk_page_util_search_changed (GtkEditable  *entry,
                             char        **folded_search,
                             GtkFilter    *filter)
{
  g_autofree char *folded = sk_format_fold (gtk_editable_get_text (entry));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (folded, *folded_search) == 0)
    return FALSE;
  if (*folded_search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, *folded_search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (*folded_search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (*folded_search);
  *folded_search = g_steal_pointer (&folded);
  gtk_filter_changed (filter, change);
  return TRUE;
}

gboolean
sk_page_util_update_selection (GtkSelectionModel  *selection,
                               SkPageItemSizeFunc  size_func,
                               gpointer            user_data,
                               GtkLabel           *label,
                               GtkRevealer        *revealer,
                               guint              *n_selected)
{
  g_autoptr (GtkBitset) bitset = NULL;
  GtkBitsetIter iter;
  guint position;
  gint64 total = 0;
  guint n;
  g_autofree char *text = NULL;

  bitset = gtk_selection_model_get_selection (selection);
  n = (guint) gtk_bitset_get_size (bitset);

  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    {
      do
        {
          g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (selection), position);

          if (item != NULL)
            total += MAX (size_func (item, user_data), 0);
        }
      while (gtk_bitset_iter_next (&iter, &position));
    }

  text = sk_format_selection (n, total, TRUE);
  gtk_label_set_text (label, text);
  gtk_revealer_set_reveal_child (revealer, n > 0);

  if (n == *n_selected)
    return FALSE;
  *n_selected = n;
  return TRUE;
}

GPtrArray *
sk_page_util_dup_selected (GtkSelectionModel *selection)
{
  g_autoptr (GtkBitset) bitset = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  bitset = gtk_selection_model_get_selection (selection);
  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      g_ptr_array_add (result, g_list_model_get_item (G_LIST_MODEL (selection), position));
    while (gtk_bitset_iter_next (&iter, &position));

  return result;
}

void
sk_page_util_sort_by (GtkColumnView *view,
                      const char    *column_id,
                      GtkSortType    order)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "sk-column-id"), column_id) == 0)
        {
          gtk_column_view_sort_by_column (view, column, order);
          return;
        }
    }
  g_warning ("No column %s", column_id);
}
