/* sk-fake-types.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The request log entry and the fault kinds of the simulated account
 * (see sk-fake-openai.h). */

typedef struct
{
  char   *method;    /* "GET", "DELETE", "POST" */
  char   *path;      /* e.g. "/v1/files/file-abc", without the query */
  char   *query;     /* raw query string or NULL */
  guint   status;    /* status answered; 0 when the connection was dropped */
  gint64  time_us;   /* g_get_monotonic_time () at arrival */
} SkFakeRequest;

typedef enum
{
  SK_FAKE_FAULT_STATUS,      /* answer with @status (and Retry-After when @retry_after_ms >= 0);
                              * 429 with @retry_after_ms < -1: insufficient_quota, no Retry-After */
  SK_FAKE_FAULT_DROP,        /* close the connection with no answer (see "drop-rate") */
  SK_FAKE_FAULT_MALFORMED,   /* 200 with a body that is not JSON */
  SK_FAKE_FAULT_WRONG_SHAPE, /* 200 with JSON of the wrong shape (e.g. an array) */
  SK_FAKE_FAULT_STUCK_CURSOR,/* a list page with has_more true whose last id is the cursor given */
  SK_FAKE_FAULT_DELAY,       /* answer normally after @retry_after_ms extra milliseconds */
  SK_FAKE_FAULT_DROP_AFTER,  /* process the request (a DELETE is applied), log the status it
                              * would have answered, then close the connection with no
                              * complete answer, as when a connection drops after the commit */
  SK_FAKE_FAULT_RESET,       /* reset the connection before any byte of the answer, without
                              * processing the request (see "reset-rate") */
} SkFakeFaultKind;

G_END_DECLS
