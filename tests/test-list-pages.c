/* test-list-pages.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-test-utils.h"

#include <libsoup/soup.h>
#include <string.h>

#include "sk-json.h"

/* How a list's pages travel: the quick scan of a page that gives the next
 * cursor before the page is parsed, and the listing over a server that
 * answers scripted pages, where several pages are in flight at once and
 * must still be delivered in order, each error in its place. */

#define WAIT_MS 20000

/* ------------------------------------------------------------------ */
/* The scan                                                             */
/* ------------------------------------------------------------------ */

static void
test_scan (void)
{
  static const struct
  {
    const char *json;
    gboolean    ok;
    guint       n_items;
    const char *last_id;
    gboolean    has_more;
  } table[] = {
    { "{\"object\":\"list\",\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"has_more\":true}", TRUE, 2, "b", TRUE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":false}", TRUE, 1, "a", FALSE },
    /* has_more missing, null, or not a boolean: false, as the full parse reads it */
    { "{\"data\":[{\"id\":\"a\"}]}", TRUE, 1, "a", FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":null}", TRUE, 1, "a", FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":\"true\"}", TRUE, 1, "a", FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":1}", TRUE, 1, "a", FALSE },
    { "{\"has_more\":true,\"data\":[]}", TRUE, 0, NULL, TRUE },
    /* whitespace, nesting, strings holding brackets, quotes and "id" */
    { " \n{ \"data\" : [ { \"x\" : { \"id\" : \"no\" , \"y\" : [1, {\"id\":\"z\"}] } ,"
      " \"id\" : \"c\" , \"s\" : \"]}\\\"\\\\\" } , { \"name\" : \"\\\"id\\\":\", \"id\" : \"d\" } ] ,"
      " \"last_id\" : \"zz\" , \"has_more\" : true } \r\n", TRUE, 2, "d", TRUE },
    /* the last item has no ID, or not a plain string one */
    { "{\"data\":[{\"id\":\"a\"},{\"name\":\"b\"}],\"has_more\":true}", TRUE, 2, NULL, TRUE },
    { "{\"data\":[{\"id\":\"a\"},{\"id\":7}],\"has_more\":true}", TRUE, 2, NULL, TRUE },
    { "{\"data\":[{\"id\":\"a\"},\"b\"],\"has_more\":true}", TRUE, 2, NULL, TRUE },
    { "{\"data\":[1,2,3]}", TRUE, 3, NULL, FALSE },
    /* what could read two ways, or only a full parse can read */
    { "{\"data\":[{\"id\":\"a\\u0062\"}],\"has_more\":true}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\",\"id\":\"b\"}],\"has_more\":true}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"data\":[{\"id\":\"b\"}]}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":true,\"has_more\":false}", FALSE, 0, NULL, FALSE },
    { "{\"d\\u0061ta\":[{\"id\":\"a\"}]}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}] /* comment */}", FALSE, 0, NULL, FALSE },
    /* not a list page */
    { "", FALSE, 0, NULL, FALSE },
    { "[]", FALSE, 0, NULL, FALSE },
    { "{}", FALSE, 0, NULL, FALSE },
    { "{\"has_more\":true}", FALSE, 0, NULL, FALSE },
    { "{\"data\":{\"id\":\"a\"}}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"has_more\":true} x", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"x\":[[[", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"}],\"x\":\"\\", FALSE, 0, NULL, FALSE },
    { "{\"data\":[{\"id\":\"a\"},]}", FALSE, 0, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *last_id = NULL;
      guint n_items = 99;
      gboolean has_more = 99;
      gboolean ok;

      g_test_message ("%u: %s", i, table[i].json);
      ok = sk_json_scan_list_page (table[i].json, strlen (table[i].json),
                                   &n_items, &last_id, &has_more);
      g_assert_cmpint (ok, ==, table[i].ok);
      if (!ok)
        continue;
      g_assert_cmpuint (n_items, ==, table[i].n_items);
      g_assert_cmpstr (last_id, ==, table[i].last_id);
      g_assert_cmpint (has_more, ==, table[i].has_more);
    }

  /* the length is the end: a NUL or what follows is not read */
  {
    const char text[] = "{\"data\":[{\"id\":\"a\"}]}{\"data\":[]}";
    g_autofree char *last_id = NULL;
    guint n_items;
    gboolean has_more;

    g_assert_true (sk_json_scan_list_page (text, 21, &n_items, &last_id, &has_more));
    g_assert_cmpstr (last_id, ==, "a");
    g_clear_pointer (&last_id, g_free);
    g_assert_false (sk_json_scan_list_page (text, 20, &n_items, &last_id, &has_more));
    g_assert_null (last_id);
  }
}

/* ------------------------------------------------------------------ */
/* A server of scripted pages                                           */
/* ------------------------------------------------------------------ */

/* The answer to the request of a page, in the order requests arrive */
typedef struct
{
  guint  status;
  char  *body;
  guint  delay_ms;  /* before answering */
} Answer;

typedef struct
{
  SoupServer   *server;
  SkClient     *client;
  GPtrArray    *answers;  /* Answer */
  GPtrArray    *queries;  /* the query of each request, in order */
  guint         n_answered;
} Fixture;

static void
answer_free (Answer *answer)
{
  g_free (answer->body);
  g_free (answer);
}

/* A page of @n files "file-<first + i>" with created_at 1000 + i */
static char *
files_page (guint       first,
            guint       n,
            gboolean    has_more,
            const char *last_item)
{
  GString *s = g_string_new ("{\"object\":\"list\",\"data\":[");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (s, "%s{\"id\":\"file-%05u\",\"object\":\"file\",\"bytes\":%u,"
                            "\"created_at\":%u,\"filename\":\"f%u.txt\",\"purpose\":\"batch\","
                            "\"status\":\"processed\"}",
                            i > first ? "," : "", i, i, 1000 + i, i);
  if (last_item != NULL)
    g_string_append_printf (s, "%s%s", n > 0 ? "," : "", last_item);
  g_string_append_printf (s, "],\"has_more\":%s}", has_more ? "true" : "false");
  return g_string_free (s, FALSE);
}

static void
add_answer (Fixture *f,
            guint    status,
            char    *body,
            guint    delay_ms)
{
  Answer *answer = g_new0 (Answer, 1);

  answer->status = status;
  answer->body = body;
  answer->delay_ms = delay_ms;
  g_ptr_array_add (f->answers, answer);
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *query_string = g_uri_get_query (soup_server_message_get_uri (msg));
  Answer *answer;

  g_ptr_array_add (f->queries, g_strdup (query_string ? query_string : ""));
  if (f->n_answered >= f->answers->len)
    {
      soup_server_message_set_status (msg, 500, NULL);
      return;
    }

  answer = f->answers->pdata[f->n_answered++];
  if (answer->status == 404)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"error\":{\"message\":\"gone\"}}", 27);
  else
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      answer->body, strlen (answer->body));
  soup_server_message_set_status (msg, answer->status, NULL);
  if (answer->delay_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (answer->delay_ms, unpause_cb, g_object_ref (msg));
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;

  f->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  f->queries = g_ptr_array_new_with_free_func (g_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/v1/files", handler, f, NULL);
  if (!soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (f->server);
  url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
  f->client = sk_client_new (url, "sk-test-key");
  g_object_set (f->client, "retry-base-ms", 5, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  sk_test_spin (20);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->answers, g_ptr_array_unref);
  g_clear_pointer (&f->queries, g_ptr_array_unref);
}

/* What the pages looked like when they were handed over */
typedef struct
{
  Fixture  *f;
  GArray   *firsts;            /* the created_at of each page's first file */
  GArray   *requests_at_page;  /* requests sent when each page was handed over */
  guint     n_items;
} Pages;

static void
page_cb (GPtrArray *items,
         gpointer   user_data)
{
  Pages *pages = user_data;
  guint first = items->len > 0 ? (guint) sk_file_get_created_at (items->pdata[0]) : 0;
  guint n_requests = sk_client_get_n_requests (pages->f->client);

  g_array_append_val (pages->firsts, first);
  g_array_append_val (pages->requests_at_page, n_requests);
  pages->n_items += items->len;
}

static GPtrArray *
list_files (Fixture  *f,
            Pages    *pages,
            GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pages->f = f;
  pages->firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  pages->requests_at_page = g_array_new (FALSE, FALSE, sizeof (guint));
  sk_client_list_files_async (f->client, NULL, page_cb, pages, NULL, NULL,
                              sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  return sk_client_list_files_finish (f->client, result, error);
}

static void
pages_clear (Pages *pages)
{
  g_clear_pointer (&pages->firsts, g_array_unref);
  g_clear_pointer (&pages->requests_at_page, g_array_unref);
}

#define ADD(path, func) \
  g_test_add ("/sk/list-pages/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* The request of a page leaves as soon as the page before it arrived,
 * before that page is parsed; pages come out in order even when a later
 * one is parsed first (a large page, then small ones). */
static void
test_overlap_in_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };
  guint sizes[] = { 20000, 3, 5, 1 };
  guint first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      add_answer (f, 200, files_page (first, sizes[i], i + 1 < G_N_ELEMENTS (sizes), NULL), 0);
      first += sizes[i];
    }

  files = list_files (f, &pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, first);
  for (guint i = 0; i < files->len; i++)
    g_assert_cmpint (sk_file_get_created_at (files->pdata[i]), ==, 1000 + i);

  g_assert_cmpuint (pages.firsts->len, ==, G_N_ELEMENTS (sizes));
  first = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_assert_cmpuint (g_array_index (pages.firsts, guint, i), ==, 1000 + first);
      first += sizes[i];
      /* the next page was asked for before this one was handed over */
      if (i + 1 < G_N_ELEMENTS (sizes))
        g_assert_cmpuint (g_array_index (pages.requests_at_page, guint, i), >=, i + 2);
    }

  g_assert_cmpuint (f->queries->len, ==, G_N_ELEMENTS (sizes));
  g_assert_cmpuint (sk_client_get_n_requests (f->client), ==, G_N_ELEMENTS (sizes));
  g_assert_nonnull (strstr (f->queries->pdata[1], "after=file-19999"));
  g_assert_nonnull (strstr (f->queries->pdata[3], "after=file-20007"));
  pages_clear (&pages);
}

