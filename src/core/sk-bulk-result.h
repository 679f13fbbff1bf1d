/* sk-bulk-result.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sk-types.h"

G_BEGIN_DECLS

#define SK_TYPE_BULK_RESULT (sk_bulk_result_get_type ())
G_DECLARE_FINAL_TYPE (SkBulkResult, sk_bulk_result, SK, BULK_RESULT, GObject)

const char *sk_bulk_result_get_id            (SkBulkResult *self);
SkBulkKind  sk_bulk_result_get_kind          (SkBulkResult *self);
SkOutcome   sk_bulk_result_get_outcome       (SkBulkResult *self);
guint       sk_bulk_result_get_status_code   (SkBulkResult *self);
const char *sk_bulk_result_get_message       (SkBulkResult *self);
guint       sk_bulk_result_get_attempts      (SkBulkResult *self);
gboolean    sk_bulk_result_get_still_present (SkBulkResult *self);
/* %SK_BULK_STORE_EXPIRY: the days of the policy set, 0 when cleared */
guint       sk_bulk_result_get_expiry_days   (SkBulkResult *self);

G_END_DECLS
