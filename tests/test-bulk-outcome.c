/* test-bulk-outcome.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Table tests of what a bulk job concludes from the end of a request
 * (sk-bulk-outcome.c), of the enum nicks, and of the CSV report. */

#include "sk-bulk-outcome.h"
#include "sk-bulk-result-private.h"
#include "sk-core-enums.h"
#include "sk-error.h"
#include "sk-report.h"

typedef enum
{
  ERR_NOT_FOUND,
  ERR_RATE_LIMITED,
  ERR_QUOTA,
  ERR_SERVER,
  ERR_INVALID_200,
  ERR_INVALID_502,
  ERR_CANCELLED,
  ERR_TIMED_OUT,
  ERR_REFUSED,
} ErrorKind;

static GError *
make_error (ErrorKind kind)
{
  switch (kind)
    {
    case ERR_NOT_FOUND:
      return sk_client_error_new (SK_CLIENT_ERROR_NOT_FOUND, 404, NULL, "No such file");
    case ERR_RATE_LIMITED:
      return sk_client_error_new (SK_CLIENT_ERROR_RATE_LIMITED, 429, NULL, "Slow down");
    case ERR_QUOTA:
      return sk_client_error_new (SK_CLIENT_ERROR_QUOTA_EXHAUSTED, 429, "insufficient_quota", "No quota");
    case ERR_SERVER:
      return sk_client_error_new (SK_CLIENT_ERROR_SERVER, 503, NULL, "");
    case ERR_INVALID_200:
      return sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL, "not deleted");
    case ERR_INVALID_502:
      return sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 502, NULL, "garbage");
    case ERR_CANCELLED:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
    case ERR_TIMED_OUT:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
    case ERR_REFUSED:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
    default:
      g_assert_not_reached ();
    }
}

