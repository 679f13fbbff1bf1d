/* sk-bulk-delete.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-result.h"
#include "sk-client.h"

G_BEGIN_DECLS

#define SK_TYPE_BULK_DELETE (sk_bulk_delete_get_type ())
G_DECLARE_FINAL_TYPE (SkBulkDelete, sk_bulk_delete, SK, BULK_DELETE, GObject)

/* The bulk engine. One job = one kind, one list of IDs: deletions, or
 * (SK_BULK_STORE_EXPIRY) the expiry policy of vector stores set or
 * cleared, where SK_OUTCOME_DELETED means "done". Duplicates are done
 * once; every distinct input ID ends in exactly one outcome. Nothing outside
 * the input is touched. Read-only properties are notified on the main
 * context as they change.
 *
 * Results: a GListModel of SkBulkResult, one per distinct input ID, in input
 * order, created up front in SK_OUTCOME_PENDING; items are the same objects
 * throughout and notify "outcome" when they finish. A second model holds
 * only the finished ones, in finishing order.
 */

SkBulkDelete *sk_bulk_delete_new                (SkClient            *client,
                                                 SkBulkKind           kind,
                                                 const char          *vector_store_id,
                                                 const char * const  *ids);
SkBulkDelete *sk_bulk_delete_new_store_expiry   (SkClient            *client,
                                                 const char * const  *ids,
                                                 guint                days);
SkBulkDelete *sk_bulk_delete_new_retry_failed   (SkBulkDelete        *previous);
SkBulkKind    sk_bulk_delete_get_kind           (SkBulkDelete        *self);
guint         sk_bulk_delete_get_expiry_days    (SkBulkDelete        *self);
void          sk_bulk_delete_set_max_in_flight  (SkBulkDelete        *self,
                                                 guint                max_in_flight);
guint         sk_bulk_delete_get_max_in_flight  (SkBulkDelete        *self);
void          sk_bulk_delete_set_verify         (SkBulkDelete        *self,
                                                 gboolean             verify);
GListModel   *sk_bulk_delete_get_results        (SkBulkDelete        *self);
GListModel   *sk_bulk_delete_get_finished       (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_total        (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_done         (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_succeeded    (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_failed       (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_cancelled    (SkBulkDelete        *self);
guint         sk_bulk_delete_get_n_in_flight    (SkBulkDelete        *self);
gboolean      sk_bulk_delete_get_running        (SkBulkDelete        *self);
double        sk_bulk_delete_get_elapsed        (SkBulkDelete        *self);
double        sk_bulk_delete_get_eta            (SkBulkDelete        *self);
/* IDs that ended SK_OUTCOME_DELETED / SK_OUTCOME_FAILED, in input order
 * (transfer container; the strings belong to the results) */
GPtrArray    *sk_bulk_delete_get_ids_with_outcome (SkBulkDelete      *self,
                                                 SkOutcome            outcome);

/* Runs the job once. Cancelling @cancellable stops starting new requests,
 * cancels those in flight, and marks never-attempted IDs CANCELLED; the
 * callback still comes, after every request in flight has ended, and the
 * job "succeeds" (TRUE) with the partial results. FALSE only when the job
 * could not run at all (already run). */
void          sk_bulk_delete_run_async          (SkBulkDelete        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      sk_bulk_delete_run_finish         (SkBulkDelete        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Deleting stores and their files: list every file of each store (all
 * pages, stores listed concurrently), delete the stores, then (mode
 * DELETE_ALL) delete those files, each once. The stores job and the files job are exposed so a
 * UI can bind their progress; the files job exists once listing is done. */
#define SK_TYPE_BULK_STORES_JOB (sk_bulk_stores_job_get_type ())
G_DECLARE_FINAL_TYPE (SkBulkStoresJob, sk_bulk_stores_job, SK, BULK_STORES_JOB, GObject)

SkBulkStoresJob *sk_bulk_stores_job_new           (SkClient            *client,
                                                   const char * const  *vector_store_ids,
                                                   SkStoreFilesMode     mode);
void             sk_bulk_stores_job_set_max_in_flight (SkBulkStoresJob *self,
                                                   guint                max_in_flight);
SkBulkDelete    *sk_bulk_stores_job_get_stores_job (SkBulkStoresJob    *self);
SkBulkDelete    *sk_bulk_stores_job_get_files_job  (SkBulkStoresJob    *self);
/* distinct file IDs found across the stores (listing errors are reported
 * as failures of the store whose list failed; that store is not deleted) */
guint            sk_bulk_stores_job_get_total_files_found (SkBulkStoresJob *self);
void             sk_bulk_stores_job_run_async      (SkBulkStoresJob    *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         sk_bulk_stores_job_run_finish     (SkBulkStoresJob    *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
