/* sk-test-utils.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sk-fake-openai.h"
#include "sk-client.h"

G_BEGIN_DECLS

/* Iterate the thread-default main context until *@result is set (by
 * sk_test_store_result as the GAsyncReadyCallback with @result as user
 * data), failing the test after @timeout_ms. */
void          sk_test_store_result   (GObject       *source,
                                      GAsyncResult  *res,
                                      gpointer       user_data);
GAsyncResult *sk_test_wait_result    (GAsyncResult **result,
                                      guint          timeout_ms);
/* Iterate until @cond (polled after each iteration) is TRUE, or fail. */
void          sk_test_wait_until     (gboolean     (*cond) (gpointer data),
                                      gpointer       data,
                                      guint          timeout_ms);
/* Spin the loop for @ms milliseconds. */
void          sk_test_spin           (guint          ms);

/* A fake account listening on 127.0.0.1:0, empty, with key "sk-test-key". */
SkFakeOpenai *sk_test_fake_new       (void);
/* A client for @fake, with fast retries (retry-base-ms 5). */
SkClient     *sk_test_client_new     (SkFakeOpenai  *fake,
                                      const char    *api_key);

G_END_DECLS
