/* sk-local-server.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-server.h"

#include "sk-bulk-delete.h"
#include "sk-client.h"
#include "sk-core-resources.h"
#include "sk-local-validate.h"
#include "sk-object-private.h"
#include "sk-orphan-finder.h"
#include "sk-report.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define RESOURCE_DIR "/io/github/storekeeper/Storekeeper/local-api/"
#define TOKEN_BYTES 32
/* Shared rate gates (see SharedGate): dropped after this long unused, at
 * most this many */
#define GATE_IDLE_US (10 * 60 * G_USEC_PER_SEC)
#define MAX_GATES    1024

struct _SkLocalServer
{
  GObject      parent_instance;

  SoupServer  *soup;
  SoupSession *session;
  GHashTable  *requests;   /* Request* set: in flight upstream */

  char        *host;
  guint        port;
  guint        bound_port;
  char        *upstream_url;
  char        *account_key;
  char        *organization;
  char        *project;
  char        *local_token;
  guint        max_in_flight;
  guint        page_size;
  guint        files_page_size;
  guint        retry_base_ms;
  guint        max_attempts;
  guint        upstream_timeout_ms;
  guint        read_timeout_ms;
  guint        idle_timeout_ms;
  GHashTable  *idle_timers;  /* GSocket* -> IdleTimer*: kept-alive connections */
  GHashTable  *answering;    /* SoupServerMessage* set: answered, being written */
  GHashTable  *gates;        /* SHA-256 hex -> SharedGate*: see acquire_gate() */
  guint        gates_sweep_id;
  guint        stop_grace_ms;

  GBytes      *openapi;    /* as served, with "servers" filled in */

  guint        running : 1;
  guint        loopback : 1;
  guint        stopping : 1;
};

G_DEFINE_FINAL_TYPE (SkLocalServer, sk_local_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_UPSTREAM_URL,
  PROP_ACCOUNT_KEY,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_LOCAL_TOKEN,
  PROP_MAX_IN_FLIGHT,
  PROP_RUNNING,
  PROP_PAGE_SIZE,
  PROP_FILES_PAGE_SIZE,
  PROP_RETRY_BASE_MS,
  PROP_MAX_ATTEMPTS,
  PROP_UPSTREAM_TIMEOUT_MS,
  PROP_READ_TIMEOUT_MS,
  PROP_HAS_ACCOUNT_KEY,
  PROP_IDLE_TIMEOUT_MS,
  PROP_STOP_GRACE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REQUEST_LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the log line needs, kept on each SoupServerMessage. */
typedef struct
{
  gint64  start_us;
  guint   upstream;
  guint   read_timeout_id;
  gboolean body_too_large;
  gboolean client_gone;   /* the caller closed its connection while we worked */
  gsize   body_bytes;
  char   *note;           /* appended to the log line */
} MsgInfo;

static GQuark msg_info_quark;

/* One request waiting for OpenAI. */
typedef struct
{
  SkLocalServer        *self;
  SoupServerMessage    *msg;
  SkClient             *client;
  GCancellable         *cancellable;
  SkLocalRequestTarget  target;
  SkLocalListQuery      query;
  GObject              *job;
  GSource              *watch;          /* the caller's socket, while paused */
  gulong                disconnected_id;
  gboolean              gone;           /* libsoup dropped the message */
  gboolean              client_gone;    /* the caller closed its connection */
  gboolean              bulk;           /* a deletion: runs to its end */
  gboolean              stop_cancelled; /* the stop grace period ran out */
  char                 *gate_digest;    /* of its account's SharedGate */
} Request;

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static void
msg_info_free (gpointer data)
{
  MsgInfo *info = data;

  g_clear_handle_id (&info->read_timeout_id, g_source_remove);
  g_free (info->note);
  g_free (info);
}

static MsgInfo *
msg_get_info (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), msg_info_quark);
}

static const char *
reason_for (guint status)
{
  switch (status)
    {
    case 421:
      return "Misdirected Request";
    case 422:
      return "Unprocessable Content";
    case 431:
      return "Request Header Fields Too Large";
    case 499:
      return "Client Closed Request";
    default:
      return NULL;
    }
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

static void
respond_bytes (SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               GBytes            *bytes)
{
  soup_server_message_set_status (msg, status, reason_for (status));
  set_common_headers (msg);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  soup_server_message_set_status (msg, status, reason_for (status));
  set_common_headers (msg);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *detail)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  respond_json (msg, status, node);
}

/* ------------------------------------------------------------------ */
/* Requests in flight                                                  */

static void release_gate (SkLocalServer *self,
                          const char    *digest);

static void
request_free (Request *req)
{
  if (req->disconnected_id != 0)
    g_signal_handler_disconnect (req->msg, req->disconnected_id);
  if (req->watch != NULL)
    {
      g_source_destroy (req->watch);
      g_clear_pointer (&req->watch, g_source_unref);
    }

  g_hash_table_remove (req->self->requests, req);
  release_gate (req->self, req->gate_digest);
  g_clear_pointer (&req->gate_digest, g_free);
  sk_local_request_target_clear (&req->target);
  sk_local_list_query_clear (&req->query);
  g_clear_object (&req->job);
  g_clear_object (&req->client);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_object (&req->self);
  g_free (req);
}

static void
msg_disconnected_cb (SoupServerMessage *msg,
                     Request           *req)
{
  req->gone = TRUE;
  g_cancellable_cancel (req->cancellable);
}

/* A paused message is not read, so libsoup would only see a caller who
 * went away once the answer is written: watch the socket meanwhile. An
 * end of stream (or a reset) means the caller is gone; bytes waiting (a
 * pipelined request) mean it is still there, and the watch ends. */
static gboolean
client_socket_cb (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr (GError) error = NULL;
  char byte;
  GInputVector vector = { &byte, 1 };
  int flags = G_SOCKET_MSG_PEEK;
  gssize n;

  n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&req->watch, g_source_unref);
  if (n > 0)
    return G_SOURCE_REMOVE;

  req->client_gone = TRUE;
  if (msg_get_info (req->msg) != NULL)
    msg_get_info (req->msg)->client_gone = TRUE;
  /* A list is given up to save upstream calls. A deletion runs to its
   * end: the log then says what was done for a caller who left. */
  if (!req->bulk)
    g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
watch_client (Request *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  if (socket == NULL)
    return;

  req->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_static_name (req->watch, "[sk-local-server] caller socket");
  g_source_set_callback (req->watch, G_SOURCE_FUNC (client_socket_cb), req, NULL);
  g_source_attach (req->watch, NULL);
}

/* One rate-limit gate per account (key, organization, project), shared
 * by the clients of every request made with it, so that a 429 met by one
 * request holds back the others: parallel DELETE /files calls slow down
 * together. Each request still has its own SkClient, made for it and
 * dropped with it (see make_client()): the key lives in that client only,
 * for that request only, and is wiped when it goes.
 *
 * What outlives the request is a SharedGate, found by a SHA-256 (hex) of
 * key, organization and project: a one-way digest, not the key, from
 * which the key cannot be recovered; the gate itself holds only a time
 * (when the account may send again). Nothing of the key outlives the
 * request. A gate no request uses is dropped after GATE_IDLE_US (a timer
 * runs while the table is not empty), or before when MAX_GATES exist and
 * a new account comes; stopping the server drops them all. */
