/* sk-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window.h"
#include "sk-window-private.h"

#include "sk-bulk-delete.h"
#include "sk-delete-dialogs.h"
#include "sk-file.h"
#include "sk-format.h"
#include "sk-paged-list.h"
#include "sk-welcome-page.h"

struct _SkWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *back_button;
  GtkButton            *refresh_button;
  GtkToggleButton      *search_button;
  GtkLabel             *account_label;
  GtkStack             *main_stack;
  SkWelcomePage        *welcome_page;
  AdwViewStack         *view_stack;
  GtkStack             *stores_stack;
  SkStoresPage         *stores_page;
  SkStoreFilesPage     *store_files_page;
  SkFilesPage          *files_page;
  GtkRevealer          *job_revealer;
  GtkBox               *job_slot;
  GtkRevealer          *results_revealer;
  GtkBox               *results_slot;

  GSettings            *settings;
  SkAccount            *account;
  SkPagedList          *files;
  SkPagedList          *stores;
  SkOrphanFinder       *orphan_finder;
  GCancellable         *cancellable;
  GHashTable           *files_by_id;
  GBinding             *search_binding;
  gboolean              usage_ready;

  /* Deletion */
  SkJobBar             *job_bar;
  SkResultsPanel       *results_panel;
  AdwMessageDialog     *dialog;          /* weak: the confirmation on screen */
  AdwToast             *undo_toast;      /* weak */
  struct _DeleteRun    *run;             /* the deletion running, or NULL */
  GListStore           *results;         /* of the last deletion */
  char                 *results_store_id;
  char                 *last_toast;
  guint                 n_undo_pending;
  guint                 n_undo_failed;
  guint                 max_in_flight;
};

G_DEFINE_FINAL_TYPE (SkWindow, sk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
current_page (SkWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "files") == 0)
    return GTK_WIDGET (self->files_page);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stores_stack), "store") == 0)
    return GTK_WIDGET (self->store_files_page);
  return GTK_WIDGET (self->stores_page);
}

static void
update_navigation (SkWindow *self)
{
  gboolean browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0;
  gboolean in_store = g_strcmp0 (gtk_stack_get_visible_child_name (self->stores_stack), "store") == 0;
  gboolean on_stores = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "stores") == 0;
  GAction *action;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), browsing && in_store && on_stores);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), browsing);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), browsing);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, browsing);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "back");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing && in_store && on_stores);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "refresh");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "search");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "select-all");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "delete-selected");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "detach-selected");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), browsing && in_store && on_stores);

  /* The search button follows the page on screen */
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  if (browsing)
    self->search_binding = g_object_bind_property (current_page (self), "search-mode",
                                                   self->search_button, "active",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The account shows as the title's subtitle when the switcher is folded
 * away (narrow), else as a label at the start of the header bar. */
static void
update_subtitle (SkWindow *self)
{
  const char *title = self->account ? sk_account_get_title (self->account) : NULL;
  gboolean browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0;

  adw_view_switcher_title_set_subtitle (self->switcher_title, title);
  gtk_label_set_text (self->account_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label),
                          title != NULL && browsing
                          && !adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
rebuild_files_by_id (SkWindow *self)
{
  guint n;

  g_clear_pointer (&self->files_by_id, g_hash_table_unref);
  if (self->files == NULL)
    return;

  self->files_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->files));
  for (guint i = 0; i < n; i++)
    {
      SkFile *file = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      g_hash_table_replace (self->files_by_id, (gpointer) sk_file_get_id (file), file);
    }
}

static gboolean
files_complete (SkWindow *self)
{
  return self->files != NULL
         && !sk_paged_list_get_loading (self->files)
         && sk_paged_list_get_error (self->files) == NULL;
}

static void
list_finished_cb (SkWindow    *self,
                  SkPagedList *list)
{
  const GError *error = sk_paged_list_get_error (list);

  if (list == self->files && sk_store_files_page_get_store (self->store_files_page) != NULL)
    {
      rebuild_files_by_id (self);
      sk_store_files_page_set_files (self->store_files_page, self->files_by_id, files_complete (self));
    }

  /* With rows on screen, a failed refresh is a toast; with none, the page
   * shows the error state itself. */
  if (error != NULL && g_list_model_get_n_items (G_LIST_MODEL (list)) > 0
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      if (list == self->files)
        message = g_strdup_printf (_("Could not refresh the files: %s"), error->message);
      else
        message = g_strdup_printf (_("Could not refresh the vector stores: %s"), error->message);
      sk_window_add_toast (self, message);
    }
}

static void
orphans_found_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (SkWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  SkOrphanFinder *finder = SK_ORPHAN_FINDER (source);

  if (!sk_orphan_finder_run_finish (finder, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || finder != self->orphan_finder)
        return;
      if (!sk_format_is_unauthorized (error))
        {
          g_autofree char *message =
            g_strdup_printf (_("Could not find which vector stores use each file: %s"), error->message);

          sk_window_add_toast (self, message);
        }
      return;
    }
  if (finder != self->orphan_finder)
    return;

  self->usage_ready = TRUE;
  sk_files_page_set_usage (self->files_page, sk_orphan_finder_get_usage (finder));
}

