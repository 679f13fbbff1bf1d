/* test-history-model.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the deletion history shows and does with a journaled job, without
 * a display: its items as results (each state), its names and summary,
 * the verification against a simulated account, and what resuming it
 * would delete.
 */

#include "config.h"

#include "journal-test-utils.h"
#include "sk-test-utils.h"

#include "sk-bulk-result.h"
#include "sk-history.h"

#define TIMEOUT 30000

/* A journal with one interrupted-looking job over five files of the
 * fake: a and b deleted, c failed 500, d sent (unknown), e not attempted */
static SkJournalJob *
five_state_job (const char *dir)
{
  static const SkJournalItemSpec specs[] = {
    { "file-a", "a.txt", 10, NULL },
    { "file-b", "b.txt", 20, NULL },
    { "file-c", "c.txt", 30, NULL },
    { "file-d", "d.txt", 40, NULL },
    { "file-e", NULL, 0, NULL },
  };
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *job_id = NULL;
  g_autoptr (GPtrArray) jobs = NULL;

  job_id = sk_journal_begin (journal, "Work account", SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_WINDOW,
                             specs, G_N_ELEMENTS (specs), &error);
  g_assert_no_error (error);
  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 200, NULL);
  jt_outcome (journal, job_id, "file-b", SK_OUTCOME_DELETED, 200, NULL);
  jt_outcome (journal, job_id, "file-c", SK_OUTCOME_FAILED, 500, "Server error");
  jt_sent (journal, job_id, "file-d");
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (jobs, 0));
}

typedef struct
{
  const char *id;
  SkOutcome   outcome;
  guint       status;
  gboolean    has_message;
} ResultCase;

static void
test_results (void)
{
  static const ResultCase cases[] = {
    { "file-a", SK_OUTCOME_DELETED, 0, FALSE },      /* the journal keeps no status of a success */
    { "file-b", SK_OUTCOME_DELETED, 0, FALSE },
    { "file-c", SK_OUTCOME_FAILED, 500, TRUE },
    { "file-d", SK_OUTCOME_FAILED, 0, TRUE },      /* unknown */
    { "file-e", SK_OUTCOME_CANCELLED, 0, TRUE },   /* not attempted */
  };
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournalJob) job = five_state_job (dir);
  g_autoptr (GListModel) results = sk_history_job_results (job);
  g_autoptr (GHashTable) names = sk_history_job_names (job);
  g_autofree char *summary = sk_history_job_summary (job);

  g_assert_cmpuint (g_list_model_get_n_items (results), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      g_assert_cmpstr (sk_bulk_result_get_id (result), ==, cases[i].id);
      g_assert_cmpint (sk_bulk_result_get_kind (result), ==, SK_BULK_DELETE_FILES);
      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, cases[i].outcome);
      g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, cases[i].status);
      g_assert_cmpint (sk_bulk_result_get_message (result) != NULL, ==, cases[i].has_message);
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (names, "file-c"), ==, "c.txt");
  g_assert_cmpstr (summary, ==, "Deleted 2 files · 2 failed · 1 not tried (cancelled)");
  jt_remove_tree (dir);
}

/* Verify against the account: b was deleted but is still listed; d (its
 * request in flight) went; e was never tried and is there */
static void
test_verify_and_left (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournalJob) job = five_state_job (dir);
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) present = NULL;
  g_autoptr (GListModel) results = sk_history_job_results (job);
  g_auto (GStrv) left_all = NULL;
  g_auto (GStrv) left = NULL;

  sk_fake_openai_add_file (fake, "file-b", "b.txt", "assistants", 20, 1);
  sk_fake_openai_add_file (fake, "file-c", "c.txt", "assistants", 30, 1);
  sk_fake_openai_add_file (fake, "file-e", "e.txt", "assistants", 50, 1);
  sk_fake_openai_add_file (fake, "file-other", "o.txt", "assistants", 5, 1);

  sk_history_verify_async (client, job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, TIMEOUT);
  present = sk_history_verify_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (present), ==, 3);
  g_assert_true (g_hash_table_contains (present, "file-b"));
  g_assert_false (g_hash_table_contains (present, "file-other"));

  g_assert_cmpuint (sk_history_mark_present (results, present), ==, 1);
  {
    g_autoptr (SkBulkResult) b = g_list_model_get_item (results, 1);
    g_autoptr (SkBulkResult) a = g_list_model_get_item (results, 0);

    g_assert_true (sk_bulk_result_get_still_present (b));
    g_assert_false (sk_bulk_result_get_still_present (a));
  }

  left_all = sk_history_left_ids (job, NULL);
  g_assert_cmpuint (g_strv_length (left_all), ==, 2);
  g_assert_cmpstr (left_all[0], ==, "file-d");
  g_assert_cmpstr (left_all[1], ==, "file-e");
  left = sk_history_left_ids (job, present);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, "file-e");
  jt_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-model/results", test_results);
  g_test_add_func ("/history-model/verify-and-left", test_verify_and_left);

  return g_test_run ();
}
