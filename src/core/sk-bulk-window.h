/* sk-bulk-window.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SK_BULK_WINDOW_INITIAL      8     /* requests in flight a job starts with */
#define SK_BULK_WINDOW_MAX          64    /* the highest cap */
#define SK_BULK_WINDOW_MAX_PROBE    32    /* most rounds held below a ceiling before probing */

/* The adaptive number of requests in flight of a bulk job (see
 * sk-bulk-window.c). A plain struct: every call is given the time. */
typedef struct
{
  guint    cap;                /* never above: max-in-flight */
  guint    limit;              /* requests in flight allowed now */
  gboolean slow_start;         /* +1 per success until the first sign of congestion */
  guint    ceiling;            /* the highest limit held without 429; 0: none known */
  guint    probe_rounds;       /* rounds at the ceiling before trying one more */
  guint    successes;          /* counted towards the next increase */
  gint64   min_latency_us;     /* the lowest latency seen; 0: none yet */
  double   smooth_latency_us;  /* moving average of the latencies */
  gint64   last_decrease_us;   /* 0: none yet */
} SkBulkWindow;

void     sk_bulk_window_init          (SkBulkWindow *self,
                                       guint         cap);
void     sk_bulk_window_restart       (SkBulkWindow *self);
gboolean sk_bulk_window_set_cap       (SkBulkWindow *self,
                                       guint         cap,
                                       gboolean      running);
gboolean sk_bulk_window_succeeded     (SkBulkWindow *self,
                                       gint64        now_us,
                                       gint64        latency_us,
                                       gint64        round_us);
gboolean sk_bulk_window_rate_limited  (SkBulkWindow *self,
                                       gint64        now_us,
                                       gint64        round_us);

G_END_DECLS
