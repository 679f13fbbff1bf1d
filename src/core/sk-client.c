/* sk-client.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sk-json.h"
#include "sk-object-private.h"

/* How the client behaves, in short (see sk-client.h for the contract):
 *
 * - Every HTTP exchange is one "request" (RequestData below) made of up to
 *   max-attempts attempts. Each attempt builds a new SoupMessage, sends it
 *   with soup_session_send_async() and reads the body itself, so it can
 *   stop at MAX_BODY_SIZE. A timer of timeout-ms cancels an internal
 *   per-attempt GCancellable; the caller's cancellable is watched through a
 *   GCancellableSource, which cancels the attempt or ends a wait at once.
 * - Retried: 408, 409, 429 (not insufficient_quota), 5xx, timeouts and
 *   connection errors; `x-should-retry` overrides the status rule.
 *   A server delay (retry-after-ms, then Retry-After) above
 *   max-retry-after-ms is not waited for: the error comes back at once.
 * - A 429 emits "rate-limited" and moves the client's rate gate
 *   (SkRateGate, paused_until_us): every attempt of every request of every
 *   client sharing that gate waits for it.
 * - A 2xx whose body is not JSON, or not of the expected shape, fails with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE (status kept) and is NOT retried: a
 *   200 means the server did the work (a retried DELETE would then answer
 *   404 and hide the success), and garbage with a 200 usually comes from a
 *   proxy that will answer the same again.
 * - A deletion answered 200 with "deleted" false or missing fails with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE (status 200); the body stays
 *   available through sk_client_delete_result_get_json().
 * - A list item that cannot be parsed fails the whole listing (never
 *   skipped: a missing store file would make its file look orphaned).
 * - An attempt that ends without a clear answer (a timeout, a transport
 *   error once the request may have been sent, a 5xx, a cancellation on
 *   the wire) makes the request "ambiguous": the server may have done the
 *   work. A DELETE retried after such an attempt that gets 404 is "already
 *   gone after a retry": it succeeds (the earlier attempt deleted it). A
 *   404 on the first attempt, or after clear answers only (429, 409...),
 *   stays a NOT_FOUND failure with OpenAI's message.
 * - A request may carry a second cancellable, "stop": once cancelled, no
 *   new attempt starts. A request waiting (for the gate or a backoff) ends
 *   at once with G_IO_ERROR_CANCELLED; an attempt on the wire goes on and
 *   its answer is final.
 */

#define MAX_BODY_SIZE     (256 * 1024 * 1024)
#define READ_CHUNK_SIZE   (16 * 1024) /* first buffer when no Content-Length */
#define MAX_BACKOFF_MS    8000
#define MAX_MESSAGE_CHARS 1000

struct _SkClient
{
  GObject      parent_instance;

  char        *base_url;
  char        *api_key;
  char        *organization;
  char        *project;
  SoupSession *session;

  guint        max_attempts;
  guint        retry_base_ms;
  guint        max_retry_after_ms;
  guint        timeout_ms;
  guint        files_page_size;
  guint        page_size;
  guint        n_requests;

  /* when no request is sent (after a 429); never NULL once constructed */
  SkRateGate  *gate;
};

G_DEFINE_FINAL_TYPE (SkClient, sk_client, G_TYPE_OBJECT)

struct _SkRateGate
{
  /* monotonic time before which no request is sent (after a 429) */
  gint64 paused_until_us;
};

G_DEFINE_BOXED_TYPE (SkRateGate, sk_rate_gate, sk_rate_gate_ref, sk_rate_gate_unref)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_API_KEY,
  PROP_ORGANIZATION,
  PROP_PROJECT,
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

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* "." and ".." cannot be sent as a path segment: URI normalisation
 * removes them (even percent-encoded), so the request would reach
 * another endpoint. No OpenAI object has such an ID. */
static gboolean
is_valid_id (const char *id)
{
  return id[0] != '\0' && strcmp (id, ".") != 0 && strcmp (id, "..") != 0;
}

static GError *
invalid_id_error (const char *id)
{
  g_autofree char *message = NULL;

  /* Translators: %s is an object ID typed or pasted by the user */
  message = g_strdup_printf (_("“%s” is not a valid ID"), id);
  return sk_client_error_new (SK_CLIENT_ERROR_BAD_REQUEST, 0, NULL, message);
}

/* Every reserved character is escaped, so an ID never adds a path
 * segment, a query or a fragment */
static char *
escape_segment (const char *id)
{
  g_assert (is_valid_id (id));

  return g_uri_escape_string (id, NULL, FALSE);
}

static void
append_query (GString    *query,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, key);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

static char *
limit_message (const char *message)
{
  if (g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (message, 0, MAX_MESSAGE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }

  return g_strdup (message);
}

/* Replaces every occurrence of @key in @message by a masked form. The
 * server masks keys itself; this guards against a proxy that does not. */
static char *
scrub_key (const char *message,
           const char *key)
{
  g_autoptr (GString) out = NULL;
  const char *p;
  const char *hit;
  gsize key_len;

  if (key == NULL || strlen (key) < 4 || strstr (message, key) == NULL)
    return g_strdup (message);

  key_len = strlen (key);
  out = g_string_new (NULL);
  p = message;
  while ((hit = strstr (p, key)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "sk-****");
      p = hit + key_len;
    }
  g_string_append (out, p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GError *
error_from_body_scrubbed (guint       http_status,
                          GBytes     *body,
                          const char *api_key)
{
  g_autoptr (GError) error = sk_client_error_from_body (http_status, body);
  g_autofree char *message = NULL;

  if (api_key == NULL || *api_key == '\0' || strstr (error->message, api_key) == NULL)
    return g_steal_pointer (&error);

  message = scrub_key (error->message, api_key);
  return sk_client_error_new (error->code, http_status,
                              sk_client_error_get_openai_code (error), message);
}

/* A parse error of a 2xx body, re-made with its HTTP status */
static GError *
invalid_response (GError *error,
                  guint   http_status)
{
  GError *ret;

  ret = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, http_status, NULL,
                             error ? error->message : _("The server sent an unexpected answer"));
  g_clear_error (&error);

  return ret;
}

static gboolean
is_retryable_transport_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return (error->code != G_IO_ERROR_CANCELLED &&
            error->code != G_IO_ERROR_INVALID_ARGUMENT &&
            error->code != G_IO_ERROR_NOT_SUPPORTED);

  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;

  if (error->domain == SOUP_SESSION_ERROR)
    return (error->code == SOUP_SESSION_ERROR_PARSING ||
            error->code == SOUP_SESSION_ERROR_ENCODING);

  if (error->domain == G_TLS_ERROR)
    return error->code == G_TLS_ERROR_EOF;

  return FALSE;
}

/* FALSE for the transport errors that come before anything was sent
 * (nothing listens, no route, no name); TRUE for the others (timeouts,
 * connections closed or reset, answers cut short): the server may have
 * received the request and done the work. */
static gboolean
may_have_been_processed (const GError *error)
{
  if (error->domain == G_RESOLVER_ERROR)
    return FALSE;

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_HOST_NOT_FOUND:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_INVALID_ARGUMENT:
        case G_IO_ERROR_NOT_SUPPORTED:
          return FALSE;
        default:
          return TRUE;
        }
    }

  return TRUE;
}

