/* sk-fake-dataset.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sk-fake-dataset.h"

#include <math.h>

/* A seeded, realistic account: files of every purpose with plausible names
 * and log-normal sizes over the last two years, vector stores of varied
 * sizes and states, files shared by several stores, and orphans. The same
 * seed gives the same ids, names, sizes and shape; times are relative to the
 * start of the current day (UTC). */

#define DAY   (24 * 60 * 60)
#define SPAN  (730 * DAY)

typedef struct
{
  const char *purpose;
  guint       weight;
  double      mu;      /* log of the median size in bytes */
} Purpose;

static const Purpose purposes[] = {
  { "assistants",        30, 12.2 },  /* ~200 KB */
  { "user_data",         18, 11.5 },
  { "batch",              9, 13.8 },  /* ~1 MB */
  { "batch_output",       7, 14.2 },
  { "fine-tune",          8, 14.5 },
  { "fine-tune-results",  5,  9.5 },
  { "vision",            12, 12.6 },
  { "assistants_output",  6, 11.0 },
  { "evals",              5, 12.0 },
};

static const char *const words[] = {
  "alpha", "atlas", "billing", "onboarding", "roadmap", "pricing", "security",
  "support", "marketing", "legal", "hr", "sales", "ops", "platform", "mobile",
  "search", "payments", "analytics", "design", "research", "infra", "growth",
};

static const char *const store_names[] = {
  "Support knowledge base", "Product docs", "Legal contracts", "HR handbook",
  "Sales playbook", "Research papers", "Customer FAQ", "Engineering wiki",
  "Release notes", "Onboarding", "Policies", "Meeting notes", "Scratch",
  "test vector store", "RAG prototype", "Invoices", "Competitor analysis",
};

static double
normal (GRand *rand)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static const char *
pick (GRand             *rand,
      const char *const *list,
      guint              n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static char *
make_filename (GRand      *rand,
               const char *purpose,
               gint64      created_at)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (created_at);
  int year = g_date_time_get_year (dt);
  int month = g_date_time_get_month (dt);
  int day = g_date_time_get_day_of_month (dt);
  guint n = g_rand_int_range (rand, 1, 100000);
  const char *w = PICK (rand, words);

  if (g_str_equal (purpose, "assistants") || g_str_equal (purpose, "user_data"))
    {
      switch (g_rand_int_range (rand, 0, 14))
        {
        case 0:  return g_strdup_printf ("reports-%d-q%d.pdf", year, (month - 1) / 3 + 1);
        case 1:  return g_strdup_printf ("customer-faq%s.md", n % 3 ? "" : "-v2");
        case 2:  return g_strdup_printf ("meeting-notes-%04d-%02d-%02d.txt", year, month, day);
        case 3:  return g_strdup_printf ("%s-handbook-v%u.pdf", w, n % 7 + 1);
        case 4:  return g_strdup_printf ("invoice-%05u.pdf", n);
        case 5:  return g_strdup_printf ("%s-policy.md", w);
        case 6:  return g_strdup_printf ("%s-spec-%u.docx", w, n % 40);
        case 7:  return g_strdup_printf ("contract-%05u.pdf", n);
        case 8:  return g_strdup_printf ("data-export-%04d%02d%02d.csv", year, month, day);
        case 9:  return g_strdup_printf ("%s-slides.pptx", w);
        case 10: return g_strdup_printf ("transcript-%u.txt", n);
        case 11: return g_strdup_printf ("résumé-%u.pdf", n % 500);
        case 12: return g_strdup_printf ("議事録-%u.txt", n % 300);
        default: return g_strdup_printf ("%s-notes.md", w);
        }
    }
  if (g_str_equal (purpose, "batch"))
    return g_strdup_printf ("batch-requests-%05u.jsonl", n);
  if (g_str_equal (purpose, "batch_output"))
    return g_strdup_printf ("batch_%08x%08x_output.jsonl", g_rand_int (rand), g_rand_int (rand));
  if (g_str_equal (purpose, "fine-tune"))
    return g_strdup_printf (n % 4 ? "train-%05u.jsonl" : "validation-%05u.jsonl", n % 100000);
  if (g_str_equal (purpose, "fine-tune-results"))
    return g_strdup ("step_metrics.csv");
  if (g_str_equal (purpose, "vision"))
    {
      switch (n % 3)
        {
        case 0:  return g_strdup_printf ("screenshot-%04u.png", n % 10000);
        case 1:  return g_strdup_printf ("IMG_%04u.jpg", n % 10000);
        default: return g_strdup_printf ("%s-diagram.png", w);
        }
    }
  if (g_str_equal (purpose, "assistants_output"))
    return g_strdup_printf (n % 2 ? "chart-%u.png" : "output-%u.csv", n % 1000);
  if (g_str_equal (purpose, "evals"))
    return g_strdup_printf ("eval-set-%s-%04u.jsonl", w, n % 10000);
  return g_strdup_printf ("file-%u.bin", n);
}

static const Purpose *
pick_purpose (GRand *rand)
{
  guint total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    total += purposes[i].weight;
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      if (r < purposes[i].weight)
        return &purposes[i];
      r -= purposes[i].weight;
    }
  return &purposes[0];
}

/* Recent times are more likely than old ones. */
static gint64
pick_time (GRand  *rand,
           gint64  now,
           gint64  span)
{
  double u = g_rand_double (rand);

  return now - 1 - (gint64) (pow (u, 1.6) * span);
}

