/* bench-bulk.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Benchmark of the bulk engine and the orphan finder against the simulated
 * account (SkFakeOpenai), in this process, over real HTTP on 127.0.0.1.
 * Every figure is printed next to an ideal computed in the same run.
 *
 *   bench-bulk                 run every scenario, each in a child process
 *                              (so each one's peak RSS is its own)
 *   bench-bulk --scenario N    run scenario N (1, 2, 3, 4, 5 or orphans) in
 *                              this process
 *
 * The engine is left at its defaults (adaptive limit from 8, cap 64) unless
 * a scenario says otherwise. Not a test: nothing here fails on timing. The
 * exit status is non-zero only when a result is wrong (a failed deletion,
 * wrong orphans).
 */

#include "sk-bulk-delete.h"
#include "sk-fake-openai.h"
#include "sk-local-server.h"
#include "sk-orphan-finder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static guint latency_ms = 20;
#define LATENCY_MS       latency_ms
#define N_DELETE         2000
#define N_SMALL          300      /* scenarios 2 and 5 */
#define N_CAPACITY       1000     /* scenario 4, each run */
#define SERVER_LIMIT     16
#define SERVER_CAPACITY  16
#define SEQUENTIAL_SLICE 100
#define RATE_LIMIT       200.0
#define N_STORES         300
#define FILES_PER_STORE  40
#define N_FILES          12000
#define STORE_STRIDE     37       /* store s holds files s*37 .. s*37+39 */

static int finder_limit = 8;
static double rate_burst = 0;     /* scenario 3: seconds of RATE_LIMIT the server's bucket
                                   * holds; 0: 0.1, 0.5 and 1 in turn */

/* Helpers */

static guint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static SkFakeOpenai *
fake_new (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_fake_openai_new ();
  g_autoptr (GError) error = NULL;

  g_object_set (fake, "api-key", "sk-bench-key", NULL);
  if (!sk_fake_openai_listen (fake, 0, &error))
    g_error ("cannot listen: %s", error->message);

  return g_steal_pointer (&fake);
}

static SkClient *
client_new (SkFakeOpenai *fake)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (fake);

  return sk_client_new (url, "sk-bench-key");
}

static char **
add_files (SkFakeOpenai *fake,
           const char   *prefix,
           guint         n)
{
  char **ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      ids[i] = g_strdup_printf ("%s%06u", prefix, i);
      sk_fake_openai_add_file (fake, ids[i], "bench.txt", i % 2 ? "assistants" : "user_data",
                               1000, 1700000000 + i);
    }

  return ids;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Runs one deletion job; returns the wall time in seconds. */
static double
run_delete (SkBulkDelete *job)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double wall;

  sk_bulk_delete_run_async (job, NULL, done_cb, &result);
  wait_for (&result);
  wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (!sk_bulk_delete_run_finish (job, result, &error))
    g_error ("job failed: %s", error->message);

  return wall;
}

static guint
count_status (SkFakeOpenai *fake,
              guint         status)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    n += ((SkFakeRequest *) g_ptr_array_index (requests, i))->status == status;
  return n;
}

static void
row (const char *label,
     const char *measured,
     const char *ideal,
     const char *ratio,
     const char *target,
     const char *verdict)
{
  printf ("%-44s %12s %12s %9s %9s  %s\n", label, measured, ideal, ratio, target, verdict);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
print_memory (const char *scenario)
{
  char label[64], rss[32], hwm[32];

  g_snprintf (label, sizeof label, "%s. memory: VmRSS at end / VmHWM (peak)", scenario);
  g_snprintf (rss, sizeof rss, "%.1f MB", read_status_kb ("VmRSS:") / 1024.0);
  g_snprintf (hwm, sizeof hwm, "%.1f MB", read_status_kb ("VmHWM:") / 1024.0);
  row (label, rss, hwm, "", "", "");
  printf ("   (CPU time used by this process, client and server together: %.2f s)\n", cpu_seconds ());
}

static guint
limit_of (SkBulkDelete *job)
{
  guint limit = 0;

  g_object_get (job, "current-limit", &limit, NULL);
  return limit;
}

/* The highest adaptive limit a job reached. */
static void
peak_limit_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  guint *peak = user_data;

  *peak = MAX (*peak, limit_of (SK_BULK_DELETE (object)));
}

