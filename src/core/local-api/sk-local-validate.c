/* sk-local-validate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-validate.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* An ID in an error sentence is cut so a 1 MiB "ID" does not come back whole. */
#define DETAIL_ID_MAX 160

void
sk_local_request_target_clear (SkLocalRequestTarget *target)
{
  g_clear_pointer (&target->vector_store_id, g_free);
  g_clear_pointer (&target->file_id, g_free);
  memset (target, 0, sizeof *target);
}

void
sk_local_list_query_clear (SkLocalListQuery *query)
{
  g_clear_pointer (&query->after, g_free);
  g_clear_pointer (&query->before, g_free);
  g_clear_pointer (&query->purpose, g_free);
  g_clear_pointer (&query->filter_status, g_free);
  memset (query, 0, sizeof *query);
}

static SkLocalRouteStatus
match_method (const char           *method,
              const char           *allow,
              SkLocalRoute          get_route,
              SkLocalRoute          delete_route,
              SkLocalRequestTarget *target)
{
  target->allow = allow;

  if (g_strcmp0 (method, "GET") == 0 && get_route != SK_LOCAL_ROUTE_NONE)
    target->route = get_route;
  else if (g_strcmp0 (method, "DELETE") == 0 && delete_route != SK_LOCAL_ROUTE_NONE)
    target->route = delete_route;
  else
    return SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED;

  return SK_LOCAL_ROUTE_STATUS_OK;
}

