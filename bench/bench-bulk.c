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
 *   bench-bulk --scenario N    run scenario N (1, 2, 2b or 3) in this process
 *
 * Not a test: nothing here fails on timing. The exit status is non-zero
 * only when a result is wrong (a failure in scenario 2, wrong orphans).
 */

#include "sk-bulk-delete.h"
#include "sk-fake-openai.h"
#include "sk-orphan-finder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static guint latency_ms = 20;
#define LATENCY_MS       latency_ms
#define N_DELETE         2000
#define SERVER_LIMIT     16
#define ENGINE_LIMIT     16
#define SEQUENTIAL_SLICE 100
#define RATE_LIMIT       200.0
#define N_STORES         300
#define FILES_PER_STORE  40
#define N_FILES          12000
#define STORE_STRIDE     37       /* store s holds files s*37 .. s*37+39 */

static int finder_limit = 8;
static double rate_burst = 1.0;   /* seconds of RATE_LIMIT the server's bucket holds */

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

/* Scenario 1: 2,000 deletions, 20 ms each, server limit 16 concurrent. */
static int
scenario_1 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b1-", N_DELETE);
  g_auto (GStrv) slice_ids = add_files (fake, "file-b1seq-", SEQUENTIAL_SLICE);
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (SkBulkDelete) sequential = NULL;
  double wall, ideal, seq_wall, seq_extrapolated, seq_ideal, cpu;
  char measured[32], ideal_s[32], ratio[32], label[96];
  guint n_requests;

  g_object_set (fake, "latency-ms", LATENCY_MS, "max-concurrent", SERVER_LIMIT, NULL);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  sk_bulk_delete_set_max_in_flight (job, ENGINE_LIMIT);
  cpu = cpu_seconds ();
  wall = run_delete (job);
  cpu = cpu_seconds () - cpu;
  ideal = N_DELETE * (LATENCY_MS / 1000.0) / SERVER_LIMIT;
  n_requests = sk_fake_openai_count_requests (fake, "DELETE", "/v1/files/file-b1-");

  g_snprintf (label, sizeof label, "1. delete %u files, %u in flight, %u ms", N_DELETE, ENGINE_LIMIT, LATENCY_MS);
  g_snprintf (measured, sizeof measured, "%.2f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal);
  row (label, measured, ideal_s, ratio, "<=1.25x", wall / ideal <= 1.25 ? "met" : "NOT MET");
  printf ("   (ideal = N x latency / %u = %u x %u ms / %u; %u requests, %u answered 429, %u deleted, %u failed;\n"
          "    peak in flight at the server %u; CPU time of the run, client and server in one thread: %.2f s)\n",
          SERVER_LIMIT, N_DELETE, LATENCY_MS, SERVER_LIMIT, n_requests, count_status (fake, 429),
          sk_bulk_delete_get_n_succeeded (job), sk_bulk_delete_get_n_failed (job),
          sk_fake_openai_get_peak_in_flight (fake), cpu);

  /* The same client, strictly sequential, on a slice */
  sequential = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) slice_ids);
  sk_bulk_delete_set_max_in_flight (sequential, 1);
  seq_wall = run_delete (sequential);
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
  row ("   speed-up of 16 in flight over sequential", measured, ideal_s, "", "", "");

  print_memory ("1");

  return sk_bulk_delete_get_n_failed (job) == 0 ? 0 : 1;
}

typedef struct
{
  gint64 start_us;
  guint  count;
  gint64 at_us;
} BurstWatch;

/* Notes when the first @count IDs are done: the fake's bucket starts full,
 * so the rate after that point is the sustained one. */
static void
burst_watch_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  BurstWatch *watch = user_data;

  if (watch->at_us == 0 && sk_bulk_delete_get_n_done (SK_BULK_DELETE (object)) >= watch->count)
    watch->at_us = g_get_monotonic_time ();
}

/* Scenario 2: the same under a rate limit of 200 requests/s (429 +
 * Retry-After). 2b: the 429s carry only an integer Retry-After (seconds,
 * at least 1), as the real OpenAI API sends; 2 adds the fake's
 * non-standard retry-after-ms (a few ms). */
