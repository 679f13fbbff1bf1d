/* sk-journal-file.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The system calls under SkJournal: a journal file opened for appending
 * while holding a shared flock(), written with whole writes, read back,
 * and replaced atomically under an exclusive flock(). Errors are
 * G_IO_ERROR with a translated message naming the file and the operation. */

typedef enum
{
  SK_JOURNAL_FILE_OPEN,
  SK_JOURNAL_FILE_WRITE,
  SK_JOURNAL_FILE_READ,
  SK_JOURNAL_FILE_COMPACT,
} SkJournalFileOperation;

void      sk_journal_file_set_error      (GError                 **error,
                                          SkJournalFileOperation   operation,
                                          int                      saved_errno,
                                          const char              *path);
/* Opens (creates, 0600) @path for reading and appending and takes a shared
 * lock on it, waiting for a compaction in progress and opening the file
 * that replaced it if there was one; *@needs_newline tells whether the
 * file ends with a torn line. Returns the descriptor, or -1. */
int       sk_journal_file_open           (const char              *path,
                                          gboolean                *needs_newline,
                                          GError                 **error);
/* Writes all of @data; on failure *@partial tells whether some of it went. */
gboolean  sk_journal_file_write          (int                      fd,
                                          const char              *data,
                                          gsize                    length,
                                          gboolean                *partial);
/* fdatasync(), where the file supports it. */
gboolean  sk_journal_file_sync           (int                      fd,
                                          const char              *path,
                                          GError                 **error);
/* The whole contents, NUL-terminated (a regular file only). */
char     *sk_journal_file_read           (int                      fd,
                                          const char              *path,
                                          gsize                   *length,
                                          GError                 **error);
/* Trades the shared lock for an exclusive one, without waiting: FALSE when
 * another descriptor holds a lock on the file. */
gboolean  sk_journal_file_lock_exclusive (int                      fd);
/* Takes the shared lock back after sk_journal_file_lock_exclusive() (which
 * may have dropped it: meanwhile another writer may have replaced the
 * file). Returns the descriptor to use from now on: @fd, or a descriptor
 * of the file that replaced it (then @fd is closed). */
int       sk_journal_file_relock_shared  (int                      fd,
                                          const char              *path,
                                          gboolean                *needs_newline);
/* Writes @contents to a new file beside @path, syncs it, renames it over
 * @path and syncs the folder; returns a descriptor of the new file opened
 * as sk_journal_file_open() does, or -1 (then @path is untouched). */
int       sk_journal_file_replace        (const char              *path,
                                          const char              *contents,
                                          gsize                    length,
                                          GError                 **error);

/* Job locks: a running job holds an exclusive flock() on
 * "@path.running/JOB_ID" from before its intent is written until its end;
 * the kernel releases it when the process dies, so a job without an end
 * whose lock is free was interrupted, and one whose lock is held is still
 * running somewhere. @job_id must be a UUID (it names a file). */
/* Returns the descriptor holding the lock, or -1 when it could not be taken. */
int       sk_journal_file_lock_job       (const char              *path,
                                          const char              *job_id);
/* Releases the lock of a job that ended, and removes its file. */
void      sk_journal_file_unlock_job     (int                      fd,
                                          const char              *path,
                                          const char              *job_id);
/* TRUE when some process (this one included) holds the job's lock. */
gboolean  sk_journal_file_job_is_locked  (const char              *path,
                                          const char              *job_id);
/* Removes the lock file of a job nobody runs any more. */
void      sk_journal_file_remove_job_lock (const char             *path,
                                          const char              *job_id);

G_END_DECLS
