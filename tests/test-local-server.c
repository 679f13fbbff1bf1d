/* test-local-server.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API over real HTTP on 127.0.0.1, the simulated account upstream.
 */

#include <string.h>

#include "sk-test-utils.h"

#include "sk-bulk-delete.h"
#include "sk-core-resources.h"
#include "sk-local-auth.h"
#include "sk-local-gates.h"
#include "sk-local-handlers.h"
#include "sk-local-log.h"
#include "sk-local-reply.h"
#include "sk-local-routes.h"
#include "sk-local-server.h"
#include "sk-local-validate.h"
#include "sk-report.h"

#define KEY "sk-test-key"
#define WAIT_MS 20000

typedef struct
{
  SkFakeOpenai  *fake;
  SkLocalServer *server;
  SoupSession   *session;
  char          *base;
  GPtrArray     *log;
} Fixture;

typedef struct
{
  SoupMessage *msg;
  guint        status;
  GBytes      *body;
  JsonNode    *json;
  char        *head;  /* status line and headers, for raw requests */
} Resp;

static void
resp_free (Resp *resp)
{
  g_clear_object (&resp->msg);
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_free (resp->head);
  g_free (resp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

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
static void
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

static void
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

static Resp *
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
static Resp *
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

#define call(f, method, path, body) http (f, method, path, body, "x-openai-api-key", KEY, NULL)

/* A request written by hand on a plain socket: libsoup's client resends a
 * request answered 421 (it takes it for a misdirected HTTP/2 connection),
 * so the Host check is tested the way a browser or curl would see it. */
static Resp *
raw_http (Fixture    *f,
          const char *method,
          const char *path,
          const char *host,
          const char *key,
          const char *body)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
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

  g_socket_client_connect_to_host_async (client, "127.0.0.1",
                                         (guint16) sk_local_server_get_port (f->server), NULL,
                                         sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

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

static const char *
detail_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (resp->json));
  return json_object_get_string_member (json_node_get_object (resp->json), "detail");
}

static void
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

static JsonArray *
array_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (resp->json));
  return json_node_get_array (resp->json);
}

static JsonObject *
object_of (Resp *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (resp->json));
  return json_node_get_object (resp->json);
}

static const char *
last_log (Fixture *f)
{
  g_assert_cmpuint (f->log->len, >, 0);
  return g_ptr_array_index (f->log, f->log->len - 1);
}

static guint
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

static void
wait_log (Fixture *f,
          guint    n)
{
  gpointer data[2] = { f, GUINT_TO_POINTER (n) };

  sk_test_wait_until (log_has, data, WAIT_MS);
}

static void
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

static void
add_stores (Fixture *f,
            guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_%04u", i);

      sk_fake_openai_add_vector_store (f->fake, id, "store", 1700000000 + i);
    }
}

/* ------------------------------------------------------------------ */
/* Pure functions                                                      */

