/* sk-window-actions.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-window-private.h"

#include "sk-delete-files-dialog.h"
#include "sk-delete-stores-dialog.h"
#include "sk-deletion-usage.h"
#include "sk-file.h"
#include "sk-vector-store-file.h"

/* What a confirmation asks to delete, kept until the user answers */
typedef struct
{
  GWeakRef    window;
  char      **ids;
  char      **busy_ids;   /* files a running job reads, or NULL */
  GHashTable *usage;      /* the usage map when asked, or NULL */
} Confirmation;

static void
confirmation_free (Confirmation *confirmation)
{
  g_weak_ref_clear (&confirmation->window);
  g_strfreev (confirmation->ids);
  g_strfreev (confirmation->busy_ids);
  g_clear_pointer (&confirmation->usage, g_hash_table_unref);
  g_free (confirmation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Confirmation, confirmation_free)

static GHashTable *
current_usage (SkWindow *self)
{
  return self->usage_ready && self->orphan_finder ? sk_orphan_finder_get_usage (self->orphan_finder) : NULL;
}

/* Takes the window back from a confirmation @dialog answered: the window
 * when it is still there and the user confirmed, else NULL */
static SkWindow *
answered_window (Confirmation *confirmation,
                 GObject      *dialog,
                 gboolean      confirmed)
{
  SkWindow *self = g_weak_ref_get (&confirmation->window);

  if (self == NULL)
    return NULL;
  if (self->dialog == (AdwMessageDialog *) dialog)
    g_clear_weak_pointer (&self->dialog);
  if (!confirmed || self->deletion == NULL)
    g_clear_object (&self);
  return self;
}

static void
files_answered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (Confirmation) confirmation = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkWindow) self = NULL;
  g_auto (GStrv) ids = NULL;
  gboolean confirmed;

  confirmed = sk_delete_dialog_run_finish (SK_DELETE_DIALOG (source), result, &error);
  if (confirmed && sk_delete_files_dialog_get_include_busy (SK_DELETE_FILES_DIALOG (source)))
    g_clear_pointer (&confirmation->busy_ids, g_strfreev);
  self = answered_window (confirmation, source, confirmed);
  if (self == NULL)
    return;
  ids = _sk_window_usage_leave_out (self, (const char * const *) confirmation->ids,
                                    (const char * const *) confirmation->busy_ids);
  if (ids == NULL)
    return;
  sk_deletion_delete_files (_sk_window_prepare_deletion (self), (const char * const *) ids);
}

static void
stores_answered_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (Confirmation) confirmation = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkWindow) self = NULL;
  SkDeleteStoresChoice choice;
  SkDeletion *deletion;
  gboolean confirmed;

  confirmed = sk_delete_stores_dialog_run_finish (SK_DELETE_STORES_DIALOG (source), result, &choice, &error);
  self = answered_window (confirmation, source, confirmed);
  if (self == NULL)
    return;
  deletion = _sk_window_prepare_deletion (self);
  sk_deletion_delete_stores (deletion, (const char * const *) confirmation->ids, choice, confirmation->usage,
                             _sk_window_files_complete (self) ? self->files_by_id : NULL);
}

static void
run_dialog (SkWindow            *self,
            SkDeleteDialog      *dialog,
            GPtrArray           *ids,
            char               **busy_ids,
            GAsyncReadyCallback  callback)
{
  Confirmation *confirmation = g_new0 (Confirmation, 1);
  GHashTable *usage = current_usage (self);

  g_weak_ref_init (&confirmation->window, self);
  g_ptr_array_add (ids, NULL);
  confirmation->ids = g_strdupv ((char **) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
  confirmation->usage = usage ? g_hash_table_ref (usage) : NULL;
  confirmation->busy_ids = busy_ids;

  sk_delete_dialog_set_account (dialog, self->account ? sk_account_get_title (self->account) : NULL);
  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  sk_delete_dialog_run (dialog, self->cancellable, callback, confirmation);
}

static void
confirm_delete_files (SkWindow  *self,
                      GPtrArray *ids)
{
  GHashTable *usage = current_usage (self);
  g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  SkDeleteFilesDialog *dialog;
  guint n_existing = 0;
  guint n_account = 0;
  gint64 total = 0;
  gboolean every;

  _sk_window_rebuild_files_by_id (self);
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
  every = _sk_window_files_complete (self) && n_account > 0 && n_existing == n_account;

  dialog = sk_delete_files_dialog_new (GTK_WINDOW (self), g_hash_table_size (distinct), total,
                                       usage ? (int) sk_delete_count_stores (usage, ids) : -1, every);
  run_dialog (self, SK_DELETE_DIALOG (dialog), ids, _sk_window_usage_mark_busy (self, dialog, ids),
              files_answered_cb);
}

static void
confirm_delete_stores (SkWindow  *self,
                       GPtrArray *stores)
{
  GHashTable *usage = current_usage (self);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) exclusive = NULL;
  SkDeleteStoresDialog *dialog;
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
      gboolean complete = _sk_window_files_complete (self);

      _sk_window_rebuild_files_by_id (self);
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

  dialog = sk_delete_stores_dialog_new (GTK_WINDOW (self), stores->len, usage_bytes, n_exclusive, n_all, every);
  run_dialog (self, SK_DELETE_DIALOG (dialog), ids, NULL, stores_answered_cb);
}

