/* sk-journal-file.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journal file on disk. Every descriptor of it holds a shared flock()
 * for as long as it is open; replacing the file (compaction) needs the
 * exclusive lock, so it only happens while nobody else has the file open.
 * A descriptor that was waiting for its lock during a replacement finds
 * that the path now names another file (inode) and opens that one.
 */

#include "sk-journal-file.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static void
lock_fd (int fd,
         int operation)
{
  while (flock (fd, operation) < 0 && errno == EINTR)
    ;
}

static gboolean
same_file (const struct stat *a,
           const struct stat *b)
{
  return a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

void
sk_journal_file_set_error (GError                 **error,
                           SkJournalFileOperation   operation,
                           int                      saved_errno,
                           const char              *path)
{
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (operation)
    {
    case SK_JOURNAL_FILE_OPEN:
      /* Translators: the first %s is a file path, the second the system's reason */
      g_set_error (error, G_IO_ERROR, code, _("Could not open the deletion history “%s”: %s"),
                   path, reason);
      break;
    case SK_JOURNAL_FILE_WRITE:
      /* Translators: the first %s is a file path, the second the system's reason */
      g_set_error (error, G_IO_ERROR, code, _("Could not write to the deletion history “%s”: %s"),
                   path, reason);
      break;
    case SK_JOURNAL_FILE_READ:
      /* Translators: the first %s is a file path, the second the system's reason */
      g_set_error (error, G_IO_ERROR, code, _("Could not read the deletion history “%s”: %s"),
                   path, reason);
      break;
    case SK_JOURNAL_FILE_COMPACT:
    default:
      /* Translators: the first %s is a file path, the second the system's reason */
      g_set_error (error, G_IO_ERROR, code, _("Could not compact the deletion history “%s”: %s"),
                   path, reason);
      break;
    }
}

int
sk_journal_file_open (const char  *path,
                      gboolean    *needs_newline,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (needs_newline != NULL, -1);

  for (guint attempt = 0; attempt < 10; attempt++)
    {
      struct stat fd_stat, path_stat;
      char last = '\n';
      int fd;

      fd = open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          sk_journal_file_set_error (error, SK_JOURNAL_FILE_OPEN, errno, path);
          return -1;
        }

      lock_fd (fd, LOCK_SH);

      if (fstat (fd, &fd_stat) < 0)
        {
          int saved_errno = errno;

          close (fd);
          sk_journal_file_set_error (error, SK_JOURNAL_FILE_OPEN, saved_errno, path);
          return -1;
        }

      if (S_ISREG (fd_stat.st_mode))
        {
          /* A compaction may have replaced the file while we waited. */
          if (stat (path, &path_stat) < 0 || !same_file (&path_stat, &fd_stat))
            {
              close (fd);
              continue;
            }
          if ((fd_stat.st_mode & 0077) != 0)
            fchmod (fd, 0600);
          if (fd_stat.st_size > 0 && pread (fd, &last, 1, fd_stat.st_size - 1) != 1)
            last = '\n';
        }

      *needs_newline = last != '\n';
      return fd;
    }

  sk_journal_file_set_error (error, SK_JOURNAL_FILE_OPEN, EAGAIN, path);
  return -1;
}

gboolean
sk_journal_file_write (int          fd,
                       const char  *data,
                       gsize        length,
                       gboolean    *partial)
{
  gsize done = 0;

  g_return_val_if_fail (partial != NULL, FALSE);

  *partial = FALSE;
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          errno = EIO;
          return FALSE;
        }
      done += n;
      *partial = done < length;
    }

  return TRUE;
}

gboolean
sk_journal_file_sync (int          fd,
                      const char  *path,
                      GError     **error)
{
  /* EINVAL / EROFS: a file that cannot be synced (a device, a pipe). */
  if (fdatasync (fd) < 0 && errno != EINVAL && errno != EROFS)
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_WRITE, errno, path);
      return FALSE;
    }

  return TRUE;
}

