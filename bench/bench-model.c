/* bench-model.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model side of the Files page at 100,000 files: from response bytes
 * (10 page bodies of 10,000 files, the size /v1/files pages have) to a
 * filled, filtered and sorted model, as the window builds it; then the same
 * through SkPagedList against the simulated account on loopback; and the
 * process RSS. Targets: under 1 s, under 250 MB.
 *
 * Then the longest main-loop stall while the window's model fills: a
 * high-priority 1 ms timer records the longest gap between two of its
 * runs, first with every page parsed and appended on the main thread (as
 * before), then through SkPagedList (pages parsed in a worker, appended in
 * slices) against the simulated account served from its own thread.
 * Target: under 50 ms.
 *
 *   bench-model [N_FILES]      (default 100000)
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <time.h>

#include "sk-fake-openai.h"
#include "sk-file.h"
#include "sk-paged-list.h"

#define PAGE_SIZE 10000

static const char *purposes[] = { "assistants", "batch", "user_data", "vision", "fine-tune" };

static GBytes *
make_page (guint first,
           guint n,
           gboolean has_more)
{
  GString *s = g_string_sized_new (n * 200);

  g_string_append (s, "{\"object\":\"list\",\"data\":[");
  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        g_string_append_c (s, ',');
      g_string_append_printf (s,
        "{\"id\":\"file-%024x\",\"object\":\"file\",\"bytes\":%u,\"created_at\":%u,"
        "\"expires_at\":null,\"filename\":\"document-%u-%x.pdf\",\"purpose\":\"%s\","
        "\"status\":\"processed\",\"status_details\":null}",
        (i * 2654435761u) ^ i, (i * 7919u) % 50000000u, 1700000000u - i,
        i, g_int_hash (&i), purposes[i % G_N_ELEMENTS (purposes)]);
    }
  g_string_append_printf (s, "],\"first_id\":null,\"last_id\":null,\"has_more\":%s}",
                          has_more ? "true" : "false");
  return g_string_free_to_bytes (s);
}

static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  if (p == NULL)
    return -1;
  return g_ascii_strtoll (p + strlen (field) + 1, NULL, 10);
}

static gboolean
pass_all (gpointer item,
          gpointer data)
{
  return TRUE;
}

static gboolean
paged_list_done (SkPagedList *list)
{
  return !sk_paged_list_get_loading (list);
}

/* CPU time of the calling thread */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  gint64 last_us;
  gint64 max_gap_us;
} Stall;

/* Records the longest gap between two runs */
static gboolean
stall_tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last_us != 0)
    stall->max_gap_us = MAX (stall->max_gap_us, now - stall->last_us);
  stall->last_us = now;

  return G_SOURCE_CONTINUE;
}

static guint
stall_watch (Stall *stall)
{
  stall->last_us = 0;
  stall->max_gap_us = 0;
  return g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, stall, NULL);
}

/* The simulated account, served from a thread of its own so that its
 * answers do not count as stalls of the main loop */
typedef struct
{
  guint         n_files;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *url;
  GMutex        mutex;
  GCond         cond;
} Server;

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (server->context);
  fake = sk_fake_openai_new ();
  if (!sk_fake_openai_listen (fake, 0, &error))
    g_error ("%s", error->message);
  sk_fake_openai_generate (fake, 42, server->n_files, 10);

  g_mutex_lock (&server->mutex);
  server->url = sk_fake_openai_dup_base_url (fake);
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);
  sk_fake_openai_disconnect (fake);
  g_clear_object (&fake);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static void
server_start (Server *server,
              guint   n_files)
{
  server->n_files = n_files;
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->thread = g_thread_new ("bench-server", server_thread, server);

  g_mutex_lock (&server->mutex);
  while (server->url == NULL)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);
}

