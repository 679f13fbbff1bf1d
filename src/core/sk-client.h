/* sk-client.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sk-attempt.h"
#include "sk-error.h"
#include "sk-file.h"
#include "sk-provider.h"
#include "sk-rate-gate.h"
#include "sk-retry-policy.h"
#include "sk-types.h"
#include "sk-vector-store.h"
#include "sk-vector-store-file.h"

G_BEGIN_DECLS

#define SK_DEFAULT_BASE_URL "https://api.openai.com/v1"

#define SK_TYPE_CLIENT (sk_client_get_type ())
G_DECLARE_FINAL_TYPE (SkClient, sk_client, SK, CLIENT, GObject)

/**
 * SkListOptions:
 * @order: by creation time, %SK_ORDER_DESC by default (zero)
 * @after: (nullable): start after this ID (cursor)
 * @before: (nullable): vector-store lists only: end before this ID
 * @max_items: stop once this many items were received (0: walk every page)
 * @purpose: (nullable): files only: only files of this purpose
 * @filter: (nullable): vector store files only: status filter
 *   (`in_progress`, `completed`, `failed`, `cancelled`), sent as `filter`
 *
 * Options of the list calls. Zero-initialise (`SkListOptions opts = { 0 };`);
 * a %NULL #SkListOptions means all defaults. Strings are copied.
 */
typedef struct
{
  SkOrder     order;
  const char *after;
  const char *before;
  guint       max_items;
  const char *purpose;
  const char *filter;
} SkListOptions;

/**
 * SkPageFunc:
 * @items: the objects of one page, in server order (#SkFile, #SkVectorStore
 *   or #SkVectorStoreFile, or #JsonNode for batches and fine-tuning jobs);
 *   borrowed, ref what you keep
 * @user_data: the data given with the function
 *
 * Called on the thread-default main context each time a page has arrived
 * and parsed, before the next page is requested, so a window can show
 * rows early. Not called after the operation was cancelled.
 */
typedef void (*SkPageFunc) (GPtrArray *items,
                            gpointer   user_data);

SkClient          *sk_client_new                     (const char     *base_url,
                                                      const char     *api_key);
const char        *sk_client_get_base_url            (SkClient       *self);
void               sk_client_set_api_key             (SkClient       *self,
                                                      const char     *api_key);
gboolean           sk_client_has_api_key             (SkClient       *self);
const char        *sk_client_get_organization        (SkClient       *self);
void               sk_client_set_organization        (SkClient       *self,
                                                      const char     *organization);
const char        *sk_client_get_project             (SkClient       *self);
void               sk_client_set_project             (SkClient       *self,
                                                      const char     *project);
SkProvider         sk_client_get_provider            (SkClient       *self);
const char        *sk_client_get_api_version         (SkClient       *self);
SoupSession       *sk_client_get_session             (SkClient       *self);
guint              sk_client_get_n_requests          (SkClient       *self);
SkRateGate        *sk_client_get_rate_gate           (SkClient       *self);

