/* sk-local-server.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sk-provider.h"
#include <gio/gio.h>

G_BEGIN_DECLS

#define SK_TYPE_LOCAL_SERVER (sk_local_server_get_type ())
G_DECLARE_FINAL_TYPE (SkLocalServer, sk_local_server, SK, LOCAL_SERVER, GObject)

SkLocalServer *sk_local_server_new               (void);
gboolean       sk_local_server_start             (SkLocalServer        *self,
                                                  GError              **error);
void           sk_local_server_stop_async        (SkLocalServer        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       sk_local_server_stop_finish       (SkLocalServer        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           sk_local_server_stop              (SkLocalServer        *self);
gboolean       sk_local_server_get_running       (SkLocalServer        *self);
guint          sk_local_server_get_port          (SkLocalServer        *self);
char          *sk_local_server_dup_url           (SkLocalServer        *self);
const char    *sk_local_server_get_local_token   (SkLocalServer        *self);
void           sk_local_server_regenerate_token  (SkLocalServer        *self);
void           sk_local_server_set_account_key   (SkLocalServer        *self,
                                                  const char           *api_key);
void           sk_local_server_set_account_service (SkLocalServer      *self,
                                                  const char           *url,
                                                  SkProvider            provider,
                                                  const char           *api_version);

G_END_DECLS
