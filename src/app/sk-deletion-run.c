/* sk-deletion-run.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-deletion-run.h"

#include "sk-deletion-usage.h"

/* One deletion (or change of the expiry of vector stores) from start to
 * end: bulk jobs run one after the other, the
 * files of a "files used only by these stores" deletion found once the
 * stores are gone, or a stores job that lists and deletes every file of
 * the stores. Its result is every SkBulkResult: those kept from an earlier
 * run first, then each job's in the order the jobs ran. */
struct _SkDeletionRun
{
  GObject               parent_instance;

  SkClient             *client;
  guint                 max_in_flight;
  gboolean              verify;

  GQueue                pending;      /* SkBulkDelete still to run */
  char                **all_files_store_ids; /* a stores job deleting all their files */
  SkDeleteStoresChoice  choice;
  GHashTable           *usage;        /* exclusive files: the map at confirmation */
  GHashTable           *existing;     /* IDs of the files known to exist, or NULL */
  GListStore           *kept;         /* results of an earlier run */

  GPtrArray            *jobs;         /* SkBulkDelete, in the order they ran */
  SkBulkStoresJob      *stores_job;
  SkBulkDelete         *job;          /* the job running */
  GTask                *task;
};

G_DEFINE_FINAL_TYPE (SkDeletionRun, sk_deletion_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void run_next (SkDeletionRun *self);

static void
set_job (SkDeletionRun *self,
         SkBulkDelete  *job)
{
  if (g_set_object (&self->job, job))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
append_results (GListStore *store,
                GListModel *results)
{
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      g_list_store_append (store, result);
    }
}

static void
finish (SkDeletionRun *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);
  g_autoptr (GListStore) results = g_list_store_new (SK_TYPE_BULK_RESULT);

  append_results (results, G_LIST_MODEL (self->kept));
  for (guint i = 0; i < self->jobs->len; i++)
    append_results (results, sk_bulk_delete_get_results (g_ptr_array_index (self->jobs, i)));
  set_job (self, NULL);
  g_task_return_pointer (task, g_steal_pointer (&results), g_object_unref);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (SkDeletionRun) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_bulk_delete_run_finish (SK_BULK_DELETE (source), result, &error))
    g_warning ("Bulk job did not run: %s", error->message);
  run_next (self);
}

static void
run_job (SkDeletionRun *self,
         SkBulkDelete  *job)
{
  sk_bulk_delete_set_max_in_flight (job, self->max_in_flight);
  sk_bulk_delete_set_verify (job, self->verify);
  g_ptr_array_add (self->jobs, g_object_ref (job));
  set_job (self, job);
  sk_bulk_delete_run_async (job, g_task_get_cancellable (self->task), job_done_cb, g_object_ref (self));
}

static void
files_job_created_cb (SkDeletionRun   *self,
                      GParamSpec      *pspec,
                      SkBulkStoresJob *stores_job)
{
  SkBulkDelete *files_job = sk_bulk_stores_job_get_files_job (stores_job);

  if (files_job == NULL)
    return;
  /* it runs right after this notification: configure it now */
  sk_bulk_delete_set_verify (files_job, self->verify);
  g_ptr_array_add (self->jobs, g_object_ref (files_job));
  set_job (self, files_job);
}

static void
stores_job_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (SkDeletionRun) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_bulk_stores_job_run_finish (SK_BULK_STORES_JOB (source), result, &error))
    g_warning ("Vector stores job did not run: %s", error->message);
  g_signal_handlers_disconnect_by_data (source, self);
  finish (self);
}

static void
run_stores_job (SkDeletionRun *self)
{
  SkBulkDelete *stores;

  self->stores_job = sk_bulk_stores_job_new (self->client, (const char * const *) self->all_files_store_ids,
                                             SK_STORE_FILES_DELETE_ALL);
  sk_bulk_stores_job_set_max_in_flight (self->stores_job, self->max_in_flight);
  stores = sk_bulk_stores_job_get_stores_job (self->stores_job);
  sk_bulk_delete_set_verify (stores, self->verify);
  g_ptr_array_add (self->jobs, g_object_ref (stores));
  set_job (self, stores);
  g_signal_connect_object (self->stores_job, "notify::files-job", G_CALLBACK (files_job_created_cb),
                           self, G_CONNECT_SWAPPED);
  sk_bulk_stores_job_run_async (self->stores_job, g_task_get_cancellable (self->task), stores_job_done_cb,
                                g_object_ref (self));
}

