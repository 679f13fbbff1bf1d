/* sk-journal-recorder.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"
#include "sk-journal.h"

G_BEGIN_DECLS

#define SK_TYPE_JOURNAL_RECORDER (sk_journal_recorder_get_type ())
G_DECLARE_FINAL_TYPE (SkJournalRecorder, sk_journal_recorder, SK, JOURNAL_RECORDER, GObject)

/* Writes to @journal, under @job_id (whose intent lists the IDs of @job),
 * a "sent" record when the first request for an ID of @job starts and an
 * outcome record when it finishes, by watching the results of @job. Create
 * it before running @job; keep it as long as @job runs.
 *
 * Signal "write-failed" (GError *): the first write that failed; nothing
 * more is recorded after it (the caller decides whether to go on). */
SkJournalRecorder *sk_journal_recorder_new       (SkJournal          *journal,
                                                  const char         *job_id,
                                                  SkBulkDelete       *job);
const char        *sk_journal_recorder_get_job_id (SkJournalRecorder *self);
/* the error of the first failed write, or NULL */
const GError      *sk_journal_recorder_get_error (SkJournalRecorder  *self);

G_END_DECLS
