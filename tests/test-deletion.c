/* test-deletion.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deletion controller on a simulated account, with no display: files,
 * vector stores with each choice for their files, detach and Undo (the
 * latest action only), Retry Failed, Cancel, 429/500 faults, the summary
 * and its counts (and the summary of a change of expiry, whose runs are
 * in test-expiry-deletion.c); the journal each deletion writes (intent, outcomes,
 * end; never the key) and a journal that cannot be written. The server's
 * request log is the proof of what was deleted.
 */

#include "config.h"

#include <string.h>

#include "journal-test-utils.h"
#include "sk-test-deletion.h"
#include "sk-test-utils.h"

#include "sk-deletion.h"
#include "sk-deletion-usage.h"

#define N_FILES SK_TEST_N_FILES
#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
  SkDeletion   *deletion;
  GPtrArray    *messages;   /* the "message" texts, in order */
  guint         n_finished;
  gboolean      undoable;   /* of the last "finished" */
  guint         n_undone;
} Fixture;

/* The usage map of sk_test_fill_deletion_account(), as the orphan finder builds it */
static GHashTable *
usage_map (void)
{
  GHashTable *usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < 15; i++)
    {
      GPtrArray *stores = g_ptr_array_new ();

      if (i < 10)
        g_ptr_array_add (stores, (gpointer) "vs_alpha");
      if (i >= 5)
        g_ptr_array_add (stores, (gpointer) "vs_beta");
      g_hash_table_insert (usage, g_strdup_printf ("file-%03u", i), stores);
    }
  return usage;
}

static void
finished_cb (SkDeletion *deletion,
             gboolean    undoable,
             Fixture    *fixture)
{
  fixture->n_finished++;
  fixture->undoable = undoable;
}

static void
message_cb (SkDeletion *deletion,
            const char *text,
            Fixture    *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (text));
}

static void
undone_cb (SkDeletion *deletion,
           Fixture    *fixture)
{
  fixture->n_undone++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  fixture->client = sk_test_client_new (fixture->fake, NULL);
  fixture->deletion = sk_deletion_new (fixture->client);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_FILES; i++)
    g_hash_table_insert (names, g_strdup_printf ("file-%03u", i), g_strdup_printf ("report-%02u.pdf", i));
  g_hash_table_insert (names, g_strdup ("vs_alpha"), g_strdup ("Alpha"));
  sk_deletion_set_names (fixture->deletion, names);
  g_signal_connect (fixture->deletion, "finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (fixture->deletion, "message", G_CALLBACK (message_cb), fixture);
  g_signal_connect (fixture->deletion, "undone", G_CALLBACK (undone_cb), fixture);
}

static gboolean
settled (gpointer data)
{
  SkDeletion *deletion = data;

  return !sk_deletion_get_running (deletion) && sk_deletion_get_n_undo_pending (deletion) == 0;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_finalize_object (fixture->deletion);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->messages, g_ptr_array_unref);
  g_clear_object (&fixture->fake);
}

/* Helpers */

/* "file-FFF" for FFF in [first, first + n), NULL-terminated */
static GStrv
range_ids (guint first,
           guint n)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%03u", i);

      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

/* Waits for the deletion started to end, then checks it ended once */
static void
wait_finished (Fixture *fixture,
               guint    n_before)
{
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_cmpuint (fixture->n_finished, ==, n_before + 1);
  g_assert_null (sk_deletion_get_job (fixture->deletion));
}

