/* test-overview.c: the Overview page as a user reads it.
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sk-format.h"
#include "sk-overview-page.h"
#include "sk-stores-page.h"
#include "sk-week-chart.h"

#define NOW ((gint64) g_get_real_time () / G_USEC_PER_SEC)
#define DAY ((gint64) 86400)
#define GB ((gint64) 1000000000)

static GObject *
from_json (GObject *(*parse) (JsonNode *, GError **),
           const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  GObject *object;

  g_assert_no_error (error);
  object = parse (node, &error);
  g_assert_no_error (error);
  return object;
}

static void
add_store (GPtrArray  *stores,
           const char *id,
           const char *name,
           const char *status,
           gint64      usage_bytes,
           gint64      n_files)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"%s\",\"object\":\"vector_store\",\"name\":\"%s\",\"created_at\":1,"
    "\"usage_bytes\":%" G_GINT64_FORMAT ",\"status\":\"%s\",\"last_active_at\":null,\"metadata\":{},"
    "\"file_counts\":{\"in_progress\":0,\"completed\":%" G_GINT64_FORMAT ",\"failed\":0,\"cancelled\":0,"
    "\"total\":%" G_GINT64_FORMAT "}}",
    id, name, usage_bytes, status, n_files, n_files);

  g_ptr_array_add (stores, from_json ((gpointer) sk_vector_store_new_from_json, json));
}

static void
add_entry (GPtrArray  *entries,
           const char *store_id,
           const char *file_id,
           gint64      usage_bytes)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"%s\",\"object\":\"vector_store.file\",\"vector_store_id\":\"%s\",\"status\":\"completed\","
    "\"usage_bytes\":%" G_GINT64_FORMAT ",\"created_at\":1,\"last_error\":null}",
    file_id, store_id, usage_bytes);

  g_ptr_array_add (entries, from_json ((gpointer) sk_vector_store_file_new_from_json, json));
}

static SkStorageSummary *
make_summary (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = NOW;

  g_ptr_array_add (files, sk_file_new ("file-a", "manual.pdf", 1000, now - DAY, 0, "assistants", "processed"));
  g_ptr_array_add (files, sk_file_new ("file-b", "orphan.pdf", 2000, now - DAY, 0, "assistants", "processed"));
  g_ptr_array_add (files, sk_file_new ("file-c", "input.jsonl", 8000, now - 2 * DAY, 0, "batch", "processed"));
  add_store (stores, "vs_big", "Support docs", "completed", 3 * GB, 1);
  add_store (stores, "vs_old", "Old project", "expired", 2 * GB, 0);
  add_entry (entries, "vs_big", "file-a", 3 * GB);
  return sk_storage_summary_new (files, stores, entries, NULL, now);
}

/* The AdwActionRow titled @title under @widget, or NULL */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
record_string_cb (SkOverviewPage  *page,
                  const char      *value,
                  char           **out)
{
  g_free (*out);
  *out = g_strdup (value ? value : "(all)");
}

static void
record_uint_cb (SkOverviewPage *page,
                guint           value,
                guint          *out)
{
  *out = value;
}

static void
test_overview_reads (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (SK_TYPE_OVERVIEW_PAGE, NULL));
  g_autoptr (SkStorageSummary) summary = make_summary ();
  g_autofree char *two_gb = sk_format_size (2 * GB);
  g_autofree char *expected = NULL;
  AdwActionRow *row;

  g_assert_null (find_row (page, "Expired Vector Stores"));
  sk_overview_page_set_summary (SK_OVERVIEW_PAGE (page), summary);

  row = find_row (page, "Files");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "3 files · "));

  /* 5 GB billed, 1 GB free: $0.40 a day, $12.00 a month */
  row = find_row (page, "Estimated Storage Cost");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "$0.40 a day · $12.00 a month."));

  row = find_row (page, "Expired Vector Stores");
  expected = g_strdup_printf ("1 item · %s · saves $6.00 a month", two_gb);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, expected);

  row = find_row (page, "Empty Vector Stores");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "None");
  row = find_row (page, "Files in No Vector Store");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "1 item · "));

  /* the largest store first, with its own monthly cost */
  row = find_row (page, "Support docs");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (row), "about $9.00 a month"));

  /* a price from the settings changes the estimate */
  sk_overview_page_set_price (SK_OVERVIEW_PAGE (page), &(SkStoragePrice) { 0.20, 0 });
  row = find_row (page, "Estimated Storage Cost");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "$1.00 a day · $30.00 a month."));

  /* under the free allowance */
  sk_overview_page_set_price (SK_OVERVIEW_PAGE (page), &(SkStoragePrice) { 0.10, 10 });
  row = find_row (page, "Estimated Storage Cost");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "No charge expected: "));

  g_assert_finalize_object (page);
}

