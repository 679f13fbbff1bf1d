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
