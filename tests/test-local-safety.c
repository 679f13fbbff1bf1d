/* test-local-safety.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API's guards: Host check and CORS, parallel callers, the
 * access log and its redaction, slow and idle connections.
 */

#include <string.h>

#include "local-api-fixture.h"

/* ------------------------------------------------------------------ */
/* Safety                                                              */

static void
assert_no_cors (Resp *resp)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  if (resp->head != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (resp->head, -1);

      g_assert_null (strstr (lower, "access-control-"));
      return;
    }

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (resp->msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_assert_false (g_ascii_strncasecmp (name, "Access-Control-", 15) == 0);
}

static void
test_host_and_cors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *local_host = g_strdup_printf ("localhost:%u",
                                                 sk_local_server_get_port (f->server));
  g_autoptr (Resp) foreign = NULL;
  g_autoptr (Resp) foreign_key = NULL;
  g_autoptr (Resp) rebinding = NULL;
  g_autoptr (Resp) local = NULL;
  g_autoptr (Resp) ipv6 = NULL;
  g_autoptr (Resp) origin = NULL;
  g_autoptr (Resp) preflight = NULL;

  add_files (f, "file-", 2, "assistants");

  foreign = raw_http (f, "GET", "/health", "evil.example", NULL, NULL);
  assert_error (foreign, 421, NULL);
  foreign_key = raw_http (f, "DELETE", "/files", "evil.example:8000", KEY,
                          "{\"file_ids\": [\"file-0000\"]}");
  assert_error (foreign_key, 421, NULL);
  rebinding = raw_http (f, "GET", "/files", "127.0.0.1.evil.example", KEY, NULL);
  assert_error (rebinding, 421, NULL);
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));

  local = raw_http (f, "GET", "/health", local_host, NULL, NULL);
  g_assert_cmpuint (local->status, ==, 200);
  ipv6 = raw_http (f, "GET", "/health", "[::1]:8000", NULL, NULL);
  g_assert_cmpuint (ipv6->status, ==, 200);

  origin = http (f, "GET", "/files", NULL, "Origin", "https://evil.example",
                 "x-openai-api-key", KEY, NULL);
  g_assert_cmpuint (origin->status, ==, 200);
  assert_no_cors (origin);

  preflight = http (f, "OPTIONS", "/files", NULL, "Origin", "https://evil.example",
                    "Access-Control-Request-Method", "DELETE",
                    "Access-Control-Request-Headers", "x-openai-api-key", NULL);
  g_assert_cmpuint (preflight->status, !=, 200);
  g_assert_cmpuint (preflight->status, !=, 204);
  assert_no_cors (preflight);
  assert_no_cors (foreign);
}

typedef struct
{
  GAsyncResult *result;
  guint         order;
} Pending;

static guint finish_counter;

static void
pending_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Pending *p = user_data;

  p->result = g_object_ref (res);
  p->order = ++finish_counter;
}

static gboolean
both_done (gpointer data)
{
  Pending *p = data;

  return p[0].result != NULL && p[1].result != NULL;
}

static void
test_parallel (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *slow_url = g_strconcat (f->base, "/vector_stores", NULL);
  g_autofree char *fast_url = g_strconcat (f->base, "/files", NULL);
  g_autoptr (SoupMessage) slow = soup_message_new ("GET", slow_url);
  g_autoptr (SoupMessage) fast = soup_message_new ("GET", fast_url);
  g_autoptr (GBytes) slow_body = NULL;
  g_autoptr (GBytes) fast_body = NULL;
  Pending p[2] = { { 0 } };

  add_files (f, "file-", 3, "assistants");
  add_stores (f, 3);
  /* the first upstream call of the slow request takes 3 s */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_DELAY, 0, 3000);

  soup_message_headers_replace (soup_message_get_request_headers (slow), "x-openai-api-key", KEY);
  soup_message_headers_replace (soup_message_get_request_headers (fast), "x-openai-api-key", KEY);

  finish_counter = 0;
  soup_session_send_and_read_async (f->session, slow, G_PRIORITY_DEFAULT, NULL,
                                    pending_done_cb, &p[0]);
  /* make sure the slow one is in the server before the fast one leaves */
  while (sk_fake_openai_get_n_in_flight (f->fake) == 0)
    g_main_context_iteration (NULL, TRUE);
  soup_session_send_and_read_async (f->session, fast, G_PRIORITY_DEFAULT, NULL,
                                    pending_done_cb, &p[1]);

  sk_test_wait_until (both_done, p, WAIT_MS);

  slow_body = soup_session_send_and_read_finish (f->session, p[0].result, NULL);
  fast_body = soup_session_send_and_read_finish (f->session, p[1].result, NULL);
  g_assert_cmpuint (soup_message_get_status (slow), ==, 200);
  g_assert_cmpuint (soup_message_get_status (fast), ==, 200);
  /* the fast request did not wait for the slow one */
  g_assert_cmpuint (p[1].order, ==, 1);
  g_assert_cmpuint (p[0].order, ==, 2);
  g_clear_object (&p[0].result);
  g_clear_object (&p[1].result);
}

