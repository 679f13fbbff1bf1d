/* sk-stores-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-stores-page.h"

#include "sk-vector-store.h"
#include "sk-format.h"
#include "sk-page-util.h"

struct _SkStoresPage
{
  GtkWidget           parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
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
  GtkColumnViewColumn *created_column;

  char               *folded_search;
  guint               n_selected;
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (SkStoresPage, sk_stores_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_SEARCH_MODE,
  PROP_N_SELECTED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STORE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cells */

#define STORE(x) SK_VECTOR_STORE (x)

static char *
name_text (GObject *item, gpointer data, const char **css)
{
  if (sk_vector_store_get_name (STORE (item)) == NULL
      || *sk_vector_store_get_name (STORE (item)) == '\0')
    {
      *css = "dim-label";
      return g_strdup (sk_vector_store_get_id (STORE (item)));
    }
  return g_strdup (sk_vector_store_get_name (STORE (item)));
}

static char *
dup_display_name (SkVectorStore *store)
{
  return g_strdup (sk_vector_store_get_display_name (store));
}

static char *
id_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  return g_strdup (sk_vector_store_get_id (STORE (item)));
}

static char *
files_text (GObject *item, gpointer data, const char **css)
{
  SkVectorStore *store = STORE (item);
  long long completed = sk_vector_store_get_files_completed (store);
  long long total = sk_vector_store_get_files_total (store);
  long long failed = sk_vector_store_get_files_failed (store);
  g_autofree char *counts = NULL;

  /* Translators: completed files / all files of a vector store */
  counts = g_strdup_printf (_("%lld/%lld"), completed, total);
  if (failed <= 0)
    return g_steal_pointer (&counts);

  *css = "warning";
  /* Translators: "12/15 · 3 failed" */
  return g_strdup_printf (ngettext ("%s · %lld failed", "%s · %lld failed", (gulong) failed),
                          counts, failed);
}

static char *
usage_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_size (sk_vector_store_get_usage_bytes (STORE (item)));
}

static char *
status_text (GObject *item, gpointer data, const char **css)
{
  const char *status = sk_vector_store_get_status (STORE (item));

  if (g_strcmp0 (status, "completed") == 0)
    /* Translators: status of a vector store */
    return g_strdup (C_("store status", "Ready"));
  if (g_strcmp0 (status, "in_progress") == 0)
    return g_strdup (C_("store status", "Processing"));
  if (g_strcmp0 (status, "expired") == 0)
    {
      *css = "error";
      return g_strdup (C_("store status", "Expired"));
    }
  return g_strdup (status);
}

static char *
last_active_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_date (sk_vector_store_get_last_active_at (STORE (item)), NULL);
}

static char *
expires_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  /* Translators: a vector store that never expires */
  return sk_format_date (sk_vector_store_get_expires_at (STORE (item)), _("Never"));
}

/* Filter */

static gboolean
store_matches (gpointer item,
               gpointer data)
{
  SkStoresPage *self = data;
  SkVectorStore *store = item;

  if (self->folded_search == NULL)
    return TRUE;
  return sk_format_matches (sk_vector_store_get_name (store), self->folded_search)
         || sk_format_matches (sk_vector_store_get_id (store), self->folded_search);
}

/* State */

