/* sk-client.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client.h"
#include "sk-client-private.h"

#include "sk-attempt.h"
#include "sk-object-private.h"
#include "sk-request.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The client object: its settings, shared with its requests through an
 * SkRequestContext. The calls are in sk-client-objects.c (one object)
 * and sk-client-list.c (lists). Every call is one request (sk-request.c)
 * whose attempts (sk-attempt.c) follow the rules of sk-retry-policy.c. */

struct _SkClient
{
  GObject           parent_instance;

  /* what every request reads: session, base URL, key, timeout, policy, gate */
  SkRequestContext  context;

  SkProvider        provider;
  char             *api_version;

  guint             files_page_size;
  guint             page_size;
  guint             n_requests;
};

G_DEFINE_FINAL_TYPE (SkClient, sk_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_PROVIDER,
  PROP_API_VERSION,
  PROP_SESSION,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_BASE_MS,
  PROP_MAX_RETRY_AFTER_MS,
  PROP_TIMEOUT_MS,
  PROP_FILES_PAGE_SIZE,
  PROP_PAGE_SIZE,
  PROP_N_REQUESTS,
  PROP_RATE_GATE,
  N_PROPS
};

enum {
  RATE_LIMITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
free_api_key (SkClient *self)
{
  if (self->context.api_key != NULL)
    {
      memset (self->context.api_key, 0, strlen (self->context.api_key));
      g_clear_pointer (&self->context.api_key, g_free);
    }
}

static void
attempt_sent_cb (GObject *owner)
{
  SkClient *self = SK_CLIENT (owner);

  self->n_requests++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REQUESTS]);
}

static void
rate_limited_cb (GObject *owner,
                 guint    delay_ms)
{
  g_signal_emit (owner, signals[RATE_LIMITED], 0, delay_ms);
}

static void
sk_client_constructed (GObject *object)
{
  SkClient *self = (SkClient *)object;
  SkRequestContext *context = &self->context;
  g_autofree char *request_base = NULL;

  G_OBJECT_CLASS (sk_client_parent_class)->constructed (object);

  /* Azure has no default endpoint: an empty one fails every request */
  if (self->provider != SK_PROVIDER_AZURE &&
      (context->base_url == NULL || *context->base_url == '\0'))
    {
      const char *env = g_getenv ("OPENAI_BASE_URL");

      g_free (context->base_url);
      context->base_url = g_strdup (env != NULL && *env != '\0' ? env : SK_DEFAULT_BASE_URL);
    }

  if (context->base_url == NULL)
    context->base_url = g_strdup ("");

  /* paths start with '/' */
  while (g_str_has_suffix (context->base_url, "/"))
    context->base_url[strlen (context->base_url) - 1] = '\0';

  /* NULL when not valid: every request then fails, naming the URL */
  request_base = sk_provider_build_base_url (self->provider, context->base_url,
                                             self->api_version);
  context->base_uri = sk_attempt_parse_base_url (request_base);
  context->api_key_header = sk_provider_uses_api_key_header (self->provider);

  if (context->gate == NULL)
    context->gate = sk_rate_gate_new ();

  if (context->session == NULL)
    /* room for the bulk engine's largest max-in-flight (64) */
    context->session = soup_session_new_with_options ("max-conns", 128,
                                                      "max-conns-per-host", 64,
                                                      "timeout", 0,
                                                      NULL);

  context->attempt_sent = attempt_sent_cb;
  context->rate_limited = rate_limited_cb;
}

static void
sk_client_finalize (GObject *object)
{
  SkClient *self = (SkClient *)object;

  free_api_key (self);
  g_free (self->context.base_url);
  g_clear_pointer (&self->context.base_uri, g_uri_unref);
  g_free (self->context.organization);
  g_free (self->context.project);
  g_free (self->api_version);
  g_clear_object (&self->context.session);
  g_clear_pointer (&self->context.gate, sk_rate_gate_unref);

  G_OBJECT_CLASS (sk_client_parent_class)->finalize (object);
}

