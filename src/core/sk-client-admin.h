/* sk-client-admin.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sk-client.h"

G_BEGIN_DECLS

/* How many days the organization reports cover, today included. */
#define SK_ADMIN_REPORT_DAYS 30

/**
 * SkDailyValue:
 * @day: the start of the day (unix seconds, UTC)
 * @value: bytes stored that day (usage) or dollars spent that day (costs)
 *
 * One day of a report of the organization.
 */
typedef struct
{
  gint64 day;
  double value;
} SkDailyValue;

/**
 * SkAdminReport:
 * @SK_ADMIN_REPORT_VECTOR_STORE_USAGE: the bytes in the vector stores
 * @SK_ADMIN_REPORT_COSTS: the costs in dollars
 *
 * What a report of the organization tells.
 */
typedef enum
{
  SK_ADMIN_REPORT_VECTOR_STORE_USAGE,
  SK_ADMIN_REPORT_COSTS,
} SkAdminReport;

gint64    sk_admin_report_start_time             (gint64               now);
gboolean  sk_admin_report_parse_page             (SkAdminReport        report,
                                                  JsonNode            *root,
                                                  GArray              *days,
                                                  char               **next_page,
                                                  GError             **error);

void      sk_client_get_vector_store_usage_async  (SkClient            *self,
                                                   const char          *admin_key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GArray   *sk_client_get_vector_store_usage_finish (SkClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void      sk_client_get_costs_async               (SkClient            *self,
                                                   const char          *admin_key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GArray   *sk_client_get_costs_finish              (SkClient            *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
