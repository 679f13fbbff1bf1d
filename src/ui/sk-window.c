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

#include "sk-a11y.h"
#include "sk-account-menu.h"
#include "sk-format.h"

G_DEFINE_FINAL_TYPE (SkWindow, sk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_navigation (SkWindow *self)
{
  gboolean browsing = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "browse") == 0;
  gboolean in_store = g_strcmp0 (gtk_stack_get_visible_child_name (self->stores_stack), "store") == 0;
  gboolean on_stores = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "stores") == 0;
  gboolean on_list = browsing && _sk_window_get_current_page (self) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), browsing && in_store && on_stores);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), on_list);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_button), browsing);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, browsing);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", browsing && in_store && on_stores);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", on_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-all", on_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected", on_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.detach-selected", browsing && in_store && on_stores);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-expiry", browsing && !in_store && on_stores);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-uses",
                                 on_list && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "files") == 0);

  /* The search button follows the page on screen */
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  if (on_list)
    self->search_binding = g_object_bind_property (_sk_window_get_current_page (self), "search-mode",
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
list_finished_cb (SkWindow    *self,
                  SkPagedList *list)
{
  const GError *error = sk_paged_list_get_error (list);

  _sk_window_update_overview (self);
  if (list == self->files && sk_store_files_page_get_store (self->store_files_page) != NULL)
    {
      _sk_window_rebuild_files_by_id (self);
      sk_store_files_page_set_files (self->store_files_page, self->files_by_id, _sk_window_files_complete (self));
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
  _sk_window_update_overview (self);
  _sk_window_load_usage (self, finder);
}

static void
start_orphan_finder (SkWindow *self)
{
  const char * const no_purposes[] = { NULL };

  self->usage_ready = FALSE;
  sk_files_page_set_usage (self->files_page, NULL);
  _sk_window_clear_usage (self);
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

/* What the window shows is what the account holds, after a deletion or an
 * Undo */
static void
deletion_ended_cb (SkWindow *self)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)) && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    sk_window_refresh (self);
}

static void
set_deletion (SkWindow  *self,
              SkAccount *account)
{
  _sk_window_set_deletion (self, account);
  if (self->deletion == NULL)
    return;
  g_signal_connect_object (self->deletion, "finished", G_CALLBACK (deletion_ended_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->deletion, "undone", G_CALLBACK (deletion_ended_cb), self, G_CONNECT_SWAPPED);
}

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

/* The application gives the window its shortcuts window when the window
 * is added to it */
static void
application_changed_cb (SkWindow *self)
{
  GtkShortcutsWindow *help_overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (help_overlay != NULL)
    sk_a11y_fix_shortcuts_window (GTK_WINDOW (help_overlay));
}

/* Actions about the account and its data (the others are in sk-window-actions.c) */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  sk_window_refresh (SK_WINDOW (widget));
}

static void
change_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  sk_window_set_account (SK_WINDOW (widget), NULL);
}

/* GObject */

static void
sk_window_dispose (GObject *object)
{
  SkWindow *self = (SkWindow *)object;

  g_cancellable_cancel (self->cancellable);
  _sk_window_set_deletion (self, NULL);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  if (self->expiry_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->expiry_dialog));
  g_clear_weak_pointer (&self->expiry_dialog);
  if (self->uses_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->uses_dialog));
  g_clear_weak_pointer (&self->uses_dialog);
  if (self->rules_dialog != NULL)
    gtk_window_destroy (self->rules_dialog);
  g_clear_weak_pointer (&self->rules_dialog);
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

  g_clear_object (&self->usage_index);
  g_clear_object (&self->orphan_finder);
  g_clear_object (&self->files);
  g_clear_object (&self->stores);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (sk_window_parent_class)->dispose (object);
}

/* gtk_window_destroy() unrealizes the window: the deletion running stops
 * there rather than wait for dispose */
static void
sk_window_unrealize (GtkWidget *widget)
{
  SkWindow *self = SK_WINDOW (widget);

  if (self->deletion != NULL)
    sk_deletion_cancel (self->deletion);
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

  g_type_ensure (SK_TYPE_ACCOUNT_MENU);

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
  g_type_ensure (SK_TYPE_OVERVIEW_PAGE);

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
  gtk_widget_class_bind_template_child (widget_class, SkWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, job_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, job_slot);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkWindow, results_slot);
  gtk_widget_class_bind_template_callback (widget_class, store_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_connected_cb);
  gtk_widget_class_bind_template_callback (widget_class, welcome_demo_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.change-key", NULL, change_key_action);
  _sk_window_class_actions_init (widget_class);
}

static void
sk_window_init (SkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = sk_settings_new ();

  _sk_window_deletion_init (self);
  _sk_window_overview_init (self);

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

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_subtitle), self);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child", G_CALLBACK (update_subtitle), self);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  update_navigation (self);
  sk_a11y_fix_names (GTK_WIDGET (self));
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
  set_deletion (self, account);
  sk_window_set_results_revealed (self, FALSE);
  sk_results_panel_set_results (self->results_panel, NULL, NULL, NULL);
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
  _sk_window_clear_usage (self);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);

  g_set_object (&self->account, account);
  update_subtitle (self);
  _sk_window_update_overview (self);

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

SkWelcomePage *
sk_window_get_welcome_page (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return self->welcome_page;
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

