/* sk-fake-openai-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-openai.h"
#include "sk-fake-store.h"

G_BEGIN_DECLS

SkFakeStore *_sk_fake_openai_get_store (SkFakeOpenai *self);

G_END_DECLS
