/* sk-window-deletion.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-a11y.h"

#include "sk-file.h"

/* How the window shows its account's deletion controller: the job bar, the
 * results panel and the toasts, Undo on the toast of the latest detach, a
 * refresh after a change of the expiry of vector stores;
 * and what the controller is told before a deletion starts (the settings,
 * the names of what the window lists). It calls no function of the
 * window: it works on the window's widgets. */

static void
show_toast (SkWindow *self,
            AdwToast *toast)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  sk_a11y_add_toast (self->toast_overlay, toast);
}

static void
add_size (GHashTable *sizes,
          const char *id,
          gint64      bytes)
{
  g_hash_table_replace (sizes, g_strdup (id), g_memdup2 (&bytes, sizeof bytes));
}

/* ID -> name of the vector stores and files the window lists, and in
 * @sizes ID -> their size (a gint64 pointer), for the journal */
static GHashTable *
build_names (SkWindow    *self,
             GHashTable **sizes)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer value;
  guint n;

  *sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n = self->stores ? g_list_model_get_n_items (G_LIST_MODEL (self->stores)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (G_LIST_MODEL (self->stores), i);

      g_hash_table_insert (names, g_strdup (sk_vector_store_get_id (store)),
                           g_strdup (sk_vector_store_get_display_name (store)));
      add_size (*sizes, sk_vector_store_get_id (store), sk_vector_store_get_usage_bytes (store));
    }
  if (self->files_by_id == NULL)
    return names;
  g_hash_table_iter_init (&iter, self->files_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (sk_file_get_filename (value) != NULL)
        g_hash_table_replace (names, g_strdup (sk_file_get_id (value)), g_strdup (sk_file_get_filename (value)));
      add_size (*sizes, sk_file_get_id (value), sk_file_get_bytes (value));
    }
  return names;
}

static void
settings_changed_cb (SkWindow *self)
{
  guint max_in_flight = self->max_in_flight;

  if (self->deletion == NULL)
    return;
  if (max_in_flight == 0)
    max_in_flight = (guint) CLAMP (g_settings_get_int (self->settings, "max-in-flight"), 1, 64);
  sk_deletion_set_max_in_flight (self->deletion, max_in_flight);
  sk_deletion_set_verify (self->deletion, g_settings_get_boolean (self->settings, "verify-after-delete"));
}

static void
undo_clicked_cb (SkWindow *self)
{
  if (self->deletion != NULL)
    sk_deletion_undo (self->deletion);
}

static void
deletion_running_cb (SkWindow   *self,
                     GParamSpec *pspec,
                     SkDeletion *deletion)
{
  if (!sk_deletion_get_running (deletion))
    return;
  /* the job bar shows this account's deletion from now on; one of the
   * previous account still runs, and says when it ends */
  if (self->background_deletion != NULL)
    {
      g_clear_pointer (&self->job_binding, g_binding_unbind);
      self->job_binding = g_object_bind_property (deletion, "job", self->job_bar, "job",
                                                  G_BINDING_SYNC_CREATE);
      sk_job_bar_set_cancelling (self->job_bar, FALSE);
    }
  gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
  gtk_revealer_set_reveal_child (self->job_revealer, TRUE);
  sk_results_panel_set_retry_enabled (self->results_panel, FALSE);
}

static void
deletion_cancelling_cb (SkWindow   *self,
                        GParamSpec *pspec,
                        SkDeletion *deletion)
{
  if (sk_deletion_get_cancelling (deletion))
    sk_job_bar_set_cancelling (self->job_bar, TRUE);
}

static void
deletion_finished_cb (SkWindow   *self,
                      gboolean    undoable,
                      SkDeletion *deletion)
{
  const char *summary = sk_deletion_get_summary (deletion);
  SkDeletionCounts counts;
  AdwToast *toast;

  /* the window is closing */
  if (self->job_bar == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  sk_results_panel_set_results (self->results_panel, sk_deletion_get_results (deletion),
                                sk_deletion_get_result_names (deletion), summary);
  sk_results_panel_set_retry_enabled (self->results_panel, TRUE);

  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 8);
  if (undoable)
    {
      /* Undo reverts the latest detach: the toast of an earlier one goes */
      if (self->undo_toast != NULL)
        adw_toast_dismiss (self->undo_toast);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->undo_toast, toast);
    }
  show_toast (self, toast);

  /* A detach that went well needs no panel: the toast says it and offers Undo */
  sk_deletion_get_counts (deletion, &counts);
  gtk_revealer_set_reveal_child (self->results_revealer,
                                 sk_deletion_get_kind (deletion) != SK_BULK_DETACH_FILES
                                 || counts.n_failed + counts.n_cancelled > 0);

  /* A change of expiry: the lists load again, for the Expires column */
  if (sk_deletion_get_kind (deletion) == SK_BULK_STORE_EXPIRY)
    {
      self->expiry_pending = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
    }
}

