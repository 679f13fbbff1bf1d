/* sk-fake-openai.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-openai.h"

#include "sk-fake-admin.h"
#include "sk-fake-azure.h"

#include "sk-fake-faults.h"
#include "sk-fake-json.h"
#include "sk-fake-log.h"
#include "sk-fake-openai-private.h"
#include "sk-fake-routes.h"
#include "sk-fake-store.h"
#include "sk-object-private.h"

#include <errno.h>
#include <sys/socket.h>

/* A request being answered: it counts as in flight until libsoup has
 * finished or aborted it. */
typedef struct
{
  SkFakeOpenai      *self;
  SoupServerMessage *msg;
  SkFakeRequest     *request;
  GSource           *timer;
  gboolean           done;
} Pending;

struct _SkFakeOpenai
{
  GObject       parent_instance;

  SoupServer   *server;
  GMainContext *context;
  guint         port;

  SkFakeStore  *store;
  SkFakeFaults  faults;

  char         *api_key;
  char         *admin_key;
  guint         latency_ms;
  guint         seed;
  gboolean      stale_counts;
  gboolean      retry_after_seconds_only;
  gboolean      azure;
  char         *azure_api_version;

  SkFakeLog    *log;
  GHashTable   *pending;    /* SoupServerMessage* -> Pending* */
  guint         n_in_flight;
  guint         peak_in_flight;
  guint64       request_counter;
};

G_DEFINE_FINAL_TYPE (SkFakeOpenai, sk_fake_openai, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_LATENCY_MS,
  PROP_MAX_CONCURRENT,
  PROP_RATE_LIMIT,
  PROP_FAIL_RATE,
  PROP_DROP_RATE,
  PROP_MALFORMED_RATE,
  PROP_SEED,
  PROP_PORT,
  PROP_STALE_COUNTS,
  PROP_RETRY_AFTER_STYLE,
  PROP_RATE_BURST,
  PROP_CAPACITY,
  PROP_RESET_RATE,
  PROP_ADMIN_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pending_finish (Pending *pending)
{
  SkFakeOpenai *self = pending->self;

  if (pending->done)
    return;
  pending->done = TRUE;
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending->timer != NULL)
    {
      g_source_destroy (pending->timer);
      g_source_unref (pending->timer);
    }
  g_object_unref (pending->msg);
  g_free (pending);
}

