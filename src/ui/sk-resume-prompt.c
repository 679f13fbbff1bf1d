/* sk-resume-prompt.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a crash: the question about a deletion that stopped half-way, and
 * resuming what it left.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-resume-prompt.h"

#include "sk-delete-files-dialog.h"
#include "sk-delete-stores-dialog.h"
#include "sk-format.h"
#include "sk-history.h"

#define ASKED_KEY   "sk-resume-prompt-asked"
#define DIALOG_KEY  "sk-resume-prompt-dialog"
#define CONFIRM_KEY "sk-resume-prompt-confirm"

/* One question: the job, what the verification found, what is left */
typedef struct
{
  GtkWindow    *parent;
  SkJournal    *journal;
  SkDeletion   *deletion;
  SkJournalJob *job;
  GHashTable   *present;    /* IDs still there, or NULL: not verified */
  GStrv         left;       /* what resuming deletes */
  GPtrArray    *left_stores; /* NULL-terminated */
  GPtrArray    *left_files;  /* NULL-terminated */
} Prompt;

static void
prompt_free (Prompt *prompt)
{
  g_clear_object (&prompt->parent);
  g_clear_object (&prompt->journal);
  g_clear_object (&prompt->deletion);
  g_clear_object (&prompt->job);
  g_clear_pointer (&prompt->present, g_hash_table_unref);
  g_clear_pointer (&prompt->left, g_strfreev);
  g_clear_pointer (&prompt->left_stores, g_ptr_array_unref);
  g_clear_pointer (&prompt->left_files, g_ptr_array_unref);
  g_free (prompt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prompt, prompt_free)

/* "5,000 files", "3 vector stores"... */
static char *
job_noun (SkJournalJob *job)
{
  guint n = sk_journal_job_get_n_items (job);

  switch (sk_journal_job_get_kind (job))
    {
    case SK_JOURNAL_KIND_VECTOR_STORES:
    case SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES:
      return g_strdup_printf (ngettext ("%'u item of vector stores", "%'u items of vector stores", n), n);
    case SK_JOURNAL_KIND_DETACH:
      return g_strdup_printf (ngettext ("%'u file from a vector store", "%'u files from a vector store", n), n);
    case SK_JOURNAL_KIND_FILES:
    case SK_JOURNAL_KIND_EXPIRY:
    default:
      return g_strdup_printf (ngettext ("%'u file", "%'u files", n), n);
    }
}

static gint64
left_bytes (Prompt *prompt)
{
  gint64 bytes = 0;

  for (guint i = 0; prompt->left[i] != NULL; i++)
    bytes += sk_journal_item_get_bytes (sk_journal_job_lookup_item (prompt->job, prompt->left[i]));
  return bytes;
}

static void
dismiss (Prompt *prompt)
{
  g_autoptr (GError) error = NULL;

  if (!sk_journal_dismiss (prompt->journal, sk_journal_job_get_id (prompt->job), &error))
    g_warning ("Could not mark the interrupted deletion as seen: %s", error->message);
}

/* The user confirmed: the old job is seen, the rest is a new deletion */
static void
resume (Prompt *prompt,
        SkDeleteStoresChoice choice)
{
  g_autoptr (GHashTable) names = sk_history_job_names (prompt->job);
  const char *store_id = NULL;

  dismiss (prompt);
  sk_deletion_set_names (prompt->deletion, names);
  if (prompt->left_stores->len > 1)
    sk_deletion_delete_stores (prompt->deletion, (const char * const *) prompt->left_stores->pdata,
                               choice, NULL, NULL);
  else if (sk_journal_job_get_kind (prompt->job) == SK_JOURNAL_KIND_DETACH)
    {
      store_id = sk_journal_item_get_vector_store_id (sk_journal_job_lookup_item (prompt->job, prompt->left[0]));
      if (store_id != NULL)
        sk_deletion_detach_files (prompt->deletion, store_id, store_id, (const char * const *) prompt->left);
    }
  else
    sk_deletion_delete_files (prompt->deletion, (const char * const *) prompt->left_files->pdata);
}

static void
confirmed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (Prompt) prompt = user_data;
  SkDeleteStoresChoice choice = SK_DELETE_STORES_KEEP_FILES;
  gboolean confirmed;

  g_object_set_data (G_OBJECT (prompt->parent), CONFIRM_KEY, NULL);
  if (SK_IS_DELETE_STORES_DIALOG (source))
    confirmed = sk_delete_stores_dialog_run_finish (SK_DELETE_STORES_DIALOG (source), result, &choice, NULL);
  else
    confirmed = sk_delete_dialog_run_finish (SK_DELETE_DIALOG (source), result, NULL);
  if (confirmed)
    resume (prompt, choice);
}

