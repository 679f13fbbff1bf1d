/* sk-bulk-outcome.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a bulk job concludes from the end of one request, as pure
 * functions of the error and the ID's history.
 *
 * Rate limits: an ID whose request still ends in a 429 after the client's
 * own retries goes back to the front of the queue (at most
 * SK_BULK_MAX_REQUEUES times), so a rate-limited account finishes with no
 * failures; but when the server asked for a delay longer than the client
 * waits (the client then returns at once), the ID fails with the server's
 * message and the delay instead of being sent again right away.
 * insufficient_quota fails at once: waiting does not help.
 *
 * Ambiguous attempts: an attempt that got no clear answer (timeout,
 * connection lost after sending, 5xx) may have deleted the object. A later
 * 404 for that ID (from the client's own retry, or from a re-queued
 * request) then means "already gone after a retry": DELETED, with a
 * message saying so. A 404 on the first attempt stays FAILED 404.
 *
 * Cancellation: a request stopped while it waited inside the client (for
 * the rate-limit gate or a backoff: not on the wire) ends CANCELLED ("not
 * deleted") unless one of its earlier attempts was ambiguous, then FAILED,
 * status 0, "may or may not have been deleted". A 429 (or another 4xx)
 * answer is unambiguous: nothing was deleted.
 *
 * Updates (SK_BULK_STORE_EXPIRY) follow the same rules, except that a 404
 * is always a failure (an attempt that changed a store does not make it
 * go), and their messages say "changed".
 */

#include "config.h"

#include "sk-bulk-outcome.h"

#include "sk-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>

static const char *
maybe_deleted_message (void)
{
  return _("Cancelled while the request was in flight; it may or may not have been deleted.");
}

static const char *
maybe_changed_message (void)
{
  return _("Cancelled while the request was in flight; it may or may not have been changed.");
}

static const char *
maybe_done_message (SkBulkKind kind)
{
  return sk_bulk_kind_is_deletion (kind) ? maybe_deleted_message () : maybe_changed_message ();
}

static const char *
rate_limited_cancelled_message (SkBulkKind kind)
{
  if (!sk_bulk_kind_is_deletion (kind))
    return _("Not changed: rate limited, and the job was cancelled before another try.");
  return _("Not deleted: rate limited, and the job was cancelled before another try.");
}

static const char *
waiting_cancelled_message (SkBulkKind kind)
{
  if (!sk_bulk_kind_is_deletion (kind))
    return _("Not changed: the job was cancelled while this request waited to be sent.");
  return _("Not deleted: the job was cancelled while this request waited to be sent.");
}

static void
decide (SkBulkDecision *decision,
        SkOutcome       outcome,
        guint           status_code,
        char           *message)
{
  decision->outcome = outcome;
  decision->status_code = status_code;
  decision->message = message;
}

void
sk_bulk_decision_clear (SkBulkDecision *decision)
{
  g_clear_pointer (&decision->message, g_free);
}

const char *
sk_bulk_already_gone_message (void)
{
  return _("Already gone after a retry: an earlier attempt that got no clear answer deleted it.");
}

/**
 * sk_bulk_decide_failed_request:
 * @decision: (out caller-allocates): what becomes of the ID; clear it with
 *   sk_bulk_decision_clear()
 */
void
sk_bulk_decide_failed_request (const GError   *error,
                               gboolean        ambiguous,
                               gboolean        cancelled,
                               gint64          delay_ms,
                               guint           max_delay_ms,
                               guint           requeues,
                               gboolean        has_deletion_object,
                               SkBulkDecision *decision)
{
  sk_bulk_decide_failed_for_kind (SK_BULK_DELETE_FILES, error, ambiguous, cancelled, delay_ms,
                                  max_delay_ms, requeues, has_deletion_object, decision);
}

/**
 * sk_bulk_decide_failed_for_kind:
 * @decision: (out caller-allocates): what becomes of the ID; clear it with
 *   sk_bulk_decision_clear()
 */