/* @status: what the log says was answered (0: nothing was processed) */
static void
drop_connection (SkFakeOpenai      *self,
                 SoupServerMessage *msg,
                 Pending           *pending,
                 guint              status)
{
  g_autoptr (GIOStream) stream = NULL;

  pending->request->status = status;
  pending_finish (pending);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    {
      /* The head of an answer whose body never comes. With no byte at all,
       * SoupSession silently re-sends a request that failed on a reused
       * keep-alive connection, and the client would never see the drop. */
      static const char partial[] =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{";

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial,
                                 sizeof partial - 1, NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
  g_hash_table_remove (self->pending, msg);
}

/* Resets the connection of @msg (RST, not FIN) before any byte of an
 * answer, without processing the request. */
static void
reset_connection (SkFakeOpenai      *self,
                  SoupServerMessage *msg,
                  Pending           *pending)
{
  g_autoptr (GIOStream) stream = NULL;

  pending->request->status = 0;
  pending_finish (pending);
  stream = soup_server_message_steal_connection (msg);
  if (G_IS_SOCKET_CONNECTION (stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
      struct linger linger = { 1, 0 };

      /* closing with a zero linger time sends a reset */
      if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                      &linger, sizeof linger) != 0)
        g_debug ("Cannot set SO_LINGER: %s", g_strerror (errno));
    }
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  g_hash_table_remove (self->pending, msg);
}

/* The headers of every answer, and the delay headers of a refusal: the
 * millisecond hint too when @ms_hint. */
static void
set_headers (SkFakeOpenai       *self,
             SoupMessageHeaders *headers,
             int                 retry_after_ms,
             gboolean            ms_hint)
{
  guint64 seed_part = self->seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  char request_id[64];

  g_snprintf (request_id, sizeof request_id,
              "req_%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
              seed_part, (guint64) ++self->request_counter);
  soup_message_headers_replace (headers, "x-request-id", request_id);
  soup_message_headers_replace (headers, "openai-version", "2020-10-01");
  soup_message_headers_replace (headers, "openai-processing-ms", "1");
  if (retry_after_ms >= 0)
    {
      char value[32];

      g_snprintf (value, sizeof value, "%d", MAX (1, (retry_after_ms + 999) / 1000));
      soup_message_headers_replace (headers, "Retry-After", value);
      /* The real API sends only the integer Retry-After. */
      if (ms_hint)
        {
          g_snprintf (value, sizeof value, "%d", retry_after_ms);
          soup_message_headers_replace (headers, "retry-after-ms", value);
        }
    }
}

/* The key @path takes: the admin key for the organization's reports
 * ("" when there is none: no key is accepted), the account's otherwise. */
static const char *
expected_key (SkFakeOpenai *self,
              const char   *path)
{
  if (sk_fake_admin_is_admin_path (path))
    return self->admin_key != NULL ? self->admin_key : "";
  return self->api_key;
}

/* Answers @msg from the store. */
static void
answer_request (SkFakeOpenai      *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                const SkFakePlan  *plan,
                SkFakeAnswer      *answer)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr (GBytes) body = NULL;
  SkFakeRouteOptions options = { 0, };

  if (g_str_equal (method, "POST"))
    body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  options.query = query;
  options.body = body;
  options.stuck = plan->stuck;
  options.stale_counts = self->stale_counts;
  options.seed = self->seed;
  sk_fake_route (self->store, method, path, &options, answer);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 SkFakeOpenai      *self)
{
  Pending *pending = g_hash_table_lookup (self->pending, msg);

  if (pending != NULL)
    {
      pending_finish (pending);
      g_hash_table_remove (self->pending, msg);
    }
}

static gboolean
unpause_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->timer, g_source_unref);
  soup_server_message_unpause (pending->msg);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SkFakeOpenai *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SkFakeAnswer answer = SK_FAKE_ANSWER_INIT;
  SkFakePlan plan = { 0, };
  SkFakeRequest *request;
  g_autofree char *azure_path = NULL;
  Pending *pending;
  guint delay_ms;
  gboolean ms_hint;

  request = sk_fake_log_add (self->log, soup_server_message_get_method (msg), path,
                             g_uri_get_query (soup_server_message_get_uri (msg)));

  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->request = request;
  g_hash_table_replace (self->pending, msg, pending);

  self->n_in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->n_in_flight);

  sk_fake_faults_take_queued (&self->faults, path, &plan, &answer);
  delay_ms = sk_fake_faults_latency_ms (&self->faults, self->latency_ms, self->n_in_flight) +
             plan.extra_delay_ms;

  if (answer.body == NULL && !plan.drop && !plan.reset && self->azure)
    {
      g_autofree char *message = NULL;
      guint status = 0;

      /* an Azure OpenAI resource: the api-key header, the /openai prefix */
      azure_path = sk_fake_azure_check_request (path, query, request_headers, self->azure_api_version,
                                                self->api_key, &status, &message);
      if (azure_path == NULL)
        {
          sk_fake_answer_error (&answer, status, message, "invalid_request_error", NULL, NULL);
          delay_ms = 0;
        }
    }
  else if (answer.body == NULL && !plan.drop && !plan.reset &&
           !sk_fake_check_auth (soup_message_headers_get_one (request_headers, "Authorization"),
                                expected_key (self, path), &answer))
    delay_ms = 0;

  if (answer.body == NULL && !plan.drop && !plan.reset && !plan.queued)
    {
      sk_fake_faults_roll (&self->faults, g_get_monotonic_time (), self->n_in_flight,
                           self->latency_ms, &plan, &answer);
      if (plan.no_delay)
        delay_ms = 0;
    }

  if (plan.reset)
    {
      sk_fake_answer_clear (&answer);
      reset_connection (self, msg, pending);
      return;
    }

  if (plan.drop)
    {
      sk_fake_answer_clear (&answer);
      drop_connection (self, msg, pending, 0);
      return;
    }

  if (answer.body == NULL)
    answer_request (self, msg, azure_path != NULL ? azure_path : path, query, &plan, &answer);

  if (azure_path != NULL && answer.status == 200 &&
      sk_fake_azure_deletes_with_no_content (self->azure_api_version,
                                             soup_server_message_get_method (msg), azure_path))
    {
      /* older dated API versions answer a file deletion with no body */
      answer.status = 204;
      answer.length = 0;
    }

  if (plan.drop_after)
    {
      /* processed (a DELETE is applied), but the answer never arrives */
      sk_fake_answer_clear (&answer);
      drop_connection (self, msg, pending, answer.status);
      return;
    }

  if (answer.status == 200 && plan.wrong_shape)
    sk_fake_answer_wrong_shape (&answer);
  else if (answer.status == 200 && plan.malformed)
    answer.length = MAX (answer.length / 2, 1);

  /* a queued fault's delay is the test's own: it keeps its millisecond
   * hint; the limits' 429s follow the style */
  ms_hint = !(plan.limited && self->retry_after_seconds_only);
  request->status = answer.status;
  set_headers (self, soup_server_message_get_response_headers (msg), answer.retry_after_ms,
               ms_hint);
  soup_server_message_set_status (msg, answer.status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&answer.body), answer.length);

  if (delay_ms > 0)
    {
      soup_server_message_pause (msg);
      pending->timer = g_timeout_source_new (delay_ms);
      g_source_set_callback (pending->timer, unpause_cb, pending, NULL);
      g_source_attach (pending->timer, self->context);
    }
}

