/* sk-overview-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-chart-bar.h"
#include "sk-format.h"
#include "sk-overview-admin.h"
#include "sk-overview-page.h"
#include "sk-week-chart.h"

#define N_TOP_STORES 5

/* What the account stores, what it costs and what can safely go. Every
 * picture stands beside rows that say the same in words, and every row
 * that leads somewhere is activatable from the keyboard. The page only
 * shows and asks: the window acts on its signals. */
struct _SkOverviewPage
{
  GtkWidget           parent_instance;

  SkStorageSummary   *summary;
  SkStoragePrice      price;

  GtkStack           *stack;
  AdwActionRow       *files_row;
  AdwActionRow       *stores_row;
  AdwActionRow       *cost_row;
  AdwPreferencesGroup *reclaim_group;
  AdwPreferencesGroup *purposes_group;
  SkChartBar         *purposes_bar;
  AdwPreferencesGroup *top_stores_group;
  SkWeekChart        *week_chart;
  SkOverviewAdmin    *admin_group;
  GtkLabel           *week_label;

  GPtrArray          *dynamic_rows;   /* (group, row) pairs added from code */
};

G_DEFINE_FINAL_TYPE (SkOverviewPage, sk_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

enum {
  SHOW_FILES,
  SHOW_STORE,
  REVIEW,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
reclaim_title (SkReclaimKind kind)
{
  switch (kind)
    {
    case SK_RECLAIM_UNUSED_FILES:
      return _("Files in No Vector Store");
    case SK_RECLAIM_EXPIRED_STORES:
      return _("Expired Vector Stores");
    case SK_RECLAIM_FAILED_ENTRIES:
      return _("Store Entries Whose File Failed or Was Cancelled");
    case SK_RECLAIM_MISSING_ENTRIES:
      return _("Store Entries Whose File No Longer Exists");
    case SK_RECLAIM_EXPIRED_FILES:
      return _("Files Past Their Expiry Date");
    case SK_RECLAIM_EMPTY_STORES:
      return _("Empty Vector Stores");
    case SK_RECLAIM_N_KINDS:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

static void
add_row (SkOverviewPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, group);
  g_ptr_array_add (self->dynamic_rows, row);
}

static void
clear_rows (SkOverviewPage *self)
{
  for (guint i = 0; i + 1 < self->dynamic_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->dynamic_rows, i),
                                  g_ptr_array_index (self->dynamic_rows, i + 1));
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
bar_for (double value,
         double max,
         guint  color)
{
  GtkWidget *bar = sk_chart_bar_new ();

  gtk_widget_set_size_request (bar, 120, 8);
  sk_chart_bar_set_segments (SK_CHART_BAR (bar), &value, &color, 1, max);
  return bar;
}

/* AdwPreferencesGroup 1.2 names its list by the group's title only, and
 * this group has its heading outside: name the list itself */
static void
label_list (GtkWidget  *widget,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      else
        label_list (child, label);
    }
}

static void
review_clicked_cb (GtkButton      *button,
                   SkOverviewPage *self)
{
  SkReclaimKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "sk-reclaim-kind"));

  g_signal_emit (self, signals[REVIEW], 0, (guint) kind);
}

static void
purpose_row_activated_cb (AdwActionRow   *row,
                          SkOverviewPage *self)
{
  g_signal_emit (self, signals[SHOW_FILES], 0, g_object_get_data (G_OBJECT (row), "sk-purpose"));
}

static void
store_row_activated_cb (AdwActionRow   *row,
                        SkOverviewPage *self)
{
  g_signal_emit (self, signals[SHOW_STORE], 0, g_object_get_data (G_OBJECT (row), "sk-store-id"));
}

static void
files_row_activated_cb (SkOverviewPage *self)
{
  g_signal_emit (self, signals[SHOW_FILES], 0, NULL);
}

static void
stores_row_activated_cb (SkOverviewPage *self)
{
  g_signal_emit (self, signals[SHOW_STORE], 0, NULL);
}

static void
week_activated_cb (SkOverviewPage *self,
                   guint           week,
                   const char     *purpose)
{
  g_signal_emit (self, signals[SHOW_FILES], 0, purpose);
}

