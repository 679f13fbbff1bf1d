/* bench-local-api.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the local API adds on top of the engine, against the simulated
 * account (all in this process, one main context):
 *   GET /vector_stores      through the local API vs SkClient directly
 *   DELETE /files, 500 IDs  through the local API vs SkBulkDelete directly
 * Targets: < 1 ms added at p50 for the list; bulk delete within 1.25x.
 *
 * Usage: bench-local-api [LIST_ROUNDS [DELETE_ROUNDS]]
 */

#include <stdlib.h>
#include <string.h>

#include "sk-bulk-delete.h"
#include "sk-fake-openai.h"
#include "sk-local-server.h"

#define KEY "sk-bench"
#define N_STORES 60
#define N_DELETE 500

static GAsyncResult *pending;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  pending = g_object_ref (result);
}

static GAsyncResult *
wait_result (void)
{
  while (pending == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&pending);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_double);
  index = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, index);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static SoupMessage *
local_message (const char *base,
               const char *method,
               const char *path,
               const char *body)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "x-openai-api-key", KEY);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static double
local_call (SoupSession *session,
            const char  *base,
            const char  *method,
            const char  *path,
            const char  *body)
{
  g_autoptr (SoupMessage) msg = local_message (base, method, path, body);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result, NULL);
  result = wait_result ();
  bytes = soup_session_send_and_read_finish (session, result, &error);
  if (error != NULL || soup_message_get_status (msg) != 200)
    g_error ("%s %s: %s %u", method, path, error ? error->message : "", soup_message_get_status (msg));

  return seconds_since (start);
}

static double
direct_list (SkClient *client)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  sk_client_list_vector_stores_async (client, NULL, NULL, NULL, NULL, NULL, store_result, NULL);
  result = wait_result ();
  stores = sk_client_list_vector_stores_finish (client, result, &error);
  if (stores == NULL)
    g_error ("list: %s", error->message);

  return seconds_since (start);
}

static GPtrArray *
add_files (SkFakeOpenai *fake,
           guint         round)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_DELETE; i++)
    {
      char *id = g_strdup_printf ("file-r%uf%04u", round, i);

      sk_fake_openai_add_file (fake, id, "doc.txt", "assistants", 100, 1700000000 + i);
      g_ptr_array_add (ids, id);
    }
  return ids;
}

static double
direct_delete (SkClient  *client,
               GPtrArray *ids,
               guint      max_in_flight)
{
  g_autoptr (SkBulkDelete) job = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  g_ptr_array_add (ids, NULL);
  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, (const char * const *) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
  sk_bulk_delete_set_max_in_flight (job, max_in_flight);

  start = g_get_monotonic_time ();
  sk_bulk_delete_run_async (job, NULL, store_result, NULL);
  result = wait_result ();
  if (!sk_bulk_delete_run_finish (job, result, &error))
    g_error ("bulk: %s", error->message);
  if (sk_bulk_delete_get_n_succeeded (job) != N_DELETE)
    g_error ("bulk: %u deleted", sk_bulk_delete_get_n_succeeded (job));

  return seconds_since (start);
}

