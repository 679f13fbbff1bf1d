/* sk-results-panel.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sk-results-panel.h"

#include "sk-format.h"
#include "sk-report.h"

struct _SkResultsPanel
{
  GtkWidget           parent_instance;

  GtkLabel           *title_label;
  GtkLabel           *summary_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *show_dropdown;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkButton          *retry_button;
  GtkButton          *close_button;

  GListModel         *results;
  GHashTable         *names;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  char               *folded_text;
  char               *summary;
  SkResultsShow       show;
  gboolean            expiry;      /* the results change the expiry of vector stores */
  GtkFileChooserNative *chooser;
  gboolean            retry_enabled;
  guint               focus_source;
};

G_DEFINE_FINAL_TYPE (SkResultsPanel, sk_results_panel, GTK_TYPE_WIDGET)

enum {
  RETRY_REQUESTED,
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_deleted (SkBulkResult *result)
{
  return sk_bulk_result_get_outcome (result) == SK_OUTCOME_DELETED;
}

static const char *
lookup_name (SkResultsPanel *self,
             SkBulkResult   *result)
{
  return self->names ? g_hash_table_lookup (self->names, sk_bulk_result_get_id (result)) : NULL;
}

/* The line of a result of SK_BULK_STORE_EXPIRY */
static char *
describe_expiry (SkBulkResult *result)
{
  guint status = sk_bulk_result_get_status_code (result);
  const char *message = sk_bulk_result_get_message (result);

  switch (sk_bulk_result_get_outcome (result))
    {
    case SK_OUTCOME_DELETED:
      if (sk_bulk_result_get_expiry_days (result) > 0)
        return g_strdup (_("Expiry set"));
      return g_strdup (_("Expiry cleared"));
    case SK_OUTCOME_CANCELLED:
      if (message != NULL && *message != '\0')
        return g_strdup (message);
      return g_strdup (_("Not changed: the job was cancelled"));
    case SK_OUTCOME_FAILED:
      if (message == NULL || *message == '\0')
        message = _("Unknown error");
      if (status != 0)
        /* Translators: "Failed: HTTP 404 · No such vector store" */
        return g_strdup_printf (_("Failed: HTTP %u · %s"), status, message);
      /* Translators: "Failed: the server did not answer in time" */
      return g_strdup_printf (_("Failed: %s"), message);
    case SK_OUTCOME_PENDING:
    default:
      return g_strdup (_("Not changed: the job did not finish"));
    }
}

char *
sk_results_panel_describe (SkBulkResult *result)
{
  guint status = sk_bulk_result_get_status_code (result);
  const char *message = sk_bulk_result_get_message (result);

  if (sk_bulk_result_get_kind (result) == SK_BULK_STORE_EXPIRY)
    return describe_expiry (result);

  switch (sk_bulk_result_get_outcome (result))
    {
    case SK_OUTCOME_DELETED:
      if (sk_bulk_result_get_still_present (result))
        return g_strdup (_("Deleted, but the server still lists it"));
      if (sk_bulk_result_get_kind (result) == SK_BULK_DETACH_FILES)
        return g_strdup (_("Removed from the vector store"));
      return g_strdup (_("Deleted"));
    case SK_OUTCOME_CANCELLED:
      /* the engine says why (e.g. it waited for a rate limit when the
       * job was cancelled); either way the server did not delete it */
      if (message != NULL && *message != '\0')
        return g_strdup (message);
      return g_strdup (_("Not deleted: the job was cancelled"));
    case SK_OUTCOME_FAILED:
      if (message == NULL || *message == '\0')
        message = _("Unknown error");
      if (status != 0)
        /* Translators: "HTTP 500 · The server had an error" */
        return g_strdup_printf (_("HTTP %u · %s"), status, message);
      return g_strdup (message);
    case SK_OUTCOME_PENDING:
    default:
      return g_strdup (_("Not deleted: the job did not finish"));
    }
}

static gboolean
result_matches (gpointer item,
                gpointer data)
{
  SkResultsPanel *self = data;
  SkBulkResult *result = item;
  g_autofree char *description = NULL;

  if (self->show == SK_RESULTS_SHOW_FAILED && is_deleted (result))
    return FALSE;
  if (self->show == SK_RESULTS_SHOW_DELETED && !is_deleted (result))
    return FALSE;
  if (self->folded_text == NULL)
    return TRUE;

  description = sk_results_panel_describe (result);
  return sk_format_matches (sk_bulk_result_get_id (result), self->folded_text)
         || sk_format_matches (lookup_name (self, result), self->folded_text)
         || sk_format_matches (description, self->folded_text);
}

static void
update_state (SkResultsPanel *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.copy", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.retry",
                                 self->retry_enabled && sk_results_panel_get_n_failed (self) > 0);
  /* where retrying can never apply (a deletion of the past), Retry
   * Failed is not shown at all rather than greyed out */
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), self->retry_enabled);
}

