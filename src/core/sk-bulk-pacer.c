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
 * n / (t + delay), the lower one. The pace starts at their middle in
 * ratio (a pace far above the rate gives a short episode, too short to
 * learn from; one far below wastes time). Afterwards a 429
 * makes the current rate the upper bound and a period of
 * SK_BULK_PACE_PROBE_MS without one makes it the lower bound, and the next
 * rate is the middle (in ratio while they are far apart; going up, no
 * further above the lower bound than the first episode's bucket over
 * SK_BULK_EPISODE_S, so that a refusal there ends an episode long enough
 * to learn the rate from); once the
 * bounds are within 5% the pace holds at the middle, and only after
 * SK_BULK_PACE_HOLD_PROBES probe periods is the upper bound raised by 10%,
 * to follow a server that allows more. While pacing, the in-flight limit
 * is at most twice what the pace needs at the latency seen, so that the
 * requests refused in one burst stay few.
 *
 * The client's gate (SkRateGate) paces at the same rate: every attempt of
 * the client waits for a token of it, the retries of the requests a 429
 * refused included, so that nothing leaves above the pace when the gate
 * reopens. The pacer lets a request start when both its own bucket and the
 * gate's have a token (the request takes the gate's as it is sent); after
 * a pause, its bucket starts at the pause's end, one token less for each
 * refused request, which the gate sends again first. 429s with short
 * delays (retry-after-ms) are left to the client's gate and the window
 * alone.
 *
 * Learning the rate: every pause starts an episode with the server's
 * bucket full, and the first refusal after it ends the episode. Once the
 * gate reopens (the episode's answers all in: a request answered before
 * then was accepted, the others were refused and are sent again), the
 * episode's send times go to sk_rate_estimate() with those of the job's
 * other episodes: two episodes of different lengths give the server's
 * rate and bucket (sk-rate-estimate.c). Once known precisely, the pace is
 * the rate less SK_BULK_LEARNED_MARGIN (or less its uncertainty), and the
 * rate is kept in the client's SkRateGate, where the next job on the same
 * client finds it and starts paced at it. Learned at the end of a pause,
 * when the service's bucket is full again, most of that bucket goes at
 * once (the learned bucket less SK_BULK_FILL_MARGIN or 2%), then the pace.
 * An imprecise estimate is a hint:
 * the pace goes a little above it, so that the next episode lasts long
 * enough to be precise, and once held goes up by SK_BULK_HINT_STEP at
 * most. A pace at the learned rate refused twice forgets it (the gate
 * forgets it after SK_RATE_GATE_LEARNED_LIFETIME_US too), and the episodes
 * of the job with it. The refused request is the first one started in the
 * episode and not accepted; the times are the client's send times (the
 * requests the pause held are sent at its end, one by one at the gate's
 * pace), with the server's answer to a refusal taken to be at once (the
 * fake's; a real server's round trip for a 429 counts a few requests too
 * many).
 */

#include "sk-bulk-pacer.h"

#include "sk-bulk-window.h"
#include "sk-rate-estimate.h"
#include "sk-token-bucket.h"

#include <math.h>
#include <string.h>

#define SK_BULK_START_RING 4096   /* requests kept to measure the start rate and the episodes */
#define SK_BULK_PACE_HOLD_PROBES 10  /* probe periods held once converged before probing up */
#define SK_BULK_MAX_EPISODES 8    /* refused episodes kept for the estimate */
#define SK_BULK_LEARNED_MARGIN 0.02  /* the pace at a learned rate is this much below it */
#define SK_BULK_HINT_MAX_ERROR 0.3   /* an imprecise estimate guides the search up to this */
#define SK_BULK_HINT_STEP      1.1   /* the most a held pace goes up after a hint */
#define SK_BULK_FILL_MARGIN    3     /* requests of the service's bucket left unused */
#define SK_BULK_EPISODE_S      0.5   /* an episode this long gives the rate with the first one */
#define SK_BULK_FILL_WINDOW_US (50 * 1000)  /* a bucket refilled is used this soon after the pause */

