/* sk-store-files-lister.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Lists the files of many vector stores (all statuses, all pages), at most
 * "max-in-flight" stores at once, in the order the stores were added.
 * Stores may be added while the run goes on (as pages of stores arrive);
 * close() says no more will come. Each store's list, or its error, goes to
 * the SkStoreFilesFunc as it ends. Once the cancellable is cancelled no new
 * list starts. The run completes (always with TRUE) when it is closed and
 * no list is in flight: every store was listed, or the run was cancelled.
 */

#include "config.h"

#include "sk-store-files-lister.h"

struct _SkStoreFilesLister
{
  GObject           parent_instance;

  SkClient         *client;
  SkStoreFilesFunc  func;
  gpointer          user_data;
  guint             max_in_flight;

  GPtrArray        *store_ids;      /* owned strings, in the order added */
  guint             next_store;
  guint             n_listing;
  gboolean          closed;

  GTask            *task;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (SkStoreFilesLister, sk_store_files_lister, G_TYPE_OBJECT)

typedef struct
{
  SkStoreFilesLister *self;
  guint               index;
} Listing;

static void pump (SkStoreFilesLister *self);

static void
store_listed_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr (SkStoreFilesLister) self = listing->self;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  guint index = listing->index;

  g_free (listing);
  self->n_listing--;

  items = sk_client_list_vector_store_files_finish (self->client, res, &error);
  if (items != NULL)
    {
      ids = g_ptr_array_new_full (items->len, g_free);
      for (guint i = 0; i < items->len; i++)
        g_ptr_array_add (ids, g_strdup (sk_vector_store_file_get_id (g_ptr_array_index (items, i))));
    }

  self->func (g_ptr_array_index (self->store_ids, index), index, ids, items, error, self->user_data);

  pump (self);
}

static void
pump (SkStoreFilesLister *self)
{
  gboolean cancelled;

  if (self->task == NULL)
    return;

  cancelled = self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);

  while (!cancelled &&
         self->n_listing < self->max_in_flight &&
         self->next_store < self->store_ids->len)
    {
      Listing *listing = g_new0 (Listing, 1);

      listing->self = g_object_ref (self);
      listing->index = self->next_store++;
      self->n_listing++;
      sk_client_list_vector_store_files_async (self->client,
                                               g_ptr_array_index (self->store_ids, listing->index),
                                               NULL, NULL, NULL, NULL, self->cancellable,
                                               store_listed_cb, listing);
    }

  if (self->closed && self->n_listing == 0 &&
      (cancelled || self->next_store >= self->store_ids->len))
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->task);

      g_clear_object (&self->cancellable);
      g_task_return_boolean (task, TRUE);
    }
}

static void
sk_store_files_lister_finalize (GObject *object)
{
  SkStoreFilesLister *self = SK_STORE_FILES_LISTER (object);

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->store_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_store_files_lister_parent_class)->finalize (object);
}

static void
sk_store_files_lister_class_init (SkStoreFilesListerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_store_files_lister_finalize;
}

static void
sk_store_files_lister_init (SkStoreFilesLister *self)
{
  self->max_in_flight = 8;
  self->store_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * sk_store_files_lister_new:
 * @client: the client to list with
 * @func: (scope notified): called for each store listed
 * @user_data: (closure func): data for @func; must outlive the run
 *
 * Returns: (transfer full): a new lister, at 8 stores in flight
 */
SkStoreFilesLister *
sk_store_files_lister_new (SkClient         *client,
                           SkStoreFilesFunc  func,
                           gpointer          user_data)
{
  SkStoreFilesLister *self;

  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (SK_TYPE_STORE_FILES_LISTER, NULL);
  self->client = g_object_ref (client);
  self->func = func;
  self->user_data = user_data;

  return self;
}

/* How many stores are listed at once (1..64); a higher value applies at
 * once, a lower one as lists end. */
void
sk_store_files_lister_set_max_in_flight (SkStoreFilesLister *self,
                                         guint               max_in_flight)
{
  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));

  self->max_in_flight = CLAMP (max_in_flight, 1, 64);
}

/* Adds a store to list; its index is the number of stores added before. */
void
sk_store_files_lister_add (SkStoreFilesLister *self,
                           const char         *store_id)
{
  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));
  g_return_if_fail (store_id != NULL);
  g_return_if_fail (!self->closed);

  g_ptr_array_add (self->store_ids, g_strdup (store_id));
  pump (self);
}

/* No more stores will be added: the run can complete. */
void
sk_store_files_lister_close (SkStoreFilesLister *self)
{
  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));

  self->closed = TRUE;
  pump (self);
}

/**
 * sk_store_files_lister_run_async:
 * @cancellable: (nullable): stops starting lists and cancels those in flight
 *
 * Starts listing the stores added, and those added later. Runs once.
 */
void
sk_store_files_lister_run_async (SkStoreFilesLister  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL && self->next_store == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_store_files_lister_run_async);
  /* A cancelled run still ends normally: the lists that ended were given. */
  g_task_set_check_cancellable (task, FALSE);

  self->task = g_steal_pointer (&task);
  g_set_object (&self->cancellable, cancellable);
  pump (self);
}

gboolean
sk_store_files_lister_run_finish (SkStoreFilesLister  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_LISTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
