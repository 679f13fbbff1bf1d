/* sk-local-gates.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "sk-local-gates.h"

#include <string.h>

/* The registry of rate-limit gates, one per account (key, organization,
 * project), shared by the clients of every request made with it, so that
 * a 429 met by one request holds back the others: parallel DELETE /files
 * calls slow down together. Each request still has its own SkClient, made
 * for it and dropped with it: the key lives in that client only, for that
 * request only.
 *
 * What outlives a request is a SharedGate, found by a SHA-256 (hex) of
 * key, organization and project: a one-way digest, not the key, from
 * which the key cannot be recovered; the gate itself holds only a time
 * (when the account may send again). A gate no request uses is dropped
 * after SK_LOCAL_GATE_IDLE_US (a timer runs while the registry is not
 * empty), or before when SK_LOCAL_MAX_GATES exist and a new account
 * comes. */

struct _SkLocalGates
{
  GHashTable *table;     /* SHA-256 hex -> SharedGate* */
  guint       sweep_id;
};

typedef struct
{
  SkRateGate *gate;
  gint64      last_used_us;
  guint       users;     /* requests using it now */
} SharedGate;

static void
shared_gate_free (gpointer data)
{
  SharedGate *shared = data;

  g_clear_pointer (&shared->gate, sk_rate_gate_unref);
  g_free (shared);
}

static char *
account_digest (const char *api_key,
                const char *organization,
                const char *project)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (organization == NULL)
    organization = "";
  if (project == NULL)
    project = "";

  g_checksum_update (checksum, (const guchar *) api_key, (gssize) strlen (api_key));
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) organization, (gssize) strlen (organization));
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) project, (gssize) strlen (project));

  return g_strdup (g_checksum_get_string (checksum));
}

/* Drops the gates no request uses that were last used
 * SK_LOCAL_GATE_IDLE_US before @now_us, then the least recently used
 * unused ones until there is room for one more below SK_LOCAL_MAX_GATES. */
static void
sweep (SkLocalGates *gates,
       gint64        now_us)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, gates->table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SharedGate *shared = value;

      if (shared->users == 0 && now_us - shared->last_used_us >= SK_LOCAL_GATE_IDLE_US)
        g_hash_table_iter_remove (&iter);
    }

  while (g_hash_table_size (gates->table) >= SK_LOCAL_MAX_GATES)
    {
      gpointer oldest_key = NULL;
      gint64 oldest = G_MAXINT64;
      gpointer key;

      g_hash_table_iter_init (&iter, gates->table);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          SharedGate *shared = value;

          if (shared->users == 0 && shared->last_used_us < oldest)
            {
              oldest = shared->last_used_us;
              oldest_key = key;
            }
        }
      if (oldest_key == NULL)
        break;
      g_hash_table_remove (gates->table, oldest_key);
    }
}

static gboolean
sweep_cb (gpointer user_data)
{
  SkLocalGates *gates = user_data;

  sweep (gates, g_get_monotonic_time ());
  if (g_hash_table_size (gates->table) > 0)
    return G_SOURCE_CONTINUE;

  gates->sweep_id = 0;
  return G_SOURCE_REMOVE;
}

SkLocalGates *
sk_local_gates_new (void)
{
  SkLocalGates *gates = g_new0 (SkLocalGates, 1);

  gates->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shared_gate_free);
  return gates;
}

void
sk_local_gates_free (SkLocalGates *gates)
{
  if (gates == NULL)
    return;

  g_clear_handle_id (&gates->sweep_id, g_source_remove);
  g_hash_table_unref (gates->table);
  g_free (gates);
}

/**
 * sk_local_gates_acquire:
 * @digest_out: (out) (transfer full): what to give back to
 *   sk_local_gates_release()
 *
 * The gate of @api_key's account, made when there is none.
 *
 * Returns: (transfer full): the gate
 */
SkRateGate *
sk_local_gates_acquire (SkLocalGates  *gates,
                        const char    *api_key,
                        const char    *organization,
                        const char    *project,
                        char         **digest_out)
{
  g_autofree char *digest = NULL;
  SharedGate *shared;

  g_return_val_if_fail (gates != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);
  g_return_val_if_fail (digest_out != NULL, NULL);

  digest = account_digest (api_key, organization, project);
  shared = g_hash_table_lookup (gates->table, digest);
  if (shared == NULL)
    {
      /* room first: the new gate is not used yet */
      sweep (gates, g_get_monotonic_time ());
      shared = g_new0 (SharedGate, 1);
      shared->gate = sk_rate_gate_new ();
      g_hash_table_insert (gates->table, g_strdup (digest), shared);
    }

  shared->users++;
  shared->last_used_us = g_get_monotonic_time ();
  if (gates->sweep_id == 0)
    gates->sweep_id = g_timeout_add_seconds (60, sweep_cb, gates);

  *digest_out = g_steal_pointer (&digest);
  return sk_rate_gate_ref (shared->gate);
}

/* Gives back a gate taken with sk_local_gates_acquire(); @digest may be
 * NULL, or name a gate dropped meanwhile by sk_local_gates_clear(). */
void
sk_local_gates_release (SkLocalGates *gates,
                        const char   *digest)
{
  SharedGate *shared;

  g_return_if_fail (gates != NULL);

  if (digest == NULL)
    return;

  shared = g_hash_table_lookup (gates->table, digest);
  if (shared == NULL)
    return;

  g_assert (shared->users > 0);
  shared->users--;
  shared->last_used_us = g_get_monotonic_time ();
}

/* Drops every gate, used or not (a request still holding one keeps its
 * reference and is fine). */
void
sk_local_gates_clear (SkLocalGates *gates)
{
  g_return_if_fail (gates != NULL);

  g_hash_table_remove_all (gates->table);
  g_clear_handle_id (&gates->sweep_id, g_source_remove);
}

/* Sweeps as the timer does, at the monotonic time @now_us. */
void
sk_local_gates_sweep_at (SkLocalGates *gates,
                         gint64        now_us)
{
  g_return_if_fail (gates != NULL);

  sweep (gates, now_us);
}

guint
sk_local_gates_get_size (SkLocalGates *gates)
{
  g_return_val_if_fail (gates != NULL, 0);

  return g_hash_table_size (gates->table);
}
