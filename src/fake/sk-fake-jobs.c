/* sk-fake-jobs.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-jobs.h"

#include "sk-fake-store.h"

#include <string.h>

#define DAY 86400

struct _SkFakeJobs
{
  SkFakeIndex *batches;
  SkFakeIndex *jobs;
  guint64      next_seq;
  GRand       *id_rand;
};

static const char *const batch_statuses[] = {
  "validating", "failed", "in_progress", "finalizing",
  "completed", "expired", "cancelling", "cancelled",
};

static const char *const job_statuses[] = {
  "validating_files", "queued", "running", "succeeded", "failed", "cancelled",
};

static const char *
static_status (const char        *status,
               const char *const *statuses,
               guint              n_statuses)
{
  for (guint i = 0; status != NULL && i < n_statuses; i++)
    if (g_str_equal (status, statuses[i]))
      return statuses[i];
  return NULL;
}

static void
batch_free (gpointer data)
{
  SkFakeBatch *batch = data;

  g_free (batch->item.id);
  g_free (batch->input_file_id);
  g_free (batch->output_file_id);
  g_free (batch->error_file_id);
  g_free (batch);
}

static void
job_free (gpointer data)
{
  SkFakeFineTuningJob *job = data;

  g_free (job->item.id);
  g_free (job->training_file);
  g_free (job->validation_file);
  g_clear_pointer (&job->result_files, g_ptr_array_unref);
  g_free (job);
}

/* "batch_" + 32 hex digits, or "ftjob-" + 24 alphanumerics */
static char *
make_id (GRand      *rand,
         const char *prefix,
         const char *alphabet,
         guint       length)
{
  GString *id = g_string_new (prefix);
  guint n = strlen (alphabet);

  for (guint i = 0; i < length; i++)
    g_string_append_c (id, alphabet[g_rand_int_range (rand, 0, n)]);
  return g_string_free (id, FALSE);
}

static char *
make_batch_id (GRand *rand)
{
  return make_id (rand, "batch_", "0123456789abcdef", 32);
}

static char *
make_job_id (GRand *rand)
{
  return make_id (rand, "ftjob-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24);
}

static void
item_init (SkFakeJobs *self,
           SkFakeItem *item,
           char       *id,
           gint64      created_at)
{
  item->id = id;
  item->created_at = created_at > 0 ? created_at : g_get_real_time () / G_USEC_PER_SEC;
  item->seq = self->next_seq++;
}

SkFakeJobs *
sk_fake_jobs_new (void)
{
  SkFakeJobs *self = g_new0 (SkFakeJobs, 1);

  self->batches = sk_fake_index_new (batch_free);
  self->jobs = sk_fake_index_new (job_free);
  self->id_rand = g_rand_new_with_seed (0xba7c);
  return self;
}

void
sk_fake_jobs_free (SkFakeJobs *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->batches, sk_fake_index_free);
  g_clear_pointer (&self->jobs, sk_fake_index_free);
  g_clear_pointer (&self->id_rand, g_rand_free);
  g_free (self);
}

void
sk_fake_jobs_clear (SkFakeJobs *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->batches, sk_fake_index_free);
  g_clear_pointer (&self->jobs, sk_fake_index_free);
  self->batches = sk_fake_index_new (batch_free);
  self->jobs = sk_fake_index_new (job_free);
}

SkFakeIndex *
sk_fake_jobs_get_batches (SkFakeJobs *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->batches;
}

SkFakeIndex *
sk_fake_jobs_get_fine_tuning_jobs (SkFakeJobs *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->jobs;
}

const char *
sk_fake_jobs_add_batch (SkFakeJobs *self,
                        const char *id,
                        gint64      created_at,
                        const char *status,
                        const char *input_file_id,
                        const char *output_file_id,
                        const char *error_file_id)
{
  const char *s = static_status (status, batch_statuses, G_N_ELEMENTS (batch_statuses));
  SkFakeBatch *batch;
  char *new_id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input_file_id != NULL, NULL);

  if (s == NULL)
    return NULL;
  new_id = sk_fake_index_claim_id (self->batches, id, make_batch_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  batch = g_new0 (SkFakeBatch, 1);
  item_init (self, &batch->item, new_id, created_at);
  batch->status = s;
  batch->input_file_id = g_strdup (input_file_id);
  batch->output_file_id = g_strdup (output_file_id);
  batch->error_file_id = g_strdup (error_file_id);
  sk_fake_index_add (self->batches, &batch->item);
  return batch->item.id;
}

