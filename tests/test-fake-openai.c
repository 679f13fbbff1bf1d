/* test-fake-openai.c: the simulated OpenAI account itself
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain libsoup requests against SkFakeOpenai: shapes, pagination, filters,
 * limit ranges, error bodies, deletions and attach.
 */

#include "config.h"

#include "fake-http.h"

#include <string.h>

/* ------------------------------------------------------------------ */

static void
test_file_shapes (Fixture       *f,
                  gconstpointer  d)
{
  g_autoptr (Reply) list = NULL;
  g_autoptr (Reply) one = NULL;
  JsonArray *a;
  JsonObject *file;
  const char *body;

  sk_fake_openai_add_file (f->fake, "file-abc", "notes.txt", "assistants", 50, 1700000000);
  sk_fake_openai_add_file (f->fake, "file-def", "résumé.pdf", "user_data", 70, 1700000100);

  list = get (f, "/v1/files");
  a = data (list);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  /* default order: newest first */
  g_assert_cmpstr (item_id (a, 0), ==, "file-def");
  g_assert_cmpstr (item_id (a, 1), ==, "file-abc");
  g_assert_false (json_object_get_boolean_member (obj (list), "has_more"));
  g_assert_cmpstr (str (obj (list), "first_id"), ==, "file-def");
  g_assert_cmpstr (str (obj (list), "last_id"), ==, "file-abc");

  /* key order as in real traffic */
  body = g_bytes_get_data (list->body, NULL);
  g_assert_true (g_str_has_prefix (body, "{\"object\":\"list\",\"data\":[{\"object\":\"file\",\"id\":"));
  g_assert_nonnull (g_strstr_len (body, g_bytes_get_size (list->body),
                                  "],\"has_more\":false,\"first_id\":\"file-def\",\"last_id\":\"file-abc\"}"));

  one = get (f, "/v1/files/file-def");
  g_assert_cmpuint (one->status, ==, 200);
  file = obj (one);
  g_assert_cmpstr (str (file, "object"), ==, "file");
  g_assert_cmpstr (str (file, "id"), ==, "file-def");
  g_assert_cmpstr (str (file, "filename"), ==, "résumé.pdf");
  g_assert_cmpstr (str (file, "purpose"), ==, "user_data");
  g_assert_cmpint (json_object_get_int_member (file, "bytes"), ==, 70);
  g_assert_cmpint (json_object_get_int_member (file, "created_at"), ==, 1700000100);
  g_assert_true (is_null (file, "expires_at"));
  g_assert_cmpstr (str (file, "status"), ==, "processed");
  g_assert_true (is_null (file, "status_details"));
  g_assert_cmpstr (soup_message_headers_get_content_type (one->headers, NULL), ==, "application/json");
  g_assert_nonnull (soup_message_headers_get_one (one->headers, "x-request-id"));
}

static void
test_file_pagination (Fixture       *f,
                      gconstpointer  d)
{
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GPtrArray) asc = NULL;
  g_autoptr (GPtrArray) desc = NULL;
  g_autoptr (GPtrArray) all = NULL;
  guint n_pages;

  add_files (f, 25, 1700000000);
  expected = sk_fake_openai_list_file_ids (f->fake);
  g_assert_cmpuint (expected->len, ==, 25);

  asc = walk (f, "/v1/files", "?limit=7&order=asc", &n_pages);
  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_cmpuint (asc->len, ==, 25);
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      g_assert_cmpstr (g_ptr_array_index (asc, i), ==, id);
      g_assert_cmpstr (g_ptr_array_index (expected, i), ==, id);
    }

  /* descending by created_at; files of the same second keep their
   * relative order (the real API does not reverse ties) */
  desc = walk (f, "/v1/files", "?limit=5", &n_pages);
  g_assert_cmpuint (n_pages, ==, 5);
  g_assert_cmpuint (desc->len, ==, 25);
  g_assert_cmpstr (g_ptr_array_index (desc, 0), ==, "file-0024");
  g_assert_cmpstr (g_ptr_array_index (desc, 1), ==, "file-0022");
  g_assert_cmpstr (g_ptr_array_index (desc, 2), ==, "file-0023");
  g_assert_cmpstr (g_ptr_array_index (desc, 24), ==, "file-0001");

  /* exactly one full page: has_more false */
  all = walk (f, "/v1/files", "?limit=25", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);

  /* a cursor naming a file deleted meanwhile still works */
  {
    g_autoptr (Reply) del = request (f, "DELETE", "/v1/files/file-0010", KEY, NULL);
    g_autoptr (Reply) page = get (f, "/v1/files?order=asc&limit=2&after=file-0010");
    JsonArray *a = data (page);

    g_assert_cmpuint (del->status, ==, 200);
    g_assert_cmpstr (item_id (a, 0), ==, "file-0011");
    g_assert_cmpstr (item_id (a, 1), ==, "file-0012");
  }
  {
    g_autoptr (Reply) page = get (f, "/v1/files?after=file-unknown");
    assert_error (page, 400, NULL, "after", NULL);
  }
}

