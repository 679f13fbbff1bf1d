/* test-fake-units.c: the parts of the simulated OpenAI account, without HTTP
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table tests of the sorted index and its cursors, the account data and
 * its counts, the JSON bodies, the faults and rate limit, and the bearer
 * check.
 */

#include "config.h"

#include "sk-fake-faults.h"
#include "sk-fake-index.h"
#include "sk-fake-json.h"
#include "sk-fake-routes.h"
#include "sk-fake-store.h"

#include <string.h>

/* Index: "a" (100), "b" (200), "c" (200, added after b), "d" (300),
 * "e" (400), "f" (500), and "x" (250) deleted. */
static void
item_free (gpointer data)
{
  SkFakeItem *item = data;

  g_free (item->id);
  g_free (item);
}

static SkFakeItem *
item_new (const char *id,
          gint64      created_at,
          guint64     seq)
{
  SkFakeItem *item = g_new0 (SkFakeItem, 1);

  item->id = g_strdup (id);
  item->created_at = created_at;
  item->seq = seq;
  return item;
}

static SkFakeIndex *
make_index (void)
{
  static const struct { const char *id; gint64 created_at; } items[] = {
    { "d", 300 }, { "a", 100 }, { "x", 250 }, { "b", 200 }, { "f", 500 },
    { "c", 200 }, { "e", 400 },
  };
  SkFakeIndex *idx = sk_fake_index_new (item_free);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    sk_fake_index_add (idx, item_new (items[i].id, items[i].created_at, i));
  g_assert_nonnull (sk_fake_index_remove (idx, "x"));
  g_assert_null (sk_fake_index_remove (idx, "x"));
  return idx;
}

static gboolean
match_not_b_cb (SkFakeItem *item,
                gpointer    data)
{
  return !g_str_equal (item->id, "b");
}

static char *
join_ids (GPtrArray *items)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    g_string_append (s, ((SkFakeItem *) g_ptr_array_index (items, i))->id);
  return g_string_free (s, FALSE);
}

