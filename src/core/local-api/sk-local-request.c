/* sk-local-request.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-request.h"

#include "sk-local-reply.h"

#include <string.h>

static void
request_free (SkLocalRequest *req)
{
  if (req->disconnected_id != 0)
    g_signal_handler_disconnect (req->msg, req->disconnected_id);
  if (req->watch != NULL)
    {
      g_source_destroy (req->watch);
      g_clear_pointer (&req->watch, g_source_unref);
    }

  g_hash_table_remove (req->hub->requests, req);
  sk_local_gates_release (req->hub->gates, req->gate_digest);
  g_clear_pointer (&req->gate_digest, g_free);
  sk_local_list_query_clear (&req->query);
  g_clear_pointer (&req->vector_store_id, g_free);
  g_clear_pointer (&req->file_id, g_free);
  g_clear_object (&req->job);
  g_clear_object (&req->tracker);
  g_clear_object (&req->client);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_object_unref (req->hub->owner);
  g_free (req);
}

/* The client of one request: its own, so that its "n-requests" is the
 * request's upstream count; the hub's session (connections are reused)
 * and its account's shared rate gate. */
static SkClient *
make_client (SkLocalHub *hub,
             const char *api_key,
             gboolean    by_token,
             SkRateGate *gate)
{
  gboolean account_service = by_token && hub->account_url != NULL;
  SkClient *client;

  /* The server's own key goes to its account's service (an Azure OpenAI
   * resource, say); a key sent by the caller goes to the upstream URL as
   * an OpenAI key, as the guide says */
  client = g_object_new (SK_TYPE_CLIENT,
                         "base-url", account_service ? hub->account_url : hub->upstream_url,
                         "provider", account_service ? hub->account_provider : SK_PROVIDER_OPENAI,
                         "api-version", account_service ? hub->account_api_version : NULL,
                         "api-key", api_key,
                         "session", hub->session,
                         "rate-gate", gate,
                         NULL);
  if (hub->organization != NULL)
    sk_client_set_organization (client, hub->organization);
  if (hub->project != NULL)
    sk_client_set_project (client, hub->project);
  if (hub->page_size != 0)
    g_object_set (client, "page-size", hub->page_size, NULL);
  if (hub->files_page_size != 0)
    g_object_set (client, "files-page-size", hub->files_page_size, NULL);
  if (hub->retry_base_ms != G_MAXUINT)
    g_object_set (client, "retry-base-ms", hub->retry_base_ms, NULL);
  if (hub->max_attempts != 0)
    g_object_set (client, "max-attempts", hub->max_attempts, NULL);
  if (hub->upstream_timeout_ms != 0)
    g_object_set (client, "timeout-ms", hub->upstream_timeout_ms, NULL);

  return client;
}

static void
request_done (SkLocalRequest *req)
{
  SkLocalMsgInfo *info = sk_local_msg_info_get (req->msg);

  if (info != NULL)
    {
      /* the request's own client: exactly its upstream calls, retries included */
      info->upstream = sk_client_get_n_requests (req->client);
      if (req->client_gone && info->note == NULL)
        info->note = g_strdup ("client gone; upstream work cancelled");
      else if (req->hub->stopping && info->note == NULL)
        info->note = g_strdup ("server stopping");
    }

  /* Unpaused even for a caller who left, so that libsoup ends the message
   * (and the log line comes). */
  if (!req->gone)
    {
      g_hash_table_add (req->hub->answering, g_object_ref (req->msg));
      soup_server_message_unpause (req->msg);
    }

  request_free (req);
}

static void
msg_disconnected_cb (SoupServerMessage *msg,
                     SkLocalRequest    *req)
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
  SkLocalRequest *req = user_data;
  SkLocalMsgInfo *info;
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
  info = sk_local_msg_info_get (req->msg);
  if (info != NULL)
    info->client_gone = TRUE;
  /* A list is given up to save upstream calls. A deletion runs to its
   * end: the log then says what was done for a caller who left. */
  if (!req->bulk)
    g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
watch_client (SkLocalRequest *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  if (socket == NULL)
    return;

  req->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_static_name (req->watch, "[sk-local-server] caller socket");
  g_source_set_callback (req->watch, G_SOURCE_FUNC (client_socket_cb), req, NULL);
  g_source_attach (req->watch, NULL);
}

/* Fills in what the server does not: its tables, its gates and the
 * session every request shares. */
