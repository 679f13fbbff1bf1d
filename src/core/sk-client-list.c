/* sk-client-list.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client.h"
#include "sk-client-private.h"

#include "sk-file-reader.h"
#include "sk-id.h"
#include "sk-json.h"
#include "sk-request.h"

#include <glib/gi18n-lib.h>

/* The list calls of SkClient: one request per page, with the `after`
 * cursor, until the server says there is no more. A list item that
 * cannot be parsed fails the whole listing (never skipped: a missing
 * store file would make its file look orphaned), and so does a cursor
 * that comes back (the server returned the same page twice). Batches and
 * fine-tuning jobs have no order nor before parameter: newest first.
 *
 * The pages overlap: when a body arrives, a quick scan reads its last ID,
 * and the next request leaves while the page is parsed in a worker; the
 * parses run several at once, and the pages are handed over in order, an
 * error in its place (after the pages before it, and instead of the pages
 * after it). The parse must read what the scan read, or the listing fails.
 * Files pages are read by the direct reader (sk-file-reader.c) when it can,
 * by json-glib otherwise. */

typedef enum
{
  LIST_FILES,
  LIST_VECTOR_STORES,
  LIST_VECTOR_STORE_FILES,
  LIST_BATCHES,
  LIST_FINE_TUNING_JOBS,
} ListKind;

/* Batches and jobs are kept as their JSON objects (JsonNode), the others
 * as SkFile, SkVectorStore or SkVectorStoreFile. */
#define KIND_IS_JSON(kind) ((kind) == LIST_BATCHES || (kind) == LIST_FINE_TUNING_JOBS)

/* Requests sent while this many pages are still to be delivered wait */
#define MAX_PAGES_AHEAD 4

/* Pages parsed at once (in GTask's pool): one per core, 2 to 4 */
#define MAX_PARSING CLAMP (g_get_num_processors (), 2, 4)

/* What the next request's cursor is */
typedef enum
{
  NEXT_KNOWN,   /* data->cursor (NULL: the first page, or after options->after) */
  NEXT_UNKNOWN, /* it comes with a page not yet read */
  NEXT_NONE,    /* the last page was requested */
} NextState;

typedef struct
{
  ListKind        kind;
  char           *path;
  SkOrder         order;
  char           *before;
  char           *purpose;
  char           *filter;
  guint           max_items;
  guint           page_size;

  SkPageFunc      page_func;
  gpointer        page_data;
  GDestroyNotify  page_data_destroy;

  GPtrArray      *items;
  GHashTable     *cursors_sent;
  char           *cursor;
  NextState       next;
  gboolean        fetching;      /* a request is in flight */
  gboolean        finished;      /* the task returned */
  guint           n_items_known; /* items of the pages requested, as far as read */
  guint           n_requested;
  guint           n_pages;       /* delivered */
  GHashTable     *ready;         /* page number -> its ParseJob, waiting for the pages before */
  GQueue          to_parse;      /* ParseJob arrived, waiting for a parser */
  guint           n_parsing;
} ListData;

/* A page: its body, read quickly on arrival (the scan), then parsed in a
 * worker thread into the items of its kind; or the error of its request */
typedef struct
{
  ListKind   kind;
  guint      number;
  GBytes    *body;
  guint      max_items;     /* 0: all */

  gboolean   scanned;       /* the scan read the page; scan_* are set */
  guint      scan_n_items;
  char      *scan_last_id;
  gboolean   scan_has_more;
  gboolean   repeated;      /* its last ID was the cursor of a request already sent */

  GPtrArray *items;         /* the result of the parse */
  guint      n_items;       /* in "data", max_items aside */
  gboolean   has_more;
  GError    *error;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->scan_last_id);
  g_clear_error (&job->error);
  g_free (job);
}

static void
list_data_free (ListData *data)
{
  if (data->page_data_destroy != NULL)
    data->page_data_destroy (data->page_data);
  g_free (data->path);
  g_free (data->before);
  g_free (data->purpose);
  g_free (data->filter);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->cursors_sent, g_hash_table_unref);
  g_clear_pointer (&data->ready, g_hash_table_unref);
  g_queue_clear_full (&data->to_parse, (GDestroyNotify) parse_job_free);
  g_free (data->cursor);
  g_free (data);
}

static void
append_query (GString    *query,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, key);
  g_string_append_c (query, '=');
  g_string_append (query, escaped);
}

