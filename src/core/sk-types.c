/* sk-types.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Enum values to strings and back, through the nicks of their GEnumClass
 * (set in sk-types.h, registered by sk-core-enums.c): one table per enum,
 * the one the GType system already has. */

#include "config.h"

#include "sk-types.h"

/**
 * sk_enum_get_nick:
 * @enum_type: a registered enum type, e.g. %SK_TYPE_OUTCOME
 * @value: one of its values
 *
 * Returns: (nullable): the nick of @value (a static string), or %NULL when
 *   @value is not a value of @enum_type
 */
const char *
sk_enum_get_nick (GType enum_type,
                  int   value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  /* The strings of a static enum type live as long as the program. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * sk_enum_get_value_by_nick:
 * @enum_type: a registered enum type
 * @nick: (nullable): the string to read
 * @value: (out) (optional): the value named @nick; untouched when none is
 *
 * Returns: %TRUE when @nick is the nick of a value of @enum_type
 *   (case-sensitive)
 */
gboolean
sk_enum_get_value_by_nick (GType       enum_type,
                           const char *nick,
                           int        *value)
{
  g_autoptr (GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  if (value != NULL)
    *value = enum_value->value;
  return TRUE;
}

/**
 * sk_bulk_kind_is_deletion:
 * @kind: a bulk kind
 *
 * Returns: %TRUE when @kind deletes (or detaches) what its IDs name,
 *   %FALSE when it changes them in place (%SK_BULK_STORE_EXPIRY)
 */
gboolean
sk_bulk_kind_is_deletion (SkBulkKind kind)
{
  return kind != SK_BULK_STORE_EXPIRY;
}
