/* sk-account-menu.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SK_TYPE_ACCOUNT_MENU (sk_account_menu_get_type ())
G_DECLARE_FINAL_TYPE (SkAccountMenu, sk_account_menu, SK, ACCOUNT_MENU, GtkWidget)

GtkWidget  *sk_account_menu_new        (void);
GMenuModel *sk_account_menu_get_model  (SkAccountMenu *self);
void        sk_account_menu_popup      (SkAccountMenu *self);
guint       sk_account_menu_fill       (GMenu         *menu,
                                        GSettings     *settings);

G_END_DECLS