static char *
delete_body (GPtrArray *ids)
{
  GString *body = g_string_new ("{\"file_ids\": [");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (body, "%s\"%s\"", i ? "," : "", (char *) g_ptr_array_index (ids, i));
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

static void
report (const char *name,
        GArray     *samples,
        double      total)
{
  g_print ("  %-34s n=%-4u  %8.1f req/s   p50 %7.3f ms   p99 %7.3f ms\n", name, samples->len,
           samples->len / total, percentile (samples, 0.5) * 1000, percentile (samples, 0.99) * 1000);
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

int
main (int    argc,
      char **argv)
{
  guint list_rounds = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  guint delete_rounds = argc > 2 ? (guint) atoi (argv[2]) : 7;
  guint max_in_flight = 8;
  g_autoptr (SkFakeOpenai) fake = sk_fake_openai_new ();
  g_autoptr (SkLocalServer) server = NULL;
  g_autoptr (SkClient) client = NULL;
  g_autoptr (SoupSession) direct_session = NULL;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 8, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) local_list = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) direct_list_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) local_delete = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) direct_delete_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *upstream = NULL;
  g_autofree char *base = NULL;
  double local_total = 0, direct_total = 0, p50_local, p50_direct, d_local, d_direct;
  gboolean stopped = FALSE;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  for (guint i = 0; i < N_STORES; i++)
    {
      g_autofree char *id = g_strdup_printf ("vs_bench%04u", i);

      sk_fake_openai_add_vector_store (fake, id, "bench", 1700000000 + i);
    }
  if (!sk_fake_openai_listen (fake, 0, &error))
    g_error ("fake: %s", error->message);
  upstream = sk_fake_openai_dup_base_url (fake);

  server = g_object_new (SK_TYPE_LOCAL_SERVER, "port", 0, "upstream-url", upstream,
                         "max-in-flight", max_in_flight, NULL);
  if (!sk_local_server_start (server, &error))
    g_error ("server: %s", error->message);
  base = sk_local_server_dup_url (server);

  /* the direct client shares the server's connection settings */
  direct_session = soup_session_new_with_options ("max-conns", 256, "max-conns-per-host", 128,
                                                  NULL);
  client = g_object_new (SK_TYPE_CLIENT, "base-url", upstream, "api-key", KEY,
                         "session", direct_session, NULL);

  g_print ("bench-local-api: simulated account on 127.0.0.1, %u vector stores, %u IDs per delete,"
           " max-in-flight %u\n", N_STORES, N_DELETE, max_in_flight);

  /* warm-up: connections open on both sides */
  for (guint i = 0; i < 20; i++)
    {
      local_call (session, base, "GET", "/vector_stores", NULL);
      direct_list (client);
    }

  for (guint i = 0; i < list_rounds; i++)
    {
      double d;

      d = local_call (session, base, "GET", "/vector_stores", NULL);
      g_array_append_val (local_list, d);
      local_total += d;
      d = direct_list (client);
      g_array_append_val (direct_list_s, d);
      direct_total += d;
    }

  g_print ("GET /vector_stores (%u stores, one upstream page)\n", N_STORES);
  report ("direct (SkClient)", direct_list_s, direct_total);
  report ("local API", local_list, local_total);
  p50_local = percentile (local_list, 0.5);
  p50_direct = percentile (direct_list_s, 0.5);
  g_print ("  added at p50: %.3f ms (target < 1 ms): %s\n", (p50_local - p50_direct) * 1000,
           (p50_local - p50_direct) * 1000 < 1.0 ? "met" : "NOT MET");

  local_total = direct_total = 0;
  for (guint round = 0; round < delete_rounds; round++)
    {
      g_autoptr (GPtrArray) a = add_files (fake, 2 * round);
      g_autoptr (GPtrArray) b = add_files (fake, 2 * round + 1);
      g_autofree char *body = delete_body (b);
      double d;

      d = direct_delete (client, a, max_in_flight);
      g_array_append_val (direct_delete_s, d);
      direct_total += d;
      d = local_call (session, base, "DELETE", "/files", body);
      g_array_append_val (local_delete, d);
      local_total += d;
    }

  g_print ("DELETE /files with %u IDs\n", N_DELETE);
  report ("direct (SkBulkDelete)", direct_delete_s, direct_total);
  report ("local API", local_delete, local_total);
  d_local = percentile (local_delete, 0.5);
  d_direct = percentile (direct_delete_s, 0.5);
  g_print ("  ratio at p50: %.3fx (target <= 1.25x): %s\n", d_local / d_direct,
           d_local / d_direct <= 1.25 ? "met" : "NOT MET");

  sk_local_server_stop_async (server, NULL, stopped_cb, &stopped);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
