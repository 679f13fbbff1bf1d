/* sk-account-manager.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-account-manager.h"

#include "sk-account-admin.h"
#include "sk-account-list.h"
#include "sk-demo-account.h"
#include "sk-secret.h"

#include <glib/gi18n.h>
#include <string.h>

#define DEFAULT_NAME SK_ACCOUNT_NAME_DEFAULT

struct _SkAccountManager
{
  GObject    parent_instance;

  GSettings *settings;
  SkAccount *account;
  /* counts the accounts opened, so a slow load does not replace one */
  guint      generation;
};

G_DEFINE_FINAL_TYPE (SkAccountManager, sk_account_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SkAccount *account;
  char      *name;
  char      *organization;
  char      *project;
  GError    *keyring_error;
  guint      generation;
  /* saving a stored account: what to store, and the one it replaces */
  SkAccountProfile *profile;
  char      *replaces;
  gboolean   require_key;
} Attempt;

static void
attempt_free (gpointer data)
{
  Attempt *attempt = data;

  g_clear_object (&attempt->account);
  g_free (attempt->name);
  g_free (attempt->organization);
  g_free (attempt->project);
  g_clear_error (&attempt->keyring_error);
  g_clear_pointer (&attempt->profile, sk_account_profile_free);
  g_free (attempt->replaces);
  g_free (attempt);
}

/* The one place the account settings are read: @organization and
 * @project override the settings' ones when not NULL. */
static SkAccount *
new_account (SkAccountManager *self,
             SkAccountSource   source,
             const char       *name,
             const char       *api_key,
             const char       *organization,
             const char       *project)
{
  g_autofree char *base_url = g_settings_get_string (self->settings, "base-url");
  g_autofree char *saved_org = NULL;
  g_autofree char *saved_project = NULL;

  if (organization == NULL)
    organization = saved_org = g_settings_get_string (self->settings, "organization");
  if (project == NULL)
    project = saved_project = g_settings_get_string (self->settings, "project");

  return sk_account_new_full (source, name, base_url, api_key, organization, project);
}

static void
settings_changed_cb (SkAccountManager *self,
                     const char       *key)
{
  g_autofree char *value = NULL;

  /* a stored account has its own organization and project */
  if (self->account == NULL || sk_account_get_source (self->account) == SK_ACCOUNT_DEMO ||
      sk_account_get_profile (self->account) != NULL)
    return;

  value = g_settings_get_string (self->settings, key);
  if (g_str_equal (key, "organization"))
    sk_account_set_organization (self->account, value);
  else
    sk_account_set_project (self->account, value);
}

/* The account opened at the next start is no longer @name */
static void
forget_active (SkAccountManager *self,
               const char       *name)
{
  g_autofree char *active = g_settings_get_string (self->settings, "active-account");

  if (g_strcmp0 (active, name) == 0)
    g_settings_reset (self->settings, "active-account");
}

static void
key_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccountManager *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr (SkAccount) account = NULL;
  GError *error = NULL;
  char *key;

  key = sk_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (key == NULL && attempt->require_key)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: %s is the name of an account */
                               _("The keyring holds no key for “%s”"), attempt->name);
      return;
    }
  /* no key, or another account was opened meanwhile */
  if (key == NULL || attempt->generation != self->generation)
    {
      secret_password_free (key);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (attempt->profile != NULL)
    {
      account = sk_account_new_from_profile (attempt->profile, key);
      g_settings_set_string (self->settings, "active-account", attempt->name);
    }
  else
    {
      account = new_account (self, SK_ACCOUNT_KEYRING, attempt->name, key, NULL, NULL);
    }
  secret_password_free (key);
  sk_account_manager_set_account (self, account);
  g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
}

static void
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccountManager *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;

  if (!sk_secret_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      g_warning ("Could not save the API key in the keyring: %s", error->message);
      attempt->keyring_error = error;
    }

  sk_account_manager_set_account (self, attempt->account);
  g_task_return_pointer (task, g_object_ref (attempt->account), g_object_unref);
}

