/* sk-journal-prompts.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-journal.h"
#include "sk-window.h"

G_BEGIN_DECLS

/* Gives the deletions of each account @window shows @journal and the
 * account's title, asks (an AdwMessageDialog) whether to go on without a
 * record when a deletion's intent cannot be written, and, when the
 * account opens, about a deletion of it that was interrupted. Without a
 * journal (@journal NULL), @error says why, and each deletion asks. */
void              sk_journal_prompts_attach           (SkWindow     *window,
                                                       SkJournal    *journal,
                                                       const GError *error);
/* The dialog asking whether to go on without a record, while one is
 * shown (tests) */
AdwMessageDialog *sk_journal_prompts_get_failed_dialog (SkWindow *window);

G_END_DECLS
