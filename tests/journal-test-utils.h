/* journal-test-utils.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-journal.h"

G_BEGIN_DECLS

/* Helpers of the journal tests; each fails the test on any error. */

/* A new empty folder under the temporary folder, and its removal. */
char      *jt_make_dir     (void);
void       jt_remove_tree  (const char         *dir);

char      *jt_read_text    (const char         *path,
                            gsize              *length);
/* Replaces the file's contents (no sync: the tests need no durability) */
void       jt_write_text   (const char         *path,
                            const char         *text,
                            gsize               length);
void       jt_append_text  (const char         *path,
                            const char         *text);
guint      jt_count_lines  (const char         *path);
guint      jt_count_records (const char         *path);

SkJournal *jt_open         (const char         *dir);
GPtrArray *jt_load         (SkJournal          *journal);
GPtrArray *jt_load_path    (const char         *path);
/* the job of that ID in @jobs, or NULL */
SkJournalJob *jt_find_job  (GPtrArray          *jobs,
                            const char         *job_id);
gboolean   jt_has_job      (GPtrArray          *jobs,
                            const char         *job_id);

/* file-a (a.txt, 100 bytes), file-b (b.pdf, 2000 bytes), file-c (no name) */
extern const SkJournalItemSpec jt_three_items[3];

/* Begins a files job of jt_three_items for "Work account" from the window. */
char      *jt_begin_three  (SkJournal          *journal);
void       jt_sent         (SkJournal          *journal,
                            const char         *job_id,
                            const char         *item_id);
void       jt_outcome      (SkJournal          *journal,
                            const char         *job_id,
                            const char         *item_id,
                            SkOutcome           outcome,
                            guint               status,
                            const char         *message);
void       jt_end          (SkJournal          *journal,
                            const char         *job_id,
                            SkJournalEnd        how);
void       jt_assert_state (SkJournalJob       *job,
                            const char         *item_id,
                            SkJournalItemState  state);

G_END_DECLS
