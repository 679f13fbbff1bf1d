/* test-abuse.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Abuse of the local API, over real TCP on 127.0.0.1: slowloris-style slow
 * headers, slow bodies and idle connections are cut; very long URLs and
 * headers are refused; a body nested a million levels deep does not crash
 * the program (it did: json-glib recursed until the stack overflowed); a
 * client that goes away in the middle of a bulk deletion leaves a trace in
 * the log; and other clients are answered all along. Each wait is bounded. */

#include <string.h>

#include "sk-local-server.h"
#include "sk-test-utils.h"

#define WAIT_MS 20000
#define READ_TIMEOUT_MS 600

typedef struct
{
  SkFakeOpenai  *fake;
  SkLocalServer *server;
  SoupSession   *session;
  GPtrArray     *log;   /* of char* */
  char          *url;
  guint          port;
} Fixture;

static void
request_logged_cb (SkLocalServer *server,
                   const char    *line,
                   Fixture       *f)
{
  g_ptr_array_add (f->log, g_strdup (line));
}

static void
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
                            "read-timeout-ms", READ_TIMEOUT_MS,
                            NULL);
  f->log = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->server, "request-logged", G_CALLBACK (request_logged_cb), f);
  g_assert_true (sk_local_server_start (f->server, &error));
  g_assert_no_error (error);
  f->port = sk_local_server_get_port (f->server);
  f->url = sk_local_server_dup_url (f->server);
  f->session = soup_session_new_with_options ("timeout", 30, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GAsyncResult) stopped = NULL;

  /* graceful: whatever is still in flight is answered first */
  sk_local_server_stop_async (f->server, NULL, sk_test_store_result, &stopped);
  sk_test_wait_result (&stopped, 30000);
  g_assert_true (sk_local_server_stop_finish (f->server, stopped, NULL));
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->fake);
  g_clear_pointer (&f->log, g_ptr_array_unref);
  g_clear_pointer (&f->url, g_free);
}

/* ------------------------------------------------------------------ */
/* A raw TCP client that sends its request a few bytes at a time        */

typedef struct
{
  GSocketConnection *connection;
  GSocket           *socket;
  GString           *request;
  gsize              sent;
  gsize              chunk;      /* bytes per tick; 0: stop sending */
  gboolean           endless;    /* keep sending @filler forever */
  char               filler;
  GString           *received;
  gboolean           closed;     /* the server closed (or reset) the connection */
  guint              tick_id;
} Raw;

static void
raw_poll (Raw *raw)
{
  char buffer[4096];

  while (!raw->closed)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_socket_receive (raw->socket, buffer, sizeof buffer, NULL, &error);

      if (n > 0)
        {
          g_string_append_len (raw->received, buffer, n);
          continue;
        }
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return;
      raw->closed = TRUE;
    }
}

static gboolean
raw_tick_cb (gpointer user_data)
{
  Raw *raw = user_data;

  raw_poll (raw);
  if (raw->closed)
    {
      raw->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (raw->chunk > 0)
    {
      gsize n;

      if (raw->sent >= raw->request->len && raw->endless)
        g_string_append_c (raw->request, raw->filler);
      n = MIN (raw->chunk, raw->request->len - raw->sent);
      if (n > 0)
        {
          gssize done = g_socket_send (raw->socket, raw->request->str + raw->sent, n, NULL, NULL);

          if (done < 0)
            raw->closed = TRUE;
          else
            raw->sent += done;
        }
    }

  return G_SOURCE_CONTINUE;
}

static Raw *
raw_new (Fixture    *f,
         const char *head,
         gsize       chunk,
         guint       interval_ms)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Raw *raw = g_new0 (Raw, 1);

  /* async: the server accepts on this same main context */
  g_socket_client_connect_to_host_async (client, "127.0.0.1", f->port, NULL,
                                         sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  raw->connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);
  raw->socket = g_socket_connection_get_socket (raw->connection);
  g_socket_set_blocking (raw->socket, FALSE);
  raw->request = g_string_new (head);
  raw->received = g_string_new (NULL);
  raw->chunk = chunk;
  raw->tick_id = g_timeout_add (interval_ms, raw_tick_cb, raw);

  return raw;
}

