/* sk-admin-key-group.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account-manager.h"

G_BEGIN_DECLS

#define SK_TYPE_ADMIN_KEY_GROUP (sk_admin_key_group_get_type ())
G_DECLARE_FINAL_TYPE (SkAdminKeyGroup, sk_admin_key_group, SK, ADMIN_KEY_GROUP, AdwPreferencesGroup)

GtkWidget *sk_admin_key_group_new         (void);
/* @manager: (nullable): the group follows its open account */
void       sk_admin_key_group_set_manager (SkAdminKeyGroup  *self,
                                           SkAccountManager *manager);
/* What the "Save" of the entry and the "Remove" button do (tests) */
void       sk_admin_key_group_save        (SkAdminKeyGroup  *self);
void       sk_admin_key_group_remove      (SkAdminKeyGroup  *self);

G_END_DECLS
