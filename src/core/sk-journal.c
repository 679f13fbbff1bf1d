/* sk-journal.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deletion journal: a write-ahead record of every deletion job, so that
 * after a crash the application knows what went and what did not.
 *
 * Format: JSON Lines ($XDG_DATA_HOME/storekeeper/journal.jsonl, 0600), one
 * record per line, appended. JSON Lines rather than SQLite: json-glib is
 * already a dependency (SQLite would add one), the records are small, a
 * record is appended with one write() and made durable with one
 * fdatasync(), a torn record can only be the last line and is easy to
 * detect (no newline, or invalid JSON), and the file can be read and
 * grepped by a person.
 *
 * Records (every one has "type", "job" and "time", ISO 8601 UTC):
 *   intent   {"account", "kind", "origin", "items": [{"id", "name", "bytes",
 *             "vector_store_id"}]}: written and synced before the first
 *             request; never the API key (no function here takes one)
 *   items    {"items": [...]}: more items of the job (e.g. files found in
 *             stores deleted with their files)
 *   sent     {"item"}: the request for this item is about to be sent
 *   outcome  {"item", "outcome": "deleted" | "failed" | "cancelled",
 *             "status", "message" (failed only)}
 *   end      {"end": "completed" | "cancelled" | "error"}
 *   dismiss  {}: the user has seen this interrupted job
 * Unknown types are ignored by the reader (newer versions may add some).
 *
 * Items of an interrupted job (no end record): DELETED, FAILED, CANCELLED
 * come from their last outcome; an item with a "sent" record and no outcome
 * is UNKNOWN: its request was in flight, it must be verified against the
 * service; an item with neither is NOT_ATTEMPTED: no request ever left for
 * it. "sent" records cost one write() each and are synced with the
 * outcomes (below), so a process crash (SIGKILL, abort) loses nothing that
 * was written, and a system crash can lose the last "sent" records: after a
 * power loss, NOT_ATTEMPTED items should be treated as possibly deleted
 * (resuming them and finding them gone, 404, means already deleted).
 *
 * Durability: each record is one write() of the whole line on an O_APPEND
 * descriptor, so records of several writers (the window and the local API,
 * in this process or another) never interleave within a line. A write()
 * survives the crash of the process at once (it is in the kernel). Against
 * a system crash: intent, items, end and dismiss records are fdatasync'ed
 * before the call returns; outcome and sent records are batched: synced
 * when SK_JOURNAL_SYNC_MAX_RECORDS are pending or
 * SK_JOURNAL_SYNC_MAX_DELAY_MS have passed since the last sync (a timer
 * syncs the rest), so a system crash loses at most the outcome and sent
 * records of the last 100 ms (fewer than 64). Measured on the development machine (ext4 on a
 * virtual disk, test /sk/journal/sync/cost with -m slow): 2,000 outcomes
 * with one fdatasync each take 0.5 s (0.26 ms a sync), and 10 s (5 ms a
 * sync) while other builds load the disk; batched, 0.02 to 0.2 s. A sync
 * blocks the main loop, so one per outcome could stall the window for
 * seconds on a busy or slow disk: hence the batching.
 *
 * A record whose write failed half-way (disk full) leaves a torn line; the
 * next record then starts with a newline, so the torn bytes become a line of
 * their own, skipped by the reader, and never swallow a good record. The
 * same is done when the file is opened and does not end with a newline
 * (a crash during a write).
 *
 * Running or interrupted: a job holds an exclusive flock() on its own lock
 * file ("journal.jsonl.running/JOB_ID") from before its intent is written
 * until its end record is; the kernel drops it when the process dies. A job
 * without an end whose lock is held is running (in this process or
 * another: the window and the local API may share the journal); one whose
 * lock is free was interrupted.
 *
 * Compaction rewrites the file (temporary file, fsync, rename, fsync of
 * the folder) and runs only while no other SkJournal has the file open:
 * each one holds a shared flock() on it and compaction needs an exclusive
 * one. An SkJournal that opens the file while a compaction runs waits for
 * it, then reopens the path if the file was replaced.
 */

#include "sk-journal.h"

#include "sk-journal-file.h"
#include "sk-journal-job-private.h"
#include "sk-journal-reader.h"

#include <json-glib/json-glib.h>

#include <errno.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define JOURNAL_FILE_NAME "journal.jsonl"

