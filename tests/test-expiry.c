/* test-expiry.c: the expiry policy of vector stores, set and cleared
 * through SkClient and through the bulk engine (SK_BULK_STORE_EXPIRY)
 * against the simulated account
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-client-fixture.h"

#include "sk-bulk-outcome.h"
#include "sk-bulk-test-utils.h"
#include "sk-error.h"

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
  /* last active in 2023: seven days have long passed, so the store expires
   * at once, as the dialog warns */
  g_assert_true (sk_vector_store_expires_at_once (set, 7, g_get_real_time () / G_USEC_PER_SEC));
  g_assert_cmpstr (sk_vector_store_get_status (set), ==, "expired");
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

/* The bulk engine */

/* Adds @n stores "<prefix>000".. to the fake; returns their IDs */
static GPtrArray *
add_stores (SkFakeOpenai *fake,
            const char   *prefix,
            guint         n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      char *id = g_strdup_printf ("%s%03u", prefix, i);

      sk_fake_openai_add_vector_store (fake, id, "Bulk", 1700000000 + i);
      g_ptr_array_add (ids, id);
    }
  return ids;
}

/* Runs an expiry job of @days over @ids to the end, with no fault */
static void
set_all (Fixture   *f,
         GPtrArray *ids,
         guint      days)
{
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new_store_expiry (f->client, strv, days);

  sk_bulk_test_run_job (job, NULL, WAIT_MS);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, ids->len);
}

/* 200 stores through 429s with Retry-After and 500s: every store ends with
 * the policy, each exactly once in the results; a store that is not there
 * fails 404, also after an attempt that got no clear answer. */
static void
test_bulk_faults (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = add_stores (f->fake, "vs_bulk", 200);
  g_autoptr (GPtrArray) input = g_ptr_array_new ();
  g_autofree const char **strv = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  guint n_rate_limited = 0;

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (input, g_ptr_array_index (ids, i));
  g_ptr_array_add (input, (gpointer) "vs_missing");
  g_ptr_array_add (input, (gpointer) "vs_gone");
  /* a duplicate is done once */
  g_ptr_array_add (input, g_ptr_array_index (ids, 0));
  strv = sk_bulk_test_strv_of (input);

  for (guint i = 0; i < 200; i += 10)
    {
      g_autofree char *path = g_strconcat ("/v1/vector_stores/", (char *) g_ptr_array_index (ids, i), NULL);

      sk_fake_openai_queue_fault (f->fake, path, SK_FAKE_FAULT_STATUS, 429, 100);
    }
  for (guint i = 5; i < 200; i += 20)
    {
      g_autofree char *path = g_strconcat ("/v1/vector_stores/", (char *) g_ptr_array_index (ids, i), NULL);

      sk_fake_openai_queue_fault (f->fake, path, SK_FAKE_FAULT_STATUS, 500, -1);
    }
  /* a 500 first: that attempt got no clear answer, then the 404 */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores/vs_gone", SK_FAKE_FAULT_STATUS, 500, -1);
  g_object_set (f->fake, "latency-ms", 2, NULL);

  job = sk_bulk_delete_new_store_expiry (f->client, strv, 30);
  g_assert_cmpint (sk_bulk_delete_get_kind (job), ==, SK_BULK_STORE_EXPIRY);
  g_assert_cmpuint (sk_bulk_delete_get_expiry_days (job), ==, 30);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (job), ==, 202);
  sk_bulk_delete_set_max_in_flight (job, 16);
  /* a deletion's verification pass means nothing here: it is not run */
  sk_bulk_delete_set_verify (job, TRUE);
  sk_bulk_test_run_job (job, NULL, WAIT_MS);

  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 200);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 2);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sk_bulk_delete_get_finished (job)), ==, 202);
  g_object_get (job, "n-rate-limited", &n_rate_limited, NULL);
  g_assert_cmpuint (n_rate_limited, >=, 20);

  /* the fake's state: every store has the policy, none went (vs_a of the
   * fixture is left alone) */
  g_assert_cmpuint (sk_fake_openai_get_n_vector_stores (f->fake), ==, 201);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SkBulkResult *result = sk_bulk_test_result_for (job, id);

      g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, id), ==, 30);
      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_DELETED);
      g_assert_cmpint (sk_bulk_result_get_kind (result), ==, SK_BULK_STORE_EXPIRY);
      g_assert_cmpuint (sk_bulk_result_get_expiry_days (result), ==, 30);
      g_assert_false (sk_bulk_result_get_still_present (result));
      g_assert_null (sk_bulk_result_get_message (result));
    }
  /* a 429 and a 500 made one more request each; no other store was asked twice */
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_bulk000"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_bulk005"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_bulk001"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_bulk"), ==, 200 + 20 + 10);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "DELETE", "/v1/"), ==, 0);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "GET", "/v1/"), ==, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job), ==, 200);

  /* 404: failed, not found, even after an attempt with no clear answer
   * (a deletion would count that one as gone) */
  for (guint i = 0; i < 2; i++)
    {
      const char *id = i == 0 ? "vs_missing" : "vs_gone";
      SkBulkResult *result = sk_bulk_test_result_for (job, id);

      g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_FAILED);
      g_assert_cmpuint (sk_bulk_result_get_status_code (result), ==, 404);
      g_assert_false (sk_fake_openai_has_vector_store (f->fake, id));
    }
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_gone"), ==, 2);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_missing"), ==, 1);
}