typedef struct
{
  SkRateGate *gate;
  gint64      last_used_us;
  guint       users;         /* requests using it now */
} SharedGate;

static void
shared_gate_free (gpointer data)
{
  SharedGate *shared = data;

  g_clear_pointer (&shared->gate, sk_rate_gate_unref);
  g_free (shared);
}

static char *
account_digest (SkLocalServer *self,
                const char    *api_key)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *organization = self->organization ? self->organization : "";
  const char *project = self->project ? self->project : "";

  g_checksum_update (checksum, (const guchar *) api_key, (gssize) strlen (api_key));
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) organization, (gssize) strlen (organization));
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) project, (gssize) strlen (project));

  return g_strdup (g_checksum_get_string (checksum));
}

/* Drops the gates no request uses that were last used GATE_IDLE_US ago
 * (every unused one when @all), then the least recently used unused ones
 * until there is room for one more below MAX_GATES. */
static void
sweep_gates (SkLocalServer *self,
             gboolean       all)
{
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->gates);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SharedGate *shared = value;

      if (shared->users == 0 && (all || now - shared->last_used_us >= GATE_IDLE_US))
        g_hash_table_iter_remove (&iter);
    }

  while (g_hash_table_size (self->gates) >= MAX_GATES)
    {
      gpointer oldest_key = NULL;
      gint64 oldest = G_MAXINT64;
      gpointer key;

      g_hash_table_iter_init (&iter, self->gates);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          SharedGate *shared = value;

          if (shared->users == 0 && shared->last_used_us < oldest)
            {
              oldest = shared->last_used_us;
              oldest_key = key;
            }
        }
      if (oldest_key == NULL)
        break;
      g_hash_table_remove (self->gates, oldest_key);
    }
}

static gboolean
sweep_gates_cb (gpointer user_data)
{
  SkLocalServer *self = user_data;

  sweep_gates (self, FALSE);
  if (g_hash_table_size (self->gates) > 0)
    return G_SOURCE_CONTINUE;

  self->gates_sweep_id = 0;
  return G_SOURCE_REMOVE;
}

/* The gate of @api_key's account, made when there is none; @digest_out
 * gets the digest to give back to release_gate(). */
static SkRateGate *
acquire_gate (SkLocalServer  *self,
              const char     *api_key,
              char          **digest_out)
{
  g_autofree char *digest = account_digest (self, api_key);
  SharedGate *shared = g_hash_table_lookup (self->gates, digest);

  if (shared == NULL)
    {
      /* room first: the new gate is not used yet */
      sweep_gates (self, FALSE);
      shared = g_new0 (SharedGate, 1);
      shared->gate = sk_rate_gate_new ();
      g_hash_table_insert (self->gates, g_strdup (digest), shared);
    }

  shared->users++;
  shared->last_used_us = g_get_monotonic_time ();
  if (self->gates_sweep_id == 0)
    self->gates_sweep_id = g_timeout_add_seconds (60, sweep_gates_cb, self);

  *digest_out = g_steal_pointer (&digest);
  return sk_rate_gate_ref (shared->gate);
}

static void
release_gate (SkLocalServer *self,
              const char    *digest)
{
  SharedGate *shared;

  if (digest == NULL)
    return;

  /* gone when the server was stopped meanwhile */
  shared = g_hash_table_lookup (self->gates, digest);
  if (shared == NULL)
    return;

  g_assert (shared->users > 0);
  shared->users--;
  shared->last_used_us = g_get_monotonic_time ();
}

/* The client of one request: its own, so that its "n-requests" is the
 * request's upstream count; the server's session (connections are
 * reused) and its account's shared rate gate. */
static SkClient *
make_client (SkLocalServer *self,
             const char    *api_key,
             SkRateGate    *gate)
{
  SkClient *client;

  client = g_object_new (SK_TYPE_CLIENT,
                         "base-url", self->upstream_url,
                         "api-key", api_key,
                         "session", self->session,
                         "rate-gate", gate,
                         NULL);
  if (self->organization != NULL)
    sk_client_set_organization (client, self->organization);
  if (self->project != NULL)
    sk_client_set_project (client, self->project);
  if (self->page_size != 0)
    g_object_set (client, "page-size", self->page_size, NULL);
  if (self->files_page_size != 0)
    g_object_set (client, "files-page-size", self->files_page_size, NULL);
  if (self->retry_base_ms != G_MAXUINT)
    g_object_set (client, "retry-base-ms", self->retry_base_ms, NULL);
  if (self->max_attempts != 0)
    g_object_set (client, "max-attempts", self->max_attempts, NULL);
  if (self->upstream_timeout_ms != 0)
    g_object_set (client, "timeout-ms", self->upstream_timeout_ms, NULL);

  return client;
}

static Request *
request_new (SkLocalServer        *self,
             SoupServerMessage    *msg,
             const char           *api_key,
             SkLocalRequestTarget *target)
{
  Request *req = g_new0 (Request, 1);
  g_autoptr (SkRateGate) gate = NULL;

  req->self = g_object_ref (self);
  req->msg = g_object_ref (msg);
  req->cancellable = g_cancellable_new ();
  gate = acquire_gate (self, api_key, &req->gate_digest);
  req->client = make_client (self, api_key, gate);
  req->target = *target;
  memset (target, 0, sizeof *target);
  req->disconnected_id = g_signal_connect (msg, "disconnected",
                                           G_CALLBACK (msg_disconnected_cb), req);
  g_hash_table_add (self->requests, req);
  req->bulk = (req->target.route == SK_LOCAL_ROUTE_DELETE_FILES ||
               req->target.route == SK_LOCAL_ROUTE_DELETE_STORES ||
               req->target.route == SK_LOCAL_ROUTE_DELETE_STORES_FILES);

  soup_server_message_pause (msg);
  watch_client (req);
  return req;
}

static void
request_done (Request *req)
{
  MsgInfo *info = msg_get_info (req->msg);

  if (info != NULL)
    {
      /* the request's own client: exactly its upstream calls, retries included */
      info->upstream = sk_client_get_n_requests (req->client);
      if (req->client_gone && info->note == NULL)
        info->note = g_strdup ("client gone; upstream work cancelled");
      else if (req->self->stopping && info->note == NULL)
        info->note = g_strdup ("server stopping");
    }

  /* Unpaused even for a caller who left, so that libsoup ends the message
   * (and the log line comes). */
  if (!req->gone)
    {
      g_hash_table_add (req->self->answering, g_object_ref (req->msg));
      soup_server_message_unpause (req->msg);
    }

  request_free (req);
}

static void
request_reply_json (Request  *req,
                    guint     status,
                    JsonNode *node)
{
  if (!req->gone)
    respond_json (req->msg, status, node);
  request_done (req);
}

