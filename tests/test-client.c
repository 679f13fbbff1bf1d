/* test-client.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-utils.h"

#include <string.h>

#define WAIT_MS 20000

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->fake = sk_test_fake_new ();
  f->client = sk_test_client_new (f->fake, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  /* let the server see its connections close before it goes */
  sk_test_spin (20);
  sk_fake_openai_disconnect (f->fake);
  g_clear_object (&f->fake);
}

#define ADD(path, func) \
  g_test_add ("/sk/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* @n files file-000 .. with created_at 1000 + i, purposes alternating */
static void
add_files (SkFakeOpenai *fake,
           guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);
      g_autofree char *name = g_strdup_printf ("doc-%03u.txt", i);

      sk_fake_openai_add_file (fake, id, name, i % 3 == 0 ? "batch" : "assistants",
                               100 + i, 1000 + i);
    }
}

static void
add_stores (SkFakeOpenai *fake,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_%03u", i);
      g_autofree char *name = g_strdup_printf ("Store %u", i);

      sk_fake_openai_add_vector_store (fake, id, i % 5 == 0 ? NULL : name, 2000 + i);
    }
}

typedef struct
{
  guint     n_pages;
  guint     n_items;
  gboolean  finished;
  GPtrArray *page_sizes;
} PageCounter;

static void
count_page (GPtrArray *items,
            gpointer   user_data)
{
  PageCounter *counter = user_data;

  g_assert_false (counter->finished);
  counter->n_pages++;
  counter->n_items += items->len;
  if (counter->page_sizes)
    g_ptr_array_add (counter->page_sizes, GUINT_TO_POINTER (items->len));
}

typedef enum
{
  LIST_FILES,
  LIST_STORES,
  LIST_STORE_FILES,
} ListWhat;

static GPtrArray *
list_sync (SkClient            *client,
           ListWhat             what,
           const char          *vs,
           const SkListOptions *options,
           PageCounter         *counter,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GPtrArray *ret = NULL;

  switch (what)
    {
    case LIST_FILES:
      sk_client_list_files_async (client, options, counter ? count_page : NULL, counter, NULL,
                                  cancellable, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      ret = sk_client_list_files_finish (client, result, error);
      break;
    case LIST_STORES:
      sk_client_list_vector_stores_async (client, options, counter ? count_page : NULL, counter,
                                          NULL, cancellable, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      ret = sk_client_list_vector_stores_finish (client, result, error);
      break;
    case LIST_STORE_FILES:
      sk_client_list_vector_store_files_async (client, vs, options,
                                               counter ? count_page : NULL, counter, NULL,
                                               cancellable, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      ret = sk_client_list_vector_store_files_finish (client, result, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (counter)
    counter->finished = TRUE;

  return ret;
}

static SkFile *
retrieve_file_sync (SkClient     *client,
                    const char   *id,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_client_retrieve_file_async (client, id, cancellable, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_client_retrieve_file_finish (client, result, error);
}

static gboolean
delete_file_sync (SkClient    *client,
                  const char  *id,
                  JsonNode   **json,
                  GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ret;

  sk_client_delete_file_async (client, id, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  ret = sk_client_delete_file_finish (client, result, error);
  if (json)
    *json = sk_client_delete_result_get_json (result);
  return ret;
}

static guint
count (SkFakeOpenai *fake,
       const char   *method,
       const char   *prefix)
{
  return sk_fake_openai_count_requests (fake, method, prefix);
}

static const SkFakeRequest *
nth_request (SkFakeOpenai *fake,
             guint         n)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);

  g_assert_cmpuint (n, <, requests->len);
  return requests->pdata[n];
}

/* ------------------------------------------------------------------ */
/* Lists                                                                */
/* ------------------------------------------------------------------ */

static void
test_list_files_pages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  PageCounter counter = { 0 };

  add_files (f->fake, 50);
  g_object_set (f->client, "files-page-size", 7, NULL);

  files = list_sync (f->client, LIST_FILES, NULL, NULL, &counter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 50);
  /* newest first by default */
  g_assert_cmpstr (sk_file_get_id (files->pdata[0]), ==, "file-049");
  g_assert_cmpstr (sk_file_get_id (files->pdata[49]), ==, "file-000");
  g_assert_cmpstr (sk_file_get_filename (files->pdata[0]), ==, "doc-049.txt");
  g_assert_cmpint (sk_file_get_bytes (files->pdata[0]), ==, 149);
  g_assert_cmpint (sk_file_get_created_at (files->pdata[0]), ==, 1049);

  /* 8 pages of up to 7, each delivered before completion */
  g_assert_cmpuint (counter.n_pages, ==, 8);
  g_assert_cmpuint (counter.n_items, ==, 50);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files"), ==, 8);
  g_assert_cmpuint (sk_client_get_n_requests (f->client), ==, 8);

  /* no duplicates */
  {
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < files->len; i++)
      g_assert_true (g_hash_table_add (seen, (gpointer) sk_file_get_id (files->pdata[i])));
  }

  /* the second request carries the cursor of the first page's last item */
  g_assert_nonnull (strstr (nth_request (f->fake, 1)->query, "after=file-043"));
  g_assert_nonnull (strstr (nth_request (f->fake, 0)->query, "limit=7"));
}

static void
test_list_files_default_page_size (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  add_files (f->fake, 30);
  files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 30);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files"), ==, 1);
  g_assert_nonnull (strstr (nth_request (f->fake, 0)->query, "limit=10000"));
}

static void
test_list_files_filters (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  SkListOptions opts = { 0 };

  add_files (f->fake, 50);
  g_object_set (f->client, "files-page-size", 7, NULL);

  /* order asc */
  {
    g_autoptr (GPtrArray) files = NULL;

    opts.order = SK_ORDER_ASC;
    files = list_sync (f->client, LIST_FILES, NULL, &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 50);
    for (guint i = 0; i < files->len; i++)
      {
        g_autofree char *id = g_strdup_printf ("file-%03u", i);

        g_assert_cmpstr (sk_file_get_id (files->pdata[i]), ==, id);
      }
  }

  /* purpose */
  {
    g_autoptr (GPtrArray) files = NULL;

    opts = (SkListOptions) { .purpose = "batch" };
    files = list_sync (f->client, LIST_FILES, NULL, &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 17);
    for (guint i = 0; i < files->len; i++)
      g_assert_cmpstr (sk_file_get_purpose (files->pdata[i]), ==, "batch");
  }

  /* after */
  {
    g_autoptr (GPtrArray) files = NULL;

    opts = (SkListOptions) { .order = SK_ORDER_ASC, .after = "file-039" };
    files = list_sync (f->client, LIST_FILES, NULL, &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 10);
    g_assert_cmpstr (sk_file_get_id (files->pdata[0]), ==, "file-040");
  }

  /* max_items: stops early, asks only for what is missing */
  {
    g_autoptr (GPtrArray) files = NULL;
    PageCounter counter = { 0 };

    sk_fake_openai_reset_log (f->fake);
    opts = (SkListOptions) { .max_items = 10 };
    files = list_sync (f->client, LIST_FILES, NULL, &opts, &counter, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 10);
    g_assert_cmpuint (counter.n_items, ==, 10);
    g_assert_cmpuint (count (f->fake, "GET", "/v1/files"), ==, 2);
    g_assert_nonnull (strstr (nth_request (f->fake, 1)->query, "limit=3"));
  }
}

static void
test_list_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GError) error = NULL;
  PageCounter counter = { 0 };

  files = list_sync (f->client, LIST_FILES, NULL, NULL, &counter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);
  /* an empty page is still a page: a list model replaces its rows with it */
  g_assert_cmpuint (counter.n_pages, ==, 1);

  stores = list_sync (f->client, LIST_STORES, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stores->len, ==, 0);
}

