/* sk-stores-page.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-stores-page.h"

#include "sk-vector-store.h"
#include "sk-format.h"

struct _SkStoresPage
{
  SkListPage           parent_instance;

  SkStoragePrice       price;
  GtkColumnViewColumn *cost_column;
};

G_DEFINE_FINAL_TYPE (SkStoresPage, sk_stores_page, SK_TYPE_LIST_PAGE)

enum {
  STORE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cells */

#define STORE(x) SK_VECTOR_STORE (x)

static char *
name_text (GObject *item, gpointer data, const char **css)
{
  if (sk_vector_store_get_name (STORE (item)) == NULL
      || *sk_vector_store_get_name (STORE (item)) == '\0')
    {
      *css = "dim-label";
      return g_strdup (sk_vector_store_get_id (STORE (item)));
    }
  return g_strdup (sk_vector_store_get_name (STORE (item)));
}

static char *
dup_display_name (SkVectorStore *store)
{
  return g_strdup (sk_vector_store_get_display_name (store));
}

static char *
id_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  return g_strdup (sk_vector_store_get_id (STORE (item)));
}

static char *
files_text (GObject *item, gpointer data, const char **css)
{
  SkVectorStore *store = STORE (item);
  long long completed = sk_vector_store_get_files_completed (store);
  long long total = sk_vector_store_get_files_total (store);
  long long failed = sk_vector_store_get_files_failed (store);
  g_autofree char *counts = NULL;

  /* Translators: completed files / all files of a vector store */
  counts = g_strdup_printf (_("%lld/%lld"), completed, total);
  if (failed <= 0)
    return g_steal_pointer (&counts);

  *css = "warning";
  /* Translators: "12/15 · 3 failed" */
  return g_strdup_printf (ngettext ("%s · %lld failed", "%s · %lld failed", (gulong) failed),
                          counts, failed);
}

static char *
usage_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_size (sk_vector_store_get_usage_bytes (STORE (item)));
}

/* The store's own share: the free allowance belongs to the account */
static char *
cost_text (GObject *item, gpointer data, const char **css)
{
  SkStoresPage *self = data;
  gint64 bytes = sk_vector_store_get_usage_bytes (STORE (item));

  if (bytes <= 0)
    *css = "dim-label";
  return sk_format_money (SK_DAYS_PER_MONTH * self->price.per_gb_day * MAX (bytes, 0) / SK_BYTES_PER_GB);
}

static char *
status_text (GObject *item, gpointer data, const char **css)
{
  const char *status = sk_vector_store_get_status (STORE (item));

  if (g_strcmp0 (status, "completed") == 0)
    /* Translators: status of a vector store */
    return g_strdup (C_("store status", "Ready"));
  if (g_strcmp0 (status, "in_progress") == 0)
    return g_strdup (C_("store status", "Processing"));
  if (g_strcmp0 (status, "expired") == 0)
    {
      *css = "error";
      return g_strdup (C_("store status", "Expired"));
    }
  return g_strdup (status);
}

static char *
last_active_text (GObject *item, gpointer data, const char **css)
{
  return sk_format_date (sk_vector_store_get_last_active_at (STORE (item)), NULL);
}

static char *
expires_text (GObject *item, gpointer data, const char **css)
{
  *css = "dim-label";
  /* Translators: a vector store that never expires */
  return sk_format_date (sk_vector_store_get_expires_at (STORE (item)), _("Never"));
}

/* SkListPage */

static gboolean
sk_stores_page_match_search (SkListPage *page,
                             gpointer    item,
                             const char *folded)
{
  return sk_format_matches (sk_vector_store_get_name (item), folded)
         || sk_format_matches (sk_vector_store_get_id (item), folded);
}

static gint64
sk_stores_page_get_item_size (SkListPage *page,
                              gpointer    item)
{
  return sk_vector_store_get_usage_bytes (item);
}

static const char *
sk_stores_page_get_item_id (SkListPage *page,
                            gpointer    item)
{
  return sk_vector_store_get_id (item);
}

