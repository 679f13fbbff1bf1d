/* test-secrets.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API key never shows. A recognisable key goes through the client, the
 * bulk engine and the local API along every error path (401, 500, dropped
 * connections, a closed port, malformed bodies, and a "proxy" that echoes
 * the key back in its error messages), with G_MESSAGES_DEBUG=all and a log
 * writer that keeps every line; then through `storekeeper --serve` as a
 * process. The key, and its distinctive middle on its own, must appear in
 * no log line, no error message, no local-API answer, no output of the
 * process, not in its command line, and not in the deletion journal
 * (nor the local token). */

#include <string.h>

#include <glib/gstdio.h>

#include "sk-bulk-delete.h"
#include "sk-journal.h"
#include "sk-local-server.h"
#include "sk-test-utils.h"

#define KEY    "sk-SECRET-canary-0123456789abcdef"
#define MIDDLE "canary-0123456789"
#define WAIT_MS 30000

static GString *captured;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (captured, fields[i].value);
      else
        g_string_append_len (captured, fields[i].value, fields[i].length);
      g_string_append_c (captured, ' ');
    }
  g_string_append_c (captured, '\n');

  /* still print warnings so a failure is readable (they are fatal anyway) */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static void
assert_clean (const char *what,
              const char *text)
{
  if (text == NULL)
    return;
  if (strstr (text, KEY) != NULL || strstr (text, MIDDLE) != NULL ||
      strstr (text, "0123456789abcdef") != NULL)
    g_error ("the key leaked into %s: %s", what, text);
}

/* Removes @dir and everything in it */
static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

/* The journal at @path was written, and holds neither the key nor @token */
static void
assert_journal_clean (const char *path,
                      const char *token)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"type\":\"intent\""));
  assert_clean ("the deletion journal", text);
  g_assert_nonnull (token);
  g_assert_null (strstr (text, token));
}

static void
assert_error_clean (const GError *error)
{
  g_assert_nonnull (error);
  assert_clean ("an error message", error->message);
}

/* ------------------------------------------------------------------ */
/* A "proxy" that echoes the Authorization header in every error         */

