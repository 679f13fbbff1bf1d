/* test-local-inflight.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API's requests in flight: callers who leave, the stops
 * (graceful and at once), and the rate gates shared by the requests of
 * one account.
 */

#include <string.h>

#include "local-api-fixture.h"

/* ------------------------------------------------------------------ */
/* Callers who leave, a server that stops                              */

static gboolean
fake_busy (gpointer data)
{
  return sk_fake_openai_get_n_in_flight (data) > 0;
}

/* Sends @request whole on a new connection and returns it. */
static GSocketConnection *
raw_send (Fixture    *f,
          const char *request)
{
  g_autoptr (GError) error = NULL;
  GSocketConnection *connection = raw_connect (f);

  g_assert_cmpint (g_socket_send (g_socket_connection_get_socket (connection), request,
                                  strlen (request), NULL, &error), ==, (gssize) strlen (request));
  g_assert_no_error (error);
  return connection;
}

static char *
delete_files_body (guint n)
{
  GString *body = g_string_new ("{\"file_ids\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (body, "%s\"file-%04u\"", i ? ", " : "", i);
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

/* A caller who leaves while a list waits upstream: the list stops (no
 * more upstream calls) and the log says so. */
static void
test_client_gone_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GSocketConnection) connection = NULL;

  add_files (f, "file-", 5, "assistants");
  g_object_set (f->server, "files-page-size", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DELAY, 0, 1000);

  connection = raw_send (f, "GET /files HTTP/1.1\r\nHost: localhost\r\n"
                            "x-openai-api-key: " KEY "\r\n\r\n");
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  wait_log (f, 1);
  g_test_message ("log: %s", last_log (f));
  g_assert_nonnull (strstr (last_log (f), "GET /files 499 "));
  g_assert_nonnull (strstr (last_log (f), "client gone"));
  /* the first page only: the other four were never asked for */
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "GET", "/v1/files"), ==, 1);
}

/* A caller who leaves during a bulk deletion: the deletion runs to its
 * end and the log says what was done. */
static void
test_client_gone_bulk (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GSocketConnection) connection = NULL;
  g_autofree char *body = delete_files_body (20);
  g_autofree char *request = NULL;

  add_files (f, "file-", 20, "assistants");
  g_object_set (f->server, "max-in-flight", 2, NULL);
  g_object_set (f->fake, "latency-ms", 20, NULL);

  request = g_strdup_printf ("DELETE /files HTTP/1.1\r\nHost: localhost\r\n"
                             "x-openai-api-key: " KEY "\r\nContent-Type: application/json\r\n"
                             "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
  connection = raw_send (f, request);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  wait_log (f, 1);
  g_test_message ("log: %s", last_log (f));
  g_assert_nonnull (strstr (last_log (f), "DELETE /files 499 "));
  g_assert_true (g_str_has_suffix (last_log (f), "client gone; 20 deleted, 0 failed"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 0);
}

typedef struct
{
  SoupMessage  *msg;
  GAsyncResult *result;
} Sent;

static void
send_async_with_key (Fixture    *f,
                     Sent       *sent,
                     const char *key,
                     const char *method,
                     const char *path,
                     const char *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);

  sent->msg = soup_message_new (method, url);
  soup_message_headers_replace (soup_message_get_request_headers (sent->msg),
                                "x-openai-api-key", key);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (sent->msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (f->session, sent->msg, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &sent->result);
}

static void
send_async (Fixture    *f,
            Sent       *sent,
            const char *method,
            const char *path,
            const char *body)
{
  send_async_with_key (f, sent, KEY, method, path, body);
}

static Resp *
sent_finish (Fixture *f,
             Sent    *sent)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes;

  sk_test_wait_result (&sent->result, WAIT_MS);
  bytes = soup_session_send_and_read_finish (f->session, sent->result, &error);
  g_assert_no_error (error);
  g_clear_object (&sent->result);
  return finish_response (g_steal_pointer (&sent->msg), bytes);
}

static const char *
log_with (Fixture    *f,
          const char *part)
{
  for (guint i = 0; i < f->log->len; i++)
    if (strstr (g_ptr_array_index (f->log, i), part) != NULL)
      return g_ptr_array_index (f->log, i);
  g_error ("no log line holds \"%s\"", part);
  return NULL;
}

/* Stopping with a list waiting upstream: it is answered 503 and logged. */
static void
test_stop_list (Fixture       *f,
                gconstpointer  data)
{
  Sent sent = { 0 };
  g_autoptr (Resp) resp = NULL;

  add_stores (f, 3);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_DELAY, 0, 3000);
  send_async (f, &sent, "GET", "/vector_stores", NULL);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  stop_server (f);

  resp = sent_finish (f, &sent);
  assert_error (resp, 503, "The server is stopping.");
  g_assert_nonnull (strstr (log_with (f, "GET /vector_stores"), "GET /vector_stores 503 "));
}

