/* sk-rule-cli.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `storekeeper --rule NAME --dry-run|--yes [--json] [--demo]`: prints what
 * a cleanup rule selects, or deletes it. Returns the exit status: 0 when
 * everything went, 1 when anything failed, 2 for a usage error. */
int sk_rule_cli_main (int    argc,
                      char **argv);

G_END_DECLS
