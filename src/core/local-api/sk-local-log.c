/* sk-local-log.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-log.h"

#include "sk-id.h"
#include "sk-local-reply.h"

#include <string.h>

/* Only what looks like an ID or a route name of this API is logged:
 * [A-Za-z0-9_.-], at most SK_ID_MAX_LENGTH bytes (the ID rule, plus the
 * dot of "openapi.json"), and nothing containing "sk-" in any case.
 * Anything else (a key pasted anywhere in a segment, percent-escapes that
 * could spell one) is replaced. */
static gboolean
segment_is_safe (const char *segment)
{
  gsize len = strlen (segment);

  if (len > SK_ID_MAX_LENGTH)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = segment[i];
      const char one[2] = { c, '\0' };

      if (c != '.' && !sk_id_is_valid (one))
        return FALSE;
      if (i + 2 < len && g_ascii_tolower (c) == 's' &&
          g_ascii_tolower (segment[i + 1]) == 'k' && segment[i + 2] == '-')
        return FALSE;
    }

  return TRUE;
}

/**
 * sk_local_log_append_path:
 * @path: (nullable): a request's path
 *
 * Appends @path to @line with every segment that could hold a secret
 * replaced by "[redacted]", cut after about 300 bytes; "-" for NULL.
 */
void
sk_local_log_append_path (GString    *line,
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
      if (!segment_is_safe (segment))
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

/**
 * sk_local_log_line:
 * @aborted: whether libsoup gave up on the message before answering it
 *
 * The access log line of @msg: time, method, redacted path, status (499
 * when the caller left, "aborted"), duration, upstream calls and the note
 * of its #SkLocalMsgInfo. Never a header, a query or a body.
 *
 * Returns: (transfer full) (nullable): the line, or NULL when @msg has no
 *   method
 */
char *
sk_local_log_line (SoupServerMessage *msg,
                   gboolean           aborted)
{
  SkLocalMsgInfo *info = sk_local_msg_info_get (msg);
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *time = NULL;
  GString *line;
  double ms = 0;

  if (method == NULL)
    return NULL;

  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  line = g_string_new (NULL);

  if (info != NULL)
    ms = (g_get_monotonic_time () - info->start_us) / 1000.0;

  g_string_append_printf (line, "%s.%03d ", time, g_date_time_get_microsecond (now) / 1000);
  /* method is one of libsoup's interned strings or the raw token */
  for (const char *p = method; *p && p - method < 16; p++)
    g_string_append_c (line, g_ascii_isalpha (*p) ? *p : '?');
  g_string_append_c (line, ' ');
  sk_local_log_append_path (line, uri ? g_uri_get_path (uri) : NULL);
  if (info != NULL && info->client_gone)
    g_string_append (line, " 499");
  else if (aborted)
    g_string_append (line, " aborted");
  else
    g_string_append_printf (line, " %u", soup_server_message_get_status (msg));
  g_string_append_printf (line, " %.1fms upstream=%u", ms, info ? info->upstream : 0);
  if (info != NULL && info->note != NULL)
    g_string_append_printf (line, " %s", info->note);

  return g_string_free (line, FALSE);
}
