/* sk-bulk-sender.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sends the requests of a bulk job: the queued results, in queue order, at
 * most the pacer's limit in flight and no faster than its pace, all through
 * one SkClient (so through one SoupSession and its kept-alive
 * connections). It feeds the pacer with every start, end and 429 the
 * client reports, puts rate-limited IDs back at the front of the queue,
 * and hands every other end to its owner through SkBulkSenderCallbacks.
 *
 * Cancellation: requests waiting inside the client (for the client-wide
 * rate-limit gate or a backoff: not on the wire) are stopped at once
 * through the client's "stop" cancellable. Requests on the wire are not
 * cancelled, so that their outcome is known, unless they still run after
 * the grace period (e.g. a server that hangs).
 */

#include "config.h"

#include "sk-bulk-sender.h"

#include "sk-bulk-kind.h"
#include "sk-bulk-outcome.h"
#include "sk-bulk-result-private.h"

struct _SkBulkSender
{
  GObject                     *owner;       /* borrowed; requests hold a ref */
  const SkBulkSenderCallbacks *callbacks;
  SkClient                    *client;
  SkBulkKind                   kind;
  char                        *vector_store_id;
  guint                        expiry_days;
  SkBulkPacer                 *pacer;       /* borrowed from the owner */

  GQueue                       queue;       /* SkBulkResult waiting to be sent (borrowed) */
  guint                        n_in_flight;
  guint                        n_rate_limited;
  gint64                       gate_end_us;  /* the client holds requests until then */
  gboolean                     cancelled;

  guint                        pace_id;
  guint                        grace_id;
  gulong                       rate_limited_handler;
  GCancellable                *inflight_cancellable;
  GCancellable                *stop_cancellable;  /* stops requests waiting in the client */
};

typedef struct
{
  SkBulkSender *sender;
  GObject      *owner;
  SkBulkResult *result;
  gint64        start_us;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->result);
  g_object_unref (request->owner);
  g_free (request);
}

static gboolean
pace_cb (gpointer user_data)
{
  SkBulkSender *self = user_data;

  self->pace_id = 0;
  self->callbacks->ready (self->owner);

  return G_SOURCE_REMOVE;
}

/* TRUE when a request may start now; otherwise a timer calls ready back. */
static gboolean
pace_allows_start (SkBulkSender *self)
{
  gint64 wait_us = 0;

  if (sk_bulk_pacer_may_start (self->pacer, g_get_monotonic_time (), &wait_us))
    return TRUE;

  if (self->pace_id == 0)
    self->pace_id = g_timeout_add (MAX ((guint) ((wait_us + 999) / 1000), 1), pace_cb, self);

  return FALSE;
}

static gboolean
grace_expired_cb (gpointer user_data)
{
  SkBulkSender *self = user_data;

  self->grace_id = 0;
  g_cancellable_cancel (self->inflight_cancellable);

  return G_SOURCE_REMOVE;
}

