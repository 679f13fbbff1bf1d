/* sk-column-menu.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Parses the remembered layout of a column view (a GVariant of type
 * a{s(bi)}: column ID -> (visible, width; -1 for the natural width)).
 * Whether the column @id is remembered, and then its visibility and
 * width. */
gboolean sk_column_menu_lookup (GVariant      *layout,
                                const char    *id,
                                gboolean      *visible,
                                int           *width);

/* The column of @view added by sk_format_add_column() as @id, or NULL */
GtkColumnViewColumn *sk_column_menu_find (GtkColumnView *view,
                                          const char    *id);

/* Lets the user choose which columns of @view are shown and sort them
 * from a menu: the one of @button and the one of every column header.
 * The actions ("columns.show-ID", "columns.sort-ascending",
 * "columns.sort-descending") go on @owner, an ancestor of @view and of
 * @button. The first column is always shown. The visible columns and
 * the widths the user gives them are remembered in @key of @settings, a
 * key of type a{s(bi)}, and applied now. The columns are the ones
 * added with sk_format_add_column(). */
void     sk_column_menu_attach (GtkWidget     *owner,
                                GtkColumnView *view,
                                GtkMenuButton *button,
                                GSettings     *settings,
                                const char    *key);

G_END_DECLS
