/* sk-history.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-history.h"

#include "sk-bulk-result-private.h"
#include "sk-deletion-summary.h"
#include "sk-error.h"
#include "sk-file.h"
#include "sk-vector-store.h"
#include "sk-vector-store-file.h"

/* The retention settings, or their defaults when the schema is not
 * installed (a --serve run from a bare build) */
static void
read_retention (guint *max_jobs,
                guint *max_days)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  *max_jobs = SK_HISTORY_DEFAULT_MAX_JOBS;
  *max_days = SK_HISTORY_DEFAULT_MAX_DAYS;
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  *max_jobs = (guint) MAX (g_settings_get_int (settings, "history-max-jobs"), 0);
  *max_days = (guint) MAX (g_settings_get_int (settings, "history-max-days"), 0);
}

SkJournal *
sk_history_open_journal (GError **error)
{
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GError) compact_error = NULL;
  guint max_jobs, max_days;

  journal = sk_journal_new (error);
  if (journal == NULL)
    return NULL;
  read_retention (&max_jobs, &max_days);
  /* the file stays as it is; it is compacted at the next start */
  if (!sk_journal_compact (journal, max_jobs, max_days, &compact_error))
    g_message ("The deletion history was not compacted: %s", compact_error->message);
  return g_steal_pointer (&journal);
}

/* The bulk kind of an item of @job: vector stores by their "vs_" prefix
 * in jobs that delete stores with their files */
static SkBulkKind
item_kind (SkJournalJob  *job,
           SkJournalItem *item)
{
  switch (sk_journal_job_get_kind (job))
    {
    case SK_JOURNAL_KIND_VECTOR_STORES:
      return SK_BULK_DELETE_VECTOR_STORES;
    case SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES:
      return g_str_has_prefix (sk_journal_item_get_id (item), "vs_") ? SK_BULK_DELETE_VECTOR_STORES
                                                                     : SK_BULK_DELETE_FILES;
    case SK_JOURNAL_KIND_DETACH:
      return SK_BULK_DETACH_FILES;
    case SK_JOURNAL_KIND_FILES:
    case SK_JOURNAL_KIND_EXPIRY:
    default:
      return SK_BULK_DELETE_FILES;
    }
}

GListModel *
sk_history_job_results (SkJournalJob *job)
{
  GListStore *store = g_list_store_new (SK_TYPE_BULK_RESULT);
  GListModel *items;
  guint n;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (job), NULL);

  items = sk_journal_job_get_items (job);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (items, i);
      g_autoptr (SkBulkResult) result = sk_bulk_result_new (sk_journal_item_get_id (item), item_kind (job, item));

      switch (sk_journal_item_get_state (item))
        {
        case SK_JOURNAL_ITEM_DELETED:
          sk_bulk_result_set_outcome (result, SK_OUTCOME_DELETED, sk_journal_item_get_status (item), NULL);
          break;
        case SK_JOURNAL_ITEM_FAILED:
          sk_bulk_result_set_outcome (result, SK_OUTCOME_FAILED, sk_journal_item_get_status (item),
                                      sk_journal_item_get_message (item));
          break;
        case SK_JOURNAL_ITEM_CANCELLED:
          sk_bulk_result_set_outcome (result, SK_OUTCOME_CANCELLED, 0, NULL);
          break;
        case SK_JOURNAL_ITEM_NOT_ATTEMPTED:
          sk_bulk_result_set_outcome (result, SK_OUTCOME_CANCELLED, 0,
                                      _("Not attempted: the deletion stopped before it"));
          break;
        case SK_JOURNAL_ITEM_UNKNOWN:
        default:
          sk_bulk_result_set_outcome (result, SK_OUTCOME_FAILED, 0,
                                      _("Unknown: the deletion stopped while its request was in flight"));
          break;
        }
      g_list_store_append (store, result);
    }
  return G_LIST_MODEL (store);
}

GHashTable *
sk_history_job_names (SkJournalJob *job)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *items;
  guint n;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (job), names);

  items = sk_journal_job_get_items (job);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (items, i);

      if (sk_journal_item_get_name (item) != NULL)
        g_hash_table_replace (names, g_strdup (sk_journal_item_get_id (item)),
                              g_strdup (sk_journal_item_get_name (item)));
    }
  return names;
}

char *
sk_history_results_summary (SkJournalJob *job,
                            GListModel   *results)
{
  SkDeletionCounts counts;
  const char *store_name = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (job), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  sk_deletion_count (results, &counts);
  /* a detach names its store: its ID, the name is not recorded */
  if (sk_journal_job_get_n_items (job) > 0)
    {
      g_autoptr (SkJournalItem) first = g_list_model_get_item (sk_journal_job_get_items (job), 0);

      store_name = sk_journal_item_get_vector_store_id (first);
    }
  return sk_deletion_summarize (&counts, store_name);
}

char *
sk_history_job_summary (SkJournalJob *job)
{
  g_autoptr (GListModel) results = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (job), NULL);

  results = sk_history_job_results (job);
  return sk_history_results_summary (job, results);
}

