/* sk-orphan-finder.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

#define SK_TYPE_ORPHAN_FINDER (sk_orphan_finder_get_type ())
G_DECLARE_FINAL_TYPE (SkOrphanFinder, sk_orphan_finder, SK, ORPHAN_FINDER, GObject)

/* Lists every file of the given purposes (default "assistants" and
 * "user_data") and every vector store's file list (all statuses, all pages,
 * stores fetched concurrently: from 8 at once, as many as the service
 * answers as fast, up to "max-in-flight", default 64; or, not "adaptive",
 * always "max-in-flight"), then knows for each file the stores it is
 * attached to. */

SkOrphanFinder *sk_orphan_finder_new              (SkClient            *client);
void            sk_orphan_finder_set_purposes     (SkOrphanFinder      *self,
                                                   const char * const  *purposes);
void            sk_orphan_finder_set_max_in_flight (SkOrphanFinder     *self,
                                                   guint                max_in_flight);
void            sk_orphan_finder_set_adaptive     (SkOrphanFinder      *self,
                                                   gboolean             adaptive);
void            sk_orphan_finder_run_async        (SkOrphanFinder      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        sk_orphan_finder_run_finish       (SkOrphanFinder      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* After a successful run: */
GPtrArray      *sk_orphan_finder_get_files        (SkOrphanFinder      *self); /* SkFile*, all listed */
GPtrArray      *sk_orphan_finder_get_orphans      (SkOrphanFinder      *self); /* SkFile*, in no store */
GPtrArray      *sk_orphan_finder_get_vector_stores (SkOrphanFinder     *self); /* SkVectorStore* */
/* IDs of the stores @file_id is attached to (NULL when none); borrowed */
GPtrArray      *sk_orphan_finder_get_stores_for_file (SkOrphanFinder   *self,
                                                   const char          *file_id);
guint           sk_orphan_finder_count_stores     (SkOrphanFinder      *self,
                                                   const char          *file_id);
/* file ID -> GPtrArray of store IDs, for every attached file (also files
 * whose purpose was not listed, and IDs of files that no longer exist) */
GHashTable     *sk_orphan_finder_get_usage        (SkOrphanFinder      *self);
GPtrArray      *sk_orphan_finder_get_entries      (SkOrphanFinder      *self);

G_END_DECLS
