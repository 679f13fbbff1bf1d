/* test-soak.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* 20,000 deletions against a server that answers 5% of requests with a
 * 500, drops 5% of connections and rate-limits the account: every ID ends
 * in exactly one outcome, the server's state matches the results, nothing
 * outside the input is touched and nothing is deleted twice. Then "retry
 * the failed ones" until none is left. Bounded: a few seconds to a few tens
 * of seconds. */

#include "sk-bulk-delete.h"
#include "sk-test-utils.h"

#define N_FILES 20000

typedef struct
{
  guint n_requests;
  guint n_ok;
} PathCount;

static void
drop_log_cb (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
}

/* One pass over the server's log: DELETE path -> counts. */
static GHashTable *
count_deletes (SkFakeOpenai *fake)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < requests->len; i++)
    {
      const SkFakeRequest *request = g_ptr_array_index (requests, i);
      PathCount *count;

      if (!g_str_equal (request->method, "DELETE"))
        continue;

      count = g_hash_table_lookup (counts, request->path);
      if (count == NULL)
        {
          count = g_new0 (PathCount, 1);
          g_hash_table_insert (counts, request->path, count);
        }
      count->n_requests++;
      if (request->status == 200)
        count->n_ok++;
    }

  return counts;
}

static void
run_job (SkBulkDelete *job)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 240000);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_bulk_delete_get_n_in_flight (job), ==, 0);
}

