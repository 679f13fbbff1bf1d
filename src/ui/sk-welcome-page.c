/* sk-welcome-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-welcome-page.h"

#include "sk-account-manager.h"
#include "sk-account-menu.h"
#include "sk-format.h"
#include "sk-settings.h"

struct _SkWelcomePage
{
  GtkWidget          parent_instance;

  AdwStatusPage     *status_page;
  AdwEntryRow       *key_row;
  AdwEntryRow       *organization_row;
  AdwEntryRow       *project_row;
  GtkLabel          *error_label;
  GtkButton         *connect_button;
  GtkButton         *demo_button;
  GtkMenuButton     *accounts_button;
  GtkSpinner        *spinner;

  SkAccountManager  *account_manager;
  GCancellable      *cancellable;
  GSettings         *settings;
  GMenu             *accounts_menu;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (SkWelcomePage, sk_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCOUNT_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CONNECTED,
  DEMO_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Set by whoever shows the page: the application, or a test */
static SkAccountManager *
get_account_manager (SkWelcomePage *self)
{
  return self->account_manager;
}

static void
set_busy (SkWelcomePage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->organization_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->project_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            !busy && *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0');
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (SkWelcomePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) keyring_error = NULL;
  g_autoptr (SkAccount) account = NULL;
  g_autofree char *warning = NULL;

  account = sk_account_manager_sign_in_finish (SK_ACCOUNT_MANAGER (source), result,
                                               &keyring_error, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (sk_format_is_unauthorized (error))
        sk_welcome_page_set_error (self, _("OpenAI refused this key. Check that it is complete and still active."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not check the key: %s"), error->message);

          sk_welcome_page_set_error (self, message);
        }
      return;
    }

  if (keyring_error != NULL)
    warning = g_strdup_printf (_("The key could not be saved in the keyring (%s): it will be asked again next time."),
                               keyring_error->message);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  g_signal_emit (self, signals[CONNECTED], 0, account, warning);
}

static void
connect_clicked_cb (SkWelcomePage *self)
{
  g_autofree char *key = NULL;
  SkAccountManager *manager = get_account_manager (self);

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (*key == '\0' || self->busy || manager == NULL)
    return;

  sk_welcome_page_set_error (self, NULL);
  set_busy (self, TRUE);

  sk_account_manager_sign_in_async (manager, NULL, key,
                                    gtk_editable_get_text (GTK_EDITABLE (self->organization_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->project_row)),
                                    self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
key_changed_cb (SkWelcomePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            !self->busy
                            && *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0');
}

static void
demo_clicked_cb (SkWelcomePage *self)
{
  g_signal_emit (self, signals[DEMO_REQUESTED], 0);
}

/* The stored accounts, offered when there are some */
static void
accounts_changed_cb (SkWelcomePage *self)
{
  guint n = sk_account_menu_fill (self->accounts_menu, self->settings);

  gtk_widget_set_visible (GTK_WIDGET (self->accounts_button), n > 0);
}

static void
sk_welcome_page_dispose (GObject *object)
{
  GtkWidget *child;
  SkWelcomePage *self = (SkWelcomePage *)object;

  g_clear_object (&self->accounts_menu);
  g_clear_object (&self->settings);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_WELCOME_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account_manager);

  G_OBJECT_CLASS (sk_welcome_page_parent_class)->dispose (object);
}

static void
sk_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkWelcomePage *self = SK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_MANAGER:
      g_value_set_object (value, self->account_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SkWelcomePage *self = SK_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_MANAGER:
      if (g_set_object (&self->account_manager, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_welcome_page_class_init (SkWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_welcome_page_dispose;
  object_class->get_property = sk_welcome_page_get_property;
  object_class->set_property = sk_welcome_page_set_property;

  /**
   * SkWelcomePage:account-manager:
   *
   * What the Connect button signs in with; %NULL for the application's.
   */
  properties[PROP_ACCOUNT_MANAGER] =
    g_param_spec_object ("account-manager", NULL, NULL, SK_TYPE_ACCOUNT_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SK_TYPE_ACCOUNT, G_TYPE_STRING);
  signals[DEMO_REQUESTED] =
    g_signal_new ("demo-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, accounts_button);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, project_row);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked_cb);
}

static void
sk_welcome_page_init (SkWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->settings = sk_settings_new ();
  self->accounts_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->accounts_button, G_MENU_MODEL (self->accounts_menu));
  g_signal_connect_object (self->settings, "changed::accounts", G_CALLBACK (accounts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  accounts_changed_cb (self);
}

GtkWidget *
sk_welcome_page_new (void)
{
  return g_object_new (SK_TYPE_WELCOME_PAGE, NULL);
}

void
sk_welcome_page_reset (SkWelcomePage *self)
{
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *org = NULL;
  g_autofree char *project = NULL;

  g_return_if_fail (SK_IS_WELCOME_PAGE (self));

  settings = sk_settings_new ();
  org = g_settings_get_string (settings, "organization");
  project = g_settings_get_string (settings, "project");
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), org);
  gtk_editable_set_text (GTK_EDITABLE (self->project_row), project);
  sk_welcome_page_set_error (self, NULL);
}

void
sk_welcome_page_set_error (SkWelcomePage *self,
                           const char    *message)
{
  g_return_if_fail (SK_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
sk_welcome_page_connect (SkWelcomePage *self,
                         const char    *api_key,
                         const char    *organization,
                         const char    *project)
{
  g_return_if_fail (SK_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), api_key ? api_key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), organization ? organization : "");
  gtk_editable_set_text (GTK_EDITABLE (self->project_row), project ? project : "");
  connect_clicked_cb (self);
}