typedef struct
{
  GHashTable *wanted;    /* IDs of the job (set, borrowed strings) */
  GHashTable *present;   /* IDs of the job found (set, owned) */
  guint       n_pending;
  GError     *error;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_clear_pointer (&data->wanted, g_hash_table_unref);
  g_clear_pointer (&data->present, g_hash_table_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void
verify_listed (GTask     *task,
               GPtrArray *objects,
               const char *(*get_id) (gpointer),
               GError    *error)
{
  VerifyData *data = g_task_get_task_data (task);

  if (objects != NULL)
    for (guint i = 0; i < objects->len; i++)
      {
        const char *id = get_id (g_ptr_array_index (objects, i));

        if (g_hash_table_contains (data->wanted, id))
          g_hash_table_add (data->present, g_strdup (id));
      }
  if (error != NULL && data->error == NULL)
    data->error = error;
  else
    g_clear_error (&error);

  if (--data->n_pending > 0)
    return;
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_hash_table_ref (data->present), (GDestroyNotify) g_hash_table_unref);
}

static void
files_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) files = sk_client_list_files_finish (SK_CLIENT (source), result, &error);

  verify_listed (task, files, (const char *(*) (gpointer)) sk_file_get_id, error);
}

static void
stores_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) stores = sk_client_list_vector_stores_finish (SK_CLIENT (source), result, &error);

  verify_listed (task, stores, (const char *(*) (gpointer)) sk_vector_store_get_id, error);
}

static void
store_files_listed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  g_autoptr (GPtrArray) files = sk_client_list_vector_store_files_finish (SK_CLIENT (source), result, &error);

  /* a store that is gone holds none of the files any more */
  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND))
    g_clear_error (&error);
  verify_listed (task, files, (const char *(*) (gpointer)) sk_vector_store_file_get_id, error);
}

void
sk_history_verify_async (SkClient            *client,
                         SkJournalJob        *job,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GHashTable) stores_of_detach = g_hash_table_new (g_str_hash, g_str_equal);
  VerifyData *data;
  GListModel *items;
  gboolean files = FALSE, stores = FALSE;
  guint n;

  g_return_if_fail (SK_IS_CLIENT (client));
  g_return_if_fail (SK_IS_JOURNAL_JOB (job));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_history_verify_async);
  data = g_new0 (VerifyData, 1);
  data->wanted = g_hash_table_new (g_str_hash, g_str_equal);
  data->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  /* the job (and so its strings) lives as long as the task */
  g_object_set_data_full (G_OBJECT (task), "job", g_object_ref (job), g_object_unref);

  items = sk_journal_job_get_items (job);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (items, i);

      g_hash_table_add (data->wanted, (gpointer) sk_journal_item_get_id (item));
      switch (item_kind (job, item))
        {
        case SK_BULK_DELETE_VECTOR_STORES:
          stores = TRUE;
          break;
        case SK_BULK_DETACH_FILES:
          if (sk_journal_item_get_vector_store_id (item) != NULL)
            g_hash_table_add (stores_of_detach, (gpointer) sk_journal_item_get_vector_store_id (item));
          break;
        case SK_BULK_DELETE_FILES:
        default:
          files = TRUE;
          break;
        }
    }

  data->n_pending = 1;
  if (files)
    {
      data->n_pending++;
      sk_client_list_files_async (client, NULL, NULL, NULL, NULL, cancellable, files_listed_cb,
                                  g_object_ref (task));
    }
  if (stores)
    {
      data->n_pending++;
      sk_client_list_vector_stores_async (client, NULL, NULL, NULL, NULL, cancellable, stores_listed_cb,
                                          g_object_ref (task));
    }
  {
    GHashTableIter iter;
    gpointer store_id;

    g_hash_table_iter_init (&iter, stores_of_detach);
    while (g_hash_table_iter_next (&iter, &store_id, NULL))
      {
        data->n_pending++;
        sk_client_list_vector_store_files_async (client, store_id, NULL, NULL, NULL, NULL, cancellable,
                                                 store_files_listed_cb, g_object_ref (task));
      }
  }
  /* the count started at one so that no answer ends the task early */
  verify_listed (task, NULL, NULL, NULL);
}

GHashTable *
sk_history_verify_finish (SkClient      *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
sk_history_mark_present (GListModel *results,
                         GHashTable *present)
{
  guint n, n_marked = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), 0);
  g_return_val_if_fail (present != NULL, 0);

  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (g_hash_table_contains (present, sk_bulk_result_get_id (result)) &&
          sk_bulk_result_mark_still_present (result))
        n_marked++;
    }
  return n_marked;
}

GStrv
sk_history_left_ids (SkJournalJob *job,
                     GHashTable   *present)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *items;
  guint n;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (job), NULL);

  items = sk_journal_job_get_items (job);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (items, i);
      SkJournalItemState state = sk_journal_item_get_state (item);

      if (state != SK_JOURNAL_ITEM_NOT_ATTEMPTED && state != SK_JOURNAL_ITEM_UNKNOWN)
        continue;
      if (present != NULL && !g_hash_table_contains (present, sk_journal_item_get_id (item)))
        continue;
      g_strv_builder_add (builder, sk_journal_item_get_id (item));
    }
  return g_strv_builder_end (builder);
}
