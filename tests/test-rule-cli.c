/* test-rule-cli.c: `storekeeper --rule NAME --dry-run [--json]` against a
 * simulated account in this process ($STOREKEEPER_BIN is spawned)
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sk-test-utils.h"

#define TIMEOUT_MS 60000
#define DAY ((gint64) 86400)

typedef struct
{
  gboolean  done;
  int       status;
  char     *out;
  char     *err;
} Run;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                                       &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *) data)->done;
}

/* Runs storekeeper with @args against @fake (its data folder: @data_dir);
 * the main context iterates meanwhile, so the fake answers. */
static void
run_cli (SkFakeOpenai       *fake,
         const char         *data_dir,
         const char * const *args,
         Run                *run)
{
  const char *bin = g_getenv ("STOREKEEPER_BIN");
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);

  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "OPENAI_API_KEY", "sk-test-key", TRUE);
  g_subprocess_launcher_setenv (launcher, "OPENAI_BASE_URL", url, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, run);
  sk_test_wait_until (run_done, run, TIMEOUT_MS);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->done = FALSE;
}

/* An account: two old batch files (one a running batch reads), a new one,
 * documents in and out of a store, an empty store. */
static SkFakeOpenai *
make_account (void)
{
  SkFakeOpenai *fake = sk_test_fake_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  sk_fake_openai_add_file (fake, "file-b1", "old-1.jsonl", "batch", 100, now - 40 * DAY);
  sk_fake_openai_add_file (fake, "file-b2", "old-2.jsonl", "batch_output", 200, now - 35 * DAY);
  sk_fake_openai_add_file (fake, "file-b3", "new.jsonl", "batch", 400, now - 2 * DAY);
  sk_fake_openai_add_file (fake, "file-d1", "kept.pdf", "assistants", 1000, now - 90 * DAY);
  sk_fake_openai_add_file (fake, "file-d2", "orphan.pdf", "assistants", 3000, now - 90 * DAY);
  sk_fake_openai_add_file (fake, "file-d3", "busy.pdf", "user_data", 5000, now - 1 * DAY);
  sk_fake_openai_add_vector_store (fake, "vs_full", "Full", now - 10 * DAY);
  sk_fake_openai_add_vector_store (fake, "vs_empty", "Empty", now - 10 * DAY);
  g_assert_true (sk_fake_openai_attach (fake, "vs_full", "file-d1", "completed"));
  g_assert_true (sk_fake_openai_add_batch (fake, "batch_run", "in_progress", "file-d3", NULL));
  return fake;
}

static void
test_dry_run (void)
{
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sk-rule-cli-XXXXXX", NULL);
  Run run = { 0 };

  if (g_getenv ("STOREKEEPER_BIN") == NULL)
    {
      g_test_skip ("STOREKEEPER_BIN is not set");
      return;
    }
  fake = make_account ();

  /* JSON: the rule, its items, count and bytes */
  {
    const char *args[] = { "--rule", "Batch files older than 30 days", "--dry-run", "--json", NULL };
    g_autoptr (JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *items;
    g_autoptr (GError) error = NULL;

    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 0);
    root = json_from_string (run.out, &error);
    g_assert_no_error (error);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "rule"), ==, "Batch files older than 30 days");
    g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, "files");
    g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (object, "bytes"), ==, 300);
    items = json_object_get_array_member (object, "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    /* newest first, as the account lists them */
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"), ==, "file-b2");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"), ==,
                     "old-2.jsonl");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "bytes"), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "id"), ==, "file-b1");
    /* it only read */
    g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 0);
    g_assert_null (strstr (run.out, "sk-test-key"));
    g_assert_null (strstr (run.err, "sk-test-key"));
    run_clear (&run);
  }

  /* table: one line per item, then the total; the busy document is kept out */
  {
    const char *args[] = { "--rule=Files in no vector store", "--dry-run", NULL };

    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "file-d2\torphan.pdf\t3000\n1 item, 3.0\xc2\xa0" "kB\n");
    run_clear (&run);
  }

  {
    const char *args[] = { "--rule", "Empty vector stores", "--dry-run", "--json", NULL };
    g_autoptr (JsonNode) root = NULL;
    JsonObject *object;

    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 0);
    root = json_from_string (run.out, NULL);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "target"), ==, "vector_stores");
    g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (object, "items"), 0), "id"), ==, "vs_empty");
    run_clear (&run);
  }

  /* a saved rule replaces the built-in ones */
  {
    const char *args[] = { "--rule", "Big", "--dry-run", NULL };
    g_autofree char *folder = g_build_filename (dir, "storekeeper", NULL);
    g_autofree char *path = g_build_filename (folder, "cleanup-rules.json", NULL);

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_assert_true (g_file_set_contents (path, "{\"rules\":[{\"name\":\"Big\",\"target\":\"files\","
                                              "\"min_bytes\":2500}]}", -1, NULL));
    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 0);
    /* busy.pdf matches too, but a running batch reads it: left out, and said */
    g_assert_cmpstr (run.out, ==, "file-d2\torphan.pdf\t3000\n1 item, 3.0\xc2\xa0" "kB\n");
    g_assert_nonnull (strstr (run.err, "1 file left out: a running batch or fine-tuning job reads it"));
    run_clear (&run);

    /* unknown rule, missing --dry-run: usage errors */
    {
      const char *unknown[] = { "--rule", "Batch files older than 30 days", "--dry-run", NULL };

      run_cli (fake, dir, unknown, &run);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "no cleanup rule"));
      run_clear (&run);
    }
    {
      const char *no_dry[] = { "--rule", "Big", NULL };

      run_cli (fake, dir, no_dry, &run);
      g_assert_cmpint (run.status, ==, 2);
      run_clear (&run);
    }
    g_unlink (path);
    g_rmdir (folder);
  }

  /* the account cannot be listed: exit status 1 */
  {
    const char *args[] = { "--rule", "Empty vector stores", "--dry-run", NULL };

    sk_fake_openai_queue_fault (fake, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 403, -1);
    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "could not list the account"));
    run_clear (&run);
  }

  g_rmdir (dir);
  sk_fake_openai_disconnect (fake);
}

