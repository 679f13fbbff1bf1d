/* sk-request.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-request.h"

#include "sk-attempt.h"
#include "sk-error.h"
#include "sk-json.h"

#include <glib/gi18n-lib.h>

/* One request, made of up to max_attempts attempts (sk-attempt.c), with
 * the waits between them: the rate gate, closed after a 429 (and, while a
 * bulk job paces, a token of its pace before every attempt), and the
 * retry delay that sk-retry-policy.c decides.
 *
 * The caller's cancellable is watched through a GCancellableSource: it
 * cancels an attempt on the wire (whose answer then reports it) or ends a
 * wait at once. A second cancellable, "stop", only keeps new attempts from
 * starting: a request waiting ends at once with G_IO_ERROR_CANCELLED, an
 * attempt on the wire goes on and its answer is final. */

typedef struct
{
  SkRequestContext *context;      /* the owner's, kept alive by the task */
  char             *method;
  char             *path;         /* escaped, starting with '/' */
  char             *query;        /* escaped, or NULL */
  GBytes           *body;         /* JSON to send, or NULL */

  GSource          *cancel_source;
  GSource          *wait_source;
  GSource          *stop_source;
  GCancellable     *stop;         /* no new attempt once cancelled, or NULL */

  /* the attempt on the wire, if any */
  GCancellable     *attempt_cancellable;
  SoupMessage      *msg;
  gint64            started_us;

  guint             attempt;      /* attempts sent so far */
  SkRequestOutcome  outcome;
  gboolean          raw;          /* the 2xx body is returned unparsed */
} RequestData;

static void next_attempt (GTask *task);

static void
clear_attempt (RequestData *data)
{
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->msg);
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
clear_sources (RequestData *data)
{
  destroy_source (&data->cancel_source);
  destroy_source (&data->wait_source);
  destroy_source (&data->stop_source);
}

static void
request_data_free (RequestData *data)
{
  clear_attempt (data);
  clear_sources (data);
  g_clear_object (&data->stop);
  g_free (data->method);
  g_free (data->path);
  g_free (data->query);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data);
}

static double
random_jitter (void)
{
  return g_random_double_range (SK_RETRY_JITTER_MIN, 1.0);
}

static gboolean
stopped (RequestData *data)
{
  return data->stop != NULL && g_cancellable_is_cancelled (data->stop);
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

static void
return_error (GTask  *task,
              GError *error)
{
  RequestData *data = g_task_get_task_data (task);

  clear_attempt (data);
  clear_sources (data);
  g_task_return_error (task, error);
}

static void
return_cancelled (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);

  /* an attempt cut short on the wire may have been processed */
  if (data->attempt_cancellable != NULL)
    data->outcome.ambiguous = TRUE;

  return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The operation was cancelled")));
}

static void
return_stopped (GTask *task)
{
  return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("Stopped before the request was sent again")));
}

static void
return_json (GTask    *task,
             JsonNode *root)
{
  RequestData *data = g_task_get_task_data (task);

  clear_attempt (data);
  clear_sources (data);
  g_task_return_pointer (task, root, root ? (GDestroyNotify) json_node_unref : NULL);
}

static void
return_bytes (GTask  *task,
              GBytes *body)
{
  RequestData *data = g_task_get_task_data (task);

  clear_attempt (data);
  clear_sources (data);
  g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
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

  clear_attempt (data);
  data->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_static_name (data->wait_source, "[sk-request] retry wait");
  g_source_set_callback (data->wait_source, wait_done_cb,
                         g_object_ref (task), g_object_unref);
  g_source_attach (data->wait_source, g_task_get_context (task));
}

/* A transport error, a timeout, our own cancellation or a body too large
 * ended the attempt */
static void
attempt_failed (GTask  *task,
                GError *error)
{
  RequestData *data = g_task_get_task_data (task);
  SkRetryDecision decision;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_error_free (error);
      log_attempt (data, 0, "cancelled");
      return_cancelled (task);
      return;
    }

  if (error->domain == SK_CLIENT_ERROR)
    {
      log_attempt (data, soup_message_get_status (data->msg), error->message);
      return_error (task, error);
      return;
    }

  log_attempt (data, 0, error->message);

  decision = sk_retry_policy_decide_error (&data->context->policy, error, data->attempt,
                                           random_jitter ());
  data->outcome.ambiguous |= decision.ambiguous;

  if (decision.action != SK_RETRY_ACTION_RETRY || stopped (data))
    {
      return_error (task, error);
      return;
    }

  g_error_free (error);
  wait_then_retry (task, decision.delay_ms);
}

