/* sk-usage-index.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-usage-index.h"

#include <glib/gi18n-lib.h>

#include "sk-json.h"

/* Where each file is used: vector store entries, batches (input, output,
 * errors) and fine-tuning jobs (training, validation, results), read from
 * the objects of `GET /v1/batches` and `GET /v1/fine_tuning/jobs`. A file
 * is busy when it is the input of a batch or job that has not finished;
 * it is unused when no store holds it and no unfinished batch or job
 * names it. */
struct _SkUsageIndex
{
  GObject     parent_instance;

  GHashTable *uses;   /* file ID → GPtrArray of SkFileUse */
};

G_DEFINE_FINAL_TYPE (SkUsageIndex, sk_usage_index, G_TYPE_OBJECT)

/* Batch statuses before the end: validating, in_progress, finalizing,
 * cancelling; fine-tuning job statuses: validating_files, queued, running.
 * Unknown statuses count as running, so that a status added by OpenAI
 * never makes a busy file look free. */
static const char * const batch_finished[] = { "failed", "completed", "expired", "cancelled", NULL };
static const char * const job_finished[] = { "succeeded", "failed", "cancelled", NULL };

static void
file_use_free (gpointer data)
{
  SkFileUse *use = data;

  g_free (use->owner_id);
  g_free (use->role);
  g_free (use->status);
  g_free (use);
}

static void
add_use (SkUsageIndex *self,
         const char   *file_id,
         SkUseKind     kind,
         const char   *owner_id,
         const char   *role,
         const char   *status,
         gboolean      running)
{
  GPtrArray *uses;
  SkFileUse *use;

  if (file_id == NULL || *file_id == '\0')
    return;

  uses = g_hash_table_lookup (self->uses, file_id);
  if (uses == NULL)
    {
      uses = g_ptr_array_new_with_free_func (file_use_free);
      g_hash_table_insert (self->uses, g_strdup (file_id), uses);
    }

  use = g_new0 (SkFileUse, 1);
  use->kind = kind;
  use->owner_id = g_strdup (owner_id);
  use->role = g_strdup (role);
  use->status = g_strdup (status);
  use->running = running;
  g_ptr_array_add (uses, use);
}

static gboolean
is_running (const char * const *finished,
            const char         *status)
{
  return status == NULL || !g_strv_contains (finished, status);
}

/* Appends @words (owned) when @n is not zero */
static void
append_count (GString *text,
              guint    n,
              char    *words)
{
  if (n > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, words);
    }
  g_free (words);
}

static void
sk_usage_index_finalize (GObject *object)
{
  SkUsageIndex *self = (SkUsageIndex *)object;

  g_hash_table_unref (self->uses);

  G_OBJECT_CLASS (sk_usage_index_parent_class)->finalize (object);
}

static void
sk_usage_index_class_init (SkUsageIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_usage_index_finalize;
}

static void
sk_usage_index_init (SkUsageIndex *self)
{
  self->uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

SkUsageIndex *
sk_usage_index_new (void)
{
  return g_object_new (SK_TYPE_USAGE_INDEX, NULL);
}

/**
 * sk_usage_index_add_store_entry:
 * @self: the index
 * @file_id: the file
 * @store_id: the vector store that holds it
 * @entry_status: (nullable): the entry's status
 */
void
sk_usage_index_add_store_entry (SkUsageIndex *self,
                                const char   *file_id,
                                const char   *store_id,
                                const char   *entry_status)
{
  g_return_if_fail (SK_IS_USAGE_INDEX (self));
  g_return_if_fail (file_id != NULL && store_id != NULL);

  add_use (self, file_id, SK_USE_VECTOR_STORE, store_id, "entry", entry_status, FALSE);
}

/**
 * sk_usage_index_add_batch:
 * @self: the index
 * @batch: a Batch object as `GET /v1/batches` lists it
 * @error: SK_CLIENT_ERROR_INVALID_RESPONSE when @batch is not an object with an "id"
 *
 * Records its input, output and error files.
 *
 * Returns: %TRUE when @batch was read
 */
gboolean
sk_usage_index_add_batch (SkUsageIndex  *self,
                          JsonNode      *batch,
                          GError       **error)
{
  JsonObject *object;
  const char *id, *status;
  gboolean running;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), FALSE);

  object = sk_json_require_object_with_id (batch, _("A batch is not a JSON object"),
                                           _("A batch has no ID"), error);
  if (object == NULL)
    return FALSE;

  id = sk_json_get_string (object, "id");
  status = sk_json_get_string (object, "status");
  running = is_running (batch_finished, status);
  add_use (self, sk_json_get_string (object, "input_file_id"), SK_USE_BATCH, id, "input", status, running);
  add_use (self, sk_json_get_string (object, "output_file_id"), SK_USE_BATCH, id, "output", status, running);
  add_use (self, sk_json_get_string (object, "error_file_id"), SK_USE_BATCH, id, "error", status, running);
  return TRUE;
}

/**
 * sk_usage_index_add_fine_tuning_job:
 * @self: the index
 * @job: a FineTuningJob object as `GET /v1/fine_tuning/jobs` lists it
 * @error: SK_CLIENT_ERROR_INVALID_RESPONSE when @job is not an object with an "id"
 *
 * Records its training, validation and result files.
 *
 * Returns: %TRUE when @job was read
 */
