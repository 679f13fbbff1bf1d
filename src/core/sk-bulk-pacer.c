/* sk-bulk-pacer.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How many requests of a bulk job may be in flight, and when the next one
 * may start. Plain arithmetic on times passed in: the job calls it, and it
 * calls nothing back (the job owns the timers).
 *
 * Concurrency: an SkBulkWindow (sk-bulk-window.c: slow start from 8, then
 * additive increase, multiplicative decrease on 429s and on a latency
 * rise, never above max-in-flight), whose round is the observed request
 * duration, so that one burst of 429s counts as one signal.
 *
 * Pacing: a 429 whose delay is a whole second or more (the real API sends
 * only an integer Retry-After, >= 1 s) stops every request of the client
 * for that long, which costs far more than the burst it answered. So after
 * such a 429 the pacer also paces the starts of requests (a token bucket of
 * SK_BULK_PACE_BURST_S) at a rate it searches for. The first 429 gives
 * bounds: the rate measured before it is the upper one; the server's bucket
 * was full when the job started and, holding at most the delay it asks
 * for, lets n requests through in t seconds only if the rate is at least
 * n / (t + delay), the lower one. The pace starts at that bound, or at
 * half the upper one when the bound is weaker than that. Afterwards a 429
 * makes the current rate the upper bound and a period of
 * SK_BULK_PACE_PROBE_MS without one makes it the lower bound, and the next
 * rate is the middle (in ratio while they are far apart); once the
 * bounds are within 5% the pace holds at the middle, and only after
 * SK_BULK_PACE_HOLD_PROBES probe periods is the upper bound raised by 10%,
 * to follow a server that allows more. While pacing, the in-flight limit
 * is at most twice what the pace needs at the latency seen, so that the
 * requests refused in one burst, all sent again when the client's gate
 * opens, stay few. 429s with short delays (retry-after-ms) are left to the
 * client's gate and the window alone.
 */

#include "sk-bulk-pacer.h"

#include "sk-bulk-window.h"
#include "sk-token-bucket.h"

#include <math.h>

#define SK_BULK_START_RING 4096   /* start times kept to measure the start rate */
#define SK_BULK_PACE_HOLD_PROBES 10  /* probe periods held once converged before probing up */

struct _SkBulkPacer
{
  gint64        start_us;           /* the job started */

  SkBulkWindow  window;
  double        avg_request_us;

  /* Pacing; pace_rate 0: not paced */
  double        pace_rate;          /* request starts per second */
  double        pace_lo;            /* highest rate held without 429, 0: none */
  double        pace_hi;            /* lowest rate that got a 429 */
  SkTokenBucket bucket;
  gint64        probe_since_us;     /* the current rate applies since */
  guint         pace_good_probes;   /* probe periods passed once converged */

  gint64        starts[SK_BULK_START_RING];
  guint         n_starts;           /* total, the ring holds the last ones */
  guint         n_starts_at_start;  /* n_starts when the job started */
};

static void
set_pace_rate (SkBulkPacer *self,
               double       rate,
               gint64       since_us,
               gint64       now_us)
{
  self->pace_rate = MAX (rate, 1.0);
  self->probe_since_us = since_us;
  /* the client's gate holds the requests until @since_us anyway */
  sk_token_bucket_init (&self->bucket, self->pace_rate,
                        MAX (1.0, self->pace_rate * SK_BULK_PACE_BURST_S), 0, now_us);
  g_debug ("Pacing at %.1f requests/s (bounds %.1f..%.1f; measured %.1f)",
           self->pace_rate, self->pace_lo, self->pace_hi,
           sk_bulk_pacer_measure_start_rate (self, now_us, self->start_us));
}

