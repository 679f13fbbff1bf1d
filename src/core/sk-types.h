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
 * Order of a list by `created_at`.
 */
typedef enum
{
  SK_ORDER_DESC,
  SK_ORDER_ASC,
} SkOrder;

/**
 * SkBulkKind:
 * @SK_BULK_DELETE_FILES: `DELETE /files/{id}` for each ID
 * @SK_BULK_DELETE_VECTOR_STORES: `DELETE /vector_stores/{id}` for each ID
 * @SK_BULK_DETACH_FILES: `DELETE /vector_stores/{vs}/files/{id}` for each ID
 *
 * The three bulk jobs of #SkBulkDelete.
 */
typedef enum
{
  SK_BULK_DELETE_FILES,
  SK_BULK_DELETE_VECTOR_STORES,
  SK_BULK_DETACH_FILES,
} SkBulkKind;

/**
 * SkOutcome:
 * @SK_OUTCOME_PENDING: not finished yet
 * @SK_OUTCOME_DELETED: the server confirmed the deletion (or detachment)
 * @SK_OUTCOME_FAILED: the server refused, or could not be reached after retries
 * @SK_OUTCOME_CANCELLED: not deleted because the job was cancelled: never sent,
 *   or sent and answered only with refusals (429) that leave it in place
 *
 * What happened to one ID of a bulk job.
 */
typedef enum
{
  SK_OUTCOME_PENDING,
  SK_OUTCOME_DELETED,
  SK_OUTCOME_FAILED,
  SK_OUTCOME_CANCELLED,
} SkOutcome;

/**
 * SkStoreFilesMode:
 * @SK_STORE_FILES_KEEP: delete the stores only
 * @SK_STORE_FILES_DELETE_ALL: also delete every file found in those stores
 *
 * What #SkBulkDelete does with the files of vector stores it deletes
 * (the guide's workflow 4).
 */
typedef enum
{
  SK_STORE_FILES_KEEP,
  SK_STORE_FILES_DELETE_ALL,
} SkStoreFilesMode;

const char *sk_order_to_string (SkOrder order);

G_END_DECLS
