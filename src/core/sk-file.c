/* sk-file.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-file.h"
#include "sk-file-private.h"

#include <glib/gi18n-lib.h>

#include "sk-json.h"
#include "sk-object-private.h"

struct _SkFile
{
  GObject  parent_instance;

  char    *id;
  char    *filename;
  char    *purpose;
  char    *status;
  gint64   bytes;
  gint64   created_at;
  gint64   expires_at;
};

G_DEFINE_FINAL_TYPE (SkFile, sk_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILENAME,
  PROP_BYTES,
  PROP_CREATED_AT,
  PROP_EXPIRES_AT,
  PROP_PURPOSE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sk_file_finalize (GObject *object)
{
  SkFile *self = (SkFile *)object;

  g_free (self->id);
  g_free (self->filename);
  g_free (self->purpose);
  g_free (self->status);

  G_OBJECT_CLASS (sk_file_parent_class)->finalize (object);
}

static void
sk_file_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SkFile *self = SK_FILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_BYTES:
      g_value_set_int64 (value, self->bytes);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_PURPOSE:
      g_value_set_string (value, self->purpose);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_file_class_init (SkFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_file_finalize;
  object_class->get_property = sk_file_get_property;

  properties[PROP_ID] = sk_param_spec_readable_string ("id");
  properties[PROP_FILENAME] = sk_param_spec_readable_string ("filename");
  properties[PROP_BYTES] = sk_param_spec_readable_int64 ("bytes");
  properties[PROP_CREATED_AT] = sk_param_spec_readable_int64 ("created-at");
  properties[PROP_EXPIRES_AT] = sk_param_spec_readable_int64 ("expires-at");
  properties[PROP_PURPOSE] = sk_param_spec_readable_string ("purpose");
  properties[PROP_STATUS] = sk_param_spec_readable_string ("status");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_file_init (SkFile *self)
{
}

/**
 * sk_file_new_from_json:
 * @node: a File object as OpenAI sends it
 *
 * Builds a file from JSON. Missing, null or mistyped optional members get
 * their default (NULL, 0); unknown members are ignored; "purpose" and
 * "status" are kept whatever their value.
 *
 * Returns: (transfer full): the file, or NULL with
 *   SK_CLIENT_ERROR_INVALID_RESPONSE when @node is not an object with a
 *   string "id"
 */
SkFile *
sk_file_new_from_json (JsonNode  *node,
                       GError   **error)
{
  JsonObject *object;
  SkFile *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = sk_json_require_object_with_id (node,
                                           _("The server sent a file that is not a JSON object"),
                                           _("The server sent a file without an ID"),
                                           error);
  if (object == NULL)
    return NULL;

  self = g_object_new (SK_TYPE_FILE, NULL);
  self->id = g_strdup (sk_json_get_string (object, "id"));
  self->filename = g_strdup (sk_json_get_string (object, "filename"));
  self->purpose = g_strdup (sk_json_get_string (object, "purpose"));
  self->status = g_strdup (sk_json_get_string (object, "status"));
  self->bytes = sk_json_get_int (object, "bytes", 0);
  self->created_at = sk_json_get_int (object, "created_at", 0);
  self->expires_at = sk_json_get_int (object, "expires_at", 0);

  return self;
}

SkFile *
sk_file_new (const char *id,
             const char *filename,
             gint64      bytes,
             gint64      created_at,
             gint64      expires_at,
             const char *purpose,
             const char *status)
{
  g_return_val_if_fail (id != NULL, NULL);

  return sk_file_new_take (g_strdup (id), g_strdup (filename), bytes, created_at, expires_at,
                           g_strdup (purpose), g_strdup (status));
}

SkFile *
sk_file_new_take (char   *id,
                  char   *filename,
                  gint64  bytes,
                  gint64  created_at,
                  gint64  expires_at,
                  char   *purpose,
                  char   *status)
{
  SkFile *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (SK_TYPE_FILE, NULL);
  self->id = id;
  self->filename = filename;
  self->bytes = bytes;
  self->created_at = created_at;
  self->expires_at = expires_at;
  self->purpose = purpose;
  self->status = status;

  return self;
}

const char *
sk_file_get_id (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), NULL);
  return self->id;
}

const char *
sk_file_get_filename (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), NULL);
  return self->filename;
}

gint64
sk_file_get_bytes (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), 0);
  return self->bytes;
}

gint64
sk_file_get_created_at (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), 0);
  return self->created_at;
}

gint64
sk_file_get_expires_at (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), 0);
  return self->expires_at;
}

const char *
sk_file_get_purpose (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), NULL);
  return self->purpose;
}

const char *
sk_file_get_status (SkFile *self)
{
  g_return_val_if_fail (SK_IS_FILE (self), NULL);
  return self->status;
}
