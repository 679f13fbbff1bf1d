/* sk-account-profile.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-account-profile.h"

#include "sk-attempt.h"

/* One stored account's description: its name, provider and URLs, to and
 * from the settings, and the checks made before it is saved. */

#define MAX_NAME_CHARS 64

G_DEFINE_BOXED_TYPE (SkAccountProfile, sk_account_profile,
                     sk_account_profile_copy, sk_account_profile_free)

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;

  return TRUE;
}

/* NULL for "" */
static char *
dup_or_null (const char *s)
{
  return s != NULL && *s != '\0' ? g_strdup (s) : NULL;
}

/**
 * sk_account_profile_new:
 * @name: the account's name
 * @provider: the kind of service
 * @url: (nullable): the base URL or the Azure endpoint
 *
 * Returns: (transfer full): a new profile with no organization, project
 *   or API version
 */
SkAccountProfile *
sk_account_profile_new (const char *name,
                        SkProvider  provider,
                        const char *url)
{
  SkAccountProfile *self = g_new0 (SkAccountProfile, 1);

  self->name = g_strdup (name != NULL ? name : "");
  self->provider = provider;
  self->url = dup_or_null (url);

  return self;
}

SkAccountProfile *
sk_account_profile_copy (const SkAccountProfile *self)
{
  SkAccountProfile *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = sk_account_profile_new (self->name, self->provider, self->url);
  copy->organization = dup_or_null (self->organization);
  copy->project = dup_or_null (self->project);
  copy->api_version = dup_or_null (self->api_version);

  return copy;
}

void
sk_account_profile_free (SkAccountProfile *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->url);
  g_free (self->organization);
  g_free (self->project);
  g_free (self->api_version);
  g_free (self);
}

/**
 * sk_account_profile_to_variant:
 *
 * Returns: (transfer floating): @self as %SK_ACCOUNT_PROFILE_VARIANT_TYPE:
 *   name, provider, URL, organization, project, API version ("" for none)
 */
GVariant *
sk_account_profile_to_variant (const SkAccountProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

#define OR_EMPTY(s) ((s) != NULL ? (s) : "")
  return g_variant_new (SK_ACCOUNT_PROFILE_VARIANT_TYPE,
                        OR_EMPTY (self->name),
                        sk_provider_to_string (self->provider),
                        OR_EMPTY (self->url),
                        OR_EMPTY (self->organization),
                        OR_EMPTY (self->project),
                        OR_EMPTY (self->api_version));
#undef OR_EMPTY
}

/**
 * sk_account_profile_new_from_variant:
 * @variant: a value of %SK_ACCOUNT_PROFILE_VARIANT_TYPE
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL when its
 *   provider is unknown (written by a later version)
 */
SkAccountProfile *
sk_account_profile_new_from_variant (GVariant *variant)
{
  const char *name, *provider_name, *url, *organization, *project, *api_version;
  SkAccountProfile *self;
  SkProvider provider;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (variant,
                                              G_VARIANT_TYPE (SK_ACCOUNT_PROFILE_VARIANT_TYPE)),
                        NULL);

  g_variant_get (variant, "(&s&s&s&s&s&s)",
                 &name, &provider_name, &url, &organization, &project, &api_version);
  if (!sk_provider_from_string (provider_name, &provider))
    return NULL;

  self = sk_account_profile_new (name, provider, url);
  self->organization = dup_or_null (organization);
  self->project = dup_or_null (project);
  self->api_version = dup_or_null (api_version);

  return self;
}

/**
 * sk_account_profile_check_name:
 * @name: (nullable): a name typed by the user
 *
 * Returns: %TRUE when @name may name a stored account: not empty, at most
 *   64 characters, no control character, not a name of an account that is
 *   not stored ("demo", "environment", "default": the key saved without a
 *   name); else %FALSE with @error
 *   (%G_IO_ERROR_INVALID_ARGUMENT)
 */
gboolean
sk_account_profile_check_name (const char  *name,
                               GError     **error)
{
  if (name == NULL || is_blank (name))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The account needs a name"));
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %d is a number of characters */
                   _("The name of an account has at most %d characters"), MAX_NAME_CHARS);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The name of an account cannot hold control characters"));
        return FALSE;
      }

  if (g_str_equal (name, SK_ACCOUNT_NAME_DEMO) || g_str_equal (name, SK_ACCOUNT_NAME_ENVIRONMENT) ||
      g_str_equal (name, SK_ACCOUNT_NAME_DEFAULT))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is the name the user typed for an account */
                   _("“%s” is reserved: choose another name"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * sk_account_profile_check:
 *
 * Returns: %TRUE when @self can be saved: a valid name, a URL that is
 *   empty (not for Azure) or an http or https URL, a valid API version;
 *   else %FALSE with @error (%G_IO_ERROR_INVALID_ARGUMENT)
 */
gboolean
sk_account_profile_check (const SkAccountProfile  *self,
                          GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!sk_account_profile_check_name (self->name, error))
    return FALSE;

  if (self->provider != SK_PROVIDER_OPENAI && (self->url == NULL || *self->url == '\0'))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           self->provider == SK_PROVIDER_AZURE
                           ? _("An Azure OpenAI account needs the endpoint of its resource")
                           : _("The account needs the base URL of its service"));
      return FALSE;
    }

  if (self->url != NULL && *self->url != '\0')
    {
      g_autoptr (GUri) uri = sk_attempt_parse_base_url (self->url);

      if (uri == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a URL */
                       _("“%s” is not a valid http or https URL"), self->url);
          return FALSE;
        }
    }

  if (!sk_provider_api_version_is_valid (self->api_version))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The API version can only hold letters, digits, “-”, “.” and “_”"));
      return FALSE;
    }

  return TRUE;
}
