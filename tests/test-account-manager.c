/* test-account-manager.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SkAccountManager against a real Secret Service (a throw-away
 * gnome-keyring, see sk-test-keyring.c), the fake OpenAI server and the
 * `storekeeper --serve --demo` process. No display.
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sk-test-keyring.h"
#include "sk-test-utils.h"

#include "sk-account-list.h"
#include "sk-account-manager.h"
#include "sk-demo-account.h"
#include "sk-file.h"
#include "sk-secret.h"
#include "sk-settings.h"
#include "sk-vector-store.h"

#define WAIT_MS 20000

/* Keyring helpers */

static char *
lookup (const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  sk_secret_lookup_async (name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  key = sk_secret_lookup_finish (result, &error);
  g_assert_no_error (error);
  return key;
}

static void
store (const char *name,
       const char *key)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_secret_store_async (name, key, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_secret_store_finish (result, &error));
  g_assert_no_error (error);
}

static void
clear (const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sk_secret_clear_async (name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_secret_clear_finish (result, &error));
  g_assert_no_error (error);
}

/* Manager helpers */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static SkAccount *
load (SkAccountManager  *manager,
      GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_account_manager_load_async (manager, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_account_manager_load_finish (manager, result, error);
}

static SkAccount *
sign_in (SkAccountManager  *manager,
         const char        *key,
         const char        *organization,
         const char        *project,
         GError           **keyring_error,
         GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_account_manager_sign_in_async (manager, NULL, key, organization, project, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_account_manager_sign_in_finish (manager, result, keyring_error, error);
}

static gboolean
forget (SkAccountManager *manager,
        gboolean         *closed)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  sk_account_manager_forget_async (manager, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  ok = sk_account_manager_forget_finish (manager, result, closed, &error);
  g_assert_no_error (error);
  return ok;
}

static void
reset_settings (GSettings *settings)
{
  g_settings_reset (settings, "base-url");
  g_settings_reset (settings, "organization");
  g_settings_reset (settings, "project");
}

/* The key from the environment is used, never stored, and wins over the
 * keyring's. */
static void
test_env_key_wins (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;
  guint n_notify = 0;

  store ("default", "sk-from-keyring");
  g_settings_set_string (settings, "project", "proj-env");
  g_signal_connect (manager, "notify::account", G_CALLBACK (count_notify_cb), &n_notify);

  g_setenv ("OPENAI_API_KEY", "sk-from-environment", TRUE);
  account = load (manager, &error);
  g_unsetenv ("OPENAI_API_KEY");

  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_ENVIRONMENT);
  g_assert_cmpstr (sk_account_get_api_key (account), ==, "sk-from-environment");
  g_assert_cmpstr (sk_account_get_title (account), ==, "proj-env");

  /* the keyring keeps its own key, and the environment's is not stored */
  stored = lookup ("default");
  g_assert_cmpstr (stored, ==, "sk-from-keyring");

  clear ("default");
  reset_settings (settings);
}

/* With no key in the environment, the keyring's "default" key opens the
 * account with the base URL, organization and project of the settings. */
static void
test_keyring_load (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  /* nothing stored: no account, no error */
  account = load (manager, &error);
  g_assert_no_error (error);
  g_assert_null (account);
  g_assert_null (sk_account_manager_get_account (manager));

  store ("default", "sk-stored-key");
  g_settings_set_string (settings, "base-url", "http://127.0.0.1:9/v1");
  g_settings_set_string (settings, "organization", "org-saved");
  account = load (manager, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_KEYRING);
  g_assert_cmpstr (sk_account_get_name (account), ==, "default");
  g_assert_cmpstr (sk_account_get_api_key (account), ==, "sk-stored-key");
  g_assert_cmpstr (sk_account_get_base_url (account), ==, "http://127.0.0.1:9/v1");
  g_assert_cmpstr (sk_account_get_title (account), ==, "org-saved");

  /* a later change of the settings reaches the open account */
  g_settings_set_string (settings, "project", "proj-later");
  g_assert_cmpstr (sk_account_get_title (account), ==, "proj-later");

  clear ("default");
  reset_settings (settings);
}

/* A key the service refuses (401) is neither stored nor opened, and the
 * organization and project typed with it are not saved; a good key is. */
static void
test_sign_in (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) keyring_error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *project = NULL;
  guint n_notify = 0;

  g_settings_set_string (settings, "base-url", url);
  g_signal_connect (manager, "notify::account", G_CALLBACK (count_notify_cb), &n_notify);

  account = sign_in (manager, "sk-wrong", "org-1", "proj-1", &keyring_error, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (account);
  g_assert_null (keyring_error);
  g_assert_null (sk_account_manager_get_account (manager));
  g_assert_cmpuint (n_notify, ==, 0);
  g_assert_null (lookup ("default"));
  project = g_settings_get_string (settings, "project");
  g_assert_cmpstr (project, ==, "");
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/vector_stores"), ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&project, g_free);

  account = sign_in (manager, "sk-test-key", "org-1", "proj-1", &keyring_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_nonnull (account);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_KEYRING);
  g_assert_cmpstr (sk_account_get_title (account), ==, "proj-1");
  g_assert_cmpstr (sk_account_get_base_url (account), ==, url);
  stored = lookup ("default");
  g_assert_cmpstr (stored, ==, "sk-test-key");
  project = g_settings_get_string (settings, "project");
  g_assert_cmpstr (project, ==, "proj-1");
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/vector_stores"), ==, 2);

  clear ("default");
  reset_settings (settings);
}

/* Forgetting deletes the keyring item and closes the account it opened;
 * forgetting again, or with another account open, closes nothing. */
static void
test_forget (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  gboolean closed = FALSE;

  store ("default", "sk-to-forget");
  account = load (manager, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  g_assert_true (forget (manager, &closed));
  g_assert_true (closed);
  g_assert_null (sk_account_manager_get_account (manager));
  g_assert_null (lookup ("default"));

  g_assert_true (forget (manager, &closed));
  g_assert_false (closed);

  /* an account from the environment is not closed by forgetting the keyring's */
  store ("default", "sk-to-forget");
  g_clear_object (&account);
  account = sk_account_new (SK_ACCOUNT_ENVIRONMENT, NULL, "sk-env", NULL, NULL);
  sk_account_manager_set_account (manager, account);
  g_assert_true (forget (manager, &closed));
  g_assert_false (closed);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_null (lookup ("default"));
}

/* Stored accounts */

#define AZURE_KEY "azure-key-0123456789"

static SkAccount *
save (SkAccountManager        *manager,
      const SkAccountProfile  *profile,
      const char              *replaces,
      const char              *key,
      GError                 **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_account_manager_save_async (manager, profile, replaces, key, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_account_manager_save_finish (manager, result, error);
}

static SkAccount *
switch_to (SkAccountManager  *manager,
           const char        *name,
           GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_account_manager_switch_async (manager, name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_account_manager_switch_finish (manager, result, error);
}

static gboolean
forget_named (SkAccountManager *manager,
              const char       *name,
              gboolean         *closed)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  sk_account_manager_forget_async (manager, name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  ok = sk_account_manager_forget_finish (manager, result, closed, &error);
  g_assert_no_error (error);
  return ok;
}

/* The names of the stored accounts, ", "-joined */
static char *
stored_names (GSettings *settings)
{
  g_autoptr (GPtrArray) profiles = sk_account_list_load (settings);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < profiles->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            ((SkAccountProfile *) profiles->pdata[i])->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The label of the keyring item of @name, NULL when there is none, as
 * `secret-tool search` shows it (libsecret's own search leaks under ASan) */
static char *
item_label (const char *name)
{
  g_autofree char *secret_tool = g_find_program_in_path ("secret-tool");
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  const char *argv[] = { secret_tool, "search", "--all", "application", APP_ID, "account", name, NULL };
  char *label = NULL;

  g_assert_nonnull (secret_tool);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL,
                &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "label = "))
      {
        g_assert_null (label);
        label = g_strdup (lines[i] + strlen ("label = "));
      }
  return label;
}

/* Every value of the settings, printed */
static char *
settings_dump (GSettings *settings)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  g_autoptr (GString) dump = g_string_new (NULL);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_string_append_printf (dump, "%s=%s\n", keys[i], text);
    }
  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static void
test_profile_list (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountProfile) a = sk_account_profile_new ("Acme prod", SK_PROVIDER_OPENAI, NULL);
  g_autoptr (SkAccountProfile) b = sk_account_profile_new ("Azure", SK_PROVIDER_AZURE,
                                                           "https://r.openai.azure.com");
  g_autoptr (SkAccountProfile) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL;
  static const struct {
    const char *name;
    gboolean    valid;
  } table[] = {
    { "Acme prod", TRUE }, { "é", TRUE }, { "", FALSE }, { "  ", FALSE }, { "demo", FALSE },
    { "environment", FALSE }, { "default", FALSE }, { "a\tb", FALSE }, { NULL, FALSE },
    { "0123456789012345678901234567890123456789012345678901234567890123", TRUE },
    { "01234567890123456789012345678901234567890123456789012345678901234", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (GError) name_error = NULL;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (sk_account_profile_check_name (table[i].name, &name_error), ==,
                       table[i].valid);
      if (!table[i].valid)
        g_assert_error (name_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  a->project = g_strdup ("proj_1");
  b->api_version = g_strdup ("2024-10-21");
  g_assert_true (sk_account_list_put (settings, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sk_account_list_put (settings, b, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sk_account_list_put (settings, a, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  found = sk_account_list_find (settings, "Azure");
  g_assert_nonnull (found);
  g_assert_cmpint (found->provider, ==, SK_PROVIDER_AZURE);
  g_assert_cmpstr (found->url, ==, "https://r.openai.azure.com");
  g_assert_cmpstr (found->api_version, ==, "2024-10-21");
  g_assert_null (found->project);

  /* Azure needs its endpoint, a URL must be http(s), the version plain */
  g_clear_pointer (&b->url, g_free);
  g_assert_false (sk_account_list_put (settings, b, "Azure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  b->url = g_strdup ("ftp://r");
  g_assert_false (sk_account_list_put (settings, b, "Azure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_free (b->url);
  b->url = g_strdup ("https://r.openai.azure.com");
  g_free (b->api_version);
  b->api_version = g_strdup ("1&x=2");
  g_assert_false (sk_account_list_put (settings, b, "Azure", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* a rename keeps the place; a rename onto another's name is refused */
  g_free (a->name);
  a->name = g_strdup ("Azure");
  g_assert_false (sk_account_list_put (settings, a, "Acme prod", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (a->name);
  a->name = g_strdup ("Acme");
  g_assert_true (sk_account_list_put (settings, a, "Acme prod", &error));
  g_assert_no_error (error);
  names = stored_names (settings);
  g_assert_cmpstr (names, ==, "Acme, Azure");
  g_clear_pointer (&names, g_free);

  g_assert_true (sk_account_list_remove (settings, "Acme"));
  g_assert_false (sk_account_list_remove (settings, "Acme"));
  names = stored_names (settings);
  g_assert_cmpstr (names, ==, "Azure");
  g_settings_reset (settings, "accounts");
}

/* Two stored accounts on two servers (OpenAI and Azure): added (the key
 * checked first), switched, renamed, loaded at start, removed, each with
 * its own keyring item labelled with its name; no key in the settings. */
static void
test_stored_accounts (void)
{
  g_autoptr (SkFakeOpenai) openai = sk_test_fake_new ();
  g_autoptr (SkFakeOpenai) azure = sk_test_fake_new ();
  g_autofree char *openai_url = sk_fake_openai_dup_base_url (openai);
  g_autofree char *azure_url = g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (azure));
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccountManager) later = NULL;
  g_autoptr (SkAccountProfile) acme = sk_account_profile_new ("Acme prod", SK_PROVIDER_OPENAI,
                                                              openai_url);
  g_autoptr (SkAccountProfile) resource = sk_account_profile_new ("Azure dev", SK_PROVIDER_AZURE,
                                                                  azure_url);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean closed = FALSE;

  g_object_set (azure, "api-key", AZURE_KEY, NULL);
  sk_fake_openai_set_azure (azure, TRUE, "preview");
  resource->api_version = g_strdup ("preview");
  acme->project = g_strdup ("proj_acme");

  /* a refused key: nothing stored, nothing opened */
  account = save (manager, acme, NULL, "sk-wrong", &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (account);
  g_assert_null (sk_account_manager_get_account (manager));
  g_assert_null (lookup ("Acme prod"));
  text = stored_names (settings);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_clear_error (&error);

  account = save (manager, acme, NULL, "sk-test-key", &error);
  g_assert_no_error (error);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_cmpstr (sk_account_get_title (account), ==, "Acme prod");
  g_assert_cmpstr (sk_client_get_project (sk_account_get_client (account)), ==, "proj_acme");
  g_clear_object (&account);

  account = save (manager, resource, NULL, AZURE_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sk_client_get_provider (sk_account_get_client (account)), ==, SK_PROVIDER_AZURE);
  g_assert_cmpuint (sk_fake_openai_count_requests (azure, "GET", "/openai/v1/vector_stores"), ==, 1);
  g_clear_object (&account);

  /* a name taken, a reserved one */
  account = save (manager, acme, NULL, "sk-test-key", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (account);

  text = stored_names (settings);
  g_assert_cmpstr (text, ==, "Acme prod, Azure dev");
  g_clear_pointer (&text, g_free);
  text = lookup ("Acme prod");
  g_assert_cmpstr (text, ==, "sk-test-key");
  g_clear_pointer (&text, g_free);
  text = lookup ("Azure dev");
  g_assert_cmpstr (text, ==, AZURE_KEY);
  g_clear_pointer (&text, g_free);
  text = item_label ("Azure dev");
  g_assert_cmpstr (text, ==, "Storekeeper account “Azure dev”");
  g_clear_pointer (&text, g_free);

  /* switching reads the key from the keyring */
  account = switch_to (manager, "Acme prod", &error);
  g_assert_no_error (error);
  g_assert_true (sk_account_manager_get_account (manager) == account);
  g_assert_cmpstr (sk_account_get_api_key (account), ==, "sk-test-key");
  g_assert_cmpint (sk_client_get_provider (sk_account_get_client (account)), ==, SK_PROVIDER_OPENAI);
  g_clear_object (&account);
  account = switch_to (manager, "Nobody", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (account);
  g_clear_error (&error);

  /* rename without retyping the key: the item moves to the new name */
  g_free (resource->name);
  resource->name = g_strdup ("Azure test");
  account = save (manager, resource, "Azure dev", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sk_account_get_title (account), ==, "Azure test");
  g_clear_object (&account);
  g_assert_null (lookup ("Azure dev"));
  g_assert_null (item_label ("Azure dev"));
  text = lookup ("Azure test");
  g_assert_cmpstr (text, ==, AZURE_KEY);
  g_clear_pointer (&text, g_free);
  text = item_label ("Azure test");
  g_assert_cmpstr (text, ==, "Storekeeper account “Azure test”");
  g_clear_pointer (&text, g_free);
  text = stored_names (settings);
  g_assert_cmpstr (text, ==, "Acme prod, Azure test");
  g_clear_pointer (&text, g_free);

  /* no key, no key fragment, in any setting */
  text = settings_dump (settings);
  g_assert_null (strstr (text, "sk-test-key"));
  g_assert_null (strstr (text, "azure-key"));
  g_assert_nonnull (strstr (text, "Azure test"));
  g_clear_pointer (&text, g_free);

  /* at the next start, the account last opened */
  later = sk_account_manager_new (settings);
  account = load (later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (sk_account_get_name (account), ==, "Azure test");
  g_assert_cmpstr (sk_account_get_api_key (account), ==, AZURE_KEY);
  g_clear_object (&account);

  /* removing deletes the item and closes the account it opened */
  g_assert_true (forget_named (later, "Azure test", &closed));
  g_assert_true (closed);
  g_assert_null (sk_account_manager_get_account (later));
  g_assert_null (lookup ("Azure test"));
  text = stored_names (settings);
  g_assert_cmpstr (text, ==, "Acme prod");
  g_clear_pointer (&text, g_free);
  text = g_settings_get_string (settings, "active-account");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* the demo is always there, and remembered */
  account = switch_to (later, "demo", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_DEMO);
  text = g_settings_get_string (settings, "active-account");
  g_assert_cmpstr (text, ==, "demo");
  g_clear_pointer (&text, g_free);
  g_clear_object (&account);

  g_assert_true (forget_named (later, "Acme prod", &closed));
  g_assert_false (closed);
  g_assert_null (lookup ("Acme prod"));
  g_settings_reset (settings, "accounts");
  g_settings_reset (settings, "active-account");
}

/* The key of the environment stays a temporary account: switching to it
 * stores nothing and does not change the account opened at start. */
static void
test_switch_environment (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *active = NULL;

  account = switch_to (manager, "environment", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (account);
  g_clear_error (&error);

  g_setenv ("OPENAI_API_KEY", "sk-from-environment", TRUE);
  account = switch_to (manager, "environment", &error);
  g_unsetenv ("OPENAI_API_KEY");
  g_assert_no_error (error);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_ENVIRONMENT);
  g_assert_null (lookup ("environment"));
  g_assert_null (lookup ("default"));
  active = g_settings_get_string (settings, "active-account");
  g_assert_cmpstr (active, ==, "");
}

/* Demo: the window's demo and `--serve --demo` hold the same dataset */

static GPtrArray *
list_ids (SkClient *client,
          gboolean  files)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (files)
    sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  else
    sk_client_list_vector_stores_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  if (files)
    items = sk_client_list_files_finish (client, result, &error);
  else
    items = sk_client_list_vector_stores_finish (client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ids, g_strdup (files ? sk_file_get_id (items->pdata[i])
                                          : sk_vector_store_get_id (items->pdata[i])));
  return ids;
}

/* GET @url of the local API with the local @token (NULL: with a key of
 * its own): a JSON array of IDs */
static GPtrArray *
get_ids (SoupSession *session,
         const char  *url,
         const char  *token)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  else
    {
      soup_message_headers_append (soup_message_get_request_headers (msg), "x-openai-api-key",
                                   "sk-demo-test-user");
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (ids, g_strdup (json_array_get_string_element (array, i)));
  return ids;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_same_ids (GPtrArray *a,
                 GPtrArray *b)
{
  g_ptr_array_sort (a, compare_strings);
  g_ptr_array_sort (b, compare_strings);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
}

/* Reads `storekeeper --serve --demo`'s banner up to its last line */
static char *
read_banner (GSubprocess *process)
{
  g_autoptr (GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  GString *banner = g_string_new (NULL);

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_string_append_printf (banner, "%s\n", line);
      if (g_str_has_prefix (line, "Interactive documentation"))
        break;
    }
  return g_string_free (banner, FALSE);
}

static void
test_demo_matches_serve (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GRegex) regex = g_regex_new ("listening on (http://127\\.0\\.0\\.1:[0-9]+).*"
                                          "Demo mode: a simulated account \\(([0-9]+) files, ([0-9]+) vector stores\\)",
                                          G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GPtrArray) served_files = NULL;
  g_autoptr (GPtrArray) served_stores = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *base = NULL;
  g_autofree char *n_files = NULL;
  g_autofree char *n_stores = NULL;
  g_autofree char *url = NULL;
  const char *bin = g_getenv ("STOREKEEPER_BIN");
  SkAccount *account;

  g_assert_true (sk_account_manager_open_demo (manager, &error));
  g_assert_no_error (error);
  account = sk_account_manager_get_account (manager);
  g_assert_nonnull (account);
  g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_DEMO);
  g_assert_cmpstr (sk_account_get_title (account), ==, "Demo account");
  files = list_ids (sk_account_get_client (account), TRUE);
  stores = list_ids (sk_account_get_client (account), FALSE);
  g_assert_cmpuint (files->len, ==, 1500);
  g_assert_cmpuint (stores->len, ==, 60);

  g_assert_nonnull (bin);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              bin, "--serve", "--demo", "--port", "0", NULL);
  g_assert_no_error (error);
  banner = read_banner (process);
  g_assert_true (g_regex_match (regex, banner, 0, &match));
  base = g_match_info_fetch (match, 1);
  n_files = g_match_info_fetch (match, 2);
  n_stores = g_match_info_fetch (match, 3);
  g_assert_cmpuint (g_ascii_strtoull (n_files, NULL, 10), ==, files->len);
  g_assert_cmpuint (g_ascii_strtoull (n_stores, NULL, 10), ==, stores->len);

  url = g_strconcat (base, "/files", NULL);
  served_files = get_ids (session, url, NULL);
  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/vector_stores", NULL);
  served_stores = get_ids (session, url, NULL);
  assert_same_ids (files, served_files);
  assert_same_ids (stores, served_stores);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  /* closing the account stops its simulated server */
  sk_account_manager_set_account (manager, NULL);
  g_assert_null (sk_account_manager_get_account (manager));
}

/* `storekeeper --serve --account NAME` serves a stored account, its key
 * from the keyring, its profile from the settings (a key file shared with
 * the process) */
static void
test_serve_account (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *fake_url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("sk-config-XXXXXX", &error);
  g_autofree char *keyfile = g_build_filename (config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr (GSettingsBackend) backend = g_keyfile_settings_backend_new (keyfile, "/", NULL);
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (SkAccountProfile) profile = sk_account_profile_new ("Acme prod", SK_PROVIDER_OPENAI,
                                                                 fake_url);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GSubprocess) missing = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GRegex) regex = g_regex_new ("listening on (http://127\\.0\\.0\\.1:[0-9]+)\nAccount: “Acme prod”"
                                          ".*Local token.*: ([0-9a-f]+)\n",
                                          G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GPtrArray) served = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *base = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  const char *bin = g_getenv ("STOREKEEPER_BIN");
  const GPtrArray *requests;

  g_assert_no_error (error);
  {
    g_autoptr (GSettings) defaults = sk_settings_new ();

    g_object_get (defaults, "settings-schema", &schema, NULL);
  }
  settings = g_settings_new_full (schema, backend, NULL);
  sk_fake_openai_add_file (fake, "file-served", "a.pdf", "assistants", 10, 1000);
  g_assert_true (sk_account_list_put (settings, profile, NULL, &error));
  g_assert_no_error (error);
  g_settings_sync ();
  store ("Acme prod", "sk-test-key");

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPENAI_API_KEY");

  missing = g_subprocess_launcher_spawn (launcher, &error, bin, "--serve", "--account", "Nobody",
                                         "--port", "0", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (missing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (missing), ==, 2);

  process = g_subprocess_launcher_spawn (launcher, &error, bin, "--serve", "--account", "Acme prod",
                                         "--port", "0", NULL);
  g_assert_no_error (error);
  banner = read_banner (process);
  g_assert_true (g_regex_match (regex, banner, 0, &match));
  g_assert_null (strstr (banner, "sk-test-key"));
  base = g_match_info_fetch (match, 1);
  token = g_match_info_fetch (match, 2);
  url = g_strconcat (base, "/files", NULL);
  served = get_ids (session, url, token);
  g_assert_cmpuint (served->len, ==, 1);
  g_assert_cmpstr (served->pdata[0], ==, "file-served");

  /* the stored key reached the account's server (which accepts no other) */
  requests = sk_fake_openai_get_requests (fake);
  g_assert_cmpuint (requests->len, >, 0);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpuint (((SkFakeRequest *) requests->pdata[i])->status, ==, 200);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  clear ("Acme prod");

  {
    const char *rm[] = { "rm", "-rf", config, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* The demo's sizes: the arguments, else the environment, else 1500 / 60 */
static void
test_demo_sizes (void)
{
  static const struct {
    const char *files_env;
    const char *stores_env;
    guint       n_files;
    guint       n_stores;
    guint       expected_files;
    guint       expected_stores;
  } cases[] = {
    { NULL, NULL, 0, 0, 1500, 60 },
    { "12", "3", 0, 0, 12, 3 },
    { "12", "3", 5, 2, 5, 2 },
    { "many", "-1", 0, 0, 1500, 60 },
    { "2000000", "", 0, 0, 1500, 60 },
    { "0", "0", 0, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SkDemoAccount) demo = NULL;
      g_autoptr (SkAccount) account = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u", i);
      if (cases[i].files_env != NULL)
        g_setenv ("STOREKEEPER_DEMO_FILES", cases[i].files_env, TRUE);
      if (cases[i].stores_env != NULL)
        g_setenv ("STOREKEEPER_DEMO_STORES", cases[i].stores_env, TRUE);
      demo = sk_demo_account_start (cases[i].n_files, cases[i].n_stores, &error);
      g_unsetenv ("STOREKEEPER_DEMO_FILES");
      g_unsetenv ("STOREKEEPER_DEMO_STORES");

      g_assert_no_error (error);
      g_assert_cmpuint (sk_demo_account_get_n_files (demo), ==, cases[i].expected_files);
      g_assert_cmpuint (sk_demo_account_get_n_stores (demo), ==, cases[i].expected_stores);
      g_assert_cmpuint (sk_fake_openai_get_n_files (sk_demo_account_get_server (demo)), ==,
                        cases[i].expected_files);
      g_assert_true (g_str_has_prefix (sk_demo_account_get_base_url (demo), "http://127.0.0.1:"));

      account = sk_demo_account_open (demo);
      g_assert_cmpint (sk_account_get_source (account), ==, SK_ACCOUNT_DEMO);
      g_assert_cmpstr (sk_account_get_api_key (account), ==, SK_DEMO_ACCOUNT_KEY);
      g_assert_cmpstr (sk_account_get_base_url (account), ==, sk_demo_account_get_base_url (demo));
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!sk_test_keyring_is_child ())
    return sk_test_keyring_run_with_schema (argc, argv);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/account-manager/env-key-wins", test_env_key_wins);
  g_test_add_func ("/app/account-manager/keyring-load", test_keyring_load);
  g_test_add_func ("/app/account-manager/sign-in", test_sign_in);
  g_test_add_func ("/app/account-manager/forget", test_forget);
  g_test_add_func ("/app/account-manager/profile-list", test_profile_list);
  g_test_add_func ("/app/account-manager/stored-accounts", test_stored_accounts);
  g_test_add_func ("/app/account-manager/switch-environment", test_switch_environment);
  g_test_add_func ("/app/account-manager/demo-matches-serve", test_demo_matches_serve);
  g_test_add_func ("/app/account-manager/serve-account", test_serve_account);
  g_test_add_func ("/app/demo-account/sizes", test_demo_sizes);

  return g_test_run ();
}
