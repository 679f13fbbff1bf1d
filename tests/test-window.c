/* test-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window on a simulated account: counts, purpose filter, search, sort,
 * orphans, a store's files with names, the refused-key state, the welcome
 * page.
 */

#include "config.h"

#include <adwaita.h>

#include "sk-test-ui.h"
#include "sk-test-utils.h"

#include "sk-account.h"
#include "sk-demo-account.h"
#include "sk-file.h"
#include "sk-vector-store-file.h"
#include "sk-window.h"
#include "sk-window-private.h"

#define N_FILES 30
#define TIMEOUT 20000

static const char *purposes[] = { "assistants", "batch", "user_data", "vision" };

typedef struct
{
  SkFakeOpenai *fake;
  SkWindow     *window;
} Fixture;

/* 30 files: "report-00.pdf".."report-29.pdf", purposes cycling, sizes
 * 1000 * (i + 1) (so report-29 is the biggest); 3 stores: "Alpha" holds
 * files 0..9, "Beta" 5..14, the unnamed one nothing. Files 15..29 are in no
 * store. */
static void
fill_fake (SkFakeOpenai *fake)
{
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);
      g_autofree char *name = g_strdup_printf ("report-%02u.pdf", i);

      sk_fake_openai_add_file (fake, id, name, purposes[i % G_N_ELEMENTS (purposes)],
                               1000 * (i + 1), 1700000000 + i);
    }
  sk_fake_openai_add_vector_store (fake, "vs_alpha", "Alpha", 1700000100);
  sk_fake_openai_add_vector_store (fake, "vs_beta", "Beta", 1700000200);
  sk_fake_openai_add_vector_store (fake, "vs_unnamed", NULL, 1700000300);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *a = g_strdup_printf ("file-%03u", i);
      g_autofree char *b = g_strdup_printf ("file-%03u", i + 5);

      g_assert_true (sk_fake_openai_attach (fake, "vs_alpha", a, "completed"));
      g_assert_true (sk_fake_openai_attach (fake, "vs_beta", b, "completed"));
    }
}

static gboolean
pages_idle (gpointer data)
{
  SkWindow *window = data;

  return !sk_files_page_get_busy (sk_window_get_files_page (window))
         && !sk_stores_page_get_busy (sk_window_get_stores_page (window));
}

static gboolean
usage_ready (gpointer data)
{
  return sk_window_get_usage_ready (data) && pages_idle (data);
}

static gboolean
store_idle (gpointer data)
{
  return !sk_store_files_page_get_busy (sk_window_get_store_files_page (data));
}

static void
fixture_open (Fixture    *fixture,
              const char *key)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fixture->fake);
  g_autoptr (SkAccount) account = sk_account_new (SK_ACCOUNT_KEYRING, url, key, NULL, NULL);

  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, NULL);
  fixture->window = g_object_ref (sk_window_new (NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  sk_window_set_account (fixture->window, account);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->fake = sk_test_fake_new ();
  fill_fake (fixture->fake);
  fixture_open (fixture, data ? data : "sk-test-key");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  sk_test_spin (50);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->fake);
}

