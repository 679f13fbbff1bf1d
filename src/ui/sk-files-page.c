/* sk-files-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-files-page.h"

#include "sk-file.h"
#include "sk-format.h"
#include "sk-usage-column.h"

#include <stdlib.h>

struct _SkFilesPage
{
  SkListPage           parent_instance;

  GtkDropDown         *purpose_dropdown;
  GtkCheckButton      *orphans_check;
  GtkButton           *select_orphans_button;
  GtkCheckButton      *unused_check;

  GtkStringList       *purposes;
  GHashTable          *purposes_seen;
  GHashTable          *usage;
  GtkColumnViewColumn *stores_column;
  SkUsageIndex        *usage_index;
  GtkColumnViewColumn *used_by_column;

  char                *purpose;
  gboolean             orphans_only;
  gboolean             unused_only;
  gboolean             updating_purposes;
};

G_DEFINE_FINAL_TYPE (SkFilesPage, sk_files_page, SK_TYPE_LIST_PAGE)

/* Cells */

static char *
filename_text (GObject *item, gpointer data, const char **css)
{
  return g_strdup (sk_file_get_filename (SK_FILE (item)));
}

static char *
id_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  return g_strdup (sk_file_get_id (SK_FILE (item)));
}

static char *
purpose_text (GObject *item, gpointer data, const char **css)
{
  return g_strdup (sk_file_get_purpose (SK_FILE (item)));
}

static char *
size_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_size (sk_file_get_bytes (SK_FILE (item)));
}

static char *
created_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_date (sk_file_get_created_at (SK_FILE (item)), NULL);
}

static char *
expires_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  /* Translators: a file that never expires */
  return sk_format_date (sk_file_get_expires_at (SK_FILE (item)), _("Never"));
}

static guint
count_stores (SkFilesPage *self,
              SkFile      *file)
{
  GPtrArray *stores;

  if (self->usage == NULL)
    return 0;
  stores = g_hash_table_lookup (self->usage, sk_file_get_id (file));
  return stores ? stores->len : 0;
}

static char *
stores_text (GObject *item, gpointer data, const char **css)
{
  SkFilesPage *self = data;
  guint n;

  if (self->usage == NULL)
    {
      *css = "dim-label";
      return g_strdup ("…");
    }
  n = count_stores (self, SK_FILE (item));
  if (n == 0)
    {
      *css = "dim-label";
      /* Translators: in the "In stores" column, a file used by no vector store */
      return g_strdup (C_("stores", "None"));
    }
  return g_strdup_printf ("%u", n);
}

static int
stores_compare (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  SkFilesPage *self = data;
  guint na = count_stores (self, SK_FILE ((gpointer) a));
  guint nb = count_stores (self, SK_FILE ((gpointer) b));

  return na < nb ? GTK_ORDERING_SMALLER : na > nb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Filter */

/* Only files of the purposes that vector stores hold can be "orphans": batch
 * input, fine-tuning data and every kind of output are never attached to a
 * store, and calling them unused would invite deleting files the account
 * still needs. */
static gboolean
has_store_purpose (SkFile *file)
{
  const char *purpose = sk_file_get_purpose (file);

  return g_strcmp0 (purpose, "assistants") == 0 || g_strcmp0 (purpose, "user_data") == 0;
}

static SkUsageIndex *
get_usage_index (gpointer data)
{
  return SK_FILES_PAGE (data)->usage_index;
}

/* Purposes */

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
rebuild_purposes (SkFilesPage *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr (GPtrArray) strings = g_ptr_array_new ();
  guint n_keys = 0;
  guint selected = 0;

  keys = (const char **) g_hash_table_get_keys_as_array (self->purposes_seen, &n_keys);
  qsort (keys, n_keys, sizeof (char *), compare_strings);
  g_ptr_array_add (strings, (gpointer) _("All Purposes"));
  for (guint i = 0; i < n_keys; i++)
    g_ptr_array_add (strings, (gpointer) keys[i]);
  g_ptr_array_add (strings, NULL);

  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (keys[i], self->purpose) == 0)
      selected = i + 1;

  self->updating_purposes = TRUE;
  gtk_string_list_splice (self->purposes, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->purposes)),
                          (const char * const *) strings->pdata);
  gtk_drop_down_set_selected (self->purpose_dropdown, selected);
  self->updating_purposes = FALSE;
}

/* Adds the purposes of the @added items at @position of @list to the
 * dropdown */
static void
collect_purposes (SkFilesPage *self,
                  GListModel  *list,
                  guint        position,
                  guint        added)
{
  gboolean changed = FALSE;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (SkFile) file = g_list_model_get_item (list, i);
      const char *purpose = sk_file_get_purpose (file);

      if (purpose != NULL && !g_hash_table_contains (self->purposes_seen, purpose))
        {
          g_hash_table_add (self->purposes_seen, g_strdup (purpose));
          changed = TRUE;
        }
    }

  if (changed)
    rebuild_purposes (self);
}

/* Callbacks */

