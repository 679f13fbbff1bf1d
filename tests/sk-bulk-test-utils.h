/* sk-bulk-test-utils.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"
#include "sk-test-utils.h"

G_BEGIN_DECLS

/* Adds @n files "<prefix>00000".. to @fake; returns their IDs. */
GPtrArray     *sk_bulk_test_add_files      (SkFakeOpenai  *fake,
                                            const char    *prefix,
                                            guint          n);
/* NULL-terminated view of @ids (transfer container) */
const char   **sk_bulk_test_strv_of        (GPtrArray     *ids);
char          *sk_bulk_test_path_for       (SkBulkKind     kind,
                                            const char    *store_id,
                                            const char    *id);
/* Runs @job to the end and checks it succeeded with nothing in flight. */
void           sk_bulk_test_run_job        (SkBulkDelete  *job,
                                            GCancellable  *cancellable,
                                            guint          timeout_ms);
/* The invariants of a finished job against the fake (see the source);
 * @check_log: also check that no DELETE outside the input was sent. */
void           sk_bulk_test_check_job_full (SkBulkDelete  *job,
                                            SkFakeOpenai  *fake,
                                            SkBulkKind     kind,
                                            const char    *store_id,
                                            gboolean       check_log);
void           sk_bulk_test_check_job      (SkBulkDelete  *job,
                                            SkFakeOpenai  *fake,
                                            SkBulkKind     kind,
                                            const char    *store_id);
/* The result of @id in @job (borrowed), or NULL. */
SkBulkResult  *sk_bulk_test_result_for     (SkBulkDelete  *job,
                                            const char    *id);

G_END_DECLS
