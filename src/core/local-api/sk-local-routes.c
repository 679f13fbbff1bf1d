/* sk-local-routes.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-routes.h"

#include "sk-local-handlers.h"

#include <string.h>

/* Every route of the local API, in the order the Allow header lists
 * methods. Everything but the service endpoints (health, docs, openapi)
 * needs the key. */
static const SkLocalRoute routes[] = {
  { "GET",    "/",                                                 TRUE,  sk_local_handle_index },
  { "GET",    "/health",                                           FALSE, sk_local_handle_health },
  { "GET",    "/openapi.json",                                     FALSE, sk_local_handle_openapi },
  { "GET",    "/docs",                                             FALSE, sk_local_handle_docs },
  { "GET",    "/docs/docs.js",                                     FALSE, sk_local_handle_docs_asset },
  { "GET",    "/docs/docs.css",                                    FALSE, sk_local_handle_docs_asset },
  { "GET",    "/vector_stores",                                    TRUE,  sk_local_handle_list_stores },
  { "DELETE", "/vector_stores",                                    TRUE,  sk_local_handle_delete_stores },
  { "DELETE", "/vector_stores/with-files",                         TRUE,  sk_local_handle_delete_stores_files },
  { "GET",    "/vector_stores/{vector_store_id}/files",            TRUE,  sk_local_handle_list_store_files },
  { "DELETE", "/vector_stores/{vector_store_id}/files/{file_id}",  TRUE,  sk_local_handle_detach_file },
  { "GET",    "/files",                                            TRUE,  sk_local_handle_list_files },
  { "DELETE", "/files",                                            TRUE,  sk_local_handle_delete_files },
  { "GET",    "/files/orphans",                                    TRUE,  sk_local_handle_list_orphans },
};

/* "/a/b" -> "a", "b"; "/" -> nothing. NULL when a segment is empty ("//",
 * a trailing "/"): no route has one. */
static GStrv
split_path (const char *path)
{
  g_auto (GStrv) parts = NULL;

  if (strcmp (path, "/") == 0)
    return g_new0 (char *, 1);

  parts = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0')
      return NULL;

  return g_steal_pointer (&parts);
}

/* Whether @segments fit @route's pattern; then, when @match is not NULL,
 * its parameters are filled in. */
static gboolean
pattern_matches (const SkLocalRoute *route,
                 GStrv               segments,
                 SkLocalMatch       *match)
{
  g_auto (GStrv) pattern = split_path (route->pattern);
  guint n = g_strv_length (segments);

  g_assert (pattern != NULL);

  if (g_strv_length (pattern) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (pattern[i][0] != '{' && strcmp (pattern[i], segments[i]) != 0)
      return FALSE;

  if (match != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          if (strcmp (pattern[i], "{vector_store_id}") == 0)
            match->vector_store_id = g_strdup (segments[i]);
          else if (strcmp (pattern[i], "{file_id}") == 0)
            match->file_id = g_strdup (segments[i]);
        }
    }

  return TRUE;
}

/**
 * sk_local_routes_match:
 * @method: (nullable): the request's method
 * @path: (nullable): the request's path, decoded, without query
 * @match: (out caller-allocates): the route and the path's parameters;
 *   clear it with sk_local_match_clear()
 *
 * Walks the route table. Path parameters are returned as they are
 * (validate them with sk_local_validate_id()). A trailing slash is not
 * accepted ("/files/" is 404).
 *
 * Returns: whether a route takes @method and @path, or why not
 */
SkLocalRouteStatus
sk_local_routes_match (const char   *method,
                       const char   *path,
                       SkLocalMatch *match)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GString) allow = NULL;
  gboolean path_known = FALSE;

  g_return_val_if_fail (match != NULL, SK_LOCAL_ROUTE_STATUS_NOT_FOUND);

  memset (match, 0, sizeof *match);

  if (method == NULL || path == NULL || path[0] != '/')
    return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  segments = split_path (path);
  if (segments == NULL)
    return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  allow = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!pattern_matches (&routes[i], segments, path_known ? NULL : match))
        continue;

      path_known = TRUE;
      if (strstr (allow->str, routes[i].method) == NULL)
        {
          if (allow->len > 0)
            g_string_append (allow, ", ");
          g_string_append (allow, routes[i].method);
        }
      if (match->route == NULL && strcmp (method, routes[i].method) == 0)
        match->route = &routes[i];
    }

  if (!path_known)
    return SK_LOCAL_ROUTE_STATUS_NOT_FOUND;

  match->allow = g_string_free (g_steal_pointer (&allow), FALSE);
  return match->route != NULL ? SK_LOCAL_ROUTE_STATUS_OK
                              : SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED;
}

void
sk_local_match_clear (SkLocalMatch *match)
{
  g_clear_pointer (&match->vector_store_id, g_free);
  g_clear_pointer (&match->file_id, g_free);
  g_clear_pointer (&match->allow, g_free);
  memset (match, 0, sizeof *match);
}

/**
 * sk_local_routes_get:
 * @n_routes: (out): the number of routes
 *
 * Returns: (array length=n_routes) (transfer none): the route table
 */
const SkLocalRoute *
sk_local_routes_get (guint *n_routes)
{
  g_return_val_if_fail (n_routes != NULL, NULL);

  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
