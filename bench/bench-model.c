/* bench-model.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model side of the Files page at 100,000 files: from response bytes
 * (10 page bodies of 10,000 files, the size /v1/files pages have) to a
 * filled, filtered and sorted model, as the window builds it, on one
 * thread: first the old way (json-glib's tree, then sk_file_new_from_json()
 * per file), then with the direct reader (sk_file_reader_read_page()); then
 * through SkPagedList against the simulated account on loopback; and the
 * process RSS. Targets: under 1 s, under 250 MB.
 *
 * Then the real path, SkPagedList into the window's filtered, sorted
 * model, with the pages served from a thread of their own: a high-priority
 * 1 ms timer records the longest main-loop stall (the longest gap between
 * two of its runs), and the main thread's CPU time is measured. First with
 * the page bodies rendered beforehand (bytes -> sorted model: target under
 * 0.5 s), then with the simulated account, which builds each page's JSON
 * as it answers (request -> sorted model). The old stall is the longest
 * page of the old way above, which read each page on the main thread.
 * Target: under 50 ms.
 *
 *   bench-model [N_FILES]      (default 100000)
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <time.h>

#include "sk-fake-openai.h"
#include "sk-file.h"
#include "sk-file-reader.h"
#include "sk-json.h"
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

static GPtrArray *
read_page_tree (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *data;

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

  return items;
}

static GPtrArray *
read_page_direct (GBytes *body)
{
  GPtrArray *items = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  guint n_items;
  gboolean has_more;

  if (!sk_file_reader_read_page (data, size, 0, &items, &n_items, &has_more))
    g_error ("the direct reader did not read a page");

  return items;
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
  gint64 last_cpu_us;
  gint64 max_gap_us;
  gint64 max_gap_cpu_us;   /* the main thread's CPU time in that gap */
} Stall;

/* Records the longest gap between two runs, and how much of it the main
 * thread spent running (the rest, it waited for a core or for a lock) */
static gboolean
stall_tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (stall->last_us != 0 && now - stall->last_us > stall->max_gap_us)
    {
      stall->max_gap_us = now - stall->last_us;
      stall->max_gap_cpu_us = cpu - stall->last_cpu_us;
    }
  stall->last_us = now;
  stall->last_cpu_us = cpu;

  return G_SOURCE_CONTINUE;
}

static guint
stall_watch (Stall *stall)
{
  stall->last_us = 0;
  stall->max_gap_us = 0;
  stall->max_gap_cpu_us = 0;
  return g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, stall, NULL);
}

/* The pages, served from a thread of its own so that serving them does not
 * count as stalls of the main loop: either the simulated account (which
 * builds each page's JSON as it answers), or page bodies rendered
 * beforehand, looked up by their `after` cursor (bytes only) */
typedef struct
{
  guint         n_files;
  GPtrArray    *bodies;   /* NULL: the simulated account */
  GHashTable   *pages;    /* cursor -> 1 + the index of the page after it */
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  char         *url;
  guint64       served_bytes;
  GMutex        mutex;
  GCond         cond;
} Server;

static char *
file_id (guint i)
{
  return g_strdup_printf ("file-%024x", (i * 2654435761u) ^ i);
}

static void
bodies_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Server *server = user_data;
  const char *after = query ? g_hash_table_lookup (query, "after") : NULL;
  guint page = after ? GPOINTER_TO_UINT (g_hash_table_lookup (server->pages, after)) : 1;
  GBytes *body;

  if (page == 0 || page > server->bodies->len)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  body = server->bodies->pdata[page - 1];
  server->served_bytes += g_bytes_get_size (body);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  soup_server_message_set_status (msg, 200, NULL);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr (SkFakeOpenai) fake = NULL;
  g_autoptr (SoupServer) soup_server = NULL;
  g_autoptr (GError) error = NULL;
  char *url;

  g_main_context_push_thread_default (server->context);
  if (server->bodies == NULL)
    {
      fake = sk_fake_openai_new ();
      if (!sk_fake_openai_listen (fake, 0, &error))
        g_error ("%s", error->message);
      sk_fake_openai_generate (fake, 42, server->n_files, 10);
      url = sk_fake_openai_dup_base_url (fake);
    }
  else
    {
      g_autoslist (GUri) uris = NULL;

      soup_server = soup_server_new (NULL, NULL);
      soup_server_add_handler (soup_server, "/v1/files", bodies_handler, server, NULL);
      if (!soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
        g_error ("%s", error->message);
      uris = soup_server_get_uris (soup_server);
      url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
    }

  g_mutex_lock (&server->mutex);
  server->url = url;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  g_main_loop_run (server->loop);
  if (fake != NULL)
    sk_fake_openai_disconnect (fake);
  if (soup_server != NULL)
    soup_server_disconnect (soup_server);
  g_clear_object (&fake);
  g_clear_object (&soup_server);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

/* @bodies: (nullable): the pages to serve, in order; NULL for the
 * simulated account of @n_files */
static void
server_start (Server    *server,
              guint      n_files,
              GPtrArray *bodies)
{
  server->n_files = n_files;
  if (bodies != NULL)
    {
      server->bodies = g_ptr_array_ref (bodies);
      server->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint p = 0; p + 1 < bodies->len; p++)
        g_hash_table_insert (server->pages, file_id ((p + 1) * PAGE_SIZE - 1),
                             GUINT_TO_POINTER (p + 2));
    }
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
  g_clear_pointer (&server->bodies, g_ptr_array_unref);
  g_clear_pointer (&server->pages, g_hash_table_unref);
  *server = (Server) { 0 };
}

