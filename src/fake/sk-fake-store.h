/* sk-fake-store.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-index.h"
#include "sk-fake-jobs.h"

G_BEGIN_DECLS

/* The data of the simulated account: files, vector stores and their
 * attachments, with the file counts the real API keeps. It knows nothing of
 * HTTP; the server answers from it and the dataset generator fills it. */

typedef enum
{
  SK_FAKE_COUNT_IN_PROGRESS,
  SK_FAKE_COUNT_COMPLETED,
  SK_FAKE_COUNT_FAILED,
  SK_FAKE_COUNT_CANCELLED,
  SK_FAKE_N_COUNTS
} SkFakeCount;

typedef struct
{
  SkFakeItem  item;
  char       *filename;
  char       *purpose;
  gint64      bytes;
  gint64      expires_at;   /* 0: null */
  GPtrArray  *stores;       /* SkFakeVectorStore*, borrowed: the stores it is attached to */
  char       *json;         /* its JSON text once written (a file never changes), or NULL */
  gsize       json_length;
} SkFakeFile;

typedef struct
{
  SkFakeItem   item;
  char        *name;        /* NULL: null */
  gint64       usage_bytes;
  gint64       last_active_at;
  guint        expires_days;
  const char  *status;      /* static */
  gint64       counts[SK_FAKE_N_COUNTS];
  gint64       total;
  SkFakeIndex *files;       /* SkFakeVectorStoreFile; NULL once the store is deleted */
} SkFakeVectorStore;

typedef struct
{
  SkFakeItem   item;          /* the id is the file's */
  const char  *status;        /* static */
  SkFakeCount  status_index;
  gint64       usage_bytes;
  const char  *error_code;    /* static or NULL */
  const char  *error_message; /* static or NULL */
} SkFakeVectorStoreFile;

typedef struct _SkFakeStore SkFakeStore;

/* A new id: "file-" + 22 alphanumerics, or "vs_" + 32 hex digits. */
char                  *sk_fake_make_file_id                (GRand             *rand);
char                  *sk_fake_make_vector_store_id        (GRand             *rand);
/* The SkFakeCount of a vector store file status ("in_progress",
 * "completed", "failed", "cancelled"; NULL: completed), -1 if unknown. */
int                    sk_fake_file_status_index           (const char        *status);
/* 0: no expiry policy */
gint64                 sk_fake_vector_store_expires_at     (SkFakeVectorStore *store);

SkFakeStore           *sk_fake_store_new                   (void);
void                   sk_fake_store_free                  (SkFakeStore       *self);
void                   sk_fake_store_clear                 (SkFakeStore       *self);
SkFakeIndex           *sk_fake_store_get_files             (SkFakeStore       *self);
SkFakeIndex           *sk_fake_store_get_vector_stores     (SkFakeStore       *self);
SkFakeJobs            *sk_fake_store_get_jobs              (SkFakeStore       *self);
SkFakeFile            *sk_fake_store_lookup_file           (SkFakeStore       *self,
                                                            const char        *file_id);
SkFakeVectorStore     *sk_fake_store_lookup_vector_store   (SkFakeStore       *self,
                                                            const char        *vector_store_id);
const char            *sk_fake_store_add_file              (SkFakeStore       *self,
                                                            const char        *id,
                                                            const char        *filename,
                                                            const char        *purpose,
                                                            gint64             bytes,
                                                            gint64             created_at,
                                                            gint64             expires_at);
const char            *sk_fake_store_add_vector_store      (SkFakeStore       *self,
                                                            const char        *id,
                                                            const char        *name,
                                                            gint64             created_at,
                                                            gint64             last_active_at,
                                                            guint              expires_days,
                                                            const char        *status);
SkFakeVectorStoreFile *sk_fake_store_attach                (SkFakeStore       *self,
                                                            SkFakeVectorStore *store,
                                                            SkFakeFile        *file,
                                                            SkFakeCount        status_index,
                                                            gint64             created_at,
                                                            const char        *error_code);
gboolean               sk_fake_store_attach_by_id          (SkFakeStore       *self,
                                                            const char        *vector_store_id,
                                                            const char        *file_id,
                                                            const char        *status,
                                                            gint64             created_at,
                                                            const char        *error_code);
gboolean               sk_fake_store_detach                (SkFakeStore       *self,
                                                            SkFakeVectorStore *store,
                                                            const char        *file_id,
                                                            gboolean           update_counts);
void                   sk_fake_store_delete_file           (SkFakeStore       *self,
                                                            SkFakeFile        *file,
                                                            gboolean           update_counts);
void                   sk_fake_store_delete_vector_store   (SkFakeStore       *self,
                                                            SkFakeVectorStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkFakeStore, sk_fake_store_free)

G_END_DECLS
