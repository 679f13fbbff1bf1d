/* test-orphan-finder.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-orphan-finder.h"
#include "sk-store-files-lister.h"
#include "sk-test-utils.h"

#define N_STORES 8

static const char *statuses[] = { "completed", "in_progress", "failed", "cancelled" };

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
  GPtrArray    *assistants;   /* ids */
  GPtrArray    *user_data;
  GPtrArray    *batch;
  GHashTable   *usage;        /* file id -> GPtrArray of store ids (sorted) */
} Fixture;

static void
add_files (Fixture    *fixture,
           GPtrArray  *ids,
           const char *purpose,
           const char *prefix,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      char *id = g_strdup_printf ("%s%03u", prefix, i);

      sk_fake_openai_add_file (fixture->fake, id, "doc.pdf", purpose, 10 + i, 1700000000 + i);
      g_ptr_array_add (ids, id);
    }
}

static void
attach (Fixture    *fixture,
        const char *store_id,
        const char *file_id,
        const char *status)
{
  GPtrArray *stores = g_hash_table_lookup (fixture->usage, file_id);

  g_assert_true (sk_fake_openai_attach (fixture->fake, store_id, file_id, status));
  if (stores == NULL)
    {
      stores = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (fixture->usage, g_strdup (file_id), stores);
    }
  g_ptr_array_add (stores, g_strdup (store_id));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  fixture->fake = sk_test_fake_new ();
  fixture->client = sk_test_client_new (fixture->fake, NULL);
  fixture->assistants = g_ptr_array_new_with_free_func (g_free);
  fixture->user_data = g_ptr_array_new_with_free_func (g_free);
  fixture->batch = g_ptr_array_new_with_free_func (g_free);
  fixture->usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);

  add_files (fixture, fixture->assistants, "assistants", "file-as", 30);
  add_files (fixture, fixture->user_data, "user_data", "file-ud", 20);
  add_files (fixture, fixture->batch, "batch", "file-ba", 5);
  g_ptr_array_extend (all, fixture->assistants, NULL, NULL);
  g_ptr_array_extend (all, fixture->user_data, NULL, NULL);
  g_ptr_array_extend (all, fixture->batch, NULL, NULL);

  for (guint k = 0; k < N_STORES; k++)
    {
      g_autofree char *store_id = g_strdup_printf ("vs_o%u", k);

      sk_fake_openai_add_vector_store (fixture->fake, store_id, NULL, 1700000000 + k);

      for (guint i = 0; i < all->len; i++)
        {
          gboolean member;

          if (k == N_STORES - 1)
            member = i % 2 == 0 && i < 50;      /* a big store: 25 files, many pages */
          else if (k == N_STORES - 2)
            member = FALSE;                     /* an empty store */
          else
            member = (i * 7 + k * 3) % 11 == 0;

          if (member)
            attach (fixture, store_id, g_ptr_array_index (all, i), statuses[(i + k) % 4]);
        }
    }

  /* small pages everywhere */
  g_object_set (fixture->client, "files-page-size", 7, "page-size", 3, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->fake);
  g_clear_pointer (&fixture->assistants, g_ptr_array_unref);
  g_clear_pointer (&fixture->user_data, g_ptr_array_unref);
  g_clear_pointer (&fixture->batch, g_ptr_array_unref);
  g_clear_pointer (&fixture->usage, g_hash_table_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
joined_sorted (GPtrArray *strings)
{
  g_autoptr (GPtrArray) copy = g_ptr_array_new ();

  if (strings == NULL)
    return g_strdup ("");

  g_ptr_array_extend (copy, strings, NULL, NULL);
  g_ptr_array_sort (copy, compare_strings);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv (",", (char **) copy->pdata);
}

static char *
joined_file_ids (GPtrArray *files)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (ids, (gpointer) sk_file_get_id (g_ptr_array_index (files, i)));
  return joined_sorted (ids);
}

static gboolean
run_finder (SkOrphanFinder  *finder,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_orphan_finder_run_async (finder, cancellable, sk_test_store_result, &result);
  sk_test_wait_result (&result, 30000);
  return sk_orphan_finder_run_finish (finder, result, error);
}

