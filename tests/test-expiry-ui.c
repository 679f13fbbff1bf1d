/* test-expiry-ui.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting and clearing the expiry of the selected vector stores from the
 * window, on a simulated account: the fake's state and request log show
 * what was sent; the job bar shows the progress, the results panel each
 * store with its outcome, and the Expires column the new policy.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sk-test-deletion.h"
#include "sk-test-utils.h"
#include "sk-test-window.h"

#include "sk-expiry-dialog.h"
#include "sk-format.h"
#include "sk-window-private.h"

#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  SkWindow     *window;
} Fixture;

static gboolean
idle (gpointer data)
{
  SkWindow *window = data;

  return sk_window_get_usage_ready (window) && sk_window_get_jobs_ready (window)
         && !sk_window_get_expiry_pending (window)
         && !sk_stores_page_get_busy (sk_window_get_stores_page (window))
         && !sk_files_page_get_busy (sk_window_get_files_page (window));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  fixture->window = sk_test_window_open (fixture->fake, idle, TIMEOUT);
  sk_fake_openai_reset_log (fixture->fake);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sk_test_window_close (fixture->window, idle, TIMEOUT);
  g_clear_object (&fixture->fake);
}

/* Selects the stores of @ids in the stores page and opens the dialog */
static SkExpiryDialog *
open_dialog (Fixture            *fixture,
             const char * const *ids)
{
  SkStoresPage *page = sk_window_get_stores_page (fixture->window);
  GListModel *model = G_LIST_MODEL (sk_stores_page_get_selection (page));
  AdwMessageDialog *dialog;

  sk_window_set_view (fixture->window, "stores");
  sk_window_close_store (fixture->window);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (model, i);

      if (g_strv_contains (ids, sk_vector_store_get_id (store)))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, FALSE);
    }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-expiry", NULL);
  dialog = sk_window_get_expiry_dialog (fixture->window);
  g_assert_true (SK_IS_EXPIRY_DIALOG (dialog));
  return SK_EXPIRY_DIALOG (dialog);
}

static void
answer (Fixture        *fixture,
        SkExpiryDialog *dialog,
        const char     *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  sk_test_spin (20);
  g_assert_null (sk_window_get_expiry_dialog (fixture->window));
  sk_test_wait_until (idle, fixture->window, TIMEOUT);
}

