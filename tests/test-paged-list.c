/* test-paged-list.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-utils.h"

#include "sk-paged-list.h"

#define WAIT_MS 20000

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
  SkPagedList  *list;
  GArray       *changes;     /* Change */
  guint         n_finished;
  gboolean      loading_at_finish;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_finished;          /* "finished" count when it happened */
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added, f->n_finished };

  g_array_append_val (f->changes, change);
}

static void
finished_cb (SkPagedList *list,
             Fixture     *f)
{
  f->n_finished++;
  f->loading_at_finish = sk_paged_list_get_loading (list);
}

static void
watch (Fixture     *f,
       SkPagedList *list)
{
  g_clear_object (&f->list);
  f->list = list;
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_signal_connect (list, "finished", G_CALLBACK (finished_cb), f);
}

static void
add_files (SkFakeOpenai *fake,
           guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);

      sk_fake_openai_add_file (fake, id, "f.txt", "assistants", 10, 1000 + i);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->fake = sk_test_fake_new ();
  f->client = sk_test_client_new (f->fake, NULL);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  add_files (f->fake, 50);
  g_object_set (f->client, "files-page-size", 7, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->list != NULL)
    g_signal_handlers_disconnect_by_data (f->list, f);
  g_clear_object (&f->list);
  g_clear_object (&f->client);
  /* let the server see its connections close before it goes */
  sk_test_spin (20);
  sk_fake_openai_disconnect (f->fake);
  g_clear_object (&f->fake);
  g_array_unref (f->changes);
}

static guint finished_target;

static gboolean
finished_n (gpointer data)
{
  Fixture *f = data;

  return f->n_finished >= finished_target;
}

static gboolean
has_changes (gpointer data)
{
  Fixture *f = data;

  return f->changes->len > 0;
}

static void
wait_finished (Fixture *f,
               guint    n)
{
  finished_target = n;
  sk_test_wait_until (finished_n, f, WAIT_MS);
}

static const char *
id_at (SkPagedList *list,
       guint        position)
{
  g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);
  const char *id;

  g_assert_nonnull (item);
  if (SK_IS_FILE (item))
    id = sk_file_get_id (SK_FILE (item));
  else if (SK_IS_VECTOR_STORE (item))
    id = sk_vector_store_get_id (SK_VECTOR_STORE (item));
  else
    id = sk_vector_store_file_get_id (SK_VECTOR_STORE_FILE (item));

  /* the list keeps its own reference */
  return id;
}

#define ADD(path, func) \
  g_test_add ("/sk/paged-list/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  watch (f, sk_paged_list_new_files (f->client, NULL));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == SK_TYPE_FILE);
  g_assert_false (sk_paged_list_get_loading (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_true (sk_paged_list_get_client (f->list) == f->client);

  sk_paged_list_reload (f->list);
  g_assert_true (sk_paged_list_get_loading (f->list));
  wait_finished (f, 1);

  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_false (f->loading_at_finish);
  g_assert_false (sk_paged_list_get_loading (f->list));
  g_assert_null (sk_paged_list_get_error (f->list));
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 50);

  /* one items-changed per page, appended, all before "finished" */
  g_assert_cmpuint (f->changes->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      Change *c = &g_array_index (f->changes, Change, i);

      g_assert_cmpuint (c->position, ==, i * 7);
      g_assert_cmpuint (c->removed, ==, 0);
      g_assert_cmpuint (c->added, ==, i < 7 ? 7 : 1);
      g_assert_cmpuint (c->n_finished, ==, 0);
    }

  g_assert_cmpstr (id_at (f->list, 0), ==, "file-049");
  g_assert_cmpstr (id_at (f->list, 49), ==, "file-000");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->list), 50));
}

static void
test_reload_keeps_old_items (Fixture       *f,
                             gconstpointer  data)
{
  guint n;

  watch (f, sk_paged_list_new_files (f->client, NULL));
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);

  g_array_set_size (f->changes, 0);
  sk_fake_openai_add_file (f->fake, "file-new", "n.txt", "assistants", 1, 5000);
  g_object_set (f->fake, "latency-ms", 100, NULL);

  sk_paged_list_reload (f->list);
  g_assert_true (sk_paged_list_get_loading (f->list));
  /* nothing flashes away while the first page is on its way */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 50);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 0);

  sk_test_wait_until (has_changes, f, WAIT_MS);
  {
    Change *c = &g_array_index (f->changes, Change, 0);

    /* the first page replaces every old row at once */
    g_assert_cmpuint (c->position, ==, 0);
    g_assert_cmpuint (c->removed, ==, 50);
    g_assert_cmpuint (c->added, ==, 7);
  }
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpstr (id_at (f->list, 0), ==, "file-new");

  wait_finished (f, 2);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, ==, 51);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 8);
}

