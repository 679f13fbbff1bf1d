/* sk-vector-store-file.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-vector-store-file.h"

#include <glib/gi18n-lib.h>

#include "sk-json.h"
#include "sk-object-private.h"

struct _SkVectorStoreFile
{
  GObject  parent_instance;

  char    *id;
  char    *vector_store_id;
  char    *status;
  char    *last_error_code;
  char    *last_error_message;
  gint64   usage_bytes;
  gint64   created_at;

  JsonObject *json;      /* the object as the server sent it */
};

G_DEFINE_FINAL_TYPE (SkVectorStoreFile, sk_vector_store_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VECTOR_STORE_ID,
  PROP_STATUS,
  PROP_USAGE_BYTES,
  PROP_CREATED_AT,
  PROP_LAST_ERROR_CODE,
  PROP_LAST_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sk_vector_store_file_finalize (GObject *object)
{
  SkVectorStoreFile *self = (SkVectorStoreFile *)object;

  g_free (self->id);
  g_free (self->vector_store_id);
  g_free (self->status);
  g_free (self->last_error_code);
  g_free (self->last_error_message);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (sk_vector_store_file_parent_class)->finalize (object);
}

static void
sk_vector_store_file_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SkVectorStoreFile *self = SK_VECTOR_STORE_FILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VECTOR_STORE_ID:
      g_value_set_string (value, self->vector_store_id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_USAGE_BYTES:
      g_value_set_int64 (value, self->usage_bytes);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_ERROR_CODE:
      g_value_set_string (value, self->last_error_code);
      break;
    case PROP_LAST_ERROR_MESSAGE:
      g_value_set_string (value, self->last_error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_vector_store_file_class_init (SkVectorStoreFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_vector_store_file_finalize;
  object_class->get_property = sk_vector_store_file_get_property;

  properties[PROP_ID] = sk_param_spec_readable_string ("id");
  properties[PROP_VECTOR_STORE_ID] = sk_param_spec_readable_string ("vector-store-id");
  properties[PROP_STATUS] = sk_param_spec_readable_string ("status");
  properties[PROP_USAGE_BYTES] = sk_param_spec_readable_int64 ("usage-bytes");
  properties[PROP_CREATED_AT] = sk_param_spec_readable_int64 ("created-at");
  properties[PROP_LAST_ERROR_CODE] = sk_param_spec_readable_string ("last-error-code");
  properties[PROP_LAST_ERROR_MESSAGE] = sk_param_spec_readable_string ("last-error-message");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_vector_store_file_init (SkVectorStoreFile *self)
{
}

/**
 * sk_vector_store_file_new_from_json:
 * @node: a vector store file object as OpenAI sends it
 *
 * Builds an entry of a vector store's file list. "last_error" may be null,
 * absent, or an object whose members are null; unknown members
 * ("chunking_strategy", "attributes", ...) are ignored; "status" is kept
 * whatever its value.
 *
 * Returns: (transfer full): the entry, or NULL with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE when @node is not an object with a
 *   string "id"
 */
SkVectorStoreFile *
sk_vector_store_file_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  JsonObject *object;
  JsonObject *last_error;
  SkVectorStoreFile *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sk_json_require_object_with_id (node,
                                           _("The server sent a vector store file that is not a JSON object"),
                                           _("The server sent a vector store file without an ID"),
                                           error);
  if (object == NULL)
    return NULL;

  self = g_object_new (SK_TYPE_VECTOR_STORE_FILE, NULL);
  self->json = json_object_ref (object);
  self->id = g_strdup (sk_json_get_string (object, "id"));
  self->vector_store_id = g_strdup (sk_json_get_string (object, "vector_store_id"));
  self->status = g_strdup (sk_json_get_string (object, "status"));
  self->usage_bytes = sk_json_get_int (object, "usage_bytes", 0);
  self->created_at = sk_json_get_int (object, "created_at", 0);

  last_error = sk_json_get_object (object, "last_error");
  if (last_error != NULL)
    {
      self->last_error_code = g_strdup (sk_json_get_string (last_error, "code"));
      self->last_error_message = g_strdup (sk_json_get_string (last_error, "message"));
    }

  return self;
}

const char *
sk_vector_store_file_get_id (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->id;
}

const char *
sk_vector_store_file_get_vector_store_id (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->vector_store_id;
}

const char *
sk_vector_store_file_get_status (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->status;
}

gint64
sk_vector_store_file_get_usage_bytes (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), 0);
  return self->usage_bytes;
}

gint64
sk_vector_store_file_get_created_at (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), 0);
  return self->created_at;
}

const char *
sk_vector_store_file_get_last_error_code (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->last_error_code;
}

const char *
sk_vector_store_file_get_last_error_message (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->last_error_message;
}

JsonObject *
sk_vector_store_file_get_json (SkVectorStoreFile *self)
{
  g_return_val_if_fail (SK_IS_VECTOR_STORE_FILE (self), NULL);
  return self->json;
}