/* Lists: every page (or up to max_items), as one array in server order. */
void               sk_client_list_files_async        (SkClient       *self,
                                                      const SkListOptions *options,
                                                      SkPageFunc      page_func,
                                                      gpointer        page_data,
                                                      GDestroyNotify  page_data_destroy,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray         *sk_client_list_files_finish       (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
void               sk_client_list_vector_stores_async (SkClient      *self,
                                                      const SkListOptions *options,
                                                      SkPageFunc      page_func,
                                                      gpointer        page_data,
                                                      GDestroyNotify  page_data_destroy,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray         *sk_client_list_vector_stores_finish (SkClient     *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
void               sk_client_list_vector_store_files_async (SkClient *self,
                                                      const char     *vector_store_id,
                                                      const SkListOptions *options,
                                                      SkPageFunc      page_func,
                                                      gpointer        page_data,
                                                      GDestroyNotify  page_data_destroy,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray         *sk_client_list_vector_store_files_finish (SkClient *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
/* Batches and fine-tuning jobs, as their JSON objects (JsonNode), newest
 * first; options: after and max_items only. */
void               sk_client_list_batches_async      (SkClient       *self,
                                                      const SkListOptions *options,
                                                      SkPageFunc      page_func,
                                                      gpointer        page_data,
                                                      GDestroyNotify  page_data_destroy,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray         *sk_client_list_batches_finish     (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
void               sk_client_list_fine_tuning_jobs_async (SkClient   *self,
                                                      const SkListOptions *options,
                                                      SkPageFunc      page_func,
                                                      gpointer        page_data,
                                                      GDestroyNotify  page_data_destroy,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
GPtrArray         *sk_client_list_fine_tuning_jobs_finish (SkClient  *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* Single objects */
void               sk_client_retrieve_file_async     (SkClient       *self,
                                                      const char     *file_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
SkFile            *sk_client_retrieve_file_finish    (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
void               sk_client_retrieve_vector_store_async (SkClient   *self,
                                                      const char     *vector_store_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
SkVectorStore     *sk_client_retrieve_vector_store_finish (SkClient  *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* Expiry of a vector store: POST /vector_stores/{id} with expires_after
 * {"anchor": "last_active_at", "days": days}, or null when @days is 0. */
#define SK_VECTOR_STORE_MAX_EXPIRY_DAYS 365
void               sk_client_set_vector_store_expiry_async (SkClient *self,
                                                      const char     *vector_store_id,
                                                      guint           days,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
SkVectorStore     *sk_client_set_vector_store_expiry_finish (SkClient *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* Deletions: TRUE when the server answered `"deleted": true`. The parsed
 * deletion object is available with sk_client_delete_result_get_json(). */
void               sk_client_delete_file_async       (SkClient       *self,
                                                      const char     *file_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean           sk_client_delete_file_finish      (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
void               sk_client_delete_vector_store_async (SkClient     *self,
                                                      const char     *vector_store_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean           sk_client_delete_vector_store_finish (SkClient    *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
/* Detach: DELETE /vector_stores/{vs}/files/{file}; the file itself stays. */
void               sk_client_detach_file_async       (SkClient       *self,
                                                      const char     *vector_store_id,
                                                      const char     *file_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
gboolean           sk_client_detach_file_finish      (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);
/* Attach: POST /vector_stores/{vs}/files {"file_id": ...} (undo of detach) */
void               sk_client_attach_file_async       (SkClient       *self,
                                                      const char     *vector_store_id,
                                                      const char     *file_id,
                                                      GCancellable   *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
SkVectorStoreFile *sk_client_attach_file_finish      (SkClient       *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/* The deletion object the server sent (e.g. {"id","object","deleted"}) for a
 * result of one of the delete/detach calls above, or NULL. Transfer full. */
JsonNode          *sk_client_delete_result_get_json  (GAsyncResult   *result);

/* Additive, for the bulk engine. The three deletions above with a second
 * cancellable, @stop: once it is cancelled, no new attempt starts. A
 * request waiting to be sent (for the client-wide rate-limit gate or a
 * backoff) ends at once with G_IO_ERROR_CANCELLED; an attempt already on
 * the wire goes on and its answer is the result (no retry). @cancellable
 * still cancels everything. Finish with the _finish function of @kind. */
void               sk_client_delete_with_stop_async  (SkClient       *self,
                                                      SkBulkKind      kind,
                                                      const char     *vector_store_id,
                                                      const char     *id,
                                                      GCancellable   *cancellable,
                                                      GCancellable   *stop,
                                                      GAsyncReadyCallback callback,
                                                      gpointer        user_data);
/* About the result of any deletion call, after its _finish:
 * - already_gone: it succeeded because a retry got 404 after an earlier
 *   attempt that ended with no clear answer (a timeout, a connection lost
 *   once the request may have been sent, a 5xx): that attempt deleted it.
 *   A 404 on the first attempt stays a failure (SK_CLIENT_ERROR_NOT_FOUND).
 * - maybe_processed: an attempt ended with no clear answer (as above, or
 *   cancelled on the wire): a failed call may still have deleted it.
 * - retry_after_ms: the server's delay in its last answer, -1 when none. */
gboolean           sk_client_delete_result_already_gone (GAsyncResult *result);
gboolean           sk_client_delete_result_maybe_processed (GAsyncResult *result);
gint64             sk_client_delete_result_get_retry_after_ms (GAsyncResult *result);

G_END_DECLS
