/* sk-page-util.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-paged-list.h"

G_BEGIN_DECLS

/* What the three list pages (files, vector stores, files of a store) share:
 * each page keeps its own widgets and fields and passes them in. */

/* Size in bytes that one selected row counts for in the selection summary;
 * a negative size counts as 0. */
typedef gint64 (*SkPageItemSizeFunc) (gpointer item,
                                      gpointer user_data);

/* Folds the text of @entry and, when it differs from *folded_search, stores
 * it there and tells @filter how the filter changed. Returns TRUE when it
 * changed. */
gboolean   sk_page_util_search_changed   (GtkEditable        *entry,
                                          char              **folded_search,
                                          GtkFilter          *filter);
/* Sums the size of the selected rows, shows "N selected · size" in @label,
 * reveals @revealer when something is selected and stores the count in
 * *n_selected. Returns TRUE when *n_selected changed. */
gboolean   sk_page_util_update_selection (GtkSelectionModel  *selection,
                                          SkPageItemSizeFunc  size_func,
                                          gpointer            user_data,
                                          GtkLabel           *label,
                                          GtkRevealer        *revealer,
                                          guint              *n_selected);
/* A new reference to each selected item, in order. */
GPtrArray *sk_page_util_dup_selected     (GtkSelectionModel  *selection);
/* Sorts @view by the column added with sk_format_add_column() as @column_id. */
void       sk_page_util_sort_by          (GtkColumnView      *view,
                                          const char         *column_id,
                                          GtkSortType         order);

/* The model chain of a page: @list (set later) -> filter -> sort ->
 * multi-selection, filtering and sorting incrementally. */
void       sk_page_util_models_new       (GtkCustomFilterFunc  match,
                                          gpointer             user_data,
                                          GtkCustomFilter    **filter,
                                          GtkFilterListModel **filter_model,
                                          GtkSortListModel   **sort_model,
                                          GtkMultiSelection  **selection);
/* Disconnects every handler @page has on the models that are not NULL. */
void       sk_page_util_disconnect       (gpointer             page,
                                          SkPagedList         *list,
                                          GtkFilterListModel  *filter_model,
                                          GtkSortListModel    *sort_model,
                                          GtkMultiSelection   *selection);
/* Makes @list the list of @page, in *page_list and under @filter_model:
 * moves @page's handlers from the old list and calls @items_changed on
 * "items-changed" of @list and @state_changed on its "notify::loading" and
 * "notify::error", swapped. Returns FALSE when @list already was the list. */
gboolean   sk_page_util_set_list         (gpointer             page,
                                          SkPagedList        **page_list,
                                          SkPagedList         *list,
                                          GtkFilterListModel  *filter_model,
                                          GCallback            items_changed,
                                          GCallback            state_changed);
/* Shows or hides @bar, focusing @entry when shown. */
void       sk_page_util_set_search_mode  (GtkSearchBar        *bar,
                                          GtkSearchEntry      *entry,
                                          gboolean             search_mode);
/* Clears @entry, hides @bar and gives the focus back to @focus. */
void       sk_page_util_stop_search      (GtkSearchBar        *bar,
                                          GtkSearchEntry      *entry,
                                          GtkWidget           *focus);
/* TRUE while @list loads or the models filter or sort; FALSE without list. */
gboolean   sk_page_util_is_busy          (SkPagedList         *list,
                                          GtkFilterListModel  *filter_model,
                                          GtkSortListModel    *sort_model);
/* Shows the child of @stack for the state of @list: "loading", "error"
 * (@error_page and @error_button set up with @error_title), "empty",
 * "no-results" or "list", and @spinner while loading. Returns the counts
 * each page words its own status line with. */
void       sk_page_util_update_state     (SkPagedList         *list,
                                          GtkFilterListModel  *filter_model,
                                          GtkStack            *stack,
                                          GtkSpinner          *spinner,
                                          AdwStatusPage       *error_page,
                                          GtkButton           *error_button,
                                          const char          *error_title,
                                          guint               *n_all,
                                          guint               *n_shown,
                                          gboolean            *loading);

G_END_DECLS
