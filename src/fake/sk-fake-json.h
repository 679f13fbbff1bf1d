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

typedef void (*SkFakeJsonAddFunc) (JsonBuilder *builder,
                                   SkFakeItem  *item,
                                   gpointer     data);

void sk_fake_json_add_file                (JsonBuilder           *builder,
                                           SkFakeFile            *file);
void sk_fake_json_add_file_deleted        (JsonBuilder           *builder,
                                           const char            *id);
void sk_fake_json_add_vector_store        (JsonBuilder           *builder,
                                           SkFakeVectorStore     *store);
void sk_fake_json_add_vector_store_file   (JsonBuilder           *builder,
                                           SkFakeVectorStoreFile *sf,
                                           const char            *vector_store_id);
void sk_fake_json_add_deleted             (JsonBuilder           *builder,
                                           const char            *id,
                                           const char            *object);
void sk_fake_json_add_list                (JsonBuilder           *builder,
                                           GPtrArray             *items,
                                           SkFakeJsonAddFunc      add,
                                           gpointer               data,
                                           gboolean               has_more,
                                           gboolean               has_more_first);
void sk_fake_json_add_error               (JsonBuilder           *builder,
                                           const char            *message,
                                           const char            *type,
                                           const char            *param,
                                           const char            *code,
                                           gboolean               with_detail);

void sk_fake_answer_clear                 (SkFakeAnswer          *answer);
void sk_fake_answer_set_json              (SkFakeAnswer          *answer,
                                           guint                  status,
                                           JsonBuilder           *builder);
void sk_fake_answer_error                 (SkFakeAnswer          *answer,
                                           guint                  status,
                                           const char            *message,
                                           const char            *type,
                                           const char            *param,
                                           const char            *code);
void sk_fake_answer_status_error          (SkFakeAnswer          *answer,
                                           guint                  status);
void sk_fake_answer_quota_error           (SkFakeAnswer          *answer);
void sk_fake_answer_wrong_shape           (SkFakeAnswer          *answer);

G_END_DECLS
