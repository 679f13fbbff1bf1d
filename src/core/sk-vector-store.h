/* sk-vector-store.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SK_TYPE_VECTOR_STORE (sk_vector_store_get_type ())
G_DECLARE_FINAL_TYPE (SkVectorStore, sk_vector_store, SK, VECTOR_STORE, GObject)

/* A vector store object (OpenAI's `VectorStoreObject`). Read-only properties:
 * "id", "name" (NULL when the store has none: the real API sends null),
 * "usage-bytes", "files-in-progress", "files-completed", "files-failed",
 * "files-cancelled", "files-total", "status" ("expired", "in_progress",
 * "completed" or anything newer), "created-at", "last-active-at",
 * "expires-at" (0 when null). */

SkVectorStore *sk_vector_store_new_from_json         (JsonNode       *node,
                                                      GError        **error);
const char    *sk_vector_store_get_id                (SkVectorStore  *self);
const char    *sk_vector_store_get_name              (SkVectorStore  *self);
const char    *sk_vector_store_get_display_name      (SkVectorStore  *self);
gint64         sk_vector_store_get_usage_bytes       (SkVectorStore  *self);
gint64         sk_vector_store_get_files_in_progress (SkVectorStore  *self);
gint64         sk_vector_store_get_files_completed   (SkVectorStore  *self);
gint64         sk_vector_store_get_files_failed      (SkVectorStore  *self);
gint64         sk_vector_store_get_files_cancelled   (SkVectorStore  *self);
gint64         sk_vector_store_get_files_total       (SkVectorStore  *self);
const char    *sk_vector_store_get_status            (SkVectorStore  *self);
gint64         sk_vector_store_get_created_at        (SkVectorStore  *self);
gint64         sk_vector_store_get_last_active_at    (SkVectorStore  *self);
gint64         sk_vector_store_get_expires_at        (SkVectorStore  *self);
gboolean       sk_vector_store_expires_at_once       (SkVectorStore  *self,
                                                      guint           days,
                                                      gint64          now);
/* key → value, both strings; never NULL (empty when the server sent null) */
GHashTable    *sk_vector_store_get_metadata          (SkVectorStore  *self);

G_END_DECLS
