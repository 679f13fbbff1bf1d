/* sk-fake-openai.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-openai.h"
#include "sk-fake-azure.h"
#include "sk-fake-dataset.h"
#include "sk-object-private.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Indexed collections                                                 */
/* ------------------------------------------------------------------ */

/* First member of every stored object: its id and its sort key. */
typedef struct
{
  char     *id;
  gint64    created_at;
  guint64   seq;
} Item;

/* A collection of items with an id lookup, two sorted views (created_at
 * ascending, and descending with ties kept in insertion order, as the real
 * API does) and tombstones, so that a cursor naming an object deleted
 * meanwhile still has a place in the list. The views are rebuilt lazily. */
typedef struct
{
  GHashTable *live;    /* id -> Item*, owned */
  GHashTable *tomb;    /* id -> Item*, owned */
  GPtrArray  *asc;     /* Item*, borrowed; may hold dead items until prepared */
  GPtrArray  *desc;
  gboolean    unsorted;
  guint       n_dead;
} Index;

typedef struct
{
  Item       item;
  char      *filename;
  char      *purpose;
  gint64     bytes;
  gint64     expires_at;   /* 0: null */
  GPtrArray *stores;       /* FakeStore*, borrowed: the stores it is attached to */
} FakeFile;

enum { COUNT_IN_PROGRESS, COUNT_COMPLETED, COUNT_FAILED, COUNT_CANCELLED, N_COUNTS };

typedef struct
{
  Item        item;
  char       *name;        /* NULL: null */
  gint64      usage_bytes;
  gint64      last_active_at;
  guint       expires_days;
  const char *status;      /* static */
  gint64      counts[N_COUNTS];
  gint64      total;
  Index      *files;       /* FakeStoreFile; NULL once the store is deleted */
} FakeStore;

typedef struct
{
  Item        item;
  const char *status;        /* static */
  int         status_index;  /* COUNT_* */
  gint64      usage_bytes;
  const char *error_code;    /* static or NULL */
  const char *error_message; /* static or NULL */
} FakeStoreFile;

typedef struct
{
  char            *path_prefix;
  SkFakeFaultKind  kind;
  guint            status;
  int              retry_after_ms;
} Fault;

typedef struct
{
  SkFakeOpenai      *self;
  SoupServerMessage *msg;
  SkFakeRequest     *request;
  GSource           *timer;
  gboolean           done;
} Pending;

struct _SkFakeOpenai
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  guint         port;

  Index        *files;
  Index        *stores;
  guint64       next_seq;
  GRand        *id_rand;

  /* knobs */
  char         *api_key;
  guint         latency_ms;
  guint         max_concurrent;
  double        rate_limit;
  double        rate_burst;
  double        fail_rate;
  double        drop_rate;
  double        malformed_rate;
  guint         seed;
  gboolean      stale_counts;
  gboolean      retry_after_seconds_only;
  gboolean      azure;
  char         *azure_api_version;
  GRand        *dice;
  double        tokens;
  gint64        tokens_time_us;

  GQueue        faults;     /* Fault* */
  GPtrArray    *requests;   /* SkFakeRequest* */
  GHashTable   *pending;    /* SoupServerMessage* -> Pending* */
  guint         n_in_flight;
  guint         peak_in_flight;
  guint64       request_counter;
};