static int
scenario_2 (gboolean seconds_only)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b2-", N_DELETE);
  g_autoptr (SkBulkDelete) job = NULL;
  double wall, rate, burst, ideal_wall, steady_rate;
  BurstWatch watch = { 0, (guint) RATE_LIMIT, 0 };
  char measured[32], ideal_s[32], ratio[32], label[96];
  const char *name = seconds_only ? "2b" : "2";
  guint n_rate_limited = 0;

  g_object_set (fake,
                "latency-ms", LATENCY_MS,
                "max-concurrent", SERVER_LIMIT,
                "rate-limit", RATE_LIMIT,
                "retry-after-style", seconds_only ? "seconds" : "ms+seconds",
                "rate-burst", rate_burst,
                NULL);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids);
  sk_bulk_delete_set_max_in_flight (job, ENGINE_LIMIT);
  g_signal_connect (job, "notify::n-done", G_CALLBACK (burst_watch_cb), &watch);
  watch.start_us = g_get_monotonic_time ();
  wall = run_delete (job);
  rate = sk_bulk_delete_get_n_succeeded (job) / wall;
  steady_rate = (N_DELETE - watch.count) / (wall - (watch.at_us - watch.start_us) / (double) G_USEC_PER_SEC);
  g_object_get (job, "n-rate-limited", &n_rate_limited, NULL);

  /* The fake's token bucket starts full (capacity = rate_burst seconds of
   * tokens, one by default), so the best possible run spends the burst at
   * once and the rest at the rate; it can't beat the latency bound of
   * scenario 1 either. */
  burst = MAX (1.0, RATE_LIMIT * rate_burst);
  watch.count = (guint) burst;
  ideal_wall = MAX ((N_DELETE - burst) / RATE_LIMIT, N_DELETE * (LATENCY_MS / 1000.0) / SERVER_LIMIT);

  if (seconds_only)
    g_snprintf (label, sizeof label, "2b. same, only integer Retry-After (as OpenAI)");
  else
    g_snprintf (label, sizeof label, "2. same, server rate limit %.0f req/s", RATE_LIMIT);
  g_snprintf (measured, sizeof measured, "%.1f req/s", rate);
  g_snprintf (ideal_s, sizeof ideal_s, "%.0f req/s", RATE_LIMIT);
  g_snprintf (ratio, sizeof ratio, "%.0f%%", 100 * rate / RATE_LIMIT);
  row (label, measured, ideal_s, ratio, ">=85%", rate >= 0.85 * RATE_LIMIT ? "met" : "NOT MET");
  g_snprintf (measured, sizeof measured, "%.1f req/s", steady_rate);
  g_snprintf (ideal_s, sizeof ideal_s, "%.0f req/s", RATE_LIMIT);
  g_snprintf (ratio, sizeof ratio, "%.0f%%", 100 * steady_rate / RATE_LIMIT);
  g_snprintf (label, sizeof label, "   steady state (after the first %u done)", watch.count);
  row (label, measured, ideal_s, ratio, ">=85%",
       steady_rate >= 0.85 * RATE_LIMIT ? "met" : "NOT MET");
  g_snprintf (measured, sizeof measured, "%.2f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", ideal_wall);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal_wall);
  g_snprintf (label, sizeof label, "   wall time (ideal: (N - %.0f burst) / %.0f)", burst, RATE_LIMIT);
  row (label, measured, ideal_s, ratio, "", "");
  g_snprintf (measured, sizeof measured, "%u", sk_bulk_delete_get_n_failed (job));
  row ("   failures", measured, "0", "", "0",
       sk_bulk_delete_get_n_failed (job) == 0 ? "met" : "NOT MET");
  printf ("   (%s: %u deleted; %u answered 429 with Retry-After%s, %u rate-limited signals;"
          " rate = deleted / wall time)\n",
          name, sk_bulk_delete_get_n_succeeded (job), count_status (fake, 429),
          seconds_only ? " (seconds only)" : " and retry-after-ms", n_rate_limited);

  print_memory (name);

  return sk_bulk_delete_get_n_failed (job) == 0 &&
         sk_bulk_delete_get_n_succeeded (job) == N_DELETE ? 0 : 1;
}

