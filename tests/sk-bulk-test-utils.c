/* sk-bulk-test-utils.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers of the bulk engine's tests: fill the fake, run a job, and check
 * the invariants every finished job must satisfy. */

#include "sk-bulk-test-utils.h"

GPtrArray *
sk_bulk_test_add_files (SkFakeOpenai *fake,
                        const char   *prefix,
                        guint         n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      char *id = g_strdup_printf ("%s%05u", prefix, i);

      sk_fake_openai_add_file (fake, id, "notes.txt", "assistants", 1000 + i, 1700000000 + i);
      g_ptr_array_add (ids, id);
    }

  return ids;
}

/* NULL-terminated view of @ids (transfer container) */
const char **
sk_bulk_test_strv_of (GPtrArray *ids)
{
  const char **strv = g_new0 (const char *, ids->len + 1);

  for (guint i = 0; i < ids->len; i++)
    strv[i] = g_ptr_array_index (ids, i);
  return strv;
}

char *
sk_bulk_test_path_for (SkBulkKind  kind,
                       const char *store_id,
                       const char *id)
{
  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      return g_strdup_printf ("/v1/files/%s", id);
    case SK_BULK_DELETE_VECTOR_STORES:
      return g_strdup_printf ("/v1/vector_stores/%s", id);
    case SK_BULK_DETACH_FILES:
      return g_strdup_printf ("/v1/vector_stores/%s/files/%s", store_id, id);
    default:
      g_assert_not_reached ();
    }
}

void
sk_bulk_test_run_job (SkBulkDelete *job,
                      GCancellable *cancellable,
                      guint         timeout_ms)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_bulk_delete_run_async (job, cancellable, sk_test_store_result, &result);
  sk_test_wait_result (&result, timeout_ms);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);
  g_assert_false (sk_bulk_delete_get_running (job));
  g_assert_cmpuint (sk_bulk_delete_get_n_in_flight (job), ==, 0);
}

/* The invariants every finished job must satisfy against the fake:
 * - every distinct input ID has exactly one final outcome, counters agree,
 *   and the finished model holds each result exactly once;
 * - the server's request log shows no DELETE outside the input;
 * - no ID was successfully deleted twice; DELETED ones exactly once;
 * - FAILED and CANCELLED ones are still there (the fake applies a DELETE
 *   only when it answers 200, and @kind's object is checked);
 * - a CANCELLED one was never sent, or only ever answered 4xx (a 429:
 *   nothing was done). */
void
sk_bulk_test_check_job_full (SkBulkDelete *job,
                             SkFakeOpenai *fake,
                             SkBulkKind    kind,
                             const char   *store_id,
                             gboolean      check_log)
{
  GListModel *results = sk_bulk_delete_get_results (job);
  GListModel *finished = sk_bulk_delete_get_finished (job);
  guint n = g_list_model_get_n_items (results);
  g_autoptr (GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) in_finished = g_hash_table_new (NULL, NULL);
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);
  guint n_deleted = 0, n_failed = 0, n_cancelled = 0;

  g_assert_cmpuint (n, ==, sk_bulk_delete_get_n_total (job));
  g_assert_cmpuint (g_list_model_get_n_items (finished), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) finished_result = g_list_model_get_item (finished, i);

      g_assert_true (g_hash_table_add (in_finished, finished_result));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      const char *id = sk_bulk_result_get_id (result);
      g_autofree char *path = sk_bulk_test_path_for (kind, store_id, id);
      guint n_ok = sk_fake_openai_count_deleted (fake, path);
      gboolean present;

      g_assert_true (g_hash_table_contains (in_finished, result));
      g_assert_cmpint (sk_bulk_result_get_kind (result), ==, kind);
      g_assert_true (g_hash_table_add (paths, g_strdup (path)));
      g_assert_cmpuint (n_ok, <=, 1);

      if (kind == SK_BULK_DELETE_FILES)
        present = sk_fake_openai_has_file (fake, id);
      else if (kind == SK_BULK_DELETE_VECTOR_STORES)
        present = sk_fake_openai_has_vector_store (fake, id);
      else
        present = sk_fake_openai_is_attached (fake, store_id, id);

      switch (sk_bulk_result_get_outcome (result))
        {
        case SK_OUTCOME_DELETED:
          n_deleted++;
          g_assert_cmpuint (n_ok, ==, 1);
          g_assert_false (present);
          g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 0);
          g_assert_cmpuint (sk_bulk_result_get_attempts (result), >=, 1);
          break;
        case SK_OUTCOME_FAILED:
          n_failed++;
          g_assert_cmpuint (n_ok, ==, 0);
          g_assert_cmpuint (sk_bulk_result_get_status_code (result), !=, 0);
          g_assert_nonnull (sk_bulk_result_get_message (result));
          break;
        case SK_OUTCOME_CANCELLED:
          n_cancelled++;
          g_assert_cmpuint (n_ok, ==, 0);
          g_assert_true (present);
          if (sk_bulk_result_get_attempts (result) == 0)
            g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", path), ==, 0);
          for (guint j = 0; j < requests->len; j++)
            {
              const SkFakeRequest *request = g_ptr_array_index (requests, j);

              if (g_str_equal (request->method, "DELETE") && g_str_equal (request->path, path))
                {
                  g_assert_cmpuint (request->status, >=, 400);
                  g_assert_cmpuint (request->status, <, 500);
                }
            }
          break;
        case SK_OUTCOME_PENDING:
        default:
          g_assert_not_reached ();
        }
    }

  g_assert_cmpuint (n_deleted, ==, sk_bulk_delete_get_n_succeeded (job));
  g_assert_cmpuint (n_failed, ==, sk_bulk_delete_get_n_failed (job));
  g_assert_cmpuint (n_cancelled, ==, sk_bulk_delete_get_n_cancelled (job));
  g_assert_cmpuint (n_deleted + n_failed + n_cancelled, ==, sk_bulk_delete_get_n_done (job));
  g_assert_cmpuint (sk_bulk_delete_get_n_done (job), ==, n);

  /* Nothing outside the input was touched. */
  for (guint i = 0; check_log && i < requests->len; i++)
    {
      const SkFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "DELETE"))
        g_assert_true (g_hash_table_contains (paths, request->path));
      else
        g_assert_cmpstr (request->method, ==, "GET");
    }
}

void
sk_bulk_test_check_job (SkBulkDelete *job,
                        SkFakeOpenai *fake,
                        SkBulkKind    kind,
                        const char   *store_id)
{
  sk_bulk_test_check_job_full (job, fake, kind, store_id, TRUE);
}

SkBulkResult *
sk_bulk_test_result_for (SkBulkDelete *job,
                         const char   *id)
{
  GListModel *results = sk_bulk_delete_get_results (job);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (g_str_equal (sk_bulk_result_get_id (result), id))
        return result; /* the model keeps it alive */
    }

  return NULL;
}
