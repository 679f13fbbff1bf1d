/* sk-deletion.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-deletion-private.h"

#include "sk-vector-store-file.h"


G_DEFINE_FINAL_TYPE (SkDeletion, sk_deletion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MAX_IN_FLIGHT,
  PROP_VERIFY,
  PROP_NAMES,
  PROP_RUNNING,
  PROP_CANCELLING,
  PROP_JOB,
  PROP_RESULTS,
  PROP_SUMMARY,
  PROP_CAN_UNDO,
  PROP_N_UNDO_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  UNDONE,
  MESSAGE,
  JOURNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_job (SkDeletion   *self,
         SkBulkDelete *job)
{
  if (g_set_object (&self->job, job))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

static void
set_cancelling (SkDeletion *self,
                gboolean    cancelling)
{
  if (self->cancelling == cancelling)
    return;
  self->cancelling = cancelling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCELLING]);
}

static void
run_job_changed_cb (SkDeletion    *self,
                    GParamSpec    *pspec,
                    SkDeletionRun *run)
{
  SkBulkDelete *job = sk_deletion_run_get_job (run);

  /* a job is set before it starts: its items are journaled in time */
  if (job != NULL && self->tracker != NULL)
    sk_journal_tracker_track (self->tracker, job);
  set_job (self, job);
}

static void
journal_write_failed_cb (SkDeletion       *self,
                         const GError     *error,
                         SkJournalTracker *tracker)
{
  g_autofree char *message =
    g_strdup_printf (_("The deletion history could not be written, the deletion goes on without a record: %s"),
                     error->message);

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* Writes the end of the running deletion to the journal */
static void
end_tracker (SkDeletion *self,
             gboolean    cancelled)
{
  g_autoptr (SkJournalTracker) tracker = g_steal_pointer (&self->tracker);
  g_autoptr (GError) error = NULL;

  if (tracker == NULL)
    return;
  g_signal_handlers_disconnect_by_data (tracker, self);
  if (!sk_journal_tracker_end (tracker, cancelled ? SK_JOURNAL_END_CANCELLED : SK_JOURNAL_END_COMPLETED, &error)
      && sk_journal_tracker_get_error (tracker) == NULL)
    journal_write_failed_cb (self, error, tracker);
}

/* ID -> name of each result the caller's names know */
static GHashTable *
names_of_results (SkDeletion *self,
                  GListModel *results)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n && self->names != NULL; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);
      const char *name = g_hash_table_lookup (self->names, sk_bulk_result_get_id (result));

      if (name != NULL)
        g_hash_table_replace (names, g_strdup (sk_bulk_result_get_id (result)), g_strdup (name));
    }
  return names;
}

/* The files a detach removed become the action Undo reverts, replacing
 * any earlier one */
static void
set_undo_action (SkDeletion *self,
                 const char *store_id,
                 GListModel *results)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (results);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED)
        g_strv_builder_add (builder, sk_bulk_result_get_id (result));
    }
  g_free (self->undo_store_id);
  self->undo_store_id = g_strdup (store_id);
  g_strfreev (self->undo_ids);
  self->undo_ids = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (SkDeletion) self = user_data;
  g_autoptr (GListModel) results = NULL;
  gboolean undoable;

  g_assert (self->run == SK_DELETION_RUN (source));

  results = sk_deletion_run_execute_finish (self->run, result, NULL);
  end_tracker (self, g_cancellable_is_cancelled (self->run_cancellable));
  g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_clear_object (&self->run_cancellable);

  sk_deletion_count (results, &self->counts);
  g_free (self->summary);
  if (self->run_kind == SK_BULK_STORE_EXPIRY)
    self->summary = sk_deletion_summarize_expiry (&self->counts, self->run_expiry_days);
  else
    self->summary = sk_deletion_summarize (&self->counts, self->run_store_name);
  g_clear_pointer (&self->result_names, g_hash_table_unref);
  self->result_names = names_of_results (self, results);
  g_set_object (&self->results, results);
  self->kind = self->run_kind;
  self->results_expiry_days = self->run_expiry_days;
  g_free (self->results_store_id);
  self->results_store_id = g_steal_pointer (&self->run_store_id);
  g_free (self->results_store_name);
  self->results_store_name = g_steal_pointer (&self->run_store_name);

  undoable = self->kind == SK_BULK_DETACH_FILES && self->counts.n_detached > 0;
  if (undoable)
    set_undo_action (self, self->results_store_id, results);

  set_job (self, NULL);
  set_cancelling (self, FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULTS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[FINISHED], 0, undoable);
}

