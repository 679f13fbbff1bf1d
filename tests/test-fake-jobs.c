/* test-fake-jobs.c: the batches and fine-tuning jobs of the simulated account
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain libsoup requests against GET /v1/batches and GET /v1/fine_tuning/jobs:
 * shapes, pagination newest first, limit ranges, and the seeded share of
 * files they use.
 */

#include "config.h"

#include "fake-http.h"

static void
test_batch_shapes (Fixture       *f,
                   gconstpointer  d)
{
  g_autoptr (Reply) list = NULL;
  JsonObject *batch;
  JsonArray *a;

  sk_fake_openai_add_file (f->fake, "file-in1", "in.jsonl", "batch", 50, 1700000000);
  sk_fake_openai_add_file (f->fake, "file-out1", "out.jsonl", "batch_output", 50, 1700000100);
  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_old", "completed", "file-in1", "file-out1"));
  g_assert_true (sk_fake_openai_add_batch (f->fake, "batch_new", "in_progress", "file-in1", NULL));
  /* an id taken or a status the spec does not have is refused */
  g_assert_false (sk_fake_openai_add_batch (f->fake, "batch_new", "completed", "file-in1", NULL));
  g_assert_false (sk_fake_openai_add_batch (f->fake, NULL, "done", "file-in1", NULL));
  g_assert_cmpuint (sk_fake_openai_get_n_batches (f->fake), ==, 2);

  list = get (f, "/v1/batches");
  a = data (list);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_false (json_object_get_boolean_member (obj (list), "has_more"));

  /* same second: insertion order kept, as for files */
  batch = json_array_get_object_element (a, 0);
  g_assert_cmpstr (str (batch, "object"), ==, "batch");
  g_assert_cmpstr (str (batch, "id"), ==, "batch_old");
  g_assert_cmpstr (str (batch, "status"), ==, "completed");
  g_assert_cmpstr (str (batch, "input_file_id"), ==, "file-in1");
  g_assert_cmpstr (str (batch, "output_file_id"), ==, "file-out1");
  g_assert_cmpstr (str (batch, "completion_window"), ==, "24h");
  g_assert_true (json_object_has_member (batch, "endpoint"));

  /* a running batch has no output yet: the member is absent, not null */
  batch = json_array_get_object_element (a, 1);
  g_assert_cmpstr (str (batch, "status"), ==, "in_progress");
  g_assert_false (json_object_has_member (batch, "output_file_id"));
  g_assert_false (json_object_has_member (batch, "error_file_id"));
}

static void
test_job_shapes (Fixture       *f,
                 gconstpointer  d)
{
  g_autoptr (Reply) list = NULL;
  JsonObject *job;
  JsonArray *results;
  JsonArray *a;

  g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, "ftjob-a", "succeeded",
                                                     "file-train", "file-valid", "file-result"));
  g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, "ftjob-b", "running",
                                                     "file-train", NULL, NULL));
  g_assert_false (sk_fake_openai_add_fine_tuning_job (f->fake, NULL, "in_progress",
                                                      "file-train", NULL, NULL));
  g_assert_cmpuint (sk_fake_openai_get_n_fine_tuning_jobs (f->fake), ==, 2);

  list = get (f, "/v1/fine_tuning/jobs");
  a = data (list);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);

  job = json_array_get_object_element (a, 0);
  g_assert_cmpstr (str (job, "object"), ==, "fine_tuning.job");
  g_assert_cmpstr (str (job, "id"), ==, "ftjob-a");
  g_assert_cmpstr (str (job, "status"), ==, "succeeded");
  g_assert_cmpstr (str (job, "training_file"), ==, "file-train");
  g_assert_cmpstr (str (job, "validation_file"), ==, "file-valid");
  results = json_object_get_array_member (job, "result_files");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (results, 0), ==, "file-result");
  g_assert_false (is_null (job, "finished_at"));

  job = json_array_get_object_element (a, 1);
  g_assert_cmpstr (str (job, "status"), ==, "running");
  g_assert_true (is_null (job, "validation_file"));
  g_assert_true (is_null (job, "finished_at"));
  g_assert_true (is_null (job, "fine_tuned_model"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (job, "result_files")), ==, 0);
  /* every member the spec requires */
  {
    const char *required[] = { "created_at", "error", "finished_at", "fine_tuned_model",
                               "hyperparameters", "id", "model", "object", "organization_id",
                               "result_files", "status", "trained_tokens", "training_file",
                               "validation_file", "seed" };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      g_assert_true (json_object_has_member (job, required[i]));
  }
}

