/* test-rules.c: the rules shared by the client, the engine, the local API
 * and the simulated account (IDs, token bucket).
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "sk-id.h"
#include "sk-token-bucket.h"

static void
test_id_valid (void)
{
  const char *good[] = {
    "file-abc123", "vs_68a1b2c3d4e5", "assistant-XyZ09", "batch_abc",
    "ftjob-abc", "a", "A-_-0",
  };
  char longest[SK_ID_MAX_LENGTH + 1];

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (sk_id_is_valid (good[i]));

  memset (longest, 'a', SK_ID_MAX_LENGTH);
  longest[SK_ID_MAX_LENGTH] = '\0';
  g_assert_true (sk_id_is_valid (longest));
}

static void
test_id_invalid (void)
{
  const char *bad[] = {
    "", ".", "..", "../x", "a/b", "file-1?x=1", "file-1#a", "file 1",
    "file%2F1", "fïle", "a.b", "\t", "file-1\n",
  };
  char too_long[SK_ID_MAX_LENGTH + 2];

  g_assert_false (sk_id_is_valid (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (sk_id_is_valid (bad[i]));
    }

  memset (too_long, 'a', SK_ID_MAX_LENGTH + 1);
  too_long[SK_ID_MAX_LENGTH + 1] = '\0';
  g_assert_false (sk_id_is_valid (too_long));
}

static void
test_bucket_burst_then_rate (void)
{
  SkTokenBucket bucket;
  gint64 wait_us = -1;
  guint taken = 0;

  /* 10 per second, 5 held, starting full */
  sk_token_bucket_init (&bucket, 10, 5, 5, 1000000);
  while (sk_token_bucket_take (&bucket, 1000000, &wait_us))
    taken++;
  g_assert_cmpuint (taken, ==, 5);
  g_assert_cmpint (wait_us, ==, 100000);

  /* 0.25 s later: two more tokens and half of one */
  g_assert_true (sk_token_bucket_take (&bucket, 1250000, NULL));
  g_assert_true (sk_token_bucket_take (&bucket, 1250000, NULL));
  g_assert_false (sk_token_bucket_take (&bucket, 1250000, &wait_us));
  g_assert_cmpint (wait_us, ==, 50000);

  /* a long pause refills to the capacity, not beyond */
  taken = 0;
  while (sk_token_bucket_take (&bucket, 60000000, NULL))
    taken++;
  g_assert_cmpuint (taken, ==, 5);
}

static void
test_bucket_edges (void)
{
  SkTokenBucket bucket;
  gint64 wait_us = -1;

  /* no rate: no limit */
  sk_token_bucket_init (&bucket, 0, 1, 0, 0);
  for (guint i = 0; i < 1000; i++)
    g_assert_true (sk_token_bucket_take (&bucket, 0, NULL));

  /* capacity below one still holds one; a clock going back adds nothing */
  sk_token_bucket_init (&bucket, 2, 0.1, 1, 5000000);
  g_assert_true (sk_token_bucket_take (&bucket, 5000000, NULL));
  g_assert_false (sk_token_bucket_take (&bucket, 4000000, &wait_us));
  g_assert_cmpint (wait_us, ==, 1000000 + 500000);
  g_assert_false (sk_token_bucket_take (&bucket, 5000000, &wait_us));
  g_assert_cmpint (wait_us, ==, 500000);
  g_assert_true (sk_token_bucket_take (&bucket, 5500000, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/id/valid", test_id_valid);
  g_test_add_func ("/rules/id/invalid", test_id_invalid);
  g_test_add_func ("/rules/token-bucket/burst-then-rate", test_bucket_burst_then_rate);
  g_test_add_func ("/rules/token-bucket/edges", test_bucket_edges);

  return g_test_run ();
}
