/* test-bulk-pacer.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Table tests of SkBulkPacer: every step is fed with its own time, so
 * nothing waits. */

#include "sk-bulk-pacer.h"

#include <math.h>

#define MS(x) ((gint64) (x) * 1000)

typedef enum
{
  STEP_START,         /* sk_bulk_pacer_start at t */
  STEP_REQUEST,       /* a request started at t */
  STEP_ENDED,         /* a request ended after arg ms */
  STEP_SUCCEEDED,     /* a request succeeded at t after arg ms (0: no sample) */
  STEP_429,           /* a 429 at t asking for arg ms, may_pace = flag */
  STEP_SET_MAX,       /* max-in-flight = arg, running = flag */
  STEP_MAY_START,     /* may a request start at t? expect flag, wait arg us */
} StepKind;

typedef struct
{
  StepKind kind;
  gint64   t_ms;
  guint    arg;
  gboolean flag;
  gboolean changed;      /* expected return (SUCCEEDED, 429, SET_MAX) */
  guint    limit;        /* expected limit after the step */
  double   pace_rate;    /* expected pace after the step; -1: not checked */
} Step;

typedef struct
{
  const char *name;
  guint       max_in_flight;
  Step        steps[16];
} Scenario;

#define END { STEP_START, -1, 0, 0, 0, 0, 0 }

static const Scenario scenarios[] = {
  { "halve-once-per-burst", 8, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      { STEP_ENDED, 0, 100, FALSE, FALSE, 8, 0 },          /* average 100 ms */
      { STEP_429, 1000, 0, TRUE, TRUE, 4, 0 },
      { STEP_429, 1050, 0, TRUE, FALSE, 4, 0 },            /* same burst */
      { STEP_429, 1101, 0, TRUE, TRUE, 2, 0 },
      { STEP_429, 1202, 0, TRUE, TRUE, 1, 0 },
      { STEP_429, 1303, 0, TRUE, FALSE, 1, 0 },            /* never below 1 */
      END } },
  { "grow-back-to-the-ceiling", 8, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      { STEP_429, 1000, 0, TRUE, TRUE, 4, 0 },             /* ceiling 7 */
      { STEP_SUCCEEDED, 1010, 20, FALSE, TRUE, 5, 0 },
      { STEP_SUCCEEDED, 1010, 0, FALSE, FALSE, 5, 0 },     /* no sample: no growth */
      { STEP_SUCCEEDED, 1010, 20, FALSE, TRUE, 6, 0 },
      { STEP_SUCCEEDED, 1010, 20, FALSE, TRUE, 7, 0 },
      { STEP_SUCCEEDED, 1010, 20, FALSE, FALSE, 7, 0 },    /* a round at the ceiling first */
      { STEP_429, 2000, 0, TRUE, TRUE, 3, 0 },             /* resets the count */
      { STEP_SUCCEEDED, 2010, 20, FALSE, TRUE, 4, 0 },
      END } },
  { "grow-up-to-max", 2, {
      { STEP_START, 0, 0, FALSE, FALSE, 2, 0 },
      { STEP_SUCCEEDED, 0, 20, FALSE, FALSE, 2, 0 },
      { STEP_SUCCEEDED, 0, 20, FALSE, FALSE, 2, 0 },
      { STEP_SUCCEEDED, 0, 20, FALSE, FALSE, 2, 0 },
      END } },
  { "starts-at-8-grows-to-the-cap", 64, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      { STEP_SUCCEEDED, 20, 20, FALSE, TRUE, 9, 0 },       /* slow start */
      { STEP_SUCCEEDED, 20, 20, FALSE, TRUE, 10, 0 },
      END } },
  { "set-max", 8, {
      { STEP_SET_MAX, 0, 4, FALSE, TRUE, 4, 0 },           /* not running: follows */
      { STEP_START, 0, 0, FALSE, FALSE, 4, 0 },
      { STEP_SET_MAX, 0, 16, TRUE, FALSE, 4, 0 },          /* running: a higher cap waits */
      { STEP_SET_MAX, 0, 4, TRUE, FALSE, 4, 0 },
      { STEP_SET_MAX, 0, 2, TRUE, TRUE, 2, 0 },            /* running: a lower cap applies */
      { STEP_SET_MAX, 0, 100, FALSE, TRUE, 8, 0 },         /* clamped to 64; starts at 8 */
      { STEP_SET_MAX, 0, 0, FALSE, TRUE, 1, 0 },
      END } },
  { "short-delays-do-not-pace", 8, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      { STEP_REQUEST, 10, 0, FALSE, FALSE, 8, 0 },
      { STEP_429, 500, 999, TRUE, TRUE, 4, 0 },
      { STEP_429, 1000, 5000, FALSE, TRUE, 2, 0 },         /* may not pace */
      { STEP_MAY_START, 1000, 0, TRUE, FALSE, 2, 0 },
      END } },
  { "first-long-429-paces-between-its-bounds", 8, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      /* 100 starts in the first second (added by the test), then a 429
       * asking for 1 s: the rate is at most 100/s and, with a bucket of at
       * most 1 s, at least 100 / (1 + 1) = 50/s; the pace starts at their
       * middle in ratio, sqrt (5000) */
      { STEP_429, 1000, 1000, TRUE, TRUE, 4, 70.71067811865476 },
      /* a 429 of the same burst does not lower the pace again */
      { STEP_429, 1001, 1000, TRUE, TRUE, 2, 70.71067811865476 },
      /* nothing starts during the pause; at its end the two refused
       * requests go first (the client's gate sends them again at the
       * pace, at 2000 and 2014.1 ms): the first new start is at 2028.3 ms */
      { STEP_MAY_START, 1001, 1027285, FALSE, FALSE, 2, 70.71067811865476 },
      { STEP_MAY_START, 2028, 285, FALSE, FALSE, 2, 70.71067811865476 },
      { STEP_MAY_START, 2029, 0, TRUE, FALSE, 2, 70.71067811865476 },
      { STEP_MAY_START, 2029, 13427, FALSE, FALSE, 2, 70.71067811865476 },
      /* held a probe period after the gate (2000 + 1500 ms): bounds 70.7
       * and 100 are close, the next is their middle, with the bucket
       * refilled meanwhile */
      { STEP_MAY_START, 3500, 0, TRUE, FALSE, 2, 85.35533905932738 },
      /* a 429 there: it is the upper bound, the middle is next */
      { STEP_429, 3600, 1000, TRUE, TRUE, 1, 78.03300858899107 },
      END } },
  { "first-long-429-longer-delay", 8, {
      { STEP_START, 0, 0, FALSE, FALSE, 8, 0 },
      /* a bucket of at most 3 s: at least 100 / (1 + 3) = 25/s; the pace
       * starts at sqrt (25 x 100) */
      { STEP_429, 1000, 3000, TRUE, TRUE, 4, 50 },
      END } },
};

