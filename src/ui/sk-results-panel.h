/* sk-results-panel.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-bulk-delete.h"

G_BEGIN_DECLS

#define SK_TYPE_RESULTS_PANEL (sk_results_panel_get_type ())
G_DECLARE_FINAL_TYPE (SkResultsPanel, sk_results_panel, SK, RESULTS_PANEL, GtkWidget)

typedef enum
{
  SK_RESULTS_SHOW_ALL,
  SK_RESULTS_SHOW_FAILED,   /* everything not deleted: failed, cancelled */
  SK_RESULTS_SHOW_DELETED,
} SkResultsShow;

typedef enum
{
  SK_RESULTS_FORMAT_JSON,   /* the local API's {"success", "failed"} */
  SK_RESULTS_FORMAT_CSV,
} SkResultsFormat;

/* What a deletion did: a summary, the succeeded and failed items (each
 * failure with its reason and HTTP status, items the verification found
 * still listed flagged), a filter, Retry Failed, Copy and Save Report.
 * Signals "retry-requested" and "close-requested". Results of a change of
 * the expiry of vector stores (SK_BULK_STORE_EXPIRY) are worded for it:
 * "Expiry set", "Expiry cleared", "Failed: …". */

GtkWidget     *sk_results_panel_new             (void);
/* @results: SkBulkResult items; @names: ID -> name shown (nullable) */
void           sk_results_panel_set_results     (SkResultsPanel  *self,
                                                 GListModel      *results,
                                                 GHashTable      *names,
                                                 const char      *summary);
GListModel    *sk_results_panel_get_results     (SkResultsPanel  *self);
/* the rows shown, after the filter */
GListModel    *sk_results_panel_get_shown       (SkResultsPanel  *self);
void           sk_results_panel_set_show        (SkResultsPanel  *self,
                                                 SkResultsShow    show);
void           sk_results_panel_set_filter_text (SkResultsPanel  *self,
                                                 const char      *text);
guint          sk_results_panel_get_n_deleted   (SkResultsPanel  *self);
guint          sk_results_panel_get_n_failed    (SkResultsPanel  *self);
guint          sk_results_panel_get_n_still_present (SkResultsPanel *self);
const char    *sk_results_panel_get_summary     (SkResultsPanel  *self);
/* "Deletion Results", or "Expiry Results" */
const char    *sk_results_panel_get_title       (SkResultsPanel  *self);
/* FALSE: Retry Failed is hidden (nothing can be retried from here) */
void           sk_results_panel_set_retry_enabled (SkResultsPanel *self,
                                                 gboolean         enabled);
/* The report of every result (not only the filtered ones) */
char          *sk_results_panel_dup_report      (SkResultsPanel  *self,
                                                 SkResultsFormat  format);
void           sk_results_panel_save_async      (SkResultsPanel  *self,
                                                 GFile           *file,
                                                 SkResultsFormat  format,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean       sk_results_panel_save_finish     (SkResultsPanel  *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);
/* The text Copy puts on the clipboard: the shown rows as CSV */
char          *sk_results_panel_dup_copy_text   (SkResultsPanel  *self);
/* One line describing @result, as the panel shows it */
char          *sk_results_panel_describe        (SkBulkResult    *result);

G_END_DECLS
