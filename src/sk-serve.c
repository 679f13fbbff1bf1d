/* sk-serve.c — placeholder until the local API lands (issue 4) */
#include <glib.h>
#include "sk-serve.h"

int
sk_serve_main (int    argc,
               char **argv)
{
  g_printerr ("storekeeper: --serve is not available yet\n");
  return 1;
}
