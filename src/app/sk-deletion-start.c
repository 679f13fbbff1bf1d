/* sk-deletion-start.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting the deletions of the controller: each one is a run of bulk jobs
 * whose intent is written to the journal first (with the names and sizes
 * the caller gave); a run whose intent cannot be written is held until the
 * caller goes on without a record or drops it.
 *
 * A change of the expiry of vector stores runs the same way, through the
 * bulk engine, but deletes nothing: it is never written to the deletion
 * journal (its history), and it is never held when the journal fails.
 */

#include "config.h"

#include "sk-deletion-private.h"

static SkDeletionRun *
new_run (SkDeletion *self)
{
  return sk_deletion_run_new (self->client, self->max_in_flight, self->verify);
}

/* Journals the intent of @run (transfer full) on @ids, then runs it; when
 * the intent cannot be written, holds it and emits
 * SkDeletion::journal-failed */
static void
start_run (SkDeletion         *self,
           SkDeletionRun      *run,
           SkBulkKind          kind,
           SkJournalKind       journal_kind,
           const char * const *ids,
           const char         *store_id,
           const char         *store_name)
{
  g_autoptr (GError) error = NULL;
  SkJournalTracker *tracker = NULL;

  self->run_expiry_days = 0;
  if (self->journal != NULL)
    {
      tracker = sk_journal_tracker_begin (self->journal, self->account_name, journal_kind,
                                          SK_JOURNAL_ORIGIN_WINDOW, ids,
                                          kind == SK_BULK_DETACH_FILES ? store_id : NULL,
                                          self->names, self->sizes, &error);
      if (tracker == NULL)
        {
          _sk_deletion_hold_run (self, run, kind, store_id, store_name, error);
          return;
        }
    }
  else if (self->journal_error != NULL)
    {
      _sk_deletion_hold_run (self, run, kind, store_id, store_name, self->journal_error);
      return;
    }
  _sk_deletion_execute_run (self, run, kind, store_id, store_name, tracker);
}

/**
 * sk_deletion_set_sizes:
 * @self: a #SkDeletion
 * @sizes: (nullable): ID -> gint64 pointer (bytes)
 *
 * Sets the sizes the journal records with the intent of the next
 * deletions.
 */
void
sk_deletion_set_sizes (SkDeletion *self,
                       GHashTable *sizes)
{
  g_return_if_fail (SK_IS_DELETION (self));

  if (self->sizes == sizes)
    return;
  g_clear_pointer (&self->sizes, g_hash_table_unref);
  self->sizes = sizes ? g_hash_table_ref (sizes) : NULL;
}

/**
 * sk_deletion_set_journal:
 * @self: a #SkDeletion
 * @journal: (nullable): where to record the next deletions
 *
 * Sets the journal of the next deletions.
 */
void
sk_deletion_set_journal (SkDeletion *self,
                         SkJournal  *journal)
{
  g_return_if_fail (SK_IS_DELETION (self));
  g_return_if_fail (journal == NULL || SK_IS_JOURNAL (journal));

  g_set_object (&self->journal, journal);
}

/**
 * sk_deletion_set_journal_error:
 * @self: a #SkDeletion
 * @error: (nullable): why the journal could not be opened
 *
 * Without a journal, holds each deletion with @error (see
 * #SkDeletion::journal-failed) instead of running it unrecorded.
 */
void
sk_deletion_set_journal_error (SkDeletion   *self,
                               const GError *error)
{
  g_return_if_fail (SK_IS_DELETION (self));

  g_clear_error (&self->journal_error);
  if (error != NULL)
    self->journal_error = g_error_copy (error);
}

SkJournal *
sk_deletion_get_journal (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->journal;
}

/**
 * sk_deletion_set_account_name:
 * @self: a #SkDeletion
 * @account_name: (nullable): the account's name (never its key)
 *
 * Sets the account name the journal records.
 */
void
sk_deletion_set_account_name (SkDeletion *self,
                              const char *account_name)
{
  g_return_if_fail (SK_IS_DELETION (self));

  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
}

/**
 * sk_deletion_go_on_without_record:
 * @self: a #SkDeletion
 *
 * Runs the deletion held after #SkDeletion::journal-failed, with no
 * record in the journal.
 *
 * Returns: %TRUE when a deletion was held
 */
gboolean
sk_deletion_go_on_without_record (SkDeletion *self)
{
  g_autofree char *store_id = NULL;
  g_autofree char *store_name = NULL;
  SkDeletionRun *run;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  if (self->held_run == NULL)
    return FALSE;
  run = g_steal_pointer (&self->held_run);
  store_id = g_steal_pointer (&self->held_store_id);
  store_name = g_steal_pointer (&self->held_store_name);
  _sk_deletion_execute_run (self, run, self->held_kind, store_id, store_name, NULL);
  return TRUE;
}

gboolean
sk_deletion_delete_files (SkDeletion         *self,
                          const char * const *ids)
{
  SkDeletionRun *run;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!sk_deletion_check_idle (self))
    return FALSE;
  run = new_run (self);
  sk_deletion_run_queue (run, SK_BULK_DELETE_FILES, NULL, ids);
  start_run (self, run, SK_BULK_DELETE_FILES, SK_JOURNAL_KIND_FILES, ids, NULL, NULL);
  return TRUE;
}

gboolean
sk_deletion_delete_stores (SkDeletion           *self,
                           const char * const   *ids,
                           SkDeleteStoresChoice  choice,
                           GHashTable           *usage,
                           GHashTable           *existing)
{
  SkDeletionRun *run;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (choice <= SK_DELETE_STORES_ALL_FILES, FALSE);

  if (!sk_deletion_check_idle (self))
    return FALSE;
  run = new_run (self);
  sk_deletion_run_queue_stores (run, ids, choice, usage, existing);
  start_run (self, run, SK_BULK_DELETE_VECTOR_STORES,
             choice == SK_DELETE_STORES_KEEP_FILES ? SK_JOURNAL_KIND_VECTOR_STORES
                                                   : SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES,
             ids, NULL, NULL);
  return TRUE;
}

