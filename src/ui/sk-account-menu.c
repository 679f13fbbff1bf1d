/* sk-account-menu.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-account-menu.h"

#include "sk-account-list.h"
#include "sk-settings.h"

/* The header bar's menu of accounts: the demo, the stored accounts, the
 * key of OPENAI_API_KEY when set, then "Manage Accounts…". Each item
 * activates "app.switch-account" with the account's name, whose state (the
 * open account's name) checks the open one. Ctrl+Shift+A opens it from
 * anywhere in the window. */

struct _SkAccountMenu
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GSettings     *settings;
  GMenu         *menu;
};

G_DEFINE_FINAL_TYPE (SkAccountMenu, sk_account_menu, GTK_TYPE_WIDGET)

static void
add_item (GMenu      *section,
          const char *label,
          const char *name)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "app.switch-account", g_variant_new_string (name));
  g_menu_append_item (section, item);
}

static void
rebuild (SkAccountMenu *self)
{
  sk_account_menu_fill (self->menu, self->settings);
}

static gboolean
popup_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  sk_account_menu_popup (SK_ACCOUNT_MENU (widget));
  return TRUE;
}

static void
sk_account_menu_dispose (GObject *object)
{
  SkAccountMenu *self = (SkAccountMenu *)object;

  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  g_clear_object (&self->menu);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sk_account_menu_parent_class)->dispose (object);
}

static void
sk_account_menu_class_init (SkAccountMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_account_menu_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sk_account_menu_init (SkAccountMenu *self)
{
  GtkEventController *shortcuts;

  self->settings = sk_settings_new ();
  self->menu = g_menu_new ();
  rebuild (self);
  g_signal_connect_object (self->settings, "changed::accounts", G_CALLBACK (rebuild), self,
                           G_CONNECT_SWAPPED);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "system-users-symbolic");
  gtk_menu_button_set_menu_model (self->button, G_MENU_MODEL (self->menu));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Switch Account"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Account"),
                                  -1);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  /* from anywhere in the window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>a"),
                                                          gtk_callback_action_new (popup_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * sk_account_menu_fill:
 * @menu: the menu to fill (emptied first)
 * @settings: where the stored accounts are
 *
 * Fills @menu with the accounts, as the header bar shows them.
 *
 * Returns: how many stored accounts it lists
 */
guint
sk_account_menu_fill (GMenu     *menu,
                      GSettings *settings)
{
  g_autoptr (GPtrArray) profiles = sk_account_list_load (settings);
  g_autoptr (GMenu) accounts = g_menu_new ();
  g_autoptr (GMenu) manage = g_menu_new ();
  const char *env_key = g_getenv ("OPENAI_API_KEY");

  g_return_val_if_fail (G_IS_MENU (menu), 0);

  for (guint i = 0; i < profiles->len; i++)
    {
      SkAccountProfile *profile = g_ptr_array_index (profiles, i);

      add_item (accounts, profile->name, profile->name);
    }
  if (env_key != NULL && *env_key != '\0')
    add_item (accounts, _("Key from OPENAI_API_KEY"), SK_ACCOUNT_NAME_ENVIRONMENT);
  add_item (accounts, _("Demo Account"), SK_ACCOUNT_NAME_DEMO);
  g_menu_append (manage, _("_Manage Accounts…"), "app.manage-accounts");

  g_menu_remove_all (menu);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (accounts));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));

  return profiles->len;
}

GtkWidget *
sk_account_menu_new (void)
{
  return g_object_new (SK_TYPE_ACCOUNT_MENU, NULL);
}

/**
 * sk_account_menu_get_model:
 *
 * Returns: (transfer none): the menu
 */
GMenuModel *
sk_account_menu_get_model (SkAccountMenu *self)
{
  g_return_val_if_fail (SK_IS_ACCOUNT_MENU (self), NULL);
  return G_MENU_MODEL (self->menu);
}

void
sk_account_menu_popup (SkAccountMenu *self)
{
  g_return_if_fail (SK_IS_ACCOUNT_MENU (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_menu_button_popup (self->button);
}