struct _SkJournal
{
  GObject   parent_instance;

  GMutex    mutex;
  char     *path;
  int       fd;
  gboolean  needs_newline;     /* the file ends with a torn line */
  gboolean  sync_each_record;
  guint     n_unsynced;
  gint64    last_sync_us;
  guint     sync_source;
  GError   *deferred_error;    /* a failed timed sync, for the next call */
  gboolean  is_regular;        /* job locks only beside a regular file */
  GHashTable *job_locks;       /* job id → descriptor + 1 holding its lock */
};

G_DEFINE_FINAL_TYPE (SkJournal, sk_journal, G_TYPE_OBJECT)

static void
release_job_lock (SkJournal  *self,
                  const char *job_id)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_mutex_lock (&self->mutex);
  if (g_hash_table_steal_extended (self->job_locks, job_id, (gpointer *) &key, &value))
    sk_journal_file_unlock_job (GPOINTER_TO_INT (value) - 1, self->path, job_id);
  g_mutex_unlock (&self->mutex);
}

/* Takes the shared lock back after asking for the exclusive one. */
static void
relock_shared (SkJournal *self)
{
  self->fd = sk_journal_file_relock_shared (self->fd, self->path, &self->needs_newline);
}

static gboolean
sync_locked (SkJournal  *self,
             GError    **error)
{
  g_clear_handle_id (&self->sync_source, g_source_remove);
  self->n_unsynced = 0;
  self->last_sync_us = g_get_monotonic_time ();

  return sk_journal_file_sync (self->fd, self->path, error);
}

static gboolean
sync_timeout_cb (gpointer user_data)
{
  SkJournal *self = user_data;
  g_autoptr (GError) error = NULL;

  g_mutex_lock (&self->mutex);
  self->sync_source = 0;
  if (!sync_locked (self, &error) && self->deferred_error == NULL)
    self->deferred_error = g_steal_pointer (&error);
  g_mutex_unlock (&self->mutex);

  return G_SOURCE_REMOVE;
}

/* Appends the record built in @builder as one line. @sync_now: sync before
 * returning; else the record joins the batch. */
static gboolean
append_record (SkJournal    *self,
               JsonBuilder  *builder,
               gboolean      sync_now,
               GError      **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  g_autoptr (GString) line = NULL;
  gboolean partial = FALSE;
  gboolean ok = TRUE;
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  line = g_string_new_len (text, length);
  g_free (text);

  g_mutex_lock (&self->mutex);

  if (self->deferred_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->deferred_error));
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }

  if (self->needs_newline)
    g_string_prepend_c (line, '\n');
  g_string_append_c (line, '\n');

  if (!sk_journal_file_write (self->fd, line->str, line->len, &partial))
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_WRITE, errno, self->path);
      if (partial)
        self->needs_newline = TRUE;
      ok = FALSE;
    }
  else
    {
      self->needs_newline = FALSE;

      if (sync_now || self->sync_each_record ||
          ++self->n_unsynced >= SK_JOURNAL_SYNC_MAX_RECORDS ||
          g_get_monotonic_time () - self->last_sync_us >= SK_JOURNAL_SYNC_MAX_DELAY_MS * 1000)
        ok = sync_locked (self, error);
      else if (self->sync_source == 0)
        self->sync_source = g_timeout_add (SK_JOURNAL_SYNC_MAX_DELAY_MS, sync_timeout_cb, self);
    }

  g_mutex_unlock (&self->mutex);
  return ok;
}

/* A random (version 4) UUID from the kernel's generator: GLib's generator
 * would give a forked child the same IDs as its parent. */
static char *
new_job_id (void)
{
  guint8 bytes[16];

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    return g_uuid_string_random ();

  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

static JsonBuilder *
begin_record (const char *type,
              const char *job_id)
{
  JsonBuilder *builder = json_builder_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "job");
  json_builder_add_string_value (builder, job_id);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);

  return builder;
}

static gboolean
finish_record (SkJournal    *self,
               JsonBuilder  *builder,
               gboolean      sync_now,
               GError      **error)
{
  json_builder_end_object (builder);
  return append_record (self, builder, sync_now, error);
}