static void
delete_selected (SkWindow *self)
{
  SkListPage *page = _sk_window_get_current_page (self);
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_auto (GStrv) selected_ids = NULL;

  if (page == NULL || self->deletion == NULL || self->dialog != NULL)
    return;

  if (sk_list_page_get_item_type (page) == SK_TYPE_VECTOR_STORE)
    {
      selected = sk_list_page_dup_selected (page);
      if (selected->len == 0 || !sk_deletion_check_idle (self->deletion))
        return;
      confirm_delete_stores (self, selected);
      return;
    }

  selected_ids = sk_list_page_dup_selected_ids (page);
  if (selected_ids[0] == NULL || !sk_deletion_check_idle (self->deletion))
    return;
  ids = g_ptr_array_new ();
  for (guint i = 0; selected_ids[i] != NULL; i++)
    g_ptr_array_add (ids, selected_ids[i]);
  confirm_delete_files (self, ids);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  SkListPage *page = _sk_window_get_current_page (SK_WINDOW (widget));

  /* Ctrl+F opens the search, or focuses it when already open */
  if (page != NULL)
    sk_list_page_focus_search (page);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SkListPage *page = _sk_window_get_current_page (SK_WINDOW (widget));

  if (page != NULL)
    sk_list_page_select_all (page);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  delete_selected (SK_WINDOW (widget));
}

static void
detach_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  sk_window_detach_selected (SK_WINDOW (widget));
}

static void
set_expiry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _sk_window_set_expiry_selected (SK_WINDOW (widget));
}

static void
show_uses_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _sk_window_show_uses_selected (SK_WINDOW (widget));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  sk_window_add_toast (SK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sk_window_close_store (SK_WINDOW (widget));
}

static void
open_store_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SkWindow *self = SK_WINDOW (widget);
  const char *store_id = g_variant_get_string (param, NULL);
  GListModel *stores = G_LIST_MODEL (self->stores);

  for (guint i = 0; stores != NULL && i < g_list_model_get_n_items (stores); i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (stores, i);

      if (g_strcmp0 (sk_vector_store_get_id (store), store_id) == 0)
        {
          sk_window_open_store (self, store);
          return;
        }
    }
  sk_window_set_view (self, "stores");
  sk_window_close_store (self);
}

static void
cleanup_rules_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _sk_window_show_rules (SK_WINDOW (widget));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  sk_window_set_view (SK_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
_sk_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "win.detach-selected", NULL, detach_selected_action);
  gtk_widget_class_install_action (widget_class, "win.set-expiry", NULL, set_expiry_action);
  gtk_widget_class_install_action (widget_class, "win.show-uses", NULL, show_uses_action);
  gtk_widget_class_install_action (widget_class, "win.cleanup-rules", NULL, cleanup_rules_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.open-store", "s", open_store_action);

  /* Window-level bindings run after the focused widget: Ctrl+A and Delete
   * in the search entry stay the entry's. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

/* Removing files from a store asks nothing: the toast offers Undo */
void
sk_window_detach_selected (SkWindow *self)
{
  g_autoptr (GPtrArray) selected = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  SkVectorStore *store;

  g_return_if_fail (SK_IS_WINDOW (self));

  store = sk_store_files_page_get_store (self->store_files_page);
  if (self->deletion == NULL || store == NULL)
    return;
  selected = sk_store_files_page_dup_selected (self->store_files_page);
  if (selected->len == 0 || !sk_deletion_check_idle (self->deletion))
    return;
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (ids, (gpointer) sk_vector_store_file_get_id (g_ptr_array_index (selected, i)));
  g_ptr_array_add (ids, NULL);

  sk_deletion_detach_files (_sk_window_prepare_deletion (self), sk_vector_store_get_id (store),
                            sk_vector_store_get_display_name (store), (const char * const *) ids->pdata);
}