G_DEFINE_FINAL_TYPE (SkFakeOpenai, sk_fake_openai, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_LATENCY_MS,
  PROP_MAX_CONCURRENT,
  PROP_RATE_LIMIT,
  PROP_FAIL_RATE,
  PROP_DROP_RATE,
  PROP_MALFORMED_RATE,
  PROP_SEED,
  PROP_PORT,
  PROP_STALE_COUNTS,
  PROP_RETRY_AFTER_STYLE,
  PROP_RATE_BURST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
item_cmp_asc (gconstpointer a,
              gconstpointer b)
{
  const Item *x = *(const Item * const *) a;
  const Item *y = *(const Item * const *) b;

  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? -1 : 1;
  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return 0;
}

static int
item_cmp_desc (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(const Item * const *) a;
  const Item *y = *(const Item * const *) b;

  if (x->created_at != y->created_at)
    return x->created_at > y->created_at ? -1 : 1;
  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return 0;
}

static Index *
index_new (GDestroyNotify item_free)
{
  Index *idx = g_new0 (Index, 1);

  idx->live = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  idx->tomb = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  idx->asc = g_ptr_array_new ();
  idx->desc = g_ptr_array_new ();
  return idx;
}

static void
index_free (Index *idx)
{
  if (idx == NULL)
    return;
  g_ptr_array_unref (idx->asc);
  g_ptr_array_unref (idx->desc);
  g_hash_table_unref (idx->live);
  g_hash_table_unref (idx->tomb);
  g_free (idx);
}

static gboolean
item_is_live (Index *idx,
              Item  *item)
{
  return g_hash_table_lookup (idx->live, item->id) == item;
}

static void
index_prepare (Index *idx)
{
  if (idx->n_dead > 0)
    {
      GPtrArray *arrays[2] = { idx->asc, idx->desc };

      for (guint a = 0; a < 2; a++)
        {
          GPtrArray *arr = arrays[a];
          guint j = 0;

          for (guint i = 0; i < arr->len; i++)
            {
              Item *item = g_ptr_array_index (arr, i);

              if (item_is_live (idx, item))
                arr->pdata[j++] = item;
            }
          g_ptr_array_set_size (arr, j);
        }
      idx->n_dead = 0;
    }

  if (idx->unsorted)
    {
      g_ptr_array_sort (idx->asc, item_cmp_asc);
      g_ptr_array_sort (idx->desc, item_cmp_desc);
      idx->unsorted = FALSE;
    }
}

static gpointer
index_lookup (Index      *idx,
              const char *id)
{
  return id ? g_hash_table_lookup (idx->live, id) : NULL;
}

static void
index_add (Index *idx,
           Item  *item)
{
  if (g_hash_table_contains (idx->tomb, item->id))
    {
      /* drop the dead copy from the views before freeing it */
      index_prepare (idx);
      g_hash_table_remove (idx->tomb, item->id);
    }

  g_hash_table_insert (idx->live, item->id, item);

  if (idx->asc->len > 0 && !idx->unsorted &&
      item_cmp_asc (&g_ptr_array_index (idx->asc, idx->asc->len - 1), &item) > 0)
    idx->unsorted = TRUE;
  if (idx->desc->len > 0 && !idx->unsorted &&
      item_cmp_desc (&g_ptr_array_index (idx->desc, idx->desc->len - 1), &item) > 0)
    idx->unsorted = TRUE;

  g_ptr_array_add (idx->asc, item);
  g_ptr_array_add (idx->desc, item);
}

/* Moves the item to the tombstones; it stays valid (owned by the index). */
static gpointer
index_remove (Index      *idx,
              const char *id)
{
  Item *item = NULL;

  if (!g_hash_table_steal_extended (idx->live, id, NULL, (gpointer *) &item))
    return NULL;

  g_hash_table_replace (idx->tomb, item->id, item);
  idx->n_dead++;
  return item;
}

static guint
index_size (Index *idx)
{
  return g_hash_table_size (idx->live);
}

/* Position in @arr (sorted by @cmp) of the first item after @key. */
static guint
upper_bound (GPtrArray    *arr,
             Item         *key,
             GCompareFunc  cmp)
{
  guint lo = 0, hi = arr->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cmp (&g_ptr_array_index (arr, mid), &key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Position of the first item not before @key. */
static guint
lower_bound (GPtrArray    *arr,
             Item         *key,
             GCompareFunc  cmp)
{
  guint lo = 0, hi = arr->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cmp (&g_ptr_array_index (arr, mid), &key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static Item *
index_cursor (Index      *idx,
              const char *id)
{
  Item *item = g_hash_table_lookup (idx->live, id);

  if (item == NULL)
    item = g_hash_table_lookup (idx->tomb, id);
  return item;
}

static void
fake_file_free (gpointer data)
{
  FakeFile *file = data;

  g_free (file->item.id);
  g_free (file->filename);
  g_free (file->purpose);
  g_clear_pointer (&file->stores, g_ptr_array_unref);
  g_free (file);
}

static void
fake_store_file_free (gpointer data)
{
  FakeStoreFile *sf = data;

  g_free (sf->item.id);
  g_free (sf);
}

static void
fake_store_free (gpointer data)
{
  FakeStore *store = data;

  g_free (store->item.id);
  g_free (store->name);
  g_clear_pointer (&store->files, index_free);
  g_free (store);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->path_prefix);
  g_free (fault);
}

static void
request_free (gpointer data)
{
  SkFakeRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

/* ------------------------------------------------------------------ */
/* Ids and static strings                                              */
/* ------------------------------------------------------------------ */

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

static const char *const store_file_statuses[N_COUNTS] = {
  "in_progress", "completed", "failed", "cancelled",
};

static int
store_file_status_index (const char *status)
{
  if (status == NULL)
    return COUNT_COMPLETED;
  for (int i = 0; i < N_COUNTS; i++)
    if (g_str_equal (status, store_file_statuses[i]))
      return i;
  return -1;
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

/* ------------------------------------------------------------------ */
/* JSON writing                                                        */
/* ------------------------------------------------------------------ */

static void
json_string (GString    *s,
             const char *v)
{
  if (v == NULL)
    {
      g_string_append (s, "null");
      return;
    }

  g_string_append_c (s, '"');
  for (const char *p = v; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':  g_string_append (s, "\\\""); break;
        case '\\': g_string_append (s, "\\\\"); break;
        case '\n': g_string_append (s, "\\n"); break;
        case '\r': g_string_append (s, "\\r"); break;
        case '\t': g_string_append (s, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, c);
        }
    }
  g_string_append_c (s, '"');
}

static void
json_int (GString *s,
          gint64   v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  *--p = '\0';
  do
    {
      *--p = '0' + (u % 10);
      u /= 10;
    }
  while (u);
  if (v < 0)
    *--p = '-';
  g_string_append (s, p);
}

static void
json_int_or_null (GString *s,
                  gint64   v)
{
  if (v == 0)
    g_string_append (s, "null");
  else
    json_int (s, v);
}

static void
write_file (GString  *s,
            FakeFile *file)
{
  g_string_append (s, "{\"object\":\"file\",\"id\":");
  json_string (s, file->item.id);
  g_string_append (s, ",\"purpose\":");
  json_string (s, file->purpose);
  g_string_append (s, ",\"filename\":");
  json_string (s, file->filename);
  g_string_append (s, ",\"bytes\":");
  json_int (s, file->bytes);
  g_string_append (s, ",\"created_at\":");
  json_int (s, file->item.created_at);
  g_string_append (s, ",\"expires_at\":");
  json_int_or_null (s, file->expires_at);
  g_string_append (s, ",\"status\":\"processed\",\"status_details\":null}");
}

static gint64
store_expires_at (FakeStore *store)
{
  if (store->expires_days == 0)
    return 0;
  return store->last_active_at + (gint64) store->expires_days * 86400;
}

static void
write_store (GString   *s,
             FakeStore *store)
{
  g_string_append (s, "{\"id\":");
  json_string (s, store->item.id);
  g_string_append (s, ",\"object\":\"vector_store\",\"created_at\":");
  json_int (s, store->item.created_at);
  g_string_append (s, ",\"name\":");
  json_string (s, store->name);
  g_string_append (s, ",\"description\":null,\"usage_bytes\":");
  json_int (s, store->usage_bytes);
  g_string_append (s, ",\"file_counts\":{\"in_progress\":");
  json_int (s, store->counts[COUNT_IN_PROGRESS]);
  g_string_append (s, ",\"completed\":");
  json_int (s, store->counts[COUNT_COMPLETED]);
  g_string_append (s, ",\"failed\":");
  json_int (s, store->counts[COUNT_FAILED]);
  g_string_append (s, ",\"cancelled\":");
  json_int (s, store->counts[COUNT_CANCELLED]);
  g_string_append (s, ",\"total\":");
  json_int (s, store->total);
  g_string_append (s, "},\"status\":");
  json_string (s, store->status);
  if (store->expires_days > 0)
    {
      g_string_append (s, ",\"expires_after\":{\"anchor\":\"last_active_at\",\"days\":");
      json_int (s, store->expires_days);
      g_string_append (s, "},\"expires_at\":");
      json_int (s, store_expires_at (store));
    }
  else
    g_string_append (s, ",\"expires_after\":null,\"expires_at\":null");
  g_string_append (s, ",\"last_active_at\":");
  json_int_or_null (s, store->last_active_at);
  g_string_append (s, ",\"metadata\":{}}");
}

static void
write_store_file (GString       *s,
                  FakeStoreFile *sf,
                  const char    *vector_store_id)
{
  g_string_append (s, "{\"id\":");
  json_string (s, sf->item.id);
  g_string_append (s, ",\"object\":\"vector_store.file\",\"usage_bytes\":");
  json_int (s, sf->usage_bytes);
  g_string_append (s, ",\"created_at\":");
  json_int (s, sf->item.created_at);
  g_string_append (s, ",\"vector_store_id\":");
  json_string (s, vector_store_id);
  g_string_append (s, ",\"status\":");
  json_string (s, sf->status);
  g_string_append (s, ",\"last_error\":");
  if (sf->error_code != NULL)
    {
      g_string_append (s, "{\"code\":");
      json_string (s, sf->error_code);
      g_string_append (s, ",\"message\":");
      json_string (s, sf->error_message);
      g_string_append (s, "}");
    }
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"chunking_strategy\":{\"type\":\"static\",\"static\":"
                      "{\"max_chunk_size_tokens\":800,\"chunk_overlap_tokens\":400}},"
                      "\"attributes\":{}}");
}

static GString *
error_body (const char *message,
            const char *type,
            const char *param,
            const char *code,
            gboolean    with_detail)
{
  GString *s = g_string_new ("{\"error\":{\"message\":");

  json_string (s, message);
  g_string_append (s, ",\"type\":");
  json_string (s, type);
  g_string_append (s, ",\"param\":");
  json_string (s, param);
  g_string_append (s, ",\"code\":");
  json_string (s, code);
  g_string_append (s, "}");
  if (with_detail)
    {
      g_string_append (s, ",\"detail\":{\"message\":");
      json_string (s, message);
      g_string_append (s, ",\"code\":");
      json_string (s, code);
      g_string_append (s, "}");
    }
  g_string_append (s, "}");
  return s;
}

/* ------------------------------------------------------------------ */
/* Answers                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint    status;
  GString *body;
  int      retry_after_ms;   /* < 0: no Retry-After headers */
} Answer;

static void
answer_error (Answer     *answer,
              guint       status,
              const char *message,
              const char *type,
              const char *param,
              const char *code)
{
  answer->status = status;
  answer->body = error_body (message, type, param, code, FALSE);
}

static void
answer_status_fault (Answer *answer,
                     guint   status,
                     int     retry_after_ms)
{
  switch (status)
    {
    case 401:
      answer_error (answer, status, "Incorrect API key provided.",
                    "invalid_request_error", NULL, "invalid_api_key");
      break;
    case 403:
      answer_error (answer, status, "Country, region, or territory not supported",
                    "request_forbidden", NULL, "unsupported_country_region_territory");
      break;
    case 404:
      answer_error (answer, status, "Not found.", "invalid_request_error", NULL, NULL);
      break;
    case 429:
      answer_error (answer, status,
                    "Rate limit reached for requests. Please try again later.",
                    "requests", NULL, "rate_limit_exceeded");
      break;
    case 503:
      answer_error (answer, status, "The engine is currently overloaded, please try again later",
                    "server_error", NULL, NULL);
      break;
    default:
      if (status >= 500)
        answer_error (answer, status,
                      "The server had an error while processing your request. Sorry about that!",
                      "server_error", NULL, NULL);
      else
        answer_error (answer, status, "The request could not be processed.",
                      "invalid_request_error", NULL, NULL);
    }
  answer->retry_after_ms = retry_after_ms;
}

static void
answer_quota (Answer *answer)
{
  answer_error (answer, 429,
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota", NULL, "insufficient_quota");
}

/* ------------------------------------------------------------------ */
/* Query parameters                                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint       limit;
  gboolean    asc;
  const char *after;
  const char *before;
  const char *purpose;
  int         filter;     /* -1: none */
} ListParams;

static gboolean
parse_list_params (GHashTable *query,
                   guint       max_limit,
                   guint       default_limit,
                   gboolean    with_before,
                   gboolean    with_purpose,
                   gboolean    with_filter,
                   ListParams *params,
                   Answer     *answer)
{
  const char *limit = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *order = query ? g_hash_table_lookup (query, "order") : NULL;

  params->limit = default_limit;
  params->asc = FALSE;
  params->after = query ? g_hash_table_lookup (query, "after") : NULL;
  params->before = with_before && query ? g_hash_table_lookup (query, "before") : NULL;
  params->purpose = with_purpose && query ? g_hash_table_lookup (query, "purpose") : NULL;
  params->filter = -1;

  if (limit != NULL)
    {
      gint64 v = 0;
      char *end = NULL;

      v = g_ascii_strtoll (limit, &end, 10);
      if (*limit == '\0' || end == NULL || *end != '\0')
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': expected an integer, but got '%s' instead.", limit);
          answer_error (answer, 400, m, "invalid_request_error", "limit", "invalid_type");
          return FALSE;
        }
      if (v < 1)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': integer below minimum value. Expected a value >= 1, "
                             "but got %" G_GINT64_FORMAT " instead.", v);
          answer_error (answer, 400, m, "invalid_request_error", "limit", "integer_below_min_value");
          return FALSE;
        }
      if (v > max_limit)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'limit': integer above maximum value. Expected a value <= %u, "
                             "but got %" G_GINT64_FORMAT " instead.", max_limit, v);
          answer_error (answer, 400, m, "invalid_request_error", "limit", "integer_above_max_value");
          return FALSE;
        }
      params->limit = v;
    }

  if (order != NULL)
    {
      if (g_str_equal (order, "asc"))
        params->asc = TRUE;
      else if (!g_str_equal (order, "desc"))
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid value: '%s'. Supported values are: 'asc' and 'desc'.", order);
          answer_error (answer, 400, m, "invalid_request_error", "order", "invalid_value");
          return FALSE;
        }
    }

  if (with_filter && query && g_hash_table_lookup (query, "filter"))
    {
      const char *filter = g_hash_table_lookup (query, "filter");

      params->filter = store_file_status_index (filter);
      if (params->filter < 0)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid value: '%s'. Supported values are: 'in_progress', "
                             "'completed', 'failed', and 'cancelled'.", filter);
          answer_error (answer, 400, m, "invalid_request_error", "filter", "invalid_value");
          return FALSE;
        }
    }

  return TRUE;
}