typedef struct
{
  double   wall_s;       /* reload to the last file in the sorted view */
  double   first_s;      /* reload to the first files in the sorted view */
  double   stall_ms;     /* the longest main-loop stall meanwhile */
  double   stall_cpu_ms; /* the main thread's CPU time in it */
  double   cpu_s;        /* the main thread's CPU time meanwhile */
  guint    n_requests;
} Load;

static void
first_rows_cb (GListModel *view,
               guint       position,
               guint       removed,
               guint       added,
               gint64     *first_us)
{
  if (*first_us == 0 && g_list_model_get_n_items (view) > 0)
    *first_us = g_get_monotonic_time ();
}

/* SkPagedList of the files at @url into the window's filtered, sorted
 * (created) model, as the Files page builds it */
static Load
load_view (const char *url,
           guint       n_files)
{
  g_autoptr (SkClient) client = sk_client_new (url, "sk-bench");
  g_autoptr (SkPagedList) list = sk_paged_list_new_files (client, NULL);
  g_autoptr (GtkFilterListModel) filtered = NULL;
  g_autoptr (GtkSortListModel) view = NULL;
  Load load = { 0 };
  Stall stall;
  guint stall_id;
  gint64 cpu_start, start, first_us = 0;

  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                        GTK_FILTER (gtk_custom_filter_new (pass_all, NULL, NULL)));
  view = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                  GTK_SORTER (gtk_numeric_sorter_new (
                                    gtk_property_expression_new (SK_TYPE_FILE, NULL, "created-at"))));
  g_signal_connect (view, "items-changed", G_CALLBACK (first_rows_cb), &first_us);

  stall_id = stall_watch (&stall);
  cpu_start = thread_cpu_us ();
  start = g_get_monotonic_time ();
  sk_paged_list_reload (list);
  while (!paged_list_done (list))
    g_main_context_iteration (NULL, TRUE);
  if (sk_paged_list_get_error (list) != NULL)
    g_error ("%s", sk_paged_list_get_error (list)->message);
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (view)) == n_files);
  load.wall_s = (g_get_monotonic_time () - start) / 1e6;
  load.first_s = (first_us - start) / 1e6;
  load.cpu_s = (thread_cpu_us () - cpu_start) / 1e6;
  g_source_remove (stall_id);
  load.stall_ms = stall.max_gap_us / 1e3;
  load.stall_cpu_ms = stall.max_gap_cpu_us / 1e3;
  load.n_requests = sk_client_get_n_requests (client);

  return load;
}

/* The time the server takes to answer every page in a row, the cursor
 * read with the scan and nothing parsed: the floor of request -> model */
