/* sk-local-server.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-server.h"
#include "sk-local-server-private.h"

#include "sk-local-auth.h"
#include "sk-local-log.h"
#include "sk-local-reply.h"
#include "sk-local-routes.h"

#include <string.h>

/* The local HTTP API: its lifecycle (listen, stop) and its dispatcher,
 * which walks the route table (sk-local-routes.c) and runs the handler of
 * the route found. Its properties and settings are in
 * sk-local-server-props.c. */

/* How often a stop in progress looks at what is left */
#define STOP_POLL_MS 50
/* A cancelled request ends at once; this bound, past the grace period,
 * only guards a bug. */
#define STOP_HARD_LIMIT_US (10 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (SkLocalServer, sk_local_server, G_TYPE_OBJECT)

enum {
  REQUEST_LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

/* DNS rebinding guard (a loopback bind only). */
static gboolean
check_host (SkLocalServer     *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!self->loopback)
    return TRUE;

  return sk_local_host_is_loopback (soup_message_headers_get_one (headers, "Host"));
}

static void
log_request (SkLocalServer     *self,
             SoupServerMessage *msg,
             gboolean           aborted)
{
  g_autofree char *line = sk_local_log_line (msg, aborted);

  if (line != NULL)
    g_signal_emit (self, signals[REQUEST_LOGGED], 0, line);
}

/* The log lines of the requests a stop at once leaves unanswered: their
 * connections close before they end. */
static void
log_unanswered (SkLocalServer *self)
{
  g_autoptr (GList) reqs = g_hash_table_get_keys (self->hub.requests);

  for (GList *l = reqs; l != NULL; l = l->next)
    {
      SkLocalRequest *req = l->data;
      SkLocalMsgInfo *info = sk_local_msg_info_get (req->msg);

      if (req->gone)
        continue;
      if (info != NULL)
        {
          g_free (info->note);
          info->note = g_strdup ("server stopped at once; upstream work cancelled");
        }
      log_request (self, req->msg, TRUE);
    }
}

/* Ends a stop: everything still in flight was answered or is given up,
 * the connections close and the stops waiting complete. */
static void
end_stop (SkLocalServer *self)
{
  g_autoptr (GPtrArray) tasks = NULL;

  g_clear_handle_id (&self->stop_poll_id, g_source_remove);
  g_hash_table_remove_all (self->hub.answering);
  /* every request has ended: every gate goes (a request that did not
   * finds its gate gone and is fine) */
  sk_local_gates_clear (self->hub.gates);
  soup_server_disconnect (self->soup);
  self->running = FALSE;
  self->hub.stopping = FALSE;
  self->bound_port = 0;
  sk_local_server_notify (self, PROP_RUNNING);

  tasks = g_steal_pointer (&self->stop_tasks);
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);
      gulong *handler_id = g_task_get_task_data (task);

      if (*handler_id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), *handler_id);
      g_task_return_boolean (task, TRUE);
    }
}

/* Begins a stop: new requests get 503 from now on, lists and other waits
 * upstream are cancelled, deletions get the grace period. */
static void
begin_stop (SkLocalServer *self)
{
  self->hub.stopping = TRUE;
  self->bulk_cancelled = FALSE;
  sk_local_idle_timers_clear (self->idle_timers);
  sk_local_hub_cancel (&self->hub, FALSE);

  self->grace_end_us = g_get_monotonic_time () + (gint64) self->stop_grace_ms * 1000;
  self->hard_end_us = self->grace_end_us + STOP_HARD_LIMIT_US;
}

