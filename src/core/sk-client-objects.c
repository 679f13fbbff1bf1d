/* sk-client-objects.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client.h"
#include "sk-client-private.h"

#include "sk-id.h"
#include "sk-json.h"
#include "sk-request.h"

#include <glib/gi18n-lib.h>

/* The single-object calls of SkClient: retrieve, delete, detach, attach.
 *
 * - A 2xx whose body is not JSON, or not of the expected shape, fails with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE (status kept) and is NOT retried: a
 *   200 means the server did the work (a retried DELETE would then answer
 *   404 and hide the success), and garbage with a 200 usually comes from a
 *   proxy that will answer the same again.
 * - A deletion answered 200 with "deleted" false or missing fails with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE (status 200); the body stays
 *   available through sk_client_delete_result_get_json().
 */

typedef enum
{
  OBJECT_FILE,
  OBJECT_VECTOR_STORE,
  OBJECT_VECTOR_STORE_FILE,
  OBJECT_DELETION,
} ObjectKind;

/* The task data of the single-object calls */
typedef struct
{
  ObjectKind        kind;
  JsonNode         *json;     /* a deletion's 2xx body, or NULL */
  SkRequestOutcome  outcome;  /* what its attempts told */
} ObjectData;

static void
object_data_free (ObjectData *data)
{
  g_clear_pointer (&data->json, json_node_unref);
  g_free (data);
}

static gboolean
check_id (GTask      *task,
          const char *id)
{
  if (sk_id_is_valid (id))
    return TRUE;

  g_task_return_error (task, sk_client_invalid_id_error (id));
  return FALSE;
}

static gboolean
deletion_finish (SkClient      *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
is_deletion_result (GAsyncResult *result)
{
  gpointer tag;

  if (!G_IS_TASK (result))
    return FALSE;

  tag = g_task_get_source_tag (G_TASK (result));
  return (tag == sk_client_delete_file_async ||
          tag == sk_client_delete_vector_store_async ||
          tag == sk_client_detach_file_async);
}

static GBytes *
attach_body (const char *file_id)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  char *json;
  gsize len;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file_id");
  json_builder_add_string_value (builder, file_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);

  return g_bytes_new_take (json, len);
}

static void
object_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ObjectData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  gpointer item = NULL;

  root = sk_request_send_finish (result, &data->outcome, &error);
  if (root == NULL && error == NULL && data->kind == OBJECT_DELETION && data->outcome.already_gone)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (root == NULL)
    {
      if (error == NULL)
        error = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 404, NULL,
                                     _("The server sent an unexpected answer"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (data->kind)
    {
    case OBJECT_FILE:
      item = sk_file_new_from_json (root, &error);
      break;
    case OBJECT_VECTOR_STORE:
      item = sk_vector_store_new_from_json (root, &error);
      break;
    case OBJECT_VECTOR_STORE_FILE:
      item = sk_vector_store_file_new_from_json (root, &error);
      break;
    case OBJECT_DELETION:
      data->json = json_node_ref (root);
      if (JSON_NODE_HOLDS_OBJECT (root) &&
          sk_json_get_bool (json_node_get_object (root), "deleted", FALSE))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                                        _("The server did not confirm the deletion")));
      return;
    default:
      g_assert_not_reached ();
    }

  if (item == NULL)
    g_task_return_error (task, sk_client_invalid_response (g_steal_pointer (&error), 200));
  else
    g_task_return_pointer (task, item, g_object_unref);
}

/* Sends @method @path for one object; @path holds @id1 and @id2 (when not
 * NULL), checked first: an ID that is not valid fails without a request. */
