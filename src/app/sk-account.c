/* sk-account.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-account.h"

#include <string.h>

struct _SkAccount
{
  GObject          parent_instance;

  SkAccountSource  source;
  char            *name;
  SkClient        *client;
  GObject         *server;
  char            *api_key;
  char            *admin_key;
  char            *base_url;
  char            *title;
  SkAccountProfile *profile;
};

G_DEFINE_FINAL_TYPE (SkAccount, sk_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NAME,
  PROP_TITLE,
  PROP_HAS_ADMIN_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (SkAccount *self)
{
  const char *org = sk_client_get_organization (self->client);
  const char *project = sk_client_get_project (self->client);
  char *title;

  if (self->profile != NULL)
    title = g_strdup (self->profile->name);
  else if (self->source == SK_ACCOUNT_DEMO)
    title = g_strdup (_("Demo account"));
  else if (project != NULL && *project != '\0')
    title = g_strdup (project);
  else if (org != NULL && *org != '\0')
    title = g_strdup (org);
  else if (self->source == SK_ACCOUNT_ENVIRONMENT)
    title = g_strdup (_("Key from OPENAI_API_KEY"));
  else
    title = g_strdup (_("OpenAI account"));

  if (g_strcmp0 (title, self->title) == 0)
    {
      g_free (title);
      return;
    }
  g_free (self->title);
  self->title = title;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
sk_account_finalize (GObject *object)
{
  SkAccount *self = (SkAccount *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->server);
  g_clear_pointer (&self->name, g_free);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  if (self->admin_key != NULL)
    memset (self->admin_key, 0, strlen (self->admin_key));
  g_clear_pointer (&self->admin_key, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->profile, sk_account_profile_free);

  G_OBJECT_CLASS (sk_account_parent_class)->finalize (object);
}

static void
sk_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SkAccount *self = SK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HAS_ADMIN_KEY:
      g_value_set_boolean (value, self->admin_key != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_account_class_init (SkAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_account_finalize;
  object_class->get_property = sk_account_get_property;

  /**
   * SkAccount:client:
   *
   * The client that talks to the account's service.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SK_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkAccount:name:
   *
   * The account's name: the key of its keyring item ("default" for the
   * key entered by the user), "environment" or "demo".
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkAccount:title:
   *
   * What the window shows: the name of a stored account, else the
   * project, else the organization, else a generic name ("Demo account"
   * for the simulated account).
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkAccount:has-admin-key:
   *
   * Whether the account has an admin key of its organization, with which
   * the service reports its usage and costs.
   */
  properties[PROP_HAS_ADMIN_KEY] =
    g_param_spec_boolean ("has-admin-key", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_account_init (SkAccount *self)
{
}

static const char *
default_name (SkAccountSource source)
{
  switch (source)
    {
    case SK_ACCOUNT_DEMO:
      return "demo";
    case SK_ACCOUNT_ENVIRONMENT:
      return "environment";
    case SK_ACCOUNT_KEYRING:
    default:
      return "default";
    }
}

SkAccount *
sk_account_new (SkAccountSource  source,
                const char      *base_url,
                const char      *api_key,
                const char      *organization,
                const char      *project)
{
  return sk_account_new_full (source, NULL, base_url, api_key, organization, project);
}

SkAccount *
sk_account_new_full (SkAccountSource  source,
                     const char      *name,
                     const char      *base_url,
                     const char      *api_key,
                     const char      *organization,
                     const char      *project)
{
  SkAccount *self;

  g_return_val_if_fail (api_key != NULL, NULL);

  if (base_url != NULL && *base_url == '\0')
    base_url = NULL;
  if (name == NULL || *name == '\0')
    name = default_name (source);

  self = g_object_new (SK_TYPE_ACCOUNT, NULL);
  self->source = source;
  self->name = g_strdup (name);
  self->api_key = g_strdup (api_key);
  self->client = sk_client_new (base_url, api_key);
  self->base_url = g_strdup (sk_client_get_base_url (self->client));
  if (organization != NULL && *organization != '\0')
    sk_client_set_organization (self->client, organization);
  if (project != NULL && *project != '\0')
    sk_client_set_project (self->client, project);
  update_title (self);

  return self;
}

/**
 * sk_account_new_from_profile:
 * @profile: a stored account
 * @api_key: its key
 *
 * Returns: (transfer full): the account of @profile, named and titled
 *   after it, whose client talks to its provider
 */
SkAccount *
sk_account_new_from_profile (const SkAccountProfile *profile,
                             const char             *api_key)
{
  SkAccount *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  self = g_object_new (SK_TYPE_ACCOUNT, NULL);
  self->source = SK_ACCOUNT_KEYRING;
  self->name = g_strdup (profile->name);
  self->profile = sk_account_profile_copy (profile);
  self->api_key = g_strdup (api_key);
  self->client = g_object_new (SK_TYPE_CLIENT,
                               "provider", profile->provider,
                               "base-url", profile->url,
                               "api-key", api_key,
                               "api-version", profile->api_version,
                               "organization", profile->organization,
                               "project", profile->project,
                               NULL);
  self->base_url = g_strdup (sk_client_get_base_url (self->client));
  update_title (self);

  return self;
}

SkAccount *
sk_account_new_simulated (const char *base_url,
                          const char *api_key,
                          GObject    *server)
{
  SkAccount *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (server), NULL);

  self = sk_account_new_full (SK_ACCOUNT_DEMO, NULL, base_url, api_key, NULL, NULL);
  self->server = g_object_ref (server);

  return self;
}

