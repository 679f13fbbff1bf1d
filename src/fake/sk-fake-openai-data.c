/* sk-fake-openai-data.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-openai.h"

#include "sk-fake-dataset.h"
#include "sk-fake-openai-private.h"

/* The part of the SkFakeOpenai API that fills and inspects the account
 * data, whatever the server is doing. */

#define STORE(self) (_sk_fake_openai_get_store (self))

/* Adds a seeded, realistic account (see sk-fake-dataset.c). */
void
sk_fake_openai_generate (SkFakeOpenai *self,
                         guint         seed,
                         guint         n_files,
                         guint         n_vector_stores)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  sk_fake_dataset_generate (STORE (self), seed, n_files, n_vector_stores);
  sk_fake_jobs_generate (sk_fake_store_get_jobs (STORE (self)),
                         sk_fake_store_get_files (STORE (self)), seed);
}

void
sk_fake_openai_clear (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  sk_fake_store_clear (STORE (self));
}

void
sk_fake_openai_add_file (SkFakeOpenai *self,
                         const char   *id,
                         const char   *filename,
                         const char   *purpose,
                         gint64        bytes,
                         gint64        created_at)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  sk_fake_store_add_file (STORE (self), id, filename, purpose, bytes, created_at, 0);
}

void
sk_fake_openai_add_vector_store (SkFakeOpenai *self,
                                 const char   *id,
                                 const char   *name,
                                 gint64        created_at)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  sk_fake_store_add_vector_store (STORE (self), id, name, created_at, 0, 0, "completed");
}

gboolean
sk_fake_openai_attach (SkFakeOpenai *self,
                       const char   *vector_store_id,
                       const char   *file_id,
                       const char   *status)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return sk_fake_store_attach_by_id (STORE (self), vector_store_id, file_id, status, 0, NULL);
}

/**
 * sk_fake_openai_add_batch:
 * @id: (nullable): the batch id, or %NULL for a new one
 * @status: a batch status of the spec (e.g. "in_progress", "completed")
 * @output_file_id: (nullable): the output file
 *
 * Adds a batch reading @input_file_id, created now.
 *
 * Returns: %TRUE when added (the id is free and the status known)
 */
gboolean
sk_fake_openai_add_batch (SkFakeOpenai *self,
                          const char   *id,
                          const char   *status,
                          const char   *input_file_id,
                          const char   *output_file_id)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return sk_fake_jobs_add_batch (sk_fake_store_get_jobs (STORE (self)), id, 0, status,
                                 input_file_id, output_file_id, NULL) != NULL;
}

/**
 * sk_fake_openai_add_fine_tuning_job:
 * @id: (nullable): the job id, or %NULL for a new one
 * @status: a job status of the spec (e.g. "running", "succeeded")
 * @validation_file: (nullable): the validation file
 * @result_file: (nullable): the one result file
 *
 * Adds a fine-tuning job trained on @training_file, created now.
 *
 * Returns: %TRUE when added
 */
gboolean
sk_fake_openai_add_fine_tuning_job (SkFakeOpenai *self,
                                    const char   *id,
                                    const char   *status,
                                    const char   *training_file,
                                    const char   *validation_file,
                                    const char   *result_file)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return sk_fake_jobs_add_fine_tuning_job (sk_fake_store_get_jobs (STORE (self)), id, 0, status,
                                           training_file, validation_file, result_file) != NULL;
}

guint
sk_fake_openai_get_n_batches (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return sk_fake_index_size (sk_fake_jobs_get_batches (sk_fake_store_get_jobs (STORE (self))));
}

guint
sk_fake_openai_get_n_fine_tuning_jobs (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return sk_fake_index_size (sk_fake_jobs_get_fine_tuning_jobs (sk_fake_store_get_jobs (STORE (self))));
}

/* The days of the store's expiry policy, 0 when it has none (or is unknown) */
guint
sk_fake_openai_get_expiry_days (SkFakeOpenai *self,
                                const char   *vector_store_id)
{
  SkFakeVectorStore *vs;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  vs = sk_fake_store_lookup_vector_store (STORE (self), vector_store_id);
  return vs != NULL ? vs->expires_days : 0;
}

gboolean
sk_fake_openai_has_file (SkFakeOpenai *self,
                         const char   *file_id)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return sk_fake_store_lookup_file (STORE (self), file_id) != NULL;
}

gboolean
sk_fake_openai_has_vector_store (SkFakeOpenai *self,
                                 const char   *vector_store_id)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return sk_fake_store_lookup_vector_store (STORE (self), vector_store_id) != NULL;
}

gboolean
sk_fake_openai_is_attached (SkFakeOpenai *self,
                            const char   *vector_store_id,
                            const char   *file_id)
{
  SkFakeVectorStore *vs;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  vs = sk_fake_store_lookup_vector_store (STORE (self), vector_store_id);
  return vs != NULL && sk_fake_index_lookup (vs->files, file_id) != NULL;
}

guint
sk_fake_openai_get_n_files (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return sk_fake_index_size (sk_fake_store_get_files (STORE (self)));
}

guint
sk_fake_openai_get_n_vector_stores (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return sk_fake_index_size (sk_fake_store_get_vector_stores (STORE (self)));
}

GPtrArray *
sk_fake_openai_list_file_ids (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return sk_fake_index_list_ids (sk_fake_store_get_files (STORE (self)));
}

GPtrArray *
sk_fake_openai_list_vector_store_ids (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return sk_fake_index_list_ids (sk_fake_store_get_vector_stores (STORE (self)));
}

GPtrArray *
sk_fake_openai_list_attached_file_ids (SkFakeOpenai *self,
                                       const char   *vector_store_id)
{
  SkFakeVectorStore *vs;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  vs = sk_fake_store_lookup_vector_store (STORE (self), vector_store_id);
  if (vs == NULL)
    return g_ptr_array_new ();
  return sk_fake_index_list_ids (vs->files);
}