static guint
backoff_ms (SkClient *self,
            guint     n_retries_done)
{
  double delay = self->retry_base_ms;
  guint i;

  for (i = 0; i < n_retries_done && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_BACKOFF_MS);

  return (guint) (delay * g_random_double_range (0.75, 1.0));
}

/* ------------------------------------------------------------------ */
/* Public parsing helpers                                               */
/* ------------------------------------------------------------------ */

static gboolean
parse_non_negative_double (const char *text,
                           double     *out)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;

  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value) || value < 0)
    return FALSE;

  *out = value;
  return TRUE;
}

/**
 * sk_parse_retry_after_ms:
 * @retry_after_ms: (nullable): the `retry-after-ms` header (milliseconds,
 *   possibly fractional)
 * @retry_after: (nullable): the `Retry-After` header (seconds, possibly
 *   fractional, or an HTTP date)
 * @now_unix: the current time in Unix seconds, for HTTP dates
 *
 * Reads the delay a server asked for, in the order the official SDKs use:
 * `retry-after-ms`, then `Retry-After` as seconds, then as an HTTP date.
 * An unparsable or negative value is skipped; a date in the past gives 0.
 * The result is capped at one year.
 *
 * Returns: the delay in milliseconds, or -1 when no usable header was given
 */
gint64
sk_parse_retry_after_ms (const char *retry_after_ms,
                         const char *retry_after,
                         gint64      now_unix)
{
  const double max_ms = 365.0 * 24 * 3600 * 1000;
  double value;

  if (parse_non_negative_double (retry_after_ms, &value))
    return (gint64) ceil (MIN (value, max_ms));

  if (parse_non_negative_double (retry_after, &value))
    return (gint64) ceil (MIN (value * 1000.0, max_ms));

  if (retry_after != NULL)
    {
      g_autoptr (GDateTime) date = soup_date_time_new_from_http_string (retry_after);

      if (date != NULL)
        {
          double diff_ms = ((double) g_date_time_to_unix (date) - (double) now_unix) * 1000.0;

          return (gint64) CLAMP (diff_ms, 0, max_ms);
        }
    }

  return -1;
}

/**
 * sk_client_error_from_body:
 * @http_status: the HTTP status of the answer (>= 300)
 * @body: (nullable): the body of the answer
 *
 * Builds the #SkClientError of an error answer. The message is OpenAI's
 * `error.message` (only the "error" member is read), cut at 1000
 * characters; when the body has none (empty, not JSON, another shape), it
 * is a sentence naming the status, e.g. "The server answered 502 Bad
 * Gateway". The code follows the status; a 429 whose `error.code` or
 * `error.type` is `insufficient_quota` gives
 * %SK_CLIENT_ERROR_QUOTA_EXHAUSTED.
 *
 * Returns: (transfer full): a new error, never NULL
 */
GError *
sk_client_error_from_body (guint   http_status,
                           GBytes *body)
{
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *message = NULL;
  const char *openai_code = NULL;
  const char *text = NULL;

  root = sk_json_parse_bytes (body, http_status, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonObject *error = sk_json_get_object (object, "error");

      if (error != NULL)
        {
          text = sk_json_get_string (error, "message");
          openai_code = sk_json_get_string (error, "code");
          if (openai_code == NULL &&
              g_strcmp0 (sk_json_get_string (error, "type"), "insufficient_quota") == 0)
            openai_code = "insufficient_quota";
        }
      else
        {
          /* Some proxies send {"error": "text"} */
          text = sk_json_get_string (object, "error");
        }
    }

  if (text != NULL && *text != '\0')
    {
      message = limit_message (text);
    }
  else
    {
      const char *phrase = soup_status_get_phrase (http_status);

      if (phrase != NULL && *phrase != '\0')
        /* Translators: %u is an HTTP status, %s its phrase, e.g. "502 Bad Gateway" */
        message = g_strdup_printf (_("The server answered %u %s"), http_status, phrase);
      else
        /* Translators: %u is an HTTP status code */
        message = g_strdup_printf (_("The server answered with status %u"), http_status);
    }

  return sk_client_error_new (sk_client_error_from_status (http_status, openai_code),
                              http_status, openai_code, message);
}

/* ------------------------------------------------------------------ */
/* One request, with its attempts                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  SkClient     *client;
  char         *method;
  char         *path;         /* escaped, starting with '/' */
  char         *query;        /* escaped, or NULL */
  GBytes       *body;         /* JSON to send, or NULL */

  GSource      *cancel_source;
  GSource      *wait_source;
  GSource      *timeout_source;
  GSource      *stop_source;
  GCancellable *stop;         /* no new attempt once cancelled, or NULL */

  /* current attempt */
  GCancellable *attempt_cancellable;
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *buffer;
  gsize         filled;
  gboolean      timed_out;
  gint64        started_us;

  guint         attempt;      /* attempts sent so far */
  gboolean      ambiguous;    /* an attempt ended with no clear answer */
  gboolean      already_gone; /* a DELETE found 404 after an ambiguous attempt */
  gint64        retry_after_ms; /* the server's delay in its last answer, -1: none */
} RequestData;