static void
add_items (JsonBuilder             *builder,
           const SkJournalItemSpec *items,
           guint                    n_items)
{
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, items[i].id);
      if (items[i].name != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, items[i].name);
        }
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, MAX (items[i].bytes, 0));
      if (items[i].vector_store_id != NULL)
        {
          json_builder_set_member_name (builder, "vector_store_id");
          json_builder_add_string_value (builder, items[i].vector_store_id);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
items_are_valid (const SkJournalItemSpec *items,
                 guint                    n_items)
{
  for (guint i = 0; i < n_items; i++)
    if (items[i].id == NULL || items[i].id[0] == '\0')
      return FALSE;
  return TRUE;
}

static char *
read_contents (SkJournal  *self,
               gsize      *length,
               GError    **error)
{
  char *contents;

  g_mutex_lock (&self->mutex);
  contents = sk_journal_file_read (self->fd, self->path, length, error);
  g_mutex_unlock (&self->mutex);

  return contents;
}

/* Marks each job without an end as running or not from its lock; returns
 * the IDs of those whose lock was free (transfer full, NULL: none). */
static GHashTable *
check_locks (SkJournal *self,
             GPtrArray *jobs)
{
  GHashTable *free_ids = NULL;

  for (guint i = 0; i < jobs->len; i++)
    {
      SkJournalJob *job = g_ptr_array_index (jobs, i);
      const char *id = sk_journal_job_get_id (job);
      gboolean locked;

      if (sk_journal_job_get_end (job) != SK_JOURNAL_END_NONE)
        continue;

      locked = self->is_regular && sk_journal_file_job_is_locked (self->path, id);
      sk_journal_job_set_running (job, locked);
      if (!locked)
        {
          if (free_ids == NULL)
            free_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_add (free_ids, g_strdup (id));
        }
    }

  return free_ids;
}

static gboolean
keep_job (SkJournalJob *job,
          guint         rank,
          guint         max_jobs,
          GDateTime    *cutoff)
{
  /* running, or interrupted and not dismissed */
  if (sk_journal_job_get_end (job) == SK_JOURNAL_END_NONE && !sk_journal_job_get_dismissed (job))
    return TRUE;
  if (max_jobs > 0 && rank >= max_jobs)
    return FALSE;
  if (cutoff != NULL && g_date_time_compare (sk_journal_job_get_time (job), cutoff) < 0)
    return FALSE;
  return TRUE;
}

static void
sk_journal_dispose (GObject *object)
{
  SkJournal *self = (SkJournal *)object;

  GHashTableIter iter;
  gpointer value;

  if (self->fd >= 0 && self->n_unsynced > 0)
    fdatasync (self->fd);
  g_clear_handle_id (&self->sync_source, g_source_remove);

  /* Jobs still running end here without an end record: their locks go,
   * their lock files stay, so they read as interrupted. */
  g_hash_table_iter_init (&iter, self->job_locks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      close (GPOINTER_TO_INT (value) - 1);
      g_hash_table_iter_remove (&iter);
    }

  G_OBJECT_CLASS (sk_journal_parent_class)->dispose (object);
}

static void
sk_journal_finalize (GObject *object)
{
  SkJournal *self = (SkJournal *)object;

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_clear_error (&self->deferred_error);
  g_clear_pointer (&self->job_locks, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sk_journal_parent_class)->finalize (object);
}

static void
sk_journal_class_init (SkJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_journal_dispose;
  object_class->finalize = sk_journal_finalize;
}

static void
sk_journal_init (SkJournal *self)
{
  g_mutex_init (&self->mutex);
  self->fd = -1;
  self->job_locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

SkJournal *
sk_journal_new (GError **error)
{
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "storekeeper", NULL);

  return sk_journal_new_for_directory (directory, error);
}

SkJournal *
sk_journal_new_for_directory (const char  *directory,
                              GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (directory, JOURNAL_FILE_NAME, NULL);
  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_OPEN, errno, path);
      return NULL;
    }

  return sk_journal_new_for_path (path, error);
}

SkJournal *
sk_journal_new_for_path (const char  *path,
                         GError     **error)
{
  g_autoptr (SkJournal) self = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SK_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->fd = sk_journal_file_open (path, &self->needs_newline, error);
  if (self->fd < 0)
    return NULL;
  self->is_regular = fstat (self->fd, &st) == 0 && S_ISREG (st.st_mode);

  return g_steal_pointer (&self);
}

