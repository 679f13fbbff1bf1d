/* test-bulk-delete.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-bulk-delete.h"
#include "sk-bulk-delete-private.h"
#include "sk-bulk-test-utils.h"

#include "sk-core-enums.h"

/* Helpers */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Tests */

static void
test_basic (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-basic", 30);
  g_autoptr (GPtrArray) input = g_ptr_array_new ();
  g_autofree const char **strv = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  GListModel *results;
  guint n_done_notifies = 0;
  guint n_running_notifies = 0;

  g_object_set (fake, "latency-ms", 2, NULL);

  /* 20 of the 30, with duplicates: the first occurrence keeps its place */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (input, g_ptr_array_index (ids, 19 - i));
  g_ptr_array_add (input, g_ptr_array_index (ids, 19));
  g_ptr_array_insert (input, 3, g_ptr_array_index (ids, 0));
  strv = sk_bulk_test_strv_of (input);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_assert_cmpint (sk_bulk_delete_get_kind (job), ==, SK_BULK_DELETE_FILES);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (job), ==, 20);
  /* the cap is 64; the adaptive limit starts at 8 */
  g_assert_cmpuint (sk_bulk_delete_get_max_in_flight (job), ==, 64);
  {
    guint limit = 0;

    g_object_get (job, "current-limit", &limit, NULL);
    g_assert_cmpuint (limit, ==, 8);
  }
  g_assert_false (sk_bulk_delete_get_running (job));
  g_assert_cmpfloat (sk_bulk_delete_get_eta (job), ==, -1);

  /* input: 19 18 17 0 16 15 ... 1 0 19; distinct, in order: 19 18 17 0 16 ... 1 */
  results = sk_bulk_delete_get_results (job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      guint expected = i < 3 ? 19 - i : i == 3 ? 0 : 20 - i;

      g_assert_cmpstr (sk_bulk_result_get_id (result), ==, g_ptr_array_index (ids, expected));
      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_PENDING);
    }
  g_assert_cmpuint (g_list_model_get_n_items (sk_bulk_delete_get_finished (job)), ==, 0);

  g_signal_connect (job, "notify::n-done", G_CALLBACK (count_notify_cb), &n_done_notifies);
  g_signal_connect (job, "notify::running", G_CALLBACK (count_notify_cb), &n_running_notifies);

  sk_bulk_delete_set_max_in_flight (job, 4);
  sk_bulk_test_run_job (job, NULL, 20000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 20);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 0);
  g_assert_cmpuint (n_done_notifies, >=, 1);
  g_assert_cmpuint (n_running_notifies, ==, 2);
  g_assert_cmpfloat (sk_bulk_delete_get_eta (job), ==, 0);
  g_assert_cmpfloat (sk_bulk_delete_get_elapsed (job), >, 0);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fake), <=, 4);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/"), ==, 20);

  /* the 10 not in the input are untouched */
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 10);
  for (guint i = 20; i < 30; i++)
    g_assert_true (sk_fake_openai_has_file (fake, g_ptr_array_index (ids, i)));

  /* a job runs once */
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, 5000);
    g_assert_false (sk_bulk_delete_run_finish (job, result, &error));
    g_assert_nonnull (error);
  }
}

static void
test_empty (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  const char *none[] = { NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, none);
  g_autoptr (SkBulkDelete) job2 = sk_bulk_delete_new (client, SK_BULK_DELETE_VECTOR_STORES, NULL, NULL);

  sk_bulk_test_run_job (job, NULL, 5000);
  sk_bulk_test_run_job (job2, NULL, 5000);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (job), ==, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_done (job), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sk_bulk_delete_get_results (job)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sk_bulk_delete_get_results (job2)), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_requests (fake)->len, ==, 0);
}

