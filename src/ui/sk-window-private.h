/* sk-window-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests of the deletion UI look at and drive.
 */

#pragma once

#include "sk-job-bar.h"
#include "sk-results-panel.h"
#include "sk-window.h"

G_BEGIN_DECLS

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
