/* test-expiry-deletion.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expiry of vector stores changed through the deletion controller, on
 * a simulated account, with no display: the bulk engine's results, the
 * summary worded for expiry, no undo, Retry Failed with the same policy,
 * Cancel, and nothing in the deletion journal (expiry deletes nothing).
 */

#include "config.h"

#include <string.h>

#include "journal-test-utils.h"
#include "sk-test-deletion.h"
#include "sk-test-utils.h"

#include "sk-deletion.h"

#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
  SkDeletion   *deletion;
  GPtrArray    *messages;   /* the "message" texts, in order */
  guint         n_finished;
  gboolean      undoable;   /* of the last "finished" */
} Fixture;

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
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  fixture->client = sk_test_client_new (fixture->fake, NULL);
  fixture->deletion = sk_deletion_new (fixture->client);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (names, g_strdup ("vs_alpha"), g_strdup ("Alpha"));
  sk_deletion_set_names (fixture->deletion, names);
  g_signal_connect (fixture->deletion, "finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (fixture->deletion, "message", G_CALLBACK (message_cb), fixture);
}

static gboolean
settled (gpointer data)
{
  return !sk_deletion_get_running (SK_DELETION (data));
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

/* Waits for the run started to end, then checks it ended once */
static void
wait_finished (Fixture *fixture,
               guint    n_before)
{
  sk_test_wait_until (settled, fixture->deletion, TIMEOUT);
  g_assert_cmpuint (fixture->n_finished, ==, n_before + 1);
  g_assert_null (sk_deletion_get_job (fixture->deletion));
}

/* A journal in a new folder, given to the controller; the folder, to remove */
static char *
give_journal (Fixture *fixture)
{
  g_autoptr (SkJournal) journal = NULL;
  char *dir = jt_make_dir ();

  journal = jt_open (dir);
  sk_deletion_set_journal (fixture->deletion, journal);
  sk_deletion_set_account_name (fixture->deletion, "Work account");
  return dir;
}

/* The count of an expiry result, beside those of deletions */
static void
test_expiry_counts (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  const char * const ids[] = { "vs_a", "vs_b", NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new_store_expiry (client, ids, 3);
  SkDeletionCounts counts;

  sk_deletion_count (sk_bulk_delete_get_results (job), &counts);
  g_assert_cmpuint (counts.n_expiry, ==, 0);
  g_assert_cmpuint (counts.n_cancelled, ==, 2);
  g_assert_cmpuint (counts.n_stores, ==, 0);
}

/* The bulk engine's results, a summary worded for expiry, no undo, Retry
 * Failed with the same policy, and nothing in the deletion journal */
static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = give_journal (fixture);
  const char * const ids[] = { "vs_alpha", "vs_beta", "vs_later", NULL };
  g_autoptr (GPtrArray) jobs = NULL;
  SkDeletionCounts counts;
  GListModel *results;

  g_assert_true (sk_deletion_set_store_expiry (fixture->deletion, ids, 21));
  g_assert_true (sk_deletion_get_running (fixture->deletion));
  g_assert_false (sk_deletion_get_held (fixture->deletion));
  /* one at a time, with the deletions */
  g_assert_false (sk_deletion_set_store_expiry (fixture->deletion, ids, 3));
  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_cmpint (sk_bulk_delete_get_kind (sk_deletion_get_job (fixture->deletion)), ==, SK_BULK_STORE_EXPIRY);
  wait_finished (fixture, 0);

  g_assert_false (fixture->undoable);
  g_assert_false (sk_deletion_get_can_undo (fixture->deletion));
  g_assert_cmpint (sk_deletion_get_kind (fixture->deletion), ==, SK_BULK_STORE_EXPIRY);
  g_assert_cmpuint (sk_deletion_get_expiry_days (fixture->deletion), ==, 21);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==,
                   "2 vector stores now expire after 21 days without activity · 1 failed");
  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_expiry, ==, 2);
  g_assert_cmpuint (counts.n_failed, ==, 1);
  g_assert_cmpuint (counts.n_stores, ==, 0);
  results = sk_deletion_get_results (fixture->deletion);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (sk_deletion_get_result_names (fixture->deletion), "vs_alpha"), ==, "Alpha");
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_alpha"), ==, 21);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_beta"), ==, 21);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_empty"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (fixture->fake), ==, 3);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);

  /* the store appears: Retry Failed sets the same policy on it alone */
  sk_fake_openai_add_vector_store (fixture->fake, "vs_later", "Later", 1700000400);
  sk_fake_openai_reset_log (fixture->fake);
  g_assert_true (sk_deletion_retry_failed (fixture->deletion));
  wait_finished (fixture, 1);
  g_assert_cmpstr (sk_deletion_get_summary (fixture->deletion), ==,
                   "3 vector stores now expire after 21 days without activity");
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, "vs_later"), ==, 21);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/"), ==, 1);
  g_assert_false (sk_deletion_retry_failed (fixture->deletion));

  /* not a deletion: the journal has no record of either */
  jobs = jt_load (sk_deletion_get_journal (fixture->deletion));
  g_assert_cmpuint (jobs->len, ==, 0);
  jt_remove_tree (dir);
}

