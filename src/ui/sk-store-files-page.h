/* sk-store-files-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-paged-list.h"

G_BEGIN_DECLS

#define SK_TYPE_STORE_FILES_PAGE (sk_store_files_page_get_type ())
G_DECLARE_FINAL_TYPE (SkStoreFilesPage, sk_store_files_page, SK, STORE_FILES_PAGE, GtkWidget)

/* The files of one vector store, joined with the account's files (by ID)
 * for filenames and sizes; IDs with no file are shown as "File deleted".
 * Properties: "search-mode", "n-selected", "busy". */

GtkWidget         *sk_store_files_page_new             (void);
/* @client NULL clears the page. @files_by_id: file ID -> SkFile (nullable);
 * @files_complete: the account's file list is fully loaded, so an ID
 * missing from it is a deleted file. */
void               sk_store_files_page_set_store       (SkStoreFilesPage *self,
                                                        SkClient         *client,
                                                        SkVectorStore    *store,
                                                        GHashTable       *files_by_id,
                                                        gboolean          files_complete);
void               sk_store_files_page_set_files       (SkStoreFilesPage *self,
                                                        GHashTable       *files_by_id,
                                                        gboolean          files_complete);
SkVectorStore     *sk_store_files_page_get_store       (SkStoreFilesPage *self);
SkPagedList       *sk_store_files_page_get_list        (SkStoreFilesPage *self);
void               sk_store_files_page_reload          (SkStoreFilesPage *self);
GtkSelectionModel *sk_store_files_page_get_selection   (SkStoreFilesPage *self);
GPtrArray         *sk_store_files_page_dup_selected    (SkStoreFilesPage *self);
void               sk_store_files_page_select_all      (SkStoreFilesPage *self);
void               sk_store_files_page_unselect_all    (SkStoreFilesPage *self);
gboolean           sk_store_files_page_get_search_mode (SkStoreFilesPage *self);
void               sk_store_files_page_set_search_mode (SkStoreFilesPage *self,
                                                        gboolean          search_mode);
void               sk_store_files_page_set_search_text (SkStoreFilesPage *self,
                                                        const char       *text);
/* The filename shown for the row at @position (view order), or NULL */
char              *sk_store_files_page_dup_row_name    (SkStoreFilesPage *self,
                                                        guint             position);
gboolean           sk_store_files_page_get_busy        (SkStoreFilesPage *self);
const char        *sk_store_files_page_get_state       (SkStoreFilesPage *self);
GtkWidget         *sk_store_files_page_get_actions_box (SkStoreFilesPage *self);

G_END_DECLS