char *
sk_journal_file_read (int          fd,
                      const char  *path,
                      gsize       *length,
                      GError     **error)
{
  struct stat st;
  g_autofree char *contents = NULL;
  gsize done = 0;

  g_return_val_if_fail (length != NULL, NULL);

  if (fstat (fd, &st) < 0)
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_READ, errno, path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_READ, EINVAL, path);
      return NULL;
    }

  contents = g_malloc (st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = pread (fd, contents + done, st.st_size - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          sk_journal_file_set_error (error, SK_JOURNAL_FILE_READ, errno, path);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  contents[done] = '\0';
  *length = done;

  return g_steal_pointer (&contents);
}

gboolean
sk_journal_file_lock_exclusive (int fd)
{
  int result;

  do
    result = flock (fd, LOCK_EX | LOCK_NB);
  while (result < 0 && errno == EINTR);

  if (result < 0)
    g_debug ("Journal: no exclusive lock (%s)", g_strerror (errno));

  return result == 0;
}

int
sk_journal_file_relock_shared (int          fd,
                               const char  *path,
                               gboolean    *needs_newline)
{
  struct stat fd_stat, path_stat;
  int new_fd;

  g_return_val_if_fail (path != NULL, fd);
  g_return_val_if_fail (needs_newline != NULL, fd);

  lock_fd (fd, LOCK_SH);

  if (fstat (fd, &fd_stat) < 0 || !S_ISREG (fd_stat.st_mode) ||
      stat (path, &path_stat) < 0 || same_file (&path_stat, &fd_stat))
    return fd;

  new_fd = sk_journal_file_open (path, needs_newline, NULL);
  if (new_fd < 0)
    return fd;

  close (fd);
  return new_fd;
}

int
sk_journal_file_replace (const char  *path,
                         const char  *contents,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  gboolean partial, needs_newline;
  int saved_errno;
  int tmp_fd, dir_fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (contents != NULL || length == 0, -1);

  tmp_fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (tmp_fd < 0)
    {
      sk_journal_file_set_error (error, SK_JOURNAL_FILE_COMPACT, errno, path);
      return -1;
    }

  if (!sk_journal_file_write (tmp_fd, contents, length, &partial) || fsync (tmp_fd) < 0)
    goto fail;
  if (close (tmp_fd) < 0)
    {
      tmp_fd = -1;
      goto fail;
    }
  tmp_fd = -1;

  if (rename (tmp_path, path) < 0)
    goto fail;

  /* Make the rename itself durable. */
  dir_fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return sk_journal_file_open (path, &needs_newline, error);

fail:
  saved_errno = errno;
  if (tmp_fd >= 0)
    close (tmp_fd);
  g_unlink (tmp_path);
  sk_journal_file_set_error (error, SK_JOURNAL_FILE_COMPACT, saved_errno, path);
  return -1;
}

static char *
job_lock_path (const char *path,
               const char *job_id)
{
  g_autofree char *directory = g_strconcat (path, ".running", NULL);

  if (!g_uuid_string_is_valid (job_id))
    return NULL;

  return g_build_filename (directory, job_id, NULL);
}

int
sk_journal_file_lock_job (const char *path,
                          const char *job_id)
{
  g_autofree char *lock_path = job_lock_path (path, job_id);
  g_autofree char *directory = NULL;
  int fd;

  if (lock_path == NULL)
    return -1;

  directory = g_path_get_dirname (lock_path);
  if (g_mkdir_with_parents (directory, 0700) < 0)
    return -1;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) < 0)
    {
      close (fd);
      return -1;
    }

  return fd;
}

void
sk_journal_file_unlock_job (int         fd,
                            const char *path,
                            const char *job_id)
{
  g_autofree char *lock_path = job_lock_path (path, job_id);

  /* Removed while still locked, so that no reader finds it free first. */
  if (lock_path != NULL)
    g_unlink (lock_path);
  close (fd);
}

gboolean
sk_journal_file_job_is_locked (const char *path,
                               const char *job_id)
{
  g_autofree char *lock_path = job_lock_path (path, job_id);
  gboolean locked;
  int fd;

  if (lock_path == NULL)
    return FALSE;

  fd = open (lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  locked = flock (fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
  close (fd);

  return locked;
}

void
sk_journal_file_remove_job_lock (const char *path,
                                 const char *job_id)
{
  g_autofree char *lock_path = job_lock_path (path, job_id);
  int fd;

  if (lock_path == NULL)
    return;

  fd = open (lock_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    g_unlink (lock_path);
  close (fd);
}
