/* sk-rate-estimate.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SK_RATE_ESTIMATE_MAX_ERROR  0.04   /* estimates less precise than this are refused */

/* One episode of sending against a token-bucket server: it starts with the
 * server's bucket full (after a pause of the whole client) and ends with
 * the first request the server refused. */
typedef struct
{
  const gint64 *sent_us;     /* send times of the requests the server accepted before the
                              * refused one, ascending; the first is the episode's start */
  guint         n_sent;
  gint64        refused_us;  /* send time of the first refused request */
} SkRateEpisode;

typedef struct
{
  double rate;        /* requests per second the server allows */
  double capacity;    /* requests its bucket holds */
  double error;       /* relative uncertainty of the rate */
} SkRateEstimate;

gboolean sk_rate_estimate (const SkRateEpisode *episodes,
                           guint                n_episodes,
                           SkRateEstimate      *estimate);

G_END_DECLS
