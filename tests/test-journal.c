/* test-journal.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "journal-test-utils.h"
#include "sk-test-utils.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void
test_names (void)
{
  static const struct {
    SkJournalKind kind;
    const char *name;
  } kinds[] = {
    { SK_JOURNAL_KIND_FILES, "files" },
    { SK_JOURNAL_KIND_VECTOR_STORES, "vector_stores" },
    { SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES, "vector_stores_with_files" },
    { SK_JOURNAL_KIND_DETACH, "detach" },
    { SK_JOURNAL_KIND_EXPIRY, "expiry" },
  };
  static const struct {
    SkJournalEnd end;
    const char *name;
  } ends[] = {
    { SK_JOURNAL_END_NONE, "none" },
    { SK_JOURNAL_END_COMPLETED, "completed" },
    { SK_JOURNAL_END_CANCELLED, "cancelled" },
    { SK_JOURNAL_END_ERROR, "error" },
  };
  static const char * const bad[] = { NULL, "", "Files", "file", "completed ", "window2" };
  SkJournalKind kind;
  SkJournalOrigin origin;
  SkJournalEnd end_value;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_cmpstr (sk_journal_kind_to_string (kinds[i].kind), ==, kinds[i].name);
      g_assert_true (sk_journal_kind_from_string (kinds[i].name, &kind));
      g_assert_cmpint (kind, ==, kinds[i].kind);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_assert_cmpstr (sk_journal_end_to_string (ends[i].end), ==, ends[i].name);
      g_assert_true (sk_journal_end_from_string (ends[i].name, &end_value));
      g_assert_cmpint (end_value, ==, ends[i].end);
    }
  g_assert_cmpstr (sk_journal_origin_to_string (SK_JOURNAL_ORIGIN_WINDOW), ==, "window");
  g_assert_cmpstr (sk_journal_origin_to_string (SK_JOURNAL_ORIGIN_LOCAL_API), ==, "local-api");
  g_assert_true (sk_journal_origin_from_string ("local-api", &origin));
  g_assert_cmpint (origin, ==, SK_JOURNAL_ORIGIN_LOCAL_API);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (sk_journal_kind_from_string (bad[i], &kind));
      g_assert_false (sk_journal_end_from_string (bad[i], &end_value));
      g_assert_false (sk_journal_origin_from_string (bad[i], &origin));
    }
}

static void
test_round_trip (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "storekeeper", NULL);
  g_autoptr (SkJournal) journal = jt_open (sub);
  g_autofree char *job_id = jt_begin_three (journal);
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  SkJournalJob *job;
  SkJournalItem *item;
  GStatBuf st;

  g_assert_true (g_uuid_string_is_valid (job_id));
  g_assert_true (g_str_has_suffix (sk_journal_get_path (journal), "/storekeeper/journal.jsonl"));
  g_assert_cmpint (g_stat (sk_journal_get_path (journal), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  jt_sent (journal, job_id, "file-a");
  jt_sent (journal, job_id, "file-b");
  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);

  /* Running (no end, this journal holds its lock): a DELETED, b sent
   * without outcome (UNKNOWN), c never sent. */
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 1);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (sk_journal_job_get_id (job), ==, job_id);
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, "Work account");
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_FILES);
  g_assert_cmpint (sk_journal_job_get_origin (job), ==, SK_JOURNAL_ORIGIN_WINDOW);
  g_assert_nonnull (sk_journal_job_get_time (job));
  g_assert_true (sk_journal_job_get_running (job));
  g_assert_false (sk_journal_job_get_interrupted (job));
  g_assert_false (sk_journal_job_get_dismissed (job));
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_NONE);
  g_assert_null (sk_journal_job_get_end_time (job));
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 3);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_unknown (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_not_attempted (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_failed (job), ==, 0);
  g_assert_cmpint (sk_journal_job_get_bytes_deleted (job), ==, 100);
  jt_assert_state (job, "file-a", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-b", SK_JOURNAL_ITEM_UNKNOWN);
  jt_assert_state (job, "file-c", SK_JOURNAL_ITEM_NOT_ATTEMPTED);
  ids = sk_journal_job_list_ids (job, SK_JOURNAL_ITEM_UNKNOWN);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "file-b");
  item = sk_journal_job_lookup_item (job, "file-b");
  g_assert_cmpstr (sk_journal_item_get_name (item), ==, "b.pdf");
  g_assert_cmpint (sk_journal_item_get_bytes (item), ==, 2000);
  g_assert_true (sk_journal_item_get_sent (item));
  g_assert_null (sk_journal_item_get_vector_store_id (item));
  g_assert_null (sk_journal_job_lookup_item (job, "file-zzz"));
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* The rest, then the end; the last outcome of an item wins. */
  jt_outcome (journal, job_id, "file-b", SK_OUTCOME_FAILED, 500, "The server had an error");
  jt_outcome (journal, job_id, "file-c", SK_OUTCOME_CANCELLED, 0, NULL);
  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);
  jt_end (journal, job_id, SK_JOURNAL_END_CANCELLED);

  jobs = jt_load (journal);
  job = g_ptr_array_index (jobs, 0);
  g_assert_false (sk_journal_job_get_interrupted (job));
  g_assert_false (sk_journal_job_get_running (job));
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_CANCELLED);
  g_assert_nonnull (sk_journal_job_get_end_time (job));
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_failed (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_cancelled (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_unknown (job), ==, 0);
  g_assert_cmpuint (sk_journal_job_get_n_not_attempted (job), ==, 0);
  g_assert_cmpint (sk_journal_job_get_bytes_deleted (job), ==, 100);
  item = sk_journal_job_lookup_item (job, "file-b");
  g_assert_cmpint (sk_journal_item_get_state (item), ==, SK_JOURNAL_ITEM_FAILED);
  g_assert_cmpuint (sk_journal_item_get_status (item), ==, 500);
  g_assert_cmpstr (sk_journal_item_get_message (item), ==, "The server had an error");
  g_assert_cmpuint (g_list_model_get_n_items (sk_journal_job_get_items (job)), ==, 3);

  /* one line per record: intent, 2 sent, 4 outcomes, end */
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 8);

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

