/* sk-paged-list.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-paged-list.h"

/* A GListModel over its own GPtrArray: appending a slice costs one
 * g_ptr_array extension and one items-changed.
 *
 * A page larger than SLICE_SIZE items is appended in slices of SLICE_SIZE,
 * one per idle callback, so that a sorted view over the list never holds
 * the main loop long; a page arriving while slices are pending waits its
 * turn, and the load finishes once the last slice is in. The pages are
 * counted as their last slice goes in.
 *
 * Nothing is loaded until sk_paged_list_reload(). Each load has a
 * generation number; callbacks of an older load are ignored, so a
 * cancelled load can never touch the items of a newer one. "finished" is
 * emitted once per load: when it succeeds or fails, and synchronously
 * when sk_paged_list_reload() or sk_paged_list_cancel() end it early (for
 * a reload, before the new load starts, while "loading" is still TRUE).
 * Dispose ends a load silently: no signal from a half-disposed object. */

struct _SkPagedList
{
  GObject       parent_instance;

  SkClient     *client;
  GType         item_type;
  char         *purpose;
  char         *vector_store_id;

  GPtrArray    *items;
  GCancellable *cancellable;
  GError       *error;
  guint         generation;
  guint         n_pages;
  gboolean      loading;
  gboolean      replace_on_next_page;

  GQueue        pending;        /* pages (GPtrArray) not fully in items */
  guint         pending_offset; /* items of the head page already in */
  guint         slice_id;       /* the idle source appending slices */
  gboolean      done_pending;   /* the load ended; finish after the slices */
  gboolean      done_succeeded;
  GError       *done_error;
};

/* Items appended per main-loop iteration at most */
#define SLICE_SIZE 2000

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SkPagedList, sk_paged_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ITEM_TYPE,
  PROP_PURPOSE,
  PROP_VECTOR_STORE_ID,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_PAGES,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef self;
  guint    generation;
} Load;

static void
load_free (Load *load)
{
  g_weak_ref_clear (&load->self);
  g_free (load);
}

static const char *
item_get_id (gpointer item)
{
  if (SK_IS_FILE (item))
    return sk_file_get_id (item);
  if (SK_IS_VECTOR_STORE (item))
    return sk_vector_store_get_id (item);
  if (SK_IS_VECTOR_STORE_FILE (item))
    return sk_vector_store_file_get_id (item);

  return NULL;
}

static void
items_changed (SkPagedList *self,
               guint        position,
               guint        removed,
               guint        added)
{
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static Load *
current_load (gpointer user_data,
              SkPagedList **out_self)
{
  Load *load = user_data;
  SkPagedList *self = g_weak_ref_get (&load->self);

  if (self != NULL && self->generation != load->generation)
    g_clear_object (&self);

  *out_self = self;
  return load;
}

/* Appends @n items of @page from @offset */
static void
append_items (SkPagedList *self,
              GPtrArray   *page,
              guint        offset,
              guint        n)
{
  guint position, removed = 0;

  if (self->replace_on_next_page)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
      self->replace_on_next_page = FALSE;
    }

  position = self->items->len;
  g_ptr_array_set_size (self->items, position + n);
  for (guint i = 0; i < n; i++)
    self->items->pdata[position + i] = g_object_ref (page->pdata[offset + i]);

  items_changed (self, removed ? 0 : position, removed, n);
}

