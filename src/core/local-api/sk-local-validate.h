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

/* Pure request parsing and validation for the local API.
 * Nothing here does I/O or touches a GObject: each function takes bytes or
 * strings and returns a verdict, so the functions can be fuzzed alone.
 * Every "detail" returned is one sentence meant for {"detail": ...}. */

#define SK_LOCAL_MAX_BODY_BYTES   (1024 * 1024)
#define SK_LOCAL_MAX_IDS          10000
#define SK_LOCAL_MAX_LIMIT        10000
#define SK_LOCAL_MAX_URL_BYTES    8192
#define SK_LOCAL_MAX_HEADER_BYTES 32768

/* Which list a query is for: each takes its own parameters. */
typedef enum
{
  SK_LOCAL_LIST_FILES,        /* GET /files */
  SK_LOCAL_LIST_STORES,       /* GET /vector_stores */
  SK_LOCAL_LIST_STORE_FILES,  /* GET /vector_stores/{vector_store_id}/files */
} SkLocalListKind;

/* sk_id_is_valid(); on failure, @detail (nullable) names the ID. */
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
gboolean           sk_local_parse_list_query     (SkLocalListKind       kind,
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

G_END_DECLS
