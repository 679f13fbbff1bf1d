/* sk-fake-json.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-json.h"

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

/* 0 is written null */
static void
set_int_or_null (JsonObject *object,
                 const char *name,
                 gint64      value)
{
  if (value != 0)
    json_object_set_int_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
sk_fake_json_file (SkFakeFile *file)
{
  JsonObject *object;

  g_return_val_if_fail (file != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "object", "file");
  json_object_set_string_member (object, "id", file->item.id);
  set_string (object, "purpose", file->purpose);
  set_string (object, "filename", file->filename);
  json_object_set_int_member (object, "bytes", file->bytes);
  json_object_set_int_member (object, "created_at", file->item.created_at);
  set_int_or_null (object, "expires_at", file->expires_at);
  json_object_set_string_member (object, "status", "processed");
  json_object_set_null_member (object, "status_details");
  return object;
}

JsonObject *
sk_fake_json_file_deleted (const char *id)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "object", "file");
  json_object_set_boolean_member (object, "deleted", TRUE);
  set_string (object, "id", id);
  return object;
}

JsonObject *
sk_fake_json_vector_store (SkFakeVectorStore *store)
{
  JsonObject *object;
  JsonObject *counts;

  g_return_val_if_fail (store != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", store->item.id);
  json_object_set_string_member (object, "object", "vector_store");
  json_object_set_int_member (object, "created_at", store->item.created_at);
  set_string (object, "name", store->name);
  json_object_set_null_member (object, "description");
  json_object_set_int_member (object, "usage_bytes", store->usage_bytes);

  counts = json_object_new ();
  json_object_set_int_member (counts, "in_progress", store->counts[SK_FAKE_COUNT_IN_PROGRESS]);
  json_object_set_int_member (counts, "completed", store->counts[SK_FAKE_COUNT_COMPLETED]);
  json_object_set_int_member (counts, "failed", store->counts[SK_FAKE_COUNT_FAILED]);
  json_object_set_int_member (counts, "cancelled", store->counts[SK_FAKE_COUNT_CANCELLED]);
  json_object_set_int_member (counts, "total", store->total);
  json_object_set_object_member (object, "file_counts", counts);

  set_string (object, "status", store->status);
  if (store->expires_days > 0)
    {
      JsonObject *expires_after = json_object_new ();

      json_object_set_string_member (expires_after, "anchor", "last_active_at");
      json_object_set_int_member (expires_after, "days", store->expires_days);
      json_object_set_object_member (object, "expires_after", expires_after);
      json_object_set_int_member (object, "expires_at", sk_fake_vector_store_expires_at (store));
    }
  else
    {
      json_object_set_null_member (object, "expires_after");
      json_object_set_null_member (object, "expires_at");
    }
  set_int_or_null (object, "last_active_at", store->last_active_at);
  json_object_set_object_member (object, "metadata", json_object_new ());
  return object;
}

JsonObject *
sk_fake_json_vector_store_file (SkFakeVectorStoreFile *sf,
                                const char            *vector_store_id)
{
  JsonObject *object;
  JsonObject *chunking;
  JsonObject *chunking_static;

  g_return_val_if_fail (sf != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", sf->item.id);
  json_object_set_string_member (object, "object", "vector_store.file");
  json_object_set_int_member (object, "usage_bytes", sf->usage_bytes);
  json_object_set_int_member (object, "created_at", sf->item.created_at);
  set_string (object, "vector_store_id", vector_store_id);
  set_string (object, "status", sf->status);

  if (sf->error_code != NULL)
    {
      JsonObject *last_error = json_object_new ();

      json_object_set_string_member (last_error, "code", sf->error_code);
      set_string (last_error, "message", sf->error_message);
      json_object_set_object_member (object, "last_error", last_error);
    }
  else
    json_object_set_null_member (object, "last_error");

  chunking_static = json_object_new ();
  json_object_set_int_member (chunking_static, "max_chunk_size_tokens", 800);
  json_object_set_int_member (chunking_static, "chunk_overlap_tokens", 400);
  chunking = json_object_new ();
  json_object_set_string_member (chunking, "type", "static");
  json_object_set_object_member (chunking, "static", chunking_static);
  json_object_set_object_member (object, "chunking_strategy", chunking);

  json_object_set_object_member (object, "attributes", json_object_new ());
  return object;
}

/* The answer to deleting a vector store or a vector store file: @object is
 * "vector_store.deleted" or "vector_store.file.deleted". */
JsonObject *
sk_fake_json_deleted (const char *id,
                      const char *object_type)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", id);
  set_string (object, "object", object_type);
  json_object_set_boolean_member (object, "deleted", TRUE);
  return object;
}

/**
 * sk_fake_json_list:
 * @items: (element-type SkFakeItem): the page, in list order
 * @func: gives the object of one item
 * @data: passed to @func
 * @has_more: whether items follow
 * @has_more_first: write has_more before first_id and last_id, as the
 *   files list does (the vector store lists write it last)
 *
 * A list page: object, data, first_id, last_id and has_more.
 *
 * Returns: (transfer full): the page
 */
JsonObject *
sk_fake_json_list (GPtrArray          *items,
                   SkFakeJsonItemFunc  func,
                   gpointer            data,
                   gboolean            has_more,
                   gboolean            has_more_first)
{
  JsonObject *object;
  JsonArray *array;
  SkFakeItem *first;
  SkFakeItem *last;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  first = items->len > 0 ? g_ptr_array_index (items, 0) : NULL;
  last = items->len > 0 ? g_ptr_array_index (items, items->len - 1) : NULL;

  array = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (array, func (g_ptr_array_index (items, i), data));

  object = json_object_new ();
  json_object_set_string_member (object, "object", "list");
  json_object_set_array_member (object, "data", array);
  if (has_more_first)
    json_object_set_boolean_member (object, "has_more", has_more);
  set_string (object, "first_id", first ? first->id : NULL);
  set_string (object, "last_id", last ? last->id : NULL);
  if (!has_more_first)
    json_object_set_boolean_member (object, "has_more", has_more);
  return object;
}

/**
 * sk_fake_json_file_text:
 * @length: (out): the length of the text
 *
 * The text json-glib writes for sk_fake_json_file() (the same bytes,
 * written directly but for unusual strings), kept on the file the first time: a file never
 * changes once created, and long listings then cost a copy per file
 * instead of a tree.
 *
 * Returns: (transfer none): the text, not nul-terminated within @length
 */
/* @value as a JSON string the way json-glib's generator writes it, or
 * null: printable ASCII with no quote or backslash is written as it is,
 * anything else by json-glib itself (whose escaping of controls and
 * non-ASCII text has varied between versions) */
static void
append_escaped (GString    *out,
                const char *value)
{
  const char *p;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  for (p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p >= 0x7f || *p == '"' || *p == '\\')
      break;

  if (*p == '\0')
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, value, p - value);
      g_string_append_c (out, '"');
    }
  else
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), value);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_string_append (out, text);
    }
}

