/* sk-account-admin.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-account.h"

G_BEGIN_DECLS

/* The admin key of an account: kept in the keyring next to its API key
 * (see sk-secret.h), held in memory by the SkAccount once loaded. Only an
 * account whose key is in the keyring stores one; the others keep it in
 * memory for as long as they are open. */

void      sk_account_load_admin_key_async  (SkAccount           *account,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  sk_account_load_admin_key_finish (SkAccount           *account,
                                            GAsyncResult        *result,
                                            GError             **error);
/* @admin_key: NULL or "" deletes it */
void      sk_account_save_admin_key_async  (SkAccount           *account,
                                            const char          *admin_key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  sk_account_save_admin_key_finish (SkAccount           *account,
                                            GAsyncResult        *result,
                                            GError             **error);

/* A renamed account: its admin key moves from the keyring item of @from to
 * that of @account's name, and into @account. Nothing to move is no error. */
void      sk_account_move_admin_key_async  (SkAccount           *account,
                                            const char          *from,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  sk_account_move_admin_key_finish (SkAccount           *account,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
