/* sk-object-private.h
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Property setters of the core: set *@field to @value and notify @pspec,
 * only when the value changes (for G_PARAM_EXPLICIT_NOTIFY properties). */

static inline void
sk_object_set_uint (GObject    *object,
                    guint      *field,
                    guint       value,
                    GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static inline void
sk_object_set_boolean (GObject    *object,
                       gboolean   *field,
                       gboolean    value,
                       GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static inline void
sk_object_set_double (GObject    *object,
                      double     *field,
                      double      value,
                      GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static inline void
sk_object_set_string (GObject    *object,
                      char      **field,
                      const char *value,
                      GParamSpec *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

/* The read-only properties of the models (SkFile, SkVectorStore, ...). */

static inline GParamSpec *
sk_param_spec_readable_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static inline GParamSpec *
sk_param_spec_readable_int64 (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

G_END_DECLS