static void
show_totals (SkOverviewPage *self)
{
  g_autofree char *file_size = sk_format_size (sk_storage_summary_get_file_bytes (self->summary));
  g_autofree char *billed = sk_format_size (sk_storage_summary_get_billed_bytes (self->summary));
  g_autofree char *per_day = sk_format_money (sk_storage_summary_cost_per_day (self->summary, &self->price));
  g_autofree char *per_month = sk_format_money (SK_DAYS_PER_MONTH *
                                             sk_storage_summary_cost_per_day (self->summary, &self->price));
  g_autofree char *price = sk_format_money (self->price.per_gb_day);
  g_autofree char *files = NULL;
  g_autofree char *stores = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *cost = NULL;
  guint n_files = sk_storage_summary_get_n_files (self->summary);
  guint n_stores = sk_storage_summary_get_n_stores (self->summary);

  /* Translators: "1,234 files · 3.4 GB" */
  files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file · %s", "%u files · %s", n_files),
                           n_files, file_size);
  adw_action_row_set_subtitle (self->files_row, files);

  /* Translators: the counts of vector stores by status */
  statuses = g_strdup_printf (_("%u completed, %u in progress, %u expired"),
                              sk_storage_summary_count_stores (self->summary, "completed"),
                              sk_storage_summary_count_stores (self->summary, "in_progress"),
                              sk_storage_summary_count_stores (self->summary, "expired"));
  /* Translators: "56 stores · 2.1 GB billed · 50 completed, 4 in progress, 2 expired" */
  stores = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u store · %s billed · %s",
                                         "%u stores · %s billed · %s", n_stores),
                            n_stores, billed, statuses);
  adw_action_row_set_subtitle (self->stores_row, stores);

  if (sk_storage_summary_cost_per_day (self->summary, &self->price) > 0)
    /* Translators: the estimate, then how it is made: "$0.45 a day · $13.50 a month.
     * Estimate at $0.10 per GB per day beyond the first 1 GB; files themselves are not billed." */
    cost = g_strdup_printf (_("%s a day · %s a month. Estimate at %s per GB per day beyond the first %g GB; "
                              "files themselves are not billed."),
                            per_day, per_month, price, self->price.free_gb);
  else
    /* Translators: "No charge expected: 150 MB billed, within the first 1 GB, which is free.
     * Beyond it, an estimated $0.10 per GB per day." */
    cost = g_strdup_printf (_("No charge expected: %s billed, within the first %g GB, which is free. "
                              "Beyond it, an estimated %s per GB per day."),
                            billed, self->price.free_gb, price);
  adw_action_row_set_subtitle (self->cost_row, cost);
}

