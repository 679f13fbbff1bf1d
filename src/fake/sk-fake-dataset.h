/* sk-fake-dataset.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-store.h"

G_BEGIN_DECLS

void sk_fake_dataset_generate (SkFakeStore *store,
                               guint        seed,
                               guint        n_files,
                               guint        n_vector_stores);

G_END_DECLS
