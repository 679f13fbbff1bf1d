/* sk-account-list.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-account-profile.h"

G_BEGIN_DECLS

/* The stored accounts, in the settings key "accounts" (never a key). */

GPtrArray        *sk_account_list_load   (GSettings               *settings);
SkAccountProfile *sk_account_list_find   (GSettings               *settings,
                                          const char              *name);
gboolean          sk_account_list_put    (GSettings               *settings,
                                          const SkAccountProfile  *profile,
                                          const char              *replaces,
                                          GError                 **error);
gboolean          sk_account_list_remove (GSettings               *settings,
                                          const char              *name);

G_END_DECLS
