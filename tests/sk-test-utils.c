/* sk-test-utils.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-utils.h"

void
sk_test_store_result (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  GAsyncResult **result = user_data;

  g_assert_null (*result);
  *result = g_object_ref (res);
}

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
sk_test_wait_result (GAsyncResult **result,
                     guint          timeout_ms)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached_cb, &reached);

  while (*result == NULL && !reached)
    g_main_context_iteration (NULL, TRUE);

  if (!reached)
    g_source_remove (id);
  if (*result == NULL)
    g_error ("operation did not finish within %u ms", timeout_ms);

  return *result;
}

void
sk_test_wait_until (gboolean (*cond) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached_cb, &reached);

  while (!cond (data) && !reached)
    g_main_context_iteration (NULL, TRUE);

  if (!reached)
    g_source_remove (id);
  if (!cond (data))
    g_error ("condition not reached within %u ms", timeout_ms);
}

void
sk_test_spin (guint ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached_cb, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

SkFakeOpenai *
sk_test_fake_new (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_fake_openai_new ();
  g_autoptr (GError) error = NULL;

  g_object_set (fake, "api-key", "sk-test-key", NULL);
  sk_fake_openai_listen (fake, 0, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&fake);
}

SkClient *
sk_test_client_new (SkFakeOpenai *fake,
                    const char   *api_key)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  SkClient *client = sk_client_new (url, api_key ? api_key : "sk-test-key");

  g_object_set (client, "retry-base-ms", 5, NULL);
  return client;
}
