/* sk-bulk-delete.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bulk engine.
 *
 * Scheduling: the distinct input IDs wait in a queue, in input order. At most
 * "current-limit" requests are in flight at once, all through one SkClient
 * (so through one SoupSession and its kept-alive connections).
 *
 * Rate limits (AIMD): every "rate-limited" signal of the client (a 429 seen
 * by any request of that client) halves the current limit, at most once per
 * observed request duration so that one burst of 429s counts as one signal
 * (as TCP does once per round trip); the client itself holds every request
 * until the server's Retry-After has passed. After "current-limit"
 * successes in a row the limit grows by one, up to "max-in-flight". An ID
 * whose request still ends in a 429 after the client's own retries goes
 * back to the front of the queue (at most SK_BULK_MAX_REQUEUES times), so a
 * rate-limited account finishes with no failures; but when the server asked
 * for a delay longer than the client's "max-retry-after-ms" (the client
 * then returns at once), the ID fails with the server's message and the
 * delay instead of being sent again right away. insufficient_quota fails
 * at once: waiting does not help.
 *
 * Pacing: a 429 whose delay is a whole second or more (the real API sends
 * only an integer Retry-After, >= 1 s) stops every request of the client
 * for that long, which costs far more than the burst it answered. So after
 * such a 429 the engine also paces the starts of its requests (a token
 * bucket of SK_BULK_PACE_BURST_S) at a rate it searches for: the first
 * 429 halves the start rate measured before it; afterwards a 429 makes the
 * current rate the upper bound and a period of SK_BULK_PACE_PROBE_MS
 * without one makes it the lower bound, and the next rate is the middle
 * (bisection); once the bounds are within 5% the upper one is raised by
 * 10% every few probe periods, to follow a server that allows more. 429s
 * with short delays (retry-after-ms) are left to the gate and AIMD alone.
 *
 * Ambiguous attempts: an attempt that got no clear answer (timeout,
 * connection lost after sending, 5xx) may have deleted the object. A later
 * 404 for that ID (from the client's own retry, or from a re-queued
 * request) then means "already gone after a retry": DELETED, with a
 * message saying so. A 404 on the first attempt stays FAILED 404.
 *
 * Cancellation: nothing new starts and the IDs never sent end CANCELLED.
 * Requests waiting inside the client (for the client-wide rate-limit gate
 * or a backoff: not on the wire) are stopped at once through the client's
 * "stop" cancellable; they end CANCELLED ("not deleted") unless one of
 * their earlier attempts was ambiguous, then FAILED, status 0, "may or may
 * not have been deleted". A 429 (or another 4xx) answer is unambiguous:
 * nothing was deleted. Requests on the wire are NOT cancelled, so that
 * their outcome is known: they finish normally (and are not retried).
 * Only if they are still running SK_BULK_CANCEL_GRACE_MS after the
 * cancellation (e.g. a server that hangs) are they cancelled; such an ID
 * ends FAILED, status 0, "may or may not have been deleted". The callback
 * comes after every request in flight has ended.
 */

#include "sk-bulk-delete.h"
#include "sk-bulk-delete-private.h"

#include "sk-core-enums.h"
#include "sk-id.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define SK_BULK_MAX_REQUEUES     20
#define SK_BULK_CANCEL_GRACE_MS  10000
#define SK_BULK_TICK_MS          100
#define SK_BULK_MAX_IN_FLIGHT    64
#define SK_BULK_PACE_MIN_DELAY_MS 1000   /* 429 delays from which the engine paces */
#define SK_BULK_PACE_PROBE_MS    1500    /* a rate held this long without 429 is good */
#define SK_BULK_PACE_BURST_S     0.05    /* pacer bucket: this many seconds of starts */
#define SK_BULK_START_RING       4096    /* start times kept to measure the start rate */

/* SkBulkResult */

struct _SkBulkResult
{
  GObject     parent_instance;

  char       *id;
  SkBulkKind  kind;
  SkOutcome   outcome;
  guint       status_code;
  char       *message;
  guint       attempts;
  guint       requeues;
  gboolean    still_present;
  gboolean    ambiguous;   /* an attempt got no clear answer: it may have been deleted */
};

G_DEFINE_FINAL_TYPE (SkBulkResult, sk_bulk_result, G_TYPE_OBJECT)

enum {
  RESULT_PROP_0,
  RESULT_PROP_ID,
  RESULT_PROP_KIND,
  RESULT_PROP_OUTCOME,
  RESULT_PROP_STATUS_CODE,
  RESULT_PROP_MESSAGE,
  RESULT_PROP_ATTEMPTS,
  RESULT_PROP_STILL_PRESENT,
  RESULT_N_PROPS
};

static GParamSpec *result_properties[RESULT_N_PROPS];

static void
sk_bulk_result_finalize (GObject *object)
{
  SkBulkResult *self = SK_BULK_RESULT (object);

  g_free (self->id);
  g_free (self->message);

  G_OBJECT_CLASS (sk_bulk_result_parent_class)->finalize (object);
}