static void
test_validate_route (void)
{
  static const struct
  {
    const char         *method;
    const char         *path;
    SkLocalRouteStatus  status;
    SkLocalHandler      handler;
    const char         *allow;
    const char         *vector_store_id;
    const char         *file_id;
  } cases[] = {
    { "GET", "/files", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_list_files, "GET, DELETE" },
    { "DELETE", "/files", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_delete_files, "GET, DELETE" },
    { "GET", "/", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_index, "GET" },
    { "GET", "/health", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_health, "GET" },
    { "GET", "/openapi.json", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_openapi, "GET" },
    { "GET", "/docs", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_docs, "GET" },
    { "GET", "/docs/docs.js", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_docs_asset, "GET" },
    { "GET", "/docs/docs.css", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_docs_asset, "GET" },
    { "GET", "/files/orphans", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_list_orphans, "GET" },
    { "GET", "/vector_stores", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_list_stores,
      "GET, DELETE" },
    { "DELETE", "/vector_stores", SK_LOCAL_ROUTE_STATUS_OK, sk_local_handle_delete_stores,
      "GET, DELETE" },
    { "DELETE", "/vector_stores/with-files", SK_LOCAL_ROUTE_STATUS_OK,
      sk_local_handle_delete_stores_files, "DELETE" },
    { "GET", "/vector_stores/vs_1/files", SK_LOCAL_ROUTE_STATUS_OK,
      sk_local_handle_list_store_files, "GET", "vs_1" },
    /* a store may be called "with-files" */
    { "GET", "/vector_stores/with-files/files", SK_LOCAL_ROUTE_STATUS_OK,
      sk_local_handle_list_store_files, "GET", "with-files" },
    { "DELETE", "/vector_stores/vs_1/files/file-2", SK_LOCAL_ROUTE_STATUS_OK,
      sk_local_handle_detach_file, "DELETE", "vs_1", "file-2" },
    { "GET", "/vector_stores/with-files", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL,
      "DELETE" },
    { "POST", "/files", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL, "GET, DELETE" },
    { "HEAD", "/health", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL, "GET" },
    { "get", "/health", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL, "GET" },
    { "DELETE", "/files/orphans", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL, "GET" },
    { "GET", "/vector_stores/vs_1/files/file-2", SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED, NULL,
      "DELETE", "vs_1", "file-2" },
    { "GET", "/files/", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "/vector_stores/vs_1", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "//files", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "/vector_stores/a/files/b/c", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "/vector_stores//files", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "/docs/other.js", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "/Files", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "files", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", "", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { "GET", NULL, SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
    { NULL, "/files", SK_LOCAL_ROUTE_STATUS_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkLocalMatch match;

      g_test_message ("%s %s", cases[i].method, cases[i].path);
      g_assert_cmpint (sk_local_routes_match (cases[i].method, cases[i].path, &match), ==,
                       cases[i].status);
      if (cases[i].status == SK_LOCAL_ROUTE_STATUS_OK)
        g_assert_true (match.route->handler == cases[i].handler);
      else
        g_assert_null (match.route);
      g_assert_cmpstr (match.allow, ==, cases[i].allow);
      g_assert_cmpstr (match.vector_store_id, ==, cases[i].vector_store_id);
      g_assert_cmpstr (match.file_id, ==, cases[i].file_id);
      sk_local_match_clear (&match);
    }
}

/* @pattern with its parameters filled in */
static char *
concrete_path (const char *pattern)
{
  g_auto (GStrv) store_parts = g_strsplit (pattern, "{vector_store_id}", 2);
  g_autofree char *with_store = g_strjoinv ("vs_1", store_parts);
  g_auto (GStrv) file_parts = g_strsplit (with_store, "{file_id}", 2);

  return g_strjoinv ("file-1", file_parts);
}

/* Every route of the table is found by its own method and pattern, and
 * only the service endpoints go without the key. */
static void
test_route_table (void)
{
  guint n = 0;
  const SkLocalRoute *routes = sk_local_routes_get (&n);

  g_assert_cmpuint (n, ==, 14);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *concrete = concrete_path (routes[i].pattern);
      gboolean service;
      SkLocalMatch match;

      g_assert_cmpint (sk_local_routes_match (routes[i].method, concrete, &match), ==,
                       SK_LOCAL_ROUTE_STATUS_OK);
      g_assert_true (match.route == &routes[i]);
      g_assert_nonnull (routes[i].handler);
      sk_local_match_clear (&match);

      service = g_str_equal (routes[i].pattern, "/health") ||
                g_str_equal (routes[i].pattern, "/openapi.json") ||
                g_str_has_prefix (routes[i].pattern, "/docs");
      g_assert_cmpint (routes[i].needs_key, ==, !service);
    }
}

static void
test_validate_ids (void)
{
  g_autofree char *long_id = g_strnfill (129, 'a');
  g_autofree char *max_id = g_strnfill (128, 'a');
  g_autofree char *detail = NULL;

  g_assert_true (sk_local_validate_id ("file-AZaz09_-", NULL, NULL));
  g_assert_true (sk_local_validate_id (max_id, NULL, NULL));
  g_assert_false (sk_local_validate_id (long_id, NULL, NULL));
  g_assert_false (sk_local_validate_id ("", NULL, NULL));
  g_assert_false (sk_local_validate_id ("a/b", NULL, NULL));
  g_assert_false (sk_local_validate_id ("a..b", NULL, NULL));
  g_assert_false (sk_local_validate_id ("é", NULL, NULL));
  g_assert_false (sk_local_validate_id ("bad id", "ID", &detail));
  g_assert_nonnull (strstr (detail, "bad id"));
  g_clear_pointer (&detail, g_free);
  g_assert_false (sk_local_validate_id ("", "file_id", &detail));
  g_assert_cmpstr (detail, ==, "The file_id is empty.");
  g_clear_pointer (&detail, g_free);
  g_assert_false (sk_local_validate_id ("a\x01", NULL, &detail));
  g_assert_cmpstr (detail, ==, "Invalid ID \"a\\x01\": only letters, digits, \"_\" and \"-\" "
                               "are allowed.");
  g_clear_pointer (&detail, g_free);
  g_assert_false (sk_local_validate_id (long_id, "vector_store_id", &detail));
  g_assert_true (g_str_has_suffix (detail, "\": longer than 128 characters."));
  g_assert_true (g_str_has_prefix (detail, "Invalid vector_store_id \"aaaa"));

  g_assert_true (sk_local_host_is_loopback ("localhost"));
  g_assert_true (sk_local_host_is_loopback ("LocalHost:8000"));
  g_assert_true (sk_local_host_is_loopback ("127.0.0.1:1"));
  g_assert_true (sk_local_host_is_loopback ("[::1]:8000"));
  g_assert_true (sk_local_host_is_loopback ("[::1]"));
  g_assert_false (sk_local_host_is_loopback (NULL));
  g_assert_false (sk_local_host_is_loopback ("evil.example"));
  g_assert_false (sk_local_host_is_loopback ("localhost.evil.example"));
  g_assert_false (sk_local_host_is_loopback ("127.0.0.1.nip.io"));
  g_assert_false (sk_local_host_is_loopback ("127.0.0.1:80x"));
  g_assert_false (sk_local_host_is_loopback ("[::1]x"));

  g_assert_true (sk_local_token_equal ("abcd", "abcd"));
  g_assert_false (sk_local_token_equal ("abcd", "abc"));
  g_assert_false (sk_local_token_equal ("abcd", "abcde"));
  g_assert_false (sk_local_token_equal ("abcd", "abce"));
  g_assert_false (sk_local_token_equal ("abcd", ""));
  g_assert_false (sk_local_token_equal (NULL, "abcd"));
  g_assert_cmpstr (sk_local_bearer_token ("Bearer xyz"), ==, "xyz");
  g_assert_cmpstr (sk_local_bearer_token ("bearer  xyz"), ==, "xyz");
  g_assert_null (sk_local_bearer_token ("Basic xyz"));
  g_assert_null (sk_local_bearer_token ("Bearer "));
}

/* The access log's path: every segment that could hold a secret goes. */
static void
test_log_path (void)
{
  g_autofree char *long_segment = g_strnfill (129, 'a');
  g_autofree char *max_segment = g_strnfill (128, 'a');
  g_autofree char *long_expected = g_strconcat ("/files/", max_segment, NULL);
  g_autofree char *long_path = g_strconcat ("/files/", long_segment, NULL);
  g_autofree char *max_path = g_strconcat ("/files/", max_segment, NULL);
  const struct { const char *path, *expected; } cases[] = {
    { NULL, "-" },
    { "/", "/" },
    { "/files", "/files" },
    { "/openapi.json", "/openapi.json" },
    { "/vector_stores/vs_1/files/file-2", "/vector_stores/vs_1/files/file-2" },
    { "/files/sk-proj-abc", "/files/[redacted]" },
    { "/files/SK-abc", "/files/[redacted]" },
    { "/files/xxsk-abc", "/files/[redacted]" },
    { "/files/sk", "/files/sk" },
    { "/files/task-1", "/files/[redacted]" },
    { "/files/skill-1", "/files/skill-1" },
    { "/files/a b", "/files/[redacted]" },
    { "/files/a%20b", "/files/[redacted]" },
    { "/files/\xc3\xa9", "/files/[redacted]" },
    { "/vector_stores/sk-x/files/sk-y", "/vector_stores/[redacted]/files/[redacted]" },
    { long_path, "/files/[redacted]" },
    { max_path, long_expected },
  };
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (GString) line = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) out = g_string_new ("x ");

      sk_local_log_append_path (out, cases[i].path);
      g_assert_cmpstr (out->str + 2, ==, cases[i].expected);
    }

  /* cut after about 300 bytes */
  for (guint i = 0; i < 100; i++)
    g_string_append (many, "/abcdefgh");
  line = g_string_new (NULL);
  sk_local_log_append_path (line, many->str);
  g_assert_true (g_str_has_suffix (line->str, "..."));
  g_assert_cmpuint (line->len, <, 320);
}

/* The one mapping from an upstream failure to the local API's answer. */
static void
test_error_to_reply (void)
{
  struct { GError *error; guint status; const char *detail; } cases[] = {
    { g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x"), 503,
      "The server is stopping." },
    { g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x"), 504,
      "OpenAI did not answer in time." },
    { sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL, "garbage"), 502,
      "OpenAI sent an answer that could not be read: garbage" },
    { sk_client_error_new (SK_CLIENT_ERROR_NOT_FOUND, 404, NULL, "No such file"), 404,
      "No such file" },
    { sk_client_error_new (SK_CLIENT_ERROR_UNAUTHORIZED, 401, NULL, "Bad key"), 401,
      "Bad key" },
    { sk_client_error_new (SK_CLIENT_ERROR_RATE_LIMITED, 429, NULL, "Slow down"), 429,
      "Slow down" },
    { sk_client_error_new (SK_CLIENT_ERROR_BAD_REQUEST, 400, NULL, ""), 400,
      "OpenAI refused the request." },
    { sk_client_error_new (SK_CLIENT_ERROR_SERVER, 500, NULL, "Oops"), 502, "Oops" },
    { sk_client_error_new (SK_CLIENT_ERROR_SERVER, 503, NULL, "Busy"), 502, "Busy" },
    { g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused"), 502,
      "OpenAI could not be reached: refused" },
    { g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no host"), 502,
      "OpenAI could not be reached: no host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detail = NULL;

      g_assert_cmpuint (sk_local_error_to_reply (cases[i].error, &detail), ==, cases[i].status);
      g_assert_cmpstr (detail, ==, cases[i].detail);
      g_error_free (cases[i].error);
    }
}

/* One gate per account, kept while used, dropped after 10 idle minutes
 * or when too many accounts came. */