static void
show_reclaimable (SkOverviewPage *self)
{
  for (SkReclaimKind kind = 0; kind < SK_RECLAIM_N_KINDS; kind++)
    {
      const SkReclaim *reclaim = sk_storage_summary_get_reclaim (self->summary, kind);
      double saving = SK_DAYS_PER_MONTH * sk_storage_summary_saving_per_day (self->summary, kind, &self->price);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Review"));
      g_autofree char *subtitle = NULL;
      g_autofree char *button_name = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reclaim_title (kind));
      if (!reclaim->known)
        subtitle = g_strdup (_("Not known yet: the vector stores' files have not been listed"));
      else if (reclaim->items->len == 0)
        subtitle = g_strdup (_("None"));
      else
        {
          g_autofree char *size = sk_format_size (reclaim->bytes);
          g_autofree char *items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item · %s",
                                                                 "%u items · %s", reclaim->items->len),
                                                    reclaim->items->len, size);

          if (saving >= 0.005)
            {
              g_autofree char *money = sk_format_money (saving);

              /* Translators: "12 items · 3.4 MB · saves $4.20 a month" */
              subtitle = g_strdup_printf (_("%s · saves %s a month"), items, money);
            }
          else
            subtitle = g_steal_pointer (&items);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, reclaim->known && reclaim->items->len > 0);
      /* Translators: the accessible name of a Review button, %s is what it reviews */
      button_name = g_strdup_printf (_("Review: %s"), reclaim_title (kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      g_object_set_data (G_OBJECT (button), "sk-reclaim-kind", GUINT_TO_POINTER (kind));
      g_signal_connect (button, "clicked", G_CALLBACK (review_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      /* libadwaita 1.2 labels the activatable widget by the row's title as
       * well, which a screen reader would read after the button's name */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      add_row (self, self->reclaim_group, row);
    }
}

static void
show_purposes (SkOverviewPage *self)
{
  GPtrArray *purposes = sk_storage_summary_get_purposes (self->summary);
  gint64 total = MAX (sk_storage_summary_get_file_bytes (self->summary), 1);
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) colors = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 largest = purposes->len > 0 ? ((SkPurposeTotal *) purposes->pdata[0])->bytes : 0;

  for (guint i = 0; i < purposes->len; i++)
    {
      SkPurposeTotal *purpose = g_ptr_array_index (purposes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *swatch = bar_for (1, 1, i);
      g_autofree char *size = sk_format_size (purpose->bytes);
      g_autofree char *subtitle = NULL;
      double value = purpose->bytes;

      g_array_append_val (values, value);
      g_array_append_val (colors, i);

      /* Translators: "340 files · 1.2 GB (36%)" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file · %s (%.0f%%)",
                                               "%u files · %s (%.0f%%)", purpose->n_files),
                                  purpose->n_files, size, 100.0 * purpose->bytes / total);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     purpose->purpose[0] ? purpose->purpose : _("(no purpose)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_size_request (swatch, 12, 12);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar_for (purpose->bytes, MAX (largest, 1), i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, subtitle);
      g_object_set_data_full (G_OBJECT (row), "sk-purpose", g_strdup (purpose->purpose), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (purpose_row_activated_cb), self);
      add_row (self, self->purposes_group, row);
    }
  sk_chart_bar_set_segments (self->purposes_bar, (double *) values->data, (guint *) colors->data,
                             values->len, total);
  label_list (GTK_WIDGET (self->purposes_group), _("Files by Purpose"));
  gtk_widget_set_visible (GTK_WIDGET (self->purposes_bar), purposes->len > 0);
}

static void
show_top_stores (SkOverviewPage *self)
{
  g_autoptr (GPtrArray) top = sk_storage_summary_dup_top_stores (self->summary, N_TOP_STORES);
  gint64 largest = top->len > 0 ? sk_vector_store_get_usage_bytes (top->pdata[0]) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->top_stores_group), top->len > 0);
  for (guint i = 0; i < top->len; i++)
    {
      SkVectorStore *store = g_ptr_array_index (top, i);
      gint64 bytes = sk_vector_store_get_usage_bytes (store);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *size = sk_format_size (bytes);
      g_autofree char *subtitle = NULL;

      /* Cost of the store alone (the free allowance belongs to the account) */
      if (bytes > 0)
        {
          g_autofree char *month = sk_format_money (SK_DAYS_PER_MONTH * self->price.per_gb_day * bytes / SK_BYTES_PER_GB);

          /* Translators: "1.2 GB · about $3.60 a month" */
          subtitle = g_strdup_printf (_("%s · about %s a month"), size, month);
        }
      else
        subtitle = g_strdup (size);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sk_vector_store_get_display_name (store));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar_for (bytes, MAX (largest, 1), 0));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, subtitle);
      g_object_set_data_full (G_OBJECT (row), "sk-store-id", g_strdup (sk_vector_store_get_id (store)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (store_row_activated_cb), self);
      add_row (self, self->top_stores_group, row);
    }
}