static void
test_kinds_and_items (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  static const SkJournalItemSpec detach[] = {
    { "file-x", "x.txt", 1, "vs_1" },
    { "file-y", "y.txt", 2, "vs_1" },
  };
  /* a name with a newline, quotes, a backslash and non-ASCII stays on its line */
  static const SkJournalItemSpec stores[] = { { "vs_1", "Store\n\"Q3\" \\ é ✓", 0, NULL } };
  static const SkJournalItemSpec found[] = {
    { "file-x", "x.txt", 1, NULL },
    { "vs_1", "again", 0, NULL },   /* already there: ignored */
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *detach_id = NULL;
  g_autofree char *stores_id = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  SkJournalJob *job;

  detach_id = sk_journal_begin (journal, "A", SK_JOURNAL_KIND_DETACH, SK_JOURNAL_ORIGIN_LOCAL_API,
                                detach, 2, &error);
  g_assert_no_error (error);
  stores_id = sk_journal_begin (journal, "A", SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES,
                                SK_JOURNAL_ORIGIN_WINDOW, stores, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detach_id, !=, stores_id);
  g_assert_true (sk_journal_add_items (journal, stores_id, found, 2, &error));
  g_assert_no_error (error);
  jt_outcome (journal, stores_id, "file-x", SK_OUTCOME_DELETED, 0, NULL);

  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 2);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_DETACH);
  g_assert_cmpint (sk_journal_job_get_origin (job), ==, SK_JOURNAL_ORIGIN_LOCAL_API);
  g_assert_cmpstr (sk_journal_item_get_vector_store_id (sk_journal_job_lookup_item (job, "file-y")),
                   ==, "vs_1");
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES);
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 2);
  g_assert_cmpstr (sk_journal_item_get_name (sk_journal_job_lookup_item (job, "vs_1")), ==,
                   "Store\n\"Q3\" \\ é ✓");
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 4);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_not_attempted (job), ==, 1);
  g_assert_cmpint (sk_journal_job_get_bytes_deleted (job), ==, 1);

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

