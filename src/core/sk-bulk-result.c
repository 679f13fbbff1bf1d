/* sk-bulk-result.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One input ID of a bulk job and what happened to it. The job creates it
 * PENDING and finishes it once; the same object is in the job's models
 * throughout, and notifies "outcome" when it finishes. */

#include "sk-bulk-result.h"
#include "sk-bulk-result-private.h"

#include "sk-core-enums.h"

struct _SkBulkResult
{
  GObject     parent_instance;

  char       *id;
  SkBulkKind  kind;
  SkOutcome   outcome;
  guint       status_code;
  char       *message;
  guint       attempts;
  guint       requeues;
  gboolean    still_present;
  guint       expiry_days;
  gboolean    ambiguous;   /* an attempt got no clear answer: it may have been deleted */
};

G_DEFINE_FINAL_TYPE (SkBulkResult, sk_bulk_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_OUTCOME,
  PROP_STATUS_CODE,
  PROP_MESSAGE,
  PROP_ATTEMPTS,
  PROP_STILL_PRESENT,
  PROP_EXPIRY_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sk_bulk_result_finalize (GObject *object)
{
  SkBulkResult *self = SK_BULK_RESULT (object);

  g_free (self->id);
  g_free (self->message);

  G_OBJECT_CLASS (sk_bulk_result_parent_class)->finalize (object);
}

static void
sk_bulk_result_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SkBulkResult *self = SK_BULK_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, self->status_code);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_STILL_PRESENT:
      g_value_set_boolean (value, self->still_present);
      break;
    case PROP_EXPIRY_DAYS:
      g_value_set_uint (value, self->expiry_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sk_bulk_result_class_init (SkBulkResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sk_bulk_result_finalize;
  object_class->get_property = sk_bulk_result_get_property;

  /**
   * SkBulkResult:id:
   *
   * The input ID.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:kind:
   *
   * What is done to the ID (an #SkBulkKind).
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SK_TYPE_BULK_KIND, SK_BULK_DELETE_FILES,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:outcome:
   *
   * What happened to the ID (an #SkOutcome); notified when it changes.
   */
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL,
                       SK_TYPE_OUTCOME, SK_OUTCOME_PENDING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:status-code:
   *
   * The HTTP status of the failure: the upstream status, 502 when no
   * HTTP answer came, 504 on a timeout; 0 otherwise.
   */
  properties[PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, NULL,
                       0, 999, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:message:
   *
   * OpenAI's error message, or a sentence for transport errors.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:attempts:
   *
   * How many requests were started for the ID.
   */
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:still-present:
   *
   * %TRUE when the verification pass found the ID still listed.
   */
  properties[PROP_STILL_PRESENT] =
    g_param_spec_boolean ("still-present", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkResult:expiry-days:
   *
   * For %SK_BULK_STORE_EXPIRY: the days after their last activity the
   * store expires with the policy the job sets; 0 when it clears it.
   */
  properties[PROP_EXPIRY_DAYS] =
    g_param_spec_uint ("expiry-days", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sk_bulk_result_init (SkBulkResult *self)
{
}

/**
 * sk_bulk_result_new:
 * @id: the input ID
 * @kind: what the job does to it
 *
 * Returns: (transfer full): a new result, %SK_OUTCOME_PENDING
 */
SkBulkResult *
sk_bulk_result_new (const char *id,
                    SkBulkKind  kind)
{
  SkBulkResult *self = g_object_new (SK_TYPE_BULK_RESULT, NULL);

  self->id = g_strdup (id);
  self->kind = kind;
  return self;
}

const char *
sk_bulk_result_get_id (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), NULL);
  return self->id;
}

SkBulkKind
sk_bulk_result_get_kind (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), SK_BULK_DELETE_FILES);
  return self->kind;
}

SkOutcome
sk_bulk_result_get_outcome (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), SK_OUTCOME_PENDING);
  return self->outcome;
}

guint
sk_bulk_result_get_status_code (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->status_code;
}

const char *
sk_bulk_result_get_message (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), NULL);
  return self->message;
}

guint
sk_bulk_result_get_attempts (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->attempts;
}

gboolean
sk_bulk_result_get_still_present (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), FALSE);
  return self->still_present;
}

guint
sk_bulk_result_get_expiry_days (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->expiry_days;
}

/* Set once, right after the result is created */
void
sk_bulk_result_set_expiry_days (SkBulkResult *self,
                                guint         days)
{
  g_return_if_fail (SK_IS_BULK_RESULT (self));
  self->expiry_days = days;
}

void
sk_bulk_result_set_outcome (SkBulkResult *self,
                            SkOutcome     outcome,
                            guint         status_code,
                            const char   *message)
{
  g_return_if_fail (SK_IS_BULK_RESULT (self));

  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  if (self->status_code != status_code)
    {
      self->status_code = status_code;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_CODE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

void
sk_bulk_result_add_attempt (SkBulkResult *self)
{
  g_return_if_fail (SK_IS_BULK_RESULT (self));

  self->attempts++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

/* How many times a rate-limited request of the ID went back to the queue. */
guint
sk_bulk_result_get_requeues (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), 0);
  return self->requeues;
}

void
sk_bulk_result_add_requeue (SkBulkResult *self)
{
  g_return_if_fail (SK_IS_BULK_RESULT (self));
  self->requeues++;
}

/* TRUE once an attempt got no clear answer: the ID may have been deleted. */
gboolean
sk_bulk_result_get_ambiguous (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), FALSE);
  return self->ambiguous;
}

void
sk_bulk_result_set_ambiguous (SkBulkResult *self)
{
  g_return_if_fail (SK_IS_BULK_RESULT (self));
  self->ambiguous = TRUE;
}

/* Flags a DELETED result that the verification pass still found listed.
 * Returns TRUE when it was not flagged yet (and is now). */
gboolean
sk_bulk_result_mark_still_present (SkBulkResult *self)
{
  g_return_val_if_fail (SK_IS_BULK_RESULT (self), FALSE);

  if (self->outcome != SK_OUTCOME_DELETED || self->still_present)
    return FALSE;

  self->still_present = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STILL_PRESENT]);
  return TRUE;
}
