/* sk-local-validate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-validate.h"

#include "sk-core-enums.h"
#include "sk-id.h"
#include "sk-json.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* An ID in an error sentence is cut so a 1 MiB "ID" does not come back whole. */
#define DETAIL_ID_MAX 160

void
sk_local_list_query_clear (SkLocalListQuery *query)
{
  g_clear_pointer (&query->after, g_free);
  g_clear_pointer (&query->before, g_free);
  g_clear_pointer (&query->purpose, g_free);
  g_clear_pointer (&query->filter_status, g_free);
  memset (query, 0, sizeof *query);
}

/* Whether @id holds a character no ID may hold: one that is not an ID
 * on its own. */
static gboolean
has_bad_char (const char *id)
{
  for (const char *p = id; *p; p++)
    {
      const char one[2] = { *p, '\0' };

      if (!sk_id_is_valid (one))
        return TRUE;
    }

  return FALSE;
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
  g_autofree char *shown = NULL;

  if (sk_id_is_valid (id))
    return TRUE;

  if (detail == NULL)
    return FALSE;

  if (what == NULL)
    what = "ID";

  if (id == NULL || id[0] == '\0')
    {
      *detail = g_strdup_printf ("The %s is empty.", what);
      return FALSE;
    }

  shown = printable_id (id);
  if (has_bad_char (id))
    *detail = g_strdup_printf ("Invalid %s \"%s\": only letters, digits, \"_\" and \"-\" "
                               "are allowed.", what, shown);
  else
    *detail = g_strdup_printf ("Invalid %s \"%s\": longer than %d characters.",
                               what, shown, SK_ID_MAX_LENGTH);
  return FALSE;
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

/* "asc" or "desc": the nicks of SkOrder */
static gboolean
parse_order (const char  *value,
             SkOrder     *out,
             char       **detail)
{
  int order;

  if (!sk_enum_get_value_by_nick (SK_TYPE_ORDER, value, &order))
    {
      if (detail)
        *detail = g_strdup ("The query parameter \"order\" must be \"asc\" or \"desc\".");
      return FALSE;
    }

  *out = (SkOrder) order;
  return TRUE;
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
sk_local_parse_list_query (SkLocalListKind    kind,
                           GHashTable        *query,
                           SkLocalListQuery  *out,
                           char             **detail)
{
  const char *value;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->order = SK_ORDER_DESC;
  out->limit = kind == SK_LOCAL_LIST_FILES ? SK_LOCAL_MAX_LIMIT : 0;

  if (query == NULL)
    return TRUE;

  value = g_hash_table_lookup (query, "limit");
  if (value != NULL && !parse_limit (value, &out->limit, detail))
    goto fail;

  value = g_hash_table_lookup (query, "order");
  if (value != NULL && !parse_order (value, &out->order, detail))
    goto fail;

  if (!parse_cursor (query, "after", &out->after, detail))
    goto fail;

  if (kind == SK_LOCAL_LIST_STORES || kind == SK_LOCAL_LIST_STORE_FILES)
    {
      if (!parse_cursor (query, "before", &out->before, detail))
        goto fail;
    }

  if (kind == SK_LOCAL_LIST_FILES)
    {
      value = g_hash_table_lookup (query, "purpose");
      if (value != NULL && value[0] != '\0')
        {
          /* Any non-empty text is passed on (OpenAI adds purposes over
           * time); the client escapes it in the upstream query. Only text
           * that JSON cannot carry back in an error is refused. */
          if (!g_utf8_validate (value, -1, NULL))
            {
              if (detail != NULL)
                *detail = g_strdup ("The query parameter \"purpose\" is not valid UTF-8.");
              goto fail;
            }
          out->purpose = g_strdup (value);
        }
    }

  if (kind == SK_LOCAL_LIST_STORE_FILES)
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

/* How deep a bulk body may nest arrays and objects (a valid one: two) */
#define SK_LOCAL_MAX_BODY_DEPTH 64

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
   * overflow the stack and take the whole program down. */
  if (!sk_json_depth_ok (data, length, SK_LOCAL_MAX_BODY_DEPTH))
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
