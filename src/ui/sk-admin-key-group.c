/* sk-admin-key-group.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-a11y.h"
#include "sk-account-admin.h"
#include "sk-admin-key-group.h"

/* The group "Admin Key" of Preferences → Accounts: sets or removes the
 * admin key of the open account (kept in the keyring for a stored
 * account). The key is never shown back: the entry only takes a new one. */

struct _SkAdminKeyGroup
{
  AdwPreferencesGroup  parent_instance;

  SkAccountManager    *manager;
  GCancellable        *cancellable;
  AdwEntryRow         *entry;
  GtkWidget           *remove_button;
};

G_DEFINE_FINAL_TYPE (SkAdminKeyGroup, sk_admin_key_group, ADW_TYPE_PREFERENCES_GROUP)

static SkAccount *
open_account (SkAdminKeyGroup *self)
{
  return self->manager != NULL ? sk_account_manager_get_account (self->manager) : NULL;
}

static void
update (SkAdminKeyGroup *self)
{
  SkAccount *account = open_account (self);
  gboolean usable = account != NULL && sk_account_get_source (account) != SK_ACCOUNT_DEMO;
  gboolean has_key = account != NULL && sk_account_has_admin_key (account);

  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), usable);
  gtk_widget_set_visible (self->remove_button, usable && has_key);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         !usable ? _("Open an account to give it an admin key.")
                                         : has_key ? _("The open account has an admin key: the overview shows what OpenAI reports.")
                                         : _("An admin key lets the overview show the storage and costs OpenAI reports. "
                                             "Only organization owners can create one."));
}

static void
toast (SkAdminKeyGroup *self,
       const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
      /* the close button of the toast is named */
      sk_a11y_fix_names (GTK_WIDGET (root));
    }
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  SkAdminKeyGroup *self;

  if (!sk_account_save_admin_key_finish (SK_ACCOUNT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self = SK_ADMIN_KEY_GROUP (user_data);
      toast (self, _("The keyring did not save the admin key"));
      return;
    }
  self = SK_ADMIN_KEY_GROUP (user_data);
  update (self);
}

static void
save_key (SkAdminKeyGroup *self,
          const char      *key)
{
  SkAccount *account = open_account (self);

  if (account == NULL || sk_account_get_source (account) == SK_ACCOUNT_DEMO)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* the group outlives the call: dispose cancels it first */
  sk_account_save_admin_key_async (account, key, self->cancellable, saved_cb, self);
}

static void
apply_cb (SkAdminKeyGroup *self)
{
  sk_admin_key_group_save (self);
}

static void
remove_clicked_cb (SkAdminKeyGroup *self)
{
  sk_admin_key_group_remove (self);
}

static void
account_changed_cb (SkAdminKeyGroup *self)
{
  SkAccount *account = open_account (self);

  if (account != NULL)
    g_signal_connect_object (account, "notify::has-admin-key", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

static void
sk_admin_key_group_dispose (GObject *object)
{
  SkAdminKeyGroup *self = SK_ADMIN_KEY_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (sk_admin_key_group_parent_class)->dispose (object);
}

static void
sk_admin_key_group_class_init (SkAdminKeyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_admin_key_group_dispose;
}

static void
sk_admin_key_group_init (SkAdminKeyGroup *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  GtkWidget *button;

  adw_preferences_group_set_title (group, _("Admin Key"));

  self->entry = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), _("New admin key"));
  adw_entry_row_set_show_apply_button (self->entry, TRUE);
  g_signal_connect_swapped (self->entry, "apply", G_CALLBACK (apply_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->entry));

  button = gtk_button_new_with_mnemonic (_("_Remove Admin Key"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  self->remove_button = button;
  adw_preferences_group_add (group, button);

  update (self);
}

GtkWidget *
sk_admin_key_group_new (void)
{
  return g_object_new (SK_TYPE_ADMIN_KEY_GROUP, NULL);
}

void
sk_admin_key_group_set_manager (SkAdminKeyGroup  *self,
                                SkAccountManager *manager)
{
  g_return_if_fail (SK_IS_ADMIN_KEY_GROUP (self));
  g_return_if_fail (manager == NULL || SK_IS_ACCOUNT_MANAGER (manager));

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_set_object (&self->manager, manager);
  if (manager != NULL)
    g_signal_connect_object (manager, "notify::account", G_CALLBACK (account_changed_cb), self,
                             G_CONNECT_SWAPPED);
  account_changed_cb (self);
}

/**
 * sk_admin_key_group_save:
 *
 * Saves the key typed in the entry as the open account's admin key, then
 * empties the entry.
 */
void
sk_admin_key_group_save (SkAdminKeyGroup *self)
{
  g_autofree char *key = NULL;

  g_return_if_fail (SK_IS_ADMIN_KEY_GROUP (self));

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  if (*key == '\0')
    return;
  save_key (self, key);
}

/**
 * sk_admin_key_group_remove:
 *
 * Removes the open account's admin key.
 */
void
sk_admin_key_group_remove (SkAdminKeyGroup *self)
{
  g_return_if_fail (SK_IS_ADMIN_KEY_GROUP (self));

  save_key (self, NULL);
}
