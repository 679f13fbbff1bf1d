/* sk-journal-job.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * SkJournalKind:
 * @SK_JOURNAL_KIND_FILES: files deleted
 * @SK_JOURNAL_KIND_VECTOR_STORES: vector stores deleted, their files kept
 * @SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES: vector stores and their files deleted
 * @SK_JOURNAL_KIND_DETACH: files detached from a vector store
 * @SK_JOURNAL_KIND_EXPIRY: expiry changed
 *
 * What a journaled job did. Stored as "files", "vector_stores",
 * "vector_stores_with_files", "detach", "expiry".
 */
typedef enum
{
  SK_JOURNAL_KIND_FILES,
  SK_JOURNAL_KIND_VECTOR_STORES,
  SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES,
  SK_JOURNAL_KIND_DETACH,
  SK_JOURNAL_KIND_EXPIRY,
} SkJournalKind;

/**
 * SkJournalOrigin:
 * @SK_JOURNAL_ORIGIN_WINDOW: asked in the window ("window")
 * @SK_JOURNAL_ORIGIN_LOCAL_API: asked through the local API ("local-api")
 */
typedef enum
{
  SK_JOURNAL_ORIGIN_WINDOW,
  SK_JOURNAL_ORIGIN_LOCAL_API,
} SkJournalOrigin;

/**
 * SkJournalEnd:
 * @SK_JOURNAL_END_NONE: no end record: still running, or interrupted
 * @SK_JOURNAL_END_COMPLETED: ran to the end ("completed")
 * @SK_JOURNAL_END_CANCELLED: the user stopped it ("cancelled")
 * @SK_JOURNAL_END_ERROR: could not go on ("error")
 */
typedef enum
{
  SK_JOURNAL_END_NONE,
  SK_JOURNAL_END_COMPLETED,
  SK_JOURNAL_END_CANCELLED,
  SK_JOURNAL_END_ERROR,
} SkJournalEnd;

/**
 * SkJournalItemState:
 * @SK_JOURNAL_ITEM_NOT_ATTEMPTED: no request was ever sent for it, and it
 *   has no outcome: it is still there (unless someone else deleted it)
 * @SK_JOURNAL_ITEM_UNKNOWN: a request was sent (a "sent" record) but no
 *   outcome was recorded: the request was in flight when the job stopped,
 *   so it may or may not have been deleted; verify it against the service
 * @SK_JOURNAL_ITEM_DELETED: the service confirmed the deletion
 * @SK_JOURNAL_ITEM_FAILED: the service refused, or gave no clear answer
 *   (see the status and message)
 * @SK_JOURNAL_ITEM_CANCELLED: not deleted because the job was cancelled
 *
 * What the journal knows of one item: its last outcome, else whether a
 * request was sent for it.
 */
typedef enum
{
  SK_JOURNAL_ITEM_NOT_ATTEMPTED,
  SK_JOURNAL_ITEM_UNKNOWN,
  SK_JOURNAL_ITEM_DELETED,
  SK_JOURNAL_ITEM_FAILED,
  SK_JOURNAL_ITEM_CANCELLED,
} SkJournalItemState;

#define SK_JOURNAL_N_ITEM_STATES (SK_JOURNAL_ITEM_CANCELLED + 1)

const char *sk_journal_kind_to_string   (SkJournalKind     kind);
gboolean    sk_journal_kind_from_string (const char       *string,
                                         SkJournalKind    *kind);
const char *sk_journal_origin_to_string (SkJournalOrigin   origin);
gboolean    sk_journal_origin_from_string (const char     *string,
                                         SkJournalOrigin  *origin);
const char *sk_journal_end_to_string    (SkJournalEnd      end);
gboolean    sk_journal_end_from_string  (const char       *string,
                                         SkJournalEnd     *end);

#define SK_TYPE_JOURNAL_ITEM (sk_journal_item_get_type ())
G_DECLARE_FINAL_TYPE (SkJournalItem, sk_journal_item, SK, JOURNAL_ITEM, GObject)

/* One item of a journaled job, as loaded. Read-only. */
const char         *sk_journal_item_get_id              (SkJournalItem *self);
const char         *sk_journal_item_get_name            (SkJournalItem *self);
gint64              sk_journal_item_get_bytes           (SkJournalItem *self);
/* the vector store of a detached file, else NULL */
const char         *sk_journal_item_get_vector_store_id (SkJournalItem *self);
SkJournalItemState  sk_journal_item_get_state           (SkJournalItem *self);
gboolean            sk_journal_item_get_sent            (SkJournalItem *self);
/* HTTP status and message of a failure (0 and NULL otherwise) */
guint               sk_journal_item_get_status          (SkJournalItem *self);
const char         *sk_journal_item_get_message         (SkJournalItem *self);

#define SK_TYPE_JOURNAL_JOB (sk_journal_job_get_type ())
G_DECLARE_FINAL_TYPE (SkJournalJob, sk_journal_job, SK, JOURNAL_JOB, GObject)

/* One job of the journal, as loaded by sk_journal_load(). Read-only. */
const char     *sk_journal_job_get_id              (SkJournalJob       *self);
/* time of the intent (UTC) */
GDateTime      *sk_journal_job_get_time            (SkJournalJob       *self);
const char     *sk_journal_job_get_account         (SkJournalJob       *self);
SkJournalKind   sk_journal_job_get_kind            (SkJournalJob       *self);
SkJournalOrigin sk_journal_job_get_origin          (SkJournalJob       *self);
SkJournalEnd    sk_journal_job_get_end             (SkJournalJob       *self);
/* NULL without an end record */
GDateTime      *sk_journal_job_get_end_time        (SkJournalJob       *self);
/* TRUE without an end record while some process still runs it (this one
 * included: it holds the job's lock) */
gboolean        sk_journal_job_get_running         (SkJournalJob       *self);
/* TRUE without an end record when no process runs it any more: it stopped
 * without saying how (crash, power loss, killed, quit mid-way) */
gboolean        sk_journal_job_get_interrupted     (SkJournalJob       *self);
/* TRUE once a "dismiss" record marks it as seen */
gboolean        sk_journal_job_get_dismissed       (SkJournalJob       *self);
/* GListModel of SkJournalItem, in intent order */
GListModel     *sk_journal_job_get_items           (SkJournalJob       *self);
guint           sk_journal_job_get_n_items         (SkJournalJob       *self);
guint           sk_journal_job_count               (SkJournalJob       *self,
                                                    SkJournalItemState  state);
guint           sk_journal_job_get_n_deleted       (SkJournalJob       *self);
guint           sk_journal_job_get_n_failed        (SkJournalJob       *self);
guint           sk_journal_job_get_n_cancelled     (SkJournalJob       *self);
guint           sk_journal_job_get_n_not_attempted (SkJournalJob       *self);
guint           sk_journal_job_get_n_unknown       (SkJournalJob       *self);
/* sum of the bytes of the DELETED items */
gint64          sk_journal_job_get_bytes_deleted   (SkJournalJob       *self);
SkJournalItem  *sk_journal_job_lookup_item         (SkJournalJob       *self,
                                                    const char         *item_id);
/* IDs of the items in @state, intent order (transfer container: the
 * strings belong to the job) */
GPtrArray      *sk_journal_job_list_ids            (SkJournalJob       *self,
                                                    SkJournalItemState  state);

G_END_DECLS