static void
raw_free (Raw *raw)
{
  g_clear_handle_id (&raw->tick_id, g_source_remove);
  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  g_clear_object (&raw->connection);
  g_string_free (raw->request, TRUE);
  g_string_free (raw->received, TRUE);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

static gboolean
raw_closed (gpointer data)
{
  return ((Raw *) data)->closed;
}

static guint
raw_status (Raw *raw)
{
  guint status = 0;

  if (g_str_has_prefix (raw->received->str, "HTTP/1.1 ") ||
      g_str_has_prefix (raw->received->str, "HTTP/1.0 "))
    status = (guint) g_ascii_strtoull (raw->received->str + 9, NULL, 10);

  return status;
}

/* Sends @request whole and waits for the server to answer and close, or
 * to close without answering (status 0). */
static guint
raw_exchange (Fixture    *f,
              const char *request,
              GString   **body_out)
{
  g_autoptr (Raw) raw = raw_new (f, request, strlen (request), 5);
  const char *body;

  /* "Connection: close" in every raw request: the server closes after it */
  sk_test_wait_until (raw_closed, raw, WAIT_MS);
  body = strstr (raw->received->str, "\r\n\r\n");
  if (body_out != NULL)
    *body_out = g_string_new (body ? body + 4 : "");

  return raw_status (raw);
}

/* ------------------------------------------------------------------ */
/* Ordinary requests                                                    */

static guint
http (Fixture     *f,
      const char  *method,
      const char  *path,
      const char  *body,
      gsize        body_length,
      char       **body_out)
{
  g_autofree char *url = g_strconcat (f->url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg),
                               "x-openai-api-key", "sk-test-key");
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  reply = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  if (body_out != NULL)
    *body_out = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));

  return soup_message_get_status (msg);
}

static void
assert_healthy (Fixture *f)
{
  g_autofree char *body = NULL;

  g_assert_cmpuint (http (f, "GET", "/health", NULL, 0, &body), ==, 200);
  g_assert_nonnull (strstr (body, "\"ok\""));
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */

static void
test_slow_headers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GPtrArray) slow = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_free);

  /* 20 clients drip a header that never ends, one byte every 50 ms */
  for (guint i = 0; i < 20; i++)
    {
      Raw *raw = raw_new (f, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 1, 50);

      raw->endless = TRUE;
      raw->filler = 'a';
      g_ptr_array_add (slow, raw);
    }

  /* others are answered meanwhile */
  sk_test_spin (100);
  assert_healthy (f);

  for (guint i = 0; i < slow->len; i++)
    {
      Raw *raw = g_ptr_array_index (slow, i);

      sk_test_wait_until (raw_closed, raw, WAIT_MS);
      g_assert_cmpuint (raw->sent, >, 0);
      /* cut, never answered 200 */
      g_assert_cmpuint (raw_status (raw), !=, 200);
    }
  assert_healthy (f);
}

static void
test_slow_body (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (Raw) raw = NULL;
  g_autofree char *list = NULL;

  sk_fake_openai_add_file (f->fake, "file-slow", "a.txt", "assistants", 1, 1);

  /* announces 1000 bytes, sends 2 every 50 ms: would take 25 s */
  raw = raw_new (f,
                 "DELETE /files HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "x-openai-api-key: sk-test-key\r\nContent-Type: application/json\r\n"
                 "Content-Length: 1000\r\n\r\n{\"file_ids\": [\"file-slow\"",
                 2, 50);
  raw->endless = TRUE;
  raw->filler = ' ';

  sk_test_spin (100);
  assert_healthy (f);
  sk_test_wait_until (raw_closed, raw, WAIT_MS);
  g_assert_cmpuint (raw->sent, <, 1000);
  g_assert_cmpuint (raw_status (raw), !=, 200);

  /* nothing was deleted from a body that never arrived */
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-slow"));
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", NULL), ==, 0);
  assert_healthy (f);
}

