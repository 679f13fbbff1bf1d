/* test-file-reader.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-utils.h"

#include <string.h>

#include "sk-file-reader.h"
#include "sk-json.h"

/* The direct reader of files pages against json-glib's path (the tree,
 * then sk_file_new_from_json() per item), which it must never contradict:
 * whenever it reads a page, json-glib reads the same files from it. */

/* json-glib's path, as the listing took it before the direct reader */
static gboolean
tree_read (const char  *data,
           gsize        length,
           guint        max_items,
           GPtrArray  **files,
           guint       *n_items,
           gboolean    *has_more)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, length);
  g_autoptr (JsonNode) root = sk_json_parse_bytes (bytes, 200, NULL);
  g_autoptr (GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonArray *array;
  guint n;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  array = sk_json_get_array (object, "data");
  if (array == NULL)
    return FALSE;

  *n_items = json_array_get_length (array);
  n = max_items > 0 ? MIN (*n_items, max_items) : *n_items;
  for (guint i = 0; i < n; i++)
    {
      SkFile *file = sk_file_new_from_json (json_array_get_element (array, i), NULL);

      if (file == NULL)
        return FALSE;
      g_ptr_array_add (read, file);
    }

  *has_more = sk_json_get_bool (object, "has_more", FALSE);
  *files = g_steal_pointer (&read);
  return TRUE;
}

static void
assert_same_files (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      SkFile *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (sk_file_get_id (x), ==, sk_file_get_id (y));
      g_assert_cmpstr (sk_file_get_filename (x), ==, sk_file_get_filename (y));
      g_assert_cmpstr (sk_file_get_purpose (x), ==, sk_file_get_purpose (y));
      g_assert_cmpstr (sk_file_get_status (x), ==, sk_file_get_status (y));
      g_assert_cmpint (sk_file_get_bytes (x), ==, sk_file_get_bytes (y));
      g_assert_cmpint (sk_file_get_created_at (x), ==, sk_file_get_created_at (y));
      g_assert_cmpint (sk_file_get_expires_at (x), ==, sk_file_get_expires_at (y));
    }
}

/* Reads @data both ways; returns whether the direct reader read it, after
 * checking that json-glib then reads the same */
static gboolean
check_page (const char *data,
            gsize       length,
            guint       max_items)
{
  g_autoptr (GPtrArray) direct = NULL;
  g_autoptr (GPtrArray) tree = NULL;
  guint n_direct = 0, n_tree = 0;
  gboolean more_direct = FALSE, more_tree = FALSE;

  if (!sk_file_reader_read_page (data, length, max_items, &direct, &n_direct, &more_direct))
    return FALSE;

  g_assert_true (tree_read (data, length, max_items, &tree, &n_tree, &more_tree));
  g_assert_cmpuint (n_direct, ==, n_tree);
  g_assert_cmpint (more_direct, ==, more_tree);
  assert_same_files (direct, tree);
  return TRUE;
}

static const char page_text[] =
  "{\"object\":\"list\",\"data\":["
  "{\"id\":\"file-abc\",\"object\":\"file\",\"bytes\":120000,\"created_at\":1700000000,"
  "\"expires_at\":null,\"filename\":\"r\\u00e9sum\\u00e9 \\\"final\\\".pdf\",\"purpose\":\"assistants\","
  "\"status\":\"processed\",\"status_details\":null},"
  "{\"id\":\"file-def\",\"bytes\":-1,\"created_at\":0,\"expires_at\":1800000000,"
  "\"filename\":\"a\\/b\\\\c\\n\\t\\b\\f\\r\\u00C9.txt\",\"purpose\":\"batch\",\"status\":\"error\","
  "\"status_details\":{\"reason\":[1,2.5,-0.25,true,false,null,\"x\",{}],\"more\":[]}},"
  "{\"id\":\"file-ghi\",\"filename\":7,\"bytes\":\"12\",\"created_at\":true,\"purpose\":null,"
  "\"extra\":\"\\u4e2d\\u6587\",\"status\":\"uploaded\"},"
  "{\"id\":\"file-jkl\" , \"filename\" : \"\xc3\xa9t\xc3\xa9.txt\" , \"created_at\" : 12 }"
  "],\"first_id\":\"file-abc\",\"last_id\":\"file-jkl\",\"has_more\":true}";

