/* test-storage-summary.c: totals, cost, weeks and what can safely go.
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <json-glib/json-glib.h>

#include "sk-storage-summary.h"

#define NOW ((gint64) 1780000000)
#define DAY ((gint64) 86400)
#define GB ((gint64) 1000000000)

static JsonNode *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
add_file (GPtrArray  *files,
          const char *id,
          const char *purpose,
          gint64      bytes,
          gint64      created_at,
          gint64      expires_at)
{
  g_ptr_array_add (files, sk_file_new (id, id, bytes, created_at, expires_at, purpose, "processed"));
}

static void
add_store (GPtrArray  *stores,
           const char *id,
           const char *status,
           gint64      usage_bytes,
           gint64      n_files)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"%s\",\"object\":\"vector_store\",\"name\":\"%s\",\"created_at\":%" G_GINT64_FORMAT ","
    "\"usage_bytes\":%" G_GINT64_FORMAT ",\"status\":\"%s\",\"last_active_at\":null,\"metadata\":{},"
    "\"file_counts\":{\"in_progress\":0,\"completed\":%" G_GINT64_FORMAT ",\"failed\":0,\"cancelled\":0,"
    "\"total\":%" G_GINT64_FORMAT "}}",
    id, id, NOW - 10 * DAY, usage_bytes, status, n_files, n_files);
  g_autoptr (JsonNode) node = parse (json);
  g_autoptr (GError) error = NULL;
  SkVectorStore *store = sk_vector_store_new_from_json (node, &error);

  g_assert_no_error (error);
  g_ptr_array_add (stores, store);
}

static void
add_entry (GPtrArray  *entries,
           const char *store_id,
           const char *file_id,
           const char *status,
           gint64      usage_bytes)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":\"%s\",\"object\":\"vector_store.file\",\"vector_store_id\":\"%s\",\"status\":\"%s\","
    "\"usage_bytes\":%" G_GINT64_FORMAT ",\"created_at\":%" G_GINT64_FORMAT ",\"last_error\":null}",
    file_id, store_id, status, usage_bytes, NOW - DAY);
  g_autoptr (JsonNode) node = parse (json);
  g_autoptr (GError) error = NULL;
  SkVectorStoreFile *entry = sk_vector_store_file_new_from_json (node, &error);

  g_assert_no_error (error);
  g_ptr_array_add (entries, entry);
}

static gboolean
holds_id (const SkReclaim *reclaim,
          const char      *id)
{
  for (guint i = 0; i < reclaim->items->len; i++)
    {
      GObject *item = g_ptr_array_index (reclaim->items, i);
      g_autofree char *item_id = NULL;

      g_object_get (item, "id", &item_id, NULL);
      if (g_strcmp0 (item_id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_price (void)
{
  SkStoragePrice price = SK_STORAGE_PRICE_DEFAULT;
  SkStoragePrice free_none = { 0.10, 0 };
  SkStoragePrice dear = { 0.25, 2.5 };
  struct { const SkStoragePrice *price; gint64 bytes; double per_day; } rows[] = {
    { &price, 0, 0 },
    { &price, GB / 2, 0 },
    { &price, GB, 0 },
    { &price, 3 * GB, 0.20 },
    { &price, 11 * GB + GB / 2, 1.05 },
    { &price, -5, 0 },
    { &free_none, GB, 0.10 },
    { &dear, 4 * GB, 0.375 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpfloat_with_epsilon (sk_storage_price_per_day (rows[i].price, rows[i].bytes),
                                    rows[i].per_day, 1e-9);
}

static void
test_totals_and_reclaim (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SkStorageSummary) summary = NULL;
  g_autoptr (GPtrArray) top = NULL;
  SkStoragePrice price = SK_STORAGE_PRICE_DEFAULT;
  GPtrArray *purposes;
  const SkReclaim *r;

  add_file (files, "file-a", "assistants", 1000, NOW - DAY, 0);        /* in vs_big */
  add_file (files, "file-b", "assistants", 2000, NOW - 2 * DAY, 0);    /* orphan */
  add_file (files, "file-c", "user_data", 4000, NOW - 3 * DAY, 0);     /* orphan */
  add_file (files, "file-d", "batch", 8000, NOW - 40 * DAY, 0);        /* never in a store */
  add_file (files, "file-e", "batch_output", 100, NOW - 400 * DAY, NOW - DAY); /* expired */
  add_file (files, "file-f", "assistants", 50, NOW - DAY, NOW + DAY);  /* in vs_big, expires later */

  add_store (stores, "vs_big", "completed", 3 * GB, 3);
  add_store (stores, "vs_old", "expired", 2 * GB, 1);
  add_store (stores, "vs_empty", "completed", 0, 0);
  add_store (stores, "vs_busy", "in_progress", GB / 2, 1);

  add_entry (entries, "vs_big", "file-a", "completed", 2 * GB);
  add_entry (entries, "vs_big", "file-f", "failed", GB / 4);
  add_entry (entries, "vs_big", "file-gone", "completed", GB / 2);
  add_entry (entries, "vs_old", "file-e", "completed", GB);

  summary = sk_storage_summary_new (files, stores, entries, NULL, NOW);

  g_assert_cmpuint (sk_storage_summary_get_n_files (summary), ==, 6);
  g_assert_cmpint (sk_storage_summary_get_file_bytes (summary), ==, 15150);
  purposes = sk_storage_summary_get_purposes (summary);
  g_assert_cmpuint (purposes->len, ==, 4);
  g_assert_cmpstr (((SkPurposeTotal *) purposes->pdata[0])->purpose, ==, "batch");
  g_assert_cmpstr (((SkPurposeTotal *) purposes->pdata[1])->purpose, ==, "user_data");
  g_assert_cmpstr (((SkPurposeTotal *) purposes->pdata[2])->purpose, ==, "assistants");
  g_assert_cmpuint (((SkPurposeTotal *) purposes->pdata[2])->n_files, ==, 3);
  g_assert_cmpint (((SkPurposeTotal *) purposes->pdata[2])->bytes, ==, 3050);

  g_assert_cmpuint (sk_storage_summary_get_n_stores (summary), ==, 4);
  g_assert_cmpint (sk_storage_summary_get_billed_bytes (summary), ==, 5 * GB + GB / 2);
  g_assert_cmpuint (sk_storage_summary_count_stores (summary, "completed"), ==, 2);
  g_assert_cmpuint (sk_storage_summary_count_stores (summary, "expired"), ==, 1);
  g_assert_cmpuint (sk_storage_summary_count_stores (summary, "in_progress"), ==, 1);
  g_assert_cmpuint (sk_storage_summary_count_stores (summary, NULL), ==, 4);
  g_assert_cmpint (sk_storage_summary_store_bytes (summary, "expired"), ==, 2 * GB);

  top = sk_storage_summary_dup_top_stores (summary, 2);
  g_assert_cmpuint (top->len, ==, 2);
  g_assert_cmpstr (sk_vector_store_get_id (top->pdata[0]), ==, "vs_big");
  g_assert_cmpstr (sk_vector_store_get_id (top->pdata[1]), ==, "vs_old");

  /* 5.5 GB billed, 1 GB free: 4.5 GB × $0.10 */
  g_assert_cmpfloat_with_epsilon (sk_storage_summary_cost_per_day (summary, &price), 0.45, 1e-9);

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_UNUSED_FILES);
  g_assert_true (r->known);
  g_assert_cmpuint (r->items->len, ==, 2);
  g_assert_true (holds_id (r, "file-b") && holds_id (r, "file-c"));
  g_assert_cmpint (r->bytes, ==, 6000);
  g_assert_cmpfloat (sk_storage_summary_saving_per_day (summary, SK_RECLAIM_UNUSED_FILES, &price), ==, 0);

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_EXPIRED_STORES);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "vs_old"));
  g_assert_cmpfloat_with_epsilon (sk_storage_summary_saving_per_day (summary, SK_RECLAIM_EXPIRED_STORES, &price),
                                  0.20, 1e-9);

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_FAILED_ENTRIES);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "file-f"));

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_MISSING_ENTRIES);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "file-gone"));
  g_assert_cmpint (r->billed_bytes, ==, GB / 2);

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_EXPIRED_FILES);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "file-e"));
  g_assert_cmpint (r->billed_bytes, ==, GB);   /* its entry in vs_old */

  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_EMPTY_STORES);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "vs_empty"));
}

