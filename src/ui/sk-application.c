/* sk-application.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-application.h"

#include "sk-account.h"
#include "sk-preferences-window.h"
#include "sk-secret.h"
#include "sk-window.h"

struct _SkApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SkLocalServer  *local_server;
  gboolean        demo;
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

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 1000000, &n, NULL))
    return fallback;
  return (guint) n;
}

/* Local API */

static void
stop_local_server (SkApplication *self)
{
  if (sk_local_server_get_running (self->local_server))
    sk_local_server_stop (self->local_server);
}

static void
start_local_server (SkApplication *self)
{
  g_autoptr (GError) error = NULL;
  SkWindow *window = main_window (self);
  SkAccount *account = window ? sk_window_get_account (window) : NULL;
  guint port = (guint) g_settings_get_int (self->settings, "local-api-port");

  stop_local_server (self);

  g_object_set (self->local_server, "port", port, NULL);
  if (account != NULL)
    {
      SkClient *client = sk_account_get_client (account);

      g_object_set (self->local_server,
                    "upstream-url", sk_account_get_base_url (account),
                    "organization", sk_client_get_organization (client),
                    "project", sk_client_get_project (client),
                    NULL);
      sk_local_server_set_account_key (self->local_server, sk_account_get_api_key (account));
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
    stop_local_server (self);
}

static void
window_account_changed_cb (SkApplication *self)
{
  if (g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
}

/* Opening the account */

static void
key_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (SkWindow) window = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (SkAccount) account = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *org = NULL;
  g_autofree char *project = NULL;
  char *key;

  key = sk_secret_lookup_finish (result, &error);
  if (sk_window_get_account (window) != NULL)
    {
      /* the user chose the demo meanwhile */
      secret_password_free (key);
      return;
    }
  if (key == NULL)
    {
      sk_window_show_welcome (window);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the keyring: %s"), error->message);

          sk_window_add_toast (window, message);
        }
      return;
    }

  settings = sk_settings_new ();
  base_url = g_settings_get_string (settings, "base-url");
  org = g_settings_get_string (settings, "organization");
  project = g_settings_get_string (settings, "project");
  account = sk_account_new (SK_ACCOUNT_KEYRING, base_url, key, org, project);
  secret_password_free (key);
  sk_window_set_account (window, account);
}

static void
open_account (SkApplication *self,
              SkWindow      *window)
{
  const char *env_key = g_getenv ("OPENAI_API_KEY");
  g_autoptr (SkAccount) account = NULL;

  if (self->demo)
    {
      g_autoptr (GError) error = NULL;

      account = sk_account_new_demo (env_uint ("STOREKEEPER_DEMO_FILES", 1500),
                                     env_uint ("STOREKEEPER_DEMO_STORES", 60), &error);
      if (account == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not start the demo: %s"), error->message);

          sk_window_show_welcome (window);
          sk_window_add_toast (window, message);
          return;
        }
    }
  else if (env_key != NULL && *env_key != '\0')
    {
      g_autofree char *base_url = g_settings_get_string (self->settings, "base-url");
      g_autofree char *org = g_settings_get_string (self->settings, "organization");
      g_autofree char *project = g_settings_get_string (self->settings, "project");

      account = sk_account_new (SK_ACCOUNT_ENVIRONMENT, base_url, env_key, org, project);
    }
  else
    {
      sk_window_show_loading (window);
      sk_secret_lookup_async ("default", NULL, key_looked_up_cb, g_object_ref (window));
      return;
    }

  sk_window_set_account (window, account);
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
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SkApplication *self = user_data;
  GtkWidget *prefs = sk_preferences_window_new (main_window (self), self->local_server);

  gtk_window_set_modal (GTK_WINDOW (prefs), TRUE);
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
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
    { "win.search", "<Control>f" },
    { "window.close", "<Control>w" },
    { "win.show-help-overlay", "<Control>question" },
    { "win.view::stores", "<Alt>1" },
    { "win.view::files", "<Alt>2" },
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
  self->local_server = sk_local_server_new ();
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
  g_signal_connect_object (window, "notify::account", G_CALLBACK (window_account_changed_cb),
                           self, G_CONNECT_SWAPPED);
  open_account (self, window);
  gtk_window_present (GTK_WINDOW (window));

  if (g_settings_get_boolean (self->settings, "local-api-enabled"))
    start_local_server (self);
}

static void
sk_application_shutdown (GApplication *app)
{
  SkApplication *self = SK_APPLICATION (app);

  if (self->local_server != NULL)
    stop_local_server (self);

  G_APPLICATION_CLASS (sk_application_parent_class)->shutdown (app);
}

static void
sk_application_dispose (GObject *object)
{
  SkApplication *self = (SkApplication *)object;

  g_clear_object (&self->local_server);
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
