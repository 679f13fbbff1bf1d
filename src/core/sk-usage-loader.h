/* sk-usage-loader.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"
#include "sk-usage-index.h"

G_BEGIN_DECLS

void          sk_usage_loader_load_async  (SkClient             *client,
                                           GPtrArray            *store_entries,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
SkUsageIndex *sk_usage_loader_load_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