static void
test_gates (void)
{
  g_autoptr (SkLocalGates) gates = sk_local_gates_new ();
  g_autoptr (SkRateGate) a = NULL;
  g_autoptr (SkRateGate) a_again = NULL;
  g_autoptr (SkRateGate) b = NULL;
  g_autoptr (SkRateGate) c = NULL;
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_a_again = NULL;
  g_autofree char *digest_b = NULL;
  g_autofree char *digest_c = NULL;
  gint64 now;

  a = sk_local_gates_acquire (gates, KEY, NULL, NULL, &digest_a);
  a_again = sk_local_gates_acquire (gates, KEY, "", NULL, &digest_a_again);
  b = sk_local_gates_acquire (gates, KEY, "org-1", NULL, &digest_b);
  c = sk_local_gates_acquire (gates, "sk-other", NULL, NULL, &digest_c);
  g_assert_true (a == a_again);
  g_assert_true (a != b);
  g_assert_true (a != c);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 3);
  /* a one-way digest, never the key */
  g_assert_cmpuint (strlen (digest_a), ==, 64);
  g_assert_null (strstr (digest_a, KEY));
  g_assert_cmpstr (digest_a, ==, digest_a_again);

  /* used gates stay, however old */
  now = g_get_monotonic_time ();
  sk_local_gates_sweep_at (gates, now + 2 * SK_LOCAL_GATE_IDLE_US);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 3);

  sk_local_gates_release (gates, digest_a);
  sk_local_gates_release (gates, digest_b);
  sk_local_gates_release (gates, digest_c);
  now = g_get_monotonic_time ();
  sk_local_gates_sweep_at (gates, now + SK_LOCAL_GATE_IDLE_US / 2);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 3);
  /* the first account is still used once */
  sk_local_gates_sweep_at (gates, now + SK_LOCAL_GATE_IDLE_US + 1);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 1);
  sk_local_gates_release (gates, digest_a_again);
  sk_local_gates_sweep_at (gates, g_get_monotonic_time () + SK_LOCAL_GATE_IDLE_US + 1);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 0);
  /* a release after a clear, or of nothing, is fine */
  sk_local_gates_release (gates, digest_a);
  sk_local_gates_release (gates, NULL);

  /* at most SK_LOCAL_MAX_GATES: the least recently used unused one goes */
  for (guint i = 0; i < SK_LOCAL_MAX_GATES + 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("sk-key-%u", i);
      g_autofree char *digest = NULL;
      g_autoptr (SkRateGate) gate = sk_local_gates_acquire (gates, key, NULL, NULL, &digest);

      sk_local_gates_release (gates, digest);
    }
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, SK_LOCAL_MAX_GATES);

  sk_local_gates_clear (gates);
  g_assert_cmpuint (sk_local_gates_get_size (gates), ==, 0);
}

static void
test_token (void)
{
  g_autofree char *one = sk_local_token_new ();
  g_autofree char *two = sk_local_token_new ();
  char *secret = g_strdup ("sk-secret");

  /* 256 bits in hex, new each time */
  g_assert_cmpuint (strlen (one), ==, 64);
  g_assert_cmpuint (strspn (one, "0123456789abcdef"), ==, 64);
  g_assert_cmpstr (one, !=, two);

  sk_local_secret_free (&secret);
  g_assert_null (secret);
  sk_local_secret_free (&secret);
}

static void
test_validate_body (void)
{
  static const struct { const char *body; guint status; } bad[] = {
    { "", 422 },
    { "not json", 422 },
    { "[\"file-1\"]", 422 },
    { "{}", 422 },
    { "{\"file_ids\": \"file-1\"}", 422 },
    { "{\"file_ids\": [1]}", 422 },
    { "{\"file_ids\": [\"\"]}", 422 },
    { "{\"file_ids\": [null]}", 422 },
    { "{\"file_ids\": [[\"a\"]]}", 422 },
    { "{\"file_ids\": [\"a b\"]}", 422 },
    { "{\"file_ids\": [\"ok\"], \"delete_files\": \"yes\"}", 422 },
  };
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GString) many = g_string_new ("{\"file_ids\": [");
  gboolean delete_files = FALSE;
  guint status = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *detail = NULL;
      g_autoptr (GPtrArray) none = NULL;

      none = sk_local_parse_ids_body (bad[i].body, strlen (bad[i].body), "file_ids",
                                      &delete_files, &status, &detail);
      g_assert_null (none);
      g_assert_cmpuint (status, ==, bad[i].status);
      g_assert_nonnull (detail);
    }

  ids = sk_local_parse_ids_body ("{\"file_ids\": [\"a\", \"b\", \"a\"]}", 29, "file_ids",
                                 &delete_files, &status, NULL);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_true (delete_files);

  for (guint i = 0; i <= SK_LOCAL_MAX_IDS; i++)
    g_string_append_printf (many, "%s\"f%u\"", i ? "," : "", i);
  g_string_append (many, "]}");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = sk_local_parse_ids_body (many->str, many->len, "file_ids", NULL, &status, NULL);
  g_assert_null (ids);
  g_assert_cmpuint (status, ==, 413);
}

static void
test_validate_query (void)
{
  g_autoptr (GHashTable) q = g_hash_table_new (g_str_hash, g_str_equal);
  SkLocalListQuery out;
  g_autofree char *detail = NULL;

  g_assert_true (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, NULL, &out, NULL));
  g_assert_cmpuint (out.limit, ==, 10000);
  g_assert_cmpint (out.order, ==, SK_ORDER_DESC);
  sk_local_list_query_clear (&out);

  g_assert_true (sk_local_parse_list_query (SK_LOCAL_LIST_STORES, NULL, &out, NULL));
  g_assert_cmpuint (out.limit, ==, 0);
  sk_local_list_query_clear (&out);

  g_hash_table_insert (q, (gpointer) "limit", (gpointer) "10001");
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, &detail));
  g_assert_nonnull (strstr (detail, "limit"));
  g_hash_table_insert (q, (gpointer) "limit", (gpointer) "-1");
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, NULL));
  g_hash_table_insert (q, (gpointer) "limit", (gpointer) "1e3");
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, NULL));
  g_hash_table_insert (q, (gpointer) "limit", (gpointer) "10000");
  g_hash_table_insert (q, (gpointer) "order", (gpointer) "asc");
  g_hash_table_insert (q, (gpointer) "purpose", (gpointer) "fine-tune");
  g_assert_true (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, NULL));
  g_assert_cmpint (out.order, ==, SK_ORDER_ASC);
  g_assert_cmpstr (out.purpose, ==, "fine-tune");
  sk_local_list_query_clear (&out);

  g_hash_table_insert (q, (gpointer) "filter_status", (gpointer) "done");
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_STORE_FILES, q, &out, NULL));
}

/* ------------------------------------------------------------------ */
/* Service endpoints                                                   */

static void
test_health_index_docs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (Resp) health = http (f, "GET", "/health", NULL, NULL);
  g_autoptr (Resp) index_nokey = http (f, "GET", "/", NULL, NULL);
  g_autoptr (Resp) index = call (f, "GET", "/", NULL);
  g_autoptr (Resp) openapi = http (f, "GET", "/openapi.json", NULL, NULL);
  g_autoptr (Resp) docs = http (f, "GET", "/docs", NULL, NULL);
  g_autoptr (Resp) js = http (f, "GET", "/docs/docs.js", NULL, NULL);
  g_autofree char *html = NULL;
  JsonObject *servers0;

  g_assert_cmpuint (health->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (health), "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object_of (health), "version"), ==,
                   PACKAGE_VERSION);

  assert_error (index_nokey, 401, "Missing x-openai-api-key header");
  g_assert_cmpuint (index->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (index), "docs"), ==, "/docs");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (index),
                                                                         "endpoints")), >=, 11);

  g_assert_cmpuint (openapi->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (openapi), "openapi"), ==, "3.0.3");
  servers0 = json_array_get_object_element (json_object_get_array_member (object_of (openapi),
                                                                          "servers"), 0);
  g_assert_cmpstr (json_object_get_string_member (servers0, "url"), ==, f->base);

  g_assert_cmpuint (docs->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (docs->msg), NULL),
                   ==, "text/html");
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (docs->msg),
                                                  "Content-Security-Policy"));
  html = g_strndup (g_bytes_get_data (docs->body, NULL), g_bytes_get_size (docs->body));
  g_assert_nonnull (strstr (html, "/docs/docs.js"));
  /* nothing from the network: no absolute URL anywhere in the page */
  g_assert_null (strstr (html, "http://"));
  g_assert_null (strstr (html, "https://"));
  g_assert_null (strstr (html, "src=\"//"));
  g_assert_cmpuint (js->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (js->body), >, 1000);

  wait_log (f, 6);
}

