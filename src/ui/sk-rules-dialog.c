/* sk-rules-dialog.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-rules-dialog.h"

#include "sk-a11y.h"
#include "sk-rule-editor.h"

/* The saved cleanup rules (the built-in ones while none was saved), each
 * with a Preview button, which hands the rule to the window and closes,
 * an Edit button, which opens the rule editor, and a Delete button, which
 * saves the list without it. New Rule opens an empty editor. */

struct _SkRulesDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkListBox      *list_box;

  char            *path;
  GPtrArray       *rules;
};

G_DEFINE_FINAL_TYPE (SkRulesDialog, sk_rules_dialog, ADW_TYPE_WINDOW)

enum
{
  PREVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SkCleanupRule *
find_rule (SkRulesDialog *self,
           const char    *name,
           guint         *index)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      SkCleanupRule *rule = g_ptr_array_index (self->rules, i);

      if (g_strcmp0 (rule->name, name) == 0)
        {
          if (index != NULL)
            *index = i;
          return rule;
        }
    }
  return NULL;
}

static void rebuild (SkRulesDialog *self);

static void
show_error (SkRulesDialog *self,
            const char    *message)
{
  sk_a11y_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Puts @rule in place of the rule called @old_name (NULL: a new one) and
 * saves the list */
static gboolean
store_rule (SkRulesDialog        *self,
            const char           *old_name,
            const SkCleanupRule  *rule,
            GError              **error)
{
  g_autoptr (JsonNode) node = sk_cleanup_rule_to_json (rule);
  SkCleanupRule *copy;
  guint index = G_MAXUINT;

  if (old_name != NULL)
    find_rule (self, old_name, &index);
  if (g_strcmp0 (old_name, rule->name) != 0 && find_rule (self, rule->name, NULL) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("A rule called “%s” already exists"), rule->name);
      return FALSE;
    }
  copy = sk_cleanup_rule_new_from_json (node, error);
  if (copy == NULL)
    return FALSE;
  if (index < self->rules->len)
    {
      g_ptr_array_insert (self->rules, index, copy);
      g_ptr_array_remove_index (self->rules, index + 1);
    }
  else
    g_ptr_array_add (self->rules, copy);
  rebuild (self);
  return sk_cleanup_rules_save (self->rules, self->path, error);
}

static void
editor_save_cb (SkRuleEditor  *editor,
                gpointer       rule,
                SkRulesDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!store_rule (self, g_object_get_data (G_OBJECT (editor), "sk-rule-name"), rule, &error))
    show_error (self, error->message);
}

static void
edit_clicked_cb (GtkButton     *button,
                 SkRulesDialog *self)
{
  sk_rules_dialog_edit (self, g_object_get_data (G_OBJECT (button), "sk-rule-name"));
}

static void
add_clicked_cb (SkRulesDialog *self)
{
  sk_rules_dialog_edit (self, NULL);
}

static void
preview_clicked_cb (GtkButton     *button,
                    SkRulesDialog *self)
{
  sk_rules_dialog_preview (self, g_object_get_data (G_OBJECT (button), "sk-rule-name"));
}

static void
remove_clicked_cb (GtkButton     *button,
                   SkRulesDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!sk_rules_dialog_remove (self, g_object_get_data (G_OBJECT (button), "sk-rule-name"), &error))
    show_error (self, error->message);
}

/* Adds @button to @row: it calls @callback with the dialog, and knows
 * the name of @rule; @label names an icon-only button */