static void
test_log_lines (Fixture       *f,
                gconstpointer  data)
{
  add_files (f, "file-", 2, "assistants");
  g_object_set (f->server, "files-page-size", 1, NULL);
  sk_local_server_set_account_key (f->server, "sk-account-secret");

  {
    g_autoptr (Resp) a = call (f, "GET", "/files?purpose=assistants", NULL);
    g_autoptr (Resp) b = http (f, "GET", "/files", NULL, "x-openai-api-key", "sk-wrong-key", NULL);
    g_autofree char *bearer = g_strdup_printf ("Bearer %s",
                                               sk_local_server_get_local_token (f->server));
    g_autoptr (Resp) c = http (f, "DELETE", "/files", "{\"file_ids\": [\"file-0000\"]}",
                               "Authorization", bearer, NULL);
    /* a key pasted into the path by mistake */
    g_autoptr (Resp) d = call (f, "GET", "/sk-test-key/files", NULL);

    g_assert_cmpuint (a->status, ==, 200);
    g_assert_cmpuint (b->status, ==, 401);
    g_assert_cmpuint (c->status, ==, 200);
    g_assert_cmpuint (d->status, ==, 404);
  }
  wait_log (f, 4);
  g_assert_cmpuint (f->log->len, ==, 4);

  /* time method path status duration upstream calls; no query string */
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GET /files 200 "
                                       "[0-9.]+ms upstream=[2-9]$",
                                       g_ptr_array_index (f->log, 0), 0, 0));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (f->log, 1), "upstream=1"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log, 1), "GET /files 401"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log, 2), "DELETE /files 200"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->log, 3), "[redacted]"));
  /* fixture_tear_down checks no line holds a key or the token */
}

/* A key anywhere in a path segment, in any case or percent-encoded,
 * never reaches the log; IDs and route names still do. */
static void
test_log_redaction (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const paths[] = {
    "/vector_stores/key=sk-proj-SECRETKEY456/files",
    "/vector_stores/xSK-PROJ-SECRET789/files",
    "/vector_stores/vs_ok/files/%73k-proj-SECRET000",
    "/files/my%20sk-proj-SECRET111",
  };

  add_stores (f, 1);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (Resp) resp = call (f, i == 2 ? "DELETE" : "GET", paths[i], NULL);

      g_assert_cmpuint (resp->status, >=, 400);
    }
  {
    g_autoptr (Resp) ok = call (f, "GET", "/vector_stores/vs_0000/files", NULL);

    g_assert_cmpuint (ok->status, ==, 200);
  }
  wait_log (f, G_N_ELEMENTS (paths) + 1);

  for (guint i = 0; i < f->log->len; i++)
    {
      const char *line = g_ptr_array_index (f->log, i);
      g_autofree char *lower = g_ascii_strdown (line, -1);

      g_test_message ("log: %s", line);
      g_assert_null (strstr (lower, "secret"));
      g_assert_null (strstr (lower, "sk-"));
      g_assert_null (strstr (lower, "%73k"));
    }
  g_assert_nonnull (strstr (g_ptr_array_index (f->log, 0), "/vector_stores/[redacted]/files "));
  g_assert_nonnull (strstr (last_log (f), "GET /vector_stores/vs_0000/files 200 "));
}

/* ------------------------------------------------------------------ */
/* Slow and idle connections                                           */

typedef struct
{
  GSocketConnection *connection;
  const char        *trickle;    /* sent every 50 ms while waiting; NULL: nothing */
  guint              n_sent;
  GByteArray        *received;
  gboolean           closed;
  GAsyncResult      *read_result;
} Slow;

