/* sk-history-window.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-history-window.h"

#include "sk-a11y.h"
#include "sk-format.h"
#include "sk-history.h"

struct _SkHistoryWindow
{
  AdwWindow       parent_instance;

  SkJournal      *journal;
  SkClient       *client;         /* of the open account, or NULL */
  char           *account_name;
  GPtrArray      *jobs;           /* SkJournalJob, newest first */
  SkJournalJob   *job;            /* the job open, or NULL */
  GListModel     *results;        /* its results */
  GCancellable   *cancellable;    /* of a verification */
  gboolean        verifying;

  AdwWindowTitle *title;
  GtkButton      *back_button;
  GtkButton      *verify_button;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListBox     *list;
  SkResultsPanel *results_panel;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (SkHistoryWindow, sk_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VERIFYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_text (SkJournalKind kind)
{
  switch (kind)
    {
    case SK_JOURNAL_KIND_VECTOR_STORES:
      return _("Vector stores");
    case SK_JOURNAL_KIND_VECTOR_STORES_WITH_FILES:
      return _("Vector stores and their files");
    case SK_JOURNAL_KIND_DETACH:
      return _("Files removed from a vector store");
    case SK_JOURNAL_KIND_EXPIRY:
      return _("Expiry changes");
    case SK_JOURNAL_KIND_FILES:
    default:
      return _("Files");
    }
}

static const char *
end_text (SkJournalJob *job)
{
  switch (sk_journal_job_get_end (job))
    {
    case SK_JOURNAL_END_COMPLETED:
      return _("Completed");
    case SK_JOURNAL_END_CANCELLED:
      return _("Cancelled");
    case SK_JOURNAL_END_ERROR:
      return _("Stopped by an error");
    case SK_JOURNAL_END_NONE:
    default:
      return sk_journal_job_get_running (job) ? _("Running") : _("Interrupted");
    }
}

/* "2026-12-01 21:04 · Files" */
static char *
row_title (SkJournalJob *job)
{
  g_autoptr (GDateTime) local = g_date_time_to_local (sk_journal_job_get_time (job));
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

  /* Translators: when a deletion started, and what it deleted */
  return g_strdup_printf (_("%s · %s"), when, kind_text (sk_journal_job_get_kind (job)));
}

/* "Work account · Deleted 3 files · 1 failed · 1.2 MB freed · Completed" */
static char *
row_subtitle (SkJournalJob *job)
{
  g_autofree char *summary = sk_history_job_summary (job);
  g_autofree char *size = sk_format_size (sk_journal_job_get_bytes_deleted (job));
  const char *account = sk_journal_job_get_account (job);
  g_autoptr (GString) text = g_string_new (NULL);

  if (account == NULL || account[0] == '\0')
    account = _("Key sent by the caller");
  g_string_append (text, account);
  if (sk_journal_job_get_origin (job) == SK_JOURNAL_ORIGIN_LOCAL_API)
    g_string_append_printf (text, " (%s)", _("local API"));
  g_string_append_printf (text, " · %s", summary);
  if (sk_journal_job_get_bytes_deleted (job) > 0)
    {
      g_string_append (text, " · ");
      /* Translators: %s is a size, "1.2 MB" */
      g_string_append_printf (text, _("%s freed"), size);
    }
  g_string_append_printf (text, " · %s", end_text (job));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_verify (SkHistoryWindow *self)
{
  gboolean can = sk_history_window_get_can_verify (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), can);
  if (self->job != NULL && self->client != NULL && !can && !self->verifying)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->verify_button),
                                 _("Open the account of this deletion to verify it"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->verify_button),
                                 _("List the account again and flag what is still there"));
}

static void
show_list (SkHistoryWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->job);
  g_clear_object (&self->results);
  sk_results_panel_set_results (self->results_panel, NULL, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, self->jobs->len > 0 ? "jobs" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), FALSE);
  adw_window_title_set_subtitle (self->title, NULL);
}