static void
sk_bulk_result_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkBulkResult *self = SK_BULK_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case RESULT_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case RESULT_PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case RESULT_PROP_STATUS_CODE:
      g_value_set_uint (value, self->status_code);
      break;
    case RESULT_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case RESULT_PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case RESULT_PROP_STILL_PRESENT:
      g_value_set_boolean (value, self->still_present);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_result_class_init (SkBulkResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_bulk_result_finalize;
  object_class->get_property = sk_bulk_result_get_property;

  result_properties[RESULT_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SK_TYPE_BULK_KIND, SK_BULK_DELETE_FILES,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL,
                       SK_TYPE_OUTCOME, SK_OUTCOME_PENDING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, NULL,
                       0, 999, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  result_properties[RESULT_PROP_STILL_PRESENT] =
    g_param_spec_boolean ("still-present", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
}

static void
sk_bulk_result_init (SkBulkResult *self)
{
}

static SkBulkResult *
sk_bulk_result_new (const char *id,
                    SkBulkKind  kind)
{
  SkBulkResult *self = g_object_new (SK_TYPE_BULK_RESULT, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  return self;
}

const char *
sk_bulk_result_get_id (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), NULL);
  return self->id;
}

SkBulkKind
sk_bulk_result_get_kind (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), SK_BULK_DELETE_FILES);
  return self->kind;
}

SkOutcome
sk_bulk_result_get_outcome (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), SK_OUTCOME_PENDING);
  return self->outcome;
}

guint
sk_bulk_result_get_status_code (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->status_code;
}

const char *
sk_bulk_result_get_message (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), NULL);
  return self->message;
}

guint
sk_bulk_result_get_attempts (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->attempts;
}

gboolean
sk_bulk_result_get_still_present (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), FALSE);
  return self->still_present;
}

/* SkBulkDelete */

struct _SkBulkDelete
{
  GObject       parent_instance;

  SkClient     *client;
  SkBulkKind    kind;
  char         *vector_store_id;
  guint         max_in_flight;
  gboolean      verify;

  GListStore   *results;
  GListStore   *finished;
  GHashTable   *by_id;              /* id -> SkBulkResult (borrowed from results) */
  GQueue        queue;              /* SkBulkResult waiting to be sent (borrowed) */

  guint         n_total;
  guint         n_succeeded;
  guint         n_failed;
  guint         n_cancelled;
  guint         n_in_flight;
  guint         n_rate_limited;
  guint         n_still_present;

  /* AIMD */
  guint         current_limit;
  guint         successes_since_change;
  gint64        last_decrease_us;
  double        avg_request_us;

  gboolean      ran;
  gboolean      running;
  gboolean      cancelled;
  gboolean      verifying;          /* the verification list is in flight */
  gboolean      verified;
  gint64        start_us;
  gint64        end_us;
  double        eta;

  /* Pacing (see the top of the file); pace_rate 0: not paced */
  double        pace_rate;          /* request starts per second */
  double        pace_lo;            /* highest rate held without 429, 0: none */
  double        pace_hi;            /* lowest rate that got a 429 */
  double        pace_tokens;
  gint64        pace_tokens_us;
  gint64        probe_since_us;     /* the current rate applies since */
  guint         pace_good_probes;   /* probe periods passed once converged */
  guint         pace_id;
  gint64        starts[SK_BULK_START_RING];
  guint         n_starts;           /* total, the ring holds the last ones */

  guint         tick_id;
  guint         grace_id;
  guint         grace_ms;
  guint         cancel_idle_id;

  GTask        *task;
  GCancellable *cancellable;
  gulong        cancelled_handler;
  GCancellable *inflight_cancellable;
  GCancellable *stop_cancellable;   /* stops requests waiting in the client */
  gulong        rate_limited_handler;
};

G_DEFINE_FINAL_TYPE (SkBulkDelete, sk_bulk_delete, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_KIND,
  PROP_VECTOR_STORE_ID,
  PROP_MAX_IN_FLIGHT,
  PROP_VERIFY,
  PROP_N_TOTAL,
  PROP_N_DONE,
  PROP_N_SUCCEEDED,
  PROP_N_FAILED,
  PROP_N_CANCELLED,
  PROP_N_IN_FLIGHT,
  PROP_RUNNING,
  PROP_ELAPSED,
  PROP_ETA,
  PROP_CURRENT_LIMIT,
  PROP_N_RATE_LIMITED,
  PROP_N_STILL_PRESENT,
  PROP_VERIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SkBulkDelete *self;
  SkBulkResult *result;
  gint64        start_us;
} Request;

static void pump (SkBulkDelete *self);

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_object_unref (request->result);
  g_free (request);
}

static void
notify (SkBulkDelete *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
sk_bulk_describe_error (const GError  *error,
                        guint         *status_code,
                        char         **message)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      *status_code = 0;
      *message = g_strdup (_("Cancelled while the request was in flight; it may or may not have been deleted."));
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE))
    {
      *status_code = 502;
      *message = g_strdup_printf (_("The server’s answer could not be understood (%s)."),
                                  error->message);
    }
  else if (error->domain == SK_CLIENT_ERROR)
    {
      *status_code = sk_error_to_http_status (error);
      if (error->message != NULL && error->message[0] != '\0')
        *message = g_strdup (error->message);
      else
        *message = g_strdup_printf (_("The server answered with status %u."), *status_code);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *status_code = 504;
      *message = g_strdup (_("The server did not answer in time."));
    }
  else
    {
      *status_code = sk_error_to_http_status (error);
      if (*status_code == 0 || *status_code == 499)
        *status_code = 502;
      *message = g_strdup_printf (_("No answer from the server (%s)."), error->message);
    }
}

