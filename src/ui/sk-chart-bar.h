/* sk-chart-bar.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SK_CHART_N_COLORS 10

void sk_chart_get_color (guint    index,
                         GdkRGBA *color);

#define SK_TYPE_CHART_BAR (sk_chart_bar_get_type ())
G_DECLARE_FINAL_TYPE (SkChartBar, sk_chart_bar, SK, CHART_BAR, GtkWidget)

GtkWidget *sk_chart_bar_new          (void);
void       sk_chart_bar_set_segments (SkChartBar   *self,
                                      const double *values,
                                      const guint  *colors,
                                      guint         n_values,
                                      double        max);

G_END_DECLS
