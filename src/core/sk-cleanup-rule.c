/* sk-cleanup-rule.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-cleanup-rule.h"

#include "sk-error.h"

#include <glib/gi18n-lib.h>

#include <errno.h>

/* Cleanup rules: what each criterion selects, the rules as JSON, the
 * built-in ones, and the file they are saved in. Nothing here lists or
 * deletes: the caller gives the items and the time "now". */

#define DAY 86400

SkCleanupRule *
sk_cleanup_rule_new (const char      *name,
                     SkCleanupTarget  target)
{
  SkCleanupRule *rule;

  g_return_val_if_fail (name != NULL, NULL);

  rule = g_new0 (SkCleanupRule, 1);
  rule->name = g_strdup (name);
  rule->target = target;
  return rule;
}

void
sk_cleanup_rule_free (SkCleanupRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->name);
  g_strfreev (rule->purposes);
  g_free (rule->status);
  g_free (rule->name_glob);
  g_free (rule);
}

/* The criteria files and stores share */
static gboolean
matches_common (const SkCleanupRule *rule,
                gint64               created_at,
                gint64               bytes,
                const char          *status,
                const char          *name,
                gint64               now)
{
  if (rule->older_than_days > 0 && created_at > now - (gint64) rule->older_than_days * DAY)
    return FALSE;
  if (rule->min_bytes > 0 && bytes < rule->min_bytes)
    return FALSE;
  if (rule->max_bytes > 0 && bytes > rule->max_bytes)
    return FALSE;
  if (rule->status != NULL && g_strcmp0 (status, rule->status) != 0)
    return FALSE;
  if (rule->name_glob != NULL && (name == NULL || !g_pattern_match_simple (rule->name_glob, name)))
    return FALSE;
  return TRUE;
}

static gboolean
expiring_within (const SkCleanupRule *rule,
                 gint64               expires_at,
                 gint64               now)
{
  return expires_at > now && expires_at <= now + (gint64) rule->expiring_within_days * DAY;
}

gboolean
sk_cleanup_rule_matches_file (const SkCleanupRule *rule,
                              SkFile              *file,
                              SkUsageIndex        *usage,
                              gint64               now)
{
  const char *id;
  gint64 expires_at;

  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (SK_IS_FILE (file), FALSE);
  g_return_val_if_fail (!usage || SK_IS_USAGE_INDEX (usage), FALSE);

  if (rule->target != SK_CLEANUP_FILES)
    return FALSE;
  if (rule->purposes != NULL &&
      (sk_file_get_purpose (file) == NULL ||
       !g_strv_contains ((const char * const *) rule->purposes, sk_file_get_purpose (file))))
    return FALSE;
  if (!matches_common (rule, sk_file_get_created_at (file), sk_file_get_bytes (file),
                       sk_file_get_status (file), sk_file_get_filename (file), now))
    return FALSE;

  expires_at = sk_file_get_expires_at (file);
  if (rule->expired && (expires_at == 0 || expires_at > now))
    return FALSE;
  if (rule->expiring_within_days > 0 && !expiring_within (rule, expires_at, now))
    return FALSE;

  if (rule->use != SK_CLEANUP_USE_ANY)
    {
      id = sk_file_get_id (file);
      if (usage == NULL)
        return FALSE;
      if ((rule->use == SK_CLEANUP_USE_UNUSED) != sk_usage_index_is_unused (usage, id))
        return FALSE;
    }
  return TRUE;
}

