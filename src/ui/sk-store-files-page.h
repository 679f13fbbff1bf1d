/* sk-store-files-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-list-page.h"

G_BEGIN_DECLS

#define SK_TYPE_STORE_FILES_PAGE (sk_store_files_page_get_type ())
G_DECLARE_FINAL_TYPE (SkStoreFilesPage, sk_store_files_page, SK, STORE_FILES_PAGE, SkListPage)

/* The files of one vector store: an SkListPage of SkVectorStoreFile, joined
 * with the account's files (by ID) for filenames and sizes; IDs with no
 * file are shown as "File deleted". */

GtkWidget     *sk_store_files_page_new          (void);
/* @client NULL clears the page. @files_by_id: file ID -> SkFile (nullable);
 * @files_complete: the account's file list is fully loaded, so an ID
 * missing from it is a deleted file. */
void           sk_store_files_page_set_store    (SkStoreFilesPage *self,
                                                 SkClient         *client,
                                                 SkVectorStore    *store,
                                                 GHashTable       *files_by_id,
                                                 gboolean          files_complete);
void           sk_store_files_page_set_files    (SkStoreFilesPage *self,
                                                 GHashTable       *files_by_id,
                                                 gboolean          files_complete);
SkVectorStore *sk_store_files_page_get_store    (SkStoreFilesPage *self);
/* The filename shown for the row at @position (view order), or NULL */
char          *sk_store_files_page_dup_row_name (SkStoreFilesPage *self,
                                                 guint             position);

/* The SkListPage functions under the names they had before the base
 * class; column ids for sort_by: filename, id, status, size, usage,
 * attached. */
#define sk_store_files_page_reload(self)        sk_list_page_reload (SK_LIST_PAGE (self))
#define sk_store_files_page_get_selection(self) sk_list_page_get_selection (SK_LIST_PAGE (self))
#define sk_store_files_page_dup_selected(self)  sk_list_page_dup_selected (SK_LIST_PAGE (self))
#define sk_store_files_page_select_all(self)    sk_list_page_select_all (SK_LIST_PAGE (self))
#define sk_store_files_page_get_busy(self)      sk_list_page_get_busy (SK_LIST_PAGE (self))

G_END_DECLS
