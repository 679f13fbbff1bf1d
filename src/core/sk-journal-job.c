/* sk-journal-job.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loaded form of the journal: one SkJournalJob per intent record, with
 * one SkJournalItem per item of the intent (and of later "items" records).
 * Each record of the job updates it in file order; an item's state is its
 * last outcome, else UNKNOWN once a "sent" record names it, else
 * NOT_ATTEMPTED. The counts per state are kept as the states change.
 */

#include "sk-journal-job-private.h"

#include <string.h>

struct _SkJournalItem
{
  GObject             parent_instance;

  char               *id;
  char               *name;
  gint64              bytes;
  char               *vector_store_id;
  SkJournalItemState  state;
  gboolean            sent;
  guint               status;
  char               *message;
};

G_DEFINE_FINAL_TYPE (SkJournalItem, sk_journal_item, G_TYPE_OBJECT)

struct _SkJournalJob
{
  GObject          parent_instance;

  char            *id;
  GDateTime       *time;
  char            *account;
  SkJournalKind    kind;
  SkJournalOrigin  origin;
  SkJournalEnd     end;
  GDateTime       *end_time;
  gboolean         dismissed;
  gboolean         running;
  GListStore      *items;
  GHashTable      *by_id;      /* item id → SkJournalItem (borrowed) */
  guint            counts[SK_JOURNAL_N_ITEM_STATES];
  gint64           bytes_deleted;
};

G_DEFINE_FINAL_TYPE (SkJournalJob, sk_journal_job, G_TYPE_OBJECT)

static const char * const kind_names[] = {
  "files", "vector_stores", "vector_stores_with_files", "detach", "expiry",
};
static const char * const origin_names[] = { "window", "local-api" };
static const char * const end_names[] = { "none", "completed", "cancelled", "error" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *string,
             guint              *value)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], string) == 0)
      {
        *value = i;
        return TRUE;
      }

  return FALSE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
get_int_member (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (node);
}

static GDateTime *
get_time_member (JsonObject *object,
                 const char *member)
{
  const char *text = get_string_member (object, member);

  if (text == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
set_state (SkJournalJob       *self,
           SkJournalItem      *item,
           SkJournalItemState  state)
{
  if (item->state == SK_JOURNAL_ITEM_DELETED)
    self->bytes_deleted -= item->bytes;
  self->counts[item->state]--;

  item->state = state;

  if (item->state == SK_JOURNAL_ITEM_DELETED)
    self->bytes_deleted += item->bytes;
  self->counts[item->state]++;
}

static gboolean
add_items (SkJournalJob  *self,
           JsonArray     *items,
           char         **why)
{
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *object;
      const char *id;
      SkJournalItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          *why = g_strdup_printf ("item %u is not an object", i);
          return FALSE;
        }
      object = json_node_get_object (node);
      id = get_string_member (object, "id");
      if (id == NULL || *id == '\0')
        {
          *why = g_strdup_printf ("item %u has no id", i);
          return FALSE;
        }
      if (g_hash_table_contains (self->by_id, id))
        continue;

      item = g_object_new (SK_TYPE_JOURNAL_ITEM, NULL);
      item->id = g_strdup (id);
      item->name = g_strdup (get_string_member (object, "name"));
      item->bytes = MAX (0, get_int_member (object, "bytes"));
      item->vector_store_id = g_strdup (get_string_member (object, "vector_store_id"));
      item->state = SK_JOURNAL_ITEM_NOT_ATTEMPTED;
      self->counts[item->state]++;

      g_hash_table_insert (self->by_id, item->id, item);
      g_list_store_append (self->items, item);
      g_object_unref (item);
    }

  return TRUE;
}

static SkJournalItem *
lookup_record_item (SkJournalJob  *self,
                    JsonObject    *record,
                    char         **why)
{
  const char *item_id = get_string_member (record, "item");
  SkJournalItem *item;

  if (item_id == NULL)
    {
      *why = g_strdup ("no item");
      return NULL;
    }

  item = g_hash_table_lookup (self->by_id, item_id);
  if (item == NULL)
    *why = g_strdup_printf ("item %s is not part of job %s", item_id, self->id);

  return item;
}

static void
sk_journal_item_finalize (GObject *object)
{
  SkJournalItem *self = (SkJournalItem *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->vector_store_id);
  g_free (self->message);

  G_OBJECT_CLASS (sk_journal_item_parent_class)->finalize (object);
}

static void
sk_journal_item_class_init (SkJournalItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sk_journal_item_finalize;
}

static void
sk_journal_item_init (SkJournalItem *self)
{
}

static void
sk_journal_job_finalize (GObject *object)
{
  SkJournalJob *self = (SkJournalJob *)object;

  g_free (self->id);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->account);
  g_clear_pointer (&self->end_time, g_date_time_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (sk_journal_job_parent_class)->finalize (object);
}

static void
sk_journal_job_class_init (SkJournalJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sk_journal_job_finalize;
}