static void
run_scenario (gconstpointer data)
{
  const Scenario *scenario = data;
  g_autoptr (SkBulkPacer) pacer = sk_bulk_pacer_new (scenario->max_in_flight);

  for (guint i = 0; scenario->steps[i].t_ms >= 0; i++)
    {
      const Step *step = &scenario->steps[i];
      gint64 now = MS (step->t_ms);
      gint64 wait_us = -1;
      gboolean ret = FALSE;

      g_test_message ("%s, step %u", scenario->name, i);

      switch (step->kind)
        {
        case STEP_START:
          sk_bulk_pacer_start (pacer, now);
          if (g_str_has_prefix (scenario->name, "first-long-429"))
            for (guint j = 0; j < 100; j++)
              sk_bulk_pacer_request_started (pacer, MS (5 + j * 10));
          break;
        case STEP_REQUEST:
          sk_bulk_pacer_request_started (pacer, now);
          break;
        case STEP_ENDED:
          sk_bulk_pacer_request_ended (pacer, MS (step->arg));
          break;
        case STEP_SUCCEEDED:
          ret = sk_bulk_pacer_request_succeeded (pacer, now, MS (step->arg));
          break;
        case STEP_429:
          ret = sk_bulk_pacer_rate_limited (pacer, now, step->arg, step->flag);
          break;
        case STEP_SET_MAX:
          ret = sk_bulk_pacer_set_max_in_flight (pacer, step->arg, step->flag);
          break;
        case STEP_MAY_START:
          g_assert_cmpint (sk_bulk_pacer_may_start (pacer, now, &wait_us), ==, step->flag);
          g_assert_cmpint (wait_us, ==, step->arg);
          break;
        default:
          g_assert_not_reached ();
        }

      g_assert_cmpint (ret, ==, step->changed);
      g_assert_cmpuint (sk_bulk_pacer_get_limit (pacer), ==, step->limit);
      g_assert_cmpfloat_with_epsilon (sk_bulk_pacer_get_pace_rate (pacer), step->pace_rate, 1e-9);
    }
}