/* --yes deletes exactly what --dry-run shows, through the bulk engine,
 * prints its report and says in its exit status whether anything failed */
static void
test_yes (void)
{
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sk-rule-cli-XXXXXX", NULL);
  Run run = { 0 };

  if (g_getenv ("STOREKEEPER_BIN") == NULL)
    {
      g_test_skip ("STOREKEEPER_BIN is not set");
      return;
    }
  fake = make_account ();

  /* a deletion that fails: the CSV report says which, exit status 1 */
  {
    const char *args[] = { "--rule", "Batch files older than 30 days", "--yes", NULL };

    sk_fake_openai_queue_fault (fake, "/v1/files/file-b1", SK_FAKE_FAULT_STATUS, 403, -1);
    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.out, "id,outcome,status_code,error\r\n"));
    g_assert_nonnull (strstr (run.out, "\r\nfile-b2,deleted,"));
    g_assert_nonnull (strstr (run.out, "\r\nfile-b1,failed,403,"));
    g_assert_true (sk_fake_openai_has_file (fake, "file-b1"));
    g_assert_false (sk_fake_openai_has_file (fake, "file-b2"));
    g_assert_true (sk_fake_openai_has_file (fake, "file-b3"));
    run_clear (&run);
  }

  /* again: only what is left of the selection goes */
  {
    const char *args[] = { "--rule", "Batch files older than 30 days", "--yes", "--json", NULL };
    g_autoptr (JsonNode) root = NULL;
    JsonObject *object;

    sk_fake_openai_reset_log (fake);
    run_cli (fake, dir, args, &run);
    g_assert_cmpint (run.status, ==, 0);
    root = json_from_string (run.out, NULL);
    g_assert_nonnull (root);
    object = json_node_get_object (root);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "success")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "failed")), ==, 0);
    g_assert_cmpuint (sk_fake_openai_count_requests (fake, "DELETE", "/v1/"), ==, 1);
    g_assert_cmpuint (sk_fake_openai_count_deleted (fake, "/v1/files/file-b1"), ==, 1);
    g_assert_true (sk_fake_openai_has_file (fake, "file-b3"));
    run_clear (&run);
  }

  /* neither --dry-run nor --yes, or both: a usage error, nothing sent */
  {
    const char *both[] = { "--rule", "Empty vector stores", "--yes", "--dry-run", NULL };

    sk_fake_openai_reset_log (fake);
    run_cli (fake, dir, both, &run);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpuint (sk_fake_openai_get_requests (fake)->len, ==, 0);
    run_clear (&run);
  }

  g_rmdir (dir);
  sk_fake_openai_disconnect (fake);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rule-cli/dry-run", test_dry_run);
  g_test_add_func ("/rule-cli/yes", test_yes);

  return g_test_run ();
}
