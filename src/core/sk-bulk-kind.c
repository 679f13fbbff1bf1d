/* sk-bulk-kind.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The client calls behind one SkBulkKind: how its deletion finishes, and
 * the list of the objects it deletes (for the verification pass). */

#include "config.h"

#include "sk-bulk-kind.h"

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