/* Loads of @contents (a file of that text) see exactly the jobs, items and
 * states of @expected (a load of the same records without the torn one). */
static void
assert_same_jobs (GPtrArray *jobs,
                  GPtrArray *expected)
{
  g_assert_cmpuint (jobs->len, ==, expected->len);
  for (guint i = 0; i < jobs->len; i++)
    {
      SkJournalJob *a = g_ptr_array_index (jobs, i);
      SkJournalJob *b = g_ptr_array_index (expected, i);

      g_assert_cmpstr (sk_journal_job_get_id (a), ==, sk_journal_job_get_id (b));
      g_assert_cmpint (sk_journal_job_get_end (a), ==, sk_journal_job_get_end (b));
      g_assert_cmpuint (sk_journal_job_get_n_items (a), ==, sk_journal_job_get_n_items (b));
      for (guint s = 0; s < SK_JOURNAL_N_ITEM_STATES; s++)
        g_assert_cmpuint (sk_journal_job_count (a, s), ==, sk_journal_job_count (b, s));
    }
}

/* Cuts the file after every byte of its last record: the load never fails,
 * and sees everything before that record, never the torn record. Then a
 * record appended after the torn bytes is read back whole. */
static void
check_torn_last_record (const char *dir,
                        const char *full,
                        gsize       full_length)
{
  g_autofree char *path = g_build_filename (dir, "torn.jsonl", NULL);
  g_autoptr (GPtrArray) before = NULL;
  gsize last_start = 0;

  g_assert_cmpint (full[full_length - 1], ==, '\n');
  for (gsize i = 0; i + 1 < full_length; i++)
    if (full[i] == '\n')
      last_start = i + 1;

  jt_write_text (path, full, last_start);
  before = jt_load_path (path);

  for (gsize cut = last_start; cut < full_length; cut++)
    {
      g_autoptr (GPtrArray) jobs = NULL;
      g_autoptr (SkJournal) journal = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *job_id = NULL;
      gboolean torn = cut > last_start;

      jt_write_text (path, full, cut);
      jobs = jt_load_path (path);
      assert_same_jobs (jobs, before);
      g_clear_pointer (&jobs, g_ptr_array_unref);

      /* (each append syncs: only near the edges and every 16 bytes) */
      if (cut > last_start + 2 && cut + 2 < full_length && cut % 16 != 0)
        continue;

      /* A new record after the torn bytes: those become a line of their
       * own, skipped with a message (except when only the newline was
       * missing: then the record itself is whole). */
      journal = sk_journal_new_for_path (path, &error);
      g_assert_no_error (error);
      job_id = jt_begin_three (journal);
      if (torn && cut < full_length - 1)
        g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: skipping line*");
      jobs = jt_load (journal);
      g_test_assert_expected_messages ();
      g_assert_true (jt_has_job (jobs, job_id));
      g_assert_cmpuint (jobs->len, >=, before->len + 1);
    }

  g_unlink (path);
}

static void
test_torn_last_line (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *job_id = NULL;
  gsize length;

  /* The last record is an intent, the only record of its job. */
  {
    g_autoptr (SkJournal) journal = jt_open (dir);

    path = g_strdup (sk_journal_get_path (journal));
    g_free (jt_begin_three (journal));
    contents = jt_read_text (path, &length);
  }
  check_torn_last_record (dir, contents, length);
  g_clear_pointer (&contents, g_free);

  /* The last record is an outcome; an earlier job is ended. */
  {
    g_autoptr (SkJournal) journal = jt_open (dir);

    job_id = jt_begin_three (journal);
    jt_sent (journal, job_id, "file-b");
    jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);
    jt_outcome (journal, job_id, "file-b", SK_OUTCOME_FAILED, 404, "No such File object");
    contents = jt_read_text (path, &length);
  }
  check_torn_last_record (dir, contents, length);

  jt_remove_tree (dir);
}

