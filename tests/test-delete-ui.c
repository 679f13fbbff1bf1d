/* test-delete-ui.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting from the window, on a simulated account: the confirmations
 * (what they delete, what Cancel and the large-deletion check do), the
 * vector-store options, detach and Undo, faults, Retry Failed, Cancel, the
 * saved reports. The server's request log is the proof of what was deleted.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sk-test-ui.h"
#include "sk-test-deletion.h"
#include "sk-test-utils.h"

#include "sk-account.h"
#include "sk-delete-files-dialog.h"
#include "sk-delete-stores-dialog.h"
#include "sk-file.h"
#include "sk-vector-store-file.h"
#include "sk-window-private.h"

#define N_FILES SK_TEST_N_FILES
#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  SkWindow     *window;
} Fixture;

static gboolean
pages_idle (gpointer data)
{
  SkWindow *window = data;

  return !sk_files_page_get_busy (sk_window_get_files_page (window))
         && !sk_stores_page_get_busy (sk_window_get_stores_page (window))
         && !sk_store_files_page_get_busy (sk_window_get_store_files_page (window));
}

static gboolean
usage_ready (gpointer data)
{
  return sk_window_get_usage_ready (data) && pages_idle (data);
}

static gboolean
job_running (gpointer data)
{
  return sk_window_get_job_running (data);
}

static gboolean
settled (gpointer data)
{
  return !sk_window_get_job_running (data) && sk_window_get_n_undo_pending (data) == 0 && usage_ready (data);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autoptr (SkAccount) account = NULL;

  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, GPOINTER_TO_UINT (data));
  url = sk_fake_openai_dup_base_url (fixture->fake);
  account = sk_account_new (SK_ACCOUNT_KEYRING, url, "sk-test-key", NULL, NULL);
  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, NULL);

  fixture->window = g_object_ref (sk_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  sk_window_set_account (fixture->window, account);
  sk_test_wait_until (usage_ready, fixture->window, TIMEOUT);
  sk_fake_openai_reset_log (fixture->fake);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sk_test_spin (50);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->fake);
}

/* Helpers */

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_autofree char *name = g_strconcat ("win.", action, NULL);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), name, NULL);
}

static GtkSelectionModel *
files_model (Fixture *fixture)
{
  return sk_files_page_get_selection (sk_window_get_files_page (fixture->window));
}

/* Files page sorted by ID (file-000 first), the IDs [first, first + n) selected */
static GPtrArray *
select_files (Fixture *fixture,
              guint    first,
              guint    n)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  sk_window_set_view (fixture->window, "files");
  sk_files_page_sort_by (page, "id", GTK_SORT_ASCENDING);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  gtk_selection_model_select_range (files_model (fixture), first, n, TRUE);
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr (SkFile) file = g_list_model_get_item (G_LIST_MODEL (files_model (fixture)), i);

      g_ptr_array_add (ids, g_strdup (sk_file_get_id (file)));
    }
  return ids;
}

static void
select_store (Fixture    *fixture,
              const char *store_id)
{
  SkStoresPage *page = sk_window_get_stores_page (fixture->window);
  GListModel *model = G_LIST_MODEL (sk_stores_page_get_selection (page));

  sk_window_set_view (fixture->window, "stores");
  sk_window_close_store (fixture->window);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (model, i);

      if (g_strcmp0 (sk_vector_store_get_id (store), store_id) == 0)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
          return;
        }
    }
  g_assert_not_reached ();
}

/* @ids sorted and joined like deleted_ids() */
static char *
join_sorted (GPtrArray *ids)
{
  g_autoptr (GPtrArray) copy = g_ptr_array_new ();   /* borrowed strings */

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (ids, i));
  g_ptr_array_sort (copy, sk_test_compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv ("\n", (char **) copy->pdata);
}

static GPtrArray *
range_ids (guint first,
           guint n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (ids, g_strdup_printf ("file-%03u", i));
  return ids;
}

static AdwMessageDialog *
open_dialog (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  activate (fixture, "delete-selected");
  dialog = sk_window_get_delete_dialog (fixture->window);
  g_assert_nonnull (dialog);
  /* Cancel is what Enter and Escape answer */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  return dialog;
}