static void
test_idle_connection (Fixture       *f,
                      gconstpointer  data)
{
  /* connects, sends nothing */
  g_autoptr (Raw) raw = raw_new (f, "", 0, 20);

  sk_test_wait_until (raw_closed, raw, WAIT_MS);
  g_assert_cmpuint (raw_status (raw), !=, 200);
  assert_healthy (f);
}

static void
test_long_url (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GString) request = g_string_new ("GET /files?after=");
  g_autoptr (GString) body = NULL;
  guint status;

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (request, 'a');
  g_string_append (request, " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-openai-api-key: sk-test-key\r\n"
                            "Connection: close\r\n\r\n");

  status = raw_exchange (f, request->str, &body);
  g_test_message ("20 kB URL: %u %s", status, body->str);
  g_assert_true (status == 414 || status == 400);
  if (status == 414)
    g_assert_nonnull (strstr (body->str, "\"detail\""));

  /* a long path too */
  g_string_assign (request, "GET /vector_stores/");
  for (guint i = 0; i < 9000; i++)
    g_string_append_c (request, 'v');
  g_string_append (request, "/files HTTP/1.1\r\nHost: 127.0.0.1\r\nx-openai-api-key: sk-test-key\r\n"
                            "Connection: close\r\n\r\n");
  g_string_free (body, TRUE);
  status = raw_exchange (f, request->str, &body);
  g_test_message ("9 kB path: %u %s", status, body->str);
  g_assert_true (status == 414 || status == 400);

  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, NULL), ==, 0);
  assert_healthy (f);
}

static void
test_long_headers (Fixture       *f,
                   gconstpointer  data)
{
  const guint sizes[] = { 40 * 1024, 200 * 1024 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (GString) request = g_string_new ("GET /files HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                  "x-openai-api-key: sk-test-key\r\n"
                                                  "Connection: close\r\n");
      g_autoptr (GString) body = NULL;
      guint status;

      /* many ordinary headers of 1 kB each */
      for (guint i = 0; i < sizes[s] / 1024; i++)
        {
          g_string_append_printf (request, "X-Padding-%u: ", i);
          for (guint j = 0; j < 1000; j++)
            g_string_append_c (request, 'p');
          g_string_append (request, "\r\n");
        }
      g_string_append (request, "\r\n");

      status = raw_exchange (f, request->str, &body);
      g_test_message ("%u kB of headers: status %u (0: closed without an answer)",
                      sizes[s] / 1024, status);
      if (sizes[s] <= 64 * 1024)
        {
          /* within libsoup's own 64 KiB limit: the server's 431 */
          g_assert_true (status == 431 || status == 400);
          if (status == 431)
            g_assert_nonnull (strstr (body->str, "\"detail\""));
        }
      else
        {
          /* beyond it libsoup drops the connection itself */
          g_assert_true (status == 431 || status == 400 || status == 0);
        }
    }

  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, NULL), ==, 0);
  assert_healthy (f);
}

static void
test_nested_body (Fixture       *f,
                  gconstpointer  data)
{
  const gsize depth = 500000;
  g_autoptr (GString) body = g_string_new ("{\"file_ids\": ");
  g_autofree char *reply = NULL;
  guint status;

  /* 1 MB of nesting: the stack overflowed in json-glib before the fix */
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (body, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (body, ']');
  g_string_append_c (body, '}');
  g_assert_cmpuint (body->len, <=, 1024 * 1024);

  status = http (f, "DELETE", "/files", body->str, body->len, &reply);
  g_assert_cmpuint (status, ==, 422);
  g_assert_nonnull (strstr (reply, "\"detail\""));

  /* and the same in the with-files body */
  g_string_erase (body, 0, strlen ("{\"file_ids\": "));
  g_string_prepend (body, "{\"vector_store_ids\": ");
  g_clear_pointer (&reply, g_free);
  status = http (f, "DELETE", "/vector_stores/with-files", body->str, body->len, &reply);
  g_assert_cmpuint (status, ==, 422);

  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, NULL), ==, 0);
  assert_healthy (f);
}

