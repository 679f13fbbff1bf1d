/* sk-account.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-account-profile.h"
#include "sk-client.h"
/* sk_settings_new (), for the window that includes it from here */
#include "sk-settings.h"

G_BEGIN_DECLS

typedef enum
{
  SK_ACCOUNT_DEMO,        /* the simulated account, in-process */
  SK_ACCOUNT_KEYRING,     /* key from the user's keyring */
  SK_ACCOUNT_ENVIRONMENT, /* key from $OPENAI_API_KEY, never stored */
} SkAccountSource;

#define SK_TYPE_ACCOUNT (sk_account_get_type ())
G_DECLARE_FINAL_TYPE (SkAccount, sk_account, SK, ACCOUNT, GObject)

/* The open account: a client plus what the window shows about it. */

/* Named after @source ("default", "environment", "demo") */
SkAccount       *sk_account_new              (SkAccountSource  source,
                                              const char      *base_url,
                                              const char      *api_key,
                                              const char      *organization,
                                              const char      *project);
/* @name: NULL for the name of @source */
SkAccount       *sk_account_new_full         (SkAccountSource  source,
                                              const char      *name,
                                              const char      *base_url,
                                              const char      *api_key,
                                              const char      *organization,
                                              const char      *project);
SkAccount       *sk_account_new_from_profile (const SkAccountProfile *profile,
                                              const char      *api_key);
/* A demo account served by @server, which the account keeps alive */
SkAccount       *sk_account_new_simulated    (const char      *base_url,
                                              const char      *api_key,
                                              GObject         *server);
SkClient        *sk_account_get_client       (SkAccount       *self);
SkAccountSource  sk_account_get_source       (SkAccount       *self);
const char      *sk_account_get_name         (SkAccount       *self);
const char      *sk_account_get_title        (SkAccount       *self);
const char      *sk_account_get_base_url     (SkAccount       *self);
const SkAccountProfile *sk_account_get_profile (SkAccount     *self);
/* The key, for the local server only; never log it. */
const char      *sk_account_get_api_key      (SkAccount       *self);
/* The organization's admin key, held in memory when the account has one */
const char      *sk_account_get_admin_key    (SkAccount       *self);
gboolean         sk_account_has_admin_key    (SkAccount       *self);
void             sk_account_set_admin_key    (SkAccount       *self,
                                              const char      *admin_key);
void             sk_account_set_organization (SkAccount       *self,
                                              const char      *organization);
void             sk_account_set_project      (SkAccount       *self,
                                              const char      *project);

/* One cheap request (list vector stores, max_items 1) to check the key. */
void             sk_account_check_async      (SkAccount           *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         sk_account_check_finish     (SkAccount           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
