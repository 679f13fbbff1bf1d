/* sk-bulk-sender.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-bulk-pacer.h"
#include "sk-bulk-result.h"
#include "sk-client.h"

G_BEGIN_DECLS

typedef enum
{
  SK_BULK_SENDER_N_IN_FLIGHT,
  SK_BULK_SENDER_CURRENT_LIMIT,
  SK_BULK_SENDER_N_RATE_LIMITED,
} SkBulkSenderCount;

/* What the sender tells its owner; each gets the owner as @owner. */
typedef struct
{
  /* the request of @result ended for good: finish it (it is PENDING) */
  void (*finish)  (GObject           *owner,
                   SkBulkResult      *result,
                   SkOutcome          outcome,
                   guint              status_code,
                   const char        *message);
  /* a count changed: notify it */
  void (*changed) (GObject           *owner,
                   SkBulkSenderCount  count);
  /* a request ended, or the pace allows a start again: send */
  void (*ready)   (GObject           *owner);
} SkBulkSenderCallbacks;

typedef struct _SkBulkSender SkBulkSender;

SkBulkSender *sk_bulk_sender_new                (GObject                     *owner,
                                                 const SkBulkSenderCallbacks *callbacks,
                                                 SkClient                    *client,
                                                 SkBulkKind                   kind,
                                                 const char                  *vector_store_id,
                                                 SkBulkPacer                 *pacer);
void          sk_bulk_sender_free               (SkBulkSender                *self);
void          sk_bulk_sender_set_expiry_days    (SkBulkSender                *self,
                                                 guint                        days);
void          sk_bulk_sender_push               (SkBulkSender                *self,
                                                 SkBulkResult                *result);
SkBulkResult *sk_bulk_sender_pop                (SkBulkSender                *self);
void          sk_bulk_sender_send               (SkBulkSender                *self);
void          sk_bulk_sender_cancel             (SkBulkSender                *self,
                                                 guint                        grace_ms);
gboolean      sk_bulk_sender_is_done            (SkBulkSender                *self);
guint         sk_bulk_sender_get_n_in_flight    (SkBulkSender                *self);
guint         sk_bulk_sender_get_n_rate_limited (SkBulkSender                *self);
void          sk_bulk_sender_stop               (SkBulkSender                *self);

G_END_DECLS
