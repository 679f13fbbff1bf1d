/* sk-bulk-stores-job.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Deletes vector stores and, optionally, the files they hold.
 *
 * 1. (SK_STORE_FILES_DELETE_ALL only) list the files of every store, all
 *    statuses and all pages, at most "max-in-flight" stores at once
 *    (SkStoreFilesLister). A store whose list cannot be read ends FAILED in
 *    the stores job (the status and message of the listing error) and is
 *    neither deleted nor are its files touched: we could not know what
 *    they are.
 * 2. Delete the stores (an SkBulkDelete of kind SK_BULK_DELETE_VECTOR_STORES,
 *    which exists from the start so a UI can bind it).
 * 3. (SK_STORE_FILES_DELETE_ALL) delete, once each, the files found in the
 *    stores that were really deleted (a store whose deletion failed keeps
 *    its files, so "retry" can still do the whole thing). The files job is
 *    created here, "files-job" is notified.
 *
 * In SK_STORE_FILES_KEEP mode nothing is listed (the files stay anyway), so
 * a listing problem cannot block the deletion of a store.
 */

#include "sk-bulk-delete.h"
#include "sk-bulk-delete-private.h"
#include "sk-bulk-outcome.h"
#include "sk-store-files-lister.h"

#include "sk-core-enums.h"

#include <glib/gi18n-lib.h>

struct _SkBulkStoresJob
{
  GObject           parent_instance;

  SkClient         *client;
  SkStoreFilesMode  mode;
  GPtrArray        *store_ids;      /* distinct, input order (owned strings) */
  guint             max_in_flight;

  SkBulkDelete     *stores_job;
  SkBulkDelete     *files_job;

  SkStoreFilesLister *lister;      /* while the stores' files are listed */
  GHashTable       *files_by_store; /* store id -> GPtrArray of file ids */
  GHashTable       *found;          /* distinct file ids found (set) */

  gboolean          ran;
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (SkBulkStoresJob, sk_bulk_stores_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODE,
  PROP_MAX_IN_FLIGHT,
  PROP_STORES_JOB,
  PROP_FILES_JOB,
  PROP_TOTAL_FILES_FOUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
files_job_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_bulk_delete_run_finish (SK_BULK_DELETE (source), res, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
stores_job_done_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  SkBulkStoresJob *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) deleted = NULL;
  GCancellable *cancellable;

  if (!sk_bulk_delete_run_finish (SK_BULK_DELETE (source), res, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->mode != SK_STORE_FILES_DELETE_ALL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The files of the stores really deleted, once each, in the order found. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  files = g_ptr_array_new ();
  deleted = sk_bulk_delete_get_ids_with_outcome (self->stores_job, SK_OUTCOME_DELETED);
  for (guint i = 0; i < deleted->len; i++)
    {
      GPtrArray *store_files = g_hash_table_lookup (self->files_by_store,
                                                    g_ptr_array_index (deleted, i));

      for (guint j = 0; store_files != NULL && j < store_files->len; j++)
        {
          const char *file_id = g_ptr_array_index (store_files, j);

          if (g_hash_table_add (seen, (gpointer) file_id))
            g_ptr_array_add (files, (gpointer) file_id);
        }
    }
  g_ptr_array_add (files, NULL);

  self->files_job = sk_bulk_delete_new (self->client, SK_BULK_DELETE_FILES, NULL,
                                        (const char * const *) files->pdata);
  sk_bulk_delete_set_max_in_flight (self->files_job, self->max_in_flight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILES_JOB]);

  cancellable = g_task_get_cancellable (task);
  sk_bulk_delete_run_async (self->files_job, cancellable,
                            files_job_done_cb, g_steal_pointer (&task));
}

static void
run_stores_job (SkBulkStoresJob *self)
{
  GTask *task = g_steal_pointer (&self->task);

  sk_bulk_delete_run_async (self->stores_job, g_task_get_cancellable (task),
                            stores_job_done_cb, task);
}

static void
store_listed (const char   *store_id,
              guint         index,
              GPtrArray    *file_ids,
              GPtrArray    *entries,
              const GError *error,
              gpointer      user_data)
{
  SkBulkStoresJob *self = user_data;

  if (file_ids != NULL)
    {
      for (guint i = 0; i < file_ids->len; i++)
        {
          const char *file_id = g_ptr_array_index (file_ids, i);

          if (!g_hash_table_contains (self->found, file_id))
            g_hash_table_add (self->found, g_strdup (file_id));
        }
      g_hash_table_insert (self->files_by_store, g_strdup (store_id), g_ptr_array_ref (file_ids));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_FILES_FOUND]);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *reason = NULL;
      g_autofree char *message = NULL;
      guint status_code = 0;

      sk_bulk_describe_error (error, &status_code, &reason);
      /* TRANSLATORS: %s is the reason, e.g. the server's error message */
      message = g_strdup_printf (_("Not deleted: its list of files could not be read: %s"), reason);
      sk_bulk_delete_preset_failed (self->stores_job, store_id, status_code, message);
    }
  /* else: cancelled; the store stays pending and ends CANCELLED below */
}

