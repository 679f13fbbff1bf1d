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
 * process RSS. Targets (issue 5): under 1 s, under 250 MB.
 *
 *   bench-model [N_FILES]      (default 100000)
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>

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
    }
  parsed = g_get_monotonic_time ();
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (sorted)) == n_files);
  done = g_get_monotonic_time ();

  g_print ("files: %u in %u pages of %u\n", n_files, n_pages, PAGE_SIZE);
  g_print ("bytes -> %u SkFile in a filtered, sorted (created) model: %.3f s (parse %.3f s)\n",
           n_files, (done - start) / 1e6, (parsed - start) / 1e6);

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

  return 0;
}