static void
echo_key_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  guint *status = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"error\": {\"message\": \"rejected %s (key %s)\", \"code\": \"%s\"}}",
                          auth ? auth : "", auth ? auth + strlen ("Bearer ") : "",
                          auth ? auth : "");
  soup_server_message_set_status (msg, *status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static SoupServer *
echo_key_server_new (guint  *status,
                     char  **base_url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, echo_key_handler, status, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d/v1", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

/* A port that nothing listens on: bound, then closed. */
static char *
closed_port_url (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/v1", port);
}

/* ------------------------------------------------------------------ */
/* Client and bulk engine                                               */

static void
exercise_client (SkClient *client)
{
  const char *ids[] = { "file-s1", "file-s2", "file-s3", NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkBulkDelete) job = NULL;
  GListModel *results;

  sk_client_list_files_async (client, NULL, NULL, NULL, NULL, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  files = sk_client_list_files_finish (client, result, &error);
  if (error != NULL)
    assert_error_clean (error);
  g_clear_error (&error);
  g_clear_object (&result);

  sk_client_delete_file_async (client, "file-s1", NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  if (!sk_client_delete_file_finish (client, result, &error))
    assert_error_clean (error);
  g_clear_error (&error);
  g_clear_object (&result);

  job = sk_bulk_delete_new (client, SK_BULK_DELETE_FILES, NULL, ids);
  sk_bulk_delete_run_async (job, NULL, sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  if (!sk_bulk_delete_run_finish (job, result, &error))
    assert_error_clean (error);
  results = sk_bulk_delete_get_results (job);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr (SkBulkResult) r = g_list_model_get_item (results, i);

      assert_clean ("a bulk result", sk_bulk_result_get_message (r));
    }
}

static void
test_client_error_paths (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *fake_url = sk_fake_openai_dup_base_url (fake);
  g_autofree char *closed_url = closed_port_url ();
  g_autofree char *echo_url = NULL;
  guint echo_status = 401;
  g_autoptr (SoupServer) echo = echo_key_server_new (&echo_status, &echo_url);
  struct {
    const char *what;
    const char *property;
    double      value;
  } modes[] = {
    { "401 (wrong key)", NULL, 0 },
    { "500", "fail-rate", 1.0 },
    { "dropped connections", "drop-rate", 1.0 },
    { "malformed bodies", "malformed-rate", 1.0 },
  };

  sk_fake_openai_add_file (fake, "file-s1", "a.txt", "assistants", 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr (SkClient) client = sk_client_new (fake_url, KEY);

      g_test_message ("client: %s", modes[i].what);
      g_object_set (client, "retry-base-ms", 1, "max-attempts", 2, NULL);
      /* the right key from the second mode on, so the faults are reached */
      g_object_set (fake, "api-key", i == 0 ? "sk-other-key" : KEY, NULL);
      if (modes[i].property != NULL)
        g_object_set (fake, modes[i].property, modes[i].value, NULL);
      exercise_client (client);
      if (modes[i].property != NULL)
        g_object_set (fake, modes[i].property, 0.0, NULL);
    }

  /* a closed port */
  {
    g_autoptr (SkClient) client = sk_client_new (closed_url, KEY);

    g_test_message ("client: closed port");
    g_object_set (client, "retry-base-ms", 1, "max-attempts", 2, NULL);
    exercise_client (client);
  }

  /* a proxy that sends the key back, as 401 and as 500 */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (SkClient) client = sk_client_new (echo_url, KEY);

      echo_status = i == 0 ? 401 : 500;
      g_test_message ("client: proxy echoing the key with %u", echo_status);
      g_object_set (client, "retry-base-ms", 1, "max-attempts", 2, NULL);
      exercise_client (client);
    }

  assert_clean ("the log", captured->str);
}

/* ------------------------------------------------------------------ */
/* Local API, in process                                                 */

static void
collect_line_cb (SkLocalServer *server,
                 const char    *line,
                 GString       *lines)
{
  g_string_append (lines, line);
  g_string_append_c (lines, '\n');
}

static void
local_request (SoupSession *session,
               const char  *base,
               const char  *method,
               const char  *path,
               const char  *header,
               const char  *value,
               const char  *body)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (header != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), header, value);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  reply = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  g_test_message ("%s %s -> %u %.120s", method, path, soup_message_get_status (msg), text);
  assert_clean ("a local-API answer", text);

  {
    SoupMessageHeadersIter iter;
    const char *name, *hvalue;

    soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
    while (soup_message_headers_iter_next (&iter, &name, &hvalue))
      assert_clean ("a local-API answer header", hvalue);
  }
}

static void
exercise_local_api (const char *upstream)
{
  g_autoptr (SkLocalServer) server = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GString) lines = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkJournal) journal = NULL;
  g_autofree char *journal_dir = NULL;
  g_autofree char *journal_path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *base = NULL;
  g_autofree char *bearer = NULL;
  const char *paths[][3] = {
    { "GET", "/files", NULL },
    { "GET", "/vector_stores", NULL },
    { "GET", "/vector_stores/vs_s1/files", NULL },
    { "GET", "/files/orphans", NULL },
    { "DELETE", "/vector_stores/vs_s1/files/file-s1", NULL },
    { "DELETE", "/files", "{\"file_ids\": [\"file-s1\", \"file-s2\"]}" },
    { "DELETE", "/vector_stores", "{\"vector_store_ids\": [\"vs_s1\"]}" },
    { "DELETE", "/vector_stores/with-files", "{\"vector_store_ids\": [\"vs_s1\"]}" },
    { "GET", "/files/" KEY, NULL },
  };

  server = g_object_new (SK_TYPE_LOCAL_SERVER, "port", 0, "upstream-url", upstream,
                         "retry-base-ms", 1, "max-attempts", 2, NULL);
  sk_local_server_set_account_key (server, KEY);
  journal_dir = g_dir_make_tmp ("sk-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  journal = sk_journal_new_for_directory (journal_dir, &error);
  g_assert_no_error (error);
  journal_path = g_strdup (sk_journal_get_path (journal));
  g_object_set (server, "journal", journal, "account-name", "Work account", NULL);
  g_signal_connect (server, "request-logged", G_CALLBACK (collect_line_cb), lines);
  g_assert_true (sk_local_server_start (server, &error));
  g_assert_no_error (error);
  base = sk_local_server_dup_url (server);
  bearer = g_strdup_printf ("Bearer %s", sk_local_server_get_local_token (server));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      local_request (session, base, paths[i][0], paths[i][1], "x-openai-api-key", KEY, paths[i][2]);
      local_request (session, base, paths[i][0], paths[i][1], "Authorization", bearer, paths[i][2]);
    }
  /* the key where the token goes, and a wrong token */
  local_request (session, base, "GET", "/files", "Authorization", "Bearer " KEY, NULL);
  local_request (session, base, "GET", "/files", "Authorization", KEY, NULL);
  local_request (session, base, "GET", "/", "x-openai-api-key", KEY, NULL);

  token = g_strdup (sk_local_server_get_local_token (server));
  sk_local_server_stop (server);
  g_test_message ("%s", lines->str);
  assert_clean ("the request log", lines->str);
  assert_journal_clean (journal_path, token);
  g_clear_object (&server);
  g_clear_object (&journal);
  remove_tree (journal_dir);
}