/* The same client, strictly sequential (max-in-flight 1), on @n files. */
static double
run_sequential (SkFakeOpenai *fake,
                SkClient     *client,
                const char   *prefix,
                guint         n)
{
  g_auto (GStrv) ids = add_files (fake, prefix, n);
  g_autoptr (SkBulkDelete) job = NULL;

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  sk_bulk_delete_set_max_in_flight (job, 1);
  return run_delete (job);
}

typedef struct
{
  SkClient *client;
  char    **ids;
  guint     next;
  guint     n_in_flight;
  guint     n_failed;
} FixedWindow;

static void fixed_window_send (FixedWindow *window);

static void
fixed_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FixedWindow *window = user_data;

  if (!sk_client_delete_file_finish (window->client, result, NULL))
    window->n_failed++;
  window->n_in_flight--;
  fixed_window_send (window);
}

static void
fixed_window_send (FixedWindow *window)
{
  if (window->ids[window->next] == NULL)
    return;
  window->n_in_flight++;
  sk_client_delete_file_async (window->client, window->ids[window->next++], NULL,
                               fixed_done_cb, window);
}

/* Deletes @n files keeping exactly @size requests in flight (no
 * adaptation): returns deletions per second. */
static double
run_fixed_window (SkFakeOpenai *fake,
                  SkClient     *client,
                  guint         size,
                  guint         n)
{
  g_autofree char *prefix = g_strdup_printf ("file-b4w%u-", size);
  g_auto (GStrv) ids = add_files (fake, prefix, n);
  FixedWindow window = { client, ids, 0, 0, 0 };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < size; i++)
    fixed_window_send (&window);
  while (window.n_in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  if (window.n_failed > 0)
    g_error ("fixed window %u: %u failed", size, window.n_failed);

  return n / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

/* Scenario 1: 2,000 deletions, 20 ms each, server limit 16 concurrent,
 * engine at its defaults (no hint of 16). */
static int
scenario_1 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b1-", N_DELETE);
  g_autoptr (SkBulkDelete) job = NULL;
  double wall, ideal, seq_wall, seq_extrapolated, seq_ideal, cpu, fixed;
  char measured[32], ideal_s[32], ratio[32], label[96];
  guint n_requests, peak = 0;

  /* the concurrency 429s carry the latency as a millisecond hint: with an
   * integer Retry-After every probe above 16 would stop the client for a
   * whole second, whatever the engine */
  g_object_set (fake, "latency-ms", LATENCY_MS, "max-concurrent", SERVER_LIMIT,
                "retry-after-style", "ms+seconds", NULL);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  g_signal_connect (job, "notify::current-limit", G_CALLBACK (peak_limit_cb), &peak);
  cpu = cpu_seconds ();
  wall = run_delete (job);
  cpu = cpu_seconds () - cpu;
  ideal = N_DELETE * (LATENCY_MS / 1000.0) / SERVER_LIMIT;
  n_requests = sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-b1-");

  g_snprintf (label, sizeof label, "1. delete %u files, server limit %u, %u ms", N_DELETE,
              SERVER_LIMIT, LATENCY_MS);
  g_snprintf (measured, sizeof measured, "%.2f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal);
  row (label, measured, ideal_s, ratio, "<=1.25x", wall / ideal <= 1.25 ? "met" : "NOT MET");
  printf ("   (ideal = N x latency / %u = %u x %u ms / %u; %u requests, %u answered 429, %u deleted, %u failed;\n"
          "    engine defaults: cap %u, highest limit reached %u, final %u; peak in flight at the server %u;\n"
          "    CPU time of the run, client and server in one thread: %.2f s)\n",
          SERVER_LIMIT, N_DELETE, LATENCY_MS, SERVER_LIMIT, n_requests, count_status (fake, 429),
          sk_bulk_delete_get_n_succeeded (job), sk_bulk_delete_get_n_failed (job),
          sk_bulk_delete_get_max_in_flight (job), peak, limit_of (job),
          sk_fake_openai_get_peak_in_flight (fake), cpu);

  /* what the machine gives a window told the server's limit */
  fixed = N_DELETE / run_fixed_window (fake, client, SERVER_LIMIT, N_DELETE);
  g_snprintf (measured, sizeof measured, "%.2f s", fixed);
  g_snprintf (ratio, sizeof ratio, "%.2fx", fixed / ideal);
  row ("   fixed window of 16, same client (no 429)", measured, ideal_s, ratio, "", "");

  seq_wall = run_sequential (fake, client, "file-b1seq-", SEQUENTIAL_SLICE);
  seq_extrapolated = seq_wall * N_DELETE / SEQUENTIAL_SLICE;
  seq_ideal = N_DELETE * (LATENCY_MS / 1000.0);

  g_snprintf (label, sizeof label, "   sequential (%u measured, x%u extrapolated)",
              SEQUENTIAL_SLICE, N_DELETE / SEQUENTIAL_SLICE);
  g_snprintf (measured, sizeof measured, "%.2f s", seq_extrapolated);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", seq_ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", seq_extrapolated / seq_ideal);
  row (label, measured, ideal_s, ratio, "", "");
  g_snprintf (measured, sizeof measured, "%.1fx", seq_extrapolated / wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.1fx", (double) SERVER_LIMIT);
  row ("   speed-up over sequential", measured, ideal_s, "", "", "");

  print_memory ("1");

  return sk_bulk_delete_get_n_failed (job) == 0 ? 0 : 1;
}

/* Scenario 2: 300 deletions, 20 ms, no server limit; the ideal is the cap. */
static int
scenario_2 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b2-", N_SMALL);
  g_autoptr (SkBulkDelete) job = NULL;
  double wall, seq_wall, speed_up, ideal_wall;
  char measured[32], ideal_s[32], ratio[32], label[96];
  guint peak = 0;

  g_object_set (fake, "latency-ms", LATENCY_MS, NULL);

  /* the sequential client first: both runs find open connections */
  seq_wall = run_sequential (fake, client, "file-b2seq-", N_SMALL);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  g_signal_connect (job, "notify::current-limit", G_CALLBACK (peak_limit_cb), &peak);
  wall = run_delete (job);
  speed_up = seq_wall / wall;
  ideal_wall = seq_wall / sk_bulk_delete_get_max_in_flight (job);

  g_snprintf (label, sizeof label, "2. delete %u files, no server limit, %u ms", N_SMALL, LATENCY_MS);
  g_snprintf (measured, sizeof measured, "%.3f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.3f s", ideal_wall);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal_wall);
  row (label, measured, ideal_s, ratio, "", "");
  g_snprintf (label, sizeof label, "   sequential client, same machine");
  g_snprintf (measured, sizeof measured, "%.3f s", seq_wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.3f s", N_SMALL * (LATENCY_MS / 1000.0));
  row (label, measured, ideal_s, "", "", "");
  g_snprintf (measured, sizeof measured, "%.1fx", speed_up);
  g_snprintf (ideal_s, sizeof ideal_s, "%ux", sk_bulk_delete_get_max_in_flight (job));
  row ("   speed-up over sequential", measured, ideal_s, "", ">=20x", speed_up >= 20 ? "met" : "NOT MET");
  printf ("   (ideal = sequential time / cap %u; highest limit reached %u; %u deleted, %u failed)\n",
          sk_bulk_delete_get_max_in_flight (job), peak, sk_bulk_delete_get_n_succeeded (job),
          sk_bulk_delete_get_n_failed (job));

  print_memory ("2");

  return sk_bulk_delete_get_n_failed (job) == 0 ? 0 : 1;
}