const char *
sk_fake_jobs_add_fine_tuning_job (SkFakeJobs *self,
                                  const char *id,
                                  gint64      created_at,
                                  const char *status,
                                  const char *training_file,
                                  const char *validation_file,
                                  const char *result_file)
{
  const char *s = static_status (status, job_statuses, G_N_ELEMENTS (job_statuses));
  SkFakeFineTuningJob *job;
  char *new_id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (training_file != NULL, NULL);

  if (s == NULL)
    return NULL;
  new_id = sk_fake_index_claim_id (self->jobs, id, make_job_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  job = g_new0 (SkFakeFineTuningJob, 1);
  item_init (self, &job->item, new_id, created_at);
  job->status = s;
  job->training_file = g_strdup (training_file);
  job->validation_file = g_strdup (validation_file);
  job->result_files = g_ptr_array_new_with_free_func (g_free);
  if (result_file != NULL)
    g_ptr_array_add (job->result_files, g_strdup (result_file));
  sk_fake_index_add (self->jobs, &job->item);
  return job->item.id;
}

/* The next unused file of @pool, or NULL. */
static const char *
take (GPtrArray *pool,
      guint     *next)
{
  if (*next >= pool->len)
    return NULL;
  return ((SkFakeFile *) pool->pdata[(*next)++])->item.id;
}

static const char *
pick_batch_status (GRand *rand)
{
  double r = g_rand_double (rand);

  if (r < 0.04)
    return "validating";
  if (r < 0.10)
    return "in_progress";
  if (r < 0.12)
    return "finalizing";
  if (r < 0.80)
    return "completed";
  if (r < 0.88)
    return "failed";
  if (r < 0.95)
    return "expired";
  return "cancelled";
}

static const char *
pick_job_status (GRand *rand)
{
  double r = g_rand_double (rand);

  if (r < 0.04)
    return "validating_files";
  if (r < 0.08)
    return "queued";
  if (r < 0.15)
    return "running";
  if (r < 0.80)
    return "succeeded";
  if (r < 0.92)
    return "failed";
  return "cancelled";
}

void
sk_fake_jobs_generate (SkFakeJobs  *self,
                       SkFakeIndex *files,
                       guint        seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed ^ 0x6a0b5u);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) batch_inputs = g_ptr_array_new ();
  g_autoptr (GPtrArray) batch_outputs = g_ptr_array_new ();
  g_autoptr (GPtrArray) training = g_ptr_array_new ();
  g_autoptr (GPtrArray) results = g_ptr_array_new ();
  guint next_output = 0, next_result = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (files != NULL);

  items = sk_fake_index_list_items (files);
  for (guint i = 0; i < items->len; i++)
    {
      SkFakeFile *file = items->pdata[i];

      if (g_str_equal (file->purpose, "batch"))
        g_ptr_array_add (batch_inputs, file);
      else if (g_str_equal (file->purpose, "batch_output"))
        g_ptr_array_add (batch_outputs, file);
      else if (g_str_equal (file->purpose, "fine-tune"))
        g_ptr_array_add (training, file);
      else if (g_str_equal (file->purpose, "fine-tune-results"))
        g_ptr_array_add (results, file);
    }

  /* about nine in ten batch inputs belong to a batch */
  for (guint i = 0; i < batch_inputs->len; i++)
    {
      SkFakeFile *input = batch_inputs->pdata[i];
      const char *status;
      const char *output = NULL;

      if (g_rand_double (rand) >= 0.9)
        continue;
      status = pick_batch_status (rand);
      if (g_str_equal (status, "completed") || g_str_equal (status, "expired"))
        output = take (batch_outputs, &next_output);
      sk_fake_jobs_add_batch (self, NULL, input->item.created_at + g_rand_int_range (rand, 1, 600),
                              status, input->item.id, output,
                              g_str_equal (status, "failed") ? take (batch_outputs, &next_output) : NULL);
    }

  /* about seven in ten training files trained a job, some with a validation file */
  for (guint i = 0; i < training->len; i++)
    {
      SkFakeFile *file = training->pdata[i];
      SkFakeFile *validation = NULL;
      const char *status;

      if (g_rand_double (rand) >= 0.7)
        continue;
      if (i + 1 < training->len && g_rand_double (rand) < 0.3)
        validation = training->pdata[++i];
      status = pick_job_status (rand);
      sk_fake_jobs_add_fine_tuning_job (self, NULL,
                                        file->item.created_at + g_rand_int_range (rand, 1, DAY),
                                        status, file->item.id,
                                        validation != NULL ? validation->item.id : NULL,
                                        g_str_equal (status, "succeeded") ? take (results, &next_result)
                                                                          : NULL);
    }
}

