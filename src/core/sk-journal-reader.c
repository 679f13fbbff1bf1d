/* sk-journal-reader.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the journal: one JSON object per line, each with a "type" and a
 * "job" member; the lines of one job in the order they were appended (the
 * lines of several jobs may interleave). See sk-journal.c for the records.
 */

#include "sk-journal-reader.h"

#include "sk-journal-job-private.h"

#include <string.h>

typedef struct
{
  GPtrArray  *jobs;
  GHashTable *index;   /* job id → index + 1 in jobs */
  JsonParser *parser;
} Reader;

static int
find_job (Reader     *reader,
          const char *job_id)
{
  gpointer value;

  if (job_id == NULL)
    return -1;
  value = g_hash_table_lookup (reader->index, job_id);
  return value == NULL ? -1 : GPOINTER_TO_INT (value) - 1;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Applies one record; returns the index of its job, or -1. *why is set
 * when the record is malformed. */
static int
apply_record (Reader      *reader,
              JsonObject  *record,
              char       **why)
{
  const char *type = get_string (record, "type");
  const char *job_id = get_string (record, "job");
  SkJournalJob *job;
  int index;

  if (type == NULL || job_id == NULL)
    {
      *why = g_strdup ("a record without type or job");
      return -1;
    }

  index = find_job (reader, job_id);

  if (strcmp (type, "intent") == 0)
    {
      SkJournalJob *new_job;

      if (index >= 0)
        {
          *why = g_strdup_printf ("a second intent for job %s", job_id);
          return -1;
        }
      new_job = sk_journal_job_new_from_intent (record, why);
      if (new_job == NULL)
        return -1;
      g_ptr_array_add (reader->jobs, new_job);
      g_hash_table_insert (reader->index, g_strdup (job_id),
                           GINT_TO_POINTER (reader->jobs->len));
      return reader->jobs->len - 1;
    }

  if (index < 0)
    {
      g_debug ("Journal: a %s record names job %s, which has no intent", type, job_id);
      return -1;
    }
  job = g_ptr_array_index (reader->jobs, index);

  if (strcmp (type, "sent") == 0)
    sk_journal_job_apply_sent (job, record, why);
  else if (strcmp (type, "outcome") == 0)
    sk_journal_job_apply_outcome (job, record, why);
  else if (strcmp (type, "items") == 0)
    sk_journal_job_apply_items (job, record, why);
  else if (strcmp (type, "end") == 0)
    sk_journal_job_apply_end (job, record, why);
  else if (strcmp (type, "dismiss") == 0)
    sk_journal_job_apply_dismiss (job);
  /* any other type: written by a newer version, ignored */

  return index;
}

GPtrArray *
sk_journal_parse (const char *contents,
                  gsize       length,
                  GArray     *lines,
                  gboolean    quiet)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Reader reader = { g_ptr_array_new_with_free_func (g_object_unref), index, parser };
  gsize last_complete_end = 0;
  gsize pos = 0;
  guint line_number = 0;

  g_return_val_if_fail (contents != NULL || length == 0, NULL);

  /* The end of the last complete line: what follows it was torn. */
  for (gsize i = length; i > 0; i--)
    if (contents[i - 1] == '\n')
      {
        last_complete_end = i;
        break;
      }
  if (last_complete_end < length)
    g_debug ("Journal: ignoring a torn last line (%" G_GSIZE_FORMAT " bytes without a newline)",
             length - last_complete_end);

  while (pos < last_complete_end)
    {
      const char *start = contents + pos;
      const char *newline = memchr (start, '\n', last_complete_end - pos);
      gsize line_length = newline - start + 1;
      gboolean is_last = pos + line_length == last_complete_end;
      SkJournalLine line = { pos, line_length, -1 };
      g_autoptr (GError) error = NULL;
      g_autofree char *why = NULL;

      line_number++;
      pos += line_length;

      if (line_length == 1)
        goto next;

      if (!json_parser_load_from_data (parser, start, line_length - 1, &error) ||
          json_parser_get_root (parser) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          if (is_last || quiet)
            g_debug ("Journal: ignoring invalid line %u", line_number);
          else
            g_message ("Journal: skipping line %u, which is not a JSON object", line_number);
          goto next;
        }

      line.job_index = apply_record (&reader, json_node_get_object (json_parser_get_root (parser)),
                                     &why);
      if (why != NULL && !quiet)
        g_message ("Journal: line %u: %s", line_number, why);

    next:
      if (lines != NULL)
        g_array_append_val (lines, line);
    }

  return reader.jobs;
}
