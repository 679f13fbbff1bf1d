/* sk-local-validate.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sk-types.h"

G_BEGIN_DECLS

/* Pure request parsing and validation for the local API (LOCAL_API.md).
 * Nothing here does I/O or touches a GObject: each function takes bytes or
 * strings and returns a verdict, so the functions can be fuzzed alone.
 * Every "detail" returned is one sentence meant for {"detail": ...}. */

#define SK_LOCAL_MAX_BODY_BYTES   (1024 * 1024)
#define SK_LOCAL_MAX_IDS          10000
#define SK_LOCAL_MAX_ID_LENGTH    128
#define SK_LOCAL_MAX_LIMIT        10000
#define SK_LOCAL_MAX_URL_BYTES    8192
#define SK_LOCAL_MAX_HEADER_BYTES 32768

typedef enum
{
  SK_LOCAL_ROUTE_NONE,                /* unknown path: 404 */
  SK_LOCAL_ROUTE_INDEX,               /* GET / */
  SK_LOCAL_ROUTE_HEALTH,              /* GET /health */
  SK_LOCAL_ROUTE_OPENAPI,             /* GET /openapi.json */
  SK_LOCAL_ROUTE_DOCS,                /* GET /docs */
  SK_LOCAL_ROUTE_DOCS_ASSET,          /* GET /docs/docs.js, /docs/docs.css */
  SK_LOCAL_ROUTE_LIST_STORES,         /* GET /vector_stores */
  SK_LOCAL_ROUTE_DELETE_STORES,       /* DELETE /vector_stores */
  SK_LOCAL_ROUTE_DELETE_STORES_FILES, /* DELETE /vector_stores/with-files */
  SK_LOCAL_ROUTE_LIST_STORE_FILES,    /* GET /vector_stores/{vs}/files */
  SK_LOCAL_ROUTE_DETACH_FILE,         /* DELETE /vector_stores/{vs}/files/{file} */
  SK_LOCAL_ROUTE_LIST_FILES,          /* GET /files */
  SK_LOCAL_ROUTE_DELETE_FILES,        /* DELETE /files */
  SK_LOCAL_ROUTE_ORPHANS,             /* GET /files/orphans */
} SkLocalRoute;

typedef enum
{
  SK_LOCAL_ROUTE_STATUS_OK,
  SK_LOCAL_ROUTE_STATUS_NOT_FOUND,          /* 404 */
  SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, /* 405, see @allow */
} SkLocalRouteStatus;

typedef struct
{
  SkLocalRoute  route;
  char         *vector_store_id; /* {vector_store_id} of the path, or NULL */
  char         *file_id;         /* {file_id} of the path, or NULL */
  const char   *allow;           /* "GET" / "DELETE" / "GET, DELETE": the methods of the path */
  const char   *asset;           /* for SK_LOCAL_ROUTE_DOCS_ASSET: "docs.js" or "docs.css" */
} SkLocalRequestTarget;

void               sk_local_request_target_clear (SkLocalRequestTarget *target);

/* Routes @method + @path (decoded, without query). Path parameters are
 * returned as they are (validate them with sk_local_validate_id()). A
 * trailing slash is not accepted ("/files/" is 404), as in the guide. */
SkLocalRouteStatus sk_local_route                (const char           *method,
                                                  const char           *path,
                                                  SkLocalRequestTarget *target);
/* TRUE when the route needs the key (everything but health, docs, openapi). */
gboolean           sk_local_route_needs_key      (SkLocalRoute          route);
/* TRUE when the route answers with data of the account (upstream calls). */
gboolean           sk_local_route_is_upstream    (SkLocalRoute          route);

/* [A-Za-z0-9_-]{1,128}. On failure, @detail (nullable) names the ID. */
gboolean           sk_local_validate_id          (const char           *id,
                                                  const char           *what,
                                                  char                **detail);

typedef struct
{
  guint    limit;         /* 0: no limit */
  SkOrder  order;
  char    *after;
  char    *before;
  char    *purpose;       /* GET /files */
  char    *filter_status; /* GET /vector_stores/{id}/files */
} SkLocalListQuery;

void               sk_local_list_query_clear     (SkLocalListQuery     *query);

/* Validates the decoded query of a list route (@query: name -> value, may
 * be NULL). Unknown names are ignored (Postman adds its own at times).
 * FALSE with @detail for a 422. */
gboolean           sk_local_parse_list_query     (SkLocalRoute          route,
                                                  GHashTable           *query,
                                                  SkLocalListQuery     *out,
                                                  char                **detail);

/* Parses a bulk body: a JSON object with @ids_key an array of non-empty
 * strings, each a valid ID. Returns the IDs in request order (duplicates
 * kept: the engine folds them) or NULL with @status (413 or 422) and
 * @detail. When @delete_files is not NULL the optional boolean member
 * "delete_files" is read too (default TRUE). */
GPtrArray         *sk_local_parse_ids_body       (const char           *data,
                                                  gsize                 length,
                                                  const char           *ids_key,
                                                  gboolean             *delete_files,
                                                  guint                *status,
                                                  char                **detail);

/* TRUE when the Host header names this machine by loopback: "localhost",
 * "127.0.0.1" or "[::1]", with or without a port. NULL is FALSE. */
gboolean           sk_local_host_is_loopback     (const char           *host_header);
/* TRUE when @host (a --host value) is a loopback address or "localhost". */
gboolean           sk_local_address_is_loopback  (const char           *host);

/* The token of "Authorization: Bearer <token>", or NULL (borrowed: points
 * into @authorization). */
const char        *sk_local_bearer_token         (const char           *authorization);
/* Constant-time comparison (time depends on @given's length only). */
gboolean           sk_local_token_equal          (const char           *expected,
                                                  const char           *given);

G_END_DECLS