static void
orphans_toggled_cb (SkFilesPage *self)
{
  gboolean active = gtk_check_button_get_active (self->orphans_check);

  if (active == self->orphans_only)
    return;
  self->orphans_only = active;
  sk_list_page_refilter (SK_LIST_PAGE (self),
                         active ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
unused_toggled_cb (SkFilesPage *self)
{
  gboolean active = gtk_check_button_get_active (self->unused_check);

  if (active == self->unused_only)
    return;
  self->unused_only = active;
  sk_list_page_refilter (SK_LIST_PAGE (self),
                         active ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
purpose_selected_cb (SkFilesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->purpose_dropdown);
  const char *purpose = NULL;

  if (self->updating_purposes)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    purpose = gtk_string_list_get_string (self->purposes, selected);
  if (g_strcmp0 (purpose, self->purpose) == 0)
    return;

  g_free (self->purpose);
  self->purpose = g_strdup (purpose);
  sk_list_page_refilter (SK_LIST_PAGE (self), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
select_orphans_cb (SkFilesPage *self)
{
  sk_files_page_select_orphans (self);
}

/* SkListPage */

static gboolean
sk_files_page_match_search (SkListPage *page,
                            gpointer    item,
                            const char *folded)
{
  return sk_format_matches (sk_file_get_filename (item), folded)
         || sk_format_matches (sk_file_get_id (item), folded);
}

static gboolean
sk_files_page_filter_item (SkListPage *page,
                           gpointer    item)
{
  SkFilesPage *self = SK_FILES_PAGE (page);
  SkFile *file = item;

  if (self->purpose != NULL && g_strcmp0 (sk_file_get_purpose (file), self->purpose) != 0)
    return FALSE;
  if (self->orphans_only && self->usage != NULL
      && (!has_store_purpose (file) || count_stores (self, file) > 0))
    return FALSE;
  if (self->unused_only && self->usage_index != NULL
      && !sk_usage_index_is_unused (self->usage_index, sk_file_get_id (file)))
    return FALSE;
  return TRUE;
}

static gint64
sk_files_page_get_item_size (SkListPage *page,
                             gpointer    item)
{
  return sk_file_get_bytes (item);
}

static const char *
sk_files_page_get_item_id (SkListPage *page,
                           gpointer    item)
{
  return sk_file_get_id (item);
}

static void
sk_files_page_list_replaced (SkListPage  *page,
                             SkPagedList *list)
{
  SkFilesPage *self = SK_FILES_PAGE (page);

  g_hash_table_remove_all (self->purposes_seen);
  if (list != NULL)
    collect_purposes (self, G_LIST_MODEL (list), 0, g_list_model_get_n_items (G_LIST_MODEL (list)));
  rebuild_purposes (self);
}

static void
sk_files_page_items_changed (SkListPage *page,
                             GListModel *list,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  collect_purposes (SK_FILES_PAGE (page), list, position, added);
}

/* GObject */

static void
sk_files_page_dispose (GObject *object)
{
  SkFilesPage *self = (SkFilesPage *)object;

  if (self->purpose_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->purpose_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_FILES_PAGE);

  G_OBJECT_CLASS (sk_files_page_parent_class)->dispose (object);
}

static void
sk_files_page_finalize (GObject *object)
{
  SkFilesPage *self = (SkFilesPage *)object;

  g_clear_object (&self->purposes);
  g_clear_pointer (&self->purposes_seen, g_hash_table_unref);
  g_clear_pointer (&self->usage, g_hash_table_unref);
  g_clear_object (&self->usage_index);
  g_free (self->purpose);

  G_OBJECT_CLASS (sk_files_page_parent_class)->finalize (object);
}

static void
sk_files_page_class_init (SkFilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SkListPageClass *page_class = SK_LIST_PAGE_CLASS (klass);

  object_class->dispose = sk_files_page_dispose;
  object_class->finalize = sk_files_page_finalize;

  page_class->item_type = SK_TYPE_FILE;
  page_class->columns_key = "files-columns";
  page_class->error_title = N_("Could Not Load Files");
  page_class->match_search = sk_files_page_match_search;
  page_class->filter_item = sk_files_page_filter_item;
  page_class->get_item_size = sk_files_page_get_item_size;
  page_class->get_item_id = sk_files_page_get_item_id;
  page_class->list_replaced = sk_files_page_list_replaced;
  page_class->items_changed = sk_files_page_items_changed;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, purpose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, orphans_check);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, select_orphans_button);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, unused_check);
  gtk_widget_class_bind_template_callback (widget_class, unused_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, orphans_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_orphans_cb);
}

static void
sk_files_page_init (SkFilesPage *self)
{
  GtkColumnView *view;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->purposes_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->purposes = gtk_string_list_new (NULL);
  gtk_string_list_append (self->purposes, _("All Purposes"));
  gtk_drop_down_set_model (self->purpose_dropdown, G_LIST_MODEL (self->purposes));
  g_signal_connect_swapped (self->purpose_dropdown, "notify::selected",
                            G_CALLBACK (purpose_selected_cb), self);

  view = sk_list_page_get_column_view (SK_LIST_PAGE (self));
  sk_format_add_column (view, "filename", _("Filename"), filename_text, self,
                        sk_format_string_sorter (SK_TYPE_FILE, "filename", TRUE), TRUE, FALSE);
  sk_format_add_column (view, "id", _("ID"), id_text, self,
                        sk_format_string_sorter (SK_TYPE_FILE, "id", FALSE), FALSE, FALSE);
  sk_format_add_column (view, "purpose", _("Purpose"), purpose_text, self,
                        sk_format_string_sorter (SK_TYPE_FILE, "purpose", FALSE), FALSE, FALSE);
  sk_format_add_column (view, "size", _("Size"), size_text, self,
                        sk_format_numeric_sorter (SK_TYPE_FILE, "bytes"), FALSE, TRUE);
  sk_format_add_column (view, "created", _("Created"), created_text, self,
                        sk_format_numeric_sorter (SK_TYPE_FILE, "created-at"), FALSE, TRUE);
  sk_format_add_column (view, "expires", _("Expires"), expires_text, self,
                        sk_format_numeric_sorter (SK_TYPE_FILE, "expires-at"), FALSE, TRUE);
  self->stores_column =
    sk_format_add_column (view, "stores", _("In Stores"), stores_text, self,
                          GTK_SORTER (gtk_custom_sorter_new (stores_compare, self, NULL)), FALSE, TRUE);
  gtk_column_view_column_set_visible (self->stores_column, TRUE);
  self->used_by_column = sk_usage_column_add (view, get_usage_index, self);

  sk_list_page_sort_by (SK_LIST_PAGE (self), "created", GTK_SORT_DESCENDING);
}

GtkWidget *
sk_files_page_new (void)
{
  return g_object_new (SK_TYPE_FILES_PAGE, NULL);
}

void
sk_files_page_set_usage (SkFilesPage *self,
                         GHashTable  *usage)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  if (self->usage == usage)
    return;
  g_clear_pointer (&self->usage, g_hash_table_unref);
  if (usage != NULL)
    self->usage = g_hash_table_ref (usage);

  gtk_widget_set_sensitive (GTK_WIDGET (self->orphans_check), usage != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_orphans_button), usage != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->orphans_check),
                               usage != NULL
                               ? _("Show only the assistants and user data files that no vector store uses")
                               : _("Counting which vector stores use each file…"));
  sk_format_refresh_column (self->stores_column);
  if (self->orphans_only)
    sk_list_page_refilter (SK_LIST_PAGE (self), GTK_FILTER_CHANGE_DIFFERENT);
  /* a sort by the "in stores" column must be redone */
  gtk_sorter_changed (gtk_column_view_column_get_sorter (self->stores_column),
                      GTK_SORTER_CHANGE_DIFFERENT);
}

