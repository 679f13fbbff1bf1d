/* sk-test-client-fixture.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-test-utils.h"

G_BEGIN_DECLS

/* An empty simulated account and a client for it (fast retries). */
typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
} SkTestClientFixture;

static inline void
sk_test_client_fixture_setup (SkTestClientFixture *f,
                              gconstpointer        data)
{
  f->fake = sk_test_fake_new ();
  f->client = sk_test_client_new (f->fake, NULL);
}

static inline void
sk_test_client_fixture_teardown (SkTestClientFixture *f,
                                 gconstpointer        data)
{
  g_clear_object (&f->client);
  /* let the server see its connections close before it goes */
  sk_test_spin (20);
  sk_fake_openai_disconnect (f->fake);
  g_clear_object (&f->fake);
}

G_END_DECLS