static void
update_busy (SkStoresPage *self)
{
  gboolean busy = sk_page_util_is_busy (self->list, self->filter_model, self->sort_model);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_state (SkStoresPage *self)
{
  g_autofree char *status = NULL;
  guint n_all;
  guint n_shown;
  gboolean loading;

  sk_page_util_update_state (self->list, self->filter_model, self->content_stack, self->spinner,
                             self->error_page, self->error_button,
                             _("Could Not Load Vector Stores"),
                             &n_all, &n_shown, &loading);
  if (loading)
    status = g_strdup_printf (ngettext ("Loading… %'u vector store", "Loading… %'u vector stores", n_all), n_all);
  else if (n_shown != n_all)
    /* Translators: "12 of 60 vector stores" shown after a search */
    status = g_strdup_printf (ngettext ("%'u of %'u vector store", "%'u of %'u vector stores", n_all), n_shown, n_all);
  else
    status = g_strdup_printf (ngettext ("%'u vector store", "%'u vector stores", n_all), n_all);
  gtk_label_set_text (self->status_label, status);

  update_busy (self);
}

static gint64
store_usage (gpointer item,
             gpointer data)
{
  return sk_vector_store_get_usage_bytes (STORE (item));
}

static void
update_selection (SkStoresPage *self)
{
  if (sk_page_util_update_selection (GTK_SELECTION_MODEL (self->selection), store_usage, self,
                                     self->selection_label, self->action_revealer,
                                     &self->n_selected))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
search_changed_cb (SkStoresPage *self)
{
  sk_page_util_search_changed (GTK_EDITABLE (self->search_entry), &self->folded_search,
                               GTK_FILTER (self->filter));
}

static void
stop_search_cb (SkStoresPage *self)
{
  sk_page_util_stop_search (self->search_bar, self->search_entry, GTK_WIDGET (self->column_view));
}

static void
unselect_all_cb (SkStoresPage *self)
{
  sk_stores_page_unselect_all (self);
}

static void
search_mode_changed_cb (SkStoresPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
sk_stores_page_map (GtkWidget *widget)
{
  SkStoresPage *self = SK_STORES_PAGE (widget);

  GTK_WIDGET_CLASS (sk_stores_page_parent_class)->map (widget);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
sk_stores_page_unmap (GtkWidget *widget)
{
  SkStoresPage *self = SK_STORES_PAGE (widget);

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  GTK_WIDGET_CLASS (sk_stores_page_parent_class)->unmap (widget);
}

static void
sk_stores_page_dispose (GObject *object)
{
  GtkWidget *child;
  SkStoresPage *self = (SkStoresPage *)object;

  sk_page_util_disconnect (self, self->list, self->filter_model, self->sort_model, self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_STORES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (sk_stores_page_parent_class)->dispose (object);
}

static void
sk_stores_page_finalize (GObject *object)
{
  SkStoresPage *self = (SkStoresPage *)object;

  g_free (self->folded_search);

  G_OBJECT_CLASS (sk_stores_page_parent_class)->finalize (object);
}

static void
sk_stores_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SkStoresPage *self = SK_STORES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, sk_stores_page_get_search_mode (self));
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
sk_stores_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SkStoresPage *self = SK_STORES_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      sk_stores_page_set_list (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      sk_stores_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_stores_page_class_init (SkStoresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_stores_page_dispose;
  object_class->finalize = sk_stores_page_finalize;
  object_class->get_property = sk_stores_page_get_property;
  object_class->set_property = sk_stores_page_set_property;
  widget_class->map = sk_stores_page_map;
  widget_class->unmap = sk_stores_page_unmap;

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

  signals[STORE_ACTIVATED] =
    g_signal_new ("store-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SK_TYPE_VECTOR_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-stores-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, error_button);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, action_revealer);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SkStoresPage, actions_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, unselect_all_cb);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_stores_page_init (SkStoresPage *self)
{
  GtkColumnViewColumn *column;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);

  /* Model chain: paged list -> filter -> sort -> multi-selection */
  sk_page_util_models_new (store_matches, self, &self->filter, &self->filter_model,
                           &self->sort_model, &self->selection);

  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->sort_model, "notify::pending", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (update_selection), self);

  /* Columns */
  /* by the name shown: the ID when there is no name ("name" may be NULL) */
  sk_format_add_column (self->column_view, "name", _("Name"), name_text, self,
                        GTK_SORTER (gtk_string_sorter_new (
                          gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                       G_CALLBACK (dup_display_name), NULL, NULL))),
                        TRUE, FALSE);
  column = sk_format_add_column (self->column_view, "id", _("ID"), id_text, self,
                                 sk_format_string_sorter (SK_TYPE_VECTOR_STORE, "id", FALSE),
                                 FALSE, FALSE);
  gtk_column_view_column_set_fixed_width (column, 240);
  sk_format_add_column (self->column_view, "files", _("Files"), files_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "files-total"), FALSE, TRUE);
  sk_format_add_column (self->column_view, "usage", _("Usage"), usage_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "usage-bytes"), FALSE, TRUE);
  sk_format_add_column (self->column_view, "status", _("Status"), status_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE, "status", FALSE), FALSE, FALSE);
  self->created_column =
    sk_format_add_column (self->column_view, "last-active", _("Last Active"), last_active_text, self,
                          sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "last-active-at"),
                          FALSE, TRUE);
  sk_format_add_column (self->column_view, "expires", _("Expires"), expires_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "expires-at"), FALSE, TRUE);

  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (sk_stores_page_activate_position), self);

  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->created_column, GTK_SORT_DESCENDING);

  update_state (self);
  update_selection (self);
}

GtkWidget *
sk_stores_page_new (void)
{
  return g_object_new (SK_TYPE_STORES_PAGE, NULL);
}

void
sk_stores_page_set_list (SkStoresPage *self,
                        SkPagedList *list)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));
  g_return_if_fail (!list || SK_IS_PAGED_LIST (list));

  if (!sk_page_util_set_list (self, &self->list, list, self->filter_model,
                              G_CALLBACK (update_state), G_CALLBACK (update_state)))
    return;

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

SkPagedList *
sk_stores_page_get_list (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), NULL);
  return self->list;
}

GtkSelectionModel *
sk_stores_page_get_selection (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

GPtrArray *
sk_stores_page_dup_selected (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), g_ptr_array_new_with_free_func (g_object_unref));
  return sk_page_util_dup_selected (GTK_SELECTION_MODEL (self->selection));
}

void
sk_stores_page_select_all (SkStoresPage *self)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
sk_stores_page_unselect_all (SkStoresPage *self)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

gboolean
sk_stores_page_get_search_mode (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
sk_stores_page_set_search_mode (SkStoresPage *self,
                               gboolean     search_mode)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));

  sk_page_util_set_search_mode (self->search_bar, self->search_entry, search_mode);
}

void
sk_stores_page_set_search_text (SkStoresPage *self,
                               const char  *text)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self);
}

void
sk_stores_page_activate_position (SkStoresPage *self,
                                  guint         position)
{
  g_autoptr (SkVectorStore) store = NULL;

  g_return_if_fail (SK_IS_STORES_PAGE (self));

  store = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (store != NULL)
    g_signal_emit (self, signals[STORE_ACTIVATED], 0, store);
}

void
sk_stores_page_sort_by (SkStoresPage *self,
                       const char  *column_id,
                       GtkSortType  order)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));
  sk_page_util_sort_by (self->column_view, column_id, order);
}

gboolean
sk_stores_page_get_busy (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), FALSE);
  update_busy (self);
  return self->busy;
}

const char *
sk_stores_page_get_state (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
sk_stores_page_get_actions_box (SkStoresPage *self)
{
  g_return_val_if_fail (SK_IS_STORES_PAGE (self), NULL);
  return self->actions_box;
}
