/* sk-history.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"
#include "sk-journal.h"

G_BEGIN_DECLS

/* Retention when the settings cannot be read (their defaults) */
#define SK_HISTORY_DEFAULT_MAX_JOBS 200
#define SK_HISTORY_DEFAULT_MAX_DAYS 90

/* Opens the process's deletion journal in the user's data folder, after
 * compacting it with the retention settings (history-max-jobs,
 * history-max-days; their defaults without an installed schema). Call it
 * once, before any other SkJournal of that file is opened. NULL with
 * @error when the journal cannot be opened: deletions then ask to go on
 * without a record. A compaction that fails is not an error. */
SkJournal  *sk_history_open_journal    (GError            **error);

/* The items of @job as results (SkBulkResult), for the results panel:
 * DELETED, FAILED (status, message), CANCELLED as recorded; NOT_ATTEMPTED
 * as cancelled and UNKNOWN as failed, each with a message saying so. */
GListModel *sk_history_job_results     (SkJournalJob       *job);
/* ID -> name of the items of @job that have one */
GHashTable *sk_history_job_names       (SkJournalJob       *job);
/* The summary line of @job: "Deleted 3 files · 1 failed" and so on */
char       *sk_history_job_summary     (SkJournalJob       *job);
/* The same, counted from @results of @job (as flagged by a verification) */
char       *sk_history_results_summary (SkJournalJob       *job,
                                        GListModel         *results);

/* Lists what the items of @job may still be in (files, vector stores,
 * the files of the stores files were detached from) and returns the set
 * of the IDs of @job still there (transfer full, strings). */
void        sk_history_verify_async    (SkClient           *client,
                                        SkJournalJob       *job,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GHashTable *sk_history_verify_finish   (SkClient           *client,
                                        GAsyncResult       *result,
                                        GError            **error);
/* Flags the DELETED results whose ID is in @present as still present;
 * returns how many */
guint       sk_history_mark_present    (GListModel         *results,
                                        GHashTable         *present);
/* What resuming @job deletes: its NOT_ATTEMPTED and UNKNOWN items, in
 * intent order, only those in @present when it is not NULL (verified);
 * NULL-terminated (transfer full) */
GStrv       sk_history_left_ids        (SkJournalJob       *job,
                                        GHashTable         *present);

G_END_DECLS
