/* sk-test-ui.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the UI tests ask of widget actions (installed with
 * gtk_widget_class_install_action, so not in any GActionGroup).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether @widget's class installs @name ("win.refresh") */
static inline gboolean
sk_test_has_action (GtkWidget  *widget,
                    const char *name)
{
  GType owner;
  const char *found;
  const GVariantType *parameter_type;
  const char *property_name;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner, &found,
                                                   &parameter_type, &property_name); i++)
    if (g_strcmp0 (found, name) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @name is enabled where @box is: a button bound to the action is
 * put in @box for the time of the question, and its sensitivity is the
 * answer */
static inline gboolean
sk_test_action_enabled (GtkBox     *box,
                        const char *name)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  gtk_box_append (box, button);
  enabled = gtk_widget_get_sensitive (button);
  gtk_box_remove (box, button);
  return enabled;
}

G_END_DECLS
