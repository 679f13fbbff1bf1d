/* test-history.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deletion history on a display: the History window lists a job
 * written by a real deletion, opens its items in the results panel, and
 * Verify now flags a "deleted" item the account still lists; the resume
 * prompt comes for an interrupted job when its account opens, and Resume,
 * once confirmed, deletes only what was left (the simulated account's
 * request log is the proof); the question asked when the journal cannot
 * be written.
 */

#include "config.h"

#include <string.h>

#include "journal-test-utils.h"
#include "sk-test-deletion.h"
#include "sk-test-utils.h"

#include "sk-history-window.h"
#include "sk-journal-prompts.h"
#include "sk-resume-prompt.h"
#include "sk-window-private.h"

#define TIMEOUT 30000
#define ACCOUNT "OpenAI account"

static void
add_files (SkFakeOpenai *fake,
           guint         first,
           guint         n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);
      g_autofree char *name = g_strdup_printf ("report-%02u.pdf", i);

      sk_fake_openai_add_file (fake, id, name, "assistants", 1000 + i, 1700000000 + i);
    }
}

static gboolean
deletion_idle (gpointer data)
{
  return !sk_deletion_get_running (data);
}

static gboolean
not_verifying (gpointer data)
{
  return !sk_history_window_get_verifying (data);
}

static void
test_window_lists_opens_verifies (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkDeletion) deletion = sk_deletion_new (client);
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const ids[] = { "file-001", "file-002", NULL };
  g_autofree char *row = NULL;
  g_autofree char *copy = NULL;
  SkHistoryWindow *window;
  SkResultsPanel *panel;

  add_files (fake, 0, 4);
  g_hash_table_insert (names, (gpointer) "file-001", (gpointer) "report-01.pdf");
  sk_deletion_set_names (deletion, names);
  sk_deletion_set_journal (deletion, journal);
  sk_deletion_set_account_name (deletion, ACCOUNT);
  g_assert_true (sk_deletion_delete_files (deletion, ids));
  sk_test_wait_until (deletion_idle, deletion, TIMEOUT);
  /* someone put file-002 back: the history says deleted, the account lists it */
  add_files (fake, 2, 1);

  window = sk_history_window_new (journal);
  sk_history_window_set_account (window, client, ACCOUNT);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (sk_history_window_get_n_jobs (window), ==, 1);
  row = sk_history_window_dup_row_text (window, 0);
  g_test_message ("%s", row);
  g_assert_nonnull (strstr (row, "Files"));
  g_assert_nonnull (strstr (row, ACCOUNT));
  g_assert_nonnull (strstr (row, "Deleted 2 files"));
  g_assert_nonnull (strstr (row, "Completed"));
  g_assert_null (sk_history_window_dup_row_text (window, 1));

  sk_history_window_open_job (window, 0);
  panel = sk_history_window_get_results_panel (window);
  g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_results (panel)), ==, 2);
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, 2);
  g_assert_cmpuint (sk_results_panel_get_n_still_present (panel), ==, 0);
  copy = sk_results_panel_dup_copy_text (panel);
  g_assert_nonnull (strstr (copy, "file-001"));
  g_assert_nonnull (strstr (copy, "file-002"));
  sk_results_panel_set_filter_text (panel, "file-002");
  g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_shown (panel)), ==, 1);
  sk_results_panel_set_filter_text (panel, "");

  g_assert_true (sk_history_window_get_can_verify (window));
  sk_history_window_verify (window);
  g_assert_true (sk_history_window_get_verifying (window));
  sk_test_wait_until (not_verifying, window, TIMEOUT);
  g_assert_cmpuint (sk_results_panel_get_n_still_present (panel), ==, 1);

  /* another account's jobs are not verified with this one */
  sk_history_window_set_account (window, client, "Another account");
  g_assert_false (sk_history_window_get_can_verify (window));

  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_spin (50);
  jt_remove_tree (dir);
}

/* file-000..009 in one job: 000-003 deleted, 004 and 005 in flight (004
 * went, 005 did not), 006-009 never tried; the process "crashed" (the
 * journal object goes without an end). The account lists 005-009. */
