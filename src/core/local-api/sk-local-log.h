/* sk-local-log.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void  sk_local_log_append_path  (GString            *line,
                                 const char         *path);
char *sk_local_log_line         (SoupServerMessage  *msg,
                                 gboolean            aborted);

G_END_DECLS