void
sk_files_page_set_purpose (SkFilesPage *self,
                           const char  *purpose)
{
  guint n;

  g_return_if_fail (SK_IS_FILES_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->purposes));
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->purposes, i), purpose) == 0)
      {
        gtk_drop_down_set_selected (self->purpose_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->purpose_dropdown, 0);
}

GStrv
sk_files_page_dup_purposes (SkFilesPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->purposes));
  for (guint i = 1; i < n; i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->purposes, i));
  return g_strv_builder_end (builder);
}

void
sk_files_page_set_orphans_only (SkFilesPage *self,
                                gboolean     orphans_only)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  gtk_check_button_set_active (self->orphans_check, orphans_only);
}

/* Shows only the files in no vector store (clearing the search and the
 * purpose filter) and selects them all, once the usage is known. */
void
sk_files_page_select_orphans (SkFilesPage *self)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  if (self->usage == NULL)
    return;
  sk_list_page_set_search_text (SK_LIST_PAGE (self), NULL);
  sk_files_page_set_purpose (self, NULL);
  sk_files_page_set_orphans_only (self, TRUE);
  sk_list_page_select_all_when_filtered (SK_LIST_PAGE (self));
}

/**
 * sk_files_page_set_usage_index:
 * @index: (nullable): where each file is used (stores, batches,
 *   fine-tuning jobs), or %NULL while it is not known
 *
 * Shows @index in the "Used by" column and enables the "Unused" filter.
 */
void
sk_files_page_set_usage_index (SkFilesPage  *self,
                               SkUsageIndex *index)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  g_return_if_fail (!index || SK_IS_USAGE_INDEX (index));

  if (!g_set_object (&self->usage_index, index))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->unused_check), index != NULL);
  sk_usage_column_refresh (self->used_by_column);
  if (self->unused_only)
    sk_list_page_refilter (SK_LIST_PAGE (self), GTK_FILTER_CHANGE_DIFFERENT);
}

SkUsageIndex *
sk_files_page_get_usage_index (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);

  return self->usage_index;
}

/* Shows only the files no store holds and no running batch or job names. */
void
sk_files_page_set_unused_only (SkFilesPage *self,
                               gboolean     unused_only)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  gtk_check_button_set_active (self->unused_check, unused_only);
}