static void
answer_received (GTask  *task,
                 GBytes *body)
{
  RequestData *data = g_task_get_task_data (task);
  SkRequestContext *context = data->context;
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  g_autoptr (GError) error = NULL;
  SkRetryAnswer answer = { 0, };
  SkRetryDecision decision;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      return_cancelled (task);
      return;
    }

  answer.method = data->method;
  answer.status = soup_message_get_status (data->msg);
  answer.attempt = data->attempt;
  answer.ambiguous = data->outcome.ambiguous;
  if (!SOUP_STATUS_IS_SUCCESSFUL (answer.status))
    {
      error = sk_attempt_error_from_answer (answer.status, body, context->api_key);
      answer.quota_exhausted = g_error_matches (error, SK_CLIENT_ERROR,
                                                SK_CLIENT_ERROR_QUOTA_EXHAUSTED);
      answer.should_retry = soup_message_headers_get_one (headers, "x-should-retry");
      answer.server_delay_ms =
        sk_parse_retry_after_ms (soup_message_headers_get_one (headers, "retry-after-ms"),
                                 soup_message_headers_get_one (headers, "retry-after"),
                                 g_get_real_time () / G_USEC_PER_SEC);
    }

  decision = sk_retry_policy_decide_answer (&context->policy, &answer, random_jitter ());

  if (decision.action == SK_RETRY_ACTION_ALREADY_GONE)
    {
      /* an earlier attempt got no clear answer: it deleted the object */
      log_attempt (data, answer.status, "already gone after a retry");
      data->outcome.already_gone = TRUE;
      return_json (task, NULL);
      return;
    }

  log_attempt (data, answer.status, NULL);

  if (decision.action == SK_RETRY_ACTION_SUCCEED && data->raw)
    {
      return_bytes (task, body);
      return;
    }

  if (decision.action == SK_RETRY_ACTION_SUCCEED)
    {
      JsonNode *root = sk_json_parse_bytes (body, answer.status, &error);

      if (root == NULL)
        return_error (task, g_steal_pointer (&error));
      else
        return_json (task, root);
      return;
    }

  data->outcome.retry_after_ms = answer.server_delay_ms;
  data->outcome.ambiguous |= decision.ambiguous;

  /* the gate (shared with the clients of the same account, if any) closes
   * first, so that whatever the owner sends when told waits too */
  if (decision.pause_gate)
    sk_rate_gate_pause_until (context->gate,
                              g_get_monotonic_time () + (gint64) decision.delay_ms * 1000);
  if (decision.rate_limited && context->rate_limited != NULL)
    context->rate_limited (g_task_get_source_object (task), decision.rate_limited_delay_ms);

  if (decision.action != SK_RETRY_ACTION_RETRY || stopped (data))
    {
      return_error (task, g_steal_pointer (&error));
      return;
    }

  wait_then_retry (task, decision.delay_ms);
}

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GBytes) body = NULL;
  GError *error = NULL;

  body = sk_attempt_send_finish (result, &error);
  if (body == NULL)
    attempt_failed (task, error);
  else
    answer_received (task, body);
}

static void
send_attempt (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);
  SkRequestContext *context = data->context;

  if (context->base_uri == NULL)
    {
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                       /* Translators: %s is a URL */
                                       _("“%s” is not a valid http or https URL"),
                                       context->base_url));
      return;
    }

  data->msg = sk_attempt_new_message (context->base_uri, data->method, data->path, data->query,
                                      data->body, context->api_key, context->api_key_header,
                                      context->organization, context->project);
  data->attempt_cancellable = g_cancellable_new ();
  data->started_us = g_get_monotonic_time ();
  data->attempt++;

  if (context->attempt_sent != NULL)
    context->attempt_sent (g_task_get_source_object (task));

  sk_attempt_send_async (context->session, data->msg, context->timeout_ms,
                         data->attempt_cancellable, attempt_cb, g_object_ref (task));
}

/* Sends the next attempt, after the rate gate when it is closed, and at
 * the gate's pace when it has one */