/* The button of @response, found in the dialog's widget tree by its label */
static GtkWidget *
find_response_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_response_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
response_button (AdwMessageDialog *dialog,
                 const char       *response)
{
  GtkWidget *button = find_response_button (GTK_WIDGET (dialog),
                                            adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  return button;
}

/* Clicks the button of @response ("escape": closes the dialog as Escape
 * does), then waits for what it started to end */
static void
answer (Fixture          *fixture,
        AdwMessageDialog *dialog,
        const char       *response)
{
  if (g_str_equal (response, "escape"))
    gtk_window_close (GTK_WINDOW (dialog));
  else
    {
      GtkWidget *button = response_button (dialog, response);

      g_assert_true (gtk_widget_is_sensitive (button));
      g_signal_emit_by_name (button, "clicked");
    }
  sk_test_spin (20);
  g_assert_null (sk_window_get_delete_dialog (fixture->window));
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
}

static guint
n_delete_requests (SkFakeOpenai *fake)
{
  return sk_fake_openai_count_requests (fake, "DELETE", "/v1/");
}

/* Tests */

static void
test_confirm_deletes_selection (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 3, 15);   /* 3..17: in Alpha, Beta, none */
  g_autofree char *expected = join_sorted (ids);
  g_autofree char *deleted = NULL;
  AdwMessageDialog *dialog = open_dialog (fixture);
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 15 Files?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 vector stores are affected"));
  /* the confirmation says which account it acts on */
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "In the account “"));
  g_assert_null (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));

  answer (fixture, dialog, "delete");

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
  g_assert_cmpuint (n_delete_requests (fixture->fake), ==, 15);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - 15);

  /* the panel and the toast say it; the list is what the server holds */
  g_assert_true (sk_window_get_results_revealed (fixture->window));
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, 15);
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 0);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==, "Deleted 15 files");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (files_model (fixture))), ==, N_FILES - 15);
}

static void
test_cancel_deletes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 20, 5);
  AdwMessageDialog *dialog = open_dialog (fixture);

  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No vector store uses them"));
  answer (fixture, dialog, "cancel");

  g_assert_cmpuint (n_delete_requests (fixture->fake), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES);
  g_assert_false (sk_window_get_results_revealed (fixture->window));

  /* the stores page opens the stores dialog, and cancelling it deletes nothing */
  select_store (fixture, "vs_alpha");
  dialog = open_dialog (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 1 Vector Store?");
  sk_delete_stores_dialog_set_choice (SK_DELETE_STORES_DIALOG (dialog), SK_DELETE_STORES_ALL_FILES);
  answer (fixture, dialog, "escape");
  g_assert_cmpuint (n_delete_requests (fixture->fake), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (fixture->fake), ==, 3);
}

static void
test_large_needs_check (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 0, 101);
  g_autofree char *expected = join_sorted (ids);
  g_autofree char *deleted = NULL;
  AdwMessageDialog *dialog = open_dialog (fixture);
  GtkCheckButton *check = sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog));

  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));

  /* the button cannot be clicked; a "delete" answer without the check does nothing */
  g_assert_false (gtk_widget_is_sensitive (response_button (dialog, "delete")));
  adw_message_dialog_response (dialog, "delete");
  sk_test_spin (20);
  g_assert_false (sk_window_get_job_running (fixture->window));
  answer (fixture, dialog, "escape");
  g_assert_cmpuint (n_delete_requests (fixture->fake), ==, 0);

  dialog = open_dialog (fixture);
  check = sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_check_button_set_active (check, FALSE);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  gtk_check_button_set_active (check, TRUE);
  answer (fixture, dialog, "delete");

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
}

static void
test_every_file_needs_check (Fixture       *fixture,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;

  sk_window_set_view (fixture->window, "files");
  activate (fixture, "select-all");
  dialog = open_dialog (fixture);
  g_assert_nonnull (sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "delete"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "every file of the account"));
  answer (fixture, dialog, "cancel");
  g_assert_cmpuint (n_delete_requests (fixture->fake), ==, 0);
}

typedef struct
{
  SkDeleteStoresChoice choice;
  guint                first, n;   /* the files expected deleted */
} StoresCase;

static const StoresCase stores_keep = { SK_DELETE_STORES_KEEP_FILES, 0, 0 };
static const StoresCase stores_exclusive = { SK_DELETE_STORES_EXCLUSIVE_FILES, 0, 5 };
static const StoresCase stores_all = { SK_DELETE_STORES_ALL_FILES, 0, 10 };

