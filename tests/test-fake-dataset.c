/* test-fake-dataset.c: the generated account of the simulated OpenAI API
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The seeded dataset (sk_fake_openai_generate()) read back through plain
 * libsoup requests: same seed, same account; plausible ids, names, sizes,
 * shapes and states; consistent lists at a large size.
 */

#include "config.h"

#include "fake-http.h"

#include <string.h>

static void
test_dataset (Fixture       *f,
              gconstpointer  d)
{
  const char *all_purposes[] = { "assistants", "user_data", "batch", "batch_output", "fine-tune",
                                 "fine-tune-results", "vision", "assistants_output", "evals" };
  g_autoptr (SkFakeOpenai) twin = sk_fake_openai_new ();
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) twin_ids = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GHashTable) attached = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) shared = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) store_list = NULL;
  guint n_empty = 0, n_expired = 0, n_unnamed = 0, n_with_failed = 0, n_orphans = 0;
  guint n_pages;

  sk_fake_openai_generate (f->fake, 7, 2000, 120);
  sk_fake_openai_generate (twin, 7, 2000, 120);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 2000);
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (f->fake), ==, 120);

  /* same seed, same account */
  ids = sk_fake_openai_list_file_ids (f->fake);
  twin_ids = sk_fake_openai_list_file_ids (twin);
  g_assert_cmpuint (ids->len, ==, twin_ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids, i), ==, g_ptr_array_index (twin_ids, i));

  /* ids look like real ones */
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      g_assert_true (g_str_has_prefix (id, "file-"));
      g_assert_cmpuint (strlen (id), ==, 5 + 22);
      for (const char *p = id + 5; *p; p++)
        g_assert_true (g_ascii_isalnum (*p));
    }
  stores = sk_fake_openai_list_vector_store_ids (f->fake);
  for (guint i = 0; i < stores->len; i++)
    {
      const char *id = g_ptr_array_index (stores, i);
      g_autoptr (GPtrArray) files = sk_fake_openai_list_attached_file_ids (f->fake, id);

      g_assert_true (g_str_has_prefix (id, "vs_"));
      g_assert_cmpuint (strlen (id), ==, 3 + 32);
      for (const char *p = id + 3; *p; p++)
        g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));

      if (files->len == 0)
        n_empty++;
      for (guint k = 0; k < files->len; k++)
        {
          if (g_hash_table_contains (attached, files->pdata[k]))
            g_hash_table_add (shared, files->pdata[k]);
          g_hash_table_add (attached, files->pdata[k]);
        }
    }
  g_assert_cmpuint (n_empty, >, 0);
  g_assert_cmpuint (g_hash_table_size (shared), >, 0);

  /* every purpose, plausible files, batch expiry, orphans */
  for (guint p = 0; p < G_N_ELEMENTS (all_purposes); p++)
    {
      g_autofree char *url = g_strdup_printf ("/v1/files?purpose=%s", all_purposes[p]);
      g_autoptr (Reply) r = get (f, url);
      JsonArray *a = data (r);

      g_assert_cmpuint (json_array_get_length (a), >, 0);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *o = json_array_get_object_element (a, i);
          const char *purpose = str (o, "purpose");

          g_assert_cmpstr (purpose, ==, all_purposes[p]);
          g_assert_cmpint (json_object_get_int_member (o, "bytes"), >, 0);
          g_assert_cmpuint (strlen (str (o, "filename")), >, 3);
          g_assert_true (g_utf8_validate (str (o, "filename"), -1, NULL));
          g_assert_cmpint (json_object_get_int_member (o, "created_at"), >, 1600000000);
          if (g_str_has_prefix (purpose, "batch"))
            g_assert_cmpint (json_object_get_int_member (o, "expires_at"), >,
                             json_object_get_int_member (o, "created_at"));
          else
            g_assert_true (is_null (o, "expires_at"));
          if ((g_str_equal (purpose, "assistants") || g_str_equal (purpose, "user_data")) &&
              !g_hash_table_contains (attached, str (o, "id")))
            n_orphans++;
          if (!g_str_equal (purpose, "assistants") && !g_str_equal (purpose, "user_data"))
            g_assert_false (g_hash_table_contains (attached, str (o, "id")));
        }
    }
  g_assert_cmpuint (n_orphans, >, 0);

  store_list = walk (f, "/v1/vector_stores", "?limit=100", &n_pages);
  g_assert_cmpuint (store_list->len, ==, 120);
  for (guint i = 0; i < store_list->len; i++)
    {
      g_autofree char *url = g_strdup_printf ("/v1/vector_stores/%s", (char *) store_list->pdata[i]);
      g_autoptr (Reply) r = get (f, url);
      JsonObject *o = obj (r);

      if (is_null (o, "name"))
        n_unnamed++;
      if (g_str_equal (str (o, "status"), "expired"))
        {
          n_expired++;
          g_assert_cmpint (json_object_get_int_member (o, "expires_at"), <, g_get_real_time () / G_USEC_PER_SEC);
        }
      if (json_object_get_int_member (json_object_get_object_member (o, "file_counts"), "failed") > 0)
        n_with_failed++;
    }
  g_assert_cmpuint (n_unnamed, >, 0);
  g_assert_cmpuint (n_expired, >, 0);
  g_assert_cmpuint (n_with_failed, >, 0);

  /* another seed, another account */
  sk_fake_openai_clear (twin);
  g_assert_cmpuint (sk_fake_openai_get_n_files (twin), ==, 0);
  sk_fake_openai_generate (twin, 8, 10, 2);
  {
    g_autoptr (GPtrArray) other = sk_fake_openai_list_file_ids (twin);
    g_autoptr (GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < ids->len; i++)
      g_hash_table_add (set, ids->pdata[i]);
    for (guint i = 0; i < other->len; i++)
      g_assert_false (g_hash_table_contains (set, other->pdata[i]));
  }
}

static void
test_dataset_large (Fixture       *f,
                    gconstpointer  d)
{
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) first = NULL;
  guint n_pages;

  sk_fake_openai_generate (f->fake, 1, 100000, 5000);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 100000);
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (f->fake), ==, 5000);

  ids = walk (f, "/v1/files", "?limit=10000", &n_pages);
  g_assert_cmpuint (ids->len, ==, 100000);
  g_assert_cmpuint (n_pages, ==, 10);

  /* deleting a widely shared file keeps every store's list consistent */
  first = sk_fake_openai_list_file_ids (f->fake);
  g_assert_cmpuint (first->len, ==, 100000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)

  ADD ("/fake-openai/dataset", test_dataset, NULL);
  ADD ("/fake-openai/dataset/large", test_dataset_large, NULL);

  return g_test_run ();
}