static void
check_usage (Fixture        *fixture,
             SkOrphanFinder *finder)
{
  GHashTable *usage = sk_orphan_finder_get_usage (finder);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_nonnull (usage);
  g_assert_cmpuint (g_hash_table_size (usage), ==, g_hash_table_size (fixture->usage));

  g_hash_table_iter_init (&iter, fixture->usage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *expected = joined_sorted (value);
      g_autofree char *got = joined_sorted (g_hash_table_lookup (usage, key));

      g_assert_cmpstr (got, ==, expected);
      g_assert_true (sk_orphan_finder_get_stores_for_file (finder, key) ==
                     g_hash_table_lookup (usage, key));
      g_assert_cmpuint (sk_orphan_finder_count_stores (finder, key), ==,
                        ((GPtrArray *) value)->len);
    }
}

static void
test_default_purposes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  g_autoptr (GPtrArray) expected_files = g_ptr_array_new ();
  g_autoptr (GPtrArray) expected_orphans = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *files = NULL;
  g_autofree char *orphans = NULL;
  g_autofree char *want_files = NULL;
  g_autofree char *want_orphans = NULL;
  g_auto (GStrv) purposes = NULL;
  guint n_stores = 0, n_stores_done = 0;

  g_object_get (finder, "purposes", &purposes, NULL);
  g_assert_cmpstrv (purposes, ((const char *[]) { "assistants", "user_data", NULL }));
  g_assert_null (sk_orphan_finder_get_orphans (finder));

  sk_orphan_finder_set_max_in_flight (finder, 2);
  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);

  g_ptr_array_extend (expected_files, fixture->assistants, NULL, NULL);
  g_ptr_array_extend (expected_files, fixture->user_data, NULL, NULL);
  for (guint i = 0; i < expected_files->len; i++)
    if (!g_hash_table_contains (fixture->usage, g_ptr_array_index (expected_files, i)))
      g_ptr_array_add (expected_orphans, g_ptr_array_index (expected_files, i));
  /* the dataset has both kinds */
  g_assert_cmpuint (expected_orphans->len, >, 5);
  g_assert_cmpuint (expected_orphans->len, <, expected_files->len - 5);

  files = joined_file_ids (sk_orphan_finder_get_files (finder));
  orphans = joined_file_ids (sk_orphan_finder_get_orphans (finder));
  want_files = joined_sorted (expected_files);
  want_orphans = joined_sorted (expected_orphans);
  g_assert_cmpstr (files, ==, want_files);
  g_assert_cmpstr (orphans, ==, want_orphans);
  g_assert_cmpuint (sk_orphan_finder_get_files (finder)->len, ==, 50);
  g_assert_cmpuint (sk_orphan_finder_get_vector_stores (finder)->len, ==, N_STORES);

  /* usage covers attached batch files too, whose purpose was not listed */
  check_usage (fixture, finder);
  {
    guint n_batch_attached = 0;

    for (guint i = 0; i < fixture->batch->len; i++)
      {
        const char *id = g_ptr_array_index (fixture->batch, i);

        if (g_hash_table_contains (fixture->usage, id))
          {
            n_batch_attached++;
            g_assert_nonnull (sk_orphan_finder_get_stores_for_file (finder, id));
          }
      }
    g_assert_cmpuint (n_batch_attached, >, 0);
  }
  g_assert_null (sk_orphan_finder_get_stores_for_file (finder, g_ptr_array_index (expected_orphans, 0)));
  g_assert_cmpuint (sk_orphan_finder_count_stores (finder, "file-nothing"), ==, 0);

  g_object_get (finder, "n-stores", &n_stores, "n-stores-done", &n_stores_done, NULL);
  g_assert_cmpuint (n_stores, ==, N_STORES);
  g_assert_cmpuint (n_stores_done, ==, N_STORES);

  /* two purpose listings, three pages each at most (30 and 20 by 7: 5 and 3
   * pages), each filtered by purpose; store lists of all statuses */
  {
    const GPtrArray *requests = sk_fake_openai_get_requests (fixture->fake);
    guint n_files_requests = 0;

    for (guint i = 0; i < requests->len; i++)
      {
        const SkFakeRequest *request = g_ptr_array_index (requests, i);

        g_assert_cmpstr (request->method, ==, "GET");
        if (g_str_equal (request->path, "/v1/files"))
          {
            n_files_requests++;
            g_assert_nonnull (request->query);
            g_assert_nonnull (strstr (request->query, "purpose="));
          }
        if (g_str_has_suffix (request->path, "/files") && g_str_has_prefix (request->path, "/v1/vector_stores/"))
          g_assert_true (request->query == NULL || strstr (request->query, "filter=") == NULL);
      }
    g_assert_cmpuint (n_files_requests, ==, 5 + 3);
    /* 8 stores by 3 = 3 pages, the big store's 25 files by 3 = 9 pages */
    g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/vector_stores/vs_o7/files"), ==, 9);
  }

  /* concurrency is bounded: 2 store lists + 2 purposes + the store list */
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fixture->fake), <=, 5);
}

