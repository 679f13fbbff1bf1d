/* sk-demo-account.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-account.h"
#include "sk-fake-openai.h"

G_BEGIN_DECLS

/* The key the demo account is opened with; the simulated account accepts
 * any non-empty key. */
#define SK_DEMO_ACCOUNT_KEY "sk-demo"
/* The demo's organization reports its usage and costs to this admin key */
#define SK_DEMO_ACCOUNT_ADMIN_KEY "sk-admin-demo"

#define SK_TYPE_DEMO_ACCOUNT (sk_demo_account_get_type ())
G_DECLARE_FINAL_TYPE (SkDemoAccount, sk_demo_account, SK, DEMO_ACCOUNT, GObject)

/* The simulated account, the same in the window (--demo, the welcome
 * page's demo button) and in `--serve --demo`: seed 42, 1500 files and 60
 * vector stores, or STOREKEEPER_DEMO_FILES / STOREKEEPER_DEMO_STORES;
 * STOREKEEPER_DEMO_LATENCY_MS and STOREKEEPER_DEMO_FAIL_RATE make it
 * slower and less reliable. @n_files and @n_stores: 0 for those defaults.
 * Listens on a free loopback port until the object is finalized. */
SkDemoAccount *sk_demo_account_start          (guint           n_files,
                                               guint           n_stores,
                                               GError        **error);
SkFakeOpenai  *sk_demo_account_get_server     (SkDemoAccount  *self);
/* "http://127.0.0.1:PORT/v1" */
const char    *sk_demo_account_get_base_url   (SkDemoAccount  *self);
const char    *sk_demo_account_get_api_key    (SkDemoAccount  *self);
guint          sk_demo_account_get_n_files    (SkDemoAccount  *self);
guint          sk_demo_account_get_n_stores   (SkDemoAccount  *self);
/* An account on this dataset; it keeps @self running (transfer full) */
SkAccount     *sk_demo_account_open           (SkDemoAccount  *self);

G_END_DECLS
