/* sk-orphan-finder.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Everything is fetched at once: the file list of each purpose, and the
 * list of stores; each page of stores, as soon as it arrives, feeds a queue
 * of stores whose file lists are fetched (all statuses, all pages) at most
 * "max-in-flight" at a time. So the file lists of the first stores are
 * already coming while later pages of stores are still being listed. The
 * lists of files and of stores (a few long pages) are not counted in that
 * limit: they run beside the store file lists.
 *
 * "adaptive" (the default) makes "max-in-flight" the cap of a number of
 * store file lists in flight that starts at 8 and adapts to the service as
 * the bulk engine's does (SkStoreFilesLister): it grows while the pages
 * come back as fast as the fastest seen, shrinks when they slow down, and
 * halves on a 429. So the finder is bounded by the service, not by 8.
 *
 * The results are built once everything arrived, in a stable order: files
 * in purpose order then server order, stores in server order, and for each
 * file the stores in server order (not in arrival order).
 *
 * The first error stops everything (the other requests are cancelled) and
 * is the error of the run: a partial usage map would show attached files as
 * orphans, which is the one mistake this must not make. One exception: a
 * store deleted between the list of stores and the list of its files (404
 * on its file list) is left out of the results: its files are detached now.
 */

#include "sk-orphan-finder.h"

#include "sk-bulk-window.h"
#include "sk-store-files-lister.h"

#include <glib/gi18n-lib.h>

struct _SkOrphanFinder
{
  GObject        parent_instance;

  SkClient      *client;
  char         **purposes;
  guint          max_in_flight;
  gboolean       adaptive;

  guint          n_stores;
  guint          n_stores_done;

  /* One run */
  GTask         *task;
  GCancellable  *cancellable;          /* internal: cancelled on first error */
  GCancellable  *user_cancellable;
  gulong         user_cancelled_handler;
  GError        *error;
  guint          n_pending;            /* requests (lists) not ended */
  GPtrArray     *file_lists;           /* one GPtrArray of SkFile per purpose listing */
  GPtrArray     *store_files;          /* per store index: GPtrArray of file IDs, or NULL */
  SkStoreFilesLister *lister;          /* lists the files of each store */

  /* Results */
  gboolean       done;
  GPtrArray     *files;                /* SkFile */
  GPtrArray     *orphans;              /* SkFile */
  GPtrArray     *stores;               /* SkVectorStore */
  GHashTable    *usage;                /* file id -> GPtrArray of store ids */
  GPtrArray     *entries;              /* SkVectorStoreFile of every store listed */
  GPtrArray     *new_entries;          /* the same, while running */
};

G_DEFINE_FINAL_TYPE (SkOrphanFinder, sk_orphan_finder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PURPOSES,
  PROP_MAX_IN_FLIGHT,
  PROP_ADAPTIVE,
  PROP_N_STORES_DONE,
  PROP_N_STORES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_purposes[] = { "assistants", "user_data", NULL };

typedef struct
{
  SkOrphanFinder *self;
  guint           index;
} Listing;

static void
ptr_array_unref0 (gpointer array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

static Listing *
listing_new (SkOrphanFinder *self,
             guint           index)
{
  Listing *listing = g_new0 (Listing, 1);

  listing->self = g_object_ref (self);
  listing->index = index;
  self->n_pending++;
  return listing;
}

static void
fail (SkOrphanFinder *self,
      GError         *error)
{
  if (self->error == NULL)
    {
      self->error = error;
      g_cancellable_cancel (self->cancellable);
    }
  else
    {
      g_error_free (error);
    }
}

static void
build_results (SkOrphanFinder *self)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_pointer (&self->usage, g_hash_table_unref);

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->orphans = g_ptr_array_new_with_free_func (g_object_unref);
  self->usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->store_files->len; i++)
    {
      GPtrArray *ids = g_ptr_array_index (self->store_files, i);
      const char *store_id = sk_vector_store_get_id (g_ptr_array_index (self->stores, i));

      /* no list (and no error): the store was deleted meanwhile */
      if (ids == NULL)
        continue;

      for (guint j = 0; ids != NULL && j < ids->len; j++)
        {
          const char *file_id = g_ptr_array_index (ids, j);
          GPtrArray *stores = g_hash_table_lookup (self->usage, file_id);

          if (stores == NULL)
            {
              stores = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->usage, g_strdup (file_id), stores);
            }
          /* A file appears once per store list; guard anyway. */
          if (stores->len == 0 ||
              !g_str_equal (g_ptr_array_index (stores, stores->len - 1), store_id))
            g_ptr_array_add (stores, g_strdup (store_id));
        }
    }

  for (guint i = 0; i < self->file_lists->len; i++)
    {
      GPtrArray *list = g_ptr_array_index (self->file_lists, i);

      for (guint j = 0; list != NULL && j < list->len; j++)
        {
          SkFile *file = g_ptr_array_index (list, j);
          const char *id = sk_file_get_id (file);

          if (!g_hash_table_add (seen, (gpointer) id))
            continue;

          g_ptr_array_add (self->files, g_object_ref (file));
          if (!g_hash_table_contains (self->usage, id))
            g_ptr_array_add (self->orphans, g_object_ref (file));
        }
    }

  /* Leave out the stores that were gone when their files were listed. */
  for (guint i = self->store_files->len; i > 0; i--)
    {
      if (g_ptr_array_index (self->store_files, i - 1) == NULL)
        g_ptr_array_remove_index (self->stores, i - 1);
    }
}