SkLocalRouteStatus
sk_local_route (const char           *method,
                const char           *path,
                SkLocalRequestTarget *target)
{
  g_auto (GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (target != NULL, SK_LOCAL_ROUTE_STATUS_NOT_FOUND);

  memset (target, 0, sizeof *target);
  target->route = SK_LOCAL_ROUTE_NONE;

  if (method == NULL || path == NULL || path[0] != '/')
    return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  if (strcmp (path, "/") == 0)
    return match_method (method, "GET", SK_LOCAL_ROUTE_INDEX, SK_LOCAL_ROUTE_NONE, target);

  /* "/a/b" -> "", "a", "b"; an empty segment anywhere ("//", trailing "/")
   * is not a route. */
  parts = g_strsplit (path + 1, "/", 6);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    if (parts[i][0] == '\0')
      return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  if (n == 1)
    {
      if (strcmp (parts[0], "health") == 0)
        return match_method (method, "GET", SK_LOCAL_ROUTE_HEALTH, SK_LOCAL_ROUTE_NONE, target);
      if (strcmp (parts[0], "openapi.json") == 0)
        return match_method (method, "GET", SK_LOCAL_ROUTE_OPENAPI, SK_LOCAL_ROUTE_NONE, target);
      if (strcmp (parts[0], "docs") == 0)
        return match_method (method, "GET", SK_LOCAL_ROUTE_DOCS, SK_LOCAL_ROUTE_NONE, target);
      if (strcmp (parts[0], "vector_stores") == 0)
        return match_method (method, "GET, DELETE", SK_LOCAL_ROUTE_LIST_STORES,
                             SK_LOCAL_ROUTE_DELETE_STORES, target);
      if (strcmp (parts[0], "files") == 0)
        return match_method (method, "GET, DELETE", SK_LOCAL_ROUTE_LIST_FILES,
                             SK_LOCAL_ROUTE_DELETE_FILES, target);
      return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;
    }

  if (n == 2)
    {
      if (strcmp (parts[0], "docs") == 0 &&
          (strcmp (parts[1], "docs.js") == 0 || strcmp (parts[1], "docs.css") == 0))
        {
          target->asset = strcmp (parts[1], "docs.js") == 0 ? "docs.js" : "docs.css";
          return match_method (method, "GET", SK_LOCAL_ROUTE_DOCS_ASSET, SK_LOCAL_ROUTE_NONE,
                               target);
        }
      if (strcmp (parts[0], "files") == 0 && strcmp (parts[1], "orphans") == 0)
        return match_method (method, "GET", SK_LOCAL_ROUTE_ORPHANS, SK_LOCAL_ROUTE_NONE, target);
      if (strcmp (parts[0], "vector_stores") == 0 && strcmp (parts[1], "with-files") == 0)
        return match_method (method, "DELETE", SK_LOCAL_ROUTE_NONE,
                             SK_LOCAL_ROUTE_DELETE_STORES_FILES, target);
      return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;
    }

  if (strcmp (parts[0], "vector_stores") != 0 || strcmp (parts[2], "files") != 0)
    return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  if (n == 3)
    {
      SkLocalRouteStatus status = match_method (method, "GET", SK_LOCAL_ROUTE_LIST_STORE_FILES,
                                                SK_LOCAL_ROUTE_NONE, target);

      target->vector_store_id = g_strdup (parts[1]);
      return status;
    }

  if (n == 4)
    {
      SkLocalRouteStatus status = match_method (method, "DELETE", SK_LOCAL_ROUTE_NONE,
                                                SK_LOCAL_ROUTE_DETACH_FILE, target);

      target->vector_store_id = g_strdup (parts[1]);
      target->file_id = g_strdup (parts[3]);
      return status;
    }

  return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;
}

gboolean
sk_local_route_needs_key (SkLocalRoute route)
{
  switch (route)
    {
    case SK_LOCAL_ROUTE_HEALTH:
    case SK_LOCAL_ROUTE_OPENAPI:
    case SK_LOCAL_ROUTE_DOCS:
    case SK_LOCAL_ROUTE_DOCS_ASSET:
    case SK_LOCAL_ROUTE_NONE:
      return FALSE;
    case SK_LOCAL_ROUTE_INDEX:
    case SK_LOCAL_ROUTE_LIST_STORES:
    case SK_LOCAL_ROUTE_DELETE_STORES:
    case SK_LOCAL_ROUTE_DELETE_STORES_FILES:
    case SK_LOCAL_ROUTE_LIST_STORE_FILES:
    case SK_LOCAL_ROUTE_DETACH_FILE:
    case SK_LOCAL_ROUTE_LIST_FILES:
    case SK_LOCAL_ROUTE_DELETE_FILES:
    case SK_LOCAL_ROUTE_ORPHANS:
    default:
      return TRUE;
    }
}

gboolean
sk_local_route_is_upstream (SkLocalRoute route)
{
  return route != SK_LOCAL_ROUTE_INDEX && sk_local_route_needs_key (route);
}

static char *
printable_id (const char *id)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *p;

  /* Keep it valid UTF-8 and short: bytes outside ASCII printing range are
   * shown as \xNN. */
  for (p = id; *p && out->len < DETAIL_ID_MAX; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02X", c);
    }
  if (*p)
    g_string_append (out, "...");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
sk_local_validate_id (const char  *id,
                      const char  *what,
                      char       **detail)
{
  gsize len = 0;

  if (what == NULL)
    what = "ID";

  if (id == NULL || id[0] == '\0')
    {
      if (detail)
        *detail = g_strdup_printf ("The %s is empty.", what);
      return FALSE;
    }

  for (const char *p = id; *p; p++, len++)
    {
      char c = *p;

      if (!(g_ascii_isalnum (c) || c == '_' || c == '-'))
        {
          if (detail)
            {
              g_autofree char *shown = printable_id (id);

              *detail = g_strdup_printf ("Invalid %s \"%s\": only letters, digits, \"_\" and \"-\" "
                                         "are allowed.", what, shown);
            }
          return FALSE;
        }
    }

  if (len > SK_LOCAL_MAX_ID_LENGTH)
    {
      if (detail)
        {
          g_autofree char *shown = printable_id (id);

          *detail = g_strdup_printf ("Invalid %s \"%s\": longer than %d characters.",
                                     what, shown, SK_LOCAL_MAX_ID_LENGTH);
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_limit (const char  *value,
             guint       *out,
             char       **detail)
{
  guint64 n = 0;

  if (value == NULL || value[0] == '\0' || strlen (value) > 6)
    goto bad;

  for (const char *p = value; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        goto bad;
      n = n * 10 + (guint64) (*p - '0');
    }

  if (n < 1 || n > SK_LOCAL_MAX_LIMIT)
    goto bad;

  *out = (guint) n;
  return TRUE;

bad:
  if (detail)
    *detail = g_strdup_printf ("The query parameter \"limit\" must be an integer from 1 to %d.",
                               SK_LOCAL_MAX_LIMIT);
  return FALSE;
}

static gboolean
parse_cursor (GHashTable  *query,
              const char  *name,
              char       **out,
              char       **detail)
{
  const char *value = g_hash_table_lookup (query, name);
  g_autofree char *what = NULL;

  if (value == NULL || value[0] == '\0')
    return TRUE;

  what = g_strdup_printf ("cursor \"%s\"", name);
  if (!sk_local_validate_id (value, what, detail))
    return FALSE;

  *out = g_strdup (value);
  return TRUE;
}

gboolean
sk_local_parse_list_query (SkLocalRoute       route,
                           GHashTable        *query,
                           SkLocalListQuery  *out,
                           char             **detail)
{
  const char *value;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->order = SK_ORDER_DESC;
  out->limit = route == SK_LOCAL_ROUTE_LIST_FILES ? SK_LOCAL_MAX_LIMIT : 0;

  if (query == NULL)
    return TRUE;

  value = g_hash_table_lookup (query, "limit");
  if (value != NULL && !parse_limit (value, &out->limit, detail))
    goto fail;

  value = g_hash_table_lookup (query, "order");
  if (value != NULL)
    {
      if (strcmp (value, "asc") == 0)
        out->order = SK_ORDER_ASC;
      else if (strcmp (value, "desc") == 0)
        out->order = SK_ORDER_DESC;
      else
        {
          if (detail)
            *detail = g_strdup ("The query parameter \"order\" must be \"asc\" or \"desc\".");
          goto fail;
        }
    }

  if (!parse_cursor (query, "after", &out->after, detail))
    goto fail;

  if (route == SK_LOCAL_ROUTE_LIST_STORES || route == SK_LOCAL_ROUTE_LIST_STORE_FILES)
    {
      if (!parse_cursor (query, "before", &out->before, detail))
        goto fail;
    }

  if (route == SK_LOCAL_ROUTE_LIST_FILES)
    {
      value = g_hash_table_lookup (query, "purpose");
      if (value != NULL && value[0] != '\0')
        {
          /* Open set (OpenAI adds purposes), but it goes into a URL. */
          if (!sk_local_validate_id (value, "purpose", detail))
            goto fail;
          out->purpose = g_strdup (value);
        }
    }

  if (route == SK_LOCAL_ROUTE_LIST_STORE_FILES)
    {
      value = g_hash_table_lookup (query, "filter_status");
      if (value != NULL && value[0] != '\0')
        {
          if (g_strcmp0 (value, "in_progress") != 0 && g_strcmp0 (value, "completed") != 0 &&
              g_strcmp0 (value, "failed") != 0 && g_strcmp0 (value, "cancelled") != 0)
            {
              if (detail)
                *detail = g_strdup ("The query parameter \"filter_status\" must be one of "
                                    "\"in_progress\", \"completed\", \"failed\" or \"cancelled\".");
              goto fail;
            }
          out->filter_status = g_strdup (value);
        }
    }

  return TRUE;

fail:
  sk_local_list_query_clear (out);
  return FALSE;
}

/* Most '[' and '{' in a bulk body (a valid one has two) */
#define SK_LOCAL_MAX_BODY_OPENERS 64

static gsize
count_openers (const char *data,
               gsize       length)
{
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    n += data[i] == '[' || data[i] == '{';

  return n;
}

static GPtrArray *
fail_body (guint       *status,
           char       **detail,
           guint        code,
           const char  *sentence)
{
  if (status)
    *status = code;
  if (detail)
    *detail = g_strdup (sentence);
  return NULL;
}

GPtrArray *
sk_local_parse_ids_body (const char  *data,
                         gsize        length,
                         const char  *ids_key,
                         gboolean    *delete_files,
                         guint       *status,
                         char       **detail)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sentence = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (ids_key != NULL, NULL);

  if (delete_files)
    *delete_files = TRUE;

  if (length > SK_LOCAL_MAX_BODY_BYTES)
    return fail_body (status, detail, 413, "The request body is larger than 1 MiB.");

  if (data == NULL || length == 0)
    {
      sentence = g_strdup_printf ("The request body must be a JSON object with \"%s\".", ids_key);
      return fail_body (status, detail, 422, sentence);
    }

  /* json-glib reads up to a NUL: a body with a NUL inside is not JSON. */
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    return fail_body (status, detail, 422, "The request body is not valid JSON.");

  /* json-glib 1.6 recurses without a limit: a body of "[[[[..." would
   * overflow the stack and take the whole program down. A valid body has
   * two brackets (IDs hold none), so counting every '[' and '{', strings
   * included, bounds the depth whatever json-glib takes for a string. */
  if (count_openers (data, length) > SK_LOCAL_MAX_BODY_OPENERS)
    return fail_body (status, detail, 422, "The request body has too many nested arrays or objects.");

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    return fail_body (status, detail, 422, "The request body is not valid JSON.");

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      sentence = g_strdup_printf ("The request body must be a JSON object with \"%s\".", ids_key);
      return fail_body (status, detail, 422, sentence);
    }

  object = json_node_get_object (root);
  member = json_object_get_member (object, ids_key);
  if (member == NULL)
    {
      sentence = g_strdup_printf ("The request body has no \"%s\".", ids_key);
      return fail_body (status, detail, 422, sentence);
    }
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      sentence = g_strdup_printf ("\"%s\" must be an array of IDs.", ids_key);
      return fail_body (status, detail, 422, sentence);
    }

  if (delete_files != NULL)
    {
      JsonNode *flag = json_object_get_member (object, "delete_files");

      if (flag != NULL && !JSON_NODE_HOLDS_NULL (flag))
        {
          if (json_node_get_value_type (flag) != G_TYPE_BOOLEAN)
            return fail_body (status, detail, 422, "\"delete_files\" must be true or false.");
          *delete_files = json_node_get_boolean (flag);
        }
    }

  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > SK_LOCAL_MAX_IDS)
    {
      sentence = g_strdup_printf ("\"%s\" has %u IDs; at most %d are accepted per request.",
                                  ids_key, n, SK_LOCAL_MAX_IDS);
      return fail_body (status, detail, 413, sentence);
    }

  ids = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id;
      g_autofree char *why = NULL;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          sentence = g_strdup_printf ("\"%s\" must be an array of non-empty strings "
                                      "(item %u is not a string).", ids_key, i);
          return fail_body (status, detail, 422, sentence);
        }

      id = json_node_get_string (element);
      if (id == NULL || id[0] == '\0')
        {
          sentence = g_strdup_printf ("\"%s\" must be an array of non-empty strings "
                                      "(item %u is empty).", ids_key, i);
          return fail_body (status, detail, 422, sentence);
        }

      if (!sk_local_validate_id (id, "ID", &why))
        return fail_body (status, detail, 422, why);

      g_ptr_array_add (ids, g_strdup (id));
    }

  if (status)
    *status = 200;
  return g_steal_pointer (&ids);
}

