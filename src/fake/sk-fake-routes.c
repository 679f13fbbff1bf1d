/* sk-fake-routes.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-routes.h"

#include "sk-fake-admin.h"

#include <string.h>

/* The query parameters of a list request. */
typedef struct
{
  SkFakePageQuery page;
  const char     *purpose;
  int             filter;     /* -1: none */
} ListParams;

/* What a list route accepts. */
typedef struct
{
  guint    max_limit;
  guint    default_limit;
  gboolean with_before;
  gboolean with_purpose;
  gboolean with_filter;
  gboolean without_order;
} ListSpec;

static const ListSpec files_list = { 10000, 10000, FALSE, TRUE, FALSE };
static const ListSpec vector_stores_list = { 100, 20, TRUE, FALSE, FALSE };
static const ListSpec vector_store_files_list = { 100, 20, TRUE, FALSE, TRUE };
/* batches and fine-tuning jobs: newest first, no order parameter */
static const ListSpec jobs_list = { 100, 20, FALSE, FALSE, FALSE, TRUE };

/* The file and vector store of a vector store file list. */
typedef struct
{
  const char *vector_store_id;
  int         filter;
} StoreFilesCtx;

static const char *
lookup (GHashTable *query,
        const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

/* FALSE and fills @answer when a parameter is invalid. */
static gboolean
parse_list_params (GHashTable     *query,
                   const ListSpec *spec,
                   ListParams     *params,
                   SkFakeAnswer   *answer)
{
  const char *limit = lookup (query, "limit");
  const char *order = spec->without_order ? NULL : lookup (query, "order");
  const char *filter = spec->with_filter ? lookup (query, "filter") : NULL;

  params->page.limit = spec->default_limit;
  params->page.asc = FALSE;
  params->page.after = lookup (query, "after");
  params->page.before = spec->with_before ? lookup (query, "before") : NULL;
  params->purpose = spec->with_purpose ? lookup (query, "purpose") : NULL;
  params->filter = -1;

  if (limit != NULL)
    {
      gint64 v = 0;
      char *end = NULL;

      v = g_ascii_strtoll (limit, &end, 10);
      if (*limit == '\0' || end == NULL || *end != '\0')
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': expected an integer, but got '%s' instead.", limit);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "limit", "invalid_type");
          return FALSE;
        }
      if (v < 1)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': integer below minimum value. Expected a value >= 1, "
                             "but got %" G_GINT64_FORMAT " instead.", v);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "limit",
                                "integer_below_min_value");
          return FALSE;
        }
      if (v > spec->max_limit)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': integer above maximum value. Expected a value <= %u, "
                             "but got %" G_GINT64_FORMAT " instead.", spec->max_limit, v);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "limit",
                                "integer_above_max_value");
          return FALSE;
        }
      params->page.limit = v;
    }

  if (order != NULL)
    {
      if (g_str_equal (order, "asc"))
        params->page.asc = TRUE;
      else if (!g_str_equal (order, "desc"))
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid value: '%s'. Supported values are: 'asc' and 'desc'.", order);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "order", "invalid_value");
          return FALSE;
        }
    }

  if (filter != NULL)
    {
      params->filter = sk_fake_file_status_index (filter);
      if (params->filter < 0)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid value: '%s'. Supported values are: 'in_progress', "
                             "'completed', 'failed', and 'cancelled'.", filter);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "filter", "invalid_value");
          return FALSE;
        }
    }

  return TRUE;
}

/* Answers a list page of @idx, or a 400 for an unknown cursor. */
static void
answer_list (SkFakeAnswer       *answer,
             SkFakeIndex        *idx,
             ListParams         *params,
             SkFakeMatchFunc     match,
             SkFakeJsonItemFunc  func,
             gpointer            data,
             gboolean            has_more_first,
             gboolean            stuck)
{
  g_autoptr (GPtrArray) page = NULL;
  const char *bad_cursor = NULL;
  gboolean has_more = FALSE;

  page = sk_fake_index_page (idx, &params->page, match, data, stuck, &has_more, &bad_cursor);
  if (page == NULL)
    {
      const char *id = g_str_equal (bad_cursor, "after") ? params->page.after : params->page.before;
      g_autofree char *m =
        g_strdup_printf ("Invalid '%s': no object found with id '%s'.", bad_cursor, id);

      sk_fake_answer_error (answer, 400, m, "invalid_request_error", bad_cursor, NULL);
      return;
    }

  /* func NULL: a files page, written from each file's kept text */
  if (func == NULL)
    sk_fake_answer_take_file_list (answer, page, has_more);
  else
    sk_fake_answer_take_object (answer, 200,
                                sk_fake_json_list (page, func, data, has_more, has_more_first));
}

