/* sk-secret.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The API key in the user's keyring (Secret Service), never anywhere else.
 * Schema "io.github.storekeeper.Storekeeper", attributes
 * "application" = APP_ID and "account" = @account ("default"): one item
 * per account, labelled with its name. */

const SecretSchema *sk_secret_get_schema   (void);
char               *sk_secret_dup_label    (const char *account);

void      sk_secret_store_async   (const char          *account,
                                   const char          *api_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  sk_secret_store_finish  (GAsyncResult        *result,
                                   GError             **error);
void      sk_secret_lookup_async  (const char          *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* NULL and no error when there is no key; free with secret_password_free */
char     *sk_secret_lookup_finish (GAsyncResult        *result,
                                   GError             **error);
char     *sk_secret_lookup_sync   (const char          *account,
                                   GCancellable        *cancellable,
                                   GError             **error);
void      sk_secret_clear_async   (const char          *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  sk_secret_clear_finish  (GAsyncResult        *result,
                                   GError             **error);

/* The account's admin key, when it has one: a second item, schema
 * "io.github.storekeeper.Storekeeper.AdminKey", attributes "application",
 * "account" and "kind" = "admin". Finish with the functions above. */
const SecretSchema *sk_secret_get_admin_schema (void);
void      sk_secret_store_admin_async  (const char          *account,
                                        const char          *admin_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void      sk_secret_lookup_admin_async (const char          *account,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void      sk_secret_clear_admin_async  (const char          *account,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

G_END_DECLS