static void
test_file_purpose (Fixture       *f,
                   gconstpointer  d)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (Reply) none = NULL;
  guint n_pages;

  add_files (f, 30, 1700000000);
  ids = walk (f, "/v1/files", "?purpose=user_data&limit=3&order=asc", &n_pages);
  g_assert_cmpuint (ids->len, ==, 10);
  g_assert_cmpuint (n_pages, ==, 4);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i * 3);
      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, id);
    }

  none = get (f, "/v1/files?purpose=batch");
  g_assert_cmpuint (json_array_get_length (data (none)), ==, 0);
}

static void
test_empty_lists (Fixture       *f,
                  gconstpointer  d)
{
  const char *paths[] = { "/v1/files", "/v1/vector_stores", "/v1/vector_stores/vs_e/files" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (Reply) reply = NULL;

      if (i == 2)
        sk_fake_openai_add_vector_store (f->fake, "vs_e", NULL, 1700000000);
      reply = get (f, paths[i]);
      JsonObject *o = obj (reply);

      g_assert_cmpuint (json_array_get_length (data (reply)), ==, 0);
      g_assert_false (json_object_get_boolean_member (o, "has_more"));
      g_assert_true (is_null (o, "first_id"));
      g_assert_true (is_null (o, "last_id"));
    }
}