static void
stores_listed_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr (SkBulkStoresJob) self = user_data;

  /* (it always succeeds: each store's error went to store_listed()) */
  sk_store_files_lister_run_finish (SK_STORE_FILES_LISTER (source), res, NULL);
  g_clear_object (&self->lister);

  run_stores_job (self);
}

static void
list_store_files (SkBulkStoresJob *self)
{
  self->lister = sk_store_files_lister_new (self->client, store_listed, self);
  sk_store_files_lister_set_max_in_flight (self->lister, self->max_in_flight);
  sk_store_files_lister_run_async (self->lister, g_task_get_cancellable (self->task),
                                   stores_listed_cb, g_object_ref (self));
  for (guint i = 0; i < self->store_ids->len; i++)
    sk_store_files_lister_add (self->lister, g_ptr_array_index (self->store_ids, i));
  sk_store_files_lister_close (self->lister);
}

static void
sk_bulk_stores_job_finalize (GObject *object)
{
  SkBulkStoresJob *self = SK_BULK_STORES_JOB (object);

  g_clear_object (&self->client);
  g_clear_object (&self->stores_job);
  g_clear_object (&self->files_job);
  g_clear_object (&self->lister);
  g_clear_pointer (&self->store_ids, g_ptr_array_unref);
  g_clear_pointer (&self->files_by_store, g_hash_table_unref);
  g_clear_pointer (&self->found, g_hash_table_unref);
  g_assert (self->task == NULL);

  G_OBJECT_CLASS (sk_bulk_stores_job_parent_class)->finalize (object);
}

