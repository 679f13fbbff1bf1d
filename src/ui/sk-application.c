/* sk-application.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-application.h"

#include "sk-account-manager.h"
#include "sk-history.h"
#include "sk-history-window.h"
#include "sk-journal-prompts.h"
#include "sk-preferences-window.h"
#include "sk-settings.h"
#include "sk-window.h"

struct _SkApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  SkAccountManager *account_manager;
  SkLocalServer    *local_server;
  SkJournal        *journal;          /* the deletion history, or NULL */
  SkHistoryWindow  *history_window;   /* weak: while open */
  GError           *journal_error;    /* why it could not be opened */
  gboolean          local_stopping;
  gboolean          local_restart;
  gboolean          demo;
};

G_DEFINE_FINAL_TYPE (SkApplication, sk_application, ADW_TYPE_APPLICATION)

static SkWindow *
main_window (SkApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (SK_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Local API */

static void start_local_server (SkApplication *self);

static void
local_server_stopped_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (SkApplication) self = user_data;

  sk_local_server_stop_finish (SK_LOCAL_SERVER (source), result, NULL);
  self->local_stopping = FALSE;
  if (self->local_restart && g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
  self->local_restart = FALSE;
  g_application_release (G_APPLICATION (self));
}

/* Requests in flight get their answer (deletions their grace period)
 * before the server closes; @restart starts it again afterwards. */
static void
stop_local_server (SkApplication *self,
                   gboolean       restart)
{
  self->local_restart = self->local_restart || restart;
  if (self->local_stopping)
    return;
  if (!sk_local_server_get_running (self->local_server))
    {
      if (self->local_restart)
        {
          self->local_restart = FALSE;
          start_local_server (self);
        }
      return;
    }
  self->local_stopping = TRUE;
  g_application_hold (G_APPLICATION (self));
  sk_local_server_stop_async (self->local_server, NULL, local_server_stopped_cb, g_object_ref (self));
}

static void
start_local_server (SkApplication *self)
{
  g_autoptr (GError) error = NULL;
  SkWindow *window = main_window (self);
  SkAccount *account = sk_account_manager_get_account (self->account_manager);
  guint port = (guint) g_settings_get_int (self->settings, "local-api-port");

  if (self->local_stopping || sk_local_server_get_running (self->local_server))
    {
      stop_local_server (self, TRUE);
      return;
    }

  g_object_set (self->local_server, "port", port, NULL);
  if (account != NULL &&
      sk_client_get_provider (sk_account_get_client (account)) == SK_PROVIDER_AZURE)
    {
      SkClient *client = sk_account_get_client (account);

      /* Requests with the local token go to the Azure resource, with its
       * headers and paths; keys sent per request go to OpenAI, as the
       * guide says: a key of one service never reaches the other */
      g_object_set (self->local_server, "upstream-url", NULL, "organization", NULL,
                    "project", NULL, NULL);
      sk_local_server_set_account_service (self->local_server, sk_account_get_base_url (account),
                                           SK_PROVIDER_AZURE, sk_client_get_api_version (client));
      sk_local_server_set_account_key (self->local_server, sk_account_get_api_key (account));
      g_object_set (self->local_server, "account-name", sk_account_get_title (account), NULL);
    }
  else if (account != NULL)
    {
      SkClient *client = sk_account_get_client (account);

      g_object_set (self->local_server,
                    "upstream-url", sk_account_get_base_url (account),
                    "organization", sk_client_get_organization (client),
                    "project", sk_client_get_project (client),
                    NULL);
      sk_local_server_set_account_service (self->local_server, NULL, SK_PROVIDER_OPENAI, NULL);
      sk_local_server_set_account_key (self->local_server, sk_account_get_api_key (account));
      g_object_set (self->local_server, "account-name", sk_account_get_title (account), NULL);
    }
  else
    sk_local_server_set_account_key (self->local_server, NULL);

  if (!sk_local_server_start (self->local_server, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not start the local API: %s"), error->message);

      g_warning ("%s", message);
      if (window != NULL)
        sk_window_add_toast (window, message);
      g_settings_set_boolean (self->settings, "local-api-enabled", FALSE);
    }
}

static void
local_api_settings_changed_cb (SkApplication *self)
{
  if (g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
  else
    stop_local_server (self, FALSE);
}

/* The name "app.switch-account" checks in the menu of accounts */
static const char *
account_menu_name (SkAccount *account)
{
  if (account == NULL)
    return "";
  switch (sk_account_get_source (account))
    {
    case SK_ACCOUNT_DEMO:
      return SK_ACCOUNT_NAME_DEMO;
    case SK_ACCOUNT_ENVIRONMENT:
      return SK_ACCOUNT_NAME_ENVIRONMENT;
    case SK_ACCOUNT_KEYRING:
    default:
      return sk_account_get_name (account);
    }
}

/* The menu of accounts checks the open one */
static void
update_switch_state (SkApplication *self)
{
  SkAccount *account = sk_account_manager_get_account (self->account_manager);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (account_menu_name (account)));
}

static void
account_changed_cb (SkApplication *self)
{
  update_switch_state (self);
  if (g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
}

/* Opening the account */

static void
open_demo (SkApplication *self)
{
  g_autoptr (GError) error = NULL;
  SkWindow *window = main_window (self);

  if (!sk_account_manager_open_demo (self->account_manager, &error))
    {
      g_autofree char *message = NULL;

      if (window == NULL)
        return;
      message = g_strdup_printf (_("Could not start the demo: %s"), error->message);
      if (sk_account_manager_get_account (self->account_manager) == NULL)
        sk_window_show_welcome (window);
      sk_window_add_toast (window, message);
    }
}

static void
account_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (SkWindow) window = user_data;
  SkAccountManager *manager = SK_ACCOUNT_MANAGER (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkAccount) account = NULL;

  account = sk_account_manager_load_finish (manager, result, &error);
  /* an account was opened, perhaps the demo chosen meanwhile */
  if (sk_account_manager_get_account (manager) != NULL)
    return;

  sk_window_show_welcome (window);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the keyring: %s"), error->message);

      sk_window_add_toast (window, message);
    }
}

static void
open_account (SkApplication *self,
              SkWindow      *window)
{
  if (self->demo)
    {
      open_demo (self);
      return;
    }

  sk_window_show_loading (window);
  sk_account_manager_load_async (self->account_manager, NULL, account_loaded_cb, g_object_ref (window));
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SkApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* close the windows so they save their size */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SkApplication *self = user_data;
  static const char *developers[] = { "The Storekeeper authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Storekeeper"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Storekeeper authors"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/storekeeper/storekeeper",
                         "issue-url", "https://github.com/storekeeper/storekeeper/issues",
                         "support-url", "https://github.com/storekeeper/storekeeper/discussions",
                         "copyright", "© 2026 The Storekeeper authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: replace with your names, one per line */
                         "translator-credits", _("translator-credits"),
                         "comments", _("See and clean up the files and vector stores of your OpenAI account"),
                         NULL);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  open_demo (SK_APPLICATION (user_data));
}

static GtkWidget *
present_preferences (SkApplication *self)
{
  GtkWidget *prefs = g_object_new (SK_TYPE_PREFERENCES_WINDOW,
                                   "main-window", main_window (self),
                                   "account-manager", self->account_manager,
                                   "local-server", self->local_server,
                                   NULL);

  gtk_window_set_modal (GTK_WINDOW (prefs), TRUE);
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  present_preferences (SK_APPLICATION (user_data));
}

static void
manage_accounts_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GtkWidget *prefs = present_preferences (SK_APPLICATION (user_data));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "accounts");
}