static gboolean
match_purpose (SkFakeItem *item,
               gpointer    data)
{
  return g_strcmp0 (((SkFakeFile *) item)->purpose, data) == 0;
}

static gboolean
match_store_filter (SkFakeItem *item,
                    gpointer    data)
{
  StoreFilesCtx *ctx = data;

  return (int) ((SkFakeVectorStoreFile *) item)->status_index == ctx->filter;
}

static JsonObject *
store_json_cb (SkFakeItem *item,
               gpointer    data)
{
  return sk_fake_json_vector_store ((SkFakeVectorStore *) item);
}

static JsonObject *
store_file_json_cb (SkFakeItem *item,
                    gpointer    data)
{
  StoreFilesCtx *ctx = data;

  return sk_fake_json_vector_store_file ((SkFakeVectorStoreFile *) item, ctx->vector_store_id);
}

/* GET /v1/files, GET and DELETE /v1/files/{id}: @parts is "files" [id] */
static void
route_files (SkFakeStore              *store,
             const char               *method,
             char                    **parts,
             guint                     n_parts,
             const SkFakeRouteOptions *options,
             SkFakeAnswer             *answer)
{
  SkFakeFile *file;

  if (n_parts == 1)
    {
      ListParams params;

      if (!g_str_equal (method, "GET"))
        return;
      if (!parse_list_params (options->query, &files_list, &params, answer))
        return;
      answer_list (answer, sk_fake_store_get_files (store), &params,
                   params.purpose ? match_purpose : NULL, NULL,
                   (gpointer) params.purpose, TRUE, options->stuck);
      return;
    }

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
    return;

  file = sk_fake_store_lookup_file (store, parts[1]);
  if (file == NULL)
    {
      /* the real 404 also carries a top-level "detail" object */
      g_autofree char *m = g_strdup_printf ("No such File object: %s", parts[1]);

      sk_fake_answer_take_object (answer, 404,
                                  sk_fake_json_error (m, "invalid_request_error", "id", NULL, TRUE));
      return;
    }

  if (g_str_equal (method, "GET"))
    sk_fake_answer_take_object (answer, 200, sk_fake_json_file (file));
  else
    {
      sk_fake_answer_take_object (answer, 200, sk_fake_json_file_deleted (file->item.id));
      sk_fake_store_delete_file (store, file, !options->stale_counts);
    }
}

/* The "file_id" string member of a JSON object body, or NULL. */
static const char *
read_file_id (JsonParser *parser,
              GBytes     *body)
{
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;

  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  node = json_object_get_member (object, "file_id");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* POST /v1/vector_stores/{id}/files */
static void
route_attach (SkFakeStore       *store,
              SkFakeVectorStore *vs,
              GBytes            *body,
              SkFakeAnswer      *answer)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *file_id = read_file_id (parser, body);
  SkFakeVectorStoreFile *sf;
  SkFakeFile *file;

  if (file_id == NULL)
    {
      sk_fake_answer_error (answer, 400, "Missing required parameter: 'file_id'.",
                            "invalid_request_error", "file_id", "missing_required_parameter");
      return;
    }

  file = sk_fake_store_lookup_file (store, file_id);
  if (file == NULL)
    {
      g_autofree char *m = g_strdup_printf ("No file found with id '%s'.", file_id);

      sk_fake_answer_error (answer, 404, m, "invalid_request_error", "file_id", NULL);
      return;
    }

  sf = sk_fake_store_attach (store, vs, file, SK_FAKE_COUNT_COMPLETED, 0, NULL);
  vs->last_active_at = MAX (vs->last_active_at, sf->item.created_at);

  sk_fake_answer_take_object (answer, 200, sk_fake_json_vector_store_file (sf, vs->item.id));
}