/* The line the results panel shows for @id, "" when it is not listed */
static char *
panel_line (Fixture    *fixture,
            const char *id)
{
  GListModel *shown = sk_results_panel_get_shown (sk_window_get_results_panel (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (shown, i);

      if (g_str_equal (sk_bulk_result_get_id (result), id))
        return sk_results_panel_describe (result);
    }
  return g_strdup ("");
}

/* The text of the Expires column for the store @id, as the stores page
 * formats it */
static char *
expires_text (Fixture    *fixture,
              const char *id)
{
  GListModel *model = G_LIST_MODEL (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (model, i);

      if (g_str_equal (sk_vector_store_get_id (store), id))
        return sk_format_date (sk_vector_store_get_expires_at (store), "Never");
    }
  g_assert_not_reached ();
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
test_set_and_clear (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const pair[] = { "vs_alpha", "vs_beta", NULL };
  const char * const one[] = { "vs_alpha", NULL };
  SkExpiryDialog *dialog = open_dialog (fixture, pair);

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Expiry of 2 Vector Stores");
  g_assert_cmpuint (sk_expiry_dialog_get_days (dialog), ==, 30);
  sk_expiry_dialog_set_days (dialog, 14);
  answer (fixture, dialog, "apply");

  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_alpha"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_beta"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_alpha"), ==, 14);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 14);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_empty"), ==, 0);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==,
                   "2 vector stores now expire after 14 days without activity");

  /* the results panel lists each store with its outcome */
  {
    SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);
    g_autofree char *alpha = panel_line (fixture, "vs_alpha");
    g_autofree char *beta = panel_line (fixture, "vs_beta");

    g_assert_true (sk_window_get_results_revealed (fixture->window));
    g_assert_cmpstr (sk_results_panel_get_title (panel), ==, "Expiry Results");
    g_assert_cmpstr (sk_results_panel_get_summary (panel), ==,
                     "2 vector stores now expire after 14 days without activity");
    g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_results (panel)), ==, 2);
    g_assert_cmpuint (sk_results_panel_get_n_deleted (panel), ==, 2);
    g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 0);
    g_assert_cmpstr (alpha, ==, "Expiry set");
    g_assert_cmpstr (beta, ==, "Expiry set");
    /* the rows on screen, with the stores' names */
    g_assert_nonnull (find_label (GTK_WIDGET (panel), "Alpha"));
    g_assert_nonnull (find_label (GTK_WIDGET (panel), "vs_alpha · Expiry set"));
    /* no Undo for a change of expiry */
    g_assert_null (sk_window_get_undo_toast (fixture->window));
    g_assert_false (sk_deletion_get_can_undo (sk_window_get_deletion (fixture->window)));
  }

  /* the Expires column shows the dates of the new policy */
  {
    g_autofree char *alpha = expires_text (fixture, "vs_alpha");
    g_autofree char *empty = expires_text (fixture, "vs_empty");

    g_assert_cmpstr (alpha, !=, "Never");
    g_assert_cmpstr (empty, ==, "Never");
  }

  /* the list was refreshed: the stores show their expiry date */
  {
    GListModel *model = G_LIST_MODEL (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window)));
    guint n_expiring = 0;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (SkVectorStore) store = g_list_model_get_item (model, i);

        if (sk_vector_store_get_expires_at (store) > 0)
          n_expiring++;
      }
    g_assert_cmpuint (n_expiring, ==, 2);
  }

  /* "never" clears the policy of the one selected */
  gtk_selection_model_unselect_all (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window)));
  dialog = open_dialog (fixture, one);
  sk_expiry_dialog_set_days (dialog, 0);
  answer (fixture, dialog, "apply");
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_alpha"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 14);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==, "1 vector store no longer expires");
  {
    g_autofree char *line = panel_line (fixture, "vs_alpha");
    g_autofree char *alpha = expires_text (fixture, "vs_alpha");
    g_autofree char *beta = expires_text (fixture, "vs_beta");

    g_assert_cmpstr (line, ==, "Expiry cleared");
    g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_results (sk_window_get_results_panel (fixture->window))), ==, 1);
    g_assert_cmpstr (alpha, ==, "Never");
    g_assert_cmpstr (beta, !=, "Never");
  }
  /* nothing of it went to the deletion history */
  g_assert_null (sk_deletion_get_journal (sk_window_get_deletion (fixture->window)));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const char * const one[] = { "vs_beta", NULL };
  SkExpiryDialog *dialog = open_dialog (fixture, one);

  sk_expiry_dialog_set_days (dialog, 3);
  answer (fixture, dialog, "cancel");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 0);
}

/* A store that went meanwhile: the toast says one failed, the results
 * panel which and why; Retry Failed sets the same policy on it alone */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const pair[] = { "vs_alpha", "vs_beta", NULL };
  SkExpiryDialog *dialog = open_dialog (fixture, pair);
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);

  sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_beta", SK_FAKE_FAULT_STATUS, 404, -1);
  answer (fixture, dialog, "apply");
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_alpha"), ==, 30);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 0);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==,
                   "1 vector store now expires after 30 days without activity · 1 failed");
  g_assert_true (sk_window_get_results_revealed (fixture->window));
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 1);
  /* the panel opens on what failed */
  g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_shown (panel)), ==, 1);
  {
    g_autofree char *line = panel_line (fixture, "vs_beta");

    g_assert_true (g_str_has_prefix (line, "Failed: HTTP 404 · "));
  }

  sk_fake_openai_reset_log (fixture->fake);
  sk_window_retry_failed (fixture->window);
  sk_test_wait_until (idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 30);
  g_assert_cmpstr (sk_window_get_last_toast (fixture->window), ==,
                   "2 vector stores now expire after 30 days without activity");
  g_assert_cmpuint (sk_results_panel_get_n_failed (panel), ==, 0);
  {
    g_autofree char *beta = expires_text (fixture, "vs_beta");

    g_assert_cmpstr (beta, !=, "Never");
  }
}