static guint
pick_store_size (GRand *rand,
                 guint  n_pool)
{
  double r = g_rand_double (rand);
  guint size;

  if (n_pool == 0 || r < 0.12)
    return 0;                                           /* empty */
  if (r < 0.70)
    size = g_rand_int_range (rand, 1, 12);              /* small */
  else if (r < 0.94)
    size = g_rand_int_range (rand, 12, 60);             /* medium */
  else
    size = g_rand_int_range (rand, 60, 400);            /* large */
  return MIN (size, n_pool);
}

/* Fills @store with @n_files files and @n_vector_stores stores drawn from
 * @seed. */
void
sk_fake_dataset_generate (SkFakeStore *store,
                          guint        seed,
                          guint        n_files,
                          guint        n_vector_stores)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);   /* attachable ids */
  g_autoptr (GArray) pool_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC / DAY * DAY;
  guint n_hot;

  for (guint i = 0; i < n_files; i++)
    {
      const Purpose *p = pick_purpose (rand);
      gint64 created_at, expires_at = 0, bytes;
      g_autofree char *id = NULL;
      g_autofree char *filename = NULL;
      const char *added = NULL;

      if (g_str_equal (p->purpose, "batch") || g_str_equal (p->purpose, "batch_output"))
        {
          /* batch files expire after 30 days, so only recent ones remain */
          created_at = now - 1 - g_rand_int_range (rand, 0, 29 * DAY);
          expires_at = created_at + 30 * DAY;
        }
      else
        created_at = pick_time (rand, now, SPAN);

      bytes = (gint64) exp (p->mu + 1.4 * normal (rand));
      bytes = CLAMP (bytes, 12, (gint64) 512 * 1024 * 1024);
      filename = make_filename (rand, p->purpose, created_at);

      while (added == NULL)
        {
          g_free (id);
          id = sk_fake_make_file_id (rand);
          added = sk_fake_store_add_file (store, id, filename, p->purpose,
                                          bytes, created_at, expires_at);
        }

      /* about one in five of the documents is an orphan: in no store */
      if ((g_str_equal (p->purpose, "assistants") || g_str_equal (p->purpose, "user_data")) &&
          g_rand_double (rand) >= 0.2)
        {
          g_ptr_array_add (pool, g_strdup (added));
          g_array_append_val (pool_times, created_at);
        }
    }

  /* a few "hot" documents are shared by many stores */
  n_hot = MIN (pool->len, MAX (pool->len / 50, 1));

  for (guint i = 0; i < n_vector_stores; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      const char *added = NULL;
      gint64 created_at = pick_time (rand, now, SPAN);
      gint64 last_active_at;
      guint expires_days = 0;
      const char *status = "completed";
      double r = g_rand_double (rand);
      guint size;
      gboolean failing = g_rand_double (rand) < 0.1;

      if (g_rand_double (rand) >= 0.08)
        {
          if (g_rand_boolean (rand))
            name = g_strdup (PICK (rand, store_names));
          else
            name = g_strdup_printf ("%s %s", PICK (rand, store_names), PICK (rand, words));
        }

      last_active_at = created_at + (gint64) (g_rand_double (rand) * (now - created_at));
      if (r < 0.08)
        {
          /* expired: a short policy, inactive for longer than it */
          expires_days = g_rand_int_range (rand, 1, 15);
          if (now - created_at < (gint64) (expires_days + 2) * DAY)
            created_at = now - (gint64) (expires_days + 30) * DAY;
          last_active_at = created_at + g_rand_int_range (rand, 0, DAY);
          status = "expired";
        }
      else if (r < 0.20)
        {
          /* an expiry policy, not yet reached */
          expires_days = g_rand_int_range (rand, 7, 366);
          last_active_at = MAX (last_active_at, now - (gint64) (expires_days - 1) * DAY);
          created_at = MIN (created_at, last_active_at);
        }
      else if (r < 0.25)
        status = "in_progress";

      while (added == NULL)
        {
          g_free (id);
          id = sk_fake_make_vector_store_id (rand);
          added = sk_fake_store_add_vector_store (store, id, name, created_at,
                                                  last_active_at, expires_days, status);
        }

      size = pick_store_size (rand, pool->len);
      for (guint k = 0; k < size; k++)
        {
          guint j = g_rand_double (rand) < 0.15 ? g_rand_int_range (rand, 0, n_hot)
                                                : g_rand_int_range (rand, 0, pool->len);
          const char *file_status = "completed";
          const char *error_code = NULL;
          gint64 file_time = g_array_index (pool_times, gint64, j);
          gint64 attached_at = MAX (file_time, created_at) + g_rand_int_range (rand, 0, 3600);
          double s = g_rand_double (rand);

          if (failing && s < 0.25)
            {
              static const char *const codes[] = { "unsupported_file", "invalid_file", "server_error" };

              file_status = "failed";
              error_code = PICK (rand, codes);
            }
          else if (g_str_equal (status, "in_progress") && s < 0.5)
            file_status = "in_progress";
          else if (s > 0.995)
            file_status = "cancelled";

          sk_fake_store_attach_by_id (store, added, g_ptr_array_index (pool, j), file_status,
                                      MIN (attached_at, now - 1), error_code);
        }
    }
}
