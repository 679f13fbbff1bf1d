/* test-fake-faults.c: the faults of the simulated OpenAI account
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain libsoup requests against SkFakeOpenai: queued faults, drops,
 * resets, the delay headers, the rate limit, stuck cursors, the random
 * knobs, the concurrency cap, latency and capacity, abandoned requests and
 * the request log.
 */

#include "config.h"

#include "fake-http.h"

#include <string.h>

static void
test_queued_faults (Fixture       *f,
                    gconstpointer  d)
{
  const GPtrArray *log;

  add_files (f, 2, 1700000000);
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 503, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 429, 1500);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, 500, -1);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DROP, 0, 0);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_MALFORMED, 0, 0);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_WRONG_SHAPE, 0, 0);
  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_DELAY, 0, 10);

  /* the 503 waits for a vector store request: the files requests skip it */
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    const char *ra = soup_message_headers_get_one (r->headers, "Retry-After");
    const char *ram = soup_message_headers_get_one (r->headers, "retry-after-ms");

    assert_error (r, 429, NULL, NULL, "rate_limit_exceeded");
    g_assert_cmpstr (ra, ==, "2");
    g_assert_cmpstr (ram, ==, "1500");
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    assert_error (r, 500, NULL, NULL, NULL);
    g_assert_null (soup_message_headers_get_one (r->headers, "Retry-After"));
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_nonnull (r->error);
    g_assert_null (r->body);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_no_error (r->error);
    g_assert_null (r->json);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (r->json);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_cmpuint (json_array_get_length (data (r)), ==, 2);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    data (r);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores");
    assert_error (r, 503, NULL, NULL, NULL);
  }
  {
    g_autoptr (Reply) r = get (f, "/v1/vector_stores");
    data (r);
  }

  log = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (log->len, ==, 9);
  g_assert_cmpuint (((SkFakeRequest *) g_ptr_array_index (log, 0))->status, ==, 429);
  g_assert_cmpuint (((SkFakeRequest *) g_ptr_array_index (log, 2))->status, ==, 0);
  g_assert_cmpuint (((SkFakeRequest *) g_ptr_array_index (log, 3))->status, ==, 200);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);

  /* a dropped DELETE deletes nothing; a failed one neither */
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0000", SK_FAKE_FAULT_DROP, 0, 0);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0000", SK_FAKE_FAULT_STATUS, 500, -1);
  {
    g_autoptr (Reply) r1 = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);
    g_autoptr (Reply) r2 = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);

    g_assert_nonnull (r1->error);
    g_assert_cmpuint (r2->status, ==, 500);
    g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
    g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0000"), ==, 0);
  }
}

/* DROP_AFTER: the request is processed (the DELETE applied and logged
 * with its status), then the connection closes with no complete answer. */
static void
test_drop_after (Fixture       *f,
                 gconstpointer  d)
{
  const GPtrArray *log;

  add_files (f, 2, 1700000000);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0000", SK_FAKE_FAULT_DROP_AFTER, 0, 0);
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);

    g_assert_nonnull (r->error);
    g_assert_null (r->json);
  }
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0001"));
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0000"), ==, 1);
  log = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpuint (((SkFakeRequest *) g_ptr_array_index (log, 0))->status, ==, 200);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);

  /* the retry finds it gone */
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);

    assert_error (r, 404, "No such File object: file-0000", "id", NULL);
  }
}

/* "retry-after-style": by default ("seconds") the 429s of the limits carry
 * only the integer Retry-After, as the real API; "ms+seconds" adds
 * retry-after-ms. A queued 429 keeps the delay it was given, in both. */
static void
test_retry_after_style (Fixture       *f,
                        gconstpointer  d)
{
  g_autofree char *style = NULL;

  g_object_get (f->fake, "retry-after-style", &style, NULL);
  g_assert_cmpstr (style, ==, "seconds");

  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STATUS, 429, 1500);
  {
    g_autoptr (Reply) r = get (f, "/v1/files");

    assert_error (r, 429, NULL, NULL, "rate_limit_exceeded");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "2");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "retry-after-ms"), ==, "1500");
  }

  /* the rate limit: a few ms left still say 1 s, and nothing finer */
  g_object_set (f->fake, "rate-limit", 1.0, "rate-burst", 1.0, NULL);
  {
    g_autoptr (Reply) r1 = get (f, "/v1/files");
    g_autoptr (Reply) r2 = get (f, "/v1/files");

    g_assert_cmpuint (r1->status, ==, 200);
    assert_error (r2, 429, NULL, NULL, "rate_limit_exceeded");
    g_assert_cmpstr (soup_message_headers_get_one (r2->headers, "Retry-After"), ==, "1");
    g_assert_null (soup_message_headers_get_one (r2->headers, "retry-after-ms"));
  }

  /* the millisecond hint, as an option */
  g_object_set (f->fake, "retry-after-style", "ms+seconds", NULL);
  g_clear_pointer (&style, g_free);
  g_object_get (f->fake, "retry-after-style", &style, NULL);
  g_assert_cmpstr (style, ==, "ms+seconds");
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    const char *ram = soup_message_headers_get_one (r->headers, "retry-after-ms");

    assert_error (r, 429, NULL, NULL, "rate_limit_exceeded");
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
    g_assert_nonnull (ram);
    g_assert_cmpint (atoi (ram), >, 0);
    g_assert_cmpint (atoi (ram), <=, 1000);
  }
}