static void
start_orphan_finder (SkWindow *self)
{
  const char * const no_purposes[] = { NULL };

  self->usage_ready = FALSE;
  sk_files_page_set_usage (self->files_page, NULL);
  g_clear_object (&self->orphan_finder);
  if (self->account == NULL)
    return;

  self->orphan_finder = sk_orphan_finder_new (sk_account_get_client (self->account));
  sk_orphan_finder_set_purposes (self->orphan_finder, no_purposes);
  sk_orphan_finder_run_async (self->orphan_finder, self->cancellable, orphans_found_cb,
                              g_object_ref (self));
}

static void
settings_changed_cb (SkWindow   *self,
                     const char *key)
{
  g_autofree char *value = NULL;

  if (self->account == NULL || sk_account_get_source (self->account) == SK_ACCOUNT_DEMO)
    return;

  value = g_settings_get_string (self->settings, key);
  if (g_str_equal (key, "organization"))
    sk_account_set_organization (self->account, value);
  else
    sk_account_set_project (self->account, value);
  update_subtitle (self);
  sk_window_refresh (self);
}

/* Deletion (issue 6) */

typedef struct _DeleteRun
{
  SkWindow             *window;       /* strong */
  SkAccount            *account;      /* the account it runs on */
  GCancellable         *cancellable;
  SkBulkKind            kind;         /* of the first job */
  char                 *store_id;     /* detach: the store */
  char                 *store_name;
  SkDeleteStoresChoice  choice;
  GHashTable           *usage;        /* exclusive files: the map at confirmation */
  GHashTable           *existing;     /* IDs of the files known to exist, or NULL */
  GPtrArray            *jobs;         /* SkBulkDelete, in the order they ran */
  GQueue                pending;      /* SkBulkDelete still to run (retry) */
  SkBulkStoresJob      *stores_job;
  GListStore           *kept;         /* retry: what an earlier run deleted */
  gboolean              cancelled;
} DeleteRun;

static void
delete_run_free (DeleteRun *run)
{
  if (run->stores_job != NULL)
    g_signal_handlers_disconnect_by_data (run->stores_job, run);
  g_clear_object (&run->window);
  g_clear_object (&run->account);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->stores_job);
  g_clear_object (&run->kept);
  g_free (run->store_id);
  g_free (run->store_name);
  g_clear_pointer (&run->usage, g_hash_table_unref);
  g_clear_pointer (&run->existing, g_hash_table_unref);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_queue_clear_full (&run->pending, g_object_unref);
  g_free (run);
}

static DeleteRun *
delete_run_new (SkWindow   *self,
                SkBulkKind  kind)
{
  DeleteRun *run = g_new0 (DeleteRun, 1);

  run->window = g_object_ref (self);
  run->account = g_object_ref (self->account);
  run->cancellable = g_cancellable_new ();
  run->kind = kind;
  run->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&run->pending);
  return run;
}

static void
show_toast (SkWindow *self,
            AdwToast *toast)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* FALSE, and a toast saying why, while a deletion runs */
static gboolean
check_no_job (SkWindow *self)
{
  if (self->run == NULL)
    return TRUE;
  sk_window_add_toast (self, _("A deletion is already running: wait for it to end, or cancel it, "
                               "before starting another"));
  return FALSE;
}

static SkClient *
window_client (SkWindow *self)
{
  return sk_account_get_client (self->account);
}

static guint
setting_max_in_flight (SkWindow *self)
{
  if (self->max_in_flight > 0)
    return self->max_in_flight;
  return (guint) CLAMP (g_settings_get_int (self->settings, "max-in-flight"), 1, 64);
}

static void run_next (DeleteRun *run);

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DeleteRun *run = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_bulk_delete_run_finish (SK_BULK_DELETE (source), result, &error))
    g_warning ("Bulk job did not run: %s", error->message);
  run_next (run);
}

static void
run_job (DeleteRun    *run,
         SkBulkDelete *job)
{
  SkWindow *self = run->window;

  sk_bulk_delete_set_max_in_flight (job, setting_max_in_flight (self));
  sk_bulk_delete_set_verify (job, g_settings_get_boolean (self->settings, "verify-after-delete"));
  g_ptr_array_add (run->jobs, g_object_ref (job));
  sk_job_bar_set_job (self->job_bar, job);
  sk_bulk_delete_run_async (job, run->cancellable, job_done_cb, run);
}

static void
files_job_created_cb (SkBulkStoresJob *stores_job,
                      GParamSpec      *pspec,
                      DeleteRun       *run)
{
  SkBulkDelete *files_job = sk_bulk_stores_job_get_files_job (stores_job);

  if (files_job == NULL)
    return;
  /* it runs right after this notification: configure it now */
  sk_bulk_delete_set_verify (files_job, g_settings_get_boolean (run->window->settings, "verify-after-delete"));
  g_ptr_array_add (run->jobs, g_object_ref (files_job));
  if (run->window->job_bar != NULL)
    sk_job_bar_set_job (run->window->job_bar, files_job);
}

static void finish_run (DeleteRun *run);

static void
stores_job_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeleteRun *run = user_data;
  g_autoptr (GError) error = NULL;

  if (!sk_bulk_stores_job_run_finish (SK_BULK_STORES_JOB (source), result, &error))
    g_warning ("Vector stores job did not run: %s", error->message);
  finish_run (run);
}