static guint
n_rows (GtkSelectionModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static SkFile *
file_at (SkFilesPage *page,
         guint        position)
{
  SkFile *file = g_list_model_get_item (G_LIST_MODEL (sk_files_page_get_selection (page)), position);

  g_object_unref (file); /* the model keeps it */
  return file;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  SkWindow *window = fixture->window;

  g_assert_cmpstr (sk_window_get_state (window), ==, "browse");
  g_assert_cmpuint (n_rows (sk_stores_page_get_selection (sk_window_get_stores_page (window))), ==, 3);
  g_assert_cmpuint (n_rows (sk_files_page_get_selection (sk_window_get_files_page (window))), ==, N_FILES);
  g_assert_cmpstr (sk_files_page_get_state (sk_window_get_files_page (window)), ==, "list");
  g_assert_cmpstr (sk_window_get_subtitle (window), ==, "OpenAI account");
}

static void
test_purpose_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  g_auto (GStrv) found = sk_files_page_dup_purposes (page);
  GtkSelectionModel *model = sk_files_page_get_selection (page);

  /* the dropdown lists what the account holds, sorted */
  g_assert_cmpuint (g_strv_length (found), ==, G_N_ELEMENTS (purposes));
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    g_assert_cmpstr (found[i], ==, purposes[i]);

  sk_files_page_set_purpose (page, "batch");
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  /* i % 4 == 1 for i in 0..29: 1, 5, ..., 29 */
  g_assert_cmpuint (n_rows (model), ==, 8);
  for (guint i = 0; i < n_rows (model); i++)
    g_assert_cmpstr (sk_file_get_purpose (file_at (page, i)), ==, "batch");

  sk_files_page_set_purpose (page, NULL);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, N_FILES);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  GtkSelectionModel *model = sk_files_page_get_selection (page);

  sk_files_page_set_search_text (page, "REPORT-1");   /* case-insensitive, filename */
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, 10);

  sk_files_page_set_search_text (page, "file-007");   /* by ID */
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, 1);
  g_assert_cmpstr (sk_file_get_filename (file_at (page, 0)), ==, "report-07.pdf");

  sk_files_page_set_search_text (page, "no such thing");
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, 0);
  g_assert_cmpstr (sk_files_page_get_state (page), ==, "no-results");

  /* search and purpose combine */
  sk_files_page_set_search_text (page, "report-2");
  sk_files_page_set_purpose (page, "assistants");
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  /* 20..29 with i % 4 == 0: 20, 24, 28 */
  g_assert_cmpuint (n_rows (model), ==, 3);

  sk_files_page_set_search_text (page, "");
  sk_files_page_set_purpose (page, NULL);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, N_FILES);

  /* stores: by name or ID */
  sk_stores_page_set_search_text (sk_window_get_stores_page (fixture->window), "alp");
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window))), ==, 1);
  sk_stores_page_set_search_text (sk_window_get_stores_page (fixture->window), "vs_unn");
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window))), ==, 1);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  GtkSelectionModel *model = sk_files_page_get_selection (page);

  /* default: newest first */
  g_assert_cmpstr (sk_file_get_id (file_at (page, 0)), ==, "file-029");

  sk_files_page_sort_by (page, "size", GTK_SORT_ASCENDING);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpint (sk_file_get_bytes (file_at (page, 0)), ==, 1000);
  for (guint i = 1; i < n_rows (model); i++)
    g_assert_cmpint (sk_file_get_bytes (file_at (page, i - 1)), <=, sk_file_get_bytes (file_at (page, i)));

  sk_files_page_sort_by (page, "filename", GTK_SORT_DESCENDING);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpstr (sk_file_get_filename (file_at (page, 0)), ==, "report-29.pdf");
  g_assert_cmpstr (sk_file_get_filename (file_at (page, N_FILES - 1)), ==, "report-00.pdf");

  sk_stores_page_sort_by (sk_window_get_stores_page (fixture->window), "name", GTK_SORT_ASCENDING);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  {
    GListModel *stores = G_LIST_MODEL (sk_stores_page_get_selection (sk_window_get_stores_page (fixture->window)));
    g_autoptr (SkVectorStore) first = g_list_model_get_item (stores, 0);
    g_autoptr (SkVectorStore) last = g_list_model_get_item (stores, 2);

    /* by the name shown: Alpha, Beta, then the unnamed one under its ID */
    g_assert_cmpstr (sk_vector_store_get_name (first), ==, "Alpha");
    g_assert_cmpstr (sk_vector_store_get_id (last), ==, "vs_unnamed");
  }
}

