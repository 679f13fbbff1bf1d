/* sk-fake-json.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sk-fake-store.h"

G_BEGIN_DECLS

/* An answer of the simulated account: status and JSON body, with the
 * members in the order real traffic has them. */
typedef struct
{
  guint  status;
  char  *body;             /* NULL: not answered yet */
  gsize  length;
  int    retry_after_ms;   /* < 0: no Retry-After headers */
} SkFakeAnswer;

#define SK_FAKE_ANSWER_INIT { 0, NULL, 0, -1 }

/* Returns the JSON object of @item (transfer full). */
typedef JsonObject *(*SkFakeJsonItemFunc) (SkFakeItem *item,
                                           gpointer    data);

JsonObject *sk_fake_json_file               (SkFakeFile            *file);
JsonObject *sk_fake_json_file_deleted       (const char            *id);
JsonObject *sk_fake_json_vector_store       (SkFakeVectorStore     *store);
JsonObject *sk_fake_json_vector_store_file  (SkFakeVectorStoreFile *sf,
                                             const char            *vector_store_id);
JsonObject *sk_fake_json_deleted            (const char            *id,
                                             const char            *object_type);
JsonObject *sk_fake_json_list               (GPtrArray             *items,
                                             SkFakeJsonItemFunc     func,
                                             gpointer               data,
                                             gboolean               has_more,
                                             gboolean               has_more_first);
const char *sk_fake_json_file_text          (SkFakeFile            *file,
                                             gsize                 *length);
void        sk_fake_answer_take_file_list   (SkFakeAnswer          *answer,
                                             GPtrArray             *files,
                                             gboolean               has_more);
JsonObject *sk_fake_json_error              (const char            *message,
                                             const char            *type,
                                             const char            *param,
                                             const char            *code,
                                             gboolean               with_detail);

void        sk_fake_answer_clear            (SkFakeAnswer          *answer);
void        sk_fake_answer_take_object      (SkFakeAnswer          *answer,
                                             guint                  status,
                                             JsonObject            *object);
void        sk_fake_answer_error            (SkFakeAnswer          *answer,
                                             guint                  status,
                                             const char            *message,
                                             const char            *type,
                                             const char            *param,
                                             const char            *code);
void        sk_fake_answer_status_error     (SkFakeAnswer          *answer,
                                             guint                  status);
void        sk_fake_answer_quota_error      (SkFakeAnswer          *answer);
void        sk_fake_answer_wrong_shape      (SkFakeAnswer          *answer);

G_END_DECLS