static void
test_list_vector_stores (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  SkListOptions opts = { 0 };

  add_stores (f->fake, 20);
  g_object_set (f->client, "page-size", 3, NULL);

  {
    g_autoptr (GPtrArray) stores = NULL;
    PageCounter counter = { 0 };

    stores = list_sync (f->client, LIST_STORES, NULL, NULL, &counter, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stores->len, ==, 20);
    g_assert_cmpuint (counter.n_pages, ==, 7);
    g_assert_cmpstr (sk_vector_store_get_id (stores->pdata[0]), ==, "vs_019");
    g_assert_cmpstr (sk_vector_store_get_name (stores->pdata[0]), ==, "Store 19");
    /* vs_015 was created without a name: null */
    g_assert_cmpstr (sk_vector_store_get_id (stores->pdata[4]), ==, "vs_015");
    g_assert_null (sk_vector_store_get_name (stores->pdata[4]));
    g_assert_cmpstr (sk_vector_store_get_display_name (stores->pdata[4]), ==, "vs_015");
    g_assert_nonnull (strstr (nth_request (f->fake, 0)->query, "limit=3"));
  }

  /* asc + after + before */
  {
    g_autoptr (GPtrArray) stores = NULL;

    opts = (SkListOptions) { .order = SK_ORDER_ASC, .after = "vs_004", .before = "vs_015" };
    stores = list_sync (f->client, LIST_STORES, NULL, &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stores->len, ==, 10);
    g_assert_cmpstr (sk_vector_store_get_id (stores->pdata[0]), ==, "vs_005");
    g_assert_cmpstr (sk_vector_store_get_id (stores->pdata[9]), ==, "vs_014");
  }

  /* before alone, desc: the newer ones */
  {
    g_autoptr (GPtrArray) stores = NULL;

    opts = (SkListOptions) { .before = "vs_016" };
    stores = list_sync (f->client, LIST_STORES, NULL, &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stores->len, ==, 3);
    g_assert_cmpstr (sk_vector_store_get_id (stores->pdata[0]), ==, "vs_019");
  }
}

static void
test_list_vector_store_files (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  SkListOptions opts = { 0 };
  const char *statuses[] = { "completed", "in_progress", "failed", "cancelled" };

  add_files (f->fake, 40);
  add_stores (f->fake, 2);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);

      g_assert_true (sk_fake_openai_attach (f->fake, "vs_001", id, statuses[i % 4]));
    }
  g_object_set (f->client, "page-size", 3, NULL);

  {
    g_autoptr (GPtrArray) entries = NULL;
    PageCounter counter = { 0 };

    entries = list_sync (f->client, LIST_STORE_FILES, "vs_001", NULL, &counter, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 40);
    g_assert_cmpuint (counter.n_pages, ==, 14);
    for (guint i = 0; i < entries->len; i++)
      g_assert_cmpstr (sk_vector_store_file_get_vector_store_id (entries->pdata[i]), ==, "vs_001");
  }

  {
    g_autoptr (GPtrArray) entries = NULL;

    opts = (SkListOptions) { .filter = "failed" };
    entries = list_sync (f->client, LIST_STORE_FILES, "vs_001", &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 10);
    for (guint i = 0; i < entries->len; i++)
      g_assert_cmpstr (sk_vector_store_file_get_status (entries->pdata[i]), ==, "failed");
  }

  {
    g_autoptr (GPtrArray) entries = NULL;

    entries = list_sync (f->client, LIST_STORE_FILES, "vs_000", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 0);
  }

  {
    g_autoptr (GPtrArray) entries = NULL;

    entries = list_sync (f->client, LIST_STORE_FILES, "vs_missing", NULL, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
    g_assert_null (entries);
  }
}

static void
test_list_stuck_cursor (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  add_files (f->fake, 20);
  g_object_set (f->client, "files-page-size", 5, NULL);
  /* the first page is normal, the second one repeats the cursor */
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DELAY, 0, 0);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STUCK_CURSOR, 0, 0);

  files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "same page twice"));
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 200);
  g_assert_null (files);
  n = count (f->fake, "GET", "/v1/files");
  g_assert_cmpuint (n, ==, 2);
}

/* ------------------------------------------------------------------ */
/* Single objects                                                       */
/* ------------------------------------------------------------------ */

static void
test_retrieve_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-abc", "résumé.pdf", "user_data", 1234, 1700000000);
  file = retrieve_file_sync (f->client, "file-abc", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sk_file_get_id (file), ==, "file-abc");
  g_assert_cmpstr (sk_file_get_filename (file), ==, "résumé.pdf");
  g_assert_cmpstr (sk_file_get_purpose (file), ==, "user_data");
  g_assert_cmpint (sk_file_get_bytes (file), ==, 1234);
  g_assert_cmpint (sk_file_get_created_at (file), ==, 1700000000);
  g_assert_cmpint (sk_file_get_expires_at (file), ==, 0);
  g_assert_cmpstr (nth_request (f->fake, 0)->path, ==, "/v1/files/file-abc");

  g_clear_object (&file);
  file = retrieve_file_sync (f->client, "file-nope", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such File object: file-nope");
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 404);
  g_assert_null (file);
  /* 404 is never retried */
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-nope"), ==, 1);
}

static void
test_escaped_ids (Fixture       *f,
                  gconstpointer  data)
{
  const char *ids[] = { "../vector_stores", "a/b", "x?limit=1", "a#b", "é", "%2E%2E", "..." };

  add_stores (f->fake, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (SkFile) file = NULL;
      g_autoptr (GError) error = NULL;
      const SkFakeRequest *request;

      sk_fake_openai_reset_log (f->fake);
      file = retrieve_file_sync (f->client, ids[i], NULL, &error);
      /* 404 from the fake, or 400 from SoupServer itself for "%2F" */
      g_test_message ("ID %s: %s", ids[i], error ? error->message : "(none)");
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND) ||
                     g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST));
      g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, <=, 1);
      if (sk_fake_openai_get_requests (f->fake)->len == 1)
        {
          request = nth_request (f->fake, 0);
          /* (the fake logs the decoded path: the raw one is checked in
           * /sk/client/headers) */
          g_assert_true (g_str_has_prefix (request->path, "/v1/files/"));
          g_assert_null (request->query);
        }
    }
  g_assert_true (sk_fake_openai_has_vector_store (f->fake, "vs_000"));

  /* IDs that cannot be a path segment are refused without a request */
  sk_fake_openai_reset_log (f->fake);
  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "", ".", ".." };
      g_autoptr (SkFile) file = NULL;
      g_autoptr (GPtrArray) entries = NULL;
      g_autoptr (GError) error = NULL;

      file = retrieve_file_sync (f->client, bad[i], NULL, &error);
      g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST);
      g_clear_error (&error);
      entries = list_sync (f->client, LIST_STORE_FILES, bad[i], NULL, NULL, NULL, &error);
      g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST);
    }
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 0);
}