static void
update_eta (SkBulkDelete *self)
{
  guint n_done = self->n_succeeded + self->n_failed + self->n_cancelled;
  double elapsed = sk_bulk_delete_get_elapsed (self);

  if (!self->running)
    self->eta = self->ran ? 0 : -1;
  else if (n_done == 0 || elapsed <= 0)
    self->eta = -1;
  else
    self->eta = elapsed * (self->n_total - n_done) / n_done;
}

static gboolean
tick_cb (gpointer user_data)
{
  SkBulkDelete *self = user_data;

  update_eta (self);
  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_ELAPSED);
  notify (self, PROP_ETA);
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_CONTINUE;
}

static void
finish_result (SkBulkDelete *self,
               SkBulkResult *result,
               SkOutcome     outcome,
               guint         status_code,
               const char   *message)
{
  g_assert (result->outcome == SK_OUTCOME_PENDING);
  g_assert (outcome != SK_OUTCOME_PENDING);

  g_object_freeze_notify (G_OBJECT (result));
  result->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (result), result_properties[RESULT_PROP_OUTCOME]);
  if (result->status_code != status_code)
    {
      result->status_code = status_code;
      g_object_notify_by_pspec (G_OBJECT (result), result_properties[RESULT_PROP_STATUS_CODE]);
    }
  if (g_strcmp0 (result->message, message) != 0)
    {
      g_free (result->message);
      result->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (result), result_properties[RESULT_PROP_MESSAGE]);
    }

  switch (outcome)
    {
    case SK_OUTCOME_DELETED:
      self->n_succeeded++;
      notify (self, PROP_N_SUCCEEDED);
      break;
    case SK_OUTCOME_FAILED:
      self->n_failed++;
      notify (self, PROP_N_FAILED);
      break;
    case SK_OUTCOME_CANCELLED:
      self->n_cancelled++;
      notify (self, PROP_N_CANCELLED);
      break;
    case SK_OUTCOME_PENDING:
    default:
      g_assert_not_reached ();
    }
  notify (self, PROP_N_DONE);

  g_list_store_append (self->finished, result);
  g_object_thaw_notify (G_OBJECT (result));
}

/* Request starts per second over the last second (or since @since_us). */
static double
measured_start_rate (SkBulkDelete *self,
                     gint64        now,
                     gint64        since_us)
{
  gint64 from = MAX (now - G_USEC_PER_SEC, since_us);
  guint n = 0;

  for (guint i = 0; i < MIN (self->n_starts, SK_BULK_START_RING); i++)
    {
      gint64 t = self->starts[(self->n_starts - 1 - i) % SK_BULK_START_RING];

      if (t < from)
        break;
      n++;
    }

  return n * (double) G_USEC_PER_SEC / MAX (now - from, 100 * 1000);
}

static void
set_pace_rate (SkBulkDelete *self,
               double        rate,
               gint64        since_us)
{
  self->pace_rate = MAX (rate, 1.0);
  self->probe_since_us = since_us;
  /* the client's gate holds the requests until @since_us anyway */
  self->pace_tokens = 0;
  self->pace_tokens_us = g_get_monotonic_time ();
  g_debug ("Pacing at %.1f requests/s (bounds %.1f..%.1f; measured %.1f)",
           self->pace_rate, self->pace_lo, self->pace_hi,
           measured_start_rate (self, g_get_monotonic_time (), self->start_us));
}

/* A 429 with a long delay came: lower the pace (see the top of the file). */
static void
pace_on_rate_limited (SkBulkDelete *self,
                      gint64        now,
                      guint         delay_ms)
{
  gint64 gate_end = now + (gint64) delay_ms * 1000;

  /* The answers to the requests of one burst count once: those started
   * before the current rate applied are about the previous one. */
  if (self->pace_rate > 0 && now < self->probe_since_us + (gint64) self->avg_request_us * 2)
    return;

  if (self->pace_rate == 0)
    {
      double measured = measured_start_rate (self, now, self->start_us);

      self->pace_hi = measured;
      set_pace_rate (self, measured / 2, gate_end);
    }
  else
    {
      self->pace_hi = self->pace_rate;
      /* a lower bound this close was wrong (a probe period shorter than
       * the server's bucket lasts), or no longer holds: look lower */
      if (self->pace_lo > self->pace_hi * 0.95)
        self->pace_lo = self->pace_hi * 0.85;
      set_pace_rate (self, self->pace_lo > 0 ? (self->pace_lo + self->pace_hi) / 2 : self->pace_rate / 2,
                     gate_end);
    }
  self->pace_good_probes = 0;
}

