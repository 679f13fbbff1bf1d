/* sk-client-update.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client-update.h"
#include "sk-client-private.h"

#include "sk-id.h"

/* The calls of SkClient that change an object in place: the expiry policy
 * of a vector store (POST /vector_stores/{id} with "expires_after"). The
 * task keeps what the attempts told (SkRequestOutcome) for the bulk
 * engine. A 404 stays a failure (SK_CLIENT_ERROR_NOT_FOUND), even after an
 * attempt that got no clear answer: a POST does not make a store go. */

static gboolean
is_update_result (GAsyncResult *result)
{
  return G_IS_TASK (result) &&
         g_task_get_source_tag (G_TASK (result)) == sk_client_set_vector_store_expiry_async;
}

static GBytes *
expiry_body (guint days)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char *json;
  gsize len;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expires_after");
  if (days == 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "anchor");
      json_builder_add_string_value (builder, "last_active_at");
      json_builder_set_member_name (builder, "days");
      json_builder_add_int_value (builder, days);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  return g_bytes_new_take (json, len);
}

static void
expiry_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  SkRequestOutcome *outcome = g_task_get_task_data (task);
  SkVectorStore *store;

  root = sk_request_send_finish (result, outcome, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store = sk_vector_store_new_from_json (root, &error);
  if (store == NULL)
    {
      g_task_return_error (task, sk_client_invalid_response (g_steal_pointer (&error), 200));
      return;
    }
  g_task_return_pointer (task, store, g_object_unref);
}

static void
expiry_start (SkClient            *self,
              const char          *vector_store_id,
              guint                days,
              GCancellable        *cancellable,
              GCancellable        *stop,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *path = NULL;
  SkRequestOutcome *outcome;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_client_set_vector_store_expiry_async);
  outcome = g_new0 (SkRequestOutcome, 1);
  outcome->retry_after_ms = -1;
  g_task_set_task_data (task, outcome, g_free);

  if (!sk_id_is_valid (vector_store_id))
    {
      g_task_return_error (task, sk_client_invalid_id_error (vector_store_id));
      return;
    }

  body = expiry_body (days);
  path = g_strconcat ("/vector_stores/", vector_store_id, NULL);
  sk_request_send_async (G_OBJECT (self), sk_client_get_request_context (self),
                         SOUP_METHOD_POST, path, NULL, body, cancellable, stop,
                         expiry_sent_cb, g_steal_pointer (&task));
}

/**
 * sk_client_set_vector_store_expiry_async:
 * @vector_store_id: the store
 * @days: 1 to 365: the store expires that many days after it was last
 *   active; 0 clears the policy (the store never expires)
 *
 * Sets or clears the expiry policy of a vector store.
 */
void
sk_client_set_vector_store_expiry_async (SkClient            *self,
                                         const char          *vector_store_id,
                                         guint                days,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (days <= SK_VECTOR_STORE_MAX_EXPIRY_DAYS);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  expiry_start (self, vector_store_id, days, cancellable, NULL, callback, user_data);
}

/**
 * sk_client_set_vector_store_expiry_with_stop_async:
 * @vector_store_id: the store
 * @days: as for sk_client_set_vector_store_expiry_async()
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 * @stop: (nullable): once cancelled, no new attempt starts
 *
 * sk_client_set_vector_store_expiry_async() with a second cancellable.
 * Finish with sk_client_set_vector_store_expiry_finish().
 */
void
sk_client_set_vector_store_expiry_with_stop_async (SkClient            *self,
                                                   const char          *vector_store_id,
                                                   guint                days,
                                                   GCancellable        *cancellable,
                                                   GCancellable        *stop,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (days <= SK_VECTOR_STORE_MAX_EXPIRY_DAYS);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!stop || G_IS_CANCELLABLE (stop));

  expiry_start (self, vector_store_id, days, cancellable, stop, callback, user_data);
}

/**
 * sk_client_set_vector_store_expiry_finish:
 *
 * Returns: (transfer full): the store as the server now has it, or %NULL
 *   with @error set
 */
SkVectorStore *
sk_client_set_vector_store_expiry_finish (SkClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_set_vector_store_expiry_async, error);
}

/**
 * sk_client_update_result_maybe_processed:
 * @result: the result of an expiry call, after its _finish
 *
 * Returns: %TRUE when an attempt ended with no clear answer: the server
 *   may have changed the store even though the call failed
 */
gboolean
sk_client_update_result_maybe_processed (GAsyncResult *result)
{
  SkRequestOutcome *outcome;

  g_return_val_if_fail (is_update_result (result), FALSE);

  outcome = g_task_get_task_data (G_TASK (result));
  return outcome->ambiguous;
}

/**
 * sk_client_update_result_get_retry_after_ms:
 * @result: the result of an expiry call, after its _finish
 *
 * Returns: the delay the server asked for in its last answer
 *   (`retry-after-ms` or `Retry-After`), in milliseconds; -1 when none
 */
gint64
sk_client_update_result_get_retry_after_ms (GAsyncResult *result)
{
  SkRequestOutcome *outcome;

  g_return_val_if_fail (is_update_result (result), -1);

  outcome = g_task_get_task_data (G_TASK (result));
  return outcome->retry_after_ms;
}