static void
test_limits (Fixture       *f,
             gconstpointer  d)
{
  struct { const char *path; guint status; const char *param; const char *code; } cases[] = {
    { "/v1/files?limit=0", 400, "limit", "integer_below_min_value" },
    { "/v1/files?limit=10001", 400, "limit", "integer_above_max_value" },
    { "/v1/files?limit=10000", 200, NULL, NULL },
    { "/v1/files?limit=1", 200, NULL, NULL },
    { "/v1/files?limit=ten", 400, "limit", "invalid_type" },
    { "/v1/files?order=sideways", 400, "order", "invalid_value" },
    { "/v1/vector_stores?limit=101", 400, "limit", "integer_above_max_value" },
    { "/v1/vector_stores?limit=0", 400, "limit", "integer_below_min_value" },
    { "/v1/vector_stores?limit=100", 200, NULL, NULL },
    { "/v1/vector_stores/vs_l/files?limit=101", 400, "limit", "integer_above_max_value" },
    { "/v1/vector_stores/vs_l/files?limit=-1", 400, "limit", "integer_below_min_value" },
    { "/v1/vector_stores/vs_l/files?limit=100", 200, NULL, NULL },
    { "/v1/vector_stores/vs_l/files?filter=done", 400, "filter", "invalid_value" },
  };

  add_files (f, 30, 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_l", "limits", 1700000000);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);
      g_assert_true (sk_fake_openai_attach (f->fake, "vs_l", id, "completed"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Reply) reply = get (f, cases[i].path);

      if (cases[i].status == 200)
        data (reply);
      else
        assert_error (reply, cases[i].status, NULL, cases[i].param, cases[i].code);
    }

  /* defaults: 20 for stores' files */
  {
    g_autoptr (Reply) reply = get (f, "/v1/vector_stores/vs_l/files");
    g_assert_cmpuint (json_array_get_length (data (reply)), ==, 20);
    g_assert_true (json_object_get_boolean_member (obj (reply), "has_more"));
  }
}

static void
test_auth (Fixture       *f,
           gconstpointer  d)
{
  const char *wrong = "sk-proj-WRONGKEYabcdef123456";
  g_autoptr (Reply) missing = request (f, "GET", "/v1/files", NULL, NULL);
  g_autoptr (Reply) bad = request (f, "GET", "/v1/files", wrong, NULL);
  g_autoptr (Reply) empty = request (f, "GET", "/v1/files", "", NULL);
  const char *message;

  assert_error (missing, 401, "Missing bearer or basic authentication in header", NULL, NULL);
  assert_error (empty, 401, "Missing bearer or basic authentication in header", NULL, NULL);
  assert_error (bad, 401, NULL, NULL, "invalid_api_key");
  message = str (json_object_get_object_member (obj (bad), "error"), "message");
  g_assert_true (g_str_has_prefix (message, "Incorrect API key provided: sk-p****3456."));
  g_assert_null (strstr (message, wrong));
  g_assert_null (strstr (g_bytes_get_data (bad->body, NULL), "WRONGKEY"));

  /* optional OpenAI headers are accepted and ignored */
  {
    g_autofree char *url = g_strconcat (f->base, "/v1/files", NULL);
    Call *call = g_new0 (Call, 1);
    SoupMessageHeaders *h;
    g_autoptr (Reply) reply = NULL;

    call->reply = g_new0 (Reply, 1);
    call->msg = soup_message_new ("GET", url);
    h = soup_message_get_request_headers (call->msg);
    soup_message_headers_replace (h, "Authorization", "Bearer " KEY);
    soup_message_headers_replace (h, "OpenAI-Organization", "org-123");
    soup_message_headers_replace (h, "OpenAI-Project", "proj_123");
    soup_message_headers_replace (h, "OpenAI-Beta", "assistants=v2");
    soup_session_send_and_read_async (f->session, call->msg, G_PRIORITY_DEFAULT, NULL, send_cb, call);
    wait_calls (&call, 1);
    reply = finish_call (call);
    data (reply);
  }

  /* without api-key, any non-empty key is accepted */
  g_object_set (f->fake, "api-key", NULL, NULL);
  {
    g_autoptr (Reply) any = request (f, "GET", "/v1/files", "whatever", NULL);
    g_autoptr (Reply) none = request (f, "GET", "/v1/files", NULL, NULL);

    data (any);
    assert_error (none, 401, NULL, NULL, NULL);
  }
}

static void
test_not_found (Fixture       *f,
                gconstpointer  d)
{
  sk_fake_openai_add_vector_store (f->fake, "vs_1", "one", 1700000000);

  {
    g_autoptr (Reply) r = get (f, "/v1/files/file-nope");
    JsonObject *detail;

    assert_error (r, 404, "No such File object: file-nope", "id", NULL);
    detail = json_object_get_object_member (obj (r), "detail");
    g_assert_nonnull (detail);
    g_assert_cmpstr (str (detail, "message"), ==, "No such File object: file-nope");
  }
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-nope", KEY, NULL);
    assert_error (r, 404, "No such File object: file-nope", "id", NULL);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores/vs_nope");
    assert_error (r, 404, "No vector store found with id 'vs_nope'.", NULL, NULL);
  }
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/vector_stores/vs_nope", KEY, NULL);
    assert_error (r, 404, "No vector store found with id 'vs_nope'.", NULL, NULL);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores/vs_nope/files");
    assert_error (r, 404, "No vector store found with id 'vs_nope'.", NULL, NULL);
  }
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/vector_stores/vs_1/files/file-x", KEY, NULL);
    assert_error (r, 404, NULL, NULL, NULL);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/models");
    assert_error (r, 404, "Invalid URL (GET /v1/models)", NULL, NULL);
  }
  {
    g_autoptr (Reply) r = get (f, "/v2/files");
    assert_error (r, 404, NULL, NULL, NULL);
  }
  {
    g_autoptr (Reply) r = request (f, "PUT", "/v1/files", KEY, NULL);
    assert_error (r, 405, NULL, NULL, NULL);
  }
  {
    /* POST there changes the store (its expiry), PATCH is no method of it */
    g_autoptr (Reply) r = request (f, "PATCH", "/v1/vector_stores/vs_1", KEY, "{}");
    assert_error (r, 405, NULL, NULL, NULL);
  }
}

static JsonObject *
file_counts (Fixture    *f,
             const char *store_id,
             Reply     **keep)
{
  g_autofree char *path = g_strdup_printf ("/v1/vector_stores/%s", store_id);

  *keep = get (f, path);
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return json_object_get_object_member (obj (*keep), "file_counts");
}