/* After the stores of a "files used only by these stores" deletion: the
 * files whose every store was really deleted. */
static SkBulkDelete *
exclusive_files_job (SkDeletionRun *self,
                     SkBulkDelete  *stores_job)
{
  g_autoptr (GPtrArray) deleted = sk_bulk_delete_get_ids_with_outcome (stores_job, SK_OUTCOME_DELETED);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) exclusive = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  sk_delete_files_of_stores (self->usage, deleted, &all, &exclusive);
  for (guint i = 0; i < exclusive->len; i++)
    if (self->existing == NULL || g_hash_table_contains (self->existing, g_ptr_array_index (exclusive, i)))
      g_ptr_array_add (ids, g_ptr_array_index (exclusive, i));
  if (ids->len == 0)
    return NULL;
  g_ptr_array_add (ids, NULL);
  return sk_bulk_delete_new (self->client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids->pdata);
}

static void
run_next (SkDeletionRun *self)
{
  SkBulkDelete *last = self->jobs->len > 0 ? g_ptr_array_index (self->jobs, self->jobs->len - 1) : NULL;
  g_autoptr (SkBulkDelete) next = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      finish (self);
      return;
    }

  if (!g_queue_is_empty (&self->pending))
    next = g_queue_pop_head (&self->pending);
  else if (self->choice == SK_DELETE_STORES_EXCLUSIVE_FILES && self->jobs->len == 1
           && last != NULL && sk_bulk_delete_get_kind (last) == SK_BULK_DELETE_VECTOR_STORES)
    next = exclusive_files_job (self, last);

  if (next != NULL)
    run_job (self, next);
  else
    finish (self);
}

static void
sk_deletion_run_finalize (GObject *object)
{
  SkDeletionRun *self = (SkDeletionRun *)object;

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_queue_clear_full (&self->pending, g_object_unref);
  g_clear_pointer (&self->all_files_store_ids, g_strfreev);
  g_clear_pointer (&self->usage, g_hash_table_unref);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_object (&self->kept);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->stores_job);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (sk_deletion_run_parent_class)->finalize (object);
}

