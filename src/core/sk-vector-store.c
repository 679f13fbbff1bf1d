/* sk-vector-store.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-vector-store.h"

#include <glib/gi18n-lib.h>

#include "sk-json.h"
#include "sk-object-private.h"

struct _SkVectorStore
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *status;
  gint64      usage_bytes;
  gint64      files_in_progress;
  gint64      files_completed;
  gint64      files_failed;
  gint64      files_cancelled;
  gint64      files_total;
  gint64      created_at;
  gint64      last_active_at;
  gint64      expires_at;
  GHashTable *metadata;
};

G_DEFINE_FINAL_TYPE (SkVectorStore, sk_vector_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_USAGE_BYTES,
  PROP_FILES_IN_PROGRESS,
  PROP_FILES_COMPLETED,
  PROP_FILES_FAILED,
  PROP_FILES_CANCELLED,
  PROP_FILES_TOTAL,
  PROP_STATUS,
  PROP_CREATED_AT,
  PROP_LAST_ACTIVE_AT,
  PROP_EXPIRES_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sk_vector_store_finalize (GObject *object)
{
  SkVectorStore *self = (SkVectorStore *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->status);
  g_clear_pointer (&self->metadata, g_hash_table_unref);

  G_OBJECT_CLASS (sk_vector_store_parent_class)->finalize (object);
}

static void
sk_vector_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkVectorStore *self = SK_VECTOR_STORE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_USAGE_BYTES:
      g_value_set_int64 (value, self->usage_bytes);
      break;
    case PROP_FILES_IN_PROGRESS:
      g_value_set_int64 (value, self->files_in_progress);
      break;
    case PROP_FILES_COMPLETED:
      g_value_set_int64 (value, self->files_completed);
      break;
    case PROP_FILES_FAILED:
      g_value_set_int64 (value, self->files_failed);
      break;
    case PROP_FILES_CANCELLED:
      g_value_set_int64 (value, self->files_cancelled);
      break;
    case PROP_FILES_TOTAL:
      g_value_set_int64 (value, self->files_total);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_ACTIVE_AT:
      g_value_set_int64 (value, self->last_active_at);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_vector_store_class_init (SkVectorStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_vector_store_finalize;
  object_class->get_property = sk_vector_store_get_property;

  properties[PROP_ID] = sk_param_spec_readable_string ("id");
  properties[PROP_NAME] = sk_param_spec_readable_string ("name");
  properties[PROP_USAGE_BYTES] = sk_param_spec_readable_int64 ("usage-bytes");
  properties[PROP_FILES_IN_PROGRESS] = sk_param_spec_readable_int64 ("files-in-progress");
  properties[PROP_FILES_COMPLETED] = sk_param_spec_readable_int64 ("files-completed");
  properties[PROP_FILES_FAILED] = sk_param_spec_readable_int64 ("files-failed");
  properties[PROP_FILES_CANCELLED] = sk_param_spec_readable_int64 ("files-cancelled");
  properties[PROP_FILES_TOTAL] = sk_param_spec_readable_int64 ("files-total");
  properties[PROP_STATUS] = sk_param_spec_readable_string ("status");
  properties[PROP_CREATED_AT] = sk_param_spec_readable_int64 ("created-at");
  properties[PROP_LAST_ACTIVE_AT] = sk_param_spec_readable_int64 ("last-active-at");
  properties[PROP_EXPIRES_AT] = sk_param_spec_readable_int64 ("expires-at");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_vector_store_init (SkVectorStore *self)
{
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * sk_vector_store_new_from_json:
 * @node: a vector store object as OpenAI sends it
 *
 * Builds a vector store from JSON. "name", "expires_at", "last_active_at",
 * "metadata" and "file_counts" may be null or absent; unknown members
 * (e.g. "description", "expires_after") are ignored; "status" is kept
 * whatever its value. Metadata values that are not strings are skipped.
 *
 * Returns: (transfer full): the store, or NULL with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE when @node is not an object with a
 *   string "id"
 */
