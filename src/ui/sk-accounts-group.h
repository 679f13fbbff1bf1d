/* sk-accounts-group.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account-manager.h"

G_BEGIN_DECLS

#define SK_TYPE_ACCOUNTS_GROUP (sk_accounts_group_get_type ())
G_DECLARE_FINAL_TYPE (SkAccountsGroup, sk_accounts_group, SK, ACCOUNTS_GROUP, AdwPreferencesGroup)

void sk_accounts_group_set_manager (SkAccountsGroup  *self,
                                    SkAccountManager *manager);

G_END_DECLS