static void
test_all_purposes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  g_autoptr (GError) error = NULL;
  const char *empty[] = { NULL };
  g_auto (GStrv) purposes = NULL;
  guint n_orphans = 0;
  GPtrArray *orphans;

  sk_orphan_finder_set_purposes (finder, empty);
  g_object_get (finder, "purposes", &purposes, NULL);
  g_assert_null (purposes);

  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (sk_orphan_finder_get_files (finder)->len, ==, 55);
  for (guint i = 0; i < 55; i++)
    {
      const char *id = sk_file_get_id (g_ptr_array_index (sk_orphan_finder_get_files (finder), i));

      if (!g_hash_table_contains (fixture->usage, id))
        n_orphans++;
    }
  orphans = sk_orphan_finder_get_orphans (finder);
  g_assert_cmpuint (orphans->len, ==, n_orphans);
  for (guint i = 0; i < orphans->len; i++)
    g_assert_false (g_hash_table_contains (fixture->usage, sk_file_get_id (g_ptr_array_index (orphans, i))));
  check_usage (fixture, finder);

  /* one unfiltered listing: 55 files by 7 = 8 pages */
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/files"), ==, 8);
  {
    const GPtrArray *requests = sk_fake_openai_get_requests (fixture->fake);

    for (guint i = 0; i < requests->len; i++)
      {
        const SkFakeRequest *request = g_ptr_array_index (requests, i);

        if (g_str_equal (request->path, "/v1/files"))
          g_assert_true (request->query == NULL || strstr (request->query, "purpose=") == NULL);
      }
  }

  /* a second run gives the same answer */
  {
    g_autofree char *before = joined_file_ids (orphans);
    g_autofree char *after = NULL;

    g_assert_true (run_finder (finder, NULL, &error));
    after = joined_file_ids (sk_orphan_finder_get_orphans (finder));
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  g_autoptr (GError) error = NULL;

  g_object_set (fixture->client, "max-attempts", 2, NULL);
  for (guint i = 0; i < 2; i++)
    sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_o3/files",
                                SK_FAKE_FAULT_STATUS, 500, -1);

  g_assert_false (run_finder (finder, NULL, &error));
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_SERVER);
  /* a partial map would call attached files orphans: nothing is given */
  g_assert_null (sk_orphan_finder_get_orphans (finder));
  g_assert_null (sk_orphan_finder_get_usage (finder));

  /* it can run again */
  g_clear_error (&error);
  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);
  check_usage (fixture, finder);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_object_set (fixture->fake, "latency-ms", 50, NULL);
  {
    g_autoptr (GAsyncResult) result = NULL;

    sk_orphan_finder_run_async (finder, cancellable, sk_test_store_result, &result);
    sk_test_spin (20);
    g_cancellable_cancel (cancellable);
    sk_test_wait_result (&result, 10000);
    g_assert_false (sk_orphan_finder_run_finish (finder, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* A Refresh started from the callback of a run: the first run must not
 * clear the state of the second one after returning. */
typedef struct
{
  guint    n_runs;
  gboolean ok[2];
} RerunData;

static void
rerun_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  SkOrphanFinder *finder = SK_ORPHAN_FINDER (source);
  RerunData *data = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (data->n_runs, <, 2);
  data->ok[data->n_runs] = sk_orphan_finder_run_finish (finder, res, &error);
  g_assert_no_error (error);
  if (++data->n_runs == 1)
    sk_orphan_finder_run_async (finder, NULL, rerun_cb, data);
}

static gboolean
two_runs_cond (gpointer user_data)
{
  RerunData *data = user_data;

  return data->n_runs == 2;
}

static void
test_rerun_from_callback (Fixture       *fixture,
                          gconstpointer  unused)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  RerunData data = { 0, { FALSE, FALSE } };

  g_object_set (fixture->fake, "latency-ms", 2, NULL);
  sk_orphan_finder_run_async (finder, NULL, rerun_cb, &data);
  sk_test_wait_until (two_runs_cond, &data, 30000);
  g_assert_true (data.ok[0]);
  g_assert_true (data.ok[1]);
  g_assert_cmpuint (sk_orphan_finder_get_vector_stores (finder)->len, ==, N_STORES);
  check_usage (fixture, finder);
}

/* A store deleted between the list of stores and the list of its files
 * (404) is skipped: its files are detached now. The search still
 * succeeds; other listing errors still fail it (see /orphan-finder/error). */
static void
test_store_gone (Fixture       *fixture,
                 gconstpointer  unused)
{
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (fixture->client);
  g_autoptr (GError) error = NULL;
  GPtrArray *stores;
  GHashTableIter iter;
  gpointer key, value;

  sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_o3/files",
                              SK_FAKE_FAULT_STATUS, 404, -1);
  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);

  stores = sk_orphan_finder_get_vector_stores (finder);
  g_assert_cmpuint (stores->len, ==, N_STORES - 1);
  for (guint i = 0; i < stores->len; i++)
    g_assert_cmpstr (sk_vector_store_get_id (g_ptr_array_index (stores, i)), !=, "vs_o3");

  /* expected usage: the fixture's without vs_o3 */
  g_hash_table_iter_init (&iter, fixture->usage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *expected = value;
      guint index;

      if (g_ptr_array_find_with_equal_func (expected, "vs_o3", g_str_equal, &index))
        g_ptr_array_remove_index (expected, index);
      if (expected->len == 0)
        g_hash_table_iter_remove (&iter);
    }
  check_usage (fixture, finder);
  {
    g_autoptr (GPtrArray) expected_orphans = g_ptr_array_new ();
    g_autofree char *want = NULL;
    g_autofree char *got = NULL;

    for (guint i = 0; i < fixture->assistants->len; i++)
      if (!g_hash_table_contains (fixture->usage, g_ptr_array_index (fixture->assistants, i)))
        g_ptr_array_add (expected_orphans, g_ptr_array_index (fixture->assistants, i));
    for (guint i = 0; i < fixture->user_data->len; i++)
      if (!g_hash_table_contains (fixture->usage, g_ptr_array_index (fixture->user_data, i)))
        g_ptr_array_add (expected_orphans, g_ptr_array_index (fixture->user_data, i));
    want = joined_sorted (expected_orphans);
    got = joined_file_ids (sk_orphan_finder_get_orphans (finder));
    g_assert_cmpstr (got, ==, want);
  }
}