typedef gboolean (*MatchFunc)   (Item *item, gpointer data);
typedef void     (*WriteFunc)   (GString *s, Item *item, gpointer data);

/* Writes a list page of @idx. @stuck: the stuck-cursor fault. */
static void
answer_list (Answer     *answer,
             Index      *idx,
             ListParams *params,
             MatchFunc   match,
             WriteFunc   write,
             gpointer    data,
             gboolean    files_key_order,
             gboolean    stuck)
{
  GPtrArray *arr;
  GCompareFunc cmp = params->asc ? item_cmp_asc : item_cmp_desc;
  guint start = 0, end;
  GPtrArray *page;
  gboolean has_more = FALSE;
  GString *s;

  index_prepare (idx);
  arr = params->asc ? idx->asc : idx->desc;
  end = arr->len;

  if (params->after != NULL)
    {
      Item *key = index_cursor (idx, params->after);

      if (key == NULL)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'after': no object found with id '%s'.", params->after);
          answer_error (answer, 400, m, "invalid_request_error", "after", NULL);
          return;
        }
      start = upper_bound (arr, key, cmp);
    }
  if (params->before != NULL)
    {
      Item *key = index_cursor (idx, params->before);

      if (key == NULL)
        {
          g_autofree char *m =
            g_strdup_printf ("Invalid 'before': no object found with id '%s'.", params->before);
          answer_error (answer, 400, m, "invalid_request_error", "before", NULL);
          return;
        }
      end = MAX (start, lower_bound (arr, key, cmp));
    }

  page = g_ptr_array_sized_new (MIN (params->limit, end - start));

  if (stuck)
    {
      Item *item = params->after ? index_lookup (idx, params->after) : NULL;

      if (item == NULL && params->after == NULL)
        {
          for (guint i = start; i < end && item == NULL; i++)
            if (match == NULL || match (g_ptr_array_index (arr, i), data))
              item = g_ptr_array_index (arr, i);
        }
      if (item != NULL)
        g_ptr_array_add (page, item);
      has_more = TRUE;
    }
  else if (params->before != NULL && params->after == NULL)
    {
      /* the @limit matching items just before the cursor */
      guint i = end;

      while (i > start && page->len < params->limit)
        {
          Item *item = g_ptr_array_index (arr, --i);

          if (match == NULL || match (item, data))
            g_ptr_array_add (page, item);
        }
      for (; i > start && !has_more; i--)
        if (match == NULL || match (g_ptr_array_index (arr, i - 1), data))
          has_more = TRUE;
      /* back in list order */
      for (guint a = 0, b = page->len; a + 1 < b; a++, b--)
        {
          gpointer t = page->pdata[a];
          page->pdata[a] = page->pdata[b - 1];
          page->pdata[b - 1] = t;
        }
    }
  else
    {
      guint i = start;

      for (; i < end && page->len < params->limit; i++)
        {
          Item *item = g_ptr_array_index (arr, i);

          if (match == NULL || match (item, data))
            g_ptr_array_add (page, item);
        }
      for (; i < end && !has_more; i++)
        if (match == NULL || match (g_ptr_array_index (arr, i), data))
          has_more = TRUE;
    }

  s = g_string_sized_new (64 + page->len * 300);
  g_string_append (s, "{\"object\":\"list\",\"data\":[");
  for (guint i = 0; i < page->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      write (s, g_ptr_array_index (page, i), data);
    }
  g_string_append_c (s, ']');

  if (files_key_order)
    g_string_append (s, has_more ? ",\"has_more\":true" : ",\"has_more\":false");
  g_string_append (s, ",\"first_id\":");
  json_string (s, page->len ? ((Item *) g_ptr_array_index (page, 0))->id : NULL);
  g_string_append (s, ",\"last_id\":");
  json_string (s, page->len ? ((Item *) g_ptr_array_index (page, page->len - 1))->id : NULL);
  if (!files_key_order)
    g_string_append (s, has_more ? ",\"has_more\":true" : ",\"has_more\":false");
  g_string_append_c (s, '}');

  g_ptr_array_unref (page);
  answer->status = 200;
  answer->body = s;
}

