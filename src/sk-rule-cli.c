/* sk-rule-cli.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sk-rule-cli.h"

#include "sk-bulk-delete.h"
#include "sk-cleanup-rule.h"
#include "sk-client.h"
#include "sk-demo-account.h"
#include "sk-orphan-finder.h"
#include "sk-report.h"
#include "sk-usage-loader.h"

/* A cleanup rule from the command line: lists the account (files, stores,
 * their entries, batches and jobs), then prints the items the rule
 * selects with their total, as a table or JSON (--dry-run), or deletes
 * them through the bulk engine and prints its report (--yes). Files a
 * running batch or fine-tuning job reads are always left out. The
 * account is $OPENAI_API_KEY at $OPENAI_BASE_URL (default OpenAI's), or the
 * simulated one with --demo; the rules are those saved in the data folder
 * (cleanup-rules.json), or the built-in ones. */

typedef struct
{
  GMainLoop    *loop;
  GError       *error;
  SkUsageIndex *usage;
} Wait;

static void
bulk_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  sk_bulk_delete_run_finish (SK_BULK_DELETE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
finder_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  sk_orphan_finder_run_finish (SK_ORPHAN_FINDER (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
usage_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  wait->usage = sk_usage_loader_load_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static const SkCleanupRule *
find_rule (GPtrArray  *rules,
           const char *name)
{
  for (guint i = 0; i < rules->len; i++)
    {
      SkCleanupRule *rule = g_ptr_array_index (rules, i);

      if (g_str_equal (rule->name, name))
        return rule;
    }
  return NULL;
}

/* One selected item: borrowed strings */
typedef struct
{
  const char *id;
  const char *name;
  gint64      bytes;
} Item;

static void
print_json (const SkCleanupRule *rule,
            GArray              *items,
            gint64               total)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, rule->name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, rule->target == SK_CLEANUP_FILES ? "files" : "vector_stores");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item->id);
      json_builder_set_member_name (builder, "name");
      if (item->name != NULL)
        json_builder_add_string_value (builder, item->name);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, item->bytes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, items->len);
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_table (GArray *items,
             gint64  total)
{
  g_autofree char *size = g_format_size ((guint64) MAX (total, 0));

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      g_print ("%s\t%s\t%" G_GINT64_FORMAT "\n", item->id, item->name != NULL ? item->name : "",
               item->bytes);
    }
  /* Translators: the last line of `storekeeper --rule NAME --dry-run`; %'u is a number of items, %s their size */
  g_print (ngettext ("%'u item, %s\n", "%'u items, %s in all\n", items->len), items->len, size);
}

