/* sk-account-profile.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-provider.h"

G_BEGIN_DECLS

/**
 * SkAccountProfile:
 * @name: the name the user chose, unique among the stored accounts; also
 *   the label and the "account" attribute of its keyring item
 * @provider: the kind of service
 * @url: (nullable): the base URL, or for Azure the resource endpoint;
 *   empty: the public OpenAI API
 * @organization: (nullable): OpenAI only: sent as OpenAI-Organization
 * @project: (nullable): OpenAI only: sent as OpenAI-Project
 * @api_version: (nullable): Azure only: the `api-version` query
 *
 * What is stored about an account, in the settings: never its key.
 */
typedef struct
{
  char       *name;
  SkProvider  provider;
  char       *url;
  char       *organization;
  char       *project;
  char       *api_version;
} SkAccountProfile;

/* The names of the accounts that are not stored */
#define SK_ACCOUNT_NAME_DEMO        "demo"
#define SK_ACCOUNT_NAME_ENVIRONMENT "environment"
/* The keyring item of the key saved without a name */
#define SK_ACCOUNT_NAME_DEFAULT     "default"

/* The type of the stored list, in the settings key "accounts" */
#define SK_ACCOUNT_PROFILE_VARIANT_TYPE "(ssssss)"

#define SK_TYPE_ACCOUNT_PROFILE (sk_account_profile_get_type ())
GType             sk_account_profile_get_type       (void) G_GNUC_CONST;

SkAccountProfile *sk_account_profile_new            (const char              *name,
                                                     SkProvider               provider,
                                                     const char              *url);
SkAccountProfile *sk_account_profile_copy           (const SkAccountProfile  *self);
void              sk_account_profile_free           (SkAccountProfile        *self);
GVariant         *sk_account_profile_to_variant     (const SkAccountProfile  *self);
SkAccountProfile *sk_account_profile_new_from_variant (GVariant              *variant);
gboolean          sk_account_profile_check_name     (const char              *name,
                                                     GError                 **error);
gboolean          sk_account_profile_check          (const SkAccountProfile  *self,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkAccountProfile, sk_account_profile_free)

G_END_DECLS
