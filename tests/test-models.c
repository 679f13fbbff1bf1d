/* test-models.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "sk-error.h"
#include "sk-file.h"
#include "sk-vector-store.h"
#include "sk-vector-store-file.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* Real traffic, OPENAI_API_NOTES.md section 2.4 */
static void
test_file_real (void)
{
  g_autoptr (JsonNode) node = parse ("{\"object\":\"file\",\"id\":\"file-8b8J1x9SpFKobop9wFkAZs\","
                                     "\"purpose\":\"assistants\",\"filename\":\"test-file-delete-me.txt\","
                                     "\"bytes\":50,\"created_at\":1780006012,\"expires_at\":null,"
                                     "\"status\":\"processed\",\"status_details\":null}");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkFile) file = sk_file_new_from_json (node, &error);
  g_autofree char *id = NULL;
  gint64 bytes = 0, expires_at = -1;

  g_assert_no_error (error);
  g_assert_cmpstr (sk_file_get_id (file), ==, "file-8b8J1x9SpFKobop9wFkAZs");
  g_assert_cmpstr (sk_file_get_filename (file), ==, "test-file-delete-me.txt");
  g_assert_cmpstr (sk_file_get_purpose (file), ==, "assistants");
  g_assert_cmpstr (sk_file_get_status (file), ==, "processed");
  g_assert_cmpint (sk_file_get_bytes (file), ==, 50);
  g_assert_cmpint (sk_file_get_created_at (file), ==, 1780006012);
  g_assert_cmpint (sk_file_get_expires_at (file), ==, 0);

  /* the same through properties */
  g_object_get (file, "id", &id, "bytes", &bytes, "expires-at", &expires_at, NULL);
  g_assert_cmpstr (id, ==, "file-8b8J1x9SpFKobop9wFkAZs");
  g_assert_cmpint (bytes, ==, 50);
  g_assert_cmpint (expires_at, ==, 0);
}

static void
test_file_lenient (void)
{
  g_autoptr (GError) error = NULL;

  /* unknown purpose, missing fields, unknown fields, non-ASCII name */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"file-1\",\"purpose\":\"evals\",\"filename\":\"é.pdf\","
                                       "\"new_field\":{\"a\":[1,2]},\"expires_at\":1790000000}");
    g_autoptr (SkFile) file = sk_file_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sk_file_get_purpose (file), ==, "evals");
    g_assert_cmpstr (sk_file_get_filename (file), ==, "é.pdf");
    g_assert_null (sk_file_get_status (file));
    g_assert_cmpint (sk_file_get_bytes (file), ==, 0);
    g_assert_cmpint (sk_file_get_expires_at (file), ==, 1790000000);
  }

  /* wrong types are defaults, not warnings (tests run with fatal-warnings) */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"file-2\",\"bytes\":\"50\",\"filename\":7,"
                                       "\"created_at\":1.7e9,\"purpose\":null,\"status\":[]}");
    g_autoptr (SkFile) file = sk_file_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sk_file_get_bytes (file), ==, 0);
    g_assert_null (sk_file_get_filename (file));
    g_assert_cmpint (sk_file_get_created_at (file), ==, 1700000000);
    g_assert_null (sk_file_get_purpose (file));
    g_assert_null (sk_file_get_status (file));
  }

  /* sk_file_new */
  {
    g_autoptr (SkFile) file = sk_file_new ("file-3", "x", 1, 2, 3, "batch", "processed");

    g_assert_cmpstr (sk_file_get_id (file), ==, "file-3");
    g_assert_cmpint (sk_file_get_expires_at (file), ==, 3);
  }
}