static void
test_corrupt_middle_line (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  const char *path = sk_journal_get_path (journal);
  g_autofree char *job_id = jt_begin_three (journal);
  g_autofree char *other_id = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  SkJournalJob *job;

  jt_append_text (path, "{\"type\":\"outcome\",\"job\":\"oops\n");
  jt_append_text (path, "[1,2,3]\n");
  jt_append_text (path, "\n");
  jt_append_text (path, "{\"type\":\"outcome\"}\n");
  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);
  /* records of a newer version, and of a job without intent: ignored */
  jt_append_text (path, "{\"type\":\"checkpoint\",\"job\":\"x\",\"time\":\"2026-01-01T00:00:00Z\"}\n");
  {
    g_autofree char *future = g_strdup_printf ("{\"type\":\"paused\",\"job\":\"%s\"}\n", job_id);
    jt_append_text (path, future);
  }
  jt_append_text (path, "{\"type\":\"outcome\",\"job\":\"no-such-job\",\"item\":\"file-a\","
                     "\"outcome\":\"deleted\"}\n");
  /* an outcome naming an item outside the job, or an unknown outcome */
  {
    g_autofree char *stray =
      g_strdup_printf ("{\"type\":\"outcome\",\"job\":\"%s\",\"item\":\"file-zz\","
                       "\"outcome\":\"deleted\"}\n", job_id);
    g_autofree char *odd =
      g_strdup_printf ("{\"type\":\"outcome\",\"job\":\"%s\",\"item\":\"file-c\","
                       "\"outcome\":\"vanished\"}\n", job_id);
    jt_append_text (path, stray);
    jt_append_text (path, odd);
  }
  other_id = jt_begin_three (journal);
  jt_outcome (journal, other_id, "file-c", SK_OUTCOME_DELETED, 0, NULL);

  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: skipping line 2,*");
  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: skipping line 3,*");
  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: line 5: *");
  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: line 10: *file-zz*");
  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: line 11: *");
  jobs = jt_load (journal);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (jobs->len, ==, 2);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (sk_journal_job_get_id (job), ==, job_id);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_not_attempted (job), ==, 2);
  job = g_ptr_array_index (jobs, 1);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 1);
  jt_assert_state (job, "file-c", SK_JOURNAL_ITEM_DELETED);

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

#define N_INTERLEAVED 300

static void
write_job (const char *dir,
           guint       n)
{
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autofree SkJournalItemSpec *items = g_new0 (SkJournalItemSpec, n);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *job_id = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("file-%05u", i));
      items[i].id = g_ptr_array_index (names, i);
      items[i].bytes = 1;
    }
  job_id = sk_journal_begin (journal, "child", SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_LOCAL_API,
                             items, n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      jt_sent (journal, job_id, items[i].id);
      jt_outcome (journal, job_id, items[i].id, SK_OUTCOME_DELETED, 0, NULL);
    }
  jt_end (journal, job_id, SK_JOURNAL_END_COMPLETED);
}

