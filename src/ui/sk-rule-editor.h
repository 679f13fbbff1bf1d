/* sk-rule-editor.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-cleanup-rule.h"

G_BEGIN_DECLS

#define SK_TYPE_RULE_EDITOR (sk_rule_editor_get_type ())
G_DECLARE_FINAL_TYPE (SkRuleEditor, sk_rule_editor, SK, RULE_EDITOR, AdwWindow)

SkRuleEditor  *sk_rule_editor_new       (GtkWindow           *parent,
                                         const SkCleanupRule *rule);
void           sk_rule_editor_set_rule  (SkRuleEditor        *self,
                                         const SkCleanupRule *rule);
SkCleanupRule *sk_rule_editor_dup_rule  (SkRuleEditor        *self);
/* Emits SkRuleEditor::save with the rule as edited, when it has a name */
gboolean       sk_rule_editor_save      (SkRuleEditor        *self);

G_END_DECLS
