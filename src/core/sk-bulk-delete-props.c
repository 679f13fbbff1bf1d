/* sk-bulk-delete-props.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GObject properties of SkBulkDelete: their specs, and reading and
 * writing them. The engine itself is in sk-bulk-delete.c. */

#include "config.h"

#include "sk-bulk-delete-props.h"

#include "sk-core-enums.h"

GParamSpec *_sk_bulk_delete_properties[N_PROPS];

void
_sk_bulk_delete_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_VECTOR_STORE_ID:
      g_value_set_string (value, self->vector_store_id);
      break;
    case PROP_MAX_IN_FLIGHT:
      g_value_set_uint (value, sk_bulk_pacer_get_max_in_flight (self->pacer));
      break;
    case PROP_VERIFY:
      g_value_set_boolean (value, self->verify);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, sk_bulk_delete_get_n_done (self));
      break;
    case PROP_N_SUCCEEDED:
      g_value_set_uint (value, self->n_succeeded);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_failed);
      break;
    case PROP_N_CANCELLED:
      g_value_set_uint (value, self->n_cancelled);
      break;
    case PROP_N_IN_FLIGHT:
      g_value_set_uint (value, sk_bulk_delete_get_n_in_flight (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, sk_bulk_delete_get_elapsed (self));
      break;
    case PROP_ETA:
      g_value_set_double (value, sk_bulk_delete_get_eta (self));
      break;
    case PROP_CURRENT_LIMIT:
      g_value_set_uint (value, sk_bulk_pacer_get_limit (self->pacer));
      break;
    case PROP_N_RATE_LIMITED:
      g_value_set_uint (value, self->sender != NULL ? sk_bulk_sender_get_n_rate_limited (self->sender) : 0);
      break;
    case PROP_N_STILL_PRESENT:
      g_value_set_uint (value, self->n_still_present);
      break;
    case PROP_VERIFIED:
      g_value_set_boolean (value, self->verified);
      break;
    case PROP_EXPIRY_DAYS:
      g_value_set_uint (value, self->expiry_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_sk_bulk_delete_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SkBulkDelete *self = SK_BULK_DELETE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_VECTOR_STORE_ID:
      self->vector_store_id = g_value_dup_string (value);
      break;
    case PROP_EXPIRY_DAYS:
      self->expiry_days = g_value_get_uint (value);
      break;
    case PROP_MAX_IN_FLIGHT:
      sk_bulk_delete_set_max_in_flight (self, g_value_get_uint (value));
      break;
    case PROP_VERIFY:
      sk_bulk_delete_set_verify (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Installs the properties of SkBulkDelete on @object_class */
void
_sk_bulk_delete_install_properties (GObjectClass *object_class)
{
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * SkBulkDelete:client:
   *
   * The client the requests are sent with.
   */
  _sk_bulk_delete_properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         SK_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkDelete:kind:
   *
   * What the job does to each ID (an #SkBulkKind).
   */
  _sk_bulk_delete_properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SK_TYPE_BULK_KIND, SK_BULK_DELETE_FILES,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkDelete:vector-store-id:
   *
   * The store whose files are detached, for %SK_BULK_DETACH_FILES.
   */
  _sk_bulk_delete_properties[PROP_VECTOR_STORE_ID] =
    g_param_spec_string ("vector-store-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkDelete:max-in-flight:
   *
   * The most requests in flight at once (1..64): the cap of the adaptive
   * limit, which starts at 8 (or the cap, if lower).
   */
  _sk_bulk_delete_properties[PROP_MAX_IN_FLIGHT] =
    g_param_spec_uint ("max-in-flight", NULL, NULL,
                       1, SK_BULK_PACER_MAX_IN_FLIGHT, SK_BULK_PACER_DEFAULT_MAX,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkDelete:verify:
   *
   * Whether the job lists the objects again once done and flags the
   * deleted IDs still present.
   */
  _sk_bulk_delete_properties[PROP_VERIFY] =
    g_param_spec_boolean ("verify", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SkBulkDelete:n-total:
   *
   * The number of distinct input IDs.
   */
  _sk_bulk_delete_properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-done:
   *
   * The number of IDs finished, whatever their outcome.
   */
  _sk_bulk_delete_properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-succeeded:
   *
   * The number of IDs deleted (or detached; for %SK_BULK_STORE_EXPIRY,
   * changed).
   */
  _sk_bulk_delete_properties[PROP_N_SUCCEEDED] =
    g_param_spec_uint ("n-succeeded", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-failed:
   *
   * The number of IDs that failed.
   */
  _sk_bulk_delete_properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-cancelled:
   *
   * The number of IDs left alone because the job was cancelled.
   */
  _sk_bulk_delete_properties[PROP_N_CANCELLED] =
    g_param_spec_uint ("n-cancelled", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-in-flight:
   *
   * The number of requests in flight.
   */
  _sk_bulk_delete_properties[PROP_N_IN_FLIGHT] =
    g_param_spec_uint ("n-in-flight", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:running:
   *
   * Whether the job runs.
   */
  _sk_bulk_delete_properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  /**
   * SkBulkDelete:elapsed:
   *
   * Seconds since the job started (until it ended); notified as time
   * passes.
   */
  _sk_bulk_delete_properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  /**
   * SkBulkDelete:eta:
   *
   * Estimated seconds left, -1 when unknown.
   */
  _sk_bulk_delete_properties[PROP_ETA] =
    g_param_spec_double ("eta", NULL, NULL, -1, G_MAXDOUBLE, -1, ro);
  /**
   * SkBulkDelete:current-limit:
   *
   * The adaptive in-flight limit: it starts at 8, grows while answers
   * come without 429 and with a steady latency, and is lowered after 429
   * answers and when the latency rises.
   */
  _sk_bulk_delete_properties[PROP_CURRENT_LIMIT] =
    g_param_spec_uint ("current-limit", NULL, NULL, 0, SK_BULK_PACER_MAX_IN_FLIGHT, 8, ro);
  /**
   * SkBulkDelete:n-rate-limited:
   *
   * The number of 429 answers seen.
   */
  _sk_bulk_delete_properties[PROP_N_RATE_LIMITED] =
    g_param_spec_uint ("n-rate-limited", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:n-still-present:
   *
   * The number of results the verification pass flagged still present.
   */
  _sk_bulk_delete_properties[PROP_N_STILL_PRESENT] =
    g_param_spec_uint ("n-still-present", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /**
   * SkBulkDelete:verified:
   *
   * Whether the verification pass completed (a failed list leaves it
   * %FALSE).
   */
  _sk_bulk_delete_properties[PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL, FALSE, ro);
  /**
   * SkBulkDelete:expiry-days:
   *
   * For %SK_BULK_STORE_EXPIRY: the store expires that many days after its
   * last activity (1..365); 0 clears its expiry policy.
   */
  _sk_bulk_delete_properties[PROP_EXPIRY_DAYS] =
    g_param_spec_uint ("expiry-days", NULL, NULL,
                       0, SK_VECTOR_STORE_MAX_EXPIRY_DAYS, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, _sk_bulk_delete_properties);
}
