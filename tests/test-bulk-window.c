/* test-bulk-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Table tests of SkBulkWindow, the adaptive number of requests in flight:
 * every step is given its own time and answer, so nothing waits. */

#include "sk-bulk-window.h"

#define MS(x) ((gint64) (x) * 1000)

typedef enum
{
  STEP_OK,          /* arg successes at t, each with latency lat_ms (0: no sample) */
  STEP_429,         /* a 429 at t */
  STEP_CAP,         /* cap = arg, running = lat_ms != 0 */
  STEP_RESTART,
} StepKind;

typedef struct
{
  StepKind kind;
  gint64   t_ms;
  guint    arg;
  guint    lat_ms;
  gboolean changed;      /* expected return of the last call */
  guint    limit;        /* expected limit after the step */
  gboolean slow_start;   /* expected after the step */
} Step;

typedef struct
{
  const char *name;
  guint       cap;
  Step        steps[16];
} Scenario;

#define ROUND_MS 20
#define END { STEP_RESTART, -1, 0, 0, 0, 0, 0 }

static const Scenario scenarios[] = {
  { "starts-at-8-under-a-higher-cap", 64, {
      { STEP_OK, 0, 0, 20, FALSE, 8, TRUE },
      END } },
  { "starts-at-the-cap-when-lower", 3, {
      { STEP_OK, 0, 0, 20, FALSE, 3, TRUE },
      { STEP_OK, 0, 5, 20, FALSE, 3, TRUE },               /* never above the cap */
      END } },
  { "slow-start-doubles-per-round", 64, {
      { STEP_OK, 0, 8, 20, TRUE, 16, TRUE },               /* one round of 8: 16 */
      { STEP_OK, 20, 16, 20, TRUE, 32, TRUE },
      { STEP_OK, 40, 32, 21, TRUE, 64, TRUE },
      { STEP_OK, 60, 64, 20, FALSE, 64, TRUE },            /* the cap */
      END } },
  { "no-sample-no-growth", 64, {
      { STEP_OK, 0, 20, 0, FALSE, 8, TRUE },
      END } },
  { "429-halves-once-per-round", 64, {
      { STEP_OK, 0, 8, 20, TRUE, 16, TRUE },
      { STEP_429, 100, 0, 0, TRUE, 8, FALSE },
      { STEP_429, 110, 0, 0, FALSE, 8, FALSE },            /* same burst */
      { STEP_429, 121, 0, 0, TRUE, 4, FALSE },
      { STEP_429, 142, 0, 0, TRUE, 2, FALSE },
      { STEP_429, 163, 0, 0, TRUE, 1, FALSE },
      { STEP_429, 184, 0, 0, FALSE, 1, FALSE },            /* never below 1 */
      END } },
  { "back-to-the-ceiling-then-probe", 64, {
      { STEP_OK, 0, 9, 20, TRUE, 17, TRUE },
      { STEP_429, 100, 0, 0, TRUE, 8, FALSE },             /* ceiling 16 */
      { STEP_OK, 120, 8, 20, TRUE, 16, FALSE },            /* +1 per success up to it */
      { STEP_OK, 140, 15, 20, FALSE, 16, FALSE },          /* one round at the ceiling */
      { STEP_OK, 140, 1, 20, TRUE, 17, FALSE },            /* then one more */
      { STEP_429, 160, 0, 0, TRUE, 16, FALSE },            /* refused: back to it, wait 2 rounds */
      { STEP_OK, 200, 31, 20, FALSE, 16, FALSE },
      { STEP_OK, 200, 1, 20, TRUE, 17, FALSE },
      { STEP_OK, 220, 16, 20, FALSE, 17, FALSE },          /* a round held at 17 */
      { STEP_OK, 220, 1, 20, TRUE, 18, FALSE },            /* forgets the ceiling */
      { STEP_OK, 240, 17, 20, FALSE, 18, FALSE },          /* additive: one per round */
      { STEP_OK, 240, 1, 20, TRUE, 19, FALSE },
      END } },
  { "latency-rise-cuts-a-quarter", 64, {
      { STEP_OK, 0, 8, 20, TRUE, 16, TRUE },
      /* 40 ms: grows while the average stays under 1.5 x 20 + 2 ms (4
       * samples), then holds: not above 2 x 20 + 5 ms */
      { STEP_OK, 20, 30, 40, FALSE, 20, TRUE },
      /* 60 ms: the average goes above 45 ms: 20 -> 15, once per round */
      { STEP_OK, 40, 2, 60, TRUE, 15, FALSE },
      { STEP_OK, 45, 1, 60, FALSE, 15, FALSE },
      { STEP_OK, 70, 1, 60, TRUE, 11, FALSE },
      /* a fast answer, the average still above 45 ms: cut again */
      { STEP_OK, 100, 1, 20, TRUE, 8, FALSE },
      /* near the minimum again after 3 more: additive increase, one per
       * round (8 successes, then 9) */
      { STEP_OK, 130, 20, 20, TRUE, 10, FALSE },
      END } },
  { "cap-changes", 8, {
      { STEP_CAP, 0, 4, 0, TRUE, 4, TRUE },                /* not running: initial limit */
      { STEP_RESTART, 0, 0, 0, FALSE, 4, TRUE },
      { STEP_CAP, 0, 16, 1, FALSE, 4, TRUE },              /* running: a higher cap lets it grow */
      { STEP_OK, 0, 4, 20, TRUE, 8, TRUE },
      { STEP_CAP, 0, 2, 1, TRUE, 2, TRUE },                /* running: a lower cap applies */
      { STEP_CAP, 0, 100, 0, TRUE, 8, TRUE },              /* clamped to 64, initial 8 */
      { STEP_CAP, 0, 0, 0, TRUE, 1, TRUE },                /* clamped to 1 */
      END } },
};