const char *
sk_fake_json_file_text (SkFakeFile *file,
                        gsize      *length)
{
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);

  if (file->json == NULL)
    {
      GString *out = g_string_sized_new (256);

      /* the members of sk_fake_json_file(), in its order */
      g_string_append (out, "{\"object\":\"file\",\"id\":");
      append_escaped (out, file->item.id);
      g_string_append (out, ",\"purpose\":");
      append_escaped (out, file->purpose);
      g_string_append (out, ",\"filename\":");
      append_escaped (out, file->filename);
      g_string_append_printf (out, ",\"bytes\":%" G_GINT64_FORMAT ",\"created_at\":%" G_GINT64_FORMAT
                              ",\"expires_at\":", file->bytes, file->item.created_at);
      if (file->expires_at != 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, file->expires_at);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"status\":\"processed\",\"status_details\":null}");
      file->json_length = out->len;
      file->json = g_string_free (out, FALSE);
    }
  *length = file->json_length;
  return file->json;
}

/**
 * sk_fake_answer_take_file_list:
 * @files: (element-type SkFakeFile): the page
 * @has_more: whether files follow
 *
 * Answers 200 with the files list page of @files: the same bytes as
 * sk_fake_json_list() with sk_fake_json_file() and has_more first, written
 * from each file's kept text.
 */