static char *
sk_stores_page_dup_status (SkListPage *page,
                           guint       n_shown,
                           guint       n_all,
                           gboolean    loading)
{
  if (loading)
    return g_strdup_printf (ngettext ("Loading… %'u vector store", "Loading… %'u vector stores", n_all), n_all);
  if (n_shown != n_all)
    /* Translators: "12 of 60 vector stores" shown after a search */
    return g_strdup_printf (ngettext ("%'u of %'u vector store", "%'u of %'u vector stores", n_all), n_shown, n_all);
  return g_strdup_printf (ngettext ("%'u vector store", "%'u vector stores", n_all), n_all);
}

static void
sk_stores_page_class_init (SkStoresPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SkListPageClass *page_class = SK_LIST_PAGE_CLASS (klass);

  page_class->item_type = SK_TYPE_VECTOR_STORE;
  page_class->columns_key = "stores-columns";
  page_class->error_title = N_("Could Not Load Vector Stores");
  page_class->match_search = sk_stores_page_match_search;
  page_class->get_item_size = sk_stores_page_get_item_size;
  page_class->get_item_id = sk_stores_page_get_item_id;
  page_class->dup_status = sk_stores_page_dup_status;

  /**
   * SkStoresPage::store-activated:
   * @self: the page
   * @store: the #SkVectorStore of the activated row
   *
   * A row was activated: the store is to be opened.
   */
  signals[STORE_ACTIVATED] =
    g_signal_new ("store-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SK_TYPE_VECTOR_STORE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/sk-stores-page.ui");
}

static void
sk_stores_page_init (SkStoresPage *self)
{
  GtkColumnView *view;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->price = SK_STORAGE_PRICE_DEFAULT;

  view = sk_list_page_get_column_view (SK_LIST_PAGE (self));
  /* by the name shown: the ID when there is no name ("name" may be NULL) */
  sk_format_add_column (view, "name", _("Name"), name_text, self,
                        GTK_SORTER (gtk_string_sorter_new (
                          gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                       G_CALLBACK (dup_display_name), NULL, NULL))),
                        TRUE, FALSE);
  sk_format_add_column (view, "id", _("ID"), id_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE, "id", FALSE),
                        FALSE, FALSE);
  sk_format_add_column (view, "files", _("Files"), files_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "files-total"), FALSE, TRUE);
  sk_format_add_column (view, "usage", _("Usage"), usage_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "usage-bytes"), FALSE, TRUE);
  /* Translators: a column: what each store's storage costs a month, estimated */
  self->cost_column = sk_format_add_column (view, "cost", _("Est. Cost / Month"), cost_text, self,
                                            sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "usage-bytes"),
                                            FALSE, TRUE);
  sk_format_add_column (view, "status", _("Status"), status_text, self,
                        sk_format_string_sorter (SK_TYPE_VECTOR_STORE, "status", FALSE), FALSE, FALSE);
  sk_format_add_column (view, "last-active", _("Last Active"), last_active_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "last-active-at"),
                        FALSE, TRUE);
  sk_format_add_column (view, "expires", _("Expires"), expires_text, self,
                        sk_format_numeric_sorter (SK_TYPE_VECTOR_STORE, "expires-at"), FALSE, TRUE);

  g_signal_connect_swapped (view, "activate", G_CALLBACK (sk_stores_page_activate_position), self);

  sk_list_page_sort_by (SK_LIST_PAGE (self), "last-active", GTK_SORT_DESCENDING);
}

GtkWidget *
sk_stores_page_new (void)
{
  return g_object_new (SK_TYPE_STORES_PAGE, NULL);
}

void
sk_stores_page_activate_position (SkStoresPage *self,
                                  guint         position)
{
  g_autoptr (SkVectorStore) store = NULL;

  g_return_if_fail (SK_IS_STORES_PAGE (self));

  store = g_list_model_get_item (G_LIST_MODEL (sk_list_page_get_selection (SK_LIST_PAGE (self))), position);
  if (store != NULL)
    g_signal_emit (self, signals[STORE_ACTIVATED], 0, store);
}

/**
 * sk_stores_page_set_price:
 * @self: the page
 * @price: the price behind the cost column (from the settings)
 */
void
sk_stores_page_set_price (SkStoresPage         *self,
                          const SkStoragePrice *price)
{
  g_return_if_fail (SK_IS_STORES_PAGE (self));
  g_return_if_fail (price != NULL);

  if (self->price.per_gb_day == price->per_gb_day && self->price.free_gb == price->free_gb)
    return;
  self->price = *price;
  sk_format_refresh_column (self->cost_column);
}
