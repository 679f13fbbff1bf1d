/* sk-bulk-kind.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The client calls behind one SkBulkKind: the request sent for each ID
 * (a deletion, or the change of a store's expiry) and how it finishes, and
 * the list of the objects a deletion removes (for the verification pass). */

#include "config.h"

#include "sk-bulk-kind.h"

#include "sk-client-update.h"

/**
 * sk_bulk_kind_send_async:
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 * @expiry_days: for %SK_BULK_STORE_EXPIRY: the days of the policy, 0 to
 *   clear it
 * @id: the ID the request acts on
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 * @stop: (nullable): once cancelled, no new attempt starts
 *
 * Sends the request of @kind for @id. Finish with
 * sk_bulk_kind_send_finish().
 */
void
sk_bulk_kind_send_async (SkBulkKind           kind,
                         SkClient            *client,
                         const char          *vector_store_id,
                         guint                expiry_days,
                         const char          *id,
                         GCancellable        *cancellable,
                         GCancellable        *stop,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  if (kind == SK_BULK_STORE_EXPIRY)
    sk_client_set_vector_store_expiry_with_stop_async (client, id, expiry_days, cancellable, stop,
                                                       callback, user_data);
  else
    sk_client_delete_with_stop_async (client, kind, vector_store_id, id, cancellable, stop,
                                      callback, user_data);
}

/**
 * sk_bulk_kind_send_finish:
 * @result: the result of sk_bulk_kind_send_async() for @kind
 * @answer: (out caller-allocates): what the attempts told
 *
 * Returns: %TRUE when the server confirmed the deletion (or detachment,
 *   or the change)
 */
gboolean
sk_bulk_kind_send_finish (SkBulkKind         kind,
                          SkClient          *client,
                          GAsyncResult      *result,
                          SkBulkKindAnswer  *answer,
                          GError           **error)
{
  g_autoptr (SkVectorStore) store = NULL;
  g_autoptr (JsonNode) json = NULL;
  gboolean ok;

  g_return_val_if_fail (answer != NULL, FALSE);

  *answer = (SkBulkKindAnswer) { FALSE, FALSE, -1, FALSE };

  if (kind == SK_BULK_STORE_EXPIRY)
    {
      store = sk_client_set_vector_store_expiry_finish (client, result, error);
      answer->maybe_processed = sk_client_update_result_maybe_processed (result);
      answer->retry_after_ms = sk_client_update_result_get_retry_after_ms (result);
      return store != NULL;
    }

  ok = sk_bulk_kind_delete_finish (kind, client, result, error);
  json = sk_client_delete_result_get_json (result);
  answer->already_gone = sk_client_delete_result_already_gone (result);
  answer->maybe_processed = sk_client_delete_result_maybe_processed (result);
  answer->retry_after_ms = sk_client_delete_result_get_retry_after_ms (result);
  answer->has_deletion_object = json != NULL;
  return ok;
}

/**
 * sk_bulk_kind_delete_finish:
 * @result: the result of sk_client_delete_with_stop_async() for @kind
 *
 * Returns: %TRUE when the server confirmed the deletion (or detachment)
 */
gboolean
sk_bulk_kind_delete_finish (SkBulkKind     kind,
                            SkClient      *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      return sk_client_delete_file_finish (client, result, error);
    case SK_BULK_DELETE_VECTOR_STORES:
      return sk_client_delete_vector_store_finish (client, result, error);
    case SK_BULK_DETACH_FILES:
      return sk_client_detach_file_finish (client, result, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * sk_bulk_kind_list_async:
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 *
 * Lists every object (all pages) of the kind @kind deletes: the files,
 * the vector stores, or the files of @vector_store_id.
 */
void
sk_bulk_kind_list_async (SkBulkKind           kind,
                         SkClient            *client,
                         const char          *vector_store_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      sk_client_list_files_async (client, NULL, NULL, NULL, NULL, cancellable,
                                  callback, user_data);
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      sk_client_list_vector_stores_async (client, NULL, NULL, NULL, NULL, cancellable,
                                          callback, user_data);
      break;
    case SK_BULK_DETACH_FILES:
      sk_client_list_vector_store_files_async (client, vector_store_id, NULL,
                                               NULL, NULL, NULL, cancellable,
                                               callback, user_data);
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * sk_bulk_kind_list_finish:
 *
 * Returns: (transfer container) (element-type GObject): the objects, each
 *   with an "id" property; %NULL on error
 */
GPtrArray *
sk_bulk_kind_list_finish (SkBulkKind     kind,
                          SkClient      *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      return sk_client_list_files_finish (client, result, error);
    case SK_BULK_DELETE_VECTOR_STORES:
      return sk_client_list_vector_stores_finish (client, result, error);
    case SK_BULK_DETACH_FILES:
      return sk_client_list_vector_store_files_finish (client, result, error);
    default:
      g_return_val_if_reached (NULL);
    }
}
