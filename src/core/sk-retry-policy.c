/* sk-retry-policy.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-retry-policy.h"

#include <libsoup/soup.h>
#include <math.h>

/* The rules of retrying, as pure functions of what came back:
 *
 * - Retried: 408, 409, 429 (not insufficient_quota), 5xx, timeouts and
 *   connection errors; `x-should-retry` ("true" or "false") overrides the
 *   status rule. Never another 4xx.
 * - The wait is the server's delay (retry-after-ms, then Retry-After as
 *   seconds or an HTTP date) when it gave one, else a backoff: the base
 *   delay doubled at each retry, capped, times a jitter. A server delay
 *   above max_retry_after_ms is not waited for: the error comes back.
 * - An attempt that ends without a clear answer (a timeout, a transport
 *   error once the request may have been sent, a 5xx) makes the request
 *   "ambiguous": the server may have done the work. A DELETE retried
 *   after such an attempt that gets 404 is "already gone": it succeeds.
 *   A 404 on the first attempt, or after clear answers only, is a failure.
 */

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
 * sk_retry_backoff_ms:
 * @retry_base_ms: the first delay
 * @n_retries_done: the retries already made (0 before the first one)
 * @jitter: a factor in [%SK_RETRY_JITTER_MIN, 1], random in use
 *
 * Returns: @retry_base_ms doubled @n_retries_done times, capped at
 *   %SK_RETRY_MAX_BACKOFF_MS, times @jitter
 */
guint
sk_retry_backoff_ms (guint  retry_base_ms,
                     guint  n_retries_done,
                     double jitter)
{
  double delay = retry_base_ms;

  for (guint i = 0; i < n_retries_done && delay < SK_RETRY_MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, SK_RETRY_MAX_BACKOFF_MS);

  return (guint) (delay * jitter);
}

/**
 * sk_retry_status_is_retryable:
 * @status: the HTTP status of an answer that is not a 2xx
 * @should_retry: (nullable): its `x-should-retry` header
 * @quota_exhausted: it is a 429 with `insufficient_quota`
 *
 * Returns: whether the request is worth sending again: never for an
 *   exhausted quota; as `x-should-retry` says when it is "true" or
 *   "false"; else for 408, 409, 429 and 5xx
 */
gboolean
sk_retry_status_is_retryable (guint       status,
                              const char *should_retry,
                              gboolean    quota_exhausted)
{
  if (quota_exhausted)
    return FALSE;

  if (should_retry != NULL &&
      (g_ascii_strcasecmp (should_retry, "true") == 0 ||
       g_ascii_strcasecmp (should_retry, "false") == 0))
    return g_ascii_strcasecmp (should_retry, "true") == 0;

  return status == 408 || status == 409 || status == 429 || status >= 500;
}

/**
 * sk_retry_error_is_retryable:
 * @error: a transport error that ended an attempt
 *
 * Returns: whether the request is worth sending again: I/O errors other
 *   than a cancellation or a bad argument, temporary name resolution
 *   failures, HTTP parsing errors and TLS connections closed early
 */
gboolean
sk_retry_error_is_retryable (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

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

/**
 * sk_retry_error_may_have_been_processed:
 * @error: a transport error that ended an attempt
 *
 * Returns: %FALSE for the errors that come before anything was sent
 *   (nothing listens, no route, no name); %TRUE for the others (timeouts,
 *   connections closed or reset, answers cut short): the server may have
 *   received the request and done the work
 */
gboolean
sk_retry_error_may_have_been_processed (const GError *error)
{
  g_return_val_if_fail (error != NULL, TRUE);

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

/**
 * sk_retry_policy_decide_answer:
 * @policy: the settings
 * @answer: the HTTP answer an attempt got
 * @jitter: the backoff's jitter, see sk_retry_backoff_ms()
 *
 * What to do with an HTTP answer. A 429 worth retrying asks the client to
 * slow down (@rate_limited) and, when the server's delay is not too long,
 * to close the rate gate, even when no attempt is left. A 5xx is ambiguous.
 *
 * Returns: the decision
 */
SkRetryDecision
sk_retry_policy_decide_answer (const SkRetryPolicy *policy,
                               const SkRetryAnswer *answer,
                               double               jitter)
{
  SkRetryDecision decision = { SK_RETRY_ACTION_FAIL, 0, FALSE, FALSE, 0, FALSE };
  gboolean retry;
  gboolean delay_too_long;

  if (answer->status == 404 && answer->ambiguous &&
      g_strcmp0 (answer->method, SOUP_METHOD_DELETE) == 0)
    {
      decision.action = SK_RETRY_ACTION_ALREADY_GONE;
      return decision;
    }

  if (answer->status >= 200 && answer->status < 300)
    {
      decision.action = SK_RETRY_ACTION_SUCCEED;
      return decision;
    }

  retry = sk_retry_status_is_retryable (answer->status, answer->should_retry,
                                        answer->quota_exhausted);
  delay_too_long = answer->server_delay_ms > (gint64) policy->max_retry_after_ms;

  /* a 5xx may come after the work was done (e.g. a proxy timing out) */
  if (answer->status >= 500)
    decision.ambiguous = TRUE;

  if (answer->server_delay_ms > 0)
    decision.delay_ms = (guint) MIN (answer->server_delay_ms, G_MAXUINT);
  else
    decision.delay_ms = sk_retry_backoff_ms (policy->retry_base_ms, answer->attempt - 1, jitter);

  if (answer->status == 429 && retry)
    {
      decision.rate_limited = TRUE;
      decision.rate_limited_delay_ms = (guint) CLAMP (answer->server_delay_ms, 0, G_MAXUINT);
      decision.pause_gate = !delay_too_long;
    }

  if (retry && answer->attempt < policy->max_attempts && !delay_too_long)
    decision.action = SK_RETRY_ACTION_RETRY;

  return decision;
}

/**
 * sk_retry_policy_decide_error:
 * @policy: the settings
 * @error: the transport error that ended an attempt (a timeout is
 *   %G_IO_ERROR_TIMED_OUT)
 * @attempt: the attempts sent so far, the failed one included
 * @jitter: the backoff's jitter, see sk_retry_backoff_ms()
 *
 * What to do after a transport error: retry after a backoff when it is
 * worth it and attempts are left.
 *
 * Returns: the decision (%SK_RETRY_ACTION_FAIL or %SK_RETRY_ACTION_RETRY)
 */
SkRetryDecision
sk_retry_policy_decide_error (const SkRetryPolicy *policy,
                              const GError        *error,
                              guint                attempt,
                              double               jitter)
{
  SkRetryDecision decision = { SK_RETRY_ACTION_FAIL, 0, FALSE, FALSE, 0, FALSE };

  decision.ambiguous = sk_retry_error_may_have_been_processed (error);

  if (sk_retry_error_is_retryable (error) && attempt < policy->max_attempts)
    {
      decision.action = SK_RETRY_ACTION_RETRY;
      decision.delay_ms = sk_retry_backoff_ms (policy->retry_base_ms, attempt - 1, jitter);
    }

  return decision;
}