/* ------------------------------------------------------------------ */
/* Authentication                                                      */

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *token = g_strdup (sk_local_server_get_local_token (f->server));
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autofree char *wrong = g_strdup_printf ("Bearer %sx", token);
  g_autoptr (Resp) missing = NULL;
  g_autoptr (Resp) empty = NULL;
  g_autoptr (Resp) no_account = NULL;
  g_autoptr (Resp) with_token = NULL;
  g_autoptr (Resp) wrong_token = NULL;
  g_autoptr (Resp) upstream_401 = NULL;

  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);

  add_files (f, "file-", 3, "assistants");

  missing = http (f, "GET", "/files", NULL, NULL);
  assert_error (missing, 401, NULL);
  g_assert_cmpstr (detail_of (missing), ==, "Missing x-openai-api-key header");

  empty = http (f, "GET", "/files", NULL, "x-openai-api-key", "", NULL);
  g_assert_cmpstr (detail_of (empty), ==, "Missing x-openai-api-key header");

  /* no account key: the token is useless */
  no_account = http (f, "GET", "/files", NULL, "Authorization", bearer, NULL);
  assert_error (no_account, 401, NULL);

  sk_local_server_set_account_key (f->server, KEY);
  with_token = http (f, "GET", "/files", NULL, "Authorization", bearer, NULL);
  g_assert_cmpuint (with_token->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (array_of (with_token)), ==, 3);

  wrong_token = http (f, "GET", "/files", NULL, "Authorization", wrong, NULL);
  assert_error (wrong_token, 401, "token");

  /* OpenAI's 401 comes back as 401 with its message */
  upstream_401 = http (f, "GET", "/files", NULL, "x-openai-api-key", "sk-wrong", NULL);
  assert_error (upstream_401, 401, "Incorrect API key");

  /* a new token replaces the old one */
  sk_local_server_regenerate_token (f->server);
  g_assert_cmpstr (sk_local_server_get_local_token (f->server), !=, token);
  {
    g_autoptr (Resp) old = http (f, "GET", "/files", NULL, "Authorization", bearer, NULL);

    assert_error (old, 401, NULL);
  }
  wait_log (f, 7);
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */

static void
test_list_vector_stores (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (Resp) all = NULL;
  g_autoptr (Resp) limited = NULL;
  g_autoptr (Resp) asc = NULL;
  g_autoptr (Resp) after = NULL;
  g_autoptr (Resp) before = NULL;
  JsonArray *ids;

  add_stores (f, 250);
  g_object_set (f->server, "page-size", 7, NULL);

  all = call (f, "GET", "/vector_stores", NULL);
  g_assert_cmpuint (all->status, ==, 200);
  ids = array_of (all);
  g_assert_cmpuint (json_array_get_length (ids), ==, 250);
  /* newest first by default */
  g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "vs_0249");
  g_assert_cmpstr (json_array_get_string_element (ids, 249), ==, "vs_0000");
  wait_log (f, 1);
  /* every page was walked, with the client's page size */
  g_assert_cmpuint (logged_upstream (f), ==, (250 + 6) / 7);
  g_assert_nonnull (strstr (last_log (f), "GET /vector_stores 200"));

  limited = call (f, "GET", "/vector_stores?limit=10", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (limited)), ==, 10);

  asc = call (f, "GET", "/vector_stores?order=asc&limit=3", NULL);
  g_assert_cmpstr (json_array_get_string_element (array_of (asc), 0), ==, "vs_0000");
  g_assert_cmpstr (json_array_get_string_element (array_of (asc), 2), ==, "vs_0002");

  after = call (f, "GET", "/vector_stores?order=asc&after=vs_0247", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (after)), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array_of (after), 0), ==, "vs_0248");

  before = call (f, "GET", "/vector_stores?order=asc&before=vs_0002", NULL);
  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (array_of (before)), ==, 2);
}

static void
test_list_files (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (Resp) all = NULL;
  g_autoptr (Resp) assistants = NULL;
  g_autoptr (Resp) limited = NULL;
  g_autoptr (Resp) asc = NULL;
  g_autoptr (Resp) after = NULL;
  g_autoptr (Resp) empty_purpose = NULL;

  add_files (f, "file-a", 120, "assistants");
  add_files (f, "file-b", 80, "batch");
  g_object_set (f->server, "files-page-size", 25, NULL);

  all = call (f, "GET", "/files", NULL);
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (array_of (all)), ==, 200);
  wait_log (f, 1);
  g_assert_cmpuint (logged_upstream (f), >=, 200 / 25);

  assistants = call (f, "GET", "/files?purpose=assistants", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (assistants)), ==, 120);
  for (guint i = 0; i < 120; i++)
    g_assert_true (g_str_has_prefix (json_array_get_string_element (array_of (assistants), i),
                                     "file-a"));

  limited = call (f, "GET", "/files?purpose=assistants&limit=100", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (limited)), ==, 100);

  asc = call (f, "GET", "/files?order=asc&limit=1", NULL);
  g_assert_cmpstr (json_array_get_string_element (array_of (asc), 0), ==, "file-a0000");

  after = call (f, "GET", "/files?order=asc&purpose=batch&after=file-b0077", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (after)), ==, 2);

  empty_purpose = call (f, "GET", "/files?purpose=", NULL);
  g_assert_cmpuint (json_array_get_length (array_of (empty_purpose)), ==, 200);
}

static void
test_list_store_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (Resp) all = NULL;
  g_autoptr (Resp) failed = NULL;
  g_autoptr (Resp) empty = NULL;
  g_autoptr (Resp) missing = NULL;
  JsonObject *list;
  JsonArray *items;
  JsonObject *first;

  add_files (f, "file-", 40, "assistants");
  add_stores (f, 2);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      sk_fake_openai_attach (f->fake, "vs_0000", id, i < 3 ? "failed" : "completed");
    }
  g_object_set (f->server, "page-size", 3, NULL);

  all = call (f, "GET", "/vector_stores/vs_0000/files", NULL);
  g_assert_cmpuint (all->status, ==, 200);
  list = object_of (all);
  g_assert_cmpstr (json_object_get_string_member (list, "object"), ==, "list");
  g_assert_false (json_object_get_boolean_member (list, "has_more"));
  items = json_object_get_array_member (list, "data");
  g_assert_cmpuint (json_array_get_length (items), ==, 40);
  first = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "object"), ==, "vector_store.file");
  g_assert_cmpstr (json_object_get_string_member (first, "vector_store_id"), ==, "vs_0000");
  g_assert_cmpstr (json_object_get_string_member (list, "first_id"), ==,
                   json_object_get_string_member (first, "id"));
  g_assert_cmpstr (json_object_get_string_member (list, "last_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (items, 39), "id"));
  wait_log (f, 1);
  g_assert_cmpuint (logged_upstream (f), >=, 40 / 3);

  failed = call (f, "GET", "/vector_stores/vs_0000/files?filter_status=failed", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (failed),
                                                                         "data")), ==, 3);

  empty = call (f, "GET", "/vector_stores/vs_0001/files", NULL);
  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_true (json_object_get_null_member (object_of (empty), "first_id"));
  g_assert_true (json_object_get_null_member (object_of (empty), "last_id"));

  missing = call (f, "GET", "/vector_stores/vs_nope/files", NULL);
  assert_error (missing, 404, NULL);
}