static void
set_verifying (SkHistoryWindow *self,
               gboolean         verifying)
{
  if (self->verifying == verifying)
    return;
  self->verifying = verifying;
  update_verify (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFYING]);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (SkHistoryWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) present = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autofree char *message = NULL;
  g_autofree char *summary = NULL;
  guint n_present;

  present = sk_history_verify_finish (SK_CLIENT (source), result, &error);
  set_verifying (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (present == NULL)
    {
      message = g_strdup_printf (_("Could not verify: %s"), error->message);
      sk_a11y_add_toast (self->toasts, adw_toast_new (message));
      return;
    }
  if (self->results == NULL)
    return;

  sk_history_mark_present (self->results, present);
  /* the panel counts again from its results, now flagged */
  names = sk_history_job_names (self->job);
  summary = sk_history_results_summary (self->job, self->results);
  sk_results_panel_set_results (self->results_panel, self->results, names, summary);
  n_present = sk_results_panel_get_n_still_present (self->results_panel);
  if (n_present == 0)
    message = g_strdup (_("Verified: every deleted item is gone"));
  else
    message = g_strdup_printf (ngettext ("Verified: %u deleted item is still listed",
                                         "Verified: %u deleted items are still listed", n_present),
                               n_present);
  sk_a11y_add_toast (self->toasts, adw_toast_new (message));
}

static void
row_activated_cb (SkHistoryWindow *self,
                  GtkListBoxRow   *row)
{
  sk_history_window_open_job (self, (guint) gtk_list_box_row_get_index (row));
}

/* Back to the list, the keyboard focus on the row of the job left */
static void
back_clicked_cb (SkHistoryWindow *self)
{
  GtkListBoxRow *row = NULL;
  guint index;

  if (self->job != NULL && g_ptr_array_find (self->jobs, self->job, &index))
    row = gtk_list_box_get_row_at_index (self->list, (int) index);
  show_list (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SkHistoryWindow *self = SK_HISTORY_WINDOW (widget);

  if (self->job != NULL)
    back_clicked_cb (self);
}

static void
verify_clicked_cb (SkHistoryWindow *self)
{
  sk_history_window_verify (self);
}

static void
sk_history_window_dispose (GObject *object)
{
  SkHistoryWindow *self = (SkHistoryWindow *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (sk_history_window_parent_class)->dispose (object);
}

static void
sk_history_window_finalize (GObject *object)
{
  SkHistoryWindow *self = (SkHistoryWindow *)object;

  g_clear_object (&self->journal);
  g_clear_object (&self->client);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_object (&self->job);
  g_clear_object (&self->results);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sk_history_window_parent_class)->finalize (object);
}

static void
sk_history_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SkHistoryWindow *self = SK_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VERIFYING:
      g_value_set_boolean (value, self->verifying);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_history_window_class_init (SkHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sk_history_window_dispose;
  object_class->finalize = sk_history_window_finalize;
  object_class->get_property = sk_history_window_get_property;

  /**
   * SkHistoryWindow:verifying:
   *
   * Whether Verify now is listing the account.
   */
  properties[PROP_VERIFYING] =
    g_param_spec_boolean ("verifying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "history.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "history.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sk_history_window_init (SkHistoryWindow *self)
{
  GtkWidget *box, *header, *scrolled, *clamp;

  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Deletion History"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 600);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Deletion History"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->back_button = GTK_BUTTON (gtk_button_new_from_icon_name ("go-previous-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button), _("Back to the deletions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->back_button));
  self->verify_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Verify Now")));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->verify_button));
  gtk_box_append (GTK_BOX (box), header);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  self->stack = GTK_STACK (gtk_stack_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "document-open-recent-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Deletions Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("Every deletion is recorded here, from this window and from the local API"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Deletions"), -1);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "jobs");

  self->results_panel = SK_RESULTS_PANEL (sk_results_panel_new ());
  sk_results_panel_set_retry_enabled (self->results_panel, FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->results_panel), TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->results_panel), "job");

  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_signal_connect_swapped (self->verify_button, "clicked", G_CALLBACK (verify_clicked_cb), self);
  g_signal_connect_swapped (self->results_panel, "close-requested", G_CALLBACK (back_clicked_cb), self);
  sk_a11y_fix_names (GTK_WIDGET (self));
}

