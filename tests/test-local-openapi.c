/* test-local-openapi.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OpenAPI document matches the server: every documented answer of
 * every operation is produced by a scenario, and every scenario's answer
 * is documented.
 */

#include <string.h>

#include "local-api-fixture.h"

#include "sk-core-resources.h"
#include "sk-local-routes.h"
#include "sk-local-validate.h"

/* ------------------------------------------------------------------ */
/* The OpenAPI document matches the server                             */

typedef struct
{
  const char *method;
  const char *path;     /* as documented */
  guint       status;
  void      (*prepare) (Fixture *f);
  const char *url;      /* what to request */
  const char *body;
  gboolean    no_key;
  gboolean    foreign_host;
} Scenario;

static void
prepare_account (Fixture *f)
{
  add_files (f, "file-", 3, "assistants");
  add_stores (f, 2);
  sk_fake_openai_attach (f->fake, "vs_0000", "file-0000", "completed");
}

static void
prepare_500 (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, 500, -1);
}

static void
prepare_429 (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, 429, 1);
}

static void
prepare_timeout (Fixture *f)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, "upstream-timeout-ms", 100, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_DELAY, 0, 2000);
}

/* OpenAI's own 4xx, passed on as they are */
static void
prepare_status (Fixture *f,
                guint    status)
{
  prepare_account (f);
  g_object_set (f->server, "max-attempts", 1, NULL);
  sk_fake_openai_queue_fault (f->fake, NULL, SK_FAKE_FAULT_STATUS, status, -1);
}

static void prepare_400 (Fixture *f) { prepare_status (f, 400); }
static void prepare_403 (Fixture *f) { prepare_status (f, 403); }
static void prepare_404 (Fixture *f) { prepare_status (f, 404); }

