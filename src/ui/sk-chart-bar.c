/* sk-chart-bar.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "sk-chart-bar.h"

/* A horizontal bar of stacked segments, scaled to a maximum, drawn with
 * GtkSnapshot over a faint track. It is a picture beside a row that says
 * the same in words, so it is hidden from screen readers. */
struct _SkChartBar
{
  GtkWidget  parent_instance;

  GArray    *values;   /* double */
  GArray    *colors;   /* guint, an index of the palette */
  double     max;
};

G_DEFINE_FINAL_TYPE (SkChartBar, sk_chart_bar, GTK_TYPE_WIDGET)

/* Adwaita's palette (and a teal, a grey and a pink): a darker shade on light backgrounds, a lighter one on
 * dark backgrounds, so that each keeps its contrast. */
static const char * const palette_light[SK_CHART_N_COLORS] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#ff7800", "#9141ac", "#e01b24", "#986a44",
  "#2190a4", "#77767b", "#d6568c",
};
static const char * const palette_dark[SK_CHART_N_COLORS] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#c061cb", "#f66151", "#cdab8f",
  "#5bc8dc", "#c0bfbc", "#f3a0c2",
};

/**
 * sk_chart_get_color:
 * @index: a series; the palette repeats after %SK_CHART_N_COLORS
 * @color: (out): its color for the current light or dark style
 */
void
sk_chart_get_color (guint    index,
                    GdkRGBA *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gdk_rgba_parse (color, (dark ? palette_dark : palette_light)[index % SK_CHART_N_COLORS]);
}

static void
sk_chart_bar_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SkChartBar *self = SK_CHART_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRoundedRect clip;
  GdkRGBA track;
  double x = 0;

  if (width <= 0 || height <= 0)
    return;

  /* gtk_widget_get_color() needs GTK 4.10 */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &track);
  track.alpha *= 0.12;

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height), height / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->values->len && self->max > 0; i++)
    {
      double w = width * MAX (g_array_index (self->values, double, i), 0) / self->max;
      GdkRGBA color;

      w = MIN (w, width - x);
      if (w <= 0)
        continue;
      sk_chart_get_color (g_array_index (self->colors, guint, i), &color);
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, 0, w, height));
      x += w;
    }
  gtk_snapshot_pop (snapshot);
}

static void
sk_chart_bar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  /* as small as asked: callers give the size with gtk_widget_set_size_request() */
  *minimum = *natural = 8;
}

static void
dark_changed_cb (SkChartBar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sk_chart_bar_dispose (GObject *object)
{
  SkChartBar *self = SK_CHART_BAR (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (sk_chart_bar_parent_class)->dispose (object);
}

static void
sk_chart_bar_finalize (GObject *object)
{
  SkChartBar *self = SK_CHART_BAR (object);

  g_array_unref (self->values);
  g_array_unref (self->colors);

  G_OBJECT_CLASS (sk_chart_bar_parent_class)->finalize (object);
}

static void
sk_chart_bar_class_init (SkChartBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_chart_bar_dispose;
  object_class->finalize = sk_chart_bar_finalize;
  widget_class->snapshot = sk_chart_bar_snapshot;
  widget_class->measure = sk_chart_bar_measure;

  gtk_widget_class_set_css_name (widget_class, "sk-chart-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
sk_chart_bar_init (SkChartBar *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->colors = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sk_chart_bar_new (void)
{
  return g_object_new (SK_TYPE_CHART_BAR, NULL);
}

/**
 * sk_chart_bar_set_segments:
 * @self: the bar
 * @values: (array length=n_values): the segments, left to right
 * @colors: (array length=n_values): the palette index of each segment
 * @n_values: how many segments
 * @max: the value that fills the whole width
 */
void
sk_chart_bar_set_segments (SkChartBar   *self,
                           const double *values,
                           const guint  *colors,
                           guint         n_values,
                           double        max)
{
  g_return_if_fail (SK_IS_CHART_BAR (self));
  g_return_if_fail (n_values == 0 || (values != NULL && colors != NULL));

  g_array_set_size (self->values, 0);
  g_array_set_size (self->colors, 0);
  g_array_append_vals (self->values, values, n_values);
  g_array_append_vals (self->colors, colors, n_values);
  self->max = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
