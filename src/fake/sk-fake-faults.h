/* sk-fake-faults.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-json.h"
#include "sk-fake-types.h"
#include "sk-token-bucket.h"

G_BEGIN_DECLS

/* The ways the simulated account misbehaves: faults queued for given paths,
 * each used once, and the knobs applied to the other requests (concurrency
 * cap, rate limit, capacity, dice for resets, drops, 500s and malformed
 * bodies). */
typedef struct
{
  guint          max_concurrent;   /* 0: unlimited */
  guint          capacity;         /* 0: latency does not grow with the load */
  double         fail_rate;
  double         reset_rate;
  double         drop_rate;
  double         malformed_rate;

  /*< private >*/
  double         rate_limit;
  double         rate_burst;
  SkTokenBucket  bucket;
  gboolean       bucket_ready;
  GRand         *dice;
  GQueue         queue;
} SkFakeFaults;

/* What the server does with one request besides answering it. */
typedef struct
{
  gboolean queued;          /* a queued fault was used: the knobs do not apply */
  gboolean limited;         /* a 429 of the concurrency cap or of the rate limit */
  gboolean reset;           /* reset the connection before any answer byte, unprocessed */
  gboolean drop;            /* close the connection, answer nothing */
  gboolean drop_after;      /* process, then close the connection */
  gboolean malformed;       /* cut a 200 body in half */
  gboolean wrong_shape;     /* a 200 body becomes an array */
  gboolean stuck;           /* list pages do not move */
  gboolean no_delay;        /* a refusal: answer at once, whatever the latency */
  guint    extra_delay_ms;
} SkFakePlan;

void     sk_fake_faults_init           (SkFakeFaults    *faults);
void     sk_fake_faults_clear          (SkFakeFaults    *faults);
void     sk_fake_faults_set_seed       (SkFakeFaults    *faults,
                                        guint            seed);
void     sk_fake_faults_set_rate_limit (SkFakeFaults    *faults,
                                        double           rate_limit,
                                        double           rate_burst);
double   sk_fake_faults_get_rate_limit (SkFakeFaults    *faults);
double   sk_fake_faults_get_rate_burst (SkFakeFaults    *faults);
void     sk_fake_faults_queue          (SkFakeFaults    *faults,
                                        const char      *path_prefix,
                                        SkFakeFaultKind  kind,
                                        guint            status,
                                        int              retry_after_ms);
void     sk_fake_faults_take_queued    (SkFakeFaults    *faults,
                                        const char      *path,
                                        SkFakePlan      *plan,
                                        SkFakeAnswer    *answer);
void     sk_fake_faults_roll           (SkFakeFaults    *faults,
                                        gint64           now_us,
                                        guint            n_in_flight,
                                        guint            latency_ms,
                                        SkFakePlan      *plan,
                                        SkFakeAnswer    *answer);
guint    sk_fake_faults_latency_ms     (SkFakeFaults    *faults,
                                        guint            latency_ms,
                                        guint            n_in_flight);

G_END_DECLS
