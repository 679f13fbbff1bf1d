/* sk-column-menu.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The menu that shows, hides and sorts the columns of a column view, and
 * the memory of the columns shown and of their widths.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sk-column-menu.h"

#define SAVE_DELAY_MS 500

typedef struct
{
  GtkColumnView      *view;
  GSettings          *settings;
  char               *key;
  GSimpleActionGroup *actions;
  GPtrArray          *columns;
  guint               save_id;
  gboolean            restoring;
} ColumnMenu;

/* Helpers */

static const char *
column_id (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "sk-column-id");
}

static GtkColumnViewColumn *
find_column (ColumnMenu *menu,
             const char *id)
{
  return sk_column_menu_find (menu->view, id);
}

static void
column_menu_free (gpointer data)
{
  ColumnMenu *menu = data;

  g_clear_handle_id (&menu->save_id, g_source_remove);
  for (guint i = 0; i < menu->columns->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (menu->columns, i), menu);
  g_ptr_array_unref (menu->columns);
  g_clear_object (&menu->settings);
  g_clear_object (&menu->actions);
  g_free (menu->key);
  g_free (menu);
}

static GVariant *
layout_of_view (ColumnMenu *menu)
{
  GListModel *columns = gtk_column_view_get_columns (menu->view);
  guint n = g_list_model_get_n_items (columns);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(bi)}"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (column_id (column) == NULL)
        continue;
      g_variant_builder_add (&builder, "{s(bi)}", column_id (column),
                             gtk_column_view_column_get_visible (column),
                             gtk_column_view_column_get_fixed_width (column));
    }
  return g_variant_builder_end (&builder);
}

static gboolean
save_timeout (gpointer data)
{
  ColumnMenu *menu = data;

  menu->save_id = 0;
  g_settings_set_value (menu->settings, menu->key, layout_of_view (menu));
  return G_SOURCE_REMOVE;
}

static void
restore (ColumnMenu *menu)
{
  g_autoptr (GVariant) layout = g_settings_get_value (menu->settings, menu->key);
  GListModel *columns = gtk_column_view_get_columns (menu->view);
  guint n = g_list_model_get_n_items (columns);

  menu->restoring = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      gboolean visible;
      int width;

      if (column_id (column) == NULL || !sk_column_menu_lookup (layout, column_id (column), &visible, &width))
        continue;
      /* the first column, the one that names the row, stays */
      gtk_column_view_column_set_visible (column, visible || i == 0);
      gtk_column_view_column_set_fixed_width (column, width > 0 ? width : -1);
    }
  menu->restoring = FALSE;
}

static GMenu *
visibility_section (ColumnMenu *menu)
{
  GListModel *columns = gtk_column_view_get_columns (menu->view);
  guint n = g_list_model_get_n_items (columns);
  GMenu *section = g_menu_new ();

  for (guint i = 1; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autofree char *action = NULL;

      if (column_id (column) == NULL)
        continue;
      action = g_strdup_printf ("columns.show-%s", column_id (column));
      g_menu_append (section, gtk_column_view_column_get_title (column), action);
    }
  return section;
}

static GMenu *
sort_submenu (ColumnMenu *menu,
              const char *action)
{
  GListModel *columns = gtk_column_view_get_columns (menu->view);
  guint n = g_list_model_get_n_items (columns);
  GMenu *submenu = g_menu_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr (GMenuItem) item = NULL;

      if (column_id (column) == NULL || gtk_column_view_column_get_sorter (column) == NULL)
        continue;
      item = g_menu_item_new (gtk_column_view_column_get_title (column), NULL);
      g_menu_item_set_action_and_target (item, action, "s", column_id (column));
      g_menu_append_item (submenu, item);
    }
  return submenu;
}

