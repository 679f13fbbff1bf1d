/* sk-secret.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-secret.h"

const SecretSchema *
sk_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.storekeeper.Storekeeper", SECRET_SCHEMA_NONE,
    {
      { "application", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * sk_secret_dup_label:
 * @account: (nullable): the account's name; %NULL: "default"
 *
 * Returns: (transfer full): the label of the keyring item of @account, as
 *   "Passwords and Keys" shows it: it names the account, except for the
 *   key saved without a name
 */
char *
sk_secret_dup_label (const char *account)
{
  if (account == NULL || g_str_equal (account, "default"))
    /* Translators: name of the key in the keyring (Passwords and Keys) */
    return g_strdup (_("OpenAI API key (Storekeeper)"));

  /* Translators: name of an account's key in the keyring (Passwords and
   * Keys); %s is the name the user gave the account */
  return g_strdup_printf (_("Storekeeper account “%s”"), account);
}

void
sk_secret_store_async (const char          *account,
                       const char          *api_key,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autofree char *label = sk_secret_dup_label (account);

  g_return_if_fail (api_key != NULL);

  secret_password_store (sk_secret_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         api_key, cancellable, callback, user_data,
                         "application", APP_ID,
                         "account", account ? account : "default",
                         NULL);
}

gboolean
sk_secret_store_finish (GAsyncResult  *result,
                        GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
sk_secret_lookup_async (const char          *account,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  secret_password_lookup (sk_secret_get_schema (), cancellable, callback, user_data,
                          "application", APP_ID,
                          "account", account ? account : "default",
                          NULL);
}

char *
sk_secret_lookup_finish (GAsyncResult  *result,
                         GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

/**
 * sk_secret_lookup_sync:
 * @account: (nullable): the account's name; %NULL: "default"
 *
 * Blocks: for the headless `--serve` only.
 *
 * Returns: (transfer full) (nullable): the key, %NULL with no error when
 *   there is none; free with secret_password_free()
 */
char *
sk_secret_lookup_sync (const char    *account,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return secret_password_lookup_sync (sk_secret_get_schema (), cancellable, error,
                                      "application", APP_ID,
                                      "account", account ? account : "default",
                                      NULL);
}

void
sk_secret_clear_async (const char          *account,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  secret_password_clear (sk_secret_get_schema (), cancellable, callback, user_data,
                         "application", APP_ID,
                         "account", account ? account : "default",
                         NULL);
}

gboolean
sk_secret_clear_finish (GAsyncResult  *result,
                        GError       **error)
{
  GError *local_error = NULL;

  /* FALSE without error means "nothing to clear": not a failure. */
  if (!secret_password_clear_finish (result, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The admin key. Its schema is not the API key's: a lookup or a clearing
 * of one kind never touches an item of the other. */

const SecretSchema *
sk_secret_get_admin_schema (void)
{
  static const SecretSchema schema = {
    "io.github.storekeeper.Storekeeper.AdminKey", SECRET_SCHEMA_NONE,
    {
      { "application", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
dup_admin_label (const char *account)
{
  if (account == NULL || g_str_equal (account, "default"))
    /* Translators: name of the admin key in the keyring (Passwords and Keys) */
    return g_strdup (_("OpenAI admin key (Storekeeper)"));

  /* Translators: name of an account's admin key in the keyring (Passwords
   * and Keys); %s is the name the user gave the account */
  return g_strdup_printf (_("Storekeeper account “%s”, admin key"), account);
}

/**
 * sk_secret_store_admin_async:
 * @account: (nullable): the account's name; %NULL: "default"
 * @admin_key: the organization's admin key
 *
 * Stores (or replaces) the admin key of @account. Finish with
 * sk_secret_store_finish().
 */
void
sk_secret_store_admin_async (const char          *account,
                             const char          *admin_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = dup_admin_label (account);

  g_return_if_fail (admin_key != NULL);

  secret_password_store (sk_secret_get_admin_schema (), SECRET_COLLECTION_DEFAULT, label,
                         admin_key, cancellable, callback, user_data,
                         "application", APP_ID,
                         "account", account ? account : "default",
                         "kind", "admin",
                         NULL);
}

/**
 * sk_secret_lookup_admin_async:
 * @account: (nullable): the account's name; %NULL: "default"
 *
 * Finish with sk_secret_lookup_finish(): %NULL and no error when @account
 * has no admin key.
 */
void
sk_secret_lookup_admin_async (const char          *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  secret_password_lookup (sk_secret_get_admin_schema (), cancellable, callback, user_data,
                          "application", APP_ID,
                          "account", account ? account : "default",
                          "kind", "admin",
                          NULL);
}

/**
 * sk_secret_clear_admin_async:
 * @account: (nullable): the account's name; %NULL: "default"
 *
 * Deletes the admin key of @account, if any. Finish with
 * sk_secret_clear_finish().
 */
void
sk_secret_clear_admin_async (const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  secret_password_clear (sk_secret_get_admin_schema (), cancellable, callback, user_data,
                         "application", APP_ID,
                         "account", account ? account : "default",
                         "kind", "admin",
                         NULL);
}