static void
test_failed_request (void)
{
  static const struct {
    ErrorKind   error;
    gboolean    ambiguous;
    gboolean    cancelled;
    gint64      delay_ms;
    guint       max_delay_ms;
    guint       requeues;
    gboolean    has_json;
    SkOutcome   outcome;
    guint       status_code;
    const char *message;      /* the start of the message; NULL: none */
  } rows[] = {
    /* a 404 after an ambiguous attempt: gone, deleted by that attempt */
    { ERR_NOT_FOUND, TRUE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_DELETED, 0, "Already gone after a retry" },
    { ERR_NOT_FOUND, FALSE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 404, "No such file" },
    /* stopped while it waited inside the client */
    { ERR_CANCELLED, FALSE, TRUE, -1, 60000, 0, FALSE, SK_OUTCOME_CANCELLED, 0, "Not deleted: the job was cancelled while" },
    { ERR_CANCELLED, TRUE, TRUE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 0, "Cancelled while the request was in flight" },
    /* 429 once cancelled */
    { ERR_RATE_LIMITED, FALSE, TRUE, 1000, 60000, 0, FALSE, SK_OUTCOME_CANCELLED, 0, "Not deleted: rate limited" },
    { ERR_RATE_LIMITED, TRUE, TRUE, 1000, 60000, 0, FALSE, SK_OUTCOME_FAILED, 0, "Cancelled while the request was in flight" },
    /* 429 asking longer than the client waits */
    { ERR_RATE_LIMITED, FALSE, FALSE, 120001, 60000, 0, FALSE, SK_OUTCOME_FAILED, 429,
      "Slow down (The server asked to wait 121 s before trying again.)" },
    /* 429: sent again, up to the limit */
    { ERR_RATE_LIMITED, FALSE, FALSE, 1000, 60000, 0, FALSE, SK_OUTCOME_PENDING, 0, NULL },
    { ERR_RATE_LIMITED, FALSE, FALSE, -1, 60000, SK_BULK_MAX_REQUEUES - 1, FALSE, SK_OUTCOME_PENDING, 0, NULL },
    { ERR_RATE_LIMITED, FALSE, FALSE, -1, 60000, SK_BULK_MAX_REQUEUES, FALSE, SK_OUTCOME_FAILED, 429, "Slow down" },
    /* insufficient_quota: at once */
    { ERR_QUOTA, FALSE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 429, "No quota" },
    /* a deletion object without "deleted": true */
    { ERR_INVALID_200, FALSE, FALSE, -1, 60000, 0, TRUE, SK_OUTCOME_FAILED, 502, "The server did not confirm the deletion." },
    { ERR_INVALID_200, FALSE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 502, "The server’s answer could not be understood (not deleted)." },
    { ERR_INVALID_502, FALSE, FALSE, -1, 60000, 0, TRUE, SK_OUTCOME_FAILED, 502, "The server’s answer could not be understood (garbage)." },
    { ERR_SERVER, FALSE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 503, "The server answered with status 503." },
    { ERR_TIMED_OUT, TRUE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 504, "The server did not answer in time." },
    { ERR_REFUSED, FALSE, FALSE, -1, 60000, 0, FALSE, SK_OUTCOME_FAILED, 502, "No answer from the server (Connection refused)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (GError) error = make_error (rows[i].error);
      g_auto (SkBulkDecision) decision = { 0 };

      g_test_message ("row %u", i);
      sk_bulk_decide_failed_request (error, rows[i].ambiguous, rows[i].cancelled,
                                     rows[i].delay_ms, rows[i].max_delay_ms, rows[i].requeues,
                                     rows[i].has_json, &decision);
      g_assert_cmpint (decision.outcome, ==, rows[i].outcome);
      g_assert_cmpuint (decision.status_code, ==, rows[i].status_code);
      if (rows[i].message == NULL)
        g_assert_null (decision.message);
      else
        g_assert_true (g_str_has_prefix (decision.message, rows[i].message));
    }
}

static void
test_unsent (void)
{
  static const struct {
    guint       attempts;
    gboolean    ambiguous;
    SkOutcome   outcome;
    const char *message;
  } rows[] = {
    { 0, FALSE, SK_OUTCOME_CANCELLED, NULL },
    { 2, FALSE, SK_OUTCOME_CANCELLED, "Not deleted: rate limited, and the job was cancelled before another try." },
    { 2, TRUE, SK_OUTCOME_FAILED, "Cancelled while the request was in flight; it may or may not have been deleted." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto (SkBulkDecision) decision = { 0 };

      sk_bulk_decide_unsent (rows[i].attempts, rows[i].ambiguous, &decision);
      g_assert_cmpint (decision.outcome, ==, rows[i].outcome);
      g_assert_cmpuint (decision.status_code, ==, 0);
      g_assert_cmpstr (decision.message, ==, rows[i].message);
    }
}

static void
test_enum_nicks (void)
{
  static const struct {
    const char *type_name;
    int         value;
    const char *nick;
  } rows[] = {
    { "SkOrder", SK_ORDER_DESC, "desc" },
    { "SkOrder", SK_ORDER_ASC, "asc" },
    { "SkBulkKind", SK_BULK_DELETE_FILES, "delete-files" },
    { "SkBulkKind", SK_BULK_DELETE_VECTOR_STORES, "delete-vector-stores" },
    { "SkBulkKind", SK_BULK_DETACH_FILES, "detach-files" },
    { "SkOutcome", SK_OUTCOME_PENDING, "pending" },
    { "SkOutcome", SK_OUTCOME_DELETED, "deleted" },
    { "SkOutcome", SK_OUTCOME_FAILED, "failed" },
    { "SkOutcome", SK_OUTCOME_CANCELLED, "cancelled" },
    { "SkStoreFilesMode", SK_STORE_FILES_KEEP, "keep" },
    { "SkStoreFilesMode", SK_STORE_FILES_DELETE_ALL, "delete-all" },
  };
  GType types[] = { SK_TYPE_ORDER, SK_TYPE_BULK_KIND, SK_TYPE_OUTCOME, SK_TYPE_STORE_FILES_MODE };
  int value = -1;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (G_TYPE_IS_ENUM (types[i]));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GType type = g_type_from_name (rows[i].type_name);

      g_assert_cmpstr (sk_enum_get_nick (type, rows[i].value), ==, rows[i].nick);
      g_assert_true (sk_enum_get_value_by_nick (type, rows[i].nick, &value));
      g_assert_cmpint (value, ==, rows[i].value);
    }

  /* not a value, not a nick */
  g_assert_null (sk_enum_get_nick (SK_TYPE_OUTCOME, 42));
  value = -1;
  g_assert_false (sk_enum_get_value_by_nick (SK_TYPE_OUTCOME, "Deleted", &value));
  g_assert_false (sk_enum_get_value_by_nick (SK_TYPE_OUTCOME, "SK_OUTCOME_DELETED", &value));
  g_assert_false (sk_enum_get_value_by_nick (SK_TYPE_OUTCOME, "", &value));
  g_assert_false (sk_enum_get_value_by_nick (SK_TYPE_OUTCOME, NULL, &value));
  g_assert_cmpint (value, ==, -1);
  g_assert_true (sk_enum_get_value_by_nick (SK_TYPE_ORDER, "asc", NULL));

  /* the API's values of `order`; not an SkOrder: its default */
  g_assert_cmpstr (sk_order_to_string (SK_ORDER_DESC), ==, "desc");
  g_assert_cmpstr (sk_order_to_string (SK_ORDER_ASC), ==, "asc");
  g_assert_cmpstr (sk_order_to_string ((SkOrder) 7), ==, "desc");
}

static void
test_report_csv (void)
{
  g_autoptr (GListStore) results = g_list_store_new (SK_TYPE_BULK_RESULT);
  g_autofree char *csv = NULL;
  static const struct {
    const char *id;
    SkOutcome   outcome;
    guint       status_code;
    const char *message;
  } rows[] = {
    { "file-a", SK_OUTCOME_DELETED, 0, NULL },
    { "file-b", SK_OUTCOME_FAILED, 404, "No such file, \"b\"" },
    { "file-c", SK_OUTCOME_CANCELLED, 0, NULL },
    { "file-d", SK_OUTCOME_PENDING, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (SkBulkResult) result = sk_bulk_result_new (rows[i].id, SK_BULK_DELETE_FILES);

      if (rows[i].outcome != SK_OUTCOME_PENDING)
        sk_bulk_result_set_outcome (result, rows[i].outcome, rows[i].status_code, rows[i].message);
      g_list_store_append (results, result);
    }

  csv = sk_report_to_csv (G_LIST_MODEL (results));
  g_assert_cmpstr (csv, ==,
                   "id,outcome,status_code,error\r\n"
                   "file-a,deleted,,\r\n"
                   "file-b,failed,404,\"No such file, \"\"b\"\"\"\r\n"
                   "file-c,cancelled,499,Cancelled before it was attempted\r\n"
                   "file-d,pending,499,Not attempted\r\n");
}

static void
test_report_csv_expiry (void)
{
  g_autoptr (GListStore) results = g_list_store_new (SK_TYPE_BULK_RESULT);
  g_autofree char *csv = NULL;
  static const struct {
    const char *id;
    guint       days;
    SkOutcome   outcome;
    guint       status_code;
  } rows[] = {
    { "vs_a", 30, SK_OUTCOME_DELETED, 0 },
    { "vs_b", 0, SK_OUTCOME_DELETED, 0 },
    { "vs_c", 30, SK_OUTCOME_FAILED, 500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (SkBulkResult) result = sk_bulk_result_new (rows[i].id, SK_BULK_STORE_EXPIRY);

      sk_bulk_result_set_expiry_days (result, rows[i].days);
      sk_bulk_result_set_outcome (result, rows[i].outcome, rows[i].status_code, NULL);
      g_list_store_append (results, result);
    }

  /* A change of expiry never reads "deleted" in its report. */
  csv = sk_report_to_csv (G_LIST_MODEL (results));
  g_assert_cmpstr (csv, ==,
                   "id,outcome,status_code,error\r\n"
                   "vs_a,expiry-set,,\r\n"
                   "vs_b,expiry-cleared,,\r\n"
                   "vs_c,failed,500,Change failed\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bulk-outcome/failed-request", test_failed_request);
  g_test_add_func ("/bulk-outcome/unsent", test_unsent);
  g_test_add_func ("/bulk-outcome/enum-nicks", test_enum_nicks);
  g_test_add_func ("/bulk-outcome/report-csv", test_report_csv);
  g_test_add_func ("/bulk-outcome/report-csv-expiry", test_report_csv_expiry);

  return g_test_run ();
}