/* Called as time passes: a rate held for a probe period is good. */
static void
pace_check_probe (SkBulkDelete *self,
                  gint64        now)
{
  if (self->pace_rate == 0 || now < self->probe_since_us + SK_BULK_PACE_PROBE_MS * 1000)
    return;

  self->pace_lo = MAX (self->pace_lo, self->pace_rate);
  if (self->pace_hi <= self->pace_lo)
    self->pace_hi = self->pace_lo * 1.1;

  if (self->pace_hi - self->pace_lo > 0.05 * self->pace_hi)
    {
      set_pace_rate (self, (self->pace_lo + self->pace_hi) / 2, now);
    }
  else if (++self->pace_good_probes >= 3)
    {
      /* converged for a while: see whether the server allows more */
      self->pace_hi *= 1.1;
      self->pace_good_probes = 0;
      set_pace_rate (self, (self->pace_lo + self->pace_hi) / 2, now);
    }
  else
    {
      self->probe_since_us = now;
    }
}

static gboolean
pace_cb (gpointer user_data)
{
  SkBulkDelete *self = user_data;

  self->pace_id = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

/* TRUE when a request may start now; otherwise a timer calls pump() back. */
static gboolean
pace_allows_start (SkBulkDelete *self)
{
  gint64 now;
  double capacity;

  if (self->pace_rate == 0)
    return TRUE;

  now = g_get_monotonic_time ();
  pace_check_probe (self, now);

  capacity = MAX (1.0, self->pace_rate * SK_BULK_PACE_BURST_S);
  if (now > self->pace_tokens_us)
    {
      self->pace_tokens = MIN (capacity, self->pace_tokens +
                               (now - self->pace_tokens_us) * self->pace_rate / G_USEC_PER_SEC);
      self->pace_tokens_us = now;
    }

  if (self->pace_tokens >= 1.0)
    {
      self->pace_tokens -= 1.0;
      return TRUE;
    }

  if (self->pace_id == 0)
    {
      gint64 wait_us = MAX (self->pace_tokens_us - now, 0) +
                       (gint64) ((1.0 - self->pace_tokens) * G_USEC_PER_SEC / self->pace_rate);

      self->pace_id = g_timeout_add (MAX ((guint) ((wait_us + 999) / 1000), 1), pace_cb, self);
    }

  return FALSE;
}

static void
rate_limited_cb (SkClient *client,
                 guint     delay_ms,
                 gpointer  user_data)
{
  SkBulkDelete *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 window = MAX ((gint64) self->avg_request_us, 1000);

  self->n_rate_limited++;
  notify (self, PROP_N_RATE_LIMITED);

  /* (a delay longer than the client waits for fails the request instead) */
  if (delay_ms >= SK_BULK_PACE_MIN_DELAY_MS && !self->cancelled)
    {
      guint max_delay_ms = 0;

      g_object_get (self->client, "max-retry-after-ms", &max_delay_ms, NULL);
      if (delay_ms <= max_delay_ms)
        pace_on_rate_limited (self, now, delay_ms);
    }

  /* One burst of 429s (the requests in flight in the same round trip) is
   * one congestion signal, as in TCP. */
  if (self->last_decrease_us != 0 && now - self->last_decrease_us < window)
    return;

  self->last_decrease_us = now;
  self->successes_since_change = 0;
  if (self->current_limit > 1)
    {
      self->current_limit = MAX (1, self->current_limit / 2);
      notify (self, PROP_CURRENT_LIMIT);
    }
}

static void
complete (SkBulkDelete *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  /* Completes once: whatever pumps later finds no task. */
  if (task == NULL)
    return;

  self->verifying = FALSE;
  self->running = FALSE;
  self->end_us = g_get_monotonic_time ();
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  g_clear_handle_id (&self->pace_id, g_source_remove);
  g_clear_signal_handler (&self->rate_limited_handler, self->client);
  if (self->cancellable != NULL && self->cancelled_handler != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_handler);
  self->cancelled_handler = 0;
  update_eta (self);

  g_object_freeze_notify (G_OBJECT (self));
  notify (self, PROP_RUNNING);
  notify (self, PROP_ELAPSED);
  notify (self, PROP_ETA);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

static void
verify_listed_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr (SkBulkDelete) self = user_data;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;

  self->verifying = FALSE;

  switch (self->kind)
    {
    case SK_BULK_DELETE_FILES:
      items = sk_client_list_files_finish (self->client, res, &error);
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      items = sk_client_list_vector_stores_finish (self->client, res, &error);
      break;
    case SK_BULK_DETACH_FILES:
      items = sk_client_list_vector_store_files_finish (self->client, res, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (items == NULL)
    {
      g_debug ("Verification list failed: %s", error->message);
    }
  else
    {
      for (guint i = 0; i < items->len; i++)
        {
          g_autofree char *id = NULL;
          SkBulkResult *result;

          g_object_get (g_ptr_array_index (items, i), "id", &id, NULL);
          result = id ? g_hash_table_lookup (self->by_id, id) : NULL;

          if (result != NULL && result->outcome == SK_OUTCOME_DELETED && !result->still_present)
            {
              result->still_present = TRUE;
              g_object_notify_by_pspec (G_OBJECT (result), result_properties[RESULT_PROP_STILL_PRESENT]);
              self->n_still_present++;
            }
        }
      self->verified = TRUE;
      if (self->n_still_present > 0)
        notify (self, PROP_N_STILL_PRESENT);
      notify (self, PROP_VERIFIED);
    }

  complete (self);
}

static void
start_verify (SkBulkDelete *self)
{
  GCancellable *cancellable = self->cancellable;

  /* pump() does nothing until the list is back: a cancel (which cancels
   * the list itself) or a new max-in-flight must not complete the job. */
  self->verifying = TRUE;

  switch (self->kind)
    {
    case SK_BULK_DELETE_FILES:
      sk_client_list_files_async (self->client, NULL, NULL, NULL, NULL, cancellable,
                                  verify_listed_cb, g_object_ref (self));
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      sk_client_list_vector_stores_async (self->client, NULL, NULL, NULL, NULL, cancellable,
                                          verify_listed_cb, g_object_ref (self));
      break;
    case SK_BULK_DETACH_FILES:
      sk_client_list_vector_store_files_async (self->client, self->vector_store_id, NULL,
                                               NULL, NULL, NULL, cancellable,
                                               verify_listed_cb, g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
maybe_deleted_message (void)
{
  return _("Cancelled while the request was in flight; it may or may not have been deleted.");
}

static const char *
rate_limited_cancelled_message (void)
{
  return _("Not deleted: rate limited, and the job was cancelled before another try.");
}

static const char *
already_gone_message (void)
{
  return _("Already gone after a retry: an earlier attempt that got no clear answer deleted it.");
}

/* The request of @result ended with @error (@res: its client result). */
static void
finish_failed_request (SkBulkDelete *self,
                       SkBulkResult *result,
                       GAsyncResult *res,
                       const GError *error)
{
  g_autofree char *message = NULL;
  guint status_code = 0;
  gint64 delay_ms = sk_client_delete_result_get_retry_after_ms (res);
  guint max_delay_ms = 0;
  g_autoptr (JsonNode) json = NULL;

  g_assert (error != NULL);

  g_object_get (self->client, "max-retry-after-ms", &max_delay_ms, NULL);

  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND) && result->ambiguous)
    {
      /* An earlier request of this ID got no clear answer: it deleted it. */
      finish_result (self, result, SK_OUTCOME_DELETED, 0, already_gone_message ());
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !result->ambiguous)
    {
      /* Stopped while waiting to be sent, after clear answers only. */
      finish_result (self, result, SK_OUTCOME_CANCELLED, 0,
                     _("Not deleted: the job was cancelled while this request waited to be sent."));
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED) && self->cancelled)
    {
      if (result->ambiguous)
        finish_result (self, result, SK_OUTCOME_FAILED, 0, maybe_deleted_message ());
      else
        finish_result (self, result, SK_OUTCOME_CANCELLED, 0, rate_limited_cancelled_message ());
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED) &&
           delay_ms > (gint64) max_delay_ms)
    {
      /* The client did not wait that long; sending again now would only
       * get the same answer. */
      g_autofree char *full = NULL;

      sk_bulk_describe_error (error, &status_code, &message);
      /* Translators: %s is the server's message, %.0f a number of seconds */
      full = g_strdup_printf (_("%s (The server asked to wait %.0f s before trying again.)"),
                              message, ceil (delay_ms / 1000.0));
      finish_result (self, result, SK_OUTCOME_FAILED, status_code, full);
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED) &&
           result->requeues < SK_BULK_MAX_REQUEUES)
    {
      /* Not done on the server: try again once the pace allows it (the
       * client's gate holds every request until the server's delay). */
      result->requeues++;
      g_queue_push_head (&self->queue, result);
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE) &&
           sk_client_error_get_status (error) == 200 &&
           (json = sk_client_delete_result_get_json (res)) != NULL)
    {
      /* A deletion object without "deleted": true */
      finish_result (self, result, SK_OUTCOME_FAILED, 502,
                     _("The server did not confirm the deletion."));
    }
  else
    {
      sk_bulk_describe_error (error, &status_code, &message);
      finish_result (self, result, SK_OUTCOME_FAILED, status_code, message);
    }
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Request *request = user_data;
  SkBulkDelete *self = request->self;
  SkBulkResult *result = request->result;
  g_autoptr (GError) error = NULL;
  gboolean ok = FALSE;
  double duration = g_get_monotonic_time () - request->start_us;

  switch (self->kind)
    {
    case SK_BULK_DELETE_FILES:
      ok = sk_client_delete_file_finish (self->client, res, &error);
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      ok = sk_client_delete_vector_store_finish (self->client, res, &error);
      break;
    case SK_BULK_DETACH_FILES:
      ok = sk_client_detach_file_finish (self->client, res, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  self->avg_request_us = self->avg_request_us == 0
    ? duration : 0.8 * self->avg_request_us + 0.2 * duration;

  g_object_freeze_notify (G_OBJECT (self));

  self->n_in_flight--;
  notify (self, PROP_N_IN_FLIGHT);

  if (sk_client_delete_result_maybe_processed (res))
    result->ambiguous = TRUE;

  if (ok)
    {
      finish_result (self, result, SK_OUTCOME_DELETED, 0,
                     sk_client_delete_result_already_gone (res) ? already_gone_message () : NULL);

      self->successes_since_change++;
      if (self->successes_since_change >= self->current_limit &&
          self->current_limit < self->max_in_flight)
        {
          self->current_limit++;
          self->successes_since_change = 0;
          notify (self, PROP_CURRENT_LIMIT);
        }
    }
  else
    {
      finish_failed_request (self, result, res, error);
    }

  g_object_thaw_notify (G_OBJECT (self));

  request_free (request);
  pump (self);
}

static void
start_request (SkBulkDelete *self,
               SkBulkResult *result)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->result = g_object_ref (result);
  request->start_us = g_get_monotonic_time ();

  result->attempts++;
  g_object_notify_by_pspec (G_OBJECT (result), result_properties[RESULT_PROP_ATTEMPTS]);
  self->starts[self->n_starts++ % SK_BULK_START_RING] = request->start_us;
  self->n_in_flight++;
  notify (self, PROP_N_IN_FLIGHT);

  sk_client_delete_with_stop_async (self->client, self->kind, self->vector_store_id, result->id,
                                    self->inflight_cancellable, self->stop_cancellable,
                                    request_done_cb, request);
}

static gboolean
grace_expired_cb (gpointer user_data)
{
  SkBulkDelete *self = user_data;

  self->grace_id = 0;
  g_cancellable_cancel (self->inflight_cancellable);

  return G_SOURCE_REMOVE;
}

static void
pump (SkBulkDelete *self)
{
  SkBulkResult *result;

  if (!self->running || self->task == NULL || self->verifying)
    return;

  /* The cancelled handler only schedules an idle: look at the cancellable
   * itself so that nothing starts after the cancel, not even in between. */
  if (!self->cancelled && self->cancellable != NULL &&
      g_cancellable_is_cancelled (self->cancellable))
    {
      self->cancelled = TRUE;
      /* requests waiting inside the client (gate, backoff) end now; the
       * client reports them from the main loop, never from here */
      g_cancellable_cancel (self->stop_cancellable);
      if (self->n_in_flight > 0 && self->grace_id == 0)
        self->grace_id = g_timeout_add (self->grace_ms, grace_expired_cb, self);
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->cancelled)
    {
      while ((result = g_queue_pop_head (&self->queue)) != NULL)
        {
          /* re-queued ones were answered 429: not deleted, unless an
           * earlier attempt got no clear answer */
          if (result->attempts == 0)
            finish_result (self, result, SK_OUTCOME_CANCELLED, 0, NULL);
          else if (result->ambiguous)
            finish_result (self, result, SK_OUTCOME_FAILED, 0, maybe_deleted_message ());
          else
            finish_result (self, result, SK_OUTCOME_CANCELLED, 0, rate_limited_cancelled_message ());
        }
    }
  else
    {
      while (self->n_in_flight < self->current_limit &&
             !g_queue_is_empty (&self->queue) &&
             pace_allows_start (self))
        start_request (self, g_queue_pop_head (&self->queue));
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (self->n_in_flight == 0 && g_queue_is_empty (&self->queue))
    {
      if (self->verify && !self->cancelled && self->n_succeeded > 0)
        start_verify (self);
      else
        complete (self);
    }
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  SkBulkDelete *self = user_data;

  self->cancel_idle_id = 0;
  pump (self);

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  SkBulkDelete *self = user_data;

  /* Never act inside the cancellable's handler (it may be called from
   * g_cancellable_connect itself, and we disconnect on completion). */
  if (self->cancel_idle_id == 0)
    self->cancel_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, cancel_idle_cb, self, NULL);
}

static void
sk_bulk_delete_dispose (GObject *object)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  /* Running jobs are kept alive by their task and requests. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->grace_id, g_source_remove);
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  g_clear_handle_id (&self->pace_id, g_source_remove);
  if (self->client != NULL)
    g_clear_signal_handler (&self->rate_limited_handler, self->client);
  if (self->inflight_cancellable != NULL)
    g_cancellable_cancel (self->inflight_cancellable);

  G_OBJECT_CLASS (sk_bulk_delete_parent_class)->dispose (object);
}

static void
sk_bulk_delete_finalize (GObject *object)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  g_queue_clear (&self->queue);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->results);
  g_clear_object (&self->finished);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->inflight_cancellable);
  g_clear_object (&self->stop_cancellable);
  g_clear_object (&self->client);
  g_free (self->vector_store_id);

  G_OBJECT_CLASS (sk_bulk_delete_parent_class)->finalize (object);
}

static void
sk_bulk_delete_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_VECTOR_STORE_ID:
      g_value_set_string (value, self->vector_store_id);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_VERIFY:
      g_value_set_boolean (value, self->verify);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, sk_bulk_delete_get_n_done (self));
      break;
    case PROP_N_SUCCEEDED:
      g_value_set_uint (value, self->n_succeeded);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_CANCELLED:
      g_value_set_uint (value, self->n_cancelled);
      break;
    case PROP_N_IN_FLIGHT:
      g_value_set_uint (value, self->n_in_flight);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, sk_bulk_delete_get_elapsed (self));
      break;
    case PROP_ETA:
      g_value_set_double (value, sk_bulk_delete_get_eta (self));
      break;
    case PROP_CURRENT_LIMIT:
      g_value_set_uint (value, self->current_limit);
      break;
    case PROP_N_RATE_LIMITED:
      g_value_set_uint (value, self->n_rate_limited);
      break;
    case PROP_N_STILL_PRESENT:
      g_value_set_uint (value, self->n_still_present);
      break;
    case PROP_VERIFIED:
      g_value_set_boolean (value, self->verified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_delete_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_VECTOR_STORE_ID:
      self->vector_store_id = g_value_dup_string (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_bulk_delete_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_VERIFY:
      sk_bulk_delete_set_verify (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_delete_class_init (SkBulkDeleteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sk_bulk_delete_dispose;
  object_class->finalize = sk_bulk_delete_finalize;
  object_class->get_property = sk_bulk_delete_get_property;
  object_class->set_property = sk_bulk_delete_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SK_TYPE_BULK_KIND, SK_BULK_DELETE_FILES,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VECTOR_STORE_ID] =
    g_param_spec_string ("vector-store-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, SK_BULK_MAX_IN_FLIGHT, 8,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERIFY] =
    g_param_spec_boolean ("verify", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_SUCCEEDED] =
    g_param_spec_uint ("n-succeeded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_CANCELLED] =
    g_param_spec_uint ("n-cancelled", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_IN_FLIGHT] =
    g_param_spec_uint ("n-in-flight", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_ETA] =
    g_param_spec_double ("eta", NULL, NULL, -1, G_MAXDOUBLE, -1, ro);
  properties[PROP_CURRENT_LIMIT] =
    g_param_spec_uint ("current-limit", NULL, NULL, 0, SK_BULK_MAX_IN_FLIGHT, 8, ro);
  properties[PROP_N_RATE_LIMITED] =
    g_param_spec_uint ("n-rate-limited", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Additive: results flagged still-present by the verification pass, and
   * whether that pass completed (a failed re-list leaves it FALSE). */
  properties[PROP_N_STILL_PRESENT] =
    g_param_spec_uint ("n-still-present", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_bulk_delete_init (SkBulkDelete *self)
{
  self->max_in_flight = 8;
  self->current_limit = 8;
  self->grace_ms = SK_BULK_CANCEL_GRACE_MS;
  self->eta = -1;
  self->results = g_list_store_new (SK_TYPE_BULK_RESULT);
  self->finished = g_list_store_new (SK_TYPE_BULK_RESULT);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->queue);
}

/**
 * sk_bulk_delete_new:
 * @client: the client to send requests with
 * @kind: what to do to each ID
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 * @ids: (array zero-terminated=1) (nullable): the IDs; duplicates are done once
 *
 * Returns: (transfer full): a new job, not running
 */
SkBulkDelete *
sk_bulk_delete_new (SkClient           *client,
                    SkBulkKind          kind,
                    const char         *vector_store_id,
                    const char * const *ids)
{
  SkBulkDelete *self;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind != SK_BULK_DETACH_FILES || vector_store_id != NULL, NULL);

  self = g_object_new (SK_TYPE_BULK_DELETE,
                       "client", client,
                       "kind", kind,
                       "vector-store-id", vector_store_id,
                       NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SkBulkResult *result;

      if (g_hash_table_contains (self->by_id, ids[i]))
        continue;

      result = sk_bulk_result_new (ids[i], kind);
      g_hash_table_insert (self->by_id, result->id, result);
      g_ptr_array_add (items, result);
    }

  g_list_store_splice (self->results, 0, 0, items->pdata, items->len);
  self->n_total = items->len;

  return self;
}