/* Retry Failed: the same policy on the stores that failed only */
static void
test_bulk_retry_failed (Fixture       *f,
                        gconstpointer  data)
{
  const char * const ids[] = { "vs_a", "vs_b", "vs_c", NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new_store_expiry (f->client, ids, 12);
  g_autoptr (SkBulkDelete) retry = NULL;
  g_autoptr (GPtrArray) failed = NULL;

  sk_fake_openai_add_vector_store (f->fake, "vs_b", "Beta", 1700000001);
  /* vs_c is not there yet; vs_b fails with 400 once */
  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores/vs_b", SK_FAKE_FAULT_STATUS, 400, -1);
  sk_bulk_test_run_job (job, NULL, WAIT_MS);
  failed = sk_bulk_delete_get_ids_with_outcome (job, SK_OUTCOME_FAILED);
  g_assert_cmpuint (failed->len, ==, 2);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 12);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_b"), ==, 0);

  sk_fake_openai_add_vector_store (f->fake, "vs_c", "Gamma", 1700000002);
  sk_fake_openai_reset_log (f->fake);
  retry = sk_bulk_delete_new_retry_failed (job);
  g_assert_cmpint (sk_bulk_delete_get_kind (retry), ==, SK_BULK_STORE_EXPIRY);
  g_assert_cmpuint (sk_bulk_delete_get_expiry_days (retry), ==, 12);
  g_assert_cmpuint (sk_bulk_delete_get_n_total (retry), ==, 2);
  sk_bulk_test_run_job (retry, NULL, WAIT_MS);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (retry), ==, 2);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_b"), ==, 12);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_c"), ==, 12);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_a"), ==, 0);
}

typedef struct
{
  SkBulkDelete *job;
  GCancellable *cancellable;
  guint         cancel_after;
  guint         n_in_flight_at_cancel;
  guint         n_done_at_cancel;
} CancelData;

static void
cancel_when_done_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  CancelData *data = user_data;

  if (sk_bulk_delete_get_n_done (data->job) >= data->cancel_after &&
      !g_cancellable_is_cancelled (data->cancellable))
    {
      data->n_in_flight_at_cancel = sk_bulk_delete_get_n_in_flight (data->job);
      data->n_done_at_cancel = sk_bulk_delete_get_n_done (data->job);
      g_cancellable_cancel (data->cancellable);
    }
}

/* Clearing the policy of 200 stores, cancelled mid-way: the requests in
 * flight end and are known, nothing new is sent, the stores never sent
 * keep their old policy. */
static void
test_bulk_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GPtrArray) ids = add_stores (f->fake, "vs_cancel", 200);
  g_autofree const char **strv = sk_bulk_test_strv_of (ids);
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelData cancel = { NULL, cancellable, 30, 0, 0 };
  guint n_sent;

  set_all (f, ids, 7);
  sk_fake_openai_reset_log (f->fake);

  job = sk_bulk_delete_new_store_expiry (f->client, strv, 0);
  cancel.job = job;
  g_object_set (f->fake, "latency-ms", 10, NULL);
  sk_bulk_delete_set_max_in_flight (job, 6);
  g_signal_connect (job, "notify::n-done", G_CALLBACK (cancel_when_done_cb), &cancel);
  sk_bulk_test_run_job (job, cancellable, WAIT_MS);

  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpuint (cancel.n_in_flight_at_cancel, >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_failed (job), ==, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_cancelled (job), >, 0);
  g_assert_cmpuint (sk_bulk_delete_get_n_succeeded (job) + sk_bulk_delete_get_n_cancelled (job), ==, 200);

  /* the results say exactly what the server has */
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SkBulkResult *result = sk_bulk_test_result_for (job, id);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, id), ==, 0);
      else
        {
          g_autofree char *path = g_strconcat ("/v1/vector_stores/", id, NULL);

          /* never sent */
          g_assert_cmpint (sk_bulk_result_get_outcome (result), ==, SK_OUTCOME_CANCELLED);
          g_assert_cmpuint (sk_bulk_result_get_attempts (result), ==, 0);
          g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", path), ==, 0);
          g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, id), ==, 7);
        }
    }
  /* nothing was sent after the cancel */
  n_sent = sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/");
  g_assert_cmpuint (n_sent, ==, cancel.n_done_at_cancel + cancel.n_in_flight_at_cancel);
  g_assert_cmpuint (n_sent, ==, sk_bulk_delete_get_n_succeeded (job));
  sk_test_spin (50);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/"), ==, n_sent);
}