/* Builds the results, clears the state of the run, and only then returns
 * the task: its callback may start a new run (a Refresh). */
static void
end_run (SkOrphanFinder *self)
{
  g_autoptr (GTask) task = NULL;
  GError *error;

  if (self->user_cancellable != NULL && self->user_cancelled_handler != 0)
    g_cancellable_disconnect (self->user_cancellable, self->user_cancelled_handler);
  self->user_cancelled_handler = 0;
  g_clear_object (&self->user_cancellable);

  if (self->error == NULL && g_cancellable_is_cancelled (self->cancellable))
    self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The search for orphan files was cancelled."));

  error = g_steal_pointer (&self->error);
  if (error == NULL)
    {
      build_results (self);
      self->done = TRUE;
    }

  g_clear_pointer (&self->file_lists, g_ptr_array_unref);
  g_clear_pointer (&self->store_files, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&self->new_entries);
  g_clear_object (&self->lister);
  g_clear_object (&self->cancellable);

  task = g_steal_pointer (&self->task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
listing_end (Listing *listing)
{
  SkOrphanFinder *self = listing->self;

  self->n_pending--;
  if (self->n_pending == 0)
    end_run (self);

  g_object_unref (self);
  g_free (listing);
}

static void
files_listed_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Listing *listing = user_data;
  SkOrphanFinder *self = listing->self;
  g_autoptr (GError) error = NULL;
  GPtrArray *files;

  files = sk_client_list_files_finish (self->client, res, &error);
  if (files == NULL)
    fail (self, g_steal_pointer (&error));
  else
    g_ptr_array_index (self->file_lists, listing->index) = files;

  listing_end (listing);
}

static void
store_listing_done (SkOrphanFinder *self)
{
  self->n_stores_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORES_DONE]);
}

static void
store_files_listed (const char   *store_id,
                    guint         index,
                    GPtrArray    *file_ids,
                    GPtrArray    *entries,
                    const GError *error,
                    gpointer      user_data)
{
  SkOrphanFinder *self = user_data;

  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND))
    {
      /* Deleted since the list of stores: its files are detached now.
       * Its entry stays NULL, which build_results() reads as "gone". */
      g_debug ("Vector store %s is gone; skipped", store_id);
      store_listing_done (self);
    }
  else if (error != NULL)
    {
      fail (self, g_error_copy (error));
    }
  else
    {
      g_ptr_array_index (self->store_files, index) = g_ptr_array_ref (file_ids);
      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (self->new_entries, g_object_ref (g_ptr_array_index (entries, i)));
      store_listing_done (self);
    }
}

static void
store_listings_done_cb (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  Listing *listing = user_data;

  /* (it always succeeds: each store's error went to store_files_listed()) */
  sk_store_files_lister_run_finish (SK_STORE_FILES_LISTER (source), res, NULL);
  listing_end (listing);
}

static void
add_stores (SkOrphanFinder *self,
            GPtrArray      *items,
            guint           from)
{
  for (guint i = from; i < items->len; i++)
    {
      g_ptr_array_add (self->stores, g_object_ref (g_ptr_array_index (items, i)));
      g_ptr_array_add (self->store_files, NULL);
      sk_store_files_lister_add (self->lister,
                                 sk_vector_store_get_id (g_ptr_array_index (items, i)));
    }

  if (self->n_stores != self->stores->len)
    {
      self->n_stores = self->stores->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORES]);
    }
}

static void
stores_page_cb (GPtrArray *items,
                gpointer   user_data)
{
  SkOrphanFinder *self = user_data;

  if (self->task != NULL && self->store_files != NULL)
    add_stores (self, items, 0);
}

static void
stores_listed_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Listing *listing = user_data;
  SkOrphanFinder *self = listing->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stores = NULL;

  stores = sk_client_list_vector_stores_finish (self->client, res, &error);
  if (stores == NULL)
    {
      fail (self, g_steal_pointer (&error));
    }
  else
    {
      /* Pages already seen were added by stores_page_cb, in order. */
      if (stores->len > self->stores->len)
        add_stores (self, stores, self->stores->len);
    }

  sk_store_files_lister_close (self->lister);
  listing_end (listing);
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *internal = user_data;

  g_cancellable_cancel (internal);
}

