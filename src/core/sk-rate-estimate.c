/* sk-rate-estimate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rate and the bucket of a token-bucket server, from the episodes
 * that ended in a refusal.
 *
 * An episode starts with the server's bucket full (the client paused for
 * the whole Retry-After, a second or more, and the bucket refilled). Until
 * the first refusal the server accepted n requests, sent between a start s
 * and the refused one at s + t; from the start at which the bucket was
 * last full, n = capacity + rate × t. While the client sends faster than
 * the rate from the episode's start on, that start is the first request;
 * when it first sent slower (a pace under the rate), the bucket stayed
 * full until it sent faster, so the start is the request after which the
 * requests sent exceed the rate the most: the one maximising
 * n − rate × t. Each episode is thus a point (t, n) of the line
 * n = capacity + rate × t, given the rate: the fit starts from the first
 * requests, fits the line (least squares) and picks the points again
 * with the rate found, until they no longer move.
 *
 * Times are client-side send times: the latency to the server cancels out
 * as long as it does not vary. The noise is about one request (the refusal
 * comes below one token) plus a few milliseconds of timing, so the rate is
 * only as good as the spread of the episodes' durations: an estimate whose
 * uncertainty is above SK_RATE_ESTIMATE_MAX_ERROR is refused, and so are
 * the absurd ones (no spread, a rate or bucket below zero, a rate above
 * what the client sent).
 */

#include "config.h"

#include "sk-rate-estimate.h"

#include <math.h>

#define COUNT_NOISE     1.5       /* requests */
#define TIME_NOISE_S    0.003     /* seconds */
#define MAX_ITERATIONS  8

typedef struct
{
  double t;   /* seconds from the start to the refused request */
  double n;   /* requests accepted in between */
} Point;

/* The point of @episode for @rate (see above). */
static Point
episode_point (const SkRateEpisode *episode,
               double               rate)
{
  Point best = { 0, 0 };
  double best_excess = -G_MAXDOUBLE;

  for (guint i = 0; i < episode->n_sent; i++)
    {
      double t = MAX (episode->refused_us - episode->sent_us[i], 0) / (double) G_USEC_PER_SEC;
      double n = episode->n_sent - i;

      if (n - rate * t > best_excess)
        {
          best_excess = n - rate * t;
          best.t = t;
          best.n = n;
        }
    }

  return best;
}

/* Least squares of n = capacity + rate × t; FALSE without spread. */
static gboolean
fit_line (const Point *points,
          guint        n_points,
          double      *rate,
          double      *capacity,
          double      *spread)
{
  double mean_t = 0, mean_n = 0, stt = 0, stn = 0;

  for (guint i = 0; i < n_points; i++)
    {
      mean_t += points[i].t / n_points;
      mean_n += points[i].n / n_points;
    }
  for (guint i = 0; i < n_points; i++)
    {
      stt += (points[i].t - mean_t) * (points[i].t - mean_t);
      stn += (points[i].t - mean_t) * (points[i].n - mean_n);
    }
  if (stt < 1e-6)
    return FALSE;

  *rate = stn / stt;
  *capacity = mean_n - *rate * mean_t;
  *spread = sqrt (stt);
  return TRUE;
}

/**
 * sk_rate_estimate:
 * @episodes: (array length=n_episodes): the episodes that ended in a refusal
 * @n_episodes: how many; at least two are needed
 * @estimate: (out): the server's rate and bucket, when known
 *
 * Returns: %TRUE when the episodes give a rate precise enough (see above);
 *   %FALSE for too few or too similar episodes, or absurd results. An
 *   imprecise estimate still fills @estimate (its rate is 0 otherwise),
 *   a hint of where to look.
 */
gboolean
sk_rate_estimate (const SkRateEpisode *episodes,
                  guint                n_episodes,
                  SkRateEstimate      *estimate)
{
  g_autofree Point *points = NULL;
  double rate = 0, capacity = 0, spread = 0, error;
  guint n_points = 0;

  g_return_val_if_fail (episodes != NULL || n_episodes == 0, FALSE);
  g_return_val_if_fail (estimate != NULL, FALSE);

  *estimate = (SkRateEstimate) { 0 };
  points = g_new0 (Point, MAX (n_episodes, 1));

  for (guint iteration = 0; iteration < MAX_ITERATIONS; iteration++)
    {
      gboolean moved = FALSE;

      n_points = 0;
      for (guint i = 0; i < n_episodes; i++)
        {
          Point point;

          /* the first request refused: the bucket was not full, no point */
          if (episodes[i].n_sent == 0)
            continue;

          point = episode_point (&episodes[i], MAX (rate, 0));
          moved |= point.t != points[n_points].t || point.n != points[n_points].n;
          points[n_points++] = point;
        }

      if (n_points < 2 || !fit_line (points, n_points, &rate, &capacity, &spread))
        return FALSE;
      if (rate <= 0)
        return FALSE;
      if (!moved && iteration > 0)
        break;
    }

  if (capacity < -COUNT_NOISE)
    return FALSE;

  /* a bucket of zero or more: the server let at least rate × t through
   * in t seconds */
  for (guint i = 0; i < n_points; i++)
    if (points[i].t > 0 && rate * points[i].t > points[i].n + COUNT_NOISE + rate * TIME_NOISE_S)
      return FALSE;

  /* the uncertainty of the slope, from the noise of each point */
  error = (COUNT_NOISE + rate * TIME_NOISE_S) / spread / rate;
  estimate->rate = rate;
  estimate->capacity = MAX (capacity, 1.0);
  estimate->error = error;

  return error <= SK_RATE_ESTIMATE_MAX_ERROR;
}
