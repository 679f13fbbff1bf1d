/* sk-fake-log.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-log.h"

struct _SkFakeLog
{
  GPtrArray *requests;   /* SkFakeRequest* */
};

static void
request_free (gpointer data)
{
  SkFakeRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

SkFakeLog *
sk_fake_log_new (void)
{
  SkFakeLog *log = g_new0 (SkFakeLog, 1);

  log->requests = g_ptr_array_new_with_free_func (request_free);
  return log;
}

void
sk_fake_log_free (SkFakeLog *log)
{
  if (log == NULL)
    return;

  g_ptr_array_unref (log->requests);
  g_free (log);
}

/* Logs a request arriving now, with status 0 until it is answered. Returns
 * the entry (borrowed: valid until sk_fake_log_reset()). */
SkFakeRequest *
sk_fake_log_add (SkFakeLog  *log,
                 const char *method,
                 const char *path,
                 const char *query)
{
  SkFakeRequest *request;

  g_return_val_if_fail (log != NULL, NULL);

  request = g_new0 (SkFakeRequest, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (query);
  request->time_us = g_get_monotonic_time ();
  g_ptr_array_add (log->requests, request);
  return request;
}

const GPtrArray *
sk_fake_log_get_requests (SkFakeLog *log)
{
  g_return_val_if_fail (log != NULL, NULL);

  return log->requests;
}

/* Requests of @method (NULL: any) whose path starts with @path_prefix
 * (NULL: any). */
guint
sk_fake_log_count (SkFakeLog  *log,
                   const char *method,
                   const char *path_prefix)
{
  guint n = 0;

  g_return_val_if_fail (log != NULL, 0);

  for (guint i = 0; i < log->requests->len; i++)
    {
      SkFakeRequest *r = g_ptr_array_index (log->requests, i);

      if ((method == NULL || g_str_equal (method, r->method)) &&
          (path_prefix == NULL || g_str_has_prefix (r->path, path_prefix)))
        n++;
    }
  return n;
}

/* How many times DELETE of exactly @path was answered 200. */
guint
sk_fake_log_count_deleted (SkFakeLog  *log,
                           const char *path)
{
  guint n = 0;

  g_return_val_if_fail (log != NULL, 0);
  g_return_val_if_fail (path != NULL, 0);

  for (guint i = 0; i < log->requests->len; i++)
    {
      SkFakeRequest *r = g_ptr_array_index (log->requests, i);

      if (r->status == 200 && g_str_equal (r->method, "DELETE") && g_str_equal (r->path, path))
        n++;
    }
  return n;
}

void
sk_fake_log_reset (SkFakeLog *log)
{
  g_return_if_fail (log != NULL);

  g_ptr_array_set_size (log->requests, 0);
}
