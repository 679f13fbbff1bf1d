/* test-accounts.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-attempt.h"
#include "sk-fake-azure.h"
#include "sk-provider.h"
#include "sk-test-utils.h"

#include <string.h>

/* The request shape of each provider (headers, paths, query), alone and
 * against the simulated account in each of its modes. */

#define AZURE_KEY "azure-key-0123456789"

static void
test_provider_names (void)
{
  static const struct {
    const char *name;
    gboolean    known;
    SkProvider  provider;
  } table[] = {
    { "openai", TRUE, SK_PROVIDER_OPENAI },
    { "azure", TRUE, SK_PROVIDER_AZURE },
    { "compatible", TRUE, SK_PROVIDER_COMPATIBLE },
    { "Azure", FALSE, SK_PROVIDER_OPENAI },
    { "", FALSE, SK_PROVIDER_OPENAI },
    { NULL, FALSE, SK_PROVIDER_OPENAI },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      SkProvider provider = SK_PROVIDER_COMPATIBLE;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (sk_provider_from_string (table[i].name, &provider), ==, table[i].known);
      g_assert_cmpint (provider, ==, table[i].provider);
      if (table[i].known)
        g_assert_cmpstr (sk_provider_to_string (provider), ==, table[i].name);
    }

  g_assert_true (sk_provider_uses_api_key_header (SK_PROVIDER_AZURE));
  g_assert_false (sk_provider_uses_api_key_header (SK_PROVIDER_OPENAI));
  g_assert_false (sk_provider_uses_api_key_header (SK_PROVIDER_COMPATIBLE));
}

static void
test_api_version (void)
{
  static const struct {
    const char *version;
    gboolean    dated;
    gboolean    valid;
  } table[] = {
    { "2024-10-21", TRUE, TRUE },
    { "2024-06-01", TRUE, TRUE },
    { "2025-04-01-preview", TRUE, TRUE },
    { "2024-1-21", FALSE, TRUE },
    { "2024-10-21x", FALSE, TRUE },
    { "v1", FALSE, TRUE },
    { "preview", FALSE, TRUE },
    { "", FALSE, TRUE },
    { NULL, FALSE, TRUE },
    { "2024-10-21&x=1", FALSE, FALSE },
    { "a b", FALSE, FALSE },
    { "é", FALSE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, table[i].version);
      g_assert_cmpint (sk_provider_api_version_is_dated (table[i].version), ==, table[i].dated);
      g_assert_cmpint (sk_provider_api_version_is_valid (table[i].version), ==, table[i].valid);
    }
}

static void
test_base_url (void)
{
  static const struct {
    SkProvider  provider;
    const char *url;
    const char *version;
    const char *expected;
  } table[] = {
    { SK_PROVIDER_OPENAI, "https://api.openai.com/v1/", "2024-10-21", "https://api.openai.com/v1" },
    { SK_PROVIDER_OPENAI, NULL, NULL, "" },
    { SK_PROVIDER_COMPATIBLE, "https://llm.example/api/v1", NULL, "https://llm.example/api/v1" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com", NULL, "https://r.openai.azure.com/openai/v1" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com/", "", "https://r.openai.azure.com/openai/v1" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com/openai/v1/", NULL,
      "https://r.openai.azure.com/openai/v1" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com/openai", "preview",
      "https://r.openai.azure.com/openai/v1?api-version=preview" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com", "2024-10-21",
      "https://r.openai.azure.com/openai?api-version=2024-10-21" },
    { SK_PROVIDER_AZURE, "https://r.openai.azure.com", "bad&version",
      "https://r.openai.azure.com/openai/v1" },
    { SK_PROVIDER_AZURE, NULL, NULL, "/openai/v1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autofree char *url = NULL;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      url = sk_provider_build_base_url (table[i].provider, table[i].url, table[i].version);
      g_assert_cmpstr (url, ==, table[i].expected);
    }
}

static void
test_attempt_message (void)
{
  static const struct {
    const char *base_url;
    const char *query;
    const char *expected;
  } table[] = {
    { "https://r.example/openai/v1?api-version=preview", "limit=5",
      "https://r.example/openai/v1/files?api-version=preview&limit=5" },
    { "https://r.example/openai/v1?api-version=preview", NULL,
      "https://r.example/openai/v1/files?api-version=preview" },
    { "https://r.example/openai/v1", "limit=5", "https://r.example/openai/v1/files?limit=5" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (GUri) base = sk_attempt_parse_base_url (table[i].base_url);
      g_autoptr (SoupMessage) msg = NULL;
      g_autofree char *url = NULL;
      SoupMessageHeaders *headers;
      gboolean api_key_header = i % 2 == 0;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      msg = sk_attempt_new_message (base, SOUP_METHOD_GET, "/files", table[i].query, NULL,
                                    "k-1234", api_key_header, NULL, NULL);
      url = g_uri_to_string (soup_message_get_uri (msg));
      g_assert_cmpstr (url, ==, table[i].expected);
      headers = soup_message_get_request_headers (msg);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "api-key"), ==,
                       api_key_header ? "k-1234" : NULL);
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                       api_key_header ? NULL : "Bearer k-1234");
    }
}