int
sk_rule_cli_main (int    argc,
                  char **argv)
{
  g_autofree char *rule_name = NULL;
  gboolean dry_run = FALSE;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  gboolean demo = FALSE;
  GOptionEntry entries[] = {
    { "rule", 0, 0, G_OPTION_ARG_STRING, &rule_name,
      N_("Show what the cleanup rule of this name selects"), N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only print what the rule selects; delete nothing"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Delete what the rule selects, with no question, and print the report"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print JSON instead of a table"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Use a simulated account instead of OpenAI"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (SkDemoAccount) demo_account = NULL;
  g_autoptr (SkClient) client = NULL;
  g_autoptr (SkOrphanFinder) finder = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  guint n_busy = 0;
  g_autofree char *path = NULL;
  const char * const no_purposes[] = { NULL };
  const SkCleanupRule *rule;
  Wait wait = { 0 };
  gint64 now, total = 0;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print what a cleanup rule selects, for scripts."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("storekeeper: %s\n", error->message);
      return 2;
    }
  if (rule_name == NULL || dry_run == yes)
    {
      g_printerr (_("storekeeper: use --rule NAME with either --dry-run or --yes\n"));
      return 2;
    }

  path = g_build_filename (g_get_user_data_dir (), "storekeeper", "cleanup-rules.json", NULL);
  rules = sk_cleanup_rules_load (path, &error);
  if (rules == NULL)
    {
      g_printerr ("storekeeper: %s: %s\n", path, error->message);
      return 1;
    }
  rule = find_rule (rules, rule_name);
  if (rule == NULL)
    {
      g_printerr (_("storekeeper: no cleanup rule is called “%s”\n"), rule_name);
      return 2;
    }

  if (demo)
    {
      demo_account = sk_demo_account_start (0, 0, &error);
      if (demo_account == NULL)
        {
          g_printerr (_("storekeeper: cannot start the simulated account: %s\n"), error->message);
          return 1;
        }
      client = sk_client_new (sk_demo_account_get_base_url (demo_account),
                              sk_demo_account_get_api_key (demo_account));
    }
  else
    {
      const char *key = g_getenv ("OPENAI_API_KEY");
      const char *base = g_getenv ("OPENAI_BASE_URL");

      if (key == NULL || *key == '\0')
        {
          g_printerr (_("storekeeper: set OPENAI_API_KEY, or use --demo\n"));
          return 2;
        }
      client = sk_client_new (base != NULL && *base != '\0' ? base : SK_DEFAULT_BASE_URL, key);
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  finder = sk_orphan_finder_new (client);
  sk_orphan_finder_set_purposes (finder, no_purposes);
  sk_orphan_finder_run_async (finder, NULL, finder_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error == NULL && rule->target == SK_CLEANUP_FILES)
    {
      sk_usage_loader_load_async (client, sk_orphan_finder_get_entries (finder), NULL, usage_done_cb, &wait);
      g_main_loop_run (loop);
    }
  if (wait.error != NULL)
    {
      g_printerr (_("storekeeper: could not list the account: %s\n"), wait.error->message);
      g_clear_error (&wait.error);
      return 1;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (rule->target == SK_CLEANUP_FILES)
    {
      GPtrArray *files = sk_orphan_finder_get_files (finder);

      for (guint i = 0; i < files->len; i++)
        if (sk_cleanup_rule_matches_file (rule, files->pdata[i], wait.usage, now))
          {
            if (sk_usage_index_is_busy (wait.usage, sk_file_get_id (files->pdata[i])))
              {
                n_busy++;
                continue;
              }

            Item item = { sk_file_get_id (files->pdata[i]), sk_file_get_filename (files->pdata[i]),
                          sk_file_get_bytes (files->pdata[i]) };

            g_array_append_val (items, item);
            total += MAX (item.bytes, 0);
          }
    }
  else
    {
      GPtrArray *stores = sk_orphan_finder_get_vector_stores (finder);

      for (guint i = 0; i < stores->len; i++)
        if (sk_cleanup_rule_matches_store (rule, stores->pdata[i], now))
          {
            Item item = { sk_vector_store_get_id (stores->pdata[i]), sk_vector_store_get_name (stores->pdata[i]),
                          sk_vector_store_get_usage_bytes (stores->pdata[i]) };

            g_array_append_val (items, item);
            total += MAX (item.bytes, 0);
          }
    }

  g_clear_object (&wait.usage);
  if (n_busy > 0)
    g_printerr (ngettext ("storekeeper: %'u file left out: a running batch or fine-tuning job reads it\n",
                          "storekeeper: %'u files left out: running batches or fine-tuning jobs read them\n",
                          n_busy), n_busy);

  if (dry_run)
    {
      if (json)
        print_json (rule, items, total);
      else
        print_table (items, total);
      return 0;
    }

  /* --yes: the bulk engine, then its report (JSON, or CSV as a table) */
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ids, (gpointer) g_array_index (items, Item, i).id);
  g_ptr_array_add (ids, NULL);
  job = sk_bulk_delete_new (client, rule->target == SK_CLEANUP_FILES ? SK_BULK_DELETE_FILES
                                                                     : SK_BULK_DELETE_VECTOR_STORES,
                            NULL, (const char * const *) ids->pdata);
  sk_bulk_delete_run_async (job, NULL, bulk_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.error != NULL)
    {
      g_printerr ("storekeeper: %s\n", wait.error->message);
      g_clear_error (&wait.error);
      return 1;
    }
  {
    g_autofree char *report = json ? sk_report_to_json (sk_bulk_delete_get_results (job), TRUE)
                                   : sk_report_to_csv (sk_bulk_delete_get_results (job));

    g_print ("%s%s", report, g_str_has_suffix (report, "\n") ? "" : "\n");
  }
  return sk_bulk_delete_get_n_succeeded (job) == sk_bulk_delete_get_n_total (job) ? 0 : 1;
}
