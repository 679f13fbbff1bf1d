/* test-local-journal.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local API's deletions in the journal: each bulk deletion and each
 * detach is a job of origin "local-api" with its intent, its outcomes
 * (agreeing with the simulated account) and its end; the account's name
 * only when the server's own key was used; never a key or the local
 * token; a journal that cannot be written does not stop a deletion.
 */

#include "config.h"

#include <string.h>

#include "journal-test-utils.h"
#include "local-api-fixture.h"

/* Gives the server a journal in a new folder; returns the folder */
static char *
give_journal (Fixture *f)
{
  g_autoptr (SkJournal) journal = NULL;
  char *dir = jt_make_dir ();

  journal = jt_open (dir);
  g_object_set (f->server, "journal", journal, NULL);
  return dir;
}

static SkJournal *
journal_of (Fixture *f)
{
  g_autoptr (SkJournal) journal = NULL;

  g_object_get (f->server, "journal", &journal, NULL);
  return journal;
}

/* The only job of the server's journal */
static SkJournalJob *
only_job (Fixture *f)
{
  g_autoptr (GPtrArray) jobs = jt_load (journal_of (f));

  g_assert_cmpuint (jobs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (jobs, 0));
}

static void
assert_no_secret (Fixture *f)
{
  g_autofree char *text = jt_read_text (sk_journal_get_path (journal_of (f)), NULL);
  const char *token = sk_local_server_get_local_token (f->server);

  g_assert_null (strstr (text, KEY));
  if (token != NULL)
    g_assert_null (strstr (text, token));
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *dir = give_journal (f);
  g_autoptr (Resp) resp = NULL;
  g_autoptr (SkJournalJob) job = NULL;

  add_files (f, "file-", 6, "assistants");
  resp = call (f, "DELETE", "/files",
               "{\"file_ids\": [\"file-0004\", \"file-0001\", \"file-nope\", \"file-0004\", \"file-0002\"]}");
  g_assert_cmpuint (resp->status, ==, 200);

  job = only_job (f);
  g_assert_cmpint (sk_journal_job_get_origin (job), ==, SK_JOURNAL_ORIGIN_LOCAL_API);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_FILES);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
  /* the caller's own key: no account name is known */
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, "");
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 4);
  jt_assert_state (job, "file-0004", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-0001", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-0002", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-nope", SK_JOURNAL_ITEM_FAILED);
  g_assert_cmpuint (sk_journal_item_get_status (sk_journal_job_lookup_item (job, "file-nope")), ==, 404);
  g_assert_null (sk_journal_job_lookup_item (job, "file-0000"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-0004"));
  assert_no_secret (f);
  jt_remove_tree (dir);
}

/* With the local token, the deletion is the account's: its name is
 * recorded, never its key nor the token */
static void
test_token_account (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = give_journal (f);
  g_autofree char *bearer = NULL;
  g_autoptr (Resp) resp = NULL;
  g_autoptr (SkJournalJob) job = NULL;

  add_stores (f, 3);
  sk_local_server_set_account_key (f->server, KEY);
  g_object_set (f->server, "account-name", "Work account", NULL);
  bearer = g_strdup_printf ("Bearer %s", sk_local_server_get_local_token (f->server));
  resp = http (f, "DELETE", "/vector_stores", "{\"vector_store_ids\": [\"vs_0000\", \"vs_0002\"]}",
               "Authorization", bearer, NULL);
  g_assert_cmpuint (resp->status, ==, 200);

  job = only_job (f);
  g_assert_cmpstr (sk_journal_job_get_account (job), ==, "Work account");
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_VECTOR_STORES);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 2);
  g_assert_true (sk_fake_openai_has_vector_store (f->fake, "vs_0001"));
  assert_no_secret (f);
  jt_remove_tree (dir);
}

