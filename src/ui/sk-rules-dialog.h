/* sk-rules-dialog.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sk-cleanup-rule.h"
#include "sk-rule-editor.h"

G_BEGIN_DECLS

#define SK_TYPE_RULES_DIALOG (sk_rules_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SkRulesDialog, sk_rules_dialog, SK, RULES_DIALOG, AdwWindow)

SkRulesDialog *sk_rules_dialog_new        (GtkWindow     *parent,
                                           const char    *path);
/* The rules listed (element-type SkCleanupRule), owned by the dialog */
GPtrArray     *sk_rules_dialog_get_rules  (SkRulesDialog *self);
/* Emits SkRulesDialog::preview for the rule called @name, then closes */
gboolean       sk_rules_dialog_preview    (SkRulesDialog *self,
                                           const char    *name);
/* Removes the rule called @name and saves the list */
gboolean       sk_rules_dialog_remove     (SkRulesDialog *self,
                                           const char    *name,
                                           GError       **error);
/* Opens the editor of the rule called @name (NULL: a new rule) */
SkRuleEditor  *sk_rules_dialog_edit       (SkRulesDialog *self,
                                           const char    *name);

G_END_DECLS
