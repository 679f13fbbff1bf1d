/* sk-list-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-list-page.h"

#include "sk-a11y.h"
#include "sk-column-menu.h"
#include "sk-format.h"
#include "sk-list-page-preview.h"
#include "sk-list-page-rules.h"
#include "sk-list-rows.h"
#include "sk-settings.h"

typedef struct
{
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkBox             *toolbar;
  GtkWidget          *toolbar_spacer;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkMenuButton      *columns_button;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *loading_page;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  AdwStatusPage      *preview_empty_page;
  GtkButton          *error_button;
  GtkRevealer        *action_revealer;
  GtkLabel           *selection_label;
  GtkBox             *actions_box;
  GtkWidget          *delete_button;
  SkListPagePreview  *preview;

  SkPagedList        *list;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;

  char               *folded_search;
  guint               n_selected;
  gint64              selected_bytes;
  gboolean            busy;
  gboolean            select_when_filtered;
  gboolean            focus_when_selected;
  guint               select_idle_id;
} SkListPagePrivate;

static void sk_list_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (SkListPage, sk_list_page, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (SkListPage)
                                  G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, sk_list_page_buildable_init))

enum {
  PROP_0,
  PROP_LIST,
  PROP_SEARCH_MODE,
  PROP_N_SELECTED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

/* Filter */

static gboolean
item_matches (gpointer item,
              gpointer data)
{
  SkListPage *self = data;
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  SkListPageClass *klass = SK_LIST_PAGE_GET_CLASS (self);

  if (klass->filter_item != NULL && !klass->filter_item (self, item))
    return FALSE;
  return priv->folded_search == NULL || klass->match_search (self, item, priv->folded_search);
}

/* State */

static gboolean
models_pending (SkListPagePrivate *priv)
{
  return gtk_filter_list_model_get_pending (priv->filter_model) > 0
         || gtk_sort_list_model_get_pending (priv->sort_model) > 0;
}

static void
update_busy (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  gboolean busy = priv->list != NULL
                  && (sk_paged_list_get_loading (priv->list)
                      || models_pending (priv)
                      || priv->select_when_filtered);

  if (busy != priv->busy)
    {
      priv->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static gboolean
select_all_idle (gpointer data)
{
  SkListPage *self = data;
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  priv->select_idle_id = 0;
  if (models_pending (priv))
    return G_SOURCE_REMOVE;   /* a later notify::pending comes back here */
  priv->select_when_filtered = FALSE;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (priv->selection));
  if (priv->focus_when_selected)
    gtk_widget_grab_focus (GTK_WIDGET (priv->column_view));
  priv->focus_when_selected = FALSE;
  update_busy (self);
  return G_SOURCE_REMOVE;
}

/* Selects everything shown once filtering and sorting are done; from an
 * idle, not from inside the models' notifications. */
static void
select_if_filtered (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  if (!priv->select_when_filtered || priv->select_idle_id != 0 || models_pending (priv))
    return;
  priv->select_idle_id = g_idle_add (select_all_idle, self);
}

/* Shows the state of the list: "loading", "error", "empty", "no-results"
 * or "list", the spinner while loading, and the status line. */
static void
update_state (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  SkListPageClass *klass = SK_LIST_PAGE_GET_CLASS (self);
  const GError *error = priv->list ? sk_paged_list_get_error (priv->list) : NULL;
  guint n_all = priv->list ? g_list_model_get_n_items (G_LIST_MODEL (priv->list)) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (priv->filter_model));
  gboolean loading = priv->list ? sk_paged_list_get_loading (priv->list) : FALSE;
  g_autofree char *status = NULL;
  const char *state;

  state = sk_list_page_rules_state (priv->list != NULL, loading, error != NULL, n_all, n_shown,
                                    gtk_filter_list_model_get_pending (priv->filter_model) > 0);
  if (g_str_equal (state, "no-results") && priv->folded_search == NULL
      && sk_list_page_preview_get_active (priv->preview))
    {
      g_autofree char *text = g_strdup_printf (_("Nothing in this list matches “%s”."),
                                               sk_list_page_preview_get_title (priv->preview));

      adw_status_page_set_description (priv->preview_empty_page, text);
      state = "preview-empty";
    }
  if (g_str_equal (state, "error"))
    sk_format_error_page (priv->error_page, priv->error_button, error, _(klass->error_title));
  gtk_stack_set_visible_child_name (priv->content_stack, state);
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), loading);
  gtk_spinner_set_spinning (priv->spinner, loading);

  status = klass->dup_status ? klass->dup_status (self, n_shown, n_all, loading)
                             : sk_list_page_rules_files_status (n_shown, n_all, loading);
  gtk_label_set_text (priv->status_label, status);

  update_busy (self);
}

