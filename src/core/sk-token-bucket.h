/* sk-token-bucket.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double rate;        /* tokens added per second; 0: no limit */
  double capacity;    /* most tokens held */
  double tokens;
  gint64 time_us;     /* monotonic time of the last refill */
} SkTokenBucket;

void     sk_token_bucket_init  (SkTokenBucket *bucket,
                                double         rate,
                                double         capacity,
                                double         tokens,
                                gint64         now_us);
gboolean sk_token_bucket_take  (SkTokenBucket *bucket,
                                gint64         now_us,
                                gint64        *wait_us);

G_END_DECLS
