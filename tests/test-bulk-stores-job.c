/* test-bulk-stores-job.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-bulk-delete.h"
#include "sk-bulk-test-utils.h"

#include "sk-core-enums.h"

/* Helpers */

static void
run_stores_job (SkBulkStoresJob *job,
                GCancellable    *cancellable)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_bulk_stores_job_run_async (job, cancellable, sk_test_store_result, &result);
  sk_test_wait_result (&result, 30000);
  g_assert_true (sk_bulk_stores_job_run_finish (job, result, &error));
  g_assert_no_error (error);
}

/* Tests */

/* Stores with their files. Files shared by two stores are deleted once; a
 * store whose list fails is neither deleted nor are its files touched; a
 * store not in the input keeps what was not deleted. */
static void
test_stores_with_files (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-sw", 38);
  const char *input[] = { "vs_a", "vs_b", "vs_c", "vs_big", "vs_err", "vs_a", NULL };
  const char *statuses[] = { "completed", "in_progress", "failed", "cancelled" };
  g_autoptr (SkBulkStoresJob) job = NULL;
  SkBulkDelete *stores_job;
  SkBulkDelete *files_job;
  SkBulkResult *result;

  sk_fake_openai_add_vector_store (fake, "vs_a", "A", 1700000000);
  sk_fake_openai_add_vector_store (fake, "vs_b", "B", 1700000001);
  sk_fake_openai_add_vector_store (fake, "vs_c", "C", 1700000002);
  sk_fake_openai_add_vector_store (fake, "vs_big", "Big", 1700000003);
  sk_fake_openai_add_vector_store (fake, "vs_err", "Err", 1700000004);
  sk_fake_openai_add_vector_store (fake, "vs_keep", "Keep", 1700000005);
#define ATTACH(vs, i) \
  g_assert_true (sk_fake_openai_attach (fake, vs, g_ptr_array_index (ids, i), statuses[(i) % 4]))
  for (guint i = 0; i <= 4; i++)
    ATTACH ("vs_a", i);
  for (guint i = 3; i <= 7; i++)
    ATTACH ("vs_b", i);
  ATTACH ("vs_c", 8);
  for (guint i = 9; i <= 33; i++)
    ATTACH ("vs_big", i);
  ATTACH ("vs_err", 34);
  ATTACH ("vs_err", 35);
  ATTACH ("vs_keep", 36);
  ATTACH ("vs_keep", 0);
#undef ATTACH
  /* file-sw00037 is in no store */

  g_object_set (client, "max-attempts", 2, "page-size", 3, NULL);
  for (guint i = 0; i < 2; i++)
    sk_fake_openai_queue_fault (fake, "/v1/vector_stores/vs_err/files", SK_FAKE_FAULT_STATUS, 500, -1);

  job = sk_bulk_stores_job_new (client, input, SK_STORE_FILES_DELETE_ALL);
  sk_bulk_stores_job_set_max_in_flight (job, 3);
  stores_job = sk_bulk_stores_job_get_stores_job (job);
  g_assert_nonnull (stores_job);
  g_assert_null (sk_bulk_stores_job_get_files_job (job));
  g_assert_cmpuint (sk_bulk_delete_get_n_total (stores_job), ==, 5);

  run_stores_job (job, NULL);

  /* the log also holds the files job's DELETEs: checked below */
  sk_bulk_test_check_job_full (stores_job, fake, SK_BULK_DELETE_VECTOR_STORES, NULL, FALSE);
  sk_bulk_test_check_job_full (sk_bulk_stores_job_get_files_job (job), fake, SK_BULK_DELETE_FILES, NULL, FALSE);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (stores_job), ==, 4);
  result = sk_bulk_test_result_for (stores_job, "vs_err");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 500);
  g_assert_cmpuint (sk_bulk_result_get_attempts (result), ==, 0);
  g_assert_nonnull (strstr (sk_bulk_result_get_message (result), "list of files"));
  g_assert_true (sk_fake_openai_has_vector_store (fake, "vs_err"));
  g_assert_true (sk_fake_openai_has_vector_store (fake, "vs_keep"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/vector_stores/vs_err"), ==, 0);

  g_assert_cmpuint (sk_bulk_stores_job_get_total_files_found (job), ==, 34);
  files_job = sk_bulk_stores_job_get_files_job (job);
  g_assert_nonnull (files_job);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (files_job), ==, 34);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (files_job), ==, 34);

  /* check_job on the files job needs a log of only its DELETEs: check by hand */
  for (guint i = 0; i < 38; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *path = g_strdup_printf ("/v1/files/%s", id);

      g_assert_true (sk_fake_openai_has_file (fake, id) == (i >= 34));
      g_assert_cmpuint (sk_fake_openai_count_deleted (fake, path), ==, i < 34 ? 1 : 0);
      g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", path), ==, i < 34 ? 1 : 0);
    }
  g_assert_true (sk_fake_openai_is_attached (fake, "vs_keep", "file-sw00036"));
  g_assert_true (sk_fake_openai_is_attached (fake, "vs_err", "file-sw00034"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/"), ==, 4 + 34);
}

static void
test_stores_keep_files (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-kp", 4);
  const char *input[] = { "vs_k1", "vs_k2", NULL };
  g_autoptr (SkBulkStoresJob) job = NULL;

  sk_fake_openai_add_vector_store (fake, "vs_k1", "K1", 1700000000);
  sk_fake_openai_add_vector_store (fake, "vs_k2", "K2", 1700000001);
  for (guint i = 0; i < 4; i++)
    g_assert_true (sk_fake_openai_attach (fake, i < 2 ? "vs_k1" : "vs_k2",
                                          g_ptr_array_index (ids, i), "completed"));

  job = sk_bulk_stores_job_new (client, input, SK_STORE_FILES_KEEP);
  run_stores_job (job, NULL);

  sk_bulk_test_check_job (sk_bulk_stores_job_get_stores_job (job), fake, SK_BULK_DELETE_VECTOR_STORES, NULL);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (sk_bulk_stores_job_get_stores_job (job)), ==, 2);
  g_assert_null (sk_bulk_stores_job_get_files_job (job));
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 4);
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (fake), ==, 0);
}

static void
test_stores_cancelled (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-sc", 2);
  const char *input[] = { "vs_s1", NULL };
  g_autoptr (SkBulkStoresJob) job = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  sk_fake_openai_add_vector_store (fake, "vs_s1", "S1", 1700000000);
  g_assert_true (sk_fake_openai_attach (fake, "vs_s1", g_ptr_array_index (ids, 0), "completed"));

  job = sk_bulk_stores_job_new (client, input, SK_STORE_FILES_DELETE_ALL);
  g_cancellable_cancel (cancellable);
  run_stores_job (job, cancellable);

  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (sk_bulk_stores_job_get_stores_job (job)), ==, 1);
  g_assert_true (sk_fake_openai_has_vector_store (fake, "vs_s1"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/"), ==, 0);
}

/* A request still hanging after the grace period that follows a cancel is
 * cancelled too, and reported honestly: FAILED, status 0, "may or may not
 * have been deleted" (here the server did delete it: it acts on arrival). */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulk-stores-job/with-files", test_stores_with_files);
  g_test_add_func ("/bulk-stores-job/keep-files", test_stores_keep_files);
  g_test_add_func ("/bulk-stores-job/cancelled", test_stores_cancelled);

  return g_test_run ();
}