static void
run_stores_job (DeleteRun          *run,
                const char * const *store_ids)
{
  SkWindow *self = run->window;
  SkBulkDelete *stores;

  run->stores_job = sk_bulk_stores_job_new (window_client (self), store_ids, SK_STORE_FILES_DELETE_ALL);
  sk_bulk_stores_job_set_max_in_flight (run->stores_job, setting_max_in_flight (self));
  stores = sk_bulk_stores_job_get_stores_job (run->stores_job);
  sk_bulk_delete_set_verify (stores, g_settings_get_boolean (self->settings, "verify-after-delete"));
  g_ptr_array_add (run->jobs, g_object_ref (stores));
  sk_job_bar_set_job (self->job_bar, stores);
  g_signal_connect (run->stores_job, "notify::files-job", G_CALLBACK (files_job_created_cb), run);
  sk_bulk_stores_job_run_async (run->stores_job, run->cancellable, stores_job_done_cb, run);
}

/* After the stores of a "files used only by these stores" deletion: the
 * files whose every store was really deleted. */
static SkBulkDelete *
exclusive_files_job (DeleteRun    *run,
                     SkBulkDelete *stores_job)
{
  g_autoptr (GPtrArray) deleted = sk_bulk_delete_get_ids_with_outcome (stores_job, SK_OUTCOME_DELETED);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) exclusive = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  sk_delete_files_of_stores (run->usage, deleted, &all, &exclusive);
  for (guint i = 0; i < exclusive->len; i++)
    if (run->existing == NULL || g_hash_table_contains (run->existing, g_ptr_array_index (exclusive, i)))
      g_ptr_array_add (ids, g_ptr_array_index (exclusive, i));
  if (ids->len == 0)
    return NULL;
  g_ptr_array_add (ids, NULL);
  return sk_bulk_delete_new (window_client (run->window), SK_BULK_DELETE_FILES, NULL,
                             (const char * const *) ids->pdata);
}

static void
run_next (DeleteRun *run)
{
  SkBulkDelete *last = run->jobs->len > 0 ? g_ptr_array_index (run->jobs, run->jobs->len - 1) : NULL;
  g_autoptr (SkBulkDelete) next = NULL;

  if (run->cancelled || run->account != run->window->account || run->window->job_bar == NULL)
    {
      finish_run (run);
      return;
    }

  if (!g_queue_is_empty (&run->pending))
    next = g_queue_pop_head (&run->pending);
  else if (run->choice == SK_DELETE_STORES_EXCLUSIVE_FILES && run->jobs->len == 1
           && last != NULL && sk_bulk_delete_get_kind (last) == SK_BULK_DELETE_VECTOR_STORES)
    next = exclusive_files_job (run, last);

  if (next != NULL)
    run_job (run, next);
  else
    finish_run (run);
}

static void
start_run (SkWindow  *self,
           DeleteRun *run)
{
  g_assert (self->run == NULL);

  self->run = run;
  sk_window_set_results_revealed (self, FALSE);
  sk_window_set_job_revealed (self, TRUE);
  sk_results_panel_set_retry_enabled (self->results_panel, FALSE);
}

static void
count_results (GListModel *results,
               guint      *n_files,
               guint      *n_stores,
               guint      *n_detached,
               guint      *n_failed,
               guint      *n_cancelled,
               guint      *n_still_present)
{
  guint n = g_list_model_get_n_items (results);

  *n_files = *n_stores = *n_detached = *n_failed = *n_cancelled = *n_still_present = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      switch (sk_bulk_result_get_outcome (result))
        {
        case SK_OUTCOME_DELETED:
          if (sk_bulk_result_get_still_present (result))
            (*n_still_present)++;
          switch (sk_bulk_result_get_kind (result))
            {
            case SK_BULK_DELETE_FILES: (*n_files)++; break;
            case SK_BULK_DELETE_VECTOR_STORES: (*n_stores)++; break;
            case SK_BULK_DETACH_FILES: (*n_detached)++; break;
            default: break;
            }
          break;
        case SK_OUTCOME_CANCELLED:
        case SK_OUTCOME_PENDING:
          (*n_cancelled)++;
          break;
        case SK_OUTCOME_FAILED:
        default:
          (*n_failed)++;
          break;
        }
    }
}

