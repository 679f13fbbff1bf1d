/* fuzz-list-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The two quick readers of a list page against json-glib: the direct
 * reader of files pages (sk_file_reader_read_page()) must read exactly the
 * files, count and has_more that json-glib's tree and
 * sk_file_new_from_json() read, whenever it reads a page at all; and on a
 * page it reads (strict JSON), the cursor scan (sk_json_scan_list_page()),
 * when it reads it too, must read the same count, has_more and last ID. */

#include "sk-client.h"
#include "sk-file-reader.h"
#include "sk-json.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
same_string (const char *a,
             const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    abort ();
}

static void
check_against_tree (GBytes    *bytes,
                    GPtrArray *files,
                    guint      n_items,
                    gboolean   has_more)
{
  g_autoptr (JsonNode) root = sk_json_parse_bytes (bytes, 200, NULL);
  JsonObject *object;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    abort ();
  object = json_node_get_object (root);
  array = sk_json_get_array (object, "data");
  if (array == NULL || json_array_get_length (array) != n_items || files->len != n_items ||
      sk_json_get_bool (object, "has_more", FALSE) != has_more)
    abort ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (SkFile) file = sk_file_new_from_json (json_array_get_element (array, i), NULL);
      SkFile *direct = files->pdata[i];

      if (file == NULL)
        abort ();
      same_string (sk_file_get_id (file), sk_file_get_id (direct));
      same_string (sk_file_get_filename (file), sk_file_get_filename (direct));
      same_string (sk_file_get_purpose (file), sk_file_get_purpose (direct));
      same_string (sk_file_get_status (file), sk_file_get_status (direct));
      if (sk_file_get_bytes (file) != sk_file_get_bytes (direct) ||
          sk_file_get_created_at (file) != sk_file_get_created_at (direct) ||
          sk_file_get_expires_at (file) != sk_file_get_expires_at (direct))
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *last_id = NULL;
  guint n_items = 0, scan_n_items = 0;
  gboolean has_more = FALSE, scan_has_more = FALSE;
  gboolean scanned;

  fuzz_init_once ();

  scanned = sk_json_scan_list_page ((const char *) data, size, &scan_n_items, &last_id,
                                    &scan_has_more);
  if (!scanned && last_id != NULL)
    abort ();

  if (!sk_file_reader_read_page ((const char *) data, size, 0, &files, &n_items, &has_more))
    return 0;

  bytes = g_bytes_new (data, size);
  check_against_tree (bytes, files, n_items, has_more);

  /* the scan may leave a page to the parse (an escaped ID), never misread it */
  if (scanned)
    {
      if (scan_n_items != n_items || scan_has_more != has_more)
        abort ();
      same_string (last_id, n_items > 0 ? sk_file_get_id (files->pdata[n_items - 1]) : NULL);
    }

  return 0;
}
