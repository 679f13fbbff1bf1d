/* sk-window.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-account.h"
#include "sk-files-page.h"
#include "sk-orphan-finder.h"
#include "sk-store-files-page.h"
#include "sk-stores-page.h"
#include "sk-welcome-page.h"

G_BEGIN_DECLS

#define SK_TYPE_WINDOW (sk_window_get_type ())
G_DECLARE_FINAL_TYPE (SkWindow, sk_window, SK, WINDOW, AdwApplicationWindow)

/* The main window. Property "account" (SkAccount, nullable: the welcome
 * page is shown). Window actions (widget actions of the class, see
 * sk-window-actions.c): win.refresh, win.search, win.select-all, win.back,
 * win.change-key, win.view (string "stores" / "files"), win.delete-selected,
 * win.detach-selected, win.toast (string: the text to show). */

SkWindow         *sk_window_new                 (GtkApplication *application);
void              sk_window_set_account         (SkWindow       *self,
                                                 SkAccount      *account);
SkAccount        *sk_window_get_account         (SkWindow       *self);
void              sk_window_show_loading        (SkWindow       *self);
void              sk_window_show_welcome        (SkWindow       *self);
void              sk_window_add_toast           (SkWindow       *self,
                                                 const char     *message);
void              sk_window_refresh             (SkWindow       *self);
/* "loading", "welcome" or "browse" */
const char       *sk_window_get_state           (SkWindow       *self);
/* "stores" or "files" */
const char       *sk_window_get_view            (SkWindow       *self);
void              sk_window_set_view            (SkWindow       *self,
                                                 const char     *view);
void              sk_window_open_store          (SkWindow       *self,
                                                 SkVectorStore  *store);
void              sk_window_close_store         (SkWindow       *self);
SkFilesPage      *sk_window_get_files_page      (SkWindow       *self);
SkWelcomePage    *sk_window_get_welcome_page    (SkWindow       *self);
SkStoresPage     *sk_window_get_stores_page     (SkWindow       *self);
SkStoreFilesPage *sk_window_get_store_files_page (SkWindow      *self);
SkOrphanFinder   *sk_window_get_orphan_finder   (SkWindow       *self);
gboolean          sk_window_get_usage_ready     (SkWindow       *self);
const char       *sk_window_get_subtitle        (SkWindow       *self);
/* Where the bulk job's progress bar and the results panel go */
GtkBox           *sk_window_get_job_slot        (SkWindow       *self);
void              sk_window_set_job_revealed    (SkWindow       *self,
                                                 gboolean        revealed);
GtkBox           *sk_window_get_results_slot    (SkWindow       *self);
void              sk_window_set_results_revealed (SkWindow      *self,
                                                 gboolean        revealed);

G_END_DECLS