gboolean
sk_cleanup_rule_matches_store (const SkCleanupRule *rule,
                               SkVectorStore       *store,
                               gint64               now)
{
  gint64 expires_at;

  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (SK_IS_VECTOR_STORE (store), FALSE);

  if (rule->target != SK_CLEANUP_VECTOR_STORES)
    return FALSE;
  if (!matches_common (rule, sk_vector_store_get_created_at (store), sk_vector_store_get_usage_bytes (store),
                       sk_vector_store_get_status (store), sk_vector_store_get_name (store), now))
    return FALSE;

  expires_at = sk_vector_store_get_expires_at (store);
  if (rule->expired && g_strcmp0 (sk_vector_store_get_status (store), "expired") != 0)
    return FALSE;
  if (rule->expiring_within_days > 0 && !expiring_within (rule, expires_at, now))
    return FALSE;
  if (rule->inactive_days > 0 &&
      sk_vector_store_get_last_active_at (store) > now - (gint64) rule->inactive_days * DAY)
    return FALSE;
  if (rule->use == SK_CLEANUP_USE_USED && sk_vector_store_get_files_total (store) == 0)
    return FALSE;
  if (rule->use == SK_CLEANUP_USE_UNUSED && sk_vector_store_get_files_total (store) != 0)
    return FALSE;
  return TRUE;
}

/* JSON */

static const char *const use_names[] = { "any", "used", "unused" };

JsonNode *
sk_cleanup_rule_to_json (const SkCleanupRule *rule)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (rule != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, rule->name);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, rule->target == SK_CLEANUP_FILES ? "files" : "vector_stores");
  if (rule->purposes != NULL)
    {
      json_builder_set_member_name (builder, "purposes");
      json_builder_begin_array (builder);
      for (guint i = 0; rule->purposes[i] != NULL; i++)
        json_builder_add_string_value (builder, rule->purposes[i]);
      json_builder_end_array (builder);
    }
#define INT_MEMBER(member, value) \
  if ((value) > 0) \
    { \
      json_builder_set_member_name (builder, member); \
      json_builder_add_int_value (builder, (value)); \
    }
  INT_MEMBER ("older_than_days", rule->older_than_days);
  INT_MEMBER ("min_bytes", rule->min_bytes);
  INT_MEMBER ("max_bytes", rule->max_bytes);
  INT_MEMBER ("expiring_within_days", rule->expiring_within_days);
  INT_MEMBER ("inactive_days", rule->inactive_days);