/* Stopping during a bulk deletion that ends within the grace period: it
 * is answered whole. */
static void
test_stop_bulk_finishes (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *body = delete_files_body (10);
  Sent sent = { 0 };
  g_autoptr (Resp) resp = NULL;

  add_files (f, "file-", 10, "assistants");
  g_object_set (f->server, "max-in-flight", 2, NULL);
  g_object_set (f->fake, "latency-ms", 30, NULL);
  send_async (f, &sent, "DELETE", "/files", body);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  stop_server (f);

  resp = sent_finish (f, &sent);
  g_assert_cmpuint (resp->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (resp),
                                                                         "success")), ==, 10);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 0);
  g_assert_true (g_str_has_suffix (log_with (f, "DELETE /files"),
                                   "server stopping; 10 deleted, 0 failed"));
}

/* Past the grace period the deletion is cancelled; the answer and the
 * log say what was done, and nothing reported deleted is still there. */
static void
test_stop_bulk_cancelled (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *body = delete_files_body (40);
  Sent sent = { 0 };
  g_autoptr (Resp) resp = NULL;
  JsonArray *success;
  JsonArray *failed;

  add_files (f, "file-", 40, "assistants");
  g_object_set (f->server, "max-in-flight", 1, "stop-grace-ms", 150, NULL);
  g_object_set (f->fake, "latency-ms", 50, NULL);
  send_async (f, &sent, "DELETE", "/files", body);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  stop_server (f);

  resp = sent_finish (f, &sent);
  g_assert_cmpuint (resp->status, ==, 200);
  success = json_object_get_array_member (object_of (resp), "success");
  failed = json_object_get_array_member (object_of (resp), "failed");
  g_assert_cmpuint (json_array_get_length (success) + json_array_get_length (failed), ==, 40);
  g_assert_cmpuint (json_array_get_length (failed), >, 0);
  for (guint i = 0; i < json_array_get_length (success); i++)
    g_assert_false (sk_fake_openai_has_file (f->fake, json_array_get_string_element (success, i)));
  g_assert_nonnull (strstr (log_with (f, "DELETE /files"),
                            "server stopping, cancelled after the grace period; "));
}

/* The stop does not wait in its caller: it returns at once, the server
 * answers 503 to new requests meanwhile, and the callback runs once the
 * deletion in progress is answered and the connections are closed. */
static void
test_stop_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *body = delete_files_body (10);
  Sent sent = { 0 };
  g_autoptr (GAsyncResult) stopped = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Resp) resp = NULL;
  g_autoptr (Resp) late = NULL;

  add_files (f, "file-", 10, "assistants");
  g_object_set (f->server, "max-in-flight", 1, NULL);
  g_object_set (f->fake, "latency-ms", 30, NULL);
  send_async (f, &sent, "DELETE", "/files", body);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  sk_local_server_stop_async (f->server, NULL, sk_test_store_result, &stopped);
  g_assert_null (stopped);
  g_assert_true (sk_local_server_get_running (f->server));

  late = http (f, "GET", "/health", NULL, NULL);
  assert_error (late, 503, "The server is stopping.");
  g_assert_null (stopped);

  resp = sent_finish (f, &sent);
  g_assert_cmpuint (resp->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (resp),
                                                                         "success")), ==, 10);
  sk_test_wait_result (&stopped, WAIT_MS);
  g_assert_true (sk_local_server_stop_finish (f->server, stopped, &error));
  g_assert_no_error (error);
  g_assert_false (sk_local_server_get_running (f->server));
  g_assert_cmpuint (sk_local_server_get_port (f->server), ==, 0);
  g_assert_true (g_str_has_suffix (log_with (f, "DELETE /files"),
                                   "server stopping; 10 deleted, 0 failed"));

  /* stopping a stopped server completes at once */
  g_clear_object (&stopped);
  sk_local_server_stop_async (f->server, NULL, sk_test_store_result, &stopped);
  sk_test_wait_result (&stopped, WAIT_MS);
  g_assert_true (sk_local_server_stop_finish (f->server, stopped, &error));
  g_assert_no_error (error);
}

/* Cancelling the stop ends the grace period at once: the deletion is
 * cancelled and answered with what was done, and the stop still ends. */