static void
test_measure_start_rate (void)
{
  static const struct {
    guint  n_starts;
    gint64 every_ms;
    gint64 now_ms;
    gint64 since_ms;
    double expected;
  } rows[] = {
    { 0, 10, 1000, 0, 0 },
    { 100, 10, 1000, 0, 100 },        /* 100 in the last second */
    { 200, 10, 2000, 0, 100 },        /* only the last second counts */
    { 10, 10, 100, 0, 100 },          /* since the start: 10 in 100 ms */
    { 5, 10, 50, 0, 50 },             /* at least 100 ms: 5 in 100 ms */
    { 100, 10, 1000, 500, 100 },      /* since 500 ms: 50 in 500 ms */
    { 5000, 1, 5000, 0, 1000 },       /* more than the ring holds */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (SkBulkPacer) pacer = sk_bulk_pacer_new (8);

      g_test_message ("row %u", i);
      sk_bulk_pacer_start (pacer, 0);
      for (guint j = 0; j < rows[i].n_starts; j++)
        sk_bulk_pacer_request_started (pacer, MS (j * rows[i].every_ms));
      g_assert_cmpfloat_with_epsilon (sk_bulk_pacer_measure_start_rate (pacer, MS (rows[i].now_ms),
                                                                        MS (rows[i].since_ms)),
                                      rows[i].expected, 1e-9);
    }
}

/* While pacing, the in-flight limit is at most twice what the pace needs
 * at the latency seen (at least 2). */
static void
test_pacing_limit (void)
{
  g_autoptr (SkBulkPacer) pacer = sk_bulk_pacer_new (64);

  sk_bulk_pacer_start (pacer, 0);
  for (guint j = 0; j < 100; j++)
    sk_bulk_pacer_request_started (pacer, MS (5 + j * 10));
  /* slow start with 40 ms answers: 8 + 20 */
  for (guint j = 0; j < 20; j++)
    sk_bulk_pacer_request_succeeded (pacer, MS (500), MS (40));
  g_assert_cmpuint (sk_bulk_pacer_get_limit (pacer), ==, 28);

  /* 100/s measured, 50/s at least; pace sqrt (5000) = 70.7/s
   * x 40 ms x 2 = 5.66: 6 */
  sk_bulk_pacer_rate_limited (pacer, MS (1000), 1000, TRUE);
  g_assert_cmpfloat_with_epsilon (sk_bulk_pacer_get_pace_rate (pacer), sqrt (5000), 1e-9);
  g_assert_cmpuint (sk_bulk_pacer_get_limit (pacer), ==, 6);

  /* a short delay does not pace: the window alone */
  {
    g_autoptr (SkBulkPacer) other = sk_bulk_pacer_new (64);

    sk_bulk_pacer_start (other, 0);
    sk_bulk_pacer_request_succeeded (other, MS (10), MS (40));
    sk_bulk_pacer_rate_limited (other, MS (1000), 50, TRUE);
    g_assert_cmpuint (sk_bulk_pacer_get_limit (other), ==, 4);
    g_assert_cmpfloat (sk_bulk_pacer_get_pace_rate (other), ==, 0);
  }
}

static void
test_average_duration (void)
{
  g_autoptr (SkBulkPacer) pacer = sk_bulk_pacer_new (8);

  g_assert_cmpfloat (sk_bulk_pacer_get_avg_request_us (pacer), ==, 0);
  sk_bulk_pacer_request_ended (pacer, 1000);
  g_assert_cmpfloat_with_epsilon (sk_bulk_pacer_get_avg_request_us (pacer), 1000, 1e-9);
  sk_bulk_pacer_request_ended (pacer, 2000);
  g_assert_cmpfloat_with_epsilon (sk_bulk_pacer_get_avg_request_us (pacer), 1200, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bulk-pacer/%s", scenarios[i].name);

      g_test_add_data_func (path, &scenarios[i], run_scenario);
    }
  g_test_add_func ("/bulk-pacer/measure-start-rate", test_measure_start_rate);
  g_test_add_func ("/bulk-pacer/average-duration", test_average_duration);
  g_test_add_func ("/bulk-pacer/pacing-limit", test_pacing_limit);

  return g_test_run ();
}
