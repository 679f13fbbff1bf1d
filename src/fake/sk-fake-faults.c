/* sk-fake-faults.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-faults.h"

#include <string.h>

typedef struct
{
  char            *path_prefix;
  SkFakeFaultKind  kind;
  guint            status;
  int              retry_after_ms;
} Fault;

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->path_prefix);
  g_free (fault);
}

static Fault *
take_fault (SkFakeFaults *faults,
            const char   *path)
{
  for (GList *l = faults->queue.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->path_prefix == NULL || g_str_has_prefix (path, fault->path_prefix))
        {
          g_queue_delete_link (&faults->queue, l);
          return fault;
        }
    }
  return NULL;
}

/* The dice are only thrown for a rate above 0, so that a knob left at 0
 * does not change what the others draw. */
static gboolean
roll (SkFakeFaults *faults,
      double        rate)
{
  if (rate <= 0.0)
    return FALSE;
  return g_rand_double (faults->dice) < rate;
}

/* TRUE when the rate limit lets a request through now; otherwise
 * @retry_after_ms says when the next one will be. */
static gboolean
take_token (SkFakeFaults *faults,
            gint64        now_us,
            int          *retry_after_ms)
{
  gint64 wait_us = 0;

  if (!faults->bucket_ready)
    {
      double capacity = faults->rate_limit * faults->rate_burst;

      /* a new limit starts with a full bucket */
      sk_token_bucket_init (&faults->bucket, faults->rate_limit, capacity, MAX (capacity, 1.0),
                            now_us);
      faults->bucket_ready = TRUE;
    }

  if (sk_token_bucket_take (&faults->bucket, now_us, &wait_us))
    return TRUE;

  *retry_after_ms = (int) MIN ((wait_us + 999) / 1000, G_MAXINT);
  return FALSE;
}

void
sk_fake_faults_init (SkFakeFaults *faults)
{
  g_return_if_fail (faults != NULL);

  memset (faults, 0, sizeof *faults);
  faults->rate_burst = 1.0;
  faults->dice = g_rand_new_with_seed (0);
  g_queue_init (&faults->queue);
}

void
sk_fake_faults_clear (SkFakeFaults *faults)
{
  g_return_if_fail (faults != NULL);

  g_clear_pointer (&faults->dice, g_rand_free);
  g_queue_clear_full (&faults->queue, fault_free);
}

/* Restarts the dice from @seed. */
void
sk_fake_faults_set_seed (SkFakeFaults *faults,
                         guint         seed)
{
  g_return_if_fail (faults != NULL);

  g_rand_set_seed (faults->dice, seed);
}

/* @rate_limit requests per second (0: unlimited), with a bucket of
 * @rate_burst seconds of it (at least one request); a change starts with a
 * full bucket. */
void
sk_fake_faults_set_rate_limit (SkFakeFaults *faults,
                               double        rate_limit,
                               double        rate_burst)
{
  g_return_if_fail (faults != NULL);

  if (faults->rate_limit != rate_limit || faults->rate_burst != rate_burst)
    faults->bucket_ready = FALSE;
  faults->rate_limit = rate_limit;
  faults->rate_burst = rate_burst;
}

double
sk_fake_faults_get_rate_limit (SkFakeFaults *faults)
{
  g_return_val_if_fail (faults != NULL, 0);

  return faults->rate_limit;
}

double
sk_fake_faults_get_rate_burst (SkFakeFaults *faults)
{
  g_return_val_if_fail (faults != NULL, 0);

  return faults->rate_burst;
}

/* Queues a fault for the next request whose path starts with @path_prefix
 * (NULL: any request). */
void
sk_fake_faults_queue (SkFakeFaults    *faults,
                      const char      *path_prefix,
                      SkFakeFaultKind  kind,
                      guint            status,
                      int              retry_after_ms)
{
  Fault *fault;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (kind <= SK_FAKE_FAULT_RESET);

  fault = g_new0 (Fault, 1);
  fault->path_prefix = g_strdup (path_prefix);
  fault->kind = kind;
  fault->status = status;
  fault->retry_after_ms = retry_after_ms;
  g_queue_push_tail (&faults->queue, fault);
}

/**
 * sk_fake_faults_take_queued:
 * @faults: the faults
 * @path: the request path
 * @plan: (inout): set from the first queued fault for @path, if any
 * @answer: (inout): the error answer of a status fault
 *
 * Uses the first fault queued for @path.
 */