static void send_attempt (GTask *task);
static void next_attempt (GTask *task);

static void
clear_attempt (RequestData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  data->filled = 0;
  data->timed_out = FALSE;
}

static void
clear_sources (RequestData *data)
{
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
  if (data->wait_source != NULL)
    {
      g_source_destroy (data->wait_source);
      g_clear_pointer (&data->wait_source, g_source_unref);
    }
  if (data->stop_source != NULL)
    {
      g_source_destroy (data->stop_source);
      g_clear_pointer (&data->stop_source, g_source_unref);
    }
}

static void
request_data_free (RequestData *data)
{
  clear_attempt (data);
  clear_sources (data);
  g_clear_object (&data->stop);
  g_clear_object (&data->client);
  g_free (data->method);
  g_free (data->path);
  g_free (data->query);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  RequestData *data = g_task_get_task_data (task);

  clear_attempt (data);
  clear_sources (data);
  g_task_return_error (task, error);
}

static void
request_return_cancelled (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);

  /* an attempt cut short on the wire may have been processed */
  if (data->attempt_cancellable != NULL)
    data->ambiguous = TRUE;

  request_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The operation was cancelled")));
}

static gboolean
stopped (RequestData *data)
{
  return data->stop != NULL && g_cancellable_is_cancelled (data->stop);
}

static void
request_return_stopped (GTask *task)
{
  request_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("Stopped before the request was sent again")));
}

/* "stop" was cancelled: a request waiting ends now; one on the wire ends
 * with the answer of its attempt */
static gboolean
stop_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  if (data->attempt_cancellable != NULL)
    return G_SOURCE_REMOVE;

  g_object_ref (task);
  request_return_stopped (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  if (data->attempt_cancellable != NULL)
    {
      /* the send or read callback reports the cancellation */
      g_cancellable_cancel (data->attempt_cancellable);
      return G_SOURCE_REMOVE;
    }

  /* waiting for a backoff or the rate-limit gate: end now */
  g_object_ref (task);
  request_return_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->wait_source, g_source_unref);
  next_attempt (task);

  return G_SOURCE_REMOVE;
}

static void
wait_then_retry (GTask *task,
                 guint  delay_ms)
{
  RequestData *data = g_task_get_task_data (task);

  g_assert (data->wait_source == NULL);

  data->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_static_name (data->wait_source, "[sk-client] retry wait");
  g_source_set_callback (data->wait_source, wait_done_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (data->wait_source, g_task_get_context (task));
}

/* Sends the next attempt, after the rate gate when it is closed */
static void
next_attempt (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);
  SkClient *self = data->client;
  gint64 now = g_get_monotonic_time ();

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      request_return_cancelled (task);
      return;
    }

  if (stopped (data))
    {
      request_return_stopped (task);
      return;
    }

  if (self->gate->paused_until_us > now)
    {
      gint64 wait_ms = (self->gate->paused_until_us - now + 999) / 1000;

      wait_then_retry (task, (guint) MIN (wait_ms, G_MAXUINT));
      return;
    }

  send_attempt (task);
}

static gboolean
attempt_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  RequestData *data = g_task_get_task_data (task);

  data->timed_out = TRUE;
  g_clear_pointer (&data->timeout_source, g_source_unref);
  if (data->attempt_cancellable != NULL)
    g_cancellable_cancel (data->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
log_attempt (RequestData *data,
             guint        status,
             const char  *outcome)
{
  g_debug ("%s %s -> %u%s%s (attempt %u, %" G_GINT64_FORMAT " ms)",
           data->method, data->path, status,
           outcome ? " " : "", outcome ? outcome : "",
           data->attempt,
           (g_get_monotonic_time () - data->started_us) / 1000);
}

/* A transport error (or our own cancellation) ended the attempt */
static void
attempt_failed (GTask  *task,
                GError *error)
{
  RequestData *data = g_task_get_task_data (task);
  SkClient *self = data->client;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_error_free (error);
      log_attempt (data, 0, "cancelled");
      request_return_cancelled (task);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out)
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           /* Translators: %u is a number of milliseconds */
                           _("The server did not answer within %u ms"), self->timeout_ms);
    }

  log_attempt (data, 0, error->message);

  if (may_have_been_processed (error))
    data->ambiguous = TRUE;

  if (!is_retryable_transport_error (error) || data->attempt >= self->max_attempts ||
      stopped (data))
    {
      clear_attempt (data);
      request_return_error (task, error);
      return;
    }

  g_error_free (error);
  clear_attempt (data);
  wait_then_retry (task, backoff_ms (self, data->attempt - 1));
}

