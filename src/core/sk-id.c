/* sk-id.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-id.h"

/**
 * sk_id_is_valid:
 * @id: (nullable): an object ID (file, vector store, batch...)
 *
 * The one rule for the IDs Storekeeper sends or accepts, used by the
 * client, the bulk engine and the local API alike: 1 to %SK_ID_MAX_LENGTH
 * characters, each of `[A-Za-z0-9_-]`.
 *
 * Every ID OpenAI and Azure OpenAI hand out (`file-…`, `vs_…`,
 * `assistant-…`, `batch_…`, `ftjob-…`) fits. The rule keeps an ID a single
 * path segment that needs no escaping: no `/`, `?` or `#`, and no dot, so
 * neither `.` nor `..` can make URI normalisation reach another endpoint.
 *
 * Returns: %TRUE when @id may be used in a request
 */
gboolean
sk_id_is_valid (const char *id)
{
  gsize len = 0;

  if (id == NULL || id[0] == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++, len++)
    {
      if (len >= SK_ID_MAX_LENGTH)
        return FALSE;
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
        return FALSE;
    }

  return TRUE;
}
