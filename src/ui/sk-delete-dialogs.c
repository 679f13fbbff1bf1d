/* sk-delete-dialogs.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-delete-dialogs.h"

#define CHECK_KEY "sk-confirm-check"
#define CHOICES_KEY "sk-choices"

static void
confirm_toggled_cb (GtkCheckButton   *check,
                    AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "delete", gtk_check_button_get_active (check));
}

static AdwMessageDialog *
dialog_new (GtkWindow  *parent,
            const char *heading,
            const char *body,
            const char *delete_label)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", delete_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter answers Cancel; Escape and the close button too */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, body,
                                  -1);
  return dialog;
}

static GtkWidget *
confirm_check_new (AdwMessageDialog *dialog)
{
  GtkWidget *check;

  check = gtk_check_button_new_with_mnemonic (_("I _understand this cannot be undone"));
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  g_signal_connect_object (check, "toggled", G_CALLBACK (confirm_toggled_cb), dialog, 0);
  g_object_set_data (G_OBJECT (dialog), CHECK_KEY, check);
  adw_message_dialog_set_response_enabled (dialog, "delete", FALSE);
  return check;
}

/* Ends the body of a deletion dialog: @every_sentence when the deletion
 * takes everything, then that it cannot be undone. */
static void
end_body (GString    *body,
          gboolean    every,
          const char *every_sentence)
{
  if (every)
    {
      g_string_append_c (body, ' ');
      g_string_append (body, every_sentence);
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("This cannot be undone."));
}

AdwMessageDialog *
sk_delete_files_dialog_new (GtkWindow *parent,
                            guint      n_files,
                            gint64     total_bytes,
                            int        n_stores,
                            gboolean   every_file)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (total_bytes, 0));
  g_autofree char *first = NULL;
  g_autoptr (GString) body = g_string_new (NULL);

  heading = g_strdup_printf (ngettext ("Delete %'u File?", "Delete %'u Files?", n_files), n_files);
  /* Translators: %'u is a number of files, %s their size ("12.5 MB") */
  first = g_strdup_printf (ngettext ("%'u file (%s) will be deleted from the account and removed from "
                                     "every vector store that uses it.",
                                     "%'u files (%s in all) will be deleted from the account and removed "
                                     "from every vector store that uses them.",
                                     n_files),
                           n_files, size);
  g_string_append (body, first);

  if (n_stores == 0)
    {
      g_string_append_c (body, ' ');
      g_string_append (body, n_files == 1 ? _("No vector store uses it.") : _("No vector store uses them."));
    }
  else if (n_stores > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, ngettext ("%'u vector store is affected.",
                                              "%'u vector stores are affected.", (guint) n_stores),
                              (guint) n_stores);
    }
  end_body (body, every_file, _("This is every file of the account."));

  dialog = dialog_new (parent, heading, body->str,
                       ngettext ("_Delete File", "_Delete Files", n_files));
  if (n_files > SK_DELETE_LARGE_THRESHOLD || every_file)
    adw_message_dialog_set_extra_child (dialog, confirm_check_new (dialog));

  return dialog;
}

static GtkWidget *
choice_new (GtkWidget  *group,
            const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);
  GtkWidget *child;

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  /* long labels wrap instead of widening the dialog */
  child = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  if (GTK_IS_LABEL (child))
    {
      gtk_label_set_wrap (GTK_LABEL (child), TRUE);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0);
    }
  return check;
}

typedef struct
{
  guint    n_stores;
  int      n_exclusive;  /* -1: not counted yet */
  int      n_all;        /* -1: not counted yet */
  gboolean every_store;
} StoresCounts;

#define COUNTS_KEY "sk-stores-counts"

/* Is what the current choice deletes a large deletion? Many stores, every
 * store, or many files (or an uncounted number of them) to delete. */
static gboolean
stores_choice_is_large (AdwMessageDialog *dialog)
{
  StoresCounts *counts = g_object_get_data (G_OBJECT (dialog), COUNTS_KEY);

  if (counts->n_stores > SK_DELETE_LARGE_THRESHOLD || counts->every_store)
    return TRUE;

  switch (sk_delete_stores_dialog_get_choice (dialog))
    {
    case SK_DELETE_STORES_EXCLUSIVE_FILES:
      return counts->n_exclusive < 0 || counts->n_exclusive > SK_DELETE_LARGE_THRESHOLD;
    case SK_DELETE_STORES_ALL_FILES:
      return counts->n_all < 0 || counts->n_all > SK_DELETE_LARGE_THRESHOLD;
    case SK_DELETE_STORES_KEEP_FILES:
    default:
      return FALSE;
    }
}

/* The "I understand" check shows, and holds the button back, only while
 * the chosen deletion is large. */
