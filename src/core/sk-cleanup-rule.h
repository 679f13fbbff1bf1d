/* sk-cleanup-rule.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sk-file.h"
#include "sk-usage-index.h"
#include "sk-vector-store.h"

G_BEGIN_DECLS

typedef enum
{
  SK_CLEANUP_FILES,
  SK_CLEANUP_VECTOR_STORES,
} SkCleanupTarget;

/**
 * SkCleanupUse:
 * @SK_CLEANUP_USE_ANY: not a criterion
 * @SK_CLEANUP_USE_USED: files: a store holds it or a running batch or job
 *   reads it; stores: it holds files
 * @SK_CLEANUP_USE_UNUSED: the opposite (stores: empty)
 */
typedef enum
{
  SK_CLEANUP_USE_ANY,
  SK_CLEANUP_USE_USED,
  SK_CLEANUP_USE_UNUSED,
} SkCleanupUse;

/**
 * SkCleanupRule:
 * @name: how the rule is saved and called
 * @target: files or vector stores
 * @purposes: (nullable): files: any of these purposes; %NULL: any
 * @older_than_days: created more than that many days ago; 0: any age
 * @min_bytes: at least that size (stores: usage_bytes); 0: no minimum
 * @max_bytes: at most that size; 0: no maximum
 * @status: (nullable): exactly this status; %NULL: any
 * @name_glob: (nullable): the filename, or the store's name, matches this
 *   glob (`*` and `?`); %NULL: any
 * @expired: files past their expiry date; stores whose status is "expired"
 * @expiring_within_days: expiring in the next that many days, not yet
 *   expired; 0: not a criterion
 * @use: used or unused (see #SkCleanupUse)
 * @inactive_days: stores last active more than that many days ago; 0: any
 *
 * A selection of files or vector stores: an item matches when it meets
 * every criterion set. A use criterion never matches while the usage is
 * not known.
 */
typedef struct
{
  char            *name;
  SkCleanupTarget  target;
  GStrv            purposes;
  guint            older_than_days;
  gint64           min_bytes;
  gint64           max_bytes;
  char            *status;
  char            *name_glob;
  gboolean         expired;
  guint            expiring_within_days;
  SkCleanupUse     use;
  guint            inactive_days;
} SkCleanupRule;

SkCleanupRule *sk_cleanup_rule_new            (const char           *name,
                                               SkCleanupTarget       target);
void           sk_cleanup_rule_free           (SkCleanupRule        *rule);
gboolean       sk_cleanup_rule_matches_file   (const SkCleanupRule  *rule,
                                               SkFile               *file,
                                               SkUsageIndex         *usage,
                                               gint64                now);
gboolean       sk_cleanup_rule_matches_store  (const SkCleanupRule  *rule,
                                               SkVectorStore        *store,
                                               gint64                now);
JsonNode      *sk_cleanup_rule_to_json        (const SkCleanupRule  *rule);
SkCleanupRule *sk_cleanup_rule_new_from_json  (JsonNode             *node,
                                               GError              **error);

/* The starting rules: batch files older than 30 days, files in no vector
 * store, expired vector stores, empty vector stores (element-type
 * SkCleanupRule, transfer full). */
GPtrArray     *sk_cleanup_rules_builtin       (void);
/* A JSON file {"rules": [...]}; a file that does not exist gives the
 * built-in rules. */
GPtrArray     *sk_cleanup_rules_load          (const char           *path,
                                               GError              **error);
gboolean       sk_cleanup_rules_save          (GPtrArray            *rules,
                                               const char           *path,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkCleanupRule, sk_cleanup_rule_free)

G_END_DECLS