/* The menu of a column header: sort by it, then the columns shown */
static GMenuModel *
header_menu (ColumnMenu          *menu,
             GtkColumnViewColumn *column)
{
  GMenu *model = g_menu_new ();
  g_autoptr (GMenu) sort = g_menu_new ();
  g_autoptr (GMenu) shown = visibility_section (menu);

  if (gtk_column_view_column_get_sorter (column) != NULL)
    {
      g_autoptr (GMenuItem) ascending = g_menu_item_new (_("Sort _Ascending"), NULL);
      g_autoptr (GMenuItem) descending = g_menu_item_new (_("Sort _Descending"), NULL);

      g_menu_item_set_action_and_target (ascending, "columns.sort-ascending", "s", column_id (column));
      g_menu_item_set_action_and_target (descending, "columns.sort-descending", "s", column_id (column));
      g_menu_append_item (sort, ascending);
      g_menu_append_item (sort, descending);
      g_menu_append_section (model, NULL, G_MENU_MODEL (sort));
    }
  g_menu_append_section (model, _("Columns"), G_MENU_MODEL (shown));
  return G_MENU_MODEL (model);
}

/* The menu of the Columns button: sort by any column, the columns shown */
static GMenuModel *
button_menu (ColumnMenu *menu)
{
  GMenu *model = g_menu_new ();
  g_autoptr (GMenu) sort = g_menu_new ();
  g_autoptr (GMenu) ascending = sort_submenu (menu, "columns.sort-ascending");
  g_autoptr (GMenu) descending = sort_submenu (menu, "columns.sort-descending");
  g_autoptr (GMenu) shown = visibility_section (menu);

  g_menu_append_submenu (sort, _("Sort _Ascending"), G_MENU_MODEL (ascending));
  g_menu_append_submenu (sort, _("Sort _Descending"), G_MENU_MODEL (descending));
  g_menu_append_section (model, NULL, G_MENU_MODEL (sort));
  g_menu_append_section (model, _("Columns"), G_MENU_MODEL (shown));
  return G_MENU_MODEL (model);
}

/* The column headers of @view, in the order of its columns: GTK 4.8
 * puts them in the first child of the view that is not its list */
static GtkWidget *
header_row (GtkColumnView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* Callbacks */

static void
sort_header_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  GtkColumnViewColumn *column = data;
  GtkColumnView *view = gtk_column_view_column_get_column_view (column);
  gboolean descending = g_str_equal (g_action_get_name (G_ACTION (action)), "descending");

  if (view != NULL && gtk_column_view_column_get_sorter (column) != NULL)
    gtk_column_view_sort_by_column (view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
layout_changed_cb (GObject    *column,
                   GParamSpec *pspec,
                   ColumnMenu *menu)
{
  GAction *action;
  g_autofree char *name = g_strdup_printf ("show-%s", column_id (GTK_COLUMN_VIEW_COLUMN (column)));

  action = g_action_map_lookup_action (G_ACTION_MAP (menu->actions), name);
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action),
                               g_variant_new_boolean (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (column))));
  if (menu->restoring || menu->save_id != 0)
    return;
  menu->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, menu);
}

static void
show_change_state_cb (GSimpleAction *action,
                      GVariant      *state,
                      ColumnMenu    *menu)
{
  const char *id = g_action_get_name (G_ACTION (action)) + strlen ("show-");
  GtkColumnViewColumn *column = find_column (menu, id);

  if (column != NULL)
    gtk_column_view_column_set_visible (column, g_variant_get_boolean (state));
}

static void
sort_cb (GSimpleAction *action,
         GVariant      *parameter,
         ColumnMenu    *menu)
{
  GtkColumnViewColumn *column = find_column (menu, g_variant_get_string (parameter, NULL));
  gboolean descending = g_str_equal (g_action_get_name (G_ACTION (action)), "sort-descending");

  if (column != NULL)
    gtk_column_view_sort_by_column (menu->view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* GTK 4.8 names the column headers by their class, gives them no role
 * of column header and no action: sorting by a column takes a click.
 * Each header is named by its column's title and gets the actions
 * "sort.ascending" and "sort.descending". */
static void
expose_headers (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkWidget *row = header_row (view);
  GtkWidget *title = row ? gtk_widget_get_first_child (row) : NULL;
  guint n = g_list_model_get_n_items (columns);
  const GActionEntry entries[] = {
    { "ascending", sort_header_cb },
    { "descending", sort_header_cb },
  };

  for (guint i = 0; i < n && title != NULL; i++, title = gtk_widget_get_next_sibling (title))
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();

      gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_column_view_column_get_title (column), -1);
      if (gtk_column_view_column_get_sorter (column) == NULL)
        continue;
      g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), column);
      gtk_widget_insert_action_group (title, "sort", G_ACTION_GROUP (actions));
    }
}