/* Sums the size of the selected rows, shows "N selected · size" and the
 * action bar while something is selected. */
static void
update_selection (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  SkListPageClass *klass = SK_LIST_PAGE_GET_CLASS (self);
  g_autoptr (GPtrArray) selected = sk_list_page_dup_selected (self);
  g_autofree char *text = NULL;
  gint64 total = 0;
  guint n = selected->len;

  for (guint i = 0; i < n; i++)
    if (g_ptr_array_index (selected, i) != NULL)
      total += MAX (klass->get_item_size (self, g_ptr_array_index (selected, i)), 0);

  priv->selected_bytes = total;
  text = sk_format_selection (n, total, TRUE);
  gtk_label_set_text (priv->selection_label, text);
  gtk_revealer_set_reveal_child (priv->action_revealer, n > 0);

  if (n == priv->n_selected)
    return;
  priv->n_selected = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

/* Callbacks */

/* Folds the text of the search entry and, when it differs from the search
 * in force, refilters by it. */
static void
search_changed_cb (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  g_autofree char *folded = sk_format_fold (gtk_editable_get_text (GTK_EDITABLE (priv->search_entry)));
  GtkFilterChange change;

  if (g_strcmp0 (folded, priv->folded_search) == 0)
    return;
  change = sk_list_page_rules_search_change (priv->folded_search, folded);
  g_free (priv->folded_search);
  priv->folded_search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (priv->filter), change);
}

static void
list_items_changed_cb (SkListPage *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *list)
{
  SkListPageClass *klass = SK_LIST_PAGE_GET_CLASS (self);

  if (klass->items_changed != NULL)
    klass->items_changed (self, list, position, removed, added);
  update_state (self);
}

static void
stop_search_cb (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  gtk_editable_set_text (GTK_EDITABLE (priv->search_entry), "");
  gtk_search_bar_set_search_mode (priv->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (priv->column_view));
}

/* Enter in the search entry goes to the rows found */
static void
search_activate_cb (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  gtk_widget_grab_focus (GTK_WIDGET (priv->column_view));
}

static void
search_mode_changed_cb (SkListPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* GtkBuildable: <child type="toolbar"> goes at the start of the toolbar,
 * <child type="action"> before the Delete button. */
static void
sk_list_page_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  SkListPage *self = SK_LIST_PAGE (buildable);
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  if (g_strcmp0 (type, "toolbar") == 0 && GTK_IS_WIDGET (child))
    gtk_box_insert_child_after (priv->toolbar, GTK_WIDGET (child),
                                gtk_widget_get_prev_sibling (priv->toolbar_spacer));
  else if (g_strcmp0 (type, "action") == 0 && GTK_IS_WIDGET (child))
    gtk_box_insert_child_after (priv->actions_box, GTK_WIDGET (child),
                                gtk_widget_get_prev_sibling (priv->delete_button));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
sk_list_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = sk_list_page_add_child;
}

/* Overrides */

static void
sk_list_page_map (GtkWidget *widget)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (SK_LIST_PAGE (widget));

  GTK_WIDGET_CLASS (sk_list_page_parent_class)->map (widget);
  gtk_search_bar_set_key_capture_widget (priv->search_bar, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
sk_list_page_unmap (GtkWidget *widget)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (SK_LIST_PAGE (widget));

  gtk_search_bar_set_key_capture_widget (priv->search_bar, NULL);
  GTK_WIDGET_CLASS (sk_list_page_parent_class)->unmap (widget);
}

