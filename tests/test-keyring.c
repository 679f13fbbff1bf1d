/* test-keyring.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API key against a real Secret Service: the test re-executes itself
 * under `dbus-run-session` with a gnome-keyring-daemon unlocked on a
 * throw-away keyring in a temporary HOME. Skipped (with a message) only
 * when those programs are absent.
 */

#include "config.h"

#include <adwaita.h>

#include "sk-test-keyring.h"
#include "sk-test-utils.h"

#include "sk-account-manager.h"
#include "sk-secret.h"
#include "sk-settings.h"
#include "sk-welcome-page.h"

static char *
lookup (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  sk_secret_lookup_async ("default", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  key = sk_secret_lookup_finish (result, &error);
  g_assert_no_error (error);
  return key;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  key = lookup ();
  g_assert_null (key);

  sk_secret_store_async ("default", "sk-test-secret-1", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_store_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  key = lookup ();
  g_assert_cmpstr (key, ==, "sk-test-secret-1");
  secret_password_free (key);

  /* replacing keeps one item */
  sk_secret_store_async ("default", "sk-test-secret-2", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_store_finish (result, &error));
  g_clear_object (&result);
  key = lookup ();
  g_assert_cmpstr (key, ==, "sk-test-secret-2");
  secret_password_free (key);

  sk_secret_clear_async ("default", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_clear_finish (result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  key = lookup ();
  g_assert_null (key);

  /* clearing nothing is not an error */
  sk_secret_clear_async ("default", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* The attribute build-aux/setup.sh looks up with secret-tool */
static void
test_secret_tool_attribute (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *secret_tool = g_find_program_in_path ("secret-tool");
  int status = 0;

  if (secret_tool == NULL)
    {
      g_test_skip ("secret-tool is not installed");
      return;
    }

  sk_secret_store_async ("default", "sk-test-secret-3", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_store_finish (result, &error));
  g_clear_object (&result);

  {
    const char *argv[] = { secret_tool, "lookup", "application", APP_ID, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strchomp (out), ==, "sk-test-secret-3");

  sk_secret_clear_async ("default", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  g_assert_true (sk_secret_clear_finish (result, &error));
}

/* The welcome page checks the key against the server, then stores it,
 * through its account manager. */
static void
on_connected (SkWelcomePage  *page,
              SkAccount      *account,
              const char     *warning,
              SkAccount     **out)
{
  g_assert_null (warning);
  *out = g_object_ref (account);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_welcome_connect (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  GtkWidget *page;
  char *key;

  g_settings_set_string (settings, "base-url", url);
  page = g_object_ref_sink (sk_welcome_page_new ());
  g_object_set (page, "account-manager", manager, NULL);
  g_signal_connect (page, "connected", G_CALLBACK (on_connected), &account);

  /* a refused key is not stored */
  sk_welcome_page_connect (SK_WELCOME_PAGE (page), "sk-wrong", NULL, NULL);
  {
    GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (page, SK_TYPE_WELCOME_PAGE, "error_label"));

    while (!gtk_widget_get_visible (label))
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_null (account);
  key = lookup ();
  g_assert_null (key);

  sk_welcome_page_connect (SK_WELCOME_PAGE (page), "sk-test-key", "org-1", "proj-1");
  sk_test_wait_until (is_set, &account, 10000);
  g_assert_cmpstr (sk_account_get_title (account), ==, "proj-1");
  g_assert_true (sk_account_manager_get_account (manager) == account);
  key = lookup ();
  g_assert_cmpstr (key, ==, "sk-test-key");
  secret_password_free (key);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/vector_stores"), ==, 2);

  {
    g_autofree char *project = g_settings_get_string (settings, "project");

    g_assert_cmpstr (project, ==, "proj-1");
  }

  g_assert_finalize_object (page);
  g_settings_reset (settings, "base-url");
}

int
main (int   argc,
      char *argv[])
{
  if (!sk_test_keyring_is_child ())
    return sk_test_keyring_run (argc, argv);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/keyring/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/ui/keyring/secret-tool-attribute", test_secret_tool_attribute);
  g_test_add_func ("/ui/keyring/welcome-connect", test_welcome_connect);

  return g_test_run ();
}
