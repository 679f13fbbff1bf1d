/* sk-bulk-pacer.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-rate-gate.h"

G_BEGIN_DECLS

#define SK_BULK_PACER_MAX_IN_FLIGHT  64   /* the highest cap */
#define SK_BULK_PACER_DEFAULT_MAX    64   /* the default cap */
#define SK_BULK_PACE_MIN_DELAY_MS    1000   /* 429 delays from which the pacer paces */
#define SK_BULK_PACE_PROBE_MS        1500   /* a rate held this long without 429 is good */
#define SK_BULK_PACE_BURST_S         0.05   /* pacer bucket: this many seconds of starts */

typedef struct _SkBulkPacer SkBulkPacer;

SkBulkPacer *sk_bulk_pacer_new                (guint        max_in_flight);
void         sk_bulk_pacer_free               (SkBulkPacer *self);
void         sk_bulk_pacer_set_rate_gate      (SkBulkPacer *self,
                                               SkRateGate  *gate);
void         sk_bulk_pacer_start              (SkBulkPacer *self,
                                               gint64       now_us);
gboolean     sk_bulk_pacer_set_max_in_flight  (SkBulkPacer *self,
                                               guint        max_in_flight,
                                               gboolean     running);
guint        sk_bulk_pacer_get_max_in_flight  (SkBulkPacer *self);
guint        sk_bulk_pacer_get_limit          (SkBulkPacer *self);
double       sk_bulk_pacer_get_pace_rate      (SkBulkPacer *self);
double       sk_bulk_pacer_get_avg_request_us (SkBulkPacer *self);
void         sk_bulk_pacer_request_started    (SkBulkPacer *self,
                                               gint64       now_us);
void         sk_bulk_pacer_request_ended      (SkBulkPacer *self,
                                               gint64       duration_us);
gboolean     sk_bulk_pacer_request_succeeded  (SkBulkPacer *self,
                                               gint64       now_us,
                                               gint64       latency_us);
gboolean     sk_bulk_pacer_rate_limited       (SkBulkPacer *self,
                                               gint64       now_us,
                                               guint        delay_ms,
                                               gboolean     may_pace);
gboolean     sk_bulk_pacer_may_start          (SkBulkPacer *self,
                                               gint64       now_us,
                                               gint64      *wait_us);
double       sk_bulk_pacer_measure_start_rate (SkBulkPacer *self,
                                               gint64       now_us,
                                               gint64       since_us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkBulkPacer, sk_bulk_pacer_free)

G_END_DECLS
