/* sk-deletion-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deletion controller's insides, shared with the file that starts its
 * deletions (sk-deletion-start.c).
 */

#pragma once

#include "sk-deletion.h"
#include "sk-journal-tracker.h"

G_BEGIN_DECLS

struct _SkDeletion
{
  GObject           parent_instance;

  SkClient         *client;
  guint             max_in_flight;
  gboolean          verify;
  GHashTable       *names;            /* ID -> name, from the caller */
  GHashTable       *sizes;            /* ID -> gint64* bytes, from the caller */
  SkJournal        *journal;          /* or NULL: no record */
  GError           *journal_error;    /* the journal could not be opened */
  char             *account_name;     /* in the journal, never the key */

  /* A deletion whose intent could not be journaled, waiting for the
   * caller to go on without a record or to drop it */
  SkDeletionRun    *held_run;
  SkBulkKind        held_kind;
  char             *held_store_id;
  char             *held_store_name;

  /* The deletion running */
  SkDeletionRun    *run;              /* or NULL */
  GCancellable     *run_cancellable;
  SkBulkKind        run_kind;         /* of its first job */
  char             *run_store_id;     /* detach: the store */
  char             *run_store_name;
  guint             run_expiry_days;  /* expiry: the days it sets, 0 clears */
  gboolean          cancelling;
  SkBulkDelete     *job;              /* the job of the run now running */
  SkJournalTracker *tracker;          /* its record in the journal, or NULL */

  /* The last deletion that ended */
  GListModel       *results;
  GHashTable       *result_names;
  char             *summary;
  SkDeletionCounts  counts;
  SkBulkKind        kind;
  char             *results_store_id;
  char             *results_store_name;
  guint             results_expiry_days;

  /* The latest undoable action: files removed from a store */
  char             *undo_store_id;
  char            **undo_ids;
  GCancellable     *undo_cancellable;
  guint             n_undo_pending;
  guint             n_undo_failed;
};

void _sk_deletion_execute_run (SkDeletion       *self,
                               SkDeletionRun    *run,
                               SkBulkKind        kind,
                               const char       *store_id,
                               const char       *store_name,
                               SkJournalTracker *tracker);
void _sk_deletion_hold_run    (SkDeletion       *self,
                               SkDeletionRun    *run,
                               SkBulkKind        kind,
                               const char       *store_id,
                               const char       *store_name,
                               const GError     *error);

G_END_DECLS
