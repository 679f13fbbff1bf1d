/* sk-account-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-account-dialog.h"

#include <string.h>

#include "sk-a11y.h"

/* The form that adds a stored account or edits one (its name included):
 * the service, its URL, the key, and what only one service has. Saving
 * checks the key against the service first; the dialog closes once the
 * account is stored and open, or shows why not. */

struct _SkAccountDialog
{
  AdwWindow           parent_instance;

  AdwEntryRow         *name_row;
  AdwComboRow         *provider_row;
  AdwEntryRow         *key_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *organization_row;
  AdwEntryRow         *project_row;
  AdwEntryRow         *api_version_row;
  AdwPreferencesGroup *connection_group;
  GtkLabel            *error_label;
  GtkButton           *save_button;
  GtkSpinner          *spinner;

  SkAccountManager    *manager;
  char                *replaces;   /* the name of the account edited, or NULL */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (SkAccountDialog, sk_account_dialog, ADW_TYPE_WINDOW)

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The text of @row without surrounding spaces, NULL when empty */
static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_busy (SkAccountDialog *self,
          gboolean         busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
}

static void
show_error (SkAccountDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
provider_changed_cb (SkAccountDialog *self)
{
  SkProvider provider = adw_combo_row_get_selected (self->provider_row);
  /* the example is too long for the title of a narrow row: it is said
   * under the group, and to a screen reader with the field */
  const char *example = _("An Azure resource endpoint looks like https://NAME.openai.azure.com");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                 provider == SK_PROVIDER_AZURE
                                 ? _("Resource Endpoint")
                                 : provider == SK_PROVIDER_OPENAI
                                 ? _("Base URL (empty: api.openai.com)")
                                 : _("Base URL"));
  adw_preferences_group_set_description (self->connection_group,
                                         provider == SK_PROVIDER_AZURE ? example : NULL);
  if (provider == SK_PROVIDER_AZURE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    example, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->url_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_visible (GTK_WIDGET (self->organization_row), provider == SK_PROVIDER_OPENAI);
  gtk_widget_set_visible (GTK_WIDGET (self->project_row), provider == SK_PROVIDER_OPENAI);
  gtk_widget_set_visible (GTK_WIDGET (self->api_version_row), provider == SK_PROVIDER_AZURE);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (SkAccountDialog) self = user_data;
  g_autoptr (SkAccount) account = NULL;
  g_autoptr (GError) error = NULL;

  account = sk_account_manager_save_finish (SK_ACCOUNT_MANAGER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (SkAccountDialog *self)
{
  g_autoptr (SkAccountProfile) profile = NULL;
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *url = dup_text (self->url_row);
  g_autofree char *key = dup_text (self->key_row);
  SkProvider provider = adw_combo_row_get_selected (self->provider_row);

  profile = sk_account_profile_new (name, provider, url);
  if (provider == SK_PROVIDER_OPENAI)
    {
      profile->organization = dup_text (self->organization_row);
      profile->project = dup_text (self->project_row);
    }
  if (provider == SK_PROVIDER_AZURE)
    profile->api_version = dup_text (self->api_version_row);

  show_error (self, NULL);
  set_busy (self, TRUE);
  sk_account_manager_save_async (self->manager, profile, self->replaces, key, self->cancellable,
                                 saved_cb, g_object_ref (self));
  if (key != NULL)
    memset (key, 0, strlen (key));
}

static void
sk_account_dialog_dispose (GObject *object)
{
  SkAccountDialog *self = (SkAccountDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->replaces, g_free);

  G_OBJECT_CLASS (sk_account_dialog_parent_class)->dispose (object);
}

static void
sk_account_dialog_class_init (SkAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_account_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, organization_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, project_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, api_version_row);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, connection_group);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SkAccountDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, provider_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sk_account_dialog_init (SkAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  provider_changed_cb (self);

  sk_a11y_fix_names (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * sk_account_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @manager: the manager that saves the account
 * @profile: (nullable): the stored account to edit; %NULL: a new one
 *
 * Returns: (transfer floating): a new dialog, to present
 */
GtkWidget *
sk_account_dialog_new (GtkWindow              *parent,
                       SkAccountManager       *manager,
                       const SkAccountProfile *profile)
{
  SkAccountDialog *self;

  g_return_val_if_fail (SK_IS_ACCOUNT_MANAGER (manager), NULL);

  self = g_object_new (SK_TYPE_ACCOUNT_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  if (profile == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Account"));
      return GTK_WIDGET (self);
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Account"));
  self->replaces = g_strdup (profile->name);
  set_text (self->name_row, profile->name);
  adw_combo_row_set_selected (self->provider_row, profile->provider);
  set_text (self->url_row, profile->url);
  set_text (self->organization_row, profile->organization);
  set_text (self->project_row, profile->project);
  set_text (self->api_version_row, profile->api_version);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                 _("New API Key (empty: keep the saved one)"));

  return GTK_WIDGET (self);
}
