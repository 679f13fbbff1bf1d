/* sk-id.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SK_ID_MAX_LENGTH 128

gboolean sk_id_is_valid (const char *id);

G_END_DECLS