/* The usual confirmation, of what is left only */
static void
confirm (Prompt *prompt)
{
  SkDeleteDialog *dialog;

  if (prompt->left_stores->len > 1)
    {
      SkDeleteStoresDialog *stores =
        sk_delete_stores_dialog_new (prompt->parent, prompt->left_stores->len - 1, 0, -1, -1, FALSE);

      if (sk_journal_job_get_kind (prompt->job) == SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES)
        sk_delete_stores_dialog_set_choice (stores, SK_DELETE_STORES_ALL_FILES);
      dialog = SK_DELETE_DIALOG (stores);
    }
  else
    dialog = SK_DELETE_DIALOG (sk_delete_files_dialog_new (prompt->parent, g_strv_length (prompt->left),
                                                           left_bytes (prompt), -1, FALSE));
  g_object_set_data (G_OBJECT (prompt->parent), CONFIRM_KEY, dialog);
  sk_delete_dialog_run (dialog, NULL, confirmed_cb, prompt);
}

static void
prompt_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Prompt           *prompt)
{
  g_object_set_data (G_OBJECT (prompt->parent), DIALOG_KEY, NULL);
  if (g_strcmp0 (response, "resume") == 0)
    {
      confirm (prompt);
      return;
    }
  if (g_strcmp0 (response, "dismiss") == 0)
    dismiss (prompt);
  prompt_free (prompt);
}

