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
 *
 * Adaptive, the number of lists in flight is found as the bulk engine
 * finds it (SkBulkWindow), with max-in-flight as its cap: it starts at 8
 * (or the cap, if lower) and grows while the pages come back as fast as
 * the fastest seen; it shrinks when they slow down (the service, or this
 * process, is queueing) and halves when the client meets a 429 (its rate
 * gate moved while a page was on its way; once per pause of the gate, and
 * at most once per round trip). Each page is one sample: its time from
 * the request of the page to its arrival, parsed; a page held by a pause
 * of the gate is no sample, nor is a page that arrives while no store
 * waits (the limit is not what holds the lists back then).
 */

#include "config.h"

#include "sk-store-files-lister.h"

#include "sk-bulk-window.h"

struct _SkStoreFilesLister
{
  GObject           parent_instance;

  SkClient         *client;
  SkStoreFilesFunc  func;
  gpointer          user_data;
  guint             max_in_flight;
  gboolean          adaptive;
  SkBulkWindow      window;         /* the limit, when adaptive */
  SkRateGate       *gate;           /* the client's, during a run */
  gint64            gate_seen_us;   /* the last pause of the gate counted */

  GPtrArray        *store_ids;      /* owned strings, in the order added */
  guint             next_store;
  guint             n_listing;
  guint             peak_in_flight;
  gboolean          closed;

  GTask            *task;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (SkStoreFilesLister, sk_store_files_lister, G_TYPE_OBJECT)

typedef struct
{
  SkStoreFilesLister *self;
  guint               index;
  gint64              page_start_us;   /* when its current page was asked for */
  gint64              gate_until_us;   /* the client's rate gate then */
} Listing;

static void pump (SkStoreFilesLister *self);

static guint
current_limit (SkStoreFilesLister *self)
{
  return self->adaptive ? self->window.limit : self->max_in_flight;
}

/* A page of a store's list arrived: one sample for the adaptive limit. */
static void
page_listed_cb (GPtrArray *items,
                gpointer   user_data)
{
  Listing *listing = user_data;
  SkStoreFilesLister *self = listing->self;
  gint64 now_us = g_get_monotonic_time ();
  gint64 gate_until_us = sk_rate_gate_get_paused_until_us (self->gate);
  gint64 round_us = (gint64) self->window.smooth_latency_us;
  gboolean changed;

  g_assert (self->adaptive);

  if (gate_until_us == listing->gate_until_us)
    {
      /* a sample only while the limit holds stores back: a limit that
       * nothing fills would grow past what the service was shown to take */
      gboolean limited = self->next_store < self->store_ids->len;

      changed = sk_bulk_window_succeeded (&self->window, now_us,
                                          limited ? now_us - listing->page_start_us : 0,
                                          round_us);
    }
  else if (gate_until_us != self->gate_seen_us)
    {
      /* a 429 (each one moves the gate) not counted yet */
      self->gate_seen_us = gate_until_us;
      changed = sk_bulk_window_rate_limited (&self->window, now_us, round_us);
    }
  else
    {
      /* held by a pause already counted: no sample */
      changed = FALSE;
    }

  /* the next page, if any, is asked for now */
  listing->page_start_us = now_us;
  listing->gate_until_us = gate_until_us;

  if (changed)
    g_debug ("store files lister: %u lists in flight allowed", self->window.limit);
  if (changed && self->window.limit > self->n_listing)
    pump (self);
}

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
         self->n_listing < current_limit (self) &&
         self->next_store < self->store_ids->len)
    {
      Listing *listing = g_new0 (Listing, 1);

      listing->self = g_object_ref (self);
      listing->index = self->next_store++;
      listing->page_start_us = g_get_monotonic_time ();
      listing->gate_until_us = sk_rate_gate_get_paused_until_us (self->gate);
      self->n_listing++;
      self->peak_in_flight = MAX (self->peak_in_flight, self->n_listing);
      sk_client_list_vector_store_files_async (self->client,
                                               g_ptr_array_index (self->store_ids, listing->index),
                                               NULL,
                                               self->adaptive ? page_listed_cb : NULL, listing, NULL,
                                               self->cancellable, store_listed_cb, listing);
    }

  if (self->closed && self->n_listing == 0 &&
      (cancelled || self->next_store >= self->store_ids->len))
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->task);

      g_clear_object (&self->cancellable);
      g_clear_pointer (&self->gate, sk_rate_gate_unref);
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
  g_clear_pointer (&self->gate, sk_rate_gate_unref);
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
  sk_bulk_window_init (&self->window, self->max_in_flight);
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

/* How many stores are listed at once (1..64), or, adaptive, the cap of
 * that number; a higher value applies at once, a lower one as lists end. */
void
sk_store_files_lister_set_max_in_flight (SkStoreFilesLister *self,
                                         guint               max_in_flight)
{
  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));

  self->max_in_flight = CLAMP (max_in_flight, 1, SK_BULK_WINDOW_MAX);
  sk_bulk_window_set_cap (&self->window, self->max_in_flight, self->task != NULL);
  pump (self);
}

/**
 * sk_store_files_lister_set_adaptive:
 * @adaptive: whether the number of lists in flight adapts to the service,
 *   from 8 up to max-in-flight (%FALSE, the default: always max-in-flight)
 *
 * Set before the run.
 */
void
sk_store_files_lister_set_adaptive (SkStoreFilesLister *self,
                                    gboolean            adaptive)
{
  g_return_if_fail (SK_IS_STORE_FILES_LISTER (self));
  g_return_if_fail (self->task == NULL && self->next_store == 0);

  self->adaptive = !!adaptive;
}

/* The most lists in flight allowed now: max-in-flight, or the adaptive
 * limit. */
guint
sk_store_files_lister_get_limit (SkStoreFilesLister *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_LISTER (self), 0);

  return current_limit (self);
}

/* The most lists that were in flight at once. */
guint
sk_store_files_lister_get_peak_in_flight (SkStoreFilesLister *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_LISTER (self), 0);

  return self->peak_in_flight;
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
  self->gate = sk_rate_gate_ref (sk_client_get_rate_gate (self->client));
  self->gate_seen_us = sk_rate_gate_get_paused_until_us (self->gate);
  sk_bulk_window_init (&self->window, self->max_in_flight);
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