static void
response_complete (GTask  *task,
                   GBytes *body)
{
  RequestData *data = g_task_get_task_data (task);
  SkClient *self = data->client;
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  guint status = soup_message_get_status (data->msg);
  g_autoptr (GError) error = NULL;
  const char *should_retry;
  gboolean retry;
  gint64 server_delay;
  guint delay;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      request_return_cancelled (task);
      return;
    }

  if (status == 404 && data->ambiguous && g_str_equal (data->method, SOUP_METHOD_DELETE))
    {
      /* An earlier attempt got no clear answer: it deleted the object. */
      log_attempt (data, status, "already gone after a retry");
      data->already_gone = TRUE;
      clear_attempt (data);
      clear_sources (data);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  log_attempt (data, status, NULL);

  if (status >= 200 && status < 300)
    {
      JsonNode *root = sk_json_parse_bytes (body, status, &error);

      clear_attempt (data);
      clear_sources (data);
      if (root == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
      return;
    }

  error = error_from_body_scrubbed (status, body, self->api_key);

  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_QUOTA_EXHAUSTED))
    retry = FALSE;
  else if ((should_retry = soup_message_headers_get_one (headers, "x-should-retry")) != NULL &&
           (g_ascii_strcasecmp (should_retry, "true") == 0 ||
            g_ascii_strcasecmp (should_retry, "false") == 0))
    retry = g_ascii_strcasecmp (should_retry, "true") == 0;
  else
    retry = (status == 408 || status == 409 || status == 429 || status >= 500);

  server_delay = sk_parse_retry_after_ms (soup_message_headers_get_one (headers, "retry-after-ms"),
                                          soup_message_headers_get_one (headers, "retry-after"),
                                          g_get_real_time () / G_USEC_PER_SEC);
  data->retry_after_ms = server_delay;

  /* a 5xx may come after the work was done (e.g. a proxy timing out) */
  if (status >= 500)
    data->ambiguous = TRUE;

  delay = server_delay > 0 ? (guint) MIN (server_delay, G_MAXUINT) : backoff_ms (self, data->attempt - 1);

  if (status == 429 && retry)
    {
      /* close the gate (shared with the clients of the same account, if
       * any) first, so that whatever a handler of "rate-limited" sends
       * waits too */
      if (server_delay <= (gint64) self->max_retry_after_ms)
        {
          gint64 until = g_get_monotonic_time () + (gint64) delay * 1000;

          self->gate->paused_until_us = MAX (self->gate->paused_until_us, until);
        }
      g_signal_emit (self, signals[RATE_LIMITED], 0,
                     (guint) CLAMP (server_delay, 0, G_MAXUINT));
    }

  if (!retry || data->attempt >= self->max_attempts || stopped (data) ||
      server_delay > (gint64) self->max_retry_after_ms)
    {
      request_return_error (task, g_steal_pointer (&error));
      return;
    }

  clear_attempt (data);
  wait_then_retry (task, delay);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      attempt_failed (task, error);
      return;
    }

  if (n == 0)
    {
      g_autoptr (GBytes) body = NULL;

      g_byte_array_set_size (data->buffer, data->filled);
      body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
      response_complete (task, body);
      return;
    }

  data->filled += n;
  if (data->filled > MAX_BODY_SIZE)
    {
      guint status = soup_message_get_status (data->msg);

      log_attempt (data, status, "body too large");
      request_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, status, NULL,
                                                       _("The server sent an answer too large to be read")));
      return;
    }

  /* Grow geometrically: a small answer costs one small buffer, a large one
   * a logarithmic number of reallocations. */
  if (data->filled == data->buffer->len)
    g_byte_array_set_size (data->buffer, MIN ((gsize) data->buffer->len * 2, MAX_BODY_SIZE + 1));

  g_input_stream_read_async (data->stream, data->buffer->data + data->filled,
                             data->buffer->len - data->filled,
                             G_PRIORITY_DEFAULT, data->attempt_cancellable,
                             read_cb, g_steal_pointer (&task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream;
  goffset length;
  gsize capacity;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      attempt_failed (task, error);
      return;
    }

  data->stream = stream;
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->msg));
  if (length > MAX_BODY_SIZE)
    {
      guint status = soup_message_get_status (data->msg);

      log_attempt (data, status, "body too large");
      request_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, status, NULL,
                                                       _("The server sent an answer too large to be read")));
      return;
    }

  /* Room for the announced body plus one byte, so the final 0-length read
   * needs no reallocation. */
  capacity = length > 0 ? (gsize) length + 1 : READ_CHUNK_SIZE;
  data->buffer = g_byte_array_sized_new (capacity);
  g_byte_array_set_size (data->buffer, capacity);
  data->filled = 0;
  g_input_stream_read_async (data->stream, data->buffer->data, capacity,
                             G_PRIORITY_DEFAULT, data->attempt_cancellable,
                             read_cb, g_steal_pointer (&task));
}

static void
send_attempt (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);
  SkClient *self = data->client;
  SoupMessageHeaders *headers;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  const char *scheme;

  url = g_strconcat (self->base_url, data->path,
                     data->query ? "?" : "", data->query ? data->query : "",
                     NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      request_return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                               /* Translators: %s is a URL */
                                               _("“%s” is not a valid http or https URL"),
                                               self->base_url));
      return;
    }

  data->msg = soup_message_new_from_uri (data->method, uri);
  soup_message_set_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->msg);
  if (self->api_key != NULL && *self->api_key != '\0')
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (self->organization != NULL && *self->organization != '\0')
    soup_message_headers_replace (headers, "OpenAI-Organization", self->organization);
  if (self->project != NULL && *self->project != '\0')
    soup_message_headers_replace (headers, "OpenAI-Project", self->project);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "User-Agent", "Storekeeper/" PACKAGE_VERSION);
  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->msg, "application/json", data->body);

  data->attempt_cancellable = g_cancellable_new ();
  data->timed_out = FALSE;
  data->started_us = g_get_monotonic_time ();
  data->attempt++;

  if (self->timeout_ms > 0)
    {
      data->timeout_source = g_timeout_source_new (self->timeout_ms);
      g_source_set_static_name (data->timeout_source, "[sk-client] attempt timeout");
      /* the source is destroyed before the task can finish */
      g_source_set_callback (data->timeout_source, attempt_timeout_cb, task, NULL);
      g_source_attach (data->timeout_source, g_task_get_context (task));
    }

  self->n_requests++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REQUESTS]);

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                           data->attempt_cancellable, sent_cb, g_object_ref (task));
}

/* Sends @method @path?@query (with @body as JSON when not NULL) with
 * retries; the result is the parsed JSON of a 2xx answer (NULL without an
 * error for a DELETE "already gone after a retry"). Takes @path and
 * @query. @stop: see "stop" at the top. */
static void
client_request_full_async (SkClient            *self,
                           const char          *method,
                           char                *path,
                           char                *query,
                           GBytes              *body,
                           GCancellable        *cancellable,
                           GCancellable        *stop,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, client_request_full_async);

  data = g_new0 (RequestData, 1);
  data->client = g_object_ref (self);
  data->method = g_strdup (method);
  data->path = path;
  data->query = query;
  data->body = body ? g_bytes_ref (body) : NULL;
  data->stop = stop ? g_object_ref (stop) : NULL;
  data->retry_after_ms = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (stop != NULL)
    {
      data->stop_source = g_cancellable_source_new (stop);
      g_source_set_static_name (data->stop_source, "[sk-client] stop");
      /* the source is destroyed before the task can finish */
      g_source_set_callback (data->stop_source, G_SOURCE_FUNC (stop_cb), task, NULL);
      g_source_attach (data->stop_source, g_task_get_context (task));
    }

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (data->cancel_source, "[sk-client] cancel");
      /* the source is destroyed before the task can finish */
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (caller_cancelled_cb), task, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }

  next_attempt (task);
}

