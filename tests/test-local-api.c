/* test-local-api.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API's pure parts, no server: the route table, request
 * validation, the access log's redaction, the mapping of upstream
 * failures, the rate-gate registry and the token.
 */

#include <string.h>

#include "sk-error.h"
#include "sk-local-auth.h"
#include "sk-local-gates.h"
#include "sk-local-handlers.h"
#include "sk-local-log.h"
#include "sk-local-reply.h"
#include "sk-local-routes.h"
#include "sk-local-validate.h"

#define KEY "sk-test-key"

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
      g_auto (GStrv) segments = g_strsplit (routes[i].pattern, "/", -1);
      g_autofree char *concrete = NULL;
      gboolean service;
      SkLocalMatch match;

      /* a parameter takes any ID */
      for (guint j = 0; segments[j] != NULL; j++)
        if (segments[j][0] == '{')
          {
            g_free (segments[j]);
            segments[j] = g_strdup_printf ("id_%u", j);
          }
      concrete = g_strjoinv ("/", segments);

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

  /* any purpose text is passed on, as the contract says */
  g_hash_table_insert (q, (gpointer) "purpose", (gpointer) "my purpose <string> é");
  g_assert_true (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, NULL));
  g_assert_cmpstr (out.purpose, ==, "my purpose <string> é");
  sk_local_list_query_clear (&out);
  g_hash_table_insert (q, (gpointer) "purpose", (gpointer) "bad \xff");
  g_clear_pointer (&detail, g_free);
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_FILES, q, &out, &detail));
  g_assert_nonnull (strstr (detail, "purpose"));
  g_clear_pointer (&detail, g_free);
  g_hash_table_remove (q, "purpose");

  g_hash_table_insert (q, (gpointer) "filter_status", (gpointer) "done");
  g_assert_false (sk_local_parse_list_query (SK_LOCAL_LIST_STORE_FILES, q, &out, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/local-validate/route", test_validate_route);
  g_test_add_func ("/sk/local-routes/table", test_route_table);
  g_test_add_func ("/sk/local-log/path", test_log_path);
  g_test_add_func ("/sk/local-reply/error-to-reply", test_error_to_reply);
  g_test_add_func ("/sk/local-gates/registry", test_gates);
  g_test_add_func ("/sk/local-auth/token", test_token);
  g_test_add_func ("/sk/local-validate/ids", test_validate_ids);
  g_test_add_func ("/sk/local-validate/body", test_validate_body);
  g_test_add_func ("/sk/local-validate/query", test_validate_query);

  return g_test_run ();
}
