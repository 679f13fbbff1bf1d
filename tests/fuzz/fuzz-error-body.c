/* fuzz-error-body.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sk_client_error_from_body() on arbitrary bodies and statuses. Input: two
 * bytes of HTTP status (big endian, folded into 300..999), then the body.
 * The error must exist, carry the status, and have a valid UTF-8 message of
 * bounded length (OpenAI's message is cut at 1000 characters). */

#include "sk-client.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  guint status;

  fuzz_init_once ();

  if (size < 2)
    return 0;

  status = 300 + (((guint) data[0] << 8) | data[1]) % 700;
  body = g_bytes_new (data + 2, size - 2);

  error = sk_client_error_from_body (status, body);
  if (error == NULL || error->domain != SK_CLIENT_ERROR || error->message == NULL)
    abort ();
  if (!g_utf8_validate (error->message, -1, NULL))
    abort ();
  if (g_utf8_strlen (error->message, -1) > 1001)
    abort ();
  if (sk_client_error_get_status (error) != status)
    abort ();
  (void) sk_client_error_get_openai_code (error);

  /* a NULL body and an empty one are valid too */
  g_clear_error (&error);
  error = sk_client_error_from_body (status, NULL);
  if (error == NULL || error->message == NULL)
    abort ();

  return 0;
}