static void
run_scenario (gconstpointer data)
{
  const Scenario *scenario = data;
  SkBulkWindow window;

  sk_bulk_window_init (&window, scenario->cap);

  for (guint i = 0; scenario->steps[i].t_ms >= 0; i++)
    {
      const Step *step = &scenario->steps[i];
      gint64 now = MS (step->t_ms);
      gboolean ret = FALSE;

      g_test_message ("%s, step %u", scenario->name, i);

      switch (step->kind)
        {
        case STEP_OK:
          for (guint j = 0; j < step->arg; j++)
            ret = sk_bulk_window_succeeded (&window, now, MS (step->lat_ms), MS (ROUND_MS));
          break;
        case STEP_429:
          ret = sk_bulk_window_rate_limited (&window, now, MS (ROUND_MS));
          break;
        case STEP_CAP:
          ret = sk_bulk_window_set_cap (&window, step->arg, step->lat_ms != 0);
          break;
        case STEP_RESTART:
          sk_bulk_window_restart (&window);
          break;
        default:
          g_assert_not_reached ();
        }

      g_assert_cmpint (ret, ==, step->changed);
      g_assert_cmpuint (window.limit, ==, step->limit);
      g_assert_cmpint (window.slow_start, ==, step->slow_start);
      g_assert_cmpuint (window.limit, <=, window.cap);
    }
}

/* Refused at the same level again and again, it probes less and less
 * often, up to SK_BULK_WINDOW_MAX_PROBE rounds; a restart forgets it. */
static void
test_probe_backoff (void)
{
  static const guint expected[] = { 2, 4, 8, 16, 32, 32 };
  SkBulkWindow window;
  gint64 now = 0;
  guint n = 0;

  sk_bulk_window_init (&window, 64);
  while (window.limit < 17)
    sk_bulk_window_succeeded (&window, now, MS (20), MS (ROUND_MS));
  sk_bulk_window_rate_limited (&window, now += MS (100), MS (ROUND_MS));
  g_assert_cmpuint (window.ceiling, ==, 16);
  g_assert_cmpuint (window.probe_rounds, ==, 1);
  g_assert_cmpuint (window.limit, ==, 8);

  /* 8 successes back to the ceiling, then a round of 16 before the probe */
  while (window.limit < 17)
    {
      sk_bulk_window_succeeded (&window, now, MS (20), MS (ROUND_MS));
      n++;
    }
  g_assert_cmpuint (n, ==, 8 + 16);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("refusal %u", i);
      /* the probe refused: back to the ceiling, not lower */
      g_assert_true (sk_bulk_window_rate_limited (&window, now += MS (100), MS (ROUND_MS)));
      g_assert_cmpuint (window.probe_rounds, ==, expected[i]);
      g_assert_cmpuint (window.ceiling, ==, 16);
      g_assert_cmpuint (window.limit, ==, 16);

      for (n = 0; window.limit < 17; n++)
        sk_bulk_window_succeeded (&window, now, MS (20), MS (ROUND_MS));
      g_assert_cmpuint (n, ==, 16 * expected[i]);
    }

  sk_bulk_window_restart (&window);
  g_assert_cmpuint (window.ceiling, ==, 0);
  g_assert_cmpuint (window.probe_rounds, ==, 1);
  g_assert_cmpuint (window.limit, ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bulk-window/%s", scenarios[i].name);

      g_test_add_data_func (path, &scenarios[i], run_scenario);
    }
  g_test_add_func ("/bulk-window/probe-backoff", test_probe_backoff);

  return g_test_run ();
}
