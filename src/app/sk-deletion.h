/* sk-deletion.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-delete.h"
#include "sk-client.h"
#include "sk-deletion-run.h"
#include "sk-deletion-summary.h"
#include "sk-journal.h"

G_BEGIN_DECLS

#define SK_TYPE_DELETION (sk_deletion_get_type ())
G_DECLARE_FINAL_TYPE (SkDeletion, sk_deletion, SK, DELETION, GObject)

SkDeletion    *sk_deletion_new                (SkClient             *client);
SkClient      *sk_deletion_get_client         (SkDeletion           *self);
void           sk_deletion_set_max_in_flight  (SkDeletion           *self,
                                               guint                 max_in_flight);
guint          sk_deletion_get_max_in_flight  (SkDeletion           *self);
void           sk_deletion_set_verify         (SkDeletion           *self,
                                               gboolean              verify);
gboolean       sk_deletion_get_verify         (SkDeletion           *self);
void           sk_deletion_set_names          (SkDeletion           *self,
                                               GHashTable           *names);
GHashTable    *sk_deletion_get_names          (SkDeletion           *self);
void           sk_deletion_set_sizes          (SkDeletion           *self,
                                               GHashTable           *sizes);
void           sk_deletion_set_journal        (SkDeletion           *self,
                                               SkJournal            *journal);
SkJournal     *sk_deletion_get_journal        (SkDeletion           *self);
void           sk_deletion_set_journal_error  (SkDeletion           *self,
                                               const GError         *error);
void           sk_deletion_set_account_name   (SkDeletion           *self,
                                               const char           *account_name);
gboolean       sk_deletion_get_held           (SkDeletion           *self);
gboolean       sk_deletion_go_on_without_record (SkDeletion         *self);
void           sk_deletion_drop_held          (SkDeletion           *self);

gboolean       sk_deletion_check_idle         (SkDeletion           *self);
gboolean       sk_deletion_delete_files       (SkDeletion           *self,
                                               const char * const   *ids);
gboolean       sk_deletion_delete_stores      (SkDeletion           *self,
                                               const char * const   *ids,
                                               SkDeleteStoresChoice  choice,
                                               GHashTable           *usage,
                                               GHashTable           *existing);
gboolean       sk_deletion_detach_files       (SkDeletion           *self,
                                               const char           *store_id,
                                               const char           *store_name,
                                               const char * const   *ids);
gboolean       sk_deletion_set_store_expiry   (SkDeletion           *self,
                                               const char * const   *ids,
                                               guint                 days);
gboolean       sk_deletion_retry_failed       (SkDeletion           *self);
void           sk_deletion_cancel             (SkDeletion           *self);
void           sk_deletion_stop               (SkDeletion           *self);
gboolean       sk_deletion_undo               (SkDeletion           *self);

gboolean       sk_deletion_get_running        (SkDeletion           *self);
gboolean       sk_deletion_get_cancelling     (SkDeletion           *self);
SkBulkDelete  *sk_deletion_get_job            (SkDeletion           *self);
GListModel    *sk_deletion_get_results        (SkDeletion           *self);
GHashTable    *sk_deletion_get_result_names   (SkDeletion           *self);
const char    *sk_deletion_get_summary        (SkDeletion           *self);
void           sk_deletion_get_counts         (SkDeletion           *self,
                                               SkDeletionCounts     *counts);
SkBulkKind     sk_deletion_get_kind           (SkDeletion           *self);
guint          sk_deletion_get_expiry_days    (SkDeletion           *self);
gboolean       sk_deletion_get_can_undo       (SkDeletion           *self);
guint          sk_deletion_get_n_undo_pending (SkDeletion           *self);

G_END_DECLS
