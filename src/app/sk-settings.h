/* sk-settings.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The application's settings (schema APP_ID, found through the default
 * schema source: installed, or GSETTINGS_SCHEMA_DIR from a build tree). */
GSettings *sk_settings_new (void);

G_END_DECLS