void
sk_fake_faults_take_queued (SkFakeFaults *faults,
                            const char   *path,
                            SkFakePlan   *plan,
                            SkFakeAnswer *answer)
{
  Fault *fault;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (plan != NULL);
  g_return_if_fail (answer != NULL);

  fault = take_fault (faults, path);
  if (fault == NULL)
    return;

  plan->queued = TRUE;
  switch (fault->kind)
    {
    case SK_FAKE_FAULT_STATUS:
      if (fault->status == 429 && fault->retry_after_ms < -1)
        sk_fake_answer_quota_error (answer);
      else
        {
          sk_fake_answer_status_error (answer, fault->status ? fault->status : 500);
          answer->retry_after_ms = fault->retry_after_ms;
        }
      break;
    case SK_FAKE_FAULT_DROP:
      plan->drop = TRUE;
      break;
    case SK_FAKE_FAULT_MALFORMED:
      plan->malformed = TRUE;
      break;
    case SK_FAKE_FAULT_WRONG_SHAPE:
      plan->wrong_shape = TRUE;
      break;
    case SK_FAKE_FAULT_STUCK_CURSOR:
      plan->stuck = TRUE;
      break;
    case SK_FAKE_FAULT_DELAY:
      plan->extra_delay_ms += MAX (fault->retry_after_ms, 0);
      break;
    case SK_FAKE_FAULT_DROP_AFTER:
      plan->drop_after = TRUE;
      break;
    case SK_FAKE_FAULT_RESET:
      plan->reset = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }
  fault_free (fault);
}

/**
 * sk_fake_faults_roll:
 * @faults: the faults
 * @now_us: the monotonic time now
 * @n_in_flight: requests in flight, this one included
 * @latency_ms: the answer delay, which a concurrency 429 asks to wait
 * @plan: (inout): may be set to drop or to cut the body
 * @answer: (inout): the 429 or 500 answer, when one is drawn
 *
 * Applies the knobs, in order: concurrency cap and rate limit (429 with a
 * retry delay, answered at once, @plan's limited set), then the dice for a
 * reset, a drop, a 500 and a malformed body.
 */
void
sk_fake_faults_roll (SkFakeFaults *faults,
                     gint64        now_us,
                     guint         n_in_flight,
                     guint         latency_ms,
                     SkFakePlan   *plan,
                     SkFakeAnswer *answer)
{
  int retry_ms = 0;

  g_return_if_fail (faults != NULL);
  g_return_if_fail (plan != NULL);
  g_return_if_fail (answer != NULL);

  if (faults->max_concurrent > 0 && n_in_flight > faults->max_concurrent)
    {
      sk_fake_answer_status_error (answer, 429);
      answer->retry_after_ms = MAX (latency_ms, 10);
      plan->no_delay = TRUE;
      plan->limited = TRUE;
    }
  else if (faults->rate_limit > 0 && !take_token (faults, now_us, &retry_ms))
    {
      sk_fake_answer_status_error (answer, 429);
      answer->retry_after_ms = retry_ms;
      plan->no_delay = TRUE;
      plan->limited = TRUE;
    }
  else if (roll (faults, faults->reset_rate))
    plan->reset = TRUE;
  else if (roll (faults, faults->drop_rate))
    plan->drop = TRUE;
  else if (roll (faults, faults->fail_rate))
    sk_fake_answer_status_error (answer, 500);
  else if (roll (faults, faults->malformed_rate))
    plan->malformed = TRUE;
}

/**
 * sk_fake_faults_latency_ms:
 * @faults: the faults
 * @latency_ms: the answer delay of a server under its capacity
 * @n_in_flight: requests in flight, this one included
 *
 * Past the capacity, the server shares it among the requests in flight:
 * the delay grows in proportion, so that no more than capacity requests
 * per latency are answered however many are sent.
 *
 * Returns: the delay of the answer, in milliseconds
 */
guint
sk_fake_faults_latency_ms (SkFakeFaults *faults,
                           guint         latency_ms,
                           guint         n_in_flight)
{
  guint64 scaled;

  g_return_val_if_fail (faults != NULL, latency_ms);

  if (faults->capacity == 0 || n_in_flight <= faults->capacity)
    return latency_ms;

  scaled = (guint64) latency_ms * n_in_flight / faults->capacity;
  return (guint) MIN (scaled, G_MAXUINT);
}