/* One job of scenario 3 on @client; returns whether all was deleted. */
static gboolean
run_rate_job (SkFakeOpenai *fake,
              SkClient     *client,
              char        **ids,
              double        burst,
              const char   *which)
{
  g_autoptr (SkBulkDelete) job = NULL;
  double wall, rate, tokens, ideal_wall;
  char measured[32], ideal_s[32], ratio[32], label[96];
  guint n_rate_limited = 0, n_429_before = count_status (fake, 429);
  gboolean ok;

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  wall = run_delete (job);
  rate = sk_bulk_delete_get_n_succeeded (job) / wall;
  g_object_get (job, "n-rate-limited", &n_rate_limited, NULL);

  /* The fake's bucket starts full: the best possible run spends those
   * tokens at once and the rest at the rate. */
  tokens = MAX (1.0, RATE_LIMIT * burst);
  ideal_wall = (N_DELETE - tokens) / RATE_LIMIT;

  g_snprintf (label, sizeof label, "3. %.0f/s, integer Retry-After, burst %.1f s, %s",
              RATE_LIMIT, burst, which);
  g_snprintf (measured, sizeof measured, "%.1f req/s", rate);
  g_snprintf (ideal_s, sizeof ideal_s, "%.0f req/s", RATE_LIMIT);
  g_snprintf (ratio, sizeof ratio, "%.0f%%", 100 * rate / RATE_LIMIT);
  ok = rate >= 0.9 * RATE_LIMIT && sk_bulk_delete_get_n_failed (job) == 0;
  row (label, measured, ideal_s, ratio, ">=90%", ok ? "met" : "NOT MET");
  g_snprintf (measured, sizeof measured, "%.2f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", ideal_wall);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal_wall);
  g_snprintf (label, sizeof label, "   wall time (ideal: (N - %.0f in the bucket) / %.0f)",
              tokens, RATE_LIMIT);
  row (label, measured, ideal_s, ratio, "", "");
  printf ("   (%u deleted, %u failed; %u answered 429, %u rate-limited signals;"
          " rate = deleted / wall time)\n",
          sk_bulk_delete_get_n_succeeded (job), sk_bulk_delete_get_n_failed (job),
          count_status (fake, 429) - n_429_before, n_rate_limited);

  return sk_bulk_delete_get_n_failed (job) == 0 &&
         sk_bulk_delete_get_n_succeeded (job) == N_DELETE;
}

