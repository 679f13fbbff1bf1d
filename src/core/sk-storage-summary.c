/* sk-storage-summary.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-storage-summary.h"

#define WEEK_S (7 * 24 * 3600)

struct _SkStorageSummary
{
  GObject    parent_instance;

  GPtrArray *stores;        /* SkVectorStore */
  gint64     now;

  guint      n_files;
  gint64     file_bytes;
  GPtrArray *purposes;      /* SkPurposeTotal, most bytes first */
  gint64     billed_bytes;

  /* weeks[week * purposes->len + purpose]: files created that week */
  guint     *weeks;
  guint      max_week;

  SkReclaim  reclaim[SK_RECLAIM_N_KINDS];
};

G_DEFINE_FINAL_TYPE (SkStorageSummary, sk_storage_summary, G_TYPE_OBJECT)

/**
 * sk_storage_price_per_day:
 * @price: the price
 * @billed_bytes: the vector store bytes of the account (the sum of usage_bytes)
 *
 * Returns: the estimated cost of one day of storage, in dollars
 */
double
sk_storage_price_per_day (const SkStoragePrice *price,
                          gint64                billed_bytes)
{
  double gb;

  g_return_val_if_fail (price != NULL, 0);

  gb = MAX (billed_bytes, 0) / SK_BYTES_PER_GB;
  return MAX (gb - MAX (price->free_gb, 0.0), 0.0) * MAX (price->per_gb_day, 0.0);
}

static void
purpose_total_free (gpointer data)
{
  SkPurposeTotal *total = data;

  g_free (total->purpose);
  g_free (total);
}

static int
compare_purposes (gconstpointer a,
                  gconstpointer b)
{
  const SkPurposeTotal *pa = *(SkPurposeTotal **) a;
  const SkPurposeTotal *pb = *(SkPurposeTotal **) b;

  if (pa->bytes != pb->bytes)
    return pa->bytes > pb->bytes ? -1 : 1;
  if (pa->n_files != pb->n_files)
    return pa->n_files > pb->n_files ? -1 : 1;
  return g_strcmp0 (pa->purpose, pb->purpose);
}

static int
compare_stores_by_usage (gconstpointer a,
                         gconstpointer b)
{
  SkVectorStore *sa = *(SkVectorStore **) a;
  SkVectorStore *sb = *(SkVectorStore **) b;
  gint64 ua = sk_vector_store_get_usage_bytes (sa);
  gint64 ub = sk_vector_store_get_usage_bytes (sb);

  if (ua != ub)
    return ua > ub ? -1 : 1;
  return g_strcmp0 (sk_vector_store_get_id (sa), sk_vector_store_get_id (sb));
}

static void
reclaim_add (SkReclaim *reclaim,
             gpointer   item,
             gint64     bytes,
             gint64     billed_bytes)
{
  g_ptr_array_add (reclaim->items, g_object_ref (item));
  reclaim->bytes += MAX (bytes, 0);
  reclaim->billed_bytes += MAX (billed_bytes, 0);
}

static void
count_files (SkStorageSummary *self,
             GPtrArray        *files)
{
  g_autoptr (GHashTable) by_purpose = g_hash_table_new (g_str_hash, g_str_equal);

  self->purposes = g_ptr_array_new_with_free_func (purpose_total_free);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      SkFile *file = g_ptr_array_index (files, i);
      const char *purpose = sk_file_get_purpose (file) ? sk_file_get_purpose (file) : "";
      SkPurposeTotal *total = g_hash_table_lookup (by_purpose, purpose);

      if (total == NULL)
        {
          total = g_new0 (SkPurposeTotal, 1);
          total->purpose = g_strdup (purpose);
          g_ptr_array_add (self->purposes, total);
          g_hash_table_insert (by_purpose, total->purpose, total);
        }
      total->n_files++;
      total->bytes += MAX (sk_file_get_bytes (file), 0);
      self->n_files++;
      self->file_bytes += MAX (sk_file_get_bytes (file), 0);
    }
  g_ptr_array_sort (self->purposes, compare_purposes);
}

