/* sk-delete-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* More items than this need a second, deliberate step before deleting. */
#define SK_DELETE_LARGE_THRESHOLD 100

#define SK_TYPE_DELETE_DIALOG (sk_delete_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (SkDeleteDialog, sk_delete_dialog, SK, DELETE_DIALOG, AdwMessageDialog)

struct _SkDeleteDialogClass
{
  AdwMessageDialogClass parent_class;

  /* whether the deletion asked now needs the "I understand" tick */
  gboolean (* is_large) (SkDeleteDialog *self);
};

void            sk_delete_dialog_run                (SkDeleteDialog       *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        sk_delete_dialog_run_finish         (SkDeleteDialog       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
GtkCheckButton *sk_delete_dialog_get_confirm_check  (SkDeleteDialog       *self);
gboolean        sk_delete_dialog_is_confirmed       (SkDeleteDialog       *self);
void            sk_delete_dialog_set_account        (SkDeleteDialog       *self,
                                                     const char           *account);

/* For the subclasses */
void            sk_delete_dialog_setup              (SkDeleteDialog       *self,
                                                     const char           *heading,
                                                     const char           *body,
                                                     const char           *delete_label);
GtkWidget      *sk_delete_dialog_add_confirm_check  (SkDeleteDialog       *self);
void            sk_delete_dialog_update_confirm     (SkDeleteDialog       *self);
void            sk_delete_dialog_end_body           (GString              *body,
                                                     gboolean              every,
                                                     const char           *every_sentence);

G_END_DECLS
