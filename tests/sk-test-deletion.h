/* sk-test-deletion.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulated account the deletion tests (controller and window) run
 * on, and what they read from the server's request log.
 */

#pragma once

#include <string.h>

#include "sk-fake-openai.h"

G_BEGIN_DECLS

#define SK_TEST_N_FILES 30

/* 30 files "file-000".."file-029" ("report-NN.pdf", 1000 * (i + 1)
 * bytes); stores "Alpha" (vs_alpha) with files 0..9, "Beta" (vs_beta) with
 * 5..14, and vs_empty with none. Files 15..29 are in no store. @extra more
 * orphan files "file-1NNN" for the large-deletion tests. */
static inline void
sk_test_fill_deletion_account (SkFakeOpenai *fake,
                               guint         extra)
{
  for (guint i = 0; i < SK_TEST_N_FILES + extra; i++)
    {
      g_autofree char *id = i < SK_TEST_N_FILES ? g_strdup_printf ("file-%03u", i)
                                                : g_strdup_printf ("file-1%03u", i);
      g_autofree char *name = g_strdup_printf ("report-%02u.pdf", i);

      sk_fake_openai_add_file (fake, id, name, "assistants", 1000 * (i + 1), 1700000000 + i);
    }
  sk_fake_openai_add_vector_store (fake, "vs_alpha", "Alpha", 1700000100);
  sk_fake_openai_add_vector_store (fake, "vs_beta", "Beta", 1700000200);
  sk_fake_openai_add_vector_store (fake, "vs_empty", "Empty", 1700000300);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *a = g_strdup_printf ("file-%03u", i);
      g_autofree char *b = g_strdup_printf ("file-%03u", i + 5);

      g_assert_true (sk_fake_openai_attach (fake, "vs_alpha", a, "completed"));
      g_assert_true (sk_fake_openai_attach (fake, "vs_beta", b, "completed"));
    }
}

/* For g_ptr_array_sort() of strings */
static inline int
sk_test_compare_strings (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The IDs after @prefix of the DELETE requests answered 200 (sorted,
 * distinct, joined with "\n") */
static inline char *
sk_test_deleted_ids (SkFakeOpenai *fake,
                     const char   *prefix)
{
  const GPtrArray *requests = sk_fake_openai_get_requests (fake);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < requests->len; i++)
    {
      SkFakeRequest *request = g_ptr_array_index (requests, i);
      const char *id;

      if (g_strcmp0 (request->method, "DELETE") != 0 || request->status != 200
          || !g_str_has_prefix (request->path, prefix))
        continue;
      id = request->path + strlen (prefix);
      if (strchr (id, '/') == NULL && g_hash_table_add (seen, (gpointer) id))
        g_ptr_array_add (ids, (gpointer) id);
    }
  g_ptr_array_sort (ids, sk_test_compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv ("\n", (char **) ids->pdata);
}

/* Every attempt at file-021 fails with 500; 429s then 500s for the others
 * are retried by the client. */
static inline void
sk_test_inject_delete_faults (SkFakeOpenai *fake)
{
  for (guint i = 0; i < 4; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/file-021", SK_FAKE_FAULT_STATUS, 500, -1);
  for (guint i = 0; i < 4; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/", SK_FAKE_FAULT_STATUS, 429, 10);
  for (guint i = 0; i < 3; i++)
    sk_fake_openai_queue_fault (fake, "/v1/files/", SK_FAKE_FAULT_STATUS, 500, -1);
}

G_END_DECLS