static void
client_request_async (SkClient            *self,
                      const char          *method,
                      char                *path,
                      char                *query,
                      GBytes              *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  client_request_full_async (self, method, path, query, body, cancellable, NULL,
                             callback, user_data);
}

static JsonNode *
client_request_finish (SkClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
sk_client_constructed (GObject *object)
{
  SkClient *self = (SkClient *)object;

  G_OBJECT_CLASS (sk_client_parent_class)->constructed (object);

  if (self->base_url == NULL || *self->base_url == '\0')
    {
      const char *env = g_getenv ("OPENAI_BASE_URL");

      g_free (self->base_url);
      self->base_url = g_strdup (env != NULL && *env != '\0' ? env : SK_DEFAULT_BASE_URL);
    }

  /* paths start with '/' */
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  if (self->gate == NULL)
    self->gate = sk_rate_gate_new ();

  if (self->session == NULL)
    /* room for the bulk engine's largest max-in-flight (64) */
    self->session = soup_session_new_with_options ("max-conns", 128,
                                                   "max-conns-per-host", 64,
                                                   "timeout", 0,
                                                   NULL);
}

static void
sk_client_finalize (GObject *object)
{
  SkClient *self = (SkClient *)object;

  g_free (self->base_url);
  if (self->api_key != NULL)
    {
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  g_free (self->organization);
  g_free (self->project);
  g_clear_object (&self->session);
  g_clear_pointer (&self->gate, sk_rate_gate_unref);

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
      g_value_set_string (value, self->base_url);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->retry_base_ms);
      break;
    case PROP_MAX_RETRY_AFTER_MS:
      g_value_set_uint (value, self->max_retry_after_ms);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->timeout_ms);
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
      g_value_set_boxed (value, self->gate);
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

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
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
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_RATE_GATE:
      g_assert (self->gate == NULL);
      self->gate = g_value_dup_boxed (value);
      break;
    case PROP_MAX_ATTEMPTS:
      sk_object_set_uint (object, &self->max_attempts, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_BASE_MS:
      sk_object_set_uint (object, &self->retry_base_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_RETRY_AFTER_MS:
      sk_object_set_uint (object, &self->max_retry_after_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_TIMEOUT_MS:
      sk_object_set_uint (object, &self->timeout_ms, g_value_get_uint (value), pspec);
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

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX_ATTEMPTS] = uint_pspec ("max-attempts", 1, 20, 4);
  properties[PROP_RETRY_BASE_MS] = uint_pspec ("retry-base-ms", 0, G_MAXUINT, 500);
  properties[PROP_MAX_RETRY_AFTER_MS] = uint_pspec ("max-retry-after-ms", 0, G_MAXUINT, 120000);
  properties[PROP_TIMEOUT_MS] = uint_pspec ("timeout-ms", 0, G_MAXUINT, 60000);
  properties[PROP_FILES_PAGE_SIZE] = uint_pspec ("files-page-size", 1, 10000, 10000);
  properties[PROP_PAGE_SIZE] = uint_pspec ("page-size", 1, 100, 100);
  properties[PROP_N_REQUESTS] =
    g_param_spec_uint ("n-requests", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* NULL (the default): a gate of the client's own, made in constructed() */
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
  self->max_attempts = 4;
  self->retry_base_ms = 500;
  self->max_retry_after_ms = 120000;
  self->timeout_ms = 60000;
  self->files_page_size = 10000;
  self->page_size = 100;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */
/* ------------------------------------------------------------------ */

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
  return self->base_url;
}

void
sk_client_set_api_key (SkClient   *self,
                       const char *api_key)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  if (g_strcmp0 (self->api_key, api_key) == 0)
    return;

  if (self->api_key != NULL)
    {
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  self->api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

gboolean
sk_client_has_api_key (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), FALSE);
  return self->api_key != NULL && *self->api_key != '\0';
}

const char *
sk_client_get_organization (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);
  return self->organization;
}

void
sk_client_set_organization (SkClient   *self,
                            const char *organization)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  sk_object_set_string (G_OBJECT (self), &self->organization, organization,
                        properties[PROP_ORGANIZATION]);
}

const char *
sk_client_get_project (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);
  return self->project;
}

void
sk_client_set_project (SkClient   *self,
                       const char *project)
{
  g_return_if_fail (SK_IS_CLIENT (self));

  sk_object_set_string (G_OBJECT (self), &self->project, project,
                        properties[PROP_PROJECT]);
}

SoupSession *
sk_client_get_session (SkClient *self)
{
  g_return_val_if_fail (SK_IS_CLIENT (self), NULL);
  return self->session;
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
  return self->gate;
}

/* ------------------------------------------------------------------ */
/* Rate gate                                                            */
/* ------------------------------------------------------------------ */

/**
 * sk_rate_gate_new:
 *
 * Returns: (transfer full): an open gate, to give as "rate-gate" to the
 *   clients that must slow down together
 */
SkRateGate *
sk_rate_gate_new (void)
{
  return g_atomic_rc_box_new0 (SkRateGate);
}

SkRateGate *
sk_rate_gate_ref (SkRateGate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
sk_rate_gate_unref (SkRateGate *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release (self);
}

gint64
sk_rate_gate_get_paused_until_us (SkRateGate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->paused_until_us;
}

/* ------------------------------------------------------------------ */
/* Lists                                                                */
/* ------------------------------------------------------------------ */

typedef enum
{
  LIST_FILES,
  LIST_VECTOR_STORES,
  LIST_VECTOR_STORE_FILES,
} ListKind;

typedef struct
{
  ListKind        kind;
  char           *path;
  SkOrder         order;
  char           *before;
  char           *purpose;
  char           *filter;
  guint           max_items;
  guint           page_size;

  SkPageFunc      page_func;
  gpointer        page_data;
  GDestroyNotify  page_data_destroy;

  GPtrArray      *items;
  GHashTable     *cursors_sent;
  char           *cursor;
  guint           n_pages;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->page_data_destroy != NULL)
    data->page_data_destroy (data->page_data);
  g_free (data->path);
  g_free (data->before);
  g_free (data->purpose);
  g_free (data->filter);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->cursors_sent, g_hash_table_unref);
  g_free (data->cursor);
  g_free (data);
}

