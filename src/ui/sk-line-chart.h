/* sk-line-chart.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SK_TYPE_LINE_CHART (sk_line_chart_get_type ())
G_DECLARE_FINAL_TYPE (SkLineChart, sk_line_chart, SK, LINE_CHART, GtkWidget)

GtkWidget *sk_line_chart_new        (void);
void       sk_line_chart_set_values (SkLineChart  *self,
                                     const double *values,
                                     guint         n_values);
guint      sk_line_chart_get_n_values (SkLineChart *self);

/* Where value @i of @n_values (scaled to @max) lands in a @width x
 * @height area: x from 0 to @width, y from @height (0) to 0 (@max). */
void       sk_line_chart_point      (guint         i,
                                     guint         n_values,
                                     double        value,
                                     double        max,
                                     double        width,
                                     double        height,
                                     double       *x,
                                     double       *y);

G_END_DECLS
