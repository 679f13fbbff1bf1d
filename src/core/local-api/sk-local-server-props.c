/* sk-local-server-props.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-server-private.h"

#include "sk-local-auth.h"
#include "sk-object-private.h"

/* The properties of SkLocalServer (their table, get and set) and its
 * settings: the account key and service, the local token, and what it
 * reports (running, port). */

static GParamSpec *properties[N_PROPS];

static void
sk_local_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, sk_local_server_get_port (self));
      break;
    case PROP_UPSTREAM_URL:
      g_value_set_string (value, self->hub.upstream_url);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->hub.organization);
      break;
    case PROP_PROJECT:
      g_value_set_string (value, self->hub.project);
      break;
    case PROP_LOCAL_TOKEN:
      g_value_set_string (value, self->local_token);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->hub.max_in_flight);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->hub.page_size);
      break;
    case PROP_FILES_PAGE_SIZE:
      g_value_set_uint (value, self->hub.files_page_size);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->hub.retry_base_ms);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->hub.max_attempts);
      break;
    case PROP_UPSTREAM_TIMEOUT_MS:
      g_value_set_uint (value, self->hub.upstream_timeout_ms);
      break;
    case PROP_READ_TIMEOUT_MS:
      g_value_set_uint (value, self->read_timeout_ms);
      break;
    case PROP_HAS_ACCOUNT_KEY:
      g_value_set_boolean (value, self->account_key != NULL);
      break;
    case PROP_IDLE_TIMEOUT_MS:
      g_value_set_uint (value, self->idle_timeout_ms);
      break;
    case PROP_STOP_GRACE_MS:
      g_value_set_uint (value, self->stop_grace_ms);
      break;
    case PROP_JOURNAL:
      g_value_set_object (value, self->hub.journal);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->hub.account_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_local_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sk_object_set_string (object, &self->host,
                            g_value_get_string (value) ? g_value_get_string (value)
                                                       : "127.0.0.1",
                            pspec);
      break;
    case PROP_PORT:
      sk_object_set_uint (object, &self->port, g_value_get_uint (value), pspec);
      break;
    case PROP_UPSTREAM_URL:
      {
        const char *url = g_value_get_string (value);

        if (url == NULL || url[0] == '\0')
          url = g_getenv ("OPENAI_BASE_URL");
        if (url == NULL || url[0] == '\0')
          url = SK_DEFAULT_BASE_URL;
        sk_object_set_string (object, &self->hub.upstream_url, url, pspec);
      }
      break;
    case PROP_ACCOUNT_KEY:
      sk_local_server_set_account_key (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION:
      sk_object_set_string (object, &self->hub.organization, g_value_get_string (value), pspec);
      break;
    case PROP_PROJECT:
      sk_object_set_string (object, &self->hub.project, g_value_get_string (value), pspec);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_object_set_uint (object, &self->hub.max_in_flight, g_value_get_uint (value), pspec);
      break;
    case PROP_PAGE_SIZE:
      sk_object_set_uint (object, &self->hub.page_size, g_value_get_uint (value), pspec);
      break;
    case PROP_FILES_PAGE_SIZE:
      sk_object_set_uint (object, &self->hub.files_page_size, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_BASE_MS:
      sk_object_set_uint (object, &self->hub.retry_base_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_ATTEMPTS:
      sk_object_set_uint (object, &self->hub.max_attempts, g_value_get_uint (value), pspec);
      break;
    case PROP_UPSTREAM_TIMEOUT_MS:
      sk_object_set_uint (object, &self->hub.upstream_timeout_ms, g_value_get_uint (value),
                          pspec);
      break;
    case PROP_READ_TIMEOUT_MS:
      sk_object_set_uint (object, &self->read_timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_IDLE_TIMEOUT_MS:
      sk_object_set_uint (object, &self->idle_timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_STOP_GRACE_MS:
      sk_object_set_uint (object, &self->stop_grace_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_JOURNAL:
      if (g_set_object (&self->hub.journal, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ACCOUNT_NAME:
      sk_object_set_string (object, &self->hub.account_name, g_value_get_string (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
sk_local_server_install_properties (GObjectClass *object_class)
{
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sk_local_server_get_property;
  object_class->set_property = sk_local_server_set_property;

  /**
   * SkLocalServer:host:
   *
   * The address to listen on: an IP address or "localhost". Anything but
   * a loopback address also turns the Host header check off.
   */
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, "127.0.0.1", rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:port:
   *
   * The port to listen on; 0 picks a free one, read back after start.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 8000, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:upstream-url:
   *
   * The OpenAI base URL; NULL or empty means $OPENAI_BASE_URL, else
   * https://api.openai.com/v1.
   */
  properties[PROP_UPSTREAM_URL] =
    g_param_spec_string ("upstream-url", NULL, NULL, NULL, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:account-key:
   *
   * Write-only: the key of the account Storekeeper holds, used for the
   * requests that bring the local token; NULL disables the token.
   */
  properties[PROP_ACCOUNT_KEY] =
    g_param_spec_string ("account-key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SkLocalServer:organization:
   *
   * The OpenAI organization sent upstream with every request, or NULL.
   */
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL, rw);

  /**
   * SkLocalServer:project:
   *
   * The OpenAI project sent upstream with every request, or NULL.
   */
  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL, NULL, rw);

  /**
   * SkLocalServer:local-token:
   *
   * The local token (random, 256 bits, in hex) that stands for
   * #SkLocalServer:account-key in "Authorization: Bearer <token>"; made
   * at construction, new with sk_local_server_regenerate_token().
   */
  properties[PROP_LOCAL_TOKEN] =
    g_param_spec_string ("local-token", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SkLocalServer:max-in-flight:
   *
   * The most upstream deletions one bulk request runs at once: the cap of
   * the engine's adaptive limit, which starts at 8 (or the cap, if lower).
   * The orphan finder's store file lists adapt the same way, under the
   * same cap.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 64, 64, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:running:
   *
   * Whether the server listens; it stays %TRUE while a stop is in
   * progress.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SkLocalServer:page-size:
   *
   * The upstream page size of vector stores and their files; 0: the
   * client's default.
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 0, 100, 0, rw);

  /**
   * SkLocalServer:files-page-size:
   *
   * The upstream page size of files; 0: the client's default.
   */
  properties[PROP_FILES_PAGE_SIZE] =
    g_param_spec_uint ("files-page-size", NULL, NULL, 0, 10000, 0, rw);

  /**
   * SkLocalServer:retry-base-ms:
   *
   * The first backoff of the upstream retries; G_MAXUINT: the client's
   * default.
   */
  properties[PROP_RETRY_BASE_MS] =
    g_param_spec_uint ("retry-base-ms", NULL, NULL, 0, G_MAXUINT, G_MAXUINT, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:max-attempts:
   *
   * How many times one upstream call is tried; 0: the client's default.
   */
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 0, 20, 0, rw);

  /**
   * SkLocalServer:upstream-timeout-ms:
   *
   * How long one upstream call may take; 0: the client's default.
   */
  properties[PROP_UPSTREAM_TIMEOUT_MS] =
    g_param_spec_uint ("upstream-timeout-ms", NULL, NULL, 0, G_MAXUINT, 0, rw);

  /**
   * SkLocalServer:read-timeout-ms:
   *
   * A request must arrive whole (headers and body) within this time, or
   * its connection is closed; 0 disables.
   */
  properties[PROP_READ_TIMEOUT_MS] =
    g_param_spec_uint ("read-timeout-ms", NULL, NULL, 0, G_MAXUINT, 30000, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:idle-timeout-ms:
   *
   * A kept-alive connection with no new request for this long is
   * closed; 0 disables.
   */
  properties[PROP_IDLE_TIMEOUT_MS] =
    g_param_spec_uint ("idle-timeout-ms", NULL, NULL, 0, G_MAXUINT, 30000, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:stop-grace-ms:
   *
   * On sk_local_server_stop_async(), deletions in progress get this long
   * to finish before they are cancelled.
   */
  properties[PROP_STOP_GRACE_MS] =
    g_param_spec_uint ("stop-grace-ms", NULL, NULL, 0, 600000, 5000, rw | G_PARAM_CONSTRUCT);

  /**
   * SkLocalServer:has-account-key:
   *
   * Whether #SkLocalServer:account-key is set.
   */
  properties[PROP_HAS_ACCOUNT_KEY] =
    g_param_spec_boolean ("has-account-key", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SkLocalServer:journal:
   *
   * The journal the deletions are recorded in (origin "local-api"), or
   * NULL for no record.
   */
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL, SK_TYPE_JOURNAL, rw);

  /**
   * SkLocalServer:account-name:
   *
   * The name of the account whose key the server holds, as the journal
   * records the deletions made with the local token (never the key), or
   * NULL.
   */
  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

void
sk_local_server_notify (SkLocalServer     *self,
                        SkLocalServerProp  prop)
{
  g_assert (prop > PROP_0 && prop < N_PROPS);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
sk_local_server_get_running (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), FALSE);

  return self->running;
}

guint
sk_local_server_get_port (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), 0);

  return self->running ? self->bound_port : self->port;
}

const char *
sk_local_server_get_local_token (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), NULL);

  return self->local_token;
}

void
sk_local_server_regenerate_token (SkLocalServer *self)
{
  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  sk_local_secret_free (&self->local_token);
  self->local_token = sk_local_token_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TOKEN]);
}

void
sk_local_server_set_account_key (SkLocalServer *self,
                                 const char    *api_key)
{
  gboolean had;

  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  had = self->account_key != NULL;
  sk_local_secret_free (&self->account_key);
  if (api_key != NULL && api_key[0] != '\0')
    self->account_key = g_strdup (api_key);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_KEY]);
  if (had != (self->account_key != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNT_KEY]);
}

/**
 * sk_local_server_set_account_service:
 * @self: the server
 * @url: (nullable): the account's base URL; %NULL: the upstream URL
 * @provider: the account's kind of service
 * @api_version: (nullable): its `api-version` (Azure OpenAI)
 *
 * Where the key set with sk_local_server_set_account_key() is sent: the
 * requests that carry the local token go there, with that service's
 * headers and paths. Requests that send their own key in
 * `x-openai-api-key` still go to #SkLocalServer:upstream-url as OpenAI.
 */
void
sk_local_server_set_account_service (SkLocalServer *self,
                                     const char    *url,
                                     SkProvider     provider,
                                     const char    *api_version)
{
  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  g_free (self->hub.account_url);
  self->hub.account_url = g_strdup (url);
  self->hub.account_provider = provider;
  g_free (self->hub.account_api_version);
  self->hub.account_api_version = g_strdup (api_version);
}
