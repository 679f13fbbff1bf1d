/* test-cleanup-rules.c: what each cleanup rule criterion selects, alone and
 * combined, the rules as JSON, the built-in ones, the rules file
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sk-cleanup-rule.h"
#include "sk-orphan-finder.h"
#include "sk-test-utils.h"
#include "sk-usage-loader.h"

#define NOW ((gint64) 1800000000)
#define DAY ((gint64) 86400)

/* Files: id, name, bytes, age in days, expires in days (0: never, < 0: past), purpose */
static GPtrArray *
make_files (void)
{
  struct { const char *id; const char *name; gint64 bytes; gint64 age; gint64 expires; const char *purpose; } f[] = {
    { "file-old-batch", "in-old.jsonl", 1000, 40, -10, "batch" },
    { "file-new-batch", "in-new.jsonl", 2000, 5, 25, "batch" },
    { "file-old-output", "out-old.jsonl", 50000, 45, 0, "batch_output" },
    { "file-doc-orphan", "notes.pdf", 300000, 100, 0, "assistants" },
    { "file-doc-stored", "manual.pdf", 900000, 100, 0, "assistants" },
    { "file-doc-busy", "data.pdf", 10, 2, 3, "user_data" },
    { "file-train", "train.jsonl", 7000, 60, 0, "fine-tune" },
  };
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    g_ptr_array_add (files, sk_file_new (f[i].id, f[i].name, f[i].bytes, NOW - f[i].age * DAY,
                                         f[i].expires == 0 ? 0 : NOW + f[i].expires * DAY,
                                         f[i].purpose, "processed"));
  return files;
}

static SkUsageIndex *
make_usage (void)
{
  SkUsageIndex *usage = sk_usage_index_new ();
  g_autoptr (JsonNode) batch = json_from_string ("{\"id\":\"batch_1\",\"status\":\"in_progress\","
                                                 "\"input_file_id\":\"file-doc-busy\"}", NULL);
  g_autoptr (JsonNode) job = json_from_string ("{\"id\":\"ftjob-1\",\"status\":\"succeeded\","
                                               "\"training_file\":\"file-train\",\"result_files\":[]}", NULL);

  sk_usage_index_add_store_entry (usage, "file-doc-stored", "vs_1", "completed");
  g_assert_true (sk_usage_index_add_batch (usage, batch, NULL));
  g_assert_true (sk_usage_index_add_fine_tuning_job (usage, job, NULL));
  return usage;
}

/* The IDs @rule selects of @files, joined by spaces */
static char *
select_files (const SkCleanupRule *rule,
              GPtrArray           *files,
              SkUsageIndex        *usage)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    if (sk_cleanup_rule_matches_file (rule, files->pdata[i], usage, NOW))
      g_string_append_printf (ids, "%s%s", ids->len ? " " : "", sk_file_get_id (files->pdata[i]));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

typedef struct
{
  const char *what;
  const char *json;      /* the rule, without name and target */
  const char *expected;
} FileCase;