static void
filter_changed_cb (SkResultsPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint selected = gtk_drop_down_get_selected (self->show_dropdown);

  g_free (self->folded_text);
  self->folded_text = sk_format_fold (text);
  self->show = selected == GTK_INVALID_LIST_POSITION ? SK_RESULTS_SHOW_ALL : (SkResultsShow) selected;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "sk-results-row");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  /* a wrapped label asks for its unwrapped width: keep the panel narrow */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 30);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             SkResultsPanel           *self)
{
  SkBulkResult *result = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  const char *name = lookup_name (self, result);
  const char *id = sk_bulk_result_get_id (result);
  g_autofree char *description = sk_results_panel_describe (result);
  g_autofree char *line = NULL;
  g_autofree char *row_name = NULL;
  GtkWidget *row;

  gtk_label_set_text (GTK_LABEL (title), name ? name : id);
  if (name != NULL && g_strcmp0 (name, id) != 0)
    /* Translators: "file-abc123 · Deleted" */
    line = g_strdup_printf (_("%s · %s"), id, description);
  else
    line = g_strdup (description);
  gtk_label_set_text (GTK_LABEL (detail), line);

  gtk_widget_remove_css_class (detail, "error");
  gtk_widget_remove_css_class (detail, "warning");
  gtk_widget_remove_css_class (detail, "dim-label");
  if (sk_bulk_result_get_outcome (result) == SK_OUTCOME_CANCELLED)
    gtk_widget_add_css_class (detail, "dim-label");
  else if (!is_deleted (result))
    gtk_widget_add_css_class (detail, "error");
  else if (sk_bulk_result_get_still_present (result))
    gtk_widget_add_css_class (detail, "warning");
  else
    gtk_widget_add_css_class (detail, "dim-label");

  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name ? name : id,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line,
                                  -1);
  /* the row the focus is on is announced by what it holds, the name and
   * what happened to it: GTK 4.8 announces the row by its own name only */
  row = gtk_widget_get_parent (box);
  if (row != NULL)
    {
      /* Translators: the accessible name of a result row: the name of the
       * file or store, then what happened to it, "report.pdf, Deleted" */
      row_name = g_strdup_printf (_("%s, %s"), name ? name : id, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, row_name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line,
                                      -1);
    }
}

/* Words the panel for what the results did: deletions, or a change of
 * the expiry of vector stores */
static void
set_expiry (SkResultsPanel *self,
            gboolean        expiry)
{
  const char *title;
  GtkStringList *items;
  const char *show_expiry[] = {
    C_("results", "All"), C_("results", "Not Changed"), C_("results", "Changed"), NULL
  };
  const char *show_deletion[] = {
    C_("results", "All"), C_("results", "Not Deleted"), C_("results", "Deleted"), NULL
  };
  guint selected;

  if (self->expiry == expiry)
    return;
  self->expiry = expiry;

  title = expiry ? _("Expiry Results") : _("Deletion Results");
  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->retry_button),
                               expiry ? _("Try again to change what was not changed")
                                      : _("Try again to delete what was not deleted"));

  /* the same three choices, in the same order, worded anew */
  selected = gtk_drop_down_get_selected (self->show_dropdown);
  items = GTK_STRING_LIST (gtk_drop_down_get_model (self->show_dropdown));
  g_signal_handlers_block_by_func (self->show_dropdown, filter_changed_cb, self);
  gtk_string_list_splice (items, 0, g_list_model_get_n_items (G_LIST_MODEL (items)),
                          expiry ? show_expiry : show_deletion);
  gtk_drop_down_set_selected (self->show_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->show_dropdown, filter_changed_cb, self);
}

