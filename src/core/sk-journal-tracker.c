/* sk-journal-tracker.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Journals one deletion (the window's or the local API's) over its bulk
 * jobs: the intent first, then one SkJournalRecorder per bulk job, the
 * items a job adds (the files found in stores deleted with their files,
 * the files only those stores used) written before that job runs, then
 * the end.
 */

#include "sk-journal-tracker.h"

#include "sk-journal-recorder.h"

struct _SkJournalTracker
{
  GObject     parent_instance;

  SkJournal  *journal;
  char       *job_id;
  char       *store_id;
  GHashTable *names;      /* nullable */
  GHashTable *sizes;      /* nullable */
  GHashTable *items;      /* IDs journaled so far (set) */
  GPtrArray  *recorders;  /* SkJournalRecorder */
  GPtrArray  *jobs;       /* SkBulkDelete tracked */
  GError     *error;
  gboolean    ended;
};

G_DEFINE_FINAL_TYPE (SkJournalTracker, sk_journal_tracker, G_TYPE_OBJECT)

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (SkJournalTracker *self,
      GError           *error)
{
  if (self->error != NULL)
    {
      g_error_free (error);
      return;
    }
  self->error = error;
  g_signal_emit (self, signals[WRITE_FAILED], 0, self->error);
}

/* Item specs of @ids, pointing into @ids and the tables */
static GArray *
specs_of (SkJournalTracker   *self,
          const char * const *ids,
          guint               n_ids)
{
  GArray *specs = g_array_sized_new (FALSE, TRUE, sizeof (SkJournalItemSpec), n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      SkJournalItemSpec spec = { ids[i], NULL, 0, self->store_id };
      const gint64 *bytes = self->sizes ? g_hash_table_lookup (self->sizes, ids[i]) : NULL;

      if (self->names != NULL)
        spec.name = g_hash_table_lookup (self->names, ids[i]);
      if (bytes != NULL)
        spec.bytes = *bytes;
      g_array_append_val (specs, spec);
    }
  return specs;
}

static void
recorder_failed_cb (SkJournalRecorder *recorder,
                    const GError      *error,
                    SkJournalTracker  *self)
{
  fail (self, g_error_copy (error));
}

static void
files_job_cb (SkBulkStoresJob  *job,
              GParamSpec       *pspec,
              SkJournalTracker *self)
{
  SkBulkDelete *files_job = sk_bulk_stores_job_get_files_job (job);

  if (files_job != NULL)
    sk_journal_tracker_track (self, files_job);
}

static void
sk_journal_tracker_finalize (GObject *object)
{
  SkJournalTracker *self = (SkJournalTracker *)object;

  g_clear_object (&self->journal);
  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->store_id, g_free);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->sizes, g_hash_table_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->recorders, g_ptr_array_unref);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sk_journal_tracker_parent_class)->finalize (object);
}

