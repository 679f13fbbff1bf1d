/* sk-list-rows.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a GtkColumnView as assistive technologies and the mouse
 * see them, where GTK 4.8 falls short.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-list-rows.h"

/* Helpers */

/* The row widget of a cell widget, or NULL: in GTK 4.8 a cell's child
 * sits in the cell, which sits in the row. */
static GtkWidget *
row_of_child (GtkWidget *child)
{
  GtkWidget *cell = gtk_widget_get_parent (child);

  return cell != NULL ? gtk_widget_get_parent (cell) : NULL;
}

/* The row under @widget (a descendant of a row), or NULL */
static GtkWidget *
row_at (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "sk-list-item") != NULL)
      return widget;
  return NULL;
}

static gboolean
row_position (GtkWidget *row,
              guint     *position)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row), "sk-list-item");

  if (list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return FALSE;
  *position = gtk_list_item_get_position (list_item);
  return *position != GTK_INVALID_LIST_POSITION;
}

/* Callbacks */

static void
activate_row_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  GtkWidget *row = data;
  guint position;

  if (row_position (row, &position))
    gtk_widget_activate_action (row, "list.activate-item", "u", position);
}

static void
toggle_row_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  GtkWidget *row = data;
  guint position;

  if (row_position (row, &position))
    gtk_widget_activate_action (row, "list.select-item", "(ubb)", position, TRUE, FALSE);
}

static void
popup_menu_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  GtkWidget *menu_button = data;

  if (gtk_widget_get_visible (menu_button) && gtk_widget_is_sensitive (menu_button))
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
}

/* In GTK 4.8 a click on a row reaches the click gesture of the cell and
 * then the one of the row, and each selects: with Ctrl, each toggles the
 * row, so it ends as it was. The click is taken here first, in the
 * capture phase, toggled once, and claimed so that neither runs. The
 * Ctrl+click checks of tests/test-a11y.py tell when a newer GTK no longer
 * needs it. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GtkColumnView   *view)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked;
  GtkWidget *row;
  guint position;

  if ((state & GDK_CONTROL_MASK) == 0 || (state & GDK_SHIFT_MASK) != 0)
    return;
  picked = gtk_widget_pick (GTK_WIDGET (view), x, y, GTK_PICK_DEFAULT);
  row = row_at (picked);
  if (row == NULL || !row_position (row, &position))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (n_press != 1)
    return;
  gtk_widget_activate_action (row, "list.select-item", "(ubb)", position, TRUE, FALSE);
  gtk_widget_grab_focus (row);
}

/* Public API */

void
sk_list_rows_bind (GtkListItem *list_item,
                   GtkWidget   *child,
                   const char  *text,
                   const char  *row_name,
                   const char  *row_description)
{
  GtkWidget *cell = gtk_widget_get_parent (child);
  GtkWidget *row = row_of_child (child);

  g_return_if_fail (GTK_IS_LIST_ITEM (list_item));

  /* GTK 4.8 names cells and rows by their class */
  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, row_description,
                                  -1);

  g_object_set_data (G_OBJECT (row), "sk-list-item", list_item);
  if (g_object_get_data (G_OBJECT (row), "sk-row-actions") == NULL)
    {
      g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
      const GActionEntry entries[] = {
        { "activate", activate_row_cb },
        { "toggle", toggle_row_cb },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), row);
      gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (actions));
      g_object_set_data (G_OBJECT (row), "sk-row-actions", GINT_TO_POINTER (TRUE));
    }
}

void
sk_list_rows_fix_view (GtkColumnView *view,
                       GtkWidget     *menu_button)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_MENU_BUTTON (menu_button));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), view);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  /* GTK 4.8 names the list inside the view and the row of headers by
   * their class */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr (GSimpleActionGroup) actions = NULL;
      const GActionEntry entries[] = {
        { "popup", popup_menu_cb },
      };

      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          view, NULL, -1);
          continue;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headers"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Sort and choose the columns from the Columns menu"),
                                      -1);
      actions = g_simple_action_group_new ();
      g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), menu_button);
      gtk_widget_insert_action_group (child, "menu", G_ACTION_GROUP (actions));
    }
}
