/* test-client-admin.c: the reports of the organization read with an admin key
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-client-admin.h"
#include "sk-test-utils.h"

#include <string.h>

#define ADMIN_KEY "sk-admin-test"
#define DAY 86400

/* sk_admin_report_start_time */

static void
test_start_time (void)
{
  static const struct
  {
    gint64 now;
    gint64 start;
  } cases[] = {
    /* midnight exactly: that day is the last of the report */
    { 1767225600, 1767225600 - 29 * DAY },
    /* the last second of a day */
    { 1767225600 + DAY - 1, 1767225600 - 29 * DAY },
    /* noon */
    { 1767225600 + DAY / 2, 1767225600 - 29 * DAY },
    /* the epoch */
    { 0, -29 * DAY },
    /* before the epoch: still rounded down to midnight */
    { -1, -30 * DAY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (sk_admin_report_start_time (cases[i].now), ==, cases[i].start);
}

/* sk_admin_report_parse_page */

typedef struct
{
  const char    *name;
  SkAdminReport  report;
  const char    *json;
  gboolean       ok;
  guint          n_days;
  gint64         first_day;
  double         first_value;
  const char    *next_page;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "usage, one page", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":86400,\"end_time\":172800,\"results\":["
    "{\"object\":\"organization.usage.vector_stores.result\",\"usage_bytes\":1024,\"project_id\":null}]},"
    "{\"object\":\"bucket\",\"start_time\":172800,\"end_time\":259200,\"results\":[]}]}",
    TRUE, 2, 86400, 1024, NULL },
  { "usage, results of two projects summed", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":86400,\"end_time\":172800,\"results\":["
    "{\"usage_bytes\":1000,\"project_id\":\"proj_a\"},{\"usage_bytes\":24,\"project_id\":\"proj_b\"}]}]}",
    TRUE, 1, 86400, 1024, NULL },
  { "usage, unknown members ignored", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"object\":\"page\",\"surprise\":[1,2],\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":0,\"end_time\":86400,\"extra\":{},\"results\":["
    "{\"usage_bytes\":5,\"new_field\":\"x\"}]}]}",
    TRUE, 1, 0, 5, NULL },
  { "usage, a result without bytes counts 0", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"data\":[{\"start_time\":0,\"results\":[{\"object\":\"x\"},{\"usage_bytes\":\"7\"}]}]}",
    TRUE, 1, 0, 0, NULL },
  { "usage, more pages", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"object\":\"page\",\"has_more\":true,\"next_page\":\"page_2\",\"data\":[]}",
    TRUE, 0, 0, 0, "page_2" },
  { "has_more without a cursor ends", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"object\":\"page\",\"has_more\":true,\"next_page\":null,\"data\":[]}",
    TRUE, 0, 0, 0, NULL },
  { "a cursor without has_more ends", SK_ADMIN_REPORT_COSTS,
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":\"page_2\",\"data\":[]}",
    TRUE, 0, 0, 0, NULL },
  { "costs, dollars summed", SK_ADMIN_REPORT_COSTS,
    "{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
    "{\"object\":\"bucket\",\"start_time\":86400,\"end_time\":172800,\"results\":["
    "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.25,\"currency\":\"usd\"}},"
    "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1,\"currency\":\"USD\"}},"
    "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.5}}]}]}",
    TRUE, 1, 86400, 1.75, NULL },
  { "costs, other currencies left out", SK_ADMIN_REPORT_COSTS,
    "{\"data\":[{\"start_time\":0,\"results\":["
    "{\"amount\":{\"value\":3,\"currency\":\"eur\"}},{\"amount\":null},{\"amount\":{\"value\":2,\"currency\":\"usd\"}}]}]}",
    TRUE, 1, 0, 2, NULL },
  { "not an object", SK_ADMIN_REPORT_COSTS, "[]", FALSE, 0, 0, 0, NULL },
  { "a string", SK_ADMIN_REPORT_COSTS, "\"page\"", FALSE, 0, 0, 0, NULL },
  { "no data", SK_ADMIN_REPORT_COSTS, "{\"object\":\"page\",\"has_more\":false}", FALSE, 0, 0, 0, NULL },
  { "data not a list", SK_ADMIN_REPORT_COSTS, "{\"data\":{}}", FALSE, 0, 0, 0, NULL },
  { "a bucket not an object", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"data\":[{\"start_time\":0,\"results\":[]},3]}", FALSE, 0, 0, 0, NULL },
  { "a bucket without start", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"data\":[{\"end_time\":86400,\"results\":[]}]}", FALSE, 0, 0, 0, NULL },
  { "a bucket with a text start", SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
    "{\"data\":[{\"start_time\":\"0\",\"results\":[]}]}", FALSE, 0, 0, 0, NULL },
  { "a result not an object", SK_ADMIN_REPORT_COSTS,
    "{\"data\":[{\"start_time\":0,\"results\":[null]}]}", FALSE, 0, 0, 0, NULL },
};

static void
test_parse_page (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (SkDailyValue));
      g_autofree char *next_page = NULL;
      gboolean ok;

      g_test_message ("%s", c->name);
      root = json_from_string (c->json, &error);
      g_assert_no_error (error);

      ok = sk_admin_report_parse_page (c->report, root, days, &next_page, &error);
      g_assert_cmpint (ok, ==, c->ok);
      if (!c->ok)
        {
          g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
          g_assert_cmpuint (days->len, ==, 0);
          g_assert_null (next_page);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (days->len, ==, c->n_days);
      g_assert_cmpstr (next_page, ==, c->next_page);
      if (c->n_days > 0)
        {
          g_assert_cmpint (g_array_index (days, SkDailyValue, 0).day, ==, c->first_day);
          g_assert_cmpfloat_with_epsilon (g_array_index (days, SkDailyValue, 0).value,
                                          c->first_value, 1e-9);
        }
    }
}