static void
test_nonexistent (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-real", 3);
  const char *input[] = { "file-real00000", "file-nope", "file-real00001", "../vector_stores/vs_x",
                          "", "file-absent", NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, input);
  SkBulkResult *result;

  sk_fake_openai_add_vector_store (fake, "vs_x", "keep me", 1700000000);
  sk_bulk_test_run_job (job, NULL, 20000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 2);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 4);

  result = sk_bulk_test_result_for (job, "file-nope");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 404);
  g_assert_cmpstr (sk_bulk_result_get_message (result), ==, "No such File object: file-nope");
  /* 404 is final: one request, no retry */
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-nope"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-absent"), ==, 1);

  /* IDs that would reach another path are refused without a request */
  result = sk_bulk_test_result_for (job, "../vector_stores/vs_x");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 400);
  g_assert_cmpuint (sk_bulk_result_get_attempts (result), ==, 0);
  result = sk_bulk_test_result_for (job, "");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_true (sk_fake_openai_has_vector_store (fake, "vs_x"));
  g_assert_cmpuint (sk_fake_openai_get_requests (fake)->len, ==, 4);
}

/* Random 500s, dropped connections, slow answers: every ID ends in one
 * outcome; then "retry the failed ones" until none is left. */
static void
test_faults_then_retry (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-fault", 300);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  guint total_deleted;

  /* two attempts per request: some IDs do fail */
  g_object_set (client, "max-attempts", 2, NULL);
  g_object_set (fake, "seed", 7, "latency-ms", 3, "fail-rate", 0.2, "drop-rate", 0.15, NULL);
  for (guint i = 0; i < 20; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/", SK_FAKE_FAULT_DELAY, 0, 40);

  sk_bulk_delete_set_max_in_flight (job, 16);
  sk_bulk_test_run_job (job, NULL, 60000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), ==, 0);

  /* failures carry a status and a sentence */
  {
    g_autoptr (GPtrArray) failed = sk_bulk_delete_get_ids_with_outcome (job, SK_OUTCOME_FAILED);

    for (guint i = 0; i < failed->len; i++)
      {
        SkBulkResult *result = sk_bulk_test_result_for (job, g_ptr_array_index (failed, i));
        guint status = sk_bulk_result_get_status_code (result);

        g_assert_true (status == 500 || status == 502);
        g_assert_cmpstr (sk_bulk_result_get_message (result), !=, "");
      }
  }

  total_deleted = sk_bulk_delete_get_n_succeeded (job);
  g_object_set (fake, "fail-rate", 0.0, "drop-rate", 0.0, NULL);

  /* retry-failed: faults are off now, so one round finishes the job */
  {
    g_autoptr (SkBulkDelete) retry = sk_bulk_delete_new_retry_failed (job);
    g_autoptr (GPtrArray) failed = sk_bulk_delete_get_ids_with_outcome (job, SK_OUTCOME_FAILED);

    g_assert_cmpuint (sk_bulk_delete_get_n_total (retry), ==, failed->len);
    g_assert_cmpuint (sk_bulk_delete_get_max_in_flight (retry), ==, 16);
    g_assert_cmpint (sk_bulk_delete_get_kind (retry), ==, SK_BULK_DELETE_FILES);
    sk_bulk_test_run_job (retry, NULL, 60000);
    /* the log also holds the first job's requests: checked as a whole below */
    sk_bulk_test_check_job_full (retry, fake, SK_BULK_DELETE_FILES, NULL, FALSE);
    g_assert_cmpuint (sk_bulk_delete_get_n_failed (retry), ==, 0);
    total_deleted += sk_bulk_delete_get_n_succeeded (retry);
  }

  g_assert_cmpuint (total_deleted, ==, 300);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/files/%s", (char *) g_ptr_array_index (ids, i));

      g_assert_cmpuint (sk_fake_openai_count_deleted (fake, path), ==, 1);
    }
  /* every DELETE of both jobs was of an input ID */
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-fault"), ==,
                    sk_fake_openai_count_requests (fake, "DELETE", "/"));
}

static void
limit_changed_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  guint *min_limit = user_data;
  guint limit;

  g_object_get (object, "current-limit", &limit, NULL);
  *min_limit = MIN (*min_limit, limit);
}