/* SkStoreFilesLister, on its own */

typedef struct
{
  GPtrArray *store_ids;     /* in the order given */
  GPtrArray *lists;         /* per index: joined sorted file ids, or "error <code>" */
} Listed;

static void
store_listed (const char   *store_id,
              guint         index,
              GPtrArray    *file_ids,
              GPtrArray    *entries,
              const GError *error,
              gpointer      user_data)
{
  Listed *listed = user_data;

  g_assert_cmpuint (index, <, listed->lists->len);
  g_assert_null (g_ptr_array_index (listed->lists, index));
  g_assert_true ((file_ids == NULL) != (error == NULL));

  g_ptr_array_index (listed->store_ids, index) = g_strdup (store_id);
  if (error != NULL)
    g_ptr_array_index (listed->lists, index) = g_strdup_printf ("error %s %d",
                                                                g_quark_to_string (error->domain),
                                                                error->code);
  else
    g_ptr_array_index (listed->lists, index) = joined_sorted (file_ids);
}

static void
test_lister (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (SkStoreFilesLister) lister = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) store_ids = g_ptr_array_new_with_free_func (g_free);
  Listed listed = { 0 };

  for (guint k = 0; k < N_STORES; k++)
    g_ptr_array_add (store_ids, g_strdup_printf ("vs_o%u", N_STORES - 1 - k));
  g_ptr_array_insert (store_ids, 3, g_strdup ("vs_missing"));

  listed.store_ids = g_ptr_array_new_with_free_func (g_free);
  listed.lists = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (listed.store_ids, store_ids->len);
  g_ptr_array_set_size (listed.lists, store_ids->len);

  g_object_set (fixture->fake, "latency-ms", 5, NULL);
  sk_fake_openai_reset_log (fixture->fake);

  lister = sk_store_files_lister_new (fixture->client, store_listed, &listed);
  sk_store_files_lister_set_max_in_flight (lister, 2);
  /* stores added before the run and while it runs */
  for (guint i = 0; i < 4; i++)
    sk_store_files_lister_add (lister, g_ptr_array_index (store_ids, i));
  sk_store_files_lister_run_async (lister, NULL, sk_test_store_result, &result);
  for (guint i = 4; i < store_ids->len; i++)
    sk_store_files_lister_add (lister, g_ptr_array_index (store_ids, i));
  sk_store_files_lister_close (lister);

  g_assert_true (sk_store_files_lister_run_finish (lister, sk_test_wait_result (&result, 10000),
                                                   &error));
  g_assert_no_error (error);

  /* at most 2 lists at once, and 2 used */
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fixture->fake), ==, 2);

  for (guint i = 0; i < store_ids->len; i++)
    {
      const char *store_id = g_ptr_array_index (store_ids, i);

      g_assert_cmpstr (g_ptr_array_index (listed.store_ids, i), ==, store_id);
      if (g_str_equal (store_id, "vs_missing"))
        {
          g_autofree char *want = g_strdup_printf ("error %s %d",
                                                   g_quark_to_string (SK_CLIENT_ERROR),
                                                   SK_CLIENT_ERROR_NOT_FOUND);

          g_assert_cmpstr (g_ptr_array_index (listed.lists, i), ==, want);
        }
      else
        {
          g_autoptr (GPtrArray) attached = sk_fake_openai_list_attached_file_ids (fixture->fake,
                                                                                  store_id);
          g_autofree char *want = joined_sorted (attached);

          g_assert_cmpstr (g_ptr_array_index (listed.lists, i), ==, want);
        }
    }

  g_ptr_array_unref (listed.store_ids);
  g_ptr_array_unref (listed.lists);
}