static gboolean
match_purpose (Item     *item,
               gpointer  data)
{
  return g_strcmp0 (((FakeFile *) item)->purpose, data) == 0;
}

typedef struct
{
  const char *vector_store_id;
  int         filter;
} StoreFilesCtx;

static gboolean
match_store_filter (Item     *item,
                    gpointer  data)
{
  StoreFilesCtx *ctx = data;

  return ((FakeStoreFile *) item)->status_index == ctx->filter;
}

static void
write_file_cb (GString  *s,
               Item     *item,
               gpointer  data)
{
  write_file (s, (FakeFile *) item);
}

static void
write_store_cb (GString  *s,
                Item     *item,
                gpointer  data)
{
  write_store (s, (FakeStore *) item);
}

static void
write_store_file_cb (GString  *s,
                     Item     *item,
                     gpointer  data)
{
  StoreFilesCtx *ctx = data;

  write_store_file (s, (FakeStoreFile *) item, ctx->vector_store_id);
}

/* ------------------------------------------------------------------ */
/* Account operations                                                  */
/* ------------------------------------------------------------------ */

static void
store_count (FakeStore     *store,
             FakeStoreFile *sf,
             int            sign)
{
  store->counts[sf->status_index] += sign;
  store->total += sign;
  store->usage_bytes += sign * sf->usage_bytes;
}

static gboolean
detach (SkFakeOpenai *self,
        FakeStore    *store,
        const char   *file_id,
        gboolean      update_counts)
{
  FakeStoreFile *sf;
  FakeFile *file;

  if (store->files == NULL)
    return FALSE;

  sf = index_remove (store->files, file_id);
  if (sf == NULL)
    return FALSE;

  if (update_counts)
    store_count (store, sf, -1);

  file = index_lookup (self->files, file_id);
  if (file != NULL)
    g_ptr_array_remove_fast (file->stores, store);

  return TRUE;
}

static void
delete_file (SkFakeOpenai *self,
             FakeFile     *file)
{
  g_autoptr (GPtrArray) stores = g_ptr_array_copy (file->stores, NULL, NULL);

  for (guint i = 0; i < stores->len; i++)
    detach (self, g_ptr_array_index (stores, i), file->item.id, !self->stale_counts);

  index_remove (self->files, file->item.id);
  g_ptr_array_set_size (file->stores, 0);
}

static void
delete_store (SkFakeOpenai *self,
              FakeStore    *store)
{
  if (store->files != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, store->files->live);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          FakeFile *file = index_lookup (self->files, ((Item *) value)->id);

          if (file != NULL)
            g_ptr_array_remove_fast (file->stores, store);
        }
      g_clear_pointer (&store->files, index_free);
    }
  index_remove (self->stores, store->item.id);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A new item takes @id; @created_at 0 (or less) means now. */
static void
item_init (SkFakeOpenai *self,
           Item         *item,
           char         *id,
           gint64        created_at)
{
  item->id = id;
  item->created_at = created_at > 0 ? created_at : now_s ();
  item->seq = self->next_seq++;
}

static FakeStoreFile *
attach (SkFakeOpenai *self,
        FakeStore    *store,
        FakeFile     *file,
        int           status_index,
        gint64        created_at,
        const char   *error_code)
{
  FakeStoreFile *sf = index_lookup (store->files, file->item.id);

  if (sf != NULL)
    return sf;

  sf = g_new0 (FakeStoreFile, 1);
  item_init (self, &sf->item, g_strdup (file->item.id), created_at);
  sf->status_index = status_index;
  sf->status = store_file_statuses[status_index];
  if (status_index == COUNT_COMPLETED)
    sf->usage_bytes = MAX (file->bytes / 3, 1);
  if (status_index == COUNT_FAILED)
    {
      sf->error_code = static_error_code (error_code ? error_code : "server_error");
      sf->error_message = static_error_message (sf->error_code);
    }

  index_add (store->files, &sf->item);
  store_count (store, sf, +1);
  g_ptr_array_add (file->stores, store);

  return sf;
}

/* ------------------------------------------------------------------ */
/* Routing                                                             */
/* ------------------------------------------------------------------ */

static void
route_files (SkFakeOpenai *self,
             const char   *method,
             char        **parts,
             guint         n_parts,
             GHashTable   *query,
             Answer       *answer,
             gboolean      stuck)
{
  /* parts: "files" [id] */
  if (n_parts == 1)
    {
      ListParams params;

      if (!g_str_equal (method, "GET"))
        return;
      if (!parse_list_params (query, 10000, 10000, FALSE, TRUE, FALSE, &params, answer))
        return;
      answer_list (answer, self->files, &params,
                   params.purpose ? match_purpose : NULL, write_file_cb,
                   (gpointer) params.purpose, TRUE, stuck);
    }
  else if (n_parts == 2)
    {
      FakeFile *file = index_lookup (self->files, parts[1]);

      if (!g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
        return;

      if (file == NULL)
        {
          /* the real 404 also carries a top-level "detail" object */
          g_autofree char *m = g_strdup_printf ("No such File object: %s", parts[1]);
          answer->status = 404;
          answer->body = error_body (m, "invalid_request_error", "id", NULL, TRUE);
          return;
        }

      answer->status = 200;
      answer->body = g_string_new (NULL);
      if (g_str_equal (method, "GET"))
        write_file (answer->body, file);
      else
        {
          g_string_append (answer->body, "{\"object\":\"file\",\"deleted\":true,\"id\":");
          json_string (answer->body, file->item.id);
          g_string_append (answer->body, "}");
          delete_file (self, file);
        }
    }
}

static void
answer_store_not_found (Answer     *answer,
                        const char *id)
{
  g_autofree char *m = g_strdup_printf ("No vector store found with id '%s'.", id);

  answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
}

static void
route_attach (SkFakeOpenai      *self,
              SoupServerMessage *msg,
              FakeStore         *store,
              Answer            *answer)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *file_id = NULL;
  FakeFile *file;
  FakeStoreFile *sf;
  JsonNode *root;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *node = json_object_get_member (object, "file_id");

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        file_id = json_node_get_string (node);
    }

  if (file_id == NULL)
    {
      answer_error (answer, 400, "Missing required parameter: 'file_id'.",
                    "invalid_request_error", "file_id", "missing_required_parameter");
      return;
    }

  file = index_lookup (self->files, file_id);
  if (file == NULL)
    {
      g_autofree char *m = g_strdup_printf ("No file found with id '%s'.", file_id);
      answer_error (answer, 404, m, "invalid_request_error", "file_id", NULL);
      return;
    }

  sf = attach (self, store, file, COUNT_COMPLETED, 0, NULL);
  store->last_active_at = MAX (store->last_active_at, sf->item.created_at);
  answer->status = 200;
  answer->body = g_string_new (NULL);
  write_store_file (answer->body, sf, store->item.id);
}