static gboolean
slow_trickle_cb (gpointer data)
{
  Slow *slow = data;
  GSocket *socket = g_socket_connection_get_socket (slow->connection);

  if (slow->closed || slow->trickle == NULL)
    return G_SOURCE_CONTINUE;
  /* MSG_NOSIGNAL: a write after the server closed fails, no SIGPIPE */
  if (g_socket_send (socket, slow->trickle, strlen (slow->trickle), NULL, NULL) > 0)
    slow->n_sent++;
  return G_SOURCE_CONTINUE;
}

static gboolean
slow_closed (gpointer data)
{
  Slow *slow = data;

  while (!slow->closed && slow->read_result != NULL)
    {
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (slow->connection));
      g_autoptr (GBytes) chunk = NULL;
      g_autoptr (GError) error = NULL;

      chunk = g_input_stream_read_bytes_finish (in, slow->read_result, &error);
      g_clear_object (&slow->read_result);
      if (chunk == NULL || g_bytes_get_size (chunk) == 0)
        {
          slow->closed = TRUE;
          break;
        }
      g_byte_array_append (slow->received, g_bytes_get_data (chunk, NULL),
                           g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (in, 65536, G_PRIORITY_DEFAULT, NULL,
                                       sk_test_store_result, &slow->read_result);
    }

  return slow->closed;
}

/* Connects, sends @head, then sends @trickle every 50 ms until the server
 * closes the connection (or the test times out). Returns what came back. */
static GByteArray *
wait_closed_while_trickling (Fixture    *f,
                             const char *head,
                             const char *trickle)
{
  g_autoptr (GError) error = NULL;
  Slow slow = { 0 };
  guint trickle_id;

  slow.connection = raw_connect (f);
  slow.trickle = trickle;
  slow.received = g_byte_array_new ();

  g_assert_cmpint (g_socket_send (g_socket_connection_get_socket (slow.connection),
                                  head, strlen (head), NULL, &error), ==, (gssize) strlen (head));
  g_assert_no_error (error);

  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (slow.connection)),
                                   65536, G_PRIORITY_DEFAULT, NULL,
                                   sk_test_store_result, &slow.read_result);
  trickle_id = g_timeout_add (50, slow_trickle_cb, &slow);
  sk_test_wait_until (slow_closed, &slow, WAIT_MS);
  g_source_remove (trickle_id);

  g_assert_true (slow.closed);
  g_clear_object (&slow.connection);
  return slow.received;
}

static void
test_slowloris_headers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GByteArray) received = NULL;

  g_object_set (f->server, "read-timeout-ms", 300, NULL);
  /* headers that never end, one more line every 50 ms */
  received = wait_closed_while_trickling (f, "GET /health HTTP/1.1\r\nHost: localhost\r\n",
                                          "X-Slow: 1\r\n");
  /* nothing was answered: the request never came whole */
  g_assert_cmpuint (received->len, ==, 0);
}

static void
test_slowloris_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GByteArray) received = NULL;

  g_object_set (f->server, "read-timeout-ms", 300, NULL);
  /* a body announced as 100000 bytes that comes one byte every 50 ms */
  received = wait_closed_while_trickling (f, "DELETE /files HTTP/1.1\r\nHost: localhost\r\n"
                                             "x-openai-api-key: " KEY "\r\n"
                                             "Content-Type: application/json\r\n"
                                             "Content-Length: 100000\r\n\r\n{",
                                          " ");
  g_assert_cmpuint (received->len, ==, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, "/"), ==, 0);
}

static void
test_idle_keepalive (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GByteArray) received = NULL;
  g_autofree char *text = NULL;

  g_object_set (f->server, "read-timeout-ms", 0, "idle-timeout-ms", 300, NULL);
  /* one whole keep-alive request, answered; then silence */
  received = wait_closed_while_trickling (f, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                          NULL);
  text = g_strndup ((const char *) received->data, received->len);
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 200"));
  g_assert_nonnull (strstr (text, "\"status\""));
}

/* A connection that never sends a byte is closed as well. */
static void
test_silent_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GByteArray) received = NULL;

  g_object_set (f->server, "read-timeout-ms", 300, NULL);
  received = wait_closed_while_trickling (f, "", NULL);
  g_assert_cmpuint (received->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sk/local-server/" name, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("host-and-cors", test_host_and_cors);
  ADD ("parallel", test_parallel);
  ADD ("log-lines", test_log_lines);
  ADD ("log-redaction", test_log_redaction);
  ADD ("slowloris-headers", test_slowloris_headers);
  ADD ("slowloris-body", test_slowloris_body);
  ADD ("idle-keepalive", test_idle_keepalive);
  ADD ("silent-connection", test_silent_connection);

  return g_test_run ();
}
