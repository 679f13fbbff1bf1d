/* sk-attempt.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-attempt.h"

#include "sk-error.h"
#include "sk-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* One HTTP exchange with the server: the message with its headers, sent
 * with soup_session_send_async(), the body read by hand so that it stops
 * at SK_ATTEMPT_MAX_BODY_SIZE, and a timer that ends the attempt with
 * G_IO_ERROR_TIMED_OUT. Whether to send it again is not decided here. */

#define READ_CHUNK_SIZE   (16 * 1024) /* first buffer when no Content-Length */
#define MAX_MESSAGE_CHARS 1000

typedef struct
{
  SoupMessage  *msg;
  guint         timeout_ms;

  GCancellable *cancellable;  /* the caller's, or NULL */
  gulong        cancelled_id;
  GCancellable *op;           /* cancels the session and stream calls */
  GSource      *timeout_source;
  gboolean      timed_out;

  GInputStream *stream;
  GByteArray   *buffer;
  gsize         filled;
} AttemptData;

/* Lets go of the stream (so the connection can serve the next request
 * at once) and of the timer, before the task returns */
static void
release (AttemptData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  g_clear_object (&data->stream);
}

static void
attempt_data_free (AttemptData *data)
{
  release (data);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->op);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static char *
limit_message (const char *message)
{
  if (g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (message, 0, MAX_MESSAGE_CHARS);

      return g_strconcat (cut, "…", NULL);
    }

  return g_strdup (message);
}

/* Replaces every occurrence of @key in @message by a masked form. The
 * server masks keys itself; this guards against a proxy that does not. */
static char *
scrub_key (const char *message,
           const char *key)
{
  g_autoptr (GString) out = NULL;
  const char *p;
  const char *hit;
  gsize key_len;

  if (key == NULL || strlen (key) < 4 || strstr (message, key) == NULL)
    return g_strdup (message);

  key_len = strlen (key);
  out = g_string_new (NULL);
  p = message;
  while ((hit = strstr (p, key)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, "sk-****");
      p = hit + key_len;
    }
  g_string_append (out, p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A DELETE answered 204 No Content, as Azure's older dated API versions
 * answer a file deletion */
static gboolean
is_no_content_deletion (SoupMessage *msg)
{
  return soup_message_get_status (msg) == SOUP_STATUS_NO_CONTENT &&
         g_strcmp0 (soup_message_get_method (msg), SOUP_METHOD_DELETE) == 0;
}

/* The deletion object OpenAI would have sent for @msg: the ID is the last
 * segment of the path */
static GBytes *
deletion_body (SoupMessage *msg)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *id = NULL;
  const char *path = g_uri_get_path (soup_message_get_uri (msg));
  const char *slash = strrchr (path, '/');
  char *text;

  id = g_uri_unescape_string (slash != NULL ? slash + 1 : path, NULL);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id != NULL ? id : "");
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static void
return_error (GTask  *task,
              GError *error)
{
  AttemptData *data = g_task_get_task_data (task);

  release (data);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out)
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           /* Translators: %u is a number of milliseconds */
                           _("The server did not answer within %u ms"), data->timeout_ms);
    }

  g_task_return_error (task, error);
}

static void
return_too_large (GTask *task)
{
  AttemptData *data = g_task_get_task_data (task);
  GError *error;

  release (data);
  error = sk_client_error_new (SK_CLIENT_ERROR_INVALID_RESPONSE,
                               soup_message_get_status (data->msg), NULL,
                               _("The server sent an answer too large to be read"));
  g_task_return_error (task, error);
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  AttemptData *data = g_task_get_task_data (task);

  data->timed_out = TRUE;
  g_clear_pointer (&data->timeout_source, g_source_unref);
  g_cancellable_cancel (data->op);

  return G_SOURCE_REMOVE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  AttemptData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      return_error (task, error);
      return;
    }

  if (n == 0)
    {
      GBytes *body;

      release (data);
      g_byte_array_set_size (data->buffer, data->filled);
      body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
      if (data->filled == 0 && is_no_content_deletion (data->msg))
        {
          g_bytes_unref (body);
          body = deletion_body (data->msg);
        }
      g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
      return;
    }

  data->filled += n;
  if (data->filled > SK_ATTEMPT_MAX_BODY_SIZE)
    {
      return_too_large (task);
      return;
    }

  /* Grow geometrically: a small answer costs one small buffer, a large one
   * a logarithmic number of reallocations. */
  if (data->filled == data->buffer->len)
    g_byte_array_set_size (data->buffer,
                           MIN ((gsize) data->buffer->len * 2, SK_ATTEMPT_MAX_BODY_SIZE + 1));

  g_input_stream_read_async (data->stream, data->buffer->data + data->filled,
                             data->buffer->len - data->filled,
                             G_PRIORITY_DEFAULT, data->op,
                             read_cb, g_steal_pointer (&task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  AttemptData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GInputStream *stream;
  goffset length;
  gsize capacity;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      return_error (task, error);
      return;
    }

  data->stream = stream;
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->msg));
  if (length > SK_ATTEMPT_MAX_BODY_SIZE)
    {
      return_too_large (task);
      return;
    }

  /* Room for the announced body plus one byte, so the final 0-length read
   * needs no reallocation. */
  capacity = length > 0 ? (gsize) length + 1 : READ_CHUNK_SIZE;
  data->buffer = g_byte_array_sized_new (capacity);
  g_byte_array_set_size (data->buffer, capacity);
  data->filled = 0;
  g_input_stream_read_async (data->stream, data->buffer->data, capacity,
                             G_PRIORITY_DEFAULT, data->op,
                             read_cb, g_steal_pointer (&task));
}

