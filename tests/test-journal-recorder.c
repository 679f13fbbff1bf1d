/* test-journal-recorder.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "journal-test-utils.h"
#include "sk-bulk-delete.h"
#include "sk-journal-recorder.h"
#include "sk-test-utils.h"

#include <string.h>

/* A real job through SkBulkDelete and the recorder; the journal holds the
 * account's name, never the key the client uses. */
static void
test_recorder_and_no_key (void)
{
  const char *key = "sk-proj-SECRETdoNotWriteMe0123456789";
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkFakeOpenai) fake = sk_fake_openai_new ();
  g_autoptr (SkClient) client = NULL;
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (SkJournalRecorder) recorder = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *job_id = NULL;
  g_autofree char *contents = NULL;
  const char *ids[] = { "file-r0", "file-r1", "file-r2", "file-r3", "file-gone", NULL };
  SkJournalItemSpec items[5];
  SkJournalJob *loaded;
  /* The API takes an account name and items, no key: this fails to
   * compile if sk_journal_begin ever grows another parameter. */
  char *(*begin) (SkJournal *, const char *, SkJournalKind, SkJournalOrigin,
                  const SkJournalItemSpec *, guint, GError **) = sk_journal_begin;

  g_object_set (fake, "api-key", key, NULL);
  sk_fake_openai_listen (fake, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    sk_fake_openai_add_file (fake, ids[i], "notes.txt", "assistants", 10 + i, 1700000000 + i);
  client = sk_test_client_new (fake, key);

  for (guint i = 0; i < 5; i++)
    items[i] = (SkJournalItemSpec) { ids[i], "notes.txt", i < 4 ? 10 + i : 0, NULL };
  job_id = begin (journal, "Work account", SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_LOCAL_API,
                  items, 5, &error);
  g_assert_no_error (error);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, ids);
  recorder = sk_journal_recorder_new (journal, job_id, job);
  g_assert_cmpstr (sk_journal_recorder_get_job_id (recorder), ==, job_id);
  sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);
  g_assert_null (sk_journal_recorder_get_error (recorder));
  jt_end (journal, job_id, SK_JOURNAL_END_COMPLETED);

  jobs = jt_load (journal);
  loaded = g_ptr_array_index (jobs, 0);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (loaded), ==, 4);
  g_assert_cmpuint (sk_journal_job_get_n_failed (loaded), ==, 1);
  g_assert_cmpint (sk_journal_job_get_bytes_deleted (loaded), ==, 10 + 11 + 12 + 13);
  g_assert_cmpuint (sk_journal_item_get_status (sk_journal_job_lookup_item (loaded, "file-gone")),
                    ==, 404);
  for (guint i = 0; i < 5; i++)
    g_assert_true (sk_journal_item_get_sent (sk_journal_job_lookup_item (loaded, ids[i])));

  contents = jt_read_text (sk_journal_get_path (journal), NULL);
  g_assert_nonnull (strstr (contents, "\"account\":\"Work account\""));
  g_assert_null (strstr (contents, key));
  g_assert_null (strstr (contents, "SECRET"));
  g_assert_null (strstr (contents, "sk-"));
  g_assert_null (strstr (contents, "Bearer"));

  g_clear_object (&recorder);
  g_clear_object (&journal);
  jt_remove_tree (dir);
}

static gboolean
recorder_failed_cb_seen = FALSE;

static void
write_failed_cb (SkJournalRecorder *recorder,
                 GError            *error,
                 gpointer           user_data)
{
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (recorder_failed_cb_seen);
  recorder_failed_cb_seen = TRUE;
}

/* A journal that stops accepting records: the job goes on, the recorder
 * reports the first error once. */
static void
test_recorder_write_failed (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (SkJournalRecorder) recorder = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *ids[] = { "file-1", "file-2", "file-3", NULL };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    sk_fake_openai_add_file (fake, ids[i], "a.txt", "assistants", 1, 1700000000);
  journal = sk_journal_new_for_path ("/dev/full", &error);
  g_assert_no_error (error);
  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, ids);
  recorder = sk_journal_recorder_new (journal, "job", job);
  g_signal_connect (recorder, "write-failed", G_CALLBACK (write_failed_cb), NULL);

  sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 3);
  g_assert_true (recorder_failed_cb_seen);
  g_assert_nonnull (sk_journal_recorder_get_error (recorder));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sk/journal/recorder/no-key", test_recorder_and_no_key);
  g_test_add_func ("/sk/journal/recorder/write-failed", test_recorder_write_failed);

  return g_test_run ();
}
