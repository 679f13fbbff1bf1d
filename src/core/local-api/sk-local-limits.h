/* sk-local-limits.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void               sk_local_limits_check_head    (SoupServerMessage  *msg);
void               sk_local_limits_start_reading (SoupServerMessage  *msg,
                                                  guint               read_timeout_ms);

typedef struct _SkLocalIdleTimers SkLocalIdleTimers;

SkLocalIdleTimers *sk_local_idle_timers_new     (void);
void               sk_local_idle_timers_free    (SkLocalIdleTimers  *timers);
void               sk_local_idle_timers_arm     (SkLocalIdleTimers  *timers,
                                                 SoupServerMessage  *msg,
                                                 guint               timeout_ms);
void               sk_local_idle_timers_disarm  (SkLocalIdleTimers  *timers,
                                                 SoupServerMessage  *msg);
void               sk_local_idle_timers_clear   (SkLocalIdleTimers  *timers);

G_END_DECLS
