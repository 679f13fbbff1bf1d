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
#include "sk-page-util.h"

struct _SkStoreFilesPage
{
  GtkWidget           parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkLabel           *title_label;
  GtkLabel           *id_label;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *error_page;
  GtkButton          *error_button;
  GtkRevealer        *action_revealer;
  GtkLabel           *selection_label;
  GtkWidget          *actions_box;

  SkPagedList        *list;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;
  GtkColumnViewColumn *created_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *size_column;
  SkVectorStore      *store;
  GHashTable         *files_by_id;
  gboolean            files_complete;

  char               *folded_search;
  guint               n_selected;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (SkStoreFilesPage, sk_store_files_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_SEARCH_MODE,
  PROP_N_SELECTED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_list (SkStoreFilesPage *self,
                      SkPagedList      *list);

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

/* Filter */

static gboolean
row_matches (gpointer item,
             gpointer data)
{
  SkStoreFilesPage *self = data;
  SkFile *file;

  if (self->folded_search == NULL)
    return TRUE;
  if (sk_format_matches (sk_vector_store_file_get_id (VSF (item)), self->folded_search))
    return TRUE;
  file = lookup_file (self, item);
  return file != NULL && sk_format_matches (sk_file_get_filename (file), self->folded_search);
}

/* State */

static void
update_busy (SkStoreFilesPage *self)
{
  gboolean busy = sk_page_util_is_busy (self->list, self->filter_model, self->sort_model);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_state (SkStoreFilesPage *self)
{
  g_autofree char *status = NULL;
  guint n_all;
  guint n_shown;
  gboolean loading;

  sk_page_util_update_state (self->list, self->filter_model, self->content_stack, self->spinner,
                             self->error_page, self->error_button,
                             _("Could Not Load the Files of This Vector Store"),
                             &n_all, &n_shown, &loading);
  if (loading)
    status = g_strdup_printf (ngettext ("Loading… %'u file", "Loading… %'u files", n_all), n_all);
  else if (n_shown != n_all)
    /* Translators: "12 of 60 files" shown after a search */
    status = g_strdup_printf (ngettext ("%'u of %'u file", "%'u of %'u files", n_all), n_shown, n_all);
  else
    status = g_strdup_printf (ngettext ("%'u file", "%'u files", n_all), n_all);
  gtk_label_set_text (self->status_label, status);

  update_busy (self);
}

/* the size of the file behind the row; 0 while it is unknown */
static gint64
file_bytes (gpointer item,
            gpointer data)
{
  SkFile *file = lookup_file (data, item);

  return file != NULL ? sk_file_get_bytes (file) : 0;
}

static void
update_selection (SkStoreFilesPage *self)
{
  if (sk_page_util_update_selection (GTK_SELECTION_MODEL (self->selection), file_bytes, self,
                                     self->selection_label, self->action_revealer,
                                     &self->n_selected))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
search_changed_cb (SkStoreFilesPage *self)
{
  sk_page_util_search_changed (GTK_EDITABLE (self->search_entry), &self->folded_search,
                               GTK_FILTER (self->filter));
}

static void
stop_search_cb (SkStoreFilesPage *self)
{
  sk_page_util_stop_search (self->search_bar, self->search_entry, GTK_WIDGET (self->column_view));
}

static void
unselect_all_cb (SkStoreFilesPage *self)
{
  sk_store_files_page_unselect_all (self);
}

static void
search_mode_changed_cb (SkStoreFilesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
sk_store_files_page_map (GtkWidget *widget)
{
  SkStoreFilesPage *self = SK_STORE_FILES_PAGE (widget);

  GTK_WIDGET_CLASS (sk_store_files_page_parent_class)->map (widget);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
sk_store_files_page_unmap (GtkWidget *widget)
{
  SkStoreFilesPage *self = SK_STORE_FILES_PAGE (widget);

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  GTK_WIDGET_CLASS (sk_store_files_page_parent_class)->unmap (widget);
}

static void
sk_store_files_page_dispose (GObject *object)
{
  GtkWidget *child;
  SkStoreFilesPage *self = (SkStoreFilesPage *)object;

  sk_page_util_disconnect (self, self->list, self->filter_model, self->sort_model, self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_STORE_FILES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->files_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (sk_store_files_page_parent_class)->dispose (object);
}

static void
sk_store_files_page_finalize (GObject *object)
{
  SkStoreFilesPage *self = (SkStoreFilesPage *)object;

  g_free (self->folded_search);

  G_OBJECT_CLASS (sk_store_files_page_parent_class)->finalize (object);
}

static void
sk_store_files_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SkStoreFilesPage *self = SK_STORE_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, sk_store_files_page_get_search_mode (self));
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_store_files_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SkStoreFilesPage *self = SK_STORE_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      set_list (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      sk_store_files_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_store_files_page_class_init (SkStoreFilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_store_files_page_dispose;
  object_class->finalize = sk_store_files_page_finalize;
  object_class->get_property = sk_store_files_page_get_property;
  object_class->set_property = sk_store_files_page_set_property;
  widget_class->map = sk_store_files_page_map;
  widget_class->unmap = sk_store_files_page_unmap;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, SK_TYPE_PAGED_LIST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-store-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoreFilesPage, actions_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, unselect_all_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_store_files_page_init (SkStoreFilesPage *self)
{
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);

  /* Model chain: paged list -> filter -> sort -> multi-selection */
  sk_page_util_models_new (row_matches, self, &self->filter, &self->filter_model,
                           &self->sort_model, &self->selection);

  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->sort_model, "notify::pending", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (update_selection), self);

  /* Columns */
  self->name_column =
    sk_format_add_column (self->column_view, "filename", _("Filename"), name_text, self,
                          GTK_SORTER (gtk_custom_sorter_new (name_compare, self, NULL)), TRUE, FALSE);
  column = sk_format_add_column (self->column_view, "id", _("ID"), id_text, self,
                                 sk_format_string_sorter (SK_TYPE_VECTOR_STORE_FILE, "id", FALSE),
                                 FALSE, FALSE);
  gtk_column_view_column_set_fixed_width (column, 220);
  sk_format_add_column (self->column_view, "status", _("Status"), status_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE_FILE, "status", FALSE),
                        FALSE, FALSE);
  self->size_column =
    sk_format_add_column (self->column_view, "size", _("Size"), size_text, self,
                          GTK_SORTER (gtk_custom_sorter_new (size_compare, self, NULL)), FALSE, TRUE);
  sk_format_add_column (self->column_view, "usage", _("Usage"), usage_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE_FILE, "usage-bytes"),
                        FALSE, TRUE);
  self->created_column =
    sk_format_add_column (self->column_view, "attached", _("Attached"), attached_text, self,
                          sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE_FILE, "created-at"),
                          FALSE, TRUE);

  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->created_column, GTK_SORT_DESCENDING);

  update_state (self);
  update_selection (self);
}

GtkWidget *
sk_store_files_page_new (void)
{
  return g_object_new (SK_TYPE_STORE_FILES_PAGE, NULL);
}

static void
set_list (SkStoreFilesPage *self,
          SkPagedList      *list)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  g_return_if_fail (!list || SK_IS_PAGED_LIST (list));

  if (!sk_page_util_set_list (self, &self->list, list, self->filter_model,
                              G_CALLBACK (update_state), G_CALLBACK (update_state)))
    return;

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

SkPagedList *
sk_store_files_page_get_list (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return self->list;
}

GtkSelectionModel *
sk_store_files_page_get_selection (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

GPtrArray *
sk_store_files_page_dup_selected (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), g_ptr_array_new_with_free_func (g_object_unref));
  return sk_page_util_dup_selected (GTK_SELECTION_MODEL (self->selection));
}

void
sk_store_files_page_select_all (SkStoreFilesPage *self)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
sk_store_files_page_unselect_all (SkStoreFilesPage *self)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

gboolean
sk_store_files_page_get_search_mode (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
sk_store_files_page_set_search_mode (SkStoreFilesPage *self,
                               gboolean     search_mode)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));

  sk_page_util_set_search_mode (self->search_bar, self->search_entry, search_mode);
}