static void
test_reload_twice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_object_set (f->fake, "latency-ms", 20, NULL);
  watch (f, sk_paged_list_new_files (f->client, NULL));

  sk_paged_list_reload (f->list);
  sk_test_wait_until (has_changes, f, WAIT_MS);
  g_assert_cmpuint (f->n_finished, ==, 0);

  /* a reload in the middle: the first load ends at once, "finished" once */
  sk_paged_list_reload (f->list);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_true (f->loading_at_finish);
  g_assert_true (sk_paged_list_get_loading (f->list));

  wait_finished (f, 2);
  sk_test_spin (100);
  g_assert_cmpuint (f->n_finished, ==, 2);
  g_assert_null (sk_paged_list_get_error (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 50);
  for (guint i = 0; i < 50; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) id_at (f->list, i)));
}

static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  const GError *error;
  g_autoptr (GError) prop_error = NULL;

  watch (f, sk_paged_list_new_files (f->client, NULL));
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);

  /* a failing reload keeps the rows and reports the error */
  g_array_set_size (f->changes, 0);
  g_object_set (f->client, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 500, -1);
  sk_paged_list_reload (f->list);
  wait_finished (f, 2);

  error = sk_paged_list_get_error (f->list);
  g_assert_error ((GError *) error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_object_get (f->list, "error", &prop_error, NULL);
  g_assert_error (prop_error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  g_assert_false (sk_paged_list_get_loading (f->list));
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 50);

  /* the next reload clears it */
  sk_paged_list_reload (f->list);
  g_assert_null (sk_paged_list_get_error (f->list));
  wait_finished (f, 3);
  g_assert_null (sk_paged_list_get_error (f->list));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_object_set (f->fake, "latency-ms", 200, NULL);
  watch (f, sk_paged_list_new_files (f->client, NULL));

  sk_paged_list_reload (f->list);
  sk_paged_list_cancel (f->list);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_false (sk_paged_list_get_loading (f->list));
  g_assert_null (sk_paged_list_get_error (f->list));

  /* a second cancel does nothing */
  sk_paged_list_cancel (f->list);
  g_assert_cmpuint (f->n_finished, ==, 1);

  sk_test_spin (400);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_cmpuint (f->n_finished, ==, 1);
}

static void
test_dispose_while_loading (Fixture       *f,
                            gconstpointer  data)
{
  SkPagedList *list;

  g_object_set (f->fake, "latency-ms", 100, NULL);
  list = sk_paged_list_new_files (f->client, NULL);
  g_signal_connect (list, "finished", G_CALLBACK (finished_cb), f);
  sk_paged_list_reload (list);
  /* no "finished" from a list being disposed */
  g_assert_finalize_object (list);
  g_assert_cmpuint (f->n_finished, ==, 0);

  /* the answer comes to nobody */
  sk_test_spin (300);
  g_assert_cmpuint (f->n_finished, ==, 0);
}

static void
test_remove_ids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  watch (f, sk_paged_list_new_files (f->client, NULL));
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);
  g_array_set_size (f->changes, 0);

  /* positions 0, 1 (one run) and 10 (another), plus an unknown id */
  g_hash_table_add (ids, (gpointer) "file-049");
  g_hash_table_add (ids, (gpointer) "file-048");
  g_hash_table_add (ids, (gpointer) "file-039");
  g_hash_table_add (ids, (gpointer) "file-nope");
  sk_paged_list_remove_ids (f->list, ids);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 47);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).position, ==, 10);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).position, ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, Change, 1).removed, ==, 2);
  g_assert_cmpstr (id_at (f->list, 0), ==, "file-047");
  g_assert_cmpstr (id_at (f->list, 8), ==, "file-038");

  /* nothing to remove: no signal */
  g_array_set_size (f->changes, 0);
  sk_paged_list_remove_ids (f->list, ids);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* every other file of 2000: one signal for the whole model */
  sk_fake_openai_clear (f->fake);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      sk_fake_openai_add_file (f->fake, id, "f.txt", "assistants", 10, 1000 + i);
      if (i % 2 == 0)
        g_hash_table_add (many, g_steal_pointer (&id));
    }
  g_object_set (f->client, "files-page-size", 10000, NULL);
  sk_paged_list_reload (f->list);
  wait_finished (f, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2000);

  g_array_set_size (f->changes, 0);
  sk_paged_list_remove_ids (f->list, many);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1000);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).removed, ==, 2000);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).added, ==, 1000);
  for (guint i = 0; i < 1000; i++)
    g_assert_false (g_hash_table_contains (many, id_at (f->list, i)));
}

static void
test_stores_and_store_files (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (SkPagedList) files = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_%02u", i);

      sk_fake_openai_add_vector_store (f->fake, id, NULL, 100 + i);
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);

      sk_fake_openai_attach (f->fake, "vs_03", id, "completed");
    }
  g_object_set (f->client, "page-size", 4, NULL);

  watch (f, sk_paged_list_new_vector_stores (f->client));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == SK_TYPE_VECTOR_STORE);
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 10);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 3);
  g_assert_cmpstr (id_at (f->list, 0), ==, "vs_09");

  watch (f, sk_paged_list_new_vector_store_files (f->client, "vs_03"));
  f->n_finished = 0;
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == SK_TYPE_VECTOR_STORE_FILE);
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 12);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 3);

  /* an empty store: one empty page, an empty list */
  files = sk_paged_list_new_vector_store_files (f->client, "vs_00");
  watch (f, g_object_ref (files));
  f->n_finished = 0;
  sk_paged_list_reload (f->list);
  wait_finished (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 1);
  g_assert_null (sk_paged_list_get_error (f->list));
}

