/* sk-delete-files-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-delete-files-dialog.h"

/* The confirmation of a files deletion: how many, their size, how many
 * vector stores use them. Above SK_DELETE_LARGE_THRESHOLD files, or for
 * every file of the account, it asks for the "I understand" tick. */
struct _SkDeleteFilesDialog
{
  SkDeleteDialog parent_instance;

  guint          n_files;
  gboolean       every_file;
  GtkCheckButton *busy_check;
};

G_DEFINE_FINAL_TYPE (SkDeleteFilesDialog, sk_delete_files_dialog, SK_TYPE_DELETE_DIALOG)

static gboolean
sk_delete_files_dialog_is_large (SkDeleteDialog *dialog)
{
  SkDeleteFilesDialog *self = SK_DELETE_FILES_DIALOG (dialog);

  return self->n_files > SK_DELETE_LARGE_THRESHOLD || self->every_file;
}

static void
sk_delete_files_dialog_class_init (SkDeleteFilesDialogClass *klass)
{
  SkDeleteDialogClass *dialog_class = SK_DELETE_DIALOG_CLASS (klass);

  dialog_class->is_large = sk_delete_files_dialog_is_large;
}

static void
sk_delete_files_dialog_init (SkDeleteFilesDialog *self)
{
}

/* Puts @widget in the extra child, below what is there already */
static void
add_extra_child (SkDeleteFilesDialog *self,
                 GtkWidget           *widget)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *previous = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *box;

  if (previous == NULL)
    {
      adw_message_dialog_set_extra_child (dialog, widget);
      return;
    }

  /* keep it alive while it changes parent */
  g_object_ref (previous);
  adw_message_dialog_set_extra_child (dialog, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_box_append (GTK_BOX (box), previous);
  g_object_unref (previous);
  adw_message_dialog_set_extra_child (dialog, box);
}

/**
 * sk_delete_files_dialog_set_busy:
 * @busy_names: (array length=n_busy): the names of the files selected that
 *   a batch or fine-tuning job still running reads
 * @n_busy: how many
 * @n_finished_only: how many of the others only finished batches or jobs use
 *
 * Says which files a running job still reads: they are left out of the
 * deletion unless the user ticks the check that appears. Says too that the
 * files only finished jobs used are safe to delete. Call once, after
 * sk_delete_files_dialog_new().
 */
void
sk_delete_files_dialog_set_busy (SkDeleteFilesDialog *self,
                                 const char * const  *busy_names,
                                 guint                n_busy,
                                 guint                n_finished_only)
{
  g_autoptr (GString) body = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  const guint max_names = 3;

  g_return_if_fail (SK_IS_DELETE_FILES_DIALOG (self));
  g_return_if_fail (self->busy_check == NULL);

  body = g_string_new (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self)));
  if (n_busy > 0)
    {
      for (guint i = 0; i < MIN (n_busy, max_names); i++)
        {
          if (i > 0)
            /* Translators: between file names in a list */
            g_string_append (names, _(", "));
          g_string_append_printf (names, "“%s”", busy_names[i]);
        }
      if (n_busy > max_names)
        g_string_append (names, "…");

      g_string_append (body, "\n\n");
      /* Translators: %'u is a number of files, %s their names ("“a.jsonl”, “b.jsonl”") */
      g_string_append_printf (body, ngettext ("%'u file is still read by a running batch or fine-tuning "
                                              "job and will be kept: %s.",
                                              "%'u files are still read by running batches or fine-tuning "
                                              "jobs and will be kept: %s.", n_busy),
                              n_busy, names->str);

      self->busy_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
        ngettext ("Delete it _too, and let its job fail",
                  "Delete them _too, and let their jobs fail", n_busy)));
      gtk_widget_set_halign (GTK_WIDGET (self->busy_check), GTK_ALIGN_CENTER);
      add_extra_child (self, GTK_WIDGET (self->busy_check));
    }
  if (n_finished_only > 0)
    {
      g_string_append (body, n_busy > 0 ? " " : "\n\n");
      g_string_append_printf (body, ngettext ("%'u file is used only by finished batches or fine-tuning "
                                              "jobs: it is safe to delete.",
                                              "%'u files are used only by finished batches or fine-tuning "
                                              "jobs: they are safe to delete.", n_finished_only),
                              n_finished_only);
    }
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body->str);
}

/**
 * sk_delete_files_dialog_get_busy_check:
 *
 * Returns: (transfer none) (nullable): the "delete them too" check, or
 *   %NULL when no file selected is busy
 */
GtkCheckButton *
sk_delete_files_dialog_get_busy_check (SkDeleteFilesDialog *self)
{
  g_return_val_if_fail (SK_IS_DELETE_FILES_DIALOG (self), NULL);

  return self->busy_check;
}

/* Whether the files a running job reads are to be deleted as well */
gboolean
sk_delete_files_dialog_get_include_busy (SkDeleteFilesDialog *self)
{
  g_return_val_if_fail (SK_IS_DELETE_FILES_DIALOG (self), FALSE);

  return self->busy_check != NULL && gtk_check_button_get_active (self->busy_check);
}

/**
 * sk_delete_files_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @n_files: how many files are to be deleted
 * @total_bytes: their size
 * @n_stores: how many vector stores use those files, -1 when not known yet
 * @every_file: whether the selection is every file of the account
 *
 * Creates the confirmation of a files deletion; sk_delete_dialog_run()
 * presents it.
 *
 * Returns: (transfer none): the dialog, owned by GTK until destroyed
 */
SkDeleteFilesDialog *
sk_delete_files_dialog_new (GtkWindow *parent,
                            guint      n_files,
                            gint64     total_bytes,
                            int        n_stores,
                            gboolean   every_file)
{
  SkDeleteFilesDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (total_bytes, 0));
  g_autofree char *first = NULL;
  g_autoptr (GString) body = g_string_new (NULL);

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SK_TYPE_DELETE_FILES_DIALOG, "transient-for", parent, NULL);
  self->n_files = n_files;
  self->every_file = every_file;

  heading = g_strdup_printf (ngettext ("Delete %'u File?", "Delete %'u Files?", n_files), n_files);
  /* Translators: %'u is a number of files, %s their size ("12.5 MB") */
  first = g_strdup_printf (ngettext ("%'u file (%s) will be deleted from the account and removed from "
                                     "every vector store that uses it.",
                                     "%'u files (%s in all) will be deleted from the account and removed "
                                     "from every vector store that uses them.",
                                     n_files),
                           n_files, size);
  g_string_append (body, first);

  if (n_stores == 0)
    {
      g_string_append_c (body, ' ');
      g_string_append (body, n_files == 1 ? _("No vector store uses it.") : _("No vector store uses them."));
    }
  else if (n_stores > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, ngettext ("%'u vector store is affected.",
                                              "%'u vector stores are affected.", (guint) n_stores),
                              (guint) n_stores);
    }
  sk_delete_dialog_end_body (body, every_file, _("This is every file of the account."));

  sk_delete_dialog_setup (SK_DELETE_DIALOG (self), heading, body->str,
                          ngettext ("_Delete File", "_Delete Files", n_files));
  if (sk_delete_files_dialog_is_large (SK_DELETE_DIALOG (self)))
    {
      GtkWidget *check = sk_delete_dialog_add_confirm_check (SK_DELETE_DIALOG (self));

      gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), check);
      sk_delete_dialog_update_confirm (SK_DELETE_DIALOG (self));
    }

  return self;
}
