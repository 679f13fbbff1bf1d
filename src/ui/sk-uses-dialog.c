/* sk-uses-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-uses-dialog.h"

#include "sk-a11y.h"
#include "sk-usage-column.h"

/* Where the selected files are used: one group per file, one row per use
 * (a vector store, a batch, a fine-tuning job, with the file's role and the
 * owner's status), the uses that make a deletion unsafe marked. At most
 * MAX_FILES files are listed; the heading says how many were selected. */

#define MAX_FILES 20
#define FEW_ROWS 5
#define SCROLLED_HEIGHT 360

struct _SkUsesDialog
{
  AdwMessageDialog  parent_instance;

  guint             n_rows;
  guint             n_running;
};

G_DEFINE_FINAL_TYPE (SkUsesDialog, sk_uses_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
use_title (GHashTable      *store_names,
           const SkFileUse *use)
{
  const char *name;

  switch (use->kind)
    {
    case SK_USE_VECTOR_STORE:
      name = store_names ? g_hash_table_lookup (store_names, use->owner_id) : NULL;
      if (name != NULL)
        /* Translators: a use of a file; %s: a vector store's name */
        return g_strdup_printf (_("Vector store “%s”"), name);
      /* Translators: a use of a file; %s: a vector store ID */
      return g_strdup_printf (_("Vector store %s"), use->owner_id);
    case SK_USE_BATCH:
      /* Translators: a use of a file; %s: a batch ID */
      return g_strdup_printf (_("Batch %s"), use->owner_id);
    case SK_USE_FINE_TUNING_JOB:
    default:
      /* Translators: a use of a file; %s: a fine-tuning job ID */
      return g_strdup_printf (_("Fine-tuning job %s"), use->owner_id);
    }
}

static char *
use_subtitle (GHashTable      *store_names,
              const SkFileUse *use)
{
  const char *status = use->status != NULL ? use->status : "";

  if (use->kind == SK_USE_VECTOR_STORE)
    {
      if (store_names != NULL && g_hash_table_contains (store_names, use->owner_id))
        /* Translators: a vector store's ID, then the file's status in it */
        return g_strdup_printf (_("%s · %s"), use->owner_id, status);
      return g_strdup (status);
    }
  if (use->running)
    /* Translators: the file's role in a job ("input"…), the job's status */
    return g_strdup_printf (_("%s · %s · still running: deleting the file could break it"),
                            sk_usage_column_role_text (use->role), status);
  /* Translators: the file's role in a job ("input"…), the job's status */
  return g_strdup_printf (_("%s · %s · finished"), sk_usage_column_role_text (use->role), status);
}

static GtkWidget *
file_group (SkUsesDialog *self,
            SkUsageIndex *index,
            GHashTable   *store_names,
            SkFile       *file)
{
  GtkWidget *group = adw_preferences_group_new ();
  GPtrArray *uses = sk_usage_index_get_uses (index, sk_file_get_id (file));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sk_file_get_filename (file));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), sk_file_get_id (file));

  if (uses == NULL || uses->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing uses this file"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      return group;
    }

  for (guint i = 0; i < uses->len; i++)
    {
      const SkFileUse *use = g_ptr_array_index (uses, i);
      g_autofree char *title = use_title (store_names, use);
      g_autofree char *subtitle = use_subtitle (store_names, use);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (use->running)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Running"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          self->n_running++;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->n_rows++;
    }
  return group;
}

static void
sk_uses_dialog_class_init (SkUsesDialogClass *klass)
{
}

static void
sk_uses_dialog_init (SkUsesDialog *self)
{
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "close");
}

/**
 * sk_uses_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @index: what uses each file
 * @store_names: (nullable) (element-type utf8 utf8): vector store ID → name,
 *   to name the stores that hold the files
 * @files: (element-type SkFile): the selected files
 *
 * Returns: (transfer none): the dialog, owned by GTK until destroyed
 */
SkUsesDialog *
sk_uses_dialog_new (GtkWindow    *parent,
                    SkUsageIndex *index,
                    GHashTable   *store_names,
                    GPtrArray    *files)
{
  SkUsesDialog *self;
  GtkWidget *box;
  GtkWidget *scrolled;
  g_autofree char *heading = NULL;
  guint shown;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SK_IS_USAGE_INDEX (index), NULL);
  g_return_val_if_fail (files != NULL && files->len > 0, NULL);

  self = g_object_new (SK_TYPE_USES_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  shown = MIN (files->len, MAX_FILES);
  for (guint i = 0; i < shown; i++)
    gtk_box_append (GTK_BOX (box), file_group (self, index, store_names, g_ptr_array_index (files, i)));

  /* A few uses show whole; more scroll in a fixed height (a scrolled
   * window's natural height misses the rows' wrapped lines) */
  if (self->n_rows + shown <= FEW_ROWS)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  else
    {
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), SCROLLED_HEIGHT);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scrolled);
    }

  if (files->len == 1)
    heading = g_strdup_printf (_("Where “%s” Is Used"),
                               sk_file_get_filename (g_ptr_array_index (files, 0)));
  else
    heading = g_strdup_printf (ngettext ("Where %'u File Is Used", "Where %'u Files Are Used", files->len),
                               files->len);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  if (self->n_running > 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 ngettext ("A batch or fine-tuning job that is still running reads this file: "
                                           "deleting it could make the job fail. The confirmation leaves it "
                                           "out unless you ask.",
                                           "A batch or fine-tuning job that is still running reads some of "
                                           "these files: deleting them could make it fail. The confirmation "
                                           "leaves them out unless you ask.",
                                           files->len));
  else if (self->n_rows > 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 ngettext ("No running job reads this file. Deleting it also takes it out of "
                                           "the vector stores listed.",
                                           "No running job reads these files. Deleting a file also takes it "
                                           "out of the vector stores listed.",
                                           files->len));
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 ngettext ("No vector store, batch or fine-tuning job uses this file.",
                                           "No vector store, batch or fine-tuning job uses these files.",
                                           files->len));
  if (files->len > shown)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%'u more file selected is not listed.",
                                                         "%'u more files selected are not listed.",
                                                         files->len - shown),
                                               files->len - shown);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  sk_a11y_fix_names (GTK_WIDGET (self));
  return self;
}

/* How many uses the dialog lists, and how many of them are running jobs */
void
sk_uses_dialog_get_counts (SkUsesDialog *self,
                           guint        *n_rows,
                           guint        *n_running)
{
  g_return_if_fail (SK_IS_USES_DIALOG (self));

  if (n_rows != NULL)
    *n_rows = self->n_rows;
  if (n_running != NULL)
    *n_running = self->n_running;
}