static void
test_orphans_and_selection (Fixture       *fixture,
                            gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  GtkSelectionModel *model = sk_files_page_get_selection (page);
  guint n_selected = 0;

  sk_test_wait_until (usage_ready, fixture->window, TIMEOUT);
  sk_files_page_set_orphans_only (page, TRUE);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  /* files 15..29 are in no store; of those, only the assistants and
   * user_data ones (16, 18, 20, 22, 24, 26, 28) are orphans: batch and
   * vision files are never attached to stores */
  g_assert_cmpuint (n_rows (model), ==, 7);
  for (guint i = 0; i < n_rows (model); i++)
    {
      const char *purpose = sk_file_get_purpose (file_at (page, i));

      g_assert_true (g_str_equal (purpose, "assistants") || g_str_equal (purpose, "user_data"));
    }

  sk_files_page_sort_by (page, "stores", GTK_SORT_DESCENDING);
  sk_files_page_set_orphans_only (page, FALSE);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (model), ==, N_FILES);
  /* files 5..9 are in two stores */
  g_assert_cmpint (g_ascii_strtoll (sk_file_get_id (file_at (page, 0)) + 5, NULL, 10), >=, 5);
  g_assert_cmpint (g_ascii_strtoll (sk_file_get_id (file_at (page, 0)) + 5, NULL, 10), <=, 9);

  /* select all, through the window action */
  sk_window_set_view (fixture->window, "files");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-all", NULL);
  g_object_get (page, "n-selected", &n_selected, NULL);
  g_assert_cmpuint (n_selected, ==, N_FILES);
  sk_files_page_unselect_all (page);
  g_object_get (page, "n-selected", &n_selected, NULL);
  g_assert_cmpuint (n_selected, ==, 0);

  /* deletion (tested in test-delete-ui.c): enabled while browsing */
  g_assert_true (sk_test_has_action (GTK_WIDGET (fixture->window), "win.delete-selected"));
  g_assert_true (sk_test_action_enabled (sk_window_get_job_slot (fixture->window), "win.delete-selected"));
}

static void
test_open_store (Fixture       *fixture,
                 gconstpointer  data)
{
  SkStoresPage *stores = sk_window_get_stores_page (fixture->window);
  SkStoreFilesPage *page = sk_window_get_store_files_page (fixture->window);
  GListModel *model = G_LIST_MODEL (sk_store_files_page_get_selection (page));
  GListModel *list = G_LIST_MODEL (sk_stores_page_get_selection (stores));
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (list, i);

      if (g_strcmp0 (sk_vector_store_get_id (store), "vs_beta") == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  sk_stores_page_activate_position (stores, position);
  sk_test_wait_until (store_idle, fixture->window, TIMEOUT);

  g_assert_true (sk_test_action_enabled (sk_window_get_job_slot (fixture->window), "win.back"));
  g_assert_cmpstr (sk_vector_store_get_id (sk_store_files_page_get_store (page)), ==, "vs_beta");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_hash_table_add (names, sk_store_files_page_dup_row_name (page, i));
  for (guint i = 5; i < 15; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%02u.pdf", i);

      g_assert_true (g_hash_table_contains (names, name));
    }

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  g_assert_false (sk_test_action_enabled (sk_window_get_job_slot (fixture->window), "win.back"));
}

static void
test_refused_key (Fixture       *fixture,
                  gconstpointer  data)
{
  SkFilesPage *page = sk_window_get_files_page (fixture->window);
  AdwStatusPage *error_page;
  GtkButton *error_button;

  g_assert_cmpstr (sk_files_page_get_state (page), ==, "error");
  g_assert_cmpstr (sk_stores_page_get_state (sk_window_get_stores_page (fixture->window)), ==, "error");
  error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (page), SK_TYPE_LIST_PAGE, "error_page"));
  error_button = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), SK_TYPE_LIST_PAGE, "error_button"));
  g_assert_cmpstr (adw_status_page_get_icon_name (error_page), ==, "dialog-password-symbolic");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (error_button)), ==, "win.change-key");

  /* "Change key" goes to the welcome page */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.change-key", NULL);
  g_assert_cmpstr (sk_window_get_state (fixture->window), ==, "welcome");
  g_assert_null (sk_window_get_account (fixture->window));
}

