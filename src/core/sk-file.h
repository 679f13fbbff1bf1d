/* sk-file.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SK_TYPE_FILE (sk_file_get_type ())
G_DECLARE_FINAL_TYPE (SkFile, sk_file, SK, FILE, GObject)

/* A File object of `GET /v1/files` (OpenAI's `OpenAIFile`). Read-only
 * properties: "id", "filename", "bytes", "created-at", "expires-at" (0 when
 * null or absent), "purpose" (an open string: unknown purposes are kept),
 * "status". Times are Unix seconds. */

SkFile     *sk_file_new_from_json     (JsonNode    *node,
                                       GError     **error);
SkFile     *sk_file_new               (const char  *id,
                                       const char  *filename,
                                       gint64       bytes,
                                       gint64       created_at,
                                       gint64       expires_at,
                                       const char  *purpose,
                                       const char  *status);
const char *sk_file_get_id            (SkFile      *self);
const char *sk_file_get_filename      (SkFile      *self);
gint64      sk_file_get_bytes         (SkFile      *self);
gint64      sk_file_get_created_at    (SkFile      *self);
gint64      sk_file_get_expires_at    (SkFile      *self);
const char *sk_file_get_purpose       (SkFile      *self);
const char *sk_file_get_status        (SkFile      *self);

G_END_DECLS
