/* sk-local-handlers-delete.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-handlers.h"

#include "sk-bulk-delete.h"
#include "sk-error.h"
#include "sk-local-reply.h"
#include "sk-report.h"

/* The deletions: DELETE /files, /vector_stores, /vector_stores/with-files
 * (bulk, through the engine the window uses) and
 * /vector_stores/{vector_store_id}/files/{file_id} (one detach). Each is
 * recorded in the server's journal, when it has one: the intent before
 * the first request, each outcome, the end. A journal that cannot be
 * written does not stop a deletion (no one can be asked): the log line
 * says so. */

/* Adds @text to the note of the log line of @req */
static void
add_note (SkLocalRequest *req,
          const char     *text)
{
  SkLocalMsgInfo *info = sk_local_msg_info_get (req->msg);
  char *note;

  if (info == NULL)
    return;
  note = info->note != NULL ? g_strconcat (info->note, "; ", text, NULL) : g_strdup (text);
  g_free (info->note);
  info->note = note;
}

static void
journal_failed (SkLocalRequest *req,
                const GError   *error)
{
  g_autofree char *text = g_strdup_printf ("not journaled: %s", error->message);

  add_note (req, text);
}

static void
tracker_write_failed_cb (SkJournalTracker *tracker,
                         const GError     *error,
                         SkLocalRequest   *req)
{
  journal_failed (req, error);
}

/* Writes the intent of the deletion of @ids (NULL-terminated) by @req */
static void
begin_journal (SkLocalCall        *call,
               SkLocalRequest     *req,
               SkJournalKind       kind,
               const char * const *ids,
               const char         *store_id)
{
  g_autoptr (GError) error = NULL;

  if (call->hub->journal == NULL)
    return;
  req->tracker = sk_journal_tracker_begin (call->hub->journal, call->account, kind, SK_JOURNAL_ORIGIN_LOCAL_API,
                                           ids, store_id, NULL, NULL, &error);
  if (req->tracker == NULL)
    {
      journal_failed (req, error);
      return;
    }
  /* the request outlives the tracker's signals: it frees it */
  g_signal_connect (req->tracker, "write-failed", G_CALLBACK (tracker_write_failed_cb), req);
}

static void
end_journal (SkLocalRequest *req,
             gboolean        ran)
{
  g_autoptr (GError) error = NULL;
  SkJournalEnd end;

  if (req->tracker == NULL)
    return;
  if (!ran)
    end = SK_JOURNAL_END_ERROR;
  else if (g_cancellable_is_cancelled (req->cancellable))
    end = SK_JOURNAL_END_CANCELLED;
  else
    end = SK_JOURNAL_END_COMPLETED;
  if (!sk_journal_tracker_end (req->tracker, end, &error) && sk_journal_tracker_get_error (req->tracker) == NULL)
    journal_failed (req, error);
}

/* The IDs of the body of @call under @key, NULL-terminated; NULL after
 * answering 413 or 422. */
static GPtrArray *
read_ids_body (SkLocalCall *call,
               const char  *key,
               gboolean    *delete_files)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *detail = NULL;
  GPtrArray *ids;
  guint status = 0;
  gconstpointer data;
  gsize length;

  body = soup_message_body_flatten (soup_server_message_get_request_body (call->msg));
  data = g_bytes_get_data (body, &length);

  ids = sk_local_parse_ids_body (data, length, key, delete_files, &status, &detail);
  if (ids == NULL)
    {
      sk_local_reply_error (call->msg, status, detail);
      return NULL;
    }

  g_ptr_array_add (ids, NULL);
  return ids;
}

static void
reply_empty_report (SoupServerMessage *msg,
                    gboolean           with_files)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  const char *names[] = { "success", "failed" };
  const char *with_files_names[] = { "vector_stores_deleted", "vector_stores_failed",
                                     "files_deleted", "files_failed" };
  const char **members = with_files ? with_files_names : names;
  guint n = with_files ? G_N_ELEMENTS (with_files_names) : G_N_ELEMENTS (names);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, members[i]);
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  if (with_files)
    {
      json_builder_set_member_name (builder, "total_files_found");
      json_builder_add_int_value (builder, 0);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  sk_local_reply_json (msg, 200, node);
}