/* Cancelled while a 429 holds the requests in the client: nothing was
 * changed, and the message says "changed", not "deleted" */
static void
test_bulk_cancel_rate_limited (Fixture       *f,
                               gconstpointer  data)
{
  const char * const ids[] = { "vs_a", NULL };
  g_autoptr (SkBulkDelete) job = sk_bulk_delete_new_store_expiry (f->client, ids, 5);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SkBulkResult *item;

  sk_fake_openai_queue_fault (f->fake, "/v1/vector_stores/vs_a", SK_FAKE_FAULT_STATUS, 429, 1000);
  sk_bulk_delete_run_async (job, cancellable, sk_test_store_result, &result);
  while (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_a") < 1)
    g_main_context_iteration (NULL, TRUE);
  sk_test_spin (100);
  g_cancellable_cancel (cancellable);
  sk_test_wait_result (&result, WAIT_MS);
  g_assert_true (sk_bulk_delete_run_finish (job, result, &error));
  g_assert_no_error (error);

  item = sk_bulk_test_result_for (job, "vs_a");
  g_assert_cmpint (sk_bulk_result_get_outcome (item), ==, SK_OUTCOME_CANCELLED);
  g_assert_cmpstr (sk_bulk_result_get_message (item), ==,
                   "Not changed: the job was cancelled while this request waited to be sent.");
  sk_test_spin (1100);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, "POST", "/v1/vector_stores/vs_a"), ==, 1);
  g_assert_cmpuint (sk_fake_openai_get_expiry_days (f->fake, "vs_a"), ==, 0);
}

/* What an update concludes from a failed request, beside a deletion */
static void
test_decide_update (void)
{
  static const struct {
    SkBulkKind  kind;
    int         error;        /* 0 not found, 1 cancelled, 2 rate limited, 3 invalid 200 */
    gboolean    ambiguous;
    gboolean    cancelled;
    gboolean    has_json;
    SkOutcome   outcome;
    guint       status_code;
    const char *message;      /* the start of the message */
  } rows[] = {
    { SK_BULK_DELETE_FILES, 0, TRUE, FALSE, FALSE, SK_OUTCOME_DELETED, 0, "Already gone after a retry" },
    { SK_BULK_STORE_EXPIRY, 0, TRUE, FALSE, FALSE, SK_OUTCOME_FAILED, 404, "No such store" },
    { SK_BULK_STORE_EXPIRY, 0, FALSE, FALSE, FALSE, SK_OUTCOME_FAILED, 404, "No such store" },
    { SK_BULK_STORE_EXPIRY, 1, FALSE, TRUE, FALSE, SK_OUTCOME_CANCELLED, 0, "Not changed: the job was cancelled while" },
    { SK_BULK_STORE_EXPIRY, 1, TRUE, TRUE, FALSE, SK_OUTCOME_FAILED, 0, "Cancelled while the request was in flight; it may or may not have been changed." },
    { SK_BULK_DELETE_FILES, 1, TRUE, TRUE, FALSE, SK_OUTCOME_FAILED, 0, "Cancelled while the request was in flight; it may or may not have been deleted." },
    { SK_BULK_STORE_EXPIRY, 2, FALSE, TRUE, FALSE, SK_OUTCOME_CANCELLED, 0, "Not changed: rate limited" },
    { SK_BULK_STORE_EXPIRY, 2, FALSE, FALSE, FALSE, SK_OUTCOME_PENDING, 0, NULL },
    { SK_BULK_STORE_EXPIRY, 3, FALSE, FALSE, TRUE, SK_OUTCOME_FAILED, 502, "The server’s answer could not be understood" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto (SkBulkDecision) decision = { 0 };
      g_autoptr (GError) error = NULL;

      switch (rows[i].error)
        {
        case 0:
          error = sk_client_error_new (SK_CLIENT_ERROR_NOT_FOUND, 404, NULL, "No such store");
          break;
        case 1:
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
          break;
        case 2:
          error = sk_client_error_new (SK_CLIENT_ERROR_RATE_LIMITED, 429, NULL, "Slow down");
          break;
        default:
          error = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL, "odd");
          break;
        }
      g_test_message ("row %u", i);
      sk_bulk_decide_failed_for_kind (rows[i].kind, error, rows[i].ambiguous, rows[i].cancelled,
                                      1000, 60000, 0, rows[i].has_json, &decision);
      g_assert_cmpint (decision.outcome, ==, rows[i].outcome);
      g_assert_cmpuint (decision.status_code, ==, rows[i].status_code);
      if (rows[i].message == NULL)
        g_assert_null (decision.message);
      else
        g_assert_true (g_str_has_prefix (decision.message, rows[i].message));
    }

  /* never sent, or sent again after 429s only, when cancelled */
  {
    g_auto (SkBulkDecision) never = { 0 };
    g_auto (SkBulkDecision) requeued = { 0 };
    g_auto (SkBulkDecision) maybe = { 0 };

    sk_bulk_decide_unsent_for_kind (SK_BULK_STORE_EXPIRY, 0, FALSE, &never);
    g_assert_cmpint (never.outcome, ==, SK_OUTCOME_CANCELLED);
    g_assert_null (never.message);
    sk_bulk_decide_unsent_for_kind (SK_BULK_STORE_EXPIRY, 2, FALSE, &requeued);
    g_assert_cmpint (requeued.outcome, ==, SK_OUTCOME_CANCELLED);
    g_assert_true (g_str_has_prefix (requeued.message, "Not changed: rate limited"));
    sk_bulk_decide_unsent_for_kind (SK_BULK_STORE_EXPIRY, 1, TRUE, &maybe);
    g_assert_cmpint (maybe.outcome, ==, SK_OUTCOME_FAILED);
    g_assert_cmpstr (maybe.message, ==, "Cancelled while the request was in flight; it may or may not have been changed.");
  }

  g_assert_true (sk_bulk_kind_is_deletion (SK_BULK_DETACH_FILES));
  g_assert_false (sk_bulk_kind_is_deletion (SK_BULK_STORE_EXPIRY));
}

