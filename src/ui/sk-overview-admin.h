/* sk-overview-admin.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account.h"

G_BEGIN_DECLS

#define SK_TYPE_OVERVIEW_ADMIN (sk_overview_admin_get_type ())
G_DECLARE_FINAL_TYPE (SkOverviewAdmin, sk_overview_admin, SK, OVERVIEW_ADMIN, AdwPreferencesGroup)

GtkWidget *sk_overview_admin_new          (void);
/* @account: (nullable): reads its reports when it has an admin key */
void       sk_overview_admin_set_account  (SkOverviewAdmin *self,
                                           SkAccount       *account);
/* The text alternative of a chart: "Total …; last day …" (tests) */
const char *sk_overview_admin_get_usage_text (SkOverviewAdmin *self);
const char *sk_overview_admin_get_costs_text (SkOverviewAdmin *self);

G_END_DECLS
