/* sk-bulk-delete.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bulk engine: one job, its results and its progress.
 *
 * The distinct input IDs wait in a queue, in input order; SkBulkSender
 * sends them (sk-bulk-sender.c), within the in-flight limit and the pace
 * of SkBulkPacer (sk-bulk-pacer.c: the adaptive limit and the pacing of
 * starts after 429s). What a failed request means for its ID (sent again,
 * failed, cancelled, already gone) is decided in sk-bulk-outcome.c. This
 * file keeps the results model, the counts, the timing and the run itself
 * (its GObject properties are in sk-bulk-delete-props.c).
 *
 * Cancellation: nothing new starts and the IDs never sent end CANCELLED.
 * Requests waiting inside the client are stopped at once; requests on the
 * wire finish normally (and are not retried) so that their outcome is
 * known, unless they still run SK_BULK_CANCEL_GRACE_MS after the
 * cancellation (e.g. a server that hangs): then they are cancelled, and
 * such an ID ends FAILED, status 0, "may or may not have been deleted".
 * The callback comes after every request in flight has ended.
 *
 * Verification: with "verify", once every request ended the job lists the
 * objects again and flags the DELETED results still listed (deletions
 * only).
 *
 * Updates: a job of kind SK_BULK_STORE_EXPIRY sets (or clears) the expiry
 * policy of vector stores with the same guarantees; DELETED then means
 * the server confirmed the change.
 */

#include "sk-bulk-delete.h"
#include "sk-bulk-delete-private.h"
#include "sk-bulk-delete-props.h"

#include "sk-bulk-kind.h"
#include "sk-bulk-outcome.h"
#include "sk-bulk-pacer.h"
#include "sk-bulk-result-private.h"
#include "sk-bulk-sender.h"
#include "sk-core-enums.h"
#include "sk-id.h"

#include <glib/gi18n-lib.h>

#define SK_BULK_CANCEL_GRACE_MS  10000
#define SK_BULK_TICK_MS          100


G_DEFINE_FINAL_TYPE (SkBulkDelete, sk_bulk_delete, G_TYPE_OBJECT)


static void pump (SkBulkDelete *self);

static void
notify (SkBulkDelete *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), _sk_bulk_delete_properties[prop]);
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
  g_assert (sk_bulk_result_get_outcome (result) == SK_OUTCOME_PENDING);
  g_assert (outcome != SK_OUTCOME_PENDING);

  g_object_freeze_notify (G_OBJECT (result));
  sk_bulk_result_set_outcome (result, outcome, status_code, message);

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
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  sk_bulk_sender_stop (self->sender);
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

  items = sk_bulk_kind_list_finish (self->kind, self->client, res, &error);

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

          if (result != NULL && sk_bulk_result_mark_still_present (result))
            self->n_still_present++;
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
  /* pump() does nothing until the list is back: a cancel (which cancels
   * the list itself) or a new max-in-flight must not complete the job. */
  self->verifying = TRUE;

  sk_bulk_kind_list_async (self->kind, self->client, self->vector_store_id, self->cancellable,
                           verify_listed_cb, g_object_ref (self));
}

static void
sender_finish_cb (GObject      *owner,
                  SkBulkResult *result,
                  SkOutcome     outcome,
                  guint         status_code,
                  const char   *message)
{
  finish_result (SK_BULK_DELETE (owner), result, outcome, status_code, message);
}

static void
sender_changed_cb (GObject           *owner,
                   SkBulkSenderCount  count)
{
  static const guint props[] = {
    [SK_BULK_SENDER_N_IN_FLIGHT] = PROP_N_IN_FLIGHT,
    [SK_BULK_SENDER_CURRENT_LIMIT] = PROP_CURRENT_LIMIT,
    [SK_BULK_SENDER_N_RATE_LIMITED] = PROP_N_RATE_LIMITED,
  };

  notify (SK_BULK_DELETE (owner), props[count]);
}

static void
sender_ready_cb (GObject *owner)
{
  pump (SK_BULK_DELETE (owner));
}