static void
test_expires_at_once (void)
{
  const gint64 now = 1764547200; /* 2025-12-01 00:00 UTC */
  static const struct {
    gint64      created_at;
    gint64      last_active_at;
    guint       days;
    gboolean    at_once;
  } rows[] = {
    /* idle 40 days: 30 days expire it at once, 41 do not */
    { 1700000000, 1764547200 - 40 * 86400, 30, TRUE },
    { 1700000000, 1764547200 - 40 * 86400, 40, TRUE },
    { 1700000000, 1764547200 - 40 * 86400, 41, FALSE },
    /* active today: never at once */
    { 1700000000, 1764547200, 1, FALSE },
    /* never active: counted from its creation */
    { 1764547200 - 10 * 86400, 0, 7, TRUE },
    { 1764547200 - 10 * 86400, 0, 11, FALSE },
    /* clearing the policy never expires anything */
    { 1700000000, 1700000000, 0, FALSE },
    /* no dates at all */
    { 0, 0, 1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *last_active = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (SkVectorStore) store = NULL;
      g_autoptr (GError) error = NULL;

      last_active = rows[i].last_active_at > 0 ?
                    g_strdup_printf ("%" G_GINT64_FORMAT, rows[i].last_active_at) : g_strdup ("null");
      text = g_strdup_printf ("{\"id\": \"vs_%u\", \"object\": \"vector_store\", "
                              "\"created_at\": %" G_GINT64_FORMAT ", \"last_active_at\": %s, "
                              "\"name\": \"s\", \"usage_bytes\": 0, \"status\": \"completed\", "
                              "\"file_counts\": {\"in_progress\": 0, \"completed\": 0, "
                              "\"failed\": 0, \"cancelled\": 0, \"total\": 0}}",
                              i, rows[i].created_at, last_active);
      node = json_from_string (text, &error);
      g_assert_no_error (error);
      store = sk_vector_store_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sk_vector_store_expires_at_once (store, rows[i].days, now), ==, rows[i].at_once);
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
  ADD ("bulk/faults", test_bulk_faults);
  ADD ("bulk/retry-failed", test_bulk_retry_failed);
  ADD ("bulk/cancel", test_bulk_cancel);
  ADD ("bulk/cancel-rate-limited", test_bulk_cancel_rate_limited);
  g_test_add_func ("/sk/expiry/decide-update", test_decide_update);
  g_test_add_func ("/sk/expiry/expires-at-once", test_expires_at_once);

  return g_test_run ();
}