static void
test_pagination (Fixture       *f,
                 gconstpointer  d)
{
  const char *paths[] = { "/v1/batches", "/v1/fine_tuning/jobs" };

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *batch = g_strdup_printf ("batch_%04u", i);
      g_autofree char *job = g_strdup_printf ("ftjob-%04u", i);

      g_assert_true (sk_fake_openai_add_batch (f->fake, batch, "completed", "file-x", NULL));
      g_assert_true (sk_fake_openai_add_fine_tuning_job (f->fake, job, "succeeded", "file-x",
                                                         NULL, NULL));
    }

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      g_autoptr (GPtrArray) ids = NULL;
      guint n_pages = 0;

      ids = walk (f, paths[p], "?limit=7", &n_pages);
      g_assert_cmpuint (n_pages, ==, 4);
      g_assert_cmpuint (ids->len, ==, 25);
      for (guint i = 1; i < ids->len; i++)
        g_assert_cmpstr (ids->pdata[i - 1], !=, ids->pdata[i]);

      /* default page: 20 */
      {
        g_autoptr (Reply) reply = get (f, paths[p]);

        g_assert_cmpuint (json_array_get_length (data (reply)), ==, 20);
        g_assert_true (json_object_get_boolean_member (obj (reply), "has_more"));
      }
    }
}

static void
test_limits (Fixture       *f,
             gconstpointer  d)
{
  struct { const char *path; guint status; const char *param; const char *code; } cases[] = {
    { "/v1/batches?limit=0", 400, "limit", "integer_below_min_value" },
    { "/v1/batches?limit=101", 400, "limit", "integer_above_max_value" },
    { "/v1/batches?limit=100", 200, NULL, NULL },
    { "/v1/batches?after=batch_nope", 400, "after", NULL },
    { "/v1/fine_tuning/jobs?limit=0", 400, "limit", "integer_below_min_value" },
    { "/v1/fine_tuning/jobs?limit=100", 200, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (Reply) reply = get (f, cases[i].path);

      if (cases[i].status == 200)
        data (reply);
      else
        assert_error (reply, cases[i].status, NULL, cases[i].param, cases[i].code);
    }

  {
    g_autoptr (Reply) reply = request (f, "DELETE", "/v1/batches", KEY, NULL);

    g_assert_cmpuint (reply->status, ==, 405);
  }
}

/* The generated account: most batch and fine-tune files are used, a few
 * of them by batches or jobs still running; the same seed gives the same
 * account. */
static void
test_generated (Fixture       *f,
                gconstpointer  d)
{
  g_autoptr (GPtrArray) batches = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  guint n_batches, n_jobs, n_pages;

  sk_fake_openai_generate (f->fake, 7, 2000, 20);
  n_batches = sk_fake_openai_get_n_batches (f->fake);
  n_jobs = sk_fake_openai_get_n_fine_tuning_jobs (f->fake);
  g_assert_cmpuint (n_batches, >, 10);
  g_assert_cmpuint (n_jobs, >, 5);

  batches = walk (f, "/v1/batches", "?limit=100", &n_pages);
  jobs = walk (f, "/v1/fine_tuning/jobs", "?limit=100", &n_pages);
  g_assert_cmpuint (batches->len, ==, n_batches);
  g_assert_cmpuint (jobs->len, ==, n_jobs);

  {
    g_autoptr (Reply) reply = get (f, "/v1/batches?limit=100");
    JsonArray *a = data (reply);
    guint running = 0, finished = 0;

    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *batch = json_array_get_object_element (a, i);
        const char *status = str (batch, "status");

        g_assert_true (sk_fake_openai_has_file (f->fake, str (batch, "input_file_id")));
        if (g_str_equal (status, "in_progress") || g_str_equal (status, "validating") ||
            g_str_equal (status, "finalizing"))
          running++;
        else
          finished++;
      }
    g_assert_cmpuint (running, >, 0);
    g_assert_cmpuint (finished, >, running);
  }

  sk_fake_openai_clear (f->fake);
  g_assert_cmpuint (sk_fake_openai_get_n_batches (f->fake), ==, 0);
  sk_fake_openai_generate (f->fake, 7, 2000, 20);
  g_assert_cmpuint (sk_fake_openai_get_n_batches (f->fake), ==, n_batches);
  g_assert_cmpuint (sk_fake_openai_get_n_fine_tuning_jobs (f->fake), ==, n_jobs);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/fake-jobs/batches/shapes", test_batch_shapes);
  ADD ("/fake-jobs/fine-tuning/shapes", test_job_shapes);
  ADD ("/fake-jobs/pagination", test_pagination);
  ADD ("/fake-jobs/limits", test_limits);
  ADD ("/fake-jobs/generated", test_generated);

  return g_test_run ();
}
