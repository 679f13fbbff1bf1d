/* sk-local-auth.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-auth.h"

#include "sk-local-reply.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* 256 random bits, 64 hex digits */
#define TOKEN_BYTES 32

static gboolean
fill_random (guchar *buffer,
             gsize   length)
{
  gsize done = 0;
  int fd;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (done == length)
    return TRUE;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  done = 0;
  while (done < length)
    {
      ssize_t n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);

  return done == length;
}

/**
 * sk_local_token_new:
 *
 * A new local token: 256 bits from getrandom() (or /dev/urandom), in hex.
 *
 * Returns: (transfer full) (nullable): the token, or NULL when the system
 *   has no source of random bytes (the token is then disabled)
 */
char *
sk_local_token_new (void)
{
  guchar bytes[TOKEN_BYTES];
  GString *hex;

  if (!fill_random (bytes, sizeof bytes))
    {
      g_critical ("No source of random bytes: the local token is disabled");
      return NULL;
    }

  hex = g_string_sized_new (2 * TOKEN_BYTES + 1);
  for (guint i = 0; i < TOKEN_BYTES; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);

  return g_string_free (hex, FALSE);
}

/* Wipes and frees *@secret (a key or a token), and sets it to NULL. */
void
sk_local_secret_free (char **secret)
{
  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

/**
 * sk_local_bearer_token:
 *
 * Returns: (nullable): the token of "Authorization: Bearer <token>", or
 *   NULL (borrowed: points into @authorization)
 */
const char *
sk_local_bearer_token (const char *authorization)
{
  const char *p;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;

  p = authorization + 7;
  while (*p == ' ')
    p++;

  return *p ? p : NULL;
}

/* Constant-time comparison: the time depends on @given's length only. */
gboolean
sk_local_token_equal (const char *expected,
                      const char *given)
{
  gsize expected_len, given_len;
  guchar diff = 0;

  if (expected == NULL || given == NULL || expected[0] == '\0')
    return FALSE;

  expected_len = strlen (expected);
  given_len = strlen (given);

  /* Walk @given whole, whatever it holds, so the time does not tell how
   * many leading characters were right. */
  for (gsize i = 0; i < given_len; i++)
    diff |= (guchar) given[i] ^ (guchar) expected[i % expected_len];

  return diff == 0 && given_len == expected_len;
}

/**
 * sk_local_auth_resolve_key:
 * @account_key: (nullable): the key of the account the server holds
 * @local_token: (nullable): the server's local token
 *
 * The OpenAI key for the request @msg: its x-openai-api-key header, or
 * @account_key when its bearer token is @local_token. Otherwise @msg is
 * answered 401.
 *
 * Returns: (nullable): the key (borrowed), or NULL after answering 401
 */
const char *
sk_local_auth_resolve_key (SoupServerMessage *msg,
                           const char        *account_key,
                           const char        *local_token)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "x-openai-api-key");
  const char *token;

  if (key != NULL && key[0] != '\0')
    return key;

  token = sk_local_bearer_token (soup_message_headers_get_one (headers, "Authorization"));
  if (token == NULL)
    {
      sk_local_reply_error (msg, 401, "Missing x-openai-api-key header");
      return NULL;
    }

  if (account_key == NULL || local_token == NULL)
    {
      sk_local_reply_error (msg, 401, "This server holds no OpenAI key, so the local token cannot "
                                      "be used; send the x-openai-api-key header.");
      return NULL;
    }

  if (!sk_local_token_equal (local_token, token))
    {
      sk_local_reply_error (msg, 401, "Invalid local token.");
      return NULL;
    }

  return account_key;
}