static char *
attached (SkFakeOpenai *fake,
          const char   *store_id)
{
  g_autoptr (GPtrArray) ids = sk_fake_openai_list_attached_file_ids (fake, store_id);

  g_ptr_array_sort (ids, sk_test_compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* Tests */

typedef struct
{
  SkDeletionCounts counts;
  const char      *store_name;
  const char      *expected;
} SummaryCase;

static void
test_summary_text (void)
{
  static const SummaryCase cases[] = {
    { { 0, 0, 0, 0, 0, 0 }, NULL, "Nothing was deleted" },
    { { 1, 0, 0, 0, 0, 0 }, NULL, "Deleted 1 file" },
    { { 15, 0, 0, 0, 0, 0 }, NULL, "Deleted 15 files" },
    { { 0, 1, 0, 0, 0, 0 }, NULL, "Deleted 1 vector store" },
    { { 0, 3, 0, 0, 0, 0 }, NULL, "Deleted 3 vector stores" },
    { { 12, 3, 0, 0, 0, 0 }, NULL, "Deleted 3 vector stores and 12 files" },
    { { 1, 1, 0, 0, 0, 0 }, NULL, "Deleted 1 vector store and 1 file" },
    { { 0, 0, 1, 0, 0, 0 }, "Beta", "Removed 1 file from “Beta”" },
    { { 0, 0, 4, 0, 0, 0 }, "Beta", "Removed 4 files from “Beta”" },
    { { 0, 0, 4, 0, 0, 0 }, NULL, "Removed 4 files from “”" },
    { { 14, 0, 0, 1, 0, 0 }, NULL, "Deleted 14 files · 1 failed" },
    { { 340, 0, 0, 0, 1660, 0 }, NULL, "Deleted 340 files · 1660 not tried (cancelled)" },
    { { 20, 0, 0, 0, 0, 1 }, NULL, "Deleted 20 files · 1 still listed by the server" },
    { { 0, 0, 0, 2, 3, 0 }, NULL, "Nothing was deleted · 2 failed · 3 not tried (cancelled)" },
    { { 5, 0, 0, 1, 2, 3 }, NULL, "Deleted 5 files · 1 failed · 2 not tried (cancelled) · 3 still listed by the server" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sk_deletion_summarize (&cases[i].counts, cases[i].store_name);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_usage_counts (void)
{
  g_autoptr (GHashTable) usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) stores = g_ptr_array_new ();
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) exclusive = NULL;
  GPtrArray *a = g_ptr_array_new ();
  GPtrArray *b = g_ptr_array_new ();
  GPtrArray *c = g_ptr_array_new ();

  g_ptr_array_add (a, (gpointer) "vs_1");                              /* f1: vs_1 */
  g_ptr_array_add (b, (gpointer) "vs_1"); g_ptr_array_add (b, (gpointer) "vs_2"); /* f2: vs_1, vs_2 */
  g_ptr_array_add (c, (gpointer) "vs_3");                              /* f3: vs_3 */
  g_hash_table_insert (usage, g_strdup ("f1"), a);
  g_hash_table_insert (usage, g_strdup ("f2"), b);
  g_hash_table_insert (usage, g_strdup ("f3"), c);

  g_ptr_array_add (stores, (gpointer) "vs_1");
  sk_delete_files_of_stores (usage, stores, &all, &exclusive);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (exclusive->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (exclusive, 0), ==, "f1");
  g_clear_pointer (&all, g_ptr_array_unref);
  g_clear_pointer (&exclusive, g_ptr_array_unref);

  g_ptr_array_add (stores, (gpointer) "vs_2");
  sk_delete_files_of_stores (usage, stores, &all, &exclusive);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (exclusive->len, ==, 2);
  g_clear_pointer (&all, g_ptr_array_unref);
  g_clear_pointer (&exclusive, g_ptr_array_unref);

  /* without a map, nothing is known to be used */
  sk_delete_files_of_stores (NULL, stores, &all, &exclusive);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpuint (exclusive->len, ==, 0);

  g_ptr_array_add (files, (gpointer) "f2");
  g_ptr_array_add (files, (gpointer) "f3");
  g_ptr_array_add (files, (gpointer) "f4");
  g_assert_cmpuint (sk_delete_count_stores (usage, files), ==, 3);
  g_assert_cmpuint (sk_delete_count_stores (NULL, files), ==, 0);
}

static void
test_delete_files (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto (GStrv) ids = range_ids (3, 15);
  g_autofree char *expected = g_strjoinv ("\n", ids);
  g_autofree char *deleted = NULL;
  SkDeletionCounts counts;
  GListModel *results;

  g_assert_null (sk_deletion_get_results (fixture->deletion));
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  g_assert_true (sk_deletion_get_running (fixture->deletion));
  g_assert_nonnull (sk_deletion_get_job (fixture->deletion));
  wait_finished (fixture, 0);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 15);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - 15);

  results = sk_deletion_get_results (fixture->deletion);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 15);
  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_files, ==, 15);
  g_assert_cmpuint (counts.n_failed + counts.n_cancelled + counts.n_stores + counts.n_detached, ==, 0);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Deleted 15 files");
  g_assert_cmpint (sk_deletion_get_kind (fixture->deletion), ==, SK_BULK_DELETE_FILES);
  g_assert_false (fixture->undoable);
  g_assert_false (sk_deletion_get_can_undo (fixture->deletion));
  g_assert_cmpstr (g_hash_table_lookup (sk_deletion_get_result_names (fixture->deletion), "file-003"), ==,
                   "report-03.pdf");
  g_assert_cmpuint (g_hash_table_size (sk_deletion_get_result_names (fixture->deletion)), ==, 15);
}