/* The free allowance is the account's: a saving that brings the account
 * under it only saves what was above it. */
static void
test_saving_is_marginal (void)
{
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SkStorageSummary) summary = NULL;
  SkStoragePrice price = SK_STORAGE_PRICE_DEFAULT;

  add_store (stores, "vs_keep", "completed", GB / 2, 2);
  add_store (stores, "vs_old", "expired", GB, 1);
  summary = sk_storage_summary_new (NULL, stores, NULL, NULL, NOW);

  g_assert_cmpfloat_with_epsilon (sk_storage_summary_cost_per_day (summary, &price), 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (sk_storage_summary_saving_per_day (summary, SK_RECLAIM_EXPIRED_STORES, &price),
                                  0.05, 1e-9);
  /* without entries nor usage the store entries and unused files are unknown */
  g_assert_false (sk_storage_summary_get_reclaim (summary, SK_RECLAIM_UNUSED_FILES)->known);
  g_assert_false (sk_storage_summary_get_reclaim (summary, SK_RECLAIM_FAILED_ENTRIES)->known);
  g_assert_true (sk_storage_summary_get_reclaim (summary, SK_RECLAIM_EXPIRED_STORES)->known);
}

/* The orphan finder's map (file → stores) stands for the entries. */
static void
test_usage_map (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (SkStorageSummary) summary = NULL;
  GPtrArray *in_stores = g_ptr_array_new_with_free_func (g_free);
  const SkReclaim *r;

  add_file (files, "file-a", "assistants", 10, NOW, 0);
  add_file (files, "file-b", "assistants", 20, NOW, 0);
  add_file (files, "file-c", "fine-tune", 40, NOW, 0);
  g_ptr_array_add (in_stores, g_strdup ("vs_1"));
  g_hash_table_insert (usage, g_strdup ("file-a"), in_stores);
  g_hash_table_insert (usage, g_strdup ("file-b"), g_ptr_array_new ());

  summary = sk_storage_summary_new (files, NULL, NULL, usage, NOW);
  r = sk_storage_summary_get_reclaim (summary, SK_RECLAIM_UNUSED_FILES);
  g_assert_true (r->known);
  g_assert_cmpuint (r->items->len, ==, 1);
  g_assert_true (holds_id (r, "file-b"));
  g_assert_false (sk_storage_summary_get_reclaim (summary, SK_RECLAIM_MISSING_ENTRIES)->known);
}

