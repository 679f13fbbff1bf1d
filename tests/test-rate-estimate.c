/* test-rate-estimate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Table tests of sk_rate_estimate(): episodes against a simulated token
 * bucket (the one the fake server uses), with the client's send times
 * off by a few milliseconds, give back the rate and the bucket; too few,
 * too similar or absurd episodes give nothing. */

#include "sk-rate-estimate.h"
#include "sk-token-bucket.h"

#include <math.h>

#define MAX_EPISODES 4

/* The client sends at @rate until @switch_s, then at @rate2 growing by
 * @growth per second. */
typedef struct
{
  double rate;
  double switch_s;
  double rate2;
  double growth;
} Schedule;

typedef struct
{
  const char *name;
  double      rate;           /* the server's */
  double      capacity;
  double      jitter_ms;      /* the client's send times are off by up to this */
  Schedule    episodes[MAX_EPISODES];
  gboolean    known;          /* expected result */
  double      rate_tolerance; /* relative */
} Row;

static const Row rows[] = {
  /* slow start far above the rate, then a pace ramping up through it */
  { "short-bucket-ramp", 200, 20, 2, {
      { 640, 0, 0, 0 }, { 145, 0.5, 200, 0.35 } }, TRUE, 0.03 },
  /* slow start, then a pace a little above the rate */
  { "half-second-bucket", 200, 100, 2, {
      { 1450, 0, 0, 0 }, { 290, 0, 0, 0 } }, TRUE, 0.03 },
  { "one-second-bucket", 200, 200, 2, {
      { 3000, 0, 0, 0 }, { 230, 0, 0, 0 } }, TRUE, 0.03 },
  /* a pace under the rate for 1.5 s, then above it: the bucket was full
   * at the switch, which the fit finds */
  { "under-then-above", 200, 20, 2, {
      { 640, 0, 0, 0 }, { 145, 1.5, 205, 0 } }, TRUE, 0.02 },
  { "three-episodes-slow-server", 50, 5, 3, {
      { 400, 0, 0, 0 }, { 80, 0, 0, 0 }, { 52, 0, 0, 0 } }, TRUE, 0.03 },
  { "fast-server", 2000, 400, 1, {
      { 8000, 0, 0, 0 }, { 2400, 0, 0, 0 } }, TRUE, 0.03 },
  /* degenerate */
  { "one-episode", 200, 20, 2, {
      { 640, 0, 0, 0 } }, FALSE, 0 },
  { "same-rate-twice", 200, 20, 0, {
      { 400, 0, 0, 0 }, { 400, 0, 0, 0 } }, FALSE, 0 },
  { "two-short-episodes", 200, 20, 2, {
      { 1000, 0, 0, 0 }, { 900, 0, 0, 0 } }, FALSE, 0 },
};

/* Sends against a full bucket until the first refusal. */
static void
simulate (const Row      *row,
          const Schedule *schedule,
          GRand          *rand,
          GArray         *sent,
          SkRateEpisode  *episode)
{
  SkTokenBucket bucket;
  double t = 0;

  sk_token_bucket_init (&bucket, row->rate, row->capacity, row->capacity, 0);
  for (guint i = 0; i < 1000000; i++)
    {
      double rate = t < schedule->switch_s
        ? schedule->rate
        : (schedule->rate2 > 0 ? schedule->rate2 : schedule->rate) *
          exp (schedule->growth * (t - schedule->switch_s));
      gint64 now_us = (gint64) (t * G_USEC_PER_SEC);
      gint64 seen_us = now_us + (gint64) (g_rand_double_range (rand, -1, 1) * row->jitter_ms * 1000);

      if (!sk_token_bucket_take (&bucket, now_us, NULL))
        {
          episode->refused_us = seen_us;
          break;
        }
      g_array_append_val (sent, seen_us);
      t += 1.0 / rate;
    }

  /* the jitter may put two sends out of order: the client's times ascend */
  for (guint i = 1; i < sent->len; i++)
    if (g_array_index (sent, gint64, i) < g_array_index (sent, gint64, i - 1))
      g_array_index (sent, gint64, i) = g_array_index (sent, gint64, i - 1);
  episode->sent_us = (const gint64 *) sent->data;
  episode->n_sent = sent->len;
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  SkRateEpisode episodes[MAX_EPISODES];
  GArray *sent[MAX_EPISODES];
  SkRateEstimate estimate = { 0 };
  guint n = 0;
  gboolean known;

  for (; n < MAX_EPISODES && row->episodes[n].rate > 0; n++)
    {
      sent[n] = g_array_new (FALSE, FALSE, sizeof (gint64));
      simulate (row, &row->episodes[n], rand, sent[n], &episodes[n]);
    }

  known = sk_rate_estimate (episodes, n, &estimate);
  /* imprecise: a hint only */
  if (!known && estimate.rate > 0)
    g_assert_cmpfloat (estimate.error, >, SK_RATE_ESTIMATE_MAX_ERROR);
  g_test_message ("%s: %s, rate %.1f, capacity %.1f, error %.3f", row->name,
                  known ? "known" : "unknown", estimate.rate, estimate.capacity, estimate.error);
  g_assert_cmpint (known, ==, row->known);
  if (known)
    {
      g_assert_cmpfloat (fabs (estimate.rate - row->rate), <=, row->rate_tolerance * row->rate);
      g_assert_cmpfloat (fabs (estimate.capacity - row->capacity), <=,
                         3 + row->rate_tolerance * row->capacity * 2);
      g_assert_cmpfloat (estimate.error, <=, SK_RATE_ESTIMATE_MAX_ERROR);
    }

  for (guint i = 0; i < n; i++)
    g_array_unref (sent[i]);
}

/* Hand-made episodes: absurd ones give nothing. */
static void
test_absurd (void)
{
  static const gint64 long_sent[] = { 0, 100000, 200000, 300000, 400000, 500000, 600000,
                                      700000, 800000, 900000 };
  static const gint64 short_sent[] = { 0, 5000, 10000, 15000, 20000, 25000, 30000, 35000,
                                       40000, 45000, 50000, 55000, 60000, 65000, 70000,
                                       75000, 80000, 85000, 90000, 95000 };
  SkRateEpisode episodes[2];
  SkRateEstimate estimate = { 0 };

  /* more requests in 0.1 s than in 1 s: a rate below zero */
  episodes[0] = (SkRateEpisode) { short_sent, G_N_ELEMENTS (short_sent), 100000 };
  episodes[1] = (SkRateEpisode) { long_sent, G_N_ELEMENTS (long_sent), 1000000 };
  g_assert_false (sk_rate_estimate (episodes, 2, &estimate));
  g_assert_cmpfloat (estimate.rate, ==, 0);

  /* the first request refused: no point */
  episodes[1] = (SkRateEpisode) { long_sent, 0, 0 };
  g_assert_false (sk_rate_estimate (episodes, 2, &estimate));

  g_assert_false (sk_rate_estimate (NULL, 0, &estimate));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rate-estimate/%s", rows[i].name);

      g_test_add_data_func (path, &rows[i], test_row);
    }
  g_test_add_func ("/rate-estimate/absurd", test_absurd);

  return g_test_run ();
}