/* A 429 with a long delay came: lower the pace. */
static void
pace_on_rate_limited (SkBulkPacer *self,
                      gint64       now_us,
                      guint        delay_ms)
{
  gint64 gate_end = now_us + (gint64) delay_ms * 1000;

  /* The answers to the requests of one burst count once: those started
   * before the current rate applied are about the previous one (a round
   * trip after the gate, from the latency of answers not held by it). */
  if (self->pace_rate > 0 &&
      now_us < self->probe_since_us + MAX ((gint64) self->window.smooth_latency_us * 2, 10000))
    return;

  if (self->pace_rate == 0)
    {
      double t = (now_us - self->start_us) / (double) G_USEC_PER_SEC;
      double n = self->n_starts - self->n_starts_at_start;

      /* The server's bucket was full when the job started and let n
       * requests through in t seconds: n <= bucket + rate t. A bucket of
       * at most the delay it asks for gives a rate of at least
       * n / (t + delay), where the pace starts; the rate measured before
       * the 429 is the upper bound. */
      self->pace_hi = sk_bulk_pacer_measure_start_rate (self, now_us, self->start_us);
      self->pace_lo = t > 0 ? MIN (n / (t + delay_ms / 1000.0), self->pace_hi / 2) : 0;
      /* a weak lower bound (a short bucket, a long delay): half the rate
       * measured, as a first guess */
      set_pace_rate (self, MAX (self->pace_lo, self->pace_hi / 2), gate_end, now_us);
    }
  else
    {
      self->pace_hi = self->pace_rate;
      /* a lower bound this close was wrong (a probe period shorter than
       * the server's bucket lasts), or no longer holds: look lower */
      if (self->pace_lo > self->pace_hi * 0.95)
        self->pace_lo = self->pace_hi * 0.85;
      /* no rate known to hold yet: a quarter lower */
      set_pace_rate (self,
                     self->pace_lo > 0 ? (self->pace_lo + self->pace_hi) / 2 : self->pace_rate * 0.75,
                     gate_end, now_us);
    }
  self->pace_good_probes = 0;
}

/* Called as time passes: a rate held for a probe period is good. */
static void
pace_check_probe (SkBulkPacer *self,
                  gint64       now_us)
{
  if (self->pace_rate == 0 || now_us < self->probe_since_us + SK_BULK_PACE_PROBE_MS * 1000)
    return;

  self->pace_lo = MAX (self->pace_lo, self->pace_rate);
  if (self->pace_hi <= self->pace_lo)
    self->pace_hi = self->pace_lo * 1.1;

  if (self->pace_hi > 1.5 * self->pace_lo)
    {
      /* far apart: the middle in ratio */
      set_pace_rate (self, sqrt (self->pace_lo * self->pace_hi), now_us, now_us);
    }
  else if (self->pace_hi - self->pace_lo > 0.05 * self->pace_hi)
    {
      set_pace_rate (self, (self->pace_lo + self->pace_hi) / 2, now_us, now_us);
    }
  else if (++self->pace_good_probes >= SK_BULK_PACE_HOLD_PROBES)
    {
      /* converged for a long while: see whether the server allows more
       * (rarely: every probe above the rate costs a pause of the whole
       * client) */
      self->pace_hi *= 1.1;
      self->pace_good_probes = 0;
      set_pace_rate (self, (self->pace_lo + self->pace_hi) / 2, now_us, now_us);
    }
  else
    {
      self->probe_since_us = now_us;
    }
}

/**
 * sk_bulk_pacer_new:
 * @max_in_flight: the most requests in flight (clamped to 1..64)
 *
 * Returns: (transfer full): a pacer, not pacing, at the initial limit
 */
SkBulkPacer *
sk_bulk_pacer_new (guint max_in_flight)
{
  SkBulkPacer *self = g_new0 (SkBulkPacer, 1);

  sk_bulk_window_init (&self->window, max_in_flight);
  return self;
}

void
sk_bulk_pacer_free (SkBulkPacer *self)
{
  g_free (self);
}

/* The job starts: the limit goes back to its initial value. */
void
sk_bulk_pacer_start (SkBulkPacer *self,
                     gint64       now_us)
{
  g_return_if_fail (self != NULL);

  self->start_us = now_us;
  self->n_starts_at_start = self->n_starts;
  sk_bulk_window_restart (&self->window);
}

/**
 * sk_bulk_pacer_set_max_in_flight:
 * @max_in_flight: the new cap (clamped to 1..64)
 * @running: whether the job runs: then only a lower cap lowers the limit
 *
 * Returns: %TRUE when the current limit changed
 */
gboolean
sk_bulk_pacer_set_max_in_flight (SkBulkPacer *self,
                                 guint        max_in_flight,
                                 gboolean     running)
{
  guint old;

  g_return_val_if_fail (self != NULL, FALSE);

  old = sk_bulk_pacer_get_limit (self);
  sk_bulk_window_set_cap (&self->window, max_in_flight, running);
  return sk_bulk_pacer_get_limit (self) != old;
}

guint
sk_bulk_pacer_get_max_in_flight (SkBulkPacer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->window.cap;
}

/* The adaptive in-flight limit; while pacing, no more than twice what the
 * pace needs at the latency seen, so that a burst of 429s (every request
 * sent again together when the client's gate opens) stays small. */