void
sk_local_hub_init (SkLocalHub *hub,
                   GObject    *owner)
{
  hub->owner = owner;
  hub->requests = g_hash_table_new (NULL, NULL);
  hub->answering = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  hub->gates = sk_local_gates_new ();
  /* libsoup's default of 2 connections per host would serialise the bulk
   * engine and parallel callers. */
  hub->session = soup_session_new_with_options ("max-conns", 256,
                                                "max-conns-per-host", 128,
                                                NULL);
}

void
sk_local_hub_clear (SkLocalHub *hub)
{
  g_clear_pointer (&hub->requests, g_hash_table_unref);
  g_clear_pointer (&hub->answering, g_hash_table_unref);
  g_clear_pointer (&hub->gates, sk_local_gates_free);
  g_clear_object (&hub->session);
  g_clear_pointer (&hub->upstream_url, g_free);
  g_clear_pointer (&hub->organization, g_free);
  g_clear_pointer (&hub->project, g_free);
  g_clear_pointer (&hub->base_url, g_free);
  g_clear_pointer (&hub->openapi, g_bytes_unref);
  g_clear_object (&hub->journal);
  g_clear_pointer (&hub->account_name, g_free);
}

/* Cancels the requests in flight: every one of them when @bulk_too
 * (deletions then say that the stop grace period ran out), else those
 * that are not deletions. */
void
sk_local_hub_cancel (SkLocalHub *hub,
                     gboolean    bulk_too)
{
  g_autoptr (GList) reqs = g_hash_table_get_keys (hub->requests);

  for (GList *l = reqs; l != NULL; l = l->next)
    {
      SkLocalRequest *req = l->data;

      if (req->bulk && !bulk_too)
        continue;
      if (req->bulk)
        req->stop_cancelled = TRUE;
      g_cancellable_cancel (req->cancellable);
    }
}

/* Validates the IDs of the path, before anything leaves for OpenAI; FALSE
 * after answering 422. */
gboolean
sk_local_call_check_ids (SkLocalCall *call)
{
  g_autofree char *detail = NULL;

  if (call->vector_store_id != NULL &&
      !sk_local_validate_id (call->vector_store_id, "vector_store_id", &detail))
    {
      sk_local_reply_error (call->msg, 422, detail);
      return FALSE;
    }
  if (call->file_id != NULL && !sk_local_validate_id (call->file_id, "file_id", &detail))
    {
      sk_local_reply_error (call->msg, 422, detail);
      return FALSE;
    }

  return TRUE;
}

/**
 * sk_local_request_new:
 * @bulk: whether it is a deletion (it then runs to its end when the
 *   caller leaves, and gets the stop grace period)
 *
 * Pauses the message of @call until the request is answered with
 * sk_local_request_reply() or sk_local_request_fail(), which free it.
 *
 * Returns: (transfer full): the request
 */
SkLocalRequest *
sk_local_request_new (SkLocalCall *call,
                      gboolean     bulk)
{
  SkLocalHub *hub = call->hub;
  SkLocalRequest *req = g_new0 (SkLocalRequest, 1);
  g_autoptr (SkRateGate) gate = NULL;

  g_assert (call->key != NULL);

  req->hub = hub;
  g_object_ref (hub->owner);
  req->msg = g_object_ref (call->msg);
  req->cancellable = g_cancellable_new ();
  gate = sk_local_gates_acquire (hub->gates, call->key, hub->organization, hub->project,
                                 &req->gate_digest);
  req->client = make_client (hub, call->key, call->by_token, gate);
  req->bulk = bulk;
  req->vector_store_id = g_strdup (call->vector_store_id);
  req->file_id = g_strdup (call->file_id);
  req->disconnected_id = g_signal_connect (req->msg, "disconnected",
                                           G_CALLBACK (msg_disconnected_cb), req);
  g_hash_table_add (hub->requests, req);

  soup_server_message_pause (req->msg);
  watch_client (req);
  return req;
}

/* Answers @req with @node and frees it. */
void
sk_local_request_reply (SkLocalRequest *req,
                        guint           status,
                        JsonNode       *node)
{
  if (!req->gone)
    sk_local_reply_json (req->msg, status, node);
  request_done (req);
}

/* Answers @req with what @error means for the caller and frees it. */
void
sk_local_request_fail (SkLocalRequest *req,
                       const GError   *error)
{
  g_autofree char *detail = NULL;
  guint status;

  if (!req->gone)
    {
      if (req->client_gone)
        sk_local_reply_error (req->msg, 499, "The client closed the connection.");
      else
        {
          status = sk_local_error_to_reply (error, &detail);
          sk_local_reply_error (req->msg, status, detail);
        }
    }

  request_done (req);
}
