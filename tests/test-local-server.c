/* test-local-server.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API over real HTTP on 127.0.0.1, the simulated account
 * upstream: the endpoints, their answers and their errors.
 */

#include <string.h>

#include "local-api-fixture.h"

#include "sk-bulk-delete.h"
#include "sk-local-validate.h"
#include "sk-report.h"

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

/* With an Azure OpenAI account open, the local token's requests go to its
 * resource with its header and paths; a key sent per request still goes to
 * the upstream URL as an OpenAI key (here the same fake, which then refuses
 * it: an Azure resource wants the api-key header and /openai paths). */
static void
test_azure_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", sk_local_server_get_local_token (f->server));
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (f->fake));
  g_autoptr (Resp) listed = NULL;
  g_autoptr (Resp) deleted = NULL;
  g_autoptr (Resp) per_request = NULL;
  JsonObject *report;

  add_files (f, "file-", 3, "assistants");
  sk_fake_openai_set_azure (f->fake, TRUE, NULL);
  sk_local_server_set_account_key (f->server, KEY);
  sk_local_server_set_account_service (f->server, endpoint, SK_PROVIDER_AZURE, NULL);

  listed = http (f, "GET", "/files", NULL, "Authorization", bearer, NULL);
  g_assert_cmpuint (listed->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (array_of (listed)), ==, 3);

  deleted = http (f, "DELETE", "/files", "{\"file_ids\": [\"file-0001\"]}", "Authorization", bearer, NULL);
  g_assert_cmpuint (deleted->status, ==, 200);
  report = object_of (deleted);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "success")), ==, 1);
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-0001"));
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", "/openai/v1/files/file-0001"), ==, 1);

  per_request = http (f, "GET", "/files", NULL, "x-openai-api-key", KEY, NULL);
  g_assert_cmpuint (per_request->status, !=, 200);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", "/v1/files/file-0001"), ==, 0);
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
  ADD ("service-endpoints", test_health_index_docs);
  ADD ("auth", test_auth);
  ADD ("azure-account", test_azure_account);
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
  ADD ("report", test_report_csv);

  return g_test_run ();
}
