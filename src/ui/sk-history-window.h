/* sk-history-window.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-client.h"
#include "sk-journal.h"
#include "sk-results-panel.h"

G_BEGIN_DECLS

#define SK_TYPE_HISTORY_WINDOW (sk_history_window_get_type ())
G_DECLARE_FINAL_TYPE (SkHistoryWindow, sk_history_window, SK, HISTORY_WINDOW, AdwWindow)

/* The deletion history: the jobs of the journal, newest first (when,
 * account, kind, counts, bytes freed, how it ended), each opening into its
 * items in a results panel (filter, copy, save report), with "Verify now"
 * to list the account again and flag the "deleted" items still there. */
SkHistoryWindow *sk_history_window_new                (SkJournal       *journal);
/* The open account: Verify now lists it, for its own jobs only */
void             sk_history_window_set_account        (SkHistoryWindow *self,
                                                       SkClient        *client,
                                                       const char      *account_name);
/* Reads the journal again */
void             sk_history_window_reload             (SkHistoryWindow *self);
guint            sk_history_window_get_n_jobs         (SkHistoryWindow *self);
/* The text of the row of the @index-th job shown (tests) */
char            *sk_history_window_dup_row_text       (SkHistoryWindow *self,
                                                       guint            index);
/* Opens the @index-th job shown (newest first) */
void             sk_history_window_open_job           (SkHistoryWindow *self,
                                                       guint            index);
SkJournalJob    *sk_history_window_get_job            (SkHistoryWindow *self);
SkResultsPanel  *sk_history_window_get_results_panel  (SkHistoryWindow *self);
gboolean         sk_history_window_get_can_verify     (SkHistoryWindow *self);
void             sk_history_window_verify             (SkHistoryWindow *self);
gboolean         sk_history_window_get_verifying      (SkHistoryWindow *self);

G_END_DECLS
