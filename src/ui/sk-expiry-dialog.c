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
#include "sk-vector-store.h"

#define DEFAULT_DAYS 30

struct _SkExpiryDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *expire_check;
  GtkSpinButton    *days_spin;
  GtkLabel         *at_once_label;

  GPtrArray        *stores;
};

G_DEFINE_FINAL_TYPE (SkExpiryDialog, sk_expiry_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Says how many of the stores the chosen policy would expire at once: the
 * days count from their last activity, so an idle store can be past them
 * already. */
static void
update_at_once (SkExpiryDialog *self)
{
  guint days = sk_expiry_dialog_get_days (self);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_at_once = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; self->stores != NULL && i < self->stores->len; i++)
    {
      SkVectorStore *store = g_ptr_array_index (self->stores, i);

      /* one already expired stays so whatever the policy */
      if (g_strcmp0 (sk_vector_store_get_status (store), "expired") != 0 &&
          sk_vector_store_expires_at_once (store, days, now))
        n_at_once++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->at_once_label), n_at_once > 0);
  if (n_at_once == 0)
    return;

  if (self->stores->len == 1)
    text = g_strdup_printf (ngettext ("This vector store has not been used for %'u day or more: it will expire as soon as you apply.",
                                      "This vector store has not been used for %'u days or more: it will expire as soon as you apply.",
                                      days),
                            days);
  else
    text = g_strdup_printf (ngettext ("%'u of these vector stores has not been used for that many days: it will expire as soon as you apply.",
                                      "%'u of these vector stores have not been used for that many days: they will expire as soon as you apply.",
                                      n_at_once),
                            n_at_once);
  gtk_label_set_text (self->at_once_label, text);
}

static void
expire_toggled_cb (SkExpiryDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->days_spin), gtk_check_button_get_active (self->expire_check));
  update_at_once (self);
}

static void
sk_expiry_dialog_finalize (GObject *object)
{
  SkExpiryDialog *self = SK_EXPIRY_DIALOG (object);

  g_clear_pointer (&self->stores, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_expiry_dialog_parent_class)->finalize (object);
}

static void
sk_expiry_dialog_class_init (SkExpiryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_expiry_dialog_finalize;
}

static void
sk_expiry_dialog_init (SkExpiryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
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

  self->at_once_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->at_once_label, TRUE);
  gtk_label_set_max_width_chars (self->at_once_label, 40);
  gtk_label_set_justify (self->at_once_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->at_once_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->at_once_label), FALSE);

  gtk_box_append (GTK_BOX (content), box);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->at_once_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), content);
  g_signal_connect_swapped (self->expire_check, "toggled", G_CALLBACK (expire_toggled_cb), self);
  g_signal_connect_swapped (self->days_spin, "value-changed", G_CALLBACK (update_at_once), self);

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

/**
 * sk_expiry_dialog_set_stores:
 * @stores: (element-type SkVectorStore): the selected vector stores
 *
 * Gives the dialog the stores it changes, so that it can say which ones the
 * chosen policy would expire at once.
 */
void
sk_expiry_dialog_set_stores (SkExpiryDialog *self,
                             GPtrArray      *stores)
{
  g_return_if_fail (SK_IS_EXPIRY_DIALOG (self));
  g_return_if_fail (stores != NULL);

  g_clear_pointer (&self->stores, g_ptr_array_unref);
  self->stores = g_ptr_array_ref (stores);
  update_at_once (self);
}

/**
 * sk_expiry_dialog_get_warning:
 *
 * Returns: (nullable): the warning shown about the stores that would expire
 *   at once, %NULL when none would
 */
const char *
sk_expiry_dialog_get_warning (SkExpiryDialog *self)
{
  g_return_val_if_fail (SK_IS_EXPIRY_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->at_once_label)))
    return NULL;
  return gtk_label_get_text (self->at_once_label);
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
  update_at_once (self);
}