static guint
purpose_index (SkStorageSummary *self,
               const char       *purpose)
{
  for (guint i = 0; i < self->purposes->len; i++)
    {
      SkPurposeTotal *total = g_ptr_array_index (self->purposes, i);

      if (g_strcmp0 (total->purpose, purpose ? purpose : "") == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static void
count_weeks (SkStorageSummary *self,
             GPtrArray        *files)
{
  guint n_purposes = self->purposes->len;

  self->weeks = g_new0 (guint, (gsize) SK_SUMMARY_WEEKS * MAX (n_purposes, 1));
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      SkFile *file = g_ptr_array_index (files, i);
      gint64 age = self->now - sk_file_get_created_at (file);
      gint64 weeks_ago = MAX (age, 0) / WEEK_S;
      guint week;

      if (weeks_ago >= SK_SUMMARY_WEEKS)
        continue;
      week = SK_SUMMARY_WEEKS - 1 - (guint) weeks_ago;
      self->weeks[week * n_purposes + purpose_index (self, sk_file_get_purpose (file))]++;
    }

  for (guint week = 0; week < SK_SUMMARY_WEEKS; week++)
    {
      guint sum = 0;

      for (guint p = 0; p < n_purposes; p++)
        sum += self->weeks[week * n_purposes + p];
      self->max_week = MAX (self->max_week, sum);
    }
}

/* file ID -> usage bytes summed over its store entries */
static GHashTable *
entry_bytes_by_file (GPtrArray *entries)
{
  GHashTable *bytes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      SkVectorStoreFile *entry = g_ptr_array_index (entries, i);
      gint64 *sum = g_hash_table_lookup (bytes, sk_vector_store_file_get_id (entry));

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (bytes, g_strdup (sk_vector_store_file_get_id (entry)), sum);
        }
      *sum += MAX (sk_vector_store_file_get_usage_bytes (entry), 0);
    }
  return bytes;
}

static gboolean
is_attached (GHashTable *entry_bytes,
             GHashTable *usage,
             const char *file_id)
{
  GPtrArray *stores;

  if (entry_bytes != NULL)
    return g_hash_table_contains (entry_bytes, file_id);
  stores = g_hash_table_lookup (usage, file_id);
  return stores != NULL && stores->len > 0;
}

static void
find_reclaimable_files (SkStorageSummary *self,
                        GPtrArray        *files,
                        GPtrArray        *entries,
                        GHashTable       *usage)
{
  SkReclaim *unused = &self->reclaim[SK_RECLAIM_UNUSED_FILES];
  SkReclaim *expired = &self->reclaim[SK_RECLAIM_EXPIRED_FILES];
  SkReclaim *missing = &self->reclaim[SK_RECLAIM_MISSING_ENTRIES];
  SkReclaim *failed = &self->reclaim[SK_RECLAIM_FAILED_ENTRIES];
  g_autoptr (GHashTable) entry_bytes = entries ? entry_bytes_by_file (entries) : NULL;
  g_autoptr (GHashTable) file_ids = g_hash_table_new (g_str_hash, g_str_equal);

  unused->known = entries != NULL || usage != NULL;
  expired->known = TRUE;
  missing->known = failed->known = entries != NULL;

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      SkFile *file = g_ptr_array_index (files, i);
      const char *id = sk_file_get_id (file);
      const char *purpose = sk_file_get_purpose (file);
      gint64 expires_at = sk_file_get_expires_at (file);
      gint64 *billed = entry_bytes ? g_hash_table_lookup (entry_bytes, id) : NULL;

      g_hash_table_add (file_ids, (gpointer) id);
      if (unused->known &&
          (g_strcmp0 (purpose, "assistants") == 0 || g_strcmp0 (purpose, "user_data") == 0) &&
          !is_attached (entry_bytes, usage, id))
        reclaim_add (unused, file, sk_file_get_bytes (file), 0);
      if (expires_at > 0 && expires_at <= self->now)
        reclaim_add (expired, file, sk_file_get_bytes (file), billed ? *billed : 0);
    }

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      SkVectorStoreFile *entry = g_ptr_array_index (entries, i);
      const char *status = sk_vector_store_file_get_status (entry);
      gint64 usage_bytes = sk_vector_store_file_get_usage_bytes (entry);

      if (g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "cancelled") == 0)
        reclaim_add (failed, entry, usage_bytes, usage_bytes);
      else if (!g_hash_table_contains (file_ids, sk_vector_store_file_get_id (entry)))
        reclaim_add (missing, entry, usage_bytes, usage_bytes);
    }
}

