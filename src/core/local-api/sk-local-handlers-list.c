/* sk-local-handlers-list.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-handlers.h"

#include "sk-local-reply.h"
#include "sk-orphan-finder.h"

#include <string.h>

/* The lists: GET /files, /files/orphans, /vector_stores and
 * /vector_stores/{vector_store_id}/files. */

typedef const char *(*IdFunc) (gpointer object);

static void
fill_list_options (SkListOptions          *opts,
                   const SkLocalListQuery *query)
{
  memset (opts, 0, sizeof *opts);
  opts->order = query->order;
  opts->after = query->after;
  opts->before = query->before;
  opts->max_items = query->limit;
  opts->purpose = query->purpose;
  opts->filter = query->filter_status;
}

/* Checks the path's IDs and the query of @call, then starts its request;
 * NULL after answering 422. */
static SkLocalRequest *
start_list (SkLocalCall      *call,
            SkLocalListKind   kind,
            SkListOptions    *opts)
{
  g_autofree char *detail = NULL;
  SkLocalListQuery query = { 0 };
  SkLocalRequest *req;

  if (!sk_local_call_check_ids (call))
    return NULL;

  if (!sk_local_parse_list_query (kind, call->query, &query, &detail))
    {
      sk_local_reply_error (call->msg, 422, detail);
      return NULL;
    }

  req = sk_local_request_new (call, FALSE);
  req->query = query;
  fill_list_options (opts, &req->query);
  return req;
}

static JsonNode *
ids_of_objects (GPtrArray *objects,
                guint      max,
                IdFunc     get_id)
{
  g_autoptr (JsonArray) array = json_array_sized_new (objects->len);
  JsonNode *node;

  for (guint i = 0; i < objects->len && (max == 0 || i < max); i++)
    json_array_add_string_element (array, get_id (g_ptr_array_index (objects, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/* Answers with the IDs of @objects (the first @max; 0: all), or with
 * @error when @objects is NULL. */
static void
reply_ids (SkLocalRequest *req,
           GPtrArray      *objects,
           const GError   *error,
           guint           max,
           IdFunc          get_id)
{
  g_autoptr (JsonNode) node = NULL;

  if (objects == NULL)
    {
      sk_local_request_fail (req, error);
      return;
    }

  node = ids_of_objects (objects, max, get_id);
  sk_local_request_reply (req, 200, node);
}

/* @member: the ID of @file, or null when there is no @file */
static void
add_id_member (JsonBuilder       *builder,
               const char        *member,
               SkVectorStoreFile *file)
{
  json_builder_set_member_name (builder, member);
  if (file != NULL)
    json_builder_add_string_value (builder, sk_vector_store_file_get_id (file));
  else
    json_builder_add_null_value (builder);
}

static void
list_files_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  files = sk_client_list_files_finish (SK_CLIENT (source), result, &error);
  reply_ids (req, files, error, req->query.limit, (IdFunc) sk_file_get_id);
}

static void
list_stores_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GError) error = NULL;

  stores = sk_client_list_vector_stores_finish (SK_CLIENT (source), result, &error);
  reply_ids (req, stores, error, req->query.limit, (IdFunc) sk_vector_store_get_id);
}

static void
list_store_files_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;
  gboolean has_more;
  guint n;

  files = sk_client_list_vector_store_files_finish (SK_CLIENT (source), result, &error);
  if (files == NULL)
    {
      sk_local_request_fail (req, error);
      return;
    }

  /* One more than the caller's limit was asked for: when it came, the
   * limit cut the list and there is more after last_id. */
  n = files->len;
  has_more = req->query.limit != 0 && n > req->query.limit;
  if (has_more)
    n = req->query.limit;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "list");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      /* OpenAI's object as it came, every member included */
      JsonObject *object = sk_vector_store_file_get_json (g_ptr_array_index (files, i));
      JsonNode *item = json_node_alloc ();

      json_node_init_object (item, object);
      json_builder_add_value (builder, item);
    }
  json_builder_end_array (builder);
  add_id_member (builder, "first_id", n > 0 ? g_ptr_array_index (files, 0) : NULL);
  add_id_member (builder, "last_id", n > 0 ? g_ptr_array_index (files, n - 1) : NULL);
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, has_more);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  sk_local_request_reply (req, 200, node);
}

static void
orphans_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  SkOrphanFinder *finder = SK_ORPHAN_FINDER (source);
  g_autoptr (GError) error = NULL;
  GPtrArray *orphans = NULL;

  if (sk_orphan_finder_run_finish (finder, result, &error))
    orphans = sk_orphan_finder_get_orphans (finder);
  reply_ids (req, orphans, error, 0, (IdFunc) sk_file_get_id);
}

/* GET /files */
void
sk_local_handle_list_files (SkLocalCall *call)
{
  SkListOptions opts;
  SkLocalRequest *req = start_list (call, SK_LOCAL_LIST_FILES, &opts);

  if (req == NULL)
    return;

  sk_client_list_files_async (req->client, &opts, NULL, NULL, NULL, req->cancellable,
                              list_files_cb, req);
}

/* GET /files/orphans */
void
sk_local_handle_list_orphans (SkLocalCall *call)
{
  static const char * const purposes[] = { "assistants", NULL };
  SkLocalRequest *req;
  SkOrphanFinder *finder;

  if (!sk_local_call_check_ids (call))
    return;

  req = sk_local_request_new (call, FALSE);
  finder = sk_orphan_finder_new (req->client);
  req->job = G_OBJECT (finder);
  sk_orphan_finder_set_purposes (finder, purposes);
  sk_orphan_finder_set_max_in_flight (finder, call->hub->max_in_flight);
  sk_orphan_finder_run_async (finder, req->cancellable, orphans_cb, req);
}

/* GET /vector_stores */
void
sk_local_handle_list_stores (SkLocalCall *call)
{
  SkListOptions opts;
  SkLocalRequest *req = start_list (call, SK_LOCAL_LIST_STORES, &opts);

  if (req == NULL)
    return;

  sk_client_list_vector_stores_async (req->client, &opts, NULL, NULL, NULL,
                                      req->cancellable, list_stores_cb, req);
}

/* GET /vector_stores/{vector_store_id}/files */
void
sk_local_handle_list_store_files (SkLocalCall *call)
{
  SkListOptions opts;
  SkLocalRequest *req = start_list (call, SK_LOCAL_LIST_STORE_FILES, &opts);

  if (req == NULL)
    return;

  /* one more than the limit, to tell whether the limit cut the list */
  if (opts.max_items != 0)
    opts.max_items++;
  sk_client_list_vector_store_files_async (req->client, req->vector_store_id, &opts,
                                           NULL, NULL, NULL, req->cancellable,
                                           list_store_files_cb, req);
}