static void
test_fake_azure_check (void)
{
  static const struct {
    const char *path;
    const char *query_version;
    const char *header;
    const char *required;
    const char *expected;
    guint       status;
  } table[] = {
    { "/openai/v1/files", NULL, AZURE_KEY, NULL, "/v1/files", 0 },
    { "/openai/v1/vector_stores/vs_1/files", "v1", AZURE_KEY, NULL, "/v1/vector_stores/vs_1/files", 0 },
    { "/v1/files", NULL, AZURE_KEY, NULL, NULL, 404 },
    { "/openai/files", NULL, AZURE_KEY, NULL, NULL, 404 },
    { "/openai/v1/files", NULL, NULL, NULL, NULL, 401 },
    { "/openai/v1/files", NULL, "other-key", NULL, NULL, 401 },
    { "/openai/v1/files", NULL, AZURE_KEY, "preview", NULL, 400 },
    { "/openai/v1/files", "v1", AZURE_KEY, "preview", NULL, 404 },
    { "/openai/v1/files", "preview", AZURE_KEY, "preview", "/v1/files", 0 },
    { "/openai/files/file-1", "2024-06-01", AZURE_KEY, "2024-06-01", "/v1/files/file-1", 0 },
    { "/openai/v1/files", "2024-06-01", AZURE_KEY, "2024-06-01", NULL, 404 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      g_autoptr (GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *path = NULL;
      g_autofree char *message = NULL;
      guint status = 0;

      g_test_message ("row %" G_GSIZE_FORMAT ": %s", i, table[i].path);
      if (table[i].header != NULL)
        soup_message_headers_append (headers, "api-key", table[i].header);
      /* a bearer alone is not enough */
      soup_message_headers_append (headers, "Authorization", "Bearer " AZURE_KEY);
      if (table[i].query_version != NULL)
        g_hash_table_insert (query, (gpointer) "api-version", (gpointer) table[i].query_version);

      path = sk_fake_azure_check_request (table[i].path, query, headers, table[i].required,
                                          AZURE_KEY, &status, &message);
      g_assert_cmpstr (path, ==, table[i].expected);
      if (table[i].expected == NULL)
        {
          g_assert_cmpuint (status, ==, table[i].status);
          g_assert_nonnull (message);
          g_assert_null (strstr (message, AZURE_KEY));
        }
    }

  g_assert_true (sk_fake_azure_deletes_with_no_content ("2024-06-01", "DELETE", "/v1/files/f"));
  g_assert_false (sk_fake_azure_deletes_with_no_content ("2024-10-21", "DELETE", "/v1/files/f"));
  g_assert_false (sk_fake_azure_deletes_with_no_content (NULL, "DELETE", "/v1/files/f"));
  g_assert_false (sk_fake_azure_deletes_with_no_content ("2024-06-01", "GET", "/v1/files/f"));
  g_assert_false (sk_fake_azure_deletes_with_no_content ("2024-06-01", "DELETE",
                                                         "/v1/vector_stores/vs_1"));
  g_assert_false (sk_fake_azure_deletes_with_no_content ("2024-06-01", "DELETE",
                                                         "/v1/vector_stores/vs_1/files/f"));
}

/* End to end, against the simulated account */

typedef struct
{
  SkFakeOpenai *fake;
  GPtrArray    *headers;   /* SoupMessageHeaders* sent, in order */
} Fixture;

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  GPtrArray *headers = user_data;

  g_ptr_array_add (headers, soup_message_headers_ref (soup_message_get_request_headers (msg)));
}

static SkClient *
client_new (Fixture    *f,
            SkProvider  provider,
            const char *url,
            const char *api_key,
            const char *api_version)
{
  SkClient *client = g_object_new (SK_TYPE_CLIENT,
                                   "provider", provider,
                                   "base-url", url,
                                   "api-key", api_key,
                                   "api-version", api_version,
                                   "retry-base-ms", 5,
                                   NULL);

  g_signal_connect (sk_client_get_session (client), "request-queued",
                    G_CALLBACK (request_queued_cb), f->headers);
  return client;
}

static char *
endpoint_of (SkFakeOpenai *fake)
{
  return g_strdup_printf ("http://127.0.0.1:%u", sk_fake_openai_get_port (fake));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->fake = sk_test_fake_new ();
  f->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) soup_message_headers_unref);
  g_object_set (f->fake, "api-key", AZURE_KEY, NULL);
  sk_fake_openai_add_file (f->fake, "file-a", "a.pdf", "assistants", 10, 1000);
  sk_fake_openai_add_file (f->fake, "file-b", "b.pdf", "assistants", 20, 1001);
  sk_fake_openai_add_vector_store (f->fake, "vs_1", "store", 1002);
  g_assert_true (sk_fake_openai_attach (f->fake, "vs_1", "file-a", "completed"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->headers, g_ptr_array_unref);
  g_clear_object (&f->fake);
}

