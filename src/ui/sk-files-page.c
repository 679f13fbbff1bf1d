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
#include "sk-page-util.h"

#include <stdlib.h>

struct _SkFilesPage
{
  GtkWidget           parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *purpose_dropdown;
  GtkCheckButton     *orphans_check;
  GtkButton          *select_orphans_button;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
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
  GtkStringList      *purposes;
  GHashTable         *purposes_seen;
  GHashTable         *usage;
  GtkColumnViewColumn *stores_column;
  GtkColumnViewColumn *created_column;

  char               *folded_search;
  char               *purpose;
  gboolean            orphans_only;
  gboolean            updating_purposes;
  guint               n_selected;
  gboolean            busy;
  gboolean            select_when_filtered;
  guint               select_idle_id;
};

G_DEFINE_FINAL_TYPE (SkFilesPage, sk_files_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_SEARCH_MODE,
  PROP_N_SELECTED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
 * still needs (OPENAI_API_NOTES.md, section 5). */
static gboolean
has_store_purpose (SkFile *file)
{
  const char *purpose = sk_file_get_purpose (file);

  return g_strcmp0 (purpose, "assistants") == 0 || g_strcmp0 (purpose, "user_data") == 0;
}

static gboolean
file_matches (gpointer item,
              gpointer data)
{
  SkFilesPage *self = data;
  SkFile *file = item;

  if (self->purpose != NULL && g_strcmp0 (sk_file_get_purpose (file), self->purpose) != 0)
    return FALSE;
  if (self->orphans_only && self->usage != NULL
      && (!has_store_purpose (file) || count_stores (self, file) > 0))
    return FALSE;
  if (self->folded_search != NULL
      && !sk_format_matches (sk_file_get_filename (file), self->folded_search)
      && !sk_format_matches (sk_file_get_id (file), self->folded_search))
    return FALSE;
  return TRUE;
}

/* State */

static void
update_busy (SkFilesPage *self)
{
  gboolean busy = sk_page_util_is_busy (self->list, self->filter_model, self->sort_model)
                  || (self->list != NULL && self->select_when_filtered);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static gboolean
select_all_idle (gpointer data)
{
  SkFilesPage *self = data;

  self->select_idle_id = 0;
  if (gtk_filter_list_model_get_pending (self->filter_model) > 0
      || gtk_sort_list_model_get_pending (self->sort_model) > 0)
    return G_SOURCE_REMOVE;   /* a later notify::pending comes back here */
  self->select_when_filtered = FALSE;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  update_busy (self);
  return G_SOURCE_REMOVE;
}

/* Selects everything shown once filtering and sorting are done; from an
 * idle, not from inside the models' notifications. */
static void
select_if_filtered (SkFilesPage *self)
{
  if (!self->select_when_filtered || self->select_idle_id != 0
      || gtk_filter_list_model_get_pending (self->filter_model) > 0
      || gtk_sort_list_model_get_pending (self->sort_model) > 0)
    return;
  self->select_idle_id = g_idle_add (select_all_idle, self);
}

static void
update_state (SkFilesPage *self)
{
  g_autofree char *status = NULL;
  guint n_all;
  guint n_shown;
  gboolean loading;

  sk_page_util_update_state (self->list, self->filter_model, self->content_stack, self->spinner,
                             self->error_page, self->error_button,
                             _("Could Not Load Files"),
                             &n_all, &n_shown, &loading);
  if (loading)
    status = g_strdup_printf (ngettext ("Loading… %'u file", "Loading… %'u files", n_all), n_all);
  else if (n_shown != n_all)
    /* Translators: "120 of 1,500 files" shown after a filter */
    status = g_strdup_printf (ngettext ("%'u of %'u file", "%'u of %'u files", n_all), n_shown, n_all);
  else
    status = g_strdup_printf (ngettext ("%'u file", "%'u files", n_all), n_all);
  gtk_label_set_text (self->status_label, status);

  update_busy (self);
}

static gint64
file_bytes (gpointer item,
            gpointer data)
{
  return sk_file_get_bytes (SK_FILE (item));
}

static void
update_selection (SkFilesPage *self)
{
  if (sk_page_util_update_selection (GTK_SELECTION_MODEL (self->selection), file_bytes, self,
                                     self->selection_label, self->action_revealer,
                                     &self->n_selected))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

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

static void
list_items_changed_cb (SkFilesPage *self,
                       guint        position,
                       guint        removed,
                       guint        added,
                       GListModel  *list)
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
  update_state (self);
}

static void
list_loading_changed_cb (SkFilesPage *self)
{
  update_state (self);
}

static void
search_changed_cb (SkFilesPage *self)
{
  sk_page_util_search_changed (GTK_EDITABLE (self->search_entry), &self->folded_search,
                               GTK_FILTER (self->filter));
}

static void
stop_search_cb (SkFilesPage *self)
{
  sk_page_util_stop_search (self->search_bar, self->search_entry, GTK_WIDGET (self->column_view));
}

static void
orphans_toggled_cb (SkFilesPage *self)
{
  gboolean active = gtk_check_button_get_active (self->orphans_check);

  if (active == self->orphans_only)
    return;
  self->orphans_only = active;
  gtk_filter_changed (GTK_FILTER (self->filter),
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
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
select_orphans_cb (SkFilesPage *self)
{
  sk_files_page_select_orphans (self);
}

static void
unselect_all_cb (SkFilesPage *self)
{
  sk_files_page_unselect_all (self);
}

static void
search_mode_changed_cb (SkFilesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
sk_files_page_map (GtkWidget *widget)
{
  SkFilesPage *self = SK_FILES_PAGE (widget);

  GTK_WIDGET_CLASS (sk_files_page_parent_class)->map (widget);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
sk_files_page_unmap (GtkWidget *widget)
{
  SkFilesPage *self = SK_FILES_PAGE (widget);

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  GTK_WIDGET_CLASS (sk_files_page_parent_class)->unmap (widget);
}

static void
sk_files_page_dispose (GObject *object)
{
  GtkWidget *child;
  SkFilesPage *self = (SkFilesPage *)object;

  g_clear_handle_id (&self->select_idle_id, g_source_remove);
  sk_page_util_disconnect (self, self->list, self->filter_model, self->sort_model, self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_FILES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);
  g_clear_object (&self->purposes);
  g_clear_pointer (&self->usage, g_hash_table_unref);

  G_OBJECT_CLASS (sk_files_page_parent_class)->dispose (object);
}

static void
sk_files_page_finalize (GObject *object)
{
  SkFilesPage *self = (SkFilesPage *)object;

  g_clear_pointer (&self->purposes_seen, g_hash_table_unref);
  g_free (self->folded_search);
  g_free (self->purpose);

  G_OBJECT_CLASS (sk_files_page_parent_class)->finalize (object);
}

static void
sk_files_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SkFilesPage *self = SK_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, sk_files_page_get_search_mode (self));
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
sk_files_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SkFilesPage *self = SK_FILES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      sk_files_page_set_list (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      sk_files_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_files_page_class_init (SkFilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_files_page_dispose;
  object_class->finalize = sk_files_page_finalize;
  object_class->get_property = sk_files_page_get_property;
  object_class->set_property = sk_files_page_set_property;
  widget_class->map = sk_files_page_map;
  widget_class->unmap = sk_files_page_unmap;

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, purpose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, orphans_check);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, select_orphans_button);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SkFilesPage, actions_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, orphans_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, unselect_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_orphans_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_files_page_init (SkFilesPage *self)
{
  GtkColumnViewColumn *column;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->purposes_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->purposes = gtk_string_list_new (NULL);
  gtk_string_list_append (self->purposes, _("All Purposes"));
  gtk_drop_down_set_model (self->purpose_dropdown, G_LIST_MODEL (self->purposes));
  g_signal_connect_swapped (self->purpose_dropdown, "notify::selected",
                            G_CALLBACK (purpose_selected_cb), self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);

  /* Model chain: paged list -> filter -> sort -> multi-selection */
  sk_page_util_models_new (file_matches, self, &self->filter, &self->filter_model,
                           &self->sort_model, &self->selection);

  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (select_if_filtered), self);
  g_signal_connect_swapped (self->sort_model, "notify::pending", G_CALLBACK (select_if_filtered), self);
  g_signal_connect_swapped (self->sort_model, "notify::pending", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (update_selection), self);

  /* Columns */
  sk_format_add_column (self->column_view, "filename", _("Filename"), filename_text, self,
                        sk_format_string_sorter (SK_TYPE_FILE, "filename", TRUE), TRUE, FALSE);
  column = sk_format_add_column (self->column_view, "id", _("ID"), id_text, self,
                                 sk_format_string_sorter (SK_TYPE_FILE, "id", FALSE), FALSE, FALSE);
  gtk_column_view_column_set_fixed_width (column, 220);
  sk_format_add_column (self->column_view, "purpose", _("Purpose"), purpose_text, self,
                        sk_format_string_sorter (SK_TYPE_FILE, "purpose", FALSE), FALSE, FALSE);
  sk_format_add_column (self->column_view, "size", _("Size"), size_text, self,
                        sk_format_numeric_sorter (SK_TYPE_FILE, "bytes"), FALSE, TRUE);
  self->created_column =
    sk_format_add_column (self->column_view, "created", _("Created"), created_text, self,
                          sk_format_numeric_sorter (SK_TYPE_FILE, "created-at"), FALSE, TRUE);
  sk_format_add_column (self->column_view, "expires", _("Expires"), expires_text, self,
                        sk_format_numeric_sorter (SK_TYPE_FILE, "expires-at"), FALSE, TRUE);
  sorter = GTK_SORTER (gtk_custom_sorter_new (stores_compare, self, NULL));
  self->stores_column =
    sk_format_add_column (self->column_view, "stores", _("In Stores"), stores_text, self,
                          sorter, FALSE, TRUE);
  gtk_column_view_column_set_visible (self->stores_column, TRUE);

  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->created_column, GTK_SORT_DESCENDING);

  update_state (self);
  update_selection (self);
}

GtkWidget *
sk_files_page_new (void)
{
  return g_object_new (SK_TYPE_FILES_PAGE, NULL);
}

void
sk_files_page_set_list (SkFilesPage *self,
                        SkPagedList *list)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  g_return_if_fail (!list || SK_IS_PAGED_LIST (list));

  if (!sk_page_util_set_list (self, &self->list, list, self->filter_model,
                              G_CALLBACK (list_items_changed_cb),
                              G_CALLBACK (list_loading_changed_cb)))
    return;

  g_hash_table_remove_all (self->purposes_seen);
  if (list != NULL)
    list_items_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                           G_LIST_MODEL (list));
  rebuild_purposes (self);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

SkPagedList *
sk_files_page_get_list (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);
  return self->list;
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
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* a sort by the "in stores" column must be redone */
  gtk_sorter_changed (gtk_column_view_column_get_sorter (self->stores_column),
                      GTK_SORTER_CHANGE_DIFFERENT);
}

GtkSelectionModel *
sk_files_page_get_selection (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

GPtrArray *
sk_files_page_dup_selected (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), g_ptr_array_new_with_free_func (g_object_unref));
  return sk_page_util_dup_selected (GTK_SELECTION_MODEL (self->selection));
}

