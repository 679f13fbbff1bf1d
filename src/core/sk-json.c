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
#include <string.h>

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

/* The reader of sk_json_scan_list_page(): @p moves through [@p, @end) */
typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
scan_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
scan_char (Scan *s,
           char  c)
{
  scan_ws (s);
  if (s->p >= s->end || *s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* A "..." string at @s->p: its bytes between the quotes in @start and
 * @len, and whether it holds an escape */
static gboolean
scan_string (Scan        *s,
             const char **start,
             gsize       *len,
             gboolean    *escaped)
{
  const char *p;

  scan_ws (s);
  if (s->p >= s->end || *s->p != '"')
    return FALSE;

  /* the first quote after an even run of backslashes ends the string */
  p = ++s->p;
  for (;;)
    {
      const char *quote = memchr (p, '"', s->end - p);
      const char *run;

      if (quote == NULL)
        return FALSE;
      for (run = quote; run > s->p && run[-1] == '\\'; run--)
        ;
      p = quote + 1;
      if ((quote - run) % 2 == 0)
        break;
    }

  *start = s->p;
  *len = p - 1 - s->p;
  *escaped = memchr (*start, '\\', *len) != NULL;
  s->p = p;
  return TRUE;
}

static inline gboolean
scan_ends_literal (char c)
{
  switch (c)
    {
    case ',':
    case ']':
    case '}':
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '\0':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
scan_is (const char *start,
         gsize       len,
         const char *word)
{
  return len == strlen (word) && memcmp (start, word, len) == 0;
}

/* Skips one value; @literal receives a scalar's text (NULL for a string,
 * an object or an array) */
static gboolean
scan_skip_value (Scan        *s,
                 const char **literal,
                 gsize       *literal_len)
{
  const char *start;
  gsize len;
  gboolean escaped;
  guint depth = 0;

  *literal = NULL;
  *literal_len = 0;
  scan_ws (s);
  if (s->p >= s->end)
    return FALSE;

  if (*s->p == '"')
    return scan_string (s, &start, &len, &escaped);

  if (*s->p != '{' && *s->p != '[')
    {
      start = s->p;
      while (s->p < s->end && !scan_ends_literal (*s->p))
        s->p++;
      *literal = start;
      *literal_len = s->p - start;
      return *literal_len > 0;
    }

  /* an object or an array: brackets counted, strings skipped */
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '"')
        {
          if (!scan_string (s, &start, &len, &escaped))
            return FALSE;
          continue;
        }
      s->p++;
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return TRUE;
    }

  return FALSE;
}

/* One item of "data": its "id" when it is an object with a plain string
 * "id" (@id_len 0 otherwise); FALSE when "id" appears twice or is escaped */
static gboolean
scan_item (Scan        *s,
           const char **id,
           gsize       *id_len)
{
  const char *literal;
  gsize literal_len;
  gboolean seen_id = FALSE;

  *id = NULL;
  *id_len = 0;

  scan_ws (s);
  if (s->p < s->end && *s->p != '{')
    return scan_skip_value (s, &literal, &literal_len);

  if (!scan_char (s, '{'))
    return FALSE;
  if (scan_char (s, '}'))
    return TRUE;

  do
    {
      const char *name;
      gsize name_len;
      gboolean escaped;

      if (!scan_string (s, &name, &name_len, &escaped) || escaped || !scan_char (s, ':'))
        return FALSE;

      scan_ws (s);
      if (scan_is (name, name_len, "id"))
        {
          if (seen_id)
            return FALSE;
          seen_id = TRUE;
          if (s->p < s->end && *s->p == '"')
            {
              if (!scan_string (s, id, id_len, &escaped) || escaped)
                return FALSE;
              continue;
            }
        }

      if (!scan_skip_value (s, &literal, &literal_len))
        return FALSE;
    }
  while (scan_char (s, ','));

  return scan_char (s, '}');
}

static gboolean
scan_data (Scan        *s,
           guint       *n_items,
           const char **last_id,
           gsize       *last_id_len)
{
  *n_items = 0;
  if (!scan_char (s, '['))
    return FALSE;
  if (scan_char (s, ']'))
    return TRUE;

  do
    {
      if (!scan_item (s, last_id, last_id_len))
        return FALSE;
      (*n_items)++;
    }
  while (scan_char (s, ','));

  return scan_char (s, ']');
}

gboolean
sk_json_scan_list_page (const char  *data,
                        gsize        length,
                        guint       *n_items,
                        char       **last_id,
                        gboolean    *has_more)
{
  Scan s = { data, data + length };
  const char *id = NULL;
  gsize id_len = 0;
  gboolean seen_data = FALSE, seen_has_more = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (n_items != NULL && last_id != NULL && has_more != NULL, FALSE);

  *n_items = 0;
  *last_id = NULL;
  *has_more = FALSE;

  if (!scan_char (&s, '{'))
    return FALSE;

  if (!scan_char (&s, '}'))
    {
      do
        {
          const char *name, *literal;
          gsize name_len, literal_len;
          gboolean escaped;

          if (!scan_string (&s, &name, &name_len, &escaped) || escaped || !scan_char (&s, ':'))
            return FALSE;

          if (scan_is (name, name_len, "data"))
            {
              if (seen_data || !scan_data (&s, n_items, &id, &id_len))
                return FALSE;
              seen_data = TRUE;
            }
          else if (!scan_skip_value (&s, &literal, &literal_len))
            {
              return FALSE;
            }
          else if (scan_is (name, name_len, "has_more"))
            {
              if (seen_has_more)
                return FALSE;
              seen_has_more = TRUE;
              *has_more = literal != NULL && scan_is (literal, literal_len, "true");
            }
        }
      while (scan_char (&s, ','));

      if (!scan_char (&s, '}'))
        return FALSE;
    }

  scan_ws (&s);
  if (s.p != s.end || !seen_data)
    return FALSE;

  if (id_len > 0)
    *last_id = g_strndup (id, id_len);
  return TRUE;
}
