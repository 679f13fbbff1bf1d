/* sk-bulk-kind.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

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