/* The labels of the dialog's check buttons, without mnemonics, "\n"-joined */
static char *
choice_labels (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      {
        g_autofree char *label = g_strdup (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));
        char *underscore;

        while ((underscore = strchr (label, '_')) != NULL)
          memmove (underscore, underscore + 1, strlen (underscore));
        g_string_append_printf (text, "%s\n", label);
      }
  return g_string_free (text, FALSE);
}

static void
run_stores_case (Fixture          *fixture,
                 const StoresCase *c)
{
  g_autofree char *labels = NULL;
  g_autoptr (GPtrArray) expected_ids = range_ids (c->first, c->n);
  g_autofree char *expected = join_sorted (expected_ids);
  g_autofree char *deleted = NULL;
  g_autofree char *stores = NULL;
  AdwMessageDialog *dialog;
  GtkCheckButton *check;

  sk_window_set_max_in_flight (fixture->window, 0);
  select_store (fixture, "vs_alpha");
  dialog = open_dialog (fixture);
  check = sk_delete_dialog_get_confirm_check (SK_DELETE_DIALOG (dialog));
  g_assert_null (check);
  g_assert_cmpint (sk_delete_stores_dialog_get_choice (SK_DELETE_STORES_DIALOG (dialog)), ==, SK_DELETE_STORES_KEEP_FILES);
  /* Alpha holds 0..9; Beta shares 5..9: the choices say how many */
  labels = choice_labels (dialog);
  g_assert_nonnull (strstr (labels, "Delete the 5 files used only by these stores"));
  g_assert_nonnull (strstr (labels, "Delete all 10 files, even where other stores use them"));
  sk_delete_stores_dialog_set_choice (SK_DELETE_STORES_DIALOG (dialog), c->choice);
  answer (fixture, dialog, "delete");

  stores = sk_test_deleted_ids (fixture->fake, "/v1/vector_stores/");
  g_assert_cmpstr (stores, ==, "vs_alpha");
  g_assert_false (sk_fake_openai_has_vector_store (fixture->fake, "vs_alpha"));
  g_assert_true (sk_fake_openai_has_vector_store (fixture->fake, "vs_beta"));
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - c->n);
  g_assert_cmpuint (sk_results_panel_get_n_deleted (sk_window_get_results_panel (fixture->window)), ==, 1 + c->n);
}

static void
test_stores_keep (Fixture *fixture, gconstpointer data)
{
  run_stores_case (fixture, &stores_keep);
}

static void
test_stores_exclusive (Fixture *fixture, gconstpointer data)
{
  run_stores_case (fixture, &stores_exclusive);
}

static void
test_stores_all (Fixture *fixture, gconstpointer data)
{
  run_stores_case (fixture, &stores_all);
}

static gboolean
store_idle (gpointer data)
{
  return !sk_store_files_page_get_busy (sk_window_get_store_files_page (data));
}

static char *
attached (SkFakeOpenai *fake,
          const char   *store_id)
{
  g_autoptr (GPtrArray) ids = sk_fake_openai_list_attached_file_ids (fake, store_id);

  return join_sorted (ids);
}

/* Opens the page of the store @store_id */
static void
open_store (Fixture    *fixture,
            const char *store_id)
{
  GListModel *stores = G_LIST_MODEL (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window)));

  for (guint i = 0; i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (stores, i);

      if (g_strcmp0 (sk_vector_store_get_id (store), store_id) == 0)
        sk_window_open_store (fixture->window, store);
    }
}

static void
test_detach_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  SkStoreFilesPage *page = sk_window_get_store_files_page (fixture->window);
  g_autofree char *before = attached (fixture->fake, "vs_beta");
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  AdwToast *toast;

  open_store (fixture, "vs_beta");
  sk_test_wait_until (store_idle, fixture->window, TIMEOUT);
  gtk_selection_model_select_range (sk_store_files_page_get_selection (page), 0, 4, TRUE);
  g_assert_true (sk_test_action_enabled (sk_window_get_job_slot (fixture->window), "win.detach-selected"));
  activate (fixture, "detach-selected");
  /* no dialog: it is undoable */
  g_assert_null (sk_window_get_delete_dialog (fixture->window));
  sk_test_wait_until (settled, fixture->window, TIMEOUT);

  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/vector_stores/vs_beta/files/"), ==, 4);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES);
  during = attached (fixture->fake, "vs_beta");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sk_store_files_page_get_selection (page))), ==, 6);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==, "Removed 4 files from “Beta”");
  g_assert_false (sk_window_get_results_revealed (fixture->window));

  toast = sk_window_get_undo_toast (fixture->window);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
  sk_test_wait_until (store_idle, fixture->window, TIMEOUT);

  after = attached (fixture->fake, "vs_beta");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (during, !=, before);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_beta/files"), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sk_store_files_page_get_selection (page))), ==, 10);
}

