/* sk-fake-dataset.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-openai.h"

G_BEGIN_DECLS

/* Private to the simulated account: the seeded dataset generator
 * (sk-fake-dataset.c) and the fuller insertion functions it uses
 * (sk-fake-openai.c). */

/* A new id: "file-" + 22 alphanumerics, or "vs_" + 32 hex digits. */
char     *sk_fake_make_file_id            (GRand        *rand);
char     *sk_fake_make_vector_store_id    (GRand        *rand);

/* @id NULL: a fresh id. @expires_at 0: null. Returns the id (borrowed),
 * or NULL if @id already exists. */
const char *sk_fake_openai_add_file_full  (SkFakeOpenai *self,
                                           const char   *id,
                                           const char   *filename,
                                           const char   *purpose,
                                           gint64        bytes,
                                           gint64        created_at,
                                           gint64        expires_at);
/* @status "completed", "in_progress" or "expired"; @expires_days 0: no
 * expiry policy (expires_after and expires_at null). */
const char *sk_fake_openai_add_vector_store_full (SkFakeOpenai *self,
                                           const char   *id,
                                           const char   *name,
                                           gint64        created_at,
                                           gint64        last_active_at,
                                           guint         expires_days,
                                           const char   *status);
/* @error_code NULL: last_error null. */
gboolean  sk_fake_openai_attach_full      (SkFakeOpenai *self,
                                           const char   *vector_store_id,
                                           const char   *file_id,
                                           const char   *status,
                                           gint64        created_at,
                                           const char   *error_code,
                                           const char   *error_message);

void      sk_fake_dataset_generate        (SkFakeOpenai *self,
                                           guint         seed,
                                           guint         n_files,
                                           guint         n_vector_stores);

G_END_DECLS
