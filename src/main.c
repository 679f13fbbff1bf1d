/* main.c
 *
 * Copyright 2026 The Storekeeper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sk-serve.h"

#ifdef SK_WITH_GUI
# include "sk-application.h"
#endif

/* Decide before any GTK object exists: --serve runs headless. */
static gboolean
wants_serve (int    argc,
             char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--serve") == 0)
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

  if (wants_serve (argc, argv))
    return sk_serve_main (argc, argv);

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