/* The request of @result ended with @error (@answer: what its attempts told). */
static void
finish_failed_request (SkBulkSender           *self,
                       SkBulkResult           *result,
                       const SkBulkKindAnswer *answer,
                       const GError           *error)
{
  g_auto (SkBulkDecision) decision = { 0 };
  guint max_delay_ms = 0;

  g_object_get (self->client, "max-retry-after-ms", &max_delay_ms, NULL);
  sk_bulk_decide_failed_for_kind (self->kind,
                                  error,
                                  sk_bulk_result_get_ambiguous (result),
                                  self->cancelled,
                                  answer->retry_after_ms,
                                  max_delay_ms,
                                  sk_bulk_result_get_requeues (result),
                                  answer->has_deletion_object,
                                  &decision);

  if (decision.outcome == SK_OUTCOME_PENDING)
    {
      sk_bulk_result_add_requeue (result);
      g_queue_push_head (&self->queue, result);
    }
  else
    {
      self->callbacks->finish (self->owner, result, decision.outcome,
                               decision.status_code, decision.message);
    }
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Request *request = user_data;
  SkBulkSender *self = request->sender;
  SkBulkResult *result = request->result;
  g_autoptr (GError) error = NULL;
  SkBulkKindAnswer answer;
  gint64 now_us = g_get_monotonic_time ();
  gint64 latency_us;
  gboolean ok;

  ok = sk_bulk_kind_send_finish (self->kind, self->client, res, &answer, &error);
  sk_bulk_pacer_request_ended (self->pacer, now_us - request->start_us);

  g_object_freeze_notify (self->owner);

  self->n_in_flight--;
  self->callbacks->changed (self->owner, SK_BULK_SENDER_N_IN_FLIGHT);

  /* a latency sample only from one clean attempt, never held by a 429 */
  latency_us = now_us - request->start_us;
  if (answer.maybe_processed)
    {
      sk_bulk_result_set_ambiguous (result);
      latency_us = 0;
    }
  if (request->start_us < self->gate_end_us)
    latency_us = 0;

  if (ok)
    {
      self->callbacks->finish (self->owner, result, SK_OUTCOME_DELETED, 0,
                               answer.already_gone ? sk_bulk_already_gone_message () : NULL);

      if (sk_bulk_pacer_request_succeeded (self->pacer, now_us, latency_us))
        self->callbacks->changed (self->owner, SK_BULK_SENDER_CURRENT_LIMIT);
    }
  else
    {
      finish_failed_request (self, result, &answer, error);
    }

  g_object_thaw_notify (self->owner);

  self->callbacks->ready (self->owner);
  request_free (request);
}

static void
start_request (SkBulkSender *self,
               SkBulkResult *result)
{
  Request *request = g_new0 (Request, 1);

  request->sender = self;
  request->owner = g_object_ref (self->owner);
  request->result = g_object_ref (result);
  request->start_us = g_get_monotonic_time ();

  sk_bulk_result_add_attempt (result);
  sk_bulk_pacer_request_started (self->pacer, request->start_us);
  self->n_in_flight++;
  self->callbacks->changed (self->owner, SK_BULK_SENDER_N_IN_FLIGHT);

  sk_bulk_kind_send_async (self->kind, self->client, self->vector_store_id, self->expiry_days,
                           sk_bulk_result_get_id (result),
                           self->inflight_cancellable, self->stop_cancellable,
                           request_done_cb, request);
}

static void
rate_limited_cb (SkClient *client,
                 guint     delay_ms,
                 gpointer  user_data)
{
  SkBulkSender *self = user_data;
  guint max_delay_ms = 0;
  gint64 now_us = g_get_monotonic_time ();

  self->gate_end_us = MAX (self->gate_end_us, now_us + (gint64) delay_ms * 1000);
  self->n_rate_limited++;
  self->callbacks->changed (self->owner, SK_BULK_SENDER_N_RATE_LIMITED);

  /* (a delay longer than the client waits for fails the request instead) */
  g_object_get (self->client, "max-retry-after-ms", &max_delay_ms, NULL);
  if (sk_bulk_pacer_rate_limited (self->pacer, now_us, delay_ms,
                                  !self->cancelled && delay_ms <= max_delay_ms))
    self->callbacks->changed (self->owner, SK_BULK_SENDER_CURRENT_LIMIT);
}

/**
 * sk_bulk_sender_new:
 * @owner: the job; requests in flight keep a reference on it, and its
 *   notifications are grouped while the end of a request is handled
 * @callbacks: (not nullable): static callbacks, all set
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 * @pacer: the job's pacer (borrowed: it must outlive the sender)
 *
 * Starts listening to the client's 429s.
 *
 * Returns: (transfer full): a sender with an empty queue
 */