static void
sk_journal_job_init (SkJournalJob *self)
{
  self->items = g_list_store_new (SK_TYPE_JOURNAL_ITEM);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

const char *
sk_journal_kind_to_string (SkJournalKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
sk_journal_kind_from_string (const char    *string,
                             SkJournalKind *kind)
{
  guint value;

  if (!lookup_name (kind_names, G_N_ELEMENTS (kind_names), string, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
sk_journal_origin_to_string (SkJournalOrigin origin)
{
  g_return_val_if_fail (origin < G_N_ELEMENTS (origin_names), NULL);

  return origin_names[origin];
}

gboolean
sk_journal_origin_from_string (const char      *string,
                               SkJournalOrigin *origin)
{
  guint value;

  if (!lookup_name (origin_names, G_N_ELEMENTS (origin_names), string, &value))
    return FALSE;
  *origin = value;
  return TRUE;
}

const char *
sk_journal_end_to_string (SkJournalEnd end)
{
  g_return_val_if_fail (end < G_N_ELEMENTS (end_names), NULL);

  return end_names[end];
}

gboolean
sk_journal_end_from_string (const char   *string,
                            SkJournalEnd *end)
{
  guint value;

  if (!lookup_name (end_names, G_N_ELEMENTS (end_names), string, &value))
    return FALSE;
  *end = value;
  return TRUE;
}

const char *
sk_journal_item_get_id (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), NULL);
  return self->id;
}

const char *
sk_journal_item_get_name (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), NULL);
  return self->name;
}

gint64
sk_journal_item_get_bytes (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), 0);
  return self->bytes;
}

const char *
sk_journal_item_get_vector_store_id (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), NULL);
  return self->vector_store_id;
}

SkJournalItemState
sk_journal_item_get_state (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), SK_JOURNAL_ITEM_NOT_ATTEMPTED);
  return self->state;
}

gboolean
sk_journal_item_get_sent (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), FALSE);
  return self->sent;
}

guint
sk_journal_item_get_status (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), 0);
  return self->status;
}

const char *
sk_journal_item_get_message (SkJournalItem *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_ITEM (self), NULL);
  return self->message;
}

SkJournalJob *
sk_journal_job_new_from_intent (JsonObject  *record,
                                char       **why)
{
  g_autoptr (SkJournalJob) self = NULL;
  const char *id = get_string_member (record, "job");
  JsonNode *items = json_object_get_member (record, "items");
  g_autoptr (GDateTime) time = get_time_member (record, "time");
  SkJournalKind kind;
  SkJournalOrigin origin;

  g_assert (why != NULL && *why == NULL);

  if (id == NULL || *id == '\0')
    {
      *why = g_strdup ("intent without a job id");
      return NULL;
    }
  if (time == NULL)
    {
      *why = g_strdup_printf ("intent of job %s without a valid time", id);
      return NULL;
    }
  if (!sk_journal_kind_from_string (get_string_member (record, "kind"), &kind))
    {
      *why = g_strdup_printf ("intent of job %s with an unknown kind", id);
      return NULL;
    }
  /* A newer origin name does not make the job unreadable. */
  if (!sk_journal_origin_from_string (get_string_member (record, "origin"), &origin))
    origin = SK_JOURNAL_ORIGIN_WINDOW;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      *why = g_strdup_printf ("intent of job %s without items", id);
      return NULL;
    }

  self = g_object_new (SK_TYPE_JOURNAL_JOB, NULL);
  self->id = g_strdup (id);
  self->time = g_steal_pointer (&time);
  self->account = g_strdup (get_string_member (record, "account"));
  self->kind = kind;
  self->origin = origin;

  if (!add_items (self, json_node_get_array (items), why))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
sk_journal_job_apply_items (SkJournalJob  *self,
                            JsonObject    *record,
                            char         **why)
{
  JsonNode *items = json_object_get_member (record, "items");

  g_assert (SK_IS_JOURNAL_JOB (self));

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      *why = g_strdup_printf ("items record of job %s without items", self->id);
      return FALSE;
    }

  return add_items (self, json_node_get_array (items), why);
}

gboolean
sk_journal_job_apply_sent (SkJournalJob  *self,
                           JsonObject    *record,
                           char         **why)
{
  SkJournalItem *item;

  g_assert (SK_IS_JOURNAL_JOB (self));

  item = lookup_record_item (self, record, why);
  if (item == NULL)
    return FALSE;

  item->sent = TRUE;
  if (item->state == SK_JOURNAL_ITEM_NOT_ATTEMPTED)
    set_state (self, item, SK_JOURNAL_ITEM_UNKNOWN);

  return TRUE;
}

