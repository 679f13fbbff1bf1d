/* sk-format.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-format.h"

#include "sk-error.h"
#include "sk-list-rows.h"

#include <string.h>

char *
sk_format_size (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup ("—");
  return g_format_size ((guint64) bytes);
}

/**
 * sk_format_money:
 * @dollars: an amount of US dollars
 *
 * Returns: (transfer full): the amount to the cent, or "less than $0.01"
 *   for a positive amount that would round to nothing
 */
char *
sk_format_money (double dollars)
{
  if (dollars > 0 && dollars < 0.005)
    /* Translators: an amount under one cent */
    return g_strdup (_("less than $0.01"));
  /* Translators: an amount of US dollars; in French "%.2f $" */
  return g_strdup_printf (_("$%.2f"), dollars);
}

char *
sk_format_date (gint64      unix_time,
                const char *when_zero)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (unix_time <= 0)
    return g_strdup (when_zero ? when_zero : "—");

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (utc);
  /* Translators: date and time in table cells, see the strftime manual */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

char *
sk_format_fold (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_utf8_casefold (text, -1);
}

/* ASCII fast path, casefolded comparison otherwise. */
gboolean
sk_format_matches (const char *text,
                   const char *folded_needle)
{
  g_autofree char *folded = NULL;
  gboolean ascii = TRUE;

  if (folded_needle == NULL || *folded_needle == '\0')
    return TRUE;
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii)
    {
      gsize n = strlen (folded_needle);

      for (const char *p = text; *p; p++)
        if (g_ascii_strncasecmp (p, folded_needle, n) == 0)
          return TRUE;
      return FALSE;
    }

  folded = g_utf8_casefold (text, -1);
  return strstr (folded, folded_needle) != NULL;
}

char *
sk_format_selection (guint    n_selected,
                     gint64   total_bytes,
                     gboolean with_size)
{
  g_autofree char *count = NULL;
  g_autofree char *size = NULL;

  count = g_strdup_printf (ngettext ("%u selected", "%u selected", n_selected), n_selected);
  if (!with_size)
    return g_steal_pointer (&count);

  size = g_format_size ((guint64) MAX (total_bytes, 0));
  /* Translators: "3 selected · 12.5 MB" */
  return g_strdup_printf (_("%s · %s"), count, size);
}

/* Recreate the visible cells of one column (after data they show changed
 * outside the model, e.g. the orphan finder's map). Only visible rows exist,
 * so this is cheap. */
void
sk_format_refresh_column (GtkColumnViewColumn *column)
{
  g_autoptr (GtkListItemFactory) factory = NULL;

  factory = gtk_column_view_column_get_factory (column);
  if (factory == NULL)
    return;
  g_object_ref (factory);
  gtk_column_view_column_set_factory (column, NULL);
  gtk_column_view_column_set_factory (column, factory);
}

typedef enum
{
  SHRINK_NEVER,
  SHRINK_MAIN,
  SHRINK_FIRST,
} Shrink;

typedef struct
{
  SkCellTextFunc  func;
  gpointer        user_data;
  gboolean        numeric;
  GtkColumnView  *view;
  Shrink          shrink;
} CellInfo;

/* The text @column shows for @item, or NULL for a column not added by
 * sk_format_add_column() */
static char *
column_text (GtkColumnViewColumn *column,
             GObject             *item)
{
  GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);
  CellInfo *info = factory ? g_object_get_data (G_OBJECT (factory), "sk-cell-info") : NULL;
  const char *css_class = NULL;

  if (info == NULL)
    return NULL;
  return info->func (item, info->user_data, &css_class);
}

/* What a row says to assistive technologies: its name is the text of the
 * first column (the filename, the store's name), its description the
 * other visible columns, each after its title. */
static void
row_texts (GtkColumnView  *view,
           GObject        *item,
           char          **name,
           char          **description)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (columns);

  *name = NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autofree char *cell = NULL;

      if (i > 0 && !gtk_column_view_column_get_visible (column))
        continue;
      cell = column_text (column, item);
      if (i == 0)
        {
          *name = g_steal_pointer (&cell);
          continue;
        }
      if (cell == NULL || *cell == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: one column of a table row, read by screen readers:
       * "Size: 12.5 MB"; in French "%s : %s" */
      g_string_append_printf (text, _("%s: %s"), gtk_column_view_column_get_title (column), cell);
    }
  *description = g_string_free (g_steal_pointer (&text), FALSE);
}

