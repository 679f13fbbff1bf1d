/* sk-provider.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-provider.h"

#include <string.h>

/* What differs between the kinds of service: the URL every request
 * starts with, and the header that carries the key. Pure functions. */

G_DEFINE_ENUM_TYPE (SkProvider, sk_provider,
                    G_DEFINE_ENUM_VALUE (SK_PROVIDER_OPENAI, "openai"),
                    G_DEFINE_ENUM_VALUE (SK_PROVIDER_AZURE, "azure"),
                    G_DEFINE_ENUM_VALUE (SK_PROVIDER_COMPATIBLE, "compatible"))

static const char * const names[] = { "openai", "azure", "compatible" };

/**
 * sk_provider_to_string:
 *
 * Returns: the stable name of @provider ("openai", "azure",
 *   "compatible"), as stored in the settings
 */
const char *
sk_provider_to_string (SkProvider provider)
{
  g_return_val_if_fail ((guint) provider < G_N_ELEMENTS (names), NULL);

  return names[provider];
}

/**
 * sk_provider_from_string:
 * @name: (nullable): a name from sk_provider_to_string()
 * @provider: (out): the provider named
 *
 * Returns: %TRUE when @name names a provider; else @provider is
 *   %SK_PROVIDER_OPENAI
 */
gboolean
sk_provider_from_string (const char *name,
                         SkProvider *provider)
{
  g_return_val_if_fail (provider != NULL, FALSE);

  *provider = SK_PROVIDER_OPENAI;
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        *provider = (SkProvider) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * sk_provider_api_version_is_dated:
 * @api_version: (nullable): an Azure `api-version`
 *
 * Returns: %TRUE for a version of the dated API, "YYYY-MM-DD" maybe
 *   followed by a suffix such as "-preview", whose paths have no `/v1`
 */
gboolean
sk_provider_api_version_is_dated (const char *api_version)
{
  static const char shape[] = "dddd-dd-dd";

  if (api_version == NULL || strlen (api_version) < strlen (shape))
    return FALSE;

  for (guint i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (api_version[i]) : api_version[i] != shape[i])
      return FALSE;

  return api_version[strlen (shape)] == '\0' || api_version[strlen (shape)] == '-';
}

/**
 * sk_provider_api_version_is_valid:
 * @api_version: (nullable): an `api-version` typed by the user
 *
 * Returns: %TRUE when @api_version is empty or only made of letters,
 *   digits, '-', '.' and '_' (so it needs no escaping in a query)
 */
gboolean
sk_provider_api_version_is_valid (const char *api_version)
{
  if (api_version == NULL)
    return TRUE;

  for (const char *p = api_version; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;

  return strlen (api_version) <= 64;
}

/**
 * sk_provider_build_base_url:
 * @provider: the kind of service
 * @url: (nullable): the URL the user gave: the base URL of the API, or
 *   for Azure the resource endpoint, e.g. "https://NAME.openai.azure.com"
 * @api_version: (nullable): Azure only: the `api-version` sent with every
 *   request; empty or %NULL: none
 *
 * Builds the URL every request path is appended to. For OpenAI and the
 * compatible services it is @url without trailing slashes (%NULL or
 * empty stays empty: the client's default). For Azure it is the endpoint
 * (without an `/openai` or `/openai/v1` it ends with) followed by
 * `/openai/v1`, or `/openai` when @api_version is dated, and
 * the query `api-version=` when @api_version is given. An @api_version
 * that sk_provider_api_version_is_valid() refuses is left out.
 *
 * Returns: (transfer full): the base URL
 */
char *
sk_provider_build_base_url (SkProvider  provider,
                            const char *url,
                            const char *api_version)
{
  g_autoptr (GString) out = g_string_new (url);

  while (out->len > 0 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);

  if (provider != SK_PROVIDER_AZURE)
    return g_string_free (g_steal_pointer (&out), FALSE);

  /* an endpoint pasted with its API path */
  if (g_str_has_suffix (out->str, "/openai/v1"))
    g_string_truncate (out, out->len - strlen ("/openai/v1"));
  else if (g_str_has_suffix (out->str, "/openai"))
    g_string_truncate (out, out->len - strlen ("/openai"));

  if (sk_provider_api_version_is_dated (api_version))
    g_string_append (out, "/openai");
  else
    g_string_append (out, "/openai/v1");

  if (api_version != NULL && *api_version != '\0' &&
      sk_provider_api_version_is_valid (api_version))
    g_string_append_printf (out, "?api-version=%s", api_version);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sk_provider_uses_api_key_header:
 *
 * Returns: %TRUE when the key goes in the `api-key` header rather than
 *   `Authorization: Bearer`
 */
gboolean
sk_provider_uses_api_key_header (SkProvider provider)
{
  return provider == SK_PROVIDER_AZURE;
}