static void
sk_orphan_finder_finalize (GObject *object)
{
  SkOrphanFinder *self = SK_ORPHAN_FINDER (object);

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_pointer (&self->purposes, g_strfreev);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->orphans, g_ptr_array_unref);
  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_pointer (&self->usage, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->new_entries, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_orphan_finder_parent_class)->finalize (object);
}

static void
sk_orphan_finder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SkOrphanFinder *self = SK_ORPHAN_FINDER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PURPOSES:
      g_value_set_boxed (value, self->purposes);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_ADAPTIVE:
      g_value_set_boolean (value, self->adaptive);
      break;
    case PROP_N_STORES_DONE:
      g_value_set_uint (value, self->n_stores_done);
      break;
    case PROP_N_STORES:
      g_value_set_uint (value, self->n_stores);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_orphan_finder_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SkOrphanFinder *self = SK_ORPHAN_FINDER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PURPOSES:
      sk_orphan_finder_set_purposes (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_orphan_finder_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_ADAPTIVE:
      sk_orphan_finder_set_adaptive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_orphan_finder_class_init (SkOrphanFinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_orphan_finder_finalize;
  object_class->get_property = sk_orphan_finder_get_property;
  object_class->set_property = sk_orphan_finder_set_property;

  /**
   * SkOrphanFinder:client:
   *
   * The client the lists are fetched with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkOrphanFinder:purposes:
   *
   * The purposes of the files listed (default "assistants" and
   * "user_data"); %NULL or empty: all files, in one unfiltered listing.
   */
  properties[PROP_PURPOSES] =
    g_param_spec_boxed ("purposes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkOrphanFinder:max-in-flight:
   *
   * The most store file lists fetched at once (1..64); adaptive, the cap
   * of the number found.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, SK_BULK_WINDOW_MAX, SK_BULK_WINDOW_MAX,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkOrphanFinder:adaptive:
   *
   * Whether the number of store file lists in flight adapts to the
   * service, from 8 up to #SkOrphanFinder:max-in-flight (the default);
   * %FALSE: always max-in-flight. A change applies to the next run.
   */
  properties[PROP_ADAPTIVE] =
    g_param_spec_boolean ("adaptive", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkOrphanFinder:n-stores-done:
   *
   * The number of stores whose files were listed in this run.
   */
  properties[PROP_N_STORES_DONE] =
    g_param_spec_uint ("n-stores-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkOrphanFinder:n-stores:
   *
   * The number of stores found so far in this run.
   */
  properties[PROP_N_STORES] =
    g_param_spec_uint ("n-stores", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_orphan_finder_init (SkOrphanFinder *self)
{
  self->max_in_flight = SK_BULK_WINDOW_MAX;
  self->adaptive = TRUE;
  self->purposes = g_strdupv ((char **) default_purposes);
}

SkOrphanFinder *
sk_orphan_finder_new (SkClient *client)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  return g_object_new (SK_TYPE_ORPHAN_FINDER, "client", client, NULL);
}

/**
 * sk_orphan_finder_set_purposes:
 * @purposes: (array zero-terminated=1) (nullable): the purposes to list;
 *   %NULL or empty: all files, in one unfiltered listing
 */
void
sk_orphan_finder_set_purposes (SkOrphanFinder     *self,
                               const char * const *purposes)
{
  g_return_if_fail (SK_IS_ORPHAN_FINDER (self));

  if (purposes != NULL && purposes[0] == NULL)
    purposes = NULL;
  if (self->purposes == NULL && purposes == NULL)
    return;
  if (self->purposes != NULL && purposes != NULL &&
      g_strv_equal ((const char * const *) self->purposes, purposes))
    return;

  g_strfreev (self->purposes);
  self->purposes = g_strdupv ((char **) purposes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURPOSES]);
}

void
sk_orphan_finder_set_max_in_flight (SkOrphanFinder *self,
                                    guint           max_in_flight)
{
  g_return_if_fail (SK_IS_ORPHAN_FINDER (self));

  max_in_flight = CLAMP (max_in_flight, 1, SK_BULK_WINDOW_MAX);
  if (self->max_in_flight == max_in_flight)
    return;

  self->max_in_flight = max_in_flight;
  if (self->lister != NULL)
    sk_store_files_lister_set_max_in_flight (self->lister, max_in_flight);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

void
sk_orphan_finder_set_adaptive (SkOrphanFinder *self,
                               gboolean        adaptive)
{
  g_return_if_fail (SK_IS_ORPHAN_FINDER (self));

  adaptive = !!adaptive;
  if (self->adaptive == adaptive)
    return;

  self->adaptive = adaptive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADAPTIVE]);
}

void
sk_orphan_finder_run_async (SkOrphanFinder      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  guint n_lists;

  g_return_if_fail (SK_IS_ORPHAN_FINDER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_orphan_finder_run_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "%s", _("The search for orphan files is already running."));
      return;
    }

  self->task = g_steal_pointer (&task);
  self->done = FALSE;
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      self->user_cancelled_handler =
        g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                               g_object_ref (self->cancellable), g_object_unref);
    }

  n_lists = self->purposes != NULL ? g_strv_length (self->purposes) : 1;
  self->file_lists = g_ptr_array_new_full (n_lists, ptr_array_unref0);
  g_ptr_array_set_size (self->file_lists, n_lists);
  self->store_files = g_ptr_array_new_with_free_func (ptr_array_unref0);
  g_clear_pointer (&self->new_entries, g_ptr_array_unref);
  self->new_entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_clear_pointer (&self->stores, g_ptr_array_unref);
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  self->lister = sk_store_files_lister_new (self->client, store_files_listed, self);
  sk_store_files_lister_set_max_in_flight (self->lister, self->max_in_flight);
  sk_store_files_lister_set_adaptive (self->lister, self->adaptive);
  self->n_stores = 0;
  self->n_stores_done = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STORES_DONE]);

  /* Keep the run alive while the requests are being started. */
  self->n_pending++;

  sk_store_files_lister_run_async (self->lister, self->cancellable,
                                   store_listings_done_cb, listing_new (self, 0));

  /* Stores first: their file lists are the long chain of round trips,
   * while the (few, big) pages of files only cost parsing time. */
  sk_client_list_vector_stores_async (self->client, NULL,
                                      stores_page_cb, g_object_ref (self), g_object_unref,
                                      self->cancellable, stores_listed_cb,
                                      listing_new (self, 0));

  for (guint i = 0; i < n_lists; i++)
    {
      SkListOptions options = { 0 };

      options.purpose = self->purposes != NULL ? self->purposes[i] : NULL;
      sk_client_list_files_async (self->client, &options, NULL, NULL, NULL,
                                  self->cancellable, files_listed_cb, listing_new (self, i));
    }

  self->n_pending--;
  g_assert (self->n_pending > 0);
}