SkClient *
sk_account_get_client (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->client;
}

SkAccountSource
sk_account_get_source (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), SK_ACCOUNT_DEMO);
  return self->source;
}

const char *
sk_account_get_name (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->name;
}

const char *
sk_account_get_title (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->title;
}

/**
 * sk_account_get_profile:
 *
 * Returns: (transfer none) (nullable): what is stored about the account,
 *   %NULL for the demo, the environment's key and the key saved without a
 *   name
 */
const SkAccountProfile *
sk_account_get_profile (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->profile;
}

const char *
sk_account_get_base_url (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->base_url;
}

const char *
sk_account_get_api_key (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->api_key;
}

/**
 * sk_account_get_admin_key:
 *
 * Returns: (nullable): the admin key of the organization, for its reports
 *   only; never log it
 */
const char *
sk_account_get_admin_key (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), NULL);
  return self->admin_key;
}

gboolean
sk_account_has_admin_key (SkAccount *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT (self), FALSE);
  return self->admin_key != NULL;
}

/**
 * sk_account_set_admin_key:
 * @admin_key: (nullable): the key; %NULL or "" forgets it
 *
 * Sets the admin key the account holds in memory (the keyring is the
 * caller's business: see sk_secret_store_admin_async()).
 */
void
sk_account_set_admin_key (SkAccount  *self,
                          const char *admin_key)
{
  gboolean had;

  g_return_if_fail (SK_IS_ACCOUNT (self));

  if (admin_key != NULL && *admin_key == '\0')
    admin_key = NULL;
  if (g_strcmp0 (admin_key, self->admin_key) == 0)
    return;

  had = self->admin_key != NULL;
  if (self->admin_key != NULL)
    memset (self->admin_key, 0, strlen (self->admin_key));
  g_free (self->admin_key);
  self->admin_key = g_strdup (admin_key);
  if (had != (self->admin_key != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ADMIN_KEY]);
}

void
sk_account_set_organization (SkAccount  *self,
                             const char *organization)
{
  g_return_if_fail (SK_IS_ACCOUNT (self));
  if (self->source == SK_ACCOUNT_DEMO)
    return;
  sk_client_set_organization (self->client,
                              organization && *organization ? organization : NULL);
  update_title (self);
}

void
sk_account_set_project (SkAccount  *self,
                        const char *project)
{
  g_return_if_fail (SK_IS_ACCOUNT (self));
  if (self->source == SK_ACCOUNT_DEMO)
    return;
  sk_client_set_project (self->client, project && *project ? project : NULL);
  update_title (self);
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GPtrArray) items = NULL;
  GError *error = NULL;

  items = sk_client_list_vector_stores_finish (SK_CLIENT (source), result, &error);
  if (items == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sk_account_check_async (SkAccount           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SkListOptions options = { 0 };
  GTask *task;

  g_return_if_fail (SK_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_account_check_async);
  options.max_items = 1;
  sk_client_list_vector_stores_async (self->client, &options, NULL, NULL, NULL,
                                      cancellable, check_cb, task);
}

gboolean
sk_account_check_finish (SkAccount     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
