/* test-serve.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `storekeeper --serve`, the real binary ($STOREKEEPER_BIN), as a process.
 */

#include <signal.h>
#include <string.h>

#include "sk-test-utils.h"

#define WAIT_MS 20000
#define SECRET_KEY "sk-proj-SECRETsecretSECRET0123456789"

typedef struct
{
  GSubprocess *process;
  GString     *out;
  GString     *err;
  GDataInputStream *out_stream;
  GDataInputStream *err_stream;
  gboolean     out_eof;
  gboolean     err_eof;
  gboolean     exited;
  int          exit_status;
} Serve;

static void read_line (Serve *serve, GDataInputStream *stream);

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Serve *serve = user_data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, NULL);
  GString *into = stream == serve->out_stream ? serve->out : serve->err;

  if (line == NULL)
    {
      if (stream == serve->out_stream)
        serve->out_eof = TRUE;
      else
        serve->err_eof = TRUE;
      return;
    }

  g_string_append (into, line);
  g_string_append_c (into, '\n');
  read_line (serve, stream);
}

static void
read_line (Serve            *serve,
           GDataInputStream *stream)
{
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, line_read_cb, serve);
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Serve *serve = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  serve->exited = TRUE;
  serve->exit_status = g_subprocess_get_if_exited (G_SUBPROCESS (source))
                         ? g_subprocess_get_exit_status (G_SUBPROCESS (source)) : -1;
}

static Serve *
serve_start (const char * const *args,
             const char         *api_key)
{
  const char *bin = g_getenv ("STOREKEEPER_BIN");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  Serve *serve = g_new0 (Serve, 1);

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  g_ptr_array_add (argv, (gpointer) "--serve");
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "OPENAI_API_KEY", api_key ? api_key : "", TRUE);
  serve->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                 &error);
  g_assert_no_error (error);

  serve->out = g_string_new (NULL);
  serve->err = g_string_new (NULL);
  serve->out_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve->process));
  serve->err_stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (serve->process));
  read_line (serve, serve->out_stream);
  read_line (serve, serve->err_stream);
  g_subprocess_wait_async (serve->process, NULL, waited_cb, serve);

  return serve;
}

static gboolean
serve_finished (gpointer data)
{
  Serve *serve = data;

  return serve->exited && serve->out_eof && serve->err_eof;
}

static void
serve_free (Serve *serve)
{
  if (!serve->exited)
    {
      g_subprocess_force_exit (serve->process);
      sk_test_wait_until (serve_finished, serve, WAIT_MS);
    }
  g_clear_object (&serve->out_stream);
  g_clear_object (&serve->err_stream);
  g_clear_object (&serve->process);
  g_string_free (serve->out, TRUE);
  g_string_free (serve->err, TRUE);
  g_free (serve);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Serve, serve_free)

static gboolean
has_url (gpointer data)
{
  Serve *serve = data;

  return strstr (serve->out->str, "Interactive documentation") != NULL || serve->exited;
}

/* The base URL printed on stdout */
static char *
serve_wait_url (Serve *serve)
{
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("listening on (http://127\\.0\\.0\\.1:[0-9]+)", 0, 0, NULL);

  sk_test_wait_until (has_url, serve, WAIT_MS);
  if (!g_regex_match (regex, serve->out->str, 0, &match))
    g_error ("no URL in: %s / %s", serve->out->str, serve->err->str);

  return g_match_info_fetch (match, 1);
}

typedef struct
{
  guint  status;
  char  *body;
} Reply;

static Reply
get (SoupSession *session,
     const char  *method,
     const char  *url,
     const char  *header,
     const char  *value,
     const char  *body)
{
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  Reply reply;

  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);
  if (body != NULL)
    {
      g_autoptr (GBytes) b = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    sk_test_store_result, &result);
  sk_test_wait_result (&result, WAIT_MS);
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);

  reply.status = soup_message_get_status (msg);
  reply.body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return reply;
}