static void
route_vector_stores (SkFakeOpenai      *self,
                     SoupServerMessage *msg,
                     const char        *method,
                     char             **parts,
                     guint              n_parts,
                     GHashTable        *query,
                     Answer            *answer,
                     gboolean           stuck)
{
  FakeStore *store;

  /* parts: "vector_stores" [id ["files" [file_id]]] */
  if (n_parts == 1)
    {
      ListParams params;

      if (!g_str_equal (method, "GET"))
        return;
      if (!parse_list_params (query, 100, 20, TRUE, FALSE, FALSE, &params, answer))
        return;
      answer_list (answer, self->stores, &params, NULL, write_store_cb, NULL, FALSE, stuck);
      return;
    }

  if (n_parts == 3 && !g_str_equal (parts[2], "files"))
    return;
  if (n_parts == 4 && !g_str_equal (parts[2], "files"))
    return;
  if (n_parts > 4)
    return;

  /* method check before the existence check, as a router would */
  if (n_parts == 2 && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
    return;
  if (n_parts == 3 && !g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    return;
  if (n_parts == 4 && !g_str_equal (method, "GET") && !g_str_equal (method, "DELETE"))
    return;

  store = index_lookup (self->stores, parts[1]);
  if (store == NULL)
    {
      answer_store_not_found (answer, parts[1]);
      return;
    }

  if (n_parts == 2)
    {
      answer->status = 200;
      answer->body = g_string_new (NULL);
      if (g_str_equal (method, "GET"))
        write_store (answer->body, store);
      else
        {
          g_string_append (answer->body, "{\"id\":");
          json_string (answer->body, store->item.id);
          g_string_append (answer->body, ",\"object\":\"vector_store.deleted\",\"deleted\":true}");
          delete_store (self, store);
        }
    }
  else if (n_parts == 3)
    {
      if (g_str_equal (method, "POST"))
        route_attach (self, msg, store, answer);
      else
        {
          ListParams params;
          StoreFilesCtx ctx;

          if (!parse_list_params (query, 100, 20, TRUE, FALSE, TRUE, &params, answer))
            return;
          ctx.vector_store_id = store->item.id;
          ctx.filter = params.filter;
          answer_list (answer, store->files, &params,
                       params.filter >= 0 ? match_store_filter : NULL,
                       write_store_file_cb, &ctx, FALSE, stuck);
        }
    }
  else
    {
      FakeStoreFile *sf = index_lookup (store->files, parts[3]);

      if (sf == NULL)
        {
          g_autofree char *m = g_strdup_printf ("No file found with id '%s' in vector store '%s'.",
                                                parts[3], store->item.id);
          answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
          return;
        }

      answer->status = 200;
      answer->body = g_string_new (NULL);
      if (g_str_equal (method, "GET"))
        write_store_file (answer->body, sf, store->item.id);
      else
        {
          g_string_append (answer->body, "{\"id\":");
          json_string (answer->body, sf->item.id);
          g_string_append (answer->body, ",\"object\":\"vector_store.file.deleted\",\"deleted\":true}");
          detach (self, store, parts[3], TRUE);
        }
    }
}

static void
route (SkFakeOpenai      *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query,
       Answer            *answer,
       gboolean           stuck)
{
  g_auto (GStrv) parts = NULL;
  guint n_parts;
  gboolean known_path = FALSE;

  if (g_str_has_prefix (path, "/v1/"))
    {
      parts = g_strsplit (path + 4, "/", 0);
      n_parts = g_strv_length (parts);

      /* a trailing slash or an empty segment is not a route */
      for (guint i = 0; i < n_parts; i++)
        if (parts[i][0] == '\0')
          n_parts = 0;

      if (n_parts >= 1 && n_parts <= 2 && g_str_equal (parts[0], "files"))
        {
          known_path = TRUE;
          route_files (self, method, parts, n_parts, query, answer, stuck);
        }
      else if (n_parts >= 1 && n_parts <= 4 && g_str_equal (parts[0], "vector_stores") &&
               (n_parts < 3 || g_str_equal (parts[2], "files")))
        {
          known_path = TRUE;
          route_vector_stores (self, msg, method, parts, n_parts, query, answer, stuck);
        }
    }

  if (answer->body == NULL)
    {
      g_autofree char *m = NULL;

      if (known_path)
        {
          m = g_strdup_printf ("Invalid method for URL (%s %s)", method, path);
          answer_error (answer, 405, m, "invalid_request_error", NULL, NULL);
        }
      else
        {
          m = g_strdup_printf ("Invalid URL (%s %s)", method, path);
          answer_error (answer, 404, m, "invalid_request_error", NULL, NULL);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Request handling                                                    */
/* ------------------------------------------------------------------ */

static char *
mask_key (const char *key)
{
  gsize len = strlen (key);
  GString *s = g_string_new (NULL);
  gsize head = len >= 16 ? 4 : len >= 12 ? 3 : 0;
  gsize tail = len >= 12 ? 4 : 0;

  for (gsize i = 0; i < head; i++)
    g_string_append_c (s, g_ascii_isgraph (key[i]) ? key[i] : '*');
  g_string_append (s, "****");
  for (gsize i = len - tail; i < len; i++)
    g_string_append_c (s, g_ascii_isgraph (key[i]) ? key[i] : '*');
  return g_string_free (s, FALSE);
}

/* FALSE and fills @answer when the bearer is missing or wrong. */
static gboolean
check_auth (SkFakeOpenai      *self,
            SoupServerMessage *msg,
            Answer            *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *key = NULL;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    {
      key = auth + 7;
      while (*key == ' ')
        key++;
    }

  if (key == NULL || *key == '\0')
    {
      answer_error (answer, 401, "Missing bearer or basic authentication in header",
                    "invalid_request_error", NULL, NULL);
      return FALSE;
    }

  if (self->api_key != NULL && !g_str_equal (key, self->api_key))
    {
      g_autofree char *masked = mask_key (key);
      g_autofree char *m =
        g_strdup_printf ("Incorrect API key provided: %s. You can find your API key at "
                         "https://platform.openai.com/account/api-keys.", masked);
      answer_error (answer, 401, m, "invalid_request_error", NULL, "invalid_api_key");
      return FALSE;
    }

  return TRUE;
}

static Fault *
take_fault (SkFakeOpenai *self,
            const char   *path)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->path_prefix == NULL || g_str_has_prefix (path, fault->path_prefix))
        {
          g_queue_delete_link (&self->faults, l);
          return fault;
        }
    }
  return NULL;
}

/* TRUE when a token was available. */
static gboolean
take_token (SkFakeOpenai *self,
            int          *retry_after_ms)
{
  gint64 now = g_get_monotonic_time ();
  double capacity = MAX (1.0, self->rate_limit * self->rate_burst);

  if (self->tokens_time_us == 0)
    self->tokens = capacity;
  else
    self->tokens = MIN (capacity,
                        self->tokens + (now - self->tokens_time_us) * self->rate_limit / G_USEC_PER_SEC);
  self->tokens_time_us = now;

  if (self->tokens >= 1.0)
    {
      self->tokens -= 1.0;
      return TRUE;
    }

  *retry_after_ms = (int) ceil ((1.0 - self->tokens) * 1000.0 / self->rate_limit);
  return FALSE;
}

static gboolean
roll (SkFakeOpenai *self,
      double        rate)
{
  if (rate <= 0.0)
    return FALSE;
  return g_rand_double (self->dice) < rate;
}

static void
pending_finish (Pending *pending)
{
  SkFakeOpenai *self = pending->self;

  if (pending->done)
    return;
  pending->done = TRUE;
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending->timer != NULL)
    {
      g_source_destroy (pending->timer);
      g_source_unref (pending->timer);
    }
  g_object_unref (pending->msg);
  g_free (pending);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 SkFakeOpenai      *self)
{
  Pending *pending = g_hash_table_lookup (self->pending, msg);

  if (pending != NULL)
    {
      pending_finish (pending);
      g_hash_table_remove (self->pending, msg);
    }
}

static gboolean
unpause_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->timer, g_source_unref);
  soup_server_message_unpause (pending->msg);
  return G_SOURCE_REMOVE;
}

