/* sk-fake-json.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-json.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* 0 is written null */
static void
add_int_or_null (JsonBuilder *builder,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value != 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_null (JsonBuilder *builder,
          const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_null_value (builder);
}

static void
add_empty_object (JsonBuilder *builder,
                  const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
}

void
sk_fake_json_add_file (JsonBuilder *builder,
                       SkFakeFile  *file)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (file != NULL);

  json_builder_begin_object (builder);
  add_string (builder, "object", "file");
  add_string (builder, "id", file->item.id);
  add_string (builder, "purpose", file->purpose);
  add_string (builder, "filename", file->filename);
  add_int (builder, "bytes", file->bytes);
  add_int (builder, "created_at", file->item.created_at);
  add_int_or_null (builder, "expires_at", file->expires_at);
  add_string (builder, "status", "processed");
  add_null (builder, "status_details");
  json_builder_end_object (builder);
}

void
sk_fake_json_add_file_deleted (JsonBuilder *builder,
                               const char  *id)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_string (builder, "object", "file");
  add_boolean (builder, "deleted", TRUE);
  add_string (builder, "id", id);
  json_builder_end_object (builder);
}

void
sk_fake_json_add_vector_store (JsonBuilder       *builder,
                               SkFakeVectorStore *store)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (store != NULL);

  json_builder_begin_object (builder);
  add_string (builder, "id", store->item.id);
  add_string (builder, "object", "vector_store");
  add_int (builder, "created_at", store->item.created_at);
  add_string (builder, "name", store->name);
  add_null (builder, "description");
  add_int (builder, "usage_bytes", store->usage_bytes);

  json_builder_set_member_name (builder, "file_counts");
  json_builder_begin_object (builder);
  add_int (builder, "in_progress", store->counts[SK_FAKE_COUNT_IN_PROGRESS]);
  add_int (builder, "completed", store->counts[SK_FAKE_COUNT_COMPLETED]);
  add_int (builder, "failed", store->counts[SK_FAKE_COUNT_FAILED]);
  add_int (builder, "cancelled", store->counts[SK_FAKE_COUNT_CANCELLED]);
  add_int (builder, "total", store->total);
  json_builder_end_object (builder);

  add_string (builder, "status", store->status);
  if (store->expires_days > 0)
    {
      json_builder_set_member_name (builder, "expires_after");
      json_builder_begin_object (builder);
      add_string (builder, "anchor", "last_active_at");
      add_int (builder, "days", store->expires_days);
      json_builder_end_object (builder);
      add_int (builder, "expires_at", sk_fake_vector_store_expires_at (store));
    }
  else
    {
      add_null (builder, "expires_after");
      add_null (builder, "expires_at");
    }
  add_int_or_null (builder, "last_active_at", store->last_active_at);
  add_empty_object (builder, "metadata");
  json_builder_end_object (builder);
}

void
sk_fake_json_add_vector_store_file (JsonBuilder           *builder,
                                    SkFakeVectorStoreFile *sf,
                                    const char            *vector_store_id)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (sf != NULL);

  json_builder_begin_object (builder);
  add_string (builder, "id", sf->item.id);
  add_string (builder, "object", "vector_store.file");
  add_int (builder, "usage_bytes", sf->usage_bytes);
  add_int (builder, "created_at", sf->item.created_at);
  add_string (builder, "vector_store_id", vector_store_id);
  add_string (builder, "status", sf->status);

  json_builder_set_member_name (builder, "last_error");
  if (sf->error_code != NULL)
    {
      json_builder_begin_object (builder);
      add_string (builder, "code", sf->error_code);
      add_string (builder, "message", sf->error_message);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "chunking_strategy");
  json_builder_begin_object (builder);
  add_string (builder, "type", "static");
  json_builder_set_member_name (builder, "static");
  json_builder_begin_object (builder);
  add_int (builder, "max_chunk_size_tokens", 800);
  add_int (builder, "chunk_overlap_tokens", 400);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  add_empty_object (builder, "attributes");
  json_builder_end_object (builder);
}

/* The answer to deleting a vector store or a vector store file: @object is
 * "vector_store.deleted" or "vector_store.file.deleted". */
void
sk_fake_json_add_deleted (JsonBuilder *builder,
                          const char  *id,
                          const char  *object)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "object", object);
  add_boolean (builder, "deleted", TRUE);
  json_builder_end_object (builder);
}

/**
 * sk_fake_json_add_list:
 * @builder: the builder
 * @items: (element-type SkFakeItem): the page, in list order
 * @add: adds one item
 * @data: passed to @add
 * @has_more: whether items follow
 * @has_more_first: write has_more before first_id and last_id, as the
 *   files list does (the vector store lists write it last)
 *
 * A list page: object, data, first_id, last_id and has_more.
 */
