/* sk-fake-admin.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-admin.h"

#include <string.h>

/* The reports of the organization that only an admin key reads:
 * GET /v1/organization/usage/vector_stores and GET /v1/organization/costs,
 * in daily buckets only. The days are made up from the stores' current
 * usage: today is exactly that, the days before grow towards it with a
 * seeded jitter, and a day costs the storage price of its bytes beyond the
 * first free gigabyte. */

#define SECONDS_PER_DAY 86400
#define DEFAULT_LIMIT 7
#define MAX_LIMIT 31
#define PAGE_PREFIX "page_"

static gint64
day_start (gint64 t)
{
  return t - ((t % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

static gint64
total_usage (SkFakeStore *store)
{
  g_autoptr (GPtrArray) stores = sk_fake_index_list_items (sk_fake_store_get_vector_stores (store));
  gint64 total = 0;

  for (guint i = 0; i < stores->len; i++)
    total += ((SkFakeVectorStore *) g_ptr_array_index (stores, i))->usage_bytes;
  return total;
}

/* FALSE and a 400 in @answer when @value is not an integer. */
static gboolean
parse_int (const char   *name,
           const char   *value,
           gint64       *out,
           SkFakeAnswer *answer)
{
  char *end = NULL;

  *out = g_ascii_strtoll (value, &end, 10);
  if (*value == '\0' || end == NULL || *end != '\0')
    {
      g_autofree char *m =
        g_strdup_printf ("Invalid '%s': expected an integer, but got '%s' instead.", name, value);
      sk_fake_answer_error (answer, 400, m, "invalid_request_error", name, "invalid_type");
      return FALSE;
    }
  return TRUE;
}

static const char *
lookup (GHashTable *query,
        const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

static JsonObject *
result_json (gboolean costs,
             gint64   bytes)
{
  JsonObject *result = json_object_new ();

  if (costs)
    {
      JsonObject *amount = json_object_new ();

      json_object_set_string_member (result, "object", "organization.costs.result");
      json_object_set_double_member (amount, "value", sk_fake_admin_day_dollars (bytes));
      json_object_set_string_member (amount, "currency", "usd");
      json_object_set_object_member (result, "amount", amount);
      json_object_set_null_member (result, "line_item");
      json_object_set_null_member (result, "project_id");
    }
  else
    {
      json_object_set_string_member (result, "object", "organization.usage.vector_stores.result");
      json_object_set_int_member (result, "usage_bytes", bytes);
      json_object_set_null_member (result, "project_id");
    }
  return result;
}

/**
 * sk_fake_admin_is_admin_path:
 * @path: a request path, without the query
 *
 * Returns: %TRUE for the routes of the organization, which take an admin
 *   key in place of the account's key
 */
gboolean
sk_fake_admin_is_admin_path (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_has_prefix (path, "/v1/organization/");
}

/**
 * sk_fake_admin_is_report:
 * @path: a request path, without the query
 *
 * Returns: %TRUE for the two reports sk_fake_admin_route() answers
 */
gboolean
sk_fake_admin_is_report (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_equal (path, "/v1/organization/costs")
         || g_str_equal (path, "/v1/organization/usage/vector_stores");
}

/**
 * sk_fake_admin_day_bytes:
 * @total_bytes: what the stores hold now
 * @seed: the seed of the account
 * @day: the start of the day asked (unix seconds, UTC midnight)
 * @today: the start of today
 *
 * Returns: the bytes the stores held on @day: @total_bytes today, 0 on a
 *   day to come, a little less each day before (up to half of it 60 days
 *   back), give or take a tenth chosen by @seed and @day
 */
gint64
sk_fake_admin_day_bytes (gint64 total_bytes,
                         guint  seed,
                         gint64 day,
                         gint64 today)
{
  g_autoptr (GRand) rand = NULL;
  gint64 age;
  double share;

  if (day > today)
    return 0;
  if (day == today)
    return total_bytes;

  age = MIN ((today - day) / SECONDS_PER_DAY, 60);
  rand = g_rand_new_with_seed (seed ^ (guint32) (day / SECONDS_PER_DAY) * 2654435761u);
  share = (1.0 - age / 120.0) * g_rand_double_range (rand, 0.9, 1.1);
  return (gint64) (total_bytes * MIN (share, 1.0));
}

/**
 * sk_fake_admin_day_dollars:
 * @bytes: what the stores held that day
 *
 * Returns: the storage cost of that day in dollars, the first gigabyte free
 */
double
sk_fake_admin_day_dollars (gint64 bytes)
{
  double billed = bytes / SK_FAKE_ADMIN_GB - 1.0;

  return billed > 0 ? billed * SK_FAKE_ADMIN_DOLLARS_PER_GB_DAY : 0;
}

/**
 * sk_fake_admin_route:
 * @store: the account data
 * @method: the HTTP method
 * @report: the path after /v1/organization/: "usage/vector_stores" or
 *   "costs"
 * @query: (nullable): the decoded query parameters
 * @seed: the seed of the account
 * @now: the time of the request (unix seconds)
 * @answer: (out): the page, or a 400; left unanswered for another path or
 *   method
 *
 * Answers one page of a report: start_time (required), end_time (default
 * @now), bucket_width (1d only), limit (1 to 31, default 7), page.
 */
void
sk_fake_admin_route (SkFakeStore  *store,
                     const char   *method,
                     const char   *report,
                     GHashTable   *query,
                     guint         seed,
                     gint64        now,
                     SkFakeAnswer *answer)
{
  const char *start_text = lookup (query, "start_time");
  const char *end_text = lookup (query, "end_time");
  const char *width = lookup (query, "bucket_width");
  const char *limit_text = lookup (query, "limit");
  const char *page = lookup (query, "page");
  gboolean costs;
  gint64 start, end = now, limit = DEFAULT_LIMIT, first = 0, today, total;
  gint64 n_days, last;
  JsonObject *root;
  JsonArray *data;

  g_return_if_fail (store != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (report != NULL);
  g_return_if_fail (answer != NULL);

  if (g_str_equal (report, "costs"))
    costs = TRUE;
  else if (g_str_equal (report, "usage/vector_stores"))
    costs = FALSE;
  else
    return;
  if (!g_str_equal (method, "GET"))
    return;

  if (start_text == NULL)
    {
      sk_fake_answer_error (answer, 400, "Missing required parameter: 'start_time'.",
                            "invalid_request_error", "start_time", "missing_required_parameter");
      return;
    }
  if (!parse_int ("start_time", start_text, &start, answer))
    return;
  if (end_text != NULL && !parse_int ("end_time", end_text, &end, answer))
    return;
  if (start < 0 || end < 0)
    {
      sk_fake_answer_error (answer, 400, "Invalid time: expected unix seconds.",
                            "invalid_request_error", start < 0 ? "start_time" : "end_time",
                            "invalid_value");
      return;
    }
  /* far enough for any report, and no overflow below */
  end = MIN (end, G_MAXINT64 / 4);
  if (limit_text != NULL && !parse_int ("limit", limit_text, &limit, answer))
    return;
  if (width != NULL && !g_str_equal (width, "1d"))
    {
      g_autofree char *m =
        g_strdup_printf ("Invalid value: '%s'. Supported values are: '1d'.", width);
      sk_fake_answer_error (answer, 400, m, "invalid_request_error", "bucket_width", "invalid_value");
      return;
    }
  if (limit < 1 || limit > MAX_LIMIT)
    {
      g_autofree char *m =
        g_strdup_printf ("Invalid 'limit': expected a value from 1 to %d, but got %" G_GINT64_FORMAT
                         " instead.", MAX_LIMIT, limit);
      sk_fake_answer_error (answer, 400, m, "invalid_request_error", "limit", "invalid_value");
      return;
    }
  if (page != NULL)
    {
      char *end_page = NULL;

      if (g_str_has_prefix (page, PAGE_PREFIX))
        first = g_ascii_strtoll (page + strlen (PAGE_PREFIX), &end_page, 10);
      if (end_page == NULL || *end_page != '\0' || end_page == page + strlen (PAGE_PREFIX) || first < 0)
        {
          g_autofree char *m = g_strdup_printf ("Invalid 'page': '%s'.", page);
          sk_fake_answer_error (answer, 400, m, "invalid_request_error", "page", "invalid_value");
          return;
        }
    }

  start = day_start (start);
  n_days = end > start ? (end - start + SECONDS_PER_DAY - 1) / SECONDS_PER_DAY : 0;
  first = MIN (first, n_days);
  last = MIN (n_days, first + limit);
  today = day_start (now);
  total = total_usage (store);

  data = json_array_new ();
  for (gint64 i = first; i < last; i++)
    {
      JsonObject *bucket = json_object_new ();
      JsonArray *results = json_array_new ();
      gint64 day = start + i * SECONDS_PER_DAY;

      if (day <= today)
        json_array_add_object_element (results,
                                       result_json (costs, sk_fake_admin_day_bytes (total, seed, day, today)));
      json_object_set_string_member (bucket, "object", "bucket");
      json_object_set_int_member (bucket, "start_time", day);
      json_object_set_int_member (bucket, "end_time", day + SECONDS_PER_DAY);
      json_object_set_array_member (bucket, "results", results);
      json_array_add_object_element (data, bucket);
    }

  root = json_object_new ();
  json_object_set_string_member (root, "object", "page");
  json_object_set_array_member (root, "data", data);
  json_object_set_boolean_member (root, "has_more", last < n_days);
  if (last < n_days)
    {
      g_autofree char *next = g_strdup_printf (PAGE_PREFIX "%" G_GINT64_FORMAT, last);
      json_object_set_string_member (root, "next_page", next);
    }
  else
    json_object_set_null_member (root, "next_page");
  sk_fake_answer_take_object (answer, 200, root);
}
