/* sk-client-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"
#include "sk-request.h"

G_BEGIN_DECLS

SkRequestContext *sk_client_get_request_context (SkClient      *self);
guint             sk_client_get_files_page_size (SkClient      *self);
guint             sk_client_get_page_size       (SkClient      *self);
GError           *sk_client_invalid_id_error    (const char    *id);
GError           *sk_client_invalid_response    (GError        *error,
                                                 guint          http_status);
gpointer          sk_client_propagate_pointer   (SkClient      *self,
                                                 GAsyncResult  *result,
                                                 gpointer       source_tag,
                                                 GError       **error);

G_END_DECLS
