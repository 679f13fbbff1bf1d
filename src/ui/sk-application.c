/* sk-application.c — placeholder until the window lands (issue 5) */
#include "sk-application.h"

struct _SkApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SkApplication, sk_application, ADW_TYPE_APPLICATION)

static void
sk_application_activate (GApplication *app)
{
  GtkWindow *window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));

  gtk_window_present (window);
}

static void
sk_application_class_init (SkApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = sk_application_activate;
}

static void
sk_application_init (SkApplication *self)
{
}

SkApplication *
sk_application_new (void)
{
  return g_object_new (SK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
