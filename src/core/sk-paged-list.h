/* sk-paged-list.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

#define SK_TYPE_PAGED_LIST (sk_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (SkPagedList, sk_paged_list, SK, PAGED_LIST, GObject)

/* A GListModel of every object of one OpenAI list, filled page by page as
 * pages arrive (items-changed per page), so views show the first rows early.
 *
 * sk_paged_list_reload() cancels any load in flight and starts again; the
 * old items stay until the first page of the new load arrives, then are
 * replaced (so a refresh does not flash an empty list). */

SkPagedList  *sk_paged_list_new_files              (SkClient     *client,
                                                    const char   *purpose);
SkPagedList  *sk_paged_list_new_vector_stores      (SkClient     *client);
SkPagedList  *sk_paged_list_new_vector_store_files (SkClient     *client,
                                                    const char   *vector_store_id);
void          sk_paged_list_reload                 (SkPagedList  *self);
void          sk_paged_list_cancel                 (SkPagedList  *self);
gboolean      sk_paged_list_get_loading            (SkPagedList  *self);
const GError *sk_paged_list_get_error              (SkPagedList  *self);
guint         sk_paged_list_get_n_pages            (SkPagedList  *self);
SkClient     *sk_paged_list_get_client             (SkPagedList  *self);
/* Remove the items whose "id" is in @ids (after a deletion), without reload. */
void          sk_paged_list_remove_ids             (SkPagedList  *self,
                                                    GHashTable   *ids);

G_END_DECLS