static void
test_delete_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonObject *object;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  add_stores (f->fake, 1);
  sk_fake_openai_attach (f->fake, "vs_000", "file-a", "completed");

  g_assert_true (delete_file_sync (f->client, "file-a", &json, &error));
  g_assert_no_error (error);
  g_assert_nonnull (json);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "file-a");
  g_assert_true (json_object_get_boolean_member (object, "deleted"));
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-a"));
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_000", "file-a"));
  g_clear_pointer (&json, json_node_unref);

  /* a second delete: 404, once */
  g_assert_false (delete_file_sync (f->client, "file-a", &json, &error));
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (json);
  g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-a"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-a"), ==, 1);
}

static void
test_vector_store_calls (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  add_files (f->fake, 3);
  add_stores (f->fake, 2);

  /* retrieve */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (SkVectorStore) store = NULL;

    sk_client_retrieve_vector_store_async (f->client, "vs_001", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    store = sk_client_retrieve_vector_store_finish (f->client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sk_vector_store_get_id (store), ==, "vs_001");
    g_assert_cmpstr (sk_vector_store_get_name (store), ==, "Store 1");
    g_assert_cmpint (sk_vector_store_get_created_at (store), ==, 2001);
    g_assert_nonnull (sk_vector_store_get_metadata (store));
  }

  /* attach, then the store counts it */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (SkVectorStoreFile) entry = NULL;

    sk_client_attach_file_async (f->client, "vs_001", "file-002", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    entry = sk_client_attach_file_finish (f->client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sk_vector_store_file_get_id (entry), ==, "file-002");
    g_assert_cmpstr (sk_vector_store_file_get_vector_store_id (entry), ==, "vs_001");
    g_assert_true (sk_fake_openai_is_attached (f->fake, "vs_001", "file-002"));
  }

  /* detach: the file stays */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (JsonNode) json = NULL;

    sk_client_detach_file_async (f->client, "vs_001", "file-002", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    g_assert_true (sk_client_detach_file_finish (f->client, result, &error));
    g_assert_no_error (error);
    json = sk_client_delete_result_get_json (result);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "object"), ==,
                     "vector_store.file.deleted");
    g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_001", "file-002"));
    g_assert_true (sk_fake_openai_has_file (f->fake, "file-002"));
    g_assert_cmpuint (count (f->fake, "DELETE", "/v1/vector_stores/vs_001/files/file-002"), ==, 1);
  }

  /* detach again: 404 */
  {
    g_autoptr (GAsyncResult) result = NULL;

    sk_client_detach_file_async (f->client, "vs_001", "file-002", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    g_assert_false (sk_client_detach_file_finish (f->client, result, &error));
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* delete the store */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (JsonNode) json = NULL;

    sk_client_delete_vector_store_async (f->client, "vs_001", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    g_assert_true (sk_client_delete_vector_store_finish (f->client, result, &error));
    g_assert_no_error (error);
    json = sk_client_delete_result_get_json (result);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "object"), ==,
                     "vector_store.deleted");
    g_assert_false (sk_fake_openai_has_vector_store (f->fake, "vs_001"));
  }

  /* retrieve a deleted store: 404 with the server's message */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (SkVectorStore) store = NULL;

    sk_client_retrieve_vector_store_async (f->client, "vs_001", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    store = sk_client_retrieve_vector_store_finish (f->client, result, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "vs_001"));
    g_assert_null (store);
  }
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */
/* ------------------------------------------------------------------ */

static void
test_error_401 (Fixture       *f,
                gconstpointer  data)
{
  const char *key = "sk-proj-WRONGsecretKEY0123456789abcdefXYZ";
  g_autoptr (SkClient) client = sk_test_client_new (f->fake, key);
  g_autoptr (SkClient) no_key = sk_test_client_new (f->fake, "");
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);

  file = retrieve_file_sync (client, "file-a", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 401);
  g_assert_cmpstr (sk_client_error_get_openai_code (error), ==, "invalid_api_key");
  g_assert_true (g_str_has_prefix (error->message, "Incorrect API key provided"));
  g_assert_null (strstr (error->message, key));
  g_assert_null (strstr (error->message, "WRONGsecretKEY"));
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 1);
  g_clear_error (&error);

  g_assert_false (sk_client_has_api_key (no_key));
  file = retrieve_file_sync (no_key, "file-a", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "Missing bearer or basic authentication in header");
}

static void
test_error_statuses (Fixture       *f,
                     gconstpointer  data)
{
  struct {
    guint status;
    int code;
    guint n_requests;
  } cases[] = {
    { 400, SK_CLIENT_ERROR_BAD_REQUEST, 1 },
    { 403, SK_CLIENT_ERROR_FORBIDDEN, 1 },
    { 404, SK_CLIENT_ERROR_NOT_FOUND, 1 },
    { 422, SK_CLIENT_ERROR_BAD_REQUEST, 1 },
    { 409, SK_CLIENT_ERROR_BAD_REQUEST, 4 },
    { 408, SK_CLIENT_ERROR_BAD_REQUEST, 4 },
    { 429, SK_CLIENT_ERROR_RATE_LIMITED, 4 },
    { 500, SK_CLIENT_ERROR_SERVER, 4 },
    { 503, SK_CLIENT_ERROR_SERVER, 4 },
  };

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  g_object_set (f->client, "max-attempts", 4, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SkFile) file = NULL;
      g_autoptr (GError) error = NULL;

      sk_fake_openai_reset_log (f->fake);
      for (guint j = 0; j < 4; j++)
        sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS,
                                    cases[i].status, cases[i].status == 429 ? 1 : -1);

      file = retrieve_file_sync (f->client, "file-a", NULL, &error);
      g_test_message ("status %u: %s", cases[i].status, error ? error->message : "(none)");
      g_assert_error (error, SK_CLIENT_ERROR, cases[i].code);
      g_assert_cmpuint (sk_client_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, cases[i].n_requests);

      /* drain the faults a non-retried status left queued */
      g_clear_object (&file);
      while ((file = retrieve_file_sync (f->client, "file-a", NULL, NULL)) == NULL)
        ;
    }

  /* 403 carries OpenAI's message */
  {
    g_autoptr (SkFile) file = NULL;
    g_autoptr (GError) error = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 403, -1);
    file = retrieve_file_sync (f->client, "file-a", NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_FORBIDDEN);
    g_assert_cmpstr (error->message, ==, "Country, region, or territory not supported");
  }
}

static void rate_limited_cb (SkClient *client,
                             guint     delay_ms,
                             gpointer  user_data);