static void
write_interrupted_job (const char   *dir,
                       SkFakeOpenai *fake)
{
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *job_id = NULL;
  SkJournalItemSpec specs[10];
  char *ids[10];

  for (guint i = 0; i < 10; i++)
    {
      ids[i] = g_strdup_printf ("file-%03u", i);
      specs[i] = (SkJournalItemSpec) { ids[i], NULL, 1000 + i, NULL };
    }
  job_id = sk_journal_begin (journal, ACCOUNT, SK_JOURNAL_KIND_FILES, SK_JOURNAL_ORIGIN_WINDOW,
                             specs, 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    jt_sent (journal, job_id, ids[i]);
  for (guint i = 0; i < 4; i++)
    jt_outcome (journal, job_id, ids[i], SK_OUTCOME_DELETED, 200, NULL);
  for (guint i = 0; i < 10; i++)
    g_free (ids[i]);
  add_files (fake, 5, 5);
  add_files (fake, 20, 3);
}

/* A window on the account of @fake, its deletions journaled in @journal */
static SkWindow *
open_window (SkFakeOpenai *fake,
             SkJournal    *journal)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (SkAccount) account = sk_account_new (SK_ACCOUNT_KEYRING, url, "sk-test-key", NULL, NULL);
  SkWindow *window = g_object_ref (sk_window_new (NULL));

  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, NULL);
  g_assert_cmpstr (sk_account_get_title (account), ==, ACCOUNT);
  gtk_window_present (GTK_WINDOW (window));
  sk_journal_prompts_attach (window, journal, NULL);
  sk_window_set_account (window, account);
  return window;
}

static void
close_window (SkWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_spin (50);
  g_object_unref (window);
}

static gboolean
has_prompt (gpointer data)
{
  return sk_resume_prompt_get_dialog (data) != NULL;
}

static gboolean
window_idle (gpointer data)
{
  return !sk_window_get_job_running (data) && sk_window_get_results_revealed (data);
}

static void
test_resume_prompt (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkJournal) journal = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  AdwMessageDialog *prompt, *confirm;
  const char *body;
  SkWindow *window;

  write_interrupted_job (dir, fake);
  journal = jt_open (dir);
  window = open_window (fake, journal);
  sk_test_wait_until (has_prompt, window, TIMEOUT);

  prompt = sk_resume_prompt_get_dialog (GTK_WINDOW (window));
  body = adw_message_dialog_get_body (prompt);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "A deletion of 10 files was interrupted on "));
  g_assert_nonnull (strstr (body, ": 4 deleted, 4 not attempted, 2 unknown."));
  g_assert_nonnull (strstr (body, "still lists 1"));
  g_assert_nonnull (strstr (body, "the 5 items left"));

  sk_fake_openai_reset_log (fake);
  adw_message_dialog_response (prompt, "resume");
  confirm = sk_resume_prompt_get_confirm (GTK_WINDOW (window));
  g_assert_nonnull (confirm);
  g_test_message ("%s / %s", adw_message_dialog_get_heading (confirm), adw_message_dialog_get_body (confirm));
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Delete 5 Files?");
  adw_message_dialog_response (confirm, "delete");
  sk_test_wait_until (window_idle, window, TIMEOUT);

  /* only what was left: 005 (in flight, still listed) and 006-009 */
  deleted = sk_test_deleted_ids (fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-005\nfile-006\nfile-007\nfile-008\nfile-009");
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 5);
  g_assert_true (sk_fake_openai_has_file (fake, "file-020"));

  /* the old job is seen; the new one is the resumption, complete */
  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 2);
  g_assert_true (sk_journal_job_get_dismissed (g_ptr_array_index (jobs, 0)));
  g_assert_cmpint (sk_journal_job_get_end (g_ptr_array_index (jobs, 1)), ==, SK_JOURNAL_END_COMPLETED);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (g_ptr_array_index (jobs, 1)), ==, 5);

  close_window (window);
  jt_remove_tree (dir);
}