SkHistoryWindow *
sk_history_window_new (SkJournal *journal)
{
  SkHistoryWindow *self;

  g_return_val_if_fail (SK_IS_JOURNAL (journal), NULL);

  self = g_object_new (SK_TYPE_HISTORY_WINDOW, NULL);
  self->journal = g_object_ref (journal);
  sk_history_window_reload (self);
  return self;
}

void
sk_history_window_set_account (SkHistoryWindow *self,
                               SkClient        *client,
                               const char      *account_name)
{
  g_return_if_fail (SK_IS_HISTORY_WINDOW (self));
  g_return_if_fail (client == NULL || SK_IS_CLIENT (client));

  g_set_object (&self->client, client);
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  update_verify (self);
}

void
sk_history_window_reload (SkHistoryWindow *self)
{
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (SK_IS_HISTORY_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->jobs, 0);

  jobs = sk_journal_load (self->journal, &error);
  if (jobs == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Deletion History Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  for (guint i = jobs != NULL ? jobs->len : 0; i > 0; i--)
    {
      SkJournalJob *job = g_ptr_array_index (jobs, i - 1);
      g_autofree char *title = row_title (job);
      g_autofree char *subtitle = row_subtitle (job);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* a screen reader says what the deletion did, not only when */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->jobs, g_object_ref (job));
    }
  show_list (self);
}

guint
sk_history_window_get_n_jobs (SkHistoryWindow *self)
{
  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), 0);

  return self->jobs->len;
}

char *
sk_history_window_dup_row_text (SkHistoryWindow *self,
                                guint            index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list, (int) index);
  if (row == NULL)
    return NULL;
  return g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
}

void
sk_history_window_open_job (SkHistoryWindow *self,
                            guint            index)
{
  g_autoptr (GHashTable) names = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (SK_IS_HISTORY_WINDOW (self));
  g_return_if_fail (index < self->jobs->len);

  g_set_object (&self->job, g_ptr_array_index (self->jobs, index));
  g_clear_object (&self->results);
  self->results = sk_history_job_results (self->job);
  names = sk_history_job_names (self->job);
  summary = sk_history_job_summary (self->job);
  sk_results_panel_set_results (self->results_panel, self->results, names, summary);
  title = row_title (self->job);
  adw_window_title_set_subtitle (self->title, title);
  gtk_stack_set_visible_child_name (self->stack, "job");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), TRUE);
  update_verify (self);
}

SkJournalJob *
sk_history_window_get_job (SkHistoryWindow *self)
{
  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), NULL);

  return self->job;
}

SkResultsPanel *
sk_history_window_get_results_panel (SkHistoryWindow *self)
{
  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), NULL);

  return self->results_panel;
}

/* A job can be verified on the open account, when it is the job's */
gboolean
sk_history_window_get_can_verify (SkHistoryWindow *self)
{
  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), FALSE);

  return self->job != NULL && self->client != NULL && !self->verifying &&
         g_strcmp0 (self->account_name, sk_journal_job_get_account (self->job)) == 0;
}

void
sk_history_window_verify (SkHistoryWindow *self)
{
  g_return_if_fail (SK_IS_HISTORY_WINDOW (self));

  if (!sk_history_window_get_can_verify (self))
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_verifying (self, TRUE);
  sk_history_verify_async (self->client, self->job, self->cancellable, verified_cb, g_object_ref (self));
}

gboolean
sk_history_window_get_verifying (SkHistoryWindow *self)
{
  g_return_val_if_fail (SK_IS_HISTORY_WINDOW (self), FALSE);

  return self->verifying;
}