static void
sk_bulk_stores_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SkBulkStoresJob *self = SK_BULK_STORES_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_STORES_JOB:
      g_value_set_object (value, self->stores_job);
      break;
    case PROP_FILES_JOB:
      g_value_set_object (value, self->files_job);
      break;
    case PROP_TOTAL_FILES_FOUND:
      g_value_set_uint (value, sk_bulk_stores_job_get_total_files_found (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_stores_job_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SkBulkStoresJob *self = SK_BULK_STORES_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_MODE:
      self->mode = g_value_get_enum (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_bulk_stores_job_set_max_in_flight (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_stores_job_class_init (SkBulkStoresJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_bulk_stores_job_finalize;
  object_class->get_property = sk_bulk_stores_job_get_property;
  object_class->set_property = sk_bulk_stores_job_set_property;

  /**
   * SkBulkStoresJob:client:
   *
   * The client the requests are sent with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkStoresJob:mode:
   *
   * What becomes of the files of the stores (an #SkStoreFilesMode).
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       SK_TYPE_STORE_FILES_MODE, SK_STORE_FILES_KEEP,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkStoresJob:max-in-flight:
   *
   * The most requests (or store file lists) in flight at once (1..64).
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, 64, 8,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkStoresJob:stores-job:
   *
   * The job deleting the stores; it exists from the start.
   */
  properties[PROP_STORES_JOB] =
    g_param_spec_object ("stores-job", NULL, NULL,
                         SK_TYPE_BULK_DELETE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkStoresJob:files-job:
   *
   * The job deleting the files, once the stores were deleted in
   * %SK_STORE_FILES_DELETE_ALL mode; %NULL before.
   */
  properties[PROP_FILES_JOB] =
    g_param_spec_object ("files-job", NULL, NULL,
                         SK_TYPE_BULK_DELETE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkStoresJob:total-files-found:
   *
   * The number of distinct file IDs found across the stores.
   */
  properties[PROP_TOTAL_FILES_FOUND] =
    g_param_spec_uint ("total-files-found", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_bulk_stores_job_init (SkBulkStoresJob *self)
{
  self->max_in_flight = 8;
  self->store_ids = g_ptr_array_new_with_free_func (g_free);
  self->files_by_store = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sk_bulk_stores_job_new:
 * @client: the client
 * @vector_store_ids: (array zero-terminated=1) (nullable): the stores
 * @mode: keep or also delete their files
 *
 * Returns: (transfer full): a new job, not running
 */
SkBulkStoresJob *
sk_bulk_stores_job_new (SkClient           *client,
                        const char * const *vector_store_ids,
                        SkStoreFilesMode    mode)
{
  SkBulkStoresJob *self;
  GListModel *results;
  guint n;

  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  self = g_object_new (SK_TYPE_BULK_STORES_JOB,
                       "client", client,
                       "mode", mode,
                       NULL);
  self->stores_job = sk_bulk_delete_new (client, SK_BULK_DELETE_VECTOR_STORES, NULL,
                                         vector_store_ids);
  sk_bulk_delete_set_max_in_flight (self->stores_job, self->max_in_flight);

  /* The distinct IDs, as the stores job deduplicated them. */
  results = sk_bulk_delete_get_results (self->stores_job);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      g_ptr_array_add (self->store_ids, g_strdup (sk_bulk_result_get_id (result)));
    }

  return self;
}

void
sk_bulk_stores_job_set_max_in_flight (SkBulkStoresJob *self,
                                      guint            max_in_flight)
{
  g_return_if_fail (SK_IS_BULK_STORES_JOB (self));

  max_in_flight = CLAMP (max_in_flight, 1, 64);
  if (self->max_in_flight == max_in_flight)
    return;

  self->max_in_flight = max_in_flight;
  if (self->stores_job != NULL)
    sk_bulk_delete_set_max_in_flight (self->stores_job, max_in_flight);
  if (self->files_job != NULL)
    sk_bulk_delete_set_max_in_flight (self->files_job, max_in_flight);
  if (self->lister != NULL)
    sk_store_files_lister_set_max_in_flight (self->lister, max_in_flight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

/**
 * sk_bulk_stores_job_get_stores_job:
 *
 * Returns: (transfer none): the job deleting the stores
 */
SkBulkDelete *
sk_bulk_stores_job_get_stores_job (SkBulkStoresJob *self)
{
  g_return_val_if_fail (SK_IS_BULK_STORES_JOB (self), NULL);
  return self->stores_job;
}

/**
 * sk_bulk_stores_job_get_files_job:
 *
 * Returns: (transfer none) (nullable): the job deleting the files, once the
 *   stores were deleted in %SK_STORE_FILES_DELETE_ALL mode; %NULL before
 *   and in %SK_STORE_FILES_KEEP mode
 */
SkBulkDelete *
sk_bulk_stores_job_get_files_job (SkBulkStoresJob *self)
{
  g_return_val_if_fail (SK_IS_BULK_STORES_JOB (self), NULL);
  return self->files_job;
}

guint
sk_bulk_stores_job_get_total_files_found (SkBulkStoresJob *self)
{
  g_return_val_if_fail (SK_IS_BULK_STORES_JOB (self), 0);
  return g_hash_table_size (self->found);
}

void
sk_bulk_stores_job_run_async (SkBulkStoresJob     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SK_IS_BULK_STORES_JOB (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_bulk_stores_job_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->ran)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s", _("This deletion job has already run."));
      return;
    }

  self->ran = TRUE;
  self->task = g_steal_pointer (&task);

  if (self->mode == SK_STORE_FILES_DELETE_ALL)
    list_store_files (self);
  else
    run_stores_job (self);
}

gboolean
sk_bulk_stores_job_run_finish (SkBulkStoresJob  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (SK_IS_BULK_STORES_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
