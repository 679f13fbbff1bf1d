/* sk-local-limits.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-limits.h"

#include "sk-local-reply.h"
#include "sk-local-validate.h"

#include <string.h>

/* The limits of a request before any handler runs: URL length (414),
 * header size (431), body size (413), the time a request may take to
 * arrive (read timeout) and the time a kept-alive connection may stay
 * idle. The limits of what the body holds (422, too many IDs) are
 * sk-local-validate's. */

struct _SkLocalIdleTimers
{
  GHashTable *table;  /* GSocket* -> IdleTimer* */
};

/* libsoup 3.2 never closes a kept-alive connection that stays idle, and
 * the read timeout only starts with the first byte of the next request: an
 * idle timer per connection, armed when an answer is done, stopped when
 * the next request starts. */
typedef struct
{
  SkLocalIdleTimers *timers;  /* unowned: it removes every timer */
  GSocket           *socket;
  guint              id;
} IdleTimer;

static void
refuse_body (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  sk_local_reply_error (msg, 413, "The request body is larger than 1 MiB.");
}

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
  SkLocalMsgInfo *info = sk_local_msg_info_get (msg);
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
      refuse_body (msg);
    }
}

static gboolean
read_timeout_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  SkLocalMsgInfo *info = sk_local_msg_info_get (msg);
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
  SkLocalMsgInfo *info = sk_local_msg_info_get (msg);

  if (info != NULL)
    g_clear_handle_id (&info->read_timeout_id, g_source_remove);
}

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
  g_hash_table_remove (timer->timers->table, timer->socket);

  return G_SOURCE_REMOVE;
}

/**
 * sk_local_limits_check_head:
 *
 * Checks @msg once its headers are in, before its body is read: a URL
 * over SK_LOCAL_MAX_URL_BYTES is answered 414, headers over
 * SK_LOCAL_MAX_HEADER_BYTES 431, a declared body over
 * SK_LOCAL_MAX_BODY_BYTES 413 (and the connection closes after the
 * answer). Otherwise the body is counted as it arrives, and answered 413
 * as soon as it grows past the limit.
 */
void
sk_local_limits_check_head (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  gsize header_bytes = 0;
  gsize url_bytes;

  url_bytes = strlen (g_uri_get_path (uri)) +
              (g_uri_get_query (uri) ? strlen (g_uri_get_query (uri)) + 1 : 0);
  if (url_bytes > SK_LOCAL_MAX_URL_BYTES)
    {
      sk_local_reply_error (msg, 414, "The URL is too long.");
      return;
    }

  soup_message_headers_foreach (headers, header_size_cb, &header_bytes);
  if (header_bytes > SK_LOCAL_MAX_HEADER_BYTES)
    {
      sk_local_reply_error (msg, 431, "The request headers are too large.");
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > SK_LOCAL_MAX_BODY_BYTES)
    {
      SkLocalMsgInfo *info = sk_local_msg_info_get (msg);

      if (info != NULL)
        info->body_too_large = TRUE;
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      refuse_body (msg);
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

/**
 * sk_local_limits_start_reading:
 * @read_timeout_ms: 0: no limit
 *
 * Starts the clock of a request that just began (its #SkLocalMsgInfo
 * attached): unless it arrives whole, headers and body, within
 * @read_timeout_ms, its connection is closed.
 */
void
sk_local_limits_start_reading (SoupServerMessage *msg,
                               guint              read_timeout_ms)
{
  SkLocalMsgInfo *info = sk_local_msg_info_get (msg);

  g_return_if_fail (info != NULL);

  info->start_us = g_get_monotonic_time ();
  if (read_timeout_ms > 0)
    info->read_timeout_id = g_timeout_add (read_timeout_ms, read_timeout_cb, msg);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), NULL);
}

SkLocalIdleTimers *
sk_local_idle_timers_new (void)
{
  SkLocalIdleTimers *timers = g_new0 (SkLocalIdleTimers, 1);

  timers->table = g_hash_table_new_full (NULL, NULL, NULL, idle_timer_free);
  return timers;
}

void
sk_local_idle_timers_free (SkLocalIdleTimers *timers)
{
  if (timers == NULL)
    return;

  g_hash_table_unref (timers->table);
  g_free (timers);
}

/* After @msg was answered: its connection, if still open, is closed
 * unless a new request starts on it within @timeout_ms (0: never). */
void
sk_local_idle_timers_arm (SkLocalIdleTimers *timers,
                          SoupServerMessage *msg,
                          guint              timeout_ms)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  IdleTimer *timer;

  if (socket == NULL || timeout_ms == 0 || !g_socket_is_connected (socket))
    return;

  timer = g_new0 (IdleTimer, 1);
  timer->timers = timers;
  timer->socket = g_object_ref (socket);
  timer->id = g_timeout_add (timeout_ms, idle_timeout_cb, timer);
  g_hash_table_replace (timers->table, socket, timer);
}

/* A request @msg started: its connection is not idle any more. */
void
sk_local_idle_timers_disarm (SkLocalIdleTimers *timers,
                             SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_hash_table_remove (timers->table, socket);
}

void
sk_local_idle_timers_clear (SkLocalIdleTimers *timers)
{
  g_hash_table_remove_all (timers->table);
}
