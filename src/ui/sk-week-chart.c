/* sk-week-chart.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-chart-bar.h"
#include "sk-week-chart.h"

/* Files created per week over the last year: one column a week, stacked by
 * purpose in the colors of the purpose list. One focusable widget: the
 * arrow keys, Home and End move between weeks, the pointer shows a week on
 * hover, and Enter or a click emits "week-activated" with the purpose of
 * the segment (the week's largest one from the keyboard). The selected
 * week's text is the widget's accessible description and tooltip. */
struct _SkWeekChart
{
  GtkWidget         parent_instance;

  SkStorageSummary *summary;
  int               selected;     /* -1: none */
};

G_DEFINE_FINAL_TYPE (SkWeekChart, sk_week_chart, GTK_TYPE_WIDGET)

enum {
  WEEK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define GAP 2.0

static guint
week_total (SkWeekChart *self,
            guint        week)
{
  GPtrArray *purposes = sk_storage_summary_get_purposes (self->summary);
  guint total = 0;

  for (guint p = 0; p < purposes->len; p++)
    total += sk_storage_summary_get_week_count (self->summary, week, p);
  return total;
}

/**
 * sk_week_chart_describe:
 * @self: the chart
 * @week: a week, 0 to %SK_SUMMARY_WEEKS - 1
 *
 * Returns: (transfer full): the week in words, as a tooltip and a screen
 *   reader say it
 */
char *
sk_week_chart_describe (SkWeekChart *self,
                        guint        week)
{
  g_autoptr (GDateTime) start = NULL;
  g_autofree char *date = NULL;
  g_autoptr (GString) parts = g_string_new (NULL);
  GPtrArray *purposes;
  guint total;

  g_return_val_if_fail (SK_IS_WEEK_CHART (self), NULL);
  g_return_val_if_fail (self->summary != NULL && week < SK_SUMMARY_WEEKS, NULL);

  purposes = sk_storage_summary_get_purposes (self->summary);
  start = g_date_time_new_from_unix_local (sk_storage_summary_get_week_start (self->summary, week));
  /* Translators: a date as in "Week of 3 Nov 2026"; see g_date_time_format() */
  date = g_date_time_format (start, _("%-d %b %Y"));
  total = week_total (self, week);

  for (guint p = 0; p < purposes->len; p++)
    {
      guint n = sk_storage_summary_get_week_count (self->summary, week, p);
      SkPurposeTotal *purpose = g_ptr_array_index (purposes, p);

      if (n == 0)
        continue;
      if (parts->len > 0)
        g_string_append (parts, ", ");
      g_string_append_printf (parts, "%u %s", n, purpose->purpose);
    }

  if (total == 0)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Week of %s: no file created"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s is a date, %u a count, then the
                                        * count of each purpose, e.g. "3 batch, 1 assistants" */
                                       "Week of %s: %u file created (%s)",
                                       "Week of %s: %u files created (%s)", total),
                          date, total, parts->str);
}

static void
update_description (SkWeekChart *self)
{
  g_autofree char *text = NULL;

  if (self->summary != NULL && self->selected >= 0)
    text = sk_week_chart_describe (self, self->selected);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "",
                                  -1);
}

static double
column_width (SkWeekChart *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self)) / (double) SK_SUMMARY_WEEKS;
}

static int
week_at (SkWeekChart *self,
         double       x)
{
  double w = column_width (self);

  if (w <= 0)
    return -1;
  return CLAMP ((int) (x / w), 0, SK_SUMMARY_WEEKS - 1);
}

/* The purpose index under (x, y), or the week's largest one */
static int
purpose_at (SkWeekChart *self,
            guint        week,
            double       y)
{
  GPtrArray *purposes = sk_storage_summary_get_purposes (self->summary);
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  guint max = sk_storage_summary_get_max_week (self->summary);
  double bottom = height;
  int largest = -1;
  guint largest_n = 0;

  for (guint p = 0; p < purposes->len && max > 0; p++)
    {
      guint n = sk_storage_summary_get_week_count (self->summary, week, p);
      double h = height * n / max;

      if (n > largest_n)
        {
          largest = p;
          largest_n = n;
        }
      if (y >= 0 && n > 0 && y >= bottom - h && y <= bottom)
        return p;
      bottom -= h;
    }
  return largest;
}

static void
activate_week (SkWeekChart *self,
               guint        week,
               double       y)
{
  GPtrArray *purposes = sk_storage_summary_get_purposes (self->summary);
  int p = purpose_at (self, week, y);

  if (p < 0)
    return;
  g_signal_emit (self, signals[WEEK_ACTIVATED], 0, week,
                 ((SkPurposeTotal *) g_ptr_array_index (purposes, p))->purpose);
}

