/* test-ui-templates.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every composite widget builds from its .ui and finalizes, with warnings
 * fatal: a .ui naming a widget or property GTK 4.8 / libadwaita 1.2 lack
 * fails here.
 */

#include "config.h"

#include <adwaita.h>

#include "sk-files-page.h"
#include "sk-preferences-window.h"
#include "sk-store-files-page.h"
#include "sk-stores-page.h"
#include "sk-welcome-page.h"
#include "sk-window.h"

static void
test_widget (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, type));
  g_assert_finalize_object (widget);
}

static void
test_window (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GtkWidget *window = g_object_ref (g_object_new (type, NULL));

  g_assert_true (GTK_IS_WINDOW (window));
  /* not presented: libadwaita 1.2 may warn "Trying to snapshot AdwGizmo
   * without a current allocation" on a first frame under Xvfb (harmless,
   * timing-dependent), and warnings are fatal here */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences_with_window (void)
{
  SkWindow *main_window = g_object_ref (sk_window_new (NULL));
  GtkWidget *prefs = g_object_ref (sk_preferences_window_new (main_window, NULL));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);
  gtk_window_destroy (GTK_WINDOW (main_window));
  g_assert_finalize_object (main_window);
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new ();
  g_autoptr (GError) error = NULL;
  GObject *overlay;

  gtk_builder_add_from_resource (builder, RESOURCE_BASE "/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_data_func ("/ui/templates/files-page", GSIZE_TO_POINTER (SK_TYPE_FILES_PAGE), test_widget);
  g_test_add_data_func ("/ui/templates/stores-page", GSIZE_TO_POINTER (SK_TYPE_STORES_PAGE), test_widget);
  g_test_add_data_func ("/ui/templates/store-files-page", GSIZE_TO_POINTER (SK_TYPE_STORE_FILES_PAGE),
                        test_widget);
  g_test_add_data_func ("/ui/templates/welcome-page", GSIZE_TO_POINTER (SK_TYPE_WELCOME_PAGE), test_widget);
  g_test_add_data_func ("/ui/templates/window", GSIZE_TO_POINTER (SK_TYPE_WINDOW), test_window);
  g_test_add_data_func ("/ui/templates/preferences-window", GSIZE_TO_POINTER (SK_TYPE_PREFERENCES_WINDOW),
                        test_window);
  g_test_add_func ("/ui/templates/preferences-with-window", test_preferences_with_window);
  g_test_add_func ("/ui/templates/help-overlay", test_help_overlay);

  return g_test_run ();
}
