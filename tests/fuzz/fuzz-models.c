/* fuzz-models.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON model parsers on arbitrary JSON, as SkClient uses them: the root
 * as a single File / VectorStore / VectorStoreFile object, and as a list
 * page ({"object": "list", "data": [...], "has_more": ...}) whose items are
 * parsed with each of the three parsers. Every property of what parses is
 * read back; a parser must return an object XOR an error. */

#include "sk-client.h"
#include "sk-json.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
read_all_properties (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value) && g_value_get_string (&value) != NULL &&
          !g_utf8_validate (g_value_get_string (&value), -1, NULL))
        abort ();
    }
}

static void
parse_as_each (JsonNode *node)
{
  typedef gpointer (*ParseFunc) (JsonNode *, GError **);
  static const ParseFunc parsers[] = {
    (ParseFunc) sk_file_new_from_json,
    (ParseFunc) sk_vector_store_new_from_json,
    (ParseFunc) sk_vector_store_file_new_from_json,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GObject) object = parsers[i] (node, &error);

      if ((object == NULL) == (error == NULL))
        abort ();
      if (error != NULL && (error->message == NULL || !g_utf8_validate (error->message, -1, NULL)))
        abort ();
      if (object == NULL)
        continue;

      read_all_properties (object);
      if (SK_IS_FILE (object))
        {
          if (sk_file_get_id (SK_FILE (object)) == NULL)
            abort ();
        }
      else if (SK_IS_VECTOR_STORE (object))
        {
          SkVectorStore *store = SK_VECTOR_STORE (object);

          GHashTableIter iter;
          gpointer key, value;

          if (sk_vector_store_get_id (store) == NULL ||
              sk_vector_store_get_display_name (store) == NULL ||
              sk_vector_store_get_metadata (store) == NULL)
            abort ();
          if (!g_utf8_validate (sk_vector_store_get_display_name (store), -1, NULL))
            abort ();
          g_hash_table_iter_init (&iter, sk_vector_store_get_metadata (store));
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
              abort ();
        }
      else if (sk_vector_store_file_get_id (SK_VECTOR_STORE_FILE (object)) == NULL)
        {
          abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  JsonArray *array;

  fuzz_init_once ();

  bytes = g_bytes_new (data, size);
  root = sk_json_parse_bytes (bytes, 200, &error);
  if ((root == NULL) == (error == NULL))
    abort ();
  if (root == NULL)
    return 0;

  /* a single object */
  parse_as_each (root);

  /* a list page */
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  array = sk_json_get_array (object, "data");
  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        parse_as_each (json_array_get_element (array, i));
      (void) sk_json_get_bool (object, "has_more", FALSE);
      (void) sk_json_get_string (object, "first_id");
      (void) sk_json_get_string (object, "last_id");
    }

  return 0;
}
