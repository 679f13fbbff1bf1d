/* sk-job-bar.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-bulk-delete.h"

G_BEGIN_DECLS

#define SK_TYPE_JOB_BAR (sk_job_bar_get_type ())
G_DECLARE_FINAL_TYPE (SkJobBar, sk_job_bar, SK, JOB_BAR, GtkWidget)

/* The progress of the running bulk job: "Deleting 340 of 2,000 files ·
 * 2 failed · about 12 s left", a progress bar and Cancel. Signal
 * "cancel-requested". Property "job" (SkBulkDelete, nullable). */

GtkWidget    *sk_job_bar_new             (void);
void          sk_job_bar_set_job         (SkJobBar     *self,
                                          SkBulkDelete *job);
SkBulkDelete *sk_job_bar_get_job         (SkJobBar     *self);
/* After Cancel: "Cancelling…", the button insensitive */
void          sk_job_bar_set_cancelling  (SkJobBar     *self,
                                          gboolean      cancelling);
const char   *sk_job_bar_get_text        (SkJobBar     *self);
double        sk_job_bar_get_fraction    (SkJobBar     *self);
GtkButton    *sk_job_bar_get_cancel_button (SkJobBar   *self);

/* The text of the bar, for a job of @kind (@eta < 0: unknown) */
char         *sk_job_bar_format          (SkBulkKind    kind,
                                          guint         n_done,
                                          guint         n_total,
                                          guint         n_failed,
                                          double        eta);

G_END_DECLS