static void
object_start (SkClient            *self,
              ObjectKind           kind,
              const char          *method,
              const char          *path,
              const char          *id1,
              const char          *id2,
              GBytes              *body,
              GCancellable        *cancellable,
              GCancellable        *stop,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  ObjectData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (ObjectData, 1);
  data->kind = kind;
  data->outcome.retry_after_ms = -1;
  g_task_set_task_data (task, data, (GDestroyNotify) object_data_free);

  if (!check_id (task, id1) || (id2 != NULL && !check_id (task, id2)))
    return;

  sk_request_send_async (G_OBJECT (self), sk_client_get_request_context (self),
                         method, path, NULL, body, cancellable, stop,
                         object_cb, g_steal_pointer (&task));
}

/* The three deletions: @vector_store_id is only used for
 * %SK_BULK_DETACH_FILES; @stop may be NULL. */
static void
deletion_start (SkClient            *self,
                SkBulkKind           kind,
                const char          *vector_store_id,
                const char          *id,
                GCancellable        *cancellable,
                GCancellable        *stop,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autofree char *path = NULL;

  switch (kind)
    {
    case SK_BULK_DELETE_FILES:
      path = g_strconcat ("/files/", id, NULL);
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, path, id, NULL, NULL,
                    cancellable, stop, callback, user_data, sk_client_delete_file_async);
      break;
    case SK_BULK_DELETE_VECTOR_STORES:
      path = g_strconcat ("/vector_stores/", id, NULL);
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, path, id, NULL, NULL,
                    cancellable, stop, callback, user_data, sk_client_delete_vector_store_async);
      break;
    case SK_BULK_DETACH_FILES:
      path = g_strconcat ("/vector_stores/", vector_store_id, "/files/", id, NULL);
      object_start (self, OBJECT_DELETION, SOUP_METHOD_DELETE, path, vector_store_id, id, NULL,
                    cancellable, stop, callback, user_data, sk_client_detach_file_async);
      break;
    default:
      g_return_if_reached ();
    }
}

void
sk_client_retrieve_file_async (SkClient            *self,
                               const char          *file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  path = g_strconcat ("/files/", file_id, NULL);
  object_start (self, OBJECT_FILE, SOUP_METHOD_GET, path, file_id, NULL, NULL,
                cancellable, NULL, callback, user_data, sk_client_retrieve_file_async);
}

/**
 * sk_client_retrieve_file_finish:
 *
 * Returns: (transfer full): the file, or NULL with @error set
 */
SkFile *
sk_client_retrieve_file_finish (SkClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_retrieve_file_async, error);
}

void
sk_client_retrieve_vector_store_async (SkClient            *self,
                                       const char          *vector_store_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  path = g_strconcat ("/vector_stores/", vector_store_id, NULL);
  object_start (self, OBJECT_VECTOR_STORE, SOUP_METHOD_GET, path, vector_store_id, NULL, NULL,
                cancellable, NULL, callback, user_data, sk_client_retrieve_vector_store_async);
}

/**
 * sk_client_retrieve_vector_store_finish:
 *
 * Returns: (transfer full): the store, or NULL with @error set
 */
SkVectorStore *
sk_client_retrieve_vector_store_finish (SkClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_retrieve_vector_store_async, error);
}

void
sk_client_delete_file_async (SkClient            *self,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DELETE_FILES, NULL, file_id,
                  cancellable, NULL, callback, user_data);
}

/**
 * sk_client_delete_file_finish:
 *
 * Returns: TRUE when the server answered `"deleted": true`; otherwise FALSE
 *   with @error set (a 200 without that confirmation gives
 *   %SK_CLIENT_ERROR_INVALID_RESPONSE with status 200)
 */
gboolean
sk_client_delete_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return deletion_finish (self, result, sk_client_delete_file_async, error);
}

void
sk_client_delete_vector_store_async (SkClient            *self,
                                     const char          *vector_store_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DELETE_VECTOR_STORES, NULL, vector_store_id,
                  cancellable, NULL, callback, user_data);
}

gboolean
sk_client_delete_vector_store_finish (SkClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return deletion_finish (self, result, sk_client_delete_vector_store_async, error);
}

void
sk_client_detach_file_async (SkClient            *self,
                             const char          *vector_store_id,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  deletion_start (self, SK_BULK_DETACH_FILES, vector_store_id, file_id,
                  cancellable, NULL, callback, user_data);
}