typedef struct
{
  SkDeleteStoresChoice choice;
  guint                first, n;   /* the files expected deleted */
} StoresCase;

static const StoresCase stores_keep = { SK_DELETE_STORES_KEEP_FILES, 0, 0 };
static const StoresCase stores_exclusive = { SK_DELETE_STORES_EXCLUSIVE_FILES, 0, 5 };
static const StoresCase stores_all = { SK_DELETE_STORES_ALL_FILES, 0, 10 };

static void
test_delete_stores (Fixture       *fixture,
                    gconstpointer  data)
{
  const StoresCase *c = data;
  const char * const ids[] = { "vs_alpha", NULL };
  g_autoptr (GHashTable) usage = usage_map ();
  g_auto (GStrv) expected_ids = range_ids (c->first, c->n);
  g_autofree char *expected = g_strjoinv ("\n", expected_ids);
  g_autofree char *deleted = NULL;
  g_autofree char *stores = NULL;
  SkDeletionCounts counts;

  g_assert_true (sk_deletion_delete_stores (fixture->deletion, ids, c->choice, usage, NULL));
  wait_finished (fixture, 0);

  stores = sk_test_deleted_ids (fixture->fake, "/v1/vector_stores/");
  g_assert_cmpstr (stores, ==, "vs_alpha");
  g_assert_false (sk_fake_openai_has_vector_store (fixture->fake, "vs_alpha"));
  g_assert_true (sk_fake_openai_has_vector_store (fixture->fake, "vs_beta"));
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - c->n);

  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_stores, ==, 1);
  g_assert_cmpuint (counts.n_files, ==, c->n);
  g_assert_cmpuint (g_list_model_get_n_items (sk_deletion_get_results (fixture->deletion)), ==, 1 + c->n);
  g_assert_cmpint (sk_deletion_get_kind (fixture->deletion), ==, SK_BULK_DELETE_VECTOR_STORES);
  if (c->n == 0)
    g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Deleted 1 vector store");
  else
    {
      g_autofree char *summary = g_strdup_printf ("Deleted 1 vector store and %u files", c->n);

      g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, summary);
    }
  g_assert_cmpstr (g_hash_table_lookup (sk_deletion_get_result_names (fixture->deletion), "vs_alpha"), ==,
                   "Alpha");
}

/* Exclusive files the caller does not know to exist are not deleted */
static void
test_exclusive_only_existing (Fixture       *fixture,
                              gconstpointer  data)
{
  const char * const ids[] = { "vs_alpha", NULL };
  g_autoptr (GHashTable) usage = usage_map ();
  g_autoptr (GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *deleted = NULL;

  g_hash_table_add (existing, (gpointer) "file-001");
  g_hash_table_add (existing, (gpointer) "file-003");
  g_hash_table_add (existing, (gpointer) "file-007");   /* in Beta too: not exclusive */
  g_assert_true (sk_deletion_delete_stores (fixture->deletion, ids, SK_DELETE_STORES_EXCLUSIVE_FILES,
                                            usage, existing));
  wait_finished (fixture, 0);
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-001\nfile-003");
}

static void
test_detach_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto (GStrv) ids = range_ids (5, 4);
  g_autofree char *before = attached (fixture->fake, "vs_beta");
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;

  g_assert_false (sk_deletion_undo (fixture->deletion));
  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", (const char * const *) ids));
  wait_finished (fixture, 0);

  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/vector_stores/vs_beta/files/"), ==, 4);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES);
  during = attached (fixture->fake, "vs_beta");
  g_assert_cmpstr (during, !=, before);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Removed 4 files from “Beta”");
  g_assert_cmpint (sk_deletion_get_kind (fixture->deletion), ==, SK_BULK_DETACH_FILES);
  g_assert_true (fixture->undoable);
  g_assert_true (sk_deletion_get_can_undo (fixture->deletion));

  g_assert_true (sk_deletion_undo (fixture->deletion));
  g_assert_false (sk_deletion_get_can_undo (fixture->deletion));
  g_assert_cmpuint (sk_deletion_get_n_undo_pending (fixture->deletion), ==, 4);
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_cmpuint (fixture->n_undone, ==, 1);
  g_assert_cmpuint (fixture->messages->len, ==, 0);

  after = attached (fixture->fake, "vs_beta");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_beta/files"), ==, 4);
  /* the action is used up: a second Undo does nothing */
  g_assert_false (sk_deletion_undo (fixture->deletion));
}