void
sk_store_files_page_set_search_text (SkStoreFilesPage *self,
                               const char  *text)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self);
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
  if (self->folded_search != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_selection (self);
}

void
sk_store_files_page_set_store (SkStoreFilesPage *self,
                               SkClient         *client,
                               SkVectorStore    *store,
                               GHashTable       *files_by_id,
                               gboolean          files_complete)
{
  g_autoptr (SkPagedList) list = NULL;

  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  g_return_if_fail (!client || SK_IS_CLIENT (client));
  g_return_if_fail (!client || SK_IS_VECTOR_STORE (store));

  if (self->list != NULL)
    sk_paged_list_cancel (self->list);

  sk_store_files_page_set_files (self, files_by_id, files_complete);
  g_set_object (&self->store, (client != NULL ? store : NULL));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (client == NULL)
    {
      set_list (self, NULL);
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->id_label, "");
      return;
    }

  gtk_label_set_text (self->title_label, sk_vector_store_get_display_name (store));
  gtk_label_set_text (self->id_label, sk_vector_store_get_id (store));
  list = sk_paged_list_new_vector_store_files (client, sk_vector_store_get_id (store));
  set_list (self, list);
  sk_paged_list_reload (list);
}

SkVectorStore *
sk_store_files_page_get_store (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return self->store;
}

void
sk_store_files_page_reload (SkStoreFilesPage *self)
{
  g_return_if_fail (SK_IS_STORE_FILES_PAGE (self));
  if (self->list != NULL)
    sk_paged_list_reload (self->list);
}

char *
sk_store_files_page_dup_row_name (SkStoreFilesPage *self,
                                  guint             position)
{
  g_autoptr (GObject) item = NULL;
  const char *css = NULL;

  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL)
    return NULL;
  return g_strdup (row_name (self, item, &css));
}

gboolean
sk_store_files_page_get_busy (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), FALSE);
  update_busy (self);
  return self->busy;
}

const char *
sk_store_files_page_get_state (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
sk_store_files_page_get_actions_box (SkStoreFilesPage *self)
{
  g_return_val_if_fail (SK_IS_STORE_FILES_PAGE (self), NULL);
  return self->actions_box;
}