/* The IDs of a bulk body, NULL-terminated, to delete; NULL after
 * answering an error, or at once the empty report of an empty list.
 * @delete_files is not NULL for DELETE /vector_stores/with-files. */
static GPtrArray *
take_bulk_ids (SkLocalCall *call,
               const char  *key,
               gboolean    *delete_files)
{
  GPtrArray *ids = read_ids_body (call, key, delete_files);

  if (ids != NULL && ids->len == 1)
    {
      reply_empty_report (call->msg, delete_files != NULL);
      g_ptr_array_unref (ids);
      return NULL;
    }

  return ids;
}

static void
add_counts (SkBulkDelete *job,
            guint        *deleted,
            guint        *failed,
            guint        *cancelled)
{
  if (job == NULL)
    return;
  *deleted += sk_bulk_delete_get_n_succeeded (job);
  *failed += sk_bulk_delete_get_n_failed (job);
  *cancelled += sk_bulk_delete_get_n_cancelled (job);
}

/* What a deletion did, for the log line of a caller who left or of a
 * server that stopped. */
static void
note_bulk_outcome (SkLocalRequest *req,
                   SkBulkDelete   *stores_job,
                   SkBulkDelete   *files_job)
{
  SkLocalMsgInfo *info = sk_local_msg_info_get (req->msg);
  guint deleted = 0, failed = 0, cancelled = 0;
  g_autoptr (GString) note = NULL;

  if (info == NULL || (!req->client_gone && !req->hub->stopping))
    return;

  add_counts (stores_job, &deleted, &failed, &cancelled);
  add_counts (files_job, &deleted, &failed, &cancelled);

  note = g_string_new (NULL);
  if (req->client_gone)
    g_string_append (note, "client gone; ");
  if (req->hub->stopping)
    g_string_append (note, req->stop_cancelled
                             ? "server stopping, cancelled after the grace period; "
                             : "server stopping; ");
  g_string_append_printf (note, "%u deleted, %u failed", deleted, failed);
  if (cancelled > 0)
    g_string_append_printf (note, ", %u cancelled", cancelled);

  g_free (info->note);
  info->note = g_string_free (g_steal_pointer (&note), FALSE);
}

static void
add_job_members (JsonBuilder  *builder,
                 SkBulkDelete *job,
                 const char   *success_member,
                 const char   *failed_member)
{
  if (job != NULL)
    {
      sk_report_add_members (builder, sk_bulk_delete_get_results (job),
                             success_member, failed_member);
      return;
    }

  json_builder_set_member_name (builder, success_member);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, failed_member);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static void
bulk_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  SkBulkDelete *job = SK_BULK_DELETE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!sk_bulk_delete_run_finish (job, result, &error))
    {
      end_journal (req, FALSE);
      sk_local_request_fail (req, error);
      return;
    }

  end_journal (req, TRUE);
  note_bulk_outcome (req, job, NULL);
  node = sk_report_to_json_node (sk_bulk_delete_get_results (job));
  sk_local_request_reply (req, 200, node);
}

static void
stores_job_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  SkBulkStoresJob *job = SK_BULK_STORES_JOB (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!sk_bulk_stores_job_run_finish (job, result, &error))
    {
      end_journal (req, FALSE);
      sk_local_request_fail (req, error);
      return;
    }

  end_journal (req, TRUE);
  note_bulk_outcome (req, sk_bulk_stores_job_get_stores_job (job),
                     sk_bulk_stores_job_get_files_job (job));
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_job_members (builder, sk_bulk_stores_job_get_stores_job (job),
                   "vector_stores_deleted", "vector_stores_failed");
  add_job_members (builder, sk_bulk_stores_job_get_files_job (job),
                   "files_deleted", "files_failed");
  json_builder_set_member_name (builder, "total_files_found");
  json_builder_add_int_value (builder, sk_bulk_stores_job_get_total_files_found (job));
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  sk_local_request_reply (req, 200, node);
}