/* Detach A, then B before A's Undo was used: Undo re-attaches B (the
 * latest action), and A stays detached. */
static void
test_undo_latest_detach (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const a[] = { "file-005", NULL };
  const char * const b[] = { "file-006", NULL };
  const char * const c[] = { "file-007", NULL };

  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", a));
  wait_finished (fixture, 0);
  g_assert_true (fixture->undoable);
  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", b));
  wait_finished (fixture, 1);
  g_assert_true (fixture->undoable);
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-005"));
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-006"));

  sk_fake_openai_reset_log (fixture->fake);
  g_assert_true (sk_deletion_undo (fixture->deletion));
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);

  g_assert_true (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-006"));
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-005"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_beta/files"), ==, 1);
  g_assert_false (sk_deletion_undo (fixture->deletion));

  /* a deletion that is not undoable keeps the latest detach undoable */
  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", c));
  wait_finished (fixture, 2);
  g_assert_true (fixture->undoable);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const []) { "file-020", NULL }));
  wait_finished (fixture, 3);
  g_assert_false (fixture->undoable);
  g_assert_true (sk_deletion_get_can_undo (fixture->deletion));
  g_assert_true (sk_deletion_undo (fixture->deletion));
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_true (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-007"));
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-005"));
}

/* An Undo whose attach fails says so */
static void
test_undo_failure_message (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const a[] = { "file-005", "file-006", NULL };

  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", a));
  wait_finished (fixture, 0);
  for (guint i = 0; i < 8; i++)
    sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_beta/files", SK_FAKE_FAULT_STATUS, 404, -1);
  g_assert_true (sk_deletion_undo (fixture->deletion));
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_cmpuint (fixture->n_undone, ==, 1);
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->messages, 0), ==, "Could not add 2 files back to the vector store");
}

static void
test_faults_and_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto (GStrv) ids = range_ids (15, 15);
  SkDeletionCounts counts;
  guint n_gone = 0;

  sk_test_inject_delete_faults (fixture->fake);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  wait_finished (fixture, 0);

  for (guint i = 0; ids[i] != NULL; i++)
    if (!sk_fake_openai_has_file (fixture->fake, ids[i]))
      n_gone++;
  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_files, ==, n_gone);
  g_assert_cmpuint (counts.n_failed, ==, 15 - n_gone);
  g_assert_cmpuint (counts.n_failed, ==, 1);
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-021"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/file-021"), ==, 4);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Deleted 14 files · 1 failed");

  /* Retry Failed deletes the failure only, and keeps what was deleted */
  sk_fake_openai_reset_log (fixture->fake);
  g_assert_true (sk_deletion_retry_failed (fixture->deletion));
  wait_finished (fixture, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/"), ==, 1);
  g_assert_false (sk_fake_openai_has_file (fixture->fake, "file-021"));
  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_files, ==, 15);
  g_assert_cmpuint (counts.n_failed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sk_deletion_get_results (fixture->deletion)), ==, 15);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Deleted 15 files");
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, 15);

  /* nothing left to retry */
  g_assert_false (sk_deletion_retry_failed (fixture->deletion));
  g_assert_cmpuint (fixture->n_finished, ==, 2);
}

