/* sk-journal.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-journal-job.h"
#include "sk-types.h"

G_BEGIN_DECLS

/* One item of a job's intent, as the confirmation showed it. */
typedef struct
{
  const char *id;
  const char *name;             /* nullable: file name or store name */
  gint64      bytes;            /* 0 when unknown */
  const char *vector_store_id;  /* nullable: the store of a detached file */
} SkJournalItemSpec;

/* Outcome and "sent" records are synced (fdatasync) at least every
 * SK_JOURNAL_SYNC_MAX_DELAY_MS and every SK_JOURNAL_SYNC_MAX_RECORDS
 * records; intent, items, end and dismiss records at once. */
#define SK_JOURNAL_SYNC_MAX_DELAY_MS 100
#define SK_JOURNAL_SYNC_MAX_RECORDS  64

#define SK_TYPE_JOURNAL (sk_journal_get_type ())
G_DECLARE_FINAL_TYPE (SkJournal, sk_journal, SK, JOURNAL, GObject)

/* The deletion journal: an append-only file of records, one JSON object per
 * line, in $XDG_DATA_HOME/storekeeper/journal.jsonl. Main thread only
 * (a mutex makes the writes safe anyway). Several SkJournal objects, in one
 * process or several, may append to the same file at once.
 *
 * Every function that writes returns FALSE with a translated GError
 * (G_IO_ERROR) when the file cannot be written (read-only folder, disk
 * full...); the caller decides whether to go on without a record. A
 * batched sync that failed on its timer is reported by the next call that
 * writes (which then writes nothing) or by sk_journal_sync(). No
 * function takes an API key: records carry the account's name only. */

/* Opens (creating it and its folder, 0600 / 0700) the journal of
 * g_get_user_data_dir(). */
SkJournal    *sk_journal_new                (GError            **error);
/* Opens @directory/journal.jsonl (tests, other profiles). */
SkJournal    *sk_journal_new_for_directory  (const char         *directory,
                                             GError            **error);
/* Opens the file at @path. */
SkJournal    *sk_journal_new_for_path       (const char         *path,
                                             GError            **error);
const char   *sk_journal_get_path           (SkJournal          *self);

/* Writes the intent of a new job and returns its ID (a random UUID,
 * transfer full), or NULL on error. @account: the account's name, never
 * its key. */
char         *sk_journal_begin              (SkJournal          *self,
                                             const char         *account,
                                             SkJournalKind       kind,
                                             SkJournalOrigin     origin,
                                             const SkJournalItemSpec *items,
                                             guint               n_items,
                                             GError            **error);
/* Adds items to a job begun earlier (e.g. the files found in stores
 * deleted with their files). */
gboolean      sk_journal_add_items          (SkJournal          *self,
                                             const char         *job_id,
                                             const SkJournalItemSpec *items,
                                             guint               n_items,
                                             GError            **error);
/* Records that the request for @item_id is about to be sent. */
gboolean      sk_journal_record_sent        (SkJournal          *self,
                                             const char         *job_id,
                                             const char         *item_id,
                                             GError            **error);
/* Records the outcome of @item_id: DELETED, FAILED (with @status and
 * @message) or CANCELLED. */
gboolean      sk_journal_record_outcome     (SkJournal          *self,
                                             const char         *job_id,
                                             const char         *item_id,
                                             SkOutcome           outcome,
                                             guint               status,
                                             const char         *message,
                                             GError            **error);
gboolean      sk_journal_end                (SkJournal          *self,
                                             const char         *job_id,
                                             SkJournalEnd        end,
                                             GError            **error);
/* Marks an interrupted job as seen by the user. */
gboolean      sk_journal_dismiss            (SkJournal          *self,
                                             const char         *job_id,
                                             GError            **error);
/* Syncs the records not synced yet. */
gboolean      sk_journal_sync               (SkJournal          *self,
                                             GError            **error);
/* TRUE: sync every record at once (no batching). */
void          sk_journal_set_sync_each_record (SkJournal        *self,
                                             gboolean            sync_each_record);

/* Reads the file: GPtrArray of SkJournalJob (transfer full), oldest intent
 * first; a job without an end is "running" while the SkJournal that began
 * it (in any process) is alive, else "interrupted". Torn or corrupt lines
 * never make it fail; only an unreadable file does. */
GPtrArray    *sk_journal_load               (SkJournal          *self,
                                             GError            **error);
/* Rewrites the file atomically, keeping the @max_jobs newest jobs that are
 * at most @max_days old (0: no limit), plus every job without an end that
 * is not dismissed (running or interrupted); corrupt lines and records of
 * no kept job go. Does nothing (and succeeds) while another SkJournal, in
 * this process or another, has the file open. */
gboolean      sk_journal_compact            (SkJournal          *self,
                                             guint               max_jobs,
                                             guint               max_days,
                                             GError            **error);

G_END_DECLS
