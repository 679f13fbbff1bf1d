/* sk-vector-store-file.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SK_TYPE_VECTOR_STORE_FILE (sk_vector_store_file_get_type ())
G_DECLARE_FINAL_TYPE (SkVectorStoreFile, sk_vector_store_file, SK, VECTOR_STORE_FILE, GObject)

/* An entry of a vector store's file list (OpenAI's `VectorStoreFileObject`).
 * Its "id" is the File's ID. Read-only properties: "id", "vector-store-id",
 * "status", "usage-bytes", "created-at" (time of attachment),
 * "last-error-code" and "last-error-message" (NULL when last_error is null). */

SkVectorStoreFile *sk_vector_store_file_new_from_json          (JsonNode           *node,
                                                                GError            **error);
const char        *sk_vector_store_file_get_id                 (SkVectorStoreFile  *self);
const char        *sk_vector_store_file_get_vector_store_id    (SkVectorStoreFile  *self);
const char        *sk_vector_store_file_get_status             (SkVectorStoreFile  *self);
gint64             sk_vector_store_file_get_usage_bytes        (SkVectorStoreFile  *self);
gint64             sk_vector_store_file_get_created_at         (SkVectorStoreFile  *self);
const char        *sk_vector_store_file_get_last_error_code    (SkVectorStoreFile  *self);
const char        *sk_vector_store_file_get_last_error_message (SkVectorStoreFile  *self);
/* The object exactly as the server sent it, every member included
 * (chunking_strategy, attributes...); transfer none, do not modify. */
JsonObject        *sk_vector_store_file_get_json               (SkVectorStoreFile  *self);

G_END_DECLS