static void
assert_rejected (gpointer (*parse_func) (JsonNode *, GError **),
                 const char *json)
{
  g_autoptr (JsonNode) node = json ? parse (json) : NULL;
  g_autoptr (GError) error = NULL;
  gpointer object;

  object = parse_func (node, &error);
  g_assert_null (object);
  g_assert_error (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s: %s", json ? json : "(null)", error->message);
}

static void
test_rejects (void)
{
  const char *bad[] = {
    NULL, "[]", "[{\"id\":\"file-1\"}]", "\"file-1\"", "42", "null", "true",
    "{}", "{\"id\":null}", "{\"id\":42}", "{\"id\":\"\"}", "{\"id\":{\"x\":1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      assert_rejected ((gpointer) sk_file_new_from_json, bad[i]);
      assert_rejected ((gpointer) sk_vector_store_new_from_json, bad[i]);
      assert_rejected ((gpointer) sk_vector_store_file_new_from_json, bad[i]);
    }
}

/* Real traffic, OPENAI_API_NOTES.md section 3.4 */
static void
test_vector_store_real (void)
{
  g_autoptr (JsonNode) node =
    parse ("{\"id\":\"vs_68c9edca686c8191ad9e5c4caaf6457c\",\"object\":\"vector_store\","
           "\"created_at\":1758064074,\"name\":\"test vector store\",\"description\":null,"
           "\"usage_bytes\":0,\"file_counts\":{\"in_progress\":1,\"completed\":0,\"failed\":0,"
           "\"cancelled\":0,\"total\":1},\"status\":\"in_progress\",\"expires_after\":"
           "{\"anchor\":\"last_active_at\",\"days\":3},\"expires_at\":1758323274,"
           "\"last_active_at\":1758064074,\"metadata\":{\"test-key\":\"test-value\"}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStore) store = sk_vector_store_new_from_json (node, &error);
  GHashTable *metadata;
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (sk_vector_store_get_id (store), ==, "vs_68c9edca686c8191ad9e5c4caaf6457c");
  g_assert_cmpstr (sk_vector_store_get_name (store), ==, "test vector store");
  g_assert_cmpstr (sk_vector_store_get_display_name (store), ==, "test vector store");
  g_assert_cmpstr (sk_vector_store_get_status (store), ==, "in_progress");
  g_assert_cmpint (sk_vector_store_get_usage_bytes (store), ==, 0);
  g_assert_cmpint (sk_vector_store_get_files_in_progress (store), ==, 1);
  g_assert_cmpint (sk_vector_store_get_files_completed (store), ==, 0);
  g_assert_cmpint (sk_vector_store_get_files_failed (store), ==, 0);
  g_assert_cmpint (sk_vector_store_get_files_cancelled (store), ==, 0);
  g_assert_cmpint (sk_vector_store_get_files_total (store), ==, 1);
  g_assert_cmpint (sk_vector_store_get_created_at (store), ==, 1758064074);
  g_assert_cmpint (sk_vector_store_get_last_active_at (store), ==, 1758064074);
  g_assert_cmpint (sk_vector_store_get_expires_at (store), ==, 1758323274);
  metadata = sk_vector_store_get_metadata (store);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (metadata, "test-key"), ==, "test-value");

  g_object_get (store, "files-total", &total, NULL);
  g_assert_cmpint (total, ==, 1);
}

static void
test_vector_store_lenient (void)
{
  g_autoptr (GError) error = NULL;

  /* null name, null metadata, null expiry, unknown status, no file_counts */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"vs_1\",\"name\":null,\"metadata\":null,"
                                       "\"expires_at\":null,\"last_active_at\":null,"
                                       "\"status\":\"archived\",\"bytes\":12}");
    g_autoptr (SkVectorStore) store = sk_vector_store_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_null (sk_vector_store_get_name (store));
    g_assert_cmpstr (sk_vector_store_get_display_name (store), ==, "vs_1");
    g_assert_cmpstr (sk_vector_store_get_status (store), ==, "archived");
    g_assert_cmpint (sk_vector_store_get_expires_at (store), ==, 0);
    g_assert_cmpint (sk_vector_store_get_files_total (store), ==, 0);
    g_assert_nonnull (sk_vector_store_get_metadata (store));
    g_assert_cmpuint (g_hash_table_size (sk_vector_store_get_metadata (store)), ==, 0);
  }

  /* empty name, odd metadata values, file_counts of the wrong type */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"vs_2\",\"name\":\"\",\"file_counts\":[1],"
                                       "\"metadata\":{\"a\":\"b\",\"n\":3,\"z\":null}}");
    g_autoptr (SkVectorStore) store = sk_vector_store_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sk_vector_store_get_display_name (store), ==, "vs_2");
    g_assert_cmpuint (g_hash_table_size (sk_vector_store_get_metadata (store)), ==, 1);
  }
}