/* The panel was shown in place of what had the focus (a stack showing
 * it instead of a list of deletions): GTK then puts the focus on its
 * first button, Close Results, which says nothing of the results. The
 * focus goes to the first result instead. */
static gboolean
focus_results_idle (gpointer data)
{
  SkResultsPanel *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  self->focus_source = 0;
  if (focus == GTK_WIDGET (self->close_button)
      && gtk_widget_get_mapped (GTK_WIDGET (self->list_view))
      && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return G_SOURCE_REMOVE;
}

static void
map_cb (SkResultsPanel *self)
{
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (focus_results_idle, self);
}

/* Actions */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[RETRY_REQUESTED], 0);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[CLOSE_REQUESTED], 0);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SkResultsPanel *self = SK_RESULTS_PANEL (widget);
  g_autofree char *text = sk_results_panel_dup_copy_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  gtk_widget_activate_action (widget, "win.toast", "s", _("Results copied"));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SkResultsPanel *self = SK_RESULTS_PANEL (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!sk_results_panel_save_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not save the report: %s"), error->message);
    }
  else
    message = g_strdup (_("Report saved"));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SkResultsPanel  *self)
{
  SkResultsFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "sk-format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sk_results_panel_save_async (self, file, format, NULL, saved_cb, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SkResultsPanel *self = SK_RESULTS_PANEL (widget);
  gboolean csv = g_strcmp0 (g_variant_get_string (param, NULL), "csv") == 0;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (csv ? _("Save Report as CSV") : _("Save Report as JSON"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, csv ? _("CSV files") : _("JSON files"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "application/json");
  gtk_file_filter_add_suffix (filter, csv ? "csv" : "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the file name proposed for a saved report; keep the extension */
  if (!self->expiry)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       csv ? _("deletion-report.csv") : _("deletion-report.json"));
  else
    /* Translators: the file name proposed for a saved report of a change of expiry; keep the extension */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                       csv ? _("expiry-report.csv") : _("expiry-report.json"));
  g_object_set_data (G_OBJECT (self->chooser), "sk-format",
                     GUINT_TO_POINTER (csv ? SK_RESULTS_FORMAT_CSV : SK_RESULTS_FORMAT_JSON));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
sk_results_panel_dispose (GObject *object)
{
  SkResultsPanel *self = (SkResultsPanel *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_handle_id (&self->focus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SK_TYPE_RESULTS_PANEL);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->results);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (sk_results_panel_parent_class)->dispose (object);
}

static void
sk_results_panel_finalize (GObject *object)
{
  SkResultsPanel *self = (SkResultsPanel *)object;

  g_free (self->folded_text);
  g_free (self->summary);

  G_OBJECT_CLASS (sk_results_panel_parent_class)->finalize (object);
}

static void
sk_results_panel_class_init (SkResultsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_results_panel_dispose;
  object_class->finalize = sk_results_panel_finalize;

  signals[RETRY_REQUESTED] =
    g_signal_new ("retry-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-results-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, retry_button);
  gtk_widget_class_bind_template_child (widget_class, SkResultsPanel, close_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "results.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "results.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "results.save", "s", save_action);
  gtk_widget_class_install_action (widget_class, "results.close", NULL, close_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sk_results_panel_init (SkResultsPanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->retry_enabled = TRUE;
  self->filter = gtk_custom_filter_new (result_matches, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)))));
  g_object_unref (gtk_list_view_get_model (self->list_view));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  update_state (self);
}

GtkWidget *
sk_results_panel_new (void)
{
  return g_object_new (SK_TYPE_RESULTS_PANEL, NULL);
}

void
sk_results_panel_set_results (SkResultsPanel *self,
                              GListModel     *results,
                              GHashTable     *names,
                              const char     *summary)
{
  g_return_if_fail (SK_IS_RESULTS_PANEL (self));
  g_return_if_fail (!results || G_IS_LIST_MODEL (results));

  g_set_object (&self->results, results);
  if (results != NULL && g_list_model_get_n_items (results) > 0)
    {
      g_autoptr (SkBulkResult) first = g_list_model_get_item (results, 0);

      set_expiry (self, sk_bulk_result_get_kind (first) == SK_BULK_STORE_EXPIRY);
    }
  if (names != NULL)
    g_hash_table_ref (names);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = names;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_label_set_text (self->summary_label, summary ? summary : "");

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Open on what needs attention when something failed */
  gtk_drop_down_set_selected (self->show_dropdown,
                              sk_results_panel_get_n_failed (self) > 0 ? SK_RESULTS_SHOW_FAILED
                                                                      : SK_RESULTS_SHOW_ALL);
  gtk_filter_list_model_set_model (self->filter_model, results);
  filter_changed_cb (self);
}

GListModel *
sk_results_panel_get_results (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);
  return self->results;
}