static void
update_stores_confirm (AdwMessageDialog *dialog)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (dialog), CHECK_KEY);
  gboolean large = stores_choice_is_large (dialog);

  gtk_widget_set_visible (check, large);
  adw_message_dialog_set_response_enabled (dialog, "delete",
                                           !large || gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

AdwMessageDialog *
sk_delete_stores_dialog_new (GtkWindow *parent,
                             guint      n_stores,
                             gint64     usage_bytes,
                             int        n_exclusive,
                             int        n_all,
                             gboolean   every_store)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (usage_bytes, 0));
  g_autofree char *first = NULL;
  g_autofree char *exclusive_label = NULL;
  g_autofree char *all_label = NULL;
  g_autoptr (GString) body = g_string_new (NULL);
  GtkWidget *box;
  GtkWidget *question;
  GtkWidget *choices[3];

  heading = g_strdup_printf (ngettext ("Delete %'u Vector Store?", "Delete %'u Vector Stores?", n_stores),
                             n_stores);
  /* Translators: %'u is a number of vector stores, %s their usage ("12.5 MB") */
  first = g_strdup_printf (ngettext ("%'u vector store (%s of storage) will be deleted.",
                                     "%'u vector stores (%s of storage in all) will be deleted.",
                                     n_stores),
                           n_stores, size);
  g_string_append (body, first);
  end_body (body, every_store, _("This is every vector store of the account."));

  dialog = dialog_new (parent, heading, body->str,
                       ngettext ("_Delete Vector Store", "_Delete Vector Stores", n_stores));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  question = gtk_label_new (_("What should happen to the files in them?"));
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_xalign (GTK_LABEL (question), 0.0);
  gtk_widget_add_css_class (question, "heading");
  gtk_box_append (GTK_BOX (box), question);

  if (n_exclusive >= 0)
    exclusive_label = g_strdup_printf (ngettext ("Delete the %'u file used _only by these stores",
                                                 "Delete the %'u files used _only by these stores",
                                                 (guint) n_exclusive),
                                       (guint) n_exclusive);
  else
    exclusive_label = g_strdup (_("Delete the files used _only by these stores (not counted yet)"));
  if (n_all >= 0)
    all_label = g_strdup_printf (ngettext ("Delete _all %'u file, even where other stores use it",
                                           "Delete _all %'u files, even where other stores use them",
                                           (guint) n_all),
                                 (guint) n_all);
  else
    all_label = g_strdup (_("Delete _all their files, even where other stores use them"));

  choices[SK_DELETE_STORES_KEEP_FILES] = choice_new (NULL, _("_Keep the files in the account"));
  choices[SK_DELETE_STORES_EXCLUSIVE_FILES] = choice_new (choices[0], exclusive_label);
  choices[SK_DELETE_STORES_ALL_FILES] = choice_new (choices[0], all_label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choices[0]), TRUE);
  gtk_widget_set_sensitive (choices[SK_DELETE_STORES_EXCLUSIVE_FILES], n_exclusive > 0);
  /* without the map, "all" still works: the job lists each store's files */
  gtk_widget_set_sensitive (choices[SK_DELETE_STORES_ALL_FILES], n_all != 0);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_box_append (GTK_BOX (box), choices[i]);
  g_object_set_data_full (G_OBJECT (dialog), CHOICES_KEY,
                          g_memdup2 (choices, sizeof choices), g_free);

  {
    StoresCounts *counts = g_new (StoresCounts, 1);
    GtkWidget *check = gtk_check_button_new_with_mnemonic (_("I _understand this cannot be undone"));

    counts->n_stores = n_stores;
    counts->n_exclusive = n_exclusive;
    counts->n_all = n_all;
    counts->every_store = every_store;
    g_object_set_data_full (G_OBJECT (dialog), COUNTS_KEY, counts, g_free);

    gtk_widget_set_halign (check, GTK_ALIGN_START);
    gtk_widget_set_margin_top (check, 6);
    gtk_box_append (GTK_BOX (box), check);
    g_object_set_data (G_OBJECT (dialog), CHECK_KEY, check);
    g_signal_connect_object (check, "toggled", G_CALLBACK (update_stores_confirm), dialog,
                             G_CONNECT_SWAPPED);
    for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
      g_signal_connect_object (choices[i], "toggled", G_CALLBACK (update_stores_confirm), dialog,
                               G_CONNECT_SWAPPED);
  }

  adw_message_dialog_set_extra_child (dialog, box);
  update_stores_confirm (dialog);
  return dialog;
}

SkDeleteStoresChoice
sk_delete_stores_dialog_get_choice (AdwMessageDialog *dialog)
{
  GtkWidget **choices = g_object_get_data (G_OBJECT (dialog), CHOICES_KEY);

  g_return_val_if_fail (choices != NULL, SK_DELETE_STORES_KEEP_FILES);

  for (guint i = 0; i < 3; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (choices[i])))
      return (SkDeleteStoresChoice) i;
  return SK_DELETE_STORES_KEEP_FILES;
}

void
sk_delete_stores_dialog_set_choice (AdwMessageDialog     *dialog,
                                    SkDeleteStoresChoice  choice)
{
  GtkWidget **choices = g_object_get_data (G_OBJECT (dialog), CHOICES_KEY);

  g_return_if_fail (choices != NULL);
  g_return_if_fail (choice <= SK_DELETE_STORES_ALL_FILES);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (choices[choice]), TRUE);
}

GtkCheckButton *
sk_delete_dialog_get_confirm_check (AdwMessageDialog *dialog)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (dialog), CHECK_KEY);

  /* the stores dialog hides it while the chosen deletion is small */
  if (check == NULL || !gtk_widget_get_visible (check))
    return NULL;
  return GTK_CHECK_BUTTON (check);
}

gboolean
sk_delete_dialog_is_confirmed (AdwMessageDialog *dialog)
{
  GtkCheckButton *check = sk_delete_dialog_get_confirm_check (dialog);

  return check == NULL || gtk_check_button_get_active (check);
}
