/* sk-test-keyring.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-test-keyring.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#define CHILD_ENV "SK_KEYRING_TEST_CHILD"

gboolean
sk_test_keyring_is_child (void)
{
  return g_getenv (CHILD_ENV) != NULL;
}

int
sk_test_keyring_run (int    argc,
                     char **argv)
{
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *tmp = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (dbus_run_session == NULL || keyring == NULL)
    {
      g_print ("1..0 # SKIP dbus-run-session or gnome-keyring-daemon is not installed "
               "(apt-get install dbus gnome-keyring)\n");
      return 0;
    }

  tmp = g_dir_make_tmp ("sk-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  runtime = g_build_filename (tmp, "run", NULL);
  data = g_build_filename (tmp, "data", NULL);
  g_mkdir_with_parents (runtime, 0700);
  g_mkdir_with_parents (data, 0700);

  env = g_environ_setenv (env, CHILD_ENV, "1", TRUE);
  env = g_environ_setenv (env, "HOME", tmp, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_unsetenv (env, "GNOME_KEYRING_CONTROL");

  g_ptr_array_add (args, dbus_run_session);
  g_ptr_array_add (args, (gpointer) "--");
  g_ptr_array_add (args, (gpointer) "sh");
  g_ptr_array_add (args, (gpointer) "-c");
  g_ptr_array_add (args, (gpointer) "printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec \"$@\"");
  g_ptr_array_add (args, (gpointer) "sh");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_CHILD_INHERITS_STDIN,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);

  {
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 1;
}

/* The settings schema, compiled from the source tree into @dir */
static void
compile_schema (const char *dir)
{
  const char *source_root = g_getenv ("SK_SOURCE_ROOT");
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_nonnull (source_root);
  in = g_build_filename (source_root, "data", APP_ID ".gschema.xml.in", NULL);
  out = g_build_filename (dir, APP_ID ".gschema.xml", NULL);
  g_file_get_contents (in, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (out, contents, -1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "glib-compile-schemas", "--strict", dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/**
 * sk_test_keyring_run_with_schema:
 *
 * sk_test_keyring_run() with the application's settings schema compiled
 * from the source tree into a temporary folder, and the memory backend.
 */
int
sk_test_keyring_run_with_schema (int    argc,
                                 char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *schemas = g_dir_make_tmp ("sk-schemas-XXXXXX", &error);
  int status;

  g_assert_no_error (error);
  compile_schema (schemas);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  status = sk_test_keyring_run (argc, argv);

  {
    const char *rm[] = { "rm", "-rf", schemas, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return status;
}