/* @status: what the log says was answered (0: nothing was processed) */
static void
drop_connection (SkFakeOpenai      *self,
                 SoupServerMessage *msg,
                 Pending           *pending,
                 guint              status)
{
  g_autoptr (GIOStream) stream = NULL;

  pending->request->status = status;
  pending_finish (pending);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    {
      /* The head of an answer whose body never comes. With no byte at all,
       * SoupSession silently re-sends a request that failed on a reused
       * keep-alive connection, and the client would never see the drop. */
      static const char partial[] =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{";

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial,
                                 sizeof partial - 1, NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
  g_hash_table_remove (self->pending, msg);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SkFakeOpenai *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  SoupMessageHeaders *headers;
  SkFakeRequest *request;
  Pending *pending;
  Fault *fault;
  Answer answer = { 0, NULL, -1 };
  guint delay_ms = self->latency_ms;
  gboolean stuck = FALSE;
  gboolean malformed = FALSE;
  gboolean wrong_shape = FALSE;
  gboolean drop = FALSE;
  gboolean drop_after = FALSE;
  g_autofree char *azure_path = NULL;
  char request_id[64];

  request = g_new0 (SkFakeRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (raw_query);
  request->time_us = g_get_monotonic_time ();
  g_ptr_array_add (self->requests, request);

  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->request = request;
  g_hash_table_replace (self->pending, msg, pending);

  self->n_in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->n_in_flight);

  fault = take_fault (self, path);
  if (fault != NULL)
    {
      switch (fault->kind)
        {
        case SK_FAKE_FAULT_STATUS:
          if (fault->status == 429 && fault->retry_after_ms < -1)
            answer_quota (&answer);
          else
            answer_status_fault (&answer, fault->status ? fault->status : 500,
                                 fault->retry_after_ms);
          break;
        case SK_FAKE_FAULT_DROP:
          drop = TRUE;
          break;
        case SK_FAKE_FAULT_MALFORMED:
          malformed = TRUE;
          break;
        case SK_FAKE_FAULT_WRONG_SHAPE:
          wrong_shape = TRUE;
          break;
        case SK_FAKE_FAULT_STUCK_CURSOR:
          stuck = TRUE;
          break;
        case SK_FAKE_FAULT_DELAY:
          delay_ms += MAX (fault->retry_after_ms, 0);
          break;
        case SK_FAKE_FAULT_DROP_AFTER:
          drop_after = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }
      fault_free (fault);
    }

  if (answer.body == NULL && !drop && self->azure)
    {
      g_autofree char *message = NULL;
      guint status = 0;

      azure_path = sk_fake_azure_check_request (path, query,
                                                soup_server_message_get_request_headers (msg),
                                                self->azure_api_version, self->api_key,
                                                &status, &message);
      if (azure_path == NULL)
        {
          answer_error (&answer, status, message, "invalid_request_error", NULL, NULL);
          delay_ms = 0;
        }
    }
  else if (answer.body == NULL && !drop && !check_auth (self, msg, &answer))
    delay_ms = 0;

  if (answer.body == NULL && !drop && fault == NULL)
    {
      int retry_ms = 0;

      if (self->max_concurrent > 0 && self->n_in_flight > self->max_concurrent)
        {
          answer_status_fault (&answer, 429, MAX (self->latency_ms, 10));
          delay_ms = 0;
        }
      else if (self->rate_limit > 0 && !take_token (self, &retry_ms))
        {
          answer_status_fault (&answer, 429, retry_ms);
          delay_ms = 0;
        }
      else if (roll (self, self->drop_rate))
        drop = TRUE;
      else if (roll (self, self->fail_rate))
        answer_status_fault (&answer, 500, -1);
      else if (roll (self, self->malformed_rate))
        malformed = TRUE;
    }

  if (drop)
    {
      drop_connection (self, msg, pending, 0);
      return;
    }

  if (answer.body == NULL)
    route (self, msg, method, azure_path != NULL ? azure_path : path, query, &answer, stuck);

  if (azure_path != NULL && answer.status == 200 &&
      sk_fake_azure_deletes_with_no_content (self->azure_api_version, method, azure_path))
    {
      answer.status = 204;
      g_string_truncate (answer.body, 0);
    }

  if (drop_after)
    {
      /* processed (a DELETE is applied), but the answer never arrives */
      g_string_free (answer.body, TRUE);
      drop_connection (self, msg, pending, answer.status);
      return;
    }

  if (answer.status == 200 && wrong_shape)
    {
      g_string_assign (answer.body, "[\"not\",\"an\",\"object\"]");
    }
  else if (answer.status == 200 && malformed)
    {
      g_string_truncate (answer.body, MAX (answer.body->len / 2, 1));
    }

  request->status = answer.status;

  headers = soup_server_message_get_response_headers (msg);
  g_snprintf (request_id, sizeof request_id, "req_%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
              (guint64) (self->seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)), (guint64) ++self->request_counter);
  soup_message_headers_replace (headers, "x-request-id", request_id);
  soup_message_headers_replace (headers, "openai-version", "2020-10-01");
  soup_message_headers_replace (headers, "openai-processing-ms", "1");
  if (answer.retry_after_ms >= 0)
    {
      char value[32];

      g_snprintf (value, sizeof value, "%d", MAX (1, (answer.retry_after_ms + 999) / 1000));
      soup_message_headers_replace (headers, "Retry-After", value);
      /* The real API sends only the integer Retry-After. */
      if (!self->retry_after_seconds_only)
        {
          g_snprintf (value, sizeof value, "%d", answer.retry_after_ms);
          soup_message_headers_replace (headers, "retry-after-ms", value);
        }
    }

  soup_server_message_set_status (msg, answer.status, NULL);
  {
    gsize len = answer.body->len;
    char *data = g_string_free (answer.body, FALSE);

    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, len);
  }

  if (delay_ms > 0)
    {
      soup_server_message_pause (msg);
      pending->timer = g_timeout_source_new (delay_ms);
      g_source_set_callback (pending->timer, unpause_cb, pending, NULL);
      g_source_attach (pending->timer, self->context);
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
sk_fake_openai_dispose (GObject *object)
{
  SkFakeOpenai *self = (SkFakeOpenai *) object;

  sk_fake_openai_disconnect (self);

  G_OBJECT_CLASS (sk_fake_openai_parent_class)->dispose (object);
}

static void
sk_fake_openai_finalize (GObject *object)
{
  SkFakeOpenai *self = (SkFakeOpenai *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  /* stores first: they point at nothing of the files */
  g_clear_pointer (&self->stores, index_free);
  g_clear_pointer (&self->files, index_free);
  g_clear_pointer (&self->id_rand, g_rand_free);
  g_clear_pointer (&self->dice, g_rand_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->azure_api_version, g_free);
  g_queue_clear_full (&self->faults, fault_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (sk_fake_openai_parent_class)->finalize (object);
}

static void
sk_fake_openai_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkFakeOpenai *self = SK_FAKE_OPENAI (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_LATENCY_MS:
      g_value_set_uint (value, self->latency_ms);
      break;
    case PROP_MAX_CONCURRENT:
      g_value_set_uint (value, self->max_concurrent);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_double (value, self->rate_limit);
      break;
    case PROP_FAIL_RATE:
      g_value_set_double (value, self->fail_rate);
      break;
    case PROP_DROP_RATE:
      g_value_set_double (value, self->drop_rate);
      break;
    case PROP_MALFORMED_RATE:
      g_value_set_double (value, self->malformed_rate);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_STALE_COUNTS:
      g_value_set_boolean (value, self->stale_counts);
      break;
    case PROP_RETRY_AFTER_STYLE:
      g_value_set_string (value, self->retry_after_seconds_only ? "seconds" : "ms+seconds");
      break;
    case PROP_RATE_BURST:
      g_value_set_double (value, self->rate_burst);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_fake_openai_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SkFakeOpenai *self = SK_FAKE_OPENAI (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      sk_object_set_string (object, &self->api_key, g_value_get_string (value), pspec);
      break;
    case PROP_LATENCY_MS:
      sk_object_set_uint (object, &self->latency_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_CONCURRENT:
      sk_object_set_uint (object, &self->max_concurrent, g_value_get_uint (value), pspec);
      break;
    case PROP_RATE_LIMIT:
      if (self->rate_limit != g_value_get_double (value))
        self->tokens_time_us = 0;   /* start with a full bucket */
      sk_object_set_double (object, &self->rate_limit, g_value_get_double (value), pspec);
      break;
    case PROP_FAIL_RATE:
      sk_object_set_double (object, &self->fail_rate, g_value_get_double (value), pspec);
      break;
    case PROP_DROP_RATE:
      sk_object_set_double (object, &self->drop_rate, g_value_get_double (value), pspec);
      break;
    case PROP_MALFORMED_RATE:
      sk_object_set_double (object, &self->malformed_rate, g_value_get_double (value), pspec);
      break;
    case PROP_SEED:
      if (self->seed != g_value_get_uint (value))
        {
          self->seed = g_value_get_uint (value);
          g_rand_set_seed (self->dice, self->seed);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STALE_COUNTS:
      sk_object_set_boolean (object, &self->stale_counts, g_value_get_boolean (value), pspec);
      break;
    case PROP_RATE_BURST:
      if (self->rate_burst != g_value_get_double (value))
        self->tokens_time_us = 0;   /* start with a full bucket */
      sk_object_set_double (object, &self->rate_burst, g_value_get_double (value), pspec);
      break;
    case PROP_RETRY_AFTER_STYLE:
      {
        const char *style = g_value_get_string (value);
        gboolean seconds_only;

        if (style != NULL && !g_str_equal (style, "seconds") && !g_str_equal (style, "ms+seconds"))
          {
            g_warning ("Unknown retry-after-style “%s” (use “seconds” or “ms+seconds”)", style);
            break;
          }
        seconds_only = g_strcmp0 (style, "seconds") == 0;
        sk_object_set_boolean (object, &self->retry_after_seconds_only, seconds_only, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_fake_openai_class_init (SkFakeOpenaiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sk_fake_openai_dispose;
  object_class->finalize = sk_fake_openai_finalize;
  object_class->get_property = sk_fake_openai_get_property;
  object_class->set_property = sk_fake_openai_set_property;

  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL, rw);
  properties[PROP_LATENCY_MS] =
    g_param_spec_uint ("latency-ms", NULL, NULL, 0, 600000, 0, rw);
  properties[PROP_MAX_CONCURRENT] =
    g_param_spec_uint ("max-concurrent", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_RATE_LIMIT] =
    g_param_spec_double ("rate-limit", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);
  properties[PROP_FAIL_RATE] =
    g_param_spec_double ("fail-rate", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_DROP_RATE] =
    g_param_spec_double ("drop-rate", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_MALFORMED_RATE] =
    g_param_spec_double ("malformed-rate", NULL, NULL, 0, 1, 0, rw);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE_COUNTS] =
    g_param_spec_boolean ("stale-counts", NULL, NULL, FALSE, rw);
  properties[PROP_RATE_BURST] =
    g_param_spec_double ("rate-burst", NULL, NULL, 0.001, 3600, 1, rw);
  properties[PROP_RETRY_AFTER_STYLE] =
    g_param_spec_string ("retry-after-style", NULL, NULL, "ms+seconds", rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_fake_openai_init (SkFakeOpenai *self)
{
  self->files = index_new (fake_file_free);
  self->stores = index_new (fake_store_free);
  self->id_rand = g_rand_new_with_seed (0x5eed);
  self->dice = g_rand_new_with_seed (0);
  self->rate_burst = 1.0;
  g_queue_init (&self->faults);
  self->requests = g_ptr_array_new_with_free_func (request_free);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

SkFakeOpenai *
sk_fake_openai_new (void)
{
  return g_object_new (SK_TYPE_FAKE_OPENAI, NULL);
}

gboolean
sk_fake_openai_listen (SkFakeOpenai  *self,
                       guint          port,
                       GError       **error)
{
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (SoupServer) server = NULL;
  GSList *listeners;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "storekeeper-fake-openai", NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  g_signal_connect (server, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (server, "request-aborted", G_CALLBACK (request_done_cb), self);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  /* not soup_server_get_uris (): libsoup 3.2 leaks an address there */
  listeners = soup_server_get_listeners (server);
  if (listeners != NULL)
    {
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (listeners->data, error);

      g_slist_free (listeners);
      if (local == NULL)
        return FALSE;
      self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->server = g_steal_pointer (&server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

void
sk_fake_openai_disconnect (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  if (self->server == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->server, self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  if (self->pending != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        pending_finish (value);
      g_hash_table_remove_all (self->pending);
    }
}

guint
sk_fake_openai_get_port (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->port;
}

char *
sk_fake_openai_dup_base_url (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/v1", self->port);
}

void
sk_fake_openai_generate (SkFakeOpenai *self,
                         guint         seed,
                         guint         n_files,
                         guint         n_vector_stores)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  sk_fake_dataset_generate (self, seed, n_files, n_vector_stores);
}

void
sk_fake_openai_clear (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  g_clear_pointer (&self->stores, index_free);
  g_clear_pointer (&self->files, index_free);
  self->files = index_new (fake_file_free);
  self->stores = index_new (fake_store_free);
}

/* @id, or a new random one from @make_id when @id is NULL; NULL when @id
 * is already taken in @idx. */
static char *
claim_id (Index       *idx,
          const char  *id,
          char      *(*make_id) (GRand *rand),
          GRand       *rand)
{
  char *new_id = NULL;

  if (id != NULL)
    return index_lookup (idx, id) == NULL ? g_strdup (id) : NULL;

  do
    {
      g_free (new_id);
      new_id = make_id (rand);
    }
  while (index_lookup (idx, new_id) != NULL);

  return new_id;
}

const char *
sk_fake_openai_add_file_full (SkFakeOpenai *self,
                              const char   *id,
                              const char   *filename,
                              const char   *purpose,
                              gint64        bytes,
                              gint64        created_at,
                              gint64        expires_at)
{
  FakeFile *file;
  char *new_id;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  new_id = claim_id (self->files, id, sk_fake_make_file_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  file = g_new0 (FakeFile, 1);
  item_init (self, &file->item, new_id, created_at);
  file->filename = g_strdup (filename ? filename : "file.txt");
  file->purpose = g_strdup (purpose ? purpose : "assistants");
  file->bytes = MAX (bytes, 0);
  file->expires_at = expires_at;
  file->stores = g_ptr_array_new ();
  index_add (self->files, &file->item);

  return file->item.id;
}

void
sk_fake_openai_add_file (SkFakeOpenai *self,
                         const char   *id,
                         const char   *filename,
                         const char   *purpose,
                         gint64        bytes,
                         gint64        created_at)
{
  sk_fake_openai_add_file_full (self, id, filename, purpose, bytes, created_at, 0);
}

const char *
sk_fake_openai_add_vector_store_full (SkFakeOpenai *self,
                                      const char   *id,
                                      const char   *name,
                                      gint64        created_at,
                                      gint64        last_active_at,
                                      guint         expires_days,
                                      const char   *status)
{
  FakeStore *store;
  char *new_id;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  new_id = claim_id (self->stores, id, sk_fake_make_vector_store_id, self->id_rand);
  if (new_id == NULL)
    return NULL;

  store = g_new0 (FakeStore, 1);
  item_init (self, &store->item, new_id, created_at);
  store->name = g_strdup (name);
  store->last_active_at = MAX (last_active_at, store->item.created_at);
  store->expires_days = expires_days;
  store->status = static_store_status (status);
  store->files = index_new (fake_store_file_free);
  index_add (self->stores, &store->item);

  return store->item.id;
}

void
sk_fake_openai_add_vector_store (SkFakeOpenai *self,
                                 const char   *id,
                                 const char   *name,
                                 gint64        created_at)
{
  sk_fake_openai_add_vector_store_full (self, id, name, created_at, 0, 0, "completed");
}

gboolean
sk_fake_openai_attach_full (SkFakeOpenai *self,
                            const char   *vector_store_id,
                            const char   *file_id,
                            const char   *status,
                            gint64        created_at,
                            const char   *error_code,
                            const char   *error_message)
{
  FakeStore *store;
  FakeFile *file;
  int status_index;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);
  g_return_val_if_fail (vector_store_id != NULL, FALSE);
  g_return_val_if_fail (file_id != NULL, FALSE);

  status_index = store_file_status_index (status);
  g_return_val_if_fail (status_index >= 0, FALSE);

  store = index_lookup (self->stores, vector_store_id);
  file = index_lookup (self->files, file_id);
  if (store == NULL || file == NULL)
    return FALSE;

  attach (self, store, file, status_index, created_at, error_code);
  if (status_index == COUNT_IN_PROGRESS && g_str_equal (store->status, "completed"))
    store->status = "in_progress";
  return TRUE;
}

gboolean
sk_fake_openai_attach (SkFakeOpenai *self,
                       const char   *vector_store_id,
                       const char   *file_id,
                       const char   *status)
{
  return sk_fake_openai_attach_full (self, vector_store_id, file_id, status, 0, NULL, NULL);
}

gboolean
sk_fake_openai_has_file (SkFakeOpenai *self,
                         const char   *file_id)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return index_lookup (self->files, file_id) != NULL;
}

gboolean
sk_fake_openai_has_vector_store (SkFakeOpenai *self,
                                 const char   *vector_store_id)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  return index_lookup (self->stores, vector_store_id) != NULL;
}

gboolean
sk_fake_openai_is_attached (SkFakeOpenai *self,
                            const char   *vector_store_id,
                            const char   *file_id)
{
  FakeStore *store;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);

  store = index_lookup (self->stores, vector_store_id);
  return store != NULL && index_lookup (store->files, file_id) != NULL;
}

guint
sk_fake_openai_get_n_files (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return index_size (self->files);
}

guint
sk_fake_openai_get_n_vector_stores (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return index_size (self->stores);
}

static GPtrArray *
list_ids (Index *idx)
{
  GPtrArray *ids;

  index_prepare (idx);
  ids = g_ptr_array_new_full (idx->asc->len, NULL);
  for (guint i = 0; i < idx->asc->len; i++)
    g_ptr_array_add (ids, ((Item *) g_ptr_array_index (idx->asc, i))->id);
  return ids;
}

GPtrArray *
sk_fake_openai_list_file_ids (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return list_ids (self->files);
}

GPtrArray *
sk_fake_openai_list_vector_store_ids (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return list_ids (self->stores);
}

GPtrArray *
sk_fake_openai_list_attached_file_ids (SkFakeOpenai *self,
                                       const char   *vector_store_id)
{
  FakeStore *store;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  store = index_lookup (self->stores, vector_store_id);
  if (store == NULL)
    return g_ptr_array_new ();
  return list_ids (store->files);
}

void
sk_fake_openai_queue_fault (SkFakeOpenai    *self,
                            const char      *path_prefix,
                            SkFakeFaultKind  kind,
                            guint            status,
                            int              retry_after_ms)
{
  Fault *fault;

  g_return_if_fail (SK_IS_FAKE_OPENAI (self));
  g_return_if_fail (kind <= SK_FAKE_FAULT_DROP_AFTER);

  fault = g_new0 (Fault, 1);
  fault->path_prefix = g_strdup (path_prefix);
  fault->kind = kind;
  fault->status = status;
  fault->retry_after_ms = retry_after_ms;
  g_queue_push_tail (&self->faults, fault);
}

const GPtrArray *
sk_fake_openai_get_requests (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return self->requests;
}

guint
sk_fake_openai_count_requests (SkFakeOpenai *self,
                               const char   *method,
                               const char   *path_prefix)
{
  guint n = 0;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      SkFakeRequest *r = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (method, r->method)) &&
          (path_prefix == NULL || g_str_has_prefix (r->path, path_prefix)))
        n++;
    }
  return n;
}

guint
sk_fake_openai_count_deleted (SkFakeOpenai *self,
                              const char   *path)
{
  guint n = 0;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      SkFakeRequest *r = g_ptr_array_index (self->requests, i);

      if (r->status == 200 && g_str_equal (r->method, "DELETE") && g_str_equal (r->path, path))
        n++;
    }
  return n;
}

guint
sk_fake_openai_get_n_in_flight (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->n_in_flight;
}

guint
sk_fake_openai_get_peak_in_flight (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->peak_in_flight;
}

/**
 * sk_fake_openai_set_azure:
 * @azure: whether to play an Azure OpenAI resource
 * @api_version: (nullable): the `api-version` every request must carry
 *
 * In Azure mode, every request must carry the key in the `api-key` header
 * (not `Authorization`), its path must start with `/openai/v1` (`/openai`
 * when @api_version is dated) and its query carry `api-version` when
 * @api_version is not %NULL. A file DELETE of a dated @api_version before
 * 2024-10-21 is answered 204 with no body.
 */
void
sk_fake_openai_set_azure (SkFakeOpenai *self,
                          gboolean      azure,
                          const char   *api_version)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  self->azure = azure;
  g_free (self->azure_api_version);
  self->azure_api_version = g_strdup (api_version);
}

void
sk_fake_openai_reset_log (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  /* log entries are only written while their request is being handled */
  g_ptr_array_set_size (self->requests, 0);
  self->peak_in_flight = self->n_in_flight;
}
