/* journal-test-utils.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "journal-test-utils.h"

#include <glib/gstdio.h>

#include <stdio.h>

char *
jt_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("sk-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
jt_remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        jt_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
jt_read_text (const char *path,
              gsize      *length)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Replaces the file's contents (no sync: the tests need no durability) */
void
jt_write_text (const char *path,
               const char *text,
               gsize       length)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (text, 1, length, file), ==, length);
  g_assert_cmpint (fclose (file), ==, 0);
}

void
jt_append_text (const char *path,
                const char *text)
{
  FILE *file = fopen (path, "a");

  g_assert_nonnull (file);
  fputs (text, file);
  fclose (file);
}

guint
jt_count_lines (const char *path)
{
  g_autofree char *text = jt_read_text (path, NULL);
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* Lines holding a record (an empty line between records is skipped by the
 * reader: a writer opening the file while another process's record is
 * half way into the page cache can see it unfinished and start afresh) */
guint
jt_count_records (const char *path)
{
  g_autofree char *text = jt_read_text (path, NULL);
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n' && p != text && p[-1] != '\n';
  return n;
}

SkJournal *
jt_open (const char *dir)
{
  g_autoptr (GError) error = NULL;
  SkJournal *journal = sk_journal_new_for_directory (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

GPtrArray *
jt_load (SkJournal *journal)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *jobs = sk_journal_load (journal, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  return jobs;
}

GPtrArray *
jt_load_path (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = sk_journal_new_for_path (path, &error);

  g_assert_no_error (error);
  return jt_load (journal);
}

const SkJournalItemSpec jt_three_items[3] = {
  { "file-a", "a.txt", 100, NULL },
  { "file-b", "b.pdf", 2000, NULL },
  { "file-c", NULL, 0, NULL },
};

char *
jt_begin_three (SkJournal *journal)
{
  g_autoptr (GError) error = NULL;
  char *job_id = sk_journal_begin (journal, "Work account", SK_JOURNAL_KIND_FILES,
                                   SK_JOURNAL_ORIGIN_WINDOW, jt_three_items, 3, &error);

  g_assert_no_error (error);
  g_assert_nonnull (job_id);
  return job_id;
}

void
jt_outcome (SkJournal  *journal,
            const char *job_id,
            const char *item_id,
            SkOutcome   value,
            guint       status,
            const char *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sk_journal_record_outcome (journal, job_id, item_id, value, status, message,
                                            &error));
  g_assert_no_error (error);
}

void
jt_sent (SkJournal  *journal,
         const char *job_id,
         const char *item_id)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sk_journal_record_sent (journal, job_id, item_id, &error));
  g_assert_no_error (error);
}

void
jt_end (SkJournal    *journal,
        const char   *job_id,
        SkJournalEnd  how)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sk_journal_end (journal, job_id, how, &error));
  g_assert_no_error (error);
}

void
jt_assert_state (SkJournalJob       *job,
                 const char         *item_id,
                 SkJournalItemState  state)
{
  SkJournalItem *item = sk_journal_job_lookup_item (job, item_id);

  g_assert_nonnull (item);
  g_assert_cmpint (sk_journal_item_get_state (item), ==, state);
}


SkJournalJob *
jt_find_job (GPtrArray  *jobs,
             const char *job_id)
{
  for (guint i = 0; i < jobs->len; i++)
    if (g_strcmp0 (sk_journal_job_get_id (g_ptr_array_index (jobs, i)), job_id) == 0)
      return g_ptr_array_index (jobs, i);
  return NULL;
}

gboolean
jt_has_job (GPtrArray  *jobs,
            const char *job_id)
{
  return jt_find_job (jobs, job_id) != NULL;
}
