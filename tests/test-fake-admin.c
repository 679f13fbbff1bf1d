/* test-fake-admin.c: the organization's reports of the simulated account
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-fake-admin.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define DAY 86400
#define TODAY G_GINT64_CONSTANT (1767225600)   /* a UTC midnight */

static void
test_paths (void)
{
  static const struct
  {
    const char *path;
    gboolean    admin;
    gboolean    report;
  } cases[] = {
    { "/v1/organization/costs", TRUE, TRUE },
    { "/v1/organization/usage/vector_stores", TRUE, TRUE },
    { "/v1/organization/usage/completions", TRUE, FALSE },
    { "/v1/organization/costs/", TRUE, FALSE },
    { "/v1/organization/", TRUE, FALSE },
    { "/v1/organization", FALSE, FALSE },
    { "/v1/files", FALSE, FALSE },
    { "/v1/vector_stores", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (sk_fake_admin_is_admin_path (cases[i].path), ==, cases[i].admin);
      g_assert_cmpint (sk_fake_admin_is_report (cases[i].path), ==, cases[i].report);
    }
}

static void
test_day_bytes (void)
{
  gint64 total = 5000000000;

  g_assert_cmpint (sk_fake_admin_day_bytes (total, 1, TODAY, TODAY), ==, total);
  g_assert_cmpint (sk_fake_admin_day_bytes (total, 1, TODAY + DAY, TODAY), ==, 0);
  g_assert_cmpint (sk_fake_admin_day_bytes (0, 1, TODAY - DAY, TODAY), ==, 0);

  for (gint64 age = 1; age <= 90; age++)
    {
      gint64 day = TODAY - age * DAY;
      gint64 bytes = sk_fake_admin_day_bytes (total, 7, day, TODAY);

      /* the same for the same seed, never above today, at least 0.9 * 1/2 */
      g_assert_cmpint (bytes, ==, sk_fake_admin_day_bytes (total, 7, day, TODAY));
      g_assert_cmpint (bytes, <=, total);
      g_assert_cmpint (bytes, >=, total * 0.45);
    }
  /* another seed, another history */
  g_assert_cmpint (sk_fake_admin_day_bytes (total, 7, TODAY - 3 * DAY, TODAY), !=,
                   sk_fake_admin_day_bytes (total, 8, TODAY - 3 * DAY, TODAY));
}

static void
test_day_dollars (void)
{
  static const struct
  {
    gint64 bytes;
    double dollars;
  } cases[] = {
    { 0, 0 },
    { 999999999, 0 },
    { 1000000000, 0 },
    { 2000000000, 0.10 },
    { 11000000000, 1.00 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (sk_fake_admin_day_dollars (cases[i].bytes), cases[i].dollars, 1e-9);
}

typedef struct
{
  const char *name;
  const char *report;
  const char *query;       /* a=b&c=d, unescaped */
  guint       status;
  guint       n_buckets;
  const char *next_page;   /* NULL: null */
  gint64      first_start;
} RouteCase;

#define NOW_TEXT "1767268800"   /* TODAY + 12 h */

static const RouteCase route_cases[] = {
  { "default limit 7", "usage/vector_stores", "start_time=1764633600", 200, 7, "page_7", 1764633600 },
  { "30 days in one page", "costs", "start_time=1764720000&bucket_width=1d&limit=31", 200, 30, NULL, 1764720000 },
  { "the second page", "costs", "start_time=1764633600&limit=10&page=page_10", 200, 10, "page_20", 1764633600 + 10 * DAY },
  { "the last page", "costs", "start_time=1764633600&limit=10&page=page_30", 200, 1, NULL, 1764633600 + 30 * DAY },
  { "a page past the end", "costs", "start_time=1764633600&page=page_99", 200, 0, NULL, 0 },
  { "start aligned to midnight", "usage/vector_stores", "start_time=1767229200&limit=31", 200, 1, NULL, TODAY },
  { "end_time", "usage/vector_stores", "start_time=1767052800&end_time=1767139200", 200, 1, NULL, 1767052800 },
  { "end before start", "usage/vector_stores", "start_time=1767139200&end_time=1767052800", 200, 0, NULL, 0 },
  { "no start_time", "costs", "limit=7", 400, 0, NULL, 0 },
  { "start_time not a number", "costs", "start_time=yesterday", 400, 0, NULL, 0 },
  { "negative start_time", "costs", "start_time=-5", 400, 0, NULL, 0 },
  { "hourly buckets", "costs", "start_time=1764633600&bucket_width=1h", 400, 0, NULL, 0 },
  { "limit 0", "costs", "start_time=1764633600&limit=0", 400, 0, NULL, 0 },
  { "limit 32", "costs", "start_time=1764633600&limit=32", 400, 0, NULL, 0 },
  { "an unknown page", "costs", "start_time=1764633600&page=abc", 400, 0, NULL, 0 },
  { "a page without number", "costs", "start_time=1764633600&page=page_", 400, 0, NULL, 0 },
};

static void
test_route (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (route_cases); i++)
    {
      const RouteCase *c = &route_cases[i];
      g_autoptr (SkFakeStore) store = sk_fake_store_new ();
      g_autoptr (GHashTable) query = soup_form_decode (c->query);
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GError) error = NULL;
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      JsonObject *page;
      JsonArray *data;

      g_test_message ("%s", c->name);
      sk_fake_admin_route (store, "GET", c->report, query, 3,
                           g_ascii_strtoll (NOW_TEXT, NULL, 10), &answer);
      g_assert_cmpuint (answer.status, ==, c->status);
      root = json_from_string (answer.body, &error);
      g_assert_no_error (error);
      sk_fake_answer_clear (&answer);
      page = json_node_get_object (root);
      if (c->status != 200)
        {
          g_assert_true (json_object_has_member (page, "error"));
          continue;
        }

      g_assert_cmpstr (json_object_get_string_member (page, "object"), ==, "page");
      data = json_object_get_array_member (page, "data");
      g_assert_cmpuint (json_array_get_length (data), ==, c->n_buckets);
      g_assert_cmpint (json_object_get_boolean_member (page, "has_more"), ==, c->next_page != NULL);
      if (c->next_page == NULL)
        g_assert_true (json_object_get_null_member (page, "next_page"));
      else
        g_assert_cmpstr (json_object_get_string_member (page, "next_page"), ==, c->next_page);

      for (guint j = 0; j < json_array_get_length (data); j++)
        {
          JsonObject *bucket = json_array_get_object_element (data, j);
          gint64 start = json_object_get_int_member (bucket, "start_time");

          g_assert_cmpstr (json_object_get_string_member (bucket, "object"), ==, "bucket");
          g_assert_cmpint (start, ==, c->first_start + j * DAY);
          g_assert_cmpint (json_object_get_int_member (bucket, "end_time"), ==, start + DAY);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bucket, "results")),
                            ==, start <= TODAY ? 1 : 0);
        }
    }
}