void
sk_files_page_select_all (SkFilesPage *self)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
sk_files_page_unselect_all (SkFilesPage *self)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

gboolean
sk_files_page_get_search_mode (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
sk_files_page_set_search_mode (SkFilesPage *self,
                               gboolean     search_mode)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  sk_page_util_set_search_mode (self->search_bar, self->search_entry, search_mode);
}

void
sk_files_page_set_search_text (SkFilesPage *self,
                               const char  *text)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self);
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

void
sk_files_page_sort_by (SkFilesPage *self,
                       const char  *column_id,
                       GtkSortType  order)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));
  sk_page_util_sort_by (self->column_view, column_id, order);
}

gboolean
sk_files_page_get_busy (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), FALSE);
  update_busy (self);
  return self->busy;
}

const char *
sk_files_page_get_state (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
sk_files_page_get_actions_box (SkFilesPage *self)
{
  g_return_val_if_fail (SK_IS_FILES_PAGE (self), NULL);
  return self->actions_box;
}

/* Shows only the files in no vector store (clearing the search and the
 * purpose filter) and selects them all, once the usage is known. */
void
sk_files_page_select_orphans (SkFilesPage *self)
{
  g_return_if_fail (SK_IS_FILES_PAGE (self));

  if (self->usage == NULL)
    return;
  sk_files_page_set_search_text (self, NULL);
  sk_files_page_set_purpose (self, NULL);
  sk_files_page_set_orphans_only (self, TRUE);
  self->select_when_filtered = TRUE;
  select_if_filtered (self);
}
