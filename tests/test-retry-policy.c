/* test-retry-policy.c: the retry rules of the client, as tables of
 * inputs and decisions (no server).
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sk-retry-policy.h"

static void
test_parse_retry_after (void)
{
  const gint64 now = 1780000000;
  const gint64 year_ms = 365LL * 24 * 3600 * 1000;
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (now + 30);
  g_autofree char *http_date = g_date_time_format (date, "%a, %d %b %Y %H:%M:%S GMT");
  const struct
  {
    const char *retry_after_ms;
    const char *retry_after;
    gint64      now;
    gint64      expected;
  } table[] = {
    { NULL, NULL, now, -1 },
    { "250", NULL, now, 250 },
    { "12.2", "3", now, 13 },          /* retry-after-ms first, rounded up */
    { "0", "3", now, 0 },
    { NULL, "3", now, 3000 },
    { NULL, " 1.5 ", now, 1500 },
    { "junk", "2", now, 2000 },        /* an unusable value is skipped */
    { "", "2", now, 2000 },
    { "-5", NULL, now, -1 },
    { NULL, "-5", now, -1 },
    { NULL, "nan", now, -1 },
    { NULL, "inf", now, -1 },
    { NULL, "soon", now, -1 },
    { NULL, "", now, -1 },
    { NULL, http_date, now, 30000 },
    { NULL, http_date, now + 100, 0 }, /* a date in the past */
    { NULL, "1e300", now, year_ms },   /* capped at a year */
    { "1e300", NULL, now, year_ms },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT ": %s, %s", i,
                      table[i].retry_after_ms, table[i].retry_after);
      g_assert_cmpint (sk_parse_retry_after_ms (table[i].retry_after_ms, table[i].retry_after,
                                                table[i].now),
                       ==, table[i].expected);
    }
}

static void
test_backoff (void)
{
  const struct
  {
    guint  base_ms;
    guint  n_retries_done;
    double jitter;
    guint  expected;
  } table[] = {
    { 500, 0, 1.0, 500 },
    { 500, 1, 1.0, 1000 },
    { 500, 2, 1.0, 2000 },
    { 500, 4, 1.0, 8000 },
    { 500, 5, 1.0, SK_RETRY_MAX_BACKOFF_MS },   /* capped */
    { 500, 100, 1.0, SK_RETRY_MAX_BACKOFF_MS },
    { 500, 0, 0.75, 375 },
    { 500, 5, 0.75, 6000 },                     /* the cap, then the jitter */
    { 0, 3, 1.0, 0 },
    { 20000, 0, 1.0, SK_RETRY_MAX_BACKOFF_MS }, /* a base above the cap */
    { 3, 1, SK_RETRY_JITTER_MIN, 4 },           /* rounded down */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_cmpuint (sk_retry_backoff_ms (table[i].base_ms, table[i].n_retries_done,
                                             table[i].jitter),
                        ==, table[i].expected);
    }
}

static void
test_status_retryable (void)
{
  const struct
  {
    guint       status;
    const char *should_retry;
    gboolean    quota_exhausted;
    gboolean    expected;
  } table[] = {
    { 408, NULL, FALSE, TRUE },
    { 409, NULL, FALSE, TRUE },
    { 429, NULL, FALSE, TRUE },
    { 500, NULL, FALSE, TRUE },
    { 502, NULL, FALSE, TRUE },
    { 599, NULL, FALSE, TRUE },
    { 400, NULL, FALSE, FALSE },
    { 401, NULL, FALSE, FALSE },
    { 403, NULL, FALSE, FALSE },
    { 404, NULL, FALSE, FALSE },
    { 422, NULL, FALSE, FALSE },
    { 429, NULL, TRUE, FALSE },     /* insufficient_quota: waiting is useless */
    { 429, "true", TRUE, FALSE },   /* ... whatever the header says */
    { 400, "true", FALSE, TRUE },   /* the header overrides the status */
    { 400, "TRUE", FALSE, TRUE },
    { 503, "false", FALSE, FALSE },
    { 503, "False", FALSE, FALSE },
    { 503, "maybe", FALSE, TRUE },  /* another value is ignored */
    { 400, "", FALSE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT ": %u %s", i, table[i].status, table[i].should_retry);
      g_assert_cmpint (sk_retry_status_is_retryable (table[i].status, table[i].should_retry,
                                                     table[i].quota_exhausted),
                       ==, table[i].expected);
    }
}

static void
test_transport_errors (void)
{
  const struct
  {
    GQuark   domain;
    int      code;
    gboolean retryable;
    gboolean may_have_been_processed;
  } table[] = {
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, TRUE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, TRUE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, TRUE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, TRUE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_FAILED, TRUE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, TRUE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND, TRUE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, TRUE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, TRUE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, FALSE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, FALSE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, FALSE, FALSE },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE, TRUE, FALSE },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, FALSE, FALSE },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, TRUE, TRUE },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING, TRUE, TRUE },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS, FALSE, TRUE },
    { G_TLS_ERROR, G_TLS_ERROR_EOF, TRUE, TRUE },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, FALSE, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (table[i].domain, table[i].code, "x");

      g_test_message ("row %" G_GSIZE_FORMAT ": %s %d", i,
                      g_quark_to_string (table[i].domain), table[i].code);
      g_assert_cmpint (sk_retry_error_is_retryable (error), ==, table[i].retryable);
      g_assert_cmpint (sk_retry_error_may_have_been_processed (error),
                       ==, table[i].may_have_been_processed);
    }
}