typedef struct
{
  gint64 start_us;
  gint64 end_us;     /* when it succeeded; 0: in flight, or it failed */
} Record;

typedef struct
{
  GArray *sent;      /* gint64: send times of the requests accepted before the refusal */
  gint64  refused_us;
} Episode;

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

  Record        records[SK_BULK_START_RING];
  guint         n_starts;           /* total, the ring holds the last ones */
  guint         n_starts_at_start;  /* n_starts when the job started */
  gint64        last_duration_us;   /* of the request that just ended; -1: none */

  /* Learning the service's rate (sk-rate-estimate.c) */
  SkRateGate   *gate;               /* keeps the learned rate; nullable */
  gint64        episode_start_us;   /* the service's bucket was full then */
  gint64        pending_refused_us; /* a refusal whose episode is not read yet; 0: none */
  gint64        pending_start_us;
  gint64        pending_since_us;   /* requests started before are left out */
  gint64        episode_since_us;   /* the same, for the current episode */
  gint64        pending_gate_end_us;
  double        pending_held_pace;
  double        held_pace;          /* the requests held by the current pause go at it */
  Episode       episodes[SK_BULK_MAX_EPISODES];
  guint         n_episodes;
  double        learned_pace;       /* the pace set from a learned rate; 0: none */
  guint         learned_refusals;   /* of a pace at it, without a gate to count them */
  gboolean      hinted;             /* an imprecise estimate guides the search */
  double        first_n;            /* accepted in the job's first episode; 0: none yet */
  double        first_s;            /* its length */
};

/* The pace's bucket gains the tokens due until @now_us (none before its
 * start); it may owe some (below zero). */
static void
refill_bucket (SkBulkPacer *self,
               gint64       now_us)
{
  if (now_us <= self->bucket.time_us)
    return;

  self->bucket.tokens = MIN (self->bucket.capacity,
                             self->bucket.tokens + (now_us - self->bucket.time_us) *
                             self->bucket.rate / G_USEC_PER_SEC);
  self->bucket.time_us = now_us;
}

/* The pace is @rate from @since_us (the end of the client's pause, or
 * now). The bucket keeps its level, tokens taken ahead included, unless a
 * pause starts it again: one start at its end. The client's gate, when
 * there is one, paces every attempt at the same rate, retries included. */
static void
set_pace_rate (SkBulkPacer *self,
               double       rate,
               gint64       since_us,
               gint64       now_us)
{
  double capacity;

  rate = MAX (rate, 1.0);
  capacity = MAX (1.0, rate * SK_BULK_PACE_BURST_S);
  if (self->pace_rate > 0 && since_us <= now_us)
    {
      refill_bucket (self, now_us);
      self->bucket.rate = rate;
      self->bucket.capacity = capacity;
      self->bucket.tokens = MIN (self->bucket.tokens, capacity);
    }
  else
    {
      sk_token_bucket_init (&self->bucket, rate, capacity, 1, MAX (since_us, now_us));
    }

  self->pace_rate = rate;
  self->probe_since_us = since_us;
  if (self->gate != NULL)
    sk_rate_gate_set_pace (self->gate, rate, capacity, since_us, now_us);
  g_debug ("Pacing at %.1f requests/s (bounds %.1f..%.1f; measured %.1f)",
           self->pace_rate, self->pace_lo, self->pace_hi,
           sk_bulk_pacer_measure_start_rate (self, now_us, self->start_us));
}

static Record *
record_at (SkBulkPacer *self,
           guint        j)
{
  return &self->records[j % SK_BULK_START_RING];
}

/* The index of the oldest request the ring still holds. */
static guint
oldest_record (SkBulkPacer *self)
{
  return self->n_starts - MIN (self->n_starts, SK_BULK_START_RING);
}

