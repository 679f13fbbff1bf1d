/* sk-client-admin.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-client-admin.h"
#include "sk-client-private.h"

#include "sk-json.h"
#include "sk-request.h"

#include <glib/gi18n-lib.h>

/* The reports of the organization that only an admin key may read: the
 * bytes in its vector stores (GET /organization/usage/vector_stores) and
 * its costs (GET /organization/costs), one bucket a day over the last
 * SK_ADMIN_REPORT_DAYS days, every page followed. The admin key goes as a
 * bearer token in place of the client's own key. */

#define SECONDS_PER_DAY 86400
/* More pages than the days asked for means the server loops. */
#define MAX_PAGES (SK_ADMIN_REPORT_DAYS + 1)

typedef struct
{
  SkAdminReport     report;
  const char       *path;
  SkRequestContext  context;   /* the client's, with the admin key */
  char             *start_time;
  GArray           *days;
  guint             pages;
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_clear_object (&data->context.session);
  g_free (data->context.base_url);
  g_clear_pointer (&data->context.base_uri, g_uri_unref);
  g_free (data->context.api_key);
  g_free (data->context.organization);
  g_free (data->start_time);
  g_clear_pointer (&data->days, g_array_unref);
  g_free (data);
}

static GError *
invalid_answer (const char *message)
{
  return sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE, 200, NULL, message);
}

static double
node_number (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return 0;
    }
}

/* The value one result adds to its day: its bytes, or its amount when it
 * is in dollars (or in no stated currency). */
static double
result_value (SkAdminReport  report,
              JsonObject    *result)
{
  JsonObject *amount;
  const char *currency;

  if (report == SK_ADMIN_REPORT_VECTOR_STORE_USAGE)
    return node_number (json_object_get_member (result, "usage_bytes"));

  amount = sk_json_get_object (result, "amount");
  if (amount == NULL)
    return 0;
  currency = sk_json_get_string (amount, "currency");
  if (currency != NULL && g_ascii_strcasecmp (currency, "usd") != 0)
    return 0;
  return node_number (json_object_get_member (amount, "value"));
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const SkDailyValue *x = a;
  const SkDailyValue *y = b;

  return (x->day > y->day) - (x->day < y->day);
}

static void send_page (GTask      *task,
                       const char *page);