static void
test_error_quota (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  g_signal_connect (f->client, "rate-limited", G_CALLBACK (rate_limited_cb), delays);

  /* retry_after_ms < -1 asks the fake for an insufficient_quota 429 */
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 429, -2);
  file = retrieve_file_sync (f->client, "file-a", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_QUOTA_EXHAUSTED);
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 429);
  g_assert_cmpstr (sk_client_error_get_openai_code (error), ==, "insufficient_quota");
  g_assert_true (g_str_has_prefix (error->message, "You exceeded your current quota"));
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 1);
  /* not a rate limit: the client does not slow down */
  g_assert_cmpuint (delays->len, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Retries                                                              */
/* ------------------------------------------------------------------ */

static void
rate_limited_cb (SkClient *client,
                 guint     delay_ms,
                 gpointer  user_data)
{
  GArray *delays = user_data;

  g_array_append_val (delays, delay_ms);
}

static void
test_retry_429 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;
  gint64 gap;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  g_signal_connect (f->client, "rate-limited", G_CALLBACK (rate_limited_cb), delays);

  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 429, 300);
  file = retrieve_file_sync (f->client, "file-a", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sk_file_get_id (file), ==, "file-a");
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 2);
  g_assert_cmpuint (sk_client_get_n_requests (f->client), ==, 2);
  g_assert_cmpuint (delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (delays, guint, 0), ==, 300);

  /* the retry came no sooner than the server asked */
  gap = nth_request (f->fake, 1)->time_us - nth_request (f->fake, 0)->time_us;
  g_assert_cmpint (gap, >=, 300 * 1000);
}

static void
start_other_cb (SkClient *client,
                guint     delay_ms,
                gpointer  user_data)
{
  GAsyncResult **result = user_data;

  sk_client_retrieve_file_async (client, "file-b", NULL, sk_test_store_result, result);
}

/* After a 429, a new request of the same client waits too */
static void
test_retry_429_gate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GAsyncResult) result_a = NULL;
  g_autoptr (GAsyncResult) result_b = NULL;
  g_autoptr (SkFile) file_a = NULL;
  g_autoptr (SkFile) file_b = NULL;
  g_autoptr (GError) error = NULL;
  const GPtrArray *requests;
  gint64 first = 0, b_time = 0;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  sk_fake_openai_add_file (f->fake, "file-b", "b.txt", "assistants", 10, 2);
  g_signal_connect (f->client, "rate-limited", G_CALLBACK (start_other_cb), &result_b);

  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-a", SK_FAKE_FAULT_STATUS, 429, 400);
  sk_client_retrieve_file_async (f->client, "file-a", NULL, sk_test_store_result, &result_a);
  sk_test_wait_result (&result_a, WAIT_MS);
  sk_test_wait_result (&result_b, WAIT_MS);
  file_a = sk_client_retrieve_file_finish (f->client, result_a, &error);
  g_assert_no_error (error);
  file_b = sk_client_retrieve_file_finish (f->client, result_b, &error);
  g_assert_no_error (error);

  requests = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      const SkFakeRequest *r = requests->pdata[i];

      if (i == 0)
        first = r->time_us;
      if (g_str_equal (r->path, "/v1/files/file-b"))
        b_time = r->time_us;
    }
  g_assert_cmpint (b_time - first, >=, 400 * 1000);
}

static gboolean
gate_closed (gpointer data)
{
  return sk_rate_gate_get_paused_until_us (data) > 0;
}

/* A client for @fake with fast retries, sharing @gate (NULL: its own) */
static SkClient *
gated_client_new (SkFakeOpenai *fake,
                  SkRateGate   *gate)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);

  return g_object_new (SK_TYPE_CLIENT,
                       "base-url", url,
                       "api-key", "sk-test-key",
                       "retry-base-ms", 5,
                       "rate-gate", gate,
                       NULL);
}

/* A 429 on client A holds back the requests of a client B that shares its
 * rate gate; "rate-limited" comes from A only. */
static void
test_retry_429_shared_gate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (SkRateGate) gate = sk_rate_gate_new ();
  g_autoptr (SkClient) a = gated_client_new (f->fake, gate);
  g_autoptr (SkClient) b = gated_client_new (f->fake, gate);
  g_autoptr (GArray) delays_a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) delays_b = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GAsyncResult) result_a = NULL;
  g_autoptr (GAsyncResult) result_b = NULL;
  g_autoptr (SkFile) file_a = NULL;
  g_autoptr (SkFile) file_b = NULL;
  g_autoptr (GError) error = NULL;
  const GPtrArray *requests;
  gint64 limited_at = 0, b_at = 0;

  g_assert_true (sk_client_get_rate_gate (a) == gate);
  g_assert_true (sk_client_get_rate_gate (b) == gate);
  g_assert_cmpint (sk_rate_gate_get_paused_until_us (gate), ==, 0);

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  sk_fake_openai_add_file (f->fake, "file-b", "b.txt", "assistants", 10, 2);
  g_signal_connect (a, "rate-limited", G_CALLBACK (rate_limited_cb), delays_a);
  g_signal_connect (b, "rate-limited", G_CALLBACK (rate_limited_cb), delays_b);

  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-a", SK_FAKE_FAULT_STATUS, 429, 400);
  sk_client_retrieve_file_async (a, "file-a", NULL, sk_test_store_result, &result_a);
  /* A got its 429 */
  sk_test_wait_until (gate_closed, gate, WAIT_MS);

  /* B sends after A's 429 */
  sk_client_retrieve_file_async (b, "file-b", NULL, sk_test_store_result, &result_b);
  sk_test_wait_result (&result_a, WAIT_MS);
  sk_test_wait_result (&result_b, WAIT_MS);
  file_a = sk_client_retrieve_file_finish (a, result_a, &error);
  g_assert_no_error (error);
  file_b = sk_client_retrieve_file_finish (b, result_b, &error);
  g_assert_no_error (error);

  requests = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      const SkFakeRequest *r = requests->pdata[i];

      if (r->status == 429)
        limited_at = r->time_us;
      if (g_str_equal (r->path, "/v1/files/file-b"))
        b_at = r->time_us;
    }
  g_assert_cmpint (limited_at, >, 0);
  g_assert_cmpint (b_at - limited_at, >=, 350 * 1000);
  /* each client counts its own requests; the signal is A's */
  g_assert_cmpuint (sk_client_get_n_requests (a), ==, 2);
  g_assert_cmpuint (sk_client_get_n_requests (b), ==, 1);
  g_assert_cmpuint (delays_a->len, ==, 1);
  g_assert_cmpuint (g_array_index (delays_a, guint, 0), ==, 400);
  g_assert_cmpuint (delays_b->len, ==, 0);
}

/* With gates of their own (the default), A's 429 does not hold B back:
 * A is told to wait a minute, B is answered while A still waits. */
static void
test_retry_429_separate_gates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (SkClient) a = gated_client_new (f->fake, NULL);
  g_autoptr (SkClient) b = gated_client_new (f->fake, NULL);
  g_autoptr (GCancellable) cancel_a = g_cancellable_new ();
  g_autoptr (GAsyncResult) result_a = NULL;
  g_autoptr (GAsyncResult) result_b = NULL;
  g_autoptr (SkFile) file_a = NULL;
  g_autoptr (SkFile) file_b = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (sk_client_get_rate_gate (a));
  g_assert_nonnull (sk_client_get_rate_gate (b));
  g_assert_true (sk_client_get_rate_gate (a) != sk_client_get_rate_gate (b));

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  sk_fake_openai_add_file (f->fake, "file-b", "b.txt", "assistants", 10, 2);

  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-a", SK_FAKE_FAULT_STATUS, 429, 60000);
  sk_client_retrieve_file_async (a, "file-a", cancel_a, sk_test_store_result, &result_a);
  /* A got its 429 */
  sk_test_wait_until (gate_closed, sk_client_get_rate_gate (a), WAIT_MS);
  g_assert_cmpint (sk_rate_gate_get_paused_until_us (sk_client_get_rate_gate (b)), ==, 0);

  /* were B held back, it would wait 60 s and fail the wait */
  sk_client_retrieve_file_async (b, "file-b", NULL, sk_test_store_result, &result_b);
  sk_test_wait_result (&result_b, WAIT_MS);
  file_b = sk_client_retrieve_file_finish (b, result_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sk_file_get_id (file_b), ==, "file-b");
  g_assert_null (result_a);

  g_cancellable_cancel (cancel_a);
  sk_test_wait_result (&result_a, WAIT_MS);
  file_a = sk_client_retrieve_file_finish (a, result_a, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 1);
}