/* Batches and jobs: an object with a string id, copied. */
static JsonNode *
parse_json_item (JsonNode  *node,
                 GError   **error)
{
  if (sk_json_require_object_with_id (node, _("A list item is not a JSON object"),
                                      _("A list item has no ID"), error) == NULL)
    return NULL;
  return json_node_copy (node);
}

static gpointer
parse_item (ListKind   kind,
            JsonNode  *node,
            GError   **error)
{
  switch (kind)
    {
    case LIST_FILES:
      return sk_file_new_from_json (node, error);
    case LIST_VECTOR_STORES:
      return sk_vector_store_new_from_json (node, error);
    case LIST_VECTOR_STORE_FILES:
      return sk_vector_store_file_new_from_json (node, error);
    case LIST_BATCHES:
    case LIST_FINE_TUNING_JOBS:
      return parse_json_item (node, error);
    default:
      g_assert_not_reached ();
    }
}

static const char *
item_id (ListKind kind,
         gpointer item)
{
  switch (kind)
    {
    case LIST_FILES:
      return sk_file_get_id (item);
    case LIST_VECTOR_STORES:
      return sk_vector_store_get_id (item);
    case LIST_VECTOR_STORE_FILES:
      return sk_vector_store_file_get_id (item);
    case LIST_BATCHES:
    case LIST_FINE_TUNING_JOBS:
      return sk_json_get_string (json_node_get_object (item), "id");
    default:
      g_assert_not_reached ();
    }
}

static GDestroyNotify
item_free_func (ListKind kind)
{
  return KIND_IS_JSON (kind) ? (GDestroyNotify) json_node_unref : g_object_unref;
}

/* Whether a page of @n_items (after max_items) says there is more, the
 * list holding @n_total items with it */
static gboolean
list_continues (ListData *data,
                gboolean  has_more,
                guint     n_items,
                guint     n_total)
{
  return has_more && n_items > 0 && (data->max_items == 0 || n_total < data->max_items);
}

/* Runs in a worker: touches nothing but the job, and creates the items
 * that the main thread receives with the job. */
static gboolean
parse_page (ParseJob  *job,
            GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object_root;
  JsonArray *array;
  gsize size = 0;
  const char *bytes = g_bytes_get_data (job->body, &size);
  guint n;

  /* the direct reader of files pages, when it can read this one */
  if (job->kind == LIST_FILES && bytes != NULL &&
      sk_file_reader_read_page (bytes, size, job->max_items, &job->items, &job->n_items,
                                &job->has_more))
    return TRUE;

  root = sk_json_parse_bytes (job->body, 200, error);
  if (root == NULL)
    return FALSE;

  object_root = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  array = sk_json_get_array (object_root, "data");
  if (array == NULL)
    {
      g_propagate_error (error, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                                     _("The server sent a list without its “data” array")));
      return FALSE;
    }

  n = job->n_items = json_array_get_length (array);
  if (job->max_items > 0)
    n = MIN (n, job->max_items);

  job->items = g_ptr_array_new_full (n, item_free_func (job->kind));
  for (guint i = 0; i < n; i++)
    {
      gpointer item = parse_item (job->kind, json_array_get_element (array, i), &local_error);

      if (item == NULL)
        {
          g_propagate_error (error, sk_client_invalid_response (g_steal_pointer (&local_error), 200));
          return FALSE;
        }
      g_ptr_array_add (job->items, item);
    }

  job->has_more = sk_json_get_bool (object_root, "has_more", FALSE);
  return TRUE;
}

static void
parse_page_thread (GTask        *parse_task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gboolean parsed = parse_page (job, &error);

  /* the body is not needed any more: freed here, off the main thread */
  g_clear_pointer (&job->body, g_bytes_unref);

  if (parsed)
    g_task_return_boolean (parse_task, TRUE);
  else
    g_task_return_error (parse_task, error);
}