static void
request_reply_upstream_error (Request      *req,
                              const GError *error)
{
  guint status;
  g_autofree char *detail = NULL;

  if (req->gone)
    {
      request_done (req);
      return;
    }

  if (req->client_gone)
    {
      respond_error (req->msg, 499, "The client closed the connection.");
      request_done (req);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      status = 503;
      detail = g_strdup ("The server is stopping.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      status = 504;
      detail = g_strdup ("OpenAI did not answer in time.");
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE))
    {
      status = 502;
      detail = g_strdup_printf ("OpenAI sent an answer that could not be read: %s",
                                error->message);
    }
  else if (error->domain == SK_CLIENT_ERROR)
    {
      status = sk_error_to_http_status (error);
      if (status >= 500 || status < 400)
        status = 502;
      detail = g_strdup (error->message[0] ? error->message : "OpenAI refused the request.");
    }
  else
    {
      status = sk_error_to_http_status (error);
      if (status != 504)
        status = 502;
      detail = g_strdup_printf ("OpenAI could not be reached: %s", error->message);
    }

  respond_error (req->msg, status, detail);
  request_done (req);
}

/* ------------------------------------------------------------------ */
/* Upstream endpoints                                                  */

static void
fill_list_options (SkListOptions          *opts,
                   const SkLocalListQuery *query)
{
  memset (opts, 0, sizeof *opts);
  opts->order = query->order;
  opts->after = query->after;
  opts->before = query->before;
  opts->max_items = query->limit;
  opts->purpose = query->purpose;
  opts->filter = query->filter_status;
}

typedef const char *(*IdFunc) (gpointer object);

static JsonNode *
ids_of_objects (GPtrArray *objects,
                guint      max,
                IdFunc     get_id)
{
  g_autoptr (JsonArray) array = json_array_sized_new (objects->len);
  JsonNode *node;

  for (guint i = 0; i < objects->len && (max == 0 || i < max); i++)
    json_array_add_string_element (array, get_id (g_ptr_array_index (objects, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

/* Answers with the IDs of @objects (the first @max; 0: all), or with
 * @error when @objects is NULL. */
static void
request_reply_ids (Request      *req,
                   GPtrArray    *objects,
                   const GError *error,
                   guint         max,
                   IdFunc        get_id)
{
  g_autoptr (JsonNode) node = NULL;

  if (objects == NULL)
    {
      request_reply_upstream_error (req, error);
      return;
    }

  node = ids_of_objects (objects, max, get_id);
  request_reply_json (req, 200, node);
}

static void
list_files_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  files = sk_client_list_files_finish (SK_CLIENT (source), result, &error);
  request_reply_ids (req, files, error, req->query.limit, (IdFunc) sk_file_get_id);
}

static void
list_stores_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr (GPtrArray) stores = NULL;
  g_autoptr (GError) error = NULL;

  stores = sk_client_list_vector_stores_finish (SK_CLIENT (source), result, &error);
  request_reply_ids (req, stores, error, req->query.limit, (IdFunc) sk_vector_store_get_id);
}

/* @member: the ID of @file, or null when there is no @file */
static void
add_id_member (JsonBuilder       *builder,
               const char        *member,
               SkVectorStoreFile *file)
{
  json_builder_set_member_name (builder, member);
  if (file != NULL)
    json_builder_add_string_value (builder, sk_vector_store_file_get_id (file));
  else
    json_builder_add_null_value (builder);
}

static void
list_store_files_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;
  gboolean has_more;
  guint n;

  files = sk_client_list_vector_store_files_finish (SK_CLIENT (source), result, &error);
  if (files == NULL)
    {
      request_reply_upstream_error (req, error);
      return;
    }

  /* One more than the caller's limit was asked for: when it came, the
   * limit cut the list and there is more after last_id. */
  n = files->len;
  has_more = req->query.limit != 0 && n > req->query.limit;
  if (has_more)
    n = req->query.limit;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "list");
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      /* OpenAI's object as it came, every member included */
      JsonObject *object = sk_vector_store_file_get_json (g_ptr_array_index (files, i));
      JsonNode *item = json_node_alloc ();

      json_node_init_object (item, object);
      json_builder_add_value (builder, item);
    }
  json_builder_end_array (builder);
  add_id_member (builder, "first_id", n > 0 ? g_ptr_array_index (files, 0) : NULL);
  add_id_member (builder, "last_id", n > 0 ? g_ptr_array_index (files, n - 1) : NULL);
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, has_more);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  request_reply_json (req, 200, node);
}

static void
detach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  gboolean deleted;

  deleted = sk_client_detach_file_finish (SK_CLIENT (source), result, &error);
  if (error != NULL)
    {
      request_reply_upstream_error (req, error);
      return;
    }

  node = sk_client_delete_result_get_json (result);
  if (node == NULL)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, req->target.file_id);
      json_builder_set_member_name (builder, "object");
      json_builder_add_string_value (builder, "vector_store.file.deleted");
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, deleted);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
    }

  request_reply_json (req, 200, node);
}

static void
add_counts (SkBulkDelete *job,
            guint        *deleted,
            guint        *failed,
            guint        *cancelled)
{
  if (job == NULL)
    return;
  *deleted += sk_bulk_delete_get_n_succeeded (job);
  *failed += sk_bulk_delete_get_n_failed (job);
  *cancelled += sk_bulk_delete_get_n_cancelled (job);
}

/* What a deletion did, for the log line of a caller who left or of a
 * server that stopped. */
static void
note_bulk_outcome (Request      *req,
                   SkBulkDelete *stores_job,
                   SkBulkDelete *files_job)
{
  MsgInfo *info = msg_get_info (req->msg);
  guint deleted = 0, failed = 0, cancelled = 0;
  g_autoptr (GString) note = g_string_new (NULL);

  if (info == NULL || (!req->client_gone && !req->self->stopping))
    return;

  add_counts (stores_job, &deleted, &failed, &cancelled);
  add_counts (files_job, &deleted, &failed, &cancelled);

  if (req->client_gone)
    g_string_append (note, "client gone; ");
  if (req->self->stopping)
    g_string_append (note, req->stop_cancelled
                             ? "server stopping, cancelled after the grace period; "
                             : "server stopping; ");
  g_string_append_printf (note, "%u deleted, %u failed", deleted, failed);
  if (cancelled > 0)
    g_string_append_printf (note, ", %u cancelled", cancelled);

  g_free (info->note);
  info->note = g_string_free (g_steal_pointer (&note), FALSE);
}

static void
bulk_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *req = user_data;
  SkBulkDelete *job = SK_BULK_DELETE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!sk_bulk_delete_run_finish (job, result, &error))
    {
      request_reply_upstream_error (req, error);
      return;
    }

  note_bulk_outcome (req, job, NULL);
  node = sk_report_to_json_node (sk_bulk_delete_get_results (job));
  request_reply_json (req, 200, node);
}

static void
add_job_members (JsonBuilder  *builder,
                 SkBulkDelete *job,
                 const char   *success_member,
                 const char   *failed_member)
{
  if (job != NULL)
    {
      sk_report_add_members (builder, sk_bulk_delete_get_results (job),
                             success_member, failed_member);
      return;
    }

  json_builder_set_member_name (builder, success_member);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, failed_member);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static void