static void
sk_list_page_constructed (GObject *object)
{
  SkListPage *self = SK_LIST_PAGE (object);
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  SkListPageClass *klass = SK_LIST_PAGE_GET_CLASS (self);
  const char *columns_key = klass->columns_key;

  G_OBJECT_CLASS (sk_list_page_parent_class)->constructed (object);

  /* the class of the subclass, which init does not see yet */
  sk_list_page_preview_attach (priv->preview, priv->filter_model, GTK_SELECTION_MODEL (priv->selection),
                               GTK_WIDGET (priv->column_view), klass->item_type,
                               (SkListPagePreviewIdFunc) klass->get_item_id,
                               (SkListPagePreviewSizeFunc) klass->get_item_size, self);

  /* after the subclass's init: the columns and texts are the subclass's */
  if (columns_key != NULL)
    {
      g_autoptr (GSettings) settings = sk_settings_new ();

      sk_column_menu_attach (GTK_WIDGET (self), priv->column_view, priv->columns_button, settings, columns_key);
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->columns_button), columns_key != NULL);
  sk_a11y_name_from_placeholder (GTK_WIDGET (priv->search_entry));

  update_state (self);
  update_selection (self);
}

static void
sk_list_page_dispose (GObject *object)
{
  SkListPage *self = SK_LIST_PAGE (object);
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  gpointer models[] = { priv->list, priv->filter_model, priv->sort_model, priv->selection };
  GtkWidget *child;

  g_clear_handle_id (&priv->select_idle_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (models[i] != NULL)
      g_signal_handlers_disconnect_by_data (models[i], self);

  /* Not gtk_widget_dispose_template (self, SK_TYPE_LIST_PAGE): GTK 4.8
   * tears down the template of the instance's own class whatever type it
   * is given. The children are unparented here and GtkWidget drops its
   * references to them with the widget. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&priv->selection);
  g_clear_object (&priv->sort_model);
  g_clear_object (&priv->filter_model);
  g_clear_object (&priv->filter);
  g_clear_object (&priv->list);

  G_OBJECT_CLASS (sk_list_page_parent_class)->dispose (object);
}

static void
sk_list_page_finalize (GObject *object)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (SK_LIST_PAGE (object));

  g_free (priv->folded_search);

  G_OBJECT_CLASS (sk_list_page_parent_class)->finalize (object);
}

static void
sk_list_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SkListPage *self = SK_LIST_PAGE (object);
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, priv->list);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, sk_list_page_get_search_mode (self));
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, priv->n_selected);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_list_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SkListPage *self = SK_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      sk_list_page_set_list (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      sk_list_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_list_page_class_init (SkListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SK_TYPE_LIST_PAGE_PREVIEW);

  object_class->constructed = sk_list_page_constructed;
  object_class->dispose = sk_list_page_dispose;
  object_class->finalize = sk_list_page_finalize;
  object_class->get_property = sk_list_page_get_property;
  object_class->set_property = sk_list_page_set_property;
  widget_class->map = sk_list_page_map;
  widget_class->unmap = sk_list_page_unmap;

  klass->item_type = G_TYPE_OBJECT;

  /**
   * SkListPage:list:
   *
   * The #SkPagedList whose items the page shows, or %NULL.
   */
  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, SK_TYPE_PAGED_LIST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkListPage:search-mode:
   *
   * Whether the search bar is shown; setting it to %TRUE also focuses
   * the search entry.
   */
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkListPage:n-selected:
   *
   * How many rows are selected.
   */
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkListPage:busy:
   *
   * Whether the list is loading, or the rows are being filtered, sorted
   * or selected.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-list-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, search_bar);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, search_entry);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, toolbar);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, toolbar_spacer);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, status_label);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, columns_button);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, content_stack);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, column_view);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, loading_page);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, empty_page);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, no_results_page);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, preview_empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, error_button);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, action_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, selection_label);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, actions_box);
  gtk_widget_class_bind_template_child_internal_private (widget_class, SkListPage, delete_button);
  gtk_widget_class_bind_template_child_private (widget_class, SkListPage, preview);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "unselect_all_cb",
                                                G_CALLBACK (sk_list_page_unselect_all));

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_list_page_init (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  g_autoptr (GtkMultiFilter) filters = GTK_MULTI_FILTER (gtk_every_filter_new ());

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (priv->search_bar, GTK_EDITABLE (priv->search_entry));
  g_signal_connect_swapped (priv->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);

  /* Model chain: paged list -> filter (the page's and the preview's) ->
   * sort -> multi-selection, incremental */
  priv->filter = gtk_custom_filter_new (item_matches, self, NULL);
  gtk_multi_filter_append (filters, g_object_ref (GTK_FILTER (priv->filter)));
  gtk_multi_filter_append (filters, g_object_ref (sk_list_page_preview_get_filter (priv->preview)));
  priv->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_steal_pointer (&filters)));
  gtk_filter_list_model_set_incremental (priv->filter_model, TRUE);
  priv->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (priv->filter_model)), NULL);
  gtk_sort_list_model_set_incremental (priv->sort_model, TRUE);
  priv->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (priv->sort_model)));

  g_signal_connect_swapped (priv->filter_model, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (priv->filter_model, "notify::pending", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (priv->filter_model, "notify::pending", G_CALLBACK (select_if_filtered), self);
  g_signal_connect_swapped (priv->sort_model, "notify::pending", G_CALLBACK (select_if_filtered), self);
  g_signal_connect_swapped (priv->sort_model, "notify::pending", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (priv->selection, "selection-changed", G_CALLBACK (update_selection), self);
  g_signal_connect_swapped (priv->selection, "items-changed", G_CALLBACK (update_selection), self);

  gtk_sort_list_model_set_sorter (priv->sort_model, gtk_column_view_get_sorter (priv->column_view));
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
  sk_list_rows_fix_view (priv->column_view, GTK_WIDGET (priv->columns_button));
}

/* Public API */

void
sk_list_page_set_list (SkListPage  *self,
                       SkPagedList *list)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  SkListPageClass *klass;

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  g_return_if_fail (!list || SK_IS_PAGED_LIST (list));

  if (priv->list == list)
    return;

  /* another account: the preview was of the other list */
  sk_list_page_show_all (self);
  if (priv->list != NULL)
    g_signal_handlers_disconnect_by_data (priv->list, self);
  g_set_object (&priv->list, list);

  gtk_filter_list_model_set_model (priv->filter_model, G_LIST_MODEL (list));

  if (list != NULL)
    {
      g_signal_connect_object (list, "items-changed", G_CALLBACK (list_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loading", G_CALLBACK (update_state),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::error", G_CALLBACK (update_state),
                               self, G_CONNECT_SWAPPED);
    }

  klass = SK_LIST_PAGE_GET_CLASS (self);
  if (klass->list_replaced != NULL)
    klass->list_replaced (self, list);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

SkPagedList *
sk_list_page_get_list (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);
  return priv->list;
}

/* Loads the page's list again from the start; nothing without a list. */
void
sk_list_page_reload (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  if (priv->list != NULL)
    sk_paged_list_reload (priv->list);
}

GType
sk_list_page_get_item_type (SkListPage *self)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE (self), G_TYPE_INVALID);
  return SK_LIST_PAGE_GET_CLASS (self)->item_type;
}

