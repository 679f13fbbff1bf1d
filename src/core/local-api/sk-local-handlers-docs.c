/* sk-local-handlers-docs.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-handlers.h"

#include "sk-core-resources.h"
#include "sk-local-reply.h"

/* The endpoints that need no OpenAI: GET /, /health, /openapi.json,
 * /docs and the page's script and style sheet. */

#define RESOURCE_DIR "/io/github/storekeeper/Storekeeper/local-api/"

static JsonNode *
index_node (void)
{
  static const struct { const char *method, *path, *description; } endpoints[] = {
    { "GET", "/vector_stores", "IDs of every vector store (all pages)" },
    { "DELETE", "/vector_stores", "Delete vector stores: {\"vector_store_ids\": [...]}" },
    { "DELETE", "/vector_stores/with-files",
      "Delete vector stores and every file in them: {\"vector_store_ids\": [...], \"delete_files\": true}" },
    { "GET", "/vector_stores/{vector_store_id}/files", "The files of one vector store (all pages)" },
    { "DELETE", "/vector_stores/{vector_store_id}/files/{file_id}",
      "Detach a file from a vector store (the file stays)" },
    { "GET", "/files", "IDs of every file (limit, order, purpose, after)" },
    { "DELETE", "/files", "Delete files everywhere: {\"file_ids\": [...]}" },
    { "GET", "/files/orphans", "IDs of \"assistants\" files attached to no vector store" },
    { "GET", "/health", "Liveness check (no key needed)" },
    { "GET", "/openapi.json", "OpenAPI 3 description of this API (import it into Postman)" },
    { "GET", "/docs", "Interactive documentation in the browser" },
  };
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Storekeeper local API");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "docs");
  json_builder_add_string_value (builder, "/docs");
  json_builder_set_member_name (builder, "openapi");
  json_builder_add_string_value (builder, "/openapi.json");
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, endpoints[i].method);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, endpoints[i].path);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, endpoints[i].description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GBytes *
lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

  return g_resource_lookup_data (sk_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* The OpenAPI document with "servers" pointing at this server, made once
 * per start. */
static GBytes *
openapi_document (SkLocalHub *hub)
{
  g_autoptr (GBytes) raw = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonArray) servers = NULL;
  g_autoptr (JsonObject) server = NULL;
  JsonNode *root;
  char *data;
  gsize length;

  if (hub->openapi != NULL)
    return g_bytes_ref (hub->openapi);

  raw = lookup_resource ("openapi.json");
  if (raw == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (raw, NULL),
                                   (gssize) g_bytes_get_size (raw), NULL))
    return g_bytes_ref (raw);

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_bytes_ref (raw);

  /* Postman turns servers[0] into {{baseUrl}}: point it at this server. */
  server = json_object_new ();
  json_object_set_string_member (server, "url", hub->base_url);
  json_object_set_string_member (server, "description", "This Storekeeper");
  servers = json_array_new ();
  json_array_add_object_element (servers, g_steal_pointer (&server));
  json_object_set_array_member (json_node_get_object (root), "servers", g_steal_pointer (&servers));

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  hub->openapi = g_bytes_new_take (data, length);
  return g_bytes_ref (hub->openapi);
}

static void
serve_resource (SoupServerMessage *msg,
                const char        *name,
                const char        *content_type)
{
  g_autoptr (GBytes) bytes = lookup_resource (name);
  SoupMessageHeaders *headers;

  if (bytes == NULL)
    {
      sk_local_reply_error (msg, 404, "Not found.");
      return;
    }

  sk_local_reply_bytes (msg, 200, content_type, bytes);
  /* The page runs only our own script and talks only to this server. */
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers,
                                "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; "
                                "connect-src 'self'; img-src 'self' data:; form-action 'none'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
}

void
sk_local_handle_index (SkLocalCall *call)
{
  g_autoptr (JsonNode) node = index_node ();

  sk_local_reply_json (call->msg, 200, node);
}

void
sk_local_handle_health (SkLocalCall *call)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  sk_local_reply_json (call->msg, 200, node);
}

void
sk_local_handle_openapi (SkLocalCall *call)
{
  g_autoptr (GBytes) doc = openapi_document (call->hub);

  if (doc == NULL)
    sk_local_reply_error (call->msg, 404, "Not found.");
  else
    sk_local_reply_bytes (call->msg, 200, "application/json", doc);
}

void
sk_local_handle_docs (SkLocalCall *call)
{
  serve_resource (call->msg, "docs.html", "text/html; charset=utf-8");
}

/* GET /docs/docs.js and /docs/docs.css */
void
sk_local_handle_docs_asset (SkLocalCall *call)
{
  serve_resource (call->msg, call->asset,
                  g_str_has_suffix (call->asset, ".js")
                    ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
}
