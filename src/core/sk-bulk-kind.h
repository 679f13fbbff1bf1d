/* sk-bulk-kind.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

/* What the attempts of one request of a bulk job told, beyond success:
 * @already_gone: a deletion succeeded because a retry found the object
 *   gone after an attempt with no clear answer;
 * @maybe_processed: an attempt ended with no clear answer;
 * @retry_after_ms: the server's delay in its last answer, -1 none;
 * @has_deletion_object: the server answered a deletion object. */
typedef struct
{
  gboolean already_gone;
  gboolean maybe_processed;
  gint64   retry_after_ms;
  gboolean has_deletion_object;
} SkBulkKindAnswer;

void       sk_bulk_kind_send_async    (SkBulkKind           kind,
                                       SkClient            *client,
                                       const char          *vector_store_id,
                                       guint                expiry_days,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GCancellable        *stop,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean   sk_bulk_kind_send_finish   (SkBulkKind           kind,
                                       SkClient            *client,
                                       GAsyncResult        *result,
                                       SkBulkKindAnswer    *answer,
                                       GError             **error);
gboolean   sk_bulk_kind_delete_finish (SkBulkKind           kind,
                                       SkClient            *client,
                                       GAsyncResult        *result,
                                       GError             **error);
void       sk_bulk_kind_list_async    (SkBulkKind           kind,
                                       SkClient            *client,
                                       const char          *vector_store_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *sk_bulk_kind_list_finish   (SkBulkKind           kind,
                                       SkClient            *client,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