/* Runs @run (transfer full) as the deletion of the controller, recorded
 * by @tracker (transfer full, nullable) */
void
_sk_deletion_execute_run (SkDeletion       *self,
                          SkDeletionRun    *run,
                          SkBulkKind        kind,
                          const char       *store_id,
                          const char       *store_name,
                          SkJournalTracker *tracker)
{
  g_assert (self->run == NULL && self->tracker == NULL);

  self->tracker = tracker;
  if (tracker != NULL)
    g_signal_connect_object (tracker, "write-failed", G_CALLBACK (journal_write_failed_cb),
                             self, G_CONNECT_SWAPPED);
  self->run = run;
  self->run_cancellable = g_cancellable_new ();
  self->run_kind = kind;
  self->run_store_id = g_strdup (store_id);
  self->run_store_name = g_strdup (store_name);
  g_signal_connect_object (run, "notify::job", G_CALLBACK (run_job_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  sk_deletion_run_execute_async (run, self->run_cancellable, run_done_cb, g_object_ref (self));
}

/* Holds @run (transfer full), whose intent could not be journaled, until
 * the caller chooses, and says why */
void
_sk_deletion_hold_run (SkDeletion    *self,
                       SkDeletionRun *run,
                       SkBulkKind     kind,
                       const char    *store_id,
                       const char    *store_name,
                       const GError  *error)
{
  g_assert (self->run == NULL && self->held_run == NULL);

  self->held_run = run;
  self->held_kind = kind;
  self->held_store_id = g_strdup (store_id);
  self->held_store_name = g_strdup (store_name);
  g_signal_emit (self, signals[JOURNAL_FAILED], 0, error);
}

static void
attached_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (SkDeletion) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStoreFile) file = NULL;

  file = sk_client_attach_file_finish (SK_CLIENT (source), result, &error);
  if (file == NULL)
    self->n_undo_failed++;
  self->n_undo_pending--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNDO_PENDING]);
  if (self->n_undo_pending > 0)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_undo_failed = 0;
      return;
    }
  if (self->n_undo_failed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Could not add %'u file back to the vector store",
                                   "Could not add %'u files back to the vector store", self->n_undo_failed),
                         self->n_undo_failed);

      g_signal_emit (self, signals[MESSAGE], 0, message);
    }
  self->n_undo_failed = 0;
  g_signal_emit (self, signals[UNDONE], 0);
}

static void
sk_deletion_dispose (GObject *object)
{
  SkDeletion *self = (SkDeletion *)object;

  g_cancellable_cancel (self->undo_cancellable);

  G_OBJECT_CLASS (sk_deletion_parent_class)->dispose (object);
}

static void
sk_deletion_finalize (GObject *object)
{
  SkDeletion *self = (SkDeletion *)object;

  g_assert (self->run == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->held_run);
  g_clear_pointer (&self->held_store_id, g_free);
  g_clear_pointer (&self->held_store_name, g_free);
  g_clear_object (&self->tracker);
  g_clear_object (&self->journal);
  g_clear_error (&self->journal_error);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->sizes, g_hash_table_unref);
  g_clear_object (&self->job);
  g_clear_pointer (&self->run_store_id, g_free);
  g_clear_pointer (&self->run_store_name, g_free);
  g_clear_object (&self->results);
  g_clear_object (&self->undo_cancellable);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->result_names, g_hash_table_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->results_store_id, g_free);
  g_clear_pointer (&self->results_store_name, g_free);
  g_clear_pointer (&self->undo_store_id, g_free);
  g_clear_pointer (&self->undo_ids, g_strfreev);

  G_OBJECT_CLASS (sk_deletion_parent_class)->finalize (object);
}

