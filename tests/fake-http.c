/* fake-http.c: plain libsoup requests against SkFakeOpenai, for its tests
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-http.h"

#include <string.h>

void
reply_free (Reply *reply)
{
  g_clear_error (&reply->error);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->fake = sk_fake_openai_new ();
  g_object_set (f->fake, "api-key", KEY, NULL);
  sk_fake_openai_listen (f->fake, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sk_fake_openai_get_port (f->fake), >, 0);
  f->base = g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (f->fake));
  f->session = soup_session_new_with_options ("timeout", 30, "max-conns", 64,
                                              "max-conns-per-host", 64, NULL);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_assert_finalize_object (f->fake);
  g_free (f->base);
}

void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  Reply *reply = call->reply;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->status = soup_message_get_status (call->msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (call->msg));
  if (reply->body != NULL && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                      g_bytes_get_size (reply->body), NULL) &&
          json_parser_get_root (parser) != NULL)
        reply->json = json_node_copy (json_parser_get_root (parser));
    }
  call->done = TRUE;
}

gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
wait_calls (Call  **calls,
            guint   n)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (TIMEOUT_MS, timeout_cb, &reached);
  gboolean all;

  do
    {
      all = TRUE;
      for (guint i = 0; i < n; i++)
        all = all && calls[i]->done;
      if (!all)
        g_main_context_iteration (NULL, TRUE);
    }
  while (!all && !reached);

  if (!reached)
    g_source_remove (id);
  if (!all)
    g_error ("request did not finish within %u ms", TIMEOUT_MS);
}

Call *
start_call (Fixture    *f,
            const char *method,
            const char *path,
            const char *key,
            const char *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  Call *call = g_new0 (Call, 1);

  call->reply = g_new0 (Reply, 1);
  call->msg = soup_message_new (method, url);
  g_assert_nonnull (call->msg);
  if (key != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", key);
      soup_message_headers_replace (soup_message_get_request_headers (call->msg),
                                    "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (call->msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->session, call->msg, G_PRIORITY_DEFAULT, NULL,
                                    send_cb, call);
  return call;
}

Reply *
finish_call (Call *call)
{
  Reply *reply = call->reply;

  g_object_unref (call->msg);
  g_free (call);
  return reply;
}

Reply *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *key,
         const char *body)
{
  Call *call = start_call (f, method, path, key, body);

  wait_calls (&call, 1);
  return finish_call (call);
}

Reply *
get (Fixture    *f,
     const char *path)
{
  return request (f, "GET", path, KEY, NULL);
}

JsonObject *
obj (Reply *reply)
{
  g_assert_no_error (reply->error);
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

const char *
str (JsonObject *o,
     const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

gboolean
is_null (JsonObject *o,
         const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node);
}

JsonArray *
data (Reply *reply)
{
  JsonObject *o = obj (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (str (o, "object"), ==, "list");
  return json_object_get_array_member (o, "data");
}

const char *
item_id (JsonArray *a,
         guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (a, i), "id");
}

void
assert_error (Reply      *reply,
              guint       status,
              const char *message,
              const char *param,
              const char *code)
{
  JsonObject *o = obj (reply);
  JsonObject *e;

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply->headers, NULL), ==,
                   "application/json");
  g_assert_true (json_object_has_member (o, "error"));
  e = json_object_get_object_member (o, "error");
  if (message != NULL)
    g_assert_cmpstr (str (e, "message"), ==, message);
  g_assert_nonnull (str (e, "type"));
  g_assert_cmpstr (str (e, "param"), ==, param);
  g_assert_cmpstr (str (e, "code"), ==, code);
}

/* Walks a list with @query_base ("?limit=N&order=...") and returns the ids. */
GPtrArray *
walk (Fixture    *f,
      const char *path,
      const char *query_base,
      guint      *n_pages)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *after = NULL;
  gboolean has_more = TRUE;

  *n_pages = 0;
  while (has_more)
    {
      g_autofree char *url = after
        ? g_strdup_printf ("%s%s&after=%s", path, query_base, after)
        : g_strdup_printf ("%s%s", path, query_base);
      g_autoptr (Reply) reply = get (f, url);
      JsonArray *a = data (reply);
      JsonObject *o = obj (reply);
      guint n = json_array_get_length (a);

      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 10000);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ids, g_strdup (item_id (a, i)));
      has_more = json_object_get_boolean_member (o, "has_more");
      if (n > 0)
        {
          g_assert_cmpstr (str (o, "first_id"), ==, item_id (a, 0));
          g_assert_cmpstr (str (o, "last_id"), ==, item_id (a, n - 1));
          g_free (after);
          after = g_strdup (item_id (a, n - 1));
        }
      else
        {
          g_assert_true (is_null (o, "first_id"));
          g_assert_true (is_null (o, "last_id"));
          g_assert_false (has_more);
        }
    }
  return ids;
}

void
add_files (Fixture *f,
           guint    n,
           gint64   base_time)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);
      g_autofree char *name = g_strdup_printf ("doc-%u.pdf", i);

      /* pairs of files share a second, to check the tie-break */
      sk_fake_openai_add_file (f->fake, id, name, i % 3 ? "assistants" : "user_data",
                               1000 + i, base_time + i / 2);
    }
}