gboolean
sk_orphan_finder_run_finish (SkOrphanFinder  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sk_orphan_finder_get_files:
 *
 * Returns: (transfer none) (element-type SkFile) (nullable): every file
 *   listed, or %NULL before a successful run
 */
GPtrArray *
sk_orphan_finder_get_files (SkOrphanFinder *self)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  return self->done ? self->files : NULL;
}

/**
 * sk_orphan_finder_get_orphans:
 *
 * Returns: (transfer none) (element-type SkFile) (nullable): the files in
 *   no store, or %NULL before a successful run
 */
GPtrArray *
sk_orphan_finder_get_orphans (SkOrphanFinder *self)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  return self->done ? self->orphans : NULL;
}

/**
 * sk_orphan_finder_get_vector_stores:
 *
 * Returns: (transfer none) (element-type SkVectorStore) (nullable): the
 *   stores, or %NULL before a successful run
 */
GPtrArray *
sk_orphan_finder_get_vector_stores (SkOrphanFinder *self)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  return self->done ? self->stores : NULL;
}

/**
 * sk_orphan_finder_get_stores_for_file:
 *
 * Returns: (transfer none) (element-type utf8) (nullable): the IDs of the
 *   stores @file_id is attached to, in store-list order; %NULL when none
 */
GPtrArray *
sk_orphan_finder_get_stores_for_file (SkOrphanFinder *self,
                                      const char     *file_id)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  g_return_val_if_fail (file_id != NULL, NULL);

  if (!self->done)
    return NULL;
  return g_hash_table_lookup (self->usage, file_id);
}

guint
sk_orphan_finder_count_stores (SkOrphanFinder *self,
                               const char     *file_id)
{
  GPtrArray *stores = sk_orphan_finder_get_stores_for_file (self, file_id);

  return stores != NULL ? stores->len : 0;
}

/**
 * sk_orphan_finder_get_usage:
 *
 * Returns: (transfer none) (nullable): file ID → #GPtrArray of store IDs,
 *   or %NULL before a successful run
 */
GHashTable *
sk_orphan_finder_get_usage (SkOrphanFinder *self)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  return self->done ? self->usage : NULL;
}

/**
 * sk_orphan_finder_get_entries:
 *
 * Returns: (transfer none) (nullable) (element-type SkVectorStoreFile): the
 *   entries of every store listed (their status and usage), or %NULL before
 *   a successful run
 */
GPtrArray *
sk_orphan_finder_get_entries (SkOrphanFinder *self)
{
  g_return_val_if_fail (SK_IS_ORPHAN_FINDER (self), NULL);
  return self->done ? self->entries : NULL;
}