static void
find_reclaimable_stores (SkStorageSummary *self)
{
  SkReclaim *expired = &self->reclaim[SK_RECLAIM_EXPIRED_STORES];
  SkReclaim *empty = &self->reclaim[SK_RECLAIM_EMPTY_STORES];

  expired->known = empty->known = TRUE;
  for (guint i = 0; i < self->stores->len; i++)
    {
      SkVectorStore *store = g_ptr_array_index (self->stores, i);
      gint64 usage_bytes = sk_vector_store_get_usage_bytes (store);

      self->billed_bytes += MAX (usage_bytes, 0);
      if (g_strcmp0 (sk_vector_store_get_status (store), "expired") == 0)
        reclaim_add (expired, store, usage_bytes, usage_bytes);
      else if (sk_vector_store_get_files_total (store) == 0)
        reclaim_add (empty, store, usage_bytes, usage_bytes);
    }
}

static void
sk_storage_summary_finalize (GObject *object)
{
  SkStorageSummary *self = (SkStorageSummary *)object;

  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_pointer (&self->purposes, g_ptr_array_unref);
  g_clear_pointer (&self->weeks, g_free);
  for (guint i = 0; i < SK_RECLAIM_N_KINDS; i++)
    g_clear_pointer (&self->reclaim[i].items, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_storage_summary_parent_class)->finalize (object);
}

static void
sk_storage_summary_class_init (SkStorageSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_storage_summary_finalize;
}

static void
sk_storage_summary_init (SkStorageSummary *self)
{
  for (guint i = 0; i < SK_RECLAIM_N_KINDS; i++)
    self->reclaim[i].items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sk_storage_summary_new:
 * @files: (element-type SkFile) (nullable): every file of the account
 * @stores: (element-type SkVectorStore) (nullable): every vector store
 * @entries: (element-type SkVectorStoreFile) (nullable): the entries of every
 *   store, when they were listed
 * @usage: (nullable): file ID → GPtrArray of store IDs, when @entries is not
 *   known (the orphan finder's map)
 * @now: the time now, in Unix seconds
 *
 * Counts what the account stores, what it costs and what can safely go.
 * Without @entries the store entries cannot be judged; without @entries and
 * @usage, the unused files neither (their #SkReclaim says it: @known is
 * %FALSE). A store entry counts as missing when its file is not in @files,
 * so @files must be every file of the account, of every purpose.
 *
 * Returns: (transfer full): the summary
 */
SkStorageSummary *
sk_storage_summary_new (GPtrArray  *files,
                        GPtrArray  *stores,
                        GPtrArray  *entries,
                        GHashTable *usage,
                        gint64      now)
{
  SkStorageSummary *self = g_object_new (SK_TYPE_STORAGE_SUMMARY, NULL);

  self->now = now;
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; stores != NULL && i < stores->len; i++)
    g_ptr_array_add (self->stores, g_object_ref (g_ptr_array_index (stores, i)));

  count_files (self, files);
  count_weeks (self, files);
  find_reclaimable_files (self, files, entries, usage);
  find_reclaimable_stores (self);

  return self;
}

guint
sk_storage_summary_get_n_files (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return self->n_files;
}

gint64
sk_storage_summary_get_file_bytes (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return self->file_bytes;
}

/**
 * sk_storage_summary_get_purposes:
 * @self: the summary
 *
 * Returns: (transfer none) (element-type SkPurposeTotal): the files by
 *   purpose, most bytes first; the week counts use the same order
 */
GPtrArray *
sk_storage_summary_get_purposes (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), NULL);

  return self->purposes;
}

guint
sk_storage_summary_get_n_stores (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return self->stores->len;
}

/**
 * sk_storage_summary_get_billed_bytes:
 * @self: the summary
 *
 * Returns: the sum of the stores' usage_bytes, what storage is billed on
 */
gint64
sk_storage_summary_get_billed_bytes (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return self->billed_bytes;
}

/**
 * sk_storage_summary_count_stores:
 * @self: the summary
 * @status: (nullable): "completed", "in_progress", "expired"…; %NULL: all
 *
 * Returns: the number of vector stores with that status
 */
guint
sk_storage_summary_count_stores (SkStorageSummary *self,
                                 const char       *status)
{
  guint n = 0;

  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  for (guint i = 0; i < self->stores->len; i++)
    if (status == NULL || g_strcmp0 (sk_vector_store_get_status (g_ptr_array_index (self->stores, i)), status) == 0)
      n++;
  return n;
}

/**
 * sk_storage_summary_store_bytes:
 * @self: the summary
 * @status: (nullable): a store status; %NULL: all
 *
 * Returns: the usage_bytes of the vector stores with that status
 */
