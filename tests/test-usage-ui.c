/* test-usage-ui.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where each file is used, in the window, on a simulated account with
 * batches and fine-tuning jobs: the "Used by" column and its details, the
 * "Unused" filter, and the confirmation that keeps the files a running job
 * reads unless the user ticks that they go too. The server's request log
 * is the proof of what was deleted.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sk-test-deletion.h"
#include "sk-test-utils.h"
#include "sk-test-window.h"

#include "sk-delete-files-dialog.h"
#include "sk-file.h"
#include "sk-usage-column.h"
#include "sk-uses-dialog.h"
#include "sk-window-private.h"

#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  SkWindow     *window;
} Fixture;

static gboolean
files_idle (gpointer data)
{
  return !sk_files_page_get_busy (sk_window_get_files_page (data));
}

static gboolean
ready (gpointer data)
{
  SkWindow *window = data;

  return sk_window_get_usage_ready (window) && sk_window_get_jobs_ready (window)
         && !sk_files_page_get_busy (sk_window_get_files_page (window))
         && !sk_window_get_job_running (window);
}

/* Files 0..14 are in stores (sk_test_fill_deletion_account); of the others,
 * a running batch reads file-020 and a running job trains on file-021;
 * finished ones read or wrote file-022..025. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  g_assert_true (sk_fake_openai_add_batch (fixture->fake, "batch_run", "in_progress", "file-020", NULL));
  g_assert_true (sk_fake_openai_add_fine_tuning_job (fixture->fake, "ftjob-run", "running", "file-021",
                                                     NULL, NULL));
  g_assert_true (sk_fake_openai_add_batch (fixture->fake, "batch_done", "completed", "file-022", "file-023"));
  g_assert_true (sk_fake_openai_add_fine_tuning_job (fixture->fake, "ftjob-ok", "succeeded", "file-024",
                                                     NULL, "file-025"));

  fixture->window = sk_test_window_open (fixture->fake, ready, TIMEOUT);
  sk_fake_openai_reset_log (fixture->fake);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sk_test_window_close (fixture->window, ready, TIMEOUT);
  g_clear_object (&fixture->fake);
}

static GListModel *
files_model (Fixture *fixture)
{
  return G_LIST_MODEL (sk_files_page_get_selection (sk_window_get_files_page (fixture->window)));
}

/* The label of the window's tree showing @text, or NULL */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_column (Fixture       *fixture,
             gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  SkUsageIndex *index = sk_window_get_usage_index (fixture->window);
  struct { const char *id; const char *details; } cases[] = {
    { "file-020", "Batch batch_run · input · in_progress" },
    { "file-021", "Fine-tuning job ftjob-run · training · running" },
    { "file-023", "Batch batch_done · output · completed" },
    { "file-025", "Fine-tuning job ftjob-ok · results · succeeded" },
    { "file-000", "Vector store vs_alpha · completed" },
    { "file-029", NULL },
  };
  GtkWidget *label;

  g_assert_nonnull (index);
  g_assert_true (sk_files_page_get_usage_index (page) == index);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *details = sk_usage_column_dup_details (index, cases[i].id);

      g_assert_cmpstr (details, ==, cases[i].details);
    }
  {
    g_autofree char *details = sk_usage_column_dup_details (index, "file-007");

    g_assert_nonnull (strstr (details, "Vector store vs_alpha · completed"));
    g_assert_nonnull (strstr (details, "Vector store vs_beta · completed"));
    g_assert_nonnull (strchr (details, '\n'));
  }

  /* the column shows the summary, with the details as the cell's tooltip */
  sk_window_set_view (fixture->window, "files");
  sk_files_page_sort_by (page, "used-by", GTK_SORT_DESCENDING);
  sk_test_spin (100);
  label = find_label (GTK_WIDGET (fixture->window), "1 batch running");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, "Batch batch_run · input · in_progress");
  g_assert_true (gtk_widget_has_css_class (label, "warning"));
  /* sorted descending: the busy files come first */
  {
    g_autoptr (SkFile) first = g_list_model_get_item (files_model (fixture), 0);
    g_autoptr (SkFile) second = g_list_model_get_item (files_model (fixture), 1);
    g_autofree char *pair = g_strdup_printf ("%s %s", sk_file_get_id (first), sk_file_get_id (second));

    g_assert_true (g_str_equal (pair, "file-020 file-021") || g_str_equal (pair, "file-021 file-020"));
  }
}

