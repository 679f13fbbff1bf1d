/* sk-list-select.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-list-page.h"

G_BEGIN_DECLS

void sk_list_select_items (SkListPage *page,
                           GPtrArray  *items);

G_END_DECLS