static void
count_dismissed_cb (AdwToast *toast,
                    guint    *n_dismissed)
{
  (*n_dismissed)++;
}

/* Detaches the first file the store page shows; returns its ID */
static char *
detach_first (Fixture *fixture)
{
  SkStoreFilesPage *page = sk_window_get_store_files_page (fixture->window);
  GtkSelectionModel *selection = sk_store_files_page_get_selection (page);
  g_autoptr (SkVectorStoreFile) file = NULL;

  sk_test_wait_until (store_idle, fixture->window, TIMEOUT);
  file = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  gtk_selection_model_select_item (selection, 0, TRUE);
  activate (fixture, "detach-selected");
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
  return g_strdup (sk_vector_store_file_get_id (file));
}

/* Detach A, then B while A's toast is up: A's toast goes, the one left is
 * B's, and its Undo re-attaches B (not A). */
static void
test_undo_latest_detach (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (AdwToast) toast_a = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint n_dismissed = 0;

  open_store (fixture, "vs_beta");
  a = detach_first (fixture);
  toast_a = g_object_ref (sk_window_get_undo_toast (fixture->window));
  g_signal_connect (toast_a, "dismissed", G_CALLBACK (count_dismissed_cb), &n_dismissed);
  b = detach_first (fixture);
  g_assert_cmpstr (a, !=, b);
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", a));
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", b));

  g_assert_cmpuint (n_dismissed, ==, 1);
  g_assert_nonnull (sk_window_get_undo_toast (fixture->window));
  g_assert_true (sk_window_get_undo_toast (fixture->window) != toast_a);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==, "Removed 1 file from “Beta”");

  sk_fake_openai_reset_log (fixture->fake);
  g_signal_emit_by_name (sk_window_get_undo_toast (fixture->window), "button-clicked");
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
  g_assert_true (sk_fake_openai_is_attached (fixture->fake, "vs_beta", b));
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", a));
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_beta/files"), ==, 1);
}

static void
test_faults_and_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 15, 15);   /* the orphans */
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);
  GListModel *shown;
  g_autoptr (SkBulkResult) failure = NULL;
  guint n_gone = 0;
  AdwMessageDialog *dialog;

  sk_test_inject_delete_faults (fixture->fake);
  dialog = open_dialog (fixture);
  answer (fixture, dialog, "delete");

  for (guint i = 0; i < ids->len; i++)
    if (!sk_fake_openai_has_file (fixture->fake, g_ptr_array_index (ids, i)))
      n_gone++;
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, n_gone);
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, ids->len - n_gone);
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 1);
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-021"));
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==, "Deleted 14 files · 1 failed");

  /* the panel opens on the failure, with its status and reason */
  shown = sk_results_panel_get_shown (panel);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  failure = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (sk_bulk_result_get_id (failure), ==, "file-021");
  g_assert_cmpuint (sk_bulk_result_get_status_code (failure), ==, 500);
  {
    g_autofree char *line = sk_results_panel_describe (failure);

    g_assert_true (g_str_has_prefix (line, "HTTP 500 · "));
  }
  /* the filter finds by ID and by reason */
  sk_results_panel_set_show (panel, SK_RESULTS_SHOW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 15);
  sk_results_panel_set_filter_text (panel, "file-02");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 10);   /* file-020..file-029 */
  sk_results_panel_set_filter_text (panel, "HTTP 500");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  sk_results_panel_set_filter_text (panel, NULL);

  /* Retry Failed finishes the job */
  sk_fake_openai_reset_log (fixture->fake);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "results.retry", NULL));
  sk_test_wait_until (settled, fixture->window, TIMEOUT);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/"), ==, 1);
  g_assert_false (sk_fake_openai_has_file (fixture->fake, "file-021"));
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, 15);
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, 15);
}

