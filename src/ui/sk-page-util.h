/* sk-page-util.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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

G_END_DECLS