static void
page_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *next_page = NULL;
  ReportData *data = g_task_get_task_data (task);

  root = sk_request_send_finish (result, NULL, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!sk_admin_report_parse_page (data->report, root, data->days, &next_page, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (next_page != NULL && data->pages < MAX_PAGES)
    {
      send_page (g_steal_pointer (&task), next_page);
      return;
    }

  g_array_sort (data->days, compare_days);
  g_task_return_pointer (task, g_steal_pointer (&data->days), (GDestroyNotify) g_array_unref);
}

static void
send_page (GTask      *task,
           const char *page)
{
  ReportData *data = g_task_get_task_data (task);
  g_autoptr (GString) query = g_string_new (NULL);
  g_autofree char *limit = NULL;

  limit = g_strdup_printf ("%d", SK_ADMIN_REPORT_DAYS + 1);
  g_string_append_printf (query, "start_time=%s&bucket_width=1d&limit=%s",
                          data->start_time, limit);
  if (page != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (page, NULL, FALSE);

      g_string_append_printf (query, "&page=%s", escaped);
    }

  data->pages++;
  sk_request_send_async (g_task_get_source_object (task), &data->context,
                         SOUP_METHOD_GET, data->path, query->str, NULL,
                         g_task_get_cancellable (task), NULL, page_sent_cb, task);
}

static void
get_report (SkClient            *self,
            SkAdminReport        report,
            const char          *admin_key,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  g_autoptr (GTask) task = NULL;
  SkRequestContext *context;
  ReportData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  context = sk_client_get_request_context (self);
  data = g_new0 (ReportData, 1);
  data->report = report;
  data->path = report == SK_ADMIN_REPORT_COSTS ? "/organization/costs"
                                               : "/organization/usage/vector_stores";
  data->context = *context;
  data->context.session = g_object_ref (context->session);
  data->context.base_url = g_strdup (context->base_url);
  data->context.base_uri = context->base_uri ? g_uri_ref (context->base_uri) : NULL;
  data->context.api_key = g_strdup (admin_key);
  data->context.api_key_header = FALSE;
  data->context.organization = g_strdup (context->organization);
  /* An admin key belongs to the organization, not to a project. */
  data->context.project = NULL;
  data->start_time = g_strdup_printf ("%" G_GINT64_FORMAT,
                                      sk_admin_report_start_time (g_get_real_time () / G_USEC_PER_SEC));
  data->days = g_array_new (FALSE, FALSE, sizeof (SkDailyValue));
  g_task_set_task_data (task, data, (GDestroyNotify) report_data_free);

  send_page (g_steal_pointer (&task), NULL);
}

/**
 * sk_admin_report_start_time:
 * @now: the time (unix seconds)
 *
 * Returns: the start (UTC midnight) of the first day of a report made at
 *   @now: SK_ADMIN_REPORT_DAYS days, the day of @now being the last
 */
gint64
sk_admin_report_start_time (gint64 now)
{
  gint64 today = now - (now % SECONDS_PER_DAY + SECONDS_PER_DAY) % SECONDS_PER_DAY;

  return today - (SK_ADMIN_REPORT_DAYS - 1) * (gint64) SECONDS_PER_DAY;
}

/**
 * sk_admin_report_parse_page:
 * @report: what the page tells
 * @root: one page of the answer
 * @days: (element-type SkDailyValue): where each bucket of the page is
 *   appended, as its start and the sum of its results
 * @next_page: (out) (transfer full): the cursor of the next page, %NULL on
 *   the last one
 *
 * Reads one page of a report. Unknown members are ignored; the page, each
 * bucket and each result must be objects, and each bucket needs its start.
 *
 * Returns: %FALSE with @error set (and @days unchanged) when the page is
 *   not a report
 */
gboolean
sk_admin_report_parse_page (SkAdminReport   report,
                            JsonNode       *root,
                            GArray         *days,
                            char          **next_page,
                            GError        **error)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (SkDailyValue));
  JsonObject *page;
  JsonArray *data;
  const char *cursor;

  g_return_val_if_fail (days != NULL, FALSE);
  g_return_val_if_fail (next_page != NULL, FALSE);

  *next_page = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, invalid_answer (_("The report is not a JSON object")));
      return FALSE;
    }
  page = json_node_get_object (root);
  data = sk_json_get_array (page, "data");
  if (data == NULL)
    {
      g_propagate_error (error, invalid_answer (_("The report has no list of days")));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      SkDailyValue day = { 0, 0 };
      JsonObject *bucket;
      JsonArray *results;
      JsonNode *start;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_propagate_error (error, invalid_answer (_("A day of the report is not a JSON object")));
          return FALSE;
        }
      bucket = json_node_get_object (node);
      start = json_object_get_member (bucket, "start_time");
      if (start == NULL || !JSON_NODE_HOLDS_VALUE (start)
          || json_node_get_value_type (start) != G_TYPE_INT64)
        {
          g_propagate_error (error, invalid_answer (_("A day of the report has no start")));
          return FALSE;
        }
      day.day = json_node_get_int (start);

      results = sk_json_get_array (bucket, "results");
      for (guint j = 0; results != NULL && j < json_array_get_length (results); j++)
        {
          JsonNode *result = json_array_get_element (results, j);

          if (!JSON_NODE_HOLDS_OBJECT (result))
            {
              g_propagate_error (error, invalid_answer (_("A result of the report is not a JSON object")));
              return FALSE;
            }
          day.value += result_value (report, json_node_get_object (result));
        }
      g_array_append_val (found, day);
    }

  g_array_append_vals (days, found->data, found->len);
  cursor = sk_json_get_string (page, "next_page");
  if (sk_json_get_bool (page, "has_more", FALSE) && cursor != NULL && *cursor != '\0')
    *next_page = g_strdup (cursor);
  return TRUE;
}

/**
 * sk_client_get_vector_store_usage_async:
 * @admin_key: an admin key of the organization, sent in place of the
 *   client's key
 *
 * Asks how many bytes the organization's vector stores held each day of
 * the last SK_ADMIN_REPORT_DAYS days.
 */
void
sk_client_get_vector_store_usage_async (SkClient            *self,
                                        const char          *admin_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (admin_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  get_report (self, SK_ADMIN_REPORT_VECTOR_STORE_USAGE, admin_key, cancellable,
              callback, user_data, sk_client_get_vector_store_usage_async);
}

/**
 * sk_client_get_vector_store_usage_finish:
 *
 * Returns: (transfer full) (element-type SkDailyValue): the days in order,
 *   their values in bytes, or %NULL with @error set
 */
GArray *
sk_client_get_vector_store_usage_finish (SkClient      *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_get_vector_store_usage_async, error);
}

/**
 * sk_client_get_costs_async:
 * @admin_key: an admin key of the organization, sent in place of the
 *   client's key
 *
 * Asks how much the organization spent each day of the last
 * SK_ADMIN_REPORT_DAYS days.
 */
void
sk_client_get_costs_async (SkClient            *self,
                           const char          *admin_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (SK_IS_CLIENT (self));
  g_return_if_fail (admin_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  get_report (self, SK_ADMIN_REPORT_COSTS, admin_key, cancellable,
              callback, user_data, sk_client_get_costs_async);
}

/**
 * sk_client_get_costs_finish:
 *
 * Returns: (transfer full) (element-type SkDailyValue): the days in order,
 *   their values in dollars, or %NULL with @error set
 */
GArray *
sk_client_get_costs_finish (SkClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return sk_client_propagate_pointer (self, result, sk_client_get_costs_async, error);
}
