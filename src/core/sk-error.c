/* sk-error.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-error.h"

#include "sk-core-enums.h"
#include "sk-types.h"

typedef struct
{
  guint  status;
  char  *openai_code;
} SkClientErrorPrivate;

static void
sk_client_error_private_init (SkClientErrorPrivate *priv)
{
  priv->status = 0;
  priv->openai_code = NULL;
}

static void
sk_client_error_private_copy (const SkClientErrorPrivate *src,
                              SkClientErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->openai_code = g_strdup (src->openai_code);
}

static void
sk_client_error_private_clear (SkClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->openai_code, g_free);
}

G_DEFINE_EXTENDED_ERROR (SkClientError, sk_client_error)

GError *
sk_client_error_new (SkClientError  code,
                     guint          http_status,
                     const char    *openai_code,
                     const char    *message)
{
  GError *error;
  SkClientErrorPrivate *priv;

  error = g_error_new_literal (SK_CLIENT_ERROR, code, message ? message : "");
  priv = sk_client_error_get_private (error);
  priv->status = http_status;
  priv->openai_code = g_strdup (openai_code);

  return error;
}

/**
 * sk_client_error_get_status:
 *
 * Returns: the HTTP status that produced @error, or 0 when @error is not
 *   an #SkClientError or came with no HTTP answer
 */
guint
sk_client_error_get_status (const GError *error)
{
  SkClientErrorPrivate *priv;

  if (error == NULL || error->domain != SK_CLIENT_ERROR)
    return 0;

  priv = sk_client_error_get_private (error);
  return priv ? priv->status : 0;
}

const char *
sk_client_error_get_openai_code (const GError *error)
{
  SkClientErrorPrivate *priv;

  if (error == NULL || error->domain != SK_CLIENT_ERROR)
    return NULL;

  priv = sk_client_error_get_private (error);
  return priv ? priv->openai_code : NULL;
}

/**
 * sk_error_to_http_status:
 *
 * The status a caller of the local API sees for @error: the upstream
 * status when there was one, 504 for a timeout, 502 when no HTTP answer
 * came (refused, reset, garbage), 499 for a cancelled operation.
 */
guint
sk_error_to_http_status (const GError *error)
{
  guint status;

  g_return_val_if_fail (error != NULL, 500);

  status = sk_client_error_get_status (error);
  if (status != 0)
    return status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return 499;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return 504;
  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE))
    return 502;

  return 502;
}

SkClientError
sk_client_error_from_status (guint       http_status,
                             const char *openai_code)
{
  switch (http_status)
    {
    case 401:
      return SK_CLIENT_ERROR_UNAUTHORIZED;
    case 403:
      return SK_CLIENT_ERROR_FORBIDDEN;
    case 404:
      return SK_CLIENT_ERROR_NOT_FOUND;
    case 429:
      if (g_strcmp0 (openai_code, "insufficient_quota") == 0)
        return SK_CLIENT_ERROR_QUOTA_EXHAUSTED;
      return SK_CLIENT_ERROR_RATE_LIMITED;
    default:
      if (http_status >= 500)
        return SK_CLIENT_ERROR_SERVER;
      if (http_status >= 400)
        return SK_CLIENT_ERROR_BAD_REQUEST;
      return SK_CLIENT_ERROR_INVALID_RESPONSE;
    }
}

/* The API's value of `order`: the nick of @order; a value that is not an
 * SkOrder gives the API's default, "desc". */
const char *
sk_order_to_string (SkOrder order)
{
  const char *nick = sk_enum_get_nick (SK_TYPE_ORDER, order);

  return nick != NULL ? nick : "desc";
}