/* A failed detach is retried on the same store, with its name */
static void
test_retry_detach (Fixture       *fixture,
                   gconstpointer  data)
{
  const char * const ids[] = { "file-005", "file-006", NULL };

  for (guint i = 0; i < 4; i++)
    sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_beta/files/file-006",
                                SK_FAKE_FAULT_STATUS, 500, -1);
  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", ids));
  wait_finished (fixture, 0);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Removed 1 file from “Beta” · 1 failed");
  g_assert_true (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-006"));

  g_assert_true (sk_deletion_retry_failed (fixture->deletion));
  wait_finished (fixture, 1);
  g_assert_false (sk_fake_openai_is_attached (fixture->fake, "vs_beta", "file-006"));
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Removed 2 files from “Beta”");
  g_assert_cmpint (sk_deletion_get_kind (fixture->deletion), ==, SK_BULK_DETACH_FILES);
  g_assert_true (fixture->undoable);
}

static gboolean
some_done (gpointer data)
{
  SkBulkDelete *job = sk_deletion_get_job (data);

  return job != NULL && sk_bulk_delete_get_n_done (job) >= 3;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto (GStrv) ids = range_ids (10, 20);
  g_autofree char *deleted = NULL;
  g_auto (GStrv) deleted_list = NULL;
  SkDeletionCounts counts;
  GListModel *results;

  g_object_set (fixture->fake, "latency-ms", 100, NULL);
  sk_deletion_set_max_in_flight (fixture->deletion, 2);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  sk_test_wait_until (some_done, fixture->deletion, TIMEOUT);
  g_assert_cmpuint (sk_bulk_delete_get_max_in_flight (sk_deletion_get_job (fixture->deletion)), ==, 2);

  /* a second deletion is refused, with a reason */
  g_assert_false (sk_deletion_delete_files (fixture->deletion, (const char * const []) { "file-000", NULL }));
  g_assert_false (sk_deletion_check_idle (fixture->deletion));
  g_assert_cmpuint (fixture->messages->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->messages, 0), "already running"));

  sk_deletion_cancel (fixture->deletion);
  g_assert_true (sk_deletion_get_cancelling (fixture->deletion));
  wait_finished (fixture, 0);
  g_assert_false (sk_deletion_get_cancelling (fixture->deletion));
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-000"));

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  deleted_list = g_strsplit (deleted, "\n", -1);
  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_files, ==, g_strv_length (deleted_list));
  g_assert_cmpuint (counts.n_files, <, 20);
  g_assert_cmpuint (counts.n_files + counts.n_failed + counts.n_cancelled, ==, 20);
  g_assert_cmpuint (counts.n_cancelled, >, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - g_strv_length (deleted_list));
  g_assert_nonnull (strstr (sk_deletion_get_summary (fixture->deletion), "not tried (cancelled)"));
  /* each one the results call deleted is gone from the server */
  results = sk_deletion_get_results (fixture->deletion);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      g_assert_cmpint (sk_fake_openai_has_file (fixture->fake, sk_bulk_result_get_id (result)), ==,
                       sk_bulk_result_get_outcome (result) != SK_OUTCOME_DELETED);
    }
}

/* Dropping the controller mid-run: it ends the run before it goes */
static void
test_stop_mid_run (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto (GStrv) ids = range_ids (15, 15);

  g_object_set (fixture->fake, "latency-ms", 100, NULL);
  sk_deletion_set_max_in_flight (fixture->deletion, 1);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  sk_test_wait_until (some_done, fixture->deletion, TIMEOUT);
  sk_deletion_stop (fixture->deletion);
  wait_finished (fixture, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), >, N_FILES - 15);
}

/* Journal */

/* A journal in a new folder, given to the controller with the account's
 * name and the sizes of the files; the folder, to remove */