stores_job_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  SkBulkStoresJob *job = SK_BULK_STORES_JOB (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!sk_bulk_stores_job_run_finish (job, result, &error))
    {
      request_reply_upstream_error (req, error);
      return;
    }

  note_bulk_outcome (req, sk_bulk_stores_job_get_stores_job (job),
                     sk_bulk_stores_job_get_files_job (job));
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_job_members (builder, sk_bulk_stores_job_get_stores_job (job),
                   "vector_stores_deleted", "vector_stores_failed");
  add_job_members (builder, sk_bulk_stores_job_get_files_job (job),
                   "files_deleted", "files_failed");
  json_builder_set_member_name (builder, "total_files_found");
  json_builder_add_int_value (builder, sk_bulk_stores_job_get_total_files_found (job));
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  request_reply_json (req, 200, node);
}

static void
orphans_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Request *req = user_data;
  SkOrphanFinder *finder = SK_ORPHAN_FINDER (source);
  g_autoptr (GError) error = NULL;
  GPtrArray *orphans = NULL;

  if (sk_orphan_finder_run_finish (finder, result, &error))
    orphans = sk_orphan_finder_get_orphans (finder);
  request_reply_ids (req, orphans, error, 0, (IdFunc) sk_file_get_id);
}

/* ------------------------------------------------------------------ */
/* Local endpoints                                                     */

static JsonNode *
index_node (void)
{
  static const struct { const char *method, *path, *description; } endpoints[] = {
    { "GET", "/vector_stores", "IDs of every vector store (all pages)" },
    { "DELETE", "/vector_stores", "Delete vector stores: {\"vector_store_ids\": [...]}" },
    { "DELETE", "/vector_stores/with-files",
      "Delete vector stores and every file in them: {\"vector_store_ids\": [...], \"delete_files\": true}" },
    { "GET", "/vector_stores/{vector_store_id}/files", "The files of one vector store (all pages)" },
    { "DELETE", "/vector_stores/{vector_store_id}/files/{file_id}",
      "Detach a file from a vector store (the file stays)" },
    { "GET", "/files", "IDs of every file (limit, order, purpose, after)" },
    { "DELETE", "/files", "Delete files everywhere: {\"file_ids\": [...]}" },
    { "GET", "/files/orphans", "IDs of \"assistants\" files attached to no vector store" },
    { "GET", "/health", "Liveness check (no key needed)" },
    { "GET", "/openapi.json", "OpenAPI 3 description of this API (import it into Postman)" },
    { "GET", "/docs", "Interactive documentation in the browser" },
  };
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Storekeeper local API");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "docs");
  json_builder_add_string_value (builder, "/docs");
  json_builder_set_member_name (builder, "openapi");
  json_builder_add_string_value (builder, "/openapi.json");
  json_builder_set_member_name (builder, "endpoints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, endpoints[i].method);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, endpoints[i].path);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, endpoints[i].description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static GBytes *
lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

  return g_resource_lookup_data (sk_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static GBytes *
openapi_document (SkLocalServer *self)
{
  g_autoptr (GBytes) raw = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonArray) servers = NULL;
  g_autoptr (JsonObject) server = NULL;
  g_autofree char *url = NULL;
  JsonNode *root;
  char *data;
  gsize length;

  if (self->openapi != NULL)
    return g_bytes_ref (self->openapi);

  raw = lookup_resource ("openapi.json");
  if (raw == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (raw, NULL),
                                   (gssize) g_bytes_get_size (raw), NULL))
    return g_bytes_ref (raw);

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_bytes_ref (raw);

  /* Postman turns servers[0] into {{baseUrl}}: point it at this server. */
  url = sk_local_server_dup_url (self);
  server = json_object_new ();
  json_object_set_string_member (server, "url", url);
  json_object_set_string_member (server, "description", "This Storekeeper");
  servers = json_array_new ();
  json_array_add_object_element (servers, g_steal_pointer (&server));
  json_object_set_array_member (json_node_get_object (root), "servers", g_steal_pointer (&servers));

  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  self->openapi = g_bytes_new_take (data, length);
  return g_bytes_ref (self->openapi);
}

static void
serve_resource (SoupServerMessage *msg,
                const char        *name,
                const char        *content_type)
{
  g_autoptr (GBytes) bytes = lookup_resource (name);

  if (bytes == NULL)
    {
      respond_error (msg, 404, "Not found.");
      return;
    }

  respond_bytes (msg, 200, content_type, bytes);
  /* The page runs only our own script and talks only to this server. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; "
                                "connect-src 'self'; img-src 'self' data:; form-action 'none'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Frame-Options", "DENY");
}

/* ------------------------------------------------------------------ */
/* Request handling                                                    */

static void
header_size_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  gsize *total = user_data;

  *total += strlen (name) + strlen (value) + 4;
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  MsgInfo *info = msg_get_info (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (info == NULL || info->body_too_large)
    return;

  info->body_bytes += g_bytes_get_size (chunk);
  if (info->body_bytes > SK_LOCAL_MAX_BODY_BYTES)
    {
      /* Keep reading (the connection closes after the answer) but stop
       * keeping what arrives. */
      info->body_too_large = TRUE;
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      respond_error (msg, 413, "The request body is larger than 1 MiB.");
    }
}

static gboolean
check_host (SkLocalServer     *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!self->loopback)
    return TRUE;

  return sk_local_host_is_loopback (soup_message_headers_get_one (headers, "Host"));
}

/* Runs once the headers are in, before the body is read. */
static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  gsize header_bytes = 0;
  gsize url_bytes;

  url_bytes = strlen (g_uri_get_path (uri)) +
              (g_uri_get_query (uri) ? strlen (g_uri_get_query (uri)) + 1 : 0);
  if (url_bytes > SK_LOCAL_MAX_URL_BYTES)
    {
      respond_error (msg, 414, "The URL is too long.");
      return;
    }

  soup_message_headers_foreach (headers, header_size_cb, &header_bytes);
  if (header_bytes > SK_LOCAL_MAX_HEADER_BYTES)
    {
      respond_error (msg, 431, "The request headers are too large.");
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > SK_LOCAL_MAX_BODY_BYTES)
    {
      MsgInfo *info = msg_get_info (msg);

      if (info != NULL)
        info->body_too_large = TRUE;
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      respond_error (msg, 413, "The request body is larger than 1 MiB.");
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

/* The key for this request: the header's, or the account's when the local
 * token is right. NULL after answering 401. */
static const char *
resolve_key (SkLocalServer     *self,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "x-openai-api-key");
  const char *token;

  if (key != NULL && key[0] != '\0')
    return key;

  token = sk_local_bearer_token (soup_message_headers_get_one (headers, "Authorization"));
  if (token == NULL)
    {
      respond_error (msg, 401, "Missing x-openai-api-key header");
      return NULL;
    }

  if (self->account_key == NULL || self->local_token == NULL)
    {
      respond_error (msg, 401, "This server holds no OpenAI key, so the local token cannot "
                               "be used; send the x-openai-api-key header.");
      return NULL;
    }

  if (!sk_local_token_equal (self->local_token, token))
    {
      respond_error (msg, 401, "Invalid local token.");
      return NULL;
    }

  return self->account_key;
}

static GPtrArray *
read_ids_body (SoupServerMessage *msg,
               const char        *key,
               gboolean          *delete_files)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *detail = NULL;
  GPtrArray *ids;
  guint status = 0;
  gconstpointer data;
  gsize length;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &length);

  ids = sk_local_parse_ids_body (data, length, key, delete_files, &status, &detail);
  if (ids == NULL)
    {
      respond_error (msg, status, detail);
      return NULL;
    }

  g_ptr_array_add (ids, NULL);
  return ids;
}