static gboolean
wait_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Scenario 3: a rate limit of 200 requests/s whose 429s carry only an
 * integer Retry-After (seconds, at least 1), as the real API, with a
 * bucket of @burst seconds. Two jobs of 2,000 on the same client: cold
 * (a fresh client) and warm (the rate the first one learned is the
 * client's). */
static int
scenario_3 (double burst)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b3-", N_DELETE);
  g_auto (GStrv) warm_ids = add_files (fake, "file-b3w-", N_DELETE);
  gboolean cold_ok, warm_ok, waited = FALSE;
  double rate = 0, capacity = 0;

  g_object_set (fake,
                "latency-ms", LATENCY_MS,
                "rate-limit", RATE_LIMIT,
                "retry-after-style", "seconds",
                "rate-burst", burst,
                NULL);

  cold_ok = run_rate_job (fake, client, ids, burst, "cold");
  if (sk_rate_gate_get_learned_rate (sk_client_get_rate_gate (client), g_get_monotonic_time (),
                                     &rate, &capacity))
    printf ("   (learned: %.1f requests/s, a bucket of %.0f)\n", rate, capacity);
  else
    printf ("   (no rate learned)\n");

  /* the server's bucket refills, as between two batches of a user */
  g_timeout_add ((guint) (MAX (burst, 0.1) * 1000) + 100, wait_done_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);

  warm_ok = run_rate_job (fake, client, warm_ids, burst, "warm");

  return cold_ok && warm_ok ? 0 : 1;
}

/* Scenario 4: a server whose latency grows past 16 in flight; the engine
 * against the best fixed window of a sweep 4..64. */
