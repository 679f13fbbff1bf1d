/* sk-journal-recorder.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Journals a running SkBulkDelete through its public results: each
 * SkBulkResult notifies "attempts" as its first request is about to start
 * (before it is sent), and "outcome" once it is final, its status and
 * message already set.
 */

#include "sk-journal-recorder.h"

struct _SkJournalRecorder
{
  GObject    parent_instance;

  SkJournal *journal;
  char      *job_id;
  GError    *error;
};

G_DEFINE_FINAL_TYPE (SkJournalRecorder, sk_journal_recorder, G_TYPE_OBJECT)

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
check_write (SkJournalRecorder *self,
             gboolean           ok,
             GError            *error)
{
  if (ok || self->error != NULL)
    {
      g_clear_error (&error);
      return;
    }

  self->error = error;
  g_signal_emit (self, signals[WRITE_FAILED], 0, self->error);
}

static void
record_sent (SkJournalRecorder *self,
             SkBulkResult      *result)
{
  GError *error = NULL;
  gboolean ok;

  if (self->error != NULL)
    return;

  ok = sk_journal_record_sent (self->journal, self->job_id, sk_bulk_result_get_id (result), &error);
  check_write (self, ok, error);
}

static void
record_outcome (SkJournalRecorder *self,
                SkBulkResult      *result)
{
  GError *error = NULL;
  gboolean ok;

  if (self->error != NULL)
    return;

  ok = sk_journal_record_outcome (self->journal, self->job_id,
                                  sk_bulk_result_get_id (result),
                                  sk_bulk_result_get_outcome (result),
                                  sk_bulk_result_get_status_code (result),
                                  sk_bulk_result_get_message (result),
                                  &error);
  check_write (self, ok, error);
}

static void
attempts_changed_cb (SkBulkResult      *result,
                     GParamSpec        *pspec,
                     SkJournalRecorder *self)
{
  if (sk_bulk_result_get_attempts (result) == 1 &&
      sk_bulk_result_get_outcome (result) == SK_OUTCOME_PENDING)
    record_sent (self, result);
}

static void
outcome_changed_cb (SkBulkResult      *result,
                    GParamSpec        *pspec,
                    SkJournalRecorder *self)
{
  if (sk_bulk_result_get_outcome (result) != SK_OUTCOME_PENDING)
    record_outcome (self, result);
}

static void
sk_journal_recorder_finalize (GObject *object)
{
  SkJournalRecorder *self = (SkJournalRecorder *)object;

  g_clear_object (&self->journal);
  g_free (self->job_id);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sk_journal_recorder_parent_class)->finalize (object);
}

static void
sk_journal_recorder_class_init (SkJournalRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_journal_recorder_finalize;

  /**
   * SkJournalRecorder::write-failed:
   * @self: the recorder
   * @error: why the journal could not be written
   *
   * Emitted once, on the first record that could not be written.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sk_journal_recorder_init (SkJournalRecorder *self)
{
}

SkJournalRecorder *
sk_journal_recorder_new (SkJournal    *journal,
                         const char   *job_id,
                         SkBulkDelete *job)
{
  SkJournalRecorder *self;
  GListModel *results;
  guint n;

  g_return_val_if_fail (SK_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (job_id != NULL, NULL);
  g_return_val_if_fail (SK_IS_BULK_DELETE (job), NULL);

  self = g_object_new (SK_TYPE_JOURNAL_RECORDER, NULL);
  self->journal = g_object_ref (journal);
  self->job_id = g_strdup (job_id);

  results = sk_bulk_delete_get_results (job);
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      /* A job already under way: catch up. */
      if (sk_bulk_result_get_attempts (result) > 0)
        record_sent (self, result);
      if (sk_bulk_result_get_outcome (result) != SK_OUTCOME_PENDING)
        record_outcome (self, result);

      g_signal_connect_object (result, "notify::attempts",
                               G_CALLBACK (attempts_changed_cb), self, 0);
      g_signal_connect_object (result, "notify::outcome",
                               G_CALLBACK (outcome_changed_cb), self, 0);
    }

  return self;
}

const char *
sk_journal_recorder_get_job_id (SkJournalRecorder *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_RECORDER (self), NULL);

  return self->job_id;
}

const GError *
sk_journal_recorder_get_error (SkJournalRecorder *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL_RECORDER (self), NULL);

  return self->error;
}