static void
add_many_files (SkFakeOpenai *fake,
                guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-big-%05u", i);

      sk_fake_openai_add_file (fake, id, "b.txt", "assistants", 10, 100 + i);
    }
}

/* A page of more than 2,000 items goes in by slices of 2,000, one per
 * main-loop iteration, before "finished" */
static void
test_slices (Fixture       *f,
             gconstpointer  data)
{
  static const guint positions[] = { 0, 2000, 4000, 4500 };
  static const guint added[] = { 2000, 2000, 500, 500 };

  add_many_files (f->fake, 4950);
  g_object_set (f->client, "files-page-size", 4500, NULL);
  watch (f, sk_paged_list_new_files (f->client, NULL));

  sk_paged_list_reload (f->list);
  wait_finished (f, 1);

  g_assert_null (sk_paged_list_get_error (f->list));
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 5000);
  g_assert_cmpuint (f->changes->len, ==, G_N_ELEMENTS (added));
  for (guint i = 0; i < f->changes->len; i++)
    {
      Change *c = &g_array_index (f->changes, Change, i);

      g_assert_cmpuint (c->position, ==, positions[i]);
      g_assert_cmpuint (c->removed, ==, 0);
      g_assert_cmpuint (c->added, ==, added[i]);
      g_assert_cmpuint (c->n_finished, ==, 0);
    }
  g_assert_cmpstr (id_at (f->list, 0), ==, "file-big-04949");
  g_assert_cmpstr (id_at (f->list, 4999), ==, "file-big-00000");
}

static void
cancel_on_change_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  sk_paged_list_cancel (f->list);
}

/* A load cancelled between two slices delivers nothing more */
static void
test_cancel_between_slices (Fixture       *f,
                            gconstpointer  data)
{
  add_many_files (f->fake, 4950);
  g_object_set (f->client, "files-page-size", 4500, NULL);
  watch (f, sk_paged_list_new_files (f->client, NULL));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (cancel_on_change_cb), f);

  sk_paged_list_reload (f->list);
  wait_finished (f, 1);
  sk_test_spin (300);

  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_false (sk_paged_list_get_loading (f->list));
  g_assert_null (sk_paged_list_get_error (f->list));
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2000);
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 0);
}

/* Disposed between two slices: no slice comes after */
static void
test_dispose_between_slices (Fixture       *f,
                             gconstpointer  data)
{
  add_many_files (f->fake, 4950);
  g_object_set (f->client, "files-page-size", 4500, NULL);
  watch (f, sk_paged_list_new_files (f->client, NULL));

  sk_paged_list_reload (f->list);
  sk_test_wait_until (has_changes, f, WAIT_MS);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_signal_handlers_disconnect_by_data (f->list, f);
  g_assert_finalize_object (g_steal_pointer (&f->list));

  sk_test_spin (300);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (f->n_finished, ==, 0);
}

static void
reload_on_second_change_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            Fixture    *f)
{
  if (f->changes->len == 2)
    sk_paged_list_reload (f->list);
}

/* Reloaded from a handler of the second page, while the next pages are
 * already asked for and parsed: none of the first load's pages comes in
 * after it, nor counts as a page of the new load */
static void
test_reload_from_handler (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  watch (f, sk_paged_list_new_files (f->client, NULL));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (reload_on_second_change_cb), f);

  sk_paged_list_reload (f->list);
  wait_finished (f, 2);
  sk_test_spin (100);

  g_assert_cmpuint (f->n_finished, ==, 2);
  g_assert_null (sk_paged_list_get_error (f->list));
  g_assert_cmpuint (sk_paged_list_get_n_pages (f->list), ==, 8);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->list));
  g_assert_cmpuint (n, ==, 50);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("file-%03u", 49 - i);

      g_assert_cmpstr (id_at (f->list, i), ==, expected);
      g_assert_true (g_hash_table_add (seen, (gpointer) id_at (f->list, i)));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* no G_TEST_OPTION_ISOLATE_DIRS: these tests touch no user file, and
   * GLib 2.74 leaks its g_set_user_dirs() copies (valgrind setup) */
  g_test_init (&argc, &argv, NULL);

  ADD ("pages", test_pages);
  ADD ("reload-keeps-old-items", test_reload_keeps_old_items);
  ADD ("reload-twice", test_reload_twice);
  ADD ("error", test_error);
  ADD ("cancel", test_cancel);
  ADD ("dispose-while-loading", test_dispose_while_loading);
  ADD ("remove-ids", test_remove_ids);
  ADD ("stores-and-store-files", test_stores_and_store_files);
  ADD ("slices", test_slices);
  ADD ("cancel-between-slices", test_cancel_between_slices);
  ADD ("dispose-between-slices", test_dispose_between_slices);
  ADD ("reload-from-handler", test_reload_from_handler);

  return g_test_run ();
}
