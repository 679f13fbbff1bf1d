/* sk-list-page.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-list-page-preview.h"
#include "sk-paged-list.h"

G_BEGIN_DECLS

#define SK_TYPE_LIST_PAGE (sk_list_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (SkListPage, sk_list_page, SK, LIST_PAGE, GtkWidget)

/**
 * SkListPageClass:
 * @parent_class: the parent class
 * @item_type: the type of the rows (SkFile, SkVectorStore, ...)
 * @error_title: the title of the error state for an error that is neither
 *   a refused key nor a network error, marked with N_() and translated
 *   when shown
 * @match_search: whether @item matches @folded, the search text folded
 *   with sk_format_fold() (never NULL); required
 * @filter_item: whether @item passes the page's own filters besides the
 *   search; optional, NULL keeps every row
 * @get_item_size: the size in bytes that @item counts for in the selection
 *   summary; a negative size counts as 0; required
 * @get_item_id: the ID of @item; required
 * @dup_status: the status line for @n_shown rows shown out of @n_all,
 *   while loading or not; NULL counts files (sk_list_page_rules_files_status())
 * @list_replaced: the page shows a new list (maybe NULL); optional
 * @items_changed: items of the page's list changed; optional
 * @columns_key: the settings key (of type a{s(bi)}) remembering the
 *   columns shown and their widths; NULL remembers nothing
 *
 * A page listing the items of one #SkPagedList: a search bar, a toolbar
 * with a status line, the loading / error / empty / no-results states, a
 * column view over list -> filter -> sort -> multi-selection, and an
 * action bar with the selection summary, shown while rows are selected.
 *
 * A subclass template adds to the parent's: `<child type="toolbar">`
 * widgets go at the start of the toolbar, `<child type="action">` buttons
 * before the Delete button of the action bar. The internal children
 * `search_entry`, `column_view`, `loading_page`, `empty_page`,
 * `no_results_page` and `delete_button` take the texts of the subclass
 * (`<child internal-child="empty_page">`). The subclass adds its columns
 * to sk_list_page_get_column_view() in its init.
 */
struct _SkListPageClass
{
  GtkWidgetClass parent_class;

  GType          item_type;
  const char    *error_title;
  const char    *columns_key;

  gboolean     (*match_search)  (SkListPage  *self,
                                 gpointer     item,
                                 const char  *folded);
  gboolean     (*filter_item)   (SkListPage  *self,
                                 gpointer     item);
  gint64       (*get_item_size) (SkListPage  *self,
                                 gpointer     item);
  const char  *(*get_item_id)   (SkListPage  *self,
                                 gpointer     item);
  char        *(*dup_status)    (SkListPage  *self,
                                 guint        n_shown,
                                 guint        n_all,
                                 gboolean     loading);
  void         (*list_replaced) (SkListPage  *self,
                                 SkPagedList *list);
  void         (*items_changed) (SkListPage  *self,
                                 GListModel  *list,
                                 guint        position,
                                 guint        removed,
                                 guint        added);
};

/* What the window calls on whichever page is shown */
void               sk_list_page_set_list               (SkListPage   *self,
                                                        SkPagedList  *list);
SkPagedList       *sk_list_page_get_list               (SkListPage   *self);
void               sk_list_page_reload                 (SkListPage   *self);
GType              sk_list_page_get_item_type          (SkListPage   *self);
GtkSelectionModel *sk_list_page_get_selection          (SkListPage   *self);
GPtrArray         *sk_list_page_dup_selected           (SkListPage   *self);
GStrv              sk_list_page_dup_selected_ids       (SkListPage   *self);
void               sk_list_page_get_selection_summary  (SkListPage   *self,
                                                        guint        *n_selected,
                                                        gint64       *total_bytes);
void               sk_list_page_select_all             (SkListPage   *self);
void               sk_list_page_unselect_all           (SkListPage   *self);
gboolean           sk_list_page_get_search_mode        (SkListPage   *self);
void               sk_list_page_set_search_mode        (SkListPage   *self,
                                                        gboolean      search_mode);
void               sk_list_page_focus_search           (SkListPage   *self);
void               sk_list_page_set_search_text        (SkListPage   *self,
                                                        const char   *text);
void               sk_list_page_sort_by                (SkListPage   *self,
                                                        const char   *column_id,
                                                        GtkSortType   order);
gboolean           sk_list_page_get_busy               (SkListPage   *self);
const char        *sk_list_page_get_state              (SkListPage   *self);
void               sk_list_page_show_only              (SkListPage   *self,
                                                        const char * const *ids,
                                                        const char   *title);
void               sk_list_page_show_all               (SkListPage   *self);
SkListPagePreview *sk_list_page_get_preview            (SkListPage   *self);

/* For subclasses */
GtkColumnView     *sk_list_page_get_column_view        (SkListPage   *self);
gboolean           sk_list_page_get_searching          (SkListPage   *self);
void               sk_list_page_refilter               (SkListPage   *self,
                                                        GtkFilterChange change);
void               sk_list_page_refresh_selection      (SkListPage   *self);
void               sk_list_page_select_all_when_filtered (SkListPage *self);

G_END_DECLS