static gboolean
job_started (gpointer data)
{
  SkWindow *window = data;
  SkBulkDelete *job = sk_job_bar_get_job (sk_window_get_job_bar (window));

  return job != NULL && sk_bulk_delete_get_n_done (job) >= 3;
}

/* Cancel from the job bar: the requests sent end, the stores never sent
 * keep their policy, and the panel says which */
static void
test_cancel_running (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;
  SkExpiryDialog *dialog;
  SkResultsPanel *panel = sk_window_get_results_panel (fixture->window);
  guint n_set = 0;
  guint n_not_changed = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_run_%02u", i);

      sk_fake_openai_add_vector_store (fixture->fake, id, "Run", 1700002000 + i);
      g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  sk_window_refresh (fixture->window);
  sk_test_spin (50);
  sk_test_wait_until (idle, fixture->window, TIMEOUT);

  sk_window_set_max_in_flight (fixture->window, 2);
  g_object_set (fixture->fake, "latency-ms", 30, NULL);
  sk_fake_openai_reset_log (fixture->fake);
  dialog = open_dialog (fixture, (const char * const *) ids);
  sk_expiry_dialog_set_days (dialog, 5);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  sk_test_wait_until (job_started, fixture->window, TIMEOUT);
  /* the job bar says what runs */
  g_assert_true (g_str_has_prefix (sk_job_bar_get_text (sk_window_get_job_bar (fixture->window)),
                                   "Changing the expiry of "));
  g_assert_true (sk_window_get_expiry_pending (fixture->window));
  sk_window_cancel_job (fixture->window);
  sk_test_wait_until (idle, fixture->window, TIMEOUT);
  g_object_set (fixture->fake, "latency-ms", 0, NULL);

  g_assert_true (sk_window_get_results_revealed (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (sk_results_panel_get_results (panel)), ==, 30);
  g_assert_nonnull (strstr (sk_window_get_last_toast (fixture->window), "not changed (cancelled)"));
  sk_results_panel_set_show (panel, SK_RESULTS_SHOW_ALL);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *line = panel_line (fixture, ids[i]);
      g_autofree char *expires = expires_text (fixture, ids[i]);

      if (sk_fake_openai_get_expiry_days (fixture->fake, ids[i]) == 5)
        {
          g_assert_cmpstr (line, ==, "Expiry set");
          g_assert_cmpstr (expires, !=, "Never");
          n_set++;
        }
      else
        {
          g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, ids[i]), ==, 0);
          g_assert_true (g_str_has_prefix (line, "Not changed"));
          g_assert_cmpstr (expires, ==, "Never");
          n_not_changed++;
        }
    }
  g_assert_cmpuint (n_set, >=, 3);
  g_assert_cmpuint (n_not_changed, >, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_run_"), ==, n_set);
}