static void
test_local_api_error_paths (void)
{
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *fake_url = sk_fake_openai_dup_base_url (fake);
  g_autofree char *closed_url = closed_port_url ();
  g_autofree char *echo_url = NULL;
  guint echo_status = 401;
  g_autoptr (SoupServer) echo = echo_key_server_new (&echo_status, &echo_url);
  const char *faults[] = { NULL, "fail-rate", "drop-rate", "malformed-rate" };

  sk_fake_openai_add_file (fake, "file-s1", "a.txt", "assistants", 1, 1);
  sk_fake_openai_add_vector_store (fake, "vs_s1", "store", 1);

  /* wrong key upstream: 401 */
  exercise_local_api (fake_url);

  g_object_set (fake, "api-key", KEY, NULL);
  for (guint i = 1; i < G_N_ELEMENTS (faults); i++)
    {
      g_test_message ("local API: upstream %s", faults[i]);
      g_object_set (fake, faults[i], 1.0, NULL);
      exercise_local_api (fake_url);
      g_object_set (fake, faults[i], 0.0, NULL);
    }

  exercise_local_api (closed_url);
  exercise_local_api (echo_url);
  echo_status = 500;
  exercise_local_api (echo_url);

  assert_clean ("the log", captured->str);
}

/* ------------------------------------------------------------------ */
/* storekeeper --serve as a process                                      */

static gboolean
line_seen (gpointer data)
{
  GString *out = data;

  return strstr (out->str, "Interactive documentation") != NULL;
}

typedef struct
{
  GString      *text;
  GInputStream *stream;
  gboolean      eof;
  char          buffer[4096];
} Reader;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      reader->eof = TRUE;
      return;
    }
  g_string_append_len (reader->text, reader->buffer, n);
  g_input_stream_read_async (reader->stream, reader->buffer, sizeof reader->buffer,
                             G_PRIORITY_DEFAULT, NULL, read_cb, reader);
}

static gboolean
reader_eof (gpointer data)
{
  return ((Reader *) data)->eof;
}