/* Public API */

GtkColumnViewColumn *
sk_column_menu_find (GtkColumnView *view,
                     const char    *id)
{
  GListModel *columns;
  guint n;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  columns = gtk_column_view_get_columns (view);
  n = g_list_model_get_n_items (columns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (column_id (column), id) == 0)
        return column;   /* the view holds it */
    }
  return NULL;
}

gboolean
sk_column_menu_lookup (GVariant   *layout,
                       const char *id,
                       gboolean   *visible,
                       int        *width)
{
  g_autoptr (GVariant) entry = NULL;
  gboolean shown;
  gint32 fixed;

  g_return_val_if_fail (id != NULL, FALSE);

  if (layout == NULL || !g_variant_is_of_type (layout, G_VARIANT_TYPE ("a{s(bi)}")))
    return FALSE;
  entry = g_variant_lookup_value (layout, id, G_VARIANT_TYPE ("(bi)"));
  if (entry == NULL)
    return FALSE;
  g_variant_get (entry, "(bi)", &shown, &fixed);
  if (visible != NULL)
    *visible = shown;
  if (width != NULL)
    *width = fixed > 0 ? fixed : -1;
  return TRUE;
}

void
sk_column_menu_attach (GtkWidget     *owner,
                       GtkColumnView *view,
                       GtkMenuButton *button,
                       GSettings     *settings,
                       const char    *key)
{
  ColumnMenu *menu;
  GListModel *columns;
  g_autoptr (GMenuModel) model = NULL;
  guint n;
  const GActionEntry sort_entries[] = {
    { "sort-ascending", (gpointer) sort_cb, "s" },
    { "sort-descending", (gpointer) sort_cb, "s" },
  };

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);

  menu = g_new0 (ColumnMenu, 1);
  menu->view = view;
  menu->settings = g_object_ref (settings);
  menu->key = g_strdup (key);
  menu->actions = g_simple_action_group_new ();
  menu->columns = g_ptr_array_new_with_free_func (g_object_unref);
  g_object_set_data_full (G_OBJECT (owner), "sk-column-menu", menu, column_menu_free);

  restore (menu);

  g_action_map_add_action_entries (G_ACTION_MAP (menu->actions), sort_entries, G_N_ELEMENTS (sort_entries), menu);
  columns = gtk_column_view_get_columns (view);
  n = g_list_model_get_n_items (columns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr (GMenuModel) header = NULL;

      if (column_id (column) == NULL)
        continue;
      if (i > 0)
        {
          g_autofree char *name = g_strdup_printf ("show-%s", column_id (column));
          g_autoptr (GSimpleAction) action = NULL;

          action = g_simple_action_new_stateful (name, NULL,
                                                 g_variant_new_boolean (gtk_column_view_column_get_visible (column)));
          g_signal_connect (action, "change-state", G_CALLBACK (show_change_state_cb), menu);
          g_action_map_add_action (G_ACTION_MAP (menu->actions), G_ACTION (action));
        }
      header = header_menu (menu, column);
      gtk_column_view_column_set_header_menu (column, header);
      g_ptr_array_add (menu->columns, g_object_ref (column));
      g_signal_connect (column, "notify::visible", G_CALLBACK (layout_changed_cb), menu);
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (layout_changed_cb), menu);
    }
  gtk_widget_insert_action_group (owner, "columns", G_ACTION_GROUP (menu->actions));
  expose_headers (view);

  model = button_menu (menu);
  gtk_menu_button_set_menu_model (button, model);
}
