/* test-journal-retention.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "journal-test-utils.h"

#include <glib/gstdio.h>

#include <string.h>

/* Helpers */

/* A journal line written by an older run, with its own time. */
static void
append_intent (const char *path,
               const char *job_id,
               const char *time,
               const char *item_id)
{
  g_autofree char *line =
    g_strdup_printf ("{\"type\":\"intent\",\"job\":\"%s\",\"time\":\"%s\",\"account\":\"A\","
                     "\"kind\":\"files\",\"origin\":\"local-api\","
                     "\"items\":[{\"id\":\"%s\",\"bytes\":5}]}\n", job_id, time, item_id);
  jt_append_text (path, line);
}

static void
append_end (const char *path,
            const char *job_id,
            const char *time)
{
  g_autofree char *line =
    g_strdup_printf ("{\"type\":\"end\",\"job\":\"%s\",\"time\":\"%s\",\"end\":\"completed\"}\n",
                     job_id, time);
  jt_append_text (path, line);
}

static char *
iso_days_ago (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format_iso8601 (then);
}

/* Tests */

static void
test_retention_by_count (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  char *ids[5];
  GStatBuf st;

  for (guint i = 0; i < 5; i++)
    {
      ids[i] = jt_begin_three (journal);
      jt_outcome (journal, ids[i], "file-a", SK_OUTCOME_DELETED, 0, NULL);
      jt_end (journal, ids[i], SK_JOURNAL_END_COMPLETED);
    }
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 15);

  /* no limit: nothing changes */
  g_assert_true (sk_journal_compact (journal, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 15);

  g_assert_true (sk_journal_compact (journal, 2, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 6);
  g_assert_cmpint (g_stat (sk_journal_get_path (journal), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, ids[3]);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 1)), ==, ids[4]);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (g_ptr_array_index (jobs, 1)), ==, 1);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* The journal goes on appending to the new file. */
  jt_end (journal, ids[0], SK_JOURNAL_END_COMPLETED);  /* a job no longer there: ignored */
  g_free (ids[0]);
  ids[0] = jt_begin_three (journal);
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 3);
  g_assert_true (jt_has_job (jobs, ids[0]));
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* No temporary file is left behind, nor a lock of an ended job. */
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    g_autofree char *running = g_strconcat (sk_journal_get_path (journal), ".running", NULL);
    g_autoptr (GDir) locks = g_dir_open (running, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (handle)) != NULL)
      if (!g_str_has_suffix (name, ".running"))
        n++;
    g_assert_cmpuint (n, ==, 1);
    g_assert_nonnull (locks);
    name = g_dir_read_name (locks);
    g_assert_cmpstr (name, ==, ids[0]);  /* still running */
    g_assert_null (g_dir_read_name (locks));
  }

  for (guint i = 0; i < 5; i++)
    g_free (ids[i]);
  g_clear_object (&journal);
  jt_remove_tree (dir);
}

static void
test_retention_by_age (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autofree char *path = g_build_filename (dir, "journal.jsonl", NULL);
  g_autofree char *t100 = iso_days_ago (100);
  g_autofree char *t91 = iso_days_ago (91);
  g_autofree char *t89 = iso_days_ago (89);
  g_autofree char *t1 = iso_days_ago (1);
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;

  append_intent (path, "old", t100, "file-1");
  append_end (path, "old", t100);
  append_intent (path, "older-than-90", t91, "file-2");
  append_end (path, "older-than-90", t91);
  append_intent (path, "recent", t89, "file-3");
  append_end (path, "recent", t89);
  append_intent (path, "new", t1, "file-4");
  append_end (path, "new", t1);

  journal = jt_open (dir);
  g_assert_true (sk_journal_compact (journal, 200, 90, &error));
  g_assert_no_error (error);

  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, "recent");
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 1)), ==, "new");
  g_assert_cmpint (sk_journal_job_get_origin (g_ptr_array_index (jobs, 1)), ==,
                   SK_JOURNAL_ORIGIN_LOCAL_API);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* both limits: one job by count */
  g_assert_true (sk_journal_compact (journal, 1, 90, &error));
  g_assert_no_error (error);
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, "new");

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

