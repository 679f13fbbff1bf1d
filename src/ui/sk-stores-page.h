/* sk-stores-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-paged-list.h"

G_BEGIN_DECLS

#define SK_TYPE_STORES_PAGE (sk_stores_page_get_type ())
G_DECLARE_FINAL_TYPE (SkStoresPage, sk_stores_page, SK, STORES_PAGE, GtkWidget)

/* The Vector stores page. Properties: "list" (SkPagedList of
 * SkVectorStore), "search-mode", "n-selected", "busy". Signal
 * "store-activated" (SkVectorStore *store): a row was activated. */

GtkWidget         *sk_stores_page_new             (void);
void               sk_stores_page_set_list        (SkStoresPage *self,
                                                   SkPagedList  *list);
SkPagedList       *sk_stores_page_get_list        (SkStoresPage *self);
GtkSelectionModel *sk_stores_page_get_selection   (SkStoresPage *self);
GPtrArray         *sk_stores_page_dup_selected    (SkStoresPage *self);
void               sk_stores_page_select_all      (SkStoresPage *self);
void               sk_stores_page_unselect_all    (SkStoresPage *self);
gboolean           sk_stores_page_get_search_mode (SkStoresPage *self);
void               sk_stores_page_set_search_mode (SkStoresPage *self,
                                                   gboolean      search_mode);
void               sk_stores_page_set_search_text (SkStoresPage *self,
                                                   const char   *text);
/* column ids: name, id, files, usage, status, last-active, expires */
void               sk_stores_page_sort_by         (SkStoresPage *self,
                                                   const char   *column_id,
                                                   GtkSortType   order);
void               sk_stores_page_activate_position (SkStoresPage *self,
                                                   guint         position);
gboolean           sk_stores_page_get_busy        (SkStoresPage *self);
const char        *sk_stores_page_get_state       (SkStoresPage *self);
GtkWidget         *sk_stores_page_get_actions_box (SkStoresPage *self);

G_END_DECLS