static void
test_retry_too_long (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  g_object_set (f->client, "max-retry-after-ms", 1000, NULL);

  /* the server asks for 60 s: not waited, the error comes at once */
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 429, 60000);
  file = retrieve_file_sync (f->client, "file-a", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 1);
}

static void
test_retry_500 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 500, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 502, -1);
  file = retrieve_file_sync (f->client, "file-a", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 3);
}

static void
test_retry_500_exhausted (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);
  g_object_set (f->client, "max-attempts", 2, NULL);
  for (guint i = 0; i < 3; i++)
    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 500, -1);
  file = retrieve_file_sync (f->client, "file-a", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 500);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), ==, 2);
}

static void
test_retry_drop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-a", "a.txt", "assistants", 10, 1);

  /* a dropped connection, then success */
  {
    g_autoptr (SkFile) file = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DROP, 0, -1);
    file = retrieve_file_sync (f->client, "file-a", NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (file);
    g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-a"), >=, 2);
  }

  /* always dropped: a transport error, untouched */
  {
    g_autoptr (SkFile) file = NULL;

    g_object_set (f->client, "max-attempts", 2, NULL);
    for (guint i = 0; i < 6; i++)
      sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DROP, 0, -1);
    file = retrieve_file_sync (f->client, "file-a", NULL, &error);
    g_assert_nonnull (error);
    g_test_message ("dropped: %s %d %s", g_quark_to_string (error->domain), error->code,
                    error->message);
    g_assert_true (error->domain != SK_CLIENT_ERROR);
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_assert_null (file);
  }
}

/* A 200 with a broken body is not retried: see sk-client.c */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  add_files (f->fake, 3);

  {
    g_autoptr (SkFile) file = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_MALFORMED, 0, -1);
    file = retrieve_file_sync (f->client, "file-001", NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (sk_client_error_get_status (error), ==, 200);
    g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-001"), ==, 1);
    g_clear_error (&error);
  }

  {
    g_autoptr (SkFile) file = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_WRONG_SHAPE, 0, -1);
    file = retrieve_file_sync (f->client, "file-001", NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (sk_client_error_get_status (error), ==, 200);
    g_clear_error (&error);
  }

  {
    g_autoptr (GPtrArray) files = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_WRONG_SHAPE, 0, -1);
    files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_clear_error (&error);
  }

  {
    g_autoptr (GPtrArray) files = NULL;

    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_MALFORMED, 0, -1);
    files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_clear_error (&error);
  }

  /* the next call is fine */
  {
    g_autoptr (GPtrArray) files = NULL;

    files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 3);
  }
}

/* ------------------------------------------------------------------ */
/* Cancellation and timeouts                                            */
/* ------------------------------------------------------------------ */

static void
test_cancel_before (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFile) file = NULL;
  g_autoptr (GPtrArray) files = NULL;

  add_files (f->fake, 3);
  g_cancellable_cancel (cancellable);

  file = retrieve_file_sync (f->client, "file-001", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  files = list_sync (f->client, LIST_FILES, NULL, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 0);
}

static gboolean
has_requests (gpointer data)
{
  return sk_fake_openai_get_requests (data)->len > 0;
}

static void
test_cancel_during (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFile) file = NULL;

  add_files (f->fake, 3);
  g_object_set (f->fake, "latency-ms", 10000, NULL);

  sk_client_retrieve_file_async (f->client, "file-001", cancellable, sk_test_store_result, &result);
  sk_test_wait_until (has_requests, f->fake, WAIT_MS);
  g_cancellable_cancel (cancellable);
  /* well before the server would answer */
  sk_test_wait_result (&result, 5000);
  file = sk_client_retrieve_file_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (file);
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  SkClient     *client;
  guint         n_requests_at_cancel;
} CancelPage;

static void
cancel_page (GPtrArray *items,
             gpointer   user_data)
{
  CancelPage *cancel = user_data;

  cancel->n_requests_at_cancel = sk_client_get_n_requests (cancel->client);
  g_cancellable_cancel (cancel->cancellable);
}

static void
test_cancel_during_list (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  CancelPage cancel = { cancellable, f->client, 0 };

  add_files (f->fake, 30);
  g_object_set (f->client, "files-page-size", 5, NULL);
  g_object_set (f->fake, "latency-ms", 50, NULL);

  /* cancel from the page callback: no page after that, and CANCELLED */
  sk_client_list_files_async (f->client, NULL, cancel_page, &cancel, NULL,
                              cancellable, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  files = sk_client_list_files_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (files);
  /* no request after the cancellation: the first page's, and the second
   * one's, sent as soon as the first page arrived */
  sk_test_spin (100);
  g_assert_cmpuint (sk_client_get_n_requests (f->client), ==, cancel.n_requests_at_cancel);
  g_assert_cmpuint (count (f->fake, "GET", "/v1/files"), <=, cancel.n_requests_at_cancel);
  g_assert_cmpuint (cancel.n_requests_at_cancel, <=, 2);
}

typedef struct
{
  GCancellable *cancellable;
  GThread      *main_thread;
  guint         n_pages;
  guint         n_after_cancel;
} ParseWatch;

static void
watch_page (GPtrArray *items,
            gpointer   user_data)
{
  ParseWatch *watch = user_data;

  /* pages are parsed in a worker but handed over on the caller's thread */
  g_assert_true (g_thread_self () == watch->main_thread);
  watch->n_pages++;
  if (g_cancellable_is_cancelled (watch->cancellable))
    watch->n_after_cancel++;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled at any point (on the wire, while a page is parsed, between
 * pages): no page is delivered after the cancellation, and the list ends
 * with CANCELLED */
static void
test_cancel_during_parse (Fixture       *f,
                          gconstpointer  data)
{
  add_files (f->fake, 6000);
  g_object_set (f->client, "files-page-size", 2000, NULL);

  for (guint delay_ms = 0; delay_ms < 60; delay_ms += 3)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) files = NULL;
      ParseWatch watch = { cancellable, g_thread_self (), 0, 0 };
      guint id = g_timeout_add (delay_ms, cancel_cb, cancellable);

      sk_client_list_files_async (f->client, NULL, watch_page, &watch, NULL,
                                  cancellable, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      files = sk_client_list_files_finish (f->client, result, &error);
      if (files != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (files->len, ==, 6000);
          g_assert_cmpuint (watch.n_pages, ==, 3);
          g_source_remove (id);
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_cmpuint (watch.n_pages, <, 3);
        }
      g_assert_cmpuint (watch.n_after_cancel, ==, 0);
    }
}

static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFile) file = NULL;

  add_files (f->fake, 3);
  /* the server asks for a 30 s pause */
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 503, 30000);

  sk_client_retrieve_file_async (f->client, "file-001", cancellable, sk_test_store_result, &result);
  sk_test_wait_until (has_requests, f->fake, WAIT_MS);
  sk_test_spin (100);
  g_cancellable_cancel (cancellable);
  sk_test_wait_result (&result, 5000);
  file = sk_client_retrieve_file_finish (f->client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 1);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  add_files (f->fake, 3);
  g_object_set (f->fake, "latency-ms", 3000, NULL);
  g_object_set (f->client, "timeout-ms", 100, "max-attempts", 2, NULL);

  {
    g_autoptr (SkFile) file = NULL;

    file = retrieve_file_sync (f->client, "file-001", NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    g_assert_null (file);
    /* timeouts are retried */
    g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-001"), ==, 2);
    g_clear_error (&error);
  }

  /* a delay on one answer only: the retry succeeds */
  {
    g_autoptr (SkFile) file = NULL;

    g_object_set (f->fake, "latency-ms", 0, NULL);
    sk_fake_openai_reset_log (f->fake);
    sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DELAY, 0, 3000);
    file = retrieve_file_sync (f->client, "file-001", NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (file);
    g_assert_cmpuint (count (f->fake, "GET", "/v1/files/file-001"), ==, 2);
  }
}