static void
sk_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SkClient *self = SK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->context.base_url);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->context.organization);
      break;
    case PROP_PROJECT:
      g_value_set_string (value, self->context.project);
      break;
    case PROP_PROVIDER:
      g_value_set_enum (value, self->provider);
      break;
    case PROP_API_VERSION:
      g_value_set_string (value, self->api_version);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->context.session);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->context.policy.max_attempts);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->context.policy.retry_base_ms);
      break;
    case PROP_MAX_RETRY_AFTER_MS:
      g_value_set_uint (value, self->context.policy.max_retry_after_ms);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->context.timeout_ms);
      break;
    case PROP_FILES_PAGE_SIZE:
      g_value_set_uint (value, self->files_page_size);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_REQUESTS:
      g_value_set_uint (value, self->n_requests);
      break;
    case PROP_RATE_GATE:
      g_value_set_boxed (value, self->context.gate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SkClient *self = SK_CLIENT (object);
  SkRequestContext *context = &self->context;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (context->base_url);
      context->base_url = g_value_dup_string (value);
      break;
    case PROP_API_KEY:
      sk_client_set_api_key (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION:
      sk_client_set_organization (self, g_value_get_string (value));
      break;
    case PROP_PROJECT:
      sk_client_set_project (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER:
      self->provider = g_value_get_enum (value);
      break;
    case PROP_API_VERSION:
      g_free (self->api_version);
      self->api_version = g_value_dup_string (value);
      break;
    case PROP_SESSION:
      context->session = g_value_dup_object (value);
      break;
    case PROP_RATE_GATE:
      g_assert (context->gate == NULL);
      context->gate = g_value_dup_boxed (value);
      break;
    case PROP_MAX_ATTEMPTS:
      sk_object_set_uint (object, &context->policy.max_attempts, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_BASE_MS:
      sk_object_set_uint (object, &context->policy.retry_base_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_RETRY_AFTER_MS:
      sk_object_set_uint (object, &context->policy.max_retry_after_ms, g_value_get_uint (value),
                          pspec);
      break;
    case PROP_TIMEOUT_MS:
      sk_object_set_uint (object, &context->timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_FILES_PAGE_SIZE:
      sk_object_set_uint (object, &self->files_page_size, g_value_get_uint (value), pspec);
      break;
    case PROP_PAGE_SIZE:
      sk_object_set_uint (object, &self->page_size, g_value_get_uint (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_pspec (const char *name,
            guint       min,
            guint       max,
            guint       def)
{
  return g_param_spec_uint (name, NULL, NULL, min, max, def,
                            (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
sk_client_class_init (SkClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sk_client_constructed;
  object_class->finalize = sk_client_finalize;
  object_class->get_property = sk_client_get_property;
  object_class->set_property = sk_client_set_property;

  /**
   * SkClient:base-url:
   *
   * The base of every request URL, e.g. "https://api.openai.com/v1";
   * paths such as "/files" are appended. %NULL or "" (the default) gives
   * `$OPENAI_BASE_URL`, else %SK_DEFAULT_BASE_URL (not for Azure: see
   * #SkClient:provider). Trailing slashes are dropped.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:api-key:
   *
   * The key sent as a bearer token (in the `api-key` header for Azure).
   * Write-only: it never appears in a log or an error message.
   */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:organization:
   *
   * Sent as `OpenAI-Organization` when not %NULL or empty.
   */
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:project:
   *
   * Sent as `OpenAI-Project` when not %NULL or empty.
   */
  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:provider:
   *
   * The kind of service. For %SK_PROVIDER_AZURE, #SkClient:base-url is
   * the resource endpoint (it has no default), the paths start with
   * `/openai/v1` (`/openai` with a dated #SkClient:api-version) and the
   * key goes in the `api-key` header; see sk_provider_build_base_url().
   */
  properties[PROP_PROVIDER] =
    g_param_spec_enum ("provider", NULL, NULL, SK_TYPE_PROVIDER, SK_PROVIDER_OPENAI,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:api-version:
   *
   * Azure only: sent as the `api-version` query of every request when
   * not %NULL or empty.
   */
  properties[PROP_API_VERSION] =
    g_param_spec_string ("api-version", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:session:
   *
   * The session that sends the requests, to share one (and its
   * connections) between several clients; %NULL (the default) gives the
   * client a session of its own.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:max-attempts:
   *
   * How many times a request is tried, the first time included.
   */
  properties[PROP_MAX_ATTEMPTS] = uint_pspec ("max-attempts", 1, 20, 4);

  /**
   * SkClient:retry-base-ms:
   *
   * The first backoff delay, doubled at each retry, capped at 8000 ms,
   * times a jitter in [0.75, 1]. A delay the server gives is used instead.
   */
  properties[PROP_RETRY_BASE_MS] = uint_pspec ("retry-base-ms", 0, G_MAXUINT, 500);

  /**
   * SkClient:max-retry-after-ms:
   *
   * A server delay (`retry-after-ms`, `Retry-After`) longer than this is
   * not waited for: the error is returned at once.
   */
  properties[PROP_MAX_RETRY_AFTER_MS] = uint_pspec ("max-retry-after-ms", 0, G_MAXUINT, 120000);

  /**
   * SkClient:timeout-ms:
   *
   * The longest one attempt may take, its answer read; past it the
   * attempt fails with %G_IO_ERROR_TIMED_OUT. 0: no limit.
   */
  properties[PROP_TIMEOUT_MS] = uint_pspec ("timeout-ms", 0, G_MAXUINT, 60000);

  /**
   * SkClient:files-page-size:
   *
   * The `limit` of each page of the file list.
   */
  properties[PROP_FILES_PAGE_SIZE] = uint_pspec ("files-page-size", 1, 10000, 10000);

  /**
   * SkClient:page-size:
   *
   * The `limit` of each page of the vector store and store file lists.
   */
  properties[PROP_PAGE_SIZE] = uint_pspec ("page-size", 1, 100, 100);

  /**
   * SkClient:n-requests:
   *
   * How many HTTP requests were sent so far, retries included.
   */
  properties[PROP_N_REQUESTS] =
    g_param_spec_uint ("n-requests", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkClient:rate-gate:
   *
   * The rate gate to share with other clients (e.g. of the same account),
   * so that they slow down together after a 429. %NULL (the default)
   * gives the client a gate of its own.
   */
  properties[PROP_RATE_GATE] =
    g_param_spec_boxed ("rate-gate", NULL, NULL, SK_TYPE_RATE_GATE,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SkClient::rate-limited:
   * @delay_ms: the server's delay, 0 when it gave none
   *
   * A 429 (rate limit, not quota) came back; the client (and every client
   * sharing its rate gate) now holds every request until the delay has
   * passed. Only the client that got the 429 emits it.
   */
  signals[RATE_LIMITED] =
    g_signal_new ("rate-limited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sk_client_init (SkClient *self)
{
  self->context.policy.max_attempts = 4;
  self->context.policy.retry_base_ms = 500;
  self->context.policy.max_retry_after_ms = 120000;
  self->context.timeout_ms = 60000;
  self->files_page_size = 10000;
  self->page_size = 100;
}

/**
 * sk_client_new:
 * @base_url: (nullable): e.g. "https://api.openai.com/v1"; NULL or "" for
 *   $OPENAI_BASE_URL, else %SK_DEFAULT_BASE_URL
 * @api_key: (nullable): the key sent as a bearer token
 *
 * Returns: (transfer full): a new client
 */
SkClient *
sk_client_new (const char *base_url,
               const char *api_key)
{
  return g_object_new (SK_TYPE_CLIENT,
                       "base-url", base_url,
                       "api-key", api_key,
                       NULL);
}

const char *
sk_client_get_base_url (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->context.base_url;
}

void
sk_client_set_api_key (SkClient   *self,
                       const char *api_key)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  if (g_strcmp0 (self->context.api_key, api_key) == 0)
    return;

  free_api_key (self);
  self->context.api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

gboolean
sk_client_has_api_key (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), FALSE);

  return self->context.api_key != NULL && *self->context.api_key != '\0';
}

const char *
sk_client_get_organization (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->context.organization;
}

void
sk_client_set_organization (SkClient   *self,
                            const char *organization)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  sk_object_set_string (G_OBJECT (self), &self->context.organization, organization,
                        properties[PROP_ORGANIZATION]);
}

const char *
sk_client_get_project (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->context.project;
}

void
sk_client_set_project (SkClient   *self,
                       const char *project)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  sk_object_set_string (G_OBJECT (self), &self->context.project, project,
                        properties[PROP_PROJECT]);
}

SkProvider
sk_client_get_provider (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), SK_PROVIDER_OPENAI);

  return self->provider;
}

const char *
sk_client_get_api_version (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->api_version;
}

SoupSession *
sk_client_get_session (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->context.session;
}

guint
sk_client_get_n_requests (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), 0);

  return self->n_requests;
}

/**
 * sk_client_get_rate_gate:
 *
 * Returns: (transfer none): the client's rate gate, its own or the one
 *   given as "rate-gate"
 */
SkRateGate *
sk_client_get_rate_gate (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return self->context.gate;
}

/* Private API, for sk-client-list.c */

SkRequestContext *
sk_client_get_request_context (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);

  return &self->context;
}

guint
sk_client_get_files_page_size (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), 1);

  return self->files_page_size;
}

guint
sk_client_get_page_size (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), 1);

  return self->page_size;
}

/**
 * sk_client_invalid_id_error:
 * @id: an ID that sk_id_is_valid() refused
 *
 * Returns: (transfer full): the error of a call given @id
 */
GError *
sk_client_invalid_id_error (const char *id)
{
  g_autofree char *message = NULL;

  /* Translators: %s is an object ID typed or pasted by the user */
  message = g_strdup_printf (_("“%s” is not a valid ID"), id);
  return sk_client_error_new (SK_CLIENT_ERROR_BAD_REQUEST, 0, NULL, message);
}

/**
 * sk_client_invalid_response:
 * @error: (transfer full) (nullable): why a 2xx body could not be parsed
 * @http_status: the status of the answer
 *
 * Returns: (transfer full): @error re-made as
 *   %SK_CLIENT_ERROR_INVALID_RESPONSE with @http_status
 */
GError *
sk_client_invalid_response (GError *error,
                            guint   http_status)
{
  GError *ret;

  ret = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, http_status, NULL,
                             error ? error->message : _("The server sent an unexpected answer"));
  g_clear_error (&error);

  return ret;
}

/**
 * sk_client_propagate_pointer:
 * @result: the result of a call of @self that returns a pointer
 * @source_tag: the _async function of that call
 *
 * The _finish of every call that returns a list or an object.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
gpointer
sk_client_propagate_pointer (SkClient      *self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