gboolean
sk_deletion_detach_files (SkDeletion         *self,
                          const char         *store_id,
                          const char         *store_name,
                          const char * const *ids)
{
  SkDeletionRun *run;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);
  g_return_val_if_fail (store_id != NULL, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (!sk_deletion_check_idle (self))
    return FALSE;
  run = new_run (self);
  sk_deletion_run_queue (run, SK_BULK_DETACH_FILES, store_id, ids);
  start_run (self, run, SK_BULK_DETACH_FILES, SK_JOURNAL_KIND_DETACH, ids, store_id, store_name);
  return TRUE;
}

/**
 * sk_deletion_set_store_expiry:
 * @self: a #SkDeletion
 * @ids: the IDs of vector stores
 * @days: 1..365: each store expires that many days after its last
 *   activity; 0: the stores no longer expire
 *
 * Sets (or clears) the expiry policy of the stores through the bulk
 * engine, with progress, cancel, results and Retry Failed as for a
 * deletion; no undo, and no record in the deletion journal.
 * #SkDeletion::finished comes at the end, with a summary worded for
 * expiry.
 *
 * Returns: %TRUE when it started (%FALSE: something else runs)
 */
gboolean
sk_deletion_set_store_expiry (SkDeletion         *self,
                              const char * const *ids,
                              guint               days)
{
  SkDeletionRun *run;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (days <= SK_VECTOR_STORE_MAX_EXPIRY_DAYS, FALSE);

  if (!sk_deletion_check_idle (self))
    return FALSE;
  run = new_run (self);
  sk_deletion_run_queue_expiry (run, ids, days);
  self->run_expiry_days = days;
  _sk_deletion_execute_run (self, run, SK_BULK_STORE_EXPIRY, NULL, NULL, NULL);
  return TRUE;
}

/* Retry Failed after a change of expiry: the same policy again on the
 * stores it did not change, without a journal record */
static gboolean
retry_expiry (SkDeletion *self)
{
  g_autoptr (SkDeletionRun) run = new_run (self);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (self->results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (self->results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        sk_deletion_run_keep (run, result);
      else
        g_ptr_array_add (ids, (gpointer) sk_bulk_result_get_id (result));
    }
  if (ids->len == 0)
    return FALSE;
  g_ptr_array_add (ids, NULL);
  sk_deletion_run_queue_expiry (run, (const char * const *) ids->pdata, self->results_expiry_days);
  self->run_expiry_days = self->results_expiry_days;
  _sk_deletion_execute_run (self, g_steal_pointer (&run), SK_BULK_STORE_EXPIRY, NULL, NULL, NULL);
  return TRUE;
}

/* What the journal calls a deletion whose first job is of @kind */
static SkJournalKind
journal_kind_of (SkBulkKind kind)
{
  switch (kind)
    {
    case SK_BULK_DELETE_VECTOR_STORES:
      return SK_JOURNAL_KIND_VECTOR_STORES;
    case SK_BULK_DETACH_FILES:
      return SK_JOURNAL_KIND_DETACH;
    case SK_BULK_DELETE_FILES:
    default:
      return SK_JOURNAL_KIND_FILES;
    }
}

gboolean
sk_deletion_retry_failed (SkDeletion *self)
{
  static const SkBulkKind order[] = { SK_BULK_DELETE_VECTOR_STORES, SK_BULK_DELETE_FILES, SK_BULK_DETACH_FILES };
  g_autoptr (SkDeletionRun) run = NULL;
  g_autoptr (GPtrArray) all_ids = g_ptr_array_new ();
  GPtrArray *ids[3] = { NULL, NULL, NULL };
  const char *store_id;
  SkBulkKind kind = SK_BULK_DELETE_FILES;
  gboolean queued = FALSE;
  guint n;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  if (self->results == NULL || !sk_deletion_check_idle (self))
    return FALSE;
  if (self->kind == SK_BULK_STORE_EXPIRY)
    return retry_expiry (self);

  store_id = self->results_store_id;
  run = new_run (self);
  for (guint k = 0; k < 3; k++)
    ids[k] = g_ptr_array_new ();
  n = g_list_model_get_n_items (self->results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (self->results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        sk_deletion_run_keep (run, result);
      else
        for (guint k = 0; k < 3; k++)
          if (order[k] == sk_bulk_result_get_kind (result))
            g_ptr_array_add (ids[k], (gpointer) sk_bulk_result_get_id (result));
    }

  for (guint k = 0; k < 3; k++)
    {
      if (ids[k]->len > 0 && (order[k] != SK_BULK_DETACH_FILES || store_id != NULL))
        {
          g_ptr_array_extend (all_ids, ids[k], NULL, NULL);
          g_ptr_array_add (ids[k], NULL);
          sk_deletion_run_queue (run, order[k], order[k] == SK_BULK_DETACH_FILES ? store_id : NULL,
                                 (const char * const *) ids[k]->pdata);
          if (!queued)
            kind = order[k];
          queued = TRUE;
        }
      g_ptr_array_unref (ids[k]);
    }
  if (!queued)
    return FALSE;
  g_ptr_array_add (all_ids, NULL);
  start_run (self, g_steal_pointer (&run), kind, journal_kind_of (kind),
             (const char * const *) all_ids->pdata, store_id, self->results_store_name);
  return TRUE;
}
