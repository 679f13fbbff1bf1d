/* sk-files-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-list-page.h"
#include "sk-usage-index.h"

G_BEGIN_DECLS

#define SK_TYPE_FILES_PAGE (sk_files_page_get_type ())
G_DECLARE_FINAL_TYPE (SkFilesPage, sk_files_page, SK, FILES_PAGE, SkListPage)

/* The Files page: an SkListPage of SkFile with a purpose filter, the
 * "not in any vector store" filter and the "In Stores" column. */

GtkWidget *sk_files_page_new              (void);
/* file ID -> GPtrArray of store IDs (SkOrphanFinder); NULL: not known yet */
void       sk_files_page_set_usage        (SkFilesPage *self,
                                           GHashTable  *usage);
/* NULL: all purposes */
void       sk_files_page_set_purpose      (SkFilesPage *self,
                                           const char  *purpose);
GStrv      sk_files_page_dup_purposes     (SkFilesPage *self);
void       sk_files_page_set_orphans_only (SkFilesPage *self,
                                           gboolean     orphans_only);
/* Where each file is used, for the "Used by" column and the "Unused"
 * filter; NULL: not known yet */
void       sk_files_page_set_usage_index  (SkFilesPage  *self,
                                           SkUsageIndex *index);
SkUsageIndex *sk_files_page_get_usage_index (SkFilesPage *self);
void       sk_files_page_set_unused_only  (SkFilesPage *self,
                                           gboolean     unused_only);
/* Orphan filter on, search and purpose cleared, every orphan selected */
void       sk_files_page_select_orphans   (SkFilesPage *self);

/* The SkListPage functions under the names they had before the base
 * class; column ids for sort_by: filename, id, purpose, size, created,
 * expires, stores, used-by. */
#define sk_files_page_set_list(self, list)        sk_list_page_set_list (SK_LIST_PAGE (self), (list))
#define sk_files_page_get_selection(self)         sk_list_page_get_selection (SK_LIST_PAGE (self))
#define sk_files_page_dup_selected(self)          sk_list_page_dup_selected (SK_LIST_PAGE (self))
#define sk_files_page_select_all(self)            sk_list_page_select_all (SK_LIST_PAGE (self))
#define sk_files_page_unselect_all(self)          sk_list_page_unselect_all (SK_LIST_PAGE (self))
#define sk_files_page_set_search_text(self, text) sk_list_page_set_search_text (SK_LIST_PAGE (self), (text))
#define sk_files_page_sort_by(self, id, order)    sk_list_page_sort_by (SK_LIST_PAGE (self), (id), (order))
#define sk_files_page_get_busy(self)              sk_list_page_get_busy (SK_LIST_PAGE (self))
#define sk_files_page_get_state(self)             sk_list_page_get_state (SK_LIST_PAGE (self))

G_END_DECLS