static char *
give_journal (Fixture *fixture)
{
  g_autoptr (GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (SkJournal) journal = NULL;
  char *dir = jt_make_dir ();

  for (guint i = 0; i < N_FILES; i++)
    {
      gint64 bytes = 1000 + i;

      g_hash_table_insert (sizes, g_strdup_printf ("file-%03u", i), g_memdup2 (&bytes, sizeof bytes));
    }
  journal = jt_open (dir);
  sk_deletion_set_journal (fixture->deletion, journal);
  sk_deletion_set_account_name (fixture->deletion, "Work account");
  sk_deletion_set_sizes (fixture->deletion, sizes);
  return dir;
}

/* The only job of the journal of the controller */
static SkJournalJob *
only_job (Fixture *fixture)
{
  g_autoptr (GPtrArray) jobs = jt_load (sk_deletion_get_journal (fixture->deletion));

  g_assert_cmpuint (jobs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (jobs, 0));
}

static void
assert_no_key (Fixture *fixture)
{
  g_autofree char *text = jt_read_text (sk_journal_get_path (sk_deletion_get_journal (fixture->deletion)), NULL);

  g_assert_null (strstr (text, "sk-test-key"));
  g_assert_null (strstr (text, "Bearer"));
}

static void
test_journal_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dir = give_journal (fixture);
  g_auto (GStrv) ids = range_ids (3, 6);
  g_autoptr (SkJournalJob) job = NULL;
  SkJournalItem *item;

  sk_fake_openai_queue_fault (fixture->fake, "/v1/files/file-004", SK_FAKE_FAULT_STATUS, 404, -1);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  wait_finished (fixture, 0);

  job = only_job (fixture);
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, "Work account");
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_FILES);
  g_assert_cmpint (sk_journal_job_get_origin (job), ==, SK_JOURNAL_ORIGIN_WINDOW);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
  g_assert_false (sk_journal_job_get_interrupted (job));
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 6);
  item = sk_journal_job_lookup_item (job, "file-003");
  g_assert_cmpstr (sk_journal_item_get_name (item), ==, "report-03.pdf");
  g_assert_cmpint (sk_journal_item_get_bytes (item), ==, 1003);
  g_assert_true (sk_journal_item_get_sent (item));
  /* the journal agrees with the server, item by item */
  for (guint i = 0; ids[i] != NULL; i++)
    jt_assert_state (job, ids[i], sk_fake_openai_has_file (fixture->fake, ids[i])
                                    ? SK_JOURNAL_ITEM_FAILED : SK_JOURNAL_ITEM_DELETED);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job) + sk_journal_job_get_n_failed (job), ==, 6);
  g_assert_cmpint (sk_journal_job_get_bytes_deleted (job), ==,
                   1003 + 1005 + 1006 + 1007 + 1008 + (sk_journal_job_get_n_deleted (job) == 6 ? 1004 : 0));
  assert_no_key (fixture);
  jt_remove_tree (dir);
}

/* Stores deleted with all their files: the files found are added to the
 * same job, each with its outcome */
static void
test_journal_stores_all_files (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *dir = give_journal (fixture);
  const char * const ids[] = { "vs_alpha", NULL };
  g_autoptr (SkJournalJob) job = NULL;

  g_assert_true (sk_deletion_delete_stores (fixture->deletion, ids, SK_DELETE_STORES_ALL_FILES, NULL, NULL));
  wait_finished (fixture, 0);

  job = only_job (fixture);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 11);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 11);
  jt_assert_state (job, "vs_alpha", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-009", SK_JOURNAL_ITEM_DELETED);
  g_assert_cmpstr (sk_journal_item_get_name (sk_journal_job_lookup_item (job, "vs_alpha")), ==, "Alpha");
  g_assert_cmpint (sk_journal_item_get_bytes (sk_journal_job_lookup_item (job, "file-009")), ==, 1009);
  g_assert_null (sk_journal_job_lookup_item (job, "file-010"));
  assert_no_key (fixture);
  jt_remove_tree (dir);
}

