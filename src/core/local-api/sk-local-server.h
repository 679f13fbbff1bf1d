/* sk-local-server.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SK_TYPE_LOCAL_SERVER (sk_local_server_get_type ())
G_DECLARE_FINAL_TYPE (SkLocalServer, sk_local_server, SK, LOCAL_SERVER, GObject)

/* The local HTTP API of ../shared/LOCAL_API.md (the French guide's API).
 *
 * Properties: "host" (default "127.0.0.1"), "port" (default 8000; 0 picks
 * one, read back after start), "upstream-url" (OpenAI base URL, default
 * $OPENAI_BASE_URL or https://api.openai.com/v1), "account-key" (write-only:
 * the key of the account Storekeeper holds, used with the local token; NULL
 * disables the token), "organization", "project", "local-token" (read-only,
 * random, 128+ bits, hex), "max-in-flight" (bulk concurrency), "running".
 * Signal "request-logged" (const char *line): one line per request
 * (time, method, path, status, duration, upstream calls); never a key.
 *
 * Added for tests, benchmarks and hardening (0 means the client's default):
 * "page-size" (vector stores and their files, 0..100), "files-page-size"
 * (0..10000), "retry-base-ms" (G_MAXUINT: client default), "max-attempts",
 * "upstream-timeout-ms", "read-timeout-ms" (a request must arrive whole
 * within this time or its connection is closed; default 30000, 0 = never),
 * "idle-timeout-ms" (a kept-alive connection with no new request for this
 * long is closed; default 30000, 0 = never),
 * "stop-grace-ms" (on stop, deletions in progress get this long to finish
 *   before they are cancelled; default 5000), "has-account-key" (read-only
 *   boolean).
 *
 * sk_local_server_stop() is graceful: new requests get 503, lists waiting
 * upstream are cancelled and answered 503 {"detail": "The server is
 * stopping."}, deletions get "stop-grace-ms" to end, then are cancelled
 * and answered with what was done; each gets its log line. It iterates
 * the thread-default main context until then (bounded). A caller who
 * closes its connection while its request waits upstream is noticed: a
 * list is cancelled, a deletion runs to its end; the log line says
 * "client gone" and, for a deletion, what was done. */

SkLocalServer *sk_local_server_new               (void);
gboolean       sk_local_server_start             (SkLocalServer  *self,
                                                  GError        **error);
void           sk_local_server_stop              (SkLocalServer  *self);
gboolean       sk_local_server_get_running       (SkLocalServer  *self);
guint          sk_local_server_get_port          (SkLocalServer  *self);
/* "http://127.0.0.1:8000" (transfer full) */
char          *sk_local_server_dup_url           (SkLocalServer  *self);
const char    *sk_local_server_get_local_token   (SkLocalServer  *self);
void           sk_local_server_regenerate_token  (SkLocalServer  *self);
void           sk_local_server_set_account_key   (SkLocalServer  *self,
                                                  const char     *api_key);

G_END_DECLS
