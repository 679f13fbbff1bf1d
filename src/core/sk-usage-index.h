/* sk-usage-index.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * SkUseKind:
 * @SK_USE_VECTOR_STORE: the file is an entry of a vector store
 * @SK_USE_BATCH: the file is the input, output or errors of a batch
 * @SK_USE_FINE_TUNING_JOB: the file trains, validates or results from a fine-tuning job
 */
typedef enum
{
  SK_USE_VECTOR_STORE,
  SK_USE_BATCH,
  SK_USE_FINE_TUNING_JOB,
} SkUseKind;

/**
 * SkFileUse:
 * @kind: what uses the file
 * @owner_id: the store, batch or job
 * @role: "entry", "input", "output", "error", "training", "validation" or "result"
 * @status: the owner's status (a store entry's status for stores)
 * @running: %TRUE when the owner is a batch or job that has not finished
 */
typedef struct
{
  SkUseKind  kind;
  char      *owner_id;
  char      *role;
  char      *status;
  gboolean   running;
} SkFileUse;

#define SK_TYPE_USAGE_INDEX (sk_usage_index_get_type ())
G_DECLARE_FINAL_TYPE (SkUsageIndex, sk_usage_index, SK, USAGE_INDEX, GObject)

SkUsageIndex *sk_usage_index_new                  (void);
void          sk_usage_index_add_store_entry      (SkUsageIndex  *self,
                                                   const char    *file_id,
                                                   const char    *store_id,
                                                   const char    *entry_status);
gboolean      sk_usage_index_add_batch            (SkUsageIndex  *self,
                                                   JsonNode      *batch,
                                                   GError       **error);
gboolean      sk_usage_index_add_fine_tuning_job  (SkUsageIndex  *self,
                                                   JsonNode      *job,
                                                   GError       **error);
GPtrArray    *sk_usage_index_get_uses             (SkUsageIndex  *self,
                                                   const char    *file_id);
guint         sk_usage_index_count                (SkUsageIndex  *self,
                                                   const char    *file_id,
                                                   SkUseKind      kind);
gboolean      sk_usage_index_is_busy              (SkUsageIndex  *self,
                                                   const char    *file_id);
gboolean      sk_usage_index_is_unused            (SkUsageIndex  *self,
                                                   const char    *file_id);
char         *sk_usage_index_describe             (SkUsageIndex  *self,
                                                   const char    *file_id);

G_END_DECLS
