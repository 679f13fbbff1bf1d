/* fuzz-retry-after.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sk_parse_retry_after_ms() on arbitrary header values. Input: the
 * `retry-after-ms` value, a NUL byte, the `Retry-After` value (no NUL: only
 * `Retry-After`, as the usual case). Checks the documented range. */

#include "sk-client.h"

#include <string.h>

#include "fuzz-common.h"

#define MAX_MS ((gint64) 365 * 24 * 3600 * 1000)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 ms;
  gint64 now = 1700000000;

  fuzz_init_once ();

  nul = memchr (data, '\0', size);
  if (nul != NULL)
    {
      first = fuzz_strndup (data, nul - data);
      second = fuzz_strndup (nul + 1, size - (nul - data) - 1);
    }
  else
    {
      second = fuzz_strndup (data, size);
    }

  ms = sk_parse_retry_after_ms (first, second, now);
  if (ms < -1 || ms > MAX_MS)
    abort ();

  /* alone, each header gives -1 or a value in range too */
  ms = sk_parse_retry_after_ms (second, NULL, now);
  if (ms < -1 || ms > MAX_MS)
    abort ();
  ms = sk_parse_retry_after_ms (NULL, second, G_MAXINT64 / 2);
  if (ms < -1 || ms > MAX_MS)
    abort ();
  ms = sk_parse_retry_after_ms (NULL, second, G_MININT64 / 2);
  if (ms < -1 || ms > MAX_MS)
    abort ();

  return 0;
}
