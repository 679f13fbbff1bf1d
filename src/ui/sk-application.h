/* sk-application.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account-manager.h"
#include "sk-journal.h"
#include "sk-local-server.h"

G_BEGIN_DECLS

#define SK_TYPE_APPLICATION (sk_application_get_type ())
G_DECLARE_FINAL_TYPE (SkApplication, sk_application, SK, APPLICATION, AdwApplication)

SkApplication    *sk_application_new                 (void);
/* The in-process local API (started from the preferences); never NULL */
SkLocalServer    *sk_application_get_local_server    (SkApplication *self);
/* Opens and closes the account the window shows; NULL before startup */
SkAccountManager *sk_application_get_account_manager (SkApplication *self);
SkJournal        *sk_application_get_journal         (SkApplication *self);

G_END_DECLS
