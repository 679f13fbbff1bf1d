/* sk-rule-editor.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-rule-editor.h"

#include "sk-a11y.h"

/* Every criterion of one cleanup rule, to fill in or change; Save hands
 * the rule to whoever opened the editor and closes it. Sizes are edited
 * in kilobytes (1,000 bytes). */

#define KB 1000

struct _SkRuleEditor
{
  AdwWindow       parent_instance;

  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  GtkDropDown    *target_dropdown;
  AdwEntryRow    *purposes_row;
  GtkSpinButton  *older_spin;
  GtkSpinButton  *min_spin;
  GtkSpinButton  *max_spin;
  AdwEntryRow    *status_row;
  AdwEntryRow    *glob_row;
  GtkSwitch      *expired_switch;
  GtkSpinButton  *expiring_spin;
  GtkDropDown    *use_dropdown;
  GtkSpinButton  *inactive_spin;
};

G_DEFINE_FINAL_TYPE (SkRuleEditor, sk_rule_editor, ADW_TYPE_WINDOW)

enum
{
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The text of @row without surrounding spaces, or NULL when empty */
static char *
dup_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (text_of (row)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "a, b ,c" -> {"a", "b", "c"}; NULL when there is none */
static GStrv
split_purposes (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, parts[i]);
      n++;
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* libadwaita 1.2 announces the field of an action row by the row's
 * title only: the subtitle ("0: any age") becomes the field's
 * description */
static void
describe_by_subtitle (GtkWidget *field)
{
  GtkWidget *row = gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW);
  const char *subtitle = row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;

  if (subtitle != NULL && *subtitle != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
name_changed_cb (SkRuleEditor *self)
{
  g_autofree char *name = dup_text_or_null (self->name_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), name != NULL);
}

static void
save_clicked_cb (SkRuleEditor *self)
{
  sk_rule_editor_save (self);
}

static void
sk_rule_editor_class_init (SkRuleEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * SkRuleEditor::save:
   * @self: the editor
   * @rule: (type gpointer): the #SkCleanupRule as edited, valid during the
   *   emission
   *
   * The user saved the rule.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storekeeper/Storekeeper/sk-rule-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, purposes_row);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, older_spin);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, min_spin);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, glob_row);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, expired_switch);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, expiring_spin);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, use_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkRuleEditor, inactive_spin);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sk_rule_editor_init (SkRuleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (name_changed_cb), self, G_CONNECT_SWAPPED);
  name_changed_cb (self);
  describe_by_subtitle (GTK_WIDGET (self->older_spin));
  describe_by_subtitle (GTK_WIDGET (self->min_spin));
  describe_by_subtitle (GTK_WIDGET (self->max_spin));
  describe_by_subtitle (GTK_WIDGET (self->expired_switch));
  describe_by_subtitle (GTK_WIDGET (self->expiring_spin));
  describe_by_subtitle (GTK_WIDGET (self->inactive_spin));
  sk_a11y_fix_names (GTK_WIDGET (self));
  /* the window's focus-widget does not reach into an AdwEntryRow */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * sk_rule_editor_new:
 * @parent: the window the editor belongs to
 * @rule: (nullable): the rule to edit; %NULL: a new rule of files
 *
 * Returns: (transfer floating): an editor showing @rule
 */
SkRuleEditor *
sk_rule_editor_new (GtkWindow           *parent,
                    const SkCleanupRule *rule)
{
  SkRuleEditor *self = g_object_new (SK_TYPE_RULE_EDITOR, "transient-for", parent, NULL);

  if (rule != NULL)
    sk_rule_editor_set_rule (self, rule);
  return self;
}

void
sk_rule_editor_set_rule (SkRuleEditor        *self,
                         const SkCleanupRule *rule)
{
  g_autofree char *purposes = NULL;

  g_return_if_fail (SK_IS_RULE_EDITOR (self));
  g_return_if_fail (rule != NULL);

  purposes = rule->purposes != NULL ? g_strjoinv (", ", rule->purposes) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rule->name ? rule->name : "");
  gtk_drop_down_set_selected (self->target_dropdown, rule->target == SK_CLEANUP_FILES ? 0 : 1);
  gtk_editable_set_text (GTK_EDITABLE (self->purposes_row), purposes);
  gtk_spin_button_set_value (self->older_spin, rule->older_than_days);
  gtk_spin_button_set_value (self->min_spin, (double) (rule->min_bytes / KB));
  gtk_spin_button_set_value (self->max_spin, (double) (rule->max_bytes / KB));
  gtk_editable_set_text (GTK_EDITABLE (self->status_row), rule->status ? rule->status : "");
  gtk_editable_set_text (GTK_EDITABLE (self->glob_row), rule->name_glob ? rule->name_glob : "");
  gtk_switch_set_active (self->expired_switch, rule->expired);
  gtk_spin_button_set_value (self->expiring_spin, rule->expiring_within_days);
  gtk_drop_down_set_selected (self->use_dropdown, rule->use);
  gtk_spin_button_set_value (self->inactive_spin, rule->inactive_days);
}

/**
 * sk_rule_editor_dup_rule:
 * @self: an editor
 *
 * Returns: (transfer full) (nullable): the rule as edited, or %NULL while
 *   it has no name
 */
SkCleanupRule *
sk_rule_editor_dup_rule (SkRuleEditor *self)
{
  g_autofree char *name = NULL;
  SkCleanupRule *rule;
  guint use;

  g_return_val_if_fail (SK_IS_RULE_EDITOR (self), NULL);

  name = dup_text_or_null (self->name_row);
  if (name == NULL)
    return NULL;
  rule = sk_cleanup_rule_new (name, gtk_drop_down_get_selected (self->target_dropdown) == 1 ? SK_CLEANUP_VECTOR_STORES
                                                                                     : SK_CLEANUP_FILES);
  rule->purposes = split_purposes (text_of (self->purposes_row));
  rule->older_than_days = gtk_spin_button_get_value_as_int (self->older_spin);
  rule->min_bytes = (gint64) gtk_spin_button_get_value_as_int (self->min_spin) * KB;
  rule->max_bytes = (gint64) gtk_spin_button_get_value_as_int (self->max_spin) * KB;
  rule->status = dup_text_or_null (self->status_row);
  rule->name_glob = dup_text_or_null (self->glob_row);
  rule->expired = gtk_switch_get_active (self->expired_switch);
  rule->expiring_within_days = gtk_spin_button_get_value_as_int (self->expiring_spin);
  use = gtk_drop_down_get_selected (self->use_dropdown);
  rule->use = use <= SK_CLEANUP_USE_UNUSED ? (SkCleanupUse) use : SK_CLEANUP_USE_ANY;
  rule->inactive_days = gtk_spin_button_get_value_as_int (self->inactive_spin);
  return rule;
}

gboolean
sk_rule_editor_save (SkRuleEditor *self)
{
  g_autoptr (SkCleanupRule) rule = NULL;

  g_return_val_if_fail (SK_IS_RULE_EDITOR (self), FALSE);

  rule = sk_rule_editor_dup_rule (self);
  if (rule == NULL)
    return FALSE;
  g_signal_emit (self, signals[SAVE], 0, rule);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