static void
test_parse_page_keeps_days_on_error (void)
{
  g_autoptr (JsonNode) root = json_from_string ("{\"data\":[{\"start_time\":0,\"results\":[]},1]}", NULL);
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (SkDailyValue));
  g_autoptr (GError) error = NULL;
  g_autofree char *next_page = NULL;
  SkDailyValue before = { 5, 6 };

  g_array_append_val (days, before);
  g_assert_false (sk_admin_report_parse_page (SK_ADMIN_REPORT_VECTOR_STORE_USAGE, root, days,
                                              &next_page, &error));
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpint (g_array_index (days, SkDailyValue, 0).day, ==, 5);
}

/* Against a server that answers two pages, and only to the admin key */

typedef struct
{
  SoupServer *server;
  SkClient   *client;
  GPtrArray  *queries;   /* of each request, in order */
  GPtrArray  *paths;
  guint       n_unauthorized;
} Fixture;

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *page = query ? g_hash_table_lookup (query, "page") : NULL;
  gboolean costs = g_str_has_suffix (path, "/costs");
  g_autofree char *body = NULL;
  const char *result1;
  const char *result2;

  g_ptr_array_add (f->paths, g_strdup (path));
  g_ptr_array_add (f->queries, g_strdup (g_uri_get_query (soup_server_message_get_uri (msg))));

  if (g_strcmp0 (auth, "Bearer " ADMIN_KEY) != 0)
    {
      static const char unauthorized[] =
        "{\"error\":{\"message\":\"Incorrect API key\",\"type\":"
        "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

      f->n_unauthorized++;
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        unauthorized, strlen (unauthorized));
      return;
    }

  if (costs)
    {
      result1 = "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.5,\"currency\":\"usd\"}}";
      result2 = "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1.25,\"currency\":\"usd\"}}";
    }
  else
    {
      result1 = "{\"object\":\"organization.usage.vector_stores.result\",\"usage_bytes\":1000}";
      result2 = "{\"object\":\"organization.usage.vector_stores.result\",\"usage_bytes\":3000}";
    }

  /* The second page holds the earlier day: the result comes back sorted. */
  if (page == NULL)
    body = g_strdup_printf ("{\"object\":\"page\",\"has_more\":true,\"next_page\":\"cur/2\",\"data\":["
                            "{\"object\":\"bucket\",\"start_time\":172800,\"end_time\":259200,"
                            "\"results\":[%s]}]}", result2);
  else if (g_str_equal (page, "cur/2"))
    body = g_strdup_printf ("{\"object\":\"page\",\"has_more\":false,\"next_page\":null,\"data\":["
                            "{\"object\":\"bucket\",\"start_time\":86400,\"end_time\":172800,"
                            "\"results\":[%s]}]}", result1);
  else
    {
      soup_server_message_set_status (msg, 400, NULL);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *base = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/v1/organization", server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  base = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));

  f->client = sk_client_new (base, "sk-proj-not-admin");
  sk_client_set_project (f->client, "proj_x");
  f->queries = g_ptr_array_new_with_free_func (g_free);
  f->paths = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->queries);
  g_ptr_array_unref (f->paths);
}

