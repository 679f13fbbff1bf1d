/* sk-rate-gate.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-rate-gate.h"

struct _SkRateGate
{
  /* monotonic time before which no request is sent (after a 429) */
  gint64 paused_until_us;

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