SkVectorStore *
sk_vector_store_new_from_json (JsonNode  *node,
                               GError   **error)
{
  JsonObject *object;
  JsonObject *counts;
  JsonObject *metadata;
  SkVectorStore *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sk_json_require_object_with_id (node,
                                           _("The server sent a vector store that is not a JSON object"),
                                           _("The server sent a vector store without an ID"),
                                           error);
  if (object == NULL)
    return NULL;

  self = g_object_new (SK_TYPE_VECTOR_STORE, NULL);
  self->id = g_strdup (sk_json_get_string (object, "id"));
  self->name = g_strdup (sk_json_get_string (object, "name"));
  self->status = g_strdup (sk_json_get_string (object, "status"));
  self->usage_bytes = sk_json_get_int (object, "usage_bytes", 0);
  self->created_at = sk_json_get_int (object, "created_at", 0);
  self->last_active_at = sk_json_get_int (object, "last_active_at", 0);
  self->expires_at = sk_json_get_int (object, "expires_at", 0);

  counts = sk_json_get_object (object, "file_counts");
  self->files_in_progress = sk_json_get_int (counts, "in_progress", 0);
  self->files_completed = sk_json_get_int (counts, "completed", 0);
  self->files_failed = sk_json_get_int (counts, "failed", 0);
  self->files_cancelled = sk_json_get_int (counts, "cancelled", 0);
  self->files_total = sk_json_get_int (counts, "total", 0);

  metadata = sk_json_get_object (object, "metadata");
  if (metadata != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, metadata);
      while (json_object_iter_next (&iter, &key, &value))
        {
          /* keys and values that are not UTF-8 (see sk_json_get_string) are skipped too */
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
              g_utf8_validate (key, -1, NULL) &&
              g_utf8_validate (json_node_get_string (value), -1, NULL))
            g_hash_table_insert (self->metadata, g_strdup (key),
                                 g_strdup (json_node_get_string (value)));
        }
    }

  return self;
}

const char *
sk_vector_store_get_id (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), NULL);
  return self->id;
}

/**
 * sk_vector_store_get_name:
 *
 * Returns: (nullable): the name, NULL when the store has none
 */
const char *
sk_vector_store_get_name (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), NULL);
  return self->name;
}

/**
 * sk_vector_store_get_display_name:
 *
 * Returns: the name, or the ID when the name is NULL or empty (never NULL)
 */
const char *
sk_vector_store_get_display_name (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), NULL);

  if (self->name != NULL && self->name[0] != '\0')
    return self->name;

  return self->id;
}

gint64
sk_vector_store_get_usage_bytes (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->usage_bytes;
}

gint64
sk_vector_store_get_files_in_progress (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->files_in_progress;
}

gint64
sk_vector_store_get_files_completed (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->files_completed;
}

gint64
sk_vector_store_get_files_failed (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->files_failed;
}

gint64
sk_vector_store_get_files_cancelled (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->files_cancelled;
}

gint64
sk_vector_store_get_files_total (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->files_total;
}

const char *
sk_vector_store_get_status (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), NULL);
  return self->status;
}

gint64
sk_vector_store_get_created_at (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->created_at;
}

gint64
sk_vector_store_get_last_active_at (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->last_active_at;
}

gint64
sk_vector_store_get_expires_at (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), 0);
  return self->expires_at;
}

/**
 * sk_vector_store_expires_at_once:
 * @days: the days without activity of a policy anchored on the last activity
 * @now: the time, in seconds since the epoch
 *
 * Whether setting that policy would make the store expired at once: the
 * service counts the days from the last activity (from the creation when the
 * store was never active), so a store idle for longer than @days expires as
 * soon as the policy is set.
 *
 * Returns: %TRUE when the store would expire at once
 */
gboolean
sk_vector_store_expires_at_once (SkVectorStore *self,
                                 guint          days,
                                 gint64         now)
{
  gint64 anchor;

  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), FALSE);

  if (days == 0)
    return FALSE;

  anchor = self->last_active_at > 0 ? self->last_active_at : self->created_at;
  if (anchor <= 0)
    return FALSE;

  return anchor + (gint64) days * 86400 <= now;
}

/**
 * sk_vector_store_get_metadata:
 *
 * Returns: (transfer none) (element-type utf8 utf8): the metadata, never
 *   NULL (empty when the server sent null or nothing)
 */
GHashTable *
sk_vector_store_get_metadata (SkVectorStore *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE (self), NULL);
  return self->metadata;
}
