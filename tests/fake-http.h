/* fake-http.h: plain libsoup requests against SkFakeOpenai, for its tests
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "sk-fake-openai.h"

G_BEGIN_DECLS

#define KEY "sk-test-key"
#define TIMEOUT_MS 20000

typedef struct
{
  SkFakeOpenai *fake;
  SoupSession  *session;
  char         *base;   /* http://127.0.0.1:PORT */
} Fixture;

typedef struct
{
  guint               status;
  GError             *error;
  GBytes             *body;
  JsonNode           *json;   /* NULL if the body is not JSON */
  SoupMessageHeaders *headers;
} Reply;

typedef struct
{
  SoupMessage *msg;
  Reply       *reply;
  gboolean     done;
} Call;

/* A fake with key KEY listening on 127.0.0.1:0, and a session for it. */
void        fixture_set_up    (Fixture        *f,
                               gconstpointer   data);
void        fixture_tear_down (Fixture        *f,
                               gconstpointer   data);
void        reply_free        (Reply          *reply);
/* Completes @user_data, a Call, from soup_session_send_and_read_async(). */
void        send_cb           (GObject        *source,
                               GAsyncResult   *result,
                               gpointer        user_data);
/* Sets *@user_data to TRUE. */
gboolean    timeout_cb        (gpointer        user_data);
/* Iterates the main context until every call is done (or fails the test). */
void        wait_calls        (Call          **calls,
                               guint           n);
Call       *start_call        (Fixture        *f,
                               const char     *method,
                               const char     *path,
                               const char     *key,
                               const char     *body);
Reply      *finish_call       (Call           *call);
Reply      *request           (Fixture        *f,
                               const char     *method,
                               const char     *path,
                               const char     *key,
                               const char     *body);
/* GET with KEY */
Reply      *get               (Fixture        *f,
                               const char     *path);
/* The JSON object answered (asserts there is one). */
JsonObject *obj               (Reply          *reply);
/* A string or null member (asserts it is present). */
const char *str               (JsonObject     *o,
                               const char     *member);
gboolean    is_null           (JsonObject     *o,
                               const char     *member);
/* The data array of a 200 list. */
JsonArray  *data              (Reply          *reply);
const char *item_id           (JsonArray      *a,
                               guint           i);
/* An OpenAI error body with these members (@message NULL: any). */
void        assert_error      (Reply          *reply,
                               guint           status,
                               const char     *message,
                               const char     *param,
                               const char     *code);
/* Walks a list with @query_base ("?limit=N&order=...") and returns the ids. */
GPtrArray  *walk              (Fixture        *f,
                               const char     *path,
                               const char     *query_base,
                               guint          *n_pages);
/* file-0000 ... with names doc-N.pdf, two per second from @base_time. */
void        add_files         (Fixture        *f,
                               guint           n,
                               gint64          base_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

G_END_DECLS
