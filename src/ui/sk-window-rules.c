/* sk-window-rules.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-list-select.h"
#include "sk-rules-dialog.h"

/* Cleanup rules in the window: the rules dialog, and the preview of a
 * rule, which shows the list page of its target with every filter and
 * search cleared and exactly the items it matches selected. Deleting them
 * is then the page's Delete button and its confirmation. */

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

/* The items of @list that @rule matches (element-type GObject) */
static GPtrArray *
matching_items (SkWindow            *self,
                const SkCleanupRule *rule,
                SkPagedList         *list)
{
  GListModel *model = G_LIST_MODEL (list);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      gboolean matches;

      if (rule->target == SK_CLEANUP_FILES)
        matches = sk_cleanup_rule_matches_file (rule, SK_FILE (item), self->usage_index, now);
      else
        matches = sk_cleanup_rule_matches_store (rule, SK_VECTOR_STORE (item), now);
      if (matches)
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  return items;
}

/* The page refilters in steps after its filters were cleared: the rows
 * are selected once it is done, from an idle, out of the models' own
 * signal emissions */
static gboolean
select_idle_cb (gpointer data)
{
  SkListPage *page = data;
  g_autoptr (GPtrArray) items = NULL;

  if (sk_list_page_get_busy (page))
    return G_SOURCE_REMOVE;
  items = g_object_steal_data (G_OBJECT (page), "sk-rule-preview");
  if (items != NULL)
    sk_list_select_items (page, items);
  return G_SOURCE_REMOVE;
}

static void
page_busy_cb (SkListPage *page)
{
  if (!sk_list_page_get_busy (page))
    g_idle_add_full (G_PRIORITY_DEFAULT, select_idle_cb, g_object_ref (page), g_object_unref);
}

static void
select_when_shown (SkListPage *page,
                   GPtrArray  *items)
{
  g_object_set_data_full (G_OBJECT (page), "sk-rule-preview", g_ptr_array_ref (items),
                          (GDestroyNotify) g_ptr_array_unref);
  if (g_object_get_data (G_OBJECT (page), "sk-rule-preview-watch") == NULL)
    {
      g_object_set_data (G_OBJECT (page), "sk-rule-preview-watch", GUINT_TO_POINTER (TRUE));
      g_signal_connect (page, "notify::busy", G_CALLBACK (page_busy_cb), NULL);
    }
  page_busy_cb (page);
}

/**
 * _sk_window_preview_rule:
 * @self: the window
 * @rule: a cleanup rule
 *
 * Shows the files or the vector stores, unfiltered, with the items @rule
 * matches selected (and only those) as soon as the page shows them all,
 * and says how many in a toast.
 *
 * Returns: how many items @rule matches
 */
guint
_sk_window_preview_rule (SkWindow            *self,
                         const SkCleanupRule *rule)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char *message = NULL;
  SkListPage *page;

  if (rule->target == SK_CLEANUP_FILES)
    {
      page = SK_LIST_PAGE (self->files_page);
      sk_files_page_set_orphans_only (self->files_page, FALSE);
      sk_files_page_set_unused_only (self->files_page, FALSE);
      sk_files_page_set_purpose (self->files_page, NULL);
      clear_page_filters (page);
      sk_window_set_view (self, "files");
      items = matching_items (self, rule, self->files);
    }
  else
    {
      page = SK_LIST_PAGE (self->stores_page);
      clear_page_filters (page);
      sk_window_set_view (self, "stores");
      sk_window_close_store (self);
      items = matching_items (self, rule, self->stores);
    }
  select_when_shown (page, items);

  if (items->len == 0)
    message = g_strdup_printf (_("The rule “%s” selects nothing"), rule->name);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: the preview of a cleanup rule */
                                            "The rule “%s” selects %'u item: review it, then delete it",
                                            "The rule “%s” selects %'u items: review them, then delete them",
                                            items->len),
                               rule->name, items->len);
  _sk_window_show_message (self, message);
  return items->len;
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

/* TRUE while a preview waits for its page to show every row */
gboolean
sk_window_get_preview_pending (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), FALSE);

  return g_object_get_data (G_OBJECT (self->files_page), "sk-rule-preview") != NULL
         || g_object_get_data (G_OBJECT (self->stores_page), "sk-rule-preview") != NULL;
}
