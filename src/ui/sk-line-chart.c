/* sk-line-chart.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sk-chart-bar.h"
#include "sk-line-chart.h"

/* A small line chart of a series of values (one a day), from 0 at the
 * bottom to the largest value at the top, drawn with GtkSnapshot in the
 * palette's first colour over a faint baseline. It draws only: its text
 * alternative is the caller's (a label and the accessible description). */

#define LINE_WIDTH 2.0

struct _SkLineChart
{
  GtkWidget  parent_instance;

  GArray    *values;   /* double */
};

G_DEFINE_FINAL_TYPE (SkLineChart, sk_line_chart, GTK_TYPE_WIDGET)

static void
sk_line_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SkLineChart *self = SK_LINE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double max = 0;
  GdkRGBA track;
  GdkRGBA color;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() needs GTK 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &track);
  track.alpha *= 0.2;
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, g_array_index (self->values, double, i));
  if (self->values->len == 0)
    return;

  sk_chart_get_color (0, &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->values->len; i++)
    {
      double x, y;

      sk_line_chart_point (i, self->values->len, g_array_index (self->values, double, i), max,
                           width - LINE_WIDTH, height - LINE_WIDTH, &x, &y);
      x += LINE_WIDTH / 2;
      y += LINE_WIDTH / 2;
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (self->values->len == 1)
    cairo_rel_line_to (cr, width - LINE_WIDTH, 0);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
sk_line_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 60 : 32;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 64;
}

static void
dark_changed_cb (SkLineChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sk_line_chart_finalize (GObject *object)
{
  SkLineChart *self = SK_LINE_CHART (object);

  g_array_unref (self->values);

  G_OBJECT_CLASS (sk_line_chart_parent_class)->finalize (object);
}

static void
sk_line_chart_class_init (SkLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sk_line_chart_finalize;
  widget_class->snapshot = sk_line_chart_snapshot;
  widget_class->measure = sk_line_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "sk-line-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sk_line_chart_init (SkLineChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sk_line_chart_new (void)
{
  return g_object_new (SK_TYPE_LINE_CHART, NULL);
}

/**
 * sk_line_chart_set_values:
 * @values: (array length=n_values): the series, oldest first
 *
 * Replaces the series drawn.
 */
void
sk_line_chart_set_values (SkLineChart  *self,
                          const double *values,
                          guint         n_values)
{
  g_return_if_fail (SK_IS_LINE_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  if (n_values > 0)
    g_array_append_vals (self->values, values, n_values);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sk_line_chart_get_n_values (SkLineChart *self)
{
  g_return_val_if_fail (SK_IS_LINE_CHART (self), 0);

  return self->values->len;
}

void
sk_line_chart_point (guint   i,
                     guint   n_values,
                     double  value,
                     double  max,
                     double  width,
                     double  height,
                     double *x,
                     double *y)
{
  *x = n_values > 1 ? width * i / (n_values - 1) : 0;
  *y = max > 0 ? height * (1 - CLAMP (value, 0, max) / max) : height;
}