static void
next_attempt (GTask *task)
{
  RequestData *data = g_task_get_task_data (task);
  gint64 now_us, pace_wait_us = 0;
  guint wait_ms;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      return_cancelled (task);
      return;
    }

  if (stopped (data))
    {
      return_stopped (task);
      return;
    }

  now_us = g_get_monotonic_time ();
  wait_ms = sk_rate_gate_get_wait_ms (data->context->gate, now_us);
  if (wait_ms > 0)
    {
      wait_then_retry (task, wait_ms);
      return;
    }

  /* while a bulk job paces, every attempt (a retry too) waits its turn */
  if (!sk_rate_gate_take_pace (data->context->gate, now_us, &pace_wait_us))
    {
      wait_then_retry (task, (guint) MAX ((pace_wait_us + 999) / 1000, 1));
      return;
    }

  send_attempt (task);
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
  return_stopped (task);
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
      /* the attempt's callback reports the cancellation */
      g_cancellable_cancel (data->attempt_cancellable);
      return G_SOURCE_REMOVE;
    }

  /* waiting for a backoff or the rate gate: end now */
  g_object_ref (task);
  return_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static GSource *
watch_cancellable (GTask        *task,
                   GCancellable *cancellable,
                   const char   *name,
                   GSourceFunc   func)
{
  GSource *source = g_cancellable_source_new (cancellable);

  g_source_set_static_name (source, name);
  /* the source is destroyed before the task can finish */
  g_source_set_callback (source, func, task, NULL);
  g_source_attach (source, g_task_get_context (task));

  return source;
}

static void
request_start (GObject             *owner,
               SkRequestContext    *context,
               const char          *method,
               const char          *path,
               const char          *query,
               GBytes              *body,
               gboolean             raw,
               GCancellable        *cancellable,
               GCancellable        *stop,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  RequestData *data;

  task = g_task_new (owner, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (RequestData, 1);
  data->context = context;
  data->method = g_strdup (method);
  data->path = g_strdup (path);
  data->query = g_strdup (query);
  data->body = body ? g_bytes_ref (body) : NULL;
  data->stop = stop ? g_object_ref (stop) : NULL;
  data->raw = raw;
  data->outcome.retry_after_ms = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (stop != NULL)
    data->stop_source = watch_cancellable (task, stop, "[sk-request] stop",
                                           G_SOURCE_FUNC (stop_cb));
  if (cancellable != NULL)
    data->cancel_source = watch_cancellable (task, cancellable, "[sk-request] cancel",
                                             G_SOURCE_FUNC (caller_cancelled_cb));

  next_attempt (task);
}

/**
 * sk_request_send_async:
 * @owner: the object the request is made for, the task's source object
 * @context: the owner's settings, see #SkRequestContext
 * @method: the HTTP method
 * @path: the escaped path, starting with '/', appended to the base URL
 * @query: (nullable): the escaped query
 * @body: (nullable): JSON to send
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 * @stop: (nullable): once cancelled, no new attempt starts
 *
 * Sends @method @path?@query with retries.
 */
void
sk_request_send_async (GObject             *owner,
                       SkRequestContext    *context,
                       const char          *method,
                       const char          *path,
                       const char          *query,
                       GBytes              *body,
                       GCancellable        *cancellable,
                       GCancellable        *stop,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (context != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  request_start (owner, context, method, path, query, body, FALSE, cancellable, stop,
                 callback, user_data, sk_request_send_async);
}

/**
 * sk_request_get_bytes_async:
 * @owner: the object the request is made for, the task's source object
 * @context: the owner's settings, see #SkRequestContext
 * @path: the escaped path, starting with '/', appended to the base URL
 * @query: (nullable): the escaped query
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 *
 * Sends GET @path?@query with retries, like sk_request_send_async(), but
 * leaves the body of the 2xx answer unparsed, so that the caller can
 * parse it where it likes (in a worker thread).
 */
void
sk_request_get_bytes_async (GObject             *owner,
                            SkRequestContext    *context,
                            const char          *path,
                            const char          *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (context != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  request_start (owner, context, SOUP_METHOD_GET, path, query, NULL, TRUE, cancellable, NULL,
                 callback, user_data, sk_request_get_bytes_async);
}

/**
 * sk_request_get_bytes_finish:
 *
 * Returns: (transfer full) (nullable): the body of the 2xx answer, or
 *   %NULL with @error set
 */
GBytes *
sk_request_get_bytes_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sk_request_get_bytes_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sk_request_send_finish:
 * @outcome: (out) (optional): what the attempts tell, also on failure
 *
 * Returns: (transfer full) (nullable): the parsed JSON of the 2xx answer;
 *   %NULL with @error set on failure, %NULL without an error for a DELETE
 *   already gone after a retry
 */
JsonNode *
sk_request_send_finish (GAsyncResult      *result,
                        SkRequestOutcome  *outcome,
                        GError           **error)
{
  RequestData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sk_request_send_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (outcome != NULL)
    *outcome = data->outcome;

  return g_task_propagate_pointer (G_TASK (result), error);
}