JsonObject *
sk_fake_json_batch (SkFakeBatch *batch)
{
  JsonObject *object = json_object_new ();
  JsonObject *counts = json_object_new ();
  gboolean done = g_str_equal (batch->status, "completed");

  json_object_set_string_member (object, "id", batch->item.id);
  json_object_set_string_member (object, "object", "batch");
  json_object_set_string_member (object, "endpoint", "/v1/chat/completions");
  json_object_set_string_member (object, "model", "gpt-4o-mini-2024-07-18");
  json_object_set_string_member (object, "input_file_id", batch->input_file_id);
  json_object_set_string_member (object, "completion_window", "24h");
  json_object_set_string_member (object, "status", batch->status);
  if (batch->output_file_id != NULL)
    json_object_set_string_member (object, "output_file_id", batch->output_file_id);
  if (batch->error_file_id != NULL)
    json_object_set_string_member (object, "error_file_id", batch->error_file_id);
  json_object_set_int_member (object, "created_at", batch->item.created_at);
  json_object_set_int_member (object, "expires_at", batch->item.created_at + DAY);
  if (done)
    json_object_set_int_member (object, "completed_at", batch->item.created_at + 3600);
  json_object_set_int_member (counts, "total", 100);
  json_object_set_int_member (counts, "completed", done ? 100 : 0);
  json_object_set_int_member (counts, "failed", 0);
  json_object_set_object_member (object, "request_counts", counts);
  json_object_set_null_member (object, "metadata");
  return object;
}

static gboolean
job_finished (SkFakeFineTuningJob *job)
{
  return g_str_equal (job->status, "succeeded") || g_str_equal (job->status, "failed") ||
         g_str_equal (job->status, "cancelled");
}

JsonObject *
sk_fake_json_fine_tuning_job (SkFakeFineTuningJob *job)
{
  JsonObject *object = json_object_new ();
  JsonObject *hyper = json_object_new ();
  JsonArray *results = json_array_new ();
  gboolean succeeded = g_str_equal (job->status, "succeeded");

  json_object_set_string_member (object, "object", "fine_tuning.job");
  json_object_set_string_member (object, "id", job->item.id);
  json_object_set_string_member (object, "model", "gpt-4o-mini-2024-07-18");
  json_object_set_int_member (object, "created_at", job->item.created_at);
  if (job_finished (job))
    json_object_set_int_member (object, "finished_at", job->item.created_at + 5400);
  else
    json_object_set_null_member (object, "finished_at");
  if (succeeded)
    json_object_set_string_member (object, "fine_tuned_model",
                                   "ft:gpt-4o-mini-2024-07-18:storekeeper::demo");
  else
    json_object_set_null_member (object, "fine_tuned_model");
  json_object_set_string_member (object, "organization_id", "org-storekeeperdemo");
  for (guint i = 0; i < job->result_files->len; i++)
    json_array_add_string_element (results, job->result_files->pdata[i]);
  json_object_set_array_member (object, "result_files", results);
  json_object_set_string_member (object, "status", job->status);
  if (job->validation_file != NULL)
    json_object_set_string_member (object, "validation_file", job->validation_file);
  else
    json_object_set_null_member (object, "validation_file");
  json_object_set_string_member (object, "training_file", job->training_file);
  json_object_set_string_member (hyper, "n_epochs", "auto");
  json_object_set_string_member (hyper, "batch_size", "auto");
  json_object_set_string_member (hyper, "learning_rate_multiplier", "auto");
  json_object_set_object_member (object, "hyperparameters", hyper);
  if (succeeded)
    json_object_set_int_member (object, "trained_tokens", 5768);
  else
    json_object_set_null_member (object, "trained_tokens");
  json_object_set_null_member (object, "error");
  json_object_set_int_member (object, "seed", 42);
  json_object_set_null_member (object, "metadata");
  return object;
}
