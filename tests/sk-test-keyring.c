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
