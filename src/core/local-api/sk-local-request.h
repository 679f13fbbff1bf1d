/* sk-local-request.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sk-client.h"
#include "sk-provider.h"
#include "sk-journal-tracker.h"
#include "sk-local-gates.h"
#include "sk-local-validate.h"

G_BEGIN_DECLS

/* What the handlers share with the server that runs them: the upstream
 * settings (the server's properties, read when a request starts), the
 * requests in flight, and the server's own address. The server owns it
 * and fills it in; handlers and requests only read the settings. */
typedef struct
{
  GObject      *owner;          /* unowned: each request in flight holds a reference */
  SoupSession  *session;        /* connections to OpenAI, reused */
  char         *upstream_url;
  char         *organization;
  char         *project;
  guint         page_size;      /* 0: the client's default, as the next four */
  guint         files_page_size;
  guint         retry_base_ms;  /* G_MAXUINT: the client's default */
  guint         max_attempts;
  guint         upstream_timeout_ms;
  guint         max_in_flight;  /* bulk concurrency */
  SkLocalGates *gates;
  GHashTable   *requests;       /* SkLocalRequest* set: in flight upstream */
  GHashTable   *answering;      /* SoupServerMessage* set (owned): answered, being written */
  char         *base_url;       /* "http://127.0.0.1:8000" while running */
  GBytes       *openapi;        /* the document as served, made on first use */
  gboolean      stopping;
  SkJournal    *journal;        /* where deletions are recorded, or NULL */
  char         *account_name;   /* of the key the server holds, or NULL */
  /* Where the key the server holds goes (requests with the local token):
   * NULL account_url means upstream_url, as an OpenAI service */
  char         *account_url;
  SkProvider    account_provider;
  char         *account_api_version;
} SkLocalHub;

/* One request, as the dispatcher hands it to its route's handler. */
typedef struct
{
  SkLocalHub        *hub;
  SoupServerMessage *msg;
  GHashTable        *query;            /* decoded, or NULL */
  const char        *key;              /* the OpenAI key; NULL for routes that need none */
  const char        *account;          /* the account's name when the key is the server's, else NULL */
  gboolean           by_token;         /* the key is the server's (the local token was sent) */
  const char        *vector_store_id;  /* {vector_store_id} of the path, not yet validated */
  const char        *file_id;          /* {file_id} of the path, not yet validated */
  const char        *asset;            /* last segment of the path */
} SkLocalCall;

typedef void (*SkLocalHandler) (SkLocalCall *call);

/* A request waiting for OpenAI: its message is paused, it has its own
 * client (so its "n-requests" is its upstream count) on the hub's session
 * and its account's shared rate gate. */
typedef struct
{
  SkLocalHub        *hub;
  SoupServerMessage *msg;
  SkClient          *client;
  GCancellable      *cancellable;
  SkLocalListQuery   query;
  char              *vector_store_id; /* of the path, or NULL */
  char              *file_id;         /* of the path, or NULL */
  GObject           *job;
  GSource           *watch;           /* the caller's socket, while paused */
  gulong             disconnected_id;
  gboolean           gone;            /* libsoup dropped the message */
  gboolean           client_gone;     /* the caller closed its connection */
  gboolean           bulk;            /* a deletion: runs to its end */
  gboolean           stop_cancelled;  /* the stop grace period ran out */
  char              *gate_digest;     /* of its account's shared gate */
  SkJournalTracker  *tracker;         /* a deletion's record in the journal, or NULL */
} SkLocalRequest;

void            sk_local_hub_init           (SkLocalHub      *hub,
                                             GObject         *owner);
void            sk_local_hub_clear          (SkLocalHub      *hub);
void            sk_local_hub_cancel         (SkLocalHub      *hub,
                                             gboolean         bulk_too);

gboolean        sk_local_call_check_ids     (SkLocalCall     *call);

SkLocalRequest *sk_local_request_new        (SkLocalCall     *call,
                                             gboolean         bulk);
void            sk_local_request_reply      (SkLocalRequest  *req,
                                             guint            status,
                                             JsonNode        *node);
void            sk_local_request_fail       (SkLocalRequest  *req,
                                             const GError    *error);

G_END_DECLS