/**
 * sk_bulk_delete_new_retry_failed:
 * @previous: a finished job
 *
 * Returns: (transfer full): a new job with the same client, kind, store,
 *   max-in-flight and verify, over the IDs that ended FAILED in @previous
 */
SkBulkDelete *
sk_bulk_delete_new_retry_failed (SkBulkDelete *previous)
{
  g_autoptr (GPtrArray) failed = NULL;
  SkBulkDelete *self;

  g_return_val_if_fail (SK_IS_BULK_DELETE (previous), NULL);

  failed = sk_bulk_delete_get_ids_with_outcome (previous, SK_OUTCOME_FAILED);
  g_ptr_array_add (failed, NULL);

  self = sk_bulk_delete_new (previous->client, previous->kind, previous->vector_store_id,
                             (const char * const *) failed->pdata);
  sk_bulk_delete_set_max_in_flight (self, previous->max_in_flight);
  sk_bulk_delete_set_verify (self, previous->verify);

  return self;
}

SkBulkKind
sk_bulk_delete_get_kind (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), SK_BULK_DELETE_FILES);
  return self->kind;
}

void
sk_bulk_delete_set_max_in_flight (SkBulkDelete *self,
                                  guint         max_in_flight)
{
  g_return_if_fail (SK_IS_BULK_DELETE (self));

  max_in_flight = CLAMP (max_in_flight, 1, SK_BULK_MAX_IN_FLIGHT);
  if (self->max_in_flight == max_in_flight)
    return;

  self->max_in_flight = max_in_flight;
  notify (self, PROP_MAX_IN_FLIGHT);

  if (!self->running || self->current_limit > max_in_flight)
    {
      self->current_limit = max_in_flight;
      notify (self, PROP_CURRENT_LIMIT);
    }

  pump (self);
}

