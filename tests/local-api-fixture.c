/* local-api-fixture.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture of the local API tests.
 */

#include "local-api-fixture.h"

#include <string.h>

void
resp_free (Resp *resp)
{
  g_clear_object (&resp->msg);
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_free (resp->head);
  g_free (resp);
}

static void
request_logged_cb (SkLocalServer *server,
                   const char    *line,
                   Fixture       *f)
{
  g_ptr_array_add (f->log, g_strdup (line));
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *upstream = NULL;
  g_autoptr (GError) error = NULL;

  f->fake = sk_test_fake_new ();
  upstream = sk_fake_openai_dup_base_url (f->fake);
  f->server = g_object_new (SK_TYPE_LOCAL_SERVER,
                            "port", 0,
                            "upstream-url", upstream,
                            "retry-base-ms", 5,
                            NULL);
  f->log = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->server, "request-logged", G_CALLBACK (request_logged_cb), f);
  sk_local_server_start (f->server, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sk_local_server_get_port (f->server), >, 0);
  f->base = sk_local_server_dup_url (f->server);
  f->session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
}

/* Stops gracefully and waits for the end of the stop. */
void
stop_server (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_local_server_stop_async (f->server, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_local_server_stop_finish (f->server, result, &error));
  g_assert_no_error (error);
  g_assert_false (sk_local_server_get_running (f->server));
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *token = sk_local_server_get_local_token (f->server);

  /* Whatever the test did, neither the key nor the token reached the log. */
  for (guint i = 0; i < f->log->len; i++)
    {
      const char *line = g_ptr_array_index (f->log, i);

      g_assert_null (strstr (line, KEY));
      g_assert_null (strstr (line, "sk-wrong"));
      g_assert_null (strstr (line, "sk-account"));
      if (token != NULL)
        g_assert_null (strstr (line, token));
    }

  stop_server (f);
  g_clear_object (&f->server);
  g_clear_object (&f->session);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->log, g_ptr_array_unref);
}

static SoupMessage *
build_message (Fixture    *f,
               const char *method,
               const char *path,
               const char *body,
               va_list     headers)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  const char *name;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  while ((name = va_arg (headers, const char *)) != NULL)
    {
      const char *value = va_arg (headers, const char *);

      soup_message_headers_replace (soup_message_get_request_headers (msg), name, value);
    }

  return msg;
}

Resp *
finish_response (SoupMessage *msg,
                 GBytes      *body)
{
  Resp *resp = g_new0 (Resp, 1);
  const char *type;

  resp->msg = msg;
  resp->status = soup_message_get_status (msg);
  resp->body = body;

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (g_strcmp0 (type, "application/json") == 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                  (gssize) g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      resp->json = json_node_ref (json_parser_get_root (parser));
    }

  return resp;
}

/* Sends and waits; the varargs are header name/value pairs, NULL-ended. */
Resp *
http (Fixture    *f,
      const char *method,
      const char *path,
      const char *body,
      ...)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SoupMessage *msg;
  GBytes *bytes;
  va_list args;

  va_start (args, body);
  msg = build_message (f, method, path, body, args);
  va_end (args);

  g_test_message ("request: %s %s", method, path);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  bytes = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);

  return finish_response (msg, bytes);
}

/* A new connection to the server. */
GSocketConnection *
raw_connect (Fixture *f)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_connect_to_host_async (client, "127.0.0.1",
                                         (guint16) sk_local_server_get_port (f->server), NULL,
                                         sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);
  return connection;
}

/* A request written by hand on a plain socket: libsoup's client resends a
 * request answered 421 (it takes it for a misdirected HTTP/2 connection),
 * so the Host check is tested the way a browser or curl would see it. */
Resp *
raw_http (Fixture    *f,
          const char *method,
          const char *path,
          const char *host,
          const char *key,
          const char *body)
{
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) received = g_byte_array_new ();
  g_autoptr (GString) request = g_string_new (NULL);
  Resp *resp = g_new0 (Resp, 1);
  const char *end;
  gsize head_len;

  g_string_append_printf (request, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n",
                          method, path, host);
  if (key != NULL)
    g_string_append_printf (request, "x-openai-api-key: %s\r\n", key);
  if (body != NULL)
    g_string_append_printf (request, "Content-Type: application/json\r\n"
                            "Content-Length: %zu\r\n", strlen (body));
  g_string_append (request, "\r\n");
  if (body != NULL)
    g_string_append (request, body);

  connection = raw_connect (f);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                   request->str, request->len, G_PRIORITY_DEFAULT, NULL,
                                   sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_output_stream_write_all_finish (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                    result, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr (GBytes) chunk = NULL;
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

      g_clear_object (&result);
      g_input_stream_read_bytes_async (in, 65536, G_PRIORITY_DEFAULT, NULL,
                                       sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      chunk = g_input_stream_read_bytes_finish (in, result, &error);
      g_assert_no_error (error);
      if (g_bytes_get_size (chunk) == 0)
        break;
      g_byte_array_append (received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }

  g_byte_array_append (received, (const guint8 *) "", 1);
  end = strstr ((const char *) received->data, "\r\n\r\n");
  g_assert_nonnull (end);
  head_len = (gsize) (end - (const char *) received->data);
  resp->head = g_strndup ((const char *) received->data, head_len);
  g_assert_true (g_str_has_prefix (resp->head, "HTTP/1.1 "));
  resp->status = (guint) g_ascii_strtoull (resp->head + 9, NULL, 10);
  resp->body = g_bytes_new (end + 4, received->len - 1 - head_len - 4);
  if (strstr (resp->head, "Content-Type: application/json") != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, end + 4, -1, &error);
      g_assert_no_error (error);
      resp->json = json_node_ref (json_parser_get_root (parser));
    }

  return resp;
}

const char *
detail_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (resp->json));
  return json_object_get_string_member (json_node_get_object (resp->json), "detail");
}

void
assert_error (Resp       *resp,
              guint       status,
              const char *detail_part)
{
  const char *detail;

  g_assert_cmpuint (resp->status, ==, status);
  detail = detail_of (resp);
  g_assert_nonnull (detail);
  g_assert_cmpstr (detail, !=, "");
  if (detail_part != NULL && strstr (detail, detail_part) == NULL)
    g_error ("detail \"%s\" lacks \"%s\"", detail, detail_part);
}

JsonArray *
array_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (resp->json));
  return json_node_get_array (resp->json);
}

JsonObject *
object_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (resp->json));
  return json_node_get_object (resp->json);
}

const char *
last_log (Fixture *f)
{
  g_assert_cmpuint (f->log->len, >, 0);
  return g_ptr_array_index (f->log, f->log->len - 1);
}

guint
logged_upstream (Fixture *f)
{
  const char *p = strstr (last_log (f), "upstream=");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + strlen ("upstream="), NULL, 10);
}

/* Waits until the log has @n lines (the line comes once the answer is
 * written, a moment after the client has it). */
static gboolean
log_has (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return f->log->len >= n;
}

void
wait_log (Fixture *f,
          guint    n)
{
  gpointer data[2] = { f, GUINT_TO_POINTER (n) };

  sk_test_wait_until (log_has, data, WAIT_MS);
}

void
add_files (Fixture    *f,
           const char *prefix,
           guint       n,
           const char *purpose)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%04u", prefix, i);

      sk_fake_openai_add_file (f->fake, id, "doc.txt", purpose, 100 + i, 1700000000 + i);
    }
}

void
add_stores (Fixture *f,
            guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_%04u", i);

      sk_fake_openai_add_vector_store (f->fake, id, "store", 1700000000 + i);
    }
}
