/* test-account-admin.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The admin key of an account against a real Secret Service (a throw-away
 * gnome-keyring, see sk-test-keyring.c) and the fake OpenAI server.
 */

#include "config.h"

#include <string.h>

#include "sk-test-keyring.h"
#include "sk-test-utils.h"

#include "sk-account-admin.h"
#include "sk-account-manager.h"
#include "sk-client-admin.h"
#include "sk-demo-account.h"
#include "sk-secret.h"
#include "sk-settings.h"

#define WAIT_MS 20000
#define NAME "Org admin"

static char *
lookup (gboolean    admin,
        const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  if (admin)
    sk_secret_lookup_admin_async (name, NULL, sk_test_store_result, &result);
  else
    sk_secret_lookup_async (name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  key = sk_secret_lookup_finish (result, &error);
  g_assert_no_error (error);
  return key;
}

static void
clear (gboolean    admin,
       const char *name)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  if (admin)
    sk_secret_clear_admin_async (name, NULL, sk_test_store_result, &result);
  else
    sk_secret_clear_async (name, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_secret_clear_finish (result, &error));
  g_assert_no_error (error);
}

static void
save_admin (SkAccount  *account,
            const char *key)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  sk_account_save_admin_key_async (account, key, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  ok = sk_account_save_admin_key_finish (account, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
load_admin (SkAccount *account)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  sk_account_load_admin_key_async (account, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  ok = sk_account_load_admin_key_finish (account, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static gboolean
has_admin_key (gpointer data)
{
  return sk_account_has_admin_key (data);
}

static SkAccount *
open_account (SkAccountManager *manager,
              const char       *url,
              gboolean          create)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SkAccount *account;

  if (create)
    {
      g_autoptr (SkAccountProfile) profile = sk_account_profile_new (NAME, SK_PROVIDER_OPENAI, url);

      sk_account_manager_save_async (manager, profile, NULL, "sk-test-key", NULL,
                                     sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      account = sk_account_manager_save_finish (manager, result, &error);
    }
  else
    {
      sk_account_manager_switch_async (manager, NAME, NULL, sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      account = sk_account_manager_switch_finish (manager, result, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static void
test_admin_key (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccountManager) later = NULL;
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (SkAccount) reopened = NULL;
  char *text;
  guint n_notify = 0;

  account = open_account (manager, url, TRUE);
  text = lookup (FALSE, NAME);
  g_assert_cmpstr (text, ==, "sk-test-key");
  g_free (text);
  load_admin (account);
  g_assert_false (sk_account_has_admin_key (account));
  g_assert_null (sk_account_get_admin_key (account));
  g_signal_connect (account, "notify::has-admin-key", G_CALLBACK (count_notify_cb), &n_notify);

  /* a second item: the API key stays what it was */
  save_admin (account, "sk-admin-one");
  g_assert_true (sk_account_has_admin_key (account));
  g_assert_cmpstr (sk_account_get_admin_key (account), ==, "sk-admin-one");
  g_assert_cmpuint (n_notify, ==, 1);
  text = lookup (TRUE, NAME);
  g_assert_cmpstr (text, ==, "sk-admin-one");
  g_free (text);
  text = lookup (FALSE, NAME);
  g_assert_cmpstr (text, ==, "sk-test-key");
  g_free (text);
  /* nowhere in the settings */
  {
    g_autoptr (GSettingsSchema) schema = NULL;
    g_auto (GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
        g_autofree char *printed = g_variant_print (value, FALSE);

        g_assert_null (strstr (printed, "sk-admin"));
      }
  }

  /* replaced: no notification, whether it has one did not change */
  save_admin (account, "sk-admin-two");
  g_assert_cmpuint (n_notify, ==, 1);
  text = lookup (TRUE, NAME);
  g_assert_cmpstr (text, ==, "sk-admin-two");
  g_free (text);

  /* another manager opening the account finds it */
  later = sk_account_manager_new (settings);
  reopened = open_account (later, url, FALSE);
  sk_test_wait_until (has_admin_key, reopened, WAIT_MS);
  g_assert_cmpstr (sk_account_get_admin_key (reopened), ==, "sk-admin-two");

  /* clearing the API key's item leaves the admin key's, and back */
  clear (FALSE, NAME);
  text = lookup (TRUE, NAME);
  g_assert_cmpstr (text, ==, "sk-admin-two");
  g_free (text);

  save_admin (account, "");
  g_assert_false (sk_account_has_admin_key (account));
  g_assert_cmpuint (n_notify, ==, 2);
  g_assert_null (lookup (TRUE, NAME));

  /* renaming the account moves its admin key */
  save_admin (account, "sk-admin-moved");
  {
    g_autoptr (SkAccountProfile) profile = sk_account_profile_new ("Org renamed", SK_PROVIDER_OPENAI, url);
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (SkAccount) renamed = NULL;

    sk_account_manager_save_async (manager, profile, NAME, "sk-test-key", NULL,
                                   sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    renamed = sk_account_manager_save_finish (manager, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sk_account_get_admin_key (renamed), ==, "sk-admin-moved");
    g_assert_null (lookup (TRUE, NAME));
    text = lookup (TRUE, "Org renamed");
    g_assert_cmpstr (text, ==, "sk-admin-moved");
    g_free (text);
    /* and back, for what follows */
    {
      g_autoptr (SkAccountProfile) back = sk_account_profile_new (NAME, SK_PROVIDER_OPENAI, url);
      g_autoptr (SkAccount) again = NULL;

      g_clear_object (&result);
      sk_account_manager_save_async (manager, back, "Org renamed", "sk-test-key", NULL,
                                     sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      again = sk_account_manager_save_finish (manager, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sk_account_get_admin_key (again), ==, "sk-admin-moved");
      g_assert_null (lookup (TRUE, "Org renamed"));
    }
  }

  /* forgetting the account deletes both items */
  save_admin (account, "sk-admin-three");
  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;
    gboolean closed = FALSE;
    gboolean ok;

    sk_account_manager_forget_async (manager, NAME, NULL, sk_test_store_result, &result);
    sk_test_wait_result (&result, WAIT_MS);
    ok = sk_account_manager_forget_finish (manager, result, &closed, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_null (lookup (TRUE, NAME));
  g_assert_null (lookup (FALSE, NAME));

  /* an account whose key is not in the keyring holds it in memory only */
  {
    g_autoptr (SkAccount) env = sk_account_new (SK_ACCOUNT_ENVIRONMENT, url, "sk-test-key", NULL, NULL);

    save_admin (env, "sk-admin-env");
    g_assert_true (sk_account_has_admin_key (env));
    g_assert_null (lookup (TRUE, "environment"));
    load_admin (env);
    g_assert_cmpstr (sk_account_get_admin_key (env), ==, "sk-admin-env");
  }
}

/* The demo account comes with an admin key its organization answers */
static void
test_demo_admin_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkDemoAccount) demo = sk_demo_account_start (20, 5, &error);
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GArray) days = NULL;

  g_assert_no_error (error);
  account = sk_demo_account_open (demo);
  g_assert_true (sk_account_has_admin_key (account));

  sk_client_get_costs_async (sk_account_get_client (account), sk_account_get_admin_key (account), NULL,
                             sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  days = sk_client_get_costs_finish (sk_account_get_client (account), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, SK_ADMIN_REPORT_DAYS);
}

int
main (int   argc,
      char *argv[])
{
  /* gnome-keyring-daemon inherits the environment: with G_DEBUG's
   * fatal-warnings it aborts on a warning of its own while storing the
   * second item of an account, and the store ends with no reply. The
   * keyring runs without it; this process keeps warnings fatal. */
  if (!sk_test_keyring_is_child ())
    {
      g_setenv ("G_DEBUG", "gc-friendly", TRUE);
      return sk_test_keyring_run_with_schema (argc, argv);
    }

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/app/account-admin/admin-key", test_admin_key);
  g_test_add_func ("/app/account-admin/demo", test_demo_admin_key);

  return g_test_run ();
}