/* A reset: the connection is reset before any byte of an answer and the
 * request is not processed (the file stays), unlike a drop-after; the
 * knob draws it like the others. */
static void
test_reset (Fixture       *f,
            gconstpointer  d)
{
  const GPtrArray *log;
  guint n_reset = 0, n_ok = 0;

  add_files (f, 2, 1700000000);
  sk_fake_openai_queue_fault (f->fake, "/v1/files/file-0000", SK_FAKE_FAULT_RESET, 0, 0);
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);

    g_assert_nonnull (r->error);
    g_assert_cmpuint (r->status, ==, 0);
    g_assert_null (r->body);
  }
  g_assert_true (sk_fake_openai_has_file (f->fake, "file-0000"));
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0000"), ==, 0);
  log = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpuint (((SkFakeRequest *) g_ptr_array_index (log, 0))->status, ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);

  /* the next request is answered */
  {
    g_autoptr (Reply) r = request (f, "DELETE", "/v1/files/file-0000", KEY, NULL);

    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-0000"));

  /* (a reset on a reused connection is sent again by SoupSession itself,
   * so the resets are counted in the server's log) */
  sk_fake_openai_reset_log (f->fake);
  g_object_set (f->fake, "reset-rate", 0.5, NULL);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (Reply) r = get (f, "/v1/files");

      if (r->error != NULL)
        g_assert_null (r->body);
      else
        {
          data (r);
          n_ok++;
        }
    }
  log = sk_fake_openai_get_requests (f->fake);
  for (guint i = 0; i < log->len; i++)
    if (((SkFakeRequest *) g_ptr_array_index (log, i))->status == 0)
      n_reset++;
  g_test_message ("%u answered of 40, %u resets in %u requests", n_ok, n_reset, log->len);
  g_assert_cmpuint (n_reset, >, 5);
  g_assert_cmpuint (n_ok, >, 5);
  g_assert_cmpuint (n_reset + n_ok, <=, log->len);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);
}

/* "rate-burst": the bucket holds that many seconds of the rate. */
static void
test_rate_burst (Fixture       *f,
                 gconstpointer  d)
{
  guint n_ok = 0;

  /* 3 requests in the bucket, one more every 10 s */
  g_object_set (f->fake, "rate-limit", 0.1, "rate-burst", 30.0, NULL);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (Reply) r = get (f, "/v1/files");

      if (r->status == 200)
        n_ok++;
      else
        assert_error (r, 429, NULL, NULL, "rate_limit_exceeded");
    }
  g_assert_cmpuint (n_ok, >=, 3);
  g_assert_cmpuint (n_ok, <=, 4);
}

static void
test_stuck_cursor (Fixture       *f,
                   gconstpointer  d)
{
  add_files (f, 10, 1700000000);

  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STUCK_CURSOR, 0, 0);
  {
    g_autoptr (Reply) r = get (f, "/v1/files?limit=3&after=file-0005");
    JsonArray *a = data (r);
    guint n = json_array_get_length (a);

    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpstr (item_id (a, n - 1), ==, "file-0005");
    g_assert_cmpstr (str (obj (r), "last_id"), ==, "file-0005");
    g_assert_true (json_object_get_boolean_member (obj (r), "has_more"));
  }

  sk_fake_openai_queue_fault (f->fake, "/v1/files", SK_FAKE_FAULT_STUCK_CURSOR, 0, 0);
  {
    g_autoptr (Reply) r = get (f, "/v1/files?limit=3");
    JsonArray *a = data (r);

    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_true (json_object_get_boolean_member (obj (r), "has_more"));
  }

  /* back to normal */
  {
    g_autoptr (Reply) r = get (f, "/v1/files?limit=3&after=file-0005");
    g_assert_cmpstr (item_id (data (r), 0), ==, "file-0002");  /* ties keep their order */
  }
}