static void
test_unused_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  GListModel *model = files_model (fixture);
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sk_window_set_view (fixture->window, "files");
  sk_files_page_set_unused_only (page, TRUE);
  /* the filter runs in steps: wait for it, not for a set time */
  sk_test_spin (50);
  sk_test_wait_until (files_idle, fixture->window, TIMEOUT);

  /* 15..29 are in no store; 20 and 21 are read by running jobs */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 13);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SkFile) file = g_list_model_get_item (model, i);

      g_hash_table_add (shown, g_strdup (sk_file_get_id (file)));
    }
  g_assert_false (g_hash_table_contains (shown, "file-020"));
  g_assert_false (g_hash_table_contains (shown, "file-021"));
  g_assert_false (g_hash_table_contains (shown, "file-014"));
  g_assert_true (g_hash_table_contains (shown, "file-022"));
  g_assert_true (g_hash_table_contains (shown, "file-025"));
  g_assert_true (g_hash_table_contains (shown, "file-015"));

  sk_files_page_set_unused_only (page, FALSE);
  /* the filter runs in steps: wait for it, not for a set time */
  sk_test_spin (50);
  sk_test_wait_until (files_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, SK_TEST_N_FILES);
}

/* Selects file-0@first .. in ID order and opens the confirmation */
static SkDeleteFilesDialog *
open_dialog (Fixture *fixture,
             guint    first,
             guint    n)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  AdwMessageDialog *dialog;

  sk_window_set_view (fixture->window, "files");
  sk_files_page_sort_by (page, "id", GTK_SORT_ASCENDING);
  /* the filter runs in steps: wait for it, not for a set time */
  sk_test_spin (50);
  sk_test_wait_until (files_idle, fixture->window, TIMEOUT);
  gtk_selection_model_select_range (sk_files_page_get_selection (page), first, n, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-selected", NULL);
  dialog = sk_window_get_delete_dialog (fixture->window);
  g_assert_true (SK_IS_DELETE_FILES_DIALOG (dialog));
  return SK_DELETE_FILES_DIALOG (dialog);
}

static void
answer_delete (Fixture             *fixture,
               SkDeleteFilesDialog *dialog)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  sk_test_spin (20);
  g_assert_null (sk_window_get_delete_dialog (fixture->window));
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
}

/* The busy files are named and left out; the others go. */
static void
test_dialog_keeps_busy (Fixture       *fixture,
                        gconstpointer  data)
{
  SkDeleteFilesDialog *dialog = open_dialog (fixture, 18, 8);   /* 018..025 */
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_autofree char *deleted = NULL;

  g_assert_nonnull (strstr (body, "2 files are still read by running batches or fine-tuning jobs and "
                                  "will be kept: “report-20.pdf”, “report-21.pdf”."));
  g_assert_nonnull (strstr (body, "4 files are used only by finished batches or fine-tuning jobs: "
                                  "they are safe to delete."));
  g_assert_nonnull (sk_delete_files_dialog_get_busy_check (dialog));
  g_assert_false (gtk_check_button_get_active (sk_delete_files_dialog_get_busy_check (dialog)));

  answer_delete (fixture, dialog);
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-018\nfile-019\nfile-022\nfile-023\nfile-024\nfile-025");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/file-020"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/file-021"), ==, 0);
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-020"));
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-021"));
}

/* Ticked, the busy files go too. */
static void
test_dialog_busy_ticked (Fixture       *fixture,
                         gconstpointer  data)
{
  SkDeleteFilesDialog *dialog = open_dialog (fixture, 19, 3);   /* 019..021 */
  g_autofree char *deleted = NULL;

  gtk_check_button_set_active (sk_delete_files_dialog_get_busy_check (dialog), TRUE);
  answer_delete (fixture, dialog);
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-019\nfile-020\nfile-021");
}

/* Only busy files, not ticked: nothing is sent, and the window says so. */
static void
test_dialog_only_busy (Fixture       *fixture,
                       gconstpointer  data)
{
  SkDeleteFilesDialog *dialog = open_dialog (fixture, 20, 2);   /* 020, 021 */
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));

  g_assert_null (strstr (body, "safe to delete"));
  answer_delete (fixture, dialog);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==,
                   "Nothing deleted: running jobs still read every file selected");
}

