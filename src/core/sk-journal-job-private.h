/* sk-journal-job-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sk-journal-job.h"

G_BEGIN_DECLS

/* Building a job from the records of the journal, in file order (used by
 * the reader). Each function checks the shape of its record and returns
 * FALSE, with a message for the log, when it is not one it understands. */
SkJournalJob *sk_journal_job_new_from_intent (JsonObject    *record,
                                              char         **why);
gboolean      sk_journal_job_apply_items     (SkJournalJob  *self,
                                              JsonObject    *record,
                                              char         **why);
gboolean      sk_journal_job_apply_sent      (SkJournalJob  *self,
                                              JsonObject    *record,
                                              char         **why);
gboolean      sk_journal_job_apply_outcome   (SkJournalJob  *self,
                                              JsonObject    *record,
                                              char         **why);
gboolean      sk_journal_job_apply_end       (SkJournalJob  *self,
                                              JsonObject    *record,
                                              char         **why);
void          sk_journal_job_apply_dismiss   (SkJournalJob  *self);
/* Whether the process that began it (without an end) still runs it. */
void          sk_journal_job_set_running     (SkJournalJob  *self,
                                              gboolean       running);

G_END_DECLS
