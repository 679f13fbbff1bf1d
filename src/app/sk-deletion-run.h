/* sk-deletion-run.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"

G_BEGIN_DECLS

/* What deleting vector stores does to the files in them */
typedef enum
{
  SK_DELETE_STORES_KEEP_FILES,      /* delete the stores only (default) */
  SK_DELETE_STORES_EXCLUSIVE_FILES, /* and the files no other store uses */
  SK_DELETE_STORES_ALL_FILES,       /* and every file found in them */
} SkDeleteStoresChoice;

#define SK_TYPE_DELETION_RUN (sk_deletion_run_get_type ())
G_DECLARE_FINAL_TYPE (SkDeletionRun, sk_deletion_run, SK, DELETION_RUN, GObject)

SkDeletionRun *sk_deletion_run_new            (SkClient             *client,
                                               guint                 max_in_flight,
                                               gboolean              verify);
void           sk_deletion_run_queue          (SkDeletionRun        *self,
                                               SkBulkKind            kind,
                                               const char           *store_id,
                                               const char * const   *ids);
void           sk_deletion_run_queue_expiry   (SkDeletionRun        *self,
                                               const char * const   *ids,
                                               guint                 days);
void           sk_deletion_run_queue_stores   (SkDeletionRun        *self,
                                               const char * const   *ids,
                                               SkDeleteStoresChoice  choice,
                                               GHashTable           *usage,
                                               GHashTable           *existing);
void           sk_deletion_run_keep           (SkDeletionRun        *self,
                                               SkBulkResult         *result);
gboolean       sk_deletion_run_is_empty       (SkDeletionRun        *self);
SkBulkDelete  *sk_deletion_run_get_job        (SkDeletionRun        *self);
void           sk_deletion_run_execute_async  (SkDeletionRun        *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GListModel    *sk_deletion_run_execute_finish (SkDeletionRun        *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
