/* sk-fake-store.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-store.h"

struct _SkFakeStore
{
  SkFakeIndex *files;
  SkFakeIndex *stores;
  SkFakeJobs  *jobs;
  guint64      next_seq;
  GRand       *id_rand;
};

static const char *const file_statuses[SK_FAKE_N_COUNTS] = {
  "in_progress", "completed", "failed", "cancelled",
};

static void
file_free (gpointer data)
{
  SkFakeFile *file = data;

  g_free (file->item.id);
  g_free (file->filename);
  g_free (file->purpose);
  g_free (file->json);
  g_clear_pointer (&file->stores, g_ptr_array_unref);
  g_free (file);
}

static void
vector_store_file_free (gpointer data)
{
  SkFakeVectorStoreFile *sf = data;

  g_free (sf->item.id);
  g_free (sf);
}

static void
vector_store_free (gpointer data)
{
  SkFakeVectorStore *store = data;

  g_free (store->item.id);
  g_free (store->name);
  g_clear_pointer (&store->files, sk_fake_index_free);
  g_free (store);
}

static const char *
static_error_code (const char *code)
{
  static const char *const codes[] = { "server_error", "unsupported_file", "invalid_file" };

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (code, codes[i]))
      return codes[i];
  return codes[0];
}

static const char *
static_error_message (const char *code)
{
  if (code == NULL)
    return NULL;
  if (g_str_equal (code, "unsupported_file"))
    return "The file type is not supported.";
  if (g_str_equal (code, "invalid_file"))
    return "The file could not be parsed.";
  return "An internal error occurred while processing the file.";
}

static const char *
static_store_status (const char *status)
{
  if (g_strcmp0 (status, "in_progress") == 0)
    return "in_progress";
  if (g_strcmp0 (status, "expired") == 0)
    return "expired";
  return "completed";
}

/* A new item takes @id; @created_at 0 (or less) means now. */
static void
item_init (SkFakeStore *self,
           SkFakeItem  *item,
           char        *id,
           gint64       created_at)
{
  item->id = id;
  item->created_at = created_at > 0 ? created_at : g_get_real_time () / G_USEC_PER_SEC;
  item->seq = self->next_seq++;
}

static void
count_file (SkFakeVectorStore     *store,
            SkFakeVectorStoreFile *sf,
            int                    sign)
{
  store->counts[sf->status_index] += sign;
  store->total += sign;
  store->usage_bytes += sign * sf->usage_bytes;
}

char *
sk_fake_make_file_id (GRand *rand)
{
  static const char alnum[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char buf[5 + 22 + 1] = "file-";

  for (guint i = 0; i < 22; i++)
    buf[5 + i] = alnum[g_rand_int_range (rand, 0, sizeof alnum - 1)];
  buf[sizeof buf - 1] = '\0';
  return g_strdup (buf);
}

char *
sk_fake_make_vector_store_id (GRand *rand)
{
  static const char hex[] = "0123456789abcdef";
  char buf[3 + 32 + 1] = "vs_";

  for (guint i = 0; i < 32; i++)
    buf[3 + i] = hex[g_rand_int_range (rand, 0, 16)];
  buf[sizeof buf - 1] = '\0';
  return g_strdup (buf);
}

int
sk_fake_file_status_index (const char *status)
{
  if (status == NULL)
    return SK_FAKE_COUNT_COMPLETED;
  for (int i = 0; i < SK_FAKE_N_COUNTS; i++)
    if (g_str_equal (status, file_statuses[i]))
      return i;
  return -1;
}

gint64
sk_fake_vector_store_expires_at (SkFakeVectorStore *store)
{
  g_return_val_if_fail (store != NULL, 0);

  if (store->expires_days == 0)
    return 0;
  return store->last_active_at + (gint64) store->expires_days * 86400;
}

SkFakeStore *
sk_fake_store_new (void)
{
  SkFakeStore *self = g_new0 (SkFakeStore, 1);

  self->files = sk_fake_index_new (file_free);
  self->stores = sk_fake_index_new (vector_store_free);
  self->jobs = sk_fake_jobs_new ();
  self->id_rand = g_rand_new_with_seed (0x5eed);
  return self;
}

void
sk_fake_store_free (SkFakeStore *self)
{
  if (self == NULL)
    return;

  /* stores first: they point at nothing of the files */
  g_clear_pointer (&self->stores, sk_fake_index_free);
  g_clear_pointer (&self->files, sk_fake_index_free);
  g_clear_pointer (&self->jobs, sk_fake_jobs_free);
  g_clear_pointer (&self->id_rand, g_rand_free);
  g_free (self);
}

/* Forgets every object (and every deleted one). */
void
sk_fake_store_clear (SkFakeStore *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->stores, sk_fake_index_free);
  g_clear_pointer (&self->files, sk_fake_index_free);
  self->files = sk_fake_index_new (file_free);
  self->stores = sk_fake_index_new (vector_store_free);
  sk_fake_jobs_clear (self->jobs);
}

