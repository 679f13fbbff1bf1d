/* sk-files-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-paged-list.h"

G_BEGIN_DECLS

#define SK_TYPE_FILES_PAGE (sk_files_page_get_type ())
G_DECLARE_FINAL_TYPE (SkFilesPage, sk_files_page, SK, FILES_PAGE, GtkWidget)

/* The Files page. Properties: "list" (SkPagedList of SkFile), "search-mode",
 * "n-selected" (read-only), "busy" (read-only: loading, filtering or
 * sorting). Issue 6 adds its buttons to sk_files_page_get_actions_box(). */

GtkWidget         *sk_files_page_new              (void);
void               sk_files_page_set_list         (SkFilesPage  *self,
                                                   SkPagedList  *list);
SkPagedList       *sk_files_page_get_list         (SkFilesPage  *self);
/* file ID -> GPtrArray of store IDs (SkOrphanFinder); NULL: not known yet */
void               sk_files_page_set_usage        (SkFilesPage  *self,
                                                   GHashTable   *usage);
GtkSelectionModel *sk_files_page_get_selection    (SkFilesPage  *self);
/* SkFile refs in view order */
GPtrArray         *sk_files_page_dup_selected     (SkFilesPage  *self);
void               sk_files_page_select_all       (SkFilesPage  *self);
void               sk_files_page_unselect_all     (SkFilesPage  *self);
gboolean           sk_files_page_get_search_mode  (SkFilesPage  *self);
void               sk_files_page_set_search_mode  (SkFilesPage  *self,
                                                   gboolean      search_mode);
void               sk_files_page_set_search_text  (SkFilesPage  *self,
                                                   const char   *text);
/* NULL: all purposes */
void               sk_files_page_set_purpose      (SkFilesPage  *self,
                                                   const char   *purpose);
GStrv              sk_files_page_dup_purposes     (SkFilesPage  *self);
void               sk_files_page_set_orphans_only (SkFilesPage  *self,
                                                   gboolean      orphans_only);
/* column ids: filename, id, purpose, size, created, expires, stores */
void               sk_files_page_sort_by          (SkFilesPage  *self,
                                                   const char   *column_id,
                                                   GtkSortType   order);
gboolean           sk_files_page_get_busy         (SkFilesPage  *self);
/* "loading", "list", "empty", "no-results" or "error" */
const char        *sk_files_page_get_state        (SkFilesPage  *self);
GtkWidget         *sk_files_page_get_actions_box  (SkFilesPage  *self);
/* Orphan filter on, search and purpose cleared, every orphan selected */
void               sk_files_page_select_orphans   (SkFilesPage  *self);

G_END_DECLS