static void
test_delete_file (Fixture       *f,
                  gconstpointer  d)
{
  g_autoptr (Reply) del = NULL;
  g_autoptr (Reply) again = NULL;
  g_autoptr (Reply) s1 = NULL;
  g_autoptr (Reply) s2 = NULL;
  g_autoptr (Reply) list = NULL;
  JsonObject *o;
  gboolean stale = GPOINTER_TO_INT (d);

  g_object_set (f->fake, "stale-counts", stale, NULL);
  add_files (f, 3, 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_1", "one", 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_2", NULL, 1700000001);
  g_assert_true (sk_fake_openai_attach (f->fake, "vs_1", "file-0000", "completed"));
  g_assert_true (sk_fake_openai_attach (f->fake, "vs_1", "file-0001", "completed"));
  g_assert_true (sk_fake_openai_attach (f->fake, "vs_2", "file-0000", "failed"));
  g_assert_false (sk_fake_openai_attach (f->fake, "vs_2", "file-nope", "completed"));
  g_assert_false (sk_fake_openai_attach (f->fake, "vs_nope", "file-0000", "completed"));

  del = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);
  g_assert_cmpuint (del->status, ==, 200);
  o = obj (del);
  g_assert_cmpstr (str (o, "object"), ==, "file");
  g_assert_true (json_object_get_boolean_member (o, "deleted"));
  g_assert_cmpstr (str (o, "id"), ==, "file-0000");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (del->body, NULL),
                                   "{\"object\":\"file\",\"deleted\":true,\"id\":"));

  g_assert_false (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_1", "file-0000"));
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_2", "file-0000"));
  g_assert_true (sk_fake_openai_is_attached (f->fake, "vs_1", "file-0001"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 2);

  list = get (f, "/v1/vector_stores/vs_1/files");
  g_assert_cmpuint (json_array_get_length (data (list)), ==, 1);
  g_assert_cmpstr (item_id (data (list), 0), ==, "file-0001");

  o = file_counts (f, "vs_1", &s1);
  g_assert_cmpint (json_object_get_int_member (o, "total"), ==, stale ? 2 : 1);
  g_assert_cmpint (json_object_get_int_member (o, "completed"), ==, stale ? 2 : 1);
  o = file_counts (f, "vs_2", &s2);
  g_assert_cmpint (json_object_get_int_member (o, "total"), ==, stale ? 1 : 0);
  g_assert_cmpint (json_object_get_int_member (o, "failed"), ==, stale ? 1 : 0);

  again = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);
  g_assert_cmpuint (again->status, ==, 404);
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0000"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", "/v1/files/"), ==, 2);
}

static void
test_delete_store (Fixture       *f,
                   gconstpointer  d)
{
  g_autoptr (Reply) del = NULL;
  g_autoptr (Reply) gone = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  JsonObject *o;

  add_files (f, 2, 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_1", "one", 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_2", "two", 1700000001);
  sk_fake_openai_attach (f->fake, "vs_1", "file-0000", NULL);
  sk_fake_openai_attach (f->fake, "vs_2", "file-0000", NULL);

  del = request (f, "DELETE", "/v1/vector_stores/vs_1", KEY, NULL);
  g_assert_cmpuint (del->status, ==, 200);
  o = obj (del);
  g_assert_cmpstr (str (o, "id"), ==, "vs_1");
  g_assert_cmpstr (str (o, "object"), ==, "vector_store.deleted");
  g_assert_true (json_object_get_boolean_member (o, "deleted"));

  g_assert_false (sk_fake_openai_has_vector_store (f->fake, "vs_1"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0001"));
  g_assert_true (sk_fake_openai_is_attached (f->fake, "vs_2", "file-0000"));
  ids = sk_fake_openai_list_vector_store_ids (f->fake);
  g_assert_cmpuint (ids->len, ==, 1);

  gone = get (f, "/v1/vector_stores/vs_1");
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/vector_stores/vs_1"), ==, 1);

  /* the file can still be deleted and leaves vs_2 consistent */
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);
    g_autoptr (Reply) s = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (file_counts (f, "vs_2", &s), "total"), ==, 0);
  }
}