static void
sk_journal_tracker_class_init (SkJournalTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_journal_tracker_finalize;

  /**
   * SkJournalTracker::write-failed:
   * @self: the tracker
   * @error: why the journal could not be written
   *
   * Emitted once, on the first record after the intent that could not be
   * written.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sk_journal_tracker_init (SkJournalTracker *self)
{
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recorders = g_ptr_array_new_with_free_func (g_object_unref);
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

SkJournalTracker *
sk_journal_tracker_begin (SkJournal           *journal,
                          const char          *account,
                          SkJournalKind        kind,
                          SkJournalOrigin      origin,
                          const char * const  *ids,
                          const char          *store_id,
                          GHashTable          *names,
                          GHashTable          *sizes,
                          GError             **error)
{
  g_autoptr (SkJournalTracker) self = NULL;
  g_autoptr (GArray) specs = NULL;
  guint n_ids;

  g_return_val_if_fail (SK_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (SK_TYPE_JOURNAL_TRACKER, NULL);
  self->journal = g_object_ref (journal);
  self->store_id = g_strdup (store_id);
  self->names = names ? g_hash_table_ref (names) : NULL;
  self->sizes = sizes ? g_hash_table_ref (sizes) : NULL;

  n_ids = g_strv_length ((char **) ids);
  specs = specs_of (self, ids, n_ids);
  self->job_id = sk_journal_begin (journal, account != NULL ? account : "", kind, origin,
                                   (const SkJournalItemSpec *) specs->data, specs->len, error);
  if (self->job_id == NULL)
    return NULL;
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->items, g_strdup (ids[i]));

  return g_steal_pointer (&self);
}

void
sk_journal_tracker_track (SkJournalTracker *self,
                          SkBulkDelete     *job)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  SkJournalRecorder *recorder;
  GListModel *results;
  guint n;

  g_return_if_fail (SK_IS_JOURNAL_TRACKER (self));
  g_return_if_fail (SK_IS_BULK_DELETE (job));

  if (self->error != NULL || g_ptr_array_find (self->jobs, job, NULL))
    return;
  g_ptr_array_add (self->jobs, g_object_ref (job));

  results = sk_bulk_delete_get_results (job);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      const char *id = sk_bulk_result_get_id (result);

      if (!g_hash_table_contains (self->items, id))
        {
          g_hash_table_add (self->items, g_strdup (id));
          g_ptr_array_add (missing, (gpointer) g_hash_table_lookup (self->items, id));
        }
    }
  if (missing->len > 0)
    {
      g_autoptr (GArray) specs = specs_of (self, (const char * const *) missing->pdata, missing->len);
      GError *error = NULL;

      if (!sk_journal_add_items (self->journal, self->job_id,
                                 (const SkJournalItemSpec *) specs->data, specs->len, &error))
        {
          fail (self, error);
          return;
        }
    }

  recorder = sk_journal_recorder_new (self->journal, self->job_id, job);
  g_signal_connect_object (recorder, "write-failed", G_CALLBACK (recorder_failed_cb), self, 0);
  g_ptr_array_add (self->recorders, recorder);
}

void
sk_journal_tracker_track_stores (SkJournalTracker *self,
                                 SkBulkStoresJob  *job)
{
  g_return_if_fail (SK_IS_JOURNAL_TRACKER (self));
  g_return_if_fail (SK_IS_BULK_STORES_JOB (job));

  sk_journal_tracker_track (self, sk_bulk_stores_job_get_stores_job (job));
  g_signal_connect_object (job, "notify::files-job", G_CALLBACK (files_job_cb), self, 0);
  files_job_cb (job, NULL, self);
}

void
sk_journal_tracker_record_sent (SkJournalTracker *self,
                                const char       *item_id)
{
  GError *error = NULL;

  g_return_if_fail (SK_IS_JOURNAL_TRACKER (self));
  g_return_if_fail (item_id != NULL);

  if (self->error == NULL && !sk_journal_record_sent (self->journal, self->job_id, item_id, &error))
    fail (self, error);
}

void
sk_journal_tracker_record_outcome (SkJournalTracker *self,
                                   const char       *item_id,
                                   SkOutcome         outcome,
                                   guint             status,
                                   const char       *message)
{
  GError *error = NULL;

  g_return_if_fail (SK_IS_JOURNAL_TRACKER (self));
  g_return_if_fail (item_id != NULL);

  if (self->error == NULL &&
      !sk_journal_record_outcome (self->journal, self->job_id, item_id, outcome, status, message, &error))
    fail (self, error);
}

gboolean
sk_journal_tracker_end (SkJournalTracker  *self,
                        SkJournalEnd       end,
                        GError           **error)
{
  g_return_val_if_fail (SK_IS_JOURNAL_TRACKER (self), FALSE);
  g_return_val_if_fail (end != SK_JOURNAL_END_NONE, FALSE);

  if (self->ended)
    return TRUE;
  self->ended = TRUE;
  return sk_journal_end (self->journal, self->job_id, end, error);
}

const char *
sk_journal_tracker_get_job_id (SkJournalTracker *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_TRACKER (self), NULL);

  return self->job_id;
}

const GError *
sk_journal_tracker_get_error (SkJournalTracker *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_TRACKER (self), NULL);

  return self->error;
}
