/* sk-history.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-history.h"

/* The retention settings, or their defaults when the schema is not
 * installed (a --serve run from a bare build) */
static void
read_retention (guint *max_jobs,
                guint *max_days)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  *max_jobs = SK_HISTORY_DEFAULT_MAX_JOBS;
  *max_days = SK_HISTORY_DEFAULT_MAX_DAYS;
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  *max_jobs = (guint) MAX (g_settings_get_int (settings, "history-max-jobs"), 0);
  *max_days = (guint) MAX (g_settings_get_int (settings, "history-max-days"), 0);
}

SkJournal *
sk_history_open_journal (GError **error)
{
  g_autoptr (SkJournal) journal = NULL;
  g_autoptr (GError) compact_error = NULL;
  guint max_jobs, max_days;

  journal = sk_journal_new (error);
  if (journal == NULL)
    return NULL;
  read_retention (&max_jobs, &max_days);
  /* the file stays as it is; it is compacted at the next start */
  if (!sk_journal_compact (journal, max_jobs, max_days, &compact_error))
    g_message ("The deletion history was not compacted: %s", compact_error->message);
  return g_steal_pointer (&journal);
}
