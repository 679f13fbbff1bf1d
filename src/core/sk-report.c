/* sk-report.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-report.h"

#include "sk-bulk-result.h"
#include "sk-core-enums.h"

#include <string.h>

static guint
failure_status (SkBulkResult *result)
{
  guint status = sk_bulk_result_get_status_code (result);

  if (status != 0)
    return status;

  /* Never attempted (cancelled, or the job stopped first): the status a
   * proxy uses for a request the client gave up. */
  return 499;
}

static const char *
failure_message (SkBulkResult *result)
{
  const char *message = sk_bulk_result_get_message (result);

  if (message != NULL && message[0] != '\0')
    return message;

  switch (sk_bulk_result_get_outcome (result))
    {
    case SK_OUTCOME_CANCELLED:
      return "Cancelled before it was attempted";
    case SK_OUTCOME_PENDING:
      return "Not attempted";
    case SK_OUTCOME_DELETED:
    case SK_OUTCOME_FAILED:
    default:
      return sk_bulk_kind_is_deletion (sk_bulk_result_get_kind (result)) ?
             "Deletion failed" : "Change failed";
    }
}

/* The outcome column: a deletion's nick, or for a change of expiry
 * "expiry-set" / "expiry-cleared" where a deletion would say "deleted". */
static const char *
outcome_word (SkBulkResult *result)
{
  SkOutcome outcome = sk_bulk_result_get_outcome (result);

  if (outcome == SK_OUTCOME_DELETED &&
      !sk_bulk_kind_is_deletion (sk_bulk_result_get_kind (result)))
    return sk_bulk_result_get_expiry_days (result) > 0 ? "expiry-set" : "expiry-cleared";

  return sk_enum_get_nick (SK_TYPE_OUTCOME, outcome);
}

void
sk_report_add_members (JsonBuilder *builder,
                       GListModel  *results,
                       const char  *success_member,
                       const char  *failed_member)
{
  guint n;

  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (G_IS_LIST_MODEL (results));

  n = g_list_model_get_n_items (results);

  json_builder_set_member_name (builder, success_member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        json_builder_add_string_value (builder, sk_bulk_result_get_id (result));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, failed_member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, sk_bulk_result_get_id (result));
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, failure_message (result));
      json_builder_set_member_name (builder, "status_code");
      json_builder_add_int_value (builder, failure_status (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
sk_report_to_json_node (GListModel *results)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  json_builder_begin_object (builder);
  sk_report_add_members (builder, results, "success", "failed");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
sk_report_to_json (GListModel *results,
                   gboolean    pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  root = sk_report_to_json_node (results);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);

  return json_generator_to_data (generator, NULL);
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
sk_report_to_csv (GListModel *results)
{
  GString *out;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  out = g_string_new ("id,outcome,status_code,error\r\n");
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      SkOutcome outcome = sk_bulk_result_get_outcome (result);

      append_csv_field (out, sk_bulk_result_get_id (result));
      g_string_append_c (out, ',');
      g_string_append (out, outcome_word (result));
      g_string_append_c (out, ',');
      if (outcome != SK_OUTCOME_DELETED)
        {
          g_string_append_printf (out, "%u", failure_status (result));
          g_string_append_c (out, ',');
          append_csv_field (out, failure_message (result));
        }
      else
        g_string_append_c (out, ',');
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
