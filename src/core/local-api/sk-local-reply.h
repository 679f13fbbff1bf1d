/* sk-local-reply.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What the access log line of one request needs, kept on its
 * SoupServerMessage from the first byte to the log line. */
typedef struct
{
  gint64    start_us;
  guint     upstream;         /* upstream calls made for it, retries included */
  guint     read_timeout_id;
  gboolean  body_too_large;
  gboolean  client_gone;      /* the caller closed its connection while we worked */
  gsize     body_bytes;
  char     *note;             /* appended to the log line */
} SkLocalMsgInfo;

SkLocalMsgInfo *sk_local_msg_info_attach  (SoupServerMessage  *msg);
SkLocalMsgInfo *sk_local_msg_info_get     (SoupServerMessage  *msg);

void            sk_local_reply_bytes      (SoupServerMessage  *msg,
                                           guint               status,
                                           const char         *content_type,
                                           GBytes             *bytes);
void            sk_local_reply_json       (SoupServerMessage  *msg,
                                           guint               status,
                                           JsonNode           *node);
void            sk_local_reply_error      (SoupServerMessage  *msg,
                                           guint               status,
                                           const char         *detail);

guint           sk_local_error_to_reply   (const GError       *error,
                                           char              **detail);

G_END_DECLS
