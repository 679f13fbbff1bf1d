/* sk-delete-stores-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-delete-stores-dialog.h"

/* The confirmation of a vector stores deletion, with the choice of what
 * happens to their files. It asks for the "I understand" tick only while
 * the chosen deletion is large: many stores, every store, or many files (or
 * an uncounted number of them) to delete. */
struct _SkDeleteStoresDialog
{
  SkDeleteDialog  parent_instance;

  GtkWidget      *choices[3];   /* indexed by SkDeleteStoresChoice */
  guint           n_stores;
  int             n_exclusive;  /* -1: not counted yet */
  int             n_all;        /* -1: not counted yet */
  gboolean        every_store;
};

G_DEFINE_FINAL_TYPE (SkDeleteStoresDialog, sk_delete_stores_dialog, SK_TYPE_DELETE_DIALOG)

static GtkWidget *
choice_new (GtkWidget  *group,
            const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);
  GtkWidget *child;

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  /* long labels wrap instead of widening the dialog */
  child = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
    }
  return check;
}

static void
choice_toggled_cb (SkDeleteStoresDialog *self)
{
  sk_delete_dialog_update_confirm (SK_DELETE_DIALOG (self));
}

static gboolean
sk_delete_stores_dialog_is_large (SkDeleteDialog *dialog)
{
  SkDeleteStoresDialog *self = SK_DELETE_STORES_DIALOG (dialog);

  if (self->n_stores > SK_DELETE_LARGE_THRESHOLD || self->every_store)
    return TRUE;

  switch (sk_delete_stores_dialog_get_choice (self))
    {
    case SK_DELETE_STORES_EXCLUSIVE_FILES:
      return self->n_exclusive < 0 || self->n_exclusive > SK_DELETE_LARGE_THRESHOLD;
    case SK_DELETE_STORES_ALL_FILES:
      return self->n_all < 0 || self->n_all > SK_DELETE_LARGE_THRESHOLD;
    case SK_DELETE_STORES_KEEP_FILES:
    default:
      return FALSE;
    }
}

static void
sk_delete_stores_dialog_class_init (SkDeleteStoresDialogClass *klass)
{
  SkDeleteDialogClass *dialog_class = SK_DELETE_DIALOG_CLASS (klass);

  dialog_class->is_large = sk_delete_stores_dialog_is_large;
}

static void
sk_delete_stores_dialog_init (SkDeleteStoresDialog *self)
{
}

/**
 * sk_delete_stores_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @n_stores: how many vector stores are to be deleted
 * @usage_bytes: their storage
 * @n_exclusive: files used only by these stores, -1 when not known yet
 *   ("only these stores" is then not offered)
 * @n_all: files used by any of them, -1 when not known yet ("all" is then
 *   offered without a count)
 * @every_store: whether the selection is every store of the account
 *
 * Creates the confirmation of a vector stores deletion;
 * sk_delete_dialog_run() presents it.
 *
 * Returns: (transfer none): the dialog, owned by GTK until destroyed
 */
