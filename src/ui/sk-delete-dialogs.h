/* sk-delete-dialogs.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-deletion.h"
#include "sk-deletion-usage.h"

G_BEGIN_DECLS

/* More items than this need a second, deliberate step before deleting. */
#define SK_DELETE_LARGE_THRESHOLD 100

/* The confirmation dialogs. Responses: "cancel" (default, and the close
 * response: Escape) and "delete" (destructive). When a check "I understand
 * this cannot be undone" is shown, "delete" stays disabled until it is
 * ticked. */

/* @n_stores: how many vector stores use those files, -1 when not known yet;
 * @every_file: the selection is every file of the account */
AdwMessageDialog     *sk_delete_files_dialog_new         (GtkWindow          *parent,
                                                          guint               n_files,
                                                          gint64              total_bytes,
                                                          int                 n_stores,
                                                          gboolean            every_file);
/* @n_exclusive / @n_all: files used only by these stores / by any of them,
 * -1 when not known yet ("only these stores" is then not offered, "all"
 * is, without a count) */
AdwMessageDialog     *sk_delete_stores_dialog_new        (GtkWindow          *parent,
                                                          guint               n_stores,
                                                          gint64              usage_bytes,
                                                          int                 n_exclusive,
                                                          int                 n_all,
                                                          gboolean            every_store);
SkDeleteStoresChoice  sk_delete_stores_dialog_get_choice (AdwMessageDialog   *dialog);
void                  sk_delete_stores_dialog_set_choice (AdwMessageDialog   *dialog,
                                                          SkDeleteStoresChoice choice);
/* The "I understand" check, or NULL when the dialog has none or the
 * current choice of the stores dialog does not need it */
GtkCheckButton       *sk_delete_dialog_get_confirm_check (AdwMessageDialog   *dialog);
/* TRUE when "delete" may be answered (no check, or ticked) */
gboolean              sk_delete_dialog_is_confirmed      (AdwMessageDialog   *dialog);

G_END_DECLS