static gboolean
stop_poll_cb (gpointer user_data)
{
  SkLocalServer *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (g_hash_table_size (self->hub.requests) == 0 &&
      g_hash_table_size (self->hub.answering) == 0)
    {
      self->stop_poll_id = 0;
      end_stop (self);
      return G_SOURCE_REMOVE;
    }

  if (!self->bulk_cancelled && now >= self->grace_end_us)
    {
      sk_local_hub_cancel (&self->hub, TRUE);
      self->bulk_cancelled = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (now >= self->hard_end_us)
    {
      g_warning ("Local API: %u requests did not end in time; closing their connections",
                 g_hash_table_size (self->hub.requests) +
                 g_hash_table_size (self->hub.answering));
      self->stop_poll_id = 0;
      end_stop (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The caller of a stop gave up waiting: the grace period ends now (the
 * next poll cancels the deletions). */
static void
stop_cancelled_cb (GCancellable  *cancellable,
                   SkLocalServer *self)
{
  self->grace_end_us = 0;
}

/* Runs once the headers are in, before the body is read. */
static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  sk_local_limits_check_head (msg);
}

/* The dispatcher: every request whose head passed the limits comes here
 * with its body. */
static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  SkLocalServer *self = user_data;
  SkLocalMatch match;
  SkLocalCall call = { 0 };

  if (self->hub.stopping)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      sk_local_reply_error (msg, 503, "The server is stopping.");
      return;
    }

  if (!check_host (self, msg))
    {
      sk_local_reply_error (msg, 421, "This server answers only requests addressed to "
                                      "localhost, 127.0.0.1 or [::1].");
      return;
    }

  switch (sk_local_routes_match (soup_server_message_get_method (msg), path, &match))
    {
    case SK_LOCAL_ROUTE_STATUS_OK:
      break;

    case SK_LOCAL_ROUTE_STATUS_METHOD_NOT_ALLOWED:
      {
        g_autofree char *detail = g_strdup_printf ("Method not allowed; this path takes %s.",
                                                   match.allow);

        sk_local_reply_error (msg, 405, detail);
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Allow", match.allow);
      }
      goto out;

    case SK_LOCAL_ROUTE_STATUS_NOT_FOUND:
    default:
      sk_local_reply_error (msg, 404, "Not found.");
      goto out;
    }

  call.hub = &self->hub;
  call.msg = msg;
  call.query = query;
  call.vector_store_id = match.vector_store_id;
  call.file_id = match.file_id;
  call.asset = strrchr (path, '/') + 1;

  if (match.route->needs_key)
    {
      call.key = sk_local_auth_resolve_key (msg, self->account_key, self->local_token);
      if (call.key == NULL)
        goto out;
      /* the key the server holds: its account's name, for the journal */
      if (call.key == self->account_key)
        {
          call.account = self->hub.account_name;
          call.by_token = TRUE;
        }
    }

  match.route->handler (&call);

out:
  sk_local_match_clear (&match);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    SkLocalServer     *self)
{
  sk_local_idle_timers_disarm (self->idle_timers, msg);
  sk_local_msg_info_attach (msg);
  sk_local_limits_start_reading (msg, self->read_timeout_ms);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     SkLocalServer     *self)
{
  log_request (self, msg, FALSE);
  g_hash_table_remove (self->hub.answering, msg);
  if (!self->hub.stopping)
    sk_local_idle_timers_arm (self->idle_timers, msg, self->idle_timeout_ms);
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    SkLocalServer     *self)
{
  log_request (self, msg, TRUE);
  g_hash_table_remove (self->hub.answering, msg);
}

static void
sk_local_server_dispose (GObject *object)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  sk_local_server_stop (self);
  sk_local_gates_clear (self->hub.gates);
  g_clear_object (&self->soup);
  g_clear_object (&self->hub.session);

  G_OBJECT_CLASS (sk_local_server_parent_class)->dispose (object);
}

static void
sk_local_server_finalize (GObject *object)
{
  SkLocalServer *self = SK_LOCAL_SERVER (object);

  sk_local_hub_clear (&self->hub);
  sk_local_idle_timers_free (self->idle_timers);
  g_ptr_array_unref (self->stop_tasks);
  g_free (self->host);
  sk_local_secret_free (&self->account_key);
  g_clear_pointer (&self->hub.account_url, g_free);
  g_clear_pointer (&self->hub.account_api_version, g_free);
  sk_local_secret_free (&self->local_token);

  G_OBJECT_CLASS (sk_local_server_parent_class)->finalize (object);
}