static void
test_file_criteria (void)
{
  const FileCase cases[] = {
    { "nothing set: everything", "",
      "file-old-batch file-new-batch file-old-output file-doc-orphan file-doc-stored file-doc-busy file-train" },
    { "purposes", ",\"purposes\":[\"batch\",\"batch_output\"]", "file-old-batch file-new-batch file-old-output" },
    { "older than", ",\"older_than_days\":50", "file-doc-orphan file-doc-stored file-train" },
    { "min size", ",\"min_bytes\":50000", "file-old-output file-doc-orphan file-doc-stored" },
    { "max size", ",\"max_bytes\":2000", "file-old-batch file-new-batch file-doc-busy" },
    { "status", ",\"status\":\"error\"", "" },
    { "name glob", ",\"name_glob\":\"*.pdf\"", "file-doc-orphan file-doc-stored file-doc-busy" },
    { "name glob ?", ",\"name_glob\":\"in-???.jsonl\"", "file-old-batch file-new-batch" },
    { "expired", ",\"expired\":true", "file-old-batch" },
    { "expiring within", ",\"expiring_within_days\":7", "file-doc-busy" },
    { "unused", ",\"use\":\"unused\"",
      "file-old-batch file-new-batch file-old-output file-doc-orphan file-train" },
    { "used", ",\"use\":\"used\"", "file-doc-stored file-doc-busy" },
    { "batch files older than 30 days", ",\"purposes\":[\"batch\",\"batch_output\"],\"older_than_days\":30",
      "file-old-batch file-old-output" },
    { "old big pdfs no store holds", ",\"name_glob\":\"*.pdf\",\"older_than_days\":30,\"min_bytes\":1000,"
      "\"use\":\"unused\"", "file-doc-orphan" },
    { "contradiction", ",\"expired\":true,\"expiring_within_days\":30", "" },
  };
  g_autoptr (GPtrArray) files = make_files ();
  g_autoptr (SkUsageIndex) usage = make_usage ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\":\"t\",\"target\":\"files\"%s}", cases[i].json);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (SkCleanupRule) rule = sk_cleanup_rule_new_from_json (node, &error);
      g_autofree char *selected = NULL;

      g_test_message ("%s", cases[i].what);
      g_assert_no_error (error);
      selected = select_files (rule, files, usage);
      g_assert_cmpstr (selected, ==, cases[i].expected);
    }

  /* a use criterion selects nothing while the usage is not known */
  {
    g_autoptr (SkCleanupRule) rule = sk_cleanup_rule_new ("t", SK_CLEANUP_FILES);
    g_autofree char *selected = NULL;

    rule->use = SK_CLEANUP_USE_UNUSED;
    selected = select_files (rule, files, NULL);
    g_assert_cmpstr (selected, ==, "");
  }
}

