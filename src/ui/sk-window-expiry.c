/* sk-window-expiry.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-window-private.h"

#include "sk-expiry-dialog.h"

/* Setting or clearing the expiry policy of the selected vector stores: the
 * dialog asks the days, then the account's deletion controller runs it
 * through the bulk engine (paced, rate-limit aware, cancellable), so the
 * job bar shows its progress and the results panel each store's outcome;
 * when it ends the window refreshes its lists (sk-window-deletion.c) and
 * the Expires column shows the new dates. */

static void
expiry_answered_cb (SkExpiryDialog *dialog,
                    const char     *response,
                    SkWindow       *self)
{
  g_auto (GStrv) ids = NULL;
  SkDeletion *deletion;

  g_clear_weak_pointer (&self->expiry_dialog);
  if (!g_str_equal (response, "apply") || self->account == NULL)
    return;

  ids = g_object_steal_data (G_OBJECT (dialog), "sk-store-ids");
  if (ids == NULL || ids[0] == NULL)
    return;

  deletion = _sk_window_prepare_deletion (self);
  if (deletion != NULL &&
      sk_deletion_set_store_expiry (deletion, (const char * const *) ids, sk_expiry_dialog_get_days (dialog)))
    self->expiry_pending = TRUE;
}

/* Opens the expiry dialog for the vector stores selected in the stores page */
void
_sk_window_set_expiry_selected (SkWindow *self)
{
  SkListPage *page = _sk_window_get_current_page (self);
  g_auto (GStrv) ids = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  SkExpiryDialog *dialog;

  if (page == NULL || sk_list_page_get_item_type (page) != SK_TYPE_VECTOR_STORE ||
      self->expiry_dialog != NULL || self->expiry_pending)
    return;
  ids = sk_list_page_dup_selected_ids (page);
  if (ids[0] == NULL)
    return;
  stores = sk_list_page_dup_selected (page);

  dialog = sk_expiry_dialog_new (GTK_WINDOW (self), g_strv_length (ids));
  sk_expiry_dialog_set_stores (dialog, stores);
  g_object_set_data_full (G_OBJECT (dialog), "sk-store-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (expiry_answered_cb), self, 0);
  g_set_weak_pointer (&self->expiry_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
sk_window_get_expiry_dialog (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);

  return self->expiry_dialog;
}

gboolean
sk_window_get_expiry_pending (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);

  return self->expiry_pending;
}