static void
check_report (Fixture     *f,
              gboolean     costs,
              const char  *expected_path,
              double       first,
              double       second)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = NULL;
  g_autofree char *start_before = NULL;
  g_autofree char *start_after = NULL;
  const char *first_query;

  start_before = g_strdup_printf ("start_time=%" G_GINT64_FORMAT "&bucket_width=1d&limit=31",
                                  sk_admin_report_start_time (g_get_real_time () / G_USEC_PER_SEC));

  if (costs)
    sk_client_get_costs_async (f->client, ADMIN_KEY, NULL, sk_test_store_result, &result);
  else
    sk_client_get_vector_store_usage_async (f->client, ADMIN_KEY, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  days = costs ? sk_client_get_costs_finish (f->client, result, &error)
               : sk_client_get_vector_store_usage_finish (f->client, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpint (g_array_index (days, SkDailyValue, 0).day, ==, 86400);
  g_assert_cmpfloat_with_epsilon (g_array_index (days, SkDailyValue, 0).value, first, 1e-9);
  g_assert_cmpint (g_array_index (days, SkDailyValue, 1).day, ==, 172800);
  g_assert_cmpfloat_with_epsilon (g_array_index (days, SkDailyValue, 1).value, second, 1e-9);

  g_assert_cmpuint (f->n_unauthorized, ==, 0);
  g_assert_cmpuint (f->queries->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (g_ptr_array_index (f->paths, i), ==, expected_path);
  /* The clock may pass midnight during the call. */
  start_after = g_strdup_printf ("start_time=%" G_GINT64_FORMAT "&bucket_width=1d&limit=31",
                                 sk_admin_report_start_time (g_get_real_time () / G_USEC_PER_SEC));
  first_query = g_ptr_array_index (f->queries, 0);
  g_assert_true (g_str_equal (first_query, start_before) || g_str_equal (first_query, start_after));
  g_assert_null (strstr (first_query, "page="));
  g_assert_nonnull (strstr (g_ptr_array_index (f->queries, 1), "&page=cur%2F2"));
}

static void
test_usage_all_pages (Fixture       *f,
                      gconstpointer  data)
{
  check_report (f, FALSE, "/v1/organization/usage/vector_stores", 1000, 3000);
}

static void
test_costs_all_pages (Fixture       *f,
                      gconstpointer  data)
{
  check_report (f, TRUE, "/v1/organization/costs", 0.5, 1.25);
}

static void
test_wrong_admin_key (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = NULL;

  sk_client_get_costs_async (f->client, "sk-admin-wrong", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  days = sk_client_get_costs_finish (f->client, result, &error);
  g_assert_null (days);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "sk-admin-wrong"));
  g_assert_cmpuint (f->n_unauthorized, >=, 1);
}

/* Against the simulated account */

typedef struct
{
  SkFakeOpenai *fake;
  SkClient     *client;
} FakeFixture;

static void
fake_set_up (FakeFixture   *f,
             gconstpointer  data)
{
  f->fake = sk_test_fake_new ();
  if (data != NULL)
    g_object_set (f->fake, "admin-key", data, NULL);
  sk_fake_openai_add_file (f->fake, "file-admin1", "a.pdf", "assistants", 9000000000, 1);
  sk_fake_openai_add_vector_store (f->fake, "vs_admin1", "store", 1);
  g_assert_true (sk_fake_openai_attach (f->fake, "vs_admin1", "file-admin1", "completed"));
  f->client = sk_test_client_new (f->fake, NULL);
}

static void
fake_tear_down (FakeFixture   *f,
                gconstpointer  data)
{
  g_clear_object (&f->client);
  sk_fake_openai_disconnect (f->fake);
  g_clear_object (&f->fake);
}

static GArray *
fake_report (FakeFixture  *f,
             gboolean      costs,
             const char   *key,
             GError      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (costs)
    sk_client_get_costs_async (f->client, key, NULL, sk_test_store_result, &result);
  else
    sk_client_get_vector_store_usage_async (f->client, key, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  return costs ? sk_client_get_costs_finish (f->client, result, error)
               : sk_client_get_vector_store_usage_finish (f->client, result, error);
}

static gint64
store_usage (FakeFixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SkVectorStore) store = NULL;
  g_autoptr (GError) error = NULL;

  sk_client_retrieve_vector_store_async (f->client, "vs_admin1", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  store = sk_client_retrieve_vector_store_finish (f->client, result, &error);
  g_assert_no_error (error);
  return sk_vector_store_get_usage_bytes (store);
}

static void
test_fake_reports (FakeFixture   *f,
                   gconstpointer  data)
{
  gint64 usage = store_usage (f);

  g_assert_cmpint (usage, >, 1000000000);
  for (guint costs = 0; costs < 2; costs++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GArray) days = NULL;
      gint64 before = sk_admin_report_start_time (g_get_real_time () / G_USEC_PER_SEC);
      const SkDailyValue *last;

      days = fake_report (f, costs, ADMIN_KEY, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (days->len, ==, SK_ADMIN_REPORT_DAYS);
      /* the clock may pass midnight during the call */
      g_assert_true (g_array_index (days, SkDailyValue, 0).day == before
                     || g_array_index (days, SkDailyValue, 0).day == before + DAY);
      for (guint i = 1; i < days->len; i++)
        g_assert_cmpint (g_array_index (days, SkDailyValue, i).day, ==,
                         g_array_index (days, SkDailyValue, i - 1).day + DAY);

      /* today: what the stores hold now, and its price beyond the free GB */
      last = &g_array_index (days, SkDailyValue, days->len - 1);
      if (costs)
        g_assert_cmpfloat_with_epsilon (last->value, (usage / 1e9 - 1) * 0.10, 1e-6);
      else
        g_assert_cmpfloat_with_epsilon (last->value, usage, 0.5);
    }
}

static void
test_fake_keys (FakeFixture   *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (SkClient) admin_client = NULL;

  /* the account's key does not read the reports */
  days = fake_report (f, TRUE, "sk-test-key", &error);
  g_assert_null (days);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "sk-test-key"));
  g_clear_error (&error);

  /* nor does the admin key read the account */
  admin_client = sk_test_client_new (f->fake, ADMIN_KEY);
  sk_client_list_files_async (admin_client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, 10000);
  files = sk_client_list_files_finish (admin_client, result, &error);
  g_assert_null (files);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
}