static void
test_stop_async_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *body = delete_files_body (40);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) stopped = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Resp) resp = NULL;
  Sent sent = { 0 };
  gint64 start;

  add_files (f, "file-", 40, "assistants");
  g_object_set (f->server, "max-in-flight", 1, "stop-grace-ms", 600000, NULL);
  g_object_set (f->fake, "latency-ms", 50, NULL);
  send_async (f, &sent, "DELETE", "/files", body);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  sk_local_server_stop_async (f->server, cancellable, sk_test_store_result, &stopped);
  sk_test_spin (100);
  g_assert_null (stopped);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);

  resp = sent_finish (f, &sent);
  g_assert_cmpuint (resp->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (resp),
                                                                         "failed")), >, 0);
  sk_test_wait_result (&stopped, WAIT_MS);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (sk_local_server_stop_finish (f->server, stopped, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (sk_local_server_get_running (f->server));
  g_assert_nonnull (strstr (log_with (f, "DELETE /files"),
                            "server stopping, cancelled after the grace period; "));
}

/* The synchronous stop runs no main loop: the server stops before it
 * returns, and can start again at once. */
static void
test_stop_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Resp) resp = NULL;
  guint port = sk_local_server_get_port (f->server);

  resp = http (f, "GET", "/health", NULL, NULL);
  g_assert_cmpuint (resp->status, ==, 200);

  sk_local_server_stop (f->server);
  g_assert_false (sk_local_server_get_running (f->server));

  /* the same port is free again */
  g_object_set (f->server, "port", port, NULL);
  g_assert_true (sk_local_server_start (f->server, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_local_server_get_port (f->server), ==, port);
  g_clear_pointer (&resp, resp_free);
  resp = http (f, "GET", "/health", NULL, NULL);
  g_assert_cmpuint (resp->status, ==, 200);
}

/* The synchronous stop with a list waiting upstream: the list is
 * cancelled, its connection closed, and nothing is left behind. */
static void
test_stop_sync_in_flight (Fixture       *f,
                          gconstpointer  data)
{
  Sent sent = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  add_stores (f, 3);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_DELAY, 0, 3000);
  send_async (f, &sent, "GET", "/vector_stores", NULL);
  sk_test_wait_until (fake_busy, f->fake, WAIT_MS);

  sk_local_server_stop (f->server);
  g_assert_false (sk_local_server_get_running (f->server));

  g_assert_cmpuint (f->log->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->log, 0),
                            "GET /vector_stores aborted "));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (f->log, 0),
                                   " server stopped at once; upstream work cancelled"));

  /* no answer: the connection closed */
  sk_test_wait_result (&sent.result, WAIT_MS);
  bytes = soup_session_send_and_read_finish (f->session, sent.result, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_clear_object (&sent.result);
  g_clear_object (&sent.msg);

  /* the cancelled request ends, and with it the server's last reference */
  sk_test_spin (200);
  g_assert_cmpuint (G_OBJECT (f->server)->ref_count, ==, 1);
  g_assert_cmpuint (f->log->len, ==, 1);
}

/* ------------------------------------------------------------------ */
/* One rate-limit gate per key                                         */

static guint
upstream_of (const char *line)
{
  const char *p = strstr (line, "upstream=");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + strlen ("upstream="), NULL, 10);
}

static gboolean
fake_saw_429 (gpointer data)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (data);

  for (guint i = 0; i < requests->len; i++)
    if (((SkFakeRequest *) g_ptr_array_index (requests, i))->status == 429)
      return TRUE;
  return FALSE;
}

/* A 429 met by one request holds back the others with the same key: their
 * clients share the account's rate-limit gate. */
static void
test_shared_rate_limit (Fixture       *f,
                        gconstpointer  data)
{
  Sent a = { 0 };
  Sent b = { 0 };
  g_autoptr (Resp) ra = NULL;
  g_autoptr (Resp) rb = NULL;
  const GPtrArray *requests;
  gint64 limited_at = 0;
  gint64 b_at = 0;

  add_files (f, "file-", 1, "assistants");
  add_stores (f, 1);
  /* the deletion gets a 429 asking for 1 s of silence */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0000", SK_FAKE_FAULT_STATUS, 429, 1000);
  send_async (f, &a, "DELETE", "/files", "{\"file_ids\": [\"file-0000\"]}");
  sk_test_wait_until (fake_saw_429, f->fake, WAIT_MS);

  /* a list with the same key, sent during that second */
  send_async (f, &b, "GET", "/vector_stores", NULL);
  ra = sent_finish (f, &a);
  rb = sent_finish (f, &b);
  g_assert_cmpuint (ra->status, ==, 200);
  g_assert_cmpuint (rb->status, ==, 200);

  requests = sk_fake_openai_get_requests (f->fake);
  for (guint i = 0; i < requests->len; i++)
    {
      SkFakeRequest *r = g_ptr_array_index (requests, i);

      if (r->status == 429)
        limited_at = r->time_us;
      if (g_str_has_prefix (r->path, "/v1/vector_stores") && b_at == 0)
        b_at = r->time_us;
    }
  g_assert_cmpint (limited_at, >, 0);
  g_assert_cmpint (b_at, >, 0);
  /* the list waited for the gate (a lower bound: slowness cannot break it) */
  g_assert_cmpint (b_at - limited_at, >=, 900 * 1000);
}

