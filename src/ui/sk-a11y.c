/* sk-a11y.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What assistive technologies are told about the widgets where GTK 4.8
 * and libadwaita 1.2 tell them too little or too much. Each workaround
 * says what it makes up for; once the oldest GTK supported behaves, it
 * can go: tests/test-a11y.py, run without it on that GTK, tells.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sk-a11y.h"

/* Helpers */

/* GTK 4.8 names a button with a label twice, by its label as written
 * ("_Delete…", mnemonic included) and by the label child it points to
 * ("Delete…"), and a check button by its label as written. The name is
 * set once, without the mnemonic. */
static void
name_from_label (GtkWidget *widget)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  gboolean use_underline = FALSE;

  g_object_get (widget, "label", &label, "use-underline", &use_underline, NULL);
  if (label == NULL || *label == '\0')
    return;

  name = use_underline ? sk_a11y_strip_mnemonic (label) : g_strdup (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* The password reveal icons of GtkPasswordEntry and AdwPasswordEntryRow
 * are GtkImages acting as buttons, named by their class in GTK 4.8: they
 * are named by their tooltip ("Show Text" / "Hide Text"). */
static void
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/* The lists inside an AdwExpanderRow have no name in libadwaita 1.2:
 * they take the row's title. */
static void
name_expander_list (GtkWidget *list)
{
  GtkWidget *expander = gtk_widget_get_ancestor (list, ADW_TYPE_EXPANDER_ROW);
  const char *title;

  if (expander == NULL)
    return;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander));
  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* The apply button of an AdwEntryRow and the password reveal button of
 * AdwPasswordEntryRow, icons without a name in libadwaita 1.2 */
static gboolean
is_image_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget)
         && gtk_button_get_label (GTK_BUTTON (widget)) == NULL
         && gtk_widget_get_tooltip_text (widget) != NULL
         && gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL;
}

/* The lists inside an AdwComboRow (the choice shown, the choices of its
 * popover) are named by their class in libadwaita 1.2: they take the
 * row's title. */
static void
name_combo_list (GtkWidget *list)
{
  GtkWidget *combo = gtk_widget_get_ancestor (list, ADW_TYPE_COMBO_ROW);
  const char *title;

  if (combo == NULL)
    return;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (combo));
  if (title != NULL && *title != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* The close button of a toast, an icon without a name in libadwaita 1.2 */
static gboolean
is_toast_close_button (GtkWidget *widget)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  return GTK_IS_BUTTON (widget)
         && gtk_button_get_label (GTK_BUTTON (widget)) == NULL
         && toast_widget != 0
         && G_TYPE_CHECK_INSTANCE_TYPE (gtk_widget_get_parent (widget), toast_widget);
}

static void
set_name_and_tooltip (GtkWidget  *widget,
                      const char *name)
{
  g_object_set_data (G_OBJECT (widget), "sk-a11y-named", GINT_TO_POINTER (TRUE));
  gtk_widget_set_tooltip_text (widget, name);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* GtkShortcutsWindow of GTK 4.8 names its search button (an icon
 * without a tooltip), its search entry and its menu of sections (and the
 * button inside it) by their class. */
static void
name_shortcuts_widgets (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        C_("shortcut window", "Search"), -1);
      else if (GTK_IS_MENU_BUTTON (child))
        {
          const char *name = C_("shortcut window", "Sections");
          GtkWidget *button = gtk_widget_get_first_child (child);

          set_name_and_tooltip (child, name);
          if (GTK_IS_TOGGLE_BUTTON (button))
            {
              g_object_set_data (G_OBJECT (button), "sk-a11y-named", GINT_TO_POINTER (TRUE));
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, name,
                                              -1);
            }
        }
      else if (GTK_IS_TOGGLE_BUTTON (child) && !GTK_IS_MENU_BUTTON (root)
               && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "edit-find-symbolic") == 0)
        set_name_and_tooltip (child, C_("shortcut window", "Search Shortcuts"));
      name_shortcuts_widgets (child);
    }
}

static GtkWidget *
stack_visible_child (GtkWidget *stack)
{
  if (GTK_IS_STACK (stack))
    return gtk_stack_get_visible_child (GTK_STACK (stack));
  if (ADW_IS_VIEW_STACK (stack))
    return adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  if (ADW_IS_SQUEEZER (stack))
    return adw_squeezer_get_visible_child (ADW_SQUEEZER (stack));
  return NULL;
}