static gboolean
some_done (gpointer data)
{
  SkBulkDelete *job = sk_job_bar_get_job (sk_window_get_job_bar (data));

  return job != NULL && sk_bulk_delete_get_n_done (job) >= 3;
}

static void
test_cancel_mid_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 10, 20);
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);
  g_autofree char *deleted = NULL;
  g_auto (GStrv) deleted_list = NULL;
  AdwMessageDialog *dialog;
  const char *text;

  g_object_set (fixture->fake, "latency-ms", 100, NULL);
  sk_window_set_max_in_flight (fixture->window, 2);
  dialog = open_dialog (fixture);
  g_signal_emit_by_name (response_button (dialog, "delete"), "clicked");
  sk_test_wait_until (job_running, fixture->window, TIMEOUT);
  g_assert_true (sk_window_get_job_running (fixture->window));
  sk_test_wait_until (some_done, fixture->window, TIMEOUT);

  /* the progress says where it is */
  text = sk_job_bar_get_text (sk_window_get_job_bar (fixture->window));
  g_assert_true (g_str_has_prefix (text, "Deleting "));
  g_assert_nonnull (strstr (text, " of 20 files"));

  /* a second destructive job is refused, with a reason */
  activate (fixture, "delete-selected");
  g_assert_null (sk_window_get_delete_dialog (fixture->window));
  g_assert_nonnull (strstr (sk_window_get_last_toast (fixture->window), "already running"));
  /* browsing still works */
  sk_window_set_view (fixture->window, "stores");
  sk_window_set_view (fixture->window, "files");

  g_signal_emit_by_name (sk_job_bar_get_cancel_button (sk_window_get_job_bar (fixture->window)), "clicked");
  sk_test_wait_until (settled, fixture->window, TIMEOUT);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  deleted_list = g_strsplit (deleted, "\n", -1);
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, g_strv_length (deleted_list));
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), <, 20);
  g_assert_cmpuint (sk_results_panel_get_n_deleted (panel) + sk_results_panel_get_n_failed (panel), ==, 20);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - g_strv_length (deleted_list));
  g_assert_nonnull (strstr (sk_window_get_last_toast (fixture->window), "not tried (cancelled)"));
  /* each one the panel calls deleted is gone from the server */
  for (guint i = 0; i < g_list_model_get_n_items (sk_results_panel_get_results (panel)); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (sk_results_panel_get_results (panel), i);

      g_assert_cmpint (sk_fake_openai_has_file (fixture->fake, sk_bulk_result_get_id (result)), ==,
                       sk_bulk_result_get_outcome (result) != SK_OUTCOME_DELETED);
    }
}

static gboolean
save_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static char *
save_report (SkResultsPanel  *panel,
             SkResultsFormat  format,
             const char      *dir)
{
  g_autofree char *path = g_build_filename (dir, format == SK_RESULTS_FORMAT_CSV ? "r.csv" : "r.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  sk_results_panel_save_async (panel, file, format, NULL, sk_test_store_result, &result);
  sk_test_wait_until (save_done, &result, TIMEOUT);
  g_assert_true (sk_results_panel_save_finish (panel, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  return contents;
}

static void
test_saved_reports (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = select_files (fixture, 18, 6);
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);
  GListModel *results;
  g_autofree char *dir = g_dir_make_tmp ("sk-report-XXXXXX", NULL);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *success, *failed;
  guint n_success = 0;

  for (guint i = 0; i < 4; i++)
    sk_fake_openai_queue_fault (fixture->fake, "/v1/files/file-020", SK_FAKE_FAULT_STATUS, 500, -1);
  answer (fixture, open_dialog (fixture), "delete");
  results = sk_results_panel_get_results (panel);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 6);
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 1);

  json = save_report (panel, SK_RESULTS_FORMAT_JSON, dir);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  success = json_object_get_array_member (root, "success");
  failed = json_object_get_array_member (root, "failed");
  g_assert_cmpuint (json_array_get_length (success), ==, sk_results_panel_get_n_deleted (panel));
  g_assert_cmpuint (json_array_get_length (failed), ==, sk_results_panel_get_n_failed (panel));
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        g_assert_cmpstr (json_array_get_string_element (success, n_success++), ==, sk_bulk_result_get_id (result));
      else
        {
          JsonObject *f = json_array_get_object_element (failed, 0);

          g_assert_cmpstr (json_object_get_string_member (f, "id"), ==, sk_bulk_result_get_id (result));
          g_assert_cmpint (json_object_get_int_member (f, "status_code"), ==, sk_bulk_result_get_status_code (result));
          g_assert_cmpstr (json_object_get_string_member (f, "id"), ==, "file-020");
        }
    }

  csv = save_report (panel, SK_RESULTS_FORMAT_CSV, dir);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,outcome,status_code,error");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      g_auto (GStrv) fields = g_strsplit (lines[i + 1], ",", 4);

      g_assert_cmpstr (fields[0], ==, sk_bulk_result_get_id (result));
      if (sk_bulk_result_get_outcome (result) != SK_OUTCOME_DELETED)
        g_assert_cmpuint (g_ascii_strtoull (fields[2], NULL, 10), ==, sk_bulk_result_get_status_code (result));
    }
  g_assert_cmpstr (lines[g_list_model_get_n_items (results) + 1], ==, "");

  /* Copy gives the rows shown */
  sk_results_panel_set_show (panel, SK_RESULTS_SHOW_FAILED);
  {
    g_autofree char *copied = sk_results_panel_dup_copy_text (panel);
    g_auto (GStrv) copied_lines = g_strsplit (copied, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (copied_lines), ==, 3);   /* header, file-020, "" */
    g_assert_true (g_str_has_prefix (copied_lines[1], "file-020,"));
  }

  {
    g_autofree char *p1 = g_build_filename (dir, "r.json", NULL);
    g_autofree char *p2 = g_build_filename (dir, "r.csv", NULL);

    g_unlink (p1);
    g_unlink (p2);
    g_rmdir (dir);
  }
}