const char *
sk_journal_get_path (SkJournal *self)
{
  g_return_val_if_fail (SK_IS_JOURNAL (self), NULL);

  return self->path;
}

char *
sk_journal_begin (SkJournal               *self,
                  const char              *account,
                  SkJournalKind            kind,
                  SkJournalOrigin          origin,
                  const SkJournalItemSpec *items,
                  guint                    n_items,
                  GError                 **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *job_id = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (kind <= SK_JOURNAL_KIND_EXPIRY, NULL);
  g_return_val_if_fail (origin <= SK_JOURNAL_ORIGIN_LOCAL_API, NULL);
  g_return_val_if_fail (items != NULL || n_items == 0, NULL);
  g_return_val_if_fail (items_are_valid (items, n_items), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job_id = new_job_id ();

  /* The lock first: a reader that sees the intent sees the job running. */
  if (self->is_regular)
    {
      int lock = sk_journal_file_lock_job (self->path, job_id);

      if (lock >= 0)
        {
          g_mutex_lock (&self->mutex);
          g_hash_table_insert (self->job_locks, g_strdup (job_id), GINT_TO_POINTER (lock + 1));
          g_mutex_unlock (&self->mutex);
        }
      else
        g_debug ("Journal: no lock for job %s; it will look interrupted to others", job_id);
    }

  builder = begin_record ("intent", job_id);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, account != NULL ? account : "");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, sk_journal_kind_to_string (kind));
  json_builder_set_member_name (builder, "origin");
  json_builder_add_string_value (builder, sk_journal_origin_to_string (origin));
  add_items (builder, items, n_items);

  if (!finish_record (self, builder, TRUE, error))
    {
      release_job_lock (self, job_id);
      return NULL;
    }

  return g_steal_pointer (&job_id);
}

gboolean
sk_journal_add_items (SkJournal               *self,
                      const char              *job_id,
                      const SkJournalItemSpec *items,
                      guint                    n_items,
                      GError                 **error)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (items_are_valid (items, n_items), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  builder = begin_record ("items", job_id);
  add_items (builder, items, n_items);

  return finish_record (self, builder, TRUE, error);
}

gboolean
sk_journal_record_sent (SkJournal   *self,
                        const char  *job_id,
                        const char  *item_id,
                        GError     **error)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  builder = begin_record ("sent", job_id);
  json_builder_set_member_name (builder, "item");
  json_builder_add_string_value (builder, item_id);

  return finish_record (self, builder, FALSE, error);
}

gboolean
sk_journal_record_outcome (SkJournal   *self,
                           const char  *job_id,
                           const char  *item_id,
                           SkOutcome    outcome,
                           guint        status,
                           const char  *message,
                           GError     **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  const char *name;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (outcome)
    {
    case SK_OUTCOME_DELETED:
      name = "deleted";
      break;
    case SK_OUTCOME_FAILED:
      name = "failed";
      break;
    case SK_OUTCOME_CANCELLED:
      name = "cancelled";
      break;
    case SK_OUTCOME_PENDING:
    default:
      g_return_val_if_reached (FALSE);
    }

  builder = begin_record ("outcome", job_id);
  json_builder_set_member_name (builder, "item");
  json_builder_add_string_value (builder, item_id);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, name);
  if (outcome == SK_OUTCOME_FAILED)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, status);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, message != NULL ? message : "");
    }

  return finish_record (self, builder, FALSE, error);
}

gboolean
sk_journal_end (SkJournal     *self,
                const char    *job_id,
                SkJournalEnd   end,
                GError       **error)
{
  g_autoptr (JsonBuilder) builder = NULL;
  gboolean ok;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);
  g_return_val_if_fail (end != SK_JOURNAL_END_NONE && end <= SK_JOURNAL_END_ERROR, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  builder = begin_record ("end", job_id);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, sk_journal_end_to_string (end));

  /* The job is over even when its end could not be recorded. */
  ok = finish_record (self, builder, TRUE, error);
  release_job_lock (self, job_id);

  return ok;
}