static void
test_detach_attach (Fixture       *f,
                    gconstpointer  d)
{
  add_files (f, 3, 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_1", "one", 1700000000);
  sk_fake_openai_attach (f->fake, "vs_1", "file-0000", "completed");

  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/vector_stores/vs_1/files/file-0000", KEY, NULL);
    g_autoptr (Reply) s = NULL;
    JsonObject *o = obj (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (str (o, "id"), ==, "file-0000");
    g_assert_cmpstr (str (o, "object"), ==, "vector_store.file.deleted");
    g_assert_true (json_object_get_boolean_member (o, "deleted"));
    g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_1", "file-0000"));
    g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
    g_assert_cmpint (json_object_get_int_member (file_counts (f, "vs_1", &s), "total"), ==, 0);
    g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/vector_stores/vs_1/files/file-0000"), ==, 1);
  }
  {
    g_autoptr (Reply) r = request (f, "POST", "/v1/vector_stores/vs_1/files", KEY,
                                   "{\"file_id\":\"file-0001\"}");
    g_autoptr (Reply) s = NULL;
    g_autoptr (Reply) one = NULL;
    JsonObject *o = obj (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (str (o, "id"), ==, "file-0001");
    g_assert_cmpstr (str (o, "object"), ==, "vector_store.file");
    g_assert_cmpstr (str (o, "vector_store_id"), ==, "vs_1");
    g_assert_cmpstr (str (o, "status"), ==, "completed");
    g_assert_true (is_null (o, "last_error"));
    g_assert_true (sk_fake_openai_is_attached (f->fake, "vs_1", "file-0001"));
    g_assert_cmpint (json_object_get_int_member (file_counts (f, "vs_1", &s), "completed"), ==, 1);

    one = get (f, "/v1/vector_stores/vs_1/files/file-0001");
    g_assert_cmpuint (one->status, ==, 200);
    g_assert_cmpstr (str (obj (one), "object"), ==, "vector_store.file");
  }
  {
    g_autoptr (Reply) r = request (f, "POST", "/v1/vector_stores/vs_1/files", KEY,
                                   "{\"file_id\":\"file-nope\"}");
    assert_error (r, 404, NULL, "file_id", NULL);
  }
  {
    g_autoptr (Reply) r = request (f, "POST", "/v1/vector_stores/vs_nope/files", KEY,
                                   "{\"file_id\":\"file-0001\"}");
    assert_error (r, 404, "No vector store found with id 'vs_nope'.", NULL, NULL);
  }
  {
    g_autoptr (Reply) r = request (f, "POST", "/v1/vector_stores/vs_1/files", KEY, "{}");
    assert_error (r, 400, NULL, "file_id", "missing_required_parameter");
  }
}

static void
test_store_shapes (Fixture       *f,
                   gconstpointer  d)
{
  g_autoptr (GPtrArray) asc = NULL;
  g_autoptr (GPtrArray) desc = NULL;
  guint n_pages;

  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_%02u", i);
      sk_fake_openai_add_vector_store (f->fake, id, i % 5 ? "named" : NULL, 1700000000 + i);
    }

  desc = walk (f, "/v1/vector_stores", "?order=desc", &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);   /* default limit 20 */
  g_assert_cmpuint (desc->len, ==, 45);
  g_assert_cmpstr (g_ptr_array_index (desc, 0), ==, "vs_44");
  asc = walk (f, "/v1/vector_stores", "?order=asc&limit=100", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (asc, 0), ==, "vs_00");

  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores/vs_00");
    JsonObject *o = obj (r);
    JsonObject *counts = json_object_get_object_member (o, "file_counts");
    const char *body = g_bytes_get_data (r->body, NULL);

    g_assert_true (g_str_has_prefix (body, "{\"id\":\"vs_00\",\"object\":\"vector_store\",\"created_at\":"));
    g_assert_true (is_null (o, "name"));
    g_assert_true (is_null (o, "description"));
    g_assert_cmpstr (str (o, "status"), ==, "completed");
    g_assert_cmpint (json_object_get_int_member (o, "usage_bytes"), ==, 0);
    g_assert_true (is_null (o, "expires_after"));
    g_assert_true (is_null (o, "expires_at"));
    g_assert_cmpuint (json_object_get_size (json_object_get_object_member (o, "metadata")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, 0);
    g_assert_true (json_object_has_member (counts, "in_progress"));
    g_assert_true (json_object_has_member (counts, "cancelled"));
  }

  /* before: the page just before the cursor, in list order */
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores?order=asc&limit=3&before=vs_10");
    JsonArray *a = data (r);

    g_assert_cmpuint (json_array_get_length (a), ==, 3);
    g_assert_cmpstr (item_id (a, 0), ==, "vs_07");
    g_assert_cmpstr (item_id (a, 2), ==, "vs_09");
    g_assert_true (json_object_get_boolean_member (obj (r), "has_more"));
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores?order=asc&limit=5&before=vs_02");
    JsonArray *a = data (r);

    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    g_assert_cmpstr (item_id (a, 0), ==, "vs_00");
    g_assert_false (json_object_get_boolean_member (obj (r), "has_more"));
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores?limit=2&before=vs_40");
    JsonArray *a = data (r);

    g_assert_cmpstr (item_id (a, 0), ==, "vs_42");
    g_assert_cmpstr (item_id (a, 1), ==, "vs_41");
  }
}

