/* sk-job-bar.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-job-bar.h"

struct _SkJobBar
{
  GtkWidget       parent_instance;

  GtkLabel       *label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;

  SkBulkDelete   *job;
  char           *text;
  gboolean        cancelling;
};

G_DEFINE_FINAL_TYPE (SkJobBar, sk_job_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

enum {
  CANCEL_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
sk_job_bar_format (SkBulkKind kind,
                   guint      n_done,
                   guint      n_total,
                   guint      n_failed,
                   double     eta)
{
  GString *text = g_string_new (NULL);

  switch (kind)
    {
    case SK_BULK_DELETE_VECTOR_STORES:
      /* Translators: "Deleting 3 of 40 vector stores" */
      g_string_printf (text, ngettext ("Deleting %'u of %'u vector store",
                                       "Deleting %'u of %'u vector stores", n_total),
                       n_done, n_total);
      break;
    case SK_BULK_DETACH_FILES:
      /* Translators: "Removing 3 of 40 files from the vector store" */
      g_string_printf (text, ngettext ("Removing %'u of %'u file from the vector store",
                                       "Removing %'u of %'u files from the vector store", n_total),
                       n_done, n_total);
      break;
    case SK_BULK_STORE_EXPIRY:
      /* Translators: "Changing the expiry of 3 of 40 vector stores" */
      g_string_printf (text, ngettext ("Changing the expiry of %'u of %'u vector store",
                                       "Changing the expiry of %'u of %'u vector stores", n_total),
                       n_done, n_total);
      break;
    case SK_BULK_DELETE_FILES:
    default:
      /* Translators: "Deleting 340 of 2,000 files" */
      g_string_printf (text, ngettext ("Deleting %'u of %'u file",
                                       "Deleting %'u of %'u files", n_total),
                       n_done, n_total);
      break;
    }

  if (n_failed > 0)
    {
      g_string_append (text, " · ");
      /* Translators: part of "Deleting 340 of 2,000 files · 2 failed" */
      g_string_append_printf (text, ngettext ("%'u failed", "%'u failed", n_failed), n_failed);
    }

  if (eta >= 0 && n_done < n_total)
    {
      g_string_append (text, " · ");
      if (eta < 60)
        {
          guint seconds = MAX (1, (guint) (eta + 0.999));

          /* Translators: part of "Deleting 340 of 2,000 files · about 12 s left" */
          g_string_append_printf (text, ngettext ("about %u s left", "about %u s left", seconds), seconds);
        }
      else
        {
          guint minutes = (guint) ((eta + 59.999) / 60);

          g_string_append_printf (text, ngettext ("about %u min left", "about %u min left", minutes),
                                  minutes);
        }
    }

  return g_string_free (text, FALSE);
}

static void
update (SkJobBar *self)
{
  guint n_done = 0, n_total = 0;
  double fraction = 0;
  g_autofree char *text = NULL;

  if (self->job != NULL)
    {
      n_done = sk_bulk_delete_get_n_done (self->job);
      n_total = sk_bulk_delete_get_n_total (self->job);
      text = sk_job_bar_format (sk_bulk_delete_get_kind (self->job), n_done, n_total,
                                sk_bulk_delete_get_n_failed (self->job),
                                sk_bulk_delete_get_eta (self->job));
      fraction = n_total > 0 ? (double) n_done / n_total : 0;
    }
  if (self->cancelling)
    {
      g_free (text);
      text = g_strdup (_("Cancelling… the requests already sent are finishing"));
    }

  if (g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_steal_pointer (&text);
      gtk_label_set_text (self->label, self->text ? self->text : "");
    }
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), self->job != NULL && !self->cancelling);
}

static void
job_notify_cb (SkJobBar   *self,
               GParamSpec *pspec)
{
  update (self);
}

static void
cancel_clicked_cb (SkJobBar *self)
{
  g_signal_emit (self, signals[CANCEL_REQUESTED], 0);
}

static void
sk_job_bar_dispose (GObject *object)
{
  SkJobBar *self = (SkJobBar *)object;

  sk_job_bar_set_job (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_JOB_BAR);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sk_job_bar_parent_class)->dispose (object);
}

static void
sk_job_bar_finalize (GObject *object)
{
  SkJobBar *self = (SkJobBar *)object;

  g_free (self->text);

  G_OBJECT_CLASS (sk_job_bar_parent_class)->finalize (object);
}

static void
sk_job_bar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SkJobBar *self = SK_JOB_BAR (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_job_bar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SkJobBar *self = SK_JOB_BAR (object);

  switch (prop_id)
    {
    case PROP_JOB:
      sk_job_bar_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_job_bar_class_init (SkJobBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_job_bar_dispose;
  object_class->finalize = sk_job_bar_finalize;
  object_class->get_property = sk_job_bar_get_property;
  object_class->set_property = sk_job_bar_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, SK_TYPE_BULK_DELETE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-job-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SkJobBar, label);
  gtk_widget_class_bind_template_child (widget_class, SkJobBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SkJobBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_job_bar_init (SkJobBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
sk_job_bar_new (void)
{
  return g_object_new (SK_TYPE_JOB_BAR, NULL);
}

void
sk_job_bar_set_job (SkJobBar     *self,
                    SkBulkDelete *job)
{
  g_return_if_fail (SK_IS_JOB_BAR (self));
  g_return_if_fail (!job || SK_IS_BULK_DELETE (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_set_object (&self->job, job);
  if (job != NULL)
    g_signal_connect_object (job, "notify", G_CALLBACK (job_notify_cb), self, G_CONNECT_SWAPPED);
  self->cancelling = FALSE;
  update (self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

SkBulkDelete *
sk_job_bar_get_job (SkJobBar *self)
{
  g_return_val_if_fail (SK_IS_JOB_BAR (self), NULL);
  return self->job;
}

void
sk_job_bar_set_cancelling (SkJobBar *self,
                           gboolean  cancelling)
{
  g_return_if_fail (SK_IS_JOB_BAR (self));
  self->cancelling = cancelling;
  update (self);
}

const char *
sk_job_bar_get_text (SkJobBar *self)
{
  g_return_val_if_fail (SK_IS_JOB_BAR (self), NULL);
  return self->text;
}

double
sk_job_bar_get_fraction (SkJobBar *self)
{
  g_return_val_if_fail (SK_IS_JOB_BAR (self), 0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

GtkButton *
sk_job_bar_get_cancel_button (SkJobBar *self)
{
  g_return_val_if_fail (SK_IS_JOB_BAR (self), NULL);
  return self->cancel_button;
}
