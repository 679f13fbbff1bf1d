/* sk-test-keyring.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE in the test process that runs under its own keyring */
gboolean sk_test_keyring_is_child (void);
/* Runs the test again (@argv) under `dbus-run-session` with a
 * gnome-keyring-daemon unlocked on a throw-away keyring in a temporary
 * HOME, and returns its exit status; prints a TAP skip and returns 0 when
 * those programs are absent. */
int      sk_test_keyring_run      (int    argc,
                                   char **argv);
/* The same with the application's settings schema from the source tree
 * (GSETTINGS_SCHEMA_DIR) and the memory settings backend */
int      sk_test_keyring_run_with_schema (int    argc,
                                          char **argv);

G_END_DECLS