static void
respond_empty_report (SoupServerMessage *msg,
                      gboolean           with_files)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  const char *names[] = { "success", "failed" };
  const char *with_files_names[] = { "vector_stores_deleted", "vector_stores_failed",
                                     "files_deleted", "files_failed" };
  const char **members = with_files ? with_files_names : names;
  guint n = with_files ? G_N_ELEMENTS (with_files_names) : G_N_ELEMENTS (names);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, members[i]);
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  if (with_files)
    {
      json_builder_set_member_name (builder, "total_files_found");
      json_builder_add_int_value (builder, 0);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  respond_json (msg, 200, node);
}

static void
handle_upstream (SkLocalServer        *self,
                 SoupServerMessage    *msg,
                 GHashTable           *query,
                 const char           *key,
                 SkLocalRequestTarget *target)
{
  g_autofree char *detail = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  SkLocalListQuery list_query = { 0 };
  SkListOptions opts;
  gboolean delete_files = TRUE;
  Request *req;

  /* Validate everything before anything leaves for OpenAI. */
  if (target->vector_store_id != NULL &&
      !sk_local_validate_id (target->vector_store_id, "vector_store_id", &detail))
    {
      respond_error (msg, 422, detail);
      return;
    }
  if (target->file_id != NULL && !sk_local_validate_id (target->file_id, "file_id", &detail))
    {
      respond_error (msg, 422, detail);
      return;
    }

  switch (target->route)
    {
    case SK_LOCAL_ROUTE_LIST_FILES:
    case SK_LOCAL_ROUTE_LIST_STORES:
    case SK_LOCAL_ROUTE_LIST_STORE_FILES:
      if (!sk_local_parse_list_query (target->route, query, &list_query, &detail))
        {
          respond_error (msg, 422, detail);
          return;
        }
      break;

    case SK_LOCAL_ROUTE_DELETE_FILES:
      ids = read_ids_body (msg, "file_ids", NULL);
      if (ids == NULL)
        return;
      break;

    case SK_LOCAL_ROUTE_DELETE_STORES:
      ids = read_ids_body (msg, "vector_store_ids", NULL);
      if (ids == NULL)
        return;
      break;

    case SK_LOCAL_ROUTE_DELETE_STORES_FILES:
      ids = read_ids_body (msg, "vector_store_ids", &delete_files);
      if (ids == NULL)
        return;
      break;

    case SK_LOCAL_ROUTE_DETACH_FILE:
    case SK_LOCAL_ROUTE_ORPHANS:
      break;

    case SK_LOCAL_ROUTE_NONE:
    case SK_LOCAL_ROUTE_INDEX:
    case SK_LOCAL_ROUTE_HEALTH:
    case SK_LOCAL_ROUTE_OPENAPI:
    case SK_LOCAL_ROUTE_DOCS:
    case SK_LOCAL_ROUTE_DOCS_ASSET:
    default:
      g_assert_not_reached ();
    }

  if (ids != NULL && ids->len == 1)
    {
      respond_empty_report (msg, target->route == SK_LOCAL_ROUTE_DELETE_STORES_FILES);
      return;
    }

  req = request_new (self, msg, key, target);
  req->query = list_query;
  fill_list_options (&opts, &req->query);

  switch (req->target.route)
    {
    case SK_LOCAL_ROUTE_LIST_FILES:
      sk_client_list_files_async (req->client, &opts, NULL, NULL, NULL, req->cancellable,
                                  list_files_cb, req);
      break;

    case SK_LOCAL_ROUTE_LIST_STORES:
      sk_client_list_vector_stores_async (req->client, &opts, NULL, NULL, NULL,
                                          req->cancellable, list_stores_cb, req);
      break;

    case SK_LOCAL_ROUTE_LIST_STORE_FILES:
      /* one more than the limit, to tell whether the limit cut the list */
      if (opts.max_items != 0)
        opts.max_items++;
      sk_client_list_vector_store_files_async (req->client, req->target.vector_store_id, &opts,
                                               NULL, NULL, NULL, req->cancellable,
                                               list_store_files_cb, req);
      break;

    case SK_LOCAL_ROUTE_DETACH_FILE:
      sk_client_detach_file_async (req->client, req->target.vector_store_id,
                                   req->target.file_id, req->cancellable, detach_cb, req);
      break;

    case SK_LOCAL_ROUTE_DELETE_FILES:
    case SK_LOCAL_ROUTE_DELETE_STORES:
      {
        SkBulkKind kind = req->target.route == SK_LOCAL_ROUTE_DELETE_FILES
                            ? SK_BULK_DELETE_FILES : SK_BULK_DELETE_VECTOR_STORES;
        SkBulkDelete *job = sk_bulk_delete_new (req->client, kind, NULL,
                                                (const char * const *) ids->pdata);

        req->job = G_OBJECT (job);
        sk_bulk_delete_set_max_in_flight (job, self->max_in_flight);
        sk_bulk_delete_run_async (job, req->cancellable, bulk_cb, req);
      }
      break;

    case SK_LOCAL_ROUTE_DELETE_STORES_FILES:
      {
        SkBulkStoresJob *job;

        job = sk_bulk_stores_job_new (req->client, (const char * const *) ids->pdata,
                                      delete_files ? SK_STORE_FILES_DELETE_ALL
                                                   : SK_STORE_FILES_KEEP);
        req->job = G_OBJECT (job);
        sk_bulk_stores_job_set_max_in_flight (job, self->max_in_flight);
        sk_bulk_stores_job_run_async (job, req->cancellable, stores_job_cb, req);
      }
      break;

    case SK_LOCAL_ROUTE_ORPHANS:
      {
        static const char * const purposes[] = { "assistants", NULL };
        SkOrphanFinder *finder = sk_orphan_finder_new (req->client);

        req->job = G_OBJECT (finder);
        sk_orphan_finder_set_purposes (finder, purposes);
        sk_orphan_finder_set_max_in_flight (finder, self->max_in_flight);
        sk_orphan_finder_run_async (finder, req->cancellable, orphans_cb, req);
      }
      break;

    case SK_LOCAL_ROUTE_NONE:
    case SK_LOCAL_ROUTE_INDEX:
    case SK_LOCAL_ROUTE_HEALTH:
    case SK_LOCAL_ROUTE_OPENAPI:
    case SK_LOCAL_ROUTE_DOCS:
    case SK_LOCAL_ROUTE_DOCS_ASSET:
    default:
      g_assert_not_reached ();
    }
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SkLocalServer *self = user_data;
  SkLocalRequestTarget target = { 0 };
  SkLocalRouteStatus route_status;
  const char *key = NULL;

  if (self->stopping)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      respond_error (msg, 503, "The server is stopping.");
      return;
    }

  /* DNS rebinding guard (a loopback bind only). */
  if (!check_host (self, msg))
    {
      respond_error (msg, 421, "This server answers only requests addressed to localhost, "
                               "127.0.0.1 or [::1].");
      return;
    }

  route_status = sk_local_route (soup_server_message_get_method (msg), path, &target);

  if (route_status == SK_LOCAL_ROUTE_STATUS_NOT_FOUND)
    {
      respond_error (msg, 404, "Not found.");
      goto out;
    }

  if (route_status == SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED)
    {
      g_autofree char *detail = g_strdup_printf ("Method not allowed; this path takes %s.",
                                                 target.allow);

      respond_error (msg, 405, detail);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", target.allow);
      goto out;
    }

  if (sk_local_route_needs_key (target.route))
    {
      key = resolve_key (self, msg);
      if (key == NULL)
        goto out;
    }

  switch (target.route)
    {
    case SK_LOCAL_ROUTE_HEALTH:
      {
        g_autoptr (JsonBuilder) builder = json_builder_new ();
        g_autoptr (JsonNode) node = NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "status");
        json_builder_add_string_value (builder, "ok");
        json_builder_set_member_name (builder, "version");
        json_builder_add_string_value (builder, PACKAGE_VERSION);
        json_builder_end_object (builder);
        node = json_builder_get_root (builder);
        respond_json (msg, 200, node);
      }
      break;

    case SK_LOCAL_ROUTE_INDEX:
      {
        g_autoptr (JsonNode) node = index_node ();

        respond_json (msg, 200, node);
      }
      break;

    case SK_LOCAL_ROUTE_OPENAPI:
      {
        g_autoptr (GBytes) doc = openapi_document (self);

        if (doc == NULL)
          respond_error (msg, 404, "Not found.");
        else
          respond_bytes (msg, 200, "application/json", doc);
      }
      break;

    case SK_LOCAL_ROUTE_DOCS:
      serve_resource (msg, "docs.html", "text/html; charset=utf-8");
      break;

    case SK_LOCAL_ROUTE_DOCS_ASSET:
      serve_resource (msg, target.asset,
                      g_str_has_suffix (target.asset, ".js")
                        ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
      break;

    case SK_LOCAL_ROUTE_LIST_STORES:
    case SK_LOCAL_ROUTE_DELETE_STORES:
    case SK_LOCAL_ROUTE_DELETE_STORES_FILES:
    case SK_LOCAL_ROUTE_LIST_STORE_FILES:
    case SK_LOCAL_ROUTE_DETACH_FILE:
    case SK_LOCAL_ROUTE_LIST_FILES:
    case SK_LOCAL_ROUTE_DELETE_FILES:
    case SK_LOCAL_ROUTE_ORPHANS:
      handle_upstream (self, msg, query, key, &target);
      break;

    case SK_LOCAL_ROUTE_NONE:
    default:
      respond_error (msg, 404, "Not found.");
      break;
    }

