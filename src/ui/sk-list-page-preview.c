/* sk-list-page-preview.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-list-page-preview.h"

#include "sk-file.h"
#include "sk-vector-store-file.h"
#include "sk-vector-store.h"

/* The bar over a list page while it shows only some IDs (the preview of a
 * cleanup rule): what the rows shown add up to, Show All and Delete….
 * It keeps the IDs in a filter that the page combines with its own, sums
 * the rows that pass, and answers its actions: "preview.show-all" (also
 * Escape anywhere in the window while the bar is on screen) stops it,
 * "preview.delete" selects every row shown and asks the window for the
 * normal confirmation. */

struct _SkListPagePreview
{
  GtkWidget    parent_instance;

  GtkRevealer        *revealer;
  GtkLabel           *label;

  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GtkSelectionModel  *selection;
  GtkWidget          *list;       /* weak */
  GType               item_type;
  SkListPagePreviewIdFunc   get_id;
  SkListPagePreviewSizeFunc get_size;
  gpointer            data;

  GHashTable         *ids;        /* NULL while off */
  char               *title;
  char               *text;
};

G_DEFINE_FINAL_TYPE (SkListPagePreview, sk_list_page_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_count (GType item_type,
              guint n_items)
{
  if (g_type_is_a (item_type, SK_TYPE_FILE) || g_type_is_a (item_type, SK_TYPE_VECTOR_STORE_FILE))
    return g_strdup_printf (ngettext ("%'u file", "%'u files", n_items), n_items);
  if (g_type_is_a (item_type, SK_TYPE_VECTOR_STORE))
    return g_strdup_printf (ngettext ("%'u vector store", "%'u vector stores", n_items), n_items);
  return g_strdup_printf (ngettext ("%'u item", "%'u items", n_items), n_items);
}

static void
set_text (SkListPagePreview *self,
          const char        *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_label_set_text (self->label, text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  if (self->list != NULL && text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else if (self->list != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static gboolean
keeps_item (gpointer item,
            gpointer data)
{
  SkListPagePreview *self = data;

  return self->ids == NULL || self->get_id == NULL
         || sk_list_page_preview_keeps (self, self->get_id (self->data, item));
}

/* Sums the rows shown in the text; Delete… waits for the filters */
static void
update_summary (SkListPagePreview *self)
{
  g_autofree char *text = NULL;
  GListModel *shown = G_LIST_MODEL (self->shown);
  guint n_items;
  gint64 bytes = 0;

  if (self->ids == NULL || shown == NULL)
    return;
  n_items = g_list_model_get_n_items (shown);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (shown, i);

      bytes += MAX (self->get_size (self->data, item), 0);
    }
  text = sk_list_page_preview_format (self->title, self->item_type, n_items, bytes);
  set_text (self, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.delete",
                                 n_items > 0 && gtk_filter_list_model_get_pending (self->shown) == 0);
}

/* Escape leaves the preview on screen; otherwise it goes on */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  SkListPagePreview *self = SK_LIST_PAGE_PREVIEW (widget);

  if (self->ids == NULL || !gtk_widget_get_mapped (widget))
    return FALSE;
  sk_list_page_preview_stop (self);
  return TRUE;
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sk_list_page_preview_stop (SK_LIST_PAGE_PREVIEW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SkListPagePreview *self = SK_LIST_PAGE_PREVIEW (widget);

  if (self->selection == NULL)
    return;
  gtk_selection_model_select_all (self->selection);
  gtk_widget_activate_action (widget, "win.delete-selected", NULL);
}

static void
sk_list_page_preview_dispose (GObject *object)
{
  SkListPagePreview *self = SK_LIST_PAGE_PREVIEW (object);

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_clear_object (&self->shown);
  g_clear_object (&self->selection);
  g_clear_weak_pointer (&self->list);
  /* the page's filters may outlive the bar by a moment */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  g_clear_object (&self->filter);
  gtk_widget_dispose_template (GTK_WIDGET (object), SK_TYPE_LIST_PAGE_PREVIEW);

  G_OBJECT_CLASS (sk_list_page_preview_parent_class)->dispose (object);
}

static void
sk_list_page_preview_finalize (GObject *object)
{
  SkListPagePreview *self = SK_LIST_PAGE_PREVIEW (object);

  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_free (self->title);
  g_free (self->text);

  G_OBJECT_CLASS (sk_list_page_preview_parent_class)->finalize (object);
}

static void
sk_list_page_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SkListPagePreview *self = SK_LIST_PAGE_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->ids != NULL);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_list_page_preview_class_init (SkListPagePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_list_page_preview_dispose;
  object_class->finalize = sk_list_page_preview_finalize;
  object_class->get_property = sk_list_page_preview_get_property;

  /**
   * SkListPagePreview:active:
   *
   * Whether the page shows only the IDs of the preview.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkListPagePreview:text:
   *
   * What the bar says, or %NULL while the preview is off.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storekeeper/Storekeeper/sk-list-page-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, SkListPagePreview, revealer);
  gtk_widget_class_bind_template_child (widget_class, SkListPagePreview, label);

  gtk_widget_class_install_action (widget_class, "preview.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "preview.delete", NULL, delete_action);

  /* the text is advisory and changes as items go: a live region */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
sk_list_page_preview_init (SkListPagePreview *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (keeps_item, self, NULL);

  /* managed: Escape wherever the focus is in the window */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.show-all", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.delete", FALSE);
}

char *
sk_list_page_preview_format (const char *title,
                             GType       item_type,
                             guint       n_items,
                             gint64      bytes)
{
  g_autofree char *count = format_count (item_type, n_items);
  g_autofree char *size = g_format_size ((guint64) MAX (bytes, 0));

  /* Translators: the bar over the preview of a cleanup rule:
   * "Preview of “Old batch files”: 42 files, 1.2 GB" */
  return g_strdup_printf (_("Preview of “%s”: %s, %s"), title, count, size);
}

void
sk_list_page_preview_attach (SkListPagePreview         *self,
                             GtkFilterListModel        *shown,
                             GtkSelectionModel         *selection,
                             GtkWidget                 *list,
                             GType                      item_type,
                             SkListPagePreviewIdFunc    get_id,
                             SkListPagePreviewSizeFunc  get_size,
                             gpointer                   data)
{
  g_return_if_fail (SK_IS_LIST_PAGE_PREVIEW (self));
  g_return_if_fail (GTK_IS_FILTER_LIST_MODEL (shown));
  g_return_if_fail (GTK_IS_SELECTION_MODEL (selection));
  g_return_if_fail (get_id != NULL && get_size != NULL);
  g_return_if_fail (self->shown == NULL);

  self->shown = g_object_ref (shown);
  self->selection = g_object_ref (selection);
  g_set_weak_pointer (&self->list, list);
  self->item_type = item_type;
  self->get_id = get_id;
  self->get_size = get_size;
  self->data = data;
  g_signal_connect_swapped (shown, "items-changed", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (shown, "notify::pending", G_CALLBACK (update_summary), self);
}

GtkFilter *
sk_list_page_preview_get_filter (SkListPagePreview *self)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE_PREVIEW (self), NULL);

  return GTK_FILTER (self->filter);
}

/**
 * sk_list_page_preview_start:
 * @self: the preview
 * @ids: the IDs to show
 * @title: what is previewed (the name of a rule)
 *
 * Shows the bar and keeps only the rows of @ids, in place of any preview
 * before.
 */
void
sk_list_page_preview_start (SkListPagePreview  *self,
                            const char * const *ids,
                            const char         *title)
{
  g_return_if_fail (SK_IS_LIST_PAGE_PREVIEW (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (title != NULL);

  g_clear_pointer (&self->ids, g_hash_table_unref);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->ids, g_strdup (ids[i]));
  g_free (self->title);
  self->title = g_strdup (title);

  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.show-all", TRUE);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
  /* notified even when a preview replaces another: the rows change */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* Hides the bar; every row passes again */
void
sk_list_page_preview_stop (SkListPagePreview *self)
{
  g_return_if_fail (SK_IS_LIST_PAGE_PREVIEW (self));

  if (self->ids == NULL)
    return;
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->title, g_free);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.show-all", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.delete", FALSE);
  set_text (self, NULL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
sk_list_page_preview_get_active (SkListPagePreview *self)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE_PREVIEW (self), FALSE);

  return self->ids != NULL;
}

const char *
sk_list_page_preview_get_title (SkListPagePreview *self)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE_PREVIEW (self), NULL);

  return self->title;
}

gboolean
sk_list_page_preview_keeps (SkListPagePreview *self,
                            const char        *id)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE_PREVIEW (self), TRUE);

  return self->ids == NULL || (id != NULL && g_hash_table_contains (self->ids, id));
}

const char *
sk_list_page_preview_get_text (SkListPagePreview *self)
{
  g_return_val_if_fail (SK_IS_LIST_PAGE_PREVIEW (self), NULL);

  return self->text;
}