/**
 * sk_attempt_parse_base_url:
 * @base_url: the base URL of the API, e.g. "https://api.openai.com/v1"
 *
 * Returns: (transfer full) (nullable): @base_url parsed, or %NULL when it
 *   is not an http or https URL with a host
 */
GUri *
sk_attempt_parse_base_url (const char *base_url)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;

  return g_steal_pointer (&uri);
}

/**
 * sk_attempt_new_message:
 * @base_uri: the base URL, from sk_attempt_parse_base_url()
 * @method: the HTTP method
 * @path: the escaped path, starting with '/', appended to the base path
 * @query: (nullable): the escaped query
 * @body: (nullable): JSON to send
 * @api_key: (nullable): sent as a bearer token, or in the `api-key` header
 * @api_key_header: whether @api_key goes in the `api-key` header (Azure)
 *   rather than `Authorization: Bearer`
 * @organization: (nullable): sent as OpenAI-Organization
 * @project: (nullable): sent as OpenAI-Project
 *
 * Builds the message of one attempt: no redirect followed, JSON accepted,
 * Storekeeper's User-Agent. A query of @base_uri (such as Azure's
 * `api-version=…`) comes first in the query of the message.
 *
 * Returns: (transfer full): a new message
 */
SoupMessage *
sk_attempt_new_message (GUri       *base_uri,
                        const char *method,
                        const char *path,
                        const char *query,
                        GBytes     *body,
                        const char *api_key,
                        gboolean    api_key_header,
                        const char *organization,
                        const char *project)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *full_path = NULL;
  g_autofree char *full_query = NULL;
  const char *base_query;
  const char *base_path;
  gsize base_len;
  SoupMessageHeaders *headers;
  SoupMessage *msg;

  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  base_path = g_uri_get_path (base_uri);
  base_len = strlen (base_path);
  /* "http://host" has the path "/" once parsed */
  if (base_len > 0 && base_path[base_len - 1] == '/')
    base_len--;
  full_path = g_strdup_printf ("%.*s%s", (int) base_len, base_path, path);
  base_query = g_uri_get_query (base_uri);
  if (base_query != NULL && *base_query != '\0')
    full_query = query != NULL && *query != '\0'
                 ? g_strconcat (base_query, "&", query, NULL)
                 : g_strdup (base_query);
  else
    full_query = g_strdup (query);
  uri = g_uri_build_with_user (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (base_uri),
                               g_uri_get_user (base_uri), g_uri_get_password (base_uri), NULL,
                               g_uri_get_host (base_uri), g_uri_get_port (base_uri),
                               full_path, full_query, NULL);

  msg = soup_message_new_from_uri (method, uri);
  soup_message_set_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  if (api_key != NULL && *api_key != '\0' && api_key_header)
    {
      soup_message_headers_replace (headers, "api-key", api_key);
    }
  else if (api_key != NULL && *api_key != '\0')
    {
      g_autofree char *auth = g_strconcat ("Bearer ", api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (organization != NULL && *organization != '\0')
    soup_message_headers_replace (headers, "OpenAI-Organization", organization);
  if (project != NULL && *project != '\0')
    soup_message_headers_replace (headers, "OpenAI-Project", project);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "User-Agent", "Storekeeper/" PACKAGE_VERSION);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  return msg;
}

