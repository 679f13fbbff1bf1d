/* sk-list-page-rules.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The state a list page shows: "loading" while there is no list or it
 * loads with no item yet, "error" or "empty" when it finished with no
 * item, "no-results" when the filters (done) hide every item, else
 * "list". */
const char      *sk_list_page_rules_state         (gboolean    has_list,
                                                   gboolean    loading,
                                                   gboolean    failed,
                                                   guint       n_all,
                                                   guint       n_shown,
                                                   gboolean    filter_pending);
/* How the filter changes when the folded search text goes from @before to
 * @after (NULL: no search): a longer text only hides rows, a shorter one
 * only shows rows. */
GtkFilterChange  sk_list_page_rules_search_change (const char *before,
                                                   const char *after);
/* The status line of a list of files: "Loading… 40 files" while loading,
 * "12 of 60 files" when filters hide some, else "60 files". */
char            *sk_list_page_rules_files_status  (guint       n_shown,
                                                   guint       n_all,
                                                   gboolean    loading);

G_END_DECLS