/* GET /vector_stores/{id}/files passes OpenAI's objects through unchanged
 * (chunking_strategy, attributes... included), and a limit that cuts the
 * list says so with has_more. */
static void
test_list_store_files_passthrough (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *upstream = sk_fake_openai_dup_base_url (f->fake);
  g_autofree char *url = g_strconcat (upstream, "/vector_stores/vs_0000/files?limit=100", NULL);
  g_autoptr (SoupMessage) direct = soup_message_new ("GET", url);
  g_autoptr (GBytes) direct_body = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (Resp) all = NULL;
  g_autoptr (Resp) cut = NULL;
  g_autoptr (Resp) exact = NULL;
  JsonArray *expected;
  JsonArray *items;
  JsonObject *list;

  add_files (f, "file-", 7, "assistants");
  add_stores (f, 1);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      sk_fake_openai_attach (f->fake, "vs_0000", id, "completed");
    }
  g_object_set (f->server, "page-size", 3, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (direct),
                                "Authorization", "Bearer " KEY);
  soup_session_send_and_read_async (f->session, direct, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  direct_body = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (direct_body, NULL),
                              (gssize) g_bytes_get_size (direct_body), &error);
  g_assert_no_error (error);
  expected = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "data");
  g_assert_cmpuint (json_array_get_length (expected), ==, 7);
  g_assert_true (json_object_has_member (json_array_get_object_element (expected, 0),
                                         "chunking_strategy"));

  all = call (f, "GET", "/vector_stores/vs_0000/files", NULL);
  g_assert_cmpuint (all->status, ==, 200);
  items = json_object_get_array_member (object_of (all), "data");
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_true (json_node_equal (json_array_get_element (expected, i),
                                    json_array_get_element (items, i)));
  g_assert_false (json_object_get_boolean_member (object_of (all), "has_more"));

  /* the limit cuts the list: has_more, last_id is the last one returned */
  cut = call (f, "GET", "/vector_stores/vs_0000/files?limit=4", NULL);
  g_assert_cmpuint (cut->status, ==, 200);
  list = object_of (cut);
  items = json_object_get_array_member (list, "data");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  g_assert_true (json_object_get_boolean_member (list, "has_more"));
  g_assert_cmpstr (json_object_get_string_member (list, "first_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (expected, 0), "id"));
  g_assert_cmpstr (json_object_get_string_member (list, "last_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (expected, 3), "id"));

  /* a limit equal to the count cuts nothing */
  exact = call (f, "GET", "/vector_stores/vs_0000/files?limit=7", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (exact),
                                                                         "data")), ==, 7);
  g_assert_false (json_object_get_boolean_member (object_of (exact), "has_more"));
}

/* ------------------------------------------------------------------ */
/* Deletions                                                           */

static void
test_detach (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (Resp) ok = NULL;
  g_autoptr (Resp) again = NULL;
  JsonObject *object;

  add_files (f, "file-", 1, "assistants");
  add_stores (f, 1);
  sk_fake_openai_attach (f->fake, "vs_0000", "file-0000", "completed");

  ok = call (f, "DELETE", "/vector_stores/vs_0000/files/file-0000", NULL);
  g_assert_cmpuint (ok->status, ==, 200);
  object = object_of (ok);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "file-0000");
  g_assert_cmpstr (json_object_get_string_member (object, "object"), ==,
                   "vector_store.file.deleted");
  g_assert_true (json_object_get_boolean_member (object, "deleted"));
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_0000", "file-0000"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));

  again = call (f, "DELETE", "/vector_stores/vs_0000/files/file-0000", NULL);
  assert_error (again, 404, NULL);
}

static void
test_delete_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (Resp) resp = NULL;
  g_autoptr (Resp) empty = NULL;
  JsonObject *report;
  JsonArray *success, *failed;
  JsonObject *failure;

  add_files (f, "file-", 6, "assistants");
  sk_fake_openai_reset_log (f->fake);

  resp = call (f, "DELETE", "/files",
               "{\"file_ids\": [\"file-0004\", \"file-0001\", \"file-nope\", \"file-0004\", "
               "\"file-0002\"]}");
  g_assert_cmpuint (resp->status, ==, 200);
  report = object_of (resp);
  success = json_object_get_array_member (report, "success");
  failed = json_object_get_array_member (report, "failed");
  /* request order; the duplicate once */
  g_assert_cmpuint (json_array_get_length (success), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (success, 0), ==, "file-0004");
  g_assert_cmpstr (json_array_get_string_element (success, 1), ==, "file-0001");
  g_assert_cmpstr (json_array_get_string_element (success, 2), ==, "file-0002");
  g_assert_cmpuint (json_array_get_length (failed), ==, 1);
  failure = json_array_get_object_element (failed, 0);
  g_assert_cmpstr (json_object_get_string_member (failure, "id"), ==, "file-nope");
  g_assert_cmpint (json_object_get_int_member (failure, "status_code"), ==, 404);
  g_assert_nonnull (strstr (json_object_get_string_member (failure, "error"), "file-nope"));

  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0004"), ==, 1);
  /* nothing else was touched */
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0003"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0005"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 3);

  empty = call (f, "DELETE", "/files", "{\"file_ids\": []}");
  g_assert_cmpuint (empty->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (empty),
                                                                         "success")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (empty),
                                                                         "failed")), ==, 0);
}

static void
test_delete_partial_failure (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (Resp) resp = NULL;
  JsonArray *success, *failed;

  add_files (f, "file-", 4, "assistants");
  g_object_set (f->server, "max-attempts", 2, NULL);
  /* file-0001 fails twice with 500 (retries exhausted), file-0002's
   * connection is dropped twice */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0001", SK_FAKE_FAULT_STATUS, 500, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0001", SK_FAKE_FAULT_STATUS, 500, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0002", SK_FAKE_FAULT_DROP, 0, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0002", SK_FAKE_FAULT_DROP, 0, -1);
  /* file-0003: one 429 then success (retried) */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0003", SK_FAKE_FAULT_STATUS, 429, 10);

  resp = call (f, "DELETE", "/files",
               "{\"file_ids\": [\"file-0000\", \"file-0001\", \"file-0002\", \"file-0003\"]}");
  g_assert_cmpuint (resp->status, ==, 200);
  success = json_object_get_array_member (object_of (resp), "success");
  failed = json_object_get_array_member (object_of (resp), "failed");
  g_assert_cmpuint (json_array_get_length (success), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (success, 0), ==, "file-0000");
  g_assert_cmpstr (json_array_get_string_element (success, 1), ==, "file-0003");
  g_assert_cmpuint (json_array_get_length (failed), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failed, 0), "id"),
                   ==, "file-0001");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (failed, 0),
                                               "status_code"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failed, 1), "id"),
                   ==, "file-0002");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (failed, 1),
                                               "status_code"), ==, 502);
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0001"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0002"));
}

static void
test_delete_vector_stores (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (Resp) resp = NULL;
  JsonArray *success, *failed;

  add_stores (f, 3);
  add_files (f, "file-", 2, "assistants");
  sk_fake_openai_attach (f->fake, "vs_0000", "file-0000", "completed");

  resp = call (f, "DELETE", "/vector_stores",
               "{\"vector_store_ids\": [\"vs_0002\", \"vs_0000\", \"vs_gone\"]}");
  g_assert_cmpuint (resp->status, ==, 200);
  success = json_object_get_array_member (object_of (resp), "success");
  failed = json_object_get_array_member (object_of (resp), "failed");
  g_assert_cmpuint (json_array_get_length (success), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (success, 0), ==, "vs_0002");
  g_assert_cmpstr (json_array_get_string_element (success, 1), ==, "vs_0000");
  g_assert_cmpuint (json_array_get_length (failed), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (failed, 0),
                                               "status_code"), ==, 404);
  g_assert_true (sk_fake_openai_has_vector_store (f->fake, "vs_0001"));
  /* deleting a store leaves its files */
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
}

