/* sk-serve.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "sk-serve.h"

#include "sk-account-list.h"
#include "sk-demo-account.h"
#include "sk-history.h"
#include "sk-local-server.h"
#include "sk-local-validate.h"
#include "sk-secret.h"
#include "sk-settings.h"

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static void
stopped_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GMainLoop *loop = user_data;

  sk_local_server_stop_finish (SK_LOCAL_SERVER (source), result, NULL);
  g_main_loop_quit (loop);
}

/* Points @server at the stored account @name, its key from the keyring.
 * FALSE after printing why not. */
static gboolean
use_stored_account (SkLocalServer *server,
                    const char    *name)
{
  g_autoptr (GSettings) settings = sk_settings_new ();
  g_autoptr (SkAccountProfile) profile = sk_account_list_find (settings, name);
  g_autoptr (GError) error = NULL;
  char *key;

  if (profile == NULL)
    {
      g_printerr (_("storekeeper: there is no stored account named “%s”\n"), name);
      return FALSE;
    }

  key = sk_secret_lookup_sync (name, NULL, &error);
  if (key == NULL)
    {
      if (error != NULL)
        g_printerr (_("storekeeper: cannot read the key of “%s” from the keyring: %s\n"), name,
                    error->message);
      else
        g_printerr (_("storekeeper: the keyring holds no key for “%s”\n"), name);
      return FALSE;
    }

  if (profile->provider == SK_PROVIDER_AZURE)
    {
      /* the local token's requests go to the Azure resource; keys sent
       * per request go to OpenAI, as the guide says */
      sk_local_server_set_account_service (server, profile->url, SK_PROVIDER_AZURE, profile->api_version);
    }
  else
    {
      g_object_set (server,
                    "upstream-url", profile->url,
                    "organization", profile->organization,
                    "project", profile->project,
                    NULL);
      sk_local_server_set_account_service (server, NULL, profile->provider, NULL);
    }
  sk_local_server_set_account_key (server, key);
  secret_password_free (key);

  return TRUE;
}

static void
request_logged_cb (SkLocalServer *server,
                   const char    *line,
                   gpointer       user_data)
{
  g_printerr ("%s\n", line);
}

