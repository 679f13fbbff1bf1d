/* test-usage-index.c: where each file is used.
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-error.h"
#include "sk-usage-index.h"

static gboolean
add (SkUsageIndex  *index,
     gboolean     (*func) (SkUsageIndex *, JsonNode *, GError **),
     const char    *json,
     GError       **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return func (index, node, error);
}

/* Shapes of the official spec's Batch and FineTuningJob examples */
static void
test_batches_and_jobs (void)
{
  g_autoptr (SkUsageIndex) index = sk_usage_index_new ();
  g_autoptr (GError) error = NULL;
  struct { const char *status; gboolean busy; } batch_rows[] = {
    { "validating", TRUE }, { "in_progress", TRUE }, { "finalizing", TRUE }, { "cancelling", TRUE },
    { "completed", FALSE }, { "failed", FALSE }, { "expired", FALSE }, { "cancelled", FALSE },
    { "a_status_added_later", TRUE },
  };
  struct { const char *status; gboolean busy; } job_rows[] = {
    { "validating_files", TRUE }, { "queued", TRUE }, { "running", TRUE },
    { "succeeded", FALSE }, { "failed", FALSE }, { "cancelled", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (batch_rows); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"batch_%u\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
        "\"input_file_id\":\"file-in%u\",\"output_file_id\":%s,\"error_file_id\":null,"
        "\"completion_window\":\"24h\",\"status\":\"%s\",\"created_at\":1711471533}",
        i, i, batch_rows[i].busy ? "null" : "\"file-out\"", batch_rows[i].status);
      g_autofree char *input = g_strdup_printf ("file-in%u", i);

      g_assert_true (add (index, sk_usage_index_add_batch, json, &error));
      g_assert_no_error (error);
      g_test_message ("batch %s", batch_rows[i].status);
      g_assert_cmpint (sk_usage_index_is_busy (index, input), ==, batch_rows[i].busy);
      g_assert_cmpint (sk_usage_index_is_unused (index, input), ==, !batch_rows[i].busy);
    }
  /* the finished batches' shared output file is used, but free to go */
  g_assert_cmpuint (sk_usage_index_count (index, "file-out", SK_USE_BATCH), ==, 4);
  g_assert_false (sk_usage_index_is_busy (index, "file-out"));
  g_assert_true (sk_usage_index_is_unused (index, "file-out"));

  for (guint i = 0; i < G_N_ELEMENTS (job_rows); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"id\":\"ftjob-%u\",\"object\":\"fine_tuning.job\",\"model\":\"gpt-4o-mini\","
        "\"created_at\":1721764800,\"fine_tuned_model\":null,\"organization_id\":\"org-1\","
        "\"result_files\":[\"file-res%u\", 7, null],\"status\":\"%s\",\"validation_file\":\"file-val%u\","
        "\"training_file\":\"file-train%u\",\"hyperparameters\":{},\"trained_tokens\":null,\"error\":null}",
        i, i, job_rows[i].status, i, i);
      g_autofree char *training = g_strdup_printf ("file-train%u", i);
      g_autofree char *validation = g_strdup_printf ("file-val%u", i);
      g_autofree char *result = g_strdup_printf ("file-res%u", i);

      g_assert_true (add (index, sk_usage_index_add_fine_tuning_job, json, &error));
      g_assert_no_error (error);
      g_test_message ("job %s", job_rows[i].status);
      g_assert_cmpint (sk_usage_index_is_busy (index, training), ==, job_rows[i].busy);
      g_assert_cmpint (sk_usage_index_is_busy (index, validation), ==, job_rows[i].busy);
      /* a result file is never an input */
      g_assert_false (sk_usage_index_is_busy (index, result));
      g_assert_cmpuint (sk_usage_index_count (index, result, SK_USE_FINE_TUNING_JOB), ==, 1);
    }
}

static void
test_stores_and_words (void)
{
  g_autoptr (SkUsageIndex) index = sk_usage_index_new ();
  g_autofree char *text = NULL;
  GPtrArray *uses;

  sk_usage_index_add_store_entry (index, "file-a", "vs_1", "completed");
  sk_usage_index_add_store_entry (index, "file-a", "vs_2", "completed");
  sk_usage_index_add_store_entry (index, "file-a", "vs_3", "failed");
  g_assert_true (add (index, sk_usage_index_add_batch,
                      "{\"id\":\"batch_1\",\"input_file_id\":\"file-a\",\"status\":\"in_progress\"}", NULL));
  g_assert_true (add (index, sk_usage_index_add_batch,
                      "{\"id\":\"batch_2\",\"input_file_id\":\"file-a\",\"status\":\"completed\"}", NULL));

  text = sk_usage_index_describe (index, "file-a");
  g_assert_cmpstr (text, ==, "3 stores · 1 batch running · 1 finished batch");
  g_clear_pointer (&text, g_free);
  text = sk_usage_index_describe (index, "file-nothing");
  g_assert_cmpstr (text, ==, "");

  uses = sk_usage_index_get_uses (index, "file-a");
  g_assert_cmpuint (uses->len, ==, 5);
  g_assert_cmpint (((SkFileUse *) uses->pdata[0])->kind, ==, SK_USE_VECTOR_STORE);
  g_assert_cmpstr (((SkFileUse *) uses->pdata[3])->owner_id, ==, "batch_1");
  g_assert_cmpstr (((SkFileUse *) uses->pdata[3])->role, ==, "input");
  g_assert_null (sk_usage_index_get_uses (index, "file-nothing"));

  /* in a store: used, even with no job */
  g_assert_false (sk_usage_index_is_unused (index, "file-a"));
  g_assert_true (sk_usage_index_is_unused (index, "file-nothing"));
}

static void
test_bad_objects (void)
{
  g_autoptr (SkUsageIndex) index = sk_usage_index_new ();
  const char *bad[] = { "[]", "\"batch\"", "null", "{}", "{\"id\":\"\"}", "{\"id\":7}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (add (index, sk_usage_index_add_batch, bad[i], &error));
      g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
      g_clear_error (&error);
      g_assert_false (add (index, sk_usage_index_add_fine_tuning_job, bad[i], &error));
      g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
    }

  /* wrong types inside a good object are ignored, not fatal */
  g_assert_true (add (index, sk_usage_index_add_batch,
                      "{\"id\":\"batch_x\",\"input_file_id\":42,\"output_file_id\":[],\"status\":null}", NULL));
  g_assert_true (add (index, sk_usage_index_add_fine_tuning_job,
                      "{\"id\":\"ftjob-x\",\"training_file\":{},\"result_files\":\"file-1\"}", NULL));
  g_assert_null (sk_usage_index_get_uses (index, "file-1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/usage-index/batches-and-jobs", test_batches_and_jobs);
  g_test_add_func ("/usage-index/stores-and-words", test_stores_and_words);
  g_test_add_func ("/usage-index/bad-objects", test_bad_objects);

  return g_test_run ();
}
