/* sk-overview-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account.h"
#include "sk-storage-summary.h"

G_BEGIN_DECLS

#define SK_TYPE_OVERVIEW_PAGE (sk_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (SkOverviewPage, sk_overview_page, SK, OVERVIEW_PAGE, GtkWidget)

void              sk_overview_page_set_summary (SkOverviewPage       *self,
                                                SkStorageSummary     *summary);
SkStorageSummary *sk_overview_page_get_summary (SkOverviewPage       *self);
void              sk_overview_page_set_price   (SkOverviewPage       *self,
                                                const SkStoragePrice *price);
void              sk_overview_page_set_account (SkOverviewPage       *self,
                                                SkAccount            *account);

G_END_DECLS
