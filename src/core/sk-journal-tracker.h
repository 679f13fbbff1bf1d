/* sk-journal-tracker.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"
#include "sk-journal.h"

G_BEGIN_DECLS

#define SK_TYPE_JOURNAL_TRACKER (sk_journal_tracker_get_type ())
G_DECLARE_FINAL_TYPE (SkJournalTracker, sk_journal_tracker, SK, JOURNAL_TRACKER, GObject)

/* One journaled deletion from its intent to its end, over the bulk jobs
 * that carry it out: the IDs of a tracked job missing from the intent are
 * added as items (with the names and sizes known) before it runs, and a
 * recorder writes its outcomes.
 *
 * Signal "write-failed" (GError *): the first write that failed after the
 * intent; nothing more is recorded after it. */

/* Writes the intent of @ids (transfer none). @names: ID → name and
 * @sizes: ID → gint64* bytes, both nullable; @store_id: the vector store
 * of a detach, else NULL. Returns NULL with @error when the intent could
 * not be written. */
SkJournalTracker *sk_journal_tracker_begin       (SkJournal           *journal,
                                                  const char          *account,
                                                  SkJournalKind        kind,
                                                  SkJournalOrigin      origin,
                                                  const char * const  *ids,
                                                  const char          *store_id,
                                                  GHashTable          *names,
                                                  GHashTable          *sizes,
                                                  GError             **error);
/* Journals @job, which has not started yet (a job tracked already is
 * ignored). */
void              sk_journal_tracker_track       (SkJournalTracker    *self,
                                                  SkBulkDelete        *job);
/* Journals the stores job of @job now and its files job once it exists. */
void              sk_journal_tracker_track_stores (SkJournalTracker   *self,
                                                  SkBulkStoresJob     *job);
/* For a request outside any bulk job: records that the request for
 * @item_id is about to be sent, then its outcome. */
void              sk_journal_tracker_record_sent (SkJournalTracker   *self,
                                                  const char          *item_id);
void              sk_journal_tracker_record_outcome (SkJournalTracker *self,
                                                  const char          *item_id,
                                                  SkOutcome            outcome,
                                                  guint                status,
                                                  const char          *message);
/* Writes the end record (once); FALSE with @error when it could not. */
gboolean          sk_journal_tracker_end         (SkJournalTracker    *self,
                                                  SkJournalEnd         end,
                                                  GError             **error);
const char       *sk_journal_tracker_get_job_id  (SkJournalTracker    *self);
/* the first error of a write after the intent, or NULL */
const GError     *sk_journal_tracker_get_error   (SkJournalTracker    *self);

G_END_DECLS
