/* sk-serve.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `storekeeper --serve [--port N] [--host ADDR] [--demo | --account NAME]`: the local API on
 * a plain GMainLoop, no GTK. Returns the exit status. */
int sk_serve_main (int    argc,
                   char **argv);

G_END_DECLS
