/* sk-local-handlers.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-local-request.h"

G_BEGIN_DECLS

/* The handlers of the route table, one per method and path. Each answers
 * its call, at once or (through an SkLocalRequest) once OpenAI answered. */

/* sk-local-handlers-docs.c: what needs no OpenAI */
void sk_local_handle_index              (SkLocalCall *call);
void sk_local_handle_health             (SkLocalCall *call);
void sk_local_handle_openapi            (SkLocalCall *call);
void sk_local_handle_docs               (SkLocalCall *call);
void sk_local_handle_docs_asset         (SkLocalCall *call);

/* sk-local-handlers-list.c: the lists */
void sk_local_handle_list_files         (SkLocalCall *call);
void sk_local_handle_list_orphans       (SkLocalCall *call);
void sk_local_handle_list_stores        (SkLocalCall *call);
void sk_local_handle_list_store_files   (SkLocalCall *call);

/* sk-local-handlers-delete.c: the deletions */
void sk_local_handle_delete_files       (SkLocalCall *call);
void sk_local_handle_delete_stores      (SkLocalCall *call);
void sk_local_handle_delete_stores_files (SkLocalCall *call);
void sk_local_handle_detach_file        (SkLocalCall *call);

G_END_DECLS
