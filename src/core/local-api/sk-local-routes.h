/* sk-local-routes.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-local-request.h"

G_BEGIN_DECLS

/* One entry of the route table. @pattern is a path whose segments are
 * literal or a parameter, "{vector_store_id}" or "{file_id}". */
typedef struct
{
  const char     *method;
  const char     *pattern;
  gboolean        needs_key;
  SkLocalHandler  handler;
} SkLocalRoute;

typedef enum
{
  SK_LOCAL_ROUTE_STATUS_OK,
  SK_LOCAL_ROUTE_STATUS_NOT_FOUND,          /* 404 */
  SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, /* 405, see allow */
} SkLocalRouteStatus;

typedef struct
{
  const SkLocalRoute *route;            /* NULL unless OK */
  char               *vector_store_id;  /* {vector_store_id} of the path, or NULL */
  char               *file_id;          /* {file_id} of the path, or NULL */
  char               *allow;            /* "GET", "DELETE", "GET, DELETE": the methods of the path */
} SkLocalMatch;

SkLocalRouteStatus  sk_local_routes_match  (const char    *method,
                                            const char    *path,
                                            SkLocalMatch  *match);
void                sk_local_match_clear   (SkLocalMatch  *match);
const SkLocalRoute *sk_local_routes_get    (guint         *n_routes);

G_END_DECLS