static void
test_reads_like_json_glib (void)
{
  static const struct
  {
    const char *json;
    gboolean    direct;   /* read by the direct reader */
  } table[] = {
    { page_text, TRUE },
    { "{\"data\":[],\"has_more\":false}", TRUE },
    { "{\"data\":[]}", TRUE },
    { " {\"has_more\":true , \"data\" : [ { \"id\" : \"a\" } ] } \n", TRUE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":\"yes\"}", TRUE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":1}", TRUE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":123456789012345678}]}", TRUE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":-0}]}", TRUE },
    /* left to json-glib: it reads them, or rejects them */
    { "{\"data\":[{\"id\":\"a\",\"bytes\":1.7e9}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":1700000000.0}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":1234567890123456789}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"x\":97777777777777777777777777777777777}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"x\":1e5}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"id\":\"b\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"data\":[]}", FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":true,\"has_more\":false}", FALSE },
    { "{\"data\":[{\"i\\u0064\":\"a\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\\u0000b\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\\ud83d\\ude00\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\"} /* c */]}", FALSE },
    { "{\"data\":[{\"id\":\"\xff\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"filename\":\"\xc3\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\x01\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]}", FALSE },
    /* json-glib rejects them too, or reads no files from them */
    { "", FALSE },
    { "[]", FALSE },
    { "{}", FALSE },
    { "{\"data\":{}}", FALSE },
    { "{\"data\":[{}]}", FALSE },
    { "{\"data\":[{\"id\":\"\"}]}", FALSE },
    { "{\"data\":[{\"id\":5}]}", FALSE },
    { "{\"data\":[\"file-a\"]}", FALSE },
    { "{\"data\":[{\"id\":\"a\"},]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":01}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"bytes\":-}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"x\":tru}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\",\"x\":\"\\q\"}]}", FALSE },
    { "{\"data\":[{\"id\":\"a\"}]} {}", FALSE },
    { "{\"data\":[{\"id\":\"a\"}]", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *escaped = g_strescape (table[i].json, NULL);

      g_test_message ("%u: %s", i, escaped);
      g_assert_cmpint (check_page (table[i].json, strlen (table[i].json), 0), ==, table[i].direct);
    }

  /* what the first page holds */
  {
    g_autoptr (GPtrArray) files = NULL;
    guint n_items;
    gboolean has_more;

    g_assert_true (sk_file_reader_read_page (page_text, strlen (page_text), 0,
                                             &files, &n_items, &has_more));
    g_assert_cmpuint (n_items, ==, 4);
    g_assert_true (has_more);
    g_assert_cmpstr (sk_file_get_filename (files->pdata[0]), ==, "résumé \"final\".pdf");
    g_assert_cmpint (sk_file_get_bytes (files->pdata[0]), ==, 120000);
    g_assert_cmpint (sk_file_get_expires_at (files->pdata[0]), ==, 0);
    g_assert_cmpstr (sk_file_get_filename (files->pdata[1]), ==, "a/b\\c\n\t\b\f\rÉ.txt");
    g_assert_cmpint (sk_file_get_bytes (files->pdata[1]), ==, -1);
    g_assert_null (sk_file_get_filename (files->pdata[2]));
    g_assert_null (sk_file_get_purpose (files->pdata[2]));
    g_assert_cmpint (sk_file_get_bytes (files->pdata[2]), ==, 0);
    g_assert_cmpstr (sk_file_get_filename (files->pdata[3]), ==, "été.txt");
    g_assert_null (sk_file_get_status (files->pdata[3]));
  }
}

/* max_items: the files past it are counted, not built */
static void
test_max_items (void)
{
  for (guint max = 0; max <= 5; max++)
    {
      g_autoptr (GPtrArray) files = NULL;
      guint n_items;
      gboolean has_more;

      g_assert_true (check_page (page_text, strlen (page_text), max));
      g_assert_true (sk_file_reader_read_page (page_text, strlen (page_text), max,
                                               &files, &n_items, &has_more));
      g_assert_cmpuint (n_items, ==, 4);
      g_assert_cmpuint (files->len, ==, max == 0 ? 4 : MIN (max, 4));
    }
}

/* Thousands of pages damaged at random (a byte changed, removed, or a
 * piece repeated): the direct reader reads some of them, and json-glib
 * reads each of those the same way */
static void
test_damaged_pages (void)
{
  static const char bytes[] = "\"\\{}[],:0-1e.u tnx\xc3\xa9\x80/";
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261201);
  gsize length = strlen (page_text);
  guint n_direct = 0;
  const guint n_pages = 4000;

  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr (GString) text = g_string_new_len (page_text, length);
      guint n_changes = g_rand_int_range (rand, 1, 3);

      for (guint c = 0; c < n_changes && text->len > 1; c++)
        {
          guint at = g_rand_int_range (rand, 0, text->len);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              text->str[at] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
              break;
            case 1:
              g_string_erase (text, at, 1);
              break;
            default:
              {
                guint len = g_rand_int_range (rand, 1, 12);
                g_autofree char *piece = g_strndup (text->str + at, len);

                g_string_insert (text, g_rand_int_range (rand, 0, text->len), piece);
              }
            }
        }

      if (check_page (text->str, text->len, 0))
        n_direct++;
    }

  g_test_message ("%u of %u damaged pages read directly", n_direct, n_pages);
  /* damage inside a string or a skipped member often leaves a valid page */
  g_assert_cmpuint (n_direct, >, n_pages / 20);
  g_assert_cmpuint (n_direct, <, n_pages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/file-reader/reads-like-json-glib", test_reads_like_json_glib);
  g_test_add_func ("/sk/file-reader/max-items", test_max_items);
  g_test_add_func ("/sk/file-reader/damaged-pages", test_damaged_pages);

  return g_test_run ();
}