static void
test_delete_with_files (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (Resp) resp = NULL;
  JsonObject *report;

  add_stores (f, 3);
  add_files (f, "file-", 10, "assistants");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      sk_fake_openai_attach (f->fake, "vs_0000", id, "completed");
      if (i % 2 == 0)
        sk_fake_openai_attach (f->fake, "vs_0001", id, "completed");
    }
  g_object_set (f->server, "page-size", 2, NULL);

  resp = call (f, "DELETE", "/vector_stores/with-files",
               "{\"vector_store_ids\": [\"vs_0000\", \"vs_0001\"], \"delete_files\": true}");
  g_assert_cmpuint (resp->status, ==, 200);
  report = object_of (resp);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report,
                                                                         "vector_stores_deleted")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report,
                                                                         "vector_stores_failed")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report,
                                                                         "files_deleted")), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report,
                                                                         "files_failed")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "total_files_found"), ==, 6);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 4);
  g_assert_true (sk_fake_openai_has_vector_store (f->fake, "vs_0002"));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/files/file-%04u", i);

      g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, path), ==, 1);
    }
}

static void
test_orphans (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (Resp) resp = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *ids;

  add_stores (f, 2);
  add_files (f, "file-a", 5, "assistants");
  add_files (f, "file-b", 3, "batch");
  sk_fake_openai_attach (f->fake, "vs_0000", "file-a0000", "completed");
  sk_fake_openai_attach (f->fake, "vs_0001", "file-a0003", "completed");

  resp = call (f, "GET", "/files/orphans", NULL);
  g_assert_cmpuint (resp->status, ==, 200);
  ids = array_of (resp);
  g_assert_cmpuint (json_array_get_length (ids), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_hash_table_add (seen, (gpointer) json_array_get_string_element (ids, i));
  g_assert_true (g_hash_table_contains (seen, "file-a0001"));
  g_assert_true (g_hash_table_contains (seen, "file-a0002"));
  g_assert_true (g_hash_table_contains (seen, "file-a0004"));
}

/* ------------------------------------------------------------------ */
/* Upstream failures on lists and single deletes                       */

static void
test_upstream_errors (Fixture       *f,
                      gconstpointer  data)
{
  add_files (f, "file-", 2, "assistants");
  add_stores (f, 1);
  g_object_set (f->server, "max-attempts", 2, NULL);

  /* 500 after retries: 502 with OpenAI's message */
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 500, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 500, -1);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/files", NULL);

    assert_error (resp, 502, NULL);
    g_assert_null (strstr (detail_of (resp), KEY));
  }

  /* dropped connections: 502 */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_DROP, 0, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_DROP, 0, -1);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/vector_stores", NULL);

    assert_error (resp, 502, NULL);
  }

  /* 429 still after retries: the same status */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 429, 1);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 429, 1);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/vector_stores", NULL);

    assert_error (resp, 429, NULL);
  }

  /* a 500 on a single delete */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores/vs_0000/files", SK_FAKE_FAULT_STATUS,
                              503, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores/vs_0000/files", SK_FAKE_FAULT_STATUS,
                              503, -1);
  {
    g_autoptr (Resp) resp = call (f, "DELETE", "/vector_stores/vs_0000/files/file-0000", NULL);

    assert_error (resp, 502, NULL);
  }

  /* an answer that is not JSON */
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_MALFORMED, 0, -1);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/files", NULL);

    assert_error (resp, 502, NULL);
  }

  /* a timeout: 504 */
  g_object_set (f->server, "upstream-timeout-ms", 200, NULL);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DELAY, 0, 3000);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/files", NULL);

    assert_error (resp, 504, NULL);
  }

  /* unreachable: 502 */
  sk_fake_openai_disconnect (f->fake);
  {
    g_autoptr (Resp) resp = call (f, "GET", "/files", NULL);

    assert_error (resp, 502, NULL);
  }
}

/* ------------------------------------------------------------------ */
/* Bad input                                                           */

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *method, *path, *body; guint status; const char *part; } rows[] = {
    { "DELETE", "/files", "not json", 422, NULL },
    { "DELETE", "/files", "[\"file-1\"]", 422, NULL },
    { "DELETE", "/files", "{\"ids\": [\"file-1\"]}", 422, "file_ids" },
    { "DELETE", "/files", "{\"file_ids\": \"file-1\"}", 422, NULL },
    { "DELETE", "/files", "{\"file_ids\": [1, 2]}", 422, NULL },
    { "DELETE", "/files", "{\"file_ids\": [\"\"]}", 422, NULL },
    { "DELETE", "/files", "{\"file_ids\": [\"file-1\", \"../etc/passwd\"]}", 422, "../etc/passwd" },
    { "DELETE", "/vector_stores", "{\"vector_store_ids\": [\"vs 1\"]}", 422, "vs 1" },
    { "DELETE", "/vector_stores", "{\"file_ids\": [\"vs_1\"]}", 422, "vector_store_ids" },
    { "DELETE", "/vector_stores/with-files", "{\"vector_store_ids\": [\"vs_1\"], \"delete_files\": 1}", 422, NULL },
    { "DELETE", "/files", NULL, 422, NULL },
    { "GET", "/files?limit=0", NULL, 422, "limit" },
    { "GET", "/files?limit=10001", NULL, 422, "limit" },
    { "GET", "/files?limit=ten", NULL, 422, "limit" },
    { "GET", "/files?limit=", NULL, 422, "limit" },
    { "GET", "/files?order=newest", NULL, 422, "order" },
    { "GET", "/files?after=a%2Fb", NULL, 422, NULL },
    { "GET", "/vector_stores?limit=-5", NULL, 422, "limit" },
    { "GET", "/vector_stores?order=ASC", NULL, 422, "order" },
    { "GET", "/vector_stores/vs_1/files?filter_status=done", NULL, 422, "filter_status" },
    { "GET", "/vector_stores/vs%201/files", NULL, 422, "vs 1" },
    { "DELETE", "/vector_stores/vs_1/files/file%3Bx", NULL, 422, "file;x" },
    { "GET", "/nope", NULL, 404, NULL },
    { "GET", "/files/", NULL, 404, NULL },
    { "GET", "/vector_stores/vs_1", NULL, 404, NULL },
    { "GET", "/v1/files", NULL, 404, NULL },
  };
  g_autofree char *long_id = g_strnfill (129, 'x');
  g_autofree char *long_body = g_strdup_printf ("{\"file_ids\": [\"%s\"]}", long_id);
  g_autoptr (GString) big = g_string_new ("{\"file_ids\": [");
  g_autoptr (GString) many = g_string_new ("{\"file_ids\": [");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (Resp) resp = call (f, rows[i].method, rows[i].path, rows[i].body);

      g_test_message ("%s %s", rows[i].method, rows[i].path);
      assert_error (resp, rows[i].status, rows[i].part);
    }

  {
    g_autoptr (Resp) resp = call (f, "DELETE", "/files", long_body);

    assert_error (resp, 422, long_id);
  }

  /* 1 MiB of body */
  while (big->len <= SK_LOCAL_MAX_BODY_BYTES)
    g_string_append (big, "\"file-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",");
  g_string_append (big, "\"file-a\"]}");
  {
    g_autoptr (Resp) resp = call (f, "DELETE", "/files", big->str);

    assert_error (resp, 413, NULL);
  }

  /* 10001 IDs */
  for (guint i = 0; i <= SK_LOCAL_MAX_IDS; i++)
    g_string_append_printf (many, "%s\"file-%u\"", i ? "," : "", i);
  g_string_append (many, "]}");
  g_assert_cmpuint (many->len, <, SK_LOCAL_MAX_BODY_BYTES);
  {
    g_autoptr (Resp) resp = call (f, "DELETE", "/files", many->str);

    assert_error (resp, 413, "10000");
  }

  /* wrong methods: 405 with Allow */
  {
    g_autoptr (Resp) post = call (f, "POST", "/files", "{}");
    g_autoptr (Resp) put = call (f, "PUT", "/vector_stores", "{}");
    g_autoptr (Resp) get = call (f, "GET", "/vector_stores/vs_1/files/file-1", NULL);
    g_autoptr (Resp) del = call (f, "DELETE", "/health", NULL);
    g_autoptr (Resp) options = call (f, "OPTIONS", "/files", NULL);

    assert_error (post, 405, NULL);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (post->msg),
                                                   "Allow"), ==, "GET, DELETE");
    assert_error (put, 405, NULL);
    assert_error (get, 405, NULL);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (get->msg),
                                                   "Allow"), ==, "DELETE");
    assert_error (del, 405, NULL);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (del->msg),
                                                   "Allow"), ==, "GET");
    assert_error (options, 405, NULL);
  }

  /* very long URL, huge headers */
  {
    g_autofree char *filler = g_strnfill (SK_LOCAL_MAX_URL_BYTES + 10, 'a');
    g_autofree char *path = g_strdup_printf ("/files?purpose=%s", filler);
    g_autofree char *header = g_strnfill (SK_LOCAL_MAX_HEADER_BYTES + 10, 'h');
    g_autoptr (Resp) url = call (f, "GET", path, NULL);
    g_autoptr (Resp) headers = http (f, "GET", "/health", NULL, "X-Filler", header, NULL);

    assert_error (url, 414, NULL);
    assert_error (headers, 431, NULL);
  }

  /* nothing reached OpenAI */
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 0);
}

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
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Slow slow = { 0 };
  guint trickle_id;

  g_socket_client_connect_to_host_async (client, "127.0.0.1",
                                         (guint16) sk_local_server_get_port (f->server), NULL,
                                         sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  slow.connection = g_socket_client_connect_to_host_finish (client, result, &error);
  g_assert_no_error (error);
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

/* ------------------------------------------------------------------ */
/* The OpenAPI document matches the server                             */

typedef struct
{
  const char *method;
  const char *path;     /* as documented */
  guint       status;
  void      (*prepare) (Fixture *f);
  const char *url;      /* what to request */
  const char *body;
  gboolean    no_key;
  gboolean    foreign_host;
} Scenario;

static void
prepare_account (Fixture *f)
{
  add_files (f, "file-", 3, "assistants");
  add_stores (f, 2);
  sk_fake_openai_attach (f->fake, "vs_0000", "file-0000", "completed");
}

static void
prepare_500 (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, 500, -1);
}