static void list_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
list_fetch_page (GTask *task)
{
  SkClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  g_autofree char *limit = NULL;
  guint n = data->page_size;

  if (data->max_items > 0)
    n = MIN (n, data->max_items - data->items->len);

  limit = g_strdup_printf ("%u", MAX (n, 1));
  append_query (query, "limit", limit);
  append_query (query, "order", sk_order_to_string (data->order));
  append_query (query, "after", data->cursor);
  if (data->kind != LIST_FILES)
    append_query (query, "before", data->before);
  if (data->kind == LIST_FILES)
    append_query (query, "purpose", data->purpose);
  if (data->kind == LIST_VECTOR_STORE_FILES)
    append_query (query, "filter", data->filter);

  if (data->cursor != NULL)
    g_hash_table_add (data->cursors_sent, g_strdup (data->cursor));

  client_request_async (self, SOUP_METHOD_GET, g_strdup (data->path),
                        g_string_free (g_steal_pointer (&query), FALSE), NULL,
                        g_task_get_cancellable (task), list_page_cb, g_object_ref (task));
}

static gpointer
parse_item (ListKind   kind,
            JsonNode  *node,
            GError   **error)
{
  switch (kind)
    {
    case LIST_FILES:
      return sk_file_new_from_json (node, error);
    case LIST_VECTOR_STORES:
      return sk_vector_store_new_from_json (node, error);
    case LIST_VECTOR_STORE_FILES:
      return sk_vector_store_file_new_from_json (node, error);
    default:
      g_assert_not_reached ();
    }
}

static const char *
item_id (ListKind kind,
         gpointer item)
{
  switch (kind)
    {
    case LIST_FILES:
      return sk_file_get_id (item);
    case LIST_VECTOR_STORES:
      return sk_vector_store_get_id (item);
    case LIST_VECTOR_STORE_FILES:
      return sk_vector_store_file_get_id (item);
    default:
      g_assert_not_reached ();
    }
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SkClient *self = SK_CLIENT (object);
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) page = NULL;
  JsonObject *object_root;
  JsonArray *array;
  gboolean has_more;
  guint n, i;

  root = client_request_finish (self, result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object_root = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  array = sk_json_get_array (object_root, "data");
  if (array == NULL)
    {
      g_task_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                                      _("The server sent a list without its “data” array")));
      return;
    }

  n = json_array_get_length (array);
  if (data->max_items > 0)
    n = MIN (n, data->max_items - data->items->len);

  page = g_ptr_array_new_full (n, g_object_unref);
  for (i = 0; i < n; i++)
    {
      gpointer item = parse_item (data->kind, json_array_get_element (array, i), &error);

      if (item == NULL)
        {
          g_task_return_error (task, invalid_response (g_steal_pointer (&error), 200));
          return;
        }
      g_ptr_array_add (page, item);
    }

  for (i = 0; i < page->len; i++)
    g_ptr_array_add (data->items, g_object_ref (page->pdata[i]));
  data->n_pages++;

  if (data->page_func != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->page_func (page, data->page_data);

  if (g_task_return_error_if_cancelled (task))
    return;

  has_more = sk_json_get_bool (object_root, "has_more", FALSE);
  if (!has_more || page->len == 0 ||
      (data->max_items > 0 && data->items->len >= data->max_items))
    {
      g_debug ("list %s: %u items in %u pages", data->path, data->items->len, data->n_pages);
      g_task_return_pointer (task, g_ptr_array_ref (data->items),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  g_free (data->cursor);
  data->cursor = g_strdup (item_id (data->kind, page->pdata[page->len - 1]));
  if (g_hash_table_contains (data->cursors_sent, data->cursor))
    {
      g_task_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                                      _("The server returned the same page twice")));
      return;
    }

  list_fetch_page (task);
}

