/* sk-settings.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-settings.h"

GSettings *
sk_settings_new (void)
{
  static GSettingsSchema *schema = NULL;

  if (schema == NULL)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema == NULL)
        g_error ("The GSettings schema %s is not installed (from a build tree: "
                 "meson devenv -C _build storekeeper)", APP_ID);
    }

  return g_settings_new_full (schema, NULL, NULL);
}