SkDeleteStoresDialog *
sk_delete_stores_dialog_new (GtkWindow *parent,
                             guint      n_stores,
                             gint64     usage_bytes,
                             int        n_exclusive,
                             int        n_all,
                             gboolean   every_store)
{
  SkDeleteStoresDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (usage_bytes, 0));
  g_autofree char *first = NULL;
  g_autofree char *exclusive_label = NULL;
  g_autofree char *all_label = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  GtkWidget *box;
  GtkWidget *question;
  GtkWidget *check;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SK_TYPE_DELETE_STORES_DIALOG, "transient-for", parent, NULL);
  self->n_stores = n_stores;
  self->n_exclusive = n_exclusive;
  self->n_all = n_all;
  self->every_store = every_store;

  heading = g_strdup_printf (ngettext ("Delete %'u Vector Store?", "Delete %'u Vector Stores?", n_stores),
                             n_stores);
  /* Translators: %'u is a number of vector stores, %s their usage ("12.5 MB") */
  first = g_strdup_printf (ngettext ("%'u vector store (%s of storage) will be deleted.",
                                     "%'u vector stores (%s of storage in all) will be deleted.",
                                     n_stores),
                           n_stores, size);
  g_string_append (body, first);
  sk_delete_dialog_end_body (body, every_store, _("This is every vector store of the account."));

  sk_delete_dialog_setup (SK_DELETE_DIALOG (self), heading, body->str,
                          ngettext ("_Delete Vector Store", "_Delete Vector Stores", n_stores));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  question = gtk_label_new (_("What should happen to the files in them?"));
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_xalign (GTK_LABEL (question), 0.0);
  gtk_widget_add_css_class (question, "heading");
  gtk_box_append (GTK_BOX (box), question);

  if (n_exclusive >= 0)
    exclusive_label = g_strdup_printf (ngettext ("Delete the %'u file used _only by these stores",
                                                 "Delete the %'u files used _only by these stores",
                                                 (guint) n_exclusive),
                                       (guint) n_exclusive);
  else
    exclusive_label = g_strdup (_("Delete the files used _only by these stores (not counted yet)"));
  if (n_all >= 0)
    all_label = g_strdup_printf (ngettext ("Delete _all %'u file, even where other stores use it",
                                           "Delete _all %'u files, even where other stores use them",
                                           (guint) n_all),
                                 (guint) n_all);
  else
    all_label = g_strdup (_("Delete _all their files, even where other stores use them"));

  self->choices[SK_DELETE_STORES_KEEP_FILES] = choice_new (NULL, _("_Keep the files in the account"));
  self->choices[SK_DELETE_STORES_EXCLUSIVE_FILES] = choice_new (self->choices[0], exclusive_label);
  self->choices[SK_DELETE_STORES_ALL_FILES] = choice_new (self->choices[0], all_label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->choices[0]), TRUE);
  gtk_widget_set_sensitive (self->choices[SK_DELETE_STORES_EXCLUSIVE_FILES], n_exclusive > 0);
  /* without the map, "all" still works: the job lists each store's files */
  gtk_widget_set_sensitive (self->choices[SK_DELETE_STORES_ALL_FILES], n_all != 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    gtk_box_append (GTK_BOX (box), self->choices[i]);

  check = sk_delete_dialog_add_confirm_check (SK_DELETE_DIALOG (self));
  gtk_widget_set_halign (check, GTK_ALIGN_START);
  gtk_widget_set_margin_top (check, 6);
  gtk_box_append (GTK_BOX (box), check);
  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    g_signal_connect_object (self->choices[i], "toggled", G_CALLBACK (choice_toggled_cb), self,
                             G_CONNECT_SWAPPED);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  sk_delete_dialog_update_confirm (SK_DELETE_DIALOG (self));
  return self;
}

/**
 * sk_delete_stores_dialog_run_finish:
 * @self: a #SkDeleteStoresDialog
 * @result: the result given to the callback of sk_delete_dialog_run()
 * @choice: (out) (optional): what happens to the files, as chosen
 * @error: set when the run was cancelled
 *
 * Gets the user's answer and choice.
 *
 * Returns: %TRUE when the user confirmed the deletion
 */
gboolean
sk_delete_stores_dialog_run_finish (SkDeleteStoresDialog  *self,
                                    GAsyncResult          *result,
                                    SkDeleteStoresChoice  *choice,
                                    GError               **error)
{
  g_return_val_if_fail (SK_IS_DELETE_STORES_DIALOG (self), FALSE);

  if (choice != NULL)
    *choice = sk_delete_stores_dialog_get_choice (self);
  return sk_delete_dialog_run_finish (SK_DELETE_DIALOG (self), result, error);
}

SkDeleteStoresChoice
sk_delete_stores_dialog_get_choice (SkDeleteStoresDialog *self)
{
  g_return_val_if_fail (SK_IS_DELETE_STORES_DIALOG (self), SK_DELETE_STORES_KEEP_FILES);

  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    if (self->choices[i] != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->choices[i])))
      return (SkDeleteStoresChoice) i;
  return SK_DELETE_STORES_KEEP_FILES;
}

void
sk_delete_stores_dialog_set_choice (SkDeleteStoresDialog *self,
                                    SkDeleteStoresChoice  choice)
{
  g_return_if_fail (SK_IS_DELETE_STORES_DIALOG (self));
  g_return_if_fail (choice <= SK_DELETE_STORES_ALL_FILES);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->choices[choice]), TRUE);
}
