/* sk-journal-reader.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One complete line of the journal file. */
typedef struct
{
  gsize start;      /* offset of its first byte */
  gsize length;     /* its length, newline included */
  int   job_index;  /* index of its job in the parsed jobs; -1: none (corrupt,
                     * empty, or naming no known job) */
} SkJournalLine;

/* Parses the text of a journal file into its jobs (GPtrArray of
 * SkJournalJob, transfer full), in the order of their intent records.
 *
 * Never fails: a last line without its newline is a record whose write did
 * not complete (torn): ignored; an invalid last complete line is ignored;
 * an invalid line anywhere else is skipped with a g_message; a record of a
 * type this version does not know is ignored (but stays attached to its
 * job in @lines); records naming no known job are ignored.
 *
 * @lines (nullable, GArray of SkJournalLine): receives every complete line.
 * @quiet: no g_message (a second reading of lines already reported). */
GPtrArray *sk_journal_parse (const char *contents,
                             gsize       length,
                             GArray     *lines,
                             gboolean    quiet);

G_END_DECLS