/* The files found in the stores are added to the same job */
static void
test_stores_with_files (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *dir = give_journal (f);
  g_autoptr (Resp) resp = NULL;
  g_autoptr (SkJournalJob) job = NULL;

  add_stores (f, 2);
  add_files (f, "file-", 5, "assistants");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%04u", i);

      sk_fake_openai_attach (f->fake, "vs_0000", id, "completed");
    }
  resp = call (f, "DELETE", "/vector_stores/with-files",
               "{\"vector_store_ids\": [\"vs_0000\"], \"delete_files\": true}");
  g_assert_cmpuint (resp->status, ==, 200);

  job = only_job (f);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
  g_assert_cmpuint (sk_journal_job_get_n_items (job), ==, 4);
  g_assert_cmpuint (sk_journal_job_get_n_deleted (job), ==, 4);
  jt_assert_state (job, "vs_0000", SK_JOURNAL_ITEM_DELETED);
  jt_assert_state (job, "file-0002", SK_JOURNAL_ITEM_DELETED);
  g_assert_null (sk_journal_job_lookup_item (job, "file-0003"));
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 2);
  jt_remove_tree (dir);
}

static void
test_detach (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = give_journal (f);
  g_autoptr (Resp) resp = NULL;
  g_autoptr (Resp) again = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  SkJournalJob *job;
  SkJournalItem *item;

  add_stores (f, 1);
  add_files (f, "file-", 1, "assistants");
  sk_fake_openai_attach (f->fake, "vs_0000", "file-0000", "completed");
  resp = call (f, "DELETE", "/vector_stores/vs_0000/files/file-0000", NULL);
  g_assert_cmpuint (resp->status, ==, 200);
  again = call (f, "DELETE", "/vector_stores/vs_0000/files/file-0000", NULL);
  g_assert_cmpuint (again->status, ==, 404);

  jobs = jt_load (journal_of (f));
  g_assert_cmpuint (jobs->len, ==, 2);
  job = g_ptr_array_index (jobs, 0);
  g_assert_cmpint (sk_journal_job_get_kind (job), ==, SK_JOURNAL_KIND_DETACH);
  g_assert_cmpint (sk_journal_job_get_end (job), ==, SK_JOURNAL_END_COMPLETED);
  item = sk_journal_job_lookup_item (job, "file-0000");
  g_assert_cmpstr (sk_journal_item_get_vector_store_id (item), ==, "vs_0000");
  g_assert_cmpint (sk_journal_item_get_state (item), ==, SK_JOURNAL_ITEM_DELETED);
  job = g_ptr_array_index (jobs, 1);
  jt_assert_state (job, "file-0000", SK_JOURNAL_ITEM_FAILED);
  g_assert_cmpuint (sk_journal_item_get_status (sk_journal_job_lookup_item (job, "file-0000")), ==, 404);
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_0000", "file-0000"));
  jt_remove_tree (dir);
}

/* A journal that cannot be written: the deletion still runs, and the log
 * line says it was not journaled */
static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (Resp) resp = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  journal = sk_journal_new_for_path ("/dev/full", &error);
  g_assert_no_error (error);
  g_object_set (f->server, "journal", journal, NULL);

  add_files (f, "file-", 3, "assistants");
  resp = call (f, "DELETE", "/files", "{\"file_ids\": [\"file-0000\", \"file-0001\"]}");
  g_assert_cmpuint (resp->status, ==, 200);
  g_assert_cmpuint (sk_fake_openai_get_n_files (f->fake), ==, 1);
  wait_log (f, 1);
  g_assert_nonnull (strstr (last_log (f), "not journaled"));
  g_assert_null (strstr (last_log (f), KEY));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/local-journal/files", Fixture, NULL, fixture_set_up, test_files, fixture_tear_down);
  g_test_add ("/local-journal/token-account", Fixture, NULL, fixture_set_up, test_token_account,
              fixture_tear_down);
  g_test_add ("/local-journal/stores-with-files", Fixture, NULL, fixture_set_up, test_stores_with_files,
              fixture_tear_down);
  g_test_add ("/local-journal/detach", Fixture, NULL, fixture_set_up, test_detach, fixture_tear_down);
  g_test_add ("/local-journal/write-fails", Fixture, NULL, fixture_set_up, test_write_fails, fixture_tear_down);

  return g_test_run ();
}
