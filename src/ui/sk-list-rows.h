/* sk-list-rows.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names the cell holding @child (a cell widget of @list_item) by @text,
 * and its row by @row_name with @row_description; gives the row the
 * actions "row.activate" (what Enter or a double click does) and
 * "row.toggle" (adds it to or takes it out of the selection). Called
 * when @list_item is bound. */
void sk_list_rows_bind        (GtkListItem   *list_item,
                               GtkWidget     *child,
                               const char    *text,
                               const char    *row_name,
                               const char    *row_description);

/* Makes Ctrl+click add a row to the selection of @view or take it out;
 * names the list of rows after @view, and the row of column headers,
 * whose action "menu.popup" opens the menu of @menu_button. */
void sk_list_rows_fix_view    (GtkColumnView *view,
                               GtkWidget     *menu_button);

G_END_DECLS
