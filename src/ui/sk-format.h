/* sk-format.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *sk_format_size          (gint64       bytes);
char     *sk_format_money         (double       dollars);
char     *sk_format_date          (gint64       unix_time,
                                   const char  *when_zero);
gboolean  sk_format_matches       (const char  *text,
                                   const char  *folded_needle);
char     *sk_format_fold          (const char  *text);
char     *sk_format_selection     (guint        n_selected,
                                   gint64       total_bytes,
                                   gboolean     with_size);
void      sk_format_refresh_column (GtkColumnViewColumn *column);

/* Text of one cell; *css_class may be set to a style class ("dim-label",
 * "error") for this cell. */
typedef char *(*SkCellTextFunc) (GObject     *item,
                                 gpointer     user_data,
                                 const char **css_class);

GtkColumnViewColumn *sk_format_add_column (GtkColumnView  *view,
                                           const char     *id,
                                           const char     *title,
                                           SkCellTextFunc  func,
                                           gpointer        user_data,
                                           GtkSorter      *sorter,
                                           gboolean        expand,
                                           gboolean        numeric);
GtkSorter *sk_format_string_sorter  (GType        type,
                                     const char  *property,
                                     gboolean     ignore_case);
GtkSorter *sk_format_numeric_sorter (GType        type,
                                     const char  *property);
/* Configure an error state (401: change key; else retry). Returns TRUE when
 * the error is the refused key. */
gboolean   sk_format_error_page     (AdwStatusPage *page,
                                     GtkButton     *button,
                                     const GError  *error,
                                     const char    *what);
gboolean   sk_format_is_unauthorized (const GError *error);

G_END_DECLS