gint64
sk_storage_summary_store_bytes (SkStorageSummary *self,
                                const char       *status)
{
  gint64 bytes = 0;

  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  for (guint i = 0; i < self->stores->len; i++)
    {
      SkVectorStore *store = g_ptr_array_index (self->stores, i);

      if (status == NULL || g_strcmp0 (sk_vector_store_get_status (store), status) == 0)
        bytes += MAX (sk_vector_store_get_usage_bytes (store), 0);
    }
  return bytes;
}

/**
 * sk_storage_summary_dup_top_stores:
 * @self: the summary
 * @n: how many at most
 *
 * Returns: (transfer container) (element-type SkVectorStore): the @n stores
 *   with the most usage_bytes, largest first
 */
GPtrArray *
sk_storage_summary_dup_top_stores (SkStorageSummary *self,
                                   guint             n)
{
  g_autoptr (GPtrArray) sorted = NULL;

  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), NULL);

  sorted = g_ptr_array_copy (self->stores, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (sorted, g_object_unref);
  g_ptr_array_sort (sorted, compare_stores_by_usage);
  if (sorted->len > n)
    g_ptr_array_remove_range (sorted, n, sorted->len - n);
  return g_steal_pointer (&sorted);
}

/**
 * sk_storage_summary_get_week_start:
 * @self: the summary
 * @week: 0 (a year ago) to %SK_SUMMARY_WEEKS - 1 (the last seven days)
 *
 * Returns: the Unix time at which that week starts
 */
gint64
sk_storage_summary_get_week_start (SkStorageSummary *self,
                                   guint             week)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);
  g_return_val_if_fail (week < SK_SUMMARY_WEEKS, 0);

  return self->now - (gint64) (SK_SUMMARY_WEEKS - week) * WEEK_S;
}

/**
 * sk_storage_summary_get_week_count:
 * @self: the summary
 * @week: the week (see sk_storage_summary_get_week_start())
 * @purpose: the index of a purpose in sk_storage_summary_get_purposes()
 *
 * Returns: the files of that purpose created that week
 */
guint
sk_storage_summary_get_week_count (SkStorageSummary *self,
                                   guint             week,
                                   guint             purpose)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);
  g_return_val_if_fail (week < SK_SUMMARY_WEEKS, 0);
  g_return_val_if_fail (purpose < self->purposes->len, 0);

  return self->weeks[week * self->purposes->len + purpose];
}

/**
 * sk_storage_summary_get_max_week:
 * @self: the summary
 *
 * Returns: the most files created in one week, all purposes together
 */
guint
sk_storage_summary_get_max_week (SkStorageSummary *self)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return self->max_week;
}

/**
 * sk_storage_summary_get_reclaim:
 * @self: the summary
 * @kind: the reason
 *
 * Returns: (transfer none): what could go for that reason
 */
const SkReclaim *
sk_storage_summary_get_reclaim (SkStorageSummary *self,
                                SkReclaimKind     kind)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), NULL);
  g_return_val_if_fail (kind < SK_RECLAIM_N_KINDS, NULL);

  return &self->reclaim[kind];
}

/**
 * sk_storage_summary_cost_per_day:
 * @self: the summary
 * @price: the price
 *
 * Returns: the estimated cost of a day of the account's vector store storage
 */
double
sk_storage_summary_cost_per_day (SkStorageSummary     *self,
                                 const SkStoragePrice *price)
{
  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);

  return sk_storage_price_per_day (price, self->billed_bytes);
}

/**
 * sk_storage_summary_saving_per_day:
 * @self: the summary
 * @kind: the reason
 * @price: the price
 *
 * What deleting those items would save each day: the cost of the account
 * now less its cost without their billed bytes (so the free allowance is
 * counted once, for the whole account).
 *
 * Returns: dollars per day
 */
double
sk_storage_summary_saving_per_day (SkStorageSummary     *self,
                                   SkReclaimKind         kind,
                                   const SkStoragePrice *price)
{
  gint64 left;

  g_return_val_if_fail (SK_IS_STORAGE_SUMMARY (self), 0);
  g_return_val_if_fail (kind < SK_RECLAIM_N_KINDS, 0);

  left = MAX (self->billed_bytes - self->reclaim[kind].billed_bytes, 0);
  return sk_storage_price_per_day (price, self->billed_bytes) - sk_storage_price_per_day (price, left);
}