static char *
summarize (GListModel *results,
           const char *store_name)
{
  guint n_files, n_stores, n_detached, n_failed, n_cancelled, n_still;
  g_autoptr (GString) text = g_string_new (NULL);

  count_results (results, &n_files, &n_stores, &n_detached, &n_failed, &n_cancelled, &n_still);

  if (n_stores > 0 && n_files > 0)
    {
      g_autofree char *stores = g_strdup_printf (ngettext ("%'u vector store", "%'u vector stores", n_stores),
                                                 n_stores);
      g_autofree char *files = g_strdup_printf (ngettext ("%'u file", "%'u files", n_files), n_files);

      /* Translators: "Deleted 3 vector stores and 12 files" */
      g_string_printf (text, _("Deleted %s and %s"), stores, files);
    }
  else if (n_stores > 0)
    g_string_printf (text, ngettext ("Deleted %'u vector store", "Deleted %'u vector stores", n_stores),
                     n_stores);
  else if (n_files > 0)
    g_string_printf (text, ngettext ("Deleted %'u file", "Deleted %'u files", n_files), n_files);
  else if (n_detached > 0)
    /* Translators: "Removed 3 files from “Alpha”" (a vector store) */
    g_string_printf (text, ngettext ("Removed %'u file from “%s”", "Removed %'u files from “%s”", n_detached),
                     n_detached, store_name ? store_name : "");
  else
    g_string_assign (text, _("Nothing was deleted"));

  if (n_failed > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 1,998 files · 2 failed" */
      g_string_append_printf (text, ngettext ("%'u failed", "%'u failed", n_failed), n_failed);
    }
  if (n_cancelled > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 340 files · 1,660 not tried (cancelled)" */
      g_string_append_printf (text, ngettext ("%'u not tried (cancelled)", "%'u not tried (cancelled)",
                                              n_cancelled), n_cancelled);
    }
  if (n_still > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 20 files · 1 still listed by the server" */
      g_string_append_printf (text, ngettext ("%'u still listed by the server",
                                              "%'u still listed by the server", n_still), n_still);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ID -> name for the results panel, from what the window lists */
static GHashTable *
build_names (SkWindow   *self,
             GListModel *results)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) stores = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  rebuild_files_by_id (self);
  n = self->stores ? g_list_model_get_n_items (G_LIST_MODEL (self->stores)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (G_LIST_MODEL (self->stores), i);

      g_hash_table_insert (names, g_strdup (sk_vector_store_get_id (store)),
                           g_strdup (sk_vector_store_get_display_name (store)));
    }
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      const char *id = sk_bulk_result_get_id (result);
      SkFile *file;

      if (sk_bulk_result_get_kind (result) == SK_BULK_DELETE_VECTOR_STORES)
        continue;
      file = self->files_by_id ? g_hash_table_lookup (self->files_by_id, id) : NULL;
      if (file != NULL && sk_file_get_filename (file) != NULL)
        g_hash_table_insert (names, g_strdup (id), g_strdup (sk_file_get_filename (file)));
    }
  return names;
}

static void undo_detach_cb (AdwToast *toast,
                            SkWindow *self);

static void
finish_run (DeleteRun *run)
{
  /* the run may hold the last reference */
  g_autoptr (SkWindow) self = g_object_ref (run->window);
  g_autoptr (GListStore) results = g_list_store_new (SK_TYPE_BULK_RESULT);
  g_autoptr (GHashTable) names = NULL;
  g_autofree char *summary = NULL;
  guint n_files, n_stores, n_detached, n_failed, n_cancelled, n_still;
  AdwToast *toast;

  g_assert (self->run == run);
  self->run = NULL;

  /* the window was closed, or switched account, meanwhile */
  if (self->job_bar == NULL || run->account != self->account || !gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      delete_run_free (run);
      return;
    }

  if (run->kept != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (run->kept)); i++)
      {
        g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (run->kept), i);

        g_list_store_append (results, result);
      }
  for (guint i = 0; i < run->jobs->len; i++)
    {
      GListModel *job_results = sk_bulk_delete_get_results (g_ptr_array_index (run->jobs, i));

      for (guint j = 0; j < g_list_model_get_n_items (job_results); j++)
        {
          g_autoptr (SkBulkResult) result = g_list_model_get_item (job_results, j);

          g_list_store_append (results, result);
        }
    }

  sk_job_bar_set_job (self->job_bar, NULL);
  sk_window_set_job_revealed (self, FALSE);

  count_results (G_LIST_MODEL (results), &n_files, &n_stores, &n_detached, &n_failed, &n_cancelled, &n_still);
  summary = summarize (G_LIST_MODEL (results), run->store_name);
  names = build_names (self, G_LIST_MODEL (results));
  g_set_object (&self->results, results);
  g_free (self->results_store_id);
  self->results_store_id = g_strdup (run->store_id);
  sk_results_panel_set_results (self->results_panel, G_LIST_MODEL (results), names, summary);
  sk_results_panel_set_retry_enabled (self->results_panel, TRUE);

  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 8);
  if (run->kind == SK_BULK_DETACH_FILES && n_detached > 0)
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (results)); i++)
        {
          g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (results), i);

          if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
            g_strv_builder_add (builder, sk_bulk_result_get_id (result));
        }
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "sk-file-ids", g_strv_builder_end (builder),
                              (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (toast), "sk-store-id", g_strdup (run->store_id), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_detach_cb), self, 0);
      g_set_weak_pointer (&self->undo_toast, toast);
    }
  show_toast (self, toast);

  /* A detach that went well needs no panel: the toast says it and offers Undo */
  sk_window_set_results_revealed (self, run->kind != SK_BULK_DETACH_FILES || n_failed + n_cancelled > 0);

  delete_run_free (run);

  /* What the window shows is what the account holds */
  sk_window_refresh (self);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (SkWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStoreFile) file = NULL;

  file = sk_client_attach_file_finish (SK_CLIENT (source), result, &error);
  if (file == NULL)
    self->n_undo_failed++;
  self->n_undo_pending--;
  if (self->n_undo_pending > 0 || self->account == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (self->n_undo_failed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Could not add %'u file back to the vector store",
                                   "Could not add %'u files back to the vector store", self->n_undo_failed),
                         self->n_undo_failed);

      sk_window_add_toast (self, message);
    }
  self->n_undo_failed = 0;
  sk_window_refresh (self);
}

static void
undo_detach_cb (AdwToast *toast,
                SkWindow *self)
{
  const char * const *ids = g_object_get_data (G_OBJECT (toast), "sk-file-ids");
  const char *store_id = g_object_get_data (G_OBJECT (toast), "sk-store-id");

  if (self->account == NULL || ids == NULL || store_id == NULL)
    return;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      self->n_undo_pending++;
      sk_client_attach_file_async (window_client (self), store_id, ids[i], self->cancellable,
                                   attached_cb, g_object_ref (self));
    }
}