GListModel *
sk_results_panel_get_shown (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

void
sk_results_panel_set_show (SkResultsPanel *self,
                           SkResultsShow   show)
{
  g_return_if_fail (SK_IS_RESULTS_PANEL (self));
  gtk_drop_down_set_selected (self->show_dropdown, show);
  filter_changed_cb (self);
}

void
sk_results_panel_set_filter_text (SkResultsPanel *self,
                                  const char     *text)
{
  g_return_if_fail (SK_IS_RESULTS_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  filter_changed_cb (self);
}

static guint
count (SkResultsPanel *self,
       gboolean        deleted,
       gboolean        still_present)
{
  guint n = 0;
  guint n_items;

  if (self->results == NULL)
    return 0;
  n_items = g_list_model_get_n_items (self->results);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (SkBulkResult) result = g_list_model_get_item (self->results, i);

      if (is_deleted (result) != deleted)
        continue;
      if (still_present && !sk_bulk_result_get_still_present (result))
        continue;
      n++;
    }
  return n;
}

guint
sk_results_panel_get_n_deleted (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), 0);
  return count (self, TRUE, FALSE);
}

guint
sk_results_panel_get_n_failed (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), 0);
  return count (self, FALSE, FALSE);
}

guint
sk_results_panel_get_n_still_present (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), 0);
  return count (self, TRUE, TRUE);
}

const char *
sk_results_panel_get_summary (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);
  return self->summary;
}

const char *
sk_results_panel_get_title (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);
  return gtk_label_get_text (self->title_label);
}

void
sk_results_panel_set_retry_enabled (SkResultsPanel *self,
                                    gboolean        enabled)
{
  g_return_if_fail (SK_IS_RESULTS_PANEL (self));
  self->retry_enabled = enabled;
  update_state (self);
}

char *
sk_results_panel_dup_report (SkResultsPanel  *self,
                             SkResultsFormat  format)
{
  g_autoptr (GListStore) empty = NULL;
  GListModel *results;

  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);

  results = self->results;
  if (results == NULL)
    results = G_LIST_MODEL ((empty = g_list_store_new (SK_TYPE_BULK_RESULT)));
  if (format == SK_RESULTS_FORMAT_CSV)
    return sk_report_to_csv (results);
  return sk_report_to_json (results, TRUE);
}

char *
sk_results_panel_dup_copy_text (SkResultsPanel *self)
{
  g_return_val_if_fail (SK_IS_RESULTS_PANEL (self), NULL);
  return sk_report_to_csv (G_LIST_MODEL (self->filter_model));
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sk_results_panel_save_async (SkResultsPanel      *self,
                             GFile               *file,
                             SkResultsFormat      format,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *report;

  g_return_if_fail (SK_IS_RESULTS_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sk_results_panel_save_async);
  report = sk_results_panel_dup_report (self, format);
  bytes = g_bytes_new_take (report, strlen (report));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replaced_cb, g_steal_pointer (&task));
}

gboolean
sk_results_panel_save_finish (SkResultsPanel  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