/* A detach records its store on each item; Retry Failed is a job of its own */
static void
test_journal_detach_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dir = give_journal (fixture);
  const char * const ids[] = { "file-005", "file-006", NULL };
  g_autoptr (GPtrArray) jobs = NULL;
  SkJournalJob *first, *retry;

  for (guint i = 0; i < 4; i++)
    sk_fake_openai_queue_fault (fixture->fake, "/v1/vector_stores/vs_beta/files/file-006",
                                SK_FAKE_FAULT_STATUS, 500, -1);
  g_assert_true (sk_deletion_detach_files (fixture->deletion, "vs_beta", "Beta", ids));
  wait_finished (fixture, 0);
  g_assert_true (sk_deletion_retry_failed (fixture->deletion));
  wait_finished (fixture, 1);

  jobs = jt_load (sk_deletion_get_journal (fixture->deletion));
  g_assert_cmpuint (jobs->len, ==, 2);
  first = g_ptr_array_index (jobs, 0);
  retry = g_ptr_array_index (jobs, 1);
  g_assert_cmpint (sk_journal_job_get_kind (first), ==, SK_JOURNAL_KIND_DETACH);
  g_assert_cmpstr (sk_journal_item_get_vector_store_id (sk_journal_job_lookup_item (first, "file-005")), ==,
                   "vs_beta");
  jt_assert_state (first, "file-005", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (first, "file-006", SK_JOURNAL_ITEM_FAILED);
  g_assert_cmpuint (sk_journal_item_get_status (sk_journal_job_lookup_item (first, "file-006")), ==, 500);
  g_assert_cmpint (sk_journal_job_get_kind (retry), ==, SK_JOURNAL_KIND_DETACH);
  g_assert_cmpuint (sk_journal_job_get_n_items (retry), ==, 1);
  jt_assert_state (retry, "file-006", SK_JOURNAL_ITEM_DELETED);
  jt_remove_tree (dir);
}

static void
test_journal_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = give_journal (fixture);
  g_auto (GStrv) ids = range_ids (10, 20);
  g_autoptr (SkJournalJob) job = NULL;
  SkDeletionCounts counts;

  g_object_set (fixture->fake, "latency-ms", 100, NULL);
  sk_deletion_set_max_in_flight (fixture->deletion, 2);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  sk_test_wait_until (some_done, fixture->deletion, TIMEOUT);
  sk_deletion_cancel (fixture->deletion);
  wait_finished (fixture, 0);

  sk_deletion_get_counts (fixture->deletion, &counts);
  job = only_job (fixture);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_CANCELLED);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, counts.n_files);
  g_assert_cmpuint (sk_journal_job_get_n_cancelled (job), ==, counts.n_cancelled);
  g_assert_cmpuint (sk_journal_job_get_n_unknown (job) + sk_journal_job_get_n_not_attempted (job), ==, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    if (sk_fake_openai_has_file (fixture->fake, ids[i]))
      g_assert_cmpint (sk_journal_item_get_state (sk_journal_job_lookup_item (job, ids[i])), !=,
                       SK_JOURNAL_ITEM_DELETED);
    else
      jt_assert_state (job, ids[i], SK_JOURNAL_ITEM_DELETED);
  jt_remove_tree (dir);
}

static void
journal_failed_cb (SkDeletion   *deletion,
                   const GError *error,
                   Fixture      *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (error->message));
}

/* A journal that cannot be written: nothing is deleted until the caller
 * chooses; dropped, nothing goes; told to go on, the deletion runs */
static void
test_journal_write_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_auto (GStrv) ids = range_ids (0, 3);

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  journal = sk_journal_new_for_path ("/dev/full", &error);
  g_assert_no_error (error);
  sk_deletion_set_journal (fixture->deletion, journal);
  g_signal_connect (fixture->deletion, "journal-failed", G_CALLBACK (journal_failed_cb), fixture);

  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->messages, 0), "/dev/full"));
  g_assert_true (sk_deletion_get_held (fixture->deletion));
  g_assert_false (sk_deletion_get_running (fixture->deletion));
  /* held, it blocks another deletion */
  g_assert_false (sk_deletion_check_idle (fixture->deletion));
  sk_deletion_drop_held (fixture->deletion);
  g_assert_false (sk_deletion_get_held (fixture->deletion));
  g_assert_false (sk_deletion_go_on_without_record (fixture->deletion));
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  g_assert_true (sk_deletion_get_held (fixture->deletion));
  g_assert_true (sk_deletion_go_on_without_record (fixture->deletion));
  g_assert_true (sk_deletion_get_running (fixture->deletion));
  wait_finished (fixture, 0);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==, "Deleted 3 files");
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - 3);
}

/* No journal at all (it could not be opened): each deletion is held with
 * the reason, as when the intent cannot be written */