static void
test_route_results (void)
{
  g_autoptr (SkFakeStore) store = sk_fake_store_new ();
  g_autoptr (GHashTable) query = soup_form_decode ("start_time=" NOW_TEXT);
  SkFakeVectorStore *vs;
  const char *id;
  gint64 now = g_ascii_strtoll (NOW_TEXT, NULL, 10);

  id = sk_fake_store_add_vector_store (store, "vs_admin", "a", 1, 1, 0, "completed");
  vs = (SkFakeVectorStore *) sk_fake_index_lookup (sk_fake_store_get_vector_stores (store), id);
  vs->usage_bytes = 3000000000;

  for (guint costs = 0; costs < 2; costs++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      g_autoptr (JsonNode) root = NULL;
      JsonObject *result;

      sk_fake_admin_route (store, "GET", costs ? "costs" : "usage/vector_stores", query, 3, now, &answer);
      g_assert_cmpuint (answer.status, ==, 200);
      root = json_from_string (answer.body, NULL);
      sk_fake_answer_clear (&answer);
      result = json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "data"), 0),
          "results"),
        0);
      if (costs)
        {
          JsonObject *amount = json_object_get_object_member (result, "amount");

          g_assert_cmpstr (json_object_get_string_member (result, "object"), ==, "organization.costs.result");
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (amount, "value"), 0.20, 1e-9);
          g_assert_cmpstr (json_object_get_string_member (amount, "currency"), ==, "usd");
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (result, "object"), ==,
                           "organization.usage.vector_stores.result");
          g_assert_cmpint (json_object_get_int_member (result, "usage_bytes"), ==, 3000000000);
        }
    }

  /* another method or path: not answered here */
  {
    SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;

    sk_fake_admin_route (store, "POST", "costs", query, 3, now, &answer);
    g_assert_null (answer.body);
    sk_fake_admin_route (store, "GET", "usage/completions", query, 3, now, &answer);
    g_assert_null (answer.body);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-admin/paths", test_paths);
  g_test_add_func ("/fake-admin/day-bytes", test_day_bytes);
  g_test_add_func ("/fake-admin/day-dollars", test_day_dollars);
  g_test_add_func ("/fake-admin/route", test_route);
  g_test_add_func ("/fake-admin/route-results", test_route_results);

  return g_test_run ();
}