SkBulkSender *
sk_bulk_sender_new (GObject                     *owner,
                    const SkBulkSenderCallbacks *callbacks,
                    SkClient                    *client,
                    SkBulkKind                   kind,
                    const char                  *vector_store_id,
                    SkBulkPacer                 *pacer)
{
  SkBulkSender *self;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (callbacks != NULL, NULL);
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (pacer != NULL, NULL);

  self = g_new0 (SkBulkSender, 1);
  self->owner = owner;
  self->callbacks = callbacks;
  self->client = g_object_ref (client);
  self->kind = kind;
  self->vector_store_id = g_strdup (vector_store_id);
  self->pacer = pacer;
  g_queue_init (&self->queue);
  self->inflight_cancellable = g_cancellable_new ();
  self->stop_cancellable = g_cancellable_new ();
  self->rate_limited_handler =
    g_signal_connect (client, "rate-limited", G_CALLBACK (rate_limited_cb), self);

  return self;
}

/* Stops the sender and frees it; nothing may be in flight. */
void
sk_bulk_sender_free (SkBulkSender *self)
{
  if (self == NULL)
    return;

  sk_bulk_sender_stop (self);
  g_queue_clear (&self->queue);
  g_clear_object (&self->inflight_cancellable);
  g_clear_object (&self->stop_cancellable);
  g_clear_object (&self->client);
  g_free (self->vector_store_id);
  g_free (self);
}

/* The days of the policy an %SK_BULK_STORE_EXPIRY job sets (0: clears
 * it); set before the first send. */
void
sk_bulk_sender_set_expiry_days (SkBulkSender *self,
                                guint         days)
{
  g_return_if_fail (self != NULL);
  self->expiry_days = days;
}

/* Queues @result (borrowed: the owner keeps it) at the end. */
void
sk_bulk_sender_push (SkBulkSender *self,
                     SkBulkResult *result)
{
  g_return_if_fail (self != NULL);
  g_queue_push_tail (&self->queue, result);
}

/* Takes the first queued result out of the queue; NULL when empty. */
SkBulkResult *
sk_bulk_sender_pop (SkBulkSender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_queue_pop_head (&self->queue);
}

/* Starts requests while the limit and the pace allow. */
void
sk_bulk_sender_send (SkBulkSender *self)
{
  g_return_if_fail (self != NULL);

  while (self->n_in_flight < sk_bulk_pacer_get_limit (self->pacer) &&
         !g_queue_is_empty (&self->queue) &&
         pace_allows_start (self))
    start_request (self, g_queue_pop_head (&self->queue));
}

/**
 * sk_bulk_sender_cancel:
 * @grace_ms: how long requests on the wire may still run
 *
 * Stops the requests waiting inside the client (the client reports them
 * from the main loop, never from here), and cancels those on the wire
 * after @grace_ms. The owner stops calling send().
 */
void
sk_bulk_sender_cancel (SkBulkSender *self,
                       guint         grace_ms)
{
  g_return_if_fail (self != NULL);

  self->cancelled = TRUE;
  g_cancellable_cancel (self->stop_cancellable);
  if (self->n_in_flight > 0 && self->grace_id == 0)
    self->grace_id = g_timeout_add (grace_ms, grace_expired_cb, self);
}

/* TRUE when nothing is in flight or queued. */
gboolean
sk_bulk_sender_is_done (SkBulkSender *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->n_in_flight == 0 && g_queue_is_empty (&self->queue);
}

guint
sk_bulk_sender_get_n_in_flight (SkBulkSender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_in_flight;
}

/* 429 answers the client reported since the sender was created. */
guint
sk_bulk_sender_get_n_rate_limited (SkBulkSender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rate_limited;
}

/* The job is over: no more timers, no more 429s counted, and whatever
 * is still in flight is cancelled. */
void
sk_bulk_sender_stop (SkBulkSender *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->pace_id, g_source_remove);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_signal_handler (&self->rate_limited_handler, self->client);
  g_cancellable_cancel (self->inflight_cancellable);
}
