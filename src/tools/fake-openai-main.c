/* fake-openai-main.c — placeholder until the simulated account lands */
#include <glib.h>

int
main (int    argc,
      char **argv)
{
  g_printerr ("storekeeper-fake-openai: not available yet\n");
  return 1;
}
