/* test-usage-loader.c: listing batches and fine-tuning jobs, and the usage
 * index built from them
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-client-fixture.h"

#include "sk-usage-loader.h"

#include <string.h>

#define WAIT_MS 20000

typedef SkTestClientFixture Fixture;

#define fixture_setup sk_test_client_fixture_setup
#define fixture_teardown sk_test_client_fixture_teardown

static void
count_page (GPtrArray *items,
            gpointer   user_data)
{
  guint *n_pages = user_data;

  (*n_pages)++;
}

static GPtrArray *
list_sync (SkClient  *client,
           gboolean   batches,
           guint     *n_pages,
           GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (batches)
    {
      sk_client_list_batches_async (client, NULL, count_page, n_pages, NULL, NULL,
                                    sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      return sk_client_list_batches_finish (client, result, error);
    }

  sk_client_list_fine_tuning_jobs_async (client, NULL, count_page, n_pages, NULL, NULL,
                                         sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_client_list_fine_tuning_jobs_finish (client, result, error);
}

static SkUsageIndex *
load_sync (Fixture    *f,
           GPtrArray  *entries,
           GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_usage_loader_load_async (f->client, entries, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_usage_loader_load_finish (result, error);
}

static const char *
id_of (GPtrArray *items,
       guint      i)
{
  return json_object_get_string_member (json_node_get_object (items->pdata[i]), "id");
}

/* Every page is walked, newest first, with page-size items and neither
 * order nor before (the spec has them for neither list). */
static void
test_list_pages (Fixture       *f,
                 gconstpointer  data)
{
  const char *paths[] = { "/v1/batches", "/v1/fine_tuning/jobs" };

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *batch = g_strdup_printf ("batch_%03u", i);
      g_autofree char *job = g_strdup_printf ("ftjob-%03u", i);

      g_assert_true (sk_fake_openai_add_batch (f->fake, batch, "completed", "file-in", NULL));
      g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, job, "succeeded", "file-t",
                                                         NULL, NULL));
    }
  g_object_set (f->client, "page-size", 4, NULL);

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) items = NULL;
      const GPtrArray *requests;
      guint n_pages = 0, n_requests = 0;

      sk_fake_openai_reset_log (f->fake);
      items = list_sync (f->client, p == 0, &n_pages, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, 10);
      g_assert_cmpuint (n_pages, ==, 3);
      g_assert_cmpstr (id_of (items, 0), ==, p == 0 ? "batch_000" : "ftjob-000");
      g_assert_cmpstr (id_of (items, 9), ==, p == 0 ? "batch_009" : "ftjob-009");

      requests = sk_fake_openai_get_requests (f->fake);
      for (guint i = 0; i < requests->len; i++)
        {
          SkFakeRequest *r = requests->pdata[i];

          g_assert_cmpstr (r->path, ==, paths[p]);
          g_assert_nonnull (strstr (r->query, "limit=4"));
          g_assert_null (strstr (r->query, "order="));
          g_assert_null (strstr (r->query, "before="));
          g_assert_true ((i == 0) == (strstr (r->query, "after=") == NULL));
          n_requests++;
        }
      g_assert_cmpuint (n_requests, ==, 3);
    }

  /* the default page is the spec's maximum, 100 */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) items = NULL;
    guint n_pages = 0;

    g_object_set (f->client, "page-size", 100, NULL);
    sk_fake_openai_reset_log (f->fake);
    items = list_sync (f->client, TRUE, &n_pages, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_pages, ==, 1);
    g_assert_nonnull (strstr (((SkFakeRequest *) sk_fake_openai_get_requests (f->fake)->pdata[0])->query,
                              "limit=100"));
  }
}

static void
test_list_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  guint n_pages = 0;

  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_1", "completed", "file-in", NULL));
  sk_fake_openai_queue_fault (f->fake, "/v1/batches", SK_FAKE_FAULT_WRONG_SHAPE, 200, -1);
  items = list_sync (f->client, TRUE, &n_pages, &error);
  g_assert_null (items);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
}