/* Callbacks */

/* GTK 4.8 reports the child of a folded revealer, and a view switcher bar
 * that is not revealed, as visible. */
static void
revealed_cb (GtkWidget *widget)
{
  if (GTK_IS_REVEALER (widget))
    {
      GtkRevealer *revealer = GTK_REVEALER (widget);
      GtkWidget *child = gtk_revealer_get_child (revealer);

      if (child != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                     !gtk_revealer_get_reveal_child (revealer)
                                     && !gtk_revealer_get_child_revealed (revealer), -1);
    }
  else if (ADW_IS_VIEW_SWITCHER_BAR (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 !adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (widget)), -1);
}

static void
label_changed_cb (GtkWidget *widget)
{
  name_from_label (widget);
}

static void
tooltip_changed_cb (GtkWidget *widget)
{
  name_from_tooltip (widget);
}

/* GTK 4.8 reports the pages a stack does not show as visible (it keeps
 * them visible, only unmapped); they are marked hidden here. */
static void
visible_child_changed_cb (GtkWidget *stack)
{
  GtkWidget *shown = stack_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != shown || !gtk_widget_get_visible (child), -1);
}

static void
shortcuts_window_map_cb (GtkWidget *window)
{
  name_shortcuts_widgets (window);
  sk_a11y_fix_names (window);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* The overlay is held weakly: keeping it alive past its window's
 * destruction would finalize it in an order libadwaita does not expect */
static gboolean
fix_overlay_idle (gpointer data)
{
  g_autoptr (GtkWidget) overlay = g_weak_ref_get (data);

  if (overlay != NULL)
    sk_a11y_fix_names (overlay);
  return G_SOURCE_REMOVE;
}

/* A toast was dismissed: the next one of the queue shows, once the
 * overlay had its turn */
static void
toast_dismissed_cb (AdwToast  *toast,
                    GtkWidget *overlay)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, overlay);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fix_overlay_idle, ref, weak_ref_free);
}

static void
action_activated_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  GtkWidget *widget = data;
  void (*callback) (GtkWidget *) = g_object_get_data (G_OBJECT (action), "sk-callback");

  callback (widget);
}

static void
toggle_check (GtkWidget *widget)
{
  GtkCheckButton *check = GTK_CHECK_BUTTON (widget);

  if (gtk_widget_is_sensitive (widget))
    gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
popup_drop_down (GtkWidget *widget)
{
  if (gtk_widget_is_sensitive (widget))
    g_signal_emit_by_name (widget, "activate");
}

static void
popup_combo_row (GtkWidget *widget)
{
  if (gtk_widget_is_sensitive (widget))
    adw_action_row_activate (ADW_ACTION_ROW (widget));
}

static void
popup_menu_button (GtkWidget *widget)
{
  if (gtk_widget_is_sensitive (widget))
    gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
}

/* Public API */

char *
sk_a11y_strip_mnemonic (const char *label)
{
  GString *out;

  if (label == NULL)
    return NULL;

  out = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

void
sk_a11y_follow_stack (GtkWidget *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack) || ADW_IS_VIEW_STACK (stack) || ADW_IS_SQUEEZER (stack));

  if (g_object_get_data (G_OBJECT (stack), "sk-a11y-stack") != NULL)
    return;
  g_object_set_data (G_OBJECT (stack), "sk-a11y-stack", GINT_TO_POINTER (TRUE));
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (visible_child_changed_cb), NULL);
  visible_child_changed_cb (stack);
}

void
sk_a11y_add_action (GtkWidget  *widget,
                    const char *group,
                    const char *name,
                    GCallback   callback)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) action = g_simple_action_new (name, NULL);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (action), "sk-callback", callback);
  g_signal_connect_object (action, "activate", G_CALLBACK (action_activated_cb), widget, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (action));
  gtk_widget_insert_action_group (widget, group, G_ACTION_GROUP (actions));
}

