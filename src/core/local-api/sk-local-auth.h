/* sk-local-auth.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

char       *sk_local_token_new         (void);
void        sk_local_secret_free       (char              **secret);
const char *sk_local_bearer_token      (const char         *authorization);
gboolean    sk_local_token_equal       (const char         *expected,
                                        const char         *given);
const char *sk_local_auth_resolve_key  (SoupServerMessage  *msg,
                                        const char         *account_key,
                                        const char         *local_token);

G_END_DECLS
