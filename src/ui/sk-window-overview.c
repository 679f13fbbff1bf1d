/* sk-window-overview.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-window-private.h"

#include "sk-list-select.h"

/* The window's Overview: a summary made again each time the lists or the
 * store usage change, and where the page's rows lead. */

static GPtrArray *
items_of (SkPagedList *list)
{
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static gboolean
list_ready (SkPagedList *list)
{
  return list != NULL && !sk_paged_list_get_loading (list) && sk_paged_list_get_error (list) == NULL;
}

/**
 * _sk_window_update_overview:
 * @self: the window
 *
 * Counts again once both lists are loaded; until then the Overview says it
 * is counting. The store usage joins when the orphan finder has it.
 */
void
_sk_window_update_overview (SkWindow *self)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (SkStorageSummary) summary = NULL;
  GHashTable *usage = NULL;
  GPtrArray *entries = NULL;

  sk_overview_page_set_account (self->overview_page, self->account);
  if (!list_ready (self->files) || !list_ready (self->stores))
    {
      sk_overview_page_set_summary (self->overview_page, NULL);
      return;
    }

  if (self->usage_ready && self->orphan_finder != NULL)
    {
      usage = sk_orphan_finder_get_usage (self->orphan_finder);
      entries = sk_orphan_finder_get_entries (self->orphan_finder);
    }
  files = items_of (self->files);
  stores = items_of (self->stores);
  summary = sk_storage_summary_new (files, stores, entries, usage, g_get_real_time () / G_USEC_PER_SEC);
  sk_overview_page_set_summary (self->overview_page, summary);
}

static void
price_changed_cb (SkWindow *self)
{
  SkStoragePrice price = {
    g_settings_get_double (self->settings, "storage-price-per-gb-day"),
    g_settings_get_double (self->settings, "storage-free-gb"),
  };

  sk_overview_page_set_price (self->overview_page, &price);
  sk_stores_page_set_price (self->stores_page, &price);
}

/* The overview leads elsewhere through the window's actions, so that it
 * calls nothing of the window's own files */
static void
activate (SkWindow   *self,
          const char *action,
          const char *param)
{
  gtk_widget_activate_action (GTK_WIDGET (self), action, param ? "s" : NULL, param);
}

static void
show_stores_list (SkWindow *self)
{
  activate (self, "win.view", "stores");
  activate (self, "win.back", NULL);
}

static void
show_all_files (SkWindow   *self,
                const char *purpose)
{
  sk_files_page_set_orphans_only (self->files_page, FALSE);
  sk_list_page_set_search_text (SK_LIST_PAGE (self->files_page), "");
  sk_list_page_set_search_mode (SK_LIST_PAGE (self->files_page), FALSE);
  sk_files_page_set_purpose (self->files_page, purpose);
  activate (self, "win.view", "files");
}

static void
show_files_cb (SkWindow   *self,
               const char *purpose)
{
  show_all_files (self, purpose);
}

static void
show_store_cb (SkWindow   *self,
               const char *store_id)
{
  if (store_id != NULL)
    activate (self, "win.open-store", store_id);
  else
    show_stores_list (self);
}

/* Store entries are removed store by store: open the store that holds the
 * most of them, and say so when there are others */
static void
review_entries (SkWindow  *self,
                GPtrArray *entries)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const char *store_id = sk_vector_store_file_get_vector_store_id (g_ptr_array_index (entries, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, store_id)) + 1;

      g_hash_table_insert (counts, (gpointer) store_id, GUINT_TO_POINTER (n));
      if (n > best_n)
        {
          best = store_id;
          best_n = n;
        }
    }
  if (best == NULL)
    return;

  show_store_cb (self, best);
  if (g_hash_table_size (counts) > 1)
    {
      g_autofree char *message = NULL;
      guint n_stores = g_hash_table_size (counts);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: entries to review are spread over several stores */
                                              "These entries are in %u store: here is the one with the most (%u)",
                                              "These entries are in %u stores: here is the one with the most (%u)",
                                              n_stores),
                                 n_stores, best_n);
      activate (self, "win.toast", message);
    }
}

static void
review_cb (SkWindow *self,
           guint     kind)
{
  SkStorageSummary *summary = sk_overview_page_get_summary (self->overview_page);
  const SkReclaim *reclaim;

  if (summary == NULL || kind >= SK_RECLAIM_N_KINDS)
    return;
  reclaim = sk_storage_summary_get_reclaim (summary, kind);

  switch ((SkReclaimKind) kind)
    {
    case SK_RECLAIM_UNUSED_FILES:
      show_all_files (self, NULL);
      sk_files_page_select_orphans (self->files_page);
      break;
    case SK_RECLAIM_EXPIRED_FILES:
      show_all_files (self, NULL);
      sk_list_select_items (SK_LIST_PAGE (self->files_page), reclaim->items);
      break;
    case SK_RECLAIM_EXPIRED_STORES:
    case SK_RECLAIM_EMPTY_STORES:
      sk_list_page_set_search_text (SK_LIST_PAGE (self->stores_page), "");
      sk_list_page_set_search_mode (SK_LIST_PAGE (self->stores_page), FALSE);
      show_stores_list (self);
      sk_list_select_items (SK_LIST_PAGE (self->stores_page), reclaim->items);
      break;
    case SK_RECLAIM_FAILED_ENTRIES:
    case SK_RECLAIM_MISSING_ENTRIES:
      review_entries (self, reclaim->items);
      break;
    case SK_RECLAIM_N_KINDS:
    default:
      break;
    }
}

void
_sk_window_overview_init (SkWindow *self)
{
  g_signal_connect_object (self->overview_page, "show-files", G_CALLBACK (show_files_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview_page, "show-store", G_CALLBACK (show_store_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview_page, "review", G_CALLBACK (review_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::storage-price-per-gb-day",
                           G_CALLBACK (price_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::storage-free-gb",
                           G_CALLBACK (price_changed_cb), self, G_CONNECT_SWAPPED);
  price_changed_cb (self);
}
