/* sk-types.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SkOrder:
 * @SK_ORDER_DESC: newest first (OpenAI's default)
 * @SK_ORDER_ASC: oldest first
 *
 * Order of a list by `created_at`. The nicks are the API's values of
 * `order`.
 */
typedef enum
{
  SK_ORDER_DESC, /*< nick=desc >*/
  SK_ORDER_ASC, /*< nick=asc >*/
} SkOrder;

/**
 * SkBulkKind:
 * @SK_BULK_DELETE_FILES: `DELETE /files/{id}` for each ID
 * @SK_BULK_DELETE_VECTOR_STORES: `DELETE /vector_stores/{id}` for each ID
 * @SK_BULK_DETACH_FILES: `DELETE /vector_stores/{vs}/files/{id}` for each ID
 * @SK_BULK_STORE_EXPIRY: `POST /vector_stores/{id}` with the job's expiry
 *   policy (`expires_after`, or null to clear it) for each ID
 *
 * The bulk jobs of #SkBulkDelete: three deletions and one update. For the
 * update, %SK_OUTCOME_DELETED means "done" (the server confirmed the
 * change) and a 404 is a failure.
 */
typedef enum
{
  SK_BULK_DELETE_FILES, /*< nick=delete-files >*/
  SK_BULK_DELETE_VECTOR_STORES, /*< nick=delete-vector-stores >*/
  SK_BULK_DETACH_FILES, /*< nick=detach-files >*/
  SK_BULK_STORE_EXPIRY, /*< nick=store-expiry >*/
} SkBulkKind;

/**
 * SkOutcome:
 * @SK_OUTCOME_PENDING: not finished yet
 * @SK_OUTCOME_DELETED: the server confirmed the deletion (or detachment; for
 *   %SK_BULK_STORE_EXPIRY, the change of the expiry policy)
 * @SK_OUTCOME_FAILED: the server refused, or could not be reached after retries
 * @SK_OUTCOME_CANCELLED: not deleted because the job was cancelled: never sent,
 *   or sent and answered only with refusals (429) that leave it in place
 *
 * What happened to one ID of a bulk job. The nicks are the words of the
 * reports (the `outcome` column of the CSV).
 */
typedef enum
{
  SK_OUTCOME_PENDING, /*< nick=pending >*/
  SK_OUTCOME_DELETED, /*< nick=deleted >*/
  SK_OUTCOME_FAILED, /*< nick=failed >*/
  SK_OUTCOME_CANCELLED, /*< nick=cancelled >*/
} SkOutcome;

/**
 * SkStoreFilesMode:
 * @SK_STORE_FILES_KEEP: delete the stores only
 * @SK_STORE_FILES_DELETE_ALL: also delete every file found in those stores
 *
 * What #SkBulkStoresJob does with the files of the vector stores it
 * deletes.
 */
typedef enum
{
  SK_STORE_FILES_KEEP, /*< nick=keep >*/
  SK_STORE_FILES_DELETE_ALL, /*< nick=delete-all >*/
} SkStoreFilesMode;

const char *sk_order_to_string        (SkOrder     order);
gboolean    sk_bulk_kind_is_deletion  (SkBulkKind  kind);

const char *sk_enum_get_nick          (GType       enum_type,
                                       int         value);
gboolean    sk_enum_get_value_by_nick (GType       enum_type,
                                       const char *nick,
                                       int        *value);

G_END_DECLS
