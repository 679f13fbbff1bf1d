/* sk-rate-gate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-rate-gate.h"

#include "sk-token-bucket.h"

#include <math.h>

struct _SkRateGate
{
  /* monotonic time before which no request is sent (after a 429) */
  gint64 paused_until_us;

  /* the pace of every attempt while a bulk job paces; rate 0: none */
  SkTokenBucket pace;
  gint64        pace_until_us;   /* the pace lapses then unless kept */

  /* the rate the service allows, learned from its refusals; 0: none */
  double learned_rate;
  double learned_capacity;
  gint64 learned_us;
  guint  learned_refusals;   /* refusals of a pace at it since */
};

G_DEFINE_BOXED_TYPE (SkRateGate, sk_rate_gate, sk_rate_gate_ref, sk_rate_gate_unref)

/**
 * sk_rate_gate_new:
 *
 * Returns: (transfer full): an open gate, to give as "rate-gate" to the
 *   clients that must slow down together
 */
SkRateGate *
sk_rate_gate_new (void)
{
  return g_atomic_rc_box_new0 (SkRateGate);
}

SkRateGate *
sk_rate_gate_ref (SkRateGate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
sk_rate_gate_unref (SkRateGate *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release (self);
}

gint64
sk_rate_gate_get_paused_until_us (SkRateGate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->paused_until_us;
}

/**
 * sk_rate_gate_pause_until:
 * @until_us: a g_get_monotonic_time() value
 *
 * Closes the gate until @until_us, unless it is already closed for longer.
 */
void
sk_rate_gate_pause_until (SkRateGate *self,
                          gint64      until_us)
{
  g_return_if_fail (self != NULL);

  self->paused_until_us = MAX (self->paused_until_us, until_us);
}

/**
 * sk_rate_gate_get_wait_ms:
 * @now_us: the current g_get_monotonic_time()
 *
 * Returns: how long a request must still wait, rounded up to the next
 *   millisecond; 0 when the gate is open
 */
guint
sk_rate_gate_get_wait_ms (SkRateGate *self,
                          gint64      now_us)
{
  gint64 wait_ms;

  g_return_val_if_fail (self != NULL, 0);

  if (self->paused_until_us <= now_us)
    return 0;

  wait_ms = (self->paused_until_us - now_us + 999) / 1000;
  return (guint) MIN (wait_ms, G_MAXUINT);
}

static gboolean
pace_active (SkRateGate *self,
             gint64      now_us)
{
  return self->pace.rate > 0 && now_us < self->pace_until_us;
}

static void
extend_pace (SkRateGate *self,
             gint64      now_us)
{
  self->pace_until_us = MAX (self->pace_until_us,
                             MAX (now_us, self->paused_until_us) + SK_RATE_GATE_PACE_LEASE_US);
}

/**
 * sk_rate_gate_set_pace:
 * @rate: attempts per second; 0 ends the pace
 * @burst: the most attempts sent at once (at least 1)
 * @start_us: the pace applies from then: after a pause, its end
 * @now_us: the current g_get_monotonic_time()
 *
 * Paces every attempt of the clients of the gate, retries included: each
 * waits for a token (sk_rate_gate_take_pace()). A new pace, or one that
 * starts after a pause, lets one attempt go at @start_us and the next ones
 * at @rate; a pace already running that changes now keeps its tokens. It lapses SK_RATE_GATE_PACE_LEASE_US after @start_us, @now_us
 * or the end of the pause, unless kept (sk_rate_gate_keep_pace()): the job
 * that set it may end without a word.
 */
void
sk_rate_gate_set_pace (SkRateGate *self,
                       double      rate,
                       double      burst,
                       gint64      start_us,
                       gint64      now_us)
{
  g_return_if_fail (self != NULL);

  if (rate <= 0)
    {
      self->pace.rate = 0;
      self->pace_until_us = 0;
      return;
    }

  if (pace_active (self, now_us) && start_us <= now_us)
    {
      if (now_us > self->pace.time_us)
        {
          self->pace.tokens = MIN (self->pace.capacity,
                                   self->pace.tokens +
                                   (now_us - self->pace.time_us) * self->pace.rate / G_USEC_PER_SEC);
          self->pace.time_us = now_us;
        }
      self->pace.rate = rate;
      self->pace.capacity = MAX (1.0, burst);
      self->pace.tokens = MIN (self->pace.tokens, self->pace.capacity);
    }
  else
    {
      sk_token_bucket_init (&self->pace, rate, burst, 1, MAX (start_us, now_us));
      self->pace_until_us = 0;
    }

  extend_pace (self, MAX (start_us, now_us));
}

/**
 * sk_rate_gate_fill_pace:
 * @burst: the most attempts sent at once from now on (at least 1)
 * @now_us: the current g_get_monotonic_time()
 *
 * The service's bucket refilled (a pause just ended) and is known to hold
 * more than @burst: the pace lets @burst attempts go at once now.
 */
void
sk_rate_gate_fill_pace (SkRateGate *self,
                        double      burst,
                        gint64      now_us)
{
  g_return_if_fail (self != NULL);

  if (!pace_active (self, now_us))
    return;

  self->pace.capacity = MAX (1.0, burst);
  self->pace.tokens = self->pace.capacity;
  self->pace.time_us = MAX (self->pace.time_us, now_us);
}

/**
 * sk_rate_gate_keep_pace:
 * @now_us: the current g_get_monotonic_time()
 *
 * The job that set the pace still runs: the pace lasts at least
 * SK_RATE_GATE_PACE_LEASE_US more (after the pause, if any). A pace that
 * lapsed starts again, one attempt now.
 */
void
sk_rate_gate_keep_pace (SkRateGate *self,
                        gint64      now_us)
{
  g_return_if_fail (self != NULL);

  if (self->pace.rate <= 0)
    return;
  if (!pace_active (self, now_us))
    sk_token_bucket_init (&self->pace, self->pace.rate, self->pace.capacity, 1, now_us);
  extend_pace (self, now_us);
}

/* The pace in attempts per second; 0 when none (or it lapsed). */
double
sk_rate_gate_get_pace (SkRateGate *self,
                       gint64      now_us)
{
  g_return_val_if_fail (self != NULL, 0);

  return pace_active (self, now_us) ? self->pace.rate : 0;
}

/**
 * sk_rate_gate_take_pace:
 * @now_us: the current g_get_monotonic_time()
 * @wait_us: (out): when it may not, how long until it may
 *
 * Takes a token of the pace for one attempt; without a pace, always
 * allowed.
 *
 * Returns: %TRUE when the attempt may be sent now
 */
gboolean
sk_rate_gate_take_pace (SkRateGate *self,
                        gint64      now_us,
                        gint64     *wait_us)
{
  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (wait_us != NULL, TRUE);

  *wait_us = 0;
  if (!pace_active (self, now_us))
    return TRUE;

  /* (its start still to come) */
  if (now_us < self->pace.time_us)
    {
      *wait_us = self->pace.time_us - now_us +
                 (self->pace.tokens >= 1.0
                  ? 0 : (gint64) ceil ((1.0 - self->pace.tokens) * G_USEC_PER_SEC / self->pace.rate));
      return FALSE;
    }

  return sk_token_bucket_take (&self->pace, now_us, wait_us);
}

/* How long until the pace has a token; 0: now (or no pace). Takes none. */
gint64
sk_rate_gate_get_pace_wait_us (SkRateGate *self,
                               gint64      now_us)
{
  SkTokenBucket copy;
  gint64 wait_us = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (!pace_active (self, now_us))
    return 0;
  if (now_us < self->pace.time_us)
    {
      sk_rate_gate_take_pace (self, now_us, &wait_us);
      return wait_us;
    }

  copy = self->pace;
  sk_token_bucket_take (&copy, now_us, &wait_us);
  return wait_us;
}

/**
 * sk_rate_gate_set_learned_rate:
 * @rate: requests per second the service allows (more than 0)
 * @capacity: requests its bucket holds
 * @now_us: the current g_get_monotonic_time()
 *
 * Keeps the rate a job learned, for the next jobs of the same clients,
 * for SK_RATE_GATE_LEARNED_LIFETIME_US. A rate refined while one is known
 * keeps its count of refusals.
 */
void
sk_rate_gate_set_learned_rate (SkRateGate *self,
                               double      rate,
                               double      capacity,
                               gint64      now_us)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rate > 0);

  if (self->learned_rate <= 0)
    self->learned_refusals = 0;
  self->learned_rate = rate;
  self->learned_capacity = capacity;
  self->learned_us = now_us;
}