/* A 429 storm (server concurrency limit far below ours, and a request rate
 * limit): the engine slows down as a whole and finishes with no failure. */
static void
test_rate_limit_storm (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-storm", 400);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  guint min_limit = G_MAXUINT;
  guint n_signals = 0;
  guint n_429;

  g_object_set (fake, "latency-ms", 5, "max-concurrent", 3, "rate-limit", 400.0,
                "retry-after-style", "ms+seconds", NULL);
  sk_bulk_delete_set_max_in_flight (job, 32);
  g_signal_connect (job, "notify::current-limit", G_CALLBACK (limit_changed_cb), &min_limit);

  sk_bulk_test_run_job (job, NULL, 60000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  n_429 = sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/") - 400;
  g_object_get (job, "n-rate-limited", &n_signals, NULL);
  g_test_message ("429 answers: %u, rate-limited signals: %u, lowest limit: %u",
                  n_429, n_signals, min_limit);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 400);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 0);
  g_assert_cmpuint (n_429, >, 0);
  g_assert_cmpuint (n_signals, >, 0);
  /* below the limit it starts at */
  g_assert_cmpuint (min_limit, <, 8);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 0);
}

/* The real API's 429s carry only an integer Retry-After (>= 1 s): every one
 * stops the client for a second, and the engine paces its request starts
 * after them. Whatever the pace, every ID ends deleted exactly once. */
static void
test_rate_limit_seconds_only (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-sec", 300);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  guint n_signals = 0;

  g_object_set (fake, "latency-ms", 5, "rate-limit", 150.0, "retry-after-style", "seconds", NULL);
  /* whatever the speed of the build (sanitizers, valgrind), at least one
   * 429 with a whole-second Retry-After comes */
  sk_fake_openai_queue_fault (fake, "/v1/files/", SK_FAKE_FAULT_STATUS, 429, 1000);
  sk_bulk_delete_set_max_in_flight (job, 16);

  sk_bulk_test_run_job (job, NULL, 60000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  g_object_get (job, "n-rate-limited", &n_signals, NULL);
  g_assert_cmpuint (n_signals, >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 300);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 0);
}

/* An ID still rate limited after the client's own retries goes back in the
 * queue instead of failing; insufficient_quota fails at once. */
static void
test_requeue_and_quota (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-rq", 3);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  SkBulkResult *result;

  g_object_set (client, "max-attempts", 2, NULL);
  /* file-rq00000: 429 on the client's two attempts, then fine */
  for (guint i = 0; i < 2; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/file-rq00000", SK_FAKE_FAULT_STATUS, 429, 1);
  /* file-rq00001: out of quota */
  sk_fake_openai_queue_fault (fake, "/v1/files/file-rq00001", SK_FAKE_FAULT_STATUS, 429, -2);

  sk_bulk_test_run_job (job, NULL, 20000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  result = sk_bulk_test_result_for (job, "file-rq00000");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_DELETED);
  g_assert_cmpuint (sk_bulk_result_get_attempts (result), ==, 2);

  result = sk_bulk_test_result_for (job, "file-rq00001");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 429);
  g_assert_cmpuint (sk_bulk_result_get_attempts (result), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-rq00001"), ==, 1);

  result = sk_bulk_test_result_for (job, "file-rq00002");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_DELETED);
}

typedef struct
{
  SkBulkDelete *job;
  GCancellable *cancellable;
  guint         cancel_after;
  guint         n_in_flight_at_cancel;
  guint         n_done_at_cancel;
} CancelData;

static void
cancel_when_done_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  CancelData *data = user_data;

  if (sk_bulk_delete_get_n_done (data->job) >= data->cancel_after &&
      !g_cancellable_is_cancelled (data->cancellable))
    {
      data->n_in_flight_at_cancel = sk_bulk_delete_get_n_in_flight (data->job);
      data->n_done_at_cancel = sk_bulk_delete_get_n_done (data->job);
      g_cancellable_cancel (data->cancellable);
    }
}

/* Cancel mid-run: requests in flight finish, nothing new starts, and the
 * results say exactly which IDs were deleted. */