/* Real traffic, OPENAI_API_NOTES.md section 4.4 */
static void
test_vector_store_file_real (void)
{
  g_autoptr (JsonNode) node =
    parse ("{\"id\":\"file-AyHcRJM3RR9FXPdwvgKgtr\",\"object\":\"vector_store.file\","
           "\"usage_bytes\":1045,\"created_at\":1758064060,"
           "\"vector_store_id\":\"vs_68c9edb91bd0819181f77b5bbe965d7a\",\"status\":\"completed\","
           "\"last_error\":null,\"chunking_strategy\":{\"type\":\"static\",\"static\":"
           "{\"max_chunk_size_tokens\":800,\"chunk_overlap_tokens\":400}},\"attributes\":{}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStoreFile) entry = sk_vector_store_file_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sk_vector_store_file_get_id (entry), ==, "file-AyHcRJM3RR9FXPdwvgKgtr");
  g_assert_cmpstr (sk_vector_store_file_get_vector_store_id (entry), ==,
                   "vs_68c9edb91bd0819181f77b5bbe965d7a");
  g_assert_cmpstr (sk_vector_store_file_get_status (entry), ==, "completed");
  g_assert_cmpint (sk_vector_store_file_get_usage_bytes (entry), ==, 1045);
  g_assert_cmpint (sk_vector_store_file_get_created_at (entry), ==, 1758064060);
  g_assert_null (sk_vector_store_file_get_last_error_code (entry));
  g_assert_null (sk_vector_store_file_get_last_error_message (entry));
}

static void
test_vector_store_file_last_error (void)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"file-1\",\"status\":\"failed\",\"last_error\":"
                                       "{\"code\":\"unsupported_file\",\"message\":\"The file type is not supported.\"}}");
    g_autoptr (SkVectorStoreFile) entry = sk_vector_store_file_new_from_json (node, &error);
    g_autofree char *code = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (sk_vector_store_file_get_last_error_code (entry), ==, "unsupported_file");
    g_assert_cmpstr (sk_vector_store_file_get_last_error_message (entry), ==,
                     "The file type is not supported.");
    g_object_get (entry, "last-error-code", &code, NULL);
    g_assert_cmpstr (code, ==, "unsupported_file");
    g_assert_null (sk_vector_store_file_get_vector_store_id (entry));
  }

  /* a last_error of the wrong shape, an unknown status */
  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"file-2\",\"status\":\"paused\",\"last_error\":\"boom\"}");
    g_autoptr (SkVectorStoreFile) entry = sk_vector_store_file_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sk_vector_store_file_get_status (entry), ==, "paused");
    g_assert_null (sk_vector_store_file_get_last_error_code (entry));
  }

  {
    g_autoptr (JsonNode) node = parse ("{\"id\":\"file-3\",\"last_error\":{\"code\":null,\"message\":null}}");
    g_autoptr (SkVectorStoreFile) entry = sk_vector_store_file_new_from_json (node, &error);

    g_assert_no_error (error);
    g_assert_null (sk_vector_store_file_get_last_error_code (entry));
    g_assert_null (sk_vector_store_file_get_last_error_message (entry));
  }
}

static void
test_properties_read_only (void)
{
  struct { GType type; const char *name; } props[] = {
    { SK_TYPE_FILE, "purpose" },
    { SK_TYPE_VECTOR_STORE, "name" },
    { SK_TYPE_VECTOR_STORE_FILE, "last-error-message" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autoptr (GTypeClass) klass = g_type_class_ref (props[i].type);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), props[i].name);

      g_assert_nonnull (pspec);
      g_assert_true ((pspec->flags & G_PARAM_READABLE) != 0);
      g_assert_true ((pspec->flags & G_PARAM_WRITABLE) == 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* no G_TEST_OPTION_ISOLATE_DIRS: these tests touch no user file, and
   * GLib 2.74 leaks its g_set_user_dirs() copies (valgrind setup) */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/models/file/real", test_file_real);
  g_test_add_func ("/sk/models/file/lenient", test_file_lenient);
  g_test_add_func ("/sk/models/rejects", test_rejects);
  g_test_add_func ("/sk/models/vector-store/real", test_vector_store_real);
  g_test_add_func ("/sk/models/vector-store/lenient", test_vector_store_lenient);
  g_test_add_func ("/sk/models/vector-store-file/real", test_vector_store_file_real);
  g_test_add_func ("/sk/models/vector-store-file/last-error", test_vector_store_file_last_error);
  g_test_add_func ("/sk/models/read-only", test_properties_read_only);

  return g_test_run ();
}