static void
test_weeks (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (SkStorageSummary) summary = NULL;
  GPtrArray *purposes;
  guint batch, assistants, total = 0;

  add_file (files, "f1", "batch", 1, NOW, 0);                    /* this week */
  add_file (files, "f2", "batch", 1, NOW - 6 * DAY, 0);          /* this week */
  add_file (files, "f3", "assistants", 1, NOW - 7 * DAY, 0);     /* the week before */
  add_file (files, "f4", "batch", 1, NOW - 7 * DAY - 1, 0);      /* the week before */
  add_file (files, "f5", "batch", 1, NOW - 51 * 7 * DAY - 1, 0); /* the first week */
  add_file (files, "f6", "batch", 1, NOW - 52 * 7 * DAY, 0);     /* over a year: not drawn */
  add_file (files, "f7", "batch", 1, NOW + DAY, 0);              /* clock ahead: this week */

  summary = sk_storage_summary_new (files, NULL, NULL, NULL, NOW);
  purposes = sk_storage_summary_get_purposes (summary);
  batch = g_strcmp0 (((SkPurposeTotal *) purposes->pdata[0])->purpose, "batch") == 0 ? 0 : 1;
  assistants = 1 - batch;

  g_assert_cmpuint (sk_storage_summary_get_week_count (summary, 51, batch), ==, 3);
  g_assert_cmpuint (sk_storage_summary_get_week_count (summary, 50, batch), ==, 1);
  g_assert_cmpuint (sk_storage_summary_get_week_count (summary, 50, assistants), ==, 1);
  g_assert_cmpuint (sk_storage_summary_get_week_count (summary, 0, batch), ==, 1);
  g_assert_cmpuint (sk_storage_summary_get_max_week (summary), ==, 3);
  g_assert_cmpint (sk_storage_summary_get_week_start (summary, 51), ==, NOW - 7 * DAY);
  g_assert_cmpint (sk_storage_summary_get_week_start (summary, 0), ==, NOW - 52 * 7 * DAY);

  for (guint w = 0; w < SK_SUMMARY_WEEKS; w++)
    for (guint p = 0; p < purposes->len; p++)
      total += sk_storage_summary_get_week_count (summary, w, p);
  g_assert_cmpuint (total, ==, 6);
}

static void
test_empty_account (void)
{
  g_autoptr (SkStorageSummary) summary = sk_storage_summary_new (NULL, NULL, NULL, NULL, NOW);
  SkStoragePrice price = SK_STORAGE_PRICE_DEFAULT;

  g_assert_cmpuint (sk_storage_summary_get_n_files (summary), ==, 0);
  g_assert_cmpuint (sk_storage_summary_get_purposes (summary)->len, ==, 0);
  g_assert_cmpuint (sk_storage_summary_get_max_week (summary), ==, 0);
  g_assert_cmpfloat (sk_storage_summary_cost_per_day (summary, &price), ==, 0);
  for (guint k = 0; k < SK_RECLAIM_N_KINDS; k++)
    g_assert_cmpuint (sk_storage_summary_get_reclaim (summary, k)->items->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/storage-summary/price", test_price);
  g_test_add_func ("/storage-summary/totals-and-reclaim", test_totals_and_reclaim);
  g_test_add_func ("/storage-summary/saving-is-marginal", test_saving_is_marginal);
  g_test_add_func ("/storage-summary/usage-map", test_usage_map);
  g_test_add_func ("/storage-summary/weeks", test_weeks);
  g_test_add_func ("/storage-summary/empty-account", test_empty_account);

  return g_test_run ();
}
