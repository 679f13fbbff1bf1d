/* sk-deletion-summary.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-deletion-summary.h"

#include "sk-bulk-delete.h"

void
sk_deletion_count (GListModel       *results,
                   SkDeletionCounts *counts)
{
  guint n;

  g_return_if_fail (G_IS_LIST_MODEL (results));
  g_return_if_fail (counts != NULL);

  *counts = (SkDeletionCounts) { 0, };
  n = g_list_model_get_n_items (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (results, i);

      switch (sk_bulk_result_get_outcome (result))
        {
        case SK_OUTCOME_DELETED:
          if (sk_bulk_result_get_still_present (result))
            counts->n_still_present++;
          switch (sk_bulk_result_get_kind (result))
            {
            case SK_BULK_DELETE_FILES: counts->n_files++; break;
            case SK_BULK_DELETE_VECTOR_STORES: counts->n_stores++; break;
            case SK_BULK_DETACH_FILES: counts->n_detached++; break;
            case SK_BULK_STORE_EXPIRY: counts->n_expiry++; break;
            default: break;
            }
          break;
        case SK_OUTCOME_CANCELLED:
        case SK_OUTCOME_PENDING:
          counts->n_cancelled++;
          break;
        case SK_OUTCOME_FAILED:
        default:
          counts->n_failed++;
          break;
        }
    }
}

char *
sk_deletion_summarize (const SkDeletionCounts *counts,
                       const char             *store_name)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->n_stores > 0 && counts->n_files > 0)
    {
      g_autofree char *stores = g_strdup_printf (ngettext ("%'u vector store", "%'u vector stores",
                                                           counts->n_stores),
                                                 counts->n_stores);
      g_autofree char *files = g_strdup_printf (ngettext ("%'u file", "%'u files", counts->n_files),
                                                counts->n_files);

      /* Translators: "Deleted 3 vector stores and 12 files" */
      g_string_printf (text, _("Deleted %s and %s"), stores, files);
    }
  else if (counts->n_stores > 0)
    g_string_printf (text, ngettext ("Deleted %'u vector store", "Deleted %'u vector stores", counts->n_stores),
                     counts->n_stores);
  else if (counts->n_files > 0)
    g_string_printf (text, ngettext ("Deleted %'u file", "Deleted %'u files", counts->n_files), counts->n_files);
  else if (counts->n_detached > 0)
    /* Translators: "Removed 3 files from “Alpha”" (a vector store) */
    g_string_printf (text, ngettext ("Removed %'u file from “%s”", "Removed %'u files from “%s”",
                                     counts->n_detached),
                     counts->n_detached, store_name ? store_name : "");
  else
    g_string_assign (text, _("Nothing was deleted"));

  if (counts->n_failed > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 1,998 files · 2 failed" */
      g_string_append_printf (text, ngettext ("%'u failed", "%'u failed", counts->n_failed), counts->n_failed);
    }
  if (counts->n_cancelled > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 340 files · 1,660 not tried (cancelled)" */
      g_string_append_printf (text, ngettext ("%'u not tried (cancelled)", "%'u not tried (cancelled)",
                                              counts->n_cancelled), counts->n_cancelled);
    }
  if (counts->n_still_present > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 20 files · 1 still listed by the server" */
      g_string_append_printf (text, ngettext ("%'u still listed by the server",
                                              "%'u still listed by the server", counts->n_still_present),
                              counts->n_still_present);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
sk_deletion_summarize_expiry (const SkDeletionCounts *counts,
                              guint                   days)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (counts != NULL, NULL);

  if (counts->n_expiry > 0 && days > 0)
    g_string_printf (text, ngettext ("%'u vector store now expires after %'u days without activity",
                                     "%'u vector stores now expire after %'u days without activity",
                                     counts->n_expiry),
                     counts->n_expiry, days);
  else if (counts->n_expiry > 0)
    g_string_printf (text, ngettext ("%'u vector store no longer expires",
                                     "%'u vector stores no longer expire", counts->n_expiry),
                     counts->n_expiry);
  else
    g_string_assign (text, _("No expiry was changed"));

  if (counts->n_failed > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleted 1,998 files · 2 failed" */
      g_string_append_printf (text, ngettext ("%'u failed", "%'u failed", counts->n_failed), counts->n_failed);
    }
  if (counts->n_cancelled > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "10 vector stores no longer expire · 30 not changed (cancelled)" */
      g_string_append_printf (text, ngettext ("%'u not changed (cancelled)", "%'u not changed (cancelled)",
                                              counts->n_cancelled), counts->n_cancelled);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
