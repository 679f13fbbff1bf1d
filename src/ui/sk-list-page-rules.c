/* sk-list-page-rules.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-list-page-rules.h"

#include <string.h>

const char *
sk_list_page_rules_state (gboolean has_list,
                          gboolean loading,
                          gboolean failed,
                          guint    n_all,
                          guint    n_shown,
                          gboolean filter_pending)
{
  if (n_all == 0)
    {
      if (loading || !has_list)
        return "loading";
      return failed ? "error" : "empty";
    }
  if (n_shown == 0 && !filter_pending)
    return "no-results";
  return "list";
}

GtkFilterChange
sk_list_page_rules_search_change (const char *before,
                                  const char *after)
{
  if (before == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (after == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (after, before) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (before, after) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

char *
sk_list_page_rules_files_status (guint    n_shown,
                                 guint    n_all,
                                 gboolean loading)
{
  if (loading)
    return g_strdup_printf (ngettext ("Loading… %'u file", "Loading… %'u files", n_all), n_all);
  if (n_shown != n_all)
    /* Translators: "120 of 1,500 files" shown after a search or a filter */
    return g_strdup_printf (ngettext ("%'u of %'u file", "%'u of %'u files", n_all), n_shown, n_all);
  return g_strdup_printf (ngettext ("%'u file", "%'u files", n_all), n_all);
}
