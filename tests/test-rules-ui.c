/* test-rules-ui.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleanup rules in the window, on a simulated account: the rules dialog,
 * the preview of a rule (the list pages show only what it selects, under
 * a bar with the count, the size, Show All and Delete…), and the deletion
 * that follows through the normal confirmation, proven from the fake's
 * request log.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sk-test-deletion.h"
#include "sk-test-utils.h"
#include "sk-test-window.h"

#include "sk-list-page-preview.h"
#include "sk-rules-dialog.h"
#include "sk-vector-store-file.h"
#include "sk-window-private.h"

#define TIMEOUT 30000
#define OLD     1700000000

typedef struct
{
  SkFakeOpenai *fake;
  SkWindow     *window;
} Fixture;

static gboolean
ready (gpointer data)
{
  SkWindow *window = data;

  return sk_window_get_usage_ready (window) && sk_window_get_jobs_ready (window)
         && !sk_files_page_get_busy (sk_window_get_files_page (window))
         && !sk_stores_page_get_busy (sk_window_get_stores_page (window))
         && !sk_window_get_job_running (window) && !sk_window_get_preview_pending (window);
}

/* Besides sk_test_fill_deletion_account's: old batch files b00..b02 (a
 * running batch reads b00), and a new one, b03. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  sk_fake_openai_add_file (fixture->fake, "file-b00", "in.jsonl", "batch", 100, OLD);
  sk_fake_openai_add_file (fixture->fake, "file-b01", "out.jsonl", "batch_output", 200, OLD);
  sk_fake_openai_add_file (fixture->fake, "file-b02", "in2.jsonl", "batch", 400, OLD);
  sk_fake_openai_add_file (fixture->fake, "file-b03", "new.jsonl", "batch", 800,
                           g_get_real_time () / G_USEC_PER_SEC - 3600);
  g_assert_true (sk_fake_openai_add_batch (fixture->fake, "batch_run", "in_progress", "file-b00", NULL));
  g_assert_true (sk_fake_openai_add_batch (fixture->fake, "batch_done", "completed", "file-b02", "file-b01"));
  fixture->window = sk_test_window_open (fixture->fake, ready, TIMEOUT);
  sk_fake_openai_reset_log (fixture->fake);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sk_test_window_close (fixture->window, ready, TIMEOUT);
  g_clear_object (&fixture->fake);
}

static SkRulesDialog *
open_rules (Fixture *fixture)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cleanup-rules", NULL);
  dialog = sk_window_get_rules_dialog (fixture->window);
  g_assert_true (SK_IS_RULES_DIALOG (dialog));
  return SK_RULES_DIALOG (dialog);
}

/* The IDs of @items (sorted, joined with "\n") */
static char *
join_ids (GPtrArray *items)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      char *id = NULL;

      g_object_get (g_ptr_array_index (items, i), "id", &id, NULL);
      g_ptr_array_add (ids, id);
    }
  g_ptr_array_sort (ids, sk_test_compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* What the core says @rule selects among the window's list of its target */
static char *
core_selection (Fixture             *fixture,
                const SkCleanupRule *rule)
{
  SkListPage *page = rule->target == SK_CLEANUP_FILES ? SK_LIST_PAGE (sk_window_get_files_page (fixture->window))
                                                      : SK_LIST_PAGE (sk_window_get_stores_page (fixture->window));
  GListModel *list = G_LIST_MODEL (sk_list_page_get_list (page));
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      if (rule->target == SK_CLEANUP_FILES
          ? sk_cleanup_rule_matches_file (rule, SK_FILE (item), sk_window_get_usage_index (fixture->window), now)
          : sk_cleanup_rule_matches_store (rule, SK_VECTOR_STORE (item), now))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return join_ids (items);
}

/* The rows the page shows (element-type GObject) */
static GPtrArray *
shown_items (SkListPage *page)
{
  GListModel *model = G_LIST_MODEL (sk_list_page_get_selection (page));
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/* The bar says @n files or stores of @bytes for @rule_name */
static void
assert_bar (SkListPage *page,
            const char *rule_name,
            guint       n,
            gint64      bytes)
{
  SkListPagePreview *preview = sk_list_page_get_preview (page);
  g_autofree char *expected = sk_list_page_preview_format (rule_name, sk_list_page_get_item_type (page), n, bytes);

  g_assert_true (sk_list_page_preview_get_active (preview));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_cmpstr (sk_list_page_preview_get_title (preview), ==, rule_name);
  g_assert_cmpstr (sk_list_page_preview_get_text (preview), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sk_list_page_get_selection (page))), ==, n);
}