guint
sk_bulk_delete_get_max_in_flight (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->max_in_flight;
}

void
sk_bulk_delete_set_verify (SkBulkDelete *self,
                           gboolean      verify)
{
  g_return_if_fail (SK_IS_BULK_DELETE (self));

  verify = !!verify;
  if (self->verify == verify)
    return;

  self->verify = verify;
  notify (self, PROP_VERIFY);
}

/**
 * sk_bulk_delete_get_results:
 *
 * Returns: (transfer none): one #SkBulkResult per distinct input ID, in input order
 */
GListModel *
sk_bulk_delete_get_results (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), NULL);
  return G_LIST_MODEL (self->results);
}

/**
 * sk_bulk_delete_get_finished:
 *
 * Returns: (transfer none): the finished results, in finishing order
 */
GListModel *
sk_bulk_delete_get_finished (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), NULL);
  return G_LIST_MODEL (self->finished);
}

guint
sk_bulk_delete_get_n_total (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_total;
}

guint
sk_bulk_delete_get_n_done (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_succeeded + self->n_failed + self->n_cancelled;
}

guint
sk_bulk_delete_get_n_succeeded (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_succeeded;
}

guint
sk_bulk_delete_get_n_failed (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_failed;
}

guint
sk_bulk_delete_get_n_cancelled (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_cancelled;
}