#define ACC prepare_account
#define BIG "BIG"
static const Scenario scenarios[] = {
  { "get", "/", 200, NULL, "/", NULL },
  { "get", "/", 401, NULL, "/", NULL, TRUE },
  { "get", "/", 421, NULL, "/", NULL, FALSE, TRUE },
  { "get", "/health", 200, NULL, "/health", NULL, TRUE },
  { "get", "/health", 421, NULL, "/health", NULL, TRUE, TRUE },
  { "get", "/openapi.json", 200, NULL, "/openapi.json", NULL, TRUE },
  { "get", "/openapi.json", 421, NULL, "/openapi.json", NULL, TRUE, TRUE },
  { "get", "/docs", 200, NULL, "/docs", NULL, TRUE },
  { "get", "/docs", 421, NULL, "/docs", NULL, TRUE, TRUE },
  { "get", "/vector_stores", 200, ACC, "/vector_stores", NULL },
  { "get", "/vector_stores", 401, ACC, "/vector_stores", NULL, TRUE },
  { "get", "/vector_stores", 421, ACC, "/vector_stores", NULL, FALSE, TRUE },
  { "get", "/vector_stores", 422, ACC, "/vector_stores?limit=0", NULL },
  { "get", "/vector_stores", 429, prepare_429, "/vector_stores", NULL },
  { "get", "/vector_stores", 400, prepare_400, "/vector_stores", NULL },
  { "get", "/vector_stores", 403, prepare_403, "/vector_stores", NULL },
  { "get", "/vector_stores", 404, prepare_404, "/vector_stores", NULL },
  { "get", "/vector_stores", 502, prepare_500, "/vector_stores", NULL },
  { "get", "/vector_stores", 504, prepare_timeout, "/vector_stores", NULL },
  { "delete", "/vector_stores", 200, ACC, "/vector_stores", "{\"vector_store_ids\": [\"vs_0001\"]}" },
  { "delete", "/vector_stores", 401, ACC, "/vector_stores", "{\"vector_store_ids\": []}", TRUE },
  { "delete", "/vector_stores", 413, ACC, "/vector_stores", BIG },
  { "delete", "/vector_stores", 421, ACC, "/vector_stores", "{\"vector_store_ids\": []}", FALSE, TRUE },
  { "delete", "/vector_stores", 422, ACC, "/vector_stores", "{}" },
  { "delete", "/vector_stores/with-files", 200, ACC, "/vector_stores/with-files",
    "{\"vector_store_ids\": [\"vs_0000\"], \"delete_files\": true}" },
  { "delete", "/vector_stores/with-files", 401, ACC, "/vector_stores/with-files", "{}", TRUE },
  { "delete", "/vector_stores/with-files", 413, ACC, "/vector_stores/with-files", BIG },
  { "delete", "/vector_stores/with-files", 421, ACC, "/vector_stores/with-files", "{}", FALSE, TRUE },
  { "delete", "/vector_stores/with-files", 422, ACC, "/vector_stores/with-files", "[]" },
  { "get", "/vector_stores/{vector_store_id}/files", 200, ACC, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 401, ACC, "/vector_stores/vs_0000/files", NULL, TRUE },
  { "get", "/vector_stores/{vector_store_id}/files", 404, ACC, "/vector_stores/vs_none/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 400, prepare_400, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 403, prepare_403, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 429, prepare_429, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 421, ACC, "/vector_stores/vs_0000/files", NULL, FALSE, TRUE },
  { "get", "/vector_stores/{vector_store_id}/files", 422, ACC, "/vector_stores/vs_0000/files?order=x", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 502, prepare_500, "/vector_stores/vs_0000/files", NULL },
  { "get", "/vector_stores/{vector_store_id}/files", 504, prepare_timeout, "/vector_stores/vs_0000/files", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 200, ACC, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 401, ACC, "/vector_stores/vs_0000/files/file-0000", NULL, TRUE },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 404, ACC, "/vector_stores/vs_0000/files/file-0002", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 400, prepare_400, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 403, prepare_403, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 429, prepare_429, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 421, ACC, "/vector_stores/vs_0000/files/file-0000", NULL, FALSE, TRUE },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 422, ACC, "/vector_stores/vs_0000/files/file.0000", NULL },
  { "delete", "/vector_stores/{vector_store_id}/files/{file_id}", 502, prepare_500, "/vector_stores/vs_0000/files/file-0000", NULL },
  { "get", "/files", 200, ACC, "/files", NULL },
  { "get", "/files", 401, ACC, "/files", NULL, TRUE },
  { "get", "/files", 421, ACC, "/files", NULL, FALSE, TRUE },
  { "get", "/files", 422, ACC, "/files?limit=99999", NULL },
  { "get", "/files", 400, prepare_400, "/files", NULL },
  { "get", "/files", 403, prepare_403, "/files", NULL },
  { "get", "/files", 404, prepare_404, "/files", NULL },
  { "get", "/files", 429, prepare_429, "/files", NULL },
  { "get", "/files", 502, prepare_500, "/files", NULL },
  { "get", "/files", 504, prepare_timeout, "/files", NULL },
  { "delete", "/files", 200, ACC, "/files", "{\"file_ids\": [\"file-0001\", \"file-none\"]}" },
  { "delete", "/files", 401, ACC, "/files", "{\"file_ids\": []}", TRUE },
  { "delete", "/files", 413, ACC, "/files", BIG },
  { "delete", "/files", 421, ACC, "/files", "{\"file_ids\": []}", FALSE, TRUE },
  { "delete", "/files", 422, ACC, "/files", "{\"file_ids\": [\"a b\"]}" },
  { "get", "/files/orphans", 200, ACC, "/files/orphans", NULL },
  { "get", "/files/orphans", 401, ACC, "/files/orphans", NULL, TRUE },
  { "get", "/files/orphans", 421, ACC, "/files/orphans", NULL, FALSE, TRUE },
  { "get", "/files/orphans", 502, prepare_500, "/files/orphans", NULL },
  { "get", "/files/orphans", 400, prepare_400, "/files/orphans", NULL },
  { "get", "/files/orphans", 403, prepare_403, "/files/orphans", NULL },
  { "get", "/files/orphans", 404, prepare_404, "/files/orphans", NULL },
  { "get", "/files/orphans", 429, prepare_429, "/files/orphans", NULL },
};

static const Scenario *
find_scenario (const char *method,
               const char *path,
               guint       status)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (g_str_equal (scenarios[i].method, method) && g_str_equal (scenarios[i].path, path) &&
        scenarios[i].status == status)
      return &scenarios[i];
  return NULL;
}