/* Previews the built-in rule @index from the dialog; checks that the page
 * shown shows and selects exactly what the core selects, and @expected */
static SkListPage *
preview (Fixture    *fixture,
         guint       index,
         const char *expected,
         guint       n_expected,
         gint64      bytes_expected)
{
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();
  const SkCleanupRule *rule = g_ptr_array_index (builtin, index);
  SkRulesDialog *dialog = open_rules (fixture);
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) shown = NULL;
  g_autofree char *selected_ids = NULL;
  g_autofree char *shown_ids = NULL;
  g_autofree char *core_ids = NULL;
  SkListPage *page;
  GtkWidget *focus;
  guint n = 0;
  gint64 bytes = 0;

  g_assert_true (sk_rules_dialog_preview (dialog, rule->name));
  sk_test_spin (20);
  g_assert_null (sk_window_get_rules_dialog (fixture->window));
  sk_test_wait_until (ready, fixture->window, TIMEOUT);

  page = _sk_window_get_current_page (fixture->window);
  g_assert_nonnull (page);
  g_assert_true (sk_list_page_get_item_type (page) ==
                 (rule->target == SK_CLEANUP_FILES ? SK_TYPE_FILE : SK_TYPE_VECTOR_STORE));
  selected = sk_list_page_dup_selected (page);
  selected_ids = join_ids (selected);
  core_ids = core_selection (fixture, rule);
  g_assert_cmpstr (selected_ids, ==, core_ids);
  g_assert_cmpstr (selected_ids, ==, expected);
  sk_list_page_get_selection_summary (page, &n, &bytes);
  g_assert_cmpuint (n, ==, n_expected);
  g_assert_cmpint (bytes, ==, bytes_expected);

  /* the list shows those items and no other */
  shown = shown_items (page);
  shown_ids = join_ids (shown);
  g_assert_cmpstr (shown_ids, ==, core_ids);
  assert_bar (page, rule->name, n_expected, bytes_expected);
  /* the keyboard is on the list */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (sk_list_page_get_column_view (page))
                 || gtk_widget_is_ancestor (focus, GTK_WIDGET (sk_list_page_get_column_view (page))));
  return page;
}

static void
answer_delete (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-selected", NULL);
  dialog = sk_window_get_delete_dialog (fixture->window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  sk_test_spin (20);
  g_assert_null (sk_window_get_delete_dialog (fixture->window));
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
}

/* Each built-in rule selects what the core selects, and only that */
static void
test_preview_builtin (Fixture       *fixture,
                      gconstpointer  data)
{
  SkListPage *files_page = SK_LIST_PAGE (sk_window_get_files_page (fixture->window));
  SkListPage *page;

  /* a search and a selection made before do not hide or add anything */
  sk_list_page_set_search_mode (files_page, TRUE);
  sk_list_page_set_search_text (files_page, "report-02");
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  sk_list_page_select_all (files_page);

  preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  preview (fixture, 1,
           "file-015\nfile-016\nfile-017\nfile-018\nfile-019\nfile-020\nfile-021\nfile-022\nfile-023\n"
           "file-024\nfile-025\nfile-026\nfile-027\nfile-028\nfile-029",
           15, 1000 * (16 + 30) * 15 / 2);
  page = preview (fixture, 2, "", 0, 0);
  g_assert_cmpstr (sk_list_page_get_state (page), ==, "preview-empty");
  page = preview (fixture, 3, "vs_empty", 1, 0);
  g_assert_cmpstr (sk_list_page_get_state (page), ==, "list");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
}

/* Confirming the preview deletes exactly what it selected, less the file
 * a running batch reads, which the confirmation leaves out */
static void
test_preview_then_delete (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *deleted = NULL;

  preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  answer_delete (fixture);
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-b01\nfile-b02");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 2);
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-b00"));
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-b03"));

  preview (fixture, 3, "vs_empty", 1, 0);
  answer_delete (fixture);
  deleted = sk_test_deleted_ids (fixture->fake, "/v1/vector_stores/");
  g_assert_cmpstr (deleted, ==, "vs_empty");
}

static guint
n_in_list (SkListPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sk_list_page_get_list (page)));
}

