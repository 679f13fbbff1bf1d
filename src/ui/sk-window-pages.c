/* sk-window-pages.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-window-private.h"

/* Which page the window shows. Below the window's other files: it calls
 * only the pages and the deletion view's message, never them. */

/* The list on screen; NULL on the Overview */
SkListPage *
_sk_window_get_current_page (SkWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "files") == 0)
    return SK_LIST_PAGE (self->files_page);
  if (g_strcmp0 (view, "stores") != 0)
    return NULL;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stores_stack), "store") == 0)
    return SK_LIST_PAGE (self->store_files_page);
  return SK_LIST_PAGE (self->stores_page);
}

const char *
sk_window_get_view (SkWindow *self)
{
  g_return_val_if_fail (SK_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
sk_window_set_view (SkWindow   *self,
                    const char *view)
{
  g_return_if_fail (SK_IS_WINDOW (self));

  if (g_strcmp0 (view, "overview") == 0 || g_strcmp0 (view, "stores") == 0 || g_strcmp0 (view, "files") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

void
sk_window_open_store (SkWindow      *self,
                      SkVectorStore *store)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  g_return_if_fail (SK_IS_VECTOR_STORE (store));

  if (self->account == NULL)
    return;
  _sk_window_rebuild_files_by_id (self);
  sk_store_files_page_set_store (self->store_files_page, sk_account_get_client (self->account),
                                 store, self->files_by_id, _sk_window_files_complete (self));
  adw_view_stack_set_visible_child_name (self->view_stack, "stores");
  gtk_stack_set_visible_child_name (self->stores_stack, "store");
}

void
sk_window_close_store (SkWindow *self)
{
  g_return_if_fail (SK_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->stores_stack, "list");
}

void
sk_window_add_toast (SkWindow   *self,
                     const char *message)
{
  g_return_if_fail (SK_IS_WINDOW (self));

  _sk_window_show_message (self, message);
}
