/* sk-retry-policy.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest backoff between two attempts, before jitter */
#define SK_RETRY_MAX_BACKOFF_MS 8000
/* A backoff is multiplied by a jitter in [SK_RETRY_JITTER_MIN, 1] */
#define SK_RETRY_JITTER_MIN     0.75

/**
 * SkRetryPolicy:
 * @max_attempts: tries per request, the first one included
 * @retry_base_ms: the first backoff, doubled at each retry
 * @max_retry_after_ms: a server delay longer than this is not waited for
 *
 * The settings of the retry rules below, as #SkClient's properties set them.
 */
typedef struct
{
  guint max_attempts;
  guint retry_base_ms;
  guint max_retry_after_ms;
} SkRetryPolicy;

/**
 * SkRetryAnswer:
 * @method: the HTTP method of the request
 * @status: the HTTP status of the answer
 * @should_retry: (nullable): the `x-should-retry` header of the answer
 * @quota_exhausted: the answer is a 429 with `insufficient_quota`
 * @server_delay_ms: the delay the server asked for
 *   (sk_parse_retry_after_ms()), -1 when none
 * @attempt: the attempts sent so far, the answered one included
 * @ambiguous: an earlier attempt of the request ended with no clear answer
 *
 * What the retry rules need to know of one HTTP answer.
 */
typedef struct
{
  const char *method;
  guint       status;
  const char *should_retry;
  gboolean    quota_exhausted;
  gint64      server_delay_ms;
  guint       attempt;
  gboolean    ambiguous;
} SkRetryAnswer;

/**
 * SkRetryAction:
 * @SK_RETRY_ACTION_SUCCEED: a 2xx: its body is the result
 * @SK_RETRY_ACTION_ALREADY_GONE: a DELETE answered 404 after an attempt
 *   with no clear answer: that attempt deleted the object, a success
 * @SK_RETRY_ACTION_FAIL: the error of this answer is the result
 * @SK_RETRY_ACTION_RETRY: send the request again after a delay
 */
typedef enum
{
  SK_RETRY_ACTION_SUCCEED,
  SK_RETRY_ACTION_ALREADY_GONE,
  SK_RETRY_ACTION_FAIL,
  SK_RETRY_ACTION_RETRY,
} SkRetryAction;

/**
 * SkRetryDecision:
 * @action: what to do with the answer
 * @delay_ms: the wait before the next attempt (the server's delay when it
 *   gave one, else a backoff); also how long @pause_gate closes the gate
 * @ambiguous: this attempt ended with no clear answer: the server may
 *   have done the work (the request stays ambiguous once one was)
 * @rate_limited: a 429 that is worth retrying: the client slows down
 * @rate_limited_delay_ms: the server's delay for @rate_limited, 0 when none
 * @pause_gate: close the rate gate for @delay_ms
 */
typedef struct
{
  SkRetryAction action;
  guint         delay_ms;
  gboolean      ambiguous;
  gboolean      rate_limited;
  guint         rate_limited_delay_ms;
  gboolean      pause_gate;
} SkRetryDecision;

gint64          sk_parse_retry_after_ms             (const char          *retry_after_ms,
                                                     const char          *retry_after,
                                                     gint64               now_unix);
guint           sk_retry_backoff_ms                 (guint                retry_base_ms,
                                                     guint                n_retries_done,
                                                     double               jitter);
gboolean        sk_retry_status_is_retryable        (guint                status,
                                                     const char          *should_retry,
                                                     gboolean             quota_exhausted);
gboolean        sk_retry_error_is_retryable         (const GError        *error);
gboolean        sk_retry_error_may_have_been_processed (const GError     *error);
SkRetryDecision sk_retry_policy_decide_answer       (const SkRetryPolicy *policy,
                                                     const SkRetryAnswer *answer,
                                                     double               jitter);
SkRetryDecision sk_retry_policy_decide_error        (const SkRetryPolicy *policy,
                                                     const GError        *error,
                                                     guint                attempt,
                                                     double               jitter);

G_END_DECLS
