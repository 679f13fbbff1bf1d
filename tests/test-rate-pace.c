/* test-rate-pace.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pace of SkRateGate: a table of its token bucket (set, take, lapse,
 * keep, fill), then a client whose gate paces, against the simulated
 * account refusing every first attempt with a 429: its retries do not
 * leave above the pace, where a client without one sends them all at once
 * when its gate reopens. */

#include "sk-test-utils.h"

#define MS(x) ((gint64) (x) * 1000)
#define WAIT_MS 20000

typedef enum
{
  PACE_SET,       /* sk_rate_gate_set_pace (rate, burst, start, now) */
  PACE_TAKE,      /* sk_rate_gate_take_pace: expect allowed, wait */
  PACE_PEEK,      /* sk_rate_gate_get_pace_wait_us: expect wait */
  PACE_KEEP,      /* sk_rate_gate_keep_pace */
  PACE_FILL,      /* sk_rate_gate_fill_pace (burst) */
  PACE_PAUSE,     /* sk_rate_gate_pause_until (start) */
} PaceStep;

static void
test_gate_pace (void)
{
  static const struct
  {
    PaceStep step;
    gint64   now_us;
    double   rate;       /* SET: the rate */
    double   burst;      /* SET, FILL */
    gint64   start_us;   /* SET, PAUSE */
    gboolean allowed;    /* TAKE */
    gint64   wait_us;    /* TAKE, PEEK */
    double   pace;       /* sk_rate_gate_get_pace () after the step */
  } table[] = {
    /* no pace: every attempt goes */
    { PACE_TAKE, MS (0), 0, 0, 0, TRUE, 0, 0 },
    { PACE_TAKE, MS (0), 0, 0, 0, TRUE, 0, 0 },
    { PACE_KEEP, MS (0), 0, 0, 0, FALSE, 0, 0 },                  /* nothing to keep */
    /* 50/s, one at once: one now, the next 20 ms later */
    { PACE_SET, MS (1000), 50, 1, MS (1000), FALSE, 0, 50 },
    { PACE_PEEK, MS (1000), 0, 0, 0, FALSE, 0, 50 },
    { PACE_TAKE, MS (1000), 0, 0, 0, TRUE, 0, 50 },
    { PACE_PEEK, MS (1000), 0, 0, 0, FALSE, 20000, 50 },           /* peeking takes nothing */
    { PACE_TAKE, MS (1000), 0, 0, 0, FALSE, 20000, 50 },
    { PACE_TAKE, MS (1010), 0, 0, 0, FALSE, 10000, 50 },
    { PACE_TAKE, MS (1020), 0, 0, 0, TRUE, 0, 50 },
    /* a faster pace keeps the tokens: none, 10 ms to the next */
    { PACE_SET, MS (1020), 100, 1, MS (1020), FALSE, 0, 100 },
    { PACE_TAKE, MS (1020), 0, 0, 0, FALSE, 10000, 100 },
    /* after a pause, from its end: one then, the next at the rate */
    { PACE_SET, MS (1030), 100, 1, MS (2030), FALSE, 0, 100 },
    { PACE_TAKE, MS (1500), 0, 0, 0, FALSE, MS (530), 100 },
    { PACE_PEEK, MS (1500), 0, 0, 0, FALSE, MS (530), 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, FALSE, 10000, 100 },
    /* the service's bucket refilled: 5 at once, then at the rate */
    { PACE_FILL, MS (2030), 0, 5, 0, FALSE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (2030), 0, 0, 0, FALSE, 10000, 100 },
    /* not kept: it lapses SK_RATE_GATE_PACE_LEASE_US after the start */
    { PACE_TAKE, MS (4029), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (4030), 0, 0, 0, TRUE, 0, 0 },
    { PACE_TAKE, MS (4030), 0, 0, 0, TRUE, 0, 0 },
    /* kept, it starts again: one now */
    { PACE_KEEP, MS (5000), 0, 0, 0, FALSE, 0, 100 },
    { PACE_TAKE, MS (5000), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (5000), 0, 0, 0, FALSE, 10000, 100 },
    /* kept during a pause: it lasts until the lease after the pause */
    { PACE_PAUSE, MS (5000), 0, 0, MS (9000), FALSE, 0, 100 },
    { PACE_KEEP, MS (5000), 0, 0, 0, FALSE, 0, 100 },
    { PACE_TAKE, MS (10999), 0, 0, 0, TRUE, 0, 100 },
    { PACE_TAKE, MS (11000), 0, 0, 0, TRUE, 0, 0 },
    /* rate 0 ends it */
    { PACE_SET, MS (12000), 100, 1, MS (12000), FALSE, 0, 100 },
    { PACE_SET, MS (12000), 0, 1, MS (12000), FALSE, 0, 0 },
    { PACE_KEEP, MS (12000), 0, 0, 0, FALSE, 0, 0 },
    { PACE_TAKE, MS (12000), 0, 0, 0, TRUE, 0, 0 },
    { PACE_TAKE, MS (12000), 0, 0, 0, TRUE, 0, 0 },
  };
  g_autoptr (SkRateGate) gate = sk_rate_gate_new ();

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      gint64 wait_us = -1;

      g_test_message ("step %u", i);
      switch (table[i].step)
        {
        case PACE_SET:
          sk_rate_gate_set_pace (gate, table[i].rate, table[i].burst, table[i].start_us,
                                 table[i].now_us);
          break;
        case PACE_TAKE:
          g_assert_cmpint (sk_rate_gate_take_pace (gate, table[i].now_us, &wait_us), ==,
                           table[i].allowed);
          g_assert_cmpint (wait_us, ==, table[i].wait_us);
          break;
        case PACE_PEEK:
          g_assert_cmpint (sk_rate_gate_get_pace_wait_us (gate, table[i].now_us), ==,
                           table[i].wait_us);
          break;
        case PACE_KEEP:
          sk_rate_gate_keep_pace (gate, table[i].now_us);
          break;
        case PACE_FILL:
          sk_rate_gate_fill_pace (gate, table[i].burst, table[i].now_us);
          break;
        case PACE_PAUSE:
          sk_rate_gate_pause_until (gate, table[i].start_us);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_cmpfloat (sk_rate_gate_get_pace (gate, table[i].now_us), ==, table[i].pace);
    }
}

