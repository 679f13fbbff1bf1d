/* sk-list-page-preview.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SK_TYPE_LIST_PAGE_PREVIEW (sk_list_page_preview_get_type ())
G_DECLARE_FINAL_TYPE (SkListPagePreview, sk_list_page_preview, SK, LIST_PAGE_PREVIEW, GtkWidget)

/* The ID and the size in bytes of @item, a row of the page @data: the
 * signatures of SkListPageClass's get_item_id and get_item_size */
typedef const char *(*SkListPagePreviewIdFunc)   (gpointer data,
                                                  gpointer item);
typedef gint64      (*SkListPagePreviewSizeFunc) (gpointer data,
                                                  gpointer item);

/* The text of the bar: "Preview of “Old batch files”: 42 files, 1.2 GB";
 * @item_type says what is counted (files, vector stores, else items). */
char       *sk_list_page_preview_format      (const char         *title,
                                              GType               item_type,
                                              guint               n_items,
                                              gint64              bytes);

/* Ties the preview to its page: @shown, the rows that pass the filters
 * (sk_list_page_preview_get_filter() among them), are summed in the bar;
 * Delete… selects every row of @selection and activates
 * "win.delete-selected"; the accessible description of @list follows the
 * text of the bar. */
void        sk_list_page_preview_attach      (SkListPagePreview  *self,
                                              GtkFilterListModel *shown,
                                              GtkSelectionModel  *selection,
                                              GtkWidget          *list,
                                              GType               item_type,
                                              SkListPagePreviewIdFunc   get_id,
                                              SkListPagePreviewSizeFunc get_size,
                                              gpointer            data);
/* Keeps the rows of the preview's IDs while it is on, every row else */
GtkFilter  *sk_list_page_preview_get_filter  (SkListPagePreview  *self);
void        sk_list_page_preview_start       (SkListPagePreview  *self,
                                              const char * const *ids,
                                              const char         *title);
void        sk_list_page_preview_stop        (SkListPagePreview  *self);
gboolean    sk_list_page_preview_get_active  (SkListPagePreview  *self);
const char *sk_list_page_preview_get_title   (SkListPagePreview  *self);
/* Whether the row of @id is shown: always when the preview is off */
gboolean    sk_list_page_preview_keeps       (SkListPagePreview  *self,
                                              const char         *id);
const char *sk_list_page_preview_get_text    (SkListPagePreview  *self);

G_END_DECLS