gboolean
sk_usage_index_add_fine_tuning_job (SkUsageIndex  *self,
                                    JsonNode      *job,
                                    GError       **error)
{
  JsonObject *object;
  JsonArray *results;
  const char *id, *status;
  gboolean running;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), FALSE);

  object = sk_json_require_object_with_id (job, _("A fine-tuning job is not a JSON object"),
                                           _("A fine-tuning job has no ID"), error);
  if (object == NULL)
    return FALSE;

  id = sk_json_get_string (object, "id");
  status = sk_json_get_string (object, "status");
  running = is_running (job_finished, status);
  add_use (self, sk_json_get_string (object, "training_file"), SK_USE_FINE_TUNING_JOB, id, "training", status, running);
  add_use (self, sk_json_get_string (object, "validation_file"), SK_USE_FINE_TUNING_JOB, id, "validation", status, running);

  results = sk_json_get_array (object, "result_files");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        add_use (self, json_node_get_string (node), SK_USE_FINE_TUNING_JOB, id, "result", status, running);
    }
  return TRUE;
}

/**
 * sk_usage_index_get_uses:
 * @self: the index
 * @file_id: a file
 *
 * Returns: (transfer none) (element-type SkFileUse) (nullable): its uses,
 *   in the order they were added; %NULL when it has none
 */
GPtrArray *
sk_usage_index_get_uses (SkUsageIndex *self,
                         const char   *file_id)
{
  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), NULL);
  g_return_val_if_fail (file_id != NULL, NULL);

  return g_hash_table_lookup (self->uses, file_id);
}

guint
sk_usage_index_count (SkUsageIndex *self,
                      const char   *file_id,
                      SkUseKind     kind)
{
  GPtrArray *uses;
  guint n = 0;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), 0);

  uses = sk_usage_index_get_uses (self, file_id);
  for (guint i = 0; uses != NULL && i < uses->len; i++)
    if (((SkFileUse *) g_ptr_array_index (uses, i))->kind == kind)
      n++;
  return n;
}

/**
 * sk_usage_index_is_busy:
 * @self: the index
 * @file_id: a file
 *
 * Returns: %TRUE when the file is the input of a batch, or the training or
 *   validation file of a fine-tuning job, that has not finished
 */
gboolean
sk_usage_index_is_busy (SkUsageIndex *self,
                        const char   *file_id)
{
  GPtrArray *uses;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), FALSE);

  uses = sk_usage_index_get_uses (self, file_id);
  for (guint i = 0; uses != NULL && i < uses->len; i++)
    {
      SkFileUse *use = g_ptr_array_index (uses, i);

      if (use->running && (g_str_equal (use->role, "input") || g_str_equal (use->role, "training") ||
                           g_str_equal (use->role, "validation")))
        return TRUE;
    }
  return FALSE;
}

/**
 * sk_usage_index_is_unused:
 * @self: the index
 * @file_id: a file
 *
 * Returns: %TRUE when no vector store holds the file and no unfinished
 *   batch or fine-tuning job names it
 */
gboolean
sk_usage_index_is_unused (SkUsageIndex *self,
                          const char   *file_id)
{
  GPtrArray *uses;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), FALSE);

  uses = sk_usage_index_get_uses (self, file_id);
  for (guint i = 0; uses != NULL && i < uses->len; i++)
    {
      SkFileUse *use = g_ptr_array_index (uses, i);

      if (use->kind == SK_USE_VECTOR_STORE || use->running)
        return FALSE;
    }
  return TRUE;
}

/**
 * sk_usage_index_describe:
 * @self: the index
 * @file_id: a file
 *
 * Returns: (transfer full): the uses in a few words, as the "Used by"
 *   column shows them: "3 stores · batch running · 1 fine-tuning job";
 *   an empty string when nothing uses the file
 */
char *
sk_usage_index_describe (SkUsageIndex *self,
                         const char   *file_id)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint stores, batches, jobs, batches_running = 0, jobs_running = 0;
  GPtrArray *uses;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (self), NULL);

  uses = sk_usage_index_get_uses (self, file_id);
  for (guint i = 0; uses != NULL && i < uses->len; i++)
    {
      SkFileUse *use = g_ptr_array_index (uses, i);

      if (use->running && use->kind == SK_USE_BATCH)
        batches_running++;
      else if (use->running && use->kind == SK_USE_FINE_TUNING_JOB)
        jobs_running++;
    }
  stores = sk_usage_index_count (self, file_id, SK_USE_VECTOR_STORE);
  batches = sk_usage_index_count (self, file_id, SK_USE_BATCH) - batches_running;
  jobs = sk_usage_index_count (self, file_id, SK_USE_FINE_TUNING_JOB) - jobs_running;

  append_count (text, stores,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u store", "%u stores", stores), stores));
  append_count (text, batches_running,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u batch running", "%u batches running", batches_running), batches_running));
  append_count (text, jobs_running,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u fine-tuning job running", "%u fine-tuning jobs running",
                             jobs_running), jobs_running));
  append_count (text, batches,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finished batch", "%u finished batches", batches), batches));
  append_count (text, jobs,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finished fine-tuning job", "%u finished fine-tuning jobs",
                             jobs), jobs));

  return g_string_free (g_steal_pointer (&text), FALSE);
}
