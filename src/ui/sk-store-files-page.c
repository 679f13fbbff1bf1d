/* sk-store-files-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-store-files-page.h"

#include "sk-file.h"
#include "sk-vector-store.h"
#include "sk-vector-store-file.h"
#include "sk-format.h"

struct _SkStoreFilesPage
{
  SkListPage           parent_instance;

  GtkLabel            *title_label;
  GtkLabel            *id_label;

  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *size_column;
  SkVectorStore       *store;
  GHashTable          *files_by_id;
  gboolean             files_complete;
};

G_DEFINE_FINAL_TYPE (SkStoreFilesPage, sk_store_files_page, SK_TYPE_LIST_PAGE)

/* Cells */

#define VSF(x) SK_VECTOR_STORE_FILE (x)

static SkFile *
lookup_file (SkStoreFilesPage *self,
             gpointer          item)
{
  if (self->files_by_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->files_by_id, sk_vector_store_file_get_id (VSF (item)));
}

static const char *
row_name (SkStoreFilesPage *self,
          gpointer          item,
          const char      **css)
{
  SkFile *file = lookup_file (self, item);

  if (file != NULL)
    return sk_file_get_filename (file);
  if (self->files_complete)
    {
      *css = "error";
      /* Translators: a vector store lists a file ID whose file no longer exists */
      return _("File deleted");
    }
  *css = "dim-label";
  return "…";
}

static char *
name_text (GObject *item, gpointer data, const char **css)
{
  return g_strdup (row_name (data, item, css));
}

static char *
id_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  return g_strdup (sk_vector_store_file_get_id (VSF (item)));
}

static char *
status_text (GObject *item, gpointer data, const char **css)
{
  const char *status = sk_vector_store_file_get_status (VSF (item));

  if (g_strcmp0 (status, "completed") == 0)
    /* Translators: status of a file in a vector store */
    return g_strdup (C_("file status", "Ready"));
  if (g_strcmp0 (status, "in_progress") == 0)
    return g_strdup (C_("file status", "Processing"));
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      *css = "dim-label";
      return g_strdup (C_("file status", "Cancelled"));
    }
  if (g_strcmp0 (status, "failed") == 0)
    {
      *css = "error";
      return g_strdup (C_("file status", "Failed"));
    }
  return g_strdup (status);
}

static char *
size_text (GObject *item, gpointer data, const char **css)
{
  SkFile *file = lookup_file (data, item);

  if (file == NULL)
    {
      *css = "dim-label";
      return g_strdup ("—");
    }
  return sk_format_size (sk_file_get_bytes (file));
}

static char *
usage_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_size (sk_vector_store_file_get_usage_bytes (VSF (item)));
}

static char *
attached_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_date (sk_vector_store_file_get_created_at (VSF (item)), NULL);
}

static int
name_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const char *css = NULL;
  int r = g_utf8_collate (row_name (data, (gpointer) a, &css), row_name (data, (gpointer) b, &css));

  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
size_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  SkFile *fa = lookup_file (data, (gpointer) a);
  SkFile *fb = lookup_file (data, (gpointer) b);
  gint64 sa = fa ? sk_file_get_bytes (fa) : -1;
  gint64 sb = fb ? sk_file_get_bytes (fb) : -1;

  return sa < sb ? GTK_ORDERING_SMALLER : sa > sb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* SkListPage */

static gboolean
sk_store_files_page_match_search (SkListPage *page,
                                  gpointer    item,
                                  const char *folded)
{
  SkFile *file;

  if (sk_format_matches (sk_vector_store_file_get_id (VSF (item)), folded))
    return TRUE;
  file = lookup_file (SK_STORE_FILES_PAGE (page), item);
  return file != NULL && sk_format_matches (sk_file_get_filename (file), folded);
}

/* the size of the file behind the row; 0 while it is unknown */
static gint64
sk_store_files_page_get_item_size (SkListPage *page,
                                   gpointer    item)
{
  SkFile *file = lookup_file (SK_STORE_FILES_PAGE (page), item);

  return file != NULL ? sk_file_get_bytes (file) : 0;
}

static const char *
sk_store_files_page_get_item_id (SkListPage *page,
                                 gpointer    item)
{
  return sk_vector_store_file_get_id (VSF (item));
}

/* GObject */

static void
sk_store_files_page_dispose (GObject *object)
{
  SkStoreFilesPage *self = (SkStoreFilesPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_STORE_FILES_PAGE);

  G_OBJECT_CLASS (sk_store_files_page_parent_class)->dispose (object);
}