static void
test_cancel (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-cancel", 200);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelData data = { job, cancellable, 30, 0, 0 };
  g_autoptr (GPtrArray) deleted = NULL;
  guint n_sent;

  g_object_set (fake, "latency-ms", 10, NULL);
  sk_bulk_delete_set_max_in_flight (job, 6);
  g_signal_connect (job, "notify::n-done", G_CALLBACK (cancel_when_done_cb), &data);

  sk_bulk_test_run_job (job, cancellable, 30000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpuint (data.n_in_flight_at_cancel, >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 0);
  /* the requests in flight at the cancel finished and are known */
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), >=, 30 + data.n_in_flight_at_cancel - 1);

  /* the results say exactly what the server has */
  deleted = sk_bulk_delete_get_ids_with_outcome (job, SK_OUTCOME_DELETED);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 200 - deleted->len);
  for (guint i = 0; i < deleted->len; i++)
    g_assert_false (sk_fake_openai_has_file (fake, g_ptr_array_index (deleted, i)));

  /* nothing was sent after the cancel: what was done and in flight then
   * is exactly what was sent, and all of it was deleted */
  n_sent = sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/");
  g_assert_cmpuint (n_sent, ==, data.n_done_at_cancel + data.n_in_flight_at_cancel);
  g_assert_cmpuint (n_sent, ==, deleted->len);

  /* the job reported being cancelled before the callback: and a second
   * cancel is harmless */
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_before_run (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-pre", 10);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  sk_bulk_test_run_job (job, cancellable, 5000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), ==, 10);
  g_assert_cmpuint (sk_fake_openai_get_requests (fake)->len, ==, 0);
}

/* Queued faults make two IDs fail (500, and a dropped connection: 502);
 * "retry the failed ones" finishes the job. */
static void
test_retry_failed_queued (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-rf", 6);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (SkBulkDelete) retry = NULL;
  g_autoptr (GPtrArray) failed = NULL;
  SkBulkResult *result;

  g_object_set (client, "max-attempts", 2, NULL);
  for (guint i = 0; i < 2; i++)
    {
      sk_fake_openai_queue_fault (fake, "/v1/files/file-rf00002", SK_FAKE_FAULT_STATUS, 500, -1);
      sk_fake_openai_queue_fault (fake, "/v1/files/file-rf00004", SK_FAKE_FAULT_DROP, 0, -1);
    }

  sk_bulk_test_run_job (job, NULL, 20000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  failed = sk_bulk_delete_get_ids_with_outcome (job, SK_OUTCOME_FAILED);
  g_assert_cmpuint (failed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (failed, 0), ==, "file-rf00002");
  g_assert_cmpstr (g_ptr_array_index (failed, 1), ==, "file-rf00004");

  result = sk_bulk_test_result_for (job, "file-rf00002");
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 500);
  result = sk_bulk_test_result_for (job, "file-rf00004");
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 502);

  retry = sk_bulk_delete_new_retry_failed (job);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (retry), ==, 2);
  sk_bulk_test_run_job (retry, NULL, 20000);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (retry), ==, 2);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 0);
}