/* The rows as shown: filtered, sorted, with the selection */
GtkSelectionModel *
sk_list_page_get_selection (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (priv->selection);
}

/* A new reference to each selected item, in view order */
GPtrArray *
sk_list_page_dup_selected (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) bitset = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), result);

  bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (priv->selection));
  if (gtk_bitset_iter_init_first (&iter, bitset, &position))
    do
      g_ptr_array_add (result, g_list_model_get_item (G_LIST_MODEL (priv->selection), position));
    while (gtk_bitset_iter_next (&iter, &position));

  return result;
}

/* The IDs of the selected items, in view order */
GStrv
sk_list_page_dup_selected_ids (SkListPage *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) selected = NULL;
  SkListPageClass *klass;

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);

  klass = SK_LIST_PAGE_GET_CLASS (self);
  selected = sk_list_page_dup_selected (self);
  for (guint i = 0; i < selected->len; i++)
    g_strv_builder_add (builder, klass->get_item_id (self, g_ptr_array_index (selected, i)));
  return g_strv_builder_end (builder);
}

/* What the action bar says: how many rows are selected and their size */
void
sk_list_page_get_selection_summary (SkListPage *self,
                                    guint      *n_selected,
                                    gint64     *total_bytes)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));

  if (n_selected != NULL)
    *n_selected = priv->n_selected;
  if (total_bytes != NULL)
    *total_bytes = priv->selected_bytes;
}