static void
never_called (const char   *store_id,
              guint         index,
              GPtrArray    *file_ids,
              GPtrArray    *entries,
              const GError *error,
              gpointer      user_data)
{
  g_assert_not_reached ();
}

static void
test_lister_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (SkStoreFilesLister) lister = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;

  sk_fake_openai_reset_log (fixture->fake);
  lister = sk_store_files_lister_new (fixture->client, never_called, NULL);
  g_cancellable_cancel (cancellable);
  sk_store_files_lister_run_async (lister, cancellable, sk_test_store_result, &result);
  sk_store_files_lister_add (lister, "vs_o0");
  sk_store_files_lister_add (lister, "vs_o1");
  sk_store_files_lister_close (lister);

  /* nothing is sent; the run still ends, normally */
  g_assert_true (sk_store_files_lister_run_finish (lister, sk_test_wait_result (&result, 5000),
                                                   NULL));
  g_assert_cmpuint (sk_fake_openai_get_requests (fixture->fake)->len, ==, 0);
}

static void
test_empty_account (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (client);
  g_autoptr (GError) error = NULL;

  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_orphan_finder_get_files (finder)->len, ==, 0);
  g_assert_cmpuint (sk_orphan_finder_get_orphans (finder)->len, ==, 0);
  g_assert_cmpuint (sk_orphan_finder_get_vector_stores (finder)->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (sk_orphan_finder_get_usage (finder)), ==, 0);
}

