/* sk-delete-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-delete-dialog.h"

#include "sk-a11y.h"

/* A deletion's confirmation. Responses: "cancel" (default, and the close
 * response: Escape) and "delete" (destructive). While the deletion asked is
 * large, a check "I understand this cannot be undone" shows and "delete"
 * stays disabled until it is ticked; a "delete" answered without it is
 * ignored. */
typedef struct
{
  GtkCheckButton *check;        /* the "I understand" check, or NULL */
  GTask          *task;         /* the run waiting for an answer */
  GCancellable   *cancellable;  /* of the run */
  gulong          cancelled_id;
} SkDeleteDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SkDeleteDialog, sk_delete_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
is_large (SkDeleteDialog *self)
{
  SkDeleteDialogClass *klass = SK_DELETE_DIALOG_GET_CLASS (self);

  return klass->is_large != NULL && klass->is_large (self);
}

/* Ends the run, if one waits, with @confirmed or @error */
static void
finish_run (SkDeleteDialog *self,
            gboolean        confirmed,
            GError         *error)
{
  SkDeleteDialogPrivate *priv = sk_delete_dialog_get_instance_private (self);
  g_autoptr (GTask) task = g_steal_pointer (&priv->task);

  if (priv->cancelled_id != 0)
    g_signal_handler_disconnect (priv->cancellable, priv->cancelled_id);
  priv->cancelled_id = 0;
  g_clear_object (&priv->cancellable);
  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, confirmed);
}