/* Ends the listing with @error, or with its items when @error is NULL */
static void
list_end (GTask  *task,
          GError *error)
{
  ListData *data = g_task_get_task_data (task);

  data->finished = TRUE;
  g_hash_table_remove_all (data->ready);
  g_queue_clear_full (&data->to_parse, (GDestroyNotify) parse_job_free);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("list %s: %u items in %u pages", data->path, data->items->len, data->n_pages);
  g_task_return_pointer (task, g_ptr_array_ref (data->items), (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
list_end_if_cancelled (GTask *task)
{
  ListData *data = g_task_get_task_data (task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return FALSE;

  data->finished = TRUE;
  g_hash_table_remove_all (data->ready);
  g_queue_clear_full (&data->to_parse, (GDestroyNotify) parse_job_free);
  g_task_return_error_if_cancelled (task);
  return TRUE;
}

static void list_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
list_fetch_page (GTask *task)
{
  SkClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  g_autofree char *limit = NULL;
  guint n = data->page_size;

  if (data->max_items > 0)
    n = MIN (n, data->max_items - data->n_items_known);

  limit = g_strdup_printf ("%u", MAX (n, 1));
  append_query (query, "limit", limit);
  if (!KIND_IS_JSON (data->kind))
    append_query (query, "order", sk_order_to_string (data->order));
  append_query (query, "after", data->cursor);
  if (data->kind != LIST_FILES && !KIND_IS_JSON (data->kind))
    append_query (query, "before", data->before);
  if (data->kind == LIST_FILES)
    append_query (query, "purpose", data->purpose);
  if (data->kind == LIST_VECTOR_STORE_FILES)
    append_query (query, "filter", data->filter);

  if (data->cursor != NULL)
    g_hash_table_add (data->cursors_sent, g_strdup (data->cursor));

  data->next = NEXT_UNKNOWN;
  data->fetching = TRUE;
  data->n_requested++;
  sk_request_get_bytes_async (G_OBJECT (self), sk_client_get_request_context (self),
                              data->path, query->str, g_task_get_cancellable (task),
                              list_page_cb, g_object_ref (task));
}

/* Sends the next request when its cursor is known, and not too many pages
 * wait to be delivered */
static void
list_maybe_fetch (GTask *task)
{
  ListData *data = g_task_get_task_data (task);

  if (data->finished || data->fetching || data->next != NEXT_KNOWN ||
      data->n_requested - data->n_pages >= MAX_PAGES_AHEAD)
    return;

  list_fetch_page (task);
}

/* The page arrived: its scan gives the next request's cursor at once,
 * before the parse, which the delivery then checks */
static void
list_scan_page (ListData *data,
                ParseJob *job)
{
  gsize size = 0;
  const char *bytes = g_bytes_get_data (job->body, &size);
  guint n;

  job->scanned = bytes != NULL &&
                 sk_json_scan_list_page (bytes, size, &job->scan_n_items, &job->scan_last_id,
                                         &job->scan_has_more);
  if (!job->scanned)
    return;

  n = job->scan_n_items;
  if (job->max_items > 0)
    n = MIN (n, job->max_items);
  data->n_items_known += n;

  if (!list_continues (data, job->scan_has_more, n, data->n_items_known))
    data->next = NEXT_NONE;
  else if (job->scan_last_id == NULL)
    return;
  else if (g_hash_table_contains (data->cursors_sent, job->scan_last_id))
    {
      job->repeated = TRUE;
      data->next = NEXT_NONE;
    }
  else
    {
      g_free (data->cursor);
      data->cursor = g_strdup (job->scan_last_id);
      data->next = NEXT_KNOWN;
    }
}

/* Hands the page, next in order, to the caller */
static void
list_deliver (GTask    *task,
              ParseJob *job)
{
  ListData *data = g_task_get_task_data (task);
  GPtrArray *page = job->items;
  const char *last_id;
  gboolean continues;

  if (job->error != NULL)
    {
      list_end (task, g_steal_pointer (&job->error));
      return;
    }

  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (data->items, KIND_IS_JSON (data->kind) ? json_node_ref (page->pdata[i])
                                                            : g_object_ref (page->pdata[i]));
  data->n_pages++;

  continues = list_continues (data, job->has_more, page->len, data->items->len);
  last_id = continues ? item_id (data->kind, page->pdata[page->len - 1]) : NULL;

  /* the scan decided the next request: it must read what the parse read */
  if (job->scanned &&
      (job->scan_n_items != job->n_items || job->scan_has_more != job->has_more ||
       (continues && job->scan_last_id != NULL && g_strcmp0 (job->scan_last_id, last_id) != 0)))
    {
      list_end (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                           _("The server sent a list page that reads two ways")));
      return;
    }

  if (data->page_func != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->page_func (page, data->page_data);

  if (list_end_if_cancelled (task))
    return;

  if (!continues)
    {
      list_end (task, NULL);
      return;
    }

  if (!job->repeated && (!job->scanned || job->scan_last_id == NULL))
    {
      /* the scan could not tell the cursor: the parse does */
      job->repeated = g_hash_table_contains (data->cursors_sent, last_id);
      g_free (data->cursor);
      data->cursor = g_strdup (last_id);
      data->n_items_known = data->items->len;
      data->next = job->repeated ? NEXT_NONE : NEXT_KNOWN;
    }

  if (job->repeated)
    {
      list_end (task, sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL,
                                           _("The server returned the same page twice")));
      return;
    }

  list_maybe_fetch (task);
}

/* @job (taken) is parsed or failed: delivers it and the pages after it
 * that were waiting for it */
static void
list_job_ready (GTask    *task,
                ParseJob *job)
{
  ListData *data = g_task_get_task_data (task);
  gpointer value;

  g_hash_table_insert (data->ready, GUINT_TO_POINTER (job->number), job);
  while (!data->finished &&
         g_hash_table_steal_extended (data->ready, GUINT_TO_POINTER (data->n_pages), NULL, &value))
    {
      list_deliver (task, value);
      parse_job_free (value);
    }
}

static void page_parsed_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

/* Starts the parse of the pages waiting, as far as parsers are free */
static void
list_maybe_parse (GTask *task)
{
  ListData *data = g_task_get_task_data (task);

  while (!data->finished && data->n_parsing < MAX_PARSING && !g_queue_is_empty (&data->to_parse))
    {
      g_autoptr (GTask) parse_task = NULL;

      /* the job is freed by page_parsed_cb, or after its delivery */
      parse_task = g_task_new (NULL, g_task_get_cancellable (task), page_parsed_cb,
                               g_object_ref (task));
      g_task_set_source_tag (parse_task, parse_page_thread);
      g_task_set_task_data (parse_task, g_queue_pop_head (&data->to_parse), NULL);
      data->n_parsing++;
      g_task_run_in_thread (parse_task, parse_page_thread);
    }
}

static void
page_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  ParseJob *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &job->error);
  data->n_parsing--;

  if (data->finished || list_end_if_cancelled (task))
    {
      parse_job_free (job);
      return;
    }

  list_job_ready (task, job);
  list_maybe_parse (task);
}

/* The page's body arrived: scanned for the next cursor (sending the next
 * request at once), then parsed and turned into items in a worker, so that
 * a large page never holds the main loop, and several parse at once */
static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  ParseJob *job;

  body = sk_request_get_bytes_finish (result, &error);
  if (data->finished || list_end_if_cancelled (task))
    return;

  data->fetching = FALSE;
  job = g_new0 (ParseJob, 1);
  job->kind = data->kind;
  job->number = data->n_requested - 1;
  if (body == NULL)
    {
      job->error = g_steal_pointer (&error);
      list_job_ready (task, job);
      return;
    }

  job->body = g_steal_pointer (&body);
  if (data->max_items > 0)
    job->max_items = data->max_items - data->n_items_known;
  list_scan_page (data, job);
  g_queue_push_tail (&data->to_parse, job);

  list_maybe_parse (task);
  list_maybe_fetch (task);
}

