/* sk-preferences-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-preferences-window.h"

#include "sk-a11y.h"
#include "sk-account-manager.h"
#include "sk-accounts-group.h"
#include "sk-admin-key-group.h"
#include "sk-format.h"
#include "sk-settings.h"

struct _SkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *key_row;
  AdwActionRow         *forget_row;
  AdwEntryRow          *organization_row;
  AdwEntryRow          *project_row;
  AdwEntryRow          *base_url_row;
  GtkSpinButton        *max_spin;
  GtkSpinButton        *price_spin;
  GtkSpinButton        *free_spin;
  GtkSwitch            *verify_switch;
  GtkSwitch            *local_switch;
  GtkSpinButton        *port_spin;
  AdwActionRow         *address_row;
  GtkButton            *docs_button;
  AdwActionRow         *token_row;
  GtkButton            *copy_button;
  GtkButton            *regenerate_button;
  SkAccountsGroup      *accounts_group;
  SkAdminKeyGroup      *admin_key_group;

  GSettings            *settings;
  SkWindow             *main_window;   /* weak */
  SkAccountManager     *account_manager;
  SkLocalServer        *local_server;
  GCancellable         *cancellable;
  gboolean              signing_in;
};

G_DEFINE_FINAL_TYPE (SkPreferencesWindow, sk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_MAIN_WINDOW,
  PROP_ACCOUNT_MANAGER,
  PROP_LOCAL_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (SkPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  sk_a11y_fix_names (GTK_WIDGET (self));
}

static void
update_account (SkPreferencesWindow *self)
{
  SkAccount *account = self->account_manager ? sk_account_manager_get_account (self->account_manager) : NULL;
  const char *description;

  if (account == NULL)
    description = _("No account is open.");
  else if (sk_account_get_source (account) == SK_ACCOUNT_DEMO)
    description = _("The demo account is open. Enter a key to open your own account.");
  else if (sk_account_get_source (account) == SK_ACCOUNT_ENVIRONMENT)
    description = _("The key comes from the OPENAI_API_KEY environment variable and is not stored.");
  else
    description = _("The key is stored in your keyring.");
  adw_preferences_group_set_description (self->account_group, description);
  /* a stored account is edited in Accounts */
  gtk_widget_set_visible (GTK_WIDGET (self->account_group),
                          account == NULL || sk_account_get_profile (account) == NULL);
}

static void
update_local_server (SkPreferencesWindow *self)
{
  gboolean running = self->local_server && sk_local_server_get_running (self->local_server);
  const char *token = self->local_server ? sk_local_server_get_local_token (self->local_server) : NULL;

  if (running)
    {
      g_autofree char *url = sk_local_server_dup_url (self->local_server);

      adw_action_row_set_subtitle (self->address_row, url);
    }
  else
    adw_action_row_set_subtitle (self->address_row, _("Not running"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->docs_button), running);

  adw_action_row_set_subtitle (self->token_row, token ? token : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), token != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->regenerate_button), self->local_server != NULL);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (SkPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) keyring_error = NULL;
  g_autoptr (SkAccount) account = NULL;

  account = sk_account_manager_sign_in_finish (SK_ACCOUNT_MANAGER (source), result,
                                               &keyring_error, &error);
  if (account == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->signing_in = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);
  if (account == NULL)
    {
      if (sk_format_is_unauthorized (error))
        toast (self, _("OpenAI refused this key"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not check the key: %s"), error->message);

          toast (self, message);
        }
      return;
    }

  if (keyring_error != NULL)
    toast (self, _("The key works but could not be saved in the keyring"));
  else
    toast (self, _("Key saved"));
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  update_account (self);
}

static void
key_apply_cb (SkPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));

  if (*key == '\0' || self->signing_in || self->account_manager == NULL)
    return;

  self->signing_in = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
  sk_account_manager_sign_in_async (self->account_manager, NULL, key, NULL, NULL,
                                    self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
key_forgotten_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (SkPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean closed = FALSE;

  if (!sk_account_manager_forget_finish (SK_ACCOUNT_MANAGER (source), result, &closed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not remove the key: %s"), error->message);

          toast (self, message);
        }
      return;
    }

  if (closed)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  toast (self, _("Key removed from the keyring"));
}

static void
forget_clicked_cb (SkPreferencesWindow *self)
{
  if (self->account_manager == NULL)
    return;
  sk_account_manager_forget_async (self->account_manager, NULL, self->cancellable,
                                   key_forgotten_cb, g_object_ref (self));
}

static void
organization_apply_cb (SkPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "organization",
                         gtk_editable_get_text (GTK_EDITABLE (self->organization_row)));
}

static void
project_apply_cb (SkPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "project",
                         gtk_editable_get_text (GTK_EDITABLE (self->project_row)));
}

static void
base_url_apply_cb (SkPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->base_url_row));

  if (*text != '\0' && !g_str_has_prefix (text, "https://") && !g_str_has_prefix (text, "http://"))
    {
      toast (self, _("The base URL must start with https:// or http://"));
      return;
    }
  g_settings_set_string (self->settings, "base-url", text);
  toast (self, _("The new base URL is used for the next account you open"));
}

static void
docs_clicked_cb (SkPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  g_autofree char *docs = NULL;

  if (self->local_server == NULL || !sk_local_server_get_running (self->local_server))
    return;
  url = sk_local_server_dup_url (self->local_server);
  docs = g_strconcat (url, "/docs", NULL);
  gtk_show_uri (GTK_WINDOW (self), docs, GDK_CURRENT_TIME);
}

