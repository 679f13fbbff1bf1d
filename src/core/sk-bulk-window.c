/* sk-bulk-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How many requests of a bulk job may be in flight: found the way TCP
 * finds a path's capacity, never above the cap (max-in-flight).
 *
 * - A job starts at SK_BULK_WINDOW_INITIAL (or the cap, if lower) in slow
 *   start: every success whose latency stays near the lowest seen adds one
 *   (the limit doubles every round trip).
 * - A 429 halves the limit (once per round, so that one burst of 429s is
 *   one signal) and ends slow start; the limit it came at, less one, is the
 *   ceiling. Below the ceiling the limit grows by one per success again;
 *   at the ceiling it waits probe_rounds rounds before trying one more. A
 *   429 to that probe puts the limit back to the ceiling (not lower: the
 *   ceiling held) and doubles the wait (up to SK_BULK_WINDOW_MAX_PROBE
 *   rounds), so a server that refuses more is probed less and less often.
 *   A round held above the ceiling forgets it.
 * - Without a ceiling, after slow start, the limit grows by one per round
 *   of successes (additive increase).
 * - A clear latency rise (the moving average above twice the lowest, plus
 *   5 ms) cuts the limit by a quarter, once per round, and ends slow
 *   start; while the average is above 1.5 times the lowest (plus 2 ms), the
 *   limit does not grow: the server is queueing.
 *
 * A success with no latency sample (it was retried, or may have been
 * processed twice) neither grows nor shrinks the limit.
 */

#include "sk-bulk-window.h"

#include <string.h>

#define NEAR_FACTOR   1.5
#define NEAR_SLACK_US 2000
#define RISE_FACTOR   2.0
#define RISE_SLACK_US 5000
#define SMOOTHING     0.2

static guint
initial_limit (SkBulkWindow *self)
{
  return MIN (SK_BULK_WINDOW_INITIAL, self->cap);
}

/* TRUE when a decrease may happen now (at most one per round). */
static gboolean
may_decrease (SkBulkWindow *self,
              gint64        now_us,
              gint64        round_us)
{
  if (self->last_decrease_us != 0 && now_us - self->last_decrease_us < MAX (round_us, 1000))
    return FALSE;

  self->last_decrease_us = now_us;
  self->successes = 0;
  self->slow_start = FALSE;
  return TRUE;
}

/* Successes needed for the next increase. */
static guint
successes_needed (SkBulkWindow *self)
{
  if (self->ceiling != 0 && self->limit < self->ceiling)
    return 1;
  if (self->ceiling != 0 && self->limit == self->ceiling)
    return self->limit * self->probe_rounds;
  if (self->slow_start)
    return 1;
  return self->limit;
}

/* Starts at @cap (clamped to 1..SK_BULK_WINDOW_MAX), initial limit. */
void
sk_bulk_window_init (SkBulkWindow *self,
                     guint         cap)
{
  g_return_if_fail (self != NULL);

  self->cap = CLAMP (cap, 1, SK_BULK_WINDOW_MAX);
  sk_bulk_window_restart (self);
}

/* A new job: back to the initial limit, in slow start, nothing learnt. */
void
sk_bulk_window_restart (SkBulkWindow *self)
{
  guint cap;

  g_return_if_fail (self != NULL);

  cap = self->cap;
  memset (self, 0, sizeof *self);
  self->cap = cap;
  self->limit = initial_limit (self);
  self->slow_start = TRUE;
  self->probe_rounds = 1;
}

/**
 * sk_bulk_window_set_cap:
 * @cap: the new cap (clamped to 1..SK_BULK_WINDOW_MAX)
 * @running: whether the job runs: then only a lower cap changes the
 *   limit (a higher one lets it grow further)
 *
 * Returns: %TRUE when the limit changed
 */
gboolean
sk_bulk_window_set_cap (SkBulkWindow *self,
                        guint         cap,
                        gboolean      running)
{
  guint old;

  g_return_val_if_fail (self != NULL, FALSE);

  old = self->limit;
  self->cap = CLAMP (cap, 1, SK_BULK_WINDOW_MAX);
  if (running)
    self->limit = MIN (self->limit, self->cap);
  else
    self->limit = initial_limit (self);

  return self->limit != old;
}

/**
 * sk_bulk_window_succeeded:
 * @now_us: when the answer came
 * @latency_us: how long the request took; <= 0: no sample
 * @round_us: the current round trip time
 *
 * Returns: %TRUE when the limit changed
 */
gboolean
sk_bulk_window_succeeded (SkBulkWindow *self,
                          gint64        now_us,
                          gint64        latency_us,
                          gint64        round_us)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (latency_us <= 0)
    return FALSE;

  if (self->min_latency_us == 0 || latency_us < self->min_latency_us)
    self->min_latency_us = latency_us;
  self->smooth_latency_us = self->smooth_latency_us == 0
    ? latency_us
    : (1 - SMOOTHING) * self->smooth_latency_us + SMOOTHING * latency_us;

  if (self->smooth_latency_us > RISE_FACTOR * self->min_latency_us + RISE_SLACK_US)
    {
      guint old = self->limit;

      if (!may_decrease (self, now_us, round_us))
        return FALSE;
      self->limit = MAX (1, self->limit * 3 / 4);
      return self->limit != old;
    }

  if (self->smooth_latency_us > NEAR_FACTOR * self->min_latency_us + NEAR_SLACK_US)
    return FALSE;
  if (self->limit >= self->cap)
    return FALSE;

  if (++self->successes < successes_needed (self))
    return FALSE;

  /* a round held above the ceiling: it no longer holds */
  if (self->ceiling != 0 && self->limit > self->ceiling)
    {
      self->ceiling = 0;
      self->probe_rounds = 1;
    }
  self->limit++;
  self->successes = 0;
  return TRUE;
}

/**
 * sk_bulk_window_rate_limited:
 * @now_us: when the 429 came
 * @round_us: the current round trip time
 *
 * Returns: %TRUE when the limit changed
 */
gboolean
sk_bulk_window_rate_limited (SkBulkWindow *self,
                             gint64        now_us,
                             gint64        round_us)
{
  guint old;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!may_decrease (self, now_us, round_us))
    return FALSE;

  old = self->limit;
  if (self->ceiling != 0 && old == self->ceiling + 1)
    {
      /* a probe refused: the ceiling holds; back to it, probe less often */
      self->probe_rounds = MIN (self->probe_rounds * 2, SK_BULK_WINDOW_MAX_PROBE);
      self->limit = self->ceiling;
      return TRUE;
    }
  self->ceiling = MAX (old, 2) - 1;
  self->limit = MAX (1, old / 2);

  return self->limit != old;
}
