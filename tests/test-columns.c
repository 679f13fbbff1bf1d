/* test-columns.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of the list pages: the remembered layout is read back
 * (table), hiding a column from its menu action hides it and is
 * remembered for the next page of the same kind, a width the user gives
 * is remembered, the first column cannot be hidden; and the names
 * without mnemonic marks (table).
 */

#include "config.h"

#include <adwaita.h>

#include "sk-test-utils.h"

#include "sk-a11y.h"
#include "sk-column-menu.h"
#include "sk-file.h"
#include "sk-files-page.h"
#include "sk-settings.h"
#include "sk-stores-page.h"

static void
test_strip_mnemonic (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "_Delete…", "Delete…" },
    { "Select _None", "Select None" },
    { "Select All _Orphans", "Select All Orphans" },
    { "No mnemonic", "No mnemonic" },
    { "user__data", "user_data" },
    { "a__b_c", "a_bc" },
    { "trailing_", "trailing" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sk_a11y_strip_mnemonic (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (sk_a11y_strip_mnemonic (NULL));
}

static void
test_lookup (void)
{
  g_autoptr (GVariant) layout = g_variant_ref_sink (
    g_variant_new_parsed ("{'id': (false, -1), 'size': (true, 140), 'purpose': (true, 0)}"));
  g_autoptr (GVariant) wrong = g_variant_ref_sink (g_variant_new_parsed ("{'id': (false, -1, 3)}"));
  static const struct { const char *id; gboolean found; gboolean visible; int width; } cases[] = {
    { "id", TRUE, FALSE, -1 },
    { "size", TRUE, TRUE, 140 },
    { "purpose", TRUE, TRUE, -1 },   /* 0 is no width */
    { "created", FALSE, TRUE, 7 },   /* untouched */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean visible = TRUE;
      int width = 7;

      g_assert_cmpint (sk_column_menu_lookup (layout, cases[i].id, &visible, &width), ==, cases[i].found);
      g_assert_cmpint (visible, ==, cases[i].visible);
      g_assert_cmpint (width, ==, cases[i].width);
    }
  g_assert_false (sk_column_menu_lookup (wrong, "id", NULL, NULL));
  g_assert_false (sk_column_menu_lookup (NULL, "id", NULL, NULL));
}

static GtkColumnViewColumn *
column (GtkWidget  *page,
        const char *id)
{
  GtkColumnViewColumn *found = sk_column_menu_find (sk_list_page_get_column_view (SK_LIST_PAGE (page)), id);

  g_assert_nonnull (found);
  return found;
}

static void
test_remembered (void)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  GtkWidget *page;
  GtkWidget *again;
  GtkWidget *stores;
  gboolean visible;
  int width;
  g_autoptr (GVariant) layout = NULL;

  g_settings_reset (settings, "files-columns");
  g_settings_reset (settings, "stores-columns");
  page = g_object_ref_sink (sk_files_page_new ());
  g_assert_true (gtk_column_view_column_get_visible (column (page, "id")));

  /* the menu's action hides the ID column; the user widens Size */
  g_assert_true (gtk_widget_activate_action (page, "columns.show-id", NULL));
  g_assert_false (gtk_column_view_column_get_visible (column (page, "id")));
  gtk_column_view_column_set_fixed_width (column (page, "size"), 150);
  /* the first column has no such action: it always names the row */
  g_assert_false (gtk_widget_activate_action (page, "columns.show-filename", NULL));
  sk_test_spin (800);

  layout = g_settings_get_value (settings, "files-columns");
  g_assert_true (sk_column_menu_lookup (layout, "id", &visible, &width));
  g_assert_false (visible);
  g_assert_true (sk_column_menu_lookup (layout, "size", &visible, &width));
  g_assert_true (visible);
  g_assert_cmpint (width, ==, 150);

  /* a new Files page comes back as the user left it, the Stores page not */
  again = g_object_ref_sink (sk_files_page_new ());
  g_assert_false (gtk_column_view_column_get_visible (column (again, "id")));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column (again, "size")), ==, 150);
  g_assert_true (gtk_column_view_column_get_visible (column (again, "filename")));
  stores = g_object_ref_sink (sk_stores_page_new ());
  g_assert_true (gtk_column_view_column_get_visible (column (stores, "id")));

  /* shown again from the menu */
  g_assert_true (gtk_widget_activate_action (again, "columns.show-id", NULL));
  g_assert_true (gtk_column_view_column_get_visible (column (again, "id")));

  g_assert_finalize_object (page);
  g_assert_finalize_object (again);
  g_assert_finalize_object (stores);
  g_settings_reset (settings, "files-columns");
}

/* Sorting from the menu: the view's sorter orders by the chosen column
 * in the chosen direction */
static void
test_sort_action (void)
{
  GtkWidget *page = g_object_ref_sink (sk_files_page_new ());
  GtkSorter *sorter = gtk_column_view_get_sorter (sk_list_page_get_column_view (SK_LIST_PAGE (page)));
  g_autoptr (SkFile) small_b = sk_file_new ("file-a", "b.txt", 10, 1, 0, "assistants", "processed");
  g_autoptr (SkFile) big_a = sk_file_new ("file-b", "a.txt", 20, 2, 0, "assistants", "processed");

  g_assert_true (gtk_widget_activate_action (page, "columns.sort-ascending", "s", "size"));
  g_assert_cmpint (gtk_sorter_compare (sorter, small_b, big_a), ==, GTK_ORDERING_SMALLER);
  g_assert_true (gtk_widget_activate_action (page, "columns.sort-descending", "s", "size"));
  g_assert_cmpint (gtk_sorter_compare (sorter, small_b, big_a), ==, GTK_ORDERING_LARGER);
  g_assert_true (gtk_widget_activate_action (page, "columns.sort-ascending", "s", "filename"));
  g_assert_cmpint (gtk_sorter_compare (sorter, small_b, big_a), ==, GTK_ORDERING_LARGER);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/a11y/strip-mnemonic", test_strip_mnemonic);
  g_test_add_func ("/columns/lookup", test_lookup);
  g_test_add_func ("/columns/remembered", test_remembered);
  g_test_add_func ("/columns/sort-action", test_sort_action);
  return g_test_run ();
}