static int
scenario_4 (void)
{
  static const guint sizes[] = { 4, 8, 16, 24, 32, 48, 64 };
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  double best = 0, rate, wall;
  guint best_size = 0, peak = 0;
  char measured[32], ideal_s[32], ratio[32], label[96];

  g_object_set (fake, "latency-ms", LATENCY_MS, "capacity", SERVER_CAPACITY, NULL);

  printf ("   (sweep of fixed windows, %u deletions each:", N_CAPACITY);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double r = run_fixed_window (fake, client, sizes[i], N_CAPACITY);

      printf (" %u: %.0f/s%s", sizes[i], r, i + 1 < G_N_ELEMENTS (sizes) ? "," : ")\n");
      if (r > best)
        {
          best = r;
          best_size = sizes[i];
        }
    }

  ids = add_files (fake, "file-b4-", N_CAPACITY);
  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  g_signal_connect (job, "notify::current-limit", G_CALLBACK (peak_limit_cb), &peak);
  wall = run_delete (job);
  rate = sk_bulk_delete_get_n_succeeded (job) / wall;

  g_snprintf (label, sizeof label, "4. capacity %u, %u ms: engine vs best fixed window",
              SERVER_CAPACITY, LATENCY_MS);
  g_snprintf (measured, sizeof measured, "%.0f req/s", rate);
  g_snprintf (ideal_s, sizeof ideal_s, "%.0f req/s", best);
  g_snprintf (ratio, sizeof ratio, "%.0f%%", 100 * rate / best);
  row (label, measured, ideal_s, ratio, ">=85%", rate >= 0.85 * best ? "met" : "NOT MET");
  printf ("   (best fixed window %u; server bound %u / %u ms = %.0f req/s; engine: highest limit %u,"
          " final %u; peak in flight at the server %u; %u failed)\n",
          best_size, SERVER_CAPACITY, LATENCY_MS, SERVER_CAPACITY * 1000.0 / LATENCY_MS, peak,
          limit_of (job), sk_fake_openai_get_peak_in_flight (fake),
          sk_bulk_delete_get_n_failed (job));

  return sk_bulk_delete_get_n_failed (job) == 0 ? 0 : 1;
}

static void
stopped_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *stopped = user_data;

  sk_local_server_stop_finish (SK_LOCAL_SERVER (source), result, NULL);
  *stopped = TRUE;
}

