/* sk-file-reader.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-file-reader.h"

#include <string.h>

#include "sk-file-private.h"

/* A recursive-descent reader over [p, end). Every string it reads is
 * checked as UTF-8 and every value follows the JSON grammar, so that a
 * page it reads is one json-glib reads too; members that SkFile does not
 * keep are checked and skipped. */

/* Nesting accepted inside a skipped member (OpenAI's go 2 or 3 deep) */
#define MAX_SKIP_DEPTH 32

/* More digits could overflow a gint64 */
#define MAX_DIGITS 18

typedef struct
{
  const char *p;
  const char *end;
  GString    *scratch;
} Reader;

typedef enum
{
  FIELD_ID,
  FIELD_FILENAME,
  FIELD_PURPOSE,
  FIELD_STATUS,
  FIELD_BYTES,
  FIELD_CREATED_AT,
  FIELD_EXPIRES_AT,
  N_FIELDS,
  FIELD_OTHER = N_FIELDS,
} Field;

static const char *field_names[N_FIELDS] = {
  "id", "filename", "purpose", "status", "bytes", "created_at", "expires_at",
};

static inline void
skip_ws (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static inline gboolean
eat (Reader *r,
     char    c)
{
  skip_ws (r);
  if (r->p >= r->end || *r->p != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static inline gboolean
peek (Reader *r,
      char    c)
{
  skip_ws (r);
  return r->p < r->end && *r->p == c;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The escapes from @p, the string's first backslash, to its closing
 * quote, into r->scratch after @start .. @p; returns the closing quote */
static const char *
decode_escapes (Reader     *r,
                const char *start,
                const char *p)
{
  g_string_truncate (r->scratch, 0);
  g_string_append_len (r->scratch, start, p - start);

  while (p < r->end && *p != '"')
    {
      gunichar u = 0;

      if ((guchar) *p < 0x20)
        return NULL;
      if (*p != '\\')
        {
          g_string_append_c (r->scratch, *p++);
          continue;
        }

      if (++p >= r->end)
        return NULL;
      switch (*p)
        {
        case '"':
        case '\\':
        case '/':
          g_string_append_c (r->scratch, *p);
          break;
        case 'b':
          g_string_append_c (r->scratch, '\b');
          break;
        case 'f':
          g_string_append_c (r->scratch, '\f');
          break;
        case 'n':
          g_string_append_c (r->scratch, '\n');
          break;
        case 'r':
          g_string_append_c (r->scratch, '\r');
          break;
        case 't':
          g_string_append_c (r->scratch, '\t');
          break;
        case 'u':
          if (r->end - p < 5)
            return NULL;
          for (guint i = 1; i <= 4; i++)
            {
              int v = hex_value (p[i]);

              if (v < 0)
                return NULL;
              u = u * 16 + v;
            }
          /* json-glib ends a string at \u0000 and has its own ways with
           * surrogates: left to it */
          if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
            return NULL;
          g_string_append_unichar (r->scratch, u);
          p += 4;
          break;
        default:
          return NULL;
        }
      p++;
    }

  return p < r->end ? p : NULL;
}

/* A string, decoded into *@out (when not NULL) */
static gboolean
read_string (Reader  *r,
             char   **out)
{
  const char *start, *p;

  skip_ws (r);
  if (r->p >= r->end || *r->p != '"')
    return FALSE;

  start = p = r->p + 1;
  while (p < r->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;
  if (p >= r->end || (guchar) *p < 0x20)
    return FALSE;

  if (*p == '"')
    {
      if (!g_utf8_validate_len (start, p - start, NULL))
        return FALSE;
      if (out != NULL)
        *out = g_strndup (start, p - start);
    }
  else
    {
      p = decode_escapes (r, start, p);
      if (p == NULL || !g_utf8_validate_len (r->scratch->str, r->scratch->len, NULL))
        return FALSE;
      if (out != NULL)
        *out = g_strndup (r->scratch->str, r->scratch->len);
    }

  r->p = p + 1;
  return TRUE;
}

/* A member name without escapes: its bytes in @start, @len */
static gboolean
read_name (Reader      *r,
           const char **start,
           gsize       *len)
{
  const char *p;

  skip_ws (r);
  if (r->p >= r->end || *r->p != '"')
    return FALSE;

  p = *start = r->p + 1;
  while (p < r->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;
  if (p >= r->end || *p != '"' || !g_utf8_validate_len (*start, p - *start, NULL))
    return FALSE;

  *len = p - *start;
  r->p = p + 1;
  return eat (r, ':');
}

/* A number; *@integral when it has no fraction nor exponent and fits
 * (then its value is in *@value). Exponents are left to json-glib. */
static gboolean
read_number (Reader   *r,
             gint64   *value,
             gboolean *integral)
{
  const char *p;
  gboolean negative = FALSE;
  guint n_digits = 0;
  gint64 v = 0;

  skip_ws (r);
  p = r->p;
  if (p < r->end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= r->end || !g_ascii_isdigit (*p))
    return FALSE;

  if (*p == '0')
    p++;
  else
    while (p < r->end && g_ascii_isdigit (*p))
      {
        if (++n_digits > MAX_DIGITS)
          return FALSE;
        v = v * 10 + (*p++ - '0');
      }

  *integral = TRUE;
  if (p < r->end && *p == '.')
    {
      *integral = FALSE;
      if (++p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        {
          p++;
          if (++n_digits > MAX_DIGITS)
            return FALSE;
        }
    }
  if (p < r->end && (*p == 'e' || *p == 'E'))
    return FALSE;

  *value = negative ? -v : v;
  r->p = p;
  return TRUE;
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize len = strlen (word);

  skip_ws (r);
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static gboolean
skip_value (Reader *r,
            guint   depth)
{
  gint64 value;
  gboolean integral;

  skip_ws (r);
  if (r->p >= r->end)
    return FALSE;

  switch (*r->p)
    {
    case '"':
      return read_string (r, NULL);
    case 't':
      return read_word (r, "true");
    case 'f':
      return read_word (r, "false");
    case 'n':
      return read_word (r, "null");
    case '{':
      if (depth >= MAX_SKIP_DEPTH)
        return FALSE;
      r->p++;
      if (eat (r, '}'))
        return TRUE;
      do
        {
          const char *name;
          gsize len;

          if (!read_name (r, &name, &len) || !skip_value (r, depth + 1))
            return FALSE;
        }
      while (eat (r, ','));
      return eat (r, '}');
    case '[':
      if (depth >= MAX_SKIP_DEPTH)
        return FALSE;
      r->p++;
      if (eat (r, ']'))
        return TRUE;
      do
        {
          if (!skip_value (r, depth + 1))
            return FALSE;
        }
      while (eat (r, ','));
      return eat (r, ']');
    default:
      return read_number (r, &value, &integral);
    }
}

static Field
field_of (const char *name,
          gsize       len)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (len == strlen (field_names[i]) && memcmp (name, field_names[i], len) == 0)
      return i;
  return FIELD_OTHER;
}

/* One file object; NULL when it is not read */
static SkFile *
read_file (Reader *r)
{
  char *strings[FIELD_BYTES] = { NULL };
  gint64 numbers[N_FIELDS - FIELD_BYTES] = { 0 };
  guint seen = 0;

  if (!eat (r, '{') || peek (r, '}'))
    goto fail;

  do
    {
      const char *name;
      gsize len;
      Field field;

      if (!read_name (r, &name, &len))
        goto fail;

      field = field_of (name, len);
      if (field == FIELD_OTHER)
        {
          if (!skip_value (r, 1))
            goto fail;
          continue;
        }

      /* which of two equal members counts is json-glib's business */
      if (seen & (1u << field))
        goto fail;
      seen |= 1u << field;

      skip_ws (r);
      if (field < FIELD_BYTES && peek (r, '"'))
        {
          if (!read_string (r, &strings[field]))
            goto fail;
        }
      else if (field >= FIELD_BYTES && r->p < r->end && (*r->p == '-' || g_ascii_isdigit (*r->p)))
        {
          gboolean integral;

          /* 1.7e9 or 1700000000.0: sk_json_get_int() reads doubles */
          if (!read_number (r, &numbers[field - FIELD_BYTES], &integral) || !integral)
            goto fail;
        }
      /* null, or a value of another type: the field keeps its default */
      else if (!skip_value (r, 1))
        {
          goto fail;
        }
    }
  while (eat (r, ','));

  if (!eat (r, '}') || strings[FIELD_ID] == NULL || strings[FIELD_ID][0] == '\0')
    goto fail;

  return sk_file_new_take (strings[FIELD_ID], strings[FIELD_FILENAME],
                           numbers[FIELD_BYTES - FIELD_BYTES],
                           numbers[FIELD_CREATED_AT - FIELD_BYTES],
                           numbers[FIELD_EXPIRES_AT - FIELD_BYTES],
                           strings[FIELD_PURPOSE], strings[FIELD_STATUS]);

fail:
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_free (strings[i]);
  return NULL;
}

static gboolean
read_data (Reader    *r,
           guint      max_items,
           GPtrArray *files,
           guint     *n_items)
{
  if (!eat (r, '['))
    return FALSE;
  if (eat (r, ']'))
    return TRUE;

  do
    {
      /* past max_items, json-glib's path does not read the files */
      if (max_items > 0 && *n_items >= max_items)
        {
          if (!peek (r, '{') || !skip_value (r, 0))
            return FALSE;
        }
      else
        {
          SkFile *file = read_file (r);

          if (file == NULL)
            return FALSE;
          g_ptr_array_add (files, file);
        }
      (*n_items)++;
    }
  while (eat (r, ','));

  return eat (r, ']');
}

gboolean
sk_file_reader_read_page (const char  *data,
                          gsize        length,
                          guint        max_items,
                          GPtrArray  **files,
                          guint       *n_items,
                          gboolean    *has_more)
{
  g_autoptr (GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GString) scratch = g_string_new (NULL);
  Reader r = { data, data + length, scratch };
  gboolean seen_data = FALSE, seen_has_more = FALSE, more = FALSE;
  guint n = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (files != NULL && n_items != NULL && has_more != NULL, FALSE);

  if (!eat (&r, '{'))
    return FALSE;

  if (!eat (&r, '}'))
    {
      do
        {
          const char *name;
          gsize len;

          if (!read_name (&r, &name, &len))
            return FALSE;

          if (len == 4 && memcmp (name, "data", 4) == 0)
            {
              if (seen_data || !read_data (&r, max_items, read, &n))
                return FALSE;
              seen_data = TRUE;
            }
          else if (len == 8 && memcmp (name, "has_more", 8) == 0)
            {
              if (seen_has_more)
                return FALSE;
              seen_has_more = TRUE;
              more = peek (&r, 't') && read_word (&r, "true");
              if (!more && !skip_value (&r, 1))
                return FALSE;
            }
          else if (!skip_value (&r, 1))
            {
              return FALSE;
            }
        }
      while (eat (&r, ','));

      if (!eat (&r, '}'))
        return FALSE;
    }

  skip_ws (&r);
  if (r.p != r.end || !seen_data)
    return FALSE;

  *files = g_steal_pointer (&read);
  *n_items = n;
  *has_more = more;
  return TRUE;
}
