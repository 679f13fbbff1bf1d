/* sk-file-reader.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A direct reader of a page of `GET /v1/files` into SkFile objects, without
 * building a JSON tree: several times faster than json-glib followed by
 * sk_file_new_from_json(), for the pages of a large account.
 *
 * It reads strict JSON in the page's usual shape only, and answers FALSE
 * for anything else: invalid or unusual JSON (comments, escaped member
 * names, duplicate members it reads, numbers with an exponent, \u0000 or
 * lone surrogates), a file without a string ID, a "data" that is not an
 * array of objects. Whenever it answers TRUE, json-glib and
 * sk_file_new_from_json() would read the same files, count and has_more;
 * when it answers FALSE, they decide (and may fail). */
gboolean sk_file_reader_read_page (const char  *data,
                                   gsize        length,
                                   guint        max_items,
                                   GPtrArray  **files,
                                   guint       *n_items,
                                   gboolean    *has_more);

G_END_DECLS