static void
list_start (SkClient            *self,
            ListKind             kind,
            char                *path,
            const SkListOptions *options,
            SkPageFunc           page_func,
            gpointer             page_data,
            GDestroyNotify       page_data_destroy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (ListData, 1);
  data->kind = kind;
  data->path = path;
  data->page_func = page_func;
  data->page_data = page_data;
  data->page_data_destroy = page_data_destroy;
  data->page_size = kind == LIST_FILES ? self->files_page_size : self->page_size;
  data->items = g_ptr_array_new_with_free_func (g_object_unref);
  data->cursors_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (options != NULL)
    {
      data->order = options->order;
      data->cursor = g_strdup (options->after);
      data->before = g_strdup (options->before);
      data->purpose = g_strdup (options->purpose);
      data->filter = g_strdup (options->filter);
      data->max_items = options->max_items;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  list_fetch_page (task);
}

/* The _finish of every call that returns a pointer (a list or an object). */
static gpointer
pointer_finish (SkClient      *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sk_client_list_files_async:
 * @options: (nullable): purpose, order, after and max_items are used;
 *   before and filter are ignored
 *
 * Lists files, every page with files-page-size items, calling @page_func
 * per page as it arrives.
 */
void
sk_client_list_files_async (SkClient            *self,
                            const SkListOptions *options,
                            SkPageFunc           page_func,
                            gpointer             page_data,
                            GDestroyNotify       page_data_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_FILES, g_strdup ("/files"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_files_async);
}

/**
 * sk_client_list_files_finish:
 *
 * Returns: (transfer container) (element-type SkFile): the files in
 *   server order, or NULL with @error set
 */
GPtrArray *
sk_client_list_files_finish (SkClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return pointer_finish (self, result, sk_client_list_files_async, error);
}

void
sk_client_list_vector_stores_async (SkClient            *self,
                                    const SkListOptions *options,
                                    SkPageFunc           page_func,
                                    gpointer             page_data,
                                    GDestroyNotify       page_data_destroy,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_VECTOR_STORES, g_strdup ("/vector_stores"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_vector_stores_async);
}

/**
 * sk_client_list_vector_stores_finish:
 *
 * Returns: (transfer container) (element-type SkVectorStore): the stores
 */
GPtrArray *
sk_client_list_vector_stores_finish (SkClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pointer_finish (self, result, sk_client_list_vector_stores_async, error);
}

void
sk_client_list_vector_store_files_async (SkClient            *self,
                                         const char          *vector_store_id,
                                         const SkListOptions *options,
                                         SkPageFunc           page_func,
                                         gpointer             page_data,
                                         GDestroyNotify       page_data_destroy,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *vs = NULL;

  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!is_valid_id (vector_store_id))
    {
      if (page_data_destroy != NULL)
        page_data_destroy (page_data);
      g_task_report_error (self, callback, user_data, sk_client_list_vector_store_files_async,
                           invalid_id_error (vector_store_id));
      return;
    }

  vs = escape_segment (vector_store_id);
  list_start (self, LIST_VECTOR_STORE_FILES,
              g_strconcat ("/vector_stores/", vs, "/files", NULL), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_vector_store_files_async);
}

/**
 * sk_client_list_vector_store_files_finish:
 *
 * Returns: (transfer container) (element-type SkVectorStoreFile): the entries
 */
GPtrArray *
sk_client_list_vector_store_files_finish (SkClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return pointer_finish (self, result, sk_client_list_vector_store_files_async, error);
}

/* ------------------------------------------------------------------ */
/* Single objects                                                       */
/* ------------------------------------------------------------------ */

typedef enum
{
  OBJECT_FILE,
  OBJECT_VECTOR_STORE,
  OBJECT_VECTOR_STORE_FILE,
  OBJECT_DELETION,
} ObjectKind;

static gboolean
check_id (GTask      *task,
          const char *id)
{
  if (is_valid_id (id))
    return TRUE;

  g_task_return_error (task, invalid_id_error (id));
  return FALSE;
}

static void
object_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SkClient *self = SK_CLIENT (object);
  g_autoptr (GTask) task = user_data;
  ObjectKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "sk-object-kind"));
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gpointer item = NULL;
  RequestData *data = g_task_get_task_data (G_TASK (result));

  /* what the attempts tell, for sk_client_delete_result_*() */
  if (data != NULL)
    {
      if (data->ambiguous)
        g_object_set_data (G_OBJECT (task), "sk-maybe-processed", GINT_TO_POINTER (TRUE));
      if (data->already_gone)
        g_object_set_data (G_OBJECT (task), "sk-already-gone", GINT_TO_POINTER (TRUE));
      g_object_set_data_full (G_OBJECT (task), "sk-retry-after-ms",
                              g_memdup2 (&data->retry_after_ms, sizeof data->retry_after_ms),
                              g_free);
    }

  root = client_request_finish (self, result, &error);
  if (root == NULL && error == NULL && kind == OBJECT_DELETION && data != NULL && data->already_gone)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (root == NULL)
    {
      if (error == NULL)
        error = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 404, NULL,
                                     _("The server sent an unexpected answer"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (kind)
    {
    case OBJECT_FILE:
      item = sk_file_new_from_json (root, &error);
      break;
    case OBJECT_VECTOR_STORE:
      item = sk_vector_store_new_from_json (root, &error);
      break;
    case OBJECT_VECTOR_STORE_FILE:
      item = sk_vector_store_file_new_from_json (root, &error);
      break;
    case OBJECT_DELETION:
      g_task_set_task_data (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
      if (JSON_NODE_HOLDS_OBJECT (root) &&
          sk_json_get_bool (json_node_get_object (root), "deleted", FALSE))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                                        _("The server did not confirm the deletion")));
      return;
    default:
      g_assert_not_reached ();
    }

  if (item == NULL)
    g_task_return_error (task, invalid_response (g_steal_pointer (&error), 200));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

static void
object_start (SkClient            *self,
              ObjectKind           kind,
              const char          *method,
              const char          *id1,
              const char          *id2,
              GBytes              *body,
              GCancellable        *cancellable,
              GCancellable        *stop,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *seg1 = NULL;
  g_autofree char *seg2 = NULL;
  char *path;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_object_set_data (G_OBJECT (task), "sk-object-kind", GINT_TO_POINTER (kind));

  if (!check_id (task, id1) || (id2 != NULL && !check_id (task, id2)))
    return;

  seg1 = escape_segment (id1);
  seg2 = id2 ? escape_segment (id2) : NULL;

  if (source_tag == sk_client_retrieve_file_async || source_tag == sk_client_delete_file_async)
    path = g_strconcat ("/files/", seg1, NULL);
  else if (source_tag == sk_client_attach_file_async)
    path = g_strconcat ("/vector_stores/", seg1, "/files", NULL);
  else if (seg2 != NULL)
    path = g_strconcat ("/vector_stores/", seg1, "/files/", seg2, NULL);
  else
    path = g_strconcat ("/vector_stores/", seg1, NULL);

  client_request_full_async (self, method, path, NULL, body, cancellable, stop,
                             object_cb, g_steal_pointer (&task));
}

static gboolean
deletion_finish (SkClient      *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The three deletions: @vector_store_id is only used for
 * %SK_BULK_DETACH_FILES; @stop may be NULL. */
static void
deletion_start (SkClient            *self,
                SkBulkKind           kind,
                const char          *vector_store_id,
                const char          *id,
                GCancellable        *cancellable,
                GCancellable        *stop,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, id, NULL, NULL,
                    cancellable, stop, callback, user_data, sk_client_delete_file_async);
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, id, NULL, NULL,
                    cancellable, stop, callback, user_data, sk_client_delete_vector_store_async);
      break;
    case SK_BULK_DETACH_FILES:
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, vector_store_id, id, NULL,
                    cancellable, stop, callback, user_data, sk_client_detach_file_async);
      break;
    default:
      g_return_if_reached ();
    }
}

static gboolean
is_deletion_result (GAsyncResult *result)
{
  gpointer tag;

  if (!G_IS_TASK (result))
    return FALSE;

  tag = g_task_get_source_tag (G_TASK (result));
  return (tag == sk_client_delete_file_async ||
          tag == sk_client_delete_vector_store_async ||
          tag == sk_client_detach_file_async);
}