static void
key_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccountManager *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;

  if (!sk_account_check_finish (SK_ACCOUNT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (attempt->organization != NULL)
    g_settings_set_string (self->settings, "organization", attempt->organization);
  if (attempt->project != NULL)
    g_settings_set_string (self->settings, "project", attempt->project);

  sk_secret_store_async (attempt->name, sk_account_get_api_key (attempt->account),
                         g_task_get_cancellable (task), key_stored_cb, g_object_ref (task));
}

static void
key_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccountManager *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean closed = FALSE;

  if (!sk_secret_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  sk_account_list_remove (self->settings, attempt->name);
  forget_active (self, attempt->name);

  if (self->account != NULL
      && sk_account_get_source (self->account) == SK_ACCOUNT_KEYRING
      && g_strcmp0 (sk_account_get_name (self->account), attempt->name) == 0)
    {
      sk_account_manager_set_account (self, NULL);
      closed = TRUE;
    }
  g_task_return_int (task, closed);
}

static void
admin_key_cleared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!sk_secret_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sk_secret_clear_async (attempt->name, cancellable, key_cleared_cb, g_steal_pointer (&task));
}

static void
admin_key_moved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  /* the account is saved under its new name all the same, without it */
  if (!sk_account_move_admin_key_finish (SK_ACCOUNT (source), result, &error))
    g_warning ("Could not move the admin key of a renamed account: %s", error->message);

  g_task_return_pointer (task, g_object_ref (attempt->account), g_object_unref);
}

static void
old_key_cleared_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  /* the account is saved under its new name all the same */
  if (!sk_secret_clear_finish (result, &error))
    g_warning ("Could not delete the keyring item of a renamed account: %s", error->message);

  sk_account_move_admin_key_async (attempt->account, attempt->replaces, NULL, admin_key_moved_cb,
                                   g_steal_pointer (&task));
}