void
sk_a11y_expose_action (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "sk-a11y-action") != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "sk-a11y-action", GINT_TO_POINTER (TRUE));

  /* GTK 4.8 exposes the actions of a GtkButton only; the others get the
   * one a click gives. */
  if (GTK_IS_CHECK_BUTTON (widget))
    sk_a11y_add_action (widget, "check", "toggle", G_CALLBACK (toggle_check));
  else if (GTK_IS_DROP_DOWN (widget))
    sk_a11y_add_action (widget, "menu", "popup", G_CALLBACK (popup_drop_down));
  /* an AdwComboRow has no action at all in libadwaita 1.2: it gets the
   * one the keyboard has, opening its choices */
  else if (ADW_IS_COMBO_ROW (widget))
    sk_a11y_add_action (widget, "menu", "popup", G_CALLBACK (popup_combo_row));
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      sk_a11y_add_action (widget, "menu", "popup", G_CALLBACK (popup_menu_button));
      /* its menu is named by the button, not by its class */
      if (popover != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        widget, NULL, -1);
    }
}

void
sk_a11y_add_toast (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
  sk_a11y_fix_names (GTK_WIDGET (overlay));
}

void
sk_a11y_name_from_placeholder (GtkWidget *entry)
{
  g_autofree char *placeholder = NULL;

  g_return_if_fail (GTK_IS_WIDGET (entry));

  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  if (placeholder != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
}

void
sk_a11y_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_STACK (root) || ADW_IS_VIEW_STACK (root) || ADW_IS_SQUEEZER (root))
    sk_a11y_follow_stack (root);

  if (GTK_IS_CHECK_BUTTON (root) || GTK_IS_DROP_DOWN (root) || GTK_IS_MENU_BUTTON (root)
      || ADW_IS_COMBO_ROW (root))
    sk_a11y_expose_action (root);

  if ((GTK_IS_REVEALER (root) || ADW_IS_VIEW_SWITCHER_BAR (root))
      && g_object_get_data (G_OBJECT (root), "sk-a11y-reveal") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "sk-a11y-reveal", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, GTK_IS_REVEALER (root) ? "notify::child-revealed" : "notify::reveal",
                        G_CALLBACK (revealed_cb), NULL);
      if (GTK_IS_REVEALER (root))
        g_signal_connect (root, "notify::reveal-child", G_CALLBACK (revealed_cb), NULL);
      revealed_cb (root);
    }

  if (g_object_get_data (G_OBJECT (root), "sk-a11y-named") != NULL)
    ;
  else if (GTK_IS_TOGGLE_BUTTON (root) && GTK_IS_DROP_DOWN (gtk_widget_get_parent (root)))
    {
      /* the button inside a drop-down is named by the drop-down (GTK 4.8
       * names it by its class) */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      gtk_widget_get_parent (root), NULL, -1);
    }
  else if (is_image_button (root)
           || (GTK_IS_IMAGE (root)
               && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (root)) == GTK_ACCESSIBLE_ROLE_BUTTON))
    {
      g_object_set_data (G_OBJECT (root), "sk-a11y-named", GINT_TO_POINTER (TRUE));
      name_from_tooltip (root);
      g_signal_connect (root, "notify::tooltip-text", G_CALLBACK (tooltip_changed_cb), NULL);
    }
  else if (is_toast_close_button (root))
    {
      g_object_set_data (G_OBJECT (root), "sk-a11y-named", GINT_TO_POINTER (TRUE));
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
    }
  else if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root) || GTK_IS_MENU_BUTTON (root))
    {
      g_object_set_data (G_OBJECT (root), "sk-a11y-named", GINT_TO_POINTER (TRUE));
      name_from_label (root);
      g_signal_connect (root, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
    }
  else if (GTK_IS_SPINNER (root))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading"), -1);
  else if (GTK_IS_LIST_BOX (root))
    name_expander_list (root);
  else if (GTK_IS_LIST_VIEW (root))
    name_combo_list (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sk_a11y_fix_names (child);
}

void
sk_a11y_fix_shortcuts_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_SHORTCUTS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), "sk-a11y-shortcuts") != NULL)
    return;
  g_object_set_data (G_OBJECT (window), "sk-a11y-shortcuts", GINT_TO_POINTER (TRUE));
  /* the sections are built once the window is shown */
  g_signal_connect (window, "map", G_CALLBACK (shortcuts_window_map_cb), NULL);
  shortcuts_window_map_cb (GTK_WIDGET (window));
}
