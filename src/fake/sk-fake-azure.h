/* sk-fake-azure.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

char     *sk_fake_azure_check_request        (const char          *path,
                                              GHashTable          *query,
                                              SoupMessageHeaders  *headers,
                                              const char          *api_version,
                                              const char          *api_key,
                                              guint               *status,
                                              char               **message);
gboolean  sk_fake_azure_deletes_with_no_content (const char        *api_version,
                                              const char          *method,
                                              const char          *route_path);

G_END_DECLS