static void
test_network_error (void)
{
  g_autoptr (SkAccount) account = NULL;
  SkWindow *window;
  AdwStatusPage *error_page;

  /* nothing listens on port 9 of loopback */
  account = sk_account_new (SK_ACCOUNT_KEYRING, "http://127.0.0.1:9/v1", "sk-test-key", NULL, NULL);
  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, "max-attempts", 1, NULL);
  window = g_object_ref (sk_window_new (NULL));
  sk_window_set_account (window, account);
  sk_test_wait_until (pages_idle, window, TIMEOUT);

  g_assert_cmpstr (sk_files_page_get_state (sk_window_get_files_page (window)), ==, "error");
  error_page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (sk_window_get_files_page (window)),
                                                               SK_TYPE_LIST_PAGE, "error_page"));
  g_assert_cmpstr (adw_status_page_get_icon_name (error_page), ==, "network-error-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_spin (50);
  g_assert_finalize_object (window);
}

static void
test_welcome (void)
{
  SkWindow *window = g_object_ref (sk_window_new (NULL));

  g_assert_cmpstr (sk_window_get_state (window), ==, "loading");
  sk_window_set_account (window, NULL);
  g_assert_cmpstr (sk_window_get_state (window), ==, "welcome");
  g_assert_false (sk_test_action_enabled (sk_window_get_job_slot (window), "win.refresh"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkDemoAccount) demo = sk_demo_account_start (200, 8, &error);
  g_autoptr (SkAccount) account = NULL;
  SkWindow *window;

  g_assert_no_error (error);
  account = sk_demo_account_open (demo);
  window = g_object_ref (sk_window_new (NULL));
  sk_window_set_account (window, account);
  sk_test_wait_until (pages_idle, window, TIMEOUT);
  g_assert_cmpstr (sk_window_get_subtitle (window), ==, "Demo account");
  g_assert_cmpuint (n_rows (sk_files_page_get_selection (sk_window_get_files_page (window))), ==, 200);
  g_assert_cmpuint (n_rows (sk_stores_page_get_selection (sk_window_get_stores_page (window))), ==, 8);

  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_spin (50);
  g_assert_finalize_object (window);
}

static gboolean
overview_ready (gpointer data)
{
  SkWindow *window = data;

  return usage_ready (data) && sk_overview_page_get_summary (window->overview_page) != NULL;
}

/* The Overview is shown first, counts the account, and its rows lead to
 * the items in their page */
static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  SkWindow *window = fixture->window;
  SkStorageSummary *summary;
  GListModel *files;
  g_autoptr (GPtrArray) selected = NULL;

  g_assert_cmpstr (sk_window_get_view (window), ==, "overview");
  sk_test_wait_until (overview_ready, window, TIMEOUT);
  summary = sk_overview_page_get_summary (window->overview_page);
  g_assert_cmpuint (sk_storage_summary_get_n_files (summary), ==, N_FILES);
  g_assert_cmpuint (sk_storage_summary_get_n_stores (summary), ==, 3);
  g_assert_cmpuint (sk_storage_summary_get_reclaim (summary, SK_RECLAIM_EMPTY_STORES)->items->len, ==, 1);

  /* Review the empty stores: the stores page, with the unnamed one selected */
  g_signal_emit_by_name (window->overview_page, "review", (guint) SK_RECLAIM_EMPTY_STORES);
  g_assert_cmpstr (sk_window_get_view (window), ==, "stores");
  selected = sk_stores_page_dup_selected (sk_window_get_stores_page (window));
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_cmpstr (sk_vector_store_get_id (g_ptr_array_index (selected, 0)), ==, "vs_unnamed");

  /* A store row opens that store */
  g_signal_emit_by_name (window->overview_page, "show-store", "vs_beta");
  sk_test_wait_until (store_idle, window, TIMEOUT);
  g_assert_cmpstr (sk_window_get_view (window), ==, "stores");
  g_assert_cmpstr (sk_vector_store_get_id (sk_store_files_page_get_store (sk_window_get_store_files_page (window))),
                   ==, "vs_beta");

  /* A purpose row shows the files of that purpose only */
  g_signal_emit_by_name (window->overview_page, "show-files", "batch");
  g_assert_cmpstr (sk_window_get_view (window), ==, "files");
  sk_test_wait_until (pages_idle, window, TIMEOUT);
  files = G_LIST_MODEL (sk_files_page_get_selection (sk_window_get_files_page (window)));
  /* i % 4 == 1 for i in 0..29 */
  g_assert_cmpuint (g_list_model_get_n_items (files), ==, 8);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (SkFile) file = g_list_model_get_item (files, i);

      g_assert_cmpstr (sk_file_get_purpose (file), ==, "batch");
    }
}

