/* sk-local-server-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-local-server.h"

#include "sk-local-limits.h"
#include "sk-local-request.h"

G_BEGIN_DECLS

/* The state of SkLocalServer, shared by its lifecycle and dispatcher
 * (sk-local-server.c) and its properties and settings
 * (sk-local-server-props.c). */

struct _SkLocalServer
{
  GObject            parent_instance;

  SoupServer        *soup;
  SkLocalHub         hub;
  SkLocalIdleTimers *idle_timers;

  char              *host;
  guint              port;
  guint              bound_port;
  char              *account_key;
  char              *local_token;
  guint              read_timeout_ms;
  guint              idle_timeout_ms;
  guint              stop_grace_ms;

  GPtrArray         *stop_tasks;      /* GTask*: stops waiting for the end */
  guint              stop_poll_id;
  gint64             grace_end_us;
  gint64             hard_end_us;

  guint              running : 1;
  guint              loopback : 1;
  guint              bulk_cancelled : 1;
};

typedef enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_UPSTREAM_URL,
  PROP_ACCOUNT_KEY,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_LOCAL_TOKEN,
  PROP_MAX_IN_FLIGHT,
  PROP_RUNNING,
  PROP_PAGE_SIZE,
  PROP_FILES_PAGE_SIZE,
  PROP_RETRY_BASE_MS,
  PROP_MAX_ATTEMPTS,
  PROP_UPSTREAM_TIMEOUT_MS,
  PROP_READ_TIMEOUT_MS,
  PROP_HAS_ACCOUNT_KEY,
  PROP_IDLE_TIMEOUT_MS,
  PROP_STOP_GRACE_MS,
  PROP_JOURNAL,
  PROP_ACCOUNT_NAME,
  N_PROPS
} SkLocalServerProp;

void sk_local_server_install_properties (GObjectClass      *object_class);
void sk_local_server_notify             (SkLocalServer     *self,
                                         SkLocalServerProp  prop);

G_END_DECLS
