/* sk-deletion-summary.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a deletion did, counted from its results */
typedef struct
{
  guint n_files;          /* files deleted */
  guint n_stores;         /* vector stores deleted */
  guint n_detached;       /* files removed from a vector store */
  guint n_failed;
  guint n_cancelled;      /* not tried: cancelled, or still pending */
  guint n_still_present;  /* deleted, but the verification still found them */
  guint n_expiry;         /* vector stores whose expiry policy was changed */
} SkDeletionCounts;

/* @results: a GListModel of SkBulkResult */
void  sk_deletion_count     (GListModel             *results,
                             SkDeletionCounts       *counts);
/* The sentence that sums a deletion up ("Deleted 1,998 files · 2 failed");
 * @store_name: the vector store files were removed from (detach) */
char *sk_deletion_summarize (const SkDeletionCounts *counts,
                             const char             *store_name);
/* The sentence that sums up a change of the expiry of vector stores ("12
 * vector stores now expire after 30 days without activity · 1 failed");
 * @days: the days of the policy set, 0 when it was cleared */
char *sk_deletion_summarize_expiry (const SkDeletionCounts *counts,
                                    guint                   days);

G_END_DECLS
