/* sk-fake-admin.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-json.h"
#include "sk-fake-store.h"

G_BEGIN_DECLS

/* What the reports of the organization assume a gigabyte is, and what a
 * gigabyte-day beyond the first free one costs, in dollars. */
#define SK_FAKE_ADMIN_GB 1000000000.0
#define SK_FAKE_ADMIN_DOLLARS_PER_GB_DAY 0.10

gboolean sk_fake_admin_is_admin_path (const char    *path);
gboolean sk_fake_admin_is_report     (const char    *path);
gint64   sk_fake_admin_day_bytes     (gint64         total_bytes,
                                      guint          seed,
                                      gint64         day,
                                      gint64         today);
double   sk_fake_admin_day_dollars   (gint64         bytes);
void     sk_fake_admin_route         (SkFakeStore   *store,
                                      const char    *method,
                                      const char    *report,
                                      GHashTable    *query,
                                      guint          seed,
                                      gint64         now,
                                      SkFakeAnswer  *answer);

G_END_DECLS