static GPtrArray *
list_files (SkClient  *client,
            GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  return sk_client_list_files_finish (client, sk_test_wait_result (&result, 10000), error);
}

static gboolean
delete_file (SkClient    *client,
             const char  *id,
             JsonNode   **json,
             GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  gboolean ok;

  sk_client_delete_file_async (client, id, NULL, sk_test_store_result, &result);
  ok = sk_client_delete_file_finish (client, sk_test_wait_result (&result, 10000), error);
  if (json != NULL)
    *json = sk_client_delete_result_get_json (result);
  return ok;
}

static gboolean
detach_file (SkClient    *client,
             const char  *store_id,
             const char  *id,
             GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sk_client_detach_file_async (client, store_id, id, NULL, sk_test_store_result, &result);
  return sk_client_detach_file_finish (client, sk_test_wait_result (&result, 10000), error);
}

static void
assert_key_only_in_api_key_header (Fixture *f)
{
  g_assert_cmpuint (f->headers->len, >, 0);
  for (guint i = 0; i < f->headers->len; i++)
    {
      SoupMessageHeaders *headers = g_ptr_array_index (f->headers, i);

      g_assert_cmpstr (soup_message_headers_get_one (headers, "api-key"), ==, AZURE_KEY);
      g_assert_null (soup_message_headers_get_one (headers, "Authorization"));
    }
}