guint
sk_bulk_pacer_get_limit (SkBulkPacer *self)
{
  double needed;

  g_return_val_if_fail (self != NULL, 0);

  if (self->pace_rate == 0 || self->window.smooth_latency_us <= 0)
    return self->window.limit;

  needed = ceil (2 * self->pace_rate * self->window.smooth_latency_us / G_USEC_PER_SEC);
  return (guint) CLAMP (needed, 2, self->window.limit);
}

/* Request starts per second allowed; 0 when not pacing. */
double
sk_bulk_pacer_get_pace_rate (SkBulkPacer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pace_rate;
}

double
sk_bulk_pacer_get_avg_request_us (SkBulkPacer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->avg_request_us;
}

void
sk_bulk_pacer_request_started (SkBulkPacer *self,
                               gint64       now_us)
{
  g_return_if_fail (self != NULL);

  self->starts[self->n_starts++ % SK_BULK_START_RING] = now_us;
}

/* A request ended after @duration_us, whatever its answer. */
void
sk_bulk_pacer_request_ended (SkBulkPacer *self,
                             gint64       duration_us)
{
  g_return_if_fail (self != NULL);

  self->avg_request_us = self->avg_request_us == 0
    ? duration_us : 0.8 * self->avg_request_us + 0.2 * duration_us;
}

/**
 * sk_bulk_pacer_request_succeeded:
 * @now_us: when the answer came
 * @latency_us: how long its one attempt took; <= 0: not a sample (it was
 *   retried or held by a 429)
 *
 * Returns: %TRUE when the limit (sk_bulk_pacer_get_limit()) changed
 */
gboolean
sk_bulk_pacer_request_succeeded (SkBulkPacer *self,
                                 gint64       now_us,
                                 gint64       latency_us)
{
  guint old;

  g_return_val_if_fail (self != NULL, FALSE);

  old = sk_bulk_pacer_get_limit (self);
  sk_bulk_window_succeeded (&self->window, now_us, latency_us, (gint64) self->avg_request_us);
  return sk_bulk_pacer_get_limit (self) != old;
}

/**
 * sk_bulk_pacer_rate_limited:
 * @now_us: when the 429 came
 * @delay_ms: the delay the server asked for
 * @may_pace: whether this 429 may slow the starts down (not once the job
 *   is cancelled, nor when the client fails the request instead of waiting)
 *
 * A 429 came: halve the limit (once per burst) and, for a delay of a
 * second or more, pace the starts.
 *
 * Returns: %TRUE when the limit changed
 */
gboolean
sk_bulk_pacer_rate_limited (SkBulkPacer *self,
                            gint64       now_us,
                            guint        delay_ms,
                            gboolean     may_pace)
{
  guint old;

  g_return_val_if_fail (self != NULL, FALSE);

  old = sk_bulk_pacer_get_limit (self);
  if (may_pace && delay_ms >= SK_BULK_PACE_MIN_DELAY_MS)
    pace_on_rate_limited (self, now_us, delay_ms);

  /* One burst of 429s (the requests in flight in the same round trip) is
   * one congestion signal, as in TCP. */
  sk_bulk_window_rate_limited (&self->window, now_us, (gint64) self->avg_request_us);
  return sk_bulk_pacer_get_limit (self) != old;
}

/**
 * sk_bulk_pacer_may_start:
 * @now_us: the monotonic time now
 * @wait_us: (out): when it may not, how long until it may
 *
 * Takes the pace's token for one request start.
 *
 * Returns: %TRUE when a request may start now
 */
gboolean
sk_bulk_pacer_may_start (SkBulkPacer *self,
                         gint64       now_us,
                         gint64      *wait_us)
{
  g_return_val_if_fail (self != NULL, FALSE);

  *wait_us = 0;
  if (self->pace_rate == 0)
    return TRUE;

  pace_check_probe (self, now_us);
  return sk_token_bucket_take (&self->bucket, now_us, wait_us);
}

/* Request starts per second over the last second (or since @since_us). */
double
sk_bulk_pacer_measure_start_rate (SkBulkPacer *self,
                                  gint64       now_us,
                                  gint64       since_us)
{
  gint64 from;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  from = MAX (now_us - G_USEC_PER_SEC, since_us);
  for (guint i = 0; i < MIN (self->n_starts, SK_BULK_START_RING); i++)
    {
      gint64 t = self->starts[(self->n_starts - 1 - i) % SK_BULK_START_RING];

      if (t < from)
        break;
      n++;
    }

  return n * (double) G_USEC_PER_SEC / MAX (now_us - from, 100 * 1000);
}