/* Names the cell of @label and its row for assistive technologies */
static void
name_cell (CellInfo    *info,
           GtkListItem *list_item,
           GtkWidget   *label,
           GObject     *item,
           const char  *text)
{
  g_autofree char *row_name = NULL;
  g_autofree char *row_description = NULL;

  row_texts (info->view, item, &row_name, &row_description);
  sk_list_rows_bind (list_item, label, text ? text : "", row_name ? row_name : "", row_description);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CellInfo                 *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), info->numeric ? 1.0 : 0.0);
  /* When the view is too narrow for every column, the main column keeps
   * 20 characters, the ID column gives way first down to a few
   * characters (…-middle-elided), and the others keep their width. */
  switch (info->shrink)
    {
    case SHRINK_MAIN:
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 20);
      break;
    case SHRINK_FIRST:
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      break;
    case SHRINK_NEVER:
    default:
      break;
    }
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (info->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CellInfo                 *info)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = gtk_list_item_get_item (list_item);
  const char *css_class = NULL;
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
  text = info->func (item, info->user_data, &css_class);
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, NULL);
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  name_cell (info, list_item, label, item, text);
}

GtkColumnViewColumn *
sk_format_add_column (GtkColumnView  *view,
                      const char     *id,
                      const char     *title,
                      SkCellTextFunc  func,
                      gpointer        user_data,
                      GtkSorter      *sorter,
                      gboolean        expand,
                      gboolean        numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  CellInfo *info = g_new0 (CellInfo, 1);

  info->func = func;
  info->user_data = user_data;
  info->numeric = numeric;
  info->view = view;
  if (g_list_model_get_n_items (gtk_column_view_get_columns (view)) == 0)
    info->shrink = SHRINK_MAIN;
  else if (g_str_equal (id, "id"))
    info->shrink = SHRINK_FIRST;
  else
    info->shrink = SHRINK_NEVER;
  g_object_set_data_full (G_OBJECT (factory), "sk-cell-info", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), info);

  column = gtk_column_view_column_new (title, factory);
  /* gtk_column_view_column_set_id () is GTK 4.10 */
  g_object_set_data_full (G_OBJECT (column), "sk-column-id", g_strdup (id), g_free);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (view, column);
  g_object_unref (column);

  return column;
}

GtkSorter *
sk_format_string_sorter (GType       type,
                         const char *property,
                         gboolean    ignore_case)
{
  GtkStringSorter *sorter;

  sorter = gtk_string_sorter_new (gtk_property_expression_new (type, NULL, property));
  gtk_string_sorter_set_ignore_case (sorter, ignore_case);
  return GTK_SORTER (sorter);
}

GtkSorter *
sk_format_numeric_sorter (GType       type,
                          const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (type, NULL, property)));
}

gboolean
sk_format_is_unauthorized (const GError *error)
{
  return error != NULL && g_error_matches (error, SK_CLIENT_ERROR, SK_CLIENT_ERROR_UNAUTHORIZED);
}

gboolean
sk_format_error_page (AdwStatusPage *page,
                      GtkButton     *button,
                      const GError  *error,
                      const char    *what)
{
  if (sk_format_is_unauthorized (error))
    {
      adw_status_page_set_icon_name (page, "dialog-password-symbolic");
      adw_status_page_set_title (page, _("API Key Refused"));
      adw_status_page_set_description (page,
        _("OpenAI did not accept the API key. It may have been revoked, mistyped, or belong to another organization."));
      gtk_button_set_label (button, _("_Change API Key…"));
      gtk_button_set_use_underline (button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.change-key");
      return TRUE;
    }

  if (error != NULL && (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR
                        || error->domain == G_TLS_ERROR))
    {
      adw_status_page_set_icon_name (page, "network-error-symbolic");
      adw_status_page_set_title (page, _("Cannot Reach OpenAI"));
    }
  else
    {
      adw_status_page_set_icon_name (page, "dialog-warning-symbolic");
      adw_status_page_set_title (page, what);
    }
  adw_status_page_set_description (page, error ? error->message : NULL);
  gtk_button_set_label (button, _("_Retry"));
  gtk_button_set_use_underline (button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.refresh");
  return FALSE;
}
