/* fake-openai-main.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * storekeeper-fake-openai: the simulated OpenAI account on 127.0.0.1.
 * Prints its base URL (http://127.0.0.1:PORT/v1) on one line once it
 * listens, then serves until SIGINT or SIGTERM.
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "sk-fake-openai.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
check_rate (const char  *name,
            double       value,
            GError     **error)
{
  if (value < 0.0 || value > 1.0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--%s must be between 0 and 1", name);
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  int port = 0;
  int seed = 1;
  int n_files = 200;
  int n_stores = 20;
  int latency_ms = 0;
  int max_concurrent = 0;
  int capacity = 0;
  double rate_limit = 0;
  double rate_burst = 1;
  double fail_rate = 0;
  double reset_rate = 0;
  double drop_rate = 0;
  double malformed_rate = 0;
  gboolean stale_counts = FALSE;
  gboolean retry_after_seconds_only = FALSE;
  gboolean retry_after_ms = FALSE;
  g_autofree char *key = NULL;
  g_autofree char *admin_key = NULL;
  gboolean azure = FALSE;
  g_autofree char *api_version = NULL;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "PORT" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Seed of the dataset and of the fault dice", "N" },
    { "files", 0, 0, G_OPTION_ARG_INT, &n_files, "Number of generated files (default 200)", "N" },
    { "vector-stores", 0, 0, G_OPTION_ARG_INT, &n_stores, "Number of generated vector stores (default 20)", "N" },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Delay of every answer", "MS" },
    { "max-concurrent", 0, 0, G_OPTION_ARG_INT, &max_concurrent, "Requests in flight beyond this get 429 (0: no limit)", "N" },
    { "rate-limit", 0, 0, G_OPTION_ARG_DOUBLE, &rate_limit, "Requests per second beyond this get 429 (0: no limit)", "R" },
    { "rate-burst", 0, 0, G_OPTION_ARG_DOUBLE, &rate_burst, "Seconds of --rate-limit the bucket holds (default 1)", "S" },
    { "capacity", 0, 0, G_OPTION_ARG_INT, &capacity, "Beyond this many requests in flight the latency grows in proportion (0: never)", "N" },
    { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fail_rate, "Fraction of requests answered 500", "F" },
    { "reset-rate", 0, 0, G_OPTION_ARG_DOUBLE, &reset_rate, "Fraction of connections reset before any byte of the answer (request not processed)", "F" },
    { "drop-rate", 0, 0, G_OPTION_ARG_DOUBLE, &drop_rate, "Fraction of connections closed before the answer is complete", "F" },
    { "malformed-rate", 0, 0, G_OPTION_ARG_DOUBLE, &malformed_rate, "Fraction of answers with a truncated body", "F" },
    { "stale-counts", 0, 0, G_OPTION_ARG_NONE, &stale_counts, "Deleting a file leaves the stores' file_counts stale", NULL },
    { "retry-after-ms", 0, 0, G_OPTION_ARG_NONE, &retry_after_ms, "429s of the limits also carry the millisecond hint retry-after-ms (default: only an integer Retry-After, as the real API)", NULL },
    /* the default now; still accepted */
    { "retry-after-seconds-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &retry_after_seconds_only, NULL, NULL },
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key, "Accept only this bearer key (default: any non-empty key)", "KEY" },
    { "admin-key", 0, 0, G_OPTION_ARG_STRING, &admin_key, "The only bearer key the organization's reports (vector store usage, costs) accept (default: none)", "KEY" },
    { "azure", 0, 0, G_OPTION_ARG_NONE, &azure, "Play an Azure OpenAI resource: the key in the api-key header, paths under /openai/v1; prints the endpoint", NULL },
    { "api-version", 0, 0, G_OPTION_ARG_STRING, &api_version, "With --azure: require this api-version query (a dated one serves under /openai)", "VERSION" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  guint sigint, sigterm;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— a simulated OpenAI Files and Vector Stores API");
  g_option_context_set_summary (context,
                                "Serves a seeded, generated OpenAI account under /v1 on 127.0.0.1.\n"
                                "Point a client at it with OPENAI_BASE_URL=<the printed URL>.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;

  if (port < 0 || port > 65535 || seed < 0 || n_files < 0 || n_stores < 0 ||
      latency_ms < 0 || max_concurrent < 0 || capacity < 0 || rate_limit < 0 ||
      rate_burst < 0.001)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "numbers must not be negative (and the port at most 65535)");
      goto fail;
    }
  if (!check_rate ("fail-rate", fail_rate, &error) ||
      !check_rate ("reset-rate", reset_rate, &error) ||
      !check_rate ("drop-rate", drop_rate, &error) ||
      !check_rate ("malformed-rate", malformed_rate, &error))
    goto fail;
  if (api_version != NULL && (!azure || *api_version == '\0'))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--api-version needs --azure and must not be empty");
      goto fail;
    }
  if (key != NULL && *key == '\0')
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--key must not be empty");
      goto fail;
    }
  if (admin_key != NULL && *admin_key == '\0')
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--admin-key must not be empty");
      goto fail;
    }

  fake = sk_fake_openai_new ();
  g_object_set (fake,
                "api-key", key,
                "admin-key", admin_key,
                "seed", (guint) seed,
                "latency-ms", (guint) latency_ms,
                "max-concurrent", (guint) max_concurrent,
                "capacity", (guint) capacity,
                "rate-limit", rate_limit,
                "rate-burst", rate_burst,
                "fail-rate", fail_rate,
                "reset-rate", reset_rate,
                "drop-rate", drop_rate,
                "malformed-rate", malformed_rate,
                "stale-counts", stale_counts,
                "retry-after-style", retry_after_ms && !retry_after_seconds_only ? "ms+seconds" : "seconds",
                NULL);
  sk_fake_openai_set_azure (fake, azure, api_version);
  sk_fake_openai_generate (fake, seed, n_files, n_stores);

  if (!sk_fake_openai_listen (fake, port, &error))
    goto fail;

  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (azure)
    url = g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (fake));
  else
    url = sk_fake_openai_dup_base_url (fake);
  printf ("%s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  sk_fake_openai_disconnect (fake);
  return EXIT_SUCCESS;

fail:
  g_printerr ("storekeeper-fake-openai: %s\n", error->message);
  return EXIT_FAILURE;
}
