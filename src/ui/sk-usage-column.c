/* sk-usage-column.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-usage-column.h"

#include "sk-file.h"
#include "sk-format.h"

/* The "Used by" column of the files page: what uses each file in a few
 * words ("2 stores · 1 batch running"), every use in the cell's tooltip,
 * sorted with the files that running jobs read first. */

typedef struct
{
  SkUsageIndexFunc get_index;
  gpointer         user_data;
} ColumnInfo;

/**
 * sk_usage_column_role_text:
 * @role: a file's role in a job ("input", "output", "error", "training",
 *   "validation", "result")
 *
 * Returns: the role in words, translated
 */
const char *
sk_usage_column_role_text (const char *role)
{
  if (g_strcmp0 (role, "input") == 0)
    return C_("file use", "input");
  if (g_strcmp0 (role, "output") == 0)
    return C_("file use", "output");
  if (g_strcmp0 (role, "error") == 0)
    return C_("file use", "errors");
  if (g_strcmp0 (role, "training") == 0)
    return C_("file use", "training");
  if (g_strcmp0 (role, "validation") == 0)
    return C_("file use", "validation");
  if (g_strcmp0 (role, "result") == 0)
    return C_("file use", "results");
  return role;
}

/* Lower first: busy, then by number of uses. */
static int
rank (SkUsageIndex *index,
      SkFile       *file)
{
  const char *id = sk_file_get_id (file);
  GPtrArray *uses;

  if (index == NULL)
    return 0;
  uses = sk_usage_index_get_uses (index, id);
  return (sk_usage_index_is_busy (index, id) ? 100000 : 0) + (uses != NULL ? (int) uses->len : 0);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  ColumnInfo *info = data;
  SkUsageIndex *index = info->get_index (info->user_data);
  int ra = rank (index, SK_FILE ((gpointer) a));
  int rb = rank (index, SK_FILE ((gpointer) b));

  return ra < rb ? GTK_ORDERING_SMALLER : ra > rb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ColumnInfo               *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         ColumnInfo               *info)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  SkFile *file = SK_FILE (gtk_list_item_get_item (list_item));
  SkUsageIndex *index = info->get_index (info->user_data);
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;

  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "warning");
  if (index == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), "…");
      gtk_widget_set_tooltip_text (label, _("Finding which batches and fine-tuning jobs use each file…"));
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }

  text = sk_usage_index_describe (index, sk_file_get_id (file));
  details = sk_usage_column_dup_details (index, sk_file_get_id (file));
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      /* Translators: in the "Used by" column, a file nothing uses */
      text = g_strdup (C_("used by", "Nothing"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else if (sk_usage_index_is_busy (index, sk_file_get_id (file)))
    gtk_widget_add_css_class (label, "warning");
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, details);
}

/**
 * sk_usage_column_add:
 * @view: the files view
 * @get_index: gives the index to show, or %NULL while loading
 *
 * Appends the "Used by" column (id "used-by") to @view.
 *
 * Returns: (transfer none): the column
 */
GtkColumnViewColumn *
sk_usage_column_add (GtkColumnView    *view,
                     SkUsageIndexFunc  get_index,
                     gpointer          user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter;
  ColumnInfo *info = g_new0 (ColumnInfo, 1);

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (get_index != NULL, NULL);

  info->get_index = get_index;
  info->user_data = user_data;
  g_object_set_data_full (G_OBJECT (factory), "sk-usage-info", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), info);

  column = gtk_column_view_column_new (_("Used By"), factory);
  g_object_set_data_full (G_OBJECT (column), "sk-column-id", g_strdup ("used-by"), g_free);
  gtk_column_view_column_set_resizable (column, TRUE);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, info, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);

  return column;
}

void
sk_usage_column_refresh (GtkColumnViewColumn *column)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  sk_format_refresh_column (column);
  gtk_sorter_changed (gtk_column_view_column_get_sorter (column), GTK_SORTER_CHANGE_DIFFERENT);
}

char *
sk_usage_column_dup_details (SkUsageIndex *index,
                             const char   *file_id)
{
  g_autoptr (GString) text = g_string_new (NULL);
  GPtrArray *uses;

  g_return_val_if_fail (SK_IS_USAGE_INDEX (index), NULL);

  uses = sk_usage_index_get_uses (index, file_id);
  if (uses == NULL || uses->len == 0)
    return NULL;

  for (guint i = 0; i < uses->len; i++)
    {
      SkFileUse *use = g_ptr_array_index (uses, i);
      const char *status = use->status != NULL ? use->status : "";

      if (text->len > 0)
        g_string_append_c (text, '\n');
      switch (use->kind)
        {
        case SK_USE_VECTOR_STORE:
          /* Translators: a use of a file; %s: a vector store ID, then its status */
          g_string_append_printf (text, _("Vector store %s · %s"), use->owner_id, status);
          break;
        case SK_USE_BATCH:
          /* Translators: a use of a file; %s: a batch ID, the file's role
           * ("input", "output"…), the batch's status */
          g_string_append_printf (text, _("Batch %s · %s · %s"), use->owner_id, sk_usage_column_role_text (use->role), status);
          break;
        case SK_USE_FINE_TUNING_JOB:
        default:
          /* Translators: a use of a file; %s: a fine-tuning job ID, the
           * file's role ("training", "results"…), the job's status */
          g_string_append_printf (text, _("Fine-tuning job %s · %s · %s"), use->owner_id,
                                  sk_usage_column_role_text (use->role), status);
          break;
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
