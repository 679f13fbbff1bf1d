/* sk-welcome-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SK_TYPE_WELCOME_PAGE (sk_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (SkWelcomePage, sk_welcome_page, SK, WELCOME_PAGE, GtkWidget)

/* Connect an account, through the "account-manager" property or the
 * application's account manager. Signals:
 *   "connected" (SkAccount *account, const char *warning): the key was
 *     accepted by the server and the account opened; @warning is NULL, or
 *     a sentence when the key could not be saved in the keyring.
 *   "demo-requested": the user wants the simulated account. */

GtkWidget *sk_welcome_page_new           (void);
void       sk_welcome_page_reset         (SkWelcomePage *self);
void       sk_welcome_page_set_error     (SkWelcomePage *self,
                                          const char    *message);
/* For tests: fill the rows and press Connect */
void       sk_welcome_page_connect       (SkWelcomePage *self,
                                          const char    *api_key,
                                          const char    *organization,
                                          const char    *project);

G_END_DECLS