static void
sk_store_files_page_finalize (GObject *object)
{
  SkStoreFilesPage *self = (SkStoreFilesPage *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (sk_store_files_page_parent_class)->finalize (object);
}

static void
sk_store_files_page_class_init (SkStoreFilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SkListPageClass *page_class = SK_LIST_PAGE_CLASS (klass);

  object_class->dispose = sk_store_files_page_dispose;
  object_class->finalize = sk_store_files_page_finalize;

  page_class->item_type = SK_TYPE_VECTOR_STORE_FILE;
  page_class->columns_key = "store-files-columns";
  page_class->error_title = N_("Could Not Load the Files of This Vector Store");
  page_class->match_search = sk_store_files_page_match_search;
  page_class->get_item_size = sk_store_files_page_get_item_size;
  page_class->get_item_id = sk_store_files_page_get_item_id;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-store-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, id_label);
}

static void
sk_store_files_page_init (SkStoreFilesPage *self)
{
  GtkColumnView *view;

  gtk_widget_init_template (GTK_WIDGET (self));

  view = sk_list_page_get_column_view (SK_LIST_PAGE (self));
  self->name_column =
    sk_format_add_column (view, "filename", _("Filename"), name_text, self,
                          GTK_SORTER (gtk_custom_sorter_new (name_compare, self, NULL)), TRUE, FALSE);
  sk_format_add_column (view, "id", _("ID"), id_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE_FILE, "id", FALSE),
                        FALSE, FALSE);
  sk_format_add_column (view, "status", _("Status"), status_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE_FILE, "status", FALSE),
                        FALSE, FALSE);
  self->size_column =
    sk_format_add_column (view, "size", _("Size"), size_text, self,
                          GTK_SORTER (gtk_custom_sorter_new (size_compare, self, NULL)), FALSE, TRUE);
  sk_format_add_column (view, "usage", _("Usage"), usage_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE_FILE, "usage-bytes"),
                        FALSE, TRUE);
  sk_format_add_column (view, "attached", _("Attached"), attached_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE_FILE, "created-at"),
                        FALSE, TRUE);

  sk_list_page_sort_by (SK_LIST_PAGE (self), "attached", GTK_SORT_DESCENDING);
}

GtkWidget *
sk_store_files_page_new (void)
{
  return g_object_new (SK_TYPE_STORE_FILES_PAGE, NULL);
}

void
sk_store_files_page_set_files (SkStoreFilesPage *self,
                               GHashTable       *files_by_id,
                               gboolean          files_complete)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));

  if (files_by_id != NULL)
    g_hash_table_ref (files_by_id);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);
  self->files_by_id = files_by_id;
  self->files_complete = files_complete;

  sk_format_refresh_column (self->name_column);
  sk_format_refresh_column (self->size_column);
  gtk_sorter_changed (gtk_column_view_column_get_sorter (self->name_column), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (gtk_column_view_column_get_sorter (self->size_column), GTK_SORTER_CHANGE_DIFFERENT);
  if (sk_list_page_get_searching (SK_LIST_PAGE (self)))
    sk_list_page_refilter (SK_LIST_PAGE (self), GTK_FILTER_CHANGE_DIFFERENT);
  sk_list_page_refresh_selection (SK_LIST_PAGE (self));
}

void
sk_store_files_page_set_store (SkStoreFilesPage *self,
                               SkClient         *client,
                               SkVectorStore    *store,
                               GHashTable       *files_by_id,
                               gboolean          files_complete)
{
  SkListPage *page = SK_LIST_PAGE (self);
  g_autoptr (SkPagedList) list = NULL;

  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  g_return_if_fail (!client || SK_IS_CLIENT (client));
  g_return_if_fail (!client || SK_IS_VECTOR_STORE (store));

  if (sk_list_page_get_list (page) != NULL)
    sk_paged_list_cancel (sk_list_page_get_list (page));

  sk_store_files_page_set_files (self, files_by_id, files_complete);
  g_set_object (&self->store, (client != NULL ? store : NULL));
  sk_list_page_set_search_text (page, NULL);

  if (client == NULL)
    {
      sk_list_page_set_list (page, NULL);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->id_label, "");
      return;
    }

  gtk_label_set_text (self->title_label, sk_vector_store_get_display_name (store));
  gtk_label_set_text (self->id_label, sk_vector_store_get_id (store));
  list = sk_paged_list_new_vector_store_files (client, sk_vector_store_get_id (store));
  sk_list_page_set_list (page, list);
  sk_paged_list_reload (list);
}

SkVectorStore *
sk_store_files_page_get_store (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return self->store;
}

char *
sk_store_files_page_dup_row_name (SkStoreFilesPage *self,
                                  guint             position)
{
  g_autoptr (GObject) item = NULL;
  const char *css = NULL;

  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (sk_list_page_get_selection (SK_LIST_PAGE (self))), position);
  if (item == NULL)
    return NULL;
  return g_strdup (row_name (self, item, &css));
}
