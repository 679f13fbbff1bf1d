/* sk-window-expiry.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-expiry-dialog.h"

/* Setting or clearing the expiry policy of the selected vector stores: the
 * dialog asks the days, then one request per store, a few at a time (the
 * client's rate-limit gate paces them further), then a toast and a refresh
 * so that the Expires column shows the new dates. */

#define MAX_IN_FLIGHT 4

typedef struct
{
  GWeakRef  window;
  SkClient *client;
  GCancellable *cancellable;
  char    **ids;
  guint     next;
  guint     days;
  guint     pending;
  guint     n_done;
  guint     n_failed;
  char     *first_error;
} ExpiryRun;

static void
expiry_run_free (ExpiryRun *run)
{
  g_weak_ref_clear (&run->window);
  g_clear_object (&run->client);
  g_clear_object (&run->cancellable);
  g_strfreev (run->ids);
  g_free (run->first_error);
  g_free (run);
}

static void
expiry_run_end (ExpiryRun *run)
{
  g_autoptr (SkWindow) self = g_weak_ref_get (&run->window);
  g_autofree char *message = NULL;

  if (self != NULL)
    {
      self->expiry_pending = FALSE;
      if (run->n_failed > 0)
        message = g_strdup_printf (ngettext ("Could not change the expiry of %'u vector store: %s",
                                             "Could not change the expiry of %'u vector stores: %s",
                                             run->n_failed),
                                   run->n_failed, run->first_error);
      else if (run->days > 0)
        message = g_strdup_printf (ngettext ("%'u vector store now expires after %'u days without activity",
                                             "%'u vector stores now expire after %'u days without activity",
                                             run->n_done),
                                   run->n_done, run->days);
      else
        message = g_strdup_printf (ngettext ("%'u vector store no longer expires",
                                             "%'u vector stores no longer expire", run->n_done),
                                   run->n_done);
      _sk_window_show_message (self, message);
      sk_window_refresh (self);
    }
  expiry_run_free (run);
}

static void store_updated_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Sends the next request, if any is left */
static void
expiry_run_next (ExpiryRun *run)
{
  if (run->ids[run->next] == NULL)
    return;
  run->pending++;
  sk_client_set_vector_store_expiry_async (run->client, run->ids[run->next++], run->days, run->cancellable,
                                           store_updated_cb, run);
}

static void
store_updated_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ExpiryRun *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkVectorStore) store = NULL;

  store = sk_client_set_vector_store_expiry_finish (SK_CLIENT (source), result, &error);
  if (store != NULL)
    run->n_done++;
  else
    {
      run->n_failed++;
      if (run->first_error == NULL)
        run->first_error = g_strdup (error->message);
    }
  run->pending--;
  expiry_run_next (run);
  if (run->pending == 0)
    expiry_run_end (run);
}

static void
expiry_answered_cb (SkExpiryDialog *dialog,
                    const char     *response,
                    SkWindow       *self)
{
  g_auto (GStrv) ids = NULL;
  ExpiryRun *run;

  g_clear_weak_pointer (&self->expiry_dialog);
  if (!g_str_equal (response, "apply") || self->account == NULL)
    return;

  ids = g_object_steal_data (G_OBJECT (dialog), "sk-store-ids");
  if (ids == NULL || ids[0] == NULL)
    return;

  run = g_new0 (ExpiryRun, 1);
  g_weak_ref_init (&run->window, self);
  run->client = g_object_ref (sk_account_get_client (self->account));
  run->cancellable = g_object_ref (self->cancellable);
  run->ids = g_steal_pointer (&ids);
  run->days = sk_expiry_dialog_get_days (dialog);
  self->expiry_pending = TRUE;
  for (guint i = 0; i < MAX_IN_FLIGHT; i++)
    expiry_run_next (run);
}

/* Opens the expiry dialog for the vector stores selected in the stores page */
void
_sk_window_set_expiry_selected (SkWindow *self)
{
  SkListPage *page = _sk_window_get_current_page (self);
  g_auto (GStrv) ids = NULL;
  SkExpiryDialog *dialog;

  if (page == NULL || sk_list_page_get_item_type (page) != SK_TYPE_VECTOR_STORE ||
      self->expiry_dialog != NULL || self->expiry_pending)
    return;
  ids = sk_list_page_dup_selected_ids (page);
  if (ids[0] == NULL)
    return;

  dialog = sk_expiry_dialog_new (GTK_WINDOW (self), g_strv_length (ids));
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
