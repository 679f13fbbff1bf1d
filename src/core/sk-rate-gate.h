/* sk-rate-gate.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SkRateGate:
 *
 * The rate-limit gate of one or more clients: the monotonic time before
 * which none of them sends a request (moved by a 429), the pace at which
 * they send while a bulk job paces (every attempt, retries included, takes
 * a token of it), and the rate the service was found to allow (learned by
 * a bulk job from its refusals, used by the next ones). Every #SkClient has one, its own unless
 * "rate-gate" gave a shared one, so that several clients of the same
 * account slow down together. It holds nothing else (no key, no client).
 * Refcounted; main-context use only.
 */
typedef struct _SkRateGate SkRateGate;

#define SK_TYPE_RATE_GATE (sk_rate_gate_get_type ())

GType       sk_rate_gate_get_type             (void) G_GNUC_CONST;
SkRateGate *sk_rate_gate_new                  (void);
SkRateGate *sk_rate_gate_ref                  (SkRateGate *self);
void        sk_rate_gate_unref                (SkRateGate *self);
/* g_get_monotonic_time () before which no request is sent; 0 when never paused */
gint64      sk_rate_gate_get_paused_until_us  (SkRateGate *self);
void        sk_rate_gate_pause_until          (SkRateGate *self,
                                               gint64      until_us);
guint       sk_rate_gate_get_wait_ms          (SkRateGate *self,
                                               gint64      now_us);

/* a pace not kept lapses this long after the last call that kept it (or
 * the end of the pause) */
#define SK_RATE_GATE_PACE_LEASE_US  (G_GINT64_CONSTANT (2) * G_USEC_PER_SEC)

void        sk_rate_gate_set_pace             (SkRateGate *self,
                                               double      rate,
                                               double      burst,
                                               gint64      start_us,
                                               gint64      now_us);
void        sk_rate_gate_fill_pace            (SkRateGate *self,
                                               double      burst,
                                               gint64      now_us);
void        sk_rate_gate_keep_pace            (SkRateGate *self,
                                               gint64      now_us);
double      sk_rate_gate_get_pace             (SkRateGate *self,
                                               gint64      now_us);
gboolean    sk_rate_gate_take_pace            (SkRateGate *self,
                                               gint64      now_us,
                                               gint64     *wait_us);
gint64      sk_rate_gate_get_pace_wait_us     (SkRateGate *self,
                                               gint64      now_us);

/* a learned rate is forgotten this long after it was learned */
#define SK_RATE_GATE_LEARNED_LIFETIME_US  (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)

void        sk_rate_gate_set_learned_rate     (SkRateGate *self,
                                               double      rate,
                                               double      capacity,
                                               gint64      now_us);
gboolean    sk_rate_gate_get_learned_rate     (SkRateGate *self,
                                               gint64      now_us,
                                               double     *rate,
                                               double     *capacity);
gboolean    sk_rate_gate_learned_rate_refused (SkRateGate *self);
void        sk_rate_gate_forget_learned_rate  (SkRateGate *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkRateGate, sk_rate_gate_unref)

G_END_DECLS