static void
test_select_orphans (Fixture       *fixture,
                     gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  g_autoptr (GPtrArray) orphans = range_ids (15, 15);
  g_autofree char *expected = join_sorted (orphans);
  g_autofree char *deleted = NULL;
  AdwMessageDialog *dialog;

  sk_window_set_view (fixture->window, "files");
  sk_files_page_set_search_text (page, "report-2");
  sk_files_page_select_orphans (page);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  {
    guint n_selected = 0;

    g_object_get (page, "n-selected", &n_selected, NULL);
    g_assert_cmpuint (n_selected, ==, 15);
  }

  dialog = open_dialog (fixture);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No vector store uses them"));
  answer (fixture, dialog, "delete");
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing the window while a job runs: the job is cancelled, nothing is
 * touched after the window went, and the window is finalized. */
static void
test_close_mid_run (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  Fixture fixture = { fake, NULL };
  SkWindow *window;

  sk_test_fill_deletion_account (fake, 0);
  account = sk_account_new (SK_ACCOUNT_KEYRING, url, "sk-test-key", NULL, NULL);
  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, NULL);
  window = sk_window_new (NULL);
  fixture.window = window;
  gtk_window_present (GTK_WINDOW (window));
  sk_window_set_account (window, account);
  sk_test_wait_until (usage_ready, window, TIMEOUT);

  g_object_set (fake, "latency-ms", 100, NULL);
  sk_window_set_max_in_flight (window, 1);
  ids = select_files (&fixture, 15, 15);
  g_signal_emit_by_name (response_button (open_dialog (&fixture), "delete"), "clicked");
  sk_test_wait_until (some_done, window, TIMEOUT);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_wait_until (is_null, &window, TIMEOUT);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fake), >, N_FILES - 15);
}

static gboolean
background_done (gpointer data)
{
  return ((SkWindow *) data)->background_deletion == NULL;
}

/* Switching accounts while a deletion runs: it goes on against the first
 * account's server only, its progress still shown, and its end says which
 * account it was; the second account's server gets no DELETE. */