/* Starting jobs */

static void
start_files_job (SkWindow           *self,
                 const char * const *ids)
{
  DeleteRun *run;
  g_autoptr (SkBulkDelete) job = NULL;

  if (!check_no_job (self) || self->account == NULL)
    return;
  run = delete_run_new (self, SK_BULK_DELETE_FILES);
  start_run (self, run);
  job = sk_bulk_delete_new (window_client (self), SK_BULK_DELETE_FILES, NULL, ids);
  run_job (run, job);
}

static void
start_stores_job (SkWindow             *self,
                  const char * const   *ids,
                  SkDeleteStoresChoice  choice,
                  GHashTable           *usage)
{
  DeleteRun *run;
  g_autoptr (SkBulkDelete) job = NULL;

  if (!check_no_job (self) || self->account == NULL)
    return;
  run = delete_run_new (self, SK_BULK_DELETE_VECTOR_STORES);
  run->choice = choice;
  run->usage = usage ? g_hash_table_ref (usage) : NULL;
  if (files_complete (self))
    {
      rebuild_files_by_id (self);
      run->existing = g_hash_table_ref (self->files_by_id);
    }
  start_run (self, run);

  if (choice == SK_DELETE_STORES_ALL_FILES)
    {
      run_stores_job (run, ids);
      return;
    }
  job = sk_bulk_delete_new (window_client (self), SK_BULK_DELETE_VECTOR_STORES, NULL, ids);
  run_job (run, job);
}

void
sk_window_detach_selected (SkWindow *self)
{
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (SkBulkDelete) job = NULL;
  SkVectorStore *store;
  DeleteRun *run;

  g_return_if_fail (SK_IS_WINDOW (self));

  store = sk_store_files_page_get_store (self->store_files_page);
  if (self->account == NULL || store == NULL)
    return;
  selected = sk_store_files_page_dup_selected (self->store_files_page);
  if (selected->len == 0 || !check_no_job (self))
    return;
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (ids, (gpointer) sk_vector_store_file_get_id (g_ptr_array_index (selected, i)));
  g_ptr_array_add (ids, NULL);

  run = delete_run_new (self, SK_BULK_DETACH_FILES);
  run->store_id = g_strdup (sk_vector_store_get_id (store));
  run->store_name = g_strdup (sk_vector_store_get_display_name (store));
  start_run (self, run);
  job = sk_bulk_delete_new (window_client (self), SK_BULK_DETACH_FILES, run->store_id,
                            (const char * const *) ids->pdata);
  run_job (run, job);
}

void
sk_window_retry_failed (SkWindow *self)
{
  static const SkBulkKind order[] = { SK_BULK_DELETE_VECTOR_STORES, SK_BULK_DELETE_FILES, SK_BULK_DETACH_FILES };
  g_autoptr (GListStore) kept = NULL;
  GPtrArray *ids[3] = { NULL, NULL, NULL };
  DeleteRun *run;
  guint n;

  g_return_if_fail (SK_IS_WINDOW (self));

  if (self->results == NULL || self->account == NULL || !check_no_job (self))
    return;

  kept = g_list_store_new (SK_TYPE_BULK_RESULT);
  for (guint k = 0; k < 3; k++)
    ids[k] = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        g_list_store_append (kept, result);
      else
        for (guint k = 0; k < 3; k++)
          if (order[k] == sk_bulk_result_get_kind (result))
            g_ptr_array_add (ids[k], g_strdup (sk_bulk_result_get_id (result)));
    }

  run = delete_run_new (self, SK_BULK_DELETE_FILES);
  run->kept = g_steal_pointer (&kept);
  run->store_id = g_strdup (self->results_store_id);
  for (guint k = 0; k < 3; k++)
    {
      if (ids[k]->len > 0 && (order[k] != SK_BULK_DETACH_FILES || run->store_id != NULL))
        {
          g_ptr_array_add (ids[k], NULL);
          g_queue_push_tail (&run->pending,
                             sk_bulk_delete_new (window_client (self), order[k],
                                                 order[k] == SK_BULK_DETACH_FILES ? run->store_id : NULL,
                                                 (const char * const *) ids[k]->pdata));
          if (g_queue_get_length (&run->pending) == 1)
            run->kind = order[k];
        }
      g_ptr_array_set_free_func (ids[k], g_free);
      g_ptr_array_unref (ids[k]);
    }
  if (run->kind == SK_BULK_DETACH_FILES)
    {
      SkVectorStore *store = sk_store_files_page_get_store (self->store_files_page);

      if (store != NULL && g_strcmp0 (sk_vector_store_get_id (store), run->store_id) == 0)
        run->store_name = g_strdup (sk_vector_store_get_display_name (store));
    }

  if (g_queue_is_empty (&run->pending))
    {
      delete_run_free (run);
      return;
    }
  start_run (self, run);
  run_next (run);
}

void
sk_window_cancel_job (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));

  if (self->run == NULL)
    return;
  self->run->cancelled = TRUE;
  g_cancellable_cancel (self->run->cancellable);
  if (self->job_bar != NULL)
    sk_job_bar_set_cancelling (self->job_bar, TRUE);
}