static const SkBulkSenderCallbacks sender_callbacks = {
  sender_finish_cb,
  sender_changed_cb,
  sender_ready_cb,
};

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
      sk_bulk_sender_cancel (self->sender, self->grace_ms);
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->cancelled)
    {
      while ((result = sk_bulk_sender_pop (self->sender)) != NULL)
        {
          g_auto (SkBulkDecision) decision = { 0 };

          sk_bulk_decide_unsent_for_kind (self->kind,
                                          sk_bulk_result_get_attempts (result),
                                          sk_bulk_result_get_ambiguous (result),
                                          &decision);
          finish_result (self, result, decision.outcome, decision.status_code, decision.message);
        }
    }
  else
    {
      sk_bulk_sender_send (self->sender);
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (sk_bulk_sender_is_done (self->sender))
    {
      /* (an update leaves its objects listed: nothing to verify) */
      if (self->verify && sk_bulk_kind_is_deletion (self->kind) && !self->cancelled &&
          self->n_succeeded > 0)
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
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  if (self->sender != NULL)
    sk_bulk_sender_stop (self->sender);

  G_OBJECT_CLASS (sk_bulk_delete_parent_class)->dispose (object);
}

static void
sk_bulk_delete_finalize (GObject *object)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  g_clear_pointer (&self->sender, sk_bulk_sender_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->pacer, sk_bulk_pacer_free);
  g_clear_object (&self->results);
  g_clear_object (&self->finished);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_free (self->vector_store_id);

  G_OBJECT_CLASS (sk_bulk_delete_parent_class)->finalize (object);
}

static void
sk_bulk_delete_class_init (SkBulkDeleteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_bulk_delete_dispose;
  object_class->finalize = sk_bulk_delete_finalize;
  object_class->get_property = _sk_bulk_delete_get_property;
  object_class->set_property = _sk_bulk_delete_set_property;

  _sk_bulk_delete_install_properties (object_class);
}

static void
sk_bulk_delete_init (SkBulkDelete *self)
{
  self->pacer = sk_bulk_pacer_new (SK_BULK_PACER_DEFAULT_MAX);
  self->grace_ms = SK_BULK_CANCEL_GRACE_MS;
  self->eta = -1;
  self->results = g_list_store_new (SK_TYPE_BULK_RESULT);
  self->finished = g_list_store_new (SK_TYPE_BULK_RESULT);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static SkBulkDelete *
new_job (SkClient           *client,
         SkBulkKind          kind,
         const char         *vector_store_id,
         guint               expiry_days,
         const char * const *ids)
{
  SkBulkDelete *self;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  self = g_object_new (SK_TYPE_BULK_DELETE,
                       "client", client,
                       "kind", kind,
                       "vector-store-id", vector_store_id,
                       "expiry-days", expiry_days,
                       NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SkBulkResult *result;

      if (g_hash_table_contains (self->by_id, ids[i]))
        continue;

      result = sk_bulk_result_new (ids[i], kind);
      if (kind == SK_BULK_STORE_EXPIRY)
        sk_bulk_result_set_expiry_days (result, expiry_days);
      g_hash_table_insert (self->by_id, (gpointer) sk_bulk_result_get_id (result), result);
      g_ptr_array_add (items, result);
    }

  g_list_store_splice (self->results, 0, 0, items->pdata, items->len);
  self->n_total = items->len;

  return self;
}

/**
 * sk_bulk_delete_new:
 * @client: the client to send requests with
 * @kind: what to do to each ID (a deletion; see
 *   sk_bulk_delete_new_store_expiry() for %SK_BULK_STORE_EXPIRY)
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
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind != SK_BULK_DETACH_FILES || vector_store_id != NULL, NULL);

  return new_job (client, kind, vector_store_id, 0, ids);
}

/**
 * sk_bulk_delete_new_store_expiry:
 * @client: the client to send requests with
 * @ids: (array zero-terminated=1) (nullable): the IDs of vector stores;
 *   duplicates are done once
 * @days: 1..365: each store expires that many days after its last
 *   activity; 0: clears the policy (the stores never expire)
 *
 * A job of kind %SK_BULK_STORE_EXPIRY: `POST /vector_stores/{id}` with
 * the policy, for each ID. %SK_OUTCOME_DELETED means the server confirmed
 * the change; a store not found (404) fails.
 *
 * Returns: (transfer full): a new job, not running
 */
SkBulkDelete *
sk_bulk_delete_new_store_expiry (SkClient           *client,
                                 const char * const *ids,
                                 guint               days)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (days <= SK_VECTOR_STORE_MAX_EXPIRY_DAYS, NULL);

  return new_job (client, SK_BULK_STORE_EXPIRY, NULL, days, ids);
}

