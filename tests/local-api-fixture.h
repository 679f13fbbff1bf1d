/* local-api-fixture.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture of the local API tests: a server on 127.0.0.1:0 in front of
 * a simulated account, a client session, the log lines, and helpers.
 */

#pragma once

#include "sk-test-utils.h"

#include "sk-local-server.h"

G_BEGIN_DECLS

#define KEY "sk-test-key"
#define WAIT_MS 20000

typedef struct
{
  SkFakeOpenai  *fake;
  SkLocalServer *server;
  SoupSession   *session;
  char          *base;
  GPtrArray     *log;
} Fixture;

typedef struct
{
  SoupMessage *msg;
  guint        status;
  GBytes      *body;
  JsonNode    *json;
  char        *head;  /* status line and headers, for raw requests */
} Resp;

void         resp_free          (Resp          *resp);

void         fixture_set_up     (Fixture       *f,
                                 gconstpointer  data);
void         fixture_tear_down  (Fixture       *f,
                                 gconstpointer  data);
/* Stops gracefully and waits for the end of the stop. */
void         stop_server        (Fixture       *f);

Resp        *finish_response    (SoupMessage   *msg,
                                 GBytes        *body);
/* Sends and waits; the varargs are header name/value pairs, NULL-ended. */
Resp        *http               (Fixture       *f,
                                 const char    *method,
                                 const char    *path,
                                 const char    *body,
                                 ...);
/* A new connection to the server. */
GSocketConnection *raw_connect  (Fixture       *f);
/* A request written by hand on a plain socket, with the Host header
 * @host and, when not NULL, the key @key. */
Resp        *raw_http           (Fixture       *f,
                                 const char    *method,
                                 const char    *path,
                                 const char    *host,
                                 const char    *key,
                                 const char    *body);

const char  *detail_of          (Resp          *resp);
void         assert_error       (Resp          *resp,
                                 guint          status,
                                 const char    *detail_part);
JsonArray   *array_of           (Resp          *resp);
JsonObject  *object_of          (Resp          *resp);

const char  *last_log           (Fixture       *f);
guint        logged_upstream    (Fixture       *f);
void         wait_log           (Fixture       *f,
                                 guint          n);

void         add_files          (Fixture       *f,
                                 const char    *prefix,
                                 guint          n,
                                 const char    *purpose);
void         add_stores         (Fixture       *f,
                                 guint          n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

#define call(f, method, path, body) http (f, method, path, body, "x-openai-api-key", KEY, NULL)

G_END_DECLS