void
sk_client_retrieve_file_async (SkClient            *self,
                               const char          *file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  object_start (self, OBJECT_FILE, SOUP_METHOD_GET, file_id, NULL, NULL,
                cancellable, NULL, callback, user_data, sk_client_retrieve_file_async);
}

/**
 * sk_client_retrieve_file_finish:
 *
 * Returns: (transfer full): the file, or NULL with @error set
 */
SkFile *
sk_client_retrieve_file_finish (SkClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return pointer_finish (self, result, sk_client_retrieve_file_async, error);
}

void
sk_client_retrieve_vector_store_async (SkClient            *self,
                                       const char          *vector_store_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  object_start (self, OBJECT_VECTOR_STORE, SOUP_METHOD_GET, vector_store_id, NULL, NULL,
                cancellable, NULL, callback, user_data, sk_client_retrieve_vector_store_async);
}

/**
 * sk_client_retrieve_vector_store_finish:
 *
 * Returns: (transfer full): the store, or NULL with @error set
 */
SkVectorStore *
sk_client_retrieve_vector_store_finish (SkClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return pointer_finish (self, result, sk_client_retrieve_vector_store_async, error);
}

void
sk_client_delete_file_async (SkClient            *self,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DELETE_FILES, NULL, file_id,
                  cancellable, NULL, callback, user_data);
}

/**
 * sk_client_delete_file_finish:
 *
 * Returns: TRUE when the server answered `"deleted": true`; otherwise FALSE
 *   with @error set (a 200 without that confirmation gives
 *   %SK_CLIENT_ERROR_INVALID_RESPONSE with status 200)
 */
gboolean
sk_client_delete_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return deletion_finish (self, result, sk_client_delete_file_async, error);
}

void
sk_client_delete_vector_store_async (SkClient            *self,
                                     const char          *vector_store_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DELETE_VECTOR_STORES, NULL, vector_store_id,
                  cancellable, NULL, callback, user_data);
}

gboolean
sk_client_delete_vector_store_finish (SkClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return deletion_finish (self, result, sk_client_delete_vector_store_async, error);
}

void
sk_client_detach_file_async (SkClient            *self,
                             const char          *vector_store_id,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DETACH_FILES, vector_store_id, file_id,
                  cancellable, NULL, callback, user_data);
}

gboolean
sk_client_detach_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return deletion_finish (self, result, sk_client_detach_file_async, error);
}

void
sk_client_attach_file_async (SkClient            *self,
                             const char          *vector_store_id,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GBytes) body = NULL;
  char *json;
  gsize len;

  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file_id");
  json_builder_add_string_value (builder, file_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  body = g_bytes_new_take (json, len);

  object_start (self, OBJECT_VECTOR_STORE_FILE, SOUP_METHOD_POST, vector_store_id, NULL, body,
                cancellable, NULL, callback, user_data, sk_client_attach_file_async);
}

/**
 * sk_client_attach_file_finish:
 *
 * Returns: (transfer full): the new entry of the store, or NULL with @error
 */
SkVectorStoreFile *
sk_client_attach_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return pointer_finish (self, result, sk_client_attach_file_async, error);
}

/**
 * sk_client_delete_result_get_json:
 * @result: the result given to the callback of sk_client_delete_file_async(),
 *   sk_client_delete_vector_store_async() or sk_client_detach_file_async()
 *
 * Returns: (transfer full) (nullable): the parsed 2xx body (the deletion
 *   object), or NULL when no 2xx answer came
 */
JsonNode *
sk_client_delete_result_get_json (GAsyncResult *result)
{
  JsonNode *node;

  g_return_val_if_fail (is_deletion_result (result), NULL);

  node = g_task_get_task_data (G_TASK (result));
  return node ? json_node_ref (node) : NULL;
}

/**
 * sk_client_delete_with_stop_async:
 * @kind: which deletion: the file, the store, or the file from the store
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 * @id: the file or store to delete
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 * @stop: (nullable): once cancelled, no new attempt starts
 *
 * sk_client_delete_file_async(), sk_client_delete_vector_store_async() or
 * sk_client_detach_file_async() with a second cancellable. Finish with the
 * _finish function of @kind.
 */
void
sk_client_delete_with_stop_async (SkClient            *self,
                                  SkBulkKind           kind,
                                  const char          *vector_store_id,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GCancellable        *stop,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (kind != SK_BULK_DETACH_FILES || vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!stop || G_IS_CANCELLABLE (stop));

  deletion_start (self, kind, vector_store_id, id, cancellable, stop, callback, user_data);
}

/**
 * sk_client_delete_result_already_gone:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: %TRUE when the deletion succeeded because a retry found the
 *   object already gone (404) after an earlier attempt that got no clear
 *   answer: that attempt deleted it
 */
gboolean
sk_client_delete_result_already_gone (GAsyncResult *result)
{
  g_return_val_if_fail (is_deletion_result (result), FALSE);

  return g_object_get_data (G_OBJECT (result), "sk-already-gone") != NULL;
}

/**
 * sk_client_delete_result_maybe_processed:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: %TRUE when an attempt ended with no clear answer (a timeout, a
 *   connection lost once the request may have been sent, a 5xx, a
 *   cancellation on the wire): the server may have done the deletion even
 *   though the call failed
 */
gboolean
sk_client_delete_result_maybe_processed (GAsyncResult *result)
{
  g_return_val_if_fail (is_deletion_result (result), FALSE);

  return g_object_get_data (G_OBJECT (result), "sk-maybe-processed") != NULL;
}

/**
 * sk_client_delete_result_get_retry_after_ms:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: the delay the server asked for in its last answer
 *   (`retry-after-ms` or `Retry-After`), in milliseconds; -1 when none
 */
gint64
sk_client_delete_result_get_retry_after_ms (GAsyncResult *result)
{
  gint64 *delay;

  g_return_val_if_fail (is_deletion_result (result), -1);

  delay = g_object_get_data (G_OBJECT (result), "sk-retry-after-ms");
  return delay != NULL ? *delay : -1;
}