static SkVectorStore *
make_store (const char *id,
            const char *name,
            const char *status,
            gint64      bytes,
            gint64      age_days,
            gint64      inactive_days,
            gint64      expires_in_days,
            gint64      n_files)
{
  g_autofree char *json =
    g_strdup_printf ("{\"id\":\"%s\",\"object\":\"vector_store\",\"name\":%s%s%s,\"status\":\"%s\","
                     "\"usage_bytes\":%" G_GINT64_FORMAT ",\"created_at\":%" G_GINT64_FORMAT ","
                     "\"last_active_at\":%" G_GINT64_FORMAT ",\"expires_at\":%" G_GINT64_FORMAT ","
                     "\"file_counts\":{\"in_progress\":0,\"completed\":%" G_GINT64_FORMAT ",\"failed\":0,"
                     "\"cancelled\":0,\"total\":%" G_GINT64_FORMAT "}}",
                     id, name ? "\"" : "", name ? name : "null", name ? "\"" : "", status, bytes,
                     NOW - age_days * DAY, NOW - inactive_days * DAY,
                     expires_in_days == 0 ? (gint64) 0 : NOW + expires_in_days * DAY, n_files, n_files);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);
  g_autoptr (GError) error = NULL;
  SkVectorStore *store = sk_vector_store_new_from_json (node, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_store_criteria (void)
{
  struct { const char *json; const char *expected; } cases[] = {
    { "", "vs_exp vs_empty vs_busy vs_unnamed" },
    { ",\"expired\":true", "vs_exp" },
    { ",\"use\":\"unused\"", "vs_empty vs_unnamed" },
    { ",\"use\":\"used\"", "vs_exp vs_busy" },
    { ",\"inactive_days\":60", "vs_exp vs_empty" },
    { ",\"expiring_within_days\":10", "vs_busy" },
    { ",\"min_bytes\":1000000", "vs_busy" },
    { ",\"name_glob\":\"Test *\"", "vs_exp vs_empty" },
    { ",\"older_than_days\":100,\"use\":\"unused\"", "vs_empty" },
    { ",\"status\":\"completed\",\"inactive_days\":60", "vs_empty" },
    /* a files criterion: stores have no purpose, so it is not checked */
    { ",\"purposes\":[\"batch\"]", "vs_exp vs_empty vs_busy vs_unnamed" },
  };
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (stores, make_store ("vs_exp", "Test old", "expired", 5000, 300, 200, 0, 3));
  g_ptr_array_add (stores, make_store ("vs_empty", "Test empty", "completed", 0, 150, 90, 0, 0));
  g_ptr_array_add (stores, make_store ("vs_busy", "Docs", "completed", 5000000, 20, 1, 6, 40));
  g_ptr_array_add (stores, make_store ("vs_unnamed", NULL, "in_progress", 0, 1, 1, 0, 0));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\":\"t\",\"target\":\"vector_stores\"%s}", cases[i].json);
      g_autoptr (JsonNode) node = json_from_string (json, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (SkCleanupRule) rule = sk_cleanup_rule_new_from_json (node, &error);
      g_autoptr (GString) selected = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < stores->len; j++)
        {
          if (sk_cleanup_rule_matches_store (rule, stores->pdata[j], NOW))
            g_string_append_printf (selected, "%s%s", selected->len ? " " : "",
                                    sk_vector_store_get_id (stores->pdata[j]));
        }
      g_assert_cmpstr (selected->str, ==, cases[i].expected);
    }

  /* a files rule selects no store, a stores rule no file */
  {
    g_autoptr (SkCleanupRule) files_rule = sk_cleanup_rule_new ("f", SK_CLEANUP_FILES);
    g_autoptr (SkCleanupRule) stores_rule = sk_cleanup_rule_new ("s", SK_CLEANUP_VECTOR_STORES);
    g_autoptr (GPtrArray) files = make_files ();

    g_assert_false (sk_cleanup_rule_matches_store (files_rule, stores->pdata[0], NOW));
    g_assert_false (sk_cleanup_rule_matches_file (stores_rule, files->pdata[0], NULL, NOW));
  }
}

static char *
to_string (const SkCleanupRule *rule)
{
  g_autoptr (JsonNode) node = sk_cleanup_rule_to_json (rule);

  return json_to_string (node, FALSE);
}