/* One DELETE /files of @ids through the local API; returns the wall time. */
static double
local_delete (SoupSession *session,
              const char  *base,
              char       **ids)
{
  g_autofree char *url = g_strconcat (base, "/files", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("DELETE", url);
  g_autoptr (GString) body = g_string_new ("{\"file_ids\": [");
  g_autoptr (GBytes) request = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  for (guint i = 0; ids[i] != NULL; i++)
    g_string_append_printf (body, "%s\"%s\"", i ? "," : "", ids[i]);
  g_string_append (body, "]}");
  request = g_bytes_new (body->str, body->len);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-openai-api-key",
                                "sk-bench-key");
  soup_message_set_request_body_from_bytes (msg, "application/json", request);

  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  wait_for (&result);
  reply = soup_session_send_and_read_finish (session, result, &error);
  if (reply == NULL || soup_message_get_status (msg) != 200)
    g_error ("DELETE /files: %s %u", error ? error->message : "", soup_message_get_status (msg));

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Scenario 5: the local API's DELETE /files of 300 IDs under scenario 2,
 * end to end through HTTP, against the engine called directly. */
static int
scenario_5 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_autoptr (SkLocalServer) server = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_auto (GStrv) direct_ids = add_files (fake, "file-b5d-", N_SMALL);
  g_auto (GStrv) local_ids = add_files (fake, "file-b5l-", N_SMALL);
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *upstream = sk_fake_openai_dup_base_url (fake);
  g_autofree char *base = NULL;
  double seq_wall, direct_wall, local_wall;
  char measured[32], ideal_s[32], ratio[32], label[96];
  gboolean stopped = FALSE;
  guint n_left;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_object_set (fake, "latency-ms", LATENCY_MS, NULL);

  server = g_object_new (SK_TYPE_LOCAL_SERVER, "port", 0, "upstream-url", upstream, NULL);
  if (!sk_local_server_start (server, &error))
    g_error ("local server: %s", error->message);
  base = sk_local_server_dup_url (server);

  seq_wall = run_sequential (fake, client, "file-b5s-", N_SMALL);
  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) direct_ids);
  direct_wall = run_delete (job);
  local_wall = local_delete (session, base, local_ids);
  n_left = 0;
  for (guint i = 0; local_ids[i] != NULL; i++)
    n_left += sk_fake_openai_has_file (fake, local_ids[i]);

  g_snprintf (label, sizeof label, "5. local API DELETE /files, %u IDs, %u ms", N_SMALL, LATENCY_MS);
  g_snprintf (measured, sizeof measured, "%.3f s", local_wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.3f s", direct_wall);
  g_snprintf (ratio, sizeof ratio, "%.2fx", local_wall / direct_wall);
  row (label, measured, ideal_s, ratio, "", "");
  g_snprintf (measured, sizeof measured, "%.1fx", seq_wall / local_wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.1fx", seq_wall / direct_wall);
  row ("   speed-up over sequential (engine direct)", measured, ideal_s, "", ">=20x",
       seq_wall / local_wall >= 20 ? "met" : "NOT MET");
  printf ("   (ideal = the engine called directly, same run; sequential %.3f s; local API cap %u;"
          " %u of the local API's IDs left on the server)\n",
          seq_wall, sk_bulk_delete_get_max_in_flight (job), n_left);

  sk_local_server_stop_async (server, NULL, stopped_cb, &stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);

  return n_left == 0 && sk_bulk_delete_get_n_failed (job) == 0 ? 0 : 1;
}

/* The orphan finder: one run, with its figures. */
typedef struct
{
  double wall;              /* s */
  double cpu;               /* s, every thread of the process */
  double main_cpu;          /* s, the main thread: client and server */
  guint  n_requests;
  guint  peak_in_flight;    /* at the server, every list together */
  gboolean right;           /* the orphans and the usage are right */
} OrphansRun;

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static OrphansRun
orphans_run (SkFakeOpenai   *fake,
             SkOrphanFinder *finder,
             guint           expected_orphans)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  OrphansRun run = { 0 };
  double cpu, main_cpu;
  gint64 start;

  sk_fake_openai_reset_log (fake);
  cpu = cpu_seconds ();
  main_cpu = thread_cpu_seconds ();
  start = g_get_monotonic_time ();
  sk_orphan_finder_run_async (finder, NULL, done_cb, &result);
  wait_for (&result);
  run.wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  run.cpu = cpu_seconds () - cpu;
  run.main_cpu = thread_cpu_seconds () - main_cpu;
  if (!sk_orphan_finder_run_finish (finder, result, &error))
    g_error ("orphan finder failed: %s", error->message);

  run.n_requests = sk_fake_openai_get_requests (fake)->len;
  run.peak_in_flight = sk_fake_openai_get_peak_in_flight (fake);
  run.right = sk_orphan_finder_get_orphans (finder)->len == expected_orphans &&
              sk_orphan_finder_get_files (finder)->len == N_FILES &&
              g_hash_table_size (sk_orphan_finder_get_usage (finder)) == N_FILES - expected_orphans;

  if (g_getenv ("BENCH_TRACE") != NULL)
    {
      const GPtrArray *requests = sk_fake_openai_get_requests (fake);

      for (guint i = 0; i < requests->len; i++)
        {
          const SkFakeRequest *request = g_ptr_array_index (requests, i);

          printf ("%8.1f ms %s %s %u\n", (request->time_us - start) / 1000.0, request->method,
                  request->path, request->status);
        }
    }

  return run;
}

/* Round trips of the store file lists, none of CPU time: the first page of
 * stores comes after one; each list takes one, started as soon as its
 * store is known and the limit lets it; a new page of stores comes every
 * round trip. Adaptive, the limit starts at 8 and grows by one per list
 * ended (slow start: it doubles every round trip) up to @cap. */
static guint
orphans_ideal_steps (guint    n_lists,
                     guint    lists_per_page,
                     guint    cap,
                     gboolean adaptive)
{
  guint limit = adaptive ? MIN (8, cap) : cap;
  guint known = MIN (n_lists, lists_per_page);
  guint started = 0;
  guint step = 1;

  while (started < n_lists)
    {
      guint n = MIN (limit, known - started);

      started += n;
      step++;
      if (adaptive)
        limit = MIN (cap, limit + n);
      known = MIN (n_lists, known + lists_per_page);
    }

  return step;
}

/* The orphan finder, 300 stores x 40 files, 12,000 files: at its defaults
 * (adaptive, cap 64), then with a fixed limit (--limit, default 8: what it
 * was), on the same account and client. */