/* Many stores: a few requests at a time (max-in-flight), every store done */
static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;
  SkExpiryDialog *dialog;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_many_%02u", i);

      sk_fake_openai_add_vector_store (fixture->fake, id, "Many", 1700001000 + i);
      g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  sk_window_refresh (fixture->window);
  sk_test_spin (50);
  sk_test_wait_until (idle, fixture->window, TIMEOUT);

  /* the bulk engine keeps at most max-in-flight requests at once */
  sk_window_set_max_in_flight (fixture->window, 4);
  g_object_set (fixture->fake, "latency-ms", 30, NULL);
  sk_fake_openai_reset_log (fixture->fake);
  dialog = open_dialog (fixture, (const char * const *) ids);
  sk_expiry_dialog_set_days (dialog, 2);
  answer (fixture, dialog, "apply");

  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_many_"), ==, 12);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, ids[i]), ==, 2);
  /* at most four at a time: the fifth request waits for an answer
   * (the peak of the fake counts the refresh that follows, so the log's
   * arrival times tell) */
  {
    const GPtrArray *requests = sk_fake_openai_get_requests (fixture->fake);
    g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < requests->len; i++)
      {
        SkFakeRequest *request = g_ptr_array_index (requests, i);

        if (g_str_equal (request->method, "POST"))
          g_array_append_val (times, request->time_us);
      }
    g_assert_cmpuint (times->len, ==, 12);
    g_assert_cmpint (g_array_index (times, gint64, 4) - g_array_index (times, gint64, 0), >=, 25000);
  }
  g_object_set (fixture->fake, "latency-ms", 0, NULL);
}

static SkVectorStore *
store_idle_for (const char *id,
                guint       days)
{
  gint64 last_active = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 86400 - 60;
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  SkVectorStore *store;

  text = g_strdup_printf ("{\"id\": \"%s\", \"object\": \"vector_store\", \"created_at\": 1700000000, "
                          "\"last_active_at\": %" G_GINT64_FORMAT ", \"name\": \"%s\", \"usage_bytes\": 0, "
                          "\"status\": \"completed\", \"file_counts\": {\"in_progress\": 0, "
                          "\"completed\": 0, \"failed\": 0, \"cancelled\": 0, \"total\": 0}}",
                          id, last_active, id);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  store = sk_vector_store_new_from_json (node, &error);
  g_assert_no_error (error);
  return store;
}

/* The dialog says which stores the chosen days would expire at once */
static void
test_at_once_warning (void)
{
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  SkExpiryDialog *dialog;

  g_ptr_array_add (stores, store_idle_for ("vs_idle", 40));
  g_ptr_array_add (stores, store_idle_for ("vs_busy", 0));
  g_ptr_array_add (stores, store_idle_for ("vs_old", 200));

  dialog = sk_expiry_dialog_new (NULL, stores->len);
  sk_expiry_dialog_set_stores (dialog, stores);
  /* 30 days by default: the stores idle for 40 and 200 days go at once */
  g_assert_cmpstr (sk_expiry_dialog_get_warning (dialog), ==,
                   "2 of these vector stores have not been used for that many days: "
                   "they will expire as soon as you apply.");
  sk_expiry_dialog_set_days (dialog, 100);
  g_assert_cmpstr (sk_expiry_dialog_get_warning (dialog), ==,
                   "1 of these vector stores has not been used for that many days: "
                   "it will expire as soon as you apply.");
  sk_expiry_dialog_set_days (dialog, 365);
  g_assert_null (sk_expiry_dialog_get_warning (dialog));
  /* clearing the policy expires nothing */
  sk_expiry_dialog_set_days (dialog, 30);
  g_assert_nonnull (sk_expiry_dialog_get_warning (dialog));
  sk_expiry_dialog_set_days (dialog, 0);
  g_assert_null (sk_expiry_dialog_get_warning (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_ptr_array_add (one, store_idle_for ("vs_idle", 40));
  dialog = sk_expiry_dialog_new (NULL, one->len);
  sk_expiry_dialog_set_stores (dialog, one);
  g_assert_cmpstr (sk_expiry_dialog_get_warning (dialog), ==,
                   "This vector store has not been used for 30 days or more: "
                   "it will expire as soon as you apply.");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add ("/ui/expiry/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

  ADD ("set-and-clear", test_set_and_clear);
  ADD ("cancel", test_cancel);
  ADD ("failure", test_failure);
  ADD ("many", test_many);
  ADD ("cancel-running", test_cancel_running);
  g_test_add_func ("/ui/expiry/at-once-warning", test_at_once_warning);

  return g_test_run ();
}