gboolean
sk_journal_dismiss (SkJournal   *self,
                    const char  *job_id,
                    GError     **error)
{
  g_autoptr (JsonBuilder) builder = NULL;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (job_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  builder = begin_record ("dismiss", job_id);
  if (!finish_record (self, builder, TRUE, error))
    return FALSE;

  if (self->is_regular)
    sk_journal_file_remove_job_lock (self->path, job_id);

  return TRUE;
}

gboolean
sk_journal_sync (SkJournal  *self,
                 GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (self->deferred_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->deferred_error));
      ok = FALSE;
    }
  else
    ok = sync_locked (self, error);
  g_mutex_unlock (&self->mutex);

  return ok;
}

void
sk_journal_set_sync_each_record (SkJournal *self,
                                 gboolean   sync_each_record)
{
  g_return_if_fail (SK_IS_JOURNAL (self));

  g_mutex_lock (&self->mutex);
  self->sync_each_record = !!sync_each_record;
  g_mutex_unlock (&self->mutex);
}

GPtrArray *
sk_journal_load (SkJournal  *self,
                 GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GHashTable) free_ids = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  GPtrArray *again;
  gsize length = 0;

  g_return_val_if_fail (SK_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_contents (self, &length, error);
  if (contents == NULL)
    return NULL;

  jobs = sk_journal_parse (contents, length, NULL, FALSE);
  free_ids = check_locks (self, jobs);
  if (free_ids == NULL || !self->is_regular)
    return g_steal_pointer (&jobs);

  /* A job writes its end before it frees its lock, so a job whose lock was
   * free and that still has no end in a later reading was interrupted; one
   * that ended in between has its end there. Jobs whose lock was held (or
   * that began since) count as running. */
  g_clear_pointer (&contents, g_free);
  contents = read_contents (self, &length, error);
  if (contents == NULL)
    return NULL;

  again = sk_journal_parse (contents, length, NULL, TRUE);
  for (guint i = 0; i < again->len; i++)
    {
      SkJournalJob *job = g_ptr_array_index (again, i);

      if (sk_journal_job_get_end (job) == SK_JOURNAL_END_NONE)
        sk_journal_job_set_running (job, !g_hash_table_contains (free_ids,
                                                                 sk_journal_job_get_id (job)));
    }

  return again;
}

gboolean
sk_journal_compact (SkJournal  *self,
                    guint       max_jobs,
                    guint       max_days,
                    GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) cutoff = NULL;
  g_autoptr (GString) kept = NULL;
  g_autofree gboolean *keep = NULL;
  gboolean ok = TRUE;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (SK_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);

  if (!sk_journal_file_lock_exclusive (self->fd))
    {
      /* Another SkJournal has the file open (or locks are not supported). */
      relock_shared (self);
      g_mutex_unlock (&self->mutex);
      return TRUE;
    }

  contents = sk_journal_file_read (self->fd, self->path, &length, error);
  if (contents == NULL)
    {
      ok = FALSE;
      goto out;
    }

  lines = g_array_new (FALSE, FALSE, sizeof (SkJournalLine));
  jobs = sk_journal_parse (contents, length, lines, FALSE);

  now = g_date_time_new_now_utc ();
  if (max_days > 0)
    cutoff = g_date_time_add_days (now, -(int) MIN (max_days, 100000));

  keep = g_new0 (gboolean, MAX (jobs->len, 1));
  for (guint i = 0; i < jobs->len; i++)
    {
      SkJournalJob *job = g_ptr_array_index (jobs, i);

      keep[i] = keep_job (job, jobs->len - 1 - i, max_jobs, cutoff);
      if (!keep[i])
        sk_journal_file_remove_job_lock (self->path, sk_journal_job_get_id (job));
    }

  kept = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      SkJournalLine *line = &g_array_index (lines, SkJournalLine, i);

      if (line->job_index >= 0 && keep[line->job_index])
        g_string_append_len (kept, contents + line->start, line->length);
    }

  if (kept->len == length)
    goto out;  /* nothing to drop */

  fd = sk_journal_file_replace (self->path, kept->str, kept->len, error);
  if (fd < 0)
    {
      ok = FALSE;
      goto out;
    }

  close (self->fd);  /* releases the exclusive lock on the old file */
  self->fd = fd;
  self->needs_newline = FALSE;
  self->n_unsynced = 0;
  g_clear_handle_id (&self->sync_source, g_source_remove);
  g_mutex_unlock (&self->mutex);
  return TRUE;

out:
  relock_shared (self);
  g_mutex_unlock (&self->mutex);
  return ok;
}
