/* sk-fake-azure.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-azure.h"

#include "sk-provider.h"

#include <string.h>

/* What the simulated account checks when it plays an Azure OpenAI
 * resource: the key in the `api-key` header, the `/openai/v1` prefix (or
 * `/openai` for a dated API version) and the `api-version` query. */

/* The first dated version whose file DELETE answers 200 with a body */
#define FIRST_VERSION_WITH_DELETE_BODY "2024-10-21"

/**
 * sk_fake_azure_check_request:
 * @path: the path received, e.g. "/openai/v1/files"
 * @query: (nullable): the query received
 * @headers: the request headers
 * @api_version: (nullable): the `api-version` every request must carry;
 *   %NULL: none required. A dated one also drops `/v1` from the prefix.
 * @api_key: (nullable): the only key accepted; %NULL: any non-empty key
 * @status: (out): the status of the error answer, when %NULL is returned
 * @message: (out): the message of the error answer, when %NULL is returned
 *
 * Returns: (transfer full) (nullable): the OpenAI path to route (e.g.
 *   "/v1/files"), or %NULL when the request is refused
 */
char *
sk_fake_azure_check_request (const char          *path,
                             GHashTable          *query,
                             SoupMessageHeaders  *headers,
                             const char          *api_version,
                             const char          *api_key,
                             guint               *status,
                             char               **message)
{
  const char *prefix = sk_provider_api_version_is_dated (api_version) ? "/openai/" : "/openai/v1/";
  const char *key = soup_message_headers_get_one (headers, "api-key");
  const char *version = query != NULL ? g_hash_table_lookup (query, "api-version") : NULL;

  if (key == NULL || *key == '\0')
    {
      *status = 401;
      *message = g_strdup ("Access denied due to missing subscription key. Make sure to include "
                           "subscription key when making requests to an API.");
      return NULL;
    }

  if (api_key != NULL && !g_str_equal (key, api_key))
    {
      *status = 401;
      *message = g_strdup ("Access denied due to invalid subscription key or wrong API endpoint. "
                           "Make sure to provide a valid key for an active subscription and use "
                           "a correct regional API endpoint for your resource.");
      return NULL;
    }

  if (api_version != NULL && version == NULL)
    {
      *status = 400;
      *message = g_strdup ("Missing required query parameter: api-version");
      return NULL;
    }

  if (api_version != NULL && !g_str_equal (version, api_version))
    {
      *status = 404;
      *message = g_strdup ("Resource not found");
      return NULL;
    }

  /* the dated API has no /v1 */
  if (!g_str_has_prefix (path, prefix) ||
      (g_str_equal (prefix, "/openai/") && g_str_has_prefix (path, "/openai/v1/")))
    {
      *status = 404;
      *message = g_strdup ("Resource not found");
      return NULL;
    }

  return g_strconcat ("/v1/", path + strlen (prefix), NULL);
}

/**
 * sk_fake_azure_deletes_with_no_content:
 * @api_version: (nullable): the version the fake requires
 * @method: the method received
 * @route_path: the OpenAI path, from sk_fake_azure_check_request()
 *
 * Returns: %TRUE when a successful answer to this request is a 204 with
 *   no body, as a file DELETE of the dated versions before 2024-10-21
 */
gboolean
sk_fake_azure_deletes_with_no_content (const char *api_version,
                                       const char *method,
                                       const char *route_path)
{
  const char *id;

  if (!sk_provider_api_version_is_dated (api_version) ||
      strcmp (api_version, FIRST_VERSION_WITH_DELETE_BODY) >= 0 ||
      g_strcmp0 (method, "DELETE") != 0 || !g_str_has_prefix (route_path, "/v1/files/"))
    return FALSE;

  id = route_path + strlen ("/v1/files/");
  return *id != '\0' && strchr (id, '/') == NULL;
}
