/* sk-uses-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-file.h"
#include "sk-usage-index.h"

G_BEGIN_DECLS

#define SK_TYPE_USES_DIALOG (sk_uses_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkUsesDialog, sk_uses_dialog, SK, USES_DIALOG, AdwMessageDialog)

SkUsesDialog *sk_uses_dialog_new        (GtkWindow    *parent,
                                         SkUsageIndex *index,
                                         GHashTable   *store_names,
                                         GPtrArray    *files);
void          sk_uses_dialog_get_counts (SkUsesDialog *self,
                                         guint        *n_rows,
                                         guint        *n_running);

G_END_DECLS