static void
test_store_files_filter (Fixture       *f,
                         gconstpointer  d)
{
  const char *statuses[] = { "completed", "in_progress", "failed", "cancelled" };
  g_autoptr (GPtrArray) all = NULL;
  guint n_pages;

  add_files (f, 40, 1700000000);
  sk_fake_openai_add_vector_store (f->fake, "vs_f", "filter", 1700000000);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);
      g_assert_true (sk_fake_openai_attach (f->fake, "vs_f", id, statuses[i % 4]));
    }

  all = walk (f, "/v1/vector_stores/vs_f/files", "?limit=7", &n_pages);
  g_assert_cmpuint (all->len, ==, 40);

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      g_autofree char *q = g_strdup_printf ("?filter=%s&limit=3&order=asc", statuses[s]);
      g_autoptr (GPtrArray) ids = walk (f, "/v1/vector_stores/vs_f/files", q, &n_pages);
      g_autofree char *url = g_strdup_printf ("/v1/vector_stores/vs_f/files?filter=%s&limit=100", statuses[s]);
      g_autoptr (Reply) r = get (f, url);
      JsonArray *a = data (r);

      g_assert_cmpuint (ids->len, ==, 10);
      g_assert_cmpuint (n_pages, ==, 4);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *o = json_array_get_object_element (a, i);

          g_assert_cmpstr (str (o, "status"), ==, statuses[s]);
          g_assert_cmpstr (str (o, "vector_store_id"), ==, "vs_f");
          g_assert_cmpstr (str (o, "object"), ==, "vector_store.file");
          if (g_str_equal (statuses[s], "failed"))
            g_assert_nonnull (str (json_object_get_object_member (o, "last_error"), "code"));
          else
            g_assert_true (is_null (o, "last_error"));
        }
    }

  {
    g_autoptr (Reply) s = NULL;
    JsonObject *counts = file_counts (f, "vs_f", &s);

    g_assert_cmpint (json_object_get_int_member (counts, "total"), ==, 40);
    g_assert_cmpint (json_object_get_int_member (counts, "failed"), ==, 10);
    g_assert_cmpint (json_object_get_int_member (counts, "in_progress"), ==, 10);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)

  ADD ("/fake-openai/files/shapes", test_file_shapes, NULL);
  ADD ("/fake-openai/files/pagination", test_file_pagination, NULL);
  ADD ("/fake-openai/files/purpose", test_file_purpose, NULL);
  ADD ("/fake-openai/lists/empty", test_empty_lists, NULL);
  ADD ("/fake-openai/lists/limits", test_limits, NULL);
  ADD ("/fake-openai/auth", test_auth, NULL);
  ADD ("/fake-openai/not-found", test_not_found, NULL);
  ADD ("/fake-openai/delete/file", test_delete_file, GINT_TO_POINTER (FALSE));
  ADD ("/fake-openai/delete/file-stale-counts", test_delete_file, GINT_TO_POINTER (TRUE));
  ADD ("/fake-openai/delete/store", test_delete_store, NULL);
  ADD ("/fake-openai/detach-attach", test_detach_attach, NULL);
  ADD ("/fake-openai/vector-stores/shapes", test_store_shapes, NULL);
  ADD ("/fake-openai/vector-stores/files-filter", test_store_files_filter, NULL);

  return g_test_run ();
}