static double
fetch_only (const char *url)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;
  gint64 start = g_get_monotonic_time ();

  while (has_more)
    {
      g_autoptr (SoupMessage) msg = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *uri = NULL;
      g_autofree char *last_id = NULL;
      guint n_items;

      uri = g_strdup_printf ("%s/files?limit=%u&order=desc%s%s", url, PAGE_SIZE,
                             cursor ? "&after=" : "", cursor ? cursor : "");
      msg = soup_message_new ("GET", uri);
      soup_message_headers_append (soup_message_get_request_headers (msg),
                                   "Authorization", "Bearer sk-bench");
      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("fetch: %s", error ? error->message : soup_message_get_reason_phrase (msg));
      if (!sk_json_scan_list_page (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &n_items, &last_id, &has_more))
        g_error ("fetch: not a list page");
      g_free (cursor);
      cursor = g_steal_pointer (&last_id);
    }

  return (g_get_monotonic_time () - start) / 1e6;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
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

  /* 1. bytes -> SkFile -> store -> filter -> sort (by created), on one
   * thread: json-glib's tree then sk_file_new_from_json() per file (the
   * old way), then the direct reader */
  g_print ("files: %u in %u pages of %u\n", n_files, n_pages, PAGE_SIZE);
  for (guint direct = 0; direct <= 1; direct++)
    {
      gint64 stall_us = 0;

      g_clear_object (&sorted);
      g_clear_object (&filtered);
      g_clear_object (&store);
      store = g_list_store_new (SK_TYPE_FILE);
      filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                            GTK_FILTER (gtk_custom_filter_new (pass_all, NULL, NULL)));
      sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)),
                                        GTK_SORTER (gtk_numeric_sorter_new (
                                          gtk_property_expression_new (SK_TYPE_FILE, NULL, "created-at"))));

      start = g_get_monotonic_time ();
      for (guint p = 0; p < bodies->len; p++)
        {
          g_autoptr (GPtrArray) items = NULL;
          GBytes *body = g_ptr_array_index (bodies, p);
          gint64 page_start = g_get_monotonic_time ();

          items = direct ? read_page_direct (body) : read_page_tree (body);
          g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                               items->pdata, items->len);
          /* one page: one main-loop iteration of code reading pages on
           * the main thread */
          stall_us = MAX (stall_us, g_get_monotonic_time () - page_start);
        }
      parsed = g_get_monotonic_time ();
      g_assert (g_list_model_get_n_items (G_LIST_MODEL (sorted)) == n_files);
      done = g_get_monotonic_time ();

      g_print ("bytes -> %u SkFile in a filtered, sorted (created) model on one thread, %s: "
               "%.3f s (read and sorted page by page %.3f s), one page %.1f ms\n",
               n_files, direct ? "direct reader" : "json-glib tree (old)",
               (done - start) / 1e6, (parsed - start) / 1e6, stall_us / 1e3);
      if (!direct)
        old_stall_us = stall_us;
    }

  /* the quick scan that gives each page's cursor before its parse (the
   * best of five rounds: it is short, and the machine may be shared) */
  {
    gint64 best_us = G_MAXINT64;

    for (guint round = 0; round < 5; round++)
      {
        start = g_get_monotonic_time ();
        for (guint p = 0; p < bodies->len; p++)
          {
            g_autofree char *last_id = NULL;
            guint n_items;
            gboolean has_more;

            if (!sk_json_scan_list_page (g_bytes_get_data (bodies->pdata[p], NULL),
                                         g_bytes_get_size (bodies->pdata[p]),
                                         &n_items, &last_id, &has_more))
              g_error ("the scan did not read a page");
          }
        best_us = MIN (best_us, g_get_monotonic_time () - start);
      }
    g_print ("scan of the %u pages for their cursors: %.1f ms (best of 5)\n", n_pages,
             best_us / 1e3);
  }

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

  /* 3. the same, the pages served from another thread: rendered
   * beforehand (bytes -> sorted model), then by the simulated account */
  {
    Server server = { 0 };
    Load load;

    for (guint p = 0; p < n_pages; p++)
      {
        guint n = MIN (PAGE_SIZE, n_files - p * PAGE_SIZE);

        g_ptr_array_add (bodies, make_page (p * PAGE_SIZE, n, p + 1 < n_pages));
      }
    server_start (&server, n_files, bodies);
    g_print ("the rendered pages alone, in a row: %.3f s\n", fetch_only (server.url));
    load = load_view (server.url, n_files);
    g_print ("bytes -> sorted model through SkPagedList, pages rendered beforehand and served "
             "from another thread: %.3f s (first rows at %.3f s), %u requests, "
             "longest stall %.1f ms (%.1f ms of it running), main thread's CPU %.3f s, "
             "load average %.2f\n",
             load.wall_s, load.first_s, load.n_requests, load.stall_ms, load.stall_cpu_ms,
             load.cpu_s, load_average ());
    server_stop (&server);
    g_ptr_array_set_size (bodies, 0);

    server_start (&server, n_files, NULL);
    g_print ("the simulated account alone answering the %u pages in a row (nothing parsed), "
             "first listing: %.3f s, ", n_pages, fetch_only (server.url));
    g_print ("second: %.3f s\n", fetch_only (server.url));
    server_stop (&server);

    /* a fresh account: its first listing writes each file's JSON text */
    server_start (&server, n_files, NULL);
    load = load_view (server.url, n_files);
    g_print ("request -> sorted model, the simulated account's first listing in "
             "another thread: %.3f s (first rows at %.3f s), longest stall %.1f ms "
             "(%.1f ms of it running; target < 50 ms; old %.1f ms), main thread's CPU %.3f s, "
             "load average %.2f\n",
             load.wall_s, load.first_s, load.stall_ms, load.stall_cpu_ms, old_stall_us / 1e3,
             load.cpu_s, load_average ());
    server_stop (&server);
  }

  return 0;
}
