/* bench-load.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Load on the local API: `storekeeper --serve` as its own process, the
 * simulated account upstream (in this process) with faults (500s, dropped
 * connections), and CONNECTIONS clients keeping a request each in flight
 * for SECONDS, over a mix of every endpoint and some bad inputs. Checks
 * that every answer has a status the contract allows for that request,
 * that the server survives, and that its memory (VmRSS) comes back near
 * its level after a warm-up; prints p50/p99 latency. Loopback only,
 * bounded in time and in requests.
 *
 *   bench-load [--seconds 20] [--connections 200] [--bin PATH] [--max-requests N]
 *
 * Exit status 0 when every check passed.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "sk-fake-openai.h"

typedef enum
{
  KIND_HEALTH,
  KIND_LIST_FILES,
  KIND_LIST_STORES,
  KIND_STORE_FILES,
  KIND_DELETE_FILES,
  KIND_ORPHANS,
  KIND_BAD_ID,
  KIND_UNKNOWN,
  KIND_NO_KEY,
  N_KINDS
} Kind;

static const char *kind_names[] = {
  "GET /health", "GET /files", "GET /vector_stores", "GET /vector_stores/{id}/files",
  "DELETE /files", "GET /files/orphans", "bad ID (422)", "unknown path (404)", "no key (401)",
};

typedef struct
{
  SoupSession  *session;
  char         *base;
  GMainLoop    *loop;
  GArray       *latencies;   /* double ms */
  gint64        deadline;
  guint         max_requests;
  guint         n_started;
  guint         n_in_flight;
  guint         n_done;
  guint         n_violations;
  guint         n_transport_errors;
  guint         counts[N_KINDS];
  GHashTable   *statuses;    /* "kind status" -> count */
  guint         next_file;
  gboolean      measuring;
} Load;

typedef struct
{
  Load   *load;
  Kind    kind;
  gint64  start_us;
} Pending;

static gboolean
status_allowed (Kind  kind,
                guint status)
{
  switch (kind)
    {
    case KIND_HEALTH:
      return status == 200;
    case KIND_BAD_ID:
      return status == 422;
    case KIND_UNKNOWN:
      return status == 404;
    case KIND_NO_KEY:
      return status == 401;
    case KIND_DELETE_FILES:
      /* partial failures are inside a 200 */
      return status == 200;
    case KIND_LIST_FILES:
    case KIND_LIST_STORES:
    case KIND_STORE_FILES:
    case KIND_ORPHANS:
      /* upstream 5xx / dropped after retries: 502, timeouts 504, 429 passed on */
      return status == 200 || status == 502 || status == 504 || status == 429;
    case N_KINDS:
    default:
      return FALSE;
    }
}

static void start_one (Load *load);

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;
  Load *load = pending->load;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  double ms = (g_get_monotonic_time () - pending->start_us) / 1000.0;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  status = error ? 0 : soup_message_get_status (msg);

  if (load->measuring)
    {
      g_autofree char *key = g_strdup_printf ("%s -> %u", kind_names[pending->kind], status);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (load->statuses, key));

      g_hash_table_replace (load->statuses, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
      g_array_append_val (load->latencies, ms);
      load->n_done++;
      load->counts[pending->kind]++;
      if (error != NULL)
        {
          load->n_transport_errors++;
          if (load->n_transport_errors <= 5)
            g_printerr ("transport error on %s: %s\n", kind_names[pending->kind], error->message);
        }
      if (!status_allowed (pending->kind, status))
        load->n_violations++;
    }

  load->n_in_flight--;
  g_free (pending);
  start_one (load);
  if (load->n_in_flight == 0)
    g_main_loop_quit (load->loop);
}