out:
  sk_local_request_target_clear (&target);
}

/* ------------------------------------------------------------------ */
/* Log lines                                                           */

static gboolean
read_timeout_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  MsgInfo *info = msg_get_info (msg);
  GSocket *socket;

  if (info != NULL)
    info->read_timeout_id = 0;

  /* The request did not arrive whole in time (slow client or slowloris):
   * drop the connection. */
  socket = soup_server_message_get_socket (msg);
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  MsgInfo *info = msg_get_info (msg);

  if (info != NULL)
    g_clear_handle_id (&info->read_timeout_id, g_source_remove);
}

/* libsoup 3.2 never closes a kept-alive connection that stays idle, and
 * the read timeout only starts with the first byte of the next request: an
 * idle timer per connection, armed when an answer is done, stopped when
 * the next request starts. */
typedef struct
{
  SkLocalServer *self;   /* unowned: the server removes every timer */
  GSocket       *socket;
  guint          id;
} IdleTimer;

static void
idle_timer_free (gpointer data)
{
  IdleTimer *timer = data;

  g_clear_handle_id (&timer->id, g_source_remove);
  g_clear_object (&timer->socket);
  g_free (timer);
}

static gboolean
idle_timeout_cb (gpointer data)
{
  IdleTimer *timer = data;

  timer->id = 0;
  g_socket_shutdown (timer->socket, TRUE, TRUE, NULL);
  g_hash_table_remove (timer->self->idle_timers, timer->socket);

  return G_SOURCE_REMOVE;
}

static void
arm_idle_timer (SkLocalServer     *self,
                SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  IdleTimer *timer;

  if (socket == NULL || self->idle_timeout_ms == 0 || !g_socket_is_connected (socket))
    return;

  timer = g_new0 (IdleTimer, 1);
  timer->self = self;
  timer->socket = g_object_ref (socket);
  timer->id = g_timeout_add (self->idle_timeout_ms, idle_timeout_cb, timer);
  g_hash_table_replace (self->idle_timers, socket, timer);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    SkLocalServer     *self)
{
  MsgInfo *info = g_new0 (MsgInfo, 1);
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_hash_table_remove (self->idle_timers, socket);

  info->start_us = g_get_monotonic_time ();
  if (self->read_timeout_ms > 0)
    info->read_timeout_id = g_timeout_add (self->read_timeout_ms, read_timeout_cb, msg);
  g_object_set_qdata_full (G_OBJECT (msg), msg_info_quark, info, msg_info_free);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), NULL);
}

/* Only what looks like an ID or a route name of this API is logged:
 * [A-Za-z0-9_.-], at most 128 bytes (the contract's ID rule, plus the dot
 * of "openapi.json"), and nothing containing "sk-" in any case. Anything
 * else (a key pasted anywhere in a segment, percent-escapes that could
 * spell one) is replaced. */
static gboolean
log_segment_is_safe (const char *segment)
{
  gsize len = strlen (segment);

  if (len > SK_LOCAL_MAX_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = segment[i];

      if (!g_ascii_isalnum (c) && c != '_' && c != '-' && c != '.')
        return FALSE;
      if (i + 2 < len && g_ascii_tolower (c) == 's' &&
          g_ascii_tolower (segment[i + 1]) == 'k' && segment[i + 2] == '-')
        return FALSE;
    }

  return TRUE;
}

static void
append_log_path (GString    *line,
                 const char *path)
{
  g_auto (GStrv) segments = NULL;
  gsize start = line->len;

  if (path == NULL)
    {
      g_string_append_c (line, '-');
      return;
    }

  /* A key pasted into the path by mistake must not reach the log. */
  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];

      if (i > 0)
        g_string_append_c (line, '/');
      if (!log_segment_is_safe (segment))
        {
          g_string_append (line, "[redacted]");
          continue;
        }
      g_string_append (line, segment);
      if (line->len - start > 300)
        {
          g_string_append (line, "...");
          break;
        }
    }
}