/* An account of @n_stores stores of one file each, @latency_ms per request */
static SkFakeOpenai *
fake_with_stores (guint n_stores,
                  guint latency_ms)
{
  SkFakeOpenai *fake = sk_test_fake_new ();

  for (guint k = 0; k < n_stores; k++)
    {
      g_autofree char *store_id = g_strdup_printf ("vs_a%03u", k);
      g_autofree char *file_id = g_strdup_printf ("file-a%03u", k);

      sk_fake_openai_add_file (fake, file_id, "doc.pdf", "assistants", 10, 1700000000 + k);
      sk_fake_openai_add_vector_store (fake, store_id, NULL, 1700000000 + k);
      g_assert_true (sk_fake_openai_attach (fake, store_id, file_id, "completed"));
    }
  g_object_set (fake, "latency-ms", latency_ms, NULL);

  return fake;
}

static void
count_listed (const char   *store_id,
              guint         index,
              GPtrArray    *file_ids,
              GPtrArray    *entries,
              const GError *error,
              gpointer      user_data)
{
  guint *n_listed = user_data;
  g_autofree char *want = g_strdup_printf ("file-a%s", store_id + strlen ("vs_a"));

  g_assert_no_error (error);
  g_assert_cmpuint (file_ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (file_ids, 0), ==, want);
  (*n_listed)++;
}

/* Lists @n_stores stores of @fake with an adaptive lister capped at @cap;
 * returns the lister after its run. */
static SkStoreFilesLister *
run_adaptive_lister (SkFakeOpenai *fake,
                     SkClient     *client,
                     guint         n_stores,
                     guint         cap)
{
  g_autoptr (SkStoreFilesLister) lister = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  guint n_listed = 0;

  lister = sk_store_files_lister_new (client, count_listed, &n_listed);
  sk_store_files_lister_set_adaptive (lister, TRUE);
  sk_store_files_lister_set_max_in_flight (lister, cap);
  /* it starts at 8, like the bulk engine */
  g_assert_cmpuint (sk_store_files_lister_get_limit (lister), ==, MIN (8, cap));

  sk_store_files_lister_run_async (lister, NULL, sk_test_store_result, &result);
  for (guint k = 0; k < n_stores; k++)
    {
      g_autofree char *store_id = g_strdup_printf ("vs_a%03u", k);

      sk_store_files_lister_add (lister, store_id);
    }
  sk_store_files_lister_close (lister);
  g_assert_true (sk_store_files_lister_run_finish (lister, sk_test_wait_result (&result, 30000),
                                                   NULL));
  g_assert_cmpuint (n_listed, ==, n_stores);

  return g_steal_pointer (&lister);
}

static void
test_lister_adaptive_grows (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_with_stores (120, 100);
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkStoreFilesLister) lister = run_adaptive_lister (fake, client, 120, 32);
  g_autoptr (SkStoreFilesLister) fixed = NULL;
  guint n_listed = 0;

  /* answers as fast at any number in flight: more than 8 at once, never
   * more than the cap */
  g_assert_cmpuint (sk_store_files_lister_get_peak_in_flight (lister), >, 8);
  g_assert_cmpuint (sk_store_files_lister_get_peak_in_flight (lister), <=, 32);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fake), <=, 32);
  /* the limit it ends at depends on the latencies of the last answers (a
   * loaded machine under a sanitizer slows them): only the cap holds */
  g_assert_cmpuint (sk_store_files_lister_get_limit (lister), <=, 32);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/vector_stores/"), ==, 120);

  /* not adaptive (the default): the cap is the number in flight */
  fixed = sk_store_files_lister_new (client, count_listed, &n_listed);
  sk_store_files_lister_set_max_in_flight (fixed, 32);
  g_assert_cmpuint (sk_store_files_lister_get_limit (fixed), ==, 32);
}

static void
test_lister_adaptive_rate_limited (void)
{
  /* a latency long beside this process's own work, even under a
   * sanitizer: the lists the lister has in flight are at the server */
  g_autoptr (SkFakeOpenai) fake = fake_with_stores (100, 100);
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkStoreFilesLister) lister = NULL;
  const GPtrArray *requests;
  guint n_429 = 0;

  /* past 12 in flight the server answers 429 (retry after the latency) */
  g_object_set (fake, "max-concurrent", 12, "retry-after-style", "ms+seconds", NULL);
  g_object_set (client, "max-attempts", 20, NULL);

  lister = run_adaptive_lister (fake, client, 100, 64);

  requests = sk_fake_openai_get_requests (fake);
  for (guint i = 0; i < requests->len; i++)
    n_429 += ((const SkFakeRequest *) g_ptr_array_index (requests, i))->status == 429;

  /* it stays near the server's limit (past it, refusals bring it back),
   * far from the cap of 64, with far fewer refusals than requests */
  g_assert_cmpuint (sk_store_files_lister_get_peak_in_flight (lister), <, 32);
  g_assert_cmpuint (sk_store_files_lister_get_limit (lister), <=, 16);
  g_assert_cmpuint (n_429, <, 100 / 3);
}

