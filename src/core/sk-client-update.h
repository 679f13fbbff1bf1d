/* sk-client-update.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-client.h"

G_BEGIN_DECLS

/* For the bulk engine: sk_client_set_vector_store_expiry_async() with a
 * second cancellable, @stop: once it is cancelled, no new attempt starts
 * (a request waiting for the rate-limit gate or a backoff ends at once
 * with G_IO_ERROR_CANCELLED; an attempt on the wire goes on and its answer
 * is the result). Finish with sk_client_set_vector_store_expiry_finish(). */
void      sk_client_set_vector_store_expiry_with_stop_async (SkClient            *self,
                                                             const char          *vector_store_id,
                                                             guint                days,
                                                             GCancellable        *cancellable,
                                                             GCancellable        *stop,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
/* About the result of an expiry call, after its _finish:
 * - maybe_processed: an attempt ended with no clear answer (a timeout, a
 *   connection lost once the request may have been sent, a 5xx, a
 *   cancellation on the wire): a failed call may still have changed it.
 * - retry_after_ms: the server's delay in its last answer, -1 when none. */
gboolean  sk_client_update_result_maybe_processed  (GAsyncResult *result);
gint64    sk_client_update_result_get_retry_after_ms (GAsyncResult *result);

G_END_DECLS