/* A journal that cannot be opened holds deletions, not a change of
 * expiry; cancelled mid-way, the stores never sent keep their policy */
static void
test_expiry_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_READ_ONLY, "read-only folder");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) ids = NULL;
  SkDeletionCounts counts;
  guint n_changed = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_many_%02u", i);

      sk_fake_openai_add_vector_store (fixture->fake, id, "Many", 1700001000 + i);
      g_strv_builder_add (builder, id);
    }
  ids = g_strv_builder_end (builder);
  sk_deletion_set_journal_error (fixture->deletion, error);
  sk_deletion_set_max_in_flight (fixture->deletion, 2);
  g_object_set (fixture->fake, "latency-ms", 20, NULL);

  g_assert_true (sk_deletion_set_store_expiry (fixture->deletion, (const char * const *) ids, 9));
  g_assert_false (sk_deletion_get_held (fixture->deletion));
  g_assert_true (sk_deletion_get_running (fixture->deletion));
  while (sk_deletion_get_job (fixture->deletion) == NULL ||
         sk_bulk_delete_get_n_done (sk_deletion_get_job (fixture->deletion)) < 4)
    g_main_context_iteration (NULL, TRUE);
  sk_deletion_cancel (fixture->deletion);
  wait_finished (fixture, 0);

  sk_deletion_get_counts (fixture->deletion, &counts);
  g_assert_cmpuint (counts.n_expiry, >=, 4);
  g_assert_cmpuint (counts.n_cancelled, >, 0);
  g_assert_cmpuint (counts.n_expiry + counts.n_cancelled, ==, 40);
  g_assert_nonnull (strstr (sk_deletion_get_summary (fixture->deletion), " not changed (cancelled)"));
  for (guint i = 0; ids[i] != NULL; i++)
    if (sk_fake_openai_get_expiry_days (fixture->fake, ids[i]) == 9)
      n_changed++;
    else
      g_assert_cmpuint (sk_fake_openai_get_expiry_days (fixture->fake, ids[i]), ==, 0);
  g_assert_cmpuint (n_changed, ==, counts.n_expiry);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "POST", "/v1/vector_stores/vs_many_"), ==,
                    counts.n_expiry);
  g_object_set (fixture->fake, "latency-ms", 0, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expiry-deletion/counts", test_expiry_counts);
  g_test_add ("/expiry-deletion/set-and-retry", Fixture, NULL, fixture_setup, test_expiry, fixture_teardown);
  g_test_add ("/expiry-deletion/cancel", Fixture, NULL, fixture_setup, test_expiry_cancel, fixture_teardown);

  return g_test_run ();
}