/* Parsing is slower than this server: requests wait while four pages are
 * still to be handed over */
static void
test_pages_ahead (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };
  const guint n_pages = 10, size = 3000;

  for (guint i = 0; i < n_pages; i++)
    add_answer (f, 200, files_page (i * size, size, i + 1 < n_pages, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, n_pages * size);
  g_assert_cmpuint (pages.firsts->len, ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      guint n_requests = g_array_index (pages.requests_at_page, guint, i);

      g_assert_cmpuint (g_array_index (pages.firsts, guint, i), ==, 1000 + i * size);
      /* page i handed over: i pages before it, at most four in flight */
      g_assert_cmpuint (n_requests, <=, i + 4);
      g_assert_cmpuint (n_requests, >=, MIN (i + 2, n_pages));
    }
  pages_clear (&pages);
}

/* The request of page 3 fails while page 2 is still on its way: pages 1
 * and 2 are handed over, then the listing fails, and no page after */
static void
test_error_in_place (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };

  add_answer (f, 200, files_page (0, 5, TRUE, NULL), 0);
  add_answer (f, 200, files_page (5, 20000, TRUE, NULL), 0);
  add_answer (f, 404, NULL, 0);
  add_answer (f, 200, files_page (20005, 5, FALSE, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (files);
  g_assert_cmpuint (pages.firsts->len, ==, 2);
  g_assert_cmpuint (pages.n_items, ==, 20005);
  g_assert_cmpuint (f->queries->len, ==, 3);
  pages_clear (&pages);
}

/* Page 2 holds a file without an ID: its scan still gave the cursor of
 * page 3, which was asked for; page 1 is handed over, then the listing
 * fails, and page 3 is never handed over */
static void
test_parse_error_in_place (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };
  char *bad = files_page (5, 5, TRUE, "{\"object\":\"file\"},{\"id\":\"file-x\"}");

  add_answer (f, 200, files_page (0, 5, TRUE, NULL), 0);
  add_answer (f, 200, bad, 0);
  add_answer (f, 200, files_page (20, 5, FALSE, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "without an ID"));
  g_assert_null (files);
  g_assert_cmpuint (pages.firsts->len, ==, 1);
  g_assert_cmpuint (f->queries->len, >=, 2);
  g_assert_nonnull (strstr (f->queries->pdata[1], "after=file-00004"));
  if (f->queries->len > 2)
    g_assert_nonnull (strstr (f->queries->pdata[2], "after=file-x"));
  pages_clear (&pages);
}