void
sk_fake_answer_take_file_list (SkFakeAnswer *answer,
                               GPtrArray    *files,
                               gboolean      has_more)
{
  GString *out;
  SkFakeFile *first;
  SkFakeFile *last;

  g_return_if_fail (answer != NULL);
  g_return_if_fail (files != NULL);

  first = files->len > 0 ? g_ptr_array_index (files, 0) : NULL;
  last = files->len > 0 ? g_ptr_array_index (files, files->len - 1) : NULL;

  out = g_string_sized_new (64 + (gsize) files->len * 256);
  g_string_append (out, "{\"object\":\"list\",\"data\":[");
  for (guint i = 0; i < files->len; i++)
    {
      gsize length;
      const char *text = sk_fake_json_file_text (g_ptr_array_index (files, i), &length);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_len (out, text, length);
    }
  g_string_append (out, has_more ? "],\"has_more\":true,\"first_id\":" : "],\"has_more\":false,\"first_id\":");
  append_escaped (out, first ? first->item.id : NULL);
  g_string_append (out, ",\"last_id\":");
  append_escaped (out, last ? last->item.id : NULL);
  g_string_append_c (out, '}');

  sk_fake_answer_clear (answer);
  answer->length = out->len;
  answer->body = g_string_free (out, FALSE);
  answer->status = 200;
}

/* An OpenAI error body; @with_detail adds the top-level "detail" object
 * some 404 answers carry. */
JsonObject *
sk_fake_json_error (const char *message,
                    const char *type,
                    const char *param,
                    const char *code,
                    gboolean    with_detail)
{
  JsonObject *object = json_object_new ();
  JsonObject *error = json_object_new ();

  set_string (error, "message", message);
  set_string (error, "type", type);
  set_string (error, "param", param);
  set_string (error, "code", code);
  json_object_set_object_member (object, "error", error);
  if (with_detail)
    {
      JsonObject *detail = json_object_new ();

      set_string (detail, "message", message);
      set_string (detail, "code", code);
      json_object_set_object_member (object, "detail", detail);
    }
  return object;
}

static void
answer_take_node (SkFakeAnswer *answer,
                  guint         status,
                  JsonNode     *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_node_unref (root);
  sk_fake_answer_clear (answer);
  answer->body = json_generator_to_data (generator, &answer->length);
  answer->status = status;
}

void
sk_fake_answer_clear (SkFakeAnswer *answer)
{
  g_return_if_fail (answer != NULL);

  g_clear_pointer (&answer->body, g_free);
  answer->length = 0;
}

/* Answers @status with the text of @object, which it takes. */
void
sk_fake_answer_take_object (SkFakeAnswer *answer,
                            guint         status,
                            JsonObject   *object)
{
  JsonNode *root;

  g_return_if_fail (answer != NULL);
  g_return_if_fail (object != NULL);

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  answer_take_node (answer, status, root);
}

void
sk_fake_answer_error (SkFakeAnswer *answer,
                      guint         status,
                      const char   *message,
                      const char   *type,
                      const char   *param,
                      const char   *code)
{
  g_return_if_fail (answer != NULL);

  sk_fake_answer_take_object (answer, status,
                              sk_fake_json_error (message, type, param, code, FALSE));
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
  JsonArray *array;

  g_return_if_fail (answer != NULL);

  array = json_array_sized_new (3);
  json_array_add_string_element (array, "not");
  json_array_add_string_element (array, "an");
  json_array_add_string_element (array, "object");
  answer_take_node (answer, answer->status, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}