static void
test_two_jobs_interleaved (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) window = jt_open (dir);
  g_autoptr (SkJournal) local_api = jt_open (dir);
  g_autofree char *a = jt_begin_three (window);
  g_autofree char *b = jt_begin_three (local_api);
  g_autoptr (GPtrArray) jobs = NULL;
  pid_t children[3];

  /* In this process: two journals, records alternating. */
  jt_outcome (window, a, "file-a", SK_OUTCOME_DELETED, 0, NULL);
  jt_outcome (local_api, b, "file-a", SK_OUTCOME_FAILED, 403, "Forbidden");
  jt_outcome (window, a, "file-b", SK_OUTCOME_DELETED, 0, NULL);
  jt_sent (local_api, b, "file-b");
  jt_end (window, a, SK_JOURNAL_END_COMPLETED);

  /* And three processes appending at the same time as this one. */
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = fork ();
      g_assert_cmpint (children[i], >=, 0);
      if (children[i] == 0)
        {
          write_job (dir, N_INTERLEAVED);
          /* the child never unwinds this frame: free what valgrind would
           * count as lost at its _exit() */
          g_free (g_steal_pointer (&dir));
          _exit (0);
        }
    }
  write_job (dir, N_INTERLEAVED);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  jobs = jt_load (window);  /* any corrupt line would log a message: fatal here */
  g_assert_cmpuint (jobs->len, ==, 2 + 4);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (g_ptr_array_index (jobs, 0)), ==, 2);
  g_assert_false (sk_journal_job_get_interrupted (g_ptr_array_index (jobs, 0)));
  g_assert_cmpuint (sk_journal_job_get_n_failed (g_ptr_array_index (jobs, 1)), ==, 1);
  g_assert_cmpuint (sk_journal_job_get_n_unknown (g_ptr_array_index (jobs, 1)), ==, 1);
  g_assert_true (sk_journal_job_get_running (g_ptr_array_index (jobs, 1)));
  for (guint i = 2; i < jobs->len; i++)
    {
      SkJournalJob *job = g_ptr_array_index (jobs, i);

      g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, N_INTERLEAVED);
      g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
    }
  g_assert_cmpuint (jt_count_records (sk_journal_get_path (window)), ==,
                    2 + 5 + 4 * (2 + 2 * N_INTERLEAVED));

  g_clear_object (&window);
  g_clear_object (&local_api);
  jt_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *expected = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SkJournal) journal = NULL;

      dir = g_strdup (g_getenv ("SK_TEST_READ_ONLY_DIR"));
      g_assert_nonnull (dir);
      /* root writes anywhere: be somebody else */
      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }

      journal = sk_journal_new_for_directory (dir, &error);
      g_assert_null (journal);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      expected = g_build_filename (dir, "journal.jsonl", NULL);
      g_assert_true (g_str_has_prefix (error->message, "Could not open the deletion history"));
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);

      sub = g_build_filename (dir, "storekeeper", NULL);
      journal = sk_journal_new_for_directory (sub, &error);
      g_assert_null (journal);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      return;
    }

  dir = jt_make_dir ();
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("SK_TEST_READ_ONLY_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_unsetenv ("SK_TEST_READ_ONLY_DIR");
  g_chmod (dir, 0700);
  jt_remove_tree (dir);
}

static gboolean
lock_file_exists (SkJournal  *journal,
                  const char *job_id)
{
  g_autofree char *running = g_strconcat (sk_journal_get_path (journal), ".running", NULL);
  g_autofree char *lock = g_build_filename (running, job_id, NULL);

  return g_file_test (lock, G_FILE_TEST_EXISTS);
}

static SkJournalJob *
find_job (GPtrArray  *jobs,
          const char *job_id)
{
  SkJournalJob *job = jt_find_job (jobs, job_id);

  g_assert_nonnull (job);
  return job;
}

/* A job without an end is running while the journal that began it has it
 * open (seen from another journal on the same file too), interrupted once
 * that journal is gone without an end. */