static void
add_button (SkRulesDialog       *self,
            GtkWidget           *row,
            GtkWidget           *button,
            const SkCleanupRule *rule,
            const char          *label,
            GCallback            callback)
{
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (label != NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  g_object_set_data_full (G_OBJECT (button), "sk-rule-name", g_strdup (rule->name), g_free);
  g_signal_connect (button, "clicked", callback, self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
make_row (SkRulesDialog       *self,
          const SkCleanupRule *rule)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *edit_name = g_strdup_printf (_("Edit the rule “%s”"), rule->name);
  g_autofree char *remove_name = g_strdup_printf (_("Delete the rule “%s”"), rule->name);
  /* Translators: the accessible name of the Preview button of a rule,
   * "Preview “Expired vector stores”" */
  g_autofree char *preview_name = g_strdup_printf (_("Preview “%s”"), rule->name);
  const char *subtitle = rule->target == SK_CLEANUP_FILES ? _("Files") : _("Vector stores");
  GtkWidget *preview = gtk_button_new_with_mnemonic (_("_Preview"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* the row is announced by its title only in libadwaita 1.2 */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  /* the visible label says "Preview" in every row; the name says which
   * rule (the label is not taken again by sk_a11y_fix_names ()) */
  g_object_set_data (G_OBJECT (preview), "sk-a11y-named", GINT_TO_POINTER (TRUE));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (preview), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (preview), GTK_ACCESSIBLE_PROPERTY_LABEL, preview_name, -1);
  add_button (self, row, preview, rule, NULL, G_CALLBACK (preview_clicked_cb));
  add_button (self, row, gtk_button_new_from_icon_name ("document-edit-symbolic"), rule, edit_name,
              G_CALLBACK (edit_clicked_cb));
  add_button (self, row, gtk_button_new_from_icon_name ("user-trash-symbolic"), rule, remove_name,
              G_CALLBACK (remove_clicked_cb));
  return row;
}

static void
rebuild (SkRulesDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < self->rules->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (self->rules, i)));
  sk_a11y_fix_names (GTK_WIDGET (self));
}

static void
sk_rules_dialog_finalize (GObject *object)
{
  SkRulesDialog *self = (SkRulesDialog *)object;

  g_free (self->path);
  g_clear_pointer (&self->rules, g_ptr_array_unref);

  G_OBJECT_CLASS (sk_rules_dialog_parent_class)->finalize (object);
}

static void
sk_rules_dialog_class_init (SkRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sk_rules_dialog_finalize;

  /**
   * SkRulesDialog::preview:
   * @self: the dialog
   * @rule: (type gpointer): the #SkCleanupRule to preview, valid during
   *   the emission
   *
   * The user asked to see what @rule selects.
   */
  signals[PREVIEW] = g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/storekeeper/Storekeeper/sk-rules-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SkRulesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SkRulesDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sk_rules_dialog_init (SkRulesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sk_rules_dialog_new:
 * @parent: the window the dialog belongs to
 * @path: the JSON file of the saved rules
 *
 * Returns: (transfer floating): a dialog listing the rules of @path, or
 *   the built-in ones when the file does not exist or cannot be read
 */
SkRulesDialog *
sk_rules_dialog_new (GtkWindow  *parent,
                     const char *path)
{
  g_autoptr (GError) error = NULL;
  SkRulesDialog *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SK_TYPE_RULES_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->path = g_strdup (path);
  self->rules = sk_cleanup_rules_load (path, &error);
  if (self->rules == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the saved rules: %s"), error->message);

      show_error (self, message);
      self->rules = sk_cleanup_rules_builtin ();
    }
  rebuild (self);
  return self;
}

GPtrArray *
sk_rules_dialog_get_rules (SkRulesDialog *self)
{
  g_return_val_if_fail (SK_IS_RULES_DIALOG (self), NULL);

  return self->rules;
}

gboolean
sk_rules_dialog_preview (SkRulesDialog *self,
                         const char    *name)
{
  SkCleanupRule *rule;

  g_return_val_if_fail (SK_IS_RULES_DIALOG (self), FALSE);

  rule = find_rule (self, name, NULL);
  if (rule == NULL)
    return FALSE;
  g_signal_emit (self, signals[PREVIEW], 0, rule);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gboolean
sk_rules_dialog_remove (SkRulesDialog  *self,
                        const char     *name,
                        GError        **error)
{
  guint index;

  g_return_val_if_fail (SK_IS_RULES_DIALOG (self), FALSE);

  if (find_rule (self, name, &index) == NULL)
    return TRUE;
  g_ptr_array_remove_index (self->rules, index);
  rebuild (self);
  return sk_cleanup_rules_save (self->rules, self->path, error);
}

/**
 * sk_rules_dialog_edit:
 * @self: the dialog
 * @name: (nullable): the rule to edit; %NULL: a new rule
 *
 * Opens the rule editor; what it saves replaces the rule (or is added)
 * and the list is saved.
 *
 * Returns: (transfer none) (nullable): the editor, or %NULL when there is
 *   no rule called @name
 */
SkRuleEditor *
sk_rules_dialog_edit (SkRulesDialog *self,
                      const char    *name)
{
  SkCleanupRule *rule = NULL;
  SkRuleEditor *editor;

  g_return_val_if_fail (SK_IS_RULES_DIALOG (self), NULL);

  if (name != NULL && (rule = find_rule (self, name, NULL)) == NULL)
    return NULL;
  editor = sk_rule_editor_new (GTK_WINDOW (self), rule);
  g_object_set_data_full (G_OBJECT (editor), "sk-rule-name", g_strdup (name), g_free);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