/**
 * sk_attempt_send_async:
 * @session: the session to send with
 * @msg: the message, from sk_attempt_new_message()
 * @timeout_ms: the longest the whole exchange may take; 0: no limit
 * @cancellable: (nullable): cancels the attempt
 *
 * Sends @msg and reads its answer, whatever its status.
 */
void
sk_attempt_send_async (SoupSession         *session,
                       SoupMessage         *msg,
                       guint                timeout_ms,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  AttemptData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* no cancellable on the task: a cancellation comes back as the error
   * of the session or the stream, once they have let go */
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, sk_attempt_send_async);

  data = g_new0 (AttemptData, 1);
  data->msg = g_object_ref (msg);
  data->timeout_ms = timeout_ms;
  data->op = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) attempt_data_free);

  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                  data->op, NULL);
    }

  if (timeout_ms > 0)
    {
      data->timeout_source = g_timeout_source_new (timeout_ms);
      g_source_set_static_name (data->timeout_source, "[sk-attempt] timeout");
      /* the source is destroyed with the task data */
      g_source_set_callback (data->timeout_source, timeout_cb, task, NULL);
      g_source_attach (data->timeout_source, g_task_get_context (task));
    }

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, data->op,
                           sent_cb, g_steal_pointer (&task));
}

/**
 * sk_attempt_send_finish:
 *
 * Returns: (transfer full): the body of the answer (its status and headers
 *   are on the message; a DELETE answered 204 with no body gives the
 *   deletion object `{"id": …, "deleted": true}`), or %NULL with @error set: a transport error,
 *   %G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_CANCELLED, or
 *   %SK_CLIENT_ERROR_INVALID_RESPONSE for a body too large to be read
 */
GBytes *
sk_attempt_send_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sk_attempt_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sk_client_error_from_body:
 * @http_status: the HTTP status of the answer (>= 300)
 * @body: (nullable): the body of the answer
 *
 * Builds the #SkClientError of an error answer. The message is OpenAI's
 * `error.message` (only the "error" member is read), cut at 1000
 * characters; when the body has none (empty, not JSON, another shape), it
 * is a sentence naming the status, e.g. "The server answered 502 Bad
 * Gateway". The code follows the status; a 429 whose `error.code` or
 * `error.type` is `insufficient_quota` gives
 * %SK_CLIENT_ERROR_QUOTA_EXHAUSTED.
 *
 * Returns: (transfer full): a new error, never NULL
 */
GError *
sk_client_error_from_body (guint   http_status,
                           GBytes *body)
{
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *message = NULL;
  const char *openai_code = NULL;
  const char *text = NULL;

  root = sk_json_parse_bytes (body, http_status, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonObject *error = sk_json_get_object (object, "error");

      if (error != NULL)
        {
          text = sk_json_get_string (error, "message");
          openai_code = sk_json_get_string (error, "code");
          if (openai_code == NULL &&
              g_strcmp0 (sk_json_get_string (error, "type"), "insufficient_quota") == 0)
            openai_code = "insufficient_quota";
        }
      else
        {
          /* Some proxies send {"error": "text"} */
          text = sk_json_get_string (object, "error");
        }
    }

  if (text != NULL && *text != '\0')
    {
      message = limit_message (text);
    }
  else
    {
      const char *phrase = soup_status_get_phrase (http_status);

      if (phrase != NULL && *phrase != '\0')
        /* Translators: %u is an HTTP status, %s its phrase, e.g. "502 Bad Gateway" */
        message = g_strdup_printf (_("The server answered %u %s"), http_status, phrase);
      else
        /* Translators: %u is an HTTP status code */
        message = g_strdup_printf (_("The server answered with status %u"), http_status);
    }

  return sk_client_error_new (sk_client_error_from_status (http_status, openai_code),
                              http_status, openai_code, message);
}

/**
 * sk_attempt_error_from_answer:
 * @http_status: the status of an answer that is not a 2xx
 * @body: (nullable): its body
 * @api_key: (nullable): the key sent, masked if the message repeats it
 *
 * Returns: (transfer full): the error of the answer, see
 *   sk_client_error_from_body(); it never holds @api_key
 */
GError *
sk_attempt_error_from_answer (guint       http_status,
                              GBytes     *body,
                              const char *api_key)
{
  g_autoptr (GError) error = sk_client_error_from_body (http_status, body);
  g_autofree char *message = NULL;

  if (api_key == NULL || *api_key == '\0' || strstr (error->message, api_key) == NULL)
    return g_steal_pointer (&error);

  message = scrub_key (error->message, api_key);
  return sk_client_error_new (error->code, http_status,
                              sk_client_error_get_openai_code (error), message);
}