#undef INT_MEMBER
  if (rule->status != NULL)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, rule->status);
    }
  if (rule->name_glob != NULL)
    {
      json_builder_set_member_name (builder, "name_glob");
      json_builder_add_string_value (builder, rule->name_glob);
    }
  if (rule->expired)
    {
      json_builder_set_member_name (builder, "expired");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (rule->use != SK_CLEANUP_USE_ANY)
    {
      json_builder_set_member_name (builder, "use");
      json_builder_add_string_value (builder, use_names[rule->use]);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GError *
rule_error (const char *name,
            const char *member)
{
  /* Translators: a saved cleanup rule is wrong; %s: its name, then the member ("older_than_days") */
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The cleanup rule “%s” has an invalid “%s”"),
                      name != NULL ? name : "?", member);
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             char       **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_count (JsonObject *object,
            const char *member,
            gint64      max,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value < 0 || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
read_purposes (JsonObject *object,
               GStrv      *out)
{
  JsonNode *node = json_object_get_member (object, "purposes");
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

SkCleanupRule *
sk_cleanup_rule_new_from_json (JsonNode  *node,
                               GError   **error)
{
  static const char *const known[] = {
    "name", "target", "purposes", "older_than_days", "min_bytes", "max_bytes", "status",
    "name_glob", "expired", "expiring_within_days", "use", "inactive_days", NULL
  };
  g_autoptr (SkCleanupRule) rule = NULL;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *use = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object;
  JsonNode *expired;
  gint64 older = 0, expiring = 0, inactive = 0;

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL || !read_string (object, "name", &name) || name == NULL || *name == '\0')
    {
      g_propagate_error (error, rule_error (NULL, "name"));
      return NULL;
    }
  if (!read_string (object, "target", &target) ||
      (g_strcmp0 (target, "files") != 0 && g_strcmp0 (target, "vector_stores") != 0))
    {
      g_propagate_error (error, rule_error (name, "target"));
      return NULL;
    }

  rule = sk_cleanup_rule_new (name, g_str_equal (target, "files") ? SK_CLEANUP_FILES : SK_CLEANUP_VECTOR_STORES);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_propagate_error (error, rule_error (name, l->data));
        return NULL;
      }

#define CHECK(ok, member) \
  if (!(ok)) \
    { \
      g_propagate_error (error, rule_error (name, member)); \
      return NULL; \
    }
  CHECK (read_purposes (object, &rule->purposes), "purposes");
  CHECK (read_count (object, "older_than_days", 100000, &older), "older_than_days");
  CHECK (read_count (object, "min_bytes", G_MAXINT64, &rule->min_bytes), "min_bytes");
  CHECK (read_count (object, "max_bytes", G_MAXINT64, &rule->max_bytes), "max_bytes");
  CHECK (read_count (object, "expiring_within_days", 100000, &expiring), "expiring_within_days");
  CHECK (read_count (object, "inactive_days", 100000, &inactive), "inactive_days");
  CHECK (read_string (object, "status", &rule->status), "status");
  CHECK (read_string (object, "name_glob", &rule->name_glob), "name_glob");
  CHECK (read_string (object, "use", &use), "use");
  expired = json_object_get_member (object, "expired");
  CHECK (expired == NULL || (JSON_NODE_HOLDS_VALUE (expired) &&
                             json_node_get_value_type (expired) == G_TYPE_BOOLEAN), "expired");
#undef CHECK

  rule->older_than_days = (guint) older;
  rule->expiring_within_days = (guint) expiring;
  rule->inactive_days = (guint) inactive;
  rule->expired = expired != NULL && json_node_get_boolean (expired);
  if (use != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (use_names) && !g_str_equal (use, use_names[i]); i++)
        ;
      if (i == G_N_ELEMENTS (use_names))
        {
          g_propagate_error (error, rule_error (name, "use"));
          return NULL;
        }
      rule->use = (SkCleanupUse) i;
    }

  return g_steal_pointer (&rule);
}

/* Built-in rules and the rules file */

GPtrArray *
sk_cleanup_rules_builtin (void)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sk_cleanup_rule_free);
  const char *const batch_purposes[] = { "batch", "batch_output", NULL };
  const char *const store_purposes[] = { "assistants", "user_data", NULL };
  SkCleanupRule *rule;

  rule = sk_cleanup_rule_new (_("Batch files older than 30 days"), SK_CLEANUP_FILES);
  rule->purposes = g_strdupv ((char **) batch_purposes);
  rule->older_than_days = 30;
  g_ptr_array_add (rules, rule);

  /* only the purposes stores hold, and never a file a running job reads */
  rule = sk_cleanup_rule_new (_("Files in no vector store"), SK_CLEANUP_FILES);
  rule->purposes = g_strdupv ((char **) store_purposes);
  rule->use = SK_CLEANUP_USE_UNUSED;
  g_ptr_array_add (rules, rule);

  rule = sk_cleanup_rule_new (_("Expired vector stores"), SK_CLEANUP_VECTOR_STORES);
  rule->expired = TRUE;
  g_ptr_array_add (rules, rule);

  rule = sk_cleanup_rule_new (_("Empty vector stores"), SK_CLEANUP_VECTOR_STORES);
  rule->use = SK_CLEANUP_USE_UNUSED;
  g_ptr_array_add (rules, rule);

  return rules;
}

GPtrArray *
sk_cleanup_rules_load (const char  *path,
                       GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) rules = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return sk_cleanup_rules_builtin ();
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  array = object != NULL && json_object_has_member (object, "rules")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "rules"))
          ? json_object_get_array_member (object, "rules") : NULL;
  if (array == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The cleanup rules file has no “rules” list"));
      return NULL;
    }

  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sk_cleanup_rule_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SkCleanupRule *rule = sk_cleanup_rule_new_from_json (json_array_get_element (array, i), error);

      if (rule == NULL)
        return NULL;
      g_ptr_array_add (rules, rule);
    }
  return g_steal_pointer (&rules);
}

gboolean
sk_cleanup_rules_save (GPtrArray   *rules,
                       const char  *path,
                       GError     **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < rules->len; i++)
    json_array_add_element (array, sk_cleanup_rule_to_json (g_ptr_array_index (rules, i)));
  json_object_set_array_member (object, "rules", array);
  json_node_set_object (root, object);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
