/* sk-fake-openai.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define SK_TYPE_FAKE_OPENAI (sk_fake_openai_get_type ())
G_DECLARE_FINAL_TYPE (SkFakeOpenai, sk_fake_openai, SK, FAKE_OPENAI, GObject)

/* The simulated OpenAI account: an in-process SoupServer on 127.0.0.1 that
 * serves /v1/files, /v1/files/{id}, /v1/vector_stores, /v1/vector_stores/{id},
 * /v1/vector_stores/{id}/files (GET, POST attach) and
 * /v1/vector_stores/{id}/files/{file_id} (GET, DELETE) with OpenAI's shapes,
 * cursor pagination, filters, limit ranges, bearer check and error bodies.
 * It runs on the thread-default main context of the caller (no thread): it
 * answers while that context iterates, so a test spins the loop.
 *
 * Properties (all readable and writable at any time):
 *   "api-key"        string, NULL: any non-empty bearer key is accepted
 *   "latency-ms"     uint: each answer is delayed this long (timer, not sleep)
 *   "max-concurrent" uint, 0 = unlimited: requests beyond this many in flight
 *                    get 429 with retry-after-ms
 *   "rate-limit"     double requests per second, 0 = unlimited: token bucket;
 *                    excess gets 429 + Retry-After (s) + retry-after-ms
 *   "rate-burst"     double seconds, default 1: the bucket holds this many
 *                    seconds of "rate-limit" (at least one request)
 *   "fail-rate"      double 0..1: fraction answered 500 with an OpenAI body
 *   "drop-rate"      double 0..1: fraction whose connection is closed with no answer
 *                    (after an answer head whose body never comes: with no
 *                    byte at all, SoupSession would silently re-send)
 *   "malformed-rate" double 0..1: fraction answered 200 with a broken body
 *   "seed"           uint: seed of the fault dice and of sk_fake_openai_generate()
 *   "port"           uint, read-only once listening
 *   "stale-counts"   boolean: deleting a file leaves stores' file_counts stale
 *                    (mimics openai-dotnet#540)
 *   "retry-after-style" string: the delay headers of a 429: "ms+seconds"
 *                    (default: `retry-after-ms` and `Retry-After`, rounded up
 *                    to whole seconds, at least 1) or "seconds" (only the
 *                    integer `Retry-After`, as the real OpenAI API sends)
 */

typedef struct
{
  char   *method;    /* "GET", "DELETE", "POST" */
  char   *path;      /* e.g. "/v1/files/file-abc", without the query */
  char   *query;     /* raw query string or NULL */
  guint   status;    /* status answered; 0 when the connection was dropped */
  gint64  time_us;   /* g_get_monotonic_time () at arrival */
} SkFakeRequest;

typedef enum
{
  SK_FAKE_FAULT_STATUS,      /* answer with @status (and Retry-After when @retry_after_ms >= 0);
                              * 429 with @retry_after_ms < -1: insufficient_quota, no Retry-After */
  SK_FAKE_FAULT_DROP,        /* close the connection with no answer (see "drop-rate") */
  SK_FAKE_FAULT_MALFORMED,   /* 200 with a body that is not JSON */
  SK_FAKE_FAULT_WRONG_SHAPE, /* 200 with JSON of the wrong shape (e.g. an array) */
  SK_FAKE_FAULT_STUCK_CURSOR,/* a list page with has_more true whose last id is the cursor given */
  SK_FAKE_FAULT_DELAY,       /* answer normally after @retry_after_ms extra milliseconds */
  SK_FAKE_FAULT_DROP_AFTER,  /* process the request (a DELETE is applied), log the status it
                              * would have answered, then close the connection with no
                              * complete answer, as when a connection drops after the commit */
} SkFakeFaultKind;

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