static void
copy_clicked_cb (SkPreferencesWindow *self)
{
  const char *token;

  if (self->local_server == NULL)
    return;
  token = sk_local_server_get_local_token (self->local_server);
  if (token == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), token);
  toast (self, _("Token copied"));
}

static void
regenerate_clicked_cb (SkPreferencesWindow *self)
{
  if (self->local_server == NULL)
    return;
  sk_local_server_regenerate_token (self->local_server);
  update_local_server (self);
  toast (self, _("New token generated: the previous one no longer works"));
}

static void
sk_preferences_window_constructed (GObject *object)
{
  SkPreferencesWindow *self = (SkPreferencesWindow *)object;
  g_autofree char *org = NULL;
  g_autofree char *project = NULL;
  g_autofree char *base_url = NULL;

  G_OBJECT_CLASS (sk_preferences_window_parent_class)->constructed (object);
  sk_a11y_fix_names (GTK_WIDGET (self));

  org = g_settings_get_string (self->settings, "organization");
  project = g_settings_get_string (self->settings, "project");
  base_url = g_settings_get_string (self->settings, "base-url");
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), org);
  gtk_editable_set_text (GTK_EDITABLE (self->project_row), project);
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), base_url);

  if (self->main_window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->main_window));
  sk_accounts_group_set_manager (self->accounts_group, self->account_manager);
  sk_admin_key_group_set_manager (self->admin_key_group, self->account_manager);
  if (self->account_manager != NULL)
    g_signal_connect_object (self->account_manager, "notify::account",
                             G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  update_account (self);

  if (self->local_server != NULL)
    {
      g_signal_connect_object (self->local_server, "notify::running",
                               G_CALLBACK (update_local_server), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->local_server, "notify::port",
                               G_CALLBACK (update_local_server), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->local_server, "notify::local-token",
                               G_CALLBACK (update_local_server), self, G_CONNECT_SWAPPED);
    }
  update_local_server (self);
}

static void
sk_preferences_window_dispose (GObject *object)
{
  SkPreferencesWindow *self = (SkPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_PREFERENCES_WINDOW);
  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->account_manager);
  g_clear_object (&self->local_server);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sk_preferences_window_parent_class)->dispose (object);
}

static void
sk_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SkPreferencesWindow *self = SK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAIN_WINDOW:
      g_value_set_object (value, self->main_window);
      break;
    case PROP_ACCOUNT_MANAGER:
      g_value_set_object (value, self->account_manager);
      break;
    case PROP_LOCAL_SERVER:
      g_value_set_object (value, self->local_server);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SkPreferencesWindow *self = SK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAIN_WINDOW:
      g_set_weak_pointer (&self->main_window, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_MANAGER:
      g_set_object (&self->account_manager, g_value_get_object (value));
      break;
    case PROP_LOCAL_SERVER:
      g_set_object (&self->local_server, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_preferences_window_class_init (SkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SK_TYPE_ACCOUNTS_GROUP);
  g_type_ensure (SK_TYPE_ADMIN_KEY_GROUP);

  object_class->constructed = sk_preferences_window_constructed;
  object_class->dispose = sk_preferences_window_dispose;
  object_class->get_property = sk_preferences_window_get_property;
  object_class->set_property = sk_preferences_window_set_property;

  /**
   * SkPreferencesWindow:main-window:
   *
   * The window the preferences are transient for, or %NULL.
   */
  properties[PROP_MAIN_WINDOW] =
    g_param_spec_object ("main-window", NULL, NULL, SK_TYPE_WINDOW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPreferencesWindow:account-manager:
   *
   * What the key rows sign in with and forget, or %NULL (the rows then do
   * nothing).
   */
  properties[PROP_ACCOUNT_MANAGER] =
    g_param_spec_object ("account-manager", NULL, NULL, SK_TYPE_ACCOUNT_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkPreferencesWindow:local-server:
   *
   * The in-process local API the local API rows show, or %NULL.
   */
  properties[PROP_LOCAL_SERVER] =
    g_param_spec_object ("local-server", NULL, NULL, SK_TYPE_LOCAL_SERVER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, admin_key_group);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, forget_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, organization_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, project_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, max_spin);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, price_spin);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, free_spin);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, verify_switch);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, local_switch);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, docs_button);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SkPreferencesWindow, regenerate_button);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, forget_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, base_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, docs_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, regenerate_clicked_cb);
}

static void
sk_preferences_window_init (SkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = sk_settings_new ();

  g_settings_bind (self->settings, "max-in-flight",
                   gtk_spin_button_get_adjustment (self->max_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "verify-after-delete", self->verify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "storage-price-per-gb-day",
                   gtk_spin_button_get_adjustment (self->price_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "storage-free-gb",
                   gtk_spin_button_get_adjustment (self->free_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "local-api-enabled", self->local_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "local-api-port",
                   gtk_spin_button_get_adjustment (self->port_spin), "value", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
sk_preferences_window_new (SkWindow      *main_window,
                           SkLocalServer *local_server)
{
  return g_object_new (SK_TYPE_PREFERENCES_WINDOW,
                       "main-window", main_window,
                       "local-server", local_server,
                       NULL);
}