/* Confirmations */

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SkWindow         *self)
{
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "sk-ids");
  SkBulkKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "sk-kind"));

  if (g_strcmp0 (response, "delete") != 0 || !sk_delete_dialog_is_confirmed (dialog))
    {
      if (g_strcmp0 (response, "delete") != 0 && self->dialog == dialog)
        g_clear_weak_pointer (&self->dialog);   /* it is closing */
      return;
    }
  if (self->dialog == dialog)
    g_clear_weak_pointer (&self->dialog);

  if (kind == SK_BULK_DELETE_VECTOR_STORES)
    start_stores_job (self, ids, sk_delete_stores_dialog_get_choice (dialog),
                      g_object_get_data (G_OBJECT (dialog), "sk-usage"));
  else
    start_files_job (self, ids);
}

static void
present_dialog (SkWindow           *self,
                AdwMessageDialog   *dialog,
                SkBulkKind          kind,
                GPtrArray          *ids)
{
  g_ptr_array_add (ids, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "sk-ids", g_strdupv ((char **) ids->pdata),
                          (GDestroyNotify) g_strfreev);
  g_ptr_array_remove_index (ids, ids->len - 1);
  g_object_set_data (G_OBJECT (dialog), "sk-kind", GUINT_TO_POINTER (kind));
  if (self->usage_ready && self->orphan_finder != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "sk-usage",
                            g_hash_table_ref (sk_orphan_finder_get_usage (self->orphan_finder)),
                            (GDestroyNotify) g_hash_table_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GHashTable *
current_usage (SkWindow *self)
{
  return self->usage_ready && self->orphan_finder ? sk_orphan_finder_get_usage (self->orphan_finder) : NULL;
}

static void
confirm_delete_files (SkWindow  *self,
                      GPtrArray *ids)
{
  GHashTable *usage = current_usage (self);
  g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_existing = 0;
  guint n_account = 0;
  gint64 total = 0;
  gboolean every;

  rebuild_files_by_id (self);
  for (guint i = 0; i < ids->len; i++)
    {
      SkFile *file;

      if (!g_hash_table_add (distinct, g_ptr_array_index (ids, i)))
        continue;
      file = self->files_by_id ? g_hash_table_lookup (self->files_by_id, g_ptr_array_index (ids, i)) : NULL;
      if (file == NULL)
        continue;
      n_existing++;
      total += MAX (sk_file_get_bytes (file), 0);
    }
  n_account = self->files_by_id ? g_hash_table_size (self->files_by_id) : 0;
  every = files_complete (self) && n_account > 0 && n_existing == n_account;

  present_dialog (self,
                  sk_delete_files_dialog_new (GTK_WINDOW (self), g_hash_table_size (distinct), total,
                                              usage ? (int) sk_delete_count_stores (usage, ids) : -1,
                                              every),
                  SK_BULK_DELETE_FILES, ids);
}

static void
confirm_delete_stores (SkWindow  *self,
                       GPtrArray *stores)
{
  GHashTable *usage = current_usage (self);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) exclusive = NULL;
  int n_all = -1, n_exclusive = -1;
  gint64 usage_bytes = 0;
  gboolean every;

  for (guint i = 0; i < stores->len; i++)
    {
      SkVectorStore *store = g_ptr_array_index (stores, i);

      g_ptr_array_add (ids, (gpointer) sk_vector_store_get_id (store));
      usage_bytes += MAX (sk_vector_store_get_usage_bytes (store), 0);
    }
  if (usage != NULL)
    {
      gboolean complete = files_complete (self);

      rebuild_files_by_id (self);
      sk_delete_files_of_stores (usage, ids, &all, &exclusive);
      n_all = n_exclusive = 0;
      /* count files that still exist (the map also holds IDs of deleted files) */
      for (guint i = 0; i < all->len; i++)
        if (!complete || g_hash_table_contains (self->files_by_id, g_ptr_array_index (all, i)))
          n_all++;
      for (guint i = 0; i < exclusive->len; i++)
        if (!complete || g_hash_table_contains (self->files_by_id, g_ptr_array_index (exclusive, i)))
          n_exclusive++;
    }
  every = self->stores != NULL && !sk_paged_list_get_loading (self->stores)
          && stores->len == g_list_model_get_n_items (G_LIST_MODEL (self->stores));

  present_dialog (self,
                  sk_delete_stores_dialog_new (GTK_WINDOW (self), stores->len, usage_bytes,
                                               n_exclusive, n_all, every),
                  SK_BULK_DELETE_VECTOR_STORES, ids);
}

static void
delete_selected (SkWindow *self)
{
  GtkWidget *page = current_page (self);
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  if (self->account == NULL || self->dialog != NULL)
    return;

  if (SK_IS_FILES_PAGE (page))
    {
      selected = sk_files_page_dup_selected (SK_FILES_PAGE (page));
      if (selected->len == 0 || !check_no_job (self))
        return;
      for (guint i = 0; i < selected->len; i++)
        g_ptr_array_add (ids, (gpointer) sk_file_get_id (g_ptr_array_index (selected, i)));
      confirm_delete_files (self, ids);
    }
  else if (SK_IS_STORES_PAGE (page))
    {
      selected = sk_stores_page_dup_selected (SK_STORES_PAGE (page));
      if (selected->len == 0 || !check_no_job (self))
        return;
      confirm_delete_stores (self, selected);
    }
  else
    {
      selected = sk_store_files_page_dup_selected (SK_STORE_FILES_PAGE (page));
      if (selected->len == 0 || !check_no_job (self))
        return;
      for (guint i = 0; i < selected->len; i++)
        g_ptr_array_add (ids, (gpointer) sk_vector_store_file_get_id (g_ptr_array_index (selected, i)));
      confirm_delete_files (self, ids);
    }
}

static void
results_close_cb (SkWindow *self)
{
  sk_window_set_results_revealed (self, FALSE);
}

/* Actions */

static void
refresh_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  sk_window_refresh (SK_WINDOW (user_data));
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  SkWindow *self = user_data;

  /* Ctrl+F opens the search, or focuses it when already open */
  g_object_set (current_page (self), "search-mode", TRUE, NULL);
}