/* Switching accounts while the first one is still loading: its lists are
 * dropped, and its late answers never reach the window; the stored
 * account's name is the window's subtitle. */
static void
test_switch_while_loading (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (SkFakeOpenai) other = sk_test_fake_new ();
  g_autofree char *other_url = sk_fake_openai_dup_base_url (other);
  g_autoptr (SkAccountProfile) profile = sk_account_profile_new ("Acme prod", SK_PROVIDER_OPENAI,
                                                                 other_url);
  g_autoptr (SkAccount) second = sk_account_new_from_profile (profile, "sk-test-key");
  SkFilesPage *files = sk_window_get_files_page (fixture->window);

  sk_fake_openai_add_file (other, "file-other", "other.pdf", "assistants", 10, 1700000000);
  g_object_set (fixture->fake, "latency-ms", 400, NULL);
  sk_window_refresh (fixture->window);
  sk_test_spin (50);
  g_assert_true (sk_files_page_get_busy (files) || sk_stores_page_get_busy (sk_window_get_stores_page (fixture->window)));

  sk_window_set_account (fixture->window, second);
  sk_test_wait_until (pages_idle, fixture->window, TIMEOUT);
  g_assert_cmpuint (n_rows (sk_files_page_get_selection (files)), ==, 1);
  g_assert_cmpstr (sk_file_get_id (file_at (files, 0)), ==, "file-other");

  /* the first account's answers come, and change nothing */
  sk_test_spin (600);
  g_assert_cmpuint (n_rows (sk_files_page_get_selection (files)), ==, 1);
  g_assert_cmpstr (sk_file_get_id (file_at (files, 0)), ==, "file-other");
  g_assert_cmpstr (sk_account_get_title (sk_window_get_account (fixture->window)), ==, "Acme prod");
}

/* Every view fits a phone-sized window (360 px): nothing holds the window
 * wider than the screen */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->window->view_stack), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/window/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/ui/window/purpose-filter", Fixture, NULL, fixture_setup, test_purpose_filter, fixture_teardown);
  g_test_add ("/ui/window/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/ui/window/sort", Fixture, NULL, fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/ui/window/orphans-and-selection", Fixture, NULL, fixture_setup,
              test_orphans_and_selection, fixture_teardown);
  g_test_add ("/ui/window/open-store", Fixture, NULL, fixture_setup, test_open_store, fixture_teardown);
  g_test_add ("/ui/window/overview", Fixture, NULL, fixture_setup, test_overview, fixture_teardown);
  g_test_add ("/ui/window/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/ui/window/refused-key", Fixture, "sk-wrong-key", fixture_setup, test_refused_key,
              fixture_teardown);
  g_test_add_func ("/ui/window/network-error", test_network_error);
  g_test_add ("/ui/window/switch-while-loading", Fixture, NULL, fixture_setup, test_switch_while_loading,
              fixture_teardown);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/demo", test_demo);

  return g_test_run ();
}
