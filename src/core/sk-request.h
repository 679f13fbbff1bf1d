/* sk-request.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sk-rate-gate.h"
#include "sk-retry-policy.h"

G_BEGIN_DECLS

/**
 * SkRequestContext:
 * @session: sends every attempt
 * @base_url: the base URL as set, named in the error when it is not valid
 * @base_uri: (nullable): @base_url parsed once, %NULL when it is not an
 *   http or https URL
 * @api_key: (nullable): sent as a bearer token, never logged
 * @api_key_header: @api_key goes in the `api-key` header instead (Azure)
 * @organization: (nullable): sent as OpenAI-Organization
 * @project: (nullable): sent as OpenAI-Project
 * @timeout_ms: the longest one attempt may take; 0: no limit
 * @policy: what is retried, how often, how long is waited
 * @gate: the rate gate every attempt waits for
 * @attempt_sent: (nullable): called on the owner each time an attempt is sent
 * @rate_limited: (nullable): called on the owner when a 429 worth retrying
 *   came back, with the server's delay (0 when none), once the gate moved
 *
 * What the requests of one owner (an #SkClient) share. The owner keeps it
 * in its instance and may change its fields between requests: every
 * attempt reads them afresh. A request keeps the owner alive.
 */
typedef struct
{
  SoupSession   *session;
  char          *base_url;
  GUri          *base_uri;
  char          *api_key;
  gboolean       api_key_header;
  char          *organization;
  char          *project;
  guint          timeout_ms;
  SkRetryPolicy  policy;
  SkRateGate    *gate;

  void         (*attempt_sent) (GObject *owner);
  void         (*rate_limited) (GObject *owner,
                                guint    delay_ms);
} SkRequestContext;

/**
 * SkRequestOutcome:
 * @ambiguous: an attempt ended with no clear answer (a timeout, a
 *   connection lost once the request may have been sent, a 5xx, a
 *   cancellation on the wire): the server may have done the work
 * @already_gone: a DELETE got 404 after such an attempt: it succeeded
 * @retry_after_ms: the server's delay in its last error answer, -1: none
 *
 * What the attempts of a request tell beyond its result.
 */
typedef struct
{
  gboolean ambiguous;
  gboolean already_gone;
  gint64   retry_after_ms;
} SkRequestOutcome;

void      sk_request_send_async  (GObject             *owner,
                                  SkRequestContext    *context,
                                  const char          *method,
                                  const char          *path,
                                  const char          *query,
                                  GBytes              *body,
                                  GCancellable        *cancellable,
                                  GCancellable        *stop,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
JsonNode *sk_request_send_finish (GAsyncResult        *result,
                                  SkRequestOutcome    *outcome,
                                  GError             **error);

void      sk_request_get_bytes_async  (GObject             *owner,
                                       SkRequestContext    *context,
                                       const char          *path,
                                       const char          *query,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes   *sk_request_get_bytes_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