static void
prepare_429 (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, 429, 1);
}

static void
prepare_timeout (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, "upstream-timeout-ms", 100, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_DELAY, 0, 2000);
}

#define ACC prepare_account
#define BIG "BIG"
static const Scenario scenarios[] = {
  { "get", "/", 200, NULL, "/", NULL },
  { "get", "/", 401, NULL, "/", NULL, TRUE },
  { "get", "/", 421, NULL, "/", NULL, FALSE, TRUE },
  { "get", "/health", 200, NULL, "/health", NULL, TRUE },
  { "get", "/health", 421, NULL, "/health", NULL, TRUE, TRUE },
  { "get", "/openapi.json", 200, NULL, "/openapi.json", NULL, TRUE },
  { "get", "/openapi.json", 421, NULL, "/openapi.json", NULL, TRUE, TRUE },
  { "get", "/docs", 200, NULL, "/docs", NULL, TRUE },
  { "get", "/docs", 421, NULL, "/docs", NULL, TRUE, TRUE },
  { "get", "/vector_stores", 200, ACC, "/vector_stores", NULL },
  { "get", "/vector_stores", 401, ACC, "/vector_stores", NULL, TRUE },
  { "get", "/vector_stores", 421, ACC, "/vector_stores", NULL, FALSE, TRUE },
  { "get", "/vector_stores", 422, ACC, "/vector_stores?limit=0", NULL },
  { "get", "/vector_stores", 429, prepare_429, "/vector_stores", NULL },
  { "get", "/vector_stores", 502, prepare_500, "/vector_stores", NULL },
  { "get", "/vector_stores", 504, prepare_timeout, "/vector_stores", NULL },
  { "delete", "/vector_stores", 200, ACC, "/vector_stores", "{\"vector_store_ids\": [\"vs_0001\"]}" },
  { "delete", "/vector_stores", 401, ACC, "/vector_stores", "{\"vector_store_ids\": []}", TRUE },
  { "delete", "/vector_stores", 413, ACC, "/vector_stores", BIG },
  { "delete", "/vector_stores", 421, ACC, "/vector_stores", "{\"vector_store_ids\": []}", FALSE, TRUE },
  { "delete", "/vector_stores", 422, ACC, "/vector_stores", "{}" },
  { "delete", "/vector_stores/with-files", 200, ACC, "/vector_stores/with-files",
    "{\"vector_store_ids\": [\"vs_0000\"], \"delete_files\": true}" },
  { "delete", "/vector_stores/with-files", 401, ACC, "/vector_stores/with-files", "{}", TRUE },
  { "delete", "/vector_stores/with-files", 413, ACC, "/vector_stores/with-files", BIG },
  { "delete", "/vector_stores/with-files", 421, ACC, "/vector_stores/with-files", "{}", FALSE, TRUE },
  { "delete", "/vector_stores/with-files", 422, ACC, "/vector_stores/with-files", "[]" },
  { "get", "/vector_stores/{vector_store_id}/files", 200, ACC, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 401, ACC, "/vector_stores/vs_0000/files", NULL, TRUE },
  { "get", "/vector_stores/{vector_store_id}/files", 404, ACC, "/vector_stores/vs_none/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 421, ACC, "/vector_stores/vs_0000/files", NULL, FALSE, TRUE },
  { "get", "/vector_stores/{vector_store_id}/files", 422, ACC, "/vector_stores/vs_0000/files?order=x", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 502, prepare_500, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 504, prepare_timeout, "/vector_stores/vs_0000/files", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 200, ACC, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 401, ACC, "/vector_stores/vs_0000/files/file-0000", NULL, TRUE },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 404, ACC, "/vector_stores/vs_0000/files/file-0002", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 421, ACC, "/vector_stores/vs_0000/files/file-0000", NULL, FALSE, TRUE },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 422, ACC, "/vector_stores/vs_0000/files/file.0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 502, prepare_500, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "get", "/files", 200, ACC, "/files", NULL },
  { "get", "/files", 401, ACC, "/files", NULL, TRUE },
  { "get", "/files", 421, ACC, "/files", NULL, FALSE, TRUE },
  { "get", "/files", 422, ACC, "/files?limit=99999", NULL },
  { "get", "/files", 502, prepare_500, "/files", NULL },
  { "get", "/files", 504, prepare_timeout, "/files", NULL },
  { "delete", "/files", 200, ACC, "/files", "{\"file_ids\": [\"file-0001\", \"file-none\"]}" },
  { "delete", "/files", 401, ACC, "/files", "{\"file_ids\": []}", TRUE },
  { "delete", "/files", 413, ACC, "/files", BIG },
  { "delete", "/files", 421, ACC, "/files", "{\"file_ids\": []}", FALSE, TRUE },
  { "delete", "/files", 422, ACC, "/files", "{\"file_ids\": [\"a b\"]}" },
  { "get", "/files/orphans", 200, ACC, "/files/orphans", NULL },
  { "get", "/files/orphans", 401, ACC, "/files/orphans", NULL, TRUE },
  { "get", "/files/orphans", 421, ACC, "/files/orphans", NULL, FALSE, TRUE },
  { "get", "/files/orphans", 502, prepare_500, "/files/orphans", NULL },
};