static void
start_one (Load *load)
{
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  const char *method = "GET";
  char *body = NULL;
  Pending *pending;
  guint dice;
  Kind kind;

  if (g_get_monotonic_time () >= load->deadline ||
      (load->max_requests > 0 && load->n_started >= load->max_requests))
    return;

  dice = g_random_int_range (0, 100);
  if (dice < 10)
    kind = KIND_HEALTH;
  else if (dice < 40)
    kind = KIND_LIST_FILES;
  else if (dice < 55)
    kind = KIND_LIST_STORES;
  else if (dice < 70)
    kind = KIND_STORE_FILES;
  else if (dice < 85)
    kind = KIND_DELETE_FILES;
  else if (dice < 88)
    kind = KIND_ORPHANS;
  else if (dice < 93)
    kind = KIND_BAD_ID;
  else if (dice < 97)
    kind = KIND_UNKNOWN;
  else
    kind = KIND_NO_KEY;

  switch (kind)
    {
    case KIND_HEALTH:
      path = g_strdup ("/health");
      break;
    case KIND_LIST_FILES:
      path = g_strdup ("/files?limit=100&order=asc");
      break;
    case KIND_LIST_STORES:
      path = g_strdup ("/vector_stores");
      break;
    case KIND_STORE_FILES:
      path = g_strdup_printf ("/vector_stores/vs_load%03d/files", g_random_int_range (0, 20));
      break;
    case KIND_DELETE_FILES:
      path = g_strdup ("/files");
      method = "DELETE";
      /* IDs of the dataset and unknown ones: both end in one list */
      body = g_strdup_printf ("{\"file_ids\": [\"file-load%05u\", \"file-load%05u\", \"file-none%u\"]}",
                              load->next_file, load->next_file + 1, load->next_file);
      load->next_file += 2;
      break;
    case KIND_ORPHANS:
      path = g_strdup ("/files/orphans");
      break;
    case KIND_BAD_ID:
      path = g_strdup ("/vector_stores/vs%20bad/files");
      break;
    case KIND_UNKNOWN:
      path = g_strdup ("/nothing/here");
      break;
    case KIND_NO_KEY:
    case N_KINDS:
    default:
      path = g_strdup ("/files");
      break;
    }

  url = g_strconcat (load->base, path, NULL);
  msg = soup_message_new (method, url);
  if (kind != KIND_NO_KEY)
    soup_message_headers_append (soup_message_get_request_headers (msg),
                                 "x-openai-api-key", "sk-load-key");
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_take (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  pending = g_new0 (Pending, 1);
  pending->load = load;
  pending->kind = kind;
  pending->start_us = g_get_monotonic_time ();
  load->n_started++;
  load->n_in_flight++;
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, pending);
}

static void
run_phase (Load  *load,
           guint  connections,
           guint  seconds,
           guint  max_requests)
{
  load->deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  load->max_requests = max_requests;
  load->n_started = 0;
  for (guint i = 0; i < connections; i++)
    start_one (load);
  if (load->n_in_flight > 0)
    g_main_loop_run (load->loop);
}

static gint64
vm_rss_kb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  line = strstr (text, "VmRSS:");
  if (line == NULL)
    return -1;

  return g_ascii_strtoll (line + 6, NULL, 10);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
spin (GMainLoop *loop,
      guint      ms)
{
  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

typedef struct
{
  GString *text;
  char     buffer[1024];
  gboolean eof;
} Reader;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      reader->eof = TRUE;
      return;
    }
  g_string_append_len (reader->text, reader->buffer, n);
  g_input_stream_read_async (G_INPUT_STREAM (object), reader->buffer, sizeof reader->buffer,
                             G_PRIORITY_DEFAULT, NULL, read_cb, reader);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, index);
}

