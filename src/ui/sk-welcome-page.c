/* sk-welcome-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-welcome-page.h"

#include "sk-account.h"
#include "sk-format.h"
#include "sk-secret.h"

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
  GtkSpinner        *spinner;

  GCancellable      *cancellable;
  SkAccount         *pending;
};

G_DEFINE_FINAL_TYPE (SkWelcomePage, sk_welcome_page, GTK_TYPE_WIDGET)

enum {
  CONNECTED,
  DEMO_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (SkWelcomePage *self,
          gboolean       busy)
{
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
key_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (SkWelcomePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkAccount) account = NULL;
  g_autofree char *warning = NULL;

  if (!sk_secret_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the API key in the keyring: %s", error->message);
      warning = g_strdup_printf (_("The key could not be saved in the keyring (%s): it will be asked again next time."),
                                 error->message);
    }

  account = g_steal_pointer (&self->pending);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  if (account != NULL)
    g_signal_emit (self, signals[CONNECTED], 0, account, warning);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (SkWelcomePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (!sk_account_check_finish (SK_ACCOUNT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->pending);
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

  settings = sk_settings_new ();
  g_settings_set_string (settings, "organization",
                         gtk_editable_get_text (GTK_EDITABLE (self->organization_row)));
  g_settings_set_string (settings, "project",
                         gtk_editable_get_text (GTK_EDITABLE (self->project_row)));

  sk_secret_store_async ("default", sk_account_get_api_key (self->pending), self->cancellable,
                         key_stored_cb, g_object_ref (self));
}

static void
connect_clicked_cb (SkWelcomePage *self)
{
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *key = NULL;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
  if (*key == '\0' || self->pending != NULL)
    return;

  settings = sk_settings_new ();
  base_url = g_settings_get_string (settings, "base-url");

  sk_welcome_page_set_error (self, NULL);
  set_busy (self, TRUE);

  self->pending = sk_account_new (SK_ACCOUNT_KEYRING, base_url, key,
                                  gtk_editable_get_text (GTK_EDITABLE (self->organization_row)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->project_row)));
  sk_account_check_async (self->pending, self->cancellable, checked_cb, g_object_ref (self));
}

static void
key_changed_cb (SkWelcomePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            self->pending == NULL
                            && *gtk_editable_get_text (GTK_EDITABLE (self->key_row)) != '\0');
}

static void
demo_clicked_cb (SkWelcomePage *self)
{
  g_signal_emit (self, signals[DEMO_REQUESTED], 0);
}

static void
sk_welcome_page_dispose (GObject *object)
{
  GtkWidget *child;
  SkWelcomePage *self = (SkWelcomePage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_WELCOME_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (sk_welcome_page_parent_class)->dispose (object);
}

static void
sk_welcome_page_class_init (SkWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_welcome_page_dispose;

  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SK_TYPE_ACCOUNT, G_TYPE_STRING);
  signals[DEMO_REQUESTED] =
    g_signal_new ("demo-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkWelcomePage, status_page);
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