gboolean
sk_client_detach_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return deletion_finish (self, result, sk_client_detach_file_async, error);
}

void
sk_client_attach_file_async (SkClient            *self,
                             const char          *vector_store_id,
                             const char          *file_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (file_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  body = attach_body (file_id);
  path = g_strconcat ("/vector_stores/", vector_store_id, "/files", NULL);
  object_start (self, OBJECT_VECTOR_STORE_FILE, SOUP_METHOD_POST, path, vector_store_id, NULL,
                body, cancellable, NULL, callback, user_data, sk_client_attach_file_async);
}

/**
 * sk_client_attach_file_finish:
 *
 * Returns: (transfer full): the new entry of the store, or NULL with @error
 */
SkVectorStoreFile *
sk_client_attach_file_finish (SkClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_attach_file_async, error);
}

/**
 * sk_client_delete_result_get_json:
 * @result: the result given to the callback of sk_client_delete_file_async(),
 *   sk_client_delete_vector_store_async() or sk_client_detach_file_async()
 *
 * Returns: (transfer full) (nullable): the parsed 2xx body (the deletion
 *   object), or NULL when no 2xx answer came
 */
JsonNode *
sk_client_delete_result_get_json (GAsyncResult *result)
{
  ObjectData *data;

  g_return_val_if_fail (is_deletion_result (result), NULL);

  data = g_task_get_task_data (G_TASK (result));
  return data->json ? json_node_ref (data->json) : NULL;
}

/**
 * sk_client_delete_with_stop_async:
 * @kind: which deletion: the file, the store, or the file from the store
 * @vector_store_id: (nullable): the store, for %SK_BULK_DETACH_FILES
 * @id: the file or store to delete
 * @cancellable: (nullable): cancels everything, also an attempt on the wire
 * @stop: (nullable): once cancelled, no new attempt starts
 *
 * sk_client_delete_file_async(), sk_client_delete_vector_store_async() or
 * sk_client_detach_file_async() with a second cancellable. Finish with the
 * _finish function of @kind.
 */
void
sk_client_delete_with_stop_async (SkClient            *self,
                                  SkBulkKind           kind,
                                  const char          *vector_store_id,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GCancellable        *stop,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (kind != SK_BULK_DETACH_FILES || vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!stop || G_IS_CANCELLABLE (stop));

  deletion_start (self, kind, vector_store_id, id, cancellable, stop, callback, user_data);
}

/**
 * sk_client_delete_result_already_gone:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: %TRUE when the deletion succeeded because a retry found the
 *   object already gone (404) after an earlier attempt that got no clear
 *   answer: that attempt deleted it
 */
gboolean
sk_client_delete_result_already_gone (GAsyncResult *result)
{
  ObjectData *data;

  g_return_val_if_fail (is_deletion_result (result), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  return data->outcome.already_gone;
}

/**
 * sk_client_delete_result_maybe_processed:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: %TRUE when an attempt ended with no clear answer (a timeout, a
 *   connection lost once the request may have been sent, a 5xx, a
 *   cancellation on the wire): the server may have done the deletion even
 *   though the call failed
 */
gboolean
sk_client_delete_result_maybe_processed (GAsyncResult *result)
{
  ObjectData *data;

  g_return_val_if_fail (is_deletion_result (result), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  return data->outcome.ambiguous;
}

/**
 * sk_client_delete_result_get_retry_after_ms:
 * @result: the result of a deletion call, after its _finish
 *
 * Returns: the delay the server asked for in its last answer
 *   (`retry-after-ms` or `Retry-After`), in milliseconds; -1 when none
 */
gint64
sk_client_delete_result_get_retry_after_ms (GAsyncResult *result)
{
  ObjectData *data;

  g_return_val_if_fail (is_deletion_result (result), -1);

  data = g_task_get_task_data (G_TASK (result));
  return data->outcome.retry_after_ms;
}
