/* sk-json.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Private helpers of the core: lenient readers of JSON members. Each one
 * accepts a missing member, a null and a value of the wrong type, and then
 * answers its default instead of warning (json-glib's own getters warn). */

const char *sk_json_get_string  (JsonObject  *object,
                                 const char  *member);
gint64      sk_json_get_int     (JsonObject  *object,
                                 const char  *member,
                                 gint64       default_value);
gboolean    sk_json_get_bool    (JsonObject  *object,
                                 const char  *member,
                                 gboolean     default_value);
JsonObject *sk_json_get_object  (JsonObject  *object,
                                 const char  *member);
JsonArray  *sk_json_get_array   (JsonObject  *object,
                                 const char  *member);

/* The object of @node when it is an object with a non-empty string "id";
 * otherwise NULL and SK_CLIENT_ERROR_INVALID_RESPONSE with the (translated)
 * sentence @not_object or @no_id. */
JsonObject *sk_json_require_object_with_id (JsonNode    *node,
                                            const char  *not_object,
                                            const char  *no_id,
                                            GError     **error);

/* FALSE when the JSON text @data nests arrays and objects more than
 * @max_depth deep. json-glib 1.6 parses (and frees) recursively with no
 * limit: a megabyte of "[" overflows the stack. Strings and comments are
 * skipped as json-glib's scanner skips them; the text need not be valid
 * JSON. For answers of a server; the local API counts brackets instead. */
gboolean    sk_json_depth_ok    (const char  *data,
                                 gsize        length,
                                 guint        max_depth);

/* A quick first reading of a list page, `{"data":[...],"has_more":...}`,
 * without building it: the number of items in "data", the "id" of the last
 * one (NULL when there is no item, or it has no plain string "id"), and
 * "has_more" (TRUE only when it is the literal true). Returns FALSE when
 * the text does not read as such a page, or could read two ways (a
 * duplicate member, an escaped member name or last ID): then only a full
 * parse can tell. It does not validate: a FALSE-free answer on text a full
 * parse rejects is possible, so the full parse always follows. */
gboolean    sk_json_scan_list_page (const char  *data,
                                    gsize        length,
                                    guint       *n_items,
                                    char       **last_id,
                                    gboolean    *has_more);

/* Parse @bytes as JSON (NULL on failure, with @error set to
 * SK_CLIENT_ERROR_INVALID_RESPONSE carrying @http_status). */
JsonNode   *sk_json_parse_bytes (GBytes      *bytes,
                                 guint        http_status,
                                 GError     **error);

G_END_DECLS