/* A last ID the scan does not read (escaped): the next request waits for
 * the parse, and carries the decoded ID */
static void
test_cursor_from_parse (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };

  add_answer (f, 200, files_page (0, 5, TRUE, "{\"id\":\"file-\\u00e9\",\"created_at\":7}"), 0);
  add_answer (f, 200, files_page (5, 5, FALSE, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 11);
  g_assert_cmpstr (sk_file_get_id (files->pdata[5]), ==, "file-é");
  g_assert_cmpuint (f->queries->len, ==, 2);
  g_assert_nonnull (strstr (f->queries->pdata[1], "after=file-%C3%A9"));
  /* the second page was asked for only once the first was parsed */
  g_assert_cmpuint (g_array_index (pages.requests_at_page, guint, 0), ==, 1);
  pages_clear (&pages);
}

/* The server answers the request of page 3 with page 2 again: the scan
 * sees the cursor come back, so nothing more is asked; the three pages
 * are handed over (as a listing reading them one by one would), then the
 * listing fails */
static void
test_same_page_twice (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };

  add_answer (f, 200, files_page (0, 5, TRUE, NULL), 0);
  add_answer (f, 200, files_page (5, 5, TRUE, NULL), 0);
  add_answer (f, 200, files_page (5, 5, TRUE, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "same page twice"));
  g_assert_cmpuint (pages.firsts->len, ==, 3);
  g_assert_cmpuint (f->queries->len, ==, 3);
  pages_clear (&pages);
}

