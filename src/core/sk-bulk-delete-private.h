/* sk-bulk-delete-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"

G_BEGIN_DECLS

/* Before the run: mark @id FAILED with @status_code and @message without
 * ever sending a request for it (used by SkBulkStoresJob for a store whose
 * file list could not be read). Returns FALSE when @id is not in the job or
 * is no longer pending. */
gboolean      sk_bulk_delete_preset_failed      (SkBulkDelete        *self,
                                                 const char          *id,
                                                 guint                status_code,
                                                 const char          *message);

/* How long requests in flight may still run after a cancel before they are
 * cancelled too (default SK_BULK_CANCEL_GRACE_MS, 10 s); for tests. */
void          sk_bulk_delete_set_cancel_grace_ms (SkBulkDelete       *self,
                                                 guint                grace_ms);

G_END_DECLS