static void
detach_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SkLocalRequest *req = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  gboolean deleted;

  deleted = sk_client_detach_file_finish (SK_CLIENT (source), result, &error);
  if (req->tracker != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sk_journal_tracker_record_outcome (req->tracker, req->file_id, SK_OUTCOME_CANCELLED, 0, NULL);
      else
        sk_journal_tracker_record_outcome (req->tracker, req->file_id,
                                           error == NULL ? SK_OUTCOME_DELETED : SK_OUTCOME_FAILED,
                                           error != NULL ? sk_client_error_get_status (error) : 0,
                                           error != NULL ? error->message : NULL);
      end_journal (req, TRUE);
    }
  if (error != NULL)
    {
      sk_local_request_fail (req, error);
      return;
    }

  node = sk_client_delete_result_get_json (result);
  if (node == NULL)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, req->file_id);
      json_builder_set_member_name (builder, "object");
      json_builder_add_string_value (builder, "vector_store.file.deleted");
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, deleted);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
    }

  sk_local_request_reply (req, 200, node);
}

/* DELETE /files and DELETE /vector_stores: one bulk job over the IDs of
 * the body. */
static void
delete_bulk (SkLocalCall *call,
             const char  *ids_key,
             SkBulkKind   kind)
{
  g_autoptr (GPtrArray) ids = NULL;
  SkLocalRequest *req;
  SkBulkDelete *job;

  ids = take_bulk_ids (call, ids_key, NULL);
  if (ids == NULL)
    return;

  req = sk_local_request_new (call, TRUE);
  job = sk_bulk_delete_new (req->client, kind, NULL, (const char * const *) ids->pdata);
  req->job = G_OBJECT (job);
  sk_bulk_delete_set_max_in_flight (job, call->hub->max_in_flight);
  begin_journal (call, req, kind == SK_BULK_DELETE_FILES ? SK_JOURNAL_KIND_FILES : SK_JOURNAL_KIND_VECTOR_STORES,
                 (const char * const *) ids->pdata, NULL);
  if (req->tracker != NULL)
    sk_journal_tracker_track (req->tracker, job);
  sk_bulk_delete_run_async (job, req->cancellable, bulk_cb, req);
}

/* DELETE /files */
void
sk_local_handle_delete_files (SkLocalCall *call)
{
  delete_bulk (call, "file_ids", SK_BULK_DELETE_FILES);
}

/* DELETE /vector_stores */
void
sk_local_handle_delete_stores (SkLocalCall *call)
{
  delete_bulk (call, "vector_store_ids", SK_BULK_DELETE_VECTOR_STORES);
}

/* DELETE /vector_stores/with-files */
void
sk_local_handle_delete_stores_files (SkLocalCall *call)
{
  g_autoptr (GPtrArray) ids = NULL;
  gboolean delete_files = TRUE;
  SkLocalRequest *req;
  SkBulkStoresJob *job;

  ids = take_bulk_ids (call, "vector_store_ids", &delete_files);
  if (ids == NULL)
    return;

  req = sk_local_request_new (call, TRUE);
  job = sk_bulk_stores_job_new (req->client, (const char * const *) ids->pdata,
                                delete_files ? SK_STORE_FILES_DELETE_ALL : SK_STORE_FILES_KEEP);
  req->job = G_OBJECT (job);
  sk_bulk_stores_job_set_max_in_flight (job, call->hub->max_in_flight);
  begin_journal (call, req, delete_files ? SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES : SK_JOURNAL_KIND_VECTOR_STORES,
                 (const char * const *) ids->pdata, NULL);
  if (req->tracker != NULL)
    sk_journal_tracker_track_stores (req->tracker, job);
  sk_bulk_stores_job_run_async (job, req->cancellable, stores_job_cb, req);
}

/* DELETE /vector_stores/{vector_store_id}/files/{file_id} */
void
sk_local_handle_detach_file (SkLocalCall *call)
{
  SkLocalRequest *req;

  if (!sk_local_call_check_ids (call))
    return;

  req = sk_local_request_new (call, FALSE);
  begin_journal (call, req, SK_JOURNAL_KIND_DETACH, (const char * const []) { req->file_id, NULL },
                 req->vector_store_id);
  if (req->tracker != NULL)
    sk_journal_tracker_record_sent (req->tracker, req->file_id);
  sk_client_detach_file_async (req->client, req->vector_store_id, req->file_id,
                               req->cancellable, detach_cb, req);
}