static void
sk_deletion_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkDeletionRun *self = SK_DELETION_RUN (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_deletion_run_class_init (SkDeletionRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_deletion_run_finalize;
  object_class->get_property = sk_deletion_run_get_property;

  /**
   * SkDeletionRun:job:
   *
   * The job running now, or %NULL.
   */
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         SK_TYPE_BULK_DELETE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_deletion_run_init (SkDeletionRun *self)
{
  g_queue_init (&self->pending);
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->kept = g_list_store_new (SK_TYPE_BULK_RESULT);
}

/**
 * sk_deletion_run_new:
 * @client: the account's client
 * @max_in_flight: requests each job keeps in flight
 * @verify: whether the jobs list again after deleting
 *
 * Creates an empty run; queue its jobs, then execute it once.
 *
 * Returns: (transfer full): a new #SkDeletionRun
 */
SkDeletionRun *
sk_deletion_run_new (SkClient *client,
                     guint     max_in_flight,
                     gboolean  verify)
{
  SkDeletionRun *self;

  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  self = g_object_new (SK_TYPE_DELETION_RUN, NULL);
  self->client = g_object_ref (client);
  self->max_in_flight = max_in_flight;
  self->verify = verify;
  return self;
}

/**
 * sk_deletion_run_queue:
 * @self: a #SkDeletionRun
 * @kind: what the job does
 * @store_id: (nullable): the vector store, for %SK_BULK_DETACH_FILES
 * @ids: the IDs it acts on
 *
 * Adds a job after those queued.
 */
void
sk_deletion_run_queue (SkDeletionRun      *self,
                       SkBulkKind          kind,
                       const char         *store_id,
                       const char * const *ids)
{
  g_return_if_fail (SK_IS_DELETION_RUN (self));
  g_return_if_fail (ids != NULL);

  g_queue_push_tail (&self->pending, sk_bulk_delete_new (self->client, kind, store_id, ids));
}

/**
 * sk_deletion_run_queue_expiry:
 * @self: a #SkDeletionRun
 * @ids: the IDs of the vector stores
 * @days: 1..365: they expire that many days after their last activity;
 *   0: they no longer expire
 *
 * Adds a job that sets (or clears) the expiry policy of the stores after
 * those queued.
 */
void
sk_deletion_run_queue_expiry (SkDeletionRun      *self,
                              const char * const *ids,
                              guint               days)
{
  g_return_if_fail (SK_IS_DELETION_RUN (self));
  g_return_if_fail (ids != NULL);

  g_queue_push_tail (&self->pending, sk_bulk_delete_new_store_expiry (self->client, ids, days));
}

/**
 * sk_deletion_run_queue_stores:
 * @self: a #SkDeletionRun, with nothing queued
 * @ids: the IDs of the vector stores
 * @choice: what happens to their files
 * @usage: (nullable): the usage map, for %SK_DELETE_STORES_EXCLUSIVE_FILES
 * @existing: (nullable): a set of the IDs of the files known to exist
 *
 * Makes the run a vector stores deletion.
 */
void
sk_deletion_run_queue_stores (SkDeletionRun        *self,
                              const char * const   *ids,
                              SkDeleteStoresChoice  choice,
                              GHashTable           *usage,
                              GHashTable           *existing)
{
  g_return_if_fail (SK_IS_DELETION_RUN (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (sk_deletion_run_is_empty (self));

  self->choice = choice;
  self->usage = usage ? g_hash_table_ref (usage) : NULL;
  self->existing = existing ? g_hash_table_ref (existing) : NULL;
  if (choice == SK_DELETE_STORES_ALL_FILES)
    self->all_files_store_ids = g_strdupv ((char **) ids);
  else
    sk_deletion_run_queue (self, SK_BULK_DELETE_VECTOR_STORES, NULL, ids);
}

/* Puts @result, of an earlier run, first in the results */
void
sk_deletion_run_keep (SkDeletionRun *self,
                      SkBulkResult  *result)
{
  g_return_if_fail (SK_IS_DELETION_RUN (self));

  g_list_store_append (self->kept, result);
}

gboolean
sk_deletion_run_is_empty (SkDeletionRun *self)
{
  g_return_val_if_fail (SK_IS_DELETION_RUN (self), TRUE);

  return g_queue_is_empty (&self->pending) && self->all_files_store_ids == NULL;
}

SkBulkDelete *
sk_deletion_run_get_job (SkDeletionRun *self)
{
  g_return_val_if_fail (SK_IS_DELETION_RUN (self), NULL);

  return self->job;
}

/**
 * sk_deletion_run_execute_async:
 * @self: a #SkDeletionRun
 * @cancellable: (nullable): stops starting jobs and requests
 * @callback: called when every job ended
 * @user_data: for @callback
 *
 * Runs the jobs. Cancelled, the run still ends with what was done.
 */
void
sk_deletion_run_execute_async (SkDeletionRun       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SK_IS_DELETION_RUN (self));
  g_return_if_fail (self->task == NULL && self->jobs->len == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sk_deletion_run_execute_async);
  /* cancelled, it still returns what was done */
  g_task_set_check_cancellable (self->task, FALSE);
  if (self->all_files_store_ids != NULL)
    run_stores_job (self);
  else
    run_next (self);
}

/**
 * sk_deletion_run_execute_finish:
 * @self: a #SkDeletionRun
 * @result: the result given to the callback
 * @error: not set: a run always ends with its results
 *
 * Returns: (transfer full): the results (#SkBulkResult)
 */
GListModel *
sk_deletion_run_execute_finish (SkDeletionRun  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