/* Scenario 3: orphan finder, 300 stores x 40 files, 12,000 files. */
static int
scenario_3 (void)
{
  g_autoptr (SkFakeOpenai) fake = fake_new ();
  g_autoptr (SkClient) client = client_new (fake);
  g_auto (GStrv) ids = add_files (fake, "file-b3-", N_FILES);
  g_autoptr (SkOrphanFinder) finder = sk_orphan_finder_new (client);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint files_page_size, page_size, n_file_pages, n_store_pages, pages_per_store;
  guint expected_orphans = N_FILES - ((N_STORES - 1) * STORE_STRIDE + FILES_PER_STORE);
  guint rounds, ideal_steps, n_requests;
  double wall, ideal, cpu;
  char measured[32], ideal_s[32], ratio[32], label[96];
  gint64 start;
  int status = 0;

  for (guint s = 0; s < N_STORES; s++)
    {
      g_autofree char *store_id = g_strdup_printf ("vs_b3_%04u", s);

      sk_fake_openai_add_vector_store (fake, store_id, "bench", 1700000000 + s);
      for (guint j = 0; j < FILES_PER_STORE; j++)
        sk_fake_openai_attach (fake, store_id, ids[s * STORE_STRIDE + j],
                               j % 10 == 0 ? "failed" : j % 10 == 1 ? "in_progress" : "completed");
    }
  g_object_set (fake, "latency-ms", LATENCY_MS, NULL);
  sk_orphan_finder_set_max_in_flight (finder, finder_limit);

  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  sk_orphan_finder_run_async (finder, NULL, done_cb, &result);
  wait_for (&result);
  wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = cpu_seconds () - cpu;
  if (!sk_orphan_finder_run_finish (finder, result, &error))
    g_error ("orphan finder failed: %s", error->message);

  g_object_get (client, "files-page-size", &files_page_size, "page-size", &page_size, NULL);
  /* 2 purposes of 6,000 files each, listed concurrently */
  n_file_pages = (N_FILES / 2 + files_page_size - 1) / files_page_size;
  n_store_pages = (N_STORES + page_size - 1) / page_size;
  pages_per_store = (FILES_PER_STORE + page_size - 1) / page_size;
  rounds = (N_STORES * pages_per_store + finder_limit - 1) / finder_limit;
  /* The store file lists start as soon as the first page of stores is
   * there: 1 round trip, then ceil(300 x pages per store / limit) rounds of
   * round trips; the file lists run alongside. */
  ideal_steps = MAX (n_file_pages, 1 + rounds);
  ideal = ideal_steps * (LATENCY_MS / 1000.0);
  n_requests = sk_fake_openai_get_requests (fake)->len;

  g_snprintf (label, sizeof label, "3. orphan finder %ux%u, %u files, limit %d",
              N_STORES, FILES_PER_STORE, N_FILES, finder_limit);
  g_snprintf (measured, sizeof measured, "%.2f s", wall);
  g_snprintf (ideal_s, sizeof ideal_s, "%.2f s", ideal);
  g_snprintf (ratio, sizeof ratio, "%.2fx", wall / ideal);
  row (label, measured, ideal_s, ratio, "<=1.5x", wall / ideal <= 1.5 ? "met" : "NOT MET");
  printf ("   (ideal = max(file pages per purpose = %u, 1 store page + ceil(%u stores x %u page / %d)"
          " = 1 + %u) x %u ms = %u x %u ms;\n"
          "    %u requests: %u pages of files, %u pages of stores, %u store file lists;\n"
          "    CPU time of the run, client and server in this one thread: %.2f s)\n",
          n_file_pages, N_STORES, pages_per_store, finder_limit, rounds, LATENCY_MS,
          ideal_steps, LATENCY_MS, n_requests, 2 * n_file_pages, n_store_pages,
          N_STORES * pages_per_store, cpu);

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

  if (sk_orphan_finder_get_orphans (finder)->len != expected_orphans ||
      sk_orphan_finder_get_files (finder)->len != N_FILES ||
      g_hash_table_size (sk_orphan_finder_get_usage (finder)) != N_FILES - expected_orphans)
    {
      printf ("   WRONG RESULT: %u orphans (expected %u)\n",
              sk_orphan_finder_get_orphans (finder)->len, expected_orphans);
      status = 1;
    }
  else
    {
      printf ("   (%u orphans found, as expected)\n", expected_orphans);
    }

  print_memory ("3");
  return status;
}

static int
run_children (const char *self_path)
{
  const char *scenarios[] = { "1", "2", "2b", "3" };
  int status = 0;

  for (guint n = 0; n < G_N_ELEMENTS (scenarios); n++)
    {
      const char *scenario = scenarios[n];
      g_autofree char *limit = g_strdup_printf ("%d", finder_limit);
      g_autofree char *burst = g_strdup_printf ("%g", rate_burst);
      const char *argv[] = { self_path, "--scenario", scenario, "--limit", limit,
                             "--rate-burst", burst, NULL };
      g_autoptr (GError) error = NULL;
      int wait_status = 0;

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
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, "Run only this scenario (1, 2, 2b or 3), in this process", "N" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &finder_limit, "Orphan finder max-in-flight (default 8)", "N" },
    { "latency", 0, 0, G_OPTION_ARG_INT, &latency_ms, "Server latency in ms (default 20)", "MS" },
    { "rate-burst", 0, 0, G_OPTION_ARG_DOUBLE, &rate_burst, "Scenarios 2 and 2b: seconds of the rate the server's bucket holds (default 1)", "S" },
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
    return scenario_2 (FALSE);
  else if (g_str_equal (scenario, "2b"))
    return scenario_2 (TRUE);
  else if (g_str_equal (scenario, "3"))
    return scenario_3 ();

  g_printerr ("no scenario %s\n", scenario);
  return 2;
}