static void
assert_no_preview (SkListPage *page)
{
  SkListPagePreview *preview = sk_list_page_get_preview (page);

  g_assert_false (sk_list_page_preview_get_active (preview));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_null (sk_list_page_preview_get_text (preview));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sk_list_page_get_selection (page))), ==,
                    n_in_list (page));
}

/* Show All brings the whole list back; so does Escape, as the window's
 * shortcut; showing another page or another list leaves the preview */
static void
test_preview_show_all (Fixture       *fixture,
                       gconstpointer  data)
{
  SkListPage *page = preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  SkListPagePreview *bar = sk_list_page_get_preview (page);
  g_autoptr (GListModel) controllers = NULL;
  GtkShortcut *escape = NULL;

  g_assert_cmpuint (n_in_list (page), ==, 34);
  gtk_widget_activate_action (GTK_WIDGET (bar), "preview.show-all", NULL);
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  assert_no_preview (page);

  /* Escape: the bar's shortcut, only while it is on */
  preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (bar));
  for (guint i = 0; escape == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        for (guint j = 0; escape == NULL && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

            if (GTK_IS_KEYVAL_TRIGGER (trigger)
                && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape)
              escape = shortcut;
          }
    }
  g_assert_nonnull (escape);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0, GTK_WIDGET (bar), NULL));
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  assert_no_preview (page);
  /* off: Escape goes on to whoever else wants it */
  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0, GTK_WIDGET (bar), NULL));

  /* another page */
  preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  sk_window_set_view (fixture->window, "overview");
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  assert_no_preview (page);

  /* the stores' preview ends when a store is opened */
  page = preview (fixture, 3, "vs_empty", 1, 0);
  {
    g_autoptr (GPtrArray) shown = shown_items (page);

    sk_window_open_store (fixture->window, g_ptr_array_index (shown, 0));
  }
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  assert_no_preview (page);
  sk_window_close_store (fixture->window);

  /* another list (another account) */
  page = preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  {
    g_autoptr (SkPagedList) list = g_object_ref (sk_list_page_get_list (page));

    sk_list_page_set_list (page, NULL);
    g_assert_false (sk_list_page_preview_get_active (bar));
    sk_list_page_set_list (page, list);
  }
  sk_test_wait_until (ready, fixture->window, TIMEOUT);
  assert_no_preview (page);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 0);
}

/* The bar's Delete… confirms and deletes every item of the preview, even
 * the ones unselected (less the file a running batch reads); what was
 * deleted leaves the preview and its count */
static void
test_preview_bar_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();
  const SkCleanupRule *rule = g_ptr_array_index (builtin, 0);
  SkListPage *page = preview (fixture, 0, "file-b00\nfile-b01\nfile-b02", 3, 700);
  SkListPagePreview *bar = sk_list_page_get_preview (page);
  g_autofree char *deleted = NULL;
  AdwMessageDialog *dialog;

  sk_list_page_unselect_all (page);
  gtk_widget_activate_action (GTK_WIDGET (bar), "preview.delete", NULL);
  dialog = sk_window_get_delete_dialog (fixture->window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  sk_test_spin (20);
  sk_test_wait_until (ready, fixture->window, TIMEOUT);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, "file-b01\nfile-b02");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/"), ==, 2);
  g_assert_true (sk_fake_openai_has_file (fixture->fake, "file-b00"));

  /* the file left shows, alone */
  assert_bar (page, rule->name, 1, 100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
}

/* Deleting one item of the preview with the normal Delete takes it out
 * of the preview; the bar counts one less */
static void
test_preview_item_deleted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();
  const SkCleanupRule *rule = g_ptr_array_index (builtin, 1);
  gint64 bytes = 1000 * (16 + 30) * 15 / 2;
  SkListPage *page = preview (fixture, 1,
                              "file-015\nfile-016\nfile-017\nfile-018\nfile-019\nfile-020\nfile-021\nfile-022\n"
                              "file-023\nfile-024\nfile-025\nfile-026\nfile-027\nfile-028\nfile-029",
                              15, bytes);
  g_autoptr (GPtrArray) shown = shown_items (page);
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *first_id = NULL;
  gint64 first_bytes = 0;

  g_object_get (g_ptr_array_index (shown, 0), "id", &first_id, "bytes", &first_bytes, NULL);
  gtk_selection_model_select_item (sk_list_page_get_selection (page), 0, TRUE);
  answer_delete (fixture);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, first_id);
  assert_bar (page, rule->name, 14, bytes - first_bytes);
  after = shown_items (page);
  for (guint i = 0; i < after->len; i++)
    {
      g_autofree char *id = NULL;

      g_object_get (g_ptr_array_index (after, i), "id", &id, NULL);
      g_assert_cmpstr (id, !=, first_id);
    }
}