static void
test_journal_unopened (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_READ_ONLY, "read-only folder");
  g_auto (GStrv) ids = range_ids (0, 2);

  sk_deletion_set_journal_error (fixture->deletion, error);
  g_signal_connect (fixture->deletion, "journal-failed", G_CALLBACK (journal_failed_cb), fixture);
  g_assert_true (sk_deletion_delete_files (fixture->deletion, (const char * const *) ids));
  g_assert_true (sk_deletion_get_held (fixture->deletion));
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->messages, 0), ==, "read-only folder");
  g_assert_true (sk_deletion_go_on_without_record (fixture->deletion));
  wait_finished (fixture, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, N_FILES - 2);
}

/* Expiry of vector stores */

static void
test_expiry_summary_text (void)
{
  static const struct {
    SkDeletionCounts counts;
    guint            days;
    const char      *expected;
  } cases[] = {
    { { .n_expiry = 12 }, 30, "12 vector stores now expire after 30 days without activity" },
    { { .n_expiry = 1 }, 7, "1 vector store now expires after 7 days without activity" },
    { { .n_expiry = 12 }, 0, "12 vector stores no longer expire" },
    { { .n_expiry = 1 }, 0, "1 vector store no longer expires" },
    { { .n_expiry = 2, .n_failed = 1 }, 14, "2 vector stores now expire after 14 days without activity · 1 failed" },
    { { .n_expiry = 10, .n_cancelled = 30 }, 0, "10 vector stores no longer expire · 30 not changed (cancelled)" },
    { { .n_failed = 3 }, 5, "No expiry was changed · 3 failed" },
    { { 0 }, 5, "No expiry was changed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sk_deletion_summarize_expiry (&cases[i].counts, cases[i].days);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deletion/summary-text", test_summary_text);
  g_test_add_func ("/deletion/usage-counts", test_usage_counts);
  g_test_add_func ("/deletion/expiry/summary-text", test_expiry_summary_text);
  g_test_add ("/deletion/files", Fixture, NULL, fixture_setup, test_delete_files, fixture_teardown);
  g_test_add ("/deletion/stores-keep-files", Fixture, &stores_keep, fixture_setup, test_delete_stores,
              fixture_teardown);
  g_test_add ("/deletion/stores-exclusive-files", Fixture, &stores_exclusive, fixture_setup, test_delete_stores,
              fixture_teardown);
  g_test_add ("/deletion/stores-all-files", Fixture, &stores_all, fixture_setup, test_delete_stores,
              fixture_teardown);
  g_test_add ("/deletion/exclusive-only-existing", Fixture, NULL, fixture_setup, test_exclusive_only_existing,
              fixture_teardown);
  g_test_add ("/deletion/detach-undo", Fixture, NULL, fixture_setup, test_detach_undo, fixture_teardown);
  g_test_add ("/deletion/undo-latest-detach", Fixture, NULL, fixture_setup, test_undo_latest_detach,
              fixture_teardown);
  g_test_add ("/deletion/undo-failure-message", Fixture, NULL, fixture_setup, test_undo_failure_message,
              fixture_teardown);
  g_test_add ("/deletion/faults-and-retry", Fixture, NULL, fixture_setup, test_faults_and_retry,
              fixture_teardown);
  g_test_add ("/deletion/retry-detach", Fixture, NULL, fixture_setup, test_retry_detach, fixture_teardown);
  g_test_add ("/deletion/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/deletion/stop-mid-run", Fixture, NULL, fixture_setup, test_stop_mid_run, fixture_teardown);
  g_test_add ("/deletion/journal/files", Fixture, NULL, fixture_setup, test_journal_files, fixture_teardown);
  g_test_add ("/deletion/journal/stores-all-files", Fixture, NULL, fixture_setup, test_journal_stores_all_files,
              fixture_teardown);
  g_test_add ("/deletion/journal/detach-retry", Fixture, NULL, fixture_setup, test_journal_detach_retry,
              fixture_teardown);
  g_test_add ("/deletion/journal/cancel", Fixture, NULL, fixture_setup, test_journal_cancel, fixture_teardown);
  g_test_add ("/deletion/journal/write-fails", Fixture, NULL, fixture_setup, test_journal_write_fails,
              fixture_teardown);
  g_test_add ("/deletion/journal/unopened", Fixture, NULL, fixture_setup, test_journal_unopened,
              fixture_teardown);

  return g_test_run ();
}