static guint
count_lines (const char *text,
             const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

typedef struct
{
  Serve *serve;
  guint  lines;
} LogWait;

static gboolean
has_log_lines (gpointer data)
{
  LogWait *w = data;

  return count_lines (w->serve->err->str, "ms upstream=") >= w->lines;
}

static void
test_demo (void)
{
  const char *args[] = { "--port", "0", "--demo", NULL };
  g_autoptr (Serve) serve = serve_start (args, NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *base = serve_wait_url (serve);
  g_autofree char *url = NULL;
  g_autoptr (GRegex) token_re = g_regex_new ("Local token.*: ([0-9a-f]{32,})", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  Reply r;
  LogWait w = { serve, 4 };

  g_assert_nonnull (strstr (serve->out->str, "/docs"));
  g_assert_true (g_regex_match (token_re, serve->out->str, 0, &match));
  token = g_match_info_fetch (match, 1);
  bearer = g_strdup_printf ("Bearer %s", token);
  /* once */
  g_assert_cmpuint (count_lines (serve->out->str, token), ==, 1);

  url = g_strconcat (base, "/vector_stores", NULL);
  r = get (session, "GET", url, "x-openai-api-key", SECRET_KEY, NULL);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_true (g_str_has_prefix (r.body, "[\"vs_"));
  g_free (r.body);

  r = get (session, "GET", url, "Authorization", bearer, NULL);
  g_assert_cmpuint (r.status, ==, 200);
  g_free (r.body);

  r = get (session, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (r.status, ==, 401);
  g_free (r.body);

  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/files", NULL);
  r = get (session, "DELETE", url, "x-openai-api-key", SECRET_KEY, "{\"file_ids\": [\"file-nope\"]}");
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, "\"status_code\":404"));
  g_free (r.body);

  sk_test_wait_until (has_log_lines, &w, WAIT_MS);
  g_assert_nonnull (strstr (serve->err->str, "GET /vector_stores 200"));
  g_assert_nonnull (strstr (serve->err->str, "GET /vector_stores 401"));
  g_assert_nonnull (strstr (serve->err->str, "DELETE /files 200"));
  g_assert_true (g_regex_match_simple ("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GET /vector_stores 200 [0-9.]+ms "
                                       "upstream=1", serve->err->str, 0, 0));

  /* SIGTERM: clean stop, status 0 */
  g_subprocess_send_signal (serve->process, SIGTERM);
  sk_test_wait_until (serve_finished, serve, WAIT_MS);
  g_assert_cmpint (serve->exit_status, ==, 0);

  /* neither the key nor the token ever reached stderr */
  g_assert_null (strstr (serve->err->str, SECRET_KEY));
  g_assert_null (strstr (serve->err->str, "SECRET"));
  g_assert_null (strstr (serve->err->str, token));
}

static void
test_key_from_env (void)
{
  const char *args[] = { "--port", "0", NULL };
  g_autoptr (SkFakeOpenai) fake = sk_test_fake_new ();
  g_autofree char *fake_url = sk_fake_openai_dup_base_url (fake);
  g_autoptr (Serve) serve = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GRegex) token_re = g_regex_new ("Local token.*: ([0-9a-f]{32,})", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  Reply r;

  sk_fake_openai_add_file (fake, "file-abc", "a.txt", "assistants", 10, 1700000000);
  g_setenv ("OPENAI_BASE_URL", fake_url, TRUE);
  serve = serve_start (args, "sk-test-key");
  g_unsetenv ("OPENAI_BASE_URL");
  base = serve_wait_url (serve);

  g_assert_true (g_regex_match (token_re, serve->out->str, 0, &match));
  token = g_match_info_fetch (match, 1);
  bearer = g_strdup_printf ("Bearer %s", token);

  url = g_strconcat (base, "/files", NULL);
  r = get (session, "GET", url, "Authorization", bearer, NULL);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, "[\"file-abc\"]");
  g_free (r.body);

  g_subprocess_send_signal (serve->process, SIGINT);
  sk_test_wait_until (serve_finished, serve, WAIT_MS);
  g_assert_cmpint (serve->exit_status, ==, 0);
  g_assert_null (strstr (serve->err->str, "sk-test-key"));
  g_assert_null (strstr (serve->err->str, token));
}

static void
test_no_key_no_token (void)
{
  const char *args[] = { "--port", "0", NULL };
  g_autoptr (Serve) serve = serve_start (args, NULL);
  g_autofree char *base = serve_wait_url (serve);

  g_assert_null (strstr (serve->out->str, "Local token"));
  g_subprocess_send_signal (serve->process, SIGTERM);
  sk_test_wait_until (serve_finished, serve, WAIT_MS);
  g_assert_cmpint (serve->exit_status, ==, 0);
}

static void
test_port_in_use (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (Serve) serve = NULL;
  g_autofree char *port = NULL;
  g_autofree char *expected = NULL;
  const char *args[4] = { "--port", NULL, NULL, NULL };

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  args[1] = port;

  serve = serve_start (args, NULL);
  sk_test_wait_until (serve_finished, serve, WAIT_MS);
  g_assert_cmpint (serve->exit_status, ==, 1);
  /* one clear line naming the port */
  g_assert_cmpuint (count_lines (serve->err->str, "\n"), ==, 1);
  expected = g_strdup_printf ("port %s is already in use", port);
  g_assert_nonnull (strstr (serve->err->str, expected));
  g_assert_cmpstr (serve->out->str, ==, "");
}

static void
test_bad_port (void)
{
  const char *args[] = { "--port", "70000", NULL };
  g_autoptr (Serve) serve = serve_start (args, NULL);

  sk_test_wait_until (serve_finished, serve, WAIT_MS);
  g_assert_cmpint (serve->exit_status, !=, 0);
  g_assert_nonnull (strstr (serve->err->str, "--port"));
}

/* --max-in-flight takes 1..64 */
static void
test_bad_max_in_flight (void)
{
  static const char *values[] = { "0", "65" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const char *args[] = { "--port", "0", "--max-in-flight", values[i], NULL };
      g_autoptr (Serve) serve = serve_start (args, NULL);

      sk_test_wait_until (serve_finished, serve, WAIT_MS);
      g_assert_cmpint (serve->exit_status, ==, 2);
      g_assert_nonnull (strstr (serve->err->str, "--max-in-flight"));
      g_assert_cmpstr (serve->out->str, ==, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sk/serve/demo", test_demo);
  g_test_add_func ("/sk/serve/key-from-env", test_key_from_env);
  g_test_add_func ("/sk/serve/no-key-no-token", test_no_key_no_token);
  g_test_add_func ("/sk/serve/port-in-use", test_port_in_use);
  g_test_add_func ("/sk/serve/bad-port", test_bad_port);
  g_test_add_func ("/sk/serve/bad-max-in-flight", test_bad_max_in_flight);

  return g_test_run ();
}