static void
select_all_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SkWindow *self = user_data;
  GtkWidget *page = current_page (self);

  if (SK_IS_FILES_PAGE (page))
    sk_files_page_select_all (SK_FILES_PAGE (page));
  else if (SK_IS_STORES_PAGE (page))
    sk_stores_page_select_all (SK_STORES_PAGE (page));
  else
    sk_store_files_page_select_all (SK_STORE_FILES_PAGE (page));
}

static void
delete_selected_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  delete_selected (SK_WINDOW (user_data));
}

static void
detach_selected_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  sk_window_detach_selected (SK_WINDOW (user_data));
}

static void
toast_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  sk_window_add_toast (SK_WINDOW (user_data), g_variant_get_string (param, NULL));
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  sk_window_close_store (SK_WINDOW (user_data));
}

static void
change_key_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  SkWindow *self = user_data;

  sk_window_set_account (self, NULL);
}

static void
view_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  sk_window_set_view (SK_WINDOW (user_data), g_variant_get_string (param, NULL));
}

static const GActionEntry win_entries[] = {
  { "refresh", refresh_action },
  { "search", search_action },
  { "select-all", select_all_action },
  { "delete-selected", delete_selected_action },
  { "detach-selected", detach_selected_action },
  { "toast", toast_action, "s" },
  { "back", back_action },
  { "change-key", change_key_action },
  { "view", view_action, "s" },
};

/* Signal handlers */

static void
store_activated_cb (SkWindow      *self,
                    SkVectorStore *store)
{
  sk_window_open_store (self, store);
}

static void
welcome_connected_cb (SkWindow   *self,
                      SkAccount  *account,
                      const char *warning)
{
  sk_window_set_account (self, account);
  if (warning != NULL)
    sk_window_add_toast (self, warning);
}

static void
welcome_demo_cb (SkWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-demo", NULL);
}

static void
view_changed_cb (SkWindow *self)
{
  update_navigation (self);
}

/* GObject */