/* The index holds batches, jobs and store entries: running inputs are
 * busy, files of finished jobs only are unused. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkUsageIndex) index = NULL;
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonNode) entry_json = NULL;
  g_autofree char *described = NULL;

  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_run", "in_progress", "file-busy", NULL));
  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_done", "completed", "file-old", "file-out"));
  g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, "ftjob-q", "queued", "file-train",
                                                     "file-valid", NULL));
  g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, "ftjob-ok", "succeeded", "file-t2",
                                                     NULL, "file-res"));
  /* more than one page of each */
  for (guint i = 0; i < 7; i++)
    g_assert_true (sk_fake_openai_add_batch (f->fake, NULL, "expired", "file-old", NULL));
  g_object_set (f->client, "page-size", 3, NULL);

  entry_json = json_from_string ("{\"id\":\"file-old\",\"object\":\"vector_store.file\","
                                 "\"vector_store_id\":\"vs_a\",\"status\":\"completed\","
                                 "\"usage_bytes\":10,\"created_at\":1}", NULL);
  g_ptr_array_add (entries, sk_vector_store_file_new_from_json (entry_json, &error));
  g_assert_no_error (error);

  index = load_sync (f, entries, &error);
  g_assert_no_error (error);
  g_assert_nonnull (index);

  g_assert_true (sk_usage_index_is_busy (index, "file-busy"));
  g_assert_true (sk_usage_index_is_busy (index, "file-train"));
  g_assert_true (sk_usage_index_is_busy (index, "file-valid"));
  g_assert_false (sk_usage_index_is_busy (index, "file-old"));
  g_assert_false (sk_usage_index_is_busy (index, "file-out"));
  g_assert_false (sk_usage_index_is_busy (index, "file-res"));

  g_assert_true (sk_usage_index_is_unused (index, "file-out"));
  g_assert_true (sk_usage_index_is_unused (index, "file-t2"));
  g_assert_true (sk_usage_index_is_unused (index, "file-nowhere"));
  g_assert_false (sk_usage_index_is_unused (index, "file-old"));   /* in a store */
  g_assert_false (sk_usage_index_is_unused (index, "file-busy"));

  g_assert_cmpuint (sk_usage_index_count (index, "file-old", SK_USE_BATCH), ==, 8);
  g_assert_cmpuint (sk_usage_index_count (index, "file-old", SK_USE_VECTOR_STORE), ==, 1);
  g_assert_cmpuint (sk_usage_index_count (index, "file-res", SK_USE_FINE_TUNING_JOB), ==, 1);
  described = sk_usage_index_describe (index, "file-busy");
  g_assert_nonnull (described);
  g_assert_cmpstr (described, !=, "");
}

/* One list failing fails the load: no partial index. */
static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkUsageIndex) index = NULL;

  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_run", "in_progress", "file-busy", NULL));
  sk_fake_openai_queue_fault (f->fake, "/v1/fine_tuning/jobs", SK_FAKE_FAULT_STATUS, 403, -1);
  index = load_sync (f, NULL, &error);
  g_assert_null (index);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_FORBIDDEN);
}

/* The seeded account: the index matches what the fake holds. */
static void
test_load_generated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkUsageIndex) index = NULL;
  g_autoptr (GPtrArray) file_ids = NULL;
  guint n_busy = 0, n_batch_used = 0;

  sk_fake_openai_generate (f->fake, 3, 800, 10);
  index = load_sync (f, NULL, &error);
  g_assert_no_error (error);

  file_ids = sk_fake_openai_list_file_ids (f->fake);
  for (guint i = 0; i < file_ids->len; i++)
    {
      if (sk_usage_index_is_busy (index, file_ids->pdata[i]))
        n_busy++;
      if (sk_usage_index_count (index, file_ids->pdata[i], SK_USE_BATCH) > 0)
        n_batch_used++;
    }
  g_assert_cmpuint (n_busy, >, 0);
  g_assert_cmpuint (n_batch_used, >, n_busy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sk/usage-loader/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("list/pages", test_list_pages);
  ADD ("list/error", test_list_error);
  ADD ("load", test_load);
  ADD ("load/error", test_load_error);
  ADD ("load/generated", test_load_generated);

  return g_test_run ();
}