void
sk_fake_json_add_list (JsonBuilder       *builder,
                       GPtrArray         *items,
                       SkFakeJsonAddFunc  add,
                       gpointer           data,
                       gboolean           has_more,
                       gboolean           has_more_first)
{
  SkFakeItem *first;
  SkFakeItem *last;

  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (items != NULL);
  g_return_if_fail (add != NULL);

  first = items->len > 0 ? g_ptr_array_index (items, 0) : NULL;
  last = items->len > 0 ? g_ptr_array_index (items, items->len - 1) : NULL;

  json_builder_begin_object (builder);
  add_string (builder, "object", "list");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add (builder, g_ptr_array_index (items, i), data);
  json_builder_end_array (builder);

  if (has_more_first)
    add_boolean (builder, "has_more", has_more);
  add_string (builder, "first_id", first ? first->id : NULL);
  add_string (builder, "last_id", last ? last->id : NULL);
  if (!has_more_first)
    add_boolean (builder, "has_more", has_more);
  json_builder_end_object (builder);
}

/* An OpenAI error body; @with_detail adds the top-level "detail" object
 * some 404 answers carry. */
void
sk_fake_json_add_error (JsonBuilder *builder,
                        const char  *message,
                        const char  *type,
                        const char  *param,
                        const char  *code,
                        gboolean     with_detail)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  add_string (builder, "message", message);
  add_string (builder, "type", type);
  add_string (builder, "param", param);
  add_string (builder, "code", code);
  json_builder_end_object (builder);
  if (with_detail)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_begin_object (builder);
      add_string (builder, "message", message);
      add_string (builder, "code", code);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

void
sk_fake_answer_clear (SkFakeAnswer *answer)
{
  g_return_if_fail (answer != NULL);

  g_clear_pointer (&answer->body, g_free);
  answer->length = 0;
}

/* Answers @status with the JSON @builder holds (a complete value). */
void
sk_fake_answer_set_json (SkFakeAnswer *answer,
                         guint         status,
                         JsonBuilder  *builder)
{
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_if_fail (answer != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  root = json_builder_get_root (builder);
  g_return_if_fail (root != NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  sk_fake_answer_clear (answer);
  answer->body = json_generator_to_data (generator, &answer->length);
  answer->status = status;
}

void
sk_fake_answer_error (SkFakeAnswer *answer,
                      guint         status,
                      const char   *message,
                      const char   *type,
                      const char   *param,
                      const char   *code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  g_return_if_fail (answer != NULL);

  sk_fake_json_add_error (builder, message, type, param, code, FALSE);
  sk_fake_answer_set_json (answer, status, builder);
}

/* The body the real API sends with @status when it fails that way. */
void
sk_fake_answer_status_error (SkFakeAnswer *answer,
                             guint         status)
{
  switch (status)
    {
    case 401:
      sk_fake_answer_error (answer, status, "Incorrect API key provided.",
                            "invalid_request_error", NULL, "invalid_api_key");
      break;
    case 403:
      sk_fake_answer_error (answer, status, "Country, region, or territory not supported",
                            "request_forbidden", NULL, "unsupported_country_region_territory");
      break;
    case 404:
      sk_fake_answer_error (answer, status, "Not found.", "invalid_request_error", NULL, NULL);
      break;
    case 429:
      sk_fake_answer_error (answer, status,
                            "Rate limit reached for requests. Please try again later.",
                            "requests", NULL, "rate_limit_exceeded");
      break;
    case 503:
      sk_fake_answer_error (answer, status,
                            "The engine is currently overloaded, please try again later",
                            "server_error", NULL, NULL);
      break;
    default:
      if (status >= 500)
        sk_fake_answer_error (answer, status,
                              "The server had an error while processing your request. Sorry about that!",
                              "server_error", NULL, NULL);
      else
        sk_fake_answer_error (answer, status, "The request could not be processed.",
                              "invalid_request_error", NULL, NULL);
    }
}

/* The 429 of an exhausted quota, which no retry cures. */
void
sk_fake_answer_quota_error (SkFakeAnswer *answer)
{
  sk_fake_answer_error (answer, 429,
                        "You exceeded your current quota, please check your plan and billing details.",
                        "insufficient_quota", NULL, "insufficient_quota");
}

/* Replaces the body with valid JSON of the wrong shape: an array. */
void
sk_fake_answer_wrong_shape (SkFakeAnswer *answer)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  g_return_if_fail (answer != NULL);

  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "not");
  json_builder_add_string_value (builder, "an");
  json_builder_add_string_value (builder, "object");
  json_builder_end_array (builder);
  sk_fake_answer_set_json (answer, answer->status, builder);
}