static void
test_detach (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-att", 10);
  g_autoptr (GPtrArray) input = g_ptr_array_new ();
  g_autofree const char **strv = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (SkBulkDelete) stores_job = NULL;
  const char *stores[] = { "vs_other", "vs_gone", NULL };

  sk_fake_openai_add_vector_store (fake, "vs_main", "Main", 1700000000);
  sk_fake_openai_add_vector_store (fake, "vs_other", "Other", 1700000001);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_true (sk_fake_openai_attach (fake, "vs_main", g_ptr_array_index (ids, i),
                                            i % 3 ? "completed" : "failed"));
      g_assert_true (sk_fake_openai_attach (fake, "vs_other", g_ptr_array_index (ids, i), "completed"));
    }
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (input, g_ptr_array_index (ids, i));
  strv = sk_bulk_test_strv_of (input);

  job = sk_bulk_delete_new (client, SK_BULK_DETACH_FILES, "vs_main", strv);
  sk_bulk_test_run_job (job, NULL, 20000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DETACH_FILES, "vs_main");
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 6);

  for (guint i = 0; i < 10; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      /* the files themselves stay, and stay in the other store */
      g_assert_true (sk_fake_openai_has_file (fake, id));
      g_assert_true (sk_fake_openai_is_attached (fake, "vs_other", id));
      g_assert_true (sk_fake_openai_is_attached (fake, "vs_main", id) == (i >= 6));
    }

  /* delete stores: one exists, one does not */
  sk_fake_openai_reset_log (fake);
  stores_job = sk_bulk_delete_new (client, SK_BULK_DELETE_VECTOR_STORES, NULL, stores);
  sk_bulk_test_run_job (stores_job, NULL, 20000);
  sk_bulk_test_check_job (stores_job, fake, SK_BULK_DELETE_VECTOR_STORES, NULL);
  g_assert_cmpint (sk_bulk_result_get_outcome (sk_bulk_test_result_for (stores_job, "vs_other")), ==, SK_OUTCOME_DELETED);
  g_assert_cmpint (sk_bulk_result_get_outcome (sk_bulk_test_result_for (stores_job, "vs_gone")), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (sk_bulk_test_result_for (stores_job, "vs_gone")), ==, 404);
  g_assert_true (sk_fake_openai_has_vector_store (fake, "vs_main"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 10);
}

typedef struct
{
  SkFakeOpenai *fake;
  const char   *id;
} Resurrect;

static void
finished_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  Resurrect *data = user_data;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (model, i);

      /* OpenAI's lists lag: the deleted file shows up again in a list */
      if (g_str_equal (sk_bulk_result_get_id (result), data->id) &&
          sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        sk_fake_openai_add_file (data->fake, data->id, "lagging.txt", "assistants", 1, 1700000000);
    }
}

static void
test_verify (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-ver", 20);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (SkBulkDelete) plain = NULL;
  Resurrect data = { fake, "file-ver00007" };
  guint n_still_present = 0;
  gboolean verified = FALSE;
  GListModel *results;

  /* small pages so the verification walks several */
  g_object_set (client, "files-page-size", 6, NULL);
  sk_bulk_delete_set_verify (job, TRUE);
  g_signal_connect (sk_bulk_delete_get_finished (job), "items-changed",
                    G_CALLBACK (finished_changed_cb), &data);

  sk_bulk_test_run_job (job, NULL, 20000);

  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 20);
  g_object_get (job, "n-still-present", &n_still_present, "verified", &verified, NULL);
  g_assert_true (verified);
  g_assert_cmpuint (n_still_present, ==, 1);
  results = sk_bulk_delete_get_results (job);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      g_assert_true (sk_bulk_result_get_still_present (result) ==
                     g_str_equal (sk_bulk_result_get_id (result), "file-ver00007"));
      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_DELETED);
    }
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/files"), >=, 1);

  /* without verify there is no list request */
  sk_fake_openai_reset_log (fake);
  {
    const char *again[] = { "file-ver00007", NULL };

    plain = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, again);
    sk_bulk_test_run_job (plain, NULL, 20000);
    g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (plain), ==, 1);
    g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/"), ==, 0);
  }
}

/* Anything that pumps the engine during the verification pass (Cancel
 * pressed while verifying, or max-in-flight changed) must not complete the
 * job a second time: the callback comes exactly once. */
typedef struct
{
  guint         n_callbacks;
  GAsyncResult *result;
} CountedResult;

static void
counted_result_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  CountedResult *data = user_data;

  data->n_callbacks++;
  g_clear_object (&data->result);
  data->result = g_object_ref (res);
}

static gboolean
all_done_cond (gpointer user_data)
{
  SkBulkDelete *job = user_data;

  return sk_bulk_delete_get_n_done (job) == sk_bulk_delete_get_n_total (job);
}

static gboolean
fake_idle_cond (gpointer user_data)
{
  return sk_fake_openai_get_n_in_flight (user_data) == 0;
}

