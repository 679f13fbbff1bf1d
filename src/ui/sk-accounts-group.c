/* sk-accounts-group.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-accounts-group.h"

#include "sk-a11y.h"
#include "sk-account-dialog.h"
#include "sk-account-list.h"

/* The stored accounts in the preferences: one row each (its service and
 * URL), with Edit and Remove; Add opens an empty form. Removing asks
 * first, then deletes the account's keyring item. */

struct _SkAccountsGroup
{
  AdwPreferencesGroup  parent_instance;

  SkAccountManager    *manager;
  GSettings           *settings;
  GPtrArray           *rows;      /* AdwActionRow*, owned by the group */
  GtkWidget           *empty_row;
};

G_DEFINE_FINAL_TYPE (SkAccountsGroup, sk_accounts_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
provider_label (SkProvider provider)
{
  switch (provider)
    {
    case SK_PROVIDER_AZURE:
      return _("Azure OpenAI");
    case SK_PROVIDER_COMPATIBLE:
      return _("Other Compatible Service");
    case SK_PROVIDER_OPENAI:
    default:
      return _("OpenAI");
    }
}

static GtkWindow *
parent_window (SkAccountsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_dialog (SkAccountsGroup        *self,
             const SkAccountProfile *profile)
{
  GtkWidget *dialog;

  if (self->manager == NULL)
    return;
  dialog = sk_account_dialog_new (parent_window (self), self->manager, profile);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!sk_account_manager_forget_finish (SK_ACCOUNT_MANAGER (source), result, NULL, &error))
    g_warning ("Could not remove the account: %s", error->message);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SkAccountsGroup  *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "sk-account-name");

  if (g_str_equal (response, "remove") && self->manager != NULL)
    sk_account_manager_forget_async (self->manager, name, NULL, forgotten_cb, NULL);
}

static void
remove_clicked_cb (GtkButton       *button,
                   SkAccountsGroup *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "sk-account-name");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), NULL,
                                                       _("Its key is deleted from the keyring. "
                                                         "The files and vector stores of the "
                                                         "account are not touched.")));
  /* Translators: %s is the name of an account */
  adw_message_dialog_format_heading (dialog, _("Remove “%s”?"), name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sk-account-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  /* its buttons named without mnemonic marks, the layout not shown hidden */
  sk_a11y_fix_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton       *button,
                 SkAccountsGroup *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "sk-account-name");
  g_autoptr (SkAccountProfile) profile = sk_account_list_find (self->settings, name);

  if (profile != NULL)
    open_dialog (self, profile);
}

static void
add_clicked_cb (SkAccountsGroup *self)
{
  open_dialog (self, NULL);
}

static GtkWidget *
row_button (SkAccountsGroup *self,
            const char      *icon_name,
            const char      *tooltip,
            const char      *name,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "sk-account-name", g_strdup (name), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);

  return button;
}

static void
rebuild (SkAccountsGroup *self)
{
  g_autoptr (GPtrArray) profiles = sk_account_list_load (self->settings);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < profiles->len; i++)
    {
      SkAccountProfile *profile = g_ptr_array_index (profiles, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *edit = NULL;
      g_autofree char *remove = NULL;
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = profile->url != NULL
                 ? g_strdup_printf ("%s · %s", provider_label (profile->provider), profile->url)
                 : g_strdup (provider_label (profile->provider));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* a screen reader says the service too, not only the name */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
      /* Translators: %s is the name of an account */
      edit = g_strdup_printf (_("Edit “%s”"), profile->name);
      /* Translators: %s is the name of an account */
      remove = g_strdup_printf (_("Remove “%s”"), profile->name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, "document-edit-symbolic", edit, profile->name,
                                             G_CALLBACK (edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, "user-trash-symbolic", remove, profile->name,
                                             G_CALLBACK (remove_clicked_cb)));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (self->empty_row, profiles->len == 0);
}

static void
sk_accounts_group_dispose (GObject *object)
{
  SkAccountsGroup *self = (SkAccountsGroup *)object;

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_accounts_group_parent_class)->dispose (object);
}

static void
sk_accounts_group_class_init (SkAccountsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_accounts_group_dispose;
}

static void
sk_accounts_group_init (SkAccountsGroup *self)
{
  GtkWidget *add;

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Accounts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Each account’s key is kept in the keyring. "
                                           "The demo account is always available."));

  add = gtk_button_new_with_mnemonic (_("_Add…"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No Stored Account"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                               _("Add one for each OpenAI project, organization or Azure resource"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);

  self->settings = sk_settings_new ();
  g_signal_connect_object (self->settings, "changed::accounts", G_CALLBACK (rebuild), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

void
sk_accounts_group_set_manager (SkAccountsGroup  *self,
                               SkAccountManager *manager)
{
  g_return_if_fail (SK_IS_ACCOUNTS_GROUP (self));
  g_return_if_fail (manager == NULL || SK_IS_ACCOUNT_MANAGER (manager));

  g_set_object (&self->manager, manager);
}
