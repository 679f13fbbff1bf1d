/* sk-history.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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
SkJournal *sk_history_open_journal (GError **error);

G_END_DECLS