static void
test_fake_no_admin_key (FakeFixture   *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = NULL;

  days = fake_report (f, FALSE, ADMIN_KEY, &error);
  g_assert_null (days);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, ADMIN_KEY));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-admin/start-time", test_start_time);
  g_test_add_func ("/client-admin/parse-page", test_parse_page);
  g_test_add_func ("/client-admin/parse-page-keeps-days-on-error", test_parse_page_keeps_days_on_error);
  g_test_add ("/client-admin/usage-all-pages", Fixture, NULL,
              fixture_set_up, test_usage_all_pages, fixture_tear_down);
  g_test_add ("/client-admin/costs-all-pages", Fixture, NULL,
              fixture_set_up, test_costs_all_pages, fixture_tear_down);
  g_test_add ("/client-admin/wrong-admin-key", Fixture, NULL,
              fixture_set_up, test_wrong_admin_key, fixture_tear_down);

  g_test_add ("/client-admin/fake/reports", FakeFixture, ADMIN_KEY,
              fake_set_up, test_fake_reports, fake_tear_down);
  g_test_add ("/client-admin/fake/keys", FakeFixture, ADMIN_KEY,
              fake_set_up, test_fake_keys, fake_tear_down);
  g_test_add ("/client-admin/fake/no-admin-key", FakeFixture, NULL,
              fake_set_up, test_fake_no_admin_key, fake_tear_down);

  return g_test_run ();
}