static void
saved_key_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkAccountManager *self = g_task_get_source_object (task);
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;

  /* no account saved without its key */
  if (!sk_secret_store_finish (result, &error) ||
      !sk_account_list_put (self->settings, attempt->profile, attempt->replaces, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (attempt->replaces != NULL)
    forget_active (self, attempt->replaces);
  g_settings_set_string (self->settings, "active-account", attempt->profile->name);
  sk_account_manager_set_account (self, attempt->account);

  if (attempt->replaces != NULL && !g_str_equal (attempt->replaces, attempt->profile->name))
    {
      sk_secret_clear_async (attempt->replaces, NULL, old_key_cleared_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_object_ref (attempt->account), g_object_unref);
}

static void
saved_key_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;

  if (!sk_account_check_finish (SK_ACCOUNT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  sk_secret_store_async (attempt->profile->name, sk_account_get_api_key (attempt->account),
                         g_task_get_cancellable (task), saved_key_stored_cb, g_object_ref (task));
}

/* Checks @api_key against the service of the profile being saved */
static void
save_with_key (GTask      *task,
               const char *api_key)
{
  Attempt *attempt = g_task_get_task_data (task);

  attempt->account = sk_account_new_from_profile (attempt->profile, api_key);
  sk_account_check_async (attempt->account, g_task_get_cancellable (task),
                          saved_key_checked_cb, g_object_ref (task));
}

static void
old_key_looked_up_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Attempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;
  char *key;

  key = sk_secret_lookup_finish (result, &error);
  if (key == NULL)
    {
      if (error == NULL)
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             /* Translators: %s is the name of an account */
                             _("The keyring holds no key for “%s”"), attempt->replaces);
      g_task_return_error (task, error);
      return;
    }

  save_with_key (task, key);
  secret_password_free (key);
}

static void
sk_account_manager_constructed (GObject *object)
{
  SkAccountManager *self = (SkAccountManager *)object;

  G_OBJECT_CLASS (sk_account_manager_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_signal_connect_object (self->settings, "changed::organization",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::project",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sk_account_manager_dispose (GObject *object)
{
  SkAccountManager *self = (SkAccountManager *)object;

  g_clear_object (&self->account);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sk_account_manager_parent_class)->dispose (object);
}

static void
sk_account_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SkAccountManager *self = SK_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_account_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SkAccountManager *self = SK_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      sk_account_manager_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_account_manager_class_init (SkAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sk_account_manager_constructed;
  object_class->dispose = sk_account_manager_dispose;
  object_class->get_property = sk_account_manager_get_property;
  object_class->set_property = sk_account_manager_set_property;

  /**
   * SkAccountManager:settings:
   *
   * The application's settings, where the base URL, organization and
   * project of the accounts are read.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkAccountManager:account:
   *
   * The open account, or %NULL when none is.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, SK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_account_manager_init (SkAccountManager *self)
{
}

SkAccountManager *
sk_account_manager_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (SK_TYPE_ACCOUNT_MANAGER, "settings", settings, NULL);
}

GSettings *
sk_account_manager_get_settings (SkAccountManager *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT_MANAGER (self), NULL);
  return self->settings;
}

SkAccount *
sk_account_manager_get_account (SkAccountManager *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT_MANAGER (self), NULL);
  return self->account;
}

void
sk_account_manager_set_account (SkAccountManager *self,
                                SkAccount        *account)
{
  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (account == NULL || SK_IS_ACCOUNT (account));

  if (g_set_object (&self->account, account))
    {
      self->generation++;
      /* its admin key, if it has one, arrives a moment later */
      if (account != NULL && !sk_account_has_admin_key (account))
        sk_account_load_admin_key_async (account, NULL, NULL, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
}

void
sk_account_manager_load_async (SkAccountManager    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  const char *env_key = g_getenv ("OPENAI_API_KEY");
  g_autofree char *active = NULL;
  Attempt *attempt;

  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_manager_load_async);

  if (env_key != NULL && *env_key != '\0')
    {
      g_autoptr (SkAccount) account = new_account (self, SK_ACCOUNT_ENVIRONMENT, NULL, env_key, NULL, NULL);

      sk_account_manager_set_account (self, account);
      g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
      return;
    }

  active = g_settings_get_string (self->settings, "active-account");
  if (g_str_equal (active, SK_ACCOUNT_NAME_DEMO))
    {
      GError *error = NULL;

      if (!sk_account_manager_open_demo (self, &error))
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_object_ref (self->account), g_object_unref);
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->profile = sk_account_list_find (self->settings, active);
  attempt->name = g_strdup (attempt->profile != NULL ? active : DEFAULT_NAME);
  attempt->generation = self->generation;
  g_task_set_task_data (task, attempt, attempt_free);
  sk_secret_lookup_async (attempt->name, cancellable, key_looked_up_cb, g_steal_pointer (&task));
}

SkAccount *
sk_account_manager_load_finish (SkAccountManager  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sk_account_manager_sign_in_async (SkAccountManager    *self,
                                  const char          *name,
                                  const char          *api_key,
                                  const char          *organization,
                                  const char          *project,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Attempt *attempt;

  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_manager_sign_in_async);

  attempt = g_new0 (Attempt, 1);
  attempt->name = g_strdup (name != NULL ? name : DEFAULT_NAME);
  attempt->organization = g_strdup (organization);
  attempt->project = g_strdup (project);
  attempt->account = new_account (self, SK_ACCOUNT_KEYRING, attempt->name, api_key,
                                  organization, project);
  g_task_set_task_data (task, attempt, attempt_free);

  sk_account_check_async (attempt->account, cancellable, key_checked_cb, g_steal_pointer (&task));
}

SkAccount *
sk_account_manager_sign_in_finish (SkAccountManager  *self,
                                   GAsyncResult      *result,
                                   GError           **keyring_error,
                                   GError           **error)
{
  Attempt *attempt;
  SkAccount *account;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  account = g_task_propagate_pointer (G_TASK (result), error);
  attempt = g_task_get_task_data (G_TASK (result));
  if (account != NULL && attempt->keyring_error != NULL && keyring_error != NULL)
    *keyring_error = g_error_copy (attempt->keyring_error);
  return account;
}

void
sk_account_manager_forget_async (SkAccountManager    *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  Attempt *attempt;

  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_manager_forget_async);

  attempt = g_new0 (Attempt, 1);
  attempt->name = g_strdup (name != NULL ? name : DEFAULT_NAME);
  g_task_set_task_data (task, attempt, attempt_free);

  /* its admin key first, then its key */
  sk_secret_clear_admin_async (attempt->name, cancellable, admin_key_cleared_cb, g_steal_pointer (&task));
}

gboolean
sk_account_manager_forget_finish (SkAccountManager  *self,
                                  GAsyncResult      *result,
                                  gboolean          *closed,
                                  GError           **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (closed != NULL)
    *closed = value != 0;
  return TRUE;
}

/**
 * sk_account_manager_save_async:
 * @profile: the account to store
 * @replaces: (nullable): the name of the stored account @profile replaces
 *   (an edit, maybe a rename); %NULL: a new account
 * @api_key: (nullable): the key; %NULL or "": keep the key of @replaces
 *
 * Stores an account and opens it: checks @profile (name free, URL), then
 * the key against the service, stores the key in the keyring under the
 * account's name, labelled with it, then @profile in the settings, and
 * makes it the account opened at start. A rename then deletes the keyring
 * item of the old name. A refused key stores and opens nothing.
 */
void
sk_account_manager_save_async (SkAccountManager       *self,
                               const SkAccountProfile *profile,
                               const char             *replaces,
                               const char             *api_key,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (SkAccountProfile) existing = NULL;
  g_autoptr (SkAccountProfile) replaced = NULL;
  GError *error = NULL;
  Attempt *attempt;

  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (profile != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_manager_save_async);

  attempt = g_new0 (Attempt, 1);
  attempt->profile = sk_account_profile_copy (profile);
  attempt->name = g_strdup (profile->name);
  attempt->replaces = g_strdup (replaces);
  g_task_set_task_data (task, attempt, attempt_free);

  if (!sk_account_profile_check (profile, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  existing = sk_account_list_find (self->settings, profile->name);
  if (existing != NULL && g_strcmp0 (replaces, profile->name) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               /* Translators: %s is the name of an account */
                               _("There is already an account named “%s”"), profile->name);
      return;
    }

  if (replaces != NULL)
    replaced = sk_account_list_find (self->settings, replaces);
  if (replaces != NULL && replaced == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: %s is the name of an account */
                               _("There is no account named “%s”"), replaces);
      return;
    }

  if (api_key != NULL && *api_key != '\0')
    save_with_key (task, api_key);
  else if (replaces != NULL)
    sk_secret_lookup_async (replaces, cancellable, old_key_looked_up_cb, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The account needs a key"));
}

/**
 * sk_account_manager_save_finish:
 *
 * Returns: (transfer full): the account opened, or %NULL with @error
 */
SkAccount *
sk_account_manager_save_finish (SkAccountManager  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sk_account_manager_switch_async:
 * @name: "demo", "environment" (when `OPENAI_API_KEY` is set), the name
 *   of a stored account, or "default": the key saved without a name
 *
 * Opens the account named @name (its key from the keyring) and makes it
 * the one opened at start ("environment" excepted: it is never stored).
 */
void
sk_account_manager_switch_async (SkAccountManager    *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  const char *env_key = g_getenv ("OPENAI_API_KEY");
  GError *error = NULL;
  Attempt *attempt;

  g_return_if_fail (SK_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_manager_switch_async);

  if (g_str_equal (name, SK_ACCOUNT_NAME_DEMO))
    {
      if (!sk_account_manager_open_demo (self, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_settings_set_string (self->settings, "active-account", SK_ACCOUNT_NAME_DEMO);
      g_task_return_pointer (task, g_object_ref (self->account), g_object_unref);
      return;
    }

  if (g_str_equal (name, SK_ACCOUNT_NAME_ENVIRONMENT) && env_key != NULL && *env_key != '\0')
    {
      g_autoptr (SkAccount) account = new_account (self, SK_ACCOUNT_ENVIRONMENT, NULL, env_key,
                                                   NULL, NULL);

      sk_account_manager_set_account (self, account);
      g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
      return;
    }

  attempt = g_new0 (Attempt, 1);
  attempt->name = g_strdup (name);
  attempt->profile = sk_account_list_find (self->settings, name);
  attempt->require_key = TRUE;
  attempt->generation = self->generation;
  g_task_set_task_data (task, attempt, attempt_free);
  /* "default": the key saved without a name */
  if (attempt->profile == NULL && !g_str_equal (name, DEFAULT_NAME))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: %s is the name of an account */
                               _("There is no account named “%s”"), name);
      return;
    }

  sk_secret_lookup_async (name, cancellable, key_looked_up_cb, g_steal_pointer (&task));
}

/**
 * sk_account_manager_switch_finish:
 *
 * Returns: (transfer full) (nullable): the account opened; %NULL with
 *   @error, or with no error when another account was opened meanwhile
 */
SkAccount *
sk_account_manager_switch_finish (SkAccountManager  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sk_account_manager_open_demo (SkAccountManager  *self,
                              GError           **error)
{
  g_autoptr (SkDemoAccount) demo = NULL;
  g_autoptr (SkAccount) account = NULL;

  g_return_val_if_fail (SK_IS_ACCOUNT_MANAGER (self), FALSE);

  demo = sk_demo_account_start (0, 0, error);
  if (demo == NULL)
    return FALSE;
  account = sk_demo_account_open (demo);
  sk_account_manager_set_account (self, account);
  return TRUE;
}
