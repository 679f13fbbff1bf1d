/* sk-fake-jobs.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sk-fake-index.h"

G_BEGIN_DECLS

/* The batches and fine-tuning jobs of the simulated account: the files
 * they read and write, and their status. They only name files by id. */

typedef struct
{
  SkFakeItem  item;
  const char *status;          /* static */
  char       *input_file_id;
  char       *output_file_id;  /* NULL: absent */
  char       *error_file_id;   /* NULL: absent */
} SkFakeBatch;

typedef struct
{
  SkFakeItem  item;
  const char *status;          /* static */
  char       *training_file;
  char       *validation_file; /* NULL: null */
  GPtrArray  *result_files;    /* char* */
} SkFakeFineTuningJob;

typedef struct _SkFakeJobs SkFakeJobs;

SkFakeJobs  *sk_fake_jobs_new                     (void);
void         sk_fake_jobs_free                    (SkFakeJobs  *self);
void         sk_fake_jobs_clear                   (SkFakeJobs  *self);
SkFakeIndex *sk_fake_jobs_get_batches             (SkFakeJobs  *self);
SkFakeIndex *sk_fake_jobs_get_fine_tuning_jobs    (SkFakeJobs  *self);
/* NULL when @id is taken or @status is not a status of the spec;
 * @id NULL makes one; @created_at 0 means now. */
const char  *sk_fake_jobs_add_batch               (SkFakeJobs  *self,
                                                   const char  *id,
                                                   gint64       created_at,
                                                   const char  *status,
                                                   const char  *input_file_id,
                                                   const char  *output_file_id,
                                                   const char  *error_file_id);
const char  *sk_fake_jobs_add_fine_tuning_job     (SkFakeJobs  *self,
                                                   const char  *id,
                                                   gint64       created_at,
                                                   const char  *status,
                                                   const char  *training_file,
                                                   const char  *validation_file,
                                                   const char  *result_file);
/* Batches and jobs over the files of @files (SkFakeFile items) drawn
 * from @seed: most batch inputs and fine-tune files are used, a few of
 * their owners still running. */
void         sk_fake_jobs_generate                (SkFakeJobs  *self,
                                                   SkFakeIndex *files,
                                                   guint        seed);

JsonObject  *sk_fake_json_batch                   (SkFakeBatch         *batch);
JsonObject  *sk_fake_json_fine_tuning_job         (SkFakeFineTuningJob *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkFakeJobs, sk_fake_jobs_free)

G_END_DECLS