#define GET    SOUP_METHOD_GET
#define DELETE SOUP_METHOD_DELETE
#define A_SUCCEED SK_RETRY_ACTION_SUCCEED
#define A_GONE    SK_RETRY_ACTION_ALREADY_GONE
#define A_FAIL    SK_RETRY_ACTION_FAIL
#define A_RETRY   SK_RETRY_ACTION_RETRY

static void
test_decide_answer (void)
{
  /* 4 attempts, backoff from 500 ms, server delays up to 120 s */
  const SkRetryPolicy policy = { 4, 500, 120000 };
  const struct
  {
    SkRetryAnswer   answer;
    SkRetryDecision expected;
  } table[] = {
    /* method, status, x-should-retry, quota, server delay, attempt, ambiguous
     *   -> action, delay, ambiguous, rate limited, its delay, pause gate */
    { { GET, 200, NULL, FALSE, -1, 1, FALSE }, { A_SUCCEED, 0, FALSE, FALSE, 0, FALSE } },
    { { DELETE, 204, NULL, FALSE, -1, 3, TRUE }, { A_SUCCEED, 0, FALSE, FALSE, 0, FALSE } },
    /* a DELETE that finds 404 after an attempt with no clear answer */
    { { DELETE, 404, NULL, FALSE, -1, 2, TRUE }, { A_GONE, 0, FALSE, FALSE, 0, FALSE } },
    /* ... not on a clear history, nor for another method */
    { { DELETE, 404, NULL, FALSE, -1, 1, FALSE }, { A_FAIL, 500, FALSE, FALSE, 0, FALSE } },
    { { DELETE, 404, NULL, FALSE, -1, 2, FALSE }, { A_FAIL, 1000, FALSE, FALSE, 0, FALSE } },
    { { GET, 404, NULL, FALSE, -1, 2, TRUE }, { A_FAIL, 1000, FALSE, FALSE, 0, FALSE } },
    /* 4xx: never retried */
    { { GET, 400, NULL, FALSE, -1, 1, FALSE }, { A_FAIL, 500, FALSE, FALSE, 0, FALSE } },
    { { GET, 401, NULL, FALSE, 2000, 1, FALSE }, { A_FAIL, 2000, FALSE, FALSE, 0, FALSE } },
    /* 408, 409: retried after a backoff, no rate limit */
    { { GET, 408, NULL, FALSE, -1, 1, FALSE }, { A_RETRY, 500, FALSE, FALSE, 0, FALSE } },
    { { DELETE, 409, NULL, FALSE, -1, 2, FALSE }, { A_RETRY, 1000, FALSE, FALSE, 0, FALSE } },
    /* 5xx: retried, and ambiguous */
    { { GET, 500, NULL, FALSE, -1, 1, FALSE }, { A_RETRY, 500, TRUE, FALSE, 0, FALSE } },
    { { DELETE, 503, NULL, FALSE, -1, 3, FALSE }, { A_RETRY, 2000, TRUE, FALSE, 0, FALSE } },
    { { GET, 502, NULL, FALSE, -1, 4, FALSE }, { A_FAIL, 4000, TRUE, FALSE, 0, FALSE } },
    { { GET, 500, "false", FALSE, -1, 1, FALSE }, { A_FAIL, 500, TRUE, FALSE, 0, FALSE } },
    /* 429: rate limited, the gate closes for the server's delay or the backoff */
    { { GET, 429, NULL, FALSE, -1, 1, FALSE }, { A_RETRY, 500, FALSE, TRUE, 0, TRUE } },
    { { GET, 429, NULL, FALSE, 0, 1, FALSE }, { A_RETRY, 500, FALSE, TRUE, 0, TRUE } },
    { { GET, 429, NULL, FALSE, 3000, 2, FALSE }, { A_RETRY, 3000, FALSE, TRUE, 3000, TRUE } },
    /* ... also on the last attempt */
    { { GET, 429, NULL, FALSE, 3000, 4, FALSE }, { A_FAIL, 3000, FALSE, TRUE, 3000, TRUE } },
    /* ... a delay longer than allowed: no wait, no gate, but said */
    { { GET, 429, NULL, FALSE, 120001, 1, FALSE },
      { A_FAIL, 120001, FALSE, TRUE, 120001, FALSE } },
    { { GET, 429, NULL, FALSE, 120000, 1, FALSE },
      { A_RETRY, 120000, FALSE, TRUE, 120000, TRUE } },
    /* ... insufficient quota: a plain failure */
    { { GET, 429, NULL, TRUE, 3000, 1, FALSE }, { A_FAIL, 3000, FALSE, FALSE, 0, FALSE } },
    /* ... the server says not to retry */
    { { GET, 429, "false", FALSE, -1, 1, FALSE }, { A_FAIL, 500, FALSE, FALSE, 0, FALSE } },
    /* x-should-retry: true makes a 4xx worth retrying */
    { { GET, 400, "true", FALSE, -1, 1, FALSE }, { A_RETRY, 500, FALSE, FALSE, 0, FALSE } },
    /* the server's delay is used for any status */
    { { GET, 503, NULL, FALSE, 1500, 1, FALSE }, { A_RETRY, 1500, TRUE, FALSE, 0, FALSE } },
    { { GET, 503, NULL, FALSE, 200000, 1, FALSE }, { A_FAIL, 200000, TRUE, FALSE, 0, FALSE } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      SkRetryDecision got = sk_retry_policy_decide_answer (&policy, &table[i].answer, 1.0);
      const SkRetryDecision *want = &table[i].expected;

      g_test_message ("row %" G_GSIZE_FORMAT ": %s %u, attempt %u", i,
                      table[i].answer.method, table[i].answer.status, table[i].answer.attempt);
      g_assert_cmpint (got.action, ==, want->action);
      if (want->action == A_RETRY || want->action == A_FAIL)
        g_assert_cmpuint (got.delay_ms, ==, want->delay_ms);
      g_assert_cmpint (got.ambiguous, ==, want->ambiguous);
      g_assert_cmpint (got.rate_limited, ==, want->rate_limited);
      g_assert_cmpuint (got.rate_limited_delay_ms, ==, want->rate_limited_delay_ms);
      g_assert_cmpint (got.pause_gate, ==, want->pause_gate);
    }
}

static void
test_decide_answer_jitter (void)
{
  const SkRetryPolicy policy = { 4, 1000, 120000 };
  SkRetryAnswer answer = { GET, 503, NULL, FALSE, -1, 2, FALSE };
  SkRetryDecision decision;

  /* the backoff takes the jitter; a server delay does not */
  decision = sk_retry_policy_decide_answer (&policy, &answer, 0.75);
  g_assert_cmpint (decision.action, ==, A_RETRY);
  g_assert_cmpuint (decision.delay_ms, ==, 1500);

  answer.server_delay_ms = 700;
  decision = sk_retry_policy_decide_answer (&policy, &answer, 0.75);
  g_assert_cmpuint (decision.delay_ms, ==, 700);
}

static void
test_decide_error (void)
{
  const SkRetryPolicy policy = { 3, 500, 120000 };
  const struct
  {
    GQuark          domain;
    int             code;
    guint           attempt;
    SkRetryDecision expected;
  } table[] = {
    /* a timeout: retried, and the server may have done the work */
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, 1, { A_RETRY, 500, TRUE, FALSE, 0, FALSE } },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, 2, { A_RETRY, 1000, TRUE, FALSE, 0, FALSE } },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, 3, { A_FAIL, 0, TRUE, FALSE, 0, FALSE } },
    /* a connection lost once sent */
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, 1, { A_RETRY, 500, TRUE, FALSE, 0, FALSE } },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, 2, { A_RETRY, 1000, TRUE, FALSE, 0, FALSE } },
    /* nothing sent: retried, clear */
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, 1, { A_RETRY, 500, FALSE, FALSE, 0, FALSE } },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, 3, { A_FAIL, 0, FALSE, FALSE, 0, FALSE } },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, 1, { A_FAIL, 0, FALSE, FALSE, 0, FALSE } },
    /* not worth retrying */
    { G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, 1, { A_FAIL, 0, FALSE, FALSE, 0, FALSE } },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, 1, { A_FAIL, 0, TRUE, FALSE, 0, FALSE } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (table[i].domain, table[i].code, "x");
      SkRetryDecision got = sk_retry_policy_decide_error (&policy, error, table[i].attempt, 1.0);
      const SkRetryDecision *want = &table[i].expected;

      g_test_message ("row %" G_GSIZE_FORMAT ": %s %d, attempt %u", i,
                      g_quark_to_string (table[i].domain), table[i].code, table[i].attempt);
      g_assert_cmpint (got.action, ==, want->action);
      if (want->action == A_RETRY)
        g_assert_cmpuint (got.delay_ms, ==, want->delay_ms);
      g_assert_cmpint (got.ambiguous, ==, want->ambiguous);
      g_assert_false (got.rate_limited);
      g_assert_false (got.pause_gate);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/retry-policy/parse-retry-after", test_parse_retry_after);
  g_test_add_func ("/sk/retry-policy/backoff", test_backoff);
  g_test_add_func ("/sk/retry-policy/status-retryable", test_status_retryable);
  g_test_add_func ("/sk/retry-policy/transport-errors", test_transport_errors);
  g_test_add_func ("/sk/retry-policy/decide-answer", test_decide_answer);
  g_test_add_func ("/sk/retry-policy/decide-answer-jitter", test_decide_answer_jitter);
  g_test_add_func ("/sk/retry-policy/decide-error", test_decide_error);

  return g_test_run ();
}