static void
test_azure_v1 (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f->fake);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  const GPtrArray *requests;

  sk_fake_openai_set_azure (f->fake, TRUE, NULL);
  client = client_new (f, SK_PROVIDER_AZURE, endpoint, AZURE_KEY, NULL);
  g_assert_cmpint (sk_client_get_provider (client), ==, SK_PROVIDER_AZURE);
  g_assert_cmpstr (sk_client_get_base_url (client), ==, endpoint);

  files = list_files (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_true (detach_file (client, "vs_1", "file-a", &error));
  g_assert_no_error (error);
  g_assert_false (sk_fake_openai_is_attached (f->fake, "vs_1", "file-a"));
  g_assert_true (delete_file (client, "file-b", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-b"));

  requests = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      const SkFakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_true (g_str_has_prefix (request->path, "/openai/v1/"));
      g_assert_cmpuint (request->status, ==, 200);
    }
  assert_key_only_in_api_key_header (f);
}

static void
test_azure_api_version (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f->fake);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (SkClient) no_version = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  const GPtrArray *requests;

  sk_fake_openai_set_azure (f->fake, TRUE, "preview");
  client = client_new (f, SK_PROVIDER_AZURE, endpoint, AZURE_KEY, "preview");
  g_assert_cmpstr (sk_client_get_api_version (client), ==, "preview");
  files = list_files (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);

  requests = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 1);
  {
    const SkFakeRequest *request = g_ptr_array_index (requests, 0);

    g_assert_cmpstr (request->path, ==, "/openai/v1/files");
    g_assert_true (g_str_has_prefix (request->query, "api-version=preview&"));
    g_assert_nonnull (strstr (request->query, "limit="));
  }

  /* without the version the resource requires: refused, key not echoed */
  no_version = client_new (f, SK_PROVIDER_AZURE, endpoint, AZURE_KEY, NULL);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_files (no_version, &error);
  g_assert_null (files);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_BAD_REQUEST);
  g_assert_null (strstr (error->message, AZURE_KEY));
  assert_key_only_in_api_key_header (f);
}

static void
test_azure_dated_204 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f->fake);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (JsonNode) json = NULL;
  g_autoptr (GError) error = NULL;
  const GPtrArray *requests;
  const SkFakeRequest *request;
  JsonObject *object;

  sk_fake_openai_set_azure (f->fake, TRUE, "2024-06-01");
  client = client_new (f, SK_PROVIDER_AZURE, endpoint, AZURE_KEY, "2024-06-01");
  files = list_files (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);

  g_assert_true (delete_file (client, "file-b", &json, &error));
  g_assert_no_error (error);
  g_assert_false (sk_fake_openai_has_file (f->fake, "file-b"));
  g_assert_nonnull (json);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "file-b");
  g_assert_true (json_object_get_boolean_member (object, "deleted"));

  requests = sk_fake_openai_get_requests (f->fake);
  g_assert_cmpuint (requests->len, ==, 2);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->path, ==, "/openai/files");
  request = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (request->method, ==, "DELETE");
  g_assert_cmpstr (request->path, ==, "/openai/files/file-b");
  g_assert_cmpstr (request->query, ==, "api-version=2024-06-01");
  g_assert_cmpuint (request->status, ==, 204);
  assert_key_only_in_api_key_header (f);
}

static void
test_azure_refuses_bearer (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *endpoint = endpoint_of (f->fake);
  g_autofree char *url = g_strconcat (endpoint, "/openai/v1", NULL);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  /* an OpenAI-shaped client pointed at the Azure paths: bearer refused */
  sk_fake_openai_set_azure (f->fake, TRUE, NULL);
  client = client_new (f, SK_PROVIDER_COMPATIBLE, url, AZURE_KEY, NULL);
  files = list_files (client, &error);
  g_assert_null (files);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, AZURE_KEY));
}

static void
test_compatible_bearer (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = sk_fake_openai_dup_base_url (f->fake);
  g_autoptr (SkClient) client = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  const SkFakeRequest *request;
  SoupMessageHeaders *headers;

  /* the version is for Azure only: another provider ignores it */
  client = client_new (f, SK_PROVIDER_COMPATIBLE, url, AZURE_KEY, "preview");
  files = list_files (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  g_assert_cmpuint (f->headers->len, ==, 1);
  headers = g_ptr_array_index (f->headers, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                   "Bearer " AZURE_KEY);
  g_assert_null (soup_message_headers_get_one (headers, "api-key"));
  request = g_ptr_array_index (sk_fake_openai_get_requests (f->fake), 0);
  g_assert_cmpstr (request->path, ==, "/v1/files");
  g_assert_true (request->query == NULL || strstr (request->query, "api-version") == NULL);
}

static gboolean
all_answered_200 (SkFakeOpenai *fake)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);

  for (guint i = 0; i < requests->len; i++)
    if (((SkFakeRequest *) g_ptr_array_index (requests, i))->status != 200)
      return FALSE;

  return requests->len > 0;
}

