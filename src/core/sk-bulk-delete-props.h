/* sk-bulk-delete-props.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The insides of SkBulkDelete, shared by the engine (sk-bulk-delete.c) and
 * its GObject properties (sk-bulk-delete-props.c) only.
 */

#pragma once

#include "sk-bulk-delete.h"

#include "sk-bulk-pacer.h"
#include "sk-bulk-sender.h"

G_BEGIN_DECLS

struct _SkBulkDelete
{
  GObject       parent_instance;

  SkClient     *client;
  SkBulkKind    kind;
  char         *vector_store_id;
  guint         expiry_days;        /* SK_BULK_STORE_EXPIRY: the policy's days, 0 clears it */
  gboolean      verify;

  GListStore   *results;
  GListStore   *finished;
  GHashTable   *by_id;              /* id -> SkBulkResult (borrowed from results) */

  guint         n_total;
  guint         n_succeeded;
  guint         n_failed;
  guint         n_cancelled;
  guint         n_still_present;

  SkBulkPacer  *pacer;              /* in-flight limit and pace of starts */
  SkBulkSender *sender;             /* from the run on */

  gboolean      ran;
  gboolean      running;
  gboolean      cancelled;
  gboolean      verifying;          /* the verification list is in flight */
  gboolean      verified;
  gint64        start_us;
  gint64        end_us;
  double        eta;

  guint         tick_id;
  guint         grace_ms;
  guint         cancel_idle_id;

  GTask        *task;
  GCancellable *cancellable;
  gulong        cancelled_handler;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_KIND,
  PROP_VECTOR_STORE_ID,
  PROP_MAX_IN_FLIGHT,
  PROP_VERIFY,
  PROP_N_TOTAL,
  PROP_N_DONE,
  PROP_N_SUCCEEDED,
  PROP_N_FAILED,
  PROP_N_CANCELLED,
  PROP_N_IN_FLIGHT,
  PROP_RUNNING,
  PROP_ELAPSED,
  PROP_ETA,
  PROP_CURRENT_LIMIT,
  PROP_N_RATE_LIMITED,
  PROP_N_STILL_PRESENT,
  PROP_VERIFIED,
  PROP_EXPIRY_DAYS,
  N_PROPS
};

extern GParamSpec *_sk_bulk_delete_properties[N_PROPS];

void _sk_bulk_delete_install_properties (GObjectClass *object_class);
void _sk_bulk_delete_get_property       (GObject      *object,
                                         guint         prop_id,
                                         GValue       *value,
                                         GParamSpec   *pspec);
void _sk_bulk_delete_set_property       (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec);

G_END_DECLS
