/* sk-resume-prompt.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-deletion.h"
#include "sk-journal.h"

G_BEGIN_DECLS

/* Looks in @journal for a deletion of @account_name that was interrupted
 * (no end, not dismissed); for the first one found, lists the account
 * through @deletion's client to learn what became of the items whose
 * requests were in flight, then asks (an AdwMessageDialog on @parent):
 * Dismiss, or Resume, which shows the usual confirmation of what is left
 * only and deletes it through @deletion. Each job is asked about once per
 * @parent. */
void              sk_resume_prompt_check         (GtkWindow  *parent,
                                                  SkJournal  *journal,
                                                  SkDeletion *deletion,
                                                  const char *account_name);
/* The prompt, then the confirmation, while shown (tests) */
AdwMessageDialog *sk_resume_prompt_get_dialog    (GtkWindow  *parent);
AdwMessageDialog *sk_resume_prompt_get_confirm   (GtkWindow  *parent);

G_END_DECLS
