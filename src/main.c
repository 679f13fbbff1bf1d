/* main.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sk-rule-cli.h"
#include "sk-serve.h"

#ifdef SK_WITH_GUI
# include "sk-application.h"
#endif

/* Decide before any GTK object exists: --serve and --rule run headless. */
static gboolean
wants (int         argc,
       char      **argv,
       const char *option)
{
  gsize len = strlen (option);

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strncmp (argv[i], option, len) == 0 && (argv[i][len] == '\0' || argv[i][len] == '='))
        return TRUE;
    }
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wants (argc, argv, "--serve"))
    return sk_serve_main (argc, argv);
  if (wants (argc, argv, "--rule"))
    return sk_rule_cli_main (argc, argv);

#ifdef SK_WITH_GUI
  {
    g_autoptr (SkApplication) app = sk_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  g_printerr ("%s\n", _("This build of Storekeeper has no window; use --serve."));
  return 1;
#endif
}