int
sk_serve_main (int    argc,
               char **argv)
{
  gboolean serve = FALSE;
  gboolean demo = FALSE;
  g_autofree char *account = NULL;
  int port = 8000;
  int max_in_flight = -1;
  g_autofree char *host = NULL;
  GOptionEntry entries[] = {
    { "serve", 0, 0, G_OPTION_ARG_NONE, &serve,
      N_("Serve the local HTTP API with no window"), NULL },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on (default 8000, 0 picks a free one)"), N_("PORT") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("Address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "max-in-flight", 0, 0, G_OPTION_ARG_INT, &max_in_flight,
      N_("Most upstream deletions in flight per bulk request (1–64, default 64)"), N_("N") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Serve a simulated account instead of OpenAI (any key is accepted)"), NULL },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account,
      N_("Serve this stored account, its key from the keyring"), N_("NAME") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkLocalServer) server = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GError) journal_error = NULL;
  g_autoptr (SkDemoAccount) demo_account = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  const char *key;
  guint sigint_id, sigterm_id;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serve Storekeeper’s local HTTP API (see /docs)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("storekeeper: %s\n", error->message);
      return 2;
    }

  if (port < 0 || port > 65535)
    {
      g_printerr (_("storekeeper: --port must be between 0 and 65535\n"));
      return 2;
    }

  if (account != NULL && g_str_equal (account, SK_ACCOUNT_NAME_DEMO))
    {
      demo = TRUE;
      g_clear_pointer (&account, g_free);
    }
  if (account != NULL && demo)
    {
      g_printerr (_("storekeeper: --account and --demo cannot be used together\n"));
      return 2;
    }

  if (max_in_flight != -1 && (max_in_flight < 1 || max_in_flight > 64))
    {
      g_printerr (_("storekeeper: --max-in-flight must be between 1 and 64\n"));
      return 2;
    }

  if (host == NULL)
    host = g_strdup ("127.0.0.1");

  server = g_object_new (SK_TYPE_LOCAL_SERVER,
                         "host", host,
                         "port", (guint) port,
                         NULL);
  if (max_in_flight != -1)
    g_object_set (server, "max-in-flight", (guint) max_in_flight, NULL);

  if (demo)
    {
      /* the same simulated account as the window's demo */
      demo_account = sk_demo_account_start (0, 0, &error);
      if (demo_account == NULL)
        {
          g_printerr (_("storekeeper: cannot start the simulated account: %s\n"), error->message);
          return 1;
        }
      g_object_set (server, "upstream-url", sk_demo_account_get_base_url (demo_account), NULL);
      sk_local_server_set_account_key (server, sk_demo_account_get_api_key (demo_account));
      g_object_set (server, "account-name", _("Demo account"), NULL);
    }
  else if (account != NULL)
    {
      if (!use_stored_account (server, account))
        return 2;
    }
  else
    {
      key = g_getenv ("OPENAI_API_KEY");
      if (key != NULL && key[0] != '\0')
        {
          sk_local_server_set_account_key (server, key);
          g_object_set (server, "account-name", _("Key from OPENAI_API_KEY"), NULL);
        }
      if (g_getenv ("OPENAI_ORG_ID") && *g_getenv ("OPENAI_ORG_ID"))
        g_object_set (server, "organization", g_getenv ("OPENAI_ORG_ID"), NULL);
      if (g_getenv ("OPENAI_PROJECT_ID") && *g_getenv ("OPENAI_PROJECT_ID"))
        g_object_set (server, "project", g_getenv ("OPENAI_PROJECT_ID"), NULL);
    }

  /* every deletion is recorded in the deletion history */
  journal = sk_history_open_journal (&journal_error);
  if (journal != NULL)
    g_object_set (server, "journal", journal, NULL);
  else
    g_printerr (_("storekeeper: deletions will not be recorded in the history: %s\n"), journal_error->message);

  g_signal_connect (server, "request-logged", G_CALLBACK (request_logged_cb), NULL);

  /* Handle SIGINT/SIGTERM before anything is printed: a script that reads
   * the banner and stops us at once must get a clean stop. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (!sk_local_server_start (server, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_printerr (_("storekeeper: port %d is already in use on %s; choose another with --port\n"),
                    port, host);
      else
        g_printerr (_("storekeeper: cannot listen on %s port %d: %s\n"), host, port,
                    error->message);
      g_source_remove (sigint_id);
      g_source_remove (sigterm_id);
      return 1;
    }

  if (!sk_local_address_is_loopback (host))
    g_printerr (_("storekeeper: WARNING: listening on %s, not on loopback: anyone who can reach "
                  "this address can delete every file of the account whose key they send\n"),
                host);

  url = sk_local_server_dup_url (server);
  g_print (_("Storekeeper local API listening on %s\n"), url);
  if (account != NULL)
    /* Translators: %s is the name of a stored account */
    g_print (_("Account: “%s”\n"), account);
  if (demo)
    {
      guint n_files = sk_demo_account_get_n_files (demo_account);
      guint n_stores = sk_demo_account_get_n_stores (demo_account);
      g_autofree char *files = g_strdup_printf (ngettext ("%u file", "%u files", n_files), n_files);
      g_autofree char *stores = g_strdup_printf (ngettext ("%u vector store", "%u vector stores", n_stores),
                                                 n_stores);

      /* Translators: the first %s is "1500 files", the second "60 vector stores" */
      g_print (_("Demo mode: a simulated account (%s, %s); "
                 "any non-empty x-openai-api-key is accepted.\n"), files, stores);
    }
  if (sk_local_server_get_local_token (server) != NULL &&
      (demo || account != NULL || (g_getenv ("OPENAI_API_KEY") && *g_getenv ("OPENAI_API_KEY"))))
    g_print (_("Local token (send “Authorization: Bearer <token>” instead of the key): %s\n"),
             sk_local_server_get_local_token (server));
  /* last line of the banner: scripts wait for it */
  g_print (_("Interactive documentation: %s/docs\n"), url);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  /* Requests in flight are answered (deletions get their grace period)
   * before the connections close. */
  sk_local_server_stop_async (server, NULL, stopped_cb, loop);
  g_main_loop_run (loop);
  g_clear_object (&demo_account);
  g_printerr (_("storekeeper: stopped\n"));

  return 0;
}