static void
page_done (SkPagedList *self)
{
  self->n_pages++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

static void
clear_pending (SkPagedList *self)
{
  g_clear_handle_id (&self->slice_id, g_source_remove);
  g_queue_clear_full (&self->pending, (GDestroyNotify) g_ptr_array_unref);
  self->pending_offset = 0;
  self->done_pending = FALSE;
  self->done_succeeded = FALSE;
  g_clear_error (&self->done_error);
}

static void
finish_load (SkPagedList *self,
             gboolean     succeeded,
             GError      *error)
{
  self->loading = FALSE;

  if (succeeded && self->replace_on_next_page)
    {
      /* success without any page (cannot happen with SkClient, which
       * reports empty pages too): the list is empty */
      guint removed = self->items->len;

      g_ptr_array_set_size (self->items, 0);
      self->replace_on_next_page = FALSE;
      items_changed (self, 0, removed, 0);
    }

  if (error != NULL)
    {
      g_debug ("paged list of %s: %s", g_type_name (self->item_type), error->message);
      g_clear_error (&self->error);
      self->error = error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

static gboolean
slice_cb (gpointer user_data)
{
  SkPagedList *self = user_data;
  g_autoptr (GObject) keep = g_object_ref (G_OBJECT (self));
  g_autoptr (GPtrArray) page = g_ptr_array_ref (g_queue_peek_head (&self->pending));
  guint generation = self->generation;
  guint n = MIN (SLICE_SIZE, page->len - self->pending_offset);

  append_items (self, page, self->pending_offset, n);

  /* a handler ended the load, clearing the queue and the source */
  if (self->generation != generation)
    return G_SOURCE_REMOVE;

  self->pending_offset += n;
  if (self->pending_offset == page->len)
    {
      g_ptr_array_unref (g_queue_pop_head (&self->pending));
      self->pending_offset = 0;
      page_done (self);
      if (self->generation != generation)
        return G_SOURCE_REMOVE;
    }

  if (!g_queue_is_empty (&self->pending))
    return G_SOURCE_CONTINUE;

  self->slice_id = 0;
  if (self->done_pending)
    {
      gboolean succeeded = self->done_succeeded;
      GError *error = g_steal_pointer (&self->done_error);

      self->done_pending = FALSE;
      finish_load (self, succeeded, error);
    }

  return G_SOURCE_REMOVE;
}

static void
page_cb (GPtrArray *page,
         gpointer   user_data)
{
  g_autoptr (SkPagedList) self = NULL;

  current_load (user_data, &self);
  if (self == NULL)
    return;

  if (g_queue_is_empty (&self->pending) && page->len <= SLICE_SIZE)
    {
      guint generation = self->generation;

      append_items (self, page, 0, page->len);
      /* a handler ended the load (a cancel, a reload): the page was not
       * one of the load that follows */
      if (self->generation == generation)
        page_done (self);
      return;
    }

  g_queue_push_tail (&self->pending, g_ptr_array_ref (page));
  if (self->slice_id == 0)
    {
      self->slice_id = g_idle_add (slice_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->slice_id),
                                "[sk-paged-list] slice");
    }
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (SkPagedList) self = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  SkClient *client = SK_CLIENT (object);
  Load *load = current_load (user_data, &self);
  gpointer tag = g_task_get_source_tag (G_TASK (result));

  if (tag == sk_client_list_files_async)
    items = sk_client_list_files_finish (client, result, &error);
  else if (tag == sk_client_list_vector_stores_async)
    items = sk_client_list_vector_stores_finish (client, result, &error);
  else
    items = sk_client_list_vector_store_files_finish (client, result, &error);

  load_free (load);

  if (self == NULL)
    return;

  g_clear_object (&self->cancellable);

  if (!g_queue_is_empty (&self->pending))
    {
      /* finished by the last slice */
      self->done_pending = TRUE;
      self->done_succeeded = items != NULL;
      self->done_error = g_steal_pointer (&error);
      return;
    }

  finish_load (self, items != NULL, g_steal_pointer (&error));
}

/* Ends the load in flight, if any; returns whether there was one */
static gboolean
stop_load (SkPagedList *self)
{
  gboolean was_loading = self->loading;

  self->generation++;
  clear_pending (self);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  return was_loading;
}

/* ------------------------------------------------------------------ */
/* GListModel                                                           */
/* ------------------------------------------------------------------ */

static GType
sk_paged_list_get_item_type (GListModel *model)
{
  return SK_PAGED_LIST (model)->item_type;
}

static guint
sk_paged_list_get_n_items (GListModel *model)
{
  return SK_PAGED_LIST (model)->items->len;
}

static gpointer
sk_paged_list_get_item (GListModel *model,
                        guint       position)
{
  SkPagedList *self = SK_PAGED_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sk_paged_list_get_item_type;
  iface->get_n_items = sk_paged_list_get_n_items;
  iface->get_item = sk_paged_list_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */
/* ------------------------------------------------------------------ */

static void
sk_paged_list_dispose (GObject *object)
{
  SkPagedList *self = (SkPagedList *)object;

  /* No "finished" here: its handlers would see an object being disposed,
   * and whoever drops the last reference knows the load ends. */
  stop_load (self);
  self->loading = FALSE;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (sk_paged_list_parent_class)->dispose (object);
}

static void
sk_paged_list_finalize (GObject *object)
{
  SkPagedList *self = (SkPagedList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->purpose);
  g_free (self->vector_store_id);

  G_OBJECT_CLASS (sk_paged_list_parent_class)->finalize (object);
}

static void
sk_paged_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SkPagedList *self = SK_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case PROP_VECTOR_STORE_ID:
      g_value_set_string (value, self->vector_store_id);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_paged_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SkPagedList *self = SK_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;
    case PROP_PURPOSE:
      self->purpose = g_value_dup_string (value);
      break;
    case PROP_VECTOR_STORE_ID:
      self->vector_store_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_paged_list_class_init (SkPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_paged_list_dispose;
  object_class->finalize = sk_paged_list_finalize;
  object_class->get_property = sk_paged_list_get_property;
  object_class->set_property = sk_paged_list_set_property;

  /**
   * SkPagedList:client:
   *
   * The client the pages are fetched with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:item-type:
   *
   * The type of the items: %SK_TYPE_FILE, %SK_TYPE_VECTOR_STORE or
   * %SK_TYPE_VECTOR_STORE_FILE.
   */
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:purpose:
   *
   * For files: the purpose listed; %NULL for every purpose.
   */
  properties[PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:vector-store-id:
   *
   * For files of a store: the store.
   */
  properties[PROP_VECTOR_STORE_ID] =
    g_param_spec_string ("vector-store-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:n-items:
   *
   * The number of items.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:loading:
   *
   * %TRUE between a reload and the last page or the error.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:error:
   *
   * The error of the last load; %NULL when it succeeded or while
   * loading.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkPagedList:n-pages:
   *
   * The number of pages received in the current load.
   */
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SkPagedList::finished:
   *
   * Emitted once per load when it ends (success, error or cancellation by
   * a newer reload or sk_paged_list_cancel()); not when the list is
   * disposed while loading (the load just stops).
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
sk_paged_list_init (SkPagedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->item_type = G_TYPE_OBJECT;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */
/* ------------------------------------------------------------------ */

/**
 * sk_paged_list_new_files:
 * @purpose: (nullable): only files of this purpose
 *
 * Returns: (transfer full): an empty list; call sk_paged_list_reload()
 */
SkPagedList *
sk_paged_list_new_files (SkClient   *client,
                         const char *purpose)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  return g_object_new (SK_TYPE_PAGED_LIST,
                       "client", client,
                       "item-type", SK_TYPE_FILE,
                       "purpose", purpose,
                       NULL);
}

SkPagedList *
sk_paged_list_new_vector_stores (SkClient *client)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  return g_object_new (SK_TYPE_PAGED_LIST,
                       "client", client,
                       "item-type", SK_TYPE_VECTOR_STORE,
                       NULL);
}

SkPagedList *
sk_paged_list_new_vector_store_files (SkClient   *client,
                                      const char *vector_store_id)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (vector_store_id != NULL, NULL);

  return g_object_new (SK_TYPE_PAGED_LIST,
                       "client", client,
                       "item-type", SK_TYPE_VECTOR_STORE_FILE,
                       "vector-store-id", vector_store_id,
                       NULL);
}

/**
 * sk_paged_list_reload:
 *
 * Ends the load in flight (emitting "finished" for it) and starts a new
 * one. The current items stay until its first page arrives.
 */
void
sk_paged_list_reload (SkPagedList *self)
{
  SkListOptions options = { 0 };
  gboolean was_loading;
  gboolean had_error;
  Load *load;

  g_return_if_fail (SK_IS_PAGED_LIST (self));
  g_return_if_fail (self->client != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  was_loading = stop_load (self);
  if (was_loading)
    g_signal_emit (self, signals[FINISHED], 0);

  had_error = self->error != NULL;
  g_clear_error (&self->error);
  self->loading = TRUE;
  self->replace_on_next_page = TRUE;
  self->n_pages = 0;
  self->cancellable = g_cancellable_new ();

  load = g_new0 (Load, 1);
  g_weak_ref_init (&load->self, self);
  load->generation = self->generation;

  if (self->item_type == SK_TYPE_FILE)
    {
      options.purpose = self->purpose;
      sk_client_list_files_async (self->client, &options, page_cb, load, NULL,
                                  self->cancellable, list_done_cb, load);
    }
  else if (self->item_type == SK_TYPE_VECTOR_STORE)
    {
      sk_client_list_vector_stores_async (self->client, &options, page_cb, load, NULL,
                                          self->cancellable, list_done_cb, load);
    }
  else
    {
      sk_client_list_vector_store_files_async (self->client, self->vector_store_id, &options,
                                               page_cb, load, NULL,
                                               self->cancellable, list_done_cb, load);
    }

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (had_error)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * sk_paged_list_cancel:
 *
 * Stops the load in flight, if any, keeping the items received so far,
 * and emits "finished" for it. "error" stays NULL.
 */
void
sk_paged_list_cancel (SkPagedList *self)
{
  g_return_if_fail (SK_IS_PAGED_LIST (self));

  if (!stop_load (self))
    return;

  self->loading = FALSE;
  self->replace_on_next_page = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

gboolean
sk_paged_list_get_loading (SkPagedList *self)
{
  g_return_val_if_fail (SK_IS_PAGED_LIST (self), FALSE);
  return self->loading;
}

/**
 * sk_paged_list_get_error:
 *
 * Returns: (nullable) (transfer none): the error of the last load
 */
const GError *
sk_paged_list_get_error (SkPagedList *self)
{
  g_return_val_if_fail (SK_IS_PAGED_LIST (self), NULL);
  return self->error;
}

guint
sk_paged_list_get_n_pages (SkPagedList *self)
{
  g_return_val_if_fail (SK_IS_PAGED_LIST (self), 0);
  return self->n_pages;
}

SkClient *
sk_paged_list_get_client (SkPagedList *self)
{
  g_return_val_if_fail (SK_IS_PAGED_LIST (self), NULL);
  return self->client;
}

/* Over this many separate runs, one "everything changed" signal is
 * cheaper than one signal (and one memmove) per run */
#define MAX_REMOVAL_RUNS 64

/**
 * sk_paged_list_remove_ids:
 * @ids: (element-type utf8 utf8): a set of IDs (only the keys are read)
 *
 * Removes the items whose ID is in @ids, keeping the order of the others.
 */
void
sk_paged_list_remove_ids (SkPagedList *self,
                          GHashTable  *ids)
{
  g_autofree gboolean *doomed = NULL;
  guint n, n_runs = 0, n_doomed = 0;

  g_return_if_fail (SK_IS_PAGED_LIST (self));
  g_return_if_fail (ids != NULL);

  n = self->items->len;
  if (n == 0 || g_hash_table_size (ids) == 0)
    return;

  doomed = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      const char *id = item_get_id (self->items->pdata[i]);

      doomed[i] = id != NULL && g_hash_table_contains (ids, id);
      if (doomed[i])
        {
          n_doomed++;
          if (i == 0 || !doomed[i - 1])
            n_runs++;
        }
    }

  if (n_doomed == 0)
    return;

  if (n_runs > MAX_REMOVAL_RUNS)
    {
      g_autoptr (GPtrArray) kept = g_ptr_array_new_full (n - n_doomed, g_object_unref);

      for (guint i = 0; i < n; i++)
        if (!doomed[i])
          g_ptr_array_add (kept, g_object_ref (self->items->pdata[i]));

      g_ptr_array_unref (self->items);
      self->items = g_steal_pointer (&kept);
      items_changed (self, 0, n, self->items->len);
      return;
    }

  /* from the end, so that earlier positions stay valid */
  for (guint end = n; end > 0;)
    {
      guint start;

      if (!doomed[end - 1])
        {
          end--;
          continue;
        }

      start = end - 1;
      while (start > 0 && doomed[start - 1])
        start--;

      g_ptr_array_remove_range (self->items, start, end - start);
      items_changed (self, start, end - start, 0);
      end = start;
    }
}
