/* sk-account-list.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sk-account-list.h"

/* The list of stored accounts in the settings key "accounts", in the
 * order they were added. A name appears once. */

#define KEY "accounts"

/**
 * sk_account_list_load:
 *
 * Returns: (transfer full) (element-type SkAccountProfile): the stored
 *   accounts, in order; entries of an unknown provider are left out
 */
GPtrArray *
sk_account_list_load (GSettings *settings)
{
  g_autoptr (GVariant) list = NULL;
  GPtrArray *profiles;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) sk_account_profile_free);
  list = g_settings_get_value (settings, KEY);
  g_variant_iter_init (&iter, list);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      SkAccountProfile *profile = sk_account_profile_new_from_variant (child);

      if (profile != NULL)
        g_ptr_array_add (profiles, profile);
      g_variant_unref (child);
    }

  return profiles;
}

static gint
index_of (GPtrArray  *profiles,
          const char *name)
{
  for (guint i = 0; name != NULL && i < profiles->len; i++)
    if (g_str_equal (((SkAccountProfile *) g_ptr_array_index (profiles, i))->name, name))
      return (gint) i;

  return -1;
}

static void
save (GSettings *settings,
      GPtrArray *profiles)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" SK_ACCOUNT_PROFILE_VARIANT_TYPE));
  for (guint i = 0; i < profiles->len; i++)
    g_variant_builder_add_value (&builder,
                                 sk_account_profile_to_variant (g_ptr_array_index (profiles, i)));
  g_settings_set_value (settings, KEY, g_variant_builder_end (&builder));
}

/**
 * sk_account_list_find:
 * @name: (nullable): an account's name
 *
 * Returns: (transfer full) (nullable): the stored account named @name
 */
SkAccountProfile *
sk_account_list_find (GSettings  *settings,
                      const char *name)
{
  g_autoptr (GPtrArray) profiles = NULL;
  gint i;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  profiles = sk_account_list_load (settings);
  i = index_of (profiles, name);
  return i < 0 ? NULL : sk_account_profile_copy (g_ptr_array_index (profiles, i));
}

/**
 * sk_account_list_put:
 * @profile: the account to store
 * @replaces: (nullable): the name of the stored account @profile replaces
 *   (an edit, maybe a rename), in its place; %NULL: @profile is added last
 *
 * Stores @profile after sk_account_profile_check(). Its name must not be
 * taken by another stored account.
 *
 * Returns: %TRUE when stored; else %FALSE with @error
 *   (%G_IO_ERROR_INVALID_ARGUMENT, %G_IO_ERROR_EXISTS or
 *   %G_IO_ERROR_NOT_FOUND when @replaces is not stored)
 */
gboolean
sk_account_list_put (GSettings               *settings,
                     const SkAccountProfile  *profile,
                     const char              *replaces,
                     GError                 **error)
{
  g_autoptr (GPtrArray) profiles = NULL;
  gint existing;
  gint replaced = -1;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!sk_account_profile_check (profile, error))
    return FALSE;

  profiles = sk_account_list_load (settings);
  existing = index_of (profiles, profile->name);
  if (replaces != NULL)
    {
      replaced = index_of (profiles, replaces);
      if (replaced < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       /* Translators: %s is the name of an account */
                       _("There is no account named “%s”"), replaces);
          return FALSE;
        }
    }

  if (existing >= 0 && existing != replaced)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is the name of an account */
                   _("There is already an account named “%s”"), profile->name);
      return FALSE;
    }

  if (replaced >= 0)
    {
      sk_account_profile_free (g_ptr_array_index (profiles, replaced));
      g_ptr_array_index (profiles, replaced) = sk_account_profile_copy (profile);
    }
  else
    {
      g_ptr_array_add (profiles, sk_account_profile_copy (profile));
    }

  save (settings, profiles);
  return TRUE;
}

/**
 * sk_account_list_remove:
 * @name: an account's name
 *
 * Returns: %TRUE when an account named @name was stored (it no longer is)
 */
gboolean
sk_account_list_remove (GSettings  *settings,
                        const char *name)
{
  g_autoptr (GPtrArray) profiles = NULL;
  gint i;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  profiles = sk_account_list_load (settings);
  i = index_of (profiles, name);
  if (i < 0)
    return FALSE;

  g_ptr_array_remove_index (profiles, i);
  save (settings, profiles);
  return TRUE;
}