static void
sk_deletion_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SkDeletion *self = SK_DELETION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_VERIFY:
      g_value_set_boolean (value, self->verify);
      break;
    case PROP_NAMES:
      g_value_set_boxed (value, self->names);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->run != NULL);
      break;
    case PROP_CANCELLING:
      g_value_set_boolean (value, self->cancelling);
      break;
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case PROP_RESULTS:
      g_value_set_object (value, self->results);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sk_deletion_get_can_undo (self));
      break;
    case PROP_N_UNDO_PENDING:
      g_value_set_uint (value, self->n_undo_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_deletion_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SkDeletion *self = SK_DELETION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_deletion_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_VERIFY:
      sk_deletion_set_verify (self, g_value_get_boolean (value));
      break;
    case PROP_NAMES:
      sk_deletion_set_names (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_deletion_class_init (SkDeletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_deletion_dispose;
  object_class->finalize = sk_deletion_finalize;
  object_class->get_property = sk_deletion_get_property;
  object_class->set_property = sk_deletion_set_property;

  /**
   * SkDeletion:client:
   *
   * The client of the account the deletions run on.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:max-in-flight:
   *
   * How many requests each job of the next deletions keeps in flight.
   */
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, 64, 8,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:verify:
   *
   * Whether the jobs list again after deleting, to flag what the server
   * still lists.
   */
  properties[PROP_VERIFY] =
    g_param_spec_boolean ("verify", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:names:
   *
   * ID -> name of the files and vector stores the caller knows; the names
   * of the results are taken from it when a deletion ends.
   */
  properties[PROP_NAMES] =
    g_param_spec_boxed ("names", NULL, NULL,
                        G_TYPE_HASH_TABLE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:running:
   *
   * Whether a deletion runs, from its start until its results are ready.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:cancelling:
   *
   * Whether the running deletion was cancelled and waits for the requests
   * already sent.
   */
  properties[PROP_CANCELLING] =
    g_param_spec_boolean ("cancelling", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:job:
   *
   * The job of the running deletion that runs now, or %NULL.
   */
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL,
                         SK_TYPE_BULK_DELETE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:results:
   *
   * The results (#SkBulkResult) of the last deletion that ended, or %NULL.
   */
  properties[PROP_RESULTS] =
    g_param_spec_object ("results", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:summary:
   *
   * The sentence summing up the last deletion that ended, or %NULL.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:can-undo:
   *
   * Whether sk_deletion_undo() has an action to revert: the latest detach
   * that removed files.
   */
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * SkDeletion:n-undo-pending:
   *
   * The attach requests of an undo still running.
   */
  properties[PROP_N_UNDO_PENDING] =
    g_param_spec_uint ("n-undo-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SkDeletion::finished:
   * @self: the deletion controller
   * @undoable: whether sk_deletion_undo() now reverts this deletion
   *
   * A deletion ended: its results, counts and summary are ready.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * SkDeletion::undone:
   * @self: the deletion controller
   *
   * Every attach request of an undo ended (failures come as a message).
   */
  signals[UNDONE] =
    g_signal_new ("undone",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SkDeletion::message:
   * @self: the deletion controller
   * @text: a translated sentence for the user
   *
   * Something to tell the user: a refused start, an undo that failed.
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * SkDeletion::journal-failed:
   * @self: the deletion controller
   * @error: why the journal could not be written
   *
   * The intent of a deletion could not be written to the journal (disk
   * full, read-only folder): nothing was deleted; the deletion is held
   * until the caller, having asked the user, calls
   * sk_deletion_go_on_without_record() or sk_deletion_drop_held().
   */
  signals[JOURNAL_FAILED] =
    g_signal_new ("journal-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sk_deletion_init (SkDeletion *self)
{
  self->max_in_flight = 8;
  self->kind = SK_BULK_DELETE_FILES;
  self->undo_cancellable = g_cancellable_new ();
}

/**
 * sk_deletion_new:
 * @client: the account's client
 *
 * Creates the controller of the deletions on the account of @client.
 *
 * Returns: (transfer full): a new #SkDeletion
 */
SkDeletion *
sk_deletion_new (SkClient *client)
{
  g_return_val_if_fail (SK_IS_CLIENT (client), NULL);

  return g_object_new (SK_TYPE_DELETION, "client", client, NULL);
}

SkClient *
sk_deletion_get_client (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->client;
}

void
sk_deletion_set_max_in_flight (SkDeletion *self,
                               guint       max_in_flight)
{
  g_return_if_fail (SK_IS_DELETION (self));

  max_in_flight = CLAMP (max_in_flight, 1, 64);
  if (self->max_in_flight == max_in_flight)
    return;
  self->max_in_flight = max_in_flight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_IN_FLIGHT]);
}

guint
sk_deletion_get_max_in_flight (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), 0);

  return self->max_in_flight;
}

void
sk_deletion_set_verify (SkDeletion *self,
                        gboolean    verify)
{
  g_return_if_fail (SK_IS_DELETION (self));

  verify = !!verify;
  if (self->verify == verify)
    return;
  self->verify = verify;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFY]);
}

gboolean
sk_deletion_get_verify (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  return self->verify;
}

/**
 * sk_deletion_set_names:
 * @self: a #SkDeletion
 * @names: (nullable): ID -> name (strings)
 *
 * Sets the names the results of the next deletions are shown with.
 */
void
sk_deletion_set_names (SkDeletion *self,
                       GHashTable *names)
{
  g_return_if_fail (SK_IS_DELETION (self));

  if (self->names == names)
    return;
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = names ? g_hash_table_ref (names) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMES]);
}

GHashTable *
sk_deletion_get_names (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->names;
}

/**
 * sk_deletion_get_held:
 * @self: a #SkDeletion
 *
 * Returns: whether a deletion waits after #SkDeletion::journal-failed
 */
gboolean
sk_deletion_get_held (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  return self->held_run != NULL;
}

/**
 * sk_deletion_drop_held:
 * @self: a #SkDeletion
 *
 * Drops the deletion held after #SkDeletion::journal-failed: nothing is
 * deleted.
 */
void
sk_deletion_drop_held (SkDeletion *self)
{
  g_return_if_fail (SK_IS_DELETION (self));

  if (self->held_run == NULL)
    return;
  g_clear_object (&self->held_run);
  g_clear_pointer (&self->held_store_id, g_free);
  g_clear_pointer (&self->held_store_name, g_free);
}

/**
 * sk_deletion_check_idle:
 * @self: a #SkDeletion
 *
 * Checks that no deletion runs; while one does, emits #SkDeletion::message
 * saying why another cannot start.
 *
 * Returns: %TRUE when a deletion may start
 */
gboolean
sk_deletion_check_idle (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  if (self->run == NULL && self->held_run == NULL)
    return TRUE;
  g_signal_emit (self, signals[MESSAGE], 0,
                 _("A deletion is already running: wait for it to end, or cancel it, before starting another"));
  return FALSE;
}

/**
 * sk_deletion_cancel:
 * @self: a #SkDeletion
 *
 * Cancels the running deletion: no new request starts, those in flight
 * end, and #SkDeletion::finished comes with what was done.
 */
void
sk_deletion_cancel (SkDeletion *self)
{
  g_return_if_fail (SK_IS_DELETION (self));

  if (self->run == NULL)
    return;
  g_cancellable_cancel (self->run_cancellable);
  set_cancelling (self, TRUE);
}

/**
 * sk_deletion_stop:
 * @self: a #SkDeletion
 *
 * Cancels the running deletion and the requests of an undo, and forgets
 * the undoable action: for when the account goes away.
 */
void
sk_deletion_stop (SkDeletion *self)
{
  g_return_if_fail (SK_IS_DELETION (self));

  sk_deletion_cancel (self);
  sk_deletion_drop_held (self);
  g_cancellable_cancel (self->undo_cancellable);
  g_clear_object (&self->undo_cancellable);
  self->undo_cancellable = g_cancellable_new ();
  if (self->undo_ids != NULL)
    {
      g_clear_pointer (&self->undo_ids, g_strfreev);
      g_clear_pointer (&self->undo_store_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
}

/**
 * sk_deletion_undo:
 * @self: a #SkDeletion
 *
 * Reverts the latest undoable action: adds the files the latest detach
 * removed back to their vector store. #SkDeletion::undone comes when every
 * request ended. The action is used up.
 *
 * Returns: %TRUE when there was an action to revert
 */
gboolean
sk_deletion_undo (SkDeletion *self)
{
  g_auto (GStrv) ids = NULL;
  g_autofree char *store_id = NULL;

  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  if (self->undo_ids == NULL || self->undo_store_id == NULL)
    return FALSE;
  ids = g_steal_pointer (&self->undo_ids);
  store_id = g_steal_pointer (&self->undo_store_id);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      self->n_undo_pending++;
      sk_client_attach_file_async (self->client, store_id, ids[i], self->undo_cancellable,
                                   attached_cb, g_object_ref (self));
    }
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNDO_PENDING]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
sk_deletion_get_running (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  return self->run != NULL;
}

gboolean
sk_deletion_get_cancelling (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  return self->cancelling;
}

SkBulkDelete *
sk_deletion_get_job (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->job;
}

GListModel *
sk_deletion_get_results (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->results;
}

/**
 * sk_deletion_get_result_names:
 * @self: a #SkDeletion
 *
 * Gets the names of the last results, from #SkDeletion:names.
 *
 * Returns: (nullable) (transfer none): ID -> name
 */
GHashTable *
sk_deletion_get_result_names (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->result_names;
}

const char *
sk_deletion_get_summary (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), NULL);

  return self->summary;
}

/**
 * sk_deletion_get_counts:
 * @self: a #SkDeletion
 * @counts: (out caller-allocates): where to write them
 *
 * Gets the counts of the last deletion that ended (zeros before any).
 */
void
sk_deletion_get_counts (SkDeletion       *self,
                        SkDeletionCounts *counts)
{
  g_return_if_fail (SK_IS_DELETION (self));
  g_return_if_fail (counts != NULL);

  *counts = self->counts;
}

/**
 * sk_deletion_get_kind:
 * @self: a #SkDeletion
 *
 * Gets what the first job of the last deletion that ended did.
 *
 * Returns: its kind
 */
SkBulkKind
sk_deletion_get_kind (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), SK_BULK_DELETE_FILES);

  return self->kind;
}

/**
 * sk_deletion_get_expiry_days:
 * @self: a #SkDeletion
 *
 * Gets the days of the expiry policy the last change of expiry that
 * ended set (see sk_deletion_set_store_expiry()).
 *
 * Returns: the days, 0 when it cleared the policy (or was no expiry)
 */
guint
sk_deletion_get_expiry_days (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), 0);

  return self->kind == SK_BULK_STORE_EXPIRY ? self->results_expiry_days : 0;
}

gboolean
sk_deletion_get_can_undo (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), FALSE);

  return self->undo_ids != NULL;
}

guint
sk_deletion_get_n_undo_pending (SkDeletion *self)
{
  g_return_val_if_fail (SK_IS_DELETION (self), 0);

  return self->n_undo_pending;
}
