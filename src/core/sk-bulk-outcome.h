/* sk-bulk-outcome.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sk-types.h"

G_BEGIN_DECLS

#define SK_BULK_MAX_REQUEUES 20

/* What becomes of one ID of a bulk job after a request. */
typedef struct
{
  SkOutcome  outcome;       /* SK_OUTCOME_PENDING: send it again, first */
  guint      status_code;
  char      *message;       /* owned, nullable */
} SkBulkDecision;

void        sk_bulk_decision_clear          (SkBulkDecision *decision);

/* The request of one ID ended with @error. @ambiguous: an attempt for it
 * got no clear answer before; @cancelled: the job is cancelled;
 * @delay_ms: the server's Retry-After (-1 none); @max_delay_ms: the
 * longest the client waits; @requeues: times it was sent again after a
 * 429; @has_deletion_object: the server answered a deletion object. */
void        sk_bulk_decide_failed_request   (const GError   *error,
                                             gboolean        ambiguous,
                                             gboolean        cancelled,
                                             gint64          delay_ms,
                                             guint           max_delay_ms,
                                             guint           requeues,
                                             gboolean        has_deletion_object,
                                             SkBulkDecision *decision);
/* An ID still queued when the job was cancelled, after @attempts. */
void        sk_bulk_decide_unsent           (guint           attempts,
                                             gboolean        ambiguous,
                                             SkBulkDecision *decision);

/* The same two for a job of @kind: for a deletion as above; for an update
 * (SK_BULK_STORE_EXPIRY) a 404 is always a failure, and the messages say
 * "changed" rather than "deleted". */
void        sk_bulk_decide_failed_for_kind  (SkBulkKind      kind,
                                             const GError   *error,
                                             gboolean        ambiguous,
                                             gboolean        cancelled,
                                             gint64          delay_ms,
                                             guint           max_delay_ms,
                                             guint           requeues,
                                             gboolean        has_deletion_object,
                                             SkBulkDecision *decision);
void        sk_bulk_decide_unsent_for_kind  (SkBulkKind      kind,
                                             guint           attempts,
                                             gboolean        ambiguous,
                                             SkBulkDecision *decision);

/* The message of an ID that a request found gone after an earlier
 * attempt got no clear answer. */
const char *sk_bulk_already_gone_message    (void);

/* The status code and the sentence shown for an error of one request. */
void        sk_bulk_describe_error          (const GError   *error,
                                             guint          *status_code,
                                             char          **message);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SkBulkDecision, sk_bulk_decision_clear)

G_END_DECLS
