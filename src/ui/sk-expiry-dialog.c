/* sk-expiry-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-expiry-dialog.h"

#include "sk-a11y.h"
#include "sk-client.h"

#define DEFAULT_DAYS 30

struct _SkExpiryDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *expire_check;
  GtkSpinButton    *days_spin;
};

G_DEFINE_FINAL_TYPE (SkExpiryDialog, sk_expiry_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
expire_toggled_cb (SkExpiryDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin), gtk_check_button_get_active (self->expire_check));
}

static void
sk_expiry_dialog_class_init (SkExpiryDialogClass *klass)
{
}

static void
sk_expiry_dialog_init (SkExpiryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;

  self->expire_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Expire after")));
  gtk_check_button_set_active (self->expire_check, TRUE);
  self->days_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, SK_VECTOR_STORE_MAX_EXPIRY_DAYS, 1));
  gtk_spin_button_set_value (self->days_spin, DEFAULT_DAYS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->days_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days without activity"), -1);
  /* Translators: after "Expire after" and a number */
  label = gtk_label_new (_("days without activity"));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->expire_check));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->days_spin));
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  g_signal_connect_swapped (self->expire_check, "toggled", G_CALLBACK (expire_toggled_cb), self);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  /* the buttons named without their mnemonic marks, the check button with
   * its action, the layout of the buttons not shown reported hidden */
  sk_a11y_fix_names (GTK_WIDGET (self));
}

/**
 * sk_expiry_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @n_stores: how many vector stores are selected
 *
 * Returns: (transfer none): the dialog, owned by GTK until destroyed;
 *   present it and follow its "response" signal
 */
SkExpiryDialog *
sk_expiry_dialog_new (GtkWindow *parent,
                      guint      n_stores)
{
  SkExpiryDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SK_TYPE_EXPIRY_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  heading = g_strdup_printf (ngettext ("Expiry of %'u Vector Store", "Expiry of %'u Vector Stores", n_stores),
                             n_stores);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Once a vector store has not been used for that many days, it "
                                 "expires: it can no longer be searched, and it shows as expired until "
                                 "you delete it. Its files stay in the account. Nothing is deleted now."));
  return self;
}

guint
sk_expiry_dialog_get_days (SkExpiryDialog *self)
{
  g_return_val_if_fail (SK_IS_EXPIRY_DIALOG (self), 0);

  if (!gtk_check_button_get_active (self->expire_check))
    return 0;
  return (guint) gtk_spin_button_get_value_as_int (self->days_spin);
}

void
sk_expiry_dialog_set_days (SkExpiryDialog *self,
                           guint           days)
{
  g_return_if_fail (SK_IS_EXPIRY_DIALOG (self));
  g_return_if_fail (days <= SK_VECTOR_STORE_MAX_EXPIRY_DAYS);

  gtk_check_button_set_active (self->expire_check, days > 0);
  if (days > 0)
    gtk_spin_button_set_value (self->days_spin, days);
}
