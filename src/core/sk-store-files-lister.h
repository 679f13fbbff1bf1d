/* sk-store-files-lister.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

#define SK_TYPE_STORE_FILES_LISTER (sk_store_files_lister_get_type ())
G_DECLARE_FINAL_TYPE (SkStoreFilesLister, sk_store_files_lister, SK, STORE_FILES_LISTER, GObject)

/**
 * SkStoreFilesFunc:
 * @store_id: the store
 * @index: the position of @store_id in the order the stores were added
 * @file_ids: (element-type utf8) (transfer none) (nullable): the IDs of
 *   its files, in server order; %NULL on error
 * @entries: (element-type SkVectorStoreFile) (transfer none) (nullable):
 *   the same files as the objects listed (status, usage); %NULL on error
 * @error: (nullable): why its list could not be read
 * @user_data: the data given to sk_store_files_lister_new()
 *
 * Called once per store whose list ended.
 */
typedef void (*SkStoreFilesFunc) (const char   *store_id,
                                  guint         index,
                                  GPtrArray    *file_ids,
                                  GPtrArray    *entries,
                                  const GError *error,
                                  gpointer      user_data);

SkStoreFilesLister *sk_store_files_lister_new               (SkClient            *client,
                                                            SkStoreFilesFunc     func,
                                                            gpointer             user_data);
void                sk_store_files_lister_set_max_in_flight (SkStoreFilesLister  *self,
                                                            guint                max_in_flight);
void                sk_store_files_lister_set_adaptive      (SkStoreFilesLister  *self,
                                                            gboolean             adaptive);
guint               sk_store_files_lister_get_limit         (SkStoreFilesLister  *self);
guint               sk_store_files_lister_get_peak_in_flight (SkStoreFilesLister *self);
void                sk_store_files_lister_add               (SkStoreFilesLister  *self,
                                                            const char          *store_id);
void                sk_store_files_lister_close             (SkStoreFilesLister  *self);
void                sk_store_files_lister_run_async         (SkStoreFilesLister  *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            sk_store_files_lister_run_finish        (SkStoreFilesLister  *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
