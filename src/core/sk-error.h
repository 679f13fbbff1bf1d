/* sk-error.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SK_CLIENT_ERROR (sk_client_error_quark ())

/**
 * SkClientError:
 * @SK_CLIENT_ERROR_UNAUTHORIZED: HTTP 401: the key was refused
 * @SK_CLIENT_ERROR_FORBIDDEN: HTTP 403
 * @SK_CLIENT_ERROR_NOT_FOUND: HTTP 404
 * @SK_CLIENT_ERROR_RATE_LIMITED: HTTP 429 (rate limit, still after retries)
 * @SK_CLIENT_ERROR_QUOTA_EXHAUSTED: HTTP 429 with `insufficient_quota`: retrying is useless
 * @SK_CLIENT_ERROR_SERVER: HTTP 5xx after retries
 * @SK_CLIENT_ERROR_INVALID_RESPONSE: the body is not what OpenAI sends (not JSON, wrong
 *   shape), or a list cursor did not advance
 * @SK_CLIENT_ERROR_BAD_REQUEST: any other HTTP 4xx (400, 409, 422...)
 *
 * Errors of #SkClient. The message is OpenAI's `error.message` when the
 * server sent one. The HTTP status is kept: sk_client_error_get_status().
 * Transport errors (DNS, refused connection, timeout) stay in
 * %G_IO_ERROR / %G_RESOLVER_ERROR / %SOUP_TLS_ERROR untouched, and a
 * cancelled operation is always %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  SK_CLIENT_ERROR_UNAUTHORIZED,
  SK_CLIENT_ERROR_FORBIDDEN,
  SK_CLIENT_ERROR_NOT_FOUND,
  SK_CLIENT_ERROR_RATE_LIMITED,
  SK_CLIENT_ERROR_QUOTA_EXHAUSTED,
  SK_CLIENT_ERROR_SERVER,
  SK_CLIENT_ERROR_INVALID_RESPONSE,
  SK_CLIENT_ERROR_BAD_REQUEST,
} SkClientError;

GQuark      sk_client_error_quark           (void);

GError     *sk_client_error_new             (SkClientError  code,
                                             guint          http_status,
                                             const char    *openai_code,
                                             const char    *message);
guint       sk_client_error_get_status      (const GError  *error);
const char *sk_client_error_get_openai_code (const GError  *error);
guint       sk_error_to_http_status         (const GError  *error);
SkClientError sk_client_error_from_status   (guint          http_status,
                                             const char    *openai_code);

G_END_DECLS