static JsonObject *
load_openapi (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = g_resources_lookup_data (
        "/io/github/storekeeper/Storekeeper/local-api/openapi.json", 0, &error);

      g_assert_no_error (error);
      parser = json_parser_new ();
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  (gssize) g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

static void
run_scenario (gconstpointer data)
{
  const Scenario *s = data;
  g_autofree char *method = g_ascii_strup (s->method, -1);
  g_autofree char *body = NULL;
  g_autoptr (Resp) resp = NULL;
  Fixture f = { 0 };

  fixture_set_up (&f, NULL);
  if (s->prepare)
    s->prepare (&f);

  if (g_strcmp0 (s->body, BIG) == 0)
    {
      GString *big = g_string_new ("{\"file_ids\": [\"");

      while (big->len <= SK_LOCAL_MAX_BODY_BYTES)
        g_string_append (big, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      g_string_append (big, "\"]}");
      body = g_string_free (big, FALSE);
    }
  else
    body = g_strdup (s->body);

  if (s->foreign_host)
    resp = raw_http (&f, method, s->url, "attacker.example", s->no_key ? NULL : KEY, body);
  else if (s->no_key)
    resp = http (&f, method, s->url, body, NULL);
  else
    resp = call (&f, method, s->url, body);

  g_assert_cmpuint (resp->status, ==, s->status);
  if (s->status >= 400)
    assert_error (resp, s->status, NULL);
  else if (g_str_equal (s->path, "/docs"))
    g_assert_null (resp->json);
  else
    g_assert_nonnull (resp->json);

  fixture_tear_down (&f, NULL);
}

/* @pattern with its parameters filled in */
static char *
concrete_path (const char *pattern)
{
  g_auto (GStrv) store_parts = g_strsplit (pattern, "{vector_store_id}", 2);
  g_autofree char *with_store = g_strjoinv ("vs_1", store_parts);
  g_auto (GStrv) file_parts = g_strsplit (with_store, "{file_id}", 2);

  return g_strjoinv ("file-1", file_parts);
}

static void
test_openapi_covered (void)
{
  JsonObject *doc = load_openapi ();
  JsonObject *paths = json_object_get_object_member (doc, "paths");
  g_autoptr (GList) path_names = json_object_get_members (paths);
  guint documented = 0;

  /* every documented status of every operation has a scenario ... */
  for (GList *l = path_names; l; l = l->next)
    {
      JsonObject *item = json_object_get_object_member (paths, l->data);
      g_autoptr (GList) methods = json_object_get_members (item);

      for (GList *m = methods; m; m = m->next)
        {
          JsonObject *op = json_object_get_object_member (item, m->data);
          JsonObject *responses = json_object_get_object_member (op, "responses");
          g_autoptr (GList) codes = json_object_get_members (responses);
          SkLocalMatch match;
          g_autofree char *method = g_ascii_strup (m->data, -1);
          g_autofree char *concrete = NULL;

          /* and the router knows the path and method */
          concrete = concrete_path (l->data);
          g_assert_cmpint (sk_local_routes_match (method, concrete, &match), ==,
                           SK_LOCAL_ROUTE_STATUS_OK);
          sk_local_match_clear (&match);

          for (GList *c = codes; c; c = c->next)
            {
              guint status = (guint) g_ascii_strtoull (c->data, NULL, 10);

              if (find_scenario (m->data, l->data, status) == NULL)
                g_error ("no scenario for documented %s %s %u", (char *) m->data,
                         (char *) l->data, status);
              documented++;
            }
        }
    }

  /* ... and every scenario is documented */
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      JsonObject *item = json_object_get_object_member (paths, scenarios[i].path);
      JsonObject *op, *responses;
      g_autofree char *code = g_strdup_printf ("%u", scenarios[i].status);

      g_assert_nonnull (item);
      op = json_object_get_object_member (item, scenarios[i].method);
      g_assert_nonnull (op);
      responses = json_object_get_object_member (op, "responses");
      if (!json_object_has_member (responses, code))
        g_error ("%s %s answers %u, which the document does not list", scenarios[i].method,
                 scenarios[i].path, scenarios[i].status);
    }

  g_assert_cmpuint (documented, ==, G_N_ELEMENTS (scenarios));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/local-server/openapi/covered", test_openapi_covered);

  (void) sk_core_get_resource ();
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sk/local-server/openapi/%s%s/%u",
                                               scenarios[i].method, scenarios[i].path,
                                               scenarios[i].status);

      g_test_add_data_func (name, &scenarios[i], run_scenario);
    }

  return g_test_run ();
}