static void
test_overview_leads_somewhere (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (SK_TYPE_OVERVIEW_PAGE, NULL));
  g_autoptr (SkStorageSummary) summary = make_summary ();
  g_autofree char *shown = NULL;
  guint reviewed = G_MAXUINT;
  AdwActionRow *row;
  GtkWidget *button;

  g_signal_connect (page, "show-files", G_CALLBACK (record_string_cb), &shown);
  g_signal_connect (page, "show-store", G_CALLBACK (record_string_cb), &shown);
  g_signal_connect (page, "review", G_CALLBACK (record_uint_cb), &reviewed);
  sk_overview_page_set_summary (SK_OVERVIEW_PAGE (page), summary);

  g_signal_emit_by_name (find_row (page, "batch"), "activated");
  g_assert_cmpstr (shown, ==, "batch");
  g_signal_emit_by_name (find_row (page, "Support docs"), "activated");
  g_assert_cmpstr (shown, ==, "vs_big");
  g_signal_emit_by_name (find_row (page, "Files"), "activated");
  g_assert_cmpstr (shown, ==, "(all)");

  row = find_row (page, "Expired Vector Stores");
  button = find_type (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (reviewed, ==, SK_RECLAIM_EXPIRED_STORES);

  /* nothing to review: the button cannot be pressed */
  row = find_row (page, "Empty Vector Stores");
  g_assert_false (gtk_widget_get_sensitive (find_type (GTK_WIDGET (row), GTK_TYPE_BUTTON)));

  g_assert_finalize_object (page);
}

static void
test_week_chart_in_words (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (SK_TYPE_OVERVIEW_PAGE, NULL));
  g_autoptr (SkStorageSummary) summary = make_summary ();
  SkWeekChart *chart;
  const char *tooltip;

  sk_overview_page_set_summary (SK_OVERVIEW_PAGE (page), summary);
  chart = SK_WEEK_CHART (find_type (page, SK_TYPE_WEEK_CHART));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));

  sk_week_chart_select (chart, SK_SUMMARY_WEEKS - 1);
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (chart));
  g_assert_nonnull (strstr (tooltip, ": 3 files created ("));
  g_assert_nonnull (strstr (tooltip, "1 batch"));
  g_assert_nonnull (strstr (tooltip, "2 assistants"));

  sk_week_chart_select (chart, 0);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (chart)), "no file created"));

  g_assert_finalize_object (page);
}

/* The Vector Stores page has its estimate beside the usage */
static void
test_stores_cost_column (void)
{
  GtkWidget *page = g_object_ref_sink (sk_stores_page_new ());
  GListModel *columns = gtk_column_view_get_columns (sk_list_page_get_column_view (SK_LIST_PAGE (page)));
  int usage = -1, cost = -1;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      /* by title: gtk_column_view_column_get_id() needs GTK 4.10 */
      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Usage") == 0)
        usage = i;
      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Est. Cost / Month") == 0)
        cost = i;
    }
  g_assert_cmpint (usage, >=, 0);
  g_assert_cmpint (cost, ==, usage + 1);
  sk_stores_page_set_price (SK_STORES_PAGE (page), &(SkStoragePrice) { 0.2, 0 });

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/overview/reads", test_overview_reads);
  g_test_add_func ("/overview/leads-somewhere", test_overview_leads_somewhere);
  g_test_add_func ("/overview/week-chart-in-words", test_week_chart_in_words);
  g_test_add_func ("/overview/stores-cost-column", test_stores_cost_column);

  return g_test_run ();
}