void
sk_bulk_decide_failed_for_kind (SkBulkKind      kind,
                                const GError   *error,
                                gboolean        ambiguous,
                                gboolean        cancelled,
                                gint64          delay_ms,
                                guint           max_delay_ms,
                                guint           requeues,
                                gboolean        has_deletion_object,
                                SkBulkDecision *decision)
{
  gboolean deletion = sk_bulk_kind_is_deletion (kind);
  gboolean rate_limited;
  g_autofree char *message = NULL;
  guint status_code = 0;

  g_return_if_fail (error != NULL);
  g_return_if_fail (decision != NULL);

  rate_limited = g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_RATE_LIMITED);

  if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_NOT_FOUND) && ambiguous && deletion)
    {
      /* An earlier request of this ID got no clear answer: it deleted it. */
      decide (decision, SK_OUTCOME_DELETED, 0, g_strdup (sk_bulk_already_gone_message ()));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !ambiguous)
    {
      /* Stopped while waiting to be sent, after clear answers only. */
      decide (decision, SK_OUTCOME_CANCELLED, 0, g_strdup (waiting_cancelled_message (kind)));
    }
  else if (rate_limited && cancelled)
    {
      if (ambiguous)
        decide (decision, SK_OUTCOME_FAILED, 0, g_strdup (maybe_done_message (kind)));
      else
        decide (decision, SK_OUTCOME_CANCELLED, 0, g_strdup (rate_limited_cancelled_message (kind)));
    }
  else if (rate_limited && delay_ms > (gint64) max_delay_ms)
    {
      /* The client did not wait that long; sending again now would only
       * get the same answer. */
      sk_bulk_describe_error (error, &status_code, &message);
      /* Translators: %s is the server's message, %.0f a number of seconds */
      decide (decision, SK_OUTCOME_FAILED, status_code,
              g_strdup_printf (_("%s (The server asked to wait %.0f s before trying again.)"),
                               message, ceil (delay_ms / 1000.0)));
    }
  else if (rate_limited && requeues < SK_BULK_MAX_REQUEUES)
    {
      /* Not done on the server: try again once the pace allows it (the
       * client's gate holds every request until the server's delay). */
      decide (decision, SK_OUTCOME_PENDING, 0, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !deletion)
    {
      /* Cancelled on the wire after the grace period */
      decide (decision, SK_OUTCOME_FAILED, 0, g_strdup (maybe_changed_message ()));
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE) &&
           sk_client_error_get_status (error) == 200 && has_deletion_object && deletion)
    {
      /* A deletion object without "deleted": true */
      decide (decision, SK_OUTCOME_FAILED, 502,
              g_strdup (_("The server did not confirm the deletion.")));
    }
  else
    {
      sk_bulk_describe_error (error, &status_code, &message);
      decide (decision, SK_OUTCOME_FAILED, status_code, g_steal_pointer (&message));
    }
}

/**
 * sk_bulk_decide_unsent:
 * @decision: (out caller-allocates): what becomes of the ID
 *
 * Never sent: CANCELLED. Sent again after 429s: not deleted, unless an
 * earlier attempt got no clear answer.
 */
void
sk_bulk_decide_unsent (guint           attempts,
                       gboolean        ambiguous,
                       SkBulkDecision *decision)
{
  sk_bulk_decide_unsent_for_kind (SK_BULK_DELETE_FILES, attempts, ambiguous, decision);
}

/**
 * sk_bulk_decide_unsent_for_kind:
 * @decision: (out caller-allocates): what becomes of the ID
 *
 * sk_bulk_decide_unsent() for a job of @kind.
 */
void
sk_bulk_decide_unsent_for_kind (SkBulkKind      kind,
                                guint           attempts,
                                gboolean        ambiguous,
                                SkBulkDecision *decision)
{
  g_return_if_fail (decision != NULL);

  if (attempts == 0)
    decide (decision, SK_OUTCOME_CANCELLED, 0, NULL);
  else if (ambiguous)
    decide (decision, SK_OUTCOME_FAILED, 0, g_strdup (maybe_done_message (kind)));
  else
    decide (decision, SK_OUTCOME_CANCELLED, 0, g_strdup (rate_limited_cancelled_message (kind)));
}

void
sk_bulk_describe_error (const GError  *error,
                        guint         *status_code,
                        char         **message)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      *status_code = 0;
      *message = g_strdup (maybe_deleted_message ());
    }
  else if (g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_INVALID_RESPONSE))
    {
      *status_code = 502;
      *message = g_strdup_printf (_("The server’s answer could not be understood (%s)."),
                                  error->message);
    }
  else if (error->domain == SK_CLIENT_ERROR)
    {
      *status_code = sk_error_to_http_status (error);
      if (error->message != NULL && error->message[0] != '\0')
        *message = g_strdup (error->message);
      else
        *message = g_strdup_printf (_("The server answered with status %u."), *status_code);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *status_code = 504;
      *message = g_strdup (_("The server did not answer in time."));
    }
  else
    {
      *status_code = sk_error_to_http_status (error);
      if (*status_code == 0 || *status_code == 499)
        *status_code = 502;
      *message = g_strdup_printf (_("No answer from the server (%s)."), error->message);
    }
}
