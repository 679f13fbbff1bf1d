/* test-journal-crash.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal after a crash: a child process (journal-crash-helper) deletes
 * the 2,000 files of a simulated account (storekeeper-fake-openai, a third
 * process, with latency) and journals it; this test kills the child with
 * SIGKILL at several moments, then checks that the journal accounts for
 * every ID and agrees exactly with what the account still holds.
 */

#include "sk-journal.h"
#include "sk-test-utils.h"

#include <glib/gstdio.h>

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define N_FILES 2000

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
} Child;

static void
child_clear (Child *child)
{
  g_clear_object (&child->out);
  if (child->process != NULL)
    {
      g_subprocess_force_exit (child->process);
      g_subprocess_wait (child->process, NULL, NULL);
    }
  g_clear_object (&child->process);
}

static char *
child_read_line (Child *child)
{
  g_autoptr (GError) error = NULL;
  char *line = g_data_input_stream_read_line (child->out, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/* A child dies with the test, even when the test is killed. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
child_spawn (Child              *child,
             const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  child->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
}

static GHashTable *
list_file_ids (const char *url)
{
  g_autoptr (SkClient) client = sk_client_new (url, "sk-crash-test-key");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 20000);
  files = sk_client_list_files_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    g_hash_table_add (ids, g_strdup (sk_file_get_id (g_ptr_array_index (files, i))));

  return ids;
}

#define AT_FIRST_SENT (G_MAXUINT - 1)
#define NO_KILL       G_MAXUINT

/* One run: kill the child once the journal holds @kill_after outcomes (0:
 * as soon as it has written its intent; AT_FIRST_SENT: as soon as the
 * first request is recorded as sent, before any outcome; NO_KILL: let it
 * finish). */
static void
crash_run (guint kill_after,
           guint seed)
{
  const char *fake_bin = g_getenv ("FAKE_OPENAI_BIN");
  g_autofree char *helper_bin = g_test_build_filename (G_TEST_BUILT, "journal-crash-helper", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sk-journal-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "journal.jsonl", NULL);
  g_autofree char *seed_arg = g_strdup_printf ("--seed=%u", seed);
  g_autofree char *files_arg = g_strdup_printf ("--files=%u", N_FILES);
  g_autofree char *url = NULL;
  g_autofree char *started = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (GHashTable) after = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  Child fake = { NULL, NULL };
  Child helper = { NULL, NULL };
  gboolean finished = FALSE;
  guint n_outcomes = 0;
  guint gone = 0, unknown_gone = 0, unknown_present = 0;
  SkJournalJob *job;
  GListModel *items;

  g_assert_no_error (error);
  g_assert_nonnull (fake_bin);

  {
    const char *argv[] = { fake_bin, files_arg, "--vector-stores=0", seed_arg,
                           "--latency-ms=3", NULL };

    child_spawn (&fake, argv);
    url = child_read_line (&fake);
    g_assert_nonnull (url);
    g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  }
  before = list_file_ids (url);
  g_assert_cmpuint (g_hash_table_size (before), ==, N_FILES);

  {
    const char *argv[] = { helper_bin, url, dir, NULL };

    child_spawn (&helper, argv);
    started = child_read_line (&helper);
    g_assert_nonnull (started);
    g_assert_true (g_str_has_prefix (started, "started "));
  }

  /* Watch the journal grow (reading what was appended since the last
   * look); kill at the chosen moment. */
  {
    g_autoptr (GString) tail = g_string_new (NULL);
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    gboolean seen_sent = FALSE;
    int fd = open (path, O_RDONLY | O_CLOEXEC);

    g_assert_cmpint (fd, >=, 0);
    while (!finished && n_outcomes < kill_after && !(kill_after == AT_FIRST_SENT && seen_sent))
      {
        char buffer[65536];
        gssize n = read (fd, buffer, sizeof buffer);
        char *newline;

        g_assert_cmpint (n, >=, 0);
        if (n == 0)
          {
            g_assert_cmpint (g_get_monotonic_time (), <, deadline);
            g_usleep (500);
            continue;
          }
        g_string_append_len (tail, buffer, n);
        while ((newline = memchr (tail->str, '\n', tail->len)) != NULL)
          {
            if (g_str_has_prefix (tail->str, "{\"type\":\"outcome\""))
              n_outcomes++;
            else if (g_str_has_prefix (tail->str, "{\"type\":\"sent\""))
              seen_sent = TRUE;
            else if (g_str_has_prefix (tail->str, "{\"type\":\"end\""))
              finished = TRUE;
            g_string_erase (tail, 0, newline - tail->str + 1);
          }
      }
    close (fd);
  }
  if (kill_after < AT_FIRST_SENT)
    g_assert_cmpuint (n_outcomes, >=, kill_after);

  if (kill_after == NO_KILL)
    {
      g_autofree char *done = child_read_line (&helper);

      g_assert_cmpstr (done, ==, "done");
      g_assert_true (g_subprocess_wait (helper.process, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_successful (helper.process));
      finished = TRUE;
    }
  else
    {
      /* Seen from here while the child runs it: running, not interrupted
       * (checked mid-way only: the early kills stay early). */
      if (kill_after >= 250)
        {
          g_autoptr (SkJournal) watcher = sk_journal_new_for_directory (dir, &error);
          g_autoptr (GPtrArray) seen = NULL;
          SkJournalJob *running;

          g_assert_no_error (error);
          seen = sk_journal_load (watcher, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (seen->len, ==, 1);
          running = g_ptr_array_index (seen, 0);
          if (sk_journal_job_get_end (running) == SK_JOURNAL_END_NONE)
            {
              g_assert_true (sk_journal_job_get_running (running));
              g_assert_false (sk_journal_job_get_interrupted (running));
            }
        }

      g_subprocess_send_signal (helper.process, SIGKILL);
      g_assert_true (g_subprocess_wait (helper.process, NULL, &error));
      g_assert_no_error (error);
      /* killed, unless it had already ended on its own */
      if (g_subprocess_get_if_exited (helper.process))
        {
          g_assert_true (g_subprocess_get_successful (helper.process));
          finished = TRUE;
        }
      else
        g_assert_true (g_subprocess_get_if_signaled (helper.process));
    }

  /* Let the account finish the requests the child left on the wire. */
  g_usleep (300 * 1000);
  after = list_file_ids (url);

  /* "Restart": load the journal and compare with the account. */
  journal = sk_journal_new_for_directory (dir, &error);
  g_assert_no_error (error);
  jobs = sk_journal_load (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (sk_journal_job_get_id (job), ==, started + strlen ("started "));
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, "Crash test account");

  /* The intent lists every ID of the account. */
  items = sk_journal_job_get_items (job);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, N_FILES);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (items, i);
      const char *id = sk_journal_item_get_id (item);
      gboolean present = g_hash_table_contains (after, id);

      g_assert_true (g_hash_table_contains (before, id));
      switch (sk_journal_item_get_state (item))
        {
        case SK_JOURNAL_ITEM_DELETED:
          if (present)
            g_error ("%s: deleted in the journal, still in the account", id);
          break;
        case SK_JOURNAL_ITEM_NOT_ATTEMPTED:
          if (!present)
            g_error ("%s: never attempted in the journal, gone from the account", id);
          break;
        case SK_JOURNAL_ITEM_UNKNOWN:
          /* in flight at the kill: the listing says what happened */
          if (present)
            unknown_present++;
          else
            unknown_gone++;
          break;
        case SK_JOURNAL_ITEM_FAILED:
        case SK_JOURNAL_ITEM_CANCELLED:
        default:
          g_error ("%s: unexpected state %d (no faults were injected)", id,
                   sk_journal_item_get_state (item));
        }
      if (!present)
        gone++;
    }

  /* Nothing outside the journal went, and the counts add up. */
  g_assert_cmpuint (g_hash_table_size (before) - g_hash_table_size (after), ==, gone);
  g_assert_cmpuint (gone, ==, sk_journal_job_get_n_deleted (job) + unknown_gone);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job) + sk_journal_job_get_n_unknown (job) +
                    sk_journal_job_get_n_not_attempted (job), ==, N_FILES);
  if (kill_after < AT_FIRST_SENT)
    g_assert_cmpuint (sk_journal_job_get_n_deleted (job), >=, kill_after);
  if (kill_after == AT_FIRST_SENT && !finished)
    g_assert_cmpuint (sk_journal_job_get_n_unknown (job) + sk_journal_job_get_n_deleted (job), >, 0);
  /* the kernel released the dead child's job lock */
  g_assert_cmpint (sk_journal_job_get_interrupted (job), ==, !finished);
  g_assert_false (sk_journal_job_get_running (job));
  if (finished)
    {
      g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
      g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, N_FILES);
      g_assert_cmpuint (g_hash_table_size (after), ==, 0);
    }

  g_test_message ("%s: %u outcomes when the kill was decided; journal: %u deleted, %u unknown (%u gone, "
                  "%u present), %u not attempted%s",
                  g_test_get_path (), n_outcomes, sk_journal_job_get_n_deleted (job), sk_journal_job_get_n_unknown (job),
                  unknown_gone, unknown_present, sk_journal_job_get_n_not_attempted (job),
                  finished ? ", ended" : ", interrupted");

  child_clear (&helper);
  child_clear (&fake);
  g_clear_object (&journal);
  {
    g_autofree char *running = g_strconcat (path, ".running", NULL);
    g_autofree char *lock = g_build_filename (running, started + strlen ("started "), NULL);

    g_unlink (lock);
    g_rmdir (running);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_crash (gconstpointer data)
{
  crash_run (GPOINTER_TO_UINT (data), 1 + GPOINTER_TO_UINT (data) % 1000);
}

int
main (int   argc,
      char *argv[])
{
  static const guint kill_after[] = { 1, 250, 1000, 1900 };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/sk/journal-crash/kill-at-start", GUINT_TO_POINTER (0), test_crash);
  g_test_add_data_func ("/sk/journal-crash/kill-at-first-sent", GUINT_TO_POINTER (AT_FIRST_SENT),
                        test_crash);
  for (guint i = 0; i < G_N_ELEMENTS (kill_after); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sk/journal-crash/kill-after-%u", kill_after[i]);

      g_test_add_data_func (name, GUINT_TO_POINTER (kill_after[i]), test_crash);
    }
  g_test_add_data_func ("/sk/journal-crash/no-kill", GUINT_TO_POINTER (NO_KILL), test_crash);

  return g_test_run ();
}
