/* journal-crash-helper.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child of test-journal-crash: lists every file of the account at
 * BASE_URL, journals the intent in JOURNAL_DIR, prints "started JOB_ID",
 * deletes them all with SkBulkDelete while an SkJournalRecorder journals
 * each request and outcome, then journals the end and prints "done". The
 * parent kills it with SIGKILL somewhere in between.
 *
 * Usage: journal-crash-helper BASE_URL JOURNAL_DIR
 */

#include "sk-bulk-delete.h"
#include "sk-journal.h"
#include "sk-journal-recorder.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
write_failed_cb (SkJournalRecorder *recorder,
                 GError            *error,
                 gpointer           user_data)
{
  g_printerr ("journal-crash-helper: %s\n", error->message);
  exit (EXIT_FAILURE);
}

static void
check (gboolean    ok,
       GError     *error)
{
  if (!ok)
    {
      g_printerr ("journal-crash-helper: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (SkJournalRecorder) recorder = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree SkJournalItemSpec *items = NULL;
  g_autofree char *job_id = NULL;
  Wait wait = { loop, NULL };

  if (argc != 3)
    {
      g_printerr ("usage: journal-crash-helper BASE_URL JOURNAL_DIR\n");
      return EXIT_FAILURE;
    }

  client = sk_client_new (argv[1], "sk-crash-test-key");
  g_object_set (client, "retry-base-ms", 5, NULL);

  sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, store_result_cb, &wait);
  g_main_loop_run (loop);
  files = sk_client_list_files_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  check (files != NULL, error);

  items = g_new0 (SkJournalItemSpec, MAX (files->len, 1));
  ids = g_ptr_array_new ();
  for (guint i = 0; i < files->len; i++)
    {
      SkFile *file = g_ptr_array_index (files, i);

      items[i].id = sk_file_get_id (file);
      items[i].name = sk_file_get_filename (file);
      items[i].bytes = sk_file_get_bytes (file);
      g_ptr_array_add (ids, (char *) sk_file_get_id (file));
    }
  g_ptr_array_add (ids, NULL);

  journal = sk_journal_new_for_directory (argv[2], &error);
  check (journal != NULL, error);
  job_id = sk_journal_begin (journal, "Crash test account", SK_JOURNAL_KIND_FILES,
                             SK_JOURNAL_ORIGIN_LOCAL_API, items, files->len, &error);
  check (job_id != NULL, error);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL,
                            (const char * const *) ids->pdata);
  recorder = sk_journal_recorder_new (journal, job_id, job);
  g_signal_connect (recorder, "write-failed", G_CALLBACK (write_failed_cb), NULL);

  printf ("started %s\n", job_id);
  fflush (stdout);

  sk_bulk_delete_run_async (job, NULL, store_result_cb, &wait);
  g_main_loop_run (loop);
  check (sk_bulk_delete_run_finish (job, wait.result, &error), error);
  g_clear_object (&wait.result);

  check (sk_journal_end (journal, job_id, SK_JOURNAL_END_COMPLETED, &error), error);
  printf ("done\n");
  fflush (stdout);

  return EXIT_SUCCESS;
}