static int
scenario_orphans (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b3-", N_FILES);
  g_autoptr (SkOrphanFinder) adaptive = sk_orphan_finder_new (client);
  g_autoptr (SkOrphanFinder) fixed = sk_orphan_finder_new (client);
  guint files_page_size, page_size, n_file_pages, n_store_pages, pages_per_store;
  guint expected_orphans = N_FILES - ((N_STORES - 1) * STORE_STRIDE + FILES_PER_STORE);
  guint cap, fixed_steps, adaptive_steps;
  double fixed_ideal, adaptive_ideal;
  char measured[32], ideal_s[32], ratio[32], label[96];
  OrphansRun a, f;

  for (guint s = 0; s < N_STORES; s++)
    {
      g_autofree char *store_id = g_strdup_printf ("vs_b3_%04u", s);

      sk_fake_openai_add_vector_store (fake, store_id, "bench", 1700000000 + s);
      for (guint j = 0; j < FILES_PER_STORE; j++)
        sk_fake_openai_attach (fake, store_id, ids[s * STORE_STRIDE + j],
                               j % 10 == 0 ? "failed" : j % 10 == 1 ? "in_progress" : "completed");
    }
  g_object_set (fake, "latency-ms", LATENCY_MS, NULL);
  g_object_set (fixed, "adaptive", FALSE, "max-in-flight", finder_limit, NULL);
  g_object_get (adaptive, "max-in-flight", &cap, NULL);

  if (g_getenv ("BENCH_TRACE") != NULL)
    printf ("adaptive run, cap %u:\n", cap);
  a = orphans_run (fake, adaptive, expected_orphans);
  /* its results (files, entries) are not kept through the second run */
  g_clear_object (&adaptive);
  if (g_getenv ("BENCH_TRACE") != NULL)
    printf ("fixed run, %d in flight:\n", finder_limit);
  f = orphans_run (fake, fixed, expected_orphans);

  g_object_get (client, "files-page-size", &files_page_size, "page-size", &page_size, NULL);
  /* 2 purposes of 6,000 files each, listed concurrently */
  n_file_pages = (N_FILES / 2 + files_page_size - 1) / files_page_size;
  n_store_pages = (N_STORES + page_size - 1) / page_size;
  pages_per_store = (FILES_PER_STORE + page_size - 1) / page_size;
  /* the file lists run alongside the store lists */
  fixed_steps = MAX (n_file_pages, orphans_ideal_steps (N_STORES * pages_per_store,
                                                        page_size * pages_per_store,
                                                        finder_limit, FALSE));
  adaptive_steps = MAX (n_file_pages, orphans_ideal_steps (N_STORES * pages_per_store,
                                                           page_size * pages_per_store,
                                                           cap, TRUE));
  fixed_ideal = fixed_steps * (LATENCY_MS / 1000.0);
  adaptive_ideal = adaptive_steps * (LATENCY_MS / 1000.0);

  g_snprintf (label, sizeof label, "orphans: finder %ux%u, %u files, adaptive",
              N_STORES, FILES_PER_STORE, N_FILES);
  g_snprintf (measured, sizeof measured, "%.2f s", a.wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", fixed_ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", a.wall / fixed_ideal);
  row (label, measured, ideal_s, ratio, "<=1.5x", a.wall / fixed_ideal <= 1.5 ? "met" : "NOT MET");
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", adaptive_ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", a.wall / adaptive_ideal);
  g_snprintf (label, sizeof label, "   against its own round trips (cap %u)", cap);
  row (label, "", ideal_s, ratio, "", "");
  g_snprintf (label, sizeof label, "   fixed limit %d, same run", finder_limit);
  g_snprintf (measured, sizeof measured, "%.2f s", f.wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", fixed_ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", f.wall / fixed_ideal);
  row (label, measured, ideal_s, ratio, "<=1.5x", f.wall / fixed_ideal <= 1.5 ? "met" : "NOT MET");
  g_snprintf (measured, sizeof measured, "%.1fx", f.wall / a.wall);
  row ("   speed-up of adaptive over fixed", measured, "", "", "", "");
  printf ("   (ideal, round trips only = max(file pages per purpose = %u, 1 store page + rounds of\n"
          "    %u store lists of %u page(s), a page of %u stores per round trip)) x %u ms:\n"
          "    fixed %d: %u x %u ms; adaptive from 8 up to %u: %u x %u ms;\n"
          "    adaptive: %u requests (%u pages of files, %u pages of stores, %u store file lists),\n"
          "    at most %u in flight at the server; CPU time %.2f s, of which the main thread\n"
          "    (client and simulated server) %.2f s;\n"
          "    fixed: %u requests, at most %u in flight; CPU time %.2f s, main thread %.2f s)\n",
          n_file_pages, N_STORES * pages_per_store, pages_per_store, page_size, LATENCY_MS,
          finder_limit, fixed_steps, LATENCY_MS, cap, adaptive_steps, LATENCY_MS,
          a.n_requests, 2 * n_file_pages, n_store_pages, N_STORES * pages_per_store,
          a.peak_in_flight, a.cpu, a.main_cpu,
          f.n_requests, f.peak_in_flight, f.cpu, f.main_cpu);

  if (!a.right || !f.right)
    printf ("   WRONG RESULT: not %u orphans (adaptive %s, fixed %s)\n", expected_orphans,
            a.right ? "right" : "wrong", f.right ? "right" : "wrong");
  else
    printf ("   (%u orphans found, as expected, by both)\n", expected_orphans);

  print_memory ("orphans");
  return a.right && f.right ? 0 : 1;
}

