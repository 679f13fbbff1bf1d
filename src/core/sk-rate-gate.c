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