guint
sk_bulk_delete_get_n_in_flight (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->n_in_flight;
}

gboolean
sk_bulk_delete_get_running (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), FALSE);
  return self->running;
}

double
sk_bulk_delete_get_elapsed (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);

  if (self->start_us == 0)
    return 0;
  if (self->running)
    return (g_get_monotonic_time () - self->start_us) / (double) G_USEC_PER_SEC;
  return (self->end_us - self->start_us) / (double) G_USEC_PER_SEC;
}

double
sk_bulk_delete_get_eta (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), -1);
  return self->eta;
}

/**
 * sk_bulk_delete_get_ids_with_outcome:
 *
 * Returns: (transfer container) (element-type utf8): the IDs that ended
 *   with @outcome, in input order; the strings belong to the results
 */
GPtrArray *
sk_bulk_delete_get_ids_with_outcome (SkBulkDelete *self,
                                     SkOutcome     outcome)
{
  GPtrArray *ids;
  guint n;

  g_return_val_if_fail (SK_IS_BULK_DELETE (self), NULL);

  ids = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (result->outcome == outcome)
        g_ptr_array_add (ids, result->id);
    }

  return ids;
}

void
sk_bulk_delete_set_cancel_grace_ms (SkBulkDelete *self,
                                    guint         grace_ms)
{
  g_return_if_fail (SK_IS_BULK_DELETE (self));
  self->grace_ms = grace_ms;
}