static gboolean
two_deletes_cond (gpointer user_data)
{
  return sk_fake_openai_count_requests (user_data, "DELETE", "/v1/files/") >= 2;
}

static void
test_verify_reentry (gconstpointer mode)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-vre", 3);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const char *strv[] = { g_ptr_array_index (ids, 0), g_ptr_array_index (ids, 1), NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (GError) error = NULL;
  CountedResult data = { 0, NULL };
  gboolean verified = TRUE;

  sk_bulk_delete_set_verify (job, TRUE);
  sk_bulk_delete_run_async (job, cancellable, counted_result_cb, &data);
  sk_test_wait_until (all_done_cond, job, 5000);
  /* the verification list is now in flight, and slow */
  g_object_set (fake, "latency-ms", 200, NULL);
  g_assert_true (sk_bulk_delete_get_running (job));
  if (GPOINTER_TO_INT (mode) == 0)
    sk_bulk_delete_set_max_in_flight (job, 3);
  else
    g_cancellable_cancel (cancellable);

  sk_test_wait_until (fake_idle_cond, fake, 5000);
  sk_test_spin (300);
  g_assert_cmpuint (data.n_callbacks, ==, 1);
  g_assert_true (sk_bulk_delete_run_finish (job, data.result, &error));
  g_assert_no_error (error);
  g_assert_false (sk_bulk_delete_get_running (job));
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 2);
  /* one verification list only */
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/files"), ==, 1);
  g_object_get (job, "verified", &verified, NULL);
  if (GPOINTER_TO_INT (mode) == 0)
    g_assert_true (verified);
  else
    g_assert_false (verified);
  g_clear_object (&data.result);
}

/* A DELETE that reached the server but whose answer was lost (it came
 * after the client's timeout, or the connection dropped after the commit)
 * is retried; the retry's 404 means the first attempt deleted it: the ID
 * ends DELETED ("already gone after a retry"), not FAILED 404. A 404 on the
 * first attempt stays FAILED 404 with OpenAI's message. */
static void
test_lost_answer_then_404 (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-lost", 2);
  g_autoptr (SkBulkDelete) job = NULL;
  const char *strv[] = { "file-lost00000", "file-lost00001", "file-lost-never", NULL };
  SkBulkResult *result;

  /* A timeout long enough for a request under valgrind on a loaded
   * machine to be answered in time, and a delay well beyond it */
  g_object_set (client, "timeout-ms", 1000, NULL);
  sk_fake_openai_queue_fault (fake, "/v1/files/file-lost00000", SK_FAKE_FAULT_DELAY, 0, 2500);
  sk_fake_openai_queue_fault (fake, "/v1/files/file-lost00001", SK_FAKE_FAULT_DROP_AFTER, 0, 0);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  sk_bulk_test_run_job (job, NULL, 10000);
  /* let the late answer go */
  sk_test_wait_until (fake_idle_cond, fake, 5000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  for (guint i = 0; i < 2; i++)
    {
      result = sk_bulk_test_result_for (job, g_ptr_array_index (ids, i));
      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_DELETED);
      g_assert_nonnull (strstr (sk_bulk_result_get_message (result), "Already gone after a retry"));
      {
        g_autofree char *path = g_strconcat ("/v1/files/", g_ptr_array_index (ids, i), NULL);

        g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", path), ==, 2);
      }
    }
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 0);

  result = sk_bulk_test_result_for (job, "file-lost-never");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 404);
  g_assert_cmpstr (sk_bulk_result_get_message (result), ==, "No such File object: file-lost-never");
}

/* Cancel while requests wait for the client's rate-limit gate (the server
 * answered 429 with Retry-After 1 s): they stop at once, are never sent
 * again and end CANCELLED (a 429 deleted nothing), whatever the grace. */