static void
list_start (SkClient            *self,
            ListKind             kind,
            char                *path,
            const SkListOptions *options,
            SkPageFunc           page_func,
            gpointer             page_data,
            GDestroyNotify       page_data_destroy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  ListData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  data = g_new0 (ListData, 1);
  data->kind = kind;
  data->path = path;
  data->page_func = page_func;
  data->page_data = page_data;
  data->page_data_destroy = page_data_destroy;
  data->page_size = (kind == LIST_FILES ? sk_client_get_files_page_size (self)
                                        : sk_client_get_page_size (self));
  data->items = g_ptr_array_new_with_free_func (item_free_func (kind));
  data->cursors_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->ready = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) parse_job_free);
  data->next = NEXT_KNOWN;
  if (options != NULL)
    {
      data->order = options->order;
      data->cursor = g_strdup (options->after);
      data->before = g_strdup (options->before);
      data->purpose = g_strdup (options->purpose);
      data->filter = g_strdup (options->filter);
      data->max_items = options->max_items;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  list_fetch_page (task);
}

/**
 * sk_client_list_files_async:
 * @options: (nullable): purpose, order, after and max_items are used;
 *   before and filter are ignored
 *
 * Lists files, every page with files-page-size items, calling @page_func
 * per page as it arrives.
 */
