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

void
sk_page_util_models_new (GtkCustomFilterFunc   match,
                         gpointer              user_data,
                         GtkCustomFilter     **filter,
                         GtkFilterListModel  **filter_model,
                         GtkSortListModel    **sort_model,
                         GtkMultiSelection   **selection)
{
  *filter = gtk_custom_filter_new (match, user_data, NULL);
  *filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (*filter)));
  gtk_filter_list_model_set_incremental (*filter_model, TRUE);
  *sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (*filter_model)), NULL);
  gtk_sort_list_model_set_incremental (*sort_model, TRUE);
  *selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (*sort_model)));
}

void
sk_page_util_disconnect (gpointer            page,
                         SkPagedList        *list,
                         GtkFilterListModel *filter_model,
                         GtkSortListModel   *sort_model,
                         GtkMultiSelection  *selection)
{
  if (list != NULL)
    g_signal_handlers_disconnect_by_data (list, page);
  if (filter_model != NULL)
    g_signal_handlers_disconnect_by_data (filter_model, page);
  if (sort_model != NULL)
    g_signal_handlers_disconnect_by_data (sort_model, page);
  if (selection != NULL)
    g_signal_handlers_disconnect_by_data (selection, page);
}

gboolean
sk_page_util_set_list (gpointer             page,
                       SkPagedList        **page_list,
                       SkPagedList         *list,
                       GtkFilterListModel  *filter_model,
                       GCallback            items_changed,
                       GCallback            state_changed)
{
  if (*page_list == list)
    return FALSE;

  if (*page_list != NULL)
    g_signal_handlers_disconnect_by_data (*page_list, page);
  g_set_object (page_list, list);

  gtk_filter_list_model_set_model (filter_model, G_LIST_MODEL (list));

  if (list != NULL)
    {
      g_signal_connect_object (list, "items-changed", items_changed, page, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loading", state_changed, page, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::error", state_changed, page, G_CONNECT_SWAPPED);
    }
  return TRUE;
}

void
sk_page_util_set_search_mode (GtkSearchBar   *bar,
                              GtkSearchEntry *entry,
                              gboolean        search_mode)
{
  gtk_search_bar_set_search_mode (bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (entry));
}

void
sk_page_util_stop_search (GtkSearchBar   *bar,
                          GtkSearchEntry *entry,
                          GtkWidget      *focus)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (bar, FALSE);
  gtk_widget_grab_focus (focus);
}

gboolean
sk_page_util_is_busy (SkPagedList        *list,
                      GtkFilterListModel *filter_model,
                      GtkSortListModel   *sort_model)
{
  return list != NULL
         && (sk_paged_list_get_loading (list)
             || gtk_filter_list_model_get_pending (filter_model) > 0
             || gtk_sort_list_model_get_pending (sort_model) > 0);
}

void
sk_page_util_update_state (SkPagedList        *list,
                           GtkFilterListModel *filter_model,
                           GtkStack           *stack,
                           GtkSpinner         *spinner,
                           AdwStatusPage      *error_page,
                           GtkButton          *error_button,
                           const char         *error_title,
                           guint              *n_all,
                           guint              *n_shown,
                           gboolean           *loading)
{
  const GError *error = list ? sk_paged_list_get_error (list) : NULL;
  const char *state;

  *n_all = list ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
  *n_shown = g_list_model_get_n_items (G_LIST_MODEL (filter_model));
  *loading = list ? sk_paged_list_get_loading (list) : FALSE;

  if (*n_all == 0)
    {
      if (*loading || list == NULL)
        state = "loading";
      else if (error != NULL)
        {
          sk_format_error_page (error_page, error_button, error, error_title);
          state = "error";
        }
      else
        state = "empty";
    }
  else if (*n_shown == 0 && gtk_filter_list_model_get_pending (filter_model) == 0)
    state = "no-results";
  else
    state = "list";

  gtk_stack_set_visible_child_name (stack, state);

  gtk_widget_set_visible (GTK_WIDGET (spinner), *loading);
  gtk_spinner_set_spinning (spinner, *loading);
}
