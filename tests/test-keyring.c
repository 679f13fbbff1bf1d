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
#include <string.h>

#include "sk-test-keyring.h"
#include "sk-test-utils.h"

#include "sk-account-dialog.h"
#include "sk-account-list.h"
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

/* The account form on an Azure OpenAI resource: a refused key shows why
 * and stores nothing; a good one is stored under the account's name, the
 * account opened, and the form closes. */
static GtkWidget *
form_child (GtkWidget  *dialog,
            const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (dialog, SK_TYPE_ACCOUNT_DIALOG, name));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_account_dialog (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autofree char *endpoint = g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (fake));
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccountProfile) stored = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *error_label;
  SkAccount *account;
  char *key;

  g_object_set (fake, "api-key", "azure-key-1234", NULL);
  sk_fake_openai_set_azure (fake, TRUE, NULL);
  dialog = sk_account_dialog_new (NULL, manager, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  error_label = form_child (dialog, "error_label");

  gtk_editable_set_text (GTK_EDITABLE (form_child (dialog, "name_row")), "Azure dev");
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_child (dialog, "provider_row")), SK_PROVIDER_AZURE);
  g_assert_true (gtk_widget_get_visible (form_child (dialog, "api_version_row")));
  g_assert_false (gtk_widget_get_visible (form_child (dialog, "project_row")));
  gtk_editable_set_text (GTK_EDITABLE (form_child (dialog, "url_row")), endpoint);
  gtk_editable_set_text (GTK_EDITABLE (form_child (dialog, "key_row")), "azure-wrong");
  g_signal_emit_by_name (form_child (dialog, "save_button"), "clicked");
  sk_test_wait_until (label_shown, error_label, 10000);
  g_assert_nonnull (dialog);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "azure-wrong"));
  g_assert_null (sk_account_manager_get_account (manager));
  g_assert_null (sk_account_list_find (settings, "Azure dev"));

  gtk_editable_set_text (GTK_EDITABLE (form_child (dialog, "key_row")), "azure-key-1234");
  g_signal_emit_by_name (form_child (dialog, "save_button"), "clicked");
  sk_test_wait_until (is_null, &dialog, 10000);

  account = sk_account_manager_get_account (manager);
  g_assert_nonnull (account);
  g_assert_cmpstr (sk_account_get_title (account), ==, "Azure dev");
  stored = sk_account_list_find (settings, "Azure dev");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->provider, ==, SK_PROVIDER_AZURE);
  g_assert_cmpstr (stored->url, ==, endpoint);
  sk_secret_lookup_async ("Azure dev", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  key = sk_secret_lookup_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "azure-key-1234");
  secret_password_free (key);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/openai/v1/vector_stores"), ==, 2);

  sk_account_manager_set_account (manager, NULL);
  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "active-account");
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
  g_test_add_func ("/ui/keyring/account-dialog", test_account_dialog);

  return g_test_run ();
}
