/* sk-account-manager.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-account.h"

G_BEGIN_DECLS

#define SK_TYPE_ACCOUNT_MANAGER (sk_account_manager_get_type ())
G_DECLARE_FINAL_TYPE (SkAccountManager, sk_account_manager, SK, ACCOUNT_MANAGER, GObject)

/* Opens and closes the application's account. Keys in the keyring are
 * stored under an account name; NULL means "default", the key the user
 * enters. The base URL, organization and project come from @settings. */

SkAccountManager *sk_account_manager_new            (GSettings            *settings);
GSettings        *sk_account_manager_get_settings   (SkAccountManager     *self);
SkAccount        *sk_account_manager_get_account    (SkAccountManager     *self);
/* Opens @account (NULL closes the open one) */
void              sk_account_manager_set_account    (SkAccountManager     *self,
                                                     SkAccount            *account);

/* $OPENAI_API_KEY if set (never stored), else the account of the
 * "active-account" setting (the demo or a stored account), else the
 * "default" key of the keyring. Finish: the account opened (transfer full), or NULL with no
 * error when there is no key or another account was opened meanwhile. */
void              sk_account_manager_load_async     (SkAccountManager     *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SkAccount        *sk_account_manager_load_finish    (SkAccountManager     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Checks @api_key against the service, saves @organization and @project
 * (NULL: keep the settings' ones), stores the key in the keyring under
 * @name and opens the account. A refused key stores and opens nothing.
 * Finish: the account opened (transfer full) or NULL with @error; when
 * the key works but could not be stored, the account is opened all the
 * same and @keyring_error says why it was not stored. */
void              sk_account_manager_sign_in_async  (SkAccountManager     *self,
                                                     const char           *name,
                                                     const char           *api_key,
                                                     const char           *organization,
                                                     const char           *project,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SkAccount        *sk_account_manager_sign_in_finish (SkAccountManager     *self,
                                                     GAsyncResult         *result,
                                                     GError              **keyring_error,
                                                     GError              **error);

/* Deletes the keyring item of @name and closes the account when it is the
 * open one; @closed (nullable) says whether it was. Nothing to delete is
 * not an error. */
void              sk_account_manager_forget_async   (SkAccountManager     *self,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          sk_account_manager_forget_finish  (SkAccountManager     *self,
                                                     GAsyncResult         *result,
                                                     gboolean             *closed,
                                                     GError              **error);

/* Stored accounts (see SkAccountProfile): each with its keyring item,
 * labelled with its name. Saving checks the key first; forgetting a
 * stored account's name also removes it from the list. */
void              sk_account_manager_save_async     (SkAccountManager     *self,
                                                     const SkAccountProfile *profile,
                                                     const char           *replaces,
                                                     const char           *api_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SkAccount        *sk_account_manager_save_finish    (SkAccountManager     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Opens "demo", "environment" or a stored account by its name */
void              sk_account_manager_switch_async   (SkAccountManager     *self,
                                                     const char           *name,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
SkAccount        *sk_account_manager_switch_finish  (SkAccountManager     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* Starts the simulated account (see SkDemoAccount) and opens it. */
gboolean          sk_account_manager_open_demo      (SkAccountManager     *self,
                                                     GError              **error);

G_END_DECLS