static void
sk_week_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SkWeekChart *self = SK_WEEK_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double w = column_width (self);
  GPtrArray *purposes;
  GdkRGBA fg, axis;
  guint max;

  if (self->summary == NULL || width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  axis = fg;
  axis.alpha *= 0.25;
  gtk_snapshot_append_color (snapshot, &axis, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  purposes = sk_storage_summary_get_purposes (self->summary);
  max = sk_storage_summary_get_max_week (self->summary);
  for (guint week = 0; week < SK_SUMMARY_WEEKS && max > 0; week++)
    {
      double x = week * w + GAP / 2;
      double bottom = height;

      for (guint p = 0; p < purposes->len; p++)
        {
          guint n = sk_storage_summary_get_week_count (self->summary, week, p);
          double h = height * n / max;
          GdkRGBA color;

          if (n == 0)
            continue;
          sk_chart_get_color (p, &color);
          gtk_snapshot_append_color (snapshot, &color,
                                     &GRAPHENE_RECT_INIT (x, bottom - h, MAX (w - GAP, 1), h));
          bottom -= h;
        }
    }

  if (self->selected >= 0)
    {
      GskRoundedRect outline;
      GdkRGBA colors[4] = { fg, fg, fg, fg };
      float widths[4] = { 1, 1, 1, 1 };

      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (self->selected * w, 0, MAX (w, 2), height),
                                       2);
      if (!gtk_widget_has_focus (widget))
        for (guint i = 0; i < 4; i++)
          colors[i].alpha *= 0.4;
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
sk_week_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = SK_SUMMARY_WEEKS * 4;
      *natural = SK_SUMMARY_WEEKS * 10;
    }
  else
    {
      *minimum = *natural = 120;
    }
}

static gboolean
key_pressed_cb (SkWeekChart     *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  int week = self->selected < 0 ? SK_SUMMARY_WEEKS - 1 : self->selected;

  if (self->summary == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      week = MAX (week - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      week = MIN (week + 1, SK_SUMMARY_WEEKS - 1);
      break;
    case GDK_KEY_Home:
      week = 0;
      break;
    case GDK_KEY_End:
      week = SK_SUMMARY_WEEKS - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_week (self, week, -1);
      return TRUE;
    default:
      return FALSE;
    }
  sk_week_chart_select (self, week);
  return TRUE;
}

static void
motion_cb (SkWeekChart *self,
           double       x,
           double       y)
{
  if (self->summary != NULL)
    sk_week_chart_select (self, week_at (self, x));
}

static void
released_cb (SkWeekChart *self,
             int          n_press,
             double       x,
             double       y)
{
  int week = week_at (self, x);

  if (self->summary == NULL || week < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  sk_week_chart_select (self, week);
  activate_week (self, week, y);
}

static void
focus_changed_cb (SkWeekChart *self)
{
  if (self->selected < 0 && self->summary != NULL)
    sk_week_chart_select (self, SK_SUMMARY_WEEKS - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sk_week_chart_dispose (GObject *object)
{
  SkWeekChart *self = SK_WEEK_CHART (object);

  g_clear_object (&self->summary);

  G_OBJECT_CLASS (sk_week_chart_parent_class)->dispose (object);
}

static void
sk_week_chart_class_init (SkWeekChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_week_chart_dispose;
  widget_class->snapshot = sk_week_chart_snapshot;
  widget_class->measure = sk_week_chart_measure;

  /**
   * SkWeekChart::week-activated:
   * @self: the chart
   * @week: the week, 0 (a year ago) to 51 (the last seven days)
   * @purpose: the purpose of the segment clicked, or the week's largest
   *
   * A week was clicked or chosen with Enter.
   */
  signals[WEEK_ACTIVATED] =
    g_signal_new ("week-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "sk-week-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sk_week_chart_init (SkWeekChart *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Files created per week over the last year"),
                                  -1);
}

GtkWidget *
sk_week_chart_new (void)
{
  return g_object_new (SK_TYPE_WEEK_CHART, NULL);
}

void
sk_week_chart_set_summary (SkWeekChart      *self,
                           SkStorageSummary *summary)
{
  g_return_if_fail (SK_IS_WEEK_CHART (self));
  g_return_if_fail (summary == NULL || SK_IS_STORAGE_SUMMARY (summary));

  g_set_object (&self->summary, summary);
  self->selected = -1;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
sk_week_chart_get_selected (SkWeekChart *self)
{
  g_return_val_if_fail (SK_IS_WEEK_CHART (self), -1);

  return self->selected;
}

/**
 * sk_week_chart_select:
 * @self: the chart
 * @week: a week, or -1 for none
 *
 * Shows that week's figures in the tooltip and the accessible description.
 */
void
sk_week_chart_select (SkWeekChart *self,
                      int          week)
{
  g_return_if_fail (SK_IS_WEEK_CHART (self));
  g_return_if_fail (week >= -1 && week < SK_SUMMARY_WEEKS);

  if (self->selected == week)
    return;
  self->selected = week;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