static void
test_serve_process (void)
{
  const char *bin = g_getenv ("STOREKEEPER_BIN");
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *fake_url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) url_re = g_regex_new ("listening on (http://\\S+)", 0, 0, NULL);
  g_autoptr (GRegex) token_re = g_regex_new ("Local token.*: ([0-9a-fA-F]+)", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GMatchInfo) token_match = NULL;
  g_autofree char *base = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *children = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *children_path = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *journal_path = NULL;
  gsize cmdline_length = 0;
  Reader out = { 0 }, err = { 0 };

  if (bin == NULL || !g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("STOREKEEPER_BIN is not set");
      return;
    }

  g_object_set (fake, "api-key", KEY, NULL);
  sk_fake_openai_add_file (fake, "file-p1", "a.txt", "assistants", 1, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "OPENAI_API_KEY", KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "OPENAI_BASE_URL", fake_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  data_dir = g_dir_make_tmp ("sk-secrets-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  journal_path = g_build_filename (data_dir, "storekeeper", "journal.jsonl", NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, bin, "--serve", "--port", "0", NULL);
  g_assert_no_error (error);

  out.text = g_string_new (NULL);
  out.stream = g_subprocess_get_stdout_pipe (process);
  err.text = g_string_new (NULL);
  err.stream = g_subprocess_get_stderr_pipe (process);
  g_input_stream_read_async (out.stream, out.buffer, sizeof out.buffer, G_PRIORITY_DEFAULT,
                             NULL, read_cb, &out);
  g_input_stream_read_async (err.stream, err.buffer, sizeof err.buffer, G_PRIORITY_DEFAULT,
                             NULL, read_cb, &err);
  sk_test_wait_until (line_seen, out.text, WAIT_MS);

  g_assert_true (g_regex_match (url_re, out.text->str, 0, &match));
  base = g_match_info_fetch (match, 1);
  g_assert_true (g_regex_match (token_re, out.text->str, 0, &token_match));
  token = g_match_info_fetch (token_match, 1);
  bearer = g_strdup_printf ("Bearer %s", token);

  /* the key is in no argument of the process, and it has no child */
  cmdline_path = g_strdup_printf ("/proc/%s/cmdline", g_subprocess_get_identifier (process));
  if (g_file_get_contents (cmdline_path, &cmdline, &cmdline_length, NULL))
    {
      for (gsize i = 0; i + 1 < cmdline_length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      g_test_message ("command line: %s", cmdline);
      assert_clean ("the command line", cmdline);
    }
  children_path = g_strdup_printf ("/proc/%s/task/%s/children", g_subprocess_get_identifier (process),
                                   g_subprocess_get_identifier (process));
  if (g_file_get_contents (children_path, &children, NULL, NULL))
    g_assert_cmpstr (g_strstrip (children), ==, "");

  local_request (session, base, "GET", "/files", "Authorization", bearer, NULL);
  local_request (session, base, "GET", "/files", "x-openai-api-key", KEY, NULL);
  local_request (session, base, "DELETE", "/files", "Authorization", bearer,
                 "{\"file_ids\": [\"file-p1\", \"file-nope\"]}");
  g_object_set (fake, "fail-rate", 1.0, NULL);
  local_request (session, base, "GET", "/vector_stores", "Authorization", bearer, NULL);
  g_object_set (fake, "fail-rate", 0.0, "api-key", "sk-other-key", NULL);
  local_request (session, base, "GET", "/files", "Authorization", bearer, NULL);
  local_request (session, base, "GET", "/files", "Authorization", "Bearer " KEY, NULL);

  g_subprocess_send_signal (process, SIGTERM);
  sk_test_wait_until (reader_eof, &out, WAIT_MS);
  sk_test_wait_until (reader_eof, &err, WAIT_MS);
  g_subprocess_wait (process, NULL, NULL);

  g_test_message ("stderr of --serve:\n%s", err.text->str);
  g_assert_nonnull (strstr (err.text->str, "GET /files"));
  assert_clean ("the standard output of --serve", out.text->str);
  assert_clean ("the standard error of --serve", err.text->str);
  /* --serve journals its deletions: the one above, without a secret */
  assert_journal_clean (journal_path, token);
  remove_tree (data_dir);

  g_string_free (out.text, TRUE);
  g_string_free (err.text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* before anything logs: every debug line is produced, and kept */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/secrets/client-and-bulk", test_client_error_paths);
  g_test_add_func ("/secrets/local-api", test_local_api_error_paths);
  g_test_add_func ("/secrets/serve-process", test_serve_process);

  ret = g_test_run ();
  assert_clean ("the log", captured->str);
  g_string_free (captured, TRUE);

  return ret;
}