static void
sk_local_server_class_init (SkLocalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sk_local_server_dispose;
  object_class->finalize = sk_local_server_finalize;
  sk_local_server_install_properties (object_class);

  /**
   * SkLocalServer::request-logged:
   * @line: the access log line
   *
   * Emitted once per request with its log line: time, method, path,
   * status, duration, upstream calls, and a note when the caller left or
   * the server stopped. Never a key or a token, even pasted into the path.
   */
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
  /* One session for every request: connections to OpenAI are reused. */
  sk_local_hub_init (&self->hub, G_OBJECT (self));
  self->idle_timers = sk_local_idle_timers_new ();
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->local_token = sk_local_token_new ();
}

SkLocalServer *
sk_local_server_new (void)
{
  return g_object_new (SK_TYPE_LOCAL_SERVER, NULL);
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

  self->running = TRUE;
  g_clear_pointer (&self->hub.openapi, g_bytes_unref);
  g_free (self->hub.base_url);
  self->hub.base_url = sk_local_server_dup_url (self);

  sk_local_server_notify (self, PROP_RUNNING);
  if (self->bound_port != self->port)
    sk_local_server_notify (self, PROP_PORT);

  return TRUE;
}

/**
 * sk_local_server_stop_async:
 * @cancellable: (nullable): cancelling it ends the grace period at once
 *
 * Stops gracefully, without blocking: new requests get 503; lists and
 * other waits upstream are cancelled and answered 503 {"detail": "The
 * server is stopping."}; deletions in progress get
 * #SkLocalServer:stop-grace-ms to finish, then are cancelled and
 * answered with what was done. Each gets its log line. @callback runs
 * once every answer is written and the connections are closed (at once
 * when the server is not running). A caller who closes its connection
 * while its request waits upstream is noticed meanwhile: a list is
 * cancelled, a deletion runs to its end; the log line says "client gone"
 * and, for a deletion, what was done.
 */
void
sk_local_server_stop_async (SkLocalServer       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  gulong *handler_id;

  g_return_if_fail (SK_IS_LOCAL_SERVER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_local_server_stop_async);

  if (!self->running)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!self->hub.stopping)
    {
      begin_stop (self);
      self->stop_poll_id = g_timeout_add (STOP_POLL_MS, stop_poll_cb, self);
    }

  handler_id = g_new0 (gulong, 1);
  g_task_set_task_data (task, handler_id, g_free);
  g_ptr_array_add (self->stop_tasks, g_object_ref (task));
  if (cancellable != NULL)
    *handler_id = g_cancellable_connect (cancellable, G_CALLBACK (stop_cancelled_cb), self, NULL);
}

/**
 * sk_local_server_stop_finish:
 *
 * Returns: %TRUE; %FALSE with %G_IO_ERROR_CANCELLED when the stop's
 *   cancellable was cancelled (the server stopped all the same)
 */
gboolean
sk_local_server_stop_finish (SkLocalServer  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sk_local_server_stop_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sk_local_server_stop:
 *
 * Stops at once, without waiting and without running the main context:
 * every request in flight is cancelled, deletions included (they get no
 * grace period), and every connection is closed, so that no answer still
 * to come is written; their log lines say "aborted". A stop in progress
 * ends here too. Use
 * sk_local_server_stop_async() to let requests end.
 */
void
sk_local_server_stop (SkLocalServer *self)
{
  g_return_if_fail (SK_IS_LOCAL_SERVER (self));

  if (!self->running)
    return;

  g_object_ref (self);
  if (!self->hub.stopping)
    begin_stop (self);
  sk_local_hub_cancel (&self->hub, TRUE);
  self->bulk_cancelled = TRUE;
  log_unanswered (self);
  end_stop (self);
  g_object_unref (self);
}

/**
 * sk_local_server_dup_url:
 *
 * Returns: (transfer full): the server's URL, e.g. "http://127.0.0.1:8000"
 */
char *
sk_local_server_dup_url (SkLocalServer *self)
{
  g_return_val_if_fail (SK_IS_LOCAL_SERVER (self), NULL);

  if (strchr (self->host, ':') != NULL && self->host[0] != '[')
    return g_strdup_printf ("http://[%s]:%u", self->host, sk_local_server_get_port (self));

  return g_strdup_printf ("http://%s:%u", self->host, sk_local_server_get_port (self));
}
