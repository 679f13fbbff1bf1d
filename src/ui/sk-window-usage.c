/* sk-window-usage.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-file.h"
#include "sk-format.h"
#include "sk-usage-loader.h"
#include "sk-uses-dialog.h"

/* Where each file is used beyond vector stores: once the orphan finder has
 * listed the stores' entries, the window lists the batches and fine-tuning
 * jobs, shows the result in the files page and uses it to keep the files a
 * running job reads out of a deletion unless the user asks otherwise. */

typedef struct
{
  GWeakRef window;
  guint    generation;
} UsageLoad;

static void
usage_load_free (UsageLoad *load)
{
  g_weak_ref_clear (&load->window);
  g_free (load);
}

static void
usage_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  UsageLoad *load = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkUsageIndex) index = NULL;
  g_autoptr (SkWindow) self = NULL;

  index = sk_usage_loader_load_finish (result, &error);
  self = g_weak_ref_get (&load->window);
  if (self == NULL || load->generation != self->usage_generation)
    {
      usage_load_free (load);
      return;
    }
  usage_load_free (load);

  self->jobs_ready = TRUE;
  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !sk_format_is_unauthorized (error))
        {
          g_autofree char *message =
            g_strdup_printf (_("Could not find which batches and fine-tuning jobs use each file: %s"),
                             error->message);

          _sk_window_show_message (self, message);
        }
      return;
    }

  g_set_object (&self->usage_index, index);
  if (self->files_page != NULL)
    sk_files_page_set_usage_index (self->files_page, index);
}

/* Forgets the usage of the previous listing */
void
_sk_window_clear_usage (SkWindow *self)
{
  self->usage_generation++;
  self->jobs_ready = FALSE;
  g_clear_object (&self->usage_index);
  if (self->files_page != NULL)
    sk_files_page_set_usage_index (self->files_page, NULL);
}

/* Lists the batches and jobs, with the store entries @finder found */
void
_sk_window_load_usage (SkWindow       *self,
                       SkOrphanFinder *finder)
{
  UsageLoad *load;

  _sk_window_clear_usage (self);
  if (self->account == NULL)
    return;

  load = g_new0 (UsageLoad, 1);
  g_weak_ref_init (&load->window, self);
  load->generation = self->usage_generation;
  sk_usage_loader_load_async (sk_account_get_client (self->account), sk_orphan_finder_get_entries (finder),
                              self->cancellable, usage_loaded_cb, load);
}

/* Of @ids, the files a running batch or job reads (NULL when none, or when
 * the usage is not known); fills @dialog's warning about them. */
char **
_sk_window_usage_mark_busy (SkWindow            *self,
                            SkDeleteFilesDialog *dialog,
                            GPtrArray           *ids)
{
  g_autoptr (GStrvBuilder) busy = g_strv_builder_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_finished_only = 0;

  if (self->usage_index == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      SkFile *file;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      if (sk_usage_index_is_busy (self->usage_index, id))
        {
          file = self->files_by_id ? g_hash_table_lookup (self->files_by_id, id) : NULL;
          g_strv_builder_add (busy, id);
          g_ptr_array_add (names, (gpointer) (file ? sk_file_get_filename (file) : id));
        }
      else if (sk_usage_index_count (self->usage_index, id, SK_USE_BATCH) +
               sk_usage_index_count (self->usage_index, id, SK_USE_FINE_TUNING_JOB) > 0)
        n_finished_only++;
    }

  sk_delete_files_dialog_set_busy (dialog, (const char * const *) names->pdata, names->len, n_finished_only);
  if (names->len == 0)
    return NULL;
  return g_strv_builder_end (busy);
}

/* @ids without the @busy ones (transfer full), or NULL, with a message
 * shown, when that leaves nothing */
char **
_sk_window_usage_leave_out (SkWindow           *self,
                            const char * const *ids,
                            const char * const *busy)
{
  g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
  g_auto (GStrv) result = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    if (busy == NULL || !g_strv_contains (busy, ids[i]))
      g_strv_builder_add (kept, ids[i]);
  result = g_strv_builder_end (kept);
  if (result[0] == NULL)
    {
      _sk_window_show_message (self, _("Nothing deleted: running jobs still read every file selected"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

SkUsageIndex *
sk_window_get_usage_index (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);

  return self->usage_index;
}

gboolean
sk_window_get_jobs_ready (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);

  return self->jobs_ready;
}

static void
uses_answered_cb (SkUsesDialog *dialog,
                  const char   *response,
                  SkWindow     *self)
{
  g_clear_weak_pointer (&self->uses_dialog);
}

/* Opens the dialog that lists where the selected files are used */
void
_sk_window_show_uses_selected (SkWindow *self)
{
  SkListPage *page = _sk_window_get_current_page (self);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GHashTable) store_names = NULL;
  guint n_stores;
  SkUsesDialog *dialog;

  if (page == NULL || sk_list_page_get_item_type (page) != SK_TYPE_FILE || self->uses_dialog != NULL)
    return;
  files = sk_list_page_dup_selected (page);
  if (files->len == 0)
    return;
  if (self->usage_index == NULL)
    {
      _sk_window_show_message (self, _("Still finding which batches and fine-tuning jobs use each file; "
                                       "try again in a moment"));
      return;
    }

  /* the stores by name, as the Vector Stores page lists them */
  store_names = g_hash_table_new (g_str_hash, g_str_equal);
  n_stores = self->stores ? g_list_model_get_n_items (G_LIST_MODEL (self->stores)) : 0;
  for (guint i = 0; i < n_stores; i++)
    {
      g_autoptr (SkVectorStore) store = g_list_model_get_item (G_LIST_MODEL (self->stores), i);

      /* the strings stay alive with the stores the model holds */
      if (sk_vector_store_get_name (store) != NULL)
        g_hash_table_insert (store_names, (gpointer) sk_vector_store_get_id (store),
                             (gpointer) sk_vector_store_get_name (store));
    }
  dialog = sk_uses_dialog_new (GTK_WINDOW (self), self->usage_index, store_names, files);
  g_signal_connect_object (dialog, "response", G_CALLBACK (uses_answered_cb), self, 0);
  g_set_weak_pointer (&self->uses_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
sk_window_get_uses_dialog (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);

  return self->uses_dialog;
}
