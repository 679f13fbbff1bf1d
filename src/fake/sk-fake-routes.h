/* sk-fake-routes.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-json.h"
#include "sk-fake-store.h"

G_BEGIN_DECLS

/* What the request asks besides its method and path. */
typedef struct
{
  GHashTable *query;          /* decoded query parameters, or NULL */
  GBytes     *body;           /* request body, or NULL */
  gboolean    stuck;          /* list pages do not move (a fault) */
  gboolean    stale_counts;   /* deleting a file leaves stores' counts as they were */
  guint       seed;           /* of the account: the reports of the organization */
} SkFakeRouteOptions;

gboolean sk_fake_check_auth (const char               *authorization,
                             const char               *api_key,
                             SkFakeAnswer             *answer);
void     sk_fake_route      (SkFakeStore              *store,
                             const char               *method,
                             const char               *path,
                             const SkFakeRouteOptions *options,
                             SkFakeAnswer             *answer);

G_END_DECLS
