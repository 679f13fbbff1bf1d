/* sk-report.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reports of a bulk deletion, from a GListModel of SkBulkResult (the
 * "results" of an SkBulkDelete: one per distinct input ID, input order).
 *
 * JSON: the local API's shape {"success": [ids], "failed": [{"id", "error",
 * "status_code"}]}. Every result lands in exactly one list: DELETED in
 * "success", anything else in "failed" (a result still PENDING or
 * CANCELLED is a failure: it was not deleted). Both lists keep input order.
 *
 * CSV (RFC 4180, CRLF, header line): id,outcome,status_code,error. */

/* Adds @success_member and @failed_member arrays to @builder (which must
 * be inside an object). */
void        sk_report_add_members  (JsonBuilder *builder,
                                    GListModel  *results,
                                    const char  *success_member,
                                    const char  *failed_member);
JsonNode   *sk_report_to_json_node (GListModel  *results);
char       *sk_report_to_json      (GListModel  *results,
                                    gboolean     pretty);
char       *sk_report_to_csv       (GListModel  *results);

G_END_DECLS
