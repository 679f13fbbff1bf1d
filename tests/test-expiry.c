/* test-expiry.c: the expiry policy of vector stores, set and cleared
 * through SkClient against the simulated account
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-client-fixture.h"

#include <string.h>

#define WAIT_MS 20000

typedef SkTestClientFixture Fixture;

/* The account holds one store, vs_a */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  sk_test_client_fixture_setup (f, data);
  sk_fake_openai_add_vector_store (f->fake, "vs_a", "Alpha", 1700000000);
}

#define fixture_teardown sk_test_client_fixture_teardown

static SkVectorStore *
set_expiry (Fixture     *f,
            const char  *id,
            guint        days,
            GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_client_set_vector_store_expiry_async (f->client, id, days, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_client_set_vector_store_expiry_finish (f->client, result, error);
}

/* The body sent, as the fake logged nothing of it: the store's state and
 * the answer show what it asked. */
static void
test_set_and_clear (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStore) set = NULL;
  g_autoptr (SkVectorStore) cleared = NULL;
  SkFakeRequest *request;

  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 0);

  set = set_expiry (f, "vs_a", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sk_vector_store_get_id (set), ==, "vs_a");
  g_assert_cmpstr (sk_vector_store_get_name (set), ==, "Alpha");
  g_assert_cmpint (sk_vector_store_get_expires_at (set), >, 0);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 7);
  request = g_ptr_array_index (sk_fake_openai_get_requests (f->fake), 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v1/vector_stores/vs_a");

  cleared = set_expiry (f, "vs_a", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sk_vector_store_get_expires_at (cleared), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 0);
  /* the name stays */
  g_assert_cmpstr (sk_vector_store_get_name (cleared), ==, "Alpha");

  /* the bounds of the spec */
  g_clear_object (&set);
  set = set_expiry (f, "vs_a", 365, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 365);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStore) store = NULL;

  store = set_expiry (f, "vs_unknown", 3, &error);
  g_assert_null (store);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* an ID that would change the path is refused before any request */
  sk_fake_openai_reset_log (f->fake);
  store = set_expiry (f, "vs_a/files", 3, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 0);
}

/* The fake refuses the bodies the real API refuses. */
static void
test_fake_validation (Fixture       *f,
                      gconstpointer  data)
{
  struct { const char *body; guint status; guint days_after; } cases[] = {
    { "{\"expires_after\":{\"anchor\":\"last_active_at\",\"days\":0}}", 400, 0 },
    { "{\"expires_after\":{\"anchor\":\"last_active_at\",\"days\":366}}", 400, 0 },
    { "{\"expires_after\":{\"anchor\":\"created_at\",\"days\":3}}", 400, 0 },
    { "{\"expires_after\":{\"anchor\":\"last_active_at\",\"days\":\"3\"}}", 400, 0 },
    { "not json", 400, 0 },
    { "{\"expires_after\":{\"anchor\":\"last_active_at\",\"days\":30}}", 200, 30 },
    { "{\"name\":\"Renamed\"}", 200, 30 },
    { "{\"expires_after\":null}", 200, 0 },
  };
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *base = sk_fake_openai_dup_base_url (f->fake);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (base, "/vector_stores/vs_a", NULL);
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr (GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GBytes) reply = NULL;

      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                                   "Bearer sk-test-key");
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        sk_test_store_result, &result);
      sk_test_wait_result (&result, WAIT_MS);
      reply = soup_session_send_and_read_finish (session, result, NULL);
      g_assert_nonnull (reply);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
      g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, cases[i].days_after);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sk/expiry/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("set-and-clear", test_set_and_clear);
  ADD ("errors", test_errors);
  ADD ("fake-validation", test_fake_validation);

  return g_test_run ();
}
