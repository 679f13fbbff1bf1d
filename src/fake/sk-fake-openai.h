/* sk-fake-openai.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sk-fake-types.h"

G_BEGIN_DECLS

#define SK_TYPE_FAKE_OPENAI (sk_fake_openai_get_type ())
G_DECLARE_FINAL_TYPE (SkFakeOpenai, sk_fake_openai, SK, FAKE_OPENAI, GObject)

/* The simulated OpenAI account: an in-process SoupServer on 127.0.0.1 that
 * serves /v1/files, /v1/files/{id}, /v1/vector_stores,
 * /v1/vector_stores/{id} (GET, POST expiry and name, DELETE),
 * /v1/vector_stores/{id}/files (GET, POST attach) and
 * /v1/vector_stores/{id}/files/{file_id} (GET, DELETE), /v1/batches and
 * /v1/fine_tuning/jobs (GET) with OpenAI's shapes,
 * cursor pagination, filters, limit ranges, bearer check and error bodies.
 * It runs on the thread-default main context of the caller (no thread): it
 * answers while that context iterates, so a test spins the loop. Its knobs
 * (latency, faults, rate limit) are properties, documented on their
 * GParamSpecs in sk-fake-openai.c.
 */

SkFakeOpenai *sk_fake_openai_new              (void);
/* Listen on 127.0.0.1:@port (0 picks a free port). */
gboolean      sk_fake_openai_listen           (SkFakeOpenai  *self,
                                               guint          port,
                                               GError       **error);
void          sk_fake_openai_disconnect       (SkFakeOpenai  *self);
guint         sk_fake_openai_get_port         (SkFakeOpenai  *self);
/* "http://127.0.0.1:PORT/v1" (transfer full) */
char         *sk_fake_openai_dup_base_url     (SkFakeOpenai  *self);

/* Dataset */
void          sk_fake_openai_generate         (SkFakeOpenai  *self,
                                               guint          seed,
                                               guint          n_files,
                                               guint          n_vector_stores);
void          sk_fake_openai_clear            (SkFakeOpenai  *self);
void          sk_fake_openai_add_file         (SkFakeOpenai  *self,
                                               const char    *id,
                                               const char    *filename,
                                               const char    *purpose,
                                               gint64         bytes,
                                               gint64         created_at);
void          sk_fake_openai_add_vector_store (SkFakeOpenai  *self,
                                               const char    *id,
                                               const char    *name,
                                               gint64         created_at);
/* status: "completed", "in_progress", "failed" or "cancelled" */
gboolean      sk_fake_openai_attach           (SkFakeOpenai  *self,
                                               const char    *vector_store_id,
                                               const char    *file_id,
                                               const char    *status);
/* Batches and fine-tuning jobs (GET /v1/batches, GET /v1/fine_tuning/jobs) */
gboolean      sk_fake_openai_add_batch        (SkFakeOpenai  *self,
                                               const char    *id,
                                               const char    *status,
                                               const char    *input_file_id,
                                               const char    *output_file_id);
gboolean      sk_fake_openai_add_fine_tuning_job (SkFakeOpenai *self,
                                               const char    *id,
                                               const char    *status,
                                               const char    *training_file,
                                               const char    *validation_file,
                                               const char    *result_file);
guint         sk_fake_openai_get_n_batches    (SkFakeOpenai  *self);
/* POST /v1/vector_stores/{id} sets it ("expires_after"); 0: none */
guint         sk_fake_openai_get_expiry_days  (SkFakeOpenai  *self,
                                               const char    *vector_store_id);
guint         sk_fake_openai_get_n_fine_tuning_jobs (SkFakeOpenai *self);
gboolean      sk_fake_openai_has_file         (SkFakeOpenai  *self,
                                               const char    *file_id);
gboolean      sk_fake_openai_has_vector_store (SkFakeOpenai  *self,
                                               const char    *vector_store_id);
gboolean      sk_fake_openai_is_attached      (SkFakeOpenai  *self,
                                               const char    *vector_store_id,
                                               const char    *file_id);
guint         sk_fake_openai_get_n_files      (SkFakeOpenai  *self);
guint         sk_fake_openai_get_n_vector_stores (SkFakeOpenai *self);
/* IDs in creation order, oldest first (transfer container) */
GPtrArray    *sk_fake_openai_list_file_ids    (SkFakeOpenai  *self);
GPtrArray    *sk_fake_openai_list_vector_store_ids (SkFakeOpenai *self);
GPtrArray    *sk_fake_openai_list_attached_file_ids (SkFakeOpenai *self,
                                               const char    *vector_store_id);

/* Faults queued for the next requests whose path starts with @path_prefix
 * (NULL: any request), each used once, in order, before the random knobs. */
void          sk_fake_openai_queue_fault      (SkFakeOpenai  *self,
                                               const char    *path_prefix,
                                               SkFakeFaultKind kind,
                                               guint          status,
                                               int            retry_after_ms);

/* Request log (every request received, in arrival order). */
const GPtrArray *sk_fake_openai_get_requests  (SkFakeOpenai  *self); /* of SkFakeRequest* */
guint         sk_fake_openai_count_requests   (SkFakeOpenai  *self,
                                               const char    *method,
                                               const char    *path_prefix);
/* How many times DELETE of exactly @path was answered 200 */
guint         sk_fake_openai_count_deleted    (SkFakeOpenai  *self,
                                               const char    *path);
guint         sk_fake_openai_get_n_in_flight  (SkFakeOpenai  *self);
guint         sk_fake_openai_get_peak_in_flight (SkFakeOpenai *self);
void          sk_fake_openai_reset_log        (SkFakeOpenai  *self);

/* Azure mode: the `api-key` header, the `/openai/v1` prefix, an optional
 * required `api-version` (see sk-fake-azure.c) */
void          sk_fake_openai_set_azure        (SkFakeOpenai  *self,
                                               gboolean       azure,
                                               const char    *api_version);

G_END_DECLS