static void
test_random_knobs (Fixture       *f,
                   gconstpointer  d)
{
  add_files (f, 2, 1700000000);

  g_object_set (f->fake, "fail-rate", 1.0, NULL);
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    assert_error (r, 500, NULL, NULL, NULL);
  }
  g_object_set (f->fake, "fail-rate", 0.0, "drop-rate", 1.0, NULL);
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_nonnull (r->error);
  }
  g_object_set (f->fake, "drop-rate", 0.0, "malformed-rate", 1.0, NULL);
  {
    g_autoptr (Reply) r = get (f, "/v1/files");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_null (r->json);
  }
  g_object_set (f->fake, "malformed-rate", 0.0, NULL);

  /* a fraction: with a fixed seed, some of 200 requests fail and some pass */
  g_object_set (f->fake, "seed", 42, "fail-rate", 0.3, NULL);
  {
    guint n_fail = 0;

    for (guint i = 0; i < 200; i++)
      {
        g_autoptr (Reply) r = get (f, "/v1/files?limit=1");
        if (r->status == 500)
          n_fail++;
      }
    g_assert_cmpuint (n_fail, >, 20);
    g_assert_cmpuint (n_fail, <, 120);
  }
  g_object_set (f->fake, "fail-rate", 0.0, NULL);

  /* rate limit: a bucket of one request per second, with the hint */
  g_object_set (f->fake, "rate-limit", 1.0, "retry-after-style", "ms+seconds", NULL);
  {
    g_autoptr (Reply) r1 = get (f, "/v1/files");
    g_autoptr (Reply) r2 = get (f, "/v1/files");
    const char *ra, *ram;

    data (r1);
    assert_error (r2, 429, NULL, NULL, "rate_limit_exceeded");
    ra = soup_message_headers_get_one (r2->headers, "Retry-After");
    ram = soup_message_headers_get_one (r2->headers, "retry-after-ms");
    g_assert_nonnull (ra);
    g_assert_nonnull (ram);
    g_assert_cmpint (atoi (ra), >=, 1);
    g_assert_cmpint (atoi (ram), >, 0);
    g_assert_cmpint (atoi (ram), <=, 1000);
  }
  g_object_set (f->fake, "rate-limit", 0.0, NULL);
}

static void
test_concurrency (Fixture       *f,
                  gconstpointer  d)
{
  Call *calls[4];
  guint n_429 = 0, n_200 = 0;

  add_files (f, 2, 1700000000);
  /* long enough that all four are in flight together */
  g_object_set (f->fake, "latency-ms", 1500, "max-concurrent", 2,
                "retry-after-style", "ms+seconds", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    calls[i] = start_call (f, "GET", "/v1/files", KEY, NULL);
  wait_calls (calls, G_N_ELEMENTS (calls));

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr (Reply) r = finish_call (calls[i]);

      if (r->status == 429)
        {
          n_429++;
          g_assert_nonnull (soup_message_headers_get_one (r->headers, "retry-after-ms"));
          g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
        }
      else
        {
          data (r);
          n_200++;
        }
    }
  g_assert_cmpuint (n_200, ==, 2);
  g_assert_cmpuint (n_429, ==, 2);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (f->fake), >=, 3);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);
}

static gboolean
in_flight_is_one (gpointer user_data)
{
  return sk_fake_openai_get_n_in_flight (user_data) == 1;
}

static void
test_latency (Fixture       *f,
              gconstpointer  d)
{
  Call *call;
  g_autoptr (Reply) r = NULL;
  gboolean reached = FALSE;
  guint id;

  g_object_set (f->fake, "latency-ms", 3000, NULL);
  call = start_call (f, "GET", "/v1/files", KEY, NULL);

  /* the request arrives and is held, without blocking the loop */
  id = g_timeout_add (TIMEOUT_MS, timeout_cb, &reached);
  while (!in_flight_is_one (f->fake) && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);
  g_source_remove (id);
  g_assert_false (call->done);

  wait_calls (&call, 1);
  r = finish_call (call);
  data (r);
}

/* "capacity": beyond 1 in flight, the latency of a request grows with the
 * requests in flight (the 4th of 4 waits 4 times 300 ms); without it, 4 at
 * once take one latency (with room for a slow build). */