static void
test_json (void)
{
  const char *bad[] = {
    "[]",
    "{\"target\":\"files\"}",
    "{\"name\":\"\",\"target\":\"files\"}",
    "{\"name\":\"x\"}",
    "{\"name\":\"x\",\"target\":\"assistants\"}",
    "{\"name\":\"x\",\"target\":\"files\",\"older_than_days\":-1}",
    "{\"name\":\"x\",\"target\":\"files\",\"older_than_days\":\"30\"}",
    "{\"name\":\"x\",\"target\":\"files\",\"purposes\":\"batch\"}",
    "{\"name\":\"x\",\"target\":\"files\",\"purposes\":[1]}",
    "{\"name\":\"x\",\"target\":\"files\",\"use\":\"sometimes\"}",
    "{\"name\":\"x\",\"target\":\"files\",\"expired\":1}",
    "{\"name\":\"x\",\"target\":\"files\",\"older_than\":30}",
  };
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();

  /* every member survives a round trip */
  {
    g_autoptr (SkCleanupRule) rule = sk_cleanup_rule_new ("Everything", SK_CLEANUP_FILES);
    const char *const purposes[] = { "batch", "evals", NULL };
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autoptr (JsonNode) node = NULL;
    g_autoptr (SkCleanupRule) back = NULL;

    rule->purposes = g_strdupv ((char **) purposes);
    rule->older_than_days = 30;
    rule->min_bytes = 1;
    rule->max_bytes = G_MAXINT64;
    rule->status = g_strdup ("processed");
    rule->name_glob = g_strdup ("*.jsonl");
    rule->expired = TRUE;
    rule->expiring_within_days = 3;
    rule->use = SK_CLEANUP_USE_USED;
    rule->inactive_days = 9;
    first = to_string (rule);
    g_assert_cmpstr (first, ==,
                     "{\"name\":\"Everything\",\"target\":\"files\",\"purposes\":[\"batch\",\"evals\"],"
                     "\"older_than_days\":30,\"min_bytes\":1,\"max_bytes\":9223372036854775807,"
                     "\"expiring_within_days\":3,\"inactive_days\":9,\"status\":\"processed\","
                     "\"name_glob\":\"*.jsonl\",\"expired\":true,\"use\":\"used\"}");
    node = json_from_string (first, NULL);
    back = sk_cleanup_rule_new_from_json (node, NULL);
    second = to_string (back);
    g_assert_cmpstr (second, ==, first);
  }

  for (guint i = 0; i < builtin->len; i++)
    {
      g_autofree char *first = to_string (builtin->pdata[i]);
      g_autoptr (JsonNode) node = json_from_string (first, NULL);
      g_autoptr (SkCleanupRule) back = sk_cleanup_rule_new_from_json (node, NULL);
      g_autofree char *second = to_string (back);

      g_assert_cmpstr (second, ==, first);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (SkCleanupRule) rule = sk_cleanup_rule_new_from_json (node, &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (rule);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_builtin (void)
{
  g_autoptr (GPtrArray) rules = sk_cleanup_rules_builtin ();
  g_autoptr (GPtrArray) files = make_files ();
  g_autoptr (SkUsageIndex) usage = make_usage ();
  g_autofree char *batch = NULL;
  g_autofree char *orphans = NULL;

  g_assert_cmpuint (rules->len, ==, 4);
  g_assert_cmpstr (((SkCleanupRule *) rules->pdata[0])->name, ==, "Batch files older than 30 days");
  g_assert_cmpstr (((SkCleanupRule *) rules->pdata[1])->name, ==, "Files in no vector store");
  g_assert_cmpstr (((SkCleanupRule *) rules->pdata[2])->name, ==, "Expired vector stores");
  g_assert_cmpstr (((SkCleanupRule *) rules->pdata[3])->name, ==, "Empty vector stores");

  batch = select_files (rules->pdata[0], files, usage);
  g_assert_cmpstr (batch, ==, "file-old-batch file-old-output");
  /* documents only, and never one a running job reads */
  orphans = select_files (rules->pdata[1], files, usage);
  g_assert_cmpstr (orphans, ==, "file-doc-orphan");
}

static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sk-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "rules.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) loaded = NULL;
  g_autoptr (GPtrArray) rules = sk_cleanup_rules_builtin ();
  g_autoptr (GPtrArray) again = NULL;
  GStatBuf st;

  /* no file yet: the built-in rules */
  loaded = sk_cleanup_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 4);

  /* saved, edited, read back */
  ((SkCleanupRule *) rules->pdata[0])->older_than_days = 60;
  g_ptr_array_remove_index (rules, 3);
  g_assert_true (sk_cleanup_rules_save (rules, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  again = sk_cleanup_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_cmpuint (((SkCleanupRule *) again->pdata[0])->older_than_days, ==, 60);
  for (guint i = 0; i < again->len; i++)
    {
      g_autofree char *a = to_string (rules->pdata[i]);
      g_autofree char *b = to_string (again->pdata[i]);

      g_assert_cmpstr (a, ==, b);
    }

  /* a damaged file is an error, not the built-in rules */
  g_assert_true (g_file_set_contents (path, "{\"rules\":{}}", -1, NULL));
  g_clear_pointer (&again, g_ptr_array_unref);
  again = sk_cleanup_rules_load (path, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "{\"rules\":[{\"name\":\"x\"}]}", -1, NULL));
  again = sk_cleanup_rules_load (path, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "not json", -1, NULL));
  again = sk_cleanup_rules_load (path, &error);
  g_assert_null (again);
  g_assert_nonnull (error);

  g_unlink (path);
  {
    g_autofree char *sub = g_path_get_dirname (path);

    g_rmdir (sub);
  }
  g_rmdir (dir);
}

static void
finder_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sk_orphan_finder_run_finish (SK_ORPHAN_FINDER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The built-in rules on the seeded simulated account, listed through the
 * client: each selects what its definition says, counted another way. */
static void
test_seeded (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autoptr (SkClient) client = sk_test_client_new (fake, NULL);
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (client);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SkUsageIndex) usage = NULL;
  g_autoptr (GPtrArray) rules = sk_cleanup_rules_builtin ();
  g_autoptr (GError) error = NULL;
  const char * const all_purposes[] = { NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GPtrArray *files, *stores;
  guint selected[4] = { 0 }, expected[4] = { 0 };
  gboolean done = FALSE;

  sk_fake_openai_generate (fake, 11, 600, 40);
  sk_orphan_finder_set_purposes (finder, all_purposes);
  sk_orphan_finder_run_async (finder, NULL, finder_cb, &done);
  sk_test_wait_until (is_true, &done, 30000);
  sk_usage_loader_load_async (client, sk_orphan_finder_get_entries (finder), NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 30000);
  usage = sk_usage_loader_load_finish (result, &error);
  g_assert_no_error (error);

  files = sk_orphan_finder_get_files (finder);
  stores = sk_orphan_finder_get_vector_stores (finder);
  g_assert_cmpuint (files->len, ==, 600);
  for (guint i = 0; i < files->len; i++)
    {
      SkFile *file = files->pdata[i];
      const char *purpose = sk_file_get_purpose (file);
      const char *id = sk_file_get_id (file);
      gboolean batch = g_str_equal (purpose, "batch") || g_str_equal (purpose, "batch_output");
      gboolean document = g_str_equal (purpose, "assistants") || g_str_equal (purpose, "user_data");

      for (guint r = 0; r < 2; r++)
        selected[r] += sk_cleanup_rule_matches_file (rules->pdata[r], file, usage, now);
      expected[0] += batch && sk_file_get_created_at (file) < now - 30 * DAY;
      expected[1] += document && sk_orphan_finder_count_stores (finder, id) == 0 &&
                     !sk_usage_index_is_busy (usage, id);
    }
  for (guint i = 0; i < stores->len; i++)
    {
      SkVectorStore *store = stores->pdata[i];

      for (guint r = 2; r < 4; r++)
        selected[r] += sk_cleanup_rule_matches_store (rules->pdata[r], store, now);
      expected[2] += g_str_equal (sk_vector_store_get_status (store), "expired");
      expected[3] += sk_vector_store_get_files_total (store) == 0;
    }

  for (guint r = 0; r < 4; r++)
    {
      g_test_message ("%s: %u", ((SkCleanupRule *) rules->pdata[r])->name, selected[r]);
      g_assert_cmpuint (selected[r], ==, expected[r]);
    }
  /* batch files expire after 30 days: none is older; the account has
   * orphaned documents, expired stores and empty stores */
  g_assert_cmpuint (selected[0], ==, 0);
  g_assert_cmpuint (selected[1], >, 0);
  g_assert_cmpuint (selected[2], >, 0);
  g_assert_cmpuint (selected[3], >, 0);

  sk_fake_openai_disconnect (fake);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cleanup-rules/file-criteria", test_file_criteria);
  g_test_add_func ("/cleanup-rules/store-criteria", test_store_criteria);
  g_test_add_func ("/cleanup-rules/json", test_json);
  g_test_add_func ("/cleanup-rules/builtin", test_builtin);
  g_test_add_func ("/cleanup-rules/file", test_file);
  g_test_add_func ("/cleanup-rules/seeded", test_seeded);

  return g_test_run ();
}
