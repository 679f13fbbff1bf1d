/* test-delete-dialogs.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deletion confirmations on their own: their texts, when they ask for
 * the "I understand" tick, and the answer their async run gives (the
 * user's choice, Cancel, a "delete" without the tick, a cancellation).
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sk-test-utils.h"

#include "sk-delete-files-dialog.h"
#include "sk-delete-stores-dialog.h"

#define TIMEOUT 5000

typedef struct
{
  guint       n_files;
  int         n_stores;
  gboolean    every_file;
  gboolean    needs_check;
  const char *heading;
  const char *in_body;
} FilesCase;

static void
test_files_dialog_texts (void)
{
  static const FilesCase cases[] = {
    { 15, 2, FALSE, FALSE, "Delete 15 Files?", "2 vector stores are affected." },
    { 1, 1, FALSE, FALSE, "Delete 1 File?", "1 vector store is affected." },
    { 1, 0, FALSE, FALSE, "Delete 1 File?", "No vector store uses it." },
    { 5, 0, FALSE, FALSE, "Delete 5 Files?", "No vector store uses them." },
    { 100, -1, FALSE, FALSE, "Delete 100 Files?", "removed from every vector store that uses them." },
    { 101, -1, FALSE, TRUE, "Delete 101 Files?", "This cannot be undone." },
    { 3, 0, TRUE, TRUE, "Delete 3 Files?", "This is every file of the account." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FilesCase *c = &cases[i];
      SkDeleteFilesDialog *dialog = sk_delete_files_dialog_new (NULL, c->n_files, 1000, c->n_stores, c->every_file);
      AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

      g_object_ref_sink (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, c->heading);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (message), c->in_body));
      g_assert_cmpint (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)) != NULL, ==, c->needs_check);
      g_assert_cmpint (adw_message_dialog_get_response_enabled (message, "delete"), ==, !c->needs_check);
      g_assert_cmpint (sk_delete_dialog_is_confirmed (SK_DELETE_DIALOG (dialog)), ==, !c->needs_check);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_object_unref (dialog);
    }
}

/* Runs @dialog, answers @response, and gives what run_finish says */
static gboolean
run_and_answer (SkDeleteDialog *dialog,
                const char     *response)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean confirmed;

  sk_delete_dialog_run (dialog, NULL, sk_test_store_result, &result);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  sk_test_wait_result (&result, TIMEOUT);
  confirmed = sk_delete_dialog_run_finish (dialog, result, &error);
  g_assert_no_error (error);
  return confirmed;
}

static void
test_run_answers (void)
{
  SkDeleteFilesDialog *small = sk_delete_files_dialog_new (NULL, 3, 1000, 0, FALSE);
  SkDeleteFilesDialog *large = sk_delete_files_dialog_new (NULL, 300, 1000, 0, FALSE);
  SkDeleteFilesDialog *refused = sk_delete_files_dialog_new (NULL, 3, 1000, 0, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_ref_sink (small);
  g_object_ref_sink (large);
  g_object_ref_sink (refused);

  g_assert_true (run_and_answer (SK_DELETE_DIALOG (small), "delete"));
  g_assert_false (run_and_answer (SK_DELETE_DIALOG (refused), "cancel"));

  /* "delete" without the tick is no answer; with it, it is */
  sk_delete_dialog_run (SK_DELETE_DIALOG (large), NULL, sk_test_store_result, &result);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (large), "delete");
  sk_test_spin (20);
  g_assert_null (result);
  gtk_check_button_set_active (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (large)), TRUE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (large), "delete");
  sk_test_wait_result (&result, TIMEOUT);
  g_assert_true (sk_delete_dialog_run_finish (SK_DELETE_DIALOG (large), result, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      GtkWindow *window = GTK_WINDOW (i == 0 ? small : i == 1 ? large : refused);

      gtk_window_destroy (window);
      g_object_unref (window);
    }
}

static void
test_stores_run_choice (void)
{
  SkDeleteStoresDialog *dialog = sk_delete_stores_dialog_new (NULL, 2, 1000000, 5, 10, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SkDeleteStoresChoice choice = SK_DELETE_STORES_KEEP_FILES;

  g_object_ref_sink (dialog);
  sk_delete_dialog_run (SK_DELETE_DIALOG (dialog), NULL, sk_test_store_result, &result);
  sk_delete_stores_dialog_set_choice (dialog, SK_DELETE_STORES_EXCLUSIVE_FILES);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  sk_test_wait_result (&result, TIMEOUT);
  g_assert_true (sk_delete_stores_dialog_run_finish (dialog, result, &choice, &error));
  g_assert_no_error (error);
  g_assert_cmpint (choice, ==, SK_DELETE_STORES_EXCLUSIVE_FILES);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* Cancelling the run closes the dialog and ends the run with an error */
static void
test_run_cancelled (void)
{
  SkDeleteFilesDialog *dialog = sk_delete_files_dialog_new (NULL, 3, 1000, 0, FALSE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_ref_sink (dialog);
  sk_delete_dialog_run (SK_DELETE_DIALOG (dialog), cancellable, sk_test_store_result, &result);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_cancellable_cancel (cancellable);
  sk_test_wait_result (&result, TIMEOUT);
  g_assert_false (sk_delete_dialog_run_finish (SK_DELETE_DIALOG (dialog), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
}

/* The stores dialog asks for the "I understand" tick only while the chosen
 * deletion is large: 2 stores whose 150 files are all to delete is; keeping
 * the files, or deleting the 50 used only by them, is not. */
static void
test_stores_check_follows_choice (void)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (sk_delete_stores_dialog_new (NULL, 2, 1000000, 50, 150, FALSE));

  g_object_ref_sink (dialog);
  g_assert_cmpint (sk_delete_stores_dialog_get_choice (SK_DELETE_STORES_DIALOG (dialog)), ==, SK_DELETE_STORES_KEEP_FILES);
  g_assert_null (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  sk_delete_stores_dialog_set_choice (SK_DELETE_STORES_DIALOG (dialog), SK_DELETE_STORES_ALL_FILES);
  g_assert_nonnull (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_check_button_set_active (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  sk_delete_stores_dialog_set_choice (SK_DELETE_STORES_DIALOG (dialog), SK_DELETE_STORES_EXCLUSIVE_FILES);
  g_assert_null (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/delete-dialogs/files-texts", test_files_dialog_texts);
  g_test_add_func ("/ui/delete-dialogs/run-answers", test_run_answers);
  g_test_add_func ("/ui/delete-dialogs/stores-run-choice", test_stores_run_choice);
  g_test_add_func ("/ui/delete-dialogs/run-cancelled", test_run_cancelled);
  g_test_add_func ("/ui/delete-dialogs/stores-check-follows-choice", test_stores_check_follows_choice);

  return g_test_run ();
}
