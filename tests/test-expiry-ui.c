/* test-expiry-ui.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting and clearing the expiry of the selected vector stores from the
 * window, on a simulated account: the fake's state and request log show
 * what was sent.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sk-test-deletion.h"
#include "sk-test-utils.h"
#include "sk-test-window.h"

#include "sk-expiry-dialog.h"
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

/* A store that went meanwhile: the toast says which part failed */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const pair[] = { "vs_alpha", "vs_beta", NULL };
  SkExpiryDialog *dialog = open_dialog (fixture, pair);

  sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_beta", SK_FAKE_FAULT_STATUS, 404, -1);
  answer (fixture, dialog, "apply");
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_alpha"), ==, 30);
  g_assert_true (g_str_has_prefix (sk_window_get_last_toast (fixture->window),
                                   "Could not change the expiry of 1 vector store: "));
}

/* Many stores: a few requests at a time, every store done */
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

  return g_test_run ();
}