static gboolean
host_name_is_loopback (const char *name,
                       gsize       len)
{
  return (len == 9 && g_ascii_strncasecmp (name, "localhost", 9) == 0) ||
         (len == 9 && strncmp (name, "127.0.0.1", 9) == 0) ||
         (len == 5 && strncmp (name, "[::1]", 5) == 0);
}

gboolean
sk_local_host_is_loopback (const char *host_header)
{
  const char *colon;
  gsize name_len;

  if (host_header == NULL)
    return FALSE;

  if (host_header[0] == '[')
    {
      const char *end = strchr (host_header, ']');

      if (end == NULL)
        return FALSE;
      name_len = (gsize) (end - host_header) + 1;
      colon = end[1] == ':' ? end + 1 : NULL;
      if (colon == NULL && end[1] != '\0')
        return FALSE;
    }
  else
    {
      colon = strchr (host_header, ':');
      name_len = colon ? (gsize) (colon - host_header) : strlen (host_header);
    }

  if (colon != NULL)
    {
      /* port: 1 to 5 digits, nothing else */
      gsize digits = strlen (colon + 1);

      if (digits == 0 || digits > 5)
        return FALSE;
      for (const char *p = colon + 1; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }

  return host_name_is_loopback (host_header, name_len);
}

gboolean
sk_local_address_is_loopback (const char *host)
{
  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || strcmp (host, "::1") == 0 ||
      strcmp (host, "[::1]") == 0)
    return TRUE;

  /* 127.0.0.0/8 */
  if (g_str_has_prefix (host, "127."))
    {
      guint dots = 0;

      for (const char *p = host; *p; p++)
        {
          if (*p == '.')
            dots++;
          else if (!g_ascii_isdigit (*p))
            return FALSE;
        }
      return dots == 3;
    }

  return FALSE;
}

const char *
sk_local_bearer_token (const char *authorization)
{
  const char *p;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  p = authorization + 7;
  while (*p == ' ')
    p++;

  return *p ? p : NULL;
}

gboolean
sk_local_token_equal (const char *expected,
                      const char *given)
{
  gsize expected_len, given_len;
  guchar diff = 0;

  if (expected == NULL || given == NULL || expected[0] == '\0')
    return FALSE;

  expected_len = strlen (expected);
  given_len = strlen (given);

  /* Walk @given whole, whatever it holds, so the time does not tell how
   * many leading characters were right. */
  for (gsize i = 0; i < given_len; i++)
    diff |= (guchar) given[i] ^ (guchar) expected[i % expected_len];

  return diff == 0 && given_len == expected_len;
}