/* The request started at @start_us succeeded at @end_us. */
static void
record_success (SkBulkPacer *self,
                gint64       start_us,
                gint64       end_us)
{
  guint lo = oldest_record (self);
  guint hi = self->n_starts;

  /* start times ascend: find the first one at @start_us */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (record_at (self, mid)->start_us < start_us)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (; lo < self->n_starts && record_at (self, lo)->start_us == start_us; lo++)
    if (record_at (self, lo)->end_us == 0)
      {
        record_at (self, lo)->end_us = end_us;
        return;
      }
}

static void
clear_episodes (SkBulkPacer *self)
{
  for (guint i = 0; i < self->n_episodes; i++)
    g_clear_pointer (&self->episodes[i].sent, g_array_unref);
  self->n_episodes = 0;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

/* Reads the episode that started at @start_us (the service's bucket full)
 * and ended with the refusal that came at @refused_us; its answers are
 * all in (the gate reopened at @gate_end_us): the requests answered
 * before then were accepted, the others were refused (the client sends
 * them again after the pause). A request started during a pause is sent
 * when it ends, at @held_pace (the gate's) after the others it held.
 * Requests started before @since_us are left out (one that
 * failed never ends). The requests started together may reach the server
 * in any order: those accepted after the first refused one count too.
 *
 * Returns: %FALSE when the ring no longer holds the episode */
static gboolean
read_episode (SkBulkPacer *self,
              gint64       since_us,
              gint64       start_us,
              gint64       refused_us,
              gint64       gate_end_us,
              double       held_pace,
              Episode     *episode)
{
  guint first = oldest_record (self);
  gboolean refused_seen = FALSE;
  guint n_held = 0;

  if (self->n_starts > SK_BULK_START_RING && record_at (self, first)->start_us > since_us)
    return FALSE;

  episode->sent = g_array_new (FALSE, FALSE, sizeof (gint64));
  episode->refused_us = refused_us;

  for (guint j = first; j < self->n_starts; j++)
    {
      Record *record = record_at (self, j);
      gint64 sent_us = MAX (record->start_us, start_us);

      if (record->start_us < since_us || (record->end_us != 0 && record->end_us < start_us))
        continue;
      /* (started at the same time as the refusal came: before it) */
      if (record->start_us > refused_us)
        break;
      /* held by the pause: the client's gate sends them again one by one,
       * at its pace */
      if (record->start_us < start_us && held_pace > 0 && self->gate != NULL)
        sent_us = start_us + (gint64) (n_held++ * G_USEC_PER_SEC / held_pace);

      if (record->end_us != 0 && record->end_us < gate_end_us)
        {
          g_array_append_val (episode->sent, sent_us);
        }
      else if (!refused_seen)
        {
          refused_seen = TRUE;
          episode->refused_us = sent_us;
        }
    }
  g_array_sort (episode->sent, compare_times);

  return TRUE;
}

/* Paces a little below the rate the service allows. */
static void
pace_at_learned_rate (SkBulkPacer *self,
                      double       rate,
                      double       error,
                      gint64       now_us)
{
  double pace = rate * (1 - MAX (SK_BULK_LEARNED_MARGIN, error));

  self->pace_lo = pace;
  self->pace_hi = rate;
  self->pace_good_probes = 0;
  self->learned_pace = pace;
  set_pace_rate (self, pace, now_us, now_us);
}

/* The service's bucket, of @capacity, refilled during the pause that
 * just ended: the pace lets most of it go at once (the requests the pause
 * held included), then goes on at its rate. */
static void
fill_pace (SkBulkPacer *self,
           double       capacity,
           gint64       now_us)
{
  double burst = capacity - MAX (SK_BULK_FILL_MARGIN, SK_BULK_LEARNED_MARGIN * capacity);

  if (self->pace_rate == 0 || burst <= self->bucket.capacity)
    return;

  g_debug ("The service's bucket refilled: %.0f requests at once", burst);
  refill_bucket (self, now_us);
  self->bucket.tokens = MIN (self->bucket.tokens + burst - 1, burst);
  self->bucket.capacity = burst;
  if (self->gate != NULL)
    sk_rate_gate_fill_pace (self->gate, burst, now_us);
}

/* A learned rate no longer holds: back to searching, from the episodes to
 * come only. */
static void
forget_learned_rate (SkBulkPacer *self)
{
  g_debug ("Forgetting the learned rate (paced at %.1f requests/s)", self->learned_pace);
  self->learned_pace = 0;
  self->learned_refusals = 0;
  self->hinted = FALSE;
  clear_episodes (self);
  if (self->gate != NULL)
    sk_rate_gate_forget_learned_rate (self->gate);
}

/* Once the gate reopened after a refusal, reads its episode and, from all
 * those of the job, estimates the service's rate: when known, paces at it
 * and keeps it for the next jobs. */
static void
estimate_from_episodes (SkBulkPacer *self,
                        gint64       now_us)
{
  SkRateEpisode episodes[SK_BULK_MAX_EPISODES];
  SkRateEstimate estimate;
  Episode episode = { 0 };

  if (read_episode (self, MAX (self->pending_since_us, self->start_us), self->pending_start_us,
                    self->pending_refused_us, self->pending_gate_end_us, self->pending_held_pace,
                    &episode))
    {
      if (self->n_episodes == SK_BULK_MAX_EPISODES)
        {
          g_array_unref (self->episodes[0].sent);
          memmove (self->episodes, self->episodes + 1, (SK_BULK_MAX_EPISODES - 1) * sizeof (Episode));
          self->n_episodes--;
        }
      self->episodes[self->n_episodes++] = episode;
      if (self->first_n == 0 && episode.sent->len > 0)
        {
          self->first_n = episode.sent->len;
          self->first_s = (episode.refused_us - g_array_index (episode.sent, gint64, 0)) / 1e6;
        }
      g_debug ("Episode: %u requests accepted in %.3f s before the refusal",
               episode.sent->len,
               episode.sent->len > 0
               ? (episode.refused_us - g_array_index (episode.sent, gint64, 0)) / 1e6 : 0.0);
    }
  self->pending_refused_us = 0;

  for (guint i = 0; i < self->n_episodes; i++)
    episodes[i] = (SkRateEpisode) { (const gint64 *) (gpointer) self->episodes[i].sent->data,
                                    self->episodes[i].sent->len,
                                    self->episodes[i].refused_us };
  if (!sk_rate_estimate (episodes, self->n_episodes, &estimate))
    {
      double aim = estimate.rate * (1 + MAX (0.1, estimate.error));

      /* imprecise, but a hint: the next episode a little above it lasts
       * long (the server's bucket drains slowly), which the estimate
       * needs, and loses nothing to a pace under the rate */
      if (self->learned_pace == 0 && estimate.rate > 0 && estimate.error < SK_BULK_HINT_MAX_ERROR &&
          self->pace_rate > 0 && aim > self->pace_lo && aim < self->pace_hi)
        {
          g_debug ("The service allows about %.1f requests/s (within %.0f%%)",
                   estimate.rate, 100 * estimate.error);
          self->hinted = TRUE;
          set_pace_rate (self, aim, now_us, now_us);
        }
      return;
    }

  g_debug ("The service allows %.1f requests/s (within %.1f%%), a bucket of %.0f",
           estimate.rate, 100 * estimate.error, estimate.capacity);
  if (self->gate != NULL)
    sk_rate_gate_set_learned_rate (self->gate, estimate.rate, estimate.capacity, now_us);
  pace_at_learned_rate (self, estimate.rate, estimate.error, now_us);
  /* right after the pause, the service's bucket is still about full */
  if (now_us < self->pending_gate_end_us + SK_BULK_FILL_WINDOW_US)
    fill_pace (self, estimate.capacity, now_us);
}

static void
read_pending_episode (SkBulkPacer *self,
                      gint64       now_us)
{
  if (self->pending_refused_us == 0 || now_us < self->pending_gate_end_us)
    return;

  estimate_from_episodes (self, now_us);
  /* the requests the pause held go at the pace now */
  self->held_pace = self->pace_rate;
}

/* A 429 with a long delay came: the whole client pauses. The first one
 * since the gate reopened ends an episode (the others answer requests
 * sent before the pause): it is read once the gate reopens again, with
 * all its answers in. */
static void
note_refusal (SkBulkPacer *self,
              gint64       now_us,
              guint        delay_ms)
{
  gint64 gate_end = now_us + (gint64) delay_ms * 1000;

  if (now_us < self->episode_start_us)
    return;

  self->pending_refused_us = now_us;
  self->pending_start_us = self->episode_start_us;
  self->pending_since_us = self->episode_since_us;
  self->pending_gate_end_us = gate_end;
  self->pending_held_pace = self->held_pace;
  self->episode_since_us = self->episode_start_us;
  self->episode_start_us = gate_end;

  /* a pace at the learned rate refused twice: the service changed */
  if (self->learned_pace > 0 && self->pace_rate <= self->learned_pace * 1.001)
    {
      gboolean forget = self->gate != NULL
        ? sk_rate_gate_learned_rate_refused (self->gate)
        : ++self->learned_refusals >= 2;

      if (forget)
        forget_learned_rate (self);
    }
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
      /* the middle in ratio: far below the rate, the pace wastes time;
       * far above it, the next refusal comes soon and its episode, too
       * short, does not tell the rate from the bucket */
      set_pace_rate (self, self->pace_lo > 0 ? sqrt (self->pace_lo * self->pace_hi) : self->pace_hi / 2,
                     gate_end, now_us);
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

/* The next rate of the search up, @rate at most: the job's first episode
 * (slow start, faster than the service from its start) holds the
 * service's bucket and the rate times its length, so the bucket is at
 * most first_n - pace_lo × first_s. A pace above the rate by more than
 * that bucket over SK_BULK_EPISODE_S would be refused too soon for its
 * episode to tell the rate from the bucket: the step up stays under it. */
static double
search_up (SkBulkPacer *self,
           double       rate)
{
  double bucket;

  if (self->first_n == 0 || self->learned_pace > 0 || self->hinted)
    return rate;

  bucket = MAX (1.0, self->first_n - self->pace_lo * self->first_s);
  return MIN (rate, self->pace_lo + bucket / SK_BULK_EPISODE_S);
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
      /* far apart: the middle in ratio; after a hint, a tenth higher
       * only (the rate is near: a pace a little above it lasts long
       * enough to be learned from) */
      set_pace_rate (self,
                     self->hinted
                     ? MIN (sqrt (self->pace_lo * self->pace_hi), self->pace_lo * SK_BULK_HINT_STEP)
                     : search_up (self, sqrt (self->pace_lo * self->pace_hi)),
                     now_us, now_us);
    }
  else if (self->pace_hi - self->pace_lo > 0.05 * self->pace_hi)
    {
      set_pace_rate (self, search_up (self, (self->pace_lo + self->pace_hi) / 2), now_us, now_us);
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
  self->last_duration_us = -1;
  return self;
}

void
sk_bulk_pacer_free (SkBulkPacer *self)
{
  clear_episodes (self);
  g_clear_pointer (&self->gate, sk_rate_gate_unref);
  g_free (self);
}

/**
 * sk_bulk_pacer_set_rate_gate:
 * @gate: (nullable): the client's rate gate
 *
 * Where the rate learned from the service's refusals is kept, for the next
 * jobs of the same clients; sk_bulk_pacer_start() starts paced at a rate
 * it holds. Without one, the rate is learned for this job only.
 */
void
sk_bulk_pacer_set_rate_gate (SkBulkPacer *self,
                             SkRateGate  *gate)
{
  g_return_if_fail (self != NULL);

  if (gate != NULL)
    sk_rate_gate_ref (gate);
  g_clear_pointer (&self->gate, sk_rate_gate_unref);
  self->gate = gate;
}

/* The job starts: the limit goes back to its initial value. */
void
sk_bulk_pacer_start (SkBulkPacer *self,
                     gint64       now_us)
{
  double rate, capacity;

  g_return_if_fail (self != NULL);

  self->start_us = now_us;
  self->n_starts_at_start = self->n_starts;
  sk_bulk_window_restart (&self->window);

  /* the first episode: the service's bucket is taken to be full */
  clear_episodes (self);
  self->pending_refused_us = 0;
  self->episode_start_us = now_us;
  self->episode_since_us = now_us;
  self->learned_pace = 0;
  self->learned_refusals = 0;
  self->hinted = FALSE;
  self->held_pace = 0;
  self->first_n = 0;
  self->first_s = 0;

  /* a rate learned by an earlier job of the same clients: paced at it
   * from the start (and probing above it now and then, as after
   * converging) */
  if (self->gate != NULL && sk_rate_gate_get_learned_rate (self->gate, now_us, &rate, &capacity))
    {
      g_debug ("Starting at the learned rate, %.1f requests/s (a bucket of %.0f)", rate, capacity);
      pace_at_learned_rate (self, rate, 0, now_us);
    }
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

  *record_at (self, self->n_starts++) = (Record) { now_us, 0 };
}

/* A request ended after @duration_us, whatever its answer. */
void
sk_bulk_pacer_request_ended (SkBulkPacer *self,
                             gint64       duration_us)
{
  g_return_if_fail (self != NULL);

  self->avg_request_us = self->avg_request_us == 0
    ? duration_us : 0.8 * self->avg_request_us + 0.2 * duration_us;
  self->last_duration_us = duration_us;
}

/**
 * sk_bulk_pacer_request_succeeded:
 * @now_us: when the answer came
 * @latency_us: how long its one attempt took; <= 0: not a sample (it was
 *   retried or held by a 429)
 *
 * Called right after sk_bulk_pacer_request_ended() for the same request,
 * whose start it then knows.
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

  if (self->last_duration_us >= 0)
    record_success (self, now_us - self->last_duration_us, now_us);
  self->last_duration_us = -1;
  read_pending_episode (self, now_us);

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

  read_pending_episode (self, now_us);
  old = sk_bulk_pacer_get_limit (self);
  if (delay_ms >= SK_BULK_PACE_MIN_DELAY_MS)
    note_refusal (self, now_us, delay_ms);
  if (may_pace && delay_ms >= SK_BULK_PACE_MIN_DELAY_MS)
    {
      pace_on_rate_limited (self, now_us, delay_ms);
      self->held_pace = self->pace_rate;
      /* the refused request is sent again when the client's gate reopens,
       * at its pace and ahead of new ones: its start is taken now */
      if (self->pace_rate > 0)
        self->bucket.tokens -= 1;
    }

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
  read_pending_episode (self, now_us);
  if (self->pace_rate == 0)
    return TRUE;

  pace_check_probe (self, now_us);
  /* the client's gate paces the retries too: a start waits for its token
   * there as well (taken when the request is sent) */
  if (self->gate != NULL)
    {
      sk_rate_gate_keep_pace (self->gate, now_us);
      *wait_us = sk_rate_gate_get_pace_wait_us (self->gate, now_us);
      if (*wait_us > 0)
        return FALSE;
    }
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
      gint64 t = record_at (self, self->n_starts - 1 - i)->start_us;

      if (t < from)
        break;
      n++;
    }

  return n * (double) G_USEC_PER_SEC / MAX (now_us - from, 100 * 1000);
}
