/* sk-rule-cli.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `storekeeper --rule NAME --dry-run [--json] [--demo]`: prints what a
 * cleanup rule selects. Returns the exit status. */
int sk_rule_cli_main (int    argc,
                      char **argv);

G_END_DECLS