/* POST /v1/vector_stores/{id}: "expires_after" (an object or null) and
 * "name"; other members are refused, as the spec has no others but
 * "metadata", which the fake does not keep. */
static void
route_update_store (SkFakeVectorStore *vs,
                    GBytes            *body,
                    SkFakeAnswer      *answer)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;
  JsonNode *expires;
  JsonNode *name;

  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      sk_fake_answer_error (answer, 400, "We could not parse the JSON body of your request.",
                            "invalid_request_error", NULL, NULL);
      return;
    }

  object = json_node_get_object (root);
  expires = json_object_get_member (object, "expires_after");
  name = json_object_get_member (object, "name");
  if (expires != NULL && !JSON_NODE_HOLDS_NULL (expires))
    {
      JsonObject *policy = JSON_NODE_HOLDS_OBJECT (expires) ? json_node_get_object (expires) : NULL;
      JsonNode *anchor = policy ? json_object_get_member (policy, "anchor") : NULL;
      JsonNode *days = policy ? json_object_get_member (policy, "days") : NULL;
      gint64 n;

      if (anchor == NULL || !JSON_NODE_HOLDS_VALUE (anchor) ||
          json_node_get_value_type (anchor) != G_TYPE_STRING ||
          !g_str_equal (json_node_get_string (anchor), "last_active_at"))
        {
          sk_fake_answer_error (answer, 400, "Invalid value for 'expires_after.anchor': expected 'last_active_at'.",
                                "invalid_request_error", "expires_after.anchor", "invalid_value");
          return;
        }
      if (days == NULL || !JSON_NODE_HOLDS_VALUE (days) || json_node_get_value_type (days) != G_TYPE_INT64)
        {
          sk_fake_answer_error (answer, 400, "Invalid type for 'expires_after.days': expected an integer.",
                                "invalid_request_error", "expires_after.days", "invalid_type");
          return;
        }
      n = json_node_get_int (days);
      if (n < 1 || n > 365)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'expires_after.days': expected a value between 1 and 365, "
                             "but got %" G_GINT64_FORMAT " instead.", n);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "expires_after.days",
                                "invalid_value");
          return;
        }
      vs->expires_days = (guint) n;
      /* A policy whose days have already passed since the last activity
       * expires the store at once, as the service does; it stays expired. */
      if (sk_fake_vector_store_expires_at (vs) <= g_get_real_time () / G_USEC_PER_SEC)
        vs->status = "expired";
    }
  else if (expires != NULL)
    vs->expires_days = 0;

  if (name != NULL && JSON_NODE_HOLDS_NULL (name))
    g_clear_pointer (&vs->name, g_free);
  else if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
    {
      g_free (vs->name);
      vs->name = g_strdup (json_node_get_string (name));
    }

  sk_fake_answer_take_object (answer, 200, sk_fake_json_vector_store (vs));
}

/* GET and DELETE /v1/vector_stores/{id}/files/{file_id} */
static void
route_vector_store_file (SkFakeStore       *store,
                         SkFakeVectorStore *vs,
                         const char        *method,
                         const char        *file_id,
                         SkFakeAnswer      *answer)
{
  SkFakeVectorStoreFile *sf = sk_fake_index_lookup (vs->files, file_id);

  if (sf == NULL)
    {
      g_autofree char *m = g_strdup_printf ("No file found with id '%s' in vector store '%s'.",
                                            file_id, vs->item.id);

      sk_fake_answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
      return;
    }

  if (g_str_equal (method, "GET"))
    sk_fake_answer_take_object (answer, 200, sk_fake_json_vector_store_file (sf, vs->item.id));
  else
    {
      sk_fake_answer_take_object (answer, 200,
                                  sk_fake_json_deleted (sf->item.id, "vector_store.file.deleted"));
      sk_fake_store_detach (store, vs, file_id, TRUE);
    }
}

