/* sk-bulk-result-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-result.h"

G_BEGIN_DECLS

/* What the bulk engine changes on its results; each setter notifies the
 * properties it changes (callers freeze notifications to group them). */
SkBulkResult *sk_bulk_result_new               (const char   *id,
                                                SkBulkKind    kind);
void          sk_bulk_result_set_expiry_days   (SkBulkResult *self,
                                                guint         days);
void          sk_bulk_result_set_outcome       (SkBulkResult *self,
                                                SkOutcome     outcome,
                                                guint         status_code,
                                                const char   *message);
void          sk_bulk_result_add_attempt       (SkBulkResult *self);
guint         sk_bulk_result_get_requeues      (SkBulkResult *self);
void          sk_bulk_result_add_requeue       (SkBulkResult *self);
gboolean      sk_bulk_result_get_ambiguous     (SkBulkResult *self);
void          sk_bulk_result_set_ambiguous     (SkBulkResult *self);
gboolean      sk_bulk_result_mark_still_present (SkBulkResult *self);

G_END_DECLS
