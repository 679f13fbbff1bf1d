/* sk-local-gates.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

/* A gate no request uses is dropped after this long, and there are at
 * most this many gates. */
#define SK_LOCAL_GATE_IDLE_US (10 * 60 * G_USEC_PER_SEC)
#define SK_LOCAL_MAX_GATES    1024

typedef struct _SkLocalGates SkLocalGates;

SkLocalGates *sk_local_gates_new      (void);
void          sk_local_gates_free     (SkLocalGates  *gates);
SkRateGate   *sk_local_gates_acquire  (SkLocalGates  *gates,
                                       const char    *api_key,
                                       const char    *organization,
                                       const char    *project,
                                       char         **digest_out);
void          sk_local_gates_release  (SkLocalGates  *gates,
                                       const char    *digest);
void          sk_local_gates_clear    (SkLocalGates  *gates);
void          sk_local_gates_sweep_at (SkLocalGates  *gates,
                                       gint64         now_us);
guint         sk_local_gates_get_size (SkLocalGates  *gates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkLocalGates, sk_local_gates_free)

G_END_DECLS