/* Two accounts on two servers, each accepting only its own key: every
 * request either server got carried that server's key. */
static void
test_two_accounts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (SkFakeOpenai) other = sk_test_fake_new ();
  g_autofree char *endpoint = endpoint_of (f->fake);
  g_autofree char *other_url = sk_fake_openai_dup_base_url (other);
  g_autoptr (SkClient) azure = NULL;
  g_autoptr (SkClient) openai = NULL;
  g_autoptr (GError) error = NULL;

  sk_fake_openai_set_azure (f->fake, TRUE, NULL);
  sk_fake_openai_add_file (other, "file-o", "o.pdf", "assistants", 5, 1000);
  azure = client_new (f, SK_PROVIDER_AZURE, endpoint, AZURE_KEY, NULL);
  openai = client_new (f, SK_PROVIDER_OPENAI, other_url, "sk-test-key", NULL);
  sk_client_set_project (openai, "proj_1");

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr (GPtrArray) a = list_files (azure, &error);
      g_autoptr (GPtrArray) b = NULL;

      g_assert_no_error (error);
      b = list_files (openai, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (a->len, ==, 2 - round);
      g_assert_cmpuint (b->len, ==, 1 - round);
      if (round == 0)
        {
          g_assert_true (delete_file (openai, "file-o", NULL, &error));
          g_assert_no_error (error);
          g_assert_true (delete_file (azure, "file-a", NULL, &error));
          g_assert_no_error (error);
        }
    }

  g_assert_true (all_answered_200 (f->fake));
  g_assert_true (all_answered_200 (other));
  g_assert_cmpuint (sk_fake_openai_count_requests (other, NULL, "/v1/"), ==, 3);
  g_assert_cmpuint (sk_fake_openai_count_requests (f->fake, NULL, "/openai/v1/"), ==, 3);
  for (guint i = 0; i < f->headers->len; i++)
    {
      SoupMessageHeaders *headers = g_ptr_array_index (f->headers, i);
      const char *auth = soup_message_headers_get_one (headers, "Authorization");
      const char *key = soup_message_headers_get_one (headers, "api-key");

      /* one header or the other, never both keys in one request */
      g_assert_true ((auth == NULL) != (key == NULL));
      if (auth != NULL)
        {
          g_assert_cmpstr (auth, ==, "Bearer sk-test-key");
          g_assert_cmpstr (soup_message_headers_get_one (headers, "OpenAI-Project"), ==, "proj_1");
        }
      else
        {
          g_assert_cmpstr (key, ==, AZURE_KEY);
          g_assert_null (soup_message_headers_get_one (headers, "OpenAI-Project"));
        }
    }
}

#define add_test(path, func) \
  g_test_add ("/sk/accounts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/accounts/provider-names", test_provider_names);
  g_test_add_func ("/sk/accounts/api-version", test_api_version);
  g_test_add_func ("/sk/accounts/base-url", test_base_url);
  g_test_add_func ("/sk/accounts/attempt-message", test_attempt_message);
  g_test_add_func ("/sk/accounts/fake-azure-check", test_fake_azure_check);
  add_test ("azure-v1", test_azure_v1);
  add_test ("azure-api-version", test_azure_api_version);
  add_test ("azure-dated-204", test_azure_dated_204);
  add_test ("azure-refuses-bearer", test_azure_refuses_bearer);
  add_test ("compatible-bearer", test_compatible_bearer);
  add_test ("two-accounts", test_two_accounts);

  return g_test_run ();
}
