/* sk-overview-admin.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-client-admin.h"
#include "sk-line-chart.h"
#include "sk-overview-admin.h"

/* The group "Reported by OpenAI" of the overview: with the account's admin
 * key, the daily storage of the vector stores and the daily costs over the
 * last 30 days, each a line chart with its text alternative (a label and
 * the chart's accessible description); without one, how to get one. */

typedef struct
{
  GtkWidget   *box;
  GtkLabel    *title;
  SkLineChart *chart;
  GtkLabel    *text;
} Series;

struct _SkOverviewAdmin
{
  AdwPreferencesGroup  parent_instance;

  SkAccount           *account;
  GCancellable        *cancellable;
  GtkWidget           *hint_row;
  Series               usage;
  Series               costs;
};

G_DEFINE_FINAL_TYPE (SkOverviewAdmin, sk_overview_admin, ADW_TYPE_PREFERENCES_GROUP)

static void
series_init (Series     *series,
             const char *title)
{
  series->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (series->box, 12);
  series->title = GTK_LABEL (gtk_label_new (title));
  gtk_label_set_xalign (series->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (series->title), "heading");
  series->chart = SK_LINE_CHART (sk_line_chart_new ());
  series->text = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (series->text, 0);
  gtk_label_set_wrap (series->text, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (series->text), "dim-label");
  gtk_box_append (GTK_BOX (series->box), GTK_WIDGET (series->title));
  gtk_box_append (GTK_BOX (series->box), GTK_WIDGET (series->chart));
  gtk_box_append (GTK_BOX (series->box), GTK_WIDGET (series->text));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (series->chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, series->title, NULL, -1);
}

static void
series_set_text (Series     *series,
                 const char *text)
{
  gtk_label_set_text (series->text, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (series->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* Shows @days in @series: the chart, the total (costs) or the average
 * (storage), and the last day. */
static void
series_show (Series   *series,
             GArray   *days,
             gboolean  costs)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  double total = 0;
  double last = 0;

  for (guint i = 0; i < days->len; i++)
    {
      double v = g_array_index (days, SkDailyValue, i).value;

      g_array_append_val (values, v);
      total += v;
      last = v;
    }
  sk_line_chart_set_values (series->chart, (double *) values->data, values->len);

  if (days->len == 0)
    text = g_strdup (_("Nothing reported for the last 30 days."));
  else if (costs)
    /* Translators: costs in US dollars over 30 days, then on the last day */
    text = g_strdup_printf (_("Total over 30 days: $%.2f; last day: $%.2f."), total, last);
  else
    {
      g_autofree char *average = g_format_size ((guint64) (total / days->len));
      g_autofree char *latest = g_format_size ((guint64) last);

      /* Translators: sizes, e.g. "1.2 GB" */
      text = g_strdup_printf (_("Average over 30 days: %s; last day: %s."), average, latest);
    }
  series_set_text (series, text);
}

static void
show_state (SkOverviewAdmin *self)
{
  gboolean has_key = self->account != NULL && sk_account_has_admin_key (self->account);

  gtk_widget_set_visible (self->hint_row, !has_key);
  gtk_widget_set_visible (self->usage.box, has_key);
  gtk_widget_set_visible (self->costs.box, has_key);
}

/* The answer of either report */
static void
report_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean costs = g_async_result_is_tagged (result, sk_client_get_costs_async);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = NULL;
  SkOverviewAdmin *self;
  Series *series;

  days = costs ? sk_client_get_costs_finish (SK_CLIENT (source), result, &error)
               : sk_client_get_vector_store_usage_finish (SK_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SK_OVERVIEW_ADMIN (user_data);
  series = costs ? &self->costs : &self->usage;
  if (days == NULL)
    series_set_text (series, error->message);
  else
    series_show (series, days, costs);
}

static void
reload (SkOverviewAdmin *self)
{
  SkClient *client;
  const char *key;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  show_state (self);
  if (self->account == NULL || !sk_account_has_admin_key (self->account))
    return;

  self->cancellable = g_cancellable_new ();
  client = sk_account_get_client (self->account);
  key = sk_account_get_admin_key (self->account);
  series_set_text (&self->usage, _("Loading…"));
  series_set_text (&self->costs, _("Loading…"));
  /* the group outlives the calls: dispose cancels them first */
  sk_client_get_vector_store_usage_async (client, key, self->cancellable, report_cb, self);
  sk_client_get_costs_async (client, key, self->cancellable, report_cb, self);
}

static void
has_admin_key_cb (SkOverviewAdmin *self)
{
  reload (self);
}

static void
sk_overview_admin_dispose (GObject *object)
{
  SkOverviewAdmin *self = SK_OVERVIEW_ADMIN (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (sk_overview_admin_parent_class)->dispose (object);
}

static void
sk_overview_admin_class_init (SkOverviewAdminClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_overview_admin_dispose;
}

static void
sk_overview_admin_init (SkOverviewAdmin *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  GtkWidget *row;

  adw_preferences_group_set_title (group, _("Reported by OpenAI"));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add an admin key to see what OpenAI reports"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("An organization owner can create an admin key in the OpenAI dashboard: "
                                 "Organization settings → Admin keys; add it to this account in "
                                 "Preferences → Accounts."));
  self->hint_row = row;
  adw_preferences_group_add (group, row);

  series_init (&self->usage, _("Vector store storage, last 30 days"));
  series_init (&self->costs, _("Costs, last 30 days"));
  adw_preferences_group_add (group, self->usage.box);
  adw_preferences_group_add (group, self->costs.box);
  show_state (self);
}

GtkWidget *
sk_overview_admin_new (void)
{
  return g_object_new (SK_TYPE_OVERVIEW_ADMIN, NULL);
}

/**
 * sk_overview_admin_set_account:
 * @account: (nullable): the open account
 *
 * Follows @account: its reports are read now and whenever it gains an
 * admin key. Setting the same account again does nothing.
 */
void
sk_overview_admin_set_account (SkOverviewAdmin *self,
                               SkAccount       *account)
{
  g_return_if_fail (SK_IS_OVERVIEW_ADMIN (self));
  g_return_if_fail (account == NULL || SK_IS_ACCOUNT (account));

  if (self->account == account)
    return;
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    g_signal_connect_swapped (account, "notify::has-admin-key", G_CALLBACK (has_admin_key_cb), self);
  reload (self);
}

const char *
sk_overview_admin_get_usage_text (SkOverviewAdmin *self)
{
  g_return_val_if_fail (SK_IS_OVERVIEW_ADMIN (self), NULL);

  return gtk_label_get_text (self->usage.text);
}

const char *
sk_overview_admin_get_costs_text (SkOverviewAdmin *self)
{
  g_return_val_if_fail (SK_IS_OVERVIEW_ADMIN (self), NULL);

  return gtk_label_get_text (self->costs.text);
}
