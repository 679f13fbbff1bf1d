/* test-overview-admin.c: the group "Reported by OpenAI" and its line charts
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sk-test-utils.h"

#include "sk-admin-key-group.h"
#include "sk-line-chart.h"
#include "sk-overview-admin.h"
#include "sk-settings.h"

#define ADMIN_KEY "sk-admin-overview"

static void
test_line_chart_point (void)
{
  static const struct
  {
    guint  i, n;
    double value, max;
    double x, y;
  } cases[] = {
    /* width 100, height 50 */
    { 0, 3, 0, 10, 0, 50 },
    { 1, 3, 5, 10, 50, 25 },
    { 2, 3, 10, 10, 100, 0 },
    /* above the maximum, below zero: clamped */
    { 2, 3, 20, 10, 100, 0 },
    { 1, 3, -4, 10, 50, 50 },
    /* one value: at the left; all zero: on the baseline */
    { 0, 1, 7, 7, 0, 0 },
    { 1, 2, 0, 0, 100, 50 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double x, y;

      sk_line_chart_point (cases[k].i, cases[k].n, cases[k].value, cases[k].max, 100, 50, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, cases[k].x, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, cases[k].y, 1e-9);
    }
}

static gboolean
texts_ready (gpointer data)
{
  SkOverviewAdmin *group = data;

  return g_str_has_prefix (sk_overview_admin_get_usage_text (group), "Average")
         && g_str_has_prefix (sk_overview_admin_get_costs_text (group), "Total");
}

static GtkWidget *
find_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child))
        return child;
      found = find_row (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_chart (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (SK_IS_LINE_CHART (child))
        return child;
      found = find_chart (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_group_follows_key (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (SkAccount) account = NULL;
  GtkWidget *window = gtk_window_new ();
  SkOverviewAdmin *group = SK_OVERVIEW_ADMIN (sk_overview_admin_new ());
  GtkWidget *row;

  g_object_set (fake, "admin-key", ADMIN_KEY, NULL);
  sk_fake_openai_add_file (fake, "file-ov1", "a.pdf", "assistants", 6000000000, 1);
  sk_fake_openai_add_vector_store (fake, "vs_ov1", "store", 1);
  g_assert_true (sk_fake_openai_attach (fake, "vs_ov1", "file-ov1", "completed"));

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (group));
  gtk_window_present (GTK_WINDOW (window));
  account = sk_account_new (SK_ACCOUNT_ENVIRONMENT, url, "sk-test-key", NULL, NULL);

  /* without an admin key: how to get one */
  sk_overview_admin_set_account (group, account);
  row = find_row (GTK_WIDGET (group));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Admin keys"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/organization/costs"), ==, 0);

  /* with one: both reports, in words too */
  sk_account_set_admin_key (account, ADMIN_KEY);
  g_assert_false (gtk_widget_get_visible (row));
  sk_test_wait_until (texts_ready, group, 10000);
  g_assert_nonnull (strstr (sk_overview_admin_get_usage_text (group), "last day: 2.0\xc2\xa0GB"));
  g_assert_nonnull (strstr (sk_overview_admin_get_costs_text (group), "last day: $0.10"));
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/organization/costs"), ==, 1);
  /* the first chart (storage) draws the 30 days */
  {
    GtkWidget *chart = find_chart (GTK_WIDGET (group));

    g_assert_nonnull (chart);
    g_assert_cmpuint (sk_line_chart_get_n_values (SK_LINE_CHART (chart)), ==, 30);
  }

  /* the same account again: no new requests; without the key: the hint */
  sk_overview_admin_set_account (group, account);
  g_assert_cmpuint (sk_fake_openai_count_requests (fake, "GET", "/v1/organization/costs"), ==, 1);
  sk_account_set_admin_key (account, NULL);
  g_assert_true (gtk_widget_get_visible (row));

  gtk_window_destroy (GTK_WINDOW (window));
  sk_fake_openai_disconnect (fake);
}

static gboolean
has_admin_key (gpointer data)
{
  return sk_account_has_admin_key (data);
}

static gboolean
has_no_admin_key (gpointer data)
{
  return !sk_account_has_admin_key (data);
}

static void
test_admin_key_group (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountManager) manager = sk_account_manager_new (settings);
  g_autoptr (SkAccount) account = sk_account_new (SK_ACCOUNT_ENVIRONMENT, "http://127.0.0.1:9/v1",
                                                  "sk-test-key", NULL, NULL);
  GtkWidget *window = gtk_window_new ();
  SkAdminKeyGroup *group = SK_ADMIN_KEY_GROUP (sk_admin_key_group_new ());
  GtkWidget *entry = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (group));
  gtk_window_present (GTK_WINDOW (window));
  sk_admin_key_group_set_manager (group, manager);

  for (GtkWidget *w = GTK_WIDGET (group); w != NULL && entry == NULL; )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (ADW_IS_ENTRY_ROW (w))
        entry = w;
      while (next == NULL && w != GTK_WIDGET (group))
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_assert_nonnull (entry);

  /* no account: nothing to set */
  g_assert_false (gtk_widget_is_sensitive (entry));

  sk_account_manager_set_account (manager, account);
  g_assert_true (gtk_widget_is_sensitive (entry));

  /* blanks are no key */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  sk_admin_key_group_save (group);
  sk_test_spin (50);
  g_assert_false (sk_account_has_admin_key (account));

  gtk_editable_set_text (GTK_EDITABLE (entry), " " ADMIN_KEY " ");
  sk_admin_key_group_save (group);
  sk_test_wait_until (has_admin_key, account, 10000);
  g_assert_cmpstr (sk_account_get_admin_key (account), ==, ADMIN_KEY);
  /* the key is not shown back */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  sk_admin_key_group_remove (group);
  sk_test_wait_until (has_no_admin_key, account, 10000);

  sk_account_manager_set_account (manager, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/overview-admin/line-chart-point", test_line_chart_point);
  g_test_add_func ("/overview-admin/group-follows-key", test_group_follows_key);
  g_test_add_func ("/overview-admin/admin-key-group", test_admin_key_group);

  return g_test_run ();
}