/* Files in stores only: the dialog says nothing of jobs. */
static void
test_dialog_no_jobs (Fixture       *fixture,
                     gconstpointer  data)
{
  SkDeleteFilesDialog *dialog = open_dialog (fixture, 0, 2);
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));

  g_assert_null (sk_delete_files_dialog_get_busy_check (dialog));
  g_assert_null (strstr (body, "batch"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  sk_test_spin (20);
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
}

/* A large deletion with busy files: both checks, the large one still
 * required before Delete */
static void
test_dialog_large_and_busy (void)
{
  const char *names[] = { "a.jsonl", "b.jsonl", "c.jsonl", "d.jsonl" };
  SkDeleteFilesDialog *dialog = sk_delete_files_dialog_new (NULL, 150, 150000, 0, FALSE);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  GtkCheckButton *confirm;
  GtkWidget *extra;

  g_object_ref_sink (dialog);
  sk_delete_files_dialog_set_busy (dialog, names, 4, 0);
  confirm = sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog));
  g_assert_nonnull (confirm);
  g_assert_nonnull (sk_delete_files_dialog_get_busy_check (dialog));
  extra = adw_message_dialog_get_extra_child (message);
  g_assert_true (GTK_IS_BOX (extra));
  g_assert_true (gtk_widget_get_first_child (extra) == GTK_WIDGET (sk_delete_files_dialog_get_busy_check (dialog)));
  g_assert_true (gtk_widget_get_last_child (extra) == GTK_WIDGET (confirm));
  /* three names at most */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "“a.jsonl”, “b.jsonl”, “c.jsonl”…"));
  g_assert_null (strstr (adw_message_dialog_get_body (message), "safe to delete"));

  g_assert_false (adw_message_dialog_get_response_enabled (message, "delete"));
  gtk_check_button_set_active (confirm, TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "delete"));
  g_assert_false (sk_delete_files_dialog_get_include_busy (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Where Used… lists each use of the selected files, running jobs marked */
static void
test_where_used (Fixture       *fixture,
                 gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  AdwMessageDialog *dialog;
  guint n_rows = 0, n_running = 0;

  sk_window_set_view (fixture->window, "files");
  sk_files_page_sort_by (page, "id", GTK_SORT_ASCENDING);
  sk_test_spin (50);
  sk_test_wait_until (files_idle, fixture->window, TIMEOUT);

  /* file-020: read by a running batch */
  gtk_selection_model_select_item (sk_files_page_get_selection (page), 20, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-uses", NULL);
  dialog = sk_window_get_uses_dialog (fixture->window);
  g_assert_true (SK_IS_USES_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Where “report-20.pdf” Is Used");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "still running"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Batch batch_run"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog),
                                "input · in_progress · still running: deleting the file could break it"));
  sk_uses_dialog_get_counts (SK_USES_DIALOG (dialog), &n_rows, &n_running);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpuint (n_running, ==, 1);
  adw_message_dialog_response (dialog, "close");
  sk_test_spin (20);
  g_assert_null (sk_window_get_uses_dialog (fixture->window));

  /* file-007 (two stores) and file-022..025 (finished jobs only): safe */
  gtk_selection_model_select_item (sk_files_page_get_selection (page), 7, TRUE);
  gtk_selection_model_select_range (sk_files_page_get_selection (page), 22, 4, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-uses", NULL);
  dialog = sk_window_get_uses_dialog (fixture->window);
  g_assert_true (SK_IS_USES_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Where 5 Files Are Used");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No running job reads these files"));
  sk_uses_dialog_get_counts (SK_USES_DIALOG (dialog), &n_rows, &n_running);
  {
    SkUsageIndex *index = sk_window_get_usage_index (fixture->window);
    const char *ids[] = { "file-007", "file-022", "file-023", "file-024", "file-025" };
    guint expected = 0;

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      expected += sk_usage_index_get_uses (index, ids[i])->len;
    g_assert_cmpuint (expected, >=, 6);
    g_assert_cmpuint (n_rows, ==, expected);
  }
  g_assert_cmpuint (n_running, ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Fine-tuning job ftjob-ok"));
  /* stores are named as the Vector Stores page names them, with their ID */
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Vector store “Alpha”"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "vs_alpha · completed"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "results · succeeded · finished"));
  adw_message_dialog_response (dialog, "close");
  sk_test_spin (20);

  /* not on the stores page */
  sk_window_set_view (fixture->window, "stores");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-uses", NULL);
  g_assert_null (sk_window_get_uses_dialog (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add ("/ui/usage/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

  ADD ("column", test_column);
  ADD ("unused-filter", test_unused_filter);
  ADD ("dialog/keeps-busy", test_dialog_keeps_busy);
  ADD ("dialog/busy-ticked", test_dialog_busy_ticked);
  ADD ("dialog/only-busy", test_dialog_only_busy);
  ADD ("dialog/no-jobs", test_dialog_no_jobs);
  ADD ("where-used", test_where_used);
  g_test_add_func ("/ui/usage/dialog/large-and-busy", test_dialog_large_and_busy);

  return g_test_run ();
}
