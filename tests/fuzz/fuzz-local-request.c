/* fuzz-local-request.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The local API's pure request parsing (routes, validation, auth headers)
 * on arbitrary requests. Input: up to five fields separated by '\n':
 *
 *   METHOD \n PATH \n QUERY \n HEADER VALUE \n BODY (the rest, may hold '\n')
 *
 * PATH is routed, its IDs validated; QUERY is decoded as SoupServer does and
 * validated for each list route; HEADER VALUE is checked as a Host header,
 * a --host value and an Authorization header; BODY is parsed as each bulk
 * body. Invariants of the contract are checked on every verdict. */

#include "sk-id.h"
#include "sk-local-auth.h"
#include "sk-local-routes.h"
#include "sk-local-validate.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_detail (char *detail)
{
  /* one sentence, valid UTF-8 (it goes into JSON), bounded */
  if (detail == NULL || !g_utf8_validate (detail, -1, NULL) || strlen (detail) > 1024)
    abort ();
  g_free (detail);
}

static void
check_id (const char *id)
{
  char *detail = NULL;
  gboolean valid = sk_local_validate_id (id, "ID", &detail);

  if (valid != sk_id_is_valid (id))
    abort ();
  if (valid && detail != NULL)
    abort ();
  if (!valid)
    check_detail (detail);
}

static void
fuzz_route (const char *method,
            const char *path)
{
  SkLocalMatch match;
  SkLocalRouteStatus status = sk_local_routes_match (method, path, &match);

  switch (status)
    {
    case SK_LOCAL_ROUTE_STATUS_OK:
      if (match.route == NULL || match.route->handler == NULL || match.allow == NULL)
        abort ();
      if (strcmp (method, match.route->method) != 0 || strstr (match.allow, method) == NULL)
        abort ();
      if (strcmp (method, "GET") != 0 && strcmp (method, "DELETE") != 0)
        abort ();
      /* the pattern names its parameters, and only those are set */
      if ((match.vector_store_id != NULL) !=
          (strstr (match.route->pattern, "{vector_store_id}") != NULL))
        abort ();
      if ((match.file_id != NULL) != (strstr (match.route->pattern, "{file_id}") != NULL))
        abort ();
      if (match.vector_store_id != NULL)
        check_id (match.vector_store_id);
      if (match.file_id != NULL)
        check_id (match.file_id);
      break;
    case SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED:
      if (match.route != NULL || match.allow == NULL)
        abort ();
      break;
    case SK_LOCAL_ROUTE_STATUS_NOT_FOUND:
      if (match.route != NULL || match.allow != NULL)
        abort ();
      break;
    default:
      abort ();
    }

  /* a path parameter never holds a '/' */
  if ((match.vector_store_id && strchr (match.vector_store_id, '/')) ||
      (match.file_id && strchr (match.file_id, '/')))
    abort ();

  sk_local_match_clear (&match);
}

static void
fuzz_query (const char *raw)
{
  static const SkLocalListKind kinds[] = {
    SK_LOCAL_LIST_FILES, SK_LOCAL_LIST_STORES, SK_LOCAL_LIST_STORE_FILES,
  };
  g_autoptr (GHashTable) query = NULL;

  /* what SoupServer hands to handlers */
  query = soup_form_decode (raw);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      SkLocalListQuery out = { 0 };
      char *detail = NULL;

      if (sk_local_parse_list_query (kinds[i], query, &out, &detail))
        {
          if (detail != NULL)
            abort ();
          if (out.limit > SK_LOCAL_MAX_LIMIT)
            abort ();
          if (kinds[i] == SK_LOCAL_LIST_FILES && out.limit == 0)
            abort ();
          if (out.order != SK_ORDER_ASC && out.order != SK_ORDER_DESC)
            abort ();
          /* cursors passed on upstream are plain tokens; a purpose is any
           * non-empty text (the client escapes it), but valid UTF-8 */
          if ((out.after && !sk_id_is_valid (out.after)) ||
              (out.before && !sk_id_is_valid (out.before)) ||
              (out.purpose && (out.purpose[0] == '\0' || !g_utf8_validate (out.purpose, -1, NULL))))
            abort ();
          if (out.filter_status && !g_strv_contains ((const char *[]) { "in_progress", "completed",
                                                                          "failed", "cancelled",
                                                                          NULL },
                                                     out.filter_status))
            abort ();
        }
      else
        {
          check_detail (detail);
          /* cleared on failure */
          if (out.after || out.before || out.purpose || out.filter_status)
            abort ();
        }
      sk_local_list_query_clear (&out);
    }
}

static void
fuzz_header (const char *value)
{
  const char *token;

  if (sk_local_host_is_loopback (value))
    {
      if (!(g_ascii_strncasecmp (value, "localhost", 9) == 0 ||
            strncmp (value, "127.0.0.1", 9) == 0 || strncmp (value, "[::1]", 5) == 0))
        abort ();
    }
  (void) sk_local_address_is_loopback (value);

  token = sk_local_bearer_token (value);
  if (token != NULL)
    {
      if (token < value || token >= value + strlen (value) || *token == '\0')
        abort ();
      if (!sk_local_token_equal (token, token))
        abort ();
      if (sk_local_token_equal (token, "") || sk_local_token_equal ("", token))
        abort ();
    }
  if (sk_local_token_equal (value, value) != (value[0] != '\0'))
    abort ();
}

static void
fuzz_body (const char *body,
           gsize       length)
{
  static const char *keys[] = { "file_ids", "vector_store_ids" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      for (guint with_flag = 0; with_flag < 2; with_flag++)
        {
          g_autoptr (GPtrArray) ids = NULL;
          gboolean delete_files = FALSE;
          guint status = 0;
          char *detail = NULL;

          ids = sk_local_parse_ids_body (body, length, keys[i],
                                         with_flag ? &delete_files : NULL, &status, &detail);
          if (ids != NULL)
            {
              if (status != 200 || detail != NULL || ids->len > SK_LOCAL_MAX_IDS)
                abort ();
              for (guint j = 0; j < ids->len; j++)
                if (!sk_id_is_valid (g_ptr_array_index (ids, j)))
                  abort ();
            }
          else
            {
              if (status != 413 && status != 422)
                abort ();
              check_detail (detail);
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *fields[4] = { "", "", "", "" };
  g_autofree char *copy = NULL;
  const char *body;
  gsize body_length;
  char *p;
  guint n = 0;

  fuzz_init_once ();

  /* Fields are text (NUL cuts them); the body keeps its bytes. */
  copy = g_malloc (size + 1);
  memcpy (copy, data, size);
  copy[size] = '\0';

  p = copy;
  while (n < G_N_ELEMENTS (fields))
    {
      char *nl = memchr (p, '\n', size - (p - copy));

      if (nl == NULL)
        break;
      *nl = '\0';
      fields[n++] = p;
      p = nl + 1;
    }
  body = p;
  body_length = size - (p - copy);
  if (n < G_N_ELEMENTS (fields))
    {
      /* fewer than four newlines: the last field is the rest */
      fields[n] = p;
      body = "";
      body_length = 0;
    }

  fuzz_route (fields[0], fields[1]);
  fuzz_query (fields[2]);
  fuzz_header (fields[3]);
  check_id (fields[1]);
  fuzz_body (body, body_length);

  return 0;
}