static void
show_weeks (SkOverviewPage *self)
{
  guint busiest = 0, busiest_n = 0, total = 0;
  GPtrArray *purposes = sk_storage_summary_get_purposes (self->summary);
  g_autofree char *text = NULL;

  sk_week_chart_set_summary (self->week_chart, self->summary);
  for (guint week = 0; week < SK_SUMMARY_WEEKS; week++)
    {
      guint n = 0;

      for (guint p = 0; p < purposes->len; p++)
        n += sk_storage_summary_get_week_count (self->summary, week, p);
      total += n;
      if (n > busiest_n)
        {
          busiest = week;
          busiest_n = n;
        }
    }

  if (total == 0)
    text = g_strdup (_("No file was created in the last 52 weeks."));
  else
    {
      g_autofree char *week_text = sk_week_chart_describe (self->week_chart, busiest);

      /* Translators: the text alternative of the chart: "1,234 files in the last 52 weeks.
       * Busiest: Week of 3 Nov 2026: 80 files created (…). Colors as in Files by Purpose." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u file in the last 52 weeks. Busiest: %s. Colors as in Files by Purpose.",
                                           "%u files in the last 52 weeks. Busiest: %s. Colors as in Files by Purpose.",
                                           total),
                              total, week_text);
    }
  gtk_label_set_text (self->week_label, text);
}

static void
update (SkOverviewPage *self)
{
  clear_rows (self);
  if (self->summary == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      sk_week_chart_set_summary (self->week_chart, NULL);
      return;
    }

  show_totals (self);
  show_reclaimable (self);
  show_purposes (self);
  show_top_stores (self);
  show_weeks (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
sk_overview_page_dispose (GObject *object)
{
  SkOverviewPage *self = SK_OVERVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->summary);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_overview_page_parent_class)->dispose (object);
}

static void
sk_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SkOverviewPage *self = SK_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SkOverviewPage *self = SK_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      sk_overview_page_set_summary (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_overview_page_class_init (SkOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_overview_page_dispose;
  object_class->get_property = sk_overview_page_get_property;
  object_class->set_property = sk_overview_page_set_property;

  /**
   * SkOverviewPage:summary:
   *
   * What is shown; %NULL while the account is being listed.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         SK_TYPE_STORAGE_SUMMARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SkOverviewPage::show-files:
   * @self: the page
   * @purpose: (nullable): show only files of this purpose; %NULL: all
   *
   * The user asked to see files.
   */
  signals[SHOW_FILES] =
    g_signal_new ("show-files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SkOverviewPage::show-store:
   * @self: the page
   * @store_id: (nullable): the vector store to open; %NULL: the stores page
   *
   * The user asked to see vector stores.
   */
  signals[SHOW_STORE] =
    g_signal_new ("show-store", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SkOverviewPage::review:
   * @self: the page
   * @kind: the #SkReclaimKind
   *
   * The user asked to review what can go for that reason: the window shows
   * those items in their page, selected, for the usual confirmation.
   */
  signals[REVIEW] =
    g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (SK_TYPE_CHART_BAR);
  g_type_ensure (SK_TYPE_WEEK_CHART);
  g_type_ensure (SK_TYPE_OVERVIEW_ADMIN);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storekeeper/Storekeeper/sk-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, files_row);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, stores_row);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, cost_row);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, reclaim_group);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, purposes_group);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, purposes_bar);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, top_stores_group);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, week_chart);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, admin_group);
  gtk_widget_class_bind_template_child (widget_class, SkOverviewPage, week_label);
  gtk_widget_class_bind_template_callback (widget_class, files_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stores_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, week_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sk_overview_page_init (SkOverviewPage *self)
{
  self->price = SK_STORAGE_PRICE_DEFAULT;
  self->dynamic_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
sk_overview_page_set_summary (SkOverviewPage   *self,
                              SkStorageSummary *summary)
{
  g_return_if_fail (SK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (summary == NULL || SK_IS_STORAGE_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

SkStorageSummary *
sk_overview_page_get_summary (SkOverviewPage *self)
{
  g_return_val_if_fail (SK_IS_OVERVIEW_PAGE (self), NULL);

  return self->summary;
}

/**
 * sk_overview_page_set_price:
 * @self: the page
 * @price: the price the estimates use (from the settings)
 */
void
sk_overview_page_set_price (SkOverviewPage       *self,
                            const SkStoragePrice *price)
{
  g_return_if_fail (SK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (price != NULL);

  if (self->price.per_gb_day == price->per_gb_day && self->price.free_gb == price->free_gb)
    return;
  self->price = *price;
  if (self->summary != NULL)
    update (self);
}

/**
 * sk_overview_page_set_account:
 * @account: (nullable): the open account
 *
 * What OpenAI reports about @account's organization, when it has an admin
 * key (see #SkOverviewAdmin).
 */
void
sk_overview_page_set_account (SkOverviewPage *self,
                              SkAccount      *account)
{
  g_return_if_fail (SK_IS_OVERVIEW_PAGE (self));

  sk_overview_admin_set_account (self->admin_group, account);
}
