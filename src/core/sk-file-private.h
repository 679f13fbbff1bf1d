/* sk-file-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-file.h"

G_BEGIN_DECLS

/* sk_file_new() taking its strings instead of copying them (@id not NULL) */
SkFile *sk_file_new_take (char   *id,
                          char   *filename,
                          gint64  bytes,
                          gint64  created_at,
                          gint64  expires_at,
                          char   *purpose,
                          char   *status);

G_END_DECLS
