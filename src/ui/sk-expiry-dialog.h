/* sk-expiry-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SK_TYPE_EXPIRY_DIALOG (sk_expiry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkExpiryDialog, sk_expiry_dialog, SK, EXPIRY_DIALOG, AdwMessageDialog)

/* Asks how many days after their last activity the selected vector stores
 * expire, or that they never do. Its responses: "cancel" and "apply". */

SkExpiryDialog *sk_expiry_dialog_new      (GtkWindow      *parent,
                                           guint           n_stores);
/* 1..365, or 0: never expire */
void            sk_expiry_dialog_set_stores (SkExpiryDialog *self,
                                             GPtrArray      *stores);
const char     *sk_expiry_dialog_get_warning (SkExpiryDialog *self);
guint           sk_expiry_dialog_get_days (SkExpiryDialog *self);
void            sk_expiry_dialog_set_days (SkExpiryDialog *self,
                                           guint           days);

G_END_DECLS