static void
test_capacity (Fixture       *f,
               gconstpointer  d)
{
  for (guint capacity = 0; capacity <= 1; capacity++)
    {
      Call *calls[4];
      gint64 start;
      gint64 elapsed_ms;

      g_object_set (f->fake, "latency-ms", 300, "capacity", capacity, NULL);
      start = g_get_monotonic_time ();
      for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
        calls[i] = start_call (f, "GET", "/v1/files", KEY, NULL);
      wait_calls (calls, G_N_ELEMENTS (calls));
      elapsed_ms = (g_get_monotonic_time () - start) / 1000;
      for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
        {
          g_autoptr (Reply) r = finish_call (calls[i]);

          data (r);
        }

      g_test_message ("capacity %u: %" G_GINT64_FORMAT " ms", capacity, elapsed_ms);
      if (capacity == 0)
        g_assert_cmpint (elapsed_ms, <, 1000);
      else
        g_assert_cmpint (elapsed_ms, >=, 1200);
    }
}

/* A client that gives up while its answer is held: the fake forgets it. */
static void
test_abandoned (Fixture       *f,
                gconstpointer  d)
{
  Call *call;
  gboolean reached = FALSE;
  guint id;

  g_object_set (f->fake, "latency-ms", 60000, NULL);
  call = start_call (f, "DELETE", "/v1/files/file-nope", KEY, NULL);

  id = g_timeout_add (TIMEOUT_MS, timeout_cb, &reached);
  while (!in_flight_is_one (f->fake) && !reached)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (reached);

  g_source_remove (id);

  /* a held answer does not read its socket, so the fake only learns of
   * the client's departure when it answers; disconnecting forgets it */
  soup_session_abort (f->session);
  wait_calls (&call, 1);
  reply_free (finish_call (call));
  sk_fake_openai_disconnect (f->fake);
  g_assert_cmpuint (sk_fake_openai_get_n_in_flight (f->fake), ==, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", NULL), ==, 1);
}

static void
test_log (Fixture       *f,
          gconstpointer  d)
{
  const GPtrArray *log;
  SkFakeRequest *req;

  add_files (f, 2, 1700000000);
  {
    g_autoptr (Reply) a = get (f, "/v1/files?limit=1&order=asc");
    g_autoptr (Reply) b = get (f, "/v1/files/file-0000");
    g_autoptr (Reply) c = request (f, "DELETE", "/v1/files/file-0001", KEY, NULL);
    g_autoptr (Reply) e = get (f, "/v1/vector_stores");
  }

  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, NULL), ==, 4);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "GET", NULL), ==, 3);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "GET", "/v1/files"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", "/v1/files/"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0001"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_deleted (f->fake, "/v1/files/file-0000"), ==, 0);

  log = sk_fake_openai_get_requests (f->fake);
  req = g_ptr_array_index (log, 0);
  g_assert_cmpstr (req->method, ==, "GET");
  g_assert_cmpstr (req->path, ==, "/v1/files");
  g_assert_cmpstr (req->query, ==, "limit=1&order=asc");
  g_assert_cmpuint (req->status, ==, 200);
  g_assert_cmpint (req->time_us, >, 0);
  req = g_ptr_array_index (log, 1);
  g_assert_null (req->query);
  g_assert_cmpint (req->time_us, >=, ((SkFakeRequest *) g_ptr_array_index (log, 0))->time_us);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (f->fake), >=, 1);

  sk_fake_openai_reset_log (f->fake);
  g_assert_cmpuint (sk_fake_openai_get_requests (f->fake)->len, ==, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, NULL), ==, 0);
  g_assert_cmpuint (sk_fake_openai_get_peak_in_flight (f->fake), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add (path, Fixture, data, fixture_set_up, fn, fixture_tear_down)

  ADD ("/fake-openai/faults/queued", test_queued_faults, NULL);
  ADD ("/fake-openai/faults/drop-after", test_drop_after, NULL);
  ADD ("/fake-openai/faults/reset", test_reset, NULL);
  ADD ("/fake-openai/faults/retry-after-style", test_retry_after_style, NULL);
  ADD ("/fake-openai/faults/rate-burst", test_rate_burst, NULL);
  ADD ("/fake-openai/faults/stuck-cursor", test_stuck_cursor, NULL);
  ADD ("/fake-openai/faults/random", test_random_knobs, NULL);
  ADD ("/fake-openai/faults/max-concurrent", test_concurrency, NULL);
  ADD ("/fake-openai/latency", test_latency, NULL);
  ADD ("/fake-openai/capacity", test_capacity, NULL);
  ADD ("/fake-openai/abandoned", test_abandoned, NULL);
  ADD ("/fake-openai/log", test_log, NULL);

  return g_test_run ();
}