static void
test_cancel_while_rate_limited (gconstpointer grace)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-rlc", 3);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  sk_fake_openai_queue_fault (fake, "/v1/files/file-rlc00000", SK_FAKE_FAULT_STATUS, 429, 1000);
  sk_fake_openai_queue_fault (fake, "/v1/files/file-rlc00001", SK_FAKE_FAULT_STATUS, 429, 1000);
  sk_bulk_delete_set_max_in_flight (job, 2);
  sk_bulk_delete_set_cancel_grace_ms (job, GPOINTER_TO_UINT (grace));

  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;

    sk_bulk_delete_run_async (job, cancellable, sk_test_store_result, &result);
    sk_test_wait_until (two_deletes_cond, fake, 5000);
    sk_test_spin (100);
    g_cancellable_cancel (cancellable);
    sk_test_wait_result (&result, 5000);
    g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
    g_assert_no_error (error);
  }
  /* nothing is sent later either */
  sk_test_spin (1200);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), ==, 3);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==, 3);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/"), ==, 2);
  g_assert_cmpstr (sk_bulk_result_get_message (sk_bulk_test_result_for (job, "file-rlc00000")), ==,
                   "Not deleted: the job was cancelled while this request waited to be sent.");
  g_assert_null (sk_bulk_result_get_message (sk_bulk_test_result_for (job, "file-rlc00002")));
}

/* The server asks for a delay longer than the client's max-retry-after-ms:
 * the client returns at once, and the engine must not send it again right
 * away (20 times): it fails with the server's message and the delay. */
static void
test_retry_after_too_long (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-long", 2);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  SkBulkResult *result;

  g_object_set (client, "max-retry-after-ms", 1000, NULL);
  for (guint i = 0; i < 30; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/file-long00000", SK_FAKE_FAULT_STATUS, 429, 300000);
  sk_bulk_delete_set_max_in_flight (job, 1);

  sk_bulk_test_run_job (job, NULL, 10000);
  sk_bulk_test_check_job (job, fake, SK_BULK_DELETE_FILES, NULL);

  result = sk_bulk_test_result_for (job, "file-long00000");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 429);
  g_assert_cmpstr (sk_bulk_result_get_message (result), ==,
                   "Rate limit reached for requests. Please try again later. "
                   "(The server asked to wait 300 s before trying again.)");
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-long00000"), ==, 1);
  /* the other ID is not held back by it */
  g_assert_cmpint (sk_bulk_result_get_outcome (sk_bulk_test_result_for (job, "file-long00001")), ==, SK_OUTCOME_DELETED);
}

/* A 200 whose deletion object lacks "deleted": true is a failure that
 * says so, not "could not be understood". */
