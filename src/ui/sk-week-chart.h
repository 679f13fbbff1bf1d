/* sk-week-chart.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sk-storage-summary.h"

G_BEGIN_DECLS

#define SK_TYPE_WEEK_CHART (sk_week_chart_get_type ())
G_DECLARE_FINAL_TYPE (SkWeekChart, sk_week_chart, SK, WEEK_CHART, GtkWidget)

GtkWidget *sk_week_chart_new          (void);
void       sk_week_chart_set_summary  (SkWeekChart      *self,
                                       SkStorageSummary *summary);
int        sk_week_chart_get_selected (SkWeekChart      *self);
void       sk_week_chart_select       (SkWeekChart      *self,
                                       int               week);
char      *sk_week_chart_describe     (SkWeekChart      *self,
                                       guint             week);

G_END_DECLS