static void
test_retention_keeps_interrupted (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autofree char *path = g_build_filename (dir, "journal.jsonl", NULL);
  g_autofree char *t100 = iso_days_ago (100);
  g_autofree char *t50 = iso_days_ago (50);
  g_autofree char *unknown_type = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *latest = NULL;
  g_autofree char *contents = NULL;

  append_intent (path, "crashed-long-ago", t100, "file-1");
  jt_append_text (path, "{\"type\":\"sent\",\"job\":\"crashed-long-ago\",\"item\":\"file-1\"}\n");
  unknown_type = g_strdup_printf ("{\"type\":\"future\",\"job\":\"crashed-long-ago\",\"time\":\"%s\"}\n",
                                  t100);
  jt_append_text (path, unknown_type);
  append_intent (path, "crashed-seen", t50, "file-2");
  jt_append_text (path, "{\"type\":\"dismiss\",\"job\":\"crashed-seen\"}\n");
  append_intent (path, "ended", t50, "file-3");
  append_end (path, "ended", t50);
  jt_append_text (path, "this line is corrupt\n");

  journal = jt_open (dir);
  latest = jt_begin_three (journal);
  jt_end (journal, latest, SK_JOURNAL_END_COMPLETED);

  g_test_expect_message ("sk-core", G_LOG_LEVEL_MESSAGE, "Journal: skipping line 8,*");
  g_assert_true (sk_journal_compact (journal, 1, 30, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  /* the interrupted job not dismissed stays, with all its lines (even of
   * types this version does not know); the dismissed one goes */
  contents = jt_read_text (path, NULL);
  g_assert_nonnull (strstr (contents, unknown_type));
  g_assert_null (strstr (contents, "corrupt"));
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, "crashed-long-ago");
  g_assert_true (sk_journal_job_get_interrupted (g_ptr_array_index (jobs, 0)));
  g_assert_cmpuint (sk_journal_job_get_n_unknown (g_ptr_array_index (jobs, 0)), ==, 1);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 1)), ==, latest);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* once dismissed it may go */
  g_assert_true (sk_journal_dismiss (journal, "crashed-long-ago", &error));
  g_assert_no_error (error);
  jobs = jt_load (journal);
  g_assert_true (sk_journal_job_get_dismissed (g_ptr_array_index (jobs, 0)));
  g_clear_pointer (&jobs, g_ptr_array_unref);
  g_assert_true (sk_journal_compact (journal, 1, 30, &error));
  g_assert_no_error (error);
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, latest);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* A job whose SkJournal went away mid-way: interrupted, kept even when
   * older than the newest job, and its stale lock file goes with it. */
  {
    g_autoptr (SkJournal) gone = jt_open (dir);
    g_autofree char *running = g_strconcat (path, ".running", NULL);
    g_autofree char *crashed = jt_begin_three (gone);
    g_autofree char *lock = g_build_filename (running, crashed, NULL);
    g_autofree char *newer = NULL;

    g_clear_object (&gone);
    g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
    newer = jt_begin_three (journal);
    jt_end (journal, newer, SK_JOURNAL_END_COMPLETED);

    g_assert_true (sk_journal_compact (journal, 1, 0, &error));
    g_assert_no_error (error);
    jobs = jt_load (journal);
    g_assert_cmpuint (jobs->len, ==, 2);
    g_assert_true (sk_journal_job_get_interrupted (g_ptr_array_index (jobs, 0)));
    g_clear_pointer (&jobs, g_ptr_array_unref);
    g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));

    g_assert_true (sk_journal_dismiss (journal, crashed, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
    g_assert_true (sk_journal_compact (journal, 1, 0, &error));
    g_assert_no_error (error);
    jobs = jt_load (journal);
    g_assert_cmpuint (jobs->len, ==, 1);
    g_assert_cmpstr (sk_journal_job_get_id (g_ptr_array_index (jobs, 0)), ==, newer);
  }

  g_clear_object (&journal);
  jt_remove_tree (dir);
}

static void
test_compact_in_use (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (SkJournal) other = jt_open (dir);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *job_id = jt_begin_three (i == 1 ? other : journal);

      jt_end (journal, job_id, SK_JOURNAL_END_COMPLETED);
    }

  /* another SkJournal has it open: left alone */
  g_assert_true (sk_journal_compact (journal, 1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 6);
  /* and the refused attempt did not cost the first one its lock */
  g_assert_true (sk_journal_compact (other, 1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 6);

  g_clear_object (&other);
  g_assert_true (sk_journal_compact (journal, 1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 2);

  /* one opened after the compaction writes to the new file */
  other = jt_open (dir);
  g_free (jt_begin_three (other));
  g_assert_cmpuint (jt_count_lines (sk_journal_get_path (journal)), ==, 3);

  g_clear_object (&journal);
  g_clear_object (&other);
  jt_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sk/journal/retention/count", test_retention_by_count);
  g_test_add_func ("/sk/journal/retention/age", test_retention_by_age);
  g_test_add_func ("/sk/journal/retention/interrupted-kept", test_retention_keeps_interrupted);
  g_test_add_func ("/sk/journal/retention/in-use", test_compact_in_use);

  return g_test_run ();
}