static void
server_stop (Server *server)
{
  g_main_loop_quit (server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
  g_free (server->url);
}

int
main (int   argc,
      char *argv[])
{
  guint n_files = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  guint n_pages = (n_files + PAGE_SIZE - 1) / PAGE_SIZE;
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GListStore) store = NULL;
  g_autoptr (GtkFilterListModel) filtered = NULL;
  g_autoptr (GtkSortListModel) sorted = NULL;
  gint64 start, parsed, done;
  gint64 rss_before;
  gint64 old_stall_us = 0;

  for (guint p = 0; p < n_pages; p++)
    {
      guint n = MIN (PAGE_SIZE, n_files - p * PAGE_SIZE);

      g_ptr_array_add (bodies, make_page (p * PAGE_SIZE, n, p + 1 < n_pages));
    }
  rss_before = status_kb ("VmRSS:");

  /* 1. bytes -> SkFile -> store -> filter -> sort (by created, then filename) */
  store = g_list_store_new (SK_TYPE_FILE);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                        GTK_FILTER (gtk_custom_filter_new (pass_all, NULL, NULL)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                    GTK_SORTER (gtk_numeric_sorter_new (
                                      gtk_property_expression_new (SK_TYPE_FILE, NULL, "created-at"))));

  start = g_get_monotonic_time ();
  for (guint p = 0; p < bodies->len; p++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      GBytes *body = g_ptr_array_index (bodies, p);
      JsonArray *data;
      gint64 page_start = g_get_monotonic_time ();

      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
        g_error ("%s", error->message);
      data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          SkFile *file = sk_file_new_from_json (json_array_get_element (data, i), &error);

          if (file == NULL)
            g_error ("%s", error->message);
          g_ptr_array_add (items, file);
        }
      g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                           items->pdata, items->len);
      /* one page: one main-loop iteration of the old code */
      old_stall_us = MAX (old_stall_us, g_get_monotonic_time () - page_start);
    }
  parsed = g_get_monotonic_time ();
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (sorted)) == n_files);
  done = g_get_monotonic_time ();

  g_print ("files: %u in %u pages of %u\n", n_files, n_pages, PAGE_SIZE);
  g_print ("bytes -> %u SkFile in a filtered, sorted (created) model: %.3f s (parse %.3f s)\n",
           n_files, (done - start) / 1e6, (parsed - start) / 1e6);
  g_print ("old longest stall (one page parsed and appended on the main thread): %.1f ms\n",
           old_stall_us / 1e3);

  start = g_get_monotonic_time ();
  gtk_sort_list_model_set_sorter (sorted, GTK_SORTER (gtk_string_sorter_new (
                                    gtk_property_expression_new (SK_TYPE_FILE, NULL, "filename"))));
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (sorted)) == n_files);
  g_print ("re-sort by filename (collation keys): %.3f s\n", (g_get_monotonic_time () - start) / 1e6);

  g_print ("RSS: %.1f MB after (%.1f MB before the models, page bodies held), peak %.1f MB\n",
           status_kb ("VmRSS:") / 1024.0, rss_before / 1024.0, status_kb ("VmHWM:") / 1024.0);

  g_clear_object (&sorted);
  g_clear_object (&filtered);
  g_clear_object (&store);
  g_ptr_array_set_size (bodies, 0);

  /* 2. end to end: SkPagedList against the simulated account on loopback */
  {
    g_autoptr (SkFakeOpenai) fake = sk_fake_openai_new ();
    g_autoptr (SkClient) client = NULL;
    g_autoptr (SkPagedList) list = NULL;
    g_autoptr (GtkSortListModel) view = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *url = NULL;

    if (!sk_fake_openai_listen (fake, 0, &error))
      g_error ("%s", error->message);
    sk_fake_openai_generate (fake, 42, n_files, 10);
    url = sk_fake_openai_dup_base_url (fake);
    client = sk_client_new (url, "sk-bench");
    list = sk_paged_list_new_files (client, NULL);
    view = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                    GTK_SORTER (gtk_numeric_sorter_new (
                                      gtk_property_expression_new (SK_TYPE_FILE, NULL, "created-at"))));

    start = g_get_monotonic_time ();
    sk_paged_list_reload (list);
    while (!paged_list_done (list))
      g_main_context_iteration (NULL, TRUE);
    g_assert (g_list_model_get_n_items (G_LIST_MODEL (view)) == n_files);
    done = g_get_monotonic_time ();
    g_print ("SkPagedList over loopback (server time included), sorted: %.3f s, %u requests\n",
             (done - start) / 1e6, sk_client_get_n_requests (client));
    g_print ("RSS: %.1f MB (fake server's copy of the account included), peak %.1f MB\n",
             status_kb ("VmRSS:") / 1024.0, status_kb ("VmHWM:") / 1024.0);
  }

  /* 3. the longest stall while SkPagedList fills the window's filtered,
   * sorted model, the account served from another thread */
  {
    Server server = { 0 };
    g_autoptr (SkClient) client = NULL;
    g_autoptr (SkPagedList) list = NULL;
    g_autoptr (GtkFilterListModel) view_filtered = NULL;
    g_autoptr (GtkSortListModel) view = NULL;
    Stall stall;
    guint stall_id;
    gint64 cpu_start, cpu_used;

    server_start (&server, n_files);
    client = sk_client_new (server.url, "sk-bench");
    list = sk_paged_list_new_files (client, NULL);
    view_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                               GTK_FILTER (gtk_custom_filter_new (pass_all, NULL, NULL)));
    view = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (view_filtered)),
                                    GTK_SORTER (gtk_numeric_sorter_new (
                                      gtk_property_expression_new (SK_TYPE_FILE, NULL, "created-at"))));

    stall_id = stall_watch (&stall);
    cpu_start = thread_cpu_us ();
    start = g_get_monotonic_time ();
    sk_paged_list_reload (list);
    while (!paged_list_done (list))
      g_main_context_iteration (NULL, TRUE);
    g_assert (g_list_model_get_n_items (G_LIST_MODEL (view)) == n_files);
    done = g_get_monotonic_time ();
    cpu_used = thread_cpu_us () - cpu_start;
    g_source_remove (stall_id);

    g_print ("SkPagedList, server in its own thread, filtered and sorted: %.3f s, "
             "longest stall %.1f ms (target < 50 ms; old %.1f ms)\n",
             (done - start) / 1e6, stall.max_gap_us / 1e3, old_stall_us / 1e3);
    g_print ("main thread's CPU time in it (HTTP, slices, filter, sort; the parse is in a worker): "
             "%.3f s (old: all of the bytes -> model time above)\n", cpu_used / 1e6);

    g_clear_object (&view);
    g_clear_object (&view_filtered);
    g_clear_object (&list);
    g_clear_object (&client);
    server_stop (&server);
  }

  return 0;
}
