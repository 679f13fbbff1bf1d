/* sk-deletion-usage.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Questions asked of the orphan finder's usage map (file ID -> GPtrArray of
 * the IDs of the vector stores that use the file). */

/* how many distinct stores use any of @file_ids */
guint sk_delete_count_stores    (GHashTable  *usage,
                                 GPtrArray   *file_ids);
/* the files used by any of @store_ids (*all) and those whose every store is
 * in @store_ids (*exclusive); arrays of file IDs (g_free), sorted */
void  sk_delete_files_of_stores (GHashTable  *usage,
                                 GPtrArray   *store_ids,
                                 GPtrArray  **all,
                                 GPtrArray  **exclusive);

G_END_DECLS
