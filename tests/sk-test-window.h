/* sk-test-window.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account.h"
#include "sk-fake-openai.h"
#include "sk-test-utils.h"
#include "sk-window.h"

G_BEGIN_DECLS

/* A window on @fake (key "sk-test-key", fast retries), shown, with a
 * reference the caller owns; waits until @ready (polled with the window). */
static inline SkWindow *
sk_test_window_open (SkFakeOpenai  *fake,
                     gboolean     (*ready) (gpointer window),
                     guint          timeout_ms)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (SkAccount) account = sk_account_new (SK_ACCOUNT_KEYRING, url, "sk-test-key", NULL, NULL);
  SkWindow *window;

  g_object_set (sk_account_get_client (account), "retry-base-ms", 5, NULL);
  window = g_object_ref (sk_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  sk_window_set_account (window, account);
  sk_test_wait_until (ready, window, timeout_ms);
  return window;
}

/* Waits until @ready, destroys the window and checks it is finalized. */
static inline void
sk_test_window_close (SkWindow  *window,
                      gboolean (*ready) (gpointer window),
                      guint      timeout_ms)
{
  sk_test_wait_until (ready, window, timeout_ms);
  gtk_window_destroy (GTK_WINDOW (window));
  sk_test_spin (50);
  g_assert_finalize_object (window);
}

G_END_DECLS
