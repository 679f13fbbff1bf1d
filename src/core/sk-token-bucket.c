/* sk-token-bucket.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-token-bucket.h"

#include <math.h>

/**
 * sk_token_bucket_init:
 * @bucket: the bucket
 * @rate: tokens added per second; 0 or less: every take succeeds
 * @capacity: the most tokens the bucket holds (at least 1 is used)
 * @tokens: tokens it starts with (clamped to @capacity)
 * @now_us: the monotonic time now (g_get_monotonic_time())
 *
 * The one token bucket of Storekeeper: the simulated account's rate limit
 * and the bulk engine's pacing of request starts both use it. Times are
 * passed in so that the arithmetic is tested without waiting.
 */
void
sk_token_bucket_init (SkTokenBucket *bucket,
                      double         rate,
                      double         capacity,
                      double         tokens,
                      gint64         now_us)
{
  g_return_if_fail (bucket != NULL);

  bucket->rate = rate;
  bucket->capacity = MAX (1.0, capacity);
  bucket->tokens = CLAMP (tokens, 0.0, bucket->capacity);
  bucket->time_us = now_us;
}

/**
 * sk_token_bucket_take:
 * @bucket: the bucket
 * @now_us: the monotonic time now
 * @wait_us: (out) (optional): when no token is there, how long until one is
 *
 * Takes one token if there is one. A clock that goes back adds nothing.
 *
 * Returns: %TRUE when a token was taken
 */
gboolean
sk_token_bucket_take (SkTokenBucket *bucket,
                      gint64         now_us,
                      gint64        *wait_us)
{
  g_return_val_if_fail (bucket != NULL, FALSE);

  if (wait_us != NULL)
    *wait_us = 0;
  if (bucket->rate <= 0)
    return TRUE;

  if (now_us > bucket->time_us)
    {
      bucket->tokens = MIN (bucket->capacity,
                            bucket->tokens + (now_us - bucket->time_us) * bucket->rate / G_USEC_PER_SEC);
      bucket->time_us = now_us;
    }

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }

  if (wait_us != NULL)
    *wait_us = MAX (bucket->time_us - now_us, 0) +
               (gint64) ceil ((1.0 - bucket->tokens) * G_USEC_PER_SEC / bucket->rate);
  return FALSE;
}