static void
test_index_pages (void)
{
  static const struct
  {
    guint       limit;
    gboolean    asc;
    const char *after;
    const char *before;
    gboolean    skip_b;
    gboolean    stuck;
    const char *page;       /* NULL: a bad cursor */
    gboolean    has_more;
    const char *bad_cursor;
  } cases[] = {
    { 10, FALSE, NULL, NULL, FALSE, FALSE, "fedbca", FALSE, NULL },
    { 10, TRUE,  NULL, NULL, FALSE, FALSE, "abcdef", FALSE, NULL },
    /* equal created_at: insertion order in both directions */
    { 3,  FALSE, NULL, NULL, FALSE, FALSE, "fed",    TRUE,  NULL },
    { 3,  FALSE, "d",  NULL, FALSE, FALSE, "bca",    FALSE, NULL },
    { 2,  TRUE,  "a",  NULL, FALSE, FALSE, "bc",     TRUE,  NULL },
    { 6,  TRUE,  "f",  NULL, FALSE, FALSE, "",       FALSE, NULL },
    /* a deleted item keeps its place as a cursor */
    { 10, TRUE,  "x",  NULL, FALSE, FALSE, "def",    FALSE, NULL },
    { 10, FALSE, "x",  NULL, FALSE, FALSE, "bca",    FALSE, NULL },
    /* before alone: the items just before the cursor, in list order */
    { 2,  TRUE,  NULL, "e",  FALSE, FALSE, "cd",     TRUE,  NULL },
    { 10, TRUE,  NULL, "c",  FALSE, FALSE, "ab",     FALSE, NULL },
    { 10, TRUE,  "a",  "e",  FALSE, FALSE, "bcd",    FALSE, NULL },
    { 1,  TRUE,  "a",  "e",  FALSE, FALSE, "b",      TRUE,  NULL },
    /* a filter skips items, has_more counts only matches */
    { 2,  TRUE,  NULL, NULL, TRUE,  FALSE, "ac",     TRUE,  NULL },
    { 10, TRUE,  NULL, "c",  TRUE,  FALSE, "a",      FALSE, NULL },
    { 1,  TRUE,  NULL, "c",  TRUE,  FALSE, "a",      FALSE, NULL },
    /* unknown cursors */
    { 10, TRUE,  "zz", NULL, FALSE, FALSE, NULL,     FALSE, "after" },
    { 10, TRUE,  NULL, "zz", FALSE, FALSE, NULL,     FALSE, "before" },
    /* a stuck page gives back the cursor itself, or the first match */
    { 10, TRUE,  "c",  NULL, FALSE, TRUE,  "c",      TRUE,  NULL },
    { 10, FALSE, NULL, NULL, FALSE, TRUE,  "f",      TRUE,  NULL },
    { 10, TRUE,  "x",  NULL, FALSE, TRUE,  "",       TRUE,  NULL },
  };
  g_autoptr (SkFakeIndex) idx = make_index ();

  g_assert_cmpuint (sk_fake_index_size (idx), ==, 6);
  g_assert_null (sk_fake_index_lookup (idx, "x"));
  g_assert_null (sk_fake_index_lookup (idx, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakePageQuery query = { cases[i].limit, cases[i].asc, cases[i].after, cases[i].before };
      g_autoptr (GPtrArray) page = NULL;
      const char *bad_cursor = NULL;
      gboolean has_more = !cases[i].has_more;

      g_test_message ("case %u", i);
      page = sk_fake_index_page (idx, &query, cases[i].skip_b ? match_not_b_cb : NULL, NULL,
                                 cases[i].stuck, &has_more, &bad_cursor);
      g_assert_cmpstr (bad_cursor, ==, cases[i].bad_cursor);
      if (cases[i].page == NULL)
        {
          g_assert_null (page);
          continue;
        }
      g_assert_nonnull (page);
      {
        g_autofree char *ids = join_ids (page);

        g_assert_cmpstr (ids, ==, cases[i].page);
      }
      g_assert_cmpint (has_more, ==, cases[i].has_more);
    }
}

static void
test_index_readd (void)
{
  g_autoptr (SkFakeIndex) idx = make_index ();
  g_autoptr (GPtrArray) ids = NULL;

  /* an id deleted then added again is live once, at its new place */
  sk_fake_index_add (idx, item_new ("x", 600, 100));

  ids = sk_fake_index_list_ids (idx);
  g_assert_cmpuint (ids->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (ids, 6), ==, "x");
}

static void
test_store_counts (void)
{
  g_autoptr (SkFakeStore) store = sk_fake_store_new ();
  SkFakeVectorStore *vs;
  SkFakeFile *file;

  g_assert_cmpstr (sk_fake_store_add_file (store, "file-a", "a.txt", NULL, 300, 10, 0), ==, "file-a");
  g_assert_null (sk_fake_store_add_file (store, "file-a", "again.txt", NULL, 1, 10, 0));
  g_assert_cmpstr (sk_fake_store_add_file (store, "file-b", NULL, "batch", 0, 20, 0), ==, "file-b");
  g_assert_cmpstr (sk_fake_store_add_vector_store (store, "vs_1", "One", 5, 0, 0, "bogus"), ==, "vs_1");
  g_assert_true (g_str_has_prefix (sk_fake_store_add_file (store, NULL, NULL, NULL, 1, 0, 0), "file-"));

  file = sk_fake_store_lookup_file (store, "file-b");
  g_assert_cmpstr (file->filename, ==, "file.txt");
  vs = sk_fake_store_lookup_vector_store (store, "vs_1");
  g_assert_cmpstr (vs->status, ==, "completed");
  g_assert_cmpint (vs->last_active_at, ==, 5);

  g_assert_true (sk_fake_store_attach_by_id (store, "vs_1", "file-a", "completed", 0, NULL));
  g_assert_true (sk_fake_store_attach_by_id (store, "vs_1", "file-b", "in_progress", 0, NULL));
  g_assert_false (sk_fake_store_attach_by_id (store, "vs_1", "file-zz", "completed", 0, NULL));
  g_assert_cmpstr (vs->status, ==, "in_progress");
  g_assert_cmpint (vs->counts[SK_FAKE_COUNT_COMPLETED], ==, 1);
  g_assert_cmpint (vs->counts[SK_FAKE_COUNT_IN_PROGRESS], ==, 1);
  g_assert_cmpint (vs->total, ==, 2);
  g_assert_cmpint (vs->usage_bytes, ==, 100);

  /* stale counts: the file goes, the counts stay */
  sk_fake_store_delete_file (store, sk_fake_store_lookup_file (store, "file-a"), FALSE);
  g_assert_null (sk_fake_store_lookup_file (store, "file-a"));
  g_assert_null (sk_fake_index_lookup (vs->files, "file-a"));
  g_assert_cmpint (vs->total, ==, 2);

  sk_fake_store_delete_file (store, sk_fake_store_lookup_file (store, "file-b"), TRUE);
  g_assert_cmpint (vs->total, ==, 1);
  g_assert_cmpint (vs->counts[SK_FAKE_COUNT_IN_PROGRESS], ==, 0);

  sk_fake_store_delete_vector_store (store, vs);
  g_assert_null (sk_fake_store_lookup_vector_store (store, "vs_1"));
  g_assert_cmpuint (sk_fake_index_size (sk_fake_store_get_files (store)), ==, 1);
}

static void
test_store_statuses (void)
{
  static const struct { const char *status; int index; } cases[] = {
    { NULL, SK_FAKE_COUNT_COMPLETED },
    { "in_progress", SK_FAKE_COUNT_IN_PROGRESS },
    { "completed", SK_FAKE_COUNT_COMPLETED },
    { "failed", SK_FAKE_COUNT_FAILED },
    { "cancelled", SK_FAKE_COUNT_CANCELLED },
    { "expired", -1 },
    { "", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (sk_fake_file_status_index (cases[i].status), ==, cases[i].index);
}

static char *
generate (JsonObject *object)
{
  SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;

  sk_fake_answer_take_object (&answer, 200, object);
  g_assert_cmpuint (strlen (answer.body), ==, answer.length);
  return answer.body;
}

static JsonObject *
file_json_cb (SkFakeItem *item,
              gpointer    data)
{
  return sk_fake_json_file ((SkFakeFile *) item);
}

/* The bodies, byte for byte, in the member order of real traffic. */
static void
test_json_bodies (void)
{
  g_autoptr (SkFakeStore) store = sk_fake_store_new ();
  g_autoptr (GPtrArray) page = g_ptr_array_new ();
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  SkFakeVectorStore *vs;
  SkFakeFile *file;
  struct { JsonObject *object; const char *expected; } cases[8];

  sk_fake_store_add_file (store, "file-1", "a\"b\\c\n.txt", "assistants", 12, 1700000000, 0);
  sk_fake_store_add_file (store, "file-2", "résumé.pdf", "batch", 0, 1700000001, 1700086401);
  sk_fake_store_add_vector_store (store, "vs_1", NULL, 1700000000, 0, 0, "completed");
  sk_fake_store_add_vector_store (store, "vs_2", "Docs", 1700000000, 1700000500, 7, "expired");
  sk_fake_store_attach_by_id (store, "vs_2", "file-1", "failed", 1700000100, "invalid_file");
  file = sk_fake_store_lookup_file (store, "file-1");
  vs = sk_fake_store_lookup_vector_store (store, "vs_2");
  g_ptr_array_add (page, sk_fake_store_lookup_file (store, "file-2"));

  cases[0].object = sk_fake_json_file (file);
  cases[0].expected =
    "{\"object\":\"file\",\"id\":\"file-1\",\"purpose\":\"assistants\","
    "\"filename\":\"a\\\"b\\\\c\\n.txt\",\"bytes\":12,\"created_at\":1700000000,"
    "\"expires_at\":null,\"status\":\"processed\",\"status_details\":null}";

  cases[1].object = sk_fake_json_vector_store (sk_fake_store_lookup_vector_store (store, "vs_1"));
  cases[1].expected =
    "{\"id\":\"vs_1\",\"object\":\"vector_store\",\"created_at\":1700000000,\"name\":null,"
    "\"description\":null,\"usage_bytes\":0,\"file_counts\":{\"in_progress\":0,\"completed\":0,"
    "\"failed\":0,\"cancelled\":0,\"total\":0},\"status\":\"completed\",\"expires_after\":null,"
    "\"expires_at\":null,\"last_active_at\":1700000000,\"metadata\":{}}";

  cases[2].object = sk_fake_json_vector_store (vs);
  cases[2].expected =
    "{\"id\":\"vs_2\",\"object\":\"vector_store\",\"created_at\":1700000000,\"name\":\"Docs\","
    "\"description\":null,\"usage_bytes\":0,\"file_counts\":{\"in_progress\":0,\"completed\":0,"
    "\"failed\":1,\"cancelled\":0,\"total\":1},\"status\":\"expired\",\"expires_after\":"
    "{\"anchor\":\"last_active_at\",\"days\":7},\"expires_at\":1700605300,"
    "\"last_active_at\":1700000500,\"metadata\":{}}";

  cases[3].object = sk_fake_json_vector_store_file (sk_fake_index_lookup (vs->files, "file-1"), "vs_2");
  cases[3].expected =
    "{\"id\":\"file-1\",\"object\":\"vector_store.file\",\"usage_bytes\":0,"
    "\"created_at\":1700000100,\"vector_store_id\":\"vs_2\",\"status\":\"failed\","
    "\"last_error\":{\"code\":\"invalid_file\",\"message\":\"The file could not be parsed.\"},"
    "\"chunking_strategy\":{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":800,"
    "\"chunk_overlap_tokens\":400}},\"attributes\":{}}";

  cases[4].object = sk_fake_json_list (page, file_json_cb, NULL, TRUE, TRUE);
  cases[4].expected =
    "{\"object\":\"list\",\"data\":[{\"object\":\"file\",\"id\":\"file-2\",\"purpose\":\"batch\","
    "\"filename\":\"résumé.pdf\",\"bytes\":0,\"created_at\":1700000001,\"expires_at\":1700086401,"
    "\"status\":\"processed\",\"status_details\":null}],\"has_more\":true,"
    "\"first_id\":\"file-2\",\"last_id\":\"file-2\"}";

  cases[5].object = sk_fake_json_list (empty, file_json_cb, NULL, FALSE, FALSE);
  cases[5].expected =
    "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}";

  cases[6].object = sk_fake_json_error ("No such File object: x", "invalid_request_error", "id",
                                        NULL, TRUE);
  cases[6].expected =
    "{\"error\":{\"message\":\"No such File object: x\",\"type\":\"invalid_request_error\","
    "\"param\":\"id\",\"code\":null},\"detail\":{\"message\":\"No such File object: x\","
    "\"code\":null}}";

  cases[7].object = sk_fake_json_file_deleted ("file-1");
  cases[7].expected = "{\"object\":\"file\",\"deleted\":true,\"id\":\"file-1\"}";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = generate (cases[i].object);

      g_test_message ("case %u", i);
      g_assert_cmpstr (body, ==, cases[i].expected);
    }
}

static void
test_json_status_errors (void)
{
  static const struct { guint status; const char *type; const char *code; } cases[] = {
    { 401, "invalid_request_error", "invalid_api_key" },
    { 403, "request_forbidden", "unsupported_country_region_territory" },
    { 404, "invalid_request_error", NULL },
    { 429, "requests", "rate_limit_exceeded" },
    { 500, "server_error", NULL },
    { 503, "server_error", NULL },
    { 418, "invalid_request_error", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *error;

      sk_fake_answer_status_error (&answer, cases[i].status);
      g_assert_cmpuint (answer.status, ==, cases[i].status);
      g_assert_cmpint (answer.retry_after_ms, ==, -1);
      g_assert_true (json_parser_load_from_data (parser, answer.body, answer.length, NULL));
      error = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                             "error");
      g_assert_cmpstr (json_object_get_string_member (error, "type"), ==, cases[i].type);
      g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, cases[i].code);
      sk_fake_answer_clear (&answer);
    }
}

static void
test_faults_queued (void)
{
  SkFakeFaults faults;
  static const struct
  {
    const char *path;
    gboolean    queued;
    guint       status;
    int         retry_after_ms;
    gboolean    drop;
    guint       extra_delay_ms;
  } cases[] = {
    { "/v1/files", TRUE, 0, -1, FALSE, 250 },           /* the first fault for any path */
    { "/v1/files", TRUE, 429, -1, FALSE, 0 },           /* quota: no Retry-After */
    { "/v1/files", FALSE, 0, -1, FALSE, 0 },            /* the store fault waits */
    { "/v1/vector_stores/vs_1", TRUE, 503, 1500, FALSE, 0 },
    { "/v1/vector_stores/vs_1", TRUE, 0, -1, TRUE, 0 },
    { "/v1/vector_stores/vs_1", FALSE, 0, -1, FALSE, 0 },
  };

  sk_fake_faults_init (&faults);
  sk_fake_faults_queue (&faults, NULL, SK_FAKE_FAULT_DELAY, 0, 250);
  sk_fake_faults_queue (&faults, "/v1/vector_stores", SK_FAKE_FAULT_STATUS, 503, 1500);
  sk_fake_faults_queue (&faults, "/v1/files", SK_FAKE_FAULT_STATUS, 429, -2);
  sk_fake_faults_queue (&faults, "/v1/vector_stores/vs_1", SK_FAKE_FAULT_DROP, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      SkFakePlan plan = { 0, };

      g_test_message ("case %u", i);
      sk_fake_faults_take_queued (&faults, cases[i].path, &plan, &answer);
      g_assert_cmpint (plan.queued, ==, cases[i].queued);
      g_assert_cmpuint (answer.status, ==, cases[i].status);
      g_assert_cmpint (answer.retry_after_ms, ==, cases[i].retry_after_ms);
      g_assert_cmpint (plan.drop, ==, cases[i].drop);
      g_assert_cmpuint (plan.extra_delay_ms, ==, cases[i].extra_delay_ms);
      sk_fake_answer_clear (&answer);
    }

  sk_fake_faults_clear (&faults);
}

/* rate 2/s, burst 1 s: two requests at once, then one every 500 ms */
static void
test_faults_rate_limit (void)
{
  static const struct { gint64 at_ms; guint status; int retry_after_ms; } cases[] = {
    { 0, 0, -1 },
    { 0, 0, -1 },
    { 0, 429, 500 },
    { 250, 429, 250 },
    { 500, 0, -1 },
    { 500, 429, 500 },
    { 5000, 0, -1 },
    { 5000, 0, -1 },
    { 5000, 429, 500 },
  };
  SkFakeFaults faults;
  gint64 t0 = 1000000;

  sk_fake_faults_init (&faults);
  sk_fake_faults_set_rate_limit (&faults, 2, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      SkFakePlan plan = { 0, };

      g_test_message ("case %u", i);
      sk_fake_faults_roll (&faults, t0 + cases[i].at_ms * 1000, 1, 0, &plan, &answer);
      g_assert_cmpuint (answer.status, ==, cases[i].status);
      g_assert_cmpint (answer.retry_after_ms, ==, cases[i].retry_after_ms);
      g_assert_cmpint (plan.no_delay, ==, cases[i].status == 429);
      sk_fake_answer_clear (&answer);
    }

  /* a new limit starts with a full bucket */
  sk_fake_faults_set_rate_limit (&faults, 1, 3);
  for (guint i = 0; i < 4; i++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      SkFakePlan plan = { 0, };

      sk_fake_faults_roll (&faults, t0 + 5000000, 1, 0, &plan, &answer);
      g_assert_cmpuint (answer.status, ==, i < 3 ? 0 : 429);
      sk_fake_answer_clear (&answer);
    }

  sk_fake_faults_clear (&faults);
}

static void
test_faults_knobs (void)
{
  SkFakeFaults faults;
  SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
  SkFakePlan plan = { 0, };

  sk_fake_faults_init (&faults);

  /* nothing set: nothing happens */
  sk_fake_faults_roll (&faults, 0, 50, 0, &plan, &answer);
  g_assert_null (answer.body);
  g_assert_false (plan.drop || plan.malformed || plan.no_delay);

  /* over the concurrency cap: 429 asking to wait the latency (at least 10 ms) */
  faults.max_concurrent = 2;
  sk_fake_faults_roll (&faults, 0, 3, 4, &plan, &answer);
  g_assert_cmpuint (answer.status, ==, 429);
  g_assert_cmpint (answer.retry_after_ms, ==, 10);
  g_assert_true (plan.no_delay);
  g_assert_true (plan.limited);
  sk_fake_answer_clear (&answer);
  faults.max_concurrent = 0;

  /* certain dice, in order: drop before 500 before malformed */
  faults.malformed_rate = 1;
  plan = (SkFakePlan) { 0, };
  sk_fake_faults_roll (&faults, 0, 1, 0, &plan, &answer);
  g_assert_true (plan.malformed);
  g_assert_null (answer.body);

  faults.fail_rate = 1;
  plan = (SkFakePlan) { 0, };
  sk_fake_faults_roll (&faults, 0, 1, 0, &plan, &answer);
  g_assert_cmpuint (answer.status, ==, 500);
  g_assert_false (plan.malformed);
  sk_fake_answer_clear (&answer);

  faults.drop_rate = 1;
  plan = (SkFakePlan) { 0, };
  sk_fake_faults_roll (&faults, 0, 1, 0, &plan, &answer);
  g_assert_true (plan.drop);
  g_assert_null (answer.body);

  /* a reset comes before a drop */
  faults.reset_rate = 1;
  plan = (SkFakePlan) { 0, };
  sk_fake_faults_roll (&faults, 0, 1, 0, &plan, &answer);
  g_assert_true (plan.reset);
  g_assert_false (plan.drop || plan.limited);
  g_assert_null (answer.body);

  sk_fake_faults_clear (&faults);
}

/* capacity 0 never slows; past the capacity the delay grows in
 * proportion to the requests in flight */
static void
test_faults_capacity (void)
{
  static const struct { guint capacity; guint latency_ms; guint n_in_flight; guint expected; } cases[] = {
    { 0, 20, 1, 20 },
    { 0, 20, 500, 20 },
    { 16, 20, 1, 20 },
    { 16, 20, 16, 20 },
    { 16, 20, 17, 21 },
    { 16, 20, 32, 40 },
    { 16, 20, 64, 80 },
    { 16, 0, 64, 0 },
    { 1, 100, 3, 300 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakeFaults faults;

      g_test_message ("case %u", i);
      sk_fake_faults_init (&faults);
      faults.capacity = cases[i].capacity;
      g_assert_cmpuint (sk_fake_faults_latency_ms (&faults, cases[i].latency_ms,
                                                   cases[i].n_in_flight),
                        ==, cases[i].expected);
      sk_fake_faults_clear (&faults);
    }
}

static void
test_auth (void)
{
  static const struct
  {
    const char *authorization;
    const char *api_key;
    gboolean    ok;
    const char *code;
    const char *shown;     /* what the message shows of the key */
  } cases[] = {
    { NULL, NULL, FALSE, NULL, NULL },
    { "Basic abc", NULL, FALSE, NULL, NULL },
    { "Bearer    ", NULL, FALSE, NULL, NULL },
    { "Bearer anything", NULL, TRUE, NULL, NULL },
    { "bearer  sk-right", "sk-right", TRUE, NULL, NULL },
    { "Bearer sk-wrong-key-1234567890", "sk-right", FALSE, "invalid_api_key", "sk-w****7890" },
    { "Bearer sk-short", "sk-right", FALSE, "invalid_api_key", ": ****." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
      gboolean ok;

      g_test_message ("case %u", i);
      ok = sk_fake_check_auth (cases[i].authorization, cases[i].api_key, &answer);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_null (answer.body);
          continue;
        }
      g_assert_cmpuint (answer.status, ==, 401);
      if (cases[i].code != NULL)
        g_assert_nonnull (strstr (answer.body, cases[i].code));
      if (cases[i].shown != NULL)
        g_assert_nonnull (strstr (answer.body, cases[i].shown));
      /* the key given is never echoed whole */
      if (cases[i].authorization != NULL && strlen (cases[i].authorization) > 12)
        g_assert_null (strstr (answer.body, cases[i].authorization + 7));
      sk_fake_answer_clear (&answer);
    }
}

/* The files list written from each file's kept text is byte for byte the
 * list json-glib writes from the objects' tree. */
static void
test_json_file_list_text (void)
{
  g_autoptr (SkFakeStore) store = sk_fake_store_new ();
  static const char *names[] = { "a\"b\\c\n.txt", "résumé.pdf", "tab\there", "\x01ctl\x1f", "日本.txt",
                                 "\b\f\r.bin", "a/b\x7f.txt", "line\xe2\x80\xa8sep", "", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup_printf ("file-%u", i);

      sk_fake_store_add_file (store, id, names[i], i % 2 ? "batch" : NULL, i * 1000, 1700000000 + i,
                              i % 3 ? 0 : 1800000000);
    }

  for (guint n = 0; n <= 9; n++)
    for (int has_more = 0; has_more <= 1; has_more++)
      {
        g_autoptr (GPtrArray) page = g_ptr_array_new ();
        g_autoptr (JsonGenerator) generator = json_generator_new ();
        g_autoptr (JsonNode) root = NULL;
        g_autofree char *expected = NULL;
        SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *id = g_strdup_printf ("file-%u", i);

            g_ptr_array_add (page, sk_fake_store_lookup_file (store, id));
          }
        root = json_node_init_object (json_node_alloc (),
                                      sk_fake_json_list (page, file_json_cb, NULL, has_more, TRUE));
        json_object_unref (json_node_get_object (root));
        json_generator_set_root (generator, root);
        expected = json_generator_to_data (generator, NULL);

        /* twice: the second time from the kept texts */
        for (guint k = 0; k < 2; k++)
          {
            sk_fake_answer_take_file_list (&answer, page, has_more);
            g_assert_cmpuint (answer.status, ==, 200);
            g_assert_cmpuint (answer.length, ==, strlen (expected));
            g_assert_cmpstr (answer.body, ==, expected);
          }
        sk_fake_answer_clear (&answer);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-units/index/pages", test_index_pages);
  g_test_add_func ("/fake-units/index/readd", test_index_readd);
  g_test_add_func ("/fake-units/store/counts", test_store_counts);
  g_test_add_func ("/fake-units/store/statuses", test_store_statuses);
  g_test_add_func ("/fake-units/json/bodies", test_json_bodies);
  g_test_add_func ("/fake-units/json/file-list-text", test_json_file_list_text);
  g_test_add_func ("/fake-units/json/status-errors", test_json_status_errors);
  g_test_add_func ("/fake-units/faults/queued", test_faults_queued);
  g_test_add_func ("/fake-units/faults/rate-limit", test_faults_rate_limit);
  g_test_add_func ("/fake-units/faults/knobs", test_faults_knobs);
  g_test_add_func ("/fake-units/faults/capacity", test_faults_capacity);
  g_test_add_func ("/fake-units/auth", test_auth);

  return g_test_run ();
}
