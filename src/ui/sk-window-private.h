/* sk-window-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's insides, shared with its actions (sk-window-actions.c), and
 * what the tests of the deletion UI look at and drive.
 */

#pragma once

#include "sk-cleanup-rule.h"
#include "sk-delete-files-dialog.h"
#include "sk-deletion.h"
#include "sk-job-bar.h"
#include "sk-overview-page.h"
#include "sk-paged-list.h"
#include "sk-results-panel.h"
#include "sk-welcome-page.h"
#include "sk-window.h"

G_BEGIN_DECLS

struct _SkWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *back_button;
  GtkButton            *refresh_button;
  GtkToggleButton      *search_button;
  GtkLabel             *account_label;
  GtkStack             *main_stack;
  SkWelcomePage        *welcome_page;
  AdwViewStack         *view_stack;
  GtkStack             *stores_stack;
  SkStoresPage         *stores_page;
  SkStoreFilesPage     *store_files_page;
  SkFilesPage          *files_page;
  SkOverviewPage       *overview_page;
  GtkRevealer          *job_revealer;
  GtkBox               *job_slot;
  GtkRevealer          *results_revealer;
  GtkBox               *results_slot;

  GSettings            *settings;
  SkAccount            *account;
  SkPagedList          *files;
  SkPagedList          *stores;
  SkOrphanFinder       *orphan_finder;
  GCancellable         *cancellable;
  GHashTable           *files_by_id;
  GBinding             *search_binding;
  gboolean              usage_ready;
  /* Batches and fine-tuning jobs: where each file is used */
  SkUsageIndex         *usage_index;
  guint                 usage_generation;
  gboolean              jobs_ready;
  /* Expiry of the selected stores: the dialog on screen (weak), requests running */
  AdwMessageDialog     *expiry_dialog;
  AdwMessageDialog     *uses_dialog;
  gboolean              expiry_pending;
  /* The cleanup rules dialog on screen (weak) */
  GtkWindow            *rules_dialog;

  /* Deletion: the controller of the account, and how the window shows it */
  SkDeletion           *deletion;
  /* a deletion of the previous account, still running after a switch */
  SkDeletion           *background_deletion;
  GBinding             *job_binding;
  SkJobBar             *job_bar;
  SkResultsPanel       *results_panel;
  AdwMessageDialog     *dialog;          /* weak: the confirmation on screen */
  AdwToast             *undo_toast;      /* weak */
  char                 *last_toast;
  guint                 max_in_flight;
};

/* sk-window-actions.c */
void              _sk_window_class_actions_init (GtkWidgetClass *widget_class);
/* sk-window-pages.c */
SkListPage       *_sk_window_get_current_page   (SkWindow   *self);
/* sk-window-overview.c */
void              _sk_window_overview_init      (SkWindow   *self);
void              _sk_window_update_overview    (SkWindow   *self);
/* sk-window-usage.c */
void              _sk_window_clear_usage        (SkWindow   *self);
void              _sk_window_load_usage         (SkWindow   *self,
                                                 SkOrphanFinder *finder);
char            **_sk_window_usage_mark_busy    (SkWindow   *self,
                                                 SkDeleteFilesDialog *dialog,
                                                 GPtrArray  *ids);
char            **_sk_window_usage_leave_out    (SkWindow   *self,
                                                 const char * const *ids,
                                                 const char * const *busy);
/* sk-window-expiry.c */
void              _sk_window_set_expiry_selected (SkWindow  *self);
void              _sk_window_show_uses_selected (SkWindow  *self);
/* sk-window-rules.c */
void              _sk_window_show_rules         (SkWindow   *self);
guint             _sk_window_preview_rule       (SkWindow   *self,
                                                 const SkCleanupRule *rule);
/* sk-window-deletion.c */
void              _sk_window_deletion_init      (SkWindow   *self);
void              _sk_window_set_deletion       (SkWindow   *self,
                                                 SkAccount  *account);
SkDeletion       *_sk_window_prepare_deletion   (SkWindow   *self);
void              _sk_window_show_message       (SkWindow   *self,
                                                 const char *message);
gboolean          _sk_window_files_complete     (SkWindow   *self);
void              _sk_window_rebuild_files_by_id (SkWindow  *self);

/* Where each file is used (batches, jobs, stores), or NULL while unknown */
SkUsageIndex     *sk_window_get_usage_index     (SkWindow   *self);
/* TRUE once the batches and jobs were listed (or failed to be) */
gboolean          sk_window_get_jobs_ready      (SkWindow   *self);
/* The expiry dialog on screen, or NULL; TRUE while its requests run */
AdwMessageDialog *sk_window_get_expiry_dialog   (SkWindow   *self);
AdwMessageDialog *sk_window_get_uses_dialog     (SkWindow   *self);
gboolean          sk_window_get_expiry_pending  (SkWindow   *self);
/* The cleanup rules dialog on screen, or NULL */
GtkWindow        *sk_window_get_rules_dialog    (SkWindow   *self);
/* TRUE while a rule's preview waits to select its rows */
gboolean          sk_window_get_preview_pending (SkWindow   *self);
/* The deletion controller of the account, or NULL */
SkDeletion       *sk_window_get_deletion        (SkWindow   *self);
/* The confirmation dialog on screen, or NULL */
AdwMessageDialog *sk_window_get_delete_dialog   (SkWindow   *self);
/* TRUE from the confirmation until the results are shown */
gboolean          sk_window_get_job_running     (SkWindow   *self);
SkJobBar         *sk_window_get_job_bar         (SkWindow   *self);
SkResultsPanel   *sk_window_get_results_panel   (SkWindow   *self);
gboolean          sk_window_get_results_revealed (SkWindow  *self);
/* The text of the last toast shown */
const char       *sk_window_get_last_toast      (SkWindow   *self);
/* The toast offering Undo after a detach, while it is shown */
AdwToast         *sk_window_get_undo_toast      (SkWindow   *self);
/* Attach requests of an Undo still running */
guint             sk_window_get_n_undo_pending  (SkWindow   *self);
void              sk_window_cancel_job          (SkWindow   *self);
void              sk_window_retry_failed        (SkWindow   *self);
void              sk_window_detach_selected     (SkWindow   *self);
/* Bulk requests at once for the next jobs (0: the "max-in-flight" setting) */
void              sk_window_set_max_in_flight   (SkWindow   *self,
                                                 guint       max_in_flight);

G_END_DECLS