static void
test_running_or_interrupted (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) window = jt_open (dir);
  g_autoptr (SkJournal) other = jt_open (dir);
  g_autofree char *ended = jt_begin_three (window);
  g_autofree char *crashed = jt_begin_three (window);
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;

  jobs = jt_load (other);
  g_assert_true (sk_journal_job_get_running (find_job (jobs, ended)));
  g_assert_true (sk_journal_job_get_running (find_job (jobs, crashed)));
  g_assert_false (sk_journal_job_get_interrupted (find_job (jobs, crashed)));
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* an end releases the lock and removes its file */
  jt_end (window, ended, SK_JOURNAL_END_COMPLETED);
  g_assert_false (lock_file_exists (window, ended));
  jobs = jt_load (other);
  g_assert_false (sk_journal_job_get_running (find_job (jobs, ended)));
  g_assert_false (sk_journal_job_get_interrupted (find_job (jobs, ended)));
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* the journal goes away mid-job: interrupted; the lock file stays */
  g_clear_object (&window);
  g_assert_true (lock_file_exists (other, crashed));
  jobs = jt_load (other);
  g_assert_false (sk_journal_job_get_running (find_job (jobs, crashed)));
  g_assert_true (sk_journal_job_get_interrupted (find_job (jobs, crashed)));
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* dismissing it removes the stale lock file; it stays interrupted */
  g_assert_true (sk_journal_dismiss (other, crashed, &error));
  g_assert_no_error (error);
  g_assert_false (lock_file_exists (other, crashed));
  jobs = jt_load (other);
  g_assert_true (sk_journal_job_get_interrupted (find_job (jobs, crashed)));
  g_assert_true (sk_journal_job_get_dismissed (find_job (jobs, crashed)));
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* a journal file naming a job that is not a UUID never reaches the disk
   * outside the lock folder */
  jt_append_text (sk_journal_get_path (other),
                  "{\"type\":\"intent\",\"job\":\"../../escape\",\"time\":\"2026-01-01T00:00:00Z\","
                  "\"kind\":\"files\",\"items\":[]}\n");
  jobs = jt_load (other);
  g_assert_true (sk_journal_job_get_interrupted (find_job (jobs, "../../escape")));
  g_assert_true (sk_journal_dismiss (other, "../../escape", &error));
  g_assert_no_error (error);

  g_clear_object (&other);
  jt_remove_tree (dir);
}

/* A write cut short (the file size limit stands for a full disk): the
 * call fails, and the next record, once there is room again, starts on a
 * line of its own, so the torn bytes never swallow it. */