static void
results_close_cb (SkWindow *self)
{
  gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
}

/* The deletion the job bar shows */
static SkDeletion *
shown_deletion (SkWindow *self)
{
  if (self->background_deletion != NULL &&
      (self->deletion == NULL || !sk_deletion_get_running (self->deletion)))
    return self->background_deletion;
  return self->deletion;
}

static void
cancel_requested_cb (SkWindow *self)
{
  SkDeletion *deletion = shown_deletion (self);

  if (deletion != NULL)
    sk_deletion_cancel (deletion);
}

/* The deletion of the previous account ended (or is stopped): the job bar
 * shows the account's own again */
static void
drop_background (SkWindow *self,
                 gboolean  stop)
{
  gboolean was_shown;

  if (self->background_deletion == NULL)
    return;

  was_shown = shown_deletion (self) == self->background_deletion;
  g_signal_handlers_disconnect_by_data (self->background_deletion, self);
  if (stop)
    sk_deletion_stop (self->background_deletion);
  g_clear_object (&self->background_deletion);
  if (!was_shown || self->job_bar == NULL)
    return;

  g_clear_pointer (&self->job_binding, g_binding_unbind);
  sk_job_bar_set_cancelling (self->job_bar, FALSE);
  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  if (self->deletion != NULL)
    self->job_binding = g_object_bind_property (self->deletion, "job", self->job_bar, "job",
                                                G_BINDING_SYNC_CREATE);
  else
    sk_job_bar_set_job (self->job_bar, NULL);
}

static void
background_cancelling_cb (SkWindow   *self,
                          GParamSpec *pspec,
                          SkDeletion *deletion)
{
  if (sk_deletion_get_cancelling (deletion) && shown_deletion (self) == deletion)
    sk_job_bar_set_cancelling (self->job_bar, TRUE);
}

/* Its summary, in a toast naming its account; no results panel and no
 * Undo: they belong to the account no longer open */
static void
background_finished_cb (SkWindow   *self,
                        gboolean    undoable,
                        SkDeletion *deletion)
{
  const char *account = g_object_get_data (G_OBJECT (deletion), "sk-account-title");
  g_autofree char *message = NULL;

  if (self->job_bar != NULL && gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      /* Translators: the first %s is the name of an account, the second
       * what its deletion did, e.g. "12 files deleted" */
      message = g_strdup_printf (_("In “%s”: %s"), account != NULL ? account : "",
                                 sk_deletion_get_summary (deletion));
      _sk_window_show_message (self, message);
    }
  drop_background (self, FALSE);
}

/* Keeps the running deletion of the account being left, bound to its own
 * client: it goes on against that account only, its progress in the job
 * bar until it ends (or until the new account starts one of its own) */
