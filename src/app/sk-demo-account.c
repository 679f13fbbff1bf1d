/* sk-demo-account.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-demo-account.h"

#define DEMO_SEED        42
#define DEMO_FILES       1500
#define DEMO_STORES      60
#define MAX_ITEMS        1000000
#define MAX_LATENCY_MS   600000

struct _SkDemoAccount
{
  GObject       parent_instance;

  SkFakeOpenai *server;
  char         *base_url;
};

G_DEFINE_FINAL_TYPE (SkDemoAccount, sk_demo_account, G_TYPE_OBJECT)

static guint
env_uint (const char *name,
          guint64     max,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, max, &n, NULL))
    return fallback;
  return (guint) n;
}

/* For screenshots and manual checks of the deletion UI: a slower, less
 * reliable simulated account */
static void
apply_environment_faults (SkFakeOpenai *server)
{
  const char *fail_rate = g_getenv ("STOREKEEPER_DEMO_FAIL_RATE");

  if (g_getenv ("STOREKEEPER_DEMO_LATENCY_MS") != NULL)
    g_object_set (server, "latency-ms", env_uint ("STOREKEEPER_DEMO_LATENCY_MS", MAX_LATENCY_MS, 0), NULL);
  if (fail_rate != NULL)
    g_object_set (server, "fail-rate", CLAMP (g_ascii_strtod (fail_rate, NULL), 0.0, 1.0), NULL);
}

static void
sk_demo_account_finalize (GObject *object)
{
  SkDemoAccount *self = (SkDemoAccount *)object;

  if (self->server != NULL)
    sk_fake_openai_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (sk_demo_account_parent_class)->finalize (object);
}

static void
sk_demo_account_class_init (SkDemoAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_demo_account_finalize;
}

static void
sk_demo_account_init (SkDemoAccount *self)
{
}

SkDemoAccount *
sk_demo_account_start (guint    n_files,
                       guint    n_stores,
                       GError **error)
{
  g_autoptr (SkDemoAccount) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_files == 0)
    n_files = env_uint ("STOREKEEPER_DEMO_FILES", MAX_ITEMS, DEMO_FILES);
  if (n_stores == 0)
    n_stores = env_uint ("STOREKEEPER_DEMO_STORES", MAX_ITEMS, DEMO_STORES);

  self = g_object_new (SK_TYPE_DEMO_ACCOUNT, NULL);
  /* the server has no key of its own: it accepts any non-empty key */
  self->server = sk_fake_openai_new ();
  g_object_set (self->server, "admin-key", SK_DEMO_ACCOUNT_ADMIN_KEY, NULL);
  if (!sk_fake_openai_listen (self->server, 0, error))
    return NULL;
  sk_fake_openai_generate (self->server, DEMO_SEED, n_files, n_stores);
  apply_environment_faults (self->server);
  self->base_url = sk_fake_openai_dup_base_url (self->server);

  return g_steal_pointer (&self);
}

SkFakeOpenai *
sk_demo_account_get_server (SkDemoAccount *self)
{
  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), NULL);
  return self->server;
}

const char *
sk_demo_account_get_base_url (SkDemoAccount *self)
{
  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), NULL);
  return self->base_url;
}

const char *
sk_demo_account_get_api_key (SkDemoAccount *self)
{
  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), NULL);
  return SK_DEMO_ACCOUNT_KEY;
}

guint
sk_demo_account_get_n_files (SkDemoAccount *self)
{
  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), 0);
  return sk_fake_openai_get_n_files (self->server);
}

guint
sk_demo_account_get_n_stores (SkDemoAccount *self)
{
  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), 0);
  return sk_fake_openai_get_n_vector_stores (self->server);
}

SkAccount *
sk_demo_account_open (SkDemoAccount *self)
{
  SkAccount *account;

  g_return_val_if_fail (SK_IS_DEMO_ACCOUNT (self), NULL);

  account = sk_account_new_simulated (self->base_url, SK_DEMO_ACCOUNT_KEY, G_OBJECT (self));
  sk_account_set_admin_key (account, SK_DEMO_ACCOUNT_ADMIN_KEY);
  return account;
}