/**
 * sk_bulk_delete_new_retry_failed:
 * @previous: a finished job
 *
 * Returns: (transfer full): a new job with the same client, kind, store,
 *   expiry days, max-in-flight and verify, over the IDs that ended FAILED
 *   in @previous
 */
SkBulkDelete *
sk_bulk_delete_new_retry_failed (SkBulkDelete *previous)
{
  g_autoptr (GPtrArray) failed = NULL;
  SkBulkDelete *self;

  g_return_val_if_fail (SK_IS_BULK_DELETE (previous), NULL);

  failed = sk_bulk_delete_get_ids_with_outcome (previous, SK_OUTCOME_FAILED);
  g_ptr_array_add (failed, NULL);

  self = new_job (previous->client, previous->kind, previous->vector_store_id,
                  previous->expiry_days, (const char * const *) failed->pdata);
  sk_bulk_delete_set_max_in_flight (self, sk_bulk_pacer_get_max_in_flight (previous->pacer));
  sk_bulk_delete_set_verify (self, previous->verify);

  return self;
}

SkBulkKind
sk_bulk_delete_get_kind (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), SK_BULK_DELETE_FILES);
  return self->kind;
}

guint
sk_bulk_delete_get_expiry_days (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return self->expiry_days;
}

void
sk_bulk_delete_set_max_in_flight (SkBulkDelete *self,
                                  guint         max_in_flight)
{
  gboolean limit_changed;

  g_return_if_fail (SK_IS_BULK_DELETE (self));

  max_in_flight = CLAMP (max_in_flight, 1, SK_BULK_PACER_MAX_IN_FLIGHT);
  if (sk_bulk_pacer_get_max_in_flight (self->pacer) == max_in_flight)
    return;

  limit_changed = sk_bulk_pacer_set_max_in_flight (self->pacer, max_in_flight, self->running);
  notify (self, PROP_MAX_IN_FLIGHT);
  if (limit_changed)
    notify (self, PROP_CURRENT_LIMIT);

  pump (self);
}

guint
sk_bulk_delete_get_max_in_flight (SkBulkDelete *self)
{
  g_return_val_if_fail (SK_IS_BULK_DELETE (self), 0);
  return sk_bulk_pacer_get_max_in_flight (self->pacer);
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
  return self->sender != NULL ? sk_bulk_sender_get_n_in_flight (self->sender) : 0;
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

      if (sk_bulk_result_get_outcome (result) == outcome)
        g_ptr_array_add (ids, (gpointer) sk_bulk_result_get_id (result));
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
  if (result == NULL || sk_bulk_result_get_outcome (result) != SK_OUTCOME_PENDING)
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
  /* the rate learned from the service's refusals is the client's */
  sk_bulk_pacer_set_rate_gate (self->pacer, sk_client_get_rate_gate (self->client));
  sk_bulk_pacer_start (self->pacer, self->start_us);
  self->task = g_steal_pointer (&task);
  self->sender = sk_bulk_sender_new (G_OBJECT (self), &sender_callbacks, self->client,
                                     self->kind, self->vector_store_id, self->pacer);
  sk_bulk_sender_set_expiry_days (self->sender, self->expiry_days);
  g_set_object (&self->cancellable, cancellable);

  g_object_freeze_notify (G_OBJECT (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (sk_bulk_result_get_outcome (result) != SK_OUTCOME_PENDING)
        continue;

      /* An ID is put in a URL path: refuse what could reach another object. */
      if (!sk_id_is_valid (sk_bulk_result_get_id (result)))
        finish_result (self, result, SK_OUTCOME_FAILED, 400, _("This is not a valid ID."));
      else
        sk_bulk_sender_push (self->sender, result);
    }

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
