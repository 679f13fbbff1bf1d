/* sk-provider.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * SkProvider:
 * @SK_PROVIDER_OPENAI: OpenAI: bearer key, optional organization and
 *   project, the base URL as given (by default the public API)
 * @SK_PROVIDER_AZURE: Azure OpenAI: the URL is the resource endpoint, the
 *   key goes in the `api-key` header, the paths start with `/openai/v1`
 *   (or `/openai` with a dated `api-version`)
 * @SK_PROVIDER_COMPATIBLE: another service with OpenAI's `/files` and
 *   `/vector_stores`: the base URL as given and a bearer key
 *
 * The kind of service an account talks to.
 */
typedef enum
{
  SK_PROVIDER_OPENAI,
  SK_PROVIDER_AZURE,
  SK_PROVIDER_COMPATIBLE,
} SkProvider;

#define SK_TYPE_PROVIDER (sk_provider_get_type ())
GType       sk_provider_get_type              (void) G_GNUC_CONST;

const char *sk_provider_to_string             (SkProvider   provider);
gboolean    sk_provider_from_string           (const char  *name,
                                               SkProvider  *provider);
gboolean    sk_provider_api_version_is_dated  (const char  *api_version);
gboolean    sk_provider_api_version_is_valid  (const char  *api_version);
char       *sk_provider_build_base_url        (SkProvider   provider,
                                               const char  *url,
                                               const char  *api_version);
gboolean    sk_provider_uses_api_key_header   (SkProvider   provider);

G_END_DECLS
