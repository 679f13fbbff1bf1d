/* sk-stores-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-list-page.h"
#include "sk-storage-summary.h"

G_BEGIN_DECLS

#define SK_TYPE_STORES_PAGE (sk_stores_page_get_type ())
G_DECLARE_FINAL_TYPE (SkStoresPage, sk_stores_page, SK, STORES_PAGE, SkListPage)

/* The Vector stores page: an SkListPage of SkVectorStore. Activating a row
 * opens the store. */

GtkWidget *sk_stores_page_new               (void);
void       sk_stores_page_set_price         (SkStoresPage         *self,
                                             const SkStoragePrice *price);
/* Emits "store-activated" for the row at @position (view order) */
void       sk_stores_page_activate_position (SkStoresPage *self,
                                             guint         position);

/* The SkListPage functions under the names they had before the base
 * class; column ids for sort_by: name, id, files, usage, status,
 * cost, last-active, expires. */
#define sk_stores_page_set_list(self, list)        sk_list_page_set_list (SK_LIST_PAGE (self), (list))
#define sk_stores_page_get_selection(self)         sk_list_page_get_selection (SK_LIST_PAGE (self))
#define sk_stores_page_dup_selected(self)          sk_list_page_dup_selected (SK_LIST_PAGE (self))
#define sk_stores_page_select_all(self)            sk_list_page_select_all (SK_LIST_PAGE (self))
#define sk_stores_page_set_search_text(self, text) sk_list_page_set_search_text (SK_LIST_PAGE (self), (text))
#define sk_stores_page_sort_by(self, id, order)    sk_list_page_sort_by (SK_LIST_PAGE (self), (id), (order))
#define sk_stores_page_get_busy(self)              sk_list_page_get_busy (SK_LIST_PAGE (self))
#define sk_stores_page_get_state(self)             sk_list_page_get_state (SK_LIST_PAGE (self))

G_END_DECLS
