/* sk-window-rules.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-rules-dialog.h"

/* Cleanup rules in the window: the rules dialog, and the preview of a
 * rule, which shows the list page of its target with every filter and
 * search cleared, then only the items the rule matches, all selected,
 * under a bar saying what they add up to. Deleting them is the bar's or
 * the page's Delete button and its normal confirmation. Another page or
 * another account leaves the preview. */

static char *
rules_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storekeeper", "cleanup-rules.json", NULL);
}

static void
clear_page_filters (SkListPage *page)
{
  sk_list_page_set_search_text (page, "");
  sk_list_page_set_search_mode (page, FALSE);
}

/* The IDs of the items of @list that @rule matches */
static GStrv
matching_ids (SkWindow            *self,
              const SkCleanupRule *rule,
              SkPagedList         *list)
{
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  GListModel *model = G_LIST_MODEL (list);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      if (rule->target == SK_CLEANUP_FILES
          && sk_cleanup_rule_matches_file (rule, SK_FILE (item), self->usage_index, now))
        g_strv_builder_add (ids, sk_file_get_id (SK_FILE (item)));
      else if (rule->target != SK_CLEANUP_FILES
               && sk_cleanup_rule_matches_store (rule, SK_VECTOR_STORE (item), now))
        g_strv_builder_add (ids, sk_vector_store_get_id (SK_VECTOR_STORE (item)));
    }
  return g_strv_builder_end (ids);
}

/* The page shown changed: a preview on a page out of sight ends */
static void
view_changed_cb (SkWindow *self)
{
  SkListPage *current = _sk_window_get_current_page (self);

  if (current != SK_LIST_PAGE (self->files_page))
    sk_list_page_show_all (SK_LIST_PAGE (self->files_page));
  if (current != SK_LIST_PAGE (self->stores_page))
    sk_list_page_show_all (SK_LIST_PAGE (self->stores_page));
}

static void
follow_views (SkWindow *self)
{
  if (g_object_get_data (G_OBJECT (self), "sk-rule-preview-watch") != NULL)
    return;
  g_object_set_data (G_OBJECT (self), "sk-rule-preview-watch", GUINT_TO_POINTER (TRUE));
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stores_stack, "notify::visible-child", G_CALLBACK (view_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * _sk_window_preview_rule:
 * @self: the window
 * @rule: a cleanup rule
 *
 * Shows the files or the vector stores, with the page's filters cleared,
 * then only the items @rule matches, selected as soon as the page shows
 * them, under the bar of the preview.
 *
 * Returns: how many items @rule matches
 */
guint
_sk_window_preview_rule (SkWindow            *self,
                         const SkCleanupRule *rule)
{
  g_auto (GStrv) ids = NULL;
  SkListPage *page;

  follow_views (self);
  if (rule->target == SK_CLEANUP_FILES)
    {
      page = SK_LIST_PAGE (self->files_page);
      sk_files_page_set_orphans_only (self->files_page, FALSE);
      sk_files_page_set_unused_only (self->files_page, FALSE);
      sk_files_page_set_purpose (self->files_page, NULL);
      clear_page_filters (page);
      sk_window_set_view (self, "files");
      ids = matching_ids (self, rule, self->files);
    }
  else
    {
      page = SK_LIST_PAGE (self->stores_page);
      clear_page_filters (page);
      sk_window_set_view (self, "stores");
      sk_window_close_store (self);
      ids = matching_ids (self, rule, self->stores);
    }
  sk_list_page_show_only (page, (const char * const *) ids, rule->name);

  if (ids[0] == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The rule “%s” selects nothing"), rule->name);

      _sk_window_show_message (self, message);
    }
  return g_strv_length (ids);
}

static void
preview_cb (SkRulesDialog *dialog,
            gpointer       rule,
            SkWindow      *self)
{
  _sk_window_preview_rule (self, rule);
}

/* Opens the rules dialog over the window */
void
_sk_window_show_rules (SkWindow *self)
{
  g_autofree char *path = rules_path ();
  SkRulesDialog *dialog;

  if (self->rules_dialog != NULL)
    {
      gtk_window_present (self->rules_dialog);
      return;
    }
  dialog = sk_rules_dialog_new (GTK_WINDOW (self), path);
  g_signal_connect_object (dialog, "preview", G_CALLBACK (preview_cb), self, 0);
  g_set_weak_pointer (&self->rules_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
sk_window_get_rules_dialog (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);

  return self->rules_dialog;
}

static gboolean
page_preview_pending (SkListPage *page)
{
  return sk_list_page_preview_get_active (sk_list_page_get_preview (page)) && sk_list_page_get_busy (page);
}

/* TRUE while a preview waits for its page to show and select its rows */
gboolean
sk_window_get_preview_pending (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);

  return page_preview_pending (SK_LIST_PAGE (self->files_page))
         || page_preview_pending (SK_LIST_PAGE (self->stores_page));
}
