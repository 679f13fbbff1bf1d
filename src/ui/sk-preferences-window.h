/* sk-preferences-window.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-local-server.h"
#include "sk-window.h"

G_BEGIN_DECLS

#define SK_TYPE_PREFERENCES_WINDOW (sk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SkPreferencesWindow, sk_preferences_window, SK, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* With no account manager: g_object_new with "account-manager" for one */
GtkWidget *sk_preferences_window_new (SkWindow      *main_window,
                                      SkLocalServer *local_server);

G_END_DECLS