void
sk_client_list_files_async (SkClient            *self,
                            const SkListOptions *options,
                            SkPageFunc           page_func,
                            gpointer             page_data,
                            GDestroyNotify       page_data_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_FILES, g_strdup ("/files"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_files_async);
}

/**
 * sk_client_list_files_finish:
 *
 * Returns: (transfer container) (element-type SkFile): the files in
 *   server order, or NULL with @error set
 */
GPtrArray *
sk_client_list_files_finish (SkClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_list_files_async, error);
}

void
sk_client_list_vector_stores_async (SkClient            *self,
                                    const SkListOptions *options,
                                    SkPageFunc           page_func,
                                    gpointer             page_data,
                                    GDestroyNotify       page_data_destroy,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_VECTOR_STORES, g_strdup ("/vector_stores"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_vector_stores_async);
}

/**
 * sk_client_list_vector_stores_finish:
 *
 * Returns: (transfer container) (element-type SkVectorStore): the stores
 */
GPtrArray *
sk_client_list_vector_stores_finish (SkClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_list_vector_stores_async, error);
}

void
sk_client_list_vector_store_files_async (SkClient            *self,
                                         const char          *vector_store_id,
                                         const SkListOptions *options,
                                         SkPageFunc           page_func,
                                         gpointer             page_data,
                                         GDestroyNotify       page_data_destroy,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (vector_store_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!sk_id_is_valid (vector_store_id))
    {
      if (page_data_destroy != NULL)
        page_data_destroy (page_data);
      g_task_report_error (self, callback, user_data, sk_client_list_vector_store_files_async,
                           sk_client_invalid_id_error (vector_store_id));
      return;
    }

  list_start (self, LIST_VECTOR_STORE_FILES,
              g_strconcat ("/vector_stores/", vector_store_id, "/files", NULL), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_vector_store_files_async);
}

/**
 * sk_client_list_vector_store_files_finish:
 *
 * Returns: (transfer container) (element-type SkVectorStoreFile): the entries
 */
GPtrArray *
sk_client_list_vector_store_files_finish (SkClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_list_vector_store_files_async, error);
}

/**
 * sk_client_list_batches_async:
 * @options: (nullable): after and max_items are used; the rest is ignored
 *
 * Lists the batches, newest first, every page with page-size items (the
 * API allows 1 to 100), calling @page_func per page with the batch objects
 * (#JsonNode) as they arrive.
 */
void
sk_client_list_batches_async (SkClient            *self,
                              const SkListOptions *options,
                              SkPageFunc           page_func,
                              gpointer             page_data,
                              GDestroyNotify       page_data_destroy,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_BATCHES, g_strdup ("/batches"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_batches_async);
}

/**
 * sk_client_list_batches_finish:
 *
 * Returns: (transfer container) (element-type JsonNode): the batch objects,
 *   newest first, or NULL with @error set
 */
GPtrArray *
sk_client_list_batches_finish (SkClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_list_batches_async, error);
}

/**
 * sk_client_list_fine_tuning_jobs_async:
 * @options: (nullable): after and max_items are used; the rest is ignored
 *
 * Lists the fine-tuning jobs, newest first, every page with page-size
 * items, calling @page_func per page with the job objects (#JsonNode).
 */
void
sk_client_list_fine_tuning_jobs_async (SkClient            *self,
                                       const SkListOptions *options,
                                       SkPageFunc           page_func,
                                       gpointer             page_data,
                                       GDestroyNotify       page_data_destroy,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  list_start (self, LIST_FINE_TUNING_JOBS, g_strdup ("/fine_tuning/jobs"), options,
              page_func, page_data, page_data_destroy,
              cancellable, callback, user_data, sk_client_list_fine_tuning_jobs_async);
}

/**
 * sk_client_list_fine_tuning_jobs_finish:
 *
 * Returns: (transfer container) (element-type JsonNode): the job objects,
 *   newest first, or NULL with @error set
 */
GPtrArray *
sk_client_list_fine_tuning_jobs_finish (SkClient      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_list_fine_tuning_jobs_async, error);
}