static void
test_partial_write (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autofree char *job_id = jt_begin_three (journal);
  g_autofree char *long_message = g_strnfill (400, 'x');
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  struct rlimit saved, limit;
  GStatBuf st;
  void (*saved_handler) (int);

  g_assert_cmpint (g_stat (sk_journal_get_path (journal), &st), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = st.st_size + 100;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (sk_journal_record_outcome (journal, job_id, "file-b", SK_OUTCOME_FAILED, 500,
                                             long_message, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Could not write to the deletion history"));
  g_clear_error (&error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);
  g_assert_cmpint (g_stat (sk_journal_get_path (journal), &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, limit.rlim_cur);  /* 100 bytes of the record went */

  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);
  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: skipping line 2,*");
  jobs = jt_load (journal);
  g_test_assert_expected_messages ();
  jt_assert_state (g_ptr_array_index (jobs, 0), "file-a", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (g_ptr_array_index (jobs, 0), "file-b", SK_JOURNAL_ITEM_NOT_ATTEMPTED);

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

/* With no folder given, the journal lives in the user's data folder. */
static void
test_default_location (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "storekeeper",
                                                "journal.jsonl", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = sk_journal_new (&error);

  g_assert_no_error (error);
  g_assert_cmpstr (sk_journal_get_path (journal), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_disk_full (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  char *job_id;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  journal = sk_journal_new_for_path ("/dev/full", &error);
  g_assert_no_error (error);

  job_id = sk_journal_begin (journal, "A", SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_WINDOW,
                             jt_three_items, 3, &error);
  g_assert_null (job_id);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not write to the deletion history “/dev/full”: "));
  g_clear_error (&error);

  g_assert_false (sk_journal_record_outcome (journal, "job", "file-a", SK_OUTCOME_DELETED, 0, NULL,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_false (sk_journal_end (journal, "job", SK_JOURNAL_END_ERROR, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* not a file it can read back */
  jobs = sk_journal_load (journal, &error);
  g_assert_null (jobs);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Could not read the deletion history"));
}

/* The cost of durability: 2,000 outcomes synced one by one, and batched. */
static void
test_sync_cost (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autofree SkJournalItemSpec *items = g_new0 (SkJournalItemSpec, 2000);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  /* one fdatasync costs 0.2 to 5 ms here: 2,000 of them only with -m slow */
  guint n_each = g_test_slow () ? 2000 : 200;
  double seconds[2];

  for (guint i = 0; i < 2000; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("file-%05u", i));
      items[i].id = g_ptr_array_index (names, i);
    }

  for (guint each = 0; each < 2; each++)
    {
      g_autoptr (SkJournal) journal = jt_open (dir);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) jobs = NULL;
      g_autofree char *job_id = NULL;
      gint64 start;

      sk_journal_set_sync_each_record (journal, each == 1);
      job_id = sk_journal_begin (journal, "A", SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_WINDOW,
                                 items, 2000, &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < (each ? n_each : 2000); i++)
        jt_outcome (journal, job_id, items[i].id, SK_OUTCOME_DELETED, 0, NULL);
      g_assert_true (sk_journal_sync (journal, &error));
      g_assert_no_error (error);
      seconds[each] = (g_get_monotonic_time () - start) / 1e6;

      jobs = jt_load (journal);
      g_assert_cmpuint (sk_journal_job_get_n_deleted (g_ptr_array_index (jobs, each)), ==,
                        each ? n_each : 2000);
    }

  g_test_message ("2,000 outcomes: %.3f s batched (at most %d ms / %d records); "
                  "%u outcomes with an fdatasync each: %.3f s (%.2f ms each)",
                  seconds[0], SK_JOURNAL_SYNC_MAX_DELAY_MS, SK_JOURNAL_SYNC_MAX_RECORDS,
                  n_each, seconds[1], seconds[1] * 1000 / n_each);
  jt_remove_tree (dir);
}

/* The timer syncs a batch left pending, and a journal freed with records
 * pending is not a problem. */
static void
test_batch_timer (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autofree char *job_id = jt_begin_three (journal);
  g_autoptr (GError) error = NULL;

  jt_outcome (journal, job_id, "file-a", SK_OUTCOME_DELETED, 0, NULL);
  jt_outcome (journal, job_id, "file-b", SK_OUTCOME_DELETED, 0, NULL);
  sk_test_spin (SK_JOURNAL_SYNC_MAX_DELAY_MS * 2);
  g_assert_true (sk_journal_sync (journal, &error));
  g_assert_no_error (error);
  jt_outcome (journal, job_id, "file-c", SK_OUTCOME_DELETED, 0, NULL);
  g_clear_object (&journal);

  journal = jt_open (dir);
  {
    g_autoptr (GPtrArray) jobs = jt_load (journal);

    g_assert_cmpuint (sk_journal_job_get_n_deleted (g_ptr_array_index (jobs, 0)), ==, 3);
  }

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sk/journal/names", test_names);
  g_test_add_func ("/sk/journal/round-trip", test_round_trip);
  g_test_add_func ("/sk/journal/kinds-and-items", test_kinds_and_items);
  g_test_add_func ("/sk/journal/torn-last-line", test_torn_last_line);
  g_test_add_func ("/sk/journal/corrupt-middle-line", test_corrupt_middle_line);
  g_test_add_func ("/sk/journal/running-or-interrupted", test_running_or_interrupted);
  g_test_add_func ("/sk/journal/two-jobs-interleaved", test_two_jobs_interleaved);
  g_test_add_func ("/sk/journal/error/read-only-folder", test_read_only_folder);
  g_test_add_func ("/sk/journal/error/disk-full", test_disk_full);
  g_test_add_func ("/sk/journal/error/partial-write", test_partial_write);
  g_test_add_func ("/sk/journal/default-location", test_default_location);
  g_test_add_func ("/sk/journal/sync/cost", test_sync_cost);
  g_test_add_func ("/sk/journal/sync/timer", test_batch_timer);

  return g_test_run ();
}