#define N_FILES     30
#define PACE        400.0  /* requests/s */
#define SPAN_US     MS (10)

typedef struct
{
  guint n_done;
  guint n_failed;
} Run;

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_client_delete_file_finish (SK_CLIENT (source), result, &error))
    run->n_failed++;
  run->n_done++;
}

static gboolean
run_done (gpointer data)
{
  Run *run = data;

  return run->n_done == N_FILES;
}

static gboolean
keep_pace_cb (gpointer data)
{
  sk_rate_gate_keep_pace (data, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

/* The most requests the server saw in one span of @span_us. */
static guint
most_in_span (const GPtrArray *requests,
              gint64           span_us)
{
  guint most = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const SkFakeRequest *first = requests->pdata[i];
      guint n = 0;

      for (guint j = i; j < requests->len; j++)
        {
          const SkFakeRequest *r = requests->pdata[j];

          if (r->time_us - first->time_us >= span_us)
            break;
          n++;
        }
      most = MAX (most, n);
    }

  return most;
}

/* Deletes N_FILES at once on a fresh client whose gate paces at @pace (0:
 * none), each refused once with a 429; returns the requests the server
 * saw, retries included. */
static GPtrArray *
run_deletions (double pace,
               guint *n_refused)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = NULL;
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  GPtrArray *requests = g_ptr_array_new_with_free_func (g_free);
  Run run = { 0 };
  guint keep_id = 0;

  /* the first attempt of every deletion is refused, asking for 300 ms,
   * after 20 ms: several are on the wire when the first 429 comes */
  g_object_set (fake, "latency-ms", 20, NULL);
  client = g_object_new (SK_TYPE_CLIENT,
                         "base-url", url,
                         "api-key", "sk-test-key",
                         "max-attempts", 10,
                         NULL);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-p%02u", i);

      g_autofree char *path = g_strdup_printf ("/v1/files/%s", id);

      sk_fake_openai_add_file (fake, id, "p.txt", "assistants", 10, 1);
      sk_fake_openai_queue_fault (fake, path, SK_FAKE_FAULT_STATUS, 429, 300);
    }

  if (pace > 0)
    {
      sk_rate_gate_set_pace (sk_client_get_rate_gate (client), pace, 1,
                             g_get_monotonic_time (), g_get_monotonic_time ());
      /* as a bulk job does while it runs */
      keep_id = g_timeout_add (100, keep_pace_cb, sk_client_get_rate_gate (client));
    }

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-p%02u", i);

      sk_client_delete_file_async (client, id, NULL, deleted_cb, &run);
    }
  sk_test_wait_until (run_done, &run, WAIT_MS);
  g_clear_handle_id (&keep_id, g_source_remove);
  g_assert_cmpuint (run.n_failed, ==, 0);

  *n_refused = 0;
  for (guint i = 0; i < sk_fake_openai_get_requests (fake)->len; i++)
    {
      const SkFakeRequest *r = sk_fake_openai_get_requests (fake)->pdata[i];

      if (r->status == 429)
        (*n_refused)++;
      g_ptr_array_add (requests, g_memdup2 (r, sizeof (SkFakeRequest)));
    }
  sk_fake_openai_disconnect (fake);

  return requests;
}