static void
deep_answer_handler (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  GString *deep = g_string_new ("{\"object\": \"list\", \"data\": ");

  for (guint i = 0; i < 500000; i++)
    g_string_append_c (deep, '[');
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    deep->str, deep->len);
  g_string_free (deep, FALSE);
}

/* The client side of the same crash: an answer nested too deeply. */
static void
test_client_deep_answer (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (SkClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, deep_answer_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  client = sk_client_new (url, "sk-test-key");
  g_object_set (client, "max-attempts", 1, NULL);
  sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  files = sk_client_list_files_finish (client, result, &error);
  g_assert_null (files);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
}

static gboolean
fake_idle (gpointer data)
{
  Fixture *f = data;

  return sk_fake_openai_get_n_in_flight (f->fake) == 0;
}

static gboolean
delete_logged (gpointer data)
{
  Fixture *f = data;

  for (guint i = 0; i < f->log->len; i++)
    if (strstr (g_ptr_array_index (f->log, i), "DELETE /files") != NULL)
      return TRUE;
  return FALSE;
}

static void
test_disconnect_mid_delete (Fixture       *f,
                            gconstpointer  data)
{
  const guint n_files = 300;
  g_autoptr (GString) body = g_string_new ("{\"file_ids\": [");
  g_autoptr (GString) request = NULL;
  g_autoptr (Raw) raw = NULL;
  const char *line = NULL;
  guint n_deleted;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-gone%04u", i);

      sk_fake_openai_add_file (f->fake, id, "a.txt", "assistants", 1, i + 1);
      g_string_append_printf (body, "%s\"%s\"", i ? ", " : "", id);
    }
  g_string_append (body, "]}");
  g_object_set (f->fake, "latency-ms", 20, NULL);

  request = g_string_new (NULL);
  g_string_append_printf (request,
                          "DELETE /files HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "x-openai-api-key: sk-test-key\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                          body->len, body->str);
  raw = raw_new (f, request->str, request->len, 5);

  /* wait until some deletions are under way, then hang up */
  while (sk_fake_openai_count_requests (f->fake, "DELETE", NULL) < 20)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&raw, raw_free);

  sk_test_wait_until (delete_logged, f, WAIT_MS);
  sk_test_spin (200);
  sk_test_wait_until (fake_idle, f, WAIT_MS);

  n_deleted = n_files - sk_fake_openai_get_n_files (f->fake);
  for (guint i = 0; i < f->log->len; i++)
    if (strstr (g_ptr_array_index (f->log, i), "DELETE /files") != NULL)
      line = g_ptr_array_index (f->log, i);
  g_test_message ("client gone after 20 deletions: %u of %u deleted; log: %s",
                  n_deleted, n_files, line);

  /* Either the deletion ran to its end, or the log says it was cut. */
  if (n_deleted < n_files)
    g_assert_true (strstr (line, "aborted") != NULL || strstr (line, "cancel") != NULL ||
                   strstr (line, " 499") != NULL);

  /* nothing was deleted twice, nothing outside the request */
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/files/file-gone%04u", i);

      g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, path), <=, 1);
    }
  assert_healthy (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/abuse/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("slow-headers", test_slow_headers);
  ADD ("slow-body", test_slow_body);
  ADD ("idle-connection", test_idle_connection);
  ADD ("long-url", test_long_url);
  ADD ("long-headers", test_long_headers);
  ADD ("nested-body", test_nested_body);
  ADD ("disconnect-mid-delete", test_disconnect_mid_delete);
#undef ADD
  g_test_add_func ("/abuse/client-deep-answer", test_client_deep_answer);

  return g_test_run ();
}
