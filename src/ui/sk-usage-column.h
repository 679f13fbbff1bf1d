/* sk-usage-column.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sk-usage-index.h"

G_BEGIN_DECLS

/* The usage index the column shows now, or NULL while it is not known. */
typedef SkUsageIndex *(*SkUsageIndexFunc) (gpointer user_data);

GtkColumnViewColumn *sk_usage_column_add         (GtkColumnView    *view,
                                                  SkUsageIndexFunc  get_index,
                                                  gpointer          user_data);
/* Redraws the cells and redoes a sort by the column (the index changed). */
void                 sk_usage_column_refresh     (GtkColumnViewColumn *column);
/* One line per use of @file_id ("Batch batch_abc · input · in_progress"),
 * or NULL when nothing uses it. */
char                *sk_usage_column_dup_details (SkUsageIndex     *index,
                                                  const char       *file_id);

const char          *sk_usage_column_role_text   (const char       *role);

G_END_DECLS