/* What the bar says */
static void
test_preview_format (void)
{
  const struct
  {
    const char *title;
    GType       type;
    guint       n;
    gint64      bytes;
    const char *expected;
  } cases[] = {
    { "Old batch files", SK_TYPE_FILE, 1, 100, "Preview of “Old batch files”: 1 file, 100 bytes" },
    { "Old batch files", SK_TYPE_FILE, 42, 1200000000, "Preview of “Old batch files”: 42 files, 1.2\u00a0GB" },
    { "Idle", SK_TYPE_VECTOR_STORE, 1, 0, "Preview of “Idle”: 1 vector store, 0 bytes" },
    { "Idle", SK_TYPE_VECTOR_STORE, 0, -5, "Preview of “Idle”: 0 vector stores, 0 bytes" },
    { "In a store", SK_TYPE_VECTOR_STORE_FILE, 2, 2000, "Preview of “In a store”: 2 files, 2.0\u00a0kB" },
    { "Other", G_TYPE_OBJECT, 3, 1, "Preview of “Other”: 3 items, 1 byte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sk_list_page_preview_format (cases[i].title, cases[i].type, cases[i].n, cases[i].bytes);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Deleting a rule saves the list without it; the dialog reads it back */
static void
test_remove_saves (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "storekeeper", "cleanup-rules.json", NULL);
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();
  const SkCleanupRule *gone = g_ptr_array_index (builtin, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) saved = NULL;
  SkRulesDialog *dialog;

  g_remove (path);
  dialog = open_rules (fixture);
  g_assert_cmpuint (sk_rules_dialog_get_rules (dialog)->len, ==, 4);
  g_assert_true (sk_rules_dialog_remove (dialog, gone->name, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sk_rules_dialog_get_rules (dialog)->len, ==, 3);
  g_assert_false (sk_rules_dialog_preview (dialog, gone->name));
  gtk_window_close (GTK_WINDOW (dialog));
  sk_test_spin (20);

  saved = sk_cleanup_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 3);
  for (guint i = 0; i < saved->len; i++)
    g_assert_cmpstr (((SkCleanupRule *) g_ptr_array_index (saved, i))->name, !=, gone->name);

  dialog = open_rules (fixture);
  g_assert_cmpuint (sk_rules_dialog_get_rules (dialog)->len, ==, 3);
  gtk_window_close (GTK_WINDOW (dialog));
  sk_test_spin (20);
  g_remove (path);
}

static char *
rule_json (const SkCleanupRule *rule)
{
  g_autoptr (JsonNode) node = sk_cleanup_rule_to_json (rule);

  return json_to_string (node, FALSE);
}

/* Every criterion goes through the editor and back unchanged */
static void
test_editor_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *const purposes[] = { "batch", "batch_output", NULL };
  g_autoptr (SkCleanupRule) files = sk_cleanup_rule_new ("Old outputs", SK_CLEANUP_FILES);
  g_autoptr (SkCleanupRule) stores = sk_cleanup_rule_new ("Idle stores", SK_CLEANUP_VECTOR_STORES);
  g_autoptr (SkCleanupRule) plain = sk_cleanup_rule_new ("Plain", SK_CLEANUP_FILES);
  const SkCleanupRule *rules[3];
  SkRuleEditor *editor = sk_rule_editor_new (GTK_WINDOW (fixture->window), NULL);

  files->purposes = g_strdupv ((char **) purposes);
  files->older_than_days = 45;
  files->min_bytes = 2000;
  files->max_bytes = 5000000;
  files->status = g_strdup ("processed");
  files->name_glob = g_strdup ("*.jsonl");
  files->expired = TRUE;
  files->expiring_within_days = 7;
  files->use = SK_CLEANUP_USE_UNUSED;
  stores->status = g_strdup ("completed");
  stores->expiring_within_days = 3;
  stores->use = SK_CLEANUP_USE_USED;
  stores->inactive_days = 90;
  rules[0] = files;
  rules[1] = stores;
  rules[2] = plain;

  /* a new rule has no name: nothing to save */
  g_assert_null (sk_rule_editor_dup_rule (editor));
  g_assert_false (sk_rule_editor_save (editor));

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr (SkCleanupRule) back = NULL;
      g_autofree char *expected = rule_json (rules[i]);
      g_autofree char *got = NULL;

      sk_rule_editor_set_rule (editor, rules[i]);
      back = sk_rule_editor_dup_rule (editor);
      g_assert_nonnull (back);
      got = rule_json (back);
      g_assert_cmpstr (got, ==, expected);
    }
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Editing from the rules dialog replaces the rule and saves; a new rule is
 * added; a name taken is refused */
static void
test_edit_saves (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "storekeeper", "cleanup-rules.json", NULL);
  g_autoptr (GPtrArray) builtin = sk_cleanup_rules_builtin ();
  SkCleanupRule *first = g_ptr_array_index (builtin, 0);
  g_autoptr (SkCleanupRule) fresh = sk_cleanup_rule_new ("Big files", SK_CLEANUP_FILES);
  g_autoptr (SkCleanupRule) taken = sk_cleanup_rule_new (first->name, SK_CLEANUP_FILES);
  g_autoptr (GPtrArray) saved = NULL;
  g_autoptr (GError) error = NULL;
  SkRulesDialog *dialog;
  SkRuleEditor *editor;

  g_remove (path);
  dialog = open_rules (fixture);
  g_assert_null (sk_rules_dialog_edit (dialog, "No such rule"));

  editor = sk_rules_dialog_edit (dialog, first->name);
  g_assert_nonnull (editor);
  first->older_than_days = 60;
  sk_rule_editor_set_rule (editor, first);
  g_assert_true (sk_rule_editor_save (editor));
  sk_test_spin (20);

  fresh->min_bytes = 1000000;
  editor = sk_rules_dialog_edit (dialog, NULL);
  sk_rule_editor_set_rule (editor, fresh);
  g_assert_true (sk_rule_editor_save (editor));
  sk_test_spin (20);

  /* a second rule of the same name is not saved */
  editor = sk_rules_dialog_edit (dialog, NULL);
  sk_rule_editor_set_rule (editor, taken);
  g_assert_true (sk_rule_editor_save (editor));
  sk_test_spin (20);

  g_assert_cmpuint (sk_rules_dialog_get_rules (dialog)->len, ==, 5);
  saved = sk_cleanup_rules_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 5);
  g_assert_cmpstr (((SkCleanupRule *) g_ptr_array_index (saved, 0))->name, ==, first->name);
  g_assert_cmpuint (((SkCleanupRule *) g_ptr_array_index (saved, 0))->older_than_days, ==, 60);
  g_assert_cmpstr (((SkCleanupRule *) g_ptr_array_index (saved, 4))->name, ==, "Big files");
  g_assert_cmpint (((SkCleanupRule *) g_ptr_array_index (saved, 4))->min_bytes, ==, 1000000);

  gtk_window_close (GTK_WINDOW (dialog));
  sk_test_spin (20);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = g_dir_make_tmp ("sk-rules-ui-XXXXXX", NULL);
  int status;

  /* the rules are read from and saved in a folder of the test's own */
  g_assert_nonnull (data_dir);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add ("/ui/rules/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

  ADD ("preview-builtin", test_preview_builtin);
  ADD ("preview-then-delete", test_preview_then_delete);
  ADD ("preview-show-all", test_preview_show_all);
  ADD ("preview-bar-delete", test_preview_bar_delete);
  ADD ("preview-item-deleted", test_preview_item_deleted);
  g_test_add_func ("/ui/rules/preview-format", test_preview_format);
  ADD ("remove-saves", test_remove_saves);
  ADD ("editor-round-trip", test_editor_round_trip);
  ADD ("edit-saves", test_edit_saves);

  status = g_test_run ();
  g_autofree char *rules_dir = g_build_filename (data_dir, "storekeeper", NULL);
  g_rmdir (rules_dir);
  g_rmdir (data_dir);
  return status;
}