/* Each log line counts the upstream calls of its own request, retries
 * included, though the two share a rate gate and the session. */
static void
test_shared_client_counts (Fixture       *f,
                           gconstpointer  data)
{
  Sent a = { 0 };
  Sent b = { 0 };
  g_autoptr (Resp) ra = NULL;
  g_autoptr (Resp) rb = NULL;
  guint counts[2];

  add_files (f, "file-a", 3, "assistants");
  add_files (f, "file-b", 5, "assistants");
  g_object_set (f->server, "max-in-flight", 2, NULL);
  g_object_set (f->fake, "latency-ms", 30, NULL);
  /* one deletion of the second request is retried once */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-b0001", SK_FAKE_FAULT_STATUS, 500, -1);

  send_async (f, &a, "DELETE", "/files",
              "{\"file_ids\": [\"file-a0000\", \"file-a0001\", \"file-a0002\"]}");
  send_async (f, &b, "DELETE", "/files",
              "{\"file_ids\": [\"file-b0000\", \"file-b0001\", \"file-b0002\", \"file-b0003\", "
              "\"file-b0004\"]}");
  ra = sent_finish (f, &a);
  rb = sent_finish (f, &b);
  g_assert_cmpuint (ra->status, ==, 200);
  g_assert_cmpuint (rb->status, ==, 200);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 0);
  /* the two overlapped upstream */
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (f->fake), >, 2);

  wait_log (f, 2);
  counts[0] = upstream_of (g_ptr_array_index (f->log, 0));
  counts[1] = upstream_of (g_ptr_array_index (f->log, 1));
  g_assert_cmpuint (MIN (counts[0], counts[1]), ==, 3);
  g_assert_cmpuint (MAX (counts[0], counts[1]), ==, 6);
}

#define OTHER_KEY "sk-other-key"

/* A 429 met with one key does not hold back a request made with another
 * key: each account has its own gate. */
static void
test_rate_limit_other_key (Fixture       *f,
                           gconstpointer  data)
{
  Sent a = { 0 };
  Sent b = { 0 };
  g_autoptr (Resp) ra = NULL;
  g_autoptr (Resp) rb = NULL;

  /* any key is accepted upstream */
  g_object_set (f->fake, "api-key", NULL, NULL);
  add_files (f, "file-", 2, "assistants");
  add_stores (f, 1);
  /* the list of the first key gets a 429 asking for a minute of silence */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 429, 60000);
  send_async (f, &a, "GET", "/vector_stores", NULL);
  sk_test_wait_until (fake_saw_429, f->fake, WAIT_MS);
  /* time for the first key's client to read the 429 and close its gate */
  sk_test_spin (100);

  /* were it held back by that gate, this would wait a minute and fail */
  send_async_with_key (f, &b, OTHER_KEY, "GET", "/files", NULL);
  rb = sent_finish (f, &b);
  g_assert_cmpuint (rb->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (rb->json)), ==, 2);
  /* the first key still waits */
  g_assert_null (a.result);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "GET", "/v1/vector_stores"), ==, 1);

  stop_server (f);
  ra = sent_finish (f, &a);
  assert_error (ra, 503, "The server is stopping.");

  for (guint i = 0; i < f->log->len; i++)
    g_assert_null (strstr (g_ptr_array_index (f->log, i), OTHER_KEY));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sk/local-server/" name, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("client-gone-list", test_client_gone_list);
  ADD ("client-gone-bulk", test_client_gone_bulk);
  ADD ("stop-list", test_stop_list);
  ADD ("stop-bulk-finishes", test_stop_bulk_finishes);
  ADD ("stop-bulk-cancelled", test_stop_bulk_cancelled);
  ADD ("stop-async", test_stop_async);
  ADD ("stop-async-cancelled", test_stop_async_cancelled);
  ADD ("stop-sync", test_stop_sync);
  ADD ("stop-sync-in-flight", test_stop_sync_in_flight);
  ADD ("shared-rate-limit", test_shared_rate_limit);
  ADD ("shared-client-counts", test_shared_client_counts);
  ADD ("rate-limit-other-key", test_rate_limit_other_key);

  return g_test_run ();
}