/* A DELETE whose first attempt reached the server but got no clear answer
 * (the answer came after the client's timeout, or the connection dropped
 * after the commit) is retried; the retry's 404 means the first attempt
 * deleted it: "already gone after a retry", a success. */
static void
test_delete_already_gone (Fixture       *f,
                          gconstpointer  data)
{
  struct { SkFakeFaultKind kind; int ms; } cases[] = {
    { SK_FAKE_FAULT_DELAY, 400 },     /* answer after the 100 ms timeout */
    { SK_FAKE_FAULT_DROP_AFTER, 0 },  /* connection dropped after the commit */
  };

  g_object_set (f->client, "timeout-ms", 100, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("file-gone%u", i);
      g_autofree char *path = g_strdup_printf ("/v1/files/%s", id);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;

      sk_fake_openai_add_file (f->fake, id, "a.txt", "assistants", 10, 1);
      sk_fake_openai_queue_fault (f->fake, path, cases[i].kind, 0, cases[i].ms);

      sk_client_delete_file_async (f->client, id, NULL, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      g_assert_true (sk_client_delete_file_finish (f->client, result, &error));
      g_assert_no_error (error);
      g_assert_true (sk_client_delete_result_already_gone (result));
      g_assert_true (sk_client_delete_result_maybe_processed (result));
      g_assert_null (sk_client_delete_result_get_json (result));
      g_assert_false (sk_fake_openai_has_file (f->fake, id));
      g_assert_cmpuint (count (f->fake, "DELETE", path), ==, 2);
      /* let the delayed answer go before the next case */
      sk_test_spin (400);
    }
}

/* A 404 on the first attempt, or after clear answers only (a 429 did
 * nothing), stays a failure with OpenAI's message. */
static void
test_delete_404_stays_failure (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (delete_file_sync (f->client, "file-never", NULL, &error));
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such File object: file-never");
  g_clear_error (&error);

  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-never", SK_FAKE_FAULT_STATUS, 429, 1);
  {
    g_autoptr (GAsyncResult) result = NULL;

    sk_client_delete_file_async (f->client, "file-never", NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    g_assert_false (sk_client_delete_file_finish (f->client, result, &error));
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
    g_assert_false (sk_client_delete_result_already_gone (result));
    g_assert_false (sk_client_delete_result_maybe_processed (result));
  }
  g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-never"), ==, 3);
}

/* "stop": a request waiting (here for a backoff after a 429) ends at once,
 * unsent, and says so (not maybe processed); one on the wire ends with its
 * own answer, not retried. */
static void
test_delete_stop (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GCancellable) stop = g_cancellable_new ();
  g_autoptr (GAsyncResult) waiting = NULL;
  g_autoptr (GAsyncResult) on_wire = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_add_file (f->fake, "file-w", "a.txt", "assistants", 10, 1);
  sk_fake_openai_add_file (f->fake, "file-x", "a.txt", "assistants", 10, 1);
  g_object_set (f->client, "retry-base-ms", 30000, NULL);
  /* file-w: a 503 asking for 30 s, then it waits */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-w", SK_FAKE_FAULT_STATUS, 503, 30000);
  sk_client_delete_with_stop_async (f->client, SK_BULK_DELETE_FILES, NULL, "file-w", NULL, stop,
                                    sk_test_store_result, &waiting);
  sk_test_wait_until (has_requests, f->fake, WAIT_MS);
  sk_test_spin (50);
  /* file-x: on the wire (slow), its answer is a 500 */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-x", SK_FAKE_FAULT_STATUS, 500, -1);
  g_object_set (f->fake, "latency-ms", 300, NULL);
  sk_client_delete_with_stop_async (f->client, SK_BULK_DELETE_FILES, NULL, "file-x", NULL, stop,
                                    sk_test_store_result, &on_wire);
  sk_test_spin (100);
  g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-x"), ==, 1);

  g_cancellable_cancel (stop);
  sk_test_wait_result (&waiting, 1000);
  g_assert_false (sk_client_delete_file_finish (f->client, waiting, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* its one attempt was a 503: that is ambiguous (may be after the commit) */
  g_assert_true (sk_client_delete_result_maybe_processed (waiting));
  g_assert_null (on_wire);
  g_clear_error (&error);

  sk_test_wait_result (&on_wire, WAIT_MS);
  g_assert_false (sk_client_delete_file_finish (f->client, on_wire, &error));
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-w"), ==, 1);
  g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-x"), ==, 1);
  g_clear_error (&error);

  /* waiting for the client-wide gate after a 429: unambiguous */
  g_object_set (f->fake, "latency-ms", 0, NULL);
  {
    g_autoptr (GCancellable) stop2 = g_cancellable_new ();
    g_autoptr (GAsyncResult) result = NULL;

    sk_fake_openai_reset_log (f->fake);
    sk_fake_openai_queue_fault (f->fake, "/v1/files/file-w", SK_FAKE_FAULT_STATUS, 429, 30000);
    sk_client_delete_with_stop_async (f->client, SK_BULK_DELETE_FILES, NULL, "file-w", NULL, stop2,
                                      sk_test_store_result, &result);
    sk_test_wait_until (has_requests, f->fake, WAIT_MS);
    sk_test_spin (50);
    g_cancellable_cancel (stop2);
    sk_test_wait_result (&result, 1000);
    g_assert_false (sk_client_delete_file_finish (f->client, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (sk_client_delete_result_maybe_processed (result));
    g_assert_cmpint (sk_client_delete_result_get_retry_after_ms (result), ==, 30000);
    g_assert_true (sk_fake_openai_has_file (f->fake, "file-w"));
    g_assert_cmpuint (count (f->fake, "DELETE", "/v1/files/file-w"), ==, 1);
  }
}

/* ------------------------------------------------------------------ */
/* Headers, base URL and parsing helpers (own tiny server)             */
/* ------------------------------------------------------------------ */

typedef struct
{
  SoupMessageHeaders *headers;
  guint               status;
  const char         *body;
  char               *raw_path;
  char               *raw_query;
} Echo;

static void
echo_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Echo *echo = user_data;

  g_clear_pointer (&echo->headers, soup_message_headers_unref);
  echo->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));

  soup_server_message_set_status (msg, echo->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    echo->body, strlen (echo->body));
}

/* The URI as the client sends it (SoupServer decodes its copy) */
static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  Echo *echo = user_data;
  GUri *uri = soup_message_get_uri (msg);

  g_free (echo->raw_path);
  g_free (echo->raw_query);
  echo->raw_path = g_strdup (g_uri_get_path (uri));
  echo->raw_query = g_strdup (g_uri_get_query (uri));
}

static SoupServer *
echo_server_new (Echo  *echo,
                 char **base_url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSList) uris = NULL;

  soup_server_add_handler (server, NULL, echo_handler, echo, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return server;
}

static void
test_headers (void)
{
  Echo echo = { NULL, 200, "{\"id\":\"file-x\",\"object\":\"file\"}", NULL, NULL };
  g_autofree char *url = NULL;
  g_autoptr (SoupServer) server = echo_server_new (&echo, &url);
  g_autoptr (SkClient) client = sk_client_new (url, "sk-header-test");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFile) file = NULL;
  g_autofree char *ua = g_strdup_printf ("Storekeeper/%s", PACKAGE_VERSION);

  g_signal_connect (sk_client_get_session (client), "request-queued",
                    G_CALLBACK (request_queued_cb), &echo);

  file = retrieve_file_sync (client, "file-x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_one (echo.headers, "Authorization"), ==,
                   "Bearer sk-header-test");
  g_assert_cmpstr (soup_message_headers_get_one (echo.headers, "Accept"), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (echo.headers, "User-Agent"), ==, ua);
  g_assert_null (soup_message_headers_get_one (echo.headers, "OpenAI-Beta"));
  g_assert_null (soup_message_headers_get_one (echo.headers, "OpenAI-Organization"));
  g_assert_null (soup_message_headers_get_one (echo.headers, "OpenAI-Project"));
  g_clear_object (&file);

  sk_client_set_organization (client, "org-123");
  sk_client_set_project (client, "proj_456");
  g_assert_cmpstr (sk_client_get_organization (client), ==, "org-123");
  file = retrieve_file_sync (client, "file-x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_one (echo.headers, "OpenAI-Organization"), ==, "org-123");
  g_assert_cmpstr (soup_message_headers_get_one (echo.headers, "OpenAI-Project"), ==, "proj_456");
  g_clear_object (&file);

  /* a proxy that echoes the full key: masked in the message */
  echo.status = 401;
  echo.body = "{\"error\":{\"message\":\"bad key sk-header-test here\",\"type\":\"x\",\"code\":null}}";
  file = retrieve_file_sync (client, "file-x", NULL, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "sk-header-test"));
  g_assert_nonnull (strstr (error->message, "bad key"));
  g_clear_error (&error);

  /* a 200 deletion without "deleted": true */
  echo.status = 200;
  echo.body = "{\"id\":\"file-x\",\"object\":\"file\",\"deleted\":false}";
  {
    g_autoptr (JsonNode) json = NULL;

    g_assert_false (delete_file_sync (client, "file-x", &json, &error));
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (sk_client_error_get_status (error), ==, 200);
    g_assert_nonnull (json);
    g_clear_error (&error);
  }

  /* a list item without an id fails the whole list */
  echo.body = "{\"object\":\"list\",\"data\":[{\"id\":\"file-1\"},{\"bytes\":3}],\"has_more\":false}";
  {
    g_autoptr (GPtrArray) files = NULL;

    files = list_sync (client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_null (files);
    g_clear_error (&error);
  }

  /* first_id / last_id null on an empty list, has_more missing */
  echo.body = "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null}";
  {
    g_autoptr (GPtrArray) files = NULL;

    files = list_sync (client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 0);
  }

  /* a page that keeps saying has_more with the same items */
  echo.body = "{\"object\":\"list\",\"data\":[{\"id\":\"file-1\"}],\"has_more\":true}";
  {
    g_autoptr (GPtrArray) files = NULL;
    guint n_before = sk_client_get_n_requests (client);

    files = list_sync (client, LIST_FILES, NULL, NULL, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_cmpuint (sk_client_get_n_requests (client), ==, n_before + 2);
    g_clear_error (&error);
  }

  /* an ID that could leave its path segment is refused without a request;
   * a valid one is the segment as is; query values are escaped */
  echo.body = "{\"object\":\"list\",\"data\":[],\"has_more\":false}";
  {
    g_autoptr (GPtrArray) entries = NULL;
    SkListOptions opts = { .after = "a&b=c", .filter = "failed" };
    guint n_before = sk_client_get_n_requests (client);

    entries = list_sync (client, LIST_STORE_FILES, "vs/x?y#z é", &opts, NULL, NULL, &error);
    g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST);
    g_assert_null (entries);
    g_assert_cmpuint (sk_client_get_n_requests (client), ==, n_before);
    g_clear_error (&error);

    entries = list_sync (client, LIST_STORE_FILES, "vs_X-9", &opts, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (echo.raw_path, ==, "/v1/vector_stores/vs_X-9/files");
    g_assert_nonnull (strstr (echo.raw_query, "after=a%26b%3Dc"));
    g_assert_nonnull (strstr (echo.raw_query, "filter=failed"));
    g_assert_nonnull (strstr (echo.raw_query, "order=desc"));
    g_assert_null (strstr (echo.raw_query, "before="));
  }

  g_clear_pointer (&echo.headers, soup_message_headers_unref);
  g_free (echo.raw_path);
  g_free (echo.raw_query);
  soup_server_disconnect (server);
}

static void
test_base_url (void)
{
  g_autoptr (SkClient) a = NULL;
  g_autoptr (SkClient) b = NULL;
  g_autoptr (SkClient) c = NULL;
  g_autoptr (SkClient) d = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();

  g_unsetenv ("OPENAI_BASE_URL");
  a = sk_client_new (NULL, "k");
  g_assert_cmpstr (sk_client_get_base_url (a), ==, SK_DEFAULT_BASE_URL);

  g_setenv ("OPENAI_BASE_URL", "", TRUE);
  b = sk_client_new (NULL, "k");
  g_assert_cmpstr (sk_client_get_base_url (b), ==, SK_DEFAULT_BASE_URL);

  g_setenv ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/", TRUE);
  c = sk_client_new (NULL, "k");
  g_assert_cmpstr (sk_client_get_base_url (c), ==, "http://127.0.0.1:9/v1");
  g_unsetenv ("OPENAI_BASE_URL");

  d = g_object_new (SK_TYPE_CLIENT, "base-url", "http://example.invalid/v1", "session", session, NULL);
  g_assert_true (sk_client_get_session (d) == session);
  g_assert_false (sk_client_has_api_key (d));
  g_assert_true (SOUP_IS_SESSION (sk_client_get_session (a)));
  g_assert_true (sk_client_get_session (a) != sk_client_get_session (c));
}

/* The gate only moves forward; the wait is rounded up to the millisecond */
static void
test_rate_gate (void)
{
  g_autoptr (SkRateGate) gate = sk_rate_gate_new ();
  const struct
  {
    gint64 pause_until_us;   /* 0: no pause in this row */
    gint64 now_us;
    gint64 expected_until_us;
    guint  expected_wait_ms;
  } table[] = {
    { 0, 1000, 0, 0 },
    { 5000000, 1000000, 5000000, 4000 },
    { 3000000, 1000000, 5000000, 4000 },   /* an earlier end does not reopen it */
    { 0, 4999001, 5000000, 1 },
    { 0, 4999999, 5000000, 1 },
    { 0, 5000000, 5000000, 0 },
    { 0, 9000000, 5000000, 0 },
    { 9000500, 9000000, 9000500, 1 },
    { 0, 9000501, 9000500, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT, i);
      if (table[i].pause_until_us != 0)
        sk_rate_gate_pause_until (gate, table[i].pause_until_us);
      g_assert_cmpint (sk_rate_gate_get_paused_until_us (gate), ==, table[i].expected_until_us);
      g_assert_cmpuint (sk_rate_gate_get_wait_ms (gate, table[i].now_us), ==,
                        table[i].expected_wait_ms);
    }
}

/* One attempt's message: the base URL (parsed once) and the path, the
 * query as given, the headers */
static void
test_attempt_message (void)
{
  const struct
  {
    const char *base_url;
    const char *path;
    const char *query;
    const char *expected;   /* NULL: the base URL is refused */
  } table[] = {
    { "https://api.openai.com/v1", "/files", "limit=2", "https://api.openai.com/v1/files?limit=2" },
    { "http://127.0.0.1:9/v1", "/files/file-1", NULL, "http://127.0.0.1:9/v1/files/file-1" },
    { "http://h", "/vector_stores/vs_1/files", "after=a%26b",
      "http://h/vector_stores/vs_1/files?after=a%26b" },
    { "HTTP://h:80/a/../v1", "/files", NULL, "http://h/v1/files" },
    { "http://u:p@h:8080/v1", "/files", NULL, "http://u:p@h:8080/v1/files" },
    { "ftp://h/v1", "/files", NULL, NULL },
    { "http:/v1", "/files", NULL, NULL },
    { "not a url", "/files", NULL, NULL },
    { "", "/files", NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (GUri) base = sk_attempt_parse_base_url (table[i].base_url);
      g_autoptr (SoupMessage) msg = NULL;
      g_autofree char *url = NULL;
      SoupMessageHeaders *headers;

      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, table[i].base_url);
      if (table[i].expected == NULL)
        {
          g_assert_null (base);
          continue;
        }

      g_assert_nonnull (base);
      msg = sk_attempt_new_message (base, SOUP_METHOD_GET, table[i].path, table[i].query, NULL,
                                    i % 2 ? "sk-k" : "", FALSE, NULL, "proj");
      url = g_uri_to_string (soup_message_get_uri (msg));
      g_assert_cmpstr (url, ==, table[i].expected);
      headers = soup_message_get_request_headers (msg);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                       i % 2 ? "Bearer sk-k" : NULL);
      g_assert_null (soup_message_headers_get_one (headers, "OpenAI-Organization"));
      g_assert_cmpstr (soup_message_headers_get_one (headers, "OpenAI-Project"), ==, "proj");
      g_assert_true (soup_message_get_flags (msg) & SOUP_MESSAGE_NO_REDIRECT);
    }
}

static GError *
error_from (guint       status,
            const char *body)
{
  g_autoptr (GBytes) bytes = body ? g_bytes_new_static (body, strlen (body)) : NULL;

  return sk_client_error_from_body (status, bytes);
}

static void
test_error_from_body (void)
{
  GError *error;

  error = error_from (404, "{\"error\":{\"message\":\"No such File object: x\",\"type\":"
                      "\"invalid_request_error\",\"param\":\"id\",\"code\":null},"
                      "\"detail\":{\"message\":\"other\",\"code\":null}}");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such File object: x");
  g_assert_null (sk_client_error_get_openai_code (error));
  g_assert_cmpuint (sk_client_error_get_status (error), ==, 404);
  g_clear_error (&error);

  error = error_from (502, "<html>Bad gateway</html>");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "The server answered 502 Bad Gateway");
  g_clear_error (&error);

  error = error_from (500, NULL);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "The server answered 500 Internal Server Error");
  g_clear_error (&error);

  error = error_from (599, "[]");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "599"));
  g_clear_error (&error);

  error = error_from (429, "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\","
                      "\"param\":null,\"code\":\"insufficient_quota\"}}");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_QUOTA_EXHAUSTED);
  g_clear_error (&error);

  error = error_from (429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpstr (sk_client_error_get_openai_code (error), ==, "rate_limit_exceeded");
  g_clear_error (&error);

  error = error_from (400, "{\"error\":{\"message\":null,\"code\":12}}");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST);
  g_assert_cmpstr (error->message, ==, "The server answered 400 Bad Request");
  g_clear_error (&error);

  error = error_from (401, "{\"error\":\"plain text\"}");
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "plain text");
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  /* no G_TEST_OPTION_ISOLATE_DIRS: these tests touch no user file, and
   * GLib 2.74 leaks its g_set_user_dirs() copies (valgrind setup) */
  g_test_init (&argc, &argv, NULL);

  ADD ("list-files/pages", test_list_files_pages);
  ADD ("list-files/default-page-size", test_list_files_default_page_size);
  ADD ("list-files/filters", test_list_files_filters);
  ADD ("list/empty", test_list_empty);
  ADD ("list/stuck-cursor", test_list_stuck_cursor);
  ADD ("list/cancel-during-parse", test_cancel_during_parse);
  ADD ("list-vector-stores", test_list_vector_stores);
  ADD ("list-vector-store-files", test_list_vector_store_files);
  ADD ("retrieve-file", test_retrieve_file);
  ADD ("escaped-ids", test_escaped_ids);
  ADD ("delete-file", test_delete_file);
  ADD ("vector-store-calls", test_vector_store_calls);
  ADD ("error/401", test_error_401);
  ADD ("error/statuses", test_error_statuses);
  ADD ("error/quota", test_error_quota);
  ADD ("retry/429", test_retry_429);
  ADD ("retry/429-gate", test_retry_429_gate);
  ADD ("retry/429-shared-gate", test_retry_429_shared_gate);
  ADD ("retry/429-separate-gates", test_retry_429_separate_gates);
  ADD ("retry/too-long", test_retry_too_long);
  ADD ("retry/500", test_retry_500);
  ADD ("retry/500-exhausted", test_retry_500_exhausted);
  ADD ("retry/drop", test_retry_drop);
  ADD ("malformed", test_malformed);
  ADD ("cancel/before", test_cancel_before);
  ADD ("cancel/during", test_cancel_during);
  ADD ("cancel/during-list", test_cancel_during_list);
  ADD ("cancel/during-backoff", test_cancel_during_backoff);
  ADD ("timeout", test_timeout);
  ADD ("delete/already-gone", test_delete_already_gone);
  ADD ("delete/404-stays-failure", test_delete_404_stays_failure);
  ADD ("delete/stop", test_delete_stop);
  g_test_add_func ("/sk/client/headers", test_headers);
  g_test_add_func ("/sk/client/base-url", test_base_url);
  g_test_add_func ("/sk/client/rate-gate", test_rate_gate);
  g_test_add_func ("/sk/client/attempt-message", test_attempt_message);
  g_test_add_func ("/sk/client/error-from-body", test_error_from_body);

  return g_test_run ();
}