static void
sk_fake_openai_dispose (GObject *object)
{
  SkFakeOpenai *self = (SkFakeOpenai *) object;

  sk_fake_openai_disconnect (self);

  G_OBJECT_CLASS (sk_fake_openai_parent_class)->dispose (object);
}

static void
sk_fake_openai_finalize (GObject *object)
{
  SkFakeOpenai *self = (SkFakeOpenai *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->store, sk_fake_store_free);
  sk_fake_faults_clear (&self->faults);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->admin_key, g_free);
  g_clear_pointer (&self->azure_api_version, g_free);
  g_clear_pointer (&self->log, sk_fake_log_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (sk_fake_openai_parent_class)->finalize (object);
}

static void
sk_fake_openai_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkFakeOpenai *self = SK_FAKE_OPENAI (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_ADMIN_KEY:
      g_value_set_string (value, self->admin_key);
      break;
    case PROP_LATENCY_MS:
      g_value_set_uint (value, self->latency_ms);
      break;
    case PROP_MAX_CONCURRENT:
      g_value_set_uint (value, self->faults.max_concurrent);
      break;
    case PROP_RATE_LIMIT:
      g_value_set_double (value, sk_fake_faults_get_rate_limit (&self->faults));
      break;
    case PROP_FAIL_RATE:
      g_value_set_double (value, self->faults.fail_rate);
      break;
    case PROP_DROP_RATE:
      g_value_set_double (value, self->faults.drop_rate);
      break;
    case PROP_MALFORMED_RATE:
      g_value_set_double (value, self->faults.malformed_rate);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_STALE_COUNTS:
      g_value_set_boolean (value, self->stale_counts);
      break;
    case PROP_RETRY_AFTER_STYLE:
      g_value_set_string (value, self->retry_after_seconds_only ? "seconds" : "ms+seconds");
      break;
    case PROP_RATE_BURST:
      g_value_set_double (value, sk_fake_faults_get_rate_burst (&self->faults));
      break;
    case PROP_CAPACITY:
      g_value_set_uint (value, self->faults.capacity);
      break;
    case PROP_RESET_RATE:
      g_value_set_double (value, self->faults.reset_rate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_rate_limit (SkFakeOpenai *self,
                double        rate_limit,
                double        rate_burst,
                GParamSpec   *pspec)
{
  if (sk_fake_faults_get_rate_limit (&self->faults) == rate_limit &&
      sk_fake_faults_get_rate_burst (&self->faults) == rate_burst)
    return;

  sk_fake_faults_set_rate_limit (&self->faults, rate_limit, rate_burst);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
sk_fake_openai_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SkFakeOpenai *self = SK_FAKE_OPENAI (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      sk_object_set_string (object, &self->api_key, g_value_get_string (value), pspec);
      break;
    case PROP_ADMIN_KEY:
      sk_object_set_string (object, &self->admin_key, g_value_get_string (value), pspec);
      break;
    case PROP_LATENCY_MS:
      sk_object_set_uint (object, &self->latency_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_MAX_CONCURRENT:
      sk_object_set_uint (object, &self->faults.max_concurrent, g_value_get_uint (value), pspec);
      break;
    case PROP_RATE_LIMIT:
      set_rate_limit (self, g_value_get_double (value),
                      sk_fake_faults_get_rate_burst (&self->faults), pspec);
      break;
    case PROP_FAIL_RATE:
      sk_object_set_double (object, &self->faults.fail_rate, g_value_get_double (value), pspec);
      break;
    case PROP_DROP_RATE:
      sk_object_set_double (object, &self->faults.drop_rate, g_value_get_double (value), pspec);
      break;
    case PROP_MALFORMED_RATE:
      sk_object_set_double (object, &self->faults.malformed_rate, g_value_get_double (value),
                            pspec);
      break;
    case PROP_SEED:
      if (self->seed != g_value_get_uint (value))
        {
          self->seed = g_value_get_uint (value);
          sk_fake_faults_set_seed (&self->faults, self->seed);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STALE_COUNTS:
      sk_object_set_boolean (object, &self->stale_counts, g_value_get_boolean (value), pspec);
      break;
    case PROP_RATE_BURST:
      set_rate_limit (self, sk_fake_faults_get_rate_limit (&self->faults),
                      g_value_get_double (value), pspec);
      break;
    case PROP_CAPACITY:
      sk_object_set_uint (object, &self->faults.capacity, g_value_get_uint (value), pspec);
      break;
    case PROP_RESET_RATE:
      sk_object_set_double (object, &self->faults.reset_rate, g_value_get_double (value), pspec);
      break;
    case PROP_RETRY_AFTER_STYLE:
      {
        const char *style = g_value_get_string (value);
        gboolean seconds_only;

        if (style != NULL && !g_str_equal (style, "seconds") && !g_str_equal (style, "ms+seconds"))
          {
            g_warning ("Unknown retry-after-style “%s” (use “seconds” or “ms+seconds”)", style);
            break;
          }
        seconds_only = g_strcmp0 (style, "seconds") == 0;
        sk_object_set_boolean (object, &self->retry_after_seconds_only, seconds_only, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_fake_openai_class_init (SkFakeOpenaiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sk_fake_openai_dispose;
  object_class->finalize = sk_fake_openai_finalize;
  object_class->get_property = sk_fake_openai_get_property;
  object_class->set_property = sk_fake_openai_set_property;

  /**
   * SkFakeOpenai:api-key:
   *
   * The bearer key accepted; %NULL accepts any non-empty key.
   */
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL, rw);

  /**
   * SkFakeOpenai:admin-key:
   *
   * The only bearer key the organization's reports (usage of the vector
   * stores, costs) accept; %NULL: they accept none. The account's routes
   * do not accept it.
   */
  properties[PROP_ADMIN_KEY] =
    g_param_spec_string ("admin-key", NULL, NULL, NULL, rw);

  /**
   * SkFakeOpenai:latency-ms:
   *
   * How long each answer is delayed (by a timer, not a sleep).
   */
  properties[PROP_LATENCY_MS] =
    g_param_spec_uint ("latency-ms", NULL, NULL, 0, 600000, 0, rw);

  /**
   * SkFakeOpenai:max-concurrent:
   *
   * Requests beyond this many in flight get a 429 with a retry delay
   * (the latency, in the style of #SkFakeOpenai:retry-after-style);
   * 0 is unlimited.
   */
  properties[PROP_MAX_CONCURRENT] =
    g_param_spec_uint ("max-concurrent", NULL, NULL, 0, G_MAXUINT, 0, rw);

  /**
   * SkFakeOpenai:rate-limit:
   *
   * Requests per second let through by a token bucket; the excess gets a
   * 429 with Retry-After (seconds, and retry-after-ms in the "ms+seconds"
   * #SkFakeOpenai:retry-after-style). 0 is unlimited.
   */
  properties[PROP_RATE_LIMIT] =
    g_param_spec_double ("rate-limit", NULL, NULL, 0, G_MAXDOUBLE, 0, rw);

  /**
   * SkFakeOpenai:fail-rate:
   *
   * The fraction of requests answered 500 with an OpenAI error body.
   */
  properties[PROP_FAIL_RATE] =
    g_param_spec_double ("fail-rate", NULL, NULL, 0, 1, 0, rw);

  /**
   * SkFakeOpenai:drop-rate:
   *
   * The fraction of requests whose connection is closed with no answer:
   * after an answer head whose body never comes, since with no byte at all
   * SoupSession would silently send the request again.
   */
  properties[PROP_DROP_RATE] =
    g_param_spec_double ("drop-rate", NULL, NULL, 0, 1, 0, rw);

  /**
   * SkFakeOpenai:malformed-rate:
   *
   * The fraction of successful answers whose body is cut in half.
   */
  properties[PROP_MALFORMED_RATE] =
    g_param_spec_double ("malformed-rate", NULL, NULL, 0, 1, 0, rw);

  /**
   * SkFakeOpenai:seed:
   *
   * The seed of the fault dice (and of the request ids).
   */
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT, 0, rw);

  /**
   * SkFakeOpenai:port:
   *
   * The port listened on, once sk_fake_openai_listen() succeeded.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SkFakeOpenai:stale-counts:
   *
   * Deleting a file leaves the file_counts of its stores as they were, as
   * the real API's counts sometimes are.
   */
  properties[PROP_STALE_COUNTS] =
    g_param_spec_boolean ("stale-counts", NULL, NULL, FALSE, rw);

  /**
   * SkFakeOpenai:rate-burst:
   *
   * How many seconds of #SkFakeOpenai:rate-limit the bucket holds (at
   * least one request).
   */
  properties[PROP_RATE_BURST] =
    g_param_spec_double ("rate-burst", NULL, NULL, 0.001, 3600, 1, rw);

  /**
   * SkFakeOpenai:retry-after-style:
   *
   * The delay headers of the 429s of #SkFakeOpenai:max-concurrent and
   * #SkFakeOpenai:rate-limit: "seconds" (the default) sends only the
   * integer `Retry-After` (rounded up to whole seconds, at least 1), as the
   * real API does; "ms+seconds" adds the millisecond hint
   * `retry-after-ms`. A queued 429 with a delay always sends both.
   */
  properties[PROP_RETRY_AFTER_STYLE] =
    g_param_spec_string ("retry-after-style", NULL, NULL, "seconds", rw);

  /**
   * SkFakeOpenai:capacity:
   *
   * How many requests the server answers in #SkFakeOpenai:latency-ms;
   * beyond that many in flight, the latency of a new request grows in
   * proportion (n_in_flight / capacity). 0: the latency never grows.
   */
  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0, rw);

  /**
   * SkFakeOpenai:reset-rate:
   *
   * The fraction of requests whose connection is reset before any byte of
   * the answer, without being processed (unlike #SkFakeOpenai:drop-rate,
   * which sends the head of an answer first).
   */
  properties[PROP_RESET_RATE] =
    g_param_spec_double ("reset-rate", NULL, NULL, 0, 1, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_fake_openai_init (SkFakeOpenai *self)
{
  self->store = sk_fake_store_new ();
  sk_fake_faults_init (&self->faults);
  self->log = sk_fake_log_new ();
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, pending_free);
  self->retry_after_seconds_only = TRUE;
}

SkFakeOpenai *
sk_fake_openai_new (void)
{
  return g_object_new (SK_TYPE_FAKE_OPENAI, NULL);
}

gboolean
sk_fake_openai_listen (SkFakeOpenai  *self,
                       guint          port,
                       GError       **error)
{
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (SoupServer) server = NULL;
  GSList *listeners;

  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "storekeeper-fake-openai", NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  g_signal_connect (server, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (server, "request-aborted", G_CALLBACK (request_done_cb), self);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  /* not soup_server_get_uris (): libsoup 3.2 leaks an address there */
  listeners = soup_server_get_listeners (server);
  if (listeners != NULL)
    {
      g_autoptr (GSocketAddress) local = g_socket_get_local_address (listeners->data, error);

      g_slist_free (listeners);
      if (local == NULL)
        return FALSE;
      self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->server = g_steal_pointer (&server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

void
sk_fake_openai_disconnect (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  if (self->server == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->server, self);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  if (self->pending != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        pending_finish (value);
      g_hash_table_remove_all (self->pending);
    }
}

guint
sk_fake_openai_get_port (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->port;
}

char *
sk_fake_openai_dup_base_url (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/v1", self->port);
}

/* The account data the server answers from (see sk-fake-openai-data.c). */
SkFakeStore *
_sk_fake_openai_get_store (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return self->store;
}

void
sk_fake_openai_queue_fault (SkFakeOpenai    *self,
                            const char      *path_prefix,
                            SkFakeFaultKind  kind,
                            guint            status,
                            int              retry_after_ms)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));
  g_return_if_fail (kind <= SK_FAKE_FAULT_RESET);

  sk_fake_faults_queue (&self->faults, path_prefix, kind, status, retry_after_ms);
}

const GPtrArray *
sk_fake_openai_get_requests (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), NULL);

  return sk_fake_log_get_requests (self->log);
}

guint
sk_fake_openai_count_requests (SkFakeOpenai *self,
                               const char   *method,
                               const char   *path_prefix)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return sk_fake_log_count (self->log, method, path_prefix);
}

guint
sk_fake_openai_count_deleted (SkFakeOpenai *self,
                              const char   *path)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  return sk_fake_log_count_deleted (self->log, path);
}

guint
sk_fake_openai_get_n_in_flight (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->n_in_flight;
}

guint
sk_fake_openai_get_peak_in_flight (SkFakeOpenai *self)
{
  g_return_val_if_fail (SK_IS_FAKE_OPENAI (self), 0);

  return self->peak_in_flight;
}

void
sk_fake_openai_reset_log (SkFakeOpenai *self)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  /* log entries are only written while their request is being handled */
  sk_fake_log_reset (self->log);
  self->peak_in_flight = self->n_in_flight;
}

/**
 * sk_fake_openai_set_azure:
 * @azure: whether to play an Azure OpenAI resource
 * @api_version: (nullable): the `api-version` every request must carry
 *
 * In Azure mode, every request must carry the key in the `api-key` header
 * (not `Authorization`), its path must start with `/openai/v1` (`/openai`
 * when @api_version is dated) and its query carry `api-version` when
 * @api_version is not %NULL. A file DELETE of a dated @api_version before
 * 2024-10-21 is answered 204 with no body.
 */
void
sk_fake_openai_set_azure (SkFakeOpenai *self,
                          gboolean      azure,
                          const char   *api_version)
{
  g_return_if_fail (SK_IS_FAKE_OPENAI (self));

  self->azure = azure;
  g_free (self->azure_api_version);
  self->azure_api_version = g_strdup (api_version);
}
