/* sk-json.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-json.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sk-error.h"

/* Deepest nesting accepted in an answer (OpenAI's go 4 or 5 deep). */
#define SK_JSON_MAX_DEPTH 256

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;

  return node;
}

const char *
sk_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = get_value_node (object, member);
  const char *value;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  /* json-glib 1.6 decodes a lone surrogate ("\ud800") or a short "\u"
   * escape into bytes that are not UTF-8: treat that as a wrong type, so
   * no such string reaches a label, a log line or a JSON answer. */
  value = json_node_get_string (node);
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return NULL;

  return value;
}

gint64
sk_json_get_int (JsonObject *object,
                 const char *member,
                 gint64      default_value)
{
  JsonNode *node = get_value_node (object, member);
  GType type;

  if (node == NULL)
    return default_value;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return json_node_get_int (node);

  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 1.7e9 sometimes comes as 1700000000.0 from other servers */
      if (isfinite (d) && d > -9.2e18 && d < 9.2e18)
        return (gint64) d;
    }

  return default_value;
}

gboolean
sk_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean    default_value)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

JsonObject *
sk_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
sk_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node;

  if (object == NULL || member == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

JsonObject *
sk_json_require_object_with_id (JsonNode    *node,
                                const char  *not_object,
                                const char  *no_id,
                                GError     **error)
{
  JsonObject *object;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                                                     0, NULL, not_object));
      return NULL;
    }

  object = json_node_get_object (node);
  id = sk_json_get_string (object, "id");
  if (id == NULL || *id == '\0')
    {
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                                                     0, NULL, no_id));
      return NULL;
    }

  return object;
}

gboolean
sk_json_depth_ok (const char *data,
                  gsize       length,
                  guint       max_depth)
{
  guint depth = 0;
  gsize i = 0;

  /* Exact for valid JSON ("..." strings, a backslash escapes the next
   * byte); beyond it, skips what json-glib 1.6's scanner also takes as
   * strings or comments: '...' strings without escapes, C comments. */
  while (i < length)
    {
      char c = data[i++];

      switch (c)
        {
        case '"':
          while (i < length && data[i] != '"')
            i += data[i] == '\\' ? 2 : 1;
          i++;
          break;
        case '\'':
          while (i < length && data[i] != '\'')
            i++;
          i++;
          break;
        case '/':
          if (i < length && data[i] == '*')
            {
              i++;
              while (i + 1 < length && !(data[i] == '*' && data[i + 1] == '/'))
                i++;
              i += 2;
            }
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
sk_json_parse_bytes (GBytes  *bytes,
                     guint    http_status,
                     GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  gconstpointer data;
  gsize size = 0;
  JsonNode *root;

  data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  if (data == NULL || size == 0)
    {
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                                                     http_status, NULL,
                                                     _("The server sent an empty answer")));
      return NULL;
    }

  if (size > G_MAXSSIZE)
    size = G_MAXSSIZE;

  /* No OpenAI answer nests deeper than a few levels. */
  if (!sk_json_depth_ok (data, size, SK_JSON_MAX_DEPTH))
    g_set_error_literal (&local_error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                         "nested too deeply");

  parser = json_parser_new_immutable ();
  if (local_error != NULL ||
      !json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a technical parse error */
      message = g_strdup_printf (_("The server sent an answer that is not valid JSON (%s)"),
                                 local_error->message);
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                                                     http_status, NULL, message));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                                                     http_status, NULL,
                                                     _("The server sent an empty answer")));
      return NULL;
    }

  return json_node_ref (root);
}