static void
test_lister_adaptive_one_429 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_with_stores (100, 100);
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkStoreFilesLister) lister = NULL;

  /* the first list is refused once (retry after 100 ms): the limit halves
   * (8 -> 4) and slow start ends; from there it grows by about one per
   * round trip, where without the 429 it doubled up to the cap */
  sk_fake_openai_queue_fault (fake, "/v1/vector_stores/vs_a000/files", SK_FAKE_FAULT_STATUS, 429, 100);

  lister = run_adaptive_lister (fake, client, 100, 64);

  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/vector_stores/vs_a000/files"), ==, 2);
  g_assert_cmpuint (sk_store_files_lister_get_peak_in_flight (lister), <=, 16);
}

static void
test_finder_adaptive (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_with_stores (100, 100);
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (client);
  g_autoptr (SkOrphanFinder) fixed = sk_orphan_finder_new (client);
  g_autoptr (GError) error = NULL;
  const char * const purposes[] = { "assistants", NULL };
  gboolean adaptive = FALSE;
  guint max_in_flight = 0;

  /* the defaults: adaptive, capped at 64 */
  g_object_get (finder, "adaptive", &adaptive, "max-in-flight", &max_in_flight, NULL);
  g_assert_true (adaptive);
  g_assert_cmpuint (max_in_flight, ==, 64);

  sk_orphan_finder_set_purposes (finder, purposes);
  g_assert_true (run_finder (finder, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_orphan_finder_get_orphans (finder)->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (sk_orphan_finder_get_usage (finder)), ==, 100);
  /* more than 8 store lists at once, beside the list of files and the
   * list of stores */
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fake), >, 8 + 2);

  /* not adaptive: never more than max-in-flight store lists */
  g_object_set (fake, "latency-ms", 10, NULL);
  g_object_set (fixed, "adaptive", FALSE, "max-in-flight", 4, NULL);
  sk_orphan_finder_set_purposes (fixed, purposes);
  sk_fake_openai_reset_log (fake);
  g_assert_true (run_finder (fixed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (fake), <=, 4 + 2);
  g_assert_cmpuint (g_hash_table_size (sk_orphan_finder_get_usage (fixed)), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/orphan-finder/default-purposes", Fixture, NULL,
              fixture_set_up, test_default_purposes, fixture_tear_down);
  g_test_add ("/orphan-finder/all-purposes", Fixture, NULL,
              fixture_set_up, test_all_purposes, fixture_tear_down);
  g_test_add ("/orphan-finder/error", Fixture, NULL,
              fixture_set_up, test_error, fixture_tear_down);
  g_test_add ("/orphan-finder/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/orphan-finder/rerun-from-callback", Fixture, NULL,
              fixture_set_up, test_rerun_from_callback, fixture_tear_down);
  g_test_add ("/orphan-finder/store-gone", Fixture, NULL,
              fixture_set_up, test_store_gone, fixture_tear_down);
  g_test_add_func ("/orphan-finder/empty-account", test_empty_account);
  g_test_add ("/orphan-finder/store-files-lister", Fixture, NULL,
              fixture_set_up, test_lister, fixture_tear_down);
  g_test_add ("/orphan-finder/store-files-lister-cancelled", Fixture, NULL,
              fixture_set_up, test_lister_cancelled, fixture_tear_down);
  g_test_add_func ("/orphan-finder/store-files-lister-adaptive", test_lister_adaptive_grows);
  g_test_add_func ("/orphan-finder/store-files-lister-rate-limited",
                   test_lister_adaptive_rate_limited);
  g_test_add_func ("/orphan-finder/store-files-lister-one-429", test_lister_adaptive_one_429);
  g_test_add_func ("/orphan-finder/adaptive", test_finder_adaptive);

  return g_test_run ();
}
