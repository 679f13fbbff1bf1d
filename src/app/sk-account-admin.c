/* sk-account-admin.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-account-admin.h"

#include <string.h>

#include "sk-secret.h"

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccount *account = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  char *key;

  key = sk_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* none found leaves the account as it is: a key may be on its way in */
  if (key != NULL)
    {
      sk_account_set_admin_key (account, key);
      secret_password_free (key);
    }
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccount *account = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  char *key = g_task_get_task_data (task);
  gboolean ok;

  ok = key != NULL ? sk_secret_store_finish (result, &error)
                   : sk_secret_clear_finish (result, &error);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sk_account_set_admin_key (account, key);
  g_task_return_boolean (task, TRUE);
}

static void
free_key (gpointer key)
{
  memset (key, 0, strlen (key));
  g_free (key);
}

static void
old_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* the key is under the new name all the same */
  if (!sk_secret_clear_finish (result, &error))
    g_warning ("Could not delete the admin key item of a renamed account: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
moved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *from = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!sk_secret_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sk_secret_clear_admin_async (from, cancellable, old_cleared_cb, g_steal_pointer (&task));
}

static void
old_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccount *account = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GError) error = NULL;
  char *key;

  key = sk_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (key == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  sk_account_set_admin_key (account, key);
  sk_secret_store_admin_async (sk_account_get_name (account), key, cancellable, moved_cb,
                               g_steal_pointer (&task));
  secret_password_free (key);
}

/**
 * sk_account_load_admin_key_async:
 *
 * Reads the admin key of @account from the keyring into the account, when
 * there is one. Does nothing for an account whose key is not in the
 * keyring.
 */
void
sk_account_load_admin_key_async (SkAccount           *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SK_IS_ACCOUNT (account));

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_load_admin_key_async);

  if (sk_account_get_source (account) != SK_ACCOUNT_KEYRING)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  sk_secret_lookup_admin_async (sk_account_get_name (account), cancellable,
                                looked_up_cb, g_steal_pointer (&task));
}

/**
 * sk_account_load_admin_key_finish:
 *
 * Returns: %FALSE with @error set when the keyring could not be read
 */
gboolean
sk_account_load_admin_key_finish (SkAccount     *account,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sk_account_save_admin_key_async:
 * @admin_key: (nullable): the key; %NULL or "" deletes it
 *
 * Stores (or deletes) the admin key of @account in the keyring, then in
 * the account. An account whose key is not in the keyring only holds it.
 */
void
sk_account_save_admin_key_async (SkAccount           *account,
                                 const char          *admin_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  const char *name;

  g_return_if_fail (SK_IS_ACCOUNT (account));

  if (admin_key != NULL && *admin_key == '\0')
    admin_key = NULL;

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_save_admin_key_async);

  if (sk_account_get_source (account) != SK_ACCOUNT_KEYRING)
    {
      sk_account_set_admin_key (account, admin_key);
      g_task_return_boolean (task, TRUE);
      return;
    }

  name = sk_account_get_name (account);
  if (admin_key != NULL)
    {
      g_task_set_task_data (task, g_strdup (admin_key), free_key);
      sk_secret_store_admin_async (name, admin_key, cancellable, saved_cb, g_steal_pointer (&task));
    }
  else
    sk_secret_clear_admin_async (name, cancellable, saved_cb, g_steal_pointer (&task));
}

/**
 * sk_account_save_admin_key_finish:
 *
 * Returns: %FALSE with @error set when the keyring refused (the account
 *   then keeps the key it had)
 */
gboolean
sk_account_save_admin_key_finish (SkAccount     *account,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sk_account_move_admin_key_async:
 * @account: the account under its new name (a keyring account)
 * @from: its former name
 *
 * Moves the admin key of a renamed account to the keyring item of its new
 * name, and gives it to @account.
 */
void
sk_account_move_admin_key_async (SkAccount           *account,
                                 const char          *from,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SK_IS_ACCOUNT (account));
  g_return_if_fail (from != NULL);

  task = g_task_new (account, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_move_admin_key_async);
  g_task_set_task_data (task, g_strdup (from), g_free);

  if (sk_account_get_source (account) != SK_ACCOUNT_KEYRING
      || g_strcmp0 (from, sk_account_get_name (account)) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  sk_secret_lookup_admin_async (from, cancellable, old_looked_up_cb, g_steal_pointer (&task));
}

gboolean
sk_account_move_admin_key_finish (SkAccount     *account,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, account), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