/* Every attempt, a retry after a 429 too, waits for the pace: the server
 * never sees them faster; without a pace the retries come all at once. */
static void
test_retries_paced (void)
{
  g_autoptr (GPtrArray) paced = NULL;
  g_autoptr (GPtrArray) unpaced = NULL;
  guint paced_refused = 0, unpaced_refused = 0;

  paced = run_deletions (PACE, &paced_refused);
  g_test_message ("paced: %u requests, %u refused, at most %u in 10 ms",
                  paced->len, paced_refused, most_in_span (paced, SPAN_US));
  /* every one refused, then retried */
  g_assert_cmpuint (paced_refused, ==, N_FILES);
  g_assert_cmpuint (paced->len, ==, N_FILES + paced_refused);
  /* any n requests span at least (n - 1) / PACE; two requests of slack
   * for the timing of the server's loop */
  for (guint i = 0; i < paced->len; i++)
    for (guint j = i + 1; j < paced->len; j++)
      {
        const SkFakeRequest *a = paced->pdata[i];
        const SkFakeRequest *b = paced->pdata[j];

        g_assert_cmpfloat (j - i, <=, 1 + PACE * (b->time_us - a->time_us) / G_USEC_PER_SEC + 2);
      }
  g_assert_cmpuint (most_in_span (paced, SPAN_US), <=, 1 + PACE * SPAN_US / G_USEC_PER_SEC + 2);

  /* the same without a pace: the requests refused go again together (a
   * process slowed down twentyfold, under valgrind, spreads them out) */
  if (g_getenv ("SK_TEST_SLOW") != NULL)
    {
      g_test_message ("SK_TEST_SLOW: the unpaced control is not timed");
      return;
    }
  unpaced = run_deletions (0, &unpaced_refused);
  g_test_message ("unpaced: %u requests, %u refused, at most %u in 10 ms",
                  unpaced->len, unpaced_refused, most_in_span (unpaced, SPAN_US));
  g_assert_cmpuint (unpaced_refused, ==, N_FILES);
  g_assert_cmpuint (most_in_span (unpaced, SPAN_US), >, 1 + PACE * SPAN_US / G_USEC_PER_SEC + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rate-pace/gate", test_gate_pace);
  g_test_add_func ("/rate-pace/retries", test_retries_paced);

  return g_test_run ();
}
