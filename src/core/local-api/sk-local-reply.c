/* sk-local-reply.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-reply.h"

#include "sk-error.h"

static GQuark
msg_info_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("sk-local-msg-info");
  return quark;
}

static void
msg_info_free (gpointer data)
{
  SkLocalMsgInfo *info = data;

  g_clear_handle_id (&info->read_timeout_id, g_source_remove);
  g_free (info->note);
  g_free (info);
}

/* The reason phrases libsoup 3.2 does not know. */
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

/**
 * sk_local_msg_info_attach:
 *
 * Attaches a new, zeroed #SkLocalMsgInfo to @msg, freed with it.
 *
 * Returns: (transfer none): the info
 */
SkLocalMsgInfo *
sk_local_msg_info_attach (SoupServerMessage *msg)
{
  SkLocalMsgInfo *info = g_new0 (SkLocalMsgInfo, 1);

  g_object_set_qdata_full (G_OBJECT (msg), msg_info_quark (), info, msg_info_free);
  return info;
}

/**
 * sk_local_msg_info_get:
 *
 * Returns: (transfer none) (nullable): the info of @msg, if it has one
 */
SkLocalMsgInfo *
sk_local_msg_info_get (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), msg_info_quark ());
}

void
sk_local_reply_bytes (SoupServerMessage *msg,
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

void
sk_local_reply_json (SoupServerMessage *msg,
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

/* Answers {"detail": @detail}. */
void
sk_local_reply_error (SoupServerMessage *msg,
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

  sk_local_reply_json (msg, status, node);
}

/**
 * sk_local_error_to_reply:
 * @error: why an upstream call failed
 * @detail: (out) (transfer full): the sentence for {"detail": ...}
 *
 * The one mapping from an upstream failure to the local API's answer,
 * built on sk_error_to_http_status(): a cancelled call means the server
 * is stopping (503), a timeout is 504, an unreadable answer 502; an
 * OpenAI 4xx keeps its status and message, anything else from OpenAI
 * (5xx after retries) is 502, and no HTTP answer at all is 502 (504 for a
 * timeout).
 *
 * Returns: the HTTP status
 */
guint
sk_local_error_to_reply (const GError  *error,
                         char         **detail)
{
  guint status;

  g_return_val_if_fail (error != NULL, 500);
  g_return_val_if_fail (detail != NULL, 500);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      *detail = g_strdup ("The server is stopping.");
      return 503;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *detail = g_strdup ("OpenAI did not answer in time.");
      return 504;
    }

  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE))
    {
      *detail = g_strdup_printf ("OpenAI sent an answer that could not be read: %s",
                                 error->message);
      return 502;
    }

  status = sk_error_to_http_status (error);
  if (error->domain == SK_CLIENT_ERROR)
    {
      *detail = g_strdup (error->message[0] ? error->message : "OpenAI refused the request.");
      return (status >= 500 || status < 400) ? 502 : status;
    }

  *detail = g_strdup_printf ("OpenAI could not be reached: %s", error->message);
  return status == 504 ? 504 : 502;
}