static const Scenario *
find_scenario (const char *method,
               const char *path,
               guint       status)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (g_str_equal (scenarios[i].method, method) && g_str_equal (scenarios[i].path, path) &&
        scenarios[i].status == status)
      return &scenarios[i];
  return NULL;
}

static JsonObject *
load_openapi (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = g_resources_lookup_data (
        "/io/github/storekeeper/Storekeeper/local-api/openapi.json", 0, &error);

      g_assert_no_error (error);
      parser = json_parser_new ();
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  (gssize) g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

static void
run_scenario (gconstpointer data)
{
  const Scenario *s = data;
  g_autofree char *method = g_ascii_strup (s->method, -1);
  g_autofree char *body = NULL;
  g_autoptr (Resp) resp = NULL;
  Fixture f = { 0 };

  fixture_set_up (&f, NULL);
  if (s->prepare)
    s->prepare (&f);

  if (g_strcmp0 (s->body, BIG) == 0)
    {
      GString *big = g_string_new ("{\"file_ids\": [\"");

      while (big->len <= SK_LOCAL_MAX_BODY_BYTES)
        g_string_append (big, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      g_string_append (big, "\"]}");
      body = g_string_free (big, FALSE);
    }
  else
    body = g_strdup (s->body);

  if (s->foreign_host)
    resp = raw_http (&f, method, s->url, "attacker.example", s->no_key ? NULL : KEY, body);
  else if (s->no_key)
    resp = http (&f, method, s->url, body, NULL);
  else
    resp = call (&f, method, s->url, body);

  g_assert_cmpuint (resp->status, ==, s->status);
  if (s->status >= 400)
    assert_error (resp, s->status, NULL);
  else if (g_str_equal (s->path, "/docs"))
    g_assert_null (resp->json);
  else
    g_assert_nonnull (resp->json);

  fixture_tear_down (&f, NULL);
}

static void
test_openapi_covered (void)
{
  JsonObject *doc = load_openapi ();
  JsonObject *paths = json_object_get_object_member (doc, "paths");
  g_autoptr (GList) path_names = json_object_get_members (paths);
  guint documented = 0;

  /* every documented status of every operation has a scenario ... */
  for (GList *l = path_names; l; l = l->next)
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      g_autoptr (GList) methods = json_object_get_members (item);

      for (GList *m = methods; m; m = m->next)
        {
          JsonObject *op = json_object_get_object_member (item, m->data);
          JsonObject *responses = json_object_get_object_member (op, "responses");
          g_autoptr (GList) codes = json_object_get_members (responses);
          SkLocalMatch match;
          g_autofree char *method = g_ascii_strup (m->data, -1);
          g_autofree char *concrete = NULL;

          /* and the router knows the path and method */
          concrete = concrete_path (l->data);
          g_assert_cmpint (sk_local_routes_match (method, concrete, &match), ==,
                           SK_LOCAL_ROUTE_STATUS_OK);
          sk_local_match_clear (&match);

          for (GList *c = codes; c; c = c->next)
            {
              guint status = (guint) g_ascii_strtoull (c->data, NULL, 10);

              if (find_scenario (m->data, l->data, status) == NULL)
                g_error ("no scenario for documented %s %s %u", (char *) m->data,
                         (char *) l->data, status);
              documented++;
            }
        }
    }

  /* ... and every scenario is documented */
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      JsonObject *item = json_object_get_object_member (paths, scenarios[i].path);
      JsonObject *op, *responses;
      g_autofree char *code = g_strdup_printf ("%u", scenarios[i].status);

      g_assert_nonnull (item);
      op = json_object_get_object_member (item, scenarios[i].method);
      g_assert_nonnull (op);
      responses = json_object_get_object_member (op, "responses");
      if (!json_object_has_member (responses, code))
        g_error ("%s %s answers %u, which the document does not list", scenarios[i].method,
                 scenarios[i].path, scenarios[i].status);
    }

  g_assert_cmpuint (documented, ==, G_N_ELEMENTS (scenarios));
}

/* ------------------------------------------------------------------ */
/* Report                                                              */

static void
test_report_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (SkClient) client = sk_test_client_new (f->fake, KEY);
  const char *ids[] = { "file-0000", "file-x,\"y\"", NULL };
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;

  add_files (f, "file-", 1, "assistants");
  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, ids);
  sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);

  csv = sk_report_to_csv (sk_bulk_delete_get_results (job));
  g_assert_true (g_str_has_prefix (csv, "id,outcome,status_code,error\r\nfile-0000,deleted,,\r\n"
                                        "\"file-x,\"\"y\"\"\",failed,"));
  json = sk_report_to_json (sk_bulk_delete_get_results (job), FALSE);
  g_assert_true (g_str_has_prefix (json, "{\"success\":[\"file-0000\"],\"failed\":[{\"id\":"
                                         "\"file-x,\\\"y\\\"\",\"error\":"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/sk/local-server/" name, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  g_test_add_func ("/sk/local-validate/route", test_validate_route);
  g_test_add_func ("/sk/local-routes/table", test_route_table);
  g_test_add_func ("/sk/local-log/path", test_log_path);
  g_test_add_func ("/sk/local-reply/error-to-reply", test_error_to_reply);
  g_test_add_func ("/sk/local-gates/registry", test_gates);
  g_test_add_func ("/sk/local-auth/token", test_token);
  g_test_add_func ("/sk/local-validate/ids", test_validate_ids);
  g_test_add_func ("/sk/local-validate/body", test_validate_body);
  g_test_add_func ("/sk/local-validate/query", test_validate_query);
  ADD ("service-endpoints", test_health_index_docs);
  ADD ("auth", test_auth);
  ADD ("list-vector-stores", test_list_vector_stores);
  ADD ("list-files", test_list_files);
  ADD ("list-store-files", test_list_store_files);
  ADD ("list-store-files-passthrough", test_list_store_files_passthrough);
  ADD ("detach", test_detach);
  ADD ("delete-files", test_delete_files);
  ADD ("delete-partial-failure", test_delete_partial_failure);
  ADD ("delete-vector-stores", test_delete_vector_stores);
  ADD ("delete-with-files", test_delete_with_files);
  ADD ("orphans", test_orphans);
  ADD ("upstream-errors", test_upstream_errors);
  ADD ("bad-input", test_bad_input);
  ADD ("host-and-cors", test_host_and_cors);
  ADD ("parallel", test_parallel);
  ADD ("log-lines", test_log_lines);
  ADD ("log-redaction", test_log_redaction);
  ADD ("slowloris-headers", test_slowloris_headers);
  ADD ("slowloris-body", test_slowloris_body);
  ADD ("idle-keepalive", test_idle_keepalive);
  ADD ("silent-connection", test_silent_connection);
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
  ADD ("report", test_report_csv);
  g_test_add_func ("/sk/local-server/openapi/covered", test_openapi_covered);

  (void) sk_core_get_resource ();
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sk/local-server/openapi/%s%s/%u",
                                               scenarios[i].method, scenarios[i].path,
                                               scenarios[i].status);

      g_test_add_data_func (name, &scenarios[i], run_scenario);
    }

  return g_test_run ();
}