/**
 * sk_rate_gate_get_learned_rate:
 * @now_us: the current g_get_monotonic_time()
 * @rate: (out) (optional): requests per second
 * @capacity: (out) (optional): requests the service's bucket holds
 *
 * Returns: %TRUE when a rate was learned less than
 *   SK_RATE_GATE_LEARNED_LIFETIME_US ago and not forgotten since
 */
gboolean
sk_rate_gate_get_learned_rate (SkRateGate *self,
                               gint64      now_us,
                               double     *rate,
                               double     *capacity)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->learned_rate > 0 && now_us - self->learned_us >= SK_RATE_GATE_LEARNED_LIFETIME_US)
    sk_rate_gate_forget_learned_rate (self);
  if (self->learned_rate <= 0)
    return FALSE;

  if (rate != NULL)
    *rate = self->learned_rate;
  if (capacity != NULL)
    *capacity = self->learned_capacity;
  return TRUE;
}

/**
 * sk_rate_gate_learned_rate_refused:
 *
 * A pace at the learned rate was refused: the second time, the rate is
 * forgotten (the service no longer allows it).
 *
 * Returns: %TRUE when the rate was forgotten
 */
gboolean
sk_rate_gate_learned_rate_refused (SkRateGate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->learned_rate <= 0)
    return FALSE;
  if (++self->learned_refusals < 2)
    return FALSE;

  sk_rate_gate_forget_learned_rate (self);
  return TRUE;
}

void
sk_rate_gate_forget_learned_rate (SkRateGate *self)
{
  g_return_if_fail (self != NULL);

  self->learned_rate = 0;
  self->learned_capacity = 0;
  self->learned_us = 0;
  self->learned_refusals = 0;
}