static void
log_request (SkLocalServer     *self,
             SoupServerMessage *msg,
             gboolean           aborted)
{
  MsgInfo *info = msg_get_info (msg);
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  g_autoptr (GString) line = g_string_new (NULL);
  double ms = 0;

  if (method == NULL)
    return;

  if (info != NULL)
    ms = (g_get_monotonic_time () - info->start_us) / 1000.0;

  g_string_append_printf (line, "%s.%03d ", time, g_date_time_get_microsecond (now) / 1000);
  /* method is one of libsoup's interned strings or the raw token */
  for (const char *p = method; *p && p - method < 16; p++)
    g_string_append_c (line, g_ascii_isalpha (*p) ? *p : '?');
  g_string_append_c (line, ' ');
  append_log_path (line, uri ? g_uri_get_path (uri) : NULL);
  if (info != NULL && info->client_gone)
    g_string_append (line, " 499");
  else if (aborted)
    g_string_append (line, " aborted");
  else
    g_string_append_printf (line, " %u", soup_server_message_get_status (msg));
  g_string_append_printf (line, " %.1fms upstream=%u", ms, info ? info->upstream : 0);
  if (info != NULL && info->note != NULL)
    g_string_append_printf (line, " %s", info->note);

  g_signal_emit (self, signals[REQUEST_LOGGED], 0, line->str);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     SkLocalServer     *self)
{
  log_request (self, msg, FALSE);
  g_hash_table_remove (self->answering, msg);
  if (!self->stopping)
    arm_idle_timer (self, msg);
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    SkLocalServer     *self)
{
  log_request (self, msg, TRUE);
  g_hash_table_remove (self->answering, msg);
}

/* ------------------------------------------------------------------ */
/* Token                                                               */

static gboolean
fill_random (guchar *buffer,
             gsize   length)
{
  gsize done = 0;
  int fd;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (done == length)
    return TRUE;

  fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  done = 0;
  while (done < length)
    {
      ssize_t n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);

  return done == length;
}

static char *
new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  GString *hex;

  if (!fill_random (bytes, sizeof bytes))
    {
      g_critical ("No source of random bytes: the local token is disabled");
      return NULL;
    }

  hex = g_string_sized_new (2 * TOKEN_BYTES + 1);
  for (guint i = 0; i < TOKEN_BYTES; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);

  return g_string_free (hex, FALSE);
}

static void
free_secret (char **secret)
{
  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
sk_local_server_dispose (GObject *object)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  sk_local_server_stop (self);
  g_clear_handle_id (&self->gates_sweep_id, g_source_remove);
  if (self->gates != NULL)
    g_hash_table_remove_all (self->gates);
  g_clear_object (&self->soup);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sk_local_server_parent_class)->dispose (object);
}

static void
sk_local_server_finalize (GObject *object)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->idle_timers);
  g_hash_table_unref (self->answering);
  g_hash_table_unref (self->gates);
  g_free (self->host);
  g_free (self->upstream_url);
  free_secret (&self->account_key);
  free_secret (&self->local_token);
  g_free (self->organization);
  g_free (self->project);
  g_clear_pointer (&self->openapi, g_bytes_unref);

  G_OBJECT_CLASS (sk_local_server_parent_class)->finalize (object);
}