gboolean
sk_bulk_delete_preset_failed (SkBulkDelete *self,
                              const char   *id,
                              guint         status_code,
                              const char   *message)
{
  SkBulkResult *result;

  g_return_val_if_fail (SK_IS_BULK_DELETE (self), FALSE);
  g_return_val_if_fail (!self->ran, FALSE);

  result = g_hash_table_lookup (self->by_id, id);
  if (result == NULL || result->outcome != SK_OUTCOME_PENDING)
    return FALSE;

  finish_result (self, result, SK_OUTCOME_FAILED, status_code, message);
  return TRUE;
}

void
sk_bulk_delete_run_async (SkBulkDelete        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  guint n;

  g_return_if_fail (SK_IS_BULK_DELETE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_bulk_delete_run_async);
  /* A cancelled job still succeeds, with its partial results. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->ran)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s", _("This deletion job has already run."));
      return;
    }

  self->ran = TRUE;
  self->running = TRUE;
  self->start_us = g_get_monotonic_time ();
  self->current_limit = self->max_in_flight;
  self->task = g_steal_pointer (&task);
  self->inflight_cancellable = g_cancellable_new ();
  self->stop_cancellable = g_cancellable_new ();
  g_set_object (&self->cancellable, cancellable);

  g_object_freeze_notify (G_OBJECT (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (result->outcome != SK_OUTCOME_PENDING)
        continue;

      /* An ID is put in a URL path: refuse what could reach another object. */
      if (!sk_id_is_valid (result->id))
        finish_result (self, result, SK_OUTCOME_FAILED, 400, _("This is not a valid ID."));
      else
        g_queue_push_tail (&self->queue, result);
    }

  self->rate_limited_handler =
    g_signal_connect (self->client, "rate-limited", G_CALLBACK (rate_limited_cb), self);
  if (cancellable != NULL)
    self->cancelled_handler =
      g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  self->tick_id = g_timeout_add (SK_BULK_TICK_MS, tick_cb, self);

  notify (self, PROP_RUNNING);
  notify (self, PROP_CURRENT_LIMIT);
  g_object_thaw_notify (G_OBJECT (self));

  /* A cancellable cancelled before the run: pump sees it, nothing is sent. */
  pump (self);
}

gboolean
sk_bulk_delete_run_finish (SkBulkDelete  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