gboolean
sk_journal_job_apply_outcome (SkJournalJob  *self,
                              JsonObject    *record,
                              char         **why)
{
  const char *outcome = get_string_member (record, "outcome");
  SkJournalItem *item;
  SkJournalItemState state;

  g_assert (SK_IS_JOURNAL_JOB (self));

  item = lookup_record_item (self, record, why);
  if (item == NULL)
    return FALSE;

  if (g_strcmp0 (outcome, "deleted") == 0)
    state = SK_JOURNAL_ITEM_DELETED;
  else if (g_strcmp0 (outcome, "failed") == 0)
    state = SK_JOURNAL_ITEM_FAILED;
  else if (g_strcmp0 (outcome, "cancelled") == 0)
    state = SK_JOURNAL_ITEM_CANCELLED;
  else
    {
      *why = g_strdup_printf ("unknown outcome for %s in job %s", item->id, self->id);
      return FALSE;
    }

  set_state (self, item, state);
  g_clear_pointer (&item->message, g_free);
  item->status = 0;
  if (state == SK_JOURNAL_ITEM_FAILED)
    {
      item->status = CLAMP (get_int_member (record, "status"), 0, 999);
      item->message = g_strdup (get_string_member (record, "message"));
    }

  return TRUE;
}

gboolean
sk_journal_job_apply_end (SkJournalJob  *self,
                          JsonObject    *record,
                          char         **why)
{
  SkJournalEnd end;

  g_assert (SK_IS_JOURNAL_JOB (self));

  if (!sk_journal_end_from_string (get_string_member (record, "end"), &end) ||
      end == SK_JOURNAL_END_NONE)
    {
      /* An end this version does not know is still an end. */
      end = SK_JOURNAL_END_ERROR;
    }

  self->end = end;
  g_clear_pointer (&self->end_time, g_date_time_unref);
  self->end_time = get_time_member (record, "time");

  return TRUE;
}

void
sk_journal_job_apply_dismiss (SkJournalJob *self)
{
  g_assert (SK_IS_JOURNAL_JOB (self));

  self->dismissed = TRUE;
}

void
sk_journal_job_set_running (SkJournalJob *self,
                            gboolean      running)
{
  g_assert (SK_IS_JOURNAL_JOB (self));

  self->running = !!running;
}

const char *
sk_journal_job_get_id (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  return self->id;
}

GDateTime *
sk_journal_job_get_time (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  return self->time;
}

const char *
sk_journal_job_get_account (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  return self->account;
}

SkJournalKind
sk_journal_job_get_kind (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), SK_JOURNAL_KIND_FILES);
  return self->kind;
}

SkJournalOrigin
sk_journal_job_get_origin (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), SK_JOURNAL_ORIGIN_WINDOW);
  return self->origin;
}

SkJournalEnd
sk_journal_job_get_end (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), SK_JOURNAL_END_NONE);
  return self->end;
}

GDateTime *
sk_journal_job_get_end_time (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  return self->end_time;
}

gboolean
sk_journal_job_get_running (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), FALSE);
  return self->end == SK_JOURNAL_END_NONE && self->running;
}

gboolean
sk_journal_job_get_interrupted (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), FALSE);
  return self->end == SK_JOURNAL_END_NONE && !self->running;
}

gboolean
sk_journal_job_get_dismissed (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), FALSE);
  return self->dismissed;
}

GListModel *
sk_journal_job_get_items (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
sk_journal_job_get_n_items (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint
sk_journal_job_count (SkJournalJob       *self,
                      SkJournalItemState  state)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), 0);
  g_return_val_if_fail (state < SK_JOURNAL_N_ITEM_STATES, 0);
  return self->counts[state];
}

guint
sk_journal_job_get_n_deleted (SkJournalJob *self)
{
  return sk_journal_job_count (self, SK_JOURNAL_ITEM_DELETED);
}

guint
sk_journal_job_get_n_failed (SkJournalJob *self)
{
  return sk_journal_job_count (self, SK_JOURNAL_ITEM_FAILED);
}

guint
sk_journal_job_get_n_cancelled (SkJournalJob *self)
{
  return sk_journal_job_count (self, SK_JOURNAL_ITEM_CANCELLED);
}

guint
sk_journal_job_get_n_not_attempted (SkJournalJob *self)
{
  return sk_journal_job_count (self, SK_JOURNAL_ITEM_NOT_ATTEMPTED);
}

guint
sk_journal_job_get_n_unknown (SkJournalJob *self)
{
  return sk_journal_job_count (self, SK_JOURNAL_ITEM_UNKNOWN);
}

gint64
sk_journal_job_get_bytes_deleted (SkJournalJob *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), 0);
  return self->bytes_deleted;
}

SkJournalItem *
sk_journal_job_lookup_item (SkJournalJob *self,
                            const char   *item_id)
{
  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, item_id);
}

GPtrArray *
sk_journal_job_list_ids (SkJournalJob       *self,
                         SkJournalItemState  state)
{
  GPtrArray *ids;
  guint n;

  g_return_val_if_fail (SK_IS_JOURNAL_JOB (self), NULL);

  ids = g_ptr_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkJournalItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item->state == state)
        g_ptr_array_add (ids, item->id);
    }

  return ids;
}