/* @parts: "vector_stores" [id ["files" [file_id]]] */
static void
route_vector_stores (SkFakeStore              *store,
                     const char               *method,
                     char                    **parts,
                     guint                     n_parts,
                     const SkFakeRouteOptions *options,
                     SkFakeAnswer             *answer)
{
  SkFakeVectorStore *vs;

  if (n_parts == 1)
    {
      ListParams params;

      if (!g_str_equal (method, "GET"))
        return;
      if (!parse_list_params (options->query, &vector_stores_list, &params, answer))
        return;
      answer_list (answer, sk_fake_store_get_vector_stores (store), &params, NULL,
                   store_json_cb, NULL, FALSE, options->stuck);
      return;
    }

  /* method check before the existence check, as a router would */
  if (n_parts == 2 && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE") &&
      !g_str_equal (method, "POST"))
    return;
  if (n_parts == 3 && !g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    return;
  if (n_parts == 4 && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
    return;

  vs = sk_fake_store_lookup_vector_store (store, parts[1]);
  if (vs == NULL)
    {
      g_autofree char *m = g_strdup_printf ("No vector store found with id '%s'.", parts[1]);

      sk_fake_answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
      return;
    }

  if (n_parts == 2)
    {
      if (g_str_equal (method, "GET"))
        sk_fake_answer_take_object (answer, 200, sk_fake_json_vector_store (vs));
      else if (g_str_equal (method, "POST"))
        route_update_store (vs, options->body, answer);
      else
        {
          sk_fake_answer_take_object (answer, 200,
                                      sk_fake_json_deleted (vs->item.id, "vector_store.deleted"));
          sk_fake_store_delete_vector_store (store, vs);
        }
    }
  else if (n_parts == 3 && g_str_equal (method, "POST"))
    route_attach (store, vs, options->body, answer);
  else if (n_parts == 3)
    {
      ListParams params;
      StoreFilesCtx ctx;

      if (!parse_list_params (options->query, &vector_store_files_list, &params, answer))
        return;
      ctx.vector_store_id = vs->item.id;
      ctx.filter = params.filter;
      answer_list (answer, vs->files, &params,
                   params.filter >= 0 ? match_store_filter : NULL,
                   store_file_json_cb, &ctx, FALSE, options->stuck);
    }
  else
    route_vector_store_file (store, vs, method, parts[3], answer);
}

static JsonObject *
batch_json_cb (SkFakeItem *item,
               gpointer    data)
{
  return sk_fake_json_batch ((SkFakeBatch *) item);
}

static JsonObject *
job_json_cb (SkFakeItem *item,
             gpointer    data)
{
  return sk_fake_json_fine_tuning_job ((SkFakeFineTuningJob *) item);
}

/* GET /v1/batches and GET /v1/fine_tuning/jobs */
static void
route_jobs (SkFakeStore              *store,
            const char               *method,
            gboolean                  batches,
            const SkFakeRouteOptions *options,
            SkFakeAnswer             *answer)
{
  SkFakeJobs *jobs = sk_fake_store_get_jobs (store);
  ListParams params;

  if (!g_str_equal (method, "GET"))
    return;
  if (!parse_list_params (options->query, &jobs_list, &params, answer))
    return;
  if (batches)
    answer_list (answer, sk_fake_jobs_get_batches (jobs), &params, NULL,
                 batch_json_cb, NULL, FALSE, options->stuck);
  else
    answer_list (answer, sk_fake_jobs_get_fine_tuning_jobs (jobs), &params, NULL,
                 job_json_cb, NULL, FALSE, options->stuck);
}

/* The key as error messages may show it: a few characters at each end. */
static char *
mask_key (const char *key)
{
  gsize len = strlen (key);
  GString *s = g_string_new (NULL);
  gsize head = len >= 16 ? 4 : len >= 12 ? 3 : 0;
  gsize tail = len >= 12 ? 4 : 0;

  for (gsize i = 0; i < head; i++)
    g_string_append_c (s, g_ascii_isgraph (key[i]) ? key[i] : '*');
  g_string_append (s, "****");
  for (gsize i = len - tail; i < len; i++)
    g_string_append_c (s, g_ascii_isgraph (key[i]) ? key[i] : '*');
  return g_string_free (s, FALSE);
}

/**
 * sk_fake_check_auth:
 * @authorization: (nullable): the Authorization header
 * @api_key: (nullable): the key expected; %NULL accepts any non-empty key
 * @answer: (out): the 401 when the check fails
 *
 * Returns: %TRUE when the bearer key is accepted
 */
gboolean
sk_fake_check_auth (const char   *authorization,
                    const char   *api_key,
                    SkFakeAnswer *answer)
{
  const char *key = NULL;

  g_return_val_if_fail (answer != NULL, FALSE);

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    {
      key = authorization + 7;
      while (*key == ' ')
        key++;
    }

  if (key == NULL || *key == '\0')
    {
      sk_fake_answer_error (answer, 401, "Missing bearer or basic authentication in header",
                            "invalid_request_error", NULL, NULL);
      return FALSE;
    }

  if (api_key != NULL && !g_str_equal (key, api_key))
    {
      g_autofree char *masked = mask_key (key);
      g_autofree char *m =
        g_strdup_printf ("Incorrect API key provided: %s. You can find your API key at "
                         "https://platform.openai.com/account/api-keys.", masked);

      sk_fake_answer_error (answer, 401, m, "invalid_request_error", NULL, "invalid_api_key");
      return FALSE;
    }

  return TRUE;
}

/**
 * sk_fake_route:
 * @store: the account data
 * @method: the HTTP method
 * @path: the request path, without the query
 * @options: query, body and behaviour switches
 * @answer: (out): the answer
 *
 * Answers one authenticated request: a list, an object, a deletion or an
 * attachment, or the 400/404/405 the real API sends.
 */
void
sk_fake_route (SkFakeStore              *store,
               const char               *method,
               const char               *path,
               const SkFakeRouteOptions *options,
               SkFakeAnswer             *answer)
{
  g_auto (GStrv) parts = NULL;
  gboolean known_path = FALSE;
  guint n_parts = 0;

  g_return_if_fail (store != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (answer != NULL);

  if (g_str_has_prefix (path, "/v1/"))
    {
      parts = g_strsplit (path + 4, "/", 0);
      n_parts = g_strv_length (parts);

      /* a trailing slash or an empty segment is not a route */
      for (guint i = 0; i < n_parts; i++)
        if (parts[i][0] == '\0')
          n_parts = 0;

      if (n_parts >= 1 && n_parts <= 2 && g_str_equal (parts[0], "files"))
        {
          known_path = TRUE;
          route_files (store, method, parts, n_parts, options, answer);
        }
      else if (n_parts >= 1 && n_parts <= 4 && g_str_equal (parts[0], "vector_stores") &&
               (n_parts < 3 || g_str_equal (parts[2], "files")))
        {
          known_path = TRUE;
          route_vector_stores (store, method, parts, n_parts, options, answer);
        }
      else if (n_parts == 1 && g_str_equal (parts[0], "batches"))
        {
          known_path = TRUE;
          route_jobs (store, method, TRUE, options, answer);
        }
      else if (n_parts == 2 && g_str_equal (parts[0], "fine_tuning") &&
               g_str_equal (parts[1], "jobs"))
        {
          known_path = TRUE;
          route_jobs (store, method, FALSE, options, answer);
        }
      else if (sk_fake_admin_is_report (path))
        {
          known_path = TRUE;
          sk_fake_admin_route (store, method, path + strlen ("/v1/organization/"), options->query,
                               options->seed, g_get_real_time () / G_USEC_PER_SEC, answer);
        }
    }

  if (answer->body == NULL)
    {
      g_autofree char *m = NULL;

      if (known_path)
        {
          m = g_strdup_printf ("Invalid method for URL (%s %s)", method, path);
          sk_fake_answer_error (answer, 405, m, "invalid_request_error", NULL, NULL);
        }
      else
        {
          m = g_strdup_printf ("Invalid URL (%s %s)", method, path);
          sk_fake_answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
        }
    }
}
