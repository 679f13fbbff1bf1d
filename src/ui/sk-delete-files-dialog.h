/* sk-delete-files-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-delete-dialog.h"

G_BEGIN_DECLS

#define SK_TYPE_DELETE_FILES_DIALOG (sk_delete_files_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkDeleteFilesDialog, sk_delete_files_dialog, SK, DELETE_FILES_DIALOG, SkDeleteDialog)

SkDeleteFilesDialog *sk_delete_files_dialog_new (GtkWindow *parent,
                                                 guint      n_files,
                                                 gint64     total_bytes,
                                                 int        n_stores,
                                                 gboolean   every_file);
void                 sk_delete_files_dialog_set_busy (SkDeleteFilesDialog *self,
                                                      const char * const  *busy_names,
                                                      guint                n_busy,
                                                      guint                n_finished_only);
GtkCheckButton      *sk_delete_files_dialog_get_busy_check (SkDeleteFilesDialog *self);
gboolean             sk_delete_files_dialog_get_include_busy (SkDeleteFilesDialog *self);

G_END_DECLS