static void
test_soak (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) input_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) deleted_by = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) counts = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_rate_limited = 0;
  guint n_429 = 0, n_500 = 0, n_dropped = 0;
  guint round;

  /* the client logs every request at debug level: 20,000 lines of noise */
  g_log_set_handler ("sk-core", G_LOG_LEVEL_DEBUG, drop_log_cb, NULL);

  for (guint i = 0; i < N_FILES; i++)
    {
      char *id = g_strdup_printf ("file-soak%06u", i);

      sk_fake_openai_add_file (fake, id, "soak.txt", i % 2 ? "assistants" : "user_data",
                               100, 1700000000 + i);
      g_ptr_array_add (ids, id);
      g_hash_table_add (input_paths, g_strdup_printf ("/v1/files/%s", id));
    }
  /* two files outside the input */
  sk_fake_openai_add_file (fake, "file-keep1", "keep.txt", "assistants", 1, 1);
  sk_fake_openai_add_file (fake, "file-keep2", "keep.txt", "assistants", 1, 2);
  g_ptr_array_add (ids, g_strdup (g_ptr_array_index (ids, 17)));  /* a duplicate */
  g_ptr_array_add (ids, NULL);

  g_object_set (fake,
                "seed", 20000,
                "latency-ms", 1,
                "fail-rate", 0.05,
                "drop-rate", 0.05,
                "rate-limit", 2000.0,
                /* below the 8 the engine's adaptive limit starts at (cap
                 * 32): 429s come whatever the speed of the machine, not
                 * only when it outruns the rate limit */
                "max-concurrent", 6,
                /* short delays: the guarantees, not the pauses, are tested */
                "retry-after-style", "ms+seconds",
                NULL);
  g_object_set (client, "max-attempts", 3, "retry-base-ms", 2, NULL);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids->pdata);
  sk_bulk_delete_set_max_in_flight (job, 32);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (job), ==, N_FILES);
  g_ptr_array_add (jobs, g_object_ref (job));

  run_job (job);
  g_object_get (job, "n-rate-limited", &n_rate_limited, NULL);
  g_test_message ("first round: %u deleted, %u failed in %.1f s; %u rate-limited signals",
                  sk_bulk_delete_get_n_succeeded (job), sk_bulk_delete_get_n_failed (job),
                  sk_bulk_delete_get_elapsed (job), n_rate_limited);

  /* retry the failed ones, faults still on, a few rounds at most */
  for (round = 0; round < 8; round++)
    {
      SkBulkDelete *last = g_ptr_array_index (jobs, jobs->len - 1);
      SkBulkDelete *retry;

      if (sk_bulk_delete_get_n_failed (last) == 0)
        break;
      retry = sk_bulk_delete_new_retry_failed (last);
      g_ptr_array_add (jobs, retry);
      run_job (retry);
      g_test_message ("retry %u: %u deleted, %u failed", round + 1,
                      sk_bulk_delete_get_n_succeeded (retry), sk_bulk_delete_get_n_failed (retry));
    }

  /* Every ID of every round ended in one outcome; a DELETED one was
   * answered 200 exactly once over all rounds, a FAILED one was not (yet)
   * and is still on the server. */
  counts = count_deletes (fake);
  for (guint j = 0; j < jobs->len; j++)
    {
      SkBulkDelete *round_job = g_ptr_array_index (jobs, j);
      GListModel *results = sk_bulk_delete_get_results (round_job);
      guint n = g_list_model_get_n_items (results);

      g_assert_cmpuint (g_list_model_get_n_items (sk_bulk_delete_get_finished (round_job)), ==, n);
      g_assert_cmpuint (sk_bulk_delete_get_n_done (round_job), ==, n);
      g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (round_job) +
                        sk_bulk_delete_get_n_failed (round_job), ==, n);
      g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (round_job), ==, 0);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
          const char *id = sk_bulk_result_get_id (result);
          g_autofree char *path = g_strdup_printf ("/v1/files/%s", id);
          PathCount *count = g_hash_table_lookup (counts, path);

          g_assert_nonnull (count);
          g_assert_cmpuint (count->n_ok, <=, 1);

          switch (sk_bulk_result_get_outcome (result))
            {
            case SK_OUTCOME_DELETED:
              g_assert_true (g_hash_table_add (deleted_by, (gpointer) id));
              g_assert_cmpuint (count->n_ok, ==, 1);
              g_assert_false (sk_fake_openai_has_file (fake, id));
              break;
            case SK_OUTCOME_FAILED:
              g_assert_false (g_hash_table_contains (deleted_by, id));
              g_assert_cmpuint (sk_bulk_result_get_status_code (result), !=, 0);
              /* the last round's failures are still there */
              if (j == jobs->len - 1)
                {
                  g_assert_cmpuint (count->n_ok, ==, 0);
                  g_assert_true (sk_fake_openai_has_file (fake, id));
                }
              break;
            case SK_OUTCOME_CANCELLED:
            case SK_OUTCOME_PENDING:
            default:
              g_assert_not_reached ();
            }
        }
    }

  /* Nothing outside the input was touched, and the server agrees. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (g_hash_table_contains (input_paths, key));
  g_assert_true (sk_fake_openai_has_file (fake, "file-keep1"));
  g_assert_true (sk_fake_openai_has_file (fake, "file-keep2"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), ==,
                    N_FILES + 2 - g_hash_table_size (deleted_by));

  /* the faults really happened */
  {
    const GPtrArray *requests = sk_fake_openai_get_requests (fake);

    for (guint i = 0; i < requests->len; i++)
      {
        const SkFakeRequest *request = g_ptr_array_index (requests, i);

        n_429 += request->status == 429;
        n_500 += request->status == 500;
        n_dropped += request->status == 0;
      }
    g_test_message ("%u requests: %u answered 429, %u answered 500, %u dropped",
                    requests->len, n_429, n_500, n_dropped);
    g_assert_cmpuint (n_429, >, 0);
    g_assert_cmpuint (n_500, >, N_FILES / 40);
    g_assert_cmpuint (n_dropped, >, N_FILES / 40);
    g_assert_cmpuint (n_rate_limited, >, 0);
  }

  /* and in the end everything was deleted */
  g_assert_cmpuint (g_hash_table_size (deleted_by), ==, N_FILES);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soak/20000-deletions", test_soak);

  return g_test_run ();
}