static void
ask (Prompt *prompt)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (sk_journal_job_get_time (prompt->job));
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *noun = job_noun (prompt->job);
  g_autoptr (GString) body = g_string_new (NULL);
  guint n_unknown = sk_journal_job_get_n_unknown (prompt->job);
  guint n_left;
  AdwMessageDialog *dialog;

  prompt->left = sk_history_left_ids (prompt->job, prompt->present);
  prompt->left_stores = g_ptr_array_new ();
  prompt->left_files = g_ptr_array_new ();
  for (guint i = 0; prompt->left[i] != NULL; i++)
    g_ptr_array_add (g_str_has_prefix (prompt->left[i], "vs_") ? prompt->left_stores : prompt->left_files,
                     prompt->left[i]);
  g_ptr_array_add (prompt->left_stores, NULL);
  g_ptr_array_add (prompt->left_files, NULL);
  n_left = g_strv_length (prompt->left);

  /* Translators: "A deletion of 5,000 files was interrupted on 2026-12-01 21:04: 3,112 deleted,
   * 1,880 not attempted, 8 unknown." */
  g_string_append_printf (body, _("A deletion of %s was interrupted on %s: %'u deleted, %'u not attempted, "
                                  "%'u unknown."),
                          noun, when, sk_journal_job_get_n_deleted (prompt->job),
                          sk_journal_job_get_n_not_attempted (prompt->job), n_unknown);
  if (n_unknown > 0 && prompt->present != NULL)
    {
      g_autoptr (GPtrArray) unknown = sk_journal_job_list_ids (prompt->job, SK_JOURNAL_ITEM_UNKNOWN);
      guint n_there = 0;

      for (guint i = 0; i < unknown->len; i++)
        if (g_hash_table_contains (prompt->present, g_ptr_array_index (unknown, i)))
          n_there++;
      g_string_append (body, " ");
      g_string_append_printf (body, _("Of the unknown ones, the account still lists %'u; the others are gone."),
                              n_there);
    }
  else if (n_unknown > 0)
    {
      g_string_append (body, " ");
      g_string_append (body, _("The account could not be listed to check the unknown ones."));
    }
  g_string_append (body, "\n\n");
  if (n_left > 0)
    g_string_append_printf (body, ngettext ("Resume deletes the %'u item left, after the usual confirmation.",
                                            "Resume deletes the %'u items left, after the usual confirmation.",
                                            n_left),
                            n_left);
  else
    g_string_append (body, _("Nothing is left to delete."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (prompt->parent, _("A Deletion Was Interrupted"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog, "later", _("_Later"), "dismiss", _("_Dismiss"), NULL);
  adw_message_dialog_set_close_response (dialog, "later");
  if (n_left > 0)
    {
      adw_message_dialog_add_response (dialog, "resume", _("_Resume…"));
      adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "resume");
    }
  g_signal_connect (dialog, "response", G_CALLBACK (prompt_response_cb), prompt);
  g_object_set_data (G_OBJECT (prompt->parent), DIALOG_KEY, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Prompt *prompt = user_data;
  g_autoptr (GError) error = NULL;

  prompt->present = sk_history_verify_finish (SK_CLIENT (source), result, &error);
  if (prompt->present == NULL)
    g_message ("The interrupted deletion could not be verified: %s", error->message);
  if (!gtk_widget_get_visible (GTK_WIDGET (prompt->parent)))
    {
      prompt_free (prompt);
      return;
    }
  ask (prompt);
}

void
sk_resume_prompt_check (GtkWindow  *parent,
                        SkJournal  *journal,
                        SkDeletion *deletion,
                        const char *account_name)
{
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *asked;
  Prompt *prompt;
  SkJournalJob *found = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SK_IS_JOURNAL (journal));
  g_return_if_fail (SK_IS_DELETION (deletion));

  jobs = sk_journal_load (journal, &error);
  if (jobs == NULL)
    return;
  asked = g_object_get_data (G_OBJECT (parent), ASKED_KEY);
  if (asked == NULL)
    {
      asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (parent), ASKED_KEY, asked, (GDestroyNotify) g_hash_table_unref);
    }
  for (guint i = 0; i < jobs->len && found == NULL; i++)
    {
      SkJournalJob *job = g_ptr_array_index (jobs, i);

      if (sk_journal_job_get_interrupted (job) && !sk_journal_job_get_dismissed (job) &&
          g_strcmp0 (sk_journal_job_get_account (job), account_name) == 0 &&
          !g_hash_table_contains (asked, sk_journal_job_get_id (job)))
        found = job;
    }
  if (found == NULL)
    return;
  g_hash_table_add (asked, g_strdup (sk_journal_job_get_id (found)));

  prompt = g_new0 (Prompt, 1);
  prompt->parent = g_object_ref (parent);
  prompt->journal = g_object_ref (journal);
  prompt->deletion = g_object_ref (deletion);
  prompt->job = g_object_ref (found);
  /* the items in flight (and those never tried: someone else may have
   * deleted them) are looked for first */
  sk_history_verify_async (sk_deletion_get_client (deletion), found, NULL, verified_cb, prompt);
}

AdwMessageDialog *
sk_resume_prompt_get_dialog (GtkWindow *parent)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  return g_object_get_data (G_OBJECT (parent), DIALOG_KEY);
}

AdwMessageDialog *
sk_resume_prompt_get_confirm (GtkWindow *parent)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  return g_object_get_data (G_OBJECT (parent), CONFIRM_KEY);
}
