/* sk-journal-prompts.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects the window's deletion controller to the deletion history: the
 * journal and the account's title for each account the window opens, the
 * question asked when a deletion cannot be recorded, and the one about a
 * deletion of that account that a crash interrupted.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-journal-prompts.h"

#include "sk-resume-prompt.h"
#include "sk-window-private.h"

#define JOURNAL_KEY "sk-journal-prompts-journal"
#define ERROR_KEY   "sk-journal-prompts-error"
#define DONE_KEY    "sk-journal-prompts-done"
#define DIALOG_KEY  "sk-journal-prompts-failed-dialog"

static void
failed_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SkDeletion       *deletion)
{
  SkWindow *window = SK_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  g_object_set_data (G_OBJECT (window), DIALOG_KEY, NULL);
  if (g_strcmp0 (response, "go-on") == 0)
    sk_deletion_go_on_without_record (deletion);
  else
    sk_deletion_drop_held (deletion);
}

static void
journal_failed_cb (SkDeletion   *deletion,
                   const GError *error,
                   SkWindow     *window)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("The Deletion Cannot Be Recorded"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nNothing has been deleted yet. Delete anyway, with no record "
                                    "in the deletion history?"),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "go-on", _("_Delete Without a Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "go-on", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (failed_response_cb), deletion, 0);
  g_object_set_data (G_OBJECT (window), DIALOG_KEY, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
account_changed_cb (SkWindow   *window,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  SkJournal *journal = g_object_get_data (G_OBJECT (window), JOURNAL_KEY);
  SkDeletion *deletion = sk_window_get_deletion (window);
  SkAccount *account = sk_window_get_account (window);

  if (deletion == NULL || account == NULL || g_object_get_data (G_OBJECT (deletion), DONE_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (deletion), DONE_KEY, GINT_TO_POINTER (TRUE));
  sk_deletion_set_journal (deletion, journal);
  sk_deletion_set_journal_error (deletion, g_object_get_data (G_OBJECT (window), ERROR_KEY));
  sk_deletion_set_account_name (deletion, sk_account_get_title (account));
  g_signal_connect_object (deletion, "journal-failed", G_CALLBACK (journal_failed_cb), window, 0);
  /* a deletion of this account that a crash interrupted */
  if (journal != NULL)
    sk_resume_prompt_check (GTK_WINDOW (window), journal, deletion, sk_account_get_title (account));
}

void
sk_journal_prompts_attach (SkWindow     *window,
                           SkJournal    *journal,
                           const GError *error)
{
  g_return_if_fail (SK_IS_WINDOW (window));
  g_return_if_fail (journal == NULL || SK_IS_JOURNAL (journal));
  g_return_if_fail (journal != NULL || error != NULL);

  if (journal != NULL)
    g_object_set_data_full (G_OBJECT (window), JOURNAL_KEY, g_object_ref (journal), g_object_unref);
  else
    g_object_set_data_full (G_OBJECT (window), ERROR_KEY, g_error_copy (error), (GDestroyNotify) g_error_free);
  g_signal_connect (window, "notify::account", G_CALLBACK (account_changed_cb), NULL);
  account_changed_cb (window, NULL, NULL);
}

AdwMessageDialog *
sk_journal_prompts_get_failed_dialog (SkWindow *window)
{
  g_return_val_if_fail (SK_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), DIALOG_KEY);
}
