/* sk-storage-summary.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-file.h"
#include "sk-vector-store.h"
#include "sk-vector-store-file.h"

G_BEGIN_DECLS

/* The pricing pages write "GB": decimal gigabytes, in one place */
#define SK_BYTES_PER_GB 1000000000.0
#define SK_DAYS_PER_MONTH 30
#define SK_SUMMARY_WEEKS 52

/**
 * SkStoragePrice:
 * @per_gb_day: dollars per GB and per day of vector store storage
 * @free_gb: GB that are not billed
 *
 * What vector store storage costs. Files storage itself is not billed.
 */
typedef struct
{
  double per_gb_day;
  double free_gb;
} SkStoragePrice;

/* The published price when this was written: $0.10 per GB per day, the
 * first GB free (OpenAI's pricing page, "File search storage"). The
 * application lets the user change both, since prices change. */
#define SK_STORAGE_PRICE_DEFAULT ((SkStoragePrice) { 0.10, 1.0 })

double sk_storage_price_per_day (const SkStoragePrice *price,
                                 gint64                billed_bytes);

/**
 * SkReclaimKind:
 * @SK_RECLAIM_UNUSED_FILES: "assistants" and "user_data" files in no vector store
 * @SK_RECLAIM_EXPIRED_STORES: vector stores whose status is "expired"
 * @SK_RECLAIM_FAILED_ENTRIES: store entries whose file failed or was cancelled
 * @SK_RECLAIM_MISSING_ENTRIES: store entries whose file no longer exists
 * @SK_RECLAIM_EXPIRED_FILES: files whose expiry time has passed, still listed
 * @SK_RECLAIM_EMPTY_STORES: vector stores that hold no file
 *
 * What can safely go, by reason.
 */
typedef enum
{
  SK_RECLAIM_UNUSED_FILES,
  SK_RECLAIM_EXPIRED_STORES,
  SK_RECLAIM_FAILED_ENTRIES,
  SK_RECLAIM_MISSING_ENTRIES,
  SK_RECLAIM_EXPIRED_FILES,
  SK_RECLAIM_EMPTY_STORES,
  SK_RECLAIM_N_KINDS
} SkReclaimKind;

/**
 * SkReclaim:
 * @items: the SkFile, SkVectorStore or SkVectorStoreFile objects
 * @bytes: their size (files: bytes; stores and entries: usage_bytes)
 * @billed_bytes: the billed vector store bytes that would go with them
 * @known: %FALSE when the data needed to decide was not given
 */
typedef struct
{
  GPtrArray *items;
  gint64     bytes;
  gint64     billed_bytes;
  gboolean   known;
} SkReclaim;

/**
 * SkPurposeTotal:
 * @purpose: the files' purpose
 * @n_files: how many
 * @bytes: their bytes
 */
typedef struct
{
  char   *purpose;
  guint   n_files;
  gint64  bytes;
} SkPurposeTotal;

#define SK_TYPE_STORAGE_SUMMARY (sk_storage_summary_get_type ())
G_DECLARE_FINAL_TYPE (SkStorageSummary, sk_storage_summary, SK, STORAGE_SUMMARY, GObject)

SkStorageSummary     *sk_storage_summary_new              (GPtrArray            *files,
                                                           GPtrArray            *stores,
                                                           GPtrArray            *entries,
                                                           GHashTable           *usage,
                                                           gint64                now);
guint                 sk_storage_summary_get_n_files      (SkStorageSummary     *self);
gint64                sk_storage_summary_get_file_bytes   (SkStorageSummary     *self);
GPtrArray            *sk_storage_summary_get_purposes     (SkStorageSummary     *self);
guint                 sk_storage_summary_get_n_stores     (SkStorageSummary     *self);
gint64                sk_storage_summary_get_billed_bytes (SkStorageSummary     *self);
guint                 sk_storage_summary_count_stores     (SkStorageSummary     *self,
                                                           const char           *status);
gint64                sk_storage_summary_store_bytes      (SkStorageSummary     *self,
                                                           const char           *status);
GPtrArray            *sk_storage_summary_dup_top_stores   (SkStorageSummary     *self,
                                                           guint                 n);
gint64                sk_storage_summary_get_week_start   (SkStorageSummary     *self,
                                                           guint                 week);
guint                 sk_storage_summary_get_week_count   (SkStorageSummary     *self,
                                                           guint                 week,
                                                           guint                 purpose);
guint                 sk_storage_summary_get_max_week     (SkStorageSummary     *self);
const SkReclaim      *sk_storage_summary_get_reclaim      (SkStorageSummary     *self,
                                                           SkReclaimKind         kind);
double                sk_storage_summary_cost_per_day     (SkStorageSummary     *self,
                                                           const SkStoragePrice *price);
double                sk_storage_summary_saving_per_day   (SkStorageSummary     *self,
                                                           SkReclaimKind         kind,
                                                           const SkStoragePrice *price);

G_END_DECLS
