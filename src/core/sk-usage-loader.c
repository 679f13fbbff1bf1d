/* sk-usage-loader.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-usage-loader.h"

/* Builds the SkUsageIndex of an account: lists every batch and every
 * fine-tuning job (both at once, all pages) and adds them, with the vector
 * store entries the caller already has. Any failure fails the whole load:
 * a batch missed could let a file it is still reading look safe to delete. */

typedef struct
{
  SkUsageIndex *index;
  GPtrArray    *batches;
  GPtrArray    *jobs;
  GError       *error;
  guint         pending;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->index);
  g_clear_pointer (&data->batches, g_ptr_array_unref);
  g_clear_pointer (&data->jobs, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
load_finish_lists (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  for (guint i = 0; i < data->batches->len; i++)
    if (!sk_usage_index_add_batch (data->index, data->batches->pdata[i], &error))
      {
        g_task_return_error (task, error);
        return;
      }
  for (guint i = 0; i < data->jobs->len; i++)
    if (!sk_usage_index_add_fine_tuning_job (data->index, data->jobs->pdata[i], &error))
      {
        g_task_return_error (task, error);
        return;
      }

  g_debug ("usage: %u batches, %u fine-tuning jobs", data->batches->len, data->jobs->len);
  g_task_return_pointer (task, g_object_ref (data->index), g_object_unref);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  GPtrArray *items;

  if (g_async_result_is_tagged (result, sk_client_list_batches_async))
    items = data->batches = sk_client_list_batches_finish (SK_CLIENT (object), result, &error);
  else
    items = data->jobs = sk_client_list_fine_tuning_jobs_finish (SK_CLIENT (object), result, &error);

  if (items == NULL && data->error == NULL)
    data->error = g_steal_pointer (&error);

  if (--data->pending == 0)
    load_finish_lists (task);
}

/**
 * sk_usage_loader_load_async:
 * @client: the account
 * @store_entries: (nullable) (element-type SkVectorStoreFile): the entries
 *   of every vector store, already listed (e.g. by SkOrphanFinder)
 * @cancellable: (nullable): cancels both lists
 *
 * Lists the batches and fine-tuning jobs of @client's account and builds
 * the index of where each file is used.
 */
void
sk_usage_loader_load_async (SkClient            *client,
                            GPtrArray           *store_entries,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (SK_IS_CLIENT (client));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_usage_loader_load_async);

  data = g_new0 (LoadData, 1);
  data->index = sk_usage_index_new ();
  data->pending = 2;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  for (guint i = 0; store_entries != NULL && i < store_entries->len; i++)
    {
      SkVectorStoreFile *entry = store_entries->pdata[i];

      sk_usage_index_add_store_entry (data->index, sk_vector_store_file_get_id (entry),
                                      sk_vector_store_file_get_vector_store_id (entry),
                                      sk_vector_store_file_get_status (entry));
    }

  sk_client_list_batches_async (client, NULL, NULL, NULL, NULL, cancellable,
                                list_done_cb, g_object_ref (task));
  sk_client_list_fine_tuning_jobs_async (client, NULL, NULL, NULL, NULL, cancellable,
                                         list_done_cb, g_object_ref (task));
}

/**
 * sk_usage_loader_load_finish:
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
SkUsageIndex *
sk_usage_loader_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, sk_usage_loader_load_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