void
sk_list_page_select_all (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (priv->selection));
}

void
sk_list_page_unselect_all (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (priv->selection));
}

gboolean
sk_list_page_get_search_mode (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), FALSE);
  return gtk_search_bar_get_search_mode (priv->search_bar);
}

/* Shows or hides the search bar, focusing the entry when shown */
void
sk_list_page_set_search_mode (SkListPage *self,
                              gboolean    search_mode)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));

  gtk_search_bar_set_search_mode (priv->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
}

/* Opens the search, or focuses it when already open */
void
sk_list_page_focus_search (SkListPage *self)
{
  g_return_if_fail (SK_IS_LIST_PAGE (self));
  sk_list_page_set_search_mode (self, TRUE);
}

/* Sets the search text and filters by it at once */
void
sk_list_page_set_search_text (SkListPage *self,
                              const char *text)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (priv->search_entry), text ? text : "");
  search_changed_cb (self);
}

/* Sorts by the column added with sk_format_add_column() as @column_id */
void
sk_list_page_sort_by (SkListPage  *self,
                      const char  *column_id,
                      GtkSortType  order)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);
  GtkColumnViewColumn *column;

  g_return_if_fail (SK_IS_LIST_PAGE (self));

  column = sk_column_menu_find (priv->column_view, column_id);
  if (column != NULL)
    gtk_column_view_sort_by_column (priv->column_view, column, order);
  else
    g_warning ("No column %s", column_id);
}

gboolean
sk_list_page_get_busy (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), FALSE);
  update_busy (self);
  return priv->busy;
}

/* "loading", "list", "empty", "no-results", "error", or "preview-empty"
 * when a preview with no search keeps no row */
const char *
sk_list_page_get_state (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (priv->content_stack);
}

GtkColumnView *
sk_list_page_get_column_view (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);
  return priv->column_view;
}

/* Whether a search text filters the rows */
gboolean
sk_list_page_get_searching (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), FALSE);
  return priv->folded_search != NULL;
}

/* The subclass's own filters changed */
void
sk_list_page_refilter (SkListPage      *self,
                       GtkFilterChange  change)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  gtk_filter_changed (GTK_FILTER (priv->filter), change);
}

/* The sizes of the items changed: sums the selection again */
void
sk_list_page_refresh_selection (SkListPage *self)
{
  g_return_if_fail (SK_IS_LIST_PAGE (self));
  update_selection (self);
}

/* Selects every row shown once the filters and the sort in progress are
 * done; the page is busy until then. */
void
sk_list_page_select_all_when_filtered (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));

  priv->select_when_filtered = TRUE;
  select_if_filtered (self);
}

/**
 * sk_list_page_show_only:
 * @self: a list page
 * @ids: the IDs of the rows to show
 * @title: what the rows are, for the bar: the name of a rule
 *
 * Shows only the rows of @ids (that pass the page's other filters too)
 * under a bar saying what they add up to, with Show All and Delete…,
 * selects them all once they are shown, and focuses the list. Show All,
 * Escape, sk_list_page_show_all() or another list end it.
 */
void
sk_list_page_show_only (SkListPage         *self,
                        const char * const *ids,
                        const char         *title)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (title != NULL);

  sk_list_page_preview_start (priv->preview, ids, title);
  priv->focus_when_selected = TRUE;
  sk_list_page_select_all_when_filtered (self);
}

/* Leaves the preview of sk_list_page_show_only(), if any */
void
sk_list_page_show_all (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_if_fail (SK_IS_LIST_PAGE (self));
  sk_list_page_preview_stop (priv->preview);
}

/* The bar of sk_list_page_show_only(): whether it is on, what it says */
SkListPagePreview *
sk_list_page_get_preview (SkListPage *self)
{
  SkListPagePrivate *priv = sk_list_page_get_instance_private (self);

  g_return_val_if_fail (SK_IS_LIST_PAGE (self), NULL);
  return priv->preview;
}
