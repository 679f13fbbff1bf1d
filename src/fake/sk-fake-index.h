/* sk-fake-index.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* First member of every object the simulated account stores: its id and
 * its sort key (created_at, then insertion order). */
typedef struct
{
  char     *id;
  gint64    created_at;
  guint64   seq;
} SkFakeItem;

/* A collection of items with an id lookup, two sorted views (created_at
 * ascending, and descending with ties kept in insertion order, as the real
 * API does) and tombstones, so that a cursor naming an object deleted
 * meanwhile still has a place in the list. */
typedef struct _SkFakeIndex SkFakeIndex;

typedef gboolean (*SkFakeMatchFunc) (SkFakeItem *item,
                                     gpointer    data);

/* What a list request asks for; @after and @before are ids or NULL. */
typedef struct
{
  guint       limit;
  gboolean    asc;
  const char *after;
  const char *before;
} SkFakePageQuery;

SkFakeIndex *sk_fake_index_new        (GDestroyNotify         item_free);
void         sk_fake_index_free       (SkFakeIndex           *idx);
gpointer     sk_fake_index_lookup     (SkFakeIndex           *idx,
                                       const char            *id);
void         sk_fake_index_add        (SkFakeIndex           *idx,
                                       SkFakeItem            *item);
gpointer     sk_fake_index_remove     (SkFakeIndex           *idx,
                                       const char            *id);
guint        sk_fake_index_size       (SkFakeIndex           *idx);
/* @id, or a new one from @make_id when @id is NULL; NULL when @id is taken */
char        *sk_fake_index_claim_id   (SkFakeIndex           *idx,
                                       const char            *id,
                                       char                *(*make_id) (GRand *rand),
                                       GRand                 *rand);
GPtrArray   *sk_fake_index_list_ids   (SkFakeIndex           *idx);
GPtrArray   *sk_fake_index_list_items (SkFakeIndex           *idx);
GPtrArray   *sk_fake_index_page       (SkFakeIndex           *idx,
                                       const SkFakePageQuery *query,
                                       SkFakeMatchFunc        match,
                                       gpointer               match_data,
                                       gboolean               stuck,
                                       gboolean              *has_more,
                                       const char           **bad_cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkFakeIndex, sk_fake_index_free)

G_END_DECLS