/* The batches and fine-tuning jobs of the account. */
SkFakeJobs *
sk_fake_store_get_jobs (SkFakeStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->jobs;
}

SkFakeIndex *
sk_fake_store_get_files (SkFakeStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->files;
}

SkFakeIndex *
sk_fake_store_get_vector_stores (SkFakeStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stores;
}

SkFakeFile *
sk_fake_store_lookup_file (SkFakeStore *self,
                           const char  *file_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sk_fake_index_lookup (self->files, file_id);
}

SkFakeVectorStore *
sk_fake_store_lookup_vector_store (SkFakeStore *self,
                                   const char  *vector_store_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sk_fake_index_lookup (self->stores, vector_store_id);
}

/* @id NULL: a fresh id. @created_at 0: now. @expires_at 0: null. Returns
 * the id (borrowed), or NULL if @id already exists. */
const char *
sk_fake_store_add_file (SkFakeStore *self,
                        const char  *id,
                        const char  *filename,
                        const char  *purpose,
                        gint64       bytes,
                        gint64       created_at,
                        gint64       expires_at)
{
  SkFakeFile *file;
  char *new_id;

  g_return_val_if_fail (self != NULL, NULL);

  new_id = sk_fake_index_claim_id (self->files, id, sk_fake_make_file_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  file = g_new0 (SkFakeFile, 1);
  item_init (self, &file->item, new_id, created_at);
  file->filename = g_strdup (filename ? filename : "file.txt");
  file->purpose = g_strdup (purpose ? purpose : "assistants");
  file->bytes = MAX (bytes, 0);
  file->expires_at = expires_at;
  file->stores = g_ptr_array_new ();
  sk_fake_index_add (self->files, &file->item);

  return file->item.id;
}

/* @id NULL: a fresh id. @status "completed", "in_progress" or "expired";
 * @expires_days 0: no expiry policy (expires_after and expires_at null).
 * Returns the id (borrowed), or NULL if @id already exists. */
const char *
sk_fake_store_add_vector_store (SkFakeStore *self,
                                const char  *id,
                                const char  *name,
                                gint64       created_at,
                                gint64       last_active_at,
                                guint        expires_days,
                                const char  *status)
{
  SkFakeVectorStore *store;
  char *new_id;

  g_return_val_if_fail (self != NULL, NULL);

  new_id = sk_fake_index_claim_id (self->stores, id, sk_fake_make_vector_store_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  store = g_new0 (SkFakeVectorStore, 1);
  item_init (self, &store->item, new_id, created_at);
  store->name = g_strdup (name);
  store->last_active_at = MAX (last_active_at, store->item.created_at);
  store->expires_days = expires_days;
  store->status = static_store_status (status);
  store->files = sk_fake_index_new (vector_store_file_free);
  sk_fake_index_add (self->stores, &store->item);

  return store->item.id;
}

/* Attaches @file to @store and counts it; an existing attachment is
 * returned unchanged. A failed file gets @error_code (NULL: server_error). */
SkFakeVectorStoreFile *
sk_fake_store_attach (SkFakeStore       *self,
                      SkFakeVectorStore *store,
                      SkFakeFile        *file,
                      SkFakeCount        status_index,
                      gint64             created_at,
                      const char        *error_code)
{
  SkFakeVectorStoreFile *sf;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (store != NULL && store->files != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (status_index < SK_FAKE_N_COUNTS, NULL);

  sf = sk_fake_index_lookup (store->files, file->item.id);
  if (sf != NULL)
    return sf;

  sf = g_new0 (SkFakeVectorStoreFile, 1);
  item_init (self, &sf->item, g_strdup (file->item.id), created_at);
  sf->status_index = status_index;
  sf->status = file_statuses[status_index];
  if (status_index == SK_FAKE_COUNT_COMPLETED)
    sf->usage_bytes = MAX (file->bytes / 3, 1);
  if (status_index == SK_FAKE_COUNT_FAILED)
    {
      sf->error_code = static_error_code (error_code ? error_code : "server_error");
      sf->error_message = static_error_message (sf->error_code);
    }

  sk_fake_index_add (store->files, &sf->item);
  count_file (store, sf, +1);
  g_ptr_array_add (file->stores, store);

  return sf;
}

/* As sk_fake_store_attach() by ids, @status as sk_fake_file_status_index()
 * reads it; a file in progress puts a completed store in progress. FALSE
 * when either object does not exist. */
gboolean
sk_fake_store_attach_by_id (SkFakeStore *self,
                            const char  *vector_store_id,
                            const char  *file_id,
                            const char  *status,
                            gint64       created_at,
                            const char  *error_code)
{
  SkFakeVectorStore *store;
  SkFakeFile *file;
  int status_index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (vector_store_id != NULL, FALSE);
  g_return_val_if_fail (file_id != NULL, FALSE);

  status_index = sk_fake_file_status_index (status);
  g_return_val_if_fail (status_index >= 0, FALSE);

  store = sk_fake_index_lookup (self->stores, vector_store_id);
  file = sk_fake_index_lookup (self->files, file_id);
  if (store == NULL || file == NULL)
    return FALSE;

  sk_fake_store_attach (self, store, file, status_index, created_at, error_code);
  if (status_index == SK_FAKE_COUNT_IN_PROGRESS && g_str_equal (store->status, "completed"))
    store->status = "in_progress";
  return TRUE;
}

/* Removes @file_id from @store; @update_counts FALSE leaves the store's
 * file counts stale. FALSE when it was not attached. */
gboolean
sk_fake_store_detach (SkFakeStore       *self,
                      SkFakeVectorStore *store,
                      const char        *file_id,
                      gboolean           update_counts)
{
  SkFakeVectorStoreFile *sf;
  SkFakeFile *file;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  if (store->files == NULL)
    return FALSE;

  sf = sk_fake_index_remove (store->files, file_id);
  if (sf == NULL)
    return FALSE;

  if (update_counts)
    count_file (store, sf, -1);

  file = sk_fake_index_lookup (self->files, file_id);
  if (file != NULL)
    g_ptr_array_remove_fast (file->stores, store);

  return TRUE;
}

/* Deletes @file and detaches it from every store (whose counts stay stale
 * when @update_counts is FALSE). */
void
sk_fake_store_delete_file (SkFakeStore *self,
                           SkFakeFile  *file,
                           gboolean     update_counts)
{
  g_autoptr (GPtrArray) stores = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file != NULL);

  stores = g_ptr_array_copy (file->stores, NULL, NULL);
  for (guint i = 0; i < stores->len; i++)
    sk_fake_store_detach (self, g_ptr_array_index (stores, i), file->item.id, update_counts);

  sk_fake_index_remove (self->files, file->item.id);
  g_ptr_array_set_size (file->stores, 0);
}

/* Deletes @store; its files stay. */
void
sk_fake_store_delete_vector_store (SkFakeStore       *self,
                                   SkFakeVectorStore *store)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (store != NULL);

  if (store->files != NULL)
    {
      g_autoptr (GPtrArray) attached = sk_fake_index_list_items (store->files);

      for (guint i = 0; i < attached->len; i++)
        {
          SkFakeItem *item = g_ptr_array_index (attached, i);
          SkFakeFile *file = sk_fake_index_lookup (self->files, item->id);

          if (file != NULL)
            g_ptr_array_remove_fast (file->stores, store);
        }
      g_clear_pointer (&store->files, sk_fake_index_free);
    }
  sk_fake_index_remove (self->stores, store->item.id);
}