static void
test_not_confirmed (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-nc", 1);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  SkBulkResult *result;

  g_object_set (client, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (fake, "/v1/files/file-nc00000", SK_FAKE_FAULT_WRONG_SHAPE, 0, 0);
  sk_bulk_test_run_job (job, NULL, 10000);

  result = sk_bulk_test_result_for (job, "file-nc00000");
  g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
  g_assert_cmpstr (sk_bulk_result_get_message (result), ==, "The server did not confirm the deletion.");
}

static void
test_progress_properties (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-prog", 40);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  guint n_elapsed = 0, n_eta = 0, n_in_flight = 0, n_succeeded = 0, n_done = 0;

  g_object_set (fake, "latency-ms", 30, NULL);
  sk_bulk_delete_set_max_in_flight (job, 2);
  g_signal_connect (job, "notify::elapsed", G_CALLBACK (count_notify_cb), &n_elapsed);
  g_signal_connect (job, "notify::eta", G_CALLBACK (count_notify_cb), &n_eta);
  g_signal_connect (job, "notify::n-in-flight", G_CALLBACK (count_notify_cb), &n_in_flight);
  g_signal_connect (job, "notify::n-succeeded", G_CALLBACK (count_notify_cb), &n_succeeded);
  g_signal_connect (job, "notify::n-done", G_CALLBACK (count_notify_cb), &n_done);

  sk_bulk_test_run_job (job, NULL, 30000);
  /* 20 rounds of 30 ms: the 100 ms ticks notified elapsed and eta while
   * running, a few times, not once per item */
  g_assert_cmpuint (n_elapsed, >=, 2);
  g_assert_cmpuint (n_elapsed, <, 40);
  g_assert_cmpuint (n_eta, >=, 2);
  g_assert_cmpuint (n_in_flight, >=, 1);
  g_assert_cmpuint (n_succeeded, >=, 1);
  g_assert_cmpuint (n_done, >=, 1);
  g_assert_cmpuint (sk_bulk_delete_get_n_done (job), ==, 40);
}

static void
test_cancel_grace (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = sk_bulk_test_add_files (fake, "file-grace", 4);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, strv);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SkBulkResult *slow;

  sk_fake_openai_queue_fault (fake, "/v1/files/file-grace00000", SK_FAKE_FAULT_DELAY, 0, 5000);
  sk_bulk_delete_set_max_in_flight (job, 1);
  sk_bulk_delete_set_cancel_grace_ms (job, 500);

  sk_bulk_delete_run_async (job, cancellable, sk_test_store_result, &result);
  sk_test_spin (50);
  g_assert_cmpuint (sk_bulk_delete_get_n_in_flight (job), ==, 1);
  g_cancellable_cancel (cancellable);
  sk_test_spin (20);
  /* within the grace period the request is left to finish */
  g_assert_null (result);
  g_assert_cmpuint (sk_bulk_delete_get_n_in_flight (job), ==, 1);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), ==, 3);

  sk_test_wait_result (&result, 3000);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);

  slow = sk_bulk_test_result_for (job, "file-grace00000");
  g_assert_cmpint (sk_bulk_result_get_outcome (slow), ==, SK_OUTCOME_FAILED);
  g_assert_cmpuint (sk_bulk_result_get_status_code (slow), ==, 0);
  g_assert_nonnull (strstr (sk_bulk_result_get_message (slow), "may or may not"));
  g_assert_cmpuint (sk_bulk_delete_get_n_done (job), ==, 4);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulk-delete/basic", test_basic);
  g_test_add_func ("/bulk-delete/empty", test_empty);
  g_test_add_func ("/bulk-delete/nonexistent", test_nonexistent);
  g_test_add_func ("/bulk-delete/faults-then-retry", test_faults_then_retry);
  g_test_add_func ("/bulk-delete/rate-limit-storm", test_rate_limit_storm);
  g_test_add_func ("/bulk-delete/rate-limit-seconds-only", test_rate_limit_seconds_only);
  g_test_add_func ("/bulk-delete/requeue-and-quota", test_requeue_and_quota);
  g_test_add_func ("/bulk-delete/cancel", test_cancel);
  g_test_add_func ("/bulk-delete/cancel-before-run", test_cancel_before_run);
  g_test_add_func ("/bulk-delete/cancel-grace", test_cancel_grace);
  g_test_add_func ("/bulk-delete/retry-failed", test_retry_failed_queued);
  g_test_add_func ("/bulk-delete/detach-and-stores", test_detach);
  g_test_add_func ("/bulk-delete/verify", test_verify);
  g_test_add_data_func ("/bulk-delete/verify-reentry-set-max", GINT_TO_POINTER (0), test_verify_reentry);
  g_test_add_data_func ("/bulk-delete/verify-reentry-cancel", GINT_TO_POINTER (1), test_verify_reentry);
  g_test_add_func ("/bulk-delete/lost-answer-then-404", test_lost_answer_then_404);
  g_test_add_data_func ("/bulk-delete/cancel-while-rate-limited", GUINT_TO_POINTER (10000),
                        test_cancel_while_rate_limited);
  g_test_add_data_func ("/bulk-delete/cancel-while-rate-limited-short-grace", GUINT_TO_POINTER (500),
                        test_cancel_while_rate_limited);
  g_test_add_func ("/bulk-delete/retry-after-too-long", test_retry_after_too_long);
  g_test_add_func ("/bulk-delete/not-confirmed", test_not_confirmed);
  g_test_add_func ("/bulk-delete/progress", test_progress_properties);

  return g_test_run ();
}