static void
account_switched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (SkApplication) self = user_data;
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  SkWindow *window = main_window (self);

  account = sk_account_manager_switch_finish (SK_ACCOUNT_MANAGER (source), result, &error);
  if (error != NULL && window != NULL)
    {
      /* Translators: %s says why, e.g. "The keyring holds no key for “Acme”" */
      g_autofree char *message = g_strdup_printf (_("Could not open the account: %s"), error->message);

      sk_window_add_toast (window, message);
    }
  /* the menu checks the account open, not the one that failed */
  update_switch_state (self);
}

static void
switch_account_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  SkApplication *self = user_data;
  const char *name = g_variant_get_string (param, NULL);
  SkAccount *account = sk_account_manager_get_account (self->account_manager);

  if (g_strcmp0 (account_menu_name (account), name) == 0)
    return;
  sk_account_manager_switch_async (self->account_manager, name, NULL, account_switched_cb,
                                   g_object_ref (self));
}

static void
history_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SkApplication *self = user_data;
  SkWindow *window = main_window (self);
  SkAccount *account = sk_account_manager_get_account (self->account_manager);

  if (self->journal == NULL)
    {
      if (window != NULL)
        sk_window_add_toast (window, _("The deletion history cannot be opened"));
      return;
    }
  if (self->history_window == NULL)
    {
      self->history_window = sk_history_window_new (self->journal);
      g_object_add_weak_pointer (G_OBJECT (self->history_window), (gpointer *) &self->history_window);
      gtk_window_set_transient_for (GTK_WINDOW (self->history_window), GTK_WINDOW (window));
      gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (self->history_window));
    }
  else
    sk_history_window_reload (self->history_window);
  sk_history_window_set_account (self->history_window,
                                 account != NULL ? sk_account_get_client (account) : NULL,
                                 account != NULL ? sk_account_get_title (account) : NULL);
  gtk_window_present (GTK_WINDOW (self->history_window));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-demo", open_demo_action },
  { "manage-accounts", manage_accounts_action },
  { "switch-account", switch_account_action, "s", "''" },
  { "history", history_action },
};

