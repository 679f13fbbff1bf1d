/* sk-attempt.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The largest answer body read; a larger one fails the attempt */
#define SK_ATTEMPT_MAX_BODY_SIZE (256 * 1024 * 1024)

GUri        *sk_attempt_parse_base_url     (const char          *base_url);
SoupMessage *sk_attempt_new_message        (GUri                *base_uri,
                                            const char          *method,
                                            const char          *path,
                                            const char          *query,
                                            GBytes              *body,
                                            const char          *api_key,
                                            gboolean             api_key_header,
                                            const char          *organization,
                                            const char          *project);
void         sk_attempt_send_async         (SoupSession         *session,
                                            SoupMessage         *msg,
                                            guint                timeout_ms,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GBytes      *sk_attempt_send_finish        (GAsyncResult        *result,
                                            GError             **error);
GError      *sk_client_error_from_body     (guint                http_status,
                                            GBytes              *body);
GError      *sk_attempt_error_from_answer  (guint                http_status,
                                            GBytes              *body,
                                            const char          *api_key);

G_END_DECLS