static void
test_switch_mid_run (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (SkFakeOpenai) other = sk_test_fake_new ();
  g_autofree char *other_url = sk_fake_openai_dup_base_url (other);
  g_autoptr (SkAccount) second = sk_account_new (SK_ACCOUNT_KEYRING, other_url, "sk-test-key", NULL,
                                                  "Second");
  g_autoptr (GPtrArray) ids = select_files (fixture, 15, 15);
  g_autofree char *expected = join_sorted (ids);
  g_autofree char *deleted = NULL;
  const GPtrArray *requests;

  sk_test_fill_deletion_account (other, 0);
  g_object_set (fixture->fake, "latency-ms", 60, NULL);
  sk_window_set_max_in_flight (fixture->window, 1);
  g_signal_emit_by_name (response_button (open_dialog (fixture), "delete"), "clicked");
  sk_test_wait_until (some_done, fixture->window, TIMEOUT);

  sk_window_set_account (fixture->window, second);
  g_assert_nonnull (fixture->window->background_deletion);
  g_assert_true (g_str_has_prefix (sk_job_bar_get_text (sk_window_get_job_bar (fixture->window)),
                                   "Deleting "));
  g_assert_true (gtk_revealer_get_reveal_child (fixture->window->job_revealer));
  sk_test_wait_until (background_done, fixture->window, TIMEOUT);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - 15);
  g_assert_cmpuint (sk_fake_openai_get_n_files (other), ==, N_FILES);
  requests = sk_fake_openai_get_requests (other);
  g_assert_cmpuint (requests->len, >, 0);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpstr (((SkFakeRequest *) g_ptr_array_index (requests, i))->method, ==, "GET");
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==,
                   "In “OpenAI account”: Deleted 15 files");
  g_assert_false (gtk_revealer_get_reveal_child (fixture->window->job_revealer));
}

static void
test_job_bar_text (void)
{
  g_autofree char *a = sk_job_bar_format (SK_BULK_DELETE_FILES, 340, 2000, 2, 11.2);
  g_autofree char *b = sk_job_bar_format (SK_BULK_DELETE_FILES, 1, 1, 0, -1);
  g_autofree char *c = sk_job_bar_format (SK_BULK_DELETE_VECTOR_STORES, 0, 3, 0, 150);
  g_autofree char *d = sk_job_bar_format (SK_BULK_DETACH_FILES, 2, 4, 1, -1);

  g_assert_cmpstr (a, ==, "Deleting 340 of 2000 files · 2 failed · about 12 s left");
  g_assert_cmpstr (b, ==, "Deleting 1 of 1 file");
  g_assert_cmpstr (c, ==, "Deleting 0 of 3 vector stores · about 3 min left");
  g_assert_cmpstr (d, ==, "Removing 2 of 4 files from the vector store · 1 failed");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/delete/job-bar-text", test_job_bar_text);
  g_test_add ("/ui/delete/confirm-deletes-selection", Fixture, NULL, fixture_setup,
              test_confirm_deletes_selection, fixture_teardown);
  g_test_add ("/ui/delete/cancel-deletes-nothing", Fixture, NULL, fixture_setup,
              test_cancel_deletes_nothing, fixture_teardown);
  g_test_add ("/ui/delete/large-needs-check", Fixture, GUINT_TO_POINTER (100), fixture_setup,
              test_large_needs_check, fixture_teardown);
  g_test_add ("/ui/delete/every-file-needs-check", Fixture, NULL, fixture_setup,
              test_every_file_needs_check, fixture_teardown);
  g_test_add ("/ui/delete/stores-keep-files", Fixture, NULL, fixture_setup, test_stores_keep, fixture_teardown);
  g_test_add ("/ui/delete/stores-exclusive-files", Fixture, NULL, fixture_setup, test_stores_exclusive,
              fixture_teardown);
  g_test_add ("/ui/delete/stores-all-files", Fixture, NULL, fixture_setup, test_stores_all, fixture_teardown);
  g_test_add ("/ui/delete/detach-undo", Fixture, NULL, fixture_setup, test_detach_undo, fixture_teardown);
  g_test_add ("/ui/delete/undo-latest-detach", Fixture, NULL, fixture_setup, test_undo_latest_detach,
              fixture_teardown);
  g_test_add ("/ui/delete/faults-and-retry", Fixture, NULL, fixture_setup, test_faults_and_retry,
              fixture_teardown);
  g_test_add ("/ui/delete/cancel-mid-run", Fixture, NULL, fixture_setup, test_cancel_mid_run,
              fixture_teardown);
  g_test_add ("/ui/delete/saved-reports", Fixture, NULL, fixture_setup, test_saved_reports, fixture_teardown);
  g_test_add_func ("/ui/delete/close-mid-run", test_close_mid_run);
  g_test_add ("/ui/delete/switch-mid-run", Fixture, NULL, fixture_setup, test_switch_mid_run,
              fixture_teardown);
  g_test_add ("/ui/delete/select-orphans", Fixture, NULL, fixture_setup, test_select_orphans, fixture_teardown);

  return g_test_run ();
}