/* GApplication */

static int
sk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SkApplication *self = SK_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  return -1;
}

static void
sk_application_startup (GApplication *app)
{
  SkApplication *self = SK_APPLICATION (app);
  static const char *refresh_accels[] = { "F5", "<Control>r", NULL };
  static const struct { const char *action; const char *accel; } accels[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "app.history", "<Control>h" },
    { "win.search", "<Control>f" },
    { "window.close", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
    { "win.view::overview", "<Alt>1" },
    { "win.view::stores", "<Alt>2" },
    { "win.view::files", "<Alt>3" },
  };

  G_APPLICATION_CLASS (sk_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      const char *list[] = { accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, list);
    }

  self->settings = sk_settings_new ();
  self->account_manager = sk_account_manager_new (self->settings);
  self->local_server = sk_local_server_new ();
  /* one deletion history for the window and the local API, compacted first */
  {
    g_autoptr (GError) error = NULL;

    self->journal = sk_history_open_journal (&error);
    if (self->journal != NULL)
      g_object_set (self->local_server, "journal", self->journal, NULL);
    else
      self->journal_error = g_steal_pointer (&error);
  }
  g_signal_connect_object (self->account_manager, "notify::account",
                           G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::local-api-enabled",
                           G_CALLBACK (local_api_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::local-api-port",
                           G_CALLBACK (local_api_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sk_application_activate (GApplication *app)
{
  SkApplication *self = SK_APPLICATION (app);
  SkWindow *window = main_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = sk_window_new (GTK_APPLICATION (self));
  g_object_set (sk_window_get_welcome_page (window), "account-manager", self->account_manager, NULL);
  /* the window shows the open account; closing it there closes it here */
  g_object_bind_property (self->account_manager, "account", window, "account",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  sk_journal_prompts_attach (window, self->journal, self->journal_error);
  if (sk_account_manager_get_account (self->account_manager) == NULL)
    open_account (self, window);
  gtk_window_present (GTK_WINDOW (window));
  if (self->journal_error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Deletions will not be recorded in the history: %s"),
                                                  self->journal_error->message);

      sk_window_add_toast (window, message);
    }

  if (g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
}

static void
sk_application_shutdown (GApplication *app)
{
  SkApplication *self = SK_APPLICATION (app);

  /* the main loop has ended: nothing in flight can be answered any more */
  if (self->local_server != NULL && sk_local_server_get_running (self->local_server))
    sk_local_server_stop (self->local_server);

  G_APPLICATION_CLASS (sk_application_parent_class)->shutdown (app);
}

static void
sk_application_dispose (GObject *object)
{
  SkApplication *self = (SkApplication *)object;

  g_clear_object (&self->local_server);
  g_clear_object (&self->journal);
  g_clear_error (&self->journal_error);
  g_clear_object (&self->account_manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sk_application_parent_class)->dispose (object);
}

static void
sk_application_class_init (SkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sk_application_dispose;
  app_class->handle_local_options = sk_application_handle_local_options;
  app_class->startup = sk_application_startup;
  app_class->activate = sk_application_activate;
  app_class->shutdown = sk_application_shutdown;
}

static void
sk_application_init (SkApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Open the simulated demo account instead of yours"), NULL);
}

SkApplication *
sk_application_new (void)
{
  return g_object_new (SK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

SkLocalServer *
sk_application_get_local_server (SkApplication *self)
{
  g_return_val_if_fail (SK_IS_APPLICATION (self), NULL);
  return self->local_server;
}

/**
 * sk_application_get_journal:
 * @self: a #SkApplication
 *
 * Returns: (nullable) (transfer none): the deletion history of the
 *   process, or %NULL when it could not be opened
 */
SkJournal *
sk_application_get_journal (SkApplication *self)
{
  g_return_val_if_fail (SK_IS_APPLICATION (self), NULL);
  return self->journal;
}

SkAccountManager *
sk_application_get_account_manager (SkApplication *self)
{
  g_return_val_if_fail (SK_IS_APPLICATION (self), NULL);
  return self->account_manager;
}
