/* sk-a11y.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @label without its mnemonic marks: "Select _None" -> "Select None",
 * "a__b" -> "a_b". */
char *sk_a11y_strip_mnemonic   (const char  *label);

/* Names every button, check button and menu button under @root (and the
 * ones it gets later: the labels are followed) once by its label without
 * mnemonic marks; names spinners and password reveal icons. */
void  sk_a11y_fix_names        (GtkWidget   *root);

/* Names @entry (a GtkSearchEntry, a GtkEntry...) by its placeholder
 * text ("Search by filename or ID"), when it has no label of its own. */
void  sk_a11y_name_from_placeholder (GtkWidget *entry);

/* Shows @toast in @overlay (taking it) with its buttons named like the
 * rest: its own button without mnemonic marks, its close button "Close";
 * the toasts waiting in the queue are named when they show. */
void  sk_a11y_add_toast        (AdwToastOverlay *overlay,
                                AdwToast        *toast);

/* Reports the pages of @stack other than the visible one as hidden, now
 * and whenever the visible child changes. @stack is a GtkStack, an
 * AdwViewStack or an AdwSqueezer. */
void  sk_a11y_follow_stack     (GtkWidget   *stack);

/* Gives @widget an action that assistive technologies see as
 * "@group.@name" and that calls @callback (@widget). */
void  sk_a11y_add_action       (GtkWidget   *widget,
                                const char  *group,
                                const char  *name,
                                GCallback    callback);

/* Exposes the action that @widget already has on the keyboard or the
 * mouse: "check.toggle" for a GtkCheckButton, "menu.popup" for a
 * GtkDropDown, a GtkMenuButton or an AdwComboRow. */
void  sk_a11y_expose_action    (GtkWidget   *widget);

/* Names the search button ("Search Shortcuts", with that tooltip), the
 * search entry ("Search") and the menu of sections ("Sections") of
 * @window, a GtkShortcutsWindow, now and whenever it is shown. */
void  sk_a11y_fix_shortcuts_window (GtkWindow *window);

G_END_DECLS
