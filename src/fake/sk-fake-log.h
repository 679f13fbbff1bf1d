/* sk-fake-log.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-fake-types.h"

G_BEGIN_DECLS

/* The requests the simulated account received, in arrival order. */
typedef struct _SkFakeLog SkFakeLog;

SkFakeLog       *sk_fake_log_new           (void);
void             sk_fake_log_free          (SkFakeLog  *log);
SkFakeRequest   *sk_fake_log_add           (SkFakeLog  *log,
                                            const char *method,
                                            const char *path,
                                            const char *query);
const GPtrArray *sk_fake_log_get_requests  (SkFakeLog  *log);
guint            sk_fake_log_count         (SkFakeLog  *log,
                                            const char *method,
                                            const char *path_prefix);
guint            sk_fake_log_count_deleted (SkFakeLog  *log,
                                            const char *path);
void             sk_fake_log_reset         (SkFakeLog  *log);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkFakeLog, sk_fake_log_free)

G_END_DECLS
