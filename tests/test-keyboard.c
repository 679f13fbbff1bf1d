/* test-keyboard.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The delete flow with the keyboard alone: `storekeeper` runs against a
 * simulated account served from this process and gets real X key events
 * (xdotool, no pointer): Alt+3 for the Files view, Ctrl+F and a search,
 * Enter to go to the rows, Ctrl+A, Delete, then Escape (nothing deleted)
 * and again Delete, Tab to the Delete response and Enter. The server's
 * request log proves what was deleted. Enter on a store's row opens it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sk-test-deletion.h"
#include "sk-test-utils.h"

#define TIMEOUT 30000

typedef struct
{
  SkFakeOpenai *fake;
  GPid          app;
  char         *window_id;
} Fixture;

/* Helpers */

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer data)
{
  gboolean *done = data;

  g_spawn_close_pid (pid);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Runs xdotool with @argv while the main loop serves the account; its
 * standard output, trimmed */
static char *
xdotool (const char * const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out_path = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;
  GPid pid;
  int out_fd;

  out_fd = g_file_open_tmp ("sk-xdotool-XXXXXX", &out_path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_fds (NULL, (char **) argv->pdata, NULL,
                          G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                          NULL, NULL, &pid, -1, out_fd, -1, &error);
  g_assert_no_error (error);
  close (out_fd);
  g_child_watch_add (pid, child_exited_cb, &done);
  sk_test_wait_until (is_true, &done, TIMEOUT);

  g_file_get_contents (out_path, &out, NULL, NULL);
  g_unlink (out_path);
  return g_strstrip (g_steal_pointer (&out));
}

/* Sends the keys @keys ("ctrl+f", "Return"...) to the focused window, then
 * lets the application work */
static void
press (Fixture    *fixture,
       const char *keys)
{
  const char *args[] = { "key", "--clearmodifiers", "--delay", "60", keys, NULL };

  g_free (xdotool (args));
  sk_test_spin (600);
}

static void
type (Fixture    *fixture,
      const char *text)
{
  const char *args[] = { "type", "--delay", "60", text, NULL };

  g_free (xdotool (args));
  sk_test_spin (600);
}

static gboolean
window_found (gpointer data)
{
  Fixture *fixture = data;
  const char *args[] = { "search", "--onlyvisible", "--name", "^Storekeeper$", NULL };
  g_autofree char *out = xdotool (args);
  g_auto (GStrv) ids = g_strsplit (out, "\n", -1);

  if (ids[0] == NULL || *ids[0] == '\0')
    {
      sk_test_spin (250);
      return FALSE;
    }
  g_free (fixture->window_id);
  fixture->window_id = g_strdup (ids[0]);
  return TRUE;
}

/* No window manager: the window is given the keyboard focus */
static void
focus_window (Fixture *fixture)
{
  const char *args[] = { "windowfocus", "--sync", fixture->window_id, NULL };

  g_free (xdotool (args));
}

static gboolean
files_listed (gpointer data)
{
  Fixture *fixture = data;

  return sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/files") > 0;
}

static guint
n_deletes (Fixture *fixture)
{
  return sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/");
}

static gboolean
ten_deleted (gpointer data)
{
  Fixture *fixture = data;

  return sk_fake_openai_count_requests (fixture->fake, "DELETE", "/v1/files/") >= 10;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_auto (GStrv) env = g_get_environ ();
  const char *binary = g_getenv ("STOREKEEPER_BIN");
  const char *argv[] = { binary, NULL };
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (binary);
  fixture->fake = sk_test_fake_new ();
  sk_test_fill_deletion_account (fixture->fake, 0);
  url = sk_fake_openai_dup_base_url (fixture->fake);

  env = g_environ_setenv (env, "OPENAI_BASE_URL", url, TRUE);
  env = g_environ_setenv (env, "OPENAI_API_KEY", "sk-test-key", TRUE);
  g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &fixture->app, &error);
  g_assert_no_error (error);

  sk_test_wait_until (window_found, fixture, TIMEOUT);
  sk_test_wait_until (files_listed, fixture, TIMEOUT);
  sk_test_spin (1500);

  focus_window (fixture);
  sk_fake_openai_reset_log (fixture->fake);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->app != 0)
    {
      kill (fixture->app, SIGTERM);
      g_spawn_close_pid (fixture->app);
    }
  g_free (fixture->window_id);
  sk_test_spin (200);
  g_clear_object (&fixture->fake);
}

/* Tests */

static void
test_delete_with_keys (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *deleted = NULL;
  g_autoptr (GString) expected = g_string_new (NULL);

  /* "report-2" finds report-20.pdf .. report-29.pdf: file-020 .. file-029 */
  for (guint i = 20; i < 30; i++)
    g_string_append_printf (expected, "%sfile-%03u", i > 20 ? "\n" : "", i);

  press (fixture, "alt+3");
  press (fixture, "ctrl+f");
  type (fixture, "report-2");
  press (fixture, "Return");
  press (fixture, "ctrl+a");

  /* Delete asks; Escape answers Cancel: nothing is deleted */
  press (fixture, "Delete");
  press (fixture, "Escape");
  sk_test_spin (1000);
  g_assert_cmpuint (n_deletes (fixture), ==, 0);

  /* Delete asks again; Tab goes from Cancel to Delete, Enter confirms */
  press (fixture, "Delete");
  press (fixture, "Tab");
  press (fixture, "Return");
  sk_test_wait_until (ten_deleted, fixture, TIMEOUT);
  sk_test_spin (1000);

  deleted = sk_test_deleted_ids (fixture->fake, "/v1/files/");
  g_assert_cmpstr (deleted, ==, expected->str);
  g_assert_cmpuint (n_deletes (fixture), ==, 10);
  g_assert_cmpuint (sk_fake_openai_get_n_files (fixture->fake), ==, SK_TEST_N_FILES - 10);
}

static gboolean
alpha_listed (gpointer data)
{
  Fixture *fixture = data;

  return sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/vector_stores/vs_alpha/files") > 0;
}

/* Enter on a row of the Vector Stores view opens the store: its files are
 * listed, and Alt+Left goes back */
static void
test_open_store_with_enter (Fixture       *fixture,
                            gconstpointer  data)
{
  press (fixture, "alt+2");
  press (fixture, "ctrl+f");
  type (fixture, "Alpha");
  press (fixture, "Return");
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/vector_stores/vs_alpha/files"), ==, 0);
  press (fixture, "Return");
  sk_test_wait_until (alpha_listed, fixture, TIMEOUT);
  g_assert_cmpuint (sk_fake_openai_count_requests (fixture->fake, "GET", "/v1/vector_stores/vs_beta/files"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/keyboard/delete-with-keys", Fixture, NULL, fixture_setup, test_delete_with_keys,
              fixture_teardown);
  g_test_add ("/keyboard/open-store-with-enter", Fixture, NULL, fixture_setup, test_open_store_with_enter,
              fixture_teardown);
  return g_test_run ();
}