/* Dismissed, the job is not asked about again */
static void
test_resume_dismiss (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  SkWindow *window;

  write_interrupted_job (dir, fake);
  journal = jt_open (dir);
  window = open_window (fake, journal);
  sk_test_wait_until (has_prompt, window, TIMEOUT);
  sk_fake_openai_reset_log (fake);
  adw_message_dialog_response (sk_resume_prompt_get_dialog (GTK_WINDOW (window)), "dismiss");
  g_assert_null (sk_resume_prompt_get_dialog (GTK_WINDOW (window)));
  g_assert_null (sk_resume_prompt_get_confirm (GTK_WINDOW (window)));

  jobs = jt_load (journal);
  g_assert_true (sk_journal_job_get_dismissed (g_ptr_array_index (jobs, 0)));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 0);

  close_window (window);
  jt_remove_tree (dir);
}

static gboolean
window_knows_files (gpointer data)
{
  SkDeletion *deletion = _sk_window_prepare_deletion (data);

  return deletion != NULL && sk_deletion_get_names (deletion) != NULL &&
         g_hash_table_contains (sk_deletion_get_names (deletion), "file-001");
}

/* A deletion from the window records the name and size it listed, and
 * the account's title */
static void
test_window_records_names_sizes (void)
{
  g_autofree char *dir = jt_make_dir ();
  g_autoptr (SkJournal) journal = jt_open (dir);
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (GPtrArray) jobs = NULL;
  const char * const ids[] = { "file-001", NULL };
  SkJournalJob *job;
  SkJournalItem *item;
  SkWindow *window;

  add_files (fake, 0, 3);
  window = open_window (fake, journal);
  sk_test_wait_until (window_knows_files, window, TIMEOUT);
  g_assert_true (sk_deletion_delete_files (_sk_window_prepare_deletion (window), ids));
  sk_test_wait_until (window_idle, window, TIMEOUT);

  jobs = jt_load (journal);
  g_assert_cmpuint (jobs->len, ==, 1);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, ACCOUNT);
  item = sk_journal_job_lookup_item (job, "file-001");
  g_assert_cmpstr (sk_journal_item_get_name (item), ==, "report-01.pdf");
  g_assert_cmpint (sk_journal_item_get_bytes (item), ==, 1001);
  g_assert_cmpint (sk_journal_item_get_state (item), ==, SK_JOURNAL_ITEM_DELETED);

  close_window (window);
  jt_remove_tree (dir);
}

/* A journal that cannot be written: the window asks before deleting;
 * Cancel deletes nothing, "Delete Without a Record" deletes */
static void
test_journal_failed_dialog (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GError) error = NULL;
  const char * const ids[] = { "file-001", NULL };
  AdwMessageDialog *dialog;
  SkDeletion *deletion;
  SkWindow *window;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  journal = sk_journal_new_for_path ("/dev/full", &error);
  g_assert_no_error (error);
  add_files (fake, 0, 3);
  window = open_window (fake, journal);
  deletion = sk_window_get_deletion (window);
  g_assert_true (sk_deletion_get_journal (deletion) == journal);

  sk_fake_openai_reset_log (fake);
  g_assert_true (sk_deletion_delete_files (deletion, ids));
  dialog = sk_journal_prompts_get_failed_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "/dev/full"));
  adw_message_dialog_response (dialog, "cancel");
  g_assert_null (sk_journal_prompts_get_failed_dialog (window));
  g_assert_false (sk_deletion_get_held (deletion));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 0);

  g_assert_true (sk_deletion_delete_files (deletion, ids));
  adw_message_dialog_response (sk_journal_prompts_get_failed_dialog (window), "go-on");
  sk_test_wait_until (window_idle, window, TIMEOUT);
  g_assert_false (sk_fake_openai_has_file (fake, "file-001"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 1);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/history/window-lists-opens-verifies", test_window_lists_opens_verifies);
  g_test_add_func ("/ui/history/resume-prompt", test_resume_prompt);
  g_test_add_func ("/ui/history/resume-dismiss", test_resume_dismiss);
  g_test_add_func ("/ui/history/journal-failed-dialog", test_journal_failed_dialog);
  g_test_add_func ("/ui/history/window-records-names-sizes", test_window_records_names_sizes);

  return g_test_run ();
}