int
main (int   argc,
      char *argv[])
{
  int seconds = 20, connections = 200, max_requests = 200000;
  g_autofree char *bin = NULL;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Duration of the measured run", "N" },
    { "connections", 0, 0, G_OPTION_ARG_INT, &connections, "Concurrent connections", "N" },
    { "max-requests", 0, 0, G_OPTION_ARG_INT, &max_requests, "Cap on requests", "N" },
    { "bin", 0, 0, G_OPTION_ARG_FILENAME, &bin, "storekeeper executable", "PATH" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (GRegex) url_re = g_regex_new ("listening on (http://\\S+)", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *fake_url = NULL;
  Reader out = { 0 }, err = { 0 };
  Load load = { 0 };
  GPid pid;
  gint64 rss_start, rss_warm, rss_half = 0, rss_peak = 0, rss_after;
  gint64 t0;
  double elapsed;
  guint n_upstream, n_faults = 0;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (bin == NULL)
    bin = g_strdup (g_getenv ("STOREKEEPER_BIN"));
  if (bin == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (argv[0]);

      bin = g_build_filename (dir, "..", "src", "storekeeper", NULL);
    }

  /* upstream: 5000 files, 20 stores of 10 files, with faults */
  fake = sk_fake_openai_new ();
  g_object_set (fake, "api-key", "sk-load-key", NULL);
  if (!sk_fake_openai_listen (fake, 0, &error))
    {
      g_printerr ("fake: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-load%05u", i);

      sk_fake_openai_add_file (fake, id, "load.txt", i % 3 ? "assistants" : "batch", 100, 1700000000 + i);
    }
  for (guint s = 0; s < 20; s++)
    {
      g_autofree char *vs = g_strdup_printf ("vs_load%03u", s);

      sk_fake_openai_add_vector_store (fake, vs, "load", 1700000000 + s);
      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *id = g_strdup_printf ("file-load%05u", 4000 + s * 10 + i);

          sk_fake_openai_attach (fake, vs, id, "completed");
        }
    }
  fake_url = sk_fake_openai_dup_base_url (fake);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "OPENAI_BASE_URL", fake_url, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPENAI_API_KEY");
  server = g_subprocess_launcher_spawn (launcher, &error, bin, "--serve", "--port", "0", NULL);
  if (server == NULL)
    {
      g_printerr ("cannot start %s: %s\n", bin, error->message);
      return 1;
    }
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server), NULL, 10);

  load.loop = g_main_loop_new (NULL, FALSE);
  out.text = g_string_new (NULL);
  err.text = g_string_new (NULL);
  g_input_stream_read_async (g_subprocess_get_stdout_pipe (server), out.buffer, sizeof out.buffer,
                             G_PRIORITY_DEFAULT, NULL, read_cb, &out);
  g_input_stream_read_async (g_subprocess_get_stderr_pipe (server), err.buffer, sizeof err.buffer,
                             G_PRIORITY_DEFAULT, NULL, read_cb, &err);
  for (guint i = 0; i < 300 && strstr (out.text->str, "Interactive documentation") == NULL; i++)
    spin (load.loop, 50);
  if (!g_regex_match (url_re, out.text->str, 0, &match))
    {
      g_printerr ("the server did not start:\n%s%s\n", out.text->str, err.text->str);
      return 1;
    }
  load.base = g_match_info_fetch (match, 1);

  load.session = soup_session_new_with_options ("max-conns", connections + 10,
                                                "max-conns-per-host", connections + 10,
                                                "timeout", 60, NULL);
  load.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  load.statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  spin (load.loop, 300);
  rss_start = vm_rss_kb (pid);

  /* warm-up without faults: connections, caches and malloc arenas */
  run_phase (&load, connections, 2, 0);
  spin (load.loop, 1000);
  rss_warm = vm_rss_kb (pid);

  /* then a faulted warm-up of 10 s, unmeasured: glibc keeps the peak of a
   * faulted run mapped, and it takes about that long to reach it */
  g_object_set (fake, "seed", 7, "fail-rate", 0.05, "drop-rate", 0.03, "latency-ms", 2, NULL);
  run_phase (&load, connections, 10, 0);
  spin (load.loop, 1000);
  rss_warm = vm_rss_kb (pid);

  /* measured run, with upstream faults, in two halves: memory after the
   * second must be back at its level after the first (a leak shows as
   * growth from one half to the next) */
  sk_fake_openai_reset_log (fake);
  g_object_set (fake, "seed", 42, "fail-rate", 0.05, "drop-rate", 0.03, "latency-ms", 2, NULL);
  load.measuring = TRUE;
  t0 = g_get_monotonic_time ();
  for (guint half = 0; half < 2; half++)
    {
      load.deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC / 2;
      load.max_requests = max_requests / 2;
      load.n_started = 0;
      for (int i = 0; i < connections; i++)
        start_one (&load);
      while (load.n_in_flight > 0)
        {
          gint64 rss;

          spin (load.loop, 500);
          rss = vm_rss_kb (pid);
          rss_peak = MAX (rss_peak, rss);
          if (rss < 0)
            break;
        }
      spin (load.loop, 1000);
      if (half == 0)
        rss_half = vm_rss_kb (pid);
    }
  elapsed = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC - 2.0;
  g_object_set (fake, "fail-rate", 0.0, "drop-rate", 0.0, NULL);

  /* let the server settle, then measure */
  g_object_unref (load.session);
  load.session = NULL;
  spin (load.loop, 2000);
  rss_after = vm_rss_kb (pid);

  {
    const GPtrArray *requests = sk_fake_openai_get_requests (fake);

    n_upstream = requests->len;
    for (guint i = 0; i < requests->len; i++)
      {
        const SkFakeRequest *r = g_ptr_array_index (requests, i);

        n_faults += r->status == 500 || r->status == 0;
      }
  }

  g_array_sort (load.latencies, compare_double);
  g_print ("local API load: %d connections, %.1f s, %u requests (%.0f/s), "
           "%u upstream requests with %u faults injected (5%% 500, 3%% dropped)\n",
           connections, elapsed, load.n_done, load.n_done / elapsed, n_upstream, n_faults);
  g_print ("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
           percentile (load.latencies, 0.50), percentile (load.latencies, 0.90),
           percentile (load.latencies, 0.99), percentile (load.latencies, 1.0));
  {
    g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (load.statuses),
                                          (GCompareFunc) strcmp);

    g_print ("outcomes:\n");
    for (GList *l = keys; l != NULL; l = l->next)
      g_print ("  %-40s %u\n", (char *) l->data,
               GPOINTER_TO_UINT (g_hash_table_lookup (load.statuses, l->data)));
  }
  g_print ("server VmRSS kB: start %" G_GINT64_FORMAT ", after warm-up %" G_GINT64_FORMAT
           ", peak %" G_GINT64_FORMAT ", after first half %" G_GINT64_FORMAT
           ", after run %" G_GINT64_FORMAT "\n",
           rss_start, rss_warm, rss_peak, rss_half, rss_after);

  if (load.n_violations > 0)
    {
      g_print ("FAIL: %u answers with a status the contract does not allow (%u transport errors)\n",
               load.n_violations, load.n_transport_errors);
      ok = FALSE;
    }
  if (rss_after < 0)
    {
      g_print ("FAIL: the server died\n%s\n", err.text->str);
      ok = FALSE;
    }
  /* back at its level after the first half: within 10% or 8 MB */
  else if (rss_after > rss_half + MAX (rss_half / 10, 8 * 1024))
    {
      g_print ("FAIL: memory did not come back (%" G_GINT64_FORMAT " kB after, %" G_GINT64_FORMAT
               " kB after the first half)\n", rss_after, rss_half);
      ok = FALSE;
    }
  if (load.n_done == 0)
    ok = FALSE;

  g_subprocess_send_signal (server, SIGTERM);
  for (guint i = 0; i < 100 && !(out.eof && err.eof); i++)
    spin (load.loop, 50);
  g_subprocess_wait (server, NULL, NULL);
  if (!g_subprocess_get_if_exited (server) || g_subprocess_get_exit_status (server) != 0)
    {
      g_print ("FAIL: the server did not stop cleanly on SIGTERM\n");
      ok = FALSE;
    }

  g_print ("%s\n", ok ? "PASS" : "FAIL");

  g_array_unref (load.latencies);
  g_hash_table_unref (load.statuses);
  g_main_loop_unref (load.loop);
  g_free (load.base);
  g_string_free (out.text, TRUE);
  g_string_free (err.text, TRUE);

  return ok ? 0 : 1;
}