static int
run_children (const char *self_path)
{
  const char *scenarios[] = { "1", "2", "3", "3", "3", "4", "5", "orphans" };
  const double bursts[] = { 0, 0, 0.1, 0.5, 1, 0, 0, 0 };
  int status = 0;

  for (guint n = 0; n < G_N_ELEMENTS (scenarios); n++)
    {
      const char *scenario = scenarios[n];
      g_autofree char *limit = g_strdup_printf ("%d", finder_limit);
      g_autofree char *burst = g_strdup_printf ("%g", rate_burst > 0 ? rate_burst : bursts[n]);
      const char *argv[] = { self_path, "--scenario", scenario, "--limit", limit,
                             "--rate-burst", burst, NULL };
      g_autoptr (GError) error = NULL;
      int wait_status = 0;

      /* with --rate-burst, scenario 3 runs once */
      if (rate_burst > 0 && n > 0 && g_str_equal (scenario, scenarios[n - 1]))
        continue;
      fflush (stdout);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                         NULL, NULL, NULL, NULL, &wait_status, &error))
        g_error ("cannot run scenario %s: %s", scenario, error->message);
      if (!g_spawn_check_wait_status (wait_status, NULL))
        status = 1;
    }

  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *scenario = NULL;
  GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, "Run only this scenario (1, 2, 3, 4, 5 or orphans), in this process", "N" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &finder_limit, "Orphan finder max-in-flight (default 8)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Server latency in ms (default 20)", "MS" },
    { "rate-burst", 0, 0, G_OPTION_ARG_DOUBLE, &rate_burst, "Scenario 3: seconds of the rate the server's bucket holds (default: 0.1, 0.5 and 1 in turn; alone: 1)", "S" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- benchmark of the bulk engine");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* Keep the environment from pointing the client anywhere else. */
  g_unsetenv ("OPENAI_BASE_URL");

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (scenario == NULL)
    {
      printf ("Storekeeper bulk benchmark: simulated account on 127.0.0.1, same process and thread\n"
              "as the client; each scenario runs in its own child process.\n\n");
      row ("Scenario", "Measured", "Ideal", "Ratio", "Target", "Verdict");
      row ("--------", "--------", "-----", "-----", "------", "-------");
      {
        g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

        return run_children (self_path ? self_path : argv[0]);
      }
    }
  else if (g_str_equal (scenario, "1"))
    return scenario_1 ();
  else if (g_str_equal (scenario, "2"))
    return scenario_2 ();
  else if (g_str_equal (scenario, "3"))
    return scenario_3 (rate_burst > 0 ? rate_burst : 1.0);
  else if (g_str_equal (scenario, "4"))
    return scenario_4 ();
  else if (g_str_equal (scenario, "5"))
    return scenario_5 ();
  else if (g_str_equal (scenario, "orphans"))
    return scenario_orphans ();

  g_printerr ("no scenario %s\n", scenario);
  return 2;
}
