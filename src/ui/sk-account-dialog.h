/* sk-account-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account-manager.h"

G_BEGIN_DECLS

#define SK_TYPE_ACCOUNT_DIALOG (sk_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkAccountDialog, sk_account_dialog, SK, ACCOUNT_DIALOG, AdwWindow)

GtkWidget *sk_account_dialog_new (GtkWindow              *parent,
                                  SkAccountManager       *manager,
                                  const SkAccountProfile *profile);

G_END_DECLS