/* json-glib reads '...' as a string, the scan does not: here the scan
 * sees "has_more": true inside it, and asks for page 2, while the parse
 * reads no has_more. The listing fails, page 1 is not handed over. */
static void
test_scan_disagrees (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  Pages pages = { 0 };
  g_autofree char *page = files_page (0, 5, FALSE, NULL);
  g_autofree char *odd = NULL;
  g_autofree char *last_id = NULL;
  guint n_items;
  gboolean has_more;

  /* {"object":"list","data":[...],"x":'a,"has_more":true,"y":',"has_more":false} */
  g_assert_true (g_str_has_suffix (page, ",\"has_more\":false}"));
  page[strlen (page) - strlen (",\"has_more\":false}")] = '\0';
  odd = g_strconcat (page, ",\"x\":'a,\"has_more\":true,\"y\":'}", NULL);
  g_assert_true (sk_json_scan_list_page (odd, strlen (odd), &n_items, &last_id, &has_more));
  g_assert_true (has_more);

  add_answer (f, 200, g_steal_pointer (&odd), 0);
  add_answer (f, 200, files_page (5, 5, FALSE, NULL), 0);

  files = list_files (f, &pages, &error);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "reads two ways"));
  g_assert_null (files);
  g_assert_cmpuint (pages.firsts->len, ==, 0);
  pages_clear (&pages);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/list-pages/scan", test_scan);
  ADD ("overlap-in-order", test_overlap_in_order);
  ADD ("pages-ahead", test_pages_ahead);
  ADD ("error-in-place", test_error_in_place);
  ADD ("parse-error-in-place", test_parse_error_in_place);
  ADD ("cursor-from-parse", test_cursor_from_parse);
  ADD ("same-page-twice", test_same_page_twice);
  ADD ("scan-disagrees", test_scan_disagrees);

  return g_test_run ();
}
