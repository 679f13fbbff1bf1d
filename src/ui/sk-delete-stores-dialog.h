/* sk-delete-stores-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-delete-dialog.h"
#include "sk-deletion.h"

G_BEGIN_DECLS

#define SK_TYPE_DELETE_STORES_DIALOG (sk_delete_stores_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkDeleteStoresDialog, sk_delete_stores_dialog, SK, DELETE_STORES_DIALOG, SkDeleteDialog)

SkDeleteStoresDialog *sk_delete_stores_dialog_new        (GtkWindow             *parent,
                                                          guint                  n_stores,
                                                          gint64                 usage_bytes,
                                                          int                    n_exclusive,
                                                          int                    n_all,
                                                          gboolean               every_store);
gboolean              sk_delete_stores_dialog_run_finish (SkDeleteStoresDialog  *self,
                                                          GAsyncResult          *result,
                                                          SkDeleteStoresChoice  *choice,
                                                          GError               **error);
SkDeleteStoresChoice  sk_delete_stores_dialog_get_choice (SkDeleteStoresDialog  *self);
void                  sk_delete_stores_dialog_set_choice (SkDeleteStoresDialog  *self,
                                                          SkDeleteStoresChoice   choice);

G_END_DECLS