static void
sk_window_dispose (GObject *object)
{
  SkWindow *self = (SkWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->run != NULL)
    g_cancellable_cancel (self->run->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  if (self->files != NULL)
    g_signal_handlers_disconnect_by_data (self->files, self);
  if (self->stores != NULL)
    g_signal_handlers_disconnect_by_data (self->stores, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_WINDOW);
  /* they went with the template's slots; a job ending later sees NULL */
  self->job_bar = NULL;
  self->results_panel = NULL;

  g_clear_object (&self->orphan_finder);
  g_clear_object (&self->files);
  g_clear_object (&self->stores);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);
  g_clear_object (&self->results);
  g_clear_pointer (&self->results_store_id, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (sk_window_parent_class)->dispose (object);
}

/* gtk_window_destroy() unrealizes the window; a job still running holds a
 * reference, so stop it here rather than wait for dispose */
static void
sk_window_unrealize (GtkWidget *widget)
{
  SkWindow *self = SK_WINDOW (widget);

  if (self->run != NULL)
    sk_window_cancel_job (self);
  GTK_WIDGET_CLASS (sk_window_parent_class)->unrealize (widget);
}

static void
sk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SkWindow *self = SK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SkWindow *self = SK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      sk_window_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_window_class_init (SkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_window_dispose;
  object_class->get_property = sk_window_get_property;
  object_class->set_property = sk_window_set_property;
  widget_class->unrealize = sk_window_unrealize;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, SK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SK_TYPE_WELCOME_PAGE);
  g_type_ensure (SK_TYPE_FILES_PAGE);
  g_type_ensure (SK_TYPE_STORES_PAGE);
  g_type_ensure (SK_TYPE_STORE_FILES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, stores_stack);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, stores_page);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, store_files_page);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, files_page);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, job_slot);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, results_slot);
  gtk_widget_class_bind_template_callback (widget_class, store_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_connected_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_demo_cb);

  /* Window-level bindings run after the focused widget: Ctrl+A and Delete
   * in the search entry stay the entry's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
sk_window_init (SkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = sk_settings_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);

  self->job_bar = SK_JOB_BAR (sk_job_bar_new ());
  gtk_box_append (self->job_slot, GTK_WIDGET (self->job_bar));
  g_signal_connect_swapped (self->job_bar, "cancel-requested", G_CALLBACK (sk_window_cancel_job), self);
  self->results_panel = SK_RESULTS_PANEL (sk_results_panel_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->results_panel), TRUE);
  gtk_box_append (self->results_slot, GTK_WIDGET (self->results_panel));
  g_signal_connect_swapped (self->results_panel, "retry-requested", G_CALLBACK (sk_window_retry_failed), self);
  g_signal_connect_swapped (self->results_panel, "close-requested", G_CALLBACK (results_close_cb), self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::organization",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::project",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (self->stores_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self);

  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_subtitle), self);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child", G_CALLBACK (update_subtitle), self);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  update_navigation (self);
}

SkWindow *
sk_window_new (GtkApplication *application)
{
  return g_object_new (SK_TYPE_WINDOW, "application", application, NULL);
}

void
sk_window_set_account (SkWindow  *self,
                       SkAccount *account)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  g_return_if_fail (!account || SK_IS_ACCOUNT (account));

  if (self->account == account)
    {
      if (account == NULL)
        sk_window_show_welcome (self);
      return;
    }

  /* Drop everything of the previous account */
  if (self->run != NULL)
    sk_window_cancel_job (self);
  sk_window_set_results_revealed (self, FALSE);
  sk_results_panel_set_results (self->results_panel, NULL, NULL, NULL);
  g_clear_object (&self->results);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->files != NULL)
    g_signal_handlers_disconnect_by_data (self->files, self);
  if (self->stores != NULL)
    g_signal_handlers_disconnect_by_data (self->stores, self);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  sk_window_close_store (self);
  sk_store_files_page_set_store (self->store_files_page, NULL, NULL, NULL, FALSE);
  sk_files_page_set_list (self->files_page, NULL);
  sk_stores_page_set_list (self->stores_page, NULL);
  g_clear_object (&self->files);
  g_clear_object (&self->stores);
  g_clear_object (&self->orphan_finder);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);

  g_set_object (&self->account, account);
  update_subtitle (self);

  if (account == NULL)
    {
      sk_window_show_welcome (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
      return;
    }

  g_signal_connect_object (account, "notify::title", G_CALLBACK (update_subtitle),
                           self, G_CONNECT_SWAPPED);

  self->files = sk_paged_list_new_files (sk_account_get_client (account), NULL);
  self->stores = sk_paged_list_new_vector_stores (sk_account_get_client (account));
  g_signal_connect_object (self->files, "finished", G_CALLBACK (list_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stores, "finished", G_CALLBACK (list_finished_cb),
                           self, G_CONNECT_SWAPPED);
  sk_files_page_set_list (self->files_page, self->files);
  sk_stores_page_set_list (self->stores_page, self->stores);

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  sk_window_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

SkAccount *
sk_window_get_account (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->account;
}

void
sk_window_show_loading (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

void
sk_window_show_welcome (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  sk_welcome_page_reset (self->welcome_page);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
}

void
sk_window_add_toast (SkWindow   *self,
                     const char *message)
{
  AdwToast *toast;

  g_return_if_fail (SK_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  show_toast (self, toast);
}

void
sk_window_refresh (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));

  if (self->account == NULL)
    return;
  sk_paged_list_reload (self->stores);
  sk_paged_list_reload (self->files);
  sk_store_files_page_reload (self->store_files_page);
  start_orphan_finder (self);
}

const char *
sk_window_get_state (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
sk_window_get_view (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
sk_window_set_view (SkWindow   *self,
                    const char *view)
{
  g_return_if_fail (SK_IS_WINDOW (self));

  if (g_strcmp0 (view, "stores") == 0 || g_strcmp0 (view, "files") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

void
sk_window_open_store (SkWindow      *self,
                      SkVectorStore *store)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  g_return_if_fail (SK_IS_VECTOR_STORE (store));

  if (self->account == NULL)
    return;
  rebuild_files_by_id (self);
  sk_store_files_page_set_store (self->store_files_page, sk_account_get_client (self->account),
                                 store, self->files_by_id, files_complete (self));
  adw_view_stack_set_visible_child_name (self->view_stack, "stores");
  gtk_stack_set_visible_child_name (self->stores_stack, "store");
}

void
sk_window_close_store (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->stores_stack, "list");
}

SkFilesPage *
sk_window_get_files_page (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->files_page;
}

SkStoresPage *
sk_window_get_stores_page (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->stores_page;
}

SkStoreFilesPage *
sk_window_get_store_files_page (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->store_files_page;
}

SkOrphanFinder *
sk_window_get_orphan_finder (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->orphan_finder;
}

gboolean
sk_window_get_usage_ready (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);
  return self->usage_ready;
}

const char *
sk_window_get_subtitle (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return adw_view_switcher_title_get_subtitle (self->switcher_title);
}

GtkBox *
sk_window_get_job_slot (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->job_slot;
}

void
sk_window_set_job_revealed (SkWindow *self,
                            gboolean  revealed)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  gtk_revealer_set_reveal_child (self->job_revealer, revealed);
}

GtkBox *
sk_window_get_results_slot (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->results_slot;
}

void
sk_window_set_results_revealed (SkWindow *self,
                                gboolean  revealed)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  gtk_revealer_set_reveal_child (self->results_revealer, revealed);
}

AdwMessageDialog *
sk_window_get_delete_dialog (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->dialog;
}

gboolean
sk_window_get_job_running (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);
  return self->run != NULL;
}

SkJobBar *
sk_window_get_job_bar (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->job_bar;
}

SkResultsPanel *
sk_window_get_results_panel (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->results_panel;
}

gboolean
sk_window_get_results_revealed (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->results_revealer);
}

const char *
sk_window_get_last_toast (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->last_toast;
}

AdwToast *
sk_window_get_undo_toast (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->undo_toast;
}

guint
sk_window_get_n_undo_pending (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), 0);
  return self->n_undo_pending;
}

void
sk_window_set_max_in_flight (SkWindow *self,
                             guint     max_in_flight)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  self->max_in_flight = MIN (max_in_flight, 64);
}