static void
keep_in_background (SkWindow *self)
{
  SkDeletion *deletion = g_steal_pointer (&self->deletion);
  const char *title = self->account != NULL ? sk_account_get_title (self->account) : NULL;

  g_signal_handlers_disconnect_by_data (deletion, self);
  self->background_deletion = deletion;
  g_object_set_data_full (G_OBJECT (deletion), "sk-account-title", g_strdup (title), g_free);
  g_signal_connect_object (deletion, "notify::cancelling", G_CALLBACK (background_cancelling_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (deletion, "finished", G_CALLBACK (background_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (deletion, "message", G_CALLBACK (_sk_window_show_message),
                           self, G_CONNECT_SWAPPED);
  self->job_binding = g_object_bind_property (deletion, "job", self->job_bar, "job",
                                              G_BINDING_SYNC_CREATE);
}

static void
retry_requested_cb (SkWindow *self)
{
  if (self->deletion != NULL && sk_deletion_retry_failed (_sk_window_prepare_deletion (self)) &&
      sk_deletion_get_kind (self->deletion) == SK_BULK_STORE_EXPIRY)
    self->expiry_pending = TRUE;
}

/* The files the window lists, by ID (rebuilt from the list) */
void
_sk_window_rebuild_files_by_id (SkWindow *self)
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

/* Whether the files list holds every file of the account */
gboolean
_sk_window_files_complete (SkWindow *self)
{
  return self->files != NULL
         && !sk_paged_list_get_loading (self->files)
         && sk_paged_list_get_error (self->files) == NULL;
}


/* Shows @message in a toast for 6 s */
void
_sk_window_show_message (SkWindow   *self,
                         const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  show_toast (self, toast);
}

/* Drops the controller of the previous account and makes one for
 * @account. Switching to another account keeps a running deletion going
 * against its own account (one at a time; an older one is stopped);
 * closing the account (@account %NULL) stops everything. */
void
_sk_window_set_deletion (SkWindow  *self,
                         SkAccount *account)
{
  g_clear_pointer (&self->job_binding, g_binding_unbind);
  /* a change of expiry running goes on, or stops, with the deletion controller */
  self->expiry_pending = FALSE;
  if (self->deletion != NULL && account != NULL && self->job_bar != NULL &&
      sk_deletion_get_running (self->deletion))
    {
      drop_background (self, TRUE);
      g_clear_pointer (&self->job_binding, g_binding_unbind);
      keep_in_background (self);
    }
  else
    {
      if (self->deletion != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->deletion, self);
          sk_deletion_stop (self->deletion);
          g_clear_object (&self->deletion);
        }
      if (account == NULL)
        drop_background (self, TRUE);
      if (self->job_bar != NULL && self->background_deletion == NULL)
        {
          sk_job_bar_set_job (self->job_bar, NULL);
          gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
        }
    }
  if (account == NULL)
    return;

  self->deletion = sk_deletion_new (sk_account_get_client (account));
  settings_changed_cb (self);
  g_signal_connect_object (self->deletion, "notify::running", G_CALLBACK (deletion_running_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deletion, "notify::cancelling", G_CALLBACK (deletion_cancelling_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deletion, "finished", G_CALLBACK (deletion_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deletion, "message", G_CALLBACK (_sk_window_show_message),
                           self, G_CONNECT_SWAPPED);
  if (self->background_deletion == NULL)
    self->job_binding = g_object_bind_property (self->deletion, "job", self->job_bar, "job",
                                                G_BINDING_DEFAULT);
}

/* Puts the job bar and the results panel in their slots, and follows the
 * deletion settings */
void
_sk_window_deletion_init (SkWindow *self)
{
  self->job_bar = SK_JOB_BAR (sk_job_bar_new ());
  gtk_box_append (self->job_slot, GTK_WIDGET (self->job_bar));
  g_signal_connect_swapped (self->job_bar, "cancel-requested", G_CALLBACK (cancel_requested_cb), self);
  self->results_panel = SK_RESULTS_PANEL (sk_results_panel_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->results_panel), TRUE);
  gtk_box_append (self->results_slot, GTK_WIDGET (self->results_panel));
  g_signal_connect_swapped (self->results_panel, "retry-requested", G_CALLBACK (retry_requested_cb), self);
  g_signal_connect_swapped (self->results_panel, "close-requested", G_CALLBACK (results_close_cb), self);

  g_signal_connect_object (self->settings, "changed::max-in-flight",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::verify-after-delete",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The controller, told the names and sizes of what the window lists,
 * before a deletion starts */
SkDeletion *
_sk_window_prepare_deletion (SkWindow *self)
{
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GHashTable) sizes = NULL;

  if (self->deletion == NULL)
    return NULL;
  _sk_window_rebuild_files_by_id (self);
  names = build_names (self, &sizes);
  sk_deletion_set_names (self->deletion, names);
  sk_deletion_set_sizes (self->deletion, sizes);
  return self->deletion;
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
  return self->deletion != NULL && sk_deletion_get_running (self->deletion);
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
  return self->deletion != NULL ? sk_deletion_get_n_undo_pending (self->deletion) : 0;
}

void
sk_window_set_max_in_flight (SkWindow *self,
                             guint     max_in_flight)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  self->max_in_flight = MIN (max_in_flight, 64);
  settings_changed_cb (self);
}

SkDeletion *
sk_window_get_deletion (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->deletion;
}

void
sk_window_cancel_job (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  cancel_requested_cb (self);
}

void
sk_window_retry_failed (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  retry_requested_cb (self);
}