static void
run_cancelled_cb (SkDeleteDialog *self,
                  GCancellable   *cancellable)
{
  finish_run (self, FALSE, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
response_cb (SkDeleteDialog *self,
             const char     *response)
{
  gboolean confirmed = g_strcmp0 (response, "delete") == 0;

  if (confirmed && !sk_delete_dialog_is_confirmed (self))
    return;
  finish_run (self, confirmed, NULL);
}

static void
confirm_toggled_cb (SkDeleteDialog *self)
{
  sk_delete_dialog_update_confirm (self);
}

static void
sk_delete_dialog_dispose (GObject *object)
{
  SkDeleteDialog *self = (SkDeleteDialog *)object;

  finish_run (self, FALSE, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));

  G_OBJECT_CLASS (sk_delete_dialog_parent_class)->dispose (object);
}

static void
sk_delete_dialog_class_init (SkDeleteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_delete_dialog_dispose;
}

static void
sk_delete_dialog_init (SkDeleteDialog *self)
{
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

/**
 * sk_delete_dialog_run:
 * @self: a #SkDeleteDialog
 * @cancellable: (nullable): cancelling it closes the dialog
 * @callback: called with the user's answer
 * @user_data: for @callback
 *
 * Presents the dialog and waits for the user's answer.
 */
void
sk_delete_dialog_run (SkDeleteDialog      *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  SkDeleteDialogPrivate *priv = sk_delete_dialog_get_instance_private (self);
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SK_IS_DELETE_DIALOG (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (priv->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_delete_dialog_run);
  if (g_task_return_error_if_cancelled (task))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  priv->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      priv->cancellable = g_object_ref (cancellable);
      priv->cancelled_id = g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (run_cancelled_cb),
                                                    self, G_CONNECT_SWAPPED);
    }
  sk_a11y_fix_names (GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * sk_delete_dialog_run_finish:
 * @self: a #SkDeleteDialog
 * @result: the result given to the callback
 * @error: set when the run was cancelled
 *
 * Gets the user's answer.
 *
 * Returns: %TRUE when the user confirmed the deletion
 */
gboolean
sk_delete_dialog_run_finish (SkDeleteDialog  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (SK_IS_DELETE_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sk_delete_dialog_get_confirm_check:
 * @self: a #SkDeleteDialog
 *
 * Gets the "I understand" check.
 *
 * Returns: (nullable) (transfer none): the check, or %NULL when the dialog
 *   has none or the deletion asked now does not need it
 */
GtkCheckButton *
sk_delete_dialog_get_confirm_check (SkDeleteDialog *self)
{
  SkDeleteDialogPrivate *priv = sk_delete_dialog_get_instance_private (self);

  g_return_val_if_fail (SK_IS_DELETE_DIALOG (self), NULL);

  if (priv->check == NULL || !gtk_widget_get_visible (GTK_WIDGET (priv->check)))
    return NULL;
  return priv->check;
}

/**
 * sk_delete_dialog_is_confirmed:
 * @self: a #SkDeleteDialog
 *
 * Returns: %TRUE when "delete" may be answered (no check, or ticked)
 */
gboolean
sk_delete_dialog_is_confirmed (SkDeleteDialog *self)
{
  GtkCheckButton *check;

  g_return_val_if_fail (SK_IS_DELETE_DIALOG (self), FALSE);

  check = sk_delete_dialog_get_confirm_check (self);
  return check == NULL || gtk_check_button_get_active (check);
}

/**
 * sk_delete_dialog_setup:
 * @self: a #SkDeleteDialog
 * @heading: the question
 * @body: what the deletion does
 * @delete_label: the label of the destructive response
 *
 * Gives the dialog its texts and its two responses; Enter, Escape and the
 * close button answer "cancel".
 */
void
sk_delete_dialog_setup (SkDeleteDialog *self,
                        const char     *heading,
                        const char     *body,
                        const char     *delete_label)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  g_return_if_fail (SK_IS_DELETE_DIALOG (self));

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", delete_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
}

/**
 * sk_delete_dialog_set_account:
 * @self: a #SkDeleteDialog
 * @account: (nullable): the name of the account the items are deleted from
 *
 * Says which account the deletion is in, first in the body: with several
 * accounts, a confirmation must not leave a doubt about where it acts.
 */
void
sk_delete_dialog_set_account (SkDeleteDialog *self,
                              const char     *account)
{
  g_autofree char *body = NULL;

  g_return_if_fail (SK_IS_DELETE_DIALOG (self));

  if (account == NULL || *account == '\0')
    return;
  /* Translators: first the account's name, then what the deletion does */
  body = g_strdup_printf (_("In the account “%s”: %s"), account,
                          adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self)));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body, -1);
}

/**
 * sk_delete_dialog_add_confirm_check:
 * @self: a #SkDeleteDialog
 *
 * Creates the "I understand this cannot be undone" check, for the subclass
 * to place; it follows the class's is_large().
 *
 * Returns: (transfer floating): the check
 */
GtkWidget *
sk_delete_dialog_add_confirm_check (SkDeleteDialog *self)
{
  SkDeleteDialogPrivate *priv = sk_delete_dialog_get_instance_private (self);
  GtkWidget *check;

  g_return_val_if_fail (SK_IS_DELETE_DIALOG (self), NULL);
  g_return_val_if_fail (priv->check == NULL, NULL);

  check = gtk_check_button_new_with_mnemonic (_("I _understand this cannot be undone"));
  priv->check = GTK_CHECK_BUTTON (check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (confirm_toggled_cb), self, G_CONNECT_SWAPPED);
  return check;
}

/**
 * sk_delete_dialog_update_confirm:
 * @self: a #SkDeleteDialog
 *
 * Shows the check, and holds "delete" back until it is ticked, only while
 * the deletion asked is large.
 */
void
sk_delete_dialog_update_confirm (SkDeleteDialog *self)
{
  SkDeleteDialogPrivate *priv = sk_delete_dialog_get_instance_private (self);
  gboolean large;

  g_return_if_fail (SK_IS_DELETE_DIALOG (self));

  if (priv->check == NULL)
    return;
  large = is_large (self);
  gtk_widget_set_visible (GTK_WIDGET (priv->check), large);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "delete",
                                           !large || gtk_check_button_get_active (priv->check));
}

/**
 * sk_delete_dialog_end_body:
 * @body: the body being written
 * @every: whether the deletion takes everything
 * @every_sentence: the sentence saying so
 *
 * Ends the body of a deletion dialog: @every_sentence when @every, then
 * that it cannot be undone.
 */
void
sk_delete_dialog_end_body (GString    *body,
                           gboolean    every,
                           const char *every_sentence)
{
  if (every)
    {
      g_string_append_c (body, ' ');
      g_string_append (body, every_sentence);
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("This cannot be undone."));
}