static void
sk_local_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, sk_local_server_get_port (self));
      break;
    case PROP_UPSTREAM_URL:
      g_value_set_string (value, self->upstream_url);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;
    case PROP_LOCAL_TOKEN:
      g_value_set_string (value, self->local_token);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, self->max_in_flight);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_FILES_PAGE_SIZE:
      g_value_set_uint (value, self->files_page_size);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->retry_base_ms);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_UPSTREAM_TIMEOUT_MS:
      g_value_set_uint (value, self->upstream_timeout_ms);
      break;
    case PROP_READ_TIMEOUT_MS:
      g_value_set_uint (value, self->read_timeout_ms);
      break;
    case PROP_HAS_ACCOUNT_KEY:
      g_value_set_boolean (value, self->account_key != NULL);
      break;
    case PROP_IDLE_TIMEOUT_MS:
      g_value_set_uint (value, self->idle_timeout_ms);
      break;
    case PROP_STOP_GRACE_MS:
      g_value_set_uint (value, self->stop_grace_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_local_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      sk_object_set_string (object, &self->host,
                            g_value_get_string (value) ? g_value_get_string (value)
                                                       : "127.0.0.1",
                            pspec);
      break;
    case PROP_PORT:
      sk_object_set_uint (object, &self->port, g_value_get_uint (value), pspec);
      break;
    case PROP_UPSTREAM_URL:
      {
        const char *url = g_value_get_string (value);

        if (url == NULL || url[0] == '\0')
          url = g_getenv ("OPENAI_BASE_URL");
        if (url == NULL || url[0] == '\0')
          url = SK_DEFAULT_BASE_URL;
        sk_object_set_string (object, &self->upstream_url, url, pspec);
      }
      break;
    case PROP_ACCOUNT_KEY:
      sk_local_server_set_account_key (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION:
      sk_object_set_string (object, &self->organization, g_value_get_string (value), pspec);
      break;
    case PROP_PROJECT:
      sk_object_set_string (object, &self->project, g_value_get_string (value), pspec);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_object_set_uint (object, &self->max_in_flight, g_value_get_uint (value), pspec);
      break;
    case PROP_PAGE_SIZE:
      sk_object_set_uint (object, &self->page_size, g_value_get_uint (value), pspec);
      break;
    case PROP_FILES_PAGE_SIZE:
      sk_object_set_uint (object, &self->files_page_size, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_BASE_MS:
      sk_object_set_uint (object, &self->retry_base_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_ATTEMPTS:
      sk_object_set_uint (object, &self->max_attempts, g_value_get_uint (value), pspec);
      break;
    case PROP_UPSTREAM_TIMEOUT_MS:
      sk_object_set_uint (object, &self->upstream_timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_READ_TIMEOUT_MS:
      sk_object_set_uint (object, &self->read_timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_IDLE_TIMEOUT_MS:
      sk_object_set_uint (object, &self->idle_timeout_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_STOP_GRACE_MS:
      sk_object_set_uint (object, &self->stop_grace_ms, g_value_get_uint (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_local_server_class_init (SkLocalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sk_local_server_dispose;
  object_class->finalize = sk_local_server_finalize;
  object_class->get_property = sk_local_server_get_property;
  object_class->set_property = sk_local_server_set_property;

  msg_info_quark = g_quark_from_static_string ("sk-local-server-msg-info");

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, "127.0.0.1", rw | G_PARAM_CONSTRUCT);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 8000, rw | G_PARAM_CONSTRUCT);
  properties[PROP_UPSTREAM_URL] =
    g_param_spec_string ("upstream-url", NULL, NULL, NULL, rw | G_PARAM_CONSTRUCT);
  properties[PROP_ACCOUNT_KEY] =
    g_param_spec_string ("account-key", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL, rw);
  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL, NULL, rw);
  properties[PROP_LOCAL_TOKEN] =
    g_param_spec_string ("local-token", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL, 1, 64, 8, rw | G_PARAM_CONSTRUCT);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Upstream client settings (0: the client's default). */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 0, 100, 0, rw);
  properties[PROP_FILES_PAGE_SIZE] =
    g_param_spec_uint ("files-page-size", NULL, NULL, 0, 10000, 0, rw);
  /* G_MAXUINT: the client's default */
  properties[PROP_RETRY_BASE_MS] =
    g_param_spec_uint ("retry-base-ms", NULL, NULL, 0, G_MAXUINT, G_MAXUINT, rw | G_PARAM_CONSTRUCT);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 0, 20, 0, rw);
  properties[PROP_UPSTREAM_TIMEOUT_MS] =
    g_param_spec_uint ("upstream-timeout-ms", NULL, NULL, 0, G_MAXUINT, 0, rw);
  /* A request must arrive whole (headers and body) within this time, or
   * its connection is closed; 0 disables. */
  properties[PROP_READ_TIMEOUT_MS] =
    g_param_spec_uint ("read-timeout-ms", NULL, NULL, 0, G_MAXUINT, 30000, rw | G_PARAM_CONSTRUCT);
  /* A kept-alive connection with no new request for this long is closed;
   * 0 disables. */
  properties[PROP_IDLE_TIMEOUT_MS] =
    g_param_spec_uint ("idle-timeout-ms", NULL, NULL, 0, G_MAXUINT, 30000, rw | G_PARAM_CONSTRUCT);
  /* On stop, deletions in progress get this long to finish before they
   * are cancelled. */
  properties[PROP_STOP_GRACE_MS] =
    g_param_spec_uint ("stop-grace-ms", NULL, NULL, 0, 600000, 5000, rw | G_PARAM_CONSTRUCT);
  properties[PROP_HAS_ACCOUNT_KEY] =
    g_param_spec_boolean ("has-account-key", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_LOGGED] =
    g_signal_new ("request-logged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sk_local_server_init (SkLocalServer *self)
{
  self->requests = g_hash_table_new (NULL, NULL);
  self->idle_timers = g_hash_table_new_full (NULL, NULL, NULL, idle_timer_free);
  self->answering = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->gates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shared_gate_free);
  self->local_token = new_token ();
  /* One session for every request: connections to OpenAI are reused.
   * libsoup's default of 2 connections per host would serialise the bulk
   * engine and parallel callers. */
  self->session = soup_session_new_with_options ("max-conns", 256,
                                                 "max-conns-per-host", 128,
                                                 NULL);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

SkLocalServer *
sk_local_server_new (void)
{
  return g_object_new (SK_TYPE_LOCAL_SERVER, NULL);
}

static GInetAddress *
parse_host (const char *host)
{
  g_autofree char *bare = NULL;
  gsize len = strlen (host);

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  return g_inet_address_new_from_string (bare);
}

gboolean
sk_local_server_start (SkLocalServer  *self,
                       GError        **error)
{
  g_autoptr (GInetAddress) address = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoptr (GSList) listeners = NULL;
  g_autofree char *server_header = NULL;

  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), FALSE);

  if (self->running)
    return TRUE;

  address = parse_host (self->host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address (use 127.0.0.1, ::1 or an address of this machine)",
                   self->host);
      return FALSE;
    }
  self->loopback = g_inet_address_get_is_loopback (address);

  if (self->soup == NULL)
    {
      server_header = g_strdup_printf ("storekeeper/%s", PACKAGE_VERSION);
      self->soup = soup_server_new ("server-header", server_header, NULL);
      soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
      soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
      g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
      g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), self);
      g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_aborted_cb), self);
    }

  socket_address = g_inet_socket_address_new (address, self->port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return FALSE;

  /* from the listening socket: soup_server_get_uris() leaks in libsoup 3.2 */
  listeners = soup_server_get_listeners (self->soup);
  self->bound_port = self->port;
  if (listeners != NULL)
    {
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        self->bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_clear_pointer (&self->openapi, g_bytes_unref);

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  if (self->bound_port != self->port)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

static gboolean
stop_wakeup_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Cancels the requests in flight: every one of them when @bulk_too, else
 * those that are not deletions. */
static void
cancel_requests (SkLocalServer *self,
                 gboolean       bulk_too)
{
  g_autoptr (GList) reqs = g_hash_table_get_keys (self->requests);

  for (GList *l = reqs; l != NULL; l = l->next)
    {
      Request *req = l->data;

      if (req->bulk && !bulk_too)
        continue;
      if (req->bulk)
        req->stop_cancelled = TRUE;
      g_cancellable_cancel (req->cancellable);
    }
}

/* Stops gracefully: new requests get 503; lists and other waits upstream
 * are cancelled and answered 503 {"detail": "The server is stopping."};
 * deletions in progress get "stop-grace-ms" to finish, then are cancelled
 * and answered with what was done. Each gets its log line. This iterates
 * the thread-default main context until then (bounded), so that the
 * answers are written before the connections close. */
void
sk_local_server_stop (SkLocalServer *self)
{
  gint64 grace_end;
  gint64 hard_end;
  gboolean bulk_cancelled = FALSE;

  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  if (!self->running || self->stopping)
    return;

  g_object_ref (self);
  self->stopping = TRUE;
  g_hash_table_remove_all (self->idle_timers);

  cancel_requests (self, FALSE);

  grace_end = g_get_monotonic_time () + (gint64) self->stop_grace_ms * 1000;
  /* a cancelled request ends at once; this bound only guards a bug */
  hard_end = grace_end + 10 * G_USEC_PER_SEC;

  while (g_hash_table_size (self->requests) > 0 || g_hash_table_size (self->answering) > 0)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean fired = FALSE;
      guint wakeup_id;

      if (!bulk_cancelled && now >= grace_end)
        {
          cancel_requests (self, TRUE);
          bulk_cancelled = TRUE;
          continue;
        }
      if (now >= hard_end)
        {
          g_warning ("Local API: %u requests did not end in time; closing their connections",
                     g_hash_table_size (self->requests) + g_hash_table_size (self->answering));
          break;
        }

      /* wake up now and then to look at the clock */
      wakeup_id = g_timeout_add (50, stop_wakeup_cb, &fired);
      g_main_context_iteration (NULL, TRUE);
      if (!fired)
        g_source_remove (wakeup_id);
    }

  g_hash_table_remove_all (self->answering);
  /* every request has ended: every gate goes (a request that did not,
   * after the warning above, finds its gate gone and is fine) */
  g_hash_table_remove_all (self->gates);
  g_clear_handle_id (&self->gates_sweep_id, g_source_remove);
  soup_server_disconnect (self->soup);
  self->running = FALSE;
  self->stopping = FALSE;
  self->bound_port = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_unref (self);
}

gboolean
sk_local_server_get_running (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), FALSE);

  return self->running;
}

guint
sk_local_server_get_port (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), 0);

  return self->running ? self->bound_port : self->port;
}

char *
sk_local_server_dup_url (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), NULL);

  if (strchr (self->host, ':') != NULL && self->host[0] != '[')
    return g_strdup_printf ("http://[%s]:%u", self->host, sk_local_server_get_port (self));

  return g_strdup_printf ("http://%s:%u", self->host, sk_local_server_get_port (self));
}

const char *
sk_local_server_get_local_token (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), NULL);

  return self->local_token;
}

void
sk_local_server_regenerate_token (SkLocalServer *self)
{
  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  free_secret (&self->local_token);
  self->local_token = new_token ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_TOKEN]);
}

void
sk_local_server_set_account_key (SkLocalServer *self,
                                 const char    *api_key)
{
  gboolean had;

  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  had = self->account_key != NULL;
  free_secret (&self->account_key);
  if (api_key != NULL && api_key[0] != '\0')
    self->account_key = g_strdup (api_key);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_KEY]);
  if (had != (self->account_key != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNT_KEY]);
}
